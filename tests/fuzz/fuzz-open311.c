/* fuzz-open311.c — libFuzzer target for the Open311 parser (JSON and XML)
 *
 * No crash, no leak, no undefined behaviour on any input ("Bad input").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "ioc-open311-parser-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static IocFeedAdapter *adapter = NULL;
  const char *text = (const char *) data;
  IocOpen311Result *r;
  GError *error = NULL;

  if (adapter == NULL)
    adapter = ioc_feed_adapter_new ();

  /* The fast path may only accept what the general reader reads the same. */
  r = ioc_open311_parse_requests_fast (text, size, adapter);
  if (r != NULL)
    {
      IocOpen311Result *general = ioc_open311_parse_requests_general (text, size, adapter, &error);

      g_assert_no_error (error);
      g_assert_nonnull (general);
      g_assert_cmpuint (general->n_records, ==, r->n_records);
      g_assert_cmpuint (general->requests->len, ==, r->requests->len);
      g_assert_cmpuint (general->warnings->len, ==, r->warnings->len);
      g_assert_cmpuint (general->skipped->len, ==, 0);
      for (guint i = 0; i < r->requests->len; i++)
        g_assert_true (ioc_complaint_equal (general->requests->pdata[i], r->requests->pdata[i]));
      for (guint i = 0; i < r->warnings->len; i++)
        g_assert_cmpstr (general->warnings->pdata[i], ==, r->warnings->pdata[i]);
      ioc_open311_result_free (general);
      g_clear_pointer (&r, ioc_open311_result_free);
    }

  r = ioc_open311_parse_requests (text, size, adapter, &error);
  g_assert ((r == NULL) != (error == NULL));
  if (r != NULL)
    {
      /* Exercise what a merge does with every parsed complaint. */
      for (guint i = 0; i < r->requests->len; i++)
        {
          g_autoptr(IocComplaint) copy = ioc_complaint_copy (r->requests->pdata[i]);
          g_assert_true (ioc_complaint_equal (copy, r->requests->pdata[i]));
        }
    }
  g_clear_pointer (&r, ioc_open311_result_free);
  g_clear_error (&error);

  r = ioc_open311_parse_updates (text, size, adapter, &error);
  if (r != NULL)
    for (guint i = 0; i < r->updates->len; i++)
      {
        g_autoptr(IocComplaint) c = ioc_complaint_new ("x");
        ioc_open311_update_apply (r->updates->pdata[i], c);
      }
  g_clear_pointer (&r, ioc_open311_result_free);
  g_clear_error (&error);

  g_clear_pointer (&r, ioc_open311_result_free);
  r = ioc_open311_parse_services (text, size, &error);
  g_clear_pointer (&r, ioc_open311_result_free);
  g_clear_error (&error);
  r = ioc_open311_parse_service_definition (text, size, &error);
  g_clear_pointer (&r, ioc_open311_result_free);
  g_clear_error (&error);
  r = ioc_open311_parse_post_response (text, size, &error);
  g_clear_pointer (&r, ioc_open311_result_free);
  g_clear_error (&error);
  ioc_open311_parse_error_body (text, size, &error);
  g_clear_error (&error);
  return 0;
}
