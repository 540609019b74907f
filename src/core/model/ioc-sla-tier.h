/* ioc-sla-tier.h — complaint deadline tiers (domain.md §3, an assumption
 * modelled on other provinces' rules, configurable per field)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_SLA_TIER_KHAN_CAP,      /* emergency: 1 working day */
  IOC_SLA_TIER_XU_LY_NGAY,    /* checked and fixed at once: 3 working days */
  IOC_SLA_TIER_THONG_THUONG,  /* ordinary: 7 working days */
  IOC_SLA_TIER_PHUC_TAP,      /* needs several agencies: 15 working days */
  IOC_N_SLA_TIERS
} IocSlaTier;

const char *ioc_sla_tier_to_string      (IocSlaTier   tier);  /* "khan_cap"… */
gboolean    ioc_sla_tier_from_string    (const char  *name,
                                         IocSlaTier  *tier);
const char *ioc_sla_tier_label          (IocSlaTier   tier);  /* translated */
guint       ioc_sla_tier_working_days   (IocSlaTier   tier);

G_END_DECLS
