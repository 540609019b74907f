/* ioc-store.c — the local SQLite store (see ioc-store.h for the design)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ioc-outbox-action-private.h"
#include "ioc-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Sent and cancelled actions are kept this long for the queue's history view;
 * the audit log keeps their trace for good. */
#define OUTBOX_RETENTION_USEC ((gint64) 90 * 24 * 3600 * G_USEC_PER_SEC)

/* A second process (the CLI next to the app) may hold the write lock for the
 * length of one transaction; wait rather than fail. */
#define BUSY_TIMEOUT_MS 5000

struct _IocStore
{
  GObject      parent_instance;

  char        *path;
  GThreadPool *pool;   /* one exclusive thread: the only user of @db */
  sqlite3     *db;
};

G_DEFINE_TYPE (IocStore, ioc_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (ioc-store-error-quark, ioc_store_error)

/* ---------------------------------------------------------------------- */
/* Schema                                                                  */
/* ---------------------------------------------------------------------- */

/* migrations[i] takes a database from user_version i to i + 1. Append only:
 * a released migration is never edited. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE snapshot ("
  "  feed TEXT NOT NULL,"
  "  key TEXT NOT NULL DEFAULT '',"
  "  payload BLOB NOT NULL,"
  "  fetched_at INTEGER NOT NULL,"
  "  source_url TEXT NOT NULL,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  PRIMARY KEY (feed, key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE kpi ("
  "  kpi TEXT NOT NULL,"
  "  bucket INTEGER NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  value REAL NOT NULL,"
  "  count INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (kpi, bucket, start)"
  ") WITHOUT ROWID;"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  update_id TEXT NOT NULL UNIQUE,"
  "  service_request_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
  "    ('queued', 'sending', 'sent', 'conflict', 'failed', 'cancelled')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  last_error TEXT"
  ");"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);"
  "CREATE TABLE outbox_field ("
  "  action_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (action_id, position)"
  ");"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  who TEXT NOT NULL,"
  "  what TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  result TEXT NOT NULL,"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_at ON audit (at);",

  /* 1 → 2: keep the server's answer (a 409 body is shown to the operator),
   * per-request ordering of actions, and the alert log. */
  "ALTER TABLE outbox ADD COLUMN http_status INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN server_response TEXT;"
  "CREATE INDEX outbox_request ON outbox (service_request_id, id);"
  "CREATE TABLE alert ("
  "  id INTEGER PRIMARY KEY,"
  "  rule TEXT NOT NULL,"
  "  severity INTEGER NOT NULL,"
  "  subject TEXT,"
  "  message TEXT NOT NULL,"
  "  raised_at INTEGER NOT NULL,"
  "  acknowledged_at INTEGER NOT NULL DEFAULT 0,"
  "  acknowledged_by TEXT"
  ");"
  "CREATE INDEX alert_raised ON alert (raised_at);",

  /* 2 → 3: an action is saved the moment the operator takes it and held
   * until its undo window ends (issue "Complaint triage", "Actions"). Rows
   * of older files were never held: 0. */
  "ALTER TABLE outbox ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == IOC_STORE_SCHEMA_VERSION);

/* ---------------------------------------------------------------------- */
/* SQLite helpers (worker thread only)                                     */
/* ---------------------------------------------------------------------- */

static gboolean
is_corruption (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

static gboolean
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *what)
{
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_set_error (error, IOC_STORE_ERROR,
               is_corruption (rc) ? IOC_STORE_ERROR_CORRUPT : IOC_STORE_ERROR_FAILED,
               _("Local database error (%s): %s"), what, msg);
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, rc, sql);
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, "prepare");
      return NULL;
    }
  return stmt;
}

/* Runs a statement that returns no row. */
static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc, "step");
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Durable transactions: the synchronous level is read at commit time, so
 * switching it around one transaction makes just that commit fsync the WAL. */
static gboolean
begin (sqlite3   *db,
       gboolean   durable,
       GError   **error)
{
  if (durable && !exec_sql (db, "PRAGMA synchronous=FULL", error))
    return FALSE;
  if (!exec_sql (db, "BEGIN IMMEDIATE", error))
    {
      if (durable)
        sqlite3_exec (db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit (sqlite3   *db,
        gboolean   durable,
        GError   **error)
{
  gboolean ok = exec_sql (db, "COMMIT", error);

  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (durable)
    sqlite3_exec (db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
  return ok;
}

static void
rollback (sqlite3  *db,
          gboolean  durable)
{
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (durable)
    sqlite3_exec (db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, db, rc, sql);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
query_text (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc, sql);
      return NULL;
    }
  return g_strdup (sqlite3_column_text (stmt, 0) != NULL
                   ? (const char *) sqlite3_column_text (stmt, 0) : "");
}

static gboolean
insert_audit (sqlite3     *db,
              gint64       at,
              const char  *who,
              const char  *what,
              const char  *target,
              const char  *result,
              const char  *detail,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "INSERT INTO audit (at, who, what, target, result, detail) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  bind_text (stmt, 2, who != NULL ? who : "");
  bind_text (stmt, 3, what != NULL ? what : "");
  bind_text (stmt, 4, target != NULL ? target : "");
  bind_text (stmt, 5, result != NULL ? result : "");
  bind_text (stmt, 6, detail);
  return step_done (db, stmt, error);
}

/* ---------------------------------------------------------------------- */
/* Worker thread and jobs                                                  */
/* ---------------------------------------------------------------------- */

/* A job's work runs on the worker thread with exclusive use of self->db. It
 * returns its result (NULL without error is a valid "nothing" result, e.g. no
 * action due) or NULL with @error set. */
typedef gpointer (*IocStoreWork) (IocStore  *self,
                                  gpointer   data,
                                  GError   **error);

typedef struct {
  IocStoreWork    work;
  gpointer        data;
  GDestroyNotify  result_free;
  GTask          *task;      /* async job; owns data as task data */
  /* sync job: the caller waits on cond */
  GMutex          mutex;
  GCond           cond;
  gboolean        done;
  gpointer        result;
  GError         *error;
} Job;

#define RESULT_TRUE GINT_TO_POINTER (1)

static void
worker_func (gpointer job_data,
             gpointer pool_data)
{
  Job *job = job_data;
  IocStore *self = pool_data;
  GError *error = NULL;
  gpointer result;

  if (job->task != NULL)
    {
      if (!g_task_return_error_if_cancelled (job->task))
        {
          result = job->work (self, job->data, &error);
          if (error != NULL)
            g_task_return_error (job->task, error);
          else
            g_task_return_pointer (job->task, result, job->result_free);
        }
      g_object_unref (job->task);
      g_free (job);
      return;
    }

  result = job->work (self, job->data, &error);
  g_mutex_lock (&job->mutex);
  job->result = result;
  job->error = error;
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static gpointer
run_sync (IocStore     *self,
          IocStoreWork  work,
          gpointer      data,
          GError      **error)
{
  Job job = { 0, };
  GError *push_error = NULL;

  job.work = work;
  job.data = data;
  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  g_mutex_lock (&job.mutex);
  if (!g_thread_pool_push (self->pool, &job, &push_error))
    {
      g_mutex_unlock (&job.mutex);
      g_mutex_clear (&job.mutex);
      g_cond_clear (&job.cond);
      g_propagate_error (error, push_error);
      return NULL;
    }
  while (!job.done)
    g_cond_wait (&job.cond, &job.mutex);
  g_mutex_unlock (&job.mutex);

  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);
  if (job.error != NULL)
    g_propagate_error (error, job.error);
  return job.result;
}

static void
run_async (IocStore            *self,
           IocStoreWork         work,
           gpointer             data,
           GDestroyNotify       data_free,
           GDestroyNotify       result_free,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);
  GError *error = NULL;

  job->work = work;
  job->data = data;
  job->result_free = result_free;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_task_data (job->task, data, data_free);

  if (!g_thread_pool_push (self->pool, job, &error))
    {
      g_task_return_error (job->task, error);
      g_object_unref (job->task);
      g_free (job);
    }
}

static gpointer
finish_pointer (IocStore      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Object                                                                  */
/* ---------------------------------------------------------------------- */

static void
ioc_store_finalize (GObject *object)
{
  IocStore *self = IOC_STORE (object);

  /* Pending async jobs hold a reference through their GTask, so the pool is
   * idle here; waiting only drains a racing sync caller. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (ioc_store_parent_class)->finalize (object);
}

static void
ioc_store_class_init (IocStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_store_finalize;
}

static void
ioc_store_init (IocStore *self)
{
  /* An exclusive pool of one thread cannot fail to be created without
   * GThread itself failing, which aborts anyway. */
  self->pool = g_thread_pool_new (worker_func, self, 1, TRUE, NULL);
}

/**
 * ioc_store_default_path:
 *
 * The store lives in the user data directory (issue "Live data pipeline"):
 * `$XDG_DATA_HOME/ioc-dashboard/ioc.sqlite`.
 *
 * Returns: (transfer full): the default database path
 */
char *
ioc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ioc-dashboard", "ioc.sqlite", NULL);
}

/**
 * ioc_store_get_path:
 * @self: a store
 *
 * Returns: the database file
 */
const char *
ioc_store_get_path (IocStore *self)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return self->path;
}

/* ---------------------------------------------------------------------- */
/* Opening                                                                 */
/* ---------------------------------------------------------------------- */

/* Moves a damaged database (and its WAL and shared-memory files) aside, so the
 * operator's data can still be examined or rescued, and a new store can be
 * created in its place. */
static char *
move_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint n = 0; n < 100; n++)
    {
      g_free (target);
      target = n == 0 ? g_strdup_printf ("%s.corrupt-%s", path, stamp)
                      : g_strdup_printf ("%s.corrupt-%s.%u", path, stamp, n);
      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        break;
    }

  if (g_rename (path, target) != 0)
    return NULL;
  for (guint i = 1; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&target);
}

