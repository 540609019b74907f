/* ioc-complaints-page.c — the Phản ánh page: the complaints queue, its
 * detail pane and the operator's actions
 *
 * Issue "Complaint triage". The model chain is
 *
 *   live model → IocComplaintView (column sorter, IocComplaintFilter) →
 *   IocComplaintRowModel → GtkSingleSelection → GtkColumnView
 *
 * with the columns' cells in IocQueueColumns. Sorting before filtering
 * means a keystroke in the search only recomputes which rows are kept — with
 * 100 000 complaints a search must show its result in under 100 ms. The
 * search text and the deadlines are cached on each complaint
 * (ioc-complaint-cache.c).
 *
 * The page composes: the filter controls (IocComplaintFilterBar), the
 * columns (IocQueueColumns), the saved views (IocQueueSavedViews), the export
 * (IocQueueExporter), the detail pane (IocComplaintDetail), and the
 * operator's actions with their undo window and outbox life cycle
 * (IocQueueActions, which opens IocConflictDialog). What stays here is what
 * ties them together: the model chain, the selection, the search entry, the
 * counts line, the likely duplicates and the keyboard navigation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-aggregate.h"
#include "ioc-base-geography.h"
#include "ioc-commune.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-detail.h"
#include "ioc-complaint-export.h"
#include "ioc-complaint-filter.h"
#include "ioc-complaint-filter-bar.h"
#include "ioc-complaint-row.h"
#include "ioc-complaint-view.h"
#include "ioc-accessible.h"
#include "ioc-complaints-page.h"
#include "ioc-complaints-page-private.h"
#include "ioc-fold.h"
#include "ioc-format.h"
#include "ioc-offline-map-source.h"
#include "ioc-queue-actions.h"
#include "ioc-queue-columns.h"
#include "ioc-queue-counts.h"
#include "ioc-queue-exporter.h"
#include "ioc-queue-saved-views.h"
#include "ioc-saved-view.h"

#define TICK_MS               30000
#define MAX_DUPLICATES        5

struct _IocComplaintsPage
{
  GtkWidget           parent_instance;

  /* Template */
  AdwToastOverlay    *toast_overlay;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *views_button;
  GtkMenuButton      *export_button;
  IocComplaintFilterBar *filter_bar;
  GtkLabel           *counts_label;
  GtkPaned           *paned;
  GtkWidget          *empty_box;
  GtkLabel           *empty_title;
  GtkLabel           *empty_hint;
  GtkColumnView      *column_view;
  IocComplaintDetail *detail;

  GtkStringList      *agencies;      /* every agency seen, for "assign" */
  gboolean            disposing;
  gboolean            syncing_search;

  GListModel         *model;
  IocComplaintView   *view;          /* sorted and filtered */
  IocComplaintRowModel *rows;        /* stable rows over the view */
  GtkSingleSelection *selection;
  IocComplaintFilter *filter;
  IocQueueColumns    *columns;       /* the cells, their tones and sort orders */

  IocCalendar        *calendar;
  GDateTime          *now;
  SoupSession        *session;
  /* The detail pane's small map: loaded once for the page, drawn locally. */
  IocBaseGeography   *geography;     /* nullable when the resource fails */
  ShumateMapSource   *map_source;

  IocQueueExporter   *exporter;
  char               *export_message;
  GCancellable       *cancellable;
  IocQueueActions    *actions;       /* the operator's actions, the outbox, the undo toasts */

  IocQueueCounts     *counts;        /* the counts line, counted after the rows are drawn */
  guint               warm_idle;     /* folding the search text ahead of time */
  guint               warm_next;
  guint               tick_id;

  IocQueueSavedViews *views;         /* named filter sets and their menu */

  AdwMessageDialog   *dialog;        /* saving a view; the actions keep theirs */
  IocComplaint       *watched;       /* the selected complaint, for in-place updates */
  guint               detail_idle;
  guint               focus_idle;
  gboolean            show_detail;
  gboolean            paned_placed;  /* the detail's first width is set */
};

enum { PROP_0, PROP_SHOW_DETAIL, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IocComplaintsPage, ioc_complaints_page, GTK_TYPE_WIDGET)

static void update_detail (IocComplaintsPage *self);
static void update_empty_state (IocComplaintsPage *self);
static void open_detail (IocComplaintsPage *self);
static void schedule_counts (IocComplaintsPage *self);

/* The complaint of the selected row. */
static IocComplaint *
selected_complaint (IocComplaintsPage *self)
{
  IocComplaintRow *row = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return row != NULL ? ioc_complaint_row_get_complaint (row) : NULL;
}

static GDateTime *
page_now (IocComplaintsPage *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
}

/* IocQueueDeliveryFunc: what the Sync column shows. */
static const char *
delivery_state_of (IocComplaint  *complaint,
                   const char   **message,
                   gpointer       user_data)
{
  IocComplaintsPage *self = user_data;

  if (self->actions == NULL)
    return NULL;
  return ioc_queue_actions_get_delivery (self->actions, ioc_complaint_get_service_request_id (complaint), message);
}

