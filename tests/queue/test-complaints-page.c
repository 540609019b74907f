/* test-complaints-page.c — the Phản ánh page under a real display, against
 * the feed simulator running in-process on a random loopback port
 *
 * Filter, diacritic-free search, sort, every action round-tripped through the
 * outbox, the sender and the simulator, undo before sending, the conflict
 * comparison, a complaint that vanished from the server, export contents,
 * hostile text and photos; and PNGs of the page and the conflict dialog,
 * kept in the build directory (tests/queue/) for people to look at.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "ioc-commune.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-detail.h"
#include "ioc-complaint-export.h"
#include "ioc-complaint-list-model.h"
#include "ioc-complaint-view.h"
#include "ioc-complaints-page.h"
#include "ioc-test-a11y.h"
#include "ioc-complaints-page-private.h"
#include "ioc-feed-adapter.h"
#include "ioc-fold.h"
#include "ioc-format.h"
#include "ioc-offline-map-source.h"
#include "ioc-open311-parser.h"
#include "ioc-outbox-sender.h"
#include "ioc-queue-exporter.h"
#include "ioc-saved-view.h"
#include "ioc-resources.h"
#include "sim-test-server.h"
#include "ioc-store.h"

#define SIM_NOW "2024-12-10T09:00:00+07:00"

/* --- the simulator in a thread --------------------------------------------- */

/* The simulator in a thread (sim-test-server), its clock frozen at SIM_NOW. */
static SimTestServer *
sim_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  IocSimConfig config;

  ioc_sim_config_init (&config);
  config.seed = 7;
  config.speed = 0;
  config.has_now = TRUE;
  config.now = g_date_time_to_unix (now);
  return sim_test_server_start (&config);
}

/* --- fixture ------------------------------------------------------------- */

static SimTestServer *sim;
static char *base;           /* {sim}/open311/v2/ */
static SoupSession *http;    /* the test's own, blocking */
static IocFeedAdapter *adapter;
static IocComplaintListModel *complaints;   /* as the feed gives it to the page */
static IocStore *store;
static IocOutboxSender *sender;
static char *tmpdir;
static GtkWindow *window;
static IocComplaintsPage *page;

static GBytes *
http_get (const char *path,
          guint      *status)
{
  g_autofree char *uri = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = soup_session_send_and_read (http, msg, NULL, &error);

  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return bytes;
}

/* The simulator's current version of one complaint. */
static IocComplaint *
server_version (const char *id)
{
  g_autofree char *path = g_strdup_printf ("requests/%s.json?extensions=true", id);
  guint status;
  g_autoptr(GBytes) body = http_get (path, &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) result = NULL;

  g_assert_cmpuint (status, ==, 200);
  result = ioc_open311_parse_requests (g_bytes_get_data (body, NULL), g_bytes_get_size (body), adapter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->requests->len, ==, 1);
  return g_object_ref (g_ptr_array_index (result->requests, 0));
}

/* What the feed does with a fresh version of a complaint: merge it into
 * the model, which updates the live object in place (or appends a new one)
 * and announces the update. */
static void
feed_merge (IocComplaint *fresh)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();

  g_ptr_array_add (batch, fresh);
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (complaints), batch);
}

static void
load_complaints (void)
{
  /* The year up to the simulator's now, in windows of at most 90 days (feeds.md §1). */
  static const char *windows[][2] = {
    { "2024-01-01", "2024-03-31" }, { "2024-03-31", "2024-06-29" },
    { "2024-06-29", "2024-09-27" }, { "2024-09-27", "2024-12-11" },
  };

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
  for (guint page_no = 1;; page_no++)
    {
      g_autofree char *path = g_strdup_printf ("requests.json?extensions=true&page_size=1000&page=%u"
                                               "&start_date=%sT00:00:00%%2B07:00"
                                               "&end_date=%sT00:00:00%%2B07:00", page_no,
                                               windows[w][0], windows[w][1]);
      guint status;
      g_autoptr(GBytes) body = http_get (path, &status);
      g_autoptr(GError) error = NULL;
      g_autoptr(IocOpen311Result) result = NULL;

      g_assert_cmpuint (status, ==, 200);
      result = ioc_open311_parse_requests (g_bytes_get_data (body, NULL), g_bytes_get_size (body), adapter, &error);
      g_assert_no_error (error);
      ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (complaints), result->requests);
      if (result->requests->len < 1000)
        break;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (complaints)), >, 50);
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 counter = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;

      while (g_get_monotonic_time () - start < G_USEC_PER_SEC / 2 &&
             (clock == NULL || gdk_frame_clock_get_frame_counter (clock) == counter))
        g_main_context_iteration (NULL, FALSE);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The search entry answers after its delay: wait for the view to settle. */
static void
wait_view (guint expected)
{
  GListModel *view = ioc_complaints_page_get_view (page);
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (view) != expected && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, expected);
}

static void
set_flag (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

static void
wait_flag (gboolean *done)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*done);
}

static void
refresh_delivery (void)
{
  gboolean done = FALSE;

  ioc_complaints_page_refresh_outbox (page, set_flag, &done);
  wait_flag (&done);
}

/* Wait until every action left its undo window and was stored, then send. */
static void
deliver (void)
{
  gboolean done = FALSE;

  ioc_complaints_page_flush_pending (page);
  wait_ms (50);
  /* enqueue is asynchronous: a list round-trip orders after it */
  refresh_delivery ();
  ioc_outbox_sender_flush_async (sender, NULL, set_flag, &done);
  wait_flag (&done);
  refresh_delivery ();
}

/* The widget as last drawn. A redraw queued since (a map tile arriving from
 * its worker thread, a cursor blink) drops that drawing until the next
 * frame: then wait for the frame and try again. */
static GdkTexture *
render (GtkWidget *widget)
{
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        wait_frames (widget, 1);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("IOC_BUILD_DIR"), "tests", "queue", NULL);
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *file = g_strdup_printf ("%s-%s", lang != NULL ? lang : "en", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  wait_frames (widget, 2);
  texture = render (widget);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static gboolean is_last (IocComplaint *c);

/* The first complaint of the view that satisfies @pred, selected. */
static IocComplaint *
select_where (gboolean (*pred) (IocComplaint *))
{
  GListModel *view = ioc_complaints_page_get_view (page);

  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);
      if (pred (c) && (pred == is_last ||
                       ioc_complaints_page_get_delivery (page, ioc_complaint_get_service_request_id (c)) == NULL))
        {
          g_assert_true (ioc_complaints_page_select_id (page, ioc_complaint_get_service_request_id (c)));
          return c;
        }
    }
  g_assert_not_reached ();
}

static char *last_id;   /* the complaint of the previous action */

static gboolean
is_last (IocComplaint *c)
{
  return g_strcmp0 (ioc_complaint_get_service_request_id (c), last_id) == 0;
}

static gboolean
is_open (IocComplaint *c)
{
  return ioc_complaint_is_open (c) && ioc_complaint_get_status (c) != IOC_COMPLAINT_STATUS_NEW;
}

static gboolean
is_closed (IocComplaint *c)
{
  return !ioc_complaint_is_open (c);
}

/* --- tests ------------------------------------------------------------------ */

static void
test_render (void)
{
  const char *counts;

  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  wait_frames (GTK_WIDGET (window), 3);
  counts = ioc_complaints_page_get_counts_text (page);
  g_test_message ("%s", counts);
  {
    const char *format = _("Received %s · In progress %s · Resolved %s · Overdue %s  (of %s)");
    g_autofree char *head = g_strndup (format, strstr (format, "%s") - format);

    g_assert_true (g_str_has_prefix (counts, head));
  }
  /* Thousands with a dot in Vietnamese (domain.md §1), a comma in English. */
  g_assert_cmpuint (g_list_model_get_n_items (ioc_complaints_page_get_view (page)), >=, 1000);
  if (ioc_format_style_default () == IOC_FORMAT_STYLE_VI)
    g_assert_nonnull (strstr (counts, "1."));
  else
    g_assert_nonnull (strstr (counts, "1,"));
  g_assert_nonnull (ioc_complaints_page_get_selected (page));
  save_png (GTK_WIDGET (window), "complaints-page.png");
}

