/* test-threshold.c — QCVN 05:2023, QCVN 08:2023, alarm levels, salinity
 * (domain.md §7) */
#include "config.h"

#include <math.h>

#include "ioc-threshold.h"

static void
test_air_limits (void)
{
  static const struct {
    IocParameter p;
    IocAveraging a;
    gboolean     defined;
    double       limit;
  } cases[] = {
    { IOC_PARAMETER_SO2, IOC_AVERAGING_1H, TRUE, 350 },
    { IOC_PARAMETER_SO2, IOC_AVERAGING_24H, TRUE, 125 },
    { IOC_PARAMETER_SO2, IOC_AVERAGING_YEAR, TRUE, 50 },
    { IOC_PARAMETER_SO2, IOC_AVERAGING_8H, FALSE, 0 },
    { IOC_PARAMETER_CO, IOC_AVERAGING_1H, TRUE, 30000 },
    { IOC_PARAMETER_CO, IOC_AVERAGING_8H, TRUE, 10000 },
    { IOC_PARAMETER_CO, IOC_AVERAGING_24H, FALSE, 0 },
    { IOC_PARAMETER_NO2, IOC_AVERAGING_1H, TRUE, 200 },
    { IOC_PARAMETER_NO2, IOC_AVERAGING_24H, TRUE, 100 },
    { IOC_PARAMETER_NO2, IOC_AVERAGING_YEAR, TRUE, 40 },
    { IOC_PARAMETER_O3, IOC_AVERAGING_1H, TRUE, 200 },
    { IOC_PARAMETER_O3, IOC_AVERAGING_8H, TRUE, 120 },
    { IOC_PARAMETER_O3, IOC_AVERAGING_YEAR, FALSE, 0 },
    { IOC_PARAMETER_TSP, IOC_AVERAGING_1H, TRUE, 300 },
    { IOC_PARAMETER_TSP, IOC_AVERAGING_24H, TRUE, 200 },
    { IOC_PARAMETER_TSP, IOC_AVERAGING_YEAR, TRUE, 100 },
    { IOC_PARAMETER_PM10, IOC_AVERAGING_24H, TRUE, 100 },
    { IOC_PARAMETER_PM10, IOC_AVERAGING_YEAR, TRUE, 50 },
    { IOC_PARAMETER_PM10, IOC_AVERAGING_1H, FALSE, 0 },
    { IOC_PARAMETER_PM25, IOC_AVERAGING_YEAR, TRUE, 25 },
    { IOC_PARAMETER_PM25, IOC_AVERAGING_1H, FALSE, 0 },
    { IOC_PARAMETER_BOD5, IOC_AVERAGING_1H, FALSE, 0 },
  };
  g_autoptr(GDate) day = g_date_new_dmy (15, G_DATE_JUNE, 2025);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double limit = -1;
      gboolean ok = ioc_threshold_air_limit (cases[i].p, cases[i].a, day, &limit);

      g_assert_cmpint (ok, ==, cases[i].defined);
      if (ok)
        g_assert_cmpfloat (limit, ==, cases[i].limit);
    }
}

static void
test_pm25_date (void)
{
  static const struct { int d, m, y; double limit; } cases[] = {
    { 1, 1, 2024, 50 },
    { 31, 12, 2025, 50 },
    { 1, 1, 2026, 45 },
    { 2, 1, 2026, 45 },
    { 1, 7, 2030, 45 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) d = g_date_new_dmy (cases[i].d, cases[i].m, cases[i].y);
      double limit = 0;
      IocLimitCheck check;

      g_assert_true (ioc_threshold_air_limit (IOC_PARAMETER_PM25, IOC_AVERAGING_24H, d, &limit));
      g_assert_cmpfloat (limit, ==, cases[i].limit);

      /* 48 µg/m³ complies in 2025 and exceeds from 2026 */
      g_assert_true (ioc_threshold_air_check (IOC_PARAMETER_PM25, IOC_AVERAGING_24H, 48, d, &check));
      g_assert_cmpint (check.exceeded, ==, cases[i].limit < 48);
      g_assert_cmpfloat_with_epsilon (check.excess, 48 - cases[i].limit, 1e-12);
    }
  {
    double limit;
    g_assert_false (ioc_threshold_air_limit (IOC_PARAMETER_PM25, IOC_AVERAGING_24H, NULL, &limit));
  }
}

