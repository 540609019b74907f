/* ioc-cli.c — the command-line companion of the IOC dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "ioc-cli-commands.h"

static const IocCliCommand commands[] = {
  { "due", N_("Print when a complaint falls due"), ioc_cli_due },
  { "aqi", N_("Compute the hourly or daily VN_AQI of air measurements"), ioc_cli_aqi },
  { "wqi", N_("Compute the VN_WQI of water samples"), ioc_cli_wqi },
  { "export", N_("Print what the dashboard shows, fetched once or from the store"), ioc_cli_export },
  { NULL, NULL, NULL }
};

static void
print_help (FILE *out)
{
  fprintf (out, _("Usage: %s [--version] [--help] COMMAND [ARGS…]\n"), g_get_prgname ());
  fprintf (out, "\n%s\n", _("Command-line companion of IOC An Giang: the dashboard's numbers for scripts."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “ioc-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("ioc-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }

  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      printf ("ioc-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return 0;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  fprintf (stderr, _("ioc-cli: unknown command “%s”\n"), argv[1]);
  fprintf (stderr, "%s\n", _("Run “ioc-cli --help” for the list of commands."));
  return 2;
}
