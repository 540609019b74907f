/* ioc-wqi.c — Vietnam's water quality index, VN_WQI (QĐ 1460/QĐ-TCMT)
 *
 * Sub-indices, groups and bands follow domain.md §6, the project's digest
 * of the decision. The way the five group values combine into one number is
 * an assumption (domain.md §6 says so) and lives in one function,
 * ioc_wqi_aggregate(), so that it can be corrected in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-wqi.h"

static const double row_q[5] = { 100, 75, 50, 25, 10 };

/* One row of the table of domain.md §6 (mg/L; microbes MPN/100 mL).
 * first_strict: the first cell says `<` (q = 100 strictly below it, q = 75
 * exactly at it: the second breakpoint then equals the first).
 * last_gt: the last cell says `>x`: q keeps the previous column's value up to
 * x and is 10 just above (the last breakpoint then equals the fourth). */
typedef struct {
  IocParameter parameter;
  double       bp[5];
  gboolean     first_strict;
  gboolean     last_gt;
} Row;

static const Row rows[] = {
  { IOC_PARAMETER_AS,       { 0.01, 0.02, 0.05, 0.1, 0.1 },      FALSE, TRUE },
  { IOC_PARAMETER_CD,       { 0.005, 0.005, 0.008, 0.01, 0.1 },  TRUE,  FALSE },
  { IOC_PARAMETER_PB,       { 0.02, 0.02, 0.04, 0.05, 0.5 },     TRUE,  FALSE },
  { IOC_PARAMETER_CR6,      { 0.01, 0.02, 0.04, 0.05, 0.1 },     FALSE, FALSE },
  { IOC_PARAMETER_CU,       { 0.1, 0.2, 0.5, 1, 2 },             FALSE, FALSE },
  { IOC_PARAMETER_ZN,       { 0.5, 1, 1.5, 2, 3 },               FALSE, FALSE },
  { IOC_PARAMETER_HG,       { 0.001, 0.001, 0.0015, 0.002, 0.01 }, TRUE, FALSE },
  { IOC_PARAMETER_BOD5,     { 4, 6, 15, 25, 50 },                FALSE, FALSE },
  { IOC_PARAMETER_COD,      { 10, 15, 30, 50, 150 },             FALSE, FALSE },
  { IOC_PARAMETER_TOC,      { 4, 6, 15, 25, 50 },                FALSE, FALSE },
  { IOC_PARAMETER_N_NH4,    { 0.3, 0.3, 0.6, 0.9, 5 },           TRUE,  FALSE },
  { IOC_PARAMETER_N_NO3,    { 2, 5, 10, 15, 15 },                FALSE, TRUE },
  { IOC_PARAMETER_P_PO4,    { 0.1, 0.2, 0.3, 0.5, 4 },           FALSE, FALSE },
  { IOC_PARAMETER_COLIFORM, { 2500, 5000, 7500, 10000, 10000 },  FALSE, TRUE },
  { IOC_PARAMETER_E_COLI,   { 20, 50, 100, 200, 200 },           FALSE, TRUE },
};

/* Pesticide limits in µg/L (domain.md §6): at or below 100, above 10. */
static const struct {
  IocParameter parameter;
  double       limit;
} pesticides[] = {
  { IOC_PARAMETER_ALDRIN,     0.1 },
  { IOC_PARAMETER_BHC,        0.02 },
  { IOC_PARAMETER_DIELDRIN,   0.1 },
  { IOC_PARAMETER_DDTS,       1.0 },
  { IOC_PARAMETER_HEPTACHLOR, 0.2 },
};

#define N_NO2_LIMIT 0.05

/**
 * ioc_wqi_parameter_group:
 *
 * The VN_WQI group of @parameter (QĐ 1460/QĐ-TCMT; domain.md §6): I pH,
 * II pesticides, III metals, IV DO, BOD5, COD, TOC, N-NH4, N-NO3, N-NO2,
 * P-PO4, V Coliform and E.coli. %IOC_WQI_N_GROUPS for parameters outside
 * the index (temperature, TSS, air…).
 */