static void
test_filter (void)
{
  IocComplaintFilter *filter = ioc_complaints_page_get_filter (page);
  GListModel *view = ioc_complaints_page_get_view (page);
  guint expected = 0, n = g_list_model_get_n_items (G_LIST_MODEL (complaints));

  ioc_complaint_filter_reset (filter);
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, n);
  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW));
  ioc_complaint_filter_set_field_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_FIELD_MT));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (complaints), i);
      IocField f;

      if (ioc_complaint_get_status (c) == IOC_COMPLAINT_STATUS_NEW && ioc_complaint_get_field (c, &f) &&
          f == IOC_FIELD_MT)
        expected++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);

      g_assert_cmpint (ioc_complaint_get_status (c), ==, IOC_COMPLAINT_STATUS_NEW);
    }
  ioc_complaint_filter_reset (filter);
  ioc_complaint_filter_set_overdue_only (filter, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);

      g_assert_true (ioc_complaint_is_open (c));
    }
  g_assert_cmpuint (g_list_model_get_n_items (view), >, 0);
  wait_frames (GTK_WIDGET (window), 2);
  save_png (GTK_WIDGET (window), "complaints-page-overdue.png");
  ioc_complaint_filter_reset (filter);
}

static void
test_search (void)
{
  GtkWidget *entry = ioc_complaints_page_get_search_entry (page);
  GListModel *view = ioc_complaints_page_get_view (page);
  g_autoptr(IocComplaint) sample = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  const char *address = NULL;
  char *needle = NULL;
  gboolean found = FALSE;

  /* A word with diacritics from a real address, typed without them. */
  for (guint i = 0; needle == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (complaints)); i++)
    {
      g_clear_object (&sample);
      sample = g_list_model_get_item (G_LIST_MODEL (complaints), i);
      address = ioc_complaint_get_address (sample);
      if (address == NULL)
        continue;
      g_clear_pointer (&words, g_strfreev);
      words = g_strsplit (address, " ", -1);
      for (guint w = 0; words[w] != NULL && needle == NULL; w++)
        {
          g_autofree char *f = ioc_fold (words[w]);

          if (g_utf8_strlen (words[w], -1) >= 4 && strcmp (f, words[w]) != 0 && g_str_is_ascii (f))
            needle = g_strdup (f);
        }
    }
  g_assert_nonnull (needle);
  g_test_message ("searching “%s” (from “%s”)", needle, address);
  gtk_editable_set_text (GTK_EDITABLE (entry), needle);
  {
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    /* the entry's search delay */
    while (g_strcmp0 (ioc_complaint_filter_get_search (ioc_complaints_page_get_filter (page)), needle) != 0 &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpstr (ioc_complaint_filter_get_search (ioc_complaints_page_get_filter (page)), ==, needle);
  g_assert_cmpuint (g_list_model_get_n_items (view), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (view), <, g_list_model_get_n_items (G_LIST_MODEL (complaints)));
  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);

      g_assert_true (ioc_fold_contains (ioc_complaint_cache_haystack (c), needle));
      if (c == sample)
        found = TRUE;
    }
  g_assert_true (found);
  /* Upper case with diacritics finds the same rows. */
  {
    guint n = g_list_model_get_n_items (view);
    g_autofree char *upper = g_utf8_strup (needle, -1);

    gtk_editable_set_text (GTK_EDITABLE (entry), upper);
    wait_view (n);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_view (g_list_model_get_n_items (G_LIST_MODEL (complaints)));
  g_free (needle);
}

static void
test_sort (void)
{
  GtkColumnView *cv = ioc_complaints_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (cv);
  g_autoptr(GtkColumnViewColumn) received = NULL;
  g_autoptr(GtkColumnViewColumn) due = NULL;
  GListModel *view = ioc_complaints_page_get_view (page);
  guint n = g_list_model_get_n_items (view);

  g_assert_cmpuint (n, >, 2);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), _("Received")))
        received = g_object_ref (column);
      if (g_str_equal (gtk_column_view_column_get_title (column), _("Due")))
        due = g_object_ref (column);
    }
  g_assert_nonnull (received);
  g_assert_nonnull (due);
  for (int dir = 0; dir < 2; dir++)
    {
      gtk_column_view_sort_by_column (cv, received, dir == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      for (guint i = 1; i < n; i++)
        {
          g_autoptr(IocComplaint) a = g_list_model_get_item (view, i - 1);
          g_autoptr(IocComplaint) b = g_list_model_get_item (view, i);
          int cmp = g_date_time_compare (ioc_complaint_get_requested_datetime (a),
                                         ioc_complaint_get_requested_datetime (b));

          g_assert_cmpint (dir == 0 ? cmp : -cmp, <=, 0);
        }
    }
  /* By deadline: open ones first, earliest due first. */
  gtk_column_view_sort_by_column (cv, due, GTK_SORT_ASCENDING);
  {
    g_autoptr(IocComplaint) first = g_list_model_get_item (view, 0);
    g_autoptr(IocComplaint) last = g_list_model_get_item (view, n - 1);

    g_assert_true (ioc_complaint_is_open (first));
    g_assert_false (ioc_complaint_is_open (last));
  }
}

/* Every control of the page, its filter popovers included, has a name a
 * screen reader reads (issue #6: "every control has an accessible name"). */
/* An empty list says why: nothing matches (with a way out), or "mine"
 * without an operator name (with where to set it). */
static void
test_empty_state (void)
{
  IocComplaintFilter *filter = ioc_complaints_page_get_filter (page);
  char *message;

  ioc_complaint_filter_reset (filter);
  wait_frames (GTK_WIDGET (window), 1);
  g_assert_null (ioc_complaints_page_dup_empty_message (page));
  /* The focus on a row that the search is about to take away (GTK 4.8
   * left the window pointing at the destroyed row). */
  ioc_complaint_filter_reset (filter);
  gtk_widget_activate_action (GTK_WIDGET (page), "queue.focus-list", NULL);
  wait_frames (GTK_WIDGET (window), 1);
  ioc_complaint_filter_set_search (filter, "zzqqxx không có");
  wait_frames (GTK_WIDGET (window), 1);
  message = ioc_complaints_page_dup_empty_message (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, _("No complaints match")));
  g_assert_nonnull (strstr (message, "Ctrl+Shift+R"));
  g_free (message);
  ioc_complaint_filter_reset (filter);
  ioc_complaints_page_set_operator (page, NULL);
  ioc_complaint_filter_set_mine (filter, TRUE);
  wait_frames (GTK_WIDGET (window), 1);
  message = ioc_complaints_page_dup_empty_message (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Ctrl+,"));
  g_free (message);
  save_png (GTK_WIDGET (window), "complaints-empty-mine.png");
  ioc_complaint_filter_reset (filter);
  ioc_complaints_page_set_operator (page, "Trần Thị Bình");
  wait_frames (GTK_WIDGET (window), 1);
  g_assert_null (ioc_complaints_page_dup_empty_message (page));
}

/* F9 hides the detail pane and the list takes the whole width; opening a
 * complaint (Enter) brings the pane back and puts the focus in it. */
static void
test_detail_pane (void)
{
  GtkWidget *detail = ioc_complaints_page_get_detail (page);
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (ioc_complaints_page_get_column_view (page)));
  GListModel *view = ioc_complaints_page_get_view (page);
  g_autoptr(IocComplaint) first = g_list_model_get_item (view, 0);
  int page_width, list_width;

  wait_frames (GTK_WIDGET (window), 2);
  page_width = gtk_widget_get_width (GTK_WIDGET (page));
  list_width = gtk_widget_get_width (scroller);
  g_assert_true (ioc_complaints_page_get_show_detail (page));
  g_assert_true (gtk_widget_get_mapped (detail));
  /* The pane starts at a readable width, the list has the rest. */
  g_assert_cmpint (gtk_widget_get_width (detail), >=, 360);
  g_assert_cmpint (list_width, >, page_width / 2);

  /* The key's action toggles it; the focus in the pane goes to the list. */
  gtk_widget_child_focus (detail, GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.show-detail", NULL));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (ioc_complaints_page_get_show_detail (page));
  g_assert_false (gtk_widget_get_mapped (detail));
  g_assert_cmpint (gtk_widget_get_width (scroller), ==, page_width);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *column_view = GTK_WIDGET (ioc_complaints_page_get_column_view (page));

    g_assert_true (focus == column_view || gtk_widget_is_ancestor (focus, column_view));
  }

  /* Enter on a row opens the complaint: the pane is back, with the focus. */
  g_assert_true (ioc_complaints_page_select_id (page, ioc_complaint_get_service_request_id (first)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.open", NULL));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (ioc_complaints_page_get_show_detail (page));
  g_assert_true (gtk_widget_get_mapped (detail));
  g_assert_cmpint (gtk_widget_get_width (scroller), ==, list_width);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, detail));
  }
  /* The property is what the setting binds to. */
  g_object_set (page, "show-detail", FALSE, NULL);
  g_assert_false (gtk_widget_get_visible (detail));
  g_object_set (page, "show-detail", TRUE, NULL);
  g_assert_true (gtk_widget_get_visible (detail));
  gtk_widget_activate_action (GTK_WIDGET (page), "queue.focus-list", NULL);
}

