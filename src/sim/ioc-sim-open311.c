/* ioc-sim-open311.c — Open311 GeoReport v2 endpoints of the simulator
 *
 * feeds.md §1: services, requests (date windows of at most 90 days, paging
 * with page/page_size), one request, the mySociety servicerequestupdates
 * channel (GET for sync, POST for operator actions with an idempotent
 * update_id and optimistic concurrency through if_updated_datetime), errors
 * as [{code, description}]. JSON and the XML that GeoReport v2 makes
 * mandatory; project extensions only with extensions=true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ioc-sim-calendar.h"
#include "ioc-sim-open311.h"
#include "ioc-sim-text.h"

#define MAX_WINDOW   (90 * 86400)
#define DEFAULT_PAGE 100
#define MAX_PAGE     1000

struct _IocSimOpen311 {
  IocSimDataset *dataset;
  char          *api_key;
};

IocSimOpen311 *
ioc_sim_open311_new (IocSimDataset *dataset,
                     const char    *api_key)
{
  IocSimOpen311 *self = g_new0 (IocSimOpen311, 1);

  self->dataset = dataset;
  self->api_key = g_strdup (api_key);
  return self;
}

void
ioc_sim_open311_free (IocSimOpen311 *self)
{
  if (self == NULL)
    return;
  g_free (self->api_key);
  g_free (self);
}

/** ioc_sim_open311_error: GeoReport v2 error body, [{code, description}] or <errors>. */
void
ioc_sim_open311_error (IocSimExchange *ex,
                       IocSimFormat    format,
                       guint           status,
                       const char     *description)
{
  IocSimWriter *w = ioc_sim_writer_new (format);

  ioc_sim_writer_begin_array (w, "errors", "error");
  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_int (w, "code", status);
  ioc_sim_writer_string (w, "description", description);
  ioc_sim_writer_end_object (w);
  ioc_sim_writer_end_array (w);
  ioc_sim_exchange_finish (ex, status, w);
}

static gboolean
is_closed (const char *xs)
{
  return g_str_equal (xs, "resolved") || g_str_equal (xs, "rejected")
         || g_str_equal (xs, "duplicate");
}

static const IocSimField *
field_by_code (const char *code)
{
  guint n;
  const IocSimField *fields = ioc_sim_text_fields (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].code, code))
      return &fields[i];
  return NULL;
}

