/* test-aggregate.c — statistics over complaints (domain.md §1, §3), with the
 * province's published figures
 */
#include "config.h"

#include <math.h>

#include "ioc-aggregate.h"
#include "ioc-field.h"

static GDateTime *
dt (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static IocComplaint *
make (const char         *id,
      const char         *code,
      GDateTime          *requested,
      IocComplaintStatus  status)
{
  IocComplaint *c = ioc_complaint_new (id);

  ioc_complaint_set_service_code (c, code);
  ioc_complaint_set_requested_datetime (c, requested);
  ioc_complaint_set_extended_status (c, status);
  ioc_complaint_set_open (c, ioc_complaint_status_is_open (status));
  return c;
}

static void
test_rate (void)
{
  static const struct {
    guint64     num;
    guint64     den;
    gboolean    defined;
    const char *printed;   /* two decimals, as the reports print */
  } table[] = {
    { 582, 618, TRUE, "94.17" },    /* SmartAnGiang 2024, old AG */
    { 541, 589, TRUE, "91.85" },    /* same, snapshot at 13/12/2024 */
    { 0, 5, TRUE, "0.00" },
    { 5, 5, TRUE, "100.00" },
    { 0, 0, FALSE, NULL },
    { 7, 0, FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      IocRate r;

      ioc_rate_init (&r, table[i].num, table[i].den);
      g_assert_cmpuint (r.numerator, ==, table[i].num);
      g_assert_cmpuint (r.denominator, ==, table[i].den);
      g_assert_cmpint (r.defined, ==, table[i].defined);
      if (table[i].defined)
        {
          g_autofree char *printed = g_strdup_printf ("%.2f", r.value * 100.0);

          g_assert_cmpstr (printed, ==, table[i].printed);
        }
      else
        g_assert_cmpfloat (r.value, ==, 0.0);
    }
}

/* Builds a year like the province's report: @received complaints inside
 * [from, to) of which @resolved are resolved and the rest in progress, plus
 * complaints just outside the period that must not count. */
static GPtrArray *
make_year (GDateTime *from,
           GDateTime *to,
           guint      received,
           guint      resolved,
           guint      outside)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  GTimeSpan span = g_date_time_difference (to, from);

  for (guint i = 0; i < received; i++)
    {
      g_autofree char *id = g_strdup_printf ("in-%u", i);
      /* Spread over the period, first at exactly @from, never reaching @to. */
      g_autoptr(GDateTime) t = g_date_time_add (from, span / received * i);

      g_ptr_array_add (all, make (id, "MT", t,
                                  i < resolved ? IOC_COMPLAINT_STATUS_RESOLVED
                                               : IOC_COMPLAINT_STATUS_IN_PROGRESS));
    }
  for (guint i = 0; i < outside; i++)
    {
      g_autofree char *id = g_strdup_printf ("out-%u", i);
      g_autoptr(GDateTime) t = (i % 2 == 0)
                               ? g_date_time_add_seconds (from, -1.0 - i * 3600.0)
                               : g_date_time_add_seconds (to, i * 3600.0);

      g_ptr_array_add (all, make (id, "MT", t, IOC_COMPLAINT_STATUS_RESOLVED));
    }
  return all;
}

static void
test_resolution_published (void)
{
  static const struct {
    const char *from;
    const char *to;
    guint       received;
    guint       resolved;
    const char *printed;
  } table[] = {
    /* 01/01–31/12/2024: 618 received, 582 resolved, 36 in progress → 94,17%. */
    { "2024-01-01T00:00:00+07:00", "2025-01-01T00:00:00+07:00", 618, 582, "94.17" },
    /* 01/01–13/12/2024: 589 received, 541 resolved, 48 in progress → 91,85%. */
    { "2024-01-01T00:00:00+07:00", "2024-12-14T00:00:00+07:00", 589, 541, "91.85" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GDateTime) from = dt (table[i].from);
      g_autoptr(GDateTime) to = dt (table[i].to);
      g_autoptr(GPtrArray) all = make_year (from, to, table[i].received, table[i].resolved, 31);
      g_autoptr(GListStore) store = g_list_store_new (IOC_TYPE_COMPLAINT);
      g_autoptr(GPtrArray) snapshot = NULL;
      g_autofree char *printed = NULL;
      g_autoptr(GHashTable) by_status = NULL;
      IocRate r, all_time;

      ioc_aggregate_resolution_rate (all, from, to, &r);
      g_assert_cmpuint (r.denominator, ==, table[i].received);
      g_assert_cmpuint (r.numerator, ==, table[i].resolved);
      printed = g_strdup_printf ("%.2f", r.value * 100.0);
      g_assert_cmpstr (printed, ==, table[i].printed);

      /* Unbounded: the complaints outside count too. */
      ioc_aggregate_resolution_rate (all, NULL, NULL, &all_time);
      g_assert_cmpuint (all_time.denominator, ==, table[i].received + 31);
      g_assert_cmpuint (all_time.numerator, ==, table[i].resolved + 31);

      /* The same through a GListModel. */
      for (guint j = 0; j < all->len; j++)
        g_list_store_append (store, g_ptr_array_index (all, j));
      snapshot = ioc_aggregate_snapshot (G_LIST_MODEL (store));
      g_assert_cmpuint (snapshot->len, ==, all->len);
      ioc_aggregate_resolution_rate (snapshot, from, to, &r);
      g_assert_cmpuint (r.numerator, ==, table[i].resolved);

      by_status = ioc_aggregate_count_by (all, IOC_AGGREGATE_BY_STATUS, from, to);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_status, "resolved")), ==, table[i].resolved);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (by_status, "in_progress")), ==,
                        table[i].received - table[i].resolved);
    }

  /* An empty period: no rate rather than 0%. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    IocRate r;

    ioc_aggregate_resolution_rate (none, NULL, NULL, &r);
    g_assert_false (r.defined);
    g_assert_cmpuint (r.denominator, ==, 0);
  }
}

static void
test_period_boundaries (void)
{
  static const struct { const char *t; gboolean in; } table[] = {
    { "2024-01-01T00:00:00+07:00", TRUE },      /* start included */
    { "2023-12-31T17:00:00Z", TRUE },           /* the same instant in UTC */
    { "2023-12-31T16:59:59Z", FALSE },
    { "2024-12-31T23:59:59+07:00", TRUE },
    { "2025-01-01T00:00:00+07:00", FALSE },     /* end excluded */
  };
  g_autoptr(GDateTime) from = dt ("2024-01-01T00:00:00+07:00");
  g_autoptr(GDateTime) to = dt ("2025-01-01T00:00:00+07:00");

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GDateTime) t = dt (table[i].t);

      g_assert_cmpint (ioc_aggregate_in_period (t, from, to), ==, table[i].in);
      g_assert_true (ioc_aggregate_in_period (t, NULL, NULL));
    }
  g_assert_true (ioc_aggregate_in_period (NULL, NULL, NULL));
  g_assert_false (ioc_aggregate_in_period (NULL, from, NULL));
}

