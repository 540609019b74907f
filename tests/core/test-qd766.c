/* test-qd766.c — QĐ 766/QĐ-TTg indicators from TTHC counts (domain.md §4),
 * with the province's published figures (domain.md §1)
 */
#include "config.h"

#include <math.h>

#include "ioc-qd766.h"

/* Rates are compared as percentages printed with one or two decimals. */
#define RATE_EPS 0.00005

typedef struct {
  const char        *name;
  IocQd766Indicator  indicator;
  IocTthcCount       counts[4];
  guint64            values[4];
  guint              n_counts;
  gboolean           has_rate;
  double             rate;         /* 0–1 */
  guint64            numerator;
  guint64            denominator;
  double             points_share; /* points / max_points, < 0 when no points */
} Case;

static const Case cases[] = {
  /* Old KG 2024: 432.974 received, 307.411 online → 71,0% (3.3); full
   * points since 71,0% ≥ 50%. */
  { "kg-2024-online", IOC_QD766_3_3,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_RECEIVED_ONLINE }, { 432974, 307411 }, 2,
    TRUE, 0.7100, 307411, 432974, 1.0 },
  /* Old AG at 14/12/2024: 2.108 services, 513 partly + 1.325 fully online
   * → 1.838 / 2.108 = 87,19% (3.1) ≥ 80%: full points. */
  { "ag-2024-services", IOC_QD766_3_1,
    { IOC_TTHC_COUNT_SERVICES_TOTAL, IOC_TTHC_COUNT_SERVICES_PARTIAL_ONLINE, IOC_TTHC_COUNT_SERVICES_FULL_ONLINE },
    { 2108, 513, 1325 }, 3,
    TRUE, 0.8719, 1838, 2108, 1.0 },
  /* 2022 baseline: 513.808 dossiers, 213.163 online → 41,5%; points scale
   * linearly: 0,41487 / 0,5 of the maximum. */
  { "ag-2022-online", IOC_QD766_3_3,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_RECEIVED_ONLINE }, { 513808, 213163 }, 2,
    TRUE, 0.4149, 213163, 513808, 213163.0 / 513808.0 / 0.5 },
  /* 98,2% resolved early or on time (2.1): 600 early + 382 on time of 1.000. */
  { "ag-2024-on-time", IOC_QD766_2_1,
    { IOC_TTHC_COUNT_FINISHED_EARLY, IOC_TTHC_COUNT_FINISHED_ON_TIME, IOC_TTHC_COUNT_FINISHED_LATE },
    { 600, 382, 18 }, 3,
    TRUE, 0.982, 982, 1000, -1 },
  /* 2.1 counts unfinished dossiers still in time as on time. */
  { "on-time-with-unfinished", IOC_QD766_2_1,
    { IOC_TTHC_COUNT_FINISHED_ON_TIME, IOC_TTHC_COUNT_FINISHED_LATE, IOC_TTHC_COUNT_UNFINISHED_IN_TIME, IOC_TTHC_COUNT_UNFINISHED_OVERDUE },
    { 70, 10, 15, 5 }, 4,
    TRUE, 0.85, 85, 100, -1 },
  /* 85,30% digitised (4.2) ≥ 80%: full points. */
  { "ag-2024-digitised", IOC_QD766_4_2,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_DIGITISED }, { 10000, 8530 }, 2,
    TRUE, 0.853, 8530, 10000, 1.0 },
  /* 87,90% of results electronic (4.1): a rate, no threshold. */
  { "ag-2024-electronic-results", IOC_QD766_4_1,
    { IOC_TTHC_COUNT_FINISHED_ON_TIME, IOC_TTHC_COUNT_RESULTS_ELECTRONIC }, { 1000, 879 }, 2,
    TRUE, 0.879, 879, 1000, -1 },
  /* 4.3 at 40% of received: half the points (threshold 80%). */
  { "reuse-half", IOC_QD766_4_3,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_REUSED_DIGITISED }, { 500, 200 }, 2,
    TRUE, 0.4, 200, 500, 0.5 },
  { "synced", IOC_QD766_1_4,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_SYNCED_NATIONAL }, { 400, 396 }, 2,
    TRUE, 0.99, 396, 400, -1 },
  { "fees-online", IOC_QD766_3_6,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_FEE_BEARING, IOC_TTHC_COUNT_PAID_ONLINE }, { 400, 200, 50 }, 3,
    TRUE, 0.25, 50, 200, -1 },
  /* Zero denominators: no rate, with a reason. */
  { "no-dossiers", IOC_QD766_3_3, { 0 }, { 0 }, 0, FALSE, 0, 0, 0, -1 },
  { "no-services", IOC_QD766_3_1, { 0 }, { 0 }, 0, FALSE, 0, 0, 0, -1 },
  { "no-fees", IOC_QD766_3_6, { IOC_TTHC_COUNT_RECEIVED }, { 10 }, 1, FALSE, 0, 0, 0, -1 },
  { "no-handled", IOC_QD766_2_1, { IOC_TTHC_COUNT_RECEIVED }, { 10 }, 1, FALSE, 0, 0, 0, -1 },
  { "no-finished", IOC_QD766_4_1, { IOC_TTHC_COUNT_UNFINISHED_IN_TIME }, { 10 }, 1, FALSE, 0, 0, 0, -1 },
  { "no-handled-5.4", IOC_QD766_5_4, { 0 }, { 0 }, 0, FALSE, 0, 0, 0, -1 },
  /* Inconsistent counts (a part above its whole): no rate either. */
  { "online-above-received", IOC_QD766_3_3,
    { IOC_TTHC_COUNT_RECEIVED, IOC_TTHC_COUNT_RECEIVED_ONLINE }, { 100, 179 }, 2,
    FALSE, 0, 179, 100, -1 },
};

