/* ioc-environment-feed.c — OGC SensorThings API client (feeds.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-environment-feed.h"
#include "ioc-feed-error.h"

#define MAX_PAGES 1000

struct _IocEnvironmentFeed
{
  IocFeedClient        parent_instance;

  IocStationListModel *model;
  guint                metadata_every;
  guint                polls_since_metadata;
  gboolean             have_metadata;
};

G_DEFINE_FINAL_TYPE (IocEnvironmentFeed, ioc_environment_feed, IOC_TYPE_FEED_CLIENT)

enum {
  OBSERVATIONS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  STEP_THINGS,
  STEP_NESTED_DATASTREAMS,
  STEP_LATEST,
  STEP_OBSERVATIONS,
} Step;

typedef struct {
  char *entity_id;
  char *url;
} Pending;

typedef struct {
  IocEnvironmentFeed *self;
  GCancellable       *cancellable;
  Step                step;
  char               *url;
  guint               pages;
  GPtrArray          *stations;     /* IocStation seen in this full sync */
  GQueue              pending;      /* Pending: nested datastream pages */
  GPtrArray          *datastreams;  /* IocDatastream: incremental order */
  guint               ds_index;
  char               *current_id;   /* entity the current request is for */
} Poll;

static void poll_step (Poll *poll);

static void
pending_free (Pending *pending)
{
  g_free (pending->entity_id);
  g_free (pending->url);
  g_free (pending);
}

static void
poll_free (Poll *poll)
{
  g_clear_object (&poll->cancellable);
  g_clear_pointer (&poll->url, g_free);
  g_clear_pointer (&poll->stations, g_ptr_array_unref);
  g_queue_clear_full (&poll->pending, (GDestroyNotify) pending_free);
  g_clear_pointer (&poll->datastreams, g_ptr_array_unref);
  g_clear_pointer (&poll->current_id, g_free);
  g_free (poll);
}

static void
poll_finish (Poll   *poll,
             GError *error)
{
  IocEnvironmentFeed *self = poll->self;

  ioc_feed_client_poll_done (IOC_FEED_CLIENT (self), error);
  g_clear_error (&error);
  poll_free (poll);
  g_object_unref (self);
}

static void
ioc_environment_feed_finalize (GObject *object)
{
  IocEnvironmentFeed *self = IOC_ENVIRONMENT_FEED (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (ioc_environment_feed_parent_class)->finalize (object);
}

IocDatastream *
ioc_environment_feed_find_datastream (IocEnvironmentFeed *self,
                                      const char         *id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (IOC_IS_ENVIRONMENT_FEED (self), NULL);

  model = G_LIST_MODEL (self->model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocStation) station = g_list_model_get_item (model, i);
      IocDatastream *datastream = ioc_station_find_datastream (station, id);

      if (datastream != NULL)
        return datastream;
    }
  return NULL;
}

/* A FROST-style error body carries the reason. */
static gboolean
read_sta_error_body (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(IocStaResult) result = ioc_sta_parse (IOC_STA_ENTITY_OTHER, data, length,
                                                  NULL, NULL, error);

  return result == NULL && error != NULL &&
         g_error_matches (*error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER);
}

typedef struct {
  IocStaEntityKind  kind;
  char             *url;
  IocFeedAdapter   *adapter;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_free (data->url);
  g_clear_object (&data->adapter);
  g_free (data);
}

static gpointer
parse_in_thread (GBytes    *body,
                 gpointer   user_data,
                 GError   **error)
{
  ParseData *data = user_data;
  gsize length;
  const char *bytes = g_bytes_get_data (body, &length);

  return ioc_sta_parse (data->kind, bytes != NULL ? bytes : "", length, data->url, data->adapter, error);
}