static void
test_count_by (void)
{
  static const struct {
    const char *code;
    const char *when;
    const char *commune;
    const char *agency;
  } rows[] = {
    { "ĐĐXD", "2024-12-31T23:30:00+07:00", "30307", "Sở Xây dựng" },
    { "DDXD", "2024-12-31T17:30:00Z", "30307", "Sở Xây dựng" },        /* 2025-01-01 00:30 local */
    { "ddxd", "2024-12-31T10:00:00Z", "30316", NULL },                 /* 17:00 local */
    { "MT", "2024-12-31T16:59:59Z", NULL, "Sở Nông nghiệp và Môi trường" },
    { "4fd3b656e750846c53000004", "2025-01-01T08:00:00+07:00", "30307", "" },
    { NULL, "2025-01-01T09:00:00+07:00", "30307", NULL },
  };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_field = NULL;
  g_autoptr(GHashTable) by_day = NULL;
  g_autoptr(GHashTable) by_commune = NULL;
  g_autoptr(GHashTable) by_agency = NULL;
  g_autoptr(GHashTable) by_field_2025 = NULL;
  g_autoptr(GDateTime) y2025 = dt ("2025-01-01T00:00:00+07:00");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) t = dt (rows[i].when);
      IocComplaint *c = make ("x", rows[i].code, t, IOC_COMPLAINT_STATUS_NEW);

      ioc_complaint_set_commune_code (c, rows[i].commune);
      ioc_complaint_set_agency_responsible (c, rows[i].agency);
      g_ptr_array_add (all, c);
    }

