/* ioc-aggregate.c — statistics over many complaints (domain.md §1, §3)
 *
 * Everything here is meant for up to ~100 000 complaints on a worker
 * thread: no function is quadratic in the number of complaints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ioc-aggregate.h"
#include "ioc-deadline.h"
#include "ioc-field.h"

/* Vietnam has used UTC+07:00 without daylight saving since 1975: a fixed
 * offset, so local boundaries can be computed by arithmetic. */
#define VN_OFFSET_S (7 * 3600)
#define EARTH_RADIUS_M 6371008.8

/**
 * ioc_rate_init:
 *
 * A rate from its counts (domain.md §1: always recomputed). Undefined, not
 * zero, when the denominator is 0.
 */
void
ioc_rate_init (IocRate *rate,
               guint64  numerator,
               guint64  denominator)
{
  g_return_if_fail (rate != NULL);

  rate->numerator = numerator;
  rate->denominator = denominator;
  rate->defined = denominator > 0;
  rate->value = denominator > 0 ? (double) numerator / (double) denominator : 0.0;
}

/**
 * ioc_aggregate_snapshot:
 *
 * Returns: (transfer full) (element-type IocComplaint): the items of @model
 */
GPtrArray *
ioc_aggregate_snapshot (GListModel *model)
{
  GPtrArray *array;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  n = g_list_model_get_n_items (model);
  array = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      GObject *item = g_list_model_get_item (model, i);

      if (IOC_IS_COMPLAINT (item))
        g_ptr_array_add (array, item);
      else
        g_clear_object (&item);
    }
  return array;
}

/**
 * ioc_aggregate_in_period:
 * @t: (nullable)
 * @from: (nullable): start, included
 * @to: (nullable): end, excluded
 *
 * Returns: %TRUE when @t lies in [@from, @to). A missing @t lies only in the
 *   unbounded period.
 */
gboolean
ioc_aggregate_in_period (GDateTime *t,
                         GDateTime *from,
                         GDateTime *to)
{
  if (t == NULL)
    return from == NULL && to == NULL;
  if (from != NULL && g_date_time_compare (t, from) < 0)
    return FALSE;
  if (to != NULL && g_date_time_compare (t, to) >= 0)
    return FALSE;
  return TRUE;
}

/**
 * ioc_aggregate_resolution_rate:
 *
 * domain.md §3: resolution rate = resolved / received in the period — the
 * complaints whose requested_datetime lies in the period, and of those the
 * ones now resolved (as the province's reports count: 582 / 618 = 94,17%).
 */
void
ioc_aggregate_resolution_rate (GPtrArray *complaints,
                               GDateTime *from,
                               GDateTime *to,
                               IocRate   *rate)
{
  guint64 received = 0, resolved = 0;

  g_return_if_fail (complaints != NULL);
  g_return_if_fail (rate != NULL);

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);

      if (!ioc_aggregate_in_period (ioc_complaint_get_requested_datetime (c), from, to))
        continue;
      received++;
      if (ioc_complaint_get_status (c) == IOC_COMPLAINT_STATUS_RESOLVED)
        resolved++;
    }

  ioc_rate_init (rate, resolved, received);
}

static GDateTime *
due_time (IocComplaint   *c,
          IocDueTimeFunc  due_func,
          gpointer        user_data)
{
  GDateTime *expected = ioc_complaint_get_expected_datetime (c);

  /* domain.md §3: the server's expected_datetime wins — unless it is
   * before receipt or years away (ioc_deadline_check_server_due()), as
   * for the deadline the queue shows: the rate counts the same deadlines. */
  if (expected != NULL &&
      (ioc_complaint_get_requested_datetime (c) == NULL ||
       ioc_deadline_check_server_due (ioc_complaint_get_requested_datetime (c), expected) == IOC_DEADLINE_REJECTION_NONE))
    return g_date_time_ref (expected);
  if (due_func != NULL)
    return due_func (c, user_data);
  return NULL;
}

/**
 * ioc_aggregate_on_time_rate:
 * @due_func: (nullable) (scope call): the due time of a complaint without
 *   expected_datetime (the calendar's deadline computation)
 *
 * domain.md §3 (QĐ 766 group 5): handled on or before the due time / handled.
 * Handled means resolved or rejected (a duplicate is handled with its
 * original, so it is not counted twice), at ioc_complaint_get_resolved_datetime(),
 * which must lie in the period. A handled complaint without any due time
 * cannot be judged and is left out of both counts.
 */
