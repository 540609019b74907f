/* ioc-parameter.h — observed parameters (air, water, hydrology)
 *
 * The canonical names are those of feeds.md §2; a feed's own names and
 * definitions are mapped onto them by the adapter tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_PARAMETER_UNKNOWN = 0,
  /* air */
  IOC_PARAMETER_PM25,
  IOC_PARAMETER_PM10,
  IOC_PARAMETER_O3,
  IOC_PARAMETER_CO,
  IOC_PARAMETER_NO2,
  IOC_PARAMETER_SO2,
  IOC_PARAMETER_TSP,
  /* surface water */
  IOC_PARAMETER_PH,
  IOC_PARAMETER_DO,
  IOC_PARAMETER_TEMPERATURE,
  IOC_PARAMETER_BOD5,
  IOC_PARAMETER_COD,
  IOC_PARAMETER_TOC,
  IOC_PARAMETER_N_NH4,
  IOC_PARAMETER_N_NO3,
  IOC_PARAMETER_N_NO2,
  IOC_PARAMETER_P_PO4,
  IOC_PARAMETER_TOTAL_P,
  IOC_PARAMETER_TOTAL_N,
  IOC_PARAMETER_TSS,
  IOC_PARAMETER_COLIFORM,
  IOC_PARAMETER_E_COLI,
  IOC_PARAMETER_AS,
  IOC_PARAMETER_CD,
  IOC_PARAMETER_PB,
  IOC_PARAMETER_CR6,
  IOC_PARAMETER_CU,
  IOC_PARAMETER_ZN,
  IOC_PARAMETER_HG,
  IOC_PARAMETER_ALDRIN,
  IOC_PARAMETER_BHC,
  IOC_PARAMETER_DIELDRIN,
  IOC_PARAMETER_DDTS,
  IOC_PARAMETER_HEPTACHLOR,
  /* hydrology */
  IOC_PARAMETER_WATER_LEVEL,
  IOC_PARAMETER_SALINITY,
  IOC_N_PARAMETERS
} IocParameter;

/* Canonical name ("PM2.5", "N-NH4", "water_level"…); NULL for UNKNOWN. */
const char   *ioc_parameter_to_string   (IocParameter  parameter);
/* Exact canonical name, case-insensitive; UNKNOWN when not one. */
IocParameter  ioc_parameter_from_string (const char   *name);
/* The unit every index is computed in (µg/m³, mg/L, MPN/100 mL, m, ‰…). */
const char   *ioc_parameter_unit        (IocParameter  parameter);

G_END_DECLS
