/* test-queue-search-index.c — the queue's search index (IocQueueSearchIndex)
 *
 * The index must give the same answer as asking each complaint
 * (ioc_fold_contains() over ioc_complaint_cache_haystack(), the rule of
 * ioc_complaint_filter_matches()): diacritic- and case-free matching, several
 * words as one phrase, texts updated and indexed again, removals, and an
 * empty query. No display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "ioc-complaint-cache.h"
#include "ioc-fold.h"
#include "ioc-queue-search-index.h"

typedef struct {
  const char *id;
  const char *description;
  const char *address;
  const char *notes;
} Row;

static const Row rows[] = {
  { "PA-24-000001", "Ổ gà lớn trên đường Trần Hưng Đạo", "Phường Long Xuyên", NULL },
  { "PA-24-000002", "Ngập nước sau mưa", "Số 12 đường Mạc Cửu, Phường Hà Tiên", NULL },
  { "PA-24-000003", "Đèn đường hỏng", "Xã Tiên Hải, TP Hà Tiên", "Đã chuyển Điện lực" },
  { "PA-24-000999", "KARAOKE quá giờ", "Phường Châu Đốc", NULL },
  { "PA-24-009990", "Rác thải ở bờ kè", "Xã Mỹ Hoà Hưng", "Hẹn thu gom ngày mai" },
  { "PA-24-010000", "Cây đổ chắn đường", NULL, NULL },
};

static GPtrArray *
make_complaints (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      IocComplaint *c = ioc_complaint_new (rows[i].id);

      ioc_complaint_set_description (c, rows[i].description);
      ioc_complaint_set_address (c, rows[i].address);
      ioc_complaint_set_status_notes (c, rows[i].notes);
      g_ptr_array_add (all, c);
    }
  return all;
}

static IocQueueSearchIndex *
index_all (GPtrArray *all)
{
  IocQueueSearchIndex *index = ioc_queue_search_index_new ();

  for (guint i = 0; i < all->len; i++)
    ioc_queue_search_index_add (index, g_ptr_array_index (all, i));
  return index;
}

/* The ids found for @query (as typed, folded here), sorted, joined by ",". */
static char *
found_ids (IocQueueSearchIndex *index,
           GPtrArray           *all,
           const char          *query)
{
  g_autofree char *needle = ioc_fold (query);
  g_autoptr(GHashTable) found = ioc_queue_search_index_find (index, needle);
  g_autoptr(GString) out = g_string_new (NULL);

  /* In the order of @all, which is the ids' order. */
  for (guint i = 0; i < all->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (all, i);

      if (g_hash_table_contains (found, c))
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", ioc_complaint_get_service_request_id (c));
    }
  /* Every complaint found is one of @all (ids are 12 characters). */
  g_assert_cmpuint (g_hash_table_size (found), ==, (out->len + 1) / 13);
  return g_strdup (out->str);
}

/* The index agrees with asking every complaint in @all, for @query. */
static void
assert_agrees (IocQueueSearchIndex *index,
               GPtrArray           *all,
               const char          *query)
{
  g_autofree char *needle = ioc_fold (query);
  g_autoptr(GHashTable) found = ioc_queue_search_index_find (index, needle);

  if (*needle == '\0')
    return;   /* no search: the view does not ask the index */
  for (guint i = 0; i < all->len; i++)
    {
      IocComplaint *c = g_ptr_array_index (all, i);
      gboolean want = ioc_fold_contains (ioc_complaint_cache_haystack (c), needle);

      if (want != g_hash_table_contains (found, c))
        g_error ("query “%s” on %s: index says %d, the complaint says %d", query,
                 ioc_complaint_get_service_request_id (c), !want, want);
    }
}

typedef struct {
  const char *query;
  const char *ids;
} Case;

