/* ioc-feed-json.c — strict, bounded JSON reading for untrusted feed bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-feed-error.h"
#include "ioc-feed-json.h"

/* Integers longer than this lose digits as doubles (2^53 ≈ 9.007e15). */
#define MAX_EXACT_DIGITS 15

typedef struct {
  const char       *start;
  const char       *p;
  const char       *end;
  const char       *copied;  /* everything before this is in @out already */
  GString          *out;     /* NULL until a rewrite is needed */
  IocFeedJsonFlags  flags;
  guint             depth;
  GError          **error;
} Scan;

static gboolean scan_value (Scan *s);

static gboolean
scan_fail (Scan       *s,
           const char *at,
           const char *reason)
{
  guint line = 1, column = 1;

  for (const char *q = s->start; q < at && q < s->end; q++)
    {
      if (*q == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *q & 0xC0) != 0x80)
        column++;
    }

  /* TRANSLATORS: "line 3, column 12: a string is not closed" */
  g_set_error (s->error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
               _("The response is not valid JSON (line %u, column %u): %s"),
               line, column, reason);
  return FALSE;
}

static void
scan_ws (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static void
scan_rewrite (Scan       *s,
              const char *from,
              const char *to,
              const char *replacement)
{
  if (s->out == NULL)
    s->out = g_string_sized_new ((gsize) (s->end - s->start) + 64);
  g_string_append_len (s->out, s->copied, from - s->copied);
  g_string_append (s->out, replacement);
  s->copied = to;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
scan_u_escape (Scan    *s,
               guint32 *code)
{
  /* s->p points after "\u" */
  *code = 0;
  if (s->end - s->p < 4)
    return scan_fail (s, s->p, _("a \\u escape is cut short"));
  for (int i = 0; i < 4; i++)
    {
      int v = hex_value (s->p[i]);
      if (v < 0)
        return scan_fail (s, s->p, _("a \\u escape has a character that is not hexadecimal"));
      *code = (*code << 4) | (guint32) v;
    }
  s->p += 4;
  return TRUE;
}

static gboolean
scan_string (Scan *s)
{
  const char *open = s->p;

  s->p++;  /* the opening quote */
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return scan_fail (s, s->p, _("a control character (such as a line break) inside a string"));
      if (c == '\\')
        {
          s->p++;
          if (s->p >= s->end)
            break;
          switch (*s->p)
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              s->p++;
              break;
            case 'u':
              {
                guint32 code;

                s->p++;
                if (!scan_u_escape (s, &code))
                  return FALSE;
                /* json-glib would turn these into invalid UTF-8 or cut the
                 * string: reject them here. */
                if (code == 0)
                  return scan_fail (s, s->p, _("a NUL character inside a string"));
                if (code >= 0xDC00 && code <= 0xDFFF)
                  return scan_fail (s, s->p, _("a lone UTF-16 surrogate inside a string"));
                if (code >= 0xD800 && code <= 0xDBFF)
                  {
                    guint32 low;

                    if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                      return scan_fail (s, s->p, _("a lone UTF-16 surrogate inside a string"));
                    s->p += 2;
                    if (!scan_u_escape (s, &low))
                      return FALSE;
                    if (low < 0xDC00 || low > 0xDFFF)
                      return scan_fail (s, s->p, _("a lone UTF-16 surrogate inside a string"));
                  }
              }
              break;
            default:
              return scan_fail (s, s->p, _("an unknown escape sequence inside a string"));
            }
          continue;
        }
      s->p++;
    }

  return scan_fail (s, open, _("a string is not closed"));
}

