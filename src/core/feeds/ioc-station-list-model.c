/* ioc-station-list-model.c — the monitoring stations of the SensorThings feed, keyed by Thing id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-station-list-model.h"

struct _IocStationListModel
{
  IocKeyedListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (IocStationListModel, ioc_station_list_model, IOC_TYPE_KEYED_LIST_MODEL)

static const char *
ioc_station_list_model_get_key (IocKeyedListModel *model,
                               gpointer           item)
{
  return ioc_station_get_id (item);
}

static IocKeyedUpdate
ioc_station_list_model_update_item (IocKeyedListModel *model,
                                   gpointer           item,
                                   gpointer           other)
{
  /* Metadata and datastreams merged into the same objects (ioc_station_update_from). */
  return ioc_station_update_from (item, other) ? IOC_KEYED_UPDATE_IN_PLACE : IOC_KEYED_UPDATE_UNCHANGED;
}

static void
ioc_station_list_model_class_init (IocStationListModelClass *klass)
{
  IocKeyedListModelClass *model_class = IOC_KEYED_LIST_MODEL_CLASS (klass);

  model_class->get_key = ioc_station_list_model_get_key;
  model_class->update_item = ioc_station_list_model_update_item;
}

static void
ioc_station_list_model_init (IocStationListModel *self)
{
}

IocStationListModel *
ioc_station_list_model_new (void)
{
  return g_object_new (IOC_TYPE_STATION_LIST_MODEL, "item-type", IOC_TYPE_STATION, NULL);
}

IocStation *
ioc_station_list_model_lookup (IocStationListModel *self,
                              const char *key)
{
  return ioc_keyed_list_model_lookup (IOC_KEYED_LIST_MODEL (self), key);
}
