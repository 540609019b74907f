/* ioc-cli-aqi.c — `ioc-cli aqi`: VN_AQI of hourly measurements
 *
 * Reads `station,time,parameter,value,unit` CSV (time: ISO 8601 with an
 * offset, the end of the hourly averaging period) and prints the hourly or
 * daily VN_AQI per station (QĐ 1459/QĐ-TCMT, domain.md §5) as JSON or CSV.
 * Any bad line stops the command with a message naming it and nothing on
 * standard output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ioc-aqi.h"
#include "ioc-cli-args.h"
#include "ioc-cli-commands.h"
#include "ioc-index-csv.h"
#include "ioc-json-text.h"
#include "ioc-unit.h"

#define HOUR G_GINT64_CONSTANT (3600)
#define DAY G_GINT64_CONSTANT (86400)

typedef struct {
  gint64 end;        /* end of the averaging hour, Unix seconds */
  int    offset;     /* UTC offset written with it, seconds */
  int    pollutant;  /* IocAqiPollutant */
  double value;      /* µg/m³ */
  guint  line;
} Sample;

typedef struct {
  char   *name;
  GArray *samples;   /* Sample */
} Station;

static void
station_free (gpointer data)
{
  Station *s = data;

  g_free (s->name);
  g_array_unref (s->samples);
  g_free (s);
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const Sample *x = a, *y = b;

  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->pollutant - y->pollutant;
}

/* ISO 8601 with an explicit offset; "T24:00" is accepted as the end of the
 * day (= 00:00 of the next), as hourly averages are often labelled. */
static gboolean
parse_time (const char  *text,
            gint64      *end,
            int         *offset,
            GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus1 = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  char *t = strchr (copy, 'T');
  gboolean hour_24 = FALSE;
  int y, m, d;

  if (t == NULL)
    t = strchr (copy, 't');
  if (t != NULL && strncmp (t + 1, "24", 2) == 0)
    {
      hour_24 = TRUE;
      t[1] = '2';
      t[2] = '3';
    }

  a = g_date_time_new_from_iso8601 (copy, utc);
  b = g_date_time_new_from_iso8601 (copy, plus1);
  if (a == NULL || b == NULL)
    {
      if (sscanf (copy, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
          m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
          !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("the date %04d-%02d-%02d does not exist"), y, m, d);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("“%s” is not an ISO 8601 time (for example 2025-11-12T20:00:00+07:00)"),
                     text);
      return FALSE;
    }
  /* Without an offset the two default zones give different instants. */
  if (g_date_time_to_unix (a) != g_date_time_to_unix (b))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("the time “%s” has no UTC offset (write for example +07:00)"), text);
      return FALSE;
    }
  if (g_date_time_get_minute (a) != 0 || g_date_time_get_seconds (a) != 0.0 ||
      (hour_24 && g_date_time_get_hour (a) != 23))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("the time “%s” is not the end of an hour"), text);
      return FALSE;
    }
  *end = g_date_time_to_unix (a) + (hour_24 ? HOUR : 0);
  *offset = (int) (g_date_time_get_utc_offset (a) / G_USEC_PER_SEC);
  return TRUE;
}

