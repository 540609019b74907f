/* ioc-complaint-layer.c — every complaint on the map in one layer: clusters
 * broken down by status, single points, or a heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ioc-complaint-layer.h"
#include "ioc-mercator.h"

/* One widget for 100 000 complaints: a widget per marker (ShumateMarkerLayer)
 * stops being usable after a few thousand. The clusters come precomputed for
 * every zoom level from IocClusterIndex; a frame only walks the clusters of
 * one level, culls those off screen and draws the rest into a single cairo
 * node. Count labels are rendered once per distinct text and reused. The
 * widget only "contains" the pixels where something is drawn, so clicks
 * elsewhere reach the layers below and the map's own gestures. */

/* Above this many members, a cluster of the finest level stays a cluster
 * even past the deepest precomputed zoom. */
#define MAX_EXPAND_MEMBERS 64
#define POINT_RADIUS IOC_CLUSTER_POINT_RADIUS
#define HEAT_CELL 4          /* screen pixels per heat-grid cell */
#define HEAT_RADIUS 6        /* heat kernel radius, in grid cells */

struct _IocComplaintLayer
{
  ShumateLayer           parent_instance;
  IocClusterIndex       *index;
  GPtrArray             *ids;          /* char *, per point */
  IocComplaintLayerMode  mode;
  GHashTable            *labels;       /* count → cairo_surface_t */
  /* Sprites: a cluster is drawn once per level and then only placed, so a
   * pan costs one texture node per mark. Cleared when the level, the data
   * or the scale changes. */
  GHashTable            *cluster_sprites;  /* cluster index + 1 → GdkTexture */
  guint                  sprite_level;
  int                    sprite_scale;
  GdkTexture            *point_sprites[IOC_N_COMPLAINT_STATUSES][2][2];  /* status, overdue, hover */
  float                  heat_kernel[(2 * HEAT_RADIUS + 1) * (2 * HEAT_RADIUS + 1)];
  /* What the last frame drew, for hit testing: x, y, radius, kind, ref. */
  GArray                *hits;
  /* Marks cut by the edge of the view, as drawn: their members in view. */
  GArray                *partials;     /* IocCluster */
  int                    hover;        /* index in hits, or -1 */
};

typedef struct {
  float    x, y, r;
  guint    level;     /* of the cluster; G_MAXUINT for a single point */
  guint32  ref;       /* mark or cluster index in its level, or point id */
  gboolean mark;      /* ref is a mark (ioc_cluster_index_get_marks) */
  int      partial;   /* index in partials when cut by the edge, or -1 */
} Hit;

G_DEFINE_FINAL_TYPE (IocComplaintLayer, ioc_complaint_layer, SHUMATE_TYPE_LAYER)

enum { COMPLAINT_ACTIVATED, CLUSTER_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/**
 * ioc_complaint_status_rgba:
 *
 * The map's colour for a status (domain.md §3 statuses): open statuses warm
 * to cold by urgency, closed ones green or grey. The legend uses the same.
 */
void
ioc_complaint_status_rgba (IocComplaintStatus  status,
                           GdkRGBA            *rgba)
{
  static const char *colours[IOC_N_COMPLAINT_STATUSES] = {
    "#1c71d8",   /* new */
    "#9141ac",   /* acknowledged */
    "#e5a50a",   /* in progress */
    "#c64600",   /* reopened */
    "#26a269",   /* resolved */
    "#5e5c64",   /* rejected */
    "#c0bfbc",   /* duplicate */
  };

  gdk_rgba_parse (rgba, colours[MIN (status, IOC_N_COMPLAINT_STATUSES - 1)]);
}

static void
set_source_status (cairo_t *cr,
                   guint    status)
{
  GdkRGBA c;

  ioc_complaint_status_rgba (status, &c);
  gdk_cairo_set_source_rgba (cr, &c);
}

/* The core lays marks out with the same sizes (ioc_cluster_mark_extent). */
static double
cluster_radius (guint count)
{
  return ioc_cluster_mark_radius (MAX (count, 2));
}

static void
get_view (IocComplaintLayer *self,
          double            *world,
          double            *vx0,
          double            *vy0,
          double            *zoom)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double cx, cy;

  *zoom = shumate_viewport_get_zoom_level (viewport);
  *world = ioc_mercator_world_size (*zoom);
  ioc_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                        &cx, &cy);
  *vx0 = cx * *world - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  *vy0 = cy * *world - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static cairo_surface_t *
