/* ioc-station.c — a monitoring station: SensorThings Thing + Location and the
 * project's Thing.properties (feeds.md §2, domain.md §7–8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "ioc-station.h"

struct _IocStation
{
  GObject parent_instance;

  char *id;
  char *name;
  char *description;
  char *location_name;
  gboolean has_location;
  double lat;
  double lon;
  IocStationKind kind;
  char *commune_code;
  gboolean has_alarm_levels;
  double alarm_levels[3];
  GListStore *datastreams;
};

G_DEFINE_FINAL_TYPE (IocStation, ioc_station, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_LOCATION_NAME,
  PROP_LAT,
  PROP_LONG,
  PROP_HAS_LOCATION,
  PROP_KIND,
  PROP_COMMUNE_CODE,
  PROP_HAS_ALARM_LEVELS,
  PROP_BD1,
  PROP_BD2,
  PROP_BD3,
  PROP_DATASTREAMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ----- kind -------------------------------------------------------------- */

static const char * const kind_names[IOC_N_STATION_KINDS] = {
  NULL, "air", "water", "hydro", "salinity",
};

/** ioc_station_kind_to_string: the `station_kind` code of feeds.md §2, %NULL for unknown. */
const char *
ioc_station_kind_to_string (IocStationKind kind)
{
  g_return_val_if_fail ((guint) kind < IOC_N_STATION_KINDS, NULL);
  return kind_names[kind];
}

/**
 * ioc_station_kind_from_string:
 * @name: (nullable): `air|water|hydro|salinity` (feeds.md §2)
 * @kind: (out) (optional): the kind, %IOC_STATION_KIND_UNKNOWN on failure
 */
gboolean
ioc_station_kind_from_string (const char     *name,
                              IocStationKind *kind)
{
  if (kind != NULL)
    *kind = IOC_STATION_KIND_UNKNOWN;
  if (name == NULL)
    return FALSE;

  for (guint i = 1; i < IOC_N_STATION_KINDS; i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (IocStationKind) i;
        return TRUE;
      }

  return FALSE;
}