/* Reads every record into stations (in order of first appearance). */
static gboolean
load (const char  *path,
      GPtrArray   *stations,
      GError     **error)
{
  static const char *const columns[] = { "station", "time", "parameter", "value", "unit", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  const IocIndexCsvRecord *header;
  int col[G_N_ELEMENTS (columns) - 1];

  records = ioc_index_csv_load (path, columns, col, error);
  if (records == NULL)
    return FALSE;
  header = records->pdata[0];

  for (guint i = 1; i < records->len; i++)
    {
      const IocIndexCsvRecord *r = records->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *parameter_name = NULL;
      g_autofree char *unit = NULL;
      IocParameter parameter;
      Station *station;
      Sample s = { 0 };
      double raw;

      if (r->n_fields != header->n_fields)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: %u fields where the header has %u"),
                       r->line, r->n_fields, header->n_fields);
          return FALSE;
        }

      name = g_strstrip (g_strdup (r->fields[col[0]]));
      parameter_name = g_strstrip (g_strdup (r->fields[col[2]]));
      unit = g_strstrip (g_strdup (r->fields[col[4]]));
      s.line = r->line;

      if (name[0] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: the station is empty"), r->line);
          return FALSE;
        }
      if (!parse_time (r->fields[col[1]], &s.end, &s.offset, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: %s"), r->line, local_error->message);
          return FALSE;
        }
      parameter = ioc_parameter_from_string (parameter_name);
      s.pollutant = ioc_aqi_pollutant_from_parameter (parameter);
      if (s.pollutant == IOC_AQI_N_POLLUTANTS)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: unknown parameter “%s” (expected PM2.5, PM10, O3, CO, NO2 or SO2)"),
                       r->line, parameter_name);
          return FALSE;
        }
      if (!ioc_index_csv_parse_number (r->fields[col[3]], &raw))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: “%s” is not a number"), r->line, r->fields[col[3]]);
          return FALSE;
        }
      if (raw < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: negative concentration %s"), r->line, r->fields[col[3]]);
          return FALSE;
        }
      if (!ioc_unit_to_canonical (parameter, raw, unit, &s.value, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: %s"), r->line, local_error->message);
          return FALSE;
        }

      station = g_hash_table_lookup (by_name, name);
      if (station == NULL)
        {
          station = g_new0 (Station, 1);
          station->name = g_steal_pointer (&name);
          station->samples = g_array_new (FALSE, FALSE, sizeof (Sample));
          g_ptr_array_add (stations, station);
          g_hash_table_insert (by_name, station->name, station);
        }
      g_array_append_val (station->samples, s);
    }

  /* Sort each station's samples by time and refuse duplicates: two values
   * for one hour leave the AQI undefined. */
  for (guint i = 0; i < stations->len; i++)
    {
      Station *st = stations->pdata[i];

      g_array_sort (st->samples, compare_samples);
      for (guint k = 1; k < st->samples->len; k++)
        {
          const Sample *p = &g_array_index (st->samples, Sample, k - 1);
          const Sample *q = &g_array_index (st->samples, Sample, k);

          if (compare_samples (p, q) == 0)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("line %u: a second %s value for station “%s” at that hour (the first is on line %u)"),
                           MAX (p->line, q->line),
                           ioc_parameter_to_string (ioc_aqi_pollutant_parameter (q->pollutant)),
                           st->name, MIN (p->line, q->line));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static const Sample *
find_sample (GArray *samples,
             gint64  end,
             int     pollutant)
{
  Sample key = { .end = end, .pollutant = pollutant };
  guint lo = 0, hi = samples->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = compare_samples (&g_array_index (samples, Sample, mid), &key);

      if (c == 0)
        return &g_array_index (samples, Sample, mid);
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

static double
value_at (GArray *samples,
          gint64  end,
          int     pollutant)
{
  const Sample *s = find_sample (samples, end, pollutant);

  return s != NULL ? s->value : NAN;
}

typedef struct {
  char         *station;
  char         *when;     /* ISO time or date */
  IocAqiResult *result;
} Row;

static void
row_free (gpointer data)
{
  Row *r = data;

  g_free (r->station);
  g_free (r->when);
  ioc_aqi_result_free (r->result);
  g_free (r);
}

static char *
format_time (gint64 end,
             int    offset)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (offset);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (end);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Hourly AQI (QĐ 1459 §2.4): one result per station per hour present. */
static void
compute_hourly (Station   *st,
                GPtrArray *rows)
{
  GArray *samples = st->samples;

  for (guint k = 0; k < samples->len; k++)
    {
      const Sample *s = &g_array_index (samples, Sample, k);
      IocAqiHourlyInput in;
      Row *row;

      if (k > 0 && g_array_index (samples, Sample, k - 1).end == s->end)
        continue;   /* this hour is done */

      ioc_aqi_hourly_input_init (&in);
      for (guint h = 0; h < IOC_AQI_NOWCAST_HOURS; h++)
        {
          in.pm25[h] = value_at (samples, s->end - h * HOUR, IOC_AQI_PM25);
          in.pm10[h] = value_at (samples, s->end - h * HOUR, IOC_AQI_PM10);
        }
      in.o3_1h = value_at (samples, s->end, IOC_AQI_O3);
      in.co_1h = value_at (samples, s->end, IOC_AQI_CO);
      in.no2_1h = value_at (samples, s->end, IOC_AQI_NO2);
      in.so2_1h = value_at (samples, s->end, IOC_AQI_SO2);

      row = g_new0 (Row, 1);
      row->station = g_strdup (st->name);
      row->when = format_time (s->end, s->offset);
      row->result = ioc_aqi_hourly (&in);
      g_ptr_array_add (rows, row);
    }
}

/* The local day an hour belongs to and its slot 0 … 23: the hour ending
 * 01:00 is slot 0 and the hour ending 24:00 (00:00 of the next day) slot 23
 * (QĐ 1459: the day runs 01:00 to 24:00), in the offset written with it. */
static void
day_slot (const Sample *s,
          gint64       *day,
          int          *slot)
{
  gint64 start = s->end + s->offset - HOUR;   /* local start of the hour */
  gint64 d = start >= 0 ? start / DAY : -((-start + DAY - 1) / DAY);

  *day = d;
  *slot = (int) ((start - d * DAY) / HOUR);
}

typedef struct {
  gint64 day;
  double hours[IOC_AQI_N_POLLUTANTS][24];
} Day;

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const Day *x = a, *y = b;

  return x->day < y->day ? -1 : x->day > y->day;
}

/* Daily AQI (QĐ 1459 §2.5; domain.md §5). */
static void
compute_daily (Station   *st,
               GPtrArray *rows)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (Day));

  for (guint k = 0; k < st->samples->len; k++)
    {
      const Sample *s = &g_array_index (st->samples, Sample, k);
      Day *day = NULL;
      gint64 d;
      int slot;

      day_slot (s, &d, &slot);
      for (guint i = 0; i < days->len && day == NULL; i++)
        if (g_array_index (days, Day, i).day == d)
          day = &g_array_index (days, Day, i);
      if (day == NULL)
        {
          Day fresh = { .day = d };

          for (guint p = 0; p < IOC_AQI_N_POLLUTANTS; p++)
            for (guint h = 0; h < 24; h++)
              fresh.hours[p][h] = NAN;
          g_array_append_val (days, fresh);
          day = &g_array_index (days, Day, days->len - 1);
        }
      day->hours[s->pollutant][slot] = s->value;
    }
  g_array_sort (days, compare_days);

  for (guint i = 0; i < days->len; i++)
    {
      const Day *day = &g_array_index (days, Day, i);
      double stat[IOC_AQI_N_POLLUTANTS][3];   /* mean, max, count */
      IocAqiDailyInput in;
      g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 1970);
      Row *row;
      double m8;

      for (guint p = 0; p < IOC_AQI_N_POLLUTANTS; p++)
        {
          double sum = 0, max = -1, n = 0;

          for (guint h = 0; h < 24; h++)
            if (!isnan (day->hours[p][h]))
              {
                sum += day->hours[p][h];
                max = MAX (max, day->hours[p][h]);
                n++;
              }
          stat[p][0] = n > 0 ? sum / n : NAN;
          stat[p][1] = n > 0 ? max : NAN;
          stat[p][2] = n;
        }

      /* day counts days since 1970-01-01 */
      if (day->day >= 0)
        g_date_add_days (date, (guint) day->day);
      else
        g_date_subtract_days (date, (guint) -day->day);

      ioc_aqi_daily_input_init (&in);
      in.pm25_24h = stat[IOC_AQI_PM25][0];
      in.pm10_24h = stat[IOC_AQI_PM10][0];
      in.co_max_1h = stat[IOC_AQI_CO][1];
      in.no2_max_1h = stat[IOC_AQI_NO2][1];
      in.so2_max_1h = stat[IOC_AQI_SO2][1];
      in.o3_max_1h = stat[IOC_AQI_O3][1];
      if (ioc_aqi_max_8h_mean (day->hours[IOC_AQI_O3], 24, &m8))
        in.o3_max_8h = m8;

      row = g_new0 (Row, 1);
      row->station = g_strdup (st->name);
      row->when = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                                   g_date_get_month (date), g_date_get_day (date));
      row->result = ioc_aqi_daily (&in);
      g_ptr_array_add (rows, row);
    }
}

