/* test-complaint.c — complaint statuses, priorities, fields, channels and
 * the IocComplaint object (feeds.md §1, domain.md §3)
 */
#include "config.h"

#include "ioc-complaint.h"
#include "ioc-field.h"

/* domain.md §3 status table: code → Open311 status. */
static const struct {
  const char         *code;
  IocComplaintStatus  status;
  gboolean            open;
} status_table[] = {
  { "new", IOC_COMPLAINT_STATUS_NEW, TRUE },
  { "acknowledged", IOC_COMPLAINT_STATUS_ACKNOWLEDGED, TRUE },
  { "in_progress", IOC_COMPLAINT_STATUS_IN_PROGRESS, TRUE },
  { "reopened", IOC_COMPLAINT_STATUS_REOPENED, TRUE },
  { "resolved", IOC_COMPLAINT_STATUS_RESOLVED, FALSE },
  { "rejected", IOC_COMPLAINT_STATUS_REJECTED, FALSE },
  { "duplicate", IOC_COMPLAINT_STATUS_DUPLICATE, FALSE },
};

static void
test_status (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (status_table), ==, IOC_N_COMPLAINT_STATUSES);

  for (guint i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      IocComplaintStatus s = IOC_N_COMPLAINT_STATUSES;
      g_autofree char *upper = g_ascii_strup (status_table[i].code, -1);

      g_assert_cmpstr (ioc_complaint_status_to_string (status_table[i].status), ==, status_table[i].code);
      g_assert_true (ioc_complaint_status_from_string (status_table[i].code, &s));
      g_assert_cmpint (s, ==, status_table[i].status);
      s = IOC_N_COMPLAINT_STATUSES;
      g_assert_true (ioc_complaint_status_from_string (upper, &s));
      g_assert_cmpint (s, ==, status_table[i].status);
      g_assert_cmpint (ioc_complaint_status_is_open (status_table[i].status), ==, status_table[i].open);
      g_assert_nonnull (ioc_complaint_status_label (status_table[i].status));
      g_assert_cmpstr (ioc_complaint_status_label (status_table[i].status), !=, "");
    }

  g_assert_false (ioc_complaint_status_from_string ("open", NULL));
  g_assert_false (ioc_complaint_status_from_string ("", NULL));
  g_assert_false (ioc_complaint_status_from_string ("in progress", NULL));
  g_assert_false (ioc_complaint_status_from_string (NULL, NULL));
  g_assert_cmpstr (ioc_complaint_status_label (IOC_COMPLAINT_STATUS_NEW), ==, "Awaiting acknowledgement");
  g_assert_true (G_TYPE_IS_ENUM (IOC_TYPE_COMPLAINT_STATUS));
}

static void
test_priority (void)
{
  static const struct { const char *code; IocPriority p; } table[] = {
    { "khan_cap", IOC_PRIORITY_KHAN_CAP },
    { "cao", IOC_PRIORITY_CAO },
    { "thuong", IOC_PRIORITY_THUONG },
    { "thap", IOC_PRIORITY_THAP },
  };

  g_assert_cmpuint (G_N_ELEMENTS (table), ==, IOC_N_PRIORITIES);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      IocPriority p = IOC_N_PRIORITIES;

      g_assert_cmpstr (ioc_priority_to_string (table[i].p), ==, table[i].code);
      g_assert_true (ioc_priority_from_string (table[i].code, &p));
      g_assert_cmpint (p, ==, table[i].p);
      g_assert_nonnull (ioc_priority_label (table[i].p));
    }
  g_assert_false (ioc_priority_from_string ("khẩn cấp", NULL));
  g_assert_false (ioc_priority_from_string ("urgent", NULL));
  g_assert_false (ioc_priority_from_string (NULL, NULL));
  /* Sorting by value sorts by urgency. */
  g_assert_cmpint (IOC_PRIORITY_KHAN_CAP, <, IOC_PRIORITY_THAP);
}

