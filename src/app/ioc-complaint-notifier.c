/* ioc-complaint-notifier.c — desktop notifications for new complaints in the
 * chosen fields (issue #6)
 *
 * What counts as new: a complaint this process has not seen before, that
 * arrives after the complaints feed's first successful sync since watching
 * started (or since the feed was pointed at another server), and that is
 * still "new" (nobody has acknowledged it). What the snapshot or the first
 * sync loads is the state of the province, not news: an operator starting
 * a shift must not get ten thousand notifications.
 *
 * Bursts: matching complaints are collected for a short window, and two
 * sends are spaced by a cool-down. A burst of a few complaints is announced
 * one by one; a larger one gets one summary per field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-commune.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-export.h"
#include "ioc-complaint-notifier.h"
#include "ioc-field.h"

/* Defaults: a poll delivers its new complaints within one main-loop turn,
 * so two seconds gather a burst; half a minute between sends keeps a busy
 * morning from becoming a stream of pop-ups. */
#define DEFAULT_WINDOW_MS    2000
#define DEFAULT_COOLDOWN_MS  30000
/* Up to this many complaints in a send are announced one by one. */
#define INDIVIDUAL_MAX       3
/* A summary names this many codes, then "and N more". */
#define SUMMARY_CODES        5
#define DESCRIPTION_CHARS    140
#define PLACE_CHARS          100
#define TITLE_CHARS          80

struct _IocComplaintNotifier
{
  GObject            parent_instance;

  GApplication      *application;   /* weak: the application owns us */
  GSettings         *settings;
  IocComplaintsFeed *feed;
  GListModel        *model;

  GHashTable        *known;         /* service_request_id → NULL */
  gboolean           watching;
  gboolean           enabled;
  GHashTable        *fields;        /* canonical service code → NULL */

  GPtrArray         *pending;       /* IocComplaint, in order of arrival */
  guint              flush_id;
  gint64             last_flush;    /* monotonic µs, 0: never */
  guint              window_ms;
  guint              cooldown_ms;
  guint              n_sent;

  /* Which protocol GNotification will speak, to know whether the body is
   * read as markup (see update_escaping()). */
  guint              gtk_watch;
  guint              fdo_watch;
  gboolean           gtk_server;
  gboolean           fdo_markup;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (IocComplaintNotifier, ioc_complaint_notifier, G_TYPE_OBJECT)

/* --- text ------------------------------------------------------------------- */

/**
 * ioc_complaint_notifier_clean_line:
 * @text: (nullable): text from the feed
 * @max_chars: longest result in characters, ellipsis included (0: no limit)
 *
 * issue #6 "Bad input": feed text is shown literally. Control and bidi
 * characters become "<U+XXXX>" (ioc_complaint_export_clean_text()), line
 * breaks and tabs become spaces so that a short description stays one line,
 * and runs of spaces collapse.
 *
 * Returns: (transfer full): the line, "" for %NULL
 */
char *
ioc_complaint_notifier_clean_line (const char *text,
                                   guint       max_chars)
{
  g_autofree char *clean = ioc_complaint_export_clean_text (text);
  GString *out = g_string_sized_new (strlen (clean));
  gboolean space = FALSE;
  glong n_chars;

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  n_chars = g_utf8_strlen (out->str, -1);
  if (max_chars > 1 && n_chars > (glong) max_chars)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str, max_chars - 1);

      g_string_truncate (out, cut - out->str);
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

/* The code by which a field is chosen: the ASCII code of domain.md §3 for the
 * default fields ("ĐCS" and "DCS" are one field), the feed's code otherwise. */
static char *
canonical_code (const char *service_code)
{
  IocField field;

  if (service_code == NULL)
    return NULL;
  if (ioc_field_from_code (service_code, &field))
    return g_strdup (ioc_field_to_string (field));
  return g_strdup (service_code);
}

/* The field as the operator reads it: the translated name of a default
 * field, else the name the feed gives the service. */
static char *
field_label (IocComplaint *complaint)
{
  IocField field;
  const char *name = ioc_complaint_get_service_name (complaint);

  if (ioc_complaint_get_field (complaint, &field))
    return g_strdup (ioc_field_label (field));
  if (name == NULL || name[0] == '\0')
    name = ioc_complaint_get_service_code (complaint);
  if (name == NULL || name[0] == '\0')
    return g_strdup (_("Unknown field"));
  return ioc_complaint_notifier_clean_line (name, TITLE_CHARS);
}

static char *
place_line (IocComplaint *complaint)
{
  const char *code = ioc_complaint_get_commune_code (complaint);
  const IocCommune *commune = code != NULL ? ioc_commune_lookup (code) : NULL;
  g_autofree char *address = ioc_complaint_notifier_clean_line (ioc_complaint_get_address (complaint),
                                                                PLACE_CHARS);

  if (commune != NULL && address[0] != '\0')
    return g_strdup_printf ("%s · %s", commune->full_name, address);
  if (commune != NULL)
    return g_strdup (commune->full_name);
  return g_steal_pointer (&address);
}

/* --- which protocol ------------------------------------------------------------ */

/* GNotification speaks org.gtk.Notifications when a server owns that name
 * (GNOME Shell), the portal in a sandbox, and org.freedesktop.Notifications
 * otherwise (GLib's choice, which GNOTIFICATION_BACKEND overrides). Only on
 * the freedesktop protocol, and only when the server says "body-markup",
 * is the body read as markup: then it is escaped, so that "<b>" in a
 * citizen's text is shown as typed. */
static gboolean
sends_markup (IocComplaintNotifier *self)
{
  const char *forced = g_getenv ("GNOTIFICATION_BACKEND");

  if (forced != NULL && forced[0] != '\0')
    return g_str_equal (forced, "freedesktop") && self->fdo_markup;
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
      g_strcmp0 (g_getenv ("GTK_USE_PORTAL"), "1") == 0)
    return FALSE;
  return !self->gtk_server && self->fdo_markup;
}

