/* ioc-sim-writer.c — streaming JSON/XML writer with fault hooks
 *
 * Handlers describe a response once, with typed values (free text, date,
 * identifier, measurement), and the writer renders it as JSON or as the XML
 * that Open311 GeoReport v2 makes mandatory. Because it knows what each value
 * is, fault injection can spoil exactly the kind of value a client must
 * distrust (feeds.md, "text from a feed is untrusted"). Writing bytes
 * directly also keeps numbers short and the output byte-for-byte stable for
 * a given seed, and is fast enough for pages of 1000 requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-sim-calendar.h"
#include "ioc-sim-writer.h"

typedef struct {
  gboolean    is_array;
  gboolean    first;
  const char *name;      /* XML element of this container */
  const char *item_name; /* XML element of array items */
} Frame;

struct _IocSimWriter {
  IocSimFormat format;
  guint        mangle;
  GString     *out;
  GArray      *stack;
  guint        counter;
};

IocSimWriter *
ioc_sim_writer_new (IocSimFormat format)
{
  IocSimWriter *w = g_new0 (IocSimWriter, 1);

  w->format = format;
  w->out = g_string_sized_new (4096);
  w->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  if (format == IOC_SIM_FORMAT_XML)
    g_string_append (w->out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  return w;
}

void
ioc_sim_writer_free (IocSimWriter *w)
{
  if (w == NULL)
    return;
  if (w->out != NULL)
    g_string_free (w->out, TRUE);
  g_array_unref (w->stack);
  g_free (w);
}

IocSimFormat
ioc_sim_writer_get_format (IocSimWriter *w)
{
  return w->format;
}

void
ioc_sim_writer_set_mangle (IocSimWriter *w,
                           guint         mangle)
{
  w->mangle = mangle;
}

static Frame *
top (IocSimWriter *w)
{
  if (w->stack->len == 0)
    return NULL;
  return &g_array_index (w->stack, Frame, w->stack->len - 1);
}

static void
json_escape (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (;;)
    {
      const char *run = s;
      guchar c;

      /* Plain text is copied a run at a time: this is the simulator's
       * hottest loop when it serves pages of 1 000 complaints. */
      while ((c = (guchar) *s) != '\0' && c != '"' && c != '\\' && c >= 0x20)
        s++;
      g_string_append_len (out, run, s - run);
      if (c == '\0')
        break;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_printf (out, "\\u%04x", c);
      s++;
    }
  g_string_append_c (out, '"');
}

static void
xml_escape (GString *out, const char *s)
{
  for (; *s; s++)
    switch (*s)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default: g_string_append_c (out, *s);
      }
}

/* The XML element name of a value: its key, or the item name inside an array. */
static const char *
element_name (IocSimWriter *w, const char *key)
{
  Frame *f = top (w);

  if (key != NULL)
    return key;
  if (f != NULL && f->item_name != NULL)
    return f->item_name;
  return "item";
}

static void
json_prefix (IocSimWriter *w, const char *key)
{
  Frame *f = top (w);

  if (f != NULL)
    {
      if (!f->first)
        g_string_append_c (w->out, ',');
      f->first = FALSE;
      if (!f->is_array && key != NULL)
        {
          json_escape (w->out, key);
          g_string_append_c (w->out, ':');
        }
    }
}

static void
push (IocSimWriter *w, gboolean is_array, const char *name, const char *item)
{
  Frame f = { is_array, TRUE, name, item };

  g_array_append_val (w->stack, f);
}

void
ioc_sim_writer_begin_object (IocSimWriter *w,
                             const char   *key)
{
  if (w->format == IOC_SIM_FORMAT_JSON)
    {
      json_prefix (w, key);
      g_string_append_c (w->out, '{');
      push (w, FALSE, NULL, NULL);
    }
  else
    {
      const char *name = element_name (w, key);

      g_string_append_printf (w->out, "<%s>", name);
      push (w, FALSE, name, NULL);
    }
}

void
ioc_sim_writer_end_object (IocSimWriter *w)
{
  Frame f = *top (w);

  g_array_set_size (w->stack, w->stack->len - 1);
  if (w->format == IOC_SIM_FORMAT_JSON)
    g_string_append_c (w->out, '}');
  else
    g_string_append_printf (w->out, "</%s>", f.name);
  if (w->stack->len == 0 || w->format == IOC_SIM_FORMAT_XML)
    g_string_append_c (w->out, '\n');
}

void
ioc_sim_writer_begin_array (IocSimWriter *w,
                            const char   *key,
                            const char   *item_name)
{
  if (w->format == IOC_SIM_FORMAT_JSON)
    {
      json_prefix (w, key);
      g_string_append_c (w->out, '[');
      push (w, TRUE, NULL, item_name);
    }
  else
    {
      const char *name = element_name (w, key);

      g_string_append_printf (w->out, "<%s>\n", name);
      push (w, TRUE, name, item_name);
    }
}

void
ioc_sim_writer_end_array (IocSimWriter *w)
{
  Frame f = *top (w);

  g_array_set_size (w->stack, w->stack->len - 1);
  if (w->format == IOC_SIM_FORMAT_JSON)
    {
      g_string_append_c (w->out, ']');
      if (w->stack->len == 0)
        g_string_append_c (w->out, '\n');
    }
  else
    g_string_append_printf (w->out, "</%s>\n", f.name);
}

