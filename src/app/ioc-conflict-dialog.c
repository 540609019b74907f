/* ioc-conflict-dialog.c — the server's version of a complaint beside the
 * operator's change that the server did not take
 *
 * Issue "Complaint triage": "a conflict opens a clear comparison of the
 * server's version and the operator's change". When the server answered
 * 409 (feeds.md §1, optimistic concurrency) or refused an action, this
 * dialog lays out, field by field, what the server holds now and what the
 * operator asked for, and offers to decide later, drop the change or send
 * it again. It is a type of its own because the comparison is a view of
 * one complaint and one outbox action and nothing else: it never touches
 * the outbox. IocQueueActions opens it and carries out the answer.
 *
 * Every text shown comes from the server or an operator: it goes through
 * ioc_complaint_export_clean_text() and plain GtkLabels (no markup), so
 * markup and control characters show literally (issue "Bad input").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-complaint-export.h"
#include "ioc-complaint-note.h"
#include "ioc-complaint-status.h"
#include "ioc-conflict-dialog.h"
#include "ioc-format.h"
#include "ioc-priority.h"

struct _IocConflictDialog
{
  AdwMessageDialog  parent_instance;

  IocComplaint     *complaint;
  IocOutboxAction  *action;
  gboolean          conflict;
};

G_DEFINE_FINAL_TYPE (IocConflictDialog, ioc_conflict_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
ioc_conflict_dialog_finalize (GObject *object)
{
  IocConflictDialog *self = IOC_CONFLICT_DIALOG (object);

  g_clear_object (&self->complaint);
  g_clear_pointer (&self->action, ioc_outbox_action_unref);

  G_OBJECT_CLASS (ioc_conflict_dialog_parent_class)->finalize (object);
}

static void
ioc_conflict_dialog_class_init (IocConflictDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_conflict_dialog_finalize;
}

static void
ioc_conflict_dialog_init (IocConflictDialog *self)
{
}

/* One line of the comparison; the operator's value is highlighted where it
 * differs from the server's. */
static void
grid_row (GtkGrid    *grid,
          int         row,
          const char *what,
          const char *server,
          const char *mine)
{
  g_autofree char *s = ioc_complaint_export_clean_text (server != NULL ? server : "—");
  g_autofree char *m = ioc_complaint_export_clean_text (mine != NULL ? mine : C_("no change", "(unchanged)"));
  GtkWidget *a = gtk_label_new (what), *b = gtk_label_new (s), *c = gtk_label_new (m);

  gtk_widget_add_css_class (a, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (a), 0);
  gtk_label_set_xalign (GTK_LABEL (b), 0);
  gtk_label_set_xalign (GTK_LABEL (c), 0);
  gtk_label_set_wrap (GTK_LABEL (b), TRUE);
  gtk_label_set_wrap (GTK_LABEL (c), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (b), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (c), 30);
  if (mine != NULL && g_strcmp0 (server, mine) != 0)
    gtk_widget_add_css_class (c, "accent");
  gtk_grid_attach (grid, a, 0, row, 1, 1);
  gtk_grid_attach (grid, b, 1, row, 1, 1);
  gtk_grid_attach (grid, c, 2, row, 1, 1);
}

/* The action carries wire values (feeds.md §1); the operator reads labels. */
static const char *
status_label_of (const char *wire)
{
  IocComplaintStatus s;

  return wire != NULL && ioc_complaint_status_from_string (wire, &s) ? ioc_complaint_status_label (s) : wire;
}

static const char *
priority_label_of (const char *wire)
{
  IocPriority p;

  return wire != NULL && ioc_priority_from_string (wire, &p) ? ioc_priority_label (p) : wire;
}

/* Who made the server's latest change, as far as the complaint says: the
 * author of its last note when that note is the latest change (no older
 * than updated_datetime). NULL when unknown. */
static const char *
latest_author (IocComplaint *complaint)
{
  GPtrArray *notes = ioc_complaint_get_notes (complaint);
  GDateTime *updated = ioc_complaint_get_updated_datetime (complaint);
  const IocComplaintNote *last;

  if (notes->len == 0)
    return NULL;
  last = g_ptr_array_index (notes, notes->len - 1);
  if (last->author == NULL || *last->author == '\0')
    return NULL;
  if (updated != NULL && (last->datetime == NULL || g_date_time_compare (last->datetime, updated) < 0))
    return NULL;
  return last->author;
}

/* The heading must not blame "someone else" for the operator's own earlier
 * action (a 409 on the second of two quick actions, feeds.md §1): the
 * operator's name is the action's `author`. */
static const char *
heading_of (IocConflictDialog *self)
{
  const char *operator_name = ioc_outbox_action_get_field (self->action, "author");
  const char *by = latest_author (self->complaint);

  if (!self->conflict)
    return _("The action was not accepted");
  if (operator_name == NULL || *operator_name == '\0' || by == NULL)
    return _("The complaint changed on the server");
  if (g_str_equal (by, operator_name))
    return _("Your earlier change is already on the server");
  return _("Someone else changed this complaint");
}

/* Lays out the comparison from the complaint as it is now: called again
 * whenever the feed updates it in place, so the dialog always shows the
 * server's latest version (it may arrive after the dialog opened). */
