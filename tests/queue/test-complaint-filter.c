/* test-complaint-filter.c — the queue's display-free rules: filters, the
 * diacritic-free search, saved views and exports
 */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "ioc-complaint-cache.h"
#include "ioc-complaint-export.h"
#include "ioc-complaint-filter.h"
#include "ioc-saved-view.h"

typedef struct {
  const char        *id;
  const char        *code;
  IocComplaintStatus status;
  IocPriority        priority;
  const char        *commune;
  const char        *agency;
  const char        *claimed_by;
  const char        *received;
  const char        *expected;
  const char        *description;
  const char        *address;
} Row;

static const Row rows[] = {
  { "PA-001", "GT", IOC_COMPLAINT_STATUS_NEW, IOC_PRIORITY_THUONG, "30280", "Sở Xây dựng", NULL,
    "2024-12-02T08:00:00+07:00", NULL, "Ổ gà lớn trên đường Trần Hưng Đạo", "Phường Long Xuyên" },
  { "PA-002", "MT", IOC_COMPLAINT_STATUS_IN_PROGRESS, IOC_PRIORITY_CAO, "30280", "Sở Tài nguyên và Môi trường", "Nguyễn Văn An",
    "2024-12-05T09:30:00+07:00", "2024-12-06T17:00:00+07:00", "Rác thải ùn ứ ở chợ", "Chợ Hà Tiên" },
  { "PA-003", "DCS", IOC_COMPLAINT_STATUS_RESOLVED, IOC_PRIORITY_THAP, "31063", "Điện lực An Giang", NULL,
    "2024-11-01T10:00:00+07:00", NULL, "=HYPERLINK(\"http://x\")\x01 đèn hỏng", "Rạch Giá" },
  { "PA-004", "XYZ", IOC_COMPLAINT_STATUS_REOPENED, IOC_PRIORITY_KHAN_CAP, "31063", NULL, "Nguyễn Văn An",
    "2024-12-09T07:00:00+07:00", NULL, "<b>Ngập</b> nước, \"sâu\"", "Hẻm 5, Rạch Giá" },
};

static GListStore *
make_store (void)
{
  GListStore *store = g_list_store_new (IOC_TYPE_COMPLAINT);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(IocComplaint) c = ioc_complaint_new (rows[i].id);
      g_autoptr(GDateTime) received = g_date_time_new_from_iso8601 (rows[i].received, NULL);

      ioc_complaint_set_service_code (c, rows[i].code);
      ioc_complaint_set_extended_status (c, rows[i].status);
      ioc_complaint_set_priority (c, rows[i].priority);
      ioc_complaint_set_commune_code (c, rows[i].commune);
      ioc_complaint_set_agency_responsible (c, rows[i].agency);
      ioc_complaint_set_claimed_by (c, rows[i].claimed_by);
      ioc_complaint_set_requested_datetime (c, received);
      if (rows[i].expected != NULL)
        {
          g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (rows[i].expected, NULL);

          ioc_complaint_set_expected_datetime (c, expected);
        }
      ioc_complaint_set_description (c, rows[i].description);
      ioc_complaint_set_address (c, rows[i].address);
      g_list_store_append (store, c);
    }
  return store;
}

/* The ids kept by @filter, comma-separated. */
static char *
matching (GListModel         *model,
          IocComplaintFilter *filter)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, i);

      if (ioc_complaint_filter_matches (filter, c))
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "",
                                ioc_complaint_get_service_request_id (c));
    }
  return g_string_free (out, FALSE);
}

static IocComplaintFilter *
make_filter (void)
{
  IocComplaintFilter *filter = ioc_complaint_filter_new ();
  g_autoptr(IocCalendar) calendar = ioc_calendar_new_default ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2024-12-10T09:00:00+07:00", NULL);

  ioc_complaint_filter_set_calendar (filter, calendar);
  ioc_complaint_filter_set_now (filter, now);
  ioc_complaint_filter_set_operator (filter, "Nguyễn Văn An");
  return filter;
}

