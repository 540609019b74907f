/* test-map-page.c — the map page as a person sees it: offline tiles drawn
 * with no network, inside and far beyond the province; the page fed with the
 * feed simulator's complaints and stations (libioc-sim, in-process on a
 * random loopback port) at province and city zoom, offline and with a tile
 * server that fails; "follow new complaints"; PNGs kept in the build
 * directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <math.h>

#include "ioc-application.h"
#include "ioc-base-geography.h"
#include "ioc-commune.h"
#include "ioc-complaint-layer.h"
#include "ioc-map-page.h"
#include "ioc-test-a11y.h"
#include "ioc-mercator.h"
#include "ioc-environment-feed.h"
#include "ioc-feed-adapter.h"
#include "ioc-feed-fetcher.h"
#include "ioc-offline-map-source.h"
#include "ioc-open311-parser.h"
#include "ioc-resources.h"
#include "sim-test-server.h"

/* The simulator's clock, frozen: the data and the overdue marks are the
 * same on every run. */
#define SIM_NOW "2024-12-10T09:00:00+07:00"

/* --- the feed simulator in a thread (sim-test-server) ------------------ */

static SimTestServer *sim;
static char *sim_url;   /* ends with "/" */
static GListStore *sim_complaints;
static IocEnvironmentFeed *sim_environment;

static void
sim_start (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  IocSimConfig config;

  ioc_sim_config_init (&config);
  config.seed = 7;
  config.speed = 0;
  config.has_now = TRUE;
  config.now = g_date_time_to_unix (now);
  sim = sim_test_server_start (&config);
  sim_url = g_strconcat (sim_test_server_url (sim), "/", NULL);
}

/* The complaints of 2024 up to the simulator's now, as the complaints feed
 * asks for them (feeds.md §1: windows of at most 90 days, pages of 1 000),
 * and the stations through the environment feed. */
static void
sim_load (void)
{
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autoptr(IocFeedAdapter) adapter = ioc_feed_adapter_new ();
  g_autoptr(IocFeedFetcher) fetcher = ioc_feed_fetcher_new (NULL);
  g_autofree char *sta = g_strconcat (sim_url, "sta/v1.1/", NULL);
  GListModel *stations;
  gint64 until;
  guint page_no;

  static const char *windows[][2] = {
    { "2024-01-01", "2024-03-31" }, { "2024-03-31", "2024-06-29" },
    { "2024-06-29", "2024-09-27" }, { "2024-09-27", "2024-12-11" },
  };
  guint w;

  sim_complaints = g_list_store_new (IOC_TYPE_COMPLAINT);
  for (w = 0; w < G_N_ELEMENTS (windows); w++)
    for (page_no = 1;; page_no++)
      {
        g_autofree char *uri = g_strdup_printf ("%sopen311/v2/requests.json?extensions=true&page_size=1000&page=%u"
                                                "&start_date=%sT00:00:00%%2B07:00"
                                                "&end_date=%sT00:00:00%%2B07:00",
                                                sim_url, page_no, windows[w][0], windows[w][1]);
        g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) body = soup_session_send_and_read (http, msg, NULL, &error);
        g_autoptr(IocOpen311Result) result = NULL;
        guint i;

        g_assert_no_error (error);
        g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
        result = ioc_open311_parse_requests (g_bytes_get_data (body, NULL), g_bytes_get_size (body), adapter, &error);
        g_assert_no_error (error);
        for (i = 0; i < result->requests->len; i++)
          g_list_store_append (sim_complaints, g_ptr_array_index (result->requests, i));
        if (result->requests->len < 1000)
          break;
      }
  g_test_message ("simulator: %u complaints", g_list_model_get_n_items (G_LIST_MODEL (sim_complaints)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sim_complaints)), >, 50);

  sim_environment = ioc_environment_feed_new (sta, fetcher, adapter);
  ioc_feed_client_poll_now (IOC_FEED_CLIENT (sim_environment));
  stations = G_LIST_MODEL (ioc_environment_feed_get_model (sim_environment));
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (stations) == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("simulator: %u stations", g_list_model_get_n_items (stations));
  g_assert_cmpuint (g_list_model_get_n_items (stations), >, 0);
}

