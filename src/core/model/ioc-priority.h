/* ioc-priority.h — complaint priorities (feeds.md §1 extension `priority`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ioc-enums.h"

G_BEGIN_DECLS

/* Ordered from most to least urgent, so that sorting by value sorts by urgency. */
typedef enum {
  IOC_PRIORITY_KHAN_CAP,   /* emergency */
  IOC_PRIORITY_CAO,        /* high */
  IOC_PRIORITY_THUONG,     /* normal: the default when a feed sends none */
  IOC_PRIORITY_THAP,       /* low */
  IOC_N_PRIORITIES /*< skip >*/
} IocPriority;


const char  *ioc_priority_to_string   (IocPriority  priority);  /* "khan_cap"… */
gboolean     ioc_priority_from_string (const char  *name,
                                       IocPriority *priority);
const char  *ioc_priority_label       (IocPriority  priority);  /* translated */

G_END_DECLS
