/* ioc-feed-json.h — strict, bounded JSON reading for untrusted feed bodies
 *
 * json-glib 1.6 is lenient where a feed parser must not be: it accepts
 * single quotes, comments, hexadecimal and leading-zero numbers, raw control
 * characters in strings and trailing garbage after a second value, and it
 * wraps integers that do not fit in 64 bits to -1. Every body therefore goes
 * through a strict RFC 8259 check first (UTF-8, grammar, nesting depth), which
 * also rewrites two number forms so that no digit is lost:
 *  - integers of more than 15 digits become strings (ids stay exact; numeric
 *    accessors still read them as numbers);
 *  - with IOC_FEED_JSON_LEADING_ZERO_AS_STRING, `001` becomes "001" (the
 *    Open311 GeoReport v2 specification's own examples write codes that way;
 *    feeds.md §1 "accept numbers too").
 *
 * Thread-safe: no global state; used from worker threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define IOC_FEED_JSON_MAX_DEPTH 64

typedef enum {
  IOC_FEED_JSON_NONE                   = 0,
  IOC_FEED_JSON_LEADING_ZERO_AS_STRING = 1 << 0,
} IocFeedJsonFlags;

/* (transfer full): the root node, or NULL with IOC_FEED_ERROR_INVALID and a
 * reason naming the line and column. */
JsonNode   *ioc_feed_json_parse            (const char       *data,
                                            gsize             length,
                                            IocFeedJsonFlags  flags,
                                            GError          **error);

/* Typed accessors: absent and null members are "not set" (TRUE, *out NULL or
 * *present FALSE); a member of the wrong type is an error whose message names
 * the member, for the "record N: …" skip reasons. */
gboolean    ioc_feed_json_get_string       (JsonObject       *object,
                                            const char       *member,
                                            char            **out,
                                            GError          **error);
/* An identifier: string or integer number, never empty. Missing → error. */
gboolean    ioc_feed_json_get_id           (JsonObject       *object,
                                            const char       *member,
                                            char            **out,
                                            GError          **error);
/* A finite number or a string holding exactly one (feeds.md §2 "numeric string"). */
gboolean    ioc_feed_json_get_double       (JsonObject       *object,
                                            const char       *member,
                                            gboolean         *present,
                                            double           *out,
                                            GError          **error);
/* A non-negative integer count (number or numeric string). */
gboolean    ioc_feed_json_get_count        (JsonObject       *object,
                                            const char       *member,
                                            gboolean         *present,
                                            guint64          *out,
                                            GError          **error);
gboolean    ioc_feed_json_get_boolean      (JsonObject       *object,
                                            const char       *member,
                                            gboolean         *present,
                                            gboolean         *out,
                                            GError          **error);
/* ISO 8601 with offset; an empty string counts as absent. */
gboolean    ioc_feed_json_get_datetime     (JsonObject       *object,
                                            const char       *member,
                                            GDateTime       **out,
                                            GError          **error);

/* Shared by the XML paths. */
char       *ioc_feed_json_node_to_id       (JsonNode         *node);
gboolean    ioc_feed_parse_double          (const char       *text,
                                            double           *out);
gboolean    ioc_feed_parse_count           (const char       *text,
                                            guint64          *out);
/* ISO 8601 with a UTC offset (`+07:00`, `+0700`, `Z`); @what names the field
 * in the error. NULL with an error for impossible dates (30 February). */
GDateTime  *ioc_feed_parse_datetime        (const char       *text,
                                            const char       *what,
                                            GError          **error);
/* UTF-8 that was decoded as Latin-1 and encoded again ("â\u0084\u0083" for
 * "℃"): returns the repaired text when every character is ≤ U+00FF, at least
 * one is ≥ U+0080 and the bytes form valid UTF-8 again; NULL otherwise. */
char       *ioc_feed_repair_double_utf8    (const char       *text);

G_END_DECLS
