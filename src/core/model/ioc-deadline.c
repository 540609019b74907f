/* ioc-deadline.c — the due time of a complaint and how it was computed
 *
 * domain.md §3 (an assumption modelled on other provinces' rules): a complaint
 * of a given tier must be handled within N working days. Counting starts on
 * the working day after receipt, whatever the hour of receipt, and the
 * complaint falls due at the close of the N-th working day (17:00 local time
 * unless the calendar says otherwise). A server's expected_datetime, when the
 * feed sends one, wins over this computation — unless it is implausible
 * (before receipt, or more than a year after it): a feed that sends
 * 1970-01-01 must not make a complaint "overdue 20 779 days" and sort first.
 * "Quá hạn" (overdue) is derived: open and past due.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-deadline.h"
#include "ioc-format.h"

G_DEFINE_BOXED_TYPE (IocDeadline, ioc_deadline, ioc_deadline_copy, ioc_deadline_free)

/**
 * ioc_deadline_check_server_due:
 * @received: when the complaint was received
 * @expected: the server's expected_datetime
 *
 * domain.md §3 lets the server's expected_datetime win over the working-day
 * computation; this says whether it is a plausible deadline at all: not
 * before receipt, and at most %IOC_DEADLINE_SERVER_MAX_DAYS days after it.
 * Anything else (the epoch for a missing date, a typo in the year) is set
 * aside. For callers that use expected_datetime without a full
 * ioc_deadline_compute() (on-time rates, counts).
 *
 * Returns: %IOC_DEADLINE_REJECTION_NONE when @expected may be used, else why not
 */
IocDeadlineRejection
ioc_deadline_check_server_due (GDateTime *received,
                               GDateTime *expected)
{
  g_autoptr(GDateTime) latest = NULL;

  g_return_val_if_fail (received != NULL, IOC_DEADLINE_REJECTION_NONE);
  g_return_val_if_fail (expected != NULL, IOC_DEADLINE_REJECTION_NONE);

  if (g_date_time_compare (expected, received) < 0)
    return IOC_DEADLINE_REJECTION_BEFORE_RECEIPT;
  latest = g_date_time_add_days (received, IOC_DEADLINE_SERVER_MAX_DAYS);
  if (latest == NULL || g_date_time_compare (expected, latest) > 0)
    return IOC_DEADLINE_REJECTION_TOO_LATE;
  return IOC_DEADLINE_REJECTION_NONE;
}

/**
 * ioc_deadline_compute:
 * @calendar: the working-day calendar
 * @received: when the complaint was received (any time zone)
 * @tier: the deadline tier
 * @expected: (nullable): the server's expected_datetime, if it sent one
 *
 * Computes the due time for the tier's number of working days
 * (ioc_sla_tier_working_days(), domain.md §3).
 *
 * Returns: (transfer full): the due time and its explanation
 */
IocDeadline *
ioc_deadline_compute (IocCalendar *calendar,
                      GDateTime   *received,
                      IocSlaTier   tier,
                      GDateTime   *expected)
{
  g_return_val_if_fail ((guint) tier < IOC_N_SLA_TIERS, NULL);

  return ioc_deadline_compute_days (calendar, received, tier,
                                    ioc_sla_tier_working_days (tier), expected);
}

/**
 * ioc_deadline_compute_days:
 * @calendar: the working-day calendar
 * @received: when the complaint was received (any time zone)
 * @tier: the deadline tier, recorded in the explanation
 * @working_days: the allowed time, when a field configures its own (≥ 1)
 * @expected: (nullable): the server's expected_datetime, if it sent one
 *
 * domain.md §3: counting starts on the working day after the local date of
 * receipt; the complaint is due at the calendar's closing time on the
 * @working_days-th working day. @expected, when given, is the due time; the
 * calendar's answer is still kept in computed_due for the explanation.
 *
 * A server due time before @received, or more than
 * %IOC_DEADLINE_SERVER_MAX_DAYS days after it, is not a deadline anyone set
 * (a missing date sent as the epoch, a typo in the year): it is set aside for
 * the calendar's answer, and server_rejected and server_due say so for the
 * explanation (ioc_deadline_describe_rejection()).
 *
 * Returns: (transfer full): the due time and its explanation
 */
