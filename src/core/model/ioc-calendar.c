/* ioc-calendar.c — the working-day calendar of the province's agencies
 *
 * Working days are Monday to Friday minus public holidays (domain.md §3,
 * Labour Code 2019 art. 112). The holidays are data, not code: the Government
 * moves days every year, so the calendar reads a small text file the operator
 * can edit (format documented in ioc-holidays-default.txt, which is also the
 * built-in calendar, compiled in as a GResource and read by the same parser).
 *
 * A calendar is filled once and then only read; reading it from several
 * threads at once is safe, loading while another thread reads is not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ioc-calendar.h"
#include "ioc-calendar-resources.h"

#define DEFAULT_RESOURCE "/vn/gov/angiang/IocDashboard/core/ioc-holidays-default.txt"

/* What a line of the file declared for a date. */
typedef enum {
  DECL_HOLIDAY,
  DECL_OFF,
  DECL_WORK,
} DeclKind;

typedef struct {
  DeclKind    kind;
  const char *name;        /* in the string chunk; may be "" */
  const char *source;      /* in the string chunk: file name, for messages */
  guint       line;
  guint32     substitute;  /* julian day of an explicit substitute, or 0 */
} Decl;

/* What a date turned out to be, after the substitution rule. */
typedef struct {
  IocDayKind  kind;
  const char *name;
} DayInfo;

struct _IocCalendar
{
  GObject       parent_instance;

  GHashTable   *decls;      /* julian day → Decl* */
  GHashTable   *days;       /* julian day → DayInfo*, derived from decls */
  GHashTable   *years;      /* years with at least one declaration */
  GStringChunk *strings;    /* names live as long as the calendar */
  guint         closing_hour;
  guint         closing_minute;
};

G_DEFINE_FINAL_TYPE (IocCalendar, ioc_calendar, G_TYPE_OBJECT)

G_DEFINE_QUARK (ioc-calendar-error-quark, ioc_calendar_error)

static void
ioc_calendar_finalize (GObject *object)
{
  IocCalendar *self = IOC_CALENDAR (object);

  g_clear_pointer (&self->decls, g_hash_table_unref);
  g_clear_pointer (&self->days, g_hash_table_unref);
  g_clear_pointer (&self->years, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ioc_calendar_parent_class)->finalize (object);
}

static void
ioc_calendar_class_init (IocCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_calendar_finalize;
}

static void
ioc_calendar_init (IocCalendar *self)
{
  self->decls = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->years = g_hash_table_new (NULL, NULL);
  self->strings = g_string_chunk_new (1024);
  /* domain.md §3: a complaint is due at the close of its last working day. */
  self->closing_hour = 17;
  self->closing_minute = 0;
}

/**
 * ioc_calendar_new:
 *
 * An empty calendar: Monday to Friday are working days, and there are no
 * holidays until ioc_calendar_load_file() or ioc_calendar_load_data() adds them.
 *
 * Returns: (transfer full): a new calendar
 */
IocCalendar *
ioc_calendar_new (void)
{
  return g_object_new (IOC_TYPE_CALENDAR, NULL);
}

/**
 * ioc_calendar_new_default:
 *
 * The built-in calendar: the public holidays of 2024–2027 (Labour Code 2019
 * art. 112, domain.md §3) and the swaps the Government announced, from
 * ioc-holidays-default.txt.
 *
 * Returns: (transfer full): a new calendar
 */
IocCalendar *
ioc_calendar_new_default (void)
{
  g_autoptr(IocCalendar) self = ioc_calendar_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  bytes = g_resource_lookup_data (ioc_calendar_resources_get_resource (), DEFAULT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("built-in holidays missing: %s", error->message);

  data = g_bytes_get_data (bytes, &size);
  /* The file is part of the build and a test parses it: failing here is a bug. */
  if (!ioc_calendar_load_data (self, data, (gssize) size, "ioc-holidays-default.txt", &error))
    g_error ("built-in holidays invalid: %s", error->message);

  return g_steal_pointer (&self);
}

static gboolean
is_weekend_julian (guint32 julian)
{
  GDate d;
  GDateWeekday wd;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  wd = g_date_get_weekday (&d);
  return wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY;
}

static char *
format_julian (guint32 julian)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&d),
                          (guint) g_date_get_month (&d), g_date_get_year (&d));
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
set_day (GHashTable *days,
         guint32     julian,
         IocDayKind  kind,
         const char *name)
{
  DayInfo *info = g_new (DayInfo, 1);

  info->kind = kind;
  info->name = name;
  g_hash_table_insert (days, GUINT_TO_POINTER (julian), info);
}

