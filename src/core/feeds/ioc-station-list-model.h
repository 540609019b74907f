/* ioc-station-list-model.h — the monitoring stations of the SensorThings feed, keyed by Thing id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-keyed-list-model.h"
#include "ioc-station.h"

G_BEGIN_DECLS

#define IOC_TYPE_STATION_LIST_MODEL (ioc_station_list_model_get_type ())
G_DECLARE_FINAL_TYPE (IocStationListModel, ioc_station_list_model, IOC, STATION_LIST_MODEL, IocKeyedListModel)

/* A GListModel of IocStation; merging is done with the IocKeyedListModel API
 * (ioc_keyed_list_model_merge(), _replace_all(), _remove()). */
IocStationListModel *ioc_station_list_model_new    (void);
/* (transfer none) (nullable) */
IocStation *ioc_station_list_model_lookup (IocStationListModel *self,
                                          const char *key);

G_END_DECLS
