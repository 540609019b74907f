/* ioc-sim-dataset.c — the simulator's seeded state in SQLite
 *
 * Complaints are generated as drafts (time, commune, field), sorted by time,
 * numbered per year, then given a whole life cycle: received → acknowledged →
 * in progress → resolved (or rejected, duplicate, reopened), with every step
 * stored as an Open311 update. Steps after "now" are stored too but not yet
 * applied: as the clock moves, ioc_sim_dataset_tick() applies them, which is
 * how agencies "move complaints along" in live mode. New complaints arrive in
 * chunks generated ahead of the clock from their own random stream, so what
 * happens does not depend on when the timer fires.
 *
 * Calibration (domain.md §1): with a history that includes 2024, the communes
 * of old An Giang receive exactly 618 complaints in 2024, of which exactly 582
 * are resolved and 36 in progress at 31/12/2024 24:00.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ioc-commune.h"
#include "ioc-sim-calendar.h"
#include "ioc-sim-dataset.h"
#include "ioc-sim-rng.h"
#include "ioc-sim-text.h"

#define CAL_RECEIVED    618
#define CAL_IN_PROGRESS 36
#define LIVE_CHUNK      (6 * 3600)

G_DEFINE_QUARK (ioc-sim-error-quark, ioc_sim_error)

typedef enum {
  FILTER_ALL,
  FILTER_OLD_AG,
  FILTER_OLD_KG,
} CommuneFilter;

enum {
  FORCE_NONE,
  FORCE_RESOLVED,    /* calibrated: resolved before the end of 2024 */
  FORCE_IN_PROGRESS, /* calibrated: still in progress at the end of 2024 */
};

typedef struct {
  gint64  requested;
  guint32 ordinal;   /* selects the complaint's own random stream */
  guint32 seq;       /* number within its year */
  guint16 commune;
  guint8  field;
  guint8  calibrated;
  guint8  force;
} Draft;

typedef struct {
  gint64      at;
  const char *xs;
  const char *note;
  const char *author;
} Step;

typedef struct {
  Step        steps[8];
  guint       n_steps;
  const char *priority;
  const char *channel;
  guint       n_media;
  gint64      expected;
  gboolean    commune_agency;
  const char *operator;
  guint       dup_back;  /* > 0: duplicate of the complaint this many places earlier */
} Plan;

typedef struct {
  CommuneFilter filter;
  gint64        from, to;
  gint64        count;
  double        default_count;
  gboolean      calibrated;
} Slot;

struct _IocSimDataset {
  sqlite3     *db;
  IocSimClock *clock;
  guint64      seed;
  gint64       history_start;
  gint64       year_end_2024;
  double       rate_per_day;
  guint32      next_ordinal;
  GHashTable  *year_seq;     /* year → last number used */
  GHashTable  *stmts;        /* SQL → sqlite3_stmt */
  gint64       live_until;
  guint64      live_chunk;
  gint64       applied_until;
  double       commune_weight[IOC_N_COMMUNES];
};

static const char *const priorities[] = { "khan_cap", "cao", "thuong", "thap" };
static const double priority_weight[] = { 5, 20, 60, 15 };
static const guint priority_days[] = { 1, 3, 7, 15 }; /* domain.md §3 deadline tiers */
static const char *const channels[] = { "app", "hotline", "web", "zalo" };
static const double channel_weight[] = { 45, 25, 15, 15 };

/* Complaints by hour of day: office hours busiest, few at night. */
static const double hour_weight[24] = {
  0.05, 0.03, 0.03, 0.03, 0.05, 0.2, 0.5, 0.8, 1.0, 1.0, 1.0, 0.9,
  0.6, 0.6, 0.9, 1.0, 1.0, 0.9, 0.7, 0.7, 0.6, 0.4, 0.2, 0.1,
};

gint64
ioc_sim_dataset_now (IocSimDataset *self)
{
  return ioc_sim_clock_now (self->clock);
}

