/* ioc-datastream.h — a SensorThings Datastream: one parameter at one station
 * (feeds.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-observation.h"
#include "ioc-parameter.h"

G_BEGIN_DECLS

#define IOC_TYPE_DATASTREAM (ioc_datastream_get_type ())
G_DECLARE_FINAL_TYPE (IocDatastream, ioc_datastream, IOC, DATASTREAM, GObject)

/* Properties: "id" (construct-only; the @iot.id as a string), "name",
 * "parameter" (IocParameter as guint), "unit-symbol",
 * "observed-property" (the feed's own name or definition, for diagnostics),
 * "latest" (IocObservation, nullable). Notify only on change. */

IocDatastream        *ioc_datastream_new                   (const char   *id);
const char           *ioc_datastream_get_id                (IocDatastream *self);
const char           *ioc_datastream_get_name              (IocDatastream *self);
void                  ioc_datastream_set_name              (IocDatastream *self, const char *name);
IocParameter          ioc_datastream_get_parameter         (IocDatastream *self);
void                  ioc_datastream_set_parameter         (IocDatastream *self, IocParameter parameter);
const char           *ioc_datastream_get_unit_symbol       (IocDatastream *self);
void                  ioc_datastream_set_unit_symbol       (IocDatastream *self, const char *symbol);
const char           *ioc_datastream_get_observed_property (IocDatastream *self);
void                  ioc_datastream_set_observed_property (IocDatastream *self, const char *name);
/* (nullable) (transfer none) */
const IocObservation *ioc_datastream_get_latest            (IocDatastream *self);
/* Replaces the latest observation (NULL clears it). */
void                  ioc_datastream_set_latest            (IocDatastream *self, const IocObservation *latest);
/* Keeps @observation only if it is newer than the current latest one;
 * returns TRUE when it replaced it (observations may arrive out of order). */
gboolean              ioc_datastream_offer_observation     (IocDatastream *self, const IocObservation *observation);
/* Copies the fields of @other (same id expected), notifying only changes. */
gboolean              ioc_datastream_update_from           (IocDatastream *self, IocDatastream *other);

G_END_DECLS