/* Derives the kind of every declared date, applying the substitution rule of
 * Labour Code art. 112(3): a holiday on a Saturday or a Sunday gives the next
 * working day off, unless a "substitute" line placed that day elsewhere. */
static void
rebuild_days (IocCalendar *self)
{
  g_autoptr(GArray) weekend_holidays = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (self->days);
  g_hash_table_remove_all (self->years);

  g_hash_table_iter_init (&iter, self->decls);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 julian = GPOINTER_TO_UINT (key);
      const Decl *decl = value;
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, julian);
      g_hash_table_add (self->years, GUINT_TO_POINTER ((guint) g_date_get_year (&d)));

      switch (decl->kind)
        {
        case DECL_HOLIDAY:
          set_day (self->days, julian, IOC_DAY_KIND_HOLIDAY, decl->name);
          if (is_weekend_julian (julian))
            g_array_append_val (weekend_holidays, julian);
          break;
        case DECL_OFF:
          set_day (self->days, julian, IOC_DAY_KIND_DAY_OFF, decl->name);
          break;
        case DECL_WORK:
          /* A "work" line on a weekday changes nothing. */
          if (is_weekend_julian (julian))
            set_day (self->days, julian, IOC_DAY_KIND_MAKEUP, decl->name);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Explicit substitutes first, so that the rule never hands out a day the
   * Government already gave to another holiday; then in date order, so that
   * consecutive weekend holidays (Tết) get consecutive substitutes. */
  g_array_sort (weekend_holidays, compare_julian);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < weekend_holidays->len; i++)
      {
        guint32 julian = g_array_index (weekend_holidays, guint32, i);
        const Decl *decl = g_hash_table_lookup (self->decls, GUINT_TO_POINTER (julian));
        g_autofree char *date = NULL;
        g_autofree char *name = NULL;
        guint32 target;

        if ((pass == 0) != (decl->substitute != 0))
          continue;

        if (decl->substitute != 0)
          target = decl->substitute;
        else
          for (target = julian + 1;
               is_weekend_julian (target) ||
               g_hash_table_contains (self->days, GUINT_TO_POINTER (target));
               target++)
            ;

        date = format_julian (julian);
        /* TRANSLATORS: the name of a day off given in place of a holiday that
         * fell on a weekend ("nghỉ bù"); %s are the holiday's name and date. */
        name = g_strdup_printf (_("Day off in lieu of %s (%s)"),
                                *decl->name != '\0' ? decl->name : _("holiday"), date);
        set_day (self->days, target, IOC_DAY_KIND_SUBSTITUTE,
                 g_string_chunk_insert_const (self->strings, name));
      }
}

static const char *
directive_name (DeclKind kind)
{
  switch (kind)
    {
    case DECL_HOLIDAY: return "holiday";
    case DECL_OFF: return "off";
    case DECL_WORK: return "work";
    default: g_return_val_if_reached ("?");
    }
}

G_GNUC_PRINTF (4, 5)
static gboolean
line_error (GError     **error,
            const char  *source,
            guint        line,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: an error in a holidays file: file name, line number, problem */
  g_set_error (error, IOC_CALENDAR_ERROR, IOC_CALENDAR_ERROR_PARSE,
               _("%s, line %u: %s"), source, line, message);
  return FALSE;
}

/* Strict YYYY-MM-DD that names a real day: 2025-02-29 is refused. */
static gboolean
parse_iso_date (const char *text,
                guint32    *julian)
{
  guint year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1900 || year > 2999 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  {
    GDate d;

    g_date_clear (&d, 1);
    g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    *julian = g_date_get_julian (&d);
  }
  return TRUE;
}

