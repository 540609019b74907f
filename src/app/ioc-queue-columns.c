/* ioc-queue-columns.c — the columns of the complaints queue
 *
 * Issue "Complaint triage": code, received, field, commune, status, due
 * (countdown, amber in the last quarter of the allowed time, red when
 * overdue), agency, priority, photos, assignee, plus the delivery state of
 * the operator's last action; sortable columns. Each cell is one
 * IocQueueCell (a line of text laid out once per distinct text of the
 * column, cheaper than a label or a GtkInscription when a scroll or a
 * search binds hundreds of cells per frame) showing the complaint of its row
 * (IocComplaintRow); a row that shows another complaint, or whose
 * complaint was updated in place, rewrites its cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-commune.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-export.h"
#include "ioc-complaint-row.h"
#include "ioc-format.h"
#include "ioc-queue-cell.h"
#include "ioc-queue-columns.h"

struct _IocQueueColumns
{
  GObject               parent_instance;

  GtkColumnView        *column_view;   /* weak */
  GtkColumnViewColumn  *due_column;    /* owned by the column view */
  IocCalendar          *calendar;
  GDateTime            *now;
  GDateTime            *clock_now;     /* the clock read for binds, and when */
  gint64                clock_read_at;
  IocFormatStyle        style;         /* the UI's number and date style, asked once */
  IocQueueDeliveryFunc  delivery;
  gpointer              delivery_data;
  GHashTable           *due_cells;     /* bound IocQueueCell → IocComplaint */
  GHashTable           *delivery_cells;
};

G_DEFINE_FINAL_TYPE (IocQueueColumns, ioc_queue_columns, G_TYPE_OBJECT)

/* Countdowns are shown to the minute: the clock is read at most once a
 * second rather than for every cell a scroll binds. */
static GDateTime *
columns_now (IocQueueColumns *self)
{
  gint64 t;

  if (self->now != NULL)
    return g_date_time_ref (self->now);
  t = g_get_monotonic_time ();
  if (self->clock_now == NULL || t - self->clock_read_at >= G_USEC_PER_SEC)
    {
      g_clear_pointer (&self->clock_now, g_date_time_unref);
      self->clock_now = g_date_time_new_now_utc ();
      self->clock_read_at = t;
    }
  return g_date_time_ref (self->clock_now);
}

static const char *
delivery_of (IocQueueColumns  *self,
             IocComplaint     *c,
             const char      **message)
{
  if (message != NULL)
    *message = NULL;
  return self->delivery != NULL ? self->delivery (c, message, self->delivery_data) : NULL;
}


typedef enum {
  COL_CODE,
  COL_RECEIVED,
  COL_FIELD,
  COL_COMMUNE,
  COL_STATUS,
  COL_DUE,
  COL_AGENCY,
  COL_PRIORITY,
  COL_PHOTOS,
  COL_ASSIGNEE,
  COL_DELIVERY,
  N_COLS
} Column;

typedef struct {
  const char *title;
  guint       chars;      /* natural width in characters */
  gboolean    expand;
} ColumnDef;

static const ColumnDef columns[N_COLS] = {
  [COL_CODE]     = { N_("Code"), 12, FALSE },
  [COL_RECEIVED] = { N_("Received"), 10, FALSE },
  [COL_FIELD]    = { N_("Field"), 5, FALSE },
  [COL_COMMUNE]  = { N_("Commune"), 12, FALSE },
  [COL_STATUS]   = { N_("Status"), 13, FALSE },
  [COL_DUE]      = { N_("Due"), 18, FALSE },
  [COL_AGENCY]   = { N_("Agency"), 14, TRUE },
  [COL_PRIORITY] = { N_("Priority"), 8, FALSE },
  [COL_PHOTOS]   = { N_("Photos"), 4, FALSE },
  /* Wide enough for the common Vietnamese three-word names. */
  [COL_ASSIGNEE] = { N_("Handled by"), 15, FALSE },
  /* "Hoàn tác?" (undo?), the longest state word, in full. */
  [COL_DELIVERY] = { N_("Sync"), 10, FALSE },
};

typedef struct {
  IocQueueColumns   *self;
  Column             column;
  IocQueueCellCache *cache;    /* the column's layouts */
} ColumnBinding;

static void
column_binding_free (gpointer data)
{
  ColumnBinding *binding = data;

  g_clear_pointer (&binding->cache, ioc_queue_cell_cache_unref);
  g_free (binding);
}

