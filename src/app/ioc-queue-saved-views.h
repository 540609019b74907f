/* ioc-queue-saved-views.h — the queue's saved views (named filter sets) and
 * their menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-complaint-filter.h"

G_BEGIN_DECLS

#define IOC_TYPE_QUEUE_SAVED_VIEWS (ioc_queue_saved_views_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueSavedViews, ioc_queue_saved_views, IOC, QUEUE_SAVED_VIEWS, GObject)

/* Reads the views saved at @path (see ioc_saved_view_default_path()). */
IocQueueSavedViews *ioc_queue_saved_views_new      (IocComplaintFilter  *filter,
                                                    const char          *path);
/* (transfer none): the views menu (actions queue.save-view,
 * queue.reset-filters, queue.apply-view and queue.delete-view), kept up to
 * date. */
GMenuModel         *ioc_queue_saved_views_get_menu (IocQueueSavedViews  *self);
/* The filter takes the criteria of the view named @name; FALSE if none. */
gboolean            ioc_queue_saved_views_apply    (IocQueueSavedViews  *self,
                                                    const char          *name);
/* Saves the filter's criteria under @name (cleaned up; FALSE and no error
 * when nothing is left of it), or deletes the view named @name, then
 * writes the file. */
gboolean            ioc_queue_saved_views_put      (IocQueueSavedViews  *self,
                                                    const char          *name,
                                                    GError             **error);
gboolean            ioc_queue_saved_views_remove   (IocQueueSavedViews  *self,
                                                    const char          *name,
                                                    GError             **error);

G_END_DECLS
