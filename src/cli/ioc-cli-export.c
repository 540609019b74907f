/* ioc-cli-export.c — `ioc-cli export`: what the dashboard would show, for
 * scripts (issue "Live data pipeline")
 *
 * One fetch runs the pipeline's own feed client for one poll (the same
 * requests, parsers and adapter as the dashboard) and waits for
 * "poll-finished"; --offline reads the store's snapshots through the same
 * pipeline instead. Computed values are printed next to the data:
 *  - complaints: the due time (domain.md §3: the server's expected_datetime,
 *    else the field's tier on the default calendar) and the deadline state;
 *  - stations: the latest readings in their own and canonical units, the
 *    hourly VN_AQI (QĐ 1459/QĐ-TCMT; NowCast over the last 12 hourly means,
 *    fetched from the Observations history), VN_WQI when computable (QĐ
 *    1460/QĐ-TCMT), QCVN 05:2023 / 08:2023 status and the river alarm level
 *    or salinity line (domain.md §7);
 *  - TTHC: the QĐ 766 indicators per unit and for the province (domain.md §4);
 *  - kpis: resolution rate, on-time rate, overdue count, median time to
 *    resolve over every complaint the feed serves (domain.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ioc-aggregate.h"
#include "ioc-aqi.h"
#include "ioc-calendar.h"
#include "ioc-cli-commands.h"
#include "ioc-deadline.h"
#include "ioc-field.h"
#include "ioc-json-text.h"
#include "ioc-pipeline.h"
#include "ioc-qd766.h"
#include "ioc-sta-parser.h"
#include "ioc-threshold.h"
#include "ioc-unit.h"
#include "ioc-wqi.h"

#define SETTINGS_SCHEMA "vn.gov.angiang.IocDashboard"

typedef enum {
  WHAT_COMPLAINTS,
  WHAT_STATIONS,
  WHAT_TTHC,
  WHAT_KPIS,
} What;

static const char * const what_names[] = { "complaints", "stations", "tthc", "kpis" };
static const IocFeedKind what_feeds[] = {
  IOC_FEED_KIND_COMPLAINTS, IOC_FEED_KIND_ENVIRONMENT, IOC_FEED_KIND_TTHC, IOC_FEED_KIND_COMPLAINTS,
};
/* feeds.md: the default path of each protocol under a server's base URL. */
static const char * const feed_paths[] = { "open311/v2/", "sta/v1.1/", "tthc/v1/" };
static const char * const settings_keys[] = { "complaints-url", "environment-url", "tthc-url" };

/* A table: JSON objects (members in column order) or CSV rows. */
typedef struct {
  GPtrArray *columns;  /* char * */
  GPtrArray *rows;     /* JsonObject * */
} Table;

static void
table_init (Table *table)
{
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
}

static void
column (Table      *table,
        const char *name)
{
  if (!g_ptr_array_find_with_equal_func (table->columns, name, g_str_equal, NULL))
    g_ptr_array_add (table->columns, g_strdup (name));
}

static void
set_string (Table      *table,
            JsonObject *row,
            const char *name,
            const char *value)
{
  column (table, name);
  if (value == NULL)
    json_object_set_null_member (row, name);
  else
    json_object_set_string_member (row, name, value);
}

static void
set_double (Table      *table,
            JsonObject *row,
            const char *name,
            double      value)
{
  column (table, name);
  if (isnan (value))
    json_object_set_null_member (row, name);
  else
    json_object_set_double_member (row, name, value);
}

static void
set_int (Table      *table,
         JsonObject *row,
         const char *name,
         gint64      value)
{
  column (table, name);
  json_object_set_int_member (row, name, value);
}

static void
set_bool (Table      *table,
          JsonObject *row,
          const char *name,
          gboolean    value)
{
  column (table, name);
  json_object_set_boolean_member (row, name, value);
}

/* ISO 8601 with a full ±hh:mm offset: GLib's own writes `+07`, which some
 * readers (and spreadsheets) do not take. UTC stays `Z`. */