/* --- filter widgets ---------------------------------------------------- */

static void
agencies_add (IocComplaintsPage *self,
              const char        *agency)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agencies));

  if (agency == NULL || *agency == '\0')
    return;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->agencies, i), agency))
      return;
  gtk_string_list_append (self->agencies, agency);
  ioc_complaint_filter_bar_add_agency (self->filter_bar, agency);
}

/* The search entry shows the filter's search (a saved view applied). */
static void
sync_search (IocComplaintsPage *self)
{
  const char *search = ioc_complaint_filter_get_search (self->filter);
  g_autofree char *shown = ioc_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_autofree char *wanted = ioc_fold (search);

  if (g_strcmp0 (shown, wanted) != 0)
    {
      self->syncing_search = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
      self->syncing_search = FALSE;
    }
}

static void
search_changed (IocComplaintsPage *self)
{
  if (self->syncing_search || self->disposing)
    return;
  ioc_complaint_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void focus_list (IocComplaintsPage *self);

/* Enter: the results are what the operator wants to work on — the search
 * is applied at once (not after the entry's typing delay) and the list
 * takes the focus on the selected result, the text kept. */
static void
search_activated (IocComplaintsPage *self)
{
  search_changed (self);
  focus_list (self);
}

/* Escape, as in GNOME's search entries: the search is cleared, and the
 * list takes the focus so the next key acts on it rather than typing. */
static void
stop_search (IocComplaintsPage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  focus_list (self);
}

/* --- counts (IocQueueCounts) ------------------------------------------- */

static void
schedule_counts (IocComplaintsPage *self)
{
  if (self->counts != NULL)
    ioc_queue_counts_schedule (self->counts);
}

/* --- duplicates ----------------------------------------------------------- */

typedef struct {
  IocComplaint *c;
  double        d;
} Candidate;

static int
candidate_cmp (gconstpointer a,
               gconstpointer b)
{
  double da = ((const Candidate *) a)->d, db = ((const Candidate *) b)->d;

  return da < db ? -1 : da > db;
}

/* domain.md §3: same field, within 50 m, within 7 days, either still open. */
static GPtrArray *
find_duplicates (IocComplaintsPage *self,
                 IocComplaint      *c)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GDateTime *t = ioc_complaint_get_requested_datetime (c);
  const char *code = ioc_complaint_get_service_code (c);
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  IocField field;
  gboolean known = ioc_complaint_get_field (c, &field);

  if (t == NULL || !ioc_complaint_get_has_location (c))
    return out;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) o = g_list_model_get_item (self->model, i);
      GDateTime *to;
      IocField of;
      Candidate cand;

      /* Cheapest tests first: this scans the whole model. */
      if (o == c || !ioc_complaint_get_has_location (o))
        continue;
      to = ioc_complaint_get_requested_datetime (o);
      if (to == NULL || ABS (g_date_time_difference (to, t)) > IOC_DUPLICATE_MAX_INTERVAL)
        continue;
      if (!ioc_complaint_is_open (c) && !ioc_complaint_is_open (o))
        continue;
      if (known ? !(ioc_complaint_get_field (o, &of) && of == field)
                : g_strcmp0 (code, ioc_complaint_get_service_code (o)) != 0)
        continue;
      cand.d = ioc_haversine_m (ioc_complaint_get_lat (c), ioc_complaint_get_long (c),
                                ioc_complaint_get_lat (o), ioc_complaint_get_long (o));
      if (cand.d > IOC_DUPLICATE_MAX_DISTANCE_M)
        continue;
      cand.c = o;
      g_array_append_val (found, cand);
    }
  g_array_sort (found, candidate_cmp);
  for (guint i = 0; i < found->len && i < MAX_DUPLICATES; i++)
    g_ptr_array_add (out, g_object_ref (g_array_index (found, Candidate, i).c));
  return out;
}

/* --- selection and detail ------------------------------------------------- */

/* The actions follow the selected complaint (ioc_queue_actions_update()). */
static void
update_actions (IocComplaintsPage *self)
{
  if (self->actions != NULL)
    ioc_queue_actions_update (self->actions);
}

static void
update_detail (IocComplaintsPage *self)
{
  IocComplaint *c = selected_complaint (self);
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GDateTime) now = page_now (self);
  const char *state = NULL, *message = NULL;

  update_actions (self);
  if (c == NULL)
    {
      ioc_complaint_detail_show (self->detail, NULL, NULL, NULL, NULL, NULL, NULL);
      return;
    }
  duplicates = ioc_complaint_is_open (c) ? find_duplicates (self, c) : NULL;
  if (self->actions != NULL)
    state = ioc_queue_actions_get_delivery (self->actions, ioc_complaint_get_service_request_id (c), &message);
  ioc_complaint_detail_show (self->detail, c,
                             self->calendar != NULL ? ioc_complaint_cache_deadline (c, self->calendar) : NULL,
                             now, duplicates, state, message);
}

static gboolean
detail_idle_cb (gpointer user_data)
{
  IocComplaintsPage *self = user_data;

  self->detail_idle = 0;
  update_detail (self);
  return G_SOURCE_REMOVE;
}