static gboolean
too_new_error (GError **error,
               gint64   version)
{
  g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_TOO_NEW,
               _("The local database was written by a newer version of the "
                 "application (schema %d, this version understands up to %d). "
                 "Update the application; the database was left unchanged."),
               (int) version, IOC_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
migrate (sqlite3   *db,
         GError   **error)
{
  gint64 version = 0;

  /* BEGIN IMMEDIATE before reading the version: two processes starting
   * together cannot both run the same migration. */
  if (!begin (db, TRUE, error))
    return FALSE;
  if (!query_int (db, "PRAGMA user_version", &version, error))
    goto fail;

  if (version > IOC_STORE_SCHEMA_VERSION)
    {
      too_new_error (error, version);
      goto fail;
    }

  for (gint64 v = version; v < IOC_STORE_SCHEMA_VERSION; v++)
    if (!exec_sql (db, migrations[v], error))
      goto fail;

  if (version < IOC_STORE_SCHEMA_VERSION)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version=%d", IOC_STORE_SCHEMA_VERSION);

      if (!exec_sql (db, sql, error))
        goto fail;
    }

  return commit (db, TRUE, error);

fail:
  rollback (db, TRUE);
  return FALSE;
}

static gboolean
configure_and_check (sqlite3   *db,
                     GError   **error)
{
  g_autofree char *mode = NULL;
  g_autofree char *check = NULL;

  gint64 version = 0;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* A file from a newer version is refused before anything (even the journal
   * mode) is written to it. Reading the header also detects "not a database". */
  if (!query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version > IOC_STORE_SCHEMA_VERSION)
    return too_new_error (error, version);

  /* quick_check reads every page once: milliseconds for this store's size,
   * and it finds damage now rather than in the middle of an operator action.
   * Before the journal mode is set, so a damaged file is moved aside exactly
   * as it was found. */
  check = query_text (db, "PRAGMA quick_check", error);
  if (check == NULL)
    return FALSE;
  if (!g_str_equal (check, "ok"))
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_CORRUPT, "%s", check);
      return FALSE;
    }

  mode = query_text (db, "PRAGMA journal_mode=WAL", error);
  if (mode == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_FAILED,
                   _("The local database cannot use write-ahead logging (journal mode “%s”)"),
                   mode);
      return FALSE;
    }
  if (!exec_sql (db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", error))
    return FALSE;

  return TRUE;
}

static gpointer
open_work (IocStore  *self,
           gpointer   data,
           GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) local_error = NULL;
  gboolean existed;
  sqlite3 *db = NULL;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s” for the local database: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  existed = g_file_test (self->path, G_FILE_TEST_EXISTS);
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (&local_error, db, rc, "open");
    }
  else
    {
      if (!existed)
        g_chmod (self->path, 0600);   /* operator data: not for other users */
      configure_and_check (db, &local_error);
    }

  if (local_error == NULL)
    migrate (db, &local_error);

  if (local_error != NULL)
    {
      sqlite3_close (db);

      if (g_error_matches (local_error, IOC_STORE_ERROR, IOC_STORE_ERROR_CORRUPT) && existed)
        {
          g_autofree char *aside = move_aside (self->path);

          if (aside != NULL)
            g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_CORRUPT,
                         _("The local database “%s” is damaged (%s). It was moved to “%s”; "
                           "a new, empty database will be created the next time it is opened."),
                         self->path, local_error->message, aside);
          else
            g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_CORRUPT,
                         _("The local database “%s” is damaged (%s) and could not be moved aside."),
                         self->path, local_error->message);
          return NULL;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Crash recovery (see "Exactly-once delivery" in ioc-store.h): a POST that
   * was in flight when the previous process died is sent again, with the same
   * update_id, and the server applies it once. */
  if (!exec_sql (db, "UPDATE outbox SET state = 'queued' WHERE state = 'sending'", error))
    {
      sqlite3_close (db);
      return NULL;
    }
  {
    g_autoptr(sqlite3_stmt) stmt =
      prepare (db, "DELETE FROM outbox WHERE state IN ('sent', 'cancelled') AND created_at < ?1", error);

    if (stmt == NULL)
      {
        sqlite3_close (db);
        return NULL;
      }
    sqlite3_bind_int64 (stmt, 1, g_get_real_time () - OUTBOX_RETENTION_USEC);
    if (!step_done (db, stmt, error))
      {
        sqlite3_close (db);
        return NULL;
      }
  }

  self->db = db;
  return RESULT_TRUE;
}

static IocStore *
store_new (const char *path)
{
  IocStore *self = g_object_new (IOC_TYPE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : ioc_store_default_path ();
  return self;
}

/**
 * ioc_store_new_sync:
 * @path: (nullable): database file; %NULL for ioc_store_default_path()
 * @cancellable: (nullable): unused, for symmetry
 * @error: return location for an error
 *
 * Opens (creating if needed) and migrates the store; blocks until done. For
 * the CLI and tests; the app uses ioc_store_new_async(). Errors:
 * %IOC_STORE_ERROR_TOO_NEW (file untouched), %IOC_STORE_ERROR_CORRUPT (file
 * moved aside; opening again creates an empty store).
 *
 * Returns: (transfer full) (nullable): the store
 */
IocStore *
ioc_store_new_sync (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(IocStore) self = store_new (path);

  if (run_sync (self, open_work, NULL, error) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ioc_store_new_async:
 * @path: (nullable): database file; %NULL for ioc_store_default_path()
 * @cancellable: (nullable): a cancellable
 * @callback: called in the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Opens the store on its worker thread; see ioc_store_new_sync().
 */
void
ioc_store_new_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(IocStore) self = store_new (path);

  run_async (self, open_work, NULL, NULL, NULL, ioc_store_new_async,
             cancellable, callback, user_data);
}

/**
 * ioc_store_new_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the opened store
 */
IocStore *
ioc_store_new_finish (GAsyncResult  *result,
                      GError       **error)
{
  GObject *source = g_async_result_get_source_object (result);
  g_autoptr(IocStore) self = IOC_STORE (source);

  if (finish_pointer (self, result, ioc_store_new_async, error) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------------- */
/* Snapshots                                                               */
/* ---------------------------------------------------------------------- */

static gpointer
save_snapshot_work (IocStore  *self,
                    gpointer   data,
                    GError   **error)
{
  const IocSnapshot *snap = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db,
             "INSERT OR REPLACE INTO snapshot "
             "(feed, key, payload, fetched_at, source_url, etag, last_modified) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  gsize size;
  gconstpointer bytes;

  if (stmt == NULL)
    return NULL;
  bytes = g_bytes_get_data (snap->payload, &size);
  bind_text (stmt, 1, snap->feed);
  bind_text (stmt, 2, snap->key);
  /* zeroblob-safe: an empty payload is stored as an empty blob, not NULL */
  sqlite3_bind_blob64 (stmt, 3, size > 0 ? bytes : "", size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, snap->fetched_at);
  bind_text (stmt, 5, snap->source_url);
  bind_text (stmt, 6, snap->etag);
  bind_text (stmt, 7, snap->last_modified);
  if (!step_done (self->db, stmt, error))
    return NULL;
  return RESULT_TRUE;
}

/**
 * ioc_store_save_snapshot_sync:
 * @self: a store
 * @snapshot: the snapshot
 * @error: return location for an error
 *
 * Replaces the stored snapshot of (@snapshot->feed, @snapshot->key): only the
 * latest one is kept (issue "Live data pipeline": "the last snapshot of each
 * feed").
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_save_snapshot_sync (IocStore           *self,
                              const IocSnapshot  *snapshot,
                              GError            **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);
  return run_sync (self, save_snapshot_work, (gpointer) snapshot, error) != NULL;
}

/**
 * ioc_store_save_snapshot_async:
 * @self: a store
 * @snapshot: the snapshot (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_save_snapshot_sync().
 */
void
ioc_store_save_snapshot_async (IocStore            *self,
                               const IocSnapshot   *snapshot,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (snapshot != NULL);
  run_async (self, save_snapshot_work, ioc_snapshot_copy (snapshot),
             (GDestroyNotify) ioc_snapshot_free, NULL,
             ioc_store_save_snapshot_async, cancellable, callback, user_data);
}

/**
 * ioc_store_save_snapshot_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_save_snapshot_finish (IocStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, ioc_store_save_snapshot_async, error) != NULL;
}

#define SNAPSHOT_COLUMNS "feed, key, payload, fetched_at, source_url, etag, last_modified"

static IocSnapshot *
snapshot_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GBytes) payload = g_bytes_new (sqlite3_column_blob (stmt, 2),
                                           sqlite3_column_bytes (stmt, 2));

  return ioc_snapshot_new ((const char *) sqlite3_column_text (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1),
                           payload,
                           sqlite3_column_int64 (stmt, 3),
                           (const char *) sqlite3_column_text (stmt, 4),
                           (const char *) sqlite3_column_text (stmt, 5),
                           (const char *) sqlite3_column_text (stmt, 6));
}

typedef struct {
  char *feed;
  char *key;
} SnapshotKey;

static void
snapshot_key_free (gpointer data)
{
  SnapshotKey *key = data;

  g_free (key->feed);
  g_free (key->key);
  g_free (key);
}

static gpointer
load_snapshot_work (IocStore  *self,
                    gpointer   data,
                    GError   **error)
{
  SnapshotKey *key = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "SELECT " SNAPSHOT_COLUMNS " FROM snapshot WHERE feed = ?1 AND key = ?2", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key->feed);
  bind_text (stmt, 2, key->key != NULL ? key->key : "");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND,
                   "no snapshot for %s/%s", key->feed, key->key != NULL ? key->key : "");
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, "load snapshot");
      return NULL;
    }
  return snapshot_from_row (stmt);
}

/**
 * ioc_store_load_snapshot_sync:
 * @self: a store
 * @feed: feed name
 * @key: (nullable): sub-resource key, %NULL for the feed itself
 * @error: return location for an error (%IOC_STORE_ERROR_NOT_FOUND when none)
 *
 * The last saved snapshot, for starting offline before the network answers
 * (issue "Live data pipeline").
 *
 * Returns: (transfer full) (nullable): the snapshot
 */
IocSnapshot *
ioc_store_load_snapshot_sync (IocStore    *self,
                              const char  *feed,
                              const char  *key,
                              GError     **error)
{
  SnapshotKey k = { (char *) feed, (char *) key };

  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  g_return_val_if_fail (feed != NULL, NULL);
  return run_sync (self, load_snapshot_work, &k, error);
}

/**
 * ioc_store_load_snapshot_async:
 * @self: a store
 * @feed: feed name
 * @key: (nullable): sub-resource key
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_load_snapshot_sync().
 */
void
ioc_store_load_snapshot_async (IocStore            *self,
                               const char          *feed,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SnapshotKey *k;

  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (feed != NULL);
  k = g_new0 (SnapshotKey, 1);
  k->feed = g_strdup (feed);
  k->key = g_strdup (key);
  run_async (self, load_snapshot_work, k, snapshot_key_free, (GDestroyNotify) ioc_snapshot_free,
             ioc_store_load_snapshot_async, cancellable, callback, user_data);
}

/**
 * ioc_store_load_snapshot_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the snapshot
 */
IocSnapshot *
ioc_store_load_snapshot_finish (IocStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, ioc_store_load_snapshot_async, error);
}

static gpointer
load_snapshots_work (IocStore  *self,
                     gpointer   data,
                     GError   **error)
{
  const char *feed = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "SELECT " SNAPSHOT_COLUMNS " FROM snapshot "
                       "WHERE ?1 IS NULL OR feed = ?1 ORDER BY feed, key", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_snapshot_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, feed);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, snapshot_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "load snapshots");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * ioc_store_load_snapshots_sync:
 * @self: a store
 * @feed: (nullable): a feed name, or %NULL for every feed
 * @error: return location for an error
 *
 * Every stored snapshot (of @feed), for the offline start.
 *
 * Returns: (transfer full) (element-type IocSnapshot): the snapshots, possibly empty
 */
GPtrArray *
ioc_store_load_snapshots_sync (IocStore    *self,
                               const char  *feed,
                               GError     **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_sync (self, load_snapshots_work, (gpointer) feed, error);
}

/**
 * ioc_store_load_snapshots_async:
 * @self: a store
 * @feed: (nullable): a feed name, or %NULL for every feed
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_load_snapshots_sync().
 */
void
ioc_store_load_snapshots_async (IocStore            *self,
                                const char          *feed,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, load_snapshots_work, g_strdup (feed), g_free, (GDestroyNotify) g_ptr_array_unref,
             ioc_store_load_snapshots_async, cancellable, callback, user_data);
}

/**
 * ioc_store_load_snapshots_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocSnapshot): the snapshots
 */
GPtrArray *
ioc_store_load_snapshots_finish (IocStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, ioc_store_load_snapshots_async, error);
}

