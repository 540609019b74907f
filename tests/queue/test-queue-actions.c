/* test-queue-actions.c — the complaints page's operator actions
 * (IocQueueActions) under a real display, on a small host widget laid out
 * like the page: a filter toggle, the list, the detail pane, the toasts
 *
 * Ctrl+Z withdraws the action and takes its toast away; the single-letter
 * keys act only with the focus in the list or the detail pane; "Mark as
 * duplicate" checks the original's code (domain.md §3); an action is in
 * the outbox, held, from the moment it is taken (issue "Complaint triage").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "ioc-complaint-row.h"
#include "ioc-queue-actions.h"
#include "ioc-store.h"

/* --- a host laid out like the page --------------------------------------- */

#define TEST_TYPE_HOST (test_host_get_type ())
G_DECLARE_FINAL_TYPE (TestHost, test_host, TEST, HOST, GtkWidget)

struct _TestHost
{
  GtkWidget        parent_instance;

  AdwToastOverlay *toasts;
  GtkWidget       *overdue;      /* a filter bar's toggle */
  GtkWidget       *list;         /* GtkColumnView */
  GtkWidget       *detail;
  GtkWidget       *detail_button;
  GtkWidget       *search;       /* a text field outside list and detail */
};

G_DEFINE_FINAL_TYPE (TestHost, test_host, GTK_TYPE_WIDGET)

static void
test_host_dispose (GObject *object)
{
  TestHost *self = TEST_HOST (object);

  if (self->toasts != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->toasts));
  self->toasts = NULL;
  G_OBJECT_CLASS (test_host_parent_class)->dispose (object);
}

static void
test_host_class_init (TestHostClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = test_host_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  ioc_queue_actions_install_shortcuts (widget_class);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  IocComplaint *c = ioc_complaint_row_get_complaint (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), ioc_complaint_get_service_request_id (c));
}

static void
test_host_init (TestHost *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->toasts), GTK_WIDGET (self));
  adw_toast_overlay_set_child (self->toasts, box);

  self->overdue = gtk_toggle_button_new_with_label ("Overdue");
  self->search = gtk_search_entry_new ();
  gtk_box_append (GTK_BOX (bar), self->overdue);
  gtk_box_append (GTK_BOX (bar), self->search);
  gtk_box_append (GTK_BOX (box), bar);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
  self->list = gtk_column_view_new (NULL);
  column = gtk_column_view_column_new ("Code", factory);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->list), column);
  g_object_unref (column);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_set_size_request (scrolled, 400, 200);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->detail_button = gtk_button_new_with_label ("Open photo");
  gtk_box_append (GTK_BOX (self->detail), self->detail_button);
  gtk_box_append (GTK_BOX (box), self->detail);
}

/* --- fixture --------------------------------------------------------------- */

static char *tmpdir;
static IocStore *store;
static GListStore *complaints;
static GtkSingleSelection *selection;
static GtkStringList *agencies;
static GtkWindow *window;
static TestHost *host;
static IocQueueActions *actions;

static IocComplaint *
complaint (const char         *id,
           IocComplaintStatus  status,
           const char         *received,
           const char         *duplicate_of)
{
  IocComplaint *c = ioc_complaint_new (id);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (received, NULL);

  ioc_complaint_set_extended_status (c, status);
  ioc_complaint_set_requested_datetime (c, when);
  ioc_complaint_set_updated_datetime (c, when);
  ioc_complaint_set_service_code (c, "GT");
  ioc_complaint_set_location (c, 10.3711, 105.4328);
  if (duplicate_of != NULL)
    ioc_complaint_set_duplicate_of (c, duplicate_of);
  return c;
}

