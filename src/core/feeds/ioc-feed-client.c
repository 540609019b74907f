/* ioc-feed-client.c — polling, back-off and state shared by the feed clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-feed-backoff.h"
#include "ioc-feed-client.h"
#include "ioc-feed-error.h"

#define STALE_INTERVALS   3
#define BACKOFF_BASE_MS   2000
#define BACKOFF_MAX_MS    (15 * 60 * 1000)

typedef struct {
  char *etag;
  char *last_modified;
} Validators;

typedef struct
{
  IocFeedKind     kind;
  IocFeedStatus  *status;
  IocFeedFetcher *fetcher;
  IocFeedAdapter *adapter;
  char           *base_url;
  guint           poll_interval;
  IocFeedBackoff *backoff;
  GHashTable     *validators;   /* url → Validators */
  GPtrArray      *skipped;      /* reasons for records the last poll skipped */
  GCancellable   *cancellable;  /* of the poll in flight */
  guint           poll_id;
  guint           stale_id;
  gboolean        running;
  gboolean        polling;
} IocFeedClientPrivate;

enum {
  PROP_0,
  PROP_KIND,
  PROP_STATUS,
  PROP_BASE_URL,
  PROP_POLL_INTERVAL,
  PROP_FETCHER,
  PROP_ADAPTER,
  PROP_RUNNING,
  N_PROPS
};

enum {
  POLL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_PRIVATE (IocFeedClient, ioc_feed_client, G_TYPE_OBJECT)

static void
validators_free (gpointer data)
{
  Validators *v = data;

  g_free (v->etag);
  g_free (v->last_modified);
  g_free (v);
}

static void schedule_poll (IocFeedClient *self, guint delay_ms);

static void
ioc_feed_client_dispose (GObject *object)
{
  IocFeedClient *self = IOC_FEED_CLIENT (object);

  ioc_feed_client_stop (self);

  G_OBJECT_CLASS (ioc_feed_client_parent_class)->dispose (object);
}

static void
ioc_feed_client_finalize (GObject *object)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (IOC_FEED_CLIENT (object));

  g_clear_object (&priv->status);
  g_clear_object (&priv->fetcher);
  g_clear_object (&priv->adapter);
  g_clear_pointer (&priv->base_url, g_free);
  g_clear_pointer (&priv->backoff, ioc_feed_backoff_free);
  g_clear_pointer (&priv->validators, g_hash_table_unref);
  g_clear_pointer (&priv->skipped, g_ptr_array_unref);

  G_OBJECT_CLASS (ioc_feed_client_parent_class)->finalize (object);
}

static void
ioc_feed_client_constructed (GObject *object)
{
  IocFeedClient *self = IOC_FEED_CLIENT (object);
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  G_OBJECT_CLASS (ioc_feed_client_parent_class)->constructed (object);

  priv->status = ioc_feed_status_new (priv->kind);
  if (priv->fetcher == NULL)
    priv->fetcher = ioc_feed_fetcher_new (NULL);
  if (priv->adapter == NULL)
    priv->adapter = ioc_feed_adapter_new ();
}

static void
ioc_feed_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IocFeedClient *self = IOC_FEED_CLIENT (object);
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, priv->kind);
      break;
    case PROP_STATUS:
      g_value_set_object (value, priv->status);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, priv->base_url);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, priv->poll_interval);
      break;
    case PROP_FETCHER:
      g_value_set_object (value, priv->fetcher);
      break;
    case PROP_ADAPTER:
      g_value_set_object (value, priv->adapter);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, priv->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_feed_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IocFeedClient *self = IOC_FEED_CLIENT (object);
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KIND:
      priv->kind = (IocFeedKind) g_value_get_int (value);
      break;
    case PROP_BASE_URL:
      ioc_feed_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_POLL_INTERVAL:
      ioc_feed_client_set_poll_interval (self, g_value_get_uint (value));
      break;
    case PROP_FETCHER:
      g_set_object (&priv->fetcher, g_value_get_object (value));
      break;
    case PROP_ADAPTER:
      g_set_object (&priv->adapter, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_feed_client_class_init (IocFeedClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ioc_feed_client_dispose;
  object_class->finalize = ioc_feed_client_finalize;
  object_class->constructed = ioc_feed_client_constructed;
  object_class->get_property = ioc_feed_client_get_property;
  object_class->set_property = ioc_feed_client_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, IOC_N_FEED_KINDS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, IOC_TYPE_FEED_STATUS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, 24 * 3600, 60,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCHER] =
    g_param_spec_object ("fetcher", NULL, NULL, IOC_TYPE_FEED_FETCHER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADAPTER] =
    g_param_spec_object ("adapter", NULL, NULL, IOC_TYPE_FEED_ADAPTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POLL_FINISHED] =
    g_signal_new ("poll-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
ioc_feed_client_init (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  priv->poll_interval = 60;
  priv->backoff = ioc_feed_backoff_new (BACKOFF_BASE_MS, BACKOFF_MAX_MS, 0);
  priv->validators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, validators_free);
  priv->skipped = g_ptr_array_new_with_free_func (g_free);
}

/**
 * ioc_feed_client_get_skipped:
 *
 * Returns: (transfer none) (element-type utf8): why records of the last poll
 *   were skipped ("record 3: “lat” is not a number"…), for the operator
 */
GPtrArray *
ioc_feed_client_get_skipped (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), NULL);
  return priv->skipped;
}

