/* ioc-sim-stations.c — monitoring stations and their lazily computed observations
 *
 * Stations follow domain.md §8 (approximate positions). Observations are
 * never stored: the value of a datastream at a time slot is a pure function
 * of (seed, datastream, slot), so years of hourly history cost nothing and
 * any page can be computed in any order. Slots are hours for automatic
 * stations and months (sample on the 10th at 09:00) for periodic ones,
 * counted from the start of the history.
 *
 * Patterns: river level with the flood season (peak around early October,
 * domain.md §7 alarm levels at Tân Châu and Châu Đốc crossed in high years)
 * and a semi-diurnal tide; salinity intrusion in the dry season
 * (February–April); air pollution with rush hours, a dry-season high and
 * occasional episodes; gaps (single hours and whole-day outages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ioc-commune.h"
#include "ioc-sim-calendar.h"
#include "ioc-sim-rng.h"
#include "ioc-sim-stations.h"

enum {
  P_PM25, P_PM10, P_O3, P_CO, P_NO2, P_SO2,
  P_PH, P_DO, P_TEMP, P_BOD5, P_COD, P_TOC, P_NH4, P_NO3, P_NO2N, P_PO4, P_TSS,
  P_COLIFORM, P_ECOLI, P_AS, P_CD, P_PB, P_CR6, P_CU, P_ZN, P_HG,
  P_LEVEL, P_SALINITY, N_PARAMS
};

#define UG "µg/m³"
#define MGL "mg/L"
static const IocSimParameter params[N_PARAMS] = {
  { "PM2.5", "Bụi mịn PM2.5", "microgram per cubic meter", UG, "ucum:ug/m3", 1 },
  { "PM10", "Bụi PM10", "microgram per cubic meter", UG, "ucum:ug/m3", 1 },
  { "O3", "Ozone", "microgram per cubic meter", UG, "ucum:ug/m3", 1 },
  { "CO", "Carbon monoxide", "microgram per cubic meter", UG, "ucum:ug/m3", 0 },
  { "NO2", "Nitrogen dioxide", "microgram per cubic meter", UG, "ucum:ug/m3", 1 },
  { "SO2", "Sulfur dioxide", "microgram per cubic meter", UG, "ucum:ug/m3", 1 },
  { "pH", "pH", "pH", "pH", "ucum:[pH]", 2 },
  { "DO", "Oxy hòa tan", "milligram per liter", MGL, "ucum:mg/L", 2 },
  { "temperature", "Nhiệt độ nước", "degree Celsius", "°C", "ucum:Cel", 1 },
  { "BOD5", "BOD5", "milligram per liter", MGL, "ucum:mg/L", 1 },
  { "COD", "COD", "milligram per liter", MGL, "ucum:mg/L", 1 },
  { "TOC", "Tổng cacbon hữu cơ", "milligram per liter", MGL, "ucum:mg/L", 1 },
  { "N-NH4", "Amoni", "milligram per liter", MGL, "ucum:mg/L", 3 },
  { "N-NO3", "Nitrat", "milligram per liter", MGL, "ucum:mg/L", 2 },
  { "N-NO2", "Nitrit", "milligram per liter", MGL, "ucum:mg/L", 3 },
  { "P-PO4", "Phosphat", "milligram per liter", MGL, "ucum:mg/L", 3 },
  { "TSS", "Tổng chất rắn lơ lửng", "milligram per liter", MGL, "ucum:mg/L", 0 },
  { "Coliform", "Coliform", "most probable number per 100 mL", "MPN/100mL", "ucum:{MPN}/100mL", 0 },
  { "E.coli", "E.coli", "most probable number per 100 mL", "MPN/100mL", "ucum:{MPN}/100mL", 0 },
  { "As", "Asen", "milligram per liter", MGL, "ucum:mg/L", 4 },
  { "Cd", "Cadimi", "milligram per liter", MGL, "ucum:mg/L", 4 },
  { "Pb", "Chì", "milligram per liter", MGL, "ucum:mg/L", 4 },
  { "Cr6", "Crom VI", "milligram per liter", MGL, "ucum:mg/L", 4 },
  { "Cu", "Đồng", "milligram per liter", MGL, "ucum:mg/L", 3 },
  { "Zn", "Kẽm", "milligram per liter", MGL, "ucum:mg/L", 3 },
  { "Hg", "Thủy ngân", "milligram per liter", MGL, "ucum:mg/L", 5 },
  { "water_level", "Mực nước", "meter", "m", "ucum:m", 2 },
  { "salinity", "Độ mặn", "per mille", "‰", "ucum:[ppth]", 2 },
};

static const int air_params[] = { P_PM25, P_PM10, P_O3, P_CO, P_NO2, P_SO2 };
static const int water_auto_params[] = { P_PH, P_DO, P_TEMP, P_TSS, P_COD, P_TOC, P_NH4, P_NO3, P_PO4 };
static const int water_periodic_params[] = {
  P_PH, P_DO, P_TEMP, P_BOD5, P_COD, P_TOC, P_NH4, P_NO3, P_NO2N, P_PO4, P_TSS,
  P_COLIFORM, P_ECOLI, P_AS, P_CD, P_PB, P_CR6, P_CU, P_ZN, P_HG,
};

typedef struct {
  const char       *name;
  const char       *description;
  IocSimStationKind kind;
  gboolean          periodic;
  double            lat, lon;
  double            alarm[3];
  double            base;       /* station-specific level of its main parameter */
  gboolean          co_mg;      /* serves CO in mg/m³ (feeds.md §2: clients convert) */
} StationDef;