static void
test_a11y (void)
{
  ioc_test_a11y_assert_all_named (GTK_WIDGET (page), "complaints page", 15);
}

static void
test_keyboard (void)
{
  GListModel *view = ioc_complaints_page_get_view (page);
  g_autoptr(IocComplaint) first = g_list_model_get_item (view, 0);
  g_autoptr(IocComplaint) second = g_list_model_get_item (view, 1);
  GtkWidget *entry = ioc_complaints_page_get_search_entry (page);

  g_assert_true (ioc_complaints_page_select_id (page, ioc_complaint_get_service_request_id (first)));
  /* j / k: the actions their keys are bound to. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.next", NULL));
  g_assert_true (ioc_complaints_page_get_selected (page) == second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.previous", NULL));
  g_assert_true (ioc_complaints_page_get_selected (page) == first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.previous", NULL));
  g_assert_true (ioc_complaints_page_get_selected (page) == first);   /* stays at the top */
  /* / and Ctrl+F: the search entry gets the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.search", NULL));
  wait_frames (GTK_WIDGET (window), 1);
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  /* Ctrl+L / Escape: back to the list, really — the focus moves into the
   * column view, so the next Enter opens the complaint, not the control
   * that had the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.focus-list", NULL));
  wait_frames (GTK_WIDGET (window), 1);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *column_view = GTK_WIDGET (ioc_complaints_page_get_column_view (page));

    g_assert_nonnull (focus);
    g_assert_true (focus == column_view || gtk_widget_is_ancestor (focus, column_view));
  }
  /* Enter in the search: the results stay and the list takes the focus on
   * them; Escape clears the search and also gives the list the focus. */
  {
    GtkWidget *column_view = GTK_WIDGET (ioc_complaints_page_get_column_view (page));
    const char *code = ioc_complaint_get_service_request_id (second);
    GtkWidget *focus;

    gtk_widget_grab_focus (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), code);
    g_signal_emit_by_name (entry, "activate");
    wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, code);
    g_assert_cmpstr (ioc_complaint_filter_get_search (ioc_complaints_page_get_filter (page)), ==, code);
    g_assert_cmpuint (g_list_model_get_n_items (ioc_complaints_page_get_view (page)), >=, 1);
    g_assert_true (ioc_complaints_page_get_selected (page) == second);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus == column_view || gtk_widget_is_ancestor (focus, column_view));

    gtk_widget_grab_focus (entry);
    g_signal_emit_by_name (entry, "stop-search");
    wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    g_assert_null (ioc_complaint_filter_get_search (ioc_complaints_page_get_filter (page)));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus == column_view || gtk_widget_is_ancestor (focus, column_view));
  }
  /* Shown again (the view switcher, --page): the focus is put in the list
   * when it was outside the page. */
  gtk_widget_grab_focus (entry);
  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
  wait_frames (GTK_WIDGET (window), 3);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *column_view = GTK_WIDGET (ioc_complaints_page_get_column_view (page));

    /* Still inside the page (the entry), so left where the operator put it. */
    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));
    gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
    gtk_root_set_focus (GTK_ROOT (window), NULL);
    gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
    {
      /* The focus moves in an idle after the page is mapped: bounded wait. */
      gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      do
        {
          wait_frames (GTK_WIDGET (window), 1);
          focus = gtk_root_get_focus (GTK_ROOT (window));
        }
      while ((focus == NULL || !(focus == column_view || gtk_widget_is_ancestor (focus, column_view))) &&
             g_get_monotonic_time () < give_up);
    }
    g_assert_nonnull (focus);
    g_assert_true (focus == column_view || gtk_widget_is_ancestor (focus, column_view));
  }
  /* The selection follows its complaint when the view changes. */
  g_assert_true (ioc_complaints_page_select_id (page, ioc_complaint_get_service_request_id (second)));
  ioc_complaint_filter_set_search (ioc_complaints_page_get_filter (page), ioc_complaint_get_service_request_id (second));
  g_assert_true (ioc_complaints_page_get_selected (page) == second);
  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  g_assert_true (ioc_complaints_page_get_selected (page) == second);
}

typedef struct {
  const char *kind;
  gboolean  (*pred) (IocComplaint *);
  const char *text;              /* typed into the dialog, NULL for none */
  const char *expected_status;   /* extended_status on the server after */
} ActionCase;

static void
answer_dialog (const ActionCase *ac)
{
  AdwMessageDialog *dialog = ioc_complaints_page_get_dialog (page);
  GtkWidget *extra, *child;

  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  for (child = gtk_widget_get_first_child (extra); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child) && ac->text != NULL)
      {
        /* A required text: "apply" is off until something is typed. */
        if (g_str_equal (ac->kind, "resolve") || g_str_equal (ac->kind, "reject") || g_str_equal (ac->kind, "note"))
          g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
        gtk_editable_set_text (GTK_EDITABLE (child), ac->text);
        g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
      }
  adw_message_dialog_response (dialog, "apply");
  wait_frames (GTK_WIDGET (window), 1);
}

static void
test_actions (void)
{
  static const ActionCase cases[] = {
    { "reopen", is_closed, NULL, "reopened" },
    /* a reopened complaint can be acknowledged again, then forwarded */
    { "acknowledge", is_last, NULL, "acknowledged" },
    { "assign", is_last, "Kiểm tra trong ngày", "in_progress" },
    { "priority", is_open, NULL, NULL },
    { "note", is_open, "Đã gọi điện cho người dân <b>ok</b>", NULL },
    { "resolve", is_open, "Đã vá ổ gà", "resolved" },
    /* the original: the one just resolved (a rejected complaint cannot be) */
    { "duplicate", is_open, NULL, "duplicate" },
    { "reject", is_open, "Không thuộc thẩm quyền", "rejected" },
  };

  /* Long enough to see "pending"; deliver() ends the undo window at once. */
  ioc_complaints_page_set_undo_delay (page, 30000);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ActionCase *ac = &cases[i];
      IocComplaint *c = select_where (ac->pred);
      g_autofree char *id = g_strdup (ioc_complaint_get_service_request_id (c));
      g_autofree char *action = g_strconcat ("queue.", ac->kind, NULL);
      g_autoptr(IocComplaint) before = server_version (id);
      g_autoptr(IocComplaint) after = NULL;
      g_autofree char *other = NULL;

      g_test_message ("%s on %s", ac->kind, id);
      if (g_str_equal (ac->kind, "duplicate"))
        other = g_strdup (last_id);   /* the original: the previous one */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
      if (!g_str_equal (ac->kind, "acknowledge"))
        {
          ActionCase filled = *ac;

          if (other != NULL)
            filled.text = other;
          answer_dialog (&filled);
        }
      g_assert_cmpstr (ioc_complaints_page_get_delivery (page, id), ==, "pending");
      deliver ();
      g_assert_cmpstr (ioc_complaints_page_get_delivery (page, id), ==, "sent");

      after = server_version (id);
      if (ac->expected_status != NULL)
        g_assert_cmpstr (ioc_complaint_status_to_string (ioc_complaint_get_status (after)), ==, ac->expected_status);
      if (g_str_equal (ac->kind, "acknowledge"))
        g_assert_cmpstr (ioc_complaint_get_claimed_by (after), ==, "Trần Thị Bình");
      if (g_str_equal (ac->kind, "assign"))
        {
          IocField field;

          /* The field's usual agency was suggested and kept. */
          ioc_complaint_get_field (c, &field);
          g_assert_cmpstr (ioc_complaint_get_agency_responsible (after), ==, ioc_field_info (field)->agency);
        }
      if (g_str_equal (ac->kind, "priority"))
        g_assert_cmpint (ioc_complaint_get_priority (after), ==, ioc_complaint_get_priority (before));
      if (g_str_equal (ac->kind, "duplicate"))
        g_assert_cmpstr (ioc_complaint_get_duplicate_of (after), ==, other);
      if (ac->text != NULL && !g_str_equal (ac->kind, "duplicate"))
        {
          GPtrArray *notes = ioc_complaint_get_notes (after);
          /* The simulator keeps the latest description as status_notes; its
           * notes list only shows updates up to its (frozen) clock. */
          gboolean seen = g_strcmp0 (ioc_complaint_get_status_notes (after), ac->text) == 0;

          for (guint k = 0; k < notes->len; k++)
            if (g_strcmp0 (((IocComplaintNote *) g_ptr_array_index (notes, k))->description, ac->text) == 0)
              seen = TRUE;
          g_assert_true (seen);
        }
      /* The feed would now bring the new version: take it. */
      feed_merge (after);
      wait_frames (GTK_WIDGET (window), 1);
      g_free (last_id);
      last_id = g_strdup (id);
    }
  save_png (GTK_WIDGET (window), "complaints-page-after-actions.png");
}