#define COUNT(table, key) GPOINTER_TO_UINT (g_hash_table_lookup ((table), (key)))

  /* Both spellings of a field count together under the ASCII code. */
  by_field = ioc_aggregate_count_by (all, IOC_AGGREGATE_BY_FIELD, NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (by_field), ==, 4);
  g_assert_cmpuint (COUNT (by_field, "DDXD"), ==, 3);
  g_assert_cmpuint (COUNT (by_field, "MT"), ==, 1);
  g_assert_cmpuint (COUNT (by_field, "4fd3b656e750846c53000004"), ==, 1);
  g_assert_cmpuint (COUNT (by_field, ""), ==, 1);

  /* Days are Vietnam's (+07:00). */
  by_day = ioc_aggregate_count_by (all, IOC_AGGREGATE_BY_DAY, NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (by_day), ==, 2);
  g_assert_cmpuint (COUNT (by_day, "2024-12-31"), ==, 3);
  g_assert_cmpuint (COUNT (by_day, "2025-01-01"), ==, 3);

  by_commune = ioc_aggregate_count_by (all, IOC_AGGREGATE_BY_COMMUNE, NULL, NULL);
  g_assert_cmpuint (COUNT (by_commune, "30307"), ==, 4);
  g_assert_cmpuint (COUNT (by_commune, "30316"), ==, 1);
  g_assert_cmpuint (COUNT (by_commune, ""), ==, 1);

  /* An empty agency and a missing one are both "". */
  by_agency = ioc_aggregate_count_by (all, IOC_AGGREGATE_BY_AGENCY, NULL, NULL);
  g_assert_cmpuint (COUNT (by_agency, "Sở Xây dựng"), ==, 2);
  g_assert_cmpuint (COUNT (by_agency, ""), ==, 3);

  /* Period filter on requested_datetime. */
  by_field_2025 = ioc_aggregate_count_by (all, IOC_AGGREGATE_BY_FIELD, y2025, NULL);
  g_assert_cmpuint (COUNT (by_field_2025, "DDXD"), ==, 1);
  g_assert_cmpuint (COUNT (by_field_2025, "MT"), ==, 0);

#undef COUNT
}

