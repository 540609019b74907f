/* ioc-format.h — Vietnamese-first formatting of numbers, rates, dates, times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_FORMAT_STYLE_VI,   /* 432.974 · 94,17% · 20,3 */
  IOC_FORMAT_STYLE_EN,   /* 432,974 · 94.17% · 20.3 */
} IocFormatStyle;

/* ioc_format_duration(): from this many days on, whole days only. */
#define IOC_FORMAT_DURATION_DAYS_ONLY 10

IocFormatStyle  ioc_format_style_default  (void);

char  *ioc_format_integer    (IocFormatStyle  style,
                              gint64          value);
char  *ioc_format_decimal    (IocFormatStyle  style,
                              double          value,
                              guint           decimals);
char  *ioc_format_percent    (IocFormatStyle  style,
                              double          percent,
                              guint           decimals);
char  *ioc_format_rate       (IocFormatStyle  style,
                              guint64         numerator,
                              guint64         denominator,
                              guint           decimals);
char  *ioc_format_date       (IocFormatStyle  style,
                              GDateTime      *datetime);
char  *ioc_format_gdate      (IocFormatStyle  style,
                              const GDate    *date);
char  *ioc_format_time       (IocFormatStyle  style,
                              GDateTime      *datetime);
char  *ioc_format_date_time  (IocFormatStyle  style,
                              GDateTime      *datetime);
char  *ioc_format_relative   (IocFormatStyle  style,
                              GDateTime      *datetime,
                              GDateTime      *now);
char  *ioc_format_duration   (IocFormatStyle  style,
                              GTimeSpan       span);

G_END_DECLS