IocWqiGroup
ioc_wqi_parameter_group (IocParameter parameter)
{
  switch (parameter)
    {
    case IOC_PARAMETER_PH:
      return IOC_WQI_GROUP_I;
    case IOC_PARAMETER_ALDRIN:
    case IOC_PARAMETER_BHC:
    case IOC_PARAMETER_DIELDRIN:
    case IOC_PARAMETER_DDTS:
    case IOC_PARAMETER_HEPTACHLOR:
      return IOC_WQI_GROUP_II;
    case IOC_PARAMETER_AS:
    case IOC_PARAMETER_CD:
    case IOC_PARAMETER_PB:
    case IOC_PARAMETER_CR6:
    case IOC_PARAMETER_CU:
    case IOC_PARAMETER_ZN:
    case IOC_PARAMETER_HG:
      return IOC_WQI_GROUP_III;
    case IOC_PARAMETER_DO:
    case IOC_PARAMETER_BOD5:
    case IOC_PARAMETER_COD:
    case IOC_PARAMETER_TOC:
    case IOC_PARAMETER_N_NH4:
    case IOC_PARAMETER_N_NO3:
    case IOC_PARAMETER_N_NO2:
    case IOC_PARAMETER_P_PO4:
      return IOC_WQI_GROUP_IV;
    case IOC_PARAMETER_COLIFORM:
    case IOC_PARAMETER_E_COLI:
      return IOC_WQI_GROUP_V;
    case IOC_PARAMETER_UNKNOWN:
    case IOC_PARAMETER_PM25:
    case IOC_PARAMETER_PM10:
    case IOC_PARAMETER_O3:
    case IOC_PARAMETER_CO:
    case IOC_PARAMETER_NO2:
    case IOC_PARAMETER_SO2:
    case IOC_PARAMETER_TSP:
    case IOC_PARAMETER_TEMPERATURE:
    case IOC_PARAMETER_TOTAL_P:
    case IOC_PARAMETER_TOTAL_N:
    case IOC_PARAMETER_TSS:
    case IOC_PARAMETER_WATER_LEVEL:
    case IOC_PARAMETER_SALINITY:
    case IOC_N_PARAMETERS:
    default:
      return IOC_WQI_N_GROUPS;
    }
}

static double
row_sub_index (const Row *row,
               double     c)
{
  if (row->first_strict ? c < row->bp[0] : c <= row->bp[0])
    return 100;

  for (guint i = 0; i < 4; i++)
    {
      double lo = row->bp[i], hi = row->bp[i + 1];

      if (hi == lo)
        continue;   /* the `<` first cell or the `>x` last cell: a step */
      if (c <= hi)
        return row_q[i] + (row_q[i + 1] - row_q[i]) * (c - lo) / (hi - lo);
    }
  return 10;
}

/**
 * ioc_wqi_q_ph:
 *
 * pH sub-index (QĐ 1460/QĐ-TCMT; domain.md §6): 100 for 6,0–8,5; 50 at 5,5
 * and at 9,0, linear in between; 10 below 5,5 or above 9,0.
 */
double
ioc_wqi_q_ph (double ph)
{
  if (!isfinite (ph))
    return NAN;
  if (ph < 5.5 || ph > 9.0)
    return 10;
  if (ph < 6.0)
    return 50 + 50 * (ph - 5.5) / 0.5;
  if (ph <= 8.5)
    return 100;
  return 100 - 50 * (ph - 8.5) / 0.5;
}

/**
 * ioc_wqi_do_saturation:
 *
 * Saturated dissolved oxygen in mg/L at @temperature °C (QĐ 1460/QĐ-TCMT;
 * domain.md §6): 14,652 − 0,41022·T + 0,0079910·T² − 0,000077774·T³.
 */
double
ioc_wqi_do_saturation (double temperature)
{
  double t = temperature;

  return 14.652 - 0.41022 * t + 0.0079910 * t * t - 0.000077774 * t * t * t;
}

/**
 * ioc_wqi_do_percent:
 *
 * DO% = DO / DO_sat × 100 (domain.md §6); NAN for invalid input or a
 * temperature where the polynomial is not positive.
 */
double
ioc_wqi_do_percent (double dissolved_oxygen,
                    double temperature)
{
  double sat;

  if (!isfinite (dissolved_oxygen) || dissolved_oxygen < 0 || !isfinite (temperature))
    return NAN;
  sat = ioc_wqi_do_saturation (temperature);
  if (!(sat > 0))
    return NAN;
  return dissolved_oxygen / sat * 100;
}

