/* test-sim-server.c — the feed simulator over real HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ioc-commune.h"
#include "ioc-sim-calendar.h"
#include "sim-test-server.h"

#define NOW "2026-11-22T10:00:00+07:00"

static SimTestServer *shared;

static IocSimConfig
config_at (const char *now, guint64 seed)
{
  IocSimConfig c;

  ioc_sim_config_init (&c);
  c.seed = seed;
  c.speed = 0;
  c.has_now = TRUE;
  g_assert_true (ioc_sim_calendar_parse (now, &c.now));
  return c;
}

static JsonArray *
as_array (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

static JsonObject *
as_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* --- Open311 ------------------------------------------------------------ */

/* domain.md §1: old An Giang, 2024: 618 received, 582 resolved, 36 in progress. */
static void
count_2024 (SimTestServer *s, guint *received, guint *resolved, guint *in_progress,
            guint *closed_now, guint *open_now)
{
  gint64 start = ioc_sim_calendar_year_start (2024), end = ioc_sim_calendar_year_start (2025);

  *received = *resolved = *in_progress = *closed_now = *open_now = 0;
  for (gint64 w = start; w < end; w += 90 * 86400)
    for (guint page = 1;; page++)
      {
        char a[IOC_SIM_ISO_LEN], b[IOC_SIM_ISO_LEN];
        g_autofree char *path = NULL, *ea = NULL, *eb = NULL;
        g_autoptr(JsonNode) root = NULL;
        JsonArray *arr;

        ioc_sim_calendar_format (w, a);
        ioc_sim_calendar_format (MIN (w + 90 * 86400, end) - 1, b);
        ea = g_uri_escape_string (a, NULL, FALSE);
        eb = g_uri_escape_string (b, NULL, FALSE);
        path = g_strdup_printf ("/open311/v2/requests.json?extensions=true&page_size=1000&page=%u"
                                "&start_date=%s&end_date=%s", page, ea, eb);
        root = sim_test_get_json (s, path, 200);
        arr = as_array (root);
        for (guint i = 0; i < json_array_get_length (arr); i++)
          {
            JsonObject *r = json_array_get_object_element (arr, i);
            const IocCommune *c = ioc_commune_lookup (json_object_get_string_member (r, "commune_code"));
            JsonArray *notes = json_object_get_array_member (r, "notes");
            const char *at_year_end = NULL;

            g_assert_nonnull (c);
            if (!c->old_an_giang)
              continue;
            (*received)++;
            for (guint k = 0; k < json_array_get_length (notes); k++)
              {
                JsonObject *n = json_array_get_object_element (notes, k);

                if (strcmp (json_object_get_string_member (n, "datetime"), "2025-01-01T00:00:00+07:00") < 0)
                  at_year_end = json_object_get_string_member (n, "extended_status");
              }
            g_assert_nonnull (at_year_end);
            if (g_str_equal (at_year_end, "resolved"))
              (*resolved)++;
            else if (g_str_equal (at_year_end, "in_progress"))
              (*in_progress)++;
            if (g_str_equal (json_object_get_string_member (r, "status"), "closed"))
              (*closed_now)++;
            else
              (*open_now)++;
          }
        if (json_array_get_length (arr) < 1000)
          break;
      }
}

static void
test_history_2024 (void)
{
  IocSimConfig c = config_at ("2025-01-01T00:00:00+07:00", 7);
  SimTestServer *s = sim_test_server_start (&c);
  guint received, resolved, in_progress, closed_now, open_now;

  count_2024 (s, &received, &resolved, &in_progress, &closed_now, &open_now);
  g_assert_cmpuint (received, ==, 618);
  g_assert_cmpuint (resolved, ==, 582);
  g_assert_cmpuint (in_progress, ==, 36);
  /* At the turn of the year the current status is the year-end status. */
  g_assert_cmpuint (closed_now, ==, 582);
  g_assert_cmpuint (open_now, ==, 36);
  sim_test_server_stop (s);

  /* Two years later the history still says so, whatever happened since. */
  count_2024 (shared, &received, &resolved, &in_progress, &closed_now, &open_now);
  g_assert_cmpuint (received, ==, 618);
  g_assert_cmpuint (resolved, ==, 582);
  g_assert_cmpuint (in_progress, ==, 36);
}

static void
test_history_other_seed (void)
{
  IocSimConfig c = config_at ("2025-06-01T08:00:00+07:00", 12345);
  SimTestServer *s;
  guint received, resolved, in_progress, closed_now, open_now;

  c.complaints = 5000;
  s = sim_test_server_start (&c);
  count_2024 (s, &received, &resolved, &in_progress, &closed_now, &open_now);
  g_assert_cmpuint (received, ==, 618);
  g_assert_cmpuint (resolved, ==, 582);
  g_assert_cmpuint (in_progress, ==, 36);
  sim_test_server_stop (s);
}

