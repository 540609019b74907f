/* ioc-feed-fetcher.c — one bounded, conditional, cancellable HTTP GET
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-feed-error.h"
#include "ioc-feed-fetcher.h"

#define CHUNK_SIZE (64 * 1024)

struct _IocFeedFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout;
  gsize        max_body_size;
  gboolean     allow_insecure_http;
};

G_DEFINE_FINAL_TYPE (IocFeedFetcher, ioc_feed_fetcher, G_TYPE_OBJECT)

typedef struct {
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  GCancellable *cancellable;        /* ours: cancelled by the deadline or the caller's */
  GCancellable *caller_cancellable; /* nullable */
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
  guint         timeout;
  gsize         max_body_size;
} Request;

void
ioc_feed_response_free (IocFeedResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->url);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->content_type);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response);
}

/**
 * ioc_feed_response_to_error:
 * @read_error_body: (nullable): the protocol's error-body reader
 *
 * An unusable answer as an error an operator can read: the server's own
 * reason when its body is the protocol's error body, else the HTTP status.
 *
 * Returns: (transfer full): the error
 */
GError *
ioc_feed_response_to_error (IocFeedResponse      *response,
                            IocFeedErrorBodyFunc  read_error_body)
{
  g_return_val_if_fail (response != NULL, NULL);

  if (read_error_body != NULL && response->body != NULL)
    {
      GError *error = NULL;

      if (read_error_body (g_bytes_get_data (response->body, NULL),
                           g_bytes_get_size (response->body), &error) && error != NULL)
        return error;
      g_clear_error (&error);
    }
  return g_error_new (IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER,
                      _("The server answered with HTTP status %u (%s)"),
                      response->status, soup_status_get_phrase (response->status));
}

static void
request_free (Request *request)
{
  g_clear_handle_id (&request->timeout_id, g_source_remove);
  if (request->caller_handler != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->caller_handler);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

static void
ioc_feed_fetcher_finalize (GObject *object)
{
  IocFeedFetcher *self = IOC_FEED_FETCHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (ioc_feed_fetcher_parent_class)->finalize (object);
}

static void
ioc_feed_fetcher_class_init (IocFeedFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_feed_fetcher_finalize;
}

static void
ioc_feed_fetcher_init (IocFeedFetcher *self)
{
  self->timeout = IOC_FEED_FETCHER_DEFAULT_TIMEOUT;
  self->max_body_size = IOC_FEED_FETCHER_DEFAULT_MAX_BODY_SIZE;
}

IocFeedFetcher *
ioc_feed_fetcher_new (SoupSession *session)
{
  IocFeedFetcher *self = g_object_new (IOC_TYPE_FEED_FETCHER, NULL);

  if (session != NULL)
    self->session = g_object_ref (session);
  else
    /* TLS checks stay at libsoup's defaults (system trust, verified). */
    self->session = soup_session_new_with_options ("user-agent", "IOC-AnGiang/" PACKAGE_VERSION " ",
                                                   NULL);
  return self;
}

SoupSession *
ioc_feed_fetcher_get_session (IocFeedFetcher *self)
{
  g_return_val_if_fail (IOC_IS_FEED_FETCHER (self), NULL);
  return self->session;
}

guint
ioc_feed_fetcher_get_timeout (IocFeedFetcher *self)
{
  g_return_val_if_fail (IOC_IS_FEED_FETCHER (self), 0);
  return self->timeout;
}

void
ioc_feed_fetcher_set_timeout (IocFeedFetcher *self,
                              guint           seconds)
{
  g_return_if_fail (IOC_IS_FEED_FETCHER (self));
  self->timeout = MAX (seconds, 1);
}

gsize
ioc_feed_fetcher_get_max_body_size (IocFeedFetcher *self)
{
  g_return_val_if_fail (IOC_IS_FEED_FETCHER (self), 0);
  return self->max_body_size;
}

void
ioc_feed_fetcher_set_max_body_size (IocFeedFetcher *self,
                                    gsize           bytes)
{
  g_return_if_fail (IOC_IS_FEED_FETCHER (self));
  self->max_body_size = MAX (bytes, 1);
}

gboolean
ioc_feed_fetcher_get_allow_insecure_http (IocFeedFetcher *self)
{
  g_return_val_if_fail (IOC_IS_FEED_FETCHER (self), FALSE);
  return self->allow_insecure_http;
}

void
ioc_feed_fetcher_set_allow_insecure_http (IocFeedFetcher *self,
                                          gboolean        allow)
{
  g_return_if_fail (IOC_IS_FEED_FETCHER (self));
  self->allow_insecure_http = !!allow;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      memmove (bare, bare + 1, strlen (bare));
      if (strlen (bare) > 0 && bare[strlen (bare) - 1] == ']')
        bare[strlen (bare) - 1] = '\0';
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
ioc_feed_fetcher_check_url (IocFeedFetcher  *self,
                            const char      *url,
                            GError         **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (IOC_IS_FEED_FETCHER (self), FALSE);

  uri = url != NULL ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INSECURE,
                   _("The feed address “%s” is not a valid URL"), url != NULL ? url : "");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 &&
      (self->allow_insecure_http || host_is_loopback (g_uri_get_host (uri))))
    return TRUE;
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INSECURE,
               _("The feed address must use HTTPS: “%s” would travel unencrypted"), url);
  return FALSE;
}

