/* ioc-outbox-sender.h — delivers the outbox to an Open311 server
 *
 * Posts each due action as a form-encoded `POST servicerequestupdates.json`
 * (feeds.md §1) with its stored `update_id`, and records the outcome in the
 * store: 2xx sent, 409 conflict (kept with the server body until the operator
 * resolves it), other 4xx failed for good (reason from the `[{code,
 * description}]` body), network errors, 408, 429 and 5xx retried with
 * exponential back-off and jitter. See "Exactly-once delivery" in ioc-store.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "ioc-store.h"

G_BEGIN_DECLS

/* Default back-off: 5 s after the first failure, doubling up to 15 min. */
#define IOC_OUTBOX_BACKOFF_BASE_USEC ((gint64) 5 * G_USEC_PER_SEC)
#define IOC_OUTBOX_BACKOFF_MAX_USEC  ((gint64) 15 * 60 * G_USEC_PER_SEC)

/* Largest response body read from the server (feeds.md: a maximum response size). */
#define IOC_OUTBOX_MAX_RESPONSE_SIZE (64 * 1024)

#define IOC_TYPE_OUTBOX_SENDER (ioc_outbox_sender_get_type ())
G_DECLARE_FINAL_TYPE (IocOutboxSender, ioc_outbox_sender, IOC, OUTBOX_SENDER, GObject)

IocOutboxSender *ioc_outbox_sender_new          (IocStore            *store,
                                                 SoupSession         *session,
                                                 const char          *base_url);
void             ioc_outbox_sender_set_base_url (IocOutboxSender     *self,
                                                 const char          *base_url);
const char      *ioc_outbox_sender_get_base_url (IocOutboxSender     *self);
void             ioc_outbox_sender_set_api_key  (IocOutboxSender     *self,
                                                 const char          *api_key);
void             ioc_outbox_sender_set_backoff  (IocOutboxSender     *self,
                                                 gint64               base_us,
                                                 gint64               max_us);
void             ioc_outbox_sender_flush_async  (IocOutboxSender     *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         ioc_outbox_sender_flush_finish (IocOutboxSender     *self,
                                                 GAsyncResult        *result,
                                                 guint               *n_sent,
                                                 GError             **error);
void             ioc_outbox_sender_start        (IocOutboxSender     *self);
void             ioc_outbox_sender_stop         (IocOutboxSender     *self);
void             ioc_outbox_sender_wake         (IocOutboxSender     *self);

G_END_DECLS
