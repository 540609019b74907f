/* test-open311-fast-path.c — the tree-less reader of requests.json pages
 * (ioc-json-scanner, ioc-open311-fast-requests) held to the general reader
 *
 * The fast path exists for speed only: on every body it accepts, the result
 * must equal the general reader's, field for field; everything it refuses
 * must go to the general reader. The simulator's pages must take the fast
 * path, or the ingest benchmark silently loses its figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "ioc-json-scanner.h"
#include "ioc-open311-parser-private.h"

/* ---- the scanner -------------------------------------------------------- */

static gboolean
scan_whole (const char *text,
            gssize      length)
{
  IocJsonScanner scanner;
  gboolean ok;

  ioc_json_scanner_init (&scanner, text, length < 0 ? strlen (text) : (gsize) length);
  ok = ioc_json_scanner_skip_value (&scanner) && ioc_json_scanner_at_end (&scanner);
  g_assert_true (ok != scanner.failed || !ok);
  ioc_json_scanner_clear (&scanner);
  return ok;
}

static void
test_scanner_accepts (void)
{
  static const char * const valid[] = {
    "[]",
    " \t\r\n[ ] \n",
    "{}",
    "[1, -2.5e3, 0, -0, 0.25, 1E+2, 3e-2]",
    "[\"\", \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\ud83d\\ude00\"]",
    "[true, false, null]",
    "{\"k\" : [ { \"x\" : { } } ], \"l\":\"Phản ánh\"}",
    "\xEF\xBB\xBF[1]",
    "[123456789012345]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("valid %u: %s", i, valid[i]);
      g_assert_true (scan_whole (valid[i], -1));
    }
}

