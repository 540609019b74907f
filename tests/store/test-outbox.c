/* test-outbox.c — IocOutboxSender against a real SoupServer on loopback,
 * and the exactly-once argument under kill -9
 *
 * The server below behaves like an Open311 server with the mySociety update
 * extension and the project's rules (feeds.md §1): it applies an update_id
 * once and answers a repeated update_id with its first answer; it answers
 * 409 when if_updated_datetime is stale, 404 for an unknown request, 403 for
 * a wrong api_key, and 503 while "down".
 *
 * The kill -9 tests run this same binary as a child process
 * (`--child enqueue|deliver DB URL`): the child saves actions and is killed
 * with SIGKILL after "saved" and before "sent"; a fresh child on the same
 * database then delivers them, and the server must have applied every
 * update_id exactly once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ioc-outbox-sender.h"
#include "ioc-store.h"

#define API_KEY "test-key-7d1e5c0b-never-logged"
#define N_CHILD_ACTIONS 5

static char *self_exe;

/* ---- captured logs: the API key must never appear in them --------------- */

static GMutex log_mutex;
static GString *log_capture;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_mutex);
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].value != NULL)
      {
        if (fields[i].length < 0)
          g_string_append (log_capture, fields[i].value);
        else
          g_string_append_len (log_capture, fields[i].value, fields[i].length);
        g_string_append_c (log_capture, '\n');
      }
  g_mutex_unlock (&log_mutex);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* ---- the Open311 test server ------------------------------------------- */

typedef enum {
  SERVER_UP,
  SERVER_DOWN,     /* 503 */
  SERVER_PORTAL,   /* 200 with an HTML page: not an acknowledgement */
} ServerMode;

typedef struct {
  guint  status;
  char  *body;
} Answer;

typedef struct {
  SoupServer  *server;
  char        *base_url;
  guint        port;
  ServerMode   mode;
  GHashTable  *answers;          /* update_id → Answer* (first answer, replayed) */
  GHashTable  *applied;          /* update_id → number of times applied */
  GHashTable  *received;         /* update_id → number of POSTs */
  GHashTable  *updated;          /* service_request_id → updated_datetime */
  GPtrArray   *applied_order;    /* update_ids in the order applied */
  GHashTable  *last_form;        /* form of the last POST */
  guint        n_posts;
  guint        kill_at_post;     /* SIGKILL @child on this POST, after applying */
  GSubprocess *child;
  guint        clock;
} TestServer;