/* ---------------------------------------------------------------------- */
/* KPI history                                                             */
/* ---------------------------------------------------------------------- */

typedef struct {
  char                 *kpi;
  IocKpiBucket          bucket;
  GArray               *points;
  gint64                from;
  gint64                to;
  GDateTime            *when;
  gboolean              to_date;
} KpiData;

static void
kpi_data_free (gpointer data)
{
  KpiData *d = data;

  g_free (d->kpi);
  g_clear_pointer (&d->points, g_array_unref);
  g_clear_pointer (&d->when, g_date_time_unref);
  g_free (d);
}

static KpiData *
kpi_data_new (const char   *kpi,
              IocKpiBucket  bucket)
{
  KpiData *d = g_new0 (KpiData, 1);

  d->kpi = g_strdup (kpi);
  d->bucket = bucket;
  return d;
}

static gpointer
kpi_upsert_work (IocStore  *self,
                 gpointer   data,
                 GError   **error)
{
  KpiData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!begin (self->db, FALSE, error))
    return NULL;
  stmt = prepare (self->db,
                  "INSERT INTO kpi (kpi, bucket, start, value, count) VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (kpi, bucket, start) DO UPDATE SET "
                  "value = excluded.value, count = excluded.count", error);
  if (stmt == NULL)
    goto fail;

  for (guint i = 0; i < d->points->len; i++)
    {
      const IocKpiPoint *p = &g_array_index (d->points, IocKpiPoint, i);

      sqlite3_reset (stmt);
      bind_text (stmt, 1, d->kpi);
      sqlite3_bind_int (stmt, 2, d->bucket);
      sqlite3_bind_int64 (stmt, 3, p->start);
      sqlite3_bind_double (stmt, 4, p->value);
      sqlite3_bind_int64 (stmt, 5, p->count);
      if (!step_done (self->db, stmt, error))
        goto fail;
    }
  if (!commit (self->db, FALSE, error))
    return NULL;
  return RESULT_TRUE;

fail:
  rollback (self->db, FALSE);
  return NULL;
}

static KpiData *
kpi_upsert_data (const char        *kpi,
                 IocKpiBucket       bucket,
                 const IocKpiPoint *points,
                 guint              n_points)
{
  KpiData *d = kpi_data_new (kpi, bucket);

  d->points = g_array_sized_new (FALSE, FALSE, sizeof (IocKpiPoint), n_points);
  g_array_append_vals (d->points, points, n_points);
  return d;
}

/**
 * ioc_store_kpi_upsert_sync:
 * @self: a store
 * @kpi: KPI name ("complaints.received", "tthc.on_time_rate", "aqi.max"…)
 * @bucket: hourly or daily
 * @points: (array length=n_points): buckets, @start from ioc_kpi_bucket_start()
 * @n_points: number of points
 * @error: return location for an error
 *
 * Inserts or replaces (value and count) the given buckets in one transaction:
 * a re-computed hour or day simply overwrites the previous figure (issue
 * "Live data pipeline": hourly and daily aggregates for trends and
 * week-over-week comparison).
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_kpi_upsert_sync (IocStore           *self,
                           const char         *kpi,
                           IocKpiBucket        bucket,
                           const IocKpiPoint  *points,
                           guint               n_points,
                           GError            **error)
{
  KpiData *d;
  gboolean ok;

  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  g_return_val_if_fail (kpi != NULL, FALSE);
  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);
  d = kpi_upsert_data (kpi, bucket, points, n_points);
  ok = run_sync (self, kpi_upsert_work, d, error) != NULL;
  kpi_data_free (d);
  return ok;
}

/**
 * ioc_store_kpi_upsert_async:
 * @self: a store
 * @kpi: KPI name
 * @bucket: hourly or daily
 * @points: (array length=n_points): buckets (copied)
 * @n_points: number of points
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_kpi_upsert_sync().
 */
void
ioc_store_kpi_upsert_async (IocStore            *self,
                            const char          *kpi,
                            IocKpiBucket         bucket,
                            const IocKpiPoint   *points,
                            guint                n_points,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (kpi != NULL);
  g_return_if_fail (points != NULL || n_points == 0);
  run_async (self, kpi_upsert_work, kpi_upsert_data (kpi, bucket, points, n_points),
             kpi_data_free, NULL, ioc_store_kpi_upsert_async, cancellable, callback, user_data);
}

/**
 * ioc_store_kpi_upsert_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_kpi_upsert_finish (IocStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, ioc_store_kpi_upsert_async, error) != NULL;
}

static gpointer
kpi_range_work (IocStore  *self,
                gpointer   data,
                GError   **error)
{
  KpiData *d = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "SELECT start, value, count FROM kpi "
                       "WHERE kpi = ?1 AND bucket = ?2 AND start >= ?3 AND start < ?4 "
                       "ORDER BY start", error);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (IocKpiPoint));
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, d->kpi);
  sqlite3_bind_int (stmt, 2, d->bucket);
  sqlite3_bind_int64 (stmt, 3, d->from);
  sqlite3_bind_int64 (stmt, 4, d->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IocKpiPoint p = {
        .start = sqlite3_column_int64 (stmt, 0),
        .value = sqlite3_column_double (stmt, 1),
        .count = sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (points, p);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "kpi range");
      return NULL;
    }
  return g_steal_pointer (&points);
}

/**
 * ioc_store_kpi_range_sync:
 * @self: a store
 * @kpi: KPI name
 * @bucket: hourly or daily
 * @from: first bucket start included (µs)
 * @to: end, excluded (µs)
 * @error: return location for an error
 *
 * The stored buckets with @from ≤ start < @to, oldest first, for trend charts.
 * Missing buckets are simply absent (no zero filling: "no data" is not 0).
 *
 * Returns: (transfer full) (element-type IocKpiPoint): the points
 */
GArray *
ioc_store_kpi_range_sync (IocStore      *self,
                          const char    *kpi,
                          IocKpiBucket   bucket,
                          gint64         from,
                          gint64         to,
                          GError       **error)
{
  KpiData *d;
  GArray *points;

  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  g_return_val_if_fail (kpi != NULL, NULL);
  d = kpi_data_new (kpi, bucket);
  d->from = from;
  d->to = to;
  points = run_sync (self, kpi_range_work, d, error);
  kpi_data_free (d);
  return points;
}

/**
 * ioc_store_kpi_range_async:
 * @self: a store
 * @kpi: KPI name
 * @bucket: hourly or daily
 * @from: first bucket start included (µs)
 * @to: end, excluded (µs)
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_kpi_range_sync().
 */
void
ioc_store_kpi_range_async (IocStore            *self,
                           const char          *kpi,
                           IocKpiBucket         bucket,
                           gint64               from,
                           gint64               to,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  KpiData *d;

  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (kpi != NULL);
  d = kpi_data_new (kpi, bucket);
  d->from = from;
  d->to = to;
  run_async (self, kpi_range_work, d, kpi_data_free, (GDestroyNotify) g_array_unref,
             ioc_store_kpi_range_async, cancellable, callback, user_data);
}

/**
 * ioc_store_kpi_range_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocKpiPoint): the points
 */
GArray *
ioc_store_kpi_range_finish (IocStore      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_pointer (self, result, ioc_store_kpi_range_async, error);
}

static gboolean
kpi_sum (sqlite3     *db,
         const char  *kpi,
         gint64       from,
         gint64       to,
         double      *sum,
         double      *mean,
         gint64      *count,
         guint       *days,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db, "SELECT COALESCE(SUM(value), 0), COALESCE(SUM(value * count), 0), "
                 "COALESCE(SUM(count), 0), COUNT(*) FROM kpi "
                 "WHERE kpi = ?1 AND bucket = ?2 AND start >= ?3 AND start < ?4", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, kpi);
  sqlite3_bind_int (stmt, 2, IOC_KPI_BUCKET_DAILY);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, db, rc, "kpi week");
  *sum = sqlite3_column_double (stmt, 0);
  *count = sqlite3_column_int64 (stmt, 2);
  *mean = *count > 0 ? sqlite3_column_double (stmt, 1) / (double) *count : NAN;
  *days = (guint) sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

