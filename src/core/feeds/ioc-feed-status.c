/* ioc-feed-status.c — how fresh a feed's data is
 *
 * The feed clients own one IocFeedStatus per feed and move it between states;
 * the header indicators, KPI tiles and the wall display bind to its
 * properties. Keeping it in the core lets the CLI report the same states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-feed-status.h"

struct _IocFeedStatus
{
  GObject       parent_instance;

  IocFeedKind   kind;
  IocFeedState  state;
  char         *reason;
  GDateTime    *last_success;
};

G_DEFINE_FINAL_TYPE (IocFeedStatus, ioc_feed_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_STATE,
  PROP_REASON,
  PROP_LAST_SUCCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ioc_feed_status_finalize (GObject *object)
{
  IocFeedStatus *self = (IocFeedStatus *)object;

  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);

  G_OBJECT_CLASS (ioc_feed_status_parent_class)->finalize (object);
}

static void
ioc_feed_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IocFeedStatus *self = IOC_FEED_STATUS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, ioc_feed_status_get_title (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_feed_status_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IocFeedStatus *self = IOC_FEED_STATUS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_feed_status_class_init (IocFeedStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ioc_feed_status_finalize;
  object_class->get_property = ioc_feed_status_get_property;
  object_class->set_property = ioc_feed_status_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      0, IOC_N_FEED_KINDS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       IOC_TYPE_FEED_STATE, IOC_FEED_STATE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ioc_feed_status_init (IocFeedStatus *self)
{
  self->state = IOC_FEED_STATE_NONE;
}

/**
 * ioc_feed_status_new:
 * @kind: which feed
 *
 * Returns: (transfer full): a status in the state %IOC_FEED_STATE_NONE
 */
IocFeedStatus *
ioc_feed_status_new (IocFeedKind kind)
{
  g_return_val_if_fail (kind < IOC_N_FEED_KINDS, NULL);

  return g_object_new (IOC_TYPE_FEED_STATUS, "kind", (int)kind, NULL);
}

IocFeedKind
ioc_feed_status_get_kind (IocFeedStatus *self)
{
  g_return_val_if_fail (IOC_IS_FEED_STATUS (self), 0);
  return self->kind;
}

/** ioc_feed_status_get_title: the feed's translated name ("Complaints"…). */
const char *
ioc_feed_status_get_title (IocFeedStatus *self)
{
  g_return_val_if_fail (IOC_IS_FEED_STATUS (self), NULL);

  switch (self->kind)
    {
    case IOC_FEED_KIND_COMPLAINTS: return _("Complaints");
    case IOC_FEED_KIND_ENVIRONMENT: return _("Environment");
    case IOC_FEED_KIND_TTHC: return _("Administrative procedures");
    case IOC_N_FEED_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

IocFeedState
ioc_feed_status_get_state (IocFeedStatus *self)
{
  g_return_val_if_fail (IOC_IS_FEED_STATUS (self), IOC_FEED_STATE_NONE);
  return self->state;
}

/** ioc_feed_status_get_reason: why the feed is in error, in an operator's words. */
const char *
ioc_feed_status_get_reason (IocFeedStatus *self)
{
  g_return_val_if_fail (IOC_IS_FEED_STATUS (self), NULL);
  return self->reason;
}

/** ioc_feed_status_get_last_success: (nullable): when data last arrived (or was cached). */
GDateTime *
ioc_feed_status_get_last_success (IocFeedStatus *self)
{
  g_return_val_if_fail (IOC_IS_FEED_STATUS (self), NULL);
  return self->last_success;
}

static void
set_state (IocFeedStatus *self,
           IocFeedState   state,
           const char    *reason,
           GDateTime     *when)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }

  if (when != NULL &&
      (self->last_success == NULL || !g_date_time_equal (self->last_success, when)))
    {
      g_clear_pointer (&self->last_success, g_date_time_unref);
      self->last_success = g_date_time_ref (when);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/** ioc_feed_status_set_live: a poll succeeded at @when. */
void
ioc_feed_status_set_live (IocFeedStatus *self,
                          GDateTime     *when)
{
  g_return_if_fail (IOC_IS_FEED_STATUS (self));
  g_return_if_fail (when != NULL);
  set_state (self, IOC_FEED_STATE_LIVE, NULL, when);
}

/** ioc_feed_status_set_stale: no success for 3 poll intervals (feeds.md). */
void
ioc_feed_status_set_stale (IocFeedStatus *self)
{
  g_return_if_fail (IOC_IS_FEED_STATUS (self));
  set_state (self, IOC_FEED_STATE_STALE, self->reason, NULL);
}

/** ioc_feed_status_set_error: the last poll failed; keeps the last success time. */
void
ioc_feed_status_set_error (IocFeedStatus *self,
                           const char    *reason)
{
  g_return_if_fail (IOC_IS_FEED_STATUS (self));
  g_return_if_fail (reason != NULL);
  set_state (self, IOC_FEED_STATE_ERROR, reason, NULL);
}

/** ioc_feed_status_set_offline: showing cached data from @cached_at (nullable: none cached). */
void
ioc_feed_status_set_offline (IocFeedStatus *self,
                             GDateTime     *cached_at)
{
  g_return_if_fail (IOC_IS_FEED_STATUS (self));
  set_state (self, IOC_FEED_STATE_OFFLINE, NULL, cached_at);
}

/** ioc_feed_kind_to_string: the feed's key in settings and on the command line. */
const char *
ioc_feed_kind_to_string (IocFeedKind kind)
{
  switch (kind)
    {
    case IOC_FEED_KIND_COMPLAINTS: return "complaints";
    case IOC_FEED_KIND_ENVIRONMENT: return "environment";
    case IOC_FEED_KIND_TTHC: return "tthc";
    case IOC_N_FEED_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
ioc_feed_kind_from_string (const char  *name,
                           IocFeedKind *kind)
{
  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    if (g_strcmp0 (name, ioc_feed_kind_to_string (i)) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/** ioc_feed_state_label: a short translated word for the header and wall display. */
const char *
ioc_feed_state_label (IocFeedState state)
{
  switch (state)
    {
    case IOC_FEED_STATE_NONE: return C_("feed state", "Not connected");
    case IOC_FEED_STATE_LIVE: return C_("feed state", "Live");
    case IOC_FEED_STATE_STALE: return C_("feed state", "Stale");
    case IOC_FEED_STATE_ERROR: return C_("feed state", "Error");
    case IOC_FEED_STATE_OFFLINE: return C_("feed state", "Offline");
    default: g_return_val_if_reached (NULL);
    }
}
