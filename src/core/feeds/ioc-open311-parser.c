/* ioc-open311-parser.c — Open311 GeoReport v2 bodies (feeds.md §1)
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
#include "ioc-open311-parser-private.h"

typedef enum {
  KIND_REQUESTS,
  KIND_SERVICES,
  KIND_DEFINITION,
  KIND_UPDATES,
  KIND_POST,
} Kind;

/* The XML element of one record, and the members that only a record of that
 * kind has (to tell a record from an error entry). */
static const struct {
  const char *xml_item;
  const char *key_members[4];
} kinds[] = {
  [KIND_REQUESTS]   = { "request",        { "service_request_id", NULL } },
  [KIND_SERVICES]   = { "service",        { "service_code", "service_name", NULL } },
  [KIND_DEFINITION] = { "attribute",      { "service_code", "attributes", NULL } },
  [KIND_UPDATES]    = { "request_update", { "update_id", "service_request_id", NULL } },
  [KIND_POST]       = { "request",        { "service_request_id", "token", "update_id", NULL } },
};

/* FixMyStreet and other wrappers around the record list. */
static const char * const wrapper_members[] = {
  "service_requests", "requests", "services", "service_request_updates",
  "request_updates", "updates", NULL
};

void
ioc_open311_service_free (IocOpen311Service *service)
{
  if (service == NULL)
    return;
  g_free (service->service_code);
  g_free (service->service_name);
  g_free (service->description);
  g_free (service->group);
  g_free (service->keywords);
  g_free (service->type);
  g_free (service);
}

void
ioc_open311_attribute_free (IocOpen311Attribute *attribute)
{
  if (attribute == NULL)
    return;
  g_free (attribute->code);
  g_free (attribute->datatype);
  g_free (attribute->description);
  g_free (attribute);
}

void
ioc_open311_update_free (IocOpen311Update *update)
{
  if (update == NULL)
    return;
  g_free (update->update_id);
  g_free (update->service_request_id);
  g_free (update->status_word);
  g_free (update->description);
  g_free (update->media_url);
  g_clear_pointer (&update->updated_datetime, g_date_time_unref);
  g_free (update->agency_responsible);
  g_free (update->claimed_by);
  g_free (update->duplicate_of);
  g_free (update->author);
  g_free (update);
}

void
ioc_open311_post_response_free (IocOpen311PostResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->service_request_id);
  g_free (response->token);
  g_free (response->update_id);
  g_free (response->service_notice);
  g_clear_pointer (&response->updated_datetime, g_date_time_unref);
  g_free (response);
}

void
ioc_open311_result_free (IocOpen311Result *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->requests, g_ptr_array_unref);
  g_clear_pointer (&result->services, g_ptr_array_unref);
  g_clear_pointer (&result->updates, g_ptr_array_unref);
  g_clear_pointer (&result->post_responses, g_ptr_array_unref);
  g_clear_pointer (&result->attributes, g_ptr_array_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result->service_code);
  g_free (result);
}

IocOpen311Result *
ioc_open311_result_new (IocOpen311Format format)
{
  IocOpen311Result *result = g_new0 (IocOpen311Result, 1);

  result->format = format;
  result->requests = g_ptr_array_new_with_free_func (g_object_unref);
  result->services = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_service_free);
  result->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_update_free);
  result->post_responses = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_post_response_free);
  result->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_attribute_free);
  result->skipped = g_ptr_array_new_with_free_func (g_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  return result;
}

static void
skip_record (IocOpen311Result *result,
             guint             index,
             const GError     *error)
{
  /* TRANSLATORS: "record 3: “lat” is not a number" */
  g_ptr_array_add (result->skipped, g_strdup_printf (_("record %u: %s"), index, error->message));
}

static void G_GNUC_PRINTF (3, 4)
warn_record (IocOpen311Result *result,
             guint             index,
             const char       *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (result->warnings, g_strdup_printf (_("record %u: %s"), index, message));
}

/* ---- loading ------------------------------------------------------------ */

static JsonNode *
load_body (const char        *data,
           gsize              length,
           IocOpen311Format  *format,
           char             **root_name,
           GError           **error)
{
  gsize i = 0;

  *root_name = NULL;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i >= length)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID, _("The response is empty"));
      return NULL;
    }
  if (data[i] == '<')
    {
      *format = IOC_OPEN311_FORMAT_XML;
      return ioc_feed_xml_parse (data, length, root_name, error);
    }
  if (data[i] == '[' || data[i] == '{')
    {
      *format = IOC_OPEN311_FORMAT_JSON;
      /* The GeoReport v2 specification's own examples write `"service_code":001`. */
      return ioc_feed_json_parse (data, length, IOC_FEED_JSON_LEADING_ZERO_AS_STRING, error);
    }
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID,
               _("The response is neither JSON nor XML"));
  return NULL;
}

