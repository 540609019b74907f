/* ioc-aqi.h — Vietnam's air quality index, VN_AQI (QĐ 1459/QĐ-TCMT)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-parameter.h"

G_BEGIN_DECLS

/* The pollutants of VN_AQI, in the order results list them. */
typedef enum {
  IOC_AQI_PM25,
  IOC_AQI_PM10,
  IOC_AQI_O3,
  IOC_AQI_CO,
  IOC_AQI_NO2,
  IOC_AQI_SO2,
  IOC_AQI_N_POLLUTANTS
} IocAqiPollutant;

/* The columns of the breakpoint table (domain.md §5); O3 has two. */
typedef enum {
  IOC_AQI_COLUMN_O3_1H,
  IOC_AQI_COLUMN_O3_8H,
  IOC_AQI_COLUMN_CO,
  IOC_AQI_COLUMN_SO2,
  IOC_AQI_COLUMN_NO2,
  IOC_AQI_COLUMN_PM10,
  IOC_AQI_COLUMN_PM25,
  IOC_AQI_N_COLUMNS
} IocAqiColumn;

typedef enum {
  IOC_AQI_BAND_NONE = -1,
  IOC_AQI_BAND_TOT = 0,      /* 0–50     Good */
  IOC_AQI_BAND_TRUNG_BINH,   /* 51–100   Moderate */
  IOC_AQI_BAND_KEM,          /* 101–150  Poor */
  IOC_AQI_BAND_XAU,          /* 151–200  Bad */
  IOC_AQI_BAND_RAT_XAU,      /* 201–300  Very bad */
  IOC_AQI_BAND_NGUY_HAI,     /* 301–500  Hazardous */
  IOC_AQI_N_BANDS
} IocAqiBand;

#define IOC_AQI_NONE (-1)
#define IOC_AQI_MAX 500
#define IOC_AQI_NOWCAST_HOURS 12

/* Hourly AQI input: PM as the last 12 hourly means (c[0] the current hour),
 * the gases as the current 1-hour mean; NAN marks a missing value. All in
 * µg/m³ (CO too). */
typedef struct {
  double pm25[IOC_AQI_NOWCAST_HOURS];
  double pm10[IOC_AQI_NOWCAST_HOURS];
  double o3_1h;
  double co_1h;
  double no2_1h;
  double so2_1h;
} IocAqiHourlyInput;

/* Daily AQI input (µg/m³, NAN when missing). */
typedef struct {
  double pm25_24h;    /* 24-hour mean */
  double pm10_24h;
  double o3_max_1h;   /* largest 1-hour mean of the day */
  double o3_max_8h;   /* largest 8-hour mean of the day */
  double co_max_1h;
  double no2_max_1h;
  double so2_max_1h;
} IocAqiDailyInput;

typedef struct {
  int              aqi;            /* 0–500, or IOC_AQI_NONE */
  gboolean         at_cap;         /* a concentration reached the last breakpoint: "≥ 500" */
  IocAqiBand       band;           /* IOC_AQI_BAND_NONE without an AQI */
  IocParameter     dominant;       /* IOC_PARAMETER_UNKNOWN without an AQI */
  /* Per pollutant: the concentration used (NowCast, mean or maximum), the
   * sub-index before and after rounding; NAN / IOC_AQI_NONE when absent. */
  double           concentration[IOC_AQI_N_POLLUTANTS];
  double           sub_index[IOC_AQI_N_POLLUTANTS];
  int              sub_index_rounded[IOC_AQI_N_POLLUTANTS];
  /* Daily O3: the two candidates of which sub_index[O3] is the larger. */
  double           o3_1h_sub_index;
  double           o3_8h_sub_index;
  char            *reason;         /* translated; why aqi is IOC_AQI_NONE, else NULL */
} IocAqiResult;

IocParameter  ioc_aqi_pollutant_parameter (IocAqiPollutant pollutant);
IocAqiPollutant ioc_aqi_pollutant_from_parameter (IocParameter parameter);

gboolean      ioc_aqi_sub_index         (IocAqiColumn  column,
                                         double        concentration,
                                         double       *sub_index);
int           ioc_aqi_round             (double        value);
gboolean      ioc_aqi_nowcast           (const double *hourly,
                                         guint         n_hours,
                                         double       *nowcast,
                                         double       *weight);
gboolean      ioc_aqi_max_8h_mean       (const double *hourly,
                                         guint         n_hours,
                                         double       *max_mean);

void          ioc_aqi_hourly_input_init (IocAqiHourlyInput *input);
void          ioc_aqi_daily_input_init  (IocAqiDailyInput  *input);
IocAqiResult *ioc_aqi_hourly            (const IocAqiHourlyInput *input);
IocAqiResult *ioc_aqi_daily             (const IocAqiDailyInput  *input);
void          ioc_aqi_result_free       (IocAqiResult *result);
char         *ioc_aqi_result_format     (const IocAqiResult *result);

IocAqiBand    ioc_aqi_band_for_value    (int         aqi);
const char   *ioc_aqi_band_to_string    (IocAqiBand  band);
IocAqiBand    ioc_aqi_band_from_string  (const char *name);
const char   *ioc_aqi_band_label        (IocAqiBand  band);
guint32       ioc_aqi_band_rgb          (IocAqiBand  band);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocAqiResult, ioc_aqi_result_free)

G_END_DECLS