/* The page's duplicates func: nearest first — here the newer one is nearer. */
static GPtrArray *
likely_duplicates (IocComplaint *c,
                   gpointer      user_data)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const nearest_first[] = { "PA-2024-0005", "PA-2024-0001" };

  for (guint k = 0; k < G_N_ELEMENTS (nearest_first); k++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (complaints)); i++)
      {
        g_autoptr(IocComplaint) o = g_list_model_get_item (G_LIST_MODEL (complaints), i);

        if (o != c && g_str_equal (ioc_complaint_get_service_request_id (o), nearest_first[k]))
          g_ptr_array_add (out, g_object_ref (o));
      }
  return out;
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
select_id (const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (complaints)); i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (complaints), i);

      if (g_str_equal (ioc_complaint_get_service_request_id (c), id))
        {
          gtk_single_selection_set_selected (selection, i);
          ioc_queue_actions_update (actions);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The outbox as stored (a synchronous call waits for every job queued
 * before it, the actions' own enqueues and withdrawals included). */
static GPtrArray *
outbox (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = ioc_store_outbox_list_sync (store, IOC_OUTBOX_STATE_MASK_ALL, &error);

  g_assert_no_error (error);
  return all;
}

static void
clear_outbox (void)
{
  g_autoptr(GPtrArray) all = NULL;

  ioc_queue_actions_flush (actions);
  all = outbox ();
  for (guint i = 0; i < all->len; i++)
    {
      IocOutboxAction *a = g_ptr_array_index (all, i);

      if (ioc_outbox_action_get_state (a) == IOC_OUTBOX_STATE_QUEUED)
        g_assert_true (ioc_store_outbox_withdraw_sync (store, ioc_outbox_action_get_update_id (a), NULL));
    }
}

/* --- Ctrl+Z takes the toast away (bug 1) and the outbox row (bug 4) --------- */

/* The toasts the overlay shows now (not the queued ones). */
static GPtrArray *
shown_toasts (void)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (host->toasts)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      AdwToast *toast = NULL;

      if (w == adw_toast_overlay_get_child (host->toasts) ||
          g_object_class_find_property (G_OBJECT_GET_CLASS (w), "toast") == NULL)
        continue;
      g_object_get (w, "toast", &toast, NULL);
      if (toast != NULL)
        g_ptr_array_add (out, toast);
    }
  return out;
}

static AdwToast *
find_shown_toast (const char *suffix)
{
  g_autoptr(GPtrArray) toasts = shown_toasts ();

  for (guint i = 0; i < toasts->len; i++)
    if (g_str_has_suffix (adw_toast_get_title (g_ptr_array_index (toasts, i)), suffix))
      return g_object_ref (g_ptr_array_index (toasts, i));
  return NULL;
}

static void
count_dismissed (AdwToast *toast,
                 guint    *n)
{
  (*n)++;
}

static void
test_undo_dismisses_toast (void)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(AdwToast) undone = NULL;
  g_autoptr(AdwToast) after = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) left = NULL;
  IocOutboxAction *a;
  guint dismissed = 0;

  select_id ("PA-2024-0002");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "queue.acknowledge", NULL));
  g_assert_cmpstr (ioc_queue_actions_get_delivery (actions, "PA-2024-0002", NULL), ==, "pending");
  wait_ms (100);
  toast = find_shown_toast ("Acknowledged");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "PA-2024-0002: Acknowledged");

  /* Bug 4: in the outbox already, durably, held for the undo window. */
  held = outbox ();
  g_assert_cmpuint (held->len, ==, 1);
  a = g_ptr_array_index (held, 0);
  g_assert_cmpstr (ioc_outbox_action_get_service_request_id (a), ==, "PA-2024-0002");
  g_assert_cmpint (ioc_outbox_action_get_state (a), ==, IOC_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (ioc_outbox_action_get_not_before (a), >, g_get_real_time () + 30 * G_USEC_PER_SEC);

  /* Bug 1: Ctrl+Z's action takes its toast away, and says it is undone. */
  g_signal_connect (toast, "dismissed", G_CALLBACK (count_dismissed), &dismissed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "queue.undo-last", NULL));
  g_assert_cmpuint (dismissed, >=, 1);
  g_assert_null (ioc_queue_actions_get_delivery (actions, "PA-2024-0002", NULL));
  wait_ms (800);   /* the overlay's hide animation */
  after = find_shown_toast ("Acknowledged");
  g_assert_null (after);
  undone = find_shown_toast ("Undone");
  g_assert_nonnull (undone);

  /* The withdrawal deleted the row. */
  left = outbox ();
  g_assert_cmpuint (left->len, ==, 0);
}

/* --- single keys only in the list and the detail (bug 2) ------------------ */

/* The host's class binding for @keyval with no modifier. */
static GtkShortcut *
single_key (guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (host));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;   /* the controller keeps it */
        }
    }
  g_assert_not_reached ();
}

/* What GtkShortcutController does with a matching key press: TRUE if the
 * key was handled, FALSE if it goes on to other handlers. */
static gboolean
press (guint keyval)
{
  GtkShortcut *shortcut = single_key (keyval);

  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                       GTK_WIDGET (host), gtk_shortcut_get_arguments (shortcut));
}

