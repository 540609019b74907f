/* ioc-queue-actions.c — the operator's actions on the selected complaint and
 * their way through the outbox
 *
 * Issue "Complaint triage", "Actions": tiếp nhận (acknowledge), chuyển xử lý
 * (assign), đặt ưu tiên, ghi chú, đánh dấu trùng, giải quyết (a note is
 * required), từ chối (a reason is required) and mở lại. This object is the
 * `queue` action group the page hosts (with the actions' key bindings in
 * the page's class), the dialogs that ask for a note, a reason or an
 * agency, the undo toast, and the delivery state of each complaint. It is
 * apart from the page because it has a life cycle of its own — an action
 * outlives the dialog, the toast and even the page — and because it is the
 * only part of the page that writes: the page shows, this sends.
 *
 * An action becomes an IocOutboxAction and is written to the outbox at once
 * (synchronous=FULL, see ioc-store.h), so that a crash in its undo window
 * loses nothing (README: "written to the outbox before it is sent"), but
 * held there until the undo delay is over: its not-before time keeps the
 * sender off it, also after a restart, when it leaves once the time has
 * passed (ioc_outbox_action_set_not_before()). Meanwhile a toast offers
 * "Undo", which withdraws it: the row is deleted, as if never taken. An
 * "Undo" after the window still withdraws it if it was never attempted.
 * Each action is written once, with its own update_id, so delivery stays
 * exactly-once. The delivery state (waiting for undo, queued, sending,
 * sent, conflict, failed) is read back from the outbox; "delivery-changed"
 * tells the page to show it on the rows and the detail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-complaint-cache.h"
#include "ioc-complaint-export.h"
#include "ioc-complaint-row.h"
#include "ioc-complaint-status.h"
#include "ioc-conflict-dialog.h"
#include "ioc-field.h"
#include "ioc-format.h"
#include "ioc-keyed-list-model.h"
#include "ioc-priority.h"
#include "ioc-queue-actions.h"

#define DEFAULT_UNDO_DELAY_MS 5000
#define OUTBOX_POLL_MS        2000
/* On the host: how its single-key bindings find the actions. */
#define HOST_DATA_KEY         "ioc-queue-actions"

typedef struct {
  char            *state;     /* "pending", "queued", "sending", "sent", "conflict", "failed" */
  char            *message;   /* nullable: what the operator must know */
  IocOutboxAction *action;    /* nullable while pending */
} Delivery;

typedef struct {
  IocQueueActions *self;
  guint64          serial;
  IocOutboxAction *action;
  guint            timeout_id;
  AdwToast        *toast;
} Pending;

struct _IocQueueActions
{
  GObject             parent_instance;

  /* The page's widgets, not owned; NULL once the page is gone. */
  GtkWidget          *host;
  AdwToastOverlay    *toasts;
  GtkSingleSelection *selection;
  GtkWidget          *list;          /* the focus goes back there after a dialog */
  GtkWidget          *detail;        /* nullable: the detail pane, where the keys act too */
  GListModel         *complaints;    /* nullable: every complaint, for "duplicate of" */

  GSimpleActionGroup *group;         /* "queue" on the host */
  GtkStringList      *agencies;      /* every agency seen, for "assign" */
  IocQueueDuplicatesFunc duplicates;
  gpointer            duplicates_data;
  char               *operator_name;
  IocStore           *store;
  IocOutboxSender    *sender;

  GHashTable         *delivery;      /* srid → Delivery */
  GPtrArray          *pending;       /* Pending */
  GHashTable         *committed;     /* serial → update_id, for a late "Undo" */
  guint64             next_serial;
  guint               undo_delay_ms;
  gboolean            refreshing;
  GCancellable       *cancellable;
  guint               poll_id;

  AdwMessageDialog   *dialog;
};

G_DEFINE_FINAL_TYPE (IocQueueActions, ioc_queue_actions, G_TYPE_OBJECT)

enum {
  DELIVERY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The actions that act on the selected complaint, by their action names. */
static const char * const kinds[] = {
  "acknowledge", "assign", "priority", "note", "duplicate", "mark-duplicate-of", "resolve", "reject", "reopen",
};

static void refresh_outbox (IocQueueActions *self, GTask *task);

static void
delivery_free (Delivery *d)
{
  g_free (d->state);
  g_free (d->message);
  g_clear_pointer (&d->action, ioc_outbox_action_unref);
  g_free (d);
}

static void
pending_free (Pending *p)
{
  g_clear_handle_id (&p->timeout_id, g_source_remove);
  g_clear_object (&p->toast);
  g_clear_pointer (&p->action, ioc_outbox_action_unref);
  g_free (p);
}

/* The complaint of the selected row, read when an action runs: the
 * selection may have moved since the actions' states were set. */
static IocComplaint *
selected_complaint (IocQueueActions *self)
{
  IocComplaintRow *row = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return row != NULL ? ioc_complaint_row_get_complaint (row) : NULL;
}

static void
set_enabled (IocQueueActions *self,
             const char      *name,
             gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->group), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* --- which actions, when ------------------------------------------------- */

/* Which actions make sense in which status (domain.md §3): acknowledge a new
 * or reopened complaint; forward, mark duplicate, resolve or reject an open
 * one; reopen a closed one; notes and priority always. */
static gboolean
action_allowed (IocQueueActions *self,
                IocComplaint    *c,
                const char      *kind)
{
  IocComplaintStatus status;
  gboolean open;

  if (c == NULL || self->store == NULL)
    return FALSE;
  status = ioc_complaint_get_status (c);
  open = ioc_complaint_status_is_open (status);
  if (g_str_equal (kind, "acknowledge"))
    return status == IOC_COMPLAINT_STATUS_NEW || status == IOC_COMPLAINT_STATUS_REOPENED;
  if (g_str_equal (kind, "assign") || g_str_equal (kind, "duplicate") || g_str_equal (kind, "mark-duplicate-of") ||
      g_str_equal (kind, "resolve") || g_str_equal (kind, "reject"))
    return open;
  if (g_str_equal (kind, "reopen"))
    return !open;
  return g_str_equal (kind, "priority") || g_str_equal (kind, "note");
}

/**
 * ioc_queue_actions_update:
 * @self: the actions
 *
 * Enables the actions the selected complaint's status allows (domain.md
 * §3) and "show-conflict" when its latest action was refused or conflicts
 * (issue "Complaint triage"). The page calls it when the selection moves or
 * the complaint changes in place.
 */
void
ioc_queue_actions_update (IocQueueActions *self)
{
  IocComplaint *c;
  Delivery *d;

  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  c = selected_complaint (self);
  d = c != NULL ? g_hash_table_lookup (self->delivery, ioc_complaint_get_service_request_id (c)) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    set_enabled (self, kinds[i], action_allowed (self, c, kinds[i]));
  set_enabled (self, "show-conflict", d != NULL && d->action != NULL &&
               (g_str_equal (d->state, "conflict") || g_str_equal (d->state, "failed")));
}

/* --- delivery states ------------------------------------------------------ */

static const char *
action_verb (const char *kind)
{
  if (g_str_equal (kind, "acknowledge")) return _("Acknowledged");
  if (g_str_equal (kind, "assign")) return _("Forwarded");
  if (g_str_equal (kind, "priority")) return _("Priority set");
  if (g_str_equal (kind, "note")) return _("Note added");
  if (g_str_equal (kind, "duplicate")) return _("Marked as duplicate");
  if (g_str_equal (kind, "resolve")) return _("Resolved");
  if (g_str_equal (kind, "reject")) return _("Rejected");
  if (g_str_equal (kind, "reopen")) return _("Reopened");
  return kind;
}

static void
set_delivery (IocQueueActions *self,
              const char      *srid,
              const char      *state,
              const char      *message,
              IocOutboxAction *action)
{
  Delivery *d;

  if (state == NULL)
    {
      g_hash_table_remove (self->delivery, srid);
      return;
    }
  d = g_new0 (Delivery, 1);
  d->state = g_strdup (state);
  d->message = g_strdup (message);
  d->action = action != NULL ? ioc_outbox_action_ref (action) : NULL;
  g_hash_table_replace (self->delivery, g_strdup (srid), d);
}

static void
delivery_updated (IocQueueActions *self)
{
  g_signal_emit (self, signals[DELIVERY_CHANGED], 0);
}

/* --- into the outbox ------------------------------------------------------ */

typedef struct {
  IocQueueActions *self;
  guint64          serial;
} EnqueueData;

static Pending *
take_pending (IocQueueActions *self,
              guint64          serial)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (self->pending, i);