static gboolean
object_has_any (JsonObject        *object,
                const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    if (json_object_has_member (object, members[i]))
      return TRUE;
  return FALSE;
}

/* `[{code, description}]` (feeds.md §1 "Errors"), `<errors><error>…` or a
 * FROST-like `{code, message}`: sets @error and returns TRUE. */
static gboolean
check_error_list (GPtrArray   *items,
                  Kind         kind,
                  gboolean     is_error_root,
                  GError     **error)
{
  g_autoptr(GString) reasons = NULL;

  if (items->len == 0)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = items->pdata[i];
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      object = json_node_get_object (node);
      if (!json_object_has_member (object, "code") ||
          !(json_object_has_member (object, "description") || json_object_has_member (object, "message")))
        return FALSE;
      if (!is_error_root && object_has_any (object, kinds[kind].key_members))
        return FALSE;
    }

  reasons = g_string_new (NULL);
  for (guint i = 0; i < items->len && i < 3; i++)
    {
      JsonObject *object = json_node_get_object (items->pdata[i]);
      g_autofree char *code = NULL;
      g_autofree char *description = NULL;
      g_autoptr(GError) ignored = NULL;

      ioc_feed_json_get_string (object, "code", &code, &ignored);
      g_clear_error (&ignored);
      ioc_feed_json_get_string (object, "description", &description, &ignored);
      if (description == NULL)
        {
          g_clear_error (&ignored);
          ioc_feed_json_get_string (object, "message", &description, &ignored);
        }
      if (reasons->len > 0)
        g_string_append (reasons, "; ");
      g_string_append_printf (reasons, "%s (%s)", description ? g_strstrip (description) : "",
                              code ? code : "?");
    }
  g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER,
               _("The server reported an error: %s"), reasons->str);
  return TRUE;
}

/* The list of record nodes of a body, in either format and any wrapper. */
static GPtrArray *
collect_records (JsonNode   *root,
                 const char *root_name,
                 Kind        kind,
                 GError    **error)
{
  GPtrArray *items;
  GPtrArray *flat;

  if (root_name != NULL)
    {
      /* XML: the root's children; <errors> is an error list. */
      gboolean is_errors = g_ascii_strcasecmp (root_name, "errors") == 0;

      if (kind == KIND_DEFINITION && !is_errors)
        {
          JsonObject *object = json_node_get_object (root);
          items = ioc_feed_list_items (json_object_get_member (object, "attributes"), "attribute");
          return items;
        }
      items = ioc_feed_list_items (json_object_get_member (json_node_get_object (root),
                                                           is_errors ? "error" : kinds[kind].xml_item),
                                   NULL);
      if (is_errors)
        {
          if (!check_error_list (items, kind, TRUE, error))
            g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER,
                         _("The server reported an error without a reason"));
          g_ptr_array_unref (items);
          return NULL;
        }
      if (json_object_get_size (json_node_get_object (root)) > 0 &&
          !json_object_has_member (json_node_get_object (root), kinds[kind].xml_item))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The response is XML of another kind (root element “%s”)"), root_name);
          g_ptr_array_unref (items);
          return NULL;
        }
      return items;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *inner = NULL;

      for (guint i = 0; wrapper_members[i] != NULL && inner == NULL; i++)
        inner = json_object_get_member (object, wrapper_members[i]);
      if (kind == KIND_DEFINITION)
        return ioc_feed_list_items (json_object_get_member (object, "attributes"), NULL);
      if (inner != NULL && JSON_NODE_HOLDS_ARRAY (inner))
        items = ioc_feed_list_items (inner, NULL);
      else if (json_object_has_member (object, "code") &&
               (json_object_has_member (object, "message") || json_object_has_member (object, "description")))
        {
          items = ioc_feed_list_items (root, NULL);
          if (!check_error_list (items, kind, FALSE, error))
            {
              g_ptr_array_unref (items);
              items = ioc_feed_list_items (root, NULL);
              return items;
            }
          g_ptr_array_unref (items);
          return NULL;
        }
      else
        items = ioc_feed_list_items (root, NULL);  /* a single record */
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      if (kind == KIND_DEFINITION)
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The response is a list, not a service definition"));
          return NULL;
        }
      items = ioc_feed_list_items (root, NULL);
    }
  else
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("The response is neither a list nor an object"));
      return NULL;
    }

  if (check_error_list (items, kind, FALSE, error))
    {
      g_ptr_array_unref (items);
      return NULL;
    }

  /* {"requests":[{"request":[…]}]}: flatten the inner lists. */
  flat = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = items->pdata[i];

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_get_size (json_node_get_object (node)) == 1 &&
          json_object_has_member (json_node_get_object (node), kinds[kind].xml_item))
        {
          g_autoptr(GPtrArray) inner = ioc_feed_list_items (node, kinds[kind].xml_item);
          for (guint j = 0; j < inner->len; j++)
            g_ptr_array_add (flat, inner->pdata[j]);
        }
      else
        g_ptr_array_add (flat, node);
    }
  g_ptr_array_unref (items);
  return flat;
}

