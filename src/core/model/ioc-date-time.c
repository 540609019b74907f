/* ioc-date-time.c — GDateTime ⇄ microseconds since the epoch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-date-time.h"

/** ioc_date_time_to_usec: microseconds since 1970-01-01 UTC, sub-second part kept. */
gint64
ioc_date_time_to_usec (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, 0);

  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC +
         g_date_time_get_microsecond (date_time);
}

/**
 * ioc_date_time_new_from_usec:
 *
 * Returns: (transfer full): the UTC time @usec microseconds after the epoch
 *   (negative values before it, rounding towards the past)
 */
GDateTime *
ioc_date_time_new_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }
  whole = g_date_time_new_from_unix_utc (seconds);
  return g_date_time_add (whole, rest);
}
