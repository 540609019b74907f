/* ioc-snapshot-codec.c — feed models as snapshot bytes and back
 *
 * The writer is a plain GString appender rather than a JsonBuilder tree:
 * 100 000 complaints are written in one pass without a node per value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ioc-complaint.h"
#include "ioc-date-time.h"
#include "ioc-feed-error.h"
#include "ioc-open311-parser.h"
#include "ioc-snapshot-codec.h"
#include "ioc-station.h"
#include "ioc-sta-parser.h"


/* ---- writing ------------------------------------------------------------ */

static void
put_string (GString    *out,
            const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* ,"member": — @first tracks the comma. */
static void
put_member (GString    *out,
            gboolean   *first,
            const char *member)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  put_string (out, member);
  g_string_append_c (out, ':');
}

static void
put_string_member (GString    *out,
                   gboolean   *first,
                   const char *member,
                   const char *value)
{
  if (value == NULL)
    return;
  put_member (out, first, member);
  put_string (out, value);
}

/* Shortest text that reads back as the same double. */
static void
put_double (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

/* ISO 8601 with microseconds and the original offset: the instant and the
 * zone the server chose both survive. */
static void
put_datetime_member (GString    *out,
                     gboolean   *first,
                     const char *member,
                     GDateTime  *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  text = g_date_time_format (value, "%Y-%m-%dT%H:%M:%S.%f%:z");
  put_string_member (out, first, member, text);
}

static void
put_usec_time (GString *out,
               gint64   usec)
{
  g_autoptr(GDateTime) dt = ioc_date_time_new_from_usec (usec);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%fZ");

  put_string (out, text);
}

static GBytes *
finish (GString *out)
{
  return g_string_free_to_bytes (out);
}

/* ---- complaints --------------------------------------------------------- */

static void
put_complaint (GString      *out,
               IocComplaint *c)
{
  gboolean first = TRUE;
  GPtrArray *notes = ioc_complaint_get_notes (c);
  const char * const *media = ioc_complaint_get_media_urls (c);
  const char *channel = ioc_complaint_channel_to_string (ioc_complaint_get_channel (c));

  g_string_append_c (out, '{');
  put_string_member (out, &first, "service_request_id", ioc_complaint_get_service_request_id (c));
  put_string_member (out, &first, "status", ioc_complaint_get_open (c) ? "open" : "closed");
  put_string_member (out, &first, "status_notes", ioc_complaint_get_status_notes (c));
  put_string_member (out, &first, "service_name", ioc_complaint_get_service_name (c));
  put_string_member (out, &first, "service_code", ioc_complaint_get_service_code (c));
  put_string_member (out, &first, "description", ioc_complaint_get_description (c));
  put_string_member (out, &first, "agency_responsible", ioc_complaint_get_agency_responsible (c));
  put_string_member (out, &first, "service_notice", ioc_complaint_get_service_notice (c));
  put_datetime_member (out, &first, "requested_datetime", ioc_complaint_get_requested_datetime (c));
  put_datetime_member (out, &first, "updated_datetime", ioc_complaint_get_updated_datetime (c));
  put_datetime_member (out, &first, "expected_datetime", ioc_complaint_get_expected_datetime (c));
  put_string_member (out, &first, "address", ioc_complaint_get_address (c));
  put_string_member (out, &first, "address_id", ioc_complaint_get_address_id (c));
  put_string_member (out, &first, "zipcode", ioc_complaint_get_zipcode (c));
  if (ioc_complaint_get_has_location (c))
    {
      put_member (out, &first, "lat");
      put_double (out, ioc_complaint_get_lat (c));
      put_member (out, &first, "long");
      put_double (out, ioc_complaint_get_long (c));
    }
  put_string_member (out, &first, "media_url", ioc_complaint_get_media_url (c));

  /* Extensions (feeds.md §1). */
  if (ioc_complaint_get_has_extended_status (c))
    put_string_member (out, &first, "extended_status",
                       ioc_complaint_status_to_string (ioc_complaint_get_extended_status (c)));
  put_string_member (out, &first, "priority", ioc_priority_to_string (ioc_complaint_get_priority (c)));
  put_string_member (out, &first, "commune_code", ioc_complaint_get_commune_code (c));
  put_string_member (out, &first, "claimed_by", ioc_complaint_get_claimed_by (c));
  put_string_member (out, &first, "duplicate_of", ioc_complaint_get_duplicate_of (c));
  put_string_member (out, &first, "channel", channel);
  if (media != NULL)
    {
      put_member (out, &first, "media_urls");
      g_string_append_c (out, '[');
      for (guint i = 0; media[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          put_string (out, media[i]);
        }
      g_string_append_c (out, ']');
    }
  if (notes->len > 0)
    {
      put_member (out, &first, "notes");
      g_string_append_c (out, '[');
      for (guint i = 0; i < notes->len; i++)
        {
          const IocComplaintNote *note = notes->pdata[i];
          gboolean note_first = TRUE;

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          put_datetime_member (out, &note_first, "datetime", note->datetime);
          put_string_member (out, &note_first, "description", note->description);
          put_string_member (out, &note_first, "type", note->type);
          put_string_member (out, &note_first, "author", note->author);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}

/**
 * ioc_snapshot_codec_encode_complaints:
 *
 * feeds.md §1: the complaints as `requests.json?extensions=true` would
 * serve them. Reads @complaints only: call it on copies from a worker.
 */
GBytes *
ioc_snapshot_codec_encode_complaints (GPtrArray *complaints)
{
  GString *out;

  g_return_val_if_fail (complaints != NULL, NULL);

  out = g_string_sized_new (256 + complaints->len * 700);
  g_string_append_c (out, '[');
  for (guint i = 0; i < complaints->len; i++)
    {
      if (i > 0)
        g_string_append (out, ",\n");
      put_complaint (out, complaints->pdata[i]);
    }
  g_string_append (out, "]\n");
  return finish (out);
}

/**
 * ioc_snapshot_codec_decode_complaints:
 *
 * Reads a complaints snapshot with the Open311 parser (feeds.md §1). A
 * skipped record fails the whole snapshot: the cache was written by us, so
 * a bad record means a damaged file, not a sloppy server.
 */
GPtrArray *
ioc_snapshot_codec_decode_complaints (GBytes          *bytes,
                                      IocFeedAdapter  *adapter,
                                      GError         **error)
{
  g_autoptr(IocOpen311Result) result = NULL;
  g_autoptr(IocFeedAdapter) own_adapter = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (adapter == NULL)
    adapter = own_adapter = ioc_feed_adapter_new ();
  data = g_bytes_get_data (bytes, &length);
  result = ioc_open311_parse_requests (data != NULL ? data : "", length, adapter, error);
  if (result == NULL)
    return NULL;
  if (result->skipped->len > 0)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                   _("The cached complaints are damaged: %s"),
                   (const char *) result->skipped->pdata[0]);
      return NULL;
    }
  return g_ptr_array_ref (result->requests);
}

/* ---- stations ----------------------------------------------------------- */

static void
put_datastream (GString       *out,
                IocDatastream *ds)
{
  gboolean first = TRUE;
  const IocObservation *latest = ioc_datastream_get_latest (ds);
  IocParameter parameter = ioc_datastream_get_parameter (ds);
  const char *observed = ioc_datastream_get_observed_property (ds);

  g_string_append_c (out, '{');
  put_string_member (out, &first, "@iot.id", ioc_datastream_get_id (ds));
  put_string_member (out, &first, "name", ioc_datastream_get_name (ds));
  if (ioc_datastream_get_unit_symbol (ds) != NULL)
    {
      gboolean uom_first = TRUE;

      put_member (out, &first, "unitOfMeasurement");
      g_string_append_c (out, '{');
      put_string_member (out, &uom_first, "symbol", ioc_datastream_get_unit_symbol (ds));
      g_string_append_c (out, '}');
    }
  /* Without the feed's own name, a plain reader maps the datastream by its
   * name; the ioc_parameter addition below pins it for our reader. */
  if (observed != NULL)
    {
      gboolean op_first = TRUE;

      put_member (out, &first, "ObservedProperty");
      g_string_append_c (out, '{');
      put_string_member (out, &op_first, "name", observed);
      g_string_append_c (out, '}');
    }
  if (parameter != IOC_PARAMETER_UNKNOWN)
    {
      gboolean p_first = TRUE;

      put_member (out, &first, "properties");
      g_string_append_c (out, '{');
      put_string_member (out, &p_first, "ioc_parameter", ioc_parameter_to_string (parameter));
      g_string_append_c (out, '}');
    }
  if (latest != NULL)
    {
      put_member (out, &first, "Observations");
      g_string_append (out, "[{\"phenomenonTime\":");
      put_usec_time (out, latest->phenomenon_time);
      g_string_append (out, ",\"result\":");
      if (latest->has_result)
        put_double (out, latest->result);
      else
        g_string_append (out, "null");
      g_string_append (out, "}]");
    }
  g_string_append_c (out, '}');
}

static void
put_station (GString    *out,
             IocStation *station)
{
  gboolean first = TRUE;
  gboolean props_first = TRUE;
  GListModel *datastreams = ioc_station_get_datastreams (station);
  const char *kind = ioc_station_kind_to_string (ioc_station_get_kind (station));
  double levels[3];

  g_string_append_c (out, '{');
  put_string_member (out, &first, "@iot.id", ioc_station_get_id (station));
  put_string_member (out, &first, "name", ioc_station_get_name (station));
  put_string_member (out, &first, "description", ioc_station_get_description (station));

  put_member (out, &first, "properties");
  g_string_append_c (out, '{');
  put_string_member (out, &props_first, "station_kind", kind);
  put_string_member (out, &props_first, "commune_code", ioc_station_get_commune_code (station));
  if (ioc_station_get_alarm_levels (station, levels))
    {
      put_member (out, &props_first, "alarm_levels");
      g_string_append (out, "{\"bd1\":");
      put_double (out, levels[0]);
      g_string_append (out, ",\"bd2\":");
      put_double (out, levels[1]);
      g_string_append (out, ",\"bd3\":");
      put_double (out, levels[2]);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');

  if (ioc_station_get_has_location (station))
    {
      gboolean loc_first = TRUE;

      put_member (out, &first, "Locations");
      g_string_append_c (out, '[');
      g_string_append_c (out, '{');
      put_string_member (out, &loc_first, "name", ioc_station_get_location_name (station));
      put_member (out, &loc_first, "location");
      g_string_append (out, "{\"type\":\"Point\",\"coordinates\":[");
      put_double (out, ioc_station_get_long (station));
      g_string_append_c (out, ',');
      put_double (out, ioc_station_get_lat (station));
      g_string_append (out, "]}}]");
    }

  put_member (out, &first, "Datastreams");
  g_string_append_c (out, '[');
  for (guint i = 0; i < g_list_model_get_n_items (datastreams); i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (datastreams, i);

      if (i > 0)
        g_string_append_c (out, ',');
      put_datastream (out, ds);
    }
  g_string_append (out, "]}");
}

/**
 * ioc_snapshot_codec_encode_stations:
 *
 * feeds.md §2: the stations as an expanded SensorThings Things answer.
 * Main thread only (it reads IocStation objects).
 */
GBytes *
ioc_snapshot_codec_encode_stations (GPtrArray *stations)
{
  GString *out;

  g_return_val_if_fail (stations != NULL, NULL);

  out = g_string_new ("{\"value\":[");
  for (guint i = 0; i < stations->len; i++)
    {
      if (i > 0)
        g_string_append (out, ",\n");
      put_station (out, stations->pdata[i]);
    }
  g_string_append (out, "]}\n");
  return finish (out);
}

static gboolean
damaged (GError    **error,
         const char *what)
{
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
               _("The cached stations are damaged: %s"), what);
  return FALSE;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_double (JsonObject *object,
               const char *member,
               double     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node);
      return TRUE;
    case G_TYPE_INT64:
      *value = (double) json_node_get_int (node);
      return TRUE;
    default:
      return FALSE;
    }
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static IocDatastream *
read_datastream (JsonObject      *object,
                 IocFeedAdapter  *adapter,
                 GError         **error)
{
  const char *id = member_string (object, "@iot.id");
  JsonObject *uom = member_object (object, "unitOfMeasurement");
  JsonObject *op = member_object (object, "ObservedProperty");
  JsonObject *props = member_object (object, "properties");
  JsonArray *observations = member_array (object, "Observations");
  const char *pinned = props != NULL ? member_string (props, "ioc_parameter") : NULL;
  g_autoptr(IocDatastream) ds = NULL;
  IocParameter parameter = IOC_PARAMETER_UNKNOWN;

  if (id == NULL)
    {
      damaged (error, _("a datastream has no id"));
      return NULL;
    }
  ds = ioc_datastream_new (id);
  ioc_datastream_set_name (ds, member_string (object, "name"));
  if (uom != NULL)
    ioc_datastream_set_unit_symbol (ds, member_string (uom, "symbol"));
  if (pinned != NULL)
    parameter = ioc_parameter_from_string (pinned);
  else if (op != NULL)
    parameter = ioc_feed_adapter_lookup_parameter (adapter, member_string (op, "name"), NULL, NULL);
  else
    parameter = ioc_feed_adapter_lookup_parameter (adapter, member_string (object, "name"), NULL, NULL);
  ioc_datastream_set_parameter (ds, parameter);
  if (op != NULL)
    ioc_datastream_set_observed_property (ds, member_string (op, "name"));

  if (observations != NULL && json_array_get_length (observations) > 0)
    {
      JsonNode *node = json_array_get_element (observations, 0);
      JsonObject *obs = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *time = obs != NULL ? member_string (obs, "phenomenonTime") : NULL;
      g_autoptr(GDateTime) dt = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      double value = 0;
      gboolean has_result;
      g_autoptr(IocObservation) observation = NULL;

      if (dt == NULL)
        {
          damaged (error, _("an observation has no valid time"));
          return NULL;
        }
      has_result = member_double (obs, "result", &value);
      observation = ioc_observation_new (ioc_date_time_to_usec (dt), has_result, has_result ? value : NAN);
      ioc_datastream_set_latest (ds, observation);
    }
  return g_steal_pointer (&ds);
}

static IocStation *
read_station (JsonObject      *object,
              IocFeedAdapter  *adapter,
              GError         **error)
{
  const char *id = member_string (object, "@iot.id");
  JsonObject *props = member_object (object, "properties");
  JsonArray *locations = member_array (object, "Locations");
  JsonArray *datastreams = member_array (object, "Datastreams");
  g_autoptr(IocStation) station = NULL;

  if (id == NULL)
    {
      damaged (error, _("a station has no id"));
      return NULL;
    }
  station = ioc_station_new (id);
  ioc_station_set_name (station, member_string (object, "name"));
  ioc_station_set_description (station, member_string (object, "description"));
  if (props != NULL)
    {
      JsonObject *levels = member_object (props, "alarm_levels");
      const char *kind_name = member_string (props, "station_kind");
      IocStationKind kind;
      double bd[3];

      if (kind_name != NULL && ioc_station_kind_from_string (kind_name, &kind))
        ioc_station_set_kind (station, kind);
      ioc_station_set_commune_code (station, member_string (props, "commune_code"));
      if (levels != NULL && member_double (levels, "bd1", &bd[0]) &&
          member_double (levels, "bd2", &bd[1]) && member_double (levels, "bd3", &bd[2]))
        ioc_station_set_alarm_levels (station, bd[0], bd[1], bd[2]);
    }
  if (locations != NULL && json_array_get_length (locations) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (locations, 0)))
    {
      JsonObject *location = json_array_get_object_element (locations, 0);
      JsonObject *geometry = member_object (location, "location");
      JsonArray *coordinates = geometry != NULL ? member_array (geometry, "coordinates") : NULL;

      ioc_station_set_location_name (station, member_string (location, "name"));
      if (coordinates == NULL || json_array_get_length (coordinates) < 2)
        {
          damaged (error, _("a location has no coordinates"));
          return NULL;
        }
      ioc_station_set_location (station,
                                json_array_get_double_element (coordinates, 1),
                                json_array_get_double_element (coordinates, 0));
    }
  for (guint i = 0; datastreams != NULL && i < json_array_get_length (datastreams); i++)
    {
      JsonNode *node = json_array_get_element (datastreams, i);
      g_autoptr(IocDatastream) ds = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          damaged (error, _("a datastream is not an object"));
          return NULL;
        }
      ds = read_datastream (json_node_get_object (node), adapter, error);
      if (ds == NULL)
        return NULL;
      ioc_station_add_datastream (station, ds);
    }
  return g_steal_pointer (&station);
}

