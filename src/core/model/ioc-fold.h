/* ioc-fold.h — search folding: ignore case and Vietnamese diacritics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *ioc_fold           (const char *s);
gboolean  ioc_fold_contains  (const char *folded_haystack,
                              const char *folded_needle);
gboolean  ioc_fold_matches   (const char *folded_haystack,
                              const char *needle);

G_END_DECLS
