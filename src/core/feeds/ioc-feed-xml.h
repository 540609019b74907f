/* ioc-feed-xml.h — safe XML reading for untrusted feed bodies (Open311 XML)
 *
 * libxml2 with no network access, no entity substitution and no DTD at all
 * (a document with a DTD is refused: internal entities are how the "billion
 * laughs" attack multiplies a small body). The tree is turned into the same
 * JsonNode shape the JSON path produces so that one record parser serves
 * both formats:
 *   - an element without element children → its text (omitted when empty,
 *     so `<zipcode/>` reads as absent);
 *   - an element with element children → an object, one member per child
 *     name; a name that repeats becomes an array, in document order
 *     (`<recipient>A</recipient><recipient>B</recipient>` → ["A","B"]).
 * Element names are local names: namespace prefixes and declarations (SOAP
 * leftovers) are ignored, as are attributes.
 *
 * Thread-safe (libxml2 is initialised once).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define IOC_FEED_XML_MAX_DEPTH 32

/* (transfer full): the root element as an object node; @root_name (out,
 * transfer full) gets its local name. */
JsonNode *ioc_feed_xml_parse      (const char  *data,
                                   gsize        length,
                                   char       **root_name,
                                   GError     **error);

/* The elements of a list member in either shape: a JSON array, an object
 * wrapping @item_name (one element or an array of them), or a single value.
 * Returns a new array of borrowed JsonNodes (never NULL). */
GPtrArray *ioc_feed_list_items    (JsonNode    *node,
                                   const char  *item_name);

G_END_DECLS
