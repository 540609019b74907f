/* ioc-complaint-filter.c — the criteria of the complaints queue
 *
 * Issue "Complaint triage": filters for status, field, commune, agency,
 * priority, overdue, date range and "mine", and a search that ignores
 * diacritics over code, description, address and notes. Display-free so that
 * saved views, exports and the benchmark use the very same rule as the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ioc-commune.h"
#include "ioc-complaint-cache.h"
#include "ioc-complaint-filter.h"
#include "ioc-deadline.h"
#include "ioc-fold.h"

struct _IocComplaintFilter
{
  GObject      parent_instance;

  guint        status_mask;
  guint        field_mask;
  guint        priority_mask;
  GStrv        communes;     /* sorted, NULL when empty */
  GHashTable  *commune_set;  /* the same, for matching; NULL when empty */
  GStrv        agencies;
  GHashTable  *agency_set;
  gboolean     overdue_only;
  gboolean     mine;
  GDateTime   *from;
  GDateTime   *to;
  char        *search;
  char        *search_folded;

  /* Context, not criteria. */
  char        *operator_name;
  IocCalendar *calendar;
  GDateTime   *now;
};

G_DEFINE_FINAL_TYPE (IocComplaintFilter, ioc_complaint_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ioc_complaint_filter_finalize (GObject *object)
{
  IocComplaintFilter *self = IOC_COMPLAINT_FILTER (object);

  g_clear_pointer (&self->communes, g_strfreev);
  g_clear_pointer (&self->commune_set, g_hash_table_unref);
  g_clear_pointer (&self->agencies, g_strfreev);
  g_clear_pointer (&self->agency_set, g_hash_table_unref);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_free (self->search);
  g_free (self->search_folded);
  g_free (self->operator_name);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (ioc_complaint_filter_parent_class)->finalize (object);
}

static void
ioc_complaint_filter_class_init (IocComplaintFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ioc_complaint_filter_finalize;

  /**
   * IocComplaintFilter::changed:
   * @change: an #IocComplaintFilterChange
   *
   * The criteria or the context changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
ioc_complaint_filter_init (IocComplaintFilter *self)
{
  self->search_folded = g_strdup ("");
}

static void
emit_changed (IocComplaintFilter       *self,
              IocComplaintFilterChange  change)
{
  g_signal_emit (self, signals[CHANGED], 0, (int) change);
}

/**
 * ioc_complaint_filter_new:
 *
 * Returns: (transfer full): a filter that matches everything
 */
IocComplaintFilter *
ioc_complaint_filter_new (void)
{
  return g_object_new (IOC_TYPE_COMPLAINT_FILTER, NULL);
}

static gboolean
strv_equal0 (GStrv a,
             GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
time_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

/**
 * ioc_complaint_filter_equal:
 * @a: a filter
 * @b: another
 *
 * Returns: %TRUE when both hold the same criteria (the context is ignored)
 */
gboolean
ioc_complaint_filter_equal (IocComplaintFilter *a,
                            IocComplaintFilter *b)
{
  return a->status_mask == b->status_mask && a->field_mask == b->field_mask &&
         a->priority_mask == b->priority_mask &&
         strv_equal0 (a->communes, b->communes) &&
         strv_equal0 (a->agencies, b->agencies) &&
         a->overdue_only == b->overdue_only && a->mine == b->mine &&
         time_equal (a->from, b->from) && time_equal (a->to, b->to) &&
         g_strcmp0 (a->search != NULL ? a->search : "", b->search != NULL ? b->search : "") == 0;
}

static int
cmp_strp (gconstpointer a,
          gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A set as a sorted list without duplicates or empty strings (so that two
 * sets compare with g_strv_equal()), NULL when empty. */
static GStrv
normalize_set (const char * const *values)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (*values[i] != '\0')
      g_ptr_array_add (out, g_strdup (values[i]));
  if (out->len == 0)
    return NULL;
  g_ptr_array_sort (out, cmp_strp);
  for (guint i = out->len - 1; i > 0; i--)
    if (strcmp (out->pdata[i], out->pdata[i - 1]) == 0)
      g_ptr_array_remove_index (out, i);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_steal (out, NULL);
}

/* Replaces a set by @values (already normalized, or NULL) and its index. */
static void
store_set (GStrv              *slot,
           GHashTable        **index,
           const char * const *values)
{
  g_clear_pointer (slot, g_strfreev);
  g_clear_pointer (index, g_hash_table_unref);
  if (values == NULL)
    return;
  *slot = g_strdupv ((char **) values);
  *index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; (*slot)[i] != NULL; i++)
    g_hash_table_add (*index, (*slot)[i]);
}

static gboolean
set_contains_all (GStrv big,
                  GStrv small)
{
  for (guint i = 0; small[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) big, small[i]))
      return FALSE;
  return TRUE;
}

static void
assign_criteria (IocComplaintFilter *self,
                 IocComplaintFilter *other)
{
  self->status_mask = other->status_mask;
  self->field_mask = other->field_mask;
  self->priority_mask = other->priority_mask;
  store_set (&self->communes, &self->commune_set, (const char * const *) other->communes);
  store_set (&self->agencies, &self->agency_set, (const char * const *) other->agencies);
  self->overdue_only = other->overdue_only;
  self->mine = other->mine;
  g_clear_pointer (&self->from, g_date_time_unref);
  self->from = other->from != NULL ? g_date_time_ref (other->from) : NULL;
  g_clear_pointer (&self->to, g_date_time_unref);
  self->to = other->to != NULL ? g_date_time_ref (other->to) : NULL;
  g_free (self->search);
  self->search = g_strdup (other->search);
  g_free (self->search_folded);
  self->search_folded = g_strdup (other->search_folded);
}

/**
 * ioc_complaint_filter_assign:
 * @self: a filter
 * @other: the criteria to take (a saved view)
 *
 * Replaces the criteria of @self with those of @other, keeping the context
 * (operator, calendar, time). Emits ::changed once when anything differs.
 */
void
ioc_complaint_filter_assign (IocComplaintFilter *self,
                             IocComplaintFilter *other)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (other));

  if (ioc_complaint_filter_equal (self, other))
    return;
  assign_criteria (self, other);
  emit_changed (self, IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT);
}

