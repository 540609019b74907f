/* ioc-station-layer.c — every monitoring station on the map in one layer,
 * coloured by its current band, with a popover of its latest readings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ioc-aqi.h"
#include "ioc-feed-fetcher.h"
#include "ioc-format.h"
#include "ioc-mercator.h"
#include "ioc-sta-parser.h"
#include "ioc-station-layer.h"
#include "ioc-threshold.h"
#include "ioc-unit.h"
#include "ioc-wqi.h"

/* A province has tens of stations, not thousands: one cairo node per frame
 * with every symbol, recomputing the bands as it goes, so a new reading is
 * on the map at the next redraw. The shape says the kind (air circle, water
 * square, hydro triangle, salinity diamond) so the colour scales of the
 * different indices are never confused. Like the complaint layer, the widget
 * only "contains" its symbols, so other clicks reach the map. */

#define SYMBOL_RADIUS 9.0
#define SPARK_WIDTH 260
#define SPARK_HEIGHT 64
#define HISTORY_HOURS 24

typedef struct {
  float x, y, r;
  guint position;
} Hit;

struct _IocStationLayer
{
  ShumateLayer           parent_instance;
  GListModel            *stations;      /* nullable */
  GPtrArray             *watched;       /* stations, their datastream lists, datastreams */
  GArray                *hits;          /* Hit, what the last frame drew */
  GtkPopover            *popover;
  GCancellable          *history_cancel;
  IocStationHistoryFunc  history_func;
  gpointer               history_data;
  GDestroyNotify         history_destroy;
  double                 popover_lat, popover_lon;
  /* The built-in history source (ioc_station_layer_set_sta_history). */
  IocFeedFetcher        *fetcher;
  char                  *sta_base;
  IocStationKeepClearFunc keep_clear;
  gpointer               keep_clear_data;
};

G_DEFINE_FINAL_TYPE (IocStationLayer, ioc_station_layer, SHUMATE_TYPE_LAYER)

/* --- bands ---------------------------------------------------------------- */

/* The four-step scale shared by alarm levels and salinity lines, in the
 * colours of the AQI bands so that "yellow" means the same everywhere. */
static const char *level_colours[] = { "#00e400", "#ffff00", "#ff7e00", "#ff0000" };

/**
 * ioc_station_band_legend_rgba:
 *
 * The colour of step @level (0 below BĐ1 / < 1 ‰ … 3 BĐ3 / ≥ 4 ‰) of the
 * alarm and salinity scale of domain.md §7; the legend uses the same.
 */
void
ioc_station_band_legend_rgba (guint    level,
                              GdkRGBA *rgba)
{
  gdk_rgba_parse (rgba, level_colours[MIN (level, G_N_ELEMENTS (level_colours) - 1)]);
}

static void
rgb_to_rgba (guint32  rgb,
             GdkRGBA *rgba)
{
  rgba->red = ((rgb >> 16) & 0xff) / 255.0;
  rgba->green = ((rgb >> 8) & 0xff) / 255.0;
  rgba->blue = (rgb & 0xff) / 255.0;
  rgba->alpha = 1;
}

/* The latest value of @ds in the canonical unit of its parameter (ioc-unit:
 * indices are only ever computed on canonical values). */
static gboolean
canonical_latest (IocDatastream *ds,
                  double        *value)
{
  const IocObservation *obs = ioc_datastream_get_latest (ds);

  if (obs == NULL || !obs->has_result)
    return FALSE;
  return ioc_unit_to_canonical (ioc_datastream_get_parameter (ds), obs->result,
                                ioc_datastream_get_unit_symbol (ds), value, NULL);
}

static IocDatastream *
find_with_reading (IocStation   *station,
                   IocParameter  parameter)
{
  GListModel *streams = ioc_station_get_datastreams (station);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (streams, i);
      const IocObservation *obs = ioc_datastream_get_latest (ds);

      if (ioc_datastream_get_parameter (ds) == parameter && obs != NULL && obs->has_result)
        return ds;
    }
  return NULL;
}

static void
band_air (IocStation     *station,
          IocStationBand *band)
{
  /* QĐ 1459/QĐ-TCMT: the official hourly AQI needs 12 hours of PM
   * (NowCast); the map only has the latest readings, so it shows the
   * largest sub-index of those and says it is instantaneous. */
  static const struct { IocParameter p; IocAqiColumn c; } columns[] = {
    { IOC_PARAMETER_PM25, IOC_AQI_COLUMN_PM25 },
    { IOC_PARAMETER_PM10, IOC_AQI_COLUMN_PM10 },
    { IOC_PARAMETER_O3, IOC_AQI_COLUMN_O3_1H },
    { IOC_PARAMETER_CO, IOC_AQI_COLUMN_CO },
    { IOC_PARAMETER_NO2, IOC_AQI_COLUMN_NO2 },
    { IOC_PARAMETER_SO2, IOC_AQI_COLUMN_SO2 },
  };
  double best = -1;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      IocDatastream *ds = find_with_reading (station, columns[i].p);
      double value, sub;

      if (ds == NULL || !canonical_latest (ds, &value))
        continue;
      if (band->main == NULL)
        band->main = ds;
      if (ioc_aqi_sub_index (columns[i].c, value, &sub) && sub > best)
        best = sub;
    }
  if (best >= 0)
    {
      int aqi = ioc_aqi_round (best);
      IocAqiBand b = ioc_aqi_band_for_value (aqi);

      band->has_data = TRUE;
      band->level = b;
      rgb_to_rgba (ioc_aqi_band_rgb (b), &band->colour);
      /* TRANSLATORS: %d is an AQI sub-index, %s its band (Good, Moderate…) */
      band->label = g_strdup_printf (_("Instantaneous sub-index %d: %s"), aqi, ioc_aqi_band_label (b));
    }
}