/* As a click on @response would, then make sure the window is gone. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  wait_ms (50);
}

static void
close_dialog (void)
{
  AdwMessageDialog *dialog = ioc_queue_actions_get_dialog (actions);

  g_assert_nonnull (dialog);
  answer (dialog, "cancel");
}

static void
test_single_keys_need_focus (void)
{
  g_autoptr(GPtrArray) none = NULL;

  select_id ("PA-2024-0002");
  gtk_window_present (window);

  /* On the filter toggle: "x" and "a" are not ours; nothing happens. */
  g_assert_true (gtk_widget_grab_focus (host->overdue));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == host->overdue);
  g_assert_false (press (GDK_KEY_x));
  g_assert_null (ioc_queue_actions_get_dialog (actions));
  g_assert_false (press (GDK_KEY_a));
  g_assert_null (ioc_queue_actions_get_delivery (actions, "PA-2024-0002", NULL));
  none = outbox ();
  g_assert_cmpuint (none->len, ==, 0);
  /* In the search field: neither. */
  g_assert_true (gtk_widget_grab_focus (host->search));
  g_assert_false (press (GDK_KEY_x));
  g_assert_null (ioc_queue_actions_get_dialog (actions));

  /* In the list: the key opens "Reject". */
  g_assert_true (gtk_widget_grab_focus (host->list));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), host->list) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == host->list);
  g_assert_true (press (GDK_KEY_x));
  close_dialog ();

  /* In the detail pane too. */
  g_assert_true (gtk_widget_grab_focus (host->detail_button));
  g_assert_true (press (GDK_KEY_x));
  close_dialog ();

  /* The Ctrl+Shift variant stays page-wide. */
  g_assert_true (gtk_widget_grab_focus (host->overdue));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (host));
    g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

            if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
              continue;
            found = TRUE;
            g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                         GTK_SHORTCUT_ACTION_EXCLUSIVE, GTK_WIDGET (host),
                                                         gtk_shortcut_get_arguments (shortcut)));
          }
      }
    g_assert_true (found);
  }
  close_dialog ();
}

/* --- "Mark as duplicate" checks the original (bug 3) ---------------------- */

