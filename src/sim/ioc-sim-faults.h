/* ioc-sim-faults.h — fault injection for client tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IocSimFaults IocSimFaults;

/* What happens to one response. */
typedef struct {
  guint    latency_ms;
  guint    stall_ms;      /* > 0: send half the body, wait, send the rest */
  guint    error_status;  /* > 0: answer with this 5xx instead */
  guint    mangle;        /* IocSimMangle flags */
  gboolean truncated;     /* cut the body in half */
  gboolean malformed;     /* break the JSON/XML syntax */
  gsize    oversized;     /* > 0: pad the body to this many bytes */
} IocSimFaultPlan;

IocSimFaults *ioc_sim_faults_new     (guint64        seed);
void          ioc_sim_faults_free    (IocSimFaults  *self);
void          ioc_sim_faults_reset   (IocSimFaults  *self);
gboolean      ioc_sim_faults_set     (IocSimFaults  *self,
                                      const char    *key,
                                      const char    *value,
                                      GError       **error);
gboolean      ioc_sim_faults_set_json (IocSimFaults *self,
                                      const char    *json,
                                      gsize          len,
                                      GError       **error);
char         *ioc_sim_faults_to_json (IocSimFaults  *self);
void          ioc_sim_faults_plan    (IocSimFaults    *self,
                                      const char      *path,
                                      IocSimFaultPlan *plan);
const char   *ioc_sim_faults_help    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimFaults, ioc_sim_faults_free)

G_END_DECLS
