/* ioc-tthc-feed.c — TTHC statistics client (feeds.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-feed-error.h"
#include "ioc-tthc-feed.h"

#define DOSSIER_PAGE 100
#define MAX_PAGES    100

struct _IocTthcFeed
{
  IocFeedClient         parent_instance;

  IocTthcUnitListModel *units;
  GPtrArray            *stats;
  GPtrArray            *daily;
  GPtrArray            *overdue;
  GPtrArray            *late;
  guint                 period_days;
  /* URL → GBytes: the last 2xx body that came with validators, so that a
   * 304 Not Modified to the conditional re-poll (feeds.md "Conditional
   * requests") is answered from it: every poll rebuilds the counts and
   * dossiers from one consistent set of pages. */
  GHashTable           *bodies;
};

G_DEFINE_FINAL_TYPE (IocTthcFeed, ioc_tthc_feed, IOC_TYPE_FEED_CLIENT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  STEP_UNITS,
  STEP_STATS,
  STEP_DAILY,
  STEP_OVERDUE,
  STEP_LATE,
  STEP_DONE,
} Step;

typedef struct {
  IocTthcFeed  *self;
  GCancellable *cancellable;
  Step          step;
  guint         page;
  char         *from;
  char         *to;
  GPtrArray    *stats;
  GPtrArray    *daily;
  GPtrArray    *overdue;
  GPtrArray    *late;
  char         *url;
  GHashTable   *used;   /* URLs read by this poll (set) */
} Poll;

static void poll_step (Poll *poll);

/* The feed's error body {code, message} carries the reason. */
static gboolean
read_tthc_error_body (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(IocTthcResult) result = ioc_tthc_parse_units (data, length, error);

  return result == NULL && error != NULL &&
         g_error_matches (*error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER);
}

static void
poll_free (Poll *poll)
{
  g_clear_object (&poll->cancellable);
  g_free (poll->from);
  g_free (poll->to);
  g_free (poll->url);
  g_clear_pointer (&poll->used, g_hash_table_unref);
  g_clear_pointer (&poll->stats, g_ptr_array_unref);
  g_clear_pointer (&poll->daily, g_ptr_array_unref);
  g_clear_pointer (&poll->overdue, g_ptr_array_unref);
  g_clear_pointer (&poll->late, g_ptr_array_unref);
  g_free (poll);
}

/* Bodies of URLs a successful poll no longer reads (yesterday's date range)
 * are dropped, so the cache does not grow day after day. */
static void
prune_bodies (IocTthcFeed *self,
              GHashTable  *used)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bodies);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (used, key))
      g_hash_table_iter_remove (&iter);
}

static void
poll_finish (Poll   *poll,
             GError *error)
{
  IocTthcFeed *self = poll->self;

  if (error == NULL)
    {
      /* All or nothing: the indicators are computed from one consistent set. */
      g_ptr_array_unref (self->stats);
      self->stats = g_steal_pointer (&poll->stats);
      g_ptr_array_unref (self->daily);
      self->daily = g_steal_pointer (&poll->daily);
      g_ptr_array_unref (self->overdue);
      self->overdue = g_steal_pointer (&poll->overdue);
      g_ptr_array_unref (self->late);
      self->late = g_steal_pointer (&poll->late);
      prune_bodies (self, poll->used);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  ioc_feed_client_poll_done (IOC_FEED_CLIENT (self), error);
  g_clear_error (&error);
  poll_free (poll);
  g_object_unref (self);
}

static void
ioc_tthc_feed_finalize (GObject *object)
{
  IocTthcFeed *self = IOC_TTHC_FEED (object);

  g_clear_object (&self->units);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->daily, g_ptr_array_unref);
  g_clear_pointer (&self->overdue, g_ptr_array_unref);
  g_clear_pointer (&self->late, g_ptr_array_unref);
  g_clear_pointer (&self->bodies, g_hash_table_unref);

  G_OBJECT_CLASS (ioc_tthc_feed_parent_class)->finalize (object);
}

static gpointer
parse_in_thread (GBytes    *body,
                 gpointer   user_data,
                 GError   **error)
{
  Step step = GPOINTER_TO_UINT (user_data);
  gsize length;
  const char *bytes = g_bytes_get_data (body, &length);

  if (bytes == NULL)
    bytes = "";
  switch (step)
    {
    case STEP_UNITS:
      return ioc_tthc_parse_units (bytes, length, error);
    case STEP_STATS:
      return ioc_tthc_parse_stats (bytes, length, error);
    case STEP_DAILY:
      return ioc_tthc_parse_daily (bytes, length, error);
    case STEP_OVERDUE:
    case STEP_LATE:
      return ioc_tthc_parse_dossiers (bytes, length, error);
    case STEP_DONE:
    default:
      g_assert_not_reached ();
    }
}

