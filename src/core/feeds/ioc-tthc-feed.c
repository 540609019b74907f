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
  GPtrArray            *skipped;
  guint                 period_days;
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
} Poll;

static void poll_step (Poll *poll);

static void
poll_free (Poll *poll)
{
  g_clear_object (&poll->cancellable);
  g_free (poll->from);
  g_free (poll->to);
  g_clear_pointer (&poll->stats, g_ptr_array_unref);
  g_clear_pointer (&poll->daily, g_ptr_array_unref);
  g_clear_pointer (&poll->overdue, g_ptr_array_unref);
  g_clear_pointer (&poll->late, g_ptr_array_unref);
  g_free (poll);
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
  g_clear_pointer (&self->skipped, g_ptr_array_unref);

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
  for (guint i = 0; i < result->skipped->len; i++)
    g_ptr_array_add (self->skipped, g_strdup (result->skipped->pdata[i]));

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

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Poll *poll = user_data;
  IocTthcFeed *self = poll->self;
  g_autoptr(IocFeedResponse) response = NULL;
  GError *error = NULL;

  response = ioc_feed_client_fetch_finish (IOC_FEED_CLIENT (source), res, &error);
  if (response == NULL)
    {
      poll_finish (poll, error);
      return;
    }
  if (response->not_modified && poll->step == STEP_UNITS)
    {
      poll->step = STEP_STATS;
      poll_step (poll);
      return;
    }
  if (response->status < 200 || response->status >= 300 || response->not_modified)
    {
      GError *server = NULL;
      g_autoptr(IocTthcResult) ignored = NULL;

      /* The error body {code, message} carries the reason. */
      if (response->body != NULL)
        ignored = ioc_tthc_parse_units (g_bytes_get_data (response->body, NULL),
                                        g_bytes_get_size (response->body), &server);
      if (server != NULL && !g_error_matches (server, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER))
        g_clear_error (&server);
      if (server == NULL)
        server = g_error_new (IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER,
                              _("The server answered with HTTP status %u (%s)"),
                              response->status, soup_status_get_phrase (response->status));
      poll_finish (poll, server);
      return;
    }
  ioc_feed_client_parse_async (IOC_FEED_CLIENT (self), response->body, parse_in_thread,
                               GUINT_TO_POINTER (poll->step), NULL,
                               (GDestroyNotify) ioc_tthc_result_free,
                               poll->cancellable, parsed_cb, poll);
}

static void
poll_step (Poll *poll)
{
  IocTthcFeed *self = poll->self;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

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
  url = ioc_feed_client_build_url (IOC_FEED_CLIENT (self), path);
  ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), url, poll->cancellable, fetched_cb, poll);
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
  g_ptr_array_set_size (self->skipped, 0);
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
  self->skipped = g_ptr_array_new_with_free_func (g_free);
  self->period_days = 30;
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

GPtrArray *
ioc_tthc_feed_get_skipped (IocTthcFeed *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_FEED (self), NULL);
  return self->skipped;
}
