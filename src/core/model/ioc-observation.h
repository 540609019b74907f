/* ioc-observation.h — one SensorThings observation (feeds.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  /* phenomenonTime in UTC microseconds since the Unix epoch; for an interval
   * `start/end` the end (feeds.md §2). */
  gint64   phenomenon_time;
  /* The value in the datastream's own unit (conversion happens before indices). */
  double   result;
  /* FALSE when the feed sent null (a gap): then @result is meaningless. */
  gboolean has_result;
} IocObservation;

#define IOC_TYPE_OBSERVATION (ioc_observation_get_type ())
GType           ioc_observation_get_type (void) G_GNUC_CONST;

IocObservation *ioc_observation_new      (gint64                phenomenon_time,
                                          gboolean              has_result,
                                          double                result);
IocObservation *ioc_observation_copy     (const IocObservation *observation);
void            ioc_observation_free     (IocObservation       *observation);
/* Same time, same presence, and the same value (bitwise, so NaN == NaN). */
gboolean        ioc_observation_equal    (const IocObservation *a,
                                          const IocObservation *b);
/* (transfer full) the phenomenon time in UTC */
GDateTime      *ioc_observation_get_time (const IocObservation *observation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocObservation, ioc_observation_free)

G_END_DECLS