static void
test_buckets (void)
{
  g_autoptr(GTimeZone) vn = g_time_zone_new_identifier ("+07:00");

  /* Cross-check the arithmetic against GLib's calendar in +07:00. */
  for (guint i = 0; i < 2000; i++)
    {
      gint64 s = (gint64) g_test_rand_int_range (0, G_MAXINT32) + (gint64) g_test_rand_int_range (-1000000, 1000000);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (s);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, vn);
      g_autoptr(GDateTime) hour = g_date_time_new (vn, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local),
                                                   g_date_time_get_hour (local), 0, 0);
      g_autoptr(GDateTime) day = g_date_time_new (vn, g_date_time_get_year (local),
                                                  g_date_time_get_month (local),
                                                  g_date_time_get_day_of_month (local), 0, 0, 0);
      g_autoptr(GDateTime) monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (local));
      g_autoptr(GDateTime) week_start = NULL;
      g_autoptr(GDateTime) week_start_local = NULL;

      g_assert_cmpint (ioc_time_bucket_start (s, IOC_TIME_BUCKET_HOUR), ==, g_date_time_to_unix (hour));
      g_assert_cmpint (ioc_time_bucket_start (s, IOC_TIME_BUCKET_DAY), ==, g_date_time_to_unix (day));
      g_assert_cmpint (ioc_time_bucket_start (s, IOC_TIME_BUCKET_WEEK), ==, g_date_time_to_unix (monday));

      /* ISO week: the bucket start is a Monday of the same ISO week. */
      week_start = g_date_time_new_from_unix_utc (ioc_time_bucket_start (s, IOC_TIME_BUCKET_WEEK));
      week_start_local = g_date_time_to_timezone (week_start, vn);
      g_assert_cmpint (g_date_time_get_day_of_week (week_start_local), ==, 1);
      g_assert_cmpint (g_date_time_get_week_of_year (week_start_local), ==, g_date_time_get_week_of_year (local));
      g_assert_cmpint (g_date_time_get_week_numbering_year (week_start_local), ==,
                       g_date_time_get_week_numbering_year (local));
    }

  /* Before 1970 too (floor, not truncation). */
  g_assert_cmpint (ioc_time_bucket_start (-1, IOC_TIME_BUCKET_DAY), ==, -7 * 3600);
  g_assert_cmpint (ioc_time_bucket_start (-7 * 3600, IOC_TIME_BUCKET_DAY), ==, -7 * 3600);
  g_assert_cmpint (ioc_time_bucket_start (-7 * 3600 - 1, IOC_TIME_BUCKET_DAY), ==, -7 * 3600 - 86400);
}

static void
test_count_by_time (void)
{
  static const char * const times[] = {
    "2024-12-02T00:00:00+07:00",    /* Monday, first bucket */
    "2024-12-08T23:59:59+07:00",    /* Sunday, same ISO week */
    "2024-12-08T17:00:00Z",         /* Monday 9/12 00:00 local: second week */
    "2024-12-16T10:00:00+07:00",    /* Monday of the third week */
    "2024-12-29T10:00:00+07:00",    /* outside: @to is 2024-12-23 */
    "2024-12-01T23:59:59+07:00",    /* outside: before @from */
  };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) from = dt ("2024-12-02T00:00:00+07:00");
  g_autoptr(GDateTime) to = dt ("2024-12-23T00:00:00+07:00");
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) hours = NULL;
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) t = dt (times[i]);

      g_ptr_array_add (all, make ("t", "MT", t, IOC_COMPLAINT_STATUS_NEW));
    }

  weeks = ioc_aggregate_count_by_time (all, IOC_TIME_BUCKET_WEEK, from, to);
  g_assert_cmpuint (weeks->len, ==, 3);
  g_assert_cmpint (g_array_index (weeks, IocTimeCount, 0).start, ==, g_date_time_to_unix (from));
  g_assert_cmpuint (g_array_index (weeks, IocTimeCount, 0).count, ==, 2);
  g_assert_cmpuint (g_array_index (weeks, IocTimeCount, 1).count, ==, 1);
  g_assert_cmpuint (g_array_index (weeks, IocTimeCount, 2).count, ==, 1);

  days = ioc_aggregate_count_by_time (all, IOC_TIME_BUCKET_DAY, from, to);
  g_assert_cmpuint (days->len, ==, 21);
  for (guint i = 0; i < days->len; i++)
    {
      total += g_array_index (days, IocTimeCount, i).count;
      g_assert_cmpint (g_array_index (days, IocTimeCount, i).start, ==, g_date_time_to_unix (from) + i * 86400);
    }
  g_assert_cmpuint (total, ==, 4);
  g_assert_cmpuint (g_array_index (days, IocTimeCount, 6).count, ==, 1);   /* Sunday 8/12 */
  g_assert_cmpuint (g_array_index (days, IocTimeCount, 7).count, ==, 1);   /* Monday 9/12 */

  hours = ioc_aggregate_count_by_time (all, IOC_TIME_BUCKET_HOUR, from, to);
  g_assert_cmpuint (hours->len, ==, 21 * 24);
  g_assert_cmpuint (g_array_index (hours, IocTimeCount, 0).count, ==, 1);

  /* Reversed or empty periods give no series. */
  g_assert_null (ioc_aggregate_count_by_time (all, IOC_TIME_BUCKET_DAY, to, from));
  g_assert_null (ioc_aggregate_count_by_time (all, IOC_TIME_BUCKET_DAY, from, from));
}