get_label (IocComplaintLayer *self,
           guint              count)
{
  cairo_surface_t *surface = g_hash_table_lookup (self->labels, GUINT_TO_POINTER (count));
  g_autofree char *text = NULL;
  PangoLayout *layout;
  PangoFontDescription *font;
  int w, h;
  cairo_t *cr;

  if (surface != NULL)
    return surface;

  text = count >= 10000 ? g_strdup_printf ("%uk", count / 1000) : g_strdup_printf ("%u", count);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  font = pango_font_description_from_string ("Sans Bold 9");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  g_object_unref (layout);
  g_hash_table_insert (self->labels, GUINT_TO_POINTER (count), surface);
  return surface;
}

static void
draw_point (cairo_t  *cr,
            double    x,
            double    y,
            guint     status,
            gboolean  overdue,
            gboolean  hovered)
{
  double r = POINT_RADIUS + (hovered ? 2 : 0);

  cairo_new_path (cr);
  if (overdue)
    {
      /* A red halo: visible whatever the status colour. */
      cairo_arc (cr, x, y, r + IOC_CLUSTER_POINT_HALO, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.878, 0.106, 0.141);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_source_status (cr, status);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
draw_cluster (IocComplaintLayer *self,
              cairo_t           *cr,
              double             x,
              double             y,
              const IocCluster  *c,
              gboolean           hovered)
{
  double r = cluster_radius (c->count) + (hovered ? 2 : 0);
  double angle = -G_PI / 2;
  cairo_surface_t *label;
  guint s;

  /* White disc with the count, inside a ring whose arcs are proportional to
   * the statuses: the breakdown is visible without a click. */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + IOC_CLUSTER_OUTLINE, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill (cr);
  cairo_set_line_width (cr, 6.0);
  for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
    {
      double sweep;

      if (c->status_counts[s] == 0)
        continue;
      sweep = 2 * G_PI * c->status_counts[s] / c->count;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r - 3.0, angle, angle + sweep);
      set_source_status (cr, s);
      cairo_stroke (cr);
      angle += sweep;
    }
  if (c->overdue > 0)
    {
      /* Overdue inside: a red badge at the top right. */
      cairo_new_path (cr);
      cairo_arc (cr, x + r * 0.72, y - r * 0.72, 4.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.878, 0.106, 0.141);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  label = get_label (self, c->count);
  cairo_set_source_surface (cr, label,
                            round (x - cairo_image_surface_get_width (label) / 2.0),
                            round (y - cairo_image_surface_get_height (label) / 2.0));
  cairo_paint (cr);
}

typedef void (*SpriteDraw) (IocComplaintLayer *self, cairo_t *cr, double c, gconstpointer data, gboolean hovered);

static GdkTexture *
make_sprite (IocComplaintLayer *self,
             double             half,
             SpriteDraw         draw,
             gconstpointer      data,
             gboolean           hovered)
{
  int scale = self->sprite_scale;
  int size = (int) ceil (2 * half * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_scale (cr, scale, scale);
  draw (self, cr, half, data, hovered);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * size);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
draw_point_sprite (IocComplaintLayer *self,
                   cairo_t           *cr,
                   double             c,
                   gconstpointer      data,
                   gboolean           hovered)
{
  guint v = GPOINTER_TO_UINT (data);

  draw_point (cr, c, c, v & 0xff, (v >> 8) != 0, hovered);
}

static void
draw_cluster_sprite (IocComplaintLayer *self,
                     cairo_t           *cr,
                     double             c,
                     gconstpointer      data,
                     gboolean           hovered)
{
  draw_cluster (self, cr, c, c, data, hovered);
}

#define POINT_HALF (POINT_RADIUS + 6.5)

static double
cluster_half (guint count)
{
  return cluster_radius (count) + 4.5;
}

static void
check_sprites (IocComplaintLayer *self,
               guint              level)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (scale != self->sprite_scale)
    {
      guint s;

      for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
        for (int o = 0; o < 2; o++)
          for (int h = 0; h < 2; h++)
            g_clear_object (&self->point_sprites[s][o][h]);
      g_hash_table_remove_all (self->cluster_sprites);
      self->sprite_scale = scale;
    }
  if (level != self->sprite_level)
    {
      g_hash_table_remove_all (self->cluster_sprites);
      self->sprite_level = level;
    }
}

/* Whole pixels and the sprite's own size: no resampling when drawn. */
static void
append_sprite (IocComplaintLayer *self,
               GtkSnapshot       *snapshot,
               GdkTexture        *texture,
               double             x,
               double             y)
{
  double size = (double) gdk_texture_get_width (texture) / self->sprite_scale;

  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (round (x - size / 2), round (y - size / 2), size, size));
}

static void
place_point (IocComplaintLayer *self,
             GtkSnapshot       *snapshot,
             double             x,
             double             y,
             guint              status,
             gboolean           overdue,
             gboolean           hovered)
{
  GdkTexture **slot = &self->point_sprites[status][overdue != 0][hovered != 0];

  if (*slot == NULL)
    *slot = make_sprite (self, POINT_HALF, draw_point_sprite,
                         GUINT_TO_POINTER (status | (overdue ? 0x100 : 0)), hovered);
  append_sprite (self, snapshot, *slot, x, y);
}

static void
place_cluster (IocComplaintLayer *self,
               GtkSnapshot       *snapshot,
               double             x,
               double             y,
               guint              i,
               const IocCluster  *c,
               gboolean           hovered)
{
  double half = cluster_half (c->count);
  GdkTexture *texture;

  if (hovered)
    {
      /* The hovered one is drawn fresh, not cached. */
      g_autoptr(GdkTexture) t = make_sprite (self, half, draw_cluster_sprite, c, TRUE);

      append_sprite (self, snapshot, t, x, y);
      return;
    }
  texture = g_hash_table_lookup (self->cluster_sprites, GUINT_TO_POINTER (i + 1));
  if (texture == NULL)
    {
      texture = make_sprite (self, half, draw_cluster_sprite, c, FALSE);
      g_hash_table_insert (self->cluster_sprites, GUINT_TO_POINTER (i + 1), texture);
    }
  append_sprite (self, snapshot, texture, x, y);
}

static void
add_hit (IocComplaintLayer *self,
         double             x,
         double             y,
         double             r,
         guint              level,
         guint32            ref)
{
  Hit h = { x, y, r, level, ref, FALSE, -1 };

  g_array_append_val (self->hits, h);
}

static inline gboolean
in_view (double sx,
         double sy,
         int    w,
         int    h)
{
  return sx >= 0 && sy >= 0 && sx < w && sy < h;
}

/* One point of the index, drawn and hit-tested. */
static void
walk_point (IocComplaintLayer *self,
            GtkSnapshot       *snapshot,
            guint32            p,
            double             world,
            double             vx0,
            double             vy0,
            int                hover,
            guint             *visible)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  guint32 px, py;
  double sx, sy;

  ioc_cluster_index_get_point_xy (self->index, p, &px, &py);
  sx = IOC_FIXED_TO_WORLD (px) * world - vx0;
  sy = IOC_FIXED_TO_WORLD (py) * world - vy0;
  if (snapshot != NULL)
    place_point (self, snapshot, sx, sy,
                 ioc_cluster_index_get_point_status (self->index, p),
                 ioc_cluster_index_get_point_overdue (self->index, p),
                 hover >= 0 && (guint) hover == self->hits->len);
  add_hit (self, sx, sy, POINT_RADIUS + 2, G_MAXUINT, p);
  if (in_view (sx, sy, w, h))
    (*visible)++;
}

