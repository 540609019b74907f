/* ioc-open311-fast-requests.c — `requests.json` pages read without a tree
 *
 * A full sync of the province's history is a hundred pages of 1 000
 * complaints; building a json-glib tree for each was three quarters of the
 * ingest time. Nearly every page of a conforming server — ours, and the
 * peer servers of ../shared/peer-corpus — is a plain array of request
 * objects whose members have their standard types, so this reader takes
 * exactly that shape, straight from the bytes, and gives up (NULL) on
 * anything else: ioc-open311-parser.c then reads the body the general way,
 * with its conversions and its reasons for skipped records. Whatever this
 * reader accepts, the general one reads the same (tests/feeds checks both
 * on every body it has).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ioc-complaint-note.h"
#include "ioc-feed-json.h"
#include "ioc-json-scanner.h"
#include "ioc-open311-parser-private.h"

typedef enum {
  F_SERVICE_REQUEST_ID,
  /* The plain strings, in the order of string_setters[]. */
  F_STATUS_NOTES,
  F_SERVICE_NAME,
  F_SERVICE_CODE,
  F_DESCRIPTION,
  F_SERVICE_NOTICE,
  F_ADDRESS,
  F_ADDRESS_ID,
  F_ZIPCODE,
  F_CLAIMED_BY,
  F_DUPLICATE_OF,
  F_AGENCY_RESPONSIBLE,
  /* The dates, in the order of date_setters[]. */
  F_REQUESTED_DATETIME,
  F_UPDATED_DATETIME,
  F_EXPECTED_DATETIME,
  F_MEDIA_URL,
  F_LAT,
  F_LONG,
  F_STATUS,
  F_EXTENDED_STATUS,
  F_PRIORITY,
  F_CHANNEL,
  F_COMMUNE_CODE,
  F_NOTES,
  F_MEDIA_URLS,
  F_UNKNOWN,
} Field;

typedef struct {
  const char *name;
  guint       length;
  Field       field;
} Member;

#define MEMBER(n, f) { n, sizeof n - 1, f }

static const Member request_members[] = {
  MEMBER ("service_request_id", F_SERVICE_REQUEST_ID),
  MEMBER ("status_notes", F_STATUS_NOTES),
  MEMBER ("service_name", F_SERVICE_NAME),
  MEMBER ("service_code", F_SERVICE_CODE),
  MEMBER ("description", F_DESCRIPTION),
  MEMBER ("service_notice", F_SERVICE_NOTICE),
  MEMBER ("address", F_ADDRESS),
  MEMBER ("address_id", F_ADDRESS_ID),
  MEMBER ("zipcode", F_ZIPCODE),
  MEMBER ("claimed_by", F_CLAIMED_BY),
  MEMBER ("duplicate_of", F_DUPLICATE_OF),
  MEMBER ("agency_responsible", F_AGENCY_RESPONSIBLE),
  MEMBER ("requested_datetime", F_REQUESTED_DATETIME),
  MEMBER ("updated_datetime", F_UPDATED_DATETIME),
  MEMBER ("expected_datetime", F_EXPECTED_DATETIME),
  MEMBER ("media_url", F_MEDIA_URL),
  MEMBER ("lat", F_LAT),
  MEMBER ("long", F_LONG),
  MEMBER ("status", F_STATUS),
  MEMBER ("extended_status", F_EXTENDED_STATUS),
  MEMBER ("priority", F_PRIORITY),
  MEMBER ("channel", F_CHANNEL),
  MEMBER ("commune_code", F_COMMUNE_CODE),
  MEMBER ("notes", F_NOTES),
  MEMBER ("media_urls", F_MEDIA_URLS),
};

static void (* const string_setters[]) (IocComplaint *, const char *) = {
  ioc_complaint_set_status_notes,
  ioc_complaint_set_service_name,
  ioc_complaint_set_service_code,
  ioc_complaint_set_description,
  ioc_complaint_set_service_notice,
  ioc_complaint_set_address,
  ioc_complaint_set_address_id,
  ioc_complaint_set_zipcode,
  ioc_complaint_set_claimed_by,
  ioc_complaint_set_duplicate_of,
  ioc_complaint_set_agency_responsible,
};