static void
test_open311_standard_fields (void)
{
  g_autoptr(JsonNode) plain = sim_test_get_json (shared, "/open311/v2/requests.json?page_size=50", 200);
  g_autoptr(JsonNode) ext = sim_test_get_json (shared, "/open311/v2/requests.json?page_size=50&extensions=true", 200);
  g_autoptr(JsonNode) services = sim_test_get_json (shared, "/open311/v2/services.json", 200);
  JsonArray *p = as_array (plain), *e = as_array (ext);
  static const char *const standard[] = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
    "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
  };

  g_assert_cmpuint (json_array_get_length (as_array (services)), ==, 11);
  g_assert_cmpuint (json_array_get_length (p), ==, 50);
  for (guint i = 0; i < json_array_get_length (p); i++)
    {
      JsonObject *r = json_array_get_object_element (p, i);
      JsonObject *x = json_array_get_object_element (e, i);
      const char *st = json_object_get_string_member (r, "status");

      g_assert_cmpuint (json_object_get_size (r), ==, G_N_ELEMENTS (standard));
      for (guint k = 0; k < G_N_ELEMENTS (standard); k++)
        g_assert_true (json_object_has_member (r, standard[k]));
      g_assert_true (g_str_equal (st, "open") || g_str_equal (st, "closed"));
      g_assert_true (g_utf8_validate (json_object_get_string_member (r, "description"), -1, NULL));
      g_assert_true (json_object_has_member (x, "extended_status"));
      g_assert_true (json_object_has_member (x, "notes"));
      g_assert_nonnull (ioc_commune_lookup (json_object_get_string_member (x, "commune_code")));
      g_assert_cmpstr (json_object_get_string_member (r, "service_request_id"), ==,
                       json_object_get_string_member (x, "service_request_id"));
    }
}

static void
test_open311_paging_filters (void)
{
  g_autoptr(JsonNode) all = sim_test_get_json (shared, "/open311/v2/requests.json?page_size=1000", 200);
  g_autoptr(JsonNode) p1 = sim_test_get_json (shared, "/open311/v2/requests.json?page_size=7&page=1", 200);
  g_autoptr(JsonNode) p2 = sim_test_get_json (shared, "/open311/v2/requests.json?page_size=7&page=2", 200);
  g_autoptr(JsonNode) mt = sim_test_get_json (shared, "/open311/v2/requests.json?service_code=MT&status=open&page_size=1000", 200);
  JsonArray *a = as_array (all);
  guint n_all = json_array_get_length (a);

  g_assert_cmpuint (n_all, >, 14);
  g_assert_cmpuint (n_all, <, 1000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (as_array (p2), 0), "service_request_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (a, 7), "service_request_id"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (as_array (p1), 6), "service_request_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (a, 6), "service_request_id"));
  g_assert_cmpuint (json_array_get_length (as_array (mt)), >, 0);
  for (guint i = 0; i < json_array_get_length (as_array (mt)); i++)
    {
      JsonObject *r = json_array_get_object_element (as_array (mt), i);

      g_assert_cmpstr (json_object_get_string_member (r, "service_code"), ==, "MT");
      g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "open");
    }
}

static void
test_open311_errors (void)
{
  static const struct { const char *path; guint status; } cases[] = {
    { "/open311/v2/requests/PA-99-999999.json", 404 },
    { "/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z", 400 },
    { "/open311/v2/requests.json?start_date=yesterday", 400 },
    { "/open311/v2/requests.json?page_size=5000", 400 },
    { "/open311/v2/requests.json?status=pending", 400 },
    { "/open311/v2/services.csv", 404 },
    { "/open311/v2/services/NOPE.json", 404 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = sim_test_get_json (shared, cases[i].path, cases[i].status);
      JsonArray *arr = as_array (root);
      JsonObject *e = json_array_get_object_element (arr, 0);

      g_assert_cmpint (json_object_get_int_member (e, "code"), ==, cases[i].status);
      g_assert_nonnull (json_object_get_string_member (e, "description"));
    }
}

static void
test_open311_xml (void)
{
  guint status;
  g_autoptr(GBytes) services = sim_test_get (shared, "/open311/v2/services.xml", &status, NULL);
  g_autoptr(GBytes) requests = NULL, err = NULL;
  g_autofree char *s = g_strndup (g_bytes_get_data (services, NULL), g_bytes_get_size (services));
  g_autofree char *r = NULL, *e = NULL;

  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_str_has_prefix (s, "<?xml"));
  g_assert_nonnull (strstr (s, "<services>\n<service><service_code>TTĐT</service_code>"));
  requests = sim_test_get (shared, "/open311/v2/requests.xml?page_size=3", &status, NULL);
  r = g_strndup (g_bytes_get_data (requests, NULL), g_bytes_get_size (requests));
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (r, "<service_requests>"));
  g_assert_nonnull (strstr (r, "<requested_datetime>"));
  err = sim_test_get (shared, "/open311/v2/requests/nope.xml", &status, NULL);
  e = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (strstr (e, "<errors>\n<error><code>404</code>"));
}