static gboolean
exec (IocSimDataset *self, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_DATABASE, "SQLite: %s", msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/**
 * ioc_sim_dataset_prepare:
 *
 * Returns: (transfer none): a cached, reset statement for @sql; SQL errors
 * are programming errors and abort.
 */
sqlite3_stmt *
ioc_sim_dataset_prepare (IocSimDataset *self,
                         const char    *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("SQLite: %s in %s", sqlite3_errmsg (self->db), sql);
      g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static const char schema[] =
  "CREATE TABLE requests ("
  "  id INTEGER PRIMARY KEY, srid TEXT NOT NULL UNIQUE, service_code TEXT NOT NULL,"
  "  commune_code TEXT NOT NULL, description TEXT, address TEXT, lat REAL, lon REAL,"
  "  requested INTEGER NOT NULL, updated INTEGER NOT NULL, expected INTEGER,"
  "  xstatus TEXT NOT NULL, priority TEXT, channel TEXT, agency TEXT, status_notes TEXT,"
  "  n_media INTEGER NOT NULL DEFAULT 0, claimed_by TEXT, duplicate_of TEXT);"
  "CREATE INDEX requests_requested ON requests (requested);"
  "CREATE TABLE updates ("
  "  seq INTEGER PRIMARY KEY, update_id TEXT NOT NULL UNIQUE, request INTEGER NOT NULL,"
  "  at INTEGER NOT NULL, xstatus TEXT NOT NULL, description TEXT, author TEXT,"
  "  agency TEXT, priority TEXT, claimed_by TEXT, duplicate_of TEXT,"
  "  applied INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX updates_at ON updates (at);"
  "CREATE INDEX updates_request ON updates (request, at);"
  "CREATE INDEX updates_pending ON updates (at) WHERE applied = 0;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);";

/* Bumped when the schema or the generator changes what a file holds. */
#define DB_FORMAT "1"

/* Urban wards and Phú Quốc are busier; the two provincial cities most of all. */
static void
init_commune_weights (IocSimDataset *self)
{
  guint n;
  const IocCommune *all = ioc_commune_all (&n);

  for (guint i = 0; i < n; i++)
    {
      double w = 1.0;

      if (all[i].kind == IOC_COMMUNE_KIND_PHUONG)
        w = 5.0;
      if (g_str_equal (all[i].name, "Long Xuyên") || g_str_equal (all[i].name, "Rạch Giá"))
        w = 12.0;
      if (g_str_equal (all[i].name, "Phú Quốc"))
        w = 8.0;
      else if (all[i].kind == IOC_COMMUNE_KIND_DAC_KHU)
        w = 0.4;
      self->commune_weight[i] = w;
    }
}

static gboolean
commune_matches (const IocCommune *c, CommuneFilter filter)
{
  return filter == FILTER_ALL
         || (filter == FILTER_OLD_AG && c->old_an_giang)
         || (filter == FILTER_OLD_KG && !c->old_an_giang);
}

static gint64
draw_time (IocSimRng *rng, gint64 from, gint64 to)
{
  for (;;)
    {
      gint64 t = ioc_sim_rng_range (rng, from, to - 1);
      IocSimCivil c;
      double w;

      ioc_sim_calendar_to_civil (t, &c);
      w = hour_weight[c.hour] * ((c.weekday == 0 || c.weekday == 6) ? 0.7 : 1.0);
      if (ioc_sim_rng_double (rng) < w)
        return t;
    }
}

static void
draw_drafts (IocSimDataset *self,
             IocSimRng     *rng,
             const Slot    *slot,
             GArray        *drafts)
{
  guint n_fields, n;
  const IocSimField *fields = ioc_sim_text_fields (&n_fields);
  const IocCommune *all = ioc_commune_all (&n);
  double cw[IOC_N_COMMUNES];
  double fw[2][16];

  for (guint i = 0; i < n; i++)
    cw[i] = commune_matches (&all[i], slot->filter) ? self->commune_weight[i] : 0;
  for (guint i = 0; i < n_fields; i++)
    {
      fw[0][i] = fields[i].weight;
      fw[1][i] = fields[i].weight * fields[i].rainy_boost;
    }

  for (gint64 k = 0; k < slot->count; k++)
    {
      Draft d = { 0 };
      IocSimCivil c;

      d.requested = draw_time (rng, slot->from, slot->to);
      ioc_sim_calendar_to_civil (d.requested, &c);
      d.commune = (guint16) ioc_sim_rng_weighted (rng, cw, n);
      /* Flooding and road damage peak in the rainy season (May–November). */
      d.field = (guint8) ioc_sim_rng_weighted (rng, fw[c.month >= 5 && c.month <= 11], n_fields);
      d.ordinal = self->next_ordinal++;
      d.calibrated = slot->calibrated;
      g_array_append_val (drafts, d);
    }
}

static int
cmp_draft (gconstpointer a, gconstpointer b)
{
  const Draft *x = a, *y = b;

  if (x->requested != y->requested)
    return x->requested < y->requested ? -1 : 1;
  return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* The next moment the office is open (07:30–17:00 on a working day). */
static gint64
office_time (gint64 t)
{
  for (int guard = 0; guard < 30; guard++)
    {
      IocSimCivil c;

      ioc_sim_calendar_to_civil (t, &c);
      if (ioc_sim_calendar_is_working_day (t) && c.hour >= 7 && c.hour < 17)
        return t;
      if (c.hour >= 7)
        t = ioc_sim_calendar_from_civil (c.year, c.month, c.day, 7, 30, 0) + 86400;
      else
        t = ioc_sim_calendar_from_civil (c.year, c.month, c.day, 7, 30, 0);
      t += (t % 1800); /* not everyone starts at 07:30 sharp */
    }
  return t;
}

/**
 * plan_complaint:
 *
 * The whole life of one complaint from its own random stream. The draws are
 * always made in the same order; calibration only adjusts times afterwards,
 * so forcing one complaint never changes another.
 */
static void
plan_complaint (IocSimDataset *self,
                const Draft   *d,
                Plan          *p)
{
  IocSimRng rng;
  guint n_ops, prio;
  const char *const *ops = ioc_sim_text_operators (&n_ops);
  const IocSimField *fields = ioc_sim_text_fields (&prio);
  gint64 r = d->requested, ack, assign, resolve, reopen_at = 0, second = 0;
  double u_outcome, factor;
  gboolean mid_note;
  const char *outcome = "resolved";

  ioc_sim_rng_init_stream (&rng, self->seed, "complaint", d->ordinal);
  memset (p, 0, sizeof *p);

  prio = ioc_sim_rng_weighted (&rng, priority_weight, G_N_ELEMENTS (priority_weight));
  p->priority = priorities[prio];
  p->channel = channels[ioc_sim_rng_weighted (&rng, channel_weight, G_N_ELEMENTS (channel_weight))];
  p->n_media = ioc_sim_rng_chance (&rng, (g_str_equal (p->channel, "app")
                                          || g_str_equal (p->channel, "zalo")) ? 0.7 : 0.1)
               ? 1 + ioc_sim_rng_below (&rng, 3) : 0;
  p->expected = ioc_sim_calendar_add_working_days (r, priority_days[prio]);
  p->commune_agency = ioc_sim_rng_chance (&rng, fields[d->field].commune_share);
  p->operator = ops[ioc_sim_rng_below (&rng, n_ops)];

  ack = office_time (r + 300 + (gint64) ioc_sim_rng_exponential (&rng, prio == 0 ? 1200 : 5400));
  assign = office_time (ack + 600 + (gint64) ioc_sim_rng_exponential (&rng, prio == 0 ? 1800 : 10800));
  /* Time to resolve: log-normal around two thirds of the deadline, so that
   * roughly one complaint in six is late (domain.md §3: overdue is derived). */
  factor = exp (-0.5 + 0.55 * ioc_sim_rng_normal (&rng));
  resolve = office_time (assign + (gint64) (MAX (p->expected - r, 3600) * factor));
  u_outcome = ioc_sim_rng_double (&rng);
  mid_note = ioc_sim_rng_chance (&rng, 0.35);
  if (!d->calibrated)
    {
      if (u_outcome < 0.04)
        outcome = "rejected";
      else if (u_outcome < 0.08)
        {
          outcome = "duplicate";
          p->dup_back = 1 + ioc_sim_rng_below (&rng, 40);
        }
      else if (u_outcome < 0.10)
        {
          reopen_at = office_time (resolve + 86400 + (gint64) ioc_sim_rng_exponential (&rng, 2 * 86400));
          second = office_time (reopen_at + 3600 + (gint64) ioc_sim_rng_exponential (&rng, 3 * 86400));
        }
    }
  if (!g_str_equal (outcome, "resolved"))
    resolve = office_time (assign + 3600 + (gint64) ioc_sim_rng_exponential (&rng, 86400));

  if (d->force == FORCE_RESOLVED && resolve >= self->year_end_2024)
    {
      gint64 room;

      if (assign >= self->year_end_2024 - 1800)
        {
          ack = MIN (ack, r + 300);
          assign = MIN (assign, r + 900);
        }
      room = self->year_end_2024 - assign;

      resolve = assign + (gint64) (room * (0.2 + 0.7 * ioc_sim_rng_double (&rng)));
    }
  else if (d->force == FORCE_IN_PROGRESS)
    {
      ack = MIN (ack, r + 300);
      assign = MIN (assign, r + 900);
      if (resolve < self->year_end_2024)
        resolve = office_time (self->year_end_2024 + 3600
                               + (gint64) ioc_sim_rng_exponential (&rng, 8 * 86400));
    }

#define STEP(t, x, who) G_STMT_START { \
    p->steps[p->n_steps].at = (t); \
    p->steps[p->n_steps].xs = (x); \
    p->steps[p->n_steps].note = ioc_sim_text_note (&rng, (x)); \
    p->steps[p->n_steps].author = (who); \
    p->n_steps++; } G_STMT_END

  STEP (r, "new", "Cổng SmartAnGiang");
  STEP (ack, "acknowledged", p->operator);
  STEP (assign, "in_progress", NULL);
  if (mid_note && resolve - assign > 7200)
    STEP (assign + (resolve - assign) / 2, "in_progress", NULL);
  STEP (resolve, outcome, NULL);
  if (reopen_at > 0)
    {
      STEP (reopen_at, "reopened", p->operator);
      STEP (second, "resolved", NULL);
    }
#undef STEP
}

static void
format_srid (const Draft *d, char buf[24])
{
  IocSimCivil c;

  ioc_sim_calendar_to_civil (d->requested, &c);
  g_snprintf (buf, 24, "PA-%02d-%06u", c.year % 100, d->seq);
}

static void
number_drafts (IocSimDataset *self, GArray *drafts)
{
  for (guint i = 0; i < drafts->len; i++)
    {
      Draft *d = &g_array_index (drafts, Draft, i);
      IocSimCivil c;
      guint32 seq;

      ioc_sim_calendar_to_civil (d->requested, &c);
      seq = GPOINTER_TO_UINT (g_hash_table_lookup (self->year_seq, GINT_TO_POINTER (c.year))) + 1;
      g_hash_table_insert (self->year_seq, GINT_TO_POINTER (c.year), GUINT_TO_POINTER (seq));
      d->seq = seq;
    }
}

static gboolean
is_open_status (const char *xs)
{
  return !(g_str_equal (xs, "resolved") || g_str_equal (xs, "rejected")
           || g_str_equal (xs, "duplicate"));
}

static void
insert_drafts (IocSimDataset *self, GArray *drafts, gint64 now)
{
  guint n_fields;
  const IocSimField *fields = ioc_sim_text_fields (&n_fields);
  const IocCommune *communes = ioc_commune_all (NULL);
  sqlite3_stmt *ins_req = ioc_sim_dataset_prepare (self,
    "INSERT INTO requests (srid, service_code, commune_code, description, address, lat, lon,"
    " requested, updated, expected, xstatus, priority, channel, agency, status_notes, n_media,"
    " claimed_by, duplicate_of) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)");
  sqlite3_stmt *ins_upd = NULL;

  for (guint i = 0; i < drafts->len; i++)
    {
      const Draft *d = &g_array_index (drafts, Draft, i);
      const IocCommune *commune = &communes[d->commune];
      const IocSimField *field = &fields[d->field];
      Plan p;
      IocSimRng rng;
      char srid[24], dup[24] = "";
      g_autofree char *address = NULL, *place = NULL, *description = NULL, *cagency = NULL;
      const char *agency, *state = "new", *notes = NULL;
      gint64 updated = d->requested, rowid;
      double radius, angle, dist;

      plan_complaint (self, d, &p);
      format_srid (d, srid);
      if (p.dup_back > 0 && p.dup_back <= i)
        format_srid (&g_array_index (drafts, Draft, i - p.dup_back), dup);

      /* Text and position from a second stream: wording changes never move times. */
      ioc_sim_rng_init_stream (&rng, self->seed, "complaint-text", d->ordinal);
      place = ioc_sim_text_place (&rng, commune, &address);
      description = ioc_sim_text_description (&rng, d->field, commune, place);
      radius = sqrt (commune->area_km2 / G_PI) * 0.6;
      angle = ioc_sim_rng_double (&rng) * 2 * G_PI;
      dist = sqrt (ioc_sim_rng_double (&rng)) * radius;
      cagency = ioc_sim_text_agency_name (commune);
      agency = p.commune_agency ? cagency : field->provincial;

      for (guint s = 0; s < p.n_steps; s++)
        if (p.steps[s].at <= now)
          {
            state = p.steps[s].xs;
            updated = p.steps[s].at;
            notes = p.steps[s].note;
          }

      sqlite3_reset (ins_req);
      sqlite3_clear_bindings (ins_req);
      sqlite3_bind_text (ins_req, 1, srid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins_req, 2, field->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_req, 3, commune->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_req, 4, description, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_req, 5, address, -1, SQLITE_STATIC);
      sqlite3_bind_double (ins_req, 6, round ((commune->lat + dist * sin (angle) / 110.6) * 1e6) / 1e6);
      sqlite3_bind_double (ins_req, 7, round ((commune->lon + dist * cos (angle) / 109.4) * 1e6) / 1e6);
      sqlite3_bind_int64 (ins_req, 8, d->requested);
      sqlite3_bind_int64 (ins_req, 9, updated);
      sqlite3_bind_int64 (ins_req, 10, p.expected);
      sqlite3_bind_text (ins_req, 11, state, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_req, 12, p.priority, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_req, 13, p.channel, -1, SQLITE_STATIC);
      if (!g_str_equal (state, "new"))
        sqlite3_bind_text (ins_req, 14, agency, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_req, 15, notes, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins_req, 16, (int) p.n_media);
      if (!g_str_equal (state, "new") && is_open_status (state))
        sqlite3_bind_text (ins_req, 17, p.operator, -1, SQLITE_STATIC);
      if (*dup != '\0' && g_str_equal (state, "duplicate"))
        sqlite3_bind_text (ins_req, 18, dup, -1, SQLITE_STATIC);
      if (sqlite3_step (ins_req) != SQLITE_DONE)
        g_error ("SQLite: %s", sqlite3_errmsg (self->db));
      rowid = sqlite3_last_insert_rowid (self->db);

      ins_upd = ioc_sim_dataset_prepare (self,
        "INSERT INTO updates (update_id, request, at, xstatus, description, author, agency,"
        " priority, claimed_by, duplicate_of, applied) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
      for (guint s = 0; s < p.n_steps; s++)
        {
          const Step *st = &p.steps[s];
          char uid[40];

          g_snprintf (uid, sizeof uid, "%s-%u", srid, s + 1);
          sqlite3_reset (ins_upd);
          sqlite3_clear_bindings (ins_upd);
          sqlite3_bind_text (ins_upd, 1, uid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (ins_upd, 2, rowid);
          sqlite3_bind_int64 (ins_upd, 3, st->at);
          sqlite3_bind_text (ins_upd, 4, st->xs, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins_upd, 5, st->note, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins_upd, 6, st->author != NULL ? st->author : agency, -1, SQLITE_STATIC);
          if (s > 0)
            sqlite3_bind_text (ins_upd, 7, agency, -1, SQLITE_STATIC);
          if (s == 0)
            sqlite3_bind_text (ins_upd, 8, p.priority, -1, SQLITE_STATIC);
          if (s > 0 && is_open_status (st->xs))
            sqlite3_bind_text (ins_upd, 9, p.operator, -1, SQLITE_STATIC);
          if (*dup != '\0' && g_str_equal (st->xs, "duplicate"))
            sqlite3_bind_text (ins_upd, 10, dup, -1, SQLITE_STATIC);
          sqlite3_bind_int (ins_upd, 11, st->at <= now);
          if (sqlite3_step (ins_upd) != SQLITE_DONE)
            g_error ("SQLite: %s", sqlite3_errmsg (self->db));
        }
    }
}

/* Which calibrated complaints stay in progress at the end of 2024: those the
 * life-cycle draw leaves open, trimmed or topped up from the latest arrivals. */
static void
calibrate_2024 (IocSimDataset *self, GArray *drafts)
{
  g_autoptr(GArray) open_idx = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) closed_idx = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < drafts->len; i++)
    {
      Draft *d = &g_array_index (drafts, Draft, i);
      Plan p;

      if (!d->calibrated)
        continue;
      plan_complaint (self, d, &p);
      if (p.steps[p.n_steps - 1].at >= self->year_end_2024)
        g_array_append_val (open_idx, i);
      else
        g_array_append_val (closed_idx, i);
    }

  /* Indices are in time order: keep the latest ones open, they are the realistic backlog. */
  for (guint k = 0; k < open_idx->len; k++)
    {
      Draft *d = &g_array_index (drafts, Draft, g_array_index (open_idx, guint, k));

      d->force = k + CAL_IN_PROGRESS < open_idx->len ? FORCE_RESOLVED : FORCE_IN_PROGRESS;
    }
  for (guint k = open_idx->len; k < CAL_IN_PROGRESS && closed_idx->len > 0; k++)
    {
      guint last = g_array_index (closed_idx, guint, closed_idx->len - 1);

      g_array_index (drafts, Draft, last).force = FORCE_IN_PROGRESS;
      g_array_set_size (closed_idx, closed_idx->len - 1);
    }
  for (guint k = 0; k < closed_idx->len; k++)
    g_array_index (drafts, Draft, g_array_index (closed_idx, guint, k)).force = FORCE_RESOLVED;
}

static gboolean
build_slots (IocSimDataset *self, const IocSimDatasetOptions *options, gint64 now,
             GArray *slots, GError **error)
{
  IocSimCivil c;
  double total_default = 0, fixed = 0, rest_default = 0;
  gint64 assigned = 0, rest;

  ioc_sim_calendar_to_civil (now, &c);
  for (int y = options->history_year; y <= c.year; y++)
    {
      gint64 ys = ioc_sim_calendar_year_start (y), ye = ioc_sim_calendar_year_start (y + 1);
      gint64 from = ys, to = MIN (ye, now);
      double frac = (double) (to - from) / (double) (ye - ys);

      if (to <= from)
        continue;
      if (y >= 2025)
        {
          Slot s = { FILTER_ALL, from, to, 0, 1500 * frac, FALSE };
          g_array_append_val (slots, s);
        }
      else
        {
          gboolean cal = (y == 2024 && now >= ye);
          Slot ag = { FILTER_OLD_AG, from, cal ? ye - 7200 : to, 0,
                      cal ? CAL_RECEIVED : (y == 2024 ? 618 : 560) * frac, cal };
          Slot kg = { FILTER_OLD_KG, from, to, 0, (y == 2024 ? 480 : 440) * frac, FALSE };

          g_array_append_val (slots, ag);
          g_array_append_val (slots, kg);
        }
    }

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *s = &g_array_index (slots, Slot, i);

      total_default += s->default_count;
      if (s->calibrated)
        fixed += s->default_count;
      else
        rest_default += s->default_count;
    }

  if (options->complaints < 0)
    {
      for (guint i = 0; i < slots->len; i++)
        {
          Slot *s = &g_array_index (slots, Slot, i);
          s->count = (gint64) round (s->default_count);
        }
      self->rate_per_day = options->rate_per_day > 0 ? options->rate_per_day : 1500.0 / 365.0;
      return TRUE;
    }

  if (options->complaints < fixed)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                   "--complaints must be at least %d when the history includes 2024 "
                   "(the published year of old An Giang)", CAL_RECEIVED);
      return FALSE;
    }
  rest = options->complaints - (gint64) fixed;
  /* Spread the rest in proportion to the default volumes; the last slot takes
   * the rounding remainder so the total is exact. */
  for (guint i = 0; i < slots->len; i++)
    {
      Slot *s = &g_array_index (slots, Slot, i);

      if (s->calibrated)
        s->count = CAL_RECEIVED;
      else if (rest_default > 0)
        {
          s->count = (gint64) floor (rest * s->default_count / rest_default);
          assigned += s->count;
        }
    }
  for (guint i = slots->len; i > 0; i--)
    {
      Slot *s = &g_array_index (slots, Slot, i - 1);

      if (!s->calibrated)
        {
          s->count += rest - assigned;
          break;
        }
    }
  self->rate_per_day = options->rate_per_day > 0 ? options->rate_per_day
                       : 1500.0 / 365.0 * (total_default > 0 ? options->complaints / total_default : 1);
  return TRUE;
}

