/* ioc-unit.c — units of measurement and conversion to canonical units
 *
 * Feeds write units every which way (feeds.md §2: "CO in mg/m³ → µg/m³");
 * every index of domain.md §5–§7 is computed in the parameter's canonical unit
 * (ioc_parameter_unit()), so values are converted once, on the way in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-unit.h"

G_DEFINE_QUARK (ioc-unit-error-quark, ioc_unit_error)

/* Units convert only within a dimension, by a factor to the dimension's base. */
typedef enum {
  DIM_NONE,
  DIM_AIR_MASS,        /* base µg/m³ */
  DIM_WATER_MASS,      /* base mg/L; ‰ of salinity is g/L (fresh-water density) */
  DIM_COUNT,           /* base MPN/100 mL */
  DIM_TEMPERATURE,     /* base °C */
  DIM_LENGTH,          /* base m */
  DIM_DIMENSIONLESS,
} Dimension;

typedef struct {
  const char *symbol;  /* canonical spelling */
  Dimension   dimension;
  double      factor;  /* value × factor = value in the dimension's base */
} UnitInfo;

static const UnitInfo units[] = {
  [IOC_UNIT_UNKNOWN]     = { NULL,          DIM_NONE,          0 },
  [IOC_UNIT_UG_M3]       = { "µg/m³",       DIM_AIR_MASS,      1 },
  [IOC_UNIT_MG_M3]       = { "mg/m³",       DIM_AIR_MASS,      1000 },
  [IOC_UNIT_UG_L]        = { "µg/L",        DIM_WATER_MASS,    0.001 },
  [IOC_UNIT_MG_L]        = { "mg/L",        DIM_WATER_MASS,    1 },
  [IOC_UNIT_G_L]         = { "g/L",         DIM_WATER_MASS,    1000 },
  [IOC_UNIT_PER_MILLE]   = { "‰",           DIM_WATER_MASS,    1000 },
  [IOC_UNIT_MPN_100ML]   = { "MPN/100 mL",  DIM_COUNT,         1 },
  [IOC_UNIT_CELSIUS]     = { "°C",          DIM_TEMPERATURE,   1 },
  [IOC_UNIT_METRE]       = { "m",           DIM_LENGTH,        1 },
  [IOC_UNIT_CENTIMETRE]  = { "cm",          DIM_LENGTH,        0.01 },
  [IOC_UNIT_MILLIMETRE]  = { "mm",          DIM_LENGTH,        0.001 },
  [IOC_UNIT_NONE]        = { "",            DIM_DIMENSIONLESS, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (units) == IOC_N_UNITS);

/* Spellings after normalisation (see normalise()): micro → 'u', superscript
 * three → '3', no spaces, ASCII lower case. */
static const struct {
  const char *spelling;
  IocUnit     unit;
} aliases[] = {
  { "ug/m3",      IOC_UNIT_UG_M3 },
  { "ug/nm3",     IOC_UNIT_UG_M3 },   /* QCVN 05 writes µg/Nm³ */
  { "ugm-3",      IOC_UNIT_UG_M3 },
  { "mg/m3",      IOC_UNIT_MG_M3 },
  { "mg/nm3",     IOC_UNIT_MG_M3 },
  { "mgm-3",      IOC_UNIT_MG_M3 },
  { "ug/l",       IOC_UNIT_UG_L },
  { "mg/l",       IOC_UNIT_MG_L },
  { "g/l",        IOC_UNIT_G_L },
  { "‰",          IOC_UNIT_PER_MILLE },
  { "ppt",        IOC_UNIT_PER_MILLE },
  { "psu",        IOC_UNIT_PER_MILLE },
  { "permille",   IOC_UNIT_PER_MILLE },
  { "mpn/100ml",  IOC_UNIT_MPN_100ML },
  { "cfu/100ml",  IOC_UNIT_MPN_100ML },
  { "°c",         IOC_UNIT_CELSIUS },
  { "℃",          IOC_UNIT_CELSIUS },
  { "degc",       IOC_UNIT_CELSIUS },
  { "cel",        IOC_UNIT_CELSIUS },   /* UCUM */
  { "m",          IOC_UNIT_METRE },
  { "cm",         IOC_UNIT_CENTIMETRE },
  { "mm",         IOC_UNIT_MILLIMETRE },
  { "",           IOC_UNIT_NONE },
  { "ph",         IOC_UNIT_NONE },
  { "-",          IOC_UNIT_NONE },
  { "1",          IOC_UNIT_NONE },      /* UCUM's unity */
};

static char *
normalise (const char *symbol)
{
  GString *s = g_string_new (NULL);
  const char *p;

  for (p = symbol; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (c == 0x00B5 || c == 0x03BC)      /* micro sign, Greek small mu */
        g_string_append_c (s, 'u');
      else if (c == 0x00B3)                /* superscript three */
        g_string_append_c (s, '3');
      else if (c < 0x80)
        g_string_append_c (s, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/**
 * ioc_unit_parse:
 *
 * Recognises a unit symbol as feeds write it (feeds.md §2,
 * `unitOfMeasurement.symbol`): µg/m³ with the micro sign U+00B5 or the Greek
 * mu U+03BC, `ug/m3`, `µg/Nm³`, `mg/m³`, `mg/L`, `µg/L`, `g/L`, `‰`, `ppt`,
 * `MPN/100 mL`, `°C`, `℃`, `m`, `cm`, and "" or "pH" for pH. Spaces and ASCII
 * case do not matter. %IOC_UNIT_UNKNOWN for anything else, NULL included.
 */
IocUnit
ioc_unit_parse (const char *symbol)
{
  g_autofree char *n = NULL;

  if (symbol == NULL || !g_utf8_validate (symbol, -1, NULL))
    return IOC_UNIT_UNKNOWN;
  n = normalise (symbol);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (aliases[i].spelling, n) == 0)
      return aliases[i].unit;
  return IOC_UNIT_UNKNOWN;
}

/**
 * ioc_unit_to_string:
 *
 * The canonical symbol ("µg/m³", "mg/L", "‰"…; "" for dimensionless);
 * NULL for %IOC_UNIT_UNKNOWN.
 */
const char *
ioc_unit_to_string (IocUnit unit)
{
  if ((guint) unit >= IOC_N_UNITS)
    return NULL;
  return units[unit].symbol;
}

/**
 * ioc_unit_convert:
 *
 * Converts @value from @from to @to: mg/m³ ↔ µg/m³; µg/L, mg/L, g/L and ‰
 * (salinity as grams of salt per litre, 1 g/L = 1 ‰ at fresh-water density);
 * cm and mm → m. Units of different dimensions (mg/L → µg/m³) fail with
 * %IOC_UNIT_ERROR_MISMATCH; ppb/ppm of gases are not accepted at all since
 * they need a molar mass and a reference temperature.
 */
gboolean
ioc_unit_convert (double    value,
                  IocUnit   from,
                  IocUnit   to,
                  double   *out,
                  GError  **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (from == IOC_UNIT_UNKNOWN || (guint) from >= IOC_N_UNITS ||
      to == IOC_UNIT_UNKNOWN || (guint) to >= IOC_N_UNITS)
    {
      g_set_error_literal (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_UNKNOWN,
                           _("Unknown unit"));
      return FALSE;
    }
  if (!isfinite (value))
    {
      g_set_error_literal (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_VALUE,
                           _("The value is not a finite number"));
      return FALSE;
    }
  if (units[from].dimension != units[to].dimension)
    {
      g_set_error (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_MISMATCH,
                   _("Cannot convert “%s” to “%s”"),
                   units[from].symbol, units[to].symbol);
      return FALSE;
    }
  if (from == to)
    *out = value;
  else
    *out = value * units[from].factor / units[to].factor;
  return TRUE;
}

/**
 * ioc_unit_to_canonical:
 *
 * Converts @value, given in the unit written @symbol, to the canonical unit
 * of @parameter (ioc_parameter_unit()), as feeds.md §2 requires before any
 * index is computed. An unknown symbol or one of another dimension is an
 * error naming both.
 */
gboolean
ioc_unit_to_canonical (IocParameter  parameter,
                       double        value,
                       const char   *symbol,
                       double       *out,
                       GError      **error)
{
  const char *canonical = ioc_parameter_unit (parameter);
  IocUnit from, to;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (canonical == NULL)
    {
      g_set_error_literal (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_PARAMETER,
                           _("Unknown parameter"));
      return FALSE;
    }
  from = ioc_unit_parse (symbol);
  if (from == IOC_UNIT_UNKNOWN)
    {
      g_set_error (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_UNKNOWN,
                   _("Unknown unit “%s”"), symbol != NULL ? symbol : "");
      return FALSE;
    }
  to = ioc_unit_parse (canonical);
  g_assert (to != IOC_UNIT_UNKNOWN);

  /* pH is dimensionless, but "" must not slip through for other parameters
   * and a real unit must not slip through for pH: dimensions settle both. */
  if (!ioc_unit_convert (value, from, to, out, &local_error))
    {
      if (g_error_matches (local_error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_MISMATCH))
        g_set_error (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_MISMATCH,
                     _("Unit “%s” does not fit %s (expected %s)"),
                     symbol, ioc_parameter_to_string (parameter),
                     canonical[0] != '\0' ? canonical : _("no unit"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
