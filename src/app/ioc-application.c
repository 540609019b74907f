/* ioc-application.c — the GNOME application: command line, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ioc-application.h"
#include "ioc-complaint-notifier.h"
#include "ioc-preferences-window.h"
#include "ioc-secrets.h"
#include "ioc-window.h"

struct _IocApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  IocPipeline    *pipeline;
  IocComplaintNotifier *notifier;
  GCancellable   *cancellable;
  /* --base-url: points every feed at one server for this run only, so a
   * training session never rewrites the operator's saved settings. */
  char           *base_url_override;
};

G_DEFINE_FINAL_TYPE (IocApplication, ioc_application, ADW_TYPE_APPLICATION)

static const char * const page_names[] = {
  "overview", "complaints", "map", "tthc", "environment", "alerts", "briefing", NULL
};

/* Where each protocol lives under a server's base URL (feeds.md). */
static const char * const feed_paths[IOC_N_FEED_KINDS] = {
  [IOC_FEED_KIND_COMPLAINTS] = "open311/v2/",
  [IOC_FEED_KIND_ENVIRONMENT] = "sta/v1.1/",
  [IOC_FEED_KIND_TTHC] = "tthc/v1/",
};

const char * const *
ioc_application_page_names (void)
{
  return page_names;
}

IocApplication *
ioc_application_new (void)
{
  return g_object_new (IOC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/vn/gov/angiang/IocDashboard",
                       NULL);
}

GSettings *
ioc_application_get_settings (IocApplication *self)
{
  g_return_val_if_fail (IOC_IS_APPLICATION (self), NULL);
  return self->settings;
}

