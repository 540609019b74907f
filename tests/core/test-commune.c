/* test-commune.c — the built-in list of communes matches the official one */
#include "config.h"

#include "ioc-commune.h"

static void
test_counts (void)
{
  guint n = 0, xa = 0, phuong = 0, dac_khu = 0, old_ag = 0;
  const IocCommune *all = ioc_commune_all (&n);

  g_assert_cmpuint (n, ==, 102);
  for (guint i = 0; i < n; i++)
    {
      switch (all[i].kind)
        {
        case IOC_COMMUNE_KIND_XA: xa++; break;
        case IOC_COMMUNE_KIND_PHUONG: phuong++; break;
        case IOC_COMMUNE_KIND_DAC_KHU: dac_khu++; break;
        default: g_assert_not_reached ();
        }
      if (all[i].old_an_giang)
        old_ag++;
      /* Every centroid lies in the province's bounding box. */
      g_assert_cmpfloat (all[i].lat, >, 9.0);
      g_assert_cmpfloat (all[i].lat, <, 11.2);
      g_assert_cmpfloat (all[i].lon, >, 103.4);
      g_assert_cmpfloat (all[i].lon, <, 105.7);
    }
  g_assert_cmpuint (xa, ==, 85);
  g_assert_cmpuint (phuong, ==, 14);
  g_assert_cmpuint (dac_khu, ==, 3);
  g_assert_cmpuint (old_ag, ==, 54);
}

static void
test_lookup (void)
{
  const IocCommune *c;
  guint n;
  const IocCommune *all = ioc_commune_all (&n);

  c = ioc_commune_lookup ("30307");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->name, ==, "Long Xuyên");
  g_assert_cmpint (c->kind, ==, IOC_COMMUNE_KIND_PHUONG);

  for (guint i = 0; i < n; i++)
    g_assert_true (ioc_commune_lookup (all[i].code) == &all[i]);

  g_assert_null (ioc_commune_lookup ("00000"));
  g_assert_null (ioc_commune_lookup ("99999"));
  g_assert_null (ioc_commune_lookup (""));
  g_assert_null (ioc_commune_lookup (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/commune/counts", test_counts);
  g_test_add_func ("/commune/lookup", test_lookup);
  return g_test_run ();
}