/* Members in view, summed: what a mark cut by the edge of the view shows. */
typedef struct {
  IocCluster c;        /* x, y unset; start unused */
  double     sum_x;    /* of the members in view, world units */
  double     sum_y;
  guint32    last;     /* a point in view, for a lone one */
} InView;

/* Adds to @acc the members of @c (a cluster of @level) that are in the
 * view: all or none at once when its grid cell — where all its members
 * lie — is wholly inside or outside, else one by one. */
static void
add_in_view (IocComplaintLayer *self,
             guint              level,
             const IocCluster  *c,
             double             world,
             double             vx0,
             double             vy0,
             int                w,
             int                h,
             InView            *acc)
{
  const guint32 *order = ioc_cluster_index_get_order (self->index);
  double x0, y0, x1, y1;
  guint k;

  ioc_cluster_index_get_cell_bounds (self->index, level, c, &x0, &y0, &x1, &y1);
  x0 = x0 * world - vx0;
  x1 = x1 * world - vx0;
  y0 = y0 * world - vy0;
  y1 = y1 * world - vy0;
  if (x1 <= 0 || y1 <= 0 || x0 >= w || y0 >= h)
    return;
  if (x0 >= 0 && y0 >= 0 && x1 <= w && y1 <= h)
    {
      acc->c.count += c->count;
      acc->c.overdue += c->overdue;
      for (k = 0; k < IOC_N_COMPLAINT_STATUSES; k++)
        acc->c.status_counts[k] += c->status_counts[k];
      acc->sum_x += IOC_FIXED_TO_WORLD (c->x) * c->count;
      acc->sum_y += IOC_FIXED_TO_WORLD (c->y) * c->count;
      acc->last = order[c->start];
      return;
    }
  for (k = 0; k < c->count; k++)
    {
      guint32 p = order[c->start + k], px, py;
      double wx, wy;

      ioc_cluster_index_get_point_xy (self->index, p, &px, &py);
      wx = IOC_FIXED_TO_WORLD (px);
      wy = IOC_FIXED_TO_WORLD (py);
      if (!in_view (wx * world - vx0, wy * world - vy0, w, h))
        continue;
      acc->c.count++;
      acc->c.overdue += ioc_cluster_index_get_point_overdue (self->index, p);
      acc->c.status_counts[ioc_cluster_index_get_point_status (self->index, p)]++;
      acc->sum_x += wx;
      acc->sum_y += wy;
      acc->last = p;
    }
}

