/* ioc-sim-server.c — the feed simulator's HTTP server
 *
 * One SoupServer on loopback serves the three protocols of feeds.md under
 * /open311/v2/, /sta/v1.1/ and /tthc/v1/, the complaint photos under /media/,
 * and a control API under /_control/ (faults and clock) that answers only
 * loopback clients. Every response goes through the same path: the clock
 * ticks (live mode), faults are planned, the handler writes its document,
 * faults spoil it, a strong ETag is computed and If-None-Match answered 304.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ioc-sim-calendar.h"
#include "ioc-sim-clock.h"
#include "ioc-sim-exchange.h"
#include "ioc-sim-open311.h"
#include "ioc-sim-photo.h"
#include "ioc-sim-sensorthings.h"
#include "ioc-sim-server.h"
#include "ioc-sim-tthc.h"

struct _IocSimServer {
  IocSimConfig        config;
  char               *address;
  char               *api_key;
  char               *db_path;
  IocSimClock        *clock;
  IocSimDataset      *dataset;
  IocSimOpen311      *open311;
  IocSimSensorThings *sta;
  IocSimTthc         *tthc;
  IocSimFaults       *faults;
  SoupServer         *soup;
  GMainContext       *context;
  GSource            *tick;
  GHashTable         *pending;  /* Pending* set */
  guint               port;
};

typedef struct {
  IocSimServer      *server;
  SoupServerMessage *msg;
  GBytes            *rest;      /* stall: the second half */
  GSource           *source;
  gboolean           finished;
  gulong             handler;
} Pending;

typedef enum { PROTO_NONE, PROTO_OPEN311, PROTO_STA, PROTO_TTHC } Proto;

void
ioc_sim_config_init (IocSimConfig *config)
{
  memset (config, 0, sizeof *config);
  config->seed = 1;
  config->history_year = 2024;
  config->complaints = -1;
  config->speed = 1;
  config->port = IOC_SIM_DEFAULT_PORT;
}

static void
pending_free (gpointer data)
{
  Pending *p = data;

  if (p->source != NULL)
    {
      g_source_destroy (p->source);
      g_source_unref (p->source);
    }
  if (p->handler != 0 && !p->finished)
    g_signal_handler_disconnect (p->msg, p->handler);
  g_clear_pointer (&p->rest, g_bytes_unref);
  g_object_unref (p->msg);
  g_free (p);
}

void
ioc_sim_server_free (IocSimServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_source_unref (self->tick);
    }
  g_clear_object (&self->soup);
  g_clear_pointer (&self->open311, ioc_sim_open311_free);
  g_clear_pointer (&self->sta, ioc_sim_sensorthings_free);
  g_clear_pointer (&self->tthc, ioc_sim_tthc_free);
  g_clear_pointer (&self->faults, ioc_sim_faults_free);
  g_clear_pointer (&self->dataset, ioc_sim_dataset_free);
  g_clear_pointer (&self->clock, ioc_sim_clock_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->address);
  g_free (self->api_key);
  g_free (self->db_path);
  g_free (self);
}

/**
 * ioc_sim_server_new:
 *
 * Generates the data set; nothing listens until ioc_sim_server_listen().
 * The server belongs to the thread-default main context of the caller.
 */
IocSimServer *
ioc_sim_server_new (const IocSimConfig *config,
                    GError            **error)
{
  g_autoptr(IocSimServer) self = g_new0 (IocSimServer, 1);
  IocSimDatasetOptions opts = { 0 };

  self->config = *config;
  self->address = g_strdup (config->address != NULL ? config->address : "127.0.0.1");
  self->api_key = g_strdup (config->api_key != NULL ? config->api_key : IOC_SIM_DEFAULT_API_KEY);
  self->db_path = g_strdup (config->db_path);
  self->context = g_main_context_ref_thread_default ();
  self->pending = g_hash_table_new_full (NULL, NULL, pending_free, NULL);
  self->clock = ioc_sim_clock_new (config->has_now ? config->now : g_get_real_time () / G_USEC_PER_SEC,
                                   config->speed);
  opts.seed = config->seed;
  opts.history_year = config->history_year > 0 ? config->history_year : 2024;
  opts.complaints = config->complaints;
  opts.rate_per_day = config->rate_per_day;
  opts.db_path = self->db_path;
  opts.reset = config->reset;
  self->dataset = ioc_sim_dataset_new (&opts, self->clock, error);
  if (self->dataset == NULL)
    return NULL;
  self->open311 = ioc_sim_open311_new (self->dataset, self->api_key);
  self->sta = ioc_sim_sensorthings_new (self->dataset);
  self->tthc = ioc_sim_tthc_new (self->dataset);
  self->faults = ioc_sim_faults_new (config->seed);
  return g_steal_pointer (&self);
}