IocDeadline *
ioc_deadline_compute_days (IocCalendar *calendar,
                           GDateTime   *received,
                           IocSlaTier   tier,
                           guint        working_days,
                           GDateTime   *expected)
{
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
  IocDeadline *self;
  GDate day;
  int y, m, d;

  g_return_val_if_fail (IOC_IS_CALENDAR (calendar), NULL);
  g_return_val_if_fail (received != NULL, NULL);
  g_return_val_if_fail ((guint) tier < IOC_N_SLA_TIERS, NULL);
  g_return_val_if_fail (working_days >= 1, NULL);

  self = g_new0 (IocDeadline, 1);
  self->tier = tier;
  self->working_days = working_days;
  self->calendar = g_object_ref (calendar);
  self->skipped = g_array_new (FALSE, FALSE, sizeof (IocSkippedDay));
  ioc_calendar_get_closing_time (calendar, &self->closing_hour, &self->closing_minute);

  /* The day of receipt is the local one: 23:59 +07:00 is still that day even
   * when the feed wrote it as 16:59Z. */
  self->received = g_date_time_to_timezone (received, tz);
  g_date_time_get_ymd (self->received, &y, &m, &d);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  ioc_calendar_add_working_days (calendar, &day, 1, &self->first_day, NULL);
  ioc_calendar_add_working_days (calendar, &day, working_days, &self->last_day, self->skipped);

  /* A year without holidays data counts Tết as working days: say so. */
  self->holidays_known = TRUE;
  for (guint year = (guint) y; year <= g_date_get_year (&self->last_day); year++)
    self->holidays_known = self->holidays_known && ioc_calendar_knows_year (calendar, year);

  self->computed_due = g_date_time_new (tz,
                                        (int) g_date_get_year (&self->last_day),
                                        (int) g_date_get_month (&self->last_day),
                                        (int) g_date_get_day (&self->last_day),
                                        (int) self->closing_hour,
                                        (int) self->closing_minute, 0);

  if (expected != NULL)
    {
      /* 9999-12-31T23:59:59Z has no local time (year 10000): keep it as sent. */
      self->server_due = g_date_time_to_timezone (expected, tz);
      if (self->server_due == NULL)
        self->server_due = g_date_time_ref (expected);
      self->server_rejected = ioc_deadline_check_server_due (self->received, expected);
    }

  if (self->server_due != NULL && self->server_rejected == IOC_DEADLINE_REJECTION_NONE)
    {
      self->source = IOC_DEADLINE_SOURCE_SERVER;
      self->due = g_date_time_ref (self->server_due);
    }
  else
    {
      self->source = IOC_DEADLINE_SOURCE_CALENDAR;
      self->due = g_date_time_ref (self->computed_due);
    }

  return self;
}

/**
 * ioc_deadline_copy:
 * @deadline: a deadline
 *
 * Returns: (transfer full): a copy of @deadline
 */
IocDeadline *
ioc_deadline_copy (const IocDeadline *deadline)
{
  IocDeadline *copy;

  g_return_val_if_fail (deadline != NULL, NULL);

  copy = g_memdup2 (deadline, sizeof *deadline);
  copy->received = g_date_time_ref (deadline->received);
  copy->due = g_date_time_ref (deadline->due);
  copy->computed_due = g_date_time_ref (deadline->computed_due);
  if (deadline->server_due != NULL)
    copy->server_due = g_date_time_ref (deadline->server_due);
  copy->calendar = g_object_ref (deadline->calendar);
  copy->skipped = g_array_sized_new (FALSE, FALSE, sizeof (IocSkippedDay),
                                     deadline->skipped->len);
  g_array_append_vals (copy->skipped, deadline->skipped->data, deadline->skipped->len);
  return copy;
}

/**
 * ioc_deadline_free:
 * @deadline: (nullable): a deadline
 *
 * Frees @deadline.
 */
void
ioc_deadline_free (IocDeadline *deadline)
{
  if (deadline == NULL)
    return;

  g_clear_pointer (&deadline->received, g_date_time_unref);
  g_clear_pointer (&deadline->due, g_date_time_unref);
  g_clear_pointer (&deadline->computed_due, g_date_time_unref);
  g_clear_pointer (&deadline->server_due, g_date_time_unref);
  g_clear_pointer (&deadline->skipped, g_array_unref);
  g_clear_object (&deadline->calendar);
  g_free (deadline);
}

/**
 * ioc_deadline_time_left:
 * @deadline: a deadline
 * @now: the current time
 *
 * Returns: the time until the due time, negative once it has passed
 */
GTimeSpan
ioc_deadline_time_left (const IocDeadline *deadline,
                        GDateTime         *now)
{
  g_return_val_if_fail (deadline != NULL, 0);
  g_return_val_if_fail (now != NULL, 0);

  return g_date_time_difference (deadline->due, now);
}

/**
 * ioc_deadline_fraction_left:
 * @deadline: a deadline
 * @now: the current time
 *
 * The share of the allowed time (receipt to due time) that is still left,
 * for the amber warning at %IOC_DEADLINE_WARNING_FRACTION. Clamped to 0–1;
 * 0 when the due time is not after receipt (a server may send that).
 *
 * Returns: a fraction between 0 and 1
 */
