/* ioc-sim-rng.h — deterministic pseudo-random numbers for the feed simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro256** seeded through splitmix64: the same seed gives the same stream
 * on every platform, which rand() does not promise. */
typedef struct {
  guint64 s[4];
} IocSimRng;

void    ioc_sim_rng_init        (IocSimRng  *rng,
                                 guint64     seed);
void    ioc_sim_rng_init_stream (IocSimRng  *rng,
                                 guint64     seed,
                                 const char *stream,
                                 guint64     index);
guint64 ioc_sim_rng_next        (IocSimRng  *rng);
double  ioc_sim_rng_double      (IocSimRng  *rng);
guint32 ioc_sim_rng_below       (IocSimRng  *rng,
                                 guint32     n);
gint64  ioc_sim_rng_range       (IocSimRng  *rng,
                                 gint64      lo,
                                 gint64      hi);
gboolean ioc_sim_rng_chance     (IocSimRng  *rng,
                                 double      p);
double  ioc_sim_rng_normal      (IocSimRng  *rng);
double  ioc_sim_rng_exponential (IocSimRng  *rng,
                                 double      mean);
guint   ioc_sim_rng_binomial    (IocSimRng  *rng,
                                 guint       n,
                                 double      p);
guint   ioc_sim_rng_weighted    (IocSimRng    *rng,
                                 const double *weights,
                                 guint         n);

guint64 ioc_sim_hash            (guint64     a,
                                 guint64     b,
                                 guint64     c);
double  ioc_sim_hash_double     (guint64     a,
                                 guint64     b,
                                 guint64     c);
guint64 ioc_sim_hash_string     (const char *s);

G_END_DECLS