static guint
n_photos (IocComplaint *c)
{
  const char * const *urls = ioc_complaint_get_media_urls (c);
  guint n = urls != NULL ? g_strv_length ((char **) urls) : 0;

  return n > 0 ? n : ioc_complaint_get_media_url (c) != NULL ? 1 : 0;
}

static const char *
delivery_label (const char *state)
{
  if (state == NULL)
    return "";
  if (g_str_equal (state, "pending"))
    return C_("delivery", "Undo?");
  if (g_str_equal (state, "queued"))
    return C_("delivery", "Queued");
  if (g_str_equal (state, "sending"))
    return C_("delivery", "Sending");
  if (g_str_equal (state, "sent"))
    return C_("delivery", "Sent");
  if (g_str_equal (state, "conflict"))
    return C_("delivery", "Conflict");
  if (g_str_equal (state, "failed"))
    return C_("delivery", "Failed");
  return "";
}

/* The cell's tone class (one of "error", "warning", "dim-label", or none). */
static void
set_tone (GtkWidget  *cell,
          const char *tone)
{
  ioc_queue_cell_set_tone (IOC_QUEUE_CELL (cell), tone);
}

static void
bind_due (IocQueueColumns   *self,
          IocQueueCell      *cell,
          IocComplaint      *c)
{
  IocFormatStyle style = self->style;
  const IocDeadline *deadline = self->calendar != NULL ? ioc_complaint_cache_deadline (c, self->calendar) : NULL;
  g_autoptr(GDateTime) now = columns_now (self);
  g_autofree char *text = NULL;
  g_autofree char *span = NULL;
  GTimeSpan left;

  const char *tone = NULL;

  if (deadline == NULL)
    {
      set_tone (GTK_WIDGET (cell), NULL);
      ioc_queue_cell_set_text (cell, "—");
      return;
    }
  left = ioc_deadline_time_left (deadline, now);
  span = ioc_format_duration (style, left);
  switch (ioc_deadline_get_state (deadline, ioc_complaint_is_open (c), now))
    {
    case IOC_DEADLINE_STATE_OVERDUE:
      /* Red, and said in words: colour is never the only signal. */
      text = g_strdup_printf (_("overdue %s"), span);
      tone = "error";
      break;
    case IOC_DEADLINE_STATE_DUE_SOON:
      text = g_strdup_printf (_("%s left"), span);
      tone = "warning";
      break;
    case IOC_DEADLINE_STATE_ON_TRACK:
      text = g_strdup_printf (_("%s left"), span);
      break;
    case IOC_DEADLINE_STATE_CLOSED:
    default:
      text = ioc_format_date (style, deadline->due);
      tone = "dim-label";
      break;
    }
  set_tone (GTK_WIDGET (cell), tone);
  ioc_queue_cell_set_text (cell, text);
}

