/* ioc-sim-rng.c — deterministic pseudo-random numbers for the feed simulator
 *
 * The simulator promises the same bytes for the same --seed, so every random
 * choice goes through these functions: xoshiro256** (Blackman & Vigna) for
 * streams, splitmix64 finalisers for stateless hashes of (seed, entity, time)
 * that let observations and TTHC counts be computed lazily in any order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ioc-sim-rng.h"

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

/** ioc_sim_rng_init: seeds the four words from splitmix64, as the authors advise. */
void
ioc_sim_rng_init (IocSimRng *rng,
                  guint64    seed)
{
  guint64 x = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

/**
 * ioc_sim_rng_init_stream:
 *
 * An independent stream per purpose ("complaints", "live", …) so adding a
 * draw in one part of the generator does not shift every other part.
 */
void
ioc_sim_rng_init_stream (IocSimRng  *rng,
                         guint64     seed,
                         const char *stream,
                         guint64     index)
{
  ioc_sim_rng_init (rng, ioc_sim_hash (seed, ioc_sim_hash_string (stream), index));
}

guint64
ioc_sim_rng_next (IocSimRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/** ioc_sim_rng_double: uniform in [0, 1) with 53 bits. */
double
ioc_sim_rng_double (IocSimRng *rng)
{
  return (ioc_sim_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/** ioc_sim_rng_below: uniform in [0, n) (n > 0), Lemire's multiply-shift. */
guint32
ioc_sim_rng_below (IocSimRng *rng,
                   guint32    n)
{
  g_return_val_if_fail (n > 0, 0);
  return (guint32) (((ioc_sim_rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/** ioc_sim_rng_range: uniform in [lo, hi]. */
gint64
ioc_sim_rng_range (IocSimRng *rng,
                   gint64     lo,
                   gint64     hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (ioc_sim_rng_double (rng) * (double) (hi - lo + 1));
}

gboolean
ioc_sim_rng_chance (IocSimRng *rng,
                    double     p)
{
  return ioc_sim_rng_double (rng) < p;
}

/** ioc_sim_rng_normal: standard normal by Box–Muller (one value per call). */
double
ioc_sim_rng_normal (IocSimRng *rng)
{
  double u1 = ioc_sim_rng_double (rng);
  double u2 = ioc_sim_rng_double (rng);

  if (u1 < 1e-300)
    u1 = 1e-300;
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

double
ioc_sim_rng_exponential (IocSimRng *rng,
                         double     mean)
{
  return -mean * log (1.0 - ioc_sim_rng_double (rng));
}

/**
 * ioc_sim_rng_binomial:
 *
 * Exact for small n, normal approximation above 30 draws: TTHC day counts
 * are computed on every stats request and must stay cheap.
 */
guint
ioc_sim_rng_binomial (IocSimRng *rng,
                      guint      n,
                      double     p)
{
  guint k = 0;

  if (p <= 0 || n == 0)
    return 0;
  if (p >= 1)
    return n;
  if (n <= 30)
    {
      for (guint i = 0; i < n; i++)
        if (ioc_sim_rng_double (rng) < p)
          k++;
      return k;
    }
  else
    {
      double v = n * p + sqrt (n * p * (1 - p)) * ioc_sim_rng_normal (rng);

      v = round (v);
      if (v < 0)
        v = 0;
      if (v > n)
        v = n;
      return (guint) v;
    }
}

/** ioc_sim_rng_weighted: an index drawn with probability proportional to weights[i]. */
guint
ioc_sim_rng_weighted (IocSimRng    *rng,
                      const double *weights,
                      guint         n)
{
  double total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = ioc_sim_rng_double (rng) * total;
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

/** ioc_sim_hash: a stateless 64-bit hash of three words (splitmix64 finaliser). */
guint64
ioc_sim_hash (guint64 a,
              guint64 b,
              guint64 c)
{
  guint64 x = a;
  guint64 h = splitmix64 (&x);

  x = h ^ b;
  h = splitmix64 (&x);
  x = h ^ c;
  return splitmix64 (&x);
}

double
ioc_sim_hash_double (guint64 a,
                     guint64 b,
                     guint64 c)
{
  return (ioc_sim_hash (a, b, c) >> 11) * (1.0 / 9007199254740992.0);
}

/** ioc_sim_hash_string: FNV-1a, stable across runs (g_str_hash is too, but is 32-bit). */
guint64
ioc_sim_hash_string (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (; *s; s++)
    {
      h ^= (guchar) *s;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}
