/* test-calendar.c — the working-day calendar and its holidays file
 * (domain.md §3, Labour Code 2019 art. 112) */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ioc-calendar.h"

static void
set_date (GDate      *d,
          const char *iso)
{
  guint y, m, day;

  g_assert_cmpint (sscanf (iso, "%u-%u-%u", &y, &m, &day), ==, 3);
  g_date_clear (d, 1);
  g_date_set_dmy (d, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
  g_assert_true (g_date_valid (d));
}

static IocDayKind
kind_of (IocCalendar *cal,
         const char  *iso)
{
  GDate d;

  set_date (&d, iso);
  return ioc_calendar_get_day_kind (cal, &d);
}

static IocCalendar *
calendar_from (const char *text)
{
  IocCalendar *cal = ioc_calendar_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ioc_calendar_load_data (cal, text, -1, "test", &error));
  g_assert_no_error (error);
  return cal;
}

/* The built-in days, checked one by one against the announcements and the
 * substitution rule cited in ioc-holidays-default.txt. */
static void
test_default_days (void)
{
  static const struct {
    const char *date;
    IocDayKind  kind;
  } cases[] = {
    { "2024-01-01", IOC_DAY_KIND_HOLIDAY },
    { "2024-02-08", IOC_DAY_KIND_SUBSTITUTE },   /* moved by the announcement */
    { "2024-02-10", IOC_DAY_KIND_HOLIDAY },      /* mùng 1 on a Saturday */
    { "2024-02-14", IOC_DAY_KIND_SUBSTITUTE },
    { "2024-02-15", IOC_DAY_KIND_WORKING },
    { "2024-04-29", IOC_DAY_KIND_DAY_OFF },
    { "2024-05-04", IOC_DAY_KIND_MAKEUP },
    { "2024-09-03", IOC_DAY_KIND_HOLIDAY },
    { "2025-01-24", IOC_DAY_KIND_WORKING },
    { "2025-01-27", IOC_DAY_KIND_SUBSTITUTE },   /* for Saturday 01/02 */
    { "2025-02-03", IOC_DAY_KIND_WORKING },      /* not the rule's Monday */
    { "2025-04-26", IOC_DAY_KIND_MAKEUP },
    { "2025-05-02", IOC_DAY_KIND_DAY_OFF },
    { "2025-09-01", IOC_DAY_KIND_HOLIDAY },
    { "2025-09-03", IOC_DAY_KIND_WORKING },
    { "2026-01-01", IOC_DAY_KIND_HOLIDAY },
    { "2026-01-02", IOC_DAY_KIND_DAY_OFF },
    { "2026-01-10", IOC_DAY_KIND_MAKEUP },
    { "2026-02-13", IOC_DAY_KIND_WORKING },
    { "2026-02-14", IOC_DAY_KIND_WEEKEND },
    { "2026-02-16", IOC_DAY_KIND_HOLIDAY },
    { "2026-02-17", IOC_DAY_KIND_HOLIDAY },      /* lunar new year */
    { "2026-02-20", IOC_DAY_KIND_HOLIDAY },
    { "2026-02-23", IOC_DAY_KIND_WORKING },
    { "2026-04-26", IOC_DAY_KIND_HOLIDAY },      /* Hùng Kings' day, a Sunday */
    { "2026-04-27", IOC_DAY_KIND_SUBSTITUTE },
    { "2026-04-30", IOC_DAY_KIND_HOLIDAY },
    { "2026-05-01", IOC_DAY_KIND_HOLIDAY },
    { "2026-08-31", IOC_DAY_KIND_DAY_OFF },
    { "2026-09-01", IOC_DAY_KIND_HOLIDAY },
    { "2026-09-02", IOC_DAY_KIND_HOLIDAY },
    { "2026-09-03", IOC_DAY_KIND_WORKING },
    { "2027-02-05", IOC_DAY_KIND_HOLIDAY },
    { "2027-02-06", IOC_DAY_KIND_HOLIDAY },      /* lunar new year, a Saturday */
    { "2027-02-09", IOC_DAY_KIND_HOLIDAY },
    { "2027-02-10", IOC_DAY_KIND_SUBSTITUTE },   /* for Saturday 06/02 */
    { "2027-02-11", IOC_DAY_KIND_SUBSTITUTE },   /* for Sunday 07/02 */
    { "2027-02-12", IOC_DAY_KIND_WORKING },
    { "2027-04-16", IOC_DAY_KIND_HOLIDAY },
    { "2027-05-01", IOC_DAY_KIND_HOLIDAY },      /* a Saturday */
    { "2027-05-03", IOC_DAY_KIND_SUBSTITUTE },
    { "2027-09-03", IOC_DAY_KIND_HOLIDAY },
    { "2028-01-03", IOC_DAY_KIND_WORKING },      /* beyond the file: weekdays work */
  };
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;

      g_test_message ("%s", cases[i].date);
      g_assert_cmpint (kind_of (cal, cases[i].date), ==, cases[i].kind);
      set_date (&d, cases[i].date);
      g_assert_cmpint (ioc_calendar_is_working_day (cal, &d), ==,
                       cases[i].kind == IOC_DAY_KIND_WORKING ||
                       cases[i].kind == IOC_DAY_KIND_MAKEUP);
    }
}

