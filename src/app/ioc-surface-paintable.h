/* ioc-surface-paintable.h — an immutable image drawn through cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IOC_TYPE_SURFACE_PAINTABLE (ioc_surface_paintable_get_type ())
G_DECLARE_FINAL_TYPE (IocSurfacePaintable, ioc_surface_paintable, IOC, SURFACE_PAINTABLE, GObject)

/* @pixels: cairo ARGB32 (premultiplied, native-endian), @size × @size,
 * stride @size × 4; kept, not copied. */
IocSurfacePaintable *ioc_surface_paintable_new (GBytes *pixels,
                                                int     size);

G_END_DECLS