/**
 * ioc_complaint_filter_copy:
 * @self: a filter
 *
 * Returns: (transfer full): a new filter with the same criteria and context
 */
IocComplaintFilter *
ioc_complaint_filter_copy (IocComplaintFilter *self)
{
  IocComplaintFilter *copy = ioc_complaint_filter_new ();

  assign_criteria (copy, self);
  copy->operator_name = g_strdup (self->operator_name);
  copy->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  copy->now = self->now != NULL ? g_date_time_ref (self->now) : NULL;
  return copy;
}

/**
 * ioc_complaint_filter_reset:
 * @self: a filter
 *
 * Clears every criterion: the filter matches every complaint again.
 */
void
ioc_complaint_filter_reset (IocComplaintFilter *self)
{
  g_autoptr(IocComplaintFilter) empty = ioc_complaint_filter_new ();

  ioc_complaint_filter_assign (self, empty);
}

/**
 * ioc_complaint_filter_is_empty:
 * @self: a filter
 *
 * Returns: %TRUE when no criterion is set
 */
gboolean
ioc_complaint_filter_is_empty (IocComplaintFilter *self)
{
  g_autoptr(IocComplaintFilter) empty = ioc_complaint_filter_new ();

  return ioc_complaint_filter_equal (self, empty);
}

/* A mask change is stricter when it only removes bits from a non-empty mask
 * (or sets one where there was none), looser when it only adds. */
static IocComplaintFilterChange
mask_change (guint old_mask,
             guint new_mask)
{
  if (old_mask == 0)
    return IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT;
  if (new_mask == 0)
    return IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT;
  if ((new_mask & old_mask) == new_mask)
    return IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT;
  if ((new_mask & old_mask) == old_mask)
    return IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT;
  return IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT;
}

#define DEFINE_MASK(name)                                                      \
  void                                                                         \
  ioc_complaint_filter_set_##name##_mask (IocComplaintFilter *self, guint mask) \
  {                                                                            \
    IocComplaintFilterChange change;                                           \
    g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));                         \
    if (self->name##_mask == mask)                                             \
      return;                                                                  \
    change = mask_change (self->name##_mask, mask);                            \
    self->name##_mask = mask;                                                  \
    emit_changed (self, change);                                               \
  }                                                                            \
  guint                                                                        \
  ioc_complaint_filter_get_##name##_mask (IocComplaintFilter *self)            \
  {                                                                            \
    g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), 0);                  \
    return self->name##_mask;                                                  \
  }

