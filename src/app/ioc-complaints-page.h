/* ioc-complaints-page.h — the Phản ánh page: the complaints queue, its
 * detail pane and the operator's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ioc-calendar.h"
#include "ioc-geo-json.h"
#include "ioc-outbox-sender.h"
#include "ioc-store.h"

G_BEGIN_DECLS

#define IOC_TYPE_COMPLAINTS_PAGE (ioc_complaints_page_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintsPage, ioc_complaints_page, IOC, COMPLAINTS_PAGE, GtkWidget)

IocComplaintsPage *ioc_complaints_page_new           (void);
/* @complaints: (element-type IocComplaint): the live model (IocComplaintListModel
 * or any GListModel of IocComplaint, updated in place). */
void               ioc_complaints_page_set_model     (IocComplaintsPage *self,
                                                      GListModel        *complaints);
GListModel        *ioc_complaints_page_get_model     (IocComplaintsPage *self);
/* Where actions go. @sender is woken when an action leaves its undo window;
 * it may be NULL (actions then wait in the outbox for the sender). */
void               ioc_complaints_page_set_outbox    (IocComplaintsPage *self,
                                                      IocStore          *store,
                                                      IocOutboxSender   *sender);
void               ioc_complaints_page_set_calendar  (IocComplaintsPage *self,
                                                      IocCalendar       *calendar);
/* GSettings `operator-name`: "mine" and the author of every action. */
void               ioc_complaints_page_set_operator  (IocComplaintsPage *self,
                                                      const char        *name);

void                ioc_complaints_page_set_show_detail (IocComplaintsPage *self,
                                                        gboolean           show);
gboolean            ioc_complaints_page_get_show_detail (IocComplaintsPage *self);
void                ioc_complaints_page_set_boundaries (IocComplaintsPage *self,
                                                       IocGeoJson        *boundaries);

G_END_DECLS