static void
test_air_check (void)
{
  IocLimitCheck c;

  g_assert_true (ioc_threshold_air_check (IOC_PARAMETER_NO2, IOC_AVERAGING_1H, 200, NULL, &c));
  g_assert_false (c.exceeded);   /* at the limit complies */
  g_assert_true (ioc_threshold_air_check (IOC_PARAMETER_NO2, IOC_AVERAGING_1H, 250, NULL, &c));
  g_assert_true (c.exceeded);
  g_assert_cmpfloat (c.limit, ==, 200);
  g_assert_cmpfloat (c.excess, ==, 50);
  g_assert_cmpfloat (c.ratio, ==, 1.25);
  g_assert_false (ioc_threshold_air_check (IOC_PARAMETER_NO2, IOC_AVERAGING_8H, 250, NULL, &c));
  g_assert_false (ioc_threshold_air_check (IOC_PARAMETER_NO2, IOC_AVERAGING_1H, NAN, NULL, &c));
}

static void
test_river_class (void)
{
  static const struct { IocParameter p; double v; IocRiverClass c; } cases[] = {
    { IOC_PARAMETER_PH, 6.5, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_PH, 8.5, IOC_RIVER_CLASS_A },
    { IOC_PARAMETER_PH, 6.49, IOC_RIVER_CLASS_B }, { IOC_PARAMETER_PH, 6.0, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_PH, 5.99, IOC_RIVER_CLASS_D }, { IOC_PARAMETER_PH, 8.51, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_BOD5, 4, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_BOD5, 4.1, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_BOD5, 6, IOC_RIVER_CLASS_B }, { IOC_PARAMETER_BOD5, 10, IOC_RIVER_CLASS_C },
    { IOC_PARAMETER_BOD5, 10.1, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_COD, 10, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_COD, 15, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_COD, 20, IOC_RIVER_CLASS_C }, { IOC_PARAMETER_COD, 21, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_TOC, 4, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_TOC, 6, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_TOC, 8, IOC_RIVER_CLASS_C }, { IOC_PARAMETER_TOC, 8.1, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_DO, 6, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_DO, 5.9, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_DO, 5, IOC_RIVER_CLASS_B }, { IOC_PARAMETER_DO, 4, IOC_RIVER_CLASS_C },
    { IOC_PARAMETER_DO, 3.99, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_TOTAL_P, 0.1, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_TOTAL_P, 0.3, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_TOTAL_P, 0.5, IOC_RIVER_CLASS_C }, { IOC_PARAMETER_TOTAL_P, 0.51, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_TOTAL_N, 0.6, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_TOTAL_N, 1.5, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_TOTAL_N, 2, IOC_RIVER_CLASS_C }, { IOC_PARAMETER_TOTAL_N, 2.1, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_COLIFORM, 1000, IOC_RIVER_CLASS_A }, { IOC_PARAMETER_COLIFORM, 5000, IOC_RIVER_CLASS_B },
    { IOC_PARAMETER_COLIFORM, 7500, IOC_RIVER_CLASS_C }, { IOC_PARAMETER_COLIFORM, 7501, IOC_RIVER_CLASS_D },
    { IOC_PARAMETER_TSS, 10, IOC_RIVER_CLASS_NONE }, { IOC_PARAMETER_BOD5, NAN, IOC_RIVER_CLASS_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ioc_threshold_river_class (cases[i].p, cases[i].v), ==, cases[i].c);
  g_assert_cmpstr (ioc_river_class_to_string (IOC_RIVER_CLASS_C), ==, "C");
  g_assert_null (ioc_river_class_to_string (IOC_RIVER_CLASS_NONE));
}

static void
test_health (void)
{
  static const struct { IocParameter p; double limit; } cases[] = {
    { IOC_PARAMETER_N_NO2, 0.05 }, { IOC_PARAMETER_N_NH4, 0.3 }, { IOC_PARAMETER_AS, 0.01 },
    { IOC_PARAMETER_CD, 0.005 }, { IOC_PARAMETER_PB, 0.02 }, { IOC_PARAMETER_CR6, 0.01 },
    { IOC_PARAMETER_CU, 0.1 }, { IOC_PARAMETER_ZN, 0.5 }, { IOC_PARAMETER_HG, 0.001 },
  };
  double limit;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IocLimitCheck c;

      g_assert_true (ioc_threshold_health_limit (cases[i].p, &limit));
      g_assert_cmpfloat (limit, ==, cases[i].limit);
      g_assert_true (ioc_threshold_health_check (cases[i].p, cases[i].limit, &c));
      g_assert_false (c.exceeded);
      g_assert_true (ioc_threshold_health_check (cases[i].p, cases[i].limit * 2, &c));
      g_assert_true (c.exceeded);
      g_assert_cmpfloat_with_epsilon (c.ratio, 2, 1e-12);
    }
  g_assert_false (ioc_threshold_health_limit (IOC_PARAMETER_BOD5, &limit));
}

