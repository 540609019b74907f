/* main.c — ioc-feed-sim, the IOC An Giang feed simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib-unix.h>

#include "ioc-sim-calendar.h"
#include "ioc-sim-dataset.h"
#include "ioc-sim-server.h"

static GMainLoop *loop;

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  IocSimConfig config;
  gint64 seed = 1, complaints = -1;
  int port = IOC_SIM_DEFAULT_PORT, history = 2024;
  double speed = 1, rate = 0;
  g_autofree char *now = NULL, *address = NULL, *api_key = NULL, *db = NULL;
  g_auto(GStrv) faults = NULL;
  gboolean listen_any = FALSE, version = FALSE, reset = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(IocSimServer) server = NULL;
  g_autofree char *url = NULL;
  g_autofree char *description = NULL;
  gint64 t0;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "TCP port (default 8311; 0 = a free port chosen by the system)", "PORT" },
    { "address", 'a', 0, G_OPTION_ARG_STRING, &address,
      "IP address to listen on (default 127.0.0.1; a non-loopback address needs --listen-any)", "ADDR" },
    { "listen-any", 0, 0, G_OPTION_ARG_NONE, &listen_any,
      "Allow listening beyond loopback (all interfaces unless --address is given). "
      "Anyone who can reach the port can then post operator actions", NULL },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      "Seed of the generated data (default 1): same seed and same --now, same bytes", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now,
      "Pin the start of simulated time (ISO 8601, e.g. 2025-03-10T09:00:00+07:00; default: the real time)", "DATETIME" },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed,
      "Live mode: simulated seconds per real second (default 1; 60 = an hour a minute; 0 = frozen clock)", "N" },
    { "history", 0, 0, G_OPTION_ARG_INT, &history,
      "First year of generated history (default 2024, which reproduces the published year of old "
      "An Giang: 618 received, 582 resolved, 36 in progress at 31/12/2024)", "YEAR" },
    { "complaints", 'n', 0, G_OPTION_ARG_INT64, &complaints,
      "Total complaints from the start of the history to now (default about 1.500 a year; "
      "up to 1000000 for benchmarks)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate,
      "Live mode: new complaints per simulated day (default: the history's average)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      "Keep the state in this SQLite file (default: in memory). An existing file generated "
      "with the same --seed, --history, --complaints and --rate is reopened with its state "
      "(applied update_ids, operators' changes); other options are refused", "FILE" },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset,
      "With --db: throw the existing file away and generate it again", NULL },
    { "api-key", 'k', 0, G_OPTION_ARG_STRING, &api_key,
      "api_key that POST servicerequestupdates.json must send (default ioc-sim-demo; empty: any or none, for a demo or training sandbox)", "KEY" },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      "Inject a fault, KEY=VALUE, repeatable (see the list below)", "KEY=VALUE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— serve simulated Open311, SensorThings and TTHC feeds");
  g_option_context_add_main_entries (context, entries, NULL);
  description = g_strdup_printf (
    "On start the simulator generates its data, listens, and prints ONE line on\n"
    "stdout: the base URL, e.g. \"http://127.0.0.1:8311/\" (then flushes). Scripts\n"
    "read the port with: PORT=$(head -n1 | sed 's/.*:\\([0-9]*\\)\\/$/\\1/').\n"
    "Progress and errors go to stderr. SIGINT/SIGTERM stop it.\n"
    "\n"
    "Endpoints (base URL + ...):\n"
    "  open311/v2/services.json|xml, requests.json|xml, requests/ID.json|xml,\n"
    "  servicerequestupdates.json|xml (GET; POST with api_key, service_request_id,\n"
    "  update_id, status, description, extended_status, if_updated_datetime, ...)\n"
    "  sta/v1.1/Things, Locations, Datastreams, ObservedProperties,\n"
    "  Datastreams(ID)/Observations ($filter, $orderby, $top, $skip, $count, $expand)\n"
    "  tthc/v1/units.json, stats.json, daily.json, dossiers.json\n"
    "  media/PA-YY-NNNNNN-K.png   complaint photos\n"
    "  _control/faults   GET, POST {\"error_rate\":0.5,...}, DELETE (loopback only)\n"
    "  _control/clock    GET, POST {\"advance_s\":3600} (loopback only)\n"
    "\n"
    "Faults (--fault KEY=VALUE or POST /_control/faults; rates are 0..1):\n%s",
    ioc_sim_faults_help ());
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ioc-feed-sim: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("ioc-feed-sim %s\n", PACKAGE_VERSION);
      return 0;
    }

  ioc_sim_config_init (&config);
  if (port < 0 || port > 65535 || speed < 0 || complaints < -1 || complaints > 10000000 || seed < 0)
    {
      g_printerr ("ioc-feed-sim: an option is out of range (see --help)\n");
      return 2;
    }
  config.seed = (guint64) seed;
  config.port = (guint) port;
  config.speed = speed;
  config.history_year = history;
  config.complaints = complaints;
  config.rate_per_day = rate;
  config.db_path = db;
  config.reset = reset;
  config.address = address;
  config.listen_any = listen_any;
  config.api_key = api_key;
  if (now != NULL)
    {
      if (!ioc_sim_calendar_parse (now, &config.now))
        {
          g_printerr ("ioc-feed-sim: --now: “%s” is not an ISO 8601 date-time\n", now);
          return 2;
        }
      config.has_now = TRUE;
    }

  t0 = g_get_monotonic_time ();
  server = ioc_sim_server_new (&config, &error);
  if (server == NULL)
    {
      g_printerr ("ioc-feed-sim: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (faults[i], "=", 2);

      if (kv[1] == NULL)
        {
          g_printerr ("ioc-feed-sim: --fault %s: expected KEY=VALUE\n", faults[i]);
          return 2;
        }
      if (!ioc_sim_faults_set (ioc_sim_server_get_faults (server), kv[0], kv[1], &error))
        {
          g_printerr ("ioc-feed-sim: %s\n", error->message);
          return 2;
        }
    }
  if (!ioc_sim_server_listen (server, &error))
    {
      g_printerr ("ioc-feed-sim: %s\n", error->message);
      return 1;
    }
  url = ioc_sim_server_get_url (server);
  g_printerr ("ioc-feed-sim: %" G_GINT64_FORMAT " complaints ready in %.2f s\n",
              ioc_sim_dataset_count_requests (ioc_sim_server_get_dataset (server)),
              (g_get_monotonic_time () - t0) / 1e6);
  printf ("%s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, NULL);
  g_unix_signal_add (SIGTERM, on_signal, NULL);
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  return 0;
}
