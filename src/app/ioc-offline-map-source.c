/* ioc-offline-map-source.c — a base map drawn locally from the bundled
 * geography, for when tiles cannot be downloaded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ioc-mercator.h"
#include "ioc-offline-map-source.h"
#include "ioc-surface-paintable.h"

/* Each tile is drawn with cairo in a worker thread from immutable data (the
 * geography and the boundaries are never modified after loading, and the
 * task holds references), then handed to the tile on the main thread. */

struct _IocOfflineMapSource
{
  ShumateMapSource  parent_instance;
  IocBaseGeography *geography;
  IocGeoJson       *boundaries;   /* nullable */
  /* Boundaries projected to world units once, for every tile. */
  GArray           *boundary_xy;  /* double pairs, rings back to back */
  GArray           *boundary_rings; /* guint offset, guint n, pairs */
  gboolean          cairo_tiles;  /* ioc_offline_map_source_set_cairo_tiles */
};

G_DEFINE_FINAL_TYPE (IocOfflineMapSource, ioc_offline_map_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct {
  IocBaseGeography *geography;
  GArray           *boundary_xy;
  GArray           *boundary_rings;
  ShumateTile      *tile;
  guint             x, y, zoom, size;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->geography);
  g_clear_pointer (&job->boundary_xy, g_array_unref);
  g_clear_pointer (&job->boundary_rings, g_array_unref);
  g_clear_object (&job->tile);
  g_free (job);
}

/* Colours close to the OpenStreetMap standard layer, so switching between
 * the two does not look like a different map. */
#define SEA_RGB      0.667, 0.827, 0.875
#define LAND_RGB     0.949, 0.937, 0.914
#define UNKNOWN_RGB  0.898, 0.894, 0.882

static inline guint32
mix_rgb (guint32 a,
         guint32 b,
         double  t)
{
  guint32 out = 0xff000000;
  int shift;

  for (shift = 0; shift < 24; shift += 8)
    {
      double ca = (a >> shift) & 0xff, cb = (b >> shift) & 0xff;

      out |= (guint32) (ca + (cb - ca) * t + 0.5) << shift;
    }
  return out;
}

/* Land and sea from the finest land mask covering each pixel, interpolated
 * and sharpened to about one pixel so that coasts are smooth at any zoom
 * (a province cell is ~4 pixels at city zoom, a world cell ~1 pixel at
 * zoom 3). Latitude depends on the row only, longitude on the column. */
static void
fill_background (cairo_surface_t  *surface,
                 const RenderJob  *job)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double world = ioc_mercator_world_size (job->zoom);
  double deg_per_px = 360.0 / world;
  static const guint32 unknown = 0xffe5e4e1, sea = 0xffaad3df, land = 0xfff2efe9;
  guint px, py;

  cairo_surface_flush (surface);
  for (py = 0; py < job->size; py++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + py * stride);
      double wy = ((double) job->y * job->size + py + 0.5) / world;
      double lat, lon;

      ioc_mercator_unproject (0.5, wy, &lat, &lon);
      for (px = 0; px < job->size; px++)
        {
          double wx = ((double) job->x * job->size + px + 0.5) / world;
          double cell = 0, v, t;

          v = ioc_base_geography_land_fraction (job->geography, lat, wx * 360.0 - 180.0, &cell);
          if (v < 0)
            {
              row[px] = unknown;
              continue;
            }
          /* v changes by about 1 / (cell in pixels) per pixel across a
           * coast: scaling by the cell size makes the edge a pixel wide. */
          t = (v - 0.5) * MAX (cell / deg_per_px, 1.0) + 0.5;
          row[px] = t <= 0 ? sea : t >= 1 ? land : mix_rgb (sea, land, t);
        }
    }
  cairo_surface_mark_dirty (surface);
}