static void
test_open311_etag (void)
{
  guint status;
  SoupMessageHeaders *h = NULL;
  g_autoptr(GBytes) first = sim_test_get (shared, "/open311/v2/services.json", &status, &h);
  g_autofree char *etag = g_strdup (soup_message_headers_get_one (h, "ETag"));
  g_autoptr(GBytes) again = NULL;

  soup_message_headers_unref (h);
  g_assert_nonnull (etag);
  again = sim_test_request (shared, "GET", "/open311/v2/services.json", NULL, NULL, etag, &status);
  g_assert_cmpuint (status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (again), ==, 0);
  g_clear_pointer (&again, g_bytes_unref);
  again = sim_test_request (shared, "GET", "/open311/v2/services.json", NULL, NULL, "\"other\"", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (first, again));
}

static char *
first_open_request (SimTestServer *s, char **updated)
{
  g_autoptr(JsonNode) root = sim_test_get_json (s, "/open311/v2/requests.json?status=open&page_size=1", 200);
  JsonObject *r = json_array_get_object_element (as_array (root), 0);

  *updated = g_strdup (json_object_get_string_member (r, "updated_datetime"));
  return g_strdup (json_object_get_string_member (r, "service_request_id"));
}

static void
test_open311_post (void)
{
  IocSimConfig c = config_at (NOW, 3);
  SimTestServer *s = sim_test_server_start (&c);
  g_autofree char *updated = NULL;
  g_autofree char *id = first_open_request (s, &updated);
  g_autofree char *eupd = g_uri_escape_string (updated, NULL, TRUE);
  g_autofree char *form = g_strdup_printf ("api_key=ioc-sim-demo&service_request_id=%s&update_id=u-1"
                                           "&status=open&extended_status=in_progress"
                                           "&description=%%C4%%90ang+x%%E1%%BB%%AD+l%%C3%%BD"
                                           "&if_updated_datetime=%s&claimed_by=op1", id, eupd);
  g_autofree char *form2 = g_strdup_printf ("api_key=ioc-sim-demo&service_request_id=%s&update_id=u-2"
                                            "&status=closed&if_updated_datetime=%s", id, eupd);
  g_autofree char *badkey = g_strdup_printf ("api_key=wrong&service_request_id=%s&update_id=u-3&status=open", id);
  const char *ct = "application/x-www-form-urlencoded";
  guint status;
  g_autoptr(GBytes) a = sim_test_request (s, "POST", "/open311/v2/servicerequestupdates.json", ct, form, NULL, &status);
  g_autoptr(GBytes) b = NULL, conflict = NULL, forbidden = NULL;
  g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?extensions=true", id);
  g_autoptr(JsonNode) after = NULL;
  JsonObject *r;
  JsonArray *notes;

  g_assert_cmpuint (status, ==, 200);
  b = sim_test_request (s, "POST", "/open311/v2/servicerequestupdates.json", ct, form, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (a, b));
  conflict = sim_test_request (s, "POST", "/open311/v2/servicerequestupdates.json", ct, form2, NULL, &status);
  g_assert_cmpuint (status, ==, 409);
  forbidden = sim_test_request (s, "POST", "/open311/v2/servicerequestupdates.json", ct, badkey, NULL, &status);
  g_assert_cmpuint (status, ==, 403);

  after = sim_test_get_json (s, path, 200);
  r = json_array_get_object_element (as_array (after), 0);
  g_assert_cmpstr (json_object_get_string_member (r, "extended_status"), ==, "in_progress");
  g_assert_cmpstr (json_object_get_string_member (r, "claimed_by"), ==, "op1");
  g_assert_cmpstr (json_object_get_string_member (r, "status_notes"), ==, "Đang xử lý");
  g_assert_cmpstr (json_object_get_string_member (r, "updated_datetime"), >, updated);
  notes = json_object_get_array_member (r, "notes");
  /* Applied once, although posted twice. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, json_array_get_length (notes) - 1), "description"),
                   ==, "Đang xử lý");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, json_array_get_length (notes) - 2), "description"),
                   !=, "Đang xử lý");
  sim_test_server_stop (s);
}

/* --api-key= (empty): the demo and training sandbox take any key or none;
 * the default still refuses a missing one. */
static void
test_open311_post_sandbox_key (void)
{
  const char *ct = "application/x-www-form-urlencoded";

  for (guint sandbox = 0; sandbox <= 1; sandbox++)
    {
      IocSimConfig c = config_at (NOW, 3);
      SimTestServer *s;
      g_autofree char *updated = NULL;
      g_autofree char *id = NULL;
      g_autofree char *form = NULL;
      g_autoptr(GBytes) answer = NULL;
      guint status;

      if (sandbox)
        c.api_key = "";
      s = sim_test_server_start (&c);
      id = first_open_request (s, &updated);
      form = g_strdup_printf ("service_request_id=%s&update_id=sandbox-1&status=open&extended_status=in_progress", id);
      answer = sim_test_request (s, "POST", "/open311/v2/servicerequestupdates.json", ct, form, NULL, &status);
      g_assert_cmpuint (status, ==, sandbox ? 200 : 403);
      sim_test_server_stop (s);
    }
}

static guint
count_notes (SimTestServer *s,
             const char    *id,
             const char    *description)
{
  g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?extensions=true", id);
  g_autoptr(JsonNode) root = sim_test_get_json (s, path, 200);
  JsonArray *notes = json_object_get_array_member (json_array_get_object_element (as_array (root), 0), "notes");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (notes); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (notes, i), "description"),
                   description) == 0)
      n++;
  return n;
}

