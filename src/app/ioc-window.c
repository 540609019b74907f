/* ioc-window.c — the main window: header with feed states, pages, toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ioc-calendar.h"
#include "ioc-complaint-filter.h"
#include "ioc-complaints-page.h"
#include "ioc-complaints-page-private.h"
#include "ioc-feed-banner.h"
#include "ioc-feed-indicator.h"
#include "ioc-field.h"
#include "ioc-map-page.h"
#include "ioc-window.h"
#include "ioc-window-private.h"

struct _IocWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  GtkBox               *feed_indicators;
  AdwBin               *complaints_bin;
  AdwBin               *map_bin;
  IocComplaintsPage    *queue;
  AdwStatusPage        *tthc_page;
  AdwStatusPage        *environment_page;
  GtkWidget            *header_bar;
  IocFeedBanner        *feed_banner;
};

G_DEFINE_FINAL_TYPE (IocWindow, ioc_window, ADW_TYPE_APPLICATION_WINDOW)

static IocApplication *
get_app (IocWindow *self)
{
  return IOC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* A waiting page names the feed it waits for and where that feed is
 * expected, so an operator can tell "not configured" from "not answering". */
static char *
describe_wait (IocWindow   *self,
               IocFeedKind  kind)
{
  g_autofree char *url = ioc_application_dup_feed_url (get_app (self), kind);
  IocFeedStatus *status = ioc_application_get_feed_status (get_app (self), kind);

  if (url == NULL)
    return g_strdup (_("No server is configured for this feed. Set its address in Preferences."));

  if (ioc_feed_status_get_state (status) == IOC_FEED_STATE_ERROR)
    return g_strdup_printf (_("The server at %s did not deliver usable data: %s"),
                            url, ioc_feed_status_get_reason (status));

  return g_strdup_printf (_("This page fills in from the server at %s."), url);
}

static void
update_waiting_pages (IocWindow *self)
{
  g_autofree char *environment = describe_wait (self, IOC_FEED_KIND_ENVIRONMENT);
  g_autofree char *tthc = describe_wait (self, IOC_FEED_KIND_TTHC);

  adw_status_page_set_description (self->environment_page, environment);
  adw_status_page_set_description (self->tthc_page, tthc);
}

static void
on_feed_changed (IocWindow *self)
{
  update_waiting_pages (self);
}

static void
on_map_complaint_activated (IocWindow  *self,
                            const char *service_request_id)
{
  ioc_window_set_page (self, "complaints");
  ioc_complaints_page_select_id (self->queue, service_request_id);
}

static void
update_operator (IocWindow *self)
{
  g_autofree char *name = g_settings_get_string (ioc_application_get_settings (get_app (self)),
                                                 "operator-name");

  ioc_complaints_page_set_operator (self->queue, name);
}

/**
 * ioc_window_store_ready:
 *
 * The store opens asynchronously; from now on the page's actions have an
 * outbox to wait in.
 */
void
ioc_window_store_ready (IocWindow *self)
{
  IocPipeline *pipeline = ioc_application_get_pipeline (get_app (self));

  g_return_if_fail (IOC_IS_WINDOW (self));

  if (ioc_pipeline_get_store (pipeline) != NULL)
    ioc_complaints_page_set_outbox (self->queue, ioc_pipeline_get_store (pipeline),
                                    ioc_pipeline_get_outbox_sender (pipeline));
}

static void
add_complaints_page (IocWindow *self)
{
  IocApplication *app = get_app (self);
  IocPipeline *pipeline = ioc_application_get_pipeline (app);
  GSettings *settings = ioc_application_get_settings (app);
  g_autoptr(IocCalendar) calendar = ioc_calendar_new_default ();

  self->queue = ioc_complaints_page_new ();
  ioc_complaints_page_set_model (self->queue,
                                 G_LIST_MODEL (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (pipeline))));
  ioc_complaints_page_set_calendar (self->queue, calendar);
  adw_bin_set_child (self->complaints_bin, GTK_WIDGET (self->queue));
  g_settings_bind (settings, "complaints-show-detail", self->queue, "show-detail", G_SETTINGS_BIND_DEFAULT);

  /* Notifications are the application's IocComplaintNotifier (one per
   * process, whatever the number of windows): the page's own stays off. */
  update_operator (self);
  g_signal_connect_object (settings, "changed::operator-name",
                           G_CALLBACK (update_operator), self, G_CONNECT_SWAPPED);
  ioc_window_store_ready (self);
}

static gboolean
match_shared_filter (gpointer item,
                     gpointer user_data)
{
  return ioc_complaint_filter_matches (user_data, item);
}

