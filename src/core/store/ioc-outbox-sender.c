/* ioc-outbox-sender.c — delivers the outbox to an Open311 server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ioc-outbox-sender.h"

/* In automatic mode, look at the outbox at least this often even when nothing
 * is due: another process (the CLI) may have queued something. */
#define MAX_SLEEP_MS (60 * 1000)

struct _IocOutboxSender
{
  GObject       parent_instance;

  IocStore     *store;
  SoupSession  *session;
  char         *base_url;     /* ends with '/' */
  char         *api_key;      /* in memory only; never logged */
  gint64        backoff_base;
  gint64        backoff_max;

  /* the flush in progress, if any */
  struct _FlushRun *run;

  /* automatic mode */
  gboolean      running;
  guint         timeout_id;
  GCancellable *cancellable;  /* cancelled by stop and dispose */
};

enum {
  ACTION_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (IocOutboxSender, ioc_outbox_sender, G_TYPE_OBJECT)

typedef struct _FlushRun {
  IocOutboxSender *self;
  GPtrArray       *tasks;      /* GTask*, completed together at the end */
  gboolean         again;      /* a flush was requested while running */
  guint            n_sent;
  IocOutboxAction *action;     /* the action being posted */
  SoupMessage     *message;
  guint8          *buffer;
  gsize            n_read;
} FlushRun;

static void flush_next (FlushRun *run);
static void schedule (IocOutboxSender *self);

static void
ioc_outbox_sender_dispose (GObject *object)
{
  IocOutboxSender *self = IOC_OUTBOX_SENDER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (ioc_outbox_sender_parent_class)->dispose (object);
}

static void
ioc_outbox_sender_finalize (GObject *object)
{
  IocOutboxSender *self = IOC_OUTBOX_SENDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_free (self->base_url);
  if (self->api_key != NULL)
    {
      memset (self->api_key, 0, strlen (self->api_key));
      g_free (self->api_key);
    }
  G_OBJECT_CLASS (ioc_outbox_sender_parent_class)->finalize (object);
}

static void
ioc_outbox_sender_class_init (IocOutboxSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ioc_outbox_sender_dispose;
  object_class->finalize = ioc_outbox_sender_finalize;

  /**
   * IocOutboxSender::action-done:
   * @self: the sender
   * @action: the action as now stored (sent, conflict, failed or queued for a retry)
   *
   * Emitted after each delivery attempt is recorded; the UI surfaces
   * conflicts and failures to the operator from here.
   */
  signals[ACTION_DONE] =
    g_signal_new ("action-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, IOC_TYPE_OUTBOX_ACTION);
}

static void
ioc_outbox_sender_init (IocOutboxSender *self)
{
  self->backoff_base = IOC_OUTBOX_BACKOFF_BASE_USEC;
  self->backoff_max = IOC_OUTBOX_BACKOFF_MAX_USEC;
  self->cancellable = g_cancellable_new ();
}

/**
 * ioc_outbox_sender_new:
 * @store: the store holding the outbox
 * @session: the HTTP session (its timeout and TLS settings apply)
 * @base_url: the Open311 base, `{base}/open311/v2/` (feeds.md §1)
 *
 * Returns: (transfer full): a new sender, idle until flushed or started
 */
IocOutboxSender *
ioc_outbox_sender_new (IocStore    *store,
                       SoupSession *session,
                       const char  *base_url)
{
  IocOutboxSender *self;

  g_return_val_if_fail (IOC_IS_STORE (store), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (IOC_TYPE_OUTBOX_SENDER, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  ioc_outbox_sender_set_base_url (self, base_url);
  return self;
}

/**
 * ioc_outbox_sender_set_base_url:
 * @self: a sender
 * @base_url: the Open311 base URL (a trailing slash is added if missing)
 *
 * Changes the server (settings changed). Pending actions keep their
 * update_id, so a retry against the same server stays idempotent.
 */
void
ioc_outbox_sender_set_base_url (IocOutboxSender *self,
                                const char      *base_url)
{
  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));
  g_return_if_fail (base_url != NULL);

  g_free (self->base_url);
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                    : g_strconcat (base_url, "/", NULL);
}

/**
 * ioc_outbox_sender_get_base_url:
 * @self: a sender
 *
 * Returns: the Open311 base URL
 */
const char *
ioc_outbox_sender_get_base_url (IocOutboxSender *self)
{
  g_return_val_if_fail (IOC_IS_OUTBOX_SENDER (self), NULL);
  return self->base_url;
}

/**
 * ioc_outbox_sender_set_api_key:
 * @self: a sender
 * @api_key: (nullable): the key from IocSecrets; kept in memory only
 *
 * Sets the `api_key` form field (feeds.md §1). It is never stored in the
 * outbox nor logged: a key changed in the keyring applies to the actions
 * already queued.
 */
void
ioc_outbox_sender_set_api_key (IocOutboxSender *self,
                               const char      *api_key)
{
  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));

