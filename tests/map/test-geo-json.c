/* test-geo-json.c — boundary loader, hostile input, point in polygon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "ioc-base-geography.h"
#include "ioc-commune.h"
#include "ioc-geo-json.h"
#include "ioc-mercator.h"

static const char square_with_hole[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"properties\":{\"code\":\"1\",\"name\":\"Vuông\"},"
  " \"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
  "  [[105,10],[106,10],[106,11],[105,11],[105,10]],"
  "  [[105.4,10.4],[105.6,10.4],[105.6,10.6],[105.4,10.6],[105.4,10.4]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"code\":2,\"name\":\"Hai đảo\",\"fullName\":\"Đặc khu Hai đảo\"},"
  " \"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
  "  [[[103,9],[103.5,9],[103.5,9.5],[103,9],[103,9]]],"
  "  [[[104,9],[104.5,9],[104.5,9.5],[104,9.5],[104,9]]]]}},"
  "{\"type\":\"Feature\",\"properties\":{\"code\":\"p\"},"
  " \"geometry\":{\"type\":\"Point\",\"coordinates\":[105,10]}}"
  "]}";

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocGeoJson) gj = ioc_geo_json_new_from_data (square_with_hole, strlen (square_with_hole), &error);
  const IocGeoFeature *f;
  static const struct { double lat, lon; int feature; } cases[] = {
    { 10.2, 105.2, 0 },     /* in the square */
    { 10.5, 105.5, -1 },    /* in its hole */
    { 9.2, 104.2, 1 },      /* second part of the multipolygon */
    { 9.05, 103.45, 1 },    /* first part (a triangle) */
    { 9.45, 103.05, -1 },   /* outside the triangle, inside its bbox */
    { 12, 105.5, -1 },
  };
  guint i;

  g_assert_no_error (error);
  g_assert_cmpuint (ioc_geo_json_get_n_features (gj), ==, 2);   /* the point is skipped */
  f = ioc_geo_json_get_feature (gj, 1);
  g_assert_cmpstr (f->code, ==, "2");   /* numeric codes are accepted */
  g_assert_cmpstr (f->full_name, ==, "Đặc khu Hai đảo");
  g_assert_cmpuint (f->n_rings, ==, 2);
  g_assert_cmpstr (ioc_geo_json_get_feature (gj, 0)->full_name, ==, "Vuông");
  g_assert_cmpint (ioc_geo_json_find_code (gj, "2"), ==, 1);
  g_assert_cmpint (ioc_geo_json_find_code (gj, "9"), ==, -1);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ioc_geo_json_find_at (gj, cases[i].lat, cases[i].lon), ==, cases[i].feature);
}

