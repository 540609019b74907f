/* fuzz-sta.c — libFuzzer target for the SensorThings parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "ioc-sta-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static IocFeedAdapter *adapter = NULL;

  if (adapter == NULL)
    adapter = ioc_feed_adapter_new ();

  for (IocStaEntityKind kind = IOC_STA_ENTITY_THINGS; kind <= IOC_STA_ENTITY_OTHER; kind++)
    {
      GError *error = NULL;
      IocStaResult *r = ioc_sta_parse (kind, (const char *) data, size,
                                       "https://example.org/sta/v1.1/Things?$top=2", adapter, &error);

      g_assert ((r == NULL) != (error == NULL));
      g_clear_pointer (&r, ioc_sta_result_free);
      g_clear_error (&error);
    }
  return 0;
}
