/* test-complaint-export.c — complaint text shown literally (issue "Complaint
 * triage", Bad input) in the queue, the detail pane and the CSV export */
#include "config.h"

#include <string.h>

#include "ioc-complaint-export.h"

/* The characters that must never reach a view or a file as themselves,
 * written out independently of the code under test. */
static const struct {
  gunichar first;
  gunichar last;
} interpreted[] = {
  { 0x0000, 0x0008 }, { 0x000b, 0x001f },   /* C0 but tab and newline */
  { 0x007f, 0x009f },                       /* DEL and C1 */
  { 0x061c, 0x061c },                       /* ALM */
  { 0x200b, 0x200f },                       /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
  { 0x2028, 0x202e },                       /* LS, PS, LRE, RLE, PDF, LRO, RLO */
  { 0x2060, 0x206f },                       /* WJ, invisible operators, LRI…PDI, deprecated */
  { 0xfeff, 0xfeff },                       /* BOM */
  { 0xfff9, 0xfffb },                       /* interlinear annotation */
};

static gboolean
must_be_replaced (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (interpreted); i++)
    if (c >= interpreted[i].first && c <= interpreted[i].last)
      return TRUE;
  return FALSE;
}

static void
check_clean (const char *in,
             const char *expected)
{
  g_autofree char *out = ioc_complaint_export_clean_text (in);

  g_assert_cmpstr (out, ==, expected);
  g_assert_true (g_utf8_validate (out, -1, NULL));
}

/* The reviewer's case and one of each class. */
static void
test_classes (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "Ổ gà lớn, đường Trần Hưng Đạo", "Ổ gà lớn, đường Trần Hưng Đạo" },
    /* Multi-line fields keep their tabs and line breaks. */
    { "dòng 1\n\tdòng 2", "dòng 1\n\tdòng 2" },
    /* C0 and DEL: readable, the same form as the rest. */
    { "a\x01" "b\x1b[31mc\x7f", "a<U+0001>b<U+001B>[31mc<U+007F>" },
    { "x\ry\x0bz\x0c", "x<U+000D>y<U+000B>z<U+000C>" },
    { "\x1f", "<U+001F>" },
    /* C1: U+0080, NEL, CSI, APC's neighbour U+009F. */
    { "\xc2\x80" "a\xc2\x85" "b\xc2\x9b" "c\xc2\x9f", "<U+0080>a<U+0085>b<U+009B>c<U+009F>" },
    /* Bidi: the override would make this read "controlLTR". */
    { "control\u202eRTL", "control<U+202E>RTL" },
    { "\u202a\u202b\u202c\u202d", "<U+202A><U+202B><U+202C><U+202D>" },
    { "\u2066a\u2067b\u2068c\u2069", "<U+2066>a<U+2067>b<U+2068>c<U+2069>" },
    { "\u200e\u200f\u061c", "<U+200E><U+200F><U+061C>" },
    /* Invisible: two codes that would look the same. */
    { "PA-0\u200b" "01", "PA-0<U+200B>01" },
    { "\u200c\u200d\u2060\ufeff", "<U+200C><U+200D><U+2060><U+FEFF>" },
    /* Line and paragraph separators would break a one-line cell. */
    { "a\u2028b\u2029c", "a<U+2028>b<U+2029>c" },
    { "\ufff9a\ufffab\ufffb", "<U+FFF9>a<U+FFFA>b<U+FFFB>" },
    /* Visible neighbours are left alone: NBSP, soft hyphen, narrow NBSP,
     * hyphen, RTL letters themselves, emoji, the replacement character. */
    { "\u00a0\u00ad\u202f\u2010\u05d0\u0627\U0001F600\ufffd",
      "\u00a0\u00ad\u202f\u2010\u05d0\u0627\U0001F600\ufffd" },
    /* Markup and scripts are text already (labels are plain text). */
    { "<script>alert(1)</script> <b>đậm</b> &amp;", "<script>alert(1)</script> <b>đậm</b> &amp;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      check_clean (cases[i].in, cases[i].out);
    }
  check_clean (NULL, "");
}

/* Invalid UTF-8 becomes U+FFFD, and what follows is still cleaned. */
static void
test_invalid_utf8 (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "ab\xff" "cd", "ab\ufffd" "cd" },
    { "\xc0\xaf", "\ufffd\ufffd" },                  /* overlong "/" */
    { "x\xed\xa0\x80y", "x\ufffd\ufffd\ufffdy" },     /* an encoded surrogate */
    { "Rác\xe1\xba", "Rác\ufffd\ufffd" },             /* cut short at the end */
    { "\xff\x01\xe2\x80\xae", "\ufffd<U+0001><U+202E>" },
    { "\xc2", "\ufffd" },                           /* a lone lead byte of C1 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      check_clean (cases[i].in, cases[i].out);
    }
}

/* Every code point: replaced by exactly "<U+XXXX>" when it is in the table
 * above, untouched otherwise. */
