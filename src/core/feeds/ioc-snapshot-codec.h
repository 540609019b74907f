/* ioc-snapshot-codec.h — the models of the three feeds as snapshot bytes
 * and back, for the offline start ("the last snapshot of each feed: the app
 * starts with it, marked offline, before the network answers")
 *
 * Every snapshot is written in the feed's own wire format, so the parsers
 * that read the network read the cache too:
 *  - complaints: an Open311 GeoReport v2 `requests.json` array with the
 *    project's extensions (feeds.md §1), read back by
 *    ioc_open311_parse_requests(); datetimes keep their UTC offset and
 *    microseconds, numbers are printed with 17 significant digits;
 *  - stations: a SensorThings `Things` collection as
 *    `Things?$expand=Locations,Datastreams($expand=ObservedProperty,Observations($top=1))`
 *    would answer (feeds.md §2), with Thing.properties `station_kind`,
 *    `commune_code`, `alarm_levels`, and one documented addition per
 *    Datastream, `properties: {"ioc_parameter": "PM2.5"}`, that pins the
 *    parameter the adapter had mapped, so that a snapshot reads back the
 *    same even after the operator's adapter table changed. Any SensorThings
 *    reader (IocStaParser included) reads it; the codec's own reader honours
 *    the addition;
 *  - TTHC: one snapshot per resource, keys "units", "stats", "daily",
 *    "overdue" and "late", as units.json, stats.json, daily.json and
 *    dossiers.json (feeds.md §3).
 *
 * Threading: the encoders read their arguments only. IocComplaint and
 * IocStation are not thread-safe: a worker thread encodes copies
 * (ioc_complaint_copy()) nobody else touches; stations (a few hundred) are
 * encoded on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-feed-adapter.h"
#include "ioc-tthc-parser.h"

G_BEGIN_DECLS

#define IOC_SNAPSHOT_KEY_TTHC_UNITS   "units"
#define IOC_SNAPSHOT_KEY_TTHC_STATS   "stats"
#define IOC_SNAPSHOT_KEY_TTHC_DAILY   "daily"
#define IOC_SNAPSHOT_KEY_TTHC_OVERDUE "overdue"
#define IOC_SNAPSHOT_KEY_TTHC_LATE    "late"

/* (element-type IocComplaint) → Open311 JSON with extensions. */
GBytes    *ioc_snapshot_codec_encode_complaints (GPtrArray       *complaints);
/* (transfer full) (element-type IocComplaint) */
GPtrArray *ioc_snapshot_codec_decode_complaints (GBytes          *bytes,
                                                 IocFeedAdapter  *adapter,
                                                 GError         **error);

/* (element-type IocStation) → SensorThings Things JSON. */
GBytes    *ioc_snapshot_codec_encode_stations   (GPtrArray       *stations);
/* (transfer full) (element-type IocStation); @adapter (nullable) maps
 * observed properties of datastreams without the ioc_parameter addition. */
GPtrArray *ioc_snapshot_codec_decode_stations   (GBytes          *bytes,
                                                 IocFeedAdapter  *adapter,
                                                 GError         **error);

/* TTHC: (element-type IocTthcUnit) → units.json */
GBytes    *ioc_snapshot_codec_encode_tthc_units    (GPtrArray *units);
/* (element-type IocTthcStats) → stats.json (the period of the first
 * element); (nullable): NULL for an empty array, which has no period */
GBytes    *ioc_snapshot_codec_encode_tthc_stats    (GPtrArray *stats);
/* (element-type IocTthcStats), one per day → daily.json; NULL when empty */
GBytes    *ioc_snapshot_codec_encode_tthc_daily    (GPtrArray *daily);
/* (element-type IocTthcDossier) → dossiers.json */
GBytes    *ioc_snapshot_codec_encode_tthc_dossiers (GPtrArray *dossiers);
/* One TTHC snapshot by its key (IOC_SNAPSHOT_KEY_TTHC_*). */
IocTthcResult *ioc_snapshot_codec_decode_tthc      (const char *key,
                                                    GBytes     *bytes,
                                                    GError    **error);

G_END_DECLS
