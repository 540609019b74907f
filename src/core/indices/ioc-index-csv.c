/* ioc-index-csv.c — the CSV files the index commands read
 *
 * RFC 4180 with the liberties real files take: a UTF-8 byte order mark,
 * CRLF or LF line ends, blank lines, quoted fields with doubled quotes and
 * line breaks inside. Each record remembers the line it starts on so that
 * errors can name it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-index-csv.h"

G_DEFINE_QUARK (ioc-index-csv-error-quark, ioc_index_csv_error)

static void
record_free (gpointer data)
{
  IocIndexCsvRecord *r = data;

  g_strfreev (r->fields);
  g_free (r);
}

static gboolean
fields_blank (GPtrArray *fields)
{
  return fields->len == 1 && ((const char *) fields->pdata[0])[0] == '\0';
}

/**
 * ioc_index_csv_parse:
 *
 * Splits @data into records (#IocIndexCsvRecord, the first being the
 * header). Blank lines are skipped; fields are returned as written, without
 * trimming. Fails on invalid UTF-8 or malformed quoting, naming the line.
 *
 * Returns: (transfer full): an array of records, freed with the array.
 */
GPtrArray *
ioc_index_csv_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *end = data + length;
  const char *p = data;
  guint line = 1, record_line = 1;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, IOC_INDEX_CSV_ERROR, IOC_INDEX_CSV_ERROR_ENCODING,
                           _("The file is not valid UTF-8 text"));
      return NULL;
    }
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p <= end)
    {
      gboolean end_of_record = FALSE;

      if (p < end && *p == '"' && field->len == 0)
        {
          guint quote_line = line;

          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, IOC_INDEX_CSV_ERROR, IOC_INDEX_CSV_ERROR_SYNTAX,
                               _("line %u: unterminated quoted field"), quote_line);
                  return NULL;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n')
                line++;
              g_string_append_c (field, *p++);
            }
          if (p < end && *p != ',' && *p != '\n' && *p != '\r')
            {
              g_set_error (error, IOC_INDEX_CSV_ERROR, IOC_INDEX_CSV_ERROR_SYNTAX,
                           _("line %u: unexpected text after a closing quote"), line);
              return NULL;
            }
          continue;
        }

      if (p == end || *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n')))
        end_of_record = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          p++;
          continue;
        }
      else
        {
          g_string_append_c (field, *p++);
          continue;
        }

      if (end_of_record)
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          if (!fields_blank (fields))
            {
              IocIndexCsvRecord *r = g_new0 (IocIndexCsvRecord, 1);

              r->line = record_line;
              r->n_fields = fields->len;
              g_ptr_array_add (fields, NULL);
              /* hand the strings over to the record, free the array */
              r->fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
              g_ptr_array_add (records, r);
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          else
            g_ptr_array_set_size (fields, 0);

          if (p == end)
            break;
          if (*p == '\r')
            p++;
          p++;   /* the '\n' */
          line++;
          record_line = line;
        }
    }

  if (records->len == 0)
    {
      g_set_error_literal (error, IOC_INDEX_CSV_ERROR, IOC_INDEX_CSV_ERROR_EMPTY,
                           _("The file is empty: a header line is expected"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * ioc_index_csv_read:
 * @path: a file name, or "-" for standard input
 *
 * Reads the whole of @path. Returns: (transfer full): its bytes,
 * NUL-terminated.
 */
char *
ioc_index_csv_read (const char  *path,
                    gsize       *length,
                    GError     **error)
{
  char *contents = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      GString *s = g_string_new (NULL);
      char buf[8192];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (s, buf, (gssize) n);
      if (ferror (stdin))
        {
          g_string_free (s, TRUE);
          g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                               _("Could not read standard input"));
          return NULL;
        }
      *length = s->len;
      return g_string_free (s, FALSE);
    }

  if (!g_file_get_contents (path, &contents, length, error))
    return NULL;
  return contents;
}

/**
 * ioc_index_csv_escape:
 *
 * Appends @field to @out, quoted (RFC 4180) when it holds a comma, a quote
 * or a line break.
 */
void
ioc_index_csv_escape (GString    *out,
                      const char *field)
{
  if (field == NULL)
    return;
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * ioc_index_csv_find_column:
 *
 * The index of the header field named @name (ASCII case and surrounding
 * spaces ignored), or -1.
 */
int
ioc_index_csv_find_column (const IocIndexCsvRecord *header,
                           const char              *name)
{
  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *h = g_strstrip (g_strdup (header->fields[i]));

      if (g_ascii_strcasecmp (h, name) == 0)
        return (int) i;
    }
  return -1;
}

/**
 * ioc_index_csv_load:
 *
 * What every index command does first with its input file: read it, parse
 * it, and find its columns (a missing one is an error naming the line and
 * the columns expected).
 */
GPtrArray *
ioc_index_csv_load (const char          *path,
                    const char * const  *columns,
                    int                 *col,
                    GError             **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const IocIndexCsvRecord *header;
  gsize length = 0;

  data = ioc_index_csv_read (path, &length, error);
  if (data == NULL)
    return NULL;
  records = ioc_index_csv_parse (data, length, error);
  if (records == NULL)
    return NULL;

  header = records->pdata[0];
  for (guint c = 0; columns[c] != NULL; c++)
    {
      col[c] = ioc_index_csv_find_column (header, columns[c]);
      if (col[c] < 0)
        {
          g_autofree char *expected = g_strjoinv (",", (char **) columns);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* TRANSLATORS: "line 1: the header has no “unit” column (expected sample,parameter,value,unit)" */
                       _("line %u: the header has no “%s” column (expected %s)"),
                       header->line, columns[c], expected);
          return NULL;
        }
    }
  return g_steal_pointer (&records);
}

/**
 * ioc_index_csv_parse_number:
 *
 * Parses a finite number written with a decimal point, or with a comma as
 * the only separator (Vietnamese spreadsheets write 20,6; such a field must
 * be quoted in CSV). Surrounding spaces are allowed, nothing else.
 */
gboolean
ioc_index_csv_parse_number (const char *text,
                            double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *comma = strchr (copy, ',');
  char *end = NULL;

  if (copy[0] == '\0')
    return FALSE;
  if (comma != NULL && strchr (copy, '.') == NULL && comma == strrchr (copy, ','))
    *comma = '.';
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}
