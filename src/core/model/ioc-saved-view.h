/* ioc-saved-view.h — named filter sets of the complaints queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-complaint-filter.h"

G_BEGIN_DECLS

typedef struct {
  char               *name;
  IocComplaintFilter *filter;
} IocSavedView;

#define IOC_TYPE_SAVED_VIEW (ioc_saved_view_get_type ())
GType         ioc_saved_view_get_type   (void) G_GNUC_CONST;
IocSavedView *ioc_saved_view_new        (const char         *name,
                                         IocComplaintFilter *filter);
IocSavedView *ioc_saved_view_copy       (const IocSavedView *view);
void          ioc_saved_view_free       (IocSavedView       *view);

char         *ioc_saved_view_default_path (void);
/* (transfer full) (element-type IocSavedView): empty when the file does not exist. */
/* @skipped (out) (optional) (transfer full): "name: reason" of views that
 * could not be read. */
GPtrArray    *ioc_saved_view_load_file  (const char         *path,
                                         GStrv              *skipped,
                                         GError            **error);
gboolean      ioc_saved_view_save_file  (GPtrArray          *views,
                                         const char         *path,
                                         GError            **error);
/* Replaces the view of the same name, or appends. */
void          ioc_saved_view_list_put   (GPtrArray          *views,
                                         const char         *name,
                                         IocComplaintFilter *filter);
gboolean      ioc_saved_view_list_remove (GPtrArray         *views,
                                          const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSavedView, ioc_saved_view_free)

G_END_DECLS