/**
 * ioc_wqi_q_do_percent:
 *
 * DO sub-index from the saturation percentage (QĐ 1460/QĐ-TCMT; domain.md
 * §6): 100 for 88–112 %, 75 at 75 % and 125 %, 50 at 50 % and 150 %, 25 at
 * 20 % and 200 %, 10 below 20 % or above 200 %, linear in between.
 */
double
ioc_wqi_q_do_percent (double p)
{
  static const double low_p[] = { 20, 50, 75, 88 };
  static const double low_q[] = { 25, 50, 75, 100 };
  static const double high_p[] = { 112, 125, 150, 200 };
  static const double high_q[] = { 100, 75, 50, 25 };

  if (!isfinite (p) || p < 0)
    return NAN;
  if (p < 20 || p > 200)
    return 10;
  if (p >= 88 && p <= 112)
    return 100;
  if (p < 88)
    {
      for (guint i = 0; i + 1 < G_N_ELEMENTS (low_p); i++)
        if (p <= low_p[i + 1])
          return low_q[i] + (low_q[i + 1] - low_q[i]) * (p - low_p[i]) / (low_p[i + 1] - low_p[i]);
    }
  for (guint i = 0; i + 1 < G_N_ELEMENTS (high_p); i++)
    if (p <= high_p[i + 1])
      return high_q[i] + (high_q[i + 1] - high_q[i]) * (p - high_p[i]) / (high_p[i + 1] - high_p[i]);
  g_assert_not_reached ();
  return NAN;
}

/**
 * ioc_wqi_q:
 * @parameter: a parameter of groups I–V other than DO
 * @value: in the canonical unit (ioc_parameter_unit())
 *
 * The sub-index q of @value by the rules of QĐ 1460/QĐ-TCMT as domain.md §6
 * writes them: pH curve, pesticide limits, N-NO2's two states, and the
 * breakpoint table with its `<`, `≤`, `≥` and `>` cells. NAN for DO (use
 * ioc_wqi_q_do_percent(): it needs the temperature), for parameters outside
 * the index and for negative or non-finite values.
 */
double
ioc_wqi_q (IocParameter parameter,
           double       value)
{
  if (!isfinite (value) || value < 0)
    return NAN;
  if (parameter == IOC_PARAMETER_PH)
    return ioc_wqi_q_ph (value);
  if (parameter == IOC_PARAMETER_N_NO2)
    return value <= N_NO2_LIMIT ? 100 : 10;
  for (guint i = 0; i < G_N_ELEMENTS (pesticides); i++)
    if (pesticides[i].parameter == parameter)
      return value <= pesticides[i].limit ? 100 : 10;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].parameter == parameter)
      return row_sub_index (&rows[i], value);
  return NAN;
}

/**
 * ioc_wqi_aggregate:
 * @group: WQI_I … WQI_V, NAN for a group without data
 *
 * ASSUMPTION (domain.md §6, "until checked against the decision's text"):
 * VN_WQI = (WQI_I/100)·(WQI_II/100)·(WQI_III/100)·[(WQI_IV)²·WQI_V]^(1/3);
 * without group V: (WQI_I/100)·(WQI_II/100)·(WQI_III/100)·WQI_IV; a missing
 * group I, II or III counts as 100. This is the only place that combines
 * the groups. Returns NAN without group IV (see ioc_wqi_data_sufficient()
 * for when a WQI may be published at all).
 */
double
ioc_wqi_aggregate (const double group[IOC_WQI_N_GROUPS])
{
  double factor = 1;

  for (guint g = IOC_WQI_GROUP_I; g <= IOC_WQI_GROUP_III; g++)
    factor *= (isnan (group[g]) ? 100 : group[g]) / 100;

  if (isnan (group[IOC_WQI_GROUP_IV]))
    return NAN;
  if (isnan (group[IOC_WQI_GROUP_V]))
    return factor * group[IOC_WQI_GROUP_IV];
  return factor * cbrt (group[IOC_WQI_GROUP_IV] * group[IOC_WQI_GROUP_IV]
                        * group[IOC_WQI_GROUP_V]);
}

/**
 * ioc_wqi_data_sufficient:
 *
 * domain.md §6: a WQI needs at least 3 groups, group IV among them with at
 * least 3 parameters; otherwise the station shows its parameters against
 * QCVN 08 without a WQI.
 */
gboolean
ioc_wqi_data_sufficient (const guint group_count[IOC_WQI_N_GROUPS])
{
  guint groups = 0;

  for (guint g = 0; g < IOC_WQI_N_GROUPS; g++)
    if (group_count[g] > 0)
      groups++;
  return groups >= 3 && group_count[IOC_WQI_GROUP_IV] >= 3;
}

