/* ioc-alert-entry.h — one raised alert in the acknowledgeable alert log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define IOC_TYPE_ALERT_ENTRY (ioc_alert_entry_get_type ())

/**
 * IocAlertSeverity:
 * @IOC_ALERT_SEVERITY_INFO: informational
 * @IOC_ALERT_SEVERITY_WARNING: needs attention
 * @IOC_ALERT_SEVERITY_CRITICAL: needs action now
 *
 * Stored as its integer value: append new values at the end only.
 */
typedef enum {
  IOC_ALERT_SEVERITY_INFO,
  IOC_ALERT_SEVERITY_WARNING,
  IOC_ALERT_SEVERITY_CRITICAL,
} IocAlertSeverity;

/**
 * IocAlertEntry:
 * @id: row id in the store
 * @rule: the rule that raised it ("sla-overdue", "aqi-band", "water-level",
 *   "salinity", "stale-feed"…; product.md §6)
 * @severity: how urgent
 * @subject: (nullable): what it is about (station id, request id, feed name)
 * @message: the text shown to the operator (already localised by the rule)
 * @raised_at: when (µs since the epoch, UTC)
 * @acknowledged_at: when acknowledged, 0 while unacknowledged
 * @acknowledged_by: (nullable): who acknowledged it
 *
 * Read-only record returned by ioc_store_query_alerts_sync().
 */
typedef struct {
  gint64            id;
  char             *rule;
  IocAlertSeverity  severity;
  char             *subject;
  char             *message;
  gint64            raised_at;
  gint64            acknowledged_at;
  char             *acknowledged_by;
} IocAlertEntry;

GType          ioc_alert_entry_get_type (void) G_GNUC_CONST;
IocAlertEntry *ioc_alert_entry_copy     (const IocAlertEntry *entry);
void           ioc_alert_entry_free     (IocAlertEntry *entry);
const char    *ioc_alert_severity_to_string (IocAlertSeverity severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocAlertEntry, ioc_alert_entry_free)

G_END_DECLS