static void
answer_free (gpointer data)
{
  Answer *a = data;

  g_free (a->body);
  g_free (a);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
count (GHashTable *table,
       const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

static void
updates_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TestServer *ts = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) flat = NULL;
  g_autofree char *form_text = NULL;
  GHashTable *form;
  const char *uid, *srid, *if_updated, *current;
  Answer *answer;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      respond (msg, 405, "[{\"code\":405,\"description\":\"POST only\"}]");
      return;
    }
  ts->n_posts++;

  if (ts->mode == SERVER_DOWN)
    {
      respond (msg, 503, "[{\"code\":503,\"description\":\"maintenance\"}]");
      return;
    }
  if (ts->mode == SERVER_PORTAL)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Wi-Fi login</html>", 24);
      return;
    }

  flat = soup_message_body_flatten (request_body);
  form_text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
  form = soup_form_decode (form_text);
  g_clear_pointer (&ts->last_form, g_hash_table_unref);
  ts->last_form = form;

  if (g_strcmp0 (g_hash_table_lookup (form, "api_key"), API_KEY) != 0)
    {
      respond (msg, 403, "[{\"code\":403,\"description\":\"invalid api_key\"}]");
      return;
    }
  uid = g_hash_table_lookup (form, "update_id");
  srid = g_hash_table_lookup (form, "service_request_id");
  if (uid == NULL || srid == NULL)
    {
      respond (msg, 400, "[{\"code\":400,\"description\":\"update_id and service_request_id are required\"}]");
      return;
    }
  count (ts->received, uid);

  /* idempotency: a repeated update_id gets the first answer, applied once */
  answer = g_hash_table_lookup (ts->answers, uid);
  if (answer != NULL)
    {
      respond (msg, answer->status, answer->body);
      return;
    }

  answer = g_new0 (Answer, 1);
  current = g_hash_table_lookup (ts->updated, srid);
  if_updated = g_hash_table_lookup (form, "if_updated_datetime");
  if (current == NULL)
    {
      answer->status = 404;
      answer->body = g_strdup ("[{\"code\":404,\"description\":\"service request not found\"}]");
    }
  else if (if_updated != NULL && !g_str_equal (if_updated, current))
    {
      answer->status = 409;
      answer->body = g_strdup_printf ("[{\"code\":409,\"description\":\"request changed at %s\"}]", current);
    }
  else
    {
      g_autofree char *now = g_strdup_printf ("2025-11-20T08:%02u:00+07:00", ++ts->clock % 60);

      count (ts->applied, uid);
      g_ptr_array_add (ts->applied_order, g_strdup (uid));
      g_hash_table_insert (ts->updated, g_strdup (srid), g_strdup (now));
      answer->status = 200;
      answer->body = g_strdup_printf ("[{\"update_id\":\"%s\",\"service_request_id\":\"%s\","
                                      "\"updated_datetime\":\"%s\"}]", uid, srid, now);
    }
  g_hash_table_insert (ts->answers, g_strdup (uid), answer);

  /* kill -9 the client after the server applied its POST and before it can
   * read the answer and record "sent": the worst moment for exactly-once.
   * kill() itself, not g_subprocess_force_exit(), which signals later from
   * GLib's worker thread, possibly after the answer went out. */
  if (ts->kill_at_post != 0 && ts->n_posts == ts->kill_at_post && ts->child != NULL)
    g_assert_cmpint (kill ((pid_t) atoi (g_subprocess_get_identifier (ts->child)), SIGKILL), ==, 0);

  respond (msg, answer->status, answer->body);
}

static TestServer *
test_server_new (void)
{
  TestServer *ts = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  ts->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_free);
  ts->applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ts->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ts->updated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ts->applied_order = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("PA-%u", i);
      g_hash_table_insert (ts->updated, g_steal_pointer (&id), g_strdup ("2025-11-20T07:00:00+07:00"));
    }

  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, "/open311/v2/servicerequestupdates.json",
                           updates_handler, ts, NULL);
  g_assert_true (soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  ts->base_url = g_strdup_printf ("http://127.0.0.1:%u/open311/v2/", ts->port);
  return ts;
}

static void
test_server_free (TestServer *ts)
{
  /* let the server see the clients' connections close, then close its own */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  soup_server_disconnect (ts->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (ts->server);
  g_hash_table_unref (ts->answers);
  g_hash_table_unref (ts->applied);
  g_hash_table_unref (ts->received);
  g_hash_table_unref (ts->updated);
  g_ptr_array_unref (ts->applied_order);
  g_clear_pointer (&ts->last_form, g_hash_table_unref);
  g_clear_object (&ts->child);
  g_free (ts->base_url);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

static guint
applied_count (TestServer *ts,
               const char *uid)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ts->applied, uid));
}

/* ---- helpers ----------------------------------------------------------- */

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

  f->dir = g_dir_make_tmp ("ioc-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ioc.sqlite", NULL);
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
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  IocStore *store = ioc_store_new_sync (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

static IocOutboxAction *
enqueue (IocStore   *store,
         const char *request,
         const char *kind,
         const char *if_updated_datetime)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a = ioc_outbox_action_new (request, kind);
  IocOutboxAction *stored;

  ioc_outbox_action_set_field (a, "status", "open");
  ioc_outbox_action_set_field (a, "extended_status", "dang_xu_ly");
  ioc_outbox_action_set_field (a, "description", "Đã chuyển đơn vị xử lý");
  ioc_outbox_action_set_field (a, "author", "nguyen.van.a");
  ioc_outbox_action_set_field (a, "if_updated_datetime", if_updated_datetime);
  stored = ioc_store_outbox_enqueue_sync (store, a, &error);
  g_assert_no_error (error);
  return stored;
}

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 10, NULL);
}

