/* ioc-sim-exchange.h — one HTTP request and its response inside the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-sim-writer.h"

G_BEGIN_DECLS

typedef struct {
  /* request */
  const char *method;
  const char *path;       /* below the protocol's base, e.g. "requests.json" */
  GHashTable *query;      /* decoded query parameters, never NULL */
  GHashTable *form;       /* decoded form body of a POST, never NULL */
  const char *body;       /* raw request body (may be NULL) */
  gsize       body_len;
  char       *base_url;   /* "http://127.0.0.1:8080" as the client addressed us */
  const char *raw_query;  /* undecoded query string (may be NULL) */
  guint       mangle;     /* IocSimMangle flags chosen by fault injection */
  /* response */
  guint       status;
  const char *content_type;
  GBytes     *response;
  gboolean    no_cache;   /* no ETag (errors, POST answers) */
} IocSimExchange;

IocSimExchange *ioc_sim_exchange_new        (const char     *method,
                                             const char     *path,
                                             GHashTable     *query,
                                             GHashTable     *form,
                                             const char     *base_url);
void            ioc_sim_exchange_free       (IocSimExchange *ex);
const char     *ioc_sim_exchange_param      (IocSimExchange *ex,
                                             const char     *name);
const char     *ioc_sim_exchange_form       (IocSimExchange *ex,
                                             const char     *name);
IocSimWriter   *ioc_sim_exchange_writer     (IocSimExchange *ex,
                                             IocSimFormat    format);
void            ioc_sim_exchange_finish     (IocSimExchange *ex,
                                             guint           status,
                                             IocSimWriter   *writer);
void            ioc_sim_exchange_set_bytes  (IocSimExchange *ex,
                                             guint           status,
                                             const char     *content_type,
                                             GBytes         *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimExchange, ioc_sim_exchange_free)

G_END_DECLS
