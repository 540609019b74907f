/* ioc-cluster-index.c — exact, deterministic clustering of map points for
 * every zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

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
    g_free (self->levels[l]);
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
    size += (gsize) MAX (self->n_clusters[l], 1) * sizeof (IocCluster);
  return size;
}
