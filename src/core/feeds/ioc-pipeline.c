/* ioc-pipeline.c — the three feed clients, the store and the outbox sender
 *
 * The clients exist from the start, even for a feed with no address, so that
 * every view can bind to a feed's status before anything is configured; a
 * client polls only while the pipeline runs and it has an address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-date-time.h"
#include "ioc-feed-error.h"
#include "ioc-pipeline.h"
#include "ioc-snapshot-codec.h"


/* A main-thread slice of snapshot work stays well under one 60 Hz frame. */
#define SLICE_USEC        4000
#define LOAD_CHUNK        2000

enum {
  SIGNAL_CACHE_LOADED,
  SIGNAL_SNAPSHOT_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The complaints snapshot is prepared on the main thread in slices: first a
 * fingerprint (cheap: a few fields per complaint) decides whether anything
 * changed since the last write; only then are copies made for the worker. */
typedef enum {
  SAVE_IDLE,
  SAVE_FINGERPRINT,
  SAVE_COPY,
  SAVE_WRITING,
} SavePhase;

typedef struct {
  SavePhase  phase;
  guint      idle_id;
  guint      position;
  guint64    fingerprint;
  GPtrArray *copies;
  gboolean   again;      /* the model changed while a write was under way */
} ComplaintsSaver;

struct _IocPipeline
{
  GObject          parent_instance;

  IocStore        *store;
  IocFeedFetcher  *fetcher;
  IocFeedAdapter  *adapter;
  IocFeedClient   *clients[IOC_N_FEED_KINDS];
  IocOutboxSender *sender;
  char            *api_key;
  gboolean         running;

  GCancellable    *cancellable;                  /* snapshot jobs; cancelled on dispose */
  gboolean         live[IOC_N_FEED_KINDS];       /* delivered live data at least once */
  gboolean         cache_loaded[IOC_N_FEED_KINDS];
  gboolean         saving[IOC_N_FEED_KINDS];
  gboolean         save_again[IOC_N_FEED_KINDS];
  gboolean         has_saved[IOC_N_FEED_KINDS];
  guint64          saved_fingerprint[IOC_N_FEED_KINDS];
  ComplaintsSaver  complaints_saver;
  GPtrArray       *pending_complaints;           /* cached ones still to merge */
  GDateTime       *pending_cached_at;
  guint            load_idle_id;

  /* Complaints fetched again after an operator action (feeds.md §1
   * optimistic concurrency): id → GUINT_TO_POINTER (again), one fetch per
   * id in flight; "again" when another action finished meanwhile. */
  GHashTable      *refreshing;
  GCancellable    *refresh_cancellable;          /* cancelled on stop and dispose */
};

G_DEFINE_FINAL_TYPE (IocPipeline, ioc_pipeline, G_TYPE_OBJECT)

static void
ioc_pipeline_dispose (GObject *object)
{
  IocPipeline *self = IOC_PIPELINE (object);

  ioc_pipeline_stop (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_data (self->sender, self);
  g_clear_handle_id (&self->complaints_saver.idle_id, g_source_remove);
  g_clear_pointer (&self->complaints_saver.copies, g_ptr_array_unref);
  g_clear_handle_id (&self->load_idle_id, g_source_remove);
  g_clear_pointer (&self->pending_complaints, g_ptr_array_unref);
  g_clear_pointer (&self->pending_cached_at, g_date_time_unref);
  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    if (self->clients[i] != NULL)
      g_signal_handlers_disconnect_by_data (self->clients[i], self);
  if (self->clients[IOC_FEED_KIND_COMPLAINTS] != NULL)
    g_signal_handlers_disconnect_by_data (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (self)), self);
  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    g_clear_object (&self->clients[i]);
  g_clear_object (&self->sender);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->adapter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->api_key, g_free);

  G_OBJECT_CLASS (ioc_pipeline_parent_class)->dispose (object);
}

static void
ioc_pipeline_finalize (GObject *object)
{
  IocPipeline *self = IOC_PIPELINE (object);

  /* Here, not in dispose: a refresh still in flight finds it until then. */
  g_clear_pointer (&self->refreshing, g_hash_table_unref);

  G_OBJECT_CLASS (ioc_pipeline_parent_class)->finalize (object);
}