  if (self->api_key != NULL)
    {
      memset (self->api_key, 0, strlen (self->api_key));
      g_free (self->api_key);
    }
  self->api_key = g_strdup (api_key);
}

/**
 * ioc_outbox_sender_set_backoff:
 * @self: a sender
 * @base_us: delay after the first failure (µs)
 * @max_us: cap of the delay (µs)
 *
 * Tunes the back-off of ioc_outbox_backoff_delay(); the defaults are
 * %IOC_OUTBOX_BACKOFF_BASE_USEC and %IOC_OUTBOX_BACKOFF_MAX_USEC.
 */
void
ioc_outbox_sender_set_backoff (IocOutboxSender *self,
                               gint64           base_us,
                               gint64           max_us)
{
  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));
  g_return_if_fail (base_us > 0 && max_us >= base_us);
  self->backoff_base = base_us;
  self->backoff_max = max_us;
}

/* ---------------------------------------------------------------------- */
/* Classifying the answer                                                  */
/* ---------------------------------------------------------------------- */

/* "code: description; …" from an Open311 error body `[{code, description}]`
 * (feeds.md §1); NULL if the body is not one. */
static char *
parse_error_body (const char *body,
                  gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = NULL;
  JsonNode *root;
  JsonArray *array;

  if (body == NULL || length == 0 || !json_parser_load_from_data (parser, body, (gssize) length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  out = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj;
      JsonNode *code, *desc;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      code = json_object_get_member (obj, "code");
      desc = json_object_get_member (obj, "description");
      if (out->len > 0)
        g_string_append (out, "; ");
      if (code != NULL && JSON_NODE_HOLDS_VALUE (code))
        {
          if (json_node_get_value_type (code) == G_TYPE_STRING)
            g_string_append_printf (out, "%s: ", json_node_get_string (code));
          else if (json_node_get_value_type (code) == G_TYPE_INT64)
            g_string_append_printf (out, "%" G_GINT64_FORMAT ": ", json_node_get_int (code));
        }
      if (desc != NULL && JSON_NODE_HOLDS_VALUE (desc) && json_node_get_value_type (desc) == G_TYPE_STRING)
        g_string_append (out, json_node_get_string (desc));
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A 2xx answer really is the Open311 server's acknowledgement: a JSON array
 * whose first element, if it names an update_id, names ours. A captive
 * portal or proxy page answering 200 is not a delivery. */
static gboolean
is_acknowledgement (const char *body,
                    gsize       length,
                    const char *update_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *first;
  JsonObject *obj;
  const char *echoed;

  if (body == NULL || length == 0 || !json_parser_load_from_data (parser, body, (gssize) length, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0)
    return FALSE;
  first = json_array_get_element (json_node_get_array (root), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;
  obj = json_node_get_object (first);
  if (!json_object_has_member (obj, "update_id"))
    return TRUE;
  echoed = json_object_get_string_member_with_default (obj, "update_id", NULL);
  return echoed != NULL && g_str_equal (echoed, update_id);
}

static gint64
retry_after_us (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  guint64 seconds;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return 0;
  return (gint64) seconds * G_USEC_PER_SEC;
}

/* ---------------------------------------------------------------------- */
/* The flush loop                                                          */
/* ---------------------------------------------------------------------- */

static void
flush_run_complete (FlushRun *run,
                    GError   *error)
{
  IocOutboxSender *self = run->self;

  self->run = NULL;
  for (guint i = 0; i < run->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (run->tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_int (task, run->n_sent);
    }
  g_clear_error (&error);
  g_ptr_array_unref (run->tasks);
  g_clear_pointer (&run->action, ioc_outbox_action_unref);
  g_clear_object (&run->message);
  g_free (run->buffer);
  g_free (run);

  if (self->running)
    schedule (self);
  g_object_unref (self);
}

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  FlushRun *run = user_data;
  GError *error = NULL;
  g_autoptr(IocOutboxAction) action =
    ioc_store_outbox_record_result_finish (IOC_STORE (source), result, &error);
  gboolean retrying;

  if (action == NULL)
    {
      flush_run_complete (run, error);
      return;
    }

  if (ioc_outbox_action_get_state (action) == IOC_OUTBOX_STATE_SENT)
    run->n_sent++;
  retrying = ioc_outbox_action_get_state (action) == IOC_OUTBOX_STATE_QUEUED;
  g_signal_emit (run->self, signals[ACTION_DONE], 0, action);

  /* The server or the network is unwell: stop here rather than hammer it
   * with every other queued action; each waits for its own back-off. */
  if (retrying || g_cancellable_is_cancelled (run->self->cancellable))
    {
      if (g_cancellable_set_error_if_cancelled (run->self->cancellable, &error))
        flush_run_complete (run, error);
      else
        flush_run_complete (run, NULL);
      return;
    }
  flush_next (run);
}

static void
record (FlushRun       *run,
        IocOutboxState  state,
        guint           http_status,
        const char     *error_text,
        const char     *body,
        gint64          min_delay)
{
  IocOutboxSender *self = run->self;
  gint64 next = 0;

  if (state == IOC_OUTBOX_STATE_QUEUED)
    {
      gint64 delay = ioc_outbox_backoff_delay (ioc_outbox_action_get_attempts (run->action),
                                               self->backoff_base, self->backoff_max,
                                               g_random_double ());
      next = g_get_real_time () + MAX (delay, min_delay);
    }

  g_debug ("outbox: update %s of request %s -> %s (HTTP %u)",
           ioc_outbox_action_get_update_id (run->action),
           ioc_outbox_action_get_service_request_id (run->action),
           ioc_outbox_state_to_string (state), http_status);

  /* No cancellable: the outcome of a POST that was made must be recorded. */
  ioc_store_outbox_record_result_async (self->store, ioc_outbox_action_get_id (run->action),
                                        state, http_status, error_text, body, next,
                                        NULL, recorded_cb, run);
}

static void
classify (FlushRun *run)
{
  guint status = soup_message_get_status (run->message);
  const char *body = (const char *) run->buffer;
  gsize length = run->n_read;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;

  reason = parse_error_body (body, length);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (is_acknowledgement (body, length, ioc_outbox_action_get_update_id (run->action)))
        record (run, IOC_OUTBOX_STATE_SENT, status, NULL, body, 0);
      else
        {
          text = g_strdup_printf (_("The server answered HTTP %u without acknowledging the "
                                    "update; it will be sent again"), status);
          record (run, IOC_OUTBOX_STATE_QUEUED, status, text, body, 0);
        }
    }
  else if (status == SOUP_STATUS_CONFLICT)
    {
      text = g_strdup_printf (_("Conflict: the request was changed on the server since you "
                                "last saw it (%s)"),
                              reason != NULL ? reason : soup_message_get_reason_phrase (run->message));
      record (run, IOC_OUTBOX_STATE_CONFLICT, status, text, body, 0);
    }
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429 /* Too Many Requests: not in libsoup 3.2's enum */ ||
           SOUP_STATUS_IS_SERVER_ERROR (status) || !SOUP_STATUS_IS_CLIENT_ERROR (status))
    {
      text = g_strdup_printf (_("The server is unavailable (HTTP %u %s); the action will be "
                                "sent again"),
                              status, soup_message_get_reason_phrase (run->message));
      record (run, IOC_OUTBOX_STATE_QUEUED, status, text, body, retry_after_us (run->message));
    }
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      /* Open311 POSTs carry the api_key: say what the operator can do. */
      text = g_strdup_printf (_("The server refused the action because the API key is missing or "
                                "wrong (HTTP %u: %s). Enter the complaints feed's key in "
                                "Preferences; the action stays in the outbox."), status,
                              reason != NULL ? reason : soup_message_get_reason_phrase (run->message));
      record (run, IOC_OUTBOX_STATE_FAILED, status, text, body, 0);
    }
  else
    {
      text = g_strdup_printf (_("The server refused the action (HTTP %u): %s"), status,
                              reason != NULL ? reason : soup_message_get_reason_phrase (run->message));
      record (run, IOC_OUTBOX_STATE_FAILED, status, text, body, 0);
    }
}

static void
transport_failed (FlushRun *run,
                  GError   *error)
{
  g_autofree char *text = g_strdup_printf (_("Network error: %s; the action will be sent again"),
                                           error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopping: try again as soon as we run again, no back-off. attempts
       * stays counted: the request may have reached the server. */
      g_debug ("outbox: update %s interrupted", ioc_outbox_action_get_update_id (run->action));
      ioc_store_outbox_record_result_async (run->self->store, ioc_outbox_action_get_id (run->action),
                                            IOC_OUTBOX_STATE_QUEUED, 0, text, NULL,
                                            g_get_real_time (), NULL, recorded_cb, run);
      return;
    }
  record (run, IOC_OUTBOX_STATE_QUEUED, 0, text, NULL, 0);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FlushRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &run->n_read, &error))
    {
      g_input_stream_close (G_INPUT_STREAM (source), NULL, NULL);
      transport_failed (run, error);
      return;
    }
  g_input_stream_close (G_INPUT_STREAM (source), NULL, NULL);
  if (run->n_read > IOC_OUTBOX_MAX_RESPONSE_SIZE)
    {
      /* Not an Open311 answer; whatever it is, the server did not say "applied". */
      g_autofree char *text = g_strdup_printf (_("The server's answer is larger than %u bytes; "
                                                 "the action will be sent again"),
                                               (guint) IOC_OUTBOX_MAX_RESPONSE_SIZE);
      record (run, IOC_OUTBOX_STATE_QUEUED, soup_message_get_status (run->message), text, NULL, 0);
      return;
    }
  run->buffer[run->n_read] = '\0';
  classify (run);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FlushRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);

  if (stream == NULL)
    {
      transport_failed (run, error);
      return;
    }
  run->buffer = g_malloc (IOC_OUTBOX_MAX_RESPONSE_SIZE + 2);
  g_input_stream_read_all_async (stream, run->buffer, IOC_OUTBOX_MAX_RESPONSE_SIZE + 1,
                                 G_PRIORITY_DEFAULT, run->self->cancellable, read_cb, run);
}

