/* ioc-tthc-unit.c — a unit handling administrative procedures (feeds.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-tthc-unit.h"

struct _IocTthcUnit
{
  GObject parent_instance;

  char *unit_id;
  char *name;
  IocTthcUnitKind kind;
  char *commune_code;
};

G_DEFINE_FINAL_TYPE (IocTthcUnit, ioc_tthc_unit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNIT_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_COMMUNE_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[IOC_N_TTHC_UNIT_KINDS] = {
  "so_nganh", "xa", "phuong", "dac_khu", "tinh",
};

/** ioc_tthc_unit_kind_to_string: the `kind` code of units.json (feeds.md §3). */
const char *
ioc_tthc_unit_kind_to_string (IocTthcUnitKind kind)
{
  g_return_val_if_fail ((guint) kind < IOC_N_TTHC_UNIT_KINDS, NULL);
  return kind_names[kind];
}

/**
 * ioc_tthc_unit_kind_from_string:
 * @name: (nullable): `so_nganh|xa|phuong|dac_khu|tinh` (feeds.md §3)
 * @kind: (out) (optional)
 */
gboolean
ioc_tthc_unit_kind_from_string (const char      *name,
                                IocTthcUnitKind *kind)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < IOC_N_TTHC_UNIT_KINDS; i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (IocTthcUnitKind) i;
        return TRUE;
      }

  return FALSE;
}

/** ioc_tthc_unit_kind_label: the translated name of the kind of unit. */
const char *
ioc_tthc_unit_kind_label (IocTthcUnitKind kind)
{
  switch (kind)
    {
    case IOC_TTHC_UNIT_KIND_SO_NGANH: return C_("TTHC unit kind", "Department");
    case IOC_TTHC_UNIT_KIND_XA: return C_("TTHC unit kind", "Commune");
    case IOC_TTHC_UNIT_KIND_PHUONG: return C_("TTHC unit kind", "Ward");
    case IOC_TTHC_UNIT_KIND_DAC_KHU: return C_("TTHC unit kind", "Special zone");
    case IOC_TTHC_UNIT_KIND_TINH: return C_("TTHC unit kind", "Province");
    case IOC_N_TTHC_UNIT_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
ioc_tthc_unit_finalize (GObject *object)
{
  IocTthcUnit *self = (IocTthcUnit *) object;

  g_free (self->unit_id);
  g_free (self->name);
  g_free (self->commune_code);

  G_OBJECT_CLASS (ioc_tthc_unit_parent_class)->finalize (object);
}

static void
ioc_tthc_unit_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  IocTthcUnit *self = IOC_TTHC_UNIT (object);

  switch (prop_id)
    {
    case PROP_UNIT_ID: g_value_set_string (value, self->unit_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_COMMUNE_CODE: g_value_set_string (value, self->commune_code); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_tthc_unit_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  IocTthcUnit *self = IOC_TTHC_UNIT (object);

  /* Construct-only: each is set exactly once. */
  switch (prop_id)
    {
    case PROP_UNIT_ID: self->unit_id = g_value_dup_string (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    case PROP_COMMUNE_CODE: self->commune_code = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ioc_tthc_unit_class_init (IocTthcUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ioc_tthc_unit_finalize;
  object_class->get_property = ioc_tthc_unit_get_property;
  object_class->set_property = ioc_tthc_unit_set_property;

  properties[PROP_UNIT_ID] = g_param_spec_string ("unit-id", NULL, NULL, NULL, co);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, co);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, IOC_TYPE_TTHC_UNIT_KIND,
                                             IOC_TTHC_UNIT_KIND_SO_NGANH, co);
  properties[PROP_COMMUNE_CODE] = g_param_spec_string ("commune-code", NULL, NULL, NULL, co);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ioc_tthc_unit_init (IocTthcUnit *self)
{
}

/**
 * ioc_tthc_unit_new:
 * @unit_id: the feed's `unit_id`
 * @name: the unit's official name
 * @kind: `kind` of units.json (feeds.md §3)
 * @commune_code: (nullable): the 5-digit code of a xã, phường or đặc khu
 *
 * Returns: (transfer full)
 */
IocTthcUnit *
ioc_tthc_unit_new (const char      *unit_id,
                   const char      *name,
                   IocTthcUnitKind  kind,
                   const char      *commune_code)
{
  g_return_val_if_fail ((guint) kind < IOC_N_TTHC_UNIT_KINDS, NULL);

  return g_object_new (IOC_TYPE_TTHC_UNIT,
                       "unit-id", unit_id,
                       "name", name,
                       "kind", kind,
                       "commune-code", commune_code,
                       NULL);
}

const char *
ioc_tthc_unit_get_unit_id (IocTthcUnit *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_UNIT (self), NULL);
  return self->unit_id;
}

const char *
ioc_tthc_unit_get_name (IocTthcUnit *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_UNIT (self), NULL);
  return self->name;
}

IocTthcUnitKind
ioc_tthc_unit_get_kind (IocTthcUnit *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_UNIT (self), IOC_TTHC_UNIT_KIND_SO_NGANH);
  return self->kind;
}

const char *
ioc_tthc_unit_get_commune_code (IocTthcUnit *self)
{
  g_return_val_if_fail (IOC_IS_TTHC_UNIT (self), NULL);
  return self->commune_code;
}