static void
test_default_names (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  GDate d;

  set_date (&d, "2026-02-17");
  g_assert_cmpstr (ioc_calendar_get_day_name (cal, &d), ==, "Tết Nguyên đán (mùng 1)");
  set_date (&d, "2026-04-27");
  g_assert_nonnull (strstr (ioc_calendar_get_day_name (cal, &d), "Giỗ Tổ Hùng Vương"));
  g_assert_nonnull (strstr (ioc_calendar_get_day_name (cal, &d), "26/04/2026"));
  set_date (&d, "2026-03-03");
  g_assert_null (ioc_calendar_get_day_name (cal, &d));
}

/* Labour Code art. 112 gives 11 holidays a year; announced swaps move days
 * without changing the total, except 2026's extra 31/08 (its make-up day
 * was not yet known: see the file). */
static void
test_default_counts (void)
{
  static const guint expected[][2] = {
    { 2023, 0 }, { 2024, 11 }, { 2025, 11 }, { 2026, 12 }, { 2027, 11 }, { 2028, 0 },
  };
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpuint (ioc_calendar_count_days_off (cal, expected[i][0]), ==, expected[i][1]);
      g_assert_cmpint (ioc_calendar_knows_year (cal, expected[i][0]), ==, expected[i][1] > 0);
    }
}