static char *
format_time (GDateTime *value)
{
  if (g_date_time_get_utc_offset (value) == 0)
    return g_date_time_format (value, "%Y-%m-%dT%H:%M:%SZ");
  return g_date_time_format (value, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
set_time (Table      *table,
          JsonObject *row,
          const char *name,
          GDateTime  *value)
{
  g_autofree char *text = value != NULL ? format_time (value) : NULL;

  set_string (table, row, name, text);
}

static void
csv_field (GString    *out,
           const char *text)
{
  /* RFC 4180: quote when the field holds a separator, quote or line break. */
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
node_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", json_node_get_double (node)));
    default:
      return g_strdup ("");
    }
}

static char *
table_to_csv (Table *table)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      csv_field (out, table->columns->pdata[c]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      JsonObject *row = table->rows->pdata[r];

      for (guint c = 0; c < table->columns->len; c++)
        {
          g_autofree char *text = node_text (json_object_get_member (row, table->columns->pdata[c]));

          if (c > 0)
            g_string_append_c (out, ',');
          csv_field (out, text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static char *
table_to_json (Table      *table,
               const char *what,
               JsonObject *meta)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonArray *items = json_array_sized_new (table->rows->len);

  for (guint r = 0; r < table->rows->len; r++)
    {
      /* Members in column order, for readers that care. */
      JsonObject *row = table->rows->pdata[r];
      JsonObject *ordered = json_object_new ();

      for (guint c = 0; c < table->columns->len; c++)
        {
          JsonNode *node = json_object_get_member (row, table->columns->pdata[c]);

          if (node != NULL)
            json_object_set_member (ordered, table->columns->pdata[c], json_node_copy (node));
        }
      json_array_add_object_element (items, ordered);
    }
  json_object_set_array_member (meta, what, items);
  json_node_take_object (root, json_object_ref (meta));
  /* Numbers as written: coordinates and values with their own digits. */
  return ioc_json_text_from_node (root, TRUE);
}

/* ---- options and URLs --------------------------------------------------- */

typedef struct {
  What        what;
  gboolean    csv;
  gboolean    offline;
  char       *base_url;
  char       *urls[IOC_N_FEED_KINDS];
  char       *store_path;
  int         timeout;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->base_url);
  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    g_free (options->urls[i]);
  g_free (options->store_path);
}

/* The dashboard's settings holding @key, or NULL when its schema (or a
 * schema with that key) is not installed: the CLI also runs without it. */
static GSettings *
dashboard_settings (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* The settings' address of a feed, when the dashboard's schema is installed. */
static char *
settings_url (IocFeedKind kind)
{
  g_autoptr(GSettings) settings = dashboard_settings (settings_keys[kind]);
  char *url;

  if (settings == NULL)
    return NULL;
  url = g_settings_get_string (settings, settings_keys[kind]);
  if (url[0] == '\0')
    g_clear_pointer (&url, g_free);
  return url;
}

/* The dashboard's `complaints-history-days`, or 0 without its schema. */
static guint
settings_history_days (void)
{
  g_autoptr(GSettings) settings = dashboard_settings ("complaints-history-days");

  return settings != NULL ? g_settings_get_uint (settings, "complaints-history-days") : 0;
}

/* Per-feed option, else --base-url plus the protocol's path, else settings. */
static char *
resolve_url (Options     *options,
             IocFeedKind  kind)
{
  if (options->urls[kind] != NULL)
    return g_strdup (options->urls[kind]);
  if (options->base_url != NULL)
    {
      const char *sep = g_str_has_suffix (options->base_url, "/") ? "" : "/";

      return g_strconcat (options->base_url, sep, feed_paths[kind], NULL);
    }
  return settings_url (kind);
}

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not an http or https address"), url);
      return FALSE;
    }
  return TRUE;
}

/* ---- running the pipeline ----------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  gboolean   done;
  gboolean   success;
  gboolean   timed_out;
} Wait;

static void
poll_finished_cb (IocFeedClient *client,
                  gboolean       success,
                  gpointer       user_data)
{
  Wait *wait = user_data;

  wait->done = TRUE;
  wait->success = success;
  g_main_loop_quit (wait->loop);
}

static void
cache_loaded_cb (IocPipeline *pipeline,
                 guint        kind,
                 gboolean     shown,
                 gpointer     user_data)
{
  Wait *wait = user_data;
  gboolean all = TRUE;

  for (guint i = 0; i < IOC_N_FEED_KINDS; i++)
    all = all && ioc_pipeline_get_cache_loaded (pipeline, i);
  if (all)
    {
      wait->done = TRUE;
      wait->success = TRUE;
      g_main_loop_quit (wait->loop);
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
run_until_done (Wait  *wait,
                int    timeout)
{
  guint id = g_timeout_add_seconds ((guint) timeout, timeout_cb, wait);

  if (!wait->done)
    g_main_loop_run (wait->loop);
  if (!wait->timed_out)
    g_source_remove (id);
  return wait->done;
}

/* One poll of @kind against @url. */
static gboolean
fetch_once (IocPipeline  *pipeline,
            IocFeedKind   kind,
            const char   *url,
            int           timeout,
            GError      **error)
{
  IocFeedClient *client = ioc_pipeline_get_client (pipeline, kind);
  Wait wait = { 0 };
  gulong handler;

  ioc_feed_fetcher_set_timeout (ioc_feed_client_get_fetcher (client), (guint) timeout);
  ioc_pipeline_set_feed (pipeline, kind, url, 0);
  /* The same history as the dashboard's, when its settings are installed. */
  if (kind == IOC_FEED_KIND_COMPLAINTS)
    {
      guint days = settings_history_days ();

      if (days > 0)
        ioc_complaints_feed_set_history_days (ioc_pipeline_get_complaints (pipeline), days);
    }
  wait.loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (client, "poll-finished", G_CALLBACK (poll_finished_cb), &wait);
  ioc_feed_client_start (client);
  run_until_done (&wait, timeout);
  ioc_feed_client_stop (client);
  g_signal_handler_disconnect (client, handler);
  g_main_loop_unref (wait.loop);

  if (wait.timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("The %s feed at %s did not answer within %d s"),
                   ioc_feed_kind_to_string (kind), url, timeout);
      return FALSE;
    }
  if (!wait.success)
    {
      const char *reason = ioc_feed_status_get_reason (ioc_pipeline_get_status (pipeline, kind));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The %s feed at %s failed: %s"),
                   ioc_feed_kind_to_string (kind), url, reason != NULL ? reason : _("unknown error"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_offline (IocPipeline  *pipeline,
              const char   *path,
              int           timeout,
              IocStore    **store_out,
              GError      **error)
{
  g_autoptr(IocStore) store = NULL;
  Wait wait = { 0 };
  gulong handler;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Opening would create an empty store: say what is missing instead. */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("There is no store at %s: run the dashboard once, or give --store"), path);
      return FALSE;
    }
  store = ioc_store_new_sync (path, NULL, error);
  if (store == NULL)
    return FALSE;
  wait.loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (pipeline, "cache-loaded", G_CALLBACK (cache_loaded_cb), &wait);
  ioc_pipeline_set_store (pipeline, store);
  run_until_done (&wait, timeout);
  g_signal_handler_disconnect (pipeline, handler);
  g_main_loop_unref (wait.loop);
  if (wait.timed_out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("Reading the store %s took longer than %d s"), path, timeout);
      return FALSE;
    }
  *store_out = g_steal_pointer (&store);
  return TRUE;
}