static void
post (FlushRun *run)
{
  IocOutboxSender *self = run->self;
  const IocOutboxAction *action = run->action;
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *names = ioc_outbox_action_get_field_names (action);
  g_autofree char *url = g_strconcat (self->base_url, "servicerequestupdates.json", NULL);
  char *encoded;

  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_insert (form, (gpointer) names[i],
                         (gpointer) ioc_outbox_action_get_field (action, names[i]));
  g_hash_table_insert (form, (gpointer) "service_request_id",
                       (gpointer) ioc_outbox_action_get_service_request_id (action));
  g_hash_table_insert (form, (gpointer) "update_id", (gpointer) ioc_outbox_action_get_update_id (action));
  if (self->api_key != NULL)
    g_hash_table_insert (form, (gpointer) "api_key", self->api_key);

  encoded = soup_form_encode_hash (form);
  if (self->api_key != NULL)
    g_hash_table_remove (form, "api_key");

  g_clear_object (&run->message);
  g_clear_pointer (&run->buffer, g_free);
  run->n_read = 0;
  run->message = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url, encoded);
  if (run->message == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The server address “%s” is not a valid URL"),
                                               self->base_url);
      record (run, IOC_OUTBOX_STATE_QUEUED, 0, text, NULL, 0);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (run->message),
                                "Accept", "application/json");

  g_debug ("outbox: POST %s update %s (attempt %u)", url, ioc_outbox_action_get_update_id (action),
           ioc_outbox_action_get_attempts (action));
  soup_session_send_async (self->session, run->message, G_PRIORITY_DEFAULT,
                           self->cancellable, sent_cb, run);
}

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  FlushRun *run = user_data;
  GError *error = NULL;
  IocOutboxAction *action = ioc_store_outbox_mark_sending_finish (IOC_STORE (source), result, &error);

  if (action == NULL)
    {
      /* undone (cancelled, or withdrawn: deleted) between "next due" and
       * now: not an error, take the next one */
      if (g_error_matches (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE) ||
          g_error_matches (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          flush_next (run);
        }
      else
        flush_run_complete (run, error);
      return;
    }
  g_clear_pointer (&run->action, ioc_outbox_action_unref);
  run->action = action;
  post (run);
}

