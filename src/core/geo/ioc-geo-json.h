/* ioc-geo-json.h — commune boundaries from a GeoJSON file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IOC_GEO_JSON_ERROR (ioc_geo_json_error_quark ())
typedef enum {
  IOC_GEO_JSON_ERROR_TOO_LARGE,  /* file, feature or vertex count over the limits */
  IOC_GEO_JSON_ERROR_TOO_DEEP,   /* nesting deeper than any GeoJSON needs */
  IOC_GEO_JSON_ERROR_INVALID,    /* not JSON, not a FeatureCollection, bad coordinates */
} IocGeoJsonError;

/* Limits that no real boundary file of a province reaches. */
#define IOC_GEO_JSON_MAX_BYTES     (64 * 1024 * 1024)
#define IOC_GEO_JSON_MAX_FEATURES  10000
#define IOC_GEO_JSON_MAX_VERTICES  4000000
#define IOC_GEO_JSON_MAX_DEPTH     32

typedef struct {
  guint32 offset;    /* first vertex in the feature's coords (pairs) */
  guint32 n_points;  /* closed ring: the last vertex repeats the first */
} IocGeoRing;

typedef struct {
  char       *code;       /* "30292"; "" when absent */
  char       *name;       /* "Bình Đức"; "" when absent */
  char       *full_name;  /* "Phường Bình Đức"; falls back to name */
  double     *coords;     /* lon, lat pairs */
  guint       n_coords;   /* pairs */
  IocGeoRing *rings;
  guint       n_rings;
  double      min_lon, min_lat, max_lon, max_lat;
} IocGeoFeature;

#define IOC_TYPE_GEO_JSON (ioc_geo_json_get_type ())
G_DECLARE_FINAL_TYPE (IocGeoJson, ioc_geo_json, IOC, GEO_JSON, GObject)

GQuark               ioc_geo_json_error_quark     (void);
IocGeoJson          *ioc_geo_json_new_from_data   (const char  *data,
                                                   gsize        length,
                                                   GError     **error);
IocGeoJson          *ioc_geo_json_new_from_file   (const char  *path,
                                                   GError     **error);
guint                ioc_geo_json_get_n_features  (IocGeoJson  *self);
const IocGeoFeature *ioc_geo_json_get_feature     (IocGeoJson  *self,
                                                   guint        index);
int                  ioc_geo_json_find_code       (IocGeoJson  *self,
                                                   const char  *code);
int                  ioc_geo_json_find_at         (IocGeoJson  *self,
                                                   double       lat,
                                                   double       lon);
gboolean             ioc_geo_feature_contains     (const IocGeoFeature *feature,
                                                   double       lat,
                                                   double       lon);
void                 ioc_geo_json_get_bounds      (IocGeoJson  *self,
                                                   double      *min_lat,
                                                   double      *min_lon,
                                                   double      *max_lat,
                                                   double      *max_lon);

G_END_DECLS
