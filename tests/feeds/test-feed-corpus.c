/* test-feed-corpus.c — every response of ../shared/peer-corpus is a test case
 *
 * The cases are generated from the directory listing at run time, and each
 * file must have an expectation in the table below ("parses with N records,
 * M skipped" or "rejected: invalid / server error"), so a file added to the
 * corpus without one fails instead of being silently ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "ioc-feed-error.h"
#include "ioc-open311-parser.h"
#include "ioc-sta-parser.h"

typedef enum {
  O311_REQUESTS,
  O311_SERVICES,
  O311_DEFINITION,
  O311_UPDATES,
  O311_POST,
  STA_THINGS,
  STA_DATASTREAMS,
  STA_OBSERVATIONS,
  STA_LOCATIONS,
  STA_OTHER,
} Parser;

typedef enum {
  PARSES,
  REJECTED_INVALID,   /* SOURCES.md: "Invalid JSON as published" and the like */
  REJECTED_SERVER,    /* an error body: the server's reason becomes the error */
} Outcome;

typedef struct {
  const char *file;
  Parser      parser;
  Outcome     outcome;
  guint       kept;
  guint       skipped;
} Expectation;

static const Expectation expectations[] = {
  /* open311/ */
  { "open311/aurora-servicerequestupdates-extended-statuses.xml", O311_UPDATES, PARSES, 5, 0 },
  { "open311/boston-error-400-duplicate.xml", O311_REQUESTS, REJECTED_SERVER, 0, 0 },
  { "open311/boston-post-request-token.xml", O311_POST, PARSES, 1, 0 },
  { "open311/boston-services-definitions.json", O311_SERVICES, PARSES, 118, 0 },
  { "open311/chicago-requests-extensions-notes.json", O311_REQUESTS, PARSES, 50, 0 },
  { "open311/chicago-requests-open311status.json", O311_REQUESTS, PARSES, 2, 0 },
  { "open311/dc-service-definition-S0301.xml", O311_DEFINITION, PARSES, 6, 0 },
  { "open311/dc-services.xml", O311_SERVICES, PARSES, 86, 0 },
  { "open311/error-404-request-not-found.xml", O311_REQUESTS, REJECTED_SERVER, 0, 0 },
  { "open311/fixmystreet-requests-doc-example-fragment.xml", O311_REQUESTS, PARSES, 1, 0 },
  { "open311/giessen-services.xml", O311_SERVICES, PARSES, 8, 0 },
  { "open311/merton-service-definition-automated.xml", O311_DEFINITION, PARSES, 6, 0 },
  { "open311/mysociety-servicerequestupdates-empty.xml", O311_UPDATES, PARSES, 0, 0 },
  { "open311/mysociety-servicerequestupdates.xml", O311_UPDATES, PARSES, 2, 0 },
  { "open311/requests-empty.xml", O311_REQUESTS, PARSES, 0, 0 },
  { "open311/sanfrancisco-services-soap-ns.xml", O311_SERVICES, PARSES, 36, 0 },
  { "open311/spec-error-403.json", O311_POST, REJECTED_SERVER, 0, 0 },
  { "open311/spec-post-request-response.json", O311_POST, PARSES, 1, 0 },
  /* Leading-zero codes are invalid JSON, but the specification's own
   * examples: tolerated, kept as the strings "006" (feeds.md §1). */
  { "open311/spec-requests.json", O311_REQUESTS, PARSES, 2, 0 },
  { "open311/spec-service-definition.json", O311_DEFINITION, PARSES, 1, 0 },
  { "open311/spec-services.json", O311_SERVICES, PARSES, 3, 0 },
  { "open311/spec-token-response.json", O311_POST, PARSES, 1, 0 },
  { "open311/toronto-requests.xml", O311_REQUESTS, PARSES, 2, 0 },

  /* sensorthings/ */
  { "sensorthings/frost-client-observation-null-resulttime.json", STA_OBSERVATIONS, PARSES, 1, 0 },
  /* One inline Observation has no phenomenonTime: skipped, its Thing kept. */
  { "sensorthings/frost-client-things-expand-datastreams-nested-count-nextlink.json", STA_THINGS, PARSES, 2, 1 },
  { "sensorthings/frost-docs-observations-filter-count-nextlink-elided.json", STA_OBSERVATIONS, REJECTED_INVALID, 0, 0 },
  { "sensorthings/frost-docs-thing-datastreams-elided.json", STA_DATASTREAMS, REJECTED_INVALID, 0, 0 },
  { "sensorthings/frost-docs-thing-expand-datastreams-latest-observation.json", STA_THINGS, PARSES, 1, 0 },
  { "sensorthings/frost-error-400-invalid-path.json", STA_OTHER, REJECTED_SERVER, 0, 0 },
  { "sensorthings/frost-error-404-not-found.json", STA_THINGS, REJECTED_SERVER, 0, 0 },
  { "sensorthings/frost-vcr-datastream-mojibake-uom-symbol.json", STA_DATASTREAMS, PARSES, 1, 0 },
  { "sensorthings/frost-vcr-empty-collection.json", STA_THINGS, PARSES, 0, 0 },
  { "sensorthings/frost-vcr-location.json", STA_LOCATIONS, PARSES, 1, 0 },
  { "sensorthings/frost-vcr-observations-filter-single.json", STA_OBSERVATIONS, PARSES, 1, 0 },
  { "sensorthings/frost-vcr-observedproperties-filter.json", STA_OTHER, PARSES, 1, 0 },
  { "sensorthings/frost-vcr-sensor.json", STA_OTHER, PARSES, 1, 0 },
  { "sensorthings/frost-vcr-thing-properties.json", STA_THINGS, PARSES, 1, 0 },
  { "sensorthings/gost-location-string-ids.json", STA_LOCATIONS, PARSES, 1, 0 },
  { "sensorthings/gost-observation-string-id.json", STA_OBSERVATIONS, PARSES, 1, 0 },
  { "sensorthings/hamburg-things-expand-locations-datastreams-latest-obs.json", STA_THINGS, PARSES, 1, 0 },
  { "sensorthings/sensorup-observations-extract-elided.json", STA_OBSERVATIONS, REJECTED_INVALID, 0, 0 },
  { "sensorthings/sta10-spec-datastream-observations-ref.json", STA_OTHER, PARSES, 2, 0 },
  { "sensorthings/sta10-spec-featureofinterest.json", STA_LOCATIONS, PARSES, 1, 0 },
  { "sensorthings/sta10-spec-historicallocations-nextlink.json", STA_OTHER, PARSES, 2, 0 },
  { "sensorthings/sta10-spec-observedproperties-count-nextlink.json", STA_OTHER, REJECTED_INVALID, 0, 0 },
  { "sensorthings/sta10-spec-things-expand-datastreams.json", STA_THINGS, PARSES, 1, 0 },
  { "sensorthings/sta11-spec-datastream-observations-dataarray.json", STA_OBSERVATIONS, PARSES, 3, 0 },
  /* MultiDatastream results are arrays: every row skipped with a reason. */
  { "sensorthings/sta11-spec-multidatastream-observations-dataarray.json", STA_OBSERVATIONS, PARSES, 0, 3 },
  { "sensorthings/sta11-spec-service-root-serversettings.json", STA_OTHER, REJECTED_INVALID, 0, 0 },
};

