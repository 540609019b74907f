/* test-window.c — the main window under a real display
 *
 * Opens the window, visits every page, renders each to PNG (kept in the
 * build directory for people to look at) and checks that the picture is not
 * blank and that pages differ. Run under xvfb-run with G_DEBUG=fatal-warnings:
 * any GTK warning fails the test.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "ioc-application.h"
#include "ioc-complaints-feed.h"
#include "ioc-pipeline.h"
#include "ioc-resources.h"
#include "ioc-window.h"
#include "ioc-window-private.h"

static IocApplication *app;

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 counter = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;

      /* Bounded wait: a frame, or 500 ms when the display does not tick. */
      while (g_get_monotonic_time () - start < G_USEC_PER_SEC / 2 &&
             (clock == NULL || gdk_frame_clock_get_frame_counter (clock) == counter))
        g_main_context_iteration (NULL, FALSE);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

static GdkTexture *
render (GtkWidget *widget)
{
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* Share of pixels that differ from the most common colour: a blank or
 * unpainted window is one colour. */
static double
ink_ratio (GdkTexture *texture,
           guint32    *hash_out)
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  gsize stride = (gsize)w * 4;
  g_autofree guchar *data = g_malloc (stride * h);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 0;
  guint32 hash = 5381;

  gdk_texture_download (texture, data, stride);
  for (int i = 0; i < w * h; i++)
    {
      guint32 px;
      guint n;

      memcpy (&px, data + (gsize)i * 4, 4);
      hash = hash * 33 + px;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (px))) + 1;
      g_hash_table_insert (counts, GUINT_TO_POINTER (px), GUINT_TO_POINTER (n));
      best = MAX (best, n);
    }
  *hash_out = hash;
  return 1.0 - (double)best / (w * h);
}

static void
test_every_page (void)
{
  const char * const *pages = ioc_application_page_names ();
  const char *lang = g_getenv ("LANGUAGE");
  IocWindow *window = ioc_window_new (app);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *dir = g_build_filename (g_getenv ("IOC_BUILD_DIR"), "tests", "ui", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 5);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      guint32 hash;
      double ink;

      ioc_window_set_page (window, pages[i]);
      g_assert_cmpstr (ioc_window_get_page (window), ==, pages[i]);
      wait_frames (GTK_WIDGET (window), 3);

      texture = render (GTK_WIDGET (window));
      name = g_strdup_printf ("window-%s-%s.png", lang != NULL ? lang : "en", pages[i]);
      path = g_build_filename (dir, name, NULL);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);

      ink = ink_ratio (texture, &hash);
      g_assert_cmpfloat (ink, >, 0.01);
      g_assert_cmpint (gdk_texture_get_width (texture), >=, 1000);
      /* Every page draws something of its own. */
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (hash)));
      g_hash_table_add (seen, GUINT_TO_POINTER (hash));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* LANGUAGE=vi: the window speaks Vietnamese, page by page. */
static void
test_vietnamese (void)
{
  static const char * const expected[] = {
    "Tổng quan", "Phản ánh", "Bản đồ", "Thủ tục hành chính", "Môi trường", "Cảnh báo", "Báo cáo",
  };
  IocWindow *window;
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (g_strcmp0 (g_getenv ("LANGUAGE"), "vi") != 0)
    {
      g_test_skip ("only meaningful with LANGUAGE=vi");
      return;
    }

  window = ioc_window_new (app);
  pages = adw_view_stack_get_pages (ioc_window_get_stack (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, expected[i]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (void)
{
  IocWindow *window = ioc_window_new (app);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint before;

  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 2);
  before = g_list_model_get_n_items (toplevels);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      gtk_window_destroy (w);
    }
}

/* A feed that shows old data says so in words under the header bar, with
 * the time of that data; nothing is shown while every feed is live. */
static void
test_feed_banner (void)
{
  IocWindow *window = ioc_window_new (app);
  IocFeedBanner *banner;
  IocFeedStatus *complaints = ioc_application_get_feed_status (app, IOC_FEED_KIND_COMPLAINTS);
  g_autoptr(GTimeZone) vietnam = g_time_zone_new_identifier ("+07:00");
  g_autoptr(GDateTime) saved = g_date_time_new (vietnam, 2026, 11, 20, 6, 30, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *text;

  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 2);
  banner = ioc_window_get_feed_banner (window);
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (banner)));

  ioc_feed_status_set_offline (complaints, saved);
  text = ioc_feed_banner_get_text (banner);
  g_test_message ("offline: %s", text);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, ioc_feed_status_get_title (complaints)));
  g_assert_nonnull (strstr (text, "20/11/2026"));
  g_assert_nonnull (strstr (text, "06:30"));

  ioc_feed_status_set_error (complaints, "Connection refused");
  text = ioc_feed_banner_get_text (banner);
  g_test_message ("error: %s", text);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "20/11/2026"));   /* still the age of what is shown */

  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    ioc_feed_status_set_live (ioc_application_get_feed_status (app, i), now);
  g_assert_null (ioc_feed_banner_get_text (banner));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* `complaints-history-days` reaches the complaints feed, now and when
 * changed: a year by default, so that the year-end backlog is in the queue. */
static void
test_history_setting (void)
{
  IocComplaintsFeed *feed = ioc_pipeline_get_complaints (ioc_application_get_pipeline (app));
  GSettings *settings = ioc_application_get_settings (app);
  IocWindow *window = ioc_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "complaints-history-days"), ==, 366);
  g_assert_cmpuint (ioc_complaints_feed_get_history_days (feed), ==, 366);
  g_settings_set_uint (settings, "complaints-history-days", 800);
  g_assert_cmpuint (ioc_complaints_feed_get_history_days (feed), ==, 800);
  g_settings_reset (settings, "complaints-history-days");
  g_assert_cmpuint (ioc_complaints_feed_get_history_days (feed), ==, 366);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int ret;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IOC_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (ioc_get_resource ());

  app = ioc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/ui/window/every-page", test_every_page);
  g_test_add_func ("/ui/window/vietnamese", test_vietnamese);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/feed-banner", test_feed_banner);
  g_test_add_func ("/ui/window/history-setting", test_history_setting);
  ret = g_test_run ();

  g_object_unref (app);
  return ret;
}