static void
stroke_polyline (cairo_t      *cr,
                 const double *xy,
                 guint         n,
                 double        ox,
                 double        oy,
                 double        world)
{
  guint i;

  cairo_move_to (cr, xy[0] * world - ox, xy[1] * world - oy);
  for (i = 1; i < n; i++)
    cairo_line_to (cr, xy[2 * i] * world - ox, xy[2 * i + 1] * world - oy);
}

/* An area's lines are worth drawing once its box spans a few tiles'
 * width; below that the coarser area around it draws the same coasts. */
static gboolean
area_drawn (IocBaseGeography *geography,
            guint             area,
            double            world)
{
  double x0, y0, x1, y1;

  if (area + 1 == ioc_base_geography_get_n_areas (geography))
    return TRUE;
  ioc_base_geography_get_area (geography, area, &x0, &y0, &x1, &y1);
  return (x1 - x0) * world >= 2 * IOC_MERCATOR_TILE_SIZE;
}

static void
draw_area_lines (cairo_t           *cr,
                 const RenderJob   *job,
                 const IocBaseLine *lines,
                 guint              n_lines,
                 const double      *coords,
                 guint              area,
                 double             world)
{
  double ox = (double) job->x * job->size, oy = (double) job->y * job->size;
  double tx0 = ox / world, ty0 = oy / world;
  double tx1 = (ox + job->size) / world, ty1 = (oy + job->size) / world;
  /* Keep a few pixels of margin so strokes crossing a tile edge join. */
  double margin = 4.0 / world;
  guint i, pass;

  /* Canals, then rivers, then shores on top. */
  for (pass = 0; pass < 3; pass++)
    {
      IocBaseLineKind kind = pass == 0 ? IOC_BASE_LINE_CANAL
                             : pass == 1 ? IOC_BASE_LINE_RIVER : IOC_BASE_LINE_SHORE;

      for (i = 0; i < n_lines; i++)
        {
          const IocBaseLine *l = &lines[i];

          if (l->kind != kind || l->area != area
              || l->x1 < tx0 - margin || l->x0 > tx1 + margin
              || l->y1 < ty0 - margin || l->y0 > ty1 + margin)
            continue;
          /* A line under a pixel long adds nothing but cost. */
          if ((l->x1 - l->x0) * world < 0.5 && (l->y1 - l->y0) * world < 0.5)
            continue;
          stroke_polyline (cr, coords + 2 * l->offset, l->n_points, ox, oy, world);
        }
      switch (kind)
        {
        case IOC_BASE_LINE_CANAL:
          cairo_set_source_rgb (cr, 0.55, 0.74, 0.85);
          cairo_set_line_width (cr, CLAMP ((int) job->zoom - 8, 1, 3) * 0.6);
          break;
        case IOC_BASE_LINE_RIVER:
          cairo_set_source_rgb (cr, 0.45, 0.66, 0.80);
          cairo_set_line_width (cr, CLAMP ((int) job->zoom - 7, 1, 4) * 0.7);
          break;
        case IOC_BASE_LINE_SHORE:
        default:
          cairo_set_source_rgb (cr, 0.45, 0.60, 0.70);
          cairo_set_line_width (cr, job->zoom <= 5 ? 0.6 : 1.0);
          break;
        }
      cairo_stroke (cr);
    }
}