/* The feed updated the shown complaint in place (several properties at
 * once): redraw the pane and the actions' states once. */
static void
watched_notify (IocComplaintsPage *self)
{
  if (self->detail_idle == 0)
    self->detail_idle = g_idle_add (detail_idle_cb, self);
}

static void
selection_changed (IocComplaintsPage *self)
{
  IocComplaint *c = selected_complaint (self);

  if (c != self->watched)
    {
      if (self->watched != NULL)
        g_signal_handlers_disconnect_by_func (self->watched, watched_notify, self);
      g_set_object (&self->watched, c);
      if (c != NULL)
        g_signal_connect_swapped (c, "notify", G_CALLBACK (watched_notify), self);
    }
  /* The actions follow the selection at once; the pane (duplicates scan the
   * whole model) right after the list has drawn its new rows. */
  update_actions (self);
  watched_notify (self);
}

/* Rows stay in place when the view changes, so GTK keeps the selected
 * position: move the selection to where the selected complaint went (or the
 * first row when it is no longer shown). Connected after the row model, so
 * the rows already show the new view. */
/* Runs before the rows follow the view (connected first). GTK 4.8's window
 * keeps a bare pointer to the focused widget: when the view empties while
 * a row has the keyboard focus, the row is destroyed and the window's next
 * focus move reads freed memory. The focus goes to the search entry first
 * — with nothing left in the list, refining the search is what is left to
 * do. */
