/* ioc-outbox-action.c — one operator action waiting in (or gone through) the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ioc-outbox-action-private.h"

G_DEFINE_BOXED_TYPE (IocOutboxAction, ioc_outbox_action, ioc_outbox_action_ref, ioc_outbox_action_unref)

/* The update fields of feeds.md §1 (POST servicerequestupdates.json): the
 * standard ones and the project's extensions. `api_key`, `service_request_id`
 * and `update_id` are added by the sender and can never be form fields: the
 * API key in particular must never reach the database. */
static const char * const valid_fields[] = {
  "status",
  "extended_status",
  "description",
  "agency_responsible",
  "priority",
  "duplicate_of",
  "claimed_by",
  "author",
  "if_updated_datetime",
  "media_url",
};

IocOutboxAction *
ioc_outbox_action_new_empty (void)
{
  IocOutboxAction *self = g_new0 (IocOutboxAction, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->field_names = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->field_values = g_ptr_array_new_with_free_func (g_free);
  self->state = IOC_OUTBOX_STATE_QUEUED;
  return self;
}

/**
 * ioc_outbox_action_new:
 * @service_request_id: the Open311 request the action applies to
 * @kind: what the operator did ("acknowledge", "assign", "resolve"…), for
 *   the queue view and the audit log; never sent on the wire
 *
 * Creates an action with a fresh `update_id` (a random UUID v4): the
 * idempotency key of feeds.md §1 that lets the server apply it once however
 * many times it is posted. Add the update fields with
 * ioc_outbox_action_set_field(), then ioc_store_outbox_enqueue_async().
 *
 * Returns: (transfer full): a new action
 */
IocOutboxAction *
ioc_outbox_action_new (const char *service_request_id,
                       const char *kind)
{
  IocOutboxAction *self;

  g_return_val_if_fail (service_request_id != NULL && *service_request_id != '\0', NULL);
  g_return_val_if_fail (kind != NULL && *kind != '\0', NULL);

  self = ioc_outbox_action_new_empty ();
  self->update_id = g_uuid_string_random ();
  self->service_request_id = g_strdup (service_request_id);
  self->kind = g_strdup (kind);
  self->created_at = g_get_real_time ();
  self->next_attempt_at = self->created_at;
  return self;
}

/**
 * ioc_outbox_action_ref:
 * @self: an action
 *
 * Returns: (transfer full): @self
 */
IocOutboxAction *
ioc_outbox_action_ref (IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * ioc_outbox_action_unref:
 * @self: (transfer full): an action
 *
 * Drops a reference.
 */
void
ioc_outbox_action_unref (IocOutboxAction *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->update_id);
  g_free (self->service_request_id);
  g_free (self->kind);
  g_ptr_array_unref (self->field_names);
  g_ptr_array_unref (self->field_values);
  g_free (self->last_error);
  g_free (self->server_response);
  g_free (self);
}

/**
 * ioc_outbox_action_field_is_valid:
 * @name: a form field name
 *
 * Whether @name is an update field of feeds.md §1 that an action may carry.
 *
 * Returns: %TRUE if allowed
 */
gboolean
ioc_outbox_action_field_is_valid (const char *name)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (valid_fields); i++)
    if (g_str_equal (name, valid_fields[i]))
      return TRUE;
  return FALSE;
}

/**
 * ioc_outbox_action_set_field:
 * @self: an action not yet enqueued
 * @name: a field accepted by ioc_outbox_action_field_is_valid()
 * @value: (nullable): its value; %NULL removes the field
 *
 * Sets a form field of the update (feeds.md §1).
 */
void
ioc_outbox_action_set_field (IocOutboxAction *self,
                             const char      *name,
                             const char      *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ioc_outbox_action_field_is_valid (name));

  for (guint i = 0; i < self->field_values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->field_names, i), name))
      {
        if (value != NULL)
          {
            g_free (g_ptr_array_index (self->field_values, i));
            g_ptr_array_index (self->field_values, i) = g_strdup (value);
          }
        else
          {
            g_ptr_array_remove_index (self->field_names, i);
            g_ptr_array_remove_index (self->field_values, i);
          }
        return;
      }

  if (value != NULL)
    {
      g_ptr_array_add (self->field_names, g_strdup (name));
      g_ptr_array_add (self->field_values, g_strdup (value));
    }
}

/**
 * ioc_outbox_action_get_field:
 * @self: an action
 * @name: a field name
 *
 * Returns: (nullable): the value, or %NULL when not set
 */
const char *
ioc_outbox_action_get_field (const IocOutboxAction *self,
                             const char            *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->field_values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->field_names, i), name))
      return g_ptr_array_index (self->field_values, i);
  return NULL;
}

/**
 * ioc_outbox_action_get_field_names:
 * @self: an action
 *
 * Returns: (transfer none): the field names set, in the order they were set
 */
const char * const *
ioc_outbox_action_get_field_names (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->field_names->pdata;
}

/** ioc_outbox_action_get_id: @self: an action. Returns: the store row id, 0 before enqueueing */
gint64
ioc_outbox_action_get_id (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->id;
}

/** ioc_outbox_action_get_update_id: @self: an action. Returns: the UUID idempotency key (feeds.md §1) */
const char *
ioc_outbox_action_get_update_id (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->update_id;
}