static void
band_water (IocStation     *station,
            IocStationBand *band)
{
  GListModel *streams = ioc_station_get_datastreams (station);
  IocWqiInput input;
  g_autoptr(IocWqiResult) result = NULL;
  gboolean any = FALSE;
  guint i;

  /* QĐ 1460/QĐ-TCMT: the WQI of the latest sample, canonical units. */
  ioc_wqi_input_init (&input);
  for (i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (streams, i);
      IocParameter p = ioc_datastream_get_parameter (ds);
      double value;

      if (p == IOC_PARAMETER_UNKNOWN || p >= IOC_N_PARAMETERS || !canonical_latest (ds, &value))
        continue;
      input.values[p] = value;
      any = TRUE;
      if (band->main == NULL || p == IOC_PARAMETER_DO)
        band->main = ds;
    }
  if (!any)
    return;
  band->has_data = TRUE;
  result = ioc_wqi_compute (&input);
  if (result->wqi == IOC_WQI_NONE)
    {
      /* Readings, but not enough for a WQI: grey without the "no data" mark. */
      band->level = -1;
      gdk_rgba_parse (&band->colour, "#9a9996");
      band->label = g_strdup (_("WQI not computable from the latest readings"));
      return;
    }
  band->level = result->band;
  rgb_to_rgba (ioc_wqi_band_rgb (result->band), &band->colour);
  /* TRANSLATORS: %d is the water quality index, %s its band */
  band->label = g_strdup_printf (_("WQI %d: %s"), result->wqi, ioc_wqi_band_label (result->band));
}

static void
band_hydro (IocStation     *station,
            IocStationBand *band)
{
  IocDatastream *ds = find_with_reading (station, IOC_PARAMETER_WATER_LEVEL);
  double levels[3], value;
  IocAlarmLevel level;

  if (ds == NULL)
    return;
  band->main = ds;
  if (!canonical_latest (ds, &value))
    return;
  band->has_data = TRUE;
  if (ioc_station_get_alarm_levels (station, levels))
    {
      IocAlarmLevels l = { levels[0], levels[1], levels[2] };

      level = ioc_threshold_alarm_level (&l, value, NULL);
    }
  else
    {
      /* domain.md §7: Tân Châu and Châu Đốc have official levels. */
      const IocAlarmLevels *l = ioc_alarm_levels_for_station (ioc_station_get_name (station));

      if (l == NULL)
        {
          band->level = -1;
          gdk_rgba_parse (&band->colour, "#9a9996");
          band->label = g_strdup (_("No alarm levels for this station"));
          return;
        }
      level = ioc_threshold_alarm_level (l, value, NULL);
    }
  band->level = level;
  ioc_station_band_legend_rgba (level, &band->colour);
  band->label = g_strdup (ioc_alarm_level_label (level));
}

static void
band_salinity (IocStation     *station,
               IocStationBand *band)
{
  IocDatastream *ds = find_with_reading (station, IOC_PARAMETER_SALINITY);
  double value;

  if (ds == NULL)
    return;
  band->main = ds;
  if (!canonical_latest (ds, &value))
    return;
  band->has_data = TRUE;
  /* domain.md §7: the 1 ‰ and 4 ‰ lines. */
  switch (ioc_threshold_salinity_level (value))
    {
    case IOC_SALINITY_BELOW_1:
      band->level = 0;
      band->label = g_strdup (_("Below 1 ‰"));
      break;
    case IOC_SALINITY_FROM_1:
      band->level = 2;
      band->label = g_strdup (_("1–4 ‰: harms sensitive rice"));
      break;
    case IOC_SALINITY_FROM_4:
    default:
      band->level = 3;
      band->label = g_strdup (_("4 ‰ or more: intrusion line"));
      break;
    }
  ioc_station_band_legend_rgba (band->level, &band->colour);
}

/**
 * ioc_station_band_compute:
 *
 * The band a station's symbol shows (issue "The map", domain.md §5–§7):
 * air, the largest instantaneous AQI sub-index (QĐ 1459) of the latest
 * readings; water, the WQI (QĐ 1460) of the latest readings; hydro, the
 * alarm level reached; salinity, the 1 ‰ / 4 ‰ lines. Without a reading,
 * has_data is FALSE and the colour grey. Free with ioc_station_band_clear().
 */