static void
next_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FlushRun *run = user_data;
  GError *error = NULL;
  g_autoptr(IocOutboxAction) action = ioc_store_outbox_next_due_finish (IOC_STORE (source), result, &error);

  if (error != NULL)
    {
      flush_run_complete (run, error);
      return;
    }
  if (action == NULL)
    {
      if (run->again)
        {
          run->again = FALSE;
          flush_next (run);
        }
      else
        flush_run_complete (run, NULL);
      return;
    }
  ioc_store_outbox_mark_sending_async (run->self->store, ioc_outbox_action_get_id (action),
                                       run->self->cancellable, marked_cb, run);
}

static void
flush_next (FlushRun *run)
{
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (run->self->cancellable, &error))
    {
      flush_run_complete (run, error);
      return;
    }
  ioc_store_outbox_next_due_async (run->self->store, g_get_real_time (), run->self->cancellable,
                                   next_cb, run);
}

/**
 * ioc_outbox_sender_flush_async:
 * @self: a sender
 * @cancellable: (nullable): cancels the wait (not the delivery)
 * @callback: called when no action is due any more, or after the first
 *   network/server failure (the others then wait for their back-off)
 * @user_data: data for @callback
 *
 * Delivers the due actions one at a time, oldest first (see
 * ioc_store_outbox_next_due_sync()). A flush requested while one runs joins
 * it and makes it look at the outbox once more before it ends.
 */