void
ioc_aggregate_on_time_rate (GPtrArray      *complaints,
                            GDateTime      *from,
                            GDateTime      *to,
                            IocDueTimeFunc  due_func,
                            gpointer        user_data,
                            IocRate        *rate)
{
  guint64 handled = 0, on_time = 0;

  g_return_if_fail (complaints != NULL);
  g_return_if_fail (rate != NULL);

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);
      IocComplaintStatus status = ioc_complaint_get_status (c);
      GDateTime *done;
      g_autoptr(GDateTime) due = NULL;

      if (status != IOC_COMPLAINT_STATUS_RESOLVED && status != IOC_COMPLAINT_STATUS_REJECTED)
        continue;
      done = ioc_complaint_get_resolved_datetime (c);
      if (done == NULL || !ioc_aggregate_in_period (done, from, to))
        continue;
      due = due_time (c, due_func, user_data);
      if (due == NULL)
        continue;
      handled++;
      if (g_date_time_compare (done, due) <= 0)
        on_time++;
    }

  ioc_rate_init (rate, on_time, handled);
}

/**
 * ioc_aggregate_count_overdue:
 * @due_func: (nullable) (scope call): as for ioc_aggregate_on_time_rate()
 *
 * domain.md §3: overdue (*quá hạn*) is derived — open and past the due time.
 */
guint
ioc_aggregate_count_overdue (GPtrArray      *complaints,
                             GDateTime      *now,
                             IocDueTimeFunc  due_func,
                             gpointer        user_data)
{
  guint n = 0;

  g_return_val_if_fail (complaints != NULL, 0);
  g_return_val_if_fail (now != NULL, 0);

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);
      g_autoptr(GDateTime) due = NULL;

      if (!ioc_complaint_is_open (c))
        continue;
      due = due_time (c, due_func, user_data);
      if (ioc_complaint_is_overdue (c, due, now))
        n++;
    }
  return n;
}

/* The canonical key of a service_code: the ASCII field code when it is one
 * of the default fields in either spelling, so that "ĐĐXD" and "DDXD" count
 * together; otherwise the code as sent. */
static const char *
field_key (IocComplaint *c)
{
  const char *code = ioc_complaint_get_service_code (c);
  IocField field;

  if (code == NULL)
    return "";
  if (ioc_field_from_code (code, &field))
    return ioc_field_to_string (field);
  return code;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/**
 * ioc_time_bucket_start:
 * @unix_seconds: a time
 *
 * The start of the hour, day or ISO week (Monday 00:00) holding
 * @unix_seconds, in Vietnam's local time (+07:00, no daylight saving).
 *
 * Returns: Unix seconds
 */
gint64
ioc_time_bucket_start (gint64        unix_seconds,
                       IocTimeBucket bucket)
{
  gint64 local = unix_seconds + VN_OFFSET_S;

  switch (bucket)
    {
    case IOC_TIME_BUCKET_HOUR:
      return floor_div (local, 3600) * 3600 - VN_OFFSET_S;
    case IOC_TIME_BUCKET_DAY:
      return floor_div (local, 86400) * 86400 - VN_OFFSET_S;
    case IOC_TIME_BUCKET_WEEK:
      {
        gint64 day = floor_div (local, 86400);
        /* 1970-01-01 was a Thursday: day + 3 is 0 mod 7 on Mondays. */
        gint64 monday = day - (((day + 3) % 7) + 7) % 7;

        return monday * 86400 - VN_OFFSET_S;
      }
    default:
      g_return_val_if_reached (unix_seconds);
    }
}

static gint64
bucket_width (IocTimeBucket bucket)
{
  switch (bucket)
    {
    case IOC_TIME_BUCKET_HOUR: return 3600;
    case IOC_TIME_BUCKET_DAY: return 86400;
    case IOC_TIME_BUCKET_WEEK: return 7 * 86400;
    default: g_return_val_if_reached (86400);
    }
}

/**
 * ioc_aggregate_count_by:
 * @key: what to count by
 * @from: (nullable): period start on requested_datetime
 * @to: (nullable): period end (excluded)
 *
 * Counts the complaints received in the period by field, commune, status,
 * agency or local day (+07:00, the day a report names).
 *
 * Returns: (transfer full) (element-type utf8 guint): key → count; a missing
 *   value counts under ""
 */
GHashTable *
ioc_aggregate_count_by (GPtrArray       *complaints,
                        IocAggregateKey  key,
                        GDateTime       *from,
                        GDateTime       *to)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GTimeZone) vn = g_time_zone_new_identifier ("+07:00");

  g_return_val_if_fail (complaints != NULL, NULL);
  g_return_val_if_fail (vn != NULL, NULL);

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);
      GDateTime *requested = ioc_complaint_get_requested_datetime (c);
      g_autofree char *owned = NULL;
      const char *k = NULL;
      gpointer old_key, old_value;

      if (!ioc_aggregate_in_period (requested, from, to))
        continue;

      switch (key)
        {
        case IOC_AGGREGATE_BY_FIELD:
          k = field_key (c);
          break;
        case IOC_AGGREGATE_BY_COMMUNE:
          k = ioc_complaint_get_commune_code (c);
          break;
        case IOC_AGGREGATE_BY_STATUS:
          k = ioc_complaint_status_to_string (ioc_complaint_get_status (c));
          break;
        case IOC_AGGREGATE_BY_AGENCY:
          k = ioc_complaint_get_agency_responsible (c);
          break;
        case IOC_AGGREGATE_BY_DAY:
          if (requested != NULL)
            {
              g_autoptr(GDateTime) local = g_date_time_to_timezone (requested, vn);

              owned = g_date_time_format (local, "%Y-%m-%d");
              k = owned;
            }
          break;
        default:
          g_return_val_if_reached (NULL);
        }

      if (k == NULL)
        k = "";

      if (g_hash_table_lookup_extended (counts, k, &old_key, &old_value))
        g_hash_table_insert (counts, g_strdup (k), GUINT_TO_POINTER (GPOINTER_TO_UINT (old_value) + 1));
      else
        g_hash_table_insert (counts, g_strdup (k), GUINT_TO_POINTER (1));
    }

  return g_steal_pointer (&counts);
}