typedef struct {
  GMainLoop *loop;
  guint      n_sent;
  gboolean   done;
} FlushWait;

static void
flushed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FlushWait *w = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ioc_outbox_sender_flush_finish (IOC_OUTBOX_SENDER (source), result, &w->n_sent, &error));
  g_assert_no_error (error);
  w->done = TRUE;
  g_main_loop_quit (w->loop);
}

static guint
flush (IocOutboxSender *sender)
{
  FlushWait w = { g_main_loop_new (NULL, FALSE), 0, FALSE };

  ioc_outbox_sender_flush_async (sender, NULL, flushed_cb, &w);
  if (!w.done)
    g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  return w.n_sent;
}

static IocOutboxAction *
reload (IocStore        *store,
        IocOutboxAction *action)
{
  g_autoptr(GError) error = NULL;
  IocOutboxAction *a = ioc_store_outbox_get_sync (store, ioc_outbox_action_get_id (action), &error);

  g_assert_no_error (error);
  return a;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
sleep_in_loop (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}

static void
sleep_until (gint64 t)
{
  gint64 ms = (t - g_get_real_time ()) / 1000 + 1;

  if (ms > 0)
    sleep_in_loop ((guint) ms);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *content = NULL;
  gsize len;

  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &content, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (content + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* ---- sender tests ------------------------------------------------------ */

static void
on_action_done (IocOutboxSender *sender,
                IocOutboxAction *action,
                GPtrArray       *seen)
{
  g_ptr_array_add (seen, ioc_outbox_action_ref (action));
}

static void
test_deliver (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TestServer) ts = test_server_new ();
  g_autoptr(IocStore) store = open_store (f->path);
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, ts->base_url);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_outbox_action_unref);
  g_autoptr(IocOutboxAction) a = NULL, b = NULL, c = NULL, got = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  ioc_outbox_sender_set_api_key (sender, API_KEY);
  g_signal_connect (sender, "action-done", G_CALLBACK (on_action_done), seen);
  a = enqueue (store, "PA-1", "acknowledge", NULL);
  b = enqueue (store, "PA-2", "assign", NULL);
  c = enqueue (store, "PA-1", "resolve", NULL);

  g_assert_cmpuint (flush (sender), ==, 3);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpuint (g_hash_table_size (ts->applied), ==, 3);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (a)), ==, 1);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (b)), ==, 1);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (c)), ==, 1);
  /* in creation order */
  g_assert_cmpstr (ts->applied_order->pdata[0], ==, ioc_outbox_action_get_update_id (a));
  g_assert_cmpstr (ts->applied_order->pdata[2], ==, ioc_outbox_action_get_update_id (c));

  /* the form of feeds.md §1 */
  g_assert_cmpstr (g_hash_table_lookup (ts->last_form, "service_request_id"), ==, "PA-1");
  g_assert_cmpstr (g_hash_table_lookup (ts->last_form, "update_id"), ==, ioc_outbox_action_get_update_id (c));
  g_assert_cmpstr (g_hash_table_lookup (ts->last_form, "status"), ==, "open");
  g_assert_cmpstr (g_hash_table_lookup (ts->last_form, "extended_status"), ==, "dang_xu_ly");
  g_assert_cmpstr (g_hash_table_lookup (ts->last_form, "description"), ==, "Đã chuyển đơn vị xử lý");
  g_assert_cmpstr (g_hash_table_lookup (ts->last_form, "author"), ==, "nguyen.van.a");

  got = reload (store, c);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_SENT);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (got), ==, 200);
  g_assert_nonnull (strstr (ioc_outbox_action_get_server_response (got), ioc_outbox_action_get_update_id (c)));
  g_clear_pointer (&got, ioc_outbox_action_unref);

  /* nothing left: a second flush posts nothing */
  g_assert_cmpuint (flush (sender), ==, 0);
  g_assert_cmpuint (ts->n_posts, ==, 3);

  /* the API key went over the wire, but never into the logs or the database */
  g_mutex_lock (&log_mutex);
  g_assert_nonnull (strstr (log_capture->str, "outbox: POST"));
  g_assert_null (strstr (log_capture->str, API_KEY));
  g_mutex_unlock (&log_mutex);
  g_assert_false (file_contains (f->path, API_KEY));
  g_assert_false (file_contains (wal, API_KEY));
  g_assert_true (file_contains (wal, ioc_outbox_action_get_update_id (a)) ||
                 file_contains (f->path, ioc_outbox_action_get_update_id (a)));
}