static void
test_diacritics (void)
{
  static const Case cases[] = {
    /* Typed without accents, in any case. */
    { "ha tien", "PA-24-000002,PA-24-000003" },
    { "HA TIEN", "PA-24-000002,PA-24-000003" },
    /* Typed with them: the same answer. */
    { "Hà Tiên", "PA-24-000002,PA-24-000003" },
    { "HÀ TIÊN", "PA-24-000002,PA-24-000003" },
    /* đ folds to d. */
    { "duong", "PA-24-000001,PA-24-000002,PA-24-000003,PA-24-010000" },
    { "đường", "PA-24-000001,PA-24-000002,PA-24-000003,PA-24-010000" },
    { "chau doc", "PA-24-000999" },
    { "karaoke", "PA-24-000999" },
    /* Notes count too. */
    { "dien luc", "PA-24-000003" },
    { "thu gom", "PA-24-009990" },
    /* Nothing. */
    { "tan chau", "" },
  };
  g_autoptr(GPtrArray) all = make_complaints ();
  g_autoptr(IocQueueSearchIndex) index = index_all (all);

  g_assert_cmpuint (ioc_queue_search_index_get_n_complaints (index), ==, all->len);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = found_ids (index, all, cases[i].query);

      g_test_message ("query “%s”", cases[i].query);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      assert_agrees (index, all, cases[i].query);
    }
}

static void
test_words (void)
{
  static const Case cases[] = {
    /* Several words are one phrase, as in ioc_fold_contains(). */
    { "o ga lon", "PA-24-000001" },
    { "o  ga   lon", "PA-24-000001" },   /* spaces fold to one */
    { "lon ga o", "" },                  /* not in that order */
    { "tran hung dao", "PA-24-000001" },
    { "den duong hong", "PA-24-000003" },
    /* Codes: part of one, or one that is a prefix of another. */
    { "0999", "PA-24-000999,PA-24-009990" },
    { "PA-24-000999", "PA-24-000999" },
    { "24-0", "PA-24-000001,PA-24-000002,PA-24-000003,PA-24-000999,PA-24-009990,PA-24-010000" },
  };
  g_autoptr(GPtrArray) all = make_complaints ();
  g_autoptr(IocQueueSearchIndex) index = index_all (all);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = found_ids (index, all, cases[i].query);

      g_test_message ("query “%s”", cases[i].query);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      assert_agrees (index, all, cases[i].query);
    }
}

/* A phrase made of the end of one complaint's text and the start of the
 * next one's never matches: the entries are apart in the buffer. */
static void
test_entry_boundaries (void)
{
  g_autoptr(GPtrArray) all = make_complaints ();
  g_autoptr(IocQueueSearchIndex) index = index_all (all);
  const char *last = ioc_complaint_cache_haystack (g_ptr_array_index (all, 0));
  const char *next = ioc_complaint_cache_haystack (g_ptr_array_index (all, 1));
  g_autofree char *tail = g_strdup (last + strlen (last) - MIN (strlen (last), 6));
  g_autofree char *across = g_strconcat (tail, next, NULL);
  g_autoptr(GHashTable) found = NULL;

  across[strlen (tail) + 5] = '\0';   /* the tail and five bytes of the next */
  found = ioc_queue_search_index_find (index, across);
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  /* Whereas each part alone is found where it is. */
  g_clear_pointer (&found, g_hash_table_unref);
  found = ioc_queue_search_index_find (index, tail);
  g_assert_true (g_hash_table_contains (found, g_ptr_array_index (all, 0)));
}