static void
test_undo (void)
{
  IocComplaint *c;
  g_autofree char *id = NULL;
  g_autoptr(IocComplaint) before = NULL;
  g_autoptr(IocComplaint) after = NULL;
  g_autoptr(GPtrArray) queued = NULL;

  ioc_complaints_page_set_undo_delay (page, 60000);
  c = select_where (is_open);
  id = g_strdup (ioc_complaint_get_service_request_id (c));
  before = server_version (id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.resolve", NULL));
  answer_dialog (&(ActionCase) { "resolve", is_open, "nhầm", "resolved" });
  g_assert_cmpstr (ioc_complaints_page_get_delivery (page, id), ==, "pending");
  /* Ctrl+Z's action: the latest pending one is dropped before it is stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.undo-last", NULL));
  refresh_delivery ();
  g_assert_null (ioc_complaints_page_get_delivery (page, id));
  ioc_complaints_page_flush_pending (page);
  wait_ms (50);
  queued = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_PENDING, NULL);
  g_assert_cmpuint (queued->len, ==, 0);
  after = server_version (id);
  g_assert_cmpint (ioc_complaint_get_status (after), ==, ioc_complaint_get_status (before));
}

static void
test_conflict (void)
{
  IocComplaint *c = select_where (is_open);
  g_autofree char *id = g_strdup (ioc_complaint_get_service_request_id (c));
  g_autoptr(GDateTime) stale = g_date_time_add_days (ioc_complaint_get_updated_datetime (c), -3);
  g_autoptr(GDateTime) current = g_date_time_ref (ioc_complaint_get_updated_datetime (c));
  AdwMessageDialog *dialog;
  g_autoptr(IocComplaint) after = NULL;
  gboolean saw_server = FALSE;

  /* The operator acts on an old version: someone changed it since. */
  {
    g_autoptr(IocComplaint) old = ioc_complaint_copy (c);

    ioc_complaint_set_updated_datetime (old, stale);
    feed_merge (old);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.assign", NULL));
  answer_dialog (&(ActionCase) { "assign", is_open, NULL, NULL });
  deliver ();
  g_assert_cmpstr (ioc_complaints_page_get_delivery (page, id), ==, "conflict");
  {
    g_autoptr(IocComplaint) caught_up = ioc_complaint_copy (c);

    ioc_complaint_set_updated_datetime (caught_up, current);   /* the feed catches up */
    feed_merge (caught_up);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.show-conflict", NULL));
  dialog = ioc_complaints_page_get_dialog (page);
  g_assert_nonnull (dialog);
  wait_frames (GTK_WIDGET (dialog), 3);
  for (GtkWidget *w = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && g_str_equal (gtk_label_get_text (GTK_LABEL (w)), _("On the server now")))
      saw_server = TRUE;
  g_assert_true (saw_server);
  save_png (GTK_WIDGET (dialog), "complaints-conflict.png");

  /* Send again against the version now seen: accepted. */
  adw_message_dialog_response (dialog, "requeue");
  wait_ms (100);
  deliver ();
  g_assert_cmpstr (ioc_complaints_page_get_delivery (page, id), ==, "sent");
  after = server_version (id);
  g_assert_cmpint (ioc_complaint_get_status (after), ==, IOC_COMPLAINT_STATUS_IN_PROGRESS);
  feed_merge (after);
}

static void
test_vanished (void)
{
  g_autoptr(IocComplaint) ghost = ioc_complaint_copy (select_where (is_open));
  g_autoptr(GPtrArray) kept = NULL;
  GtkWidget *detail = ioc_complaints_page_get_detail (page);

  ioc_complaint_set_service_request_id (ghost, "PA-GONE-1");
  ioc_complaint_set_extended_status (ghost, IOC_COMPLAINT_STATUS_NEW);
  feed_merge (ghost);
  g_assert_true (ioc_complaints_page_select_id (page, "PA-GONE-1"));
  /* Here the undo window ends by itself. */
  ioc_complaints_page_set_undo_delay (page, 50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.acknowledge", NULL));
  g_assert_cmpstr (ioc_complaints_page_get_delivery (page, "PA-GONE-1"), ==, "pending");
  wait_ms (300);
  g_assert_cmpstr (ioc_complaints_page_get_delivery (page, "PA-GONE-1"), ==, "queued");
  deliver ();
  g_assert_cmpstr (ioc_complaints_page_get_delivery (page, "PA-GONE-1"), ==, "failed");
  kept = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_NEEDS_OPERATOR, NULL);
  g_assert_cmpuint (kept->len, >=, 1);
  g_assert_true (gtk_widget_get_visible (detail));
  wait_frames (GTK_WIDGET (window), 2);
  save_png (GTK_WIDGET (window), "complaints-page-vanished.png");
}

static void
test_export (void)
{
  IocComplaintFilter *filter = ioc_complaints_page_get_filter (page);
  GListModel *view = ioc_complaints_page_get_view (page);
  g_autofree char *path = g_build_filename (tmpdir, "view.csv", NULL);
  g_autofree char *xlsx = g_build_filename (tmpdir, "view.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  ioc_complaint_filter_reset (filter);
  ioc_complaint_filter_set_field_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_FIELD_GT));
  n = g_list_model_get_n_items (view);
  g_assert_cmpuint (n, >, 0);
  g_assert_true (ioc_complaint_export_to_file (view, filter, IOC_COMPLAINT_EXPORT_CSV, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  lines = g_strsplit (data, "\r\n", -1);
  /* Header + n rows, in the view's order; descriptions may hold line breaks
   * inside quotes, so count the rows by their codes. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);
      g_autofree char *needle = g_strdup_printf ("\r\n%s,", ioc_complaint_get_service_request_id (c));

      g_assert_nonnull (strstr (data, needle));
      g_assert_nonnull (strstr (data, ioc_field_label (IOC_FIELD_GT)));
    }
  g_assert_true (ioc_complaint_export_to_file (view, filter, IOC_COMPLAINT_EXPORT_XLSX, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
  g_unlink (xlsx);
  ioc_complaint_filter_reset (filter);
}

static void
test_bad_input (void)
{
  g_autoptr(IocComplaint) evil = ioc_complaint_new ("PA-EVIL-1");
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  g_autofree char *broken = g_strconcat (base, "no-such-photo.jpg", NULL);
  g_autofree char *not_image = g_strconcat (base, "services.json", NULL);
  const char *urls[] = { broken, not_image, "file:///etc/passwd", NULL };
  GtkWidget *detail = ioc_complaints_page_get_detail (page);
  gint64 end;

  ioc_complaint_set_requested_datetime (evil, now);
  ioc_complaint_set_updated_datetime (evil, now);
  ioc_complaint_set_service_code (evil, "MT");
  ioc_complaint_set_description (evil, "<script>alert(1)</script> <b>đậm</b>\x07\x1b[31m &amp;");
  ioc_complaint_set_address (evil, "<i>Hẻm</i> %s %n");
  ioc_complaint_set_media_urls (evil, urls);
  feed_merge (evil);
  g_assert_true (ioc_complaints_page_select_id (page, "PA-EVIL-1"));

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  /* The pane follows the selection right after the list has drawn. */
  while (ioc_complaint_detail_get_complaint (IOC_COMPLAINT_DETAIL (detail)) != evil && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ioc_complaint_detail_get_complaint (IOC_COMPLAINT_DETAIL (detail)) == evil);
  while (ioc_complaint_detail_get_n_photos_pending (IOC_COMPLAINT_DETAIL (detail)) > 0 &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ioc_complaint_detail_get_n_photos_pending (IOC_COMPLAINT_DETAIL (detail)), ==, 0);
  {
    g_autofree char *answered = g_strdup_printf (_("Server answered %u"), 404);

    g_assert_cmpstr (ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), 0), ==, answered);
  }
  g_assert_cmpstr (ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), 1), ==, _("Not a readable image"));
  g_assert_cmpstr (ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), 2), ==, _("Not a web address, not loaded"));
  wait_frames (GTK_WIDGET (window), 3);
  save_png (GTK_WIDGET (window), "complaints-page-bad-input.png");
}