      if (p->serial == serial)
        return g_ptr_array_steal_index (self->pending, i);
    }
  return NULL;
}

static void
enqueued (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  EnqueueData *data = user_data;
  g_autoptr(IocQueueActions) self = data->self;
  guint64 serial = data->serial;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) stored = ioc_store_outbox_enqueue_finish (IOC_STORE (source), result, &error);
  g_autofree char *msg = NULL;
  Pending *p;
  AdwToast *toast;

  g_free (data);
  if (stored != NULL)
    return;   /* saved, and held until its undo window is over */

  /* Not saved: say so, loudly; nothing is silently lost. Its "Undo" has
   * nothing left to undo. */
  g_warning ("Outbox: %s", error->message);
  g_hash_table_remove (self->committed, &serial);
  p = take_pending (self, serial);
  if (p != NULL)
    {
      adw_toast_dismiss (p->toast);
      set_delivery (self, ioc_outbox_action_get_service_request_id (p->action), NULL, NULL, NULL);
      pending_free (p);
    }
  if (self->toasts == NULL || self->selection == NULL)
    return;
  delivery_updated (self);
  msg = g_strdup_printf (_("Could not save the action: %s"), error->message);
  toast = adw_toast_new (msg);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* The undo window is over: the action, already in the outbox, may leave. */
