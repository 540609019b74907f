/* ioc-complaint-status.c — complaint statuses (domain.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-complaint-status.h"

/* Wire codes of the `extended_status` extension (feeds.md §1), in enum order. */
static const char * const status_names[IOC_N_COMPLAINT_STATUSES] = {
  "new", "acknowledged", "in_progress", "reopened", "resolved", "rejected", "duplicate",
};

/**
 * ioc_complaint_status_to_string:
 *
 * Returns: the wire code of feeds.md §1 `extended_status` ("in_progress"),
 *   or %NULL for an out-of-range value
 */
const char *
ioc_complaint_status_to_string (IocComplaintStatus status)
{
  g_return_val_if_fail ((guint) status < IOC_N_COMPLAINT_STATUSES, NULL);
  return status_names[status];
}

/**
 * ioc_complaint_status_from_string:
 * @name: a wire code of domain.md §3 (ASCII case is ignored: servers differ)
 * @status: (out) (optional): the status
 *
 * Returns: %TRUE when @name is one of the seven codes
 */
gboolean
ioc_complaint_status_from_string (const char         *name,
                                  IocComplaintStatus *status)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < IOC_N_COMPLAINT_STATUSES; i++)
    if (g_ascii_strcasecmp (name, status_names[i]) == 0)
      {
        if (status != NULL)
          *status = (IocComplaintStatus) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * ioc_complaint_status_label:
 *
 * Returns: the translated label; the Vietnamese ones are those of domain.md §3
 *   ("Chờ tiếp nhận", "Đã tiếp nhận"…) and come from vi.po
 */
const char *
ioc_complaint_status_label (IocComplaintStatus status)
{
  switch (status)
    {
    case IOC_COMPLAINT_STATUS_NEW: return C_("complaint status", "Awaiting acknowledgement");
    case IOC_COMPLAINT_STATUS_ACKNOWLEDGED: return C_("complaint status", "Acknowledged");
    case IOC_COMPLAINT_STATUS_IN_PROGRESS: return C_("complaint status", "In progress");
    case IOC_COMPLAINT_STATUS_REOPENED: return C_("complaint status", "Reopened");
    case IOC_COMPLAINT_STATUS_RESOLVED: return C_("complaint status", "Resolved");
    case IOC_COMPLAINT_STATUS_REJECTED: return C_("complaint status", "Rejected");
    case IOC_COMPLAINT_STATUS_DUPLICATE: return C_("complaint status", "Duplicate");
    case IOC_N_COMPLAINT_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ioc_complaint_status_is_open:
 *
 * The Open311 `status` column of domain.md §3: new, acknowledged, in_progress
 * and reopened are open; resolved, rejected and duplicate are closed.
 */
gboolean
ioc_complaint_status_is_open (IocComplaintStatus status)
{
  switch (status)
    {
    case IOC_COMPLAINT_STATUS_NEW:
    case IOC_COMPLAINT_STATUS_ACKNOWLEDGED:
    case IOC_COMPLAINT_STATUS_IN_PROGRESS:
    case IOC_COMPLAINT_STATUS_REOPENED:
      return TRUE;
    case IOC_COMPLAINT_STATUS_RESOLVED:
    case IOC_COMPLAINT_STATUS_REJECTED:
    case IOC_COMPLAINT_STATUS_DUPLICATE:
      return FALSE;
    case IOC_N_COMPLAINT_STATUSES:
    default:
      g_return_val_if_reached (FALSE);
    }
}