static void
begin_incremental (Poll *poll)
{
  GListModel *model = G_LIST_MODEL (poll->self->model);

  poll->step = STEP_OBSERVATIONS;
  poll->datastreams = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(IocStation) station = g_list_model_get_item (model, i);
      GListModel *streams = ioc_station_get_datastreams (station);

      for (guint j = 0; j < g_list_model_get_n_items (streams); j++)
        g_ptr_array_add (poll->datastreams, g_list_model_get_item (streams, j));
    }
  poll->ds_index = 0;
  g_clear_pointer (&poll->url, g_free);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Poll *poll = user_data;
  IocEnvironmentFeed *self = poll->self;
  g_autoptr(IocStaResult) result = NULL;
  GError *error = NULL;

  result = ioc_feed_client_parse_finish (IOC_FEED_CLIENT (source), res, &error);
  if (result == NULL)
    {
      poll_finish (poll, error);
      return;
    }
  ioc_feed_client_add_skipped (IOC_FEED_CLIENT (self), result->skipped);

  g_clear_pointer (&poll->url, g_free);
  if (result->next_link != NULL && ++poll->pages < MAX_PAGES)
    poll->url = g_strdup (result->next_link);

  switch (poll->step)
    {
    case STEP_THINGS:
      for (guint i = 0; i < result->stations->len; i++)
        g_ptr_array_add (poll->stations, g_object_ref (result->stations->pdata[i]));
      for (guint i = 0; i < result->nested_links->len; i++)
        {
          IocStaNestedLink *link = result->nested_links->pdata[i];
          Pending *pending = g_new0 (Pending, 1);

          pending->entity_id = g_strdup (link->entity_id);
          pending->url = g_strdup (link->link);
          g_queue_push_tail (&poll->pending, pending);
        }
      if (poll->url == NULL)
        {
          poll->step = STEP_NESTED_DATASTREAMS;
          poll->pages = 0;
        }
      break;

    case STEP_NESTED_DATASTREAMS:
      {
        IocStation *station = NULL;

        for (guint i = 0; i < poll->stations->len && station == NULL; i++)
          if (g_strcmp0 (ioc_station_get_id (poll->stations->pdata[i]), poll->current_id) == 0)
            station = poll->stations->pdata[i];
        for (guint i = 0; station != NULL && i < result->datastreams->len; i++)
          ioc_station_add_datastream (station, result->datastreams->pdata[i]);
        if (poll->url != NULL)
          {
            Pending *pending = g_new0 (Pending, 1);

            pending->entity_id = g_strdup (poll->current_id);
            pending->url = g_steal_pointer (&poll->url);
            g_queue_push_head (&poll->pending, pending);
          }
      }
      break;

    case STEP_LATEST:
      for (guint i = 0; i < result->datastreams->len; i++)
        {
          IocDatastream *fresh = result->datastreams->pdata[i];
          IocDatastream *known = ioc_environment_feed_find_datastream (self, ioc_datastream_get_id (fresh));
          const IocObservation *latest = ioc_datastream_get_latest (fresh);

          if (known != NULL && latest != NULL && ioc_datastream_offer_observation (known, latest))
            {
              g_autoptr(GPtrArray) list = g_ptr_array_new ();

              g_ptr_array_add (list, (gpointer) latest);
              g_signal_emit (self, signals[OBSERVATIONS], 0, known, list);
            }
        }
      if (poll->url == NULL)
        {
          poll_finish (poll, NULL);
          return;
        }
      break;

    case STEP_OBSERVATIONS:
      {
        IocDatastream *datastream = poll->datastreams->pdata[poll->ds_index];

        for (guint i = 0; i < result->observations->len; i++)
          ioc_datastream_offer_observation (datastream, result->observations->pdata[i]);
        if (result->observations->len > 0)
          g_signal_emit (self, signals[OBSERVATIONS], 0, datastream, result->observations);
        if (poll->url == NULL)
          poll->ds_index++;
      }
      break;

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
  IocEnvironmentFeed *self = poll->self;
  g_autoptr(IocFeedResponse) response = NULL;
  GError *error = NULL;
  ParseData *data;

  response = ioc_feed_client_fetch_finish (IOC_FEED_CLIENT (source), res, &error);
  if (response == NULL)
    {
      poll_finish (poll, error);
      return;
    }
  if (response->not_modified)
    {
      /* Nothing new at this URL: go on as after an empty page. */
      g_clear_pointer (&poll->url, g_free);
      if (poll->step == STEP_OBSERVATIONS)
        poll->ds_index++;
      else if (poll->step == STEP_THINGS)
        poll->step = STEP_NESTED_DATASTREAMS;
      else if (poll->step == STEP_LATEST)
        {
          poll_finish (poll, NULL);
          return;
        }
      poll_step (poll);
      return;
    }
  if (response->status == 404 && poll->step == STEP_OBSERVATIONS)
    {
      /* The datastream is gone; the next full sync will drop it. */
      g_clear_pointer (&poll->url, g_free);
      poll->ds_index++;
      poll_step (poll);
      return;
    }
  if (response->status < 200 || response->status >= 300)
    {
      poll_finish (poll, ioc_feed_response_to_error (response, read_sta_error_body));
      return;
    }

  data = g_new0 (ParseData, 1);
  data->kind = poll->step == STEP_THINGS ? IOC_STA_ENTITY_THINGS
             : poll->step == STEP_OBSERVATIONS ? IOC_STA_ENTITY_OBSERVATIONS
             : IOC_STA_ENTITY_DATASTREAMS;
  data->url = g_strdup (response->url);
  data->adapter = g_object_ref (ioc_feed_client_get_adapter (IOC_FEED_CLIENT (self)));
  ioc_feed_client_parse_async (IOC_FEED_CLIENT (self), response->body, parse_in_thread,
                               data, (GDestroyNotify) parse_data_free,
                               (GDestroyNotify) ioc_sta_result_free,
                               poll->cancellable, parsed_cb, poll);
}