IocSimFaults *
ioc_sim_server_get_faults (IocSimServer *self)
{
  return self->faults;
}

IocSimDataset *
ioc_sim_server_get_dataset (IocSimServer *self)
{
  return self->dataset;
}

guint
ioc_sim_server_get_port (IocSimServer *self)
{
  return self->port;
}

/** ioc_sim_server_get_url: "http://127.0.0.1:PORT/", the line printed on stdout. */
char *
ioc_sim_server_get_url (IocSimServer *self)
{
  const char *host = self->config.listen_any && self->config.address == NULL ? "127.0.0.1" : self->address;

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u/", host, self->port);
  return g_strdup_printf ("http://%s:%u/", host, self->port);
}

static GSource *
attach_timeout (IocSimServer *self, guint ms, GSourceFunc func, gpointer data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);
  return source;
}

static Proto
protocol_of (const char *path, const char **rest)
{
  static const struct { const char *prefix; Proto proto; } bases[] = {
    { "/open311/v2/", PROTO_OPEN311 },
    { "/sta/v1.1/", PROTO_STA },
    { "/tthc/v1/", PROTO_TTHC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    if (g_str_has_prefix (path, bases[i].prefix))
      {
        *rest = path + strlen (bases[i].prefix);
        return bases[i].proto;
      }
  *rest = path;
  return PROTO_NONE;
}

/* A fault's 5xx, in the protocol's own error format. */
static void
protocol_error (Proto proto, IocSimExchange *ex, guint status, const char *message)
{
  switch (proto)
    {
    case PROTO_OPEN311:
      ioc_sim_open311_error (ex, g_str_has_suffix (ex->path, ".xml") ? IOC_SIM_FORMAT_XML
                                                                     : IOC_SIM_FORMAT_JSON,
                             status, message);
      break;
    case PROTO_STA:
      ioc_sim_sensorthings_error (ex, status, message);
      break;
    case PROTO_TTHC:
    case PROTO_NONE:
    default:
      ioc_sim_tthc_error (ex, status, message);
      break;
    }
}

static void
handle_index (IocSimServer *self, IocSimExchange *ex)
{
  IocSimWriter *w = ioc_sim_writer_new (IOC_SIM_FORMAT_JSON);
  char now[IOC_SIM_ISO_LEN];
  g_autofree char *o = g_strdup_printf ("%s/open311/v2/", ex->base_url);
  g_autofree char *s = g_strdup_printf ("%s/sta/v1.1/", ex->base_url);
  g_autofree char *t = g_strdup_printf ("%s/tthc/v1/", ex->base_url);

  ioc_sim_calendar_format (ioc_sim_dataset_now (self->dataset), now);
  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_string (w, "name", "ioc-feed-sim");
  ioc_sim_writer_string (w, "version", PACKAGE_VERSION);
  ioc_sim_writer_string (w, "now", now);
  ioc_sim_writer_int (w, "seed", (gint64) self->config.seed);
  ioc_sim_writer_string (w, "open311", o);
  ioc_sim_writer_string (w, "sensorthings", s);
  ioc_sim_writer_string (w, "tthc", t);
  ioc_sim_writer_end_object (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

/* /media/PA-24-000123-2.png: only photos that a complaint lists exist. */
static void
handle_media (IocSimServer *self, IocSimExchange *ex, const char *name)
{
  g_autofree char *stem = NULL;
  const char *dash;
  gint64 k;
  sqlite3_stmt *st;
  gboolean found = FALSE;

  if (!g_str_has_suffix (name, ".png"))
    {
      ioc_sim_tthc_error (ex, 404, "Not found");
      return;
    }
  stem = g_strndup (name, strlen (name) - 4);
  dash = strrchr (stem, '-');
  if (dash == NULL || dash == stem)
    {
      ioc_sim_tthc_error (ex, 404, "Not found");
      return;
    }
  k = g_ascii_strtoll (dash + 1, NULL, 10);
  st = ioc_sim_dataset_prepare (self->dataset,
    "SELECT n_media FROM requests WHERE srid = ?1 AND requested <= ?2");
  sqlite3_bind_text (st, 1, stem, (int) (dash - stem), SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, ioc_sim_dataset_now (self->dataset));
  if (sqlite3_step (st) == SQLITE_ROW && k >= 1 && k <= sqlite3_column_int64 (st, 0))
    found = TRUE;
  sqlite3_reset (st);
  if (!found)
    {
      ioc_sim_tthc_error (ex, 404, "Not found");
      return;
    }
  ioc_sim_exchange_set_bytes (ex, 200, "image/png",
                              ioc_sim_photo_png (self->config.seed, stem, 160, 120));
}

static void
write_clock (IocSimServer *self, IocSimExchange *ex)
{
  IocSimWriter *w = ioc_sim_writer_new (IOC_SIM_FORMAT_JSON);
  char now[IOC_SIM_ISO_LEN];

  ioc_sim_calendar_format (ioc_sim_dataset_now (self->dataset), now);
  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_string (w, "now", now);
  ioc_sim_writer_double (w, "speed", ioc_sim_clock_speed (self->clock), 3);
  ioc_sim_writer_int (w, "requests", ioc_sim_dataset_count_requests (self->dataset));
  ioc_sim_writer_end_object (w);
  ioc_sim_exchange_finish (ex, 200, w);
  ex->no_cache = TRUE;
}

static void
handle_control (IocSimServer *self, IocSimExchange *ex, const char *what)
{
  g_autoptr(GError) error = NULL;

  ex->no_cache = TRUE;
  if (g_str_equal (what, "faults"))
    {
      g_autofree char *json = NULL;

      if (g_str_equal (ex->method, "DELETE"))
        ioc_sim_faults_reset (self->faults);
      else if (g_str_equal (ex->method, "POST")
               && !ioc_sim_faults_set_json (self->faults, ex->body != NULL ? ex->body : "",
                                            ex->body_len, &error))
        {
          ioc_sim_tthc_error (ex, 400, error->message);
          return;
        }
      json = ioc_sim_faults_to_json (self->faults);
      ioc_sim_exchange_set_bytes (ex, 200, "application/json; charset=utf-8",
                                  g_bytes_new (json, strlen (json)));
    }
  else if (g_str_equal (what, "clock"))
    {
      if (g_str_equal (ex->method, "POST"))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonNode *root;
          JsonObject *obj;

          if (!json_parser_load_from_data (parser, ex->body != NULL ? ex->body : "",
                                           (gssize) ex->body_len, &error))
            {
              ioc_sim_tthc_error (ex, 400, error->message);
              return;
            }
          root = json_parser_get_root (parser);
          obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
          if (obj == NULL || !json_object_has_member (obj, "advance_s")
              || json_node_get_value_type (json_object_get_member (obj, "advance_s")) != G_TYPE_INT64
              || json_object_get_int_member (obj, "advance_s") < 0)
            {
              ioc_sim_tthc_error (ex, 400, "expected {\"advance_s\": seconds}");
              return;
            }
          ioc_sim_clock_advance (self->clock, json_object_get_int_member (obj, "advance_s"));
          ioc_sim_dataset_tick (self->dataset);
        }
      write_clock (self, ex);
    }
  else
    ioc_sim_tthc_error (ex, 404, "Unknown control");
}

/* Breaks the syntax in the middle of the document, whatever the format. */
static GBytes *
malform (GBytes *body)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  GString *s = g_string_new_len (data, (gssize) (len / 2));
  gsize n;

  g_string_append (s, "\"},{[<<&");
  g_string_append_len (s, data + len / 2, (gssize) (len - len / 2));
  n = s->len;
  return g_bytes_new_take (g_string_free (s, FALSE), n);
}

static gboolean
pending_fire (gpointer data)
{
  Pending *p = data;
  SoupMessageBody *body = soup_server_message_get_response_body (p->msg);

  if (!p->finished)
    {
      if (p->rest != NULL)
        {
          soup_message_body_append_bytes (body, p->rest);
          soup_message_body_complete (body);
        }
      soup_server_message_unpause (p->msg);
    }
  g_source_unref (p->source);
  p->source = NULL;
  g_hash_table_remove (p->server->pending, p);
  return G_SOURCE_REMOVE;
}

static void
pending_finished (SoupServerMessage *msg, gpointer data)
{
  Pending *p = data;

  p->finished = TRUE;
  g_signal_handler_disconnect (msg, p->handler);
  p->handler = 0;
}

static void
defer (IocSimServer *self, SoupServerMessage *msg, guint ms, GBytes *rest)
{
  Pending *p = g_new0 (Pending, 1);

  p->server = self;
  p->msg = g_object_ref (msg);
  p->rest = rest;
  p->handler = g_signal_connect (msg, "finished", G_CALLBACK (pending_finished), p);
  p->source = attach_timeout (self, ms, pending_fire, p);
  g_hash_table_add (self->pending, p);
  soup_server_message_pause (msg);
}

static char *
base_url (IocSimServer *self, SoupServerMessage *msg)
{
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Host");

  if (host != NULL && *host != '\0' && strpbrk (host, "/\\ \"<>") == NULL)
    return g_strdup_printf ("http://%s", host);
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

static gboolean
remote_is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *addr = soup_server_message_get_remote_address (msg);

  return addr != NULL && G_IS_INET_SOCKET_ADDRESS (addr)
         && g_inet_address_get_is_loopback (
              g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (addr)));
}

static void
server_callback (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  IocSimServer *self = data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *req_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp_headers = soup_server_message_get_response_headers (msg);
  g_autofree char *base = base_url (self, msg);
  g_autoptr(GBytes) req_body = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(IocSimExchange) ex = NULL;
  IocSimFaultPlan plan = { 0 };
  const char *rest = NULL;
  Proto proto = protocol_of (path, &rest);
  gboolean control = g_str_has_prefix (path, "/_control/");
  GBytes *body;
  gsize len;

  ioc_sim_dataset_tick (self->dataset);

  if (g_str_equal (method, "POST") || g_str_equal (method, "DELETE"))
    {
      const char *ctype = soup_message_headers_get_content_type (req_headers, NULL);

      req_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      if (ctype != NULL && g_ascii_strcasecmp (ctype, "application/x-www-form-urlencoded") == 0)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (req_body, NULL),
                                             g_bytes_get_size (req_body));

          form = soup_form_decode (text);
        }
    }
  ex = ioc_sim_exchange_new (method, rest, query, form, base);
  if (req_body != NULL)
    {
      ex->body = g_bytes_get_data (req_body, &ex->body_len);
    }

  if (!control)
    ioc_sim_faults_plan (self->faults, path, &plan);
  ex->mangle = plan.mangle;

  if (control)
    {
      if (!remote_is_loopback (msg))
        ioc_sim_tthc_error (ex, 403, "The control API answers loopback clients only");
      else
        handle_control (self, ex, path + strlen ("/_control/"));
    }
  else if (plan.error_status != 0)
    {
      protocol_error (proto, ex, plan.error_status, "Simulated server failure");
      if (plan.error_status == 503)
        soup_message_headers_replace (resp_headers, "Retry-After", "2");
    }
  else if (proto == PROTO_OPEN311)
    ioc_sim_open311_handle (self->open311, ex);
  else if (proto == PROTO_STA)
    ioc_sim_sensorthings_handle (self->sta, ex);
  else if (proto == PROTO_TTHC)
    ioc_sim_tthc_handle (self->tthc, ex);
  else if (g_str_has_prefix (path, "/media/") && (g_str_equal (method, "GET") || g_str_equal (method, "HEAD")))
    handle_media (self, ex, path + 7);
  else if (g_str_equal (path, "/") && g_str_equal (method, "GET"))
    handle_index (self, ex);
  else
    ioc_sim_tthc_error (ex, 404, "Not found");

  body = g_bytes_ref (ex->response);
  if (plan.malformed)
    {
      GBytes *spoilt = malform (body);

      g_bytes_unref (body);
      body = spoilt;
    }
  if (plan.truncated)
    {
      GBytes *cut = g_bytes_new_from_bytes (body, 0, g_bytes_get_size (body) / 2);

      g_bytes_unref (body);
      body = cut;
    }
  if (plan.oversized > g_bytes_get_size (body))
    {
      gsize old = g_bytes_get_size (body);
      guchar *big = g_malloc (plan.oversized);

      memcpy (big, g_bytes_get_data (body, NULL), old);
      memset (big + old, ' ', plan.oversized - old);
      g_bytes_unref (body);
      body = g_bytes_new_take (big, plan.oversized);
    }

  /* Strong ETag over the bytes sent: a client's If-None-Match gets 304. */
  if (ex->status == 200 && !ex->no_cache
      && (g_str_equal (method, "GET") || g_str_equal (method, "HEAD")))
    {
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, body);
      g_autofree char *etag = g_strdup_printf ("\"%.20s\"", sum);
      const char *inm = soup_message_headers_get_one (req_headers, "If-None-Match");

      soup_message_headers_replace (resp_headers, "ETag", etag);
      soup_message_headers_replace (resp_headers, "Cache-Control", "no-cache");
      if (inm != NULL && (strstr (inm, etag) != NULL || g_str_equal (inm, "*")))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          g_bytes_unref (body);
          if (plan.latency_ms > 0)
            defer (self, msg, plan.latency_ms, NULL);
          return;
        }
    }
  else
    soup_message_headers_replace (resp_headers, "Cache-Control", "no-store");

  soup_server_message_set_status (msg, ex->status, NULL);
  soup_message_headers_set_content_type (resp_headers, ex->content_type, NULL);
  len = g_bytes_get_size (body);
  if (plan.stall_ms > 0 && len > 1)
    {
      GBytes *first = g_bytes_new_from_bytes (body, 0, len / 2);
      GBytes *second = g_bytes_new_from_bytes (body, len / 2, len - len / 2);

      soup_message_headers_set_encoding (resp_headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), first);
      g_bytes_unref (first);
      defer (self, msg, plan.latency_ms + plan.stall_ms, second);
    }
  else
    {
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
      if (plan.latency_ms > 0)
        defer (self, msg, plan.latency_ms, NULL);
    }
  g_bytes_unref (body);
}

