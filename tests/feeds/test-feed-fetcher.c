/* test-feed-fetcher.c — fetching and the three feed clients against a real
 * SoupServer on 127.0.0.1 (house style): pages, 304, 500, a stall, an
 * oversized body, garbage; IocFeedStatus transitions; the last good data
 * kept after a failure (feeds.md "General rules", "Bad input")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ioc-complaints-feed.h"
#include "ioc-environment-feed.h"
#include "ioc-feed-error.h"
#include "ioc-feed-fetcher.h"
#include "ioc-tthc-feed.h"

typedef enum {
  MODE_OK,
  MODE_500,
  MODE_GARBAGE,
  MODE_STALL,
  MODE_EMPTY,
} Mode;

typedef struct {
  SoupServer *server;
  char       *base;          /* http://127.0.0.1:PORT/ */
  Mode        mode;
  gboolean    xml_only;      /* Open311 server without .json */
  gboolean    ignore_paging; /* Open311 server without page/page_size */
  guint       stall_from_page; /* > 0: requests.json pages from this one stall */
  guint       fail_from_page;  /* > 0: requests.json pages from this one answer 500 */
  GDateTime  *started;
  guint       n_complaints;
  char       *status_of_a;   /* status of complaint "a" in servicerequestupdates */
  guint       requests_seen;
  guint       updates_seen;
  guint64     huge_written;
  GPtrArray  *paused;        /* SoupServerMessage: stalled, released at teardown */
  gboolean    tthc_etags;    /* TTHC answers carry an ETag and honour If-None-Match */
  guint       tthc_304s;     /* 304s the TTHC server sent */
} Server;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
huge_wrote_chunk (SoupServerMessage *msg,
                  guint              chunk_size,
                  gpointer           user_data)
{
  Server *s = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  static char chunk[64 * 1024];

  /* 100 MB, produced lazily: the client must stop long before. */
  if (s->huge_written < 100 * 1024 * 1024)
    {
      memset (chunk, 'x', sizeof chunk);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
      s->huge_written += sizeof chunk;
    }
  else
    soup_message_body_complete (body);
}

/* Complaint i was made i+1 hours before the server started. */
static GDateTime *
complaint_time (Server *s,
                guint   i)
{
  return g_date_time_add_hours (s->started, -(gint) (i + 1));
}

static char *
open311_requests (Server     *s,
                  GHashTable *query,
                  gboolean    xml)
{
  const char *page_s = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *size_s = query != NULL ? g_hash_table_lookup (query, "page_size") : NULL;
  const char *start_s = query != NULL ? g_hash_table_lookup (query, "start_date") : NULL;
  const char *end_s = query != NULL ? g_hash_table_lookup (query, "end_date") : NULL;
  g_autoptr(GDateTime) start = start_s != NULL ? g_date_time_new_from_iso8601 (start_s, NULL) : NULL;
  g_autoptr(GDateTime) end = end_s != NULL ? g_date_time_new_from_iso8601 (end_s, NULL) : NULL;
  guint page = page_s != NULL ? (guint) g_ascii_strtoull (page_s, NULL, 10) : 1;
  guint size = size_s != NULL ? (guint) g_ascii_strtoull (size_s, NULL, 10) : 100;
  GString *out = g_string_new (xml ? "<?xml version=\"1.0\"?><service_requests>" : "[");
  guint first, matched = 0, written = 0;

  s->requests_seen++;
  /* A server without paging answers every page with the first one. */
  if (s->ignore_paging)
    page = 1;
  first = (page - 1) * size;
  for (guint i = 0; i < s->n_complaints && written < size; i++)
    {
      char id[2] = { (char) ('a' + i), 0 };
      /* Consistent with the updates channel once "a" was closed there. */
      const char *status = i == 0 && s->updates_seen > 0 ? s->status_of_a : "open";
      g_autoptr(GDateTime) t = complaint_time (s, i);
      g_autofree char *iso = g_date_time_format_iso8601 (t);

      if ((start != NULL && g_date_time_compare (t, start) < 0) || (end != NULL && g_date_time_compare (t, end) > 0))
        continue;
      if (matched++ < first)
        continue;
      if (xml)
        g_string_append_printf (out, "<request><service_request_id>%s</service_request_id><status>%s</status>"
                                "<description>complaint %s</description><lat>10.38</lat><long>105.43</long>"
                                "<requested_datetime>%s</requested_datetime></request>",
                                id, status, id, iso);
      else
        g_string_append_printf (out, "%s{\"service_request_id\":\"%s\",\"status\":\"%s\",\"description\":\"complaint %s\","
                                "\"lat\":10.38,\"long\":105.43,\"requested_datetime\":\"%s\"}",
                                written > 0 ? "," : "", id, status, id, iso);
      written++;
    }
  g_string_append (out, xml ? "</service_requests>" : "]");
  return g_string_free (out, FALSE);
}

/* A 200, or with tthc_etags a 304 when If-None-Match names this body's tag
 * (the simulator's conditional answers, feeds.md "Conditional requests"). */