void
ioc_outbox_sender_flush_async (IocOutboxSender     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  FlushRun *run;

  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ioc_outbox_sender_flush_async);

  if (self->run != NULL)
    {
      g_ptr_array_add (self->run->tasks, task);
      self->run->again = TRUE;
      return;
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  run = g_new0 (FlushRun, 1);
  run->self = g_object_ref (self);
  run->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (run->tasks, task);
  self->run = run;
  flush_next (run);
}

/**
 * ioc_outbox_sender_flush_finish:
 * @self: a sender
 * @result: the result
 * @n_sent: (out) (optional): how many actions were delivered
 * @error: return location for an error (a store failure; delivery failures
 *   are recorded per action, not reported here)
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_outbox_sender_flush_finish (IocOutboxSender  *self,
                                GAsyncResult     *result,
                                guint            *n_sent,
                                GError          **error)
{
  gssize n;

  g_return_val_if_fail (IOC_IS_OUTBOX_SENDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_sent != NULL)
    *n_sent = (guint) n;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Automatic mode                                                          */
/* ---------------------------------------------------------------------- */

static void
auto_flush_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ioc_outbox_sender_flush_finish (IOC_OUTBOX_SENDER (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("outbox: %s", error->message);
}

static gboolean
timeout_cb (gpointer user_data)
{
  IocOutboxSender *self = user_data;

  self->timeout_id = 0;
  ioc_outbox_sender_flush_async (self, NULL, auto_flush_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
earliest_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(IocOutboxSender) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) action = ioc_store_outbox_next_due_finish (IOC_STORE (source), result, &error);
  gint64 delay_ms = MAX_SLEEP_MS;

  if (!self->running || self->run != NULL || self->timeout_id != 0)
    return;
  /* Its back-off or the end of its undo window, whichever is later: an
   * action held for undo leaves when the window ends, without a wake. */
  if (action != NULL)
    delay_ms = CLAMP ((ioc_outbox_action_get_due_at (action) - g_get_real_time ()) / 1000 + 1,
                      0, MAX_SLEEP_MS);
  self->timeout_id = g_timeout_add ((guint) delay_ms, timeout_cb, self);
}

static void
schedule (IocOutboxSender *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  ioc_store_outbox_next_due_async (self->store, G_MAXINT64, NULL, earliest_cb, g_object_ref (self));
}

/**
 * ioc_outbox_sender_start:
 * @self: a sender
 *
 * Automatic mode for the app: flushes now, then whenever the earliest queued
 * action becomes due (its back-off elapsed, its undo window over — also for
 * an action found in the outbox at start), and at least every minute.
 */
void
ioc_outbox_sender_start (IocOutboxSender *self)
{
  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));
  if (self->running)
    return;
  self->running = TRUE;
  ioc_outbox_sender_wake (self);
}

/**
 * ioc_outbox_sender_stop:
 * @self: a sender
 *
 * Leaves automatic mode and interrupts a POST in flight; an interrupted
 * action stays queued (with the same update_id) for the next start.
 */
void
ioc_outbox_sender_stop (IocOutboxSender *self)
{
  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));
  self->running = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
}

/**
 * ioc_outbox_sender_wake:
 * @self: a sender
 *
 * In automatic mode, flushes now: call it after an enqueue so that a new
 * action leaves at once rather than at the next timer.
 */
void
ioc_outbox_sender_wake (IocOutboxSender *self)
{
  g_return_if_fail (IOC_IS_OUTBOX_SENDER (self));
  if (!self->running)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  ioc_outbox_sender_flush_async (self, NULL, auto_flush_cb, NULL);
}
