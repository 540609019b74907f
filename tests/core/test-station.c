/* test-station.c — stations, datastreams and observations (feeds.md §2,
 * domain.md §7)
 */
#include "config.h"

#include <math.h>

#include "ioc-station.h"

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup (pspec->name));
}

static void
test_kind (void)
{
  static const struct { const char *code; IocStationKind kind; gboolean ok; } table[] = {
    { "air", IOC_STATION_KIND_AIR, TRUE },
    { "water", IOC_STATION_KIND_WATER, TRUE },
    { "hydro", IOC_STATION_KIND_HYDRO, TRUE },
    { "salinity", IOC_STATION_KIND_SALINITY, TRUE },
    { "AIR", IOC_STATION_KIND_AIR, TRUE },
    { "weather", IOC_STATION_KIND_UNKNOWN, FALSE },
    { "", IOC_STATION_KIND_UNKNOWN, FALSE },
    { NULL, IOC_STATION_KIND_UNKNOWN, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      IocStationKind kind = IOC_STATION_KIND_HYDRO;

      g_assert_cmpint (ioc_station_kind_from_string (table[i].code, &kind), ==, table[i].ok);
      g_assert_cmpint (kind, ==, table[i].kind);
      g_assert_nonnull (ioc_station_kind_label (kind));
      if (table[i].ok)
        g_assert_cmpint (g_ascii_strcasecmp (ioc_station_kind_to_string (kind), table[i].code), ==, 0);
    }
  g_assert_null (ioc_station_kind_to_string (IOC_STATION_KIND_UNKNOWN));
}

/* domain.md §7: Tân Châu (sông Tiền) BĐ1 3,5 · BĐ2 4,0 · BĐ3 4,5;
 * Châu Đốc (sông Hậu) BĐ1 3,0 · BĐ2 3,5 · BĐ3 4,0. */
static void
test_alarm_levels (void)
{
  static const struct {
    double bd[3];
    double level;
    guint  expected;
  } table[] = {
    { { 3.5, 4.0, 4.5 }, 3.49, 0 },
    { { 3.5, 4.0, 4.5 }, 3.5, 1 },
    { { 3.5, 4.0, 4.5 }, 3.99, 1 },
    { { 3.5, 4.0, 4.5 }, 4.0, 2 },
    { { 3.5, 4.0, 4.5 }, 4.5, 3 },
    { { 3.5, 4.0, 4.5 }, 5.2, 3 },
    { { 3.5, 4.0, 4.5 }, -0.3, 0 },
    { { 3.0, 3.5, 4.0 }, 3.2, 1 },
    { { 3.0, 3.5, 4.0 }, 3.7, 2 },
    { { 3.0, 3.5, 4.0 }, 4.0, 3 },
    { { 3.0, 3.5, 4.0 }, NAN, 0 },
  };
  g_autoptr(IocStation) bare = ioc_station_new ("x");
  double levels[3] = { -1, -1, -1 };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(IocStation) s = ioc_station_new ("tan-chau");

      g_assert_true (ioc_station_set_alarm_levels (s, table[i].bd[0], table[i].bd[1], table[i].bd[2]));
      g_assert_cmpuint (ioc_station_alarm_level_for (s, table[i].level), ==, table[i].expected);
    }

  /* Without levels nothing is an alarm; broken levels are refused. */
  g_assert_false (ioc_station_get_has_alarm_levels (bare));
  g_assert_false (ioc_station_get_alarm_levels (bare, levels));
  g_assert_cmpfloat (levels[0], ==, -1);
  g_assert_cmpuint (ioc_station_alarm_level_for (bare, 10.0), ==, 0);
  g_assert_false (ioc_station_set_alarm_levels (bare, 4.0, 3.5, 4.5));
  g_assert_false (ioc_station_set_alarm_levels (bare, 3.5, 3.5, 4.5));
  g_assert_false (ioc_station_set_alarm_levels (bare, NAN, 3.5, 4.5));
  g_assert_false (ioc_station_get_has_alarm_levels (bare));

  g_assert_true (ioc_station_set_alarm_levels (bare, 3.0, 3.5, 4.0));
  g_assert_true (ioc_station_get_alarm_levels (bare, levels));
  g_assert_cmpfloat (levels[0], ==, 3.0);
  g_assert_cmpfloat (levels[2], ==, 4.0);
  ioc_station_clear_alarm_levels (bare);
  g_assert_false (ioc_station_get_has_alarm_levels (bare));
}

