/* ioc-threshold.c — legal limits and alarm levels (domain.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-threshold.h"

#define NO_LIMIT (-1.0)

/* QCVN 05:2023/BTNMT, µg/Nm³ (µg/m³ at normal conditions, which is how
 * stations report). PM2.5 24 h is handled apart: it changes on 01/01/2026. */
static const struct {
  IocParameter parameter;
  double       limit[IOC_N_AVERAGINGS];   /* 1 h, 8 h, 24 h, year */
} air_limits[] = {
  { IOC_PARAMETER_SO2,  { 350, NO_LIMIT, 125, 50 } },
  { IOC_PARAMETER_CO,   { 30000, 10000, NO_LIMIT, NO_LIMIT } },
  { IOC_PARAMETER_NO2,  { 200, NO_LIMIT, 100, 40 } },
  { IOC_PARAMETER_O3,   { 200, 120, NO_LIMIT, NO_LIMIT } },
  { IOC_PARAMETER_TSP,  { 300, NO_LIMIT, 200, 100 } },
  { IOC_PARAMETER_PM10, { NO_LIMIT, NO_LIMIT, 100, 50 } },
  { IOC_PARAMETER_PM25, { NO_LIMIT, NO_LIMIT, 50, 25 } },
};

static void
fill_check (IocLimitCheck *check,
            double         limit,
            double         value)
{
  check->limit = limit;
  check->exceeded = value > limit;
  check->excess = value - limit;
  check->ratio = value / limit;
}

/**
 * ioc_threshold_air_limit:
 * @date: (nullable): the day the value belongs to; needed for PM2.5 24 h
 *
 * The QCVN 05:2023/BTNMT limit (domain.md §7) for @parameter averaged over
 * @averaging, in µg/m³. PM2.5 24 h is 50 before 01/01/2026 and 45 from
 * that day. %FALSE when the regulation sets no limit for the combination,
 * or for PM2.5 24 h without a valid @date.
 */
gboolean
ioc_threshold_air_limit (IocParameter  parameter,
                         IocAveraging  averaging,
                         const GDate  *date,
                         double       *limit)
{
  g_return_val_if_fail (limit != NULL, FALSE);
  if ((guint) averaging >= IOC_N_AVERAGINGS)
    return FALSE;

  if (parameter == IOC_PARAMETER_PM25 && averaging == IOC_AVERAGING_24H)
    {
      g_autoptr(GDate) change = g_date_new_dmy (1, G_DATE_JANUARY, 2026);

      if (date == NULL || !g_date_valid (date))
        return FALSE;
      *limit = g_date_compare (date, change) < 0 ? 50 : 45;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (air_limits); i++)
    if (air_limits[i].parameter == parameter)
      {
        if (air_limits[i].limit[averaging] == NO_LIMIT)
          return FALSE;
        *limit = air_limits[i].limit[averaging];
        return TRUE;
      }
  return FALSE;
}

/**
 * ioc_threshold_air_check:
 *
 * Compares @value (µg/m³) with the QCVN 05:2023 limit of
 * ioc_threshold_air_limit(): which limit, whether it is exceeded (strictly
 * above) and by how much. %FALSE when there is no such limit.
 */
gboolean
ioc_threshold_air_check (IocParameter    parameter,
                         IocAveraging    averaging,
                         double          value,
                         const GDate    *date,
                         IocLimitCheck  *check)
{
  double limit;

  g_return_val_if_fail (check != NULL, FALSE);
  if (!isfinite (value) || !ioc_threshold_air_limit (parameter, averaging, date, &limit))
    return FALSE;
  fill_check (check, limit, value);
  return TRUE;
}

/* QCVN 08:2023/BTNMT rivers: upper bounds of classes A, B, C; above C is D. */
static const struct {
  IocParameter parameter;
  double       max[3];
} river_upper[] = {
  { IOC_PARAMETER_BOD5,     { 4, 6, 10 } },
  { IOC_PARAMETER_COD,      { 10, 15, 20 } },
  { IOC_PARAMETER_TOC,      { 4, 6, 8 } },
  { IOC_PARAMETER_TOTAL_P,  { 0.1, 0.3, 0.5 } },
  { IOC_PARAMETER_TOTAL_N,  { 0.6, 1.5, 2 } },
  { IOC_PARAMETER_COLIFORM, { 1000, 5000, 7500 } },
};

