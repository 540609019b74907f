/* ioc-queue-choice-button.c — a filter dimension of the complaints queue
 * with several values chosen at once
 *
 * Issue "Complaint triage": an operator wants "new + acknowledged", or two
 * communes, in one view. A drop-down chooses one value; this is a menu
 * button whose popover holds one check button per value (and a search field
 * when the values are many, as the 102 communes are). Everything is reached
 * with the keyboard: Enter or Space opens the popover, Tab moves between the
 * values, Space toggles, Escape closes. The button's accessible name is the
 * dimension ("Commune"); its label says what is chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-fold.h"
#include "ioc-queue-choice-button.h"

typedef struct {
  char           *id;
  char           *label;
  char           *folded;   /* for the search field */
  GtkCheckButton *check;
} Choice;

struct _IocQueueChoiceButton
{
  GtkWidget       parent_instance;

  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkSearchEntry *search;   /* nullable */
  GtkBox         *list;
  char           *title;
  char           *any_label;
  char           *label;    /* the button's, as shown */
  GPtrArray      *choices;  /* Choice, in the order added */
  GHashTable     *by_id;    /* id → Choice */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (IocQueueChoiceButton, ioc_queue_choice_button, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choice_free (Choice *c)
{
  g_free (c->id);
  g_free (c->label);
  g_free (c->folded);
  g_free (c);
}

/* "All communes", the one value chosen, or "Commune (3)". */
static void
update_label (IocQueueChoiceButton *self)
{
  Choice *first = NULL;
  guint n = 0;

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      if (gtk_check_button_get_active (c->check))
        {
          if (first == NULL)
            first = c;
          n++;
        }
    }
  g_free (self->label);
  if (n == 0)
    self->label = g_strdup (self->any_label);
  else if (n == 1)
    self->label = g_strdup (first->label);
  else
    /* TRANSLATORS: a filter button with several values chosen, e.g. "Commune (3)" */
    self->label = g_strdup_printf (_("%s (%u)"), self->title, n);
  gtk_menu_button_set_label (self->button, self->label);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "accent");
}

static void
check_toggled (IocQueueChoiceButton *self)
{
  update_label (self);
  if (!self->syncing)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_clicked (IocQueueChoiceButton *self)
{
  gboolean any = FALSE;

  self->syncing = TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      any |= gtk_check_button_get_active (c->check);
      gtk_check_button_set_active (c->check, FALSE);
    }
  self->syncing = FALSE;
  update_label (self);
  if (any)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
search_changed (IocQueueChoiceButton *self)
{
  g_autofree char *needle = ioc_fold (gtk_editable_get_text (GTK_EDITABLE (self->search)));

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      gtk_widget_set_visible (GTK_WIDGET (c->check), *needle == '\0' || strstr (c->folded, needle) != NULL);
    }
}

static void
ioc_queue_choice_button_dispose (GObject *object)
{
  IocQueueChoiceButton *self = IOC_QUEUE_CHOICE_BUTTON (object);

  self->syncing = TRUE;
  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;

  G_OBJECT_CLASS (ioc_queue_choice_button_parent_class)->dispose (object);
}

static void
ioc_queue_choice_button_finalize (GObject *object)
{
  IocQueueChoiceButton *self = IOC_QUEUE_CHOICE_BUTTON (object);

  g_free (self->title);
  g_free (self->any_label);
  g_free (self->label);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->choices);

  G_OBJECT_CLASS (ioc_queue_choice_button_parent_class)->finalize (object);
}

static void
ioc_queue_choice_button_class_init (IocQueueChoiceButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ioc_queue_choice_button_dispose;
  object_class->finalize = ioc_queue_choice_button_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "queue-choice-button");

  /**
   * IocQueueChoiceButton::changed:
   *
   * The operator chose or dropped a value.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ioc_queue_choice_button_init (IocQueueChoiceButton *self)
{
  self->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
}

/**
 * ioc_queue_choice_button_new:
 * @title: the dimension ("Commune"): accessible name and tooltip
 * @any_label: the label when nothing is chosen ("All communes")
 * @searchable: offer a search field over the values (diacritics ignored)
 *
 * Returns: (transfer floating): the button
 */