double
ioc_deadline_fraction_left (const IocDeadline *deadline,
                            GDateTime         *now)
{
  GTimeSpan allowed, left;

  g_return_val_if_fail (deadline != NULL, 0.0);
  g_return_val_if_fail (now != NULL, 0.0);

  allowed = g_date_time_difference (deadline->due, deadline->received);
  left = g_date_time_difference (deadline->due, now);
  if (allowed <= 0 || left <= 0)
    return 0.0;
  if (left >= allowed)
    return 1.0;
  return (double) left / (double) allowed;
}

/**
 * ioc_deadline_is_overdue:
 * @deadline: a deadline
 * @is_open: whether the complaint is still open (domain.md §3 statuses)
 * @now: the current time
 *
 * domain.md §3: "Quá hạn" is derived, not stored — open and past its due
 * time. The due minute itself is still on time.
 *
 * Returns: %TRUE if the complaint is overdue
 */
gboolean
ioc_deadline_is_overdue (const IocDeadline *deadline,
                         gboolean           is_open,
                         GDateTime         *now)
{
  g_return_val_if_fail (deadline != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return is_open && g_date_time_compare (now, deadline->due) > 0;
}

/**
 * ioc_deadline_get_state:
 * @deadline: a deadline
 * @is_open: whether the complaint is still open
 * @now: the current time
 *
 * The countdown state: overdue (domain.md §3), due soon when a quarter or
 * less of the allowed time is left (the amber warning), on track, or closed.
 *
 * Returns: the state
 */
IocDeadlineState
ioc_deadline_get_state (const IocDeadline *deadline,
                        gboolean           is_open,
                        GDateTime         *now)
{
  g_return_val_if_fail (deadline != NULL, IOC_DEADLINE_STATE_CLOSED);
  g_return_val_if_fail (now != NULL, IOC_DEADLINE_STATE_CLOSED);

  if (!is_open)
    return IOC_DEADLINE_STATE_CLOSED;
  if (ioc_deadline_is_overdue (deadline, is_open, now))
    return IOC_DEADLINE_STATE_OVERDUE;
  if (ioc_deadline_fraction_left (deadline, now) <= IOC_DEADLINE_WARNING_FRACTION)
    return IOC_DEADLINE_STATE_DUE_SOON;
  return IOC_DEADLINE_STATE_ON_TRACK;
}

/**
 * ioc_deadline_met_by:
 * @deadline: a deadline
 * @handled_at: when the complaint was resolved or otherwise closed
 *
 * domain.md §3, QĐ 766 group 5: handled on time means on or before the due time.
 *
 * Returns: %TRUE if @handled_at is on time
 */
gboolean
ioc_deadline_met_by (const IocDeadline *deadline,
                     GDateTime         *handled_at)
{
  g_return_val_if_fail (deadline != NULL, FALSE);
  g_return_val_if_fail (handled_at != NULL, FALSE);

  return g_date_time_compare (handled_at, deadline->due) <= 0;
}

/**
 * ioc_deadline_count_holidays:
 * @deadline: a deadline
 *
 * Returns: how many of the skipped days were holidays, substitute days or
 *   announced days off rather than plain weekends
 */
guint
ioc_deadline_count_holidays (const IocDeadline *deadline)
{
  guint n = 0;

  g_return_val_if_fail (deadline != NULL, 0);

  for (guint i = 0; i < deadline->skipped->len; i++)
    {
      const IocSkippedDay *day = &g_array_index (deadline->skipped, IocSkippedDay, i);

      if (day->kind != IOC_DAY_KIND_WEEKEND)
        n++;
    }
  return n;
}

/**
 * ioc_deadline_describe_rejection:
 * @deadline: a deadline
 *
 * For the explanation under the due time (domain.md §3): why the server's
 * expected_datetime was not used, with its value, so that the operator knows
 * the feed sent one and can tell the agency.
 *
 * Returns: (transfer full) (nullable): a translated sentence, %NULL when the
 *   server sent no due time or its due time was used
 */
char *
ioc_deadline_describe_rejection (const IocDeadline *deadline)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (deadline != NULL, NULL);

  if (deadline->server_rejected == IOC_DEADLINE_REJECTION_NONE || deadline->server_due == NULL)
    return NULL;
  when = ioc_format_date_time (ioc_format_style_default (), deadline->server_due);
  switch (deadline->server_rejected)
    {
    case IOC_DEADLINE_REJECTION_BEFORE_RECEIPT:
      /* TRANSLATORS: %s is a date and time, e.g. 01/01/1970 08:00 */
      return g_strdup_printf (_("The server’s due time, %s, is before the complaint was "
                                "received: the working-day calendar is used instead."), when);
    case IOC_DEADLINE_REJECTION_TOO_LATE:
      /* TRANSLATORS: %s is a date and time; %u is a number of days (366) */
      return g_strdup_printf (_("The server’s due time, %s, is more than %u days after the "
                                "complaint was received: the working-day calendar is used "
                                "instead."), when, (guint) IOC_DEADLINE_SERVER_MAX_DAYS);
    case IOC_DEADLINE_REJECTION_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}
