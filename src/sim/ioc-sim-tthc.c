/* ioc-sim-tthc.c — the TTHC statistics feed (project feed v1) of the simulator
 *
 * feeds.md §3 and docs/tthc-feed.md: units, period statistics, per-day
 * counts and the late or overdue dossiers with their officers. Counts are a
 * pure function of (seed, unit, day), calibrated to the published rates of
 * domain.md §1: 98,2% finished early or on time, 85,30% digitised, 87,90%
 * electronic results, about 71% filed online; services per unit in the
 * proportions of old An Giang (513 partly and 1.325 fully online of 2.108).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ioc-commune.h"
#include "ioc-sim-calendar.h"
#include "ioc-sim-rng.h"
#include "ioc-sim-text.h"
#include "ioc-sim-tthc.h"

#define P_LATE       0.018
#define P_EARLY      0.56
#define P_ONLINE     0.71
#define P_DIGITISED  0.853
#define P_ELECTRONIC 0.879
#define DOSSIER_PAGE 100

typedef struct {
  char       *unit_id;
  char       *name;
  const char *kind;
  const char *commune_code;
  double      volume;        /* dossiers per working day */
  double      p_online;
  double      late_factor;
  guint       services_total, services_partial, services_full;
} Unit;

enum {
  F_RECEIVED, F_RECEIVED_ONLINE, F_EARLY, F_ON_TIME, F_LATE, F_UNFINISHED_IN_TIME,
  F_UNFINISHED_OVERDUE, F_FEE, F_PAID_ONLINE, F_ELECTRONIC, F_DIGITISED, F_REUSED,
  F_SYNCED, F_COMPLAINED, N_FIELDS
};

static const char *const field_names[N_FIELDS] = {
  "received", "received_online", "finished_early", "finished_on_time", "finished_late",
  "unfinished_in_time", "unfinished_overdue", "fee_bearing", "paid_online",
  "results_electronic", "digitised", "reused_digitised", "synced_national",
  "complained_or_disliked",
};

static const struct { const char *code; const char *name; guint days; } procedures[] = {
  { "1.001193.000.00.00.H01", "Đăng ký khai sinh", 1 },
  { "1.004227.000.00.00.H01", "Chứng thực bản sao từ bản chính", 1 },
  { "1.003573.000.00.00.H01", "Đăng ký thành lập hộ kinh doanh", 3 },
  { "1.009994.000.00.00.H01", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15 },
  { "1.003003.000.00.00.H01", "Đăng ký biến động quyền sử dụng đất", 10 },
  { "2.000889.000.00.00.H01", "Cấp Phiếu lý lịch tư pháp", 10 },
  { "1.001612.000.00.00.H01", "Đăng ký kết hôn", 3 },
  { "1.005461.000.00.00.H01", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", 15 },
  { "2.001955.000.00.00.H01", "Cấp giấy phép kinh doanh bán lẻ rượu", 10 },
  { "1.010940.000.00.00.H01", "Hỗ trợ người lao động ngừng việc", 5 },
};

struct _IocSimTthc {
  IocSimDataset *dataset;
  GPtrArray     *units;
};

static void
unit_free (gpointer data)
{
  Unit *u = data;

  g_free (u->unit_id);
  g_free (u->name);
  g_free (u);
}

static Unit *
unit_new (guint64 seed, guint index, const char *id, char *name, const char *kind,
          const char *commune, double volume, guint services)
{
  Unit *u = g_new0 (Unit, 1);
  IocSimRng rng;

  ioc_sim_rng_init_stream (&rng, seed, "tthc-unit", index);
  u->unit_id = g_strdup (id);
  u->name = name;
  u->kind = kind;
  u->commune_code = commune;
  u->volume = volume * (0.6 + 0.8 * ioc_sim_rng_double (&rng));
  u->p_online = CLAMP (P_ONLINE + 0.16 * (ioc_sim_rng_double (&rng) - 0.5), 0, 1);
  u->late_factor = 0.4 + 1.2 * ioc_sim_rng_double (&rng);
  u->services_total = services / 2 + ioc_sim_rng_below (&rng, services);
  u->services_full = ioc_sim_rng_binomial (&rng, u->services_total, 1325.0 / 2108);
  u->services_partial = ioc_sim_rng_binomial (&rng, u->services_total - u->services_full,
                                              513.0 / (2108 - 1325));
  return u;
}

IocSimTthc *
ioc_sim_tthc_new (IocSimDataset *dataset)
{
  IocSimTthc *self = g_new0 (IocSimTthc, 1);
  guint64 seed = ioc_sim_dataset_get_seed (dataset);
  guint n_dep, n_communes;
  const char *const *deps = ioc_sim_text_departments (&n_dep);
  const IocCommune *communes = ioc_commune_all (&n_communes);
  guint index = 0;

  self->dataset = dataset;
  self->units = g_ptr_array_new_with_free_func (unit_free);
  g_ptr_array_add (self->units, unit_new (seed, index++, "tinh", g_strdup ("UBND tỉnh An Giang"),
                                          "tinh", NULL, 25, 40));
  for (guint i = 0; i < n_dep; i++)
    {
      char id[16];

      /* Utilities and the police answer complaints but do not run TTHC counters. */
      if (g_str_has_prefix (deps[i], "Công ty") || g_str_has_prefix (deps[i], "Văn phòng"))
        continue;
      g_snprintf (id, sizeof id, "so-%02u", i);
      g_ptr_array_add (self->units, unit_new (seed, index++, id, g_strdup (deps[i]), "so_nganh",
                                              NULL, 110, 120));
    }
  for (guint i = 0; i < n_communes; i++)
    {
      const IocCommune *c = &communes[i];
      double volume = c->kind == IOC_COMMUNE_KIND_PHUONG ? 70
                      : g_str_equal (c->name, "Phú Quốc") ? 120
                      : c->kind == IOC_COMMUNE_KIND_DAC_KHU ? 8 : 30;

      g_ptr_array_add (self->units, unit_new (seed, index++, c->code, g_strdup_printf ("UBND %s", c->full_name),
                                              ioc_commune_kind_to_string (c->kind), c->code,
                                              volume, 100));
    }
  return self;
}

void
ioc_sim_tthc_free (IocSimTthc *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->units);
  g_free (self);
}