IocFeedStatus *
ioc_application_get_feed_status (IocApplication *self,
                                 IocFeedKind     kind)
{
  g_return_val_if_fail (IOC_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (kind < IOC_N_FEED_KINDS, NULL);
  return ioc_pipeline_get_status (self->pipeline, kind);
}

IocPipeline *
ioc_application_get_pipeline (IocApplication *self)
{
  g_return_val_if_fail (IOC_IS_APPLICATION (self), NULL);
  return self->pipeline;
}

static void
on_api_key (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(IocApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  char *key = ioc_secrets_lookup_api_key_finish (result, &error);

  if (error != NULL)
    {
      /* No keyring is not fatal: reading works without a key, and the
       * server's refusal of an action will say what is missing. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("API key not available from the Secret Service: %s", error->message);
      return;
    }
  ioc_pipeline_set_api_key (self->pipeline, key);
  ioc_secrets_free_api_key (key);
}

/* Settings (or --base-url) → the pipeline. Called at start and whenever a
 * feed's address or interval changes. */
static void
apply_feed_settings (IocApplication *self)
{
  g_autofree char *complaints_url = NULL;

  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    {
      g_autofree char *url = ioc_application_dup_feed_url (self, i);
      g_autofree char *key = g_strdup_printf ("%s-poll-interval", ioc_feed_kind_to_string (i));

      ioc_pipeline_set_feed (self->pipeline, i, url, g_settings_get_uint (self->settings, key));
    }
  /* Read by the next full sync; older complaints are out of the queue. */
  ioc_complaints_feed_set_history_days (ioc_pipeline_get_complaints (self->pipeline),
                                        g_settings_get_uint (self->settings, "complaints-history-days"));

  complaints_url = ioc_application_dup_feed_url (self, IOC_FEED_KIND_COMPLAINTS);
  if (complaints_url != NULL)
    ioc_secrets_lookup_api_key_async (ioc_feed_kind_to_string (IOC_FEED_KIND_COMPLAINTS),
                                      complaints_url, self->cancellable,
                                      on_api_key, g_object_ref (self));
}

static void
on_settings_changed (IocApplication *self,
                     const char     *key)
{
  if (g_str_has_suffix (key, "-url") || g_str_has_suffix (key, "-poll-interval") ||
      g_str_equal (key, "complaints-history-days"))
    apply_feed_settings (self);
}

static void
on_store_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(IocApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStore) store = ioc_store_new_finish (result, &error);

  if (store == NULL)
    {
      g_autoptr(GNotification) notification = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Without the store the dashboard still shows the feeds, but operator
       * actions cannot be queued: say so where the operator will see it. */
      g_warning ("The local store could not be opened: %s", error->message);
      notification = g_notification_new (_("The local database could not be opened"));
      g_notification_set_body (notification, error->message);
      g_application_send_notification (G_APPLICATION (self), "store-error", notification);
      return;
    }
  ioc_pipeline_set_store (self->pipeline, store);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (IOC_IS_WINDOW (l->data))
      ioc_window_store_ready (l->data);
}

const char *
ioc_application_get_base_url_override (IocApplication *self)
{
  g_return_val_if_fail (IOC_IS_APPLICATION (self), NULL);
  return self->base_url_override;
}

/**
 * ioc_application_dup_feed_url:
 *
 * Returns: (transfer full) (nullable): the feed's endpoint URL: the
 *   --base-url override joined with the protocol's path, else the URL saved
 *   in settings; %NULL when none is configured.
 */
char *
ioc_application_dup_feed_url (IocApplication *self,
                              IocFeedKind     kind)
{
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (IOC_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (kind < IOC_N_FEED_KINDS, NULL);

  if (self->base_url_override != NULL)
    {
      const char *sep = g_str_has_suffix (self->base_url_override, "/") ? "" : "/";
      return g_strconcat (self->base_url_override, sep, feed_paths[kind], NULL);
    }

  key = g_strdup_printf ("%s-url", ioc_feed_kind_to_string (kind));
  url = g_settings_get_string (self->settings, key);
  if (url[0] == '\0')
    return NULL;
  return g_steal_pointer (&url);
}

static IocWindow *
ensure_window (IocApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (ioc_window_new (self));
  return IOC_WINDOW (window);
}

static void
ioc_application_activate (GApplication *app)
{
  IocApplication *self = IOC_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static gboolean
is_valid_base_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

static int
ioc_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  IocApplication *self = IOC_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *page = NULL;
  const char *base_url = NULL;
  gboolean wall = FALSE;
  IocWindow *window;

  g_variant_dict_lookup (options, "page", "&s", &page);
  g_variant_dict_lookup (options, "base-url", "&s", &base_url);
  g_variant_dict_lookup (options, "wall", "b", &wall);

  if (page != NULL && !g_strv_contains (page_names, page))
    {
      g_autofree char *list = g_strjoinv (", ", (char **)page_names);
      g_application_command_line_printerr (command_line,
                                           _("Unknown page “%s”. Pages: %s.\n"),
                                           page, list);
      return 2;
    }

  if (base_url != NULL)
    {
      if (!is_valid_base_url (base_url))
        {
          g_application_command_line_printerr (command_line,
                                               _("“%s” is not an http or https address.\n"),
                                               base_url);
          return 2;
        }
      g_free (self->base_url_override);
      self->base_url_override = g_strdup (base_url);
      apply_feed_settings (self);
    }

  if (wall)
    /* Reserved for the wall-display mode; say so rather than pretend. */
    g_application_command_line_printerr (command_line, "%s\n",
                                         _("Wall mode is not available in this version; opening the normal window."));

  window = ensure_window (self);
  if (page != NULL)
    ioc_window_set_page (window, page);
  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  IocApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  IocPreferencesWindow *prefs = ioc_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
show_about (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  IocApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "IOC An Giang contributors", NULL };
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("IOC An Giang"),
                        "developer-name", _("IOC An Giang contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Operations console of the Intelligent Operations Centre of An Giang province: citizens’ complaints, administrative procedures and environmental monitoring."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  adw_about_window_add_credit_section (about, _("Data sources"),
                                       (const char *[]) {
                                         _("Citizens’ complaints: SmartAnGiang, through Open311 GeoReport v2"),
                                         _("Environmental monitoring: OGC SensorThings API 1.1"),
                                         _("Administrative procedures: the provincial public-service portal"),
                                         _("Communes: official list after 1 July 2025"),
                                         _("Map data: © OpenStreetMap contributors"),
                                         NULL });
  adw_about_window_add_legal_section (about, _("Index methods"),
                                      _("VN_AQI per Decision 1459/QĐ-TCMT, VN_WQI per Decision 1460/QĐ-TCMT, service index per Decision 766/QĐ-TTg, thresholds per QCVN 05:2023 and 08:2023/BTNMT."),
                                      GTK_LICENSE_CUSTOM, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* app.show-complaint('PA-26-000123'): the default action of a new
 * complaint's notification (issue #6) opens the triage page on it. */
static void
show_complaint (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  IocApplication *self = user_data;
  IocWindow *window = ensure_window (self);

  ioc_window_show_complaint (window, g_variant_get_string (param, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
ioc_application_startup (GApplication *app)
{
  IocApplication *self = IOC_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "preferences", show_preferences, NULL, NULL, NULL, { 0 } },
    { "about", show_about, NULL, NULL, NULL, { 0 } },
    { "show-complaint", show_complaint, "s", NULL, NULL, { 0 } },
    { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  };
  G_APPLICATION_CLASS (ioc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.fullscreen",
                                         (const char *[]) { "F11", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
  apply_feed_settings (self);
  /* Before the pipeline starts, so that the snapshot and the first sync are
   * the notifier's baseline, not news. */
  self->notifier = ioc_complaint_notifier_new (app, self->settings,
                                               ioc_pipeline_get_complaints (self->pipeline));
  ioc_pipeline_start (self->pipeline);
  {
    g_autofree char *path = ioc_store_default_path ();
    ioc_store_new_async (path, self->cancellable, on_store_opened, g_object_ref (self));
  }

  ioc_application_load_style (gdk_display_get_default ());
}

static void
ioc_application_shutdown (GApplication *app)
{
  IocApplication *self = IOC_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->notifier);
  ioc_pipeline_stop (self->pipeline);

  G_APPLICATION_CLASS (ioc_application_parent_class)->shutdown (app);
}

static int
ioc_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("ioc-dashboard %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
ioc_application_finalize (GObject *object)
{
  IocApplication *self = IOC_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->base_url_override, g_free);

  G_OBJECT_CLASS (ioc_application_parent_class)->finalize (object);
}

static void
ioc_application_class_init (IocApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ioc_application_finalize;
  app_class->activate = ioc_application_activate;
  app_class->command_line = ioc_application_command_line;
  app_class->handle_local_options = ioc_application_handle_local_options;
  app_class->startup = ioc_application_startup;
  app_class->shutdown = ioc_application_shutdown;
}

static void
ioc_application_init (IocApplication *self)
{
  static const GOptionEntry options[] = {
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open on a page: overview, complaints, map, tthc, environment, alerts or briefing"), N_("NAME") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Point all three feeds at one server for this run"), N_("URL") },
    { "wall", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Wall-display mode (reserved)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Operations console of the IOC of An Giang province."));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->pipeline = ioc_pipeline_new (NULL);
}

/**
 * ioc_application_load_style:
 * @display: the display to style
 *
 * Installs the application's stylesheet (ui/style.css) on @display, as
 * the dashboard does at start-up. Benchmarks and UI tests that show a page
 * without the application call it too, so that they draw and measure what
 * an operator sees.
 */
void
ioc_application_load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  g_return_if_fail (GDK_IS_DISPLAY (display));
  gtk_css_provider_load_from_resource (css, "/vn/gov/angiang/IocDashboard/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
