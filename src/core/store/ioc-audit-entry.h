/* ioc-audit-entry.h — one line of the audit log: who did what, to what, when, with what result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define IOC_TYPE_AUDIT_ENTRY (ioc_audit_entry_get_type ())

/**
 * IocAuditEntry:
 * @id: row id in the store (0 before it is appended)
 * @at: when (GLib real time, µs since the epoch, UTC)
 * @who: the operator (the `author` of an action), "" when unknown
 * @what: the action ("acknowledge", "assign", "outbox.sent"…)
 * @target: what it applied to (a service_request_id, an alert id…)
 * @result: the outcome ("queued", "sent", "conflict", "failed", "cancelled", "ok"…)
 * @detail: (nullable): free text (server reason, update_id…)
 *
 * Read-only record returned by ioc_store_query_audit_sync().
 */
typedef struct {
  gint64  id;
  gint64  at;
  char   *who;
  char   *what;
  char   *target;
  char   *result;
  char   *detail;
} IocAuditEntry;

GType          ioc_audit_entry_get_type (void) G_GNUC_CONST;
IocAuditEntry *ioc_audit_entry_new      (gint64      at,
                                         const char *who,
                                         const char *what,
                                         const char *target,
                                         const char *result,
                                         const char *detail);
IocAuditEntry *ioc_audit_entry_copy     (const IocAuditEntry *entry);
void           ioc_audit_entry_free     (IocAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocAuditEntry, ioc_audit_entry_free)

G_END_DECLS