static void
on_shared_filter_changed (GtkFilter *filter)
{
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* The map shows the live models from the first frame: an empty province
 * while the complaints feed has delivered nothing, with the feed's state in
 * the header. */
static void
add_map_page (IocWindow *self)
{
  IocPipeline *pipeline = ioc_application_get_pipeline (get_app (self));
  GListModel *complaints = G_LIST_MODEL (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (pipeline)));
  GListModel *stations = G_LIST_MODEL (ioc_environment_feed_get_model (ioc_pipeline_get_environment (pipeline)));
  GtkWidget *map = ioc_map_page_new (ioc_application_get_settings (get_app (self)), complaints, stations);
  IocComplaintFilter *shared = ioc_complaints_page_get_filter (self->queue);
  GtkFilter *filter;

  /* The map shows what the queue shows: one filter, set on the triage page. */
  filter = GTK_FILTER (gtk_custom_filter_new (match_shared_filter,
                                              g_object_ref (shared), g_object_unref));
  g_signal_connect_object (shared, "changed", G_CALLBACK (on_shared_filter_changed),
                           filter, G_CONNECT_SWAPPED);
  ioc_map_page_set_filter (IOC_MAP_PAGE (map), filter);
  g_object_unref (filter);

  adw_bin_set_child (self->map_bin, map);
  /* One copy of the boundaries: the detail's small map names the communes too. */
  ioc_complaints_page_set_boundaries (self->queue, ioc_map_page_get_boundaries (IOC_MAP_PAGE (map)));
  g_signal_connect_object (map, "complaint-activated",
                           G_CALLBACK (on_map_complaint_activated), self, G_CONNECT_SWAPPED);
}

static void
page_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ioc_window_set_page (IOC_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
fullscreen_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* GtkWindow:application is not a construct property, so it is only set
 * after constructed(): everything that needs the application happens here. */
static void
setup (IocWindow *self)
{
  IocApplication *app = get_app (self);
  GSettings *settings = ioc_application_get_settings (app);
  g_autofree char *page = NULL;

  IocFeedBanner *banner = ioc_feed_banner_new ();

  /* Under the header bar, above every page. */
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->header_bar)),
                              GTK_WIDGET (banner), self->header_bar);
  self->feed_banner = banner;
  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    {
      IocFeedStatus *status = ioc_application_get_feed_status (app, i);

      ioc_feed_banner_add_status (banner, status);
      gtk_box_append (self->feed_indicators, GTK_WIDGET (ioc_feed_indicator_new (status)));
      g_signal_connect_object (status, "notify", G_CALLBACK (on_feed_changed),
                               self, G_CONNECT_SWAPPED);
    }
  add_complaints_page (self);
  add_map_page (self);
  g_signal_connect_object (settings, "changed", G_CALLBACK (update_waiting_pages),
                           self, G_CONNECT_SWAPPED);
  update_waiting_pages (self);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  page = g_settings_get_string (settings, "last-page");
  ioc_window_set_page (self, page);
  g_settings_bind (settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_SET);
}

static void
ioc_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), IOC_TYPE_WINDOW);
  G_OBJECT_CLASS (ioc_window_parent_class)->dispose (object);
}

static void
ioc_window_class_init (IocWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char * const *pages = ioc_application_page_names ();

  object_class->dispose = ioc_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/gov/angiang/IocDashboard/ioc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IocWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, feed_indicators);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, complaints_bin);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, tthc_page);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, environment_page);
  gtk_widget_class_bind_template_child (widget_class, IocWindow, header_bar);

  gtk_widget_class_install_action (widget_class, "win.page", "s", page_activated);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_activated);

  /* Alt+1 … Alt+7 follow the order of the view switcher. */
  for (guint i = 0; pages[i] != NULL; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.page", "s", pages[i]);
}

static void
ioc_window_init (IocWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IocWindow *
ioc_window_new (IocApplication *application)
{
  IocWindow *self;

  g_return_val_if_fail (IOC_IS_APPLICATION (application), NULL);

  self = g_object_new (IOC_TYPE_WINDOW, "application", application, NULL);
  setup (self);
  return self;
}

/** ioc_window_set_page: shows the page @name; unknown names show the overview. */
void
ioc_window_set_page (IocWindow  *self,
                     const char *name)
{
  g_return_if_fail (IOC_IS_WINDOW (self));

  if (name == NULL || adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    name = "overview";
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
ioc_window_get_page (IocWindow *self)
{
  g_return_val_if_fail (IOC_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * ioc_window_show_complaint:
 * @service_request_id: the complaint's code
 *
 * Opens the triage page on the complaint (the default action of a new
 * complaint's notification, issue #6). When the page's filter hides it,
 * a toast says so rather than silently showing another one.
 *
 * Returns: %TRUE when the complaint is selected
 */
gboolean
ioc_window_show_complaint (IocWindow  *self,
                           const char *service_request_id)
{
  g_autofree char *message = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (IOC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (service_request_id != NULL, FALSE);

  ioc_window_set_page (self, "complaints");
  if (ioc_complaints_page_select_id (self->queue, service_request_id))
    return TRUE;

  /* A toast's title is Pango markup (libadwaita 1.2): the code comes from
   * the feed and is shown as sent. */
  code = g_markup_escape_text (service_request_id, -1);
  message = g_strdup_printf (_("Complaint %s is not in the current view: clear the filters to see it."),
                             code);
  ioc_window_add_toast (self, adw_toast_new (message));
  return FALSE;
}

void
ioc_window_add_toast (IocWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (IOC_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

AdwViewStack *
ioc_window_get_stack (IocWindow *self)
{
  g_return_val_if_fail (IOC_IS_WINDOW (self), NULL);
  return self->stack;
}

IocFeedBanner *
ioc_window_get_feed_banner (IocWindow *self)
{
  g_return_val_if_fail (IOC_IS_WINDOW (self), NULL);
  return self->feed_banner;
}