static void
test_search (void)
{
  static const struct { const char *query; const char *expected; } cases[] = {
    { "", "PA-001,PA-002,PA-003,PA-004" },
    { "ha tien", "PA-002" },            /* address, no diacritics */
    { "HÀ TIÊN", "PA-002" },
    { "o ga", "PA-001" },               /* description */
    { "pa-00", "PA-001,PA-002,PA-003,PA-004" },
    { "pa-004", "PA-004" },             /* code */
    { "rach gia", "PA-003,PA-004" },
    { "<b>", "PA-004" },                /* markup is text */
    { "duong tran hung dao", "PA-001" },
    { "dao phuong", "" },               /* end of the description + start of the address */
    { "hung dao", "PA-001" },
    { "khong co", "" },
    { "ngap nuoc", "" },                /* "<b>Ngập</b> nước": the tag separates */
    { "ngap</b> nuoc", "PA-004" },
  };
  g_autoptr(GListStore) store = make_store ();
  g_autoptr(IocComplaintFilter) filter = make_filter ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = NULL;

      ioc_complaint_filter_set_search (filter, cases[i].query);
      got = matching (G_LIST_MODEL (store), filter);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_notes_searched_and_refreshed (void)
{
  g_autoptr(GListStore) store = make_store ();
  g_autoptr(IocComplaintFilter) filter = make_filter ();
  g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(IocComplaintNote) note = ioc_complaint_note_new (NULL, "Đã chuyển Phòng Kinh tế", "comment", "op");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;

  ioc_complaint_filter_set_search (filter, "phong kinh te");
  before = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (before, ==, "");
  /* The cache notices a note added in place. */
  ioc_complaint_add_note (c, note);
  after = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (after, ==, "PA-001");
  ioc_complaint_set_description (c, "Cây đổ");
  ioc_complaint_filter_set_search (filter, "cay do");
  changed = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (changed, ==, "PA-001");
}

static void
set_case (IocComplaintFilter *filter,
          guint               i)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2024-12-01T00:00:00+07:00", NULL);
  g_autoptr(GDateTime) to = g_date_time_new_from_iso8601 ("2024-12-09T00:00:00+07:00", NULL);

  ioc_complaint_filter_reset (filter);
  switch (i)
    {
    case 0: break;
    case 1: ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW) |
                                                          IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_REOPENED)); break;
    case 2: ioc_complaint_filter_set_field_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_FIELD_MT)); break;
    case 3: ioc_complaint_filter_set_field_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_N_FIELDS)); break;
    case 4: ioc_complaint_filter_set_priority_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_PRIORITY_CAO)); break;
    case 5: ioc_complaint_filter_set_commune_code (filter, "31063"); break;
    case 6: ioc_complaint_filter_set_agency (filter, "Sở Xây dựng"); break;
    case 7: ioc_complaint_filter_set_mine (filter, TRUE); break;
    case 8: ioc_complaint_filter_set_received_range (filter, from, to); break;
    case 9: ioc_complaint_filter_set_overdue_only (filter, TRUE); break;
    case 10: ioc_complaint_filter_set_mine (filter, TRUE);
             ioc_complaint_filter_set_commune_code (filter, "31063"); break;
    default: g_assert_not_reached ();
    }
}

static void
test_criteria (void)
{
  /* now = 10/12/2024 09:00. PA-001 GT (3 working days from Monday 02/12 →
   * 05/12): overdue. PA-002 server due 06/12: overdue. PA-003 resolved:
   * never overdue. PA-004 khẩn cấp, 1 working day counted from the day
   * after receipt (Monday 09/12) → end of 10/12: not yet. */
  static const char *expected[] = {
    "PA-001,PA-002,PA-003,PA-004",
    "PA-001,PA-004",
    "PA-002",
    "PA-004",
    "PA-002",
    "PA-003,PA-004",
    "PA-001",
    "PA-002,PA-004",
    "PA-001,PA-002",
    "PA-001,PA-002",
    "PA-004",
  };
  g_autoptr(GListStore) store = make_store ();
  g_autoptr(IocComplaintFilter) filter = make_filter ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *got = NULL;

      set_case (filter, i);
      got = matching (G_LIST_MODEL (store), filter);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, expected[i]);
    }
}

static void
count_changes (IocComplaintFilter *filter,
               int                 change,
               gpointer            user_data)
{
  GArray *changes = user_data;

  g_array_append_val (changes, change);
}

static void
test_change_hints (void)
{
  g_autoptr(IocComplaintFilter) filter = ioc_complaint_filter_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (int));

  g_signal_connect (filter, "changed", G_CALLBACK (count_changes), changes);
  ioc_complaint_filter_set_search (filter, "ha");
  ioc_complaint_filter_set_search (filter, "ha t");
  ioc_complaint_filter_set_search (filter, "Hà t");  /* same folded text: no signal */
  ioc_complaint_filter_set_search (filter, "ha");
  ioc_complaint_filter_set_search (filter, "xy");
  ioc_complaint_filter_set_mine (filter, TRUE);
  ioc_complaint_filter_set_mine (filter, FALSE);
  g_assert_cmpuint (changes->len, ==, 6);
  g_assert_cmpint (g_array_index (changes, int, 0), ==, IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 1), ==, IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 2), ==, IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 3), ==, IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpint (g_array_index (changes, int, 4), ==, IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 5), ==, IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT);
}

