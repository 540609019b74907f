/* test-feed-parsers.c — parser details, hostile input and the adapter tables
 * (feeds.md "General rules", "Bad input")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ioc-feed-adapter.h"
#include "ioc-feed-backoff.h"
#include "ioc-feed-error.h"
#include "ioc-feed-json.h"
#include "ioc-open311-parser.h"
#include "ioc-sta-parser.h"
#include "ioc-tthc-parser.h"

static char *
corpus (const char *relative,
        gsize      *length)
{
  const char *shared = g_getenv ("IOC_SHARED_DIR");
  g_autofree char *path = g_build_filename (shared != NULL ? shared : "../shared", "peer-corpus", relative, NULL);
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static gboolean
any_contains (GPtrArray  *messages,
              const char *needle)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr (messages->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- the strict JSON reader --------------------------------------------- */

static void
test_json_guard (void)
{
  static const struct {
    const char *text;
    gssize      length;   /* -1: strlen */
    gboolean    valid;
  } cases[] = {
    { "[1, 2.5, -3e2, true, false, null, \"x\"]", -1, TRUE },
    { "{\"a\": {\"b\": [ ]}}", -1, TRUE },
    { "\xEF\xBB\xBF[1]", -1, TRUE },                       /* BOM */
    { "", -1, FALSE },
    { "   \n", -1, FALSE },
    { "['a']", -1, FALSE },                                /* single quotes */
    { "[1 /* c */]", -1, FALSE },                          /* comments */
    { "[1] [2]", -1, FALSE },                              /* trailing data */
    { "{\"a\":1}x", -1, FALSE },
    { "[0x10]", -1, FALSE },                               /* hex */
    { "[001]", -1, FALSE },                                /* leading zero, strict */
    { "[.5]", -1, FALSE },
    { "[1.]", -1, FALSE },
    { "[+1]", -1, FALSE },
    { "[NaN]", -1, FALSE },
    { "[1,]", -1, FALSE },
    { "{\"a\":1,}", -1, FALSE },
    { "[\"a\nb\"]", -1, FALSE },                           /* raw line break in a string */
    { "[\"\\ud800\"]", -1, FALSE },                        /* lone surrogate */
    { "[\"\\ud83d\\ude00\"]", -1, TRUE },                  /* a proper pair */
    { "[\"\\u0000\"]", -1, FALSE },
    { "[\"\\x41\"]", -1, FALSE },
    { "[\"\xff\"]", -1, FALSE },                           /* invalid UTF-8 */
    { "[\"\xc3\"]", -1, FALSE },                           /* truncated UTF-8 */
    { "[1]\0[2]", 7, FALSE },                              /* embedded NUL */
    { "{\"a\" 1}", -1, FALSE },
    { "[tru]", -1, FALSE },
    { "{\"unterminated", -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length < 0 ? strlen (cases[i].text) : (gsize) cases[i].length;
      g_autoptr(JsonNode) node = ioc_feed_json_parse (cases[i].text, length, IOC_FEED_JSON_NONE, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "ok");
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
        }
      else
        {
          g_assert_null (node);
          g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID);
        }
    }
}

static void
test_json_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  node = ioc_feed_json_parse (deep->str, deep->len, IOC_FEED_JSON_NONE, &error);
  g_assert_null (node);
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  for (guint i = 0; i < IOC_FEED_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < IOC_FEED_JSON_MAX_DEPTH; i++)
    g_string_append_c (ok, ']');
  node = ioc_feed_json_parse (ok->str, ok->len, IOC_FEED_JSON_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_json_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  JsonObject *object;
  gboolean present;
  double d;

  /* json-glib wraps this to -1; the guard keeps every digit. */
  node = ioc_feed_json_parse ("{\"id\":123456789012345678901234567890,\"code\":007,\"big\":1e400,\"s\":\"12.5\"}",
                              strlen ("{\"id\":123456789012345678901234567890,\"code\":007,\"big\":1e400,\"s\":\"12.5\"}"),
                              IOC_FEED_JSON_LEADING_ZERO_AS_STRING, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_true (ioc_feed_json_get_id (object, "id", &id, &error));
  g_assert_cmpstr (id, ==, "123456789012345678901234567890");
  g_assert_true (ioc_feed_json_get_id (object, "code", &code, &error));
  g_assert_cmpstr (code, ==, "007");
  g_assert_false (ioc_feed_json_get_double (object, "big", &present, &d, &error));
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED);
  g_clear_error (&error);
  g_assert_true (ioc_feed_json_get_double (object, "s", &present, &d, &error));
  g_assert_true (present);
  g_assert_cmpfloat (d, ==, 12.5);
  /* A huge integer read as a number is finite but off the Earth. */
  g_assert_true (ioc_feed_json_get_double (object, "id", &present, &d, &error));
  g_assert_cmpfloat (d, >, 1e29);
}

static void
test_datetime (void)
{
  static const struct {
    const char *text;
    gboolean    valid;
    gint64      unix_time;
  } cases[] = {
    { "2010-04-14T06:37:38-08:00", TRUE, 1271255858 },
    { "2010-12-23T11:20:00-0700", TRUE, 1293128400 },  /* offset without a colon */
    { "2016-01-07T02:00:00.000Z", TRUE, 1452132000 },
    { "2014-02-30T10:00:00Z", FALSE, 0 },              /* 30 February */
    { "2014-05-09T19:02:21", FALSE, 0 },               /* no offset */
    { "yesterday", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) dt = ioc_feed_parse_datetime (cases[i].text, "t", &error);

      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpint (g_date_time_to_unix (dt), ==, cases[i].unix_time);
        }
      else
        {
          g_assert_null (dt);
          g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_UNEXPECTED);
        }
    }
}

