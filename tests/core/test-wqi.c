/* test-wqi.c — VN_WQI (QĐ 1460/QĐ-TCMT; domain.md §6) */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ioc-wqi.h"

typedef struct {
  IocParameter parameter;
  double       value;
  double       q;
} QCase;

/* Every row of the table at each breakpoint and half-way between, plus the
 * `<` and `>` edges (written out by hand from domain.md §6). */
static const QCase q_cases[] = {
  /* As ≤0,01 | 0,02 | 0,05 | 0,1 | >0,1 */
  { IOC_PARAMETER_AS, 0, 100 }, { IOC_PARAMETER_AS, 0.01, 100 },
  { IOC_PARAMETER_AS, 0.015, 87.5 }, { IOC_PARAMETER_AS, 0.02, 75 },
  { IOC_PARAMETER_AS, 0.035, 62.5 }, { IOC_PARAMETER_AS, 0.05, 50 },
  { IOC_PARAMETER_AS, 0.075, 37.5 }, { IOC_PARAMETER_AS, 0.1, 25 },
  { IOC_PARAMETER_AS, 0.1001, 10 }, { IOC_PARAMETER_AS, 1, 10 },
  /* Cd <0,005 | 0,005 | 0,008 | 0,01 | 0,1 */
  { IOC_PARAMETER_CD, 0.0049, 100 }, { IOC_PARAMETER_CD, 0.005, 75 },
  { IOC_PARAMETER_CD, 0.0065, 62.5 }, { IOC_PARAMETER_CD, 0.008, 50 },
  { IOC_PARAMETER_CD, 0.009, 37.5 }, { IOC_PARAMETER_CD, 0.01, 25 },
  { IOC_PARAMETER_CD, 0.055, 17.5 }, { IOC_PARAMETER_CD, 0.1, 10 },
  { IOC_PARAMETER_CD, 0.2, 10 },
  /* Pb <0,02 | 0,02 | 0,04 | 0,05 | 0,5 */
  { IOC_PARAMETER_PB, 0.0199, 100 }, { IOC_PARAMETER_PB, 0.02, 75 },
  { IOC_PARAMETER_PB, 0.03, 62.5 }, { IOC_PARAMETER_PB, 0.04, 50 },
  { IOC_PARAMETER_PB, 0.045, 37.5 }, { IOC_PARAMETER_PB, 0.05, 25 },
  { IOC_PARAMETER_PB, 0.275, 17.5 }, { IOC_PARAMETER_PB, 0.5, 10 },
  { IOC_PARAMETER_PB, 1, 10 },
  /* Cr6+ ≤0,01 | 0,02 | 0,04 | 0,05 | 0,1 */
  { IOC_PARAMETER_CR6, 0.01, 100 }, { IOC_PARAMETER_CR6, 0.015, 87.5 },
  { IOC_PARAMETER_CR6, 0.02, 75 }, { IOC_PARAMETER_CR6, 0.03, 62.5 },
  { IOC_PARAMETER_CR6, 0.04, 50 }, { IOC_PARAMETER_CR6, 0.045, 37.5 },
  { IOC_PARAMETER_CR6, 0.05, 25 }, { IOC_PARAMETER_CR6, 0.075, 17.5 },
  { IOC_PARAMETER_CR6, 0.1, 10 }, { IOC_PARAMETER_CR6, 0.2, 10 },
  /* Cu ≤0,1 | 0,2 | 0,5 | 1 | 2 */
  { IOC_PARAMETER_CU, 0.1, 100 }, { IOC_PARAMETER_CU, 0.15, 87.5 },
  { IOC_PARAMETER_CU, 0.2, 75 }, { IOC_PARAMETER_CU, 0.35, 62.5 },
  { IOC_PARAMETER_CU, 0.5, 50 }, { IOC_PARAMETER_CU, 0.75, 37.5 },
  { IOC_PARAMETER_CU, 1, 25 }, { IOC_PARAMETER_CU, 1.5, 17.5 },
  { IOC_PARAMETER_CU, 2, 10 }, { IOC_PARAMETER_CU, 3, 10 },
  /* Zn ≤0,5 | 1 | 1,5 | 2 | 3 */
  { IOC_PARAMETER_ZN, 0.5, 100 }, { IOC_PARAMETER_ZN, 0.75, 87.5 },
  { IOC_PARAMETER_ZN, 1, 75 }, { IOC_PARAMETER_ZN, 1.25, 62.5 },
  { IOC_PARAMETER_ZN, 1.5, 50 }, { IOC_PARAMETER_ZN, 1.75, 37.5 },
  { IOC_PARAMETER_ZN, 2, 25 }, { IOC_PARAMETER_ZN, 2.5, 17.5 },
  { IOC_PARAMETER_ZN, 3, 10 }, { IOC_PARAMETER_ZN, 4, 10 },
  /* Hg <0,001 | 0,001 | 0,0015 | 0,002 | 0,01 */
  { IOC_PARAMETER_HG, 0.00099, 100 }, { IOC_PARAMETER_HG, 0.001, 75 },
  { IOC_PARAMETER_HG, 0.00125, 62.5 }, { IOC_PARAMETER_HG, 0.0015, 50 },
  { IOC_PARAMETER_HG, 0.00175, 37.5 }, { IOC_PARAMETER_HG, 0.002, 25 },
  { IOC_PARAMETER_HG, 0.006, 17.5 }, { IOC_PARAMETER_HG, 0.01, 10 },
  { IOC_PARAMETER_HG, 0.02, 10 },
  /* BOD5 ≤4 | 6 | 15 | 25 | ≥50 */
  { IOC_PARAMETER_BOD5, 3, 100 }, { IOC_PARAMETER_BOD5, 4, 100 },
  { IOC_PARAMETER_BOD5, 5, 87.5 }, { IOC_PARAMETER_BOD5, 6, 75 },
  { IOC_PARAMETER_BOD5, 10.5, 62.5 }, { IOC_PARAMETER_BOD5, 15, 50 },
  { IOC_PARAMETER_BOD5, 20, 37.5 }, { IOC_PARAMETER_BOD5, 25, 25 },
  { IOC_PARAMETER_BOD5, 37.5, 17.5 }, { IOC_PARAMETER_BOD5, 50, 10 },
  { IOC_PARAMETER_BOD5, 60, 10 },
  /* COD ≤10 | 15 | 30 | 50 | ≥150 */
  { IOC_PARAMETER_COD, 10, 100 }, { IOC_PARAMETER_COD, 12.5, 87.5 },
  { IOC_PARAMETER_COD, 15, 75 }, { IOC_PARAMETER_COD, 22.5, 62.5 },
  { IOC_PARAMETER_COD, 30, 50 }, { IOC_PARAMETER_COD, 40, 37.5 },
  { IOC_PARAMETER_COD, 50, 25 }, { IOC_PARAMETER_COD, 100, 17.5 },
  { IOC_PARAMETER_COD, 150, 10 }, { IOC_PARAMETER_COD, 200, 10 },
  /* TOC ≤4 | 6 | 15 | 25 | ≥50 */
  { IOC_PARAMETER_TOC, 4, 100 }, { IOC_PARAMETER_TOC, 5, 87.5 },
  { IOC_PARAMETER_TOC, 6, 75 }, { IOC_PARAMETER_TOC, 10.5, 62.5 },
  { IOC_PARAMETER_TOC, 15, 50 }, { IOC_PARAMETER_TOC, 20, 37.5 },
  { IOC_PARAMETER_TOC, 25, 25 }, { IOC_PARAMETER_TOC, 37.5, 17.5 },
  { IOC_PARAMETER_TOC, 50, 10 }, { IOC_PARAMETER_TOC, 51, 10 },
  /* N-NH4 <0,3 | 0,3 | 0,6 | 0,9 | ≥5 */
  { IOC_PARAMETER_N_NH4, 0.29, 100 }, { IOC_PARAMETER_N_NH4, 0.3, 75 },
  { IOC_PARAMETER_N_NH4, 0.45, 62.5 }, { IOC_PARAMETER_N_NH4, 0.6, 50 },
  { IOC_PARAMETER_N_NH4, 0.75, 37.5 }, { IOC_PARAMETER_N_NH4, 0.9, 25 },
  { IOC_PARAMETER_N_NH4, 2.95, 17.5 }, { IOC_PARAMETER_N_NH4, 5, 10 },
  { IOC_PARAMETER_N_NH4, 6, 10 },
  /* N-NO3 ≤2 | 5 | 10 | 15 | >15 */
  { IOC_PARAMETER_N_NO3, 2, 100 }, { IOC_PARAMETER_N_NO3, 3.5, 87.5 },
  { IOC_PARAMETER_N_NO3, 5, 75 }, { IOC_PARAMETER_N_NO3, 7.5, 62.5 },
  { IOC_PARAMETER_N_NO3, 10, 50 }, { IOC_PARAMETER_N_NO3, 12.5, 37.5 },
  { IOC_PARAMETER_N_NO3, 15, 25 }, { IOC_PARAMETER_N_NO3, 15.01, 10 },
  { IOC_PARAMETER_N_NO3, 40, 10 },
  /* N-NO2: two states */
  { IOC_PARAMETER_N_NO2, 0, 100 }, { IOC_PARAMETER_N_NO2, 0.05, 100 },
  { IOC_PARAMETER_N_NO2, 0.0501, 10 }, { IOC_PARAMETER_N_NO2, 1, 10 },
  /* P-PO4 ≤0,1 | 0,2 | 0,3 | 0,5 | ≥4 */
  { IOC_PARAMETER_P_PO4, 0.1, 100 }, { IOC_PARAMETER_P_PO4, 0.15, 87.5 },
  { IOC_PARAMETER_P_PO4, 0.2, 75 }, { IOC_PARAMETER_P_PO4, 0.25, 62.5 },
  { IOC_PARAMETER_P_PO4, 0.3, 50 }, { IOC_PARAMETER_P_PO4, 0.4, 37.5 },
  { IOC_PARAMETER_P_PO4, 0.5, 25 }, { IOC_PARAMETER_P_PO4, 2.25, 17.5 },
  { IOC_PARAMETER_P_PO4, 4, 10 }, { IOC_PARAMETER_P_PO4, 5, 10 },
  /* Coliform ≤2500 | 5000 | 7500 | 10000 | >10000 */
  { IOC_PARAMETER_COLIFORM, 2500, 100 }, { IOC_PARAMETER_COLIFORM, 3750, 87.5 },
  { IOC_PARAMETER_COLIFORM, 5000, 75 }, { IOC_PARAMETER_COLIFORM, 6250, 62.5 },
  { IOC_PARAMETER_COLIFORM, 7500, 50 }, { IOC_PARAMETER_COLIFORM, 8750, 37.5 },
  { IOC_PARAMETER_COLIFORM, 10000, 25 }, { IOC_PARAMETER_COLIFORM, 10001, 10 },
  /* E.coli ≤20 | 50 | 100 | 200 | >200 */
  { IOC_PARAMETER_E_COLI, 20, 100 }, { IOC_PARAMETER_E_COLI, 35, 87.5 },
  { IOC_PARAMETER_E_COLI, 50, 75 }, { IOC_PARAMETER_E_COLI, 75, 62.5 },
  { IOC_PARAMETER_E_COLI, 100, 50 }, { IOC_PARAMETER_E_COLI, 150, 37.5 },
  { IOC_PARAMETER_E_COLI, 200, 25 }, { IOC_PARAMETER_E_COLI, 201, 10 },
  /* pesticides (µg/L): at or below the limit 100, above 10 */
  { IOC_PARAMETER_ALDRIN, 0.1, 100 }, { IOC_PARAMETER_ALDRIN, 0.11, 10 },
  { IOC_PARAMETER_BHC, 0.02, 100 }, { IOC_PARAMETER_BHC, 0.021, 10 },
  { IOC_PARAMETER_DIELDRIN, 0.1, 100 }, { IOC_PARAMETER_DIELDRIN, 0.101, 10 },
  { IOC_PARAMETER_DDTS, 1.0, 100 }, { IOC_PARAMETER_DDTS, 1.01, 10 },
  { IOC_PARAMETER_HEPTACHLOR, 0.2, 100 }, { IOC_PARAMETER_HEPTACHLOR, 0.21, 10 },
  /* pH curve */
  { IOC_PARAMETER_PH, 5.4, 10 }, { IOC_PARAMETER_PH, 5.5, 50 },
  { IOC_PARAMETER_PH, 5.75, 75 }, { IOC_PARAMETER_PH, 6.0, 100 },
  { IOC_PARAMETER_PH, 7.2, 100 }, { IOC_PARAMETER_PH, 8.5, 100 },
  { IOC_PARAMETER_PH, 8.75, 75 }, { IOC_PARAMETER_PH, 9.0, 50 },
  { IOC_PARAMETER_PH, 9.01, 10 },
};

