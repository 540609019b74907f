/* ioc-format.c — Vietnamese-first formatting of numbers, rates, dates, times
 *
 * product.md: Vietnamese number and date formats (2.108, 94,17%,
 * 22/11/2026 08:15), English as the source language. domain.md §1: a rate is
 * printed the Vietnamese way and always recomputed from counts.
 *
 * Every function takes the style explicitly, so output never depends on the
 * process locale (tests and the CLI stay deterministic); the UI passes
 * ioc_format_style_default(), which follows the UI translation.
 *
 * Style choices (documented assumptions):
 * - numbers: VI groups thousands with '.', decimals with ','; EN the reverse.
 *   Negative numbers use an ASCII '-'. A missing value prints as "—".
 * - dates and times: day/month/year and a 24-hour clock in both styles (the
 *   English UI is read in Vietnam, where 22/11/2026 is unambiguous), always in
 *   the province's time, +07:00, whatever the time zone of the GDateTime.
 * - relative times and durations: the phrases are translatable strings with
 *   plural forms (g_dngettext); the style only decides how their numbers are
 *   written. The Vietnamese wording ("5 phút trước", "vừa xong", "còn 2 giờ")
 *   comes from vi.po, so tests, which run untranslated, check the English
 *   phrases and the Vietnamese number formatting inside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-format.h"
#include "ioc-calendar.h"

#define MISSING "—"

/**
 * ioc_format_style_default:
 *
 * The style that matches the UI language. It is a translatable marker, the
 * way GTK picks its default text direction: the Vietnamese translation
 * translates "en" (context "number format style") to "vi".
 *
 * Returns: the style for the current translation
 */
IocFormatStyle
ioc_format_style_default (void)
{
  /* TRANSLATORS: "vi" for Vietnamese number formats (432.974, 94,17%);
   * "en" for English ones (432,974, 94.17%). Translate to "vi" in vi.po. */
  const char *marker = C_("number format style", "en");

  return g_str_equal (marker, "vi") ? IOC_FORMAT_STYLE_VI : IOC_FORMAT_STYLE_EN;
}

static char
thousands_separator (IocFormatStyle style)
{
  return style == IOC_FORMAT_STYLE_VI ? '.' : ',';
}

static char
decimal_separator (IocFormatStyle style)
{
  return style == IOC_FORMAT_STYLE_VI ? ',' : '.';
}

/* Writes a number given as its digits: "-", groups of three, separator, fraction. */
static char *
format_digits (IocFormatStyle  style,
               gboolean        negative,
               const char     *int_digits,
               const char     *frac_digits)
{
  GString *out = g_string_new (NULL);
  gsize n = strlen (int_digits);
  gboolean zero = TRUE;

  for (const char *p = int_digits; *p != '\0'; p++)
    zero = zero && *p == '0';
  for (const char *p = frac_digits != NULL ? frac_digits : ""; *p != '\0'; p++)
    zero = zero && *p == '0';

  /* "-0,0" is noise: a value that rounds to zero has no sign. */
  if (negative && !zero)
    g_string_append_c (out, '-');

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, thousands_separator (style));
      g_string_append_c (out, int_digits[i]);
    }

  if (frac_digits != NULL && *frac_digits != '\0')
    {
      g_string_append_c (out, decimal_separator (style));
      g_string_append (out, frac_digits);
    }

  return g_string_free (out, FALSE);
}

/**
 * ioc_format_integer:
 * @style: the number style
 * @value: a count
 *
 * product.md / domain.md §1: thousands with dots in Vietnamese (432.974),
 * commas in English (432,974).
 *
 * Returns: (transfer full): the formatted number
 */
char *
ioc_format_integer (IocFormatStyle style,
                    gint64         value)
{
  char digits[32];
  /* Through guint64 so that G_MININT64 has a magnitude. */
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  return format_digits (style, value < 0, digits, NULL);
}

/**
 * ioc_format_decimal:
 * @style: the number style
 * @value: a measurement
 * @decimals: digits after the separator (at most 15)
 *
 * product.md: a decimal comma in Vietnamese (20,3), a point in English; the
 * integer part is grouped like ioc_format_integer(). NaN and infinities print
 * as "—".
 *
 * Returns: (transfer full): the formatted number
 */
char *
ioc_format_decimal (IocFormatStyle style,
                    double         value,
                    guint          decimals)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 400];
  char *point;
  const char *digits;

  if (!isfinite (value))
    return g_strdup (MISSING);

  decimals = MIN (decimals, 15);
  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  /* Locale-independent: always a '.' whatever LC_NUMERIC says. */
  g_ascii_formatd (buf, sizeof buf, format, fabs (value));

  point = strchr (buf, '.');
  if (point != NULL)
    *point = '\0';
  digits = buf;
  return format_digits (style, value < 0, digits, point != NULL ? point + 1 : NULL);
}

