/* ioc-queue-actions.h — the operator's actions on the selected complaint and
 * their way through the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ioc-complaint.h"
#include "ioc-outbox-sender.h"
#include "ioc-store.h"

G_BEGIN_DECLS

/* (transfer full) (element-type IocComplaint): likely duplicates of
 * @complaint, nearest first (domain.md §3). */
typedef GPtrArray *(*IocQueueDuplicatesFunc) (IocComplaint *complaint,
                                              gpointer      user_data);

#define IOC_TYPE_QUEUE_ACTIONS (ioc_queue_actions_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueActions, ioc_queue_actions, IOC, QUEUE_ACTIONS, GObject)

/* The key bindings of the actions, into the class of the widget that will
 * host them (the page's class_init). */
void             ioc_queue_actions_install_shortcuts (GtkWidgetClass         *widget_class);

IocQueueActions *ioc_queue_actions_new               (GtkWidget              *host,
                                                      AdwToastOverlay        *toasts,
                                                      GtkSingleSelection     *selection,
                                                      GtkWidget              *list,
                                                      GtkStringList          *agencies);
void             ioc_queue_actions_set_duplicates_func (IocQueueActions      *self,
                                                      IocQueueDuplicatesFunc  func,
                                                      gpointer                user_data);
void             ioc_queue_actions_set_detail        (IocQueueActions        *self,
                                                      GtkWidget              *detail);
void             ioc_queue_actions_set_complaints    (IocQueueActions        *self,
                                                      GListModel             *complaints);
/* The original a complaint may be marked a duplicate of (domain.md §3). */
IocComplaint    *ioc_queue_actions_find_original     (IocQueueActions        *self,
                                                      IocComplaint           *complaint,
                                                      const char             *code,
                                                      GError                **error);
void             ioc_queue_actions_set_outbox        (IocQueueActions        *self,
                                                      IocStore               *store,
                                                      IocOutboxSender        *sender);
void             ioc_queue_actions_set_operator      (IocQueueActions        *self,
                                                      const char             *name);
void             ioc_queue_actions_set_undo_delay    (IocQueueActions        *self,
                                                      guint                   milliseconds);
/* Recompute which actions the selected complaint allows. */
void             ioc_queue_actions_update            (IocQueueActions        *self);
/* "pending", "queued", "sending", "sent", "conflict", "failed" or NULL;
 * @message: (out) (optional) (nullable): what the operator must know. */
const char      *ioc_queue_actions_get_delivery      (IocQueueActions        *self,
                                                      const char             *service_request_id,
                                                      const char            **message);
void             ioc_queue_actions_flush             (IocQueueActions        *self);
void             ioc_queue_actions_refresh_async     (IocQueueActions        *self,
                                                      GAsyncReadyCallback     callback,
                                                      gpointer                user_data);
gboolean         ioc_queue_actions_refresh_finish    (IocQueueActions        *self,
                                                      GAsyncResult           *result,
                                                      GError                **error);
AdwMessageDialog *ioc_queue_actions_get_dialog       (IocQueueActions        *self);
void             ioc_queue_actions_shutdown          (IocQueueActions        *self);

G_END_DECLS