static void
test_haversine (void)
{
  /* One degree of latitude on the mean sphere: 111 195 m. */
  g_assert_cmpfloat_with_epsilon (ioc_haversine_m (10.0, 105.0, 11.0, 105.0), 111195.08, 0.1);
  g_assert_cmpfloat (ioc_haversine_m (10.38, 105.43, 10.38, 105.43), ==, 0.0);
  /* Tân Châu → Châu Đốc (domain.md §8 positions): about 16,5 km. */
  g_assert_cmpfloat_with_epsilon (ioc_haversine_m (10.80, 105.23, 10.70, 105.12), 16330, 200);
}

/* Offsets in metres north/east of a point in Long Xuyên. */
#define BASE_LAT 10.3863
#define BASE_LON 105.4352
#define M_LAT(m) ((m) / 111195.08)
#define M_LON(m) ((m) / (111195.08 * cos (BASE_LAT * G_PI / 180.0)))

static void
test_duplicates_table (void)
{
  static const struct {
    const char *name;
    const char *code_a, *code_b;
    double north, east;            /* b relative to a, metres */
    double hours;                  /* b − a */
    gboolean open_a, open_b;
    gboolean pair;
  } table[] = {
    { "near-same-day", "CTN", "CTN", 30, 0, 2, TRUE, TRUE, TRUE },
    { "49m", "CTN", "CTN", 0, 49, 2, TRUE, FALSE, TRUE },
    { "51m", "CTN", "CTN", 0, 51, 2, TRUE, TRUE, FALSE },
    { "diagonal-45m", "CTN", "CTN", 31.8, 31.8, 2, TRUE, TRUE, TRUE },
    { "exactly-7-days", "CTN", "CTN", 10, 10, 7 * 24, TRUE, TRUE, TRUE },
    { "7-days-1-hour", "CTN", "CTN", 10, 10, 7 * 24 + 1, TRUE, TRUE, FALSE },
    { "earlier", "CTN", "CTN", 10, 10, -100, TRUE, TRUE, TRUE },
    { "other-field", "CTN", "MT", 5, 5, 1, TRUE, TRUE, FALSE },
    { "both-spellings", "ĐĐXD", "DDXD", 5, 5, 1, TRUE, TRUE, TRUE },
    { "both-closed", "CTN", "CTN", 5, 5, 1, FALSE, FALSE, FALSE },
    { "one-closed", "CTN", "CTN", 5, 5, 1, FALSE, TRUE, TRUE },
    { "same-instant", "GT", "GT", 1, 1, 0, TRUE, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GDateTime) ta = dt ("2024-10-10T08:00:00+07:00");
      g_autoptr(GDateTime) tb = g_date_time_add_seconds (ta, table[i].hours * 3600.0);
      g_autoptr(GArray) pairs = NULL;
      IocComplaint *a = make ("a", table[i].code_a, ta,
                              table[i].open_a ? IOC_COMPLAINT_STATUS_IN_PROGRESS : IOC_COMPLAINT_STATUS_RESOLVED);
      IocComplaint *b = make ("b", table[i].code_b, tb,
                              table[i].open_b ? IOC_COMPLAINT_STATUS_NEW : IOC_COMPLAINT_STATUS_REJECTED);
      IocComplaint *far = make ("far", table[i].code_a, ta, IOC_COMPLAINT_STATUS_NEW);
      IocComplaint *nowhere = make ("nowhere", table[i].code_a, ta, IOC_COMPLAINT_STATUS_NEW);

      g_test_message ("case %s", table[i].name);
      ioc_complaint_set_location (a, BASE_LAT, BASE_LON);
      ioc_complaint_set_location (b, BASE_LAT + M_LAT (table[i].north), BASE_LON + M_LON (table[i].east));
      ioc_complaint_set_location (far, BASE_LAT + 0.01, BASE_LON);
      /* nowhere has no location: never a candidate. */
      g_ptr_array_add (all, far);
      g_ptr_array_add (all, a);
      g_ptr_array_add (all, nowhere);
      g_ptr_array_add (all, b);

      pairs = ioc_aggregate_duplicate_candidates (all);
      g_assert_cmpuint (pairs->len, ==, table[i].pair ? 1 : 0);
      if (table[i].pair)
        {
          IocDuplicatePair *p = &g_array_index (pairs, IocDuplicatePair, 0);

          g_assert_cmpuint (p->a, ==, 1);
          g_assert_cmpuint (p->b, ==, 3);
          g_assert_cmpfloat (p->distance_m, <=, 50.0);
          g_assert_cmpint (p->interval, ==, (GTimeSpan) (fabs (table[i].hours) * G_TIME_SPAN_HOUR));
        }
    }
}