/* Splits off the next blank-separated word of *p; NULL at the end. */
static char *
next_word (char **p)
{
  char *start = *p, *end;

  while (*start == ' ' || *start == '\t')
    start++;
  if (*start == '\0')
    {
      *p = start;
      return NULL;
    }
  end = start;
  while (*end != '\0' && *end != ' ' && *end != '\t')
    end++;
  if (*end != '\0')
    *end++ = '\0';
  *p = end;
  return start;
}

static gboolean
parse_date_word (char       **p,
                 const char  *source,
                 guint        line,
                 guint32     *julian,
                 GError     **error)
{
  const char *word = next_word (p);

  if (word == NULL)
    return line_error (error, source, line, "%s", _("a date (YYYY-MM-DD) is missing"));
  if (!parse_iso_date (word, julian))
    return line_error (error, source, line,
                       _("“%s” is not a valid date (YYYY-MM-DD)"), word);
  return TRUE;
}

static gboolean
declare (GHashTable  *decls,
         guint32      julian,
         DeclKind     kind,
         const char  *name,
         const char  *source,
         guint        line,
         GError     **error)
{
  const Decl *old = g_hash_table_lookup (decls, GUINT_TO_POINTER (julian));
  Decl *decl;

  if (old != NULL)
    {
      g_autofree char *date = format_julian (julian);

      return line_error (error, source, line,
                         _("%s is already declared (“%s”, %s line %u); "
                           "add a “remove” line first to change it"),
                         date, directive_name (old->kind), old->source, old->line);
    }

  if (kind == DECL_WORK && !is_weekend_julian (julian))
    {
      g_autofree char *date = format_julian (julian);

      return line_error (error, source, line,
                         _("%s is not a Saturday or a Sunday: it is a working day already"),
                         date);
    }

  decl = g_new0 (Decl, 1);
  decl->kind = kind;
  decl->name = name;
  decl->source = source;
  decl->line = line;
  g_hash_table_insert (decls, GUINT_TO_POINTER (julian), decl);
  return TRUE;
}

static gboolean
parse_line (IocCalendar  *self,
            GHashTable   *decls,
            char         *text,
            const char   *source,
            guint         line,
            GError      **error)
{
  char *p = text, *hash;
  const char *word;
  const char *name;
  guint32 julian = 0, other = 0;
  DeclKind kind;

  /* Comments run to the end of the line; names cannot contain '#'. */
  hash = strchr (text, '#');
  if (hash != NULL)
    *hash = '\0';
  g_strchomp (text);

  word = next_word (&p);
  if (word == NULL)
    return TRUE;

  if (g_ascii_isdigit (word[0]))
    {
      /* Shorthand: "YYYY-MM-DD name" is a holiday. */
      if (!parse_iso_date (word, &julian))
        return line_error (error, source, line,
                           _("“%s” is not a valid date (YYYY-MM-DD)"), word);
      kind = DECL_HOLIDAY;
    }
  else if (g_str_equal (word, "holiday") || g_str_equal (word, "off") ||
           g_str_equal (word, "work"))
    {
      kind = word[0] == 'h' ? DECL_HOLIDAY : word[0] == 'o' ? DECL_OFF : DECL_WORK;
      if (!parse_date_word (&p, source, line, &julian, error))
        return FALSE;
    }
  else if (g_str_equal (word, "substitute"))
    {
      Decl *decl;

      if (!parse_date_word (&p, source, line, &julian, error) ||
          !parse_date_word (&p, source, line, &other, error))
        return FALSE;

      decl = g_hash_table_lookup (decls, GUINT_TO_POINTER (julian));
      if (decl == NULL || decl->kind != DECL_HOLIDAY || !is_weekend_julian (julian))
        {
          g_autofree char *date = format_julian (julian);

          return line_error (error, source, line,
                             _("%s is not a holiday declared on a Saturday or a Sunday "
                               "on an earlier line"), date);
        }
      if (is_weekend_julian (other) || g_hash_table_contains (decls, GUINT_TO_POINTER (other)))
        {
          g_autofree char *date = format_julian (other);

          return line_error (error, source, line,
                             _("%s cannot be a substitute day: it is a weekend day "
                               "or already declared"), date);
        }
      if (decl->substitute != 0)
        {
          g_autofree char *date = format_julian (julian);

          return line_error (error, source, line,
                             _("the substitute day of %s is already set"), date);
        }
      decl->substitute = other;
      return TRUE;
    }
  else if (g_str_equal (word, "remove"))
    {
      if (!parse_date_word (&p, source, line, &julian, error))
        return FALSE;
      if (next_word (&p) != NULL)
        return line_error (error, source, line, "%s",
                           _("“remove” takes a date and nothing else"));
      if (!g_hash_table_remove (decls, GUINT_TO_POINTER (julian)))
        {
          g_autofree char *date = format_julian (julian);

          return line_error (error, source, line, _("%s was not declared"), date);
        }
      return TRUE;
    }
  else
    return line_error (error, source, line,
                       _("unknown directive “%s” (expected holiday, off, work, "
                         "substitute or remove)"), word);

  while (*p == ' ' || *p == '\t')
    p++;
  name = g_string_chunk_insert_const (self->strings, p);
  return declare (decls, julian, kind, name, source, line, error);
}

