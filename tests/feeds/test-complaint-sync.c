/* test-complaint-sync.c — changes made on the server reach the live
 * complaints model (feeds.md §1): the incremental poll asks for the
 * project's extensions, an update without them wipes nothing, and after an
 * operator action the pipeline fetches the complaint again so that the
 * next action carries the server's updated_datetime (optimistic
 * concurrency) instead of being refused as a conflict.
 *
 * The simulator runs in-process on a random port (libioc-sim).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ioc-complaints-feed.h"
#include "ioc-open311-parser.h"
#include "ioc-pipeline.h"
#include "sim-test-server.h"

#define OPERATOR "Nguyễn Văn Test"

/* --- helpers --------------------------------------------------------------- */

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @cond holds or @seconds pass; returns whether it holds. */
static gboolean
wait_until (Condition cond,
            gpointer  data,
            guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return cond (data);
}

static void
count_cb (gpointer  instance,
          gboolean  success,
          guint    *count)
{
  (*count)++;
}

typedef struct {
  guint *count;
  guint  wanted;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *w = data;

  return *w->count >= w->wanted;
}

/* Records which complaints each items-updated batch named. */
static void
items_updated_cb (IocKeyedListModel *model,
                  GPtrArray         *items,
                  GHashTable        *seen)
{
  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (seen, items->pdata[i]);
}

static void
start_sim (SimTestServer **sim,
           char          **url)
{
  IocSimConfig config;

  ioc_sim_config_init (&config);
  config.seed = 23;
  config.speed = 0;
  /* The simulator's clock is the real one (the feed asks for updates since
   * its last poll by the real clock). At the default volume, a few
   * complaints a day, some hours (a weekday afternoon, after the office
   * acknowledged the morning's) had fewer new complaints than the tests
   * act on: a busy fortnight keeps dozens new at any hour. */
  config.complaints = 4000;
  config.rate_per_day = 300;
  *sim = sim_test_server_start (&config);
  *url = g_strconcat (sim_test_server_url (*sim), "/open311/v2/", NULL);
}

/* The server's own copy of a complaint, with its extensions. */
static JsonObject *
server_request (SimTestServer *sim,
                const char    *id,
                JsonNode     **root)
{
  g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?extensions=true", id);

  *root = sim_test_get_json (sim, path, 200);
  return json_array_get_object_element (json_node_get_array (*root), 0);
}

static GDateTime *
server_updated (SimTestServer *sim,
                const char    *id)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *request = server_request (sim, id, &root);

  return g_date_time_new_from_iso8601 (json_object_get_string_member (request, "updated_datetime"), NULL);
}

/* An operator's action posted straight to the server (as another client would). */
static void
post_update (SimTestServer *sim,
             const char    *id,
             const char    *extended_status,
             const char    *claimed_by,
             const char    *author)
{
  g_autofree char *uid = g_uuid_string_random ();
  g_autofree char *e_id = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *e_claimed = g_uri_escape_string (claimed_by, NULL, FALSE);
  g_autofree char *e_author = g_uri_escape_string (author, NULL, FALSE);
  g_autofree char *body = g_strdup_printf ("api_key=%s&service_request_id=%s&update_id=%s&status=open"
                                           "&extended_status=%s&claimed_by=%s&author=%s",
                                           IOC_SIM_DEFAULT_API_KEY, e_id, uid, extended_status,
                                           e_claimed, e_author);
  guint status = 0;
  g_autoptr(GBytes) answer = sim_test_request (sim, "POST", "/open311/v2/servicerequestupdates.json",
                                               "application/x-www-form-urlencoded", body, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
}

/* A complaint of the model an operator can act on: a new one nobody
 * handles when there are enough (the simulator's data follows the real
 * clock, and some hours have only a few), else another open one that is
 * not acknowledged — the simulator accepts any step, and every test
 * checks the change it makes, not where the complaint started. */
static IocComplaint *
pick_new (IocComplaintListModel *model,
          guint                  skip)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (model), i);
        IocComplaintStatus status = ioc_complaint_get_status (c);
        gboolean fits = pass == 0
                        ? status == IOC_COMPLAINT_STATUS_NEW && ioc_complaint_get_claimed_by (c) == NULL
                        : status != IOC_COMPLAINT_STATUS_NEW && ioc_complaint_is_open (c) &&
                          status != IOC_COMPLAINT_STATUS_ACKNOWLEDGED;

        if (fits && ioc_complaint_get_updated_datetime (c) != NULL && skip-- == 0)
          return c;   /* the model holds it */
      }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_same_time (GDateTime *a,
                  GDateTime *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (g_date_time_compare (a, b), ==, 0);
}