static guint
poisson (IocSimRng *rng, double mean)
{
  if (mean > 50)
    {
      double v = round (mean + sqrt (mean) * ioc_sim_rng_normal (rng));

      return v > 0 ? (guint) v : 0;
    }
  else
    {
      double l = exp (-mean), p = 1;
      guint k = 0;

      do
        {
          k++;
          p *= ioc_sim_rng_double (rng);
        }
      while (p > l);
      return k - 1;
    }
}

static void save_state (IocSimDataset *self);

/* New complaints ahead of the clock, one chunk of simulated time at a time. */
static void
generate_live (IocSimDataset *self, gint64 until)
{
  while (self->live_until < until)
    {
      g_autoptr(GArray) drafts = g_array_new (FALSE, FALSE, sizeof (Draft));
      IocSimRng rng;
      Slot s = { FILTER_ALL, self->live_until, self->live_until + LIVE_CHUNK, 0, 0, FALSE };

      ioc_sim_rng_init_stream (&rng, self->seed, "live", self->live_chunk++);
      s.count = poisson (&rng, self->rate_per_day * LIVE_CHUNK / 86400.0);
      draw_drafts (self, &rng, &s, drafts);
      g_array_sort (drafts, cmp_draft);
      number_drafts (self, drafts);
      insert_drafts (self, drafts, ioc_sim_dataset_now (self));
      self->live_until += LIVE_CHUNK;
    }
}