/* ---- field helpers ------------------------------------------------------ */

/* A text field that may come as a list (several `<recipient>` children):
 * the items joined with ", ". */
static gboolean
get_text_or_list (JsonObject  *object,
                  const char  *member,
                  char       **out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) joined = NULL;

  *out = NULL;
  if (node == NULL || !(JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node)))
    return ioc_feed_json_get_string (object, member, out, error);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *inner = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (inner);

      if (g_list_length (members) != 1)
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is an object, not a string"), member);
          return FALSE;
        }
      node = json_object_get_member (inner, members->data);
    }
  items = ioc_feed_list_items (node, NULL);
  joined = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *item = items->pdata[i];

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is a list that holds something other than text"), member);
          return FALSE;
        }
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, json_node_get_string (item));
    }
  *out = g_string_free (g_steal_pointer (&joined), FALSE);
  return TRUE;
}

static gboolean
get_url (JsonObject  *object,
         const char  *member,
         char       **out,
         GError     **error)
{
  if (!ioc_feed_json_get_string (object, member, out, error))
    return FALSE;
  if (*out != NULL)
    {
      /* The specification's own example has a trailing space. */
      g_strstrip (*out);
      if (**out == '\0')
        g_clear_pointer (out, g_free);
    }
  return TRUE;
}

typedef struct {
  const char  *member;
  void       (*set) (IocComplaint *self, const char *value);
} StringField;

static const StringField request_strings[] = {
  { "status_notes", ioc_complaint_set_status_notes },
  { "service_name", ioc_complaint_set_service_name },
  { "service_code", ioc_complaint_set_service_code },
  { "description", ioc_complaint_set_description },
  { "service_notice", ioc_complaint_set_service_notice },
  { "address", ioc_complaint_set_address },
  { "address_id", ioc_complaint_set_address_id },
  { "zipcode", ioc_complaint_set_zipcode },
  { "claimed_by", ioc_complaint_set_claimed_by },
  { "duplicate_of", ioc_complaint_set_duplicate_of },
};

typedef struct {
  const char  *member;
  void       (*set) (IocComplaint *self, GDateTime *value);
} DateField;

static const DateField request_dates[] = {
  { "requested_datetime", ioc_complaint_set_requested_datetime },
  { "updated_datetime", ioc_complaint_set_updated_datetime },
  { "expected_datetime", ioc_complaint_set_expected_datetime },
};

/* A JSON array, an XML wrapper element of @item children, or null. */
static gboolean
is_list_of (JsonNode   *node,
            const char *item)
{
  JsonObject *object;

  if (JSON_NODE_HOLDS_NULL (node) || JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  return json_object_get_size (object) == 1 && json_object_has_member (object, item);
}

static gboolean
parse_notes (JsonObject    *object,
             IocComplaint  *complaint,
             GError       **error)
{
  JsonNode *member = json_object_get_member (object, "notes");
  g_autoptr(GPtrArray) items = ioc_feed_list_items (member, "note");
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);


  if (member != NULL && !is_list_of (member, "note"))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a list"), "notes");
      return FALSE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = items->pdata[i];
      JsonObject *note;
      g_autoptr(GDateTime) datetime = NULL;
      g_autofree char *description = NULL;
      g_autofree char *type = NULL;
      g_autofree char *author = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("note %u is not an object"), i + 1);
          return FALSE;
        }
      note = json_node_get_object (node);
      if (!ioc_feed_json_get_datetime (note, "datetime", &datetime, error) ||
          !ioc_feed_json_get_string (note, "description", &description, error) ||
          !ioc_feed_json_get_string (note, "type", &type, error) ||
          !ioc_feed_json_get_string (note, "author", &author, error))
        return FALSE;
      /* Chicago's notes carry a `summary` and only sometimes a description. */
      if (description == NULL && !ioc_feed_json_get_string (note, "summary", &description, error))
        return FALSE;
      g_ptr_array_add (notes, ioc_complaint_note_new (datetime, description, type, author));
    }
  ioc_complaint_set_notes (complaint, notes);
  return TRUE;
}

