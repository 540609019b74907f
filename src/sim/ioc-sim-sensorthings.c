/* ioc-sim-sensorthings.c — OGC SensorThings API 1.1 endpoints of the simulator
 *
 * feeds.md §2: Things with Locations and Datastreams (station_kind,
 * commune_code and alarm_levels in Thing.properties), ObservedProperties,
 * and Observations computed on demand by IocSimStations. Collections page
 * with $top/$skip and an absolute @iot.nextLink, count with $count=true, and
 * errors look like FROST's: {"code": 404, "type": "error", "message": …}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ioc-sim-calendar.h"
#include "ioc-sim-sensorthings.h"
#include "ioc-sim-sta-query.h"

#define DEFAULT_TOP 100
#define MAX_TOP     10000
#define OBS_ID_BASE G_GINT64_CONSTANT (10000000)

struct _IocSimSensorThings {
  IocSimDataset  *dataset;
  IocSimStations *stations;
};

typedef enum {
  E_THING, E_LOCATION, E_DATASTREAM, E_OBSPROP, E_OBSERVATION, N_ENTITY_TYPES
} EntityType;

static const char *const set_names[N_ENTITY_TYPES] = {
  "Things", "Locations", "Datastreams", "ObservedProperties", "Observations",
};

typedef struct {
  IocSimSensorThings *self;
  IocSimExchange     *ex;
  IocSimWriter       *w;
  char               *root;  /* absolute service root, "http://…/sta/v1.1" */
  gint64              now;
  GError             *error;
} Ctx;

IocSimSensorThings *
ioc_sim_sensorthings_new (IocSimDataset *dataset)
{
  IocSimSensorThings *self = g_new0 (IocSimSensorThings, 1);

  self->dataset = dataset;
  self->stations = ioc_sim_stations_new (ioc_sim_dataset_get_seed (dataset),
                                         ioc_sim_dataset_get_history_start (dataset));
  return self;
}

void
ioc_sim_sensorthings_free (IocSimSensorThings *self)
{
  if (self == NULL)
    return;
  ioc_sim_stations_free (self->stations);
  g_free (self);
}

IocSimStations *
ioc_sim_sensorthings_stations (IocSimSensorThings *self)
{
  return self->stations;
}

/** ioc_sim_sensorthings_error: FROST's error body. */
void
ioc_sim_sensorthings_error (IocSimExchange *ex,
                            guint           status,
                            const char     *message)
{
  IocSimWriter *w = ioc_sim_writer_new (IOC_SIM_FORMAT_JSON);

  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_int (w, "code", status);
  ioc_sim_writer_string (w, "type", "error");
  ioc_sim_writer_string (w, "message", message);
  ioc_sim_writer_end_object (w);
  ioc_sim_exchange_finish (ex, status, w);
}

static void
self_link (Ctx *ctx, const char *set, gint64 id)
{
  g_autofree char *url = g_strdup_printf ("%s/%s(%" G_GINT64_FORMAT ")", ctx->root, set, id);

  ioc_sim_writer_int (ctx->w, "@iot.id", id);
  ioc_sim_writer_string (ctx->w, "@iot.selfLink", url);
}

static void
nav_link (Ctx *ctx, const char *set, gint64 id, const char *nav)
{
  g_autofree char *key = g_strdup_printf ("%s@iot.navigationLink", nav);
  g_autofree char *url = g_strdup_printf ("%s/%s(%" G_GINT64_FORMAT ")/%s", ctx->root, set, id, nav);

  ioc_sim_writer_string (ctx->w, key, url);
}

/* --- entity getters for $filter --------------------------------------- */

typedef struct {
  Ctx                    *ctx;
  EntityType              type;
  guint                   index;   /* 0-based station, datastream or parameter */
  const IocSimDatastream *ds;      /* observations */
  gint64                  slot;
  double                  value;
} Entity;

