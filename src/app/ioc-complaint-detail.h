/* ioc-complaint-detail.h — the detail pane of the complaints queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <shumate/shumate.h>

#include "ioc-complaint.h"
#include "ioc-deadline.h"
#include "ioc-geo-json.h"

G_BEGIN_DECLS

/* Largest photo downloaded, and largest side decoded (feeds.md: URLs from a
 * feed are followed only for http(s) media, with size limits). */
#define IOC_COMPLAINT_PHOTO_MAX_BYTES  (5 * 1024 * 1024)
#define IOC_COMPLAINT_PHOTO_MAX_PIXELS 8192

#define IOC_TYPE_COMPLAINT_DETAIL (ioc_complaint_detail_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintDetail, ioc_complaint_detail, IOC, COMPLAINT_DETAIL, GtkWidget)

GtkWidget    *ioc_complaint_detail_new            (void);
void          ioc_complaint_detail_set_session    (IocComplaintDetail *self,
                                                   SoupSession        *session);
/* @source: the base map of the small location map, shared by the page
 * (the offline source: never the network); until it is set the map is hidden. */
void          ioc_complaint_detail_set_map_source (IocComplaintDetail *self,
                                                   ShumateMapSource   *source);
void          ioc_complaint_detail_set_boundaries (IocComplaintDetail *self,
                                                   IocGeoJson         *boundaries);
void          ioc_complaint_detail_set_operator   (IocComplaintDetail *self,
                                                   const char         *name);
void          ioc_complaint_detail_focus_actions  (IocComplaintDetail *self);
/* @duplicates: (element-type IocComplaint) (nullable): likely duplicates
 * (domain.md §3), nearest first. @delivery: (nullable): the row's delivery
 * state word; @delivery_message: (nullable): why it failed. */
void          ioc_complaint_detail_show           (IocComplaintDetail *self,
                                                   IocComplaint       *complaint,
                                                   const IocDeadline  *deadline,
                                                   GDateTime          *now,
                                                   GPtrArray          *duplicates,
                                                   const char         *delivery,
                                                   const char         *delivery_message);
IocComplaint *ioc_complaint_detail_get_complaint  (IocComplaintDetail *self);
/* Photos finished loading or failing (tests). */
guint         ioc_complaint_detail_get_n_photos_pending (IocComplaintDetail *self);
/* (transfer none): the text shown for photo @i: "" when it is shown,
 * else the placeholder's reason. */
const char   *ioc_complaint_detail_get_photo_status (IocComplaintDetail *self,
                                                     guint               i);

/* (transfer none): the small location map, and the label shown in its
 * place when the complaint has no coordinates (tests). */
GtkWidget    *ioc_complaint_detail_get_map        (IocComplaintDetail *self);
GtkWidget    *ioc_complaint_detail_get_no_location (IocComplaintDetail *self);

G_END_DECLS