/**
 * ioc_snapshot_codec_decode_stations:
 *
 * Reads what ioc_snapshot_codec_encode_stations() wrote (feeds.md §2 shape).
 */
GPtrArray *
ioc_snapshot_codec_decode_stations (GBytes          *bytes,
                                    IocFeedAdapter  *adapter,
                                    GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(IocFeedAdapter) own_adapter = NULL;
  g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *items;
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (adapter == NULL)
    adapter = own_adapter = ioc_feed_adapter_new ();
  data = g_bytes_get_data (bytes, &length);
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length, &local_error))
    {
      damaged (error, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (items = member_array (json_node_get_object (root), "value")) == NULL)
    {
      damaged (error, _("it is not a SensorThings collection"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      IocStation *station;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          damaged (error, _("a station is not an object"));
          return NULL;
        }
      station = read_station (json_node_get_object (node), adapter, error);
      if (station == NULL)
        return NULL;
      g_ptr_array_add (stations, station);
    }
  return g_steal_pointer (&stations);
}

/* ---- TTHC --------------------------------------------------------------- */

static void
put_date (GString     *out,
          const GDate *date)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  put_string (out, buf);
}

static void
put_counts (GString            *out,
            const IocTthcStats *stats)
{
  for (guint c = 0; c < IOC_N_TTHC_COUNTS; c++)
    g_string_append_printf (out, ",\"%s\":%" G_GUINT64_FORMAT,
                            ioc_tthc_count_to_string (c), ioc_tthc_stats_get_count (stats, c));
}