static void
test_scanner_refuses (void)
{
  /* Invalid JSON, and valid forms that the general path rewrites (leading
   * zeros, integers beyond 15 digits) or that are ambiguous (\u0000, lone
   * surrogates): all must stop the fast path. */
  static const char * const refused[] = {
    "", " ", "[", "[1,]", "[,1]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{1:2}",
    "[01]", "[-01]", "[1234567890123456]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]",
    "[NaN]", "[Infinity]", "['a']", "[tru]", "[nul]", "[True]",
    "[\"\\u0000\"]", "[\"\\ud800\"]", "[\"\\ud800x\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]",
    "[\"\\x41\"]", "[\"\\u12\"]", "[\"abc]", "[\"a\tb\"]", "[\"a\nb\"]",
    "[\"\xff\"]", "[\"\xc3\"]", "[\"\xed\xa0\x80\"]",
    "[1] x", "[1][2]", "[1] // comment", "/* c */ [1]",
  };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused %u: %s", i, refused[i]);
      g_assert_false (scan_whole (refused[i], -1));
    }
  /* A NUL byte inside a string. */
  g_assert_false (scan_whole ("[\"a\0b\"]", 7));
  /* Nesting beyond the limit. */
  for (guint i = 0; i <= IOC_JSON_SCANNER_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i <= IOC_JSON_SCANNER_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_assert_false (scan_whole (deep->str, deep->len));
  g_string_truncate (deep, 0);
  for (guint i = 0; i < IOC_JSON_SCANNER_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < IOC_JSON_SCANNER_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_assert_true (scan_whole (deep->str, deep->len));
}

static void
test_scanner_values (void)
{
  const char *text = "{\"n\": -2.5e3, \"s\": \"x\\u00e9\\ud83d\\ude00\\n\", \"b\": true, \"z\": null}";
  IocJsonScanner scanner;
  double number = 0;
  gboolean boolean = FALSE;

  ioc_json_scanner_init (&scanner, text, strlen (text));
  g_assert_true (ioc_json_scanner_enter_object (&scanner));
  g_assert_true (ioc_json_scanner_next_member (&scanner));
  g_assert_cmpstr (scanner.text->str, ==, "n");
  g_assert_true (ioc_json_scanner_read_number (&scanner, &number));
  g_assert_cmpfloat (number, ==, -2500.0);
  g_assert_true (ioc_json_scanner_next_member (&scanner));
  g_assert_cmpint (ioc_json_scanner_peek (&scanner), ==, IOC_JSON_STRING);
  g_assert_true (ioc_json_scanner_read_string (&scanner));
  g_assert_cmpstr (scanner.text->str, ==, "x\xc3\xa9\xf0\x9f\x98\x80\n");
  g_assert_true (ioc_json_scanner_next_member (&scanner));
  g_assert_true (ioc_json_scanner_read_boolean (&scanner, &boolean));
  g_assert_true (boolean);
  g_assert_true (ioc_json_scanner_next_member (&scanner));
  g_assert_cmpint (ioc_json_scanner_peek (&scanner), ==, IOC_JSON_NULL);
  g_assert_true (ioc_json_scanner_read_null (&scanner));
  g_assert_false (ioc_json_scanner_next_member (&scanner));
  g_assert_false (scanner.failed);
  g_assert_true (ioc_json_scanner_at_end (&scanner));
  /* Reading the wrong kind fails and stays failed. */
  ioc_json_scanner_clear (&scanner);
  ioc_json_scanner_init (&scanner, "[\"a\"]", 5);
  g_assert_true (ioc_json_scanner_enter_array (&scanner));
  g_assert_true (ioc_json_scanner_next_element (&scanner));
  g_assert_false (ioc_json_scanner_read_number (&scanner, &number));
  g_assert_true (scanner.failed);
  g_assert_false (ioc_json_scanner_next_element (&scanner));
  ioc_json_scanner_clear (&scanner);
}

/* ---- the fast path against the general reader --------------------------- */

/* TRUE when the fast path took @body; then its result equals the general's. */
static gboolean
check_same (const char *what,
            const char *body,
            gsize       length)
{
  g_autoptr(IocFeedAdapter) adapter = ioc_feed_adapter_new ();
  g_autoptr(IocOpen311Result) fast = ioc_open311_parse_requests_fast (body, length, adapter);
  g_autoptr(IocOpen311Result) general = NULL;
  g_autoptr(GError) error = NULL;

  if (fast == NULL)
    {
      g_test_message ("%s: general reader only", what);
      return FALSE;
    }
  general = ioc_open311_parse_requests_general (body, length, adapter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (general->skipped->len, ==, 0);
  g_assert_cmpuint (fast->skipped->len, ==, 0);
  g_assert_cmpuint (general->n_records, ==, fast->n_records);
  g_assert_cmpuint (general->requests->len, ==, fast->requests->len);
  g_assert_cmpint (general->format, ==, fast->format);
  for (guint i = 0; i < fast->requests->len; i++)
    if (!ioc_complaint_equal (general->requests->pdata[i], fast->requests->pdata[i]))
      g_error ("%s: record %u differs between the fast and the general reader", what, i + 1);
  g_assert_cmpuint (general->warnings->len, ==, fast->warnings->len);
  for (guint i = 0; i < fast->warnings->len; i++)
    g_assert_cmpstr (general->warnings->pdata[i], ==, fast->warnings->pdata[i]);
  g_test_message ("%s: fast path, %u records equal", what, fast->requests->len);
  return TRUE;
}

static void
test_corpus (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("IOC_SHARED_DIR"), "peer-corpus", "open311", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_json = 0;

  if (listing == NULL)
    {
      g_test_skip ("../shared/peer-corpus/open311 is not there");
      return;
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      check_same (name, contents, length);
      n_json++;
    }
  g_assert_cmpuint (n_json, >, 0);
}

/* Hand-made records for each member type: every one must read the same
 * either way, whichever path takes it. */
static void
test_edge_records (void)
{
  static const struct {
    const char *body;
    gboolean    fast;   /* the fast path must take it */
  } cases[] = {
    { "[]", TRUE },
    { "[{\"service_request_id\":\" A-1 \",\"status\":\"open\"}]", TRUE },
    { "[{\"status\":\"closed\",\"service_request_id\":\"A-1\",\"lat\":10,\"long\":105.5,"
      "\"notes\":null,\"media_urls\":null,\"media_url\":\"  \",\"requested_datetime\":\"\"}]", TRUE },
    { "[{\"service_request_id\":\"A-1\",\"extended_status\":\"in_progress\",\"priority\":\"khẩn\","
      "\"channel\":\"hotline\",\"commune_code\":\"30367\",\"unknown\":{\"x\":[1,{\"y\":null}]},"
      "\"notes\":[{\"datetime\":\"2026-01-02T03:04:05+07:00\",\"summary\":\"s\",\"type\":\"status\"}],"
      "\"media_urls\":[\" http://x/1.png \",\"\"]}]", TRUE },
    /* Warnings come out the same. */
    { "[{\"service_request_id\":\"A-1\",\"status\":\"weird\",\"priority\":\"??\",\"commune_code\":\"12\"}]", TRUE },
    /* Conversions and skips: the general reader's. */
    { "[{\"service_request_id\":17,\"status\":\"open\"}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"zipcode\":94122}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"lat\":\"10.5\",\"long\":\"105\"}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"lat\":10.5}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"lat\":100,\"long\":105}]", FALSE },
    { "[{\"service_request_id\":\"A-1\"}]", FALSE },
    { "[{\"service_request_id\":\"\",\"status\":\"open\"}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"status\":\"closed\"}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"requested_datetime\":\"2026-02-30T00:00:00Z\"}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\",\"agency_responsible\":[\"a\",\"b\"]}]", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"status\":\"open\"},42]", FALSE },
    { "[{\"code\":400,\"description\":\"bad\"}]", FALSE },
    { "{\"service_requests\":[{\"service_request_id\":\"A-1\",\"status\":\"open\"}]}", FALSE },
    { "[{\"service_request_id\":\"A-1\",\"service_code\":001,\"status\":\"open\"}]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *what = g_strdup_printf ("case %u", i);

      g_assert_cmpint (check_same (what, cases[i].body, strlen (cases[i].body)), ==, cases[i].fast);
      /* And the public entry point agrees with the general reader on the
       * outcome, whichever path it took. */
      {
        g_autoptr(GError) e1 = NULL;
        g_autoptr(GError) e2 = NULL;
        g_autoptr(IocOpen311Result) a = ioc_open311_parse_requests (cases[i].body, strlen (cases[i].body), NULL, &e1);
        g_autoptr(IocOpen311Result) b = ioc_open311_parse_requests_general (cases[i].body, strlen (cases[i].body), NULL, &e2);

        g_assert_cmpint (a == NULL, ==, b == NULL);
        if (a != NULL)
          {
            g_assert_cmpuint (a->requests->len, ==, b->requests->len);
            g_assert_cmpuint (a->skipped->len, ==, b->skipped->len);
          }
      }
    }
}

/* The simulator's own pages, with and without the project's extensions. */
static void
test_simulator_pages (void)
{
  g_autofree char *sim = g_build_filename (g_getenv ("IOC_BUILD_DIR"), "src", "sim", "ioc-feed-sim", NULL);
  const char *argv[] = { sim, "--port=0", "--seed=7", "--speed=0", "--complaints=3000", NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -89);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *end_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  guint n_fast = 0, n_records = 0;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  base = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (base);

  for (guint page = 1; page <= 3; page++)
    for (guint extensions = 0; extensions <= 1; extensions++)
      {
        g_autofree char *url = g_strdup_printf ("%sopen311/v2/requests.json?start_date=%s&end_date=%s"
                                                "&page=%u&page_size=100%s", base, start_text, end_text,
                                                page, extensions ? "&extensions=true" : "");
        g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
        g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
        g_autofree char *what = g_strdup_printf ("simulator page %u%s", page, extensions ? " with extensions" : "");
        g_autoptr(IocOpen311Result) fast = NULL;
        gsize length;
        const char *data;

        g_assert_no_error (error);
        g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
        data = g_bytes_get_data (body, &length);
        g_assert_true (check_same (what, data, length));
        fast = ioc_open311_parse_requests_fast (data, length, NULL);
        n_records += fast->n_records;
        n_fast++;
      }
  g_assert_cmpuint (n_fast, ==, 6);
  g_assert_cmpuint (n_records, >, 0);
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_wait (proc, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-scanner/accepts", test_scanner_accepts);
  g_test_add_func ("/json-scanner/refuses", test_scanner_refuses);
  g_test_add_func ("/json-scanner/values", test_scanner_values);
  g_test_add_func ("/open311-fast/edge-records", test_edge_records);
  g_test_add_func ("/open311-fast/corpus", test_corpus);
  g_test_add_func ("/open311-fast/simulator-pages", test_simulator_pages);
  return g_test_run ();
}
