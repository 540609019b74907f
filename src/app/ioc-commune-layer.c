/* ioc-commune-layer.c — commune boundaries, names and choropleths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ioc-commune-layer.h"
#include "ioc-commune.h"
#include "ioc-mercator.h"

/* The boundaries are projected once to world units; a frame scales and
 * offsets them. Labels appear from zoom 10, and only where the commune is
 * wide enough on screen to hold its name, so names never pile up. */

#define LABEL_MIN_ZOOM 10.0

struct _IocCommuneLayer
{
  ShumateLayer  parent_instance;
  IocGeoJson   *boundaries;
  GArray       *xy;        /* double pairs: all rings of all features */
  GArray       *first;     /* guint per feature: its first pair in xy */
  GArray       *bounds;    /* 4 doubles per feature: world x0 y0 x1 y1 */
  GArray       *label_xy;  /* 2 doubles per feature */
  guint        *values;    /* nullable: the choropleth, per feature */
  guint         max_value;
  IocCommuneLayerParts parts;
  IocStationKeepClearFunc keep_clear;
  gpointer      keep_clear_data;
};

G_DEFINE_FINAL_TYPE (IocCommuneLayer, ioc_commune_layer, SHUMATE_TYPE_LAYER)

/**
 * ioc_commune_layer_choropleth_rgba:
 * @fraction: 0 (none) to 1 (the most)
 *
 * A sequential single-hue ramp (light yellow to dark red), readable for
 * colour-blind viewers; the legend uses it too.
 */
void
ioc_commune_layer_choropleth_rgba (double   fraction,
                                   GdkRGBA *rgba)
{
  static const double stops[5][3] = {
    { 1.00, 0.96, 0.80 }, { 0.99, 0.80, 0.47 }, { 0.99, 0.55, 0.24 },
    { 0.89, 0.26, 0.16 }, { 0.60, 0.05, 0.10 },
  };
  double t = CLAMP (fraction, 0, 1) * 4;
  int i = MIN ((int) t, 3);
  double f = t - i;

  rgba->red = stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f;
  rgba->green = stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f;
  rgba->blue = stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f;
  rgba->alpha = 0.6;
}

static void
trace_feature (IocCommuneLayer *self,
               cairo_t         *cr,
               guint            f,
               double           world,
               double           vx0,
               double           vy0)
{
  const IocGeoFeature *feature = ioc_geo_json_get_feature (self->boundaries, f);
  const double *xy = (const double *) (gpointer) self->xy->data;
  guint base = g_array_index (self->first, guint, f), r, k;

  for (r = 0; r < feature->n_rings; r++)
    {
      const double *c = xy + 2 * (base + feature->rings[r].offset);

      cairo_move_to (cr, c[0] * world - vx0, c[1] * world - vy0);
      for (k = 1; k < feature->rings[r].n_points; k++)
        cairo_line_to (cr, c[2 * k] * world - vx0, c[2 * k + 1] * world - vy0);
      cairo_close_path (cr);
    }
}