static gboolean
tick_cb (gpointer data)
{
  IocSimServer *self = data;

  ioc_sim_dataset_tick (self->dataset);
  return G_SOURCE_CONTINUE;
}

/**
 * ioc_sim_server_listen:
 *
 * Listens on 127.0.0.1 (or the configured address; a non-loopback address
 * needs listen_any, since the simulator accepts anyone's operator actions).
 */
gboolean
ioc_sim_server_listen (IocSimServer *self,
                       GError      **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  GSList *listeners;

  inet = g_inet_address_new_from_string (self->address);
  if (inet == NULL)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                   "“%s” is not an IP address", self->address);
      return FALSE;
    }
  if (!g_inet_address_get_is_loopback (inet) && !self->config.listen_any)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                   "refusing to listen on the non-loopback address %s without --listen-any",
                   self->address);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "ioc-feed-sim/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->soup, NULL, server_callback, self, NULL);
  if (self->config.listen_any && self->config.address == NULL)
    {
      if (!soup_server_listen_all (self->soup, self->config.port, 0, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (inet, (guint16) self->config.port);

      if (!soup_server_listen (self->soup, addr, 0, error))
        return FALSE;
    }
  /* From the listening socket itself: soup_server_get_uris () leaks in libsoup 3.2. */
  listeners = soup_server_get_listeners (self->soup);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (local != NULL && G_IS_INET_SOCKET_ADDRESS (local))
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);

  if (ioc_sim_clock_speed (self->clock) > 0)
    self->tick = attach_timeout (self, 1000, tick_cb, self);
  return TRUE;
}
