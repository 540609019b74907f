/* ioc-queue-choice-button.h — a filter dimension of the complaints queue
 * with several values chosen at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IOC_TYPE_QUEUE_CHOICE_BUTTON (ioc_queue_choice_button_get_type ())
G_DECLARE_FINAL_TYPE (IocQueueChoiceButton, ioc_queue_choice_button, IOC, QUEUE_CHOICE_BUTTON, GtkWidget)

IocQueueChoiceButton *ioc_queue_choice_button_new          (const char           *title,
                                                            const char           *any_label,
                                                            gboolean              searchable);
/* Adds a value (once per @id); returns FALSE when @id was there already. */
gboolean              ioc_queue_choice_button_add          (IocQueueChoiceButton *self,
                                                            const char           *id,
                                                            const char           *label);
/* (transfer full): the chosen ids in the order they were added; NULL when none. */
GStrv                 ioc_queue_choice_button_dup_selected (IocQueueChoiceButton *self);
/* Shows @ids as chosen (unknown ids are added with their id as label);
 * does not emit ::changed. */
void                  ioc_queue_choice_button_set_selected (IocQueueChoiceButton *self,
                                                            const char * const   *ids);
/* What the operator does in the popover: toggle one value (emits ::changed). */
void                  ioc_queue_choice_button_toggle       (IocQueueChoiceButton *self,
                                                            const char           *id,
                                                            gboolean              active);
const char           *ioc_queue_choice_button_get_label    (IocQueueChoiceButton *self);
GtkPopover           *ioc_queue_choice_button_get_popover  (IocQueueChoiceButton *self);

G_END_DECLS