static GHashTable *
copy_decls (GHashTable *decls)
{
  GHashTable *copy = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, decls);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, key, g_memdup2 (value, sizeof (Decl)));
  return copy;
}

/**
 * ioc_calendar_load_data:
 * @self: a calendar
 * @data: the text of a holidays file (format: ioc-holidays-default.txt)
 * @length: the length of @data, or -1 if it is nul-terminated
 * @source_name: the name of the file, for error messages
 * @error: return location for an error naming the faulty line
 *
 * Adds the declarations of @data to the calendar (domain.md §3: the holidays
 * are a data file the operator can edit). Either every line applies or, on
 * error, none does.
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_calendar_load_data (IocCalendar  *self,
                        const char   *data,
                        gssize        length,
                        const char   *source_name,
                        GError      **error)
{
  g_autoptr(GHashTable) decls = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char *source;

  g_return_val_if_fail (IOC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (data);
  text = g_strndup (data, (gsize) length);
  if (strlen (text) != (gsize) length)
    {
      g_set_error (error, IOC_CALENDAR_ERROR, IOC_CALENDAR_ERROR_PARSE,
                   _("%s: not a text file (it contains a NUL byte)"),
                   source_name != NULL ? source_name : "?");
      return FALSE;
    }

  source = g_string_chunk_insert_const (self->strings,
                                        source_name != NULL ? source_name : "?");
  decls = copy_decls (self->decls);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (i == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))  /* a UTF-8 BOM */
        line += 3, len -= 3;
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (!g_utf8_validate (line, (gssize) len, NULL))
        return line_error (error, source, i + 1, "%s",
                           _("the line is not valid UTF-8 text"));
      if (!parse_line (self, decls, line, source, i + 1, error))
        return FALSE;
    }

  g_hash_table_unref (self->decls);
  self->decls = g_steal_pointer (&decls);
  rebuild_days (self);
  return TRUE;
}

/**
 * ioc_calendar_load_file:
 * @self: a calendar
 * @path: a holidays file (format: ioc-holidays-default.txt)
 * @error: return location for an error
 *
 * Reads @path and adds its declarations, as ioc_calendar_load_data() does.
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_calendar_load_file (IocCalendar  *self,
                        const char   *path,
                        GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (IOC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  return ioc_calendar_load_data (self, contents, (gssize) length, path, error);
}

/**
 * ioc_calendar_set_closing_time:
 * @self: a calendar
 * @hour: 0–23
 * @minute: 0–59
 *
 * Sets the local time at which a working day ends, when a complaint due that
 * day becomes overdue (domain.md §3; 17:00 unless configured).
 */
