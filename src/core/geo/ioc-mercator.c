/* ioc-mercator.c — Web-Mercator (EPSG:3857) helpers in world units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ioc-mercator.h"

#define EARTH_CIRCUMFERENCE_M 40075016.686

/**
 * ioc_mercator_project:
 * @lat: latitude in degrees (clamped to ±%IOC_MERCATOR_MAX_LATITUDE)
 * @lon: longitude in degrees
 * @x: (out): 0 at 180° W, 1 at 180° E
 * @y: (out): 0 at the north edge, 1 at the south edge
 *
 * Spherical Web Mercator (EPSG:3857) as used by slippy-map tiles: multiplying
 * the result by ioc_mercator_world_size() gives the pixel position at a zoom
 * level, which is what both the clustering grid and the tile renderer need.
 */
void
ioc_mercator_project (double  lat,
                      double  lon,
                      double *x,
                      double *y)
{
  double s;

  lat = CLAMP (lat, -IOC_MERCATOR_MAX_LATITUDE, IOC_MERCATOR_MAX_LATITUDE);
  s = sin (lat * G_PI / 180.0);
  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI);
}

/**
 * ioc_mercator_unproject:
 *
 * The inverse of ioc_mercator_project().
 */
void
ioc_mercator_unproject (double  x,
                        double  y,
                        double *lat,
                        double *lon)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

/**
 * ioc_mercator_world_size:
 *
 * Returns: the side of the whole world in pixels at @zoom (256 · 2^zoom).
 */
double
ioc_mercator_world_size (double zoom)
{
  return IOC_MERCATOR_TILE_SIZE * exp2 (zoom);
}

/**
 * ioc_mercator_meters_per_pixel:
 *
 * Ground resolution at @lat and @zoom: the scale bar and the "within 50 m"
 * hit tolerance use it.
 */
double
ioc_mercator_meters_per_pixel (double lat,
                               double zoom)
{
  return EARTH_CIRCUMFERENCE_M * cos (lat * G_PI / 180.0) / ioc_mercator_world_size (zoom);
}

/**
 * ioc_mercator_zoom_for_span:
 *
 * Returns: the largest (fractional) zoom level at which the box fits in
 * @width_px × @height_px, for "zoom to province" and "zoom to commune".
 */
double
ioc_mercator_zoom_for_span (double lat_min,
                            double lon_min,
                            double lat_max,
                            double lon_max,
                            double width_px,
                            double height_px)
{
  double x0, y0, x1, y1, dx, dy, zx, zy;

  ioc_mercator_project (lat_max, lon_min, &x0, &y0);
  ioc_mercator_project (lat_min, lon_max, &x1, &y1);
  dx = MAX (fabs (x1 - x0), 1e-9);
  dy = MAX (fabs (y1 - y0), 1e-9);
  zx = log2 (width_px / (dx * IOC_MERCATOR_TILE_SIZE));
  zy = log2 (height_px / (dy * IOC_MERCATOR_TILE_SIZE));
  return MIN (zx, zy);
}