static gboolean
scan_number (Scan *s)
{
  const char *begin = s->p;
  const char *int_begin;
  gboolean leading_zero = FALSE;
  gboolean integral = TRUE;
  gsize n_digits;

  if (*s->p == '-')
    s->p++;
  int_begin = s->p;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return scan_fail (s, begin, _("a number has no digits"));
  if (*s->p == '0' && s->p + 1 < s->end && g_ascii_isdigit (s->p[1]))
    leading_zero = TRUE;
  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  n_digits = (gsize) (s->p - int_begin);

  if (s->p < s->end && *s->p == '.')
    {
      integral = FALSE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return scan_fail (s, begin, _("a number has no digits after its decimal point"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integral = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return scan_fail (s, begin, _("a number has no digits in its exponent"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (g_ascii_isalpha (*s->p) || *s->p == '.'))
    return scan_fail (s, begin, _("a number is followed by letters"));

  if (leading_zero)
    {
      g_autofree char *quoted = NULL;

      if (!(s->flags & IOC_FEED_JSON_LEADING_ZERO_AS_STRING) || !integral || *begin == '-')
        return scan_fail (s, begin, _("a number starts with a leading zero"));
      quoted = g_strdup_printf ("\"%.*s\"", (int) (s->p - begin), begin);
      scan_rewrite (s, begin, s->p, quoted);
    }
  else if (integral && n_digits > MAX_EXACT_DIGITS)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%.*s\"", (int) (s->p - begin), begin);

      scan_rewrite (s, begin, s->p, quoted);
    }

  return TRUE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return scan_fail (s, s->p, _("an unexpected character where a value should be"));
  s->p += len;
  if (s->p < s->end && g_ascii_isalnum (*s->p))
    return scan_fail (s, s->p, _("an unexpected character where a value should be"));
  return TRUE;
}

static gboolean
scan_container (Scan *s,
                char  close)
{
  const char *open = s->p;

  if (++s->depth > IOC_FEED_JSON_MAX_DEPTH)
    return scan_fail (s, s->p, _("the data is nested too deeply"));

  s->p++;
  scan_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }

  for (;;)
    {
      if (close == '}')
        {
          if (s->p >= s->end || *s->p != '"')
            return scan_fail (s, s->p, _("an object member has no quoted name"));
          if (!scan_string (s))
            return FALSE;
          scan_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return scan_fail (s, s->p, _("a colon is missing after a member name"));
          s->p++;
        }
      if (!scan_value (s))
        return FALSE;
      scan_ws (s);
      if (s->p >= s->end)
        return scan_fail (s, open, close == '}' ? _("an object is not closed")
                                                : _("an array is not closed"));
      if (*s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      if (*s->p != ',')
        return scan_fail (s, s->p, _("a comma is missing between two values"));
      s->p++;
      scan_ws (s);
      if (s->p < s->end && *s->p == close)
        return scan_fail (s, s->p, _("a comma is followed by no value"));
    }
}

static gboolean
scan_value (Scan *s)
{
  scan_ws (s);
  if (s->p >= s->end)
    return scan_fail (s, s->p, _("the data ends where a value should be"));

  switch (*s->p)
    {
    case '{':
      return scan_container (s, '}');
    case '[':
      return scan_container (s, ']');
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      if (*s->p == '-' || g_ascii_isdigit (*s->p))
        return scan_number (s);
      return scan_fail (s, s->p, _("an unexpected character where a value should be"));
    }
}

JsonNode *
ioc_feed_json_parse (const char        *data,
                     gsize              length,
                     IocFeedJsonFlags   flags,
                     GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end_of_valid = NULL;
  const char *text;
  gsize text_len;
  Scan s = { 0, };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate_len (data, length, &end_of_valid))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   /* Translators: %lu is a byte offset in the response. */
                   _("The response is not valid UTF-8 text (byte %lu)"),
                   (unsigned long) (end_of_valid - data));
      return NULL;
    }

  s.start = s.p = s.copied = data;
  s.end = data + length;
  s.flags = flags;
  s.error = error;

  scan_ws (&s);
  if (s.p >= s.end)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response is empty"));
      return NULL;
    }
  if (!scan_value (&s))
    {
      if (s.out != NULL)
        g_string_free (s.out, TRUE);
      return NULL;
    }
  scan_ws (&s);
  if (s.p < s.end)
    {
      scan_fail (&s, s.p, _("there is more data after the end of the document"));
      if (s.out != NULL)
        g_string_free (s.out, TRUE);
      return NULL;
    }

  out = s.out;
  if (out != NULL)
    {
      g_string_append_len (out, s.copied, s.end - s.copied);
      text = out->str;
      text_len = out->len;
    }
  else
    {
      text = data;
      text_len = length;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) text_len, &local_error))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The response is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* ---- typed accessors ---------------------------------------------------- */

static const char *
node_type_label (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_BOOLEAN)
          return _("a boolean");
        if (t == G_TYPE_STRING)
          return _("a string");
        return _("a number");
      }
    }
}

static gboolean
wrong_type (JsonNode    *node,
            const char  *member,
            const char  *wanted,
            GError     **error)
{
  /* TRANSLATORS: "“lat” is a string, not a number" */
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
               _("“%s” is %s, not %s"), member, node_type_label (node), wanted);
  return FALSE;
}

