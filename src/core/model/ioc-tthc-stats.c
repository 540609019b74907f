/* ioc-tthc-stats.c — TTHC counts of one unit over one period (feeds.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stddef.h>
#include <glib/gi18n-lib.h>

#include "ioc-tthc-stats.h"

G_DEFINE_BOXED_TYPE (IocTthcStats, ioc_tthc_stats, ioc_tthc_stats_copy, ioc_tthc_stats_free)
G_DEFINE_QUARK (ioc-tthc-stats-error-quark, ioc_tthc_stats_error)

/* JSON member names and struct offsets, in IocTthcCount order, so that
 * parsers and arithmetic can walk the counts as a table. */
static const struct {
  const char *name;
  gsize       offset;
} counts[IOC_N_TTHC_COUNTS] = {
  { "services_total", G_STRUCT_OFFSET (IocTthcStats, services_total) },
  { "services_partial_online", G_STRUCT_OFFSET (IocTthcStats, services_partial_online) },
  { "services_full_online", G_STRUCT_OFFSET (IocTthcStats, services_full_online) },
  { "received", G_STRUCT_OFFSET (IocTthcStats, received) },
  { "received_online", G_STRUCT_OFFSET (IocTthcStats, received_online) },
  { "finished_early", G_STRUCT_OFFSET (IocTthcStats, finished_early) },
  { "finished_on_time", G_STRUCT_OFFSET (IocTthcStats, finished_on_time) },
  { "finished_late", G_STRUCT_OFFSET (IocTthcStats, finished_late) },
  { "unfinished_in_time", G_STRUCT_OFFSET (IocTthcStats, unfinished_in_time) },
  { "unfinished_overdue", G_STRUCT_OFFSET (IocTthcStats, unfinished_overdue) },
  { "fee_bearing", G_STRUCT_OFFSET (IocTthcStats, fee_bearing) },
  { "paid_online", G_STRUCT_OFFSET (IocTthcStats, paid_online) },
  { "results_electronic", G_STRUCT_OFFSET (IocTthcStats, results_electronic) },
  { "digitised", G_STRUCT_OFFSET (IocTthcStats, digitised) },
  { "reused_digitised", G_STRUCT_OFFSET (IocTthcStats, reused_digitised) },
  { "synced_national", G_STRUCT_OFFSET (IocTthcStats, synced_national) },
  { "complained_or_disliked", G_STRUCT_OFFSET (IocTthcStats, complained_or_disliked) },
};

#define COUNT_PTR(stats, i) ((guint64 *) (gpointer) ((guint8 *) (stats) + counts[i].offset))

/**
 * ioc_tthc_stats_new:
 * @unit_id: (nullable): the feed's `unit_id`, %NULL for a total
 *
 * Returns: (transfer full): all counts zero, period unset
 */
IocTthcStats *
ioc_tthc_stats_new (const char *unit_id)
{
  IocTthcStats *stats = g_new0 (IocTthcStats, 1);

  stats->unit_id = g_strdup (unit_id);
  g_date_clear (&stats->from, 1);
  g_date_clear (&stats->to, 1);
  return stats;
}

IocTthcStats *
ioc_tthc_stats_copy (const IocTthcStats *stats)
{
  IocTthcStats *copy;

  g_return_val_if_fail (stats != NULL, NULL);

  copy = g_memdup2 (stats, sizeof *stats);
  copy->unit_id = g_strdup (stats->unit_id);
  return copy;
}

void
ioc_tthc_stats_free (IocTthcStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->unit_id);
  g_free (stats);
}

static gboolean
date_equal0 (const GDate *a,
             const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);
  return g_date_compare (a, b) == 0;
}

/** ioc_tthc_stats_equal: same unit, same period, same counts. */
gboolean
ioc_tthc_stats_equal (const IocTthcStats *a,
                      const IocTthcStats *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->unit_id, b->unit_id) != 0
      || !date_equal0 (&a->from, &b->from) || !date_equal0 (&a->to, &b->to))
    return FALSE;
  for (guint i = 0; i < IOC_N_TTHC_COUNTS; i++)
    if (*COUNT_PTR (a, i) != *COUNT_PTR (b, i))
      return FALSE;
  return TRUE;
}

/**
 * ioc_tthc_stats_set_period:
 * @from: (nullable): first day, `period.from` of stats.json
 * @to: (nullable): last day, included
 */
void
ioc_tthc_stats_set_period (IocTthcStats *stats,
                           const GDate  *from,
                           const GDate  *to)
{
  g_return_if_fail (stats != NULL);

  if (from != NULL && g_date_valid (from))
    stats->from = *from;
  else
    g_date_clear (&stats->from, 1);
  if (to != NULL && g_date_valid (to))
    stats->to = *to;
  else
    g_date_clear (&stats->to, 1);
}

/** ioc_tthc_count_to_string: the member name in stats.json (feeds.md §3). */
const char *
ioc_tthc_count_to_string (IocTthcCount count)
{
  g_return_val_if_fail ((guint) count < IOC_N_TTHC_COUNTS, NULL);
  return counts[count].name;
}

/**
 * ioc_tthc_count_from_string:
 * @name: a member name of stats.json units (feeds.md §3), exact
 * @count: (out) (optional)
 */
gboolean
ioc_tthc_count_from_string (const char   *name,
                            IocTthcCount *count)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < IOC_N_TTHC_COUNTS; i++)
    if (g_str_equal (name, counts[i].name))
      {
        if (count != NULL)
          *count = (IocTthcCount) i;
        return TRUE;
      }
  return FALSE;
}

