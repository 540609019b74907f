/* ioc-sla-tier.c — complaint deadline tiers
 *
 * The tiers and their lengths in working days are the project's assumption
 * (domain.md §3 "Deadlines"), modelled on other provinces' rules; they are
 * defined here and nowhere else so that a change of rule is one edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-sla-tier.h"

typedef struct {
  const char *wire;
  const char *label;   /* source string, context "deadline tier" */
  guint       days;
} TierInfo;

static const TierInfo tiers[IOC_N_SLA_TIERS] = {
  [IOC_SLA_TIER_KHAN_CAP]     = { "khan_cap",     NC_("deadline tier", "Emergency"),  1 },
  [IOC_SLA_TIER_XU_LY_NGAY]   = { "xu_ly_ngay",   NC_("deadline tier", "Quick fix"),  3 },
  [IOC_SLA_TIER_THONG_THUONG] = { "thong_thuong", NC_("deadline tier", "Ordinary"),   7 },
  [IOC_SLA_TIER_PHUC_TAP]     = { "phuc_tap",     NC_("deadline tier", "Complex"),   15 },
};

/**
 * ioc_sla_tier_to_string:
 * @tier: a tier
 *
 * The wire name of @tier (domain.md §3): `khan_cap`, `xu_ly_ngay`,
 * `thong_thuong` or `phuc_tap`.
 *
 * Returns: (transfer none): the name, or %NULL for an invalid tier
 */
const char *
ioc_sla_tier_to_string (IocSlaTier tier)
{
  g_return_val_if_fail ((guint) tier < IOC_N_SLA_TIERS, NULL);
  return tiers[tier].wire;
}

/**
 * ioc_sla_tier_from_string:
 * @name: a wire name, as ioc_sla_tier_to_string() returns
 * @tier: (out) (optional): where to store the tier
 *
 * Parses a wire name (domain.md §3). Matching is exact: feeds send the names
 * in lower case, and a near miss is more likely a different scheme than a typo.
 *
 * Returns: %TRUE if @name names a tier
 */
gboolean
ioc_sla_tier_from_string (const char *name,
                          IocSlaTier *tier)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < IOC_N_SLA_TIERS; i++)
    if (g_str_equal (name, tiers[i].wire))
      {
        if (tier != NULL)
          *tier = (IocSlaTier) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * ioc_sla_tier_label:
 * @tier: a tier
 *
 * Returns: (transfer none): the translated label of @tier
 */
const char *
ioc_sla_tier_label (IocSlaTier tier)
{
  g_return_val_if_fail ((guint) tier < IOC_N_SLA_TIERS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "deadline tier", tiers[tier].label);
}

/**
 * ioc_sla_tier_working_days:
 * @tier: a tier
 *
 * The allowed handling time of @tier in working days (domain.md §3: 1, 3, 7
 * and 15 working days).
 *
 * Returns: the number of working days, or 0 for an invalid tier
 */
guint
ioc_sla_tier_working_days (IocSlaTier tier)
{
  g_return_val_if_fail ((guint) tier < IOC_N_SLA_TIERS, 0);
  return tiers[tier].days;
}
