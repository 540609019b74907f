/* test-map-page.c — the map page as a person sees it: offline tiles drawn
 * with no network, the page at province and city zoom, offline and with a
 * tile server that fails; PNGs kept in the build directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>

#include "ioc-base-geography.h"
#include "ioc-commune.h"
#include "ioc-complaint-layer.h"
#include "ioc-map-page.h"
#include "ioc-mercator.h"
#include "ioc-offline-map-source.h"

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

/* Tile 8/202/121 covers Rạch Giá and the sea west of it: both land and sea
 * colours must be there, and the shore drawn between them. */
static void
test_offline_tile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocBaseGeography) geo = ioc_base_geography_new_default (&error);
  g_autoptr(IocOfflineMapSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;
  g_autofree guint8 *data = NULL;
  gboolean done = FALSE;
  GdkPaintable *paintable;
  guint sea = 0, land = 0, other = 0;
  double x, y;
  int tx, ty, px, py;

  g_assert_no_error (error);
  source = ioc_offline_map_source_new (geo);
  ioc_mercator_project (10.0, 104.6, &x, &y);
  tx = (int) (x * 256);
  ty = (int) (y * 256);
  tile = g_object_ref_sink (shumate_tile_new_full (tx, ty, 256, 8));
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);
  data = g_malloc (256 * 256 * 4);
  gdk_texture_download (GDK_TEXTURE (paintable), data, 256 * 4);
  for (py = 0; py < 256; py++)
    for (px = 0; px < 256; px++)
      {
        guint32 c = pixel_at (data, 256 * 4, px, py);

        if (c == 0xaad3df)
          sea++;
        else if (c == 0xf2efe9)
          land++;
        else
          other++;
      }
  g_test_message ("tile %d/%d/8: sea %u, land %u, lines %u", tx, ty, sea, land, other);
  g_assert_cmpuint (sea, >, 256 * 256 / 10);
  g_assert_cmpuint (land, >, 256 * 256 / 20);
  g_assert_cmpuint (other, >, 200);   /* shores and rivers */
}

static GListModel *
make_complaints (guint n)
{
  GListStore *store = g_list_store_new (IOC_TYPE_COMPLAINT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2025);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const IocCommune *communes;
  guint n_communes, i;

  communes = ioc_commune_all (&n_communes);
  for (i = 0; i < n; i++)
    {
      /* Weighted towards the cities, like real complaints. */
      const IocCommune *c = &communes[g_rand_int_range (rand, 0, 4) == 0
                                      ? g_rand_int_range (rand, 0, 6)
                                      : g_rand_int_range (rand, 0, n_communes)];
      g_autofree char *id = g_strdup_printf ("AG-%06u", i);
      IocComplaint *complaint = ioc_complaint_new (id);
      g_autoptr(GDateTime) requested = g_date_time_add_hours (now, -g_rand_int_range (rand, 1, 24 * 30));
      double r = 0.01 + 0.03 * g_rand_double (rand);
      double a = g_rand_double_range (rand, 0, 2 * G_PI);

      ioc_complaint_set_location (complaint, c->lat + r * sin (a), c->lon + r * cos (a));
      ioc_complaint_set_extended_status (complaint, g_rand_int_range (rand, 0, IOC_N_COMPLAINT_STATUSES));
      ioc_complaint_set_requested_datetime (complaint, requested);
      ioc_complaint_set_service_code (complaint, "MT");
      if (i % 3 != 0)
        ioc_complaint_set_commune_code (complaint, c->code);
      g_ptr_array_add (items, complaint);
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
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

static void
run_page (const char *tile_url,
          const char *tag)
{
  g_autoptr(GSettings) settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_autoptr(GListModel) complaints = make_complaints (3000);
  g_autofree char *boundary = g_build_filename (g_getenv ("IOC_SHARED_DIR"), "reference",
                                                "an-giang-communes-2025.geojson", NULL);
  g_autofree char *png = NULL;
  g_autofree char *activated = NULL;
  GtkWidget *window, *page;
  IocComplaintLayer *layer;
  guint visible, n_marks;

  g_settings_set_string (settings, "map-tile-url", tile_url);
  g_settings_set_string (settings, "boundary-file", boundary);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  page = ioc_map_page_new (settings, complaints, NULL);
  g_signal_connect (page, "complaint-activated", G_CALLBACK (on_activated), &activated);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (300);
  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (page), FALSE);
  wait_ms (1500);

  /* No network here: an online URL must have fallen back. */
  g_assert_true (ioc_map_page_get_offline (IOC_MAP_PAGE (page)));

  layer = IOC_COMPLAINT_LAYER (ioc_map_page_get_complaint_layer (IOC_MAP_PAGE (page)));
  visible = ioc_complaint_layer_count_visible (layer, &n_marks);
  g_test_message ("%s province: %u complaints in %u marks", tag, visible, n_marks);
  /* At province zoom every complaint is on screen, and the clusters add up. */
  g_assert_cmpuint (visible, ==, 3000);
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
  g_assert_cmpuint (visible, <, 3000);
  g_free (png);
  png = g_strdup_printf ("map-%s-city.png", tag);
  save_png (window, png);

  /* Heat map at province zoom. */
  ioc_map_page_set_choropleth (IOC_MAP_PAGE (page), IOC_MAP_CHOROPLETH_NONE);
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
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/map/offline-tile", test_offline_tile);
  g_test_add_func ("/map/page/offline", test_page_offline);
  g_test_add_func ("/map/page/online-failure", test_page_online_failure);
  return g_test_run ();
}
