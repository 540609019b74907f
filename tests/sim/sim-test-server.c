/* sim-test-server.c — run the simulator in a thread and talk to it over HTTP
 *
 * The server owns its own GMainContext in a worker thread, so the tests can
 * use libsoup's blocking client API from the main thread against a real
 * socket on a random loopback port.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sim-test-server.h"

struct _SimTestServer {
  IocSimConfig  config;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  char         *url;
  char         *base;
  SoupSession  *session;
};

static gpointer
server_thread (gpointer data)
{
  SimTestServer *self = data;
  g_autoptr(GError) error = NULL;
  IocSimServer *server;

  g_main_context_push_thread_default (self->context);
  server = ioc_sim_server_new (&self->config, &error);
  g_assert_no_error (error);
  ioc_sim_server_listen (server, &error);
  g_assert_no_error (error);
  g_mutex_lock (&self->lock);
  self->url = ioc_sim_server_get_url (server);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_main_loop_run (self->loop);
  ioc_sim_server_free (server);
  /* Let pending sources (timeouts of deferred responses) release their data. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

SimTestServer *
sim_test_server_start (const IocSimConfig *config)
{
  SimTestServer *self = g_new0 (SimTestServer, 1);

  self->config = *config;
  self->config.port = 0;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("sim-server", server_thread, self);
  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  self->base = g_strndup (self->url, strlen (self->url) - 1);
  self->session = soup_session_new_with_options ("timeout", 60, NULL);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
sim_test_server_stop (SimTestServer *self)
{
  g_object_unref (self->session);
  /* Give the server thread time to see the client's connections close. */
  g_usleep (100000);
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->url);
  g_free (self->base);
  g_free (self);
}

const char *
sim_test_server_url (SimTestServer *self)
{
  return self->base;
}

GBytes *
sim_test_request (SimTestServer *self,
                  const char    *method,
                  const char    *path,
                  const char    *content_type,
                  const char    *body,
                  const char    *if_none_match,
                  guint         *status)
{
  g_autofree char *uri = g_strconcat (self->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, b);
    }
  if (if_none_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", if_none_match);
  bytes = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return bytes;
}

GBytes *
sim_test_get (SimTestServer       *self,
              const char          *path,
              guint               *status,
              SoupMessageHeaders **headers)
{
  g_autofree char *uri = g_strconcat (self->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_nonnull (msg);
  bytes = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return bytes;
}

JsonNode *
sim_test_get_json (SimTestServer *self,
                   const char    *path,
                   guint          expected_status)
{
  guint status;
  g_autoptr(GBytes) bytes = sim_test_get (self, path, &status, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (status != expected_status)
    g_error ("GET %s: status %u, expected %u: %.*s", path, status, expected_status, (int) MIN (len, 300), data);
  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
