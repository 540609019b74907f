/* ioc-accessible.h — names for the controls GTK builds inside its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ioc_accessible_set_label          (GtkWidget   *widget,
                                        const char  *label);
/* A GtkMenuButton or GtkDropDown and the inner toggle that takes the focus. */
void ioc_accessible_label_inner_toggle (GtkWidget   *outer,
                                        const char  *label);
/* GtkCalendar's month and year arrows. */
void ioc_accessible_label_calendar     (GtkCalendar *calendar);

G_END_DECLS