static void
test_every_code_point (void)
{
  guint replaced = 0;

  for (gunichar c = 0; c <= 0x10ffff; c++)
    {
      char in[8] = { 0 };
      char expected[16];
      g_autofree char *out = NULL;

      if (c >= 0xd800 && c <= 0xdfff)
        continue;
      if (c == 0)
        {
          /* NUL ends a C string: it is checked inside one instead. */
          check_clean ("a\x01", "a<U+0001>");
          continue;
        }
      in[g_unichar_to_utf8 (c, in)] = '\0';
      out = ioc_complaint_export_clean_text (in);
      if (must_be_replaced (c))
        {
          g_snprintf (expected, sizeof expected, "<U+%04X>", c);
          replaced++;
        }
      else
        memcpy (expected, in, sizeof in);
      if (strcmp (out, expected) != 0)
        g_error ("U+%04X: “%s”, expected “%s”", c, out, expected);
    }
  /* 29 + 33 + 1 + 5 + 7 + 16 + 1 + 3 (NUL is checked apart) */
  g_assert_cmpuint (replaced, ==, 95);
}

static IocComplaint *
make_complaint (const char *id,
                const char *description)
{
  IocComplaint *c = ioc_complaint_new (id);
  g_autoptr(GDateTime) received = g_date_time_new_from_iso8601 ("2026-03-02T08:00:00+07:00", NULL);

  ioc_complaint_set_service_code (c, "MT");
  ioc_complaint_set_requested_datetime (c, received);
  ioc_complaint_set_description (c, description);
  return c;
}

static char *
export_csv (GListModel         *view,
            IocComplaintFilter *filter)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ioc_complaint_export_csv (view, filter, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The cells and the CSV: cleaned, and the formula guard still works, also
 * behind a control character that used to hide the "=". */
static void
test_csv (void)
{
  g_autoptr(GListStore) store = g_list_store_new (IOC_TYPE_COMPLAINT);
  g_autoptr(IocComplaintFilter) filter = ioc_complaint_filter_new ();
  g_autoptr(IocCalendar) calendar = ioc_calendar_new_default ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-02T09:00:00+07:00", NULL);
  g_autoptr(IocComplaint) rtl = make_complaint ("PA-1", "control\u202eRTL");
  g_autoptr(IocComplaint) formula = make_complaint ("PA-2", "=HYPERLINK(\"http://x\")\x01");
  g_autoptr(IocComplaint) hidden = make_complaint ("PA-3", "\u202e=1+1");
  g_autoptr(IocComplaint) minus = make_complaint ("PA-4", "-2+3\r\nline\u2028two");
  g_autofree char *cell = NULL;
  g_autofree char *csv = NULL;

  ioc_complaint_filter_set_calendar (filter, calendar);
  ioc_complaint_filter_set_now (filter, now);

  cell = ioc_complaint_export_cell (rtl, IOC_EXPORT_COLUMN_DESCRIPTION, filter);
  g_assert_cmpstr (cell, ==, "control<U+202E>RTL");

  g_list_store_append (store, rtl);
  g_list_store_append (store, formula);
  g_list_store_append (store, hidden);
  g_list_store_append (store, minus);
  csv = export_csv (G_LIST_MODEL (store), filter);
  g_test_message ("%s", csv);

  g_assert_nonnull (strstr (csv, ",control<U+202E>RTL\r\n"));
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"http://x\"\")<U+0001>\"\r\n"));
  g_assert_nonnull (strstr (csv, ",<U+202E>=1+1\r\n"));
  /* CR inside a cell is shown, the line break kept inside quotes. */
  g_assert_nonnull (strstr (csv, ",\"'-2+3<U+000D>\nline<U+2028>two\"\r\n"));
  g_assert_null (strstr (csv, "\u202e"));
  g_assert_null (strstr (csv, "\u2028"));
  g_assert_null (strstr (csv, "\x01"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/complaint-export/clean/classes", test_classes);
  g_test_add_func ("/complaint-export/clean/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/complaint-export/clean/every-code-point", test_every_code_point);
  g_test_add_func ("/complaint-export/csv", test_csv);

  return g_test_run ();
}