guint64
ioc_tthc_stats_get_count (const IocTthcStats *stats,
                          IocTthcCount        count)
{
  g_return_val_if_fail (stats != NULL, 0);
  g_return_val_if_fail ((guint) count < IOC_N_TTHC_COUNTS, 0);
  return *COUNT_PTR (stats, count);
}

void
ioc_tthc_stats_set_count (IocTthcStats *stats,
                          IocTthcCount  count,
                          guint64       value)
{
  g_return_if_fail (stats != NULL);
  g_return_if_fail ((guint) count < IOC_N_TTHC_COUNTS);
  *COUNT_PTR (stats, count) = value;
}

/* Saturating: counts come from the network and must not wrap around. */
static guint64
sat_add (guint64 a,
         guint64 b)
{
  guint64 sum;

  if (!g_uint64_checked_add (&sum, a, b))
    return G_MAXUINT64;
  return sum;
}

/** ioc_tthc_stats_finished: dossiers finished early, on time or late (domain.md §4). */
guint64
ioc_tthc_stats_finished (const IocTthcStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0);
  return sat_add (sat_add (stats->finished_early, stats->finished_on_time), stats->finished_late);
}

/** ioc_tthc_stats_unfinished: dossiers still in time or overdue (domain.md §4). */
guint64
ioc_tthc_stats_unfinished (const IocTthcStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0);
  return sat_add (stats->unfinished_in_time, stats->unfinished_overdue);
}

/**
 * ioc_tthc_stats_add:
 *
 * Adds @other's counts into @total: the province is the sum of its units
 * and a period is the sum of its days (daily.json). The period of @total
 * grows to cover @other's.
 */
void
ioc_tthc_stats_add (IocTthcStats       *total,
                    const IocTthcStats *other)
{
  g_return_if_fail (total != NULL);
  g_return_if_fail (other != NULL);

  for (guint i = 0; i < IOC_N_TTHC_COUNTS; i++)
    *COUNT_PTR (total, i) = sat_add (*COUNT_PTR (total, i), *COUNT_PTR (other, i));

  if (g_date_valid (&other->from)
      && (!g_date_valid (&total->from) || g_date_compare (&other->from, &total->from) < 0))
    total->from = other->from;
  if (g_date_valid (&other->to)
      && (!g_date_valid (&total->to) || g_date_compare (&other->to, &total->to) > 0))
    total->to = other->to;
}

/**
 * ioc_tthc_stats_check:
 *
 * The consistency a record must have before the QĐ 766 rates are computed
 * from it (domain.md §1: rates are always recomputed from counts, and a
 * record whose parts exceed their whole would print rates above 100%).
 *
 * Returns: %FALSE with %IOC_TTHC_STATS_ERROR_INCONSISTENT naming the first
 *   failing pair, or %IOC_TTHC_STATS_ERROR_PERIOD
 */
gboolean
ioc_tthc_stats_check (const IocTthcStats  *stats,
                      GError             **error)
{
  const struct {
    IocTthcCount part;
    IocTthcCount whole;
  } pairs[] = {
    { IOC_TTHC_COUNT_SERVICES_PARTIAL_ONLINE, IOC_TTHC_COUNT_SERVICES_TOTAL },
    { IOC_TTHC_COUNT_SERVICES_FULL_ONLINE, IOC_TTHC_COUNT_SERVICES_TOTAL },
    { IOC_TTHC_COUNT_RECEIVED_ONLINE, IOC_TTHC_COUNT_RECEIVED },
    { IOC_TTHC_COUNT_FEE_BEARING, IOC_TTHC_COUNT_RECEIVED },
    { IOC_TTHC_COUNT_PAID_ONLINE, IOC_TTHC_COUNT_FEE_BEARING },
    { IOC_TTHC_COUNT_DIGITISED, IOC_TTHC_COUNT_RECEIVED },
    { IOC_TTHC_COUNT_REUSED_DIGITISED, IOC_TTHC_COUNT_RECEIVED },
    { IOC_TTHC_COUNT_SYNCED_NATIONAL, IOC_TTHC_COUNT_RECEIVED },
  };

  g_return_val_if_fail (stats != NULL, FALSE);

  if (g_date_valid (&stats->from) && g_date_valid (&stats->to)
      && g_date_compare (&stats->from, &stats->to) > 0)
    {
      g_set_error (error, IOC_TTHC_STATS_ERROR, IOC_TTHC_STATS_ERROR_PERIOD,
                   _("The period ends before it starts"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (*COUNT_PTR (stats, pairs[i].part) > *COUNT_PTR (stats, pairs[i].whole))
      {
        g_set_error (error, IOC_TTHC_STATS_ERROR, IOC_TTHC_STATS_ERROR_INCONSISTENT,
                     _("“%s” exceeds “%s”"),
                     counts[pairs[i].part].name, counts[pairs[i].whole].name);
        return FALSE;
      }

  if (sat_add (stats->services_partial_online, stats->services_full_online) > stats->services_total)
    {
      g_set_error (error, IOC_TTHC_STATS_ERROR, IOC_TTHC_STATS_ERROR_INCONSISTENT,
                   _("“%s” exceeds “%s”"),
                   "services_partial_online + services_full_online", "services_total");
      return FALSE;
    }

  if (stats->results_electronic > ioc_tthc_stats_finished (stats))
    {
      g_set_error (error, IOC_TTHC_STATS_ERROR, IOC_TTHC_STATS_ERROR_INCONSISTENT,
                   _("“%s” exceeds “%s”"),
                   "results_electronic", "finished_early + finished_on_time + finished_late");
      return FALSE;
    }

  return TRUE;
}
