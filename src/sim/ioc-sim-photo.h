/* ioc-sim-photo.h — small generated photos for complaint media
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *ioc_sim_photo_png (guint64 seed,
                           const char *name,
                           guint    width,
                           guint    height);

G_END_DECLS
