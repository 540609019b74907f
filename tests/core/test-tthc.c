/* test-tthc.c — TTHC units, counts and dossiers (feeds.md §3, domain.md §4) */
#include "config.h"

#include "ioc-tthc-dossier.h"
#include "ioc-tthc-stats.h"
#include "ioc-tthc-unit.h"

static void
test_unit (void)
{
  static const struct { const char *code; IocTthcUnitKind kind; } table[] = {
    { "so_nganh", IOC_TTHC_UNIT_KIND_SO_NGANH },
    { "xa", IOC_TTHC_UNIT_KIND_XA },
    { "phuong", IOC_TTHC_UNIT_KIND_PHUONG },
    { "dac_khu", IOC_TTHC_UNIT_KIND_DAC_KHU },
    { "tinh", IOC_TTHC_UNIT_KIND_TINH },
  };
  g_autoptr(IocTthcUnit) unit = ioc_tthc_unit_new ("000.00.30.H01", "UBND phường Long Xuyên",
                                                   IOC_TTHC_UNIT_KIND_PHUONG, "30307");
  g_autoptr(IocTthcUnit) dept = ioc_tthc_unit_new ("000.00.10.H01", "Sở Y tế",
                                                   IOC_TTHC_UNIT_KIND_SO_NGANH, NULL);

  g_assert_cmpuint (G_N_ELEMENTS (table), ==, IOC_N_TTHC_UNIT_KINDS);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      IocTthcUnitKind kind = IOC_N_TTHC_UNIT_KINDS;

      g_assert_cmpstr (ioc_tthc_unit_kind_to_string (table[i].kind), ==, table[i].code);
      g_assert_true (ioc_tthc_unit_kind_from_string (table[i].code, &kind));
      g_assert_cmpint (kind, ==, table[i].kind);
      g_assert_nonnull (ioc_tthc_unit_kind_label (kind));
    }
  g_assert_false (ioc_tthc_unit_kind_from_string ("huyen", NULL));
  g_assert_false (ioc_tthc_unit_kind_from_string (NULL, NULL));

  g_assert_cmpstr (ioc_tthc_unit_get_unit_id (unit), ==, "000.00.30.H01");
  g_assert_cmpstr (ioc_tthc_unit_get_name (unit), ==, "UBND phường Long Xuyên");
  g_assert_cmpint (ioc_tthc_unit_get_kind (unit), ==, IOC_TTHC_UNIT_KIND_PHUONG);
  g_assert_cmpstr (ioc_tthc_unit_get_commune_code (unit), ==, "30307");
  g_assert_null (ioc_tthc_unit_get_commune_code (dept));
}

/* Every member name of feeds.md §3 stats.json, in order. */
static const char * const count_names[] = {
  "services_total", "services_partial_online", "services_full_online", "received",
  "received_online", "finished_early", "finished_on_time", "finished_late",
  "unfinished_in_time", "unfinished_overdue", "fee_bearing", "paid_online",
  "results_electronic", "digitised", "reused_digitised", "synced_national",
  "complained_or_disliked",
};

static void
test_stats_counts (void)
{
  g_autoptr(IocTthcStats) s = ioc_tthc_stats_new ("u1");
  g_autoptr(IocTthcStats) copy = NULL;

  g_assert_cmpuint (G_N_ELEMENTS (count_names), ==, IOC_N_TTHC_COUNTS);
  for (guint i = 0; i < G_N_ELEMENTS (count_names); i++)
    {
      IocTthcCount c = IOC_N_TTHC_COUNTS;

      g_assert_cmpstr (ioc_tthc_count_to_string (i), ==, count_names[i]);
      g_assert_true (ioc_tthc_count_from_string (count_names[i], &c));
      g_assert_cmpint (c, ==, i);
      g_assert_cmpuint (ioc_tthc_stats_get_count (s, i), ==, 0);
      ioc_tthc_stats_set_count (s, i, 1000 + i);
    }
  g_assert_false (ioc_tthc_count_from_string ("Received", NULL));
  g_assert_false (ioc_tthc_count_from_string ("unit_id", NULL));

  /* The table reaches the right struct members. */
  g_assert_cmpuint (s->services_total, ==, 1000);
  g_assert_cmpuint (s->received_online, ==, 1004);
  g_assert_cmpuint (s->complained_or_disliked, ==, 1016);
  g_assert_cmpuint (ioc_tthc_stats_finished (s), ==, 1005 + 1006 + 1007);
  g_assert_cmpuint (ioc_tthc_stats_unfinished (s), ==, 1008 + 1009);

  copy = ioc_tthc_stats_copy (s);
  g_assert_true (ioc_tthc_stats_equal (s, copy));
  g_assert_true (copy->unit_id != s->unit_id);
  copy->digitised++;
  g_assert_false (ioc_tthc_stats_equal (s, copy));
}

