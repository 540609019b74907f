/* ioc-complaint-row.c — a stable row of the complaints list and the model of them
 *
 * GTK 4.8's list views do not recycle row widgets: when a search replaces
 * the rows on screen, every cell of the ~200 rows a list keeps is destroyed
 * and built again (2 200 cells for the queue's 11 columns), which alone took
 * most of the 100 ms budget of a search with 100 000 complaints
 * (bench/bench-queue.c). Here position i of the list is always the same row
 * object; a change of the view only tells the rows whose complaint changed,
 * and their cells rewrite their text (ioc_complaint_row_watch(), or
 * "notify::complaint"). GTK sees the same items at the same places and
 * keeps its widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-complaint-row.h"

typedef struct {
  IocComplaintRowWatch func;
  gpointer             user_data;
} Watch;

struct _IocComplaintRow
{
  GObject       parent_instance;
  IocComplaint *complaint;
  gulong        notify_id;   /* on complaint */
  GArray       *watches;     /* Watch: the bound cells, NULL when none yet */
};

enum { ROW_PROP_0, ROW_PROP_COMPLAINT, ROW_N_PROPS };
static GParamSpec *row_props[ROW_N_PROPS];

G_DEFINE_FINAL_TYPE (IocComplaintRow, ioc_complaint_row, G_TYPE_OBJECT)

static void
ioc_complaint_row_finalize (GObject *object)
{
  IocComplaintRow *self = IOC_COMPLAINT_ROW (object);

  if (self->complaint != NULL)
    g_clear_signal_handler (&self->notify_id, self->complaint);
  g_clear_object (&self->complaint);
  g_clear_pointer (&self->watches, g_array_unref);
  G_OBJECT_CLASS (ioc_complaint_row_parent_class)->finalize (object);
}

static void
ioc_complaint_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ROW_PROP_COMPLAINT:
      g_value_set_object (value, IOC_COMPLAINT_ROW (object)->complaint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_complaint_row_class_init (IocComplaintRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ioc_complaint_row_finalize;
  object_class->get_property = ioc_complaint_row_get_property;
  row_props[ROW_PROP_COMPLAINT] =
    g_param_spec_object ("complaint", NULL, NULL, IOC_TYPE_COMPLAINT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_props);
}

static void
ioc_complaint_row_init (IocComplaintRow *self)
{
}

/* Tells the watchers (the bound cells) and "notify::complaint". */
static void
row_changed (IocComplaintRow *self)
{
  /* By index: a watcher may unwatch (never watch) from its callback. */
  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    {
      Watch *w = &g_array_index (self->watches, Watch, i);

      w->func (self, w->user_data);
    }
  g_object_notify_by_pspec (G_OBJECT (self), row_props[ROW_PROP_COMPLAINT]);
}

/* An update of the complaint in place (the feed) reads, for the cells, as
 * the row showing it anew: one handler per row instead of one per cell. */
static void
complaint_notify (IocComplaintRow *self)
{
  row_changed (self);
}

static void
row_set_complaint (IocComplaintRow *self,
                   IocComplaint    *complaint)
{
  if (self->complaint == complaint)
    return;
  if (self->complaint != NULL)
    g_clear_signal_handler (&self->notify_id, self->complaint);
  g_set_object (&self->complaint, complaint);
  if (complaint != NULL)
    self->notify_id = g_signal_connect_swapped (complaint, "notify", G_CALLBACK (complaint_notify), self);
  row_changed (self);
}

/** ioc_complaint_row_get_complaint: @self: a row Returns: (transfer none) (nullable): its complaint */
IocComplaint *
ioc_complaint_row_get_complaint (IocComplaintRow *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_ROW (self), NULL);
  return self->complaint;
}

/**
 * ioc_complaint_row_watch:
 * @self: a row
 * @func: (scope notified): called when the row shows another complaint or
 *   its complaint changed in place
 *
 * Until ioc_complaint_row_unwatch() with the same @func and @user_data.
 */
void
ioc_complaint_row_watch (IocComplaintRow      *self,
                         IocComplaintRowWatch  func,
                         gpointer              user_data)
{
  Watch w = { func, user_data };

  g_return_if_fail (IOC_IS_COMPLAINT_ROW (self));
  g_return_if_fail (func != NULL);

  if (self->watches == NULL)
    self->watches = g_array_sized_new (FALSE, FALSE, sizeof (Watch), 12);
  g_array_append_val (self->watches, w);
}

