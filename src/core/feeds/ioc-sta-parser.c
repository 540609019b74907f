/* ioc-sta-parser.c — OGC SensorThings API bodies (feeds.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-feed-error.h"
#include "ioc-feed-json.h"
#include "ioc-feed-xml.h"
#include "ioc-sta-parser.h"
#include "ioc-unit.h"

typedef struct {
  IocStaResult   *result;
  IocFeedAdapter *adapter;
  const char     *request_url;
} Ctx;

void
ioc_sta_location_free (IocStaLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->id);
  g_free (location->name);
  g_free (location);
}

void
ioc_sta_nested_link_free (IocStaNestedLink *link)
{
  if (link == NULL)
    return;
  g_free (link->entity_id);
  g_free (link->link);
  g_free (link);
}

void
ioc_sta_result_free (IocStaResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->stations, g_ptr_array_unref);
  g_clear_pointer (&result->datastreams, g_ptr_array_unref);
  g_clear_pointer (&result->observations, g_ptr_array_unref);
  g_clear_pointer (&result->locations, g_ptr_array_unref);
  g_clear_pointer (&result->nested_links, g_ptr_array_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result->next_link);
  g_free (result);
}

static void G_GNUC_PRINTF (3, 4)
add_message (GPtrArray  *list,
             const char *where,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "record 2, datastream 1: “result” is an object, not a number" */
  g_ptr_array_add (list, g_strdup_printf (C_("feed record", "%s: %s"), where, message));
}

/* Only http(s) links are followed (feeds.md "URLs from a feed…"). */
static char *
resolve_link (Ctx        *ctx,
              const char *link)
{
  g_autoptr(GUri) resolved = NULL;
  const char *scheme;

  if (link == NULL || *link == '\0')
    return NULL;
  if (ctx->request_url != NULL)
    {
      g_autoptr(GUri) base = g_uri_parse (ctx->request_url, G_URI_FLAGS_ENCODED, NULL);

      if (base != NULL)
        resolved = g_uri_parse_relative (base, link, G_URI_FLAGS_ENCODED, NULL);
    }
  else
    resolved = g_uri_parse (link, G_URI_FLAGS_ENCODED, NULL);
  if (resolved == NULL)
    {
      g_ptr_array_add (ctx->result->warnings,
                       g_strdup_printf (_("the next link “%s” is not a usable URL"), link));
      return NULL;
    }
  scheme = g_uri_get_scheme (resolved);
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_ptr_array_add (ctx->result->warnings,
                       g_strdup_printf (_("the next link “%s” is not an http(s) URL"), link));
      return NULL;
    }
  return g_uri_to_string (resolved);
}

GDateTime *
ioc_sta_parse_time (const char  *text,
                    GError     **error)
{
  const char *slash;

  if (text == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is missing"), "phenomenonTime");
      return NULL;
    }
  /* feeds.md §2: an interval `start/end` stands for its end. */
  slash = strchr (text, '/');
  if (slash != NULL)
    {
      g_autofree char *start = g_strndup (text, (gsize) (slash - text));
      g_autoptr(GDateTime) begin = ioc_feed_parse_datetime (start, "phenomenonTime", error);
      GDateTime *end;

      if (begin == NULL)
        return NULL;
      end = ioc_feed_parse_datetime (slash + 1, "phenomenonTime", error);
      if (end != NULL && g_date_time_compare (end, begin) < 0)
        {
          g_date_time_unref (end);
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is an interval that ends before it starts"), "phenomenonTime");
          return NULL;
        }
      return end;
    }
  return ioc_feed_parse_datetime (text, "phenomenonTime", error);
}

/* ---- geometry ----------------------------------------------------------- */

static gboolean
read_position (JsonNode  *node,
               double    *lon,
               double    *lat)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) < 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *v = json_array_get_element (array, i);
      GType t;

      if (!JSON_NODE_HOLDS_VALUE (v))
        return FALSE;
      t = json_node_get_value_type (v);
      if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
        return FALSE;
      if (!isfinite (json_node_get_double (v)))
        return FALSE;
    }
  *lon = json_array_get_double_element (array, 0);
  *lat = json_array_get_double_element (array, 1);
  return fabs (*lat) <= 90.0 && fabs (*lon) <= 180.0;
}