/* domain.md §8; Long Xuyên's alarm levels are the simulator's assumption. */
static const StationDef defs[] = {
  { "Trạm thủy văn Tân Châu", "Mực nước sông Tiền tại Tân Châu", IOC_SIM_KIND_HYDRO, FALSE,
    10.80, 105.23, { 3.5, 4.0, 4.5 }, 1.0, FALSE },
  { "Trạm thủy văn Châu Đốc", "Mực nước sông Hậu tại Châu Đốc", IOC_SIM_KIND_HYDRO, FALSE,
    10.70, 105.12, { 3.0, 3.5, 4.0 }, 0.86, FALSE },
  { "Trạm thủy văn Long Xuyên", "Mực nước sông Hậu tại Long Xuyên", IOC_SIM_KIND_HYDRO, FALSE,
    10.385, 105.44, { 2.0, 2.3, 2.5 }, 0.55, FALSE },
  { "Trạm đo mặn Xẻo Rô", "Độ mặn sông Cái Lớn tại Xẻo Rô", IOC_SIM_KIND_SALINITY, FALSE,
    9.87, 105.10, { 0 }, 9.0, FALSE },
  { "Trạm đo mặn Rạch Giá", "Độ mặn sông Kiên tại Rạch Giá", IOC_SIM_KIND_SALINITY, FALSE,
    10.015, 105.09, { 0 }, 6.0, FALSE },
  { "Trạm đo mặn Sóc Cung", "Độ mặn tại cống Sóc Cung", IOC_SIM_KIND_SALINITY, FALSE,
    10.13, 104.97, { 0 }, 3.5, FALSE },
  { "Trạm đo mặn Mông Thọ B", "Độ mặn kênh Mông Thọ tại Mông Thọ B", IOC_SIM_KIND_SALINITY, FALSE,
    9.95, 105.17, { 0 }, 2.2, FALSE },
  { "Trạm không khí tự động Long Xuyên", "Quan trắc không khí tự động, phường Long Xuyên",
    IOC_SIM_KIND_AIR, FALSE, 10.3736, 105.433, { 0 }, 30, FALSE },
  { "Trạm không khí tự động Rạch Giá", "Quan trắc không khí tự động, phường Rạch Giá",
    IOC_SIM_KIND_AIR, FALSE, 10.0125, 105.0809, { 0 }, 26, TRUE },
  { "Trạm không khí tự động Châu Đốc", "Quan trắc không khí tự động, phường Châu Đốc",
    IOC_SIM_KIND_AIR, FALSE, 10.706, 105.117, { 0 }, 32, FALSE },
  { "Trạm không khí tự động Dương Đông", "Quan trắc không khí tự động, đặc khu Phú Quốc",
    IOC_SIM_KIND_AIR, FALSE, 10.217, 103.96, { 0 }, 16, TRUE },
  { "Trạm không khí tự động An Thới", "Quan trắc không khí tự động, đặc khu Phú Quốc",
    IOC_SIM_KIND_AIR, FALSE, 10.02, 104.01, { 0 }, 14, TRUE },
  { "Trạm nước mặt tự động sông Hậu – Long Xuyên", "Chất lượng nước sông Hậu tại Long Xuyên",
    IOC_SIM_KIND_WATER, FALSE, 10.39, 105.445, { 0 }, 1.0, FALSE },
  { "Trạm nước mặt tự động sông Hậu – Châu Đốc", "Chất lượng nước sông Hậu tại Châu Đốc",
    IOC_SIM_KIND_WATER, FALSE, 10.71, 105.13, { 0 }, 0.9, FALSE },
  { "Trạm nước mặt tự động sông Tiền – Tân Châu", "Chất lượng nước sông Tiền tại Tân Châu",
    IOC_SIM_KIND_WATER, FALSE, 10.79, 105.24, { 0 }, 0.9, FALSE },
  { "Điểm quan trắc kênh Vĩnh Tế", "Quan trắc định kỳ nước mặt kênh Vĩnh Tế",
    IOC_SIM_KIND_WATER, TRUE, 10.62, 104.98, { 0 }, 1.2, FALSE },
  { "Điểm quan trắc kênh Rạch Giá – Long Xuyên", "Quan trắc định kỳ kênh Rạch Giá – Long Xuyên",
    IOC_SIM_KIND_WATER, TRUE, 10.20, 105.25, { 0 }, 1.3, FALSE },
  { "Điểm quan trắc Đông Hồ – Hà Tiên", "Quan trắc định kỳ nước mặt, phường Hà Tiên",
    IOC_SIM_KIND_WATER, TRUE, 0, 0, { 0 }, 1.1, FALSE },
  { "Điểm quan trắc Tri Tôn", "Quan trắc định kỳ nước mặt, xã Tri Tôn",
    IOC_SIM_KIND_WATER, TRUE, 0, 0, { 0 }, 1.4, FALSE },
};
/* Stations "at commune centroids" (domain.md §8: place the rest there). */
static const char *const centroid_codes[G_N_ELEMENTS (defs)] = {
  [17] = "30769", [18] = "30544",
};

