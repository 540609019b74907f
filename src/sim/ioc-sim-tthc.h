/* ioc-sim-tthc.h — the TTHC statistics feed (project feed v1) of the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-sim-dataset.h"
#include "ioc-sim-exchange.h"

G_BEGIN_DECLS

typedef struct _IocSimTthc IocSimTthc;

IocSimTthc *ioc_sim_tthc_new    (IocSimDataset  *dataset);
void        ioc_sim_tthc_free   (IocSimTthc     *self);
void        ioc_sim_tthc_handle (IocSimTthc     *self,
                                 IocSimExchange *ex);
void        ioc_sim_tthc_error  (IocSimExchange *ex,
                                 guint           status,
                                 const char     *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimTthc, ioc_sim_tthc_free)

G_END_DECLS