/* The area centroid of the outer ring (shoelace formula); the mean of the
 * vertices when the ring has no area. */
static gboolean
polygon_centroid (JsonNode *coordinates,
                  double   *lon,
                  double   *lat)
{
  JsonArray *rings, *ring;
  guint n;
  double area = 0, cx = 0, cy = 0, mx = 0, my = 0;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;

  if (coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (coordinates))
    return FALSE;
  rings = json_node_get_array (coordinates);
  if (json_array_get_length (rings) < 1 || !JSON_NODE_HOLDS_ARRAY (json_array_get_element (rings, 0)))
    return FALSE;
  ring = json_array_get_array_element (rings, 0);
  n = json_array_get_length (ring);
  if (n < 1 || n > 1000000)
    return FALSE;
  xs = g_new (double, n);
  ys = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      if (!read_position (json_array_get_element (ring, i), &xs[i], &ys[i]))
        return FALSE;
      mx += xs[i];
      my += ys[i];
    }
  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      double cross = xs[i] * ys[j] - xs[j] * ys[i];

      area += cross;
      cx += (xs[i] + xs[j]) * cross;
      cy += (ys[i] + ys[j]) * cross;
    }
  area /= 2;
  if (fabs (area) > 1e-18)
    {
      *lon = cx / (6 * area);
      *lat = cy / (6 * area);
    }
  else
    {
      *lon = mx / n;
      *lat = my / n;
    }
  return fabs (*lat) <= 90.0 && fabs (*lon) <= 180.0;
}

static gboolean
read_geometry (JsonNode  *node,
               double    *lat,
               double    *lon,
               guint      depth)
{
  JsonObject *object;
  const char *type;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || depth > 4)
    return FALSE;
  object = json_node_get_object (node);
  type = json_object_has_member (object, "type") &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "type")) &&
         json_node_get_value_type (json_object_get_member (object, "type")) == G_TYPE_STRING
         ? json_object_get_string_member (object, "type") : NULL;
  if (type == NULL)
    return FALSE;
  if (g_str_equal (type, "Feature"))
    return read_geometry (json_object_get_member (object, "geometry"), lat, lon, depth + 1);
  if (g_str_equal (type, "Point"))
    return read_position (json_object_get_member (object, "coordinates"), lon, lat);
  if (g_str_equal (type, "Polygon"))
    return polygon_centroid (json_object_get_member (object, "coordinates"), lon, lat);
  return FALSE;
}

/* ---- entities ----------------------------------------------------------- */

static GPtrArray *
collection_items (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return ioc_feed_list_items (node, NULL);
}

static IocObservation *
parse_observation_values (JsonNode    *time_node,
                          JsonNode    *result_node,
                          GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  gboolean has_result = FALSE;
  double value = 0;

  if (time_node == NULL || JSON_NODE_HOLDS_NULL (time_node))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is missing"), "phenomenonTime");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (time_node) || json_node_get_value_type (time_node) != G_TYPE_STRING)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a date and time"), "phenomenonTime");
      return NULL;
    }
  time = ioc_sta_parse_time (json_node_get_string (time_node), error);
  if (time == NULL)
    return NULL;

  /* feeds.md §2: a number, a numeric string, null (a gap), or skip. */
  if (result_node == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is missing"), "result");
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (result_node))
    has_result = FALSE;
  else if (JSON_NODE_HOLDS_VALUE (result_node) &&
           (json_node_get_value_type (result_node) == G_TYPE_INT64 ||
            json_node_get_value_type (result_node) == G_TYPE_DOUBLE))
    {
      value = json_node_get_double (result_node);
      if (!isfinite (value))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is not a finite number"), "result");
          return NULL;
        }
      has_result = TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (result_node) && json_node_get_value_type (result_node) == G_TYPE_STRING)
    {
      if (!ioc_feed_parse_double (json_node_get_string (result_node), &value))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is text that is not a number"), "result");
          return NULL;
        }
      has_result = TRUE;
    }
  else
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is %s, not a number"), "result",
                   JSON_NODE_HOLDS_OBJECT (result_node) ? _("an object")
                   : JSON_NODE_HOLDS_ARRAY (result_node) ? _("an array") : _("a boolean"));
      return NULL;
    }

  return ioc_observation_new (g_date_time_to_unix (time) * G_USEC_PER_SEC +
                              g_date_time_get_microsecond (time),
                              has_result, value);
}