static void
test_stats_add (void)
{
  g_autoptr(IocTthcStats) total = ioc_tthc_stats_new (NULL);
  g_autoptr(IocTthcStats) day1 = ioc_tthc_stats_new ("u1");
  g_autoptr(IocTthcStats) day2 = ioc_tthc_stats_new ("u1");
  g_autoptr(IocTthcStats) huge = ioc_tthc_stats_new ("u1");
  GDate d1, d2;

  g_date_clear (&d1, 1);
  g_date_clear (&d2, 1);
  g_date_set_dmy (&d1, 2, G_DATE_DECEMBER, 2024);
  g_date_set_dmy (&d2, 14, G_DATE_DECEMBER, 2024);
  ioc_tthc_stats_set_period (day1, &d2, &d2);
  ioc_tthc_stats_set_period (day2, &d1, &d1);
  day1->received = 100;
  day1->received_online = 71;
  day2->received = 50;
  day2->received_online = 20;

  ioc_tthc_stats_add (total, day1);
  ioc_tthc_stats_add (total, day2);
  g_assert_cmpuint (total->received, ==, 150);
  g_assert_cmpuint (total->received_online, ==, 91);
  g_assert_cmpint (g_date_compare (&total->from, &d1), ==, 0);
  g_assert_cmpint (g_date_compare (&total->to, &d2), ==, 0);

  /* Sums saturate instead of wrapping. */
  huge->received = G_MAXUINT64 - 10;
  ioc_tthc_stats_add (total, huge);
  g_assert_cmpuint (total->received, ==, G_MAXUINT64);
}

