/* ioc-sim-dataset.h — the simulator's seeded state in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "ioc-sim-clock.h"

G_BEGIN_DECLS

#define IOC_SIM_ERROR (ioc_sim_error_quark ())
GQuark ioc_sim_error_quark (void);

typedef enum {
  IOC_SIM_ERROR_INVALID,
  IOC_SIM_ERROR_DATABASE,
  IOC_SIM_ERROR_NETWORK,
} IocSimError;

typedef struct {
  guint64      seed;
  int          history_year; /* first generated year */
  gint64       complaints;   /* total generated up to now; -1 = default volume */
  double       rate_per_day; /* live arrivals; <= 0 = default */
  const char  *db_path;      /* NULL = in memory; an existing file is reopened */
  gboolean     reset;        /* replace an existing db_path instead */
} IocSimDatasetOptions;

typedef struct _IocSimDataset IocSimDataset;

IocSimDataset *ioc_sim_dataset_new            (const IocSimDatasetOptions *options,
                                               IocSimClock                *clock,
                                               GError                    **error);
void           ioc_sim_dataset_free           (IocSimDataset *self);
sqlite3       *ioc_sim_dataset_get_db         (IocSimDataset *self);
IocSimClock   *ioc_sim_dataset_get_clock      (IocSimDataset *self);
guint64        ioc_sim_dataset_get_seed       (IocSimDataset *self);
gint64         ioc_sim_dataset_get_history_start (IocSimDataset *self);
gint64         ioc_sim_dataset_now            (IocSimDataset *self);
gint64         ioc_sim_dataset_count_requests (IocSimDataset *self);
guint          ioc_sim_dataset_tick           (IocSimDataset *self);
sqlite3_stmt  *ioc_sim_dataset_prepare        (IocSimDataset *self,
                                               const char    *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimDataset, ioc_sim_dataset_free)

G_END_DECLS