static void
test_field (void)
{
  /* Both spellings of every domain.md §3 code, in any case. */
  static const struct { const char *code; IocField field; } accepted[] = {
    { "TTĐT", IOC_FIELD_TTDT }, { "TTDT", IOC_FIELD_TTDT }, { "ttđt", IOC_FIELD_TTDT },
    { "MT", IOC_FIELD_MT }, { "mt", IOC_FIELD_MT },
    { "GT", IOC_FIELD_GT },
    { "ĐCS", IOC_FIELD_DCS }, { "DCS", IOC_FIELD_DCS }, { "đcs", IOC_FIELD_DCS },
    { "CTN", IOC_FIELD_CTN },
    { "ANTT", IOC_FIELD_ANTT },
    { "ASXH", IOC_FIELD_ASXH },
    { "YT", IOC_FIELD_YT },
    { "GD", IOC_FIELD_GD },
    { "ĐĐXD", IOC_FIELD_DDXD }, { "DDXD", IOC_FIELD_DDXD }, { "đđxd", IOC_FIELD_DDXD },
    { "KHAC", IOC_FIELD_KHAC }, { "Khac", IOC_FIELD_KHAC },
  };
  static const char * const rejected[] = { "", "XD", "ĐĐ", "TTDT ", "KHÁC", "4fd3b656e750846c53000004", "\xff\xfe" };
  guint n = 0;
  const IocFieldInfo *all = ioc_field_all (&n);

  g_assert_cmpuint (n, ==, 11);
  for (guint i = 0; i < n; i++)
    {
      IocField f;

      g_assert_cmpint (all[i].field, ==, i);
      g_assert_true (ioc_field_info (i) == &all[i]);
      g_assert_cmpstr (ioc_field_to_string (i), ==, all[i].wire_code);
      g_assert_true (ioc_field_from_code (all[i].code, &f) && f == i);
      g_assert_true (ioc_field_from_code (all[i].wire_code, &f) && f == i);
      /* Wire codes are ASCII, as Open311 service codes often must be. */
      for (const char *p = all[i].wire_code; *p; p++)
        g_assert_true (g_ascii_isalpha (*p));
      g_assert_cmpuint (all[i].sla_tier, <, IOC_N_SLA_TIERS);
      g_assert_nonnull (all[i].agency);
      g_assert_nonnull (ioc_field_label (i));
      g_assert_cmpstr (ioc_field_label (i), !=, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      IocField f = IOC_N_FIELDS;

      g_assert_true (ioc_field_from_code (accepted[i].code, &f));
      g_assert_cmpint (f, ==, accepted[i].field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    g_assert_false (ioc_field_from_code (rejected[i], NULL));
  g_assert_false (ioc_field_from_code (NULL, NULL));

  g_assert_cmpint (ioc_field_info (IOC_FIELD_ANTT)->sla_tier, ==, IOC_SLA_TIER_KHAN_CAP);
  g_assert_cmpstr (ioc_field_info (IOC_FIELD_ANTT)->agency, ==, "Công an tỉnh");
  g_assert_cmpstr (ioc_field_info (IOC_FIELD_DDXD)->code, ==, "ĐĐXD");
}

static void
test_channel (void)
{
  static const struct { const char *code; IocComplaintChannel c; gboolean ok; } table[] = {
    { "app", IOC_COMPLAINT_CHANNEL_APP, TRUE },
    { "hotline", IOC_COMPLAINT_CHANNEL_HOTLINE, TRUE },
    { "web", IOC_COMPLAINT_CHANNEL_WEB, TRUE },
    { "zalo", IOC_COMPLAINT_CHANNEL_ZALO, TRUE },
    { "Zalo", IOC_COMPLAINT_CHANNEL_ZALO, TRUE },
    { "phone", IOC_COMPLAINT_CHANNEL_UNKNOWN, FALSE },
    { "", IOC_COMPLAINT_CHANNEL_UNKNOWN, FALSE },
    { NULL, IOC_COMPLAINT_CHANNEL_UNKNOWN, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      IocComplaintChannel c = IOC_COMPLAINT_CHANNEL_WEB;

      g_assert_cmpint (ioc_complaint_channel_from_string (table[i].code, &c), ==, table[i].ok);
      g_assert_cmpint (c, ==, table[i].c);
      g_assert_nonnull (ioc_complaint_channel_label (c));
    }
  g_assert_null (ioc_complaint_channel_to_string (IOC_COMPLAINT_CHANNEL_UNKNOWN));
  g_assert_cmpstr (ioc_complaint_channel_to_string (IOC_COMPLAINT_CHANNEL_HOTLINE), ==, "hotline");
}

static GDateTime *
dt (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

/* Records every notify emission by property name. */
static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup (pspec->name));
}

static gboolean
log_has (GPtrArray  *log,
         const char *name)
{
  for (guint i = 0; i < log->len; i++)
    if (g_str_equal (g_ptr_array_index (log, i), name))
      return TRUE;
  return FALSE;
}

static void
test_derived_status (void)
{
  /* Without extended_status: open/closed and agency decide (ioc-complaint.c). */
  static const struct {
    gboolean            open;
    const char         *agency;
    gboolean            has_extended;
    IocComplaintStatus  extended;
    IocComplaintStatus  expected;
  } table[] = {
    { TRUE, NULL, FALSE, 0, IOC_COMPLAINT_STATUS_ACKNOWLEDGED },
    { TRUE, "", FALSE, 0, IOC_COMPLAINT_STATUS_ACKNOWLEDGED },
    { TRUE, "Sở Xây dựng", FALSE, 0, IOC_COMPLAINT_STATUS_IN_PROGRESS },
    { FALSE, NULL, FALSE, 0, IOC_COMPLAINT_STATUS_RESOLVED },
    { FALSE, "Sở Xây dựng", FALSE, 0, IOC_COMPLAINT_STATUS_RESOLVED },
    { TRUE, NULL, TRUE, IOC_COMPLAINT_STATUS_NEW, IOC_COMPLAINT_STATUS_NEW },
    { FALSE, NULL, TRUE, IOC_COMPLAINT_STATUS_REJECTED, IOC_COMPLAINT_STATUS_REJECTED },
    { FALSE, "Công an tỉnh", TRUE, IOC_COMPLAINT_STATUS_DUPLICATE, IOC_COMPLAINT_STATUS_DUPLICATE },
    { TRUE, "Sở Y tế", TRUE, IOC_COMPLAINT_STATUS_REOPENED, IOC_COMPLAINT_STATUS_REOPENED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(IocComplaint) c = ioc_complaint_new ("1");
      IocComplaintStatus via_property;

      ioc_complaint_set_open (c, table[i].open);
      ioc_complaint_set_agency_responsible (c, table[i].agency);
      if (table[i].has_extended)
        ioc_complaint_set_extended_status (c, table[i].extended);
      g_assert_cmpint (ioc_complaint_get_status (c), ==, table[i].expected);
      g_assert_cmpint (ioc_complaint_is_open (c), ==, ioc_complaint_status_is_open (table[i].expected));
      g_object_get (c, "status", &via_property, NULL);
      g_assert_cmpint (via_property, ==, table[i].expected);
    }
}

static void
test_notify (void)
{
  g_autoptr(IocComplaint) c = ioc_complaint_new ("42");
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) t1 = dt ("2024-05-01T08:00:00+07:00");
  g_autoptr(GDateTime) t1_utc = dt ("2024-05-01T01:00:00Z");
  const char * const urls[] = { "https://example.org/a.jpg", NULL };
  const char * const empty[] = { NULL };

  g_signal_connect (c, "notify", G_CALLBACK (on_notify), log);

  /* Same value: silent. */
  ioc_complaint_set_service_request_id (c, "42");
  ioc_complaint_set_open (c, TRUE);
  ioc_complaint_set_priority (c, IOC_PRIORITY_THUONG);
  ioc_complaint_set_media_urls (c, NULL);
  ioc_complaint_set_media_urls (c, empty);
  ioc_complaint_set_notes (c, NULL);
  ioc_complaint_clear_location (c);
  ioc_complaint_clear_extended_status (c);
  g_assert_cmpuint (log->len, ==, 0);

  ioc_complaint_set_description (c, "Đèn đường hỏng");
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_true (log_has (log, "description"));
  ioc_complaint_set_description (c, "Đèn đường hỏng");
  g_assert_cmpuint (log->len, ==, 1);

  /* The same instant in another offset is not a change. */
  ioc_complaint_set_requested_datetime (c, t1);
  ioc_complaint_set_requested_datetime (c, t1_utc);
  g_assert_cmpuint (log->len, ==, 2);

  /* Closing changes the derived status too. */
  g_ptr_array_set_size (log, 0);
  ioc_complaint_set_open (c, FALSE);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_true (log_has (log, "open"));
  g_assert_true (log_has (log, "status"));

  /* An extended status equal to the derived one notifies only its own properties. */
  g_ptr_array_set_size (log, 0);
  ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_RESOLVED);
  g_assert_true (log_has (log, "has-extended-status"));
  g_assert_true (log_has (log, "extended-status"));
  g_assert_false (log_has (log, "status"));

  g_ptr_array_set_size (log, 0);
  ioc_complaint_set_location (c, 10.3711, 105.4328);
  g_assert_cmpuint (log->len, ==, 3);
  ioc_complaint_set_location (c, 10.3711, 105.4328);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_true (ioc_complaint_get_has_location (c));
  g_assert_cmpfloat (ioc_complaint_get_long (c), ==, 105.4328);

  g_ptr_array_set_size (log, 0);
  ioc_complaint_set_media_urls (c, urls);
  ioc_complaint_set_media_urls (c, urls);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (ioc_complaint_get_media_urls (c)[0], ==, urls[0]);

  g_ptr_array_set_size (log, 0);
  g_object_set (c, "priority", IOC_PRIORITY_KHAN_CAP, "channel", IOC_COMPLAINT_CHANNEL_ZALO, NULL);
  g_object_set (c, "priority", IOC_PRIORITY_KHAN_CAP, "channel", IOC_COMPLAINT_CHANNEL_ZALO, NULL);
  g_assert_cmpuint (log->len, ==, 2);
}

static IocComplaint *
make_full (void)
{
  IocComplaint *c = ioc_complaint_new ("AG-2024-000123");
  g_autoptr(GDateTime) req = dt ("2024-03-04T09:15:00+07:00");
  g_autoptr(GDateTime) upd = dt ("2024-03-06T16:00:00+07:00");
  g_autoptr(GDateTime) exp = dt ("2024-03-13T17:00:00+07:00");
  g_autoptr(IocComplaintNote) n1 = ioc_complaint_note_new (req, "Tiếp nhận", "acknowledged", "tongdai");
  g_autoptr(IocComplaintNote) n2 = ioc_complaint_note_new (upd, "Đã sửa", "resolved", "sxd");
  const char * const urls[] = { "https://example.org/1.jpg", "https://example.org/2.jpg", NULL };

  ioc_complaint_set_open (c, FALSE);
  ioc_complaint_set_status_notes (c, "Đã sửa chữa");
  ioc_complaint_set_service_name (c, "Giao thông, hạ tầng");
  ioc_complaint_set_service_code (c, "GT");
  ioc_complaint_set_description (c, "Ổ gà trên đường Trần Hưng Đạo");
  ioc_complaint_set_agency_responsible (c, "Sở Xây dựng");
  ioc_complaint_set_service_notice (c, "");
  ioc_complaint_set_requested_datetime (c, req);
  ioc_complaint_set_updated_datetime (c, upd);
  ioc_complaint_set_expected_datetime (c, exp);
  ioc_complaint_set_address (c, "Trần Hưng Đạo, Long Xuyên");
  ioc_complaint_set_address_id (c, "A1");
  ioc_complaint_set_zipcode (c, "880000");
  ioc_complaint_set_location (c, 10.3863, 105.4352);
  ioc_complaint_set_media_url (c, urls[0]);
  ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_RESOLVED);
  ioc_complaint_set_priority (c, IOC_PRIORITY_CAO);
  ioc_complaint_set_commune_code (c, "30307");
  ioc_complaint_add_note (c, n1);
  ioc_complaint_add_note (c, n2);
  ioc_complaint_set_media_urls (c, urls);
  ioc_complaint_set_claimed_by (c, "operator1");
  ioc_complaint_set_duplicate_of (c, NULL);
  ioc_complaint_set_channel (c, IOC_COMPLAINT_CHANNEL_APP);
  return c;
}

static void
test_update_from (void)
{
  g_autoptr(IocComplaint) a = make_full ();
  g_autoptr(IocComplaint) b = ioc_complaint_copy (a);
  g_autoptr(IocComplaint) blank = ioc_complaint_new (NULL);
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) later = dt ("2024-03-07T08:00:00+07:00");

  g_assert_true (ioc_complaint_equal (a, b));
  g_assert_false (ioc_complaint_equal (a, blank));
  g_assert_cmpuint (ioc_complaint_get_notes (b)->len, ==, 2);
  /* A deep copy: the notes are not shared. */
  g_assert_true (g_ptr_array_index (ioc_complaint_get_notes (a), 0)
                 != g_ptr_array_index (ioc_complaint_get_notes (b), 0));

  g_signal_connect (a, "notify", G_CALLBACK (on_notify), log);

  /* Nothing changed: no notification at all. */
  g_assert_false (ioc_complaint_update_from (a, b));
  g_assert_cmpuint (log->len, ==, 0);

  /* Reopened with a new note and a new updated_datetime. */
  {
    g_autoptr(IocComplaintNote) n3 = ioc_complaint_note_new (later, "Chưa sửa xong", "reopened", "citizen");

    ioc_complaint_set_extended_status (b, IOC_COMPLAINT_STATUS_REOPENED);
    ioc_complaint_set_open (b, TRUE);
    ioc_complaint_set_updated_datetime (b, later);
    ioc_complaint_add_note (b, n3);
  }
  g_assert_false (ioc_complaint_equal (a, b));
  g_assert_true (ioc_complaint_update_from (a, b));
  g_assert_true (ioc_complaint_equal (a, b));
  g_assert_cmpuint (log->len, ==, 5);
  g_assert_true (log_has (log, "extended-status"));
  g_assert_true (log_has (log, "open"));
  g_assert_true (log_has (log, "status"));
  g_assert_true (log_has (log, "updated-datetime"));
  g_assert_true (log_has (log, "notes"));
  g_assert_cmpint (ioc_complaint_get_status (a), ==, IOC_COMPLAINT_STATUS_REOPENED);

  /* A plain Open311 copy (no extensions) clears them. */
  g_ptr_array_set_size (log, 0);
  g_assert_true (ioc_complaint_update_from (a, blank));
  g_assert_true (ioc_complaint_equal (a, blank));
  g_assert_false (ioc_complaint_get_has_location (a));
  g_assert_null (ioc_complaint_get_media_urls (a));
  g_assert_cmpuint (ioc_complaint_get_notes (a)->len, ==, 0);
  g_assert_true (log_has (log, "service-request-id"));
  g_assert_true (log_has (log, "has-location"));
  g_assert_true (log_has (log, "service-notice"));

  /* Self-update is a no-op. */
  g_assert_false (ioc_complaint_update_from (a, a));
}