static void
on_filled (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static guint32
pixel_at (const guint8 *data,
          gsize         stride,
          int           x,
          int           y)
{
  const guint8 *p = data + y * stride + 4 * x;

  /* GDK_MEMORY_DEFAULT: B, G, R, A bytes on little endian. */
  return (p[2] << 16) | (p[1] << 8) | p[0];
}

#define SEA     0xaad3df
#define LAND    0xf2efe9
#define UNKNOWN 0xe5e4e1

/* Renders the tile holding @lat, @lon at @zoom with the offline source and
 * returns its pixels (256 × 256, GDK_MEMORY_DEFAULT); *px, *py is where the
 * point falls in it. */
static guint8 *
render_offline_tile (IocOfflineMapSource *source,
                     double               lat,
                     double               lon,
                     guint                zoom,
                     int                 *px,
                     int                 *py)
{
  g_autoptr(ShumateTile) tile = NULL;
  guint8 *data;
  gboolean done = FALSE;
  GdkPaintable *paintable;
  double x, y, world = ioc_mercator_world_size (zoom);
  int tx, ty;

  ioc_mercator_project (lat, lon, &x, &y);
  tx = (int) (x * world / 256);
  ty = (int) (y * world / 256);
  if (px != NULL)
    {
      *px = (int) (x * world) - tx * 256;
      *py = (int) (y * world) - ty * 256;
    }
  tile = g_object_ref_sink (shumate_tile_new_full (tx, ty, 256, zoom));
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);
  data = g_malloc (256 * 256 * 4);
  gdk_texture_download (GDK_TEXTURE (paintable), data, 256 * 4);
  return data;
}

static void
count_colours (const guint8 *data,
               guint        *sea,
               guint        *land,
               guint        *unknown,
               guint        *other)
{
  int px, py;

  *sea = *land = *unknown = *other = 0;
  for (py = 0; py < 256; py++)
    for (px = 0; px < 256; px++)
      {
        guint32 c = pixel_at (data, 256 * 4, px, py);

        if (c == SEA)
          (*sea)++;
        else if (c == LAND)
          (*land)++;
        else if (c == UNKNOWN)
          (*unknown)++;
        else
          (*other)++;
      }
}

/* Tile 8/202/121 covers Rạch Giá and the sea west of it: both land and sea
 * colours must be there, and the shore drawn between them. */
static void
test_offline_tile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocBaseGeography) geo = ioc_base_geography_new_default (&error);
  g_autoptr(IocOfflineMapSource) source = NULL;
  g_autofree guint8 *data = NULL;
  guint sea, land, unknown, other;

  g_assert_no_error (error);
  source = ioc_offline_map_source_new (geo);
  data = render_offline_tile (source, 10.0, 104.6, 8, NULL, NULL);
  count_colours (data, &sea, &land, &unknown, &other);
  g_test_message ("tile at 10.0 N 104.6 E, zoom 8: sea %u, land %u, lines %u", sea, land, other);
  g_assert_cmpuint (sea, >, 256 * 256 / 10);
  g_assert_cmpuint (land, >, 256 * 256 / 20);
  g_assert_cmpuint (unknown, ==, 0);
  g_assert_cmpuint (other, >, 200);   /* shores and rivers */
}

/* Land or sea at a point, from the 7 × 7 pixels around it: every one must
 * be the expected colour (or a line drawn over it), and most of them. */
static void
assert_point (IocOfflineMapSource *source,
              const char          *what,
              double               lat,
              double               lon,
              guint                zoom,
              gboolean             expect_land)
{
  g_autofree guint8 *data = NULL;
  guint sea, land, unknown, other, right = 0, wrong = 0;
  int px, py, dx, dy;

  data = render_offline_tile (source, lat, lon, zoom, &px, &py);
  count_colours (data, &sea, &land, &unknown, &other);
  for (dy = -3; dy <= 3; dy++)
    for (dx = -3; dx <= 3; dx++)
      {
        guint32 c = pixel_at (data, 256 * 4, CLAMP (px + dx, 0, 255), CLAMP (py + dy, 0, 255));

        right += c == (expect_land ? LAND : SEA);
        wrong += c == (expect_land ? SEA : LAND) || c == UNKNOWN;
      }
  g_test_message ("%s (%.2f N %.2f E) zoom %u: %u/49 %s; tile sea %u land %u unknown %u lines %u",
                  what, lat, lon, zoom, right, expect_land ? "land" : "sea",
                  sea, land, unknown, other);
  g_assert_cmpuint (wrong, ==, 0);
  g_assert_cmpuint (right, >=, 40);
  /* No tile of the operator's range is left to the uniform background. */
  g_assert_cmpuint (unknown, ==, 0);
}

