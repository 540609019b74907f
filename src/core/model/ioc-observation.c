/* ioc-observation.c — one SensorThings observation (feeds.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-observation.h"

G_DEFINE_BOXED_TYPE (IocObservation, ioc_observation, ioc_observation_copy, ioc_observation_free)

/**
 * ioc_observation_new:
 * @phenomenon_time: UTC microseconds since the epoch (the end of an interval)
 * @has_result: FALSE for a null result (feeds.md §2)
 * @result: the value, ignored without @has_result
 *
 * Returns: (transfer full)
 */
IocObservation *
ioc_observation_new (gint64   phenomenon_time,
                     gboolean has_result,
                     double   result)
{
  IocObservation *observation = g_new0 (IocObservation, 1);

  observation->phenomenon_time = phenomenon_time;
  observation->has_result = !!has_result;
  /* A null result is stored as 0 so that equal() sees no stale value. */
  observation->result = has_result ? result : 0.0;
  return observation;
}

IocObservation *
ioc_observation_copy (const IocObservation *observation)
{
  g_return_val_if_fail (observation != NULL, NULL);
  return g_memdup2 (observation, sizeof *observation);
}

void
ioc_observation_free (IocObservation *observation)
{
  g_free (observation);
}

/** ioc_observation_equal: same time and the same value (bitwise). */
gboolean
ioc_observation_equal (const IocObservation *a,
                       const IocObservation *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->phenomenon_time != b->phenomenon_time || a->has_result != b->has_result)
    return FALSE;
  /* Bitwise, so that a NaN from a broken sensor does not notify forever. */
  return !a->has_result || memcmp (&a->result, &b->result, sizeof a->result) == 0;
}

/** ioc_observation_get_time: (transfer full): the phenomenon time in UTC. */
GDateTime *
ioc_observation_get_time (const IocObservation *observation)
{
  g_autoptr(GDateTime) epoch = NULL;

  g_return_val_if_fail (observation != NULL, NULL);

  /* g_date_time_new_from_unix_usec_utc() is GLib 2.80; add to the epoch instead. */
  epoch = g_date_time_new_from_unix_utc (0);
  return g_date_time_add (epoch, observation->phenomenon_time);
}