static gboolean
undo_window_over (gpointer user_data)
{
  Pending *p = user_data;
  IocQueueActions *self = p->self;

  p->timeout_id = 0;
  p = take_pending (self, p->serial);
  if (p == NULL)
    return G_SOURCE_REMOVE;
  /* The toast is left to time out by itself, as long as the window; its
   * "Undo" still withdraws the action while it was never attempted. */
  set_delivery (self, ioc_outbox_action_get_service_request_id (p->action), "queued", NULL, NULL);
  pending_free (p);
  delivery_updated (self);
  /* The sender's own timer would find it too; this saves the wait. */
  if (self->sender != NULL)
    ioc_outbox_sender_wake (self->sender);
  refresh_outbox (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
submit (IocQueueActions *self,
        IocComplaint    *c,
        IocOutboxAction *action)
{
  Pending *p;
  g_autofree char *id = ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (c));
  g_autofree char *title = g_strdup_printf (_("%s: %s"), id, action_verb (ioc_outbox_action_get_kind (action)));
  EnqueueData *data;

  if (self->store == NULL)   /* the outbox went away while a dialog was open */
    return;
  p = g_new0 (Pending, 1);
  p->self = self;
  p->serial = ++self->next_serial;
  p->action = ioc_outbox_action_ref (action);
  /* Saved now, sent when the undo window is over (README: actions survive
   * a crash): the sender never takes it before its not-before time. */
  ioc_outbox_action_set_not_before (action, g_get_real_time () + (gint64) self->undo_delay_ms * 1000);
  g_hash_table_insert (self->committed, g_memdup2 (&p->serial, sizeof p->serial),
                       g_strdup (ioc_outbox_action_get_update_id (action)));
  data = g_new0 (EnqueueData, 1);
  data->self = g_object_ref (self);
  data->serial = p->serial;
  ioc_store_outbox_enqueue_async (self->store, action, NULL, enqueued, data);

  /* AdwToast is not floating: this is our reference, the overlay gets its own. */
  p->toast = adw_toast_new (title);
  adw_toast_set_button_label (p->toast, _("_Undo"));
  adw_toast_set_action_name (p->toast, "queue.undo");
  adw_toast_set_action_target_value (p->toast, g_variant_new_uint64 (p->serial));
  /* Our timer, not the toast's, decides when the action leaves; the toast
   * lasts as long as the window. */
  adw_toast_set_timeout (p->toast, MAX (1, (self->undo_delay_ms + 999) / 1000));
  adw_toast_overlay_add_toast (self->toasts, g_object_ref (p->toast));
  p->timeout_id = g_timeout_add (self->undo_delay_ms, undo_window_over, p);
  g_ptr_array_add (self->pending, p);

  set_delivery (self, ioc_complaint_get_service_request_id (c), "pending", NULL, NULL);
  delivery_updated (self);
}

static IocOutboxAction *
new_action (IocQueueActions *self,
            IocComplaint    *c,
            const char      *kind,
            gboolean         open)
{
  IocOutboxAction *action = ioc_outbox_action_new (ioc_complaint_get_service_request_id (c), kind);
  GDateTime *updated = ioc_complaint_get_updated_datetime (c);

  ioc_outbox_action_set_field (action, "status", open ? "open" : "closed");
  if (self->operator_name != NULL && *self->operator_name != '\0')
    ioc_outbox_action_set_field (action, "author", self->operator_name);
  /* feeds.md §1: optimistic concurrency — the server answers 409 when the
   * complaint changed since the version the operator acted on. */
  if (updated != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (updated);

      ioc_outbox_action_set_field (action, "if_updated_datetime", iso);
    }
  return action;
}

/* The Open311 update each action sends (feeds.md §1, domain.md §3). */
static void
do_action (IocQueueActions *self,
           IocComplaint    *c,
           const char      *kind,
           const char      *text,
           const char      *value)
{
  g_autoptr(IocOutboxAction) action = NULL;
  gboolean open = ioc_complaint_is_open (c);

  if (g_str_equal (kind, "acknowledge"))
    {
      action = new_action (self, c, kind, TRUE);
      ioc_outbox_action_set_field (action, "extended_status", "acknowledged");
      if (self->operator_name != NULL && *self->operator_name != '\0')
        ioc_outbox_action_set_field (action, "claimed_by", self->operator_name);
    }
  else if (g_str_equal (kind, "assign"))
    {
      action = new_action (self, c, kind, TRUE);
      ioc_outbox_action_set_field (action, "extended_status", "in_progress");
      ioc_outbox_action_set_field (action, "agency_responsible", value);
    }
  else if (g_str_equal (kind, "priority"))
    {
      action = new_action (self, c, kind, open);
      ioc_outbox_action_set_field (action, "priority", value);
    }
  else if (g_str_equal (kind, "note"))
    action = new_action (self, c, kind, open);
  else if (g_str_equal (kind, "duplicate"))
    {
      action = new_action (self, c, kind, FALSE);
      ioc_outbox_action_set_field (action, "extended_status", "duplicate");
      ioc_outbox_action_set_field (action, "duplicate_of", value);
    }
  else if (g_str_equal (kind, "resolve"))
    {
      action = new_action (self, c, kind, FALSE);
      ioc_outbox_action_set_field (action, "extended_status", "resolved");
    }
  else if (g_str_equal (kind, "reject"))
    {
      action = new_action (self, c, kind, FALSE);
      ioc_outbox_action_set_field (action, "extended_status", "rejected");
    }
  else if (g_str_equal (kind, "reopen"))
    {
      action = new_action (self, c, kind, TRUE);
      ioc_outbox_action_set_field (action, "extended_status", "reopened");
    }
  else
    g_return_if_reached ();

  if (text != NULL && *text != '\0')
    ioc_outbox_action_set_field (action, "description", text);
  submit (self, c, action);
}

/* --- dialogs -------------------------------------------------------------- */

static void
present_dialog (IocQueueActions  *self,
                AdwMessageDialog *dialog)
{
  GtkRoot *root = self->host != NULL ? gtk_widget_get_root (self->host) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The dialog of an action that needs input. */
typedef struct {
  IocQueueActions *self;
  IocComplaint    *complaint;
  char            *kind;
  GtkWidget       *text;       /* GtkEntry, nullable */
  GtkWidget       *choice;     /* GtkDropDown, nullable */
  GtkWidget       *problem;    /* GtkLabel, "duplicate" only: why the code is refused */
  GtkWidget       *hint;       /* GtkLabel, "duplicate" only: a newer original */
  gboolean         required;
} DialogData;

static void
dialog_data_free (DialogData *d)
{
  g_clear_object (&d->complaint);
  g_free (d->kind);
  g_free (d);
}

/* The code of the original, checked as it is typed (domain.md §3). */
static void
duplicate_text_changed (DialogData *d,
                        const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocComplaint) original = NULL;
  g_autofree char *hint = NULL;

  if (*code != '\0')
    original = ioc_queue_actions_find_original (d->self, d->complaint, code, &error);
  gtk_label_set_text (GTK_LABEL (d->problem), error != NULL ? error->message : "");
  gtk_widget_set_visible (d->problem, error != NULL);
  if (original != NULL && ioc_complaint_get_requested_datetime (original) != NULL &&
      ioc_complaint_get_requested_datetime (d->complaint) != NULL &&
      g_date_time_compare (ioc_complaint_get_requested_datetime (original),
                           ioc_complaint_get_requested_datetime (d->complaint)) > 0)
    hint = g_strdup_printf (_("%s was received after this complaint; the earlier complaint is usually the original."),
                            ioc_complaint_get_service_request_id (original));
  gtk_label_set_text (GTK_LABEL (d->hint), hint != NULL ? hint : "");
  gtk_widget_set_visible (d->hint, hint != NULL);
  if (d->self->dialog != NULL)
    adw_message_dialog_set_response_enabled (d->self->dialog, "apply", original != NULL);
}

static void
dialog_text_changed (GtkEditable *editable,
                     DialogData  *d)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (d->problem != NULL)
    duplicate_text_changed (d, stripped);
  else if (d->required && d->self->dialog != NULL)
    adw_message_dialog_set_response_enabled (d->self->dialog, "apply", *stripped != '\0');
}

static void
dialog_response (AdwMessageDialog *dialog,
                 const char       *response,
                 DialogData       *d)
{
  IocQueueActions *self = d->self;

  if (self->dialog == dialog)
    self->dialog = NULL;
  if (g_str_equal (response, "apply") && self->selection != NULL)
    {
      g_autofree char *text = d->text != NULL
                              ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->text))))
                              : NULL;
      guint pos = d->choice != NULL ? gtk_drop_down_get_selected (GTK_DROP_DOWN (d->choice)) : 0;

      if (g_str_equal (d->kind, "assign"))
        do_action (self, d->complaint, d->kind, text, gtk_string_list_get_string (self->agencies, pos));
      else if (g_str_equal (d->kind, "priority"))
        do_action (self, d->complaint, d->kind, NULL, ioc_priority_to_string (pos));
      else if (g_str_equal (d->kind, "duplicate"))
        {
          /* The text is the original's code, not a note; sent as the
           * original spells it. */
          g_autoptr(IocComplaint) original = text != NULL
                                             ? ioc_queue_actions_find_original (self, d->complaint, text, NULL)
                                             : NULL;

          if (original != NULL)
            do_action (self, d->complaint, d->kind, NULL, ioc_complaint_get_service_request_id (original));
        }
      else if (!d->required || (text != NULL && *text != '\0'))
        do_action (self, d->complaint, d->kind, text, NULL);
    }
  if (self->list != NULL)
    gtk_widget_grab_focus (self->list);
}

static const char *
field_agency (IocComplaint *c)
{
  IocField field;

  ioc_complaint_get_field (c, &field);
  return ioc_field_info (field)->agency;
}

/* The complaints "duplicate of" may name: all of them when the page gave
 * them (ioc_queue_actions_set_complaints()), else the list's rows. */
