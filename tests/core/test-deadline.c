/* test-deadline.c — due times of complaints (domain.md §3) and `ioc-cli due` */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "ioc-deadline.h"

static GDateTime *
parse (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static char *
iso (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Counting starts the working day after receipt; due at 17:00 +07:00 on the
 * N-th working day. */
static void
test_due_times (void)
{
  static const struct {
    const char *what;
    const char *received;
    IocSlaTier  tier;
    const char *due;
  } cases[] = {
    { "across Tết 2026", "2026-02-13T10:00:00+07:00", IOC_SLA_TIER_KHAN_CAP,
      "2026-02-23T17:00:00+07:00" },
    { "ordinary across Tết 2026", "2026-02-11T08:00:00+07:00", IOC_SLA_TIER_THONG_THUONG,
      "2026-02-27T17:00:00+07:00" },
    { "Friday evening", "2026-03-06T19:30:00+07:00", IOC_SLA_TIER_KHAN_CAP,
      "2026-03-09T17:00:00+07:00" },
    { "Friday morning, 3 days", "2026-03-06T08:00:00+07:00", IOC_SLA_TIER_XU_LY_NGAY,
      "2026-03-11T17:00:00+07:00" },
    { "on a Sunday", "2026-03-08T10:00:00+07:00", IOC_SLA_TIER_KHAN_CAP,
      "2026-03-09T17:00:00+07:00" },
    { "on a holiday (30/4)", "2026-04-30T09:00:00+07:00", IOC_SLA_TIER_XU_LY_NGAY,
      "2026-05-06T17:00:00+07:00" },
    { "before 30/4–1/5", "2026-04-29T08:00:00+07:00", IOC_SLA_TIER_KHAN_CAP,
      "2026-05-04T17:00:00+07:00" },
    { "at 23:59 local", "2026-03-05T23:59:00+07:00", IOC_SLA_TIER_KHAN_CAP,
      "2026-03-06T17:00:00+07:00" },
    { "at 23:59 local, written in UTC", "2026-03-05T16:59:00Z", IOC_SLA_TIER_KHAN_CAP,
      "2026-03-06T17:00:00+07:00" },
    { "at 00:00 local, written in UTC", "2026-03-05T17:00:00Z", IOC_SLA_TIER_KHAN_CAP,
      "2026-03-09T17:00:00+07:00" },
    { "substitution rule: Hùng Kings' day on a Sunday", "2026-04-24T10:00:00+07:00",
      IOC_SLA_TIER_KHAN_CAP, "2026-04-28T17:00:00+07:00" },
    { "substitution rule: 1/5/2027 on a Saturday", "2027-04-29T10:00:00+07:00",
      IOC_SLA_TIER_KHAN_CAP, "2027-05-04T17:00:00+07:00" },
    { "complex across Tết 2027", "2027-02-01T08:00:00+07:00", IOC_SLA_TIER_PHUC_TAP,
      "2027-03-01T17:00:00+07:00" },
    { "a swapped Monday (2024)", "2024-04-26T10:00:00+07:00", IOC_SLA_TIER_KHAN_CAP,
      "2024-05-02T17:00:00+07:00" },
    { "the working Saturday counts (2024)", "2024-05-03T10:00:00+07:00",
      IOC_SLA_TIER_KHAN_CAP, "2024-05-04T17:00:00+07:00" },
    { "received on the working Saturday", "2026-01-10T09:00:00+07:00",
      IOC_SLA_TIER_KHAN_CAP, "2026-01-12T17:00:00+07:00" },
  };
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) received = parse (cases[i].received);
      g_autoptr(IocDeadline) deadline = NULL;
      g_autofree char *due = NULL;
      g_autofree char *computed = NULL;

      g_test_message ("%s", cases[i].what);
      deadline = ioc_deadline_compute (cal, received, cases[i].tier, NULL);
      due = iso (deadline->due);
      computed = iso (deadline->computed_due);
      g_assert_cmpstr (due, ==, cases[i].due);
      g_assert_cmpstr (computed, ==, cases[i].due);
      g_assert_cmpint (deadline->source, ==, IOC_DEADLINE_SOURCE_CALENDAR);
      g_assert_cmpint (deadline->tier, ==, cases[i].tier);
      g_assert_cmpuint (deadline->working_days, ==, ioc_sla_tier_working_days (cases[i].tier));
      g_assert_cmpint (g_date_time_get_utc_offset (deadline->received), ==, 7 * G_TIME_SPAN_HOUR);
    }
}

