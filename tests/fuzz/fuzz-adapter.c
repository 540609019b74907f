/* fuzz-adapter.c — libFuzzer target for the adapter table format (an
 * operator's file is input too)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "ioc-feed-adapter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  IocFeedAdapter *adapter = ioc_feed_adapter_new_empty ();
  GError *error = NULL;
  g_autofree char *word = g_strndup ((const char *) data, MIN (size, 64));
  IocComplaintStatus status;

  if (!ioc_feed_adapter_load_data (adapter, (const char *) data, (gssize) size, &error))
    g_clear_error (&error);
  ioc_feed_adapter_lookup_status (adapter, word, &status);
  ioc_feed_adapter_lookup_parameter (adapter, word, word, NULL);
  g_object_unref (adapter);
  return 0;
}
