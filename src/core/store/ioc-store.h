/* ioc-store.h — the local SQLite store: feed snapshots, KPI history, the
 * outbox of operator actions, the audit log and the alert log
 *
 * Threading. One SQLite connection, owned by one dedicated worker thread
 * (an exclusive single-thread GThreadPool): every statement runs there, in
 * submission order. Main-thread callers use the `_async`/`_finish` pairs; the
 * callback runs in the thread-default main context of the caller. The
 * `_sync` variants queue the same job and wait for it: they are for the CLI,
 * tests and worker threads, never for the GTK main thread.
 *
 * Durability. WAL journal. synchronous=NORMAL for snapshots, KPIs and alerts:
 * in WAL mode it survives any crash of the application and at worst loses the
 * last commits on power loss, which a re-fetch repairs. The outbox and the
 * audit log are switched to synchronous=FULL for their own transactions: an
 * action the operator was told is "saved" must survive a power cut too, and
 * an fsync per action costs nothing at human speed, whereas FULL for the whole
 * database would fsync on every snapshot of every poll.
 *
 * Exactly-once delivery of operator actions (issue "Live data pipeline";
 * feeds.md §1):
 *  1. ioc_store_outbox_enqueue_async() completes only after the action, with
 *     its client-generated UUID `update_id`, is committed with
 *     synchronous=FULL. Nothing is sent before that: an action is never lost.
 *  2. Before each POST the sender marks it `sending` (attempts + 1) and after
 *     the answer records `sent`, `conflict`, `failed`, or back to `queued`
 *     with a back-off time.
 *  3. If the process dies anywhere in between (kill -9 after "saved" and
 *     before "sent"), the row is still `queued` or `sending`. Opening the
 *     store turns every `sending` row back into `queued`, so it is posted
 *     again with the *same* `update_id`.
 *  4. The server applies an `update_id` once and answers a repeat with the
 *     first answer (feeds.md §1). So an action posted twice — once before the
 *     crash, once after — is applied once: at-least-once delivery from the
 *     client plus idempotency on the server is exactly-once.
 *  5. An operator action is enqueued the moment it is taken, held until its
 *     undo window ends (`not_before`): a crash in the window loses nothing,
 *     and an action found at start whose window has passed is sent like any
 *     other. "Undo" in the window deletes the row
 *     (ioc_store_outbox_withdraw_async()); the sender never posts a held row.
 *  Consequences: "undo" is only possible while the action is `queued` and was
 *  never attempted (a failed attempt may still have reached the server), and a
 *  conflict requeued by the operator gets a *new* `update_id` (the old one
 *  would only fetch the cached 409 again). Actions on the same
 *  service_request_id are delivered in creation order: a later one waits while
 *  an earlier one is queued, sending or in conflict.
 *
 * Schema. PRAGMA user_version holds the schema version; an ordered list of
 * migrations brings an older file up to IOC_STORE_SCHEMA_VERSION in one
 * transaction. A file from a newer version is refused (IOC_STORE_ERROR_TOO_NEW)
 * and left untouched. A damaged file is moved aside, never deleted
 * (IOC_STORE_ERROR_CORRUPT); opening again then starts an empty store.
 *
 * Times are GLib real time: µs since the epoch, UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-alert-entry.h"
#include "ioc-audit-entry.h"
#include "ioc-kpi-point.h"
#include "ioc-outbox-action.h"
#include "ioc-snapshot.h"

G_BEGIN_DECLS

#define IOC_STORE_SCHEMA_VERSION 3

#define IOC_STORE_ERROR (ioc_store_error_quark ())

/**
 * IocStoreError:
 * @IOC_STORE_ERROR_FAILED: SQLite failed (disk full, I/O error, locked…)
 * @IOC_STORE_ERROR_CORRUPT: the file is not a database or is damaged; it was
 *   moved aside
 * @IOC_STORE_ERROR_TOO_NEW: the file comes from a newer version of the app
 * @IOC_STORE_ERROR_NOT_FOUND: no such row
 * @IOC_STORE_ERROR_INVALID_STATE: the action or alert is not in a state that
 *   allows this (undo after sending, acknowledge twice…)
 * @IOC_STORE_ERROR_INVALID_ARGUMENT: bad input (unknown form field…)
 */
typedef enum {
  IOC_STORE_ERROR_FAILED,
  IOC_STORE_ERROR_CORRUPT,
  IOC_STORE_ERROR_TOO_NEW,
  IOC_STORE_ERROR_NOT_FOUND,
  IOC_STORE_ERROR_INVALID_STATE,
  IOC_STORE_ERROR_INVALID_ARGUMENT,
} IocStoreError;