/** ioc_sim_tthc_error: the feed's error body, {"code": …, "message": …}. */
void
ioc_sim_tthc_error (IocSimExchange *ex,
                    guint           status,
                    const char     *message)
{
  IocSimWriter *w = ioc_sim_writer_new (IOC_SIM_FORMAT_JSON);

  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_int (w, "code", status);
  ioc_sim_writer_string (w, "message", message);
  ioc_sim_writer_end_object (w);
  ioc_sim_exchange_finish (ex, status, w);
}

/**
 * day_counts:
 *
 * The counts of one unit on one local day, as known at day @today: recent
 * dossiers are partly unfinished (half-life of about three days), weekends
 * and holidays only receive online filings.
 */
static void
day_counts (IocSimTthc *self, guint ui, gint64 day, gint64 today, guint out[N_FIELDS])
{
  Unit *u = self->units->pdata[ui];
  IocSimRng rng;
  gint64 t = day * 86400 - IOC_SIM_TZ_OFFSET + 12 * 3600;
  gboolean working = ioc_sim_calendar_is_working_day (t);
  double season = 1 + 0.12 * sin (2 * G_PI * (double) (day % 365) / 365.0);
  double mean = u->volume * season * (working ? 1.0 : 0.06);
  guint r, finished, unfinished, late, overdue;
  double draw;
  gint64 age = today - day;

  ioc_sim_rng_init_stream (&rng, ioc_sim_dataset_get_seed (self->dataset), "tthc-day",
                           (guint64) ui * 1000003u + (guint64) day);
  draw = round (mean + sqrt (mean) * ioc_sim_rng_normal (&rng));
  r = draw > 0 ? (guint) draw : 0;
  out[F_RECEIVED] = r;
  out[F_RECEIVED_ONLINE] = working ? ioc_sim_rng_binomial (&rng, r, u->p_online) : r;
  unfinished = ioc_sim_rng_binomial (&rng, r, age < 0 ? 1 : exp (-(double) age / 4.0));
  finished = r - unfinished;
  late = ioc_sim_rng_binomial (&rng, finished, P_LATE * u->late_factor);
  out[F_LATE] = late;
  out[F_EARLY] = ioc_sim_rng_binomial (&rng, finished - late, P_EARLY);
  out[F_ON_TIME] = finished - late - out[F_EARLY];
  overdue = ioc_sim_rng_binomial (&rng, unfinished, MIN (0.5, 0.01 * (double) age * u->late_factor));
  out[F_UNFINISHED_OVERDUE] = overdue;
  out[F_UNFINISHED_IN_TIME] = unfinished - overdue;
  out[F_FEE] = ioc_sim_rng_binomial (&rng, r, 0.35);
  out[F_PAID_ONLINE] = ioc_sim_rng_binomial (&rng, out[F_FEE], 0.45);
  out[F_ELECTRONIC] = ioc_sim_rng_binomial (&rng, finished, P_ELECTRONIC);
  out[F_DIGITISED] = ioc_sim_rng_binomial (&rng, r, P_DIGITISED);
  out[F_REUSED] = ioc_sim_rng_binomial (&rng, out[F_DIGITISED], 0.35);
  out[F_SYNCED] = ioc_sim_rng_binomial (&rng, r, 0.975);
  out[F_COMPLAINED] = ioc_sim_rng_binomial (&rng, r, 0.006);
}