/* Outside the province's fine square (103.4–105.8 E, 8.9–11.3 N) the coarser
 * masks answer: the Cà Mau cape and the sea south of it, the Cambodian
 * coast at Koh Kong, Hồ Chí Minh City, Phnom Penh's plain, the Gulf of
 * Thailand, Bangkok, and the world at the lowest zooms. With no network:
 * the source never downloads anything. */
static void
test_offline_beyond_province (void)
{
  static const struct {
    const char *what;
    double      lat, lon;
    guint       zoom;
    gboolean    land;
  } points[] = {
    { "Sóc Trăng",                     9.60, 105.97,  9, TRUE },
    { "Cà Mau cape",                   8.80, 104.85, 11, TRUE },
    { "sea south of the Cà Mau cape",  8.40, 104.80,  9, FALSE },
    { "sea south of the Cà Mau cape",  8.40, 104.80,  7, FALSE },
    { "East Sea off Bạc Liêu",         8.80, 106.20,  8, FALSE },
    { "Koh Kong hills",               11.70, 103.30,  9, TRUE },
    { "sea off Koh Kong",             11.20, 102.70,  9, FALSE },
    { "Kampot plain, zoomed out",     10.80, 104.30,  6, TRUE },
    { "Hồ Chí Minh City",             10.78, 106.66, 10, TRUE },
    { "south of Phnom Penh",          11.40, 104.70,  8, TRUE },
    { "Gulf of Thailand",              9.50, 101.50,  6, FALSE },
    { "Bangkok",                      13.75, 100.50,  7, TRUE },
    { "Khorat plateau",               15.50, 102.50,  5, TRUE },
    { "South China Sea",              15.00, 114.00,  5, FALSE },
    { "central Australia",           -25.00, 134.00,  3, TRUE },
    { "Pacific",                       0.00, -160.0,  3, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(IocBaseGeography) geo = ioc_base_geography_new_default (&error);
  g_autoptr(IocOfflineMapSource) source = NULL;
  guint i;

  g_assert_no_error (error);
  source = ioc_offline_map_source_new (geo);
  for (i = 0; i < G_N_ELEMENTS (points); i++)
    assert_point (source, points[i].what, points[i].lat, points[i].lon,
                  points[i].zoom, points[i].land);
}

/* Lines one pixel wide across land, lighter than the land on both sides,
 * that run across more than an eighth of @texture: where two map tiles
 * meet between pixels (libshumate 1.0), the background showed through.
 * (Over the sea they still do, fainter: style.css, map-view.) */
#define LAND_ARGB 0xfff2efe9u
static guint
count_seams (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint32 *px = g_malloc ((gsize) w * h * 4);
  guint seams = 0;

  gdk_texture_download (texture, (guint8 *) px, (gsize) w * 4);
#define LIGHTER(a, b) ((a) != (b) && ((a) & 0xff) >= ((b) & 0xff) && (((a) >> 8) & 0xff) >= (((b) >> 8) & 0xff) \
                       && (((a) >> 16) & 0xff) >= (((b) >> 16) & 0xff))
  for (int x = 1; x + 1 < w; x++)
    {
      int n = 0;

      for (int y = 0; y < h; y++)
        n += px[y * w + x - 1] == LAND_ARGB && px[y * w + x + 1] == LAND_ARGB && LIGHTER (px[y * w + x], LAND_ARGB);
      seams += n > h / 8;
    }
  for (int y = 1; y + 1 < h; y++)
    {
      int n = 0;

      for (int x = 0; x < w; x++)
        n += px[(y - 1) * w + x] == LAND_ARGB && px[(y + 1) * w + x] == LAND_ARGB && LIGHTER (px[y * w + x], LAND_ARGB);
      seams += n > w / 8;
    }
#undef LIGHTER
  return seams;
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (g_getenv ("IOC_BUILD_DIR"), "tests", "map", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
  /* No line along the tile edges over land. */
  g_assert_cmpuint (count_seams (texture), ==, 0);
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
on_activated (IocMapPage *page,
              const char *id,
              char      **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static guint
count_located (GListModel *model)
{
  guint i, n = 0;

  for (i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);

      n += ioc_complaint_get_has_location (c);
    }
  return n;
}

/* Brute force: the located complaints whose own position falls in the
 * layer's view, [0, width) × [0, height) around the viewport's centre —
 * what the marks in view must add up to (issue "The map": "the sum of
 * clusters equals the points in view"). */
static guint
count_in_view (GListModel        *model,
               IocComplaintLayer *layer)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  double world = ioc_mercator_world_size (shumate_viewport_get_zoom_level (viewport));
  int w = gtk_widget_get_width (GTK_WIDGET (layer)), h = gtk_widget_get_height (GTK_WIDGET (layer));
  double cx, cy, vx0, vy0;
  guint i, n = 0;

  ioc_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  vx0 = cx * world - w / 2.0;
  vy0 = cy * world - h / 2.0;
  for (i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);
      double x, y;

      if (!ioc_complaint_get_has_location (c))
        continue;
      ioc_mercator_project (ioc_complaint_get_lat (c), ioc_complaint_get_long (c), &x, &y);
      x = x * world - vx0;
      y = y * world - vy0;
      n += x >= 0 && y >= 0 && x < w && y < h;
    }
  return n;
}

static GtkWidget *
new_page (GSettings   *settings,
          GListModel  *complaints,
          GtkWidget  **window_out)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  GtkWidget *window, *page;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  page = ioc_map_page_new (settings, complaints,
                           G_LIST_MODEL (ioc_environment_feed_get_model (sim_environment)));
  ioc_map_page_set_now (IOC_MAP_PAGE (page), now);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  *window_out = window;
  return page;
}