/* Masks of IOC_COMPLAINT_FILTER_BIT (IocComplaintStatus / IocField / IocPriority). */
DEFINE_MASK (status)
DEFINE_MASK (field)
DEFINE_MASK (priority)

/* Like mask_change(), for sets of strings. */
static IocComplaintFilterChange
set_change (GStrv old_set,
            GStrv new_set)
{
  if (old_set == NULL)
    return IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT;
  if (new_set == NULL)
    return IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT;
  if (set_contains_all (old_set, new_set))
    return IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT;
  if (set_contains_all (new_set, old_set))
    return IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT;
  return IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT;
}

static void
set_strings (IocComplaintFilter  *self,
             GStrv               *slot,
             GHashTable         **index,
             const char * const  *values)
{
  g_auto(GStrv) normal = normalize_set (values);
  IocComplaintFilterChange change;

  if (strv_equal0 (*slot, normal))
    return;
  change = set_change (*slot, normal);
  store_set (slot, index, (const char * const *) normal);
  emit_changed (self, change);
}

/**
 * ioc_complaint_filter_set_communes:
 * @self: a filter
 * @codes: (nullable) (array zero-terminated=1): 5-digit commune codes; %NULL
 *   or empty for any
 *
 * Issue "Complaint triage", filters: an operator may follow several communes
 * at once; a complaint in any of them is kept.
 */
void
ioc_complaint_filter_set_communes (IocComplaintFilter *self,
                                   const char * const *codes)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));
  set_strings (self, &self->communes, &self->commune_set, codes);
}

/** ioc_complaint_filter_get_communes: @self: a filter Returns: (nullable) (transfer none): the sorted commune codes */
const char * const *
ioc_complaint_filter_get_communes (IocComplaintFilter *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), NULL);
  return (const char * const *) self->communes;
}

/**
 * ioc_complaint_filter_set_agencies:
 * @self: a filter
 * @agencies: (nullable) (array zero-terminated=1): exact agency_responsible
 *   values (feeds.md §1); %NULL or empty for any
 */
void
ioc_complaint_filter_set_agencies (IocComplaintFilter *self,
                                   const char * const *agencies)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));
  set_strings (self, &self->agencies, &self->agency_set, agencies);
}

/** ioc_complaint_filter_get_agencies: @self: a filter Returns: (nullable) (transfer none): the sorted agencies */
const char * const *
ioc_complaint_filter_get_agencies (IocComplaintFilter *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), NULL);
  return (const char * const *) self->agencies;
}

static const char *
single (GStrv set)
{
  return set != NULL && set[0] != NULL && set[1] == NULL ? set[0] : NULL;
}

/** ioc_complaint_filter_set_commune_code: @self: a filter @code: (nullable): a 5-digit commune code, %NULL for any */
void
ioc_complaint_filter_set_commune_code (IocComplaintFilter *self,
                                      const char         *code)
{
  const char *codes[] = { code, NULL };

  ioc_complaint_filter_set_communes (self, codes);
}

/** ioc_complaint_filter_get_commune_code: @self: a filter Returns: (nullable): the commune when exactly one is set */
const char *
ioc_complaint_filter_get_commune_code (IocComplaintFilter *self)
{
  return single (self->communes);
}

/** ioc_complaint_filter_set_agency: @self: a filter @agency: (nullable): exact agency_responsible, %NULL for any */
void
ioc_complaint_filter_set_agency (IocComplaintFilter *self,
                                 const char         *agency)
{
  const char *agencies[] = { agency, NULL };

  ioc_complaint_filter_set_agencies (self, agencies);
}

/** ioc_complaint_filter_get_agency: @self: a filter Returns: (nullable): the agency when exactly one is set */
const char *
ioc_complaint_filter_get_agency (IocComplaintFilter *self)
{
  return single (self->agencies);
}

static void
set_flag (IocComplaintFilter *self,
          gboolean           *slot,
          gboolean            value)
{
  value = !!value;
  if (*slot == value)
    return;
  *slot = value;
  emit_changed (self, value ? IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT
                            : IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT);
}