static void
test_hostile (void)
{
  static const struct { const char *json; int code; } cases[] = {
    { "", IOC_GEO_JSON_ERROR_INVALID },
    { "{", IOC_GEO_JSON_ERROR_INVALID },
    { "[]", IOC_GEO_JSON_ERROR_INVALID },
    { "{\"type\":\"Feature\"}", IOC_GEO_JSON_ERROR_INVALID },
    { "{\"type\":\"FeatureCollection\",\"features\":{}}", IOC_GEO_JSON_ERROR_INVALID },
    { "{\"type\":\"FeatureCollection\",\"features\":[]}", IOC_GEO_JSON_ERROR_INVALID },
    /* a ring of three points */
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":{\"type\":\"Polygon\","
      "\"coordinates\":[[[1,1],[2,2],[1,1]]]}}]}", IOC_GEO_JSON_ERROR_INVALID },
    /* strings for numbers */
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":{\"type\":\"Polygon\","
      "\"coordinates\":[[[\"1\",1],[2,2],[2,1],[1,1]]]}}]}", IOC_GEO_JSON_ERROR_INVALID },
    /* out of range */
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":{\"type\":\"Polygon\","
      "\"coordinates\":[[[1,1],[2,2],[2,1e308],[1,1]]]}}]}", IOC_GEO_JSON_ERROR_INVALID },
    { "{\"type\":\"FeatureCollection\",\"features\":[{\"geometry\":{\"type\":\"MultiPolygon\","
      "\"coordinates\":7}}]}", IOC_GEO_JSON_ERROR_INVALID },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IocGeoJson) gj = ioc_geo_json_new_from_data (cases[i].json, strlen (cases[i].json), &error);

      g_assert_null (gj);
      g_assert_error (error, IOC_GEO_JSON_ERROR, cases[i].code);
    }

  /* A million nested brackets must not reach the recursive parser. */
  {
    gsize n = 1000000;
    g_autofree char *deep = g_malloc (2 * n + 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(IocGeoJson) gj = NULL;

    memset (deep, '[', n);
    memset (deep + n, ']', n);
    deep[2 * n] = '\0';
    gj = ioc_geo_json_new_from_data (deep, 2 * n, &error);
    g_assert_null (gj);
    g_assert_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_DEEP);
  }
  /* Brackets inside strings do not count. */
  {
    GString *s = g_string_new ("{\"type\":\"FeatureCollection\",\"x\":\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(IocGeoJson) gj = NULL;
    g_autofree char *text = NULL;

    for (guint k = 0; k < 100; k++)
      g_string_append (s, "[{");
    g_string_append (s, "\",\"features\":[{\"properties\":{\"code\":\"a\\\"]\"},\"geometry\":{\"type\":\"Polygon\","
                        "\"coordinates\":[[[1,1],[2,2],[2,1],[1,1]]]}}]}");
    text = g_string_free (s, FALSE);
    gj = ioc_geo_json_new_from_data (text, strlen (text), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ioc_geo_json_get_feature (gj, 0)->code, ==, "a\"]");
  }
  /* Too many features. */
  {
    GString *s = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
    g_autoptr(GError) error = NULL;
    g_autoptr(IocGeoJson) gj = NULL;

    for (guint k = 0; k <= IOC_GEO_JSON_MAX_FEATURES; k++)
      g_string_append (s, k ? ",{}" : "{}");
    g_string_append (s, "]}");
    gj = ioc_geo_json_new_from_data (s->str, s->len, &error);
    g_assert_null (gj);
    g_assert_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_LARGE);
    g_string_free (s, TRUE);
  }
  /* Too large a buffer is refused before parsing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IocGeoJson) gj = ioc_geo_json_new_from_data ("{}", IOC_GEO_JSON_MAX_BYTES + 1, &error);

    g_assert_null (gj);
    g_assert_error (error, IOC_GEO_JSON_ERROR, IOC_GEO_JSON_ERROR_TOO_LARGE);
  }
  /* A missing file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IocGeoJson) gj = ioc_geo_json_new_from_file ("/nonexistent/x.geojson", &error);

    g_assert_null (gj);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* The reference file: 102 communes, each centroid of the official list inside
 * its own polygon or at least inside the province. */
static void
test_reference_file (void)
{
  const char *shared = g_getenv ("IOC_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IocGeoJson) gj = NULL;
  const IocCommune *communes;
  guint n, i, own = 0;

  if (shared == NULL)
    {
      g_test_skip ("IOC_SHARED_DIR is not set");
      return;
    }
  path = g_build_filename (shared, "reference", "an-giang-communes-2025.geojson", NULL);
  gj = ioc_geo_json_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ioc_geo_json_get_n_features (gj), ==, IOC_N_COMMUNES);
  communes = ioc_commune_all (&n);
  for (i = 0; i < n; i++)
    {
      int f = ioc_geo_json_find_code (gj, communes[i].code);

      g_assert_cmpint (f, >=, 0);
      if (ioc_geo_json_find_at (gj, communes[i].lat, communes[i].lon) == f)
        own++;
    }
  /* Centroids of crescent-shaped communes may fall outside; nearly all don't. */
  g_assert_cmpuint (own, >=, n * 9 / 10);
}