static void
test_alarm_levels (void)
{
  static const struct { const char *station; double level; IocAlarmLevel expected; double above; } cases[] = {
    { "Tân Châu", 3.49, IOC_ALARM_BELOW, -0.01 },
    { "Tân Châu", 3.5, IOC_ALARM_BD1, 0 },
    { "Tân Châu", 3.99, IOC_ALARM_BD1, 0.49 },
    { "Tân Châu", 4.0, IOC_ALARM_BD2, 0 },
    { "Tân Châu", 4.5, IOC_ALARM_BD3, 0 },
    { "Tân Châu", 4.8, IOC_ALARM_BD3, 0.3 },
    { "Châu Đốc", 2.99, IOC_ALARM_BELOW, -0.01 },
    { "Châu Đốc", 3.0, IOC_ALARM_BD1, 0 },
    { "Châu Đốc", 3.5, IOC_ALARM_BD2, 0 },
    { "Châu Đốc", 3.7, IOC_ALARM_BD2, 0.2 },
    { "Châu Đốc", 4.0, IOC_ALARM_BD3, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const IocAlarmLevels *levels = ioc_alarm_levels_for_station (cases[i].station);
      double above = 99;

      g_assert_nonnull (levels);
      g_assert_cmpint (ioc_threshold_alarm_level (levels, cases[i].level, &above), ==, cases[i].expected);
      g_assert_cmpfloat_with_epsilon (above, cases[i].above, 1e-9);
    }

  g_assert_true (ioc_alarm_levels_for_station ("TAN CHAU") == ioc_alarm_levels_tan_chau ());
  g_assert_true (ioc_alarm_levels_for_station ("chau doc") == ioc_alarm_levels_chau_doc ());
  g_assert_null (ioc_alarm_levels_for_station ("Long Xuyên"));

  /* a generic station with levels from the feed */
  {
    IocAlarmLevels generic = { 1.8, 2.2, 2.6 };

    g_assert_cmpint (ioc_threshold_alarm_level (&generic, 2.2, NULL), ==, IOC_ALARM_BD2);
    g_assert_cmpint (ioc_threshold_alarm_level (&generic, 1.0, NULL), ==, IOC_ALARM_BELOW);
  }
  g_assert_cmpstr (ioc_alarm_level_to_string (IOC_ALARM_BD3), ==, "bd3");
  g_assert_nonnull (ioc_alarm_level_label (IOC_ALARM_BD1));
}

static void
test_salinity (void)
{
  static const struct { double s; IocSalinityLevel level; } cases[] = {
    { 0, IOC_SALINITY_BELOW_1 }, { 0.99, IOC_SALINITY_BELOW_1 },
    { 1, IOC_SALINITY_FROM_1 }, { 3.99, IOC_SALINITY_FROM_1 },
    { 4, IOC_SALINITY_FROM_4 }, { 12, IOC_SALINITY_FROM_4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ioc_threshold_salinity_level (cases[i].s), ==, cases[i].level);
  g_assert_cmpstr (ioc_salinity_level_to_string (IOC_SALINITY_FROM_4), ==, "from_4");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threshold/air/limits", test_air_limits);
  g_test_add_func ("/threshold/air/pm25-date", test_pm25_date);
  g_test_add_func ("/threshold/air/check", test_air_check);
  g_test_add_func ("/threshold/river/class", test_river_class);
  g_test_add_func ("/threshold/river/health", test_health);
  g_test_add_func ("/threshold/alarm-levels", test_alarm_levels);
  g_test_add_func ("/threshold/salinity", test_salinity);

  return g_test_run ();
}