static const Expectation *
find_expectation (const char *relative)
{
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_str_equal (expectations[i].file, relative))
      return &expectations[i];
  return NULL;
}

static char *
corpus_dir (void)
{
  const char *shared = g_getenv ("IOC_SHARED_DIR");

  return g_build_filename (shared != NULL ? shared : "../shared", "peer-corpus", NULL);
}

static void
check_counts (const char *relative,
              guint       kept,
              guint       skipped,
              guint       n_records,
              GPtrArray  *reasons)
{
  const Expectation *e = find_expectation (relative);

  g_test_message ("%s: %u kept, %u skipped, %u records", relative, kept, skipped, n_records);
  for (guint i = 0; i < reasons->len; i++)
    {
      /* Every skip has an operator-readable reason naming the record. */
      g_test_message ("  skipped: %s", (const char *) reasons->pdata[i]);
      g_assert_true (g_str_has_prefix (reasons->pdata[i], "record "));
    }
  g_assert_cmpuint (kept, ==, e->kept);
  g_assert_cmpuint (skipped, ==, e->skipped);
}

static void
test_corpus_file (gconstpointer data)
{
  const char *relative = data;
  const Expectation *e = find_expectation (relative);
  g_autofree char *dir = corpus_dir ();
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (e == NULL)
    {
      g_test_fail_printf ("no expectation for corpus file %s: add it to the table", relative);
      return;
    }
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  if (e->parser <= O311_POST)
    {
      g_autoptr(IocOpen311Result) r = NULL;

      switch (e->parser)
        {
        case O311_REQUESTS: r = ioc_open311_parse_requests (contents, length, NULL, &error); break;
        case O311_SERVICES: r = ioc_open311_parse_services (contents, length, &error); break;
        case O311_DEFINITION: r = ioc_open311_parse_service_definition (contents, length, &error); break;
        case O311_UPDATES: r = ioc_open311_parse_updates (contents, length, NULL, &error); break;
        case O311_POST: r = ioc_open311_parse_post_response (contents, length, &error); break;
        default: g_assert_not_reached ();
        }
      if (e->outcome != PARSES)
        {
          g_assert_null (r);
          g_assert_error (error, IOC_FEED_ERROR,
                          (e->outcome == REJECTED_SERVER ? IOC_FEED_ERROR_SERVER : IOC_FEED_ERROR_INVALID));
          g_test_message ("%s rejected: %s", relative, error->message);
          g_assert_cmpstr (error->message, !=, "");
          return;
        }
      g_assert_no_error (error);
      g_assert_nonnull (r);
      check_counts (relative,
                    r->requests->len + r->services->len + r->attributes->len +
                    r->updates->len + r->post_responses->len,
                    r->skipped->len, r->n_records, r->skipped);
      /* A body is JSON or XML as it looks, whatever the server claims. */
      g_assert_cmpint (r->format, ==, g_str_has_suffix (relative, ".xml") ? IOC_OPEN311_FORMAT_XML
                                                                          : IOC_OPEN311_FORMAT_JSON);
    }
  else
    {
      static const IocStaEntityKind kinds[] = {
        [STA_THINGS] = IOC_STA_ENTITY_THINGS,
        [STA_DATASTREAMS] = IOC_STA_ENTITY_DATASTREAMS,
        [STA_OBSERVATIONS] = IOC_STA_ENTITY_OBSERVATIONS,
        [STA_LOCATIONS] = IOC_STA_ENTITY_LOCATIONS,
        [STA_OTHER] = IOC_STA_ENTITY_OTHER,
      };
      g_autoptr(IocStaResult) r = ioc_sta_parse (kinds[e->parser], contents, length,
                                                 "https://example.org/v1.1/Things", NULL, &error);

      if (e->outcome != PARSES)
        {
          g_assert_null (r);
          g_assert_error (error, IOC_FEED_ERROR,
                          (e->outcome == REJECTED_SERVER ? IOC_FEED_ERROR_SERVER : IOC_FEED_ERROR_INVALID));
          g_test_message ("%s rejected: %s", relative, error->message);
          return;
        }
      g_assert_no_error (error);
      g_assert_nonnull (r);
      check_counts (relative,
                    e->parser == STA_OTHER ? r->n_records - r->skipped->len
                    : r->stations->len + r->datastreams->len + r->observations->len + r->locations->len,
                    r->skipped->len, r->n_records, r->skipped);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  static const char * const subdirs[] = { "open311", "sensorthings" };
  guint n_files = 0;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir = corpus_dir ();
  for (guint s = 0; s < G_N_ELEMENTS (subdirs); s++)
    {
      g_autofree char *sub = g_build_filename (dir, subdirs[s], NULL);
      g_autoptr(GDir) listing = g_dir_open (sub, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          /* The test path and its data live until the process ends. */
          char *relative = g_build_filename (subdirs[s], names->pdata[i], NULL);
          g_autofree char *test_path = g_strdup_printf ("/feeds/corpus/%s", relative);

          g_test_add_data_func_full (test_path, relative, test_corpus_file, g_free);
          n_files++;
        }
    }
  /* Every table entry must match a file (the corpus is read-only). */
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (expectations));

  return g_test_run ();
}