/* The explanation the UI shows: which days were not counted and why. */
static void
test_explanation (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2026-02-13T10:00:00+07:00");
  g_autoptr(IocDeadline) deadline = ioc_deadline_compute (cal, received,
                                                          IOC_SLA_TIER_KHAN_CAP, NULL);
  g_autoptr(IocDeadline) copy = NULL;
  const IocSkippedDay *day;

  g_assert_cmpuint (g_date_get_day (&deadline->first_day), ==, 23);
  g_assert_cmpuint (g_date_get_day (&deadline->last_day), ==, 23);
  g_assert_cmpuint (deadline->closing_hour, ==, 17);
  g_assert_true (deadline->holidays_known);
  g_assert_cmpuint (deadline->skipped->len, ==, 9);     /* 14/02 … 22/02 */
  g_assert_cmpuint (ioc_deadline_count_holidays (deadline), ==, 5);

  day = &g_array_index (deadline->skipped, IocSkippedDay, 0);
  g_assert_cmpint (day->kind, ==, IOC_DAY_KIND_WEEKEND);
  g_assert_null (day->name);
  day = &g_array_index (deadline->skipped, IocSkippedDay, 3);
  g_assert_cmpint (day->kind, ==, IOC_DAY_KIND_HOLIDAY);
  g_assert_cmpuint (g_date_get_day (&day->date), ==, 17);
  g_assert_cmpstr (day->name, ==, "Tết Nguyên đán (mùng 1)");

  /* The copy keeps the names alive on its own. */
  copy = ioc_deadline_copy (deadline);
  g_clear_pointer (&deadline, ioc_deadline_free);
  g_clear_object (&cal);
  day = &g_array_index (copy->skipped, IocSkippedDay, 3);
  g_assert_cmpstr (day->name, ==, "Tết Nguyên đán (mùng 1)");
  g_assert_cmpuint (copy->skipped->len, ==, 9);
}

/* domain.md §3: a server's expected_datetime wins over the local computation. */
static void
test_expected_override (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  g_autoptr(GDateTime) expected = parse ("2026-03-04T10:00:00Z");
  g_autoptr(IocDeadline) deadline = ioc_deadline_compute (cal, received,
                                                          IOC_SLA_TIER_KHAN_CAP, expected);
  g_autofree char *due = iso (deadline->due);
  g_autofree char *computed = iso (deadline->computed_due);

  g_assert_cmpint (deadline->source, ==, IOC_DEADLINE_SOURCE_SERVER);
  g_assert_cmpint (deadline->server_rejected, ==, IOC_DEADLINE_REJECTION_NONE);
  g_assert_cmpint (ioc_deadline_check_server_due (received, expected), ==,
                   IOC_DEADLINE_REJECTION_NONE);
  g_assert_true (g_date_time_equal (deadline->server_due, expected));
  g_assert_null (ioc_deadline_describe_rejection (deadline));
  g_assert_cmpstr (due, ==, "2026-03-04T17:00:00+07:00");
  g_assert_cmpstr (computed, ==, "2026-03-03T17:00:00+07:00");
}

/* ... unless it is implausible: before receipt, or more than 366 days after
 * it. The calendar's answer is used and the server's value kept, with why. */
static void
test_expected_implausible (void)
{
  static const struct {
    const char          *expected;
    IocDeadlineRejection rejection;
  } cases[] = {
    { "1970-01-01T00:00:00Z", IOC_DEADLINE_REJECTION_BEFORE_RECEIPT },
    { "2026-03-02T00:59:59Z", IOC_DEADLINE_REJECTION_BEFORE_RECEIPT },   /* 07:59:59 local */
    { "2027-03-03T01:00:01Z", IOC_DEADLINE_REJECTION_TOO_LATE },         /* 366 days + 1 s */
    { "9999-12-31T23:59:59Z", IOC_DEADLINE_REJECTION_TOO_LATE },
  };
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  g_autoptr(GDateTime) now = parse ("2026-03-02T09:00:00+07:00");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) expected = parse (cases[i].expected);
      g_autoptr(IocDeadline) deadline = ioc_deadline_compute (cal, received,
                                                              IOC_SLA_TIER_KHAN_CAP, expected);
      g_autoptr(IocDeadline) copy = NULL;
      g_autofree char *due = iso (deadline->due);
      g_autofree char *why = ioc_deadline_describe_rejection (deadline);

      g_test_message ("%s: %s", cases[i].expected, why);
      g_assert_cmpint (deadline->source, ==, IOC_DEADLINE_SOURCE_CALENDAR);
      g_assert_cmpint (deadline->server_rejected, ==, cases[i].rejection);
      g_assert_cmpint (ioc_deadline_check_server_due (received, expected), ==, cases[i].rejection);
      g_assert_cmpstr (due, ==, "2026-03-03T17:00:00+07:00");
      g_assert_true (deadline->due == deadline->computed_due);
      g_assert_true (g_date_time_equal (deadline->server_due, expected));
      g_assert_nonnull (why);
      g_assert_cmpint (ioc_deadline_get_state (deadline, TRUE, now), ==, IOC_DEADLINE_STATE_ON_TRACK);

      /* The copy carries the server's value on its own. */
      copy = ioc_deadline_copy (deadline);
      g_clear_pointer (&deadline, ioc_deadline_free);
      g_assert_cmpint (copy->server_rejected, ==, cases[i].rejection);
      g_assert_true (g_date_time_equal (copy->server_due, expected));
    }
}

