/* ioc-map-page.h — the Bản đồ page: complaints, stations and communes on a
 * map that still works without a network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-complaint.h"
#include "ioc-geo-json.h"

G_BEGIN_DECLS

typedef enum {
  IOC_MAP_CHOROPLETH_NONE,
  IOC_MAP_CHOROPLETH_COMPLAINTS,
  IOC_MAP_CHOROPLETH_OVERDUE,
} IocMapChoropleth;

/* Whether @complaint is overdue at @now (domain.md §3); the default uses
 * ioc-deadline with the field's tier and the default calendar. */
typedef gboolean (*IocMapOverdueFunc) (IocComplaint *complaint,
                                       GDateTime    *now,
                                       gpointer      user_data);

#define IOC_TYPE_MAP_PAGE (ioc_map_page_get_type ())
G_DECLARE_FINAL_TYPE (IocMapPage, ioc_map_page, IOC, MAP_PAGE, GtkWidget)

GtkWidget *ioc_map_page_new               (GSettings         *settings,
                                           GListModel        *complaints,
                                           GListModel        *stations);
void       ioc_map_page_set_follow_new    (IocMapPage        *self,
                                           gboolean           follow);
void       ioc_map_page_set_now           (IocMapPage        *self,
                                           GDateTime         *now);
void       ioc_map_page_set_filter        (IocMapPage        *self,
                                           GtkFilter         *filter);
void       ioc_map_page_set_overdue_func  (IocMapPage        *self,
                                           IocMapOverdueFunc  func,
                                           gpointer           user_data,
                                           GDestroyNotify     destroy);
void       ioc_map_page_set_heat_map      (IocMapPage        *self,
                                           gboolean           heat);
void       ioc_map_page_set_choropleth    (IocMapPage        *self,
                                           IocMapChoropleth   choropleth);
void       ioc_map_page_zoom_to_province  (IocMapPage        *self,
                                           gboolean           animate);
gboolean   ioc_map_page_zoom_to_commune   (IocMapPage        *self,
                                           const char        *query);
void       ioc_map_page_go_to             (IocMapPage        *self,
                                           double             lat,
                                           double             lon,
                                           double             zoom);
gboolean   ioc_map_page_get_offline       (IocMapPage        *self);
IocGeoJson *ioc_map_page_get_boundaries   (IocMapPage        *self);
void       ioc_map_page_rebuild_now       (IocMapPage        *self);
GtkWidget *ioc_map_page_get_complaint_layer (IocMapPage      *self);
GtkWidget *ioc_map_page_get_station_layer (IocMapPage        *self);

G_END_DECLS
