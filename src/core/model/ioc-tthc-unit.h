/* ioc-tthc-unit.h — a unit that handles administrative procedures (TTHC):
 * `units.json` of the TTHC feed (feeds.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-enums.h"

G_BEGIN_DECLS

typedef enum {
  IOC_TTHC_UNIT_KIND_SO_NGANH,   /* provincial department (sở, ngành) */
  IOC_TTHC_UNIT_KIND_XA,
  IOC_TTHC_UNIT_KIND_PHUONG,
  IOC_TTHC_UNIT_KIND_DAC_KHU,
  IOC_TTHC_UNIT_KIND_TINH,       /* the province as a whole */
  IOC_N_TTHC_UNIT_KINDS /*< skip >*/
} IocTthcUnitKind;

const char *ioc_tthc_unit_kind_to_string   (IocTthcUnitKind  kind);
gboolean    ioc_tthc_unit_kind_from_string (const char      *name,
                                            IocTthcUnitKind *kind);
const char *ioc_tthc_unit_kind_label       (IocTthcUnitKind  kind);  /* translated */

#define IOC_TYPE_TTHC_UNIT (ioc_tthc_unit_get_type ())
G_DECLARE_FINAL_TYPE (IocTthcUnit, ioc_tthc_unit, IOC, TTHC_UNIT, GObject)

/* Properties, all construct-only: "unit-id", "name", "kind", "commune-code". */
IocTthcUnit     *ioc_tthc_unit_new              (const char      *unit_id,
                                                 const char      *name,
                                                 IocTthcUnitKind  kind,
                                                 const char      *commune_code);
const char      *ioc_tthc_unit_get_unit_id      (IocTthcUnit *self);
const char      *ioc_tthc_unit_get_name         (IocTthcUnit *self);
IocTthcUnitKind  ioc_tthc_unit_get_kind         (IocTthcUnit *self);
/* (nullable): the 5-digit commune code of a xã/phường/đặc khu */
const char      *ioc_tthc_unit_get_commune_code (IocTthcUnit *self);

G_END_DECLS