/**
 * ioc_sim_dataset_tick:
 *
 * Live mode: generates arrivals ahead of the clock and applies every stored
 * step whose time has come, as the agencies would.
 * Returns: the number of steps applied.
 */
guint
ioc_sim_dataset_tick (IocSimDataset *self)
{
  gint64 now = ioc_sim_dataset_now (self);
  sqlite3_stmt *sel, *upd;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint applied = 0;

  if (now <= self->applied_until)
    return 0;
  exec (self, "BEGIN", NULL);
  generate_live (self, now + LIVE_CHUNK);
  sel = ioc_sim_dataset_prepare (self,
    "SELECT seq, request, at, xstatus, description, agency, claimed_by, duplicate_of"
    " FROM updates WHERE applied = 0 AND at <= ?1 ORDER BY at, seq");
  sqlite3_bind_int64 (sel, 1, now);
  upd = ioc_sim_dataset_prepare (self,
    "UPDATE requests SET xstatus = ?2, updated = ?3, status_notes = ?4,"
    " agency = COALESCE (?5, agency), claimed_by = ?6, duplicate_of = COALESCE (?7, duplicate_of)"
    " WHERE id = ?1");
  while (sqlite3_step (sel) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (sel, 0);

      sqlite3_reset (upd);
      sqlite3_clear_bindings (upd);
      sqlite3_bind_int64 (upd, 1, sqlite3_column_int64 (sel, 1));
      sqlite3_bind_text (upd, 2, (const char *) sqlite3_column_text (sel, 3), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 3, sqlite3_column_int64 (sel, 2));
      sqlite3_bind_text (upd, 4, (const char *) sqlite3_column_text (sel, 4), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 5, (const char *) sqlite3_column_text (sel, 5), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 6, (const char *) sqlite3_column_text (sel, 6), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 7, (const char *) sqlite3_column_text (sel, 7), -1, SQLITE_TRANSIENT);
      sqlite3_step (upd);
      g_array_append_val (seqs, seq);
      applied++;
    }
  sqlite3_reset (sel);
  upd = ioc_sim_dataset_prepare (self, "UPDATE updates SET applied = 1 WHERE seq = ?1");
  for (guint i = 0; i < seqs->len; i++)
    {
      sqlite3_reset (upd);
      sqlite3_bind_int64 (upd, 1, g_array_index (seqs, gint64, i));
      sqlite3_step (upd);
    }
  self->applied_until = now;
  save_state (self);
  exec (self, "COMMIT", NULL);
  return applied;
}