static gboolean
parse_media_urls (JsonObject    *object,
                  IocComplaint  *complaint,
                  GError       **error)
{
  JsonNode *member = json_object_get_member (object, "media_urls");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) urls = NULL;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (!is_list_of (member, "media_url"))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a list"), "media_urls");
      return FALSE;
    }
  items = ioc_feed_list_items (member, "media_url");
  urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < items->len; i++)
    {
      JsonNode *node = items->pdata[i];
      g_autofree char *url = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("“%s” is a list that holds something other than text"), "media_urls");
          return FALSE;
        }
      url = g_strstrip (g_strdup (json_node_get_string (node)));
      if (*url != '\0')
        g_ptr_array_add (urls, g_steal_pointer (&url));
    }
  g_ptr_array_add (urls, NULL);
  ioc_complaint_set_media_urls (complaint, (const char * const *) urls->pdata);
  return TRUE;
}

/**
 * ioc_open311_check_location:
 *
 * A request's position is both of `lat` and `long` or neither, and on
 * Earth; shared by the general and the fast reader.
 */
gboolean
ioc_open311_check_location (gboolean   has_lat,
                            double     lat,
                            gboolean   has_lon,
                            double     lon,
                            GError   **error)
{
  if (has_lat != has_lon)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("it has only one of “lat” and “long”"));
      return FALSE;
    }
  if (has_lat && (fabs (lat) > 90.0 || fabs (lon) > 180.0))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“lat”/“long” %g, %g is not a position on Earth"), lat, lon);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_location (JsonObject  *object,
              gboolean    *has_location,
              double      *lat,
              double      *lon,
              GError     **error)
{
  gboolean has_lat, has_lon;

  *has_location = FALSE;
  if (!ioc_feed_json_get_double (object, "lat", &has_lat, lat, error) ||
      !ioc_feed_json_get_double (object, "long", &has_lon, lon, error))
    return FALSE;
  if (!ioc_open311_check_location (has_lat, *lat, has_lon, *lon, error))
    return FALSE;
  *has_location = has_lat;
  return TRUE;
}

/* ---- records ------------------------------------------------------------ */

/**
 * ioc_open311_finish_request:
 *
 * The part of reading a request that both the general and the fast path
 * share (ioc-open311-parser-private.h): the status words through the
 * adapter, priority, channel and commune code, with the same warnings.
 */
gboolean
ioc_open311_finish_request (IocOpen311Result  *result,
                            guint              index,
                            IocComplaint      *complaint,
                            IocFeedAdapter    *adapter,
                            const char        *status,
                            const char        *extended,
                            const char        *priority,
                            const char        *channel,
                            const char        *commune,
                            GError           **error)
{
  IocComplaintStatus mapped;

  /* domain.md §3: extended_status wins; otherwise the Open311 open|closed
   * word (or a back end's own word) through the adapter table. */
  if (status == NULL && extended == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is missing"), "status");
      return FALSE;
    }
  if (status != NULL)
    {
      if (ioc_feed_adapter_lookup_status (adapter, status, &mapped))
        ioc_complaint_set_open (complaint, ioc_complaint_status_is_open (mapped));
      else
        {
          ioc_complaint_set_open (complaint, TRUE);
          warn_record (result, index, _("unknown status “%s”, taken as open"), status);
        }
    }
  if (extended != NULL)
    {
      if (ioc_feed_adapter_lookup_status (adapter, extended, &mapped))
        {
          ioc_complaint_set_extended_status (complaint, mapped);
          if (status == NULL)
            ioc_complaint_set_open (complaint, ioc_complaint_status_is_open (mapped));
        }
      else
        warn_record (result, index, _("unknown extended_status “%s” ignored"), extended);
    }
  else if (status != NULL && ioc_feed_adapter_lookup_status (adapter, status, &mapped) &&
           g_ascii_strcasecmp (status, "open") != 0 && g_ascii_strcasecmp (status, "closed") != 0)
    /* A back end's own word says more than open/closed: keep it. */
    ioc_complaint_set_extended_status (complaint, mapped);

  if (priority != NULL)
    {
      IocPriority p;

      if (ioc_priority_from_string (priority, &p))
        ioc_complaint_set_priority (complaint, p);
      else
        warn_record (result, index, _("unknown priority “%s” ignored"), priority);
    }
  if (channel != NULL)
    {
      IocComplaintChannel c;

      if (ioc_complaint_channel_from_string (channel, &c))
        ioc_complaint_set_channel (complaint, c);
      else
        warn_record (result, index, _("unknown channel “%s” ignored"), channel);
    }
  if (commune != NULL)
    {
      gboolean digits = strlen (commune) == 5;

      for (guint i = 0; digits && i < 5; i++)
        digits = g_ascii_isdigit (commune[i]);
      if (digits)
        ioc_complaint_set_commune_code (complaint, commune);
      else
        warn_record (result, index, _("commune_code “%s” is not a 5-digit code"), commune);
    }

  return TRUE;
}

