/* test-cli-export.c — `ioc-cli export` against the simulator and against
 * servers that speak only plain Open311 / SensorThings, --offline from a
 * store the pipeline wrote, bad options; and the pipeline's snapshot
 * writes (issue "Live data pipeline")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ioc-pipeline.h"
#include "ioc-snapshot-codec.h"
#include "sim-test-server.h"

static SimTestServer *sim;

/* ---- running the CLI ----------------------------------------------------- */

typedef struct {
  gboolean done;
  char    *out;
  char    *err;
  int      status;
} Run;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

/* Runs ioc-cli with the arguments, iterating the main context meanwhile so
 * that servers living in this thread answer. */
static int
cli (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  va_list ap;

  g_ptr_array_add (args, g_build_filename (g_getenv ("IOC_BUILD_DIR"), "src", "cli", "ioc-cli", NULL));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  g_free (run.out);
  g_free (run.err);
  return run.status;
}

static JsonObject *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ---- against the simulator ---------------------------------------------- */

static void
test_sim_complaints (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *items;
  guint with_due = 0, overdue = 0;
  int status = cli (&out, &err, "export", "complaints", "--base-url", sim_test_server_url (sim), NULL);

  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (root, "state"), ==, "live");
  items = json_object_get_array_member (root, "complaints");
  g_assert_cmpuint (json_array_get_length (items), >, 10);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *c = json_array_get_object_element (items, i);
      const char *state = json_object_get_string_member (c, "deadline_state");

      g_assert_nonnull (json_object_get_string_member (c, "service_request_id"));
      if (!json_object_get_null_member (c, "due"))
        {
          g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 (json_object_get_string_member (c, "due"), NULL);

          g_assert_nonnull (due);
          /* A full ±hh:mm offset (Vietnam's +07:00), or Z. */
          g_assert_true (g_str_has_suffix (json_object_get_string_member (c, "due"), "+07:00") ||
                         g_str_has_suffix (json_object_get_string_member (c, "due"), "Z"));
          with_due++;
        }
      g_assert_true (g_strv_contains ((const char *[]) { "closed", "on_track", "due_soon", "overdue", NULL }, state));
      /* Overdue is derived: open and past due (domain.md §3). */
      g_assert_cmpint (json_object_get_boolean_member (c, "overdue"), ==, g_str_equal (state, "overdue"));
      overdue += json_object_get_boolean_member (c, "overdue");
    }
  g_assert_cmpuint (with_due, ==, json_array_get_length (items));
  g_test_message ("%u complaints, %u overdue", json_array_get_length (items), overdue);

  /* CSV: one header, one line per complaint. */
  g_clear_pointer (&out, g_free);
  status = cli (&out, NULL, "export", "complaints", "--format", "csv", "--base-url", sim_test_server_url (sim), NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "service_request_id,status,"));
}

static void
test_sim_stations (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *items;
  guint with_aqi = 0, with_wqi = 0, with_alarm = 0;
  int status = cli (&out, NULL, "export", "stations", "--base-url", sim_test_server_url (sim), NULL);

  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  items = json_object_get_array_member (root, "stations");
  g_assert_cmpuint (json_array_get_length (items), >, 5);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *s = json_array_get_object_element (items, i);
      const char *kind = json_object_get_string_member (s, "kind");

      if (g_strcmp0 (kind, "air") == 0)
        {
          /* Hourly AQI from the NowCast of the fetched history. */
          g_assert_false (json_object_get_null_member (s, "aqi_hourly"));
          g_assert_null (json_object_get_string_member (s, "aqi_history_error"));
          g_assert_cmpint (json_object_get_int_member (s, "aqi_hourly"), >=, 0);
          g_assert_cmpint (json_object_get_int_member (s, "aqi_hourly"), <=, 500);
          with_aqi++;
        }
      if (g_strcmp0 (kind, "water") == 0 && !json_object_get_null_member (s, "wqi"))
        with_wqi++;
      if (g_strcmp0 (kind, "hydro") == 0 && !json_object_get_null_member (s, "alarm_level"))
        with_alarm++;
    }
  g_assert_cmpuint (with_aqi, >, 0);
  g_assert_cmpuint (with_wqi, >, 0);
  g_assert_cmpuint (with_alarm, >, 0);
}

