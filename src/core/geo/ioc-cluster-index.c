/* ioc-cluster-index.c — exact, deterministic clustering of map points for
 * every zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ioc-cluster-index.h"
#include "ioc-mercator.h"

/* Why a quadtree grid: at level z the world is split into 2^(z+2) × 2^(z+2)
 * cells (64 px on screen), so every cell of level z is exactly four cells of
 * level z+1. Sorting the points once along the Z-order (Morton) curve of the
 * finest grid makes each cell, at every level, a contiguous run of that
 * order: a cluster is a (start, count) range, its counts are the exact sums
 * of its children, and nothing is ever counted twice or lost — the bugs of
 * distance-based web clusterers. Every level is built up front, so a zoom
 * step is an array lookup. Sums are integers, so the result does not depend
 * on the order of floating-point additions: it is deterministic. */

#define N_LEVELS (IOC_CLUSTER_MAX_ZOOM + 1)
#define CELL_BITS(level) ((level) + 2)   /* log2 of cells per axis */
#define FINEST_BITS CELL_BITS (IOC_CLUSTER_MAX_ZOOM)

struct _IocClusterIndex
{
  gatomicrefcount  ref_count;
  guint            n_points;
  guint32         *order;       /* point indices in Morton order */
  guint32         *xy;          /* 2 per point, fixed point */
  guint8          *flags;       /* status | OVERDUE_FLAG, per point */
  IocCluster      *levels[N_LEVELS];
  guint            n_clusters[N_LEVELS];
  IocClusterMark  *marks[N_LEVELS];
  guint            n_marks[N_LEVELS];
  guint32         *mark_parts[N_LEVELS];
};

#define OVERDUE_FLAG 0x80

G_DEFINE_BOXED_TYPE (IocClusterIndex, ioc_cluster_index,
                     ioc_cluster_index_ref, ioc_cluster_index_unref)

typedef struct {
  guint64 key;
  guint32 index;
} SortItem;

static guint64
spread_bits (guint32 v)
{
  guint64 x = v;

  x = (x | (x << 16)) & G_GUINT64_CONSTANT (0x0000FFFF0000FFFF);
  x = (x | (x << 8)) & G_GUINT64_CONSTANT (0x00FF00FF00FF00FF);
  x = (x | (x << 4)) & G_GUINT64_CONSTANT (0x0F0F0F0F0F0F0F0F);
  x = (x | (x << 2)) & G_GUINT64_CONSTANT (0x3333333333333333);
  x = (x | (x << 1)) & G_GUINT64_CONSTANT (0x5555555555555555);
  return x;
}

static int
compare_items (const void *a,
               const void *b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->key != ib->key)
    return ia->key < ib->key ? -1 : 1;
  return ia->index < ib->index ? -1 : (ia->index > ib->index);
}

static guint32
to_fixed (double v)
{
  double scaled = floor (v * 4294967296.0);

  if (!(scaled >= 0.0))   /* also NaN */
    return 0;
  if (scaled > 4294967295.0)
    return G_MAXUINT32;
  return (guint32) scaled;
}

/**
 * ioc_cluster_mark_radius:
 *
 * Returns: the radius of the disc drawn for a mark of @count complaints,
 * screen pixels: a point, or a cluster growing with the log of its count.
 */
double
ioc_cluster_mark_radius (guint count)
{
  if (count <= 1)
    return IOC_CLUSTER_POINT_RADIUS;
  return 13.0 + 4.0 * log10 (count);
}

/**
 * ioc_cluster_mark_extent:
 *
 * Returns: how far from its centre a mark of @count draws anything: the
 * overdue halo of a point, the outline of a cluster's disc.
 */
double
ioc_cluster_mark_extent (guint count)
{
  if (count <= 1)
    return IOC_CLUSTER_POINT_RADIUS + IOC_CLUSTER_POINT_HALO;
  return ioc_cluster_mark_radius (count) + IOC_CLUSTER_OUTLINE;
}

/* Merging marks at one level. A node is a cluster of the level or what has
 * absorbed others; its parts are a chain through next_part. */
typedef struct {
  guint64 sx, sy;        /* coordinate sums, fixed point × members */
  double  px, py;        /* centroid, screen pixels at the level's least zoom */
  double  extent;
  guint32 count;
  guint32 head, tail;    /* chain of parts */
  guint32 n_parts;
  guint32 rank;          /* order of processing in the current pass */
  gboolean alive;
} Node;