static gboolean
entity_get (gpointer data, const char *path, IocSimStaValue *v)
{
  Entity *e = data;
  IocSimStations *st = e->ctx->self->stations;
  guint n;

  switch (e->type)
    {
    case E_THING:
    case E_LOCATION:
      {
        const IocSimStation *s = &ioc_sim_stations_get (st, &n)[e->index];

        if (g_str_equal (path, "@iot.id") || g_str_equal (path, "id"))
          *v = (IocSimStaValue) { IOC_SIM_STA_NUMBER, NULL, s->id, 0 };
        else if (g_str_equal (path, "name"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING, s->name, 0, 0 };
        else if (g_str_equal (path, "description"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING, s->description, 0, 0 };
        else if (e->type == E_THING && g_str_equal (path, "properties/station_kind"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING, ioc_sim_stations_kind_name (s->kind), 0, 0 };
        else if (e->type == E_THING && g_str_equal (path, "properties/commune_code"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING, s->commune_code, 0, 0 };
        else
          return FALSE;
        return TRUE;
      }
    case E_DATASTREAM:
      {
        const IocSimDatastream *ds = &ioc_sim_stations_datastreams (st, &n)[e->index];

        if (g_str_equal (path, "@iot.id") || g_str_equal (path, "id"))
          *v = (IocSimStaValue) { IOC_SIM_STA_NUMBER, NULL, ds->id, 0 };
        else if (g_str_equal (path, "name") || g_str_equal (path, "ObservedProperty/name"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING, ds->parameter->name, 0, 0 };
        else if (g_str_equal (path, "unitOfMeasurement/symbol"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING,
                                  ds->milligrams ? "mg/m³" : ds->parameter->unit_symbol, 0, 0 };
        else if (g_str_equal (path, "Thing/@iot.id") || g_str_equal (path, "Thing/id"))
          *v = (IocSimStaValue) { IOC_SIM_STA_NUMBER, NULL, ds->station->id, 0 };
        else
          return FALSE;
        return TRUE;
      }
    case E_OBSPROP:
      {
        const IocSimParameter *p = &ioc_sim_stations_parameters (&n)[e->index];

        if (g_str_equal (path, "@iot.id") || g_str_equal (path, "id"))
          *v = (IocSimStaValue) { IOC_SIM_STA_NUMBER, NULL, e->index + 1, 0 };
        else if (g_str_equal (path, "name"))
          *v = (IocSimStaValue) { IOC_SIM_STA_STRING, p->name, 0, 0 };
        else
          return FALSE;
        return TRUE;
      }
    case E_OBSERVATION:
    case N_ENTITY_TYPES:
    default:
      {
        gint64 t = ioc_sim_stations_slot_time (st, e->ds, e->slot);

        if (g_str_equal (path, "phenomenonTime") || g_str_equal (path, "resultTime"))
          *v = (IocSimStaValue) { IOC_SIM_STA_TIME, NULL, 0, t };
        else if (g_str_equal (path, "result"))
          *v = (IocSimStaValue) { IOC_SIM_STA_NUMBER, NULL, e->value, 0 };
        else if (g_str_equal (path, "@iot.id") || g_str_equal (path, "id"))
          *v = (IocSimStaValue) { IOC_SIM_STA_NUMBER, NULL, (double) (e->ds->id * OBS_ID_BASE + e->slot), 0 };
        else
          return FALSE;
        return TRUE;
      }
    }
}

/* --- writers ------------------------------------------------------------ */

static void write_entity (Ctx *ctx, const char *key, EntityType type, guint index, IocSimStaQuery *q);
static gboolean write_collection (Ctx *ctx, EntityType type, GArray *candidates,
                                  IocSimStaQuery *q, const char *key, const char *link_path);
static gboolean write_observations (Ctx *ctx, const IocSimDatastream *ds, IocSimStaQuery *q,
                                    const char *key, const char *link_path);

static void
write_observation (Ctx *ctx, const IocSimDatastream *ds, gint64 slot, double value)
{
  gint64 t = ioc_sim_stations_slot_time (ctx->self->stations, ds, slot);

  ioc_sim_writer_begin_object (ctx->w, NULL);
  self_link (ctx, "Observations", ds->id * OBS_ID_BASE + slot);
  ioc_sim_writer_date_utc (ctx->w, "phenomenonTime", t);
  ioc_sim_writer_date_utc (ctx->w, "resultTime", t + 300);
  ioc_sim_writer_double (ctx->w, "result", value,
                         ds->parameter->decimals + (ds->milligrams ? 3 : 0));
  nav_link (ctx, "Observations", ds->id * OBS_ID_BASE + slot, "Datastream");
  ioc_sim_writer_end_object (ctx->w);
}

static GArray *
all_indices (guint n)
{
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (a, i);
  return a;
}

static void
write_expanded (Ctx *ctx, IocSimStaQuery *q, const char *nav, EntityType type, GArray *indices,
                const char *owner_set, gint64 owner_id)
{
  IocSimStaQuery *sub = ioc_sim_sta_query_expanded (q, nav);
  g_autofree char *link = g_strdup_printf ("%s(%" G_GINT64_FORMAT ")/%s", owner_set, owner_id, nav);

  if (sub == NULL)
    nav_link (ctx, owner_set, owner_id, nav);
  else if (g_str_equal (nav, "Thing") || g_str_equal (nav, "ObservedProperty"))
    write_entity (ctx, nav, type, g_array_index (indices, guint, 0), sub);
  else
    write_collection (ctx, type, indices, sub, nav, link);
}

static void
write_entity (Ctx *ctx, const char *key, EntityType type, guint index, IocSimStaQuery *q)
{
  IocSimStations *st = ctx->self->stations;
  IocSimWriter *w = ctx->w;
  guint n;

  ioc_sim_writer_begin_object (w, key);
  switch (type)
    {
    case E_THING:
      {
        const IocSimStation *s = &ioc_sim_stations_get (st, &n)[index];
        g_autoptr(GArray) loc = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) dss = g_array_new (FALSE, FALSE, sizeof (guint));

        g_array_append_val (loc, index);
        for (guint k = 0; k < s->n_datastreams; k++)
          {
            guint d = s->first_datastream - 1 + k;
            g_array_append_val (dss, d);
          }
        self_link (ctx, "Things", s->id);
        ioc_sim_writer_text (w, "name", s->name);
        ioc_sim_writer_text (w, "description", s->description);
        ioc_sim_writer_begin_object (w, "properties");
        ioc_sim_writer_string (w, "station_kind", ioc_sim_stations_kind_name (s->kind));
        ioc_sim_writer_string (w, "commune_code", s->commune_code);
        ioc_sim_writer_string (w, "operator", "Sở Nông nghiệp và Môi trường An Giang");
        if (s->periodic)
          ioc_sim_writer_string (w, "sampling", "monthly");
        if (s->kind == IOC_SIM_KIND_HYDRO)
          {
            ioc_sim_writer_begin_object (w, "alarm_levels");
            ioc_sim_writer_double (w, "bd1", s->alarm[0], 2);
            ioc_sim_writer_double (w, "bd2", s->alarm[1], 2);
            ioc_sim_writer_double (w, "bd3", s->alarm[2], 2);
            ioc_sim_writer_end_object (w);
          }
        ioc_sim_writer_end_object (w);
        write_expanded (ctx, q, "Locations", E_LOCATION, loc, "Things", s->id);
        write_expanded (ctx, q, "Datastreams", E_DATASTREAM, dss, "Things", s->id);
        nav_link (ctx, "Things", s->id, "HistoricalLocations");
      }
      break;
    case E_LOCATION:
      {
        const IocSimStation *s = &ioc_sim_stations_get (st, &n)[index];
        g_autoptr(GArray) things = g_array_new (FALSE, FALSE, sizeof (guint));

        g_array_append_val (things, index);
        self_link (ctx, "Locations", s->id);
        ioc_sim_writer_text (w, "name", s->name);
        ioc_sim_writer_text (w, "description", s->description);
        ioc_sim_writer_string (w, "encodingType", "application/geo+json");
        ioc_sim_writer_begin_object (w, "location");
        ioc_sim_writer_string (w, "type", "Point");
        ioc_sim_writer_begin_array (w, "coordinates", "coordinate");
        ioc_sim_writer_double (w, NULL, s->lon, 5);
        ioc_sim_writer_double (w, NULL, s->lat, 5);
        ioc_sim_writer_end_array (w);
        ioc_sim_writer_end_object (w);
        write_expanded (ctx, q, "Things", E_THING, things, "Locations", s->id);
      }
      break;
    case E_DATASTREAM:
      {
        const IocSimDatastream *ds = &ioc_sim_stations_datastreams (st, &n)[index];
        g_autofree char *name = g_strdup_printf ("%s – %s", ds->parameter->name, ds->station->name);
        g_autofree char *desc = g_strdup_printf ("%s tại %s", ds->parameter->label, ds->station->name);
        g_autoptr(GArray) thing = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) prop = g_array_new (FALSE, FALSE, sizeof (guint));
        guint ti = ds->station->id - 1, pi = ds->parameter_id - 1;
        IocSimStaQuery *obs = ioc_sim_sta_query_expanded (q, "Observations");

        g_array_append_val (thing, ti);
        g_array_append_val (prop, pi);
        self_link (ctx, "Datastreams", ds->id);
        ioc_sim_writer_text (w, "name", name);
        ioc_sim_writer_text (w, "description", desc);
        ioc_sim_writer_string (w, "observationType",
                               "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement");
        ioc_sim_writer_begin_object (w, "unitOfMeasurement");
        if (ds->milligrams)
          {
            ioc_sim_writer_string (w, "name", "milligram per cubic meter");
            ioc_sim_writer_string (w, "symbol", "mg/m³");
            ioc_sim_writer_string (w, "definition", "ucum:mg/m3");
          }
        else
          {
            ioc_sim_writer_string (w, "name", ds->parameter->unit_name);
            ioc_sim_writer_string (w, "symbol", ds->parameter->unit_symbol);
            ioc_sim_writer_string (w, "definition", ds->parameter->unit_definition);
          }
        ioc_sim_writer_end_object (w);
        write_expanded (ctx, q, "Thing", E_THING, thing, "Datastreams", ds->id);
        nav_link (ctx, "Datastreams", ds->id, "Sensor");
        write_expanded (ctx, q, "ObservedProperty", E_OBSPROP, prop, "Datastreams", ds->id);
        if (obs != NULL)
          {
            g_autofree char *link = g_strdup_printf ("Datastreams(%u)/Observations", ds->id);

            write_observations (ctx, ds, obs, "Observations", link);
          }
        else
          nav_link (ctx, "Datastreams", ds->id, "Observations");
      }
      break;
    case E_OBSPROP:
      {
        const IocSimParameter *p = &ioc_sim_stations_parameters (&n)[index];
        g_autofree char *def = g_strdup_printf ("https://ioc.angiang.gov.vn/def/parameter/%s", p->name);

        self_link (ctx, "ObservedProperties", index + 1);
        ioc_sim_writer_text (w, "name", p->name);
        ioc_sim_writer_string (w, "definition", def);
        ioc_sim_writer_text (w, "description", p->label);
        nav_link (ctx, "ObservedProperties", index + 1, "Datastreams");
      }
      break;
    case E_OBSERVATION:
    case N_ENTITY_TYPES:
    default:
      g_assert_not_reached ();
    }
  ioc_sim_writer_end_object (w);
}

/* Absolute next link: the request's own options with $skip moved on. */
static char *
next_link (Ctx *ctx, const char *link_path, IocSimStaQuery *q, gint64 next_skip, gboolean top_level)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s/%s?", ctx->root, link_path);
  if (top_level)
    {
      g_autoptr(GList) keys = g_hash_table_get_keys (ctx->ex->query);

      keys = g_list_sort (keys, (GCompareFunc) strcmp);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          g_autofree char *v = NULL;

          if (g_str_equal (l->data, "$skip") || g_str_equal (l->data, "$top"))
            continue;
          v = g_uri_escape_string (g_hash_table_lookup (ctx->ex->query, l->data), "(),;/:'$", FALSE);
          g_string_append_printf (s, "%s=%s&", (const char *) l->data, v);
        }
    }
  else if (q->orderby != NULL)
    g_string_append_printf (s, "$orderby=%s%%20%s&", q->orderby, q->desc ? "desc" : "asc");
  g_string_append_printf (s, "$top=%" G_GINT64_FORMAT "&$skip=%" G_GINT64_FORMAT,
                          q->top >= 0 ? q->top : DEFAULT_TOP, next_skip);
  return g_string_free (s, FALSE);
}

static gboolean
top_level (Ctx *ctx, const char *key)
{
  return g_str_equal (key, "value");
}

static void
write_count (Ctx *ctx, const char *key, gint64 count)
{
  g_autofree char *k = g_str_equal (key, "value") ? g_strdup ("@iot.count")
                                                  : g_strdup_printf ("%s@iot.count", key);

  ioc_sim_writer_int (ctx->w, k, count);
}

static void
write_next (Ctx *ctx, const char *key, const char *link)
{
  g_autofree char *k = g_str_equal (key, "value") ? g_strdup ("@iot.nextLink")
                                                  : g_strdup_printf ("%s@iot.nextLink", key);

  ioc_sim_writer_string (ctx->w, k, link);
}

static int
cmp_by_name (gconstpointer a, gconstpointer b, gpointer data)
{
  Ctx *ctx = data;
  Entity ea = { ctx, E_THING, *(const guint *) a, NULL, 0, 0 };
  Entity eb = ea;
  IocSimStaValue va = { 0 }, vb = { 0 };

  eb.index = *(const guint *) b;
  entity_get (&ea, "name", &va);
  entity_get (&eb, "name", &vb);
  return strcmp (va.s, vb.s);
}

static gboolean
write_collection (Ctx *ctx, EntityType type, GArray *candidates, IocSimStaQuery *q,
                  const char *key, const char *link_path)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 top = q->top >= 0 ? MIN (q->top, MAX_TOP) : DEFAULT_TOP;
  gint64 end;

  for (guint i = 0; i < candidates->len; i++)
    {
      Entity e = { ctx, type, g_array_index (candidates, guint, i), NULL, 0, 0 };

      if (ioc_sim_sta_query_match (q, entity_get, &e, &ctx->error))
        g_array_append_val (matches, e.index);
      else if (ctx->error != NULL)
        return FALSE;
    }
  if (q->orderby != NULL)
    {
      if (g_str_equal (q->orderby, "name"))
        g_array_sort_with_data (matches, cmp_by_name, ctx);
      else if (!g_str_equal (q->orderby, "id") && !g_str_equal (q->orderby, "@iot.id"))
        {
          g_set_error (&ctx->error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                       "Unsupported $orderby: %s", q->orderby);
          return FALSE;
        }
      if (q->desc)
        for (guint i = 0; i < matches->len / 2; i++)
          {
            guint t = g_array_index (matches, guint, i);

            g_array_index (matches, guint, i) = g_array_index (matches, guint, matches->len - 1 - i);
            g_array_index (matches, guint, matches->len - 1 - i) = t;
          }
    }

  if (q->count)
    write_count (ctx, key, matches->len);
  end = MIN ((gint64) matches->len, q->skip + top);
  ioc_sim_writer_begin_array (ctx->w, key, set_names[type]);
  for (gint64 i = q->skip; i < end; i++)
    write_entity (ctx, NULL, type, g_array_index (matches, guint, i), q);
  ioc_sim_writer_end_array (ctx->w);
  if (end < (gint64) matches->len)
    {
      g_autofree char *link = next_link (ctx, link_path, q, end, top_level (ctx, key));

      write_next (ctx, key, link);
    }
  return TRUE;
}

/**
 * write_observations:
 *
 * Walks the slots of @ds inside the $filter's time bounds, in the requested
 * order, skipping gaps; the values are computed, never stored.
 */
static gboolean
write_observations (Ctx *ctx, const IocSimDatastream *ds, IocSimStaQuery *q,
                    const char *key, const char *link_path)
{
  IocSimStations *st = ctx->self->stations;
  gint64 lo_t = ioc_sim_dataset_get_history_start (ctx->self->dataset), hi_t = ctx->now;
  gint64 top = q->top >= 0 ? MIN (q->top, MAX_TOP) : DEFAULT_TOP;
  gint64 lo, hi, matched = 0, written = 0;
  gboolean desc = FALSE, more = FALSE;

  if (q->orderby != NULL)
    {
      if (!g_str_equal (q->orderby, "phenomenonTime") && !g_str_equal (q->orderby, "resultTime")
          && !g_str_equal (q->orderby, "id") && !g_str_equal (q->orderby, "@iot.id"))
        {
          g_set_error (&ctx->error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                       "Unsupported $orderby: %s", q->orderby);
          return FALSE;
        }
      desc = q->desc;
    }
  ioc_sim_sta_query_time_bounds (q, "phenomenonTime", &lo_t, &hi_t);
  lo = MAX (0, ioc_sim_stations_slot_at (st, ds, lo_t - 1, TRUE));
  hi = ioc_sim_stations_slot_at (st, ds, hi_t, FALSE);

  if (q->count)
    {
      /* The count must precede the array (FROST's order), so count first. */
      for (gint64 s = lo; s <= hi; s++)
        {
          Entity e = { ctx, E_OBSERVATION, 0, ds, s, 0 };

          if (!ioc_sim_stations_value (st, ds, s, &e.value))
            continue;
          if (ioc_sim_sta_query_match (q, entity_get, &e, &ctx->error))
            matched++;
          else if (ctx->error != NULL)
            return FALSE;
        }
      write_count (ctx, key, matched);
    }

  ioc_sim_writer_begin_array (ctx->w, key, "Observation");
  matched = 0;
  for (gint64 i = 0; i <= hi - lo; i++)
    {
      gint64 s = desc ? hi - i : lo + i;
      Entity e = { ctx, E_OBSERVATION, 0, ds, s, 0 };

      if (!ioc_sim_stations_value (st, ds, s, &e.value))
        continue;
      if (!ioc_sim_sta_query_match (q, entity_get, &e, &ctx->error))
        {
          if (ctx->error != NULL)
            {
              ioc_sim_writer_end_array (ctx->w);
              return FALSE;
            }
          continue;
        }
      if (matched++ < q->skip)
        continue;
      if (written == top)
        {
          more = TRUE;
          break;
        }
      write_observation (ctx, ds, s, e.value);
      written++;
    }
  ioc_sim_writer_end_array (ctx->w);
  if (more)
    {
      g_autofree char *link = next_link (ctx, link_path, q, q->skip + top, top_level (ctx, key));

      write_next (ctx, key, link);
    }
  return TRUE;
}

/* --- routing ------------------------------------------------------------ */

typedef struct {
  EntityType type;
  gboolean   has_id;
  gint64     id;
  char      *nav;    /* single navigation segment after the entity, or NULL */
} Route;

static gboolean
parse_segment (const char *seg, EntityType *type, gboolean *has_id, gint64 *id)
{
  const char *paren = strchr (seg, '(');
  gsize len = paren != NULL ? (gsize) (paren - seg) : strlen (seg);

  for (int i = 0; i < N_ENTITY_TYPES; i++)
    if (strlen (set_names[i]) == len && strncmp (seg, set_names[i], len) == 0)
      {
        *type = (EntityType) i;
        *has_id = paren != NULL;
        if (paren != NULL)
          {
            char *end = NULL;

            *id = g_ascii_strtoll (paren + 1, &end, 10);
            if (end == paren + 1 || g_strcmp0 (end, ")") != 0)
              return FALSE;
          }
        return TRUE;
      }
  return FALSE;
}

static void
service_root (Ctx *ctx)
{
  ioc_sim_writer_begin_object (ctx->w, NULL);
  ioc_sim_writer_begin_array (ctx->w, "value", "entitySet");
  for (int i = 0; i < N_ENTITY_TYPES; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/%s", ctx->root, set_names[i]);

      ioc_sim_writer_begin_object (ctx->w, NULL);
      ioc_sim_writer_string (ctx->w, "name", set_names[i]);
      ioc_sim_writer_string (ctx->w, "url", url);
      ioc_sim_writer_end_object (ctx->w);
    }
  ioc_sim_writer_end_array (ctx->w);
  ioc_sim_writer_begin_object (ctx->w, "serverSettings");
  ioc_sim_writer_begin_array (ctx->w, "conformance", "conformance");
  ioc_sim_writer_string (ctx->w, NULL, "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel");
  ioc_sim_writer_string (ctx->w, NULL, "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data");
  ioc_sim_writer_end_array (ctx->w);
  ioc_sim_writer_end_object (ctx->w);
  ioc_sim_writer_end_object (ctx->w);
}

/* Index of an entity by id, or -1. */
static gint64
lookup (Ctx *ctx, EntityType type, gint64 id)
{
  guint n = 0;

  switch (type)
    {
    case E_THING:
    case E_LOCATION:
      ioc_sim_stations_get (ctx->self->stations, &n);
      break;
    case E_DATASTREAM:
      ioc_sim_stations_datastreams (ctx->self->stations, &n);
      break;
    case E_OBSPROP:
      ioc_sim_stations_parameters (&n);
      break;
    case E_OBSERVATION:
    case N_ENTITY_TYPES:
    default:
      return -1;
    }
  return id >= 1 && id <= n ? id - 1 : -1;
}

static gboolean
dispatch (Ctx *ctx, IocSimStaQuery *q, char **segs, guint n_segs)
{
  IocSimStations *st = ctx->self->stations;
  EntityType type, sub_type;
  gboolean has_id, sub_has_id;
  gint64 id = 0, sub_id = 0, idx;
  guint n;

  if (n_segs == 0 || !parse_segment (segs[0], &type, &has_id, &id))
    return FALSE;

  if (!has_id)
    {
      g_autoptr(GArray) all = NULL;

      if (n_segs != 1)
        return FALSE;
      if (type == E_OBSERVATION)
        {
          g_set_error (&ctx->error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID,
                       "The simulator serves Observations per Datastream: use Datastreams(ID)/Observations");
          return TRUE;
        }
      if (type == E_THING || type == E_LOCATION)
        ioc_sim_stations_get (st, &n);
      else if (type == E_DATASTREAM)
        ioc_sim_stations_datastreams (st, &n);
      else
        ioc_sim_stations_parameters (&n);
      all = all_indices (n);
      ioc_sim_writer_begin_object (ctx->w, NULL);
      write_collection (ctx, type, all, q, "value", segs[0]);
      ioc_sim_writer_end_object (ctx->w);
      return TRUE;
    }

  if (type == E_OBSERVATION)
    {
      gint64 ds_id = id / OBS_ID_BASE, slot = id % OBS_ID_BASE;
      const IocSimDatastream *dss = ioc_sim_stations_datastreams (st, &n);
      double value;

      if (n_segs != 1 || ds_id < 1 || ds_id > n
          || ioc_sim_stations_slot_time (st, &dss[ds_id - 1], slot) > ctx->now
          || !ioc_sim_stations_value (st, &dss[ds_id - 1], slot, &value))
        return FALSE;
      write_observation (ctx, &dss[ds_id - 1], slot, value);
      return TRUE;
    }

  idx = lookup (ctx, type, id);
  if (idx < 0)
    return FALSE;
  if (n_segs == 1)
    {
      write_entity (ctx, NULL, type, (guint) idx, q);
      return TRUE;
    }
  if (n_segs != 2 || !parse_segment (segs[1], &sub_type, &sub_has_id, &sub_id))
    {
      /* Singular navigation: Datastreams(1)/Thing, Datastreams(1)/ObservedProperty. */
      if (n_segs == 2 && type == E_DATASTREAM
          && (g_str_equal (segs[1], "Thing") || g_str_equal (segs[1], "ObservedProperty")))
        {
          const IocSimDatastream *ds = &ioc_sim_stations_datastreams (st, &n)[idx];

          if (g_str_equal (segs[1], "Thing"))
            write_entity (ctx, NULL, E_THING, ds->station->id - 1, q);
          else
            write_entity (ctx, NULL, E_OBSPROP, ds->parameter_id - 1, q);
          return TRUE;
        }
      return FALSE;
    }
  if (sub_has_id)
    return FALSE;

  {
    g_autoptr(GArray) cand = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autofree char *link = g_strdup_printf ("%s/%s", segs[0], segs[1]);

    if ((type == E_THING && sub_type == E_LOCATION) || (type == E_LOCATION && sub_type == E_THING))
      {
        guint i = (guint) idx;
        g_array_append_val (cand, i);
      }
    else if (type == E_THING && sub_type == E_DATASTREAM)
      {
        const IocSimStation *s = &ioc_sim_stations_get (st, &n)[idx];

        for (guint k = 0; k < s->n_datastreams; k++)
          {
            guint d = s->first_datastream - 1 + k;
            g_array_append_val (cand, d);
          }
      }
    else if (type == E_OBSPROP && sub_type == E_DATASTREAM)
      {
        const IocSimDatastream *dss = ioc_sim_stations_datastreams (st, &n);

        for (guint k = 0; k < n; k++)
          if (dss[k].parameter_id == idx + 1)
            g_array_append_val (cand, k);
      }
    else if (type == E_DATASTREAM && sub_type == E_OBSERVATION)
      {
        ioc_sim_writer_begin_object (ctx->w, NULL);
        write_observations (ctx, &ioc_sim_stations_datastreams (st, &n)[idx], q, "value", link);
        ioc_sim_writer_end_object (ctx->w);
        return TRUE;
      }
    else
      return FALSE;

    ioc_sim_writer_begin_object (ctx->w, NULL);
    write_collection (ctx, sub_type, cand, q, "value", link);
    ioc_sim_writer_end_object (ctx->w);
    return TRUE;
  }
}

/**
 * ioc_sim_sensorthings_handle:
 * @ex: an exchange whose path is relative to `/sta/v1.1/`
 */
void
ioc_sim_sensorthings_handle (IocSimSensorThings *self,
                             IocSimExchange     *ex)
{
  g_autoptr(IocSimStaQuery) q = NULL;
  g_auto(GStrv) segs = NULL;
  g_autoptr(GError) error = NULL;
  Ctx ctx = { self, ex, NULL, NULL, ioc_sim_dataset_now (self->dataset), NULL };
  gboolean found;

  if (!g_str_equal (ex->method, "GET") && !g_str_equal (ex->method, "HEAD"))
    {
      ioc_sim_sensorthings_error (ex, 405, "The simulator's SensorThings service is read-only");
      return;
    }
  q = ioc_sim_sta_query_parse (ex->query, &error);
  if (q == NULL)
    {
      ioc_sim_sensorthings_error (ex, 400, error->message);
      return;
    }
  ctx.root = g_strdup_printf ("%s/sta/v1.1", ex->base_url);
  ctx.w = ioc_sim_exchange_writer (ex, IOC_SIM_FORMAT_JSON);
  if (*ex->path == '\0')
    {
      service_root (&ctx);
      found = TRUE;
    }
  else
    {
      g_autofree char *path = g_strdup (ex->path);

      if (g_str_has_suffix (path, "/"))
        path[strlen (path) - 1] = '\0';
      segs = g_strsplit (path, "/", -1);
      found = dispatch (&ctx, q, segs, g_strv_length (segs));
    }
  if (ctx.error != NULL)
    {
      ioc_sim_writer_free (ctx.w);
      ioc_sim_sensorthings_error (ex, 400, ctx.error->message);
      g_error_free (ctx.error);
    }
  else if (!found)
    {
      ioc_sim_writer_free (ctx.w);
      ioc_sim_sensorthings_error (ex, 404, "Not Found");
    }
  else
    ioc_sim_exchange_finish (ex, 200, ctx.w);
  g_free (ctx.root);
}
