/* test-parameter.c — parameter names and units, unit parsing and
 * conversion (feeds.md §2, domain.md §5–§7) */
#include "config.h"

#include <math.h>

#include "ioc-parameter.h"
#include "ioc-unit.h"

static void
test_names (void)
{
  static const struct { IocParameter p; const char *name; const char *unit; } cases[] = {
    { IOC_PARAMETER_PM25, "PM2.5", "µg/m³" },
    { IOC_PARAMETER_PM10, "PM10", "µg/m³" },
    { IOC_PARAMETER_O3, "O3", "µg/m³" },
    { IOC_PARAMETER_CO, "CO", "µg/m³" },
    { IOC_PARAMETER_NO2, "NO2", "µg/m³" },
    { IOC_PARAMETER_SO2, "SO2", "µg/m³" },
    { IOC_PARAMETER_PH, "pH", "" },
    { IOC_PARAMETER_DO, "DO", "mg/L" },
    { IOC_PARAMETER_TEMPERATURE, "temperature", "°C" },
    { IOC_PARAMETER_BOD5, "BOD5", "mg/L" },
    { IOC_PARAMETER_COD, "COD", "mg/L" },
    { IOC_PARAMETER_TOC, "TOC", "mg/L" },
    { IOC_PARAMETER_N_NH4, "N-NH4", "mg/L" },
    { IOC_PARAMETER_N_NO3, "N-NO3", "mg/L" },
    { IOC_PARAMETER_N_NO2, "N-NO2", "mg/L" },
    { IOC_PARAMETER_P_PO4, "P-PO4", "mg/L" },
    { IOC_PARAMETER_TSS, "TSS", "mg/L" },
    { IOC_PARAMETER_COLIFORM, "Coliform", "MPN/100 mL" },
    { IOC_PARAMETER_E_COLI, "E.coli", "MPN/100 mL" },
    { IOC_PARAMETER_AS, "As", "mg/L" },
    { IOC_PARAMETER_CD, "Cd", "mg/L" },
    { IOC_PARAMETER_PB, "Pb", "mg/L" },
    { IOC_PARAMETER_CR6, "Cr6", "mg/L" },
    { IOC_PARAMETER_CU, "Cu", "mg/L" },
    { IOC_PARAMETER_ZN, "Zn", "mg/L" },
    { IOC_PARAMETER_HG, "Hg", "mg/L" },
    { IOC_PARAMETER_ALDRIN, "Aldrin", "µg/L" },
    { IOC_PARAMETER_DDTS, "DDTs", "µg/L" },
    { IOC_PARAMETER_WATER_LEVEL, "water_level", "m" },
    { IOC_PARAMETER_SALINITY, "salinity", "‰" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *upper = g_ascii_strup (cases[i].name, -1);

      g_assert_cmpstr (ioc_parameter_to_string (cases[i].p), ==, cases[i].name);
      g_assert_cmpstr (ioc_parameter_unit (cases[i].p), ==, cases[i].unit);
      g_assert_cmpint (ioc_parameter_from_string (cases[i].name), ==, cases[i].p);
      g_assert_cmpint (ioc_parameter_from_string (upper), ==, cases[i].p);
    }

  /* every member has a distinct name and a unit that parses */
  for (guint p = 1; p < IOC_N_PARAMETERS; p++)
    {
      g_assert_nonnull (ioc_parameter_to_string (p));
      g_assert_cmpint (ioc_parameter_from_string (ioc_parameter_to_string (p)), ==, p);
      g_assert_cmpint (ioc_unit_parse (ioc_parameter_unit (p)), !=, IOC_UNIT_UNKNOWN);
    }

  g_assert_null (ioc_parameter_to_string (IOC_PARAMETER_UNKNOWN));
  g_assert_null (ioc_parameter_to_string (IOC_N_PARAMETERS));
  g_assert_null (ioc_parameter_unit (IOC_PARAMETER_UNKNOWN));
  g_assert_cmpint (ioc_parameter_from_string ("PM25"), ==, IOC_PARAMETER_UNKNOWN);
  g_assert_cmpint (ioc_parameter_from_string (""), ==, IOC_PARAMETER_UNKNOWN);
  g_assert_cmpint (ioc_parameter_from_string (NULL), ==, IOC_PARAMETER_UNKNOWN);
}

static void
test_unit_parse (void)
{
  static const struct { const char *symbol; IocUnit unit; } cases[] = {
    { "µg/m³", IOC_UNIT_UG_M3 },          /* U+00B5 micro sign */
    { "\xce\xbcg/m\xc2\xb3", IOC_UNIT_UG_M3 }, /* U+03BC Greek mu */
    { "ug/m3", IOC_UNIT_UG_M3 },
    { "µg/Nm³", IOC_UNIT_UG_M3 },
    { " µg / m³ ", IOC_UNIT_UG_M3 },
    { "mg/m³", IOC_UNIT_MG_M3 },
    { "mg/m3", IOC_UNIT_MG_M3 },
    { "mg/L", IOC_UNIT_MG_L },
    { "mg/l", IOC_UNIT_MG_L },
    { "µg/L", IOC_UNIT_UG_L },
    { "ug/l", IOC_UNIT_UG_L },
    { "g/L", IOC_UNIT_G_L },
    { "‰", IOC_UNIT_PER_MILLE },
    { "ppt", IOC_UNIT_PER_MILLE },
    { "MPN/100 mL", IOC_UNIT_MPN_100ML },
    { "MPN/100mL", IOC_UNIT_MPN_100ML },
    { "°C", IOC_UNIT_CELSIUS },
    { "℃", IOC_UNIT_CELSIUS },
    { "m", IOC_UNIT_METRE },
    { "cm", IOC_UNIT_CENTIMETRE },
    { "", IOC_UNIT_NONE },
    { "pH", IOC_UNIT_NONE },
    { "ppb", IOC_UNIT_UNKNOWN },
    { "furlongs", IOC_UNIT_UNKNOWN },
    { "\xff", IOC_UNIT_UNKNOWN },
    { NULL, IOC_UNIT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ioc_unit_parse (cases[i].symbol), ==, cases[i].unit);
  g_assert_cmpstr (ioc_unit_to_string (IOC_UNIT_UG_M3), ==, "µg/m³");
}

static void
test_unit_convert (void)
{
  static const struct {
    IocParameter p;
    double       value;
    const char  *symbol;
    double       expected;
  } cases[] = {
    { IOC_PARAMETER_CO, 1.5, "mg/m³", 1500 },
    { IOC_PARAMETER_CO, 1500, "µg/m³", 1500 },
    { IOC_PARAMETER_PM25, 20.6, "ug/m3", 20.6 },
    { IOC_PARAMETER_NO2, 0.1187, "mg/m3", 118.7 },
    { IOC_PARAMETER_AS, 20, "µg/L", 0.02 },
    { IOC_PARAMETER_BOD5, 4, "mg/L", 4 },
    { IOC_PARAMETER_ALDRIN, 0.0001, "mg/L", 0.1 },
    { IOC_PARAMETER_SALINITY, 4, "g/L", 4 },
    { IOC_PARAMETER_SALINITY, 4, "ppt", 4 },
    { IOC_PARAMETER_SALINITY, 1000, "mg/L", 1 },
    { IOC_PARAMETER_WATER_LEVEL, 350, "cm", 3.5 },
    { IOC_PARAMETER_WATER_LEVEL, 3.5, "m", 3.5 },
    { IOC_PARAMETER_TEMPERATURE, 28.5, "℃", 28.5 },
    { IOC_PARAMETER_PH, 7.1, "", 7.1 },
    { IOC_PARAMETER_COLIFORM, 4600, "MPN/100mL", 4600 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double out = -1;

      g_assert_true (ioc_unit_to_canonical (cases[i].p, cases[i].value, cases[i].symbol, &out, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (out, cases[i].expected, 1e-9 * MAX (1, fabs (cases[i].expected)));
    }
}

static void
test_unit_errors (void)
{
  static const struct {
    IocParameter p;
    const char  *symbol;
    double       value;
    int          code;
  } cases[] = {
    { IOC_PARAMETER_PM25, "mg/L", 1, IOC_UNIT_ERROR_MISMATCH },
    { IOC_PARAMETER_BOD5, "µg/m³", 1, IOC_UNIT_ERROR_MISMATCH },
    { IOC_PARAMETER_PH, "mg/L", 7, IOC_UNIT_ERROR_MISMATCH },
    { IOC_PARAMETER_BOD5, "", 4, IOC_UNIT_ERROR_MISMATCH },
    { IOC_PARAMETER_WATER_LEVEL, "°C", 3, IOC_UNIT_ERROR_MISMATCH },
    { IOC_PARAMETER_CO, "ppm", 1, IOC_UNIT_ERROR_UNKNOWN },
    { IOC_PARAMETER_CO, "bananas", 1, IOC_UNIT_ERROR_UNKNOWN },
    { IOC_PARAMETER_UNKNOWN, "mg/L", 1, IOC_UNIT_ERROR_PARAMETER },
    { IOC_PARAMETER_BOD5, "mg/L", NAN, IOC_UNIT_ERROR_VALUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double out = 0;

      g_assert_false (ioc_unit_to_canonical (cases[i].p, cases[i].value, cases[i].symbol, &out, &error));
      g_assert_error (error, IOC_UNIT_ERROR, cases[i].code);
    }

  {
    g_autoptr(GError) error = NULL;
    double out;

    g_assert_false (ioc_unit_convert (1, IOC_UNIT_MG_M3, IOC_UNIT_MG_L, &out, &error));
    g_assert_error (error, IOC_UNIT_ERROR, IOC_UNIT_ERROR_MISMATCH);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parameter/names", test_names);
  g_test_add_func ("/parameter/unit/parse", test_unit_parse);
  g_test_add_func ("/parameter/unit/convert", test_unit_convert);
  g_test_add_func ("/parameter/unit/errors", test_unit_errors);

  return g_test_run ();
}
