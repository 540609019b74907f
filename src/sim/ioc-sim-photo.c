/* ioc-sim-photo.c — small generated photos for complaint media
 *
 * A complaint's media_url must point at a real image so that the client's
 * media path (size limits, decoding off the main thread) is exercised. The
 * picture is a deterministic "scene" (sky, ground, a few blocks) drawn from
 * the seed and the file name, encoded as an 8-bit RGB PNG; the zlib stream
 * comes from GIO's GZlibCompressor, the CRC is computed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ioc-sim-photo.h"
#include "ioc-sim-rng.h"

static guint32
crc32_update (guint32 crc, const guchar *data, gsize len)
{
  static guint32 table[256];
  static gsize init;

  if (g_once_init_enter (&init))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&init, 1);
    }
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
put_u32 (GByteArray *out, guint32 v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static void
chunk (GByteArray *out, const char *type, const guchar *data, gsize len)
{
  guint32 crc;

  put_u32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
  crc = crc32_update (0, (const guchar *) type, 4);
  crc = crc32_update (crc, data, len);
  put_u32 (out, crc);
}

static GBytes *
zlib_compress (const guchar *data, gsize len)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (data, (gssize) len, NULL);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (z));
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                       | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/**
 * ioc_sim_photo_png:
 *
 * Returns: (transfer full): a PNG of @width × @height, the same bytes for
 * the same (@seed, @name).
 */
GBytes *
ioc_sim_photo_png (guint64     seed,
                   const char *name,
                   guint       width,
                   guint       height)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  IocSimRng rng;
  gsize stride = 1 + 3 * (gsize) width;
  g_autofree guchar *raw = g_malloc0 (stride * height);
  guchar sky[3], ground[3], ihdr[13];
  guint horizon;
  g_autoptr(GBytes) idat = NULL;
  GByteArray *out = g_byte_array_new ();

  ioc_sim_rng_init_stream (&rng, seed, name, 0);
  for (int i = 0; i < 3; i++)
    {
      sky[i] = (guchar) (120 + ioc_sim_rng_below (&rng, 120));
      ground[i] = (guchar) (40 + ioc_sim_rng_below (&rng, 110));
    }
  horizon = height / 3 + ioc_sim_rng_below (&rng, height / 3 + 1);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guchar *px = raw + y * stride + 1 + 3 * x;
        const guchar *base = y < horizon ? sky : ground;

        for (int i = 0; i < 3; i++)
          px[i] = (guchar) CLAMP (base[i] + (int) (y * 40 / height) - 20 + (int) ((x * 7 + y * 3) % 9), 0, 255);
      }
  for (guint b = 0, n = 2 + ioc_sim_rng_below (&rng, 4); b < n; b++)
    {
      guint bx = ioc_sim_rng_below (&rng, width), bw = 4 + ioc_sim_rng_below (&rng, width / 3);
      guint bh = 4 + ioc_sim_rng_below (&rng, horizon), r = ioc_sim_rng_below (&rng, 256);
      guint g = ioc_sim_rng_below (&rng, 256), bl = ioc_sim_rng_below (&rng, 256);

      for (guint y = horizon > bh ? horizon - bh : 0; y < MIN (height, horizon + 4); y++)
        for (guint x = bx; x < MIN (width, bx + bw); x++)
          {
            guchar *px = raw + y * stride + 1 + 3 * x;

            px[0] = (guchar) r;
            px[1] = (guchar) g;
            px[2] = (guchar) bl;
          }
    }

  idat = zlib_compress (raw, stride * height);
  g_byte_array_append (out, signature, 8);
  ihdr[0] = width >> 24; ihdr[1] = (width >> 16) & 0xff; ihdr[2] = (width >> 8) & 0xff; ihdr[3] = width & 0xff;
  ihdr[4] = height >> 24; ihdr[5] = (height >> 16) & 0xff; ihdr[6] = (height >> 8) & 0xff; ihdr[7] = height & 0xff;
  ihdr[8] = 8;  /* bit depth */
  ihdr[9] = 2;  /* RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  chunk (out, "IHDR", ihdr, sizeof ihdr);
  if (idat != NULL)
    chunk (out, "IDAT", g_bytes_get_data (idat, NULL), g_bytes_get_size (idat));
  chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}