/* A mark (@n_parts clusters of @level) as the view shows it — the rule of
 * issue "The map", "exact counts: the sum of clusters equals the points in
 * view". A mark counts the members whose own position is in the view. All
 * in: drawn whole. None in: drawn, when its centre is near enough for its
 * disc to show at the edge, for context only, and counts nothing. Some
 * in: drawn for those members only, at their centroid, with their count
 * and statuses, so no complaint in view is left out and none outside is
 * counted. Returns whether it was counted. */
static gboolean
place_mark (IocComplaintLayer *self,
            GtkSnapshot       *snapshot,
            guint              level,
            const IocCluster  *sum,
            const IocCluster  *clusters,
            const guint32     *parts,
            guint              n_parts,
            guint32            ref,
            gboolean           is_mark,
            double             world,
            double             vx0,
            double             vy0,
            int                hover,
            guint             *visible)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  double x = IOC_FIXED_TO_WORLD (sum->x) * world - vx0;
  double y = IOC_FIXED_TO_WORLD (sum->y) * world - vy0;
  double margin = cluster_half (sum->count);
  InView acc = { { 0 }, 0, 0, 0 };
  guint k;

  for (k = 0; k < n_parts; k++)
    add_in_view (self, level, parts ? &clusters[parts[k]] : sum, world, vx0, vy0, w, h, &acc);

  if (acc.c.count == sum->count || acc.c.count == 0)
    {
      if (acc.c.count == 0 && (x < -margin || y < -margin || x > w + margin || y > h + margin))
        return FALSE;
      if (snapshot != NULL)
        place_cluster (self, snapshot, x, y, ref, sum, hover >= 0 && (guint) hover == self->hits->len);
      add_hit (self, x, y, cluster_radius (sum->count) + 1.5, level, ref);
      g_array_index (self->hits, Hit, self->hits->len - 1).mark = is_mark;
      *visible += acc.c.count;
      return acc.c.count > 0;
    }

  if (acc.c.count == 1)
    {
      walk_point (self, snapshot, acc.last, world, vx0, vy0, hover, visible);
      return TRUE;
    }
  x = acc.sum_x / acc.c.count * world - vx0;
  y = acc.sum_y / acc.c.count * world - vy0;
  if (snapshot != NULL)
    {
      /* Drawn fresh: the sprite depends on the view. */
      g_autoptr(GdkTexture) t = make_sprite (self, cluster_half (acc.c.count), draw_cluster_sprite, &acc.c,
                                             hover >= 0 && (guint) hover == self->hits->len);

      append_sprite (self, snapshot, t, x, y);
    }
  add_hit (self, x, y, cluster_radius (acc.c.count) + 1.5, level, ref);
  g_array_index (self->hits, Hit, self->hits->len - 1).mark = is_mark;
  g_array_index (self->hits, Hit, self->hits->len - 1).partial = self->partials->len;
  g_array_append_val (self->partials, acc.c);
  *visible += acc.c.count;
  return TRUE;
}

/* Walks what is on screen; draws it when @snapshot is set, and records
 * hits. Up to the deepest level the marks are drawn: clusters merged so
 * that none overlaps another. Past it, clusters of a few members spread
 * out into their points. */