static void
ioc_commune_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  IocCommuneLayer *self = IOC_COMMUNE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double zoom, world, cx, cy, vx0, vy0;
  guint n, f;
  cairo_t *cr;

  if (self->boundaries == NULL || w <= 0 || h <= 0)
    return;
  zoom = shumate_viewport_get_zoom_level (viewport);
  world = ioc_mercator_world_size (zoom);
  ioc_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  vx0 = cx * world - w / 2.0;
  vy0 = cy * world - h / 2.0;
  n = ioc_geo_json_get_n_features (self->boundaries);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (f = 0; f < n && (self->parts & IOC_COMMUNE_LAYER_SHAPES); f++)
    {
      const double *b = &g_array_index (self->bounds, double, 4 * f);

      if (b[2] * world - vx0 < 0 || b[0] * world - vx0 > w
          || b[3] * world - vy0 < 0 || b[1] * world - vy0 > h)
        continue;
      cairo_new_path (cr);
      trace_feature (self, cr, f, world, vx0, vy0);
      if (self->values != NULL)
        {
          GdkRGBA c;

          ioc_commune_layer_choropleth_rgba (self->max_value > 0
                                             ? (double) self->values[f] / self->max_value : 0, &c);
          gdk_cairo_set_source_rgba (cr, &c);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgba (cr, 0.35, 0.25, 0.45, 0.8);
      cairo_set_line_width (cr, zoom >= 11 ? 1.5 : 1.0);
      cairo_stroke (cr);
    }

  if (zoom >= LABEL_MIN_ZOOM && (self->parts & IOC_COMMUNE_LAYER_NAMES))
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 9");

      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);

      for (f = 0; f < n; f++)
        {
          const double *b = &g_array_index (self->bounds, double, 4 * f);
          const double *l = &g_array_index (self->label_xy, double, 2 * f);
          double lx = l[0] * world - vx0, ly = l[1] * world - vy0;
          int tw, th;

          if (lx < -100 || ly < -20 || lx > w + 100 || ly > h + 20)
            continue;
          pango_layout_set_text (layout, ioc_geo_json_get_feature (self->boundaries, f)->name, -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          if (tw > (b[2] - b[0]) * world * 0.9)
            continue;   /* would spill over the neighbours */
          if (self->keep_clear != NULL)
            {
              double dx, dy, dr;
              int tries;

              /* A name on a cluster's count steps below the disc, or
               * above it when another is there: both stay readable. */
              for (tries = 0; tries < 2; tries++)
                {
                  if (!self->keep_clear (lx - tw / 2.0 + th / 2.0, ly, th / 2.0, &dx, &dy, &dr, self->keep_clear_data)
                      && !self->keep_clear (lx, ly, th / 2.0, &dx, &dy, &dr, self->keep_clear_data)
                      && !self->keep_clear (lx + tw / 2.0 - th / 2.0, ly, th / 2.0, &dx, &dy, &dr, self->keep_clear_data))
                    break;
                  ly = tries == 0 ? dy + dr + th / 2.0 + 2 : dy - dr - th / 2.0 - 2;
                }
            }
          /* A name cut by the edge of the map reads as a glitch ("iang"
           * for "Bình Giang"): only whole names. */
          if (lx - tw / 2.0 < 0 || lx + tw / 2.0 > w || ly - th / 2.0 < 0 || ly + th / 2.0 > h)
            continue;
          cairo_move_to (cr, lx - tw / 2.0, ly - th / 2.0);
          /* A wide white halo: names stay readable over cluster rings
           * and station symbols when drawn above them. */
          pango_cairo_layout_path (cr, layout);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
          cairo_set_line_width (cr, 4);
          cairo_stroke (cr);
          cairo_move_to (cr, lx - tw / 2.0, ly - th / 2.0);
          cairo_set_source_rgb (cr, 0.25, 0.18, 0.33);
          pango_cairo_show_layout (cr, layout);
        }
      g_object_unref (layout);
    }
  cairo_destroy (cr);
}

