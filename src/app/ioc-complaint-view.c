/* ioc-complaint-view.c — the sorted, filtered view of the complaints queue
 *
 * A GListModel over the live complaints that sorts with the column view's
 * sorter and keeps what IocComplaintFilter accepts. It replaces a
 * GtkSortListModel + GtkFilterListModel chain because of the figure
 * "with 100 000 complaints: filter or search result visible in under
 * 100 ms": GTK 4.8's filter model spends most of that budget on its own
 * bookkeeping (an object reference and a bitset operation per row per
 * keystroke, bench/bench-queue.c), whereas here a keystroke is one pass over
 * a plain array of pointers already in sorted order.
 *
 *  - A filter change rebuilds the shown array (a stricter change only looks
 *    at the rows shown) and reports one replacement. A text search asks the
 *    search index (IocQueueSearchIndex: every complaint's folded text in one
 *    buffer, one pass per keystroke) which complaints contain it, and the
 *    other criteria only of those. The index is kept only for a source that
 *    announces its in-place updates (an IocKeyedListModel): for any other,
 *    each complaint is asked, as its text may change unannounced.
 *  - A sorter change sorts the whole array again.
 *  - A change of the source (a feed poll) is applied row by row when it is
 *    small — removed rows leave, added rows are inserted at their sorted
 *    place — so the list keeps its scroll position and selection; a large
 *    change (the first load) rebuilds.
 *  - A complaint updated in place (the feed merges a newer version into the
 *    same object, without items-changed) may have to move or leave. Data
 *    flows one way: the source (an IocKeyedListModel) announces the
 *    complaints of each batch it updated in place with one "items-updated"
 *    signal, and the view moves each to its new sorted place (one removal
 *    and one insertion when it moved, nothing when it did not), so
 *    selection and scroll position survive. One handler on the source
 *    rather than one per complaint: with 100 000 complaints that was
 *    100 000 handlers to connect at load and to keep in memory. A source
 *    that is a plain GListModel has no such announcement: its in-place
 *    changes redraw the rows but do not move them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-complaint-view.h"
#include "ioc-keyed-list-model.h"
#include "ioc-queue-search-index.h"

#define SMALL_CHANGE 64

struct _IocComplaintView
{
  GObject             parent_instance;

  GListModel         *source;
  IocComplaintFilter *filter;
  GtkSorter          *sorter;
  GPtrArray          *sorted;   /* IocComplaint, owned, in sorted order */
  GPtrArray          *shown;    /* IocComplaint, borrowed from sorted */
  IocQueueSearchIndex *index;   /* built at the first search; NULL until then */
  gboolean            indexable; /* the source announces in-place updates */
};

static GType
view_get_item_type (GListModel *model)
{
  return IOC_TYPE_COMPLAINT;
}

static guint
view_get_n_items (GListModel *model)
{
  return IOC_COMPLAINT_VIEW (model)->shown->len;
}

