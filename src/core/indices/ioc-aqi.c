/* ioc-aqi.c — Vietnam's air quality index, VN_AQI (QĐ 1459/QĐ-TCMT)
 *
 * Everything here follows domain.md §5, the project's digest of the
 * decision: breakpoint table, NowCast for PM, hourly and daily AQI, bands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ioc-aqi.h"

/* Ii of the table, i = 1 … 8 */
static const double index_levels[] = { 0, 50, 100, 150, 200, 300, 400, 500 };

typedef struct {
  guint  n;
  double bp[8];
} Column;

/* BPi in µg/m³ (QĐ 1459/QĐ-TCMT, table 2; domain.md §5). The O3 8-hour
 * column stops at i = 6: the decision defines no 8-hour index above 300. */
static const Column columns[IOC_AQI_N_COLUMNS] = {
  [IOC_AQI_COLUMN_O3_1H] = { 8, { 0, 160, 200, 300, 400, 800, 1000, 1200 } },
  [IOC_AQI_COLUMN_O3_8H] = { 6, { 0, 100, 120, 170, 210, 400 } },
  [IOC_AQI_COLUMN_CO]    = { 8, { 0, 10000, 30000, 45000, 60000, 90000, 120000, 150000 } },
  [IOC_AQI_COLUMN_SO2]   = { 8, { 0, 125, 350, 550, 800, 1600, 2100, 2630 } },
  [IOC_AQI_COLUMN_NO2]   = { 8, { 0, 100, 200, 700, 1200, 2350, 3100, 3850 } },
  [IOC_AQI_COLUMN_PM10]  = { 8, { 0, 50, 150, 250, 350, 420, 500, 600 } },
  [IOC_AQI_COLUMN_PM25]  = { 8, { 0, 25, 50, 80, 150, 250, 350, 500 } },
};

static const IocParameter pollutant_parameters[IOC_AQI_N_POLLUTANTS] = {
  [IOC_AQI_PM25] = IOC_PARAMETER_PM25,
  [IOC_AQI_PM10] = IOC_PARAMETER_PM10,
  [IOC_AQI_O3]   = IOC_PARAMETER_O3,
  [IOC_AQI_CO]   = IOC_PARAMETER_CO,
  [IOC_AQI_NO2]  = IOC_PARAMETER_NO2,
  [IOC_AQI_SO2]  = IOC_PARAMETER_SO2,
};

/** ioc_aqi_pollutant_parameter: the #IocParameter of a VN_AQI pollutant. */
IocParameter
ioc_aqi_pollutant_parameter (IocAqiPollutant pollutant)
{
  g_return_val_if_fail ((guint) pollutant < IOC_AQI_N_POLLUTANTS, IOC_PARAMETER_UNKNOWN);
  return pollutant_parameters[pollutant];
}

/** ioc_aqi_pollutant_from_parameter: the VN_AQI pollutant measured by
 * @parameter, or %IOC_AQI_N_POLLUTANTS when it is not one of the six. */
IocAqiPollutant
ioc_aqi_pollutant_from_parameter (IocParameter parameter)
{
  for (guint i = 0; i < IOC_AQI_N_POLLUTANTS; i++)
    if (pollutant_parameters[i] == parameter)
      return (IocAqiPollutant) i;
  return IOC_AQI_N_POLLUTANTS;
}

static gboolean
is_value (double c)
{
  return isfinite (c) && c >= 0;
}

/**
 * ioc_aqi_sub_index:
 * @column: the breakpoint column
 * @concentration: Cx in µg/m³
 * @sub_index: (out): AQIx, not rounded
 *
 * QĐ 1459/QĐ-TCMT §2.2 (domain.md §5): AQIx = (I(i+1) − Ii) / (BP(i+1) − BPi)
 * × (Cx − BPi) + Ii for BPi ≤ Cx < BP(i+1); at or above the last breakpoint
 * 500 ("≥ 500"). The O3 8-hour column ends at 400 µg/m³ (index 300): above
 * it the decision uses the 1-hour column only, so there is no 8-hour
 * sub-index and this returns %FALSE. Also %FALSE for a negative or
 * non-finite concentration.
 */