static void
tthc_respond (Server            *s,
              SoupServerMessage *msg,
              const char        *body)
{
  g_autofree char *etag = NULL;
  const char *inm;

  if (!s->tthc_etags)
    {
      respond (msg, 200, "application/json", body);
      return;
    }
  etag = g_strdup_printf ("\"%08x\"", g_str_hash (body));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
  if (g_strcmp0 (inm, etag) == 0)
    {
      s->tthc_304s++;
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }
  respond (msg, 200, "application/json", body);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Server *s = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  /* Transport-level tests. */
  if (g_str_equal (path, "/etag"))
    {
      const char *inm = soup_message_headers_get_one (request_headers, "If-None-Match");

      soup_message_headers_replace (response_headers, "ETag", "\"v1\"");
      if (g_strcmp0 (inm, "\"v1\"") == 0)
        soup_server_message_set_status (msg, 304, NULL);
      else
        respond (msg, 200, "application/json", "[1]");
      return;
    }
  if (g_str_equal (path, "/huge-declared"))
    {
      g_autofree char *big = g_malloc0 (3 * 1024 * 1024);

      memset (big, ' ', 3 * 1024 * 1024);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, big, 3 * 1024 * 1024);
      return;
    }
  if (g_str_equal (path, "/huge-chunked"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (huge_wrote_chunk), s);
      huge_wrote_chunk (msg, 0, s);
      return;
    }
  if (g_str_has_suffix (path, "/requests.json") && query != NULL && g_hash_table_lookup (query, "page") != NULL)
    {
      guint page = (guint) g_ascii_strtoull (g_hash_table_lookup (query, "page"), NULL, 10);

      if (s->stall_from_page > 0 && page >= s->stall_from_page)
        {
          s->requests_seen++;
          soup_server_message_pause (msg);
          g_ptr_array_add (s->paused, g_object_ref (msg));
          return;
        }
      if (s->fail_from_page > 0 && page >= s->fail_from_page)
        {
          s->requests_seen++;
          respond (msg, 500, "application/json", "[{\"code\":500,\"description\":\"Page store offline\"}]");
          return;
        }
    }
  if (g_str_equal (path, "/stall") || s->mode == MODE_STALL)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (s->paused, g_object_ref (msg));
      return;
    }
  if (s->mode == MODE_500)
    {
      respond (msg, 500, "application/json", "[{\"code\":500,\"description\":\"Database unavailable\"}]");
      return;
    }
  if (s->mode == MODE_GARBAGE)
    {
      respond (msg, 200, "application/json", "<html><body>Gateway error</body></html>\xff");
      return;
    }
  if (s->mode == MODE_EMPTY)
    {
      respond (msg, 200, "application/json", "");
      return;
    }

  /* Open311 */
  if (g_str_has_prefix (path, "/open311/v2/"))
    {
      const char *rest = path + strlen ("/open311/v2/");
      gboolean xml = g_str_has_suffix (rest, ".xml");

      if (s->xml_only && !xml)
        {
          respond (msg, 404, "text/plain", "Not Found");
          return;
        }
      if (g_str_has_prefix (rest, "services."))
        respond (msg, 200, xml ? "text/xml" : "application/json",
                 xml ? "<services><service><service_code>MT</service_code><service_name>Môi trường</service_name></service></services>"
                     : "[{\"service_code\":\"MT\",\"service_name\":\"Môi trường\"}]");
      else if (g_str_has_prefix (rest, "requests."))
        {
          g_autofree char *body = open311_requests (s, query, xml);
          respond (msg, 200, xml ? "text/xml" : "application/json", body);
        }
      else if (g_str_has_prefix (rest, "servicerequestupdates."))
        {
          g_autofree char *body = g_strdup_printf ("[{\"update_id\":\"u%u\",\"service_request_id\":\"a\",\"status\":\"%s\","
                                                   "\"updated_datetime\":\"2025-07-02T08:00:00+07:00\",\"description\":\"done\"},"
                                                   "{\"update_id\":\"u9\",\"service_request_id\":\"zz\",\"status\":\"open\"}]",
                                                   s->updates_seen, s->status_of_a);
          s->updates_seen++;
          respond (msg, 200, "application/json", body);
        }
      else if (g_str_equal (rest, "requests/zz.json"))
        respond (msg, 200, "application/json", "[{\"service_request_id\":\"zz\",\"status\":\"open\",\"description\":\"late\"}]");
      else
        respond (msg, 404, "application/json", "[{\"code\":404,\"description\":\"Not found\"}]");
      return;
    }

  /* SensorThings */
  if (g_str_has_prefix (path, "/sta/v1.1/"))
    {
      const char *rest = path + strlen ("/sta/v1.1/");
      const char *skip = query != NULL ? g_hash_table_lookup (query, "$skip") : NULL;

      if (g_str_equal (rest, "Things") && skip == NULL)
        {
          g_autofree char *body = g_strdup_printf (
            "{\"@iot.nextLink\":\"/sta/v1.1/Things?$skip=1\",\"value\":[{\"@iot.id\":1,\"name\":\"Long Xuyên\","
            "\"properties\":{\"station_kind\":\"air\"},"
            "\"Locations\":[{\"location\":{\"type\":\"Point\",\"coordinates\":[105.43,10.38]}}],"
            "\"Datastreams\":[{\"@iot.id\":11,\"name\":\"PM2.5\",\"unitOfMeasurement\":{\"symbol\":\"µg/m³\"},"
            "\"ObservedProperty\":{\"name\":\"PM2.5\"}}]}]}");
          respond (msg, 200, "application/json", body);
        }
      else if (g_str_equal (rest, "Things"))
        respond (msg, 200, "application/json",
                 "{\"value\":[{\"@iot.id\":2,\"name\":\"Châu Đốc\","
                 "\"Datastreams\":[{\"@iot.id\":21,\"name\":\"Mực nước\",\"unitOfMeasurement\":{\"symbol\":\"cm\"},"
                 "\"ObservedProperty\":{\"name\":\"water_level\"}}]}]}");
      else if (g_str_equal (rest, "Datastreams"))
        respond (msg, 200, "application/json",
                 "{\"value\":[{\"@iot.id\":11,\"name\":\"PM2.5\",\"Observations\":[{\"phenomenonTime\":\"2025-07-01T08:00:00+07:00\",\"result\":35.5}]},"
                 "{\"@iot.id\":21,\"name\":\"Mực nước\",\"Observations\":[{\"phenomenonTime\":\"2025-07-01T08:00:00+07:00\",\"result\":\"250\"}]}]}");
      else if (g_str_equal (rest, "Datastreams(11)/Observations"))
        {
          const char *filter = query != NULL ? g_hash_table_lookup (query, "$filter") : NULL;

          /* The incremental request asks for what came after the latest. */
          g_assert_nonnull (filter);
          g_assert_true (g_str_has_prefix (filter, "phenomenonTime gt 2025-07-01T01:00:00"));
          respond (msg, 200, "application/json",
                   "{\"value\":[{\"phenomenonTime\":\"2025-07-01T09:00:00+07:00\",\"result\":40},"
                   "{\"phenomenonTime\":\"2025-07-01T10:00:00+07:00\",\"result\":{\"bad\":1}}]}");
        }
      else if (g_str_equal (rest, "Datastreams(21)/Observations"))
        respond (msg, 200, "application/json", "{\"value\":[]}");
      else
        respond (msg, 404, "application/json", "{\"code\":404,\"type\":\"error\",\"message\":\"Not Found\"}");
      return;
    }

  /* TTHC */
  if (g_str_has_prefix (path, "/tthc/v1/"))
    {
      const char *rest = path + strlen ("/tthc/v1/");
      const char *from = query != NULL ? g_hash_table_lookup (query, "from") : NULL;
      const char *to = query != NULL ? g_hash_table_lookup (query, "to") : NULL;

      if (g_str_equal (rest, "units.json"))
        tthc_respond (s, msg,
                 "[{\"unit_id\":\"A\",\"name\":\"Phường Long Xuyên\",\"kind\":\"phuong\",\"commune_code\":\"30280\"}]");
      else if (g_str_equal (rest, "stats.json"))
        {
          g_autofree char *body = g_strdup_printf (
            "{\"period\":{\"from\":\"%s\",\"to\":\"%s\"},\"units\":[{\"unit_id\":\"A\",\"services_total\":1,"
            "\"services_partial_online\":0,\"services_full_online\":1,\"received\":2,\"received_online\":1,"
            "\"finished_early\":1,\"finished_on_time\":1,\"finished_late\":0,\"unfinished_in_time\":0,"
            "\"unfinished_overdue\":0,\"fee_bearing\":0,\"paid_online\":0,\"results_electronic\":1,\"digitised\":1,"
            "\"reused_digitised\":0,\"synced_national\":2,\"complained_or_disliked\":0}]}", from, to);
          tthc_respond (s, msg, body);
        }
      else if (g_str_equal (rest, "daily.json"))
        {
          g_autofree char *body = g_strdup_printf (
            "{\"period\":{\"from\":\"%s\",\"to\":\"%s\"},\"unit_id\":null,\"days\":[{\"date\":\"%s\",\"received\":2,"
            "\"received_online\":1,\"finished_early\":1,\"finished_on_time\":1,\"finished_late\":0,\"unfinished_in_time\":0,"
            "\"unfinished_overdue\":0,\"fee_bearing\":0,\"paid_online\":0,\"results_electronic\":1,\"digitised\":1,"
            "\"reused_digitised\":0,\"synced_national\":2,\"complained_or_disliked\":0}]}", from, to, to);
          tthc_respond (s, msg, body);
        }
      else if (g_str_equal (rest, "dossiers.json"))
        {
          const char *t = g_hash_table_lookup (query, "timeliness");

          if (g_strcmp0 (t, "overdue") == 0)
            tthc_respond (s, msg,
                     "[{\"dossier_id\":\"D1\",\"procedure_code\":\"1.1\",\"procedure_name\":\"P\",\"unit_id\":\"A\","
                     "\"received_at\":\"2025-07-01T08:00:00+07:00\",\"due_at\":\"2025-07-03T17:00:00+07:00\",\"status_code\":4,\"channel\":1}]");
          else
            tthc_respond (s, msg, "[]");
        }
      else
        respond (msg, 404, "application/json", "{\"code\":404,\"message\":\"Unknown resource\"}");
      return;
    }

  respond (msg, 404, "text/plain", "Not Found");
}