static void
test_repair_double_utf8 (void)
{
  g_autofree char *repaired = ioc_feed_repair_double_utf8 ("\xC3\xA2\xC2\x84\xC2\x83");
  g_autofree char *plain = ioc_feed_repair_double_utf8 ("°C");
  g_autofree char *ascii = ioc_feed_repair_double_utf8 ("mg/L");
  g_autofree char *wide = ioc_feed_repair_double_utf8 ("µg/m³ ℃");

  g_assert_cmpstr (repaired, ==, "℃");
  /* "°C" is U+00B0 'C': as bytes B0 43, not UTF-8: nothing to repair. */
  g_assert_null (plain);
  g_assert_null (ascii);
  g_assert_null (wide);
}

/* ---- Open311 ------------------------------------------------------------- */

static void
test_open311_spec_requests (void)
{
  gsize length;
  g_autofree char *data = corpus ("open311/spec-requests.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = ioc_open311_parse_requests (data, length, NULL, &error);
  IocComplaint *c;

  g_assert_no_error (error);
  g_assert_cmpuint (r->requests->len, ==, 2);
  c = r->requests->pdata[0];
  g_assert_cmpstr (ioc_complaint_get_service_request_id (c), ==, "638344");
  g_assert_cmpstr (ioc_complaint_get_service_code (c), ==, "006");
  g_assert_cmpstr (ioc_complaint_get_zipcode (c), ==, "94122");
  g_assert_cmpstr (ioc_complaint_get_address_id (c), ==, "545483");
  g_assert_null (ioc_complaint_get_description (c));
  /* The specification's trailing space is not part of the URL. */
  g_assert_cmpstr (ioc_complaint_get_media_url (c), ==, "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg");
  g_assert_false (ioc_complaint_get_open (c));
  g_assert_cmpint (ioc_complaint_get_status (c), ==, IOC_COMPLAINT_STATUS_RESOLVED);
  g_assert_cmpint (g_date_time_to_unix (ioc_complaint_get_requested_datetime (c)), ==, 1271255858);
  g_assert_true (ioc_complaint_get_has_location (c));
  g_assert_cmpfloat_with_epsilon (ioc_complaint_get_lat (c), 37.762221815, 1e-9);
  g_assert_cmpfloat_with_epsilon (ioc_complaint_get_long (c), -122.4651145, 1e-9);
  /* Plain "open" without extensions: ioc-complaint.c derives acknowledged. */
  g_assert_true (ioc_complaint_get_open (r->requests->pdata[1]));
  g_assert_false (ioc_complaint_get_has_extended_status (r->requests->pdata[1]));
}

static void
test_open311_xml_peculiarities (void)
{
  gsize length;
  g_autofree char *toronto = corpus ("open311/toronto-requests.xml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = ioc_open311_parse_requests (toronto, length, NULL, &error);
  g_autofree char *fms = NULL;
  g_autoptr(IocOpen311Result) f = NULL;
  IocComplaint *c;

  g_assert_no_error (error);
  c = r->requests->pdata[0];
  g_assert_cmpstr (ioc_complaint_get_service_request_id (c), ==, "101005420892");
  /* <long> before <lat>, self-closing empties read as absent. */
  g_assert_cmpfloat_with_epsilon (ioc_complaint_get_lat (c), 43.691104288, 1e-9);
  g_assert_cmpfloat_with_epsilon (ioc_complaint_get_long (c), -79.272306875, 1e-9);
  g_assert_null (ioc_complaint_get_description (c));
  g_assert_null (ioc_complaint_get_updated_datetime (c));
  g_assert_null (ioc_complaint_get_zipcode (c));
  g_assert_nonnull (ioc_complaint_get_expected_datetime (c));

  fms = corpus ("open311/fixmystreet-requests-doc-example-fragment.xml", &length);
  f = ioc_open311_parse_requests (fms, length, NULL, &error);
  g_assert_no_error (error);
  c = f->requests->pdata[0];
  g_assert_cmpstr (ioc_complaint_get_agency_responsible (c), ==, "Statens vegvesen region øst, Oslo");
  g_assert_cmpstr (ioc_complaint_get_service_request_id (c), ==, "1");
  g_assert_true (g_str_has_prefix (ioc_complaint_get_description (c), "Mangler brustein: Det støver"));
}

static void
test_open311_services (void)
{
  gsize length;
  g_autofree char *giessen = corpus ("open311/giessen-services.xml", &length);
  g_autofree char *dc = NULL;
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) g = ioc_open311_parse_services (giessen, length, &error);
  g_autoptr(IocOpen311Result) d = NULL;
  g_autoptr(IocOpen311Result) s = NULL;
  IocOpen311Service *service;

  g_assert_no_error (error);
  service = g->services->pdata[0];
  g_assert_cmpstr (service->service_code, ==, "015");
  g_assert_cmpstr (service->service_name, ==, "Abwasser und Wasser");
  g_assert_null (service->keywords);
  g_assert_false (service->metadata);

  /* HTML escaped inside text stays literal text: never interpreted. */
  dc = corpus ("open311/dc-services.xml", &length);
  d = ioc_open311_parse_services (dc, length, &error);
  g_assert_no_error (error);
  g_assert_true (d->services->len == 86);
  {
    gboolean literal_markup = FALSE;

    for (guint i = 0; i < d->services->len; i++)
      {
        IocOpen311Service *ds = d->services->pdata[i];
        literal_markup |= ds->description != NULL && strstr (ds->description, "<br>") != NULL;
        g_assert_null (strchr (ds->service_code, '\r'));
      }
    g_assert_true (literal_markup);
  }

  spec = corpus ("open311/spec-services.json", &length);
  s = ioc_open311_parse_services (spec, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((IocOpen311Service *) s->services->pdata[1])->service_code, ==, "002");
}

static void
test_open311_updates_statuses (void)
{
  gsize length;
  g_autofree char *data = corpus ("open311/aurora-servicerequestupdates-extended-statuses.xml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = ioc_open311_parse_updates (data, length, NULL, &error);
  static const struct {
    const char        *id;
    gboolean           has_status;
    IocComplaintStatus status;
  } expected[] = {
    { "FMS-01", TRUE, IOC_COMPLAINT_STATUS_IN_PROGRESS },
    { "FMS-03", TRUE, IOC_COMPLAINT_STATUS_RESOLVED },
    { "FMS-02", FALSE, 0 },                             /* "unchanged" */
    { "FMS-04", TRUE, IOC_COMPLAINT_STATUS_IN_PROGRESS },  /* investigating */
    { "FMS-05", TRUE, IOC_COMPLAINT_STATUS_RESOLVED },     /* fixed */
  };

  g_assert_no_error (error);
  g_assert_cmpuint (r->updates->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      IocOpen311Update *u = r->updates->pdata[i];

      g_assert_cmpstr (u->service_request_id, ==, expected[i].id);
      g_assert_cmpint (u->has_status, ==, expected[i].has_status);
      if (expected[i].has_status)
        g_assert_cmpint (u->status, ==, expected[i].status);
    }
  g_assert_cmpstr (((IocOpen311Update *) r->updates->pdata[1])->description, ==,
                   "Ignored unless CS_CLEAR_CASE\n(Also newlines unescaped)");
  g_assert_cmpstr (((IocOpen311Update *) r->updates->pdata[0])->update_id, ==, "FMS-01_14");
}

static void
test_open311_update_apply (void)
{
  gsize length;
  g_autofree char *data = corpus ("open311/mysociety-servicerequestupdates.xml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = ioc_open311_parse_updates (data, length, NULL, &error);
  g_autoptr(IocComplaint) complaint = ioc_complaint_new ("0");

  g_assert_no_error (error);
  ioc_complaint_set_open (complaint, TRUE);
  g_assert_true (ioc_open311_update_apply (r->updates->pdata[0], complaint));
  g_assert_cmpint (ioc_complaint_get_status (complaint), ==, IOC_COMPLAINT_STATUS_RESOLVED);
  g_assert_false (ioc_complaint_get_open (complaint));
  g_assert_cmpuint (ioc_complaint_get_notes (complaint)->len, ==, 1);
  /* Applying the same update twice (overlapping windows) changes nothing. */
  g_assert_false (ioc_open311_update_apply (r->updates->pdata[0], complaint));
  g_assert_cmpuint (ioc_complaint_get_notes (complaint)->len, ==, 1);
}

static void
test_open311_chicago_extensions (void)
{
  gsize length;
  g_autofree char *data = corpus ("open311/chicago-requests-extensions-notes.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = ioc_open311_parse_requests (data, length, NULL, &error);
  IocComplaint *c;
  guint with_media = 0;

  g_assert_no_error (error);
  c = r->requests->pdata[0];
  g_assert_cmpstr (ioc_complaint_get_service_request_id (c), ==, "14-00684314");
  g_assert_cmpuint (ioc_complaint_get_notes (c)->len, >=, 3);
  /* The Chicago note's summary stands in for a missing description. */
  g_assert_cmpstr (((IocComplaintNote *) ioc_complaint_get_notes (c)->pdata[0])->description, ==, "Request opened");
  for (guint i = 0; i < r->requests->len; i++)
    with_media += ioc_complaint_get_media_url (r->requests->pdata[i]) != NULL;
  g_assert_cmpuint (with_media, ==, 2);
}

static void
test_open311_wrappers (void)
{
  static const char *bodies[] = {
    "{\"service_requests\":[{\"service_request_id\":\"a\",\"status\":\"open\"},{\"service_request_id\":\"b\",\"status\":\"closed\"}]}",
    "{\"requests\":[{\"request\":[{\"service_request_id\":\"a\",\"status\":\"open\"},{\"service_request_id\":\"b\",\"status\":\"closed\"}]}]}",
    ("<?xml version=\"1.0\"?><service_requests><request><service_request_id>a</service_request_id><status>open</status></request>"
     "<request><service_request_id>b</service_request_id><status>closed</status></request></service_requests>"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IocOpen311Result) r = ioc_open311_parse_requests (bodies[i], strlen (bodies[i]), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (r->requests->len, ==, 2);
      g_assert_cmpstr (ioc_complaint_get_service_request_id (r->requests->pdata[1]), ==, "b");
    }
}

static void
test_open311_bad_records (void)
{
  const char *body =
    "[{\"service_request_id\":\"1\",\"status\":\"open\",\"lat\":10.5,\"long\":105.1,"
      "\"extended_status\":\"in_progress\",\"priority\":\"khan_cap\",\"commune_code\":\"30280\",\"channel\":\"zalo\","
      "\"notes\":[{\"datetime\":\"2025-01-01T08:00:00+07:00\",\"description\":\"ok\",\"type\":\"comment\",\"author\":\"A\"}],"
      "\"media_urls\":[\"https://x.example/1.jpg\"]},"
    "{\"service_request_id\":\"2\",\"status\":\"open\",\"lat\":\"abc\",\"long\":105},"
    "{\"service_request_id\":\"3\",\"status\":\"open\",\"requested_datetime\":\"2014-02-30T10:00:00Z\"},"
    "{\"service_request_id\":\"4\",\"status\":\"open\",\"description\":{\"x\":1}},"
    "{\"service_request_id\":\"5\",\"status\":\"open\",\"description\":\"<b>bold</b> &amp; <script>x</script>\"},"
    "42,"
    "{\"status\":\"open\"},"
    "{\"service_request_id\":\"8\",\"status\":\"open\",\"lat\":91,\"long\":0},"
    "{\"service_request_id\":\"9\",\"status\":\"Đang xử lý\"},"
    "{\"service_request_id\":\"10\",\"status\":\"open\",\"notes\":[\"x\"]},"
    "{\"service_request_id\":[1],\"status\":\"open\"},"
    "{\"service_request_id\":\"12\",\"status\":\"open\",\"lat\":10}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(IocOpen311Result) r = ioc_open311_parse_requests (body, strlen (body), NULL, &error);
  IocComplaint *first, *markup, *words;

  g_assert_no_error (error);
  g_assert_cmpuint (r->n_records, ==, 12);
  g_assert_cmpuint (r->requests->len, ==, 3);
  g_assert_cmpuint (r->skipped->len, ==, 9);
  for (guint i = 0; i < r->skipped->len; i++)
    g_test_message ("%s", (const char *) r->skipped->pdata[i]);
  g_assert_true (any_contains (r->skipped, "record 2: “lat” is not a number"));
  g_assert_true (any_contains (r->skipped, "record 3: “requested_datetime”"));
  g_assert_true (any_contains (r->skipped, "record 4: “description” is an object"));
  g_assert_true (any_contains (r->skipped, "record 6: it is not an object"));
  g_assert_true (any_contains (r->skipped, "record 7: “service_request_id” is missing"));
  g_assert_true (any_contains (r->skipped, "record 8:"));
  g_assert_true (any_contains (r->skipped, "record 12: it has only one of"));

  first = r->requests->pdata[0];
  g_assert_cmpint (ioc_complaint_get_status (first), ==, IOC_COMPLAINT_STATUS_IN_PROGRESS);
  g_assert_cmpint (ioc_complaint_get_priority (first), ==, IOC_PRIORITY_KHAN_CAP);
  g_assert_cmpstr (ioc_complaint_get_commune_code (first), ==, "30280");
  g_assert_cmpint (ioc_complaint_get_channel (first), ==, IOC_COMPLAINT_CHANNEL_ZALO);
  g_assert_cmpuint (ioc_complaint_get_notes (first)->len, ==, 1);
  g_assert_cmpstr (ioc_complaint_get_media_urls (first)[0], ==, "https://x.example/1.jpg");

  /* Markup in text is kept literally: parsers never interpret text. */
  markup = r->requests->pdata[1];
  g_assert_cmpstr (ioc_complaint_get_description (markup), ==, "<b>bold</b> &amp; <script>x</script>");

  /* A back end's own status word, through the adapter table. */
  words = r->requests->pdata[2];
  g_assert_cmpint (ioc_complaint_get_status (words), ==, IOC_COMPLAINT_STATUS_IN_PROGRESS);
  g_assert_true (ioc_complaint_get_open (words));
}

static void
test_open311_hostile_xml (void)
{
  static const char *bodies[] = {
    /* billion laughs: refused because of the DTD */
    ("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
     "<service_requests><request><service_request_id>&lol2;</service_request_id></request></service_requests>"),
    /* external entity */
    ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
     "<service_requests><request><service_request_id>&x;</service_request_id></request></service_requests>"),
    "<service_requests><request>",
    "<a></b>",
    "<",
    "garbage that is neither",
    "\xff\xfe<\x00x\x00>\x00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IocOpen311Result) r = ioc_open311_parse_requests (bodies[i], strlen (bodies[i]), NULL, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "parsed");
      g_assert_null (r);
      g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID);
    }
}

static void
test_open311_wrong_types_everywhere (void)
{
  static const char *members[] = {
    "status_notes", "service_name", "service_code", "description", "agency_responsible",
    "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url", "extended_status",
    "priority", "commune_code", "notes", "media_urls", "claimed_by", "duplicate_of",
    "channel", "status",
  };
  static const char *wrong[] = { "{\"x\":1}", "[{}]", "true" };

  /* Every field with a value of a wrong type skips its record, not the page. */
  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    for (guint w = 0; w < G_N_ELEMENTS (wrong); w++)
      {
        g_autofree char *body = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(IocOpen311Result) r = NULL;

        if (g_str_equal (wrong[w], "[{}]") && (g_str_equal (members[m], "notes") || g_str_equal (members[m], "agency_responsible")))
          continue;  /* lists are allowed there; tested elsewhere */
        body = g_strdup_printf ("[{\"service_request_id\":\"ok\",\"status\":\"open\"},"
                                "{\"service_request_id\":\"bad\",\"status\":\"open\",\"lat\":1,\"long\":2,\"%s\":%s}]",
                                members[m], wrong[w]);
        r = ioc_open311_parse_requests (body, strlen (body), NULL, &error);
        g_assert_no_error (error);
        if (r->requests->len != 1)
          g_error ("%s = %s was accepted", members[m], wrong[w]);
        g_assert_cmpuint (r->skipped->len, ==, 1);
        g_assert_true (g_str_has_prefix (r->skipped->pdata[0], "record 2: "));
      }
}

static void
test_open311_error_bodies (void)
{
  static const char *bodies[] = {
    "[{\"code\":403,\"description\":\"Invalid api_key\"}]",
    "<?xml version=\"1.0\"?><errors><error><code>409</code><description>Changed since</description></error></errors>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ioc_open311_parse_error_body (bodies[i], strlen (bodies[i]), &error));
      g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER);
      g_assert_true (strstr (error->message, i == 0 ? "Invalid api_key (403)" : "Changed since (409)") != NULL);
    }
  g_assert_false (ioc_open311_parse_error_body ("[{\"service_request_id\":1}]", 26, NULL));
}

/* ---- SensorThings -------------------------------------------------------- */

static void
test_sta_hamburg (void)
{
  gsize length;
  g_autofree char *data = corpus ("sensorthings/hamburg-things-expand-locations-datastreams-latest-obs.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_THINGS, data, length,
                                             "https://iot.hamburg.de/v1.1/Things", NULL, &error);
  IocStation *station;
  GListModel *streams;
  guint with_latest = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (r->stations->len, ==, 1);
  station = r->stations->pdata[0];
  /* The body's @iot.id wins over its (edited) selfLink. */
  g_assert_cmpstr (ioc_station_get_id (station), ==, "228");
  g_assert_true (ioc_station_get_has_location (station));
  /* The centroid of the building's polygon. */
  g_assert_cmpfloat (ioc_station_get_lat (station), >, 53.4754);
  g_assert_cmpfloat (ioc_station_get_lat (station), <, 53.4759);
  g_assert_cmpfloat (ioc_station_get_long (station), >, 10.2006);
  g_assert_cmpfloat (ioc_station_get_long (station), <, 10.2015);
  streams = ioc_station_get_datastreams (station);
  g_assert_cmpuint (g_list_model_get_n_items (streams), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(IocDatastream) ds = g_list_model_get_item (streams, i);
      with_latest += ioc_datastream_get_latest (ds) != NULL;
    }
  g_assert_cmpuint (with_latest, ==, 8);
  g_assert_cmpstr (r->next_link, ==, "http://next");
}

static void
test_sta_mojibake (void)
{
  gsize length;
  g_autofree char *data = corpus ("sensorthings/frost-vcr-datastream-mojibake-uom-symbol.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_DATASTREAMS, data, length, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ioc_datastream_get_unit_symbol (r->datastreams->pdata[0]), ==, "℃");
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_true (any_contains (r->warnings, "encoded twice"));
}

static void
test_sta_observations (void)
{
  const char *body =
    "{\"@iot.count\":7,\"@iot.nextLink\":\"/v1.1/Observations?$skip=4\",\"value\":["
    "{\"phenomenonTime\":\"2025-01-01T00:00:00Z/2025-01-01T01:00:00Z\",\"result\":12.5},"
    "{\"phenomenonTime\":\"2025-01-01T02:00:00+07:00\",\"result\":\"7\"},"
    "{\"phenomenonTime\":\"2025-01-01T03:00:00Z\",\"result\":null},"
    "{\"phenomenonTime\":\"2025-01-01T04:00:00Z\",\"result\":{\"v\":1}},"
    "{\"phenomenonTime\":\"2025-02-30T04:00:00Z\",\"result\":1},"
    "{\"phenomenonTime\":\"2025-01-01T05:00:00Z\",\"result\":\"7 mg\"},"
    "{\"phenomenonTime\":\"2025-01-01T06:00:00Z/2024-01-01T00:00:00Z\",\"result\":1}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_OBSERVATIONS, body, strlen (body),
                                             "https://h.example/FROST-Server/v1.1/Datastreams(1)/Observations", NULL, &error);
  IocObservation *o;

  g_assert_no_error (error);
  g_assert_cmpuint (r->observations->len, ==, 3);
  g_assert_cmpuint (r->skipped->len, ==, 4);
  g_assert_true (r->has_count);
  g_assert_cmpuint (r->count, ==, 7);
  /* Host-relative next link, resolved against the request. */
  g_assert_cmpstr (r->next_link, ==, "https://h.example/v1.1/Observations?$skip=4");
  o = r->observations->pdata[0];
  /* An interval stands for its end. */
  g_assert_cmpint (o->phenomenon_time, ==, (gint64) 1735693200 * G_USEC_PER_SEC);
  g_assert_cmpfloat (o->result, ==, 12.5);
  o = r->observations->pdata[1];
  g_assert_true (o->has_result);
  g_assert_cmpfloat (o->result, ==, 7);
  o = r->observations->pdata[2];
  g_assert_false (o->has_result);
  g_assert_true (any_contains (r->skipped, "record 4: “result” is an object"));
}

static void
test_sta_dataarray (void)
{
  gsize length;
  g_autofree char *data = corpus ("sensorthings/sta11-spec-datastream-observations-dataarray.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_OBSERVATIONS, data, length, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->observations->len, ==, 3);
  g_assert_cmpfloat (((IocObservation *) r->observations->pdata[1])->result, ==, 30);
  g_assert_cmpuint (r->count, ==, 42);
}

static void
test_sta_things_mapping (void)
{
  const char *body =
    "{\"value\":[{\"@iot.id\":\"st-1\",\"name\":\"Long Xuyên\",\"properties\":{\"station_kind\":\"air\",\"commune_code\":\"30280\","
      "\"alarm_levels\":{\"bd1\":2.5,\"bd2\":3.0,\"bd3\":3.5}},"
      "\"Locations\":[{\"location\":{\"type\":\"Point\",\"coordinates\":[105.43,10.38]}}],"
      "\"Datastreams\":[{\"@iot.id\":5,\"name\":\"a\",\"unitOfMeasurement\":{\"symbol\":\"mg/m³\"},"
        "\"ObservedProperty\":{\"name\":\"Carbon monoxide\"}},"
        "{\"@iot.id\":6,\"name\":\"b\",\"ObservedProperty\":{\"name\":\"x\",\"definition\":\"https://www.eionet.europa.eu/aqportal/ontology/pollutants/6001\"}},"
        "{\"@iot.id\":7,\"name\":\"c\",\"ObservedProperty\":{\"name\":\"Particulate matter < 2.5 µm\"},\"unitOfMeasurement\":{\"symbol\":\"\"}},"
        "{\"name\":\"no id\"}]},"
    "{\"@iot.id\":2,\"properties\":\"not an object\"},"
    "{\"@iot.id\":3,\"Locations\":[{\"location\":{\"type\":\"Point\",\"coordinates\":[200,95]}}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_THINGS, body, strlen (body), NULL, NULL, &error);
  IocStation *station;
  double levels[3];

  g_assert_no_error (error);
  g_assert_cmpuint (r->stations->len, ==, 2);
  station = r->stations->pdata[0];
  g_assert_cmpint (ioc_station_get_kind (station), ==, IOC_STATION_KIND_AIR);
  g_assert_cmpstr (ioc_station_get_commune_code (station), ==, "30280");
  g_assert_true (ioc_station_get_alarm_levels (station, levels));
  g_assert_cmpfloat (levels[2], ==, 3.5);
  g_assert_cmpfloat_with_epsilon (ioc_station_get_lat (station), 10.38, 1e-9);
  g_assert_cmpint (ioc_datastream_get_parameter (ioc_station_find_datastream (station, "5")), ==, IOC_PARAMETER_CO);
  g_assert_cmpstr (ioc_datastream_get_unit_symbol (ioc_station_find_datastream (station, "5")), ==, "mg/m³");
  g_assert_cmpint (ioc_datastream_get_parameter (ioc_station_find_datastream (station, "6")), ==, IOC_PARAMETER_PM25);
  /* No symbol: the adapter's default unit. */
  g_assert_cmpstr (ioc_datastream_get_unit_symbol (ioc_station_find_datastream (station, "6")), ==, "µg/m³");
  g_assert_cmpint (ioc_datastream_get_parameter (ioc_station_find_datastream (station, "7")), ==, IOC_PARAMETER_PM25);
  g_assert_true (any_contains (r->skipped, "record 1, datastream 4: “@iot.id” is missing"));
  g_assert_true (any_contains (r->skipped, "record 2: “properties” is not an object"));
  /* A location off the Earth is a warning; the station is kept without one. */
  g_assert_false (ioc_station_get_has_location (r->stations->pdata[1]));
}

static void
test_sta_nested_links (void)
{
  gsize length;
  g_autofree char *data = corpus ("sensorthings/frost-client-things-expand-datastreams-nested-count-nextlink.json", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_THINGS, data, length, NULL, NULL, &error);
  IocStaNestedLink *link;

  g_assert_no_error (error);
  /* Percent-encoding of the server's link is kept as it is. */
  g_assert_cmpstr (r->next_link, ==,
                   "https://server.de/SensorThingsService/v1.0/Things?$top=2&$skip=14&$expand=Datastreams%28%24top%3D2%3B%24count%3Dtrue%29");
  /* "Valdagno" has an empty inline list but a count of 6: the rest is at its link. */
  g_assert_cmpuint (g_list_model_get_n_items (ioc_station_get_datastreams (r->stations->pdata[1])), ==, 0);
  g_assert_cmpuint (r->nested_links->len, ==, 2);
  link = r->nested_links->pdata[1];
  g_assert_cmpstr (link->entity_id, ==, "20");
  g_assert_cmpstr (link->link, ==, "https://server.de/SensorThingsService/v1.0/Things(20)/Datastreams?$top=2&$skip=2&$count=true");
  g_assert_cmpstr (ioc_datastream_get_unit_symbol (ioc_station_find_datastream (r->stations->pdata[0], "66")), ==, "°C");
}

static void
test_sta_links (void)
{
  const char *body = "{\"@iot.nextLink\":\"file:///etc/passwd\",\"value\":[]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(IocStaResult) r = ioc_sta_parse (IOC_STA_ENTITY_THINGS, body, strlen (body),
                                             "https://h.example/v1.1/Things", NULL, &error);

  g_assert_no_error (error);
  g_assert_null (r->next_link);
  g_assert_cmpuint (r->warnings->len, ==, 1);
}

/* ---- TTHC ---------------------------------------------------------------- */

static void
test_tthc (void)
{
  const char *units =
    "[{\"unit_id\":\"SO-TNMT\",\"name\":\"Sở Tài nguyên và Môi trường\",\"kind\":\"so_nganh\"},"
    "{\"unit_id\":30280,\"name\":\"Phường Long Xuyên\",\"kind\":\"phuong\",\"commune_code\":\"30280\"},"
    "{\"unit_id\":\"X\",\"name\":\"?\",\"kind\":\"huyen\"},"
    "{\"unit_id\":\"Y\",\"kind\":\"xa\"}]";
  const char *stats =
    "{\"period\":{\"from\":\"2025-07-01\",\"to\":\"2025-07-31\"},\"generated_at\":\"2025-08-01T00:00:00+07:00\",\"units\":["
    "{\"unit_id\":\"A\",\"services_total\":10,\"services_partial_online\":3,\"services_full_online\":5,\"received\":100,"
      "\"received_online\":40,\"finished_early\":10,\"finished_on_time\":70,\"finished_late\":5,\"unfinished_in_time\":10,"
      "\"unfinished_overdue\":5,\"fee_bearing\":20,\"paid_online\":10,\"results_electronic\":30,\"digitised\":50,"
      "\"reused_digitised\":5,\"synced_national\":90,\"complained_or_disliked\":1},"
    "{\"unit_id\":\"B\",\"services_total\":10,\"services_partial_online\":3,\"services_full_online\":5,\"received\":100,"
      "\"received_online\":400,\"finished_early\":10,\"finished_on_time\":70,\"finished_late\":5,\"unfinished_in_time\":10,"
      "\"unfinished_overdue\":5,\"fee_bearing\":20,\"paid_online\":10,\"results_electronic\":30,\"digitised\":50,"
      "\"reused_digitised\":5,\"synced_national\":90,\"complained_or_disliked\":1},"
    "{\"unit_id\":\"C\",\"received\":-1}]}";
  const char *daily =
    "{\"period\":{\"from\":\"2025-07-01\",\"to\":\"2025-07-02\"},\"unit_id\":null,\"days\":["
    "{\"date\":\"2025-07-01\",\"received\":5,\"received_online\":2,\"finished_early\":1,\"finished_on_time\":2,\"finished_late\":0,"
      "\"unfinished_in_time\":2,\"unfinished_overdue\":0,\"fee_bearing\":1,\"paid_online\":1,\"results_electronic\":1,"
      "\"digitised\":1,\"reused_digitised\":0,\"synced_national\":5,\"complained_or_disliked\":0},"
    "{\"date\":\"2025-07-09\",\"received\":5}]}";
  const char *dossiers =
    "[{\"dossier_id\":\"D1\",\"procedure_code\":\"1.001\",\"procedure_name\":\"Cấp phép\",\"unit_id\":\"A\",\"officer\":\"Nguyễn Văn A\","
      "\"received_at\":\"2025-07-01T08:00:00+07:00\",\"due_at\":\"2025-07-10T17:00:00+07:00\",\"status_code\":4,\"channel\":2},"
    "{\"dossier_id\":\"D2\",\"unit_id\":\"A\",\"received_at\":\"2025-07-01T08:00:00+07:00\",\"status_code\":11,\"channel\":2},"
    "{\"dossier_id\":\"D3\",\"unit_id\":\"A\",\"received_at\":\"2025-02-30T08:00:00+07:00\",\"status_code\":4,\"channel\":2}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(IocTthcResult) u = ioc_tthc_parse_units (units, strlen (units), &error);
  g_autoptr(IocTthcResult) s = NULL;
  g_autoptr(IocTthcResult) d = NULL;
  g_autoptr(IocTthcResult) x = NULL;
  g_autoptr(IocTthcResult) e = NULL;
  IocTthcDossier *dossier;

  g_assert_no_error (error);
  g_assert_cmpuint (u->units->len, ==, 2);
  g_assert_cmpuint (u->skipped->len, ==, 2);
  g_assert_cmpstr (ioc_tthc_unit_get_unit_id (u->units->pdata[1]), ==, "30280");

  s = ioc_tthc_parse_stats (stats, strlen (stats), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->stats->len, ==, 1);
  g_assert_cmpuint (s->skipped->len, ==, 2);
  g_assert_cmpuint (((IocTthcStats *) s->stats->pdata[0])->received_online, ==, 40);
  g_assert_cmpint (g_date_get_day (&((IocTthcStats *) s->stats->pdata[0])->to), ==, 31);

  d = ioc_tthc_parse_daily (daily, strlen (daily), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->stats->len, ==, 1);
  g_assert_true (any_contains (d->skipped, "record 2: the day is outside"));

  x = ioc_tthc_parse_dossiers (dossiers, strlen (dossiers), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (x->dossiers->len, ==, 1);
  dossier = x->dossiers->pdata[0];
  g_assert_cmpint (dossier->status, ==, IOC_DOSSIER_STATUS_DANG_XU_LY);
  g_assert_cmpint (dossier->channel, ==, IOC_DOSSIER_CHANNEL_TRUC_TUYEN);
  g_assert_true (any_contains (x->skipped, "record 2: “status_code”"));
  g_assert_true (any_contains (x->skipped, "record 3: “received_at”"));

  e = ioc_tthc_parse_units ("{\"code\":400,\"message\":\"from is after to\"}", 41, &error);
  g_assert_null (e);
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "from is after to"));
}

/* ---- adapter ------------------------------------------------------------- */

static void
test_adapter_parameters (void)
{
  g_autoptr(IocFeedAdapter) adapter = ioc_feed_adapter_new ();
  static const struct {
    const char  *name;
    const char  *definition;
    IocParameter parameter;
  } cases[] = {
    { "PM2.5", NULL, IOC_PARAMETER_PM25 },
    { "pm25", NULL, IOC_PARAMETER_PM25 },
    { "PM 2.5", NULL, IOC_PARAMETER_PM25 },
    { "Particulate matter < 2.5 µm", NULL, IOC_PARAMETER_PM25 },
    { "BỤI PM2.5", NULL, IOC_PARAMETER_PM25 },
    { NULL, "HTTPS://www.eionet.europa.eu/aqportal/ontology/pollutants/6001", IOC_PARAMETER_PM25 },
    { "CO", NULL, IOC_PARAMETER_CO },
    { "n-nh4", NULL, IOC_PARAMETER_N_NH4 },
    { "E. coli", NULL, IOC_PARAMETER_E_COLI },
    { "Mực nước", NULL, IOC_PARAMETER_WATER_LEVEL },
    { "salinity", NULL, IOC_PARAMETER_SALINITY },
    { "DewPoint Temperature", NULL, IOC_PARAMETER_UNKNOWN },
    { NULL, NULL, IOC_PARAMETER_UNKNOWN },
    { "\xff", NULL, IOC_PARAMETER_UNKNOWN },
  };
  const char *unit = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ioc_feed_adapter_lookup_parameter (adapter, cases[i].name, cases[i].definition, NULL),
                     ==, cases[i].parameter);
  g_assert_cmpint (ioc_feed_adapter_lookup_parameter (adapter, "DO", NULL, &unit), ==, IOC_PARAMETER_DO);
  g_assert_cmpstr (unit, ==, "mg/L");
}

