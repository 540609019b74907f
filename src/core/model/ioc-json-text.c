/* ioc-json-text.c — JSON text for people and scripts: numbers as written
 *
 * json-glib 1.6's generator prints every double with 17 significant digits
 * ("%.17g"), so a WQI group index of 86.6 reaches an analyst's script as
 * 86.599999999999994. This writer lays JSON out as the generator does (two
 * spaces, " : ", members in order) but prints each double with the fewest
 * digits that read back as the same double: 86.6. Nothing is rounded: a
 * reader gets the very value the program computed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ioc-json-text.h"

/**
 * ioc_json_text_format_double:
 * @value: a finite double
 *
 * The shortest decimal text that reads back as @value (with
 * g_ascii_strtod()), in C locale, with a decimal point or an exponent so a
 * reader keeps it a floating-point number ("100.0", not "100"; "1.0e-07",
 * not "1e-07"). A value
 * that is not finite has no JSON form: "null".
 *
 * Returns: (transfer full): the text
 */
char *
ioc_json_text_format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  int precision, exponent;

  if (!isfinite (value))
    return g_strdup ("null");
  /* The fewest significant digits that read back as @value. */
  for (precision = 1; precision < 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_snprintf (format, sizeof format, "%%.%de", precision - 1);
  g_ascii_formatd (buf, sizeof buf, format, value);
  exponent = atoi (strchr (buf, 'e') + 1);
  /* Plain decimals where a person would write them (0.0001 to 10^15),
   * with those digits; an exponent beyond. */
  if (value != 0 && (exponent < -4 || exponent > 15))
    {
      char *e;

      /* buf holds the %e form: "1e-07", "2.5e-05", "2.7704675495788188e+16".
       * "1.0e-07": json-glib reads "1e-07" as an integer. */
      if (strchr (buf, '.') == NULL && (e = strchr (buf, 'e')) != NULL)
        return g_strdup_printf ("%.*s.0%s", (int) (e - buf), buf, e);
      return g_strdup (buf);
    }
  g_snprintf (format, sizeof format, "%%.%df", MAX (0, precision - 1 - exponent));
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (strchr (buf, '.') == NULL)
    return g_strconcat (buf, ".0", NULL);
  return g_strdup (buf);
}

/* A JSON string: quotes, backslashes and control characters escaped, the
 * rest (Vietnamese) kept as UTF-8. */
static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
newline (GString  *out,
         gboolean  pretty,
         guint     depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void append_node (GString *out, JsonNode *node, gboolean pretty, guint depth);

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      g_autofree char *text = ioc_json_text_format_double (json_node_get_double (node));

      g_string_append (out, text);
    }
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node) != NULL ? json_node_get_string (node) : "");
  else
    g_string_append (out, "null");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (node != NULL ? json_node_get_node_type (node) : JSON_NODE_NULL)
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        gboolean first = TRUE;

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            newline (out, pretty, depth + 1);
            append_string (out, l->data);
            g_string_append (out, pretty ? " : " : ":");
            append_node (out, json_object_get_member (object, l->data), pretty, depth + 1);
          }
        newline (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            newline (out, pretty, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        newline (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      append_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * ioc_json_text_from_node:
 * @root: (nullable): the document
 * @pretty: whether to lay it out on lines, two spaces a level, as
 *   json_generator_set_pretty() does
 *
 * The JSON text of @root, its doubles as short as they can be and still
 * read back exactly (ioc_json_text_format_double()).
 *
 * Returns: (transfer full): the text, without a final newline
 */
char *
ioc_json_text_from_node (JsonNode *root,
                         gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  append_node (out, root, pretty, 0);
  return g_string_free (out, FALSE);
}
