/* ioc-commune-layer.h — commune boundaries, names and choropleths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ioc-geo-json.h"
#include "ioc-station-layer.h"

G_BEGIN_DECLS

typedef enum {
  IOC_COMMUNE_LAYER_SHAPES = 1 << 0,   /* boundaries and the choropleth */
  IOC_COMMUNE_LAYER_NAMES  = 1 << 1,   /* commune names */
} IocCommuneLayerParts;

#define IOC_TYPE_COMMUNE_LAYER (ioc_commune_layer_get_type ())
G_DECLARE_FINAL_TYPE (IocCommuneLayer, ioc_commune_layer, IOC, COMMUNE_LAYER, ShumateLayer)

IocCommuneLayer *ioc_commune_layer_new          (ShumateViewport *viewport);
void             ioc_commune_layer_set_boundaries (IocCommuneLayer *self,
                                                 IocGeoJson      *boundaries);
void             ioc_commune_layer_set_values   (IocCommuneLayer *self,
                                                 const guint     *values,
                                                 guint            n_values);
guint            ioc_commune_layer_get_max_value (IocCommuneLayer *self);
void             ioc_commune_layer_set_parts    (IocCommuneLayer      *self,
                                                 IocCommuneLayerParts  parts);
void             ioc_commune_layer_set_keep_clear (IocCommuneLayer       *self,
                                                   IocStationKeepClearFunc func,
                                                   gpointer               user_data);
void             ioc_commune_layer_choropleth_rgba (double        fraction,
                                                    GdkRGBA      *rgba);

G_END_DECLS