static void
render_tile (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double world = ioc_mercator_world_size (job->zoom);
  double ox = (double) job->x * job->size, oy = (double) job->y * job->size;
  double tx0 = ox / world, ty0 = oy / world;
  double tx1 = (ox + job->size) / world, ty1 = (oy + job->size) / world;
  const IocBaseLine *lines;
  const double *coords;
  guint n_lines, n_areas, area, i;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->size, job->size);
  fill_background (surface, job);
  cr = cairo_create (surface);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  lines = ioc_base_geography_get_lines (job->geography, &n_lines);
  coords = ioc_base_geography_get_coords (job->geography);
  n_areas = ioc_base_geography_get_n_areas (job->geography);
  /* Each area's lines are drawn only outside the finer areas, where they
   * are the best there is; an area smaller than a few pixels at this zoom
   * is left to the coarser one around it. */
  for (area = 0; area < n_areas; area++)
    {
      double ax0, ay0, ax1, ay1;
      guint finer;

      ioc_base_geography_get_area (job->geography, area, &ax0, &ay0, &ax1, &ay1);
      if (!area_drawn (job->geography, area, world)
          || ax1 < tx0 || ax0 > tx1 || ay1 < ty0 || ay0 > ty1)
        continue;
      cairo_save (cr);
      for (finer = 0; finer < area; finer++)
        {
          double fx0, fy0, fx1, fy1;

          ioc_base_geography_get_area (job->geography, finer, &fx0, &fy0, &fx1, &fy1);
          if (!area_drawn (job->geography, finer, world)
              || fx1 < tx0 || fx0 > tx1 || fy1 < ty0 || fy0 > ty1)
            continue;
          /* Even-odd of the tile and the finer box: the tile minus it. */
          cairo_rectangle (cr, -1, -1, job->size + 2, job->size + 2);
          cairo_rectangle (cr, fx0 * world - ox, fy0 * world - oy,
                           (fx1 - fx0) * world, (fy1 - fy0) * world);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_clip (cr);
        }
      draw_area_lines (cr, job, lines, n_lines, coords, area, world);
      cairo_restore (cr);
    }

  /* Commune edges, faint: together they draw the province outline. */
  if (job->boundary_rings != NULL)
    {
      const double *bxy = (const double *) (gpointer) job->boundary_xy->data;

      for (i = 0; i < job->boundary_rings->len; i += 2)
        {
          guint off = g_array_index (job->boundary_rings, guint, i);
          guint n = g_array_index (job->boundary_rings, guint, i + 1);

          stroke_polyline (cr, bxy + 2 * off, n, ox, oy, world);
        }
      cairo_set_source_rgba (cr, 0.45, 0.40, 0.50, 0.55);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * job->size);
  cairo_surface_destroy (surface);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
on_rendered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (bytes == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (IOC_OFFLINE_MAP_SOURCE (object)->cairo_tiles)
    {
      g_autoptr(IocSurfacePaintable) paintable = ioc_surface_paintable_new (bytes, job->size);

      shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (paintable));
    }
  else
    {
      /* cairo's ARGB32 is premultiplied native-endian: GDK_MEMORY_DEFAULT. */
      texture = gdk_memory_texture_new (job->size, job->size, GDK_MEMORY_DEFAULT,
                                        bytes, job->size * 4);
      shumate_tile_set_paintable (job->tile, GDK_PAINTABLE (texture));
    }
  shumate_tile_set_fade_in (job->tile, FALSE);
  shumate_tile_set_state (job->tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (outer, TRUE);
}

