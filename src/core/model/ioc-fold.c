/* ioc-fold.c — search folding: ignore case and Vietnamese diacritics
 *
 * product.md: search must match with or without diacritics ("ha tien" finds
 * "Hà Tiên", "dong" finds "Đông"). The queue searches 100 000 complaints per
 * keystroke, so each text is folded once when it is loaded and a search is a
 * plain substring test on the folded forms.
 *
 * Folding: every character is canonically decomposed (so precomposed and NFD
 * input fold alike), combining marks are dropped, the rest is lower-cased,
 * đ/Đ become d (they have no decomposition) and runs of white space become one
 * space. Bytes that are not UTF-8 — a feed may send Latin-1 — become U+FFFD,
 * so the result is always valid UTF-8 and never glues two words together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-fold.h"

static void
append_folded_char (GString  *out,
                    gunichar  c,
                    gboolean *last_space)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (g_unichar_isspace (c))
    {
      if (!*last_space)
        g_string_append_c (out, ' ');
      *last_space = TRUE;
      return;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      gunichar d = decomposed[i];

      if (g_unichar_ismark (d))
        continue;

      switch (d)
        {
        case 0x0110: /* Đ */
        case 0x0111: /* đ */
        case 0x00D0: /* Ð, eth: often typed for Đ, which it looks like */
        case 0x00F0: /* ð */
        case 0x0189: /* Ɖ, African D: the same look-alike */
          d = 'd';
          break;
        default:
          d = g_unichar_tolower (d);
          break;
        }

      g_string_append_unichar (out, d);
      *last_space = FALSE;
    }
}

/**
 * ioc_fold:
 * @s: (nullable): text in UTF-8, possibly invalid
 *
 * Folds @s for diacritic- and case-insensitive search (product.md: "ha tien"
 * finds "Hà Tiên"). Store the result and compare with ioc_fold_contains().
 *
 * Returns: (transfer full): the folded text, valid UTF-8; "" for %NULL
 */
char *
ioc_fold (const char *s)
{
  GString *out;
  gboolean last_space = FALSE;
  const char *p;

  if (s == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (s) + 1);
  p = s;
  while (*p != '\0')
    {
      guchar byte = (guchar) *p;
      gunichar c;

      /* ASCII, by far the most common case, needs no tables. */
      if (byte < 0x80)
        {
          if (g_ascii_isspace (byte))
            {
              if (!last_space)
                g_string_append_c (out, ' ');
              last_space = TRUE;
            }
          else
            {
              g_string_append_c (out, g_ascii_tolower (byte));
              last_space = FALSE;
            }
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Skip one byte: the next may start a valid character. */
          g_string_append_unichar (out, 0xFFFD);
          last_space = FALSE;
          p++;
          continue;
        }

      append_folded_char (out, c, &last_space);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * ioc_fold_contains:
 * @folded_haystack: a text folded with ioc_fold()
 * @folded_needle: a search term folded with ioc_fold()
 *
 * A plain substring test on folded text: the per-keystroke filter of the
 * complaints queue (product.md). An empty needle matches everything.
 *
 * Returns: %TRUE if @folded_needle occurs in @folded_haystack
 */
gboolean
ioc_fold_contains (const char *folded_haystack,
                   const char *folded_needle)
{
  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  if (folded_haystack == NULL)
    return FALSE;
  return strstr (folded_haystack, folded_needle) != NULL;
}

/**
 * ioc_fold_matches:
 * @folded_haystack: a text folded with ioc_fold()
 * @needle: a search term as typed
 *
 * Folds @needle and tests it, for one-off searches; a filter over many rows
 * should fold the needle once and call ioc_fold_contains().
 *
 * Returns: %TRUE if the folded @needle occurs in @folded_haystack
 */
gboolean
ioc_fold_matches (const char *folded_haystack,
                  const char *needle)
{
  g_autofree char *folded = ioc_fold (needle);

  return ioc_fold_contains (folded_haystack, folded);
}
