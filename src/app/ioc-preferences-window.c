/* ioc-preferences-window.c — feed servers, operator, notifications, map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ioc-complaint-notifier.h"
#include "ioc-field.h"
#include "ioc-preferences-window.h"
#include "ioc-secrets.h"

struct _IocPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  IocApplication       *application;
  GSettings            *settings;

  AdwPreferencesPage   *feeds_page;
  AdwEntryRow          *operator_row;
  AdwEntryRow          *tile_url_row;
  AdwEntryRow          *tile_attribution_row;
  AdwActionRow         *boundary_row;
  AdwPreferencesGroup  *notify_group;
  GtkSwitch            *notify_switch;
  /* GtkCheckButton per field, each with its "notify-code" */
  GPtrArray            *notify_checks;
  gboolean              syncing_checks;
};

G_DEFINE_FINAL_TYPE (IocPreferencesWindow, ioc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
feed_group_title (IocFeedKind kind)
{
  switch (kind)
    {
    case IOC_FEED_KIND_COMPLAINTS: return _("Complaints (Open311 GeoReport v2)");
    case IOC_FEED_KIND_ENVIRONMENT: return _("Environment (OGC SensorThings API 1.1)");
    case IOC_FEED_KIND_TTHC: return _("Administrative procedures (TTHC statistics)");
    case IOC_N_FEED_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

/* Show the entry in error style while it does not hold an http(s) address,
 * but save only what is valid: a half-typed URL never reaches the feeds. */
static void
on_url_changed (GtkEditable *editable,
                GSettings   *settings)
{
  const char *key = g_object_get_data (G_OBJECT (editable), "settings-key");
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GUri) uri = NULL;
  gboolean valid;

  if (text[0] == '\0')
    valid = TRUE;
  else
    {
      uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
      valid = uri != NULL &&
              (g_str_equal (g_uri_get_scheme (uri), "http") ||
               g_str_equal (g_uri_get_scheme (uri), "https")) &&
              g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
    }

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      g_settings_set_string (settings, key, text);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
}

static void
on_key_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(IocPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (ioc_secrets_store_api_key_finish (result, &error))
    message = g_strdup (_("API key saved in the keyring"));
  else
    message = g_strdup_printf (_("The API key could not be saved in the keyring: %s"), error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_key_cleared (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(IocPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (ioc_secrets_clear_api_key_finish (result, &error))
    message = g_strdup (_("API key removed from the keyring"));
  else
    message = g_strdup_printf (_("The API key could not be removed from the keyring: %s"), error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* The key goes to the Secret Service, filed under the feed and the address it
 * is for, and the entry is emptied: the secret does not linger in the UI. */
static void
on_key_applied (AdwEntryRow          *row,
                IocPreferencesWindow *self)
{
  IocFeedKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "feed-kind"));
  g_autofree char *url = ioc_application_dup_feed_url (self->application, kind);
  const char *feed = ioc_feed_kind_to_string (kind);
  const char *key = gtk_editable_get_text (GTK_EDITABLE (row));

  if (url == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Set the server address first: the key is kept for that server.")));
      return;
    }

  if (key[0] == '\0')
    ioc_secrets_clear_api_key_async (feed, url, NULL, on_key_cleared, g_object_ref (self));
  else
    ioc_secrets_store_api_key_async (feed, url, key, NULL, on_key_stored, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
add_feed_group (IocPreferencesWindow *self,
                IocFeedKind           kind)
{
  const char *name = ioc_feed_kind_to_string (kind);
  g_autofree char *url_key = g_strdup_printf ("%s-url", name);
  g_autofree char *interval_key = g_strdup_printf ("%s-poll-interval", name);
  g_autofree char *url = g_settings_get_string (self->settings, url_key);
  const char *override = ioc_application_get_base_url_override (self->application);
  AdwPreferencesGroup *group;
  GtkWidget *url_row, *interval_row, *spin, *key_row;

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, feed_group_title (kind));
  if (override != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("This run uses %s for every feed (--base-url); the address below applies to later runs."),
                                               override);
      adw_preferences_group_set_description (group, note);
    }

  url_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (url_row), _("Server address"));
  gtk_editable_set_text (GTK_EDITABLE (url_row), url);
  g_object_set_data_full (G_OBJECT (url_row), "settings-key", g_strdup (url_key), g_free);
  g_signal_connect_object (url_row, "changed", G_CALLBACK (on_url_changed), self->settings, 0);
  adw_preferences_group_add (group, url_row);

  interval_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (interval_row), _("Poll interval"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (interval_row), _("Seconds between two requests"));
  spin = gtk_spin_button_new_with_range (10, 3600, 10);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Poll interval in seconds"), -1);
  g_settings_bind (self->settings, interval_key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (interval_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (interval_row), spin);
  adw_preferences_group_add (group, interval_row);

  /* The key itself is kept in the desktop's Secret Service, never in
   * settings; this row is where the operator types it. */
  key_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (key_row), _("API key (press Enter to save; empty removes it)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (key_row), TRUE);
  g_object_set_data (G_OBJECT (key_row), "feed-kind", GUINT_TO_POINTER (kind));
  g_signal_connect_object (key_row, "apply", G_CALLBACK (on_key_applied), self, 0);
  g_signal_connect_object (key_row, "entry-activated", G_CALLBACK (on_key_applied), self, 0);
  adw_preferences_group_add (group, key_row);

  adw_preferences_page_add (self->feeds_page, group);
}

static void
update_boundary_subtitle (IocPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "boundary-file");

  adw_action_row_set_subtitle (self->boundary_row,
                               path[0] != '\0' ? path : _("None: the map shows no commune boundaries"));
}

static void
on_boundary_chosen (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  IocPreferencesWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "boundary-file", path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_boundary (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IocPreferencesWindow *self = IOC_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Commune Boundaries"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("GeoJSON files"));
  gtk_file_filter_add_pattern (filter, "*.geojson");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_boundary_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- notifications (issue #6) ------------------------------------------------ */

/* "ĐCS" and "DCS" are one field (domain.md §3): settings may hold either. */
static char *
canonical_field_code (const char *code)
{
  IocField field;

  if (ioc_field_from_code (code, &field))
    return g_strdup (ioc_field_to_string (field));
  return g_strdup (code);
}

static void
sync_checks (IocPreferencesWindow *self)
{
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "notify-fields");
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; chosen[i] != NULL; i++)
    g_hash_table_add (set, canonical_field_code (chosen[i]));

  self->syncing_checks = TRUE;
  for (guint i = 0; i < self->notify_checks->len; i++)
    {
      GtkCheckButton *check = self->notify_checks->pdata[i];
      const char *code = g_object_get_data (G_OBJECT (check), "notify-code");

      gtk_check_button_set_active (check, g_hash_table_contains (set, code));
    }
  self->syncing_checks = FALSE;
}

/* The ticked fields, in the order shown, become notify-fields. */
static void
on_check_toggled (IocPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;

  if (self->syncing_checks)
    return;
  for (guint i = 0; i < self->notify_checks->len; i++)
    {
      GtkCheckButton *check = self->notify_checks->pdata[i];

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "notify-code"));
    }
  codes = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "notify-fields", (const char * const *) codes);
}

static void
add_field_row (IocPreferencesWindow *self,
               GHashTable           *shown,
               const char           *code,
               const char           *name)
{
  g_autofree char *canonical = canonical_field_code (code);
  g_autofree char *clean_code = ioc_complaint_notifier_clean_line (code, 40);
  g_autofree char *label = NULL;
  GtkWidget *row, *check;
  IocField field;

  if (canonical == NULL || canonical[0] == '\0' || g_hash_table_contains (shown, canonical))
    return;

  /* The default fields in the operator's language; others as the feed
   * names them, shown literally. */
  if (ioc_field_from_code (code, &field))
    {
      label = g_strdup (ioc_field_label (field));
      /* "ĐCS", as domain.md §3 and the operators write it. */
      g_free (clean_code);
      clean_code = g_strdup (ioc_field_info (field)->code);
    }
  else if (name != NULL && name[0] != '\0')
    label = ioc_complaint_notifier_clean_line (name, 80);
  else
    label = g_strdup (clean_code);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), clean_code);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (check), "notify-code", g_strdup (canonical), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* The fields matter only with notifications on. */
  g_object_bind_property (self->notify_switch, "active", row, "sensitive", G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (self->notify_group, row);

  g_ptr_array_add (self->notify_checks, check);
  g_hash_table_add (shown, g_steal_pointer (&canonical));
}

/* The fields the complaints feed serves (its services list); before its
 * first sync, the default fields of domain.md §3. A field chosen earlier
 * that neither lists is shown too, so that it can be unticked. */
static void
add_notify_rows (IocPreferencesWindow *self)
{
  IocPipeline *pipeline = ioc_application_get_pipeline (self->application);
  GPtrArray *services = ioc_complaints_feed_get_services (ioc_pipeline_get_complaints (pipeline));
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "notify-fields");

  g_settings_bind (self->settings, "notify-enabled", self->notify_switch, "active", G_SETTINGS_BIND_DEFAULT);

  if (services != NULL && services->len > 0)
    for (guint i = 0; i < services->len; i++)
      {
        IocOpen311Service *service = services->pdata[i];

        add_field_row (self, shown, service->service_code, service->service_name);
      }
  else
    {
      guint n_fields;
      const IocFieldInfo *fields = ioc_field_all (&n_fields);

      for (guint i = 0; i < n_fields; i++)
        add_field_row (self, shown, fields[i].wire_code, NULL);
    }
  for (guint i = 0; chosen[i] != NULL; i++)
    add_field_row (self, shown, chosen[i], NULL);

  sync_checks (self);
  g_signal_connect_object (self->settings, "changed::notify-fields",
                           G_CALLBACK (sync_checks), self, G_CONNECT_SWAPPED);
}

static void
ioc_preferences_window_constructed (GObject *object)
{
  IocPreferencesWindow *self = IOC_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (ioc_preferences_window_parent_class)->constructed (object);

  self->settings = g_object_ref (ioc_application_get_settings (self->application));

  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    add_feed_group (self, i);

  g_settings_bind (self->settings, "operator-name", self->operator_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "map-tile-url", self->tile_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "map-tile-attribution", self->tile_attribution_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::boundary-file",
                           G_CALLBACK (update_boundary_subtitle), self, G_CONNECT_SWAPPED);
  update_boundary_subtitle (self);
  add_notify_rows (self);
}

static void
ioc_preferences_window_dispose (GObject *object)
{
  IocPreferencesWindow *self = IOC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IOC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);
  g_clear_pointer (&self->notify_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (ioc_preferences_window_parent_class)->dispose (object);
}

static void
ioc_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  IocPreferencesWindow *self = IOC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_preferences_window_class_init (IocPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ioc_preferences_window_constructed;
  object_class->dispose = ioc_preferences_window_dispose;
  object_class->set_property = ioc_preferences_window_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("ioc-application", NULL, NULL, IOC_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/angiang/IocDashboard/ioc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, feeds_page);
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, tile_url_row);
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, tile_attribution_row);
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, boundary_row);
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, notify_group);
  gtk_widget_class_bind_template_child (widget_class, IocPreferencesWindow, notify_switch);

  gtk_widget_class_install_action (widget_class, "prefs.choose-boundary", NULL, choose_boundary);
}

static void
ioc_preferences_window_init (IocPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->notify_checks = g_ptr_array_new ();
}

IocPreferencesWindow *
ioc_preferences_window_new (IocApplication *application)
{
  return g_object_new (IOC_TYPE_PREFERENCES_WINDOW,
                       "ioc-application", application,
                       "application", application,
                       NULL);
}
