/* ioc-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ioc-application.h"

G_BEGIN_DECLS

#define IOC_TYPE_WINDOW (ioc_window_get_type ())
G_DECLARE_FINAL_TYPE (IocWindow, ioc_window, IOC, WINDOW, AdwApplicationWindow)

IocWindow  *ioc_window_new        (IocApplication *application);
void        ioc_window_set_page   (IocWindow      *self,
                                   const char     *name);
const char *ioc_window_get_page   (IocWindow      *self);
void        ioc_window_add_toast  (IocWindow      *self,
                                   AdwToast       *toast);
void        ioc_window_store_ready (IocWindow     *self);
gboolean    ioc_window_show_complaint (IocWindow  *self,
                                       const char *service_request_id);

G_END_DECLS