/* ---- complaints and KPIs ------------------------------------------------ */

typedef struct {
  IocCalendar *calendar;
} DueContext;

static IocSlaTier
complaint_tier (IocComplaint *complaint)
{
  IocField field;

  /* domain.md §3: the deadline tier is configured per field; an emergency
   * priority is always the emergency tier. */
  if (ioc_complaint_get_priority (complaint) == IOC_PRIORITY_KHAN_CAP)
    return IOC_SLA_TIER_KHAN_CAP;
  if (ioc_complaint_get_service_code (complaint) != NULL &&
      ioc_field_from_code (ioc_complaint_get_service_code (complaint), &field))
    return ioc_field_info (field)->sla_tier;
  return IOC_SLA_TIER_THONG_THUONG;
}

static IocDeadline *
complaint_deadline (IocComplaint *complaint,
                    IocCalendar  *calendar)
{
  GDateTime *received = ioc_complaint_get_requested_datetime (complaint);

  if (received == NULL)
    return NULL;
  return ioc_deadline_compute (calendar, received, complaint_tier (complaint),
                               ioc_complaint_get_expected_datetime (complaint));
}

/* IocDueTimeFunc for ioc-aggregate: the calendar's due time. */
static GDateTime *
due_time_cb (IocComplaint *complaint,
             gpointer      user_data)
{
  DueContext *ctx = user_data;
  g_autoptr(IocDeadline) deadline = complaint_deadline (complaint, ctx->calendar);

  return deadline != NULL ? g_date_time_ref (deadline->due) : NULL;
}

static const char *
deadline_state_name (IocDeadlineState state)
{
  switch (state)
    {
    case IOC_DEADLINE_STATE_CLOSED: return "closed";
    case IOC_DEADLINE_STATE_ON_TRACK: return "on_track";
    case IOC_DEADLINE_STATE_DUE_SOON: return "due_soon";
    case IOC_DEADLINE_STATE_OVERDUE: return "overdue";
    default: return NULL;
    }
}

static void
export_complaints (GPtrArray   *complaints,
                   IocCalendar *calendar,
                   GDateTime   *now,
                   Table       *table)
{
  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = complaints->pdata[i];
      g_autoptr(IocDeadline) deadline = complaint_deadline (c, calendar);
      JsonObject *row = json_object_new ();
      gboolean open = ioc_complaint_is_open (c);

      set_string (table, row, "service_request_id", ioc_complaint_get_service_request_id (c));
      set_string (table, row, "status", ioc_complaint_status_to_string (ioc_complaint_get_status (c)));
      set_string (table, row, "service_code", ioc_complaint_get_service_code (c));
      set_string (table, row, "service_name", ioc_complaint_get_service_name (c));
      set_string (table, row, "priority", ioc_priority_to_string (ioc_complaint_get_priority (c)));
      set_string (table, row, "commune_code", ioc_complaint_get_commune_code (c));
      set_string (table, row, "agency_responsible", ioc_complaint_get_agency_responsible (c));
      set_string (table, row, "address", ioc_complaint_get_address (c));
      if (ioc_complaint_get_has_location (c))
        {
          set_double (table, row, "lat", ioc_complaint_get_lat (c));
          set_double (table, row, "long", ioc_complaint_get_long (c));
        }
      else
        {
          set_double (table, row, "lat", NAN);
          set_double (table, row, "long", NAN);
        }
      set_time (table, row, "requested_datetime", ioc_complaint_get_requested_datetime (c));
      set_time (table, row, "updated_datetime", ioc_complaint_get_updated_datetime (c));
      set_time (table, row, "resolved_datetime", ioc_complaint_get_resolved_datetime (c));
      set_string (table, row, "sla_tier", ioc_sla_tier_to_string (complaint_tier (c)));
      set_time (table, row, "due", deadline != NULL ? deadline->due : NULL);
      set_string (table, row, "due_source",
                  deadline == NULL ? NULL
                  : deadline->source == IOC_DEADLINE_SOURCE_SERVER ? "server" : "calendar");
      set_string (table, row, "deadline_state",
                  deadline != NULL ? deadline_state_name (ioc_deadline_get_state (deadline, open, now)) : NULL);
      set_bool (table, row, "overdue", deadline != NULL && ioc_deadline_is_overdue (deadline, open, now));
      g_ptr_array_add (table->rows, row);
    }
}

