/* test-feed-list-model.c — incremental merging with minimal items-changed
 * ("Live data pipeline": selection and scroll survive a refresh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "ioc-complaint-list-model.h"
#include "ioc-station-list-model.h"
#include "ioc-tthc-unit-list-model.h"

typedef struct {
  guint position;
  guint removed;
  guint added;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static void
count_notify (guint *counter)
{
  (*counter)++;
}

static IocComplaint *
make (const char *id,
      const char *description)
{
  IocComplaint *c = ioc_complaint_new (id);

  ioc_complaint_set_open (c, TRUE);
  ioc_complaint_set_description (c, description);
  return c;
}

static GPtrArray *
page (const char * const *ids,
      const char         *description)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (array, make (ids[i], description));
  return array;
}

static void
assert_changes (GArray       *changes,
                const Change *expected,
                guint         n)
{
  g_assert_cmpuint (changes->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      g_assert_cmpuint (c->position, ==, expected[i].position);
      g_assert_cmpuint (c->removed, ==, expected[i].removed);
      g_assert_cmpuint (c->added, ==, expected[i].added);
    }
  g_array_set_size (changes, 0);
}

static void
test_merge_minimal (void)
{
  g_autoptr(IocComplaintListModel) model = ioc_complaint_list_model_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  static const char *first[] = { "a", "b", "c", "d", "e", NULL };
  static const char *same[] = { "a", "b", "c", "d", "e", NULL };
  static const char *more[] = { "c", "f", "g", NULL };
  g_autoptr(GPtrArray) p1 = page (first, "x");
  g_autoptr(GPtrArray) p2 = page (same, "x");
  g_autoptr(GPtrArray) p3 = page (more, "changed");
  IocComplaint *c_before;
  guint notifies = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (record_change), changes);

  g_assert_cmpuint (ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p1), ==, 5);
  assert_changes (changes, (Change[]) { { 0, 0, 5 } }, 1);
  c_before = ioc_complaint_list_model_lookup (model, "c");
  g_signal_connect_swapped (c_before, "notify::description", G_CALLBACK (count_notify), &notifies);

  /* The same data again: no signal at all, no notification. */
  g_assert_cmpuint (ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p2), ==, 0);
  assert_changes (changes, NULL, 0);
  g_assert_cmpuint (notifies, ==, 0);

  /* An update in place plus two new ones: one signal, for the new ones. */
  g_assert_cmpuint (ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p3), ==, 3);
  assert_changes (changes, (Change[]) { { 5, 0, 2 } }, 1);
  /* Same object pointer, updated: selection and scroll survive. */
  g_assert_true (ioc_complaint_list_model_lookup (model, "c") == c_before);
  g_assert_cmpstr (ioc_complaint_get_description (c_before), ==, "changed");
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
}

static void
test_replace_all_runs (void)
{
  g_autoptr(IocComplaintListModel) model = ioc_complaint_list_model_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  static const char *all[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
  /* Remove 1–2 (a run), 5, and 8–9 (a run at the end); add "x". */
  static const char *kept[] = { "0", "3", "4", "6", "7", "x", NULL };
  g_autoptr(GPtrArray) p1 = page (all, "x");
  g_autoptr(GPtrArray) p2 = page (kept, "x");
  g_autoptr(IocComplaint) seven = NULL;
  guint position;

  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p1);
  seven = g_list_model_get_item (G_LIST_MODEL (model), 7);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change), changes);

  g_assert_cmpuint (ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (model), p2), ==, 6);
  /* Last run first, so each position is valid when its signal is emitted. */
  assert_changes (changes, (Change[]) { { 8, 2, 0 }, { 5, 1, 0 }, { 1, 2, 0 }, { 5, 0, 1 } }, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);
  g_assert_true (ioc_keyed_list_model_find (IOC_KEYED_LIST_MODEL (model), "7", &position));
  g_assert_cmpuint (position, ==, 4);
  g_assert_true (ioc_complaint_list_model_lookup (model, "7") == seven);
  g_assert_null (ioc_complaint_list_model_lookup (model, "5"));

  g_assert_true (ioc_keyed_list_model_remove (IOC_KEYED_LIST_MODEL (model), "0"));
  assert_changes (changes, (Change[]) { { 0, 1, 0 } }, 1);
  g_assert_false (ioc_keyed_list_model_remove (IOC_KEYED_LIST_MODEL (model), "0"));
  ioc_keyed_list_model_clear (IOC_KEYED_LIST_MODEL (model));
  assert_changes (changes, (Change[]) { { 0, 5, 0 } }, 1);
}