static void
poll_step (Poll *poll)
{
  IocEnvironmentFeed *self = poll->self;
  g_autofree char *url = NULL;

  switch (poll->step)
    {
    case STEP_THINGS:
      url = poll->url != NULL ? g_strdup (poll->url)
          : ioc_feed_client_build_url (IOC_FEED_CLIENT (self),
                                       "Things?$expand=Locations,Datastreams($expand=ObservedProperty)");
      break;

    case STEP_NESTED_DATASTREAMS:
      {
        Pending *pending = g_queue_pop_head (&poll->pending);

        if (pending == NULL)
          {
            /* Stations complete: merge them, then their latest values. */
            ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (self->model), poll->stations);
            self->have_metadata = TRUE;
            self->polls_since_metadata = 0;
            poll->step = STEP_LATEST;
            poll->pages = 0;
            g_clear_pointer (&poll->url, g_free);
            poll_step (poll);
            return;
          }
        g_free (poll->current_id);
        poll->current_id = g_steal_pointer (&pending->entity_id);
        url = g_steal_pointer (&pending->url);
        pending_free (pending);
      }
      break;

    case STEP_LATEST:
      url = poll->url != NULL ? g_strdup (poll->url)
          : ioc_feed_client_build_url (IOC_FEED_CLIENT (self),
                                       "Datastreams?$expand=Observations($orderby=phenomenonTime%20desc;$top=1)");
      break;

    case STEP_OBSERVATIONS:
      if (poll->ds_index >= poll->datastreams->len)
        {
          poll_finish (poll, NULL);
          return;
        }
      if (poll->url != NULL)
        url = g_strdup (poll->url);
      else
        {
          IocDatastream *datastream = poll->datastreams->pdata[poll->ds_index];
          const IocObservation *latest = ioc_datastream_get_latest (datastream);
          g_autofree char *id = g_uri_escape_string (ioc_datastream_get_id (datastream), NULL, FALSE);
          g_autofree char *filter = NULL;
          g_autofree char *path = NULL;
          /* Numeric ids unquoted, others as OData strings. */
          gboolean numeric = TRUE;

          for (const char *p = ioc_datastream_get_id (datastream); *p; p++)
            numeric = numeric && g_ascii_isdigit (*p);
          if (latest != NULL)
            {
              g_autoptr(GDateTime) t = ioc_observation_get_time (latest);
              g_autofree char *iso = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S.%fZ");

              filter = g_strdup_printf ("$filter=phenomenonTime%%20gt%%20%s&", iso);
            }
          path = g_strdup_printf (numeric ? "Datastreams(%s)/Observations?%s$orderby=phenomenonTime%%20asc&$top=1000"
                                          : "Datastreams('%s')/Observations?%s$orderby=phenomenonTime%%20asc&$top=1000",
                                  id, filter != NULL ? filter : "");
          url = ioc_feed_client_build_url (IOC_FEED_CLIENT (self), path);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  g_free (poll->url);
  poll->url = g_strdup (url);
  ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), url, poll->cancellable, fetched_cb, poll);
}