static Server *
server_new (void)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->server = soup_server_new (NULL, NULL);
  s->paused = g_ptr_array_new_with_free_func (g_object_unref);
  s->n_complaints = 5;
  s->started = g_date_time_new_now_utc ();
  s->status_of_a = g_strdup ("closed");
  soup_server_add_handler (s->server, NULL, handler, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  g_assert_nonnull (uris);
  s->base = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return s;
}

static void
server_free (Server *s)
{
  for (guint i = 0; i < s->paused->len; i++)
    {
      respond (s->paused->pdata[i], 503, "text/plain", "bye");
      soup_server_message_unpause (s->paused->pdata[i]);
    }
  g_ptr_array_unref (s->paused);
  soup_server_disconnect (s->server);
  g_object_unref (s->server);
  g_free (s->base);
  g_free (s->status_of_a);
  g_date_time_unref (s->started);
  g_free (s);
}

static void
iterate_until (gboolean *flag,
               guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*flag);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- the fetcher ------------------------------------------------------- */

typedef struct {
  gboolean         done;
  IocFeedResponse *response;
  GError          *error;
} Fetch;

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *f = user_data;

  f->response = ioc_feed_fetcher_get_finish (IOC_FEED_FETCHER (source), result, &f->error);
  f->done = TRUE;
}

