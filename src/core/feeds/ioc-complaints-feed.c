/* ioc-complaints-feed.c — Open311 GeoReport v2 client (feeds.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-complaints-feed.h"
#include "ioc-feed-error.h"

#define MAX_WINDOW_DAYS     90     /* feeds.md §1: date windows of at most 90 days */
#define MAX_PAGES           10000  /* a server that never sends a short page */
#define MAX_FETCH_BY_ID     50     /* unknown complaints fetched one by one per poll */
#define SYNC_OVERLAP_SEC    300    /* clocks differ; updates are idempotent */
#define MIN_SPLIT_SPAN      (60 * G_USEC_PER_SEC)  /* windows are not split below a minute */

struct _IocComplaintsFeed
{
  IocFeedClient          parent_instance;

  IocComplaintListModel *model;
  GPtrArray             *services;
  IocOpen311Format       format;
  gboolean               format_known;
  gboolean               updates_supported;
  gboolean               paging_supported;
  guint                  server_cap;      /* records per answer of a server without paging */
  gboolean               initial_done;
  guint                  page_size;
  guint                  history_days;
  GDateTime             *last_sync;
};

G_DEFINE_FINAL_TYPE (IocComplaintsFeed, ioc_complaints_feed, IOC_TYPE_FEED_CLIENT)

typedef enum {
  STEP_SERVICES,
  STEP_REQUESTS,
  STEP_UPDATES,
  STEP_BY_ID,
} Step;

typedef struct {
  GDateTime *start;
  GDateTime *end;
} Window;

static void
window_free (Window *window)
{
  g_clear_pointer (&window->start, g_date_time_unref);
  g_clear_pointer (&window->end, g_date_time_unref);
  g_free (window);
}

/* The next page of a full sync, asked for while the current one is parsed
 * on a worker thread, so that the server's time and ours overlap. Owned by
 * the poll while it is wanted; orphaned (poll NULL) and cancelled when the
 * poll goes another way, then freed by its own callback. */
typedef struct _Prefetch Prefetch;

/* One poll in flight. */
typedef struct {
  IocComplaintsFeed *self;        /* borrowed: the GTask chain keeps it alive */
  GCancellable      *cancellable;
  Step               step;
  gboolean           full;        /* windowed sync of the whole history */
  GDateTime         *started;     /* becomes last_sync on success */
  GDateTime         *window_start;
  GDateTime         *window_end;
  GDateTime         *history_start;
  GQueue             pending_windows; /* Window: halves still to read */
  guint              page;
  char              *previous_first_id;
  GPtrArray         *collected;   /* IocComplaint seen in a full sync */
  GPtrArray         *missing_ids; /* char *: updates naming unknown complaints */
  char              *url;
  Prefetch          *prefetch;    /* nullable */
} Poll;

struct _Prefetch {
  Poll            *poll;          /* NULL once orphaned */
  char            *url;
  GCancellable    *cancellable;
  GCancellable    *poll_cancellable;  /* cancels ours too (shutdown) */
  gulong           poll_cancelled_id;
  gboolean         done;
  gboolean         waited_for;    /* the poll asked for it before it arrived */
  IocFeedResponse *response;
  GError          *error;
};

static void
prefetch_free (Prefetch *prefetch)
{
  g_free (prefetch->url);
  if (prefetch->poll_cancelled_id != 0)
    g_cancellable_disconnect (prefetch->poll_cancellable, prefetch->poll_cancelled_id);
  g_clear_object (&prefetch->poll_cancellable);
  g_clear_object (&prefetch->cancellable);
  g_clear_pointer (&prefetch->response, ioc_feed_response_free);
  g_clear_error (&prefetch->error);
  g_free (prefetch);
}

/* The poll no longer wants it: freed now if it has arrived, else by its
 * callback after the cancellation. */
static void
prefetch_drop (Prefetch *prefetch)
{
  if (prefetch->done)
    {
      prefetch_free (prefetch);
      return;
    }
  prefetch->poll = NULL;
  g_cancellable_cancel (prefetch->cancellable);
}

static void poll_step (Poll *poll);

