/* ioc-complaint-list-model.h — the complaints of the Open311 feed, keyed by service_request_id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-keyed-list-model.h"
#include "ioc-complaint.h"

G_BEGIN_DECLS

#define IOC_TYPE_COMPLAINT_LIST_MODEL (ioc_complaint_list_model_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintListModel, ioc_complaint_list_model, IOC, COMPLAINT_LIST_MODEL, IocKeyedListModel)

/* A GListModel of IocComplaint; merging is done with the IocKeyedListModel API
 * (ioc_keyed_list_model_merge(), _replace_all(), _remove()). */
IocComplaintListModel *ioc_complaint_list_model_new    (void);
/* (transfer none) (nullable) */
IocComplaint *ioc_complaint_list_model_lookup (IocComplaintListModel *self,
                                              const char *key);

G_END_DECLS