static IocFeedResponse *
fetch (IocFeedFetcher *fetcher,
       const char     *url,
       const char     *etag,
       GCancellable   *cancellable,
       GError        **error)
{
  Fetch f = { 0, };

  ioc_feed_fetcher_get_async (fetcher, url, etag, NULL, cancellable, fetch_cb, &f);
  iterate_until (&f.done, 30);
  if (f.error != NULL)
    g_propagate_error (error, f.error);
  return f.response;
}

static void
test_fetcher_conditional (void)
{
  Server *s = server_new ();
  g_autoptr(IocFeedFetcher) fetcher = ioc_feed_fetcher_new (NULL);
  g_autofree char *url = g_strconcat (s->base, "etag", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocFeedResponse) first = fetch (fetcher, url, NULL, NULL, &error);
  g_autoptr(IocFeedResponse) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (first->etag, ==, "\"v1\"");
  g_assert_cmpmem (g_bytes_get_data (first->body, NULL), g_bytes_get_size (first->body), "[1]", 3);
  second = fetch (fetcher, url, first->etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (second->not_modified);
  g_assert_null (second->body);
  server_free (s);
}

static void
test_fetcher_limits (void)
{
  Server *s = server_new ();
  g_autoptr(IocFeedFetcher) fetcher = ioc_feed_fetcher_new (NULL);
  g_autofree char *declared = g_strconcat (s->base, "huge-declared", NULL);
  g_autofree char *chunked = g_strconcat (s->base, "huge-chunked", NULL);
  g_autofree char *stall = g_strconcat (s->base, "stall", NULL);
  g_autoptr(GError) error = NULL;
  IocFeedResponse *r;
  gint64 start;

  ioc_feed_fetcher_set_max_body_size (fetcher, 1024 * 1024);
  r = fetch (fetcher, declared, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_TOO_LARGE);
  g_clear_error (&error);

  r = fetch (fetcher, chunked, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  /* The client stopped reading: far less than 100 MB went out. */
  g_assert_cmpuint (s->huge_written, <, 50 * 1024 * 1024);

  ioc_feed_fetcher_set_timeout (fetcher, 1);
  start = g_get_monotonic_time ();
  r = fetch (fetcher, stall, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "The server did not answer within 1 second");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);
  server_free (s);
}

static void
cancel_soon (GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_fetcher_cancel (void)
{
  Server *s = server_new ();
  g_autoptr(IocFeedFetcher) fetcher = ioc_feed_fetcher_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *stall = g_strconcat (s->base, "stall", NULL);
  g_autoptr(GError) error = NULL;
  IocFeedResponse *r;

  g_timeout_add_once (200, (GSourceOnceFunc) cancel_soon, cancellable);
  r = fetch (fetcher, stall, NULL, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_CANCELLED);
  server_free (s);
}

static void
test_fetcher_url_policy (void)
{
  g_autoptr(IocFeedFetcher) fetcher = ioc_feed_fetcher_new (NULL);
  static const struct {
    const char *url;
    gboolean    allowed;
  } cases[] = {
    { "https://ioc.angiang.gov.vn/open311/v2/", TRUE },
    { "http://127.0.0.1:8080/open311/v2/", TRUE },
    { "http://127.1.2.3/", TRUE },
    { "http://localhost/", TRUE },
    { "http://[::1]:8080/", TRUE },
    { "http://ioc.angiang.gov.vn/", FALSE },
    { "http://10.0.0.1/", FALSE },
    { "ftp://127.0.0.1/", FALSE },
    { "file:///etc/passwd", FALSE },
    { "not a url", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (ioc_feed_fetcher_check_url (fetcher, cases[i].url, &error), ==, cases[i].allowed);
      if (!cases[i].allowed)
        g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INSECURE);
    }
  /* Only when the operator explicitly allows it. */
  ioc_feed_fetcher_set_allow_insecure_http (fetcher, TRUE);
  g_assert_true (ioc_feed_fetcher_check_url (fetcher, "http://ioc.angiang.gov.vn/", NULL));
  g_assert_false (ioc_feed_fetcher_check_url (fetcher, "ftp://ioc.angiang.gov.vn/", NULL));
}

/* ---- feed clients ------------------------------------------------------ */

typedef struct {
  gboolean  finished;
  gboolean  success;
  GArray   *states;
} Watch;

static void
poll_finished_cb (IocFeedClient *client,
                  gboolean       success,
                  Watch         *w)
{
  w->finished = TRUE;
  w->success = success;
}

static void
state_cb (IocFeedStatus *status,
          GParamSpec    *pspec,
          Watch         *w)
{
  IocFeedState state = ioc_feed_status_get_state (status);

  if (w->states->len == 0 || g_array_index (w->states, IocFeedState, w->states->len - 1) != state)
    g_array_append_val (w->states, state);
}

static void
watch_init (Watch         *w,
            IocFeedClient *client)
{
  w->states = g_array_new (FALSE, FALSE, sizeof (IocFeedState));
  g_signal_connect (client, "poll-finished", G_CALLBACK (poll_finished_cb), w);
  g_signal_connect (ioc_feed_client_get_status (client), "notify::state", G_CALLBACK (state_cb), w);
}

static gboolean
poll_once (IocFeedClient *client,
           Watch         *w)
{
  w->finished = FALSE;
  if (ioc_feed_client_get_running (client))
    ioc_feed_client_poll_now (client);
  else
    ioc_feed_client_start (client);
  iterate_until (&w->finished, 30);
  return w->success;
}

/* The complaints feed's updates step changes complaints in place: it must
 * announce them through the model ("items-updated"), or sorted views would
 * not move them. */
static void
note_updated (IocKeyedListModel *model,
              GPtrArray         *items,
              GPtrArray         *seen)
{
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (seen, g_strdup (ioc_complaint_get_service_request_id (items->pdata[i])));
}

static void
test_complaints_feed (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "open311/v2/", NULL);
  g_autoptr(IocComplaintsFeed) feed = ioc_complaints_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  GListModel *model = G_LIST_MODEL (ioc_complaints_feed_get_model (feed));
  IocFeedStatus *status = ioc_feed_client_get_status (client);
  g_autoptr(GDateTime) cached_at = g_date_time_new_utc (2025, 7, 1, 0, 0, 0);
  g_autoptr(GPtrArray) cached = g_ptr_array_new_with_free_func (g_object_unref);
  Watch w = { 0, };
  IocComplaint *a;
  g_autoptr(GPtrArray) updated = g_ptr_array_new_with_free_func (g_free);

  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  ioc_feed_client_set_backoff (client, 3600 * 1000, 3600 * 1000, 7);
  ioc_complaints_feed_set_page_size (feed, 2);

  /* Started from the cache: offline, with the cached complaint shown. */
  g_ptr_array_add (cached, ioc_complaint_new ("gone"));
  ioc_complaints_feed_load_cached (feed, cached, cached_at);
  g_assert_cmpint (ioc_feed_status_get_state (status), ==, IOC_FEED_STATE_OFFLINE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* First sync: services, then pages of 2 until the short page. */
  g_assert_true (poll_once (client, &w));
  g_assert_cmpint (ioc_feed_status_get_state (status), ==, IOC_FEED_STATE_LIVE);
  g_assert_cmpuint (s->requests_seen, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_null (ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (feed), "gone"));
  g_assert_cmpuint (ioc_complaints_feed_get_services (feed)->len, ==, 1);
  a = ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (feed), "a");
  g_assert_nonnull (a);
  g_assert_true (ioc_complaint_get_open (a));

  /* Incremental: the update closes "a" in place, and says so; "zz" is
   * fetched by id. */
  g_signal_connect (ioc_complaints_feed_get_model (feed), "items-updated", G_CALLBACK (note_updated), updated);
  g_assert_true (poll_once (client, &w));
  g_assert_true (g_ptr_array_find_with_equal_func (updated, "a", g_str_equal, NULL));
  g_signal_handlers_disconnect_by_data (ioc_complaints_feed_get_model (feed), updated);
  g_assert_cmpuint (s->updates_seen, ==, 1);
  g_assert_true (ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (feed), "a") == a);
  g_assert_false (ioc_complaint_get_open (a));
  g_assert_cmpint (ioc_complaint_get_status (a), ==, IOC_COMPLAINT_STATUS_RESOLVED);
  g_assert_nonnull (ioc_complaint_list_model_lookup (ioc_complaints_feed_get_model (feed), "zz"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);

  /* 5xx: error with the server's reason; the data stays. */
  s->mode = MODE_500;
  g_assert_false (poll_once (client, &w));
  g_assert_cmpint (ioc_feed_status_get_state (status), ==, IOC_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (ioc_feed_status_get_reason (status), "Database unavailable"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);

  /* Garbage and nothing: the same. */
  s->mode = MODE_GARBAGE;
  g_assert_false (poll_once (client, &w));
  g_test_message ("garbage: %s", ioc_feed_status_get_reason (status));
  g_assert_nonnull (strstr (ioc_feed_status_get_reason (status), "UTF-8"));
  s->mode = MODE_EMPTY;
  g_assert_false (poll_once (client, &w));
  g_assert_cmpstr (ioc_feed_status_get_reason (status), ==, "The response is empty");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);

  /* Recovery. */
  s->mode = MODE_OK;
  g_assert_true (poll_once (client, &w));
  g_assert_cmpint (ioc_feed_status_get_state (status), ==, IOC_FEED_STATE_LIVE);

  {
    static const IocFeedState expected[] = {
      IOC_FEED_STATE_OFFLINE, IOC_FEED_STATE_LIVE, IOC_FEED_STATE_ERROR, IOC_FEED_STATE_LIVE,
    };

    g_assert_cmpuint (w.states->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpint (g_array_index (w.states, IocFeedState, i), ==, expected[i]);
  }

  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

static void
test_complaints_feed_xml_fallback (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "open311/v2", NULL);
  g_autoptr(IocComplaintsFeed) feed = ioc_complaints_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  Watch w = { 0, };

  s->xml_only = TRUE;
  s->n_complaints = 3;
  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  g_assert_true (poll_once (client, &w));
  g_assert_cmpint (ioc_complaints_feed_get_format (feed), ==, IOC_OPEN311_FORMAT_XML);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ioc_complaints_feed_get_model (feed))), ==, 3);
  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

