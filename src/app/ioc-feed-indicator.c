/* ioc-feed-indicator.c — one feed's state in the header bar
 *
 * A dot and the feed's name; the state is a CSS class (colour) *and* words in
 * the tooltip and the accessible description, so it never relies on colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ioc-feed-indicator.h"

struct _IocFeedIndicator
{
  GtkWidget      parent_instance;

  IocFeedStatus *status;
  GtkWidget     *dot;
  GtkWidget     *label;
};

G_DEFINE_FINAL_TYPE (IocFeedIndicator, ioc_feed_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_classes[] = {
  [IOC_FEED_STATE_NONE] = "none",
  [IOC_FEED_STATE_LIVE] = "live",
  [IOC_FEED_STATE_STALE] = "stale",
  [IOC_FEED_STATE_ERROR] = "error",
  [IOC_FEED_STATE_OFFLINE] = "offline",
};

static const char *
short_title (IocFeedKind kind)
{
  switch (kind)
    {
    case IOC_FEED_KIND_COMPLAINTS: return C_("feed, short", "Complaints");
    case IOC_FEED_KIND_ENVIRONMENT: return C_("feed, short", "Environment");
    case IOC_FEED_KIND_TTHC: return C_("feed, short", "Procedures");
    case IOC_N_FEED_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

static void
update (IocFeedIndicator *self)
{
  IocFeedState state = ioc_feed_status_get_state (self->status);
  const char *reason = ioc_feed_status_get_reason (self->status);
  GDateTime *when = ioc_feed_status_get_last_success (self->status);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), state_classes[state]);

  /* Translators: "Complaints: Live" — a feed's name and its state. */
  g_string_printf (text, _("%s: %s"), ioc_feed_status_get_title (self->status),
                   ioc_feed_state_label (state));
  if (reason != NULL)
    g_string_append_printf (text, "\n%s", reason);
  if (when != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      g_autofree char *stamp = g_date_time_format (local, "%d/%m/%Y %H:%M");

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Last data: %s"), stamp);
    }
  else if (state == IOC_FEED_STATE_NONE)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("No data has been received from this feed."));
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

static void
ioc_feed_indicator_constructed (GObject *object)
{
  IocFeedIndicator *self = IOC_FEED_INDICATOR (object);

  G_OBJECT_CLASS (ioc_feed_indicator_parent_class)->constructed (object);

  gtk_label_set_label (GTK_LABEL (self->label),
                       short_title (ioc_feed_status_get_kind (self->status)));
  g_signal_connect_object (self->status, "notify", G_CALLBACK (update),
                           self, G_CONNECT_SWAPPED);
  update (self);
}

static void
ioc_feed_indicator_dispose (GObject *object)
{
  IocFeedIndicator *self = IOC_FEED_INDICATOR (object);

  g_clear_pointer (&self->dot, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->status);

  G_OBJECT_CLASS (ioc_feed_indicator_parent_class)->dispose (object);
}

static void
ioc_feed_indicator_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IocFeedIndicator *self = IOC_FEED_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_feed_indicator_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  IocFeedIndicator *self = IOC_FEED_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      self->status = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_feed_indicator_class_init (IocFeedIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ioc_feed_indicator_constructed;
  object_class->dispose = ioc_feed_indicator_dispose;
  object_class->get_property = ioc_feed_indicator_get_property;
  object_class->set_property = ioc_feed_indicator_set_property;

  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL, IOC_TYPE_FEED_STATUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "feedindicator");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ioc_feed_indicator_init (IocFeedIndicator *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "feed-indicator");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  self->dot = gtk_drawing_area_new ();
  gtk_widget_add_css_class (self->dot, "dot");
  gtk_widget_set_valign (self->dot, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->dot, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

GtkWidget *
ioc_feed_indicator_new (IocFeedStatus *status)
{
  g_return_val_if_fail (IOC_IS_FEED_STATUS (status), NULL);
  return g_object_new (IOC_TYPE_FEED_INDICATOR, "status", status, NULL);
}

IocFeedStatus *
ioc_feed_indicator_get_status (IocFeedIndicator *self)
{
  g_return_val_if_fail (IOC_IS_FEED_INDICATOR (self), NULL);
  return self->status;
}
