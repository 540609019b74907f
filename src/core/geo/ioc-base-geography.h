/* ioc-base-geography.h — the bundled geography of the offline base map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IOC_BASE_GEOGRAPHY_ERROR (ioc_base_geography_error_quark ())
typedef enum {
  IOC_BASE_GEOGRAPHY_ERROR_INVALID,
} IocBaseGeographyError;

typedef enum {
  IOC_BASE_LINE_SHORE,   /* GSHHG shoreline */
  IOC_BASE_LINE_RIVER,   /* WDBII river */
  IOC_BASE_LINE_CANAL,   /* WDBII canal (classes 8–10) */
} IocBaseLineKind;

/* One polyline; its vertices are Web-Mercator world units (0–1), ready for
 * drawing at any zoom. */
typedef struct {
  IocBaseLineKind kind;
  guint           level;      /* GSHHG level or WDBII class */
  guint           area;       /* index of its area, 0 the finest */
  guint           offset;     /* first vertex (pair) in the coordinates */
  guint           n_points;
  double          x0, y0, x1, y1;  /* bounds, world units */
} IocBaseLine;

#define IOC_TYPE_BASE_GEOGRAPHY (ioc_base_geography_get_type ())
G_DECLARE_FINAL_TYPE (IocBaseGeography, ioc_base_geography, IOC, BASE_GEOGRAPHY, GObject)

GQuark             ioc_base_geography_error_quark  (void);
IocBaseGeography  *ioc_base_geography_new          (GBytes      *lines,
                                                    GBytes      *land_mask,
                                                    GError     **error);
IocBaseGeography  *ioc_base_geography_new_default  (GError     **error);
gboolean           ioc_base_geography_add_land_mask (IocBaseGeography *self,
                                                    GBytes           *land_mask,
                                                    GError          **error);
guint              ioc_base_geography_get_n_areas  (IocBaseGeography *self);
void               ioc_base_geography_get_area     (IocBaseGeography *self,
                                                    guint             area,
                                                    double           *x0,
                                                    double           *y0,
                                                    double           *x1,
                                                    double           *y1);
double             ioc_base_geography_land_fraction (IocBaseGeography *self,
                                                    double            lat,
                                                    double            lon,
                                                    double           *cell_deg);
const IocBaseLine *ioc_base_geography_get_lines    (IocBaseGeography *self,
                                                    guint            *n_lines);
const double      *ioc_base_geography_get_coords   (IocBaseGeography *self);
int                ioc_base_geography_is_land      (IocBaseGeography *self,
                                                    double            x,
                                                    double            y);
void               ioc_base_geography_get_bounds   (IocBaseGeography *self,
                                                    double           *x0,
                                                    double           *y0,
                                                    double           *x1,
                                                    double           *y1);

G_END_DECLS