gboolean
ioc_aqi_sub_index (IocAqiColumn  column,
                   double        concentration,
                   double       *sub_index)
{
  const Column *col;

  g_return_val_if_fail ((guint) column < IOC_AQI_N_COLUMNS, FALSE);
  g_return_val_if_fail (sub_index != NULL, FALSE);

  if (!is_value (concentration))
    return FALSE;

  col = &columns[column];
  for (guint i = 0; i + 1 < col->n; i++)
    {
      if (concentration >= col->bp[i] && concentration < col->bp[i + 1])
        {
          *sub_index = (index_levels[i + 1] - index_levels[i])
                       / (col->bp[i + 1] - col->bp[i])
                       * (concentration - col->bp[i])
                       + index_levels[i];
          return TRUE;
        }
    }

  if (concentration == col->bp[col->n - 1])
    {
      *sub_index = index_levels[col->n - 1];
      return TRUE;
    }
  if (col->n < G_N_ELEMENTS (index_levels))
    return FALSE;   /* O3 8-hour mean above 400 µg/m³ */

  *sub_index = IOC_AQI_MAX;
  return TRUE;
}

static gboolean
column_at_cap (IocAqiColumn column,
               double       concentration)
{
  const Column *col = &columns[column];

  return col->n == G_N_ELEMENTS (index_levels) &&
         concentration >= col->bp[col->n - 1];
}

/**
 * ioc_aqi_round:
 *
 * Rounds half up to an integer, as the decision rounds AQI values
 * (domain.md §5: "59,35 rounds to 59", "109,5" → 110). The tiny tolerance
 * only repairs binary representation error (50 × 5,7 / 30 computes as
 * 9,4999…); it is far below the 0,1 µg/m³ resolution of the data.
 */
int
ioc_aqi_round (double value)
{
  return (int) floor (value + 0.5 + 1e-9 * MAX (1.0, fabs (value)));
}

/**
 * ioc_aqi_nowcast:
 * @hourly: hourly means c1 (the current hour) … cn; NAN (or a negative
 *   value) marks a missing hour
 * @n_hours: length of @hourly; only the first 12 are used
 * @nowcast: (out): the NowCast concentration
 * @weight: (out) (optional): the weight w used
 *
 * NowCast of QĐ 1459/QĐ-TCMT §2.3 (domain.md §5): w* = Cmin / Cmax over the
 * available values, w = max(w*, 1/2). If w > 1/2, NowCast = Σ w^(i−1)·ci /
 * Σ w^(i−1); if w = 1/2, NowCast = Σ (1/2)^i·ci exactly as the decision
 * writes it (not renormalised). A missing ci has weight 0. Needs at least
 * two of c1, c2, c3; %FALSE otherwise.
 */
