/* ioc-queue-exporter.c — exports the complaints queue's current view
 * without blocking the main thread
 *
 * Issue "Complaint triage": export the current view to CSV or XLSX with the
 * active filters honoured. Writing 100 000 rows (folding text, computing
 * deadlines, libxlsxwriter's zip) takes seconds: it runs on a worker thread
 * (house style: the main thread never blocks for more than a frame).
 *
 * The worker must not read the live complaints: the feed updates them in
 * place on the main thread. So the view is frozen first — the list of rows,
 * in order, at the moment of the request (one pass of references) — and each
 * of those complaints is copied (ioc_complaint_copy()) in slices of a few
 * thousand per main-loop turn so that no frame is missed. The worker then
 * owns an immutable snapshot: the copies, and a copy of the filter with its
 * calendar and its "now" fixed (ioc-complaint-cache's per-object values live
 * on the copies, so no object is shared between threads).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-queue-exporter.h"

#define COPY_SLICE 4000

struct _IocQueueExporter
{
  GObject  parent_instance;

  guint    busy;
  GThread *last_writer;   /* not a reference; compared only */
};

G_DEFINE_FINAL_TYPE (IocQueueExporter, ioc_queue_exporter, G_TYPE_OBJECT)

typedef struct {
  GPtrArray                *live;      /* IocComplaint refs, the view's order; main thread only */
  GPtrArray                *copies;    /* IocComplaint, owned by the job */
  IocComplaintFilter       *context;
  IocComplaintExportFormat  format;
  char                     *path;
  guint                     next;
  guint                     n_rows;
  guint                     idle_id;
} Job;

static void
job_free (Job *job)
{
  g_clear_handle_id (&job->idle_id, g_source_remove);
  g_clear_pointer (&job->live, g_ptr_array_unref);
  g_clear_pointer (&job->copies, g_ptr_array_unref);
  g_clear_object (&job->context);
  g_free (job->path);
  g_free (job);
}

static void
ioc_queue_exporter_class_init (IocQueueExporterClass *klass)
{
}

static void
ioc_queue_exporter_init (IocQueueExporter *self)
{
}

/**
 * ioc_queue_exporter_new:
 *
 * Returns: (transfer full): an exporter
 */
IocQueueExporter *
ioc_queue_exporter_new (void)
{
  return g_object_new (IOC_TYPE_QUEUE_EXPORTER, NULL);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  IocQueueExporter *self = source_object;
  Job *job = task_data;
  g_autoptr(GListStore) rows = g_list_store_new (IOC_TYPE_COMPLAINT);
  g_autoptr(GError) error = NULL;

  self->last_writer = g_thread_self ();
  g_list_store_splice (rows, 0, 0, job->copies->pdata, job->copies->len);
  for (guint i = 0; i < job->copies->len; i++)
    if (ioc_complaint_filter_matches (job->context, g_ptr_array_index (job->copies, i)))
      job->n_rows++;
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ioc_complaint_export_to_file (G_LIST_MODEL (rows), job->context, job->format, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
copy_slice (gpointer user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  guint end = MIN (job->live->len, job->next + COPY_SLICE);

  for (; job->next < end; job->next++)
    g_ptr_array_add (job->copies, ioc_complaint_copy (g_ptr_array_index (job->live, job->next)));
  if (job->next < job->live->len && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_CONTINUE;
  job->idle_id = 0;
  g_clear_pointer (&job->live, g_ptr_array_unref);
  if (!g_task_return_error_if_cancelled (task))
    g_task_run_in_thread (task, write_in_thread);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/**
 * ioc_queue_exporter_export_async:
 * @self: the exporter
 * @view: (element-type IocComplaint): the rows shown, in order
 * @filter: the active filter (its criteria, calendar and time)
 * @format: CSV or XLSX
 * @path: the file to write
 * @cancellable: (nullable): a cancellable
 * @callback: called on the main thread when the file is written
 * @user_data: for @callback
 *
 * Freezes @view and @filter as they are now (issue "Complaint triage":
 * the export holds the current view, with its filters) and writes the file
 * of ioc_complaint_export_to_file() on a worker thread.
 */
void
ioc_queue_exporter_export_async (IocQueueExporter         *self,
                                 GListModel               *view,
                                 IocComplaintFilter       *filter,
                                 IocComplaintExportFormat  format,
                                 const char               *path,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  Job *job;
  guint n;

  g_return_if_fail (IOC_IS_QUEUE_EXPORTER (self));
  g_return_if_fail (G_IS_LIST_MODEL (view));
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (filter));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ioc_queue_exporter_export_async);
  n = g_list_model_get_n_items (view);
  job = g_new0 (Job, 1);
  job->live = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->live, g_list_model_get_item (view, i));
  job->copies = g_ptr_array_new_full (n, g_object_unref);
  job->context = ioc_complaint_filter_copy (filter);
  /* "Overdue" and the due column judged at the moment of the request. */
  now = ioc_complaint_filter_dup_now (filter);
  ioc_complaint_filter_set_now (job->context, now);
  job->format = format;
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->busy++;
  job->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, copy_slice, g_object_ref (task), NULL);
}

/**
 * ioc_queue_exporter_export_finish:
 * @self: the exporter
 * @result: the result
 * @n_rows: (out) (optional): how many rows the file holds
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was written
 */
gboolean
ioc_queue_exporter_export_finish (IocQueueExporter  *self,
                                  GAsyncResult      *result,
                                  guint             *n_rows,
                                  GError           **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (self->busy > 0)
    self->busy--;
  if (n_rows != NULL)
    *n_rows = job->n_rows;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/** ioc_queue_exporter_is_busy: @self: the exporter Returns: %TRUE while an export runs */
gboolean
ioc_queue_exporter_is_busy (IocQueueExporter *self)
{
  return self->busy > 0;
}

/** ioc_queue_exporter_get_last_writer: @self: the exporter Returns: (transfer none) (nullable): the writing thread */
GThread *
ioc_queue_exporter_get_last_writer (IocQueueExporter *self)
{
  return self->last_writer;
}