static void
test_notes_property (void)
{
  g_autoptr(IocComplaint) c = ioc_complaint_new ("n");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GDateTime) t = dt ("2024-01-02T03:04:05+07:00");

  g_ptr_array_add (notes, ioc_complaint_note_new (t, "x", "comment", NULL));
  g_object_set (c, "notes", notes, NULL);
  /* The complaint holds its own copy. */
  g_ptr_array_set_size (notes, 0);
  g_object_get (c, "notes", &got, NULL);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((IocComplaintNote *) g_ptr_array_index (got, 0))->type, ==, "comment");
  g_assert_false (ioc_complaint_note_is_resolution (g_ptr_array_index (got, 0)));
}

static void
test_resolved_datetime (void)
{
  g_autoptr(IocComplaint) c = make_full ();
  g_autoptr(GDateTime) upd = dt ("2024-03-06T16:00:00+07:00");
  g_autoptr(GDateTime) note_time = dt ("2024-03-05T10:00:00+07:00");
  g_autoptr(IocComplaintNote) closed = ioc_complaint_note_new (note_time, NULL, "Closed", NULL);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);

  /* The "resolved" note of make_full() is at updated_datetime. */
  g_assert_true (g_date_time_equal (ioc_complaint_get_resolved_datetime (c), upd));

  /* Chicago-style "closed" note, earlier than updated_datetime. */
  g_ptr_array_add (notes, ioc_complaint_note_copy (closed));
  ioc_complaint_set_notes (c, notes);
  g_assert_true (g_date_time_equal (ioc_complaint_get_resolved_datetime (c), note_time));

  /* No resolution note: updated_datetime of the closed complaint. */
  ioc_complaint_set_notes (c, NULL);
  g_assert_true (g_date_time_equal (ioc_complaint_get_resolved_datetime (c), upd));

  /* Open (reopened) complaints are not resolved. */
  ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_REOPENED);
  g_assert_null (ioc_complaint_get_resolved_datetime (c));
}