static void
view_items_changing (IocComplaintsPage *self,
                     guint              position,
                     guint              removed,
                     guint              added)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (removed == 0 || g_list_model_get_n_items (G_LIST_MODEL (self->view)) > 0 || focus == NULL)
    return;
  if (focus != GTK_WIDGET (self->column_view) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* An empty list says why, instead of a blank table: nothing delivered
 * yet, or nothing matching — and for "mine" without an operator name,
 * how to fix that. */
static void
update_empty_state (IocComplaintsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  const char *name = ioc_complaint_filter_get_operator (self->filter);

  gtk_widget_set_visible (self->empty_box, n == 0);
  if (n > 0)
    return;
  if (self->model == NULL || g_list_model_get_n_items (self->model) == 0)
    {
      gtk_label_set_text (self->empty_title, _("No complaints yet"));
      gtk_label_set_text (self->empty_hint, _("They appear here as the complaints feed delivers them."));
    }
  else if (ioc_complaint_filter_get_mine (self->filter) && (name == NULL || *name == '\0'))
    {
      gtk_label_set_text (self->empty_title, _("No complaints match"));
      gtk_label_set_text (self->empty_hint, _("“Mine” shows the complaints claimed in your name: set your name in Preferences (Ctrl+,)."));
    }
  else
    {
      gtk_label_set_text (self->empty_title, _("No complaints match"));
      gtk_label_set_text (self->empty_hint, _("Change the search or the filters, or reset them (Ctrl+Shift+R)."));
    }
}

static void
view_items_changed (IocComplaintsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  guint pos = 0;

  schedule_counts (self);
  update_empty_state (self);
  if (self->watched != NULL && !ioc_complaint_view_find (self->view, self->watched, &pos))
    pos = 0;
  if (n > 0 && gtk_single_selection_get_selected (self->selection) != pos)
    gtk_single_selection_set_selected (self->selection, pos);
  else
    selection_changed (self);
}

/* --- actions (IocQueueActions) ---------------------------------------------- */

/* The actions changed a delivery state: the Sync column and the detail
 * show it. */
static void
delivery_updated (IocComplaintsPage *self)
{
  ioc_queue_columns_refresh_delivery (self->columns);
  update_detail (self);
}

/* IocQueueDuplicatesFunc: "mark as duplicate" proposes the nearest. */
static GPtrArray *
duplicates_of (IocComplaint *complaint,
               gpointer      user_data)
{
  return find_duplicates (user_data, complaint);
}

/* The page's own dialog (saving a view); the actions present theirs. */
static void
present_dialog (IocComplaintsPage *self,
                AdwMessageDialog  *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- keyboard ------------------------------------------------------------ */

static GtkWidget *
list_view_of (GtkColumnView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static void
move_selection (IocComplaintsPage *self,
                int                delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint pos = gtk_single_selection_get_selected (self->selection);
  GtkWidget *list = list_view_of (self->column_view);

  if (n == 0)
    return;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else if (delta < 0 && pos > 0)
    pos--;
  else if (delta > 0 && pos + 1 < n)
    pos++;
  gtk_single_selection_set_selected (self->selection, pos);
  /* No gtk_column_view_scroll_to() before GTK 4.12: the list's own action
   * scrolls to the row and moves the keyboard focus there. */
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", pos);
}

static void
nav_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (widget);

  if (g_str_equal (action_name, "queue.next"))
    move_selection (self, 1);
  else if (g_str_equal (action_name, "queue.previous"))
    move_selection (self, -1);
  else if (g_str_equal (action_name, "queue.search"))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (g_str_equal (action_name, "queue.open"))
    open_detail (self);
  else if (g_str_equal (action_name, "queue.focus-list"))
    focus_list (self);
}

/* The keyboard focus on the selected row of the list. */
static void
focus_list (IocComplaintsPage *self)
{
  GtkWidget *list = list_view_of (self->column_view);
  guint pos = gtk_single_selection_get_selected (self->selection);

  /* GTK 4.8's scroll-to-item only scrolls: the focus must be moved too,
   * or the next Enter goes to whatever control had it. */
  if (list != NULL && pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", pos);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static gboolean
focus_is_inside (IocComplaintsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

static gboolean
focus_list_when_shown (gpointer user_data)
{
  IocComplaintsPage *self = user_data;

  self->focus_idle = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !focus_is_inside (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return G_SOURCE_REMOVE;
}

/* The page's keys (j/k, Enter, a f p n d r x o, /) work while the focus is
 * inside it: when the page is shown — at start with --page=complaints or
 * from the view switcher — the focus goes to the list, so that an operator
 * can start at once without a mouse. */
static void
page_mapped (IocComplaintsPage *self)
{
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_list_when_shown, self, NULL);
}

/* Enter opens the complaint: the detail pane comes back if it was hidden,
 * and takes the keyboard focus. */
static void
open_detail (IocComplaintsPage *self)
{
  ioc_complaints_page_set_show_detail (self, TRUE);
  ioc_complaint_detail_focus_actions (self->detail);
}

static void
row_activated (GtkColumnView     *view,
               guint              position,
               IocComplaintsPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  open_detail (self);
}

/* The detail pane's first width, once the page knows its own: wide enough
 * for the action buttons and the map, the rest to the list. Later the
 * window's growth goes to the list (the pane does not resize), and the
 * operator's drag of the divider stays. */
#define DETAIL_WIDTH 420

static void
place_divider (IocComplaintsPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

  if (self->paned_placed || width <= 0)
    return;
  self->paned_placed = TRUE;
  /* GtkPaned keeps the position within what both panes need. */
  gtk_paned_set_position (self->paned, MAX (width - DETAIL_WIDTH, width / 2));
}

/* --- export ---------------------------------------------------------------- */

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(IocComplaintsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *msg = NULL;
  guint n_rows = 0;

  if (ioc_queue_exporter_export_finish (IOC_QUEUE_EXPORTER (source), result, &n_rows, &error))
    {
      g_autofree char *n = ioc_format_integer (ioc_format_style_default (), n_rows);

      msg = g_strdup_printf (_("Exported %s complaints"), n);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the page went away */
  else
    msg = g_strdup_printf (_("Export failed: %s"), error->message);
  g_free (self->export_message);
  self->export_message = g_steal_pointer (&msg);
  if (self->toast_overlay != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (self->export_message));
}

/**
 * ioc_complaints_page_export:
 * @self: the page
 * @format: CSV or XLSX
 * @path: the file
 *
 * Writes the current view on a worker thread (ioc-queue-exporter.c); a
 * toast says when it is done or why it failed.
 */
void
ioc_complaints_page_export (IocComplaintsPage        *self,
                            IocComplaintExportFormat  format,
                            const char               *path)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));

  g_clear_pointer (&self->export_message, g_free);
  ioc_queue_exporter_export_async (self->exporter, G_LIST_MODEL (self->view), self->filter, format, path,
                                   self->cancellable, export_done, g_object_ref (self));
}

/** ioc_complaints_page_get_export_message: @self: the page Returns: (nullable): the last export's toast */
const char *
ioc_complaints_page_get_export_message (IocComplaintsPage *self)
{
  return self->export_message;
}

static void
export_chosen (GtkNativeDialog   *chooser,
               int                response,
               IocComplaintsPage *self)
{
  IocComplaintExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        ioc_complaints_page_export (self, format, path);
      else
        {
          g_autofree char *msg = g_strdup_printf (_("Export failed: %s"), _("not a local file"));

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (msg));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (widget);
  gboolean xlsx = g_str_equal (action_name, "queue.export-xlsx");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (xlsx ? _("Export to XLSX") : _("Export to CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), xlsx ? "phan-anh.xlsx" : "phan-anh.csv");
  g_object_set_data (G_OBJECT (chooser), "format",
                     GINT_TO_POINTER (xlsx ? IOC_COMPLAINT_EXPORT_XLSX : IOC_COMPLAINT_EXPORT_CSV));
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- saved views (IocQueueSavedViews) ---------------------------------------- */

static void
views_failed (IocComplaintsPage *self,
              GError            *error)
{
  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
apply_view (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (widget);

  ioc_queue_saved_views_apply (self->views, g_variant_get_string (parameter, NULL));
}

static void
delete_view (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!ioc_queue_saved_views_remove (self->views, g_variant_get_string (parameter, NULL), &error))
    views_failed (self, error);
}

static void
reset_filters (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (widget);

  ioc_complaint_filter_reset (self->filter);
}

static void
save_view_response (AdwMessageDialog *dialog,
                    const char       *response,
                    GtkEditable      *entry)
{
  IocComplaintsPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save") &&
      !ioc_queue_saved_views_put (self->views, gtk_editable_get_text (entry), &error))
    views_failed (self, error);
  if (self->dialog == dialog)
    self->dialog = NULL;
}

static void
save_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (widget);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Save view"), NULL));
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *summary = ioc_complaint_filter_describe (self->filter);
  g_autofree char *clean = ioc_complaint_export_clean_text (summary);

  adw_message_dialog_set_body (dialog, clean);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name of the view"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the view"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "page", self);
  g_signal_connect (dialog, "response", G_CALLBACK (save_view_response), entry);
  present_dialog (self, dialog);
  gtk_widget_grab_focus (entry);
}

/* --- the model's new rows ------------------------------------------------------ */

/* Agencies met in new complaints join the agency filter's choices. (Desktop
 * notifications for new complaints are IocComplaintNotifier's.) */
static void
model_items_changed (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     IocComplaintsPage *self)
{
  for (guint i = position; i < position + added && added < 1000; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);

      agencies_add (self, ioc_complaint_get_agency_responsible (c));
    }
  /* "No complaints yet" becomes "none match" when the first arrive. */
  if (self->view != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->view)) == 0)
    update_empty_state (self);
}

