/* ioc-keyed-list-model.c — incrementally merged GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-keyed-list-model.h"

#define MAX_REMOVAL_RUNS 64

typedef struct
{
  GType       item_type;
  GPtrArray  *items;  /* owned references */
  GHashTable *index;  /* key (owned copy) → item (borrowed) */
} IocKeyedListModelPrivate;

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ITEMS_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ioc_keyed_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (IocKeyedListModel, ioc_keyed_list_model, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (IocKeyedListModel)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ioc_keyed_list_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (IOC_KEYED_LIST_MODEL (model));

  return priv->item_type;
}

static guint
list_get_n_items (GListModel *model)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (IOC_KEYED_LIST_MODEL (model));

  return priv->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (IOC_KEYED_LIST_MODEL (model));

  if (position >= priv->items->len)
    return NULL;
  return g_object_ref (priv->items->pdata[position]);
}

static void
ioc_keyed_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
ioc_keyed_list_model_finalize (GObject *object)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (IOC_KEYED_LIST_MODEL (object));

  g_clear_pointer (&priv->index, g_hash_table_unref);
  g_clear_pointer (&priv->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ioc_keyed_list_model_parent_class)->finalize (object);
}

static void
ioc_keyed_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (IOC_KEYED_LIST_MODEL (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_keyed_list_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (IOC_KEYED_LIST_MODEL (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_keyed_list_model_class_init (IocKeyedListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ioc_keyed_list_model_finalize;
  object_class->get_property = ioc_keyed_list_model_get_property;
  object_class->set_property = ioc_keyed_list_model_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IocKeyedListModel::items-updated:
   * @self: the model
   * @items: (element-type GObject) (transfer none): the items changed in place
   *
   * Items kept as the same object but changed in place, announced once per
   * batch (a merge, a full refresh, an update sync) after every change of
   * that batch, items-changed included. Data flows one way ("Architecture"
   * in README.md): a view that depends on the items' values (a sorted or
   * filtered one) listens here once, instead of to every item's
   * notifications.
   */
  signals[SIGNAL_ITEMS_UPDATED] =
    g_signal_new ("items-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ioc_keyed_list_model_init (IocKeyedListModel *self)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);

  priv->item_type = G_TYPE_OBJECT;
  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
  priv->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static const char *
key_of (IocKeyedListModel *self,
        gpointer           item)
{
  return IOC_KEYED_LIST_MODEL_GET_CLASS (self)->get_key (self, item);
}

GType
ioc_keyed_list_model_get_item_type (IocKeyedListModel *self)
{
  g_return_val_if_fail (IOC_IS_KEYED_LIST_MODEL (self), G_TYPE_INVALID);

  return list_get_item_type (G_LIST_MODEL (self));
}

gpointer
ioc_keyed_list_model_lookup (IocKeyedListModel *self,
                             const char        *key)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_KEYED_LIST_MODEL (self), NULL);

  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (priv->index, key);
}

gboolean
ioc_keyed_list_model_find (IocKeyedListModel *self,
                           const char        *key,
                           guint             *position)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  gpointer item;

  g_return_val_if_fail (IOC_IS_KEYED_LIST_MODEL (self), FALSE);

  item = ioc_keyed_list_model_lookup (self, key);
  if (item == NULL)
    return FALSE;
  return g_ptr_array_find (priv->items, item, position);
}

/* Updates or replaces existing items; returns the new ones (borrowed) in
 * the order given, without duplicates, and adds the ones updated in place
 * (borrowed, each once) to @updated. */
static guint
merge_existing (IocKeyedListModel *self,
                GPtrArray         *items,
                GPtrArray         *fresh,
                GPtrArray         *updated)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  g_autoptr(GHashTable) fresh_keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint changed = 0;

  for (guint i = 0; i < items->len; i++)
    {
      gpointer other = items->pdata[i];
      const char *key;
      gpointer existing;

      g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (other, priv->item_type), changed);
      key = key_of (self, other);
      if (key == NULL)
        continue;
      existing = g_hash_table_lookup (priv->index, key);
      if (existing == other)
        continue;
      if (existing == NULL)
        {
          gpointer previous = g_hash_table_lookup (fresh_keys, key);

          /* The same key twice in one batch: the last one wins. */
          if (previous != NULL)
            {
              guint pos;

              if (g_ptr_array_find (fresh, previous, &pos))
                fresh->pdata[pos] = other;
            }
          else
            g_ptr_array_add (fresh, other);
          g_hash_table_insert (fresh_keys, (gpointer) key, other);
          continue;
        }
      switch (IOC_KEYED_LIST_MODEL_GET_CLASS (self)->update_item (self, existing, other))
        {
        case IOC_KEYED_UPDATE_UNCHANGED:
          break;
        case IOC_KEYED_UPDATE_IN_PLACE:
          g_ptr_array_add (updated, existing);
          changed++;
          break;
        case IOC_KEYED_UPDATE_REPLACE:
          {
            guint pos;

            if (g_ptr_array_find (priv->items, existing, &pos))
              {
                g_hash_table_insert (priv->index, g_strdup (key), other);
                g_object_unref (priv->items->pdata[pos]);
                priv->items->pdata[pos] = g_object_ref (other);
                g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
              }
            changed++;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return changed;
}

static void
append_fresh (IocKeyedListModel *self,
              GPtrArray         *fresh)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  guint position = priv->items->len;

  if (fresh->len == 0)
    return;
  for (guint i = 0; i < fresh->len; i++)
    {
      g_ptr_array_add (priv->items, g_object_ref (fresh->pdata[i]));
      g_hash_table_insert (priv->index, g_strdup (key_of (self, fresh->pdata[i])), fresh->pdata[i]);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, fresh->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Announces @updated (borrowed items of ours), each once, after the batch. */
static void
announce_updated (IocKeyedListModel *self,
                  GPtrArray         *updated)
{
  if (updated->len > 1)
    {
      /* The same key twice in one batch updates its item twice. */
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      guint out = 0;

      for (guint i = 0; i < updated->len; i++)
        if (g_hash_table_add (seen, updated->pdata[i]))
          updated->pdata[out++] = updated->pdata[i];
      g_ptr_array_set_size (updated, out);
    }
  if (updated->len > 0)
    g_signal_emit (self, signals[SIGNAL_ITEMS_UPDATED], 0, updated);
}

static guint
merge_batch (IocKeyedListModel *self,
             GPtrArray         *items,
             GPtrArray         *updated)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  guint changed;

  changed = merge_existing (self, items, fresh, updated);
  append_fresh (self, fresh);
  return changed + fresh->len;
}

/**
 * ioc_keyed_list_model_merge:
 *
 * Incremental refresh (a page, an update sync): minimal items-changed so
 * that selection and scroll survive ("Live data pipeline"); the items
 * updated in place are announced once by IocKeyedListModel::items-updated.
 */
guint
ioc_keyed_list_model_merge (IocKeyedListModel *self,
                            GPtrArray         *items)
{
  g_autoptr(GPtrArray) updated = g_ptr_array_new ();
  guint changed;

  g_return_val_if_fail (IOC_IS_KEYED_LIST_MODEL (self), 0);
  g_return_val_if_fail (items != NULL, 0);

  changed = merge_batch (self, items, updated);
  announce_updated (self, updated);
  return changed;
}

/**
 * ioc_keyed_list_model_replace_all:
 *
 * Full refresh: items missing from @items are removed, one items-changed per
 * contiguous run of removed items; then as ioc_keyed_list_model_merge(),
 * with one IocKeyedListModel::items-updated at the very end.
 */
guint
ioc_keyed_list_model_replace_all (IocKeyedListModel *self,
                                  GPtrArray         *items)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  g_autoptr(GPtrArray) updated = g_ptr_array_new ();
  guint changed, removed = 0;

  g_return_val_if_fail (IOC_IS_KEYED_LIST_MODEL (self), 0);
  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    {
      const char *key = key_of (self, items->pdata[i]);

      if (key != NULL)
        g_hash_table_add (keep, (gpointer) key);
    }

  /* Find the runs of items to remove, in old positions. */
  for (guint i = 0; i < priv->items->len; )
    {
      guint run[2];

      if (g_hash_table_contains (keep, key_of (self, priv->items->pdata[i])))
        {
          i++;
          continue;
        }
      run[0] = i;
      while (i < priv->items->len && !g_hash_table_contains (keep, key_of (self, priv->items->pdata[i])))
        i++;
      run[1] = i - run[0];
      g_array_append_vals (runs, run, 1);
      removed += run[1];
    }

  if (runs->len > 0)
    {
      for (guint r = 0; r < runs->len; r++)
        {
          guint *run = &g_array_index (runs, guint, r * 2);

          for (guint i = run[0]; i < run[0] + run[1]; i++)
            g_hash_table_remove (priv->index, key_of (self, priv->items->pdata[i]));
        }
      if (runs->len <= MAX_REMOVAL_RUNS)
        {
          /* Last run first: earlier positions stay valid. */
          for (guint r = runs->len; r-- > 0; )
            {
              guint *run = &g_array_index (runs, guint, r * 2);

              g_ptr_array_remove_range (priv->items, run[0], run[1]);
              g_list_model_items_changed (G_LIST_MODEL (self), run[0], run[1], 0);
            }
        }
      else
        {
          guint first = g_array_index (runs, guint, 0);
          guint old_len = priv->items->len;
          guint out = first;

          for (guint i = first; i < old_len; i++)
            {
              gpointer item = priv->items->pdata[i];

              if (g_hash_table_contains (keep, key_of (self, item)))
                priv->items->pdata[out++] = item;
              else
                g_object_unref (item);
            }
          /* The pointers past @out were moved or released already. */
          g_ptr_array_set_free_func (priv->items, NULL);
          g_ptr_array_set_size (priv->items, out);
          g_ptr_array_set_free_func (priv->items, g_object_unref);
          g_list_model_items_changed (G_LIST_MODEL (self), first, old_len - first, out - first);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  changed = merge_batch (self, items, updated);
  announce_updated (self, updated);
  return changed + removed;
}

gboolean
ioc_keyed_list_model_remove (IocKeyedListModel *self,
                             const char        *key)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  guint position;

  g_return_val_if_fail (IOC_IS_KEYED_LIST_MODEL (self), FALSE);

  if (!ioc_keyed_list_model_find (self, key, &position))
    return FALSE;
  g_hash_table_remove (priv->index, key);
  g_ptr_array_remove_index (priv->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

void
ioc_keyed_list_model_clear (IocKeyedListModel *self)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  guint n;

  g_return_if_fail (IOC_IS_KEYED_LIST_MODEL (self));

  n = priv->items->len;
  if (n == 0)
    return;
  g_hash_table_remove_all (priv->index);
  g_ptr_array_set_size (priv->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * ioc_keyed_list_model_items_updated:
 * @self: the model
 * @items: (element-type GObject): items of @self that were changed in place
 *   outside a merge (e.g. an Open311 update applied to the complaint itself)
 *
 * Announces them with IocKeyedListModel::items-updated, as a merge would
 * ("Architecture": whoever changes the model's items says so through the
 * model, and views listen to the model alone). Items not (or no longer) in
 * @self are left out; nothing is emitted when none is left.
 */
void
ioc_keyed_list_model_items_updated (IocKeyedListModel *self,
                                    GPtrArray         *items)
{
  IocKeyedListModelPrivate *priv = ioc_keyed_list_model_get_instance_private (self);
  g_autoptr(GPtrArray) ours = NULL;

  g_return_if_fail (IOC_IS_KEYED_LIST_MODEL (self));
  g_return_if_fail (items != NULL);

  ours = g_ptr_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    {
      const char *key;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (items->pdata[i], priv->item_type))
        continue;
      key = key_of (self, items->pdata[i]);
      if (key != NULL && g_hash_table_lookup (priv->index, key) == items->pdata[i])
        g_ptr_array_add (ours, items->pdata[i]);
    }
  announce_updated (self, ours);
}