/* A generous bound: ten years of hours. */
#define MAX_BUCKETS (10 * 366 * 24)

/**
 * ioc_aggregate_count_by_time:
 * @from: start of the series
 * @to: end of the series, excluded
 *
 * Complaints received per hour, day or ISO week in local time (+07:00), for
 * trend charts. The series starts at the bucket holding @from and has a row
 * for every bucket, zeros included; only complaints in [@from, @to) count.
 *
 * Returns: (transfer full) (element-type IocTimeCount): %NULL when the
 *   period is empty, reversed or longer than ten years of hours
 */
GArray *
ioc_aggregate_count_by_time (GPtrArray     *complaints,
                             IocTimeBucket  bucket,
                             GDateTime     *from,
                             GDateTime     *to)
{
  gint64 first, last, width, n_buckets;
  GArray *series;

  g_return_val_if_fail (complaints != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (g_date_time_compare (from, to) >= 0)
    return NULL;

  width = bucket_width (bucket);
  first = ioc_time_bucket_start (g_date_time_to_unix (from), bucket);
  /* The last second before @to (µs precision does not matter for buckets
   * of an hour or more, but @to itself is excluded). */
  last = ioc_time_bucket_start (g_date_time_to_unix (to) - (g_date_time_get_microsecond (to) == 0 ? 1 : 0), bucket);
  n_buckets = (last - first) / width + 1;
  if (n_buckets <= 0 || n_buckets > MAX_BUCKETS)
    return NULL;

  series = g_array_sized_new (FALSE, TRUE, sizeof (IocTimeCount), (guint) n_buckets);
  for (gint64 i = 0; i < n_buckets; i++)
    {
      IocTimeCount row = { first + i * width, 0 };

      g_array_append_val (series, row);
    }

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);
      GDateTime *requested = ioc_complaint_get_requested_datetime (c);
      gint64 idx;

      if (requested == NULL || !ioc_aggregate_in_period (requested, from, to))
        continue;
      idx = (ioc_time_bucket_start (g_date_time_to_unix (requested), bucket) - first) / width;
      if (idx >= 0 && idx < n_buckets)
        g_array_index (series, IocTimeCount, idx).count++;
    }

  return series;
}

/**
 * ioc_haversine_m:
 *
 * Great-circle distance on a sphere of the mean Earth radius: at 50 m the
 * difference from the ellipsoid is centimetres, well below GPS error.
 */
double
ioc_haversine_m (double lat1,
                 double lon1,
                 double lat2,
                 double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double s1 = sin (dp / 2.0), s2 = sin (dl / 2.0);
  double h = s1 * s1 + cos (p1) * cos (p2) * s2 * s2;

  return 2.0 * EARTH_RADIUS_M * asin (MIN (1.0, sqrt (h)));
}

/* ----- duplicate candidates ---------------------------------------------- */

typedef struct {
  guint   index;      /* into the caller's array */
  guint   field;      /* small integer per distinct field key */
  gint64  cy;         /* grid cell */
  gint64  cx;
  gint64  t;          /* requested_datetime, µs */
  double  lat;
  double  lon;
  gboolean open;
} DupEntry;