static int
compare_nodes (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const Node *nodes = data;
  const Node *na = &nodes[*(const guint32 *) a];
  const Node *nb = &nodes[*(const guint32 *) b];

  /* Biggest first; ties by the first part, which is a Morton position. */
  if (na->count != nb->count)
    return na->count > nb->count ? -1 : 1;
  return na->head < nb->head ? -1 : (na->head > nb->head);
}

static void
node_place (Node   *node,
            double  scale)
{
  node->px = (double) (node->sx / node->count) / 4294967296.0 * scale;
  node->py = (double) (node->sy / node->count) / 4294967296.0 * scale;
  node->extent = ioc_cluster_mark_extent (node->count);
}

static inline guint64
cell_key (double px,
          double py,
          double cell)
{
  return ((guint64) (guint32) (gint32) floor (px / cell) << 32) | (guint32) (gint32) floor (py / cell);
}

static inline guint
hash_key (guint64 key,
          guint   mask)
{
  return (guint) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 40) & mask;
}

/* Level L is shown from zoom L − 0.5 to L + 0.5 (level_for_zoom): screen
 * distances are least at L − 0.5 while the discs keep their size, so marks
 * apart there are apart at every zoom the level is shown. Clusters whose
 * drawn discs (plus a gap) would overlap are merged, the biggest absorbing
 * its neighbours, pass after pass until a pass merges nothing: then every
 * pair has been checked at its final position. Counts are integer sums
 * (the marks of a level still add up to every point), and the order of
 * processing depends only on counts and Morton positions: deterministic,
 * and independent of the view, so a pan never changes what is merged. */
static void
build_marks (IocClusterIndex *self,
             guint            level)
{
  const IocCluster *clusters = self->levels[level];
  guint n = self->n_clusters[level];
  double scale = IOC_CLUSTER_CELL_PX * exp2 ((double) level + 2.0 - 0.5);
  double cell = 2 * ioc_cluster_mark_extent (MAX (self->n_points, 2)) + IOC_CLUSTER_GAP + 1;
  g_autofree Node *nodes = g_new0 (Node, MAX (n, 1));
  g_autofree guint32 *next_part = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *ranked = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *next_in_cell = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *heads = NULL;
  g_autofree guint64 *head_keys = NULL;
  guint n_alive = n, hash_size = 16, i, k, merged;
  IocClusterMark *marks;
  guint32 *parts;

  while (hash_size < 2 * n)
    hash_size *= 2;
  heads = g_new (guint32, hash_size);
  head_keys = g_new (guint64, hash_size);

  for (i = 0; i < n; i++)
    {
      Node *node = &nodes[i];

      node->sx = (guint64) clusters[i].x * clusters[i].count;
      node->sy = (guint64) clusters[i].y * clusters[i].count;
      node->count = clusters[i].count;
      node->head = node->tail = i;
      node->n_parts = 1;
      node->alive = TRUE;
      next_part[i] = G_MAXUINT32;
      node_place (node, scale);
      ranked[i] = i;
    }

  do
    {
      merged = 0;
      /* Rank the living nodes; grid them by position. */
      for (i = 0, k = 0; i < n; i++)
        if (nodes[i].alive)
          ranked[k++] = i;
      g_assert (k == n_alive);
      g_qsort_with_data (ranked, n_alive, sizeof (guint32), compare_nodes, nodes);
      memset (heads, 0xff, sizeof (guint32) * hash_size);
      for (k = 0; k < n_alive; k++)
        {
          Node *node = &nodes[ranked[k]];
          guint64 key = cell_key (node->px, node->py, cell);
          guint h = hash_key (key, hash_size - 1);

          node->rank = k;
          /* Open addressing on cell keys; each slot chains its nodes. */
          while (heads[h] != G_MAXUINT32 && head_keys[h] != key)
            h = (h + 1) & (hash_size - 1);
          next_in_cell[ranked[k]] = heads[h];
          heads[h] = ranked[k];
          head_keys[h] = key;
        }

      for (k = 0; k < n_alive; k++)
        {
          Node *a = &nodes[ranked[k]];
          int dx, dy;

          if (!a->alive)
            continue;
          for (dy = -1; dy <= 1; dy++)
            for (dx = -1; dx <= 1; dx++)
              {
                guint64 key = cell_key (a->px + dx * cell, a->py + dy * cell, cell);
                guint h = hash_key (key, hash_size - 1);
                guint32 j;

                while (heads[h] != G_MAXUINT32 && head_keys[h] != key)
                  h = (h + 1) & (hash_size - 1);
                for (j = heads[h]; j != G_MAXUINT32; j = next_in_cell[j])
                  {
                    Node *b = &nodes[j];
                    double ddx, ddy, need;

                    /* Each pair once, from its bigger side; lower-ranked
                     * nodes have not moved in this pass. */
                    if (!b->alive || b->rank <= a->rank)
                      continue;
                    ddx = a->px - b->px;
                    ddy = a->py - b->py;
                    need = a->extent + b->extent + IOC_CLUSTER_GAP;
                    if (ddx * ddx + ddy * ddy >= need * need)
                      continue;
                    a->sx += b->sx;
                    a->sy += b->sy;
                    a->count += b->count;
                    a->n_parts += b->n_parts;
                    next_part[a->tail] = b->head;
                    a->tail = b->tail;
                    b->alive = FALSE;
                    n_alive--;
                    merged++;
                    node_place (a, scale);
                  }
              }
        }
    }
  while (merged > 0);

  /* Marks in the order of their first part: Morton order, like clusters. */
  marks = g_new0 (IocClusterMark, MAX (n_alive, 1));
  parts = g_new (guint32, MAX (n, 1));
  for (i = 0, k = 0; i < n; i++)
    if (nodes[i].alive)
      ranked[k++] = i;
  {
    guint n_parts = 0, m;

    for (m = 0; m < n_alive; m++)
      {
        Node *node = &nodes[ranked[m]];
        IocClusterMark *mark = &marks[m];
        guint32 p;
        guint s;

        mark->first_part = n_parts;
        mark->n_parts = node->n_parts;
        mark->sum.x = (guint32) (node->sx / node->count);
        mark->sum.y = (guint32) (node->sy / node->count);
        mark->sum.start = clusters[node->head].start;
        for (p = node->head; p != G_MAXUINT32; p = next_part[p])
          {
            parts[n_parts++] = p;
            mark->sum.start = MIN (mark->sum.start, clusters[p].start);
            mark->sum.count += clusters[p].count;
            mark->sum.overdue += clusters[p].overdue;
            for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
              mark->sum.status_counts[s] += clusters[p].status_counts[s];
          }
        /* A single part keeps the cluster's own centroid exactly. */
        if (node->n_parts == 1)
          {
            mark->sum.x = clusters[node->head].x;
            mark->sum.y = clusters[node->head].y;
          }
      }
    g_assert (n_parts == n);
  }
  self->marks[level] = marks;
  self->n_marks[level] = n_alive;
  self->mark_parts[level] = parts;
}

