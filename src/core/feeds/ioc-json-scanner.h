/* ioc-json-scanner.h — a strict, allocation-free pull reader for JSON
 *
 * The feed parsers build json-glib trees, which costs a hash table per
 * object and a node per value: for the largest body the dashboard reads —
 * pages of 1 000 complaints, about 2 MB each — that tree is most of the time
 * spent. This reader walks the bytes in place instead, for the one record
 * shape that is hot (ioc-open311-parser's fast path).
 *
 * It is deliberately narrower than RFC 8259 allows, never wider: anything it
 * does not take as certainly valid and unambiguous — a grammar error, bad
 * UTF-8, a raw control character, `\u0000`, a lone surrogate, a leading-zero
 * or longer-than-15-digit number (which the strict json-glib path rewrites,
 * see ioc-feed-json.h), nesting deeper than IOC_JSON_SCANNER_MAX_DEPTH —
 * makes it stop with `failed` set. Callers then read the body again through
 * the general path, which gives the operator the precise reason. So the fast
 * path can only ever accept bodies that the general path accepts too.
 *
 * Not thread-shared: one scanner per parse, on the stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IOC_JSON_SCANNER_MAX_DEPTH 32

typedef enum {
  IOC_JSON_INVALID,
  IOC_JSON_NULL,
  IOC_JSON_BOOLEAN,
  IOC_JSON_NUMBER,
  IOC_JSON_STRING,
  IOC_JSON_ARRAY,
  IOC_JSON_OBJECT,
} IocJsonKind;

typedef struct {
  const char *p;
  const char *end;
  GString    *text;     /* the last string read, unescaped, NUL-terminated */
  guint       depth;
  gboolean    failed;
  gboolean    first[IOC_JSON_SCANNER_MAX_DEPTH + 1]; /* no element read yet at this depth */
} IocJsonScanner;

void         ioc_json_scanner_init          (IocJsonScanner *self,
                                             const char     *data,
                                             gsize           length);
void         ioc_json_scanner_clear         (IocJsonScanner *self);

/* The kind of the next value, without consuming it (IOC_JSON_INVALID at the
 * end of input or on a character that starts no value). */
IocJsonKind  ioc_json_scanner_peek          (IocJsonScanner *self);

/* Each reader consumes one value of its kind or sets `failed`. */
gboolean     ioc_json_scanner_read_null     (IocJsonScanner *self);
gboolean     ioc_json_scanner_read_boolean  (IocJsonScanner *self,
                                             gboolean       *out);
gboolean     ioc_json_scanner_read_number   (IocJsonScanner *self,
                                             double         *out);
/* The unescaped text is in self->text until the next read. */
gboolean     ioc_json_scanner_read_string   (IocJsonScanner *self);
gboolean     ioc_json_scanner_skip_value    (IocJsonScanner *self);

/* Containers: enter, then call next until it returns FALSE (the end, or a
 * failure: check `failed`). For objects, next reads the member name into
 * self->text and consumes the colon; the caller then reads the value. */
gboolean     ioc_json_scanner_enter_array   (IocJsonScanner *self);
gboolean     ioc_json_scanner_next_element  (IocJsonScanner *self);
gboolean     ioc_json_scanner_enter_object  (IocJsonScanner *self);
gboolean     ioc_json_scanner_next_member   (IocJsonScanner *self);

/* TRUE when only whitespace is left. */
gboolean     ioc_json_scanner_at_end        (IocJsonScanner *self);

G_END_DECLS