/**
 * ioc_threshold_river_class:
 *
 * The QCVN 08:2023/BTNMT river class (domain.md §7) @value meets, in the
 * canonical unit: pH 6,5–8,5 A, 6,0–8,5 B (and C), otherwise D; BOD5, COD,
 * TOC, total P, total N, Coliform at most the A/B/C bound, above C: D; DO at
 * least 6/5/4, below 4: D. The best class met is returned.
 * %IOC_RIVER_CLASS_NONE for unclassified parameters or invalid values.
 */
IocRiverClass
ioc_threshold_river_class (IocParameter parameter,
                           double       value)
{
  if (!isfinite (value))
    return IOC_RIVER_CLASS_NONE;

  if (parameter == IOC_PARAMETER_PH)
    {
      if (value >= 6.5 && value <= 8.5)
        return IOC_RIVER_CLASS_A;
      if (value >= 6.0 && value <= 8.5)
        return IOC_RIVER_CLASS_B;
      return IOC_RIVER_CLASS_D;
    }
  if (parameter == IOC_PARAMETER_DO)
    {
      if (value >= 6)
        return IOC_RIVER_CLASS_A;
      if (value >= 5)
        return IOC_RIVER_CLASS_B;
      if (value >= 4)
        return IOC_RIVER_CLASS_C;
      return IOC_RIVER_CLASS_D;
    }
  for (guint i = 0; i < G_N_ELEMENTS (river_upper); i++)
    if (river_upper[i].parameter == parameter)
      {
        for (guint c = 0; c < 3; c++)
          if (value <= river_upper[i].max[c])
            return (IocRiverClass) c;
        return IOC_RIVER_CLASS_D;
      }
  return IOC_RIVER_CLASS_NONE;
}

/** ioc_river_class_to_string: "A", "B", "C", "D"; NULL for NONE. */
const char *
ioc_river_class_to_string (IocRiverClass river_class)
{
  static const char *const names[] = { "A", "B", "C", "D" };

  if ((guint) river_class >= G_N_ELEMENTS (names))
    return NULL;
  return names[river_class];
}

/* QCVN 08:2023/BTNMT limits for human health, mg/L (domain.md §7). */
static const struct {
  IocParameter parameter;
  double       limit;
} health_limits[] = {
  { IOC_PARAMETER_N_NO2, 0.05 },
  { IOC_PARAMETER_N_NH4, 0.3 },
  { IOC_PARAMETER_AS,    0.01 },
  { IOC_PARAMETER_CD,    0.005 },
  { IOC_PARAMETER_PB,    0.02 },
  { IOC_PARAMETER_CR6,   0.01 },
  { IOC_PARAMETER_CU,    0.1 },
  { IOC_PARAMETER_ZN,    0.5 },
  { IOC_PARAMETER_HG,    0.001 },
};

/**
 * ioc_threshold_health_limit:
 *
 * The QCVN 08:2023/BTNMT health limit of @parameter in mg/L (domain.md §7:
 * N-NO2 0,05; N-NH4 0,3; As 0,01; Cd 0,005; Pb 0,02; Cr6+ 0,01; Cu 0,1;
 * Zn 0,5; Hg 0,001). %FALSE for other parameters.
 */
gboolean
ioc_threshold_health_limit (IocParameter  parameter,
                            double       *limit)
{
  g_return_val_if_fail (limit != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (health_limits); i++)
    if (health_limits[i].parameter == parameter)
      {
        *limit = health_limits[i].limit;
        return TRUE;
      }
  return FALSE;
}

/** ioc_threshold_health_check: @value (mg/L) against the health limit of
 * ioc_threshold_health_limit(); exceeded means strictly above. */
gboolean
ioc_threshold_health_check (IocParameter    parameter,
                            double          value,
                            IocLimitCheck  *check)
{
  double limit;

  g_return_val_if_fail (check != NULL, FALSE);
  if (!isfinite (value) || !ioc_threshold_health_limit (parameter, &limit))
    return FALSE;
  fill_check (check, limit, value);
  return TRUE;
}

/* domain.md §7, metres */
static const IocAlarmLevels tan_chau = { 3.5, 4.0, 4.5 };
static const IocAlarmLevels chau_doc = { 3.0, 3.5, 4.0 };

/** ioc_alarm_levels_tan_chau: Tân Châu (sông Tiền) BĐ1 3,5 · BĐ2 4,0 · BĐ3 4,5 m. */
const IocAlarmLevels *
ioc_alarm_levels_tan_chau (void)
{
  return &tan_chau;
}