gboolean
ioc_aqi_nowcast (const double *hourly,
                 guint         n_hours,
                 double       *nowcast,
                 double       *weight)
{
  guint n = MIN (n_hours, IOC_AQI_NOWCAST_HOURS);
  guint recent = 0;
  double cmin = G_MAXDOUBLE, cmax = 0, w;
  double num = 0, den = 0;

  g_return_val_if_fail (hourly != NULL || n_hours == 0, FALSE);
  g_return_val_if_fail (nowcast != NULL, FALSE);

  for (guint i = 0; i < MIN (n, 3); i++)
    if (is_value (hourly[i]))
      recent++;
  if (recent < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (is_value (hourly[i]))
      {
        cmin = MIN (cmin, hourly[i]);
        cmax = MAX (cmax, hourly[i]);
      }

  /* All zero: any weight gives 0; take w = 1 rather than divide by zero. */
  w = cmax > 0 ? cmin / cmax : 1.0;
  w = MAX (w, 0.5);

  if (w > 0.5)
    {
      for (guint i = 0; i < n; i++)
        if (is_value (hourly[i]))
          {
            double wi = pow (w, (double) i);   /* w^(i−1) with i 1-based */
            num += wi * hourly[i];
            den += wi;
          }
      *nowcast = num / den;
    }
  else
    {
      for (guint i = 0; i < n; i++)
        if (is_value (hourly[i]))
          num += pow (0.5, (double) (i + 1)) * hourly[i];
      *nowcast = num;
    }

  if (weight != NULL)
    *weight = w;
  return TRUE;
}

/**
 * ioc_aqi_max_8h_mean:
 * @hourly: consecutive hourly means, in time order; NAN when missing
 * @n_hours: length of @hourly
 * @max_mean: (out): the largest 8-hour mean
 *
 * QĐ 1459/QĐ-TCMT (domain.md §5): an 8-hour mean is the mean of 8
 * consecutive hourly means; the day's value is the largest of them. Only
 * windows with all 8 hours present count (the decision defines no partial
 * window). %FALSE when no complete window exists.
 */
gboolean
ioc_aqi_max_8h_mean (const double *hourly,
                     guint         n_hours,
                     double       *max_mean)
{
  gboolean found = FALSE;
  double best = 0;

  g_return_val_if_fail (max_mean != NULL, FALSE);

  for (guint start = 0; start + 8 <= n_hours; start++)
    {
      double sum = 0;
      guint k;

      for (k = 0; k < 8; k++)
        {
          if (!is_value (hourly[start + k]))
            break;
          sum += hourly[start + k];
        }
      if (k < 8)
        continue;
      if (!found || sum / 8 > best)
        best = sum / 8;
      found = TRUE;
    }
  if (found)
    *max_mean = best;
  return found;
}

/** ioc_aqi_hourly_input_init: marks every value of @input missing. */
void
ioc_aqi_hourly_input_init (IocAqiHourlyInput *input)
{
  for (guint i = 0; i < IOC_AQI_NOWCAST_HOURS; i++)
    input->pm25[i] = input->pm10[i] = NAN;
  input->o3_1h = input->co_1h = input->no2_1h = input->so2_1h = NAN;
}

/** ioc_aqi_daily_input_init: marks every value of @input missing. */
void
ioc_aqi_daily_input_init (IocAqiDailyInput *input)
{
  input->pm25_24h = input->pm10_24h = NAN;
  input->o3_max_1h = input->o3_max_8h = NAN;
  input->co_max_1h = input->no2_max_1h = input->so2_max_1h = NAN;
}

static IocAqiResult *
result_new (void)
{
  IocAqiResult *r = g_new0 (IocAqiResult, 1);

  r->aqi = IOC_AQI_NONE;
  r->band = IOC_AQI_BAND_NONE;
  r->dominant = IOC_PARAMETER_UNKNOWN;
  for (guint i = 0; i < IOC_AQI_N_POLLUTANTS; i++)
    {
      r->concentration[i] = NAN;
      r->sub_index[i] = NAN;
      r->sub_index_rounded[i] = IOC_AQI_NONE;
    }
  r->o3_1h_sub_index = NAN;
  r->o3_8h_sub_index = NAN;
  return r;
}

static void
result_set (IocAqiResult    *r,
            IocAqiPollutant  pollutant,
            IocAqiColumn     column,
            double           concentration)
{
  double s;

  if (!ioc_aqi_sub_index (column, concentration, &s))
    return;
  r->concentration[pollutant] = concentration;
  r->sub_index[pollutant] = s;
  r->sub_index_rounded[pollutant] = ioc_aqi_round (s);
  if (column_at_cap (column, concentration))
    r->at_cap = TRUE;
}

/* AQI = max of the sub-indices, and none without PM (QĐ 1459 §2.4). */
static void
result_finish (IocAqiResult *r,
               gboolean      pm_data_seen)
{
  double best = -1;
  int best_i = -1;

  if (isnan (r->sub_index[IOC_AQI_PM25]) && isnan (r->sub_index[IOC_AQI_PM10]))
    {
      r->at_cap = FALSE;
      if (pm_data_seen)
        r->reason = g_strdup (_("Not enough PM2.5 or PM10 data: NowCast needs at least two of the last three hourly means"));
      else
        r->reason = g_strdup (_("No PM10 or PM2.5 value: VN_AQI needs at least one of them"));
      return;
    }

  for (guint i = 0; i < IOC_AQI_N_POLLUTANTS; i++)
    if (!isnan (r->sub_index[i]) && r->sub_index[i] > best)
      {
        best = r->sub_index[i];
        best_i = (int) i;
      }

  r->aqi = MIN (ioc_aqi_round (best), IOC_AQI_MAX);
  r->dominant = pollutant_parameters[best_i];
  r->band = ioc_aqi_band_for_value (r->aqi);
}

/**
 * ioc_aqi_hourly:
 *
 * Hourly AQI of QĐ 1459/QĐ-TCMT §2.4 (domain.md §5): SO2, CO, NO2 and O3
 * (1-hour column) from the current 1-hour mean, PM10 and PM2.5 from the
 * NowCast of the last 12 hourly means; AQI = the largest sub-index rounded
 * half up; none (with a reason) without PM10 or PM2.5. Never returns NULL.
 */
IocAqiResult *
ioc_aqi_hourly (const IocAqiHourlyInput *input)
{
  IocAqiResult *r = result_new ();
  gboolean pm_seen = FALSE;
  double nc;

  g_return_val_if_fail (input != NULL, r);

  for (guint i = 0; i < IOC_AQI_NOWCAST_HOURS; i++)
    if (is_value (input->pm25[i]) || is_value (input->pm10[i]))
      pm_seen = TRUE;

  if (ioc_aqi_nowcast (input->pm25, IOC_AQI_NOWCAST_HOURS, &nc, NULL))
    result_set (r, IOC_AQI_PM25, IOC_AQI_COLUMN_PM25, nc);
  if (ioc_aqi_nowcast (input->pm10, IOC_AQI_NOWCAST_HOURS, &nc, NULL))
    result_set (r, IOC_AQI_PM10, IOC_AQI_COLUMN_PM10, nc);
  result_set (r, IOC_AQI_O3, IOC_AQI_COLUMN_O3_1H, input->o3_1h);
  result_set (r, IOC_AQI_CO, IOC_AQI_COLUMN_CO, input->co_1h);
  result_set (r, IOC_AQI_NO2, IOC_AQI_COLUMN_NO2, input->no2_1h);
  result_set (r, IOC_AQI_SO2, IOC_AQI_COLUMN_SO2, input->so2_1h);

  result_finish (r, pm_seen);
  return r;
}

/**
 * ioc_aqi_daily:
 *
 * Daily AQI of QĐ 1459/QĐ-TCMT §2.5 (domain.md §5): PM10 and PM2.5 from
 * their 24-hour means; SO2, NO2, CO from the day's largest 1-hour mean; O3
 * the larger of the sub-index of the largest 1-hour mean (1-hour column) and
 * of the largest 8-hour mean (8-hour column), the latter skipped above
 * 400 µg/m³. None (with a reason) without PM10 or PM2.5. Never NULL.
 */
IocAqiResult *
ioc_aqi_daily (const IocAqiDailyInput *input)
{
  IocAqiResult *r = result_new ();
  double s1 = NAN, s8 = NAN;
  gboolean has1, has8;

  g_return_val_if_fail (input != NULL, r);

  result_set (r, IOC_AQI_PM25, IOC_AQI_COLUMN_PM25, input->pm25_24h);
  result_set (r, IOC_AQI_PM10, IOC_AQI_COLUMN_PM10, input->pm10_24h);
  result_set (r, IOC_AQI_CO, IOC_AQI_COLUMN_CO, input->co_max_1h);
  result_set (r, IOC_AQI_NO2, IOC_AQI_COLUMN_NO2, input->no2_max_1h);
  result_set (r, IOC_AQI_SO2, IOC_AQI_COLUMN_SO2, input->so2_max_1h);

  has1 = ioc_aqi_sub_index (IOC_AQI_COLUMN_O3_1H, input->o3_max_1h, &s1);
  has8 = ioc_aqi_sub_index (IOC_AQI_COLUMN_O3_8H, input->o3_max_8h, &s8);
  r->o3_1h_sub_index = has1 ? s1 : NAN;
  r->o3_8h_sub_index = has8 ? s8 : NAN;
  if (has1 && (!has8 || s1 >= s8))
    result_set (r, IOC_AQI_O3, IOC_AQI_COLUMN_O3_1H, input->o3_max_1h);
  else if (has8)
    result_set (r, IOC_AQI_O3, IOC_AQI_COLUMN_O3_8H, input->o3_max_8h);

  result_finish (r, FALSE);
  return r;
}

/** ioc_aqi_result_free: frees @result and its reason. */
void
ioc_aqi_result_free (IocAqiResult *result)
{
  if (result == NULL)
    return;
  g_free (result->reason);
  g_free (result);
}

/**
 * ioc_aqi_result_format:
 *
 * The AQI as shown (domain.md §5): "59", "≥ 500" when a concentration reached
 * the table's last breakpoint, "—" when there is no AQI.
 */
char *
ioc_aqi_result_format (const IocAqiResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->aqi == IOC_AQI_NONE)
    return g_strdup ("—");
  if (result->at_cap)
    return g_strdup ("≥ 500");
  return g_strdup_printf ("%d", result->aqi);
}