static guint
walk (IocComplaintLayer *self,
      GtkSnapshot       *snapshot,
      guint             *n_clusters_out)
{
  double world, vx0, vy0, zoom;
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  guint level, n, i, visible = 0, n_clusters = 0;
  const IocCluster *clusters;
  const IocClusterMark *marks;
  const guint32 *order;
  gboolean past_finest;
  int hover = self->hover;

  g_array_set_size (self->hits, 0);
  g_array_set_size (self->partials, 0);
  if (self->index == NULL)
    return 0;
  get_view (self, &world, &vx0, &vy0, &zoom);
  level = ioc_cluster_index_level_for_zoom (zoom);
  past_finest = zoom > IOC_CLUSTER_MAX_ZOOM + 0.5;
  clusters = ioc_cluster_index_get_clusters (self->index, level, &n);
  order = ioc_cluster_index_get_order (self->index);
  if (snapshot != NULL)
    check_sprites (self, level | (past_finest ? 0x100 : 0));

  if (!past_finest)
    {
      const guint32 *parts = ioc_cluster_index_get_mark_parts (self->index, level);

      marks = ioc_cluster_index_get_marks (self->index, level, &n);
      for (i = 0; i < n; i++)
        {
          const IocCluster *c = &marks[i].sum;

          if (c->count == 1)
            {
              guint before = visible;
              double x = IOC_FIXED_TO_WORLD (c->x) * world - vx0;
              double y = IOC_FIXED_TO_WORLD (c->y) * world - vy0;

              if (x < -POINT_HALF || y < -POINT_HALF || x > w + POINT_HALF || y > h + POINT_HALF)
                continue;
              walk_point (self, snapshot, order[c->start], world, vx0, vy0, hover, &visible);
              n_clusters += visible > before;
              continue;
            }
          n_clusters += place_mark (self, snapshot, level, c, clusters, parts + marks[i].first_part,
                                    marks[i].n_parts, i, TRUE, world, vx0, vy0, hover, &visible);
        }
      if (n_clusters_out != NULL)
        *n_clusters_out = n_clusters;
      return visible;
    }

  for (i = 0; i < n; i++)
    {
      const IocCluster *c = &clusters[i];

      if (c->count == 1 || (c->count <= MAX_EXPAND_MEMBERS
                            && ioc_cluster_index_get_expansion_level (self->index, level, c) >= 0))
        {
          guint k, before = visible;
          double x0, y0, x1, y1;

          /* Spread out, each point where it is: culled by the grid cell
           * that holds them all, with room for a disc at its edge. */
          ioc_cluster_index_get_cell_bounds (self->index, level, c, &x0, &y0, &x1, &y1);
          if (x1 * world - vx0 < -POINT_HALF || y1 * world - vy0 < -POINT_HALF
              || x0 * world - vx0 > w + POINT_HALF || y0 * world - vy0 > h + POINT_HALF)
            continue;
          for (k = 0; k < c->count; k++)
            walk_point (self, snapshot, order[c->start + k], world, vx0, vy0, hover, &visible);
          n_clusters += visible > before;
          continue;
        }
      n_clusters += place_mark (self, snapshot, level, c, NULL, NULL, 1, i, FALSE,
                                world, vx0, vy0, hover, &visible);
    }
  if (n_clusters_out != NULL)
    *n_clusters_out = n_clusters;
  return visible;
}

/* The cluster a hit stands for, and where a click on it zooms to. */
static const IocCluster *
hit_cluster (IocComplaintLayer *self,
             const Hit         *hit,
             int               *expansion_level)
{
  guint n;

  if (hit->mark)
    {
      const IocClusterMark *m = &ioc_cluster_index_get_marks (self->index, hit->level, &n)[hit->ref];

      if (expansion_level != NULL)
        {
          if (m->n_parts == 1)
            {
              guint32 part = ioc_cluster_index_get_mark_parts (self->index, hit->level)[m->first_part];
              const IocCluster *c = &ioc_cluster_index_get_clusters (self->index, hit->level, &n)[part];

              *expansion_level = ioc_cluster_index_get_expansion_level (self->index, hit->level, c);
            }
          else
            /* Merged for the screen only: one level deeper they part. */
            *expansion_level = hit->level + 1;
        }
      return &m->sum;
    }
  {
    const IocCluster *c = &ioc_cluster_index_get_clusters (self->index, hit->level, &n)[hit->ref];

    if (expansion_level != NULL)
      *expansion_level = ioc_cluster_index_get_expansion_level (self->index, hit->level, c);
    return c;
  }
}