static IocComplaint *
find_by_code (IocQueueActions *self,
              const char      *code)
{
  GListModel *model = self->complaints != NULL ? self->complaints
                      : self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  g_autofree char *wanted = NULL;

  /* The feed's model is keyed by code: as typed, or in capitals as codes
   * are written, is one lookup instead of folding 100 000 codes a
   * keystroke; only another spelling falls through to the scan. */
  if (IOC_IS_KEYED_LIST_MODEL (model))
    {
      g_autofree char *upper = g_ascii_strup (code, -1);
      IocComplaint *c = ioc_keyed_list_model_lookup (IOC_KEYED_LIST_MODEL (model), code);

      if (c == NULL)
        c = ioc_keyed_list_model_lookup (IOC_KEYED_LIST_MODEL (model), upper);
      if (c != NULL)
        return g_object_ref (c);
    }
  wanted = g_utf8_casefold (code, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      IocComplaint *c = IOC_IS_COMPLAINT_ROW (item) ? ioc_complaint_row_get_complaint (IOC_COMPLAINT_ROW (item))
                                                    : IOC_COMPLAINT (item);
      g_autofree char *folded = NULL;

      if (c == NULL)
        continue;
      folded = g_utf8_casefold (ioc_complaint_get_service_request_id (c), -1);
      if (g_str_equal (folded, wanted))
        return g_object_ref (c);
    }
  return NULL;
}

/**
 * ioc_queue_actions_find_original:
 * @self: the actions
 * @complaint: the complaint to mark as a duplicate
 * @code: the original's code as typed
 * @error: why @code cannot be the original, for the operator
 *
 * "Mark as duplicate" (domain.md §3, statuses; issue "Complaint triage"):
 * the original must be a complaint the client knows, found whatever the
 * letter case of @code, other than @complaint itself, and not itself closed
 * as a duplicate or rejected — a duplicate points at the live original, or
 * the chain leads nowhere.
 *
 * Returns: (transfer full) (nullable): the original, its code as it spells it
 */
IocComplaint *
ioc_queue_actions_find_original (IocQueueActions  *self,
                                 IocComplaint     *complaint,
                                 const char       *code,
                                 GError          **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *self_folded = NULL;
  g_autofree char *code_folded = NULL;
  g_autoptr(IocComplaint) original = NULL;
  IocComplaintStatus status;

  g_return_val_if_fail (IOC_IS_QUEUE_ACTIONS (self), NULL);
  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stripped = g_strstrip (g_strdup (code));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the code of the original complaint."));
      return NULL;
    }
  self_folded = g_utf8_casefold (ioc_complaint_get_service_request_id (complaint), -1);
  code_folded = g_utf8_casefold (stripped, -1);
  if (g_str_equal (self_folded, code_folded))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A complaint cannot be a duplicate of itself."));
      return NULL;
    }
  original = find_by_code (self, stripped);
  if (original == NULL)
    {
      g_autofree char *clean = ioc_complaint_export_clean_text (stripped);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no complaint %s. Check the code."), clean);
      return NULL;
    }
  status = ioc_complaint_get_status (original);
  if (status == IOC_COMPLAINT_STATUS_DUPLICATE)
    {
      const char *of = ioc_complaint_get_duplicate_of (original);

      if (of != NULL && *of != '\0')
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%s is itself a duplicate of %s: choose that original instead."),
                     ioc_complaint_get_service_request_id (original), of);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%s is itself closed as a duplicate: choose its original instead."),
                     ioc_complaint_get_service_request_id (original));
      return NULL;
    }
  if (status == IOC_COMPLAINT_STATUS_REJECTED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s was rejected: a rejected complaint cannot be the original."),
                   ioc_complaint_get_service_request_id (original));
      return NULL;
    }
  return g_steal_pointer (&original);
}

static void
candidate_activated (GtkListBox    *box,
                     GtkListBoxRow *row,
                     DialogData    *d)
{
  const char *code = g_object_get_data (G_OBJECT (row), "ioc-code");

  if (code != NULL && d->text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (d->text), code);
}

/* The likely duplicates (domain.md §3, "Duplicates") as one-click choices,
 * each with the day it was received: the earlier complaint is the original,
 * so the oldest valid one received before this complaint is proposed
 * (kept on the dialog as "ioc-proposed-original"). */
static void
add_candidates (IocQueueActions *self,
                DialogData      *d,
                GtkBox          *box)
{
  g_autoptr(GPtrArray) dups = self->duplicates != NULL ? self->duplicates (d->complaint, self->duplicates_data) : NULL;
  GDateTime *received = ioc_complaint_get_requested_datetime (d->complaint);
  IocFormatStyle style = ioc_format_style_default ();
  IocComplaint *proposed = NULL;
  GtkWidget *list;
  GtkWidget *title;

  if (dups == NULL || dups->len == 0)
    return;
  title = gtk_label_new (_("Likely duplicates"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (box, title);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Likely duplicates"), -1);
  for (guint i = 0; i < dups->len; i++)
    {
      IocComplaint *o = g_ptr_array_index (dups, i);
      GDateTime *when = ioc_complaint_get_requested_datetime (o);
      g_autofree char *date = when != NULL ? ioc_format_date_time (style, when) : g_strdup ("—");
      g_autofree char *code = ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (o));
      gboolean older = when != NULL && received != NULL && g_date_time_compare (when, received) < 0;
      g_autofree char *text = NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label;

      /* Translators: a likely duplicate in "Mark as duplicate": its code and when it was received. */
      text = g_strdup_printf (older ? _("%s · received %s · earlier") : _("%s · received %s"), code, date);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "ioc-code", g_strdup (ioc_complaint_get_service_request_id (o)), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      if (older && (proposed == NULL ||
                    g_date_time_compare (when, ioc_complaint_get_requested_datetime (proposed)) < 0))
        {
          g_autoptr(IocComplaint) valid = ioc_queue_actions_find_original (self, d->complaint,
                                                                           ioc_complaint_get_service_request_id (o), NULL);

          if (valid != NULL)
            proposed = o;
        }
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (candidate_activated), d);
  gtk_box_append (box, list);
  if (proposed != NULL)
    g_object_set_data_full (G_OBJECT (box), "ioc-proposed-original", g_object_ref (proposed), g_object_unref);
}

/* A line under the dialog's entry, hidden until there is something to say. */
static GtkWidget *
add_message_label (GtkBox     *box,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static void
open_action_dialog (IocQueueActions *self,
                    IocComplaint    *c,
                    const char      *kind)
{
  DialogData *d = g_new0 (DialogData, 1);
  g_autofree char *id = ioc_complaint_export_clean_text (ioc_complaint_get_service_request_id (c));
  const char *heading = NULL, *label = NULL, *apply = NULL, *placeholder = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  AdwMessageDialog *dialog;

  d->self = self;
  d->complaint = g_object_ref (c);
  d->kind = g_strdup (kind);

  if (g_str_equal (kind, "assign"))
    {
      GtkExpression *expr = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      const char *usual = field_agency (c);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agencies));

      heading = _("Forward to an agency");
      apply = _("_Forward");
      placeholder = _("Instructions for the agency (optional)");
      d->choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->agencies)), expr);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (d->choice), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agency"), -1);
      /* The field's usual agency is suggested (ioc-field.c). */
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (gtk_string_list_get_string (self->agencies, i), usual) == 0)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (d->choice), i);
    }
  else if (g_str_equal (kind, "priority"))
    {
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

      for (guint p = 0; p < IOC_N_PRIORITIES; p++)
        gtk_string_list_append (items, ioc_priority_label (p));
      heading = _("Set priority");
      apply = _("_Set");
      d->choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (items)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (d->choice), ioc_complaint_get_priority (c));
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Priority"), -1);
    }
  else if (g_str_equal (kind, "note"))
    {
      heading = _("Add a note");
      apply = _("_Add");
      label = _("Note");
      d->required = TRUE;
    }
  else if (g_str_equal (kind, "duplicate"))
    {
      heading = _("Mark as duplicate");
      apply = _("_Mark");
      label = _("Code of the original complaint");
      d->required = TRUE;
    }
  else if (g_str_equal (kind, "resolve"))
    {
      heading = _("Resolve");
      apply = _("_Resolve");
      label = _("How it was resolved (required)");
      d->required = TRUE;
    }
  else if (g_str_equal (kind, "reject"))
    {
      heading = _("Reject");
      apply = _("Re_ject");
      label = _("Reason for rejecting (required)");
      d->required = TRUE;
    }
  else if (g_str_equal (kind, "reopen"))
    {
      heading = _("Reopen");
      apply = _("Re_open");
      placeholder = _("Why it is reopened (optional)");
    }
  else
    g_return_if_reached ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, NULL));
  adw_message_dialog_format_body (dialog, _("Complaint %s"), id);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", apply, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              g_str_equal (kind, "reject") ? ADW_RESPONSE_DESTRUCTIVE
                                                                           : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");

  if (d->choice != NULL)
    gtk_box_append (GTK_BOX (box), d->choice);
  if (label != NULL || placeholder != NULL)
    {
      d->text = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (d->text), TRUE);
      gtk_entry_set_placeholder_text (GTK_ENTRY (d->text), label != NULL ? label : placeholder);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label != NULL ? label : placeholder, -1);
      gtk_box_append (GTK_BOX (box), d->text);
      g_signal_connect (d->text, "changed", G_CALLBACK (dialog_text_changed), d);
    }
  if (g_str_equal (kind, "duplicate"))
    {
      d->problem = add_message_label (GTK_BOX (box), "error");
      d->hint = add_message_label (GTK_BOX (box), "dim-label");
      add_candidates (self, d, GTK_BOX (box));
    }
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (dialog_response), d,
                         (GClosureNotify) (void (*) (void)) dialog_data_free, 0);
  present_dialog (self, dialog);
  if (d->required)
    adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  if (g_str_equal (kind, "duplicate"))
    {
      IocComplaint *proposed = g_object_get_data (G_OBJECT (box), "ioc-proposed-original");

      if (proposed != NULL)
        gtk_editable_set_text (GTK_EDITABLE (d->text), ioc_complaint_get_service_request_id (proposed));
    }
  if (d->text != NULL)
    gtk_widget_grab_focus (d->text);
  else if (d->choice != NULL)
    gtk_widget_grab_focus (d->choice);
}

