/* ioc-queue-search-index.c — the queue's search over one buffer of folded texts
 *
 * Issue "Complaint triage": "filter or search result visible in under
 * 100 ms" with 100 000 complaints. Asking every complaint for its folded
 * text (ioc_complaint_cache_haystack(), a qdata lookup and a type check
 * each) and searching it took most of that budget (bench/bench-queue.c,
 * "search code"). Here the folded texts are copied once into one buffer,
 * separated by NUL bytes, and a search is one memmem() pass over it: a hit
 * is mapped to its complaint by a binary search over the entries' starts,
 * and the pass resumes at the next entry.
 *
 * A complaint whose text changed is indexed again at the end; its older
 * entry stays in the buffer but no longer counts (the complaint's current
 * entry is another). When such stale entries outweigh the live ones the
 * owner clears and rebuilds the index.
 *
 * The folding rule is ioc_fold()'s (case and Vietnamese diacritics
 * ignored); the text is ioc_complaint_cache_haystack()'s, so the index and
 * ioc_complaint_filter_matches() always agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem() */
#define _GNU_SOURCE 1
#include "config.h"

#include <string.h>

#include "ioc-complaint-cache.h"
#include "ioc-queue-search-index.h"

struct _IocQueueSearchIndex
{
  GByteArray *text;      /* entries, each followed by a NUL */
  GArray     *starts;    /* guint: offset of each entry in @text */
  GPtrArray  *owners;    /* IocComplaint (borrowed): the complaint of each entry */
  GHashTable *current;   /* IocComplaint → entry number + 1 */
  gsize       live_bytes;
};

/**
 * ioc_queue_search_index_new:
 *
 * Returns: (transfer full): an empty index
 */
IocQueueSearchIndex *
ioc_queue_search_index_new (void)
{
  IocQueueSearchIndex *self = g_new0 (IocQueueSearchIndex, 1);

  self->text = g_byte_array_new ();
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->owners = g_ptr_array_new ();
  self->current = g_hash_table_new (NULL, NULL);
  return self;
}

void
ioc_queue_search_index_free (IocQueueSearchIndex *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->text);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->owners);
  g_hash_table_unref (self->current);
  g_free (self);
}

static gsize
entry_length (IocQueueSearchIndex *self,
              guint                entry)
{
  guint start = g_array_index (self->starts, guint, entry);
  guint end = entry + 1 < self->starts->len ? g_array_index (self->starts, guint, entry + 1) : self->text->len;

  return end - start;
}

/**
 * ioc_queue_search_index_remove:
 *
 * @complaint no longer counts in searches (its text stays, unused). The
 * index holds no reference: the owner removes a complaint before dropping it.
 */
void
ioc_queue_search_index_remove (IocQueueSearchIndex *self,
                               IocComplaint        *complaint)
{
  gpointer entry;

  g_return_if_fail (self != NULL);

  if (g_hash_table_steal_extended (self->current, complaint, NULL, &entry))
    self->live_bytes -= entry_length (self, GPOINTER_TO_UINT (entry) - 1);
}

/**
 * ioc_queue_search_index_add:
 *
 * Indexes the search text of @complaint (issue "Complaint triage": code,
 * description, address and notes, folded); a complaint indexed before is
 * indexed again with its current text.
 */
void
ioc_queue_search_index_add (IocQueueSearchIndex *self,
                            IocComplaint        *complaint)
{
  const char *haystack;
  gsize len;
  guint start;

  g_return_if_fail (self != NULL);
  g_return_if_fail (IOC_IS_COMPLAINT (complaint));

  ioc_queue_search_index_remove (self, complaint);
  haystack = ioc_complaint_cache_haystack (complaint);
  len = strlen (haystack) + 1;
  g_return_if_fail (self->text->len + len < G_MAXUINT);
  start = self->text->len;
  g_byte_array_append (self->text, (const guint8 *) haystack, len);
  g_array_append_val (self->starts, start);
  g_ptr_array_add (self->owners, complaint);
  g_hash_table_insert (self->current, complaint, GUINT_TO_POINTER (self->owners->len));
  self->live_bytes += len;
}

void
ioc_queue_search_index_clear (IocQueueSearchIndex *self)
{
  g_return_if_fail (self != NULL);

  g_byte_array_set_size (self->text, 0);
  g_array_set_size (self->starts, 0);
  g_ptr_array_set_size (self->owners, 0);
  g_hash_table_remove_all (self->current);
  self->live_bytes = 0;
}

guint
ioc_queue_search_index_get_n_complaints (IocQueueSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->current);
}

gboolean
ioc_queue_search_index_is_wasteful (IocQueueSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->text->len > 4096 && self->text->len > 2 * self->live_bytes;
}

/* The entry holding byte @offset. */
static guint
entry_at (IocQueueSearchIndex *self,
          guint                offset)
{
  guint lo = 0, hi = self->starts->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->starts, guint, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/**
 * ioc_queue_search_index_find:
 * @folded_needle: the search, folded with ioc_fold(); not empty
 *
 * The same answer as ioc_fold_contains() on each indexed complaint's
 * ioc_complaint_cache_haystack(), in one pass over the buffer.
 *
 * Returns: (transfer full): the set of matching complaints (borrowed)
 */
GHashTable *
ioc_queue_search_index_find (IocQueueSearchIndex *self,
                             const char          *folded_needle)
{
  GHashTable *found = g_hash_table_new (NULL, NULL);
  const guint8 *text, *end, *p;
  gsize needle_len;

  g_return_val_if_fail (self != NULL, found);
  g_return_val_if_fail (folded_needle != NULL, found);

  needle_len = strlen (folded_needle);
  if (needle_len == 0 || self->text->len == 0)
    return found;
  text = self->text->data;
  end = text + self->text->len;
  p = text;
  while (p < end && (p = memmem (p, end - p, folded_needle, needle_len)) != NULL)
    {
      guint entry = entry_at (self, p - text);
      gpointer owner = g_ptr_array_index (self->owners, entry);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (self->current, owner)) == entry + 1)
        g_hash_table_add (found, owner);
      /* The needle holds no NUL, so no match spans two entries: go on
       * with the next one. */
      p = entry + 1 < self->starts->len ? text + g_array_index (self->starts, guint, entry + 1) : end;
    }
  return found;
}
