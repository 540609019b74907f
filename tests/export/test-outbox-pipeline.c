/* test-outbox-pipeline.c — operator actions through IocPipeline to the
 * simulator: each is applied once, "a 409 is shown, not swallowed", and
 * "kill it mid-sync and restart it — every queued operator action arrives
 * exactly once" (issue "Live data pipeline")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ioc-pipeline.h"
#include "sim-test-server.h"

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("the outbox did not settle in time");
  return G_SOURCE_REMOVE;
}

static IocOutboxAction *
enqueue (IocStore   *store,
         const char *srid,
         const char *description,
         const char *if_updated)
{
  g_autoptr(IocOutboxAction) a = ioc_outbox_action_new (srid, "status");
  g_autoptr(GError) error = NULL;
  IocOutboxAction *stored;

  ioc_outbox_action_set_field (a, "status", "open");
  ioc_outbox_action_set_field (a, "extended_status", "in_progress");
  ioc_outbox_action_set_field (a, "description", description);
  ioc_outbox_action_set_field (a, "author", "export-test");
  if (if_updated != NULL)
    ioc_outbox_action_set_field (a, "if_updated_datetime", if_updated);
  stored = ioc_store_outbox_enqueue_sync (store, a, &error);
  g_assert_no_error (error);
  return stored;
}

/* The notes of a complaint on the server whose description is @text. */
static guint
count_notes (SimTestServer *sim,
             const char    *srid,
             const char    *text)
{
  g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?extensions=true", srid);
  g_autoptr(JsonNode) root = sim_test_get_json (sim, path, 200);
  JsonObject *request = json_array_get_object_element (json_node_get_array (root), 0);
  JsonArray *notes = json_object_has_member (request, "notes") ? json_object_get_array_member (request, "notes") : NULL;
  guint n = 0;

  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);

      if (json_object_has_member (note, "description") &&
          g_strcmp0 (json_object_get_string_member (note, "description"), text) == 0)
        n++;
    }
  return n;
}

static void
test_conflict_shown (void)
{
  IocSimConfig config;
  SimTestServer *sim;
  g_autofree char *dir = g_dir_make_tmp ("ioc-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(IocOutboxAction) good = NULL, stale = NULL, sent = NULL, conflict = NULL;
  const char *srid_a = NULL, *srid_b = NULL;
  JsonArray *requests;
  guint timeout_id;

  ioc_sim_config_init (&config);
  config.seed = 11;
  config.speed = 0;
  sim = sim_test_server_start (&config);
  url = g_strconcat (sim_test_server_url (sim), "/open311/v2/", NULL);

  /* Two open complaints the server knows. */
  list = sim_test_get_json (sim, "/open311/v2/requests.json?extensions=true&status=open", 200);
  requests = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (requests), >=, 2);
  srid_a = json_object_get_string_member (json_array_get_object_element (requests, 0), "service_request_id");
  srid_b = json_object_get_string_member (json_array_get_object_element (requests, 1), "service_request_id");

  store = ioc_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);
  good = enqueue (store, srid_a, "export-test: applied once", NULL);
  /* Stale: the complaint changed after this time, so the server refuses. */
  stale = enqueue (store, srid_b, "export-test: stale", "2000-01-01T00:00:00Z");

  pipeline = ioc_pipeline_new (NULL);
  ioc_pipeline_set_store (pipeline, store);
  ioc_pipeline_set_api_key (pipeline, IOC_SIM_DEFAULT_API_KEY);
  ioc_pipeline_set_feed (pipeline, IOC_FEED_KIND_COMPLAINTS, url, 3600);
  ioc_pipeline_start (pipeline);

  timeout_id = g_timeout_add_seconds (60, timeout_cb, NULL);
  for (;;)
    {
      g_autoptr(GPtrArray) pending = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_PENDING, &error);

      g_assert_no_error (error);
      if (pending->len == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout_id);

  sent = ioc_store_outbox_get_sync (store, ioc_outbox_action_get_id (good), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_state (sent), ==, IOC_OUTBOX_STATE_SENT);
  conflict = ioc_store_outbox_get_sync (store, ioc_outbox_action_get_id (stale), &error);
  g_assert_no_error (error);
  /* The 409 ends as a conflict with the server's own words, for the operator. */
  g_assert_cmpint (ioc_outbox_action_get_state (conflict), ==, IOC_OUTBOX_STATE_CONFLICT);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (conflict), ==, 409);
  g_assert_nonnull (ioc_outbox_action_get_server_response (conflict));
  g_assert_nonnull (strstr (ioc_outbox_action_get_server_response (conflict), "if_updated_datetime"));

  /* Applied exactly once; the refused one not at all. */
  g_assert_cmpuint (count_notes (sim, srid_a, "export-test: applied once"), ==, 1);
  g_assert_cmpuint (count_notes (sim, srid_b, "export-test: stale"), ==, 0);

  ioc_pipeline_stop (pipeline);
  g_clear_object (&pipeline);
  g_clear_object (&store);
  sim_test_server_stop (sim);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

