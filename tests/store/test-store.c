/* test-store.c — IocStore: schema and migrations, snapshots, KPI history,
 * outbox state machine, audit and alert logs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ioc-store.h"

/* ---- fixtures ---------------------------------------------------------- */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ioc-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* a sub-folder that does not exist yet: the store creates it */
  f->path = g_build_filename (f->dir, "ioc-dashboard", "ioc.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static IocStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  IocStore *store = ioc_store_new_sync (f->path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

static IocOutboxAction *
make_action (const char *request,
             const char *kind,
             const char *author)
{
  IocOutboxAction *a = ioc_outbox_action_new (request, kind);

  ioc_outbox_action_set_field (a, "status", "open");
  ioc_outbox_action_set_field (a, "extended_status", "dang_xu_ly");
  ioc_outbox_action_set_field (a, "description", "Đã tiếp nhận, chuyển UBND phường Long Xuyên");
  ioc_outbox_action_set_field (a, "author", author);
  return a;
}

/* ---- schema ------------------------------------------------------------ */

static void
test_migrate_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autofree char *mode = NULL;
  sqlite3 *db;

  g_assert_cmpstr (ioc_store_get_path (store), ==, f->path);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));

  db = raw_open (f->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, IOC_STORE_SCHEMA_VERSION);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                                "('snapshot', 'kpi', 'outbox', 'outbox_field', 'audit', 'alert')"), ==, 6);
  sqlite3_close (db);
}

/* Schema version 1 exactly as released: written here by hand so the test
 * fails if a released migration is ever edited instead of appended to. */
static const char v1_schema[] =
  "CREATE TABLE snapshot (feed TEXT NOT NULL, key TEXT NOT NULL DEFAULT '', payload BLOB NOT NULL,"
  "  fetched_at INTEGER NOT NULL, source_url TEXT NOT NULL, etag TEXT, last_modified TEXT,"
  "  PRIMARY KEY (feed, key)) WITHOUT ROWID;"
  "CREATE TABLE kpi (kpi TEXT NOT NULL, bucket INTEGER NOT NULL, start INTEGER NOT NULL,"
  "  value REAL NOT NULL, count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kpi, bucket, start)) WITHOUT ROWID;"
  "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, update_id TEXT NOT NULL UNIQUE,"
  "  service_request_id TEXT NOT NULL, kind TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
  "    ('queued', 'sending', 'sent', 'conflict', 'failed', 'cancelled')),"
  "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT);"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);"
  "CREATE TABLE outbox_field (action_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (action_id, position));"
  "CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, who TEXT NOT NULL, what TEXT NOT NULL,"
  "  target TEXT NOT NULL, result TEXT NOT NULL, detail TEXT);"
  "CREATE INDEX audit_at ON audit (at);"
  "PRAGMA user_version = 1;";

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(IocStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) action = NULL;
  g_autoptr(IocSnapshot) snap = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  gint64 alert_id;
  sqlite3 *db = raw_open (f->path);

  raw_exec (db, v1_schema);
  raw_exec (db, "INSERT INTO outbox (id, update_id, service_request_id, kind, created_at, state, "
                "attempts, next_attempt_at) VALUES (7, 'f47ac10b-58cc-4372-a567-0e02b2c3d479', "
                "'PA-2025-000123', 'acknowledge', 1000, 'sending', 1, 1000);"
                "INSERT INTO outbox_field VALUES (7, 0, 'status', 'open');"
                "INSERT INTO snapshot VALUES ('tthc', 'stats', x'7b7d', 42, 'http://x/tthc/v1/stats.json', "
                "'\"e1\"', NULL);");
  sqlite3_close (db);

  store = open_store (f);

  db = raw_open (f->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, IOC_STORE_SCHEMA_VERSION);
  sqlite3_close (db);

  /* v1 rows survive; the action that was in flight is queued again */
  action = ioc_store_outbox_get_sync (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ioc_outbox_action_get_update_id (action), ==, "f47ac10b-58cc-4372-a567-0e02b2c3d479");
  g_assert_cmpint (ioc_outbox_action_get_state (action), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (action), ==, 1);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (action), ==, 0);
  g_assert_null (ioc_outbox_action_get_server_response (action));
  g_assert_cmpstr (ioc_outbox_action_get_field (action, "status"), ==, "open");

  snap = ioc_store_load_snapshot_sync (store, "tthc", "stats", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (snap->etag, ==, "\"e1\"");

  /* and the v2 table works */
  alert_id = ioc_store_raise_alert_sync (store, "stale-feed", IOC_ALERT_SEVERITY_WARNING, "tthc",
                                         "TTHC feed stale", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alert_id, >, 0);
  alerts = ioc_store_query_alerts_sync (store, 0, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 1);
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  IocStore *store;
  sqlite3 *db = raw_open (f->path);

  raw_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  store = ioc_store_new_sync (f->path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));

  /* left exactly as it was: not migrated, not switched to WAL, not moved */
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static guint
count_moved_aside (Fixture     *f,
                   const char  *expected_content,
                   gsize        expected_len)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "ioc.sqlite.corrupt-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_autofree char *content = NULL;
        gsize len;

        g_assert_true (g_file_get_contents (p, &content, &len, NULL));
        g_assert_cmpmem (content, len, expected_content, expected_len);
        n++;
      }
  return n;
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStore) fresh = NULL;
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autofree char *dir = g_path_get_dirname (f->path);
  IocStore *store;

  for (guint i = 0; i < 512; i++)
    g_string_append (garbage, "this is not an SQLite database ");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, garbage->str, garbage->len, NULL));

  store = ioc_store_new_sync (f->path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, ".corrupt-"));

  /* the original is kept, byte for byte, next to where it was */
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_moved_aside (f, garbage->str, garbage->len), ==, 1);

  /* opening again starts afresh */
  fresh = open_store (f);
  g_assert_cmpuint (count_moved_aside (f, garbage->str, garbage->len), ==, 1);
}