static void
poll_free (Poll *poll)
{
  g_clear_object (&poll->cancellable);
  g_clear_pointer (&poll->started, g_date_time_unref);
  g_clear_pointer (&poll->window_start, g_date_time_unref);
  g_clear_pointer (&poll->window_end, g_date_time_unref);
  g_clear_pointer (&poll->history_start, g_date_time_unref);
  g_queue_clear_full (&poll->pending_windows, (GDestroyNotify) window_free);
  g_clear_pointer (&poll->previous_first_id, g_free);
  g_clear_pointer (&poll->collected, g_ptr_array_unref);
  g_clear_pointer (&poll->missing_ids, g_ptr_array_unref);
  g_clear_pointer (&poll->url, g_free);
  g_clear_pointer (&poll->prefetch, prefetch_drop);
  g_free (poll);
}

static void
poll_finish (Poll   *poll,
             GError *error)
{
  IocComplaintsFeed *self = poll->self;

  if (error == NULL)
    {
      g_clear_pointer (&self->last_sync, g_date_time_unref);
      self->last_sync = g_date_time_ref (poll->started);
    }
  ioc_feed_client_poll_done (IOC_FEED_CLIENT (self), error);
  g_clear_error (&error);
  poll_free (poll);
  g_object_unref (self);
}

static void
ioc_complaints_feed_finalize (GObject *object)
{
  IocComplaintsFeed *self = IOC_COMPLAINTS_FEED (object);

  g_clear_object (&self->model);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->last_sync, g_date_time_unref);

  G_OBJECT_CLASS (ioc_complaints_feed_parent_class)->finalize (object);
}

static const char *
extension (IocComplaintsFeed *self)
{
  return self->format == IOC_OPEN311_FORMAT_XML ? "xml" : "json";
}

static char *
format_time (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);
  g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  return g_uri_escape_string (text, NULL, FALSE);
}

typedef enum {
  PARSE_SERVICES,
  PARSE_REQUESTS,
  PARSE_UPDATES,
} ParseKind;

typedef struct {
  ParseKind       kind;
  IocFeedAdapter *adapter;
} ParseData;

