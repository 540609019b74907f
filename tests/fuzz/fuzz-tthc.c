/* fuzz-tthc.c — libFuzzer target for the TTHC feed parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "ioc-tthc-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  IocTthcResult *(*parsers[]) (const char *, gsize, GError **) = {
    ioc_tthc_parse_units, ioc_tthc_parse_stats, ioc_tthc_parse_daily, ioc_tthc_parse_dossiers,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      GError *error = NULL;
      IocTthcResult *r = parsers[i] ((const char *) data, size, &error);

      g_assert ((r == NULL) != (error == NULL));
      g_clear_pointer (&r, ioc_tthc_result_free);
      g_clear_error (&error);
    }
  return 0;
}