/**
 * ioc_feed_client_add_skipped:
 * @reasons: (element-type utf8): reasons from a parsed page, copied
 *
 * For subclasses: records what a page's parser skipped.
 */
void
ioc_feed_client_add_skipped (IocFeedClient *self,
                             GPtrArray     *reasons)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    g_ptr_array_add (priv->skipped, g_strdup (reasons->pdata[i]));
}

IocFeedStatus *
ioc_feed_client_get_status (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), NULL);
  return priv->status;
}

const char *
ioc_feed_client_get_base_url (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), NULL);
  return priv->base_url;
}

void
ioc_feed_client_set_base_url (IocFeedClient *self,
                              const char    *base_url)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  if (g_strcmp0 (priv->base_url, base_url) == 0)
    return;
  g_free (priv->base_url);
  priv->base_url = g_strdup (base_url);
  /* Validators belong to the old server. */
  g_hash_table_remove_all (priv->validators);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

guint
ioc_feed_client_get_poll_interval (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), 0);
  return priv->poll_interval;
}

static gboolean
stale_check_cb (gpointer user_data)
{
  IocFeedClient *self = user_data;
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);
  GDateTime *last = ioc_feed_status_get_last_success (priv->status);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* feeds.md: stale = last success older than 3 poll intervals. */
  if (last != NULL && ioc_feed_status_get_state (priv->status) == IOC_FEED_STATE_LIVE &&
      g_date_time_difference (now, last) > (GTimeSpan) STALE_INTERVALS * priv->poll_interval * G_USEC_PER_SEC)
    ioc_feed_status_set_stale (priv->status);
  return G_SOURCE_CONTINUE;
}

static void
restart_stale_check (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_clear_handle_id (&priv->stale_id, g_source_remove);
  if (priv->running)
    priv->stale_id = g_timeout_add_seconds (priv->poll_interval, stale_check_cb, self);
}

void
ioc_feed_client_set_poll_interval (IocFeedClient *self,
                                   guint          seconds)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  seconds = MAX (seconds, 1);
  if (priv->poll_interval == seconds)
    return;
  priv->poll_interval = seconds;
  restart_stale_check (self);
  if (priv->running && !priv->polling && priv->poll_id != 0)
    schedule_poll (self, seconds * 1000);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

IocFeedFetcher *
ioc_feed_client_get_fetcher (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), NULL);
  return priv->fetcher;
}

IocFeedAdapter *
ioc_feed_client_get_adapter (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), NULL);
  return priv->adapter;
}

gboolean
ioc_feed_client_get_running (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_val_if_fail (IOC_IS_FEED_CLIENT (self), FALSE);
  return priv->running;
}

void
ioc_feed_client_set_backoff (IocFeedClient *self,
                             guint          base_ms,
                             guint          max_ms,
                             guint32        seed)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  g_clear_pointer (&priv->backoff, ioc_feed_backoff_free);
  priv->backoff = ioc_feed_backoff_new (base_ms, max_ms, seed);
}

static void
run_poll (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  if (priv->polling)
    return;
  priv->polling = TRUE;
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (priv->skipped, 0);
  IOC_FEED_CLIENT_GET_CLASS (self)->poll (self, priv->cancellable);
}