static void
parse_data_free (ParseData *data)
{
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

  if (bytes == NULL)
    bytes = "";
  switch (data->kind)
    {
    case PARSE_SERVICES:
      return ioc_open311_parse_services (bytes, length, error);
    case PARSE_REQUESTS:
      return ioc_open311_parse_requests (bytes, length, data->adapter, error);
    case PARSE_UPDATES:
      return ioc_open311_parse_updates (bytes, length, data->adapter, error);
    default:
      g_assert_not_reached ();
    }
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Poll *poll = user_data;
  IocComplaintsFeed *self = poll->self;
  g_autoptr(IocOpen311Result) result = NULL;
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
    case STEP_SERVICES:
      g_clear_pointer (&self->services, g_ptr_array_unref);
      self->services = g_ptr_array_ref (result->services);
      poll->step = STEP_REQUESTS;
      break;

    case STEP_REQUESTS:
      {
        const char *first_id = result->requests->len > 0
          ? ioc_complaint_get_service_request_id (result->requests->pdata[0]) : NULL;
        /* A server that ignores `page` answers page 2 with page 1 again. */
        gboolean repeated = poll->page > 1 && first_id != NULL &&
                            g_strcmp0 (first_id, poll->previous_first_id) == 0;
        gboolean truncated;

        if (repeated)
          {
            self->paging_supported = FALSE;
            self->server_cap = MAX (result->n_records, 1);
          }
        else
          {
            ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (self->model), result->requests);
            for (guint i = 0; i < result->requests->len && poll->collected != NULL; i++)
              g_ptr_array_add (poll->collected, g_object_ref (result->requests->pdata[i]));
          }
        g_free (poll->previous_first_id);
        poll->previous_first_id = g_strdup (first_id);

        /* feeds.md §1: page until a page is shorter than page_size… */
        if (self->paging_supported && result->n_records >= self->page_size && poll->page < MAX_PAGES)
          {
            poll->page++;
            break;
          }
        /* …and without paging support, roll (split) the date window until
         * each answer is shorter than what the server returns at most. */
        truncated = repeated || (!self->paging_supported && result->n_records >= self->server_cap);
        if (truncated && g_date_time_difference (poll->window_end, poll->window_start) > MIN_SPLIT_SPAN)
          {
            GTimeSpan half = g_date_time_difference (poll->window_end, poll->window_start) / 2;
            GDateTime *mid = g_date_time_add (poll->window_start, half);
            Window *older = g_new0 (Window, 1);

            older->start = g_steal_pointer (&poll->window_start);
            older->end = g_date_time_ref (mid);
            g_queue_push_head (&poll->pending_windows, older);
            poll->window_start = mid;
            poll->page = 1;
            g_clear_pointer (&poll->previous_first_id, g_free);
            break;
          }
        if (truncated)
          {
            g_autoptr(GPtrArray) reason = g_ptr_array_new ();

            g_ptr_array_add (reason, (gpointer) _("The server does not page its answers: some complaints of a very busy minute may be missing"));
            ioc_feed_client_add_skipped (IOC_FEED_CLIENT (self), reason);
          }

        if (!g_queue_is_empty (&poll->pending_windows))
          {
            Window *next = g_queue_pop_head (&poll->pending_windows);

            g_date_time_unref (poll->window_start);
            g_date_time_unref (poll->window_end);
            poll->window_start = g_steal_pointer (&next->start);
            poll->window_end = g_steal_pointer (&next->end);
            window_free (next);
            poll->page = 1;
            g_clear_pointer (&poll->previous_first_id, g_free);
          }
        else if (poll->full && g_date_time_compare (poll->window_start, poll->history_start) > 0)
          {
            /* The next older window of at most 90 days. */
            GDateTime *window_end = g_date_time_ref (poll->window_start);
            GDateTime *window_start = g_date_time_add_days (window_end, -MAX_WINDOW_DAYS);

            if (g_date_time_compare (window_start, poll->history_start) < 0)
              {
                g_date_time_unref (window_start);
                window_start = g_date_time_ref (poll->history_start);
              }
            g_date_time_unref (poll->window_end);
            g_date_time_unref (poll->window_start);
            poll->window_end = window_end;
            poll->window_start = window_start;
            poll->page = 1;
            g_clear_pointer (&poll->previous_first_id, g_free);
          }
        else
          {
            if (poll->full)
              {
                /* Complaints the server no longer lists are gone. */
                ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (self->model), poll->collected);
                self->initial_done = TRUE;
              }
            poll_finish (poll, NULL);
            return;
          }
      }
      break;

    case STEP_UPDATES:
      {
        /* Applied to the live complaints themselves: announced once through
         * the model, so sorted and filtered views place them again. */
        g_autoptr(GPtrArray) updated = g_ptr_array_new ();

        for (guint i = 0; i < result->updates->len; i++)
          {
            IocOpen311Update *update = result->updates->pdata[i];
            IocComplaint *complaint = ioc_complaint_list_model_lookup (self->model, update->service_request_id);

            if (complaint != NULL)
              {
                if (ioc_open311_update_apply (update, complaint))
                  g_ptr_array_add (updated, complaint);
              }
            else if (poll->missing_ids->len < MAX_FETCH_BY_ID &&
                     !g_ptr_array_find_with_equal_func (poll->missing_ids, update->service_request_id,
                                                        g_str_equal, NULL))
              g_ptr_array_add (poll->missing_ids, g_strdup (update->service_request_id));
          }
        ioc_keyed_list_model_items_updated (IOC_KEYED_LIST_MODEL (self->model), updated);
        poll->step = STEP_BY_ID;
      }
      break;

    case STEP_BY_ID:
      ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (self->model), result->requests);
      break;

    default:
      g_assert_not_reached ();
    }

  poll_step (poll);
}

/* feeds.md §1 `requests/{id}.json`, with the project's extensions. */
static char *
request_path (IocComplaintsFeed *self,
              const char        *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strdup_printf ("requests/%s.%s?extensions=true", escaped, extension (self));
}

static char *
requests_url (Poll  *poll,
              guint  page)
{
  IocComplaintsFeed *self = poll->self;
  g_autofree char *start = format_time (poll->window_start);
  g_autofree char *end = format_time (poll->window_end);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("requests.%s?start_date=%s&end_date=%s&page=%u&page_size=%u&extensions=true",
                          extension (self), start, end, page, self->page_size);
  return ioc_feed_client_build_url (IOC_FEED_CLIENT (self), path);
}

static void handle_response (Poll            *poll,
                             IocFeedResponse *response,
                             GError          *error);

/* The poll takes the page that has arrived, as if it had just fetched it. */
static void
consume_prefetch (Poll *poll)
{
  Prefetch *prefetch = g_steal_pointer (&poll->prefetch);
  IocFeedResponse *response = g_steal_pointer (&prefetch->response);
  GError *error = g_steal_pointer (&prefetch->error);

  prefetch_free (prefetch);
  handle_response (poll, response, error);
}