static gpointer
kpi_week_work (IocStore  *self,
               gpointer   data,
               GError   **error)
{
  KpiData *d = data;
  g_autofree IocKpiWeekComparison *out = g_new0 (IocKpiWeekComparison, 1);
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) prev_monday = NULL;
  g_autoptr(GDateTime) next_monday = NULL;
  gint64 this_start, this_end, prev_start, prev_end;
  int dow = g_date_time_get_day_of_week (d->when);   /* ISO: 1 = Monday */

  /* ISO weeks start on Monday 00:00 in the caller's time zone (the
   * province's, for the briefing). Days are added as calendar days so a
   * time zone with daylight saving would still give local midnights. */
  {
    g_autoptr(GDateTime) midnight =
      g_date_time_new (g_date_time_get_timezone (d->when),
                       g_date_time_get_year (d->when), g_date_time_get_month (d->when),
                       g_date_time_get_day_of_month (d->when), 0, 0, 0);
    monday = g_date_time_add_days (midnight, 1 - dow);
  }
  prev_monday = g_date_time_add_days (monday, -7);
  next_monday = g_date_time_add_days (monday, 7);

  this_start = g_date_time_to_unix (monday) * G_USEC_PER_SEC;
  prev_start = g_date_time_to_unix (prev_monday) * G_USEC_PER_SEC;
  if (d->to_date)
    {
      /* the week so far against the same stretch of the previous week */
      this_end = g_date_time_to_unix (d->when) * G_USEC_PER_SEC
                 + g_date_time_get_microsecond (d->when) + 1;
      prev_end = prev_start + (this_end - this_start);
    }
  else
    {
      this_end = g_date_time_to_unix (next_monday) * G_USEC_PER_SEC;
      prev_end = this_start;
    }

  out->this_week_start = this_start;
  if (!kpi_sum (self->db, d->kpi, this_start, this_end, &out->this_sum, &out->this_mean,
                &out->this_count, &out->this_days, error) ||
      !kpi_sum (self->db, d->kpi, prev_start, prev_end, &out->prev_sum, &out->prev_mean,
                &out->prev_count, &out->prev_days, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * ioc_store_kpi_week_over_week_sync:
 * @self: a store
 * @kpi: KPI name
 * @when: a time in the ISO week to report; its time zone defines the weeks
 * @to_date: %TRUE to compare the week up to @when with the same span of the
 *   previous week (a tile mid-week); %FALSE for whole weeks (the Monday
 *   briefing passes a time in last week)
 * @out: (out caller-allocates): the comparison
 * @error: return location for an error
 *
 * Week-over-week comparison from the daily buckets: the ISO week containing
 * @when against the previous one (product.md: weekly briefing "with
 * week-over-week deltas").
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_kpi_week_over_week_sync (IocStore              *self,
                                   const char            *kpi,
                                   GDateTime             *when,
                                   gboolean               to_date,
                                   IocKpiWeekComparison  *out,
                                   GError               **error)
{
  KpiData *d;
  IocKpiWeekComparison *res;

  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  g_return_val_if_fail (kpi != NULL && when != NULL && out != NULL, FALSE);
  d = kpi_data_new (kpi, IOC_KPI_BUCKET_DAILY);
  d->when = g_date_time_ref (when);
  d->to_date = to_date;
  res = run_sync (self, kpi_week_work, d, error);
  kpi_data_free (d);
  if (res == NULL)
    return FALSE;
  *out = *res;
  g_free (res);
  return TRUE;
}

/**
 * ioc_store_kpi_week_over_week_async:
 * @self: a store
 * @kpi: KPI name
 * @when: a time in the ISO week to report
 * @to_date: see ioc_store_kpi_week_over_week_sync()
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_kpi_week_over_week_sync().
 */
void
ioc_store_kpi_week_over_week_async (IocStore            *self,
                                    const char          *kpi,
                                    GDateTime           *when,
                                    gboolean             to_date,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  KpiData *d;

  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (kpi != NULL && when != NULL);
  d = kpi_data_new (kpi, IOC_KPI_BUCKET_DAILY);
  d->when = g_date_time_ref (when);
  d->to_date = to_date;
  run_async (self, kpi_week_work, d, kpi_data_free, g_free,
             ioc_store_kpi_week_over_week_async, cancellable, callback, user_data);
}

/**
 * ioc_store_kpi_week_over_week_finish:
 * @self: a store
 * @result: the result
 * @out: (out caller-allocates): the comparison
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_kpi_week_over_week_finish (IocStore              *self,
                                     GAsyncResult          *result,
                                     IocKpiWeekComparison  *out,
                                     GError               **error)
{
  g_autofree IocKpiWeekComparison *res =
    finish_pointer (self, result, ioc_store_kpi_week_over_week_async, error);

  if (res == NULL)
    return FALSE;
  *out = *res;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Outbox                                                                  */
/* ---------------------------------------------------------------------- */

#define ACTION_COLUMNS \
  "id, update_id, service_request_id, kind, created_at, state, attempts, " \
  "next_attempt_at, last_error, http_status, server_response, not_before"

/* 1 << state, for filtering on a state mask in SQL */
#define STATE_BIT_SQL \
  "(1 << CASE state WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 " \
  "WHEN 'conflict' THEN 3 WHEN 'failed' THEN 4 ELSE 5 END)"

static IocOutboxAction *
action_from_row (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(IocOutboxAction) action = ioc_outbox_action_new_empty ();
  g_autoptr(sqlite3_stmt) fields = NULL;
  int rc;

  action->id = sqlite3_column_int64 (stmt, 0);
  action->update_id = column_dup (stmt, 1);
  action->service_request_id = column_dup (stmt, 2);
  action->kind = column_dup (stmt, 3);
  action->created_at = sqlite3_column_int64 (stmt, 4);
  if (!ioc_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 5), &action->state))
    action->state = IOC_OUTBOX_STATE_FAILED;
  action->attempts = (guint) sqlite3_column_int (stmt, 6);
  action->next_attempt_at = sqlite3_column_int64 (stmt, 7);
  action->last_error = column_dup (stmt, 8);
  action->http_status = (guint) sqlite3_column_int (stmt, 9);
  action->server_response = column_dup (stmt, 10);
  action->not_before = sqlite3_column_int64 (stmt, 11);

  fields = prepare (db, "SELECT name, value FROM outbox_field WHERE action_id = ?1 ORDER BY position", error);
  if (fields == NULL)
    return NULL;
  sqlite3_bind_int64 (fields, 1, action->id);
  while ((rc = sqlite3_step (fields)) == SQLITE_ROW)
    {
      g_ptr_array_add (action->field_names, column_dup (fields, 0));
      g_ptr_array_add (action->field_values, column_dup (fields, 1));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, rc, "outbox fields");
      return NULL;
    }
  return g_steal_pointer (&action);
}

/* Loads the action by id; %IOC_STORE_ERROR_NOT_FOUND if absent. */
static IocOutboxAction *
load_action (sqlite3     *db,
             gint64       id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT " ACTION_COLUMNS " FROM outbox WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND,
                   /* Translators: %lld is the action's number. */
                   _("The queued action %lld does not exist"), (long long)id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc, "outbox");
      return NULL;
    }
  return action_from_row (db, stmt, error);
}

static gboolean
action_audit (sqlite3                *db,
              const IocOutboxAction  *action,
              const char             *result,
              const char             *detail,
              GError                **error)
{
  return insert_audit (db, g_get_real_time (),
                       ioc_outbox_action_get_field (action, "author"),
                       action->kind, action->service_request_id, result,
                       detail != NULL ? detail : action->update_id, error);
}

typedef struct {
  gint64               id;
  IocOutboxAction     *action;
  IocOutboxState       state;
  IocOutboxResolution  resolution;
  guint                http_status;
  char                *error_text;
  char                *response_body;
  char                *if_updated_datetime;
  char                *update_id;
  gint64               time;
  guint                state_mask;
} OutboxData;

static void
outbox_data_free (gpointer data)
{
  OutboxData *d = data;

  g_clear_pointer (&d->action, ioc_outbox_action_unref);
  g_free (d->error_text);
  g_free (d->response_body);
  g_free (d->if_updated_datetime);
  g_free (d->update_id);
  g_free (d);
}

static OutboxData *
outbox_data_new (gint64 id)
{
  OutboxData *d = g_new0 (OutboxData, 1);

  d->id = id;
  return d;
}

static gpointer
run_outbox_sync (IocStore     *self,
                 IocStoreWork  work,
                 OutboxData   *d,
                 GError      **error)
{
  gpointer result = run_sync (self, work, d, error);

  outbox_data_free (d);
  return result;
}

static gboolean
validate_action (const IocOutboxAction  *action,
                 GError                **error)
{
  const char * const *names = ioc_outbox_action_get_field_names (action);

  if (action->update_id == NULL || !g_uuid_string_is_valid (action->update_id))
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_ARGUMENT,
                   "update_id is not a UUID");
      return FALSE;
    }
  for (guint i = 0; names[i] != NULL; i++)
    if (!ioc_outbox_action_field_is_valid (names[i]))
      {
        g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_ARGUMENT,
                     "“%s” is not an update field", names[i]);
        return FALSE;
      }
  return TRUE;
}

static gpointer
enqueue_work (IocStore  *self,
              gpointer   data,
              GError   **error)
{
  OutboxData *d = data;
  const IocOutboxAction *action = d->action;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  gint64 id;

  if (!validate_action (action, error))
    return NULL;
  if (!begin (self->db, TRUE, error))
    return NULL;

  /* Enqueueing the same action twice (a UI retry after an error whose commit
   * did succeed) returns the stored one instead of queueing a second copy. */
  find = prepare (self->db, "SELECT id FROM outbox WHERE update_id = ?1", error);
  if (find == NULL)
    goto fail;
  bind_text (find, 1, action->update_id);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (find, 0);
      rollback (self->db, TRUE);
      return load_action (self->db, id, error);
    }

  stmt = prepare (self->db,
                  "INSERT INTO outbox (update_id, service_request_id, kind, created_at, "
                  "state, attempts, next_attempt_at, not_before) "
                  "VALUES (?1, ?2, ?3, ?4, 'queued', 0, ?5, ?6)",
                  error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, action->update_id);
  bind_text (stmt, 2, action->service_request_id);
  bind_text (stmt, 3, action->kind);
  sqlite3_bind_int64 (stmt, 4, action->created_at);
  sqlite3_bind_int64 (stmt, 5, action->created_at);
  sqlite3_bind_int64 (stmt, 6, action->not_before);
  if (!step_done (self->db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self->db, "INSERT INTO outbox_field (action_id, position, name, value) "
                            "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < action->field_values->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, g_ptr_array_index (action->field_names, i));
      bind_text (stmt, 4, g_ptr_array_index (action->field_values, i));
      if (!step_done (self->db, stmt, error))
        goto fail;
    }

  if (!action_audit (self->db, action, "queued", NULL, error))
    goto fail;
  if (!commit (self->db, TRUE, error))
    return NULL;
  return load_action (self->db, id, error);

fail:
  rollback (self->db, TRUE);
  return NULL;
}

