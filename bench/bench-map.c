/* bench-map.c — the map's figures: time to draw 100 000 complaints per frame
 * at province and city zoom (CPU renderer), re-clustering after a zoom step,
 * and the layer's memory. Run under Xvfb with GSK_RENDERER=cairo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>

#include "ioc-cluster-index.h"
#include "ioc-commune.h"
#include "ioc-complaint-layer.h"
#include "ioc-map-page.h"

#define N_POINTS 100000
#define N_FRAMES 200

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static GListModel *
make_complaints (guint n)
{
  GListStore *store = g_list_store_new (IOC_TYPE_COMPLAINT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (100000);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const IocCommune *communes;
  guint n_communes, i;

  communes = ioc_commune_all (&n_communes);
  for (i = 0; i < n; i++)
    {
      const IocCommune *c = &communes[g_rand_int_range (rand, 0, 3) == 0
                                      ? g_rand_int_range (rand, 0, 6)
                                      : g_rand_int_range (rand, 0, n_communes)];
      g_autofree char *id = g_strdup_printf ("AG-%06u", i);
      IocComplaint *complaint = ioc_complaint_new (id);
      double r = 0.04 * sqrt (g_rand_double (rand));
      double a = g_rand_double_range (rand, 0, 2 * G_PI);

      ioc_complaint_set_location (complaint, c->lat + r * sin (a), c->lon + r * cos (a));
      ioc_complaint_set_extended_status (complaint, g_rand_int_range (rand, 0, IOC_N_COMPLAINT_STATUSES));
      g_ptr_array_add (items, complaint);
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

static gboolean
overdue_every_seventh (IocComplaint *c, GDateTime *now, gpointer data)
{
  return g_str_hash (ioc_complaint_get_service_request_id (c)) % 7 == 0;
}

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
measure_frames (GtkWidget  *layer,
                const char *what)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (layer));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (layer);
  int w = gtk_widget_get_width (layer), h = gtk_widget_get_height (layer);
  double times[N_FRAMES];
  guint visible, marks, i;

  for (i = 0; i < N_FRAMES; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      gint64 t0 = g_get_monotonic_time ();

      /* Paintables cache their node: invalidate as a viewport change does. */
      gtk_widget_queue_draw (layer);
      gdk_paintable_invalidate_contents (paintable);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (times, N_FRAMES, sizeof (double), cmp_double);
  visible = ioc_complaint_layer_count_visible (IOC_COMPLAINT_LAYER (layer), &marks);
  g_print ("%-14s draw per frame (%d×%d, %u complaints in %u marks): median %.2f ms, p95 %.2f ms\n",
           what, w, h, visible, marks, times[N_FRAMES / 2], times[N_FRAMES * 95 / 100]);
}

int
main (int argc, char **argv)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GListModel) complaints = NULL;
  struct mallinfo2 before, after;
  GtkWidget *window, *page, *layer;
  IocClusterIndex *index;
  double steps[IOC_CLUSTER_MAX_ZOOM];
  guint z;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  settings = g_settings_new ("vn.gov.angiang.IocDashboard");
  g_settings_set_string (settings, "map-tile-url", "");
  if (argc > 1)
    g_settings_set_string (settings, "boundary-file", argv[1]);

  complaints = make_complaints (N_POINTS);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  before = mallinfo2 ();
  page = ioc_map_page_new (settings, complaints, NULL);
  ioc_map_page_set_overdue_func (IOC_MAP_PAGE (page), overdue_every_seventh, NULL, NULL);
  {
    gint64 t0 = g_get_monotonic_time ();

    ioc_map_page_rebuild_now (IOC_MAP_PAGE (page));
    g_print ("full re-cluster of %u complaints (filter or data change): %.1f ms\n",
             N_POINTS, (g_get_monotonic_time () - t0) / 1000.0);
  }
  after = mallinfo2 ();
  layer = ioc_map_page_get_complaint_layer (IOC_MAP_PAGE (page));
  index = ioc_complaint_layer_get_index (IOC_COMPLAINT_LAYER (layer));
  g_print ("layer memory: cluster index %.1f MB; heap growth for page + index + ids %.1f MB\n",
           ioc_cluster_index_get_memory_size (index) / 1e6,
           ((double) after.uordblks - before.uordblks) / 1e6);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  pump (500);

  ioc_map_page_zoom_to_province (IOC_MAP_PAGE (page), FALSE);
  pump (300);
  measure_frames (layer, "province zoom");
  ioc_map_page_go_to (IOC_MAP_PAGE (page), 10.375, 105.43, 13);
  pump (300);
  measure_frames (layer, "city zoom");

  /* A zoom step is a lookup of the precomputed level. */
  for (z = 0; z < IOC_CLUSTER_MAX_ZOOM; z++)
    {
      gint64 t0 = g_get_monotonic_time ();
      guint n;

      ioc_cluster_index_get_clusters (index, ioc_cluster_index_level_for_zoom (z + 1), &n);
      steps[z] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (steps, IOC_CLUSTER_MAX_ZOOM, sizeof (double), cmp_double);
  g_print ("re-clustering after a zoom step: max %.4f ms (lookup)\n", steps[IOC_CLUSTER_MAX_ZOOM - 1]);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
