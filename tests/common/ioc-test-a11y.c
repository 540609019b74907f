/* ioc-test-a11y.c — every control has a name a screen reader can read
 *
 * Shared by the UI tests (map, queue). Needs GTK_A11Y=test: GTK 4.8 has no
 * other public way to read an accessible name back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ioc-test-a11y.h"

/* A labelled-by relation names the control when it points at something
 * that has a name itself: GTK 4.8 points every GtkButton at its child,
 * which for an icon-only button is a GtkImage with no name at all. The
 * relation's target can only be compared, not read: it is looked for
 * among the control's descendants, where GTK puts it. */
static gboolean
labelled_by_named (GtkWidget *widget,
                   GtkWidget *candidate)
{
  GtkWidget *child;

  if (candidate != widget)
    {
      g_autofree char *diff = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                  candidate, NULL);

      if (diff == NULL)
        return GTK_IS_LABEL (candidate)
               ? gtk_widget_get_visible (candidate) && *gtk_label_get_text (GTK_LABEL (candidate)) != '\0'
               : ioc_test_a11y_has_name (candidate);
    }
  for (child = gtk_widget_get_first_child (candidate); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (labelled_by_named (widget, child))
      return TRUE;
  return FALSE;
}

/* The name a screen reader reads (WCAG 2.1 §4.1.2): the label property, set
 * by the template, by the page's code, or by GTK itself from a button's
 * text, or a labelled-by relation to something named. Read back through
 * GTK's test AT context (GTK_A11Y=test): GTK 4.8 has no other public
 * getter. A tooltip or a placeholder does not count. */
gboolean
ioc_test_a11y_has_name (GtkWidget *widget)
{
  GtkAccessible *a = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* NULL when the label equals "": an empty name is no name. */
      g_autofree char *value = gtk_test_accessible_check_property (a, GTK_ACCESSIBLE_PROPERTY_LABEL, "");

      if (value != NULL)
        return TRUE;
    }
  return gtk_test_accessible_has_relation (a, GTK_ACCESSIBLE_RELATION_LABELLED_BY)
         && labelled_by_named (widget, widget);
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget)          /* and GtkToggleButton */
         || GTK_IS_MENU_BUTTON (widget)
         || GTK_IS_DROP_DOWN (widget)
         || GTK_IS_ENTRY (widget)
         || GTK_IS_SEARCH_ENTRY (widget)
         || GTK_IS_CHECK_BUTTON (widget)
         || GTK_IS_SWITCH (widget);
}

/* Walks the tree under @widget, popovers included (they are children of
 * the control that opens them, shown on demand), hidden subtrees not (no
 * assistive technology sees them). Adds every unnamed control's
 * description to @unnamed and returns how many controls were checked. */
guint
ioc_test_a11y_find_unnamed (GtkWidget *widget,
                            GPtrArray *unnamed)
{
  GtkWidget *child;
  guint n = 0;

  if (!gtk_widget_get_visible (widget) && !GTK_IS_POPOVER (widget))
    return 0;
  if (is_control (widget))
    {
      n++;
      if (!ioc_test_a11y_has_name (widget))
        {
          GtkWidget *parent = gtk_widget_get_parent (widget);

          GtkWidget *grand = parent != NULL ? gtk_widget_get_parent (parent) : NULL;
          GtkWidget *first = gtk_widget_get_first_child (widget);

          g_ptr_array_add (unnamed, g_strdup_printf ("%s holding %s (in %s in %s, tooltip \"%s\")",
                                                     G_OBJECT_TYPE_NAME (widget),
                                                     first != NULL ? G_OBJECT_TYPE_NAME (first) : "nothing",
                                                     parent ? G_OBJECT_TYPE_NAME (parent) : "nothing",
                                                     grand ? G_OBJECT_TYPE_NAME (grand) : "nothing",
                                                     gtk_widget_get_tooltip_text (widget)
                                                     ? gtk_widget_get_tooltip_text (widget) : ""));
        }
    }
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += ioc_test_a11y_find_unnamed (child, unnamed);
  return n;
}

void
ioc_test_a11y_assert_all_named (GtkWidget  *root,
                                const char *when,
                                guint       min_controls)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  guint n = ioc_test_a11y_find_unnamed (root, unnamed), i;

  g_test_message ("%s: %u controls, %u without a name", when, n, unnamed->len);
  for (i = 0; i < unnamed->len; i++)
    g_test_message ("  unnamed: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (n, >=, min_controls);
  g_assert_cmpuint (unnamed->len, ==, 0);
}
