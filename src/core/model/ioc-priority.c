/* ioc-priority.c — complaint priorities (feeds.md §1 extension `priority`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-priority.h"

static const char * const priority_names[IOC_N_PRIORITIES] = {
  "khan_cap", "cao", "thuong", "thap",
};

/** ioc_priority_to_string: the wire code of feeds.md §1 ("khan_cap", "cao"…). */
const char *
ioc_priority_to_string (IocPriority priority)
{
  g_return_val_if_fail ((guint) priority < IOC_N_PRIORITIES, NULL);
  return priority_names[priority];
}

/**
 * ioc_priority_from_string:
 * @name: a wire code of feeds.md §1 (`khan_cap|cao|thuong|thap`, ASCII case ignored)
 * @priority: (out) (optional)
 *
 * Returns: %TRUE when @name is one of the four codes
 */
gboolean
ioc_priority_from_string (const char  *name,
                          IocPriority *priority)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < IOC_N_PRIORITIES; i++)
    if (g_ascii_strcasecmp (name, priority_names[i]) == 0)
      {
        if (priority != NULL)
          *priority = (IocPriority) i;
        return TRUE;
      }

  return FALSE;
}

/** ioc_priority_label: the translated label (khẩn cấp, cao, thường, thấp). */
const char *
ioc_priority_label (IocPriority priority)
{
  switch (priority)
    {
    case IOC_PRIORITY_KHAN_CAP: return C_("complaint priority", "Emergency");
    case IOC_PRIORITY_CAO: return C_("complaint priority", "High");
    case IOC_PRIORITY_THUONG: return C_("complaint priority", "Normal");
    case IOC_PRIORITY_THAP: return C_("complaint priority", "Low");
    case IOC_N_PRIORITIES:
    default:
      g_return_val_if_reached (NULL);
    }
}
