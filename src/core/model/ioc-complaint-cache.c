/* ioc-complaint-cache.c — per-complaint values the queue needs on every
 * keystroke and every sort
 *
 * With 100 000 complaints the queue must answer a search in under 100 ms
 * (issue "Complaint triage"): folding every description on each keystroke, or
 * counting working days on each comparison of a sort, would not. Both values
 * are computed once and kept on the complaint itself (object data), with a
 * fingerprint of what they were computed from, so that a complaint the feed
 * updated in place is recomputed the next time it is asked for.
 *
 * Main thread only (object data is not a lock).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ioc-complaint-cache.h"
#include "ioc-fold.h"

typedef struct {
  char    *text;      /* NULL once the complaint changed */
} Haystack;

typedef struct {
  guint64      fingerprint;
  IocCalendar *calendar;    /* not a reference: part of the fingerprint only */
  IocDeadline *deadline;    /* nullable: no receipt time */
} CachedDeadline;

static GQuark
haystack_quark (void)
{
  static GQuark q;

  if G_UNLIKELY (q == 0)
    q = g_quark_from_static_string ("ioc-complaint-cache-haystack");
  return q;
}

static GQuark
deadline_quark (void)
{
  static GQuark q;

  if G_UNLIKELY (q == 0)
    q = g_quark_from_static_string ("ioc-complaint-cache-deadline");
  return q;
}

static void
haystack_free (gpointer data)
{
  Haystack *h = data;

  g_free (h->text);
  g_free (h);
}

static void
cached_deadline_free (gpointer data)
{
  CachedDeadline *c = data;

  g_clear_pointer (&c->deadline, ioc_deadline_free);
  g_free (c);
}

static guint64
mix (guint64 h,
     guint64 v)
{
  /* FNV-style mixing: enough to notice that a field changed. */
  return (h ^ v) * G_GUINT64_CONSTANT (1099511628211);
}

static guint64
mix_time (guint64    h,
          GDateTime *t)
{
  return mix (h, t != NULL ? (guint64) g_date_time_to_unix (t) * 1000000u
                             + (guint64) g_date_time_get_microsecond (t) : 1);
}

/* Any property change may change the text: forget it. A signal rather than
 * a fingerprint of the strings, because hashing every description on every
 * keystroke costs more than the search itself (bench/bench-queue.c). */
static void
haystack_invalidate (GObject    *complaint,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  Haystack *h = g_object_get_qdata (complaint, haystack_quark ());

  if (h != NULL)
    g_clear_pointer (&h->text, g_free);
}

static void
append_folded (GString    *out,
               const char *field)
{
  g_autofree char *folded = NULL;

  if (field == NULL)
    return;
  folded = ioc_fold (field);
  g_string_append (out, folded);
  g_string_append_c (out, '\n');
}

/**
 * ioc_complaint_cache_haystack:
 * @complaint: a complaint
 *
 * The text the queue's search looks in, folded with ioc_fold() (case and
 * Vietnamese diacritics ignored): code, description, address, status notes
 * and every note (issue "Complaint triage": "search that ignores diacritics
 * over code, description, address and notes").
 *
 * Returns: (transfer none): the folded text, valid until @complaint changes
 */
const char *
ioc_complaint_cache_haystack (IocComplaint *complaint)
{
  Haystack *h;
  GString *raw;
  GPtrArray *notes;

  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), "");

  h = g_object_get_qdata (G_OBJECT (complaint), haystack_quark ());
  if G_LIKELY (h != NULL && h->text != NULL)
    return h->text;

  /* Each field folded on its own and joined with a newline, which folding
   * never produces (it turns every whitespace into a space) and a folded
   * query therefore never contains: a term never matches across two fields
   * ("dao phuong" is not "…Trần Hưng Đạo" + "Phường …"). */
  raw = g_string_new (NULL);
  append_folded (raw, ioc_complaint_get_service_request_id (complaint));
  append_folded (raw, ioc_complaint_get_description (complaint));
  append_folded (raw, ioc_complaint_get_address (complaint));
  append_folded (raw, ioc_complaint_get_status_notes (complaint));
  notes = ioc_complaint_get_notes (complaint);
  for (guint i = 0; i < notes->len; i++)
    append_folded (raw, ((const IocComplaintNote *) g_ptr_array_index (notes, i))->description);

  if (h == NULL)
    {
      h = g_new0 (Haystack, 1);
      g_object_set_qdata_full (G_OBJECT (complaint), haystack_quark (), h, haystack_free);
      g_signal_connect (complaint, "notify", G_CALLBACK (haystack_invalidate), NULL);
    }
  h->text = g_string_free (raw, FALSE);
  return h->text;
}