/**
 * ioc_cluster_index_get_marks:
 *
 * What to draw at @level (issue "The map": clusters must not hide each
 * other): the level's clusters with those whose discs would overlap at any
 * zoom the level is shown merged, so that no two marks overlap or touch
 * (they keep %IOC_CLUSTER_GAP pixels apart, by ioc_cluster_mark_extent()).
 * Their counts sum to the number of points, per status too, and they are
 * the same whatever the view or the order of the input points.
 *
 * Returns: (array length=n_marks) (transfer none): the marks of @level
 */
const IocClusterMark *
ioc_cluster_index_get_marks (IocClusterIndex *self,
                             guint            level,
                             guint           *n_marks)
{
  g_return_val_if_fail (level < N_LEVELS, NULL);
  *n_marks = self->n_marks[level];
  return self->marks[level];
}

/**
 * ioc_cluster_index_get_mark_parts:
 *
 * Returns: (transfer none): for each mark of @level, from its first_part,
 * the indices of the clusters it merges.
 */
const guint32 *
ioc_cluster_index_get_mark_parts (IocClusterIndex *self,
                                  guint            level)
{
  g_return_val_if_fail (level < N_LEVELS, NULL);
  return self->mark_parts[level];
}

/**
 * ioc_cluster_index_new:
 * @points: (array length=n_points): the points; their array index is the id
 *   returned by ioc_cluster_index_get_order()
 * @n_points: how many
 *
 * Clusters @points on a quadtree grid of 64-px cells for every zoom level from
 * 0 to %IOC_CLUSTER_MAX_ZOOM (issue "The map": exact per-status counts,
 * deterministic, a zoom step is a lookup). Points outside the Web-Mercator
 * latitude range are clamped to it.
 *
 * Returns: (transfer full): the index
 */