/* A field may configure its own number of days, and the calendar its closing time. */
static void
test_configured (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  g_autoptr(IocDeadline) deadline = NULL;
  g_autofree char *due = NULL;

  ioc_calendar_set_closing_time (cal, 16, 30);
  deadline = ioc_deadline_compute_days (cal, received, IOC_SLA_TIER_THONG_THUONG, 10, NULL);
  due = iso (deadline->due);
  g_assert_cmpstr (due, ==, "2026-03-16T16:30:00+07:00");
  g_assert_cmpuint (deadline->working_days, ==, 10);
}

/* Beyond the holidays data the count goes on over weekends only, and says so. */
static void
test_unknown_year (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2027-12-24T08:00:00+07:00");
  g_autoptr(GDateTime) inside = parse ("2027-12-13T08:00:00+07:00");
  g_autoptr(IocDeadline) deadline = ioc_deadline_compute (cal, received,
                                                          IOC_SLA_TIER_THONG_THUONG, NULL);
  g_autoptr(IocDeadline) known = ioc_deadline_compute (cal, inside,
                                                       IOC_SLA_TIER_THONG_THUONG, NULL);
  g_autofree char *due = iso (deadline->due);

  g_assert_cmpstr (due, ==, "2028-01-04T17:00:00+07:00");
  g_assert_false (deadline->holidays_known);
  g_assert_true (known->holidays_known);
}

/* Overdue = open and past due; amber when ≤ 25 % of the allowed time is left. */
static void
test_states (void)
{
  static const struct {
    const char      *now;
    gboolean         open;
    IocDeadlineState state;
    GTimeSpan        left;
  } cases[] = {
    /* received Mon 02/03 08:00, due Tue 03/03 17:00: 33 hours allowed */
    { "2026-03-02T08:00:00+07:00", TRUE, IOC_DEADLINE_STATE_ON_TRACK, 33 * G_TIME_SPAN_HOUR },
    { "2026-03-03T08:00:00+07:00", TRUE, IOC_DEADLINE_STATE_ON_TRACK, 9 * G_TIME_SPAN_HOUR },
    { "2026-03-03T08:45:00+07:00", TRUE, IOC_DEADLINE_STATE_DUE_SOON,
      8 * G_TIME_SPAN_HOUR + 15 * G_TIME_SPAN_MINUTE },   /* exactly 25 % */
    { "2026-03-03T08:46:00+07:00", TRUE, IOC_DEADLINE_STATE_DUE_SOON,
      8 * G_TIME_SPAN_HOUR + 14 * G_TIME_SPAN_MINUTE },
    { "2026-03-03T17:00:00+07:00", TRUE, IOC_DEADLINE_STATE_DUE_SOON, 0 },
    { "2026-03-03T17:00:01+07:00", TRUE, IOC_DEADLINE_STATE_OVERDUE, -G_TIME_SPAN_SECOND },
    { "2026-03-03T10:00:01Z", TRUE, IOC_DEADLINE_STATE_OVERDUE, -G_TIME_SPAN_SECOND },
    { "2026-03-10T17:00:00+07:00", FALSE, IOC_DEADLINE_STATE_CLOSED, -7 * G_TIME_SPAN_DAY },
  };
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  g_autoptr(IocDeadline) short_one = ioc_deadline_compute (cal, received,
                                                           IOC_SLA_TIER_KHAN_CAP, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = parse (cases[i].now);

      g_test_message ("%s", cases[i].now);
      g_assert_cmpint (ioc_deadline_get_state (short_one, cases[i].open, now), ==, cases[i].state);
      g_assert_cmpint (ioc_deadline_time_left (short_one, now), ==, cases[i].left);
      g_assert_cmpint (ioc_deadline_is_overdue (short_one, cases[i].open, now), ==,
                       cases[i].state == IOC_DEADLINE_STATE_OVERDUE);
    }
}

