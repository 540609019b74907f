/* ioc-complaint-list-model.c — the complaints of the Open311 feed, keyed by service_request_id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-complaint-list-model.h"

struct _IocComplaintListModel
{
  IocKeyedListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (IocComplaintListModel, ioc_complaint_list_model, IOC_TYPE_KEYED_LIST_MODEL)

static const char *
ioc_complaint_list_model_get_key (IocKeyedListModel *model,
                                 gpointer           item)
{
  return ioc_complaint_get_service_request_id (item);
}

static IocKeyedUpdate
ioc_complaint_list_model_update_item (IocKeyedListModel *model,
                                     gpointer           item,
                                     gpointer           other)
{
  /* Same object, updated: selection and scroll survive ("Live data pipeline"). */
  return ioc_complaint_update_from (item, other) ? IOC_KEYED_UPDATE_IN_PLACE : IOC_KEYED_UPDATE_UNCHANGED;
}

static void
ioc_complaint_list_model_class_init (IocComplaintListModelClass *klass)
{
  IocKeyedListModelClass *model_class = IOC_KEYED_LIST_MODEL_CLASS (klass);

  model_class->get_key = ioc_complaint_list_model_get_key;
  model_class->update_item = ioc_complaint_list_model_update_item;
}

static void
ioc_complaint_list_model_init (IocComplaintListModel *self)
{
}

IocComplaintListModel *
ioc_complaint_list_model_new (void)
{
  return g_object_new (IOC_TYPE_COMPLAINT_LIST_MODEL, "item-type", IOC_TYPE_COMPLAINT, NULL);
}

IocComplaint *
ioc_complaint_list_model_lookup (IocComplaintListModel *self,
                                const char *key)
{
  return ioc_keyed_list_model_lookup (IOC_KEYED_LIST_MODEL (self), key);
}