/**
 * ioc_store_outbox_enqueue_sync:
 * @self: a store
 * @action: a new action from ioc_outbox_action_new()
 * @error: return location for an error
 *
 * Saves @action durably (synchronous=FULL commit) in state queued: when this
 * returns, the action survives a crash or a power cut (issue "Live data
 * pipeline": "written durably before sending"). Idempotent on update_id.
 *
 * Returns: (transfer full) (nullable): the stored action, with its id
 */
IocOutboxAction *
ioc_store_outbox_enqueue_sync (IocStore               *self,
                               const IocOutboxAction  *action,
                               GError                **error)
{
  OutboxData *d;

  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  g_return_val_if_fail (action != NULL, NULL);
  d = outbox_data_new (0);
  d->action = ioc_outbox_action_ref ((IocOutboxAction *) action);
  return run_outbox_sync (self, enqueue_work, d, error);
}

/**
 * ioc_store_outbox_enqueue_async:
 * @self: a store
 * @action: a new action; not modified afterwards by the caller
 * @cancellable: (nullable): a cancellable
 * @callback: called once the action is durable
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_enqueue_sync(): tell the operator "saved"
 * only from @callback.
 */
void
ioc_store_outbox_enqueue_async (IocStore               *self,
                                const IocOutboxAction  *action,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  OutboxData *d;

  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (action != NULL);
  d = outbox_data_new (0);
  d->action = ioc_outbox_action_ref ((IocOutboxAction *) action);
  run_async (self, enqueue_work, d, outbox_data_free, (GDestroyNotify) ioc_outbox_action_unref,
             ioc_store_outbox_enqueue_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_enqueue_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the stored action
 */
IocOutboxAction *
ioc_store_outbox_enqueue_finish (IocStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_enqueue_async, error);
}

static gpointer
get_work (IocStore  *self,
          gpointer   data,
          GError   **error)
{
  return load_action (self->db, ((OutboxData *) data)->id, error);
}

/**
 * ioc_store_outbox_get_sync:
 * @self: a store
 * @id: action id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the action as stored now
 */
IocOutboxAction *
ioc_store_outbox_get_sync (IocStore  *self,
                           gint64     id,
                           GError   **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_outbox_sync (self, get_work, outbox_data_new (id), error);
}

static gpointer
next_due_work (IocStore  *self,
               gpointer   data,
               GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db,
             "SELECT " ACTION_COLUMNS " FROM outbox AS o "
             "WHERE o.state = 'queued' AND MAX(o.next_attempt_at, o.not_before) <= ?1 "
             "AND NOT EXISTS (SELECT 1 FROM outbox AS p "
             "  WHERE p.service_request_id = o.service_request_id AND p.id < o.id "
             "  AND p.state IN ('queued', 'sending', 'conflict')) "
             "ORDER BY MAX(o.next_attempt_at, o.not_before), o.id LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, d->time);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;   /* nothing due: NULL without error */
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, "outbox next");
      return NULL;
    }
  return action_from_row (self->db, stmt, error);
}

/**
 * ioc_store_outbox_next_due_sync:
 * @self: a store
 * @now: the current time (µs); G_MAXINT64 gives the next action whatever its
 *   back-off, to know when to wake up
 * @error: return location for an error
 *
 * The queued action to send next: due (its back-off time and the end of its
 * undo window, not_before, both ≤ @now; ioc_outbox_action_get_due_at()), earliest
 * first, and not behind an earlier action on the same service request that is
 * still queued, sending or in conflict (actions on one request keep their
 * order; see ioc-store.h).
 *
 * Returns: (transfer full) (nullable): the action, or %NULL (no error) if none
 */
IocOutboxAction *
ioc_store_outbox_next_due_sync (IocStore  *self,
                                gint64     now,
                                GError   **error)
{
  OutboxData *d;

  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  d = outbox_data_new (0);
  d->time = now;
  return run_outbox_sync (self, next_due_work, d, error);
}

/**
 * ioc_store_outbox_next_due_async:
 * @self: a store
 * @now: the current time (µs)
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_next_due_sync().
 */
void
ioc_store_outbox_next_due_async (IocStore            *self,
                                 gint64               now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  OutboxData *d;

  g_return_if_fail (IOC_IS_STORE (self));
  d = outbox_data_new (0);
  d->time = now;
  run_async (self, next_due_work, d, outbox_data_free, (GDestroyNotify) ioc_outbox_action_unref,
             ioc_store_outbox_next_due_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_next_due_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the action, or %NULL without error if none
 */
IocOutboxAction *
ioc_store_outbox_next_due_finish (IocStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_next_due_async, error);
}

/* After an UPDATE … WHERE id AND state that changed nothing: why? */
static gpointer
transition_refused (sqlite3     *db,
                    gint64       id,
                    GError     **error)
{
  g_autoptr(IocOutboxAction) action = load_action (db, id, error);

  if (action != NULL)
    g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE,
                 _("The queued action is no longer in a state that allows this (it is %s)"),
                 ioc_outbox_state_to_string (action->state));
  return NULL;
}

static gpointer
mark_sending_work (IocStore  *self,
                   gpointer   data,
                   GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Durable too: attempts > 0 is what forbids "undo" once a POST may have
   * reached the server, and that must not be forgotten on a power cut. */
  if (!begin (self->db, TRUE, error))
    return NULL;
  /* Never before the end of its undo window, whoever asks. */
  stmt = prepare (self->db, "UPDATE outbox SET state = 'sending', attempts = attempts + 1 "
                            "WHERE id = ?1 AND state = 'queued' AND not_before <= ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, d->id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!step_done (self->db, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self->db, TRUE);
      return transition_refused (self->db, d->id, error);
    }
  if (!commit (self->db, TRUE, error))
    return NULL;
  return load_action (self->db, d->id, error);

fail:
  rollback (self->db, TRUE);
  return NULL;
}

/**
 * ioc_store_outbox_mark_sending_sync:
 * @self: a store
 * @id: a queued action
 * @error: return location for an error (%IOC_STORE_ERROR_INVALID_STATE if it
 *   is not queued any more, e.g. undone meanwhile)
 *
 * queued → sending, attempts + 1, committed before the POST starts (step 2
 * of "Exactly-once delivery" in ioc-store.h).
 *
 * Returns: (transfer full) (nullable): the action to post
 */
IocOutboxAction *
ioc_store_outbox_mark_sending_sync (IocStore  *self,
                                    gint64     id,
                                    GError   **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_outbox_sync (self, mark_sending_work, outbox_data_new (id), error);
}

/**
 * ioc_store_outbox_mark_sending_async:
 * @self: a store
 * @id: a queued action
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_mark_sending_sync().
 */
void
ioc_store_outbox_mark_sending_async (IocStore            *self,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, mark_sending_work, outbox_data_new (id), outbox_data_free,
             (GDestroyNotify) ioc_outbox_action_unref,
             ioc_store_outbox_mark_sending_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_mark_sending_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the action to post
 */
IocOutboxAction *
ioc_store_outbox_mark_sending_finish (IocStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_mark_sending_async, error);
}

static gpointer
record_result_work (IocStore  *self,
                    gpointer   data,
                    GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(IocOutboxAction) action = NULL;

  if (d->state != IOC_OUTBOX_STATE_SENT && d->state != IOC_OUTBOX_STATE_CONFLICT &&
      d->state != IOC_OUTBOX_STATE_FAILED && d->state != IOC_OUTBOX_STATE_QUEUED)
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_ARGUMENT,
                   "an attempt cannot end in state %s", ioc_outbox_state_to_string (d->state));
      return NULL;
    }

  if (!begin (self->db, TRUE, error))
    return NULL;
  stmt = prepare (self->db,
                  "UPDATE outbox SET state = ?2, http_status = ?3, last_error = ?4, "
                  "server_response = ?5, next_attempt_at = CASE WHEN ?2 = 'queued' "
                  "THEN ?6 ELSE next_attempt_at END "
                  "WHERE id = ?1 AND state = 'sending'", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, d->id);
  bind_text (stmt, 2, ioc_outbox_state_to_string (d->state));
  sqlite3_bind_int (stmt, 3, (int) d->http_status);
  bind_text (stmt, 4, d->error_text);
  bind_text (stmt, 5, d->response_body);
  sqlite3_bind_int64 (stmt, 6, d->time);
  if (!step_done (self->db, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self->db, TRUE);
      return transition_refused (self->db, d->id, error);
    }

  action = load_action (self->db, d->id, error);
  if (action == NULL)
    goto fail;
  if (d->state != IOC_OUTBOX_STATE_QUEUED &&
      !action_audit (self->db, action, ioc_outbox_state_to_string (d->state), d->error_text, error))
    goto fail;
  if (!commit (self->db, TRUE, error))
    return NULL;
  return g_steal_pointer (&action);

fail:
  rollback (self->db, TRUE);
  return NULL;
}

static OutboxData *
record_result_data (gint64          id,
                    IocOutboxState  state,
                    guint           http_status,
                    const char     *error_text,
                    const char     *response_body,
                    gint64          next_attempt_at)
{
  OutboxData *d = outbox_data_new (id);

  d->state = state;
  d->http_status = http_status;
  d->error_text = g_strdup (error_text);
  d->response_body = g_strdup (response_body);
  d->time = next_attempt_at;
  return d;
}

/**
 * ioc_store_outbox_record_result_sync:
 * @self: a store
 * @id: an action in state sending
 * @state: %IOC_OUTBOX_STATE_SENT (2xx), %IOC_OUTBOX_STATE_CONFLICT (409, kept
 *   with the server body until the operator resolves it),
 *   %IOC_OUTBOX_STATE_FAILED (other 4xx) or %IOC_OUTBOX_STATE_QUEUED (retry
 *   after a network error or 5xx)
 * @http_status: the HTTP status, 0 for a network error
 * @error_text: (nullable): why it did not succeed (shown to the operator)
 * @response_body: (nullable): the server's answer
 * @next_attempt_at: for a retry, when to try again (see
 *   ioc_outbox_backoff_delay()); ignored otherwise
 * @error: return location for an error
 *
 * Ends an attempt (step 2 of "Exactly-once delivery" in ioc-store.h). Final
 * outcomes are also written to the audit log, in the same transaction.
 *
 * Returns: (transfer full) (nullable): the updated action
 */