static void (* const date_setters[]) (IocComplaint *, GDateTime *) = {
  ioc_complaint_set_requested_datetime,
  ioc_complaint_set_updated_datetime,
  ioc_complaint_set_expected_datetime,
};

G_STATIC_ASSERT (G_N_ELEMENTS (string_setters) == F_AGENCY_RESPONSIBLE - F_STATUS_NOTES + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (date_setters) == F_EXPECTED_DATETIME - F_REQUESTED_DATETIME + 1);
G_STATIC_ASSERT (F_UNKNOWN < 32);

static Field
lookup (const Member *members,
        guint         n_members,
        const GString *name)
{
  for (guint i = 0; i < n_members; i++)
    if (members[i].length == name->len && memcmp (members[i].name, name->str, name->len) == 0)
      return members[i].field;
  return F_UNKNOWN;
}

/* A string or null, as ioc_feed_json_get_string reads it without
 * conversion: *out is NULL for null. Numbers (which the general reader
 * turns into text) are not ours. */
static gboolean
read_text (IocJsonScanner  *scanner,
           char           **out)
{
  g_clear_pointer (out, g_free);
  if (ioc_json_scanner_peek (scanner) == IOC_JSON_NULL)
    return ioc_json_scanner_read_null (scanner);
  if (!ioc_json_scanner_read_string (scanner))
    return FALSE;
  *out = g_strndup (scanner->text->str, scanner->text->len);
  return TRUE;
}

/* ioc_feed_json_get_datetime: null and "" are absent. */
static gboolean
read_datetime (IocJsonScanner  *scanner,
               GDateTime      **out)
{
  g_clear_pointer (out, g_date_time_unref);
  if (ioc_json_scanner_peek (scanner) == IOC_JSON_NULL)
    return ioc_json_scanner_read_null (scanner);
  if (!ioc_json_scanner_read_string (scanner))
    return FALSE;
  if (scanner->text->len == 0)
    return TRUE;
  *out = ioc_feed_parse_datetime (scanner->text->str, "", NULL);
  return *out != NULL;
}

/* ioc_feed_json_get_double on a number or null; numeric strings are the
 * general reader's. */
static gboolean
read_coordinate (IocJsonScanner *scanner,
                 gboolean       *present,
                 double         *out)
{
  *present = FALSE;
  if (ioc_json_scanner_peek (scanner) == IOC_JSON_NULL)
    return ioc_json_scanner_read_null (scanner);
  if (!ioc_json_scanner_read_number (scanner, out) || !isfinite (*out))
    return FALSE;
  *present = TRUE;
  return TRUE;
}

static const Member note_members[] = {
  MEMBER ("datetime", 0),
  MEMBER ("description", 1),
  MEMBER ("type", 2),
  MEMBER ("author", 3),
  MEMBER ("summary", 4),
};

/* parse_notes: null or an array of note objects. */
static gboolean
read_notes (IocJsonScanner *scanner,
            IocComplaint   *complaint)
{
  g_autoptr(GPtrArray) notes = NULL;

  if (ioc_json_scanner_peek (scanner) == IOC_JSON_NULL)
    {
      notes = g_ptr_array_new ();
      ioc_complaint_set_notes (complaint, notes);
      return ioc_json_scanner_read_null (scanner);
    }
  if (!ioc_json_scanner_enter_array (scanner))
    return FALSE;
  notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ioc_complaint_note_free);
  while (ioc_json_scanner_next_element (scanner))
    {
      g_autoptr(GDateTime) datetime = NULL;
      char *text[4] = { NULL, };   /* description, type, author, summary */
      guint32 seen = 0;
      gboolean ok = TRUE;

      if (!ioc_json_scanner_enter_object (scanner))
        return FALSE;
      while (ok && ioc_json_scanner_next_member (scanner))
        {
          Field f = lookup (note_members, G_N_ELEMENTS (note_members), scanner->text);

          if (f == F_UNKNOWN)
            {
              ok = ioc_json_scanner_skip_value (scanner);
              continue;
            }
          if (seen & (1u << f))
            ok = FALSE;   /* a repeated member: the general reader decides */
          else if (f == 0)
            ok = read_datetime (scanner, &datetime);
          else
            ok = read_text (scanner, &text[f - 1]);
          seen |= 1u << f;
        }
      ok = ok && !scanner->failed;
      if (ok)
        g_ptr_array_add (notes, ioc_complaint_note_new (datetime,
                                                        text[0] != NULL ? text[0] : text[3],
                                                        text[1], text[2]));
      for (guint i = 0; i < G_N_ELEMENTS (text); i++)
        g_free (text[i]);
      if (!ok)
        return FALSE;
    }
  if (scanner->failed)
    return FALSE;
  ioc_complaint_set_notes (complaint, notes);
  return TRUE;
}