static IocComplaint *
parse_request (IocOpen311Result  *result,
               guint              index,
               JsonObject        *object,
               IocFeedAdapter    *adapter,
               GError           **error)
{
  g_autoptr(IocComplaint) complaint = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *extended = NULL;
  g_autofree char *priority = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *commune = NULL;
  g_autofree char *media_url = NULL;
  gboolean has_location;
  double lat, lon;

  if (!ioc_feed_json_get_id (object, "service_request_id", &id, error))
    return NULL;
  complaint = ioc_complaint_new (id);

  for (guint i = 0; i < G_N_ELEMENTS (request_strings); i++)
    {
      g_autofree char *value = NULL;

      if (!ioc_feed_json_get_string (object, request_strings[i].member, &value, error))
        return NULL;
      request_strings[i].set (complaint, value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (request_dates); i++)
    {
      g_autoptr(GDateTime) value = NULL;

      if (!ioc_feed_json_get_datetime (object, request_dates[i].member, &value, error))
        return NULL;
      request_dates[i].set (complaint, value);
    }
  if (!get_text_or_list (object, "agency_responsible", &agency, error) ||
      !get_url (object, "media_url", &media_url, error) ||
      !get_location (object, &has_location, &lat, &lon, error) ||
      !ioc_feed_json_get_string (object, "status", &status, error) ||
      !ioc_feed_json_get_string (object, "extended_status", &extended, error) ||
      !ioc_feed_json_get_string (object, "priority", &priority, error) ||
      !ioc_feed_json_get_string (object, "channel", &channel, error) ||
      !ioc_feed_json_get_string (object, "commune_code", &commune, error) ||
      !parse_notes (object, complaint, error) ||
      !parse_media_urls (object, complaint, error))
    return NULL;

  ioc_complaint_set_agency_responsible (complaint, agency);
  ioc_complaint_set_media_url (complaint, media_url);
  if (has_location)
    ioc_complaint_set_location (complaint, lat, lon);

  if (!ioc_open311_finish_request (result, index, complaint, adapter, status, extended,
                                   priority, channel, commune, error))
    return NULL;

  return g_steal_pointer (&complaint);
}

static IocOpen311Service *
parse_service (JsonObject  *object,
               GError     **error)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_service_free);
  IocOpen311Service *service = g_new0 (IocOpen311Service, 1);
  gboolean present;

  g_ptr_array_add (owned, service);
  if (!ioc_feed_json_get_id (object, "service_code", &service->service_code, error) ||
      !ioc_feed_json_get_string (object, "service_name", &service->service_name, error) ||
      !ioc_feed_json_get_string (object, "description", &service->description, error) ||
      !ioc_feed_json_get_string (object, "group", &service->group, error) ||
      !ioc_feed_json_get_string (object, "keywords", &service->keywords, error) ||
      !ioc_feed_json_get_string (object, "type", &service->type, error) ||
      !ioc_feed_json_get_boolean (object, "metadata", &present, &service->metadata, error))
    return NULL;
  return g_ptr_array_steal_index (owned, 0);
}

