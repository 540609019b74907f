/* ioc-complaint-note.c — one entry of a complaint's history (feeds.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-complaint-note.h"

G_DEFINE_BOXED_TYPE (IocComplaintNote, ioc_complaint_note,
                     ioc_complaint_note_copy, ioc_complaint_note_free)

/**
 * ioc_complaint_note_new:
 * @datetime: (nullable): when the note was written
 * @description: (nullable)
 * @type: (nullable): the note's kind, as the server names it
 * @author: (nullable)
 *
 * Returns: (transfer full): a new note holding copies of the arguments
 */
IocComplaintNote *
ioc_complaint_note_new (GDateTime  *datetime,
                        const char *description,
                        const char *type,
                        const char *author)
{
  IocComplaintNote *note = g_new0 (IocComplaintNote, 1);

  note->datetime = datetime != NULL ? g_date_time_ref (datetime) : NULL;
  note->description = g_strdup (description);
  note->type = g_strdup (type);
  note->author = g_strdup (author);
  return note;
}

IocComplaintNote *
ioc_complaint_note_copy (const IocComplaintNote *note)
{
  g_return_val_if_fail (note != NULL, NULL);
  return ioc_complaint_note_new (note->datetime, note->description, note->type, note->author);
}

void
ioc_complaint_note_free (IocComplaintNote *note)
{
  if (note == NULL)
    return;
  g_clear_pointer (&note->datetime, g_date_time_unref);
  g_free (note->description);
  g_free (note->type);
  g_free (note->author);
  g_free (note);
}

static gboolean
datetime_equal0 (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

/** ioc_complaint_note_equal: field by field; datetimes compare as instants. */
gboolean
ioc_complaint_note_equal (const IocComplaintNote *a,
                          const IocComplaintNote *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return datetime_equal0 (a->datetime, b->datetime)
         && g_strcmp0 (a->description, b->description) == 0
         && g_strcmp0 (a->type, b->type) == 0
         && g_strcmp0 (a->author, b->author) == 0;
}

/**
 * ioc_complaint_note_is_resolution:
 *
 * The note types are free-form on the wire; "resolved" (the project's
 * simulator, after domain.md §3's status code) and "closed" (what Open311
 * servers such as Chicago's write) both mark the resolution.
 */
gboolean
ioc_complaint_note_is_resolution (const IocComplaintNote *note)
{
  g_return_val_if_fail (note != NULL, FALSE);
  return note->type != NULL
         && (g_ascii_strcasecmp (note->type, "resolved") == 0
             || g_ascii_strcasecmp (note->type, "closed") == 0);
}
