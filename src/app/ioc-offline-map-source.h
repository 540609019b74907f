/* ioc-offline-map-source.h — a base map drawn locally from the bundled
 * geography, for when tiles cannot be downloaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ioc-base-geography.h"
#include "ioc-geo-json.h"

G_BEGIN_DECLS

#define IOC_TYPE_OFFLINE_MAP_SOURCE (ioc_offline_map_source_get_type ())
G_DECLARE_FINAL_TYPE (IocOfflineMapSource, ioc_offline_map_source, IOC, OFFLINE_MAP_SOURCE, ShumateMapSource)

IocOfflineMapSource *ioc_offline_map_source_new            (IocBaseGeography    *geography);
void                 ioc_offline_map_source_set_boundaries (IocOfflineMapSource *self,
                                                            IocGeoJson          *boundaries);

void                 ioc_offline_map_source_set_cairo_tiles (IocOfflineMapSource *self,
                                                             gboolean             cairo_tiles);

G_END_DECLS
