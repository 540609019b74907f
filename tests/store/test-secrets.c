/* test-secrets.c — IocSecrets against a real Secret Service
 *
 * Run through run-with-keyring.sh, which starts an unlocked
 * gnome-keyring-daemon in a private D-Bus session. Without one the tests
 * report a skip with the reason; they never pass without having talked to a
 * Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ioc-secrets.h"

static const char *skip_reason;

static gboolean
need_secret_service (void)
{
  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_result (Wait *w)
{
  g_main_loop_run (w->loop);
  return w->result;
}

static void
test_async_roundtrip (void)
{
  Wait w = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  const char *url = "http://127.0.0.1:8080/open311/v2/";
  char *key;

  if (!need_secret_service ())
    {
      g_main_loop_unref (w.loop);
      return;
    }

  ioc_secrets_store_api_key_async ("complaints", url, "k-3f9a-complaints", NULL, got_result, &w);
  g_assert_true (ioc_secrets_store_api_key_finish (wait_result (&w), &error));
  g_assert_no_error (error);
  g_clear_object (&w.result);

  ioc_secrets_lookup_api_key_async ("complaints", url, NULL, got_result, &w);
  key = ioc_secrets_lookup_api_key_finish (wait_result (&w), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "k-3f9a-complaints");
  ioc_secrets_free_api_key (key);
  g_clear_object (&w.result);

  /* storing again replaces, it does not add a second item */
  ioc_secrets_store_api_key_async ("complaints", url, "k-rotated", NULL, got_result, &w);
  g_assert_true (ioc_secrets_store_api_key_finish (wait_result (&w), &error));
  g_clear_object (&w.result);
  ioc_secrets_lookup_api_key_async ("complaints", url, NULL, got_result, &w);
  key = ioc_secrets_lookup_api_key_finish (wait_result (&w), &error);
  g_assert_cmpstr (key, ==, "k-rotated");
  ioc_secrets_free_api_key (key);
  g_clear_object (&w.result);

  ioc_secrets_clear_api_key_async ("complaints", url, NULL, got_result, &w);
  g_assert_true (ioc_secrets_clear_api_key_finish (wait_result (&w), &error));
  g_assert_no_error (error);
  g_clear_object (&w.result);

  ioc_secrets_lookup_api_key_async ("complaints", url, NULL, got_result, &w);
  key = ioc_secrets_lookup_api_key_finish (wait_result (&w), &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_clear_object (&w.result);

  /* clearing what is not there reports FALSE without error */
  ioc_secrets_clear_api_key_async ("complaints", url, NULL, got_result, &w);
  g_assert_false (ioc_secrets_clear_api_key_finish (wait_result (&w), &error));
  g_assert_no_error (error);
  g_clear_object (&w.result);

  g_main_loop_unref (w.loop);
}

/* One key per (feed, base URL): a training server's key never leaks to
 * production, nor the TTHC key to the complaints feed. */
static void
test_isolation (void)
{
  static const struct { const char *feed, *url, *key; } items[] = {
    { "complaints", "https://ioc.angiang.gov.vn/open311/v2/", "prod-complaints" },
    { "complaints", "http://127.0.0.1:8080/open311/v2/", "sim-complaints" },
    { "environment", "https://ioc.angiang.gov.vn/sta/v1.1/", "prod-env" },
    { "tthc", "https://ioc.angiang.gov.vn/tthc/v1/", "prod-tthc" },
  };
  g_autoptr(GError) error = NULL;
  char *key;

  if (!need_secret_service ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_assert_true (ioc_secrets_store_api_key_sync (items[i].feed, items[i].url, items[i].key, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      key = ioc_secrets_lookup_api_key_sync (items[i].feed, items[i].url, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, items[i].key);
      ioc_secrets_free_api_key (key);
    }

  key = ioc_secrets_lookup_api_key_sync ("tthc", "http://127.0.0.1:8080/open311/v2/", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  /* the items carry the project's schema name, so other apps' items never match */
  {
    g_autoptr(GHashTable) attrs = secret_attributes_build (ioc_secrets_get_schema (),
                                                           "feed", "tthc", NULL);
    g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
    g_autofree char *schema_name = NULL;
    GList *found;

    g_assert_no_error (error);
    found = secret_service_search_sync (service, ioc_secrets_get_schema (), attrs,
                                        SECRET_SEARCH_ALL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_length (found), ==, 1);
    schema_name = secret_item_get_schema_name (found->data);
    g_assert_cmpstr (schema_name, ==, IOC_SECRETS_SCHEMA_NAME);
    g_list_free_full (found, g_object_unref);
  }

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_assert_true (ioc_secrets_clear_api_key_sync (items[i].feed, items[i].url, NULL, &error));
      g_assert_no_error (error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  skip_reason = g_getenv ("IOC_TEST_KEYRING_SKIP");
  if (skip_reason == NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    skip_reason = "no D-Bus session bus (run through tests/store/run-with-keyring.sh)";
  if (skip_reason == NULL)
    {
      g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      if (bus != NULL)
        reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "NameHasOwner",
                                             g_variant_new ("(s)", "org.freedesktop.secrets"),
                                             G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                             -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (!owned)
        skip_reason = "no Secret Service (org.freedesktop.secrets) on the session bus";
    }

  g_test_add_func ("/secrets/async-roundtrip", test_async_roundtrip);
  g_test_add_func ("/secrets/isolation", test_isolation);

  return g_test_run ();
}