static void
test_complaints_feed_without_paging (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "open311/v2/", NULL);
  g_autoptr(IocComplaintsFeed) feed = ioc_complaints_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  Watch w = { 0, };

  /* At most 2 per answer and `page` ignored: the client splits the date
   * window until every answer is short, and still gets all 7. */
  s->ignore_paging = TRUE;
  s->n_complaints = 7;
  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  ioc_complaints_feed_set_page_size (feed, 2);
  g_assert_true (poll_once (client, &w));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ioc_complaints_feed_get_model (feed))), ==, 7);
  g_test_message ("%u requests", s->requests_seen);
  g_assert_cmpuint (s->requests_seen, <, 200);
  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

/* The next page is asked for while the current one is parsed. A sync cut
 * short — the next page fails, or the client stops while that request
 * hangs — must end cleanly: the error shown, the data kept, nothing left
 * running (ASan and the leak check in CI). */
static void
test_complaints_feed_prefetch_cut_short (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "open311/v2/", NULL);
  g_autoptr(IocComplaintsFeed) feed = ioc_complaints_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  IocFeedStatus *status = ioc_feed_client_get_status (client);
  Watch w = { 0, };
  gint64 give_up;

  s->n_complaints = 6;
  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  ioc_feed_client_set_backoff (client, 3600 * 1000, 3600 * 1000, 7);
  ioc_complaints_feed_set_page_size (feed, 2);

  /* Whole: pages 1–3 full, page 4 empty — each asked for once. */
  g_assert_true (poll_once (client, &w));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ioc_complaints_feed_get_model (feed))), ==, 6);
  g_test_message ("full sync of 6 in pages of 2: %u requests", s->requests_seen);
  g_assert_cmpuint (s->requests_seen, ==, 4);

  /* Page 2 fails: the poll fails with the server's reason. */
  ioc_feed_client_stop (client);
  drain ();
  g_clear_object (&feed);
  feed = ioc_complaints_feed_new (base, NULL, NULL);
  client = IOC_FEED_CLIENT (feed);
  status = ioc_feed_client_get_status (client);
  g_array_unref (w.states);
  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  ioc_feed_client_set_backoff (client, 3600 * 1000, 3600 * 1000, 7);
  ioc_complaints_feed_set_page_size (feed, 2);
  s->fail_from_page = 2;
  g_assert_false (poll_once (client, &w));
  g_assert_nonnull (strstr (ioc_feed_status_get_reason (status), "Page store offline"));

  /* Page 2 hangs: stopping the client ends the poll and its prefetch. */
  s->fail_from_page = 0;
  s->stall_from_page = 2;
  s->requests_seen = 0;
  ioc_feed_client_poll_now (client);
  give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (s->paused->len == 0 && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (s->paused->len, ==, 1);
  ioc_feed_client_stop (client);
  drain ();
  g_assert_cmpuint (s->requests_seen, ==, 2);

  g_array_unref (w.states);
  g_clear_object (&feed);
  server_free (s);
}