/* A valid header whose pages are damaged: found by quick_check. */
static void
test_corrupt_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  gsize len;
  IocStore *store;
  sqlite3 *db = raw_open (f->path);

  raw_exec (db, "PRAGMA page_size = 1024; CREATE TABLE t (x TEXT); "
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                "INSERT INTO t SELECT printf('row %d %s', i, hex(randomblob(40))) FROM n;");
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (f->path, &content, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  /* overwrite page 3 onwards (b-tree pages) with noise, keep the header */
  for (gsize i = 2048; i < len; i++)
    content[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (f->path, content, len, NULL));

  store = ioc_store_new_sync (f->path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_CORRUPT);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_moved_aside (f, content, len), ==, 1);
}

/* ---- snapshots --------------------------------------------------------- */

static void
test_snapshot_roundtrip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  static const guint8 binary[] = { '[', 0, 1, 2, 0xff, ']' };
  g_autoptr(GBytes) p1 = g_bytes_new_static ("[{\"service_request_id\":\"1\"}]", 29);
  g_autoptr(GBytes) p2 = g_bytes_new_static (binary, sizeof binary);
  g_autoptr(GBytes) p3 = g_bytes_new_static ("{\"units\":[]}", 12);
  g_autoptr(IocSnapshot) s1 = ioc_snapshot_new ("complaints", NULL, p1, 1000, "http://h/open311/v2/requests.json",
                                                "\"abc\"", "Thu, 20 Nov 2025 08:00:00 GMT");
  g_autoptr(IocSnapshot) s2 = ioc_snapshot_new ("complaints", NULL, p2, 2000, "http://h/open311/v2/requests.json",
                                                NULL, NULL);
  g_autoptr(IocSnapshot) s3 = ioc_snapshot_new ("tthc", "stats", p3, 3000, "http://h/tthc/v1/stats.json",
                                                "W/\"1\"", NULL);
  g_autoptr(IocSnapshot) got = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (ioc_store_save_snapshot_sync (store, s1, &error));
  g_assert_no_error (error);
  got = ioc_store_load_snapshot_sync (store, "complaints", "", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got->payload, p1));
  g_assert_cmpint (got->fetched_at, ==, 1000);
  g_assert_cmpstr (got->etag, ==, "\"abc\"");
  g_assert_cmpstr (got->last_modified, ==, "Thu, 20 Nov 2025 08:00:00 GMT");
  g_assert_cmpstr (got->source_url, ==, "http://h/open311/v2/requests.json");
  g_clear_pointer (&got, ioc_snapshot_free);

  /* only the latest is kept; binary payloads are byte-exact */
  g_assert_true (ioc_store_save_snapshot_sync (store, s2, &error));
  g_assert_true (ioc_store_save_snapshot_sync (store, s3, &error));
  g_assert_no_error (error);
  got = ioc_store_load_snapshot_sync (store, "complaints", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got->payload, p2));
  g_assert_null (got->etag);
  g_assert_null (got->last_modified);

  all = ioc_store_load_snapshots_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = ioc_store_load_snapshots_sync (store, "tthc", &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((IocSnapshot *) all->pdata[0])->key, ==, "stats");
  g_clear_pointer (&got, ioc_snapshot_free);

  got = ioc_store_load_snapshot_sync (store, "environment", NULL, &error);
  g_assert_null (got);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND);
}

/* ---- KPI history ------------------------------------------------------- */

#define HOUR ((gint64) 3600 * G_USEC_PER_SEC)
#define DAY (24 * HOUR)

