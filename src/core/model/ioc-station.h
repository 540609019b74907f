/* ioc-station.h — a monitoring station: SensorThings Thing + Location and the
 * project's Thing.properties (feeds.md §2, domain.md §7–8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-datastream.h"

#include "ioc-enums.h"

G_BEGIN_DECLS

typedef enum {
  IOC_STATION_KIND_UNKNOWN,
  IOC_STATION_KIND_AIR,
  IOC_STATION_KIND_WATER,
  IOC_STATION_KIND_HYDRO,
  IOC_STATION_KIND_SALINITY,
  IOC_N_STATION_KINDS /*< skip >*/
} IocStationKind;

const char *ioc_station_kind_to_string   (IocStationKind  kind);  /* NULL for UNKNOWN */
gboolean    ioc_station_kind_from_string (const char     *name,
                                          IocStationKind *kind);
const char *ioc_station_kind_label       (IocStationKind  kind);  /* translated */

#define IOC_TYPE_STATION (ioc_station_get_type ())
G_DECLARE_FINAL_TYPE (IocStation, ioc_station, IOC, STATION, GObject)

/* Properties: "id" (construct-only, the Thing's @iot.id as a string), "name",
 * "description", "location-name", "lat", "long", "has-location", "kind",
 * "commune-code", "has-alarm-levels", "datastreams" (GListModel of
 * IocDatastream, read-only). Notify only on change. */

IocStation     *ioc_station_new                 (const char  *id);
const char     *ioc_station_get_id              (IocStation  *self);
const char     *ioc_station_get_name            (IocStation  *self);
void            ioc_station_set_name            (IocStation  *self, const char *name);
const char     *ioc_station_get_description     (IocStation  *self);
void            ioc_station_set_description     (IocStation  *self, const char *description);
const char     *ioc_station_get_location_name   (IocStation  *self);
void            ioc_station_set_location_name   (IocStation  *self, const char *name);
gboolean        ioc_station_get_has_location    (IocStation  *self);
double          ioc_station_get_lat             (IocStation  *self);
double          ioc_station_get_long            (IocStation  *self);
void            ioc_station_set_location        (IocStation  *self, double lat, double lon);
void            ioc_station_clear_location      (IocStation  *self);
IocStationKind  ioc_station_get_kind            (IocStation  *self);
void            ioc_station_set_kind            (IocStation  *self, IocStationKind kind);
const char     *ioc_station_get_commune_code    (IocStation  *self);
void            ioc_station_set_commune_code    (IocStation  *self, const char *code);

/* River alarm levels báo động 1–3 in metres (domain.md §7). */
gboolean        ioc_station_get_has_alarm_levels (IocStation *self);
/* Returns FALSE when the station has none; @levels gets bd1, bd2, bd3. */
gboolean        ioc_station_get_alarm_levels    (IocStation  *self, double levels[3]);
/* The levels must be strictly increasing; returns FALSE (and changes nothing) otherwise. */
gboolean        ioc_station_set_alarm_levels    (IocStation  *self, double bd1, double bd2, double bd3);
void            ioc_station_clear_alarm_levels  (IocStation  *self);
/* 0 below BĐ1 (or without levels), else the highest level reached (1–3). */
guint           ioc_station_alarm_level_for     (IocStation  *self, double water_level_m);

/* (transfer none): the station's datastreams, a GListModel of IocDatastream. */
GListModel     *ioc_station_get_datastreams     (IocStation  *self);
/* Adds @datastream, or updates the one with the same id in place. */
void            ioc_station_add_datastream      (IocStation  *self, IocDatastream *datastream);
/* (transfer none) (nullable) */
IocDatastream  *ioc_station_find_datastream     (IocStation  *self, const char *id);
/* (transfer none) (nullable): the first datastream measuring @parameter */
IocDatastream  *ioc_station_find_parameter      (IocStation  *self, IocParameter parameter);

/* Copies metadata of @other and merges its datastreams by id (datastreams
 * missing from @other are removed), notifying only what changed. */
gboolean        ioc_station_update_from         (IocStation  *self, IocStation *other);

G_END_DECLS