static void
bind_text (IocQueueColumns   *self,
           IocQueueCell      *cell,
           Column             column,
           IocComplaint      *c)
{
  IocFormatStyle style = self->style;
  g_autofree char *text = NULL;
  const char *plain = NULL;
  IocField field;

  switch (column)
    {
    case COL_CODE:
      plain = ioc_complaint_get_service_request_id (c);
      break;
    case COL_RECEIVED:
      /* The date in the column, the time in the tooltip: the column stays narrow. */
      if (ioc_complaint_get_requested_datetime (c) != NULL)
        text = ioc_format_date (style, ioc_complaint_get_requested_datetime (c));
      break;
    case COL_FIELD:
      /* The short code of domain.md §3 (ĐĐXD, MT…), the name in the tooltip. */
      if (ioc_complaint_get_field (c, &field))
        plain = ioc_field_info (field)->code;
      else
        plain = ioc_complaint_get_service_code (c);
      break;
    case COL_COMMUNE:
      {
        const char *code = ioc_complaint_get_commune_code (c);
        const IocCommune *commune = code != NULL ? ioc_commune_lookup (code) : NULL;

        plain = commune != NULL ? commune->name : code;
      }
      break;
    case COL_STATUS:
      plain = ioc_complaint_status_label (ioc_complaint_get_status (c));
      break;
    case COL_AGENCY:
      plain = ioc_complaint_get_agency_responsible (c);
      break;
    case COL_PRIORITY:
      plain = ioc_priority_label (ioc_complaint_get_priority (c));
      set_tone (GTK_WIDGET (cell), ioc_complaint_get_priority (c) == IOC_PRIORITY_KHAN_CAP ? "error"
                                   : ioc_complaint_get_priority (c) == IOC_PRIORITY_CAO ? "warning" : NULL);
      break;
    case COL_PHOTOS:
      {
        guint n = n_photos (c);

        text = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");
      }
      break;
    case COL_ASSIGNEE:
      plain = ioc_complaint_get_claimed_by (c);
      break;
    case COL_DELIVERY:
      {
        const char *state = delivery_of (self, c, NULL);

        plain = delivery_label (state);
        set_tone (GTK_WIDGET (cell), state != NULL && (g_str_equal (state, "conflict") ||
                                                       g_str_equal (state, "failed")) ? "error" : NULL);
      }
      break;
    case COL_DUE:
      bind_due (self, cell, c);
      return;
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
  /* Text from the feed: control characters made visible, never markup
   * (a cell's text is plain text). */
  if (text == NULL)
    text = ioc_complaint_export_clean_text (plain);
  ioc_queue_cell_set_text (cell, text);
}

/* Tooltips are computed when asked for: setting one on every bind makes GTK
 * query the pointer from the display server for each cell, which alone
 * costs more than a frame when a search rebinds the visible rows. */
static gboolean
cell_query_tooltip (GtkWidget     *cell,
                    int            x,
                    int            y,
                    gboolean       keyboard,
                    GtkTooltip    *tooltip,
                    ColumnBinding *binding)
{
  IocComplaint *c = g_object_get_data (G_OBJECT (cell), "complaint");
  IocFormatStyle style = binding->self->style;
  g_autofree char *text = NULL;
  IocField field;

  if (c == NULL)
    return FALSE;
  switch (binding->column)
    {
    case COL_RECEIVED:
      if (ioc_complaint_get_requested_datetime (c) != NULL)
        text = ioc_format_date_time (style, ioc_complaint_get_requested_datetime (c));
      break;
    case COL_FIELD:
      if (ioc_complaint_get_field (c, &field))
        text = g_strdup (ioc_field_label (field));
      break;
    case COL_DUE:
      {
        const IocDeadline *d = binding->self->calendar != NULL
                               ? ioc_complaint_cache_deadline (c, binding->self->calendar) : NULL;

        if (d != NULL)
          text = ioc_format_date_time (style, d->due);
      }
      break;
    case COL_DELIVERY:
      {
        const char *message = NULL;

        if (delivery_of (binding->self, c, &message) != NULL && message != NULL)
          text = ioc_complaint_export_clean_text (message);
      }
      break;
    default:
      break;
    }
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            ColumnBinding            *binding)
{
  /* The natural width is also the minimum: the list scrolls sideways rather
   * than cutting codes and dates short. The agency column takes the rest. */
  GtkWidget *cell = ioc_queue_cell_new (binding->cache,
                                        binding->column == COL_AGENCY ? 8 : columns[binding->column].chars,
                                        columns[binding->column].chars,
                                        /* Centred: the last column, and a
                                         * count at its right end would sit
                                         * under the overlay scrollbar. */
                                        binding->column == COL_PHOTOS ? 0.5f : 0.f);

  if (binding->column == COL_RECEIVED || binding->column == COL_FIELD ||
      binding->column == COL_DUE || binding->column == COL_DELIVERY)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip), binding);
    }
  gtk_list_item_set_child (item, cell);
}

/* Shows @c in the cell of @item. */
static void
cell_show (GtkListItem   *item,
           ColumnBinding *binding,
           IocComplaint  *c)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (cell), "complaint", c);
  if (binding->column == COL_DUE || binding->column == COL_DELIVERY)
    {
      GHashTable *cells = binding->column == COL_DUE ? binding->self->due_cells : binding->self->delivery_cells;

      if (c != NULL)
        g_hash_table_insert (cells, cell, c);
      else
        g_hash_table_remove (cells, cell);
    }
  if (c != NULL)
    bind_text (binding->self, IOC_QUEUE_CELL (cell), binding->column, c);
}

/* The row shows another complaint (the view changed) or its complaint was
 * updated in place by the feed. */