/** ioc_alarm_levels_chau_doc: Châu Đốc (sông Hậu) BĐ1 3,0 · BĐ2 3,5 · BĐ3 4,0 m. */
const IocAlarmLevels *
ioc_alarm_levels_chau_doc (void)
{
  return &chau_doc;
}

/* Lower case without diacritics, so "Tân Châu", "TAN CHAU" and "tan chau"
 * name the same station. */
static char *
fold_name (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  GString *s = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0110 || c == 0x0111)   /* Đ đ do not decompose */
        c = 'd';
      g_string_append_unichar (s, g_unichar_tolower (c));
    }
  return g_string_free (s, FALSE);
}

/**
 * ioc_alarm_levels_for_station:
 *
 * The alarm levels domain.md §7 gives for a station named "Tân Châu" or
 * "Châu Đốc" (case and diacritics ignored); NULL for other stations, whose
 * levels come from the feed (`alarm_levels` of feeds.md §2).
 */
const IocAlarmLevels *
ioc_alarm_levels_for_station (const char *station)
{
  g_autofree char *folded = NULL;

  if (station == NULL || !g_utf8_validate (station, -1, NULL))
    return NULL;
  folded = g_strstrip (fold_name (station));
  if (strcmp (folded, "tan chau") == 0)
    return &tan_chau;
  if (strcmp (folded, "chau doc") == 0)
    return &chau_doc;
  return NULL;
}

/**
 * ioc_threshold_alarm_level:
 * @above: (out) (optional): metres above the level reached (for
 *   %IOC_ALARM_BELOW: the distance to BĐ1, negative)
 *
 * The highest alarm level (báo động, domain.md §7) the river has reached:
 * a level at or above BĐn counts as BĐn.
 */
IocAlarmLevel
ioc_threshold_alarm_level (const IocAlarmLevels *levels,
                           double                water_level,
                           double               *above)
{
  IocAlarmLevel result;
  double reference;

  g_return_val_if_fail (levels != NULL, IOC_ALARM_BELOW);

  if (water_level >= levels->bd3)
    result = IOC_ALARM_BD3, reference = levels->bd3;
  else if (water_level >= levels->bd2)
    result = IOC_ALARM_BD2, reference = levels->bd2;
  else if (water_level >= levels->bd1)
    result = IOC_ALARM_BD1, reference = levels->bd1;
  else
    result = IOC_ALARM_BELOW, reference = levels->bd1;

  if (above != NULL)
    *above = water_level - reference;
  return result;
}

/** ioc_alarm_level_to_string: wire name: below, bd1, bd2, bd3. */
const char *
ioc_alarm_level_to_string (IocAlarmLevel level)
{
  static const char *const names[] = { "below", "bd1", "bd2", "bd3" };

  if ((guint) level >= G_N_ELEMENTS (names))
    return NULL;
  return names[level];
}

/** ioc_alarm_level_label: translated label (báo động 1/2/3). */
const char *
ioc_alarm_level_label (IocAlarmLevel level)
{
  switch (level)
    {
    case IOC_ALARM_BELOW: return C_("river level", "Below alarm level 1");
    case IOC_ALARM_BD1: return C_("river level", "Alarm level 1");
    case IOC_ALARM_BD2: return C_("river level", "Alarm level 2");
    case IOC_ALARM_BD3: return C_("river level", "Alarm level 3");
    default: return NULL;
    }
}

/**
 * ioc_threshold_salinity_level:
 *
 * Which of the bulletin lines of domain.md §7 the salinity has reached:
 * 1 ‰ (sensitive rice suffers) and 4 ‰ (the legal intrusion line of
 * QĐ 18/2021/QĐ-TTg); reaching a line means at or above it.
 */
IocSalinityLevel
ioc_threshold_salinity_level (double per_mille)
{
  if (per_mille >= 4)
    return IOC_SALINITY_FROM_4;
  if (per_mille >= 1)
    return IOC_SALINITY_FROM_1;
  return IOC_SALINITY_BELOW_1;
}

/** ioc_salinity_level_to_string: wire name: below_1, from_1, from_4. */
const char *
ioc_salinity_level_to_string (IocSalinityLevel level)
{
  static const char *const names[] = { "below_1", "from_1", "from_4" };

  if ((guint) level >= G_N_ELEMENTS (names))
    return NULL;
  return names[level];
}
