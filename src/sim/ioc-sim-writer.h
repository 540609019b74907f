/* ioc-sim-writer.h — streaming JSON/XML writer with fault hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_SIM_FORMAT_JSON,
  IOC_SIM_FORMAT_XML,
} IocSimFormat;

/* Ways a response can be spoiled on purpose (fault injection). */
typedef enum {
  IOC_SIM_MANGLE_NONE        = 0,
  IOC_SIM_MANGLE_WRONG_TYPES = 1 << 0, /* numbers as strings, dates as numbers */
  IOC_SIM_MANGLE_MARKUP      = 1 << 1, /* HTML and script in free text */
  IOC_SIM_MANGLE_BAD_DATES   = 1 << 2, /* 30 February, 25:61 */
  IOC_SIM_MANGLE_BAD_UTF8    = 1 << 3, /* invalid byte sequences in text */
} IocSimMangle;

typedef struct _IocSimWriter IocSimWriter;

IocSimWriter *ioc_sim_writer_new          (IocSimFormat  format);
void          ioc_sim_writer_free         (IocSimWriter *w);
IocSimFormat  ioc_sim_writer_get_format   (IocSimWriter *w);
void          ioc_sim_writer_set_mangle   (IocSimWriter *w,
                                           guint         mangle);
void          ioc_sim_writer_begin_object (IocSimWriter *w,
                                           const char   *key);
void          ioc_sim_writer_end_object   (IocSimWriter *w);
void          ioc_sim_writer_begin_array  (IocSimWriter *w,
                                           const char   *key,
                                           const char   *item_name);
void          ioc_sim_writer_end_array    (IocSimWriter *w);
void          ioc_sim_writer_string       (IocSimWriter *w,
                                           const char   *key,
                                           const char   *value);
void          ioc_sim_writer_text         (IocSimWriter *w,
                                           const char   *key,
                                           const char   *value);
void          ioc_sim_writer_date         (IocSimWriter *w,
                                           const char   *key,
                                           gint64        t);
void          ioc_sim_writer_date_utc     (IocSimWriter *w,
                                           const char   *key,
                                           gint64        t);
void          ioc_sim_writer_int          (IocSimWriter *w,
                                           const char   *key,
                                           gint64        value);
void          ioc_sim_writer_double       (IocSimWriter *w,
                                           const char   *key,
                                           double        value,
                                           int           decimals);
void          ioc_sim_writer_boolean      (IocSimWriter *w,
                                           const char   *key,
                                           gboolean      value);
void          ioc_sim_writer_null         (IocSimWriter *w,
                                           const char   *key);
void          ioc_sim_writer_raw_member   (IocSimWriter *w,
                                           const char   *key,
                                           const char   *json);
GBytes       *ioc_sim_writer_finish       (IocSimWriter *w);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimWriter, ioc_sim_writer_free)

G_END_DECLS