void
ioc_station_band_compute (IocStation     *station,
                          IocStationBand *band)
{
  memset (band, 0, sizeof *band);
  band->level = -1;
  switch (ioc_station_get_kind (station))
    {
    case IOC_STATION_KIND_AIR: band_air (station, band); break;
    case IOC_STATION_KIND_WATER: band_water (station, band); break;
    case IOC_STATION_KIND_HYDRO: band_hydro (station, band); break;
    case IOC_STATION_KIND_SALINITY: band_salinity (station, band); break;
    case IOC_STATION_KIND_UNKNOWN:
    case IOC_N_STATION_KINDS:
    default:
      break;
    }
  if (band->main == NULL)
    {
      GListModel *streams = ioc_station_get_datastreams (station);

      if (g_list_model_get_n_items (streams) > 0)
        {
          g_autoptr(IocDatastream) ds = g_list_model_get_item (streams, 0);

          band->main = ds;   /* the station keeps it alive */
        }
    }
  if (!band->has_data)
    {
      gdk_rgba_parse (&band->colour, "#9a9996");
      band->label = g_strdup (_("No data"));
    }
}

void
ioc_station_band_clear (IocStationBand *band)
{
  g_clear_pointer (&band->label, g_free);
  band->main = NULL;
}

/* --- drawing -------------------------------------------------------------- */

static void
symbol_path (cairo_t        *cr,
             IocStationKind  kind,
             double          x,
             double          y,
             double          r)
{
  cairo_new_path (cr);
  switch (kind)
    {
    case IOC_STATION_KIND_WATER:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case IOC_STATION_KIND_HYDRO:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r * 1.05, y + r * 0.75);
      cairo_line_to (cr, x - r * 1.05, y + r * 0.75);
      cairo_close_path (cr);
      break;
    case IOC_STATION_KIND_SALINITY:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.15, y);
      cairo_line_to (cr, x, y + r * 1.15);
      cairo_line_to (cr, x - r * 1.15, y);
      cairo_close_path (cr);
      break;
    case IOC_STATION_KIND_AIR:
    case IOC_STATION_KIND_UNKNOWN:
    case IOC_N_STATION_KINDS:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

static void
draw_symbol (cairo_t              *cr,
             IocStationKind        kind,
             const IocStationBand *band,
             double                x,
             double                y)
{
  /* A white halo first: the symbol stands out on clusters and boundaries. */
  symbol_path (cr, kind, x, y, SYMBOL_RADIUS);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 4.5);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &band->colour);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  if (!band->has_data)
    {
      /* The "no data" mark: a white slash, readable on the grey. */
      cairo_move_to (cr, x - 4, y + 4);
      cairo_line_to (cr, x + 4, y - 4);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

static void
to_screen (IocStationLayer *self,
           double           lat,
           double           lon,
           double          *sx,
           double          *sy)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double world = ioc_mercator_world_size (shumate_viewport_get_zoom_level (viewport));
  double cx, cy, px, py;

  ioc_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  ioc_mercator_project (lat, lon, &px, &py);
  *sx = (px - cx) * world + gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  *sy = (py - cy) * world + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

/* Where each located station is drawn before complaint clusters are kept
 * clear: its own point, or — when its symbol would cover another station's
 * — a place on a small ring around the group's centre, in model order from
 * the top, clockwise, tied to its point by a leader. Stations a few hundred
 * metres apart (a water and an air station at the same commune office)
 * were drawn one over the other, and one could not be seen or clicked. A
 * group larger than MAX_RING (the whole province at a small zoom) stays as
 * it is: a ring that wide would stand for no place at all. */
#define MAX_RING 8

typedef struct {
  double x, y;      /* where it is drawn */
  double px, py;    /* its point */
  guint  position;
  guint  group;
} Placed;

static guint
group_root (GArray *placed,
            guint   i)
{
  while (g_array_index (placed, Placed, i).group != i)
    i = g_array_index (placed, Placed, i).group;
  return i;
}

static void
spread_overlapping (GArray *placed)
{
  guint n = placed->len;
  g_autofree guint *sizes = g_new0 (guint, n);
  g_autofree guint *seen = g_new0 (guint, n);
  g_autofree double *sum = g_new0 (double, 2 * n);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        Placed *a = &g_array_index (placed, Placed, i), *b = &g_array_index (placed, Placed, j);

        if (hypot (a->px - b->px, a->py - b->py) < 2 * SYMBOL_RADIUS + 2)
          {
            guint ra = group_root (placed, i), rb = group_root (placed, j);

            if (ra != rb)
              g_array_index (placed, Placed, MAX (ra, rb)).group = MIN (ra, rb);
          }
      }
  for (guint i = 0; i < n; i++)
    {
      guint r = group_root (placed, i);

      sizes[r]++;
      sum[2 * r] += g_array_index (placed, Placed, i).px;
      sum[2 * r + 1] += g_array_index (placed, Placed, i).py;
    }
  for (guint i = 0; i < n; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);
      guint r = group_root (placed, i), k = sizes[r];
      double radius, angle;

      if (k < 2 || k > MAX_RING)
        continue;
      /* Neighbours on the ring a symbol and a gap apart. */
      radius = MAX (SYMBOL_RADIUS + 2, (SYMBOL_RADIUS + 1.5) / sin (G_PI / k));
      angle = -G_PI / 2 + 2 * G_PI * seen[r]++ / k;
      p->x = sum[2 * r] / k + radius * cos (angle);
      p->y = sum[2 * r + 1] / k + radius * sin (angle);
    }
}