static gpointer
view_get_item (GListModel *model,
               guint       position)
{
  IocComplaintView *self = IOC_COMPLAINT_VIEW (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = view_get_item_type;
  iface->get_n_items = view_get_n_items;
  iface->get_item = view_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (IocComplaintView, ioc_complaint_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static int
compare (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  IocComplaintView *self = user_data;

  return gtk_sorter_compare (self->sorter, *(gpointer *) a, *(gpointer *) b);
}

/* The complaints containing the search, or NULL when there is no search
 * or no index can answer it. */
static GHashTable *
search_hits (IocComplaintView *self)
{
  const char *needle = ioc_complaint_filter_get_search_folded (self->filter);

  if (*needle == '\0' || !self->indexable)
    return NULL;
  if (self->index != NULL && ioc_queue_search_index_is_wasteful (self->index))
    g_clear_pointer (&self->index, ioc_queue_search_index_free);
  if (self->index == NULL)
    {
      self->index = ioc_queue_search_index_new ();
      for (guint i = 0; i < self->sorted->len; i++)
        ioc_queue_search_index_add (self->index, g_ptr_array_index (self->sorted, i));
    }
  return ioc_queue_search_index_find (self->index, needle);
}

static void
rebuild_shown (IocComplaintView *self,
               gboolean          stricter)
{
  GPtrArray *from = stricter ? self->shown : self->sorted;
  GPtrArray *shown = g_ptr_array_sized_new (stricter ? self->shown->len : self->sorted->len);
  guint old_len = self->shown->len;
  g_autoptr(GHashTable) hits = NULL;

  if (ioc_complaint_filter_is_empty (self->filter))
    {
      /* Everything, in order: no need to ask. */
      g_ptr_array_set_size (shown, self->sorted->len);
      if (self->sorted->len > 0)
        memcpy (shown->pdata, self->sorted->pdata, self->sorted->len * sizeof (gpointer));
    }
  else if ((hits = search_hits (self)) != NULL)
    {
      if (g_hash_table_size (hits) > 0)
        for (guint i = 0; i < from->len; i++)
          {
            IocComplaint *c = g_ptr_array_index (from, i);

            if (g_hash_table_contains (hits, c) &&
                ioc_complaint_filter_matches_except_search (self->filter, c))
              g_ptr_array_add (shown, c);
          }
    }
  else
    for (guint i = 0; i < from->len; i++)
      {
        IocComplaint *c = g_ptr_array_index (from, i);

        if (ioc_complaint_filter_matches (self->filter, c))
          g_ptr_array_add (shown, c);
      }
  g_ptr_array_unref (self->shown);
  self->shown = shown;
  if (old_len > 0 || shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, shown->len);
}

static void
resort (IocComplaintView *self)
{
  if (self->sorter != NULL)
    g_ptr_array_sort_with_data (self->sorted, compare, self);
}

static void
filter_changed (IocComplaintView *self,
                int               change)
{
  rebuild_shown (self, change == IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT);
}

static void
sorter_changed (IocComplaintView *self,
                GtkSorterChange   change)
{
  resort (self);
  rebuild_shown (self, FALSE);
}

/* Where @c goes in @array (sorted), by binary search. */
static guint
insertion_point (IocComplaintView *self,
                 GPtrArray        *array,
                 IocComplaint     *c)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->sorter != NULL &&
          gtk_sorter_compare (self->sorter, g_ptr_array_index (array, mid), c) == GTK_ORDERING_LARGER)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static void
remove_item (IocComplaintView *self,
             IocComplaint     *c)
{
  guint pos;

  if (g_ptr_array_find (self->shown, c, &pos))
    {
      g_ptr_array_remove_index (self->shown, pos);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
    }
  if (self->index != NULL)
    ioc_queue_search_index_remove (self->index, c);
  g_ptr_array_remove (self->sorted, c);   /* drops the reference last */
}

static void
add_item (IocComplaintView *self,
          IocComplaint     *c)
{
  guint pos = insertion_point (self, self->sorted, c);

  g_ptr_array_insert (self->sorted, pos, g_object_ref (c));
  if (self->index != NULL)
    ioc_queue_search_index_add (self->index, c);
  if (ioc_complaint_filter_matches (self->filter, c))
    {
      pos = insertion_point (self, self->shown, c);
      g_ptr_array_insert (self->shown, pos, c);
      g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
    }
}

static void
load_all (IocComplaintView *self)
{
  guint n = self->source != NULL ? g_list_model_get_n_items (self->source) : 0;

  /* Rebuilt at the next search, from the complaints as they are then. */
  g_clear_pointer (&self->index, ioc_queue_search_index_free);
  g_ptr_array_set_size (self->sorted, 0);
  g_ptr_array_set_size (self->sorted, n);
  for (guint i = 0; i < n; i++)
    self->sorted->pdata[i] = g_list_model_get_item (self->source, i);
  resort (self);
}

/* The source's removed items are gone from it already: find them as the
 * items of ours that the source no longer holds in that range. */
static void
source_items_changed (GListModel       *source,
                      guint             position,
                      guint             removed,
                      guint             added,
                      IocComplaintView *self)
{
  if (removed + added > SMALL_CHANGE)
    {
      load_all (self);
      rebuild_shown (self, FALSE);
      return;
    }
  if (removed > 0)
    {
      g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
      guint n = g_list_model_get_n_items (source);
      g_autoptr(GPtrArray) gone = g_ptr_array_new ();

      /* Which of ours are no longer in the source: O(n), for a small change. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (source, i);

          g_hash_table_add (present, item);
        }
      for (guint i = 0; i < self->sorted->len; i++)
        if (!g_hash_table_contains (present, g_ptr_array_index (self->sorted, i)))
          g_ptr_array_add (gone, g_ptr_array_index (self->sorted, i));
      for (guint i = 0; i < gone->len; i++)
        remove_item (self, g_ptr_array_index (gone, i));
    }
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (source, i);

      /* An item replaced by itself (updated in place): placed again. */
      if (g_ptr_array_find (self->sorted, c, NULL))
        remove_item (self, c);
      add_item (self, c);
    }
}

/* Puts @c, updated in place, where the sort and the filter now want it. */
static void
place_again (IocComplaintView *self,
             IocComplaint     *c)
{
  guint old_sorted, old_shown, pos;
  gboolean was_shown, kept;

  if (!g_ptr_array_find (self->sorted, c, &old_sorted))
    return;
  /* Out of the sorted array (it holds the reference), then back in. */
  g_ptr_array_steal_index (self->sorted, old_sorted);
  pos = insertion_point (self, self->sorted, c);
  g_ptr_array_insert (self->sorted, pos, c);

  was_shown = g_ptr_array_find (self->shown, c, &old_shown);
  kept = ioc_complaint_filter_matches (self->filter, c);
  if (was_shown)
    g_ptr_array_remove_index (self->shown, old_shown);
  if (kept)
    {
      pos = insertion_point (self, self->shown, c);
      g_ptr_array_insert (self->shown, pos, c);
    }
  if (was_shown && kept && pos == old_shown)
    return;   /* same place: the row redraws from the complaint's own notify */
  if (was_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 1, 0);
  if (kept)
    g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
}

/* The source's announcement of the complaints it updated in place (one
 * batch: a merge, an update sync), after its own items-changed. */
static void
source_items_updated (IocKeyedListModel *source,
                      GPtrArray         *updated,
                      IocComplaintView  *self)
{
  g_autoptr(GPtrArray) ours = NULL;

  /* Their texts may have changed: index them again (the cache of folded
   * texts notices the change by itself). */
  if (self->index != NULL)
    for (guint i = 0; i < updated->len; i++)   /* all in the source, hence ours */
      ioc_queue_search_index_add (self->index, g_ptr_array_index (updated, i));
  if (updated->len > SMALL_CHANGE)
    {
      /* Many at once (a large update sync): sorting again is cheaper. */
      resort (self);
      rebuild_shown (self, FALSE);
      return;
    }
  if (updated->len == 1)
    {
      place_again (self, g_ptr_array_index (updated, 0));
      return;
    }
  /* Several: take them all out first, so that each binary search below
   * runs over an array that is sorted; then put each back. */
  ours = g_ptr_array_sized_new (updated->len);
  for (guint i = 0; i < updated->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (updated, i);
      guint pos;

      if (!g_ptr_array_find (self->sorted, c, &pos))
        continue;   /* not ours (any more) */
      g_ptr_array_steal_index (self->sorted, pos);   /* the reference moves to @ours */
      g_ptr_array_add (ours, c);
      if (g_ptr_array_find (self->shown, c, &pos))
        {
          g_ptr_array_remove_index (self->shown, pos);
          g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
        }
    }
  for (guint i = 0; i < ours->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (ours, i);
      guint pos;

      g_ptr_array_insert (self->sorted, insertion_point (self, self->sorted, c), c);
      if (ioc_complaint_filter_matches (self->filter, c))
        {
          pos = insertion_point (self, self->shown, c);
          g_ptr_array_insert (self->shown, pos, c);
          g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
        }
    }
}

static void
ioc_complaint_view_dispose (GObject *object)
{
  IocComplaintView *self = IOC_COMPLAINT_VIEW (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->source);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (ioc_complaint_view_parent_class)->dispose (object);
}

static void
ioc_complaint_view_finalize (GObject *object)
{
  IocComplaintView *self = IOC_COMPLAINT_VIEW (object);

  g_ptr_array_unref (self->shown);
  g_clear_pointer (&self->index, ioc_queue_search_index_free);
  g_ptr_array_unref (self->sorted);

  G_OBJECT_CLASS (ioc_complaint_view_parent_class)->finalize (object);
}

static void
ioc_complaint_view_class_init (IocComplaintViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ioc_complaint_view_dispose;
  object_class->finalize = ioc_complaint_view_finalize;
}

static void
ioc_complaint_view_init (IocComplaintView *self)
{
  self->sorted = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new ();
}

/**
 * ioc_complaint_view_new:
 * @filter: the queue's criteria
 * @sorter: (nullable): the order (the column view's sorter)
 *
 * Returns: (transfer full): an empty view; give it a source
 */
IocComplaintView *
ioc_complaint_view_new (IocComplaintFilter *filter,
                        GtkSorter          *sorter)
{
  IocComplaintView *self = g_object_new (IOC_TYPE_COMPLAINT_VIEW, NULL);

  self->filter = g_object_ref (filter);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed), self);
  if (sorter != NULL)
    {
      self->sorter = g_object_ref (sorter);
      g_signal_connect_swapped (sorter, "changed", G_CALLBACK (sorter_changed), self);
    }
  return self;
}

