/* test-cluster-index.c — clustering: exact counts at every zoom, determinism
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ioc-cluster-index.h"
#include "ioc-mercator.h"

/* A reproducible cloud: most points around a few towns, some spread over
 * the province, some exactly on top of each other. */
static IocClusterPoint *
make_points (guint n,
             guint32 seed)
{
  static const double towns[][2] = {
    { 10.386, 105.435 }, { 10.012, 105.081 }, { 10.706, 105.117 },
    { 10.227, 103.967 }, { 10.800, 105.230 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  IocClusterPoint *p = g_new0 (IocClusterPoint, n);
  guint i;

  for (i = 0; i < n; i++)
    {
      guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (towns));

      if (i % 10 == 0)
        {
          p[i].lat = g_rand_double_range (rand, 9.2, 11.0);
          p[i].lon = g_rand_double_range (rand, 103.5, 105.6);
        }
      else if (i % 97 == 0)
        {
          p[i].lat = towns[0][0];
          p[i].lon = towns[0][1];
        }
      else
        {
          p[i].lat = towns[t][0] + g_rand_double_range (rand, -0.05, 0.05);
          p[i].lon = towns[t][1] + g_rand_double_range (rand, -0.05, 0.05);
        }
      p[i].status = g_rand_int_range (rand, 0, IOC_N_COMPLAINT_STATUSES);
      p[i].overdue = g_rand_int_range (rand, 0, 5) == 0;
    }
  return p;
}

static void
check_conservation (const IocClusterPoint *points,
                    guint                  n)
{
  g_autoptr(IocClusterIndex) index = ioc_cluster_index_new (points, n);
  guint expected_status[IOC_N_COMPLAINT_STATUSES] = { 0 };
  guint expected_overdue = 0;
  guint level, i, s;

  for (i = 0; i < n; i++)
    {
      expected_status[points[i].status]++;
      expected_overdue += points[i].overdue;
    }
  g_assert_cmpuint (ioc_cluster_index_get_n_points (index), ==, n);

  for (level = 0; level <= IOC_CLUSTER_MAX_ZOOM; level++)
    {
      guint n_clusters;
      const IocCluster *c = ioc_cluster_index_get_clusters (index, level, &n_clusters);
      const guint32 *order = ioc_cluster_index_get_order (index);
      guint status[IOC_N_COMPLAINT_STATUSES] = { 0 };
      guint total = 0, overdue = 0, next_start = 0;

      for (i = 0; i < n_clusters; i++)
        {
          guint own = 0, own_overdue = 0, k;
          double x0, y0, x1, y1;

          /* Ranges tile the order without gaps or overlaps. */
          g_assert_cmpuint (c[i].start, ==, next_start);
          next_start += c[i].count;
          g_assert_cmpuint (c[i].count, >, 0);
          for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
            {
              status[s] += c[i].status_counts[s];
              own += c[i].status_counts[s];
            }
          g_assert_cmpuint (own, ==, c[i].count);
          total += c[i].count;
          overdue += c[i].overdue;

          /* Every member lies in the cluster's cell, and the counts are
           * exactly those of its members. */
          ioc_cluster_index_get_cell_bounds (index, level, &c[i], &x0, &y0, &x1, &y1);
          for (k = 0; k < c[i].count; k++)
            {
              guint32 p = order[c[i].start + k];
              guint32 px, py;

              ioc_cluster_index_get_point_xy (index, p, &px, &py);
              g_assert_cmpfloat (IOC_FIXED_TO_WORLD (px), >=, x0);
              g_assert_cmpfloat (IOC_FIXED_TO_WORLD (px), <, x1);
              g_assert_cmpfloat (IOC_FIXED_TO_WORLD (py), >=, y0);
              g_assert_cmpfloat (IOC_FIXED_TO_WORLD (py), <, y1);
              own_overdue += points[p].overdue;
            }
          g_assert_cmpuint (own_overdue, ==, c[i].overdue);
          /* The centroid is inside the cell too. */
          g_assert_cmpfloat (IOC_FIXED_TO_WORLD (c[i].x), >=, x0);
          g_assert_cmpfloat (IOC_FIXED_TO_WORLD (c[i].x), <=, x1);
        }
      g_assert_cmpuint (total, ==, n);
      g_assert_cmpuint (overdue, ==, expected_overdue);
      for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
        g_assert_cmpuint (status[s], ==, expected_status[s]);
      if (level > 0)
        {
          guint n_coarser;

          ioc_cluster_index_get_clusters (index, level - 1, &n_coarser);
          g_assert_cmpuint (n_coarser, <=, n_clusters);
        }
    }
}

static void
test_conservation_small (void)
{
  static const guint sizes[] = { 0, 1, 2, 7, 100, 5000 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree IocClusterPoint *p = make_points (sizes[i], 42 + i);

      check_conservation (p, sizes[i]);
    }
}

static void
test_conservation_100k (void)
{
  g_autofree IocClusterPoint *p = make_points (100000, 7);
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(IocClusterIndex) index = ioc_cluster_index_new (p, 100000);
  gint64 t1 = g_get_monotonic_time ();

  g_test_message ("built 100 000 points in %.1f ms, %.1f MB",
                  (t1 - t0) / 1000.0, ioc_cluster_index_get_memory_size (index) / 1e6);
  check_conservation (p, 100000);
}

static void
test_deterministic (void)
{
  g_autofree IocClusterPoint *p = make_points (20000, 3);
  g_autofree IocClusterPoint *q = NULL;
  g_autoptr(IocClusterIndex) a = ioc_cluster_index_new (p, 20000);
  g_autoptr(IocClusterIndex) b = ioc_cluster_index_new (p, 20000);
  guint level;

  for (level = 0; level <= IOC_CLUSTER_MAX_ZOOM; level++)
    {
      guint na, nb;
      const IocCluster *ca = ioc_cluster_index_get_clusters (a, level, &na);
      const IocCluster *cb = ioc_cluster_index_get_clusters (b, level, &nb);

      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpmem (ca, na * sizeof (IocCluster), cb, nb * sizeof (IocCluster));
    }
  g_assert_cmpmem (ioc_cluster_index_get_order (a), 20000 * 4,
                   ioc_cluster_index_get_order (b), 20000 * 4);

  /* Feeding the same points in another order gives the same clusters
   * (positions and counts; the ids differ). */
  q = g_new (IocClusterPoint, 20000);
  for (guint i = 0; i < 20000; i++)
    q[i] = p[19999 - i];
  {
    g_autoptr(IocClusterIndex) c = ioc_cluster_index_new (q, 20000);

    for (level = 0; level <= IOC_CLUSTER_MAX_ZOOM; level++)
      {
        guint na, nc, i;
        const IocCluster *ca = ioc_cluster_index_get_clusters (a, level, &na);
        const IocCluster *cc = ioc_cluster_index_get_clusters (c, level, &nc);

        g_assert_cmpuint (na, ==, nc);
        for (i = 0; i < na; i++)
          {
            g_assert_cmpuint (ca[i].x, ==, cc[i].x);
            g_assert_cmpuint (ca[i].y, ==, cc[i].y);
            g_assert_cmpuint (ca[i].count, ==, cc[i].count);
            g_assert_cmpmem (ca[i].status_counts, sizeof ca[i].status_counts,
                             cc[i].status_counts, sizeof cc[i].status_counts);
          }
      }
  }
}

static void
test_expansion (void)
{
  /* Two points 1 km apart merge at province zoom and split deeper; two
   * points on the same spot never split. */
  IocClusterPoint p[] = {
    { 10.3800, 105.4300, 0, FALSE },
    { 10.3890, 105.4300, 1, TRUE },
    { 10.0000, 105.0000, 2, FALSE },
    { 10.0000, 105.0000, 3, FALSE },
  };
  g_autoptr(IocClusterIndex) index = ioc_cluster_index_new (p, G_N_ELEMENTS (p));
  guint n, i;
  const IocCluster *c = ioc_cluster_index_get_clusters (index, 8, &n);
  gboolean seen_pair = FALSE, seen_dup = FALSE;

  g_assert_cmpuint (n, ==, 2);
  for (i = 0; i < n; i++)
    {
      int exp = ioc_cluster_index_get_expansion_level (index, 8, &c[i]);
      guint32 first = ioc_cluster_index_get_order (index)[c[i].start];

      g_assert_cmpuint (c[i].count, ==, 2);
      if (first < 2)
        {
          guint nn;

          seen_pair = TRUE;
          g_assert_cmpint (exp, >, 8);
          g_assert_cmpint (exp, <=, 14);
          ioc_cluster_index_get_clusters (index, exp, &nn);
          g_assert_cmpuint (nn, ==, 3);
          g_assert_cmpuint (c[i].overdue, ==, 1);
        }
      else
        {
          seen_dup = TRUE;
          g_assert_cmpint (exp, ==, -1);
        }
    }
  g_assert_true (seen_pair && seen_dup);
  g_assert_cmpuint (ioc_cluster_index_level_for_zoom (7.4), ==, 7);
  g_assert_cmpuint (ioc_cluster_index_level_for_zoom (7.6), ==, 8);
  g_assert_cmpuint (ioc_cluster_index_level_for_zoom (19), ==, IOC_CLUSTER_MAX_ZOOM);
  g_assert_cmpuint (ioc_cluster_index_level_for_zoom (-3), ==, 0);
}

/* The marks of every level: every cluster in exactly one mark, counts the
 * exact sums of the parts (so they add up to every point, per status and
 * overdue), and no two marks closer than their drawn extents plus the gap at
 * the least zoom the level is shown (so at none). */
static void
check_marks (const IocClusterPoint *points,
             guint                  n)
{
  g_autoptr(IocClusterIndex) index = ioc_cluster_index_new (points, n);
  guint expected_status[IOC_N_COMPLAINT_STATUSES] = { 0 };
  guint expected_overdue = 0, level, i, j, s;

  for (i = 0; i < n; i++)
    {
      expected_status[points[i].status]++;
      expected_overdue += points[i].overdue;
    }
  for (level = 0; level <= IOC_CLUSTER_MAX_ZOOM; level++)
    {
      guint n_clusters, n_marks, total = 0, overdue = 0, merged = 0;
      guint status[IOC_N_COMPLAINT_STATUSES] = { 0 };
      const IocCluster *c = ioc_cluster_index_get_clusters (index, level, &n_clusters);
      const IocClusterMark *m = ioc_cluster_index_get_marks (index, level, &n_marks);
      const guint32 *parts = ioc_cluster_index_get_mark_parts (index, level);
      g_autofree guint8 *seen = g_new0 (guint8, MAX (n_clusters, 1));
      /* Screen pixels per world unit at zoom level − 0.5. */
      double scale = 256.0 * exp2 (level - 0.5);
      double min_slack = G_MAXDOUBLE;

      g_assert_cmpuint (n_marks, <=, n_clusters);
      for (i = 0; i < n_marks; i++)
        {
          IocCluster sum = { 0 };
          guint64 sx = 0, sy = 0;

          g_assert_cmpuint (m[i].n_parts, >=, 1);
          g_assert_cmpuint (m[i].first_part + m[i].n_parts, <=, n_clusters);
          sum.start = G_MAXUINT32;
          for (j = 0; j < m[i].n_parts; j++)
            {
              const IocCluster *part = &c[parts[m[i].first_part + j]];

              g_assert_cmpuint (parts[m[i].first_part + j], <, n_clusters);
              g_assert_cmpuint (seen[parts[m[i].first_part + j]]++, ==, 0);
              sum.start = MIN (sum.start, part->start);
              sum.count += part->count;
              sum.overdue += part->overdue;
              for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
                sum.status_counts[s] += part->status_counts[s];
              sx += (guint64) part->x * part->count;
              sy += (guint64) part->y * part->count;
            }
          g_assert_cmpuint (m[i].sum.start, ==, sum.start);
          g_assert_cmpuint (m[i].sum.count, ==, sum.count);
          g_assert_cmpuint (m[i].sum.overdue, ==, sum.overdue);
          g_assert_cmpmem (m[i].sum.status_counts, sizeof sum.status_counts,
                           sum.status_counts, sizeof sum.status_counts);
          g_assert_cmpuint (m[i].sum.x, ==, (guint32) (sx / sum.count));
          g_assert_cmpuint (m[i].sum.y, ==, (guint32) (sy / sum.count));
          total += m[i].sum.count;
          overdue += m[i].sum.overdue;
          for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
            status[s] += m[i].sum.status_counts[s];
          merged += m[i].n_parts > 1;
        }
      for (i = 0; i < n_clusters; i++)
        g_assert_cmpuint (seen[i], ==, 1);
      g_assert_cmpuint (total, ==, n);
      g_assert_cmpuint (overdue, ==, expected_overdue);
      for (s = 0; s < IOC_N_COMPLAINT_STATUSES; s++)
        g_assert_cmpuint (status[s], ==, expected_status[s]);

      /* Every pair: apart by their extents and the gap. */
      for (i = 0; i < n_marks; i++)
        for (j = i + 1; j < n_marks; j++)
          {
            double dx = (IOC_FIXED_TO_WORLD (m[i].sum.x) - IOC_FIXED_TO_WORLD (m[j].sum.x)) * scale;
            double dy = (IOC_FIXED_TO_WORLD (m[i].sum.y) - IOC_FIXED_TO_WORLD (m[j].sum.y)) * scale;
            double need = ioc_cluster_mark_extent (m[i].sum.count)
                          + ioc_cluster_mark_extent (m[j].sum.count) + IOC_CLUSTER_GAP;
            double slack = sqrt (dx * dx + dy * dy) - need;

            min_slack = MIN (min_slack, slack);
            if (slack < -1e-6)
              g_error ("level %u: marks %u (%u) and %u (%u) overlap by %.2f px",
                       level, i, m[i].sum.count, j, m[j].sum.count, -slack);
          }
      if (n_marks > 1)
        g_test_message ("level %2u: %u clusters, %u marks (%u merged), closest %.1f px clear",
                        level, n_clusters, n_marks, merged, min_slack);
    }
}

static void
test_marks (void)
{
  static const guint sizes[] = { 0, 1, 2, 7, 300, 3000 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree IocClusterPoint *p = make_points (sizes[i], 11 + i);

      check_marks (p, sizes[i]);
    }
}

/* Two clusters either side of a cell edge, 20 px apart at province zoom:
 * drawn apart they would overlap, so they are one mark of both counts. */
static void
test_marks_merge_neighbours (void)
{
  IocClusterPoint p[4] = { { 0 } };
  double x, y, lat, lon, world = 256.0 * exp2 (9 - 0.5);
  g_autoptr(IocClusterIndex) index = NULL;
  guint n_clusters, n_marks;
  const IocClusterMark *m;

  /* A level-9 cell edge near Long Xuyên: x = k / 2^11. */
  ioc_mercator_project (10.38, 105.43, &x, &y);
  x = floor (x * 2048) / 2048;
  ioc_mercator_unproject (x - 10 / world, y, &lat, &lon);
  p[0].lat = p[1].lat = lat;
  p[0].lon = p[1].lon = lon;
  p[1].overdue = TRUE;
  ioc_mercator_unproject (x + 10 / world, y, &lat, &lon);
  p[2].lat = p[3].lat = lat;
  p[2].lon = p[3].lon = lon;
  p[2].status = p[3].status = 2;
  index = ioc_cluster_index_new (p, 4);
  ioc_cluster_index_get_clusters (index, 9, &n_clusters);
  g_assert_cmpuint (n_clusters, ==, 2);
  m = ioc_cluster_index_get_marks (index, 9, &n_marks);
  g_assert_cmpuint (n_marks, ==, 1);
  g_assert_cmpuint (m[0].n_parts, ==, 2);
  g_assert_cmpuint (m[0].sum.count, ==, 4);
  g_assert_cmpuint (m[0].sum.overdue, ==, 1);
  g_assert_cmpuint (m[0].sum.status_counts[0], ==, 2);
  g_assert_cmpuint (m[0].sum.status_counts[2], ==, 2);
  /* Centred between them. */
  g_assert_cmpfloat_with_epsilon (IOC_FIXED_TO_WORLD (m[0].sum.x), x, 1e-9);
  /* At city zoom they are far apart: two marks. */
  ioc_cluster_index_get_marks (index, 13, &n_marks);
  g_assert_cmpuint (n_marks, ==, 2);
}

static void
test_marks_deterministic (void)
{
  g_autofree IocClusterPoint *p = make_points (20000, 5);
  g_autofree IocClusterPoint *q = g_new (IocClusterPoint, 20000);
  g_autoptr(IocClusterIndex) a = NULL;
  g_autoptr(IocClusterIndex) b = NULL;
  g_autoptr(IocClusterIndex) c = NULL;
  guint level, i;

  for (i = 0; i < 20000; i++)
    q[i] = p[(i * 7919) % 20000];
  a = ioc_cluster_index_new (p, 20000);
  b = ioc_cluster_index_new (p, 20000);
  c = ioc_cluster_index_new (q, 20000);
  for (level = 0; level <= IOC_CLUSTER_MAX_ZOOM; level++)
    {
      guint na, nb, nc;
      const IocClusterMark *ma = ioc_cluster_index_get_marks (a, level, &na);
      const IocClusterMark *mb = ioc_cluster_index_get_marks (b, level, &nb);
      const IocClusterMark *mc = ioc_cluster_index_get_marks (c, level, &nc);
      guint n_clusters;

      ioc_cluster_index_get_clusters (a, level, &n_clusters);
      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpmem (ma, na * sizeof *ma, mb, nb * sizeof *mb);
      g_assert_cmpmem (ioc_cluster_index_get_mark_parts (a, level), n_clusters * 4,
                       ioc_cluster_index_get_mark_parts (b, level), n_clusters * 4);
      /* Another input order: the same marks (the ids differ, not where
       * and how many). */
      g_assert_cmpuint (na, ==, nc);
      for (i = 0; i < na; i++)
        {
          g_assert_cmpuint (ma[i].sum.x, ==, mc[i].sum.x);
          g_assert_cmpuint (ma[i].sum.y, ==, mc[i].sum.y);
          g_assert_cmpuint (ma[i].sum.count, ==, mc[i].sum.count);
          g_assert_cmpuint (ma[i].n_parts, ==, mc[i].n_parts);
          g_assert_cmpmem (ma[i].sum.status_counts, sizeof ma[i].sum.status_counts,
                           mc[i].sum.status_counts, sizeof mc[i].sum.status_counts);
        }
    }
}

static void
test_mercator (void)
{
  static const double cases[][2] = { { 0, 0 }, { 10.386, 105.435 }, { -33.9, 18.4 }, { 60, -150 } };
  double x, y, lat, lon;
  guint i;

  ioc_mercator_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  ioc_mercator_project (IOC_MERCATOR_MAX_LATITUDE, -180, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ioc_mercator_project (cases[i][0], cases[i][1], &x, &y);
      ioc_mercator_unproject (x, y, &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lat, cases[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (lon, cases[i][1], 1e-9);
    }
  /* 156 543 m/px at zoom 0 on the equator: the textbook figure. */
  g_assert_cmpfloat_with_epsilon (ioc_mercator_meters_per_pixel (0, 0), 156543.03, 0.01);
  /* The province (about 2.1° × 1.8°) fits 1000 × 800 px at zoom 9.27. */
  {
    double z = ioc_mercator_zoom_for_span (9.2, 103.5, 11.0, 105.6, 1000, 800);

    g_assert_cmpfloat_with_epsilon (z, 9.265, 0.01);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/cluster/conservation-small", test_conservation_small);
  g_test_add_func ("/map/cluster/conservation-100k", test_conservation_100k);
  g_test_add_func ("/map/cluster/deterministic", test_deterministic);
  g_test_add_func ("/map/cluster/expansion", test_expansion);
  g_test_add_func ("/map/cluster/marks", test_marks);
  g_test_add_func ("/map/cluster/marks-merge-neighbours", test_marks_merge_neighbours);
  g_test_add_func ("/map/cluster/marks-deterministic", test_marks_deterministic);
  g_test_add_func ("/map/mercator", test_mercator);
  return g_test_run ();
}