/* parse_media_urls: null, or an array of strings, each trimmed, empty ones
 * dropped. */
static gboolean
read_media_urls (IocJsonScanner *scanner,
                 IocComplaint   *complaint)
{
  g_autoptr(GPtrArray) urls = NULL;

  if (ioc_json_scanner_peek (scanner) == IOC_JSON_NULL)
    return ioc_json_scanner_read_null (scanner);
  if (!ioc_json_scanner_enter_array (scanner))
    return FALSE;
  urls = g_ptr_array_new_with_free_func (g_free);
  while (ioc_json_scanner_next_element (scanner))
    {
      char *url;

      if (!ioc_json_scanner_read_string (scanner))
        return FALSE;
      url = g_strstrip (g_strndup (scanner->text->str, scanner->text->len));
      if (*url != '\0')
        g_ptr_array_add (urls, url);
      else
        g_free (url);
    }
  if (scanner->failed)
    return FALSE;
  g_ptr_array_add (urls, NULL);
  ioc_complaint_set_media_urls (complaint, (const char * const *) urls->pdata);
  return TRUE;
}

typedef struct {
  char *words[5];   /* status, extended_status, priority, channel, commune_code */
} Words;

static void
words_clear (Words *words)
{
  for (guint i = 0; i < G_N_ELEMENTS (words->words); i++)
    g_clear_pointer (&words->words[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Words, words_clear)

static IocComplaint *
read_request (IocJsonScanner   *scanner,
              IocOpen311Result *result,
              guint             index,
              IocFeedAdapter   *adapter)
{
  g_autoptr(IocComplaint) complaint = NULL;
  g_auto(Words) words = { { NULL, } };
  g_autofree char *media_url = NULL;
  double lat = 0, lon = 0;
  gboolean has_lat = FALSE, has_lon = FALSE;
  guint32 seen = 0;

  if (ioc_json_scanner_peek (scanner) != IOC_JSON_OBJECT || !ioc_json_scanner_enter_object (scanner))
    return NULL;
  /* Members come in any order: the id is set when it is met. */
  complaint = g_object_new (IOC_TYPE_COMPLAINT, NULL);
  while (ioc_json_scanner_next_member (scanner))
    {
      Field f = lookup (request_members, G_N_ELEMENTS (request_members), scanner->text);
      gboolean ok = TRUE;

      if (f == F_UNKNOWN)
        {
          if (!ioc_json_scanner_skip_value (scanner))
            return NULL;
          continue;
        }
      if (seen & (1u << f))
        return NULL;
      seen |= 1u << f;

      switch (f)
        {
        case F_SERVICE_REQUEST_ID:
          {
            g_autofree char *id = NULL;

            /* ioc_feed_json_get_id on a string: trimmed, never empty. */
            if (!ioc_json_scanner_read_string (scanner))
              return NULL;
            id = g_strstrip (g_strndup (scanner->text->str, scanner->text->len));
            if (*id == '\0')
              return NULL;
            ioc_complaint_set_service_request_id (complaint, id);
          }
          break;

        case F_STATUS_NOTES: case F_SERVICE_NAME: case F_SERVICE_CODE:
        case F_DESCRIPTION: case F_SERVICE_NOTICE: case F_ADDRESS:
        case F_ADDRESS_ID: case F_ZIPCODE: case F_CLAIMED_BY:
        case F_DUPLICATE_OF: case F_AGENCY_RESPONSIBLE:
          if (ioc_json_scanner_peek (scanner) == IOC_JSON_NULL)
            ok = ioc_json_scanner_read_null (scanner);
          else if ((ok = ioc_json_scanner_read_string (scanner)))
            string_setters[f - F_STATUS_NOTES] (complaint, scanner->text->str);
          break;

        case F_REQUESTED_DATETIME: case F_UPDATED_DATETIME: case F_EXPECTED_DATETIME:
          {
            g_autoptr(GDateTime) value = NULL;

            ok = read_datetime (scanner, &value);
            if (ok && value != NULL)
              date_setters[f - F_REQUESTED_DATETIME] (complaint, value);
          }
          break;

        case F_MEDIA_URL:
          ok = read_text (scanner, &media_url);
          if (ok && media_url != NULL)
            {
              g_strstrip (media_url);
              if (*media_url == '\0')
                g_clear_pointer (&media_url, g_free);
            }
          break;

        case F_LAT:
          ok = read_coordinate (scanner, &has_lat, &lat);
          break;
        case F_LONG:
          ok = read_coordinate (scanner, &has_lon, &lon);
          break;

        case F_STATUS: case F_EXTENDED_STATUS: case F_PRIORITY:
        case F_CHANNEL: case F_COMMUNE_CODE:
          ok = read_text (scanner, &words.words[f - F_STATUS]);
          break;

        case F_NOTES:
          ok = read_notes (scanner, complaint);
          break;
        case F_MEDIA_URLS:
          ok = read_media_urls (scanner, complaint);
          break;

        case F_UNKNOWN:
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return NULL;
    }
  if (scanner->failed || !(seen & (1u << F_SERVICE_REQUEST_ID)))
    return NULL;

  /* Any breach is the general reader's to explain. */
  if (!ioc_open311_check_location (has_lat, lat, has_lon, lon, NULL))
    return NULL;
  if (has_lat)
    ioc_complaint_set_location (complaint, lat, lon);
  ioc_complaint_set_media_url (complaint, media_url);
  if (!ioc_open311_finish_request (result, index, complaint, adapter,
                                   words.words[0], words.words[1], words.words[2],
                                   words.words[3], words.words[4], NULL))
    return NULL;
  return g_steal_pointer (&complaint);
}

IocOpen311Result *
ioc_open311_parse_requests_fast (const char     *data,
                                 gsize           length,
                                 IocFeedAdapter *adapter)
{
  g_autoptr(IocOpen311Result) result = NULL;
  g_autoptr(IocFeedAdapter) default_adapter = NULL;
  IocJsonScanner scanner;
  gboolean ok = TRUE;

  if (data == NULL)
    return NULL;
  if (adapter == NULL)
    adapter = default_adapter = ioc_feed_adapter_new ();

  ioc_json_scanner_init (&scanner, data, length);
  if (ioc_json_scanner_peek (&scanner) != IOC_JSON_ARRAY || !ioc_json_scanner_enter_array (&scanner))
    {
      ioc_json_scanner_clear (&scanner);
      return NULL;
    }
  result = ioc_open311_result_new (IOC_OPEN311_FORMAT_JSON);
  while (ok && ioc_json_scanner_next_element (&scanner))
    {
      IocComplaint *complaint;

      result->n_records++;
      complaint = read_request (&scanner, result, result->n_records, adapter);
      if (complaint != NULL)
        g_ptr_array_add (result->requests, complaint);
      else
        ok = FALSE;
    }
  ok = ok && ioc_json_scanner_at_end (&scanner);
  ioc_json_scanner_clear (&scanner);
  return ok ? g_steal_pointer (&result) : NULL;
}
