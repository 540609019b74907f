/* ioc-cli-due.c — `ioc-cli due`: the due time of a complaint
 *
 * Prints when a complaint received at a given time falls due for its tier
 * (domain.md §3), in ISO 8601 with the province's offset (+07:00), so that
 * scripts and the dashboard agree on deadlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-cli-commands.h"
#include "ioc-calendar.h"
#include "ioc-deadline.h"
#include "ioc-format.h"
#include "ioc-sla-tier.h"

/* ISO 8601 with a time, or a date alone (received that day: only the date
 * matters to the deadline); an offset-less time is province time. */
static GDateTime *
parse_received (const char  *text,
                GError     **error)
{
  g_autoptr(GTimeZone) tz = ioc_calendar_get_time_zone ();
  g_autofree char *full = NULL;
  GDateTime *dt;
  int y, m, d;
  char tail;

  if (strlen (text) == 10)
    full = g_strconcat (text, "T00:00:00", NULL);
  else
    full = g_strdup (text);

  dt = g_date_time_new_from_iso8601 (full, tz);
  if (dt != NULL)
    return dt;

  /* Say why when the date itself does not exist (29/02 of a common year). */
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) >= 3 &&
      y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--received: %04d-%02d-%02d does not exist"), y, m, d);
      return NULL;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--received: “%s” is not an ISO 8601 date and time "
                 "(for example 2026-02-13T08:15:00+07:00)"), text);
  return NULL;
}

static void
print_explanation (const IocDeadline *deadline)
{
  IocFormatStyle style = ioc_format_style_default ();
  g_autofree char *first = ioc_format_gdate (style, &deadline->first_day);
  g_autofree char *last = ioc_format_gdate (style, &deadline->last_day);
  g_autofree char *received = ioc_format_date_time (style, deadline->received);

  printf (_("Received:      %s\n"), received);
  printf (g_dngettext (GETTEXT_PACKAGE, "Tier:          %s (%s), %u working day\n",
                       "Tier:          %s (%s), %u working days\n", deadline->working_days),
          ioc_sla_tier_label (deadline->tier), ioc_sla_tier_to_string (deadline->tier),
          deadline->working_days);
  printf (_("Counted from:  %s to %s, closing at %02u:%02u\n"),
          first, last, deadline->closing_hour, deadline->closing_minute);
  for (guint i = 0; i < deadline->skipped->len; i++)
    {
      const IocSkippedDay *day = &g_array_index (deadline->skipped, IocSkippedDay, i);
      g_autofree char *date = ioc_format_gdate (style, &day->date);

      if (day->name != NULL && *day->name != '\0')
        printf (_("Not counted:   %s, %s: %s\n"), date, ioc_day_kind_label (day->kind), day->name);
      else
        printf (_("Not counted:   %s, %s\n"), date, ioc_day_kind_label (day->kind));
    }
}

/**
 * ioc_cli_due:
 * @argc: argument count, argv[0] being "due"
 * @argv: arguments
 *
 * `ioc-cli due --received ISO8601 --tier TIER [--holidays FILE] [--explain]`:
 * prints the due time (domain.md §3) as ISO 8601 with +07:00. --holidays
 * replaces the built-in calendar with FILE (same format as
 * ioc-holidays-default.txt).
 *
 * Returns: 0 on success, 1 for invalid input, 2 for a usage error
 */
int
ioc_cli_due (int    argc,
             char **argv)
{
  g_autofree char *received_text = NULL;
  g_autofree char *tier_text = NULL;
  g_autofree char *holidays = NULL;
  gboolean explain = FALSE;
  const GOptionEntry entries[] = {
    { "received", 'r', 0, G_OPTION_ARG_STRING, &received_text,
      N_("When the complaint was received (ISO 8601)"), N_("DATETIME") },
    { "tier", 't', 0, G_OPTION_ARG_STRING, &tier_text,
      N_("Deadline tier: khan_cap, xu_ly_ngay, thong_thuong or phuc_tap"), N_("TIER") },
    { "holidays", 0, 0, G_OPTION_ARG_FILENAME, &holidays,
      N_("Holidays file to use instead of the built-in calendar"), N_("FILE") },
    { "explain", 'e', 0, G_OPTION_ARG_NONE, &explain,
      N_("Also print how the due time was computed"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocCalendar) calendar = NULL;
  g_autoptr(GDateTime) received = NULL;
  g_autoptr(IocDeadline) deadline = NULL;
  g_autofree char *due = NULL;
  IocSlaTier tier;

  /* So that --help says "ioc-cli due [OPTION…]". */
  g_set_prgname ("ioc-cli due");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print when a complaint falls due (domain rules: "
                                           "working days after receipt, 17:00 local time)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "ioc-cli due: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      fprintf (stderr, _("ioc-cli due: unexpected argument “%s”\n"), argv[1]);
      return 2;
    }
  if (received_text == NULL || tier_text == NULL)
    {
      fprintf (stderr, "ioc-cli due: %s\n", _("--received and --tier are required"));
      return 2;
    }

  if (!ioc_sla_tier_from_string (tier_text, &tier))
    {
      fprintf (stderr, _("ioc-cli due: unknown tier “%s” (expected khan_cap, xu_ly_ngay, "
                         "thong_thuong or phuc_tap)\n"), tier_text);
      return 1;
    }

  received = parse_received (received_text, &error);
  if (received == NULL)
    {
      fprintf (stderr, "ioc-cli due: %s\n", error->message);
      return 1;
    }

  if (holidays != NULL)
    {
      calendar = ioc_calendar_new ();
      if (!ioc_calendar_load_file (calendar, holidays, &error))
        {
          fprintf (stderr, "ioc-cli due: %s\n", error->message);
          return 1;
        }
    }
  else
    calendar = ioc_calendar_new_default ();

  deadline = ioc_deadline_compute (calendar, received, tier, NULL);
  due = g_date_time_format (deadline->due, "%Y-%m-%dT%H:%M:%S%:z");
  printf ("%s\n", due);
  if (explain)
    print_explanation (deadline);

  return 0;
}