/** ioc_station_kind_label: translated name of the kind of station. */
const char *
ioc_station_kind_label (IocStationKind kind)
{
  switch (kind)
    {
    case IOC_STATION_KIND_UNKNOWN: return C_("station kind", "Other");
    case IOC_STATION_KIND_AIR: return C_("station kind", "Air quality");
    case IOC_STATION_KIND_WATER: return C_("station kind", "Surface water");
    case IOC_STATION_KIND_HYDRO: return C_("station kind", "Water level");
    case IOC_STATION_KIND_SALINITY: return C_("station kind", "Salinity");
    case IOC_N_STATION_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ----- setters ----------------------------------------------------------- */

static gboolean
set_string (IocStation  *self,
            char       **field,
            guint        prop_id,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
set_double (IocStation *self,
            double     *field,
            guint       prop_id,
            double      value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
set_boolean (IocStation *self,
             gboolean   *field,
             guint       prop_id,
             gboolean    value)
{
  value = !!value;
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static gboolean
set_location (IocStation *self,
              gboolean    has,
              double      lat,
              double      lon)
{
  gboolean changed = FALSE;

  if (!has)
    lat = lon = 0.0;
  changed |= set_boolean (self, &self->has_location, PROP_HAS_LOCATION, has);
  changed |= set_double (self, &self->lat, PROP_LAT, lat);
  changed |= set_double (self, &self->lon, PROP_LONG, lon);
  return changed;
}

static gboolean
set_kind (IocStation     *self,
          IocStationKind  kind)
{
  g_return_val_if_fail ((guint) kind < IOC_N_STATION_KINDS, FALSE);
  if (self->kind == kind)
    return FALSE;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  return TRUE;
}

static gboolean
set_alarm_levels (IocStation *self,
                  gboolean    has,
                  double      bd1,
                  double      bd2,
                  double      bd3)
{
  gboolean changed = FALSE;

  if (!has)
    bd1 = bd2 = bd3 = 0.0;
  changed |= set_boolean (self, &self->has_alarm_levels, PROP_HAS_ALARM_LEVELS, has);
  changed |= set_double (self, &self->alarm_levels[0], PROP_BD1, bd1);
  changed |= set_double (self, &self->alarm_levels[1], PROP_BD2, bd2);
  changed |= set_double (self, &self->alarm_levels[2], PROP_BD3, bd3);
  return changed;
}

/* ----- GObject ----------------------------------------------------------- */

static void
ioc_station_finalize (GObject *object)
{
  IocStation *self = (IocStation *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->location_name);
  g_free (self->commune_code);
  g_clear_object (&self->datastreams);

  G_OBJECT_CLASS (ioc_station_parent_class)->finalize (object);
}

static void
ioc_station_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IocStation *self = IOC_STATION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_LOCATION_NAME: g_value_set_string (value, self->location_name); break;
    case PROP_LAT: g_value_set_double (value, self->lat); break;
    case PROP_LONG: g_value_set_double (value, self->lon); break;
    case PROP_HAS_LOCATION: g_value_set_boolean (value, self->has_location); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_COMMUNE_CODE: g_value_set_string (value, self->commune_code); break;
    case PROP_HAS_ALARM_LEVELS: g_value_set_boolean (value, self->has_alarm_levels); break;
    case PROP_BD1: g_value_set_double (value, self->alarm_levels[0]); break;
    case PROP_BD2: g_value_set_double (value, self->alarm_levels[1]); break;
    case PROP_BD3: g_value_set_double (value, self->alarm_levels[2]); break;
    case PROP_DATASTREAMS: g_value_set_object (value, self->datastreams); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_station_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IocStation *self = IOC_STATION (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: set_string (self, &self->name, prop_id, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: set_string (self, &self->description, prop_id, g_value_get_string (value)); break;
    case PROP_LOCATION_NAME: set_string (self, &self->location_name, prop_id, g_value_get_string (value)); break;
    case PROP_KIND: set_kind (self, g_value_get_enum (value)); break;
    case PROP_COMMUNE_CODE: set_string (self, &self->commune_code, prop_id, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_station_class_init (IocStationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ioc_station_finalize;
  object_class->get_property = ioc_station_get_property;
  object_class->set_property = ioc_station_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_LOCATION_NAME] = g_param_spec_string ("location-name", NULL, NULL, NULL, rw);
  /* Location and alarm levels change as a whole: read-only, set through the API. */
  properties[PROP_LAT] = g_param_spec_double ("lat", NULL, NULL, -90.0, 90.0, 0.0, ro);
  properties[PROP_LONG] = g_param_spec_double ("long", NULL, NULL, -180.0, 180.0, 0.0, ro);
  properties[PROP_HAS_LOCATION] = g_param_spec_boolean ("has-location", NULL, NULL, FALSE, ro);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, IOC_TYPE_STATION_KIND, IOC_STATION_KIND_UNKNOWN, rw);
  properties[PROP_COMMUNE_CODE] = g_param_spec_string ("commune-code", NULL, NULL, NULL, rw);
  properties[PROP_HAS_ALARM_LEVELS] = g_param_spec_boolean ("has-alarm-levels", NULL, NULL, FALSE, ro);
  properties[PROP_BD1] = g_param_spec_double ("bd1", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties[PROP_BD2] = g_param_spec_double ("bd2", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties[PROP_BD3] = g_param_spec_double ("bd3", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties[PROP_DATASTREAMS] = g_param_spec_object ("datastreams", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ioc_station_init (IocStation *self)
{
  self->datastreams = g_list_store_new (IOC_TYPE_DATASTREAM);
}

/* ----- public API -------------------------------------------------------- */

/**
 * ioc_station_new:
 * @id: the Thing's `@iot.id` as a string (numbers written in decimal)
 *
 * Returns: (transfer full)
 */
IocStation *
ioc_station_new (const char *id)
{
  return g_object_new (IOC_TYPE_STATION, "id", id, NULL);
}

#define STRING_ACCESSORS(name)                                           \
const char *                                                             \
ioc_station_get_##name (IocStation *self)                                \
{                                                                        \
  g_return_val_if_fail (IOC_IS_STATION (self), NULL);                    \
  return self->name;                                                     \
}

STRING_ACCESSORS (id)
STRING_ACCESSORS (name)
STRING_ACCESSORS (description)
STRING_ACCESSORS (location_name)
STRING_ACCESSORS (commune_code)

void
ioc_station_set_name (IocStation *self,
                      const char *name)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_string (self, &self->name, PROP_NAME, name);
}

void
ioc_station_set_description (IocStation *self,
                             const char *description)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_string (self, &self->description, PROP_DESCRIPTION, description);
}

/** ioc_station_set_location_name: the SensorThings Location's `name`. */
void
ioc_station_set_location_name (IocStation *self,
                               const char *name)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_string (self, &self->location_name, PROP_LOCATION_NAME, name);
}

/** ioc_station_set_commune_code: `Thing.properties.commune_code` (feeds.md §2). */
void
ioc_station_set_commune_code (IocStation *self,
                              const char *code)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_string (self, &self->commune_code, PROP_COMMUNE_CODE, code);
}

gboolean
ioc_station_get_has_location (IocStation *self)
{
  g_return_val_if_fail (IOC_IS_STATION (self), FALSE);
  return self->has_location;
}

double
ioc_station_get_lat (IocStation *self)
{
  g_return_val_if_fail (IOC_IS_STATION (self), 0.0);
  return self->lat;
}

double
ioc_station_get_long (IocStation *self)
{
  g_return_val_if_fail (IOC_IS_STATION (self), 0.0);
  return self->lon;
}

/** ioc_station_set_location: the Location's GeoJSON Point (note: GeoJSON is lon, lat). */
void
ioc_station_set_location (IocStation *self,
                          double      lat,
                          double      lon)
{
  g_return_if_fail (IOC_IS_STATION (self));
  g_return_if_fail (lat >= -90.0 && lat <= 90.0);
  g_return_if_fail (lon >= -180.0 && lon <= 180.0);
  set_location (self, TRUE, lat, lon);
}

void
ioc_station_clear_location (IocStation *self)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_location (self, FALSE, 0.0, 0.0);
}

/** ioc_station_get_kind: `Thing.properties.station_kind` (feeds.md §2). */
IocStationKind
ioc_station_get_kind (IocStation *self)
{
  g_return_val_if_fail (IOC_IS_STATION (self), IOC_STATION_KIND_UNKNOWN);
  return self->kind;
}

void
ioc_station_set_kind (IocStation     *self,
                      IocStationKind  kind)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_kind (self, kind);
}

gboolean
ioc_station_get_has_alarm_levels (IocStation *self)
{
  g_return_val_if_fail (IOC_IS_STATION (self), FALSE);
  return self->has_alarm_levels;
}

/**
 * ioc_station_get_alarm_levels:
 * @levels: (out caller-allocates) (array fixed-size=3): BĐ1, BĐ2, BĐ3 in metres
 *
 * Returns: %FALSE when the station has no alarm levels (@levels untouched)
 */
gboolean
ioc_station_get_alarm_levels (IocStation *self,
                              double      levels[3])
{
  g_return_val_if_fail (IOC_IS_STATION (self), FALSE);

  if (!self->has_alarm_levels)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    levels[i] = self->alarm_levels[i];
  return TRUE;
}

/**
 * ioc_station_set_alarm_levels:
 *
 * `Thing.properties.alarm_levels {bd1, bd2, bd3}` (feeds.md §2), e.g. Tân
 * Châu 3,5 / 4,0 / 4,5 m (domain.md §7). The three levels must be finite and
 * strictly increasing, otherwise they cannot classify a water level.
 *
 * Returns: %FALSE, changing nothing, when the levels are not increasing
 */
gboolean
ioc_station_set_alarm_levels (IocStation *self,
                              double      bd1,
                              double      bd2,
                              double      bd3)
{
  g_return_val_if_fail (IOC_IS_STATION (self), FALSE);

  if (!isfinite (bd1) || !isfinite (bd2) || !isfinite (bd3) || !(bd1 < bd2 && bd2 < bd3))
    return FALSE;
  set_alarm_levels (self, TRUE, bd1, bd2, bd3);
  return TRUE;
}

void
ioc_station_clear_alarm_levels (IocStation *self)
{
  g_return_if_fail (IOC_IS_STATION (self));
  set_alarm_levels (self, FALSE, 0.0, 0.0, 0.0);
}

/**
 * ioc_station_alarm_level_for:
 * @water_level_m: a water level in metres
 *
 * The báo động level reached (domain.md §7): a level counts as reached at or
 * above its value.
 *
 * Returns: 0–3; 0 without levels or for a non-finite value
 */
guint
ioc_station_alarm_level_for (IocStation *self,
                             double      water_level_m)
{
  guint level = 0;

  g_return_val_if_fail (IOC_IS_STATION (self), 0);

  if (!self->has_alarm_levels || !isfinite (water_level_m))
    return 0;
  for (guint i = 0; i < 3; i++)
    if (water_level_m >= self->alarm_levels[i])
      level = i + 1;
  return level;
}

GListModel *
ioc_station_get_datastreams (IocStation *self)
{
  g_return_val_if_fail (IOC_IS_STATION (self), NULL);
  return G_LIST_MODEL (self->datastreams);
}

static gboolean
find_datastream (IocStation *self,
                 const char *id,
                 guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->datastreams));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (G_LIST_MODEL (self->datastreams), i);

      if (g_strcmp0 (ioc_datastream_get_id (ds), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * ioc_station_add_datastream:
 *
 * Adds @datastream, or, when one with the same id exists, updates that one
 * in place so that views bound to it keep their rows.
 */
void
ioc_station_add_datastream (IocStation    *self,
                            IocDatastream *datastream)
{
  guint position;

  g_return_if_fail (IOC_IS_STATION (self));
  g_return_if_fail (IOC_IS_DATASTREAM (datastream));

  if (find_datastream (self, ioc_datastream_get_id (datastream), &position))
    {
      g_autoptr(IocDatastream) existing = g_list_model_get_item (G_LIST_MODEL (self->datastreams), position);

      ioc_datastream_update_from (existing, datastream);
    }
  else
    g_list_store_append (self->datastreams, datastream);
}

IocDatastream *
ioc_station_find_datastream (IocStation *self,
                             const char *id)
{
  guint position;
  g_autoptr(IocDatastream) ds = NULL;

  g_return_val_if_fail (IOC_IS_STATION (self), NULL);

  if (!find_datastream (self, id, &position))
    return NULL;
  /* The store keeps its own reference: returning transfer none is safe. */
  ds = g_list_model_get_item (G_LIST_MODEL (self->datastreams), position);
  return ds;
}

IocDatastream *
ioc_station_find_parameter (IocStation   *self,
                            IocParameter  parameter)
{
  guint n;

  g_return_val_if_fail (IOC_IS_STATION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->datastreams));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (G_LIST_MODEL (self->datastreams), i);

      if (ioc_datastream_get_parameter (ds) == parameter)
        return ds;
    }
  return NULL;
}

/**
 * ioc_station_update_from:
 *
 * Copies the metadata of @other and merges its datastreams by id: existing
 * ones are updated in place, new ones appended, and those @other lacks are
 * removed (the Thing no longer has them). Only what changed is notified.
 *
 * Returns: %TRUE when anything changed
 */
gboolean
ioc_station_update_from (IocStation *self,
                         IocStation *other)
{
  gboolean changed = FALSE;
  GListModel *theirs;
  guint n;

  g_return_val_if_fail (IOC_IS_STATION (self), FALSE);
  g_return_val_if_fail (IOC_IS_STATION (other), FALSE);

  if (self == other)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= set_string (self, &self->name, PROP_NAME, other->name);
  changed |= set_string (self, &self->description, PROP_DESCRIPTION, other->description);
  changed |= set_string (self, &self->location_name, PROP_LOCATION_NAME, other->location_name);
  changed |= set_location (self, other->has_location, other->lat, other->lon);
  changed |= set_kind (self, other->kind);
  changed |= set_string (self, &self->commune_code, PROP_COMMUNE_CODE, other->commune_code);
  changed |= set_alarm_levels (self, other->has_alarm_levels, other->alarm_levels[0],
                               other->alarm_levels[1], other->alarm_levels[2]);

  theirs = G_LIST_MODEL (other->datastreams);

  /* Remove ours that are gone, from the end so positions stay valid. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->datastreams)); i > 0; i--)
    {
      g_autoptr(IocDatastream) ours = g_list_model_get_item (G_LIST_MODEL (self->datastreams), i - 1);

      if (ioc_station_find_datastream (other, ioc_datastream_get_id (ours)) == NULL)
        {
          g_list_store_remove (self->datastreams, i - 1);
          changed = TRUE;
        }
    }

  n = g_list_model_get_n_items (theirs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (theirs, i);
      IocDatastream *ours = ioc_station_find_datastream (self, ioc_datastream_get_id (ds));

      if (ours != NULL)
        changed |= ioc_datastream_update_from (ours, ds);
      else
        {
          g_list_store_append (self->datastreams, ds);
          changed = TRUE;
        }
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}