/**
 * ioc_complaint_view_set_source:
 * @self: the view
 * @source: (nullable) (element-type IocComplaint): the live complaints
 */
void
ioc_complaint_view_set_source (IocComplaintView *self,
                               GListModel       *source)
{
  g_return_if_fail (IOC_IS_COMPLAINT_VIEW (self));

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect (source, "items-changed", G_CALLBACK (source_items_changed), self);
  self->indexable = IOC_IS_KEYED_LIST_MODEL (source);
  if (self->indexable)
    g_signal_connect (source, "items-updated", G_CALLBACK (source_items_updated), self);
  load_all (self);
  rebuild_shown (self, FALSE);
}

/**
 * ioc_complaint_view_refilter:
 * @self: the view
 *
 * Applies the filter again to every complaint.
 */
void
ioc_complaint_view_refilter (IocComplaintView *self)
{
  g_return_if_fail (IOC_IS_COMPLAINT_VIEW (self));
  rebuild_shown (self, FALSE);
}

/**
 * ioc_complaint_view_find:
 * @self: the view
 * @complaint: a complaint
 * @position: (out) (optional): where it is shown
 *
 * Returns: %TRUE when @complaint is shown
 */
gboolean
ioc_complaint_view_find (IocComplaintView *self,
                         IocComplaint     *complaint,
                         guint            *position)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_VIEW (self), FALSE);
  return g_ptr_array_find (self->shown, complaint, position);
}