static void
ioc_pipeline_class_init (IocPipelineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ioc_pipeline_dispose;
  G_OBJECT_CLASS (klass)->finalize = ioc_pipeline_finalize;

  signals[SIGNAL_CACHE_LOADED] =
    g_signal_new ("cache-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
  signals[SIGNAL_SNAPSHOT_SAVED] =
    g_signal_new ("snapshot-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void poll_finished_cb (IocFeedClient *client, gboolean success, gpointer user_data);
static void complaints_items_changed_cb (GListModel *model, guint position, guint removed,
                                         guint added, gpointer user_data);
static void load_snapshots (IocPipeline *self);

static void
ioc_pipeline_init (IocPipeline *self)
{
  /* One session for every feed: connections to a server that serves all
   * three protocols are shared. */
  self->fetcher = ioc_feed_fetcher_new (NULL);
  self->adapter = ioc_feed_adapter_new ();

  self->clients[IOC_FEED_KIND_COMPLAINTS] =
    IOC_FEED_CLIENT (ioc_complaints_feed_new (NULL, self->fetcher, self->adapter));
  self->clients[IOC_FEED_KIND_ENVIRONMENT] =
    IOC_FEED_CLIENT (ioc_environment_feed_new (NULL, self->fetcher, self->adapter));
  self->clients[IOC_FEED_KIND_TTHC] =
    IOC_FEED_CLIENT (ioc_tthc_feed_new (NULL, self->fetcher, self->adapter));

  self->cancellable = g_cancellable_new ();
  self->refreshing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    g_signal_connect (self->clients[i], "poll-finished", G_CALLBACK (poll_finished_cb), self);
  g_signal_connect (ioc_complaints_feed_get_model (IOC_COMPLAINTS_FEED (self->clients[IOC_FEED_KIND_COMPLAINTS])),
                    "items-changed", G_CALLBACK (complaints_items_changed_cb), self);
}

/**
 * ioc_pipeline_new:
 * @store: (nullable): where operator actions are queued; without a store
 *   the pipeline only reads the feeds
 */
IocPipeline *
ioc_pipeline_new (IocStore *store)
{
  IocPipeline *self;

  g_return_val_if_fail (store == NULL || IOC_IS_STORE (store), NULL);

  self = g_object_new (IOC_TYPE_PIPELINE, NULL);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      load_snapshots (self);
    }
  return self;
}

IocStore *
ioc_pipeline_get_store (IocPipeline *self)
{
  g_return_val_if_fail (IOC_IS_PIPELINE (self), NULL);
  return self->store;
}

static gboolean has_url (IocFeedClient *client);
static void action_done_cb (IocOutboxSender *sender, IocOutboxAction *action, gpointer user_data);

/* Operator actions go to the server the complaints come from, and only
 * while the pipeline runs. */
static void
update_sender (IocPipeline *self)
{
  const char *url = ioc_feed_client_get_base_url (self->clients[IOC_FEED_KIND_COMPLAINTS]);

  if (self->store == NULL)
    return;

  if (!has_url (self->clients[IOC_FEED_KIND_COMPLAINTS]))
    {
      if (self->sender != NULL)
        ioc_outbox_sender_stop (self->sender);
      return;
    }

  if (self->sender == NULL)
    {
      self->sender = ioc_outbox_sender_new (self->store,
                                            ioc_feed_fetcher_get_session (self->fetcher),
                                            url);
      ioc_outbox_sender_set_api_key (self->sender, self->api_key);
      g_signal_connect (self->sender, "action-done", G_CALLBACK (action_done_cb), self);
    }
  else
    ioc_outbox_sender_set_base_url (self->sender, url);

  if (self->running)
    ioc_outbox_sender_start (self->sender);
  else
    ioc_outbox_sender_stop (self->sender);
}

/**
 * ioc_pipeline_set_store:
 *
 * The store is opened asynchronously while the feeds already start: actions
 * can be queued from the moment it is set.
 */
void
ioc_pipeline_set_store (IocPipeline *self,
                        IocStore    *store)
{
  g_return_if_fail (IOC_IS_PIPELINE (self));
  g_return_if_fail (IOC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  update_sender (self);
  load_snapshots (self);
}

IocFeedClient *
ioc_pipeline_get_client (IocPipeline *self,
                         IocFeedKind  kind)
{
  g_return_val_if_fail (IOC_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (kind < IOC_N_FEED_KINDS, NULL);
  return self->clients[kind];
}

IocFeedStatus *
ioc_pipeline_get_status (IocPipeline *self,
                         IocFeedKind  kind)
{
  return ioc_feed_client_get_status (ioc_pipeline_get_client (self, kind));
}

IocComplaintsFeed *
ioc_pipeline_get_complaints (IocPipeline *self)
{
  return IOC_COMPLAINTS_FEED (ioc_pipeline_get_client (self, IOC_FEED_KIND_COMPLAINTS));
}

IocEnvironmentFeed *
ioc_pipeline_get_environment (IocPipeline *self)
{
  return IOC_ENVIRONMENT_FEED (ioc_pipeline_get_client (self, IOC_FEED_KIND_ENVIRONMENT));
}

IocTthcFeed *
ioc_pipeline_get_tthc (IocPipeline *self)
{
  return IOC_TTHC_FEED (ioc_pipeline_get_client (self, IOC_FEED_KIND_TTHC));
}

/** ioc_pipeline_get_outbox_sender: (nullable): %NULL without a store or
 * before the complaints feed has an address. */
IocOutboxSender *
ioc_pipeline_get_outbox_sender (IocPipeline *self)
{
  g_return_val_if_fail (IOC_IS_PIPELINE (self), NULL);
  return self->sender;
}

static gboolean
has_url (IocFeedClient *client)
{
  const char *url = ioc_feed_client_get_base_url (client);

  return url != NULL && url[0] != '\0';
}

/**
 * ioc_pipeline_set_feed:
 * @url: (nullable): the feed's endpoint (`{base}/open311/v2/` …); %NULL or
 *   empty: not configured, the client stops
 *
 * A changed address restarts the client against the new server; the
 * complaints address is also where operator actions are sent.
 */
void
ioc_pipeline_set_feed (IocPipeline *self,
                       IocFeedKind  kind,
                       const char  *url,
                       guint        poll_interval)
{
  IocFeedClient *client;
  gboolean changed;

  g_return_if_fail (IOC_IS_PIPELINE (self));
  g_return_if_fail (kind < IOC_N_FEED_KINDS);

  if (url != NULL && url[0] == '\0')
    url = NULL;

  client = self->clients[kind];
  changed = g_strcmp0 (ioc_feed_client_get_base_url (client), url) != 0;
  if (poll_interval > 0)
    ioc_feed_client_set_poll_interval (client, poll_interval);

  if (!changed)
    return;

  ioc_feed_client_stop (client);
  ioc_feed_client_set_base_url (client, url);
  if (self->running && url != NULL)
    ioc_feed_client_start (client);
  if (kind == IOC_FEED_KIND_COMPLAINTS)
    update_sender (self);
}

/** ioc_pipeline_set_api_key: the key the complaints server wants with operator actions. */
void
ioc_pipeline_set_api_key (IocPipeline *self,
                          const char  *api_key)
{
  g_return_if_fail (IOC_IS_PIPELINE (self));

  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  if (self->sender != NULL)
    ioc_outbox_sender_set_api_key (self->sender, api_key);
}

/** ioc_pipeline_start: polls every configured feed and sends queued actions. */
void
ioc_pipeline_start (IocPipeline *self)
{
  g_return_if_fail (IOC_IS_PIPELINE (self));

  if (self->running)
    return;
  self->running = TRUE;

  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    if (has_url (self->clients[i]))
      ioc_feed_client_start (self->clients[i]);
  update_sender (self);
}

/** ioc_pipeline_stop: cancels what is in flight; models keep their data. */
void
ioc_pipeline_stop (IocPipeline *self)
{
  g_return_if_fail (IOC_IS_PIPELINE (self));

  if (!self->running)
    return;
  self->running = FALSE;

  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    if (self->clients[i] != NULL)
      ioc_feed_client_stop (self->clients[i]);
  if (self->sender != NULL)
    ioc_outbox_sender_stop (self->sender);
  /* Shutdown: the complaints fetched again after actions are not waited for. */
  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
}

gboolean
ioc_pipeline_get_running (IocPipeline *self)
{
  g_return_val_if_fail (IOC_IS_PIPELINE (self), FALSE);
  return self->running;
}

gboolean
ioc_pipeline_get_cache_loaded (IocPipeline *self,
                               IocFeedKind  kind)
{
  g_return_val_if_fail (IOC_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (kind < IOC_N_FEED_KINDS, FALSE);
  return self->cache_loaded[kind];
}

gboolean
ioc_pipeline_get_saving (IocPipeline *self,
                         IocFeedKind  kind)
{
  g_return_val_if_fail (IOC_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (kind < IOC_N_FEED_KINDS, FALSE);
  return self->saving[kind];
}

/* ---- saving snapshots --------------------------------------------------- */

/* What a worker thread writes: either bytes already encoded on the main
 * thread (stations), or copies to encode (complaints, TTHC). */
typedef struct {
  IocStore    *store;
  IocFeedKind  kind;
  char        *url;
  gint64       fetched_at;
  guint64      previous;      /* fingerprint of the last write (has_previous) */
  gboolean     has_previous;
  guint64      fingerprint;   /* complaints: computed on the main thread */
  GBytes      *stations;
  GPtrArray   *complaints;    /* IocComplaint copies */
  GPtrArray   *units;         /* IocTthcUnit (immutable: construct-only properties) */
  GPtrArray   *stats;         /* IocTthcStats copies */
  GPtrArray   *daily;
  GPtrArray   *overdue;       /* IocTthcDossier copies */
  GPtrArray   *late;
  gboolean     written;       /* out: FALSE when nothing changed */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_free (job->url);
  g_clear_pointer (&job->stations, g_bytes_unref);
  g_clear_pointer (&job->complaints, g_ptr_array_unref);
  g_clear_pointer (&job->units, g_ptr_array_unref);
  g_clear_pointer (&job->stats, g_ptr_array_unref);
  g_clear_pointer (&job->daily, g_ptr_array_unref);
  g_clear_pointer (&job->overdue, g_ptr_array_unref);
  g_clear_pointer (&job->late, g_ptr_array_unref);
  g_free (job);
}

static guint64
mix (guint64 hash,
     guint64 value)
{
  /* FNV-1a over 64-bit words: order-sensitive and cheap. */
  hash ^= value;
  return hash * G_GUINT64_CONSTANT (1099511628211);
}

static guint64
mix_bytes (guint64  hash,
           GBytes  *bytes)
{
  gsize length;
  const guchar *data;

  if (bytes == NULL)
    return mix (hash, 0);
  data = g_bytes_get_data (bytes, &length);
  for (gsize i = 0; i < length; i++)
    hash = mix (hash, data[i]);
  return mix (hash, length);
}

static gboolean
save_one (SaveJob     *job,
          const char  *key,
          GBytes      *payload,
          GError     **error)
{
  g_autoptr(IocSnapshot) snapshot = NULL;

  if (payload == NULL)
    return TRUE;
  snapshot = ioc_snapshot_new (ioc_feed_kind_to_string (job->kind), key, payload,
                               job->fetched_at, job->url != NULL ? job->url : "", NULL, NULL);
  return ioc_store_save_snapshot_sync (job->store, snapshot, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;
  gboolean ok = TRUE;

  switch (job->kind)
    {
    case IOC_FEED_KIND_COMPLAINTS:
      {
        g_autoptr(GBytes) bytes = ioc_snapshot_codec_encode_complaints (job->complaints);

        ok = save_one (job, "", bytes, &error);
        job->written = TRUE;
      }
      break;

    case IOC_FEED_KIND_ENVIRONMENT:
      job->fingerprint = mix_bytes (G_GUINT64_CONSTANT (14695981039346656037), job->stations);
      if (!job->has_previous || job->fingerprint != job->previous)
        {
          ok = save_one (job, "", job->stations, &error);
          job->written = TRUE;
        }
      break;

    case IOC_FEED_KIND_TTHC:
      {
        const char *keys[] = {
          IOC_SNAPSHOT_KEY_TTHC_UNITS, IOC_SNAPSHOT_KEY_TTHC_STATS, IOC_SNAPSHOT_KEY_TTHC_DAILY,
          IOC_SNAPSHOT_KEY_TTHC_OVERDUE, IOC_SNAPSHOT_KEY_TTHC_LATE,
        };
        GBytes *parts[G_N_ELEMENTS (keys)];
        guint64 fp = G_GUINT64_CONSTANT (14695981039346656037);

        parts[0] = ioc_snapshot_codec_encode_tthc_units (job->units);
        parts[1] = ioc_snapshot_codec_encode_tthc_stats (job->stats);
        parts[2] = ioc_snapshot_codec_encode_tthc_daily (job->daily);
        parts[3] = ioc_snapshot_codec_encode_tthc_dossiers (job->overdue);
        parts[4] = ioc_snapshot_codec_encode_tthc_dossiers (job->late);
        for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
          fp = mix_bytes (fp, parts[i]);
        job->fingerprint = fp;
        if (!job->has_previous || fp != job->previous)
          {
            for (guint i = 0; ok && i < G_N_ELEMENTS (keys); i++)
              ok = save_one (job, keys[i], parts[i], &error);
            job->written = TRUE;
          }
        for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
          g_clear_pointer (&parts[i], g_bytes_unref);
      }
      break;

    case IOC_N_FEED_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void schedule_save (IocPipeline *self, IocFeedKind kind);

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = G_TASK (result);
  SaveJob *job = g_task_get_task_data (task);
  IocPipeline *self;
  g_autoptr(GError) error = NULL;

  /* Cancelled: the pipeline is gone; user_data must not be touched. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  self = user_data;

  if (!g_task_propagate_boolean (task, &error))
    g_warning ("Could not save the %s snapshot: %s", ioc_feed_kind_to_string (job->kind), error->message);
  else
    {
      self->has_saved[job->kind] = TRUE;
      self->saved_fingerprint[job->kind] = job->fingerprint;
    }
  self->saving[job->kind] = FALSE;
  if (job->kind == IOC_FEED_KIND_COMPLAINTS)
    self->complaints_saver.phase = SAVE_IDLE;
  if (error == NULL && job->written)
    g_signal_emit (self, signals[SIGNAL_SNAPSHOT_SAVED], 0, (guint) job->kind);
  if (self->save_again[job->kind])
    {
      self->save_again[job->kind] = FALSE;
      schedule_save (self, job->kind);
    }
}

static SaveJob *
save_job_new (IocPipeline *self,
              IocFeedKind  kind)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  GDateTime *last = ioc_feed_status_get_last_success (ioc_pipeline_get_status (self, kind));

  job->store = g_object_ref (self->store);
  job->kind = kind;
  job->url = g_strdup (ioc_feed_client_get_base_url (self->clients[kind]));
  job->fetched_at = last != NULL ? ioc_date_time_to_usec (last) : g_get_real_time ();
  job->has_previous = self->has_saved[kind];
  job->previous = self->saved_fingerprint[kind];
  return job;
}

static void
run_save_job (IocPipeline *self,
              SaveJob     *job)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, saved_cb, self);

  g_task_set_source_tag (task, run_save_job);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static GPtrArray *
copy_array (GPtrArray      *from,
            GBoxedCopyFunc  copy,
            GDestroyNotify  free_func)
{
  GPtrArray *to = g_ptr_array_new_full (from->len, free_func);

  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, copy (from->pdata[i]));
  return to;
}

/* A complaint's contribution to the fingerprint: the fields an update
 * changes (status, times, assignment, notes…), not every byte — a change
 * that touches none of them waits for the next one to be written. */
static guint64
complaint_fingerprint (guint64       hash,
                       IocComplaint *c)
{
  GDateTime *updated = ioc_complaint_get_updated_datetime (c);
  GDateTime *expected = ioc_complaint_get_expected_datetime (c);
  const char *claimed = ioc_complaint_get_claimed_by (c);
  const char *agency = ioc_complaint_get_agency_responsible (c);
  const char *dup = ioc_complaint_get_duplicate_of (c);
  const char *notes = ioc_complaint_get_status_notes (c);
  const char * const *media = ioc_complaint_get_media_urls (c);

  hash = mix (hash, g_str_hash (ioc_complaint_get_service_request_id (c)));
  hash = mix (hash, updated != NULL ? (guint64) ioc_date_time_to_usec (updated) : 1);
  hash = mix (hash, expected != NULL ? (guint64) ioc_date_time_to_usec (expected) : 2);
  hash = mix (hash, (guint64) ioc_complaint_get_status (c) << 8 |
                    (guint64) ioc_complaint_get_priority (c) << 4 |
                    (guint64) ioc_complaint_get_has_extended_status (c) << 2 |
                    (guint64) ioc_complaint_get_open (c));
  hash = mix (hash, ioc_complaint_get_notes (c)->len);
  hash = mix (hash, media != NULL ? g_strv_length ((char **) media) : 0);
  hash = mix (hash, claimed != NULL ? g_str_hash (claimed) : 3);
  hash = mix (hash, agency != NULL ? g_str_hash (agency) : 4);
  hash = mix (hash, dup != NULL ? g_str_hash (dup) : 5);
  hash = mix (hash, notes != NULL ? g_str_hash (notes) : 6);
  return hash;
}

static gboolean
complaints_slice_cb (gpointer user_data)
{
  IocPipeline *self = user_data;
  ComplaintsSaver *saver = &self->complaints_saver;
  GListModel *model = G_LIST_MODEL (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (self)));
  guint n = g_list_model_get_n_items (model);
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;

  while (saver->position < n)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (model, saver->position);

      if (saver->phase == SAVE_FINGERPRINT)
        saver->fingerprint = complaint_fingerprint (saver->fingerprint, c);
      else
        g_ptr_array_add (saver->copies, ioc_complaint_copy (c));
      saver->position++;
      if ((saver->position & 63) == 0 && g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  if (saver->phase == SAVE_FINGERPRINT)
    {
      saver->fingerprint = mix (saver->fingerprint, n);
      if (self->has_saved[IOC_FEED_KIND_COMPLAINTS] &&
          saver->fingerprint == self->saved_fingerprint[IOC_FEED_KIND_COMPLAINTS])
        {
          /* Nothing changed since the last write. */
          saver->idle_id = 0;
          saver->phase = SAVE_IDLE;
          self->saving[IOC_FEED_KIND_COMPLAINTS] = FALSE;
          return G_SOURCE_REMOVE;
        }
      saver->phase = SAVE_COPY;
      saver->position = 0;
      g_clear_pointer (&saver->copies, g_ptr_array_unref);
      saver->copies = g_ptr_array_new_full (n, g_object_unref);
      return G_SOURCE_CONTINUE;
    }

  /* Copies made: encode and write on a worker. */
  {
    SaveJob *job = save_job_new (self, IOC_FEED_KIND_COMPLAINTS);

    job->complaints = g_steal_pointer (&saver->copies);
    job->fingerprint = saver->fingerprint;
    saver->idle_id = 0;
    saver->phase = SAVE_WRITING;
    run_save_job (self, job);
  }
  return G_SOURCE_REMOVE;
}

static void
start_complaints_slices (IocPipeline *self)
{
  ComplaintsSaver *saver = &self->complaints_saver;

  saver->phase = SAVE_FINGERPRINT;
  saver->position = 0;
  saver->fingerprint = G_GUINT64_CONSTANT (14695981039346656037);
  g_clear_pointer (&saver->copies, g_ptr_array_unref);
  if (saver->idle_id == 0)
    saver->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, complaints_slice_cb, self, NULL);
}

static void
complaints_items_changed_cb (GListModel *model,
                             guint       position,
                             guint       removed,
                             guint       added,
                             gpointer    user_data)
{
  IocPipeline *self = user_data;
  SavePhase phase = self->complaints_saver.phase;

  /* Positions moved under the slices: start over from a consistent view. */
  if (phase == SAVE_FINGERPRINT || phase == SAVE_COPY)
    start_complaints_slices (self);
}

/* issue "Live data pipeline": a feed's snapshot after each successful poll,
 * written only when its model changed, never blocking the main thread. */
static void
schedule_save (IocPipeline *self,
               IocFeedKind  kind)
{
  if (self->store == NULL)
    return;
  if (self->saving[kind])
    {
      /* Restart slicing in progress, or write again after the current write. */
      if (kind == IOC_FEED_KIND_COMPLAINTS && self->complaints_saver.phase != SAVE_WRITING)
        start_complaints_slices (self);
      else
        self->save_again[kind] = TRUE;
      return;
    }
  self->saving[kind] = TRUE;

  switch (kind)
    {
    case IOC_FEED_KIND_COMPLAINTS:
      start_complaints_slices (self);
      break;

    case IOC_FEED_KIND_ENVIRONMENT:
      {
        /* A few hundred stations: encoding them here takes well under a
         * millisecond, and IocStation may only be read on this thread. */
        GListModel *model = G_LIST_MODEL (ioc_environment_feed_get_model (ioc_pipeline_get_environment (self)));
        g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
        SaveJob *job = save_job_new (self, kind);

        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          g_ptr_array_add (stations, g_list_model_get_item (model, i));
        job->stations = ioc_snapshot_codec_encode_stations (stations);
        run_save_job (self, job);
      }
      break;

    case IOC_FEED_KIND_TTHC:
      {
        IocTthcFeed *feed = ioc_pipeline_get_tthc (self);
        GListModel *units = G_LIST_MODEL (ioc_tthc_feed_get_units (feed));
        SaveJob *job = save_job_new (self, kind);

        job->units = g_ptr_array_new_with_free_func (g_object_unref);
        for (guint i = 0; i < g_list_model_get_n_items (units); i++)
          g_ptr_array_add (job->units, g_list_model_get_item (units, i));
        job->stats = copy_array (ioc_tthc_feed_get_stats (feed), (GBoxedCopyFunc) ioc_tthc_stats_copy,
                                 (GDestroyNotify) ioc_tthc_stats_free);
        job->daily = copy_array (ioc_tthc_feed_get_daily (feed), (GBoxedCopyFunc) ioc_tthc_stats_copy,
                                 (GDestroyNotify) ioc_tthc_stats_free);
        job->overdue = copy_array (ioc_tthc_feed_get_overdue (feed), (GBoxedCopyFunc) ioc_tthc_dossier_copy,
                                   (GDestroyNotify) ioc_tthc_dossier_free);
        job->late = copy_array (ioc_tthc_feed_get_late (feed), (GBoxedCopyFunc) ioc_tthc_dossier_copy,
                                (GDestroyNotify) ioc_tthc_dossier_free);
        run_save_job (self, job);
      }
      break;

    case IOC_N_FEED_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
poll_finished_cb (IocFeedClient *client,
                  gboolean       success,
                  gpointer       user_data)
{
  IocPipeline *self = user_data;
  IocFeedKind kind;

  if (!success)
    return;
  for (kind = 0; kind < IOC_N_FEED_KINDS; kind++)
    if (self->clients[kind] == client)
      break;
  g_return_if_fail (kind < IOC_N_FEED_KINDS);

  self->live[kind] = TRUE;
  schedule_save (self, kind);
}

/* ---- complaints fetched again after an operator action ------------------ */

typedef struct {
  GWeakRef  pipeline;   /* the fetch does not keep the pipeline alive */
  char     *id;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_weak_ref_clear (&refresh->pipeline);
  g_free (refresh->id);
  g_free (refresh);
}

static void refreshed_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
start_refresh (IocPipeline *self,
               const char  *id)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  if (self->refresh_cancellable == NULL)
    self->refresh_cancellable = g_cancellable_new ();
  g_weak_ref_init (&refresh->pipeline, self);
  refresh->id = g_strdup (id);
  ioc_complaints_feed_refresh_async (ioc_pipeline_get_complaints (self), id, self->refresh_cancellable,
                                     refreshed_cb, refresh);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(IocPipeline) self = g_weak_ref_get (&refresh->pipeline);
  g_autoptr(GError) error = NULL;
  IocComplaintRefresh outcome = IOC_COMPLAINT_REFRESH_UNCHANGED;
  gpointer again = NULL;

  if (!ioc_complaints_feed_refresh_finish (IOC_COMPLAINTS_FEED (source), result, &outcome, &error))
    {
      /* The model keeps what it has; the next poll brings the change. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, IOC_FEED_ERROR, IOC_FEED_ERROR_CANCELLED))
        g_message ("Could not fetch complaint %s again after an operator action: %s",
                   refresh->id, error->message);
    }
  else if (outcome == IOC_COMPLAINT_REFRESH_GONE)
    /* Kept as it is: the outbox tells the operator about actions on it. */
    g_debug ("complaint %s is gone from the server; the local copy is kept", refresh->id);
  else if (outcome == IOC_COMPLAINT_REFRESH_UPDATED && self != NULL && self->live[IOC_FEED_KIND_COMPLAINTS])
    /* The snapshot follows, as after a poll: a restart shows the server's version. */
    schedule_save (self, IOC_FEED_KIND_COMPLAINTS);

  if (self != NULL && g_hash_table_lookup_extended (self->refreshing, refresh->id, NULL, &again))
    {
      if (GPOINTER_TO_UINT (again) && !g_cancellable_is_cancelled (self->cancellable))
        {
          /* Another action on it finished while this answer was on its way:
           * its effect may be missing from what came back. */
          g_hash_table_replace (self->refreshing, g_strdup (refresh->id), GUINT_TO_POINTER (FALSE));
          start_refresh (self, refresh->id);
        }
      else
        g_hash_table_remove (self->refreshing, refresh->id);
    }
  refresh_free (refresh);
}

/* feeds.md §1 optimistic concurrency: the server's updated_datetime of a
 * complaint changes with every action, so once one is delivered (or refused
 * with 409) the complaint is fetched again right away. Otherwise the
 * operator's next action would carry the version before their own and be
 * refused as a conflict, and the conflict dialog would compare against a
 * stale copy until the next poll. */
static void
action_done_cb (IocOutboxSender *sender,
                IocOutboxAction *action,
                gpointer         user_data)
{
  IocPipeline *self = user_data;
  IocOutboxState state = ioc_outbox_action_get_state (action);
  const char *id = ioc_outbox_action_get_service_request_id (action);

  if ((state != IOC_OUTBOX_STATE_SENT && state != IOC_OUTBOX_STATE_CONFLICT) ||
      id == NULL || *id == '\0' || !has_url (self->clients[IOC_FEED_KIND_COMPLAINTS]))
    return;
  if (g_hash_table_contains (self->refreshing, id))
    {
      g_hash_table_replace (self->refreshing, g_strdup (id), GUINT_TO_POINTER (TRUE));
      return;
    }
  g_hash_table_insert (self->refreshing, g_strdup (id), GUINT_TO_POINTER (FALSE));
  start_refresh (self, id);
}

/* ---- loading snapshots -------------------------------------------------- */

typedef struct {
  IocStore       *store;
  IocFeedAdapter *adapter;
  IocFeedKind     kind;
  gint64          cached_at;       /* out: the oldest part's fetch time; 0 = none */
  GPtrArray      *complaints;      /* out */
  GPtrArray      *stations;        /* out */
  IocTthcResult  *tthc[5];         /* out: units, stats, daily, overdue, late */
} LoadJob;

static const char * const tthc_keys[] = {
  IOC_SNAPSHOT_KEY_TTHC_UNITS, IOC_SNAPSHOT_KEY_TTHC_STATS, IOC_SNAPSHOT_KEY_TTHC_DAILY,
  IOC_SNAPSHOT_KEY_TTHC_OVERDUE, IOC_SNAPSHOT_KEY_TTHC_LATE,
};

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->adapter);
  g_clear_pointer (&job->complaints, g_ptr_array_unref);
  g_clear_pointer (&job->stations, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (job->tthc); i++)
    g_clear_pointer (&job->tthc[i], ioc_tthc_result_free);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  const char *feed = ioc_feed_kind_to_string (job->kind);
  g_autoptr(GPtrArray) snapshots = NULL;
  GError *error = NULL;

  snapshots = ioc_store_load_snapshots_sync (job->store, feed, &error);
  if (snapshots == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < snapshots->len; i++)
    {
      const IocSnapshot *snapshot = snapshots->pdata[i];
      gboolean used = FALSE;

      switch (job->kind)
        {
        case IOC_FEED_KIND_COMPLAINTS:
          if (snapshot->key[0] == '\0')
            {
              job->complaints = ioc_snapshot_codec_decode_complaints (snapshot->payload, job->adapter, &error);
              used = TRUE;
            }
          break;
        case IOC_FEED_KIND_ENVIRONMENT:
          if (snapshot->key[0] == '\0')
            {
              job->stations = ioc_snapshot_codec_decode_stations (snapshot->payload, job->adapter, &error);
              used = TRUE;
            }
          break;
        case IOC_FEED_KIND_TTHC:
          for (guint k = 0; k < G_N_ELEMENTS (tthc_keys); k++)
            if (g_str_equal (snapshot->key, tthc_keys[k]) && job->tthc[k] == NULL)
              {
                job->tthc[k] = ioc_snapshot_codec_decode_tthc (snapshot->key, snapshot->payload, &error);
                used = TRUE;
              }
          break;
        case IOC_N_FEED_KINDS:
        default:
          g_assert_not_reached ();
        }
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (used && (job->cached_at == 0 || snapshot->fetched_at < job->cached_at))
        job->cached_at = snapshot->fetched_at;
    }
  g_task_return_boolean (task, TRUE);
}

static void
cache_done (IocPipeline *self,
            IocFeedKind  kind,
            gboolean     shown)
{
  self->cache_loaded[kind] = TRUE;
  g_signal_emit (self, signals[SIGNAL_CACHE_LOADED], 0, (guint) kind, shown);
}

/* Cached complaints go into the model a chunk per main-loop iteration;
 * live data that arrives meanwhile wins and the rest is dropped. */
static gboolean
load_complaints_chunk_cb (gpointer user_data)
{
  IocPipeline *self = user_data;
  IocComplaintsFeed *feed = ioc_pipeline_get_complaints (self);
  g_autoptr(GPtrArray) chunk = NULL;
  guint n;

  if (self->live[IOC_FEED_KIND_COMPLAINTS])
    {
      self->load_idle_id = 0;
      g_clear_pointer (&self->pending_complaints, g_ptr_array_unref);
      g_clear_pointer (&self->pending_cached_at, g_date_time_unref);
      cache_done (self, IOC_FEED_KIND_COMPLAINTS, FALSE);
      return G_SOURCE_REMOVE;
    }

  n = MIN (self->pending_complaints->len, LOAD_CHUNK);
  chunk = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (chunk, g_object_ref (self->pending_complaints->pdata[i]));
  g_ptr_array_remove_range (self->pending_complaints, 0, n);
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (ioc_complaints_feed_get_model (feed)), chunk);

  if (self->pending_complaints->len > 0)
    return G_SOURCE_CONTINUE;

  /* All in: the state says offline with the date of the cache. */
  ioc_complaints_feed_load_cached (feed, NULL, self->pending_cached_at);
  self->load_idle_id = 0;
  g_clear_pointer (&self->pending_complaints, g_ptr_array_unref);
  g_clear_pointer (&self->pending_cached_at, g_date_time_unref);
  cache_done (self, IOC_FEED_KIND_COMPLAINTS, TRUE);
  return G_SOURCE_REMOVE;
}

static void
tthc_show_cached (IocTthcFeed *feed,
                  LoadJob     *job,
                  GDateTime   *cached_at)
{
  /* The five TTHC snapshots: units, stats, daily, overdue and late dossiers;
   * the feed shows them as offline until its first poll succeeds. */
  ioc_tthc_feed_load_cached (feed,
                             job->tthc[0] != NULL ? job->tthc[0]->units : NULL,
                             job->tthc[1] != NULL ? job->tthc[1]->stats : NULL,
                             job->tthc[2] != NULL ? job->tthc[2]->stats : NULL,
                             job->tthc[3] != NULL ? job->tthc[3]->dossiers : NULL,
                             job->tthc[4] != NULL ? job->tthc[4]->dossiers : NULL,
                             cached_at);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = G_TASK (result);
  LoadJob *job = g_task_get_task_data (task);
  IocPipeline *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cached_at = NULL;
  gboolean any;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  self = user_data;

  if (!g_task_propagate_boolean (task, &error))
    {
      /* A damaged cache costs the offline start, nothing else. */
      g_warning ("Could not read the cached %s: %s", ioc_feed_kind_to_string (job->kind), error->message);
      cache_done (self, job->kind, FALSE);
      return;
    }
  any = job->complaints != NULL || job->stations != NULL || job->tthc[0] != NULL ||
        job->tthc[1] != NULL || job->tthc[2] != NULL || job->tthc[3] != NULL || job->tthc[4] != NULL;
  if (!any || self->live[job->kind])
    {
      cache_done (self, job->kind, FALSE);
      return;
    }
  cached_at = ioc_date_time_new_from_usec (job->cached_at);

  switch (job->kind)
    {
    case IOC_FEED_KIND_COMPLAINTS:
      g_clear_pointer (&self->pending_complaints, g_ptr_array_unref);
      g_clear_pointer (&self->pending_cached_at, g_date_time_unref);
      self->pending_complaints = g_steal_pointer (&job->complaints);
      self->pending_cached_at = g_date_time_ref (cached_at);
      g_clear_handle_id (&self->load_idle_id, g_source_remove);
      self->load_idle_id = g_idle_add (load_complaints_chunk_cb, self);
      return;

    case IOC_FEED_KIND_ENVIRONMENT:
      ioc_environment_feed_load_cached (ioc_pipeline_get_environment (self), job->stations, cached_at);
      break;

    case IOC_FEED_KIND_TTHC:
      tthc_show_cached (ioc_pipeline_get_tthc (self), job, cached_at);
      break;

    case IOC_N_FEED_KINDS:
    default:
      g_assert_not_reached ();
    }
  cache_done (self, job->kind, TRUE);
}

/* issue "Live data pipeline": start with the last snapshot of each feed,
 * marked offline, before the network answers. */
static void
load_snapshots (IocPipeline *self)
{
  for (guint kind = 0; kind < IOC_N_FEED_KINDS; kind++)
    {
      LoadJob *job = g_new0 (LoadJob, 1);
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, loaded_cb, self);

      job->store = g_object_ref (self->store);
      job->adapter = g_object_ref (self->adapter);
      job->kind = kind;
      g_task_set_source_tag (task, load_snapshots);
      g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
      g_task_run_in_thread (task, load_thread);
    }
}