static gint64
find_unit (IocSimTthc *self, const char *unit_id)
{
  for (guint i = 0; i < self->units->len; i++)
    if (g_str_equal (((Unit *) self->units->pdata[i])->unit_id, unit_id))
      return i;
  return -1;
}

/* from/to (inclusive local days) and the unit filter; FALSE after an error answer. */
static gboolean
period_params (IocSimTthc *self, IocSimExchange *ex, gboolean required, gint64 default_days,
               gint64 *from, gint64 *to, gint64 *unit)
{
  const char *f = ioc_sim_exchange_param (ex, "from");
  const char *t = ioc_sim_exchange_param (ex, "to");
  const char *u = ioc_sim_exchange_param (ex, "unit_id");
  gint64 today = ioc_sim_calendar_day_number (ioc_sim_dataset_now (self->dataset));
  gint64 first = ioc_sim_calendar_day_number (ioc_sim_dataset_get_history_start (self->dataset));
  gint64 tf, tt;

  if (required && (f == NULL || t == NULL))
    {
      ioc_sim_tthc_error (ex, 400, "from and to (YYYY-MM-DD) are required");
      return FALSE;
    }
  if ((f != NULL && !ioc_sim_calendar_parse_date (f, &tf)) || (t != NULL && !ioc_sim_calendar_parse_date (t, &tt)))
    {
      ioc_sim_tthc_error (ex, 400, "from and to must be dates written YYYY-MM-DD");
      return FALSE;
    }
  *to = t != NULL ? ioc_sim_calendar_day_number (tt) : today;
  *from = f != NULL ? ioc_sim_calendar_day_number (tf) : *to - default_days + 1;
  if (*from > *to)
    {
      ioc_sim_tthc_error (ex, 400, "from is after to");
      return FALSE;
    }
  /* Nothing exists before the history or after today. */
  *from = MAX (*from, first);
  *to = MIN (*to, today);
  *unit = -1;
  if (u != NULL && (*unit = find_unit (self, u)) < 0)
    {
      ioc_sim_tthc_error (ex, 404, "Unknown unit_id");
      return FALSE;
    }
  return TRUE;
}

static void
write_period (IocSimTthc *self, IocSimWriter *w, IocSimExchange *ex)
{
  ioc_sim_writer_begin_object (w, "period");
  ioc_sim_writer_string (w, "from", ioc_sim_exchange_param (ex, "from"));
  ioc_sim_writer_string (w, "to", ioc_sim_exchange_param (ex, "to"));
  ioc_sim_writer_end_object (w);
  ioc_sim_writer_date (w, "generated_at", ioc_sim_dataset_now (self->dataset));
}