static void
test_fraction_and_met (void)
{
  g_autoptr(IocCalendar) cal = ioc_calendar_new_default ();
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  g_autoptr(GDateTime) before = parse ("2026-03-01T08:00:00+07:00");
  g_autoptr(GDateTime) middle = parse ("2026-03-02T12:30:00+07:00");   /* 4,5 h of 33 */
  g_autoptr(GDateTime) due = parse ("2026-03-03T17:00:00+07:00");
  g_autoptr(GDateTime) after = parse ("2026-03-03T17:00:01+07:00");
  g_autoptr(IocDeadline) deadline = ioc_deadline_compute (cal, received, IOC_SLA_TIER_KHAN_CAP, NULL);
  g_autoptr(IocDeadline) odd = ioc_deadline_compute (cal, received, IOC_SLA_TIER_KHAN_CAP, received);

  g_assert_cmpfloat (ioc_deadline_fraction_left (deadline, received), ==, 1.0);
  g_assert_cmpfloat (ioc_deadline_fraction_left (deadline, before), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (ioc_deadline_fraction_left (deadline, middle),
                                  28.5 / 33.0, 1e-9);
  g_assert_cmpfloat (ioc_deadline_fraction_left (deadline, due), ==, 0.0);
  g_assert_cmpfloat (ioc_deadline_fraction_left (deadline, after), ==, 0.0);
  /* A server due time at receipt (still plausible) leaves no time at all. */
  g_assert_cmpint (odd->source, ==, IOC_DEADLINE_SOURCE_SERVER);
  g_assert_cmpfloat (ioc_deadline_fraction_left (odd, received), ==, 0.0);

  /* QĐ 766 group 5: on or before the due time is on time. */
  g_assert_true (ioc_deadline_met_by (deadline, middle));
  g_assert_true (ioc_deadline_met_by (deadline, due));
  g_assert_false (ioc_deadline_met_by (deadline, after));
}

static void
test_tiers (void)
{
  static const struct {
    const char *wire;
    IocSlaTier  tier;
    guint       days;
  } cases[] = {
    { "khan_cap", IOC_SLA_TIER_KHAN_CAP, 1 },
    { "xu_ly_ngay", IOC_SLA_TIER_XU_LY_NGAY, 3 },
    { "thong_thuong", IOC_SLA_TIER_THONG_THUONG, 7 },
    { "phuc_tap", IOC_SLA_TIER_PHUC_TAP, 15 },
  };
  IocSlaTier tier;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (ioc_sla_tier_from_string (cases[i].wire, &tier));
      g_assert_cmpint (tier, ==, cases[i].tier);
      g_assert_cmpstr (ioc_sla_tier_to_string (tier), ==, cases[i].wire);
      g_assert_cmpuint (ioc_sla_tier_working_days (tier), ==, cases[i].days);
    }
  g_assert_cmpstr (ioc_sla_tier_label (IOC_SLA_TIER_KHAN_CAP), ==, "Emergency");
  g_assert_cmpstr (ioc_sla_tier_label (IOC_SLA_TIER_XU_LY_NGAY), ==, "Quick fix");
  g_assert_cmpstr (ioc_sla_tier_label (IOC_SLA_TIER_THONG_THUONG), ==, "Ordinary");
  g_assert_cmpstr (ioc_sla_tier_label (IOC_SLA_TIER_PHUC_TAP), ==, "Complex");
  g_assert_false (ioc_sla_tier_from_string ("KHAN_CAP", &tier));
  g_assert_false (ioc_sla_tier_from_string ("", NULL));
  g_assert_false (ioc_sla_tier_from_string (NULL, NULL));
}