static IocOpen311Attribute *
parse_attribute (JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_attribute_free);
  IocOpen311Attribute *attribute = g_new0 (IocOpen311Attribute, 1);
  g_autoptr(GPtrArray) values = NULL;
  gboolean present;
  double order = 0;

  g_ptr_array_add (owned, attribute);
  if (!ioc_feed_json_get_id (object, "code", &attribute->code, error) ||
      !ioc_feed_json_get_string (object, "datatype", &attribute->datatype, error) ||
      !ioc_feed_json_get_string (object, "description", &attribute->description, error) ||
      !ioc_feed_json_get_boolean (object, "variable", &present, &attribute->variable, error) ||
      !ioc_feed_json_get_boolean (object, "required", &present, &attribute->required, error) ||
      !ioc_feed_json_get_double (object, "order", &present, &order, error))
    return NULL;
  if (present && (order != floor (order) || fabs (order) > 1e9))
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("“%s” is not a whole number"), "order");
      return NULL;
    }
  attribute->order = (gint64) order;
  values = ioc_feed_list_items (json_object_get_member (object, "values"), "value");
  for (guint i = 0; i < values->len; i++)
    {
      JsonNode *node = values->pdata[i];
      g_autofree char *key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !ioc_feed_json_get_id (json_node_get_object (node), "key", &key, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                         _("value %u is not an object"), i + 1);
          return NULL;
        }
    }
  attribute->n_values = values->len;
  return g_ptr_array_steal_index (owned, 0);
}

static IocOpen311Update *
parse_update (IocOpen311Result  *result,
              guint              index,
              JsonObject        *object,
              IocFeedAdapter    *adapter,
              GError           **error)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_update_free);
  IocOpen311Update *update = g_new0 (IocOpen311Update, 1);
  g_autofree char *extended = NULL;
  g_autofree char *priority = NULL;

  g_ptr_array_add (owned, update);
  if (!ioc_feed_json_get_id (object, "update_id", &update->update_id, error) ||
      !ioc_feed_json_get_id (object, "service_request_id", &update->service_request_id, error) ||
      !ioc_feed_json_get_string (object, "status", &update->status_word, error) ||
      !ioc_feed_json_get_string (object, "extended_status", &extended, error) ||
      !ioc_feed_json_get_string (object, "description", &update->description, error) ||
      !get_url (object, "media_url", &update->media_url, error) ||
      !ioc_feed_json_get_datetime (object, "updated_datetime", &update->updated_datetime, error) ||
      !get_text_or_list (object, "agency_responsible", &update->agency_responsible, error) ||
      !ioc_feed_json_get_string (object, "claimed_by", &update->claimed_by, error) ||
      !ioc_feed_json_get_string (object, "duplicate_of", &update->duplicate_of, error) ||
      !ioc_feed_json_get_string (object, "author", &update->author, error) ||
      !ioc_feed_json_get_string (object, "priority", &priority, error))
    return NULL;

  if (extended != NULL && ioc_feed_adapter_lookup_status (adapter, extended, &update->status))
    update->has_status = TRUE;
  else if (update->status_word != NULL)
    {
      /* mySociety's "unchanged" and other words outside the table: the update
       * carries a note but no status change. */
      update->has_status = ioc_feed_adapter_lookup_status (adapter, update->status_word, &update->status);
      /* Open311's own two words name a side, not one of domain.md §3's
       * statuses: "open" must not turn an acknowledged complaint into a
       * new one (as ioc_open311_parse_requests() treats them). */
      update->bare_status = update->has_status &&
                            (g_ascii_strcasecmp (update->status_word, "open") == 0 ||
                             g_ascii_strcasecmp (update->status_word, "closed") == 0);
    }
  if (extended != NULL && !update->has_status)
    warn_record (result, index, _("unknown extended_status “%s” ignored"), extended);
  if (priority != NULL)
    {
      update->has_priority = ioc_priority_from_string (priority, &update->priority);
      if (!update->has_priority)
        warn_record (result, index, _("unknown priority “%s” ignored"), priority);
    }
  return g_ptr_array_steal_index (owned, 0);
}

static IocOpen311PostResponse *
parse_post_response (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_open311_post_response_free);
  IocOpen311PostResponse *response = g_new0 (IocOpen311PostResponse, 1);

  g_ptr_array_add (owned, response);
  if ((json_object_has_member (object, "service_request_id") &&
       !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "service_request_id")) &&
       !ioc_feed_json_get_id (object, "service_request_id", &response->service_request_id, error)) ||
      (json_object_has_member (object, "token") &&
       !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "token")) &&
       !ioc_feed_json_get_id (object, "token", &response->token, error)) ||
      (json_object_has_member (object, "update_id") &&
       !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "update_id")) &&
       !ioc_feed_json_get_id (object, "update_id", &response->update_id, error)) ||
      !ioc_feed_json_get_string (object, "service_notice", &response->service_notice, error) ||
      !ioc_feed_json_get_datetime (object, "updated_datetime", &response->updated_datetime, error))
    return NULL;
  if (response->service_request_id == NULL && response->token == NULL && response->update_id == NULL)
    {
      g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                   _("it has neither “service_request_id”, “token” nor “update_id”"));
      return NULL;
    }
  return g_ptr_array_steal_index (owned, 0);
}

