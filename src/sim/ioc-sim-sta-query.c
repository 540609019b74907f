/* ioc-sim-sta-query.c — the SensorThings query options the simulator understands
 *
 * OGC SensorThings API 1.1 §9.3: $top, $skip, $count, $orderby, $filter and
 * $expand with nested options separated by ';'. The filter subset is what
 * feeds.md §2 uses and a little more: comparisons (eq ne gt ge lt le) of a
 * property path with a literal, joined by "and". Anything else is answered
 * 400 as FROST would, so a client cannot come to rely on a lenient server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-sim-calendar.h"
#include "ioc-sim-dataset.h"
#include "ioc-sim-sta-query.h"

static void
clause_free (gpointer data)
{
  IocSimStaClause *c = data;

  g_free (c->path);
  g_free (c->op);
  g_free (c->text);
  g_free (c);
}

static void
expand_free (gpointer data)
{
  IocSimStaExpand *e = data;

  g_free (e->name);
  ioc_sim_sta_query_free (e->query);
  g_free (e);
}

void
ioc_sim_sta_query_free (IocSimStaQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->orderby);
  g_ptr_array_unref (query->filters);
  g_ptr_array_unref (query->expand);
  g_free (query);
}

static IocSimStaQuery *
query_new (void)
{
  IocSimStaQuery *q = g_new0 (IocSimStaQuery, 1);

  q->top = -1;
  q->filters = g_ptr_array_new_with_free_func (clause_free);
  q->expand = g_ptr_array_new_with_free_func (expand_free);
  return q;
}

static gboolean
fail (GError **error, const char *prefix, const char *arg)
{
  g_set_error (error, IOC_SIM_ERROR, IOC_SIM_ERROR_INVALID, "%s%s", prefix, arg);
  return FALSE;
}

/* Splits @s at @sep where not inside parentheses or quotes. */
static GPtrArray *
split_top (const char *s, char sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  int depth = 0;
  gboolean quote = FALSE;
  const char *start = s;

  for (const char *p = s;; p++)
    {
      if (*p == '\0' || (*p == sep && depth == 0 && !quote))
        {
          g_ptr_array_add (parts, g_strstrip (g_strndup (start, p - start)));
          if (*p == '\0')
            break;
          start = p + 1;
        }
      else if (*p == '\'')
        quote = !quote;
      else if (!quote && *p == '(')
        depth++;
      else if (!quote && *p == ')')
        depth--;
    }
  return parts;
}

static gboolean parse_option (IocSimStaQuery *q, const char *key, const char *value, GError **error);