typedef struct {
  guint  field;
  gint64 cy;
  gint64 cx;
} CellKey;

typedef struct {
  guint start;
  guint len;
} CellRange;

static guint
cell_key_hash (gconstpointer p)
{
  const CellKey *k = p;
  guint64 h = k->field;

  h = h * 1000003u ^ (guint64) k->cy;
  h = h * 1000003u ^ (guint64) k->cx;
  return (guint) (h ^ (h >> 32));
}

static gboolean
cell_key_equal (gconstpointer a,
                gconstpointer b)
{
  const CellKey *x = a, *y = b;

  return x->field == y->field && x->cy == y->cy && x->cx == y->cx;
}

static int
dup_entry_compare (const void *a,
                   const void *b)
{
  const DupEntry *x = a, *y = b;

  if (x->field != y->field)
    return x->field < y->field ? -1 : 1;
  if (x->cy != y->cy)
    return x->cy < y->cy ? -1 : 1;
  if (x->cx != y->cx)
    return x->cx < y->cx ? -1 : 1;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  if (x->index != y->index)
    return x->index < y->index ? -1 : 1;
  return 0;
}

static int
pair_compare (const void *a,
              const void *b)
{
  const IocDuplicatePair *x = a, *y = b;

  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  if (x->b != y->b)
    return x->b < y->b ? -1 : 1;
  return 0;
}

/**
 * ioc_aggregate_duplicate_candidates:
 *
 * domain.md §3: a likely duplicate is a pair with the same field, within
 * 50 m (haversine), received within 7 days of each other (both limits
 * included), at least one of the two still open. Complaints without a field
 * (service_code), a location or a requested_datetime cannot be compared.
 *
 * Complaints are sorted into a grid of cells at least 50 m wide, per field,
 * and by time inside a cell; each complaint is compared only with later ones
 * of the 3 × 3 neighbouring cells within 7 days, so the cost is
 * O(n log n + pairs examined), not O(n²).
 *
 * Returns: (transfer full) (element-type IocDuplicatePair): sorted by (a, b)
 */
GArray *
ioc_aggregate_duplicate_candidates (GPtrArray *complaints)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (DupEntry));
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) cells = NULL;
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (IocDuplicatePair));
  double max_abs_lat = 0.0, cell_lat, cell_lon, cos_min;
  const double margin = 1.01;
  DupEntry *e;

  g_return_val_if_fail (complaints != NULL, pairs);

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);
      GDateTime *requested = ioc_complaint_get_requested_datetime (c);
      const char *code = ioc_complaint_get_service_code (c);
      DupEntry entry = { 0 };
      gpointer id;

      if (requested == NULL || code == NULL || code[0] == '\0' || !ioc_complaint_get_has_location (c))
        continue;

      code = field_key (c);
      if (!g_hash_table_lookup_extended (fields, code, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (fields));
          g_hash_table_insert (fields, (gpointer) code, id);
        }

      entry.index = i;
      entry.field = GPOINTER_TO_UINT (id);
      entry.t = g_date_time_to_unix (requested) * G_USEC_PER_SEC + g_date_time_get_microsecond (requested);
      entry.lat = ioc_complaint_get_lat (c);
      entry.lon = ioc_complaint_get_long (c);
      entry.open = ioc_complaint_is_open (c);
      max_abs_lat = MAX (max_abs_lat, fabs (entry.lat));
      g_array_append_val (entries, entry);
    }

  /* Cells must be at least 50 m on each side everywhere in the data: a
   * degree of longitude is shortest at the highest latitude present. */
  cell_lat = margin * IOC_DUPLICATE_MAX_DISTANCE_M / (EARTH_RADIUS_M * G_PI / 180.0);
  cos_min = MAX (cos (MIN (max_abs_lat, 89.9) * G_PI / 180.0), 1e-3);
  cell_lon = cell_lat / cos_min;

  for (guint i = 0; i < entries->len; i++)
    {
      e = &g_array_index (entries, DupEntry, i);
      e->cy = (gint64) floor (e->lat / cell_lat);
      e->cx = (gint64) floor (e->lon / cell_lon);
    }

  if (entries->len > 1)
    qsort (entries->data, entries->len, sizeof (DupEntry), dup_entry_compare);

  cells = g_hash_table_new_full (cell_key_hash, cell_key_equal, g_free, g_free);
  for (guint i = 0; i < entries->len;)
    {
      guint j = i + 1;
      CellKey *key = g_new (CellKey, 1);
      CellRange *range = g_new (CellRange, 1);

      e = &g_array_index (entries, DupEntry, i);
      while (j < entries->len)
        {
          DupEntry *f = &g_array_index (entries, DupEntry, j);

          if (f->field != e->field || f->cy != e->cy || f->cx != e->cx)
            break;
          j++;
        }
      key->field = e->field;
      key->cy = e->cy;
      key->cx = e->cx;
      range->start = i;
      range->len = j - i;
      g_hash_table_insert (cells, key, range);
      i = j;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      e = &g_array_index (entries, DupEntry, i);

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            CellKey key = { e->field, e->cy + dy, e->cx + dx };
            CellRange *range = g_hash_table_lookup (cells, &key);
            guint lo, hi;

            if (range == NULL)
              continue;

            /* First entry of the cell that comes after @e in (t, position)
             * order, so that each pair is examined once. */
            lo = range->start;
            hi = range->start + range->len;
            while (lo < hi)
              {
                guint mid = lo + (hi - lo) / 2;
                DupEntry *m = &g_array_index (entries, DupEntry, mid);

                if (m->t < e->t || (m->t == e->t && mid <= i))
                  lo = mid + 1;
                else
                  hi = mid;
              }

            for (guint j = lo; j < range->start + range->len; j++)
              {
                DupEntry *f = &g_array_index (entries, DupEntry, j);
                double d;

                if (f->t - e->t > IOC_DUPLICATE_MAX_INTERVAL)
                  break;
                if (!e->open && !f->open)
                  continue;
                d = ioc_haversine_m (e->lat, e->lon, f->lat, f->lon);
                if (d <= IOC_DUPLICATE_MAX_DISTANCE_M)
                  {
                    IocDuplicatePair p;

                    p.a = MIN (e->index, f->index);
                    p.b = MAX (e->index, f->index);
                    p.distance_m = d;
                    p.interval = f->t - e->t;
                    g_array_append_val (pairs, p);
                  }
              }
          }
    }

  if (pairs->len > 1)
    qsort (pairs->data, pairs->len, sizeof (IocDuplicatePair), pair_compare);

  return pairs;
}