static void
test_sim_tthc_and_kpis (void)
{
  g_autofree char *out = NULL, *kpis = NULL;
  g_autoptr(JsonObject) root = NULL, kroot = NULL;
  JsonArray *items;
  JsonObject *total;
  int status = cli (&out, NULL, "export", "tthc", "--tthc-url", NULL, NULL);

  /* --tthc-url without its value is a bad option. */
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *tthc_url = g_strconcat (sim_test_server_url (sim), "/tthc/v1/", NULL);

    status = cli (&out, NULL, "export", "tthc", "--tthc-url", tthc_url, NULL);
  }
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  items = json_object_get_array_member (root, "tthc");
  g_assert_cmpuint (json_array_get_length (items), >, 1);
  total = json_array_get_object_element (items, json_array_get_length (items) - 1);
  g_assert_cmpstr (json_object_get_string_member (total, "kind"), ==, "tinh");
  /* QĐ 766 2.1 and 3.3 are computed from the counts (domain.md §4). */
  g_assert_cmpfloat (json_object_get_double_member (total, "qd766_2.1_rate"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (total, "qd766_2.1_rate"), <=, 1);
  g_assert_false (json_object_get_null_member (total, "qd766_3.3_points"));

  status = cli (&kpis, NULL, "export", "kpis", "--base-url", sim_test_server_url (sim), NULL);
  g_assert_cmpint (status, ==, 0);
  kroot = parse_json (kpis);
  items = json_object_get_array_member (kroot, "kpis");
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *k = json_array_get_object_element (items, i);

      g_assert_false (json_object_get_null_member (k, "value"));
      if (i < 2)
        {
          g_assert_cmpfloat (json_object_get_double_member (k, "value"), >, 0);
          g_assert_cmpfloat (json_object_get_double_member (k, "value"), <=, 1);
        }
    }
}

/* ---- bad options and failures ------------------------------------------- */

static void
test_bad_options (void)
{
  const char *cases[][5] = {
    { "export", NULL },
    { "export", "everything", "--base-url", "http://127.0.0.1:1/", NULL },
    { "export", "complaints", "stations", "--base-url", "http://127.0.0.1:1/" },
    { "export", "complaints", "--format", "xml", NULL },
    { "export", "complaints", "--base-url", "file:///etc/passwd", NULL },
    { "export", "complaints", "--timeout", "0", NULL },
    { "export", "complaints", "--no-such-option", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status = cli (&out, &err, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], NULL);

      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "ioc-cli export: "));
    }
}

static void
test_feed_failure (void)
{
  g_autofree char *out = NULL, *err = NULL;
  /* Nobody listens on port 1: a clear error, exit 1, nothing on stdout. */
  int status = cli (&out, &err, "export", "complaints", "--base-url", "http://127.0.0.1:1/", "--timeout", "10", NULL);

  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "complaints feed"));
}

/* ---- plain servers ------------------------------------------------------- */

/* Open311 GeoReport v2 as the specification has it: no extensions, no
 * servicerequestupdates, no paging parameters understood. */
static const char plain_requests[] =
  "[{\"service_request_id\":638344,\"status\":\"closed\",\"status_notes\":\"Duplicate request.\","
  "\"service_name\":\"Sidewalk and Curb Issues\",\"service_code\":\"006\",\"description\":null,"
  "\"agency_responsible\":null,\"service_notice\":null,"
  "\"requested_datetime\":\"2010-04-14T06:37:38-08:00\",\"updated_datetime\":\"2010-04-14T06:37:38-08:00\","
  "\"expected_datetime\":\"2010-04-15T06:37:38-08:00\",\"address\":\"8TH AVE and JUDAH ST\","
  "\"address_id\":545483,\"zipcode\":94122,\"lat\":37.762221815,\"long\":-122.4651145,"
  "\"media_url\":\"http://city.example.com/media/638344.jpg\"},"
  "{\"service_request_id\":638349,\"status\":\"open\",\"service_name\":\"Graffiti\",\"service_code\":\"MT\","
  "\"requested_datetime\":\"2010-04-19T06:37:38-08:00\",\"lat\":37.76,\"long\":-122.46}]";

static const char plain_things[] =
  "{\"value\":[{\"@iot.id\":7,\"name\":\"Plain air station\",\"description\":\"no properties\","
  "\"Locations\":[{\"name\":\"roof\",\"location\":{\"type\":\"Point\",\"coordinates\":[105.4,10.4]}}],"
  "\"Datastreams\":[{\"@iot.id\":70,\"name\":\"PM2.5\",\"unitOfMeasurement\":{\"symbol\":\"µg/m³\"},"
  "\"ObservedProperty\":{\"name\":\"PM2.5\"}},"
  "{\"@iot.id\":71,\"name\":\"CO\",\"unitOfMeasurement\":{\"symbol\":\"mg/m³\"},"
  "\"ObservedProperty\":{\"name\":\"CO\"}}]}]}";

static const char plain_datastreams[] =
  "{\"value\":[{\"@iot.id\":70,\"name\":\"PM2.5\",\"unitOfMeasurement\":{\"symbol\":\"µg/m³\"},"
  "\"Observations\":[{\"phenomenonTime\":\"2025-03-10T20:30:00Z\",\"result\":20.6}]},"
  "{\"@iot.id\":71,\"name\":\"CO\",\"unitOfMeasurement\":{\"symbol\":\"mg/m³\"},"
  "\"Observations\":[{\"phenomenonTime\":\"2025-03-10T20:00:00Z/2025-03-10T20:30:00Z\",\"result\":\"2.0\"}]}]}";