static void
test_stall_and_stale (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "open311/v2/", NULL);
  g_autoptr(IocFeedFetcher) fetcher = ioc_feed_fetcher_new (NULL);
  g_autoptr(IocComplaintsFeed) feed = NULL;
  IocFeedClient *client;
  IocFeedStatus *status;
  Watch w = { 0, };
  gint64 start;
  gboolean stale = FALSE;

  ioc_feed_fetcher_set_timeout (fetcher, 10);
  feed = ioc_complaints_feed_new (base, fetcher, NULL);
  client = IOC_FEED_CLIENT (feed);
  status = ioc_feed_client_get_status (client);
  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 1);
  g_assert_true (poll_once (client, &w));

  /* The server stalls: the main loop keeps running (we are iterating it),
   * and after 3 poll intervals without success the feed is stale. */
  s->mode = MODE_STALL;
  start = g_get_monotonic_time ();
  while (!stale && g_get_monotonic_time () - start < 8 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, TRUE);
      stale = ioc_feed_status_get_state (status) == IOC_FEED_STATE_STALE;
    }
  g_assert_true (stale);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);

  /* Shutdown cancels the stalled request. */
  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

static void
observations_cb (IocEnvironmentFeed *feed,
                 IocDatastream      *datastream,
                 GPtrArray          *observations,
                 guint              *count)
{
  *count += observations->len;
}