static void
handle_units (IocSimTthc *self, IocSimExchange *ex)
{
  IocSimWriter *w = ioc_sim_exchange_writer (ex, IOC_SIM_FORMAT_JSON);

  ioc_sim_writer_begin_array (w, NULL, "unit");
  for (guint i = 0; i < self->units->len; i++)
    {
      Unit *u = self->units->pdata[i];

      ioc_sim_writer_begin_object (w, NULL);
      ioc_sim_writer_string (w, "unit_id", u->unit_id);
      ioc_sim_writer_text (w, "name", u->name);
      ioc_sim_writer_string (w, "kind", u->kind);
      if (u->commune_code != NULL)
        ioc_sim_writer_string (w, "commune_code", u->commune_code);
      ioc_sim_writer_end_object (w);
    }
  ioc_sim_writer_end_array (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

static void
handle_stats (IocSimTthc *self, IocSimExchange *ex, gboolean daily)
{
  gint64 from, to, unit, today = ioc_sim_calendar_day_number (ioc_sim_dataset_now (self->dataset));
  IocSimWriter *w;

  if (!period_params (self, ex, TRUE, 0, &from, &to, &unit))
    return;
  if (daily && to - from > 731)
    {
      ioc_sim_tthc_error (ex, 400, "daily.json serves at most 732 days per request");
      return;
    }
  w = ioc_sim_exchange_writer (ex, IOC_SIM_FORMAT_JSON);
  ioc_sim_writer_begin_object (w, NULL);
  write_period (self, w, ex);
  if (!daily)
    {
      ioc_sim_writer_begin_array (w, "units", "unit");
      for (guint i = 0; i < self->units->len; i++)
        {
          Unit *u = self->units->pdata[i];
          guint64 sum[N_FIELDS] = { 0 };

          if (unit >= 0 && unit != i)
            continue;
          for (gint64 d = from; d <= to; d++)
            {
              guint c[N_FIELDS];

              day_counts (self, i, d, today, c);
              for (int f = 0; f < N_FIELDS; f++)
                sum[f] += c[f];
            }
          ioc_sim_writer_begin_object (w, NULL);
          ioc_sim_writer_string (w, "unit_id", u->unit_id);
          ioc_sim_writer_int (w, "services_total", u->services_total);
          ioc_sim_writer_int (w, "services_partial_online", u->services_partial);
          ioc_sim_writer_int (w, "services_full_online", u->services_full);
          for (int f = 0; f < N_FIELDS; f++)
            ioc_sim_writer_int (w, field_names[f], (gint64) sum[f]);
          ioc_sim_writer_end_object (w);
        }
      ioc_sim_writer_end_array (w);
    }
  else
    {
      if (unit >= 0)
        ioc_sim_writer_string (w, "unit_id", ((Unit *) self->units->pdata[unit])->unit_id);
      else
        ioc_sim_writer_null (w, "unit_id");
      ioc_sim_writer_begin_array (w, "days", "day");
      for (gint64 d = from; d <= to; d++)
        {
          guint64 sum[N_FIELDS] = { 0 };
          char date[11];

          for (guint i = 0; i < self->units->len; i++)
            {
              guint c[N_FIELDS];

              if (unit >= 0 && unit != i)
                continue;
              day_counts (self, i, d, today, c);
              for (int f = 0; f < N_FIELDS; f++)
                sum[f] += c[f];
            }
          ioc_sim_calendar_format_date (d * 86400 - IOC_SIM_TZ_OFFSET + 3600, date);
          ioc_sim_writer_begin_object (w, NULL);
          ioc_sim_writer_string (w, "date", date);
          for (int f = 0; f < N_FIELDS; f++)
            ioc_sim_writer_int (w, field_names[f], (gint64) sum[f]);
          ioc_sim_writer_end_object (w);
        }
      ioc_sim_writer_end_array (w);
    }
  ioc_sim_writer_end_object (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

static void
write_dossier (IocSimTthc *self, IocSimWriter *w, guint ui, gint64 day, guint k, gboolean late,
               gint64 now)
{
  Unit *u = self->units->pdata[ui];
  IocSimRng rng;
  gint64 received, due, finished;
  guint proc;
  IocSimCivil c;
  char id[64];
  guint channel;

  ioc_sim_rng_init_stream (&rng, ioc_sim_dataset_get_seed (self->dataset), late ? "dossier-late" : "dossier-overdue",
                           ((guint64) ui * 1000003u + (guint64) day) * 4096 + k);
  proc = ioc_sim_rng_below (&rng, G_N_ELEMENTS (procedures));
  received = day * 86400 - IOC_SIM_TZ_OFFSET + 7 * 3600 + 1800 + ioc_sim_rng_below (&rng, 9 * 3600);
  due = ioc_sim_calendar_add_working_days (received, procedures[proc].days);
  finished = due + 3600 + ioc_sim_rng_below (&rng, 6 * 86400);
  ioc_sim_calendar_to_civil (received, &c);
  g_snprintf (id, sizeof id, "%s-%02d%02d%02d-%04u", u->unit_id, c.year % 100, c.month, c.day, k + 1);
  channel = ioc_sim_rng_chance (&rng, u->p_online) ? 2 : (ioc_sim_rng_chance (&rng, 0.1) ? 3 : 1);

  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_string (w, "dossier_id", id);
  ioc_sim_writer_string (w, "procedure_code", procedures[proc].code);
  ioc_sim_writer_text (w, "procedure_name", procedures[proc].name);
  ioc_sim_writer_string (w, "unit_id", u->unit_id);
  ioc_sim_writer_text (w, "officer", ioc_sim_text_officer (&rng));
  ioc_sim_writer_date (w, "received_at", received);
  ioc_sim_writer_date (w, "due_at", due);
  if (late && finished <= now)
    {
      ioc_sim_writer_date (w, "finished_at", finished);
      ioc_sim_writer_int (w, "status_code", ioc_sim_rng_chance (&rng, 0.8) ? 10 : 9);
    }
  else
    ioc_sim_writer_int (w, "status_code", ioc_sim_rng_chance (&rng, 0.75) ? 4 : 5);
  ioc_sim_writer_int (w, "channel", channel);
  ioc_sim_writer_end_object (w);
}

/**
 * handle_dossiers:
 *
 * Late (finished after the due time) or overdue (unfinished past it)
 * dossiers, newest day first, pages of 100; late ones default to the last
 * 30 days.
 */
static void
handle_dossiers (IocSimTthc *self, IocSimExchange *ex)
{
  const char *timeliness = ioc_sim_exchange_param (ex, "timeliness");
  const char *page_s = ioc_sim_exchange_param (ex, "page");
  gint64 now = ioc_sim_dataset_now (self->dataset), today = ioc_sim_calendar_day_number (now);
  gint64 from, to, unit, page = 1, skip, written = 0;
  gboolean late;
  IocSimWriter *w;

  if (timeliness == NULL || !(g_str_equal (timeliness, "late") || g_str_equal (timeliness, "overdue")))
    {
      ioc_sim_tthc_error (ex, 400, "timeliness must be late or overdue");
      return;
    }
  late = g_str_equal (timeliness, "late");
  if (page_s != NULL)
    {
      char *end = NULL;

      page = g_ascii_strtoll (page_s, &end, 10);
      if (*end != '\0' || page < 1 || page > 100000)
        {
          ioc_sim_tthc_error (ex, 400, "page must be a positive integer");
          return;
        }
    }
  if (!period_params (self, ex, FALSE, late ? 30 : 60, &from, &to, &unit))
    return;
  skip = (page - 1) * DOSSIER_PAGE;

  w = ioc_sim_exchange_writer (ex, IOC_SIM_FORMAT_JSON);
  ioc_sim_writer_begin_array (w, NULL, "dossier");
  for (gint64 d = to; d >= from && written < DOSSIER_PAGE; d--)
    for (guint i = 0; i < self->units->len && written < DOSSIER_PAGE; i++)
      {
        guint c[N_FIELDS], k, n;

        if (unit >= 0 && unit != i)
          continue;
        day_counts (self, i, d, today, c);
        n = late ? c[F_LATE] : c[F_UNFINISHED_OVERDUE];
        if (skip >= n)
          {
            skip -= n;
            continue;
          }
        for (k = (guint) skip; k < n && written < DOSSIER_PAGE; k++, written++)
          write_dossier (self, w, i, d, k, late, now);
        skip = 0;
      }
  ioc_sim_writer_end_array (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

/**
 * ioc_sim_tthc_handle:
 * @ex: an exchange whose path is relative to `/tthc/v1/`
 */
void
ioc_sim_tthc_handle (IocSimTthc     *self,
                     IocSimExchange *ex)
{
  if (!g_str_equal (ex->method, "GET") && !g_str_equal (ex->method, "HEAD"))
    ioc_sim_tthc_error (ex, 405, "The TTHC feed is read-only");
  else if (g_str_equal (ex->path, "units.json"))
    handle_units (self, ex);
  else if (g_str_equal (ex->path, "stats.json"))
    handle_stats (self, ex, FALSE);
  else if (g_str_equal (ex->path, "daily.json"))
    handle_stats (self, ex, TRUE);
  else if (g_str_equal (ex->path, "dossiers.json"))
    handle_dossiers (self, ex);
  else
    ioc_sim_tthc_error (ex, 404, "Unknown resource");
}