struct _IocSimStations {
  guint64           seed;
  gint64            history_start;
  IocSimStation     stations[G_N_ELEMENTS (defs)];
  GArray           *datastreams;
};

static const IocCommune *
nearest_commune (double lat, double lon)
{
  guint n;
  const IocCommune *all = ioc_commune_all (&n), *best = NULL;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      double d = (all[i].lat - lat) * (all[i].lat - lat) + (all[i].lon - lon) * (all[i].lon - lon);

      if (d < best_d)
        {
          best_d = d;
          best = &all[i];
        }
    }
  return best;
}

IocSimStations *
ioc_sim_stations_new (guint64 seed,
                      gint64  history_start)
{
  IocSimStations *self = g_new0 (IocSimStations, 1);

  self->seed = seed;
  self->history_start = history_start;
  self->datastreams = g_array_new (FALSE, FALSE, sizeof (IocSimDatastream));
  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    {
      IocSimStation *s = &self->stations[i];
      const StationDef *d = &defs[i];
      const int *list;
      guint n;

      s->id = i + 1;
      s->name = d->name;
      s->description = d->description;
      s->kind = d->kind;
      s->periodic = d->periodic;
      s->lat = d->lat;
      s->lon = d->lon;
      if (centroid_codes[i] != NULL)
        {
          const IocCommune *c = ioc_commune_lookup (centroid_codes[i]);

          s->lat = c->lat;
          s->lon = c->lon;
        }
      s->commune_code = nearest_commune (s->lat, s->lon)->code;
      memcpy (s->alarm, d->alarm, sizeof s->alarm);

      switch (d->kind)
        {
        case IOC_SIM_KIND_AIR:
          list = air_params, n = G_N_ELEMENTS (air_params);
          break;
        case IOC_SIM_KIND_WATER:
          if (d->periodic)
            list = water_periodic_params, n = G_N_ELEMENTS (water_periodic_params);
          else
            list = water_auto_params, n = G_N_ELEMENTS (water_auto_params);
          break;
        case IOC_SIM_KIND_HYDRO:
          {
            static const int level[] = { P_LEVEL };
            list = level, n = 1;
          }
          break;
        case IOC_SIM_KIND_SALINITY:
        default:
          {
            static const int sal[] = { P_SALINITY };
            list = sal, n = 1;
          }
          break;
        }
      s->first_datastream = self->datastreams->len + 1;
      s->n_datastreams = n;
      for (guint k = 0; k < n; k++)
        {
          IocSimDatastream ds = { 0 };

          ds.id = self->datastreams->len + 1;
          ds.parameter = &params[list[k]];
          ds.parameter_id = (guint) list[k] + 1;
          ds.milligrams = list[k] == P_CO && d->co_mg;
          g_array_append_val (self->datastreams, ds);
        }
    }
  /* Station pointers only once the array no longer moves. */
  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    for (guint k = 0; k < self->stations[i].n_datastreams; k++)
      g_array_index (self->datastreams, IocSimDatastream,
                     self->stations[i].first_datastream - 1 + k).station = &self->stations[i];
  return self;
}