static void
test_q_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (q_cases); i++)
    {
      double q = ioc_wqi_q (q_cases[i].parameter, q_cases[i].value);

      if (fabs (q - q_cases[i].q) > 1e-9)
        g_error ("q(%s = %g) = %g, expected %g",
                 ioc_parameter_to_string (q_cases[i].parameter),
                 q_cases[i].value, q, q_cases[i].q);
    }
}

static void
test_q_invalid (void)
{
  g_assert_true (isnan (ioc_wqi_q (IOC_PARAMETER_BOD5, -1)));
  g_assert_true (isnan (ioc_wqi_q (IOC_PARAMETER_BOD5, NAN)));
  g_assert_true (isnan (ioc_wqi_q (IOC_PARAMETER_TSS, 10)));
  g_assert_true (isnan (ioc_wqi_q (IOC_PARAMETER_DO, 7)));   /* needs temperature */
  g_assert_true (isnan (ioc_wqi_q (IOC_PARAMETER_PM25, 10)));
}

static void
test_do (void)
{
  static const struct { double percent; double q; } cases[] = {
    { 0, 10 }, { 19.9, 10 }, { 20, 25 }, { 35, 37.5 }, { 50, 50 },
    { 62.5, 62.5 }, { 75, 75 }, { 81.5, 87.5 }, { 88, 100 }, { 100, 100 },
    { 112, 100 }, { 118.5, 87.5 }, { 125, 75 }, { 137.5, 62.5 }, { 150, 50 },
    { 175, 37.5 }, { 200, 25 }, { 200.1, 10 }, { 300, 10 },
  };
  double sat20;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (ioc_wqi_q_do_percent (cases[i].percent),
                                    cases[i].q, 1e-9);

  /* DO_sat(20 °C) = 14,652 − 8,2044 + 3,1964 − 0,622192 = 9,021808 */
  sat20 = ioc_wqi_do_saturation (20);
  g_assert_cmpfloat_with_epsilon (sat20, 9.021808, 1e-9);
  g_assert_cmpfloat_with_epsilon (ioc_wqi_do_saturation (0), 14.652, 1e-12);
  g_assert_cmpfloat_with_epsilon (ioc_wqi_do_percent (sat20 / 2, 20), 50, 1e-9);
  g_assert_true (isnan (ioc_wqi_do_percent (7, NAN)));
  g_assert_true (isnan (ioc_wqi_do_percent (-1, 20)));
}