static void
handle_services (IocSimOpen311 *self, IocSimExchange *ex, IocSimFormat format)
{
  guint n;
  const IocSimField *fields = ioc_sim_text_fields (&n);
  IocSimWriter *w = ioc_sim_exchange_writer (ex, format);

  ioc_sim_writer_begin_array (w, "services", "service");
  for (guint i = 0; i < n; i++)
    {
      ioc_sim_writer_begin_object (w, NULL);
      ioc_sim_writer_string (w, "service_code", fields[i].code);
      ioc_sim_writer_text (w, "service_name", fields[i].name);
      ioc_sim_writer_text (w, "description", fields[i].description);
      ioc_sim_writer_boolean (w, "metadata", FALSE);
      ioc_sim_writer_string (w, "type", "realtime");
      ioc_sim_writer_text (w, "keywords", fields[i].keywords);
      ioc_sim_writer_text (w, "group", fields[i].group);
      ioc_sim_writer_end_object (w);
    }
  ioc_sim_writer_end_array (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

static void
handle_service_definition (IocSimOpen311 *self, IocSimExchange *ex, IocSimFormat format,
                           const char *code)
{
  IocSimWriter *w;

  if (field_by_code (code) == NULL)
    {
      ioc_sim_open311_error (ex, format, 404, "Service code not found");
      return;
    }
  w = ioc_sim_exchange_writer (ex, format);
  ioc_sim_writer_begin_object (w, "service_definition");
  ioc_sim_writer_string (w, "service_code", code);
  ioc_sim_writer_begin_array (w, "attributes", "attribute");
  ioc_sim_writer_end_array (w);
  ioc_sim_writer_end_object (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

#define REQUEST_COLUMNS \
  "r.id, r.srid, r.xstatus, r.status_notes, r.service_code, r.description, r.agency," \
  " r.requested, r.updated, r.expected, r.address, r.lat, r.lon, r.n_media, r.priority," \
  " r.commune_code, r.claimed_by, r.duplicate_of, r.channel"

static const char *
col (sqlite3_stmt *st, int i)
{
  return (const char *) sqlite3_column_text (st, i);
}

static void
write_notes (IocSimOpen311 *self, IocSimWriter *w, gint64 request, gint64 now)
{
  sqlite3_stmt *st = ioc_sim_dataset_prepare (self->dataset,
    "SELECT at, description, author, xstatus FROM updates"
    " WHERE request = ?1 AND at <= ?2 ORDER BY at, seq");
  const char *prev = NULL;
  g_autofree char *prev_copy = NULL;

  sqlite3_bind_int64 (st, 1, request);
  sqlite3_bind_int64 (st, 2, now);
  ioc_sim_writer_begin_array (w, "notes", "note");
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *xs = col (st, 3);

      ioc_sim_writer_begin_object (w, NULL);
      ioc_sim_writer_date (w, "datetime", sqlite3_column_int64 (st, 0));
      ioc_sim_writer_text (w, "description", col (st, 1));
      ioc_sim_writer_string (w, "type", prev != NULL && g_str_equal (prev, xs) ? "comment" : "status");
      ioc_sim_writer_text (w, "author", col (st, 2));
      ioc_sim_writer_string (w, "extended_status", xs);
      ioc_sim_writer_end_object (w);
      g_free (prev_copy);
      prev = prev_copy = g_strdup (xs);
    }
  sqlite3_reset (st);
  ioc_sim_writer_end_array (w);
}

static void
write_request (IocSimOpen311 *self, IocSimExchange *ex, IocSimWriter *w,
               sqlite3_stmt *st, gboolean extensions, gint64 now)
{
  const char *xs = col (st, 2);
  const IocSimField *field = field_by_code (col (st, 4));
  const char *srid = col (st, 1);
  int n_media = sqlite3_column_int (st, 13);
  g_autofree char *media = NULL;

  if (n_media > 0)
    media = g_strdup_printf ("%s/media/%s-1.png", ex->base_url, srid);
  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_string (w, "service_request_id", srid);
  ioc_sim_writer_string (w, "status", is_closed (xs) ? "closed" : "open");
  ioc_sim_writer_text (w, "status_notes", col (st, 3));
  ioc_sim_writer_text (w, "service_name", field != NULL ? field->name : NULL);
  ioc_sim_writer_string (w, "service_code", col (st, 4));
  ioc_sim_writer_text (w, "description", col (st, 5));
  ioc_sim_writer_text (w, "agency_responsible", col (st, 6));
  ioc_sim_writer_null (w, "service_notice");
  ioc_sim_writer_date (w, "requested_datetime", sqlite3_column_int64 (st, 7));
  ioc_sim_writer_date (w, "updated_datetime", sqlite3_column_int64 (st, 8));
  ioc_sim_writer_date (w, "expected_datetime", sqlite3_column_int64 (st, 9));
  ioc_sim_writer_text (w, "address", col (st, 10));
  ioc_sim_writer_null (w, "address_id");
  ioc_sim_writer_null (w, "zipcode");
  ioc_sim_writer_double (w, "lat", sqlite3_column_double (st, 11), 6);
  ioc_sim_writer_double (w, "long", sqlite3_column_double (st, 12), 6);
  ioc_sim_writer_string (w, "media_url", media);
  if (extensions)
    {
      ioc_sim_writer_string (w, "extended_status", xs);
      ioc_sim_writer_string (w, "priority", col (st, 14));
      ioc_sim_writer_string (w, "commune_code", col (st, 15));
      ioc_sim_writer_string (w, "channel", col (st, 18));
      ioc_sim_writer_text (w, "claimed_by", col (st, 16));
      ioc_sim_writer_string (w, "duplicate_of", col (st, 17));
      ioc_sim_writer_begin_array (w, "media_urls", "media_url");
      for (int i = 1; i <= n_media; i++)
        {
          g_autofree char *url = g_strdup_printf ("%s/media/%s-%d.png", ex->base_url, srid, i);

          ioc_sim_writer_string (w, NULL, url);
        }
      ioc_sim_writer_end_array (w);
      write_notes (self, w, sqlite3_column_int64 (st, 0), now);
    }
  ioc_sim_writer_end_object (w);
}

/* Parses an optional date parameter; FALSE (with an error answer) when malformed. */
static gboolean
date_param (IocSimExchange *ex, IocSimFormat format, const char *name, gint64 *t, gboolean *set)
{
  const char *v = ioc_sim_exchange_param (ex, name);

  *set = FALSE;
  if (v == NULL)
    return TRUE;
  if (!ioc_sim_calendar_parse (v, t))
    {
      g_autofree char *msg = g_strdup_printf ("Invalid %s: expected an ISO 8601 date-time", name);

      ioc_sim_open311_error (ex, format, 400, msg);
      return FALSE;
    }
  *set = TRUE;
  return TRUE;
}

/* The Open311 window rules: default last 90 days, never longer than 90 days. */
static gboolean
window_params (IocSimExchange *ex, IocSimFormat format, gint64 now, gint64 *start, gint64 *end)
{
  gboolean has_start, has_end;

  if (!date_param (ex, format, "start_date", start, &has_start)
      || !date_param (ex, format, "end_date", end, &has_end))
    return FALSE;
  if (!has_end)
    *end = has_start ? MIN (*start + MAX_WINDOW, now) : now;
  if (!has_start)
    *start = *end - MAX_WINDOW;
  if (*end < *start)
    {
      ioc_sim_open311_error (ex, format, 400, "end_date is before start_date");
      return FALSE;
    }
  if (*end - *start > MAX_WINDOW)
    {
      ioc_sim_open311_error (ex, format, 400, "The date window is longer than 90 days");
      return FALSE;
    }
  return TRUE;
}

static gboolean
paging_params (IocSimExchange *ex, IocSimFormat format, gint64 *page, gint64 *page_size)
{
  const char *p = ioc_sim_exchange_param (ex, "page");
  const char *ps = ioc_sim_exchange_param (ex, "page_size");
  char *end = NULL;

  *page = 1;
  *page_size = DEFAULT_PAGE;
  if (p != NULL)
    {
      *page = g_ascii_strtoll (p, &end, 10);
      if (*end != '\0' || *page < 1 || *page > G_MAXINT32)
        {
          ioc_sim_open311_error (ex, format, 400, "page must be a positive integer");
          return FALSE;
        }
    }
  if (ps != NULL)
    {
      *page_size = g_ascii_strtoll (ps, &end, 10);
      if (*end != '\0' || *page_size < 1 || *page_size > MAX_PAGE)
        {
          ioc_sim_open311_error (ex, format, 400, "page_size must be between 1 and 1000");
          return FALSE;
        }
    }
  return TRUE;
}

/* ",a,b," so that SQL can test membership with instr(). */
static char *
comma_list (const char *v)
{
  g_auto(GStrv) parts = NULL;
  GString *s;

  if (v == NULL)
    return NULL;
  parts = g_strsplit (v, ",", -1);
  s = g_string_new (",");
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_string_append_printf (s, "%s,", parts[i]);
    }
  return g_string_free (s, FALSE);
}

static gboolean
extensions_param (IocSimExchange *ex)
{
  const char *v = ioc_sim_exchange_param (ex, "extensions");

  return v != NULL && (g_ascii_strcasecmp (v, "true") == 0 || g_str_equal (v, "1"));
}

static void
handle_requests (IocSimOpen311 *self, IocSimExchange *ex, IocSimFormat format,
                 const char *single_id)
{
  gint64 now = ioc_sim_dataset_now (self->dataset);
  gint64 start = G_MININT64 / 2, end = G_MAXINT64 / 2, page = 1, page_size = MAX_PAGE;
  g_autofree char *codes = comma_list (ioc_sim_exchange_param (ex, "service_code"));
  g_autofree char *ids = comma_list (single_id != NULL ? single_id
                                     : ioc_sim_exchange_param (ex, "service_request_id"));
  const char *status = ioc_sim_exchange_param (ex, "status");
  int status_filter = 0;
  sqlite3_stmt *st;
  IocSimWriter *w;
  guint rows = 0;

  if (ids == NULL)
    {
      if (!window_params (ex, format, now, &start, &end)
          || !paging_params (ex, format, &page, &page_size))
        return;
      if (status != NULL)
        {
          g_autofree char *list = comma_list (status);
          gboolean o = strstr (list, ",open,") != NULL, c = strstr (list, ",closed,") != NULL;

          if (!o && !c)
            {
              ioc_sim_open311_error (ex, format, 400, "status must be open, closed or both");
              return;
            }
          status_filter = (o && c) ? 0 : o ? 1 : 2;
        }
    }

  st = ioc_sim_dataset_prepare (self->dataset,
    "SELECT " REQUEST_COLUMNS " FROM requests r"
    " WHERE r.requested <= ?1 AND r.requested >= ?2 AND r.requested <= ?3"
    "  AND (?4 IS NULL OR instr (?4, ',' || r.service_code || ',') > 0)"
    "  AND (?5 IS NULL OR instr (?5, ',' || r.srid || ',') > 0)"
    "  AND (?6 = 0"
    "       OR (?6 = 1 AND r.xstatus NOT IN ('resolved', 'rejected', 'duplicate'))"
    "       OR (?6 = 2 AND r.xstatus IN ('resolved', 'rejected', 'duplicate')))"
    " ORDER BY r.requested DESC, r.id DESC LIMIT ?7 OFFSET ?8");
  sqlite3_bind_int64 (st, 1, now);
  sqlite3_bind_int64 (st, 2, start);
  sqlite3_bind_int64 (st, 3, end);
  if (codes != NULL)
    sqlite3_bind_text (st, 4, codes, -1, SQLITE_STATIC);
  if (ids != NULL)
    sqlite3_bind_text (st, 5, ids, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 6, status_filter);
  sqlite3_bind_int64 (st, 7, page_size);
  sqlite3_bind_int64 (st, 8, (page - 1) * page_size);

  w = ioc_sim_exchange_writer (ex, format);
  ioc_sim_writer_begin_array (w, "service_requests", "request");
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      write_request (self, ex, w, st, extensions_param (ex), now);
      rows++;
    }
  sqlite3_reset (st);
  ioc_sim_writer_end_array (w);

  if (single_id != NULL && rows == 0)
    {
      g_autofree char *msg = g_strdup_printf ("Service request not found with id %s", single_id);

      ioc_sim_writer_free (w);
      ioc_sim_open311_error (ex, format, 404, msg);
      return;
    }
  ioc_sim_exchange_finish (ex, 200, w);
}

static void
write_update (IocSimWriter *w, IocSimExchange *ex, sqlite3_stmt *st, gboolean extensions)
{
  const char *xs = col (st, 3);

  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_string (w, "update_id", col (st, 0));
  ioc_sim_writer_string (w, "service_request_id", col (st, 1));
  ioc_sim_writer_string (w, "status", is_closed (xs) ? "closed" : "open");
  ioc_sim_writer_date (w, "updated_datetime", sqlite3_column_int64 (st, 2));
  ioc_sim_writer_text (w, "description", col (st, 4));
  ioc_sim_writer_null (w, "media_url");
  if (extensions)
    {
      ioc_sim_writer_string (w, "extended_status", xs);
      ioc_sim_writer_text (w, "agency_responsible", col (st, 5));
      ioc_sim_writer_string (w, "priority", col (st, 6));
      ioc_sim_writer_string (w, "duplicate_of", col (st, 7));
      ioc_sim_writer_text (w, "claimed_by", col (st, 8));
      ioc_sim_writer_text (w, "author", col (st, 9));
    }
  ioc_sim_writer_end_object (w);
}

static void
handle_updates_get (IocSimOpen311 *self, IocSimExchange *ex, IocSimFormat format)
{
  gint64 now = ioc_sim_dataset_now (self->dataset);
  gint64 start, end, page, page_size;
  sqlite3_stmt *st;
  IocSimWriter *w;

  if (!window_params (ex, format, now, &start, &end)
      || !paging_params (ex, format, &page, &page_size))
    return;
  if (ioc_sim_exchange_param (ex, "page_size") == NULL)
    page_size = MAX_PAGE;

  st = ioc_sim_dataset_prepare (self->dataset,
    "SELECT u.update_id, r.srid, u.at, u.xstatus, u.description, u.agency, u.priority,"
    " u.duplicate_of, u.claimed_by, u.author FROM updates u JOIN requests r ON r.id = u.request"
    " WHERE u.at <= ?1 AND u.at >= ?2 AND u.at <= ?3 ORDER BY u.at, u.seq LIMIT ?4 OFFSET ?5");
  sqlite3_bind_int64 (st, 1, now);
  sqlite3_bind_int64 (st, 2, start);
  sqlite3_bind_int64 (st, 3, end);
  sqlite3_bind_int64 (st, 4, page_size);
  sqlite3_bind_int64 (st, 5, (page - 1) * page_size);
  w = ioc_sim_exchange_writer (ex, format);
  ioc_sim_writer_begin_array (w, "service_request_updates", "request_update");
  while (sqlite3_step (st) == SQLITE_ROW)
    write_update (w, ex, st, extensions_param (ex));
  sqlite3_reset (st);
  ioc_sim_writer_end_array (w);
  ioc_sim_exchange_finish (ex, 200, w);
}

static void
post_answer (IocSimExchange *ex, IocSimFormat format, const char *update_id,
             const char *srid, gint64 at)
{
  IocSimWriter *w = ioc_sim_exchange_writer (ex, format);

  ioc_sim_writer_begin_array (w, "service_request_updates", "request_update");
  ioc_sim_writer_begin_object (w, NULL);
  ioc_sim_writer_string (w, "update_id", update_id);
  ioc_sim_writer_string (w, "service_request_id", srid);
  ioc_sim_writer_date (w, "updated_datetime", at);
  ioc_sim_writer_end_object (w);
  ioc_sim_writer_end_array (w);
  ioc_sim_exchange_finish (ex, 200, w);
  ex->no_cache = TRUE;
}

static const char *const extended_statuses[] = {
  "new", "acknowledged", "in_progress", "reopened", "resolved", "rejected", "duplicate",
};
static const char *const priority_names[] = { "khan_cap", "cao", "thuong", "thap" };

static gboolean
in_list (const char *v, const char *const *list, guint n)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (v, list[i]))
      return TRUE;
  return FALSE;
}