static GPtrArray *
random_complaints (guint  n,
                   double box_deg,
                   guint  days,
                   guint  n_fields)
{
  static const char * const codes[] = { "CTN", "MT", "GT", "ĐCS", "DCS", "ANTT" };
  GPtrArray *all = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GDateTime) start = dt ("2024-01-01T00:00:00+07:00");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_seconds (start, g_test_rand_double_range (0, days * 86400.0));
      guint status = g_test_rand_int_range (0, IOC_N_COMPLAINT_STATUSES);
      IocComplaint *c = make ("r", codes[g_test_rand_int_range (0, n_fields)], t, status);

      ioc_complaint_set_location (c,
                                  10.0 + g_test_rand_double_range (0, box_deg),
                                  105.0 + g_test_rand_double_range (0, box_deg));
      g_ptr_array_add (all, c);
    }
  return all;
}

/* The grid must find exactly what comparing every pair finds. */
static void
test_duplicates_brute_force (void)
{
  g_autoptr(GPtrArray) all = random_complaints (2500, 0.005, 40, 6);
  g_autoptr(GArray) pairs = ioc_aggregate_duplicate_candidates (all);
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (IocDuplicatePair));

  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      {
        IocComplaint *a = g_ptr_array_index (all, i), *b = g_ptr_array_index (all, j);
        IocField fa, fb;
        GTimeSpan dt_ab;
        double d;

        g_assert_true (ioc_field_from_code (ioc_complaint_get_service_code (a), &fa));
        g_assert_true (ioc_field_from_code (ioc_complaint_get_service_code (b), &fb));
        if (fa != fb || (!ioc_complaint_is_open (a) && !ioc_complaint_is_open (b)))
          continue;
        dt_ab = g_date_time_difference (ioc_complaint_get_requested_datetime (b),
                                        ioc_complaint_get_requested_datetime (a));
        if (ABS (dt_ab) > 7 * G_TIME_SPAN_DAY)
          continue;
        d = ioc_haversine_m (ioc_complaint_get_lat (a), ioc_complaint_get_long (a),
                             ioc_complaint_get_lat (b), ioc_complaint_get_long (b));
        if (d <= 50.0)
          {
            IocDuplicatePair p = { i, j, d, ABS (dt_ab) };

            g_array_append_val (expected, p);
          }
      }

  g_test_message ("%u candidate pairs", expected->len);
  g_assert_cmpuint (expected->len, >, 50);   /* the data must exercise the search */
  g_assert_cmpuint (pairs->len, ==, expected->len);
  for (guint k = 0; k < pairs->len; k++)
    {
      IocDuplicatePair *p = &g_array_index (pairs, IocDuplicatePair, k);
      IocDuplicatePair *e = &g_array_index (expected, IocDuplicatePair, k);

      g_assert_cmpuint (p->a, ==, e->a);
      g_assert_cmpuint (p->b, ==, e->b);
      g_assert_cmpfloat_with_epsilon (p->distance_m, e->distance_m, 1e-9);
      g_assert_cmpint (p->interval, ==, e->interval);
    }
}

