/* ioc-qd766.h — the QĐ 766/QĐ-TTg (23/6/2022) indicators the dashboard
 * computes from TTHC counts (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-tthc-stats.h"

G_BEGIN_DECLS

/* The five groups of the index; the values are the group numbers. */
typedef enum {
  IOC_QD766_GROUP_PUBLICITY = 1,     /* công khai, minh bạch: 18 points */
  IOC_QD766_GROUP_PROGRESS = 2,      /* tiến độ, kết quả giải quyết: 20 */
  IOC_QD766_GROUP_ONLINE = 3,        /* cung cấp dịch vụ trực tuyến: 22 */
  IOC_QD766_GROUP_DIGITISATION = 4,  /* số hóa hồ sơ: 22 */
  IOC_QD766_GROUP_SATISFACTION = 5,  /* mức độ hài lòng: 18 */
} IocQd766Group;

#define IOC_QD766_N_GROUPS 5
#define IOC_QD766_TOTAL_POINTS 100.0

typedef enum {
  IOC_QD766_1_4,   /* dossiers synced to the national portal */
  IOC_QD766_2_1,   /* handled on time */
  IOC_QD766_3_1,   /* procedures offered online */
  IOC_QD766_3_3,   /* dossiers filed online */
  IOC_QD766_3_6,   /* fees paid online */
  IOC_QD766_4_1,   /* electronic results */
  IOC_QD766_4_2,   /* digitised dossiers */
  IOC_QD766_4_3,   /* reuse of digitised data */
  IOC_QD766_5_4,   /* satisfaction with dossier handling */
  IOC_QD766_N_INDICATORS
} IocQd766Indicator;

typedef struct {
  IocQd766Indicator indicator;
  guint64     numerator;
  guint64     denominator;
  gboolean    has_rate;     /* FALSE: see @reason */
  double      rate;         /* 0–1 */
  gboolean    has_points;   /* only where the decision gives a threshold */
  double      points;       /* 0–max_points */
  double      max_points;
  const char *reason;       /* translated, static; non-NULL iff !has_rate */
} IocQd766Result;

const char        *ioc_qd766_indicator_id          (IocQd766Indicator indicator);  /* "3.3" */
gboolean           ioc_qd766_indicator_from_id     (const char       *id,
                                                    IocQd766Indicator *indicator);
const char        *ioc_qd766_indicator_label       (IocQd766Indicator indicator);  /* translated */
IocQd766Group      ioc_qd766_indicator_group       (IocQd766Indicator indicator);
/* The rate giving full points (0.8 for 80%); FALSE for indicators without one. */
gboolean           ioc_qd766_indicator_threshold   (IocQd766Indicator indicator,
                                                    double           *threshold);
/* Maximum points of the indicator: an assumption, see ioc-qd766.c. */
double             ioc_qd766_indicator_max_points  (IocQd766Indicator indicator);

double             ioc_qd766_group_max_points      (IocQd766Group     group);
const char        *ioc_qd766_group_label           (IocQd766Group     group);  /* translated */

/* Computes one indicator from @stats. Always fills @result; returns its has_rate. */
gboolean           ioc_qd766_compute               (IocQd766Indicator   indicator,
                                                    const IocTthcStats *stats,
                                                    IocQd766Result     *result);

G_END_DECLS