static void
row_complaint_changed (IocComplaintRow *row,
                       gpointer         data)
{
  GtkListItem *item = data;
  ColumnBinding *binding = g_object_get_data (G_OBJECT (item), "binding");

  if (binding != NULL)
    cell_show (item, binding, ioc_complaint_row_get_complaint (row));
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ColumnBinding            *binding)
{
  IocComplaintRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "binding", binding);
  cell_show (item, binding, ioc_complaint_row_get_complaint (row));
  /* A plain callback rather than a "notify::complaint" handler: scrolling
   * binds and unbinds hundreds of cells a second, and connecting and
   * disconnecting a handler each time was a visible part of a frame. The
   * item is unbound before the row or the item goes. */
  ioc_complaint_row_watch (row, row_complaint_changed, item);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ColumnBinding            *binding)
{
  IocComplaintRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    ioc_complaint_row_unwatch (row, row_complaint_changed, item);
  cell_show (item, binding, NULL);
}

static void
refresh_cells (IocQueueColumns   *self,
               GHashTable        *cells,
               Column             column)
{
  GHashTableIter iter;
  gpointer cell, c;

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &cell, &c))
    bind_text (self, IOC_QUEUE_CELL (cell), column, c);
}

/* --- sorting ----------------------------------------------------------- */

static int
cmp_str (const char *a,
         const char *b)
{
  /* Missing values last. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
cmp_time (GDateTime *a,
          GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_date_time_compare (a, b);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnBinding *binding = user_data;
  IocComplaint *x = IOC_COMPLAINT ((gpointer) a);
  IocComplaint *y = IOC_COMPLAINT ((gpointer) b);
  int r = 0;

  switch (binding->column)
    {
    case COL_CODE:
      r = cmp_str (ioc_complaint_get_service_request_id (x), ioc_complaint_get_service_request_id (y));
      break;
    case COL_RECEIVED:
      r = cmp_time (ioc_complaint_get_requested_datetime (x), ioc_complaint_get_requested_datetime (y));
      break;
    case COL_FIELD:
      {
        IocField fx, fy;

        ioc_complaint_get_field (x, &fx);
        ioc_complaint_get_field (y, &fy);
        r = (int) fx - (int) fy;
      }
      break;
    case COL_COMMUNE:
      r = cmp_str (ioc_complaint_get_commune_code (x), ioc_complaint_get_commune_code (y));
      break;
    case COL_STATUS:
      r = (int) ioc_complaint_get_status (x) - (int) ioc_complaint_get_status (y);
      break;
    case COL_DUE:
      {
        IocCalendar *cal = binding->self->calendar;
        const IocDeadline *dx = cal != NULL ? ioc_complaint_cache_deadline (x, cal) : NULL;
        const IocDeadline *dy = cal != NULL ? ioc_complaint_cache_deadline (y, cal) : NULL;
        gboolean ox = ioc_complaint_is_open (x), oy = ioc_complaint_is_open (y);

        /* Open complaints first, most urgent first; closed ones after. */
        if (ox != oy)
          r = ox ? -1 : 1;
        else
          r = cmp_time (dx != NULL ? dx->due : ioc_complaint_get_expected_datetime (x),
                        dy != NULL ? dy->due : ioc_complaint_get_expected_datetime (y));
      }
      break;
    case COL_AGENCY:
      r = cmp_str (ioc_complaint_get_agency_responsible (x), ioc_complaint_get_agency_responsible (y));
      break;
    case COL_PRIORITY:
      r = (int) ioc_complaint_get_priority (x) - (int) ioc_complaint_get_priority (y);
      break;
    case COL_PHOTOS:
      r = (int) n_photos (x) - (int) n_photos (y);
      break;
    case COL_ASSIGNEE:
      r = cmp_str (ioc_complaint_get_claimed_by (x), ioc_complaint_get_claimed_by (y));
      break;
    case COL_DELIVERY:
      {
        r = cmp_str (delivery_of (binding->self, x, NULL), delivery_of (binding->self, y, NULL));
      }
      break;
    case N_COLS:
    default:
      g_assert_not_reached ();
    }
  if (r == 0)   /* stable, total order */
    r = cmp_str (ioc_complaint_get_service_request_id (x), ioc_complaint_get_service_request_id (y));
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* What an operator triages by comes first: what it is, where it stands,
 * whether the last action reached the server, how late it is. */