/* The source file and the compiled-in copy are the same calendar. */
static void
test_default_file_matches (void)
{
  const char *srcdir = g_getenv ("IOC_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(IocCalendar) from_file = ioc_calendar_new ();
  g_autoptr(IocCalendar) builtin = ioc_calendar_new_default ();
  g_autoptr(GError) error = NULL;
  GDate d;

  if (srcdir == NULL)
    {
      g_test_skip ("IOC_SOURCE_DIR is not set");
      return;
    }
  path = g_build_filename (srcdir, "src", "core", "model", "ioc-holidays-default.txt", NULL);
  g_assert_true (ioc_calendar_load_file (from_file, path, &error));
  g_assert_no_error (error);

  set_date (&d, "2023-12-01");
  for (guint i = 0; i < 5 * 366; i++, g_date_add_days (&d, 1))
    {
      g_assert_cmpint (ioc_calendar_get_day_kind (from_file, &d), ==,
                       ioc_calendar_get_day_kind (builtin, &d));
      g_assert_cmpstr (ioc_calendar_get_day_name (from_file, &d), ==,
                       ioc_calendar_get_day_name (builtin, &d));
    }
}

/* Labour Code art. 112(3): a holiday on a weekend gives the next working day
 * off; consecutive ones give consecutive days; a "substitute" line moves it. */
static void
test_substitution (void)
{
  g_autoptr(IocCalendar) cal = calendar_from (
    "holiday 2030-06-01 A\n"          /* Saturday */
    "holiday 2030-06-02 B\n"          /* Sunday */
    "holiday 2030-06-03 C\n"          /* Monday: not a substitute */
    "holiday 2030-06-16 D\n"          /* Sunday */
    "holiday 2030-06-22 E\n"          /* Saturday, moved to the Friday before */
    "substitute 2030-06-22 2030-06-21\n");

  g_assert_cmpint (kind_of (cal, "2030-06-03"), ==, IOC_DAY_KIND_HOLIDAY);
  g_assert_cmpint (kind_of (cal, "2030-06-04"), ==, IOC_DAY_KIND_SUBSTITUTE);
  g_assert_cmpint (kind_of (cal, "2030-06-05"), ==, IOC_DAY_KIND_SUBSTITUTE);
  g_assert_cmpint (kind_of (cal, "2030-06-06"), ==, IOC_DAY_KIND_WORKING);
  g_assert_cmpint (kind_of (cal, "2030-06-17"), ==, IOC_DAY_KIND_SUBSTITUTE);
  g_assert_cmpint (kind_of (cal, "2030-06-21"), ==, IOC_DAY_KIND_SUBSTITUTE);
  g_assert_cmpint (kind_of (cal, "2030-06-24"), ==, IOC_DAY_KIND_WORKING);
  g_assert_cmpuint (ioc_calendar_count_days_off (cal, 2030), ==, 5);
}

/* Comments, blank lines, CRLF, a BOM, the date-only shorthand, "remove". */
static void
test_format_features (void)
{
  g_autoptr(IocCalendar) cal = calendar_from (
    "\xEF\xBB\xBF# a comment\r\n"
    "\r\n"
    "   2030-01-01 New Year   # trailing comment\r\n"
    "off 2030-01-02\r\n"
    "work\t2030-01-05\tmake-up\r\n"
    "holiday 2030-01-07 to be removed\n"
    "remove 2030-01-07\n"
    "holiday 2030-01-07 declared again\n"
    "remove 2030-01-07");
  GDate d;

  g_assert_cmpint (kind_of (cal, "2030-01-01"), ==, IOC_DAY_KIND_HOLIDAY);
  set_date (&d, "2030-01-01");
  g_assert_cmpstr (ioc_calendar_get_day_name (cal, &d), ==, "New Year");
  set_date (&d, "2030-01-02");
  g_assert_cmpstr (ioc_calendar_get_day_name (cal, &d), ==, "");
  g_assert_cmpint (kind_of (cal, "2030-01-02"), ==, IOC_DAY_KIND_DAY_OFF);
  g_assert_cmpint (kind_of (cal, "2030-01-05"), ==, IOC_DAY_KIND_MAKEUP);
  g_assert_cmpint (kind_of (cal, "2030-01-07"), ==, IOC_DAY_KIND_WORKING);
}

/* An operator's file on top of the built-in one: the Government cancels a
 * day and swaps another. */
static void
test_overlay (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ioc_calendar_load_data (cal,
                                         "remove 2026-08-31\n"
                                         "holiday 2026-09-03 moved\n", -1, "overlay", &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind_of (cal, "2026-08-31"), ==, IOC_DAY_KIND_WORKING);
  g_assert_cmpint (kind_of (cal, "2026-09-03"), ==, IOC_DAY_KIND_HOLIDAY);
  /* Everything else is still there. */
  g_assert_cmpint (kind_of (cal, "2026-02-17"), ==, IOC_DAY_KIND_HOLIDAY);
}

/* Malformed files: a clear error naming the line, and nothing applied. */
static void
test_errors (void)
{
  static const struct {
    const char *text;
    gssize      length;
    const char *expect;   /* substring of the message */
  } cases[] = {
    { "2030-01-01 ok\nfoo 2030-01-02\n", -1, "test, line 2: unknown directive “foo”" },
    { "holiday 2025-02-29 leap\n", -1, "line 1: “2025-02-29” is not a valid date" },
    { "holiday 2030-13-01\n", -1, "line 1: “2030-13-01” is not a valid date" },
    { "holiday 30-01-01\n", -1, "line 1: “30-01-01” is not a valid date" },
    { "holiday\n", -1, "line 1: a date (YYYY-MM-DD) is missing" },
    { "\n\n2030-01-01 a\n2030-01-01 b\n", -1, "line 4: 01/01/2030 is already declared" },
    { "work 2030-01-02\n", -1, "line 1: 02/01/2030 is not a Saturday or a Sunday" },
    { "substitute 2030-01-05 2030-01-07\n", -1, "line 1: 05/01/2030 is not a holiday" },
    { "2030-01-01 a\nsubstitute 2030-01-01 2030-01-02\n", -1, "line 2: 01/01/2030 is not a holiday" },
    { "2030-01-05 a\nsubstitute 2030-01-05 2030-01-06\n", -1, "line 2: 06/01/2030 cannot be a substitute" },
    { "remove 2030-01-01\n", -1, "line 1: 01/01/2030 was not declared" },
    { "remove 2030-01-01 extra\n", -1, "line 1: “remove” takes a date" },
    { "2030-01-01 ok\n2030-01-02 H\xe0 T\xean\n", -1, "line 2: the line is not valid UTF-8" },
    { "2030-01-01 a\0b\n", 15, "not a text file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IocCalendar) cal = ioc_calendar_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (ioc_calendar_load_data (cal, cases[i].text, cases[i].length, "test", &error));
      g_assert_error (error, IOC_CALENDAR_ERROR, IOC_CALENDAR_ERROR_PARSE);
      if (strstr (error->message, cases[i].expect) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, cases[i].expect);
      /* All or nothing: the first lines of a bad file are not applied. */
      g_assert_cmpint (kind_of (cal, "2030-01-01"), ==, IOC_DAY_KIND_WORKING);
    }
}

static void
test_load_file_errors (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ioc_calendar_load_file (cal, "/nonexistent/holidays.txt", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_add_working_days (void)
{
  static const struct {
    const char *start;
    guint       n;
    const char *result;
    guint       n_skipped;
  } cases[] = {
    { "2026-03-06", 1, "2026-03-09", 2 },   /* Friday → Monday */
    { "2026-03-07", 1, "2026-03-09", 1 },   /* from a Saturday */
    { "2026-03-02", 5, "2026-03-09", 2 },
    { "2026-03-02", 0, "2026-03-02", 0 },
    { "2026-02-13", 1, "2026-02-23", 9 },   /* across Tết 2026 */
    { "2026-01-09", 1, "2026-01-10", 0 },   /* the working Saturday counts */
    { "2026-04-29", 1, "2026-05-04", 4 },   /* 30/4, 1/5, weekend */
  };
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) skipped = g_array_new (FALSE, FALSE, sizeof (IocSkippedDay));
      GDate start, result, expected;

      set_date (&start, cases[i].start);
      set_date (&expected, cases[i].result);
      ioc_calendar_add_working_days (cal, &start, cases[i].n, &result, skipped);
      g_assert_cmpint (g_date_compare (&result, &expected), ==, 0);
      g_assert_cmpuint (skipped->len, ==, cases[i].n_skipped);
    }
}

static void
test_closing_time (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new ();
  guint h, m;

  ioc_calendar_get_closing_time (cal, &h, &m);
  g_assert_cmpuint (h, ==, 17);
  g_assert_cmpuint (m, ==, 0);
  ioc_calendar_set_closing_time (cal, 16, 30);
  ioc_calendar_get_closing_time (cal, &h, &m);
  g_assert_cmpuint (h, ==, 16);
  g_assert_cmpuint (m, ==, 30);
}

/* +07:00 all year: no daylight saving time in Vietnam. */
static void
test_time_zone (void)
{
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
  g_autoptr(GDateTime) jan = g_date_time_new (tz, 2026, 1, 15, 12, 0, 0);
  g_autoptr(GDateTime) jul = g_date_time_new (tz, 2026, 7, 15, 12, 0, 0);

  g_assert_cmpint (g_date_time_get_utc_offset (jan), ==, 7 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_utc_offset (jul), ==, 7 * G_TIME_SPAN_HOUR);
}

static void
test_labels (void)
{
  for (int k = IOC_DAY_KIND_WORKING; k <= IOC_DAY_KIND_MAKEUP; k++)
    g_assert_nonnull (ioc_day_kind_label ((IocDayKind) k));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/default/days", test_default_days);
  g_test_add_func ("/calendar/default/names", test_default_names);
  g_test_add_func ("/calendar/default/counts", test_default_counts);
  g_test_add_func ("/calendar/default/file-matches", test_default_file_matches);
  g_test_add_func ("/calendar/substitution", test_substitution);
  g_test_add_func ("/calendar/format", test_format_features);
  g_test_add_func ("/calendar/overlay", test_overlay);
  g_test_add_func ("/calendar/errors", test_errors);
  g_test_add_func ("/calendar/load-file-errors", test_load_file_errors);
  g_test_add_func ("/calendar/add-working-days", test_add_working_days);
  g_test_add_func ("/calendar/closing-time", test_closing_time);
  g_test_add_func ("/calendar/time-zone", test_time_zone);
  g_test_add_func ("/calendar/labels", test_labels);

  return g_test_run ();
}