/* --- the action group ----------------------------------------------------- */

static void
action_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  IocQueueActions *self = user_data;
  IocComplaint *c = selected_complaint (self);
  const char *kind = g_action_get_name (G_ACTION (action));

  if (c == NULL || self->store == NULL)
    return;
  /* The complaint may have changed since the actions' states were set. */
  if (!action_allowed (self, c, kind))
    return;
  if (g_str_equal (kind, "acknowledge"))
    do_action (self, c, kind, NULL, NULL);
  else
    open_action_dialog (self, c, kind);
}

/* The detail pane's one-click "mark as duplicate of" (issue "Complaint
 * triage"), the original's code as the parameter. */
static void
mark_duplicate_of (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  IocQueueActions *self = user_data;
  IocComplaint *c = selected_complaint (self);
  const char *target = g_variant_get_string (parameter, NULL);
  g_autoptr(IocComplaint) original = NULL;
  g_autoptr(GError) error = NULL;

  if (!action_allowed (self, c, "duplicate"))
    return;
  /* The same rules as the dialog's (domain.md §3). */
  original = ioc_queue_actions_find_original (self, c, target, &error);
  if (original == NULL)
    {
      if (self->toasts != NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  do_action (self, c, "duplicate", NULL, ioc_complaint_get_service_request_id (original));
}

typedef struct {
  IocQueueActions *self;
  gboolean         late;   /* after the undo window: say whether it worked */
} WithdrawData;

static void
withdrawn (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WithdrawData *data = user_data;
  g_autoptr(IocQueueActions) self = data->self;
  gboolean late = data->late;
  g_autoptr(GError) error = NULL;
  gboolean ok = ioc_store_outbox_withdraw_finish (IOC_STORE (source), result, &error);

  g_free (data);
  if (self->selection == NULL)
    return;
  if (!ok)
    adw_toast_overlay_add_toast (self->toasts,
                                 adw_toast_new (_("Too late to undo: the action was already sent")));
  else if (late)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Undone")));
  /* An earlier delivery state of that complaint comes back from the outbox. */
  refresh_outbox (self, NULL);
}

static void
withdraw (IocQueueActions *self,
          const char      *update_id,
          gboolean         late)
{
  WithdrawData *data;

  if (self->store == NULL)
    return;
  data = g_new0 (WithdrawData, 1);
  data->self = g_object_ref (self);
  data->late = late;
  /* By update_id: queued after the enqueue, it runs after it even if the
   * enqueue has not answered yet. */
  ioc_store_outbox_withdraw_async (self->store, update_id, NULL, withdrawn, data);
}

/* "undo" (the toast's button, the action's serial as the parameter) and
 * "undo-last" (Ctrl+Z, the latest action still in its undo window). */
static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  IocQueueActions *self = user_data;
  Pending *p = NULL;
  AdwToast *undone;

  if (parameter != NULL)
    {
      guint64 serial = g_variant_get_uint64 (parameter);
      const char *update_id;

      p = take_pending (self, serial);
      if (p == NULL && (update_id = g_hash_table_lookup (self->committed, &serial)) != NULL)
        {
          /* The window is over: withdraw it if it was never attempted. */
          withdraw (self, update_id, TRUE);
          g_hash_table_remove (self->committed, &serial);
          return;
        }
    }
  else if (self->pending->len > 0)   /* Ctrl+Z: the latest */
    p = g_ptr_array_steal_index (self->pending, self->pending->len - 1);
  if (p == NULL)
    return;
  withdraw (self, ioc_outbox_action_get_update_id (p->action), FALSE);
  g_hash_table_remove (self->committed, &p->serial);
  /* Its toast and its "Undo" button go (after Ctrl+Z it would stay for its
   * whole timeout, offering an undo of nothing); a short word says it worked. */
  adw_toast_dismiss (p->toast);
  if (self->toasts != NULL)
    {
      undone = adw_toast_new (_("Undone"));
      adw_toast_set_timeout (undone, 2);
      adw_toast_overlay_add_toast (self->toasts, undone);
    }
  set_delivery (self, ioc_outbox_action_get_service_request_id (p->action), NULL, NULL, NULL);
  pending_free (p);
  delivery_updated (self);
}

/* --- conflicts ------------------------------------------------------------ */

static void
conflict_resolved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(IocQueueActions) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOutboxAction) action = ioc_store_outbox_resolve_finish (IOC_STORE (source), result, &error);

  if (action == NULL)
    {
      if (self->toasts != NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  if (self->sender != NULL)
    ioc_outbox_sender_wake (self->sender);
  if (self->selection != NULL)
    refresh_outbox (self, NULL);
}

static void
conflict_response (IocConflictDialog *dialog,
                   const char        *response,
                   IocQueueActions   *self)
{
  if (self->store != NULL && (g_str_equal (response, "discard") || g_str_equal (response, "requeue")))
    {
      GDateTime *updated = ioc_complaint_get_updated_datetime (ioc_conflict_dialog_get_complaint (dialog));
      g_autofree char *iso = updated != NULL ? g_date_time_format_iso8601 (updated) : NULL;

      /* Re-sent against the version the operator has now seen. */
      ioc_store_outbox_resolve_async (self->store, ioc_outbox_action_get_id (ioc_conflict_dialog_get_action (dialog)),
                                      g_str_equal (response, "discard") ? IOC_OUTBOX_RESOLUTION_DISCARD
                                                                         : IOC_OUTBOX_RESOLUTION_REQUEUE,
                                      iso, NULL, conflict_resolved, g_object_ref (self));
    }
  if (self->dialog == ADW_MESSAGE_DIALOG (dialog))
    self->dialog = NULL;
}

static void
show_conflict (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  IocQueueActions *self = user_data;
  IocComplaint *c = selected_complaint (self);
  Delivery *d = c != NULL ? g_hash_table_lookup (self->delivery, ioc_complaint_get_service_request_id (c)) : NULL;
  IocConflictDialog *dialog;

  if (d == NULL || d->action == NULL)
    return;
  dialog = ioc_conflict_dialog_new (c, d->action, g_str_equal (d->state, "conflict"), d->message);
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response), self, 0);
  present_dialog (self, ADW_MESSAGE_DIALOG (dialog));
}

