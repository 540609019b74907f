/* bench-ingest.c — the live data pipeline's figures (issue "Live data
 * pipeline"): built, never run by the tests.
 *
 *   bench-ingest [ingest] [--complaints N]
 *     "Ingest 100 000 complaints from the simulator (fetch, parse, build the
 *     model, index): report the ratio to `python3 -c 'import json;
 *     json.load(open(F))'` on the same bytes, measured in the same run.
 *     Goal: ≤ 1,0. The main thread is never blocked more than 16 ms
 *     meanwhile."
 *
 *   bench-ingest idle [--seconds N]
 *     "Idle cost with all three feeds polling every 10 s: under 1% of one
 *     core, and no memory growth over a one-hour accelerated run."
 *
 * The simulator runs as a separate process (the built ioc-feed-sim, found
 * next to this program in the build tree or through $IOC_FEED_SIM), so its
 * work is not counted in this process's CPU time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "ioc-complaints-feed.h"
#include "ioc-pipeline.h"

typedef struct {
  GSubprocess *proc;
  char        *url;   /* http://127.0.0.1:PORT/ */
} Sim;

static char *sim_exe;

static void
sim_start (Sim         *sim,
           const char **extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, sim_exe);
  g_ptr_array_add (argv, (gpointer) "--port=0");
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  sim->proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (sim->proc == NULL)
    g_error ("cannot start %s: %s", sim_exe, error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->proc));
  sim->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (sim->url == NULL)
    g_error ("the simulator printed no URL: %s", error != NULL ? error->message : "end of output");
}

static void
sim_stop (Sim *sim)
{
  g_subprocess_send_signal (sim->proc, SIGTERM);
  g_subprocess_wait (sim->proc, NULL, NULL);
  g_clear_object (&sim->proc);
  g_clear_pointer (&sim->url, g_free);
}

/* --- The largest gap between two runs of a 1 ms timeout ------------------ */

static gint64 last_tick, max_gap;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    max_gap = MAX (max_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* --- Ingest ---------------------------------------------------------------- */

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *msg,
                   GPtrArray   *urls)
{
  GUri *uri = soup_message_get_uri (msg);

  if (g_str_has_suffix (g_uri_get_path (uri), "/requests.json"))
    g_ptr_array_add (urls, g_uri_to_string (uri));
}

static void
poll_finished_cb (IocFeedClient *client,
                  gboolean       success,
                  int           *result)
{
  *result = success ? 1 : 0;
}

/* The pages' JSON arrays joined into one array, byte for byte otherwise. */
static GBytes *
refetch_as_one_array (SoupSession *session,
                      GPtrArray   *urls,
                      guint       *n_pages)
{
  GByteArray *all = g_byte_array_new ();
  gboolean first = TRUE;

  g_byte_array_append (all, (const guint8 *) "[", 1);
  for (guint i = 0; i < urls->len; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", urls->pdata[i]);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      const char *data, *open, *close;
      gsize len;

      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("GET %s failed: %s", (char *) urls->pdata[i],
                 error != NULL ? error->message : soup_status_get_phrase (soup_message_get_status (msg)));
      data = g_bytes_get_data (body, &len);
      open = memchr (data, '[', len);
      close = data + len;
      while (close > data && close[-1] != ']')
        close--;
      if (open == NULL || close <= open + 1)
        g_error ("GET %s: not a JSON array", (char *) urls->pdata[i]);
      /* Inside the brackets; an empty page adds nothing. */
      {
        const char *from = open + 1, *to = close - 1;
        gboolean empty = TRUE;

        for (const char *p = from; p < to; p++)
          if (!g_ascii_isspace (*p))
            {
              empty = FALSE;
              break;
            }
        if (empty)
          continue;
        if (!first)
          g_byte_array_append (all, (const guint8 *) ",", 1);
        g_byte_array_append (all, (const guint8 *) from, to - from);
        first = FALSE;
      }
    }
  g_byte_array_append (all, (const guint8 *) "]", 1);
  *n_pages = urls->len;
  return g_byte_array_free_to_bytes (all);
}