static gint64
utc_us (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
test_kpi_bucket_start (void)
{
  static const struct {
    IocKpiBucket bucket;
    int in[6];
    int out[6];
  } cases[] = {
    /* 23:59:59 in An Giang (UTC+7) is still the 20th there */
    { IOC_KPI_BUCKET_DAILY, { 2025, 11, 20, 16, 59, 59 }, { 2025, 11, 19, 17, 0, 0 } },
    { IOC_KPI_BUCKET_DAILY, { 2025, 11, 20, 17, 0, 0 }, { 2025, 11, 20, 17, 0, 0 } },
    { IOC_KPI_BUCKET_DAILY, { 2025, 11, 20, 3, 0, 0 }, { 2025, 11, 19, 17, 0, 0 } },
    { IOC_KPI_BUCKET_HOURLY, { 2025, 11, 20, 3, 59, 59 }, { 2025, 11, 20, 3, 0, 0 } },
    { IOC_KPI_BUCKET_HOURLY, { 2025, 12, 31, 23, 0, 0 }, { 2025, 12, 31, 23, 0, 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 in = utc_us (cases[i].in[0], cases[i].in[1], cases[i].in[2],
                          cases[i].in[3], cases[i].in[4], cases[i].in[5]);
      gint64 out = utc_us (cases[i].out[0], cases[i].out[1], cases[i].out[2],
                           cases[i].out[3], cases[i].out[4], cases[i].out[5]);

      g_assert_cmpint (ioc_kpi_bucket_start (cases[i].bucket, in, NULL), ==, out);
      g_assert_cmpint (ioc_kpi_bucket_start (cases[i].bucket, in + 123456, NULL), ==, out);
    }
}

static void
test_kpi_upsert_range (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) got = NULL;
  gint64 t0 = utc_us (2025, 11, 20, 0, 0, 0);
  IocKpiPoint hourly[] = {
    { t0, 10, 10 }, { t0 + HOUR, 12, 12 }, { t0 + 2 * HOUR, 7, 7 }, { t0 + 3 * HOUR, 1, 1 },
  };
  IocKpiPoint fix[] = { { t0 + HOUR, 13, 13 } };
  IocKpiPoint daily[] = { { t0, 999, 999 } };

  g_assert_true (ioc_store_kpi_upsert_sync (store, "complaints.received", IOC_KPI_BUCKET_HOURLY,
                                            hourly, G_N_ELEMENTS (hourly), &error));
  g_assert_true (ioc_store_kpi_upsert_sync (store, "complaints.received", IOC_KPI_BUCKET_HOURLY,
                                            fix, 1, &error));
  g_assert_true (ioc_store_kpi_upsert_sync (store, "complaints.received", IOC_KPI_BUCKET_DAILY,
                                            daily, 1, &error));
  g_assert_true (ioc_store_kpi_upsert_sync (store, "aqi.max", IOC_KPI_BUCKET_HOURLY, hourly, 2, &error));
  g_assert_no_error (error);

  /* half-open range [t0 + 1h, t0 + 3h): two buckets, the second overwritten */
  got = ioc_store_kpi_range_sync (store, "complaints.received", IOC_KPI_BUCKET_HOURLY,
                                  t0 + HOUR, t0 + 3 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (g_array_index (got, IocKpiPoint, 0).start, ==, t0 + HOUR);
  g_assert_cmpfloat (g_array_index (got, IocKpiPoint, 0).value, ==, 13);
  g_assert_cmpint (g_array_index (got, IocKpiPoint, 0).count, ==, 13);
  g_assert_cmpfloat (g_array_index (got, IocKpiPoint, 1).value, ==, 7);
  g_clear_pointer (&got, g_array_unref);

  got = ioc_store_kpi_range_sync (store, "complaints.received", IOC_KPI_BUCKET_HOURLY,
                                  0, G_MAXINT64, &error);
  g_assert_cmpuint (got->len, ==, 4);
  g_clear_pointer (&got, g_array_unref);
  got = ioc_store_kpi_range_sync (store, "complaints.received", IOC_KPI_BUCKET_DAILY, 0, G_MAXINT64, &error);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpfloat (g_array_index (got, IocKpiPoint, 0).value, ==, 999);
  g_clear_pointer (&got, g_array_unref);
  got = ioc_store_kpi_range_sync (store, "nothing", IOC_KPI_BUCKET_DAILY, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);
}

static void
test_kpi_week_over_week (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (IocKpiPoint));
  g_autoptr(GDateTime) wednesday = NULL;
  g_autoptr(GDateTime) sunday_night = NULL;
  IocKpiWeekComparison cmp;

  /* Mon 10 Nov 2025 … Sun 23 Nov 2025, local days; plus a day on each side
   * that must not count. Day i has value i + 1 and count 2. */
  for (int i = -1; i < 15; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new (tz, 2025, 11, 10, 0, 0, 0);
      g_autoptr(GDateTime) d = g_date_time_add_days (day, i);
      IocKpiPoint p = { g_date_time_to_unix (d) * G_USEC_PER_SEC, (double) (i + 1), 2 };

      g_array_append_val (points, p);
    }
  g_assert_true (ioc_store_kpi_upsert_sync (store, "complaints.received", IOC_KPI_BUCKET_DAILY,
                                            (IocKpiPoint *) points->data, points->len, &error));
  g_assert_no_error (error);

  /* Wednesday 19 Nov 10:00: this week = days 7..13 (values 8..14), previous = 0..6 (1..7) */
  wednesday = g_date_time_new (tz, 2025, 11, 19, 10, 0, 0);
  g_assert_true (ioc_store_kpi_week_over_week_sync (store, "complaints.received", wednesday, FALSE,
                                                    &cmp, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cmp.this_week_start, ==, utc_us (2025, 11, 16, 17, 0, 0));
  g_assert_cmpuint (cmp.this_days, ==, 7);
  g_assert_cmpfloat (cmp.this_sum, ==, 8 + 9 + 10 + 11 + 12 + 13 + 14);
  g_assert_cmpint (cmp.this_count, ==, 14);
  g_assert_cmpfloat_with_epsilon (cmp.this_mean, 11.0, 1e-9);
  g_assert_cmpuint (cmp.prev_days, ==, 7);
  g_assert_cmpfloat (cmp.prev_sum, ==, 1 + 2 + 3 + 4 + 5 + 6 + 7);
  g_assert_cmpfloat_with_epsilon (cmp.prev_mean, 4.0, 1e-9);

  /* to date: Mon..Wed against Mon..Wed */
  g_assert_true (ioc_store_kpi_week_over_week_sync (store, "complaints.received", wednesday, TRUE,
                                                    &cmp, &error));
  g_assert_cmpuint (cmp.this_days, ==, 3);
  g_assert_cmpfloat (cmp.this_sum, ==, 8 + 9 + 10);
  g_assert_cmpuint (cmp.prev_days, ==, 3);
  g_assert_cmpfloat (cmp.prev_sum, ==, 1 + 2 + 3);

  /* Sunday 23:59 is still the same ISO week */
  sunday_night = g_date_time_new (tz, 2025, 11, 23, 23, 59, 0);
  g_assert_true (ioc_store_kpi_week_over_week_sync (store, "complaints.received", sunday_night, FALSE,
                                                    &cmp, &error));
  g_assert_cmpint (cmp.this_week_start, ==, utc_us (2025, 11, 16, 17, 0, 0));
  g_assert_cmpfloat (cmp.this_sum, ==, 77);

  /* no data: zero sums, NaN mean */
  g_assert_true (ioc_store_kpi_week_over_week_sync (store, "nothing", wednesday, FALSE, &cmp, &error));
  g_assert_cmpuint (cmp.this_days, ==, 0);
  g_assert_true (isnan (cmp.this_mean));
}

/* ---- outbox ------------------------------------------------------------ */

static IocOutboxAction *
enqueue (IocStore        *store,
         IocOutboxAction *action)
{
  g_autoptr(GError) error = NULL;
  IocOutboxAction *stored = ioc_store_outbox_enqueue_sync (store, action, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

static void
test_outbox_state_machine (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a0 = make_action ("PA-1", "acknowledge", "nguyen.van.a");
  g_autoptr(IocOutboxAction) b0 = make_action ("PA-1", "resolve", "nguyen.van.a");
  g_autoptr(IocOutboxAction) c0 = make_action ("PA-2", "assign", "tran.thi.b");
  g_autoptr(IocOutboxAction) a = NULL, b = NULL, c = NULL, again = NULL, next = NULL, res = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 now = g_get_real_time ();

  a = enqueue (store, a0);
  b = enqueue (store, b0);
  c = enqueue (store, c0);
  g_assert_cmpint (ioc_outbox_action_get_id (a), >, 0);
  g_assert_cmpstr (ioc_outbox_action_get_update_id (a), ==, ioc_outbox_action_get_update_id (a0));
  g_assert_true (g_uuid_string_is_valid (ioc_outbox_action_get_update_id (a)));
  g_assert_cmpstr (ioc_outbox_action_get_update_id (a), !=, ioc_outbox_action_get_update_id (b));
  g_assert_cmpint (ioc_outbox_action_get_state (a), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpstr (ioc_outbox_action_get_field (a, "description"), ==,
                   "Đã tiếp nhận, chuyển UBND phường Long Xuyên");
  g_assert_cmpstrv (ioc_outbox_action_get_field_names (a),
                    ((const char * const[]) { "status", "extended_status", "description", "author", NULL }));

  /* enqueueing the same action again does not duplicate it */
  again = enqueue (store, a0);
  g_assert_cmpint (ioc_outbox_action_get_id (again), ==, ioc_outbox_action_get_id (a));
  pending = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_PENDING, &error);
  g_assert_cmpuint (pending->len, ==, 3);

  /* oldest first */
  next = ioc_store_outbox_next_due_sync (store, now + HOUR, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (a));
  g_clear_pointer (&next, ioc_outbox_action_unref);

  /* nothing is due before it was created */
  next = ioc_store_outbox_next_due_sync (store, 0, &error);
  g_assert_no_error (error);
  g_assert_null (next);

  /* a result can only be recorded for an action being sent */
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (a), IOC_OUTBOX_STATE_SENT,
                                             200, NULL, "[]", 0, &error);
  g_assert_null (res);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);

  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_SENDING);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (res), ==, 1);
  g_clear_pointer (&res, ioc_outbox_action_unref);

  /* a cannot be marked twice; b waits behind a (same request): c is next */
  g_assert_null (ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (a), &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  next = ioc_store_outbox_next_due_sync (store, now + HOUR, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (c));
  g_clear_pointer (&next, ioc_outbox_action_unref);

  /* a fails transiently: back to queued at a later time, b still waits */
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (a), IOC_OUTBOX_STATE_QUEUED,
                                             503, "Service Unavailable", NULL, now + 2 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (ioc_outbox_action_get_next_attempt_at (res), ==, now + 2 * HOUR);
  g_assert_cmpstr (ioc_outbox_action_get_last_error (res), ==, "Service Unavailable");
  g_assert_cmpuint (ioc_outbox_action_get_http_status (res), ==, 503);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  next = ioc_store_outbox_next_due_sync (store, now + HOUR, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (c));
  g_clear_pointer (&next, ioc_outbox_action_unref);
  next = ioc_store_outbox_next_due_sync (store, G_MAXINT64, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (c));
  g_clear_pointer (&next, ioc_outbox_action_unref);

  /* c sent */
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (c), &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (c), IOC_OUTBOX_STATE_SENT,
                                             200, NULL, "[{\"update_id\":\"x\"}]", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_SENT);
  g_assert_cmpstr (ioc_outbox_action_get_server_response (res), ==, "[{\"update_id\":\"x\"}]");
  g_clear_pointer (&res, ioc_outbox_action_unref);

  /* now only a (at +2h), then b after a is sent */
  next = ioc_store_outbox_next_due_sync (store, now + HOUR, &error);
  g_assert_null (next);
  next = ioc_store_outbox_next_due_sync (store, now + 3 * HOUR, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (a));
  g_clear_pointer (&next, ioc_outbox_action_unref);
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (a), &error);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (res), ==, 2);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (a), IOC_OUTBOX_STATE_SENT,
                                             200, NULL, "[]", 0, &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  next = ioc_store_outbox_next_due_sync (store, now + 3 * HOUR, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (b));
  g_clear_pointer (&next, ioc_outbox_action_unref);

  /* b refused for good */
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (b), &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (b), IOC_OUTBOX_STATE_FAILED,
                                             400, "400: invalid status", "[{\"code\":400}]", 0, &error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_FAILED);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  g_assert_null (ioc_store_outbox_next_due_sync (store, G_MAXINT64, &error));
  g_assert_no_error (error);

  /* every outcome is in the audit log, with who and what */
  audit = ioc_store_query_audit_sync (store, 0, G_MAXINT64, "PA-1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 4);   /* a queued, b queued, a sent, b failed */
  g_assert_cmpstr (((IocAuditEntry *) audit->pdata[0])->result, ==, "failed");
  g_assert_cmpstr (((IocAuditEntry *) audit->pdata[0])->who, ==, "nguyen.van.a");
  g_assert_cmpstr (((IocAuditEntry *) audit->pdata[0])->what, ==, "resolve");
  g_assert_cmpstr (((IocAuditEntry *) audit->pdata[1])->result, ==, "sent");

  /* sending is turned back into queued when the store is opened again */
  {
    g_autoptr(IocOutboxAction) d0 = make_action ("PA-3", "priority", "x");
    g_autoptr(IocOutboxAction) d = enqueue (store, d0);
    g_autoptr(IocStore) reopened = NULL;

    res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (d), &error);
    g_clear_pointer (&res, ioc_outbox_action_unref);
    g_clear_object (&store);
    reopened = open_store (f);
    res = ioc_store_outbox_get_sync (reopened, ioc_outbox_action_get_id (d), &error);
    g_assert_no_error (error);
    g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_QUEUED);
    g_assert_cmpuint (ioc_outbox_action_get_attempts (res), ==, 1);
    g_assert_cmpstr (ioc_outbox_action_get_update_id (res), ==, ioc_outbox_action_get_update_id (d0));
    g_clear_pointer (&res, ioc_outbox_action_unref);
  }
}