static void
move_all (GPtrArray *to,
          GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, from->pdata[i]);
  /* The elements now belong to @to. */
  g_ptr_array_set_free_func (from, NULL);
  g_ptr_array_set_size (from, 0);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Poll *poll = user_data;
  IocTthcFeed *self = poll->self;
  g_autoptr(IocTthcResult) result = NULL;
  GError *error = NULL;

  result = ioc_feed_client_parse_finish (IOC_FEED_CLIENT (source), res, &error);
  if (result == NULL)
    {
      poll_finish (poll, error);
      return;
    }
  ioc_feed_client_add_skipped (IOC_FEED_CLIENT (self), result->skipped);

  switch (poll->step)
    {
    case STEP_UNITS:
      ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (self->units), result->units);
      poll->step = STEP_STATS;
      break;
    case STEP_STATS:
      move_all (poll->stats, result->stats);
      poll->step = STEP_DAILY;
      break;
    case STEP_DAILY:
      move_all (poll->daily, result->stats);
      poll->step = STEP_OVERDUE;
      poll->page = 1;
      break;
    case STEP_OVERDUE:
    case STEP_LATE:
      move_all (poll->step == STEP_OVERDUE ? poll->overdue : poll->late, result->dossiers);
      if (result->n_records >= DOSSIER_PAGE && poll->page < MAX_PAGES)
        poll->page++;
      else
        {
          poll->step++;
          poll->page = 1;
        }
      break;
    case STEP_DONE:
    default:
      g_assert_not_reached ();
    }
  poll_step (poll);
}

static void fetched_cb (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data);

static void
unconditional_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Poll *poll = user_data;
  IocFeedResponse *response;
  GError *error = NULL;
  GTask *task;

  /* Hand the answer to fetched_cb as if it came from the client. */
  task = g_task_new (poll->self, NULL, fetched_cb, poll);
  response = ioc_feed_fetcher_get_finish (IOC_FEED_FETCHER (source), res, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) ioc_feed_response_free);
  g_object_unref (task);
}

static IocFeedResponse *
finish_any (GObject       *source,
            GAsyncResult  *res,
            GError       **error)
{
  if (g_task_get_source_tag (G_TASK (res)) == ioc_feed_client_fetch_async)
    return ioc_feed_client_fetch_finish (IOC_FEED_CLIENT (source), res, error);
  return g_task_propagate_pointer (G_TASK (res), error);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Poll *poll = user_data;
  IocTthcFeed *self = poll->self;
  g_autoptr(IocFeedResponse) response = NULL;
  GError *error = NULL;
  GBytes *body;

  response = finish_any (source, res, &error);
  if (response == NULL)
    {
      poll_finish (poll, error);
      return;
    }
  if (response->not_modified && poll->step == STEP_UNITS)
    {
      /* The units model already holds this page (it is merged as soon as
       * it is parsed): nothing to redo. */
      g_hash_table_add (poll->used, g_strdup (poll->url));
      poll->step = STEP_STATS;
      poll_step (poll);
      return;
    }
  if (response->not_modified)
    {
      /* 304: the page is what it was; read it again from the kept copy. */
      body = g_hash_table_lookup (self->bodies, poll->url);
      if (body == NULL && g_task_get_source_tag (G_TASK (res)) != ioc_feed_client_fetch_async)
        {
          /* A 304 to a request without validators: the server is broken. */
          poll_finish (poll, ioc_feed_response_to_error (response, NULL));
          return;
        }
      if (body == NULL)
        {
          /* Validators without a copy (a poll cancelled between the two):
           * ask once more without them. */
          ioc_feed_fetcher_get_async (ioc_feed_client_get_fetcher (IOC_FEED_CLIENT (self)),
                                      poll->url, NULL, NULL, poll->cancellable,
                                      unconditional_cb, poll);
          return;
        }
    }
  else if (response->status < 200 || response->status >= 300)
    {
      poll_finish (poll, ioc_feed_response_to_error (response, read_tthc_error_body));
      return;
    }
  else
    {
      body = response->body;
      /* Kept only when the client will make the next request conditional. */
      if (body != NULL && (response->etag != NULL || response->last_modified != NULL))
        g_hash_table_replace (self->bodies, g_strdup (poll->url), g_bytes_ref (body));
      else
        g_hash_table_remove (self->bodies, poll->url);
    }
  g_hash_table_add (poll->used, g_strdup (poll->url));
  ioc_feed_client_parse_async (IOC_FEED_CLIENT (self), body, parse_in_thread,
                               GUINT_TO_POINTER (poll->step), NULL,
                               (GDestroyNotify) ioc_tthc_result_free,
                               poll->cancellable, parsed_cb, poll);
}

static void
poll_step (Poll *poll)
{
  IocTthcFeed *self = poll->self;
  g_autofree char *path = NULL;

  switch (poll->step)
    {
    case STEP_UNITS:
      path = g_strdup ("units.json");
      break;
    case STEP_STATS:
      path = g_strdup_printf ("stats.json?from=%s&to=%s", poll->from, poll->to);
      break;
    case STEP_DAILY:
      path = g_strdup_printf ("daily.json?from=%s&to=%s", poll->from, poll->to);
      break;
    case STEP_OVERDUE:
      path = g_strdup_printf ("dossiers.json?timeliness=overdue&page=%u", poll->page);
      break;
    case STEP_LATE:
      path = g_strdup_printf ("dossiers.json?timeliness=late&page=%u", poll->page);
      break;
    case STEP_DONE:
    default:
      poll_finish (poll, NULL);
      return;
    }
  g_free (poll->url);
  poll->url = ioc_feed_client_build_url (IOC_FEED_CLIENT (self), path);
  ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), poll->url, poll->cancellable, fetched_cb, poll);
}