/* 100 000 complaints over a province-sized box and a year: must not be
 * quadratic. Runs with -m perf (or -m slow); 20 000 otherwise, to stay fast
 * under valgrind. */
static void
test_duplicates_large (void)
{
  guint n = (g_test_perf () || g_test_slow ()) ? 100000 : 20000;
  g_autoptr(GPtrArray) all = random_complaints (n, 1.5, 365, 6);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GArray) pairs = ioc_aggregate_duplicate_candidates (all);
  double elapsed = g_timer_elapsed (timer, NULL);

  g_test_minimized_result (elapsed, "duplicate candidates over %u complaints: %.3f s", n, elapsed);
  g_assert_cmpfloat (elapsed, <, 30.0);
  for (guint k = 0; k < pairs->len; k++)
    g_assert_cmpfloat (g_array_index (pairs, IocDuplicatePair, k).distance_m, <=, 50.0);
}

static IocComplaint *
make_resolved (const char *requested,
               const char *resolved,
               IocComplaintStatus status,
               const char *expected)
{
  g_autoptr(GDateTime) req = dt (requested);
  g_autoptr(GDateTime) res = resolved ? dt (resolved) : NULL;
  IocComplaint *c = make ("m", "MT", req, status);

  /* A resolution note for some, updated_datetime only for others. */
  if (res != NULL && g_date_time_get_second (res) == 0)
    {
      g_autoptr(IocComplaintNote) note = ioc_complaint_note_new (res, NULL, "resolved", NULL);
      g_autoptr(GDateTime) later = g_date_time_add_days (res, 3);

      ioc_complaint_add_note (c, note);
      ioc_complaint_set_updated_datetime (c, later);
    }
  else
    ioc_complaint_set_updated_datetime (c, res);

  if (expected != NULL)
    {
      g_autoptr(GDateTime) exp = dt (expected);

      ioc_complaint_set_expected_datetime (c, exp);
    }
  return c;
}