IocQueueChoiceButton *
ioc_queue_choice_button_new (const char *title,
                             const char *any_label,
                             gboolean    searchable)
{
  IocQueueChoiceButton *self = g_object_new (IOC_TYPE_QUEUE_CHOICE_BUTTON, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear"));
  g_autofree char *clear_name = g_strdup_printf (_("Clear %s"), title);

  self->title = g_strdup (title);
  self->any_label = g_strdup (any_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (searchable)
    {
      self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_search_entry_set_search_delay (self->search, 0);
      g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search));
    }
  self->list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, clear_name, -1);
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_clicked), self);
  gtk_box_append (GTK_BOX (box), clear);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  update_label (self);
  return self;
}

/**
 * ioc_queue_choice_button_add:
 * @self: the button
 * @id: the value's key (a wire code, a commune code, an agency name)
 * @label: what the operator reads
 *
 * Returns: %TRUE when the value was new
 */
gboolean
ioc_queue_choice_button_add (IocQueueChoiceButton *self,
                             const char           *id,
                             const char           *label)
{
  Choice *c;

  g_return_val_if_fail (IOC_IS_QUEUE_CHOICE_BUTTON (self), FALSE);

  if (id == NULL || *id == '\0' || g_hash_table_contains (self->by_id, id))
    return FALSE;
  c = g_new0 (Choice, 1);
  c->id = g_strdup (id);
  c->label = g_strdup (label != NULL ? label : id);
  c->folded = ioc_fold (c->label);
  /* A plain label: agency names come from the feed and are never markup. */
  c->check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (c->label));
  g_signal_connect_swapped (c->check, "toggled", G_CALLBACK (check_toggled), self);
  gtk_box_append (self->list, GTK_WIDGET (c->check));
  g_ptr_array_add (self->choices, c);
  g_hash_table_insert (self->by_id, c->id, c);
  return TRUE;
}

/**
 * ioc_queue_choice_button_dup_selected:
 * @self: the button
 *
 * Returns: (transfer full) (nullable): the chosen ids, %NULL when none
 */
GStrv
ioc_queue_choice_button_dup_selected (IocQueueChoiceButton *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (IOC_IS_QUEUE_CHOICE_BUTTON (self), NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      if (gtk_check_button_get_active (c->check))
        {
          g_strv_builder_add (builder, c->id);
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/**
 * ioc_queue_choice_button_set_selected:
 * @self: the button
 * @ids: (nullable) (array zero-terminated=1): the values to show chosen
 *
 * Shows a filter's criteria (a saved view applied); no ::changed.
 */
void
ioc_queue_choice_button_set_selected (IocQueueChoiceButton *self,
                                      const char * const   *ids)
{
  g_return_if_fail (IOC_IS_QUEUE_CHOICE_BUTTON (self));

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    ioc_queue_choice_button_add (self, ids[i], ids[i]);
  self->syncing = TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *c = g_ptr_array_index (self->choices, i);

      gtk_check_button_set_active (c->check, ids != NULL && g_strv_contains (ids, c->id));
    }
  self->syncing = FALSE;
  update_label (self);
}

/**
 * ioc_queue_choice_button_toggle:
 * @self: the button
 * @id: a value added before
 * @active: chosen or not
 *
 * What a click on the value's check button does.
 */
void
ioc_queue_choice_button_toggle (IocQueueChoiceButton *self,
                                const char           *id,
                                gboolean              active)
{
  Choice *c;

  g_return_if_fail (IOC_IS_QUEUE_CHOICE_BUTTON (self));
  c = g_hash_table_lookup (self->by_id, id);
  g_return_if_fail (c != NULL);
  gtk_check_button_set_active (c->check, active);
}

/** ioc_queue_choice_button_get_label: @self: the button Returns: the label shown */
const char *
ioc_queue_choice_button_get_label (IocQueueChoiceButton *self)
{
  return self->label;
}

/** ioc_queue_choice_button_get_popover: @self: the button Returns: (transfer none): the popover */
GtkPopover *
ioc_queue_choice_button_get_popover (IocQueueChoiceButton *self)
{
  return self->popover;
}