/* --- (a) the incremental poll ---------------------------------------------- */

static void
test_poll_brings_extensions (void)
{
  SimTestServer *sim;
  g_autofree char *url = NULL;
  g_autoptr(IocComplaintsFeed) feed = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GDateTime) expected = NULL;
  IocComplaintListModel *model;
  IocComplaint *c;
  g_autofree char *id = NULL;
  guint polls = 0;
  CountWait w = { &polls, 1 };

  start_sim (&sim, &url);
  feed = ioc_complaints_feed_new (url, NULL, NULL);
  ioc_complaints_feed_set_history_days (feed, 30);
  ioc_feed_client_set_poll_interval (IOC_FEED_CLIENT (feed), 3600);
  model = ioc_complaints_feed_get_model (feed);
  g_signal_connect (feed, "poll-finished", G_CALLBACK (count_cb), &polls);
  g_signal_connect (model, "items-updated", G_CALLBACK (items_updated_cb), seen);

  ioc_feed_client_start (IOC_FEED_CLIENT (feed));
  g_assert_true (wait_until (count_reached, &w, 60));
  g_assert_true (ioc_feed_status_get_state (ioc_feed_client_get_status (IOC_FEED_CLIENT (feed))) == IOC_FEED_STATE_LIVE);

  c = pick_new (model, 0);
  id = g_strdup (ioc_complaint_get_service_request_id (c));
  post_update (sim, id, "acknowledged", "Lê Thị Khác", "Lê Thị Khác");
  expected = server_updated (sim, id);
  g_hash_table_remove_all (seen);

  /* The next poll is incremental (servicerequestupdates). */
  w.wanted = 2;
  ioc_feed_client_poll_now (IOC_FEED_CLIENT (feed));
  g_assert_true (wait_until (count_reached, &w, 60));

  /* The same object, changed in place and announced by items-updated. */
  g_assert_true (ioc_complaint_list_model_lookup (model, id) == c);
  g_assert_cmpint (ioc_complaint_get_status (c), ==, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, "Lê Thị Khác");
  assert_same_time (ioc_complaint_get_updated_datetime (c), expected);
  g_assert_true (g_hash_table_contains (seen, c));

  ioc_feed_client_stop (IOC_FEED_CLIENT (feed));
  g_clear_object (&feed);
  sim_test_server_stop (sim);
}

/* An update without the extensions (a plain mySociety server) only says
 * "open": it must not turn an acknowledged complaint back into a new one
 * nor forget who handles it, and an update older than the complaint
 * changes nothing. */
