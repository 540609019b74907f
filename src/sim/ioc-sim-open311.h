/* ioc-sim-open311.h — Open311 GeoReport v2 endpoints of the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-sim-dataset.h"
#include "ioc-sim-exchange.h"

G_BEGIN_DECLS

typedef struct _IocSimOpen311 IocSimOpen311;

IocSimOpen311 *ioc_sim_open311_new    (IocSimDataset  *dataset,
                                       const char     *api_key);
void           ioc_sim_open311_free   (IocSimOpen311  *self);
void           ioc_sim_open311_handle (IocSimOpen311  *self,
                                       IocSimExchange *ex);
void           ioc_sim_open311_error  (IocSimExchange *ex,
                                       IocSimFormat    format,
                                       guint           status,
                                       const char     *description);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimOpen311, ioc_sim_open311_free)

G_END_DECLS