/* --- photos too big ---------------------------------------------------------- */

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return crc ^ 0xFFFFFFFFu;
}

/* A PNG whose header claims 30 000 × 30 000 pixels: a few dozen bytes on
 * the wire, 3,6 GB once decoded (a "decompression bomb"). */
static GBytes *
png_bomb (void)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[4 + 13] = { 'I', 'H', 'D', 'R', 0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 2, 0, 0, 0 };
  GByteArray *png = g_byte_array_new ();
  guint8 be[4];
  guint32 crc = crc32_of (ihdr, sizeof ihdr);

  g_byte_array_append (png, signature, sizeof signature);
  be[0] = 0; be[1] = 0; be[2] = 0; be[3] = 13;
  g_byte_array_append (png, be, 4);
  g_byte_array_append (png, ihdr, sizeof ihdr);
  be[0] = crc >> 24; be[1] = crc >> 16; be[2] = crc >> 8; be[3] = crc;
  g_byte_array_append (png, be, 4);
  /* An IDAT that never comes whole: the loader must stop at the header. */
  g_byte_array_append (png, (const guint8 *) "\0\0\0\x10IDAT", 8);
  return g_byte_array_free_to_bytes (png);
}

static void
huge_wrote_chunk (SoupServerMessage *msg,
                  guint             *written)
{
  static char chunk[256 * 1024];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  /* 6 MB without a Content-Length: the limit must hold while reading. */
  if (*written < 6 * 1024 * 1024)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
      *written += sizeof chunk;
    }
  else
    soup_message_body_complete (body);
}

static void
photo_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  if (g_str_equal (path, "/declared-6mb.jpg"))
    {
      gsize size = 6 * 1024 * 1024;
      char *big = g_malloc0 (size);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_TAKE, big, size);
    }
  else if (g_str_equal (path, "/chunked-6mb.jpg"))
    {
      guint *written = g_new0 (guint, 1);

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
      g_object_set_data_full (G_OBJECT (msg), "written", written, g_free);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (huge_wrote_chunk), written);
      huge_wrote_chunk (msg, written);
    }
  else if (g_str_equal (path, "/bomb.png"))
    {
      g_autoptr(GBytes) png = png_bomb ();

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

/* "A broken or huge photo shows a placeholder with the reason": more than
 * 5 MB declared or streamed, and a picture that would be gigabytes once
 * decoded, each stopped with its reason and nothing else loaded. */
static void
test_huge_photos (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocComplaint) heavy = ioc_complaint_new ("PA-HEAVY-1");
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  g_autoslist(GUri) uris = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *declared = NULL, *chunked = NULL, *bomb = NULL;
  const char *urls[4];
  GtkWidget *detail = ioc_complaints_page_get_detail (page);
  gint64 end;

  soup_server_add_handler (server, NULL, photo_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  origin = g_uri_to_string (uris->data);
  declared = g_strconcat (origin, "declared-6mb.jpg", NULL);
  chunked = g_strconcat (origin, "chunked-6mb.jpg", NULL);
  bomb = g_strconcat (origin, "bomb.png", NULL);
  urls[0] = declared;
  urls[1] = chunked;
  urls[2] = bomb;
  urls[3] = NULL;

  ioc_complaint_set_requested_datetime (heavy, now);
  ioc_complaint_set_updated_datetime (heavy, now);
  ioc_complaint_set_service_code (heavy, "MT");
  ioc_complaint_set_description (heavy, "Ảnh quá lớn");
  ioc_complaint_set_media_urls (heavy, urls);
  feed_merge (heavy);
  g_assert_true (ioc_complaints_page_select_id (page, "PA-HEAVY-1"));

  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (ioc_complaint_detail_get_complaint (IOC_COMPLAINT_DETAIL (detail)) != heavy && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ioc_complaint_detail_get_complaint (IOC_COMPLAINT_DETAIL (detail)) == heavy);
  while (ioc_complaint_detail_get_n_photos_pending (IOC_COMPLAINT_DETAIL (detail)) > 0 &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ioc_complaint_detail_get_n_photos_pending (IOC_COMPLAINT_DETAIL (detail)), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_test_message ("photo %u: %s", i, ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), i));
  g_assert_cmpstr (ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), 0), ==,
                   _("Photo larger than 5 MB, not loaded"));
  g_assert_cmpstr (ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), 1), ==,
                   _("Photo larger than 5 MB, not loaded"));
  g_assert_cmpstr (ioc_complaint_detail_get_photo_status (IOC_COMPLAINT_DETAIL (detail), 2), ==,
                   _("Image dimensions too large"));
  soup_server_disconnect (server);
}

/* The detail pane follows the selection after the list has drawn. */
static void
wait_detail (IocComplaint *c)
{
  GtkWidget *detail = ioc_complaints_page_get_detail (page);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (ioc_complaint_detail_get_complaint (IOC_COMPLAINT_DETAIL (detail)) != c && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ioc_complaint_detail_get_complaint (IOC_COMPLAINT_DETAIL (detail)) == c);
}

static gboolean
is_located (IocComplaint *c)
{
  return ioc_complaint_get_has_location (c);
}

/* Issue "Complaint triage": a small map of the location, from the offline
 * base map; "No location" instead when there are no coordinates. */
static void
test_mini_map (void)
{
  IocComplaintDetail *detail = IOC_COMPLAINT_DETAIL (ioc_complaints_page_get_detail (page));
  GtkWidget *map = ioc_complaint_detail_get_map (detail);
  GtkWidget *none = ioc_complaint_detail_get_no_location (detail);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (map));
  g_autoptr(IocComplaint) lost = ioc_complaint_new ("PA-NOLOC-1");
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  IocComplaint *c;

  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  c = select_where (is_located);
  wait_detail (c);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_is_visible (map));
  g_assert_cmpint (gtk_widget_get_height (map), >=, 200);
  g_assert_false (gtk_widget_get_visible (none));
  /* Offline, never the network: the source is the bundled base map. */
  g_assert_true (IOC_IS_OFFLINE_MAP_SOURCE (shumate_simple_map_get_map_source (SHUMATE_SIMPLE_MAP (map))));
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 13.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  ioc_complaint_get_lat (c), 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  ioc_complaint_get_long (c), 1e-6);
  /* (Its accessible name cannot be read back here: the tests run with
   * GTK_A11Y=none, without accessibility contexts.) */
  /* Tiles are drawn in worker threads: give them a moment before the picture. */
  wait_ms (800);
  save_png (GTK_WIDGET (window), "complaint-detail-map.png");

  ioc_complaint_set_requested_datetime (lost, now);
  ioc_complaint_set_updated_datetime (lost, now);
  ioc_complaint_set_service_code (lost, "MT");
  ioc_complaint_set_description (lost, "Không có vị trí");
  feed_merge (lost);
  g_assert_true (ioc_complaints_page_select_id (page, "PA-NOLOC-1"));
  wait_detail (lost);
  g_assert_false (gtk_widget_is_visible (map));
  g_assert_true (gtk_widget_is_visible (none));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (none)), ==, _("No location"));
}