/** ioc_complaint_filter_set_overdue_only: @self: a filter @overdue_only: keep only Quá hạn (domain.md §3) */
void
ioc_complaint_filter_set_overdue_only (IocComplaintFilter *self,
                                       gboolean            overdue_only)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));
  set_flag (self, &self->overdue_only, overdue_only);
}

/** ioc_complaint_filter_get_overdue_only: @self: a filter Returns: the flag */
gboolean
ioc_complaint_filter_get_overdue_only (IocComplaintFilter *self)
{
  return self->overdue_only;
}

/** ioc_complaint_filter_set_mine: @self: a filter @mine: keep only complaints claimed by the operator */
void
ioc_complaint_filter_set_mine (IocComplaintFilter *self,
                               gboolean            mine)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));
  set_flag (self, &self->mine, mine);
}

/** ioc_complaint_filter_get_mine: @self: a filter Returns: the flag */
gboolean
ioc_complaint_filter_get_mine (IocComplaintFilter *self)
{
  return self->mine;
}

/**
 * ioc_complaint_filter_set_received_range:
 * @self: a filter
 * @from: (nullable): first instant kept
 * @to: (nullable): first instant no longer kept
 *
 * Keeps complaints whose requested_datetime is in [@from, @to), the period
 * convention of domain.md §3 (ioc_aggregate_in_period()).
 */
void
ioc_complaint_filter_set_received_range (IocComplaintFilter *self,
                                         GDateTime          *from,
                                         GDateTime          *to)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));

  if (time_equal (self->from, from) && time_equal (self->to, to))
    return;
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  self->from = from != NULL ? g_date_time_ref (from) : NULL;
  self->to = to != NULL ? g_date_time_ref (to) : NULL;
  emit_changed (self, IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT);
}

/** ioc_complaint_filter_get_received_from: @self: a filter Returns: (nullable) (transfer none): the start */
GDateTime *
ioc_complaint_filter_get_received_from (IocComplaintFilter *self)
{
  return self->from;
}

/** ioc_complaint_filter_get_received_to: @self: a filter Returns: (nullable) (transfer none): the end */
GDateTime *
ioc_complaint_filter_get_received_to (IocComplaintFilter *self)
{
  return self->to;
}

/**
 * ioc_complaint_filter_set_search:
 * @self: a filter
 * @text: (nullable): what the operator typed
 *
 * The search ignores case and Vietnamese diacritics (ioc_fold()): "ha tien"
 * finds "Hà Tiên". Typing one more letter is reported as MORE_STRICT so that
 * only the rows still shown are searched again.
 */
void
ioc_complaint_filter_set_search (IocComplaintFilter *self,
                                 const char         *text)
{
  g_autofree char *folded = NULL;
  IocComplaintFilterChange change;

  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));

  folded = ioc_fold (text);
  g_free (self->search);
  self->search = *folded != '\0' ? g_strdup (text) : NULL;
  if (g_str_equal (folded, self->search_folded))
    return;
  if (strstr (folded, self->search_folded) != NULL)
    change = IOC_COMPLAINT_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search_folded, folded) != NULL)
    change = IOC_COMPLAINT_FILTER_CHANGE_LESS_STRICT;
  else
    change = IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT;
  g_free (self->search_folded);
  self->search_folded = g_steal_pointer (&folded);
  emit_changed (self, change);
}

/**
 * ioc_complaint_filter_get_search_folded:
 * @self: a filter
 *
 * Returns: (transfer none): the search as ioc_complaint_filter_matches()
 *   looks for it (ioc_fold()); "" when there is none
 */
const char *
ioc_complaint_filter_get_search_folded (IocComplaintFilter *self)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), "");
  return self->search_folded;
}

/** ioc_complaint_filter_get_search: @self: a filter Returns: (nullable): the search text */
const char *
ioc_complaint_filter_get_search (IocComplaintFilter *self)
{
  return self->search;
}

/**
 * ioc_complaint_filter_set_operator:
 * @self: a filter
 * @name: (nullable): the operator's name (GSettings `operator-name`)
 *
 * "Mine" means claimed_by equals this name (feeds.md §1 `claimed_by`).
 */