static void
test_base_geography (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IocBaseGeography) geo = ioc_base_geography_new_default (&error);
  guint n_lines, i, shore = 0, rivers = 0;
  const IocBaseLine *lines;
  double x, y;

  g_assert_no_error (error);
  lines = ioc_base_geography_get_lines (geo, &n_lines);
  for (i = 0; i < n_lines; i++)
    {
      shore += lines[i].kind == IOC_BASE_LINE_SHORE;
      rivers += lines[i].kind != IOC_BASE_LINE_SHORE;
      g_assert_cmpuint (lines[i].n_points, >=, 2);
    }
  g_assert_cmpuint (shore, >, 10);
  g_assert_cmpuint (rivers, >, 10);

  /* Inland between the Hậu and the Tiền is land, the Gulf of Thailand west
   * of Rạch Giá is not, Phú Quốc island is land, the Hậu river at Long
   * Xuyên is water (GSHHG has it as a river-lake). Beyond the province's box
   * the coarser masks answer: Bangkok and the Cà Mau cape are land, the sea
   * south of it is not, and only the poles beyond Web Mercator are unknown. */
  ioc_mercator_project (10.45, 105.30, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 1);
  ioc_mercator_project (10.0, 104.5, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 0);
  ioc_mercator_project (10.25, 104.0, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 1);
  ioc_mercator_project (10.386, 105.435, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 0);
  ioc_mercator_project (13.75, 100.5, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 1);
  ioc_mercator_project (8.8, 104.85, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 1);
  ioc_mercator_project (8.3, 104.8, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 0);
  g_assert_cmpint (ioc_base_geography_is_land (geo, 0.5, 0.0001), ==, -1);

  /* Four areas, finest first, each inside the next. */
  g_assert_cmpuint (ioc_base_geography_get_n_areas (geo), ==, 4);
  for (i = 0; i + 1 < ioc_base_geography_get_n_areas (geo); i++)
    {
      double a[4], b[4];

      ioc_base_geography_get_area (geo, i, &a[0], &a[1], &a[2], &a[3]);
      ioc_base_geography_get_area (geo, i + 1, &b[0], &b[1], &b[2], &b[3]);
      g_assert_cmpfloat (a[0], >=, b[0]);
      g_assert_cmpfloat (a[1], >=, b[1]);
      g_assert_cmpfloat (a[2], <=, b[2]);
      g_assert_cmpfloat (a[3], <=, b[3]);
    }
  for (i = 0; i < n_lines; i++)
    g_assert_cmpuint (lines[i].area, <, 4);

  /* Interpolated: inland 1, open sea 0, the coast in between. */
  g_assert_cmpfloat (ioc_base_geography_land_fraction (geo, 10.45, 105.30, NULL), ==, 1.0);
  g_assert_cmpfloat (ioc_base_geography_land_fraction (geo, 8.3, 104.8, NULL), ==, 0.0);
  g_assert_cmpfloat (ioc_base_geography_land_fraction (geo, 86.0, 0.0, NULL), ==, -1.0);
}

