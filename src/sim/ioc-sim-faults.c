/* ioc-sim-faults.c — fault injection for client tests
 *
 * Every fault the client must survive (feeds.md, general rules: timeouts,
 * maximum response size, back-off, untrusted text, one bad record never
 * drops a page): latency, stalls in the middle of a body, 5xx answers,
 * truncated or syntactically broken documents, wrong JSON types, oversized
 * responses, invalid UTF-8, markup in text fields and impossible dates.
 * Rates are probabilities per response, drawn from a seeded stream so a
 * failing test can be replayed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "ioc-sim-dataset.h"
#include "ioc-sim-faults.h"
#include "ioc-sim-rng.h"
#include "ioc-sim-writer.h"

typedef enum { RATE, MILLIS, BYTES, TEXT } Kind;

typedef struct {
  const char *key;
  Kind        kind;
  const char *help;
} Knob;

static const Knob knobs[] = {
  { "latency_ms", MILLIS, "delay every response by this many milliseconds" },
  { "stall", RATE, "share of responses that stop half-way through the body" },
  { "stall_ms", MILLIS, "how long a stalled body waits before the rest (default 30000)" },
  { "error_rate", RATE, "share of responses answered 500/502/503 with an error body" },
  { "truncated", RATE, "share of bodies cut in half" },
  { "malformed", RATE, "share of bodies with broken JSON/XML syntax" },
  { "wrong_types", RATE, "share of bodies with numbers as strings and dates as numbers" },
  { "oversized", RATE, "share of bodies padded to oversized_bytes" },
  { "oversized_bytes", BYTES, "size of an oversized body (default 33554432)" },
  { "invalid_utf8", RATE, "share of bodies with invalid UTF-8 in text fields" },
  { "markup", RATE, "share of bodies with HTML/script markup in text fields" },
  { "impossible_dates", RATE, "share of bodies with dates like 2024-02-30T25:61" },
  { "path", TEXT, "apply faults only below this path prefix, e.g. /open311/" },
};

struct _IocSimFaults {
  guint64    seed;
  IocSimRng  rng;
  double     values[G_N_ELEMENTS (knobs)];
  char      *path;
  guint      counter;
};

enum {
  K_LATENCY, K_STALL, K_STALL_MS, K_ERROR, K_TRUNCATED, K_MALFORMED, K_WRONG_TYPES,
  K_OVERSIZED, K_OVERSIZED_BYTES, K_INVALID_UTF8, K_MARKUP, K_DATES, K_PATH,
};

IocSimFaults *
ioc_sim_faults_new (guint64 seed)
{
  IocSimFaults *self = g_new0 (IocSimFaults, 1);

  self->seed = seed;
  ioc_sim_faults_reset (self);
  return self;
}

void
ioc_sim_faults_free (IocSimFaults *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self);
}

/** ioc_sim_faults_reset: no faults, and the fault stream starts over. */
void
ioc_sim_faults_reset (IocSimFaults *self)
{
  memset (self->values, 0, sizeof self->values);
  self->values[K_STALL_MS] = 30000;
  self->values[K_OVERSIZED_BYTES] = 32 * 1024 * 1024;
  g_clear_pointer (&self->path, g_free);
  ioc_sim_rng_init_stream (&self->rng, self->seed, "faults", 0);
  self->counter = 0;
}

static int
knob_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (knobs); i++)
    if (g_str_equal (knobs[i].key, key))
      return (int) i;
  return -1;
}

static gboolean
set_number (IocSimFaults *self, int i, double v, GError **error)
{
  if ((knobs[i].kind == RATE && (v < 0 || v > 1))
      || (knobs[i].kind != RATE && (v < 0 || v > 1e10)))
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                   "fault %s: value out of range", knobs[i].key);
      return FALSE;
    }
  self->values[i] = v;
  return TRUE;
}

/**
 * ioc_sim_faults_set:
 *
 * One knob from the command line (--fault KEY=VALUE): rates in [0, 1],
 * durations in ms, sizes in bytes, booleans for rates ("true" = always).
 */
gboolean
ioc_sim_faults_set (IocSimFaults  *self,
                    const char    *key,
                    const char    *value,
                    GError       **error)
{
  int i = knob_index (key);
  char *end = NULL;
  double v;

  if (i < 0)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID, "unknown fault “%s”", key);
      return FALSE;
    }
  if (knobs[i].kind == TEXT)
    {
      g_free (self->path);
      self->path = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (value, "true"))
    v = 1;
  else if (g_str_equal (value, "false"))
    v = 0;
  else
    {
      v = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0')
        {
          g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                       "fault %s: “%s” is not a number", key, value);
          return FALSE;
        }
    }
  return set_number (self, i, v, error);
}