static void
ioc_tthc_feed_poll (IocFeedClient *client,
                    GCancellable  *cancellable)
{
  IocTthcFeed *self = IOC_TTHC_FEED (client);
  Poll *poll = g_new0 (Poll, 1);
  /* Dates as the province sees them (UTC+7, no daylight saving). */
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -(gint) (self->period_days - 1));

  poll->self = g_object_ref (self);
  poll->cancellable = g_object_ref (cancellable);
  poll->step = STEP_UNITS;
  poll->from = g_date_time_format (first, "%Y-%m-%d");
  poll->to = g_date_time_format (now, "%Y-%m-%d");
  poll->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  poll->daily = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  poll->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  poll->late = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  poll->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  poll_step (poll);
}

static void
ioc_tthc_feed_class_init (IocTthcFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_tthc_feed_finalize;
  IOC_FEED_CLIENT_CLASS (klass)->poll = ioc_tthc_feed_poll;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ioc_tthc_feed_init (IocTthcFeed *self)
{
  self->units = ioc_tthc_unit_list_model_new ();
  self->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  self->daily = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_stats_free);
  self->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  self->late = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_tthc_dossier_free);
  self->period_days = 30;
  self->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
}

/**
 * ioc_tthc_feed_new:
 *
 * The TTHC client of feeds.md §3. Call ioc_feed_client_start().
 */
IocTthcFeed *
ioc_tthc_feed_new (const char     *base_url,
                   IocFeedFetcher *fetcher,
                   IocFeedAdapter *adapter)
{
  return g_object_new (IOC_TYPE_TTHC_FEED,
                       "kind", IOC_FEED_KIND_TTHC,
                       "base-url", base_url,
                       "fetcher", fetcher,
                       "adapter", adapter,
                       NULL);
}

IocTthcUnitListModel *
ioc_tthc_feed_get_units (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), NULL);
  return self->units;
}

GPtrArray *
ioc_tthc_feed_get_stats (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), NULL);
  return self->stats;
}

GPtrArray *
ioc_tthc_feed_get_daily (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), NULL);
  return self->daily;
}

GPtrArray *
ioc_tthc_feed_get_overdue (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), NULL);
  return self->overdue;
}

GPtrArray *
ioc_tthc_feed_get_late (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), NULL);
  return self->late;
}

guint
ioc_tthc_feed_get_period_days (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), 0);
  return self->period_days;
}

void
ioc_tthc_feed_set_period_days (IocTthcFeed *self,
                               guint        days)
{
  g_return_if_fail (IOC_IS_TTHC_FEED (self));
  /* daily.json serves at most 732 days per request. */
  self->period_days = CLAMP (days, 1, 731);
}

static void
copy_into (GPtrArray      *to,
           GPtrArray      *from,
           GBoxedCopyFunc  copy)
{
  g_ptr_array_set_size (to, 0);
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, copy (from->pdata[i]));
}

/**
 * ioc_tthc_feed_load_cached:
 * @units: (nullable) (element-type IocTthcUnit): merged into the units model
 * @stats: (nullable) (element-type IocTthcStats): copied
 * @daily: (nullable) (element-type IocTthcStats): copied
 * @overdue: (nullable) (element-type IocTthcDossier): copied
 * @late: (nullable) (element-type IocTthcDossier): copied
 * @cached_at: when the cache was written
 *
 * feeds.md "offline (showing cached data from date X)": the models are
 * filled the way a poll fills them (units merged, the other sets replaced
 * together, then "changed"); the state is offline until the first
 * successful poll.
 */
void
ioc_tthc_feed_load_cached (IocTthcFeed *self,
                           GPtrArray   *units,
                           GPtrArray   *stats,
                           GPtrArray   *daily,
                           GPtrArray   *overdue,
                           GPtrArray   *late,
                           GDateTime   *cached_at)
{
  g_return_if_fail (IOC_IS_TTHC_FEED (self));

  if (units != NULL)
    ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (self->units), units);
  if (stats != NULL)
    copy_into (self->stats, stats, (GBoxedCopyFunc) ioc_tthc_stats_copy);
  if (daily != NULL)
    copy_into (self->daily, daily, (GBoxedCopyFunc) ioc_tthc_stats_copy);
  if (overdue != NULL)
    copy_into (self->overdue, overdue, (GBoxedCopyFunc) ioc_tthc_dossier_copy);
  if (late != NULL)
    copy_into (self->late, late, (GBoxedCopyFunc) ioc_tthc_dossier_copy);
  g_signal_emit (self, signals[CHANGED], 0);
  ioc_feed_client_show_cached (IOC_FEED_CLIENT (self), cached_at);
}
