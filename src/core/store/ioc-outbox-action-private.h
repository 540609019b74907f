/* ioc-outbox-action-private.h — IocOutboxAction internals shared with IocStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ioc-outbox-action.h"

G_BEGIN_DECLS

struct _IocOutboxAction
{
  gatomicrefcount  ref_count;
  gint64           id;
  char            *update_id;
  char            *service_request_id;
  char            *kind;
  GPtrArray       *field_names;   /* NULL-terminated, insertion order */
  GPtrArray       *field_values;  /* parallel to field_names */
  gint64           created_at;
  IocOutboxState   state;
  guint            attempts;
  gint64           next_attempt_at;
  gint64           not_before;     /* held until then (the undo window); 0: not held */
  char            *last_error;
  guint            http_status;
  char            *server_response;
};

IocOutboxAction *ioc_outbox_action_new_empty (void);

G_END_DECLS