static void
fill (IocConflictDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  IocComplaint *complaint = self->complaint;
  IocOutboxAction *action = self->action;
  GtkWidget *grid;
  GPtrArray *notes;
  const IocComplaintNote *last = NULL;
  IocFormatStyle style = ioc_format_style_default ();
  g_autofree char *server_time = NULL;
  g_autofree char *seen_time = NULL;
  g_autofree char *id = NULL;
  const char *seen;
  int row = 1;

  notes = ioc_complaint_get_notes (complaint);
  if (notes->len > 0)
    last = g_ptr_array_index (notes, notes->len - 1);
  if (ioc_complaint_get_updated_datetime (complaint) != NULL)
    server_time = ioc_format_date_time (style, ioc_complaint_get_updated_datetime (complaint));
  seen = ioc_outbox_action_get_field (action, "if_updated_datetime");
  if (seen != NULL)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (seen, NULL);

      seen_time = t != NULL ? ioc_format_date_time (style, t) : g_strdup (seen);
    }
  id = ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (complaint));

  adw_message_dialog_set_heading (dialog, heading_of (self));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  {
    GtkWidget *h0 = gtk_label_new (id), *h1 = gtk_label_new (_("On the server now")),
              *h2 = gtk_label_new (_("Your change"));

    gtk_widget_add_css_class (h0, "heading");
    gtk_widget_add_css_class (h1, "heading");
    gtk_widget_add_css_class (h2, "heading");
    gtk_label_set_xalign (GTK_LABEL (h1), 0);
    gtk_label_set_xalign (GTK_LABEL (h2), 0);
    gtk_grid_attach (GTK_GRID (grid), h0, 0, 0, 1, 1);
    gtk_grid_attach (GTK_GRID (grid), h1, 1, 0, 1, 1);
    gtk_grid_attach (GTK_GRID (grid), h2, 2, 0, 1, 1);
  }
  grid_row (GTK_GRID (grid), row++, _("Status"), ioc_complaint_status_label (ioc_complaint_get_status (complaint)),
            status_label_of (ioc_outbox_action_get_field (action, "extended_status")));
  grid_row (GTK_GRID (grid), row++, _("Agency"), ioc_complaint_get_agency_responsible (complaint),
            ioc_outbox_action_get_field (action, "agency_responsible"));
  grid_row (GTK_GRID (grid), row++, _("Priority"), ioc_priority_label (ioc_complaint_get_priority (complaint)),
            priority_label_of (ioc_outbox_action_get_field (action, "priority")));
  grid_row (GTK_GRID (grid), row++, _("Handled by"), ioc_complaint_get_claimed_by (complaint),
            ioc_outbox_action_get_field (action, "claimed_by"));
  grid_row (GTK_GRID (grid), row++, _("Duplicate of"), ioc_complaint_get_duplicate_of (complaint),
            ioc_outbox_action_get_field (action, "duplicate_of"));
  grid_row (GTK_GRID (grid), row++, _("Note"), last != NULL ? last->description : NULL,
            ioc_outbox_action_get_field (action, "description"));
  grid_row (GTK_GRID (grid), row++, _("Version"), server_time, seen_time);
  adw_message_dialog_set_extra_child (dialog, grid);
}

static void
complaint_changed_cb (IocConflictDialog *self,
                      GParamSpec        *pspec,
                      IocComplaint      *complaint)
{
  fill (self);
}

/**
 * ioc_conflict_dialog_new:
 * @complaint: the complaint as the feed has it (the model's own object: the
 *   dialog follows its in-place updates)
 * @action: the operator's action the server did not take
 * @conflict: %TRUE for a 409 conflict, %FALSE for a refusal
 * @message: (nullable): why, for the operator (the row's delivery message)
 *
 * The comparison of issue "Complaint triage" ("a conflict opens a clear
 * comparison of the server's version and the operator's change"): status,
 * agency, priority, handler, duplicate, note and the version each side
 * refers to. The server's side is laid out again each time the complaint
 * changes (the pipeline fetches it again after a 409, feeds.md §1), and the
 * heading names who changed it only when the latest note says so.
 * Not transient and not shown yet: the caller presents it.
 *
 * Returns: (transfer none): the dialog, kept like any window in GTK's
 *   list of toplevels until it is destroyed
 */
IocConflictDialog *
ioc_conflict_dialog_new (IocComplaint    *complaint,
                         IocOutboxAction *action,
                         gboolean         conflict,
                         const char      *message)
{
  IocConflictDialog *self;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), NULL);
  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (IOC_TYPE_CONFLICT_DIALOG, NULL);
  self->complaint = g_object_ref (complaint);
  self->action = ioc_outbox_action_ref (action);
  self->conflict = conflict;
  dialog = ADW_MESSAGE_DIALOG (self);
  adw_message_dialog_format_body (dialog, "%s", message != NULL ? message : "");
  fill (self);
  g_signal_connect_object (complaint, "notify", G_CALLBACK (complaint_changed_cb), self, G_CONNECT_SWAPPED);
  adw_message_dialog_add_responses (dialog, "cancel", _("Decide _later"), "discard", _("_Discard my change"),
                                    "requeue", _("_Send my change again"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "requeue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  return self;
}

/** ioc_conflict_dialog_get_complaint: @self: the dialog Returns: (transfer none): the server's version shown */
IocComplaint *
ioc_conflict_dialog_get_complaint (IocConflictDialog *self)
{
  g_return_val_if_fail (IOC_IS_CONFLICT_DIALOG (self), NULL);

  return self->complaint;
}

/** ioc_conflict_dialog_get_action: @self: the dialog Returns: (transfer none): the operator's action shown */
IocOutboxAction *
ioc_conflict_dialog_get_action (IocConflictDialog *self)
{
  g_return_val_if_fail (IOC_IS_CONFLICT_DIALOG (self), NULL);

  return self->action;
}