static void
test_overdue (void)
{
  static const struct {
    IocComplaintStatus status;
    const char *due;
    const char *now;
    gboolean overdue;
  } table[] = {
    { IOC_COMPLAINT_STATUS_IN_PROGRESS, "2024-03-13T17:00:00+07:00", "2024-03-13T17:00:00+07:00", FALSE },
    { IOC_COMPLAINT_STATUS_IN_PROGRESS, "2024-03-13T17:00:00+07:00", "2024-03-13T17:00:01+07:00", TRUE },
    { IOC_COMPLAINT_STATUS_NEW, "2024-03-13T17:00:00+07:00", "2024-04-01T00:00:00+07:00", TRUE },
    { IOC_COMPLAINT_STATUS_REOPENED, "2024-03-13T17:00:00+07:00", "2024-04-01T00:00:00+07:00", TRUE },
    { IOC_COMPLAINT_STATUS_RESOLVED, "2024-03-13T17:00:00+07:00", "2024-04-01T00:00:00+07:00", FALSE },
    { IOC_COMPLAINT_STATUS_REJECTED, "2024-03-13T17:00:00+07:00", "2024-04-01T00:00:00+07:00", FALSE },
    { IOC_COMPLAINT_STATUS_IN_PROGRESS, NULL, "2024-04-01T00:00:00+07:00", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(IocComplaint) c = ioc_complaint_new ("o");
      g_autoptr(GDateTime) due = table[i].due ? dt (table[i].due) : NULL;
      g_autoptr(GDateTime) now = dt (table[i].now);

      ioc_complaint_set_extended_status (c, table[i].status);
      g_assert_cmpint (ioc_complaint_is_overdue (c, due, now), ==, table[i].overdue);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/complaint/status", test_status);
  g_test_add_func ("/complaint/priority", test_priority);
  g_test_add_func ("/complaint/field", test_field);
  g_test_add_func ("/complaint/channel", test_channel);
  g_test_add_func ("/complaint/derived-status", test_derived_status);
  g_test_add_func ("/complaint/notify", test_notify);
  g_test_add_func ("/complaint/update-from", test_update_from);
  g_test_add_func ("/complaint/notes-property", test_notes_property);
  g_test_add_func ("/complaint/resolved-datetime", test_resolved_datetime);
  g_test_add_func ("/complaint/overdue", test_overdue);

  return g_test_run ();
}