static void
test_stats_check (void)
{
  static const struct {
    IocTthcCount count;
    guint64      value;
    gboolean     ok;
  } table[] = {
    { IOC_TTHC_COUNT_RECEIVED_ONLINE, 100, TRUE },
    { IOC_TTHC_COUNT_RECEIVED_ONLINE, 101, FALSE },
    { IOC_TTHC_COUNT_SERVICES_FULL_ONLINE, 11, FALSE },  /* 10 + 11 > 20 */
    { IOC_TTHC_COUNT_SERVICES_FULL_ONLINE, 10, TRUE },
    { IOC_TTHC_COUNT_PAID_ONLINE, 31, FALSE },
    { IOC_TTHC_COUNT_DIGITISED, 101, FALSE },
    { IOC_TTHC_COUNT_SYNCED_NATIONAL, 100, TRUE },
    { IOC_TTHC_COUNT_RESULTS_ELECTRONIC, 61, FALSE },   /* finished = 60 */
    { IOC_TTHC_COUNT_RESULTS_ELECTRONIC, 60, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(IocTthcStats) s = ioc_tthc_stats_new ("u");
      g_autoptr(GError) error = NULL;

      s->services_total = 20;
      s->services_partial_online = 10;
      s->received = 100;
      s->fee_bearing = 30;
      s->finished_early = 20;
      s->finished_on_time = 30;
      s->finished_late = 10;
      ioc_tthc_stats_set_count (s, table[i].count, table[i].value);
      g_assert_cmpint (ioc_tthc_stats_check (s, &error), ==, table[i].ok);
      if (table[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, IOC_TTHC_STATS_ERROR, IOC_TTHC_STATS_ERROR_INCONSISTENT);
    }

  {
    g_autoptr(IocTthcStats) s = ioc_tthc_stats_new ("u");
    g_autoptr(GError) error = NULL;
    GDate a, b;

    g_date_clear (&a, 1);
    g_date_clear (&b, 1);
    g_date_set_dmy (&a, 31, G_DATE_DECEMBER, 2024);
    g_date_set_dmy (&b, 1, G_DATE_JANUARY, 2024);
    ioc_tthc_stats_set_period (s, &a, &b);
    g_assert_false (ioc_tthc_stats_check (s, &error));
    g_assert_error (error, IOC_TTHC_STATS_ERROR, IOC_TTHC_STATS_ERROR_PERIOD);
  }
}

static void
test_dossier_codes (void)
{
  for (int code = -1; code <= 12; code++)
    {
      gboolean valid = code >= 1 && code <= 10;

      g_assert_cmpint (ioc_dossier_status_is_valid (code), ==, valid);
      if (valid)
        {
          g_assert_nonnull (ioc_dossier_status_label (code));
          /* Finished and terminated are disjoint. */
          g_assert_false (ioc_dossier_status_is_finished (code) && ioc_dossier_status_is_terminated (code));
        }
      g_assert_cmpint (ioc_dossier_channel_is_valid (code), ==, code >= 1 && code <= 3);
    }
  g_assert_true (ioc_dossier_status_is_finished (9));
  g_assert_true (ioc_dossier_status_is_finished (10));
  g_assert_false (ioc_dossier_status_is_finished (4));
  g_assert_true (ioc_dossier_status_is_terminated (3));
  g_assert_true (ioc_dossier_status_is_terminated (7));
  g_assert_true (ioc_dossier_status_is_terminated (8));
  g_assert_cmpstr (ioc_dossier_status_label (IOC_DOSSIER_STATUS_DA_TRA_KET_QUA), ==, "Result returned");
  g_assert_cmpstr (ioc_dossier_channel_label (IOC_DOSSIER_CHANNEL_TRUC_TUYEN), ==, "Online");
  for (guint t = 0; t < IOC_N_DOSSIER_TIMELINESSES; t++)
    {
      g_assert_nonnull (ioc_dossier_timeliness_to_string (t));
      g_assert_nonnull (ioc_dossier_timeliness_label (t));
    }
  g_assert_cmpstr (ioc_dossier_timeliness_to_string (IOC_DOSSIER_TIMELINESS_OVERDUE), ==, "overdue");
}

static GDateTime *
dt0 (const char *iso)
{
  return iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
}

static void
test_dossier_timeliness (void)
{
  static const struct {
    int         status;
    const char *due;
    const char *finished;
    IocDossierTimeliness expected;
  } table[] = {
    /* finished: trước hạn / đúng hạn / trễ hạn */
    { 10, "2024-12-13T17:00:00+07:00", "2024-12-12T09:00:00+07:00", IOC_DOSSIER_TIMELINESS_EARLY },
    { 10, "2024-12-13T17:00:00+07:00", "2024-12-13T08:00:00+07:00", IOC_DOSSIER_TIMELINESS_ON_TIME },
    { 9, "2024-12-13T17:00:00+07:00", "2024-12-13T17:00:00+07:00", IOC_DOSSIER_TIMELINESS_ON_TIME },
    { 10, "2024-12-13T17:00:00+07:00", "2024-12-13T17:00:01+07:00", IOC_DOSSIER_TIMELINESS_LATE },
    { 10, "2024-12-13T17:00:00+07:00", "2024-12-16T08:00:00+07:00", IOC_DOSSIER_TIMELINESS_LATE },
    /* The due day is the local (+07:00) day: 23:30 UTC on the 12th is the 13th in Vietnam. */
    { 10, "2024-12-13T17:00:00+07:00", "2024-12-12T23:30:00Z", IOC_DOSSIER_TIMELINESS_ON_TIME },
    { 10, "2024-12-13T17:00:00+07:00", "2024-12-12T16:59:59Z", IOC_DOSSIER_TIMELINESS_EARLY },
    /* unfinished at now = 2024-12-14T10:00+07:00: trong hạn / quá hạn */
    { 4, "2024-12-20T17:00:00+07:00", NULL, IOC_DOSSIER_TIMELINESS_IN_TIME },
    { 5, "2024-12-13T17:00:00+07:00", NULL, IOC_DOSSIER_TIMELINESS_OVERDUE },
    { 2, "2024-12-14T10:00:00+07:00", NULL, IOC_DOSSIER_TIMELINESS_IN_TIME },
    /* not measurable */
    { 7, "2024-12-13T17:00:00+07:00", NULL, IOC_DOSSIER_TIMELINESS_UNKNOWN },
    { 3, "2024-12-13T17:00:00+07:00", "2024-12-01T08:00:00+07:00", IOC_DOSSIER_TIMELINESS_UNKNOWN },
    { 8, "2024-12-13T17:00:00+07:00", NULL, IOC_DOSSIER_TIMELINESS_UNKNOWN },
    { 10, "2024-12-13T17:00:00+07:00", NULL, IOC_DOSSIER_TIMELINESS_UNKNOWN },
    { 4, NULL, NULL, IOC_DOSSIER_TIMELINESS_UNKNOWN },
  };
  g_autoptr(GDateTime) now = dt0 ("2024-12-14T10:00:00+07:00");

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(IocTthcDossier) d = ioc_tthc_dossier_new ("H91.01-241201-0001");
      g_autoptr(IocTthcDossier) copy = NULL;

      d->status = table[i].status;
      d->channel = IOC_DOSSIER_CHANNEL_TRUC_TUYEN;
      d->due_at = dt0 (table[i].due);
      d->finished_at = dt0 (table[i].finished);
      d->received_at = dt0 ("2024-12-02T08:00:00+07:00");
      d->unit_id = g_strdup ("u1");
      g_assert_cmpint (ioc_tthc_dossier_timeliness (d, now), ==, table[i].expected);

      copy = ioc_tthc_dossier_copy (d);
      g_assert_cmpint (ioc_tthc_dossier_timeliness (copy, now), ==, table[i].expected);
      g_assert_cmpstr (copy->unit_id, ==, "u1");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tthc/unit", test_unit);
  g_test_add_func ("/tthc/stats/counts", test_stats_counts);
  g_test_add_func ("/tthc/stats/add", test_stats_add);
  g_test_add_func ("/tthc/stats/check", test_stats_check);
  g_test_add_func ("/tthc/dossier/codes", test_dossier_codes);
  g_test_add_func ("/tthc/dossier/timeliness", test_dossier_timeliness);

  return g_test_run ();
}