static void
prefetched_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Prefetch *prefetch = user_data;
  Poll *poll = prefetch->poll;

  prefetch->done = TRUE;
  prefetch->response = ioc_feed_client_fetch_finish (IOC_FEED_CLIENT (source), res, &prefetch->error);
  if (poll == NULL)
    {
      prefetch_free (prefetch);
      return;
    }
  if (prefetch->waited_for)
    consume_prefetch (poll);
}

static void
cancel_other (GCancellable *cancelled,
              GCancellable *other)
{
  g_cancellable_cancel (other);
}

/* Whether @body holds @wanted records, judged without parsing it: the id
 * member appears once per request (notes carry none). Overcounting costs
 * one dropped request, nothing more. */
static gboolean
looks_full (GBytes     *body,
            IocOpen311Format format,
            guint       wanted)
{
  const char *needle = format == IOC_OPEN311_FORMAT_XML ? "<service_request_id>" : "\"service_request_id\"";
  gsize needle_length = strlen (needle);
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  const char *end = data + length;
  guint count = 0;

  while (data != NULL && count < wanted)
    {
      data = g_strstr_len (data, end - data, needle);
      if (data != NULL)
        {
          count++;
          data += needle_length;
        }
    }
  return count >= wanted;
}

/* feeds.md §1 pages until a short one: while this page is parsed, the next
 * is probably wanted. Only in a full sync and after a page that looks full
 * (an incremental poll's single short page must not cost a second request);
 * a guess that turns out wrong costs one dropped request. */
static void
maybe_prefetch (Poll            *poll,
                IocFeedResponse *response)
{
  IocComplaintsFeed *self = poll->self;
  Prefetch *prefetch;

  if (!poll->full || poll->step != STEP_REQUESTS || !self->paging_supported ||
      poll->page >= MAX_PAGES || poll->prefetch != NULL || response->body == NULL ||
      !looks_full (response->body, self->format, self->page_size))
    return;
  prefetch = g_new0 (Prefetch, 1);
  prefetch->poll = poll;
  prefetch->url = requests_url (poll, poll->page + 1);
  prefetch->cancellable = g_cancellable_new ();
  prefetch->poll_cancellable = g_object_ref (poll->cancellable);
  prefetch->poll_cancelled_id = g_cancellable_connect (poll->cancellable, G_CALLBACK (cancel_other),
                                                       g_object_ref (prefetch->cancellable), g_object_unref);
  poll->prefetch = prefetch;
  ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), prefetch->url, prefetch->cancellable,
                               prefetched_cb, prefetch);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Poll *poll = user_data;
  GError *error = NULL;
  IocFeedResponse *response = ioc_feed_client_fetch_finish (IOC_FEED_CLIENT (source), res, &error);

  handle_response (poll, response, error);
}