void
ioc_calendar_set_closing_time (IocCalendar *self,
                               guint        hour,
                               guint        minute)
{
  g_return_if_fail (IOC_IS_CALENDAR (self));
  g_return_if_fail (hour < 24 && minute < 60);

  self->closing_hour = hour;
  self->closing_minute = minute;
}

/**
 * ioc_calendar_get_closing_time:
 * @self: a calendar
 * @hour: (out) (optional): the hour
 * @minute: (out) (optional): the minute
 *
 * The local time at which a working day ends (ioc_calendar_set_closing_time()).
 */
void
ioc_calendar_get_closing_time (IocCalendar *self,
                               guint       *hour,
                               guint       *minute)
{
  g_return_if_fail (IOC_IS_CALENDAR (self));

  if (hour != NULL)
    *hour = self->closing_hour;
  if (minute != NULL)
    *minute = self->closing_minute;
}

static const DayInfo *
lookup_day (IocCalendar *self,
            guint32      julian)
{
  return g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));
}

/**
 * ioc_calendar_get_day_kind:
 * @self: a calendar
 * @date: a valid date
 *
 * Why @date is or is not a working day (domain.md §3, Labour Code art. 112).
 *
 * Returns: the kind of the day
 */
IocDayKind
ioc_calendar_get_day_kind (IocCalendar *self,
                           const GDate *date)
{
  const DayInfo *info;
  guint32 julian;

  g_return_val_if_fail (IOC_IS_CALENDAR (self), IOC_DAY_KIND_WORKING);
  g_return_val_if_fail (date != NULL && g_date_valid (date), IOC_DAY_KIND_WORKING);

  julian = g_date_get_julian (date);
  info = lookup_day (self, julian);
  if (info != NULL)
    return info->kind;
  return is_weekend_julian (julian) ? IOC_DAY_KIND_WEEKEND : IOC_DAY_KIND_WORKING;
}

/**
 * ioc_calendar_get_day_name:
 * @self: a calendar
 * @date: a valid date
 *
 * Returns: (nullable) (transfer none): the name the holidays file gives
 *   @date (a holiday, a swap, a substitute day), or %NULL for an ordinary day.
 *   The string lives as long as the calendar.
 */
const char *
ioc_calendar_get_day_name (IocCalendar *self,
                           const GDate *date)
{
  const DayInfo *info;

  g_return_val_if_fail (IOC_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  info = lookup_day (self, g_date_get_julian (date));
  return info != NULL ? info->name : NULL;
}

static gboolean
kind_is_working (IocDayKind kind)
{
  return kind == IOC_DAY_KIND_WORKING || kind == IOC_DAY_KIND_MAKEUP;
}

/**
 * ioc_calendar_is_working_day:
 * @self: a calendar
 * @date: a valid date
 *
 * domain.md §3: Monday–Friday minus public holidays, their substitutes and
 * announced days off, plus announced working Saturdays.
 *
 * Returns: %TRUE if the agencies work on @date
 */
gboolean
ioc_calendar_is_working_day (IocCalendar *self,
                             const GDate *date)
{
  return kind_is_working (ioc_calendar_get_day_kind (self, date));
}

/**
 * ioc_calendar_add_working_days:
 * @self: a calendar
 * @start: a valid date (the day of receipt)
 * @n_days: how many working days to count
 * @result: (out caller-allocates): the @n_days-th working day after @start
 * @skipped: (nullable) (element-type IocSkippedDay): if not %NULL, receives
 *   the non-working days strictly between @start and @result
 *
 * Counts working days the way deadlines do (domain.md §3): counting starts
 * on the day after @start, whatever @start is, and only working days count.
 * With @n_days 0, @result is @start.
 */
void
ioc_calendar_add_working_days (IocCalendar *self,
                               const GDate *start,
                               guint        n_days,
                               GDate       *result,
                               GArray      *skipped)
{
  guint32 julian;

  g_return_if_fail (IOC_IS_CALENDAR (self));
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (result != NULL);
  g_return_if_fail (skipped == NULL ||
                    g_array_get_element_size (skipped) == sizeof (IocSkippedDay));

  julian = g_date_get_julian (start);
  /* Declared days off are finite and weekends leave 5 days in 7, so this ends. */
  while (n_days > 0)
    {
      GDate d;
      IocDayKind kind;

      julian++;
      g_date_clear (&d, 1);
      g_date_set_julian (&d, julian);
      kind = ioc_calendar_get_day_kind (self, &d);
      if (kind_is_working (kind))
        n_days--;
      else if (skipped != NULL)
        {
          IocSkippedDay day = { d, kind, ioc_calendar_get_day_name (self, &d) };

          g_array_append_val (skipped, day);
        }
    }

  g_date_clear (result, 1);
  g_date_set_julian (result, julian);
}

/**
 * ioc_calendar_count_days_off:
 * @self: a calendar
 * @year: a year
 *
 * The number of Monday–Friday dates of @year that are not working days, minus
 * the weekend days declared working: what the calendar takes away from the
 * plain five-day week. Zero means the calendar knows nothing about @year.
 *
 * Returns: the net number of working days lost in @year
 */
guint
ioc_calendar_count_days_off (IocCalendar *self,
                             guint        year)
{
  GHashTableIter iter;
  gpointer key, value;
  int count = 0;

  g_return_val_if_fail (IOC_IS_CALENDAR (self), 0);

  g_hash_table_iter_init (&iter, self->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const DayInfo *info = value;
      guint32 julian = GPOINTER_TO_UINT (key);
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, julian);
      if (g_date_get_year (&d) != year)
        continue;
      if (info->kind == IOC_DAY_KIND_MAKEUP)
        count--;
      else if (!is_weekend_julian (julian))
        count++;
    }

  return (guint) MAX (count, 0);
}

