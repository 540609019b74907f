/* ioc-json-text.h — JSON text for people and scripts: numbers as written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *ioc_json_text_format_double (double    value);
char *ioc_json_text_from_node     (JsonNode *root,
                                   gboolean  pretty);

G_END_DECLS
