/* ioc-feed-adapter.h — what a back end's own words mean: observed properties
 * and complaint status words, as data (feeds.md §1–2)
 *
 * A SmartAnGiang back end with its own vocabulary is a configuration, not a
 * fork: the mapping is a GKeyFile, the built-in defaults are written in the
 * same format and read by the same parser, and an operator's file loaded
 * afterwards extends or overrides them (the last definition of a word wins).
 *
 * Format (see also docs/feed-adapters.md):
 *
 *   # a parameter: the group name is "parameter " + the canonical name of
 *   # ioc-parameter.h (feeds.md §2 list)
 *   [parameter PM2.5]
 *   names=PM2.5;pm25;PM 2.5;Particulate matter < 2.5 µm;Bụi PM2.5
 *   definitions=http://vocabs.example/pm25;
 *   unit=µg/m³          # used when a Datastream sends no unit symbol
 *
 *   # a status: the group name is "status " + a domain.md §3 code
 *   [status in_progress]
 *   words=in_progress;investigating;Đang xử lý
 *
 * Names and words are compared case-insensitively (Unicode case folding,
 * NFC), ignoring spaces, '_', '-' and '.' ("PM 2.5" = "pm25" = "PM2.5");
 * definitions are compared as whole URIs, case-insensitively.
 *
 * Thread safety: load everything first, then share; lookups never modify the
 * adapter and may run on parser worker threads concurrently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-complaint-status.h"
#include "ioc-parameter.h"

G_BEGIN_DECLS

#define IOC_TYPE_FEED_ADAPTER (ioc_feed_adapter_get_type ())
G_DECLARE_FINAL_TYPE (IocFeedAdapter, ioc_feed_adapter, IOC, FEED_ADAPTER, GObject)

/* The built-in defaults. */
IocFeedAdapter     *ioc_feed_adapter_new              (void);
/* An adapter with no mapping at all (for tests and for operator files that
 * want to start from nothing). */
IocFeedAdapter     *ioc_feed_adapter_new_empty        (void);
/* The built-in defaults as text, in the file format above. */
const char         *ioc_feed_adapter_get_default_data (void);

gboolean            ioc_feed_adapter_load_data        (IocFeedAdapter  *self,
                                                       const char      *data,
                                                       gssize           length,
                                                       GError         **error);
gboolean            ioc_feed_adapter_load_file        (IocFeedAdapter  *self,
                                                       const char      *path,
                                                       GError         **error);

/* feeds.md §2: an ObservedProperty by its name or definition (either may be
 * NULL). Returns IOC_PARAMETER_UNKNOWN when neither matches; @default_unit
 * (nullable) gets the configured unit symbol or NULL. */
IocParameter        ioc_feed_adapter_lookup_parameter (IocFeedAdapter  *self,
                                                       const char      *name,
                                                       const char      *definition,
                                                       const char     **default_unit);
/* domain.md §3: a back end's status word. FALSE when the word is unknown. */
gboolean            ioc_feed_adapter_lookup_status    (IocFeedAdapter  *self,
                                                       const char      *word,
                                                       IocComplaintStatus *status);

G_END_DECLS
