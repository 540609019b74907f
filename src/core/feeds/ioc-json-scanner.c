/* ioc-json-scanner.c — a strict, allocation-free pull reader for JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-json-scanner.h"

/* Longest integer part the general path keeps as a number (ioc-feed-json.c
 * turns longer ones into strings so that ids keep every digit). */
#define MAX_INTEGER_DIGITS 15

void
ioc_json_scanner_init (IocJsonScanner *self,
                       const char     *data,
                       gsize           length)
{
  memset (self, 0, sizeof *self);
  self->p = data;
  self->end = data + length;
  self->text = g_string_sized_new (256);
  /* A byte-order mark is tolerated, as by the general path. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    self->p += 3;
}

void
ioc_json_scanner_clear (IocJsonScanner *self)
{
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  self->text = NULL;
}

static gboolean
fail (IocJsonScanner *self)
{
  self->failed = TRUE;
  return FALSE;
}

static inline void
skip_space (IocJsonScanner *self)
{
  while (self->p < self->end &&
         (*self->p == ' ' || *self->p == '\n' || *self->p == '\r' || *self->p == '\t'))
    self->p++;
}

IocJsonKind
ioc_json_scanner_peek (IocJsonScanner *self)
{
  if (self->failed)
    return IOC_JSON_INVALID;
  skip_space (self);
  if (self->p >= self->end)
    return IOC_JSON_INVALID;
  switch (*self->p)
    {
    case '"':
      return IOC_JSON_STRING;
    case '{':
      return IOC_JSON_OBJECT;
    case '[':
      return IOC_JSON_ARRAY;
    case 'n':
      return IOC_JSON_NULL;
    case 't':
    case 'f':
      return IOC_JSON_BOOLEAN;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return IOC_JSON_NUMBER;
    default:
      return IOC_JSON_INVALID;
    }
}

static gboolean
read_word (IocJsonScanner *self,
           const char     *word,
           gsize           length)
{
  if (self->failed)
    return FALSE;
  skip_space (self);
  if ((gsize) (self->end - self->p) < length || memcmp (self->p, word, length) != 0)
    return fail (self);
  self->p += length;
  return TRUE;
}

gboolean
ioc_json_scanner_read_null (IocJsonScanner *self)
{
  return read_word (self, "null", 4);
}

gboolean
ioc_json_scanner_read_boolean (IocJsonScanner *self,
                               gboolean       *out)
{
  if (ioc_json_scanner_peek (self) != IOC_JSON_BOOLEAN)
    return fail (self);
  *out = *self->p == 't';
  return *out ? read_word (self, "true", 4) : read_word (self, "false", 5);
}

gboolean
ioc_json_scanner_read_number (IocJsonScanner *self,
                              double         *out)
{
  const char *start, *q;
  char buf[64];
  guint digits = 0;
  gboolean integer = TRUE;

  if (ioc_json_scanner_peek (self) != IOC_JSON_NUMBER)
    return fail (self);
  start = q = self->p;
  if (*q == '-')
    q++;
  if (q >= self->end || !g_ascii_isdigit (*q))
    return fail (self);
  /* `0` alone, or a non-zero digit first: `01` is what the general path
   * rewrites into a string, so it is not ours to read. */
  if (*q == '0' && q + 1 < self->end && g_ascii_isdigit (q[1]))
    return fail (self);
  while (q < self->end && g_ascii_isdigit (*q))
    {
      q++;
      digits++;
    }
  if (q < self->end && *q == '.')
    {
      integer = FALSE;
      q++;
      if (q >= self->end || !g_ascii_isdigit (*q))
        return fail (self);
      while (q < self->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < self->end && (*q == 'e' || *q == 'E'))
    {
      integer = FALSE;
      q++;
      if (q < self->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= self->end || !g_ascii_isdigit (*q))
        return fail (self);
      while (q < self->end && g_ascii_isdigit (*q))
        q++;
    }
  if ((integer && digits > MAX_INTEGER_DIGITS) || (gsize) (q - start) >= sizeof buf)
    return fail (self);
  memcpy (buf, start, q - start);
  buf[q - start] = '\0';
  *out = g_ascii_strtod (buf, NULL);
  self->p = q;
  return TRUE;
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
read_hex4 (IocJsonScanner *self,
           gunichar       *out)
{
  gunichar value = 0;

  if (self->end - self->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (self->p[i]);

      if (h < 0)
        return FALSE;
      value = value << 4 | (gunichar) h;
    }
  self->p += 4;
  *out = value;
  return TRUE;
}

gboolean
ioc_json_scanner_read_string (IocJsonScanner *self)
{
  gboolean high = FALSE;

  if (ioc_json_scanner_peek (self) != IOC_JSON_STRING)
    return fail (self);
  self->p++;
  g_string_truncate (self->text, 0);
  for (;;)
    {
      const char *run = self->p;
      char c;

      /* The plain bytes up to a quote, a backslash or a control character,
       * copied at once. */
      while (self->p < self->end)
        {
          guchar b = (guchar) *self->p;

          if (b == '"' || b == '\\' || b < 0x20)
            break;
          high |= b >= 0x80;
          self->p++;
        }
      g_string_append_len (self->text, run, self->p - run);
      if (self->p >= self->end)
        return fail (self);
      c = *self->p++;
      if (c == '"')
        break;
      if (c != '\\' || self->p >= self->end)
        return fail (self);   /* a raw control character, or a cut escape */
      c = *self->p++;
      switch (c)
        {
        case '"': g_string_append_c (self->text, '"'); break;
        case '\\': g_string_append_c (self->text, '\\'); break;
        case '/': g_string_append_c (self->text, '/'); break;
        case 'b': g_string_append_c (self->text, '\b'); break;
        case 'f': g_string_append_c (self->text, '\f'); break;
        case 'n': g_string_append_c (self->text, '\n'); break;
        case 'r': g_string_append_c (self->text, '\r'); break;
        case 't': g_string_append_c (self->text, '\t'); break;
        case 'u':
          {
            gunichar u, low;

            if (!read_hex4 (self, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
              return fail (self);
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                /* A surrogate pair, or nothing: lone halves are left to the
                 * general path. */
                if (self->end - self->p < 6 || self->p[0] != '\\' || self->p[1] != 'u')
                  return fail (self);
                self->p += 2;
                if (!read_hex4 (self, &low) || low < 0xDC00 || low > 0xDFFF)
                  return fail (self);
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            g_string_append_unichar (self->text, u);
          }
          break;
        default:
          return fail (self);
        }
    }
  if (high && !g_utf8_validate_len (self->text->str, self->text->len, NULL))
    return fail (self);
  return TRUE;
}

gboolean
ioc_json_scanner_enter_array (IocJsonScanner *self)
{
  if (ioc_json_scanner_peek (self) != IOC_JSON_ARRAY || self->depth >= IOC_JSON_SCANNER_MAX_DEPTH)
    return fail (self);
  self->p++;
  self->depth++;
  self->first[self->depth] = TRUE;
  return TRUE;
}

gboolean
ioc_json_scanner_enter_object (IocJsonScanner *self)
{
  if (ioc_json_scanner_peek (self) != IOC_JSON_OBJECT || self->depth >= IOC_JSON_SCANNER_MAX_DEPTH)
    return fail (self);
  self->p++;
  self->depth++;
  self->first[self->depth] = TRUE;
  return TRUE;
}

/* Before an element or member: the closing bracket ends the container (not
 * after a comma), a comma separates (not before the first). */
static gboolean
next_item (IocJsonScanner *self,
           char            close)
{
  if (self->failed || self->depth == 0)
    return fail (self);
  skip_space (self);
  if (self->p >= self->end)
    return fail (self);
  if (*self->p == close)
    {
      self->p++;
      self->depth--;
      return FALSE;
    }
  if (self->first[self->depth])
    {
      self->first[self->depth] = FALSE;
      return TRUE;
    }
  if (*self->p != ',')
    return fail (self);
  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == close)
    return fail (self);   /* a trailing comma */
  return TRUE;
}

gboolean
ioc_json_scanner_next_element (IocJsonScanner *self)
{
  return next_item (self, ']');
}

gboolean
ioc_json_scanner_next_member (IocJsonScanner *self)
{
  if (!next_item (self, '}'))
    return FALSE;
  if (!ioc_json_scanner_read_string (self))
    return FALSE;
  skip_space (self);
  if (self->p >= self->end || *self->p != ':')
    return fail (self);
  self->p++;
  return TRUE;
}

gboolean
ioc_json_scanner_skip_value (IocJsonScanner *self)
{
  double number;
  gboolean boolean;

  switch (ioc_json_scanner_peek (self))
    {
    case IOC_JSON_NULL:
      return ioc_json_scanner_read_null (self);
    case IOC_JSON_BOOLEAN:
      return ioc_json_scanner_read_boolean (self, &boolean);
    case IOC_JSON_NUMBER:
      return ioc_json_scanner_read_number (self, &number);
    case IOC_JSON_STRING:
      return ioc_json_scanner_read_string (self);
    case IOC_JSON_ARRAY:
      if (!ioc_json_scanner_enter_array (self))
        return FALSE;
      while (ioc_json_scanner_next_element (self))
        if (!ioc_json_scanner_skip_value (self))
          return FALSE;
      return !self->failed;
    case IOC_JSON_OBJECT:
      if (!ioc_json_scanner_enter_object (self))
        return FALSE;
      while (ioc_json_scanner_next_member (self))
        if (!ioc_json_scanner_skip_value (self))
          return FALSE;
      return !self->failed;
    case IOC_JSON_INVALID:
    default:
      return fail (self);
    }
}

gboolean
ioc_json_scanner_at_end (IocJsonScanner *self)
{
  if (self->failed)
    return FALSE;
  skip_space (self);
  return self->p == self->end;
}