static void
test_median (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) odd = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GDateTime) from = dt ("2024-06-01T00:00:00+07:00");
  GTimeSpan median = -1;

  /* Spans 1 h (note), 5 h (updated_datetime, :01 seconds), 2 days (note),
   * 10 days (note); a rejected one and an open one do not count. */
  g_ptr_array_add (all, make_resolved ("2024-05-01T08:00:00+07:00", "2024-05-01T09:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, NULL));
  g_ptr_array_add (all, make_resolved ("2024-05-01T08:00:01+07:00", "2024-05-01T13:00:01+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-03T08:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-11T08:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-01T08:10:00+07:00",
                                       IOC_COMPLAINT_STATUS_REJECTED, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", NULL,
                                       IOC_COMPLAINT_STATUS_IN_PROGRESS, NULL));

  /* Even count: mean of 5 h and 2 days. */
  g_assert_true (ioc_aggregate_median_time_to_resolve (all, NULL, NULL, &median));
  g_assert_cmpint (median, ==, (5 * G_TIME_SPAN_HOUR + 2 * G_TIME_SPAN_DAY) / 2);

  /* Resolved from June on: 2 days and 10 days. */
  g_assert_true (ioc_aggregate_median_time_to_resolve (all, from, NULL, &median));
  g_assert_cmpint (median, ==, 6 * G_TIME_SPAN_DAY);

  /* Odd count. */
  odd = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (odd, g_object_ref (g_ptr_array_index (all, i)));
  g_assert_true (ioc_aggregate_median_time_to_resolve (odd, NULL, NULL, &median));
  g_assert_cmpint (median, ==, 5 * G_TIME_SPAN_HOUR);

  g_assert_false (ioc_aggregate_median_time_to_resolve (none, NULL, NULL, &median));
}

/* The calendar's stand-in: due two days after the request. */
static GDateTime *
due_two_days (IocComplaint *c,
              gpointer      user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return g_date_time_add_days (ioc_complaint_get_requested_datetime (c), 2);
}

static GDateTime *
no_due (IocComplaint *c,
        gpointer      user_data)
{
  return NULL;
}

static void
test_on_time (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GDateTime) now = dt ("2024-06-20T00:00:00+07:00");
  guint calls = 0;
  IocRate r;

  /* handled on time: at the due time exactly, and well before */
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-03T08:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-01T09:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_REJECTED, NULL));
  /* late by a second */
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-03T08:00:01+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, NULL));
  /* late by the callback, but the server's expected_datetime wins: on time */
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-09T08:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, "2024-06-10T17:00:00+07:00"));
  /* on time by the callback, late by expected_datetime */
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-02T08:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, "2024-06-01T17:00:00+07:00"));
  /* the server's deadline before receipt is set aside (domain.md §3 rule
   * as the queue applies it): the calendar judges — on time */
  g_ptr_array_add (all, make_resolved ("2024-06-05T08:00:00+07:00", "2024-06-06T08:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_RESOLVED, "1970-01-01T00:00:00Z"));
  /* not handled: a duplicate, and open ones (one overdue, one not) */
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", "2024-06-01T09:00:00+07:00",
                                       IOC_COMPLAINT_STATUS_DUPLICATE, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-01T08:00:00+07:00", NULL,
                                       IOC_COMPLAINT_STATUS_IN_PROGRESS, NULL));
  g_ptr_array_add (all, make_resolved ("2024-06-19T08:00:00+07:00", NULL,
                                       IOC_COMPLAINT_STATUS_NEW, NULL));

  ioc_aggregate_on_time_rate (all, NULL, NULL, due_two_days, &calls, &r);
  g_assert_cmpuint (r.denominator, ==, 6);
  g_assert_cmpuint (r.numerator, ==, 4);
  g_assert_true (r.defined);
  /* Called only for handled complaints without a usable expected_datetime. */
  g_assert_cmpuint (calls, ==, 4);

  /* Without any due time nothing can be judged: undefined, not 0%. */
  ioc_aggregate_on_time_rate (all, NULL, NULL, no_due, NULL, &r);
  g_assert_cmpuint (r.denominator, ==, 2);
  g_assert_cmpuint (r.numerator, ==, 1);
  ioc_aggregate_on_time_rate (none, NULL, NULL, due_two_days, &calls, &r);
  g_assert_false (r.defined);

  /* Overdue: open and past due (2024-06-03 08:00 < now); the one from 19/06 is not. */
  calls = 0;
  g_assert_cmpuint (ioc_aggregate_count_overdue (all, now, due_two_days, &calls), ==, 1);
  g_assert_cmpuint (calls, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aggregate/rate", test_rate);
  g_test_add_func ("/aggregate/resolution-published", test_resolution_published);
  g_test_add_func ("/aggregate/period-boundaries", test_period_boundaries);
  g_test_add_func ("/aggregate/count-by", test_count_by);
  g_test_add_func ("/aggregate/buckets", test_buckets);
  g_test_add_func ("/aggregate/count-by-time", test_count_by_time);
  g_test_add_func ("/aggregate/haversine", test_haversine);
  g_test_add_func ("/aggregate/duplicates/table", test_duplicates_table);
  g_test_add_func ("/aggregate/duplicates/brute-force", test_duplicates_brute_force);
  g_test_add_func ("/aggregate/duplicates/large", test_duplicates_large);
  g_test_add_func ("/aggregate/median", test_median);
  g_test_add_func ("/aggregate/on-time", test_on_time);

  return g_test_run ();
}