/* --- outbox states -------------------------------------------------------- */

/* What the operator must know about an action the outbox still holds
 * (issue "Complaint triage", "Bad input": an action on a complaint that
 * disappeared is kept with a clear message). */
static char *
explain (IocOutboxAction *a)
{
  IocOutboxState state = ioc_outbox_action_get_state (a);
  const char *error = ioc_outbox_action_get_last_error (a);

  if (state == IOC_OUTBOX_STATE_CONFLICT)
    return g_strdup (_("The server changed this complaint after you acted. Compare and decide."));
  if (state == IOC_OUTBOX_STATE_FAILED)
    {
      if (ioc_outbox_action_get_http_status (a) == 404)
        return g_strdup (_("This complaint no longer exists on the server. Your action is kept in the outbox."));
      return g_strdup_printf (_("The server refused the action: %s. It is kept in the outbox."),
                              error != NULL ? error : _("no reason given"));
    }
  if (state == IOC_OUTBOX_STATE_QUEUED && ioc_outbox_action_get_attempts (a) > 0)
    return g_strdup_printf (_("Not delivered yet, will retry: %s"), error != NULL ? error : "");
  return NULL;
}

static void
outbox_listed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IocQueueActions *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = ioc_store_outbox_list_finish (IOC_STORE (source), result, &error);
  g_autoptr(GHashTable) keep = NULL;
  GHashTableIter iter;
  gpointer key, value;

  self->refreshing = FALSE;
  if (actions == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Pending ones stay: held in the outbox for their undo window, or not
   * even there yet, they show as "pending", not "queued". */
  keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) delivery_free);
  g_hash_table_iter_init (&iter, self->delivery);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (((Delivery *) value)->state, "pending"))
      {
        g_hash_table_iter_steal (&iter);
        g_hash_table_insert (keep, key, value);
      }
  g_hash_table_remove_all (self->delivery);
  /* Oldest first: the latest action of each complaint wins. */
  for (guint i = 0; i < actions->len; i++)
    {
      IocOutboxAction *a = g_ptr_array_index (actions, i);
      const char *srid = ioc_outbox_action_get_service_request_id (a);
      g_autofree char *message = NULL;

      if (g_hash_table_contains (keep, srid))
        continue;
      if (ioc_outbox_action_get_state (a) == IOC_OUTBOX_STATE_CANCELLED)
        {
          g_hash_table_remove (self->delivery, srid);
          continue;
        }
      message = explain (a);
      set_delivery (self, srid, ioc_outbox_state_to_string (ioc_outbox_action_get_state (a)), message, a);
    }
  g_hash_table_iter_init (&iter, keep);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->delivery, key, value);
    }
  delivery_updated (self);
  g_task_return_boolean (task, TRUE);
}

static void
refresh_outbox (IocQueueActions *self,
                GTask           *task)
{
  if (task == NULL)
    task = g_task_new (self, NULL, NULL, NULL);
  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  self->refreshing = TRUE;
  ioc_store_outbox_list_async (self->store, IOC_OUTBOX_STATE_MASK_ALL, self->cancellable,
                               outbox_listed, task);
}

static gboolean
poll_outbox (gpointer user_data)
{
  IocQueueActions *self = user_data;

  if (!self->refreshing)
    refresh_outbox (self, NULL);
  return G_SOURCE_CONTINUE;
}

/* --- life cycle ----------------------------------------------------------- */

/**
 * ioc_queue_actions_shutdown:
 * @self: the actions
 *
 * The page is going away: actions still in their undo window are the
 * operator's decisions, so they are written to the outbox, not dropped;
 * then nothing of ours touches the page's widgets again. Call it from the
 * page's dispose, before its template goes.
 */
void
ioc_queue_actions_shutdown (IocQueueActions *self)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  ioc_queue_actions_flush (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
  /* The host may outlive us by a little; its keys then find no action. */
  if (self->host != NULL)
    {
      gtk_widget_insert_action_group (self->host, "queue", NULL);
      g_object_set_data (G_OBJECT (self->host), HOST_DATA_KEY, NULL);
    }
  self->host = NULL;
  self->detail = NULL;
  self->toasts = NULL;
  self->selection = NULL;
  self->list = NULL;
}

static void
ioc_queue_actions_dispose (GObject *object)
{
  IocQueueActions *self = IOC_QUEUE_ACTIONS (object);

  if (self->pending != NULL)
    ioc_queue_actions_flush (self);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->sender);
  g_clear_object (&self->agencies);
  g_clear_object (&self->complaints);

  G_OBJECT_CLASS (ioc_queue_actions_parent_class)->dispose (object);
}