static void
draw_leader (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1)
{
  cairo_new_path (cr);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  cairo_set_line_width (cr, 1.25);
  cairo_stroke (cr);
}

static void
ioc_station_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  IocStationLayer *self = IOC_STATION_LAYER (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  g_autoptr(GArray) placed = NULL;
  cairo_t *cr;
  guint i, n;

  g_array_set_size (self->hits, 0);
  if (self->stations == NULL || w <= 0 || h <= 0)
    return;
  n = g_list_model_get_n_items (self->stations);
  if (n == 0)
    return;
  placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), n);
  for (i = 0; i < n; i++)
    {
      g_autoptr(IocStation) station = g_list_model_get_item (self->stations, i);
      Placed p = { 0, 0, 0, 0, i, placed->len };

      if (!ioc_station_get_has_location (station))
        continue;
      to_screen (self, ioc_station_get_lat (station), ioc_station_get_long (station), &p.px, &p.py);
      p.x = p.px;
      p.y = p.py;
      g_array_append_val (placed, p);
    }
  spread_overlapping (placed);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  /* Leaders first, under every symbol. */
  for (i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);

      if (p->x != p->px || p->y != p->py)
        draw_leader (cr, p->px, p->py, p->x, p->y);
    }
  for (i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      g_autoptr(IocStation) station = g_list_model_get_item (self->stations, p->position);
      IocStationBand band;
      double x = p->x, y = p->y;
      Hit hit;

      if (self->keep_clear != NULL)
        {
          double cx, cy, r;

          /* On a complaint cluster: moved just outside its disc, on the
           * side where the station is, tied to the ring by a short leader,
           * so that the cluster's count stays readable. */
          if (self->keep_clear (x, y, SYMBOL_RADIUS, &cx, &cy, &r, self->keep_clear_data))
            {
              double dx = x - cx, dy = y - cy, d = hypot (dx, dy);

              if (d < 1)
                dx = M_SQRT1_2, dy = -M_SQRT1_2, d = 1;
              x = cx + dx / d * (r + SYMBOL_RADIUS + 4);
              y = cy + dy / d * (r + SYMBOL_RADIUS + 4);
              draw_leader (cr, cx + dx / d * r, cy + dy / d * r, x, y);
            }
        }
      if (x < -SYMBOL_RADIUS * 2 || y < -SYMBOL_RADIUS * 2
          || x > w + SYMBOL_RADIUS * 2 || y > h + SYMBOL_RADIUS * 2)
        continue;
      ioc_station_band_compute (station, &band);
      draw_symbol (cr, ioc_station_get_kind (station), &band, x, y);
      ioc_station_band_clear (&band);
      hit = (Hit) { x, y, SYMBOL_RADIUS + 3, p->position };
      g_array_append_val (self->hits, hit);
    }
  cairo_destroy (cr);
}

static int
hit_test (IocStationLayer *self,
          double           x,
          double           y)
{
  int i;

  for (i = (int) self->hits->len - 1; i >= 0; i--)
    {
      const Hit *h = &g_array_index (self->hits, Hit, i);

      if ((x - h->x) * (x - h->x) + (y - h->y) * (y - h->y) <= h->r * h->r)
        return i;
    }
  return -1;
}

static gboolean
ioc_station_layer_contains (GtkWidget *widget,
                            double     x,
                            double     y)
{
  return hit_test (IOC_STATION_LAYER (widget), x, y) >= 0;
}

/* --- sparkline ------------------------------------------------------------ */

typedef enum {
  SPARK_NO_SOURCE,
  SPARK_LOADING,
  SPARK_READY,
  SPARK_FAILED,
} SparkState;

typedef struct {
  SparkState  state;
  GArray     *times;    /* double, µs */
  GArray     *values;   /* double, in the datastream's unit */
} Spark;

static void
spark_free (gpointer data)
{
  Spark *spark = data;

  g_array_unref (spark->times);
  g_array_unref (spark->values);
  g_free (spark);
}

