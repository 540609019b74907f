/* ioc-datastream.c — a SensorThings Datastream (feeds.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-datastream.h"

struct _IocDatastream
{
  GObject parent_instance;

  char *id;
  char *name;
  IocParameter parameter;
  char *unit_symbol;
  char *observed_property;
  IocObservation *latest;
};

G_DEFINE_FINAL_TYPE (IocDatastream, ioc_datastream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PARAMETER,
  PROP_UNIT_SYMBOL,
  PROP_OBSERVED_PROPERTY,
  PROP_LATEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (IocDatastream *self,
            char         **field,
            guint          prop_id,
            const char    *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
set_parameter (IocDatastream *self,
               IocParameter   parameter)
{
  g_return_val_if_fail ((guint) parameter < IOC_N_PARAMETERS, FALSE);
  if (self->parameter == parameter)
    return FALSE;
  self->parameter = parameter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAMETER]);
  return TRUE;
}

static gboolean
set_latest (IocDatastream        *self,
            const IocObservation *latest)
{
  if (ioc_observation_equal (self->latest, latest))
    return FALSE;
  g_clear_pointer (&self->latest, ioc_observation_free);
  if (latest != NULL)
    self->latest = ioc_observation_copy (latest);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATEST]);
  return TRUE;
}

static void
ioc_datastream_finalize (GObject *object)
{
  IocDatastream *self = (IocDatastream *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->unit_symbol);
  g_free (self->observed_property);
  g_clear_pointer (&self->latest, ioc_observation_free);

  G_OBJECT_CLASS (ioc_datastream_parent_class)->finalize (object);
}

static void
ioc_datastream_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IocDatastream *self = IOC_DATASTREAM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PARAMETER: g_value_set_uint (value, self->parameter); break;
    case PROP_UNIT_SYMBOL: g_value_set_string (value, self->unit_symbol); break;
    case PROP_OBSERVED_PROPERTY: g_value_set_string (value, self->observed_property); break;
    case PROP_LATEST: g_value_set_boxed (value, self->latest); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_datastream_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IocDatastream *self = IOC_DATASTREAM (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: set_string (self, &self->name, prop_id, g_value_get_string (value)); break;
    case PROP_PARAMETER: set_parameter (self, g_value_get_uint (value)); break;
    case PROP_UNIT_SYMBOL: set_string (self, &self->unit_symbol, prop_id, g_value_get_string (value)); break;
    case PROP_OBSERVED_PROPERTY:
      set_string (self, &self->observed_property, prop_id, g_value_get_string (value));
      break;
    case PROP_LATEST: set_latest (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_datastream_class_init (IocDatastreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ioc_datastream_finalize;
  object_class->get_property = ioc_datastream_get_property;
  object_class->set_property = ioc_datastream_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  /* IocParameter has no GType of its own (the indices own it): a guint. */
  properties[PROP_PARAMETER] =
    g_param_spec_uint ("parameter", NULL, NULL, 0, IOC_N_PARAMETERS - 1, IOC_PARAMETER_UNKNOWN, rw);
  properties[PROP_UNIT_SYMBOL] = g_param_spec_string ("unit-symbol", NULL, NULL, NULL, rw);
  properties[PROP_OBSERVED_PROPERTY] = g_param_spec_string ("observed-property", NULL, NULL, NULL, rw);
  properties[PROP_LATEST] = g_param_spec_boxed ("latest", NULL, NULL, IOC_TYPE_OBSERVATION, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ioc_datastream_init (IocDatastream *self)
{
  self->parameter = IOC_PARAMETER_UNKNOWN;
}

/**
 * ioc_datastream_new:
 * @id: the Datastream's `@iot.id`, numbers written as decimal strings
 *   (SensorThings servers use numbers or strings, feeds.md §2)
 *
 * Returns: (transfer full)
 */
IocDatastream *
ioc_datastream_new (const char *id)
{
  return g_object_new (IOC_TYPE_DATASTREAM, "id", id, NULL);
}

const char *
ioc_datastream_get_id (IocDatastream *self)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), NULL);
  return self->id;
}

