/* test-conflict-dialog.c — the conflict dialog shows the server's current
 * version, also when it arrives after the dialog opened (the pipeline
 * fetches the complaint again after a 409), and does not blame "someone
 * else" for the operator's own earlier change (feeds.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "ioc-complaint-note.h"
#include "ioc-complaint-status.h"
#include "ioc-conflict-dialog.h"

#define OPERATOR "Trần Thị Bình"

static IocComplaint *
complaint_at (const char         *when,
              IocComplaintStatus  status,
              const char         *author)
{
  IocComplaint *c = ioc_complaint_new ("AG-2024-0042");
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (when, NULL);
  g_autoptr(IocComplaintNote) note = ioc_complaint_note_new (t, "", ioc_complaint_status_to_string (status), author);

  ioc_complaint_set_open (c, TRUE);
  ioc_complaint_set_extended_status (c, status);
  ioc_complaint_set_claimed_by (c, author);
  ioc_complaint_set_updated_datetime (c, t);
  ioc_complaint_add_note (c, note);
  return c;
}

static IocOutboxAction *
action_by (const char *author)
{
  IocOutboxAction *a = ioc_outbox_action_new ("AG-2024-0042", "assign");

  ioc_outbox_action_set_field (a, "status", "open");
  ioc_outbox_action_set_field (a, "extended_status", "in_progress");
  ioc_outbox_action_set_field (a, "if_updated_datetime", "2024-12-10T08:00:00+07:00");
  if (author != NULL)
    ioc_outbox_action_set_field (a, "author", author);
  return a;
}

static gboolean
shows_label (GtkWidget  *grid,
             const char *text)
{
  for (GtkWidget *w = gtk_widget_get_first_child (grid); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && g_str_equal (gtk_label_get_text (GTK_LABEL (w)), text))
      return TRUE;
  return FALSE;
}

static void
test_follows_server (void)
{
  g_autoptr(IocComplaint) c = complaint_at ("2024-12-10T08:30:00+07:00", IOC_COMPLAINT_STATUS_ACKNOWLEDGED, OPERATOR);
  g_autoptr(IocOutboxAction) a = action_by (OPERATOR);
  IocConflictDialog *dialog = ioc_conflict_dialog_new (c, a, TRUE, NULL);
  AdwMessageDialog *md = ADW_MESSAGE_DIALOG (dialog);

  /* The latest change on the server is the operator's own acknowledge. */
  g_assert_cmpstr (adw_message_dialog_get_heading (md), ==, _("Your earlier change is already on the server"));
  g_assert_true (shows_label (adw_message_dialog_get_extra_child (md),
                              ioc_complaint_status_label (IOC_COMPLAINT_STATUS_ACKNOWLEDGED)));

  /* The fetch after the 409 lands while the dialog is open: someone else
   * has changed it since. Same object, updated in place. */
  {
    g_autoptr(IocComplaint) newer = complaint_at ("2024-12-10T08:45:00+07:00", IOC_COMPLAINT_STATUS_REJECTED, "Lê Văn Khác");

    g_assert_true (ioc_complaint_update_from (c, newer));
  }
  g_assert_cmpstr (adw_message_dialog_get_heading (md), ==, _("Someone else changed this complaint"));
  g_assert_true (shows_label (adw_message_dialog_get_extra_child (md),
                              ioc_complaint_status_label (IOC_COMPLAINT_STATUS_REJECTED)));
  g_assert_true (shows_label (adw_message_dialog_get_extra_child (md), "Lê Văn Khác"));
  g_assert_false (shows_label (adw_message_dialog_get_extra_child (md),
                               ioc_complaint_status_label (IOC_COMPLAINT_STATUS_ACKNOWLEDGED)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_neutral_wording (void)
{
  g_autoptr(IocComplaint) c = complaint_at ("2024-12-10T08:30:00+07:00", IOC_COMPLAINT_STATUS_ACKNOWLEDGED, OPERATOR);
  g_autoptr(IocComplaint) anonymous = complaint_at ("2024-12-10T08:30:00+07:00", IOC_COMPLAINT_STATUS_ACKNOWLEDGED, NULL);
  g_autoptr(IocOutboxAction) nameless = action_by (NULL);
  g_autoptr(IocOutboxAction) mine = action_by (OPERATOR);
  IocConflictDialog *d1 = ioc_conflict_dialog_new (c, nameless, TRUE, NULL);
  IocConflictDialog *d2 = ioc_conflict_dialog_new (anonymous, mine, TRUE, NULL);
  IocConflictDialog *d3 = ioc_conflict_dialog_new (c, mine, FALSE, NULL);

  /* Without the operator's name, or without the change's author: neutral. */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (d1)), ==, _("The complaint changed on the server"));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (d2)), ==, _("The complaint changed on the server"));
  /* A refusal is not a conflict. */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (d3)), ==, _("The action was not accepted"));
  gtk_window_destroy (GTK_WINDOW (d1));
  gtk_window_destroy (GTK_WINDOW (d2));
  gtk_window_destroy (GTK_WINDOW (d3));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/queue/conflict-dialog/follows-server", test_follows_server);
  g_test_add_func ("/queue/conflict-dialog/neutral-wording", test_neutral_wording);
  return g_test_run ();
}