static gboolean
parse_expand (IocSimStaQuery *q, const char *value, GError **error)
{
  g_autoptr(GPtrArray) items = split_top (value, ',');

  for (guint i = 0; i < items->len; i++)
    {
      const char *item = items->pdata[i];
      const char *paren = strchr (item, '(');
      g_autofree char *name = paren != NULL ? g_strndup (item, paren - item) : g_strdup (item);
      g_autofree char *inner = NULL;
      IocSimStaExpand *e;
      char *slash;

      g_strstrip (name);
      if (*name == '\0')
        return fail (error, "Invalid $expand: ", value);
      if (paren != NULL)
        {
          if (!g_str_has_suffix (item, ")"))
            return fail (error, "Invalid $expand: ", value);
          inner = g_strndup (paren + 1, strlen (paren + 1) - 1);
        }
      /* "Datastreams/ObservedProperty" is "Datastreams($expand=ObservedProperty)". */
      slash = strchr (name, '/');
      if (slash != NULL)
        *slash = '\0';
      e = NULL;
      for (guint k = 0; k < q->expand->len; k++)
        if (g_str_equal (((IocSimStaExpand *) q->expand->pdata[k])->name, name))
          e = q->expand->pdata[k];
      if (e == NULL)
        {
          e = g_new0 (IocSimStaExpand, 1);
          e->name = g_strdup (name);
          e->query = query_new ();
          g_ptr_array_add (q->expand, e);
        }
      if (slash != NULL)
        {
          g_autofree char *rest = inner != NULL ? g_strdup_printf ("%s(%s)", slash + 1, inner)
                                                : g_strdup (slash + 1);

          if (!parse_expand (e->query, rest, error))
            return FALSE;
        }
      else if (inner != NULL)
        {
          g_autoptr(GPtrArray) opts = split_top (inner, ';');

          for (guint k = 0; k < opts->len; k++)
            {
              const char *opt = opts->pdata[k];
              const char *eq = strchr (opt, '=');
              g_autofree char *key = NULL;

              if (eq == NULL)
                return fail (error, "Invalid option in $expand: ", opt);
              key = g_strstrip (g_strndup (opt, eq - opt));
              if (!parse_option (e->query, key, eq + 1, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
parse_literal (const char *text, IocSimStaClause *c, GError **error)
{
  char *end = NULL;
  double n;

  if (text[0] == '\'')
    {
      GString *s = g_string_new (NULL);
      const char *p = text + 1;

      for (; *p; p++)
        {
          if (*p == '\'' && p[1] == '\'')
            {
              g_string_append_c (s, '\'');
              p++;
            }
          else if (*p == '\'')
            break;
          else
            g_string_append_c (s, *p);
        }
      if (*p != '\'' || p[1] != '\0')
        {
          g_string_free (s, TRUE);
          return fail (error, "Invalid string literal in $filter: ", text);
        }
      c->text = g_string_free (s, FALSE);
      c->literal.kind = IOC_SIM_STA_STRING;
      c->literal.s = c->text;
      /* A quoted date-time compares with a time too. */
      if (ioc_sim_calendar_parse (c->text, &c->literal.t))
        c->literal.n = 1;
      return TRUE;
    }
  if (strchr (text, 'T') != NULL && ioc_sim_calendar_parse (text, &c->literal.t))
    {
      c->literal.kind = IOC_SIM_STA_TIME;
      return TRUE;
    }
  n = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0')
    {
      c->literal.kind = IOC_SIM_STA_NUMBER;
      c->literal.n = n;
      return TRUE;
    }
  return fail (error, "Unsupported literal in $filter: ", text);
}

static gboolean
parse_filter (IocSimStaQuery *q, const char *value, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_auto(GStrv) clauses = NULL;
  static const char *const ops[] = { "eq", "ne", "gt", "ge", "lt", "le" };

  if (strstr (lower, " or ") != NULL || strstr (lower, "not ") != NULL)
    return fail (error, "The simulator supports only comparisons joined by 'and' in $filter: ", value);
  clauses = g_regex_split_simple ("\\s+and\\s+", value, G_REGEX_CASELESS, 0);
  for (guint i = 0; clauses[i] != NULL; i++)
    {
      g_autofree char *clause = g_strstrip (g_strdup (clauses[i]));
      g_auto(GStrv) parts = NULL;
      IocSimStaClause *c;
      gboolean known = FALSE;

      while (clause[0] == '(' && g_str_has_suffix (clause, ")"))
        {
          char *inner = g_strstrip (g_strndup (clause + 1, strlen (clause) - 2));

          g_free (clause);
          clause = inner;
        }
      parts = g_strsplit (clause, " ", 3);
      if (g_strv_length (parts) != 3)
        return fail (error, "Invalid $filter clause: ", clause);
      for (guint k = 0; k < G_N_ELEMENTS (ops); k++)
        if (g_ascii_strcasecmp (parts[1], ops[k]) == 0)
          known = TRUE;
      if (!known)
        return fail (error, "Unsupported operator in $filter: ", parts[1]);
      c = g_new0 (IocSimStaClause, 1);
      c->path = g_strdup (parts[0]);
      c->op = g_ascii_strdown (parts[1], -1);
      g_ptr_array_add (q->filters, c);
      if (!parse_literal (g_strstrip (parts[2]), c, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_int (const char *key, const char *value, gint64 *out, GError **error)
{
  char *end = NULL;
  gint64 v = g_ascii_strtoll (value, &end, 10);

  if (end == value || *end != '\0' || v < 0)
    return fail (error, "Invalid value for ", key);
  *out = v;
  return TRUE;
}

static gboolean
parse_option (IocSimStaQuery *q, const char *key, const char *value, GError **error)
{
  if (g_str_equal (key, "$top"))
    return parse_int (key, value, &q->top, error);
  if (g_str_equal (key, "$skip"))
    return parse_int (key, value, &q->skip, error);
  if (g_str_equal (key, "$count"))
    {
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return fail (error, "Invalid value for $count: ", value);
      q->count = g_str_equal (value, "true");
      return TRUE;
    }
  if (g_str_equal (key, "$orderby"))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      g_auto(GStrv) parts = g_strsplit (trimmed, " ", -1);
      g_auto(GStrv) first = NULL;
      guint n = g_strv_length (parts);

      g_free (q->orderby);
      q->orderby = NULL;
      if (strchr (value, ',') != NULL)
        {
          first = g_strsplit (value, ",", 2);
          return parse_option (q, key, first[0], error);
        }
      if (n == 0 || n > 2 || (n == 2 && !g_str_equal (parts[1], "asc") && !g_str_equal (parts[1], "desc")))
        return fail (error, "Invalid $orderby: ", value);
      q->orderby = g_strdup (parts[0]);
      q->desc = n == 2 && g_str_equal (parts[1], "desc");
      return TRUE;
    }
  if (g_str_equal (key, "$filter"))
    return parse_filter (q, value, error);
  if (g_str_equal (key, "$expand"))
    return parse_expand (q, value, error);
  /* $select only trims a response; serving every property is still correct. */
  if (g_str_equal (key, "$select"))
    return TRUE;
  if (g_str_equal (key, "$resultFormat"))
    return fail (error, "The simulator does not support ", key);
  if (key[0] == '$')
    return fail (error, "Unknown query option ", key);
  return TRUE;
}

/** ioc_sim_sta_query_parse: the options of one request (unknown $options are errors). */
IocSimStaQuery *
ioc_sim_sta_query_parse (GHashTable  *params,
                         GError     **error)
{
  g_autoptr(IocSimStaQuery) q = query_new ();
  g_autoptr(GList) keys = g_hash_table_get_keys (params);

  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    if (!parse_option (q, l->data, g_hash_table_lookup (params, l->data), error))
      return NULL;
  return g_steal_pointer (&q);
}

/** ioc_sim_sta_query_expanded: the nested options of an expanded navigation property. */
IocSimStaQuery *
ioc_sim_sta_query_expanded (IocSimStaQuery *query,
                            const char     *name)
{
  if (query == NULL)
    return NULL;
  for (guint i = 0; i < query->expand->len; i++)
    {
      IocSimStaExpand *e = query->expand->pdata[i];

      if (g_str_equal (e->name, name))
        return e->query;
    }
  return NULL;
}

static int
compare (const IocSimStaValue *v, const IocSimStaValue *lit, gboolean *ok)
{
  *ok = TRUE;
  if (v->kind == IOC_SIM_STA_TIME
      && (lit->kind == IOC_SIM_STA_TIME || (lit->kind == IOC_SIM_STA_STRING && lit->n == 1)))
    return v->t < lit->t ? -1 : v->t > lit->t;
  if (v->kind == IOC_SIM_STA_NUMBER && lit->kind == IOC_SIM_STA_NUMBER)
    return v->n < lit->n ? -1 : v->n > lit->n;
  if (v->kind == IOC_SIM_STA_STRING && lit->kind == IOC_SIM_STA_STRING)
    return strcmp (v->s, lit->s);
  *ok = FALSE;
  return 0;
}

/**
 * ioc_sim_sta_query_match:
 *
 * Returns: whether the entity passes every $filter clause; FALSE with
 * @error set when a clause names an unknown property.
 */
gboolean
ioc_sim_sta_query_match (IocSimStaQuery  *query,
                         IocSimStaGetter  getter,
                         gpointer         entity,
                         GError         **error)
{
  for (guint i = 0; query != NULL && i < query->filters->len; i++)
    {
      IocSimStaClause *c = query->filters->pdata[i];
      IocSimStaValue v = { 0 };
      gboolean ok;
      int cmp;

      if (!getter (entity, c->path, &v))
        return fail (error, "Unknown property in $filter: ", c->path);
      if (v.kind == IOC_SIM_STA_NONE)
        return FALSE;
      cmp = compare (&v, &c->literal, &ok);
      if (!ok)
        return fail (error, "Incompatible types in $filter for ", c->path);
      if ((g_str_equal (c->op, "eq") && cmp != 0) || (g_str_equal (c->op, "ne") && cmp == 0)
          || (g_str_equal (c->op, "gt") && cmp <= 0) || (g_str_equal (c->op, "ge") && cmp < 0)
          || (g_str_equal (c->op, "lt") && cmp >= 0) || (g_str_equal (c->op, "le") && cmp > 0))
        return FALSE;
    }
  return TRUE;
}

/**
 * ioc_sim_sta_query_time_bounds:
 *
 * Narrows [@lo, @hi] by the clauses on @path, so observation pages skip the
 * slots that cannot match instead of computing them.
 * Returns: FALSE when the bounds are empty.
 */
gboolean
ioc_sim_sta_query_time_bounds (IocSimStaQuery *query,
                               const char     *path,
                               gint64         *lo,
                               gint64         *hi)
{
  for (guint i = 0; i < query->filters->len; i++)
    {
      IocSimStaClause *c = query->filters->pdata[i];
      gint64 t = c->literal.t;

      if (!g_str_equal (c->path, path)
          || !(c->literal.kind == IOC_SIM_STA_TIME
               || (c->literal.kind == IOC_SIM_STA_STRING && c->literal.n == 1)))
        continue;
      if (g_str_equal (c->op, "gt"))
        *lo = MAX (*lo, t + 1);
      else if (g_str_equal (c->op, "ge"))
        *lo = MAX (*lo, t);
      else if (g_str_equal (c->op, "lt"))
        *hi = MIN (*hi, t - 1);
      else if (g_str_equal (c->op, "le"))
        *hi = MIN (*hi, t);
      else if (g_str_equal (c->op, "eq"))
        {
          *lo = MAX (*lo, t);
          *hi = MIN (*hi, t);
        }
    }
  return *lo <= *hi;
}
