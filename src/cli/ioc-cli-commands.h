/* ioc-cli-commands.h — the subcommands of ioc-cli
 *
 * Each subcommand is a function taking the arguments after its name (argv[0]
 * is the subcommand name) and returning the process exit status. It prints
 * results on stdout and errors on stderr, and never prints partial results
 * when it fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*IocCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char        *name;
  const char        *summary;   /* translatable, marked with N_() */
  IocCliCommandFunc  func;
} IocCliCommand;

int ioc_cli_due (int argc, char **argv);
int ioc_cli_aqi (int argc, char **argv);
int ioc_cli_wqi (int argc, char **argv);
int ioc_cli_export (int argc, char **argv);

G_END_DECLS
