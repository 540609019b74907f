/* ioc-complaint.h — one complaint (phản ánh, kiến nghị): an Open311 GeoReport v2
 * service request with the project's extensions (feeds.md §1, domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-complaint-note.h"
#include "ioc-complaint-status.h"
#include "ioc-priority.h"

#include "ioc-enums.h"

G_BEGIN_DECLS

/* feeds.md §1 extension `channel`. */
typedef enum {
  IOC_COMPLAINT_CHANNEL_UNKNOWN,   /* absent or not one of the values below */
  IOC_COMPLAINT_CHANNEL_APP,
  IOC_COMPLAINT_CHANNEL_HOTLINE,
  IOC_COMPLAINT_CHANNEL_WEB,
  IOC_COMPLAINT_CHANNEL_ZALO,
  IOC_N_COMPLAINT_CHANNELS /*< skip >*/
} IocComplaintChannel;

const char  *ioc_complaint_channel_to_string   (IocComplaintChannel  channel); /* NULL for UNKNOWN */
/* Returns FALSE (and sets UNKNOWN) for anything but app|hotline|web|zalo. */
gboolean     ioc_complaint_channel_from_string (const char          *name,
                                                IocComplaintChannel *channel);
const char  *ioc_complaint_channel_label       (IocComplaintChannel  channel); /* translated */

#define IOC_TYPE_COMPLAINT (ioc_complaint_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaint, ioc_complaint, IOC, COMPLAINT, GObject)

/* Properties (read-write unless noted; notify is emitted only on change):
 *   Open311 standard: "service-request-id", "open" (status open|closed),
 *   "status-notes", "service-name", "service-code", "description",
 *   "agency-responsible", "service-notice", "requested-datetime",
 *   "updated-datetime", "expected-datetime" (GDateTime), "address",
 *   "address-id", "zipcode", "lat", "long", "has-location" (these three
 *   read-only: use ioc_complaint_set_location()), "media-url".
 *   Extensions: "extended-status", "has-extended-status", "priority",
 *   "commune-code", "notes" (GPtrArray of IocComplaintNote), "media-urls"
 *   (GStrv), "claimed-by", "duplicate-of", "channel".
 *   Derived, read-only: "status" (IocComplaintStatus, see ioc_complaint_get_status()).
 */

IocComplaint       *ioc_complaint_new                    (const char   *service_request_id);

const char         *ioc_complaint_get_service_request_id (IocComplaint *self);
void                ioc_complaint_set_service_request_id (IocComplaint *self, const char *value);
gboolean            ioc_complaint_get_open               (IocComplaint *self);
void                ioc_complaint_set_open               (IocComplaint *self, gboolean    open);
const char         *ioc_complaint_get_status_notes       (IocComplaint *self);
void                ioc_complaint_set_status_notes       (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_service_name       (IocComplaint *self);
void                ioc_complaint_set_service_name       (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_service_code       (IocComplaint *self);
void                ioc_complaint_set_service_code       (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_description        (IocComplaint *self);
void                ioc_complaint_set_description        (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_agency_responsible (IocComplaint *self);
void                ioc_complaint_set_agency_responsible (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_service_notice     (IocComplaint *self);
void                ioc_complaint_set_service_notice     (IocComplaint *self, const char *value);
GDateTime          *ioc_complaint_get_requested_datetime (IocComplaint *self);
void                ioc_complaint_set_requested_datetime (IocComplaint *self, GDateTime  *value);
GDateTime          *ioc_complaint_get_updated_datetime   (IocComplaint *self);
void                ioc_complaint_set_updated_datetime   (IocComplaint *self, GDateTime  *value);
GDateTime          *ioc_complaint_get_expected_datetime  (IocComplaint *self);
void                ioc_complaint_set_expected_datetime  (IocComplaint *self, GDateTime  *value);
const char         *ioc_complaint_get_address            (IocComplaint *self);
void                ioc_complaint_set_address            (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_address_id         (IocComplaint *self);
void                ioc_complaint_set_address_id         (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_zipcode            (IocComplaint *self);
void                ioc_complaint_set_zipcode            (IocComplaint *self, const char *value);
gboolean            ioc_complaint_get_has_location       (IocComplaint *self);
double              ioc_complaint_get_lat                (IocComplaint *self);
double              ioc_complaint_get_long               (IocComplaint *self);
/* Sets lat and long together and marks the location present. */
void                ioc_complaint_set_location           (IocComplaint *self, double lat, double lon);
void                ioc_complaint_clear_location         (IocComplaint *self);
const char         *ioc_complaint_get_media_url          (IocComplaint *self);
void                ioc_complaint_set_media_url          (IocComplaint *self, const char *value);

/* The status the server sent in `extended_status`, if any. */
gboolean            ioc_complaint_get_has_extended_status (IocComplaint *self);
IocComplaintStatus  ioc_complaint_get_extended_status    (IocComplaint *self);
void                ioc_complaint_set_extended_status    (IocComplaint *self, IocComplaintStatus status);
void                ioc_complaint_clear_extended_status  (IocComplaint *self);
/* The effective status: extended_status when present, else derived from open/closed. */
IocComplaintStatus  ioc_complaint_get_status             (IocComplaint *self);
/* Open311 open/closed as implied by the effective status. */
gboolean            ioc_complaint_is_open                (IocComplaint *self);

IocPriority         ioc_complaint_get_priority           (IocComplaint *self);
void                ioc_complaint_set_priority           (IocComplaint *self, IocPriority priority);
const char         *ioc_complaint_get_commune_code       (IocComplaint *self);
void                ioc_complaint_set_commune_code       (IocComplaint *self, const char *value);
/* (element-type IocComplaintNote) (transfer none): never NULL, oldest first as sent. */
GPtrArray          *ioc_complaint_get_notes              (IocComplaint *self);
/* Takes a deep copy of @notes (NULL means none). */
void                ioc_complaint_set_notes              (IocComplaint *self, GPtrArray  *notes);
void                ioc_complaint_add_note               (IocComplaint *self, const IocComplaintNote *note);
/* (transfer none) (nullable) */
const char * const *ioc_complaint_get_media_urls         (IocComplaint *self);
void                ioc_complaint_set_media_urls         (IocComplaint *self, const char * const *urls);
const char         *ioc_complaint_get_claimed_by         (IocComplaint *self);
void                ioc_complaint_set_claimed_by         (IocComplaint *self, const char *value);
const char         *ioc_complaint_get_duplicate_of       (IocComplaint *self);
void                ioc_complaint_set_duplicate_of       (IocComplaint *self, const char *value);
IocComplaintChannel ioc_complaint_get_channel            (IocComplaint *self);
void                ioc_complaint_set_channel            (IocComplaint *self, IocComplaintChannel channel);

/* When the complaint was resolved: the latest resolution note's datetime, or
 * for a closed complaint without one, updated_datetime. (transfer none) (nullable) */
GDateTime          *ioc_complaint_get_resolved_datetime  (IocComplaint *self);
/* domain.md §3: overdue is derived — open and past @due at @now. */
gboolean            ioc_complaint_is_overdue             (IocComplaint *self,
                                                          GDateTime    *due,
                                                          GDateTime    *now);

/* Copies every field of @other that differs into @self, notifying only the
 * properties that changed. Returns TRUE when anything changed. */
gboolean            ioc_complaint_update_from            (IocComplaint *self,
                                                          IocComplaint *other);
gboolean            ioc_complaint_equal                  (IocComplaint *a,
                                                          IocComplaint *b);
IocComplaint       *ioc_complaint_copy                   (IocComplaint *self);

G_END_DECLS
