/* ioc-queue-counts.c — the counts line above the complaints queue
 *
 * Issue "Complaint triage": "counts for the current view (received / in
 * progress / resolved / overdue) above the list". Counting is a pass over
 * the whole view — tens of milliseconds with 100 000 complaints — so when
 * it runs matters as much as what it counts: it waits for the frame that
 * shows the new rows (bench/bench-queue.c measures that the result is
 * visible in under 100 ms) and is coalesced when the view changes several
 * times in a row. That scheduling is why it is a type apart from the page;
 * the page only says when the view or the clock changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-complaint.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-status.h"
#include "ioc-format.h"
#include "ioc-queue-counts.h"

struct _IocQueueCounts
{
  GObject         parent_instance;

  GtkWidget      *host;          /* not owned: its frame clock; NULL once stopped */
  GtkLabel       *label;         /* not owned; NULL once stopped */
  GListModel     *view;          /* what is counted */
  GListModel     *model;         /* "(of N)" */
  IocCalendar    *calendar;
  GDateTime      *now;
  IocFormatStyle  style;         /* the UI's number style, asked once */

  guint           idle;
  GdkFrameClock  *clock;         /* counting waits for the frame showing the rows */
  gulong          paint_id;
  char           *text;
};

G_DEFINE_FINAL_TYPE (IocQueueCounts, ioc_queue_counts, G_TYPE_OBJECT)

/* A frame clock disposed with its surface has dropped its handlers already. */
static void
forget_clock (IocQueueCounts *self)
{
  if (self->paint_id != 0 && g_signal_handler_is_connected (self->clock, self->paint_id))
    g_signal_handler_disconnect (self->clock, self->paint_id);
  self->paint_id = 0;
  g_clear_object (&self->clock);
}

static gboolean
count (gpointer user_data)
{
  IocQueueCounts *self = user_data;
  GListModel *view = self->view;
  guint n = view != NULL ? g_list_model_get_n_items (view) : 0;
  guint total = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint open = 0, resolved = 0, overdue = 0;
  g_autoptr(GDateTime) now = self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  IocFormatStyle style = self->style;
  g_autofree char *s_n = NULL, *s_open = NULL, *s_resolved = NULL, *s_overdue = NULL, *s_total = NULL;

  self->idle = 0;
  forget_clock (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (view, i);
      IocComplaintStatus status = ioc_complaint_get_status (c);

      if (ioc_complaint_status_is_open (status))
        {
          const IocDeadline *d;

          open++;
          d = self->calendar != NULL ? ioc_complaint_cache_deadline (c, self->calendar) : NULL;
          if (d != NULL ? ioc_deadline_is_overdue (d, TRUE, now)
                        : ioc_complaint_is_overdue (c, ioc_complaint_get_expected_datetime (c), now))
            overdue++;
        }
      else if (status == IOC_COMPLAINT_STATUS_RESOLVED)
        resolved++;
    }
  s_n = ioc_format_integer (style, n);
  s_open = ioc_format_integer (style, open);
  s_resolved = ioc_format_integer (style, resolved);
  s_overdue = ioc_format_integer (style, overdue);
  s_total = ioc_format_integer (style, total);
  g_free (self->text);
  /* domain.md §3: Đã tiếp nhận (received) · Đang xử lý (open) · Đã giải quyết · Quá hạn. */
  self->text = g_strdup_printf (_("Received %s · In progress %s · Resolved %s · Overdue %s  (of %s)"),
                                s_n, s_open, s_resolved, s_overdue, s_total);
  if (self->label != NULL)
    gtk_label_set_text (self->label, self->text);
  return G_SOURCE_REMOVE;
}

/* The frame showing the new rows is painted: count at the next turn. */
static void
after_paint (GdkFrameClock  *clock,
             IocQueueCounts *self)
{
  g_clear_signal_handler (&self->paint_id, clock);
  g_clear_handle_id (&self->idle, g_source_remove);
  self->idle = g_timeout_add_full (G_PRIORITY_DEFAULT, 0, count, self, NULL);
}

/**
 * ioc_queue_counts_schedule:
 * @self: the counts
 *
 * The view, the clock or the calendar changed: count again once the frame
 * showing the rows is painted (issue "Complaint triage": a filter's
 * "result visible in under 100 ms").
 */
