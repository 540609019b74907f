/* ioc-accessible.c — names for the controls GTK builds inside its widgets
 *
 * Every control has a name a screen reader reads (WCAG 2.1 §4.1.2 "Name,
 * Role, Value"; issue #6). Our templates name their own controls; GTK 4.8
 * leaves some that it builds itself unnamed — the inner toggle of a
 * GtkMenuButton or GtkDropDown, which is what takes the keyboard focus, and
 * GtkCalendar's icon-only arrows. tests/common/ioc-test-a11y.c finds any
 * that are left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-accessible.h"

void
ioc_accessible_set_label (GtkWidget  *widget,
                          const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
ioc_accessible_label_inner_toggle (GtkWidget  *outer,
                                   const char *label)
{
  GtkWidget *child;

  ioc_accessible_set_label (outer, label);
  for (child = gtk_widget_get_first_child (outer); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      ioc_accessible_set_label (child, label);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget))
    {
      g_ptr_array_add (buttons, widget);
      return;
    }
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

void
ioc_accessible_label_calendar (GtkCalendar *calendar)
{
  /* GTK 4.8 builds the header as ‹ month › ‹ year ›, in this order. */
  const char *names[] = {
    C_("calendar", "Previous month"), C_("calendar", "Next month"),
    C_("calendar", "Previous year"), C_("calendar", "Next year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (calendar), buttons);
  for (guint i = 0; i < buttons->len && i < G_N_ELEMENTS (names); i++)
    ioc_accessible_set_label (buttons->pdata[i], names[i]);
}
