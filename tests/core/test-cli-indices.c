/* test-cli-indices.c — `ioc-cli aqi` and `ioc-cli wqi` end to end
 *
 * Runs the built ioc-cli on the sample files of tests/data/{aqi,wqi}: the
 * JSON must carry the decision's worked examples, and every kind of bad
 * input must fail with a message naming the line and print nothing on
 * standard output.
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Set by tests/meson.build; without them there is nothing to run. */
static const char *
env_dir (const char *name)
{
  const char *dir = g_getenv (name);

  if (dir == NULL || dir[0] == '\0')
    g_error ("%s is not set: run this test through “meson test”", name);
  return dir;
}

static char *
data_path (const char *sub,
           const char *name)
{
  return g_build_filename (env_dir ("IOC_SOURCE_DIR"), "tests", "data", sub, name, NULL);
}

/* Runs ioc-cli with @args; @stdin_path (optional) becomes standard input. */
static void
run_cli (Run         *r,
         const char  *stdin_path,
         const char **args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, g_build_filename (env_dir ("IOC_BUILD_DIR"), "src", "cli", "ioc-cli", NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

static JsonObject *
find_object (JsonArray  *array,
             const char *key1,
             const char *value1,
             const char *key2,
             const char *value2)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, key1), value1) == 0 &&
          (key2 == NULL || g_strcmp0 (json_object_get_string_member (o, key2), value2) == 0))
        return o;
    }
  g_error ("no object with %s = %s", key1, value1);
  return NULL;
}

static void
test_aqi_hourly (void)
{
  g_autofree char *path = data_path ("aqi", "hourly.csv");
  const char *args[] = { "aqi", path, NULL };
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *a;
  JsonObject *o, *sub;

  run_cli (&r, NULL, args);
  g_assert_cmpint (r.status, ==, 0);
  a = parse_array (parser, r.out);
  /* one result per station per hour present: 12 hours + 1 */
  g_assert_cmpuint (json_array_get_length (a), ==, 13);

  /* the decision's hourly example at 20:00 */
  o = find_object (a, "station", "Long Xuyên", "time", "2025-11-12T20:00:00+07:00");
  g_assert_cmpint (json_object_get_int_member (o, "aqi"), ==, 59);
  g_assert_cmpstr (json_object_get_string_member (o, "dominant"), ==, "NO2");
  g_assert_cmpstr (json_object_get_string_member (o, "band"), ==, "trung_binh");
  g_assert_true (json_object_get_null_member (o, "reason"));
  sub = json_object_get_object_member (o, "subindices");
  g_assert_cmpint (json_object_get_int_member (sub, "PM2.5"), ==, 41);
  g_assert_cmpint (json_object_get_int_member (sub, "O3"), ==, 43);
  g_assert_cmpint (json_object_get_int_member (sub, "NO2"), ==, 59);
  g_assert_cmpint (json_object_get_int_member (sub, "CO"), ==, 6);   /* 1,2 mg/m³ */
  g_assert_false (json_object_has_member (sub, "SO2"));

  /* 09:00: one hour of PM only, no NowCast */
  o = find_object (a, "station", "Long Xuyên", "time", "2025-11-12T09:00:00+07:00");
  g_assert_true (json_object_get_null_member (o, "aqi"));
  g_assert_true (json_object_get_null_member (o, "band"));
  g_assert_nonnull (json_object_get_string_member (o, "reason"));

  /* a quoted station name with a comma; no PM: null with a reason */
  o = find_object (a, "station", "Rạch Giá, Kiên Giang", NULL, NULL);
  g_assert_true (json_object_get_null_member (o, "aqi"));
  g_assert_true (json_object_get_null_member (o, "dominant"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), "PM"));
}

static void
test_aqi_daily (void)
{
  g_autofree char *path = data_path ("aqi", "daily.csv");
  const char *args_json[] = { "aqi", "--daily", "-", NULL };
  const char *args_csv[] = { "aqi", "--daily", "--format", "csv", path, NULL };
  g_auto(Run) r = { 0 };
  g_auto(Run) c = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *a;
  JsonObject *o, *sub;

  /* through standard input */
  run_cli (&r, path, args_json);
  g_assert_cmpint (r.status, ==, 0);
  a = parse_array (parser, r.out);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);

  /* the decision's daily example: 45, 36 → O3 45; NO2 65; PM2.5 110 */
  o = find_object (a, "date", "2025-11-12", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "station"), ==, "Châu Đốc");
  g_assert_cmpint (json_object_get_int_member (o, "aqi"), ==, 110);
  g_assert_cmpstr (json_object_get_string_member (o, "dominant"), ==, "PM2.5");
  g_assert_cmpstr (json_object_get_string_member (o, "band"), ==, "kem");
  sub = json_object_get_object_member (o, "subindices");
  g_assert_cmpint (json_object_get_int_member (sub, "PM2.5"), ==, 110);
  g_assert_cmpint (json_object_get_int_member (sub, "O3"), ==, 45);
  g_assert_cmpint (json_object_get_int_member (sub, "NO2"), ==, 65);

  /* the hour ending 01:00 starts the next day */
  o = find_object (a, "date", "2025-11-13", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (o, "aqi"), ==, 40);

  run_cli (&c, NULL, args_csv);
  g_assert_cmpint (c.status, ==, 0);
  g_assert_true (g_str_has_prefix (c.out, "station,date,aqi,dominant,band,PM2.5,PM10,O3,CO,NO2,SO2,reason\n"));
  g_assert_nonnull (strstr (c.out, "Châu Đốc,2025-11-12,110,PM2.5,kem,110,,45,,65,,\n"));
}