static void
set_rate (Table         *table,
          JsonObject    *row,
          const IocRate *rate)
{
  set_int (table, row, "numerator", (gint64) rate->numerator);
  set_int (table, row, "denominator", (gint64) rate->denominator);
  set_double (table, row, "value", rate->defined ? rate->value : NAN);
}

static JsonObject *
kpi_row (Table      *table,
         const char *kpi,
         const char *label)
{
  JsonObject *row = json_object_new ();

  set_string (table, row, "kpi", kpi);
  set_string (table, row, "label", label);
  return row;
}

/* domain.md §3: resolution rate = resolved / received; on-time rate (QĐ 766
 * group 5) = handled by the due time / handled; overdue = open and past due. */
static void
export_kpis (GPtrArray   *complaints,
             IocCalendar *calendar,
             GDateTime   *now,
             Table       *table)
{
  DueContext ctx = { calendar };
  IocRate rate;
  GTimeSpan median;
  JsonObject *row;

  ioc_aggregate_resolution_rate (complaints, NULL, NULL, &rate);
  row = kpi_row (table, "resolution_rate", _("Resolution rate"));
  set_rate (table, row, &rate);
  g_ptr_array_add (table->rows, row);

  ioc_aggregate_on_time_rate (complaints, NULL, NULL, due_time_cb, &ctx, &rate);
  row = kpi_row (table, "on_time_rate", _("On-time rate"));
  set_rate (table, row, &rate);
  g_ptr_array_add (table->rows, row);

  row = kpi_row (table, "overdue", _("Overdue complaints"));
  set_int (table, row, "numerator", ioc_aggregate_count_overdue (complaints, now, due_time_cb, &ctx));
  set_int (table, row, "denominator", complaints->len);
  set_double (table, row, "value",
              (double) ioc_aggregate_count_overdue (complaints, now, due_time_cb, &ctx));
  g_ptr_array_add (table->rows, row);

  row = kpi_row (table, "median_time_to_resolve_hours", _("Median time to resolve (hours)"));
  set_int (table, row, "numerator", 0);
  set_int (table, row, "denominator", complaints->len);
  set_double (table, row, "value",
              ioc_aggregate_median_time_to_resolve (complaints, NULL, NULL, &median)
              ? (double) median / G_TIME_SPAN_HOUR : NAN);
  g_ptr_array_add (table->rows, row);
}

/* ---- stations ----------------------------------------------------------- */

/* Observations of one datastream over the last 12 hours, canonical units. */
typedef struct {
  GMainLoop *loop;
  GPtrArray *observations;  /* IocObservation */
  GError    *error;
} History;

static void
history_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  History *history = user_data;
  g_autoptr(IocFeedResponse) response = NULL;

  response = ioc_feed_fetcher_get_finish (IOC_FEED_FETCHER (source), result, &history->error);
  if (response != NULL && response->status == 200 && response->body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (response->body, &length);
      g_autoptr(IocStaResult) parsed = ioc_sta_parse (IOC_STA_ENTITY_OBSERVATIONS, data != NULL ? data : "",
                                                      length, response->url, NULL, &history->error);

      if (parsed != NULL)
        history->observations = g_ptr_array_ref (parsed->observations);
    }
  else if (response != NULL)
    history->error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("HTTP status %u"), response->status);
  g_main_loop_quit (history->loop);
}