static void
test_duplicates_in_batch (void)
{
  g_autoptr(IocComplaintListModel) model = ioc_complaint_list_model_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (batch, make ("a", "old"));
  g_ptr_array_add (batch, make ("a", "new"));
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), batch);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpstr (ioc_complaint_get_description (ioc_complaint_list_model_lookup (model, "a")), ==, "new");
}

/* One "items-updated" per batch, after the batch's items-changed, naming
 * each item updated in place once: views place them again from that one
 * signal instead of watching every item. */
typedef struct {
  GListModel *model;
  GPtrArray  *keys;      /* char *: per emission, the keys joined by ',' in given order */
  GArray     *n_items;   /* guint: the model's size when it was emitted */
} Updates;

static void
record_updated (IocKeyedListModel *model,
                GPtrArray         *items,
                Updates           *u)
{
  GString *keys = g_string_new (NULL);
  guint n = g_list_model_get_n_items (u->model);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? "," : "",
                            ioc_complaint_get_service_request_id (items->pdata[i]));
  g_ptr_array_add (u->keys, g_string_free (keys, FALSE));
  g_array_append_val (u->n_items, n);
}

static void
assert_updates (Updates    *u,
                const char *keys,
                guint       n_items)
{
  if (keys == NULL)
    {
      g_assert_cmpuint (u->keys->len, ==, 0);
      return;
    }
  g_assert_cmpuint (u->keys->len, ==, 1);
  g_assert_cmpstr (u->keys->pdata[0], ==, keys);
  g_assert_cmpuint (g_array_index (u->n_items, guint, 0), ==, n_items);
  g_ptr_array_set_size (u->keys, 0);
  g_array_set_size (u->n_items, 0);
}

static void
test_items_updated (void)
{
  g_autoptr(IocComplaintListModel) model = ioc_complaint_list_model_new ();
  static const char *first[] = { "a", "b", "c", "d", NULL };
  static const char *same[] = { "a", "b", "c", "d", NULL };
  static const char *kept[] = { "a", "c", "e", NULL };
  g_autoptr(GPtrArray) p1 = page (first, "x");
  g_autoptr(GPtrArray) p2 = page (same, "x");
  g_autoptr(GPtrArray) p3 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) p4 = page (kept, "y");
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
  Updates u = { G_LIST_MODEL (model), g_ptr_array_new_with_free_func (g_free),
                g_array_new (FALSE, FALSE, sizeof (guint)) };
  IocComplaint *b, *a;

  g_signal_connect (model, "items-updated", G_CALLBACK (record_updated), &u);

  /* New items are items-changed, not updates. */
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p1);
  assert_updates (&u, NULL, 0);
  b = ioc_complaint_list_model_lookup (model, "b");

  /* Nothing differs: no signal. */
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p2);
  assert_updates (&u, NULL, 0);

  /* "b" changed twice in one batch, "c" unchanged, "e" new: one signal,
   * "b" once, emitted after "e" was appended. */
  g_ptr_array_add (p3, make ("b", "one"));
  g_ptr_array_add (p3, make ("c", "x"));
  g_ptr_array_add (p3, make ("e", "x"));
  g_ptr_array_add (p3, make ("b", "two"));
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), p3);
  assert_updates (&u, "b", 5);
  g_assert_true (ioc_complaint_list_model_lookup (model, "b") == b);
  g_assert_cmpstr (ioc_complaint_get_description (b), ==, "two");

  /* A full refresh: "b" and "d" leave, "a", "c" and "e" change; one signal
   * at the very end, once the removals are done. */
  ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (model), p4);
  assert_updates (&u, "a,c,e", 3);

  /* Changed in place outside a merge (an Open311 update applied to the
   * complaint itself): the model announces what is its own — not an item it
   * no longer holds, nor another object with the same key. */
  a = ioc_complaint_list_model_lookup (model, "a");
  ioc_complaint_set_description (a, "edited");
  g_ptr_array_add (told, make ("zz", "stranger"));
  g_ptr_array_add (told, g_object_ref (a));
  g_ptr_array_add (told, make ("c", "same key, other object"));
  g_ptr_array_add (told, g_object_ref (a));
  ioc_keyed_list_model_items_updated (IOC_KEYED_LIST_MODEL (model), told);
  assert_updates (&u, "a", 3);
  ioc_keyed_list_model_items_updated (IOC_KEYED_LIST_MODEL (model), nothing);
  assert_updates (&u, NULL, 0);

  g_signal_handlers_disconnect_by_data (model, &u);
  g_ptr_array_unref (u.keys);
  g_array_unref (u.n_items);
}