void
ioc_sim_stations_free (IocSimStations *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->datastreams);
  g_free (self);
}

const IocSimStation *
ioc_sim_stations_get (IocSimStations *self,
                      guint          *n)
{
  *n = G_N_ELEMENTS (defs);
  return self->stations;
}

const IocSimDatastream *
ioc_sim_stations_datastreams (IocSimStations *self,
                              guint          *n)
{
  *n = self->datastreams->len;
  return (const IocSimDatastream *) self->datastreams->data;
}

const IocSimParameter *
ioc_sim_stations_parameters (guint *n)
{
  *n = N_PARAMS;
  return params;
}

const char *
ioc_sim_stations_kind_name (IocSimStationKind kind)
{
  static const char *const names[] = { "air", "water", "hydro", "salinity" };

  return names[kind];
}

/** ioc_sim_stations_slot_time: the phenomenon time of a slot. */
gint64
ioc_sim_stations_slot_time (IocSimStations         *self,
                            const IocSimDatastream *ds,
                            gint64                  slot)
{
  IocSimCivil c;
  int month;

  if (!ds->station->periodic)
    return self->history_start + slot * 3600;
  ioc_sim_calendar_to_civil (self->history_start, &c);
  month = c.month - 1 + (int) slot;
  return ioc_sim_calendar_from_civil (c.year + month / 12, month % 12 + 1, 10, 9, 0, 0);
}

/**
 * ioc_sim_stations_slot_at:
 *
 * The first slot whose time is > @t (@after) or the last whose time is <= @t.
 * May be negative or beyond now; callers clamp.
 */
gint64
ioc_sim_stations_slot_at (IocSimStations         *self,
                          const IocSimDatastream *ds,
                          gint64                  t,
                          gboolean                after)
{
  gint64 slot;

  if (!ds->station->periodic)
    {
      gint64 d = t - self->history_start;

      slot = d >= 0 ? d / 3600 : -((-d + 3599) / 3600);
    }
  else
    {
      IocSimCivil a, b;

      ioc_sim_calendar_to_civil (self->history_start, &a);
      ioc_sim_calendar_to_civil (t, &b);
      slot = (b.year - a.year) * 12 + (b.month - a.month);
      while (ioc_sim_stations_slot_time (self, ds, slot) > t)
        slot--;
      while (ioc_sim_stations_slot_time (self, ds, slot + 1) <= t)
        slot++;
    }
  return after ? slot + 1 : slot;
}