/* @response and @error: (transfer full), one of them set. */
static void
handle_response (Poll            *poll,
                 IocFeedResponse *response_in,
                 GError          *error)
{
  IocComplaintsFeed *self = poll->self;
  g_autoptr(IocFeedResponse) response = response_in;
  ParseData *data;

  if (response == NULL)
    {
      poll_finish (poll, error);
      return;
    }

  /* No .json endpoints: this server speaks the mandatory XML only. */
  if (!self->format_known && self->format == IOC_OPEN311_FORMAT_JSON &&
      (response->status == 404 || response->status == 406 || response->status == 415 ||
       response->status == 501))
    {
      self->format = IOC_OPEN311_FORMAT_XML;
      poll_step (poll);
      return;
    }

  if (response->status == 404 && poll->step == STEP_UPDATES)
    {
      /* No mySociety updates channel: full syncs from now on. */
      self->updates_supported = FALSE;
      poll->full = TRUE;
      poll->step = STEP_REQUESTS;
      poll->collected = g_ptr_array_new_with_free_func (g_object_unref);
      poll_step (poll);
      return;
    }
  if (response->status == 404 && poll->step == STEP_BY_ID)
    {
      /* Deleted or hidden since: nothing to show. */
      poll_step (poll);
      return;
    }
  if (response->not_modified)
    {
      if (poll->step == STEP_SERVICES)
        poll->step = STEP_REQUESTS;
      else if (poll->step == STEP_UPDATES)
        poll->step = STEP_BY_ID;
      else if (poll->step == STEP_REQUESTS)
        {
          /* The same page as last time: nothing new in this window. */
          if (poll->full && poll->collected != NULL)
            {
              /* A 304 in a full sync gives no ids: keep everything. */
              g_clear_pointer (&poll->collected, g_ptr_array_unref);
            }
          if (poll->full)
            self->initial_done = TRUE;
          poll_finish (poll, NULL);
          return;
        }
      poll_step (poll);
      return;
    }
  if (response->status < 200 || response->status >= 300)
    {
      poll_finish (poll, ioc_feed_response_to_error (response, ioc_open311_parse_error_body));
      return;
    }
  self->format_known = TRUE;
  maybe_prefetch (poll, response);

  data = g_new0 (ParseData, 1);
  data->kind = poll->step == STEP_SERVICES ? PARSE_SERVICES
             : poll->step == STEP_UPDATES ? PARSE_UPDATES : PARSE_REQUESTS;
  data->adapter = g_object_ref (ioc_feed_client_get_adapter (IOC_FEED_CLIENT (self)));
  ioc_feed_client_parse_async (IOC_FEED_CLIENT (self), response->body, parse_in_thread,
                               data, (GDestroyNotify) parse_data_free,
                               (GDestroyNotify) ioc_open311_result_free,
                               poll->cancellable, parsed_cb, poll);
}

static void
poll_step (Poll *poll)
{
  IocComplaintsFeed *self = poll->self;
  g_autofree char *path = NULL;

  g_clear_pointer (&poll->url, g_free);
  switch (poll->step)
    {
    case STEP_SERVICES:
      path = g_strdup_printf ("services.%s", extension (self));
      break;
    case STEP_REQUESTS:
      poll->url = requests_url (poll, poll->page);
      if (poll->prefetch != NULL && g_str_equal (poll->prefetch->url, poll->url))
        {
          if (poll->prefetch->done)
            consume_prefetch (poll);
          else
            poll->prefetch->waited_for = TRUE;
          return;
        }
      /* The guess was wrong (a short page, the next window). */
      g_clear_pointer (&poll->prefetch, prefetch_drop);
      ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), poll->url, poll->cancellable, fetched_cb, poll);
      return;
    case STEP_UPDATES:
      {
        g_autofree char *start = format_time (poll->window_start);
        g_autofree char *end = format_time (poll->window_end);

        /* feeds.md §1: the project's fields (extended_status, claimed_by,
         * agency_responsible, priority, duplicate_of, author) come only
         * with extensions=true; without it every update looks like a bare
         * "open" and the operators' changes never reach the model. */
        path = g_strdup_printf ("servicerequestupdates.%s?start_date=%s&end_date=%s&extensions=true",
                                extension (self), start, end);
      }
      break;
    case STEP_BY_ID:
      if (poll->missing_ids->len == 0)
        {
          /* Then the complaints created since the last sync. */
          poll->step = STEP_REQUESTS;
          poll->page = 1;
          poll_step (poll);
          return;
        }
      {
        g_autofree char *id = g_ptr_array_steal_index (poll->missing_ids, 0);

        path = request_path (self, id);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  poll->url = ioc_feed_client_build_url (IOC_FEED_CLIENT (self), path);
  ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), poll->url, poll->cancellable, fetched_cb, poll);
}

static void
ioc_complaints_feed_poll (IocFeedClient *client,
                          GCancellable  *cancellable)
{
  IocComplaintsFeed *self = IOC_COMPLAINTS_FEED (client);
  Poll *poll = g_new0 (Poll, 1);

  poll->self = g_object_ref (self);
  poll->cancellable = g_object_ref (cancellable);
  poll->started = g_date_time_new_now_utc ();
  poll->window_end = g_date_time_ref (poll->started);
  poll->page = 1;
  g_queue_init (&poll->pending_windows);
  poll->missing_ids = g_ptr_array_new_with_free_func (g_free);

  if (!self->initial_done || !self->updates_supported || self->last_sync == NULL)
    {
      guint days = MIN (self->history_days, MAX_WINDOW_DAYS);

      poll->full = TRUE;
      poll->step = self->initial_done ? STEP_REQUESTS : STEP_SERVICES;
      poll->history_start = g_date_time_add_days (poll->started, -(gint) self->history_days);
      poll->window_start = g_date_time_add_days (poll->started, -(gint) days);
      poll->collected = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      poll->full = FALSE;
      poll->step = STEP_UPDATES;
      poll->window_start = g_date_time_add_seconds (self->last_sync, -SYNC_OVERLAP_SEC);
      poll->history_start = g_date_time_ref (poll->window_start);
    }
  poll_step (poll);
}