IocOutboxAction *
ioc_store_outbox_record_result_sync (IocStore        *self,
                                     gint64           id,
                                     IocOutboxState   state,
                                     guint            http_status,
                                     const char      *error_text,
                                     const char      *response_body,
                                     gint64           next_attempt_at,
                                     GError         **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_outbox_sync (self, record_result_work,
                          record_result_data (id, state, http_status, error_text,
                                              response_body, next_attempt_at), error);
}

/**
 * ioc_store_outbox_record_result_async:
 * @self: a store
 * @id: an action in state sending
 * @state: the outcome, see ioc_store_outbox_record_result_sync()
 * @http_status: the HTTP status, 0 for a network error
 * @error_text: (nullable): why it did not succeed
 * @response_body: (nullable): the server's answer
 * @next_attempt_at: for a retry, when to try again
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_record_result_sync().
 */
void
ioc_store_outbox_record_result_async (IocStore            *self,
                                      gint64               id,
                                      IocOutboxState       state,
                                      guint                http_status,
                                      const char          *error_text,
                                      const char          *response_body,
                                      gint64               next_attempt_at,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, record_result_work,
             record_result_data (id, state, http_status, error_text, response_body, next_attempt_at),
             outbox_data_free, (GDestroyNotify) ioc_outbox_action_unref,
             ioc_store_outbox_record_result_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_record_result_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the updated action
 */
IocOutboxAction *
ioc_store_outbox_record_result_finish (IocStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_record_result_async, error);
}

static gpointer
list_work (IocStore  *self,
           gpointer   data,
           GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "SELECT " ACTION_COLUMNS " FROM outbox "
                       "WHERE (" STATE_BIT_SQL " & ?1) != 0 ORDER BY id", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_outbox_action_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, d->state_mask);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IocOutboxAction *action = action_from_row (self->db, stmt, error);

      if (action == NULL)
        return NULL;
      g_ptr_array_add (list, action);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "outbox list");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * ioc_store_outbox_list_sync:
 * @self: a store
 * @state_mask: IOC_OUTBOX_STATE_MASK() bits, e.g.
 *   %IOC_OUTBOX_STATE_MASK_PENDING for the queue, or
 *   %IOC_OUTBOX_STATE_MASK_NEEDS_OPERATOR for conflicts and failures
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocOutboxAction): the actions, oldest first
 */
GPtrArray *
ioc_store_outbox_list_sync (IocStore  *self,
                            guint      state_mask,
                            GError   **error)
{
  OutboxData *d;

  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  d = outbox_data_new (0);
  d->state_mask = state_mask;
  return run_outbox_sync (self, list_work, d, error);
}

/**
 * ioc_store_outbox_list_async:
 * @self: a store
 * @state_mask: IOC_OUTBOX_STATE_MASK() bits
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_list_sync().
 */
void
ioc_store_outbox_list_async (IocStore            *self,
                             guint                state_mask,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  OutboxData *d;

  g_return_if_fail (IOC_IS_STORE (self));
  d = outbox_data_new (0);
  d->state_mask = state_mask;
  run_async (self, list_work, d, outbox_data_free, (GDestroyNotify) g_ptr_array_unref,
             ioc_store_outbox_list_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_list_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocOutboxAction): the actions
 */
GPtrArray *
ioc_store_outbox_list_finish (IocStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_list_async, error);
}

/* Undo and withdraw refuse alike once a POST may have reached the server
 * ("Exactly-once delivery", ioc-store.h). */
static void
set_too_late_to_undo (GError **error)
{
  g_set_error_literal (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE,
                       _("This action can no longer be undone: it has already been "
                         "sent, or a delivery attempt may have reached the server"));
}

static gpointer
undo_work (IocStore  *self,
           gpointer   data,
           GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(IocOutboxAction) action = NULL;

  if (!begin (self->db, TRUE, error))
    return NULL;
  stmt = prepare (self->db, "UPDATE outbox SET state = 'cancelled' "
                            "WHERE id = ?1 AND state = 'queued' AND attempts = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, d->id);
  if (!step_done (self->db, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self->db, TRUE);
      action = load_action (self->db, d->id, error);
      if (action != NULL)
        set_too_late_to_undo (error);
      return NULL;
    }
  action = load_action (self->db, d->id, error);
  if (action == NULL || !action_audit (self->db, action, "cancelled", NULL, error))
    goto fail;
  if (!commit (self->db, TRUE, error))
    return NULL;
  return RESULT_TRUE;

fail:
  rollback (self->db, TRUE);
  return NULL;
}

/**
 * ioc_store_outbox_undo_sync:
 * @self: a store
 * @id: a queued action
 * @error: return location for an error (%IOC_STORE_ERROR_INVALID_STATE when
 *   too late)
 *
 * Cancels an action before it is sent: only while it is queued and no POST
 * was ever started for it, since an attempt that failed on our side may still
 * have been applied by the server ("Exactly-once delivery", ioc-store.h).
 *
 * Returns: %TRUE if the action was cancelled
 */
gboolean
ioc_store_outbox_undo_sync (IocStore  *self,
                            gint64     id,
                            GError   **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  return run_outbox_sync (self, undo_work, outbox_data_new (id), error) != NULL;
}

/**
 * ioc_store_outbox_undo_async:
 * @self: a store
 * @id: a queued action
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_undo_sync().
 */
void
ioc_store_outbox_undo_async (IocStore            *self,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, undo_work, outbox_data_new (id), outbox_data_free, NULL,
             ioc_store_outbox_undo_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_undo_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if the action was cancelled
 */
gboolean
ioc_store_outbox_undo_finish (IocStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_undo_async, error) != NULL;
}

/* The id of the action with @update_id; %IOC_STORE_ERROR_NOT_FOUND if none. */
static gboolean
find_update_id (sqlite3     *db,
                const char  *update_id,
                gint64      *id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT id FROM outbox WHERE update_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, update_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND,
                 _("The queued action %s does not exist"), update_id);
  else
    set_sqlite_error (error, db, rc, "outbox");
  return FALSE;
}

static gpointer
withdraw_work (IocStore  *self,
               gpointer   data,
               GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(IocOutboxAction) action = NULL;
  gint64 id = 0;

  if (!begin (self->db, TRUE, error))
    return NULL;
  if (!find_update_id (self->db, d->update_id, &id, error))
    goto fail;
  action = load_action (self->db, id, error);
  if (action == NULL)
    goto fail;
  /* The same rule as undo: never once a POST may have reached the server. */
  if (action->state != IOC_OUTBOX_STATE_QUEUED || action->attempts > 0)
    {
      set_too_late_to_undo (error);
      goto fail;
    }
  /* Its fields go with it (ON DELETE CASCADE); the audit log keeps the trace. */
  stmt = prepare (self->db, "DELETE FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self->db, stmt, error) ||
      !action_audit (self->db, action, "withdrawn", NULL, error))
    goto fail;
  if (!commit (self->db, TRUE, error))
    return NULL;
  return RESULT_TRUE;

fail:
  rollback (self->db, TRUE);
  return NULL;
}

static OutboxData *
outbox_data_new_update_id (const char *update_id)
{
  OutboxData *d = outbox_data_new (0);

  d->update_id = g_strdup (update_id);
  return d;
}

/**
 * ioc_store_outbox_withdraw_sync:
 * @self: a store
 * @update_id: the action's update_id (known before its enqueue completes)
 * @error: return location for an error (%IOC_STORE_ERROR_INVALID_STATE when
 *   too late, %IOC_STORE_ERROR_NOT_FOUND if there is no such action)
 *
 * Issue "Complaint triage", "Actions": "Undo" of an action in its undo
 * window. The action was saved the moment it was taken (so a crash in the
 * window loses nothing) and held (ioc_outbox_action_set_not_before());
 * withdrawing deletes that row, as if the action had never been taken; the
 * audit log records "withdrawn". Like ioc_store_outbox_undo_sync(), only
 * while it is queued and no POST was ever started ("Exactly-once delivery",
 * ioc-store.h). By update_id rather than id: jobs run in submission order,
 * so a withdraw queued right after the enqueue finds the row even before
 * the caller has heard back from the enqueue.
 *
 * Returns: %TRUE if the action was deleted
 */
gboolean
ioc_store_outbox_withdraw_sync (IocStore    *self,
                                const char  *update_id,
                                GError     **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  g_return_val_if_fail (update_id != NULL, FALSE);
  return run_outbox_sync (self, withdraw_work, outbox_data_new_update_id (update_id), error) != NULL;
}

/**
 * ioc_store_outbox_withdraw_async:
 * @self: a store
 * @update_id: the action's update_id
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_withdraw_sync().
 */
