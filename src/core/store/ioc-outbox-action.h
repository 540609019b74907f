/* ioc-outbox-action.h — one operator action waiting in (or gone through) the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define IOC_TYPE_OUTBOX_ACTION (ioc_outbox_action_get_type ())

/**
 * IocOutboxState:
 * @IOC_OUTBOX_STATE_QUEUED: saved, waiting for its turn (new, or retrying after a
 *   network/5xx failure at @next_attempt_at)
 * @IOC_OUTBOX_STATE_SENDING: a POST is (or was, when the app died) in flight
 * @IOC_OUTBOX_STATE_SENT: the server answered 2xx: applied exactly once
 * @IOC_OUTBOX_STATE_CONFLICT: the server answered 409 (the request changed since
 *   `if_updated_datetime`); kept, with the server's body, until the operator resolves it
 * @IOC_OUTBOX_STATE_FAILED: the server refused it for good (4xx other than 408/409/429)
 * @IOC_OUTBOX_STATE_CANCELLED: undone by the operator before sending, or a
 *   conflict/failure the operator discarded
 *
 * queued → sending → sent | conflict | failed | queued (retry);
 * queued → cancelled (undo); conflict | failed → queued | cancelled (resolve).
 */
typedef enum {
  IOC_OUTBOX_STATE_QUEUED,
  IOC_OUTBOX_STATE_SENDING,
  IOC_OUTBOX_STATE_SENT,
  IOC_OUTBOX_STATE_CONFLICT,
  IOC_OUTBOX_STATE_FAILED,
  IOC_OUTBOX_STATE_CANCELLED,
} IocOutboxState;

#define IOC_OUTBOX_STATE_MASK(state) (1u << (state))
#define IOC_OUTBOX_STATE_MASK_PENDING \
  (IOC_OUTBOX_STATE_MASK (IOC_OUTBOX_STATE_QUEUED) | IOC_OUTBOX_STATE_MASK (IOC_OUTBOX_STATE_SENDING))
#define IOC_OUTBOX_STATE_MASK_NEEDS_OPERATOR \
  (IOC_OUTBOX_STATE_MASK (IOC_OUTBOX_STATE_CONFLICT) | IOC_OUTBOX_STATE_MASK (IOC_OUTBOX_STATE_FAILED))
#define IOC_OUTBOX_STATE_MASK_ALL 0x3fu

typedef struct _IocOutboxAction IocOutboxAction;

GType            ioc_outbox_action_get_type   (void) G_GNUC_CONST;
IocOutboxAction *ioc_outbox_action_new        (const char      *service_request_id,
                                               const char      *kind);
IocOutboxAction *ioc_outbox_action_ref        (IocOutboxAction *self);
void             ioc_outbox_action_unref      (IocOutboxAction *self);

gboolean         ioc_outbox_action_field_is_valid (const char *name);
void             ioc_outbox_action_set_field  (IocOutboxAction *self,
                                               const char      *name,
                                               const char      *value);
const char      *ioc_outbox_action_get_field  (const IocOutboxAction *self,
                                               const char      *name);
const char * const *ioc_outbox_action_get_field_names (const IocOutboxAction *self);

gint64           ioc_outbox_action_get_id              (const IocOutboxAction *self);
const char      *ioc_outbox_action_get_update_id       (const IocOutboxAction *self);
const char      *ioc_outbox_action_get_service_request_id (const IocOutboxAction *self);
const char      *ioc_outbox_action_get_kind            (const IocOutboxAction *self);
gint64           ioc_outbox_action_get_created_at      (const IocOutboxAction *self);
IocOutboxState   ioc_outbox_action_get_state           (const IocOutboxAction *self);
guint            ioc_outbox_action_get_attempts        (const IocOutboxAction *self);
gint64           ioc_outbox_action_get_next_attempt_at (const IocOutboxAction *self);
void             ioc_outbox_action_set_not_before      (IocOutboxAction       *self,
                                                        gint64                 not_before);
gint64           ioc_outbox_action_get_not_before      (const IocOutboxAction *self);
gint64           ioc_outbox_action_get_due_at          (const IocOutboxAction *self);
const char      *ioc_outbox_action_get_last_error      (const IocOutboxAction *self);
guint            ioc_outbox_action_get_http_status     (const IocOutboxAction *self);
const char      *ioc_outbox_action_get_server_response (const IocOutboxAction *self);

const char      *ioc_outbox_state_to_string   (IocOutboxState  state);
gboolean         ioc_outbox_state_from_string (const char     *str,
                                               IocOutboxState *state);

gint64           ioc_outbox_backoff_delay     (guint   attempts,
                                               gint64  base_us,
                                               gint64  max_us,
                                               double  jitter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocOutboxAction, ioc_outbox_action_unref)

G_END_DECLS