const char *
ioc_datastream_get_name (IocDatastream *self)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), NULL);
  return self->name;
}

void
ioc_datastream_set_name (IocDatastream *self,
                         const char    *name)
{
  g_return_if_fail (IOC_IS_DATASTREAM (self));
  set_string (self, &self->name, PROP_NAME, name);
}

/** ioc_datastream_get_parameter: the canonical parameter (feeds.md §2 table). */
IocParameter
ioc_datastream_get_parameter (IocDatastream *self)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), IOC_PARAMETER_UNKNOWN);
  return self->parameter;
}

void
ioc_datastream_set_parameter (IocDatastream *self,
                              IocParameter   parameter)
{
  g_return_if_fail (IOC_IS_DATASTREAM (self));
  set_parameter (self, parameter);
}

/** ioc_datastream_get_unit_symbol: `unitOfMeasurement.symbol` as sent (feeds.md §2). */
const char *
ioc_datastream_get_unit_symbol (IocDatastream *self)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), NULL);
  return self->unit_symbol;
}

void
ioc_datastream_set_unit_symbol (IocDatastream *self,
                                const char    *symbol)
{
  g_return_if_fail (IOC_IS_DATASTREAM (self));
  set_string (self, &self->unit_symbol, PROP_UNIT_SYMBOL, symbol);
}

const char *
ioc_datastream_get_observed_property (IocDatastream *self)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), NULL);
  return self->observed_property;
}

void
ioc_datastream_set_observed_property (IocDatastream *self,
                                      const char    *name)
{
  g_return_if_fail (IOC_IS_DATASTREAM (self));
  set_string (self, &self->observed_property, PROP_OBSERVED_PROPERTY, name);
}

const IocObservation *
ioc_datastream_get_latest (IocDatastream *self)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), NULL);
  return self->latest;
}

void
ioc_datastream_set_latest (IocDatastream        *self,
                           const IocObservation *latest)
{
  g_return_if_fail (IOC_IS_DATASTREAM (self));
  set_latest (self, latest);
}

/**
 * ioc_datastream_offer_observation:
 *
 * Polling the latest values and syncing history (feeds.md §2) can deliver
 * observations out of order; only a strictly newer one (or a corrected value
 * at the same time) replaces the latest.
 *
 * Returns: %TRUE when @observation became the latest
 */
gboolean
ioc_datastream_offer_observation (IocDatastream        *self,
                                  const IocObservation *observation)
{
  g_return_val_if_fail (IOC_IS_DATASTREAM (self), FALSE);
  g_return_val_if_fail (observation != NULL, FALSE);

  if (self->latest != NULL && observation->phenomenon_time < self->latest->phenomenon_time)
    return FALSE;
  return set_latest (self, observation);
}

/**
 * ioc_datastream_update_from:
 *
 * Copies the fields of @other, notifying only those that changed. The
 * latest observation is kept if @other has none or an older one, since a
 * metadata refresh must not lose a value.
 *
 * Returns: %TRUE when anything changed
 */
gboolean
ioc_datastream_update_from (IocDatastream *self,
                            IocDatastream *other)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (IOC_IS_DATASTREAM (self), FALSE);
  g_return_val_if_fail (IOC_IS_DATASTREAM (other), FALSE);

  if (self == other)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= set_string (self, &self->name, PROP_NAME, other->name);
  changed |= set_parameter (self, other->parameter);
  changed |= set_string (self, &self->unit_symbol, PROP_UNIT_SYMBOL, other->unit_symbol);
  changed |= set_string (self, &self->observed_property, PROP_OBSERVED_PROPERTY, other->observed_property);
  if (other->latest != NULL)
    changed |= ioc_datastream_offer_observation (self, other->latest);
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}