static void
ioc_queue_actions_finalize (GObject *object)
{
  IocQueueActions *self = IOC_QUEUE_ACTIONS (object);

  g_clear_object (&self->group);
  g_clear_object (&self->cancellable);
  g_free (self->operator_name);
  g_clear_pointer (&self->delivery, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->committed, g_hash_table_unref);

  G_OBJECT_CLASS (ioc_queue_actions_parent_class)->finalize (object);
}

static void
ioc_queue_actions_class_init (IocQueueActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ioc_queue_actions_dispose;
  object_class->finalize = ioc_queue_actions_finalize;

  /**
   * IocQueueActions::delivery-changed:
   *
   * A complaint's delivery state changed (an action queued, undone, sent,
   * refused…): the rows and the detail show it again.
   */
  signals[DELIVERY_CHANGED] = g_signal_new ("delivery-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ioc_queue_actions_init (IocQueueActions *self)
{
  self->delivery = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) delivery_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->committed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);   /* serial → update_id */
  self->undo_delay_ms = DEFAULT_UNDO_DELAY_MS;
  self->cancellable = g_cancellable_new ();
  self->group = g_simple_action_group_new ();
}

static gboolean
widget_inside (GtkWidget *widget,
               GtkWidget *area)
{
  return area != NULL && (widget == area || gtk_widget_is_ancestor (widget, area));
}

/* Issue "Complaint triage", "Keyboard": the single keys act on the selected
 * complaint while the operator is working in the list or the detail pane.
 * With the focus anywhere else (a filter toggle, the search, a menu
 * button) the key is not ours: "x" on the "Overdue" toggle must not open
 * "Reject", and "a" must not acknowledge behind the operator's back. Text
 * fields see their keys before the page does; they are excluded again in
 * case one lives in the detail pane. */
static gboolean
focus_in_queue (IocQueueActions *self)
{
  GtkRoot *root = self->host != NULL ? gtk_widget_get_root (self->host) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || GTK_IS_EDITABLE (focus))
    return FALSE;
  return widget_inside (focus, self->list) || widget_inside (focus, self->detail);
}

/* GtkShortcutFunc of the single keys: @args is the action's name. FALSE
 * lets the key go on to the other shortcuts and widgets untouched. */
static gboolean
single_key_activated (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  IocQueueActions *self = g_object_get_data (G_OBJECT (widget), HOST_DATA_KEY);
  const char *name = g_variant_get_string (args, NULL);

  if (self == NULL || !focus_in_queue (self))
    return FALSE;
  return gtk_widget_activate_action_variant (widget, name, NULL);
}

/**
 * ioc_queue_actions_install_shortcuts:
 * @widget_class: the class of the widget that hosts the actions
 *
 * Issue "Complaint triage", "Keyboard": a single key for each action and a
 * Ctrl-shortcut too (ui/gtk/help-overlay.ui lists them), Ctrl+Z to undo the
 * latest action still in its undo window, C to compare a conflict. They are
 * class bindings of the host, as its other shortcuts. The Ctrl ones name
 * the `queue.` actions this object puts on it and work page-wide; the
 * single keys act only while the focus is in the list or the detail pane
 * (ioc_queue_actions_set_detail()), and elsewhere pass the key on.
 */
void
ioc_queue_actions_install_shortcuts (GtkWidgetClass *widget_class)
{
  static const struct { const char *name; guint key; } single[] = {
    { "queue.acknowledge", GDK_KEY_a },
    { "queue.assign", GDK_KEY_f },
    { "queue.priority", GDK_KEY_p },
    { "queue.note", GDK_KEY_n },
    { "queue.duplicate", GDK_KEY_d },
    { "queue.resolve", GDK_KEY_r },
    { "queue.reject", GDK_KEY_x },
    { "queue.reopen", GDK_KEY_o },
    { "queue.show-conflict", GDK_KEY_c },
  };
  static const struct { const char *name; guint key; GdkModifierType mods; } bindings[] = {
    /* Issue "Complaint triage": a Ctrl-shortcut for each action too, for
     * when a single key would land in a text field. Ctrl+Shift and the same
     * letter, except resolve: Ctrl+Shift+R already resets the filters, so
     * Ctrl+Shift+S ("solved"). Ctrl+S, Ctrl+E, Ctrl+Shift+E, Ctrl+F, Ctrl+L,
     * Ctrl+Z (the page), Ctrl+comma, Ctrl+Q, Ctrl+? (application) stay as
     * they are. Text fields keep their own Ctrl+Shift+A (unselect) while
     * they have the focus. */
    { "queue.acknowledge", GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.assign", GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.priority", GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.note", GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.duplicate", GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.resolve", GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.reject", GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.reopen", GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "queue.undo-last", GDK_KEY_z, GDK_CONTROL_MASK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    gtk_widget_class_add_binding (widget_class, single[i].key, 0, single_key_activated, "s", single[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].key, bindings[i].mods, bindings[i].name, NULL);
}

/**
 * ioc_queue_actions_new:
 * @host: the widget the `queue` actions go on (the page); its class has
 *   the key bindings (ioc_queue_actions_install_shortcuts())
 * @toasts: where the undo toasts and the errors show
 * @selection: (element-type IocComplaintRow): the list's selection; the
 *   actions act on its complaint
 * @list: the widget the focus returns to after a dialog
 * @agencies: every agency seen, offered by "assign"
 *
 * The operator's actions of issue "Complaint triage". Without an outbox
 * (ioc_queue_actions_set_outbox()) they are all disabled.
 *
 * Returns: (transfer full): the actions
 */
IocQueueActions *
ioc_queue_actions_new (GtkWidget          *host,
                       AdwToastOverlay    *toasts,
                       GtkSingleSelection *selection,
                       GtkWidget          *list,
                       GtkStringList      *agencies)
{
  IocQueueActions *self;
  static const GActionEntry entries[] = {
    { "acknowledge", action_activated, NULL, NULL, NULL, { 0 } },
    { "assign", action_activated, NULL, NULL, NULL, { 0 } },
    { "priority", action_activated, NULL, NULL, NULL, { 0 } },
    { "note", action_activated, NULL, NULL, NULL, { 0 } },
    { "duplicate", action_activated, NULL, NULL, NULL, { 0 } },
    { "resolve", action_activated, NULL, NULL, NULL, { 0 } },
    { "reject", action_activated, NULL, NULL, NULL, { 0 } },
    { "reopen", action_activated, NULL, NULL, NULL, { 0 } },
    { "mark-duplicate-of", mark_duplicate_of, "s", NULL, NULL, { 0 } },
    { "undo", undo_activated, "t", NULL, NULL, { 0 } },
    { "undo-last", undo_activated, NULL, NULL, NULL, { 0 } },
    { "show-conflict", show_conflict, NULL, NULL, NULL, { 0 } },
  };

  g_return_val_if_fail (GTK_IS_WIDGET (host), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (toasts), NULL);
  g_return_val_if_fail (GTK_IS_SINGLE_SELECTION (selection), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (list), NULL);
  g_return_val_if_fail (GTK_IS_STRING_LIST (agencies), NULL);

  self = g_object_new (IOC_TYPE_QUEUE_ACTIONS, NULL);
  self->host = host;
  self->toasts = toasts;
  self->selection = selection;
  self->list = list;
  self->agencies = g_object_ref (agencies);
  /* How the host's single-key bindings find us (single_key_activated()). */
  g_object_set_data (G_OBJECT (host), HOST_DATA_KEY, self);
  g_action_map_add_action_entries (G_ACTION_MAP (self->group), entries, G_N_ELEMENTS (entries), self);
  /* The host's own `queue.` actions (navigation, export, views) are class
   * actions: the host finds those first and the rest in this group. */
  gtk_widget_insert_action_group (host, "queue", G_ACTION_GROUP (self->group));
  ioc_queue_actions_update (self);
  return self;
}

/**
 * ioc_queue_actions_set_duplicates_func:
 * @self: the actions
 * @func: (nullable): finds the likely duplicates of a complaint (domain.md §3)
 * @user_data: for @func
 *
 * "Mark as duplicate" proposes the nearest one.
 */
void
ioc_queue_actions_set_duplicates_func (IocQueueActions        *self,
                                       IocQueueDuplicatesFunc  func,
                                       gpointer                user_data)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  self->duplicates = func;
  self->duplicates_data = user_data;
}

/**
 * ioc_queue_actions_set_detail:
 * @self: the actions
 * @detail: (nullable): the detail pane
 *
 * Issue "Complaint triage", "Keyboard": the single-key shortcuts act while
 * the focus is in the list or in @detail, and nowhere else.
 */
void
ioc_queue_actions_set_detail (IocQueueActions *self,
                              GtkWidget       *detail)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));
  g_return_if_fail (detail == NULL || GTK_IS_WIDGET (detail));

  /* Not owned: a child of the host, which outlives us until shutdown. */
  self->detail = detail;
}