/* A scalar whose JSON form is already rendered in @json (or a string when @quote). */
static void
scalar (IocSimWriter *w, const char *key, const char *value, gboolean quote)
{
  if (w->format == IOC_SIM_FORMAT_JSON)
    {
      json_prefix (w, key);
      if (value == NULL)
        g_string_append (w->out, "null");
      else if (quote)
        json_escape (w->out, value);
      else
        g_string_append (w->out, value);
    }
  else
    {
      const char *name = element_name (w, key);

      if (value == NULL)
        g_string_append_printf (w->out, "<%s/>", name);
      else
        {
          g_string_append_printf (w->out, "<%s>", name);
          xml_escape (w->out, value);
          g_string_append_printf (w->out, "</%s>", name);
        }
    }
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0' || strlen (s) > 15)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Bytes that are not UTF-8: a lone continuation byte and an overlong lead. */
static char *
spoil_utf8 (const char *value)
{
  gsize half = strlen (value) / 2;

  while (half > 0 && ((guchar) value[half] & 0xC0) == 0x80)
    half--;
  return g_strdup_printf ("%.*s\xC3\x28\xFF%s", (int) half, value, value + half);
}

/** ioc_sim_writer_string: an identifier, code or URL (never markup-mangled). */
void
ioc_sim_writer_string (IocSimWriter *w,
                       const char   *key,
                       const char   *value)
{
  if (value != NULL && (w->mangle & IOC_SIM_MANGLE_WRONG_TYPES) && all_digits (value))
    scalar (w, key, value, FALSE);
  else
    scalar (w, key, value, TRUE);
}

/** ioc_sim_writer_text: free text written by people, the place for markup faults. */
void
ioc_sim_writer_text (IocSimWriter *w,
                     const char   *key,
                     const char   *value)
{
  g_autofree char *markup = NULL;
  g_autofree char *spoilt = NULL;

  if (value != NULL && (w->mangle & IOC_SIM_MANGLE_MARKUP))
    value = markup = g_strdup_printf ("<b>%s</b> <script>alert('xss')</script>"
                                      "<a href=\"file:///etc/passwd\">xem</a> &amp; <i>",
                                      value);
  if (value != NULL && (w->mangle & IOC_SIM_MANGLE_BAD_UTF8))
    value = spoilt = spoil_utf8 (value);
  scalar (w, key, value, TRUE);
}

static void
write_date (IocSimWriter *w,
            const char   *key,
            gint64        t,
            gboolean      utc)
{
  static const char *impossible[] = {
    "2024-02-30T25:61:00+07:00",
    "2024-13-45T10:00:00+07:00",
    "0000-00-00T00:00:00Z",
    "2025-06-31T24:00:60+25:00",
  };
  char buf[IOC_SIM_ISO_LEN];

  if (w->mangle & IOC_SIM_MANGLE_BAD_DATES)
    {
      scalar (w, key, impossible[w->counter++ % G_N_ELEMENTS (impossible)], TRUE);
      return;
    }
  if (w->mangle & IOC_SIM_MANGLE_WRONG_TYPES)
    {
      ioc_sim_writer_int (w, key, t);
      return;
    }
  if (utc)
    {
      IocSimCivil c;

      ioc_sim_calendar_to_civil (t - IOC_SIM_TZ_OFFSET, &c);
      g_snprintf (buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                  c.year, c.month, c.day, c.hour, c.minute, c.second);
    }
  else
    ioc_sim_calendar_format (t, buf);
  scalar (w, key, buf, TRUE);
}

/** ioc_sim_writer_date: ISO 8601 in Vietnamese time (+07:00), as Open311 servers send. */
void
ioc_sim_writer_date (IocSimWriter *w,
                     const char   *key,
                     gint64        t)
{
  write_date (w, key, t, FALSE);
}

/** ioc_sim_writer_date_utc: ISO 8601 in UTC with "Z", as FROST sends. */
void
ioc_sim_writer_date_utc (IocSimWriter *w,
                         const char   *key,
                         gint64        t)
{
  write_date (w, key, t, TRUE);
}

void
ioc_sim_writer_int (IocSimWriter *w,
                    const char   *key,
                    gint64        value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  scalar (w, key, buf, (w->mangle & IOC_SIM_MANGLE_WRONG_TYPES) != 0);
}

/** ioc_sim_writer_double: a number with at most @decimals decimals, trailing zeros cut. */
void
ioc_sim_writer_double (IocSimWriter *w,
                       const char   *key,
                       double        value,
                       int           decimals)
{
  char fmt[16], buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  if (strchr (buf, '.') != NULL)
    {
      end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  scalar (w, key, buf, (w->mangle & IOC_SIM_MANGLE_WRONG_TYPES) != 0);
}

void
ioc_sim_writer_boolean (IocSimWriter *w,
                        const char   *key,
                        gboolean      value)
{
  scalar (w, key, value ? "true" : "false", (w->mangle & IOC_SIM_MANGLE_WRONG_TYPES) != 0);
}

void
ioc_sim_writer_null (IocSimWriter *w,
                     const char   *key)
{
  scalar (w, key, NULL, FALSE);
}

/** ioc_sim_writer_raw_member: pre-rendered JSON (JSON format only; ignored in XML). */
void
ioc_sim_writer_raw_member (IocSimWriter *w,
                           const char   *key,
                           const char   *json)
{
  if (w->format == IOC_SIM_FORMAT_JSON)
    scalar (w, key, json, FALSE);
}

/** ioc_sim_writer_finish: the document; frees the writer. */
GBytes *
ioc_sim_writer_finish (IocSimWriter *w)
{
  gsize len = w->out->len;
  char *data = g_string_free (w->out, FALSE);

  w->out = NULL;
  ioc_sim_writer_free (w);
  return g_bytes_new_take (data, len);
}
