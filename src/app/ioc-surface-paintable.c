/* ioc-surface-paintable.c — an immutable image drawn through cairo
 *
 * GTK 4.8's CPU (cairo) renderer converts every texture node of the window
 * to a cairo surface on every frame it renders — also the nodes outside the
 * area being repainted. The complaint detail's mini-map keeps a dozen tiles
 * on screen while the operator scrolls the queue beside it, and those
 * conversions were two thirds of each scrolling frame (bench-queue). The
 * same pixels appended as a cairo node are only replayed inside the
 * repainted area. It is meant for a few small, static images: under the GL
 * renderer a cairo node is uploaded again when it is drawn, so the big map
 * keeps textures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-surface-paintable.h"

struct _IocSurfacePaintable
{
  GObject          parent_instance;

  GBytes          *pixels;
  cairo_surface_t *surface;
  int              size;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IocSurfacePaintable, ioc_surface_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static void
snapshot (GdkPaintable *paintable,
          GdkSnapshot  *gdk_snapshot,
          double        width,
          double        height)
{
  IocSurfacePaintable *self = IOC_SURFACE_PAINTABLE (paintable);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (gdk_snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / self->size, height / self->size);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
get_intrinsic_size (GdkPaintable *paintable)
{
  return IOC_SURFACE_PAINTABLE (paintable)->size;
}

static GdkPaintableFlags
get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = snapshot;
  iface->get_intrinsic_width = get_intrinsic_size;
  iface->get_intrinsic_height = get_intrinsic_size;
  iface->get_flags = get_flags;
}

static void
ioc_surface_paintable_finalize (GObject *object)
{
  IocSurfacePaintable *self = IOC_SURFACE_PAINTABLE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, g_bytes_unref);
  G_OBJECT_CLASS (ioc_surface_paintable_parent_class)->finalize (object);
}

static void
ioc_surface_paintable_class_init (IocSurfacePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ioc_surface_paintable_finalize;
}

static void
ioc_surface_paintable_init (IocSurfacePaintable *self)
{
}

IocSurfacePaintable *
ioc_surface_paintable_new (GBytes *pixels,
                           int     size)
{
  IocSurfacePaintable *self;
  gsize length;
  const guchar *data;

  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);
  data = g_bytes_get_data (pixels, &length);
  g_return_val_if_fail (length >= (gsize) size * size * 4, NULL);

  self = g_object_new (IOC_TYPE_SURFACE_PAINTABLE, NULL);
  self->pixels = g_bytes_ref (pixels);
  self->size = size;
  /* Read only: cairo never writes to a source surface. */
  self->surface = cairo_image_surface_create_for_data ((guchar *) data, CAIRO_FORMAT_ARGB32,
                                                       size, size, size * 4);
  return self;
}