static gboolean
poll_cb (gpointer user_data)
{
  IocFeedClient *self = user_data;
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  priv->poll_id = 0;
  run_poll (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (IocFeedClient *self,
               guint          delay_ms)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_clear_handle_id (&priv->poll_id, g_source_remove);
  if (priv->running)
    priv->poll_id = g_timeout_add (delay_ms, poll_cb, self);
}

/**
 * ioc_feed_client_start:
 *
 * Starts polling: now, then every poll interval (feeds.md "General rules").
 */
void
ioc_feed_client_start (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  if (priv->running)
    return;
  priv->running = TRUE;
  restart_stale_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  run_poll (self);
}

/**
 * ioc_feed_client_stop:
 *
 * Shutdown: cancels the request in flight and stops the timers. The models
 * keep their data.
 */
void
ioc_feed_client_stop (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  g_clear_handle_id (&priv->poll_id, g_source_remove);
  g_clear_handle_id (&priv->stale_id, g_source_remove);
  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  if (priv->running)
    {
      priv->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

void
ioc_feed_client_poll_now (IocFeedClient *self)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  g_clear_handle_id (&priv->poll_id, g_source_remove);
  run_poll (self);
}

void
ioc_feed_client_show_cached (IocFeedClient *self,
                             GDateTime     *cached_at)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));
  ioc_feed_status_set_offline (priv->status, cached_at);
}

char *
ioc_feed_client_build_url (IocFeedClient *self,
                           const char    *path_and_query)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);
  const char *base = priv->base_url != NULL ? priv->base_url : "";

  if (g_str_has_suffix (base, "/"))
    return g_strconcat (base, path_and_query, NULL);
  return g_strconcat (base, "/", path_and_query, NULL);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IocFeedClient *self = g_task_get_source_object (task);
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);
  GError *error = NULL;
  IocFeedResponse *response;

  response = ioc_feed_fetcher_get_finish (IOC_FEED_FETCHER (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (response->status >= 200 && response->status < 300 && (response->etag != NULL || response->last_modified != NULL))
    {
      Validators *v = g_new0 (Validators, 1);

      v->etag = g_strdup (response->etag);
      v->last_modified = g_strdup (response->last_modified);
      g_hash_table_replace (priv->validators, g_strdup (g_task_get_task_data (task)), v);
    }
  g_task_return_pointer (task, response, (GDestroyNotify) ioc_feed_response_free);
}

/**
 * ioc_feed_client_fetch_async:
 *
 * A GET that is conditional on the validators of the last 2xx answer for
 * the same URL (feeds.md "Conditional requests").
 */
void
ioc_feed_client_fetch_async (IocFeedClient       *self,
                             const char          *url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);
  Validators *v;
  GTask *task;

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ioc_feed_client_fetch_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  v = g_hash_table_lookup (priv->validators, url);
  ioc_feed_fetcher_get_async (priv->fetcher, url,
                              v != NULL ? v->etag : NULL,
                              v != NULL ? v->last_modified : NULL,
                              cancellable, fetch_cb, task);
}

IocFeedResponse *
ioc_feed_client_fetch_finish (IocFeedClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  GBytes           *body;
  IocFeedParseFunc  func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gpointer result;

  result = job->func (job->body, job->data, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * ioc_feed_client_parse_async:
 *
 * House style "parsing on worker threads": @func runs in the GTask thread
 * pool; the result is delivered on the caller's main context. Once
 * @cancellable is cancelled, ioc_feed_client_parse_finish() fails with
 * G_IO_ERROR_CANCELLED (GTask's check-cancellable) and the parsed result is
 * freed with @result_free: callers need no check of their own.
 */
void
ioc_feed_client_parse_async (IocFeedClient       *self,
                             GBytes              *body,
                             IocFeedParseFunc     func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             GDestroyNotify       result_free,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseJob *job;

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  job = g_new0 (ParseJob, 1);
  job->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ioc_feed_client_parse_async);
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (task, parse_thread);
}

gpointer
ioc_feed_client_parse_finish (IocFeedClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ioc_feed_client_poll_done:
 *
 * feeds.md "General rules": live after a success; after a failure the error
 * with its reason, the last good data kept, and a retry after exponential
 * back-off with full jitter.
 */
void
ioc_feed_client_poll_done (IocFeedClient *self,
                           const GError  *error)
{
  IocFeedClientPrivate *priv = ioc_feed_client_get_instance_private (self);
  gboolean cancelled;

  g_return_if_fail (IOC_IS_FEED_CLIENT (self));

  priv->polling = FALSE;
  cancelled = error != NULL &&
              (g_error_matches (error, IOC_FEED_ERROR, IOC_FEED_ERROR_CANCELLED) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  if (cancelled)
    return;

  if (error == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      ioc_feed_backoff_reset (priv->backoff);
      ioc_feed_status_set_live (priv->status, now);
      schedule_poll (self, priv->poll_interval * 1000);
    }
  else
    {
      ioc_feed_status_set_error (priv->status, error->message);
      schedule_poll (self, ioc_feed_backoff_next_delay (priv->backoff));
    }
  g_signal_emit (self, signals[POLL_FINISHED], 0, error == NULL);
}