static void
test_outbox_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a0 = make_action ("PA-1", "acknowledge", "op");
  g_autoptr(IocOutboxAction) b0 = make_action ("PA-2", "acknowledge", "op");
  g_autoptr(IocOutboxAction) a = enqueue (store, a0);
  g_autoptr(IocOutboxAction) b = enqueue (store, b0);
  g_autoptr(IocOutboxAction) res = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  /* queued and never attempted: undone */
  g_assert_true (ioc_store_outbox_undo_sync (store, ioc_outbox_action_get_id (a), &error));
  g_assert_no_error (error);
  res = ioc_store_outbox_get_sync (store, ioc_outbox_action_get_id (a), &error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_CANCELLED);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  g_assert_false (ioc_store_outbox_undo_sync (store, ioc_outbox_action_get_id (a), &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);

  /* while sending: too late */
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (b), &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  g_assert_false (ioc_store_outbox_undo_sync (store, ioc_outbox_action_get_id (b), &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);

  /* queued again after a failed attempt: still too late (it may have arrived) */
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (b), IOC_OUTBOX_STATE_QUEUED,
                                             0, "timeout", NULL, 0, &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  g_assert_false (ioc_store_outbox_undo_sync (store, ioc_outbox_action_get_id (b), &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);

  g_assert_false (ioc_store_outbox_undo_sync (store, 9999, &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  pending = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_PENDING, &error);
  g_assert_cmpuint (pending->len, ==, 1);
}

static void
test_outbox_backoff (void)
{
  static const double jitters[] = { 0.0, 0.25, 0.5, 0.999999 };
  const gint64 base = 5 * G_USEC_PER_SEC, max = 15 * 60 * G_USEC_PER_SEC;
  gint64 prev_ceiling = 0;

  for (guint attempts = 0; attempts <= 40; attempts++)
    {
      gint64 ceiling = base;

      for (guint i = 1; i < attempts; i++)
        ceiling = MIN (ceiling * 2, max);
      g_assert_cmpint (ceiling, >=, prev_ceiling);
      prev_ceiling = ceiling;

      for (guint j = 0; j < G_N_ELEMENTS (jitters); j++)
        {
          gint64 d = ioc_outbox_backoff_delay (attempts, base, max, jitters[j]);

          g_assert_cmpint (d, >=, ceiling / 2);
          g_assert_cmpint (d, <=, ceiling);
          g_assert_cmpint (d, <=, max);
        }
    }
  /* first retry between 2.5 and 5 s; the cap reached at the 9th (5 s · 2^8 > 15 min) */
  g_assert_cmpint (ioc_outbox_backoff_delay (1, base, max, 0.0), ==, base / 2);
  g_assert_cmpint (ioc_outbox_backoff_delay (1, base, max, 0.999999), <=, base);
  g_assert_cmpint (ioc_outbox_backoff_delay (9, base, max, 0.0), ==, max / 2);
  g_assert_cmpint (ioc_outbox_backoff_delay (1000, base, max, 0.0), ==, max / 2);
  /* jitter spreads */
  g_assert_cmpint (ioc_outbox_backoff_delay (4, base, max, 0.0), <, ioc_outbox_backoff_delay (4, base, max, 0.9));
}

static void
test_outbox_conflict (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a0 = make_action ("PA-9", "resolve", "op");
  g_autoptr(IocOutboxAction) b0 = make_action ("PA-9", "note", "op");
  g_autoptr(IocOutboxAction) c0 = make_action ("PA-8", "resolve", "op");
  g_autoptr(IocOutboxAction) a = NULL, b = NULL, c = NULL, res = NULL, next = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  const char *body = "[{\"code\":409,\"description\":\"request changed at 2025-11-20T08:00:00+07:00\"}]";

  ioc_outbox_action_set_field (a0, "if_updated_datetime", "2025-11-20T07:00:00+07:00");
  a = enqueue (store, a0);
  b = enqueue (store, b0);
  c = enqueue (store, c0);

  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (a), &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (a), IOC_OUTBOX_STATE_CONFLICT,
                                             409, "changed", body, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&res, ioc_outbox_action_unref);

  /* kept, with the server's body, across a restart; b waits behind it */
  g_clear_object (&store);
  store = open_store (f);
  conflicts = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_NEEDS_OPERATOR, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  res = ioc_outbox_action_ref (conflicts->pdata[0]);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_CONFLICT);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (res), ==, 409);
  g_assert_cmpstr (ioc_outbox_action_get_server_response (res), ==, body);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  next = ioc_store_outbox_next_due_sync (store, G_MAXINT64, &error);
  g_assert_cmpint (ioc_outbox_action_get_id (next), ==, ioc_outbox_action_get_id (c));
  g_clear_pointer (&next, ioc_outbox_action_unref);

  /* only conflicts and failures can be resolved */
  g_assert_null (ioc_store_outbox_resolve_sync (store, ioc_outbox_action_get_id (c),
                                                IOC_OUTBOX_RESOLUTION_REQUEUE, NULL, &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);

  /* requeue with the datetime the operator has now seen: new update_id */
  res = ioc_store_outbox_resolve_sync (store, ioc_outbox_action_get_id (a), IOC_OUTBOX_RESOLUTION_REQUEUE,
                                       "2025-11-20T08:00:00+07:00", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (res), ==, 0);
  g_assert_true (g_uuid_string_is_valid (ioc_outbox_action_get_update_id (res)));
  g_assert_cmpstr (ioc_outbox_action_get_update_id (res), !=, ioc_outbox_action_get_update_id (a));
  g_assert_cmpstr (ioc_outbox_action_get_field (res, "if_updated_datetime"), ==, "2025-11-20T08:00:00+07:00");
  g_assert_cmpstr (ioc_outbox_action_get_field (res, "status"), ==, "open");
  g_assert_null (ioc_outbox_action_get_server_response (res));
  g_clear_pointer (&res, ioc_outbox_action_unref);

  /* b had no if_updated_datetime: a conflict on it, requeued, gets one appended */
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (a), &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (a), IOC_OUTBOX_STATE_SENT,
                                             200, NULL, "[]", 0, &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (b), &error);
  g_assert_no_error (error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (b), IOC_OUTBOX_STATE_CONFLICT,
                                             409, "changed", body, 0, &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_resolve_sync (store, ioc_outbox_action_get_id (b), IOC_OUTBOX_RESOLUTION_REQUEUE,
                                       "2025-11-20T09:00:00+07:00", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ioc_outbox_action_get_field (res, "if_updated_datetime"), ==, "2025-11-20T09:00:00+07:00");
  g_clear_pointer (&res, ioc_outbox_action_unref);

  /* discard */
  res = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (b), &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_record_result_sync (store, ioc_outbox_action_get_id (b), IOC_OUTBOX_STATE_CONFLICT,
                                             409, "changed", body, 0, &error);
  g_clear_pointer (&res, ioc_outbox_action_unref);
  res = ioc_store_outbox_resolve_sync (store, ioc_outbox_action_get_id (b), IOC_OUTBOX_RESOLUTION_DISCARD,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_state (res), ==, IOC_OUTBOX_STATE_CANCELLED);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_NEEDS_OPERATOR, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* ---- audit and alerts -------------------------------------------------- */

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) got = NULL;
  static const struct { gint64 at; const char *who, *what, *target, *result; } rows[] = {
    { 100, "a", "export.csv", "complaints", "ok" },
    { 200, "b", "settings.base-url", "tthc", "ok" },
    { 300, "a", "briefing.pdf", "week 47", "failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(IocAuditEntry) e = ioc_audit_entry_new (rows[i].at, rows[i].who, rows[i].what,
                                                        rows[i].target, rows[i].result, NULL);
      g_assert_true (ioc_store_append_audit_sync (store, e, &error));
      g_assert_no_error (error);
    }

  got = ioc_store_query_audit_sync (store, 150, 301, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (((IocAuditEntry *) got->pdata[0])->at, ==, 300);   /* newest first */
  g_assert_cmpstr (((IocAuditEntry *) got->pdata[0])->result, ==, "failed");
  g_assert_cmpstr (((IocAuditEntry *) got->pdata[1])->who, ==, "b");
  g_clear_pointer (&got, g_ptr_array_unref);

  got = ioc_store_query_audit_sync (store, 0, G_MAXINT64, "complaints", 0, &error);
  g_assert_cmpuint (got->len, ==, 1);
  g_clear_pointer (&got, g_ptr_array_unref);
  got = ioc_store_query_audit_sync (store, 0, G_MAXINT64, NULL, 1, &error);
  g_assert_cmpuint (got->len, ==, 1);
}

static void
test_alerts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 a, b, c;
  IocAlertEntry *e;

  a = ioc_store_raise_alert_sync (store, "water-level", IOC_ALERT_SEVERITY_CRITICAL, "Tân Châu",
                                  "Mực nước vượt báo động 2", 1000, &error);
  b = ioc_store_raise_alert_sync (store, "salinity", IOC_ALERT_SEVERITY_WARNING, "Rạch Giá",
                                  "Độ mặn 4,2‰", 2000, &error);
  c = ioc_store_raise_alert_sync (store, "stale-feed", IOC_ALERT_SEVERITY_INFO, "tthc",
                                  "TTHC data is stale", 3000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, <, b);
  g_assert_cmpint (b, <, c);

  g_assert_true (ioc_store_acknowledge_alert_sync (store, b, "le.van.c", 2500, &error));
  g_assert_no_error (error);
  /* the first acknowledgement stays */
  g_assert_false (ioc_store_acknowledge_alert_sync (store, b, "someone.else", 2600, &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "le.van.c"));
  g_clear_error (&error);
  g_assert_false (ioc_store_acknowledge_alert_sync (store, 999, "x", 1, &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = ioc_store_query_alerts_sync (store, 0, TRUE, 0, &error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpint (((IocAlertEntry *) got->pdata[0])->id, ==, c);
  g_assert_cmpint (((IocAlertEntry *) got->pdata[1])->id, ==, a);
  g_clear_pointer (&got, g_ptr_array_unref);

  got = ioc_store_query_alerts_sync (store, 1500, FALSE, 0, &error);
  g_assert_cmpuint (got->len, ==, 2);
  e = got->pdata[1];
  g_assert_cmpint (e->id, ==, b);
  g_assert_cmpstr (e->rule, ==, "salinity");
  g_assert_cmpint (e->severity, ==, IOC_ALERT_SEVERITY_WARNING);
  g_assert_cmpstr (e->subject, ==, "Rạch Giá");
  g_assert_cmpstr (e->message, ==, "Độ mặn 4,2‰");
  g_assert_cmpint (e->raised_at, ==, 2000);
  g_assert_cmpint (e->acknowledged_at, ==, 2500);
  g_assert_cmpstr (e->acknowledged_by, ==, "le.van.c");

  audit = ioc_store_query_audit_sync (store, 0, G_MAXINT64, NULL, 0, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((IocAuditEntry *) audit->pdata[0])->what, ==, "alert.acknowledge");
  g_assert_cmpstr (((IocAuditEntry *) audit->pdata[0])->who, ==, "le.van.c");
}

/* ---- async API: callbacks in the caller's context, work elsewhere ------ */

typedef struct {
  GMainLoop *loop;
  IocStore  *store;
  GThread   *main_thread;
  guint      step;
  gint64     id;
} AsyncState;

static void async_step (GObject *source, GAsyncResult *result, gpointer user_data);

static void
async_step (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *s = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == s->main_thread);
  switch (s->step++)
    {
    case 0:
      {
        g_autoptr(IocOutboxAction) a = make_action ("PA-7", "claim", "op");

        s->store = ioc_store_new_finish (result, &error);
        g_assert_no_error (error);
        ioc_store_outbox_enqueue_async (s->store, a, NULL, async_step, s);
        break;
      }
    case 1:
      {
        g_autoptr(IocOutboxAction) a = ioc_store_outbox_enqueue_finish (s->store, result, &error);

        g_assert_no_error (error);
        s->id = ioc_outbox_action_get_id (a);
        ioc_store_outbox_list_async (s->store, IOC_OUTBOX_STATE_MASK_ALL, NULL, async_step, s);
        break;
      }
    case 2:
      {
        g_autoptr(GPtrArray) list = ioc_store_outbox_list_finish (s->store, result, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (list->len, ==, 1);
        ioc_store_outbox_undo_async (s->store, s->id, NULL, async_step, s);
        break;
      }
    case 3:
      g_assert_true (ioc_store_outbox_undo_finish (s->store, result, &error));
      g_assert_no_error (error);
      ioc_store_outbox_next_due_async (s->store, G_MAXINT64, NULL, async_step, s);
      break;
    case 4:
      {
        g_autoptr(IocOutboxAction) none = ioc_store_outbox_next_due_finish (s->store, result, &error);

        g_assert_no_error (error);
        g_assert_null (none);
        g_main_loop_quit (s->loop);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  AsyncState s = { 0, };

  s.loop = g_main_loop_new (NULL, FALSE);
  s.main_thread = g_thread_self ();
  ioc_store_new_async (f->path, NULL, async_step, &s);
  g_main_loop_run (s.loop);
  g_assert_cmpuint (s.step, ==, 5);
  g_clear_object (&s.store);
  g_main_loop_unref (s.loop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/migrate/empty", test_migrate_empty);
  ADD ("/store/migrate/from-v1", test_migrate_from_v1);
  ADD ("/store/migrate/refuse-newer", test_refuse_newer);
  ADD ("/store/corrupt/not-a-database", test_corrupt);
  ADD ("/store/corrupt/damaged-pages", test_corrupt_pages);
  ADD ("/store/snapshot/roundtrip", test_snapshot_roundtrip);
  g_test_add_func ("/store/kpi/bucket-start", test_kpi_bucket_start);
  ADD ("/store/kpi/upsert-range", test_kpi_upsert_range);
  ADD ("/store/kpi/week-over-week", test_kpi_week_over_week);
  ADD ("/store/outbox/state-machine", test_outbox_state_machine);
  ADD ("/store/outbox/undo", test_outbox_undo);
  g_test_add_func ("/store/outbox/backoff", test_outbox_backoff);
  ADD ("/store/outbox/conflict", test_outbox_conflict);
  ADD ("/store/audit", test_audit);
  ADD ("/store/alerts", test_alerts);
  ADD ("/store/async", test_async);
#undef ADD

  return g_test_run ();
}
