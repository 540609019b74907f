/* ioc-keyed-list-model.h — a GListModel of objects with a stable key, merged
 * incrementally so that selection and scroll position survive a refresh
 *
 * An array plus a hash index (key → item), so a merge of n items into m is
 * O(n + m). Existing items are updated in place (the same object pointer:
 * views and selections holding it stay valid, and property notifications tell
 * them what changed); new ones are appended; a full refresh removes the ones
 * no longer present. items-changed is emitted only for real structural
 * changes, one signal per contiguous run (views sort with GtkSortListModel,
 * so insertion order is irrelevant). With very many scattered removals
 * (more than 64 runs) a single signal covers the changed tail instead.
 *
 * Items updated in place are announced once per batch, after its
 * structural changes, by the "items-updated" signal (a GPtrArray of the
 * items, borrowed): views whose order or filter depend on the items' values
 * listen to that one signal instead of to every item. Code that changes an
 * item in place outside a merge announces it with
 * ioc_keyed_list_model_items_updated().
 *
 * Subclasses say what the key is and how to update an item in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  IOC_KEYED_UPDATE_UNCHANGED,   /* nothing differed */
  IOC_KEYED_UPDATE_IN_PLACE,    /* @item now equals @other; no items-changed needed */
  IOC_KEYED_UPDATE_REPLACE,     /* @item cannot change: replace it by @other */
} IocKeyedUpdate;

#define IOC_TYPE_KEYED_LIST_MODEL (ioc_keyed_list_model_get_type ())
G_DECLARE_DERIVABLE_TYPE (IocKeyedListModel, ioc_keyed_list_model, IOC, KEYED_LIST_MODEL, GObject)

struct _IocKeyedListModelClass
{
  GObjectClass parent_class;

  /* (transfer none): the item's key; must not change during its life. */
  const char     *(*get_key)     (IocKeyedListModel *self,
                                  gpointer           item);
  IocKeyedUpdate  (*update_item) (IocKeyedListModel *self,
                                  gpointer           item,
                                  gpointer           other);

  gpointer padding[4];
};

GType     ioc_keyed_list_model_get_item_type (IocKeyedListModel *self);
/* (transfer none) (nullable) */
gpointer  ioc_keyed_list_model_lookup        (IocKeyedListModel *self,
                                              const char        *key);
/* Position of @key, or FALSE. O(n). */
gboolean  ioc_keyed_list_model_find          (IocKeyedListModel *self,
                                              const char        *key,
                                              guint             *position);
/* Incremental: update or append each item of @items (a page, a sync);
 * nothing is removed. Returns the number of items added or changed. */
guint     ioc_keyed_list_model_merge         (IocKeyedListModel *self,
                                              GPtrArray         *items);
/* Full refresh: merge, then remove every item whose key is not in @items. */
guint     ioc_keyed_list_model_replace_all   (IocKeyedListModel *self,
                                              GPtrArray         *items);
gboolean  ioc_keyed_list_model_remove        (IocKeyedListModel *self,
                                              const char        *key);
void      ioc_keyed_list_model_clear         (IocKeyedListModel *self);
/* Emit "items-updated" for @items (those of them held by @self), changed in
 * place outside a merge. */
void      ioc_keyed_list_model_items_updated (IocKeyedListModel *self,
                                              GPtrArray         *items);

G_END_DECLS