static void
test_conflict_and_refusal (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TestServer) ts = test_server_new ();
  g_autoptr(IocStore) store = open_store (f->path);
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, ts->base_url);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_outbox_action_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) stale = NULL, unknown = NULL, later = NULL, got = NULL, requeued = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  const char *old_uid;

  ioc_outbox_sender_set_api_key (sender, API_KEY);
  g_signal_connect (sender, "action-done", G_CALLBACK (on_action_done), seen);
  stale = enqueue (store, "PA-3", "resolve", "2025-11-19T00:00:00+07:00");
  unknown = enqueue (store, "PA-404", "acknowledge", NULL);
  later = enqueue (store, "PA-3", "note", NULL);

  g_assert_cmpuint (flush (sender), ==, 0);
  g_assert_cmpuint (seen->len, ==, 2);   /* later waits behind the conflict */

  got = reload (store, stale);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_CONFLICT);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (got), ==, 409);
  g_assert_nonnull (strstr (ioc_outbox_action_get_last_error (got), "request changed at 2025-11-20T07:00:00+07:00"));
  g_assert_nonnull (strstr (ioc_outbox_action_get_server_response (got), "\"code\":409"));
  g_clear_pointer (&got, ioc_outbox_action_unref);

  got = reload (store, unknown);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (got), ==, 404);
  g_assert_nonnull (strstr (ioc_outbox_action_get_last_error (got), "404: service request not found"));
  g_clear_pointer (&got, ioc_outbox_action_unref);

  got = reload (store, later);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (got), ==, 0);
  g_clear_pointer (&got, ioc_outbox_action_unref);

  /* the operator saw the current request and sends again: new update_id */
  old_uid = ioc_outbox_action_get_update_id (stale);
  requeued = ioc_store_outbox_resolve_sync (store, ioc_outbox_action_get_id (stale),
                                            IOC_OUTBOX_RESOLUTION_REQUEUE,
                                            "2025-11-20T07:00:00+07:00", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ioc_outbox_action_get_update_id (requeued), !=, old_uid);

  g_assert_cmpuint (flush (sender), ==, 2);   /* the requeued one, then "later" */
  got = reload (store, stale);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_SENT);
  g_clear_pointer (&got, ioc_outbox_action_unref);
  g_assert_cmpuint (applied_count (ts, old_uid), ==, 0);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (requeued)), ==, 1);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (later)), ==, 1);
  g_assert_cmpstr (ts->applied_order->pdata[1], ==, ioc_outbox_action_get_update_id (later));

  pending = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_NEEDS_OPERATOR, &error);
  g_assert_cmpuint (pending->len, ==, 1);   /* the 404 stays until the operator decides */
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TestServer) ts = test_server_new ();
  g_autoptr(IocStore) store = open_store (f->path);
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, ts->base_url);
  g_autoptr(IocOutboxAction) a = NULL, got = NULL;

  ioc_outbox_sender_set_api_key (sender, "wrong");
  a = enqueue (store, "PA-5", "acknowledge", NULL);
  g_assert_cmpuint (flush (sender), ==, 0);
  got = reload (store, a);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (got), ==, 403);
  g_assert_nonnull (strstr (ioc_outbox_action_get_last_error (got), "invalid api_key"));
  g_assert_cmpuint (g_hash_table_size (ts->applied), ==, 0);
}