static double
hnormal (guint64 seed, guint64 a, guint64 b)
{
  double u1 = MAX (ioc_sim_hash_double (seed, a, b * 2 + 1), 1e-12);
  double u2 = ioc_sim_hash_double (seed, a, b * 2 + 2);

  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

/* A bump centred on day-of-year @centre with half-width @width (days), wrapping. */
static double
bell (double doy, double centre, double width)
{
  double d = fabs (doy - centre);

  if (d > 182.5)
    d = 365 - d;
  return exp (-(d * d) / (2 * width * width));
}

/**
 * ioc_sim_stations_value:
 *
 * Returns: FALSE for a gap (no observation in that slot).
 */
gboolean
ioc_sim_stations_value (IocSimStations         *self,
                        const IocSimDatastream *ds,
                        gint64                  slot,
                        double                 *value)
{
  const IocSimStation *st = ds->station;
  const StationDef *def = &defs[st->id - 1];
  gint64 t = ioc_sim_stations_slot_time (self, ds, slot);
  guint64 key = ds->id;
  gint64 day = ioc_sim_calendar_day_number (t);
  IocSimCivil c;
  double doy, hour, noise = hnormal (self->seed, key, (guint64) slot);
  double episode, v;
  int p = (int) (ds->parameter - params);

  ioc_sim_calendar_to_civil (t, &c);
  doy = (double) (day - ioc_sim_calendar_day_number (ioc_sim_calendar_year_start (c.year)));
  hour = c.hour + c.minute / 60.0;

  /* Gaps: single missing hours and whole-day outages of one station. */
  if (!st->periodic
      && (ioc_sim_hash_double (self->seed, key, (guint64) slot) < 0.012
          || ioc_sim_hash_double (self->seed ^ 0x5a5a, st->id, (guint64) day) < 0.006))
    return FALSE;

  /* Pollution episodes last a day and hit every parameter of the station. */
  episode = ioc_sim_hash_double (self->seed ^ 0xe915, st->id, (guint64) day) < 0.05 ? 2.6 : 1.0;

  switch (p)
    {
    case P_PM25:
    case P_PM10:
      {
        double dry = (c.month >= 12 || c.month <= 4) ? 1.35 : 0.8;
        double rush = 1 + 0.35 * exp (-pow (hour - 7.5, 2) / 3) + 0.45 * exp (-pow (hour - 18.5, 2) / 4)
                      - 0.25 * exp (-pow (hour - 14, 2) / 6);

        v = def->base * dry * rush * episode * exp (0.22 * noise);
        if (p == P_PM10)
          v *= 1.65 + 0.1 * hnormal (self->seed, key + 1000, (guint64) slot);
      }
      break;
    case P_O3:
      v = 25 + 85 * MAX (0, sin (G_PI * (hour - 7) / 12)) * (episode > 1 ? 1.8 : 1) + 8 * noise;
      break;
    case P_CO:
      v = (700 + 900 * exp (-pow (hour - 18, 2) / 5) + 500 * exp (-pow (hour - 7.5, 2) / 3)) * episode
          * exp (0.2 * noise);
      break;
    case P_NO2:
      v = (18 + 30 * exp (-pow (hour - 7.5, 2) / 3) + 35 * exp (-pow (hour - 18.5, 2) / 4)) * episode
          * exp (0.2 * noise);
      break;
    case P_SO2:
      v = 10 * episode * exp (0.3 * noise);
      break;
    case P_PH:
      v = 7.1 - 0.3 * bell (doy, 280, 40) + 0.15 * noise;
      break;
    case P_DO:
      v = 5.8 - 1.2 * bell (doy, 275, 45) + 0.6 * sin (G_PI * (hour - 8) / 12) + 0.3 * noise;
      break;
    case P_TEMP:
      v = 28.5 + 1.5 * sin (2 * G_PI * (doy - 80) / 365) + 1.2 * sin (G_PI * (hour - 9) / 12) + 0.3 * noise;
      break;
    case P_TSS:
      v = (35 + 110 * bell (doy, 270, 45)) * exp (0.2 * noise);
      break;
    case P_COD:
      v = 11 * def->base * exp (0.25 * noise);
      break;
    case P_BOD5:
      v = 4.5 * def->base * exp (0.3 * noise);
      break;
    case P_TOC:
      v = 3.8 * def->base * exp (0.25 * noise);
      break;
    case P_NH4:
      v = 0.18 * def->base * (episode > 1 ? 3.5 : 1) * exp (0.35 * noise);
      break;
    case P_NO3:
      v = 0.7 * def->base * exp (0.3 * noise);
      break;
    case P_NO2N:
      v = 0.02 * def->base * (episode > 1 ? 4 : 1) * exp (0.4 * noise);
      break;
    case P_PO4:
      v = 0.07 * def->base * exp (0.35 * noise);
      break;
    case P_COLIFORM:
      v = 2600 * def->base * exp (0.6 * noise);
      break;
    case P_ECOLI:
      v = 25 * def->base * exp (0.7 * noise);
      break;
    case P_AS: v = 0.004 * exp (0.4 * noise); break;
    case P_CD: v = 0.0012 * exp (0.4 * noise); break;
    case P_PB: v = 0.006 * exp (0.4 * noise); break;
    case P_CR6: v = 0.005 * exp (0.4 * noise); break;
    case P_CU: v = 0.02 * exp (0.4 * noise); break;
    case P_ZN: v = 0.08 * exp (0.4 * noise); break;
    case P_HG: v = 0.0003 * exp (0.4 * noise); break;
    case P_LEVEL:
      {
        /* Each year's flood has its own height: some years pass BĐ1–BĐ3. */
        double peak = 3.1 + 1.7 * ioc_sim_hash_double (self->seed, 0xf100d, (guint64) c.year);
        double low = 0.75;
        double tide = (0.18 + 0.25 * (1 - bell (doy, 275, 50))) * sin (2 * G_PI * (t / 3600.0) / 12.42);

        v = (low + (peak - low) * bell (doy, 278, 38)) * def->base + tide + 0.02 * noise;
      }
      break;
    case P_SALINITY:
      {
        /* Dry-season intrusion, February–April, strongest in March. */
        double season = bell (doy, 78, 30);
        double year = 0.7 + 0.6 * ioc_sim_hash_double (self->seed, 0x5a17, (guint64) c.year);
        double tide = 1 + 0.35 * sin (2 * G_PI * (t / 3600.0) / 12.42);

        v = MAX (0.05, def->base * year * season * tide + 0.1 + 0.05 * noise);
      }
      break;
    default:
      v = 0;
    }
  if (ds->milligrams)
    v /= 1000;
  if (v < 0)
    v = 0;
  *value = v;
  return TRUE;
}
