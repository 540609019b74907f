/* ioc-parameter.c — canonical names and units of the observed parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-parameter.h"

typedef struct {
  IocParameter  parameter;
  const char   *name;
  const char   *unit;
} ParameterInfo;

/* Names of feeds.md §2; the members the feed list does not name (TSP, total
 * P and N, the pesticides of VN_WQI group II) get names in the same spirit.
 * Units: the ones the indices and limits of domain.md §5–§7 are written in —
 * every air value in µg/m³ (CO included, as VN_AQI's table is), water
 * chemistry in mg/L, pesticides in µg/L, microbes in MPN/100 mL. */
static const ParameterInfo parameters[] = {
  { IOC_PARAMETER_UNKNOWN,     NULL,          NULL },
  { IOC_PARAMETER_PM25,        "PM2.5",       "µg/m³" },
  { IOC_PARAMETER_PM10,        "PM10",        "µg/m³" },
  { IOC_PARAMETER_O3,          "O3",          "µg/m³" },
  { IOC_PARAMETER_CO,          "CO",          "µg/m³" },
  { IOC_PARAMETER_NO2,         "NO2",         "µg/m³" },
  { IOC_PARAMETER_SO2,         "SO2",         "µg/m³" },
  { IOC_PARAMETER_TSP,         "TSP",         "µg/m³" },
  { IOC_PARAMETER_PH,          "pH",          "" },
  { IOC_PARAMETER_DO,          "DO",          "mg/L" },
  { IOC_PARAMETER_TEMPERATURE, "temperature", "°C" },
  { IOC_PARAMETER_BOD5,        "BOD5",        "mg/L" },
  { IOC_PARAMETER_COD,         "COD",         "mg/L" },
  { IOC_PARAMETER_TOC,         "TOC",         "mg/L" },
  { IOC_PARAMETER_N_NH4,       "N-NH4",       "mg/L" },
  { IOC_PARAMETER_N_NO3,       "N-NO3",       "mg/L" },
  { IOC_PARAMETER_N_NO2,       "N-NO2",       "mg/L" },
  { IOC_PARAMETER_P_PO4,       "P-PO4",       "mg/L" },
  { IOC_PARAMETER_TOTAL_P,     "total_P",     "mg/L" },
  { IOC_PARAMETER_TOTAL_N,     "total_N",     "mg/L" },
  { IOC_PARAMETER_TSS,         "TSS",         "mg/L" },
  { IOC_PARAMETER_COLIFORM,    "Coliform",    "MPN/100 mL" },
  { IOC_PARAMETER_E_COLI,      "E.coli",      "MPN/100 mL" },
  { IOC_PARAMETER_AS,          "As",          "mg/L" },
  { IOC_PARAMETER_CD,          "Cd",          "mg/L" },
  { IOC_PARAMETER_PB,          "Pb",          "mg/L" },
  { IOC_PARAMETER_CR6,         "Cr6",         "mg/L" },
  { IOC_PARAMETER_CU,          "Cu",          "mg/L" },
  { IOC_PARAMETER_ZN,          "Zn",          "mg/L" },
  { IOC_PARAMETER_HG,          "Hg",          "mg/L" },
  { IOC_PARAMETER_ALDRIN,      "Aldrin",      "µg/L" },
  { IOC_PARAMETER_BHC,         "BHC",         "µg/L" },
  { IOC_PARAMETER_DIELDRIN,    "Dieldrin",    "µg/L" },
  { IOC_PARAMETER_DDTS,        "DDTs",        "µg/L" },
  { IOC_PARAMETER_HEPTACHLOR,  "Heptachlor",  "µg/L" },
  { IOC_PARAMETER_WATER_LEVEL, "water_level", "m" },
  { IOC_PARAMETER_SALINITY,    "salinity",    "‰" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (parameters) == IOC_N_PARAMETERS);

/**
 * ioc_parameter_to_string:
 *
 * The canonical name of feeds.md §2 ("PM2.5", "N-NH4", "water_level"…), or
 * NULL for %IOC_PARAMETER_UNKNOWN and out-of-range values.
 */
const char *
ioc_parameter_to_string (IocParameter parameter)
{
  if ((guint) parameter >= IOC_N_PARAMETERS)
    return NULL;
  return parameters[parameter].name;
}

/**
 * ioc_parameter_from_string:
 *
 * The parameter whose canonical name (feeds.md §2) is @name, compared without
 * regard to ASCII case; %IOC_PARAMETER_UNKNOWN otherwise. Feed-specific
 * aliases belong to the adapters' tables, not here.
 */
IocParameter
ioc_parameter_from_string (const char *name)
{
  if (name == NULL)
    return IOC_PARAMETER_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (parameters); i++)
    if (g_ascii_strcasecmp (parameters[i].name, name) == 0)
      return parameters[i].parameter;
  return IOC_PARAMETER_UNKNOWN;
}

/**
 * ioc_parameter_unit:
 *
 * The canonical unit every index and limit of domain.md §5–§7 is computed in:
 * "µg/m³" for air (CO included), "mg/L", "µg/L" (pesticides), "MPN/100 mL",
 * "°C", "m", "‰", and "" for the unitless pH. NULL for UNKNOWN.
 */
const char *
ioc_parameter_unit (IocParameter parameter)
{
  if ((guint) parameter >= IOC_N_PARAMETERS)
    return NULL;
  return parameters[parameter].unit;
}
