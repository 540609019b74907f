/* ioc-geo-json.c — commune boundaries from a GeoJSON file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ioc-geo-json.h"

/* The boundary file comes from a path in the settings: it is input, not
 * trusted data. Every limit below is checked before memory is committed, and
 * a file that breaks one is refused whole, with a message saying which. */

struct _IocGeoJson
{
  GObject        parent_instance;
  GArray        *features;   /* IocGeoFeature */
  double         min_lon, min_lat, max_lon, max_lat;
};

G_DEFINE_TYPE (IocGeoJson, ioc_geo_json, G_TYPE_OBJECT)

G_DEFINE_QUARK (ioc-geo-json-error-quark, ioc_geo_json_error)

static void
feature_clear (IocGeoFeature *f)
{
  g_free (f->code);
  g_free (f->name);
  g_free (f->full_name);
  g_free (f->coords);
  g_free (f->rings);
}

static void
ioc_geo_json_finalize (GObject *object)
{
  IocGeoJson *self = IOC_GEO_JSON (object);

  g_array_unref (self->features);
  G_OBJECT_CLASS (ioc_geo_json_parent_class)->finalize (object);
}

static void
ioc_geo_json_class_init (IocGeoJsonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_geo_json_finalize;
}

static void
ioc_geo_json_init (IocGeoJson *self)
{
  self->features = g_array_new (FALSE, TRUE, sizeof (IocGeoFeature));
  g_array_set_clear_func (self->features, (GDestroyNotify) feature_clear);
  self->min_lon = self->min_lat = INFINITY;
  self->max_lon = self->max_lat = -INFINITY;
}

/* A scan of the raw text, outside strings, so that a file of a million
 * nested brackets is refused before the recursive parser sees it. */
static gboolean
check_depth (const char  *data,
             gsize        length,
             GError     **error)
{
  int depth = 0;
  gboolean in_string = FALSE;
  gsize i;

  for (i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > IOC_GEO_JSON_MAX_DEPTH)
            {
              g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_DEEP,
                           _("Boundary file nests deeper than %d levels"),
                           IOC_GEO_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

static char *
dup_property (JsonObject *props,
              const char *name)
{
  JsonNode *node;

  if (props == NULL || !json_object_has_member (props, name))
    return NULL;
  node = json_object_get_member (props, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

static gboolean
read_ring (JsonNode   *node,
           GArray     *coords,
           GArray     *rings,
           guint      *total_vertices,
           GError    **error)
{
  JsonArray *ring;
  IocGeoRing r;
  guint i, n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto invalid;
  ring = json_node_get_array (node);
  n = json_array_get_length (ring);
  if (n < 4)
    goto invalid;
  *total_vertices += n;
  if (*total_vertices > IOC_GEO_JSON_MAX_VERTICES)
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_LARGE,
                   _("Boundary file has more than %d vertices"),
                   IOC_GEO_JSON_MAX_VERTICES);
      return FALSE;
    }

  r.offset = coords->len / 2;
  r.n_points = n;
  for (i = 0; i < n; i++)
    {
      JsonNode *pt = json_array_get_element (ring, i);
      JsonArray *pa;
      double xy[2];
      guint k;

      if (!JSON_NODE_HOLDS_ARRAY (pt))
        goto invalid;
      pa = json_node_get_array (pt);
      if (json_array_get_length (pa) < 2)
        goto invalid;
      for (k = 0; k < 2; k++)
        {
          JsonNode *v = json_array_get_element (pa, k);
          GType t;

          if (!JSON_NODE_HOLDS_VALUE (v))
            goto invalid;
          t = json_node_get_value_type (v);
          if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
            goto invalid;
          xy[k] = json_node_get_double (v);
        }
      if (!isfinite (xy[0]) || !isfinite (xy[1])
          || fabs (xy[0]) > 180.0 || fabs (xy[1]) > 90.0)
        goto invalid;
      g_array_append_vals (coords, xy, 2);
    }
  g_array_append_val (rings, r);
  return TRUE;

invalid:
  g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_INVALID,
               _("Boundary file has a malformed polygon ring"));
  return FALSE;
}

static gboolean
read_polygon (JsonNode  *node,
              GArray    *coords,
              GArray    *rings,
              guint     *total_vertices,
              GError   **error)
{
  JsonArray *poly;
  guint i;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_INVALID,
                   _("Boundary file has a malformed polygon"));
      return FALSE;
    }
  poly = json_node_get_array (node);
  for (i = 0; i < json_array_get_length (poly); i++)
    if (!read_ring (json_array_get_element (poly, i), coords, rings, total_vertices, error))
      return FALSE;
  return TRUE;
}