static void
test_saved_views (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-views-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "views.ini", NULL);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_saved_view_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(IocComplaintFilter) filter = make_filter ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2024-12-01T00:00:00+07:00", NULL);
  g_autofree char *sub = g_path_get_dirname (path);

  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW));
  ioc_complaint_filter_set_field_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_FIELD_DDXD) |
                                               IOC_COMPLAINT_FILTER_BIT (IOC_N_FIELDS));
  ioc_complaint_filter_set_search (filter, "Hà Tiên; \"x\"");
  ioc_complaint_filter_set_received_range (filter, from, NULL);
  ioc_complaint_filter_set_overdue_only (filter, TRUE);
  ioc_saved_view_list_put (views, "Quá hạn ĐĐXD", filter);
  ioc_complaint_filter_reset (filter);
  ioc_complaint_filter_set_mine (filter, TRUE);
  ioc_saved_view_list_put (views, "Của tôi", filter);
  ioc_complaint_filter_set_agency (filter, "Sở Y tế");
  ioc_saved_view_list_put (views, "Của tôi", filter);   /* replaces */
  g_assert_cmpuint (views->len, ==, 2);

  g_assert_true (ioc_saved_view_save_file (views, path, &error));
  g_assert_no_error (error);
  loaded = ioc_saved_view_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      IocSavedView *a = g_ptr_array_index (views, i);
      IocSavedView *b = g_ptr_array_index (loaded, i);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_true (ioc_complaint_filter_equal (a->filter, b->filter));
    }
  g_assert_true (ioc_saved_view_list_remove (loaded, "Của tôi"));
  g_assert_false (ioc_saved_view_list_remove (loaded, "Của tôi"));

  /* A damaged view is skipped, the others survive. */
  {
    const char *bad = "[Good]\nVersion=1\nMine=true\n[Bad]\nStatus=flying\n";
    g_autoptr(GPtrArray) some = NULL;
    g_auto(GStrv) skipped = NULL;

    g_assert_true (g_file_set_contents (path, bad, -1, NULL));
    some = ioc_saved_view_load_file (path, &skipped, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (skipped), ==, 1);
    g_assert_true (g_str_has_prefix (skipped[0], "Bad: "));
    g_assert_nonnull (strstr (skipped[0], "flying"));
    g_assert_cmpuint (some->len, ==, 1);
    g_assert_true (ioc_complaint_filter_get_mine (((IocSavedView *) some->pdata[0])->filter));
  }
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (sub), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_export (void)
{
  g_autoptr(GListStore) store = make_store ();
  g_autoptr(IocComplaintFilter) filter = make_filter ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ioc-export-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "view.xlsx", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "view.csv", NULL);
  g_autofree char *csv_file = NULL;
  g_auto(GStrv) lines = NULL;
  const char *csv;
  g_autofree char *magic = NULL;
  gsize len;

  /* The view shown: not resolved. */
  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW) |
                                        IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_IN_PROGRESS) |
                                        IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_REOPENED) |
                                        IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_RESOLVED));
  ioc_complaint_filter_set_search (filter, "a");
  g_assert_true (ioc_complaint_export_csv (G_LIST_MODEL (store), filter, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  csv = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "Code,Received,Field,Commune,Status,Due,Overdue,Agency,"
                                   "Priority,Photos,Handled by,Address,Description\r\n"));
  lines = g_strsplit (csv + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);  /* header, 4 rows, "" */
  g_assert_true (g_str_has_prefix (lines[1], "PA-001,02/12/2024 08:00,"));
  g_assert_nonnull (strstr (lines[2], ",Overdue,"));
  /* A formula is defused, quotes doubled, a control character made visible. */
  g_assert_nonnull (strstr (lines[3], ",\"'=HYPERLINK(\"\"http://x\"\")<U+0001> đèn hỏng\""));
  g_assert_nonnull (strstr (lines[4], "\"<b>Ngập</b> nước, \"\"sâu\"\"\""));
  g_assert_true (g_str_has_prefix (lines[4], "PA-004,09/12/2024 07:00,XYZ,"));

  /* Narrower view, to a file. */
  ioc_complaint_filter_set_search (filter, "ha tien");
  g_assert_true (ioc_complaint_export_to_file (G_LIST_MODEL (store), filter, IOC_COMPLAINT_EXPORT_CSV,
                                               csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv_file, &len, NULL));
  g_assert_nonnull (strstr (csv_file, "PA-002,"));
  g_assert_null (strstr (csv_file, "PA-001"));

  g_assert_true (ioc_complaint_export_to_file (G_LIST_MODEL (store), filter, IOC_COMPLAINT_EXPORT_XLSX,
                                               xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &magic, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpint (memcmp (magic, "PK\x03\x04", 4), ==, 0);  /* a zip, as XLSX is */
  g_assert_cmpint (g_unlink (xlsx), ==, 0);
  g_assert_cmpint (g_unlink (csv_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* Not writable: an error, not a crash. */
  g_assert_false (ioc_complaint_export_to_file (G_LIST_MODEL (store), filter, IOC_COMPLAINT_EXPORT_XLSX,
                                                "/nonexistent/dir/view.xlsx", &error));
  g_assert_nonnull (error);
}

static void
test_deadline_cache (void)
{
  g_autoptr(GListStore) store = make_store ();
  g_autoptr(IocCalendar) calendar = ioc_calendar_new_default ();
  g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (store), 0);
  const IocDeadline *d1 = ioc_complaint_cache_deadline (c, calendar);
  const IocDeadline *d2 = ioc_complaint_cache_deadline (c, calendar);
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 ("2024-12-20T17:00:00+07:00", NULL);

  g_assert_nonnull (d1);
  g_assert_true (d1 == d2);
  g_assert_cmpint (d1->tier, ==, IOC_SLA_TIER_XU_LY_NGAY);  /* GT: ioc-field.c */
  ioc_complaint_set_priority (c, IOC_PRIORITY_KHAN_CAP);
  d2 = ioc_complaint_cache_deadline (c, calendar);
  g_assert_cmpint (d2->tier, ==, IOC_SLA_TIER_KHAN_CAP);
  ioc_complaint_set_expected_datetime (c, expected);
  d2 = ioc_complaint_cache_deadline (c, calendar);
  g_assert_cmpint (d2->source, ==, IOC_DEADLINE_SOURCE_SERVER);
  g_assert_true (g_date_time_equal (d2->due, expected));
}

/* Several communes, several agencies, several statuses: OR within a
 * dimension, AND across; change hints for sets. */
static void
test_multi_value (void)
{
  g_autoptr(GListStore) store = make_store ();
  g_autoptr(IocComplaintFilter) filter = make_filter ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (int));
  const char *two_communes[] = { "31063", "30280", "31063", "", NULL };
  const char *one_commune[] = { "31063", NULL };
  const char *agencies[] = { "Sở Xây dựng", "Điện lực An Giang", NULL };
  g_autofree char *ids = NULL;
  g_autofree char *describe = NULL;

  g_signal_connect (filter, "changed", G_CALLBACK (count_changes), changes);
  ioc_complaint_filter_set_communes (filter, two_communes);
  /* normalized: sorted, no duplicate, no empty value */
  g_assert_cmpuint (g_strv_length ((char **) ioc_complaint_filter_get_communes (filter)), ==, 2);
  g_assert_cmpstr (ioc_complaint_filter_get_communes (filter)[0], ==, "30280");
  g_assert_null (ioc_complaint_filter_get_commune_code (filter));
  ids = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (ids, ==, "PA-001,PA-002,PA-003,PA-004");
  ioc_complaint_filter_set_communes (filter, one_commune);
  g_clear_pointer (&ids, g_free);
  ids = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (ids, ==, "PA-003,PA-004");
  g_assert_cmpstr (ioc_complaint_filter_get_commune_code (filter), ==, "31063");
  ioc_complaint_filter_set_communes (filter, two_communes);
  ioc_complaint_filter_set_agencies (filter, agencies);
  g_clear_pointer (&ids, g_free);
  ids = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (ids, ==, "PA-001,PA-003");
  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW) |
                                                IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_RESOLVED));
  g_clear_pointer (&ids, g_free);
  ids = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (ids, ==, "PA-001,PA-003");
  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW));
  g_clear_pointer (&ids, g_free);
  ids = matching (G_LIST_MODEL (store), filter);
  g_assert_cmpstr (ids, ==, "PA-001");
  describe = ioc_complaint_filter_describe (filter);
  g_assert_nonnull (strstr (describe, "Sở Xây dựng, Điện lực An Giang") != NULL ? describe
                    : strstr (describe, "Điện lực An Giang, Sở Xây dựng"));
  ioc_complaint_filter_set_agencies (filter, NULL);
  g_assert_null (ioc_complaint_filter_get_agencies (filter));

  /* more strict (2→1), less strict (1→2), any (→ NULL) */
  ioc_complaint_filter_reset (filter);
  g_array_set_size (changes, 0);
  ioc_complaint_filter_set_communes (filter, two_communes);
  ioc_complaint_filter_set_communes (filter, one_commune);
  ioc_complaint_filter_set_communes (filter, two_communes);
  ioc_complaint_filter_set_communes (filter, two_communes);   /* same: no signal */
  ioc_complaint_filter_set_communes (filter, NULL);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpint (g_array_index (changes, int, 0), ==, IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 1), ==, IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 2), ==, IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (g_array_index (changes, int, 3), ==, IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT);
}

