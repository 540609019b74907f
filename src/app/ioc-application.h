/* ioc-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ioc-feed-status.h"
#include "ioc-pipeline.h"

G_BEGIN_DECLS

#define IOC_TYPE_APPLICATION (ioc_application_get_type ())
G_DECLARE_FINAL_TYPE (IocApplication, ioc_application, IOC, APPLICATION, AdwApplication)

IocApplication *ioc_application_new             (void);
GSettings      *ioc_application_get_settings    (IocApplication *self);
IocFeedStatus  *ioc_application_get_feed_status (IocApplication *self,
                                                 IocFeedKind     kind);
IocPipeline    *ioc_application_get_pipeline    (IocApplication *self);
char           *ioc_application_dup_feed_url    (IocApplication *self,
                                                 IocFeedKind     kind);
const char     *ioc_application_get_base_url_override (IocApplication *self);

/* The page names accepted by --page, in the order of the view switcher. */
const char * const *ioc_application_page_names  (void);
void            ioc_application_load_style      (GdkDisplay     *display);

G_END_DECLS
