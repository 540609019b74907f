/* ioc-sim-sensorthings.h — OGC SensorThings API 1.1 endpoints of the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-sim-dataset.h"
#include "ioc-sim-exchange.h"
#include "ioc-sim-stations.h"

G_BEGIN_DECLS

typedef struct _IocSimSensorThings IocSimSensorThings;

IocSimSensorThings *ioc_sim_sensorthings_new      (IocSimDataset      *dataset);
void                ioc_sim_sensorthings_free     (IocSimSensorThings *self);
IocSimStations     *ioc_sim_sensorthings_stations (IocSimSensorThings *self);
void                ioc_sim_sensorthings_handle   (IocSimSensorThings *self,
                                                   IocSimExchange     *ex);
void                ioc_sim_sensorthings_error    (IocSimExchange     *ex,
                                                   guint               status,
                                                   const char         *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimSensorThings, ioc_sim_sensorthings_free)

G_END_DECLS