static void
test_adapter_statuses (void)
{
  g_autoptr(IocFeedAdapter) adapter = ioc_feed_adapter_new ();
  g_autoptr(GError) error = NULL;
  static const struct {
    const char        *word;
    IocComplaintStatus status;
  } cases[] = {
    { "open", IOC_COMPLAINT_STATUS_NEW },
    { "closed", IOC_COMPLAINT_STATUS_RESOLVED },
    { "in_progress", IOC_COMPLAINT_STATUS_IN_PROGRESS },
    { "In Progress", IOC_COMPLAINT_STATUS_IN_PROGRESS },
    { "investigating", IOC_COMPLAINT_STATUS_IN_PROGRESS },
    { "fixed", IOC_COMPLAINT_STATUS_RESOLVED },
    { "Đang xử lý", IOC_COMPLAINT_STATUS_IN_PROGRESS },
    { "đã giải quyết", IOC_COMPLAINT_STATUS_RESOLVED },
    { "duplicate", IOC_COMPLAINT_STATUS_DUPLICATE },
    { "reopened", IOC_COMPLAINT_STATUS_REOPENED },
  };
  IocComplaintStatus status;
  /* A SmartAnGiang-like vocabulary: a configuration, not a fork. */
  const char *operator_file =
    "[status acknowledged]\nwords=Đã tiếp nhận;tiep_nhan\n"
    "[status rejected]\nwords=fixed\n"
    "[parameter PM10]\nnames=Bụi mịn 10\nunit=mg/m³\n";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (ioc_feed_adapter_lookup_status (adapter, cases[i].word, &status));
      g_assert_cmpint (status, ==, cases[i].status);
    }
  g_assert_false (ioc_feed_adapter_lookup_status (adapter, "unchanged", &status));

  g_assert_true (ioc_feed_adapter_load_data (adapter, operator_file, -1, &error));
  g_assert_no_error (error);
  g_assert_true (ioc_feed_adapter_lookup_status (adapter, "TIEP NHAN", &status));
  g_assert_cmpint (status, ==, IOC_COMPLAINT_STATUS_ACKNOWLEDGED);
  /* Overrides the built-in meaning. */
  g_assert_true (ioc_feed_adapter_lookup_status (adapter, "fixed", &status));
  g_assert_cmpint (status, ==, IOC_COMPLAINT_STATUS_REJECTED);
  g_assert_cmpint (ioc_feed_adapter_lookup_parameter (adapter, "bụi mịn 10", NULL, NULL), ==, IOC_PARAMETER_PM10);

  /* A bad file changes nothing. */
  g_assert_false (ioc_feed_adapter_load_data (adapter, "[status fixed]\nwords=fixed\n", -1, &error));
  g_assert_error (error, IOC_FEED_ERROR, IOC_FEED_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ioc_feed_adapter_load_data (adapter, "[parameter Unobtainium]\nnames=u\n", -1, &error));
  g_clear_error (&error);
  g_assert_false (ioc_feed_adapter_load_data (adapter, "[weird]\n", -1, &error));
  g_clear_error (&error);
  g_assert_true (ioc_feed_adapter_lookup_status (adapter, "fixed", &status));
  g_assert_cmpint (status, ==, IOC_COMPLAINT_STATUS_REJECTED);
}

