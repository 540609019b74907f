/* ioc-sim-server.h — the feed simulator's HTTP server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ioc-sim-dataset.h"
#include "ioc-sim-faults.h"

G_BEGIN_DECLS

#define IOC_SIM_DEFAULT_PORT    8311
#define IOC_SIM_DEFAULT_API_KEY "ioc-sim-demo"

typedef struct {
  guint64     seed;
  int         history_year;   /* 0 = 2024 */
  gint64      complaints;     /* -1 = default volume */
  double      rate_per_day;   /* <= 0 = default */
  const char *db_path;        /* an existing file is reopened with its state */
  gboolean    reset;          /* generate db_path again instead */
  gboolean    has_now;
  gint64      now;            /* start of simulated time when has_now */
  double      speed;          /* 0 = frozen */
  const char *address;        /* NULL = 127.0.0.1 */
  guint       port;           /* 0 = random */
  gboolean    listen_any;
  const char *api_key;        /* NULL = IOC_SIM_DEFAULT_API_KEY */
} IocSimConfig;

typedef struct _IocSimServer IocSimServer;

void           ioc_sim_config_init        (IocSimConfig *config);
IocSimServer  *ioc_sim_server_new         (const IocSimConfig *config,
                                           GError            **error);
void           ioc_sim_server_free        (IocSimServer *self);
gboolean       ioc_sim_server_listen      (IocSimServer *self,
                                           GError      **error);
guint          ioc_sim_server_get_port    (IocSimServer *self);
char          *ioc_sim_server_get_url     (IocSimServer *self);
IocSimFaults  *ioc_sim_server_get_faults  (IocSimServer *self);
IocSimDataset *ioc_sim_server_get_dataset (IocSimServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimServer, ioc_sim_server_free)

G_END_DECLS
