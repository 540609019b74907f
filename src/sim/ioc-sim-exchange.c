/* ioc-sim-exchange.c — one HTTP request and its response inside the simulator
 *
 * Handlers read parameters from and write their answer into an exchange; the
 * server then applies faults, computes the ETag and talks to libsoup. Keeping
 * handlers free of libsoup makes them easy to call from tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-sim-exchange.h"

static GHashTable *
empty_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

IocSimExchange *
ioc_sim_exchange_new (const char *method,
                      const char *path,
                      GHashTable *query,
                      GHashTable *form,
                      const char *base_url)
{
  IocSimExchange *ex = g_new0 (IocSimExchange, 1);

  ex->method = method;
  ex->path = path;
  ex->query = query != NULL ? g_hash_table_ref (query) : empty_table ();
  ex->form = form != NULL ? g_hash_table_ref (form) : empty_table ();
  ex->base_url = g_strdup (base_url);
  ex->status = 500;
  return ex;
}

void
ioc_sim_exchange_free (IocSimExchange *ex)
{
  if (ex == NULL)
    return;
  g_hash_table_unref (ex->query);
  g_hash_table_unref (ex->form);
  g_free (ex->base_url);
  g_clear_pointer (&ex->response, g_bytes_unref);
  g_free (ex);
}

/** ioc_sim_exchange_param: a query parameter; an empty value counts as absent. */
const char *
ioc_sim_exchange_param (IocSimExchange *ex,
                        const char     *name)
{
  const char *v = g_hash_table_lookup (ex->query, name);

  return v != NULL && *v != '\0' ? v : NULL;
}

const char *
ioc_sim_exchange_form (IocSimExchange *ex,
                       const char     *name)
{
  const char *v = g_hash_table_lookup (ex->form, name);

  return v != NULL && *v != '\0' ? v : NULL;
}

/** ioc_sim_exchange_writer: a writer carrying the faults chosen for this exchange. */
IocSimWriter *
ioc_sim_exchange_writer (IocSimExchange *ex,
                         IocSimFormat    format)
{
  IocSimWriter *w = ioc_sim_writer_new (format);

  ioc_sim_writer_set_mangle (w, ex->mangle);
  return w;
}

/** ioc_sim_exchange_finish: takes @writer and makes its document the response. */
void
ioc_sim_exchange_finish (IocSimExchange *ex,
                         guint           status,
                         IocSimWriter   *writer)
{
  IocSimFormat format = ioc_sim_writer_get_format (writer);

  ioc_sim_exchange_set_bytes (ex, status,
                              format == IOC_SIM_FORMAT_XML ? "text/xml; charset=utf-8"
                                                           : "application/json; charset=utf-8",
                              ioc_sim_writer_finish (writer));
}

void
ioc_sim_exchange_set_bytes (IocSimExchange *ex,
                            guint           status,
                            const char     *content_type,
                            GBytes         *bytes)
{
  g_clear_pointer (&ex->response, g_bytes_unref);
  ex->status = status;
  ex->content_type = content_type;
  ex->response = bytes;
  if (status >= 300)
    ex->no_cache = TRUE;
}
