/* ioc-audit-entry.c — one line of the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-audit-entry.h"

G_DEFINE_BOXED_TYPE (IocAuditEntry, ioc_audit_entry, ioc_audit_entry_copy, ioc_audit_entry_free)

/**
 * ioc_audit_entry_new:
 * @at: when, µs since the epoch
 * @who: (nullable): operator
 * @what: action
 * @target: (nullable): what it applied to
 * @result: outcome
 * @detail: (nullable): free text
 *
 * Builds an audit line (issue "Live data pipeline": "audit log (who did
 * what, when, result)"); %NULL strings become "" except @detail.
 *
 * Returns: (transfer full): a new entry with @id 0
 */
IocAuditEntry *
ioc_audit_entry_new (gint64      at,
                     const char *who,
                     const char *what,
                     const char *target,
                     const char *result,
                     const char *detail)
{
  IocAuditEntry *self = g_new0 (IocAuditEntry, 1);

  self->at = at;
  self->who = g_strdup (who != NULL ? who : "");
  self->what = g_strdup (what != NULL ? what : "");
  self->target = g_strdup (target != NULL ? target : "");
  self->result = g_strdup (result != NULL ? result : "");
  self->detail = g_strdup (detail);
  return self;
}

/**
 * ioc_audit_entry_copy:
 * @entry: an entry
 *
 * Returns: (transfer full): a deep copy, same @id
 */
IocAuditEntry *
ioc_audit_entry_copy (const IocAuditEntry *entry)
{
  IocAuditEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);
  copy = ioc_audit_entry_new (entry->at, entry->who, entry->what, entry->target,
                              entry->result, entry->detail);
  copy->id = entry->id;
  return copy;
}

/**
 * ioc_audit_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees @entry.
 */
void
ioc_audit_entry_free (IocAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->who);
  g_free (entry->what);
  g_free (entry->target);
  g_free (entry->result);
  g_free (entry->detail);
  g_free (entry);
}