static void
run_page (const char *tile_url,
          const char *tag)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  GListModel *complaints = G_LIST_MODEL (sim_complaints);
  g_autofree char *boundary = g_build_filename (g_getenv ("IOC_SHARED_DIR"), "reference",
                                                "an-giang-communes-2025.geojson", NULL);
  g_autofree char *png = NULL;
  g_autofree char *activated = NULL;
  GtkWidget *window, *page;
  IocComplaintLayer *layer;
  guint visible, n_marks, located = count_located (complaints);

  g_settings_set_string (settings, "map-tile-url", tile_url);
  g_settings_set_string (settings, "boundary-file", boundary);
  page = new_page (settings, complaints, &window);
  g_signal_connect (page, "complaint-activated", G_CALLBACK (on_activated), &activated);
  wait_ms (300);
  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (page), FALSE);
  wait_ms (1500);

  /* No network here: an online URL must have fallen back. */
  g_assert_true (ioc_map_page_get_offline (IOC_MAP_PAGE (page)));

  layer = IOC_COMPLAINT_LAYER (ioc_map_page_get_complaint_layer (IOC_MAP_PAGE (page)));
  visible = ioc_complaint_layer_count_visible (layer, &n_marks);
  g_test_message ("%s province: %u complaints in %u marks", tag, visible, n_marks);
  /* At province zoom every complaint is on screen, and the marks add up. */
  g_assert_cmpuint (visible, ==, located);
  g_assert_cmpuint (n_marks, <, 400);
  png = g_strdup_printf ("map-%s-province.png", tag);
  save_png (window, png);

  /* Long Xuyên at city zoom, choropleth on. */
  ioc_map_page_set_choropleth (IOC_MAP_PAGE (page), IOC_MAP_CHOROPLETH_COMPLAINTS);
  ioc_map_page_go_to (IOC_MAP_PAGE (page), 10.375, 105.43, 12.5);
  wait_ms (1500);
  visible = ioc_complaint_layer_count_visible (layer, &n_marks);
  g_test_message ("%s city: %u complaints in %u marks", tag, visible, n_marks);
  g_assert_cmpuint (visible, >, 0);
  g_assert_cmpuint (visible, <, located);
  g_assert_cmpuint (visible, ==, count_in_view (complaints, layer));
  g_free (png);
  png = g_strdup_printf ("map-%s-city.png", tag);
  save_png (window, png);

  /* Exact counts wherever the edge of the view cuts through clusters:
   * between province and city zoom, off-centre, and past the finest
   * level where clusters spread into points. */
  {
    static const double views[][3] = {
      { 10.30, 105.25, 10.5 }, { 10.45, 105.05, 9.5 }, { 10.38, 105.42, 11.3 },
      { 10.37, 105.44, 13.7 }, { 10.375, 105.43, 17.6 },
    };
    guint k;

    for (k = 0; k < G_N_ELEMENTS (views); k++)
      {
        guint expected;

        ioc_map_page_go_to (IOC_MAP_PAGE (page), views[k][0], views[k][1], views[k][2]);
        wait_ms (300);
        visible = ioc_complaint_layer_count_visible (layer, &n_marks);
        expected = count_in_view (complaints, layer);
        g_test_message ("%s at %.3f, %.3f zoom %.1f: %u complaints in %u marks, %u in view by brute force",
                        tag, views[k][0], views[k][1], views[k][2], visible, n_marks, expected);
        g_assert_cmpuint (visible, ==, expected);
        if (views[k][2] < 12)
          g_assert_cmpuint (visible, >, 0);
      }
  }

  /* Zoomed out to the region: the coasts of Cambodia and Vietnam beyond
   * the province, drawn offline. */
  ioc_map_page_set_choropleth (IOC_MAP_PAGE (page), IOC_MAP_CHOROPLETH_NONE);
  ioc_map_page_go_to (IOC_MAP_PAGE (page), 10.4, 105.0, 6.5);
  wait_ms (1500);
  g_free (png);
  png = g_strdup_printf ("map-%s-region.png", tag);
  save_png (window, png);

  /* Heat map at province zoom. */
  ioc_map_page_set_heat_map (IOC_MAP_PAGE (page), TRUE);
  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (page), FALSE);
  wait_ms (800);
  g_free (png);
  png = g_strdup_printf ("map-%s-heat.png", tag);
  save_png (window, png);

  /* Diacritic-free commune search. */
  g_assert_true (ioc_map_page_zoom_to_commune (IOC_MAP_PAGE (page), "long xuyen"));
  g_assert_false (ioc_map_page_zoom_to_commune (IOC_MAP_PAGE (page), "khong co xa nay"));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);
}