void
ioc_complaint_filter_set_operator (IocComplaintFilter *self,
                                   const char         *name)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));

  if (g_strcmp0 (self->operator_name, name) == 0)
    return;
  g_free (self->operator_name);
  self->operator_name = g_strdup (name);
  if (self->mine)
    emit_changed (self, IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT);
}

/** ioc_complaint_filter_get_operator: @self: a filter Returns: (nullable): the operator */
const char *
ioc_complaint_filter_get_operator (IocComplaintFilter *self)
{
  return self->operator_name;
}

/**
 * ioc_complaint_filter_set_calendar:
 * @self: a filter
 * @calendar: (nullable): the working-day calendar; without one only the
 *   server's expected_datetime makes a complaint overdue
 */
void
ioc_complaint_filter_set_calendar (IocComplaintFilter *self,
                                   IocCalendar        *calendar)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));

  if (g_set_object (&self->calendar, calendar) && self->overdue_only)
    emit_changed (self, IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT);
}

/** ioc_complaint_filter_get_calendar: @self: a filter Returns: (nullable) (transfer none): the calendar */
IocCalendar *
ioc_complaint_filter_get_calendar (IocComplaintFilter *self)
{
  return self->calendar;
}

/**
 * ioc_complaint_filter_set_now:
 * @self: a filter
 * @now: (nullable): the time "overdue" is judged at; %NULL for the clock
 */
void
ioc_complaint_filter_set_now (IocComplaintFilter *self,
                              GDateTime          *now)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));

  if (time_equal (self->now, now))
    return;
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  if (self->overdue_only)
    emit_changed (self, IOC_COMPLAINT_FILTER_CHANGE_DIFFERENT);
}

/**
 * ioc_complaint_filter_dup_now:
 * @self: a filter
 *
 * Returns: (transfer full): the time set with ioc_complaint_filter_set_now(),
 *   else the current time
 */
GDateTime *
ioc_complaint_filter_dup_now (IocComplaintFilter *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
}

static gboolean
complaint_is_overdue (IocComplaintFilter *self,
                      IocComplaint       *complaint)
{
  g_autoptr(GDateTime) clock = NULL;
  GDateTime *now = self->now;

  if (!ioc_complaint_is_open (complaint))
    return FALSE;
  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();
  if (self->calendar != NULL)
    {
      const IocDeadline *deadline = ioc_complaint_cache_deadline (complaint, self->calendar);

      return deadline != NULL && ioc_deadline_is_overdue (deadline, TRUE, now);
    }
  return ioc_complaint_is_overdue (complaint, ioc_complaint_get_expected_datetime (complaint), now);
}

/**
 * ioc_complaint_filter_matches:
 * @self: a filter
 * @complaint: a complaint
 *
 * Every set criterion must hold (AND); within a mask any bit may (OR).
 * Cheap tests first: the text search and the deadline come last and both
 * use ioc-complaint-cache.
 *
 * Returns: %TRUE when @complaint is kept
 */
gboolean
ioc_complaint_filter_matches (IocComplaintFilter *self,
                              IocComplaint       *complaint)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), FALSE);
  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), FALSE);

  if (!ioc_complaint_filter_matches_except_search (self, complaint))
    return FALSE;
  return *self->search_folded == '\0' ||
         ioc_fold_contains (ioc_complaint_cache_haystack (complaint), self->search_folded);
}

/**
 * ioc_complaint_filter_matches_except_search:
 * @self: a filter
 * @complaint: a complaint
 *
 * ioc_complaint_filter_matches() without the text search, for a caller that
 * answers the search for many complaints at once (the queue's search index)
 * and then asks for the other criteria only of those it found.
 *
 * Returns: %TRUE when every criterion but the search holds
 */