/**
 * handle_updates_post:
 *
 * feeds.md §1: the update_id is the idempotency key (a repeat gets the first
 * answer and changes nothing), if_updated_datetime gives 409 when the request
 * changed since, and an operator action cancels the steps the simulated
 * agency had planned for later.
 */
static void
handle_updates_post (IocSimOpen311 *self, IocSimExchange *ex, IocSimFormat format)
{
  const char *key = ioc_sim_exchange_form (ex, "api_key");
  const char *srid = ioc_sim_exchange_form (ex, "service_request_id");
  const char *update_id = ioc_sim_exchange_form (ex, "update_id");
  const char *status = ioc_sim_exchange_form (ex, "status");
  const char *xs = ioc_sim_exchange_form (ex, "extended_status");
  const char *description = ioc_sim_exchange_form (ex, "description");
  const char *agency = ioc_sim_exchange_form (ex, "agency_responsible");
  const char *priority = ioc_sim_exchange_form (ex, "priority");
  const char *dup = ioc_sim_exchange_form (ex, "duplicate_of");
  const char *claimed = g_hash_table_lookup (ex->form, "claimed_by");
  const char *author = ioc_sim_exchange_form (ex, "author");
  const char *if_updated = ioc_sim_exchange_form (ex, "if_updated_datetime");
  gint64 now = ioc_sim_dataset_now (self->dataset), id, cur_updated, at, expected_t;
  g_autofree char *cur_xs = NULL, *cur_claimed = NULL;
  sqlite3_stmt *st;

  /* An empty configured key is the training sandbox's: any key, or none. */
  if (self->api_key != NULL && self->api_key[0] != '\0' && g_strcmp0 (key, self->api_key) != 0)
    {
      ioc_sim_open311_error (ex, format, 403, "Invalid api_key");
      return;
    }
  if (srid == NULL || update_id == NULL)
    {
      ioc_sim_open311_error (ex, format, 400, "service_request_id and update_id are required");
      return;
    }

  /* Idempotency first: a retried POST must get the first answer even if the
   * request has changed since (its own change, typically). */
  st = ioc_sim_dataset_prepare (self->dataset,
    "SELECT r.srid, u.at FROM updates u JOIN requests r ON r.id = u.request WHERE u.update_id = ?1");
  sqlite3_bind_text (st, 1, update_id, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autofree char *first_srid = g_strdup (col (st, 0));

      at = sqlite3_column_int64 (st, 1);
      sqlite3_reset (st);
      post_answer (ex, format, update_id, first_srid, at);
      return;
    }
  sqlite3_reset (st);

  if (status == NULL || !(g_str_equal (status, "open") || g_str_equal (status, "closed")))
    {
      ioc_sim_open311_error (ex, format, 400, "status must be open or closed");
      return;
    }
  if (xs != NULL && !in_list (xs, extended_statuses, G_N_ELEMENTS (extended_statuses)))
    {
      ioc_sim_open311_error (ex, format, 400, "Unknown extended_status");
      return;
    }
  if (xs != NULL && is_closed (xs) != g_str_equal (status, "closed"))
    {
      ioc_sim_open311_error (ex, format, 400, "extended_status contradicts status");
      return;
    }
  if (priority != NULL && !in_list (priority, priority_names, G_N_ELEMENTS (priority_names)))
    {
      ioc_sim_open311_error (ex, format, 400, "Unknown priority");
      return;
    }
  if (if_updated != NULL && !ioc_sim_calendar_parse (if_updated, &expected_t))
    {
      ioc_sim_open311_error (ex, format, 400, "Invalid if_updated_datetime");
      return;
    }

  st = ioc_sim_dataset_prepare (self->dataset,
    "SELECT id, updated, xstatus, claimed_by FROM requests WHERE srid = ?1 AND requested <= ?2");
  sqlite3_bind_text (st, 1, srid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, now);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      g_autofree char *msg = g_strdup_printf ("Service request not found with id %s", srid);

      sqlite3_reset (st);
      ioc_sim_open311_error (ex, format, 404, msg);
      return;
    }
  id = sqlite3_column_int64 (st, 0);
  cur_updated = sqlite3_column_int64 (st, 1);
  cur_xs = g_strdup (col (st, 2));
  cur_claimed = g_strdup (col (st, 3));
  sqlite3_reset (st);

  if (if_updated != NULL && expected_t != cur_updated)
    {
      char buf[IOC_SIM_ISO_LEN];
      g_autofree char *msg = NULL;

      ioc_sim_calendar_format (cur_updated, buf);
      msg = g_strdup_printf ("The request was updated at %s, after if_updated_datetime", buf);
      ioc_sim_open311_error (ex, format, 409, msg);
      return;
    }

  if (xs == NULL)
    {
      if (g_str_equal (status, "closed"))
        xs = is_closed (cur_xs) ? cur_xs : "resolved";
      else
        xs = is_closed (cur_xs) ? "reopened" : cur_xs;
    }
  /* Strictly after the last change, so if_updated_datetime always sees it. */
  at = MAX (now, cur_updated + 1);

  /* The update and the request's change land together or not at all: a
   * simulator killed in between must not remember the update_id without
   * its effect (--db survives restarts). */
  sqlite3_exec (ioc_sim_dataset_get_db (self->dataset), "SAVEPOINT post", NULL, NULL, NULL);
  st = ioc_sim_dataset_prepare (self->dataset,
    "DELETE FROM updates WHERE request = ?1 AND applied = 0");
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_step (st);

  st = ioc_sim_dataset_prepare (self->dataset,
    "INSERT INTO updates (update_id, request, at, xstatus, description, author, agency,"
    " priority, claimed_by, duplicate_of, applied) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,1)");
  sqlite3_bind_text (st, 1, update_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, id);
  sqlite3_bind_int64 (st, 3, at);
  sqlite3_bind_text (st, 4, xs, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, description != NULL ? description : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, author != NULL ? author : "Trung tâm IOC", -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 7, agency, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 8, priority, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 9, claimed, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 10, dup, -1, SQLITE_STATIC);
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      sqlite3 *db = ioc_sim_dataset_get_db (self->dataset);
      g_autofree char *msg = g_strdup (sqlite3_errmsg (db));

      sqlite3_reset (st);
      sqlite3_exec (db, "ROLLBACK TO post; RELEASE post", NULL, NULL, NULL);
      ioc_sim_open311_error (ex, format, 500, msg);
      return;
    }

  /* An empty claimed_by releases the claim; an absent one keeps it. */
  st = ioc_sim_dataset_prepare (self->dataset,
    "UPDATE requests SET xstatus = ?2, updated = ?3, status_notes = COALESCE (?4, status_notes),"
    " agency = COALESCE (?5, agency), priority = COALESCE (?6, priority),"
    " duplicate_of = COALESCE (?7, duplicate_of),"
    " claimed_by = CASE WHEN ?8 THEN NULLIF (?9, '') ELSE claimed_by END WHERE id = ?1");
  sqlite3_bind_int64 (st, 1, id);
  sqlite3_bind_text (st, 2, xs, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, at);
  sqlite3_bind_text (st, 4, description, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 5, agency, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 6, priority, -1, SQLITE_STATIC);
  sqlite3_bind_text (st, 7, dup, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 8, claimed != NULL);
  sqlite3_bind_text (st, 9, claimed, -1, SQLITE_STATIC);
  sqlite3_step (st);
  sqlite3_reset (st);
  sqlite3_exec (ioc_sim_dataset_get_db (self->dataset), "RELEASE post", NULL, NULL, NULL);

  post_answer (ex, format, update_id, srid, at);
}

