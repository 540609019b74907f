/* test-outbox-hold.c — an operator action saved at once and held in the
 * outbox for its undo window (issue "Complaint triage", "Actions")
 *
 * The action is written to the outbox the moment it is taken, with a
 * not-before time: it is not due before that time and is after; "Undo"
 * (withdraw) deletes the row; it survives closing and reopening the
 * database; and a sender started on a database holding it posts it once,
 * when its time comes and not before — also after a "restart" (a new store
 * and a new sender on the same file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ioc-outbox-sender.h"
#include "ioc-store.h"

#define API_KEY "hold-test-key"
#define HOUR ((gint64) 3600 * G_USEC_PER_SEC)

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ioc-outbox-hold-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static IocStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  IocStore *store = ioc_store_new_sync (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

/* An action as the complaints page makes it, held until @not_before
 * (0: not held). */
static IocOutboxAction *
enqueue (IocStore   *store,
         const char *request,
         gint64      not_before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) a = ioc_outbox_action_new (request, "resolve");
  IocOutboxAction *stored;

  ioc_outbox_action_set_field (a, "status", "closed");
  ioc_outbox_action_set_field (a, "extended_status", "resolved");
  ioc_outbox_action_set_field (a, "description", "Đã vá ổ gà");
  ioc_outbox_action_set_field (a, "author", "tran.thi.binh");
  ioc_outbox_action_set_not_before (a, not_before);
  stored = ioc_store_outbox_enqueue_sync (store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_not_before (stored), ==, not_before);
  return stored;
}

static IocOutboxAction *
next_due (IocStore *store,
          gint64    now)
{
  g_autoptr(GError) error = NULL;
  IocOutboxAction *a = ioc_store_outbox_next_due_sync (store, now, &error);

  g_assert_no_error (error);
  return a;
}

/* Not due before its time, due after; the sender cannot even mark it
 * "sending" early; a later action on the same request waits behind it. */
static void
test_not_before (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f->path);
  gint64 now = g_get_real_time ();
  g_autoptr(IocOutboxAction) held = enqueue (store, "PA-1", now + HOUR);
  g_autoptr(IocOutboxAction) behind = enqueue (store, "PA-1", 0);
  g_autoptr(IocOutboxAction) early = NULL;
  g_autoptr(IocOutboxAction) due = NULL;
  g_autoptr(IocOutboxAction) earliest = NULL;
  g_autoptr(IocOutboxAction) marked = NULL;
  g_autoptr(GError) error = NULL;

  early = next_due (store, now + HOUR - 1);
  g_assert_null (early);
  due = next_due (store, now + HOUR);
  g_assert_nonnull (due);
  g_assert_cmpstr (ioc_outbox_action_get_update_id (due), ==, ioc_outbox_action_get_update_id (held));
  /* What the sender sleeps until. */
  earliest = next_due (store, G_MAXINT64);
  g_assert_cmpint (ioc_outbox_action_get_due_at (earliest), ==, now + HOUR);

  marked = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (held), &error);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
  g_assert_null (marked);
  g_clear_error (&error);

  /* The end of the window now (the page going away): due at once. */
  g_clear_pointer (&due, ioc_outbox_action_unref);
  g_clear_pointer (&early, ioc_outbox_action_unref);
  early = ioc_store_outbox_release_sync (store, ioc_outbox_action_get_update_id (held), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ioc_outbox_action_get_not_before (early), ==, 0);
  due = next_due (store, g_get_real_time ());
  g_assert_nonnull (due);
  g_assert_cmpint (ioc_outbox_action_get_id (due), ==, ioc_outbox_action_get_id (held));
  g_assert_cmpint (ioc_outbox_action_get_id (behind), >, ioc_outbox_action_get_id (held));
}

/* "Undo" in the window deletes the row; too late once a POST started. */
static void
test_withdraw (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(IocStore) store = open_store (f->path);
  gint64 now = g_get_real_time ();
  g_autoptr(IocOutboxAction) held = enqueue (store, "PA-2", now + HOUR);
  g_autoptr(IocOutboxAction) gone = NULL;
  g_autoptr(IocOutboxAction) sent = enqueue (store, "PA-3", 0);
  g_autoptr(IocOutboxAction) marked = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ioc_store_outbox_withdraw_sync (store, ioc_outbox_action_get_update_id (held), &error));
  g_assert_no_error (error);
  gone = ioc_store_outbox_get_sync (store, ioc_outbox_action_get_id (held), &error);
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  all = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (ioc_outbox_action_get_service_request_id (g_ptr_array_index (all, 0)), ==, "PA-3");

  /* Twice: nothing left to withdraw. */
  g_assert_false (ioc_store_outbox_withdraw_sync (store, ioc_outbox_action_get_update_id (held), &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A POST may have reached the server: it stays. */
  marked = ioc_store_outbox_mark_sending_sync (store, ioc_outbox_action_get_id (sent), &error);
  g_assert_no_error (error);
  g_assert_false (ioc_store_outbox_withdraw_sync (store, ioc_outbox_action_get_update_id (sent), &error));
  g_assert_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE);
}

