/* ioc-qd766.c — QĐ 766/QĐ-TTg indicators from TTHC counts (domain.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-qd766.h"

/* Group points (domain.md §4; total 100). */
static const double group_points[IOC_QD766_N_GROUPS] = { 18.0, 20.0, 22.0, 22.0, 18.0 };

/*
 * ASSUMPTION — the maximum points of one indicator.
 *
 * domain.md §4 gives the points of the five groups only. Until the decision's
 * per-indicator table is checked, each indicator the dashboard computes gets
 * an equal share of its group's points among the indicators the dashboard
 * computes in that group: group 1 (18) has 1.4 → 18; group 2 (20) has 2.1 →
 * 20; group 3 (22) has 3.1, 3.3, 3.6 → 22/3 each; group 4 (22) has 4.1, 4.2,
 * 4.3 → 22/3 each; group 5 (18) has 5.4 → 18. Points are shown only for the
 * indicators with a threshold (3.1, 3.3, 4.2, 4.3, 5.4), as
 * min(rate, threshold) × max / threshold (domain.md §4, also an assumption).
 * This table is the one place to change when the official figures are known.
 */
static const struct {
  const char    *id;
  IocQd766Group  group;
  double         threshold;   /* 0: none, the indicator is shown as a rate */
  double         max_points;
} indicators[IOC_QD766_N_INDICATORS] = {
  [IOC_QD766_1_4] = { "1.4", IOC_QD766_GROUP_PUBLICITY, 0.0, 18.0 },
  [IOC_QD766_2_1] = { "2.1", IOC_QD766_GROUP_PROGRESS, 0.0, 20.0 },
  [IOC_QD766_3_1] = { "3.1", IOC_QD766_GROUP_ONLINE, 0.80, 22.0 / 3.0 },
  [IOC_QD766_3_3] = { "3.3", IOC_QD766_GROUP_ONLINE, 0.50, 22.0 / 3.0 },
  [IOC_QD766_3_6] = { "3.6", IOC_QD766_GROUP_ONLINE, 0.0, 22.0 / 3.0 },
  [IOC_QD766_4_1] = { "4.1", IOC_QD766_GROUP_DIGITISATION, 0.0, 22.0 / 3.0 },
  [IOC_QD766_4_2] = { "4.2", IOC_QD766_GROUP_DIGITISATION, 0.80, 22.0 / 3.0 },
  [IOC_QD766_4_3] = { "4.3", IOC_QD766_GROUP_DIGITISATION, 0.80, 22.0 / 3.0 },
  [IOC_QD766_5_4] = { "5.4", IOC_QD766_GROUP_SATISFACTION, 0.90, 18.0 },
};

/** ioc_qd766_indicator_id: the decision's numbering, "3.3". */
const char *
ioc_qd766_indicator_id (IocQd766Indicator indicator)
{
  g_return_val_if_fail ((guint) indicator < IOC_QD766_N_INDICATORS, NULL);
  return indicators[indicator].id;
}

/** ioc_qd766_indicator_from_id: "3.3" → %IOC_QD766_3_3. */
gboolean
ioc_qd766_indicator_from_id (const char        *id,
                             IocQd766Indicator *indicator)
{
  if (id == NULL)
    return FALSE;
  for (guint i = 0; i < IOC_QD766_N_INDICATORS; i++)
    if (g_str_equal (id, indicators[i].id))
      {
        if (indicator != NULL)
          *indicator = (IocQd766Indicator) i;
        return TRUE;
      }
  return FALSE;
}