static void
write_meta (IocSimDataset *self,
            const char    *key,
            const char    *value)
{
  sqlite3_stmt *st = ioc_sim_dataset_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");

  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 2, value, -1, SQLITE_STATIC);
  sqlite3_step (st);
  sqlite3_reset (st);
}

static char *
read_meta (IocSimDataset *self,
           const char    *key)
{
  sqlite3_stmt *st = ioc_sim_dataset_prepare (self, "SELECT value FROM meta WHERE key = ?1");
  char *value = NULL;

  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return value;
}

/* The options that decide the generated data, as the command line says them. */
static char *
describe_options (guint64 seed,
                  int     history_year,
                  gint64  complaints,
                  double  rate_per_day)
{
  char rate[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (rate, sizeof rate, rate_per_day > 0 ? rate_per_day : 0);
  return g_strdup_printf ("--seed %" G_GUINT64_FORMAT " --history %d --complaints %" G_GINT64_FORMAT
                          " --rate %s", seed, history_year, complaints < 0 ? (gint64) -1 : complaints, rate);
}

static void
write_options (IocSimDataset              *self,
               const IocSimDatasetOptions *options)
{
  g_autofree char *desc = describe_options (options->seed, options->history_year,
                                            options->complaints, options->rate_per_day);

  write_meta (self, "options", desc);
}

/* What live mode has done so far, so that a restart goes on from there. */
static void
save_state (IocSimDataset *self)
{
  g_autofree char *years = NULL;
  GString *ys = g_string_new (NULL);
  char buf[64];
  GHashTableIter iter;
  gpointer k, v;

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, self->live_until);
  write_meta (self, "live_until", buf);
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, self->live_chunk);
  write_meta (self, "live_chunk", buf);
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, self->applied_until);
  write_meta (self, "applied_until", buf);
  g_snprintf (buf, sizeof buf, "%u", self->next_ordinal);
  write_meta (self, "next_ordinal", buf);
  g_hash_table_iter_init (&iter, self->year_seq);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_string_append_printf (ys, "%s%d=%u", ys->len > 0 ? "," : "", GPOINTER_TO_INT (k), GPOINTER_TO_UINT (v));
  years = g_string_free (ys, FALSE);
  write_meta (self, "year_seq", years);
}

