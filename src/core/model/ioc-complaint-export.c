/* ioc-complaint-export.c — the complaints queue's current view as CSV or XLSX
 *
 * Issue "Complaint triage": "Export the current view to CSV (and XLSX via
 * libxlsxwriter) with the active filters honoured". The rows are those of the
 * view, in its order, and each is checked against the filter again, so an
 * export can never hold more than the operator saw.
 *
 * Text from the feed is untrusted (feeds.md): a cell starting with = + - @
 * is prefixed with an apostrophe so that a spreadsheet never runs it as a
 * formula (CSV injection), and control characters, bidirectional controls
 * and invisible format characters are replaced by a readable ASCII form such
 * as "<U+202E>" (ioc_complaint_export_clean_text()) — XLSX cannot carry C0
 * controls, a bidi override would reorder what the reader sees, and a reader
 * should see that they were there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "ioc-commune.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-export.h"
#include "ioc-format.h"

/**
 * ioc_complaint_export_column_title:
 * @column: a column
 *
 * Returns: the translated header of @column
 */
const char *
ioc_complaint_export_column_title (IocExportColumn column)
{
  switch (column)
    {
    case IOC_EXPORT_COLUMN_CODE: return _("Code");
    case IOC_EXPORT_COLUMN_RECEIVED: return _("Received");
    case IOC_EXPORT_COLUMN_FIELD: return _("Field");
    case IOC_EXPORT_COLUMN_COMMUNE: return _("Commune");
    case IOC_EXPORT_COLUMN_STATUS: return _("Status");
    case IOC_EXPORT_COLUMN_DUE: return _("Due");
    case IOC_EXPORT_COLUMN_OVERDUE: return _("Overdue");
    case IOC_EXPORT_COLUMN_AGENCY: return _("Agency");
    case IOC_EXPORT_COLUMN_PRIORITY: return _("Priority");
    case IOC_EXPORT_COLUMN_PHOTOS: return _("Photos");
    case IOC_EXPORT_COLUMN_ASSIGNEE: return _("Handled by");
    case IOC_EXPORT_COLUMN_ADDRESS: return _("Address");
    case IOC_EXPORT_COLUMN_DESCRIPTION: return _("Description");
    case IOC_N_EXPORT_COLUMNS:
    default:
      g_return_val_if_reached ("");
    }
}

/* Characters that would be interpreted rather than shown: they move, hide or
 * break the text around them. Tab and newline are kept (descriptions are
 * multi-line; the single-line views fold them into spaces themselves). */
static gboolean
is_interpreted (gunichar c)
{
  if (c == '\t' || c == '\n')
    return FALSE;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||     /* C0, DEL, C1 */
         c == 0x061c ||                               /* Arabic letter mark */
         (c >= 0x200b && c <= 0x200f) ||              /* zero-width space, ZWNJ, ZWJ, LRM, RLM */
         (c >= 0x2028 && c <= 0x202e) ||              /* line/paragraph separators, embeddings, overrides */
         (c >= 0x2060 && c <= 0x206f) ||              /* word joiner, isolates, deprecated format controls */
         c == 0xfeff ||                               /* zero-width no-break space (BOM) */
         (c >= 0xfff9 && c <= 0xfffb);                /* interlinear annotation */
}

/**
 * ioc_complaint_export_clean_text:
 * @text: (nullable): untrusted text
 *
 * Issue "Complaint triage", Bad input: "Markup, scripts or control characters
 * in any text are shown literally and never interpreted" (and feeds.md: feed
 * text is untrusted). Every character that a text view or a spreadsheet
 * would act on instead of showing is replaced by its code point in a
 * readable, font-safe ASCII form, "<U+202E>":
 *
 * - C0 controls except tab and newline, DEL, and the C1 controls U+0080–U+009F;
 * - the bidirectional marks, embeddings, overrides and isolates (U+061C,
 *   U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which would reorder the
 *   text so that "control\u202eRTL" reads "controlLTR";
 * - invisible characters that can make two different texts look the same or
 *   break a line: U+200B–U+200D, U+2028, U+2029, U+2060–U+2065,
 *   U+206A–U+206F, U+FEFF and U+FFF9–U+FFFB.
 *
 * Tab and newline are kept for multi-line fields. Invalid UTF-8 becomes
 * U+FFFD. The result never starts with a control character, so the CSV
 * formula guard of the export sees the text's first visible character.
 *
 * Returns: (transfer full): the cleaned text, "" for %NULL
 */
/* Whether @text may hold a character is_interpreted() replaces: every such
 * character starts with one of these bytes in UTF-8 (U+0080–U+009F: C2,
 * U+061C: D8, U+200B–U+206F: E2, U+FEFF and U+FFF9–U+FFFB: EF). The queue
 * cleans every cell it binds while scrolling, and most texts (Vietnamese
 * names, codes, dates) have none of them: one pass over the bytes. */
static gboolean
may_need_cleaning (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f || *p == 0xc2 || *p == 0xd8 || *p == 0xe2 || *p == 0xef)
      return TRUE;
  return FALSE;
}

