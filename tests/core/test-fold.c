/* test-fold.c — diacritic- and case-insensitive search (product.md) */
#include "config.h"

#include <string.h>

#include "ioc-commune.h"
#include "ioc-fold.h"

static void
test_fold_exact (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "Hà Tiên", "ha tien" },
    { "Đông", "dong" },
    { "ĐÔNG HỒ", "dong ho" },
    { "đường Trần Hưng Đạo", "duong tran hung dao" },
    { "Rạch Giá", "rach gia" },
    { "Phú Quốc", "phu quoc" },
    { "Thổ Châu", "tho chau" },
    { "Ưu tiên ngập nước", "uu tien ngap nuoc" },
    { "Ha\xcc\x80 Tie\xcc\x82n", "ha tien" },              /* NFD: a + grave, e + circumflex */
    { "Tie\xcc\x82\xcc\x81n", "tien" },                    /* NFD, two marks: ế */
    { "D\xcc\x9bo\xcc\x9b", "do" },                        /* stray combining horns */
    { "Ðông", "dong" },                                    /* eth typed for Đ */
    { "  a \t\n b  ", " a b " },                           /* white space runs */
    { "ABC-123", "abc-123" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = ioc_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }

  {
    g_autofree char *folded = ioc_fold (NULL);

    g_assert_cmpstr (folded, ==, "");
  }
}

static void
test_matches (void)
{
  static const struct {
    const char *haystack;
    const char *needle;
    gboolean    match;
  } cases[] = {
    { "Phường Hà Tiên", "ha tien", TRUE },
    { "Phường Hà Tiên", "Hà Tiên", TRUE },
    { "Phường Hà Tiên", "HA TIEN", TRUE },
    { "ha tien", "Hà Tiên", TRUE },                         /* typed with accents */
    { "Xã Đông Hòa", "dong", TRUE },
    { "Xã Đông Hòa", "Đông", TRUE },
    { "Xa\xcc\x83 Đông Ho\xcc\x80\x61", "dong hoa", TRUE }, /* NFD haystack */
    { "Châu Đốc", "chau doc", TRUE },
    { "Châu Đốc", "doc", TRUE },
    { "Phường Hà Tiên", "tien ha", FALSE },
    { "Phường Hà Tiên", "hà tiến", TRUE },                  /* all tones fold away */
    { "Long Xuyên", "rach gia", FALSE },
    { "Long Xuyên", "", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hay = ioc_fold (cases[i].haystack);
      g_autofree char *needle = ioc_fold (cases[i].needle);

      g_test_message ("%s / %s", cases[i].haystack, cases[i].needle);
      g_assert_cmpint (ioc_fold_contains (hay, needle), ==, cases[i].match);
      g_assert_cmpint (ioc_fold_matches (hay, cases[i].needle), ==, cases[i].match);
    }

  g_assert_true (ioc_fold_contains ("abc", NULL));
  g_assert_false (ioc_fold_contains (NULL, "a"));
}

/* Precomposed and decomposed forms fold alike, for every commune name; and
 * every Vietnamese letter folds to ASCII. */
static void
test_communes (void)
{
  guint n;
  const IocCommune *all = ioc_commune_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *nfd = g_utf8_normalize (all[i].name, -1, G_NORMALIZE_NFD);
      g_autofree char *nfc = g_utf8_normalize (all[i].name, -1, G_NORMALIZE_NFC);
      g_autofree char *a = ioc_fold (nfc);
      g_autofree char *b = ioc_fold (nfd);

      g_assert_cmpstr (a, ==, b);
      for (const char *p = a; *p != '\0'; p++)
        if ((guchar) *p >= 0x80)
          g_error ("“%s” folds to non-ASCII “%s”", all[i].name, a);
    }
}

/* A feed may send bytes that are not UTF-8: the result is still valid UTF-8
 * and the valid parts still match. */
static void
test_invalid_utf8 (void)
{
  static const char *inputs[] = {
    "Ha\xff Tien",
    "H\xe0 Ti\xean",          /* Latin-1 */
    "Tien\xc3",               /* truncated sequence at the end */
    "Tien\xe1\xba",
    "\xed\xa0\x80 surrogate",
    "\xf4\x90\x80\x80 too big",
    "\xc0\xaf overlong",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *folded = ioc_fold (inputs[i]);

      g_assert_true (g_utf8_validate (folded, -1, NULL));
      g_assert_nonnull (strstr (folded, "\xef\xbf\xbd"));   /* U+FFFD marks the spot */
    }

  {
    g_autofree char *folded = ioc_fold ("Ha\xff Tien");

    g_assert_true (ioc_fold_matches (folded, "tien"));
    g_assert_true (ioc_fold_matches (folded, "ha"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fold/exact", test_fold_exact);
  g_test_add_func ("/fold/matches", test_matches);
  g_test_add_func ("/fold/communes", test_communes);
  g_test_add_func ("/fold/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