static gboolean
read_int64 (IocSimDataset *self,
            const char    *key,
            gint64        *out)
{
  g_autofree char *value = read_meta (self, key);

  return value != NULL && g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  (void) g_remove (path);
  (void) g_remove (wal);
  (void) g_remove (shm);
}

static gboolean
db_is_empty (IocSimDataset *self,
             gboolean      *empty,
             const char    *path,
             GError       **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK
      || (rc = sqlite3_step (st)) != SQLITE_ROW)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_DATABASE,
                   "--db %s: not a simulator database (%s); pass --reset to replace it",
                   path, sqlite3_errmsg (self->db));
      sqlite3_finalize (st);
      return FALSE;
    }
  *empty = sqlite3_column_int64 (st, 0) == 0;
  sqlite3_finalize (st);
  return TRUE;
}

/* --db FILE that already holds a data set: go on with its state (applied
 * steps, operators' posted updates and so the update_ids already applied,
 * feeds.md §1 idempotency) instead of generating it again. */
static gboolean
reopen (IocSimDataset              *self,
        const IocSimDatasetOptions *options,
        GError                    **error)
{
  sqlite3_stmt *st = NULL;
  g_autofree char *format = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *years = NULL;
  g_auto(GStrv) pairs = NULL;
  gint64 live_until, live_chunk, applied_until, next_ordinal, now;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM meta", -1, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_DATABASE,
                   "--db %s: not a simulator database, or one written by an older version; "
                   "pass --reset to replace it", options->db_path);
      sqlite3_finalize (st);
      return FALSE;
    }
  sqlite3_finalize (st);
  format = read_meta (self, "format");
  if (g_strcmp0 (format, DB_FORMAT) != 0)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_DATABASE,
                   "--db %s: written by another version of the simulator (format %s, this one reads %s); "
                   "pass --reset to replace it", options->db_path, format != NULL ? format : "?", DB_FORMAT);
      return FALSE;
    }
  stored = read_meta (self, "options");
  wanted = describe_options (options->seed, options->history_year, options->complaints, options->rate_per_day);
  if (g_strcmp0 (stored, wanted) != 0)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                   "--db %s was generated with %s, not %s: start with the same options, "
                   "or pass --reset to generate it again", options->db_path,
                   stored != NULL ? stored : "?", wanted);
      return FALSE;
    }
  years = read_meta (self, "year_seq");
  if (!read_int64 (self, "live_until", &live_until) || !read_int64 (self, "live_chunk", &live_chunk)
      || !read_int64 (self, "applied_until", &applied_until) || !read_int64 (self, "next_ordinal", &next_ordinal)
      || years == NULL)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_DATABASE,
                   "--db %s: its state is incomplete; pass --reset to replace it", options->db_path);
      return FALSE;
    }
  self->live_until = live_until;
  self->live_chunk = (guint64) live_chunk;
  self->applied_until = applied_until;
  self->next_ordinal = (guint32) next_ordinal;
  pairs = g_strsplit (years, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      int year;
      guint seq;

      if (sscanf (pairs[i], "%d=%u", &year, &seq) == 2)
        g_hash_table_insert (self->year_seq, GINT_TO_POINTER (year), GUINT_TO_POINTER (seq));
    }
  /* Simulated time never runs backwards over what was already applied. */
  now = ioc_sim_clock_now (self->clock);
  if (now < self->applied_until)
    ioc_sim_clock_advance (self->clock, self->applied_until - now);
  return TRUE;
}