/* A crash in the undo window: the action is on disk, still held. */
static void
test_survives_reopen (Fixture       *f,
                      gconstpointer  data)
{
  gint64 now = g_get_real_time ();
  g_autofree char *update_id = NULL;
  g_autoptr(IocStore) again = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(IocOutboxAction) early = NULL;
  g_autoptr(IocOutboxAction) due = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(IocStore) store = open_store (f->path);
    g_autoptr(IocOutboxAction) held = enqueue (store, "PA-4", now + HOUR);

    update_id = g_strdup (ioc_outbox_action_get_update_id (held));
  }
  again = open_store (f->path);
  all = ioc_store_outbox_list_sync (again, IOC_OUTBOX_STATE_MASK_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (ioc_outbox_action_get_update_id (g_ptr_array_index (all, 0)), ==, update_id);
  g_assert_cmpint (ioc_outbox_action_get_not_before (g_ptr_array_index (all, 0)), ==, now + HOUR);
  g_assert_cmpstr (ioc_outbox_action_get_field (g_ptr_array_index (all, 0), "description"), ==, "Đã vá ổ gà");
  early = next_due (again, now + HOUR - 1);
  g_assert_null (early);
  due = next_due (again, now + HOUR);
  g_assert_nonnull (due);
  g_assert_cmpstr (ioc_outbox_action_get_update_id (due), ==, update_id);
}

/* --- the sender: not before its time, then once, also after a restart ---- */

typedef struct {
  SoupServer *server;
  char       *base_url;
  GPtrArray  *posts;      /* (element-type gint64): when each POST arrived */
  GHashTable *seen;       /* update_id → number of POSTs */
} Server;

static void
updates_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Server *s = user_data;
  g_autoptr(GBytes) flat = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *uid = g_hash_table_lookup (form, "update_id");
  const char *srid = g_hash_table_lookup (form, "service_request_id");
  g_autofree char *body = NULL;
  gint64 *at = g_new (gint64, 1);

  *at = g_get_real_time ();
  g_ptr_array_add (s->posts, at);
  g_assert_nonnull (uid);
  g_assert_nonnull (srid);
  g_hash_table_insert (s->seen, g_strdup (uid),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (s->seen, uid)) + 1));
  body = g_strdup_printf ("[{\"update_id\":\"%s\",\"service_request_id\":\"%s\","
                          "\"updated_datetime\":\"2025-11-20T08:00:00+07:00\"}]", uid, srid);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static Server *
server_new (void)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  s->server = soup_server_new (NULL, NULL);
  s->posts = g_ptr_array_new_with_free_func (g_free);
  s->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (s->server, "/open311/v2/servicerequestupdates.json", updates_handler, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->base_url = g_strdup_printf ("http://127.0.0.1:%d/open311/v2/", g_uri_get_port (uris->data));
  return s;
}

static void
server_free (Server *s)
{
  /* let the server see the client's connection close, then close its own */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  soup_server_disconnect (s->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (s->server);
  g_ptr_array_unref (s->posts);
  g_hash_table_unref (s->seen);
  g_free (s->base_url);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static void
quit_on_done (IocOutboxSender *sender,
              IocOutboxAction *action,
              GMainLoop       *loop)
{
  g_main_loop_quit (loop);
}

static gboolean
watchdog (gpointer data)
{
  g_error ("the held action was never sent");
  return G_SOURCE_REMOVE;
}

/* A new store and sender on the file, as the app starting again. Waits for
 * the first delivery. */
static void
start_and_wait (const char *path,
                Server     *server)
{
  g_autoptr(IocStore) store = open_store (path);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr(IocOutboxSender) sender = ioc_outbox_sender_new (store, session, server->base_url);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint dog;

  ioc_outbox_sender_set_api_key (sender, API_KEY);
  g_signal_connect (sender, "action-done", G_CALLBACK (quit_on_done), loop);
  ioc_outbox_sender_start (sender);
  dog = g_timeout_add_seconds (20, watchdog, NULL);
  g_main_loop_run (loop);
  g_source_remove (dog);
  ioc_outbox_sender_stop (sender);
  soup_session_abort (session);
}

static void
test_sender_waits (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Server) server = server_new ();
  g_autofree char *update_id = NULL;
  gint64 not_before;

  /* Saved, then the app "crashes" in the undo window. */
  {
    g_autoptr(IocStore) store = open_store (f->path);
    g_autoptr(IocOutboxAction) held = NULL;

    not_before = g_get_real_time () + 700 * 1000;
    held = enqueue (store, "PA-5", not_before);
    update_id = g_strdup (ioc_outbox_action_get_update_id (held));
  }
  /* Started again: nothing is posted before the window ends, then once,
   * without anyone waking the sender. */
  start_and_wait (f->path, server);
  g_assert_cmpuint (server->posts->len, ==, 1);
  g_assert_cmpint (*(gint64 *) g_ptr_array_index (server->posts, 0), >=, not_before);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (server->seen, update_id)), ==, 1);

  {
    g_autoptr(IocStore) store = open_store (f->path);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) sent = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK (IOC_OUTBOX_STATE_SENT),
                                                            &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sent->len, ==, 1);
  }
}

/* Found at start with its time already passed: sent at once. */
static void
test_sender_past_due (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Server) server = server_new ();
  gint64 not_before;

  {
    g_autoptr(IocStore) store = open_store (f->path);
    g_autoptr(IocOutboxAction) held = NULL;

    not_before = g_get_real_time () + 100 * 1000;
    held = enqueue (store, "PA-6", not_before);
  }
  g_usleep (200 * 1000);
  start_and_wait (f->path, server);
  g_assert_cmpuint (server->posts->len, ==, 1);
  g_assert_cmpint (*(gint64 *) g_ptr_array_index (server->posts, 0), >=, not_before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/outbox/hold/not-before", test_not_before);
  ADD ("/outbox/hold/withdraw", test_withdraw);
  ADD ("/outbox/hold/survives-reopen", test_survives_reopen);
  ADD ("/outbox/hold/sender-waits", test_sender_waits);
  ADD ("/outbox/hold/sender-past-due", test_sender_past_due);
#undef ADD

  return g_test_run ();
}
