/* test-format.c — Vietnamese-first formatting (product.md, domain.md §1) */
#include "config.h"

#include <math.h>

#include "ioc-format.h"

#define VI IOC_FORMAT_STYLE_VI
#define EN IOC_FORMAT_STYLE_EN

static void
check (char       *got,
       const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_integers (void)
{
  static const struct {
    gint64      value;
    const char *vi;
    const char *en;
  } cases[] = {
    { 432974, "432.974", "432,974" },      /* dossiers received, old KG */
    { 2108, "2.108", "2,108" },            /* TTHC services, old AG */
    { 513808, "513.808", "513,808" },
    { 1746414, "1.746.414", "1,746,414" },
    { 0, "0", "0" },
    { 7, "7", "7" },
    { 999, "999", "999" },
    { 1000, "1.000", "1,000" },
    { -1234, "-1.234", "-1,234" },
    { G_MAXINT64, "9.223.372.036.854.775.807", "9,223,372,036,854,775,807" },
    { G_MININT64, "-9.223.372.036.854.775.808", "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      check (ioc_format_integer (VI, cases[i].value), cases[i].vi);
      check (ioc_format_integer (EN, cases[i].value), cases[i].en);
    }
}

/* domain.md §1: rates are recomputed from counts. */
static void
test_rates (void)
{
  static const struct {
    guint64     num, den;
    guint       decimals;
    const char *vi;
    const char *en;
  } cases[] = {
    { 582, 618, 2, "94,17%", "94.17%" },     /* complaints resolved, 2024 */
    { 541, 589, 2, "91,85%", "91.85%" },     /* snapshot to 13/12/2024 */
    { 307411, 432974, 1, "71,0%", "71.0%" }, /* online dossiers, old KG */
    { 213163, 513808, 1, "41,5%", "41.5%" }, /* 2022 baseline */
    /* The report printed 179,08%: the dashboard recomputes. */
    { 1746414, 1026794, 2, "170,08%", "170.08%" },
    { 1, 8, 2, "12,50%", "12.50%" },
    { 1, 200, 0, "1%", "1%" },               /* half rounds up */
    { 1, 3, 0, "33%", "33%" },
    { 2, 3, 1, "66,7%", "66.7%" },
    { 0, 5, 2, "0,00%", "0.00%" },
    { 5, 5, 0, "100%", "100%" },
    { 123456789, 1000, 0, "12.345.679%", "12,345,679%" },
    { 5, 0, 2, "—", "—" },                   /* no rate without a denominator */
    { G_MAXUINT64, G_MAXUINT64, 2, "100,00%", "100.00%" },  /* the double fallback */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, cases[i].num, cases[i].den);
      check (ioc_format_rate (VI, cases[i].num, cases[i].den, cases[i].decimals), cases[i].vi);
      check (ioc_format_rate (EN, cases[i].num, cases[i].den, cases[i].decimals), cases[i].en);
    }
}

static void
test_decimals (void)
{
  static const struct {
    double      value;
    guint       decimals;
    const char *vi;
    const char *en;
  } cases[] = {
    { 20.3, 1, "20,3", "20.3" },
    { 1234.5, 1, "1.234,5", "1,234.5" },
    { 1234.56, 0, "1.235", "1,235" },
    { 3.5, 2, "3,50", "3.50" },
    { 0.005, 3, "0,005", "0.005" },
    { -12.25, 1, "-12,2", "-12.2" },          /* binary -12.25 rounds to even */
    { -0.04, 1, "0,0", "0.0" },               /* no "-0,0" */
    { 1e6, 0, "1.000.000", "1,000,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      check (ioc_format_decimal (VI, cases[i].value, cases[i].decimals), cases[i].vi);
      check (ioc_format_decimal (EN, cases[i].value, cases[i].decimals), cases[i].en);
    }
  check (ioc_format_decimal (VI, NAN, 1), "—");
  check (ioc_format_decimal (EN, INFINITY, 1), "—");
  check (ioc_format_percent (VI, 98.2, 1), "98,2%");
  check (ioc_format_percent (EN, 85.3, 2), "85.30%");
  check (ioc_format_percent (VI, NAN, 1), "—");
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_iso8601 ("2026-11-22T08:15:00+07:00", NULL);
  /* The same instant, written in UTC: shown in the province's time. */
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ("2026-11-22T01:15:00Z", NULL);
  g_autoptr(GDateTime) late = g_date_time_new_from_iso8601 ("2026-11-21T17:05:00Z", NULL);
  /* No local time exists for this one (year 10000): it is shown as written. */
  g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 ("9999-12-31T23:59:00Z", NULL);
  GDate d;

  for (int style = VI; style <= EN; style++)
    {
      check (ioc_format_date (style, local), "22/11/2026");
      check (ioc_format_time (style, local), "08:15");
      check (ioc_format_date_time (style, local), "22/11/2026 08:15");
      check (ioc_format_date_time (style, utc), "22/11/2026 08:15");
      check (ioc_format_date_time (style, late), "22/11/2026 00:05");
      check (ioc_format_date_time (style, end), "31/12/9999 23:59");
    }

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 9, 2026);
  check (ioc_format_gdate (VI, &d), "01/09/2026");
}

/* Phrases are translatable (English source here, vi from vi.po); the style
 * decides how their numbers are written. */
static void
test_relative (void)
{
  static const struct {
    GTimeSpan   offset;   /* then - now */
    const char *en;
  } cases[] = {
    { 0, "just now" },
    { -30 * G_TIME_SPAN_SECOND, "just now" },
    { -G_TIME_SPAN_MINUTE, "1 minute ago" },
    { -5 * G_TIME_SPAN_MINUTE - 59 * G_TIME_SPAN_SECOND, "5 minutes ago" },
    { -59 * G_TIME_SPAN_MINUTE, "59 minutes ago" },
    { -G_TIME_SPAN_HOUR, "1 hour ago" },
    { -2 * G_TIME_SPAN_HOUR - 10 * G_TIME_SPAN_MINUTE, "2 hours ago" },
    { -G_TIME_SPAN_DAY, "1 day ago" },
    { -3 * G_TIME_SPAN_DAY, "3 days ago" },
    { -29 * G_TIME_SPAN_DAY, "29 days ago" },
    { -40 * G_TIME_SPAN_DAY, "13/10/2026" },
    { 30 * G_TIME_SPAN_SECOND, "in under a minute" },
    { 1 * G_TIME_SPAN_MINUTE, "in 1 minute" },
    { 45 * G_TIME_SPAN_MINUTE, "in 45 minutes" },
    { 2 * G_TIME_SPAN_HOUR, "in 2 hours" },
    { 2 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR, "in 2 days" },
    { 31 * G_TIME_SPAN_DAY, "23/12/2026" },
  };
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-22T08:15:00+07:00", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add (now, cases[i].offset);

      check (ioc_format_relative (EN, then, now), cases[i].en);
      check (ioc_format_relative (VI, then, now), cases[i].en);
    }
}