/**
 * ioc_aqi_band_for_value:
 *
 * The band of QĐ 1459/QĐ-TCMT table 1 (domain.md §5): 0–50, 51–100, 101–150,
 * 151–200, 201–300, 301–500; %IOC_AQI_BAND_NONE outside 0–500.
 */
IocAqiBand
ioc_aqi_band_for_value (int aqi)
{
  if (aqi < 0 || aqi > IOC_AQI_MAX)
    return IOC_AQI_BAND_NONE;
  if (aqi <= 50)
    return IOC_AQI_BAND_TOT;
  if (aqi <= 100)
    return IOC_AQI_BAND_TRUNG_BINH;
  if (aqi <= 150)
    return IOC_AQI_BAND_KEM;
  if (aqi <= 200)
    return IOC_AQI_BAND_XAU;
  if (aqi <= 300)
    return IOC_AQI_BAND_RAT_XAU;
  return IOC_AQI_BAND_NGUY_HAI;
}

static const struct {
  const char *wire;
  guint32     rgb;
} bands[IOC_AQI_N_BANDS] = {
  [IOC_AQI_BAND_TOT]        = { "tot",        0x00E400 },
  [IOC_AQI_BAND_TRUNG_BINH] = { "trung_binh", 0xFFFF00 },
  [IOC_AQI_BAND_KEM]        = { "kem",        0xFF7E00 },
  [IOC_AQI_BAND_XAU]        = { "xau",        0xFF0000 },
  [IOC_AQI_BAND_RAT_XAU]    = { "rat_xau",    0x8F3F97 },
  [IOC_AQI_BAND_NGUY_HAI]   = { "nguy_hai",   0x7E0023 },
};