static void
ioc_environment_feed_poll (IocFeedClient *client,
                           GCancellable  *cancellable)
{
  IocEnvironmentFeed *self = IOC_ENVIRONMENT_FEED (client);
  Poll *poll = g_new0 (Poll, 1);

  poll->self = g_object_ref (self);
  poll->cancellable = g_object_ref (cancellable);
  g_queue_init (&poll->pending);

  if (!self->have_metadata || ++self->polls_since_metadata >= self->metadata_every)
    {
      poll->step = STEP_THINGS;
      poll->stations = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    begin_incremental (poll);
  poll_step (poll);
}

static void
ioc_environment_feed_class_init (IocEnvironmentFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_environment_feed_finalize;
  IOC_FEED_CLIENT_CLASS (klass)->poll = ioc_environment_feed_poll;

  signals[OBSERVATIONS] =
    g_signal_new ("observations", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, IOC_TYPE_DATASTREAM, G_TYPE_PTR_ARRAY);
}

static void
ioc_environment_feed_init (IocEnvironmentFeed *self)
{
  self->model = ioc_station_list_model_new ();
  self->metadata_every = 10;
}

/**
 * ioc_environment_feed_new:
 *
 * The SensorThings client of feeds.md §2. Call ioc_feed_client_start().
 */
IocEnvironmentFeed *
ioc_environment_feed_new (const char     *base_url,
                          IocFeedFetcher *fetcher,
                          IocFeedAdapter *adapter)
{
  return g_object_new (IOC_TYPE_ENVIRONMENT_FEED,
                       "kind", IOC_FEED_KIND_ENVIRONMENT,
                       "base-url", base_url,
                       "fetcher", fetcher,
                       "adapter", adapter,
                       NULL);
}

IocStationListModel *
ioc_environment_feed_get_model (IocEnvironmentFeed *self)
{
  g_return_val_if_fail (IOC_IS_ENVIRONMENT_FEED (self), NULL);
  return self->model;
}

guint
ioc_environment_feed_get_metadata_every (IocEnvironmentFeed *self)
{
  g_return_val_if_fail (IOC_IS_ENVIRONMENT_FEED (self), 0);
  return self->metadata_every;
}

void
ioc_environment_feed_set_metadata_every (IocEnvironmentFeed *self,
                                         guint               polls)
{
  g_return_if_fail (IOC_IS_ENVIRONMENT_FEED (self));
  self->metadata_every = MAX (polls, 1);
}

/**
 * ioc_environment_feed_load_cached:
 *
 * feeds.md "offline (showing cached data from date X)".
 */
void
ioc_environment_feed_load_cached (IocEnvironmentFeed *self,
                                  GPtrArray          *stations,
                                  GDateTime          *cached_at)
{
  g_return_if_fail (IOC_IS_ENVIRONMENT_FEED (self));

  if (stations != NULL)
    ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (self->model), stations);
  ioc_feed_client_show_cached (IOC_FEED_CLIENT (self), cached_at);
}