static gint64
count_update_id (IocSimServer *server,
                 const char   *update_id)
{
  sqlite3 *db = ioc_sim_dataset_get_db (ioc_sim_server_get_dataset (server));
  sqlite3_stmt *st = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM updates WHERE update_id = ?1", -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, update_id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return n;
}

/* --db FILE keeps its state across a restart: the update_ids applied before
 * are still known, so a repost gets the first answer and is applied once
 * (feeds.md §1 idempotency). Other options are refused; --reset regenerates. */
static void
test_db_restart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-sim-db-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "sim.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  IocSimConfig c = config_at (NOW, 5);
  const char *ct = "application/x-www-form-urlencoded";
  const char *post = "/open311/v2/servicerequestupdates.json";
  SimTestServer *s;
  g_autofree char *updated = NULL;
  g_autofree char *id = NULL;
  g_autofree char *form = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GBytes) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  IocSimServer *server;
  guint status;

  c.db_path = db;
  s = sim_test_server_start (&c);
  id = first_open_request (s, &updated);
  form = g_strdup_printf ("api_key=ioc-sim-demo&service_request_id=%s&update_id=op-42"
                          "&status=open&extended_status=in_progress&description=once", id);
  first = sim_test_request (s, "POST", post, ct, form, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (count_notes (s, id, "once"), ==, 1);
  sim_test_server_stop (s);

  /* Same file, same options: the state is back. The repost (even with
   * another body, as after a crash between the two) gets the first answer. */
  s = sim_test_server_start (&c);
  again = g_strdup_printf ("api_key=ioc-sim-demo&service_request_id=%s&update_id=op-42"
                           "&status=closed&description=twice", id);
  second = sim_test_request (s, "POST", post, ct, again, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_cmpuint (count_notes (s, id, "once"), ==, 1);
  g_assert_cmpuint (count_notes (s, id, "twice"), ==, 0);
  sim_test_server_stop (s);

  /* Other options: refused, with the options the file was made with. */
  c.seed = 6;
  server = ioc_sim_server_new (&c, &error);
  g_assert_null (server);
  g_assert_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--seed 5"));
  g_assert_nonnull (strstr (error->message, "--reset"));
  g_clear_error (&error);

  /* --reset: generated again, the update_id forgotten. */
  c.seed = 5;
  c.reset = TRUE;
  server = ioc_sim_server_new (&c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_update_id (server, "op-42"), ==, 0);
  ioc_sim_server_free (server);
  c.reset = FALSE;
  server = ioc_sim_server_new (&c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_update_id (server, "op-42"), ==, 0);
  ioc_sim_server_free (server);

  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* --- SensorThings -------------------------------------------------------- */

static void
test_sta_things (void)
{
  g_autoptr(JsonNode) root = sim_test_get_json (shared,
    "/sta/v1.1/Things?$expand=Locations,Datastreams($expand=ObservedProperty)&$count=true", 200);
  JsonObject *o = as_object (root);
  JsonArray *things = json_object_get_array_member (o, "value");
  guint hydro = 0, kinds[4] = { 0 };

  g_assert_cmpint (json_object_get_int_member (o, "@iot.count"), ==, json_array_get_length (things));
  g_assert_cmpuint (json_array_get_length (things), >=, 15);
  for (guint i = 0; i < json_array_get_length (things); i++)
    {
      JsonObject *t = json_array_get_object_element (things, i);
      JsonObject *props = json_object_get_object_member (t, "properties");
      const char *kind = json_object_get_string_member (props, "station_kind");
      JsonArray *dss = json_object_get_array_member (t, "Datastreams");
      JsonArray *locs = json_object_get_array_member (t, "Locations");

      g_assert_cmpuint (json_array_get_length (locs), ==, 1);
      g_assert_cmpuint (json_array_get_length (dss), >=, 1);
      g_assert_nonnull (ioc_commune_lookup (json_object_get_string_member (props, "commune_code")));
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_array_get_object_element (dss, 0), "ObservedProperty")));
      if (g_str_equal (kind, "hydro"))
        {
          JsonObject *al = json_object_get_object_member (props, "alarm_levels");

          hydro++;
          g_assert_cmpfloat (json_object_get_double_member (al, "bd1"), <, json_object_get_double_member (al, "bd3"));
          if (strstr (json_object_get_string_member (t, "name"), "Tân Châu") != NULL)
            g_assert_cmpfloat (json_object_get_double_member (al, "bd1"), ==, 3.5);
        }
      kinds[g_str_equal (kind, "air") ? 0 : g_str_equal (kind, "water") ? 1 : g_str_equal (kind, "hydro") ? 2 : 3]++;
    }
  g_assert_cmpuint (hydro, ==, 3);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpuint (kinds[k], >, 0);
}

