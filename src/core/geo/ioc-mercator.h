/* ioc-mercator.h — Web-Mercator (EPSG:3857) helpers in world units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The latitude where Web Mercator's square world ends (arctan(sinh π)). */
#define IOC_MERCATOR_MAX_LATITUDE 85.0511287798066

/* The side of a raster tile in pixels, as in every slippy map. */
#define IOC_MERCATOR_TILE_SIZE 256

void    ioc_mercator_project          (double  lat,
                                       double  lon,
                                       double *x,
                                       double *y);
void    ioc_mercator_unproject        (double  x,
                                       double  y,
                                       double *lat,
                                       double *lon);
double  ioc_mercator_world_size       (double  zoom);
double  ioc_mercator_meters_per_pixel (double  lat,
                                       double  zoom);
double  ioc_mercator_zoom_for_span    (double  lat_min,
                                       double  lon_min,
                                       double  lat_max,
                                       double  lon_max,
                                       double  width_px,
                                       double  height_px);

G_END_DECLS
