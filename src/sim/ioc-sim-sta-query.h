/* ioc-sim-sta-query.h — the SensorThings query options the simulator understands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  IOC_SIM_STA_NONE,
  IOC_SIM_STA_STRING,
  IOC_SIM_STA_NUMBER,
  IOC_SIM_STA_TIME,
} IocSimStaKind;

typedef struct {
  IocSimStaKind kind;
  const char   *s;
  double        n;
  gint64        t;
} IocSimStaValue;

typedef struct {
  char          *path;
  char          *op;     /* eq ne gt ge lt le */
  IocSimStaValue literal;
  char          *text;   /* storage of a string literal */
} IocSimStaClause;

typedef struct _IocSimStaQuery IocSimStaQuery;

struct _IocSimStaQuery {
  gint64     top;       /* -1 = not given */
  gint64     skip;
  gboolean   count;
  char      *orderby;   /* NULL = by id */
  gboolean   desc;
  GPtrArray *filters;   /* IocSimStaClause*, all must hold */
  GPtrArray *expand;    /* IocSimStaExpand* */
};

typedef struct {
  char           *name;
  IocSimStaQuery *query;
} IocSimStaExpand;

/* Gets a field of the current entity; returns FALSE for an unknown field. */
typedef gboolean (*IocSimStaGetter) (gpointer        entity,
                                     const char     *path,
                                     IocSimStaValue *value);

IocSimStaQuery  *ioc_sim_sta_query_parse    (GHashTable      *params,
                                             GError         **error);
void             ioc_sim_sta_query_free     (IocSimStaQuery  *query);
IocSimStaQuery  *ioc_sim_sta_query_expanded (IocSimStaQuery  *query,
                                             const char      *name);
gboolean         ioc_sim_sta_query_match    (IocSimStaQuery  *query,
                                             IocSimStaGetter  getter,
                                             gpointer         entity,
                                             GError         **error);
gboolean         ioc_sim_sta_query_time_bounds (IocSimStaQuery *query,
                                                const char     *path,
                                                gint64         *lo,
                                                gint64         *hi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IocSimStaQuery, ioc_sim_sta_query_free)

G_END_DECLS
