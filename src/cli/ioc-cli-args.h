/* ioc-cli-args.h — what the file-reading subcommands check alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ioc_cli_check_file_and_format (const char  *command,
                                        char       **files,
                                        const char  *format,
                                        gboolean    *csv);
int      ioc_cli_write_output          (const char  *output,
                                        gboolean     csv);

G_END_DECLS