/**
 * ioc_geo_json_new_from_data:
 *
 * Parses a GeoJSON FeatureCollection of Polygon and MultiPolygon features with
 * properties `code` and `name` (and optionally `fullName`), as in
 * `an-giang-communes-2025.geojson` (domain.md §2: the boundary file is loaded
 * from a configurable path). Features of other geometry types are skipped.
 * Files over the IOC_GEO_JSON_MAX_* limits, nested too deeply, or with
 * non-numeric or out-of-range coordinates are refused with an
 * %IOC_GEO_JSON_ERROR.
 *
 * Returns: (transfer full) (nullable): the boundaries
 */
IocGeoJson *
ioc_geo_json_new_from_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(IocGeoJson) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *obj;
  JsonArray *features;
  guint total_vertices = 0;
  guint i;

  if (length > IOC_GEO_JSON_MAX_BYTES)
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_LARGE,
                   _("Boundary file is larger than %d MB"),
                   IOC_GEO_JSON_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!check_depth (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_INVALID,
                   _("Boundary file is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "type", ""),
                    "FeatureCollection") != 0
      || !json_object_has_member (json_node_get_object (root), "features")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "features")))
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_INVALID,
                   _("Boundary file is not a GeoJSON FeatureCollection"));
      return NULL;
    }
  obj = json_node_get_object (root);
  features = json_object_get_array_member (obj, "features");
  if (json_array_get_length (features) > IOC_GEO_JSON_MAX_FEATURES)
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_LARGE,
                   _("Boundary file has more than %d features"),
                   IOC_GEO_JSON_MAX_FEATURES);
      return NULL;
    }

  self = g_object_new (IOC_TYPE_GEO_JSON, NULL);
  for (i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *fnode = json_array_get_element (features, i);
      JsonObject *fobj, *geom, *props = NULL;
      const char *type;
      g_autoptr(GArray) coords = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (IocGeoRing));
      IocGeoFeature f = { 0 };
      guint k;

      if (!JSON_NODE_HOLDS_OBJECT (fnode))
        continue;
      fobj = json_node_get_object (fnode);
      if (!json_object_has_member (fobj, "geometry")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (fobj, "geometry")))
        continue;
      geom = json_object_get_object_member (fobj, "geometry");
      if (json_object_has_member (fobj, "properties")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (fobj, "properties")))
        props = json_object_get_object_member (fobj, "properties");
      type = json_object_get_string_member_with_default (geom, "type", "");
      if (!json_object_has_member (geom, "coordinates"))
        continue;

      if (g_str_equal (type, "Polygon"))
        {
          if (!read_polygon (json_object_get_member (geom, "coordinates"),
                             coords, rings, &total_vertices, error))
            return NULL;
        }
      else if (g_str_equal (type, "MultiPolygon"))
        {
          JsonNode *mp = json_object_get_member (geom, "coordinates");

          if (!JSON_NODE_HOLDS_ARRAY (mp))
            {
              g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_INVALID,
                           _("Boundary file has a malformed polygon"));
              return NULL;
            }
          for (k = 0; k < json_array_get_length (json_node_get_array (mp)); k++)
            if (!read_polygon (json_array_get_element (json_node_get_array (mp), k),
                               coords, rings, &total_vertices, error))
              return NULL;
        }
      else
        continue;   /* points, lines: not boundaries */

      if (rings->len == 0)
        continue;

      f.code = dup_property (props, "code");
      if (f.code == NULL && json_object_has_member (fobj, "id"))
        f.code = dup_property (fobj, "id");
      if (f.code == NULL)
        f.code = g_strdup ("");
      f.name = dup_property (props, "name");
      if (f.name == NULL)
        f.name = g_strdup ("");
      f.full_name = dup_property (props, "fullName");
      if (f.full_name == NULL)
        f.full_name = g_strdup (f.name);
      f.n_coords = coords->len / 2;
      f.n_rings = rings->len;
      f.coords = (double *) g_array_free (g_steal_pointer (&coords), FALSE);
      f.rings = (IocGeoRing *) g_array_free (g_steal_pointer (&rings), FALSE);
      f.min_lon = f.min_lat = INFINITY;
      f.max_lon = f.max_lat = -INFINITY;
      for (k = 0; k < f.n_coords; k++)
        {
          f.min_lon = MIN (f.min_lon, f.coords[2 * k]);
          f.max_lon = MAX (f.max_lon, f.coords[2 * k]);
          f.min_lat = MIN (f.min_lat, f.coords[2 * k + 1]);
          f.max_lat = MAX (f.max_lat, f.coords[2 * k + 1]);
        }
      self->min_lon = MIN (self->min_lon, f.min_lon);
      self->max_lon = MAX (self->max_lon, f.max_lon);
      self->min_lat = MIN (self->min_lat, f.min_lat);
      self->max_lat = MAX (self->max_lat, f.max_lat);
      g_array_append_val (self->features, f);
    }

  if (self->features->len == 0)
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_INVALID,
                   _("Boundary file has no polygon features"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * ioc_geo_json_new_from_file:
 *
 * Like ioc_geo_json_new_from_data(), but checks the size before reading.
 */
IocGeoJson *
ioc_geo_json_new_from_file (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > IOC_GEO_JSON_MAX_BYTES)
    {
      g_set_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_LARGE,
                   _("Boundary file is larger than %d MB"),
                   IOC_GEO_JSON_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return ioc_geo_json_new_from_data (data, length, error);
}

guint
ioc_geo_json_get_n_features (IocGeoJson *self)
{
  g_return_val_if_fail (IOC_IS_GEO_JSON (self), 0);
  return self->features->len;
}

const IocGeoFeature *
ioc_geo_json_get_feature (IocGeoJson *self,
                          guint       index)
{
  g_return_val_if_fail (IOC_IS_GEO_JSON (self), NULL);
  g_return_val_if_fail (index < self->features->len, NULL);
  return &g_array_index (self->features, IocGeoFeature, index);
}

/**
 * ioc_geo_json_find_code:
 *
 * Returns: the index of the feature with commune code @code, or -1.
 */
int
ioc_geo_json_find_code (IocGeoJson *self,
                        const char *code)
{
  guint i;

  g_return_val_if_fail (IOC_IS_GEO_JSON (self), -1);
  if (code == NULL)
    return -1;
  for (i = 0; i < self->features->len; i++)
    if (g_str_equal (g_array_index (self->features, IocGeoFeature, i).code, code))
      return i;
  return -1;
}

/**
 * ioc_geo_feature_contains:
 *
 * Even-odd rule over all rings: holes and the parts of a MultiPolygon come
 * out right without knowing which ring is which.
 */
gboolean
ioc_geo_feature_contains (const IocGeoFeature *f,
                          double               lat,
                          double               lon)
{
  gboolean inside = FALSE;
  guint r;

  if (lon < f->min_lon || lon > f->max_lon || lat < f->min_lat || lat > f->max_lat)
    return FALSE;
  for (r = 0; r < f->n_rings; r++)
    {
      const double *c = f->coords + 2 * f->rings[r].offset;
      guint n = f->rings[r].n_points;
      guint i, j;

      for (i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = c[2 * i], yi = c[2 * i + 1];
          double xj = c[2 * j], yj = c[2 * j + 1];

          if ((yi > lat) != (yj > lat)
              && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }
  return inside;
}

/**
 * ioc_geo_json_find_at:
 *
 * Point-in-polygon lookup, for complaints that came without a commune_code
 * (issue "The map": choropleth assignment).
 *
 * Returns: the index of the first feature containing the point, or -1.
 */
int
ioc_geo_json_find_at (IocGeoJson *self,
                      double      lat,
                      double      lon)
{
  guint i;

  g_return_val_if_fail (IOC_IS_GEO_JSON (self), -1);
  for (i = 0; i < self->features->len; i++)
    if (ioc_geo_feature_contains (&g_array_index (self->features, IocGeoFeature, i), lat, lon))
      return i;
  return -1;
}

void
ioc_geo_json_get_bounds (IocGeoJson *self,
                         double     *min_lat,
                         double     *min_lon,
                         double     *max_lat,
                         double     *max_lon)
{
  g_return_if_fail (IOC_IS_GEO_JSON (self));
  *min_lat = self->min_lat;
  *min_lon = self->min_lon;
  *max_lat = self->max_lat;
  *max_lon = self->max_lon;
}