/**
 * ioc_format_percent:
 * @style: the number style
 * @percent: a percentage (94.17 for 94,17%)
 * @decimals: digits after the separator
 *
 * domain.md §1: 94,17% in Vietnamese, 94.17% in English, no space before '%'.
 *
 * Returns: (transfer full): the formatted percentage
 */
char *
ioc_format_percent (IocFormatStyle style,
                    double         percent,
                    guint          decimals)
{
  g_autofree char *number = ioc_format_decimal (style, percent, decimals);

  if (g_str_equal (number, MISSING))
    return g_steal_pointer (&number);
  return g_strconcat (number, "%", NULL);
}

/**
 * ioc_format_rate:
 * @style: the number style
 * @numerator: e.g. complaints resolved
 * @denominator: e.g. complaints received
 * @decimals: digits after the separator (at most 6)
 *
 * domain.md §1: the dashboard always recomputes a rate from its counts (the
 * reports contain slips). The rounding is exact, half up, in integers:
 * 582/618 prints 94,17%. A zero denominator has no rate and prints "—".
 *
 * Returns: (transfer full): the formatted percentage
 */
char *
ioc_format_rate (IocFormatStyle style,
                 guint64        numerator,
                 guint64        denominator,
                 guint          decimals)
{
  guint64 scale = 100;
  char digits[32];
  gsize n;
  g_autofree char *int_digits = NULL;
  g_autofree char *number = NULL;

  if (denominator == 0)
    return g_strdup (MISSING);

  decimals = MIN (decimals, 6);
  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  /* round (numerator × scale / denominator) without floating point, when the
   * products fit; beyond ~10^10 items a double is accurate enough anyway. */
  if (numerator <= G_MAXUINT64 / 2 / scale && denominator <= G_MAXUINT64 / 2)
    {
      guint64 q = (2 * numerator * scale + denominator) / (2 * denominator);

      g_snprintf (digits, sizeof digits, "%0*" G_GUINT64_FORMAT, (int) decimals + 1, q);
    }
  else
    return ioc_format_percent (style, 100.0 * (double) numerator / (double) denominator,
                               decimals);

  n = strlen (digits);
  int_digits = g_strndup (digits, n - decimals);
  number = format_digits (style, FALSE, int_digits, digits + n - decimals);
  return g_strconcat (number, "%", NULL);
}

static GDateTime *
to_local (GDateTime *datetime)
{
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
  GDateTime *local = g_date_time_to_timezone (datetime, tz);

  /* A feed's 9999-12-31T23:59:59Z has no local time (year 10000): show it
   * in its own zone rather than nothing. */
  return local != NULL ? local : g_date_time_ref (datetime);
}

/**
 * ioc_format_date:
 * @style: the style (dates read the same in both)
 * @datetime: a time
 *
 * product.md: 22/11/2026, in the province's time (+07:00).
 *
 * Returns: (transfer full): the formatted date
 */
char *
ioc_format_date (IocFormatStyle  style,
                 GDateTime      *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  local = to_local (datetime);
  return g_strdup_printf ("%02d/%02d/%04d", g_date_time_get_day_of_month (local),
                          g_date_time_get_month (local), g_date_time_get_year (local));
}

/**
 * ioc_format_gdate:
 * @style: the style (dates read the same in both)
 * @date: a valid date
 *
 * product.md: 22/11/2026.
 *
 * Returns: (transfer full): the formatted date
 */
char *
ioc_format_gdate (IocFormatStyle  style,
                  const GDate    *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u", (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_year (date));
}

/**
 * ioc_format_time:
 * @style: the style (a 24-hour clock in both)
 * @datetime: a time
 *
 * product.md: 08:15, in the province's time (+07:00).
 *
 * Returns: (transfer full): the formatted time
 */