IocClusterIndex *
ioc_cluster_index_new (const IocClusterPoint *points,
                       guint                  n_points)
{
  IocClusterIndex *self;
  g_autofree SortItem *items = NULL;
  g_autofree guint64 *keys = NULL;
  g_autofree guint64 *sums = NULL;
  int level;
  guint i;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  self = g_new0 (IocClusterIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_points = n_points;
  self->order = g_new (guint32, MAX (n_points, 1));
  self->xy = g_new (guint32, 2 * MAX (n_points, 1));
  self->flags = g_new (guint8, MAX (n_points, 1));
  items = g_new (SortItem, MAX (n_points, 1));

  for (i = 0; i < n_points; i++)
    {
      double x, y;
      guint32 fx, fy;

      ioc_mercator_project (points[i].lat, points[i].lon, &x, &y);
      fx = to_fixed (x);
      fy = to_fixed (y);
      self->xy[2 * i] = fx;
      self->xy[2 * i + 1] = fy;
      self->flags[i] = MIN (points[i].status, IOC_N_COMPLAINT_STATUSES - 1)
                       | (points[i].overdue ? OVERDUE_FLAG : 0);
      items[i].key = spread_bits (fx >> (32 - FINEST_BITS))
                     | (spread_bits (fy >> (32 - FINEST_BITS)) << 1);
      items[i].index = i;
    }
  qsort (items, n_points, sizeof (SortItem), compare_items);
  for (i = 0; i < n_points; i++)
    self->order[i] = items[i].index;

  /* Finest level: runs of equal keys. keys[] and sums[] hold, per cluster
   * of the level being built, its cell key and its coordinate sums. */
  keys = g_new (guint64, MAX (n_points, 1));
  sums = g_new (guint64, 2 * MAX (n_points, 1));
  {
    IocCluster *out = g_new0 (IocCluster, MAX (n_points, 1));
    guint n = 0;

    for (i = 0; i < n_points; i++)
      {
        guint32 p = items[i].index;
        IocCluster *c;

        if (n == 0 || keys[n - 1] != items[i].key)
          {
            c = &out[n];
            c->start = i;
            keys[n] = items[i].key;
            sums[2 * n] = sums[2 * n + 1] = 0;
            n++;
          }
        c = &out[n - 1];
        c->count++;
        c->status_counts[self->flags[p] & ~OVERDUE_FLAG]++;
        if (self->flags[p] & OVERDUE_FLAG)
          c->overdue++;
        sums[2 * (n - 1)] += self->xy[2 * p];
        sums[2 * (n - 1) + 1] += self->xy[2 * p + 1];
      }
    for (i = 0; i < n; i++)
      {
        out[i].x = (guint32) (sums[2 * i] / out[i].count);
        out[i].y = (guint32) (sums[2 * i + 1] / out[i].count);
      }
    self->levels[IOC_CLUSTER_MAX_ZOOM] = g_renew (IocCluster, out, MAX (n, 1));
    self->n_clusters[IOC_CLUSTER_MAX_ZOOM] = n;
  }

  /* Coarser levels: merge runs of children whose keys share a parent. The
   * arrays are rewritten in place: the parent count never exceeds the
   * child count and parent j is written after child j was read. */
  for (level = IOC_CLUSTER_MAX_ZOOM - 1; level >= 0; level--)
    {
      const IocCluster *child = self->levels[level + 1];
      guint n_child = self->n_clusters[level + 1];
      IocCluster *out = g_new0 (IocCluster, MAX (n_child, 1));
      guint n = 0;

      for (i = 0; i < n_child; i++)
        {
          guint64 parent_key = keys[i] >> 2;
          guint64 sx = sums[2 * i], sy = sums[2 * i + 1];
          IocCluster *c;
          guint s;

          if (n == 0 || keys[n - 1] != parent_key)
            {
              c = &out[n];
              c->start = child[i].start;
              keys[n] = parent_key;
              sums[2 * n] = sums[2 * n + 1] = 0;
              n++;
            }
          c = &out[n - 1];
          c->count += child[i].count;
          c->overdue += child[i].overdue;
          for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
            c->status_counts[s] += child[i].status_counts[s];
          sums[2 * (n - 1)] += sx;
          sums[2 * (n - 1) + 1] += sy;
        }
      for (i = 0; i < n; i++)
        {
          out[i].x = (guint32) (sums[2 * i] / out[i].count);
          out[i].y = (guint32) (sums[2 * i + 1] / out[i].count);
        }
      self->levels[level] = g_renew (IocCluster, out, MAX (n, 1));
      self->n_clusters[level] = n;
    }

  for (level = 0; level < N_LEVELS; level++)
    build_marks (self, level);
  return self;
}

IocClusterIndex *
ioc_cluster_index_ref (IocClusterIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ioc_cluster_index_unref (IocClusterIndex *self)
{
  guint l;

  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (l = 0; l < N_LEVELS; l++)
    {
      g_free (self->levels[l]);
      g_free (self->marks[l]);
      g_free (self->mark_parts[l]);
    }
  g_free (self->order);
  g_free (self->xy);
  g_free (self->flags);
  g_free (self);
}

guint
ioc_cluster_index_get_n_points (IocClusterIndex *self)
{
  return self->n_points;
}

/**
 * ioc_cluster_index_level_for_zoom:
 *
 * Returns: the level to show at a fractional map @zoom: the nearest integer,
 * so cells are 45–90 px on screen; capped at %IOC_CLUSTER_MAX_ZOOM.
 */
guint
ioc_cluster_index_level_for_zoom (double zoom)
{
  double r = floor (zoom + 0.5);

  if (!(r >= 0))
    return 0;
  return (guint) MIN (r, IOC_CLUSTER_MAX_ZOOM);
}

/**
 * ioc_cluster_index_get_clusters:
 *
 * Returns: (array length=n_clusters) (transfer none): the clusters of @level
 * in Morton order (so by increasing start); their counts sum to the number
 * of points.
 */
const IocCluster *
ioc_cluster_index_get_clusters (IocClusterIndex *self,
                                guint            level,
                                guint           *n_clusters)
{
  g_return_val_if_fail (level < N_LEVELS, NULL);
  *n_clusters = self->n_clusters[level];
  return self->levels[level];
}

/**
 * ioc_cluster_index_get_order:
 *
 * Returns: the point ids in the order clusters refer to: a cluster's members
 * are order[start] … order[start + count − 1].
 */
const guint32 *
ioc_cluster_index_get_order (IocClusterIndex *self)
{
  return self->order;
}

static const IocCluster *
find_by_start (IocClusterIndex *self,
               guint            level,
               guint32          start)
{
  const IocCluster *c = self->levels[level];
  guint lo = 0, hi = self->n_clusters[level];

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (c[mid].start < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->n_clusters[level] && c[lo].start == start ? &c[lo] : NULL;
}

/**
 * ioc_cluster_index_get_expansion_level:
 *
 * Returns: the first level deeper than @level where @cluster splits into
 * several clusters — where a click on it zooms to — or -1 when it never
 * splits (its members share one finest cell: the map lists them instead).
 */
int
ioc_cluster_index_get_expansion_level (IocClusterIndex  *self,
                                       guint             level,
                                       const IocCluster *cluster)
{
  guint l;

  for (l = level + 1; l < N_LEVELS; l++)
    {
      const IocCluster *first = find_by_start (self, l, cluster->start);

      if (first == NULL || first->count < cluster->count)
        return l;
    }
  return -1;
}

/**
 * ioc_cluster_index_get_cell_bounds:
 *
 * The grid cell of @cluster at @level, in world units (0–1).
 */
void
ioc_cluster_index_get_cell_bounds (IocClusterIndex  *self,
                                   guint             level,
                                   const IocCluster *cluster,
                                   double           *x0,
                                   double           *y0,
                                   double           *x1,
                                   double           *y1)
{
  guint32 p = self->order[cluster->start];
  guint bits = CELL_BITS (level);
  double cell = 1.0 / (double) ((guint64) 1 << bits);
  guint32 cx = self->xy[2 * p] >> (32 - bits);
  guint32 cy = self->xy[2 * p + 1] >> (32 - bits);

  *x0 = cx * cell;
  *y0 = cy * cell;
  *x1 = *x0 + cell;
  *y1 = *y0 + cell;
}

void
ioc_cluster_index_get_point_xy (IocClusterIndex *self,
                                guint            point,
                                guint32         *x,
                                guint32         *y)
{
  g_return_if_fail (point < self->n_points);
  *x = self->xy[2 * point];
  *y = self->xy[2 * point + 1];
}

guint8
ioc_cluster_index_get_point_status (IocClusterIndex *self,
                                    guint            point)
{
  g_return_val_if_fail (point < self->n_points, 0);
  return self->flags[point] & ~OVERDUE_FLAG;
}

gboolean
ioc_cluster_index_get_point_overdue (IocClusterIndex *self,
                                     guint            point)
{
  g_return_val_if_fail (point < self->n_points, FALSE);
  return (self->flags[point] & OVERDUE_FLAG) != 0;
}

/**
 * ioc_cluster_index_get_memory_size:
 *
 * Returns: the bytes the index holds, for the benchmark's memory figure.
 */
gsize
ioc_cluster_index_get_memory_size (IocClusterIndex *self)
{
  gsize size = sizeof *self;
  guint l;

  size += (gsize) self->n_points * (sizeof (guint32) * 3 + sizeof (guint8));
  for (l = 0; l < N_LEVELS; l++)
    size += (gsize) MAX (self->n_clusters[l], 1) * (sizeof (IocCluster) + sizeof (guint32))
            + (gsize) MAX (self->n_marks[l], 1) * sizeof (IocClusterMark);
  return size;
}