static void
test_update (void)
{
  g_autoptr(GPtrArray) all = make_complaints ();
  g_autoptr(IocQueueSearchIndex) index = index_all (all);
  IocComplaint *first = g_ptr_array_index (all, 0);
  g_autofree char *ids = NULL;

  /* The feed rewrites a complaint; the owner indexes it again. */
  ioc_complaint_set_description (first, "Sạt lở bờ kè Vàm Cống");
  ioc_queue_search_index_add (index, first);
  g_assert_cmpuint (ioc_queue_search_index_get_n_complaints (index), ==, all->len);
  ids = found_ids (index, all, "o ga");
  g_assert_cmpstr (ids, ==, "");   /* the old text no longer counts */
  g_free (ids);
  ids = found_ids (index, all, "sat lo");
  g_assert_cmpstr (ids, ==, "PA-24-000001");
  g_free (ids);
  ids = found_ids (index, all, "bo ke");   /* the new text and another's */
  g_assert_cmpstr (ids, ==, "PA-24-000001,PA-24-009990");
  g_free (ids);
  /* The address did not change and is still found. */
  ids = found_ids (index, all, "long xuyen");
  g_assert_cmpstr (ids, ==, "PA-24-000001");
  assert_agrees (index, all, "o ga");
  assert_agrees (index, all, "bo ke");

  /* Notes added later are searched once indexed again. */
  ioc_complaint_set_status_notes (g_ptr_array_index (all, 3), "Công an phường đã nhắc nhở");
  ioc_queue_search_index_add (index, g_ptr_array_index (all, 3));
  g_free (ids);
  ids = found_ids (index, all, "cong an");
  g_assert_cmpstr (ids, ==, "PA-24-000999");

  /* Many rewrites leave stale texts behind: the index says when to rebuild. */
  g_assert_false (ioc_queue_search_index_is_wasteful (index));
  for (guint round = 0; round < 200; round++)
    {
      g_autofree char *text = g_strdup_printf ("Lần sửa thứ %u của nội dung phản ánh", round);

      ioc_complaint_set_description (first, text);
      ioc_queue_search_index_add (index, first);
    }
  g_assert_true (ioc_queue_search_index_is_wasteful (index));
  g_assert_cmpuint (ioc_queue_search_index_get_n_complaints (index), ==, all->len);
  g_free (ids);
  ids = found_ids (index, all, "lan sua thu 199 ");
  g_assert_cmpstr (ids, ==, "PA-24-000001");
  g_free (ids);
  ids = found_ids (index, all, "lan sua thu 198 ");
  g_assert_cmpstr (ids, ==, "");
  assert_agrees (index, all, "lan sua");

  /* Removed: no longer found, the others still are. */
  ioc_queue_search_index_remove (index, first);
  ioc_queue_search_index_remove (index, first);   /* twice is harmless */
  g_assert_cmpuint (ioc_queue_search_index_get_n_complaints (index), ==, all->len - 1);
  g_free (ids);
  ids = found_ids (index, all, "lan sua");
  g_assert_cmpstr (ids, ==, "");
  g_free (ids);
  ids = found_ids (index, all, "ha tien");
  g_assert_cmpstr (ids, ==, "PA-24-000002,PA-24-000003");

  /* Cleared, then filled again. */
  ioc_queue_search_index_clear (index);
  g_assert_cmpuint (ioc_queue_search_index_get_n_complaints (index), ==, 0);
  g_assert_false (ioc_queue_search_index_is_wasteful (index));
  g_free (ids);
  ids = found_ids (index, all, "ha tien");
  g_assert_cmpstr (ids, ==, "");
  ioc_queue_search_index_add (index, g_ptr_array_index (all, 2));
  g_free (ids);
  ids = found_ids (index, all, "ha tien");
  g_assert_cmpstr (ids, ==, "PA-24-000003");
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) all = make_complaints ();
  g_autoptr(IocQueueSearchIndex) empty = ioc_queue_search_index_new ();
  g_autoptr(IocQueueSearchIndex) index = index_all (all);
  g_autoptr(GHashTable) found = NULL;
  g_autofree char *blank = ioc_fold ("   ");

  /* An empty index finds nothing, whatever the query. */
  found = ioc_queue_search_index_find (empty, "ha tien");
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);
  g_assert_cmpuint (ioc_queue_search_index_get_n_complaints (empty), ==, 0);
  g_assert_false (ioc_queue_search_index_is_wasteful (empty));

  /* An empty query is "no search": the view shows everything without
   * asking the index, which answers it with an empty set, not every
   * complaint and not a crash. */
  found = ioc_queue_search_index_find (index, "");
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);
  /* Blanks fold to one space, which is a real query (a word break). */
  g_assert_cmpstr (blank, ==, " ");
  found = ioc_queue_search_index_find (index, blank);
  g_assert_cmpuint (g_hash_table_size (found), ==, all->len);
  assert_agrees (index, all, " ");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/queue/search-index/diacritics", test_diacritics);
  g_test_add_func ("/queue/search-index/words", test_words);
  g_test_add_func ("/queue/search-index/entry-boundaries", test_entry_boundaries);
  g_test_add_func ("/queue/search-index/update", test_update);
  g_test_add_func ("/queue/search-index/empty", test_empty);
  return g_test_run ();
}