/* Non-square masks with their own boxes; the finest covering one answers. */
static void
test_base_geography_masks (void)
{
  static const char lines[] = "IOC-BASE-GEOGRAPHY 2\narea 0 0 1 1\nc 1 2\n0 0\n1 1\n"
                              "area -10 -5 10 5\nc 1 2\n-5 -1\n5 1\n";
  /* 16 × 2 over 10 W–10 E, 5 S–5 N: the west half land. */
  static const char coarse[] = "P4\n# land mask -10 -5 10 5 (W S E N)\n16 2\n\xff\x00\xff\x00";
  /* 8 × 1 over 0–1 E, 0–1 N: all sea, though the coarse mask says land
   * nowhere there either; then 8 × 1 all land, finer still. */
  static const char fine[] = "P4\n# land mask 0 0 1 1 (W S E N)\n8 1\n\x00";
  static const char finer[] = "P4\n# land mask 0 0 0.5 1 (W S E N)\n16 1\n\xff\xff";
  g_autoptr(GBytes) b_lines = g_bytes_new_static (lines, sizeof lines - 1);
  g_autoptr(GBytes) b_coarse = g_bytes_new_static (coarse, sizeof coarse - 1);
  g_autoptr(GBytes) b_fine = g_bytes_new_static (fine, sizeof fine - 1);
  g_autoptr(GBytes) b_finer = g_bytes_new_static (finer, sizeof finer - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(IocBaseGeography) geo = ioc_base_geography_new (b_lines, b_coarse, &error);
  const IocBaseLine *l;
  guint n_lines;
  double x, y;

  g_assert_no_error (error);
  l = ioc_base_geography_get_lines (geo, &n_lines);
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_cmpuint (l[0].area, ==, 0);
  g_assert_cmpuint (l[1].area, ==, 1);
  /* Added out of order: sorted by cell size. */
  g_assert_true (ioc_base_geography_add_land_mask (geo, b_finer, &error));
  g_assert_true (ioc_base_geography_add_land_mask (geo, b_fine, &error));
  g_assert_no_error (error);

  ioc_mercator_project (2, -5, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 1);
  ioc_mercator_project (2, 5, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 0);
  ioc_mercator_project (0.5, 0.25, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 1);   /* finer */
  ioc_mercator_project (0.5, 0.75, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, 0);   /* fine */
  ioc_mercator_project (20, 0, &x, &y);
  g_assert_cmpint (ioc_base_geography_is_land (geo, x, y), ==, -1);
  /* Half-way between a land and a sea cell centre of the coarse mask. */
  g_assert_cmpfloat_with_epsilon (ioc_base_geography_land_fraction (geo, 2, 0.0, NULL), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (ioc_base_geography_land_fraction (geo, 2, -0.625, NULL), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ioc_base_geography_land_fraction (geo, 2, 0.3125, NULL), 0.25, 1e-9);
}

static void
test_base_geography_invalid (void)
{
  static const char *cases[] = {
    "",
    "IOC-BASE-GEOGRAPHY 3\n",
    "IOC-BASE-GEOGRAPHY 2\nbbox 1 1 2 2\nc 1 2\n1 1\n2 2\n",    /* v2 has areas */
    "IOC-BASE-GEOGRAPHY 2\narea 2 1 1 2\nc 1 2\n1 1\n2 2\n",    /* empty box */
    "IOC-BASE-GEOGRAPHY 1\nbbox 1 1 2 2\nc 1 3\n1 1\n2 2\n",        /* truncated */
    "IOC-BASE-GEOGRAPHY 1\nbbox 1 1 2 2\nc 1 2\n1 1\n2 x\n",        /* bad vertex */
    "IOC-BASE-GEOGRAPHY 1\nc 1 2\n1 1\n2 2\n",                      /* no bbox */
    "IOC-BASE-GEOGRAPHY 1\nbbox 1 1 2 2\nz 1 2\n",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i], strlen (cases[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(IocBaseGeography) geo = ioc_base_geography_new (bytes, NULL, &error);

      g_assert_null (geo);
      g_assert_error (error, IOC_BASE_GEOGRAPHY_ERROR, IOC_BASE_GEOGRAPHY_ERROR_INVALID);
    }
  {
    static const char ok[] = "IOC-BASE-GEOGRAPHY 1\nbbox 1 1 2 2\nc 1 2\n1 1\n2 2\n";
    static const char bad_mask[] = "P4\n8 100\n\x01";
    g_autoptr(GBytes) bytes = g_bytes_new_static (ok, strlen (ok));
    g_autoptr(GBytes) mask = g_bytes_new_static (bad_mask, sizeof bad_mask - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(IocBaseGeography) geo = ioc_base_geography_new (bytes, mask, &error);

    g_assert_null (geo);
    g_assert_error (error, IOC_BASE_GEOGRAPHY_ERROR, IOC_BASE_GEOGRAPHY_ERROR_INVALID);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/geojson/parse", test_parse);
  g_test_add_func ("/map/geojson/hostile", test_hostile);
  g_test_add_func ("/map/geojson/reference-file", test_reference_file);
  g_test_add_func ("/map/base-geography/default", test_base_geography);
  g_test_add_func ("/map/base-geography/invalid", test_base_geography_invalid);
  g_test_add_func ("/map/base-geography/masks", test_base_geography_masks);
  return g_test_run ();
}