static void
test_groups (void)
{
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_PH), ==, IOC_WQI_GROUP_I);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_DDTS), ==, IOC_WQI_GROUP_II);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_HG), ==, IOC_WQI_GROUP_III);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_DO), ==, IOC_WQI_GROUP_IV);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_N_NO2), ==, IOC_WQI_GROUP_IV);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_E_COLI), ==, IOC_WQI_GROUP_V);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_TEMPERATURE), ==, IOC_WQI_N_GROUPS);
  g_assert_cmpint (ioc_wqi_parameter_group (IOC_PARAMETER_TSS), ==, IOC_WQI_N_GROUPS);
  g_assert_cmpstr (ioc_wqi_group_to_string (IOC_WQI_GROUP_III), ==, "III");
}

static void
test_aggregate (void)
{
  static const struct { double g[5]; double expected; } cases[] = {
    { { 100, 100, 100, 80, 50 }, 68.399 },     /* (80² · 50)^(1/3) */
    { { 100, 100, 100, 80, NAN }, 80 },        /* without group V */
    { { NAN, NAN, NAN, 80, NAN }, 80 },        /* missing I–III count as 100 */
    { { 50, NAN, NAN, 80, NAN }, 40 },
    { { 50, 10, 25, 100, 100 }, 0.5 * 0.1 * 0.25 * 100 },
    { { 100, 100, 100, NAN, 100 }, NAN },      /* group IV is required */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double w = ioc_wqi_aggregate (cases[i].g);

      if (isnan (cases[i].expected))
        g_assert_true (isnan (w));
      else
        g_assert_cmpfloat_with_epsilon (w, cases[i].expected, 1e-3);
    }
}