static void
ioc_complaints_feed_class_init (IocComplaintsFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_complaints_feed_finalize;
  IOC_FEED_CLIENT_CLASS (klass)->poll = ioc_complaints_feed_poll;
}

static void
ioc_complaints_feed_init (IocComplaintsFeed *self)
{
  self->model = ioc_complaint_list_model_new ();
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_service_free);
  self->format = IOC_OPEN311_FORMAT_JSON;
  self->updates_supported = TRUE;
  self->paging_supported = TRUE;
  self->page_size = 100;
  self->history_days = MAX_WINDOW_DAYS;
}

/**
 * ioc_complaints_feed_new:
 *
 * The Open311 client of feeds.md §1. Call ioc_feed_client_start() to begin.
 */
IocComplaintsFeed *
ioc_complaints_feed_new (const char     *base_url,
                         IocFeedFetcher *fetcher,
                         IocFeedAdapter *adapter)
{
  return g_object_new (IOC_TYPE_COMPLAINTS_FEED,
                       "kind", IOC_FEED_KIND_COMPLAINTS,
                       "base-url", base_url,
                       "fetcher", fetcher,
                       "adapter", adapter,
                       NULL);
}

IocComplaintListModel *
ioc_complaints_feed_get_model (IocComplaintsFeed *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINTS_FEED (self), NULL);
  return self->model;
}

GPtrArray *
ioc_complaints_feed_get_services (IocComplaintsFeed *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINTS_FEED (self), NULL);
  return self->services;
}

IocOpen311Format
ioc_complaints_feed_get_format (IocComplaintsFeed *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINTS_FEED (self), IOC_OPEN311_FORMAT_JSON);
  return self->format;
}

guint
ioc_complaints_feed_get_page_size (IocComplaintsFeed *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINTS_FEED (self), 0);
  return self->page_size;
}

void
ioc_complaints_feed_set_page_size (IocComplaintsFeed *self,
                                   guint              page_size)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_FEED (self));
  self->page_size = CLAMP (page_size, 1, 10000);
}

guint
ioc_complaints_feed_get_history_days (IocComplaintsFeed *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINTS_FEED (self), 0);
  return self->history_days;
}

void
ioc_complaints_feed_set_history_days (IocComplaintsFeed *self,
                                      guint              days)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_FEED (self));
  self->history_days = CLAMP (days, 1, 3660);
}

/**
 * ioc_complaints_feed_load_cached:
 *
 * feeds.md "offline (showing cached data from date X)".
 */
void
ioc_complaints_feed_load_cached (IocComplaintsFeed *self,
                                 GPtrArray         *complaints,
                                 GDateTime         *cached_at)
{
  g_return_if_fail (IOC_IS_COMPLAINTS_FEED (self));

  if (complaints != NULL)
    ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (self->model), complaints);
  ioc_feed_client_show_cached (IOC_FEED_CLIENT (self), cached_at);
}

/* ---- one complaint again ------------------------------------------------ */

