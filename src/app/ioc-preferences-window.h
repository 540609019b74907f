/* ioc-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ioc-application.h"

G_BEGIN_DECLS

#define IOC_TYPE_PREFERENCES_WINDOW (ioc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (IocPreferencesWindow, ioc_preferences_window, IOC, PREFERENCES_WINDOW, AdwPreferencesWindow)

IocPreferencesWindow *ioc_preferences_window_new (IocApplication *application);

G_END_DECLS