static void
test_sta_paging (void)
{
  g_autoptr(JsonNode) page1 = sim_test_get_json (shared, "/sta/v1.1/Things?$top=5", 200);
  const char *next = json_object_get_string_member (as_object (page1), "@iot.nextLink");
  guint seen = json_array_get_length (json_object_get_array_member (as_object (page1), "value"));
  g_autofree char *cur = g_strdup (next);

  g_assert_cmpuint (seen, ==, 5);
  g_assert_true (g_str_has_prefix (next, sim_test_server_url (shared)));
  while (cur != NULL)
    {
      g_autoptr(JsonNode) page = sim_test_get_json (shared, cur + strlen (sim_test_server_url (shared)), 200);
      JsonObject *o = as_object (page);

      seen += json_array_get_length (json_object_get_array_member (o, "value"));
      g_free (cur);
      cur = json_object_has_member (o, "@iot.nextLink")
            ? g_strdup (json_object_get_string_member (o, "@iot.nextLink")) : NULL;
    }
  g_assert_cmpuint (seen, ==, 19);
}

static void
test_sta_observations (void)
{
  g_autoptr(JsonNode) latest = sim_test_get_json (shared,
    "/sta/v1.1/Datastreams?$expand=Observations($orderby=phenomenonTime%20desc;$top=1)&$top=200", 200);
  g_autoptr(JsonNode) hist = sim_test_get_json (shared,
    "/sta/v1.1/Datastreams(1)/Observations?$filter=phenomenonTime%20gt%202026-11-01T00:00:00Z"
    "&$orderby=phenomenonTime%20asc&$top=1000&$count=true", 200);
  JsonArray *dss = json_object_get_array_member (as_object (latest), "value");
  JsonArray *obs = json_object_get_array_member (as_object (hist), "value");
  gboolean mg = FALSE;
  const char *prev = "2026-11-01T00:00:00Z";

  for (guint i = 0; i < json_array_get_length (dss); i++)
    {
      JsonObject *ds = json_array_get_object_element (dss, i);
      JsonArray *o = json_object_get_array_member (ds, "Observations");
      const char *sym = json_object_get_string_member (json_object_get_object_member (ds, "unitOfMeasurement"), "symbol");

      g_assert_cmpuint (json_array_get_length (o), <=, 1);
      if (g_str_equal (sym, "mg/m³"))
        mg = TRUE;
    }
  g_assert_true (mg);
  /* 21 days and 3 hours of hourly data, less the gaps. */
  g_assert_cmpint (json_object_get_int_member (as_object (hist), "@iot.count"), ==, json_array_get_length (obs));
  g_assert_cmpuint (json_array_get_length (obs), >, 400);
  g_assert_cmpuint (json_array_get_length (obs), <=, 21 * 24 + 3);
  for (guint i = 0; i < json_array_get_length (obs); i++)
    {
      const char *t = json_object_get_string_member (json_array_get_object_element (obs, i), "phenomenonTime");

      g_assert_cmpstr (t, >, prev);
      prev = t;
    }
}

static double
max_level (const char *path)
{
  g_autoptr(JsonNode) root = sim_test_get_json (shared, path, 200);
  JsonArray *obs = json_object_get_array_member (as_object (root), "value");
  double m = 0;

  for (guint i = 0; i < json_array_get_length (obs); i++)
    m = MAX (m, json_object_get_double_member (json_array_get_object_element (obs, i), "result"));
  return m;
}

static void
test_sta_seasons (void)
{
  /* Tân Châu: the flood season (Aug–Nov) is far above the dry season. */
  double flood = max_level ("/sta/v1.1/Datastreams(1)/Observations?$filter=phenomenonTime%20ge%202025-09-15T00:00:00Z"
                            "%20and%20phenomenonTime%20lt%202025-10-20T00:00:00Z&$top=10000");
  double dry = max_level ("/sta/v1.1/Datastreams(1)/Observations?$filter=phenomenonTime%20ge%202025-03-01T00:00:00Z"
                          "%20and%20phenomenonTime%20lt%202025-04-01T00:00:00Z&$top=10000");
  g_autoptr(JsonNode) sal = sim_test_get_json (shared, "/sta/v1.1/Things?$filter=properties/station_kind%20eq%20'salinity'&$expand=Datastreams", 200);
  gint64 sal_ds = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (as_object (sal), "value"), 0), "Datastreams"), 0), "@iot.id");
  g_autofree char *p_dry = g_strdup_printf ("/sta/v1.1/Datastreams(%" G_GINT64_FORMAT ")/Observations?$filter=phenomenonTime%%20ge%%202025-03-01T00:00:00Z"
                                            "%%20and%%20phenomenonTime%%20lt%%202025-04-01T00:00:00Z&$top=10000", sal_ds);
  g_autofree char *p_wet = g_strdup_printf ("/sta/v1.1/Datastreams(%" G_GINT64_FORMAT ")/Observations?$filter=phenomenonTime%%20ge%%202025-09-01T00:00:00Z"
                                            "%%20and%%20phenomenonTime%%20lt%%202025-10-01T00:00:00Z&$top=10000", sal_ds);

  g_assert_cmpfloat (flood, >, dry + 1.5);
  g_assert_cmpfloat (max_level (p_dry), >, 4.0);
  g_assert_cmpfloat (max_level (p_wet), <, 1.0);
}

