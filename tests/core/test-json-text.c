/* test-json-text.c — JSON text with numbers as written (IocJsonText)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "ioc-json-text.h"

static void
check_double (double      value,
              const char *expected)
{
  g_autofree char *text = ioc_json_text_format_double (value);

  g_assert_cmpstr (text, ==, expected);
}

/* The shortest text that reads back as the same double. */
static void
test_doubles (void)
{
  check_double (86.6, "86.6");
  check_double (83.33, "83.33");
  check_double (100.0, "100.0");
  check_double (0.1, "0.1");
  check_double (-0.5, "-0.5");
  check_double (0.0, "0.0");
  check_double (1e-7, "1.0e-07");
  check_double (0.0001, "0.0001");
  check_double (-2.5e-5, "-2.5e-05");
  check_double (1e15, "1000000000000000.0");
  check_double (1e16, "1.0e+16");
  check_double (-27704675495788188.0, "-2.7704675495788188e+16");
  check_double (1.0 / 3.0, "0.3333333333333333");
  check_double (105.26527, "105.26527");
  check_double (G_MAXDOUBLE, "1.7976931348623157e+308");
  check_double (NAN, "null");
  check_double (INFINITY, "null");
}

/* Any double survives the trip through the text and a JSON reader. */
static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (766);

  for (int i = 0; i < 20000; i++)
    {
      double value;
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      switch (i % 4)
        {
        case 0: value = g_rand_double_range (rand, -1000, 1000); break;
        case 1: value = round (g_rand_double_range (rand, 0, 100000)) / 100.0; break;  /* two decimals */
        case 2: value = g_rand_double (rand) * pow (10, g_rand_int_range (rand, -300, 300)); break;
        default:
          {
            guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

            memcpy (&value, &bits, sizeof value);
            if (!isfinite (value))
              continue;
          }
        }
      text = ioc_json_text_format_double (value);
      g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
      g_assert_no_error (error);
      g_assert_cmpint (json_node_get_value_type (json_parser_get_root (parser)), ==, G_TYPE_DOUBLE);
      g_assert_true (json_node_get_double (json_parser_get_root (parser)) == value);
      g_assert_cmpuint (strlen (text), <=, 24);
    }
}

static JsonNode *
sample_document (gboolean with_doubles)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "station");
  json_builder_add_string_value (builder, "Châu Đốc \"A\"\\\n\t\x01");
  json_builder_set_member_name (builder, "aqi");
  json_builder_add_int_value (builder, -110);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "none");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  if (with_doubles)
    {
      json_builder_set_member_name (builder, "groups");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "III");
      json_builder_add_double_value (builder, 86.6);
      json_builder_set_member_name (builder, "IV");
      json_builder_add_double_value (builder, 100.0);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_add_int_value (builder, 7);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* Without doubles, the same text json-glib's generator writes, pretty or
 * not: scripts written against the old output keep working. */
static void
test_layout (void)
{
  g_autoptr(JsonNode) root = sample_document (FALSE);

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *ours = ioc_json_text_from_node (root, pretty);
      g_autofree char *theirs = NULL;

      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, pretty);
      theirs = json_generator_to_data (generator, NULL);
      g_assert_cmpstr (ours, ==, theirs);
    }
}

/* With doubles: the numbers as written, and the document reads back equal. */
static void
test_document (void)
{
  g_autoptr(JsonNode) root = sample_document (TRUE);
  g_autofree char *text = ioc_json_text_from_node (root, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (strstr (text, "\"III\" : 86.6,"));
  g_assert_nonnull (strstr (text, "\"IV\" : 100.0\n"));
  g_assert_null (strstr (text, "86.59"));
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_parser_get_root (parser), root));
  {
    g_autofree char *none = ioc_json_text_from_node (NULL, TRUE);
    g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *braces = NULL;

    json_node_take_object (empty, json_object_new ());
    braces = ioc_json_text_from_node (empty, TRUE);

    g_assert_cmpstr (none, ==, "null");
    /* (json-glib writes "{    }" for an empty object when pretty.) */
    g_assert_cmpstr (braces, ==, "{}");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/json-text/doubles", test_doubles);
  g_test_add_func ("/core/json-text/round-trip", test_round_trip);
  g_test_add_func ("/core/json-text/layout", test_layout);
  g_test_add_func ("/core/json-text/document", test_document);
  return g_test_run ();
}
