/* ioc-complaint-filter-bar.h — the filter controls of the complaints queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ioc-complaint-filter.h"
#include "ioc-queue-choice-button.h"

G_BEGIN_DECLS

typedef enum {
  IOC_FILTER_DIMENSION_STATUS,
  IOC_FILTER_DIMENSION_FIELD,
  IOC_FILTER_DIMENSION_COMMUNE,
  IOC_FILTER_DIMENSION_AGENCY,
  IOC_FILTER_DIMENSION_PRIORITY,
  IOC_N_FILTER_DIMENSIONS
} IocFilterDimension;

/* The received-date choices; CUSTOM is a from/to pair of days. */
typedef enum {
  IOC_FILTER_PERIOD_ANY,
  IOC_FILTER_PERIOD_TODAY,
  IOC_FILTER_PERIOD_7_DAYS,
  IOC_FILTER_PERIOD_30_DAYS,
  IOC_FILTER_PERIOD_YEAR,
  IOC_FILTER_PERIOD_CUSTOM,
  IOC_N_FILTER_PERIODS
} IocFilterPeriod;

#define IOC_TYPE_COMPLAINT_FILTER_BAR (ioc_complaint_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (IocComplaintFilterBar, ioc_complaint_filter_bar, IOC, COMPLAINT_FILTER_BAR, GtkWidget)

void                  ioc_complaint_filter_bar_set_filter  (IocComplaintFilterBar *self,
                                                            IocComplaintFilter    *filter);
/* The time the relative periods count from; NULL follows the clock. */
void                  ioc_complaint_filter_bar_set_now     (IocComplaintFilterBar *self,
                                                            GDateTime             *now);
/* Offers @agency in the agency choices (the feed names agencies). */
void                  ioc_complaint_filter_bar_add_agency  (IocComplaintFilterBar *self,
                                                            const char            *agency);
IocQueueChoiceButton *ioc_complaint_filter_bar_get_choice  (IocComplaintFilterBar *self,
                                                            IocFilterDimension     dimension);
/* What a click on a period does. */
void                  ioc_complaint_filter_bar_set_period  (IocComplaintFilterBar *self,
                                                            IocFilterPeriod        period);
IocFilterPeriod       ioc_complaint_filter_bar_get_period  (IocComplaintFilterBar *self);
/* What "Apply" under the two calendars does: received on @first … @last
 * (whole local days, both included). FALSE, the filter unchanged and the
 * reason shown, when @last is before @first. */
gboolean              ioc_complaint_filter_bar_apply_custom_range (IocComplaintFilterBar *self,
                                                                   GDateTime             *first,
                                                                   GDateTime             *last,
                                                                   GError               **error);
const char           *ioc_complaint_filter_bar_get_period_label (IocComplaintFilterBar *self);
GtkPopover           *ioc_complaint_filter_bar_get_period_popover (IocComplaintFilterBar *self);

G_END_DECLS
