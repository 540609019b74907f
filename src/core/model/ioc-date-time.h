/* ioc-date-time.h — GDateTime ⇄ microseconds since the epoch
 *
 * GLib 2.74 has neither g_date_time_to_unix_usec() nor
 * g_date_time_new_from_unix_usec() (both 2.80).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64     ioc_date_time_to_usec       (GDateTime *date_time);
GDateTime *ioc_date_time_new_from_usec (gint64     usec);

G_END_DECLS