static void
refresh_parsed_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IocComplaintsFeed *self = g_task_get_source_object (task);
  const char *id = g_task_get_task_data (task);
  g_autoptr(IocOpen311Result) result = NULL;
  g_autoptr(GPtrArray) one = NULL;
  IocComplaint *fetched = NULL;
  IocComplaint *current;
  GDateTime *fetched_time, *current_time;
  GError *error = NULL;

  result = ioc_feed_client_parse_finish (IOC_FEED_CLIENT (source), res, &error);
  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < result->requests->len && fetched == NULL; i++)
    if (g_strcmp0 (ioc_complaint_get_service_request_id (result->requests->pdata[i]), id) == 0)
      fetched = result->requests->pdata[i];
  if (fetched == NULL)
    {
      /* An empty list is how some servers say "no such request". */
      g_task_return_int (task, IOC_COMPLAINT_REFRESH_GONE);
      return;
    }

  current = ioc_complaint_list_model_lookup (self->model, id);
  if (current == NULL)
    {
      /* Not ours to add: the polls decide which complaints the model holds. */
      g_task_return_int (task, IOC_COMPLAINT_REFRESH_UNCHANGED);
      return;
    }
  /* A poll that ran meanwhile may already hold a later version. */
  fetched_time = ioc_complaint_get_updated_datetime (fetched);
  current_time = ioc_complaint_get_updated_datetime (current);
  if (fetched_time != NULL && current_time != NULL && g_date_time_compare (fetched_time, current_time) < 0)
    {
      g_task_return_int (task, IOC_COMPLAINT_REFRESH_UNCHANGED);
      return;
    }

  /* The same merge as a poll's: updated in place, announced by
   * items-updated, so sorted and filtered views place it again. */
  one = g_ptr_array_new ();
  g_ptr_array_add (one, fetched);
  g_task_return_int (task, ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (self->model), one) > 0
                           ? IOC_COMPLAINT_REFRESH_UPDATED : IOC_COMPLAINT_REFRESH_UNCHANGED);
}

static void
refresh_fetched_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IocComplaintsFeed *self = g_task_get_source_object (task);
  g_autoptr(IocFeedResponse) response = NULL;
  GError *error = NULL;
  ParseData *data;

  response = ioc_feed_client_fetch_finish (IOC_FEED_CLIENT (source), res, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else if (response->status == 404 || response->status == 410)
    g_task_return_int (task, IOC_COMPLAINT_REFRESH_GONE);
  else if (response->not_modified)
    /* The same version as our last look at it. */
    g_task_return_int (task, IOC_COMPLAINT_REFRESH_UNCHANGED);
  else if (response->status < 200 || response->status >= 300)
    g_task_return_error (task, ioc_feed_response_to_error (response, ioc_open311_parse_error_body));
  else
    {
      /* Read before the task is handed over (argument order is unspecified). */
      GCancellable *cancellable = g_task_get_cancellable (task);

      data = g_new0 (ParseData, 1);
      data->kind = PARSE_REQUESTS;
      data->adapter = g_object_ref (ioc_feed_client_get_adapter (IOC_FEED_CLIENT (self)));
      ioc_feed_client_parse_async (IOC_FEED_CLIENT (self), response->body, parse_in_thread,
                                   data, (GDestroyNotify) parse_data_free,
                                   (GDestroyNotify) ioc_open311_result_free,
                                   cancellable, refresh_parsed_cb, g_steal_pointer (&task));
    }
}

/**
 * ioc_complaints_feed_refresh_async:
 * @id: the complaint's service_request_id
 *
 * feeds.md §1 `GET requests/{id}.json?extensions=true`: the server's
 * current version of one complaint, merged into the model in place exactly
 * as a poll merges it (the same object, announced with items-updated).
 * Used after an operator action was delivered or refused, so that the
 * next action carries the server's `updated_datetime` (optimistic
 * concurrency, feeds.md §1) without waiting for the next poll. A complaint
 * the server no longer has (404) is left as it is: what happens to actions
 * on it is the outbox's business. A fetched version older than the one the
 * model holds (a poll got there first) is not applied.
 */
void
ioc_complaints_feed_refresh_async (IocComplaintsFeed   *self,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  GTask *task;

  g_return_if_fail (IOC_IS_COMPLAINTS_FEED (self));
  g_return_if_fail (id != NULL && *id != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ioc_complaints_feed_refresh_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  path = request_path (self, id);
  url = ioc_feed_client_build_url (IOC_FEED_CLIENT (self), path);
  ioc_feed_client_fetch_async (IOC_FEED_CLIENT (self), url, cancellable, refresh_fetched_cb, task);
}

/**
 * ioc_complaints_feed_refresh_finish:
 * @outcome: (out) (optional): what became of the model's complaint
 *
 * Returns: %FALSE with @error when the server could not be asked or its
 *   answer not read (the model keeps what it had)
 */
gboolean
ioc_complaints_feed_refresh_finish (IocComplaintsFeed    *self,
                                    GAsyncResult         *result,
                                    IocComplaintRefresh  *outcome,
                                    GError              **error)
{
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), error);
  if (value < 0)
    return FALSE;
  if (outcome != NULL)
    *outcome = (IocComplaintRefresh) value;
  return TRUE;
}