char *
ioc_complaint_export_clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (!may_need_cleaning (text) && g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_interpreted (c))
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/**
 * ioc_complaint_export_cell:
 * @complaint: a complaint
 * @column: the column
 * @context: the filter whose calendar and time judge the deadline
 *
 * One cell as the queue shows it: Vietnamese dates (ioc-format), translated
 * labels, the commune's name, the deadline of domain.md §3.
 *
 * Returns: (transfer full): the text
 */
char *
ioc_complaint_export_cell (IocComplaint       *complaint,
                           IocExportColumn     column,
                           IocComplaintFilter *context)
{
  IocFormatStyle style = ioc_format_style_default ();
  IocCalendar *calendar = ioc_complaint_filter_get_calendar (context);
  const IocDeadline *deadline;
  GDateTime *t;
  IocField field;

  switch (column)
    {
    case IOC_EXPORT_COLUMN_CODE:
      return ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (complaint));
    case IOC_EXPORT_COLUMN_RECEIVED:
      t = ioc_complaint_get_requested_datetime (complaint);
      return t != NULL ? ioc_format_date_time (style, t) : g_strdup ("");
    case IOC_EXPORT_COLUMN_FIELD:
      if (ioc_complaint_get_field (complaint, &field))
        return g_strdup (ioc_field_label (field));
      return ioc_complaint_export_clean_text (ioc_complaint_get_service_name (complaint) != NULL
                                              ? ioc_complaint_get_service_name (complaint)
                                              : ioc_complaint_get_service_code (complaint));
    case IOC_EXPORT_COLUMN_COMMUNE:
      {
        const char *code = ioc_complaint_get_commune_code (complaint);
        const IocCommune *commune = code != NULL ? ioc_commune_lookup (code) : NULL;

        return commune != NULL ? g_strdup (commune->full_name) : ioc_complaint_export_clean_text (code);
      }
    case IOC_EXPORT_COLUMN_STATUS:
      return g_strdup (ioc_complaint_status_label (ioc_complaint_get_status (complaint)));
    case IOC_EXPORT_COLUMN_DUE:
      if (calendar != NULL)
        {
          deadline = ioc_complaint_cache_deadline (complaint, calendar);
          return deadline != NULL ? ioc_format_date_time (style, deadline->due) : g_strdup ("");
        }
      t = ioc_complaint_get_expected_datetime (complaint);
      return t != NULL ? ioc_format_date_time (style, t) : g_strdup ("");
    case IOC_EXPORT_COLUMN_OVERDUE:
      {
        g_autoptr(GDateTime) now = ioc_complaint_filter_dup_now (context);
        gboolean overdue;

        if (calendar != NULL)
          {
            deadline = ioc_complaint_cache_deadline (complaint, calendar);
            overdue = deadline != NULL &&
                      ioc_deadline_is_overdue (deadline, ioc_complaint_is_open (complaint), now);
          }
        else
          overdue = ioc_complaint_is_overdue (complaint, ioc_complaint_get_expected_datetime (complaint), now);
        return g_strdup (overdue ? _("Overdue") : "");
      }
    case IOC_EXPORT_COLUMN_AGENCY:
      return ioc_complaint_export_clean_text (ioc_complaint_get_agency_responsible (complaint));
    case IOC_EXPORT_COLUMN_PRIORITY:
      return g_strdup (ioc_priority_label (ioc_complaint_get_priority (complaint)));
    case IOC_EXPORT_COLUMN_PHOTOS:
      {
        const char * const *urls = ioc_complaint_get_media_urls (complaint);
        guint n = urls != NULL ? g_strv_length ((char **) urls) : 0;

        if (n == 0 && ioc_complaint_get_media_url (complaint) != NULL)
          n = 1;
        return g_strdup_printf ("%u", n);
      }
    case IOC_EXPORT_COLUMN_ASSIGNEE:
      return ioc_complaint_export_clean_text (ioc_complaint_get_claimed_by (complaint));
    case IOC_EXPORT_COLUMN_ADDRESS:
      return ioc_complaint_export_clean_text (ioc_complaint_get_address (complaint));
    case IOC_EXPORT_COLUMN_DESCRIPTION:
      return ioc_complaint_export_clean_text (ioc_complaint_get_description (complaint));
    case IOC_N_EXPORT_COLUMNS:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* A spreadsheet treats these leading characters as the start of a formula. */
static gboolean
looks_like_formula (const char *cell)
{
  return cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
         cell[0] == '\t' || cell[0] == '\r';
}

static char *
defuse (char *cell)
{
  if (looks_like_formula (cell))
    {
      char *quoted = g_strconcat ("'", cell, NULL);

      g_free (cell);
      return quoted;
    }
  return cell;
}

static void
append_csv_field (GString    *line,
                  const char *cell)
{
  /* RFC 4180: quote when the cell holds a separator, quote or line break. */
  if (strpbrk (cell, ",\"\r\n") == NULL)
    {
      g_string_append (line, cell);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/**
 * ioc_complaint_export_csv:
 * @complaints: (element-type IocComplaint): the view, in its order
 * @context: the active filter (rows it rejects are left out)
 * @out: where to write
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * RFC 4180 CSV, UTF-8 with a byte-order mark (so that spreadsheet programs
 * read Vietnamese correctly), CRLF line ends, one header row.
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_complaint_export_csv (GListModel          *complaints,
                          IocComplaintFilter  *context,
                          GOutputStream       *out,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GString) line = g_string_new ("\xEF\xBB\xBF");
  guint n = g_list_model_get_n_items (complaints);

  for (guint c = 0; c < IOC_N_EXPORT_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (line, ',');
      append_csv_field (line, ioc_complaint_export_column_title (c));
    }
  g_string_append (line, "\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) complaint = g_list_model_get_item (complaints, i);

      if (!ioc_complaint_filter_matches (context, complaint))
        continue;
      for (guint c = 0; c < IOC_N_EXPORT_COLUMNS; c++)
        {
          g_autofree char *cell = defuse (ioc_complaint_export_cell (complaint, c, context));

          if (c > 0)
            g_string_append_c (line, ',');
          append_csv_field (line, cell);
        }
      g_string_append (line, "\r\n");
      if (line->len > 64 * 1024)
        {
          if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (line, 0);
        }
    }
  if (!g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error))
    return FALSE;
  return g_output_stream_flush (out, cancellable, error);
}

static gboolean
export_xlsx (GListModel          *complaints,
             IocComplaintFilter  *context,
             const char          *path,
             GError             **error)
{
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet, *about;
  lxw_format *bold;
  g_autofree char *description = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_text = NULL;
  guint n = g_list_model_get_n_items (complaints);
  guint row = 1;
  lxw_error err;

  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot create “%s”"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, _("Complaints"));
  about = workbook_add_worksheet (workbook, _("View"));
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  for (guint c = 0; c < IOC_N_EXPORT_COLUMNS; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c, ioc_complaint_export_column_title (c), bold);
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_set_column (sheet, IOC_EXPORT_COLUMN_ADDRESS, IOC_EXPORT_COLUMN_DESCRIPTION, 40, NULL);
  worksheet_set_column (sheet, IOC_EXPORT_COLUMN_CODE, IOC_EXPORT_COLUMN_AGENCY, 18, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) complaint = g_list_model_get_item (complaints, i);

      if (!ioc_complaint_filter_matches (context, complaint))
        continue;
      for (guint c = 0; c < IOC_N_EXPORT_COLUMNS; c++)
        {
          g_autofree char *cell = ioc_complaint_export_cell (complaint, c, context);

          /* Strings are written as strings, never as formulas; the count of
           * photos is a number so that it sums. */
          if (c == IOC_EXPORT_COLUMN_PHOTOS)
            worksheet_write_number (sheet, row, (lxw_col_t) c, g_ascii_strtod (cell, NULL), NULL);
          else if (*cell != '\0')
            worksheet_write_string (sheet, row, (lxw_col_t) c, cell, NULL);
        }
      row++;
    }
  if (row > 1)
    worksheet_autofilter (sheet, 0, 0, row - 1, IOC_N_EXPORT_COLUMNS - 1);

  description = ioc_complaint_filter_describe (context);
  summary = ioc_complaint_export_clean_text (description);
  now = ioc_complaint_filter_dup_now (context);
  now_text = ioc_format_date_time (ioc_format_style_default (), now);
  worksheet_write_string (about, 0, 0, _("Filters"), bold);
  worksheet_write_string (about, 0, 1, summary, NULL);
  worksheet_write_string (about, 1, 0, _("Exported"), bold);
  worksheet_write_string (about, 1, 1, now_text, NULL);
  worksheet_write_string (about, 2, 0, _("Rows"), bold);
  worksheet_write_number (about, 2, 1, row - 1, NULL);
  worksheet_set_column (about, 0, 0, 14, NULL);
  worksheet_set_column (about, 1, 1, 80, NULL);

  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}

/**
 * ioc_complaint_export_to_file:
 * @complaints: (element-type IocComplaint): the view, in its order
 * @context: the active filter
 * @format: CSV or XLSX
 * @path: the file to write (replaced atomically for CSV)
 * @error: return location for an error
 *
 * XLSX: a "Complaints" sheet with the same columns as the CSV (header frozen,
 * autofilter) and a "View" sheet that states the filters and the time of the
 * export.
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_complaint_export_to_file (GListModel                *complaints,
                              IocComplaintFilter        *context,
                              IocComplaintExportFormat   format,
                              const char                *path,
                              GError                   **error)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (complaints), FALSE);
  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (context), FALSE);

  if (format == IOC_COMPLAINT_EXPORT_XLSX)
    return export_xlsx (complaints, context, path, error);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                         NULL, error);

      if (out == NULL)
        return FALSE;
      if (!ioc_complaint_export_csv (complaints, context, G_OUTPUT_STREAM (out), NULL, error))
        return FALSE;
      return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
    }
}