/* --- The built ioc-feed-sim as a process that can be SIGKILLed ----------- */

typedef struct {
  GSubprocess *proc;
  char        *url;   /* http://127.0.0.1:PORT/ */
  guint        port;
} SimProcess;

/* Starts ioc-feed-sim on @port (0: a free one) with the state in @db.
 * @slow_posts: answers to POSTs wait 4 s after the update was applied,
 * the window in which the test kills the simulator. */
static void
sim_process_start (SimProcess *sim,
                   const char *db,
                   guint       port,
                   gboolean    slow_posts)
{
  g_autofree char *exe = g_build_filename (g_getenv ("IOC_BUILD_DIR"), "src", "sim", "ioc-feed-sim", NULL);
  g_autofree char *port_arg = g_strdup_printf ("--port=%u", port);
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  if (slow_posts)
    sim->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, port_arg, db_arg,
                                  "--seed=11", "--speed=0", "--now=2025-07-01T08:00:00+07:00",
                                  "--fault=latency_ms=4000",
                                  "--fault=path=/open311/v2/servicerequestupdates", NULL);
  else
    sim->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, exe, port_arg, db_arg,
                                  "--seed=11", "--speed=0", "--now=2025-07-01T08:00:00+07:00", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->proc));
  sim->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sim->url);
  uri = g_uri_parse (sim->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  sim->port = (guint) g_uri_get_port (uri);
  g_assert_cmpuint (sim->port, >, 0);
  if (port != 0)
    g_assert_cmpuint (sim->port, ==, port);
}

static void
sim_process_kill (SimProcess *sim)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (sim->proc, SIGKILL);
  g_subprocess_wait (sim->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (sim->proc));
  g_clear_object (&sim->proc);
  g_clear_pointer (&sim->url, g_free);
}

static void
sim_process_stop (SimProcess *sim)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (sim->proc, SIGTERM);
  g_subprocess_wait (sim->proc, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&sim->proc);
  g_clear_pointer (&sim->url, g_free);
}

static JsonNode *
http_get_json (SoupSession *session,
               const char  *base,
               const char  *path)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  return root;
}

/* The same count as count_notes(), against the process. */
static guint
count_notes_http (SoupSession *session,
                  const char  *base,
                  const char  *srid,
                  const char  *text)
{
  g_autofree char *path = g_strdup_printf ("open311/v2/requests/%s.json?extensions=true", srid);
  g_autoptr(JsonNode) root = http_get_json (session, base, path);
  JsonObject *request = json_array_get_object_element (json_node_get_array (root), 0);
  JsonArray *notes = json_object_has_member (request, "notes") ? json_object_get_array_member (request, "notes") : NULL;
  guint n = 0;

  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (note, "description", NULL), text) == 0)
        n++;
    }
  return n;
}