static GPtrArray *
fetch_history (IocFeedFetcher *fetcher,
               const char     *base_url,
               IocDatastream  *ds,
               GError        **error)
{
  const IocObservation *latest = ioc_datastream_get_latest (ds);
  g_autoptr(GDateTime) latest_time = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *query = NULL;
  g_autofree char *escaped_id = NULL;
  g_autofree char *url = NULL;
  History history = { 0 };

  if (latest == NULL)
    return NULL;
  latest_time = ioc_observation_get_time (latest);
  since = g_date_time_add_hours (latest_time, -(IOC_AQI_NOWCAST_HOURS));
  since_text = g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");
  query = g_strdup_printf ("$filter=phenomenonTime gt %s&$orderby=phenomenonTime asc&$top=1000", since_text);
  escaped_id = g_uri_escape_string (ioc_datastream_get_id (ds), NULL, FALSE);
  {
    g_autofree char *escaped_query = g_uri_escape_string (query, "=&$", FALSE);

    url = g_strdup_printf ("%s%sDatastreams(%s)/Observations?%s", base_url,
                           g_str_has_suffix (base_url, "/") ? "" : "/",
                           escaped_id, escaped_query);
  }
  history.loop = g_main_loop_new (NULL, FALSE);
  ioc_feed_fetcher_get_async (fetcher, url, NULL, NULL, NULL, history_cb, &history);
  g_main_loop_run (history.loop);
  g_main_loop_unref (history.loop);
  if (history.error != NULL)
    {
      g_propagate_error (error, history.error);
      return NULL;
    }
  return history.observations;
}

/* Hourly means: c[0] the hour of the latest observation, c[i] i hours before. */
static void
hourly_means (GPtrArray     *observations,
              IocDatastream *ds,
              double         means[IOC_AQI_NOWCAST_HOURS])
{
  const IocObservation *latest = ioc_datastream_get_latest (ds);
  double sums[IOC_AQI_NOWCAST_HOURS] = { 0 };
  guint counts[IOC_AQI_NOWCAST_HOURS] = { 0 };
  gint64 hour_usec = G_TIME_SPAN_HOUR;
  gint64 top;

  for (guint i = 0; i < IOC_AQI_NOWCAST_HOURS; i++)
    means[i] = NAN;
  if (latest == NULL)
    return;
  top = latest->phenomenon_time - (latest->phenomenon_time % hour_usec);
  for (guint i = 0; observations != NULL && i < observations->len; i++)
    {
      const IocObservation *o = observations->pdata[i];
      gint64 bucket;
      double value;

      if (!o->has_result || o->phenomenon_time > latest->phenomenon_time)
        continue;
      bucket = (top - (o->phenomenon_time - (o->phenomenon_time % hour_usec))) / hour_usec;
      if (bucket < 0 || bucket >= IOC_AQI_NOWCAST_HOURS)
        continue;
      if (!ioc_unit_to_canonical (ioc_datastream_get_parameter (ds), o->result,
                                  ioc_datastream_get_unit_symbol (ds), &value, NULL))
        continue;
      sums[bucket] += value;
      counts[bucket]++;
    }
  for (guint i = 0; i < IOC_AQI_NOWCAST_HOURS; i++)
    if (counts[i] > 0)
      means[i] = sums[i] / counts[i];
}

static const char *
river_class_worst (IocRiverClass worst)
{
  return worst == IOC_RIVER_CLASS_NONE ? NULL : ioc_river_class_to_string (worst);
}