static void
test_server_down_then_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TestServer) ts = test_server_new ();
  g_autoptr(IocStore) store = open_store (f->path);
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, ts->base_url);
  g_autoptr(IocOutboxAction) a = NULL, b = NULL, got = NULL;
  const gint64 base = 300 * 1000;   /* 300 ms: first retry after 150–300 ms */
  gint64 before;

  ioc_outbox_sender_set_api_key (sender, API_KEY);
  ioc_outbox_sender_set_backoff (sender, base, 4 * base);
  a = enqueue (store, "PA-6", "acknowledge", NULL);
  b = enqueue (store, "PA-7", "acknowledge", NULL);

  /* 503: retried later; the flush stops at the first failure */
  ts->mode = SERVER_DOWN;
  before = g_get_real_time ();
  g_assert_cmpuint (flush (sender), ==, 0);
  g_assert_cmpuint (ts->n_posts, ==, 1);
  got = reload (store, a);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (got), ==, 1);
  g_assert_cmpuint (ioc_outbox_action_get_http_status (got), ==, 503);
  g_assert_nonnull (strstr (ioc_outbox_action_get_last_error (got), "503"));
  g_assert_cmpint (ioc_outbox_action_get_next_attempt_at (got), >=, before + base / 2);
  g_assert_cmpint (ioc_outbox_action_get_next_attempt_at (got), <=, g_get_real_time () + base);
  g_clear_pointer (&got, ioc_outbox_action_unref);
  got = reload (store, b);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (got), ==, 0);
  g_clear_pointer (&got, ioc_outbox_action_unref);

  /* a 200 that is not an Open311 answer (a captive portal) is not a
   * delivery. b goes first: due since its creation, before a's back-off. */
  ts->mode = SERVER_PORTAL;
  g_assert_cmpuint (flush (sender), ==, 0);
  got = reload (store, b);
  g_assert_cmpint (ioc_outbox_action_get_state (got), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (got), ==, 1);
  g_assert_nonnull (strstr (ioc_outbox_action_get_last_error (got), "without acknowledging"));
  g_clear_pointer (&got, ioc_outbox_action_unref);
  got = reload (store, a);
  g_assert_cmpuint (ioc_outbox_action_get_attempts (got), ==, 1);
  g_clear_pointer (&got, ioc_outbox_action_unref);

  /* the network is gone altogether: connection refused */
  {
    g_autoptr(TestServer) gone = test_server_new ();
    g_autofree char *dead_url = g_strdup (gone->base_url);
    g_autoptr(IocOutboxAction) first = NULL;
    guint attempts;

    g_clear_pointer (&gone, test_server_free);
    ioc_outbox_sender_set_base_url (sender, dead_url);
    first = ioc_store_outbox_next_due_sync (store, G_MAXINT64, NULL);
    attempts = ioc_outbox_action_get_attempts (first);
    sleep_until (ioc_outbox_action_get_next_attempt_at (first));
    g_assert_cmpuint (flush (sender), ==, 0);
    got = reload (store, first);
    g_assert_cmpuint (ioc_outbox_action_get_attempts (got), ==, attempts + 1);
    g_assert_cmpuint (ioc_outbox_action_get_http_status (got), ==, 0);
    g_assert_nonnull (strstr (ioc_outbox_action_get_last_error (got), "Network error"));
    g_clear_pointer (&got, ioc_outbox_action_unref);
  }

  /* up again: nothing before the back-off, everything after */
  ts->mode = SERVER_UP;
  ioc_outbox_sender_set_base_url (sender, ts->base_url);
  {
    g_autoptr(IocOutboxAction) ra = reload (store, a);
    g_autoptr(IocOutboxAction) rb = reload (store, b);

    sleep_until (MAX (ioc_outbox_action_get_next_attempt_at (ra), ioc_outbox_action_get_next_attempt_at (rb)));
  }
  g_assert_cmpuint (flush (sender), ==, 2);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (a)), ==, 1);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (b)), ==, 1);
}

