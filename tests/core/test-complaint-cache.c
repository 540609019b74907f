/* test-complaint-cache.c — the cached deadline of a complaint (domain.md §3):
 * the server's expected_datetime wins only when it is plausible */
#include "config.h"

#include <string.h>

#include "ioc-complaint-cache.h"
#include "ioc-format.h"

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

static void
set_expected (IocComplaint *c,
              const char   *expected)
{
  g_autoptr(GDateTime) t = expected != NULL ? parse (expected) : NULL;

  ioc_complaint_set_expected_datetime (c, t);
}

/* The reviewer's case: expected_datetime 1970-01-01 on a complaint received
 * in 2026 showed "overdue 20 779 days" and sorted first. */
static void
test_server_deadline (void)
{
  static const struct {
    const char          *what;
    const char          *expected;
    IocDeadlineSource    source;
    IocDeadlineRejection rejection;
    const char          *due;
  } cases[] = {
    /* received Mon 02/03/2026 08:00, ordinary: 7 working days → 11/03 17:00 */
    { "none", NULL, IOC_DEADLINE_SOURCE_CALENDAR, IOC_DEADLINE_REJECTION_NONE,
      "2026-03-11T17:00:00+07:00" },
    { "plausible", "2026-03-05T10:00:00Z", IOC_DEADLINE_SOURCE_SERVER, IOC_DEADLINE_REJECTION_NONE,
      "2026-03-05T17:00:00+07:00" },
    { "the epoch", "1970-01-01T00:00:00Z", IOC_DEADLINE_SOURCE_CALENDAR,
      IOC_DEADLINE_REJECTION_BEFORE_RECEIPT, "2026-03-11T17:00:00+07:00" },
    { "a minute before receipt", "2026-03-02T07:59:00+07:00", IOC_DEADLINE_SOURCE_CALENDAR,
      IOC_DEADLINE_REJECTION_BEFORE_RECEIPT, "2026-03-11T17:00:00+07:00" },
    { "at receipt", "2026-03-02T01:00:00Z", IOC_DEADLINE_SOURCE_SERVER, IOC_DEADLINE_REJECTION_NONE,
      "2026-03-02T08:00:00+07:00" },
    { "366 days after receipt", "2027-03-03T08:00:00+07:00", IOC_DEADLINE_SOURCE_SERVER,
      IOC_DEADLINE_REJECTION_NONE, "2027-03-03T08:00:00+07:00" },
    { "a second more", "2027-03-03T08:00:01+07:00", IOC_DEADLINE_SOURCE_CALENDAR,
      IOC_DEADLINE_REJECTION_TOO_LATE, "2026-03-11T17:00:00+07:00" },
    { "a typo in the year", "2206-03-05T17:00:00+07:00", IOC_DEADLINE_SOURCE_CALENDAR,
      IOC_DEADLINE_REJECTION_TOO_LATE, "2026-03-11T17:00:00+07:00" },
    { "back to plausible", "2026-03-05T10:00:00Z", IOC_DEADLINE_SOURCE_SERVER,
      IOC_DEADLINE_REJECTION_NONE, "2026-03-05T17:00:00+07:00" },
  };
  g_autoptr(IocCalendar) calendar = ioc_calendar_new_default ();
  g_autoptr(IocComplaint) c = ioc_complaint_new ("PA-26-1");
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  g_autoptr(GDateTime) now = parse ("2026-03-03T09:00:00+07:00");

  ioc_complaint_set_service_code (c, "MT");      /* ordinary tier */
  ioc_complaint_set_requested_datetime (c, received);

  /* One complaint updated in place, as the feed does: the cache follows. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const IocDeadline *d;
      g_autofree char *due = NULL;
      g_autofree char *why = NULL;

      g_test_message ("%s", cases[i].what);
      set_expected (c, cases[i].expected);
      d = ioc_complaint_cache_deadline (c, calendar);
      g_assert_nonnull (d);
      due = iso (d->due);
      g_assert_cmpstr (due, ==, cases[i].due);
      g_assert_cmpint (d->source, ==, cases[i].source);
      g_assert_cmpint (d->server_rejected, ==, cases[i].rejection);
      g_assert_true ((d->server_due != NULL) == (cases[i].expected != NULL));
      if (d->server_due != NULL)
        {
          g_autoptr(GDateTime) sent = parse (cases[i].expected);
          g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
          g_autoptr(GDateTime) local = g_date_time_to_timezone (sent, tz);

          /* The server's value is kept, in local time, used or not (An
           * Giang was at +08:00 in 1970). */
          g_assert_true (g_date_time_equal (d->server_due, sent));
          g_assert_cmpint (g_date_time_get_utc_offset (d->server_due), ==,
                           g_date_time_get_utc_offset (local));
        }
      why = ioc_deadline_describe_rejection (d);
      g_assert_true ((why != NULL) == (cases[i].rejection != IOC_DEADLINE_REJECTION_NONE));
      if (why != NULL)
        {
          g_autofree char *when = ioc_format_date_time (ioc_format_style_default (), d->server_due);

          g_test_message ("%s", why);
          g_assert_nonnull (strstr (why, when));
        }
      /* A set-aside due time no longer makes the complaint overdue. */
      if (cases[i].rejection != IOC_DEADLINE_REJECTION_NONE)
        g_assert_false (ioc_deadline_is_overdue (d, TRUE, now));
    }
}

/* The cached value is the same object until something it depends on changes. */
static void
test_cached (void)
{
  g_autoptr(IocCalendar) calendar = ioc_calendar_new_default ();
  g_autoptr(IocComplaint) c = ioc_complaint_new ("PA-26-2");
  g_autoptr(GDateTime) received = parse ("2026-03-02T08:00:00+07:00");
  const IocDeadline *d1, *d2;

  ioc_complaint_set_service_code (c, "MT");
  ioc_complaint_set_requested_datetime (c, received);
  set_expected (c, "1970-01-01T00:00:00Z");
  d1 = ioc_complaint_cache_deadline (c, calendar);
  d2 = ioc_complaint_cache_deadline (c, calendar);
  g_assert_true (d1 == d2);
  g_assert_cmpint (d1->server_rejected, ==, IOC_DEADLINE_REJECTION_BEFORE_RECEIPT);

  /* No receipt time, no deadline. */
  ioc_complaint_set_requested_datetime (c, NULL);
  g_assert_null (ioc_complaint_cache_deadline (c, calendar));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/complaint-cache/server-deadline", test_server_deadline);
  g_test_add_func ("/complaint-cache/cached", test_cached);

  return g_test_run ();
}