static void
export_stations (GPtrArray      *stations,
                 IocFeedFetcher *fetcher,
                 const char     *base_url,
                 Table          *table)
{
  for (guint s = 0; s < stations->len; s++)
    {
      IocStation *station = stations->pdata[s];
      GListModel *datastreams = ioc_station_get_datastreams (station);
      JsonObject *row = json_object_new ();
      IocAqiHourlyInput aqi_input;
      IocWqiInput wqi_input;
      g_autoptr(IocAqiResult) aqi = NULL;
      g_autoptr(IocWqiResult) wqi = NULL;
      g_autoptr(GString) exceeded = g_string_new (NULL);
      g_autoptr(GString) history_errors = g_string_new (NULL);
      IocRiverClass worst = IOC_RIVER_CLASS_NONE;
      double water_level = NAN, salinity = NAN;
      GDateTime *latest_time = NULL;
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      ioc_aqi_hourly_input_init (&aqi_input);
      ioc_wqi_input_init (&wqi_input);

      set_string (table, row, "station_id", ioc_station_get_id (station));
      set_string (table, row, "name", ioc_station_get_name (station));
      set_string (table, row, "kind", ioc_station_kind_to_string (ioc_station_get_kind (station)));
      set_string (table, row, "commune_code", ioc_station_get_commune_code (station));
      set_double (table, row, "lat", ioc_station_get_has_location (station) ? ioc_station_get_lat (station) : NAN);
      set_double (table, row, "long", ioc_station_get_has_location (station) ? ioc_station_get_long (station) : NAN);

      for (guint d = 0; d < g_list_model_get_n_items (datastreams); d++)
        {
          g_autoptr(IocDatastream) ds = g_list_model_get_item (datastreams, d);
          const IocObservation *latest = ioc_datastream_get_latest (ds);
          IocParameter parameter = ioc_datastream_get_parameter (ds);
          const char *name = ioc_parameter_to_string (parameter);
          g_autofree char *value_column = NULL;
          g_autofree char *unit_column = NULL;
          IocAqiPollutant pollutant;
          IocLimitCheck check;
          double value;

          if (name == NULL || latest == NULL || !latest->has_result)
            continue;
          /* Indices are computed in canonical units only (feeds.md §2). */
          if (!ioc_unit_to_canonical (parameter, latest->result, ioc_datastream_get_unit_symbol (ds), &value, NULL))
            continue;
          {
            g_autoptr(GDateTime) t = ioc_observation_get_time (latest);

            if (latest_time == NULL || g_date_time_compare (t, latest_time) > 0)
              {
                g_clear_pointer (&latest_time, g_date_time_unref);
                latest_time = g_date_time_ref (t);
              }
          }
          value_column = g_strdup_printf ("%s", name);
          unit_column = g_strdup_printf ("%s unit", name);
          set_double (table, row, value_column, value);
          set_string (table, row, unit_column, ioc_parameter_unit (parameter));

          pollutant = ioc_aqi_pollutant_from_parameter (parameter);
          if (pollutant == IOC_AQI_PM25 || pollutant == IOC_AQI_PM10)
            {
              double *target = pollutant == IOC_AQI_PM25 ? aqi_input.pm25 : aqi_input.pm10;
              g_autoptr(GError) error = NULL;
              g_autoptr(GPtrArray) history = NULL;

              if (fetcher != NULL)
                history = fetch_history (fetcher, base_url, ds, &error);
              if (error != NULL)
                g_string_append_printf (history_errors, "%s%s: %s", history_errors->len > 0 ? "; " : "",
                                        name, error->message);
              if (history != NULL)
                hourly_means (history, ds, target);
              else
                target[0] = value;  /* offline: the latest value only */
            }
          else if (pollutant == IOC_AQI_O3)
            aqi_input.o3_1h = value;
          else if (pollutant == IOC_AQI_CO)
            aqi_input.co_1h = value;
          else if (pollutant == IOC_AQI_NO2)
            aqi_input.no2_1h = value;
          else if (pollutant == IOC_AQI_SO2)
            aqi_input.so2_1h = value;

          wqi_input.values[parameter] = value;

          /* QCVN 05:2023 (air, 1-hour limits) and QCVN 08:2023 (water). */
          if (ioc_threshold_air_check (parameter, IOC_AVERAGING_1H, value, &today, &check) && check.exceeded)
            g_string_append_printf (exceeded, "%s%s", exceeded->len > 0 ? " " : "", name);
          else if (ioc_threshold_health_check (parameter, value, &check) && check.exceeded)
            g_string_append_printf (exceeded, "%s%s", exceeded->len > 0 ? " " : "", name);
          {
            IocRiverClass rc = ioc_threshold_river_class (parameter, value);

            if (rc != IOC_RIVER_CLASS_NONE && (worst == IOC_RIVER_CLASS_NONE || rc > worst))
              worst = rc;
          }
          if (parameter == IOC_PARAMETER_WATER_LEVEL)
            water_level = value;
          if (parameter == IOC_PARAMETER_SALINITY)
            salinity = value;
        }

      set_time (table, row, "latest_time", latest_time);
      g_clear_pointer (&latest_time, g_date_time_unref);

      aqi = ioc_aqi_hourly (&aqi_input);
      set_double (table, row, "aqi_hourly", aqi->aqi == IOC_AQI_NONE ? NAN : aqi->aqi);
      set_string (table, row, "aqi_band", aqi->aqi == IOC_AQI_NONE ? NULL : ioc_aqi_band_to_string (aqi->band));
      set_string (table, row, "aqi_reason", ioc_station_get_kind (station) == IOC_STATION_KIND_AIR ? aqi->reason : NULL);
      set_string (table, row, "aqi_history_error", history_errors->len > 0 ? history_errors->str : NULL);

      wqi = ioc_wqi_compute (&wqi_input);
      set_double (table, row, "wqi", wqi->wqi == IOC_WQI_NONE ? NAN : wqi->wqi);
      set_string (table, row, "wqi_band", wqi->wqi == IOC_WQI_NONE ? NULL : ioc_wqi_band_to_string (wqi->band));
      set_string (table, row, "wqi_reason",
                  ioc_station_get_kind (station) == IOC_STATION_KIND_WATER ? wqi->reason : NULL);

      set_string (table, row, "qcvn_exceeded", exceeded->len > 0 ? exceeded->str : NULL);
      set_string (table, row, "qcvn08_class", river_class_worst (worst));
      if (!isnan (water_level) && ioc_station_get_has_alarm_levels (station))
        set_int (table, row, "alarm_level", ioc_station_alarm_level_for (station, water_level));
      else
        set_string (table, row, "alarm_level", NULL);
      set_string (table, row, "salinity_level",
                  !isnan (salinity) ? ioc_salinity_level_to_string (ioc_threshold_salinity_level (salinity)) : NULL);
      g_ptr_array_add (table->rows, row);
    }
}

/* ---- TTHC --------------------------------------------------------------- */

