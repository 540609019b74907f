/* ioc-tile-downloader.h — raster tiles over HTTP, cached on disk, that say
 * who is asking and tell when they fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* The OpenStreetMap tile usage policy asks every application to identify itself. */
#define IOC_TILE_USER_AGENT "IOC-An-Giang/0.1 (+https://ioc.angiang.gov.vn)"

#define IOC_TYPE_TILE_DOWNLOADER (ioc_tile_downloader_get_type ())
G_DECLARE_FINAL_TYPE (IocTileDownloader, ioc_tile_downloader, IOC, TILE_DOWNLOADER, ShumateDataSource)

IocTileDownloader *ioc_tile_downloader_new              (const char        *url_template);
const char        *ioc_tile_downloader_get_url_template (IocTileDownloader *self);
guint              ioc_tile_downloader_get_n_failures   (IocTileDownloader *self);
guint              ioc_tile_downloader_get_n_loaded     (IocTileDownloader *self);

G_END_DECLS