static IocObservation *
parse_observation (JsonObject  *object,
                   GError     **error)
{
  return parse_observation_values (json_object_get_member (object, "phenomenonTime"),
                                   json_object_get_member (object, "result"), error);
}

/* `$resultFormat=dataArray`: {components:[…], dataArray:[[…], …]} */
static void
parse_data_array (Ctx        *ctx,
                  JsonObject *object,
                  guint       index,
                  GPtrArray  *out)
{
  JsonNode *components = json_object_get_member (object, "components");
  JsonNode *rows = json_object_get_member (object, "dataArray");
  g_autofree char *where = g_strdup_printf (_("record %u"), index);
  int time_index = -1, result_index = -1;
  JsonArray *comps;

  ctx->result->n_records--;  /* the rows are the records */
  if (components == NULL || !JSON_NODE_HOLDS_ARRAY (components) ||
      rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows))
    {
      ctx->result->n_records++;
      add_message (ctx->result->skipped, where, "%s", _("“components” or “dataArray” is not a list"));
      return;
    }
  comps = json_node_get_array (components);
  for (guint i = 0; i < json_array_get_length (comps) && i < G_MAXINT; i++)
    {
      JsonNode *c = json_array_get_element (comps, i);

      if (!JSON_NODE_HOLDS_VALUE (c) || json_node_get_value_type (c) != G_TYPE_STRING)
        continue;
      if (g_str_equal (json_node_get_string (c), "phenomenonTime"))
        time_index = (int) i;
      else if (g_str_equal (json_node_get_string (c), "result"))
        result_index = (int) i;
    }
  for (guint r = 0; r < json_array_get_length (json_node_get_array (rows)); r++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (rows), r);
      g_autofree char *row_where = g_strdup_printf (_("record %u, row %u"), index, r + 1);
      g_autoptr(GError) error = NULL;
      IocObservation *observation;
      JsonArray *cells;

      ctx->result->n_records++;
      if (time_index < 0 || result_index < 0)
        {
          add_message (ctx->result->skipped, row_where, "%s",
                       _("the components do not name phenomenonTime and result"));
          continue;
        }
      if (!JSON_NODE_HOLDS_ARRAY (row) ||
          json_array_get_length (json_node_get_array (row)) <= (guint) MAX (time_index, result_index))
        {
          add_message (ctx->result->skipped, row_where, "%s", _("the row is not a list of all components"));
          continue;
        }
      cells = json_node_get_array (row);
      observation = parse_observation_values (json_array_get_element (cells, (guint) time_index),
                                              json_array_get_element (cells, (guint) result_index),
                                              &error);
      if (observation == NULL)
        add_message (ctx->result->skipped, row_where, "%s", error->message);
      else
        g_ptr_array_add (out, observation);
    }
}

static void
add_nested_link (Ctx        *ctx,
                 JsonObject *object,
                 const char *member,
                 const char *entity_id)
{
  JsonNode *node = json_object_get_member (object, member);
  IocStaNestedLink *link;
  char *resolved;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;
  resolved = resolve_link (ctx, json_node_get_string (node));
  if (resolved == NULL)
    return;
  link = g_new0 (IocStaNestedLink, 1);
  link->entity_id = g_strdup (entity_id);
  link->link = resolved;
  g_ptr_array_add (ctx->result->nested_links, link);
}