static void
qd766_columns (Table              *table,
               JsonObject         *row,
               const IocTthcStats *stats)
{
  for (guint i = 0; i < IOC_QD766_N_INDICATORS; i++)
    {
      IocQd766Result result;
      g_autofree char *rate_column = g_strdup_printf ("qd766_%s_rate", ioc_qd766_indicator_id (i));
      g_autofree char *points_column = g_strdup_printf ("qd766_%s_points", ioc_qd766_indicator_id (i));

      ioc_qd766_compute (i, stats, &result);
      set_double (table, row, rate_column, result.has_rate ? result.rate : NAN);
      set_double (table, row, points_column, result.has_points ? result.points : NAN);
    }
}

static void
export_tthc (IocTthcFeed *feed,
             Table       *table)
{
  GListModel *units = G_LIST_MODEL (ioc_tthc_feed_get_units (feed));
  GPtrArray *stats = ioc_tthc_feed_get_stats (feed);
  g_autoptr(IocTthcStats) total = ioc_tthc_stats_new (NULL);
  JsonObject *row;

  for (guint i = 0; i < stats->len; i++)
    {
      const IocTthcStats *s = stats->pdata[i];
      g_autoptr(IocTthcUnit) unit = NULL;

      for (guint u = 0; u < g_list_model_get_n_items (units) && unit == NULL; u++)
        {
          IocTthcUnit *candidate = g_list_model_get_item (units, u);

          if (g_strcmp0 (ioc_tthc_unit_get_unit_id (candidate), s->unit_id) == 0)
            unit = candidate;
          else
            g_object_unref (candidate);
        }
      row = json_object_new ();
      set_string (table, row, "unit_id", s->unit_id);
      set_string (table, row, "name", unit != NULL ? ioc_tthc_unit_get_name (unit) : NULL);
      set_string (table, row, "kind", unit != NULL ? ioc_tthc_unit_kind_to_string (ioc_tthc_unit_get_kind (unit)) : NULL);
      set_int (table, row, "received", (gint64) s->received);
      set_int (table, row, "finished", (gint64) ioc_tthc_stats_finished (s));
      set_int (table, row, "unfinished_overdue", (gint64) s->unfinished_overdue);
      qd766_columns (table, row, s);
      g_ptr_array_add (table->rows, row);
      ioc_tthc_stats_add (total, s);
    }

  /* The province: counts added first, rates recomputed (domain.md §1). */
  row = json_object_new ();
  set_string (table, row, "unit_id", NULL);
  set_string (table, row, "name", _("Province total"));
  set_string (table, row, "kind", "tinh");
  set_int (table, row, "received", (gint64) total->received);
  set_int (table, row, "finished", (gint64) ioc_tthc_stats_finished (total));
  set_int (table, row, "unfinished_overdue", (gint64) total->unfinished_overdue);
  qd766_columns (table, row, total);
  g_ptr_array_add (table->rows, row);
}

/* ---- main --------------------------------------------------------------- */

static gboolean
parse_options (int       argc,
               char    **argv,
               Options  *options,
               GError  **error)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: json (default) or csv"), "FORMAT" },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &options->offline,
      N_("Read the store's last snapshots instead of the network"), NULL },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &options->base_url,
      N_("Server serving all three feeds under open311/v2/, sta/v1.1/ and tthc/v1/"), "URL" },
    { "complaints-url", 0, 0, G_OPTION_ARG_STRING, &options->urls[IOC_FEED_KIND_COMPLAINTS],
      N_("Open311 endpoint of the complaints feed"), "URL" },
    { "environment-url", 0, 0, G_OPTION_ARG_STRING, &options->urls[IOC_FEED_KIND_ENVIRONMENT],
      N_("SensorThings root of the environment feed"), "URL" },
    { "tthc-url", 0, 0, G_OPTION_ARG_STRING, &options->urls[IOC_FEED_KIND_TTHC],
      N_("Endpoint of the TTHC statistics feed"), "URL" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &options->store_path,
      N_("The local store to read with --offline (default: the dashboard's)"), "PATH" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      N_("Seconds to wait for a feed (default 60)"), "SECONDS" },
    { NULL }
  };
  guint i;

  options->timeout = 60;
  context = g_option_context_new (_("complaints|stations|tthc|kpis — print what the dashboard shows"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup (_("Fetches once from the configured feeds (or, with --offline, reads the "
                        "store) and prints the data with the values the dashboard computes. "
                        "The feeds are taken from the options, else from the dashboard's settings."));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;

  if (argc != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   argc < 2 ? _("Say what to export: complaints, stations, tthc or kpis")
                            : _("Export one thing at a time: complaints, stations, tthc or kpis"));
      return FALSE;
    }
  for (i = 0; i < G_N_ELEMENTS (what_names); i++)
    if (g_str_equal (argv[1], what_names[i]))
      break;
  if (i == G_N_ELEMENTS (what_names))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Cannot export “%s”: choose complaints, stations, tthc or kpis"), argv[1]);
      return FALSE;
    }
  options->what = i;

  if (format == NULL || g_str_equal (format, "json"))
    options->csv = FALSE;
  else if (g_str_equal (format, "csv"))
    options->csv = TRUE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--format: “%s” is neither json nor csv"), format);
      return FALSE;
    }
  if (options->timeout <= 0 || options->timeout > 3600)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--timeout must be between 1 and 3600 seconds"));
      return FALSE;
    }
  if (options->base_url != NULL && !check_url (options->base_url, error))
    return FALSE;
  for (guint k = 0; k < IOC_N_FEED_KINDS; k++)
    if (options->urls[k] != NULL && !check_url (options->urls[k], error))
      return FALSE;
  return TRUE;
}