static void
check_case (const Case *c,
            const IocTthcStats *stats)
{
  IocQd766Result r;
  gboolean ok = ioc_qd766_compute (c->indicator, stats, &r);

  g_test_message ("case %s", c->name);
  g_assert_cmpint (ok, ==, c->has_rate);
  g_assert_cmpint (r.has_rate, ==, c->has_rate);
  g_assert_cmpint (r.indicator, ==, c->indicator);
  g_assert_cmpfloat (r.max_points, ==, ioc_qd766_indicator_max_points (c->indicator));

  if (!c->has_rate)
    {
      g_assert_nonnull (r.reason);
      g_assert_cmpstr (r.reason, !=, "");
      g_assert_false (r.has_points);
      return;
    }

  g_assert_null (r.reason);
  g_assert_cmpuint (r.numerator, ==, c->numerator);
  g_assert_cmpuint (r.denominator, ==, c->denominator);
  /* The rate is recomputed from the counts, never taken from a report. */
  g_assert_cmpfloat (r.rate, ==, (double) c->numerator / (double) c->denominator);
  g_assert_cmpfloat_with_epsilon (r.rate, c->rate, RATE_EPS);

  if (c->points_share < 0)
    g_assert_false (r.has_points);
  else
    {
      g_assert_true (r.has_points);
      g_assert_cmpfloat_with_epsilon (r.points, c->points_share * r.max_points, 1e-9);
      g_assert_cmpfloat (r.points, <=, r.max_points);
    }
}

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IocTthcStats) stats = ioc_tthc_stats_new ("u");

      for (guint j = 0; j < cases[i].n_counts; j++)
        ioc_tthc_stats_set_count (stats, cases[i].counts[j], cases[i].values[j]);
      check_case (&cases[i], stats);
    }
}

static void
test_published_percentages (void)
{
  g_autoptr(IocTthcStats) kg = ioc_tthc_stats_new ("kg");
  IocQd766Result r;
  g_autofree char *printed = NULL;

  kg->received = 432974;
  kg->received_online = 307411;
  g_assert_true (ioc_qd766_compute (IOC_QD766_3_3, kg, &r));
  /* As the report prints it, one decimal: 71,0%. */
  printed = g_strdup_printf ("%.1f", r.rate * 100.0);
  g_assert_cmpstr (printed, ==, "71.0");
}