static IocDatastream *
parse_datastream (Ctx         *ctx,
                  JsonObject  *object,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(IocDatastream) datastream = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *op_name = NULL;
  g_autofree char *op_definition = NULL;
  g_autoptr(GPtrArray) observations = NULL;
  JsonNode *uom = json_object_get_member (object, "unitOfMeasurement");
  JsonNode *op = json_object_get_member (object, "ObservedProperty");
  const char *default_unit = NULL;
  IocParameter parameter;

  if (!ioc_feed_json_get_id (object, "@iot.id", &id, error) ||
      !ioc_feed_json_get_string (object, "name", &name, error))
    return NULL;
  if (uom != NULL && !JSON_NODE_HOLDS_NULL (uom))
    {
      if (!JSON_NODE_HOLDS_OBJECT (uom))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is not an object"), "unitOfMeasurement");
          return NULL;
        }
      if (!ioc_feed_json_get_string (json_node_get_object (uom), "symbol", &symbol, error))
        return NULL;
    }
  if (op != NULL && !JSON_NODE_HOLDS_NULL (op))
    {
      if (!JSON_NODE_HOLDS_OBJECT (op))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is not an object"), "ObservedProperty");
          return NULL;
        }
      if (!ioc_feed_json_get_string (json_node_get_object (op), "name", &op_name, error) ||
          !ioc_feed_json_get_string (json_node_get_object (op), "definition", &op_definition, error))
        return NULL;
    }

  datastream = ioc_datastream_new (id);
  ioc_datastream_set_name (datastream, name);
  parameter = ioc_feed_adapter_lookup_parameter (ctx->adapter, op_name, op_definition, &default_unit);
  if (parameter == IOC_PARAMETER_UNKNOWN && op_name == NULL && op_definition == NULL)
    /* ObservedProperty not expanded: the datastream's own name may be it. */
    parameter = ioc_feed_adapter_lookup_parameter (ctx->adapter, name, NULL, &default_unit);
  ioc_datastream_set_parameter (datastream, parameter);
  ioc_datastream_set_observed_property (datastream, op_name != NULL ? op_name : op_definition);

  if (symbol != NULL && ioc_unit_parse (symbol) == IOC_UNIT_UNKNOWN)
    {
      g_autofree char *repaired = ioc_feed_repair_double_utf8 (symbol);

      if (repaired != NULL && ioc_unit_parse (repaired) != IOC_UNIT_UNKNOWN)
        {
          add_message (ctx->result->warnings, where,
                       _("unit symbol “%s” was UTF-8 encoded twice; read as “%s”"), symbol, repaired);
          g_free (symbol);
          symbol = g_steal_pointer (&repaired);
        }
      else if (parameter != IOC_PARAMETER_UNKNOWN)
        add_message (ctx->result->warnings, where, _("unknown unit symbol “%s”"), symbol);
    }
  if (symbol == NULL || *symbol == '\0')
    {
      g_free (symbol);
      symbol = g_strdup (default_unit);
    }
  ioc_datastream_set_unit_symbol (datastream, symbol);

  observations = collection_items (object, "Observations");
  for (guint i = 0; observations != NULL && i < observations->len; i++)
    {
      JsonNode *node = observations->pdata[i];
      g_autoptr(GError) obs_error = NULL;
      g_autoptr(IocObservation) observation = NULL;
      g_autofree char *obs_where = g_strdup_printf (_("%s, observation %u"), where, i + 1);

      if (JSON_NODE_HOLDS_OBJECT (node))
        observation = parse_observation (json_node_get_object (node), &obs_error);
      else
        g_set_error (&obs_error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("it is not an object"));
      if (observation == NULL)
        add_message (ctx->result->skipped, obs_where, "%s", obs_error->message);
      else
        ioc_datastream_offer_observation (datastream, observation);
    }

  return g_steal_pointer (&datastream);
}

static gboolean
parse_properties (Ctx         *ctx,
                  IocStation  *station,
                  JsonObject  *object,
                  const char  *where,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, "properties");
  JsonObject *props;
  JsonNode *levels;
  g_autofree char *kind = NULL;
  g_autofree char *commune = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not an object"), "properties");
      return FALSE;
    }
  props = json_node_get_object (node);
  if (!ioc_feed_json_get_string (props, "station_kind", &kind, error) ||
      !ioc_feed_json_get_string (props, "commune_code", &commune, error))
    return FALSE;
  if (kind != NULL)
    {
      IocStationKind k;

      if (ioc_station_kind_from_string (kind, &k))
        ioc_station_set_kind (station, k);
      else
        add_message (ctx->result->warnings, where, _("unknown station_kind “%s” ignored"), kind);
    }
  ioc_station_set_commune_code (station, commune);

  levels = json_object_get_member (props, "alarm_levels");
  if (levels != NULL && !JSON_NODE_HOLDS_NULL (levels))
    {
      double bd[3];
      const char *names[3] = { "bd1", "bd2", "bd3" };

      if (!JSON_NODE_HOLDS_OBJECT (levels))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is not an object"), "alarm_levels");
          return FALSE;
        }
      for (guint i = 0; i < 3; i++)
        {
          gboolean present;

          if (!ioc_feed_json_get_double (json_node_get_object (levels), names[i], &present, &bd[i], error))
            return FALSE;
          if (!present)
            {
              g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                           _("“%s” is missing"), names[i]);
              return FALSE;
            }
        }
      if (!ioc_station_set_alarm_levels (station, bd[0], bd[1], bd[2]))
        add_message (ctx->result->warnings, where, "%s",
                     _("alarm levels are not increasing and were ignored"));
    }
  return TRUE;
}