/* Version 2 stores sets; version 1 files (one commune, one agency) still load. */
static void
test_saved_views_sets (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-views-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "views.ini", NULL);
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_saved_view_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(IocComplaintFilter) filter = make_filter ();
  g_autoptr(GError) error = NULL;
  const char *communes[] = { "31063", "30280", NULL };
  const char *agencies[] = { "Sở Xây dựng; Phòng 1", "Điện lực An Giang", NULL };
  const char *v1 = "[Cũ]\nVersion=1\nStatus=new;acknowledged;\nCommune=31063\nAgency=Sở Xây dựng\nOverdueOnly=false\nMine=false\n"
                   "From=2024-12-01T00:00:00+07\nTo=2024-12-08T00:00:00+07\n";
  g_autofree char *text = NULL;

  ioc_complaint_filter_set_communes (filter, communes);
  ioc_complaint_filter_set_agencies (filter, agencies);
  ioc_complaint_filter_set_status_mask (filter, IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW) |
                                                IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_ACKNOWLEDGED));
  ioc_saved_view_list_put (views, "Hai xã", filter);
  g_assert_true (ioc_saved_view_save_file (views, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Version=2"));
  g_assert_nonnull (strstr (text, "Communes=30280;31063;"));
  g_assert_null (strstr (text, "Commune=")); /* two values: no legacy key */
  loaded = ioc_saved_view_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_true (ioc_complaint_filter_equal (filter, ((IocSavedView *) g_ptr_array_index (loaded, 0))->filter));
  g_assert_cmpuint (g_strv_length ((char **) ioc_complaint_filter_get_agencies (
                      ((IocSavedView *) g_ptr_array_index (loaded, 0))->filter)), ==, 2);

  /* The old single-value format. */
  g_clear_pointer (&loaded, g_ptr_array_unref);
  g_assert_true (g_file_set_contents (path, v1, -1, NULL));
  loaded = ioc_saved_view_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  {
    IocComplaintFilter *old = ((IocSavedView *) g_ptr_array_index (loaded, 0))->filter;
    g_autoptr(GDateTime) to = g_date_time_new_from_iso8601 ("2024-12-08T00:00:00+07:00", NULL);

    g_assert_cmpstr (ioc_complaint_filter_get_commune_code (old), ==, "31063");
    g_assert_cmpuint (g_strv_length ((char **) ioc_complaint_filter_get_communes (old)), ==, 1);
    g_assert_cmpstr (ioc_complaint_filter_get_agency (old), ==, "Sở Xây dựng");
    g_assert_cmpuint (ioc_complaint_filter_get_status_mask (old), ==,
                      IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_NEW) |
                      IOC_COMPLAINT_FILTER_BIT (IOC_COMPLAINT_STATUS_ACKNOWLEDGED));
    g_assert_true (g_date_time_equal (ioc_complaint_filter_get_received_to (old), to));
    /* saved again: version 2, and the one value also under the old key */
    g_clear_pointer (&text, g_free);
    g_assert_true (ioc_saved_view_save_file (loaded, path, &error));
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "Communes=31063;"));
    g_assert_nonnull (strstr (text, "Commune=31063"));
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/queue/filter/search", test_search);
  g_test_add_func ("/queue/filter/notes", test_notes_searched_and_refreshed);
  g_test_add_func ("/queue/filter/criteria", test_criteria);
  g_test_add_func ("/queue/filter/change-hints", test_change_hints);
  g_test_add_func ("/queue/saved-views", test_saved_views);
  g_test_add_func ("/queue/filter/multi-value", test_multi_value);
  g_test_add_func ("/queue/saved-views/sets-and-version-1", test_saved_views_sets);
  g_test_add_func ("/queue/export", test_export);
  g_test_add_func ("/queue/deadline-cache", test_deadline_cache);
  return g_test_run ();
}