/**
 * ioc_queue_actions_set_complaints:
 * @self: the actions
 * @complaints: (nullable) (element-type IocComplaint): every complaint, not
 *   only the filtered view
 *
 * What "Mark as duplicate" checks the original's code against (domain.md
 * §3): an original hidden by the filters is still an original. Without it,
 * the complaints of the list's rows are used.
 */
void
ioc_queue_actions_set_complaints (IocQueueActions *self,
                                  GListModel      *complaints)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));
  g_return_if_fail (complaints == NULL || G_IS_LIST_MODEL (complaints));

  g_set_object (&self->complaints, complaints);
}

/**
 * ioc_queue_actions_set_outbox:
 * @self: the actions
 * @store: (nullable): the store whose outbox carries the actions; without
 *   one the actions are disabled
 * @sender: (nullable): woken when an action is queued
 *
 * The delivery states are read back from the outbox now and every two
 * seconds (the sender works on its own).
 */
void
ioc_queue_actions_set_outbox (IocQueueActions *self,
                              IocStore        *store,
                              IocOutboxSender *sender)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  g_set_object (&self->store, store);
  g_set_object (&self->sender, sender);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (store != NULL)
    {
      self->poll_id = g_timeout_add (OUTBOX_POLL_MS, poll_outbox, self);
      refresh_outbox (self, NULL);
    }
  ioc_queue_actions_update (self);
}

/** ioc_queue_actions_set_operator: @self: the actions @name: (nullable): GSettings operator-name, the author of every action */
void
ioc_queue_actions_set_operator (IocQueueActions *self,
                                const char      *name)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  g_free (self->operator_name);
  self->operator_name = g_strdup (name);
}

/** ioc_queue_actions_set_undo_delay: @self: the actions @milliseconds: how long an action is held in the outbox, undoable, before it may be sent */
void
ioc_queue_actions_set_undo_delay (IocQueueActions *self,
                                  guint            milliseconds)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  self->undo_delay_ms = milliseconds;
}

/**
 * ioc_queue_actions_get_delivery:
 * @self: the actions
 * @service_request_id: the complaint
 * @message: (out) (optional) (nullable): what the operator must know, if anything
 *
 * Issue "Complaint triage": "its delivery state (queued, sent, conflict) is
 * visible on the row".
 *
 * Returns: (nullable): the delivery state of the complaint's latest action
 */
const char *
ioc_queue_actions_get_delivery (IocQueueActions  *self,
                                const char       *service_request_id,
                                const char      **message)
{
  Delivery *d;

  g_return_val_if_fail (IOC_IS_QUEUE_ACTIONS (self), NULL);

  d = g_hash_table_lookup (self->delivery, service_request_id);
  if (d == NULL)
    return NULL;
  if (message != NULL)
    *message = d->message;
  return d->state;
}

/**
 * ioc_queue_actions_flush:
 * @self: the actions
 *
 * Ends the undo window of every action still in it (issue "Complaint
 * triage", "Actions"): they are in the outbox already and may leave now.
 */
void
ioc_queue_actions_flush (IocQueueActions *self)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  if (self->pending->len == 0)
    return;
  while (self->pending->len > 0)
    {
      Pending *p = g_ptr_array_steal_index (self->pending, 0);

      /* Already saved: end its window in the outbox. Queued after its
       * enqueue, this runs after it. No signal here: at shutdown the page is
       * half gone; the next refresh shows the states. */
      if (self->store != NULL)
        ioc_store_outbox_release_async (self->store, ioc_outbox_action_get_update_id (p->action),
                                        NULL, NULL, NULL);
      set_delivery (self, ioc_outbox_action_get_service_request_id (p->action), "queued", NULL, NULL);
      pending_free (p);
    }
  if (self->sender != NULL)
    ioc_outbox_sender_wake (self->sender);
}

/**
 * ioc_queue_actions_refresh_async:
 * @self: the actions
 * @callback: called when the states are read
 * @user_data: for @callback
 *
 * Reads the delivery states back from the outbox now.
 */
void
ioc_queue_actions_refresh_async (IocQueueActions     *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (IOC_IS_QUEUE_ACTIONS (self));

  refresh_outbox (self, g_task_new (self, NULL, callback, user_data));
}

/** ioc_queue_actions_refresh_finish: @self: the actions @result: the result @error: why not Returns: whether the states were read */
gboolean
ioc_queue_actions_refresh_finish (IocQueueActions  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/** ioc_queue_actions_get_dialog: @self: the actions Returns: (nullable) (transfer none): the dialog an action or a conflict opened */
AdwMessageDialog *
ioc_queue_actions_get_dialog (IocQueueActions *self)
{
  g_return_val_if_fail (IOC_IS_QUEUE_ACTIONS (self), NULL);

  return self->dialog;
}
