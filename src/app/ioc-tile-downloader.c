/* ioc-tile-downloader.c — raster tiles over HTTP, cached on disk, that say
 * who is asking and tell when they fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ioc-tile-downloader.h"

/* Why not ShumateTileDownloader: libshumate 1.0.3 sends "libshumate/1.0.3" as
 * its user agent whatever the application sets, and drops download errors
 * silently. The OpenStreetMap tile policy wants the application identified,
 * and the map page must know when tiles fail so it can fall back to the
 * offline base map. The disk cache is libshumate's own ShumateFileCache, so
 * the policy's "cache tiles" is kept: a cached tile younger than 7 days is
 * not fetched again, an older one is revalidated with If-None-Match /
 * If-Modified-Since, and a stale one is still shown when the network fails. */

#define CACHE_SIZE_LIMIT (200 * 1000 * 1000)
#define MAX_AGE (7 * G_TIME_SPAN_DAY)
#define MAX_TILE_BYTES (4 * 1024 * 1024)

struct _IocTileDownloader
{
  ShumateDataSource  parent_instance;
  char              *url_template;
  SoupSession       *session;
  ShumateFileCache  *cache;
  guint              n_failures;
  guint              n_loaded;
};

G_DEFINE_FINAL_TYPE (IocTileDownloader, ioc_tile_downloader, SHUMATE_TYPE_DATA_SOURCE)

enum { TILE_FAILED, TILE_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  int         x, y, z;
  GBytes     *cached;
  char       *etag;
  GDateTime  *modtime;
  SoupMessage *msg;
} Request;

static void
request_free (Request *r)
{
  g_clear_pointer (&r->cached, g_bytes_unref);
  g_clear_pointer (&r->etag, g_free);
  g_clear_pointer (&r->modtime, g_date_time_unref);
  g_clear_object (&r->msg);
  g_free (r);
}

/* "{z}/{x}/{y}" as in the settings (and most tile servers' documentation). */
static char *
expand_url (const char *template,
            int         x,
            int         y,
            int         z)
{
  GString *s = g_string_new (NULL);
  const char *p;

  for (p = template; *p; p++)
    {
      if (p[0] == '{' && p[1] != '\0' && p[2] == '}' && strchr ("xyz", p[1]))
        {
          g_string_append_printf (s, "%d", p[1] == 'x' ? x : p[1] == 'y' ? y : z);
          p += 2;
        }
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* Only images reach the raster renderer: it would warn on anything else
 * (an HTML error page served with 200, a captive portal). */
static gboolean
looks_like_image (GBytes *bytes)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);

  if (len >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;
  if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    return TRUE;
  if (len >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return TRUE;
  return FALSE;
}

static void
finish_with_bytes (GTask  *task,
                   GBytes *bytes)
{
  IocTileDownloader *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);

  /* The raster renderer takes the image from this signal. */
  g_signal_emit_by_name (self, "received-data", r->x, r->y, r->z, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
fail (GTask  *task,
      GError *error)
{
  IocTileDownloader *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);

  if (r->cached != NULL)
    {
      /* Better an old tile than none. */
      finish_with_bytes (task, r->cached);
      g_error_free (error);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->n_failures++;
      g_signal_emit (self, signals[TILE_FAILED], 0, error->message);
    }
  g_task_return_error (task, error);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* A full disk only costs a download next time. */
  shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (object), result, NULL);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IocTileDownloader *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  guint status;

  if (body == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (r->msg);
  if (status == SOUP_STATUS_NOT_MODIFIED && r->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache, r->x, r->y, r->z);
      self->n_loaded++;
      g_signal_emit (self, signals[TILE_LOADED], 0);
      finish_with_bytes (task, r->cached);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u %s", status,
                               soup_status_get_phrase (status)));
      return;
    }
  if (g_bytes_get_size (body) > MAX_TILE_BYTES || !looks_like_image (body))
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                       "the tile server did not send an image"));
      return;
    }
  shumate_file_cache_store_tile_async (self->cache, r->x, r->y, r->z, body,
                                       soup_message_headers_get_one (soup_message_get_response_headers (r->msg), "ETag"),
                                       NULL, on_stored, NULL);
  self->n_loaded++;
  g_signal_emit (self, signals[TILE_LOADED], 0);
  finish_with_bytes (task, body);
}