/** ioc_complaint_row_unwatch: @self: a row; undoes one ioc_complaint_row_watch() */
void
ioc_complaint_row_unwatch (IocComplaintRow      *self,
                           IocComplaintRowWatch  func,
                           gpointer              user_data)
{
  g_return_if_fail (IOC_IS_COMPLAINT_ROW (self));

  for (guint i = 0; self->watches != NULL && i < self->watches->len; i++)
    {
      Watch *w = &g_array_index (self->watches, Watch, i);

      if (w->func == func && w->user_data == user_data)
        {
          g_array_remove_index_fast (self->watches, i);
          return;
        }
    }
  g_critical ("%s: %p was not watching the row", G_STRFUNC, user_data);
}

/* --- the model ------------------------------------------------------------ */

struct _IocComplaintRowModel
{
  GObject     parent_instance;
  GListModel *complaints;
  GPtrArray  *rows;       /* IocComplaintRow, created as GTK asks for them */
  guint       n_items;
};

static GType
rows_get_item_type (GListModel *model)
{
  return IOC_TYPE_COMPLAINT_ROW;
}

static guint
rows_get_n_items (GListModel *model)
{
  return IOC_COMPLAINT_ROW_MODEL (model)->n_items;
}

static gpointer
rows_get_item (GListModel *model,
               guint       position)
{
  IocComplaintRowModel *self = IOC_COMPLAINT_ROW_MODEL (model);
  IocComplaintRow *row;

  if (position >= self->n_items)
    return NULL;
  if (position >= self->rows->len)
    g_ptr_array_set_size (self->rows, position + 1);
  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (self->complaints, position);

      row = g_object_new (IOC_TYPE_COMPLAINT_ROW, NULL);
      row_set_complaint (row, c);
      g_ptr_array_index (self->rows, position) = row;
    }
  return g_object_ref (row);
}

static void
rows_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rows_get_item_type;
  iface->get_n_items = rows_get_n_items;
  iface->get_item = rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (IocComplaintRowModel, ioc_complaint_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rows_iface_init))

static void
complaints_changed (GListModel           *complaints,
                    guint                 position,
                    guint                 removed,
                    guint                 added,
                    IocComplaintRowModel *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (complaints);
  guint common = MIN (old_n, new_n);

  self->n_items = new_n;
  /* Rows keep their places: those that exist are told their new complaint
   * (from @position on, everything may have shifted). */
  for (guint i = position; i < self->rows->len && i < common; i++)
    {
      IocComplaintRow *row = g_ptr_array_index (self->rows, i);

      if (row != NULL)
        {
          g_autoptr(IocComplaint) c = g_list_model_get_item (complaints, i);

          row_set_complaint (row, c);
        }
    }
  /* Rows past the new end are dropped; the list only learns about the
   * difference in length. */
  if (self->rows->len > new_n)
    g_ptr_array_set_size (self->rows, new_n);
  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
}

static void
ioc_complaint_row_model_dispose (GObject *object)
{
  IocComplaintRowModel *self = IOC_COMPLAINT_ROW_MODEL (object);

  if (self->complaints != NULL)
    g_signal_handlers_disconnect_by_data (self->complaints, self);
  g_clear_object (&self->complaints);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (ioc_complaint_row_model_parent_class)->dispose (object);
}

static void
ioc_complaint_row_model_class_init (IocComplaintRowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ioc_complaint_row_model_dispose;
}

static void
unref_row (gpointer row)
{
  if (row != NULL)   /* rows not asked for yet are NULL */
    g_object_unref (row);
}

static void
ioc_complaint_row_model_init (IocComplaintRowModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (unref_row);
}

/**
 * ioc_complaint_row_model_new:
 * @complaints: (element-type IocComplaint): the view to show
 *
 * Returns: (transfer full): the rows
 */
IocComplaintRowModel *
ioc_complaint_row_model_new (GListModel *complaints)
{
  IocComplaintRowModel *self = g_object_new (IOC_TYPE_COMPLAINT_ROW_MODEL, NULL);

  self->complaints = g_object_ref (complaints);
  self->n_items = g_list_model_get_n_items (complaints);
  g_signal_connect (complaints, "items-changed", G_CALLBACK (complaints_changed), self);
  return self;
}