gboolean
ioc_complaint_filter_matches_except_search (IocComplaintFilter *self,
                                            IocComplaint       *complaint)
{
  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), FALSE);
  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), FALSE);

  if (self->status_mask != 0 &&
      !(self->status_mask & IOC_COMPLAINT_FILTER_BIT (ioc_complaint_get_status (complaint))))
    return FALSE;
  if (self->priority_mask != 0 &&
      !(self->priority_mask & IOC_COMPLAINT_FILTER_BIT (ioc_complaint_get_priority (complaint))))
    return FALSE;
  if (self->field_mask != 0)
    {
      IocField field;
      guint bit = ioc_complaint_get_field (complaint, &field) ? field : IOC_N_FIELDS;

      if (!(self->field_mask & IOC_COMPLAINT_FILTER_BIT (bit)))
        return FALSE;
    }
  if (self->commune_set != NULL)
    {
      const char *code = ioc_complaint_get_commune_code (complaint);

      if (code == NULL || !g_hash_table_contains (self->commune_set, code))
        return FALSE;
    }
  if (self->agency_set != NULL)
    {
      const char *agency = ioc_complaint_get_agency_responsible (complaint);

      if (agency == NULL || !g_hash_table_contains (self->agency_set, agency))
        return FALSE;
    }
  if (self->mine &&
      (self->operator_name == NULL ||
       g_strcmp0 (self->operator_name, ioc_complaint_get_claimed_by (complaint)) != 0))
    return FALSE;
  if (self->from != NULL || self->to != NULL)
    {
      GDateTime *received = ioc_complaint_get_requested_datetime (complaint);

      if (received == NULL)
        return FALSE;
      if (self->from != NULL && g_date_time_compare (received, self->from) < 0)
        return FALSE;
      if (self->to != NULL && g_date_time_compare (received, self->to) >= 0)
        return FALSE;
    }
  if (self->overdue_only && !complaint_is_overdue (self, complaint))
    return FALSE;
  return TRUE;
}

static void
save_mask (GKeyFile   *key_file,
           const char *group,
           const char *key,
           guint       mask,
           guint       n,
           const char *(*to_string) (guint))
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (mask == 0)
    {
      g_key_file_remove_key (key_file, group, key, NULL);
      return;
    }
  for (guint i = 0; i <= n; i++)
    if (mask & IOC_COMPLAINT_FILTER_BIT (i))
      g_ptr_array_add (names, (gpointer) to_string (i));
  g_key_file_set_string_list (key_file, group, key,
                              (const char * const *) names->pdata, names->len);
}

static const char *
status_name (guint v)
{
  return ioc_complaint_status_to_string (v);
}

static const char *
field_name (guint v)
{
  return v < IOC_N_FIELDS ? ioc_field_to_string (v) : "other";
}

static const char *
priority_name (guint v)
{
  return ioc_priority_to_string (v);
}

static void
save_time (GKeyFile   *key_file,
           const char *group,
           const char *key,
           GDateTime  *t)
{
  if (t != NULL)
    {
      g_autofree char *iso = g_date_time_format_iso8601 (t);

      g_key_file_set_string (key_file, group, key, iso);
    }
  else
    g_key_file_remove_key (key_file, group, key, NULL);
}

static void
save_string (GKeyFile   *key_file,
             const char *group,
             const char *key,
             const char *value)
{
  if (value != NULL)
    g_key_file_set_string (key_file, group, key, value);
  else
    g_key_file_remove_key (key_file, group, key, NULL);
}

/* Version 2 keeps a set in a list key (@key); version 1 had one value under
 * @legacy_key. The legacy key is still written when the set holds exactly one
 * value, so that a file stays readable by an older dashboard. */
static void
save_set (GKeyFile   *key_file,
          const char *group,
          const char *key,
          const char *legacy_key,
          GStrv       set)
{
  if (set == NULL)
    g_key_file_remove_key (key_file, group, key, NULL);
  else
    g_key_file_set_string_list (key_file, group, key, (const char * const *) set, g_strv_length (set));
  save_string (key_file, group, legacy_key, single (set));
}

/**
 * ioc_complaint_filter_save:
 * @self: a filter
 * @key_file: where to write
 * @group: the group (one saved view)
 *
 * Writes the criteria (never the context) with stable wire names: status and
 * priority codes of feeds.md §1, ASCII field codes, ISO 8601 times. Format
 * version 2: communes and agencies are lists ("Communes", "Agencies").
 */