/**
 * IocOutboxResolution:
 * @IOC_OUTBOX_RESOLUTION_DISCARD: give the action up (state cancelled)
 * @IOC_OUTBOX_RESOLUTION_REQUEUE: send it again with a new update_id
 */
typedef enum {
  IOC_OUTBOX_RESOLUTION_DISCARD,
  IOC_OUTBOX_RESOLUTION_REQUEUE,
} IocOutboxResolution;

#define IOC_TYPE_STORE (ioc_store_get_type ())
G_DECLARE_FINAL_TYPE (IocStore, ioc_store, IOC, STORE, GObject)

GQuark      ioc_store_error_quark    (void);
char       *ioc_store_default_path   (void);
const char *ioc_store_get_path       (IocStore *self);

/* Opening */
IocStore   *ioc_store_new_sync       (const char          *path,
                                      GCancellable        *cancellable,
                                      GError             **error);
void        ioc_store_new_async      (const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
IocStore   *ioc_store_new_finish     (GAsyncResult        *result,
                                      GError             **error);

/* Snapshots */
gboolean     ioc_store_save_snapshot_sync    (IocStore            *self,
                                              const IocSnapshot   *snapshot,
                                              GError             **error);
void         ioc_store_save_snapshot_async   (IocStore            *self,
                                              const IocSnapshot   *snapshot,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     ioc_store_save_snapshot_finish  (IocStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
IocSnapshot *ioc_store_load_snapshot_sync    (IocStore            *self,
                                              const char          *feed,
                                              const char          *key,
                                              GError             **error);
void         ioc_store_load_snapshot_async   (IocStore            *self,
                                              const char          *feed,
                                              const char          *key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
IocSnapshot *ioc_store_load_snapshot_finish  (IocStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
GPtrArray   *ioc_store_load_snapshots_sync   (IocStore            *self,
                                              const char          *feed,
                                              GError             **error);
void         ioc_store_load_snapshots_async  (IocStore            *self,
                                              const char          *feed,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray   *ioc_store_load_snapshots_finish (IocStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* KPI history */
gboolean   ioc_store_kpi_upsert_sync      (IocStore            *self,
                                           const char          *kpi,
                                           IocKpiBucket         bucket,
                                           const IocKpiPoint   *points,
                                           guint                n_points,
                                           GError             **error);
void       ioc_store_kpi_upsert_async     (IocStore            *self,
                                           const char          *kpi,
                                           IocKpiBucket         bucket,
                                           const IocKpiPoint   *points,
                                           guint                n_points,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   ioc_store_kpi_upsert_finish    (IocStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
GArray    *ioc_store_kpi_range_sync       (IocStore            *self,
                                           const char          *kpi,
                                           IocKpiBucket         bucket,
                                           gint64               from,
                                           gint64               to,
                                           GError             **error);
void       ioc_store_kpi_range_async      (IocStore            *self,
                                           const char          *kpi,
                                           IocKpiBucket         bucket,
                                           gint64               from,
                                           gint64               to,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GArray    *ioc_store_kpi_range_finish     (IocStore            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean   ioc_store_kpi_week_over_week_sync   (IocStore             *self,
                                                const char           *kpi,
                                                GDateTime            *when,
                                                gboolean              to_date,
                                                IocKpiWeekComparison *out,
                                                GError              **error);
void       ioc_store_kpi_week_over_week_async  (IocStore             *self,
                                                const char           *kpi,
                                                GDateTime            *when,
                                                gboolean              to_date,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean   ioc_store_kpi_week_over_week_finish (IocStore             *self,
                                                GAsyncResult         *result,
                                                IocKpiWeekComparison *out,
                                                GError              **error);

/* Outbox */
IocOutboxAction *ioc_store_outbox_enqueue_sync    (IocStore              *self,
                                                   const IocOutboxAction *action,
                                                   GError               **error);
void             ioc_store_outbox_enqueue_async   (IocStore              *self,
                                                   const IocOutboxAction *action,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
IocOutboxAction *ioc_store_outbox_enqueue_finish  (IocStore              *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
IocOutboxAction *ioc_store_outbox_get_sync        (IocStore              *self,
                                                   gint64                 id,
                                                   GError               **error);
IocOutboxAction *ioc_store_outbox_next_due_sync   (IocStore              *self,
                                                   gint64                 now,
                                                   GError               **error);
void             ioc_store_outbox_next_due_async  (IocStore              *self,
                                                   gint64                 now,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
IocOutboxAction *ioc_store_outbox_next_due_finish (IocStore              *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
IocOutboxAction *ioc_store_outbox_mark_sending_sync   (IocStore              *self,
                                                       gint64                 id,
                                                       GError               **error);
void             ioc_store_outbox_mark_sending_async  (IocStore              *self,
                                                       gint64                 id,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
IocOutboxAction *ioc_store_outbox_mark_sending_finish (IocStore              *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
IocOutboxAction *ioc_store_outbox_record_result_sync   (IocStore        *self,
                                                        gint64           id,
                                                        IocOutboxState   state,
                                                        guint            http_status,
                                                        const char      *error_text,
                                                        const char      *response_body,
                                                        gint64           next_attempt_at,
                                                        GError         **error);
void             ioc_store_outbox_record_result_async  (IocStore           *self,
                                                        gint64              id,
                                                        IocOutboxState      state,
                                                        guint               http_status,
                                                        const char         *error_text,
                                                        const char         *response_body,
                                                        gint64              next_attempt_at,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
IocOutboxAction *ioc_store_outbox_record_result_finish (IocStore        *self,
                                                        GAsyncResult    *result,
                                                        GError         **error);
GPtrArray       *ioc_store_outbox_list_sync    (IocStore            *self,
                                                guint                state_mask,
                                                GError             **error);
void             ioc_store_outbox_list_async   (IocStore            *self,
                                                guint                state_mask,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray       *ioc_store_outbox_list_finish  (IocStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean         ioc_store_outbox_undo_sync    (IocStore            *self,
                                                gint64               id,
                                                GError             **error);
void             ioc_store_outbox_undo_async   (IocStore            *self,
                                                gint64               id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean         ioc_store_outbox_undo_finish  (IocStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean         ioc_store_outbox_withdraw_sync   (IocStore            *self,
                                                   const char          *update_id,
                                                   GError             **error);
void             ioc_store_outbox_withdraw_async  (IocStore            *self,
                                                   const char          *update_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         ioc_store_outbox_withdraw_finish (IocStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
IocOutboxAction *ioc_store_outbox_release_sync    (IocStore            *self,
                                                   const char          *update_id,
                                                   GError             **error);
void             ioc_store_outbox_release_async   (IocStore            *self,
                                                   const char          *update_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
IocOutboxAction *ioc_store_outbox_release_finish  (IocStore            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
IocOutboxAction *ioc_store_outbox_resolve_sync   (IocStore            *self,
                                                  gint64               id,
                                                  IocOutboxResolution  resolution,
                                                  const char          *if_updated_datetime,
                                                  GError             **error);
void             ioc_store_outbox_resolve_async  (IocStore            *self,
                                                  gint64               id,
                                                  IocOutboxResolution  resolution,
                                                  const char          *if_updated_datetime,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
IocOutboxAction *ioc_store_outbox_resolve_finish (IocStore            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Audit log */
gboolean   ioc_store_append_audit_sync   (IocStore             *self,
                                          const IocAuditEntry  *entry,
                                          GError              **error);
void       ioc_store_append_audit_async  (IocStore             *self,
                                          const IocAuditEntry  *entry,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean   ioc_store_append_audit_finish (IocStore             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
GPtrArray *ioc_store_query_audit_sync    (IocStore             *self,
                                          gint64                since,
                                          gint64                until,
                                          const char           *target,
                                          guint                 limit,
                                          GError              **error);
void       ioc_store_query_audit_async   (IocStore             *self,
                                          gint64                since,
                                          gint64                until,
                                          const char           *target,
                                          guint                 limit,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *ioc_store_query_audit_finish  (IocStore             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

/* Alert log */
gint64     ioc_store_raise_alert_sync    (IocStore             *self,
                                          const char           *rule,
                                          IocAlertSeverity      severity,
                                          const char           *subject,
                                          const char           *message,
                                          gint64                raised_at,
                                          GError              **error);
void       ioc_store_raise_alert_async   (IocStore             *self,
                                          const char           *rule,
                                          IocAlertSeverity      severity,
                                          const char           *subject,
                                          const char           *message,
                                          gint64                raised_at,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gint64     ioc_store_raise_alert_finish  (IocStore             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
GPtrArray *ioc_store_query_alerts_sync   (IocStore             *self,
                                          gint64                since,
                                          gboolean              unacknowledged_only,
                                          guint                 limit,
                                          GError              **error);
void       ioc_store_query_alerts_async  (IocStore             *self,
                                          gint64                since,
                                          gboolean              unacknowledged_only,
                                          guint                 limit,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *ioc_store_query_alerts_finish (IocStore             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
gboolean   ioc_store_acknowledge_alert_sync   (IocStore            *self,
                                               gint64               id,
                                               const char          *who,
                                               gint64               at,
                                               GError             **error);
void       ioc_store_acknowledge_alert_async  (IocStore            *self,
                                               gint64               id,
                                               const char          *who,
                                               gint64               at,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean   ioc_store_acknowledge_alert_finish (IocStore            *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
