/* ioc-complaint-notifier.h — desktop notifications for complaints that
 * arrive while the dashboard runs, in the fields the operator chose
 * (issue #6, "Notifications for new complaints in chosen fields")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ioc-complaints-feed.h"

G_BEGIN_DECLS

#define IOC_TYPE_COMPLAINT_NOTIFIER (ioc_complaint_notifier_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintNotifier, ioc_complaint_notifier, IOC, COMPLAINT_NOTIFIER, GObject)

/* The action every notification opens: app.show-complaint('PA-26-000123'). */
#define IOC_COMPLAINT_NOTIFIER_ACTION "app.show-complaint"

/* @application: registered on the session bus before anything is sent;
 * @settings: the app's settings (keys notify-enabled and notify-fields);
 * @feed: whose model is watched. */
IocComplaintNotifier *ioc_complaint_notifier_new              (GApplication         *application,
                                                               GSettings            *settings,
                                                               IocComplaintsFeed    *feed);
/* Timing of the burst summary, in milliseconds: complaints matching within
 * @window_ms of the first are sent together; two sends are at least
 * @cooldown_ms apart. Tests shorten them. */
void                  ioc_complaint_notifier_set_timing       (IocComplaintNotifier *self,
                                                               guint                 window_ms,
                                                               guint                 cooldown_ms);
/* Complaints known when watching started, or delivered before the feed's
 * first successful sync, are never announced. TRUE once that baseline is
 * taken. */
gboolean              ioc_complaint_notifier_get_watching     (IocComplaintNotifier *self);
/* Number of GNotifications sent so far (individual and summaries). */
guint                 ioc_complaint_notifier_get_n_sent       (IocComplaintNotifier *self);
/* Whether bodies are sent as markup (the freedesktop protocol's servers may
 * read them as markup) and are therefore escaped. */
gboolean              ioc_complaint_notifier_get_escapes_markup (IocComplaintNotifier *self);

/* Text of the feed made safe for a notification: invalid UTF-8 replaced,
 * control and bidi characters shown as "<U+XXXX>", line breaks and tabs
 * folded to spaces, cut to @max_chars characters with an ellipsis. */
char                 *ioc_complaint_notifier_clean_line       (const char           *text,
                                                               guint                 max_chars);

G_END_DECLS