static IocOpen311Result *
parse_body (const char      *data,
            gsize            length,
            Kind             kind,
            IocFeedAdapter  *adapter,
            GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *root_name = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(IocOpen311Result) result = NULL;
  g_autoptr(IocFeedAdapter) default_adapter = NULL;
  IocOpen311Format format = IOC_OPEN311_FORMAT_JSON;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (adapter == NULL && (kind == KIND_REQUESTS || kind == KIND_UPDATES))
    adapter = default_adapter = ioc_feed_adapter_new ();

  root = load_body (data, length, &format, &root_name, error);
  if (root == NULL)
    return NULL;
  records = collect_records (root, root_name, kind, error);
  if (records == NULL)
    return NULL;

  result = ioc_open311_result_new (format);
  if (kind == KIND_DEFINITION)
    {
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          !ioc_feed_json_get_id (json_node_get_object (root), "service_code", &result->service_code, &local_error))
        {
          g_set_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("The service definition has no service code"));
          return NULL;
        }
    }

  for (guint i = 0; i < records->len; i++)
    {
      JsonNode *node = records->pdata[i];
      g_autoptr(GError) local_error = NULL;
      guint index = i + 1;
      JsonObject *object;
      gpointer item = NULL;

      result->n_records++;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED,
                       _("it is not an object"));
          skip_record (result, index, local_error);
          continue;
        }
      object = json_node_get_object (node);
      switch (kind)
        {
        case KIND_REQUESTS:
          item = parse_request (result, index, object, adapter, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->requests, item);
          break;
        case KIND_SERVICES:
          item = parse_service (object, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->services, item);
          break;
        case KIND_DEFINITION:
          item = parse_attribute (object, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->attributes, item);
          break;
        case KIND_UPDATES:
          item = parse_update (result, index, object, adapter, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->updates, item);
          break;
        case KIND_POST:
          item = parse_post_response (object, &local_error);
          if (item != NULL)
            g_ptr_array_add (result->post_responses, item);
          break;
        default:
          g_assert_not_reached ();
        }
      if (item == NULL)
        skip_record (result, index, local_error);
    }

  return g_steal_pointer (&result);
}

/**
 * ioc_open311_parse_requests:
 *
 * feeds.md §1 `GET requests.json` (and `requests/{id}.json`), JSON or XML.
 * Records without a usable id, with a field of the wrong type, an impossible
 * date or a position off the Earth are skipped with a reason.
 */
IocOpen311Result *
ioc_open311_parse_requests (const char      *data,
                            gsize            length,
                            IocFeedAdapter  *adapter,
                            GError         **error)
{
  IocOpen311Result *result = ioc_open311_parse_requests_fast (data, length, adapter);

  if (result != NULL)
    return result;
  return ioc_open311_parse_requests_general (data, length, adapter, error);
}

IocOpen311Result *
ioc_open311_parse_requests_general (const char      *data,
                                    gsize            length,
                                    IocFeedAdapter  *adapter,
                                    GError         **error)
{
  return parse_body (data, length, KIND_REQUESTS, adapter, error);
}

/**
 * ioc_open311_parse_services:
 *
 * feeds.md §1 `GET services.json`.
 */
IocOpen311Result *
ioc_open311_parse_services (const char  *data,
                            gsize        length,
                            GError     **error)
{
  return parse_body (data, length, KIND_SERVICES, NULL, error);
}

/**
 * ioc_open311_parse_service_definition:
 *
 * GeoReport v2 `GET services/{service_code}.json`: the attributes.
 */
IocOpen311Result *
ioc_open311_parse_service_definition (const char  *data,
                                      gsize        length,
                                      GError     **error)
{
  return parse_body (data, length, KIND_DEFINITION, NULL, error);
}

/**
 * ioc_open311_parse_updates:
 *
 * feeds.md §1 `GET servicerequestupdates.json`, the incremental sync channel.
 */