/** ioc_wqi_round: rounds half up (tolerating binary representation error). */
int
ioc_wqi_round (double value)
{
  return (int) floor (value + 0.5 + 1e-9 * MAX (1.0, fabs (value)));
}

/** ioc_wqi_input_init: marks every parameter of @input as not measured. */
void
ioc_wqi_input_init (IocWqiInput *input)
{
  for (guint i = 0; i < IOC_N_PARAMETERS; i++)
    input->values[i] = NAN;
}

/**
 * ioc_wqi_compute:
 *
 * VN_WQI of one sample (QĐ 1460/QĐ-TCMT; domain.md §6): sub-index per
 * parameter, group values (I: q(pH); II, III: geometric means; IV, V:
 * arithmetic means), the aggregation of ioc_wqi_aggregate() rounded half up,
 * and the band. DO enters group IV through its saturation percentage and
 * therefore needs the temperature; without it DO is left out
 * (do_ignored). Without enough data (ioc_wqi_data_sufficient()) the WQI is
 * %IOC_WQI_NONE with a reason; groups and sub-indices are still filled.
 * Never returns NULL.
 */
IocWqiResult *
ioc_wqi_compute (const IocWqiInput *input)
{
  IocWqiResult *r = g_new0 (IocWqiResult, 1);
  double sum[IOC_WQI_N_GROUPS] = { 0 };

  r->wqi = IOC_WQI_NONE;
  r->wqi_exact = NAN;
  r->band = IOC_WQI_BAND_NONE;
  r->do_percent = NAN;
  for (guint i = 0; i < IOC_N_PARAMETERS; i++)
    r->q[i] = NAN;
  for (guint g = 0; g < IOC_WQI_N_GROUPS; g++)
    r->group[g] = NAN;

  g_return_val_if_fail (input != NULL, r);

  for (guint p = 0; p < IOC_N_PARAMETERS; p++)
    {
      IocWqiGroup g = ioc_wqi_parameter_group (p);
      double q;

      if (g == IOC_WQI_N_GROUPS || !isfinite (input->values[p]))
        continue;

      if (p == IOC_PARAMETER_DO)
        {
          r->do_percent = ioc_wqi_do_percent (input->values[p],
                                              input->values[IOC_PARAMETER_TEMPERATURE]);
          if (isnan (r->do_percent))
            {
              r->do_ignored = TRUE;
              continue;
            }
          q = ioc_wqi_q_do_percent (r->do_percent);
        }
      else
        q = ioc_wqi_q (p, input->values[p]);

      if (isnan (q))
        continue;
      r->q[p] = q;
      r->group_count[g]++;
      /* II and III are geometric means: sum logarithms (q ≥ 10 > 0). */
      sum[g] += (g == IOC_WQI_GROUP_II || g == IOC_WQI_GROUP_III) ? log (q) : q;
    }

  for (guint g = 0; g < IOC_WQI_N_GROUPS; g++)
    {
      if (r->group_count[g] == 0)
        continue;
      if (g == IOC_WQI_GROUP_II || g == IOC_WQI_GROUP_III)
        r->group[g] = exp (sum[g] / r->group_count[g]);
      else
        r->group[g] = sum[g] / r->group_count[g];
    }

  if (!ioc_wqi_data_sufficient (r->group_count))
    {
      guint groups = 0;
      GString *reason = g_string_new (NULL);

      for (guint g = 0; g < IOC_WQI_N_GROUPS; g++)
        if (r->group_count[g] > 0)
          groups++;
      g_string_printf (reason,
                       _("Not enough data: VN_WQI needs at least 3 groups, group IV with at least 3 parameters (groups with data: %u; parameters in group IV: %u)"),
                       groups, r->group_count[IOC_WQI_GROUP_IV]);
      if (r->do_ignored)
        {
          g_string_append (reason, "; ");
          g_string_append (reason, _("DO was left out because the water temperature is missing"));
        }
      r->reason = g_string_free (reason, FALSE);
      return r;
    }

  r->wqi_exact = ioc_wqi_aggregate (r->group);
  r->wqi = CLAMP (ioc_wqi_round (r->wqi_exact), 0, 100);
  r->band = ioc_wqi_band_for_value (r->wqi);
  return r;
}

