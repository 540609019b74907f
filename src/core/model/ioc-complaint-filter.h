/* ioc-complaint-filter.h — the criteria of the complaints queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-calendar.h"
#include "ioc-complaint.h"
#include "ioc-field.h"

G_BEGIN_DECLS

/* How a change relates to the previous criteria, so that a view can refilter
 * only what may have changed (same meaning as GtkFilterChange). */
typedef enum {
  IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT,
  IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT,
  IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT,
} IocComplaintFilterChange;

/* One bit per value; a mask of 0 means "any". Bit IOC_N_FIELDS is "a
 * service_code that is not a known field". */
#define IOC_COMPLAINT_FILTER_BIT(v) (1u << (v))

#define IOC_TYPE_COMPLAINT_FILTER (ioc_complaint_filter_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintFilter, ioc_complaint_filter, IOC, COMPLAINT_FILTER, GObject)

IocComplaintFilter *ioc_complaint_filter_new            (void);
IocComplaintFilter *ioc_complaint_filter_copy           (IocComplaintFilter *self);
gboolean            ioc_complaint_filter_equal          (IocComplaintFilter *a,
                                                         IocComplaintFilter *b);
void                ioc_complaint_filter_assign         (IocComplaintFilter *self,
                                                         IocComplaintFilter *other);
void                ioc_complaint_filter_reset          (IocComplaintFilter *self);
gboolean            ioc_complaint_filter_is_empty       (IocComplaintFilter *self);

void                ioc_complaint_filter_set_status_mask   (IocComplaintFilter *self, guint mask);
guint               ioc_complaint_filter_get_status_mask   (IocComplaintFilter *self);
void                ioc_complaint_filter_set_field_mask    (IocComplaintFilter *self, guint mask);
guint               ioc_complaint_filter_get_field_mask    (IocComplaintFilter *self);
void                ioc_complaint_filter_set_priority_mask (IocComplaintFilter *self, guint mask);
guint               ioc_complaint_filter_get_priority_mask (IocComplaintFilter *self);
/* Sets of values: a complaint is kept when its value is any of them; NULL or
 * an empty list means "any". The getters return a sorted, NULL-terminated
 * list, or NULL when the set is empty. */
void                ioc_complaint_filter_set_communes      (IocComplaintFilter *self,
                                                            const char * const *codes);
const char * const *ioc_complaint_filter_get_communes      (IocComplaintFilter *self);
void                ioc_complaint_filter_set_agencies      (IocComplaintFilter *self,
                                                            const char * const *agencies);
const char * const *ioc_complaint_filter_get_agencies      (IocComplaintFilter *self);
/* Single-value forms: set one value (NULL for any); get it when exactly one
 * value is set, else NULL. */
void                ioc_complaint_filter_set_commune_code  (IocComplaintFilter *self, const char *code);
const char         *ioc_complaint_filter_get_commune_code  (IocComplaintFilter *self);
void                ioc_complaint_filter_set_agency        (IocComplaintFilter *self, const char *agency);
const char         *ioc_complaint_filter_get_agency        (IocComplaintFilter *self);
void                ioc_complaint_filter_set_overdue_only  (IocComplaintFilter *self, gboolean overdue_only);
gboolean            ioc_complaint_filter_get_overdue_only  (IocComplaintFilter *self);
void                ioc_complaint_filter_set_mine          (IocComplaintFilter *self, gboolean mine);
gboolean            ioc_complaint_filter_get_mine          (IocComplaintFilter *self);
/* Received in [@from, @to); either may be NULL. */
void                ioc_complaint_filter_set_received_range (IocComplaintFilter *self,
                                                            GDateTime          *from,
                                                            GDateTime          *to);
GDateTime          *ioc_complaint_filter_get_received_from (IocComplaintFilter *self);
GDateTime          *ioc_complaint_filter_get_received_to   (IocComplaintFilter *self);
void                ioc_complaint_filter_set_search        (IocComplaintFilter *self, const char *text);
const char         *ioc_complaint_filter_get_search        (IocComplaintFilter *self);
/* The search folded (ioc_fold()); "" when there is none. */
const char         *ioc_complaint_filter_get_search_folded (IocComplaintFilter *self);

/* The context a match needs and that is not part of a saved view: who "mine"
 * is, the calendar for deadlines and the current time for "overdue". */
void                ioc_complaint_filter_set_operator      (IocComplaintFilter *self, const char *name);
const char         *ioc_complaint_filter_get_operator      (IocComplaintFilter *self);
void                ioc_complaint_filter_set_calendar      (IocComplaintFilter *self, IocCalendar *calendar);
IocCalendar        *ioc_complaint_filter_get_calendar      (IocComplaintFilter *self);
void                ioc_complaint_filter_set_now           (IocComplaintFilter *self, GDateTime *now);
/* (transfer full): the time set, else the clock's. */
GDateTime          *ioc_complaint_filter_dup_now           (IocComplaintFilter *self);

gboolean            ioc_complaint_filter_matches           (IocComplaintFilter *self,
                                                            IocComplaint       *complaint);
/* Every criterion but the text search (for a caller that searches many
 * complaints at once). */
gboolean            ioc_complaint_filter_matches_except_search (IocComplaintFilter *self,
                                                                IocComplaint       *complaint);

/* Saved views (issue "Complaint triage"): the criteria, without the context. */
void                ioc_complaint_filter_save              (IocComplaintFilter *self,
                                                            GKeyFile           *key_file,
                                                            const char         *group);
gboolean            ioc_complaint_filter_load              (IocComplaintFilter *self,
                                                            GKeyFile           *key_file,
                                                            const char         *group,
                                                            GError            **error);
/* A one-line summary of the active criteria, for exports. (transfer full) */
char               *ioc_complaint_filter_describe          (IocComplaintFilter *self);

G_END_DECLS