static GPtrArray *
model_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/**
 * ioc_cli_export:
 *
 * `ioc-cli export complaints|stations|tthc|kpis` (issue "Live data
 * pipeline"): exit 0 with the table on stdout; 1 when a feed or the store
 * fails; 2 for bad options.
 */
int
ioc_cli_export (int    argc,
                char **argv)
{
  Options options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocCalendar) calendar = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) meta = json_object_new ();
  g_autofree char *url = NULL;
  g_autofree char *output = NULL;
  IocFeedKind kind;
  IocFeedStatus *status;
  Table table;
  int rc = 0;

  if (!parse_options (argc, argv, &options, &error))
    {
      g_printerr ("ioc-cli export: %s\n", error->message);
      options_clear (&options);
      return 2;
    }
  kind = what_feeds[options.what];
  pipeline = ioc_pipeline_new (NULL);

  if (options.offline)
    {
      g_autofree char *path = options.store_path != NULL ? g_strdup (options.store_path) : ioc_store_default_path ();

      if (!load_offline (pipeline, path, options.timeout, &store, &error))
        {
          g_printerr ("ioc-cli export: %s\n", error->message);
          options_clear (&options);
          return 1;
        }
      if (ioc_feed_status_get_state (ioc_pipeline_get_status (pipeline, kind)) != IOC_FEED_STATE_OFFLINE)
        {
          g_printerr ("ioc-cli export: %s\n", _("The store holds no snapshot of this feed yet"));
          options_clear (&options);
          return 1;
        }
    }
  else
    {
      url = resolve_url (&options, kind);
      if (url == NULL)
        {
          g_printerr (_("ioc-cli export: no address for the %s feed: give --base-url or --%s-url, "
                        "or set it in the dashboard's preferences\n"),
                      ioc_feed_kind_to_string (kind), ioc_feed_kind_to_string (kind));
          options_clear (&options);
          return 2;
        }
      if (!fetch_once (pipeline, kind, url, options.timeout, &error))
        {
          g_printerr ("ioc-cli export: %s\n", error->message);
          options_clear (&options);
          return 1;
        }
    }

  status = ioc_pipeline_get_status (pipeline, kind);
  json_object_set_string_member (meta, "feed", ioc_feed_kind_to_string (kind));
  json_object_set_string_member (meta, "state", options.offline ? "offline" : "live");
  if (ioc_feed_status_get_last_success (status) != NULL)
    {
      g_autofree char *text = format_time (ioc_feed_status_get_last_success (status));

      json_object_set_string_member (meta, options.offline ? "cached_at" : "fetched_at", text);
    }
  if (url != NULL)
    json_object_set_string_member (meta, "url", url);
  {
    g_autofree char *now_text = format_time (now);

    json_object_set_string_member (meta, "generated_at", now_text);
  }

  table_init (&table);
  calendar = ioc_calendar_new_default ();
  switch (options.what)
    {
    case WHAT_COMPLAINTS:
    case WHAT_KPIS:
      {
        g_autoptr(GPtrArray) complaints =
          model_items (G_LIST_MODEL (ioc_complaints_feed_get_model (ioc_pipeline_get_complaints (pipeline))));

        if (options.what == WHAT_COMPLAINTS)
          export_complaints (complaints, calendar, now, &table);
        else
          export_kpis (complaints, calendar, now, &table);
      }
      break;
    case WHAT_STATIONS:
      {
        g_autoptr(GPtrArray) stations =
          model_items (G_LIST_MODEL (ioc_environment_feed_get_model (ioc_pipeline_get_environment (pipeline))));
        IocFeedClient *client = ioc_pipeline_get_client (pipeline, IOC_FEED_KIND_ENVIRONMENT);

        export_stations (stations, options.offline ? NULL : ioc_feed_client_get_fetcher (client), url, &table);
      }
      break;
    case WHAT_TTHC:
      export_tthc (ioc_pipeline_get_tthc (pipeline), &table);
      break;
    default:
      g_assert_not_reached ();
    }

  output = options.csv ? table_to_csv (&table) : table_to_json (&table, what_names[options.what], meta);
  fputs (output, stdout);
  if (!options.csv)
    fputc ('\n', stdout);
  if (fflush (stdout) != 0)
    rc = 1;
  table_clear (&table);
  options_clear (&options);
  return rc;
}