static void
draw_message (GtkWidget  *area,
              cairo_t    *cr,
              int         width,
              int         height,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (area, text);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_spark (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  Spark *spark = data;
  double t0, t1, v0 = G_MAXDOUBLE, v1 = -G_MAXDOUBLE;
  guint i;

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  switch (spark->state)
    {
    case SPARK_NO_SOURCE:
      draw_message (GTK_WIDGET (area), cr, width, height, _("No history available"));
      return;
    case SPARK_LOADING:
      draw_message (GTK_WIDGET (area), cr, width, height, _("Loading the last 24 hours…"));
      return;
    case SPARK_FAILED:
      draw_message (GTK_WIDGET (area), cr, width, height, _("History could not be loaded"));
      return;
    case SPARK_READY:
    default:
      break;
    }
  if (spark->values->len < 2)
    {
      draw_message (GTK_WIDGET (area), cr, width, height, _("Too few readings in the last 24 hours"));
      return;
    }
  /* Time on x over exactly the last 24 hours, so gaps show as gaps in
   * spacing; value on y between the day's minimum and maximum. */
  t1 = g_get_real_time ();
  t0 = t1 - (double) HISTORY_HOURS * G_TIME_SPAN_HOUR;
  for (i = 0; i < spark->values->len; i++)
    {
      v0 = MIN (v0, g_array_index (spark->values, double, i));
      v1 = MAX (v1, g_array_index (spark->values, double, i));
    }
  if (v1 - v0 < 1e-9)
    {
      v0 -= 1;
      v1 += 1;
    }
  cairo_new_path (cr);
  for (i = 0; i < spark->values->len; i++)
    {
      double t = g_array_index (spark->times, double, i);
      double v = g_array_index (spark->values, double, i);
      double x = 4 + (width - 8) * CLAMP ((t - t0) / (t1 - t0), 0, 1);
      double y = height - 4 - (height - 8) * (v - v0) / (v1 - v0);

      cairo_line_to (cr, x, y);
    }
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_set_line_width (cr, 1.75);
  cairo_stroke (cr);
}

static void
on_history_ready (GPtrArray *observations,
                  gpointer   ready_data)
{
  GtkWidget *area = ready_data;   /* a reference we own */
  Spark *spark = g_object_get_data (G_OBJECT (area), "ioc-spark");
  guint i;

  if (observations == NULL)
    spark->state = SPARK_FAILED;
  else
    {
      spark->state = SPARK_READY;
      for (i = 0; i < observations->len; i++)
        {
          const IocObservation *obs = g_ptr_array_index (observations, i);
          double t = (double) obs->phenomenon_time;

          if (!obs->has_result || !isfinite (obs->result))
            continue;
          g_array_append_val (spark->times, t);
          g_array_append_val (spark->values, obs->result);
        }
    }
  gtk_widget_queue_draw (area);
  g_object_unref (area);
}

/* --- popover -------------------------------------------------------------- */

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static char *
format_reading (IocDatastream        *ds,
                const IocObservation *obs,
                IocFormatStyle        style)
{
  IocParameter p = ioc_datastream_get_parameter (ds);
  const char *name = ioc_parameter_to_string (p);
  const char *unit = ioc_datastream_get_unit_symbol (ds);
  g_autofree char *value = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) utc = ioc_observation_get_time (obs);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (name == NULL)
    name = ioc_datastream_get_name (ds) ? ioc_datastream_get_name (ds) : ioc_datastream_get_id (ds);
  if (!obs->has_result)
    value = g_strdup (_("no value"));
  else
    value = ioc_format_decimal (style, obs->result, fabs (obs->result) < 10 ? 2 : 1);
  when = local ? ioc_format_date_time (style, local) : g_strdup ("");
  return g_strdup_printf ("%s: %s%s%s · %s", name, value,
                          unit && *unit ? " " : "", unit ? unit : "", when);
}

static void
show_station (IocStationLayer *self,
              guint            position,
              double           x,
              double           y)
{
  g_autoptr(IocStation) station = g_list_model_get_item (self->stations, position);
  GListModel *streams = ioc_station_get_datastreams (station);
  IocFormatStyle style = ioc_format_style_default ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *area;
  IocStationBand band;
  Spark *spark;
  gboolean any = FALSE;
  guint i;

  if (self->history_cancel != NULL)
    g_cancellable_cancel (self->history_cancel);
  g_clear_object (&self->history_cancel);

  ioc_station_band_compute (station, &band);
  add_label (GTK_BOX (box), ioc_station_get_name (station) ? ioc_station_get_name (station)
                                                          : ioc_station_get_id (station), "heading");
  add_label (GTK_BOX (box), ioc_station_kind_label (ioc_station_get_kind (station)), "dim-label");
  for (i = 0; i < g_list_model_get_n_items (streams); i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (streams, i);
      const IocObservation *obs = ioc_datastream_get_latest (ds);
      g_autofree char *text = NULL;

      if (obs == NULL)
        continue;
      text = format_reading (ds, obs, style);
      add_label (GTK_BOX (box), text, NULL);
      any = TRUE;
    }
  if (!any)
    add_label (GTK_BOX (box), _("No readings yet"), NULL);
  {
    /* TRANSLATORS: %s is a band label such as "Alarm level 1" */
    g_autofree char *text = g_strdup_printf (_("Band: %s"), band.label);

    add_label (GTK_BOX (box), text, "heading");
  }

  spark = g_new0 (Spark, 1);
  spark->times = g_array_new (FALSE, FALSE, sizeof (double));
  spark->values = g_array_new (FALSE, FALSE, sizeof (double));
  spark->state = self->history_func && band.main ? SPARK_LOADING : SPARK_NO_SOURCE;
  area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SPARK_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SPARK_HEIGHT);
  g_object_set_data_full (G_OBJECT (area), "ioc-spark", spark, spark_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_spark, spark, NULL);
  if (band.main != NULL)
    {
      const char *name = ioc_parameter_to_string (ioc_datastream_get_parameter (band.main));
      /* TRANSLATORS: %s is a parameter such as PM2.5 */
      g_autofree char *caption = g_strdup_printf (_("Last 24 hours: %s"),
                                                  name ? name : ioc_datastream_get_id (band.main));

      add_label (GTK_BOX (box), caption, "caption");
    }
  gtk_box_append (GTK_BOX (box), area);
  gtk_popover_set_child (self->popover, box);

  self->popover_lat = ioc_station_get_lat (station);
  self->popover_lon = ioc_station_get_long (station);
  gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (self->popover);

  if (spark->state == SPARK_LOADING)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) since = g_date_time_add_hours (now, -HISTORY_HOURS);

      self->history_cancel = g_cancellable_new ();
      self->history_func (station, band.main, since, self->history_cancel,
                          on_history_ready, g_object_ref (area), self->history_data);
    }
  ioc_station_band_clear (&band);
}

