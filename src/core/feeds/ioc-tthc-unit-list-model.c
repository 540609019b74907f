/* ioc-tthc-unit-list-model.c — the units of the TTHC feed, keyed by unit_id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-tthc-unit-list-model.h"

struct _IocTthcUnitListModel
{
  IocKeyedListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (IocTthcUnitListModel, ioc_tthc_unit_list_model, IOC_TYPE_KEYED_LIST_MODEL)

static const char *
ioc_tthc_unit_list_model_get_key (IocKeyedListModel *model,
                                 gpointer           item)
{
  return ioc_tthc_unit_get_unit_id (item);
}

static IocKeyedUpdate
ioc_tthc_unit_list_model_update_item (IocKeyedListModel *model,
                                     gpointer           item,
                                     gpointer           other)
{
  IocTthcUnit *a = item, *b = other;

  /* IocTthcUnit is immutable: a changed unit is replaced at its position. */
  if (g_strcmp0 (ioc_tthc_unit_get_name (a), ioc_tthc_unit_get_name (b)) == 0 &&
      ioc_tthc_unit_get_kind (a) == ioc_tthc_unit_get_kind (b) &&
      g_strcmp0 (ioc_tthc_unit_get_commune_code (a), ioc_tthc_unit_get_commune_code (b)) == 0)
    return IOC_KEYED_UPDATE_UNCHANGED;
  return IOC_KEYED_UPDATE_REPLACE;
}

static void
ioc_tthc_unit_list_model_class_init (IocTthcUnitListModelClass *klass)
{
  IocKeyedListModelClass *model_class = IOC_KEYED_LIST_MODEL_CLASS (klass);

  model_class->get_key = ioc_tthc_unit_list_model_get_key;
  model_class->update_item = ioc_tthc_unit_list_model_update_item;
}

static void
ioc_tthc_unit_list_model_init (IocTthcUnitListModel *self)
{
}

IocTthcUnitListModel *
ioc_tthc_unit_list_model_new (void)
{
  return g_object_new (IOC_TYPE_TTHC_UNIT_LIST_MODEL, "item-type", IOC_TYPE_TTHC_UNIT, NULL);
}

IocTthcUnit *
ioc_tthc_unit_list_model_lookup (IocTthcUnitListModel *self,
                                const char *key)
{
  return ioc_keyed_list_model_lookup (IOC_KEYED_LIST_MODEL (self), key);
}