/* Pixels of @texture drawn in the commune names' ink (IocCommuneLayer),
 * in the columns from @x0 to @x1 (excluded; -1: to the right edge). */
static guint
count_name_ink_in (GdkTexture *texture,
                   int         x0,
                   int         x1)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *px = g_malloc ((gsize) w * h * 4);
  guint n = 0;

  if (x1 < 0)
    x1 = w;
  gdk_texture_download (texture, px, (gsize) w * 4);
  for (int y = 0; y < h; y++)
    for (int x = x0; x < x1; x++)
      {
        /* Cairo's ARGB32, little-endian: B G R A. */
        const guint8 *p = px + 4 * ((gsize) y * w + x);
        int b = p[0], g = p[1], r = p[2];

        n += ABS (r - 64) <= 12 && ABS (g - 46) <= 12 && ABS (b - 84) <= 12;
      }
  return n;
}

static guint
count_name_ink (GdkTexture *texture)
{
  return count_name_ink_in (texture, 0, -1);
}

/* With the commune boundaries, the small map names the communes: a
 * complaint at a commune's centre shows that commune's name around it. */
static void
test_mini_map_communes (void)
{
  IocComplaintDetail *detail = IOC_COMPLAINT_DETAIL (ioc_complaints_page_get_detail (page));
  GtkWidget *map = ioc_complaint_detail_get_map (detail);
  g_autofree char *path = g_build_filename (g_getenv ("IOC_SHARED_DIR"), "reference",
                                            "an-giang-communes-2025.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocGeoJson) boundaries = ioc_geo_json_new_from_file (path, &error);
  g_autoptr(IocComplaint) c = ioc_complaint_new ("PA-COMMUNE-1");
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  const IocCommune *widest = NULL;
  double widest_span = 0;
  guint before, after;

  g_assert_no_error (error);
  /* The widest commune: its name fits inside it at the small map's zoom. */
  for (guint f = 0; f < ioc_geo_json_get_n_features (boundaries); f++)
    {
      const IocGeoFeature *feature = ioc_geo_json_get_feature (boundaries, f);
      const IocCommune *commune = ioc_commune_lookup (feature->code);

      if (commune != NULL && feature->max_lon - feature->min_lon > widest_span)
        {
          widest = commune;
          widest_span = feature->max_lon - feature->min_lon;
        }
    }
  g_assert_nonnull (widest);
  ioc_complaint_set_requested_datetime (c, now);
  ioc_complaint_set_updated_datetime (c, now);
  ioc_complaint_set_service_code (c, "MT");
  ioc_complaint_set_description (c, "Giữa xã");
  ioc_complaint_set_location (c, widest->lat, widest->lon);
  feed_merge (c);
  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  g_assert_true (ioc_complaints_page_select_id (page, "PA-COMMUNE-1"));
  wait_detail (c);
  wait_frames (GTK_WIDGET (window), 2);
  {
    g_autoptr(GdkTexture) texture = render (map);

    before = count_name_ink (texture);
  }
  ioc_complaints_page_set_boundaries (page, boundaries);
  wait_frames (GTK_WIDGET (window), 2);
  wait_ms (500);
  {
    g_autoptr(GdkTexture) texture = render (map);

    after = count_name_ink (texture);
  }
  g_test_message ("name ink: %u pixels before the boundaries, %u after", before, after);
  g_assert_cmpuint (before, <, 5);
  g_assert_cmpuint (after, >, 40);

  /* The same commune's centre at the left edge of the small map: its name
   * would be cut in half there, so it is not drawn at all. */
  {
    g_autoptr(IocComplaint) east = ioc_complaint_new ("PA-COMMUNE-2");
    double px_deg = 360.0 / (256 * pow (2, 13));
    g_autoptr(GdkTexture) texture = NULL;

    ioc_complaint_set_requested_datetime (east, now);
    ioc_complaint_set_updated_datetime (east, now);
    ioc_complaint_set_service_code (east, "MT");
    ioc_complaint_set_description (east, "Phía đông");
    ioc_complaint_set_location (east, widest->lat, widest->lon + px_deg * gtk_widget_get_width (map) / 2.0);
    feed_merge (east);
    g_assert_true (ioc_complaints_page_select_id (page, "PA-COMMUNE-2"));
    wait_detail (east);
    wait_frames (GTK_WIDGET (window), 2);
    wait_ms (300);
    texture = render (map);
    g_assert_cmpuint (count_name_ink_in (texture, 0, 12), ==, 0);
  }
  save_png (GTK_WIDGET (window), "complaint-detail-map-communes.png");
}

/* The page's shortcut bound to Ctrl+Shift+@keyval, NULL if none. */
static GtkShortcut *
find_ctrl_shortcut (guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK | GDK_SHIFT_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;   /* the controller keeps it */
        }
    }
  return NULL;
}

/* Issue "Complaint triage": a Ctrl-shortcut for each action too. */
static void
test_ctrl_shortcuts (void)
{
  static const struct { guint keyval; const char *action; } keys[] = {
    { GDK_KEY_a, "queue.acknowledge" },
    { GDK_KEY_f, "queue.assign" },
    { GDK_KEY_p, "queue.priority" },
    { GDK_KEY_n, "queue.note" },
    { GDK_KEY_d, "queue.duplicate" },
    { GDK_KEY_s, "queue.resolve" },
    { GDK_KEY_x, "queue.reject" },
    { GDK_KEY_o, "queue.reopen" },
    { GDK_KEY_r, "queue.reset-filters" },   /* kept as it was */
    { GDK_KEY_e, "queue.export-xlsx" },
  };
  GtkShortcut *note = NULL;
  AdwMessageDialog *dialog;
  IocComplaint *c;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = find_ctrl_shortcut (keys[i].keyval);
      GtkShortcutAction *action;

      g_assert_nonnull (shortcut);
      action = gtk_shortcut_get_action (shortcut);
      g_assert_true (GTK_IS_NAMED_ACTION (action));
      g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, keys[i].action);
      if (keys[i].keyval == GDK_KEY_n)
        note = shortcut;
    }

  /* Ctrl+Shift+N opens the note dialog; cancelling it sends nothing. */
  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  c = select_where (is_open);
  g_assert_null (ioc_complaints_page_get_dialog (page));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (note), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (page), NULL));
  dialog = ioc_complaints_page_get_dialog (page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  wait_frames (GTK_WIDGET (window), 1);
  g_assert_null (ioc_complaints_page_get_dialog (page));
  g_assert_null (ioc_complaints_page_get_delivery (page, ioc_complaint_get_service_request_id (c)));
}

/* --- multi-value filters, custom range, export thread, re-sort ----------- */

/* How many complaints of the whole model @filter keeps, counted apart from
 * the view (a plain scan with the rule, no view, no bar). */
static guint
independent_count (gboolean (*keep) (IocComplaint *, gpointer), gpointer data)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (complaints)); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (complaints), i);

      if (keep (c, data))
        n++;
    }
  return n;
}

typedef struct {
  const char *communes[2];
} MultiCase;

static gboolean
keep_multi (IocComplaint *c, gpointer data)
{
  MultiCase *mc = data;
  IocComplaintStatus st = ioc_complaint_get_status (c);
  const char *code = ioc_complaint_get_commune_code (c);

  return (st == IOC_COMPLAINT_STATUS_NEW || st == IOC_COMPLAINT_STATUS_IN_PROGRESS || st == IOC_COMPLAINT_STATUS_RESOLVED) &&
         (g_strcmp0 (code, mc->communes[0]) == 0 || g_strcmp0 (code, mc->communes[1]) == 0);
}

/* The two communes with the most complaints. */
static void
busiest_communes (const char **a, const char **b)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0, second = 0;

  *a = *b = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (complaints)); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (complaints), i);
      const char *code = ioc_complaint_get_commune_code (c);

      if (code != NULL)
        g_hash_table_insert (counts, (gpointer) g_intern_string (code),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)) + 1));
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);

      if (n > best)
        {
          second = best, *b = *a;
          best = n, *a = key;
        }
      else if (n > second)
        second = n, *b = key;
    }
  g_assert_nonnull (*a);
  g_assert_nonnull (*b);
}

