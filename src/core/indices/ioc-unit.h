/* ioc-unit.h — units of measurement and conversion to canonical units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-parameter.h"

G_BEGIN_DECLS

typedef enum {
  IOC_UNIT_UNKNOWN = 0,
  IOC_UNIT_UG_M3,         /* µg/m³, µg/Nm³ */
  IOC_UNIT_MG_M3,
  IOC_UNIT_UG_L,
  IOC_UNIT_MG_L,
  IOC_UNIT_G_L,
  IOC_UNIT_PER_MILLE,     /* ‰, ppt, PSU */
  IOC_UNIT_MPN_100ML,     /* MPN or CFU per 100 mL */
  IOC_UNIT_CELSIUS,
  IOC_UNIT_METRE,
  IOC_UNIT_CENTIMETRE,
  IOC_UNIT_MILLIMETRE,
  IOC_UNIT_NONE,          /* dimensionless: pH */
  IOC_N_UNITS
} IocUnit;

#define IOC_UNIT_ERROR (ioc_unit_error_quark ())

typedef enum {
  IOC_UNIT_ERROR_UNKNOWN,     /* the symbol is not a unit we know */
  IOC_UNIT_ERROR_MISMATCH,    /* known, but not convertible to the wanted one */
  IOC_UNIT_ERROR_PARAMETER,   /* the parameter has no canonical unit */
  IOC_UNIT_ERROR_VALUE,       /* NaN or infinite value */
} IocUnitError;

GQuark       ioc_unit_error_quark     (void);

IocUnit      ioc_unit_parse           (const char  *symbol);
const char  *ioc_unit_to_string       (IocUnit      unit);
gboolean     ioc_unit_convert         (double       value,
                                       IocUnit      from,
                                       IocUnit      to,
                                       double      *out,
                                       GError     **error);
gboolean     ioc_unit_to_canonical    (IocParameter parameter,
                                       double       value,
                                       const char  *symbol,
                                       double      *out,
                                       GError     **error);

G_END_DECLS