static void
fail (GTask   *task,
      GError  *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->stream != NULL)
    /* Stop the transfer; the rest of the body is never read. */
    g_input_stream_close_async (request->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static GError *
translate_error (Request *request,
                 GError  *error)
{
  GError *translated;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (request->timed_out)
        translated = g_error_new (IOC_FEED_ERROR, IOC_FEED_ERROR_TIMEOUT,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The server did not answer within %u second",
                                               "The server did not answer within %u seconds",
                                               request->timeout),
                                  request->timeout);
      else
        translated = g_error_new_literal (IOC_FEED_ERROR, IOC_FEED_ERROR_CANCELLED,
                                          _("The request was cancelled"));
    }
  else if (error->domain == G_TLS_ERROR)
    translated = g_error_new (IOC_FEED_ERROR, IOC_FEED_ERROR_INSECURE,
                              _("The server’s identity could not be verified: %s"), error->message);
  else
    translated = g_error_new (IOC_FEED_ERROR, IOC_FEED_ERROR_NETWORK,
                              _("Could not reach the server: %s"), error->message);
  g_error_free (error);
  return translated;
}

static GError *
too_large (Request *request)
{
  g_autofree char *limit = g_format_size (request->max_body_size);

  return g_error_new (IOC_FEED_ERROR, IOC_FEED_ERROR_TOO_LARGE,
                      _("The server’s answer is larger than the %s limit"), limit);
}

static void
finish (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  IocFeedResponse *response = g_new0 (IocFeedResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  const char *value;

  response->url = g_uri_to_string (soup_message_get_uri (request->message));
  response->status = soup_message_get_status (request->message);
  response->not_modified = response->status == SOUP_STATUS_NOT_MODIFIED;
  if (!response->not_modified)
    response->body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));
  if ((value = soup_message_headers_get_content_type (headers, NULL)) != NULL)
    response->content_type = g_strdup (value);
  if ((value = soup_message_headers_get_one (headers, "ETag")) != NULL)
    response->etag = g_strdup (value);
  if ((value = soup_message_headers_get_one (headers, "Last-Modified")) != NULL)
    response->last_modified = g_strdup (value);

  g_task_return_pointer (task, response, (GDestroyNotify) ioc_feed_response_free);
  g_object_unref (task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      fail (task, translate_error (request, error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish (task);
      return;
    }
  if (request->body->len + g_bytes_get_size (chunk) > request->max_body_size)
    {
      fail (task, too_large (request));
      return;
    }
  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (request->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, read_cb, task);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  IocFeedFetcher *self = g_task_get_source_object (task);
  GError *error = NULL;
  goffset length;
  g_autofree char *final_url = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      fail (task, translate_error (request, error));
      return;
    }

  /* A redirect must not lead to an insecure place either. */
  final_url = g_uri_to_string (soup_message_get_uri (request->message));
  if (!ioc_feed_fetcher_check_url (self, final_url, &error))
    {
      fail (task, error);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (request->message));
  if (length > 0 && (guint64) length > request->max_body_size)
    {
      fail (task, too_large (request));
      return;
    }
  request->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, read_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timeout_id = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

/**
 * ioc_feed_fetcher_get_async:
 *
 * feeds.md "General rules": a conditional GET with a deadline and a body
 * size limit, over HTTPS (or loopback HTTP).
 */
void
ioc_feed_fetcher_get_async (IocFeedFetcher      *self,
                            const char          *url,
                            const char          *etag,
                            const char          *last_modified,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Request *request;
  SoupMessageHeaders *headers;
  GError *error = NULL;

  g_return_if_fail (IOC_IS_FEED_FETCHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ioc_feed_fetcher_get_async);
  /* The task is completed by hand; the caller's cancellable reaches it
   * through ours so that the error says cancelled, not a socket error. */
  g_task_set_check_cancellable (task, FALSE);

  if (!ioc_feed_fetcher_check_url (self, url, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  request = g_new0 (Request, 1);
  request->timeout = self->timeout;
  request->max_body_size = self->max_body_size;
  request->message = soup_message_new (SOUP_METHOD_GET, url);
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, IOC_FEED_ERROR, IOC_FEED_ERROR_INSECURE,
                               _("The feed address “%s” is not a valid URL"), url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json, application/xml;q=0.9, */*;q=0.1");
  if (etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", etag);
  if (last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", last_modified);

  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                       request->cancellable, NULL);
    }
  request->timeout_id = g_timeout_add_seconds (self->timeout, deadline_cb, request);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, send_cb, task);
}

IocFeedResponse *
ioc_feed_fetcher_get_finish (IocFeedFetcher  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (IOC_IS_FEED_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