static void
test_observation (void)
{
  g_autoptr(IocObservation) a = ioc_observation_new (G_GINT64_CONSTANT (1718841600) * G_USEC_PER_SEC, TRUE, 20.6);
  g_autoptr(IocObservation) b = ioc_observation_copy (a);
  g_autoptr(IocObservation) gap = ioc_observation_new (G_GINT64_CONSTANT (1718841600) * G_USEC_PER_SEC, FALSE, 99.0);
  g_autoptr(IocObservation) gap2 = ioc_observation_new (G_GINT64_CONSTANT (1718841600) * G_USEC_PER_SEC, FALSE, 1.0);
  g_autoptr(IocObservation) nan1 = ioc_observation_new (0, TRUE, NAN);
  g_autoptr(IocObservation) nan2 = ioc_observation_new (0, TRUE, NAN);
  g_autoptr(GDateTime) t = ioc_observation_get_time (a);
  g_autofree char *iso = g_date_time_format_iso8601 (t);

  g_assert_true (ioc_observation_equal (a, b));
  g_assert_false (ioc_observation_equal (a, gap));
  /* A null result has no value to compare. */
  g_assert_true (ioc_observation_equal (gap, gap2));
  g_assert_true (ioc_observation_equal (nan1, nan2));
  g_assert_false (ioc_observation_equal (a, NULL));
  g_assert_true (ioc_observation_equal (NULL, NULL));
  g_assert_cmpstr (iso, ==, "2024-06-20T00:00:00Z");
}

static void
test_datastream (void)
{
  g_autoptr(IocDatastream) ds = ioc_datastream_new ("17");
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(IocObservation) t1 = ioc_observation_new (1000, TRUE, 2.5);
  g_autoptr(IocObservation) t0 = ioc_observation_new (500, TRUE, 9.9);
  g_autoptr(IocObservation) t1_fixed = ioc_observation_new (1000, TRUE, 2.6);
  g_autoptr(IocObservation) t2 = ioc_observation_new (2000, FALSE, 0);

  g_signal_connect (ds, "notify", G_CALLBACK (on_notify), log);

  ioc_datastream_set_name (ds, "Mực nước Tân Châu");
  ioc_datastream_set_parameter (ds, IOC_PARAMETER_WATER_LEVEL);
  ioc_datastream_set_unit_symbol (ds, "m");
  ioc_datastream_set_unit_symbol (ds, "m");
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (ioc_datastream_get_id (ds), ==, "17");
  g_assert_cmpint (ioc_datastream_get_parameter (ds), ==, IOC_PARAMETER_WATER_LEVEL);
  g_assert_null (ioc_datastream_get_latest (ds));

  /* Out-of-order delivery keeps the newest (feeds.md §2 polling + history). */
  g_assert_true (ioc_datastream_offer_observation (ds, t1));
  g_assert_false (ioc_datastream_offer_observation (ds, t0));
  g_assert_false (ioc_datastream_offer_observation (ds, t1));
  g_assert_cmpfloat (ioc_datastream_get_latest (ds)->result, ==, 2.5);
  g_assert_true (ioc_datastream_offer_observation (ds, t1_fixed));
  g_assert_cmpfloat (ioc_datastream_get_latest (ds)->result, ==, 2.6);
  g_assert_true (ioc_datastream_offer_observation (ds, t2));
  g_assert_false (ioc_datastream_get_latest (ds)->has_result);
  g_assert_cmpuint (log->len, ==, 6);
}