static void
test_adapter_default_data_round_trip (void)
{
  g_autoptr(IocFeedAdapter) empty = ioc_feed_adapter_new_empty ();
  g_autoptr(GError) error = NULL;
  IocComplaintStatus status;
  g_autofree char *path = NULL;
  int fd;

  g_assert_false (ioc_feed_adapter_lookup_status (empty, "open", &status));
  fd = g_file_open_tmp ("ioc-adapter-XXXXXX.conf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, ioc_feed_adapter_get_default_data (), -1, &error));
  g_assert_true (ioc_feed_adapter_load_file (empty, path, &error));
  g_assert_no_error (error);
  g_assert_true (ioc_feed_adapter_lookup_status (empty, "open", &status));
  g_unlink (path);
}

/* ---- back-off ------------------------------------------------------------ */

static void
test_backoff (void)
{
  g_autoptr(IocFeedBackoff) a = ioc_feed_backoff_new (1000, 60000, 42);
  g_autoptr(IocFeedBackoff) b = ioc_feed_backoff_new (1000, 60000, 42);
  guint distinct = 0, previous = G_MAXUINT;

  for (guint i = 0; i < 40; i++)
    {
      guint ceiling = ioc_feed_backoff_peek_ceiling (a);
      guint da = ioc_feed_backoff_next_delay (a);
      guint db = ioc_feed_backoff_next_delay (b);

      /* Deterministic with a seed; full jitter under a doubling ceiling. */
      g_assert_cmpuint (da, ==, db);
      g_assert_cmpuint (da, <=, ceiling);
      g_assert_cmpuint (ceiling, ==, MIN (60000u, 1000u << MIN (i, 16u)));
      distinct += da != previous;
      previous = da;
    }
  g_assert_cmpuint (distinct, >, 30);
  g_assert_cmpuint (ioc_feed_backoff_get_failures (a), ==, 40);
  ioc_feed_backoff_reset (a);
  g_assert_cmpuint (ioc_feed_backoff_peek_ceiling (a), ==, 1000);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/json/guard", test_json_guard);
  g_test_add_func ("/feeds/json/deep-nesting", test_json_deep_nesting);
  g_test_add_func ("/feeds/json/numbers", test_json_numbers);
  g_test_add_func ("/feeds/json/datetime", test_datetime);
  g_test_add_func ("/feeds/json/repair-double-utf8", test_repair_double_utf8);
  g_test_add_func ("/feeds/open311/spec-requests", test_open311_spec_requests);
  g_test_add_func ("/feeds/open311/xml-peculiarities", test_open311_xml_peculiarities);
  g_test_add_func ("/feeds/open311/services", test_open311_services);
  g_test_add_func ("/feeds/open311/updates-statuses", test_open311_updates_statuses);
  g_test_add_func ("/feeds/open311/update-apply", test_open311_update_apply);
  g_test_add_func ("/feeds/open311/chicago-extensions", test_open311_chicago_extensions);
  g_test_add_func ("/feeds/open311/wrappers", test_open311_wrappers);
  g_test_add_func ("/feeds/open311/bad-records", test_open311_bad_records);
  g_test_add_func ("/feeds/open311/hostile-xml", test_open311_hostile_xml);
  g_test_add_func ("/feeds/open311/wrong-types-everywhere", test_open311_wrong_types_everywhere);
  g_test_add_func ("/feeds/open311/error-bodies", test_open311_error_bodies);
  g_test_add_func ("/feeds/sta/hamburg", test_sta_hamburg);
  g_test_add_func ("/feeds/sta/mojibake", test_sta_mojibake);
  g_test_add_func ("/feeds/sta/observations", test_sta_observations);
  g_test_add_func ("/feeds/sta/dataarray", test_sta_dataarray);
  g_test_add_func ("/feeds/sta/things-mapping", test_sta_things_mapping);
  g_test_add_func ("/feeds/sta/links", test_sta_links);
  g_test_add_func ("/feeds/sta/nested-links", test_sta_nested_links);
  g_test_add_func ("/feeds/tthc/parse", test_tthc);
  g_test_add_func ("/feeds/adapter/parameters", test_adapter_parameters);
  g_test_add_func ("/feeds/adapter/statuses", test_adapter_statuses);
  g_test_add_func ("/feeds/adapter/default-data", test_adapter_default_data_round_trip);
  g_test_add_func ("/feeds/backoff", test_backoff);

  return g_test_run ();
}