/**
 * ioc_sim_faults_set_json:
 *
 * The control endpoint's body: {"error_rate": 0.5, "markup": true, …}.
 * Knobs not named keep their value; on error nothing changes.
 */
gboolean
ioc_sim_faults_set_json (IocSimFaults  *self,
                         const char    *json,
                         gsize          len,
                         GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  IocSimFaults copy = *self;
  g_autofree char *path = g_strdup (self->path);
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, json, (gssize) len, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID, "expected a JSON object");
      return FALSE;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (obj);
  copy.path = NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (obj, l->data);
      int i = knob_index (l->data);
      GType t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      if (i < 0)
        {
          g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID, "unknown fault “%s”",
                       (const char *) l->data);
          return FALSE;
        }
      if (knobs[i].kind == TEXT && (t == G_TYPE_STRING || JSON_NODE_HOLDS_NULL (node)))
        {
          g_free (path);
          path = g_strdup (JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node));
        }
      else if (t == G_TYPE_BOOLEAN && knobs[i].kind == RATE)
        copy.values[i] = json_node_get_boolean (node) ? 1 : 0;
      else if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE)
        {
          if (!set_number (&copy, i, json_node_get_double (node), error))
            return FALSE;
        }
      else
        {
          g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                       "fault %s: wrong type", knobs[i].key);
          return FALSE;
        }
    }
  memcpy (self->values, copy.values, sizeof self->values);
  g_free (self->path);
  self->path = g_steal_pointer (&path);
  return TRUE;
}

/** ioc_sim_faults_to_json: the current knobs, for GET /_control/faults. */
char *
ioc_sim_faults_to_json (IocSimFaults *self)
{
  IocSimWriter *w = ioc_sim_writer_new (IOC_SIM_FORMAT_JSON);
  g_autoptr(GBytes) bytes = NULL;

  ioc_sim_writer_begin_object (w, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (knobs); i++)
    if (knobs[i].kind == TEXT)
      ioc_sim_writer_string (w, knobs[i].key, self->path);
    else
      ioc_sim_writer_double (w, knobs[i].key, self->values[i], 4);
  ioc_sim_writer_end_object (w);
  bytes = ioc_sim_writer_finish (w);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
roll (IocSimFaults *self, int i)
{
  double p = self->values[i];

  /* Always draw, so that one knob's value never shifts another's sequence. */
  double u = ioc_sim_rng_double (&self->rng);

  return p >= 1 || u < p;
}

/** ioc_sim_faults_plan: decides the faults of the next response to @path. */
void
ioc_sim_faults_plan (IocSimFaults    *self,
                     const char      *path,
                     IocSimFaultPlan *plan)
{
  static const guint statuses[] = { 503, 500, 502 };

  memset (plan, 0, sizeof *plan);
  if (self->path != NULL && !g_str_has_prefix (path, self->path))
    return;
  plan->latency_ms = (guint) self->values[K_LATENCY];
  if (roll (self, K_ERROR))
    plan->error_status = statuses[self->counter++ % G_N_ELEMENTS (statuses)];
  if (roll (self, K_STALL))
    plan->stall_ms = (guint) self->values[K_STALL_MS];
  plan->truncated = roll (self, K_TRUNCATED);
  plan->malformed = roll (self, K_MALFORMED);
  if (roll (self, K_OVERSIZED))
    plan->oversized = (gsize) self->values[K_OVERSIZED_BYTES];
  if (roll (self, K_WRONG_TYPES))
    plan->mangle |= IOC_SIM_MANGLE_WRONG_TYPES;
  if (roll (self, K_INVALID_UTF8))
    plan->mangle |= IOC_SIM_MANGLE_BAD_UTF8;
  if (roll (self, K_MARKUP))
    plan->mangle |= IOC_SIM_MANGLE_MARKUP;
  if (roll (self, K_DATES))
    plan->mangle |= IOC_SIM_MANGLE_BAD_DATES;
}

/** ioc_sim_faults_help: the knob list for --help. */
const char *
ioc_sim_faults_help (void)
{
  static char *help;

  if (g_once_init_enter (&help))
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (knobs); i++)
        g_string_append_printf (s, "  %-18s %s\n", knobs[i].key, knobs[i].help);
      g_once_init_leave (&help, g_string_free (s, FALSE));
    }
  return help;
}