static void
test_environment_feed (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "sta/v1.1/", NULL);
  g_autoptr(IocEnvironmentFeed) feed = ioc_environment_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  GListModel *model = G_LIST_MODEL (ioc_environment_feed_get_model (feed));
  Watch w = { 0, };
  IocDatastream *pm;
  guint announced = 0;

  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  g_signal_connect (feed, "observations", G_CALLBACK (observations_cb), &announced);

  g_assert_true (poll_once (client, &w));
  /* Two Things pages through a host-relative @iot.nextLink. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  pm = ioc_environment_feed_find_datastream (feed, "11");
  g_assert_nonnull (pm);
  g_assert_cmpint (ioc_datastream_get_parameter (pm), ==, IOC_PARAMETER_PM25);
  g_assert_cmpfloat (ioc_datastream_get_latest (pm)->result, ==, 35.5);
  g_assert_cmpfloat (ioc_datastream_get_latest (ioc_environment_feed_find_datastream (feed, "21"))->result, ==, 250);
  g_assert_cmpuint (announced, ==, 2);

  /* Incremental: phenomenonTime gt the latest; a bad result is skipped. */
  g_assert_true (poll_once (client, &w));
  g_assert_cmpfloat (ioc_datastream_get_latest (pm)->result, ==, 40);
  g_assert_true (ioc_environment_feed_find_datastream (feed, "11") == pm);
  g_assert_cmpuint (ioc_feed_client_get_skipped (IOC_FEED_CLIENT (feed))->len, ==, 1);
  g_assert_cmpuint (announced, ==, 3);

  s->mode = MODE_500;
  g_assert_false (poll_once (client, &w));
  g_assert_cmpint (ioc_feed_status_get_state (ioc_feed_client_get_status (client)), ==, IOC_FEED_STATE_ERROR);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpfloat (ioc_datastream_get_latest (pm)->result, ==, 40);

  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

static void
changed_cb (IocTthcFeed *feed,
            guint       *count)
{
  (*count)++;
}

static void
test_tthc_feed (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "tthc/v1/", NULL);
  g_autoptr(IocTthcFeed) feed = ioc_tthc_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  Watch w = { 0, };
  guint changed = 0;

  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  g_signal_connect (feed, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (poll_once (client, &w));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ioc_tthc_feed_get_units (feed))), ==, 1);
  g_assert_cmpuint (ioc_tthc_feed_get_stats (feed)->len, ==, 1);
  g_assert_cmpuint (ioc_tthc_feed_get_daily (feed)->len, ==, 1);
  g_assert_cmpuint (ioc_tthc_feed_get_overdue (feed)->len, ==, 1);
  g_assert_cmpuint (ioc_tthc_feed_get_late (feed)->len, ==, 0);

  /* A failure keeps the last good counts. */
  s->mode = MODE_GARBAGE;
  g_assert_false (poll_once (client, &w));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (ioc_tthc_feed_get_stats (feed)->len, ==, 1);

  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

/* Regression: a 304 Not Modified to the conditional re-poll is "unchanged",
 * not an error (feeds.md "Conditional requests"): the poll succeeds, the
 * state stays live and the counts and dossiers are kept. */