/**
 * ioc_sim_dataset_new:
 *
 * Generates the whole data set for @options->seed up to the clock's "now",
 * or, when @options->db_path names a database generated earlier with the
 * same options, reopens it with its state (the exactly-once guarantee of
 * feeds.md §1 holds across a restart). Different options are refused
 * unless @options->reset, which generates the file again.
 */
IocSimDataset *
ioc_sim_dataset_new (const IocSimDatasetOptions *options,
                     IocSimClock                *clock,
                     GError                    **error)
{
  g_autoptr(IocSimDataset) self = g_new0 (IocSimDataset, 1);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) drafts = g_array_new (FALSE, FALSE, sizeof (Draft));
  gint64 now = ioc_sim_clock_now (clock);
  IocSimCivil c;

  self->clock = clock;
  self->seed = options->seed;
  self->year_seq = g_hash_table_new (NULL, NULL);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->history_start = ioc_sim_calendar_year_start (options->history_year);
  self->year_end_2024 = ioc_sim_calendar_year_start (2025);
  init_commune_weights (self);
  ioc_sim_calendar_to_civil (now, &c);
  if (options->history_year > c.year || options->history_year < 2015)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                   "--history must be a year between 2015 and the present year (%d)", c.year);
      return NULL;
    }

  if (options->db_path != NULL && options->reset)
    remove_db (options->db_path);
  if (sqlite3_open (options->db_path != NULL ? options->db_path : ":memory:", &self->db) != SQLITE_OK)
    {
      g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_DATABASE, "SQLite: cannot open %s: %s",
                   options->db_path, sqlite3_errmsg (self->db));
      return NULL;
    }
  /* A file must survive the process being killed at any moment (the
   * exactly-once demo restarts it with the same --db): WAL commits are
   * atomic. In memory nothing survives anyway. */
  if (!exec (self, options->db_path != NULL
                   ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
                   : "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
             error))
    return NULL;
  if (options->db_path != NULL)
    {
      gboolean empty;

      if (!db_is_empty (self, &empty, options->db_path, error))
        return NULL;
      if (!empty)
        {
          if (!reopen (self, options, error))
            return NULL;
          return g_steal_pointer (&self);
        }
    }

  /* Schema, data and meta in one transaction: a generation killed half way
   * leaves an empty file, which the next start generates again. */
  if (!exec (self, "BEGIN", error) || !exec (self, schema, error))
    return NULL;

  if (!build_slots (self, options, now, slots, error))
    return NULL;
  for (guint i = 0; i < slots->len; i++)
    {
      IocSimRng rng;

      ioc_sim_rng_init_stream (&rng, self->seed, "slot", i);
      draw_drafts (self, &rng, &g_array_index (slots, Slot, i), drafts);
    }
  g_array_sort (drafts, cmp_draft);
  number_drafts (self, drafts);
  calibrate_2024 (self, drafts);

  insert_drafts (self, drafts, now);
  self->live_until = now;
  self->applied_until = now;
  write_meta (self, "format", DB_FORMAT);
  write_options (self, options);
  save_state (self);
  if (!exec (self, "COMMIT", error))
    return NULL;
  return g_steal_pointer (&self);
}

void
ioc_sim_dataset_free (IocSimDataset *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->year_seq, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self);
}

sqlite3 *
ioc_sim_dataset_get_db (IocSimDataset *self)
{
  return self->db;
}

IocSimClock *
ioc_sim_dataset_get_clock (IocSimDataset *self)
{
  return self->clock;
}

guint64
ioc_sim_dataset_get_seed (IocSimDataset *self)
{
  return self->seed;
}

gint64
ioc_sim_dataset_get_history_start (IocSimDataset *self)
{
  return self->history_start;
}

/** ioc_sim_dataset_count_requests: requests received up to now. */
gint64
ioc_sim_dataset_count_requests (IocSimDataset *self)
{
  sqlite3_stmt *st = ioc_sim_dataset_prepare (self, "SELECT count(*) FROM requests WHERE requested <= ?1");
  gint64 n;

  sqlite3_bind_int64 (st, 1, ioc_sim_dataset_now (self));
  sqlite3_step (st);
  n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}
