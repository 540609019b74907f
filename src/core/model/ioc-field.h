/* ioc-field.h — complaint fields (lĩnh vực), domain.md §3 default list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-sla-tier.h"

#include "ioc-enums.h"

G_BEGIN_DECLS

typedef enum {
  IOC_FIELD_TTDT,   /* TTĐT Trật tự đô thị */
  IOC_FIELD_MT,     /* MT Môi trường, vệ sinh */
  IOC_FIELD_GT,     /* GT Giao thông, hạ tầng */
  IOC_FIELD_DCS,    /* ĐCS Điện, chiếu sáng */
  IOC_FIELD_CTN,    /* CTN Cấp thoát nước, ngập */
  IOC_FIELD_ANTT,   /* ANTT An ninh trật tự */
  IOC_FIELD_ASXH,   /* ASXH An sinh xã hội */
  IOC_FIELD_YT,     /* YT Y tế */
  IOC_FIELD_GD,     /* GD Giáo dục */
  IOC_FIELD_DDXD,   /* ĐĐXD Đất đai, xây dựng */
  IOC_FIELD_KHAC,   /* KHAC Khác */
  IOC_N_FIELDS /*< skip >*/
} IocField;


typedef struct {
  IocField    field;
  const char *code;        /* "ĐĐXD": the code of domain.md §3 (UTF-8) */
  const char *wire_code;   /* "DDXD": ASCII, what Open311 service_code carries */
  const char *name;        /* English source string, untranslated: see ioc_field_label() */
  IocSlaTier  sla_tier;    /* default deadline tier (assumption, see ioc-field.c) */
  const char *agency;      /* the usual agency, official Vietnamese name */
} IocFieldInfo;

/* The whole default table, in enum order. */
const IocFieldInfo *ioc_field_all           (guint       *n_fields);
const IocFieldInfo *ioc_field_info          (IocField     field);
/* The ASCII wire code ("DDXD"), used as the canonical key in counts. */
const char         *ioc_field_to_string     (IocField     field);
/* Accepts the UTF-8 code ("ĐĐXD") and the ASCII one ("DDXD"), any case. */
gboolean            ioc_field_from_code     (const char  *code,
                                             IocField    *field);
const char         *ioc_field_label         (IocField     field);  /* translated */

G_END_DECLS