static void
test_durations (void)
{
  static const struct {
    GTimeSpan   span;
    const char *vi;
    const char *en;
  } cases[] = {
    { 0, "under a minute", "under a minute" },
    { 59 * G_TIME_SPAN_SECOND, "under a minute", "under a minute" },
    { G_TIME_SPAN_MINUTE, "1 minute", "1 minute" },
    { 45 * G_TIME_SPAN_MINUTE, "45 minutes", "45 minutes" },
    { 2 * G_TIME_SPAN_HOUR + 15 * G_TIME_SPAN_MINUTE, "2 hours 15 minutes", "2 hours 15 minutes" },
    { G_TIME_SPAN_HOUR, "1 hour", "1 hour" },
    { 27 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "1 day 3 hours", "1 day 3 hours" },
    { 2 * G_TIME_SPAN_DAY, "2 days", "2 days" },
    /* Below 10 days, days and hours; from 10 days on, whole days only. */
    { 9 * G_TIME_SPAN_DAY + 23 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE,
      "9 days 23 hours", "9 days 23 hours" },
    { 10 * G_TIME_SPAN_DAY, "10 days", "10 days" },
    { 10 * G_TIME_SPAN_DAY + 3 * G_TIME_SPAN_HOUR, "10 days", "10 days" },
    { -(125 * G_TIME_SPAN_DAY + 3 * G_TIME_SPAN_HOUR), "125 days", "125 days" },
    { 20779 * G_TIME_SPAN_DAY + 23 * G_TIME_SPAN_HOUR, "20.779 days", "20,779 days" },
    { -90 * G_TIME_SPAN_MINUTE, "1 hour 30 minutes", "1 hour 30 minutes" },
    { 1500 * G_TIME_SPAN_DAY, "1.500 days", "1,500 days" },
    { G_MININT64, "106.751.991 days", "106,751,991 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      check (ioc_format_duration (VI, cases[i].span), cases[i].vi);
      check (ioc_format_duration (EN, cases[i].span), cases[i].en);
    }
}

/* Untranslated (the tests run in C.UTF-8), the marker stays "en". */
static void
test_style_default (void)
{
  g_assert_cmpint (ioc_format_style_default (), ==, EN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/integers", test_integers);
  g_test_add_func ("/format/rates", test_rates);
  g_test_add_func ("/format/decimals", test_decimals);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/relative", test_relative);
  g_test_add_func ("/format/durations", test_durations);
  g_test_add_func ("/format/style-default", test_style_default);

  return g_test_run ();
}