static void
ioc_commune_layer_constructed (GObject *object)
{
  IocCommuneLayer *self = IOC_COMMUNE_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (ioc_commune_layer_parent_class)->constructed (object);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
ioc_commune_layer_finalize (GObject *object)
{
  IocCommuneLayer *self = IOC_COMMUNE_LAYER (object);

  g_clear_object (&self->boundaries);
  g_array_unref (self->xy);
  g_array_unref (self->first);
  g_array_unref (self->bounds);
  g_array_unref (self->label_xy);
  g_free (self->values);
  G_OBJECT_CLASS (ioc_commune_layer_parent_class)->finalize (object);
}

static void
ioc_commune_layer_class_init (IocCommuneLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = ioc_commune_layer_constructed;
  G_OBJECT_CLASS (klass)->finalize = ioc_commune_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = ioc_commune_layer_snapshot;
}

static void
ioc_commune_layer_init (IocCommuneLayer *self)
{
  self->xy = g_array_new (FALSE, FALSE, sizeof (double));
  self->first = g_array_new (FALSE, FALSE, sizeof (guint));
  self->bounds = g_array_new (FALSE, FALSE, sizeof (double));
  self->label_xy = g_array_new (FALSE, FALSE, sizeof (double));
  self->parts = IOC_COMMUNE_LAYER_SHAPES | IOC_COMMUNE_LAYER_NAMES;
  /* Decoration only: clicks go to the layers below and the map. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

IocCommuneLayer *
ioc_commune_layer_new (ShumateViewport *viewport)
{
  return g_object_new (IOC_TYPE_COMMUNE_LAYER, "viewport", viewport, NULL);
}

/**
 * ioc_commune_layer_set_boundaries:
 *
 * The communes from the `boundary-file` setting (domain.md §2). Labels sit at
 * the official centroid (ioc_commune_lookup()) when the code is known, else
 * at the centre of the bounding box.
 */
void
ioc_commune_layer_set_boundaries (IocCommuneLayer *self,
                                  IocGeoJson      *boundaries)
{
  guint f, k;

  g_return_if_fail (IOC_IS_COMMUNE_LAYER (self));
  g_set_object (&self->boundaries, boundaries);
  g_array_set_size (self->xy, 0);
  g_array_set_size (self->first, 0);
  g_array_set_size (self->bounds, 0);
  g_array_set_size (self->label_xy, 0);
  g_clear_pointer (&self->values, g_free);
  if (boundaries != NULL)
    for (f = 0; f < ioc_geo_json_get_n_features (boundaries); f++)
      {
        const IocGeoFeature *feature = ioc_geo_json_get_feature (boundaries, f);
        const IocCommune *commune = ioc_commune_lookup (feature->code);
        double b[4], l[2];
        /* Features are stored back to back: where this one starts, found
         * here once rather than summed again for every feature of a frame. */
        guint first = self->xy->len / 2;

        g_array_append_val (self->first, first);
        for (k = 0; k < feature->n_coords; k++)
          {
            double xy[2];

            ioc_mercator_project (feature->coords[2 * k + 1], feature->coords[2 * k], &xy[0], &xy[1]);
            g_array_append_vals (self->xy, xy, 2);
          }
        ioc_mercator_project (feature->max_lat, feature->min_lon, &b[0], &b[1]);
        ioc_mercator_project (feature->min_lat, feature->max_lon, &b[2], &b[3]);
        g_array_append_vals (self->bounds, b, 4);
        if (commune != NULL)
          ioc_mercator_project (commune->lat, commune->lon, &l[0], &l[1]);
        else
          {
            l[0] = (b[0] + b[2]) / 2;
            l[1] = (b[1] + b[3]) / 2;
          }
        g_array_append_vals (self->label_xy, l, 2);
      }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ioc_commune_layer_set_values:
 * @values: (array length=n_values) (nullable): one count per feature, or
 *   %NULL to show boundaries only
 *
 * The choropleth (issue "The map": complaints or overdue per commune).
 */
void
ioc_commune_layer_set_values (IocCommuneLayer *self,
                              const guint     *values,
                              guint            n_values)
{
  guint i;

  g_return_if_fail (IOC_IS_COMMUNE_LAYER (self));
  g_clear_pointer (&self->values, g_free);
  self->max_value = 0;
  if (values != NULL && self->boundaries != NULL
      && n_values == ioc_geo_json_get_n_features (self->boundaries))
    {
      self->values = g_memdup2 (values, n_values * sizeof (guint));
      for (i = 0; i < n_values; i++)
        self->max_value = MAX (self->max_value, values[i]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ioc_commune_layer_set_parts:
 *
 * What this layer draws (both by default): the map page draws the shapes
 * below the complaints and the names in a second layer above everything,
 * so that cluster rings never hide them (issue "The map": labels at
 * suitable zooms, readable).
 */
void
ioc_commune_layer_set_parts (IocCommuneLayer      *self,
                             IocCommuneLayerParts  parts)
{
  g_return_if_fail (IOC_IS_COMMUNE_LAYER (self));
  self->parts = parts;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ioc_commune_layer_set_keep_clear:
 * @func: (nullable): the discs (complaint clusters) names must not cover
 *
 * @user_data must outlive the layer.
 */
void
ioc_commune_layer_set_keep_clear (IocCommuneLayer         *self,
                                  IocStationKeepClearFunc  func,
                                  gpointer                 user_data)
{
  g_return_if_fail (IOC_IS_COMMUNE_LAYER (self));
  self->keep_clear = func;
  self->keep_clear_data = user_data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
ioc_commune_layer_get_max_value (IocCommuneLayer *self)
{
  return self->max_value;
}
