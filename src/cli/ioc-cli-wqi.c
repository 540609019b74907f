/* ioc-cli-wqi.c — `ioc-cli wqi`: VN_WQI of water samples
 *
 * Reads `sample,parameter,value,unit` CSV and prints the VN_WQI of each
 * sample (QĐ 1460/QĐ-TCMT, domain.md §6) as JSON or CSV. Any bad line stops
 * the command with a message naming it and nothing on standard output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ioc-cli-args.h"
#include "ioc-cli-commands.h"
#include "ioc-index-csv.h"
#include "ioc-json-text.h"
#include "ioc-unit.h"
#include "ioc-wqi.h"

typedef struct {
  char         *name;
  IocWqiInput   input;
  guint         lines[IOC_N_PARAMETERS];   /* where each value came from */
  IocWqiResult *result;
} Sample;

static void
sample_free (gpointer data)
{
  Sample *s = data;

  g_free (s->name);
  ioc_wqi_result_free (s->result);
  g_free (s);
}

/* The water parameters a sample may carry: the index's own, temperature
 * (for DO saturation) and the other river parameters of feeds.md §2, which
 * are read and checked but do not enter the index. */
static gboolean
is_water_parameter (IocParameter p)
{
  return ioc_wqi_parameter_group (p) != IOC_WQI_N_GROUPS ||
         p == IOC_PARAMETER_TEMPERATURE || p == IOC_PARAMETER_TSS ||
         p == IOC_PARAMETER_TOTAL_P || p == IOC_PARAMETER_TOTAL_N;
}

static gboolean
load (const char  *path,
      GPtrArray   *samples,
      GError     **error)
{
  static const char *const columns[] = { "sample", "parameter", "value", "unit", NULL };
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
      Sample *sample;
      double raw, value;

      if (r->n_fields != header->n_fields)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: %u fields where the header has %u"),
                       r->line, r->n_fields, header->n_fields);
          return FALSE;
        }
      name = g_strstrip (g_strdup (r->fields[col[0]]));
      parameter_name = g_strstrip (g_strdup (r->fields[col[1]]));
      unit = g_strstrip (g_strdup (r->fields[col[3]]));

      if (name[0] == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: the sample is empty"), r->line);
          return FALSE;
        }
      parameter = ioc_parameter_from_string (parameter_name);
      if (parameter == IOC_PARAMETER_UNKNOWN || !is_water_parameter (parameter))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: unknown water-quality parameter “%s”"),
                       r->line, parameter_name);
          return FALSE;
        }
      if (!ioc_index_csv_parse_number (r->fields[col[2]], &raw))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: “%s” is not a number"), r->line, r->fields[col[2]]);
          return FALSE;
        }
      if (raw < 0 && parameter != IOC_PARAMETER_TEMPERATURE)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: negative concentration %s"), r->line, r->fields[col[2]]);
          return FALSE;
        }
      if (!ioc_unit_to_canonical (parameter, raw, unit, &value, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: %s"), r->line, local_error->message);
          return FALSE;
        }
      if (parameter == IOC_PARAMETER_PH && value > 14)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: pH %s is outside 0–14"), r->line, r->fields[col[2]]);
          return FALSE;
        }

      sample = g_hash_table_lookup (by_name, name);
      if (sample == NULL)
        {
          sample = g_new0 (Sample, 1);
          sample->name = g_steal_pointer (&name);
          ioc_wqi_input_init (&sample->input);
          g_ptr_array_add (samples, sample);
          g_hash_table_insert (by_name, sample->name, sample);
        }
      if (sample->lines[parameter] != 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("line %u: a second %s value for sample “%s” (the first is on line %u)"),
                       r->line, ioc_parameter_to_string (parameter), sample->name,
                       sample->lines[parameter]);
          return FALSE;
        }
      sample->lines[parameter] = r->line;
      sample->input.values[parameter] = value;
    }
  return TRUE;
}

/* Group values are shown to two decimals; the WQI itself is an integer. */
static double
two_decimals (double v)
{
  return round (v * 100) / 100;
}

static char *
to_json (GPtrArray *samples)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *s = samples->pdata[i];
      const IocWqiResult *r = s->result;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sample");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "wqi");
      if (r->wqi == IOC_WQI_NONE)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, r->wqi);
      json_builder_set_member_name (b, "band");
      if (r->band == IOC_WQI_BAND_NONE)
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, ioc_wqi_band_to_string (r->band));
      json_builder_set_member_name (b, "groups");
      json_builder_begin_object (b);
      for (guint g = 0; g < IOC_WQI_N_GROUPS; g++)
        {
          json_builder_set_member_name (b, ioc_wqi_group_to_string (g));
          if (isnan (r->group[g]))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, two_decimals (r->group[g]));
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
to_csv (GPtrArray *samples)
{
  GString *out = g_string_new ("sample,wqi,band,I,II,III,IV,V,reason\n");

  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *s = samples->pdata[i];
      const IocWqiResult *r = s->result;

      ioc_index_csv_escape (out, s->name);
      g_string_append_c (out, ',');
      if (r->wqi != IOC_WQI_NONE)
        g_string_append_printf (out, "%d", r->wqi);
      g_string_append_c (out, ',');
      if (r->band != IOC_WQI_BAND_NONE)
        g_string_append (out, ioc_wqi_band_to_string (r->band));
      for (guint g = 0; g < IOC_WQI_N_GROUPS; g++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (out, ',');
          if (!isnan (r->group[g]))
            g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", r->group[g]));
        }
      g_string_append_c (out, ',');
      ioc_index_csv_escape (out, r->reason);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * ioc_cli_wqi:
 *
 * `ioc-cli wqi [--format json|csv] FILE`: VN_WQI (QĐ 1460/QĐ-TCMT;
 * domain.md §6) of each sample in FILE ("-": standard input). Exit status 0
 * on success, 1 for bad input, 2 for bad usage.
 */
int
ioc_cli_wqi (int    argc,
             char **argv)
{
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: json (default) or csv"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (sample_free);
  g_autofree char *output = NULL;
  gboolean csv;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("VN_WQI (QĐ 1460/QĐ-TCMT) of water samples read from a CSV file "
                                  "with the header sample,parameter,value,unit. "
                                  "FILE may be “-” for standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ioc-cli wqi: %s\n", error->message);
      return 2;
    }
  if (!ioc_cli_check_file_and_format ("wqi", files, format, &csv))
    return 2;

  if (!load (files[0], samples, &error))
    {
      g_printerr ("ioc-cli wqi: %s: %s\n", files[0], error->message);
      return 1;
    }

  for (guint i = 0; i < samples->len; i++)
    {
      Sample *s = samples->pdata[i];

      s->result = ioc_wqi_compute (&s->input);
    }

  output = csv ? to_csv (samples) : to_json (samples);
  return ioc_cli_write_output (output, csv);
}