void
ioc_store_outbox_withdraw_async (IocStore            *self,
                                 const char          *update_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (update_id != NULL);
  run_async (self, withdraw_work, outbox_data_new_update_id (update_id), outbox_data_free, NULL,
             ioc_store_outbox_withdraw_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_withdraw_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if the action was deleted
 */
gboolean
ioc_store_outbox_withdraw_finish (IocStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_withdraw_async, error) != NULL;
}

static gpointer
release_work (IocStore  *self,
              gpointer   data,
              GError   **error)
{
  OutboxData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;

  if (!begin (self->db, TRUE, error))
    return NULL;
  if (!find_update_id (self->db, d->update_id, &id, error))
    goto fail;
  stmt = prepare (self->db, "UPDATE outbox SET not_before = 0 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self->db, stmt, error))
    goto fail;
  if (!commit (self->db, TRUE, error))
    return NULL;
  return load_action (self->db, id, error);

fail:
  rollback (self->db, TRUE);
  return NULL;
}

/**
 * ioc_store_outbox_release_sync:
 * @self: a store
 * @update_id: the action's update_id
 * @error: return location for an error (%IOC_STORE_ERROR_NOT_FOUND)
 *
 * Ends an action's undo window now (issue "Complaint triage", "Actions"):
 * it becomes due at once, subject to its back-off and to the order of
 * actions on its request (ioc_store_outbox_next_due_sync()).
 *
 * Returns: (transfer full) (nullable): the action as now stored
 */
IocOutboxAction *
ioc_store_outbox_release_sync (IocStore    *self,
                               const char  *update_id,
                               GError     **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  g_return_val_if_fail (update_id != NULL, NULL);
  return run_outbox_sync (self, release_work, outbox_data_new_update_id (update_id), error);
}

/**
 * ioc_store_outbox_release_async:
 * @self: a store
 * @update_id: the action's update_id
 * @cancellable: (nullable): a cancellable
 * @callback: (nullable): completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_release_sync().
 */
void
ioc_store_outbox_release_async (IocStore            *self,
                                const char          *update_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (update_id != NULL);
  run_async (self, release_work, outbox_data_new_update_id (update_id), outbox_data_free,
             (GDestroyNotify) ioc_outbox_action_unref,
             ioc_store_outbox_release_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_release_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the action as now stored
 */
IocOutboxAction *
ioc_store_outbox_release_finish (IocStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_release_async, error);
}

static gpointer
resolve_work (IocStore  *self,
              gpointer   data,
              GError   **error)
{
  OutboxData *d = data;
  g_autoptr(IocOutboxAction) action = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *new_update_id = NULL;

  if (!begin (self->db, TRUE, error))
    return NULL;
  action = load_action (self->db, d->id, error);
  if (action == NULL)
    goto fail;
  if (action->state != IOC_OUTBOX_STATE_CONFLICT && action->state != IOC_OUTBOX_STATE_FAILED)
    {
      g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE,
                   _("Only a conflicting or refused action can be resolved; this one is %s"),
                   ioc_outbox_state_to_string (action->state));
      goto fail;
    }

  if (d->resolution == IOC_OUTBOX_RESOLUTION_DISCARD)
    {
      stmt = prepare (self->db, "UPDATE outbox SET state = 'cancelled' WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, d->id);
      if (!step_done (self->db, stmt, error) ||
          !action_audit (self->db, action, "discarded", NULL, error))
        goto fail;
    }
  else
    {
      /* A new idempotency key: the server answers the old one with its cached
       * first answer (the 409), so resending it could never succeed. */
      new_update_id = g_uuid_string_random ();
      stmt = prepare (self->db,
                      "UPDATE outbox SET state = 'queued', update_id = ?2, attempts = 0, "
                      "next_attempt_at = ?3, last_error = NULL, http_status = 0, "
                      "server_response = NULL WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, d->id);
      bind_text (stmt, 2, new_update_id);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      if (!step_done (self->db, stmt, error))
        goto fail;

      if (d->if_updated_datetime != NULL)
        {
          /* update the field in place when present, append it otherwise */
          g_clear_pointer (&stmt, sqlite3_finalize);
          if (ioc_outbox_action_get_field (action, "if_updated_datetime") != NULL)
            stmt = prepare (self->db, "UPDATE outbox_field SET value = ?2 "
                                      "WHERE action_id = ?1 AND name = 'if_updated_datetime'", error);
          else
            stmt = prepare (self->db,
                            "INSERT INTO outbox_field (action_id, position, name, value) "
                            "VALUES (?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM outbox_field "
                            "WHERE action_id = ?1), 'if_updated_datetime', ?2)", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, d->id);
          bind_text (stmt, 2, d->if_updated_datetime);
          if (!step_done (self->db, stmt, error))
            goto fail;
        }
      if (!action_audit (self->db, action, "requeued", new_update_id, error))
        goto fail;
    }

  if (!commit (self->db, TRUE, error))
    return NULL;
  return load_action (self->db, d->id, error);

fail:
  rollback (self->db, TRUE);
  return NULL;
}

static OutboxData *
resolve_data (gint64               id,
              IocOutboxResolution  resolution,
              const char          *if_updated_datetime)
{
  OutboxData *d = outbox_data_new (id);

  d->resolution = resolution;
  d->if_updated_datetime = g_strdup (if_updated_datetime);
  return d;
}

/**
 * ioc_store_outbox_resolve_sync:
 * @self: a store
 * @id: an action in conflict (409) or failed
 * @resolution: discard it, or requeue it
 * @if_updated_datetime: (nullable): for a requeue, the `updated_datetime` of
 *   the request the operator has now seen (feeds.md §1 optimistic
 *   concurrency); %NULL keeps the field as it was
 * @error: return location for an error
 *
 * The operator's decision on a conflict (issue "Live data pipeline":
 * "conflicts (409) surfaced to the operator and kept until resolved").
 * A requeued action gets a new update_id (see ioc-store.h).
 *
 * Returns: (transfer full) (nullable): the updated action
 */
IocOutboxAction *
ioc_store_outbox_resolve_sync (IocStore             *self,
                               gint64                id,
                               IocOutboxResolution   resolution,
                               const char           *if_updated_datetime,
                               GError              **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_outbox_sync (self, resolve_work, resolve_data (id, resolution, if_updated_datetime), error);
}

/**
 * ioc_store_outbox_resolve_async:
 * @self: a store
 * @id: an action in conflict or failed
 * @resolution: discard or requeue
 * @if_updated_datetime: (nullable): see ioc_store_outbox_resolve_sync()
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_outbox_resolve_sync().
 */
void
ioc_store_outbox_resolve_async (IocStore            *self,
                                gint64               id,
                                IocOutboxResolution  resolution,
                                const char          *if_updated_datetime,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, resolve_work, resolve_data (id, resolution, if_updated_datetime),
             outbox_data_free, (GDestroyNotify) ioc_outbox_action_unref,
             ioc_store_outbox_resolve_async, cancellable, callback, user_data);
}

/**
 * ioc_store_outbox_resolve_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the updated action
 */
IocOutboxAction *
ioc_store_outbox_resolve_finish (IocStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, ioc_store_outbox_resolve_async, error);
}

/* ---------------------------------------------------------------------- */
/* Audit log                                                               */
/* ---------------------------------------------------------------------- */

typedef struct {
  IocAuditEntry    *entry;
  gint64            since;
  gint64            until;
  char             *target;
  guint             limit;
  /* alerts */
  gint64            id;
  char             *rule;
  IocAlertSeverity  severity;
  char             *subject;
  char             *message;
  char             *who;
  gint64            at;
  gboolean          unacknowledged_only;
} LogData;

static void
log_data_free (gpointer data)
{
  LogData *d = data;

  g_clear_pointer (&d->entry, ioc_audit_entry_free);
  g_free (d->target);
  g_free (d->rule);
  g_free (d->subject);
  g_free (d->message);
  g_free (d->who);
  g_free (d);
}

static gpointer
run_log_sync (IocStore     *self,
              IocStoreWork  work,
              LogData      *d,
              GError      **error)
{
  gpointer result = run_sync (self, work, d, error);

  log_data_free (d);
  return result;
}

static gpointer
append_audit_work (IocStore  *self,
                   gpointer   data,
                   GError   **error)
{
  LogData *d = data;
  const IocAuditEntry *e = d->entry;

  if (!begin (self->db, TRUE, error))
    return NULL;
  if (!insert_audit (self->db, e->at, e->who, e->what, e->target, e->result, e->detail, error))
    {
      rollback (self->db, TRUE);
      return NULL;
    }
  if (!commit (self->db, TRUE, error))
    return NULL;
  return RESULT_TRUE;
}

static LogData *
audit_data (const IocAuditEntry *entry)
{
  LogData *d = g_new0 (LogData, 1);

  d->entry = ioc_audit_entry_copy (entry);
  return d;
}

/**
 * ioc_store_append_audit_sync:
 * @self: a store
 * @entry: the entry (its @id is ignored)
 * @error: return location for an error
 *
 * Appends to the audit log, durably (issue "Live data pipeline": "an audit
 * log (who did what, when, result)"). Outbox transitions are audited by the
 * store itself; this is for the other operator actions (alert
 * acknowledgements are audited too, settings changes, exports…).
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_append_audit_sync (IocStore             *self,
                             const IocAuditEntry  *entry,
                             GError              **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  return run_log_sync (self, append_audit_work, audit_data (entry), error) != NULL;
}

/**
 * ioc_store_append_audit_async:
 * @self: a store
 * @entry: the entry (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_append_audit_sync().
 */
void
ioc_store_append_audit_async (IocStore             *self,
                              const IocAuditEntry  *entry,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (entry != NULL);
  run_async (self, append_audit_work, audit_data (entry), log_data_free, NULL,
             ioc_store_append_audit_async, cancellable, callback, user_data);
}

/**
 * ioc_store_append_audit_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_append_audit_finish (IocStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, ioc_store_append_audit_async, error) != NULL;
}

static gpointer
query_audit_work (IocStore  *self,
                  gpointer   data,
                  GError   **error)
{
  LogData *d = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "SELECT id, at, who, what, target, result, detail FROM audit "
                       "WHERE at >= ?1 AND at < ?2 AND (?3 IS NULL OR target = ?3) "
                       "ORDER BY at DESC, id DESC LIMIT ?4", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_audit_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, d->since);
  sqlite3_bind_int64 (stmt, 2, d->until);
  bind_text (stmt, 3, d->target);
  sqlite3_bind_int64 (stmt, 4, d->limit > 0 ? (gint64) d->limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IocAuditEntry *e = ioc_audit_entry_new (sqlite3_column_int64 (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2),
                                              (const char *) sqlite3_column_text (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 4),
                                              (const char *) sqlite3_column_text (stmt, 5),
                                              (const char *) sqlite3_column_text (stmt, 6));
      e->id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "audit");
      return NULL;
    }
  return g_steal_pointer (&list);
}

static LogData *
query_audit_data (gint64      since,
                  gint64      until,
                  const char *target,
                  guint       limit)
{
  LogData *d = g_new0 (LogData, 1);

  d->since = since;
  d->until = until;
  d->target = g_strdup (target);
  d->limit = limit;
  return d;
}

/**
 * ioc_store_query_audit_sync:
 * @self: a store
 * @since: start time, included (µs)
 * @until: end time, excluded (µs); G_MAXINT64 for "now"
 * @target: (nullable): only the entries about this target (a request id…)
 * @limit: at most this many entries, 0 for no limit
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocAuditEntry): the entries, newest first
 */
GPtrArray *
ioc_store_query_audit_sync (IocStore    *self,
                            gint64       since,
                            gint64       until,
                            const char  *target,
                            guint        limit,
                            GError     **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_log_sync (self, query_audit_work, query_audit_data (since, until, target, limit), error);
}

/**
 * ioc_store_query_audit_async:
 * @self: a store
 * @since: start time, included (µs)
 * @until: end time, excluded (µs)
 * @target: (nullable): only this target
 * @limit: at most this many, 0 for no limit
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_query_audit_sync().
 */
void
ioc_store_query_audit_async (IocStore            *self,
                             gint64               since,
                             gint64               until,
                             const char          *target,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, query_audit_work, query_audit_data (since, until, target, limit),
             log_data_free, (GDestroyNotify) g_ptr_array_unref,
             ioc_store_query_audit_async, cancellable, callback, user_data);
}

/**
 * ioc_store_query_audit_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocAuditEntry): the entries
 */
GPtrArray *
ioc_store_query_audit_finish (IocStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, ioc_store_query_audit_async, error);
}