static void
test_many_scattered_removals (void)
{
  g_autoptr(IocComplaintListModel) model = ioc_complaint_list_model_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) even = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      g_ptr_array_add (all, make (id, "x"));
      if (i % 2 == 0)
        g_ptr_array_add (even, g_object_ref (all->pdata[i]));
    }
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), all);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change), changes);
  ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (model), even);
  /* 500 runs: one signal for the changed tail instead of 500. */
  assert_changes (changes, (Change[]) { { 1, 999, 499 } }, 1);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(IocComplaint) c = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *id = g_strdup_printf ("%u", i * 2);

      g_assert_cmpstr (ioc_complaint_get_service_request_id (c), ==, id);
    }
}

static void
test_hundred_thousand (void)
{
  g_autoptr(IocComplaintListModel) model = ioc_complaint_list_model_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  gint64 start;

  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *id = g_strdup_printf ("SR-%06u", i);

      g_ptr_array_add (first, make (id, "x"));
      g_ptr_array_add (second, make (id, i % 1000 == 0 ? "y" : "x"));
    }
  start = g_get_monotonic_time ();
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (model), first);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change), changes);
  g_assert_cmpuint (ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (model), second), ==, 100);
  g_test_message ("100 000 items merged twice in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  /* Linear: a quadratic merge would take minutes here. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100000);
}

static void
test_station_and_unit_models (void)
{
  g_autoptr(IocStationListModel) stations = ioc_station_list_model_new ();
  g_autoptr(IocTthcUnitListModel) units = ioc_tthc_unit_list_model_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) s1 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) s2 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) u1 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) u2 = g_ptr_array_new_with_free_func (g_object_unref);
  IocStation *kept;

  g_ptr_array_add (s1, ioc_station_new ("1"));
  g_ptr_array_add (s2, ioc_station_new ("1"));
  ioc_station_set_name (s2->pdata[0], "renamed");
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (stations), s1);
  kept = ioc_station_list_model_lookup (stations, "1");
  g_signal_connect (stations, "items-changed", G_CALLBACK (record_change), changes);
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (stations), s2);
  assert_changes (changes, NULL, 0);
  g_assert_true (ioc_station_list_model_lookup (stations, "1") == kept);
  g_assert_cmpstr (ioc_station_get_name (kept), ==, "renamed");

  /* Immutable units are replaced at their position. */
  g_ptr_array_add (u1, ioc_tthc_unit_new ("A", "Xã A", IOC_TTHC_UNIT_KIND_XA, "30001"));
  g_ptr_array_add (u1, ioc_tthc_unit_new ("B", "Xã B", IOC_TTHC_UNIT_KIND_XA, "30002"));
  g_ptr_array_add (u2, ioc_tthc_unit_new ("A", "Xã A", IOC_TTHC_UNIT_KIND_XA, "30001"));
  g_ptr_array_add (u2, ioc_tthc_unit_new ("B", "Phường B", IOC_TTHC_UNIT_KIND_PHUONG, "30002"));
  ioc_keyed_list_model_merge (IOC_KEYED_LIST_MODEL (units), u1);
  g_signal_connect (units, "items-changed", G_CALLBACK (record_change), changes);
  ioc_keyed_list_model_replace_all (IOC_KEYED_LIST_MODEL (units), u2);
  assert_changes (changes, (Change[]) { { 1, 1, 1 } }, 1);
  g_assert_cmpstr (ioc_tthc_unit_get_name (ioc_tthc_unit_list_model_lookup (units, "B")), ==, "Phường B");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feeds/list-model/merge-minimal", test_merge_minimal);
  g_test_add_func ("/feeds/list-model/replace-all-runs", test_replace_all_runs);
  g_test_add_func ("/feeds/list-model/duplicates-in-batch", test_duplicates_in_batch);
  g_test_add_func ("/feeds/list-model/items-updated", test_items_updated);
  g_test_add_func ("/feeds/list-model/many-scattered-removals", test_many_scattered_removals);
  g_test_add_func ("/feeds/list-model/hundred-thousand", test_hundred_thousand);
  g_test_add_func ("/feeds/list-model/stations-and-units", test_station_and_unit_models);

  return g_test_run ();
}
