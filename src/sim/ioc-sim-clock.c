/* ioc-sim-clock.c — the simulator's notion of "now" (pinned, accelerated or frozen)
 *
 * Simulated time = start + real elapsed time × speed + manual advances.
 * Speed 0 freezes the clock, which together with --now makes every response
 * reproducible; the control endpoint can still advance it step by step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-sim-clock.h"

struct _IocSimClock {
  gint64 start;       /* simulated Unix seconds at start */
  gint64 start_mono;  /* g_get_monotonic_time () at start */
  double speed;
  gint64 offset;      /* manual advances, seconds */
};

IocSimClock *
ioc_sim_clock_new (gint64 start,
                   double speed)
{
  IocSimClock *clock = g_new0 (IocSimClock, 1);

  clock->start = start;
  clock->start_mono = g_get_monotonic_time ();
  clock->speed = speed < 0 ? 0 : speed;
  return clock;
}

void
ioc_sim_clock_free (IocSimClock *clock)
{
  g_free (clock);
}

/** ioc_sim_clock_now: simulated Unix time in whole seconds. */
gint64
ioc_sim_clock_now (IocSimClock *clock)
{
  double elapsed = (g_get_monotonic_time () - clock->start_mono) / 1e6;

  return clock->start + clock->offset + (gint64) (elapsed * clock->speed);
}

gint64
ioc_sim_clock_start (IocSimClock *clock)
{
  return clock->start;
}

double
ioc_sim_clock_speed (IocSimClock *clock)
{
  return clock->speed;
}

/** ioc_sim_clock_advance: jumps forward (tests of live mode without waiting). */
void
ioc_sim_clock_advance (IocSimClock *clock,
                       gint64       seconds)
{
  if (seconds > 0)
    clock->offset += seconds;
}