/** ioc_qd766_indicator_label: the indicator's name as in domain.md §4, translated. */
const char *
ioc_qd766_indicator_label (IocQd766Indicator indicator)
{
  switch (indicator)
    {
    case IOC_QD766_1_4: return C_("QĐ 766 indicator", "Dossiers synced to the national portal");
    case IOC_QD766_2_1: return C_("QĐ 766 indicator", "Dossiers handled on time");
    case IOC_QD766_3_1: return C_("QĐ 766 indicator", "Procedures offered online");
    case IOC_QD766_3_3: return C_("QĐ 766 indicator", "Dossiers filed online");
    case IOC_QD766_3_6: return C_("QĐ 766 indicator", "Fees paid online");
    case IOC_QD766_4_1: return C_("QĐ 766 indicator", "Results issued electronically");
    case IOC_QD766_4_2: return C_("QĐ 766 indicator", "Digitised dossiers");
    case IOC_QD766_4_3: return C_("QĐ 766 indicator", "Reuse of digitised data");
    case IOC_QD766_5_4: return C_("QĐ 766 indicator", "Satisfaction with dossier handling");
    case IOC_QD766_N_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/** ioc_qd766_indicator_group: the group is the first number of the id. */
IocQd766Group
ioc_qd766_indicator_group (IocQd766Indicator indicator)
{
  g_return_val_if_fail ((guint) indicator < IOC_QD766_N_INDICATORS, IOC_QD766_GROUP_PUBLICITY);
  return indicators[indicator].group;
}

/**
 * ioc_qd766_indicator_threshold:
 * @threshold: (out) (optional): the rate giving full points (domain.md §4)
 *
 * Returns: %FALSE for indicators shown as rates only
 */
gboolean
ioc_qd766_indicator_threshold (IocQd766Indicator  indicator,
                               double            *threshold)
{
  g_return_val_if_fail ((guint) indicator < IOC_QD766_N_INDICATORS, FALSE);

  if (indicators[indicator].threshold <= 0.0)
    return FALSE;
  if (threshold != NULL)
    *threshold = indicators[indicator].threshold;
  return TRUE;
}

/** ioc_qd766_indicator_max_points: see the ASSUMPTION above the table. */
double
ioc_qd766_indicator_max_points (IocQd766Indicator indicator)
{
  g_return_val_if_fail ((guint) indicator < IOC_QD766_N_INDICATORS, 0.0);
  return indicators[indicator].max_points;
}

/** ioc_qd766_group_max_points: 18, 20, 22, 22, 18 (domain.md §4). */
double
ioc_qd766_group_max_points (IocQd766Group group)
{
  g_return_val_if_fail (group >= 1 && group <= IOC_QD766_N_GROUPS, 0.0);
  return group_points[group - 1];
}

/** ioc_qd766_group_label: the group's name, translated. */
const char *
ioc_qd766_group_label (IocQd766Group group)
{
  switch (group)
    {
    case IOC_QD766_GROUP_PUBLICITY: return C_("QĐ 766 group", "Publicity and transparency");
    case IOC_QD766_GROUP_PROGRESS: return C_("QĐ 766 group", "Progress and results");
    case IOC_QD766_GROUP_ONLINE: return C_("QĐ 766 group", "Online public services");
    case IOC_QD766_GROUP_DIGITISATION: return C_("QĐ 766 group", "Digitisation of dossiers");
    case IOC_QD766_GROUP_SATISFACTION: return C_("QĐ 766 group", "Satisfaction");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Why an indicator has no rate when its denominator is zero. */
static const char *
empty_reason (IocQd766Indicator indicator)
{
  switch (indicator)
    {
    case IOC_QD766_1_4:
    case IOC_QD766_3_3:
    case IOC_QD766_4_2:
    case IOC_QD766_4_3:
      return _("No dossiers were received in the period");
    case IOC_QD766_2_1:
    case IOC_QD766_5_4:
      return _("No dossiers were handled in the period");
    case IOC_QD766_3_1:
      return _("No procedures are listed");
    case IOC_QD766_3_6:
      return _("No dossiers bearing fees");
    case IOC_QD766_4_1:
      return _("No dossiers were finished in the period");
    case IOC_QD766_N_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static guint64
sat_add (guint64 a,
         guint64 b)
{
  guint64 sum;

  return g_uint64_checked_add (&sum, a, b) ? sum : G_MAXUINT64;
}

/**
 * ioc_qd766_compute:
 * @result: (out caller-allocates): filled in every case
 *
 * Computes one indicator of domain.md §4 from the counts of @stats; the rate
 * is always recomputed from counts (domain.md §1: published rates contain
 * slips). Formulas:
 * - 1.4 synced_national / received
 * - 2.1 (finished_early + finished_on_time + unfinished_in_time) / (finished + unfinished)
 * - 3.1 (services_partial_online + services_full_online) / services_total
 * - 3.3 received_online / received
 * - 3.6 paid_online / fee_bearing
 * - 4.1 results_electronic / finished
 * - 4.2 digitised / received
 * - 4.3 reused_digitised / received
 * - 5.4 (dossiers − late − complained_or_disliked) / dossiers, where (an
 *   assumption) the dossiers are those handled in the period, finished +
 *   unfinished as in 2.1, and the late ones are finished_late + unfinished_overdue.
 *
 * There is no rate, with a reason, when the denominator is zero or when the
 * counts are inconsistent (a part larger than its whole).
 *
 * Returns: @result->has_rate
 */
gboolean
ioc_qd766_compute (IocQd766Indicator   indicator,
                   const IocTthcStats *stats,
                   IocQd766Result     *result)
{
  guint64 num = 0, den = 0;
  gboolean inconsistent = FALSE;

  g_return_val_if_fail ((guint) indicator < IOC_QD766_N_INDICATORS, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  switch (indicator)
    {
    case IOC_QD766_1_4:
      num = stats->synced_national;
      den = stats->received;
      break;
    case IOC_QD766_2_1:
      num = sat_add (sat_add (stats->finished_early, stats->finished_on_time), stats->unfinished_in_time);
      den = sat_add (ioc_tthc_stats_finished (stats), ioc_tthc_stats_unfinished (stats));
      break;
    case IOC_QD766_3_1:
      num = sat_add (stats->services_partial_online, stats->services_full_online);
      den = stats->services_total;
      break;
    case IOC_QD766_3_3:
      num = stats->received_online;
      den = stats->received;
      break;
    case IOC_QD766_3_6:
      num = stats->paid_online;
      den = stats->fee_bearing;
      break;
    case IOC_QD766_4_1:
      num = stats->results_electronic;
      den = ioc_tthc_stats_finished (stats);
      break;
    case IOC_QD766_4_2:
      num = stats->digitised;
      den = stats->received;
      break;
    case IOC_QD766_4_3:
      num = stats->reused_digitised;
      den = stats->received;
      break;
    case IOC_QD766_5_4:
      {
        guint64 bad = sat_add (sat_add (stats->finished_late, stats->unfinished_overdue),
                               stats->complained_or_disliked);

        den = sat_add (ioc_tthc_stats_finished (stats), ioc_tthc_stats_unfinished (stats));
        if (bad > den)
          inconsistent = TRUE;
        else
          num = den - bad;
      }
      break;
    case IOC_QD766_N_INDICATORS:
    default:
      g_return_val_if_reached (FALSE);
    }

  if (num > den)
    inconsistent = TRUE;

  result->indicator = indicator;
  result->numerator = num;
  result->denominator = den;
  result->max_points = indicators[indicator].max_points;
  result->has_rate = FALSE;
  result->rate = 0.0;
  result->has_points = FALSE;
  result->points = 0.0;
  result->reason = NULL;

  if (den == 0)
    {
      result->reason = empty_reason (indicator);
      return FALSE;
    }
  if (inconsistent)
    {
      result->reason = _("The counts are inconsistent: a part exceeds its whole");
      return FALSE;
    }

  result->has_rate = TRUE;
  result->rate = (double) num / (double) den;

  if (indicators[indicator].threshold > 0.0)
    {
      double threshold = indicators[indicator].threshold;

      result->has_points = TRUE;
      /* At or above the threshold exactly the maximum, free of rounding. */
      if (result->rate >= threshold)
        result->points = result->max_points;
      else
        result->points = result->rate * result->max_points / threshold;
    }

  return TRUE;
}
