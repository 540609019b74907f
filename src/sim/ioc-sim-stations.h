/* ioc-sim-stations.h — monitoring stations and their lazily computed observations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_SIM_KIND_AIR,
  IOC_SIM_KIND_WATER,
  IOC_SIM_KIND_HYDRO,
  IOC_SIM_KIND_SALINITY,
} IocSimStationKind;

typedef struct {
  const char *name;        /* wire name, feeds.md §2 */
  const char *label;       /* Vietnamese description */
  const char *unit_name;
  const char *unit_symbol;
  const char *unit_definition;
  int         decimals;
} IocSimParameter;

typedef struct {
  guint               id;          /* Thing and Location id */
  const char         *name;
  const char         *description;
  IocSimStationKind   kind;
  gboolean            periodic;    /* monthly samples instead of hourly */
  double              lat, lon;
  const char         *commune_code;
  double              alarm[3];    /* BĐ1–3 for hydro stations (m) */
  guint               first_datastream;
  guint               n_datastreams;
} IocSimStation;

typedef struct {
  guint                  id;
  const IocSimStation   *station;
  const IocSimParameter *parameter;
  guint                  parameter_id;  /* ObservedProperty id */
  gboolean               milligrams;    /* CO served in mg/m³ */
} IocSimDatastream;

typedef struct _IocSimStations IocSimStations;

IocSimStations          *ioc_sim_stations_new         (guint64 seed,
                                                       gint64  history_start);
void                     ioc_sim_stations_free        (IocSimStations *self);
const IocSimStation     *ioc_sim_stations_get         (IocSimStations *self,
                                                       guint          *n);
const IocSimDatastream  *ioc_sim_stations_datastreams (IocSimStations *self,
                                                       guint          *n);
const IocSimParameter   *ioc_sim_stations_parameters  (guint          *n);
const char              *ioc_sim_stations_kind_name   (IocSimStationKind kind);
gint64                   ioc_sim_stations_slot_time   (IocSimStations          *self,
                                                       const IocSimDatastream  *ds,
                                                       gint64                   slot);
gint64                   ioc_sim_stations_slot_at     (IocSimStations          *self,
                                                       const IocSimDatastream  *ds,
                                                       gint64                   t,
                                                       gboolean                 after);
gboolean                 ioc_sim_stations_value       (IocSimStations          *self,
                                                       const IocSimDatastream  *ds,
                                                       gint64                   slot,
                                                       double                  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimStations, ioc_sim_stations_free)

G_END_DECLS