/** ioc_outbox_action_get_service_request_id: @self: an action. Returns: the target request */
const char *
ioc_outbox_action_get_service_request_id (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->service_request_id;
}

/** ioc_outbox_action_get_kind: @self: an action. Returns: the operator's action kind */
const char *
ioc_outbox_action_get_kind (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kind;
}

/** ioc_outbox_action_get_created_at: @self: an action. Returns: creation time, µs since the epoch */
gint64
ioc_outbox_action_get_created_at (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->created_at;
}

/** ioc_outbox_action_get_state: @self: an action. Returns: the state when it was read from the store */
IocOutboxState
ioc_outbox_action_get_state (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, IOC_OUTBOX_STATE_QUEUED);
  return self->state;
}

/** ioc_outbox_action_get_attempts: @self: an action. Returns: how many POSTs were started */
guint
ioc_outbox_action_get_attempts (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->attempts;
}

/** ioc_outbox_action_get_next_attempt_at: @self: an action. Returns: earliest next POST, µs since the epoch */
gint64
ioc_outbox_action_get_next_attempt_at (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->next_attempt_at;
}

/**
 * ioc_outbox_action_set_not_before:
 * @self: a new action, before ioc_store_outbox_enqueue_async()
 * @not_before: µs since the epoch; 0 for "as soon as possible"
 *
 * Issue "Complaint triage", "Actions": an action is saved to the outbox the
 * moment the operator takes it (so a crash in the undo window loses
 * nothing) but held there until the undo window ends: the sender never
 * posts it before @not_before (ioc_store_outbox_next_due_sync()).
 */
void
ioc_outbox_action_set_not_before (IocOutboxAction *self,
                                  gint64           not_before)
{
  g_return_if_fail (self != NULL);
  self->not_before = MAX (not_before, 0);
}

/** ioc_outbox_action_get_not_before: @self: an action. Returns: held until then, µs since the epoch; 0 if not held */
gint64
ioc_outbox_action_get_not_before (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->not_before;
}

/**
 * ioc_outbox_action_get_due_at:
 * @self: an action
 *
 * When the sender may post it next: the later of its back-off time and the
 * end of its undo window ("Exactly-once delivery", ioc-store.h).
 *
 * Returns: µs since the epoch
 */
gint64
ioc_outbox_action_get_due_at (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return MAX (self->next_attempt_at, self->not_before);
}

/** ioc_outbox_action_get_last_error: @self: an action. Returns: (nullable): why the last attempt did not succeed */
const char *
ioc_outbox_action_get_last_error (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->last_error;
}

/** ioc_outbox_action_get_http_status: @self: an action. Returns: the last HTTP status, 0 if none */
guint
ioc_outbox_action_get_http_status (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->http_status;
}

/** ioc_outbox_action_get_server_response: @self: an action. Returns: (nullable): the last response body */
const char *
ioc_outbox_action_get_server_response (const IocOutboxAction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->server_response;
}

static const char * const state_names[] = {
  [IOC_OUTBOX_STATE_QUEUED] = "queued",
  [IOC_OUTBOX_STATE_SENDING] = "sending",
  [IOC_OUTBOX_STATE_SENT] = "sent",
  [IOC_OUTBOX_STATE_CONFLICT] = "conflict",
  [IOC_OUTBOX_STATE_FAILED] = "failed",
  [IOC_OUTBOX_STATE_CANCELLED] = "cancelled",
};

/**
 * ioc_outbox_state_to_string:
 * @state: a state
 *
 * Returns: the stable name stored in the database ("queued", "sending"…)
 */
const char *
ioc_outbox_state_to_string (IocOutboxState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

/**
 * ioc_outbox_state_from_string:
 * @str: a name from ioc_outbox_state_to_string()
 * @state: (out): the state
 *
 * Returns: %TRUE if @str names a state
 */
gboolean
ioc_outbox_state_from_string (const char     *str,
                              IocOutboxState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (str, state_names[i]))
      {
        *state = (IocOutboxState) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ioc_outbox_backoff_delay:
 * @attempts: attempts already made (1 after the first failure; 0 is treated as 1)
 * @base_us: delay after the first failure before jitter, µs
 * @max_us: cap of the exponential delay, µs
 * @jitter: a uniform random number in [0, 1)
 *
 * Exponential back-off with jitter (feeds.md, general rules): the ceiling
 * d = min(@max_us, @base_us · 2^(@attempts−1)) and the delay is
 * d/2 + @jitter · d/2 ("equal jitter"). The random half spreads the retries
 * of many desks after a server outage; the fixed half keeps a floor so that a
 * retry is never immediate.
 *
 * Returns: the delay in µs, within [d/2, d]
 */
gint64
ioc_outbox_backoff_delay (guint  attempts,
                          gint64 base_us,
                          gint64 max_us,
                          double jitter)
{
  gint64 ceiling = base_us;

  g_return_val_if_fail (base_us > 0 && max_us >= base_us, 0);

  jitter = CLAMP (jitter, 0.0, 1.0);
  for (guint i = 1; i < attempts && ceiling < max_us; i++)
    ceiling = ceiling > max_us / 2 ? max_us : ceiling * 2;
  ceiling = MIN (ceiling, max_us);

  return ceiling / 2 + (gint64) floor (jitter * (double) (ceiling - ceiling / 2));
}