/** ioc_aqi_band_to_string: the wire name (tot, trung_binh, kem, xau,
 * rat_xau, nguy_hai); NULL for %IOC_AQI_BAND_NONE. */
const char *
ioc_aqi_band_to_string (IocAqiBand band)
{
  if ((guint) band >= IOC_AQI_N_BANDS)
    return NULL;
  return bands[band].wire;
}

/** ioc_aqi_band_from_string: the band with wire name @name, or
 * %IOC_AQI_BAND_NONE. */
IocAqiBand
ioc_aqi_band_from_string (const char *name)
{
  for (guint i = 0; i < IOC_AQI_N_BANDS && name != NULL; i++)
    if (strcmp (bands[i].wire, name) == 0)
      return (IocAqiBand) i;
  return IOC_AQI_BAND_NONE;
}

/** ioc_aqi_band_label: the translated name of the band (QĐ 1459 table 1:
 * Tốt, Trung bình, Kém, Xấu, Rất xấu, Nguy hại); NULL for NONE. */
const char *
ioc_aqi_band_label (IocAqiBand band)
{
  switch (band)
    {
    case IOC_AQI_BAND_TOT: return C_("air quality", "Good");
    case IOC_AQI_BAND_TRUNG_BINH: return C_("air quality", "Moderate");
    case IOC_AQI_BAND_KEM: return C_("air quality", "Poor");
    case IOC_AQI_BAND_XAU: return C_("air quality", "Bad");
    case IOC_AQI_BAND_RAT_XAU: return C_("air quality", "Very bad");
    case IOC_AQI_BAND_NGUY_HAI: return C_("air quality", "Hazardous");
    case IOC_AQI_BAND_NONE:
    case IOC_AQI_N_BANDS:
    default:
      return NULL;
    }
}

/** ioc_aqi_band_rgb: the band's colour of QĐ 1459 table 1 as 0xRRGGBB
 * (0 for NONE). */
guint32
ioc_aqi_band_rgb (IocAqiBand band)
{
  if ((guint) band >= IOC_AQI_N_BANDS)
    return 0;
  return bands[band].rgb;
}
