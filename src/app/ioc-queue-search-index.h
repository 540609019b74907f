/* ioc-queue-search-index.h — the queue's search over one buffer of folded texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-complaint.h"

G_BEGIN_DECLS

typedef struct _IocQueueSearchIndex IocQueueSearchIndex;

IocQueueSearchIndex *ioc_queue_search_index_new    (void);
void                 ioc_queue_search_index_free   (IocQueueSearchIndex *self);
/* Indexes @complaint's current search text (again, when it changed). */
void                 ioc_queue_search_index_add    (IocQueueSearchIndex *self,
                                                    IocComplaint        *complaint);
void                 ioc_queue_search_index_remove (IocQueueSearchIndex *self,
                                                    IocComplaint        *complaint);
void                 ioc_queue_search_index_clear  (IocQueueSearchIndex *self);
guint                ioc_queue_search_index_get_n_complaints (IocQueueSearchIndex *self);
/* Whether stale texts take more room than live ones (time to rebuild). */
gboolean             ioc_queue_search_index_is_wasteful (IocQueueSearchIndex *self);
/* (transfer full): the set (IocComplaint, borrowed) of the indexed
 * complaints whose search text contains @folded_needle. */
GHashTable          *ioc_queue_search_index_find   (IocQueueSearchIndex *self,
                                                    const char          *folded_needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocQueueSearchIndex, ioc_queue_search_index_free)

G_END_DECLS