/* A POST of an update straight to the server, without the outbox. */
static GBytes *
http_post_update (SoupSession *session,
                  const char  *base,
                  const char  *srid,
                  const char  *update_id,
                  const char  *description)
{
  g_autofree char *url = g_strconcat (base, "open311/v2/servicerequestupdates.json", NULL);
  g_autofree char *form = soup_form_encode ("api_key", IOC_SIM_DEFAULT_API_KEY, "service_request_id", srid,
                                            "update_id", update_id, "status", "open",
                                            "description", description, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new_from_encoded_form ("POST", url, g_steal_pointer (&form));
  g_autoptr(GError) error = NULL;
  GBytes *body;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return body;
}

static gboolean
wake_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for about @ms milliseconds. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wake_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

#define N_KILL_ACTIONS 4

/* The simulator applies the first action, is SIGKILLed before its answer
 * leaves, and is restarted on the same port with the same --db: the sender
 * reposts with the same update_id and gets the first answer; every action
 * is applied exactly once. */
static void
test_kill_and_restart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ioc-export-kill-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *sim_db = g_build_filename (dir, "sim.db", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *url = NULL;
  IocOutboxAction *actions[N_KILL_ACTIONS];
  char *srids[N_KILL_ACTIONS];
  char *texts[N_KILL_ACTIONS];
  SimProcess sim = { 0, };
  JsonArray *requests;
  const char *direct_srid;
  g_autoptr(GBytes) direct_first = NULL, direct_again = NULL;
  gint64 deadline;
  gboolean applied = FALSE;
  guint port, timeout_id;

  if (g_getenv ("IOC_BUILD_DIR") == NULL)
    {
      g_test_skip ("IOC_BUILD_DIR is not set");
      return;
    }
  sim_process_start (&sim, sim_db, 0, FALSE);
  port = sim.port;
  list = http_get_json (session, sim.url, "open311/v2/requests.json?status=open");
  requests = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (requests), >, N_KILL_ACTIONS);
  direct_srid = json_object_get_string_member (json_array_get_object_element (requests, N_KILL_ACTIONS),
                                               "service_request_id");
  store = ioc_store_new_sync (store_path, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_KILL_ACTIONS; i++)
    {
      srids[i] = g_strdup (json_object_get_string_member (json_array_get_object_element (requests, i),
                                                          "service_request_id"));
      texts[i] = g_strdup_printf ("kill-test: action %u", i);
      actions[i] = enqueue (store, srids[i], texts[i], NULL);
    }

  /* One update straight to the server before the outbox starts; then the
   * simulator again, with POST answers held back 4 s. */
  direct_first = http_post_update (session, sim.url, direct_srid, "kill-test-direct", "kill-test: direct");
  sim_process_stop (&sim);
  sim_process_start (&sim, sim_db, port, TRUE);

  url = g_strconcat (sim.url, "open311/v2/", NULL);
  pipeline = ioc_pipeline_new (NULL);
  ioc_pipeline_set_store (pipeline, store);
  ioc_pipeline_set_api_key (pipeline, IOC_SIM_DEFAULT_API_KEY);
  ioc_pipeline_set_feed (pipeline, IOC_FEED_KIND_COMPLAINTS, url, 3600);
  /* Retries within the test's time: 200 ms, doubling up to 1 s. */
  ioc_outbox_sender_set_backoff (ioc_pipeline_get_outbox_sender (pipeline),
                                 200 * G_TIME_SPAN_MILLISECOND, G_TIME_SPAN_SECOND);
  ioc_pipeline_start (pipeline);

  /* Wait until the server has applied an action (its answer is held back 4 s). */
  deadline = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  while (!applied && g_get_monotonic_time () < deadline)
    {
      spin (50);
      for (guint i = 0; i < N_KILL_ACTIONS && !applied; i++)
        applied = count_notes_http (session, sim.url, srids[i], texts[i]) > 0;
    }
  g_assert_true (applied);
  {
    /* Killed before any answer reached the client. */
    g_autoptr(GPtrArray) sent = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK (IOC_OUTBOX_STATE_SENT), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sent->len, ==, 0);
  }
  sim_process_kill (&sim);

  /* Same port, same --db, answers at once. */
  sim_process_start (&sim, sim_db, port, FALSE);

  timeout_id = g_timeout_add_seconds (15, timeout_cb, NULL);
  for (;;)
    {
      g_autoptr(GPtrArray) pending = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_PENDING, &error);

      g_assert_no_error (error);
      if (pending->len == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout_id);

  /* The server remembers what it applied before it was killed: the direct
   * update is there once, and its repost gets the first answer. */
  g_assert_cmpuint (count_notes_http (session, sim.url, direct_srid, "kill-test: direct"), ==, 1);
  direct_again = http_post_update (session, sim.url, direct_srid, "kill-test-direct", "kill-test: again");
  g_assert_true (g_bytes_equal (direct_first, direct_again));
  g_assert_cmpuint (count_notes_http (session, sim.url, direct_srid, "kill-test: again"), ==, 0);

  for (guint i = 0; i < N_KILL_ACTIONS; i++)
    {
      g_autoptr(IocOutboxAction) now = ioc_store_outbox_get_sync (store, ioc_outbox_action_get_id (actions[i]), &error);

      g_assert_no_error (error);
      g_assert_cmpint (ioc_outbox_action_get_state (now), ==, IOC_OUTBOX_STATE_SENT);
      /* Exactly once on the server, the reposted one included. */
      g_assert_cmpuint (count_notes_http (session, sim.url, srids[i], texts[i]), ==, 1);
    }

  ioc_pipeline_stop (pipeline);
  g_clear_object (&pipeline);
  g_clear_object (&store);
  sim_process_stop (&sim);
  for (guint i = 0; i < N_KILL_ACTIONS; i++)
    {
      ioc_outbox_action_unref (actions[i]);
      g_free (srids[i]);
      g_free (texts[i]);
    }
  {
    const char *names[] = { "store.db", "store.db-wal", "store.db-shm", "sim.db", "sim.db-wal", "sim.db-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_build_filename (dir, names[i], NULL);

        g_remove (file);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/outbox/conflict-shown", test_conflict_shown);
  g_test_add_func ("/export/outbox/kill-and-restart", test_kill_and_restart);
  return g_test_run ();
}
