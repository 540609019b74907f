/* ioc-complaint-layer.h — every complaint on the map in one layer: clusters
 * broken down by status, single points, or a heat map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ioc-cluster-index.h"
#include "ioc-complaint-status.h"

G_BEGIN_DECLS

typedef enum {
  IOC_COMPLAINT_LAYER_CLUSTERS,
  IOC_COMPLAINT_LAYER_HEAT,
} IocComplaintLayerMode;

#define IOC_TYPE_COMPLAINT_LAYER (ioc_complaint_layer_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintLayer, ioc_complaint_layer, IOC, COMPLAINT_LAYER, ShumateLayer)

IocComplaintLayer     *ioc_complaint_layer_new             (ShumateViewport       *viewport);
void                   ioc_complaint_layer_set_points      (IocComplaintLayer     *self,
                                                            IocClusterIndex       *index,
                                                            GPtrArray             *ids);
IocClusterIndex       *ioc_complaint_layer_get_index       (IocComplaintLayer     *self);
void                   ioc_complaint_layer_set_mode        (IocComplaintLayer     *self,
                                                            IocComplaintLayerMode  mode);
IocComplaintLayerMode  ioc_complaint_layer_get_mode        (IocComplaintLayer     *self);
const char            *ioc_complaint_layer_get_id          (IocComplaintLayer     *self,
                                                            guint                  point);
guint                  ioc_complaint_layer_count_visible   (IocComplaintLayer     *self,
                                                            guint                 *n_clusters);
gboolean               ioc_complaint_layer_find_disc       (IocComplaintLayer     *self,
                                                            double                 x,
                                                            double                 y,
                                                            double                 pad,
                                                            double                *cx,
                                                            double                *cy,
                                                            double                *r);
void                   ioc_complaint_status_rgba           (IocComplaintStatus     status,
                                                            GdkRGBA               *rgba);

G_END_DECLS