static GtkWidget *
find_child (GtkWidget *parent,
            GType      type,
            const char *css_class)
{
  for (GtkWidget *w = gtk_widget_get_first_child (parent); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && (css_class == NULL || gtk_widget_has_css_class (w, css_class)))
        return w;
      if ((found = find_child (w, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}

static void
collect_labels (GtkWidget *parent,
                GString   *out)
{
  for (GtkWidget *w = gtk_widget_get_first_child (parent); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_LABEL (w))
        g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
      collect_labels (w, out);
    }
}

static void
test_duplicate_of (void)
{
  static const struct { const char *typed; gboolean ok; } cases[] = {
    { "PA-2024-9999", FALSE },   /* no such complaint */
    { "PA-2024-0002", FALSE },   /* itself */
    { "pa-2024-0002", FALSE },   /* itself, in lower case */
    { "PA-2024-0003", FALSE },   /* closed as a duplicate itself */
    { "PA-2024-0004", FALSE },   /* rejected */
    { "", FALSE },
    { "PA-2024-0005", TRUE },    /* exists, open (newer: a hint, not a refusal) */
    { " pa-2024-0001 ", TRUE },  /* lower case: found, sent as spelt */
  };
  AdwMessageDialog *dialog;
  GtkWidget *extra, *entry, *problem;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocComplaint) found = NULL;
  IocComplaint *c;

  select_id ("PA-2024-0002");
  c = ioc_complaint_row_get_complaint (gtk_single_selection_get_selected_item (selection));

  /* The rule itself. */
  found = ioc_queue_actions_find_original (actions, c, "pa-2024-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ioc_complaint_get_service_request_id (found), ==, "PA-2024-0001");
  g_assert_null (ioc_queue_actions_find_original (actions, c, "PA-2024-0002", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (ioc_queue_actions_find_original (actions, c, "PA-2024-9999", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "queue.duplicate", NULL));
  dialog = ioc_queue_actions_get_dialog (actions);
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  entry = find_child (extra, GTK_TYPE_ENTRY, NULL);
  problem = find_child (extra, GTK_TYPE_LABEL, "error");
  g_assert_nonnull (entry);
  g_assert_nonnull (problem);

  /* The candidates show when each was received; the older one is proposed
   * although the newer one is nearer. */
  collect_labels (extra, labels);
  g_test_message ("%s", labels->str);
  g_assert_nonnull (strstr (labels->str, "PA-2024-0005 · received"));
  g_assert_nonnull (strstr (labels->str, "PA-2024-0001 · received"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "PA-2024-0001");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("typed “%s”", cases[i].typed);
      gtk_editable_set_text (GTK_EDITABLE (entry), cases[i].typed);
      g_assert_cmpint (adw_message_dialog_get_response_enabled (dialog, "apply"), ==, cases[i].ok);
      g_assert_cmpint (gtk_widget_get_visible (problem), ==, !cases[i].ok && *cases[i].typed != '\0');
    }

  answer (dialog, "apply");
  g_assert_cmpstr (ioc_queue_actions_get_delivery (actions, "PA-2024-0002", NULL), ==, "pending");
  queued = outbox ();
  g_assert_cmpuint (queued->len, ==, 1);
  g_assert_cmpstr (ioc_outbox_action_get_field (g_ptr_array_index (queued, 0), "duplicate_of"), ==, "PA-2024-0001");
  g_assert_cmpstr (ioc_outbox_action_get_field (g_ptr_array_index (queued, 0), "extended_status"), ==, "duplicate");

  /* The detail pane's one-click path follows the same rule. */
  clear_outbox ();
  g_clear_pointer (&queued, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "queue.mark-duplicate-of", "s", "PA-2024-0003"));
  queued = outbox ();
  g_assert_cmpuint (queued->len, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (host), "queue.mark-duplicate-of", "s", "pa-2024-0001"));
  g_clear_pointer (&queued, g_ptr_array_unref);
  queued = outbox ();
  g_assert_cmpuint (queued->len, ==, 1);
  g_assert_cmpstr (ioc_outbox_action_get_field (g_ptr_array_index (queued, 0), "duplicate_of"), ==, "PA-2024-0001");
  clear_outbox ();
}

/* --- main ------------------------------------------------------------------ */

static void
fixture_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static const struct { const char *id; IocComplaintStatus status; const char *received; const char *dup; } data[] = {
    { "PA-2024-0001", IOC_COMPLAINT_STATUS_NEW, "2024-12-01T08:00:00+07:00", NULL },
    { "PA-2024-0002", IOC_COMPLAINT_STATUS_NEW, "2024-12-05T09:30:00+07:00", NULL },
    { "PA-2024-0003", IOC_COMPLAINT_STATUS_DUPLICATE, "2024-12-06T10:00:00+07:00", "PA-2024-0001" },
    { "PA-2024-0004", IOC_COMPLAINT_STATUS_REJECTED, "2024-12-07T11:00:00+07:00", NULL },
    { "PA-2024-0005", IOC_COMPLAINT_STATUS_NEW, "2024-12-08T14:15:00+07:00", NULL },
  };
  g_autoptr(IocComplaintRowModel) rows = NULL;

  tmpdir = g_dir_make_tmp ("ioc-queue-actions-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "store.sqlite", NULL);
  store = ioc_store_new_sync (path, NULL, &error);
  g_assert_no_error (error);

  complaints = g_list_store_new (IOC_TYPE_COMPLAINT);
  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    {
      g_autoptr(IocComplaint) c = complaint (data[i].id, data[i].status, data[i].received, data[i].dup);

      g_list_store_append (complaints, c);
    }
  rows = ioc_complaint_row_model_new (G_LIST_MODEL (complaints));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (rows)));
  agencies = gtk_string_list_new (NULL);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 600, 500);
  host = g_object_new (TEST_TYPE_HOST, NULL);
  gtk_window_set_child (window, GTK_WIDGET (host));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (host->list), GTK_SELECTION_MODEL (selection));

  actions = ioc_queue_actions_new (GTK_WIDGET (host), host->toasts, selection, host->list, agencies);
  ioc_queue_actions_set_detail (actions, host->detail);
  ioc_queue_actions_set_complaints (actions, G_LIST_MODEL (complaints));
  ioc_queue_actions_set_duplicates_func (actions, likely_duplicates, NULL);
  ioc_queue_actions_set_operator (actions, "Trần Thị Bình");
  ioc_queue_actions_set_undo_delay (actions, 60000);
  ioc_queue_actions_set_outbox (actions, store, NULL);
  gtk_window_present (window);
  wait_ms (300);
}

static void
fixture_down (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "store.sqlite", NULL);
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  ioc_queue_actions_shutdown (actions);
  g_clear_object (&actions);
  gtk_window_destroy (window);
  wait_ms (50);
  g_clear_object (&selection);
  g_clear_object (&agencies);
  g_clear_object (&complaints);
  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  fixture_up ();
  g_test_add_func ("/queue/actions/undo-dismisses-toast", test_undo_dismisses_toast);
  g_test_add_func ("/queue/actions/single-keys-need-focus", test_single_keys_need_focus);
  g_test_add_func ("/queue/actions/duplicate-of", test_duplicate_of);
  ret = g_test_run ();
  fixture_down ();
  return ret;
}