static void
snapshot_heat (IocComplaintLayer *self,
               GtkSnapshot       *snapshot)
{
  double world, vx0, vy0, zoom;
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));
  int gw = w / HEAT_CELL + 1, gh = h / HEAT_CELL + 1;
  g_autofree float *grid = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const IocCluster *clusters;
  guint level, n, i;
  float peak = 0;
  int k;

  get_view (self, &world, &vx0, &vy0, &zoom);
  /* A finer level than the clusters: cells of 16 px, smoothed by the kernel. */
  level = MIN (ioc_cluster_index_level_for_zoom (zoom) + 2, IOC_CLUSTER_MAX_ZOOM);
  clusters = ioc_cluster_index_get_clusters (self->index, level, &n);
  grid = g_new0 (float, (gsize) gw * gh);
  for (i = 0; i < n; i++)
    {
      int gx = (int) floor ((IOC_FIXED_TO_WORLD (clusters[i].x) * world - vx0) / HEAT_CELL);
      int gy = (int) floor ((IOC_FIXED_TO_WORLD (clusters[i].y) * world - vy0) / HEAT_CELL);
      int dx, dy;

      if (gx < -HEAT_RADIUS || gy < -HEAT_RADIUS || gx >= gw + HEAT_RADIUS || gy >= gh + HEAT_RADIUS)
        continue;
      for (dy = -HEAT_RADIUS; dy <= HEAT_RADIUS; dy++)
        {
          int yy = gy + dy;

          if (yy < 0 || yy >= gh)
            continue;
          for (dx = -HEAT_RADIUS; dx <= HEAT_RADIUS; dx++)
            {
              int xx = gx + dx;

              if (xx < 0 || xx >= gw)
                continue;
              grid[yy * gw + xx] += clusters[i].count
                * self->heat_kernel[(dy + HEAT_RADIUS) * (2 * HEAT_RADIUS + 1) + dx + HEAT_RADIUS];
            }
        }
    }
  for (k = 0; k < gw * gh; k++)
    peak = MAX (peak, grid[k]);
  if (peak <= 0)
    return;

  /* Log scale: a town with 10 000 complaints must not hide a hamlet with 20. */
  pixels = g_new (guint8, (gsize) gw * gh * 4);
  for (k = 0; k < gw * gh; k++)
    {
      double t = grid[k] > 0 ? log1p (grid[k]) / log1p (peak) : 0;
      double r, g, b, a;

      /* Transparent → blue → yellow → red. */
      if (t < 0.5)
        r = t * 2 * 0.99, g = 0.3 + t * 2 * 0.6, b = 0.9 - t * 2 * 0.7;
      else
        r = 0.99, g = 0.9 - (t - 0.5) * 2 * 0.8, b = 0.2 - (t - 0.5) * 2 * 0.15;
      a = t < 0.05 ? t / 0.05 * 0.35 : 0.35 + t * 0.5;
      /* Premultiplied, as GDK_MEMORY_R8G8B8A8_PREMULTIPLIED wants. */
      pixels[4 * k + 0] = (guint8) (r * a * 255);
      pixels[4 * k + 1] = (guint8) (g * a * 255);
      pixels[4 * k + 2] = (guint8) (b * a * 255);
      pixels[4 * k + 3] = (guint8) (a * 255);
    }
  bytes = g_bytes_new_take (g_steal_pointer (&pixels), (gsize) gw * gh * 4);
  texture = gdk_memory_texture_new (gw, gh, GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, bytes, gw * 4);
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (0, 0, gw * HEAT_CELL, gh * HEAT_CELL));
}

static void
ioc_complaint_layer_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  IocComplaintLayer *self = IOC_COMPLAINT_LAYER (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);

  if (self->index == NULL || w <= 0 || h <= 0)
    return;
  if (self->mode == IOC_COMPLAINT_LAYER_HEAT)
    {
      g_array_set_size (self->hits, 0);
      snapshot_heat (self, snapshot);
      return;
    }
  walk (self, snapshot, NULL);
}

static int
hit_test (IocComplaintLayer *self,
          double             x,
          double             y)
{
  int i;

  /* Last drawn is on top. */
  for (i = (int) self->hits->len - 1; i >= 0; i--)
    {
      const Hit *h = &g_array_index (self->hits, Hit, i);

      if ((x - h->x) * (x - h->x) + (y - h->y) * (y - h->y) <= h->r * h->r)
        return i;
    }
  return -1;
}