void
ioc_complaint_filter_save (IocComplaintFilter *self,
                           GKeyFile           *key_file,
                           const char         *group)
{
  g_return_if_fail (IOC_IS_COMPLAINT_FILTER (self));

  g_key_file_set_string (key_file, group, "Version", "2");
  save_mask (key_file, group, "Status", self->status_mask, IOC_N_COMPLAINT_STATUSES - 1, status_name);
  save_mask (key_file, group, "Field", self->field_mask, IOC_N_FIELDS, field_name);
  save_mask (key_file, group, "Priority", self->priority_mask, IOC_N_PRIORITIES - 1, priority_name);
  save_set (key_file, group, "Communes", "Commune", self->communes);
  save_set (key_file, group, "Agencies", "Agency", self->agencies);
  g_key_file_set_boolean (key_file, group, "OverdueOnly", self->overdue_only);
  g_key_file_set_boolean (key_file, group, "Mine", self->mine);
  save_time (key_file, group, "From", self->from);
  save_time (key_file, group, "To", self->to);
  save_string (key_file, group, "Search", self->search);
}

static gboolean
load_mask (GKeyFile    *key_file,
           const char  *group,
           const char  *key,
           gboolean   (*from_string) (const char *, guint *),
           guint       *mask,
           GError     **error)
{
  g_auto(GStrv) names = NULL;

  *mask = 0;
  if (!g_key_file_has_key (key_file, group, key, NULL))
    return TRUE;
  names = g_key_file_get_string_list (key_file, group, key, NULL, error);
  if (names == NULL)
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint v;

      if (!from_string (names[i], &v))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       _("Unknown value “%s” for %s in view “%s”"), names[i], key, group);
          return FALSE;
        }
      *mask |= IOC_COMPLAINT_FILTER_BIT (v);
    }
  return TRUE;
}

static gboolean
status_from_name (const char *s,
                  guint      *v)
{
  IocComplaintStatus status;

  if (!ioc_complaint_status_from_string (s, &status))
    return FALSE;
  *v = status;
  return TRUE;
}

static gboolean
field_from_name (const char *s,
                 guint      *v)
{
  IocField field;

  if (g_str_equal (s, "other"))
    {
      *v = IOC_N_FIELDS;
      return TRUE;
    }
  if (!ioc_field_from_code (s, &field))
    return FALSE;
  *v = field;
  return TRUE;
}

static gboolean
priority_from_name (const char *s,
                    guint      *v)
{
  IocPriority priority;

  if (!ioc_priority_from_string (s, &priority))
    return FALSE;
  *v = priority;
  return TRUE;
}

static gboolean
load_time (GKeyFile    *key_file,
           const char  *group,
           const char  *key,
           GDateTime  **out,
           GError     **error)
{
  g_autofree char *iso = g_key_file_get_string (key_file, group, key, NULL);

  *out = NULL;
  if (iso == NULL)
    return TRUE;
  *out = g_date_time_new_from_iso8601 (iso, NULL);
  if (*out == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("Invalid date “%s” in view “%s”"), iso, group);
      return FALSE;
    }
  return TRUE;
}

/* A set from version 2's list key, else from version 1's single value. */
static gboolean
load_set (GKeyFile    *key_file,
          const char  *group,
          const char  *key,
          const char  *legacy_key,
          GStrv       *slot,
          GHashTable **index,
          GError     **error)
{
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) normal = NULL;

  if (g_key_file_has_key (key_file, group, key, NULL))
    {
      values = g_key_file_get_string_list (key_file, group, key, NULL, error);
      if (values == NULL)
        return FALSE;
    }
  else
    {
      g_autofree char *value = g_key_file_get_string (key_file, group, legacy_key, NULL);

      if (value != NULL)
        {
          values = g_new0 (char *, 2);
          values[0] = g_steal_pointer (&value);
        }
    }
  normal = normalize_set ((const char * const *) values);
  store_set (slot, index, (const char * const *) normal);
  return TRUE;
}

/**
 * ioc_complaint_filter_load:
 * @self: a filter
 * @key_file: what ioc_complaint_filter_save() wrote
 * @group: the view's group
 * @error: return location for an error
 *
 * Reads a saved view, in format version 2 or in version 1 (one commune, one
 * agency). Nothing changes in @self when the group is invalid: a
 * damaged view must not leave half a filter applied.
 *
 * Returns: %TRUE on success
 */