static void
on_gtk_appeared (GDBusConnection *connection,
                 const char      *name,
                 const char      *owner,
                 gpointer         user_data)
{
  IOC_COMPLAINT_NOTIFIER (user_data)->gtk_server = TRUE;
}

static void
on_gtk_vanished (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  IOC_COMPLAINT_NOTIFIER (user_data)->gtk_server = FALSE;
}

static void
on_capabilities (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  IocComplaintNotifier *self;
  g_autofree const char **caps = NULL;

  if (reply == NULL)
    {
      /* Nothing to update when cancelled (we are gone); otherwise keep the
       * safe assumption that the body is read as markup. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Notification server capabilities unknown: %s", error->message);
      return;
    }
  self = IOC_COMPLAINT_NOTIFIER (user_data);
  g_variant_get (reply, "(^a&s)", &caps);
  self->fdo_markup = g_strv_contains (caps, "body-markup");
}

static void
on_fdo_appeared (GDBusConnection *connection,
                 const char      *name,
                 const char      *owner,
                 gpointer         user_data)
{
  IocComplaintNotifier *self = user_data;

  g_dbus_connection_call (connection, name, "/org/freedesktop/Notifications",
                          "org.freedesktop.Notifications", "GetCapabilities",
                          NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_capabilities, self);
}

static void
on_fdo_vanished (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  /* A server started later may read markup: assume it does until asked. */
  IOC_COMPLAINT_NOTIFIER (user_data)->fdo_markup = TRUE;
}

/* --- sending ------------------------------------------------------------------- */

static void
send_notification (IocComplaintNotifier *self,
      const char           *id,
      GNotification        *notification)
{
  g_application_send_notification (self->application, id, notification);
  self->n_sent++;
}

static void
set_body (IocComplaintNotifier *self,
          GNotification        *notification,
          const char           *body)
{
  if (sends_markup (self))
    {
      g_autofree char *escaped = g_markup_escape_text (body, -1);

      g_notification_set_body (notification, escaped);
    }
  else
    g_notification_set_body (notification, body);
}

static void
send_one (IocComplaintNotifier *self,
          IocComplaint         *complaint)
{
  const char *id = ioc_complaint_get_service_request_id (complaint);
  g_autofree char *code = ioc_complaint_notifier_clean_line (id, TITLE_CHARS);
  g_autofree char *label = field_label (complaint);
  g_autofree char *place = place_line (complaint);
  g_autofree char *description = ioc_complaint_notifier_clean_line (ioc_complaint_get_description (complaint),
                                                                    DESCRIPTION_CHARS);
  g_autofree char *title = g_strdup_printf (_("New complaint: %s"), label);
  g_autofree char *notification_id = g_strconcat ("complaint-", id, NULL);
  g_autoptr(GString) body = g_string_new (code);
  g_autoptr(GNotification) notification = g_notification_new (title);

  if (place[0] != '\0')
    g_string_append_printf (body, "\n%s", place);
  if (description[0] != '\0')
    g_string_append_printf (body, "\n%s", description);
  set_body (self, notification, body->str);
  g_notification_set_default_action_and_target (notification, IOC_COMPLAINT_NOTIFIER_ACTION, "s", id);
  send_notification (self, notification_id, notification);
}

/* One notification for @n complaints of one field: its title counts them,
 * its body names the first codes, and it opens the newest. Its id names the
 * burst's first complaint, so a later burst never replaces it. */
static void
send_summary (IocComplaintNotifier *self,
              IocComplaint        **complaints,
              guint                 n)
{
  g_autofree char *label = field_label (complaints[0]);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u new complaint in %s",
                                                         "%u new complaints in %s", n),
                                            n, label);
  g_autofree char *field = canonical_code (ioc_complaint_get_service_code (complaints[0]));
  g_autofree char *notification_id = g_strdup_printf ("complaints-%s-%s", field,
                                                      ioc_complaint_get_service_request_id (complaints[0]));
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GNotification) notification = g_notification_new (title);

  for (guint i = 0; i < n && i < SUMMARY_CODES; i++)
    {
      g_autofree char *code = ioc_complaint_notifier_clean_line (ioc_complaint_get_service_request_id (complaints[i]),
                                                                 TITLE_CHARS);

      if (i > 0)
        g_string_append (body, ", ");
      g_string_append (body, code);
    }
  if (n > SUMMARY_CODES)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 n - SUMMARY_CODES),
                              n - SUMMARY_CODES);
    }
  set_body (self, notification, body->str);
  g_notification_set_default_action_and_target (notification, IOC_COMPLAINT_NOTIFIER_ACTION, "s",
                                                ioc_complaint_get_service_request_id (complaints[n - 1]));
  send_notification (self, notification_id, notification);
}

