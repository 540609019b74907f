/* ioc-cluster-index.h — exact, deterministic clustering of map points for
 * every zoom level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-complaint-status.h"

G_BEGIN_DECLS

/* The finest level that is precomputed; deeper zooms show single points. */
#define IOC_CLUSTER_MAX_ZOOM 16
/* A grid cell is 64 px wide on screen at its own zoom level: four per tile. */
#define IOC_CLUSTER_CELL_PX 64

/* What the index is built from: one complaint. */
typedef struct {
  double   lat;
  double   lon;
  guint8   status;     /* IocComplaintStatus */
  gboolean overdue;
} IocClusterPoint;

/* One cluster at one zoom level. Positions are Web-Mercator world units
 * (ioc_mercator_project()) in 32-bit fixed point: x / 2^32. */
typedef struct {
  guint32 x;           /* centroid of the members */
  guint32 y;
  guint32 start;       /* first member in ioc_cluster_index_get_order() */
  guint32 count;
  guint32 overdue;
  guint32 status_counts[IOC_N_COMPLAINT_STATUSES];
} IocCluster;

/* Drawn sizes of the marks, screen pixels: a single point's disc, the
 * extra ring of an overdue point, a cluster's disc outline, and the least
 * gap kept between two marks. The layer draws with these. */
#define IOC_CLUSTER_POINT_RADIUS 6.0
#define IOC_CLUSTER_POINT_HALO   3.5
#define IOC_CLUSTER_OUTLINE      1.5
#define IOC_CLUSTER_GAP          3.0

/* A mark as drawn at one level: a cluster of the level, or several whose
 * discs would overlap on screen merged into one. sum.x, sum.y is the
 * count-weighted centroid of the parts; sum.count, sum.overdue and
 * sum.status_counts their exact sums; sum.start the start of its first
 * part. Its parts are ioc_cluster_index_get_mark_parts()[first_part …
 * first_part + n_parts − 1], indices into the level's clusters. */
typedef struct {
  IocCluster sum;
  guint32    first_part;
  guint32    n_parts;
} IocClusterMark;

#define IOC_FIXED_TO_WORLD(v) ((double) (v) / 4294967296.0)

typedef struct _IocClusterIndex IocClusterIndex;

#define IOC_TYPE_CLUSTER_INDEX (ioc_cluster_index_get_type ())
GType             ioc_cluster_index_get_type           (void) G_GNUC_CONST;

IocClusterIndex  *ioc_cluster_index_new                (const IocClusterPoint *points,
                                                        guint                  n_points);
IocClusterIndex  *ioc_cluster_index_ref                (IocClusterIndex       *self);
void              ioc_cluster_index_unref              (IocClusterIndex       *self);

guint             ioc_cluster_index_get_n_points       (IocClusterIndex       *self);
guint             ioc_cluster_index_level_for_zoom     (double                 zoom);
const IocCluster *ioc_cluster_index_get_clusters       (IocClusterIndex       *self,
                                                        guint                  level,
                                                        guint                 *n_clusters);
const guint32    *ioc_cluster_index_get_order          (IocClusterIndex       *self);
int               ioc_cluster_index_get_expansion_level (IocClusterIndex      *self,
                                                        guint                  level,
                                                        const IocCluster      *cluster);
void              ioc_cluster_index_get_cell_bounds    (IocClusterIndex       *self,
                                                        guint                  level,
                                                        const IocCluster      *cluster,
                                                        double                *x0,
                                                        double                *y0,
                                                        double                *x1,
                                                        double                *y1);
void              ioc_cluster_index_get_point_xy       (IocClusterIndex       *self,
                                                        guint                  point,
                                                        guint32               *x,
                                                        guint32               *y);
guint8            ioc_cluster_index_get_point_status   (IocClusterIndex       *self,
                                                        guint                  point);
gboolean          ioc_cluster_index_get_point_overdue  (IocClusterIndex       *self,
                                                        guint                  point);
gsize             ioc_cluster_index_get_memory_size    (IocClusterIndex       *self);
double            ioc_cluster_mark_radius              (guint                  count);
double            ioc_cluster_mark_extent              (guint                  count);
const IocClusterMark *ioc_cluster_index_get_marks      (IocClusterIndex       *self,
                                                        guint                  level,
                                                        guint                 *n_marks);
const guint32    *ioc_cluster_index_get_mark_parts     (IocClusterIndex       *self,
                                                        guint                  level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocClusterIndex, ioc_cluster_index_unref)

G_END_DECLS