/* ---------------------------------------------------------------------- */
/* Alert log                                                               */
/* ---------------------------------------------------------------------- */

static gpointer
raise_alert_work (IocStore  *self,
                  gpointer   data,
                  GError   **error)
{
  LogData *d = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "INSERT INTO alert (rule, severity, subject, message, raised_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  gint64 *id;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, d->rule);
  sqlite3_bind_int (stmt, 2, d->severity);
  bind_text (stmt, 3, d->subject);
  bind_text (stmt, 4, d->message);
  sqlite3_bind_int64 (stmt, 5, d->at);
  if (!step_done (self->db, stmt, error))
    return NULL;
  id = g_new (gint64, 1);
  *id = sqlite3_last_insert_rowid (self->db);
  return id;
}

static LogData *
raise_data (const char       *rule,
            IocAlertSeverity  severity,
            const char       *subject,
            const char       *message,
            gint64            raised_at)
{
  LogData *d = g_new0 (LogData, 1);

  d->rule = g_strdup (rule);
  d->severity = severity;
  d->subject = g_strdup (subject);
  d->message = g_strdup (message);
  d->at = raised_at;
  return d;
}

static gint64
take_id (gint64 *id)
{
  gint64 value = id != NULL ? *id : 0;

  g_free (id);
  return value;
}

/**
 * ioc_store_raise_alert_sync:
 * @self: a store
 * @rule: the rule that fired (product.md §6)
 * @severity: its severity
 * @subject: (nullable): what it is about
 * @message: the operator-facing text
 * @raised_at: when (µs)
 * @error: return location for an error
 *
 * Appends an unacknowledged alert to the alert log (issue "Live data
 * pipeline": "an alert log"; product.md §6 "an acknowledgeable alert log").
 *
 * Returns: the new alert's id, 0 on error
 */
gint64
ioc_store_raise_alert_sync (IocStore          *self,
                            const char        *rule,
                            IocAlertSeverity   severity,
                            const char        *subject,
                            const char        *message,
                            gint64             raised_at,
                            GError           **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), 0);
  g_return_val_if_fail (rule != NULL && message != NULL, 0);
  return take_id (run_log_sync (self, raise_alert_work,
                                raise_data (rule, severity, subject, message, raised_at), error));
}

/**
 * ioc_store_raise_alert_async:
 * @self: a store
 * @rule: the rule that fired
 * @severity: its severity
 * @subject: (nullable): what it is about
 * @message: the operator-facing text
 * @raised_at: when (µs)
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_raise_alert_sync().
 */
void
ioc_store_raise_alert_async (IocStore            *self,
                             const char          *rule,
                             IocAlertSeverity     severity,
                             const char          *subject,
                             const char          *message,
                             gint64               raised_at,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (rule != NULL && message != NULL);
  run_async (self, raise_alert_work, raise_data (rule, severity, subject, message, raised_at),
             log_data_free, g_free, ioc_store_raise_alert_async, cancellable, callback, user_data);
}

/**
 * ioc_store_raise_alert_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: the new alert's id, 0 on error
 */
gint64
ioc_store_raise_alert_finish (IocStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return take_id (finish_pointer (self, result, ioc_store_raise_alert_async, error));
}

static gpointer
query_alerts_work (IocStore  *self,
                   gpointer   data,
                   GError   **error)
{
  LogData *d = data;
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self->db, "SELECT id, rule, severity, subject, message, raised_at, "
                       "acknowledged_at, acknowledged_by FROM alert "
                       "WHERE raised_at >= ?1 AND (?2 = 0 OR acknowledged_at = 0) "
                       "ORDER BY raised_at DESC, id DESC LIMIT ?3", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_alert_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, d->since);
  sqlite3_bind_int (stmt, 2, d->unacknowledged_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, d->limit > 0 ? (gint64) d->limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IocAlertEntry *e = g_new0 (IocAlertEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->rule = column_dup (stmt, 1);
      e->severity = (IocAlertSeverity) sqlite3_column_int (stmt, 2);
      e->subject = column_dup (stmt, 3);
      e->message = column_dup (stmt, 4);
      e->raised_at = sqlite3_column_int64 (stmt, 5);
      e->acknowledged_at = sqlite3_column_int64 (stmt, 6);
      e->acknowledged_by = column_dup (stmt, 7);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "alerts");
      return NULL;
    }
  return g_steal_pointer (&list);
}

static LogData *
query_alerts_data (gint64   since,
                   gboolean unacknowledged_only,
                   guint    limit)
{
  LogData *d = g_new0 (LogData, 1);

  d->since = since;
  d->unacknowledged_only = unacknowledged_only;
  d->limit = limit;
  return d;
}

/**
 * ioc_store_query_alerts_sync:
 * @self: a store
 * @since: raised at or after this time (µs)
 * @unacknowledged_only: only the alerts nobody acknowledged yet
 * @limit: at most this many, 0 for no limit
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocAlertEntry): the alerts, newest first
 */
GPtrArray *
ioc_store_query_alerts_sync (IocStore  *self,
                             gint64     since,
                             gboolean   unacknowledged_only,
                             guint      limit,
                             GError   **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), NULL);
  return run_log_sync (self, query_alerts_work,
                       query_alerts_data (since, unacknowledged_only, limit), error);
}

/**
 * ioc_store_query_alerts_async:
 * @self: a store
 * @since: raised at or after this time (µs)
 * @unacknowledged_only: only the unacknowledged ones
 * @limit: at most this many, 0 for no limit
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_query_alerts_sync().
 */
void
ioc_store_query_alerts_async (IocStore            *self,
                              gint64               since,
                              gboolean             unacknowledged_only,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  run_async (self, query_alerts_work, query_alerts_data (since, unacknowledged_only, limit),
             log_data_free, (GDestroyNotify) g_ptr_array_unref,
             ioc_store_query_alerts_async, cancellable, callback, user_data);
}

/**
 * ioc_store_query_alerts_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type IocAlertEntry): the alerts
 */
GPtrArray *
ioc_store_query_alerts_finish (IocStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, ioc_store_query_alerts_async, error);
}

static gpointer
acknowledge_work (IocStore  *self,
                  gpointer   data,
                  GError   **error)
{
  LogData *d = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *target = NULL;

  if (!begin (self->db, TRUE, error))
    return NULL;
  stmt = prepare (self->db, "UPDATE alert SET acknowledged_at = ?2, acknowledged_by = ?3 "
                            "WHERE id = ?1 AND acknowledged_at = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, d->id);
  sqlite3_bind_int64 (stmt, 2, d->at);
  bind_text (stmt, 3, d->who);
  if (!step_done (self->db, stmt, error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr(sqlite3_stmt) find =
        prepare (self->db, "SELECT acknowledged_by FROM alert WHERE id = ?1", error);

      if (find == NULL)
        goto fail;
      sqlite3_bind_int64 (find, 1, d->id);
      if (sqlite3_step (find) == SQLITE_ROW)
        g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_INVALID_STATE,
                     _("This alert was already acknowledged by %s"),
                     sqlite3_column_text (find, 0) != NULL
                     ? (const char *) sqlite3_column_text (find, 0) : "?");
      else
        g_set_error (error, IOC_STORE_ERROR, IOC_STORE_ERROR_NOT_FOUND,
                     /* Translators: %lld is the alert's number. */
                     _("The alert %lld does not exist"), (long long)d->id);
      goto fail;
    }

  target = g_strdup_printf ("alert:%" G_GINT64_FORMAT, d->id);
  if (!insert_audit (self->db, d->at, d->who, "alert.acknowledge", target, "ok", NULL, error))
    goto fail;
  if (!commit (self->db, TRUE, error))
    return NULL;
  return RESULT_TRUE;

fail:
  rollback (self->db, TRUE);
  return NULL;
}

static LogData *
acknowledge_data (gint64      id,
                  const char *who,
                  gint64      at)
{
  LogData *d = g_new0 (LogData, 1);

  d->id = id;
  d->who = g_strdup (who);
  d->at = at;
  return d;
}

/**
 * ioc_store_acknowledge_alert_sync:
 * @self: a store
 * @id: the alert
 * @who: the operator
 * @at: when (µs)
 * @error: return location for an error (%IOC_STORE_ERROR_INVALID_STATE if
 *   someone acknowledged it first: the first acknowledgement is kept)
 *
 * Acknowledges an alert and audits it (product.md §6).
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_acknowledge_alert_sync (IocStore    *self,
                                  gint64       id,
                                  const char  *who,
                                  gint64       at,
                                  GError     **error)
{
  g_return_val_if_fail (IOC_IS_STORE (self), FALSE);
  g_return_val_if_fail (who != NULL, FALSE);
  return run_log_sync (self, acknowledge_work, acknowledge_data (id, who, at), error) != NULL;
}

/**
 * ioc_store_acknowledge_alert_async:
 * @self: a store
 * @id: the alert
 * @who: the operator
 * @at: when (µs)
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Asynchronous ioc_store_acknowledge_alert_sync().
 */
void
ioc_store_acknowledge_alert_async (IocStore            *self,
                                   gint64               id,
                                   const char          *who,
                                   gint64               at,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (IOC_IS_STORE (self));
  g_return_if_fail (who != NULL);
  run_async (self, acknowledge_work, acknowledge_data (id, who, at), log_data_free, NULL,
             ioc_store_acknowledge_alert_async, cancellable, callback, user_data);
}

/**
 * ioc_store_acknowledge_alert_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_store_acknowledge_alert_finish (IocStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, ioc_store_acknowledge_alert_async, error) != NULL;
}