/* The worked example of QĐ 1459 (domain.md §5): hourly PM2.5 means with
 * c1 = 20,6 at the latest hour give NowCast 20,3. */
static const double pm25_hours[] = { 20.6, 19.6, 22.4, 20.3, 16.5, 19.0, 16.5, 19.5, 23.5, 20.5, 24.7, 26.9 };

static char *
plain_pm25_history (void)
{
  GString *out = g_string_new ("{\"value\":[");

  for (int i = G_N_ELEMENTS (pm25_hours) - 1; i >= 0; i--)
    g_string_append_printf (out, "%s{\"phenomenonTime\":\"2025-03-10T%02d:30:00Z\",\"result\":%.1f}",
                            i == (int) G_N_ELEMENTS (pm25_hours) - 1 ? "" : ",", 20 - i, pm25_hours[i]);
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static void
plain_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autofree char *history = NULL;
  const char *body = NULL;

  if (g_str_equal (path, "/open311/v2/services.json"))
    body = "[{\"service_code\":\"006\",\"service_name\":\"Sidewalk\",\"metadata\":false,\"type\":\"realtime\"}]";
  else if (g_str_equal (path, "/open311/v2/requests.json"))
    {
      /* A plain server ignores extensions=true. */
      body = plain_requests;
    }
  else if (g_str_equal (path, "/sta/v1.1/Things"))
    body = plain_things;
  else if (g_str_equal (path, "/sta/v1.1/Datastreams"))
    body = plain_datastreams;
  else if (g_str_equal (path, "/sta/v1.1/Datastreams(70)/Observations"))
    body = history = plain_pm25_history ();
  else if (g_str_equal (path, "/sta/v1.1/Datastreams(71)/Observations"))
    body = "{\"value\":[{\"phenomenonTime\":\"2025-03-10T20:30:00Z\",\"result\":2.0}]}";

  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static char *
start_plain_server (SoupServer **out)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  char *url;

  soup_server_add_handler (server, NULL, plain_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  *out = server;
  return url;
}

static void
test_plain_servers (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = start_plain_server (&server);
  g_autofree char *out = NULL, *err = NULL, *stations = NULL;
  g_autoptr(JsonObject) root = NULL, sroot = NULL;
  JsonArray *items;
  JsonObject *c, *s;
  int status;

  status = cli (&out, &err, "export", "complaints", "--base-url", url, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  items = json_object_get_array_member (root, "complaints");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  c = json_array_get_object_element (items, 0);
  /* Plain statuses map to the domain's ones; the server's expected
   * datetime wins for the due time (domain.md §3). */
  g_assert_cmpstr (json_object_get_string_member (c, "service_request_id"), ==, "638344");
  g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (c, "due_source"), ==, "server");
  g_assert_cmpstr (json_object_get_string_member (c, "deadline_state"), ==, "closed");
  c = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "acknowledged");
  g_assert_cmpstr (json_object_get_string_member (c, "due_source"), ==, "calendar");
  /* Open since 2010: long overdue. */
  g_assert_true (json_object_get_boolean_member (c, "overdue"));

  status = cli (&stations, NULL, "export", "stations", "--base-url", url, NULL);
  g_assert_cmpint (status, ==, 0);
  sroot = parse_json (stations);
  items = json_object_get_array_member (sroot, "stations");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  s = json_array_get_object_element (items, 0);
  /* CO is converted to µg/m³ before the AQI (feeds.md §2). */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "CO"), 2000.0, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (s, "CO unit"), ==, "µg/m³");
  /* NowCast 20,3 → sub-index 41 for PM2.5; CO 2000 µg/m³ → 10: AQI 41. */
  g_assert_cmpint (json_object_get_int_member (s, "aqi_hourly"), ==, 41);
  g_assert_cmpstr (json_object_get_string_member (s, "aqi_band"), ==, "tot");

  /* The TTHC feed is the project's own: a plain server has none. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = cli (&out, &err, "export", "tthc", "--base-url", url, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "tthc feed"));
}

/* ---- the pipeline writes snapshots; --offline reads them ----------------- */

static void
saved_cb (IocPipeline *pipeline,
          guint        kind,
          gpointer     user_data)
{
  guint *counts = user_data;

  counts[kind]++;
}

static void
finished_cb (IocFeedClient *client,
             gboolean       success,
             gpointer       user_data)
{
  guint *n = user_data;

  if (!success)
    g_test_message ("%s: %s", ioc_feed_kind_to_string (ioc_feed_status_get_kind (ioc_feed_client_get_status (client))),
                    ioc_feed_status_get_reason (ioc_feed_client_get_status (client)));
  g_assert_true (success);
  (*n)++;
}