static void
test_sta_errors (void)
{
  static const struct { const char *path; guint status; } cases[] = {
    { "/sta/v1.1/Things(999)", 404 },
    { "/sta/v1.1/Nothing", 404 },
    { "/sta/v1.1/Datastreams(1)/Observations?$filter=phenomenonTime%20between%201", 400 },
    { "/sta/v1.1/Datastreams(1)/Observations?$top=abc", 400 },
    { "/sta/v1.1/Things?$filter=colour%20eq%20'red'", 400 },
    { "/sta/v1.1/Things?$bogus=1", 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = sim_test_get_json (shared, cases[i].path, cases[i].status);
      JsonObject *o = as_object (root);

      g_assert_cmpint (json_object_get_int_member (o, "code"), ==, cases[i].status);
      g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "error");
      g_assert_nonnull (json_object_get_string_member (o, "message"));
    }
}

/* --- TTHC ---------------------------------------------------------------- */

static void
test_tthc (void)
{
  g_autoptr(JsonNode) units = sim_test_get_json (shared, "/tthc/v1/units.json", 200);
  g_autoptr(JsonNode) stats = sim_test_get_json (shared, "/tthc/v1/stats.json?from=2025-01-01&to=2025-12-31", 200);
  g_autoptr(JsonNode) daily = sim_test_get_json (shared, "/tthc/v1/daily.json?from=2025-03-01&to=2025-03-31&unit_id=30307", 200);
  g_autoptr(JsonNode) late = sim_test_get_json (shared, "/tthc/v1/dossiers.json?timeliness=late", 200);
  g_autoptr(JsonNode) overdue = sim_test_get_json (shared, "/tthc/v1/dossiers.json?timeliness=overdue", 200);
  g_autoptr(JsonNode) bad = sim_test_get_json (shared, "/tthc/v1/stats.json?from=2025-13-01&to=2025-12-31", 400);
  JsonArray *u = json_object_get_array_member (as_object (stats), "units");
  double rec = 0, online = 0, early = 0, on_time = 0, late_n = 0, elec = 0, digi = 0;
  guint communes = 0;

  for (guint i = 0; i < json_array_get_length (as_array (units)); i++)
    if (json_object_has_member (json_array_get_object_element (as_array (units), i), "commune_code"))
      communes++;
  g_assert_cmpuint (communes, ==, 102);
  g_assert_cmpuint (json_array_get_length (u), ==, json_array_get_length (as_array (units)));
  for (guint i = 0; i < json_array_get_length (u); i++)
    {
      JsonObject *x = json_array_get_object_element (u, i);

      rec += json_object_get_int_member (x, "received");
      online += json_object_get_int_member (x, "received_online");
      early += json_object_get_int_member (x, "finished_early");
      on_time += json_object_get_int_member (x, "finished_on_time");
      late_n += json_object_get_int_member (x, "finished_late");
      elec += json_object_get_int_member (x, "results_electronic");
      digi += json_object_get_int_member (x, "digitised");
      g_assert_cmpint (json_object_get_int_member (x, "services_full_online")
                       + json_object_get_int_member (x, "services_partial_online"), <=,
                       json_object_get_int_member (x, "services_total"));
    }
  /* domain.md §1 calibration. */
  g_assert_cmpfloat (rec, >, 500000);
  g_assert_cmpfloat_with_epsilon ((early + on_time) / (early + on_time + late_n), 0.982, 0.003);
  g_assert_cmpfloat_with_epsilon (digi / rec, 0.853, 0.003);
  g_assert_cmpfloat_with_epsilon (elec / (early + on_time + late_n), 0.879, 0.003);
  g_assert_cmpfloat_with_epsilon (online / rec, 0.71, 0.02);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (as_object (daily), "days")), ==, 31);
  g_assert_cmpuint (json_array_get_length (as_array (late)), ==, 100);
  g_assert_true (json_object_has_member (json_array_get_object_element (as_array (late), 0), "officer"));
  g_assert_cmpuint (json_array_get_length (as_array (overdue)), >, 0);
  g_assert_cmpint (json_object_get_int_member (as_object (bad), "code"), ==, 400);
}

/* --- faults -------------------------------------------------------------- */

