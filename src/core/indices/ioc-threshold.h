/* ioc-threshold.h — legal limits and alarm levels (domain.md §7)
 *
 * QCVN 05:2023/BTNMT (ambient air), QCVN 08:2023/BTNMT (surface water),
 * river alarm levels (báo động) and salinity lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-parameter.h"

G_BEGIN_DECLS

typedef enum {
  IOC_AVERAGING_1H,
  IOC_AVERAGING_8H,
  IOC_AVERAGING_24H,
  IOC_AVERAGING_YEAR,
  IOC_N_AVERAGINGS
} IocAveraging;

/* The outcome of comparing a value with a limit. */
typedef struct {
  double   limit;
  gboolean exceeded;  /* value > limit */
  double   excess;    /* value − limit (negative: margin left) */
  double   ratio;     /* value / limit */
} IocLimitCheck;

typedef enum {
  IOC_RIVER_CLASS_NONE = -1,   /* parameter not classified by QCVN 08 */
  IOC_RIVER_CLASS_A = 0,
  IOC_RIVER_CLASS_B,
  IOC_RIVER_CLASS_C,
  IOC_RIVER_CLASS_D,
} IocRiverClass;

typedef struct {
  double bd1;
  double bd2;
  double bd3;
} IocAlarmLevels;

typedef enum {
  IOC_ALARM_BELOW = 0,   /* below BĐ1 */
  IOC_ALARM_BD1,
  IOC_ALARM_BD2,
  IOC_ALARM_BD3,
} IocAlarmLevel;

typedef enum {
  IOC_SALINITY_BELOW_1 = 0,  /* < 1 ‰ */
  IOC_SALINITY_FROM_1,       /* 1 ‰ ≤ s < 4 ‰: harms sensitive rice */
  IOC_SALINITY_FROM_4,       /* ≥ 4 ‰: legal intrusion line */
} IocSalinityLevel;

gboolean          ioc_threshold_air_limit      (IocParameter    parameter,
                                                IocAveraging    averaging,
                                                const GDate    *date,
                                                double         *limit);
gboolean          ioc_threshold_air_check      (IocParameter    parameter,
                                                IocAveraging    averaging,
                                                double          value,
                                                const GDate    *date,
                                                IocLimitCheck  *check);
IocRiverClass     ioc_threshold_river_class    (IocParameter    parameter,
                                                double          value);
const char       *ioc_river_class_to_string    (IocRiverClass   river_class);
gboolean          ioc_threshold_health_limit   (IocParameter    parameter,
                                                double         *limit);
gboolean          ioc_threshold_health_check   (IocParameter    parameter,
                                                double          value,
                                                IocLimitCheck  *check);

const IocAlarmLevels *ioc_alarm_levels_tan_chau  (void);
const IocAlarmLevels *ioc_alarm_levels_chau_doc  (void);
const IocAlarmLevels *ioc_alarm_levels_for_station (const char *station);
IocAlarmLevel     ioc_threshold_alarm_level    (const IocAlarmLevels *levels,
                                                double          water_level,
                                                double         *above);
const char       *ioc_alarm_level_to_string    (IocAlarmLevel   level);
const char       *ioc_alarm_level_label        (IocAlarmLevel   level);

IocSalinityLevel  ioc_threshold_salinity_level (double          per_mille);
const char       *ioc_salinity_level_to_string (IocSalinityLevel level);

G_END_DECLS