static IocStation *
make_station (const char *name)
{
  IocStation *s = ioc_station_new ("1");
  g_autoptr(IocDatastream) level = ioc_datastream_new ("d1");
  g_autoptr(IocDatastream) sal = ioc_datastream_new ("d2");

  ioc_station_set_name (s, name);
  ioc_station_set_kind (s, IOC_STATION_KIND_HYDRO);
  ioc_station_set_location (s, 10.80, 105.23);
  ioc_station_set_commune_code (s, "30316");
  ioc_station_set_alarm_levels (s, 3.5, 4.0, 4.5);
  ioc_datastream_set_parameter (level, IOC_PARAMETER_WATER_LEVEL);
  ioc_datastream_set_parameter (sal, IOC_PARAMETER_SALINITY);
  ioc_station_add_datastream (s, level);
  ioc_station_add_datastream (s, sal);
  return s;
}

static void
test_station_update (void)
{
  g_autoptr(IocStation) s = make_station ("Tân Châu");
  g_autoptr(IocStation) same = make_station ("Tân Châu");
  g_autoptr(IocStation) fresh = make_station ("Trạm Tân Châu");
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(IocDatastream) extra = ioc_datastream_new ("d3");
  g_autoptr(IocObservation) obs = ioc_observation_new (5000, TRUE, 4.1);
  IocDatastream *level_before;
  GListModel *streams = ioc_station_get_datastreams (s);

  g_assert_cmpuint (g_list_model_get_n_items (streams), ==, 2);
  level_before = ioc_station_find_parameter (s, IOC_PARAMETER_WATER_LEVEL);
  g_assert_nonnull (level_before);
  g_assert_true (ioc_station_find_datastream (s, "d1") == level_before);
  g_assert_null (ioc_station_find_datastream (s, "nope"));
  g_assert_null (ioc_station_find_parameter (s, IOC_PARAMETER_PM25));

  /* Adding a datastream with a known id updates it in place. */
  {
    g_autoptr(IocDatastream) d1 = ioc_datastream_new ("d1");

    ioc_datastream_set_parameter (d1, IOC_PARAMETER_WATER_LEVEL);
    ioc_datastream_set_unit_symbol (d1, "m");
    ioc_station_add_datastream (s, d1);
    g_assert_cmpuint (g_list_model_get_n_items (streams), ==, 2);
    g_assert_cmpstr (ioc_datastream_get_unit_symbol (level_before), ==, "m");
  }

  g_signal_connect (s, "notify", G_CALLBACK (on_notify), log);
  /* same has no unit symbol on d1: that is a change; restore it first. */
  ioc_datastream_set_unit_symbol (ioc_station_find_datastream (same, "d1"), "m");
  g_assert_false (ioc_station_update_from (s, same));
  g_assert_cmpuint (log->len, ==, 0);

  /* Renamed, salinity stream dropped, a new one added; d1 keeps its object
   * and its latest value even though the fresh copy has none. */
  ioc_datastream_offer_observation (level_before, obs);
  g_list_store_remove (G_LIST_STORE (ioc_station_get_datastreams (fresh)), 1);
  ioc_station_add_datastream (fresh, extra);
  ioc_datastream_set_unit_symbol (ioc_station_find_datastream (fresh, "d1"), "m");
  g_assert_true (ioc_station_update_from (s, fresh));
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "name");
  g_assert_cmpuint (g_list_model_get_n_items (streams), ==, 2);
  g_assert_true (ioc_station_find_datastream (s, "d1") == level_before);
  g_assert_nonnull (ioc_station_find_datastream (s, "d3"));
  g_assert_null (ioc_station_find_datastream (s, "d2"));
  g_assert_cmpfloat (ioc_datastream_get_latest (level_before)->result, ==, 4.1);
  g_assert_cmpuint (ioc_station_alarm_level_for (s, ioc_datastream_get_latest (level_before)->result), ==, 2);

  /* Location changes notify lat, long; clearing also has-location. */
  g_ptr_array_set_size (log, 0);
  ioc_station_clear_location (s);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_false (ioc_station_get_has_location (s));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/station/kind", test_kind);
  g_test_add_func ("/station/alarm-levels", test_alarm_levels);
  g_test_add_func ("/station/observation", test_observation);
  g_test_add_func ("/station/datastream", test_datastream);
  g_test_add_func ("/station/update-from", test_station_update);

  return g_test_run ();
}