/**
 * ioc_complaint_get_field:
 * @complaint: a complaint
 * @field: (out): its field
 *
 * The field (lĩnh vực, domain.md §3) named by the complaint's Open311
 * `service_code` (ASCII or UTF-8 code).
 *
 * Returns: %FALSE (and KHAC) when the code is not one of the known fields
 */
gboolean
ioc_complaint_get_field (IocComplaint *complaint,
                         IocField     *field)
{
  const char *code = ioc_complaint_get_service_code (complaint);
  guint n;
  const IocFieldInfo *all;

  if (code == NULL)
    {
      *field = IOC_FIELD_KHAC;
      return FALSE;
    }
  /* Fast path for the codes as feeds send them: this runs for every row of
   * every sort by deadline and every count, ioc_field_from_code() folds case. */
  all = ioc_field_all (&n);
  for (guint i = 0; i < n; i++)
    if (strcmp (code, all[i].wire_code) == 0 || strcmp (code, all[i].code) == 0)
      {
        *field = all[i].field;
        return TRUE;
      }
  if (ioc_field_from_code (code, field))
    return TRUE;
  *field = IOC_FIELD_KHAC;
  return FALSE;
}

/**
 * ioc_complaint_sla_tier:
 * @complaint: a complaint
 *
 * The deadline tier of domain.md §3 for @complaint: the field's default tier,
 * except that a complaint the operator marked khẩn cấp (emergency priority)
 * gets the emergency tier — an emergency cannot wait seven working days
 * (assumption, with the tier table of domain.md §3).
 *
 * Returns: the tier
 */
IocSlaTier
ioc_complaint_sla_tier (IocComplaint *complaint)
{
  IocField field;

  if (ioc_complaint_get_priority (complaint) == IOC_PRIORITY_KHAN_CAP)
    return IOC_SLA_TIER_KHAN_CAP;
  ioc_complaint_get_field (complaint, &field);
  return ioc_field_info (field)->sla_tier;
}

/**
 * ioc_complaint_cache_deadline:
 * @complaint: a complaint
 * @calendar: the working-day calendar
 *
 * The complaint's deadline (domain.md §3: the server's expected_datetime wins,
 * else the tier's working days on @calendar), computed once and kept until
 * the receipt time, expected time, field, priority or calendar change. A
 * server due time before receipt or more than %IOC_DEADLINE_SERVER_MAX_DAYS
 * days after it is set aside for the calendar's answer
 * (ioc_deadline_compute_days()); server_rejected says so.
 *
 * Returns: (transfer none) (nullable): the deadline, %NULL when the complaint
 *   has no receipt time
 */
const IocDeadline *
ioc_complaint_cache_deadline (IocComplaint *complaint,
                              IocCalendar  *calendar)
{
  CachedDeadline *c;
  guint64 fp = G_GUINT64_CONSTANT (14695981039346656037);
  GDateTime *received;

  g_return_val_if_fail (IOC_IS_COMPLAINT (complaint), NULL);
  g_return_val_if_fail (IOC_IS_CALENDAR (calendar), NULL);

  received = ioc_complaint_get_requested_datetime (complaint);
  fp = mix_time (fp, received);
  fp = mix_time (fp, ioc_complaint_get_expected_datetime (complaint));
  fp = mix (fp, ioc_complaint_sla_tier (complaint));

  c = g_object_get_qdata (G_OBJECT (complaint), deadline_quark ());
  if (c != NULL && c->fingerprint == fp && c->calendar == calendar)
    return c->deadline;

  c = g_new0 (CachedDeadline, 1);
  c->fingerprint = fp;
  c->calendar = calendar;
  if (received != NULL)
    c->deadline = ioc_deadline_compute (calendar, received, ioc_complaint_sla_tier (complaint),
                                        ioc_complaint_get_expected_datetime (complaint));
  g_object_set_qdata_full (G_OBJECT (complaint), deadline_quark (), c, cached_deadline_free);
  return c->deadline;
}
