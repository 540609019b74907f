/* ioc-saved-view.c — named filter sets of the complaints queue
 *
 * Issue "Complaint triage": "saved views (named filter sets)". They live in
 * a key file of their own, g_get_user_config_dir()/ioc-dashboard/views.ini,
 * one group per view, rather than in GSettings: an operator can copy the file
 * to a colleague's desk, and a damaged view only loses itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ioc-saved-view.h"

G_DEFINE_BOXED_TYPE (IocSavedView, ioc_saved_view, ioc_saved_view_copy, ioc_saved_view_free)

/**
 * ioc_saved_view_new:
 * @name: the name the operator gave
 * @filter: the criteria (copied)
 *
 * Returns: (transfer full): a saved view
 */
IocSavedView *
ioc_saved_view_new (const char         *name,
                    IocComplaintFilter *filter)
{
  IocSavedView *view = g_new0 (IocSavedView, 1);

  view->name = g_strdup (name);
  view->filter = ioc_complaint_filter_copy (filter);
  return view;
}

/** ioc_saved_view_copy: @view: a view Returns: (transfer full): a deep copy */
IocSavedView *
ioc_saved_view_copy (const IocSavedView *view)
{
  return ioc_saved_view_new (view->name, view->filter);
}

/** ioc_saved_view_free: @view: (nullable): a view */
void
ioc_saved_view_free (IocSavedView *view)
{
  if (view == NULL)
    return;
  g_free (view->name);
  g_clear_object (&view->filter);
  g_free (view);
}

/**
 * ioc_saved_view_default_path:
 *
 * Returns: (transfer full): g_get_user_config_dir()/ioc-dashboard/views.ini
 */
char *
ioc_saved_view_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "ioc-dashboard", "views.ini", NULL);
}

/**
 * ioc_saved_view_load_file:
 * @path: the views file
 * @skipped: (out) (optional) (transfer full): "name: reason" for each view
 *   that could not be read
 * @error: return location for an error
 *
 * Reads every view. A view that cannot be read is skipped and reported in
 * @skipped (the others stay usable); a file that is not a key file is an error.
 *
 * Returns: (transfer full) (element-type IocSavedView): the views in file
 *   order, %NULL on error
 */
GPtrArray *
ioc_saved_view_load_file (const char  *path,
                          GStrv       *skipped,
                          GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_saved_view_free);
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStrvBuilder) skipped_names = g_strv_builder_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          if (skipped != NULL)
            *skipped = g_strv_builder_end (skipped_names);
          return g_steal_pointer (&views);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(IocComplaintFilter) filter = ioc_complaint_filter_new ();
      g_autoptr(GError) view_error = NULL;

      if (!ioc_complaint_filter_load (filter, key_file, groups[i], &view_error))
        {
          g_autofree char *reason = g_strdup_printf ("%s: %s", groups[i], view_error->message);

          g_strv_builder_add (skipped_names, reason);
          continue;
        }
      g_ptr_array_add (views, ioc_saved_view_new (groups[i], filter));
    }
  if (skipped != NULL)
    *skipped = g_strv_builder_end (skipped_names);
  return g_steal_pointer (&views);
}

/**
 * ioc_saved_view_save_file:
 * @views: (element-type IocSavedView): the views
 * @path: the views file; its folder is created
 * @error: return location for an error
 *
 * Writes atomically (g_file_set_contents()), so a crash never leaves half a file.
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_saved_view_save_file (GPtrArray   *views,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length;

  for (guint i = 0; i < views->len; i++)
    {
      IocSavedView *view = g_ptr_array_index (views, i);

      ioc_complaint_filter_save (view->filter, key_file, view->name);
    }
  data = g_key_file_to_data (key_file, &length, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents (path, data, length, error);
}

/**
 * ioc_saved_view_list_put:
 * @views: (element-type IocSavedView): the views
 * @name: the view's name
 * @filter: its criteria (copied)
 *
 * Saving under an existing name replaces that view in place.
 */
void
ioc_saved_view_list_put (GPtrArray          *views,
                         const char         *name,
                         IocComplaintFilter *filter)
{
  for (guint i = 0; i < views->len; i++)
    {
      IocSavedView *view = g_ptr_array_index (views, i);

      if (g_str_equal (view->name, name))
        {
          g_clear_object (&view->filter);
          view->filter = ioc_complaint_filter_copy (filter);
          return;
        }
    }
  g_ptr_array_add (views, ioc_saved_view_new (name, filter));
}

/**
 * ioc_saved_view_list_remove:
 * @views: (element-type IocSavedView): the views
 * @name: the view to delete
 *
 * Returns: %TRUE when a view of that name was removed
 */
gboolean
ioc_saved_view_list_remove (GPtrArray  *views,
                            const char *name)
{
  for (guint i = 0; i < views->len; i++)
    if (g_str_equal (((IocSavedView *) g_ptr_array_index (views, i))->name, name))
      {
        g_ptr_array_remove_index (views, i);
        return TRUE;
      }
  return FALSE;
}