/* --- life cycle ---------------------------------------------------------------- */

static gboolean
tick (gpointer user_data)
{
  IocComplaintsPage *self = user_data;

  /* Countdowns move on; overdue changes with time. */
  ioc_queue_columns_refresh_due (self->columns);
  if (ioc_complaint_filter_get_overdue_only (self->filter) && self->now == NULL)
    ioc_complaint_view_refilter (self->view);
  schedule_counts (self);
  return G_SOURCE_CONTINUE;
}

static void
ioc_complaints_page_dispose (GObject *object)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (object);

  /* Nothing of ours runs while the widgets go away (drop-downs report their
   * selection going to nothing as they are disposed). */
  self->disposing = TRUE;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);

  /* Actions still in their undo window are the operator's decisions: they
   * are written to the outbox, not dropped (ioc_queue_actions_shutdown()). */
  if (self->actions != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->actions, self);
      ioc_queue_actions_shutdown (self->actions);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->counts != NULL)
    ioc_queue_counts_stop (self->counts);
  g_clear_handle_id (&self->warm_idle, g_source_remove);
  g_clear_handle_id (&self->detail_idle, g_source_remove);
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_func (self->watched, watched_notify, self);
  g_clear_object (&self->watched);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  /* The list lets go of the models before the widgets are torn down. */
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOC_TYPE_COMPLAINTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->counts);
  g_clear_object (&self->view);
  g_clear_object (&self->model);
  g_clear_object (&self->agencies);
  g_clear_object (&self->session);
  g_clear_object (&self->map_source);
  g_clear_object (&self->geography);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->exporter);

  G_OBJECT_CLASS (ioc_complaints_page_parent_class)->dispose (object);
}

static void
ioc_complaints_page_finalize (GObject *object)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (object);

  g_clear_object (&self->filter);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_object (&self->actions);
  g_clear_object (&self->columns);
  g_clear_object (&self->views);
  g_free (self->export_message);

  G_OBJECT_CLASS (ioc_complaints_page_parent_class)->finalize (object);
}

static void
ioc_complaints_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_DETAIL:
      g_value_set_boolean (value, self->show_detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_complaints_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  IocComplaintsPage *self = IOC_COMPLAINTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_DETAIL:
      ioc_complaints_page_set_show_detail (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_complaints_page_class_init (IocComplaintsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ioc_complaints_page_dispose;
  object_class->finalize = ioc_complaints_page_finalize;
  object_class->get_property = ioc_complaints_page_get_property;
  object_class->set_property = ioc_complaints_page_set_property;

  /**
   * IocComplaintsPage:show-detail:
   *
   * Whether the detail pane is shown beside the list. Hidden, the list
   * has the whole width (every column on a 1 280 px screen); opening a
   * complaint (Enter) shows it again.
   */
  properties[PROP_SHOW_DETAIL] =
    g_param_spec_boolean ("show-detail", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IOC_TYPE_COMPLAINT_DETAIL);
  g_type_ensure (IOC_TYPE_COMPLAINT_FILTER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/angiang/IocDashboard/ioc-complaints-page.ui");
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, views_button);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, empty_box);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, empty_title);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, IocComplaintsPage, detail);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "complaints-page");

  /* The operator's actions first, as their keys always were. */
  ioc_queue_actions_install_shortcuts (widget_class);

  gtk_widget_class_install_action (widget_class, "queue.next", NULL, nav_activated);
  gtk_widget_class_install_action (widget_class, "queue.previous", NULL, nav_activated);
  gtk_widget_class_install_action (widget_class, "queue.search", NULL, nav_activated);
  gtk_widget_class_install_action (widget_class, "queue.open", NULL, nav_activated);
  gtk_widget_class_install_action (widget_class, "queue.focus-list", NULL, nav_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "queue.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "queue.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_slash, 0, "queue.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Divide, 0, "queue.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "queue.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "queue.focus-list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "queue.focus-list", NULL);
  /* F9, as GNOME applications show and hide their side panes. */
  gtk_widget_class_install_property_action (widget_class, "queue.show-detail", "show-detail");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "queue.show-detail", NULL);

  gtk_widget_class_install_action (widget_class, "queue.export-csv", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "queue.export-xlsx", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "queue.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "queue.export-xlsx", NULL);
  gtk_widget_class_install_action (widget_class, "queue.save-view", NULL, save_view_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "queue.save-view", NULL);
  gtk_widget_class_install_action (widget_class, "queue.apply-view", "s", apply_view);
  gtk_widget_class_install_action (widget_class, "queue.delete-view", "s", delete_view);
  gtk_widget_class_install_action (widget_class, "queue.reset-filters", NULL, reset_filters);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "queue.reset-filters", NULL);
}