gboolean
ioc_complaint_filter_load (IocComplaintFilter  *self,
                           GKeyFile            *key_file,
                           const char          *group,
                           GError             **error)
{
  g_autoptr(IocComplaintFilter) loaded = ioc_complaint_filter_new ();
  g_autofree char *search = NULL;

  g_return_val_if_fail (IOC_IS_COMPLAINT_FILTER (self), FALSE);

  if (!g_key_file_has_group (key_file, group))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   _("No saved view “%s”"), group);
      return FALSE;
    }
  if (!load_mask (key_file, group, "Status", status_from_name, &loaded->status_mask, error) ||
      !load_mask (key_file, group, "Field", field_from_name, &loaded->field_mask, error) ||
      !load_mask (key_file, group, "Priority", priority_from_name, &loaded->priority_mask, error) ||
      !load_time (key_file, group, "From", &loaded->from, error) ||
      !load_time (key_file, group, "To", &loaded->to, error))
    return FALSE;
  if (!load_set (key_file, group, "Communes", "Commune", &loaded->communes, &loaded->commune_set, error) ||
      !load_set (key_file, group, "Agencies", "Agency", &loaded->agencies, &loaded->agency_set, error))
    return FALSE;
  loaded->overdue_only = g_key_file_get_boolean (key_file, group, "OverdueOnly", NULL);
  loaded->mine = g_key_file_get_boolean (key_file, group, "Mine", NULL);
  search = g_key_file_get_string (key_file, group, "Search", NULL);
  ioc_complaint_filter_set_search (loaded, search);

  ioc_complaint_filter_assign (self, loaded);
  return TRUE;
}

static void
describe_mask (GString    *out,
               const char *title,
               guint       mask,
               guint       n,
               const char *(*label) (guint))
{
  gboolean first = TRUE;

  if (mask == 0)
    return;
  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append_printf (out, "%s: ", title);
  for (guint i = 0; i <= n; i++)
    if (mask & IOC_COMPLAINT_FILTER_BIT (i))
      {
        g_string_append_printf (out, "%s%s", first ? "" : ", ", label (i));
        first = FALSE;
      }
}

static const char *
status_label (guint v)
{
  return ioc_complaint_status_label (v);
}

static const char *
field_label (guint v)
{
  return v < IOC_N_FIELDS ? ioc_field_label (v) : _("Other code");
}

static const char *
priority_label (guint v)
{
  return ioc_priority_label (v);
}

/**
 * ioc_complaint_filter_describe:
 * @self: a filter
 *
 * A readable summary of the criteria in force, written at the top of an
 * export so that a file says which view it holds.
 *
 * Returns: (transfer full): the summary; "All complaints" when nothing is set
 */
char *
ioc_complaint_filter_describe (IocComplaintFilter *self)
{
  GString *out = g_string_new (NULL);

  describe_mask (out, _("Status"), self->status_mask, IOC_N_COMPLAINT_STATUSES - 1, status_label);
  describe_mask (out, _("Field"), self->field_mask, IOC_N_FIELDS, field_label);
  describe_mask (out, _("Priority"), self->priority_mask, IOC_N_PRIORITIES - 1, priority_label);
  if (self->communes != NULL)
    {
      g_string_append_printf (out, "%s%s: ", out->len > 0 ? "; " : "", _("Commune"));
      for (guint i = 0; self->communes[i] != NULL; i++)
        {
          const IocCommune *commune = ioc_commune_lookup (self->communes[i]);

          g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                                  commune != NULL ? commune->name : self->communes[i]);
        }
    }
  if (self->agencies != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", self->agencies);

      g_string_append_printf (out, "%s%s: %s", out->len > 0 ? "; " : "", _("Agency"), joined);
    }
  if (self->overdue_only)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", _("Overdue only"));
  if (self->mine)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", _("Mine"));
  if (self->from != NULL || self->to != NULL)
    {
      g_autofree char *from = self->from != NULL ? g_date_time_format (self->from, "%d/%m/%Y") : g_strdup ("…");
      g_autofree char *to = self->to != NULL ? g_date_time_format (self->to, "%d/%m/%Y") : g_strdup ("…");

      g_string_append_printf (out, "%s%s: %s – %s", out->len > 0 ? "; " : "", _("Received"), from, to);
    }
  if (self->search != NULL)
    g_string_append_printf (out, "%s%s: “%s”", out->len > 0 ? "; " : "", _("Search"), self->search);
  if (out->len == 0)
    g_string_append (out, _("All complaints"));
  return g_string_free (out, FALSE);
}
