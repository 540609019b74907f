/* ioc-conflict-dialog.h — the server's version of a complaint beside the
 * operator's change that the server did not take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ioc-complaint.h"
#include "ioc-outbox-action.h"

G_BEGIN_DECLS

#define IOC_TYPE_CONFLICT_DIALOG (ioc_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IocConflictDialog, ioc_conflict_dialog, IOC, CONFLICT_DIALOG, AdwMessageDialog)

/* Its responses: "cancel" (decide later), "discard" (drop the change) and
 * "requeue" (send it again); the caller acts on them. */
IocConflictDialog *ioc_conflict_dialog_new           (IocComplaint      *complaint,
                                                      IocOutboxAction   *action,
                                                      gboolean           conflict,
                                                      const char        *message);
IocComplaint      *ioc_conflict_dialog_get_complaint (IocConflictDialog *self);
IocOutboxAction   *ioc_conflict_dialog_get_action    (IocConflictDialog *self);

G_END_DECLS