static void
stop_when_sent (IocOutboxSender *sender,
                IocOutboxAction *action,
                GMainLoop       *loop)
{
  if (ioc_outbox_action_get_state (action) == IOC_OUTBOX_STATE_SENT)
    g_main_loop_quit (loop);
}

static gboolean
bring_up (gpointer data)
{
  ((TestServer *) data)->mode = SERVER_UP;
  return G_SOURCE_REMOVE;
}

static gboolean
timed_out (gpointer data)
{
  g_error ("the automatic sender did not deliver in time");
  return G_SOURCE_REMOVE;
}

/* Automatic mode: nobody calls flush; the sender retries on its own when the
 * back-off of the action elapses. */
static void
test_automatic (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TestServer) ts = test_server_new ();
  g_autoptr(IocStore) store = open_store (f->path);
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, ts->base_url);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(IocOutboxAction) a = NULL;
  guint watchdog;

  ioc_outbox_sender_set_api_key (sender, API_KEY);
  ioc_outbox_sender_set_backoff (sender, 200 * 1000, 400 * 1000);
  g_signal_connect (sender, "action-done", G_CALLBACK (stop_when_sent), loop);
  ts->mode = SERVER_DOWN;
  ioc_outbox_sender_start (sender);
  a = enqueue (store, "PA-8", "claim", NULL);
  ioc_outbox_sender_wake (sender);
  g_timeout_add (500, bring_up, ts);
  watchdog = g_timeout_add_seconds (20, timed_out, NULL);
  g_main_loop_run (loop);
  g_source_remove (watchdog);
  ioc_outbox_sender_stop (sender);

  g_assert_cmpuint (ts->n_posts, >=, 2);
  g_assert_cmpuint (applied_count (ts, ioc_outbox_action_get_update_id (a)), ==, 1);
}

/* ---- kill -9 between "saved" and "sent" -------------------------------- */

static int
child_main (int    argc,
            char **argv)
{
  const char *mode = argv[2], *db = argv[3], *url = argv[4];
  g_autoptr(IocStore) store = open_store (db);
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, url);
  guint n;

  ioc_outbox_sender_set_api_key (sender, API_KEY);

  if (g_str_equal (mode, "enqueue"))
    {
      char line[16];

      for (guint i = 1; i <= N_CHILD_ACTIONS; i++)
        {
          g_autofree char *request = g_strdup_printf ("PA-%u", 10 + i);
          g_autoptr(IocOutboxAction) a = enqueue (store, request, "acknowledge", NULL);
        }
      /* every action is committed durably: tell the parent */
      printf ("saved\n");
      fflush (stdout);
      if (fgets (line, sizeof line, stdin) == NULL || !g_str_has_prefix (line, "go"))
        return 3;
    }

  n = flush (sender);
  printf ("delivered %u\n", n);
  return 0;
}

static void
child_exited (GObject      *source,
              GAsyncResult *result,
              gpointer      loop)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_main_loop_quit (loop);
}

static void
wait_child (GSubprocess *child)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  /* the parent's main loop serves the child's HTTP requests meanwhile */
  g_subprocess_wait_async (child, NULL, child_exited, loop);
  g_main_loop_run (loop);
}