static char *
to_json (GPtrArray *rows,
         gboolean   daily)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];
      const IocAqiResult *r = row->result;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "station");
      json_builder_add_string_value (b, row->station);
      json_builder_set_member_name (b, daily ? "date" : "time");
      json_builder_add_string_value (b, row->when);
      json_builder_set_member_name (b, "aqi");
      if (r->aqi == IOC_AQI_NONE)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, r->aqi);
      json_builder_set_member_name (b, "dominant");
      if (r->dominant == IOC_PARAMETER_UNKNOWN)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, ioc_parameter_to_string (r->dominant));
      json_builder_set_member_name (b, "band");
      if (r->band == IOC_AQI_BAND_NONE)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, ioc_aqi_band_to_string (r->band));
      json_builder_set_member_name (b, "subindices");
      json_builder_begin_object (b);
      for (guint p = 0; p < IOC_AQI_N_POLLUTANTS; p++)
        if (r->sub_index_rounded[p] != IOC_AQI_NONE)
          {
            json_builder_set_member_name (b, ioc_parameter_to_string (ioc_aqi_pollutant_parameter (p)));
            json_builder_add_int_value (b, r->sub_index_rounded[p]);
          }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "reason");
      if (r->reason == NULL)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, r->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  /* Numbers as written: 86.6, not json-glib's 86.599999999999994. */
  return ioc_json_text_from_node (root, TRUE);
}

