/* ioc-wqi.h — Vietnam's water quality index, VN_WQI (QĐ 1460/QĐ-TCMT)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-parameter.h"

G_BEGIN_DECLS

typedef enum {
  IOC_WQI_GROUP_I,     /* pH */
  IOC_WQI_GROUP_II,    /* pesticides */
  IOC_WQI_GROUP_III,   /* metals */
  IOC_WQI_GROUP_IV,    /* organic and nutrients */
  IOC_WQI_GROUP_V,     /* microbiology */
  IOC_WQI_N_GROUPS
} IocWqiGroup;

typedef enum {
  IOC_WQI_BAND_NONE = -1,
  IOC_WQI_BAND_RAT_TOT = 0,        /* 91–100 */
  IOC_WQI_BAND_TOT,                /* 76–90 */
  IOC_WQI_BAND_TRUNG_BINH,         /* 51–75 */
  IOC_WQI_BAND_XAU,                /* 26–50 */
  IOC_WQI_BAND_KEM,                /* 10–25 */
  IOC_WQI_BAND_O_NHIEM_RAT_NANG,   /* < 10 */
  IOC_WQI_N_BANDS
} IocWqiBand;

#define IOC_WQI_NONE (-1)

/* One sample: values in the canonical units of ioc_parameter_unit(),
 * indexed by #IocParameter, NAN when not measured. DO needs temperature. */
typedef struct {
  double values[IOC_N_PARAMETERS];
} IocWqiInput;

typedef struct {
  int         wqi;                           /* 0–100 or IOC_WQI_NONE */
  double      wqi_exact;                     /* before rounding; NAN without WQI */
  IocWqiBand  band;
  double      group[IOC_WQI_N_GROUPS];       /* WQI_I … WQI_V; NAN when no parameter */
  guint       group_count[IOC_WQI_N_GROUPS]; /* parameters that entered each group */
  double      q[IOC_N_PARAMETERS];           /* sub-index per parameter; NAN when absent */
  double      do_percent;                    /* DO saturation %, NAN when not computed */
  gboolean    do_ignored;                    /* DO given without a temperature */
  char       *reason;                        /* translated; why wqi is IOC_WQI_NONE */
} IocWqiResult;

IocWqiGroup   ioc_wqi_parameter_group   (IocParameter parameter);
double        ioc_wqi_q                 (IocParameter parameter,
                                         double       value);
double        ioc_wqi_q_ph              (double       ph);
double        ioc_wqi_do_saturation     (double       temperature);
double        ioc_wqi_do_percent        (double       dissolved_oxygen,
                                         double       temperature);
double        ioc_wqi_q_do_percent      (double       do_percent);
double        ioc_wqi_aggregate         (const double group[IOC_WQI_N_GROUPS]);
gboolean      ioc_wqi_data_sufficient   (const guint  group_count[IOC_WQI_N_GROUPS]);
int           ioc_wqi_round             (double       value);

void          ioc_wqi_input_init        (IocWqiInput       *input);
IocWqiResult *ioc_wqi_compute           (const IocWqiInput *input);
void          ioc_wqi_result_free       (IocWqiResult      *result);

IocWqiBand    ioc_wqi_band_for_value    (int         wqi);
const char   *ioc_wqi_band_to_string    (IocWqiBand  band);
IocWqiBand    ioc_wqi_band_from_string  (const char *name);
const char   *ioc_wqi_band_label        (IocWqiBand  band);
guint32       ioc_wqi_band_rgb          (IocWqiBand  band);
const char   *ioc_wqi_group_to_string   (IocWqiGroup group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocWqiResult, ioc_wqi_result_free)

G_END_DECLS