static void
test_update_keeps_known_values (void)
{
  static const char bare[] =
    "[{\"update_id\":\"u1\",\"service_request_id\":\"7\",\"status\":\"open\","
    "\"updated_datetime\":\"2024-05-02T10:00:00+07:00\",\"description\":\"\"}]";
  static const char closing[] =
    "[{\"update_id\":\"u2\",\"service_request_id\":\"7\",\"status\":\"closed\","
    "\"updated_datetime\":\"2024-05-03T10:00:00+07:00\"}]";
  static const char older[] =
    "[{\"update_id\":\"u0\",\"service_request_id\":\"7\",\"status\":\"open\","
    "\"extended_status\":\"new\",\"claimed_by\":\"Ai đó\","
    "\"updated_datetime\":\"2024-04-01T10:00:00+07:00\"}]";
  g_autoptr(IocFeedAdapter) adapter = ioc_feed_adapter_new ();
  g_autoptr(IocComplaint) c = ioc_complaint_new ("7");
  g_autoptr(GDateTime) t0 = g_date_time_new_from_iso8601 ("2024-05-01T10:00:00+07:00", NULL);
  g_autoptr(GDateTime) t1 = g_date_time_new_from_iso8601 ("2024-05-02T10:00:00+07:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = NULL;

  ioc_complaint_set_open (c, TRUE);
  ioc_complaint_set_extended_status (c, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  ioc_complaint_set_claimed_by (c, OPERATOR);
  ioc_complaint_set_priority (c, IOC_PRIORITY_CAO);
  ioc_complaint_set_updated_datetime (c, t0);

  r = ioc_open311_parse_updates (bare, sizeof bare - 1, adapter, &error);
  g_assert_no_error (error);
  g_assert_true (ioc_open311_update_apply (r->updates->pdata[0], c));
  g_assert_cmpint (ioc_complaint_get_status (c), ==, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, OPERATOR);
  g_assert_cmpint (ioc_complaint_get_priority (c), ==, IOC_PRIORITY_CAO);
  assert_same_time (ioc_complaint_get_updated_datetime (c), t1);
  g_clear_pointer (&r, ioc_open311_result_free);

  /* An older one (overlapping windows) rolls nothing back. */
  r = ioc_open311_parse_updates (older, sizeof older - 1, adapter, &error);
  g_assert_no_error (error);
  g_assert_false (ioc_open311_update_apply (r->updates->pdata[0], c));
  g_assert_cmpint (ioc_complaint_get_status (c), ==, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, OPERATOR);
  g_clear_pointer (&r, ioc_open311_result_free);

  /* A bare "closed" still closes it. */
  r = ioc_open311_parse_updates (closing, sizeof closing - 1, adapter, &error);
  g_assert_no_error (error);
  g_assert_true (ioc_open311_update_apply (r->updates->pdata[0], c));
  g_assert_false (ioc_complaint_is_open (c));
  g_assert_cmpint (ioc_complaint_get_status (c), ==, IOC_COMPLAINT_STATUS_RESOLVED);
  g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, OPERATOR);
}

/* --- (b) through the pipeline ---------------------------------------------- */

typedef struct {
  SimTestServer *sim;
  char          *url;
  char          *dir;
  char          *path;
  IocStore      *store;
  IocPipeline   *pipeline;
  GHashTable    *seen;      /* items-updated */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  IocComplaintsFeed *feed;
  guint polls = 0;
  CountWait w = { &polls, 1 };
  gulong handler;

  start_sim (&f->sim, &f->url);
  f->dir = g_dir_make_tmp ("ioc-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = ioc_store_new_sync (f->path, NULL, &error);
  g_assert_no_error (error);
  f->seen = g_hash_table_new (NULL, NULL);

  f->pipeline = ioc_pipeline_new (NULL);
  ioc_pipeline_set_store (f->pipeline, f->store);
  ioc_pipeline_set_api_key (f->pipeline, IOC_SIM_DEFAULT_API_KEY);
  feed = ioc_pipeline_get_complaints (f->pipeline);
  ioc_complaints_feed_set_history_days (feed, 30);
  /* No poll during the test after the first: what changes comes from the
   * fetch after each action. */
  ioc_pipeline_set_feed (f->pipeline, IOC_FEED_KIND_COMPLAINTS, f->url, 3600);
  handler = g_signal_connect (feed, "poll-finished", G_CALLBACK (count_cb), &polls);
  g_signal_connect (ioc_complaints_feed_get_model (feed), "items-updated", G_CALLBACK (items_updated_cb), f->seen);
  ioc_pipeline_start (f->pipeline);
  g_assert_true (wait_until (count_reached, &w, 60));
  g_signal_handler_disconnect (feed, handler);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_signal_handlers_disconnect_by_data (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (f->pipeline)),
                                        f->seen);
  ioc_pipeline_stop (f->pipeline);
  g_clear_object (&f->pipeline);
  /* Cancelled fetches finish on the main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  sim_test_server_stop (f->sim);
  g_hash_table_unref (f->seen);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->url);
}

static IocComplaintListModel *
model_of (Fixture *f)
{
  return ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (f->pipeline));
}

/* The operator's action as IocQueueActions queues it: against the version
 * of the complaint the operator sees. */
static gint64
enqueue (Fixture      *f,
         IocComplaint *c,
         const char   *kind,
         const char   *extended_status,
         const char   *field,
         const char   *value)
{
  g_autoptr(IocOutboxAction) a = ioc_outbox_action_new (ioc_complaint_get_service_request_id (c), kind);
  g_autoptr(IocOutboxAction) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = g_date_time_format_iso8601 (ioc_complaint_get_updated_datetime (c));

  ioc_outbox_action_set_field (a, "status", "open");
  ioc_outbox_action_set_field (a, "extended_status", extended_status);
  ioc_outbox_action_set_field (a, "author", OPERATOR);
  ioc_outbox_action_set_field (a, "if_updated_datetime", iso);
  if (field != NULL)
    ioc_outbox_action_set_field (a, field, value);
  stored = ioc_store_outbox_enqueue_sync (f->store, a, &error);
  g_assert_no_error (error);
  ioc_outbox_sender_wake (ioc_pipeline_get_outbox_sender (f->pipeline));
  return ioc_outbox_action_get_id (stored);
}

typedef struct {
  Fixture *f;
  gint64   id;
} ActionWait;

static gboolean
action_settled (gpointer data)
{
  ActionWait *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a = ioc_store_outbox_get_sync (w->f->store, w->id, &error);

  g_assert_no_error (error);
  return !(IOC_OUTBOX_STATE_MASK (ioc_outbox_action_get_state (a)) & IOC_OUTBOX_STATE_MASK_PENDING);
}

static IocOutboxState
wait_action (Fixture *f,
             gint64   id)
{
  ActionWait w = { f, id };
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a = NULL;

  g_assert_true (wait_until (action_settled, &w, 60));
  a = ioc_store_outbox_get_sync (f->store, id, &error);
  g_assert_no_error (error);
  return ioc_outbox_action_get_state (a);
}

typedef struct {
  IocComplaint       *c;
  IocComplaintStatus  status;
} StatusWait;

static gboolean
status_reached (gpointer data)
{
  StatusWait *w = data;

  return ioc_complaint_get_status (w->c) == w->status;
}

static void
test_action_refreshes (Fixture       *f,
                       gconstpointer  data)
{
  IocComplaintListModel *model = model_of (f);
  IocComplaint *c = pick_new (model, 0);
  g_autofree char *id = g_strdup (ioc_complaint_get_service_request_id (c));
  g_autoptr(GDateTime) after_first = NULL;
  g_autoptr(GDateTime) after_second = NULL;
  StatusWait sw = { c, IOC_COMPLAINT_STATUS_ACKNOWLEDGED };
  gint64 action;

  /* `a`: acknowledge. */
  action = enqueue (f, c, "acknowledge", "acknowledged", "claimed_by", OPERATOR);
  g_assert_cmpint (wait_action (f, action), ==, IOC_OUTBOX_STATE_SENT);
  /* Without waiting for a poll (an hour away), the model has the server's version. */
  g_assert_true (wait_until (status_reached, &sw, 15));
  g_assert_true (ioc_complaint_list_model_lookup (model, id) == c);
  g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, OPERATOR);
  after_first = server_updated (f->sim, id);
  assert_same_time (ioc_complaint_get_updated_datetime (c), after_first);
  g_assert_true (g_hash_table_contains (f->seen, c));

  /* `f`: forward (assign), against the version now shown: sent, not a conflict. */
  g_hash_table_remove_all (f->seen);
  action = enqueue (f, c, "assign", "in_progress", "agency_responsible", "Phòng TN&MT");
  g_assert_cmpint (wait_action (f, action), ==, IOC_OUTBOX_STATE_SENT);
  sw.status = IOC_COMPLAINT_STATUS_IN_PROGRESS;
  g_assert_true (wait_until (status_reached, &sw, 15));
  g_assert_cmpstr (ioc_complaint_get_agency_responsible (c), ==, "Phòng TN&MT");
  after_second = server_updated (f->sim, id);
  g_assert_cmpint (g_date_time_compare (after_second, after_first), >, 0);
  assert_same_time (ioc_complaint_get_updated_datetime (c), after_second);
  g_assert_true (g_hash_table_contains (f->seen, c));
}

/* Someone else changed it: the 409 is kept, and the model (hence the
 * conflict dialog, which shows the model's object) gets the server's
 * version right away. */
static void
test_conflict_refreshes (Fixture       *f,
                         gconstpointer  data)
{
  IocComplaint *c = pick_new (model_of (f), 1);
  g_autofree char *id = g_strdup (ioc_complaint_get_service_request_id (c));
  IocComplaintStatus before = ioc_complaint_get_status (c);
  g_autoptr(GDateTime) server = NULL;
  StatusWait sw = { c, IOC_COMPLAINT_STATUS_ACKNOWLEDGED };
  gint64 action;

  post_update (f->sim, id, "acknowledged", "Lê Thị Khác", "Lê Thị Khác");
  server = server_updated (f->sim, id);
  /* Not polled yet: the model still has its version. */
  g_assert_cmpint (ioc_complaint_get_status (c), ==, before);

  action = enqueue (f, c, "assign", "in_progress", "agency_responsible", "Phòng TN&MT");
  g_assert_cmpint (wait_action (f, action), ==, IOC_OUTBOX_STATE_CONFLICT);
  g_assert_true (wait_until (status_reached, &sw, 15));
  g_assert_cmpstr (ioc_complaint_get_claimed_by (c), ==, "Lê Thị Khác");
  assert_same_time (ioc_complaint_get_updated_datetime (c), server);
}

/* Several actions finishing together, two on the same complaint: the model
 * ends with the server's last version of each. */
static void
test_several_actions (Fixture       *f,
                      gconstpointer  data)
{
  IocComplaint *a = pick_new (model_of (f), 2);
  IocComplaint *b = pick_new (model_of (f), 3);
  g_autoptr(IocOutboxAction) second = ioc_outbox_action_new (ioc_complaint_get_service_request_id (a), "priority");
  g_autoptr(IocOutboxAction) stored = NULL;
  g_autoptr(GError) error = NULL;
  StatusWait wa = { a, IOC_COMPLAINT_STATUS_IN_PROGRESS };
  StatusWait wb = { b, IOC_COMPLAINT_STATUS_ACKNOWLEDGED };
  gint64 first_a, first_b;

  first_a = enqueue (f, a, "acknowledge", "acknowledged", "claimed_by", OPERATOR);
  first_b = enqueue (f, b, "acknowledge", "acknowledged", "claimed_by", OPERATOR);
  /* Queued at once, without a version to check: it follows the first. */
  ioc_outbox_action_set_field (second, "status", "open");
  ioc_outbox_action_set_field (second, "extended_status", "in_progress");
  ioc_outbox_action_set_field (second, "author", OPERATOR);
  stored = ioc_store_outbox_enqueue_sync (f->store, second, &error);
  g_assert_no_error (error);
  ioc_outbox_sender_wake (ioc_pipeline_get_outbox_sender (f->pipeline));

  g_assert_cmpint (wait_action (f, first_a), ==, IOC_OUTBOX_STATE_SENT);
  g_assert_cmpint (wait_action (f, first_b), ==, IOC_OUTBOX_STATE_SENT);
  g_assert_cmpint (wait_action (f, ioc_outbox_action_get_id (stored)), ==, IOC_OUTBOX_STATE_SENT);
  g_assert_true (wait_until (status_reached, &wa, 15));
  g_assert_true (wait_until (status_reached, &wb, 15));
  {
    g_autoptr(GDateTime) sa = server_updated (f->sim, ioc_complaint_get_service_request_id (a));
    g_autoptr(GDateTime) sb = server_updated (f->sim, ioc_complaint_get_service_request_id (b));

    assert_same_time (ioc_complaint_get_updated_datetime (a), sa);
    assert_same_time (ioc_complaint_get_updated_datetime (b), sb);
  }
}

/* Shutdown while the fetch after an action is on its way (the simulator
 * answers requests/{id} slowly): nothing is left running, nothing crashes. */
static void
test_shutdown_cancels (Fixture       *f,
                       gconstpointer  data)
{
  IocComplaint *c = pick_new (model_of (f), 4);
  IocComplaintStatus before = ioc_complaint_get_status (c);
  static const char slow[] = "{\"latency_ms\": 3000, \"path\": \"/open311/v2/requests/\"}";
  guint status = 0;
  g_autoptr(GBytes) answer = sim_test_request (f->sim, "POST", "/_control/faults", "application/json",
                                               slow, NULL, &status);
  gint64 action;

  g_assert_cmpuint (status, ==, 200);
  action = enqueue (f, c, "acknowledge", "acknowledged", "claimed_by", OPERATOR);
  g_assert_cmpint (wait_action (f, action), ==, IOC_OUTBOX_STATE_SENT);
  /* The fetch is in flight: the model still has the old version. */
  g_assert_cmpint (ioc_complaint_get_status (c), ==, before);
  ioc_pipeline_stop (f->pipeline);
  g_clear_object (&f->pipeline);
  f->pipeline = ioc_pipeline_new (NULL);   /* for the tear-down */
}

/* --- the fetch of one complaint itself ------------------------------------- */

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_refresh_gone_and_failure (void)
{
  SimTestServer *sim;
  g_autofree char *url = NULL;
  g_autoptr(IocComplaintsFeed) feed = NULL;
  g_autoptr(IocComplaintsFeed) dead = NULL;
  g_autoptr(IocComplaint) local = ioc_complaint_new ("KHONG-CO-9999");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  IocComplaintRefresh outcome = IOC_COMPLAINT_REFRESH_UPDATED;
  IocComplaint *held;

  start_sim (&sim, &url);
  feed = ioc_complaints_feed_new (url, NULL, NULL);
  ioc_complaint_set_open (local, TRUE);
  ioc_complaint_set_extended_status (local, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  g_ptr_array_add (items, local);
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (feed)), items);
  held = ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (feed), "KHONG-CO-9999");

  /* 404: the local copy stays as it was. */
  ioc_complaints_feed_refresh_async (feed, "KHONG-CO-9999", NULL, refreshed_cb, &result);
  g_assert_true (wait_until (result_arrived, &result, 30));
  g_assert_true (ioc_complaints_feed_refresh_finish (feed, result, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, IOC_COMPLAINT_REFRESH_GONE);
  g_assert_true (ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (feed), "KHONG-CO-9999") == held);
  g_assert_cmpint (ioc_complaint_get_status (held), ==, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  g_clear_object (&result);

  /* Nobody answers: an error, the model untouched. */
  dead = ioc_complaints_feed_new ("http://127.0.0.1:1/open311/v2/", NULL, NULL);
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (dead)), items);
  ioc_complaints_feed_refresh_async (dead, "KHONG-CO-9999", NULL, refreshed_cb, &result);
  g_assert_true (wait_until (result_arrived, &result, 30));
  g_assert_false (ioc_complaints_feed_refresh_finish (dead, result, &outcome, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ioc_complaint_get_status (ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (dead),
                                                                             "KHONG-CO-9999")),
                   ==, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled before it started. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    ioc_complaints_feed_refresh_async (feed, "KHONG-CO-9999", cancellable, refreshed_cb, &result);
    g_assert_true (wait_until (result_arrived, &result, 30));
    g_assert_false (ioc_complaints_feed_refresh_finish (feed, result, &outcome, &error));
    g_assert_nonnull (error);
  }

  g_clear_object (&feed);
  g_clear_object (&dead);
  sim_test_server_stop (sim);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/complaint-sync/poll-brings-extensions", test_poll_brings_extensions);
  g_test_add_func ("/feeds/complaint-sync/update-keeps-known-values", test_update_keeps_known_values);
  g_test_add_func ("/feeds/complaint-sync/refresh-gone-and-failure", test_refresh_gone_and_failure);
  g_test_add ("/feeds/complaint-sync/action-refreshes", Fixture, NULL,
              fixture_set_up, test_action_refreshes, fixture_tear_down);
  g_test_add ("/feeds/complaint-sync/conflict-refreshes", Fixture, NULL,
              fixture_set_up, test_conflict_refreshes, fixture_tear_down);
  g_test_add ("/feeds/complaint-sync/several-actions", Fixture, NULL,
              fixture_set_up, test_several_actions, fixture_tear_down);
  g_test_add ("/feeds/complaint-sync/shutdown-cancels", Fixture, NULL,
              fixture_set_up, test_shutdown_cancels, fixture_tear_down);
  return g_test_run ();
}