static void
ioc_complaints_page_init (IocComplaintsPage *self)
{
  g_autoptr(GListStore) empty = g_list_store_new (IOC_TYPE_COMPLAINT);
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->show_detail = TRUE;
  g_signal_connect_swapped (self->paned, "notify::max-position", G_CALLBACK (place_divider), self);

  self->filter = ioc_complaint_filter_new ();
  self->cancellable = g_cancellable_new ();
  self->exporter = ioc_queue_exporter_new ();
  self->session = soup_session_new_with_options ("timeout", 20, "max-conns", 4, NULL);
  ioc_complaint_detail_set_session (self->detail, self->session);
  {
    g_autoptr(GError) error = NULL;

    /* The offline base map, never tiles from the network: the location must
     * show for operators without internet, and in tests. */
    self->geography = ioc_base_geography_new_default (&error);
    if (self->geography == NULL)
      g_message ("No base map for the complaint detail: %s", error->message);
    else
      {
        self->map_source = SHUMATE_MAP_SOURCE (ioc_offline_map_source_new (self->geography));
        /* Beside the queue: scrolling must not pay for these tiles. */
        ioc_offline_map_source_set_cairo_tiles (IOC_OFFLINE_MAP_SOURCE (self->map_source), TRUE);
        ioc_complaint_detail_set_map_source (self->detail, self->map_source);
      }
  }
  {
    g_autofree char *views_path = ioc_saved_view_default_path ();
    g_autoptr(GMenu) export = g_menu_new ();

    self->views = ioc_queue_saved_views_new (self->filter, views_path);
    gtk_menu_button_set_menu_model (self->views_button, ioc_queue_saved_views_get_menu (self->views));
    g_menu_append (export, _("Export to _CSV…"), "queue.export-csv");
    g_menu_append (export, _("Export to _XLSX…"), "queue.export-xlsx");
    gtk_menu_button_set_menu_model (self->export_button, G_MENU_MODEL (export));
    /* The inner toggles take the focus: they carry the names too. */
    ioc_accessible_label_inner_toggle (GTK_WIDGET (self->views_button), _("Saved views"));
    ioc_accessible_label_inner_toggle (GTK_WIDGET (self->export_button), _("Export the current view"));
  }

  g_signal_connect (self, "map", G_CALLBACK (page_mapped), NULL);
  self->columns = ioc_queue_columns_new (self->column_view, delivery_state_of, self);
  self->agencies = gtk_string_list_new (NULL);
  {
    guint n;
    const IocFieldInfo *infos = ioc_field_all (&n);

    for (guint i = 0; i < n; i++)
      agencies_add (self, infos[i].agency);
  }
  ioc_complaint_filter_bar_set_filter (self->filter_bar, self->filter);
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (sync_search), self);

  self->model = G_LIST_MODEL (g_object_ref (empty));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->view = ioc_complaint_view_new (self->filter, sorter);
  ioc_complaint_view_set_source (self->view, self->model);
  self->counts = ioc_queue_counts_new (GTK_WIDGET (self), self->counts_label, G_LIST_MODEL (self->view));
  ioc_queue_counts_set_model (self->counts, self->model);
  g_signal_connect_swapped (self->view, "items-changed", G_CALLBACK (view_items_changing), self);
  self->rows = ioc_complaint_row_model_new (G_LIST_MODEL (self->view));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, ioc_queue_columns_get_due_column (self->columns),
                                  GTK_SORT_ASCENDING);
  self->actions = ioc_queue_actions_new (GTK_WIDGET (self), self->toast_overlay, self->selection,
                                         GTK_WIDGET (self->column_view), self->agencies);
  ioc_queue_actions_set_duplicates_func (self->actions, duplicates_of, self);
  /* Single-letter keys act in the list and the detail pane only. */
  ioc_queue_actions_set_detail (self->actions, GTK_WIDGET (self->detail));
  g_signal_connect_swapped (self->actions, "delivery-changed", G_CALLBACK (delivery_updated), self);

  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed), self);
  g_signal_connect_swapped (self->view, "items-changed", G_CALLBACK (view_items_changed), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activated), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activated), self);
  /* The search answers at once: the 100 ms budget is for the whole update. */
  gtk_search_entry_set_search_delay (self->search_entry, 60);

  self->tick_id = g_timeout_add (TICK_MS, tick, self);
  update_detail (self);
  update_empty_state (self);
  ioc_queue_counts_update (self->counts);
}