static void
fetch (GTask *task)
{
  IocTileDownloader *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autofree char *uri = expand_url (self->url_template, r->x, r->y, r->z);
  SoupMessageHeaders *headers;

  r->msg = soup_message_new (SOUP_METHOD_GET, uri);
  if (r->msg == NULL)
    {
      fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "invalid tile address %s", uri));
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_request_headers (r->msg);
  if (r->etag != NULL)
    soup_message_headers_append (headers, "If-None-Match", r->etag);
  else if (r->modtime != NULL)
    {
      g_autofree char *since = g_date_time_format (r->modtime, "%a, %d %b %Y %H:%M:%S GMT");

      soup_message_headers_append (headers, "If-Modified-Since", since);
    }
  soup_session_send_and_read_async (self->session, r->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_read, task);
}

static void
on_cache_lookup (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);

  r->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object),
                                                  &r->etag, &r->modtime, result, NULL);
  if (r->cached != NULL && !looks_like_image (r->cached))
    g_clear_pointer (&r->cached, g_bytes_unref);
  if (r->cached != NULL && r->modtime != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (g_date_time_difference (now, r->modtime) < MAX_AGE)
        {
          finish_with_bytes (task, r->cached);
          g_object_unref (task);
          return;
        }
    }
  fetch (task);   /* keeps the reference */
}

static void
ioc_tile_downloader_get_tile_data_async (ShumateDataSource   *source,
                                         int                  x,
                                         int                  y,
                                         int                  zoom_level,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  IocTileDownloader *self = IOC_TILE_DOWNLOADER (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);

  g_task_set_source_tag (task, ioc_tile_downloader_get_tile_data_async);
  r->x = x;
  r->y = y;
  r->z = zoom_level;
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  shumate_file_cache_get_tile_async (self->cache, x, y, zoom_level, cancellable,
                                     on_cache_lookup, task);
}

static GBytes *
ioc_tile_downloader_get_tile_data_finish (ShumateDataSource  *source,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ioc_tile_downloader_finalize (GObject *object)
{
  IocTileDownloader *self = IOC_TILE_DOWNLOADER (object);

  g_free (self->url_template);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (ioc_tile_downloader_parent_class)->finalize (object);
}

static void
ioc_tile_downloader_class_init (IocTileDownloaderClass *klass)
{
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ioc_tile_downloader_finalize;
  source_class->get_tile_data_async = ioc_tile_downloader_get_tile_data_async;
  source_class->get_tile_data_finish = ioc_tile_downloader_get_tile_data_finish;

  /**
   * IocTileDownloader::tile-failed:
   * @message: why, for the log
   *
   * A tile could be neither downloaded nor taken from the cache.
   */
  signals[TILE_FAILED] = g_signal_new ("tile-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * IocTileDownloader::tile-loaded:
   *
   * A tile came from the network (or was confirmed unchanged).
   */
  signals[TILE_LOADED] = g_signal_new ("tile-loaded", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static void
ioc_tile_downloader_init (IocTileDownloader *self)
{
}

/**
 * ioc_tile_downloader_new:
 * @url_template: the `map-tile-url` setting, with {z}, {x} and {y}
 *
 * At most two connections to the tile server and a disk cache, as the
 * OpenStreetMap tile usage policy asks (issue "The map").
 *
 * Returns: (transfer full): the data source
 */
IocTileDownloader *
ioc_tile_downloader_new (const char *url_template)
{
  IocTileDownloader *self = g_object_new (IOC_TYPE_TILE_DOWNLOADER, NULL);
  g_autofree char *key = NULL;

  self->url_template = g_strdup (url_template);
  key = g_strcanon (g_strdup (url_template),
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", '_');
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, key, NULL);
  self->session = soup_session_new_with_options ("user-agent", IOC_TILE_USER_AGENT,
                                                 "max-conns-per-host", 2,
                                                 "max-conns", 2,
                                                 "timeout", 20,
                                                 NULL);
  return self;
}

const char *
ioc_tile_downloader_get_url_template (IocTileDownloader *self)
{
  return self->url_template;
}

guint
ioc_tile_downloader_get_n_failures (IocTileDownloader *self)
{
  return self->n_failures;
}

guint
ioc_tile_downloader_get_n_loaded (IocTileDownloader *self)
{
  return self->n_loaded;
}
