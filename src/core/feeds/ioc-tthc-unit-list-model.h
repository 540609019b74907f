/* ioc-tthc-unit-list-model.h — the units of the TTHC feed, keyed by unit_id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-keyed-list-model.h"
#include "ioc-tthc-unit.h"

G_BEGIN_DECLS

#define IOC_TYPE_TTHC_UNIT_LIST_MODEL (ioc_tthc_unit_list_model_get_type ())
G_DECLARE_FINAL_TYPE (IocTthcUnitListModel, ioc_tthc_unit_list_model, IOC, TTHC_UNIT_LIST_MODEL, IocKeyedListModel)

/* A GListModel of IocTthcUnit; merging is done with the IocKeyedListModel API
 * (ioc_keyed_list_model_merge(), _replace_all(), _remove()). */
IocTthcUnitListModel *ioc_tthc_unit_list_model_new    (void);
/* (transfer none) (nullable) */
IocTthcUnit *ioc_tthc_unit_list_model_lookup (IocTthcUnitListModel *self,
                                             const char *key);

G_END_DECLS
