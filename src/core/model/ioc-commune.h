/* ioc-commune.h — the 102 commune-level units of An Giang (since 1 July 2025)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_COMMUNE_KIND_XA,
  IOC_COMMUNE_KIND_PHUONG,
  IOC_COMMUNE_KIND_DAC_KHU,
} IocCommuneKind;

typedef struct {
  const char     *code;        /* 5-digit official code */
  const char     *full_name;   /* "Phường Long Xuyên" */
  const char     *name;        /* "Long Xuyên" */
  IocCommuneKind  kind;
  double          lat;
  double          lon;
  double          area_km2;
  gboolean        old_an_giang; /* part of An Giang before the 2025 merger */
} IocCommune;

#define IOC_N_COMMUNES 102

const IocCommune *ioc_commune_all          (guint      *n_communes);
const IocCommune *ioc_commune_lookup       (const char *code);
const char       *ioc_commune_kind_to_string (IocCommuneKind kind);
const char       *ioc_commune_kind_label   (IocCommuneKind kind);

G_END_DECLS