static void
test_compute (void)
{
  IocWqiInput in;
  g_autoptr(IocWqiResult) clean = NULL;
  g_autoptr(IocWqiResult) mixed = NULL;

  ioc_wqi_input_init (&in);
  in.values[IOC_PARAMETER_PH] = 7;
  in.values[IOC_PARAMETER_BOD5] = 4;
  in.values[IOC_PARAMETER_COD] = 10;
  in.values[IOC_PARAMETER_N_NH4] = 0.2;
  in.values[IOC_PARAMETER_COLIFORM] = 2500;
  in.values[IOC_PARAMETER_TSS] = 500;   /* not in the index: ignored */
  clean = ioc_wqi_compute (&in);
  g_assert_cmpint (clean->wqi, ==, 100);
  g_assert_cmpint (clean->band, ==, IOC_WQI_BAND_RAT_TOT);
  g_assert_null (clean->reason);
  g_assert_cmpuint (clean->group_count[IOC_WQI_GROUP_IV], ==, 3);
  g_assert_true (isnan (clean->group[IOC_WQI_GROUP_II]));

  /* pH 7 (100); DO 100 % (100), BOD5 6 (75), COD 15 (75): IV = 83,33;
   * As 0,02 (75), Cd 0,004 (100): III = √7500 = 86,60; no V:
   * WQI = 0,8660 × 83,33 = 72,17 → 72 */
  ioc_wqi_input_init (&in);
  in.values[IOC_PARAMETER_PH] = 7;
  in.values[IOC_PARAMETER_TEMPERATURE] = 20;
  in.values[IOC_PARAMETER_DO] = ioc_wqi_do_saturation (20);
  in.values[IOC_PARAMETER_BOD5] = 6;
  in.values[IOC_PARAMETER_COD] = 15;
  in.values[IOC_PARAMETER_AS] = 0.02;
  in.values[IOC_PARAMETER_CD] = 0.004;
  mixed = ioc_wqi_compute (&in);
  g_assert_cmpfloat_with_epsilon (mixed->group[IOC_WQI_GROUP_III], sqrt (7500), 1e-9);
  g_assert_cmpfloat_with_epsilon (mixed->group[IOC_WQI_GROUP_IV], 250.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (mixed->do_percent, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (mixed->wqi_exact, sqrt (7500) / 100 * 250.0 / 3, 1e-9);
  g_assert_cmpint (mixed->wqi, ==, 72);
  g_assert_cmpint (mixed->band, ==, IOC_WQI_BAND_TRUNG_BINH);
}

static void
test_missing_data (void)
{
  IocWqiInput in;
  g_autoptr(IocWqiResult) two_groups = NULL;
  g_autoptr(IocWqiResult) thin_iv = NULL;
  g_autoptr(IocWqiResult) no_temp = NULL;
  g_autoptr(IocWqiResult) ok = NULL;

  /* two groups only */
  ioc_wqi_input_init (&in);
  in.values[IOC_PARAMETER_PH] = 7;
  in.values[IOC_PARAMETER_BOD5] = 4;
  in.values[IOC_PARAMETER_COD] = 10;
  in.values[IOC_PARAMETER_TOC] = 3;
  two_groups = ioc_wqi_compute (&in);
  g_assert_cmpint (two_groups->wqi, ==, IOC_WQI_NONE);
  g_assert_cmpint (two_groups->band, ==, IOC_WQI_BAND_NONE);
  g_assert_nonnull (two_groups->reason);
  /* group values are still reported */
  g_assert_cmpfloat (two_groups->group[IOC_WQI_GROUP_IV], ==, 100);

  /* three groups, but group IV with two parameters */
  in.values[IOC_PARAMETER_TOC] = NAN;
  in.values[IOC_PARAMETER_E_COLI] = 10;
  thin_iv = ioc_wqi_compute (&in);
  g_assert_cmpint (thin_iv->wqi, ==, IOC_WQI_NONE);
  g_assert_nonnull (thin_iv->reason);

  /* DO without temperature does not count toward group IV */
  in.values[IOC_PARAMETER_DO] = 7;
  no_temp = ioc_wqi_compute (&in);
  g_assert_true (no_temp->do_ignored);
  g_assert_cmpint (no_temp->wqi, ==, IOC_WQI_NONE);
  g_assert_nonnull (strstr (no_temp->reason, "DO"));

  /* with the temperature it does, and the WQI exists */
  in.values[IOC_PARAMETER_TEMPERATURE] = 28;
  ok = ioc_wqi_compute (&in);
  g_assert_false (ok->do_ignored);
  g_assert_cmpuint (ok->group_count[IOC_WQI_GROUP_IV], ==, 3);
  g_assert_cmpint (ok->wqi, !=, IOC_WQI_NONE);
  g_assert_null (ok->reason);
  g_assert_true (ioc_wqi_data_sufficient (ok->group_count));
}

static void
test_bands (void)
{
  static const struct { int wqi; IocWqiBand band; const char *wire; guint32 rgb; } cases[] = {
    { 101, IOC_WQI_BAND_NONE, NULL, 0 },
    { 100, IOC_WQI_BAND_RAT_TOT, "rat_tot", 0x3333FF },
    { 91, IOC_WQI_BAND_RAT_TOT, "rat_tot", 0x3333FF },
    { 90, IOC_WQI_BAND_TOT, "tot", 0x00E400 },
    { 76, IOC_WQI_BAND_TOT, "tot", 0x00E400 },
    { 75, IOC_WQI_BAND_TRUNG_BINH, "trung_binh", 0xFFFF00 },
    { 51, IOC_WQI_BAND_TRUNG_BINH, "trung_binh", 0xFFFF00 },
    { 50, IOC_WQI_BAND_XAU, "xau", 0xFF7E00 },
    { 26, IOC_WQI_BAND_XAU, "xau", 0xFF7E00 },
    { 25, IOC_WQI_BAND_KEM, "kem", 0xFF0000 },
    { 10, IOC_WQI_BAND_KEM, "kem", 0xFF0000 },
    { 9, IOC_WQI_BAND_O_NHIEM_RAT_NANG, "o_nhiem_rat_nang", 0x7E0023 },
    { 0, IOC_WQI_BAND_O_NHIEM_RAT_NANG, "o_nhiem_rat_nang", 0x7E0023 },
    { -1, IOC_WQI_BAND_NONE, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IocWqiBand b = ioc_wqi_band_for_value (cases[i].wqi);

      g_assert_cmpint (b, ==, cases[i].band);
      g_assert_cmpstr (ioc_wqi_band_to_string (b), ==, cases[i].wire);
      g_assert_cmphex (ioc_wqi_band_rgb (b), ==, cases[i].rgb);
      if (cases[i].wire != NULL)
        {
          g_assert_cmpint (ioc_wqi_band_from_string (cases[i].wire), ==, b);
          g_assert_nonnull (ioc_wqi_band_label (b));
        }
    }
}

/* Property: WQI within 0–100 or none, never NaN, and never better when one
 * value moves away from clean water. */
static void
test_property_range (void)
{
  static const IocParameter worse_when_higher[] = {
    IOC_PARAMETER_BOD5, IOC_PARAMETER_COD, IOC_PARAMETER_N_NH4,
    IOC_PARAMETER_P_PO4, IOC_PARAMETER_AS, IOC_PARAMETER_COLIFORM,
  };

  for (guint round_ = 0; round_ < 100; round_++)
    {
      IocWqiInput in;
      IocParameter p = worse_when_higher[g_test_rand_int_range (0, G_N_ELEMENTS (worse_when_higher))];
      int prev = 101;

      ioc_wqi_input_init (&in);
      in.values[IOC_PARAMETER_PH] = g_test_rand_double_range (4, 10);
      in.values[IOC_PARAMETER_BOD5] = g_test_rand_double_range (0, 60);
      in.values[IOC_PARAMETER_COD] = g_test_rand_double_range (0, 200);
      in.values[IOC_PARAMETER_N_NH4] = g_test_rand_double_range (0, 6);
      in.values[IOC_PARAMETER_P_PO4] = g_test_rand_double_range (0, 5);
      in.values[IOC_PARAMETER_AS] = g_test_rand_double_range (0, 0.2);
      in.values[IOC_PARAMETER_COLIFORM] = g_test_rand_double_range (0, 20000);

      for (double v = 0; v < 20000; v = v * 1.2 + 0.001)
        {
          g_autoptr(IocWqiResult) r = NULL;

          in.values[p] = v;
          r = ioc_wqi_compute (&in);
          g_assert_cmpint (r->wqi, >=, 0);
          g_assert_cmpint (r->wqi, <=, 100);
          g_assert_false (isnan (r->wqi_exact));
          g_assert_cmpint (r->wqi, <=, prev);
          prev = r->wqi;
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wqi/q/table", test_q_table);
  g_test_add_func ("/wqi/q/invalid", test_q_invalid);
  g_test_add_func ("/wqi/do", test_do);
  g_test_add_func ("/wqi/groups", test_groups);
  g_test_add_func ("/wqi/aggregate", test_aggregate);
  g_test_add_func ("/wqi/compute", test_compute);
  g_test_add_func ("/wqi/missing-data", test_missing_data);
  g_test_add_func ("/wqi/bands", test_bands);
  g_test_add_func ("/wqi/property/range", test_property_range);

  return g_test_run ();
}