static gboolean
still_wanted (IocComplaintNotifier *self,
              IocComplaint         *complaint)
{
  g_autofree char *code = canonical_code (ioc_complaint_get_service_code (complaint));

  /* Acknowledged during the window, or its field was just unchosen. */
  return self->enabled &&
         ioc_complaint_get_status (complaint) == IOC_COMPLAINT_STATUS_NEW &&
         code != NULL && g_hash_table_contains (self->fields, code);
}

static gboolean
flush (gpointer user_data)
{
  IocComplaintNotifier *self = user_data;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);

  self->flush_id = 0;
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_flush = g_get_monotonic_time ();

  for (guint i = 0; i < pending->len; i++)
    if (still_wanted (self, pending->pdata[i]))
      g_ptr_array_add (wanted, pending->pdata[i]);

  if (self->application == NULL || wanted->len == 0)
    return G_SOURCE_REMOVE;

  if (wanted->len <= INDIVIDUAL_MAX)
    {
      for (guint i = 0; i < wanted->len; i++)
        send_one (self, wanted->pdata[i]);
      return G_SOURCE_REMOVE;
    }

  /* Group by field, fields in order of their first complaint. */
  for (guint i = 0; i < wanted->len; i++)
    {
      char *code = canonical_code (ioc_complaint_get_service_code (wanted->pdata[i]));
      GPtrArray *group = g_hash_table_lookup (groups, code);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_ptr_array_add (order, code);
          g_hash_table_insert (groups, code, group);
        }
      else
        g_free (code);
      g_ptr_array_add (group, wanted->pdata[i]);
    }
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_hash_table_lookup (groups, order->pdata[i]);

      if (group->len == 1)
        send_one (self, group->pdata[0]);
      else
        send_summary (self, (IocComplaint **) group->pdata, group->len);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (IocComplaintNotifier *self)
{
  gint64 delay_ms = self->window_ms;

  if (self->flush_id != 0)
    return;
  if (self->last_flush != 0)
    {
      gint64 since_ms = (g_get_monotonic_time () - self->last_flush) / 1000;

      delay_ms = MAX (delay_ms, (gint64) self->cooldown_ms - since_ms);
    }
  self->flush_id = g_timeout_add ((guint) delay_ms, flush, self);
}

/* --- watching ------------------------------------------------------------------ */

static void
consider (IocComplaintNotifier *self,
          IocComplaint         *complaint)
{
  const char *id = ioc_complaint_get_service_request_id (complaint);

  if (id == NULL || g_hash_table_contains (self->known, id))
    return;
  g_hash_table_add (self->known, g_strdup (id));

  if (self->watching && still_wanted (self, complaint))
    {
      g_ptr_array_add (self->pending, g_object_ref (complaint));
      schedule_flush (self);
    }
}

static void
on_items_changed (GListModel           *model,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  IocComplaintNotifier *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(IocComplaint) complaint = g_list_model_get_item (model, i);

      consider (self, complaint);
    }
}

/* The first successful sync ends the baseline: from now on an unknown
 * complaint is news. */
static void
on_poll_finished (IocComplaintNotifier *self,
                  gboolean              success)
{
  guint n;

  if (!success || self->watching)
    return;
  n = g_list_model_get_n_items (self->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) complaint = g_list_model_get_item (self->model, i);

      consider (self, complaint);
    }
  self->watching = TRUE;
}

/* Another server: its first sync is a baseline too, not a flood of news. */
static void
on_base_url_changed (IocComplaintNotifier *self)
{
  self->watching = FALSE;
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
}