static void
ioc_offline_map_source_fill_tile_async (ShumateMapSource    *source,
                                        ShumateTile         *tile,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  IocOfflineMapSource *self = IOC_OFFLINE_MAP_SOURCE (source);
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  RenderJob *job = g_new0 (RenderJob, 1);

  g_task_set_source_tag (outer, ioc_offline_map_source_fill_tile_async);
  job->geography = g_object_ref (self->geography);
  if (self->boundary_rings != NULL)
    {
      job->boundary_xy = g_array_ref (self->boundary_xy);
      job->boundary_rings = g_array_ref (self->boundary_rings);
    }
  job->tile = g_object_ref (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->size = shumate_tile_get_size (tile);
  if (job->size == 0 || job->size > 1024)
    job->size = IOC_MERCATOR_TILE_SIZE;
  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  inner = g_task_new (self, cancellable, on_rendered, g_steal_pointer (&outer));
  g_task_set_task_data (inner, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (inner, render_tile);
}

static gboolean
ioc_offline_map_source_fill_tile_finish (ShumateMapSource  *source,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ioc_offline_map_source_finalize (GObject *object)
{
  IocOfflineMapSource *self = IOC_OFFLINE_MAP_SOURCE (object);

  g_clear_object (&self->geography);
  g_clear_object (&self->boundaries);
  g_clear_pointer (&self->boundary_xy, g_array_unref);
  g_clear_pointer (&self->boundary_rings, g_array_unref);
  G_OBJECT_CLASS (ioc_offline_map_source_parent_class)->finalize (object);
}

static void
ioc_offline_map_source_class_init (IocOfflineMapSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ioc_offline_map_source_finalize;
  source_class->fill_tile_async = ioc_offline_map_source_fill_tile_async;
  source_class->fill_tile_finish = ioc_offline_map_source_fill_tile_finish;
}

static void
ioc_offline_map_source_init (IocOfflineMapSource *self)
{
}

/**
 * ioc_offline_map_source_new:
 *
 * The offline base map of issue "The map": shores, rivers and canals from the
 * bundled GSHHG extract, land and sea from its land mask, drawn locally.
 *
 * Returns: (transfer full): the map source
 */
IocOfflineMapSource *
ioc_offline_map_source_new (IocBaseGeography *geography)
{
  IocOfflineMapSource *self;

  g_return_val_if_fail (IOC_IS_BASE_GEOGRAPHY (geography), NULL);

  self = g_object_new (IOC_TYPE_OFFLINE_MAP_SOURCE,
                       "id", "ioc-offline",
                       "name", _("Offline base map"),
                       "license", _("Shorelines and rivers: GSHHG (LGPL)"),
                       "license-uri", "https://www.soest.hawaii.edu/pwessel/gshhg/",
                       "min-zoom-level", 0,
                       "max-zoom-level", 18,
                       "tile-size", IOC_MERCATOR_TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->geography = g_object_ref (geography);
  return self;
}

/**
 * ioc_offline_map_source_set_boundaries:
 *
 * Draws the edges of @boundaries (the `boundary-file` setting) into the tiles:
 * the outer edges of the communes are the province outline. Affects tiles
 * rendered afterwards.
 */
void
ioc_offline_map_source_set_boundaries (IocOfflineMapSource *self,
                                       IocGeoJson          *boundaries)
{
  guint f, r, k;

  g_return_if_fail (IOC_IS_OFFLINE_MAP_SOURCE (self));

  g_set_object (&self->boundaries, boundaries);
  g_clear_pointer (&self->boundary_xy, g_array_unref);
  g_clear_pointer (&self->boundary_rings, g_array_unref);
  if (boundaries == NULL)
    return;

  self->boundary_xy = g_array_new (FALSE, FALSE, sizeof (double));
  self->boundary_rings = g_array_new (FALSE, FALSE, sizeof (guint));
  for (f = 0; f < ioc_geo_json_get_n_features (boundaries); f++)
    {
      const IocGeoFeature *feature = ioc_geo_json_get_feature (boundaries, f);

      for (r = 0; r < feature->n_rings; r++)
        {
          guint off = self->boundary_xy->len / 2;
          guint n = feature->rings[r].n_points;

          for (k = 0; k < n; k++)
            {
              const double *c = feature->coords + 2 * (feature->rings[r].offset + k);
              double xy[2];

              ioc_mercator_project (c[1], c[0], &xy[0], &xy[1]);
              g_array_append_vals (self->boundary_xy, xy, 2);
            }
          g_array_append_val (self->boundary_rings, off);
          g_array_append_val (self->boundary_rings, n);
        }
    }
}

/**
 * ioc_offline_map_source_set_cairo_tiles:
 *
 * Tiles drawn from now on are cairo nodes instead of textures: for a small
 * map that stays on screen beside a list that scrolls (the complaint
 * detail's), where GTK 4.8's CPU renderer would otherwise convert every tile
 * texture on every frame (see ioc-surface-paintable.c).
 */
void
ioc_offline_map_source_set_cairo_tiles (IocOfflineMapSource *self,
                                        gboolean             cairo_tiles)
{
  g_return_if_fail (IOC_IS_OFFLINE_MAP_SOURCE (self));
  self->cairo_tiles = cairo_tiles;
}