static double
run_python (const char *code,
            const char *file,
            char      **out)
{
  const char *argv[] = { "python3", "-c", code, file, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  gint64 t0 = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("python3: %s", error->message);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
bench_ingest (gint64 complaints)
{
  g_autofree char *n_arg = g_strdup_printf ("--complaints=%" G_GINT64_FORMAT, complaints);
  const char *extra[] = { "--seed=1", "--speed=0", "--history=2025", n_arg, NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) jan1 = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  guint history_days = (guint) (g_date_time_difference (now, jan1) / G_TIME_SPAN_DAY) + 2;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(IocFeedFetcher) fetcher = NULL;
  g_autoptr(IocComplaintsFeed) feed = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *url = NULL;
  g_autofree char *check = NULL;
  double ours, fetch_only, python_wall[3], python_load = 0;
  gint64 t0, sim_t0;
  guint n_items, n_pages, tick_id;
  int result = -1;
  Sim sim = { 0, };

  sim_t0 = g_get_monotonic_time ();
  sim_start (&sim, extra);
  g_print ("simulator: %s --complaints %" G_GINT64_FORMAT " (ready in %.1f s)\n", sim.url, complaints,
           (g_get_monotonic_time () - sim_t0) / 1e6);

  fetcher = ioc_feed_fetcher_new (session);
  url = g_strconcat (sim.url, "open311/v2/", NULL);
  feed = ioc_complaints_feed_new (url, fetcher, NULL);
  ioc_complaints_feed_set_page_size (feed, 1000);
  ioc_complaints_feed_set_history_days (feed, history_days);
  ioc_feed_client_set_poll_interval (IOC_FEED_CLIENT (feed), 3600);
  g_signal_connect (session, "request-queued", G_CALLBACK (request_queued_cb), urls);
  g_signal_connect (feed, "poll-finished", G_CALLBACK (poll_finished_cb), &result);

  tick_id = g_timeout_add (1, tick_cb, NULL);
  t0 = g_get_monotonic_time ();
  ioc_feed_client_start (IOC_FEED_CLIENT (feed));
  while (result < 0)
    g_main_context_iteration (NULL, TRUE);
  ours = (g_get_monotonic_time () - t0) / 1e6;
  g_source_remove (tick_id);
  ioc_feed_client_stop (IOC_FEED_CLIENT (feed));
  if (result != 1)
    g_error ("the first sync failed: %s",
             ioc_feed_status_get_reason (ioc_feed_client_get_status (IOC_FEED_CLIENT (feed))));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (ioc_complaints_feed_get_model (feed)));
  g_signal_handlers_disconnect_by_data (session, urls);

  /* The same pages once more, saved as one array for python3. */
  t0 = g_get_monotonic_time ();
  bytes = refetch_as_one_array (session, urls, &n_pages);
  fetch_only = (g_get_monotonic_time () - t0) / 1e6;
  dir = g_dir_make_tmp ("bench-ingest-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, "requests.json", NULL);
  if (!g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("%s", error->message);
  sim_stop (&sim);

  for (guint i = 0; i < G_N_ELEMENTS (python_wall); i++)
    python_wall[i] = run_python ("import json,sys; json.load(open(sys.argv[1]))", file, NULL);
  qsort (python_wall, G_N_ELEMENTS (python_wall), sizeof (double), cmp_double);
  run_python ("import json,sys,time\n"
              "t=time.perf_counter(); d=json.load(open(sys.argv[1])); t=time.perf_counter()-t\n"
              "print(len(d), t)", file, &check);
  {
    unsigned long n_python = 0;

    if (sscanf (check, "%lu %lf", &n_python, &python_load) != 2)
      g_error ("python3 printed %s", check);
    if (n_python != n_items)
      g_printerr ("warning: the model holds %u complaints, the saved pages %lu\n", n_items, n_python);
  }

  g_print ("\n");
  g_print ("| measure                                              | value      |\n");
  g_print ("|------------------------------------------------------|------------|\n");
  g_print ("| complaints in the model                              | %10u |\n", n_items);
  g_print ("| requests.json pages fetched (1000 each, 90-day windows)| %10u |\n", n_pages);
  g_print ("| bytes of JSON                                        | %10" G_GSIZE_FORMAT " |\n", g_bytes_get_size (bytes));
  g_print ("| ours: fetch + parse + model + index, wall (s)        | %10.3f |\n", ours);
  g_print ("| the same pages fetched again, no parsing, wall (s)   | %10.3f |\n", fetch_only);
  g_print ("| python3 -c 'json.load(open(F))', wall, median of 3 s | %10.3f |\n", python_wall[1]);
  g_print ("| python3 json.load alone, in-process (s)              | %10.3f |\n", python_load);
  g_print ("| RATIO ours / python3 command (goal <= 1.0)           | %10.2f |\n", ours / python_wall[1]);
  g_print ("| ratio ours / json.load alone                         | %10.2f |\n", ours / python_load);
  g_print ("| largest main-thread gap, 1 ms timeout (ms, goal <=16)| %10.1f |\n", max_gap / 1000.0);

  g_remove (file);
  g_rmdir (dir);
  return 0;
}

/* --- Idle ------------------------------------------------------------------ */

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

typedef struct {
  guint ok[IOC_N_FEED_KINDS];
  guint failed[IOC_N_FEED_KINDS];
} Polls;

static void
idle_poll_cb (IocFeedClient *client,
              gboolean       success,
              Polls         *polls)
{
  IocFeedKind kind = ioc_feed_status_get_kind (ioc_feed_client_get_status (client));

  if (success)
    polls->ok[kind]++;
  else
    polls->failed[kind]++;
}

static void
spin_for (gint64 until)
{
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static int
bench_idle (guint seconds)
{
  const char *extra[] = { "--seed=1", "--speed=360", NULL };
  const IocFeedKind kinds[] = { IOC_FEED_KIND_COMPLAINTS, IOC_FEED_KIND_ENVIRONMENT, IOC_FEED_KIND_TTHC };
  const char *paths[] = { "open311/v2/", "sta/v1.1/", "tthc/v1/" };
  g_autoptr(IocStore) store = NULL;
  g_autoptr(IocPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-idle-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "store.db", NULL);
  Polls polls = { { 0, }, { 0, } };
  Polls at_start;
  double cpu0, cpu_prev;
  gint64 t0, t_prev;
  long rss0, rss_max;
  guint wake_id;
  Sim sim = { 0, };

  sim_start (&sim, extra);
  store = ioc_store_new_sync (store_path, NULL, &error);
  g_assert_no_error (error);
  pipeline = ioc_pipeline_new (store);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *url = g_strconcat (sim.url, paths[i], NULL);

      ioc_pipeline_set_feed (pipeline, kinds[i], url, 10);
      g_signal_connect (ioc_pipeline_get_client (pipeline, kinds[i]), "poll-finished",
                        G_CALLBACK (idle_poll_cb), &polls);
    }
  ioc_pipeline_start (pipeline);
  /* A wake-up per second so that the loop below notices the time. */
  wake_id = g_timeout_add_seconds (1, wake_cb, NULL);

  /* Warm-up: the first full sync of every feed is not idle time. */
  {
    gint64 give_up = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

    while ((polls.ok[kinds[0]] == 0 || polls.ok[kinds[1]] == 0 || polls.ok[kinds[2]] == 0)
           && g_get_monotonic_time () < give_up)
      g_main_context_iteration (NULL, TRUE);
    if (polls.ok[kinds[0]] == 0 || polls.ok[kinds[1]] == 0 || polls.ok[kinds[2]] == 0)
      g_error ("a feed never succeeded (complaints %u, environment %u, TTHC %u)",
               polls.ok[kinds[0]], polls.ok[kinds[1]], polls.ok[kinds[2]]);
  }
  /* Let the snapshots of the first sync be written before measuring. */
  spin_for (g_get_monotonic_time () + 3 * G_USEC_PER_SEC);

  at_start = polls;
  t0 = t_prev = g_get_monotonic_time ();
  cpu0 = cpu_prev = cpu_seconds ();
  rss0 = rss_max = rss_kib ();
  g_print ("simulator: %s --speed 360 (1 simulated hour per 10 real seconds); feeds poll every 10 s\n", sim.url);
  g_print ("run: %u real seconds = %.1f simulated hours of data arriving; %u polls of each feed expected\n\n",
           seconds, seconds * 360.0 / 3600.0, seconds / 10);
  g_print ("|  t (s) | CPU %% of one core, last 10 s | VmRSS (KiB) |\n");
  g_print ("|--------|------------------------------|-------------|\n");
  g_print ("| %6.0f | %28s | %11ld |\n", 0.0, "-", rss0);
  for (guint step = 1; step * 10 <= seconds; step++)
    {
      gint64 t;
      double cpu;
      long rss;

      spin_for (t0 + (gint64) step * 10 * G_USEC_PER_SEC);
      t = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      rss = rss_kib ();
      rss_max = MAX (rss_max, rss);
      g_print ("| %6.0f | %28.2f | %11ld |\n", (t - t0) / 1e6,
               100.0 * (cpu - cpu_prev) / ((t - t_prev) / 1e6), rss);
      cpu_prev = cpu;
      t_prev = t;
    }
  g_print ("\n");
  g_print ("CPU over the run: %.3f s in %.0f s = %.2f %% of one core (goal < 1 %%)\n",
           cpu_prev - cpu0, (t_prev - t0) / 1e6, 100.0 * (cpu_prev - cpu0) / ((t_prev - t0) / 1e6));
  g_print ("VmRSS: start %ld KiB, end %ld KiB, largest %ld KiB, growth %+ld KiB\n",
           rss0, rss_kib (), rss_max, rss_kib () - rss0);
  g_print ("polls during the run (ok/failed): complaints %u/%u, environment %u/%u, TTHC %u/%u\n",
           polls.ok[kinds[0]] - at_start.ok[kinds[0]], polls.failed[kinds[0]] - at_start.failed[kinds[0]],
           polls.ok[kinds[1]] - at_start.ok[kinds[1]], polls.failed[kinds[1]] - at_start.failed[kinds[1]],
           polls.ok[kinds[2]] - at_start.ok[kinds[2]], polls.failed[kinds[2]] - at_start.failed[kinds[2]]);

  g_source_remove (wake_id);
  ioc_pipeline_stop (pipeline);
  g_clear_object (&pipeline);
  g_clear_object (&store);
  sim_stop (&sim);
  {
    const char *names[] = { "store.db", "store.db-wal", "store.db-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *f = g_build_filename (dir, names[i], NULL);

        g_remove (f);
      }
  }
  g_rmdir (dir);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  gint64 complaints = 100000;
  int seconds = 120;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *here = NULL;
  GOptionEntry entries[] = {
    { "complaints", 'n', 0, G_OPTION_ARG_INT64, &complaints, "ingest: complaints to generate (default 100000)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_INT, &seconds, "idle: real seconds to measure (default 120)", "N" },
    { NULL }
  };

  context = g_option_context_new ("[ingest|idle] — the live data pipeline's figures");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-ingest: %s\n", error->message);
      return 2;
    }
  here = g_path_get_dirname (argv[0]);
  sim_exe = g_strdup (g_getenv ("IOC_FEED_SIM"));
  if (sim_exe == NULL)
    sim_exe = g_build_filename (here, "..", "src", "sim", "ioc-feed-sim", NULL);
  if (!g_file_test (sim_exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-ingest: %s not found (set IOC_FEED_SIM)\n", sim_exe);
      return 2;
    }
  if (argc > 1 && g_str_equal (argv[1], "idle"))
    return bench_idle ((guint) MAX (seconds, 10));
  if (argc > 1 && !g_str_equal (argv[1], "ingest"))
    {
      g_printerr ("bench-ingest: unknown mode %s (ingest or idle)\n", argv[1]);
      return 2;
    }
  return bench_ingest (complaints);
}