static void
test_tthc_feed_not_modified (void)
{
  Server *s = server_new ();
  g_autofree char *base = g_strconcat (s->base, "tthc/v1/", NULL);
  g_autoptr(IocTthcFeed) feed = ioc_tthc_feed_new (base, NULL, NULL);
  IocFeedClient *client = IOC_FEED_CLIENT (feed);
  IocFeedStatus *status = ioc_feed_client_get_status (client);
  Watch w = { 0, };
  guint changed = 0;

  s->tthc_etags = TRUE;
  watch_init (&w, client);
  ioc_feed_client_set_poll_interval (client, 3600);
  g_signal_connect (feed, "changed", G_CALLBACK (changed_cb), &changed);

  for (guint round = 1; round <= 3; round++)
    {
      IocTthcDossier *d;

      g_assert_true (poll_once (client, &w));
      g_assert_cmpint (ioc_feed_status_get_state (status), ==, IOC_FEED_STATE_LIVE);
      g_assert_cmpuint (changed, ==, round);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ioc_tthc_feed_get_units (feed))), ==, 1);
      g_assert_cmpuint (ioc_tthc_feed_get_stats (feed)->len, ==, 1);
      g_assert_cmpuint (ioc_tthc_feed_get_daily (feed)->len, ==, 1);
      g_assert_cmpuint (ioc_tthc_feed_get_overdue (feed)->len, ==, 1);
      g_assert_cmpuint (ioc_tthc_feed_get_late (feed)->len, ==, 0);
      d = ioc_tthc_feed_get_overdue (feed)->pdata[0];
      g_assert_cmpstr (d->dossier_id, ==, "D1");
    }
  /* Rounds 2 and 3 were answered 304 for all five URLs. */
  g_assert_cmpuint (s->tthc_304s, ==, 10);
  /* Never left live. */
  g_assert_cmpuint (w.states->len, >=, 1);
  for (guint i = 0; i < w.states->len; i++)
    g_assert_cmpint (g_array_index (w.states, IocFeedState, i), !=, IOC_FEED_STATE_ERROR);

  ioc_feed_client_stop (client);
  drain ();
  g_array_unref (w.states);
  server_free (s);
}

/* The local cache's copy fills the feed like a poll, offline until then. */
static void
test_tthc_feed_load_cached (void)
{
  g_autoptr(IocTthcFeed) feed = ioc_tthc_feed_new ("http://127.0.0.1:9/tthc/v1/", NULL, NULL);
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  g_autoptr(GPtrArray) late = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2025, 7, 1, 1, 0, 0);
  guint changed = 0;

  g_ptr_array_add (stats, ioc_tthc_stats_new ("A"));
  g_ptr_array_add (stats, ioc_tthc_stats_new ("B"));
  g_ptr_array_add (late, ioc_tthc_dossier_new ("D9"));
  g_signal_connect (feed, "changed", G_CALLBACK (changed_cb), &changed);
  ioc_tthc_feed_load_cached (feed, NULL, stats, NULL, NULL, late, at);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (ioc_tthc_feed_get_stats (feed)->len, ==, 2);
  g_assert_cmpuint (ioc_tthc_feed_get_daily (feed)->len, ==, 0);
  g_assert_cmpuint (ioc_tthc_feed_get_late (feed)->len, ==, 1);
  /* Copies: the caller's arrays stay its own. */
  g_assert_true (ioc_tthc_feed_get_late (feed)->pdata[0] != late->pdata[0]);
  g_assert_cmpint (ioc_feed_status_get_state (ioc_feed_client_get_status (IOC_FEED_CLIENT (feed))),
                   ==, IOC_FEED_STATE_OFFLINE);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/fetcher/conditional", test_fetcher_conditional);
  g_test_add_func ("/feeds/fetcher/limits", test_fetcher_limits);
  g_test_add_func ("/feeds/fetcher/cancel", test_fetcher_cancel);
  g_test_add_func ("/feeds/fetcher/url-policy", test_fetcher_url_policy);
  g_test_add_func ("/feeds/client/complaints", test_complaints_feed);
  g_test_add_func ("/feeds/client/complaints-xml-fallback", test_complaints_feed_xml_fallback);
  g_test_add_func ("/feeds/client/complaints-without-paging", test_complaints_feed_without_paging);
  g_test_add_func ("/feeds/client/complaints-prefetch-cut-short", test_complaints_feed_prefetch_cut_short);
  g_test_add_func ("/feeds/client/stall-and-stale", test_stall_and_stale);
  g_test_add_func ("/feeds/client/environment", test_environment_feed);
  g_test_add_func ("/feeds/client/tthc", test_tthc_feed);
  g_test_add_func ("/feeds/client/tthc-not-modified", test_tthc_feed_not_modified);
  g_test_add_func ("/feeds/client/tthc-load-cached", test_tthc_feed_load_cached);

  return g_test_run ();
}
