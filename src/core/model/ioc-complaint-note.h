/* ioc-complaint-note.h — one entry of a complaint's history
 * (feeds.md §1 extension `notes: [{datetime, description, type, author}]`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  GDateTime *datetime;     /* nullable */
  char      *description;  /* nullable; untrusted text */
  char      *type;         /* nullable; "resolved", "closed", "comment"… free-form */
  char      *author;       /* nullable */
} IocComplaintNote;

#define IOC_TYPE_COMPLAINT_NOTE (ioc_complaint_note_get_type ())
GType             ioc_complaint_note_get_type (void) G_GNUC_CONST;

IocComplaintNote *ioc_complaint_note_new      (GDateTime              *datetime,
                                               const char             *description,
                                               const char             *type,
                                               const char             *author);
IocComplaintNote *ioc_complaint_note_copy     (const IocComplaintNote *note);
void              ioc_complaint_note_free     (IocComplaintNote       *note);
gboolean          ioc_complaint_note_equal    (const IocComplaintNote *a,
                                               const IocComplaintNote *b);
/* TRUE when the note records the resolution ("resolved" or "closed", any case). */
gboolean          ioc_complaint_note_is_resolution (const IocComplaintNote *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocComplaintNote, ioc_complaint_note_free)

G_END_DECLS