static void
wait_idle (IocPipeline *pipeline)
{
  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    while (ioc_pipeline_get_saving (pipeline, k))
      g_main_context_iteration (NULL, TRUE);
}

static void
test_snapshots_and_offline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  guint saved[IOC_N_FEED_KINDS] = { 0 };
  guint finished[IOC_N_FEED_KINDS] = { 0 };
  guint n_complaints;
  const char *paths[] = { "open311/v2/", "sta/v1.1/", "tthc/v1/" };

  store = ioc_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);
  pipeline = ioc_pipeline_new (NULL);
  ioc_pipeline_set_store (pipeline, store);
  g_signal_connect (pipeline, "snapshot-saved", G_CALLBACK (saved_cb), saved);
  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    {
      g_autofree char *url = g_strconcat (sim_test_server_url (sim), "/", paths[k], NULL);

      g_signal_connect (ioc_pipeline_get_client (pipeline, k), "poll-finished", G_CALLBACK (finished_cb), &finished[k]);
      ioc_pipeline_set_feed (pipeline, k, url, 3600);
    }
  ioc_pipeline_start (pipeline);
  while (saved[0] == 0 || saved[1] == 0 || saved[2] == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_idle (pipeline);
  n_complaints = g_list_model_get_n_items (G_LIST_MODEL (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (pipeline))));
  g_assert_cmpuint (n_complaints, >, 10);

  /* The simulator's clock is frozen: another poll changes nothing, so
   * nothing is written again. (Not the TTHC feed: its client takes the
   * 304 of a conditional request for an error — reported to its owner.) */
  for (guint k = 0; k < IOC_FEED_KIND_TTHC; k++)
    {
      guint before = finished[k];

      ioc_feed_client_poll_now (ioc_pipeline_get_client (pipeline, k));
      while (finished[k] == before)
        g_main_context_iteration (NULL, TRUE);
    }
  wait_idle (pipeline);
  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    g_assert_cmpuint (saved[k], ==, 1);

  /* What was written reads back as the model. */
  {
    g_autoptr(IocSnapshot) snapshot = ioc_store_load_snapshot_sync (store, "complaints", "", &error);
    g_autoptr(GPtrArray) decoded = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (snapshot);
    decoded = ioc_snapshot_codec_decode_complaints (snapshot->payload, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (decoded->len, ==, n_complaints);
  }
  ioc_pipeline_stop (pipeline);
  g_clear_object (&pipeline);
  g_clear_object (&store);

  /* --offline: the same numbers from the store, marked offline, no network. */
  {
    const char *whats[] = { "complaints", "stations", "tthc", "kpis" };

    for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
      {
        g_autofree char *live = NULL, *offline = NULL, *err = NULL;
        g_autoptr(JsonObject) a = NULL, b = NULL;
        int status;

        status = cli (&offline, &err, "export", whats[i], "--offline", "--store", path, NULL);
        g_assert_cmpstr (err, ==, "");
        g_assert_cmpint (status, ==, 0);
        b = parse_json (offline);
        g_assert_cmpstr (json_object_get_string_member (b, "state"), ==, "offline");
        g_assert_nonnull (json_object_get_string_member (b, "cached_at"));
        status = cli (&live, NULL, "export", whats[i], "--base-url", sim_test_server_url (sim), NULL);
        g_assert_cmpint (status, ==, 0);
        a = parse_json (live);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, whats[i])), ==,
                          json_array_get_length (json_object_get_array_member (b, whats[i])));
      }
  }
  {
    g_autofree char *missing = g_build_filename (dir, "none.db", NULL);
    g_autofree char *out = NULL, *err = NULL;
    int status = cli (&out, &err, "export", "complaints", "--offline", "--store", missing, NULL);

    g_assert_cmpint (status, ==, 1);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  IocSimConfig config;
  int rc;

  g_test_init (&argc, &argv, NULL);
  ioc_sim_config_init (&config);
  config.seed = 7;
  config.speed = 0;   /* frozen: repeated polls see the same data */
  sim = sim_test_server_start (&config);

  g_test_add_func ("/export/cli/sim-complaints", test_sim_complaints);
  g_test_add_func ("/export/cli/sim-stations", test_sim_stations);
  g_test_add_func ("/export/cli/sim-tthc-kpis", test_sim_tthc_and_kpis);
  g_test_add_func ("/export/cli/bad-options", test_bad_options);
  g_test_add_func ("/export/cli/feed-failure", test_feed_failure);
  g_test_add_func ("/export/cli/plain-servers", test_plain_servers);
  g_test_add_func ("/export/pipeline/snapshots-and-offline", test_snapshots_and_offline);
  rc = g_test_run ();
  sim_test_server_stop (sim);
  return rc;
}