static void
get_centre (IocMapPage *page,
            double     *lat,
            double     *lon,
            double     *zoom)
{
  ShumateViewport *viewport = NULL;
  IocComplaintLayer *layer = IOC_COMPLAINT_LAYER (ioc_map_page_get_complaint_layer (page));

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  *lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  *zoom = shumate_viewport_get_zoom_level (viewport);
}

static IocComplaint *
new_complaint (const char *id,
               double      lat,
               double      lon,
               int         minutes_after_now)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
  g_autoptr(GDateTime) received = g_date_time_add_minutes (now, minutes_after_now);
  IocComplaint *c = ioc_complaint_new (id);

  ioc_complaint_set_location (c, lat, lon);
  ioc_complaint_set_requested_datetime (c, received);
  ioc_complaint_set_service_code (c, "MT");
  return c;
}

/* "Follow new complaints" (the wall display): an arrival recentres the map
 * on it when following, and does nothing when not; neither does an update
 * of an older complaint or a filter change. */
static void
test_follow (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_autoptr(GListStore) store = g_list_store_new (IOC_TYPE_COMPLAINT);
  GtkWidget *window, *page;
  double lat0, lon0, zoom0, lat, lon, zoom;
  guint i, n = g_list_model_get_n_items (G_LIST_MODEL (sim_complaints));

  for (i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (sim_complaints), i);

      g_list_store_append (store, c);
    }
  g_settings_set_string (settings, "map-tile-url", "");
  page = new_page (settings, G_LIST_MODEL (store), &window);
  wait_ms (300);
  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (page), FALSE);
  wait_ms (500);
  get_centre (IOC_MAP_PAGE (page), &lat0, &lon0, &zoom0);

  /* Not following: a new complaint at Hà Tiên leaves the map alone. */
  {
    g_autoptr(IocComplaint) c = new_complaint ("AG-FOLLOW-1", 10.383, 104.488, 1);

    g_list_store_append (store, c);
  }
  wait_ms (1500);
  get_centre (IOC_MAP_PAGE (page), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-6);
  g_assert_cmpfloat_with_epsilon (zoom, zoom0, 1e-6);

  /* Following: a new one at Tân Châu brings the map there, at street zoom. */
  ioc_map_page_set_follow_new (IOC_MAP_PAGE (page), TRUE);
  {
    g_autoptr(IocComplaint) c = new_complaint ("AG-FOLLOW-2", 10.800, 105.240, 2);

    g_list_store_insert (store, 5, c);
  }
  {
    /* go_to_full animates: wait for it to land. */
    gint64 until = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

    do
      {
        wait_ms (100);
        get_centre (IOC_MAP_PAGE (page), &lat, &lon, &zoom);
      }
    while ((fabs (lat - 10.8) > 1e-4 || zoom < 14 - 1e-6) && g_get_monotonic_time () < until);
  }
  g_test_message ("following: centre %.4f, %.4f at zoom %.2f", lat, lon, zoom);
  g_assert_cmpfloat_with_epsilon (lat, 10.800, 1e-3);
  g_assert_cmpfloat_with_epsilon (lon, 105.240, 1e-3);
  g_assert_cmpfloat (zoom, >=, 14 - 1e-6);

  /* Still following: an older complaint updated in place (removed and
   * added again, as the feed does) and a filter change do not move it. */
  ioc_map_page_go_to (IOC_MAP_PAGE (page), 10.0, 105.0, 10);
  wait_ms (300);
  get_centre (IOC_MAP_PAGE (page), &lat0, &lon0, &zoom0);
  {
    g_autoptr(IocComplaint) old = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_autoptr(IocComplaint) copy = new_complaint (ioc_complaint_get_service_request_id (old),
                                                  10.2, 104.0, -60 * 24 * 30);

    g_list_store_splice (store, 0, 1, (gpointer *) &copy, 1);
  }
  {
    g_autoptr(GtkCustomFilter) none = gtk_custom_filter_new (NULL, NULL, NULL);

    ioc_map_page_set_filter (IOC_MAP_PAGE (page), GTK_FILTER (none));
    ioc_map_page_set_filter (IOC_MAP_PAGE (page), NULL);
  }
  /* A new complaint without a location has nowhere to go. */
  {
    g_autoptr(IocComplaint) c = ioc_complaint_new ("AG-FOLLOW-3");
    g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (SIM_NOW, NULL);
    g_autoptr(GDateTime) received = g_date_time_add_minutes (now, 3);

    ioc_complaint_set_requested_datetime (c, received);
    g_list_store_append (store, c);
  }
  wait_ms (1500);
  get_centre (IOC_MAP_PAGE (page), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-6);
  g_assert_cmpfloat_with_epsilon (zoom, zoom0, 1e-6);

  /* Switched off again: the next arrival does not move it either. */
  ioc_map_page_set_follow_new (IOC_MAP_PAGE (page), FALSE);
  {
    g_autoptr(IocComplaint) c = new_complaint ("AG-FOLLOW-4", 10.7, 105.1, 4);

    g_list_store_append (store, c);
  }
  wait_ms (1000);
  get_centre (IOC_MAP_PAGE (page), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, lat0, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, lon0, 1e-6);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);
}

