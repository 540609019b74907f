/* ioc-queue-saved-views.c — the queue's saved views and their menu
 *
 * Issue "Complaint triage": "saved views (named filter sets)". The views
 * live in a key file (ioc-saved-view.c); the menu offered by the page's
 * Views button lists them, to apply or delete one, and is rebuilt in place
 * whenever the list changes, so the button never needs to be told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-queue-saved-views.h"
#include "ioc-saved-view.h"

struct _IocQueueSavedViews
{
  GObject             parent_instance;

  IocComplaintFilter *filter;
  char               *path;
  GPtrArray          *views;   /* IocSavedView */
  GMenu              *menu;
};

G_DEFINE_FINAL_TYPE (IocQueueSavedViews, ioc_queue_saved_views, G_TYPE_OBJECT)

static void
rebuild_menu (IocQueueSavedViews *self)
{
  g_autoptr(GMenu) actions = g_menu_new ();
  g_autoptr(GMenu) views = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  g_menu_remove_all (self->menu);
  g_menu_append (actions, _("_Save current view…"), "queue.save-view");
  g_menu_append (actions, _("_Reset filters"), "queue.reset-filters");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (actions));
  for (guint i = 0; i < self->views->len; i++)
    {
      IocSavedView *view = g_ptr_array_index (self->views, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (view->name, NULL);
      g_autoptr(GMenuItem) del = g_menu_item_new (view->name, NULL);

      g_menu_item_set_action_and_target_value (item, "queue.apply-view", g_variant_new_string (view->name));
      g_menu_append_item (views, item);
      g_menu_item_set_action_and_target_value (del, "queue.delete-view", g_variant_new_string (view->name));
      g_menu_append_item (remove, del);
    }
  if (self->views->len > 0)
    {
      g_menu_append_section (self->menu, _("Saved views"), G_MENU_MODEL (views));
      g_menu_append_submenu (self->menu, _("Delete a view"), G_MENU_MODEL (remove));
    }
}

static void
ioc_queue_saved_views_finalize (GObject *object)
{
  IocQueueSavedViews *self = IOC_QUEUE_SAVED_VIEWS (object);

  g_clear_object (&self->filter);
  g_free (self->path);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (ioc_queue_saved_views_parent_class)->finalize (object);
}

static void
ioc_queue_saved_views_class_init (IocQueueSavedViewsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_queue_saved_views_finalize;
}

static void
ioc_queue_saved_views_init (IocQueueSavedViews *self)
{
  self->menu = g_menu_new ();
}

/**
 * ioc_queue_saved_views_new:
 * @filter: the queue's criteria, which views are taken from and applied to
 * @path: the key file of the views
 *
 * A file that cannot be read leaves the list empty, with a warning; a view
 * that cannot be read is skipped, with a warning (issue "Complaint triage":
 * saved views; ioc-saved-view.c for the format).
 *
 * Returns: (transfer full): the views
 */
IocQueueSavedViews *
ioc_queue_saved_views_new (IocComplaintFilter *filter,
                           const char         *path)
{
  IocQueueSavedViews *self;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) skipped = NULL;

  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (filter), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (IOC_TYPE_QUEUE_SAVED_VIEWS, NULL);
  self->filter = g_object_ref (filter);
  self->path = g_strdup (path);
  self->views = ioc_saved_view_load_file (path, &skipped, &error);
  if (self->views == NULL)
    {
      g_warning ("Saved views not read from %s: %s", path, error->message);
      self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_saved_view_free);
    }
  for (guint i = 0; skipped != NULL && skipped[i] != NULL; i++)
    g_warning ("Saved view skipped: %s", skipped[i]);
  rebuild_menu (self);
  return self;
}

/** ioc_queue_saved_views_get_menu: Returns: (transfer none): the views menu */
GMenuModel *
ioc_queue_saved_views_get_menu (IocQueueSavedViews *self)
{
  g_return_val_if_fail (IOC_IS_QUEUE_SAVED_VIEWS (self), NULL);
  return G_MENU_MODEL (self->menu);
}

/** ioc_queue_saved_views_apply: the filter takes the saved criteria of @name. */
gboolean
ioc_queue_saved_views_apply (IocQueueSavedViews *self,
                             const char         *name)
{
  g_return_val_if_fail (IOC_IS_QUEUE_SAVED_VIEWS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->views->len; i++)
    {
      IocSavedView *view = g_ptr_array_index (self->views, i);

      if (g_str_equal (view->name, name))
        {
          ioc_complaint_filter_assign (self->filter, view->filter);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
save (IocQueueSavedViews  *self,
      GError             **error)
{
  rebuild_menu (self);
  return ioc_saved_view_save_file (self->views, self->path, error);
}

/**
 * ioc_queue_saved_views_put:
 *
 * Saves the current criteria as @name (replacing a view of that name) and
 * writes the file. Key-file group names cannot hold brackets or line
 * breaks: those become spaces.
 */
gboolean
ioc_queue_saved_views_put (IocQueueSavedViews  *self,
                           const char          *name,
                           GError             **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (IOC_IS_QUEUE_SAVED_VIEWS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = g_strstrip (g_strdup (name));
  g_strdelimit (clean, "[]\n\r", ' ');
  if (*clean == '\0')
    return FALSE;
  ioc_saved_view_list_put (self->views, clean, self->filter);
  return save (self, error);
}

/** ioc_queue_saved_views_remove: deletes the view @name and writes the file. */
gboolean
ioc_queue_saved_views_remove (IocQueueSavedViews  *self,
                              const char          *name,
                              GError             **error)
{
  g_return_val_if_fail (IOC_IS_QUEUE_SAVED_VIEWS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!ioc_saved_view_list_remove (self->views, name))
    return FALSE;
  return save (self, error);
}
