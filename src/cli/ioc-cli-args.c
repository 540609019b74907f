/* ioc-cli-args.c — what the file-reading subcommands check alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ioc-cli-args.h"

/**
 * ioc_cli_check_file_and_format:
 * @command: the subcommand, for messages ("aqi")
 * @files: (nullable): the remaining arguments
 * @format: (nullable): the --format value
 * @csv: (out): %TRUE for CSV, %FALSE for JSON (the default)
 *
 * Checks that exactly one FILE ("-": standard input) and a known format were
 * given, printing the usage error otherwise (the caller exits with 2).
 */
gboolean
ioc_cli_check_file_and_format (const char  *command,
                               char       **files,
                               const char  *format,
                               gboolean    *csv)
{
  if (files == NULL || g_strv_length (files) != 1)
    {
      g_printerr ("ioc-cli %s: %s\n", command, _("exactly one FILE is required (“-” for standard input)"));
      return FALSE;
    }
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    {
      g_printerr ("ioc-cli %s: ", command);
      g_printerr (_("unknown format “%s” (expected json or csv)"), format);
      g_printerr ("\n");
      return FALSE;
    }
  *csv = format != NULL && g_str_equal (format, "csv");
  return TRUE;
}

/** ioc_cli_write_output: prints a result; exit status 1 if it could not be written. */
int
ioc_cli_write_output (const char *output,
                      gboolean    csv)
{
  fputs (output, stdout);
  /* CSV rows end with their own line break; the JSON document does not. */
  if (!csv)
    fputc ('\n', stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