static IocStation *
parse_thing (Ctx         *ctx,
             JsonObject  *object,
             const char  *where,
             GError     **error)
{
  g_autoptr(IocStation) station = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GPtrArray) datastreams = NULL;

  if (!ioc_feed_json_get_id (object, "@iot.id", &id, error) ||
      !ioc_feed_json_get_string (object, "name", &name, error) ||
      !ioc_feed_json_get_string (object, "description", &description, error))
    return NULL;
  station = ioc_station_new (id);
  ioc_station_set_name (station, name);
  ioc_station_set_description (station, description);
  if (!parse_properties (ctx, station, object, where, error))
    return NULL;

  locations = collection_items (object, "Locations");
  for (guint i = 0; locations != NULL && i < locations->len; i++)
    {
      JsonNode *node = locations->pdata[i];
      double lat, lon;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (read_geometry (json_object_get_member (json_node_get_object (node), "location"), &lat, &lon, 0))
        {
          g_autofree char *location_name = NULL;
          g_autoptr(GError) ignored = NULL;

          ioc_station_set_location (station, lat, lon);
          if (ioc_feed_json_get_string (json_node_get_object (node), "name", &location_name, &ignored))
            ioc_station_set_location_name (station, location_name);
          break;
        }
      add_message (ctx->result->warnings, where, "%s", _("a location is not a GeoJSON Point, Feature or Polygon"));
    }

  datastreams = collection_items (object, "Datastreams");
  for (guint i = 0; datastreams != NULL && i < datastreams->len; i++)
    {
      JsonNode *node = datastreams->pdata[i];
      g_autoptr(GError) ds_error = NULL;
      g_autoptr(IocDatastream) datastream = NULL;
      g_autofree char *ds_where = g_strdup_printf (_("%s, datastream %u"), where, i + 1);

      if (JSON_NODE_HOLDS_OBJECT (node))
        datastream = parse_datastream (ctx, json_node_get_object (node), ds_where, &ds_error);
      else
        g_set_error (&ds_error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED, _("it is not an object"));
      if (datastream == NULL)
        add_message (ctx->result->skipped, ds_where, "%s", ds_error->message);
      else
        ioc_station_add_datastream (station, datastream);
    }
  add_nested_link (ctx, object, "Datastreams@iot.nextLink", id);

  return g_steal_pointer (&station);
}

static IocStaLocation *
parse_location (JsonObject  *object,
                GError     **error)
{
  IocStaLocation *location;
  JsonNode *geometry = json_object_get_member (object, "location");
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  double lat, lon;

  if (geometry == NULL)
    geometry = json_object_get_member (object, "feature");  /* FeatureOfInterest */
  if (!ioc_feed_json_get_string (object, "name", &name, error))
    return NULL;
  if (json_object_has_member (object, "@iot.id") && !ioc_feed_json_get_id (object, "@iot.id", &id, error))
    return NULL;
  if (!read_geometry (geometry, &lat, &lon, 0))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("the location is not a GeoJSON Point, Feature or Polygon on Earth"));
      return NULL;
    }
  location = g_new0 (IocStaLocation, 1);
  location->id = g_steal_pointer (&id);
  location->name = g_steal_pointer (&name);
  location->lat = lat;
  location->lon = lon;
  return location;
}

/* FROST: {"code":404,"type":"error","message":"Not Found"} */
static gboolean
check_error_body (JsonObject  *object,
                  GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) ignored = NULL;

  if (json_object_has_member (object, "value") || json_object_has_member (object, "@iot.id") ||
      !json_object_has_member (object, "code") || !json_object_has_member (object, "message"))
    return FALSE;
  if (!ioc_feed_json_get_string (object, "code", &code, &ignored) ||
      !ioc_feed_json_get_string (object, "message", &message, &ignored))
    return FALSE;
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER,
               _("The server reported an error: %s (%s)"),
               message != NULL ? message : "", code != NULL ? code : "?");
  return TRUE;
}