IocOpen311Result *
ioc_open311_parse_updates (const char      *data,
                           gsize            length,
                           IocFeedAdapter  *adapter,
                           GError         **error)
{
  return parse_body (data, length, KIND_UPDATES, adapter, error);
}

/**
 * ioc_open311_parse_post_response:
 *
 * feeds.md §1 answers to POST requests and POST servicerequestupdates, and
 * the token look-up.
 */
IocOpen311Result *
ioc_open311_parse_post_response (const char  *data,
                                 gsize        length,
                                 GError     **error)
{
  return parse_body (data, length, KIND_POST, NULL, error);
}

gboolean
ioc_open311_parse_error_body (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *root_name = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) local_error = NULL;
  IocOpen311Format format;

  root = load_body (data, length, &format, &root_name, &local_error);
  if (root == NULL)
    return FALSE;
  if (root_name != NULL)
    {
      if (g_ascii_strcasecmp (root_name, "errors") != 0)
        return FALSE;
      items = ioc_feed_list_items (root, "error");
    }
  else
    items = ioc_feed_list_items (root, NULL);
  return check_error_list (items, KIND_REQUESTS, TRUE, error);
}

/**
 * ioc_open311_update_apply:
 *
 * feeds.md §1 incremental sync: a servicerequestupdates entry changes the
 * status and the fields the extension names; the description becomes a note.
 * Fields the entry lacks keep their values; a bare Open311 "open"/"closed"
 * changes the status only when the complaint changes side (domain.md §3);
 * an entry older than the complaint's updated_datetime adds its note and
 * changes nothing else.
 */
gboolean
ioc_open311_update_apply (const IocOpen311Update *update,
                          IocComplaint           *complaint)
{
  g_autoptr(IocComplaint) updated = NULL;
  GDateTime *current;
  gboolean stale;
  gboolean changed;

  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), FALSE);

  updated = ioc_complaint_copy (complaint);
  current = ioc_complaint_get_updated_datetime (complaint);
  /* The complaint already reflects every change up to its own
   * updated_datetime: an older update (overlapping windows, or a version
   * fetched by id after an operator action) must not roll it back. */
  stale = update->updated_datetime != NULL && current != NULL &&
          g_date_time_compare (update->updated_datetime, current) < 0;
  if (update->has_status && update->bare_status && !stale)
    {
      gboolean open = ioc_complaint_status_is_open (update->status);

      /* Only a change of side says something about the status; a
       * complaint reopened by a bare "open" is domain.md §3's reopened. */
      if (ioc_complaint_is_open (updated) != open)
        ioc_complaint_set_extended_status (updated, open ? IOC_COMPLAINT_STATUS_REOPENED : update->status);
      ioc_complaint_set_open (updated, open);
    }
  else if (update->has_status && !stale)
    {
      ioc_complaint_set_extended_status (updated, update->status);
      ioc_complaint_set_open (updated, ioc_complaint_status_is_open (update->status));
    }
  if (update->updated_datetime != NULL && (current == NULL || g_date_time_compare (update->updated_datetime, current) > 0))
    ioc_complaint_set_updated_datetime (updated, update->updated_datetime);
  /* Fields the update does not carry (a server without the extensions)
   * keep their known values. */
  if (update->agency_responsible != NULL && !stale)
    ioc_complaint_set_agency_responsible (updated, update->agency_responsible);
  if (update->claimed_by != NULL && !stale)
    ioc_complaint_set_claimed_by (updated, update->claimed_by);
  if (update->duplicate_of != NULL && !stale)
    ioc_complaint_set_duplicate_of (updated, update->duplicate_of);
  if (update->has_priority && !stale)
    ioc_complaint_set_priority (updated, update->priority);
  if (update->description != NULL && *update->description != '\0')
    {
      g_autoptr(IocComplaintNote) note = ioc_complaint_note_new (update->updated_datetime,
                                                                 update->description,
                                                                 update->has_status ? ioc_complaint_status_to_string (update->status) : update->status_word,
                                                                 update->author);
      GPtrArray *notes = ioc_complaint_get_notes (updated);
      gboolean seen = FALSE;

      /* Updates may be fetched twice (overlapping windows): one note each. */
      for (guint i = 0; i < notes->len && !seen; i++)
        seen = ioc_complaint_note_equal (notes->pdata[i], note);
      if (!seen)
        ioc_complaint_add_note (updated, note);
    }

  changed = ioc_complaint_update_from (complaint, updated);
  return changed;
}