static void
test_multi_filter (void)
{
  IocComplaintFilter *filter = ioc_complaints_page_get_filter (page);
  IocComplaintFilterBar *bar = ioc_complaints_page_get_filter_bar (page);
  IocQueueChoiceButton *status = ioc_complaint_filter_bar_get_choice (bar, IOC_FILTER_DIMENSION_STATUS);
  IocQueueChoiceButton *commune = ioc_complaint_filter_bar_get_choice (bar, IOC_FILTER_DIMENSION_COMMUNE);
  GListModel *view = ioc_complaints_page_get_view (page);
  MultiCase mc;
  guint expected;
  g_autofree char *counts_n = NULL;

  ioc_complaint_filter_reset (filter);
  busiest_communes (&mc.communes[0], &mc.communes[1]);
  /* What the operator clicks: three statuses, two communes. */
  ioc_queue_choice_button_toggle (status, ioc_complaint_status_to_string (IOC_COMPLAINT_STATUS_NEW), TRUE);
  ioc_queue_choice_button_toggle (status, ioc_complaint_status_to_string (IOC_COMPLAINT_STATUS_IN_PROGRESS), TRUE);
  ioc_queue_choice_button_toggle (status, ioc_complaint_status_to_string (IOC_COMPLAINT_STATUS_RESOLVED), TRUE);
  ioc_queue_choice_button_toggle (commune, mc.communes[0], TRUE);
  ioc_queue_choice_button_toggle (commune, mc.communes[1], TRUE);
  g_assert_cmpuint (ioc_complaint_filter_get_status_mask (filter), ==,
                    IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW) |
                    IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_IN_PROGRESS) |
                    IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_RESOLVED));
  g_assert_cmpuint (g_strv_length ((char **) ioc_complaint_filter_get_communes (filter)), ==, 2);
  expected = independent_count (keep_multi, &mc);
  g_test_message ("communes %s + %s: %u complaints", mc.communes[0], mc.communes[1], expected);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);

      g_assert_true (keep_multi (c, &mc));
    }
  /* The counts line says the same number. */
  wait_ms (120);
  counts_n = ioc_format_integer (ioc_format_style_default (), expected);
  g_assert_nonnull (strstr (ioc_complaints_page_get_counts_text (page), counts_n));
  /* The button says how many are chosen; the accessible name is the dimension. */
  g_assert_nonnull (strstr (ioc_queue_choice_button_get_label (commune), "(2)"));
  save_png (GTK_WIDGET (window), "complaints-page-multi.png");

  /* Dropping one commune is applied too. */
  ioc_queue_choice_button_toggle (commune, mc.communes[1], FALSE);
  mc.communes[1] = mc.communes[0];
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, independent_count (keep_multi, &mc));
  /* A filter set elsewhere (a saved view) shows in the bar. */
  ioc_complaint_filter_reset (filter);
  g_assert_null (ioc_queue_choice_button_dup_selected (commune));
  g_assert_null (ioc_queue_choice_button_dup_selected (status));
}

typedef struct {
  GDateTime *from;
  GDateTime *to;
} Range;

static gboolean
keep_range (IocComplaint *c, gpointer data)
{
  Range *r = data;
  GDateTime *t = ioc_complaint_get_requested_datetime (c);

  return t != NULL && g_date_time_compare (t, r->from) >= 0 && g_date_time_compare (t, r->to) < 0;
}

static void
test_custom_range (void)
{
  IocComplaintFilter *filter = ioc_complaints_page_get_filter (page);
  IocComplaintFilterBar *bar = ioc_complaints_page_get_filter_bar (page);
  GListModel *view = ioc_complaints_page_get_view (page);
  g_autoptr(GDateTime) first = g_date_time_new_from_iso8601 ("2024-06-03T15:00:00+07:00", NULL);
  g_autoptr(GDateTime) last = g_date_time_new_from_iso8601 ("2024-06-20T01:00:00+07:00", NULL);
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2024-06-03T00:00:00+07:00", NULL);
  g_autoptr(GDateTime) to = g_date_time_new_from_iso8601 ("2024-06-21T00:00:00+07:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "views", NULL);
  g_autofree char *path = g_build_filename (dir, "views.ini", NULL);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_saved_view_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *label = NULL;
  Range r = { from, to };
  guint expected = independent_count (keep_range, &r);

  ioc_complaint_filter_reset (filter);
  g_assert_cmpuint (expected, >, 0);
  g_assert_true (ioc_complaint_filter_bar_apply_custom_range (bar, first, last, &error));
  g_assert_no_error (error);
  /* Whole days in Vietnam, the last one included. */
  g_assert_true (g_date_time_equal (ioc_complaint_filter_get_received_from (filter), from));
  g_assert_true (g_date_time_equal (ioc_complaint_filter_get_received_to (filter), to));
  g_assert_cmpint (ioc_complaint_filter_bar_get_period (bar), ==, IOC_FILTER_PERIOD_CUSTOM);
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, expected);
  g_assert_nonnull (strstr (ioc_complaint_filter_bar_get_period_label (bar), "03/06/2024"));
  g_assert_nonnull (strstr (ioc_complaint_filter_bar_get_period_label (bar), "20/06/2024"));
  label = g_strdup (ioc_complaint_filter_bar_get_period_label (bar));
  save_png (GTK_WIDGET (window), "complaints-page-range.png");

  /* Last before first: refused, the filter kept. */
  g_assert_false (ioc_complaint_filter_bar_apply_custom_range (bar, last, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (g_date_time_equal (ioc_complaint_filter_get_received_to (filter), to));

  /* Saved with two communes, restored into the page and the bar. */
  {
    const char *communes[] = { "30280", "31063", NULL };
    IocQueueChoiceButton *commune = ioc_complaint_filter_bar_get_choice (bar, IOC_FILTER_DIMENSION_COMMUNE);
    g_auto(GStrv) shown = NULL;

    ioc_complaint_filter_set_communes (filter, communes);
    ioc_saved_view_list_put (views, "Tháng 6, hai xã", filter);
    g_assert_true (ioc_saved_view_save_file (views, path, &error));
    g_assert_no_error (error);
    ioc_complaint_filter_reset (filter);
    g_assert_cmpint (ioc_complaint_filter_bar_get_period (bar), ==, IOC_FILTER_PERIOD_ANY);
    loaded = ioc_saved_view_load_file (path, NULL, &error);
    g_assert_no_error (error);
    ioc_complaint_filter_assign (filter, ((IocSavedView *) g_ptr_array_index (loaded, 0))->filter);
    g_assert_cmpint (ioc_complaint_filter_bar_get_period (bar), ==, IOC_FILTER_PERIOD_CUSTOM);
    g_assert_cmpstr (ioc_complaint_filter_bar_get_period_label (bar), ==, label);
    shown = ioc_queue_choice_button_dup_selected (commune);
    g_assert_cmpuint (g_strv_length (shown), ==, 2);
    g_assert_true (g_date_time_equal (ioc_complaint_filter_get_received_to (filter), to));
  }
  /* A preset replaces the custom range. */
  ioc_complaint_filter_bar_set_period (bar, IOC_FILTER_PERIOD_ANY);
  g_assert_null (ioc_complaint_filter_get_received_from (filter));
  ioc_complaint_filter_reset (filter);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_thread (void)
{
  IocComplaintFilter *filter = ioc_complaints_page_get_filter (page);
  GListModel *view = ioc_complaints_page_get_view (page);
  g_autofree char *path = g_build_filename (tmpdir, "threaded.csv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GHashTable) in_view = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) lines = NULL;
  const char *a, *b;
  const char *communes[3] = { NULL, NULL, NULL };
  guint rows = 0, ticks = 0;
  gint64 end;

  ioc_complaint_filter_reset (filter);
  busiest_communes (&a, &b);
  communes[0] = a;
  communes[1] = b;
  ioc_complaint_filter_set_communes (filter, communes);
  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_RESOLVED) |
                                                IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_IN_PROGRESS));
  for (guint i = 0; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);

      g_hash_table_add (in_view, (gpointer) g_intern_string (ioc_complaint_get_service_request_id (c)));
    }
  g_assert_cmpuint (g_hash_table_size (in_view), >, 0);
  ioc_complaints_page_export (page, IOC_COMPLAINT_EXPORT_CSV, path);
  /* Not written during the call: the main loop has work to do first. */
  g_assert_null (ioc_complaints_page_get_export_message (page));
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (ioc_complaints_page_get_export_message (page) == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, TRUE);
      ticks++;
    }
  g_assert_nonnull (ioc_complaints_page_get_export_message (page));
  g_test_message ("%s (%u main-loop turns)", ioc_complaints_page_get_export_message (page), ticks);
  g_assert_nonnull (ioc_queue_exporter_get_last_writer (ioc_complaints_page_get_exporter (page)));
  g_assert_true (ioc_queue_exporter_get_last_writer (ioc_complaints_page_get_exporter (page)) != g_thread_self ());
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  /* Every row of the view, and nothing else. */
  lines = g_strsplit (data, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (lines[i], strcspn (lines[i], ","));

      if (!g_str_has_prefix (code, "PA-"))
        continue;   /* a description's line break inside quotes */
      g_assert_true (g_hash_table_contains (in_view, code));
      rows++;
    }
  g_assert_cmpuint (rows, ==, g_hash_table_size (in_view));
  {
    g_autofree char *n = ioc_format_integer (ioc_format_style_default (), rows);

    g_assert_nonnull (strstr (ioc_complaints_page_get_export_message (page), n));
  }
  /* A file that cannot be written says why. */
  ioc_complaints_page_export (page, IOC_COMPLAINT_EXPORT_CSV, "/nonexistent/dir/x.csv");
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (ioc_complaints_page_get_export_message (page) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (ioc_complaints_page_get_export_message (page));
  {
    const char *format = _("Export failed: %s");
    g_autofree char *head = g_strndup (format, strstr (format, "%s") - format);

    g_assert_true (g_str_has_prefix (ioc_complaints_page_get_export_message (page), head));
  }
  g_unlink (path);
  ioc_complaint_filter_reset (filter);
}