/* --- accessibility ---------------------------------------------------------- */

/* The first widget of @type under @root, depth first, not in hidden
 * subtrees (GtkDropDown keeps a hidden search entry in its popover). */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  GtkWidget *child, *found;

  if (!gtk_widget_get_visible (root) && !GTK_IS_POPOVER (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if ((found = find_widget (child, type)) != NULL)
      return found;
  return NULL;
}

/* The checker itself: controls named only by an icon, a tooltip or a
 * placeholder are caught; GTK's own names from text are accepted. */
static void
test_a11y_checker (void)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  const char *items[] = { "a", "b", NULL };
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *icon = gtk_button_new_from_icon_name ("view-list-symbolic");
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *named = gtk_button_new_from_icon_name ("zoom-in-symbolic");

  gtk_widget_set_tooltip_text (icon, "Layers");
  g_object_set (entry, "placeholder-text", "Find", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_PROPERTY_LABEL, "Zoom in", -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), gtk_drop_down_new_from_strings (items));
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), gtk_check_button_new_with_label ("Complaints"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Whole province"));
  gtk_box_append (GTK_BOX (box), named);
  ioc_test_a11y_find_unnamed (box, unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("unnamed: %s", (char *) g_ptr_array_index (unnamed, i));
  /* The icon button, the drop-down and the entry, plus the drop-down's
   * own inner toggle button. */
  g_assert_cmpuint (unnamed->len, ==, 4);
  g_object_unref (box);
}

/* Every control of the map page, and of its popovers, has a name: the
 * toolbar, the layer toggles, libshumate's zoom buttons, the search
 * results once there are some. */
static void
test_a11y_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_autofree char *boundary = g_build_filename (g_getenv ("IOC_SHARED_DIR"), "reference",
                                                "an-giang-communes-2025.geojson", NULL);
  GtkWidget *window, *page, *entry, *menu, *dropdown, *popover;

  g_settings_set_string (settings, "map-tile-url", "");
  g_settings_set_string (settings, "boundary-file", boundary);
  page = new_page (settings, G_LIST_MODEL (sim_complaints), &window);
  wait_ms (300);
  ioc_test_a11y_assert_all_named (page, "map page", 10);

  menu = find_widget (page, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu);
  gtk_test_accessible_assert_property (menu, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layers"));
  dropdown = find_widget (page, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  gtk_test_accessible_assert_property (dropdown, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour communes by"));

  /* The commune search's results: one button per commune found. */
  entry = find_widget (page, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find a commune"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "long");
  wait_ms (600);
  popover = find_widget (entry, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  ioc_test_a11y_assert_all_named (page, "map page, commune search open", 10);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_ms (300);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);
}

/* The page opens on the whole province ("Whole province"), fitted to the
 * map's real size: not to the 400 × 300 px guessed before it had one,
 * which showed the whole Gulf of Thailand. */
static void
test_opens_on_province (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_autofree char *boundary = g_build_filename (g_getenv ("IOC_SHARED_DIR"), "reference",
                                                "an-giang-communes-2025.geojson", NULL);
  GtkWidget *window, *page;
  double lat0, lon0, zoom0, lat, lon, zoom;

  g_settings_set_string (settings, "map-tile-url", "");
  g_settings_set_string (settings, "boundary-file", boundary);
  page = new_page (settings, G_LIST_MODEL (sim_complaints), &window);
  wait_ms (500);
  get_centre (IOC_MAP_PAGE (page), &lat0, &lon0, &zoom0);
  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (page), FALSE);
  wait_ms (200);
  get_centre (IOC_MAP_PAGE (page), &lat, &lon, &zoom);
  g_test_message ("opened at %.4f, %.4f zoom %.3f; province fit %.4f, %.4f zoom %.3f",
                  lat0, lon0, zoom0, lat, lon, zoom);
  g_assert_cmpfloat_with_epsilon (lat0, lat, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon0, lon, 1e-6);
  g_assert_cmpfloat_with_epsilon (zoom0, zoom, 1e-6);
  /* 1200 × 800 px hold the province at zoom 8 and more. */
  g_assert_cmpfloat (zoom0, >, 8.0);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);
}

static void
test_page_offline (void)
{
  run_page ("", "offline");
}

static void
test_page_online_failure (void)
{
  run_page ("http://127.0.0.1:1/{z}/{x}/{y}.png", "online-failed");
}

int
main (int argc, char **argv)
{
  int ret;

  /* With IOC_LOCALEDIR (the build's po/) and LANGUAGE=vi, the PNGs show
   * the page in Vietnamese, as in docs/screenshots/map-vi.png. */
  setlocale (LC_ALL, "");
  if (g_getenv ("IOC_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("IOC_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      /* The templates' strings are looked up in the default domain. */
      textdomain (GETTEXT_PACKAGE);
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application's stylesheet: the PNGs show the legend and banners
   * as an operator sees them. */
  ioc_application_load_style (gdk_display_get_default ());
  sim_start ();
  sim_load ();
  g_test_add_func ("/map/offline-tile", test_offline_tile);
  g_test_add_func ("/map/offline-tile/beyond-province", test_offline_beyond_province);
  g_test_add_func ("/map/a11y/checker", test_a11y_checker);
  g_test_add_func ("/map/a11y/page", test_a11y_page);
  g_test_add_func ("/map/page/opens-on-province", test_opens_on_province);
  g_test_add_func ("/map/page/offline", test_page_offline);
  g_test_add_func ("/map/page/online-failure", test_page_online_failure);
  g_test_add_func ("/map/page/follow-new", test_follow);
  ret = g_test_run ();
  g_clear_object (&sim_environment);
  g_clear_object (&sim_complaints);
  g_clear_pointer (&sim, sim_test_server_stop);
  g_clear_pointer (&sim_url, g_free);
  return ret;
}