static void
update_settings (IocComplaintNotifier *self)
{
  g_auto(GStrv) codes = g_settings_get_strv (self->settings, "notify-fields");

  self->enabled = g_settings_get_boolean (self->settings, "notify-enabled");
  g_hash_table_remove_all (self->fields);
  for (guint i = 0; codes[i] != NULL; i++)
    g_hash_table_add (self->fields, canonical_code (codes[i]));
}

/* --- object -------------------------------------------------------------------- */

static void
ioc_complaint_notifier_dispose (GObject *object)
{
  IocComplaintNotifier *self = IOC_COMPLAINT_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->gtk_watch, g_bus_unwatch_name);
  g_clear_handle_id (&self->fdo_watch, g_bus_unwatch_name);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->feed != NULL)
    g_signal_handlers_disconnect_by_data (self->feed, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->model);
  g_clear_object (&self->feed);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ioc_complaint_notifier_parent_class)->dispose (object);
}

static void
ioc_complaint_notifier_finalize (GObject *object)
{
  IocComplaintNotifier *self = IOC_COMPLAINT_NOTIFIER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (ioc_complaint_notifier_parent_class)->finalize (object);
}

static void
ioc_complaint_notifier_class_init (IocComplaintNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ioc_complaint_notifier_dispose;
  object_class->finalize = ioc_complaint_notifier_finalize;
}

static void
ioc_complaint_notifier_init (IocComplaintNotifier *self)
{
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->window_ms = DEFAULT_WINDOW_MS;
  self->cooldown_ms = DEFAULT_COOLDOWN_MS;
  /* Until the server answers, assume the body is read as markup: escaped
   * text shown raw is ugly, markup interpreted is wrong. */
  self->fdo_markup = TRUE;
}

/**
 * ioc_complaint_notifier_new:
 * @application: the application that sends (it must outlive the notifier
 *   or the notifier stops sending)
 * @settings: with the keys notify-enabled and notify-fields
 * @feed: the complaints feed whose model is watched
 *
 * Watches @feed for complaints that are new since it started (issue #6:
 * "Notifications for new complaints in chosen fields, off by default").
 * Everything already in the model, and everything up to the feed's first
 * successful sync, is the baseline and is never announced.
 *
 * Returns: (transfer full): the notifier
 */
IocComplaintNotifier *
ioc_complaint_notifier_new (GApplication      *application,
                            GSettings         *settings,
                            IocComplaintsFeed *feed)
{
  IocComplaintNotifier *self;
  guint n;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (IOC_IS_COMPLAINTS_FEED (feed), NULL);

  self = g_object_new (IOC_TYPE_COMPLAINT_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->settings = g_object_ref (settings);
  self->feed = g_object_ref (feed);
  self->model = g_object_ref (G_LIST_MODEL (ioc_complaints_feed_get_model (feed)));

  update_settings (self);
  g_signal_connect_object (settings, "changed::notify-enabled",
                           G_CALLBACK (update_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::notify-fields",
                           G_CALLBACK (update_settings), self, G_CONNECT_SWAPPED);

  n = g_list_model_get_n_items (self->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocComplaint) complaint = g_list_model_get_item (self->model, i);

      consider (self, complaint);
    }
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_items_changed), self, 0);
  g_signal_connect_object (feed, "poll-finished",
                           G_CALLBACK (on_poll_finished), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (feed, "notify::base-url",
                           G_CALLBACK (on_base_url_changed), self, G_CONNECT_SWAPPED);

  self->gtk_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.gtk.Notifications",
                                      G_BUS_NAME_WATCHER_FLAGS_NONE,
                                      on_gtk_appeared, on_gtk_vanished, self, NULL);
  self->fdo_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                      G_BUS_NAME_WATCHER_FLAGS_NONE,
                                      on_fdo_appeared, on_fdo_vanished, self, NULL);
  return self;
}

void
ioc_complaint_notifier_set_timing (IocComplaintNotifier *self,
                                   guint                 window_ms,
                                   guint                 cooldown_ms)
{
  g_return_if_fail (IOC_IS_COMPLAINT_NOTIFIER (self));
  self->window_ms = window_ms;
  self->cooldown_ms = cooldown_ms;
}

gboolean
ioc_complaint_notifier_get_watching (IocComplaintNotifier *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_NOTIFIER (self), FALSE);
  return self->watching;
}

guint
ioc_complaint_notifier_get_n_sent (IocComplaintNotifier *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_NOTIFIER (self), 0);
  return self->n_sent;
}

gboolean
ioc_complaint_notifier_get_escapes_markup (IocComplaintNotifier *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_NOTIFIER (self), FALSE);
  return sends_markup (self);
}