/* "requests.json" → "requests", JSON; FALSE for an unknown extension. */
static gboolean
split_format (const char *path, char **stem, IocSimFormat *format)
{
  if (g_str_has_suffix (path, ".json"))
    {
      *stem = g_strndup (path, strlen (path) - 5);
      *format = IOC_SIM_FORMAT_JSON;
      return TRUE;
    }
  if (g_str_has_suffix (path, ".xml"))
    {
      *stem = g_strndup (path, strlen (path) - 4);
      *format = IOC_SIM_FORMAT_XML;
      return TRUE;
    }
  return FALSE;
}

/**
 * ioc_sim_open311_handle:
 * @ex: an exchange whose path is relative to `/open311/v2/`
 *
 * Routes one GeoReport v2 call (feeds.md §1).
 */
void
ioc_sim_open311_handle (IocSimOpen311  *self,
                        IocSimExchange *ex)
{
  g_autofree char *stem = NULL;
  IocSimFormat format = IOC_SIM_FORMAT_JSON;
  gboolean get = g_str_equal (ex->method, "GET") || g_str_equal (ex->method, "HEAD");
  gboolean post = g_str_equal (ex->method, "POST");

  if (!split_format (ex->path, &stem, &format))
    {
      ioc_sim_open311_error (ex, format, 404, "Unknown resource: the format must be .json or .xml");
      return;
    }
  if (g_str_equal (stem, "services") && get)
    handle_services (self, ex, format);
  else if (g_str_has_prefix (stem, "services/") && get)
    handle_service_definition (self, ex, format, stem + 9);
  else if (g_str_equal (stem, "requests") && get)
    handle_requests (self, ex, format, NULL);
  else if (g_str_has_prefix (stem, "requests/") && get && strchr (stem + 9, '/') == NULL)
    handle_requests (self, ex, format, stem + 9);
  else if (g_str_equal (stem, "servicerequestupdates") && get)
    handle_updates_get (self, ex, format);
  else if (g_str_equal (stem, "servicerequestupdates") && post)
    handle_updates_post (self, ex, format);
  else if (g_str_equal (stem, "requests") && post)
    ioc_sim_open311_error (ex, format, 403,
                           "This endpoint does not accept new requests; citizens use SmartAnGiang");
  else if (g_str_equal (stem, "services") || g_str_equal (stem, "requests")
           || g_str_equal (stem, "servicerequestupdates"))
    ioc_sim_open311_error (ex, format, 405, "Method not allowed");
  else
    ioc_sim_open311_error (ex, format, 404, "Unknown resource");
}