static void
test_wqi (void)
{
  g_autofree char *path = data_path ("wqi", "samples.csv");
  const char *args[] = { "wqi", "--format", "json", path, NULL };
  g_auto(Run) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *a;
  JsonObject *o, *groups;

  run_cli (&r, NULL, args);
  g_assert_cmpint (r.status, ==, 0);
  a = parse_array (parser, r.out);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);

  o = find_object (a, "sample", "S1", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (o, "wqi"), ==, 72);
  g_assert_cmpstr (json_object_get_string_member (o, "band"), ==, "trung_binh");
  groups = json_object_get_object_member (o, "groups");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (groups, "I"), 100, 1e-9);
  g_assert_true (json_object_get_null_member (groups, "II"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (groups, "III"), 86.60, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (groups, "IV"), 83.33, 1e-9);
  g_assert_true (json_object_get_null_member (groups, "V"));
  g_assert_true (json_object_get_null_member (o, "reason"));

  o = find_object (a, "sample", "S2", NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (o, "wqi"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (o, "band"), ==, "rat_tot");

  o = find_object (a, "sample", "S3", NULL, NULL);
  g_assert_true (json_object_get_null_member (o, "wqi"));
  g_assert_true (json_object_get_null_member (o, "band"));
  g_assert_nonnull (json_object_get_string_member (o, "reason"));
}

typedef struct {
  const char *command;
  const char *file;
  const char *line;   /* the line the message must name */
} BadCase;

static void
test_bad_input (void)
{
  static const BadCase cases[] = {
    { "aqi", "bad-parameter.csv", "line 3" },
    { "aqi", "bad-unit.csv", "line 3" },
    { "aqi", "bad-number.csv", "line 3" },
    { "aqi", "bad-date.csv", "line 3" },
    { "aqi", "bad-feb29.csv", "line 3" },
    { "aqi", "bad-negative.csv", "line 3" },
    { "wqi", "bad-parameter.csv", "line 3" },
    { "wqi", "bad-unit.csv", "line 3" },
    { "wqi", "bad-number.csv", "line 3" },
    { "wqi", "bad-negative.csv", "line 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = data_path (cases[i].command, cases[i].file);
      const char *args[] = { cases[i].command, path, NULL };
      g_auto(Run) r = { 0 };

      g_test_message ("%s %s", cases[i].command, cases[i].file);
      run_cli (&r, NULL, args);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_nonnull (strstr (r.err, cases[i].line));
      g_assert_nonnull (strstr (r.err, cases[i].file));
    }

  /* 29 February of a common year is named as such */
  {
    g_autofree char *path = data_path ("aqi", "bad-feb29.csv");
    const char *args[] = { "aqi", path, NULL };
    g_auto(Run) r = { 0 };

    run_cli (&r, NULL, args);
    g_assert_nonnull (strstr (r.err, "2025-02-29 does not exist"));
  }
}

static void
test_usage (void)
{
  const char *help[] = { "aqi", "--help", NULL };
  const char *wqi_help[] = { "wqi", "--help", NULL };
  const char *no_file[] = { "wqi", NULL };
  const char *bad_format[] = { "aqi", "--format", "xml", "x.csv", NULL };
  const char *missing[] = { "aqi", "/nonexistent/file.csv", NULL };
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };
  g_auto(Run) e = { 0 };

  run_cli (&a, NULL, help);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_nonnull (strstr (a.out, "--daily"));
  run_cli (&b, NULL, wqi_help);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_nonnull (strstr (b.out, "--format"));
  run_cli (&c, NULL, no_file);
  g_assert_cmpint (c.status, ==, 2);
  g_assert_cmpstr (c.out, ==, "");
  run_cli (&d, NULL, bad_format);
  g_assert_cmpint (d.status, ==, 2);
  run_cli (&e, NULL, missing);
  g_assert_cmpint (e.status, ==, 1);
  g_assert_cmpstr (e.out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/aqi/hourly", test_aqi_hourly);
  g_test_add_func ("/cli/aqi/daily", test_aqi_daily);
  g_test_add_func ("/cli/wqi", test_wqi);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/usage", test_usage);

  return g_test_run ();
}