static int
timespan_compare (const void *a,
                  const void *b)
{
  GTimeSpan x = *(const GTimeSpan *) a, y = *(const GTimeSpan *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

/**
 * ioc_aggregate_median_time_to_resolve:
 * @from: (nullable): period start, on the resolution time
 * @to: (nullable): period end (excluded)
 * @median: (out): the median, µs
 *
 * Median of requested_datetime → resolution over the complaints resolved
 * in the period; the resolution time is the resolving note's datetime, or
 * updated_datetime of a closed complaint (ioc_complaint_get_resolved_datetime()).
 * Only status resolved counts (rejections and duplicates are not resolutions);
 * negative spans (clock or data errors) are skipped. With an even count the
 * median is the mean of the two middle values.
 *
 * Returns: %FALSE when no complaint qualifies
 */
gboolean
ioc_aggregate_median_time_to_resolve (GPtrArray *complaints,
                                      GDateTime *from,
                                      GDateTime *to,
                                      GTimeSpan *median)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (GTimeSpan));
  guint n;

  g_return_val_if_fail (complaints != NULL, FALSE);
  g_return_val_if_fail (median != NULL, FALSE);

  for (guint i = 0; i < complaints->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (complaints, i);
      GDateTime *requested = ioc_complaint_get_requested_datetime (c);
      GDateTime *resolved;
      GTimeSpan span;

      if (requested == NULL || ioc_complaint_get_status (c) != IOC_COMPLAINT_STATUS_RESOLVED)
        continue;
      resolved = ioc_complaint_get_resolved_datetime (c);
      if (resolved == NULL || !ioc_aggregate_in_period (resolved, from, to))
        continue;
      span = g_date_time_difference (resolved, requested);
      if (span < 0)
        continue;
      g_array_append_val (spans, span);
    }

  n = spans->len;
  if (n == 0)
    return FALSE;

  qsort (spans->data, n, sizeof (GTimeSpan), timespan_compare);
  if (n % 2 == 1)
    *median = g_array_index (spans, GTimeSpan, n / 2);
  else
    {
      GTimeSpan lo = g_array_index (spans, GTimeSpan, n / 2 - 1);
      GTimeSpan hi = g_array_index (spans, GTimeSpan, n / 2);

      /* lo + (hi − lo) / 2 cannot overflow, unlike (lo + hi) / 2. */
      *median = lo + (hi - lo) / 2;
    }
  return TRUE;
}
