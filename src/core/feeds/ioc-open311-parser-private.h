/* ioc-open311-parser-private.h — what the general and the fast request
 * readers of ioc-open311-parser share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-open311-parser.h"

G_BEGIN_DECLS

IocOpen311Result *ioc_open311_result_new          (IocOpen311Format   format);

gboolean          ioc_open311_finish_request      (IocOpen311Result  *result,
                                                   guint              index,
                                                   IocComplaint      *complaint,
                                                   IocFeedAdapter    *adapter,
                                                   const char        *status,
                                                   const char        *extended,
                                                   const char        *priority,
                                                   const char        *channel,
                                                   const char        *commune,
                                                   GError           **error);

gboolean          ioc_open311_check_location      (gboolean           has_lat,
                                                   double             lat,
                                                   gboolean           has_lon,
                                                   double             lon,
                                                   GError           **error);

/* The common shape of `requests.json` read without a tree (ioc-json-scanner.h):
 * a JSON array of request objects whose every member has its standard type.
 * NULL when the body is anything else — another shape, a wrapper, an error
 * list, a record to skip or a value to convert — and the general reader must
 * run; it never accepts what the general reader would read differently. */
IocOpen311Result *ioc_open311_parse_requests_fast (const char        *data,
                                                   gsize              length,
                                                   IocFeedAdapter    *adapter);

/* The general reader alone (json-glib or XML), for the tests and the fuzz
 * target that hold the fast path to it. */
IocOpen311Result *ioc_open311_parse_requests_general (const char        *data,
                                                      gsize              length,
                                                      IocFeedAdapter    *adapter,
                                                      GError           **error);

G_END_DECLS