char *
ioc_feed_json_node_to_id (JsonNode *node)
{
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  t = json_node_get_value_type (node);
  if (t == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (t == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (t == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* An id written as 12.0 is still the id 12; fractions are not ids. */
      if (isfinite (d) && d == floor (d) && fabs (d) < 9007199254740992.0)
        return g_strdup_printf ("%.0f", d);
    }
  return NULL;
}

gboolean
ioc_feed_json_get_string (JsonObject  *object,
                          const char  *member,
                          char       **out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  /* Numbers where the standard says string (`"zipcode":94122`). */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      char *id = ioc_feed_json_node_to_id (node);

      if (id == NULL)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          id = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
      *out = id;
      return TRUE;
    }
  return wrong_type (node, member, _("a string"), error);
}

gboolean
ioc_feed_json_get_id (JsonObject  *object,
                      const char  *member,
                      char       **out,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  char *id;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is missing"), member);
      return FALSE;
    }
  id = ioc_feed_json_node_to_id (node);
  if (id == NULL)
    return wrong_type (node, member, _("an identifier"), error);
  g_strstrip (id);
  if (*id == '\0')
    {
      g_free (id);
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is empty"), member);
      return FALSE;
    }
  *out = id;
  return TRUE;
}

gboolean
ioc_feed_parse_double (const char *text,
                       double     *out)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double d;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;
  /* Only plain decimal notation: no hex, no "inf", no "nan". */
  for (const char *q = copy; *q; q++)
    if (!(g_ascii_isdigit (*q) || *q == '.' || *q == '-' || *q == '+' || *q == 'e' || *q == 'E'))
      return FALSE;
  errno = 0;
  d = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (d))
    return FALSE;
  *out = d;
  return TRUE;
}

gboolean
ioc_feed_parse_count (const char *text,
                      guint64    *out)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  guint64 v;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0' || !g_ascii_isdigit (*copy))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoull (copy, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
ioc_feed_json_get_double (JsonObject  *object,
                          const char  *member,
                          gboolean    *present,
                          double      *out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = FALSE;
  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);

          if (!isfinite (d))
            {
              g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                           _("“%s” is not a finite number"), member);
              return FALSE;
            }
          *out = d;
          *present = TRUE;
          return TRUE;
        }
      if (t == G_TYPE_STRING)
        {
          const char *str = json_node_get_string (node);

          if (*str == '\0')
            return TRUE;
          if (ioc_feed_parse_double (str, out))
            {
              *present = TRUE;
              return TRUE;
            }
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is not a number"), member);
          return FALSE;
        }
    }
  return wrong_type (node, member, _("a number"), error);
}

gboolean
ioc_feed_json_get_count (JsonObject  *object,
                         const char  *member,
                         gboolean    *present,
                         guint64     *out,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = FALSE;
  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);

      if (t == G_TYPE_INT64 && json_node_get_int (node) >= 0)
        {
          *out = (guint64) json_node_get_int (node);
          *present = TRUE;
          return TRUE;
        }
      if (t == G_TYPE_STRING && ioc_feed_parse_count (json_node_get_string (node), out))
        {
          *present = TRUE;
          return TRUE;
        }
      if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE || t == G_TYPE_STRING)
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is not a whole non-negative number"), member);
          return FALSE;
        }
    }
  return wrong_type (node, member, _("a number"), error);
}

gboolean
ioc_feed_json_get_boolean (JsonObject  *object,
                           const char  *member,
                           gboolean    *present,
                           gboolean    *out,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = FALSE;
  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      *present = TRUE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (node);

      if (g_ascii_strcasecmp (str, "true") == 0 || g_ascii_strcasecmp (str, "false") == 0)
        {
          *out = g_ascii_strcasecmp (str, "true") == 0;
          *present = TRUE;
          return TRUE;
        }
    }
  return wrong_type (node, member, _("a boolean"), error);
}

GDateTime *
ioc_feed_parse_datetime (const char  *text,
                         const char  *what,
                         GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  GDateTime *dt;

  /* GLib reads `+07:00`, `+0700`, `+07` and `Z`, and refuses impossible
   * dates (30 February) and times without an offset (feeds.md §1: "ISO 8601
   * with offset"): a time without one is ambiguous by up to a day. */
  dt = g_date_time_new_from_iso8601 (copy, NULL);
  if (dt == NULL)
    g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                 _("“%s” is not a valid date and time with a UTC offset"), what);
  return dt;
}

gboolean
ioc_feed_json_get_datetime (JsonObject  *object,
                            const char  *member,
                            GDateTime  **out,
                            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *str;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (node, member, _("a date and time"), error);
  str = json_node_get_string (node);
  if (*str == '\0')
    return TRUE;
  *out = ioc_feed_parse_datetime (str, member, error);
  return *out != NULL;
}

char *
ioc_feed_repair_double_utf8 (const char *text)
{
  g_autoptr(GString) bytes = NULL;
  gboolean high = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  bytes = g_string_new (NULL);
  for (const char *q = text; *q; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      if (c > 0xFF)
        return NULL;
      if (c >= 0x80)
        high = TRUE;
      g_string_append_c (bytes, (char) c);
    }
  if (!high || !g_utf8_validate_len (bytes->str, bytes->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&bytes), FALSE);
}