/* `ioc-cli due`, the built binary. */
static void
run_cli (const char * const *args,
         int                 expect_status,
         const char         *expect_out,
         const char         *expect_err)
{
  const char *builddir = g_getenv ("IOC_BUILD_DIR");
  g_autofree char *cli = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (builddir);
  cli = g_build_filename (builddir, "src", "cli", "ioc-cli", NULL);
  g_assert_true (g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE));

  g_ptr_array_add (argv, cli);
  g_ptr_array_add (argv, (gpointer) "due");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);

  if (expect_status == 0)
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  else
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, expect_status);
      g_assert_cmpstr (out, ==, "");   /* never partial results */
    }
  if (expect_out != NULL)
    g_assert_cmpstr (out, ==, expect_out);
  if (expect_err != NULL && strstr (err, expect_err) == NULL)
    g_error ("stderr “%s” does not contain “%s”", err, expect_err);
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-test-due-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.txt", NULL);
  g_autofree char *good = g_build_filename (dir, "good.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);

  g_assert_true (g_file_set_contents (bad, "# my holidays\n2026-03-09 ok\nholliday 2026-03-10\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (good, "holiday 2026-03-09 Ngày nghỉ\n", -1, NULL));

  run_cli ((const char *[]) { "--received", "2026-02-13T23:59:00+07:00", "--tier", "khan_cap", NULL },
           0, "2026-02-23T17:00:00+07:00\n", NULL);
  run_cli ((const char *[]) { "--received", "2026-03-06T12:00:00Z", "--tier", "phuc_tap", NULL },
           0, "2026-03-27T17:00:00+07:00\n", NULL);
  run_cli ((const char *[]) { "--received", "2026-03-06", "--tier", "xu_ly_ngay", NULL },
           0, "2026-03-11T17:00:00+07:00\n", NULL);
  /* --holidays replaces the built-in calendar: Tết is a plain week here. */
  run_cli ((const char *[]) { "--received", "2026-02-13T10:00:00+07:00", "--tier", "khan_cap",
                              "--holidays", good, NULL },
           0, "2026-02-16T17:00:00+07:00\n", NULL);
  run_cli ((const char *[]) { "--received", "2026-03-06T10:00:00+07:00", "--tier", "khan_cap",
                              "--holidays", good, NULL },
           0, "2026-03-10T17:00:00+07:00\n", NULL);

  run_cli ((const char *[]) { "--received", "2025-02-29T10:00:00+07:00", "--tier", "khan_cap", NULL },
           1, NULL, "2025-02-29 does not exist");
  run_cli ((const char *[]) { "--received", "yesterday", "--tier", "khan_cap", NULL },
           1, NULL, "“yesterday” is not an ISO 8601 date");
  run_cli ((const char *[]) { "--received", "2026-03-06T10:00:00+07:00", "--tier", "urgent", NULL },
           1, NULL, "unknown tier “urgent”");
  run_cli ((const char *[]) { "--received", "2026-03-06T10:00:00+07:00", "--tier", "khan_cap",
                              "--holidays", bad, NULL },
           1, NULL, "line 3: unknown directive “holliday”");
  run_cli ((const char *[]) { "--received", "2026-03-06T10:00:00+07:00", "--tier", "khan_cap",
                              "--holidays", missing, NULL },
           1, NULL, "missing.txt");
  run_cli ((const char *[]) { "--tier", "khan_cap", NULL }, 2, NULL, "--received and --tier");
  run_cli ((const char *[]) { "--bogus", NULL }, 2, NULL, "--bogus");

  g_assert_cmpint (g_remove (bad), ==, 0);
  g_assert_cmpint (g_remove (good), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_explain (void)
{
  const char *builddir = g_getenv ("IOC_BUILD_DIR");
  g_autofree char *cli = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_nonnull (builddir);
  cli = g_build_filename (builddir, "src", "cli", "ioc-cli", NULL);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { cli, (char *) "due", (char *) "--received",
                                                  (char *) "2026-04-24T10:00:00+07:00",
                                                  (char *) "--tier", (char *) "khan_cap",
                                                  (char *) "--explain", NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (out, "2026-04-28T17:00:00+07:00\n"));
  g_assert_nonnull (strstr (out, "27/04/2026"));
  g_assert_nonnull (strstr (out, "Giỗ Tổ Hùng Vương"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deadline/due-times", test_due_times);
  g_test_add_func ("/deadline/explanation", test_explanation);
  g_test_add_func ("/deadline/expected-override", test_expected_override);
  g_test_add_func ("/deadline/expected-implausible", test_expected_implausible);
  g_test_add_func ("/deadline/configured", test_configured);
  g_test_add_func ("/deadline/unknown-year", test_unknown_year);
  g_test_add_func ("/deadline/states", test_states);
  g_test_add_func ("/deadline/fraction-and-met", test_fraction_and_met);
  g_test_add_func ("/deadline/tiers", test_tiers);
  g_test_add_func ("/deadline/cli", test_cli);
  g_test_add_func ("/deadline/cli-explain", test_cli_explain);

  return g_test_run ();
}