static void
test_satisfaction (void)
{
  g_autoptr(IocTthcStats) s = ioc_tthc_stats_new ("u");
  IocQd766Result r;

  s->finished_on_time = 95;
  s->finished_late = 5;
  s->unfinished_overdue = 3;
  s->complained_or_disliked = 2;
  /* handled 103; bad 5 + 3 + 2 = 10 → 93 / 103 = 90,29% ≥ 90%: full points. */
  g_assert_true (ioc_qd766_compute (IOC_QD766_5_4, s, &r));
  g_assert_cmpuint (r.numerator, ==, 93);
  g_assert_cmpuint (r.denominator, ==, 103);
  g_assert_true (r.has_points);
  g_assert_cmpfloat (r.points, ==, r.max_points);

  /* 45% satisfied → half the points (threshold 90%). */
  s->finished_on_time = 45;
  s->finished_late = 0;
  s->unfinished_overdue = 0;
  s->unfinished_in_time = 55;
  s->complained_or_disliked = 55;
  g_assert_true (ioc_qd766_compute (IOC_QD766_5_4, s, &r));
  g_assert_cmpfloat_with_epsilon (r.points, r.max_points * 0.5, 1e-9);

  /* More complaints than dossiers: inconsistent, no rate. */
  s->complained_or_disliked = 101;
  g_assert_false (ioc_qd766_compute (IOC_QD766_5_4, s, &r));
  g_assert_nonnull (r.reason);
}

static void
test_groups (void)
{
  static const struct { const char *id; IocQd766Group group; double threshold; } table[] = {
    { "1.4", IOC_QD766_GROUP_PUBLICITY, 0 },
    { "2.1", IOC_QD766_GROUP_PROGRESS, 0 },
    { "3.1", IOC_QD766_GROUP_ONLINE, 0.80 },
    { "3.3", IOC_QD766_GROUP_ONLINE, 0.50 },
    { "3.6", IOC_QD766_GROUP_ONLINE, 0 },
    { "4.1", IOC_QD766_GROUP_DIGITISATION, 0 },
    { "4.2", IOC_QD766_GROUP_DIGITISATION, 0.80 },
    { "4.3", IOC_QD766_GROUP_DIGITISATION, 0.80 },
    { "5.4", IOC_QD766_GROUP_SATISFACTION, 0.90 },
  };
  static const double group_points[] = { 18, 20, 22, 22, 18 };
  double total = 0, per_group[IOC_QD766_N_GROUPS] = { 0 };

  g_assert_cmpuint (G_N_ELEMENTS (table), ==, IOC_QD766_N_INDICATORS);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      IocQd766Indicator ind;
      double threshold = -1;

      g_assert_true (ioc_qd766_indicator_from_id (table[i].id, &ind));
      g_assert_cmpstr (ioc_qd766_indicator_id (ind), ==, table[i].id);
      g_assert_cmpint (ioc_qd766_indicator_group (ind), ==, table[i].group);
      g_assert_nonnull (ioc_qd766_indicator_label (ind));
      g_assert_cmpint (ioc_qd766_indicator_threshold (ind, &threshold), ==, table[i].threshold > 0);
      if (table[i].threshold > 0)
        g_assert_cmpfloat (threshold, ==, table[i].threshold);
      per_group[table[i].group - 1] += ioc_qd766_indicator_max_points (ind);
    }
  g_assert_false (ioc_qd766_indicator_from_id ("3.2", NULL));
  g_assert_false (ioc_qd766_indicator_from_id (NULL, NULL));

  for (guint g = 1; g <= IOC_QD766_N_GROUPS; g++)
    {
      g_assert_cmpfloat (ioc_qd766_group_max_points (g), ==, group_points[g - 1]);
      g_assert_nonnull (ioc_qd766_group_label (g));
      /* The computed indicators never promise more than their group. */
      g_assert_cmpfloat (per_group[g - 1], <=, group_points[g - 1] + 1e-9);
      total += ioc_qd766_group_max_points (g);
    }
  g_assert_cmpfloat (total, ==, IOC_QD766_TOTAL_POINTS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qd766/cases", test_cases);
  g_test_add_func ("/qd766/published", test_published_percentages);
  g_test_add_func ("/qd766/satisfaction", test_satisfaction);
  g_test_add_func ("/qd766/groups", test_groups);

  return g_test_run ();
}
