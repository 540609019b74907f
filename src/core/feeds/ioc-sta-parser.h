/* ioc-sta-parser.h — OGC SensorThings API 1.0/1.1 bodies (feeds.md §2)
 *
 * Pure functions over bytes, safe on worker threads. The caller says what it
 * asked for (Things, Datastreams, Observations, Locations, or anything else
 * just to be checked); a single entity is accepted as a one-element
 * collection. Handled as seen in ../shared/peer-corpus/sensorthings:
 *  - `value`, and the 1.0 specification erratum `values`;
 *  - `@iot.nextLink` absolute or host-relative (resolved against the request
 *    URL; only http and https are followed), `@iot.count`;
 *  - `@iot.id` as number or string;
 *  - phenomenonTime as an instant or an interval `start/end` (the end is used);
 *  - result as number, numeric string or null (a gap); an object, array or
 *    boolean result skips that observation with a reason;
 *  - `$resultFormat=dataArray` (components + rows);
 *  - GeoJSON Point, Feature and Polygon locations (a Polygon gives its
 *    area centroid);
 *  - a unit symbol that is UTF-8 encoded twice ("â\u0084\u0083" for "℃"):
 *    repaired when the repaired symbol is a unit ioc-unit knows (with a
 *    warning saying so), reported as a warning otherwise;
 *  - FROST error bodies {code, type:"error", message} → IOC_FEED_ERROR_SERVER.
 *
 * Observed properties are mapped through IocFeedAdapter; the unit comes from
 * unitOfMeasurement.symbol, or the adapter's default unit when there is none.
 * Values stay in the datastream's own unit (see ioc_unit_to_canonical()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-datastream.h"
#include "ioc-feed-adapter.h"
#include "ioc-observation.h"
#include "ioc-station.h"

G_BEGIN_DECLS

typedef enum {
  IOC_STA_ENTITY_THINGS,        /* → stations (with Locations and Datastreams when expanded) */
  IOC_STA_ENTITY_DATASTREAMS,   /* → datastreams (with the latest Observation when expanded) */
  IOC_STA_ENTITY_OBSERVATIONS,  /* → observations */
  IOC_STA_ENTITY_LOCATIONS,     /* → locations (Locations and FeaturesOfInterest) */
  IOC_STA_ENTITY_OTHER,         /* → counted only (ObservedProperties, service root…) */
} IocStaEntityKind;

typedef struct {
  char   *id;     /* nullable */
  char   *name;   /* nullable */
  double  lat;
  double  lon;
} IocStaLocation;

/* An inline collection that the server cut short: the rest is at @link. */
typedef struct {
  char *entity_id;  /* the Thing or Datastream the collection belongs to */
  char *link;       /* absolute http(s) URL */
} IocStaNestedLink;

typedef struct {
  IocStaEntityKind  kind;
  guint             n_records;      /* entities (or dataArray rows) seen */
  GPtrArray        *stations;       /* IocStation */
  GPtrArray        *datastreams;    /* IocDatastream */
  GPtrArray        *observations;   /* IocObservation, in document order */
  GPtrArray        *locations;      /* IocStaLocation */
  GPtrArray        *nested_links;   /* IocStaNestedLink */
  char             *next_link;      /* nullable: absolute URL of the next page */
  gboolean          has_count;
  guint64           count;          /* @iot.count */
  GPtrArray        *skipped;        /* char *: why each skipped record was skipped */
  GPtrArray        *warnings;       /* char * */
} IocStaResult;

void          ioc_sta_result_free  (IocStaResult      *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocStaResult, ioc_sta_result_free)

/* @request_url (nullable) resolves relative next links; @adapter (nullable)
 * defaults to the built-in table. */
IocStaResult *ioc_sta_parse        (IocStaEntityKind   kind,
                                    const char        *data,
                                    gsize              length,
                                    const char        *request_url,
                                    IocFeedAdapter    *adapter,
                                    GError           **error);

/* The end of an interval `a/b`, or the instant; NULL with an error otherwise. */
GDateTime    *ioc_sta_parse_time   (const char        *text,
                                    GError           **error);

void          ioc_sta_location_free    (IocStaLocation   *location);
void          ioc_sta_nested_link_free (IocStaNestedLink *link);

G_END_DECLS