/**
 * ioc_calendar_knows_year:
 * @self: a calendar
 * @year: a year
 *
 * Whether the calendar declares anything in @year. A year it knows nothing
 * about has only weekends off, which is almost certainly wrong (every year has
 * 11 holidays, Labour Code art. 112): deadlines there deserve a warning.
 *
 * Returns: %TRUE if some line of the holidays data falls in @year
 */
gboolean
ioc_calendar_knows_year (IocCalendar *self,
                         guint        year)
{
  g_return_val_if_fail (IOC_IS_CALENDAR (self), FALSE);

  return g_hash_table_contains (self->years, GUINT_TO_POINTER (year));
}

/**
 * ioc_calendar_get_time_zone:
 *
 * The province's local time, Asia/Ho_Chi_Minh: +07:00 all year (Vietnam has
 * no daylight saving time), so a fixed offset is a faithful fallback when the
 * system has no time zone database.
 *
 * Returns: (transfer full): the time zone
 */
GTimeZone *
ioc_calendar_get_time_zone (void)
{
  static GTimeZone *tz;

  if (g_once_init_enter (&tz))
    {
      GTimeZone *zone = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");

      if (zone == NULL)
        zone = g_time_zone_new_offset (7 * 3600);
      g_once_init_leave (&tz, zone);
    }

  return g_time_zone_ref (tz);
}

/**
 * ioc_day_kind_label:
 * @kind: a kind of day
 *
 * Returns: (transfer none): the translated label of @kind, for the
 *   explanation of a due date
 */
const char *
ioc_day_kind_label (IocDayKind kind)
{
  switch (kind)
    {
    case IOC_DAY_KIND_WORKING: return C_("kind of day", "Working day");
    case IOC_DAY_KIND_WEEKEND: return C_("kind of day", "Weekend");
    case IOC_DAY_KIND_HOLIDAY: return C_("kind of day", "Public holiday");
    case IOC_DAY_KIND_SUBSTITUTE: return C_("kind of day", "Substitute day off");
    case IOC_DAY_KIND_DAY_OFF: return C_("kind of day", "Announced day off");
    case IOC_DAY_KIND_MAKEUP: return C_("kind of day", "Working weekend day");
    default: g_return_val_if_reached (NULL);
    }
}