char *
ioc_format_time (IocFormatStyle  style,
                 GDateTime      *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  local = to_local (datetime);
  return g_strdup_printf ("%02d:%02d", g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/**
 * ioc_format_date_time:
 * @style: the style
 * @datetime: a time
 *
 * product.md: 22/11/2026 08:15, in the province's time (+07:00).
 *
 * Returns: (transfer full): the formatted date and time
 */
char *
ioc_format_date_time (IocFormatStyle  style,
                      GDateTime      *datetime)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  date = ioc_format_date (style, datetime);
  time = ioc_format_time (style, datetime);
  return g_strconcat (date, " ", time, NULL);
}

/**
 * ioc_format_relative:
 * @style: the number style
 * @datetime: the time to describe
 * @now: the current time
 *
 * How long ago @datetime was ("5 minutes ago" — vi "5 phút trước"; "just
 * now" — "vừa xong") or, for a countdown, how far ahead it is ("in 2 hours" —
 * "còn 2 giờ"). Amounts are rounded down. Beyond 30 days the date itself is
 * clearer and is printed instead (ioc_format_date()).
 *
 * Returns: (transfer full): the translated phrase
 */
char *
ioc_format_relative (IocFormatStyle  style,
                     GDateTime      *datetime,
                     GDateTime      *now)
{
  GTimeSpan diff;
  gboolean future;
  gint64 amount;
  g_autofree char *number = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  diff = g_date_time_difference (now, datetime);
  future = diff < 0;
  if (future)
    diff = -diff;

  if (diff < G_TIME_SPAN_MINUTE)
    return g_strdup (future ? _("in under a minute") : _("just now"));
  if (diff >= 30 * G_TIME_SPAN_DAY)
    return ioc_format_date (style, datetime);

  if (diff < G_TIME_SPAN_HOUR)
    {
      amount = diff / G_TIME_SPAN_MINUTE;
      number = ioc_format_integer (style, amount);
      if (future)
        /* TRANSLATORS: a countdown; vi: "còn %s phút" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %s minute", "in %s minutes",
                                             (gulong) amount), number);
      /* TRANSLATORS: vi: "%s phút trước" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute ago", "%s minutes ago",
                                           (gulong) amount), number);
    }

  if (diff < G_TIME_SPAN_DAY)
    {
      amount = diff / G_TIME_SPAN_HOUR;
      number = ioc_format_integer (style, amount);
      if (future)
        /* TRANSLATORS: a countdown; vi: "còn %s giờ" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %s hour", "in %s hours",
                                             (gulong) amount), number);
      /* TRANSLATORS: vi: "%s giờ trước" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hour ago", "%s hours ago",
                                           (gulong) amount), number);
    }

  amount = diff / G_TIME_SPAN_DAY;
  number = ioc_format_integer (style, amount);
  if (future)
    /* TRANSLATORS: a countdown; vi: "còn %s ngày" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %s day", "in %s days",
                                         (gulong) amount), number);
  /* TRANSLATORS: vi: "%s ngày trước" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day ago", "%s days ago",
                                       (gulong) amount), number);
}

static char *
duration_part (IocFormatStyle style,
               gint64         amount,
               int            unit)
{
  g_autofree char *number = ioc_format_integer (style, amount);

  switch (unit)
    {
    case 0:
      /* TRANSLATORS: part of a duration; vi: "%s ngày" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                           (gulong) amount), number);
    case 1:
      /* TRANSLATORS: part of a duration; vi: "%s giờ" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hour", "%s hours",
                                           (gulong) amount), number);
    default:
      /* TRANSLATORS: part of a duration; vi: "%s phút" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute", "%s minutes",
                                           (gulong) amount), number);
    }
}

/**
 * ioc_format_duration:
 * @style: the number style
 * @span: a length of time; its sign is ignored (the caller says "left" or
 *   "overdue by")
 *
 * A countdown's remaining time in its two largest units, rounded down:
 * "1 day 3 hours" (vi "1 ngày 3 giờ"), "2 hours 15 minutes", "45 minutes";
 * under a minute, "under a minute". From %IOC_FORMAT_DURATION_DAYS_ONLY days
 * on, whole days only ("125 days", vi "125 ngày"): the hours no longer
 * matter to anyone and would not fit the queue's Due column (issue
 * "Complaint triage"); the exact due time is shown beside it in the detail
 * pane.
 *
 * Returns: (transfer full): the translated duration
 */
char *
ioc_format_duration (IocFormatStyle style,
                     GTimeSpan      span)
{
  gint64 days, hours, minutes;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (span < 0)
    span = span == G_MININT64 ? G_MAXINT64 : -span;
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("under a minute"));

  days = span / G_TIME_SPAN_DAY;
  hours = (span % G_TIME_SPAN_DAY) / G_TIME_SPAN_HOUR;
  minutes = (span % G_TIME_SPAN_HOUR) / G_TIME_SPAN_MINUTE;

  if (days > 0)
    {
      first = duration_part (style, days, 0);
      if (hours > 0 && days < IOC_FORMAT_DURATION_DAYS_ONLY)
        second = duration_part (style, hours, 1);
    }
  else if (hours > 0)
    {
      first = duration_part (style, hours, 1);
      if (minutes > 0)
        second = duration_part (style, minutes, 2);
    }
  else
    first = duration_part (style, minutes, 2);

  if (second == NULL)
    return g_steal_pointer (&first);
  /* TRANSLATORS: joins the two parts of a duration: "1 day" "3 hours" */
  return g_strdup_printf (C_("duration", "%s %s"), first, second);
}
