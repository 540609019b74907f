/* ioc-alert-entry.c — one raised alert in the acknowledgeable alert log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-alert-entry.h"

G_DEFINE_BOXED_TYPE (IocAlertEntry, ioc_alert_entry, ioc_alert_entry_copy, ioc_alert_entry_free)

/**
 * ioc_alert_entry_copy:
 * @entry: an entry
 *
 * Returns: (transfer full): a deep copy
 */
IocAlertEntry *
ioc_alert_entry_copy (const IocAlertEntry *entry)
{
  IocAlertEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);
  copy = g_new0 (IocAlertEntry, 1);
  copy->id = entry->id;
  copy->rule = g_strdup (entry->rule);
  copy->severity = entry->severity;
  copy->subject = g_strdup (entry->subject);
  copy->message = g_strdup (entry->message);
  copy->raised_at = entry->raised_at;
  copy->acknowledged_at = entry->acknowledged_at;
  copy->acknowledged_by = g_strdup (entry->acknowledged_by);
  return copy;
}

/**
 * ioc_alert_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees @entry.
 */
void
ioc_alert_entry_free (IocAlertEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->rule);
  g_free (entry->subject);
  g_free (entry->message);
  g_free (entry->acknowledged_by);
  g_free (entry);
}

/**
 * ioc_alert_severity_to_string:
 * @severity: a severity
 *
 * Stable identifier for exports and the CLI (not translated).
 *
 * Returns: "info", "warning" or "critical"
 */
const char *
ioc_alert_severity_to_string (IocAlertSeverity severity)
{
  switch (severity)
    {
    case IOC_ALERT_SEVERITY_INFO: return "info";
    case IOC_ALERT_SEVERITY_WARNING: return "warning";
    case IOC_ALERT_SEVERITY_CRITICAL: return "critical";
    default: return "unknown";
    }
}