static gboolean
ioc_complaint_layer_contains (GtkWidget *widget,
                              double     x,
                              double     y)
{
  return hit_test (IOC_COMPLAINT_LAYER (widget), x, y) >= 0;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           IocComplaintLayer        *self)
{
  int hit = hit_test (self, x, y);

  if (hit != self->hover)
    {
      self->hover = hit;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          IocComplaintLayer        *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_query_tooltip (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  IocComplaintLayer *self)
{
  int i = hit_test (self, x, y);
  const Hit *hit;
  g_autoptr(GString) text = NULL;

  if (i < 0)
    return FALSE;
  hit = &g_array_index (self->hits, Hit, i);
  text = g_string_new (NULL);
  if (hit->level == G_MAXUINT)
    {
      g_string_append_printf (text, "%s — %s",
                              ioc_complaint_layer_get_id (self, hit->ref),
                              ioc_complaint_status_label (ioc_cluster_index_get_point_status (self->index, hit->ref)));
      if (ioc_cluster_index_get_point_overdue (self->index, hit->ref))
        g_string_append_printf (text, " · %s", _("Overdue"));
    }
  else
    {
      guint s;
      /* A mark cut by the edge: what it shows, the members in view. */
      const IocCluster *c = hit->partial >= 0
                            ? &g_array_index (self->partials, IocCluster, hit->partial)
                            : hit_cluster (self, hit, NULL);

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u complaint", "%u complaints", c->count), c->count);
      for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
        if (c->status_counts[s] > 0)
          g_string_append_printf (text, "\n%s: %u", ioc_complaint_status_label (s), c->status_counts[s]);
      if (c->overdue > 0)
        g_string_append_printf (text, "\n%s: %u", _("Overdue"), c->overdue);
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
on_released (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             IocComplaintLayer *self)
{
  int i = hit_test (self, x, y);
  const Hit *hit;

  if (i < 0)
    return;
  hit = &g_array_index (self->hits, Hit, i);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (hit->level == G_MAXUINT)
    g_signal_emit (self, signals[COMPLAINT_ACTIVATED], 0, ioc_complaint_layer_get_id (self, hit->ref));
  else
    {
      int expansion_level;
      const IocCluster *c = hit_cluster (self, hit, &expansion_level);
      double lat, lon;

      ioc_mercator_unproject (IOC_FIXED_TO_WORLD (c->x), IOC_FIXED_TO_WORLD (c->y), &lat, &lon);
      g_signal_emit (self, signals[CLUSTER_ACTIVATED], 0, lat, lon,
                     expansion_level, c->start, c->count, x, y);
    }
}

static void
on_viewport_changed (IocComplaintLayer *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ioc_complaint_layer_constructed (GObject *object)
{
  IocComplaintLayer *self = IOC_COMPLAINT_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (ioc_complaint_layer_parent_class)->constructed (object);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
}

static void
ioc_complaint_layer_finalize (GObject *object)
{
  IocComplaintLayer *self = IOC_COMPLAINT_LAYER (object);

  g_clear_pointer (&self->index, ioc_cluster_index_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_hash_table_unref (self->labels);
  g_hash_table_unref (self->cluster_sprites);
  for (guint st = 0; st < IOC_N_COMPLAINT_STATUSES; st++)
    for (int o = 0; o < 2; o++)
      for (int hv = 0; hv < 2; hv++)
        g_clear_object (&self->point_sprites[st][o][hv]);
  g_array_unref (self->hits);
  g_array_unref (self->partials);
  G_OBJECT_CLASS (ioc_complaint_layer_parent_class)->finalize (object);
}

static void
ioc_complaint_layer_class_init (IocComplaintLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ioc_complaint_layer_constructed;
  object_class->finalize = ioc_complaint_layer_finalize;
  widget_class->snapshot = ioc_complaint_layer_snapshot;
  widget_class->contains = ioc_complaint_layer_contains;

  /**
   * IocComplaintLayer::complaint-activated:
   * @id: the service_request_id
   */
  signals[COMPLAINT_ACTIVATED] =
    g_signal_new ("complaint-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * IocComplaintLayer::cluster-activated:
   * @lat: @lon: the cluster's centroid
   * @expansion_level: where it splits, or -1 when its members share a spot
   * @start: @count: its members, see ioc_cluster_index_get_order()
   * @x: @y: where it was clicked, in layer coordinates
   */
  signals[CLUSTER_ACTIVATED] =
    g_signal_new ("cluster-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 7,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_INT, G_TYPE_UINT, G_TYPE_UINT,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
ioc_complaint_layer_init (IocComplaintLayer *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  int dx, dy;

  self->labels = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->partials = g_array_new (FALSE, FALSE, sizeof (IocCluster));
  self->cluster_sprites = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->sprite_level = G_MAXUINT;
  self->hover = -1;
  for (dy = -HEAT_RADIUS; dy <= HEAT_RADIUS; dy++)
    for (dx = -HEAT_RADIUS; dx <= HEAT_RADIUS; dx++)
      {
        double d2 = (dx * dx + dy * dy) / (double) (HEAT_RADIUS * HEAT_RADIUS);

        self->heat_kernel[(dy + HEAT_RADIUS) * (2 * HEAT_RADIUS + 1) + dx + HEAT_RADIUS] =
          d2 >= 1 ? 0 : (float) exp (-4.0 * d2);
      }

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
}

/**
 * ioc_complaint_layer_new:
 *
 * Returns: (transfer full): a layer for the map whose viewport is @viewport
 */
IocComplaintLayer *
ioc_complaint_layer_new (ShumateViewport *viewport)
{
  return g_object_new (IOC_TYPE_COMPLAINT_LAYER, "viewport", viewport, NULL);
}

/**
 * ioc_complaint_layer_set_points:
 * @index: (nullable): the clustered complaints
 * @ids: (nullable) (element-type utf8): their service_request_id, by point
 */
void
ioc_complaint_layer_set_points (IocComplaintLayer *self,
                                IocClusterIndex   *index,
                                GPtrArray         *ids)
{
  g_return_if_fail (IOC_IS_COMPLAINT_LAYER (self));

  g_clear_pointer (&self->index, ioc_cluster_index_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  if (index != NULL)
    self->index = ioc_cluster_index_ref (index);
  if (ids != NULL)
    self->ids = g_ptr_array_ref (ids);
  self->hover = -1;
  g_array_set_size (self->hits, 0);
  g_hash_table_remove_all (self->cluster_sprites);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

IocClusterIndex *
ioc_complaint_layer_get_index (IocComplaintLayer *self)
{
  return self->index;
}

void
ioc_complaint_layer_set_mode (IocComplaintLayer     *self,
                              IocComplaintLayerMode  mode)
{
  g_return_if_fail (IOC_IS_COMPLAINT_LAYER (self));
  if (self->mode == mode)
    return;
  self->mode = mode;
  g_array_set_size (self->hits, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

IocComplaintLayerMode
ioc_complaint_layer_get_mode (IocComplaintLayer *self)
{
  return self->mode;
}

const char *
ioc_complaint_layer_get_id (IocComplaintLayer *self,
                            guint              point)
{
  if (self->ids == NULL || point >= self->ids->len)
    return "";
  return g_ptr_array_index (self->ids, point);
}

/**
 * ioc_complaint_layer_count_visible:
 * @n_clusters: (out) (optional): how many marks are drawn
 *
 * Returns: the sum of the counts shown by the marks in view — each counting
 * its members whose own position is in the view (place_mark()) — which
 * is the number of complaints in view: what the tests compare with the
 * data.
 */
guint
ioc_complaint_layer_count_visible (IocComplaintLayer *self,
                                   guint             *n_clusters)
{
  return walk (self, NULL, n_clusters);
}

/**
 * ioc_complaint_layer_find_disc:
 * @x: @y: a point in layer coordinates
 * @pad: how far from a disc still counts as on it
 * @cx: @cy: @r: (out): the cluster's disc, as the last frame drew it
 *
 * For the layers above (stations): whether a cluster with its count lies
 * at @x, @y, so that they keep the count readable. Single points do not
 * count; nothing does when the layer is hidden or shows the heat map.
 */
gboolean
ioc_complaint_layer_find_disc (IocComplaintLayer *self,
                               double             x,
                               double             y,
                               double             pad,
                               double            *cx,
                               double            *cy,
                               double            *r)
{
  guint i;

  g_return_val_if_fail (IOC_IS_COMPLAINT_LAYER (self), FALSE);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)) || self->mode != IOC_COMPLAINT_LAYER_CLUSTERS)
    return FALSE;
  for (i = 0; i < self->hits->len; i++)
    {
      const Hit *h = &g_array_index (self->hits, Hit, i);
      double reach = h->r + pad;

      if (h->level == G_MAXUINT)
        continue;
      if ((x - h->x) * (x - h->x) + (y - h->y) * (y - h->y) < reach * reach)
        {
          *cx = h->x;
          *cy = h->y;
          *r = h->r;
          return TRUE;
        }
    }
  return FALSE;
}
