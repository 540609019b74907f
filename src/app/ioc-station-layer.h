/* ioc-station-layer.h — every monitoring station on the map in one layer,
 * coloured by its current band, with a popover of its latest readings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ioc-station.h"

G_BEGIN_DECLS

/* Called exactly once by a history source with the observations of the
 * last 24 hours, oldest first (transfer none; NULL when the fetch failed). */
typedef void (*IocStationHistoryReady) (GPtrArray *observations,
                                        gpointer   ready_data);

/* Fetches the observations of @datastream since @since for the popover's
 * sparkline; must call @ready once, also on failure or cancellation. */
typedef void (*IocStationHistoryFunc) (IocStation             *station,
                                       IocDatastream          *datastream,
                                       GDateTime              *since,
                                       GCancellable           *cancellable,
                                       IocStationHistoryReady  ready,
                                       gpointer                ready_data,
                                       gpointer                user_data);

/* What a station's symbol shows. */
typedef struct {
  gboolean       has_data;   /* FALSE: grey, with the "no data" mark */
  int            level;      /* 0 = best … higher = worse; -1 without data */
  GdkRGBA        colour;
  char          *label;      /* translated band label */
  IocDatastream *main;       /* (nullable) (transfer none): for the sparkline */
} IocStationBand;

/**
 * IocStationKeepClearFunc:
 * @x: @y: a station's symbol, in layer coordinates
 * @pad: its radius
 * @cx: @cy: @r: (out): the disc it must not cover
 *
 * Returns: whether a disc drawn below (a complaint cluster and its count)
 * lies under the symbol
 */
typedef gboolean (*IocStationKeepClearFunc) (double    x,
                                             double    y,
                                             double    pad,
                                             double   *cx,
                                             double   *cy,
                                             double   *r,
                                             gpointer  user_data);

#define IOC_TYPE_STATION_LAYER (ioc_station_layer_get_type ())
G_DECLARE_FINAL_TYPE (IocStationLayer, ioc_station_layer, IOC, STATION_LAYER, ShumateLayer)

IocStationLayer *ioc_station_layer_new              (ShumateViewport       *viewport);
void             ioc_station_layer_set_keep_clear   (IocStationLayer       *self,
                                                     IocStationKeepClearFunc func,
                                                     gpointer               user_data);
void             ioc_station_layer_set_stations     (IocStationLayer       *self,
                                                     GListModel            *stations);
void             ioc_station_layer_set_history_func (IocStationLayer       *self,
                                                     IocStationHistoryFunc  func,
                                                     gpointer               user_data,
                                                     GDestroyNotify         destroy);
void             ioc_station_layer_set_sta_history  (IocStationLayer       *self,
                                                     const char            *base_url);
gboolean         ioc_station_layer_get_point        (IocStationLayer       *self,
                                                     guint                  position,
                                                     double                *x,
                                                     double                *y);
gboolean         ioc_station_layer_activate_at      (IocStationLayer       *self,
                                                     double                 x,
                                                     double                 y);
GtkPopover      *ioc_station_layer_get_popover      (IocStationLayer       *self);
int              ioc_station_layer_get_sparkline_points (IocStationLayer   *self);

void             ioc_station_band_compute           (IocStation            *station,
                                                     IocStationBand        *band);
void             ioc_station_band_clear             (IocStationBand        *band);
void             ioc_station_band_legend_rgba       (guint                  level,
                                                     GdkRGBA               *rgba);

G_END_DECLS