static const Column display_order[N_COLS] = {
  COL_CODE, COL_STATUS, COL_DELIVERY, COL_DUE, COL_PRIORITY, COL_RECEIVED,
  COL_FIELD, COL_COMMUNE, COL_ASSIGNEE, COL_AGENCY, COL_PHOTOS,
};

static void
setup_columns (IocQueueColumns *self)
{
  for (guint k = 0; k < N_COLS; k++)
    {
      Column i = display_order[k];
      ColumnBinding *binding = g_new0 (ColumnBinding, 1);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = NULL;

      binding->self = self;
      binding->column = i;
      /* Codes are all different; every other column repeats its values. */
      binding->cache = ioc_queue_cell_cache_new (GTK_WIDGET (self->column_view), i != COL_CODE);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), binding);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), binding);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), binding);
      g_object_set_data_full (G_OBJECT (factory), "binding", binding, column_binding_free);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, binding, NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
      if (i == COL_DUE)
        self->due_column = column;
      g_object_unref (column);
    }
}


static void
ioc_queue_columns_finalize (GObject *object)
{
  IocQueueColumns *self = IOC_QUEUE_COLUMNS (object);

  g_clear_weak_pointer (&self->column_view);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->clock_now, g_date_time_unref);
  g_clear_pointer (&self->due_cells, g_hash_table_unref);
  g_clear_pointer (&self->delivery_cells, g_hash_table_unref);

  G_OBJECT_CLASS (ioc_queue_columns_parent_class)->finalize (object);
}

static void
ioc_queue_columns_class_init (IocQueueColumnsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_queue_columns_finalize;
}

static void
ioc_queue_columns_init (IocQueueColumns *self)
{
  self->style = ioc_format_style_default ();
  self->due_cells = g_hash_table_new (NULL, NULL);
  self->delivery_cells = g_hash_table_new (NULL, NULL);
}

/**
 * ioc_queue_columns_new:
 * @column_view: the queue's list; the columns are appended to it
 * @delivery: (scope notified): the delivery state of a complaint's last action
 *
 * The queue's columns (issue "Complaint triage"), in the order an operator
 * triages by. The column view must not outlive the returned object with
 * cells bound: the page disposes its template first.
 *
 * Returns: (transfer full): the columns
 */
IocQueueColumns *
ioc_queue_columns_new (GtkColumnView        *column_view,
                       IocQueueDeliveryFunc  delivery,
                       gpointer              user_data)
{
  IocQueueColumns *self;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);

  self = g_object_new (IOC_TYPE_QUEUE_COLUMNS, NULL);
  g_set_weak_pointer (&self->column_view, column_view);
  self->delivery = delivery;
  self->delivery_data = user_data;
  setup_columns (self);
  return self;
}

/**
 * ioc_queue_columns_set_calendar:
 *
 * The calendar the Due column counts working time with (domain.md deadlines).
 */
void
ioc_queue_columns_set_calendar (IocQueueColumns *self,
                                IocCalendar     *calendar)
{
  g_return_if_fail (IOC_IS_QUEUE_COLUMNS (self));
  g_set_object (&self->calendar, calendar);
}

/** ioc_queue_columns_set_now: the time the Due column counts from; NULL follows the clock. */
void
ioc_queue_columns_set_now (IocQueueColumns *self,
                           GDateTime       *now)
{
  g_return_if_fail (IOC_IS_QUEUE_COLUMNS (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

/** ioc_queue_columns_get_due_column: Returns: (transfer none): the Due column */
GtkColumnViewColumn *
ioc_queue_columns_get_due_column (IocQueueColumns *self)
{
  g_return_val_if_fail (IOC_IS_QUEUE_COLUMNS (self), NULL);
  return self->due_column;
}

/** ioc_queue_columns_refresh_due: the countdowns shown, counted again (domain.md deadlines). */
void
ioc_queue_columns_refresh_due (IocQueueColumns *self)
{
  g_return_if_fail (IOC_IS_QUEUE_COLUMNS (self));
  refresh_cells (self, self->due_cells, COL_DUE);
}

/** ioc_queue_columns_refresh_delivery: the delivery states shown, asked again. */
void
ioc_queue_columns_refresh_delivery (IocQueueColumns *self)
{
  g_return_if_fail (IOC_IS_QUEUE_COLUMNS (self));
  refresh_cells (self, self->delivery_cells, COL_DELIVERY);
}
