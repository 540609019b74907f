/* ioc-test-a11y.h — every control has a name a screen reader can read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The label property, or a labelled-by relation to something named; a
 * tooltip or a placeholder does not count. */
gboolean ioc_test_a11y_has_name         (GtkWidget  *widget);
/* Adds a description of every unnamed control under @widget to @unnamed;
 * returns how many controls were checked. */
guint    ioc_test_a11y_find_unnamed     (GtkWidget  *widget,
                                         GPtrArray  *unnamed);
/* Fails unless at least @min_controls were checked and all are named. */
void     ioc_test_a11y_assert_all_named (GtkWidget  *root,
                                         const char *when,
                                         guint       min_controls);

G_END_DECLS