static char *
to_csv (GPtrArray *rows,
        gboolean   daily)
{
  GString *out = g_string_new (daily ? "station,date,aqi,dominant,band" : "station,time,aqi,dominant,band");

  for (guint p = 0; p < IOC_AQI_N_POLLUTANTS; p++)
    g_string_append_printf (out, ",%s", ioc_parameter_to_string (ioc_aqi_pollutant_parameter (p)));
  g_string_append (out, ",reason\n");

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];
      const IocAqiResult *r = row->result;

      ioc_index_csv_escape (out, row->station);
      g_string_append_c (out, ',');
      g_string_append (out, row->when);
      g_string_append_c (out, ',');
      if (r->aqi != IOC_AQI_NONE)
        g_string_append_printf (out, "%d", r->aqi);
      g_string_append_c (out, ',');
      if (r->dominant != IOC_PARAMETER_UNKNOWN)
        g_string_append (out, ioc_parameter_to_string (r->dominant));
      g_string_append_c (out, ',');
      if (r->band != IOC_AQI_BAND_NONE)
        g_string_append (out, ioc_aqi_band_to_string (r->band));
      for (guint p = 0; p < IOC_AQI_N_POLLUTANTS; p++)
        {
          g_string_append_c (out, ',');
          if (r->sub_index_rounded[p] != IOC_AQI_NONE)
            g_string_append_printf (out, "%d", r->sub_index_rounded[p]);
        }
      g_string_append_c (out, ',');
      ioc_index_csv_escape (out, r->reason);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * ioc_cli_aqi:
 *
 * `ioc-cli aqi [--daily] [--format json|csv] FILE`: hourly or daily VN_AQI
 * (QĐ 1459/QĐ-TCMT; domain.md §5) of the measurements in FILE ("-": standard
 * input). Exit status 0 on success, 1 for bad input, 2 for bad usage.
 */
int
ioc_cli_aqi (int    argc,
             char **argv)
{
  gboolean daily = FALSE;
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "daily", 'd', 0, G_OPTION_ARG_NONE, &daily,
      N_("Daily AQI per local calendar day (hours ending 01:00 … 24:00) instead of hourly"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: json (default) or csv"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func (station_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autofree char *output = NULL;
  gboolean csv;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("VN_AQI (QĐ 1459/QĐ-TCMT) of hourly means read from a CSV file "
                                  "with the header station,time,parameter,value,unit. "
                                  "FILE may be “-” for standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ioc-cli aqi: %s\n", error->message);
      return 2;
    }
  if (!ioc_cli_check_file_and_format ("aqi", files, format, &csv))
    return 2;

  if (!load (files[0], stations, &error))
    {
      g_printerr ("ioc-cli aqi: %s: %s\n", files[0], error->message);
      return 1;
    }

  for (guint i = 0; i < stations->len; i++)
    {
      if (daily)
        compute_daily (stations->pdata[i], rows);
      else
        compute_hourly (stations->pdata[i], rows);
    }

  output = csv ? to_csv (rows, daily) : to_json (rows, daily);
  return ioc_cli_write_output (output, csv);
}