static GtkColumnViewColumn *
column_titled (const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (ioc_complaints_page_get_column_view (page));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }
  g_assert_not_reached ();
}

static void
assert_sorted_by_priority (void)
{
  GListModel *view = ioc_complaints_page_get_view (page);

  for (guint i = 1; i < g_list_model_get_n_items (view); i++)
    {
      g_autoptr(IocComplaint) a = g_list_model_get_item (view, i - 1);
      g_autoptr(IocComplaint) b = g_list_model_get_item (view, i);

      g_assert_cmpint (ioc_complaint_get_priority (a), <=, ioc_complaint_get_priority (b));
    }
}

static void
test_resort_in_place (void)
{
  GListModel *view = ioc_complaints_page_get_view (page);
  GtkColumnView *cv = ioc_complaints_page_get_column_view (page);
  g_autoptr(IocComplaint) target = NULL;
  g_autoptr(IocComplaint) newer = NULL;
  IocPriority before, after;
  guint pos_before, pos_after, n;

  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  gtk_column_view_sort_by_column (cv, column_titled (_("Priority")), GTK_SORT_ASCENDING);
  assert_sorted_by_priority ();
  n = g_list_model_get_n_items (view);
  /* A complaint in the middle, selected, gets the last priority of the order. */
  target = g_list_model_get_item (view, n / 2);
  before = ioc_complaint_get_priority (target);
  after = before == IOC_PRIORITY_THAP ? IOC_PRIORITY_KHAN_CAP : IOC_PRIORITY_THAP;
  g_assert_true (ioc_complaints_page_select_id (page, ioc_complaint_get_service_request_id (target)));
  g_assert_true (ioc_complaint_view_find (IOC_COMPLAINT_VIEW (view), target, &pos_before));
  newer = ioc_complaint_copy (target);
  ioc_complaint_set_priority (newer, after);
  /* A feed merge: the same object, updated, no items-changed; the model
   * announces it once ("items-updated") and the view places it again. */
  feed_merge (newer);
  g_assert_cmpint (ioc_complaint_get_priority (target), ==, after);
  wait_frames (GTK_WIDGET (window), 2);
  assert_sorted_by_priority ();
  g_assert_true (ioc_complaint_view_find (IOC_COMPLAINT_VIEW (view), target, &pos_after));
  g_assert_cmpuint (pos_after, !=, pos_before);
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, n);
  /* The selection followed the complaint. */
  g_assert_true (ioc_complaints_page_get_selected (page) == target);

  /* A filtered view drops a complaint that no longer matches, at once. */
  ioc_complaint_filter_set_priority_mask (ioc_complaints_page_get_filter (page), IOC_COMPLAINT_FILTER_BIT (after));
  n = g_list_model_get_n_items (view);
  g_assert_true (ioc_complaint_view_find (IOC_COMPLAINT_VIEW (view), target, NULL));
  ioc_complaint_set_priority (newer, before);
  feed_merge (newer);
  /* At once: the view placed it while the model announced it. */
  g_assert_false (ioc_complaint_view_find (IOC_COMPLAINT_VIEW (view), target, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (view), ==, n - 1);
  ioc_complaint_filter_reset (ioc_complaints_page_get_filter (page));
  gtk_column_view_sort_by_column (cv, column_titled (_("Due")), GTK_SORT_ASCENDING);
}

int
main (int argc, char **argv)
{
  g_autoptr(IocCalendar) calendar = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IOC_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (ioc_get_resource ());

  sim = sim_start ();
  base = g_strconcat (sim_test_server_url (sim), "/open311/v2/", NULL);
  http = soup_session_new ();
  adapter = ioc_feed_adapter_new ();
  complaints = ioc_complaint_list_model_new ();
  load_complaints ();

  tmpdir = g_dir_make_tmp ("ioc-queue-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "store.db", NULL);
  store = ioc_store_new_sync (db, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SoupSession) session = soup_session_new ();

    sender = ioc_outbox_sender_new (store, session, base);
  }
  ioc_outbox_sender_set_api_key (sender, IOC_SIM_DEFAULT_API_KEY);

  calendar = ioc_calendar_new_default ();
  now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  window = GTK_WINDOW (adw_window_new ());
  page = ioc_complaints_page_new ();
  ioc_complaints_page_set_now (page, now);
  ioc_complaints_page_set_calendar (page, calendar);
  ioc_complaints_page_set_operator (page, "Trần Thị Bình");
  ioc_complaints_page_set_model (page, G_LIST_MODEL (complaints));
  ioc_complaints_page_set_outbox (page, store, NULL);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (window, 1440, 860);
  gtk_window_present (window);
  wait_frames (GTK_WIDGET (window), 5);

  g_test_add_func ("/queue/ui/render", test_render);
  g_test_add_func ("/queue/ui/filter", test_filter);
  g_test_add_func ("/queue/ui/search", test_search);
  g_test_add_func ("/queue/ui/sort", test_sort);
  g_test_add_func ("/queue/ui/keyboard", test_keyboard);
  g_test_add_func ("/queue/ui/detail-pane", test_detail_pane);
  g_test_add_func ("/queue/ui/empty-state", test_empty_state);
  g_test_add_func ("/queue/ui/a11y", test_a11y);
  g_test_add_func ("/queue/ui/actions", test_actions);
  g_test_add_func ("/queue/ui/undo", test_undo);
  g_test_add_func ("/queue/ui/conflict", test_conflict);
  g_test_add_func ("/queue/ui/vanished", test_vanished);
  g_test_add_func ("/queue/ui/export", test_export);
  g_test_add_func ("/queue/ui/bad-input", test_bad_input);
  g_test_add_func ("/queue/ui/huge-photos", test_huge_photos);
  g_test_add_func ("/queue/ui/mini-map", test_mini_map);
  g_test_add_func ("/queue/ui/mini-map-communes", test_mini_map_communes);
  g_test_add_func ("/queue/ui/ctrl-shortcuts", test_ctrl_shortcuts);
  g_test_add_func ("/queue/ui/multi-filter", test_multi_filter);
  g_test_add_func ("/queue/ui/custom-range", test_custom_range);
  g_test_add_func ("/queue/ui/export-thread", test_export_thread);
  g_test_add_func ("/queue/ui/resort-in-place", test_resort_in_place);
  ret = g_test_run ();

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&sender);
  g_clear_object (&store);
  g_clear_object (&complaints);
  g_clear_object (&adapter);
  g_clear_object (&http);
  g_free (base);
  sim_test_server_stop (sim);
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);

        g_unlink (p);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
