/* ioc-feed-banner.c — a line under the header bar while a feed shows old data
 *
 * feeds.md asks for a visible state per feed, "offline (showing cached data
 * from date X)". The header's dots carry the state, but a dot and a tooltip
 * are easy to miss on a wall or at the start of a shift: when a feed is not
 * live, this banner says in words which data is old and since when, so an
 * operator never takes a cached queue for the live one. libadwaita 1.2 has
 * no AdwBanner (1.3), hence a small widget of our own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-feed-banner.h"
#include "ioc-format.h"

struct _IocFeedBanner
{
  GtkWidget  parent_instance;

  GtkWidget *revealer;
  GtkWidget *label;
  GPtrArray *statuses;   /* IocFeedStatus */
  char      *text;
};

G_DEFINE_FINAL_TYPE (IocFeedBanner, ioc_feed_banner, GTK_TYPE_WIDGET)

/* The sentence for @titles (one feed's title, or several joined) in
 * @state with data of @stamp (nullable), or NULL while the data is current. */
static char *
describe (IocFeedState  state,
          const char   *titles,
          const char   *stamp)
{
  switch (state)
    {
    case IOC_FEED_STATE_OFFLINE:
      /* Translators: "Complaints: offline, showing the data saved at 22/11/2026 06:30" */
      return stamp != NULL ? g_strdup_printf (_("%s: offline, showing the data saved at %s"), titles, stamp)
                           : g_strdup_printf (_("%s: offline"), titles);
    case IOC_FEED_STATE_STALE:
      return stamp != NULL ? g_strdup_printf (_("%s: no new data since %s"), titles, stamp)
                           : g_strdup_printf (_("%s: no new data"), titles);
    case IOC_FEED_STATE_ERROR:
      /* The reason is in the header's tooltip; here what the operator sees. */
      return stamp != NULL ? g_strdup_printf (_("%s: cannot be updated, showing the data of %s"), titles, stamp)
                           : g_strdup_printf (_("%s: cannot be loaded"), titles);
    case IOC_FEED_STATE_LIVE:
    case IOC_FEED_STATE_NONE:
    default:
      return NULL;
    }
}

/* In Vietnam's time, as every time the dashboard shows. */
static char *
stamp_of (IocFeedStatus *status)
{
  GDateTime *when = ioc_feed_status_get_last_success (status);

  return when != NULL ? ioc_format_date_time (ioc_format_style_default (), when) : NULL;
}

static void
update (IocFeedBanner *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree gboolean *done = g_new0 (gboolean, self->statuses->len);

  /* Feeds in the same state with data of the same minute share one
   * sentence: a network outage reads as one line, not three. */
  for (guint i = 0; i < self->statuses->len; i++)
    {
      IocFeedState state = ioc_feed_status_get_state (self->statuses->pdata[i]);
      g_autofree char *stamp = stamp_of (self->statuses->pdata[i]);
      g_autoptr(GString) titles = NULL;
      g_autofree char *line = NULL;

      if (done[i] || state == IOC_FEED_STATE_LIVE || state == IOC_FEED_STATE_NONE)
        continue;
      titles = g_string_new (ioc_feed_status_get_title (self->statuses->pdata[i]));
      for (guint j = i + 1; j < self->statuses->len; j++)
        {
          g_autofree char *other = stamp_of (self->statuses->pdata[j]);

          if (!done[j] && ioc_feed_status_get_state (self->statuses->pdata[j]) == state &&
              g_strcmp0 (stamp, other) == 0)
            {
              g_string_append_printf (titles, ", %s", ioc_feed_status_get_title (self->statuses->pdata[j]));
              done[j] = TRUE;
            }
        }
      line = describe (state, titles->str, stamp);
      if (line == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, line);
    }
  g_clear_pointer (&self->text, g_free);
  if (text->len > 0)
    {
      self->text = g_string_free (g_steal_pointer (&text), FALSE);
      gtk_label_set_text (GTK_LABEL (self->label), self->text);
    }
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), self->text != NULL);
}

static void
ioc_feed_banner_dispose (GObject *object)
{
  IocFeedBanner *self = IOC_FEED_BANNER (object);

  if (self->statuses != NULL)
    for (guint i = 0; i < self->statuses->len; i++)
      g_signal_handlers_disconnect_by_data (self->statuses->pdata[i], self);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (ioc_feed_banner_parent_class)->dispose (object);
}

static void
ioc_feed_banner_finalize (GObject *object)
{
  IocFeedBanner *self = IOC_FEED_BANNER (object);

  g_free (self->text);
  G_OBJECT_CLASS (ioc_feed_banner_parent_class)->finalize (object);
}

static void
ioc_feed_banner_class_init (IocFeedBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ioc_feed_banner_dispose;
  object_class->finalize = ioc_feed_banner_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "feedbanner");
  /* Announced by screen readers when it appears. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ioc_feed_banner_init (IocFeedBanner *self)
{
  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  self->revealer = gtk_revealer_new ();
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->label, "feed-banner");
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), self->label);
}

IocFeedBanner *
ioc_feed_banner_new (void)
{
  return g_object_new (IOC_TYPE_FEED_BANNER, NULL);
}

void
ioc_feed_banner_add_status (IocFeedBanner *self,
                            IocFeedStatus *status)
{
  g_return_if_fail (IOC_IS_FEED_BANNER (self));
  g_return_if_fail (IOC_IS_FEED_STATUS (status));

  g_ptr_array_add (self->statuses, g_object_ref (status));
  g_signal_connect_swapped (status, "notify", G_CALLBACK (update), self);
  update (self);
}

const char *
ioc_feed_banner_get_text (IocFeedBanner *self)
{
  g_return_val_if_fail (IOC_IS_FEED_BANNER (self), NULL);
  return self->text;
}