/**
 * ioc_complaints_page_new:
 *
 * The Phản ánh page (issue "Complaint triage"). Give it the live model
 * (ioc_complaints_page_set_model()), the outbox
 * (ioc_complaints_page_set_outbox()), the calendar and the operator's name.
 *
 * Returns: (transfer floating): the page
 */
IocComplaintsPage *
ioc_complaints_page_new (void)
{
  return g_object_new (IOC_TYPE_COMPLAINTS_PAGE, NULL);
}

/* The first search of a shift would fold every complaint's text at once
 * (0,8 s for 100 000): do it ahead, a slice per idle turn. */
static gboolean
warm_search (gpointer user_data)
{
  IocComplaintsPage *self = user_data;
  guint n = g_list_model_get_n_items (self->model);
  guint end = MIN (n, self->warm_next + 2000);

  for (; self->warm_next < end; self->warm_next++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (self->model, self->warm_next);

      ioc_complaint_cache_haystack (c);
    }
  if (self->warm_next < n)
    return G_SOURCE_CONTINUE;
  self->warm_idle = 0;
  return G_SOURCE_REMOVE;
}

/**
 * ioc_complaints_page_set_model:
 * @self: the page
 * @complaints: (element-type IocComplaint): the complaints
 */
void
ioc_complaints_page_set_model (IocComplaintsPage *self,
                               GListModel        *complaints)
{
  guint n;

  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (complaints));

  if (self->model == complaints)
    return;
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, complaints);
  /* "Mark as duplicate" checks the original among all complaints, not
   * only those the filters show. */
  ioc_queue_actions_set_complaints (self->actions, complaints);
  ioc_queue_counts_set_model (self->counts, complaints);
  n = g_list_model_get_n_items (complaints);
  model_items_changed (complaints, 0, 0, MIN (n, 999), self);
  /* The agency filter offers every agency the data names. */
  for (guint i = 999; i < n; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (complaints, i);

      agencies_add (self, ioc_complaint_get_agency_responsible (c));
    }
  g_signal_connect (complaints, "items-changed", G_CALLBACK (model_items_changed), self);
  ioc_complaint_view_set_source (self->view, complaints);
  schedule_counts (self);
  self->warm_next = 0;
  if (self->warm_idle == 0)
    self->warm_idle = g_idle_add_full (G_PRIORITY_LOW, warm_search, self, NULL);
}

/** ioc_complaints_page_get_model: @self: the page Returns: (transfer none): the complaints */
GListModel *
ioc_complaints_page_get_model (IocComplaintsPage *self)
{
  return self->model;
}

/**
 * ioc_complaints_page_set_outbox:
 * @self: the page
 * @store: (nullable): the store whose outbox carries the actions; without
 *   one the actions are disabled
 * @sender: (nullable): woken when an action is queued
 */
void
ioc_complaints_page_set_outbox (IocComplaintsPage *self,
                                IocStore          *store,
                                IocOutboxSender   *sender)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));

  ioc_queue_actions_set_outbox (self->actions, store, sender);
}

/** ioc_complaints_page_set_calendar: @self: the page @calendar: (nullable): the working-day calendar (domain.md §3) */
void
ioc_complaints_page_set_calendar (IocComplaintsPage *self,
                                  IocCalendar       *calendar)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));

  if (!g_set_object (&self->calendar, calendar))
    return;
  ioc_complaint_filter_set_calendar (self->filter, calendar);
  ioc_queue_counts_set_calendar (self->counts, calendar);
  ioc_queue_columns_set_calendar (self->columns, calendar);
  gtk_sorter_changed (gtk_column_view_column_get_sorter (ioc_queue_columns_get_due_column (self->columns)),
                      GTK_SORTER_CHANGE_DIFFERENT);
  ioc_queue_columns_refresh_due (self->columns);
  update_detail (self);
  schedule_counts (self);
}

/** ioc_complaints_page_set_operator: @self: the page @name: (nullable): GSettings operator-name */
void
ioc_complaints_page_set_operator (IocComplaintsPage *self,
                                  const char        *name)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));

  ioc_queue_actions_set_operator (self->actions, name);
  ioc_complaint_filter_set_operator (self->filter, name);
  ioc_complaint_detail_set_operator (self->detail, name);
  update_detail (self);
}

/* --- private: tests and benchmark ------------------------------------------- */

/* The empty list's title and hint, "title\nhint"; NULL while rows show. */
char *
ioc_complaints_page_dup_empty_message (IocComplaintsPage *self)
{
  if (!gtk_widget_get_visible (self->empty_box))
    return NULL;
  return g_strdup_printf ("%s\n%s", gtk_label_get_text (self->empty_title), gtk_label_get_text (self->empty_hint));
}