/** ioc_snapshot_codec_encode_tthc_units: feeds.md §3 units.json. */
GBytes *
ioc_snapshot_codec_encode_tthc_units (GPtrArray *units)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < units->len; i++)
    {
      IocTthcUnit *unit = units->pdata[i];
      gboolean first = TRUE;

      if (i > 0)
        g_string_append (out, ",\n");
      g_string_append_c (out, '{');
      put_string_member (out, &first, "unit_id", ioc_tthc_unit_get_unit_id (unit));
      put_string_member (out, &first, "name", ioc_tthc_unit_get_name (unit));
      put_string_member (out, &first, "kind", ioc_tthc_unit_kind_to_string (ioc_tthc_unit_get_kind (unit)));
      put_string_member (out, &first, "commune_code", ioc_tthc_unit_get_commune_code (unit));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]\n");
  return finish (out);
}

static gboolean
has_period (const IocTthcStats *stats)
{
  return g_date_valid (&stats->from) && g_date_valid (&stats->to);
}

/** ioc_snapshot_codec_encode_tthc_stats: feeds.md §3 stats.json. */
GBytes *
ioc_snapshot_codec_encode_tthc_stats (GPtrArray *stats)
{
  const IocTthcStats *first_stats;
  GString *out;
  guint written = 0;

  if (stats == NULL || stats->len == 0 || !has_period (stats->pdata[0]))
    return NULL;
  first_stats = stats->pdata[0];
  out = g_string_new ("{\"period\":{\"from\":");
  put_date (out, &first_stats->from);
  g_string_append (out, ",\"to\":");
  put_date (out, &first_stats->to);
  g_string_append (out, "},\"units\":[");
  for (guint i = 0; i < stats->len; i++)
    {
      const IocTthcStats *s = stats->pdata[i];

      if (s->unit_id == NULL)
        continue;
      if (written++ > 0)
        g_string_append (out, ",\n");
      g_string_append (out, "{\"unit_id\":");
      put_string (out, s->unit_id);
      put_counts (out, s);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  return finish (out);
}

/** ioc_snapshot_codec_encode_tthc_daily: feeds.md §3 daily.json. */
GBytes *
ioc_snapshot_codec_encode_tthc_daily (GPtrArray *daily)
{
  GDate from, to;
  GString *out;
  guint written = 0;

  if (daily == NULL || daily->len == 0)
    return NULL;
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  for (guint i = 0; i < daily->len; i++)
    {
      const IocTthcStats *s = daily->pdata[i];

      if (!g_date_valid (&s->from))
        continue;
      if (!g_date_valid (&from) || g_date_compare (&s->from, &from) < 0)
        from = s->from;
      if (!g_date_valid (&to) || g_date_compare (&s->from, &to) > 0)
        to = s->from;
    }
  if (!g_date_valid (&from))
    return NULL;
  out = g_string_new ("{\"period\":{\"from\":");
  put_date (out, &from);
  g_string_append (out, ",\"to\":");
  put_date (out, &to);
  g_string_append (out, "},\"unit_id\":");
  put_string (out, ((const IocTthcStats *) daily->pdata[0])->unit_id);
  g_string_append (out, ",\"days\":[");
  for (guint i = 0; i < daily->len; i++)
    {
      const IocTthcStats *s = daily->pdata[i];

      if (!g_date_valid (&s->from))
        continue;
      if (written++ > 0)
        g_string_append (out, ",\n");
      g_string_append (out, "{\"date\":");
      put_date (out, &s->from);
      put_counts (out, s);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  return finish (out);
}

/** ioc_snapshot_codec_encode_tthc_dossiers: feeds.md §3 dossiers.json. */
GBytes *
ioc_snapshot_codec_encode_tthc_dossiers (GPtrArray *dossiers)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < dossiers->len; i++)
    {
      const IocTthcDossier *d = dossiers->pdata[i];
      gboolean first = TRUE;

      if (i > 0)
        g_string_append (out, ",\n");
      g_string_append_c (out, '{');
      put_string_member (out, &first, "dossier_id", d->dossier_id);
      put_string_member (out, &first, "procedure_code", d->procedure_code);
      put_string_member (out, &first, "procedure_name", d->procedure_name);
      put_string_member (out, &first, "unit_id", d->unit_id);
      put_string_member (out, &first, "officer", d->officer);
      put_datetime_member (out, &first, "received_at", d->received_at);
      put_datetime_member (out, &first, "due_at", d->due_at);
      put_datetime_member (out, &first, "finished_at", d->finished_at);
      put_member (out, &first, "status_code");
      g_string_append_printf (out, "%d", (int) d->status);
      put_member (out, &first, "channel");
      g_string_append_printf (out, "%d", (int) d->channel);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]\n");
  return finish (out);
}

/**
 * ioc_snapshot_codec_decode_tthc:
 *
 * Reads one TTHC snapshot with the feed's own parser (feeds.md §3).
 */
IocTthcResult *
ioc_snapshot_codec_decode_tthc (const char  *key,
                                GBytes      *bytes,
                                GError     **error)
{
  gsize length;
  const char *data;
  IocTthcResult *result = NULL;

  g_return_val_if_fail (key != NULL && bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";
  if (g_str_equal (key, IOC_SNAPSHOT_KEY_TTHC_UNITS))
    result = ioc_tthc_parse_units (data, length, error);
  else if (g_str_equal (key, IOC_SNAPSHOT_KEY_TTHC_STATS))
    result = ioc_tthc_parse_stats (data, length, error);
  else if (g_str_equal (key, IOC_SNAPSHOT_KEY_TTHC_DAILY))
    result = ioc_tthc_parse_daily (data, length, error);
  else if (g_str_equal (key, IOC_SNAPSHOT_KEY_TTHC_OVERDUE) || g_str_equal (key, IOC_SNAPSHOT_KEY_TTHC_LATE))
    result = ioc_tthc_parse_dossiers (data, length, error);
  else
    g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
                 _("Unknown TTHC snapshot “%s”"), key);
  return result;
}