static gint64
count_state (const char *path,
             const char *state)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM outbox WHERE state = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_kill9 (Fixture       *f,
            gconstpointer  data)
{
  gboolean mid_send = GPOINTER_TO_INT (data);
  g_autoptr(TestServer) ts = test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) deliver = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(IocStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint twice = 0;

  ts->child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_exe, "--child", "enqueue", f->path, ts->base_url, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (ts->child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "saved");

  if (mid_send)
    {
      /* let it send; the server kills it right after applying the 2nd POST */
      ts->kill_at_post = 2;
      g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (ts->child), "go\n", 3,
                                                NULL, NULL, &error));
      g_assert_no_error (error);
    }
  else
    g_subprocess_force_exit (ts->child);
  wait_child (ts->child);
  g_assert_true (g_subprocess_get_if_signaled (ts->child));
  g_assert_cmpint (g_subprocess_get_term_sig (ts->child), ==, SIGKILL);

  /* the state the kill left behind: saved, not (all) sent */
  if (mid_send)
    {
      g_assert_cmpuint (ts->n_posts, ==, 2);
      g_assert_cmpint (count_state (f->path, "sent"), ==, 1);
      g_assert_cmpint (count_state (f->path, "sending"), ==, 1);   /* applied, not recorded */
      g_assert_cmpint (count_state (f->path, "queued"), ==, N_CHILD_ACTIONS - 2);
    }
  else
    {
      g_assert_cmpuint (ts->n_posts, ==, 0);
      g_assert_cmpint (count_state (f->path, "queued"), ==, N_CHILD_ACTIONS);
    }

  /* restart: a fresh process on the same database */
  deliver = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              self_exe, "--child", "deliver", f->path, ts->base_url, NULL);
  g_assert_no_error (error);
  wait_child (deliver);
  g_assert_true (g_subprocess_get_if_exited (deliver));
  g_assert_cmpint (g_subprocess_get_exit_status (deliver), ==, 0);

  /* every queued action arrived exactly once */
  store = open_store (f->path);
  all = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, N_CHILD_ACTIONS);
  g_assert_cmpuint (g_hash_table_size (ts->applied), ==, N_CHILD_ACTIONS);
  for (guint i = 0; i < all->len; i++)
    {
      const char *uid = ioc_outbox_action_get_update_id (all->pdata[i]);

      g_assert_cmpint (ioc_outbox_action_get_state (all->pdata[i]), ==, IOC_OUTBOX_STATE_SENT);
      g_assert_cmpuint (applied_count (ts, uid), ==, 1);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (ts->received, uid)) == 2)
        twice++;
    }
  /* mid-send: the killed POST was posted again and deduplicated by the server */
  g_assert_cmpuint (twice, ==, mid_send ? 1 : 0);
  g_assert_cmpuint (ts->n_posts, ==, N_CHILD_ACTIONS + (mid_send ? 1 : 0));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  self_exe = g_file_read_link ("/proc/self/exe", &error);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    {
      ret = child_main (argc, argv);
      g_free (self_exe);
      return ret;
    }

  /* debug messages on, to check that they never carry the API key */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_capture = g_string_new (NULL);
  g_log_writer_default_set_use_stderr (TRUE);   /* stdout is TAP */
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/outbox/sender/deliver", test_deliver, NULL);
  ADD ("/outbox/sender/conflict-and-refusal", test_conflict_and_refusal, NULL);
  ADD ("/outbox/sender/wrong-key", test_wrong_key, NULL);
  ADD ("/outbox/sender/server-down-then-up", test_server_down_then_up, NULL);
  ADD ("/outbox/sender/automatic", test_automatic, NULL);
  ADD ("/outbox/kill9/after-saved", test_kill9, GINT_TO_POINTER (FALSE));
  ADD ("/outbox/kill9/mid-send", test_kill9, GINT_TO_POINTER (TRUE));
#undef ADD

  ret = g_test_run ();
  g_string_free (log_capture, TRUE);
  g_free (self_exe);
  return ret;
}