IocComplaintFilter *
ioc_complaints_page_get_filter (IocComplaintsPage *self)
{
  return self->filter;
}

GListModel *
ioc_complaints_page_get_view (IocComplaintsPage *self)
{
  return G_LIST_MODEL (self->view);
}

GtkColumnView *
ioc_complaints_page_get_column_view (IocComplaintsPage *self)
{
  return self->column_view;
}

GtkWidget *
ioc_complaints_page_get_search_entry (IocComplaintsPage *self)
{
  return GTK_WIDGET (self->search_entry);
}

const char *
ioc_complaints_page_get_counts_text (IocComplaintsPage *self)
{
  return ioc_queue_counts_get_text (self->counts);
}

void
ioc_complaints_page_set_undo_delay (IocComplaintsPage *self,
                                    guint              milliseconds)
{
  ioc_queue_actions_set_undo_delay (self->actions, milliseconds);
}

void
ioc_complaints_page_set_now (IocComplaintsPage *self,
                             GDateTime         *now)
{
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  ioc_complaint_filter_set_now (self->filter, now);
  ioc_queue_counts_set_now (self->counts, now);
  ioc_complaint_filter_bar_set_now (self->filter_bar, now);
  ioc_queue_columns_set_now (self->columns, now);
  ioc_queue_columns_refresh_due (self->columns);
  update_detail (self);
  schedule_counts (self);
}

IocComplaint *
ioc_complaints_page_get_selected (IocComplaintsPage *self)
{
  return selected_complaint (self);
}

gboolean
ioc_complaints_page_select_id (IocComplaintsPage *self,
                               const char        *service_request_id)
{
  GListModel *view = G_LIST_MODEL (self->view);

  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);

      if (g_strcmp0 (ioc_complaint_get_service_request_id (c), service_request_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
ioc_complaints_page_get_delivery (IocComplaintsPage *self,
                                  const char        *service_request_id)
{
  return ioc_queue_actions_get_delivery (self->actions, service_request_id, NULL);
}

void
ioc_complaints_page_flush_pending (IocComplaintsPage *self)
{
  ioc_queue_actions_flush (self->actions);
}

static void
outbox_refreshed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (ioc_queue_actions_refresh_finish (IOC_QUEUE_ACTIONS (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The callback sees the page as the source, as callers expect. */
void
ioc_complaints_page_refresh_outbox (IocComplaintsPage  *self,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  ioc_queue_actions_refresh_async (self->actions, outbox_refreshed, g_task_new (self, NULL, callback, user_data));
}

AdwMessageDialog *
ioc_complaints_page_get_dialog (IocComplaintsPage *self)
{
  AdwMessageDialog *dialog = ioc_queue_actions_get_dialog (self->actions);

  return dialog != NULL ? dialog : self->dialog;
}

/** ioc_complaints_page_get_filter_bar: @self: the page Returns: (transfer none): the filter controls */
IocComplaintFilterBar *
ioc_complaints_page_get_filter_bar (IocComplaintsPage *self)
{
  return self->filter_bar;
}

GtkWidget *
ioc_complaints_page_get_detail (IocComplaintsPage *self)
{
  return GTK_WIDGET (self->detail);
}

/** ioc_complaints_page_get_exporter: @self: the page Returns: (transfer none): the IocQueueExporter */
gpointer
ioc_complaints_page_get_exporter (IocComplaintsPage *self)
{
  return self->exporter;
}

/**
 * ioc_complaints_page_set_show_detail:
 * @show: whether the detail pane is shown
 *
 * Shows or hides the detail pane (IocComplaintsPage:show-detail). Hiding
 * it while it has the keyboard focus gives the focus to the list, so
 * the keys keep working.
 */
void
ioc_complaints_page_set_show_detail (IocComplaintsPage *self,
                                     gboolean           show)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));

  show = !!show;
  if (self->show_detail == show)
    return;
  self->show_detail = show;
  if (!show && gtk_widget_get_focus_child (GTK_WIDGET (self->paned)) == GTK_WIDGET (self->detail))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  gtk_widget_set_visible (GTK_WIDGET (self->detail), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DETAIL]);
}

/** ioc_complaints_page_get_show_detail: Returns: whether the detail pane is shown */
gboolean
ioc_complaints_page_get_show_detail (IocComplaintsPage *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINTS_PAGE (self), FALSE);
  return self->show_detail;
}

/**
 * ioc_complaints_page_set_boundaries:
 * @boundaries: (nullable): the commune boundaries (the `boundary-file`
 *   setting, loaded by the map page)
 *
 * Draws the communes' edges and names on the detail's small map. Call it
 * before the first complaint is shown: tiles already drawn keep their
 * look.
 */
void
ioc_complaints_page_set_boundaries (IocComplaintsPage *self,
                                    IocGeoJson        *boundaries)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_PAGE (self));

  if (self->map_source != NULL)
    ioc_offline_map_source_set_boundaries (IOC_OFFLINE_MAP_SOURCE (self->map_source), boundaries);
  ioc_complaint_detail_set_boundaries (self->detail, boundaries);
}