/**
 * ioc_sta_parse:
 *
 * feeds.md §2: a SensorThings collection page (or one entity). Malformed
 * entities are skipped with a reason and the rest of the page kept.
 */
IocStaResult *
ioc_sta_parse (IocStaEntityKind   kind,
               const char        *data,
               gsize              length,
               const char        *request_url,
               IocFeedAdapter    *adapter,
               GError           **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IocStaResult) result = NULL;
  g_autoptr(IocFeedAdapter) default_adapter = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *object;
  JsonNode *next;
  Ctx ctx;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  root = ioc_feed_json_parse (data, length, IOC_FEED_JSON_NONE, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("The response is not a SensorThings object"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (check_error_body (object, error))
    return NULL;

  if (adapter == NULL)
    adapter = default_adapter = ioc_feed_adapter_new ();

  result = g_new0 (IocStaResult, 1);
  result->kind = kind;
  result->stations = g_ptr_array_new_with_free_func (g_object_unref);
  result->datastreams = g_ptr_array_new_with_free_func (g_object_unref);
  result->observations = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_observation_free);
  result->locations = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_sta_location_free);
  result->nested_links = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_sta_nested_link_free);
  result->skipped = g_ptr_array_new_with_free_func (g_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  ctx.result = result;
  ctx.adapter = adapter;
  ctx.request_url = request_url;

  if (json_object_has_member (object, "value"))
    items = collection_items (object, "value");
  else if (json_object_has_member (object, "values"))
    /* SensorThings 1.0 (15-078r6) example erratum. */
    items = collection_items (object, "values");
  else
    items = ioc_feed_list_items (root, NULL);  /* a single entity */
  if (items == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("The response’s “value” is not a list"));
      return NULL;
    }

  next = json_object_get_member (object, "@iot.nextLink");
  if (next != NULL && JSON_NODE_HOLDS_VALUE (next) && json_node_get_value_type (next) == G_TYPE_STRING)
    result->next_link = resolve_link (&ctx, json_node_get_string (next));
  else if (next != NULL && !JSON_NODE_HOLDS_NULL (next))
    g_ptr_array_add (result->warnings, g_strdup (_("“@iot.nextLink” is not a string")));
  {
    g_autoptr(GError) count_error = NULL;

    if (!ioc_feed_json_get_count (object, "@iot.count", &result->has_count, &result->count, &count_error))
      g_ptr_array_add (result->warnings, g_strdup (count_error->message));
  }

  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = items->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autofree char *where = g_strdup_printf (_("record %u"), i + 1);
      JsonObject *entity;
      gpointer item = NULL;

      result->n_records++;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          add_message (result->skipped, where, "%s", _("it is not an object"));
          continue;
        }
      entity = json_node_get_object (node);
      switch (kind)
        {
        case IOC_STA_ENTITY_THINGS:
          item = parse_thing (&ctx, entity, where, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->stations, item);
          break;
        case IOC_STA_ENTITY_DATASTREAMS:
          item = parse_datastream (&ctx, entity, where, &local_error);
          if (item != NULL)
            {
              add_nested_link (&ctx, entity, "Observations@iot.nextLink", ioc_datastream_get_id (item));
              g_ptr_array_add (result->datastreams, item);
            }
          break;
        case IOC_STA_ENTITY_OBSERVATIONS:
          if (json_object_has_member (entity, "dataArray") || json_object_has_member (entity, "components"))
            {
              parse_data_array (&ctx, entity, i + 1, result->observations);
              continue;
            }
          item = parse_observation (entity, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->observations, item);
          break;
        case IOC_STA_ENTITY_LOCATIONS:
          item = parse_location (entity, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->locations, item);
          break;
        case IOC_STA_ENTITY_OTHER:
        default:
          item = entity;
          break;
        }
      if (item == NULL)
        add_message (result->skipped, where, "%s", local_error->message);
    }

  return g_steal_pointer (&result);
}