static void
set_faults (const char *json)
{
  guint status;
  g_autoptr(GBytes) b = sim_test_request (shared, json != NULL ? "POST" : "DELETE", "/_control/faults",
                                          "application/json", json, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
}

static char *
get_text (const char *path, guint *status)
{
  g_autoptr(GBytes) b = sim_test_get (shared, path, status, NULL);

  return g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static gboolean
parses (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();

  return json_parser_load_from_data (p, text, -1, NULL);
}

static void
test_faults (void)
{
  guint status;
  const char *o311 = "/open311/v2/requests.json?extensions=true&page_size=20";
  gint64 t0;

  {
    g_autofree char *t = NULL;
    set_faults ("{\"error_rate\": 1}");
    t = get_text (o311, &status);
    g_assert_cmpuint (status, >=, 500);
    g_assert_true (parses (t));
    g_assert_nonnull (strstr (t, "\"code\""));
    g_free (t);
    t = get_text ("/sta/v1.1/Things", &status);
    g_assert_cmpuint (status, >=, 500);
    g_assert_nonnull (strstr (t, "\"type\":\"error\""));
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"error_rate\": 0, \"truncated\": true}");
    t = get_text (o311, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_false (parses (t));
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"truncated\": 0, \"malformed\": 1}");
    t = get_text ("/sta/v1.1/Things", &status);
    g_assert_false (parses (t));
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"malformed\": 0, \"markup\": 1}");
    t = get_text (o311, &status);
    g_assert_true (parses (t));
    g_assert_nonnull (strstr (t, "<script>"));
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"markup\": 0, \"invalid_utf8\": 1}");
    t = get_text (o311, &status);
    g_assert_false (g_utf8_validate (t, -1, NULL));
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"invalid_utf8\": 0, \"impossible_dates\": 1}");
    t = get_text (o311, &status);
    g_assert_nonnull (strstr (t, "2024-02-30T25:61:00+07:00"));
  }
  {
    g_autoptr(JsonNode) root = NULL;
    set_faults ("{\"impossible_dates\": 0, \"wrong_types\": 1}");
    root = sim_test_get_json (shared, o311, 200);
    g_assert_cmpint (json_node_get_value_type (json_object_get_member (
      json_array_get_object_element (as_array (root), 0), "lat")), ==, G_TYPE_STRING);
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"wrong_types\": 0, \"oversized\": 1, \"oversized_bytes\": 3000000}");
    t = get_text ("/open311/v2/services.json", &status);
    g_assert_cmpuint (strlen (t), ==, 3000000);
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"oversized\": 0, \"latency_ms\": 400}");
    t0 = g_get_monotonic_time ();
    t = get_text ("/open311/v2/services.json", &status);
    g_assert_cmpint (g_get_monotonic_time () - t0, >=, 400000);
    g_assert_true (parses (t));
  }
  {
    g_autofree char *t = NULL;
    set_faults ("{\"latency_ms\": 0, \"stall\": 1, \"stall_ms\": 500, \"path\": \"/sta/\"}");
    t0 = g_get_monotonic_time ();
    t = get_text ("/sta/v1.1/Things", &status);
    g_assert_cmpint (g_get_monotonic_time () - t0, >=, 500000);
    g_assert_true (parses (t));
    g_free (t);
    /* The path filter spares other protocols. */
    t0 = g_get_monotonic_time ();
    t = get_text ("/open311/v2/services.json", &status);
    g_assert_cmpint (g_get_monotonic_time () - t0, <, 500000);
  }
  {
    g_autoptr(GBytes) b = sim_test_request (shared, "POST", "/_control/faults", "application/json",
                                            "{\"error_rate\": 7}", NULL, &status);
    g_assert_cmpuint (status, ==, 400);
  }
  set_faults (NULL);
}

/* --- live mode ----------------------------------------------------------- */

static void
test_live_clock (void)
{
  IocSimConfig c = config_at (NOW, 5);
  SimTestServer *s = sim_test_server_start (&c);
  g_autoptr(JsonNode) before = sim_test_get_json (s, "/_control/clock", 200);
  g_autoptr(JsonNode) open_before = sim_test_get_json (s, "/open311/v2/requests.json?status=open&page_size=1000", 200);
  g_autoptr(JsonNode) after = NULL, open_after = NULL, obs = NULL;
  guint status;
  g_autoptr(GBytes) b = sim_test_request (s, "POST", "/_control/clock", "application/json",
                                          "{\"advance_s\": 259200}", NULL, &status);
  gint64 n0 = json_object_get_int_member (as_object (before), "requests");

  g_assert_cmpuint (status, ==, 200);
  after = sim_test_get_json (s, "/_control/clock", 200);
  g_assert_cmpstr (json_object_get_string_member (as_object (after), "now"), ==, "2026-11-25T10:00:00+07:00");
  /* Three days bring new complaints, and agencies close some of the old ones. */
  g_assert_cmpint (json_object_get_int_member (as_object (after), "requests"), >, n0);
  open_after = sim_test_get_json (s, "/open311/v2/requests.json?status=closed&page_size=1000&start_date=2026-11-15T00:00:00%2B07:00", 200);
  {
    JsonArray *was_open = as_array (open_before);
    guint closed_since = 0;
    JsonArray *closed = as_array (open_after);

    for (guint i = 0; i < json_array_get_length (was_open); i++)
      for (guint k = 0; k < json_array_get_length (closed); k++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (was_open, i), "service_request_id"),
                         json_object_get_string_member (json_array_get_object_element (closed, k), "service_request_id")))
          closed_since++;
    g_assert_cmpuint (closed_since, >, 0);
  }
  obs = sim_test_get_json (s, "/sta/v1.1/Datastreams(1)/Observations?$orderby=phenomenonTime%20desc&$top=1", 200);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (as_object (obs), "value"), 0),
                                                  "phenomenonTime"), >=, "2026-11-25T00:00:00Z");
  sim_test_server_stop (s);
}