void
ioc_queue_counts_schedule (IocQueueCounts *self)
{
  g_return_if_fail (IOC_IS_QUEUE_COUNTS (self));

  if (self->host == NULL)
    return;
  /* Counting 100 000 complaints takes tens of milliseconds: it waits for the
   * frame that shows the new rows, then runs. A timeout at default priority
   * backs it up, not a low-priority idle: while the window redraws
   * continuously (a spinner, a busy software renderer) a low-priority idle
   * may never run, and the counts would stay stale. */
  if (self->idle == 0)
    self->idle = g_timeout_add_full (G_PRIORITY_DEFAULT, 250, count, self, NULL);
  if (self->paint_id == 0 && gtk_widget_get_mapped (self->host))
    {
      g_set_object (&self->clock, gtk_widget_get_frame_clock (self->host));
      if (self->clock != NULL)
        self->paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint), self);
    }
}

/** ioc_queue_counts_update: @self: the counts. Counts now (domain.md §3 statuses), whatever was scheduled. */
void
ioc_queue_counts_update (IocQueueCounts *self)
{
  g_return_if_fail (IOC_IS_QUEUE_COUNTS (self));

  g_clear_handle_id (&self->idle, g_source_remove);
  count (self);
}

/**
 * ioc_queue_counts_get_text:
 * @self: the counts
 *
 * The line as shown; a count still waiting for its frame is done first.
 *
 * Returns: (nullable): the counts line
 */
const char *
ioc_queue_counts_get_text (IocQueueCounts *self)
{
  g_return_val_if_fail (IOC_IS_QUEUE_COUNTS (self), NULL);

  if (self->idle != 0)
    ioc_queue_counts_update (self);
  return self->text;
}

/** ioc_queue_counts_stop: @self: the counts. The page is going: no more counting, the label is left alone. */
void
ioc_queue_counts_stop (IocQueueCounts *self)
{
  g_return_if_fail (IOC_IS_QUEUE_COUNTS (self));

  g_clear_handle_id (&self->idle, g_source_remove);
  forget_clock (self);
  self->host = NULL;
  self->label = NULL;
}

/** ioc_queue_counts_set_model: @self: the counts @complaints: (nullable): all complaints, for "(of N)" */
void
ioc_queue_counts_set_model (IocQueueCounts *self,
                            GListModel     *complaints)
{
  g_return_if_fail (IOC_IS_QUEUE_COUNTS (self));

  g_set_object (&self->model, complaints);
}

/** ioc_queue_counts_set_calendar: @self: the counts @calendar: (nullable): for the deadlines (domain.md §3) */
void
ioc_queue_counts_set_calendar (IocQueueCounts *self,
                               IocCalendar    *calendar)
{
  g_return_if_fail (IOC_IS_QUEUE_COUNTS (self));

  g_set_object (&self->calendar, calendar);
}

/** ioc_queue_counts_set_now: @self: the counts @now: (nullable): a fixed "now", NULL for the clock */
void
ioc_queue_counts_set_now (IocQueueCounts *self,
                          GDateTime      *now)
{
  g_return_if_fail (IOC_IS_QUEUE_COUNTS (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
}

static void
ioc_queue_counts_dispose (GObject *object)
{
  IocQueueCounts *self = IOC_QUEUE_COUNTS (object);

  ioc_queue_counts_stop (self);
  g_clear_object (&self->view);
  g_clear_object (&self->model);
  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (ioc_queue_counts_parent_class)->dispose (object);
}

static void
ioc_queue_counts_finalize (GObject *object)
{
  IocQueueCounts *self = IOC_QUEUE_COUNTS (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->text);

  G_OBJECT_CLASS (ioc_queue_counts_parent_class)->finalize (object);
}

static void
ioc_queue_counts_class_init (IocQueueCountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ioc_queue_counts_dispose;
  object_class->finalize = ioc_queue_counts_finalize;
}

static void
ioc_queue_counts_init (IocQueueCounts *self)
{
  self->style = ioc_format_style_default ();
}

/**
 * ioc_queue_counts_new:
 * @host: the widget whose frames show the rows (the page)
 * @label: where the line shows
 * @view: (element-type IocComplaint): the view counted
 *
 * The counts line of issue "Complaint triage". Nothing is counted until
 * ioc_queue_counts_update() or ioc_queue_counts_schedule().
 *
 * Returns: (transfer full): the counts
 */
IocQueueCounts *
ioc_queue_counts_new (GtkWidget  *host,
                      GtkLabel   *label,
                      GListModel *view)
{
  IocQueueCounts *self;

  g_return_val_if_fail (GTK_IS_WIDGET (host), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (view), NULL);

  self = g_object_new (IOC_TYPE_QUEUE_COUNTS, NULL);
  self->host = host;
  self->label = label;
  self->view = g_object_ref (view);
  return self;
}
