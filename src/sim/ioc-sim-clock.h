/* ioc-sim-clock.h — the simulator's notion of "now" (pinned, accelerated or frozen)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IocSimClock IocSimClock;

IocSimClock *ioc_sim_clock_new       (gint64       start,
                                      double       speed);
void         ioc_sim_clock_free      (IocSimClock *clock);
gint64       ioc_sim_clock_now       (IocSimClock *clock);
gint64       ioc_sim_clock_start     (IocSimClock *clock);
double       ioc_sim_clock_speed     (IocSimClock *clock);
void         ioc_sim_clock_advance   (IocSimClock *clock,
                                      gint64       seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimClock, ioc_sim_clock_free)

G_END_DECLS