/* --- determinism --------------------------------------------------------- */

static const char *const det_paths[] = {
  "/open311/v2/requests.json?extensions=true&page_size=1000",
  "/open311/v2/servicerequestupdates.json?start_date=2026-11-01T00:00:00%2B07:00",
  "/open311/v2/requests.xml?page_size=200",
  "/sta/v1.1/Things?$expand=Locations,Datastreams($expand=Observations($orderby=phenomenonTime%20desc;$top=3))",
  "/tthc/v1/stats.json?from=2026-01-01&to=2026-11-22",
  "/tthc/v1/dossiers.json?timeliness=overdue",
};

static char *
digest (guint64 seed)
{
  IocSimConfig c = config_at (NOW, seed);
  SimTestServer *s = sim_test_server_start (&c);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *out;

  for (guint i = 0; i < G_N_ELEMENTS (det_paths); i++)
    {
      guint status;
      g_autoptr(GBytes) b = sim_test_get (s, det_paths[i], &status, NULL);
      g_autofree char *text = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
      g_auto(GStrv) parts = g_strsplit (text, sim_test_server_url (s), -1);
      g_autofree char *local = g_strjoinv ("", parts);

      /* Absolute links carry the random port; everything else must match. */
      g_assert_cmpuint (status, ==, 200);
      g_checksum_update (sum, (const guchar *) local, -1);
    }
  out = g_strdup (g_checksum_get_string (sum));
  sim_test_server_stop (s);
  return out;
}

static void
test_determinism (void)
{
  g_autofree char *a = digest (42);
  g_autofree char *b = digest (42);
  g_autofree char *c = digest (43);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

/* --- scale --------------------------------------------------------------- */

static void
test_scale (void)
{
  IocSimConfig c = config_at (NOW, 9);
  gint64 t0 = g_get_monotonic_time ();
  SimTestServer *s;
  double elapsed;

  if (g_getenv ("IOC_SIM_SKIP_SCALE") != NULL)
    {
      g_test_skip ("IOC_SIM_SKIP_SCALE is set (slow instrumented build)");
      return;
    }
  c.complaints = 100000;
  s = sim_test_server_start (&c);
  elapsed = (g_get_monotonic_time () - t0) / 1e6;
  g_test_message ("100000 complaints ready to serve in %.2f s", elapsed);
  g_assert_cmpfloat (elapsed, <, 5.0);
  {
    g_autoptr(JsonNode) root = sim_test_get_json (s, "/_control/clock", 200);
    g_assert_cmpint (json_object_get_int_member (as_object (root), "requests"), ==, 100000);
  }
  sim_test_server_stop (s);
}

int
main (int argc, char **argv)
{
  IocSimConfig c;
  int ret;

  g_test_init (&argc, &argv, NULL);
  c = config_at (NOW, 7);
  shared = sim_test_server_start (&c);

  g_test_add_func ("/sim/history/2024", test_history_2024);
  g_test_add_func ("/sim/history/2024-other-seed", test_history_other_seed);
  g_test_add_func ("/sim/open311/standard-fields", test_open311_standard_fields);
  g_test_add_func ("/sim/open311/paging-filters", test_open311_paging_filters);
  g_test_add_func ("/sim/open311/errors", test_open311_errors);
  g_test_add_func ("/sim/open311/xml", test_open311_xml);
  g_test_add_func ("/sim/open311/etag", test_open311_etag);
  g_test_add_func ("/sim/open311/post", test_open311_post);
  g_test_add_func ("/sim/open311/post-sandbox-key", test_open311_post_sandbox_key);
  g_test_add_func ("/sim/db/restart", test_db_restart);
  g_test_add_func ("/sim/sta/things", test_sta_things);
  g_test_add_func ("/sim/sta/paging", test_sta_paging);
  g_test_add_func ("/sim/sta/observations", test_sta_observations);
  g_test_add_func ("/sim/sta/seasons", test_sta_seasons);
  g_test_add_func ("/sim/sta/errors", test_sta_errors);
  g_test_add_func ("/sim/tthc/feed", test_tthc);
  g_test_add_func ("/sim/faults", test_faults);
  g_test_add_func ("/sim/live/clock", test_live_clock);
  g_test_add_func ("/sim/determinism", test_determinism);
  g_test_add_func ("/sim/scale/100k", test_scale);
  ret = g_test_run ();
  sim_test_server_stop (shared);
  return ret;
}