/** ioc_wqi_result_free: frees @result and its reason. */
void
ioc_wqi_result_free (IocWqiResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reason);
  g_free (result);
}

/**
 * ioc_wqi_band_for_value:
 *
 * QĐ 1460/QĐ-TCMT bands (domain.md §6): 91–100 very good, 76–90 good,
 * 51–75 moderate, 26–50 poor (xấu), 10–25 very poor (kém), below 10 heavily
 * polluted; %IOC_WQI_BAND_NONE outside 0–100.
 */
IocWqiBand
ioc_wqi_band_for_value (int wqi)
{
  if (wqi < 0 || wqi > 100)
    return IOC_WQI_BAND_NONE;
  if (wqi >= 91)
    return IOC_WQI_BAND_RAT_TOT;
  if (wqi >= 76)
    return IOC_WQI_BAND_TOT;
  if (wqi >= 51)
    return IOC_WQI_BAND_TRUNG_BINH;
  if (wqi >= 26)
    return IOC_WQI_BAND_XAU;
  if (wqi >= 10)
    return IOC_WQI_BAND_KEM;
  return IOC_WQI_BAND_O_NHIEM_RAT_NANG;
}

static const struct {
  const char *wire;
  guint32     rgb;
} bands[IOC_WQI_N_BANDS] = {
  [IOC_WQI_BAND_RAT_TOT]          = { "rat_tot",          0x3333FF },
  [IOC_WQI_BAND_TOT]              = { "tot",              0x00E400 },
  [IOC_WQI_BAND_TRUNG_BINH]       = { "trung_binh",       0xFFFF00 },
  [IOC_WQI_BAND_XAU]              = { "xau",              0xFF7E00 },
  [IOC_WQI_BAND_KEM]              = { "kem",              0xFF0000 },
  [IOC_WQI_BAND_O_NHIEM_RAT_NANG] = { "o_nhiem_rat_nang", 0x7E0023 },
};

/** ioc_wqi_band_to_string: the wire name (rat_tot, tot, trung_binh, xau,
 * kem, o_nhiem_rat_nang); NULL for NONE. */
const char *
ioc_wqi_band_to_string (IocWqiBand band)
{
  if ((guint) band >= IOC_WQI_N_BANDS)
    return NULL;
  return bands[band].wire;
}

/** ioc_wqi_band_from_string: the band with wire name @name, or NONE. */
IocWqiBand
ioc_wqi_band_from_string (const char *name)
{
  for (guint i = 0; i < IOC_WQI_N_BANDS && name != NULL; i++)
    if (strcmp (bands[i].wire, name) == 0)
      return (IocWqiBand) i;
  return IOC_WQI_BAND_NONE;
}

/** ioc_wqi_band_label: translated band name (QĐ 1460: Rất tốt, Tốt, Trung
 * bình, Xấu, Kém, Ô nhiễm rất nặng); NULL for NONE. */
const char *
ioc_wqi_band_label (IocWqiBand band)
{
  switch (band)
    {
    case IOC_WQI_BAND_RAT_TOT: return C_("water quality", "Very good");
    case IOC_WQI_BAND_TOT: return C_("water quality", "Good");
    case IOC_WQI_BAND_TRUNG_BINH: return C_("water quality", "Moderate");
    case IOC_WQI_BAND_XAU: return C_("water quality", "Poor");
    case IOC_WQI_BAND_KEM: return C_("water quality", "Very poor");
    case IOC_WQI_BAND_O_NHIEM_RAT_NANG: return C_("water quality", "Heavily polluted");
    case IOC_WQI_BAND_NONE:
    case IOC_WQI_N_BANDS:
    default:
      return NULL;
    }
}

/** ioc_wqi_band_rgb: the band's colour (QĐ 1460) as 0xRRGGBB; 0 for NONE. */
guint32
ioc_wqi_band_rgb (IocWqiBand band)
{
  if ((guint) band >= IOC_WQI_N_BANDS)
    return 0;
  return bands[band].rgb;
}

/** ioc_wqi_group_to_string: "I" … "V". */
const char *
ioc_wqi_group_to_string (IocWqiGroup group)
{
  static const char *const names[IOC_WQI_N_GROUPS] = { "I", "II", "III", "IV", "V" };

  if ((guint) group >= IOC_WQI_N_GROUPS)
    return NULL;
  return names[group];
}