/**
 * ioc_station_layer_activate_at:
 * @x: @y: layer coordinates
 *
 * What a click does: opens the popover of the station drawn at @x, @y.
 *
 * Returns: whether a station was there
 */
gboolean
ioc_station_layer_activate_at (IocStationLayer *self,
                               double           x,
                               double           y)
{
  int i;
  const Hit *hit;

  g_return_val_if_fail (IOC_IS_STATION_LAYER (self), FALSE);
  i = hit_test (self, x, y);
  if (i < 0)
    return FALSE;
  hit = &g_array_index (self->hits, Hit, i);
  show_station (self, hit->position, hit->x, hit->y);
  return TRUE;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             IocStationLayer *self)
{
  if (ioc_station_layer_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_viewport_changed (IocStationLayer *self)
{
  /* Keep the popover on its station while the map moves. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      double x, y;

      to_screen (self, self->popover_lat, self->popover_lon, &x, &y);
      gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) { x, y, 1, 1 });
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_data_changed (IocStationLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
unwatch (IocStationLayer *self)
{
  guint i;

  for (i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (self->watched->pdata[i], self);
  g_ptr_array_set_size (self->watched, 0);
}

/* The feed merges new readings into the same objects without items-changed
 * on the station list (IocStationListModel updates in place), so the layer
 * watches every station, datastream list and datastream: a new reading
 * recolours its symbol at once. */
static void
rewatch (IocStationLayer *self)
{
  guint i, j, n;

  unwatch (self);
  n = self->stations ? g_list_model_get_n_items (self->stations) : 0;
  for (i = 0; i < n; i++)
    {
      g_autoptr(IocStation) station = g_list_model_get_item (self->stations, i);
      GListModel *streams = ioc_station_get_datastreams (station);

      g_signal_connect_swapped (station, "notify", G_CALLBACK (on_data_changed), self);
      g_ptr_array_add (self->watched, g_object_ref (station));
      g_signal_connect_swapped (streams, "items-changed", G_CALLBACK (rewatch), self);
      g_ptr_array_add (self->watched, g_object_ref (streams));
      for (j = 0; j < g_list_model_get_n_items (streams); j++)
        {
          g_autoptr(IocDatastream) ds = g_list_model_get_item (streams, j);

          g_signal_connect_swapped (ds, "notify", G_CALLBACK (on_data_changed), self);
          g_ptr_array_add (self->watched, g_object_ref (ds));
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- life cycle ----------------------------------------------------------- */

static void
ioc_station_layer_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  IocStationLayer *self = IOC_STATION_LAYER (widget);

  GTK_WIDGET_CLASS (ioc_station_layer_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->popover != NULL)
    gtk_popover_present (self->popover);
}

static void
ioc_station_layer_constructed (GObject *object)
{
  IocStationLayer *self = IOC_STATION_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (ioc_station_layer_parent_class)->constructed (object);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
ioc_station_layer_dispose (GObject *object)
{
  IocStationLayer *self = IOC_STATION_LAYER (object);

  if (self->history_cancel != NULL)
    g_cancellable_cancel (self->history_cancel);
  g_clear_object (&self->history_cancel);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  if (self->stations != NULL)
    g_signal_handlers_disconnect_by_data (self->stations, self);
  g_clear_object (&self->stations);
  unwatch (self);
  if (self->history_destroy != NULL)
    g_clear_pointer (&self->history_data, self->history_destroy);
  self->history_destroy = NULL;
  self->history_func = NULL;
  g_clear_object (&self->fetcher);
  G_OBJECT_CLASS (ioc_station_layer_parent_class)->dispose (object);
}

static void
ioc_station_layer_finalize (GObject *object)
{
  IocStationLayer *self = IOC_STATION_LAYER (object);

  g_array_unref (self->hits);
  g_ptr_array_unref (self->watched);
  g_free (self->sta_base);
  G_OBJECT_CLASS (ioc_station_layer_parent_class)->finalize (object);
}

static void
ioc_station_layer_class_init (IocStationLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ioc_station_layer_constructed;
  object_class->dispose = ioc_station_layer_dispose;
  object_class->finalize = ioc_station_layer_finalize;
  widget_class->snapshot = ioc_station_layer_snapshot;
  widget_class->contains = ioc_station_layer_contains;
  widget_class->size_allocate = ioc_station_layer_size_allocate;
}

static void
ioc_station_layer_init (IocStationLayer *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/**
 * ioc_station_layer_new:
 *
 * Returns: (transfer full): the stations layer of issue "The map" for the
 *   map whose viewport is @viewport
 */
IocStationLayer *
ioc_station_layer_new (ShumateViewport *viewport)
{
  return g_object_new (IOC_TYPE_STATION_LAYER, "viewport", viewport, NULL);
}

/**
 * ioc_station_layer_set_stations:
 * @stations: (nullable): a #GListModel of #IocStation
 *
 * Draws @stations, again whenever the model, a station or one of its
 * datastreams changes.
 */
void
ioc_station_layer_set_stations (IocStationLayer *self,
                                GListModel      *stations)
{
  g_return_if_fail (IOC_IS_STATION_LAYER (self));
  if (self->stations != NULL)
    g_signal_handlers_disconnect_by_data (self->stations, self);
  g_set_object (&self->stations, stations);
  if (stations != NULL)
    g_signal_connect_swapped (stations, "items-changed", G_CALLBACK (rewatch), self);
  gtk_popover_popdown (self->popover);
  rewatch (self);
}

/**
 * ioc_station_layer_set_history_func:
 * @func: (nullable): where the popover's sparkline gets the last 24 hours;
 *   without one it says "No history available" instead of drawing a line
 */
void
ioc_station_layer_set_history_func (IocStationLayer       *self,
                                    IocStationHistoryFunc  func,
                                    gpointer               user_data,
                                    GDestroyNotify         destroy)
{
  g_return_if_fail (IOC_IS_STATION_LAYER (self));
  if (self->history_destroy != NULL)
    self->history_destroy (self->history_data);
  self->history_func = func;
  self->history_data = user_data;
  self->history_destroy = destroy;
}

/**
 * ioc_station_layer_set_keep_clear:
 * @func: (nullable): what the symbols must not cover
 *
 * Station symbols are drawn above the complaints (they must stay
 * clickable); with @func they move off the clusters' counts (issue "The
 * map": counts readable at every zoom). @user_data must outlive the layer.
 */
void
ioc_station_layer_set_keep_clear (IocStationLayer         *self,
                                  IocStationKeepClearFunc  func,
                                  gpointer                 user_data)
{
  g_return_if_fail (IOC_IS_STATION_LAYER (self));
  self->keep_clear = func;
  self->keep_clear_data = user_data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ioc_station_layer_get_point:
 *
 * Where the last frame drew the station at @position of the model, in layer
 * coordinates. Returns: FALSE when it was not drawn (off screen, no location)
 */
gboolean
ioc_station_layer_get_point (IocStationLayer *self,
                             guint            position,
                             double          *x,
                             double          *y)
{
  guint i;

  g_return_val_if_fail (IOC_IS_STATION_LAYER (self), FALSE);
  for (i = 0; i < self->hits->len; i++)
    {
      const Hit *h = &g_array_index (self->hits, Hit, i);

      if (h->position == position)
        {
          *x = h->x;
          *y = h->y;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * ioc_station_layer_get_popover:
 *
 * Returns: (transfer none): the popover of the clicked station
 */
GtkPopover *
ioc_station_layer_get_popover (IocStationLayer *self)
{
  g_return_val_if_fail (IOC_IS_STATION_LAYER (self), NULL);
  return self->popover;
}

/* --- SensorThings history ------------------------------------------------- */

/* A day of one-minute readings is 1 440 observations: at the server's page
 * size (the simulator's is 100, feeds.md §2 asks for $top=1000) that is up
 * to 15 pages. Past this many the sparkline draws what it has. */
#define STA_HISTORY_MAX_PAGES 50

typedef struct {
  IocStationHistoryReady  ready;
  gpointer                ready_data;
  IocFeedFetcher         *fetcher;
  GCancellable           *cancellable;   /* nullable */
  char                   *url;           /* of the page being fetched */
  GPtrArray              *observations;  /* every page so far */
  guint                   pages;
} StaFetch;

static int
compare_observations (gconstpointer a,
                      gconstpointer b)
{
  const IocObservation *x = *(IocObservation * const *) a;
  const IocObservation *y = *(IocObservation * const *) b;

  return (x->phenomenon_time > y->phenomenon_time) - (x->phenomenon_time < y->phenomenon_time);
}

static void
sta_fetch_finish (StaFetch  *fetch,
                  GPtrArray *observations)
{
  if (observations != NULL)
    g_ptr_array_sort (observations, compare_observations);
  fetch->ready (observations, fetch->ready_data);
  g_clear_object (&fetch->fetcher);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->observations, g_ptr_array_unref);
  g_free (fetch->url);
  g_free (fetch);
}

/* Each page is appended; an @iot.nextLink (feeds.md §2: SensorThings pages
 * its answers) is followed until the 24 hours are complete, up to
 * STA_HISTORY_MAX_PAGES, and stops when the popover cancels. A page that
 * fails after the first leaves the hours already fetched drawn. */
static void
sta_history_done (GObject      *source,
                  GAsyncResult *res,
                  gpointer      data)
{
  StaFetch *fetch = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocFeedResponse) response = ioc_feed_fetcher_get_finish (IOC_FEED_FETCHER (source), res, &error);
  g_autoptr(IocStaResult) result = NULL;

  if (response != NULL && response->status == 200 && response->body != NULL)
    {
      gsize length;
      const char *body = g_bytes_get_data (response->body, &length);

      result = ioc_sta_parse (IOC_STA_ENTITY_OBSERVATIONS, body, length, fetch->url, NULL, &error);
    }
  if (result == NULL)
    {
      g_debug ("Station history from %s: %s", fetch->url,
               error ? error->message : response ? "unexpected status" : "no response");
      if (g_cancellable_is_cancelled (fetch->cancellable))
        g_clear_pointer (&fetch->observations, g_ptr_array_unref);
      sta_fetch_finish (fetch, fetch->observations);
      return;
    }

  fetch->pages++;
  if (fetch->observations == NULL)
    fetch->observations = g_ptr_array_ref (result->observations);
  else
    g_ptr_array_extend_and_steal (fetch->observations,
                                  g_ptr_array_ref (result->observations));
  if (result->next_link != NULL && fetch->pages < STA_HISTORY_MAX_PAGES
      && !g_cancellable_is_cancelled (fetch->cancellable))
    {
      g_free (fetch->url);
      fetch->url = g_strdup (result->next_link);
      ioc_feed_fetcher_get_async (fetch->fetcher, fetch->url, NULL, NULL, fetch->cancellable,
                                  sta_history_done, fetch);
      return;
    }
  if (result->next_link != NULL && fetch->pages >= STA_HISTORY_MAX_PAGES)
    g_debug ("Station history: stopped after %u pages", fetch->pages);
  sta_fetch_finish (fetch, fetch->observations);
}

/* feeds.md §2: Datastreams(ID)/Observations filtered on phenomenonTime,
 * oldest first, pages of up to 1 000 (servers may page smaller). */
static char *
sta_history_url (const char *base,
                 const char *id,
                 GDateTime  *since)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (since);
  g_autofree char *when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *filter = g_strdup_printf ("phenomenonTime gt %s", when);
  g_autofree char *filter_q = g_uri_escape_string (filter, ":", FALSE);
  g_autofree char *key = NULL;
  gboolean numeric = *id != '\0';
  const char *p;

  for (p = id; *p; p++)
    numeric = numeric && g_ascii_isdigit (*p);
  if (numeric)
    key = g_strdup (id);
  else
    {
      /* A string id is quoted, with quotes doubled (OData). */
      g_auto(GStrv) parts = g_strsplit (id, "'", -1);
      g_autofree char *joined = g_strjoinv ("''", parts);
      g_autofree char *escaped = g_uri_escape_string (joined, NULL, FALSE);

      key = g_strdup_printf ("'%s'", escaped);
    }
  return g_strdup_printf ("%s%sDatastreams(%s)/Observations?$filter=%s"
                          "&$orderby=phenomenonTime%%20asc&$top=1000",
                          base, g_str_has_suffix (base, "/") ? "" : "/", key, filter_q);
}

static void
sta_history_fetch (IocStation             *station,
                   IocDatastream          *datastream,
                   GDateTime              *since,
                   GCancellable           *cancellable,
                   IocStationHistoryReady  ready,
                   gpointer                ready_data,
                   gpointer                user_data)
{
  IocStationLayer *self = user_data;
  StaFetch *fetch = g_new0 (StaFetch, 1);

  fetch->ready = ready;
  fetch->ready_data = ready_data;
  fetch->fetcher = g_object_ref (self->fetcher);
  fetch->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  fetch->url = sta_history_url (self->sta_base, ioc_datastream_get_id (datastream), since);
  ioc_feed_fetcher_get_async (fetch->fetcher, fetch->url, NULL, NULL, cancellable,
                              sta_history_done, fetch);
}

/**
 * ioc_station_layer_get_sparkline_points:
 *
 * Returns: how many readings the open popover's sparkline draws, or -1
 * while it loads, when it has no source or when the fetch failed — what
 * tests compare with the server's 24 hours.
 */
int
ioc_station_layer_get_sparkline_points (IocStationLayer *self)
{
  GtkWidget *box, *area;
  Spark *spark;

  g_return_val_if_fail (IOC_IS_STATION_LAYER (self), -1);
  box = gtk_popover_get_child (self->popover);
  if (box == NULL || (area = gtk_widget_get_last_child (box)) == NULL)
    return -1;
  spark = g_object_get_data (G_OBJECT (area), "ioc-spark");
  if (spark == NULL || spark->state != SPARK_READY)
    return -1;
  return (int) spark->times->len;
}

/**
 * ioc_station_layer_set_sta_history:
 * @base_url: (nullable): the SensorThings API root (the `environment-url`
 *   setting); NULL or empty removes the history source
 *
 * Makes the popover's sparkline fetch the last 24 hours of the station's
 * main datastream from the SensorThings server (feeds.md §2).
 */
void
ioc_station_layer_set_sta_history (IocStationLayer *self,
                                   const char      *base_url)
{
  g_return_if_fail (IOC_IS_STATION_LAYER (self));
  if (base_url == NULL || *base_url == '\0')
    {
      ioc_station_layer_set_history_func (self, NULL, NULL, NULL);
      return;
    }
  g_free (self->sta_base);
  self->sta_base = g_strdup (base_url);
  if (self->fetcher == NULL)
    self->fetcher = ioc_feed_fetcher_new (NULL);
  ioc_station_layer_set_history_func (self, sta_history_fetch, self, NULL);
}
