/* ioc-secrets.c — feed API keys in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ioc-secrets.h"

/**
 * ioc_secrets_get_schema:
 *
 * The Secret Service schema of the feed API keys: name
 * "vn.gov.angiang.IocDashboard.ApiKey", attributes "feed" (complaints,
 * environment, tthc) and "base-url" (feeds.md, general rules: credentials
 * per feed, in the Secret Service).
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
ioc_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    IOC_SECRETS_SCHEMA_NAME,
    SECRET_SCHEMA_NONE,
    {
      { "feed", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static char *
make_label (const char *feed)
{
  /* Shown in the keyring manager (Seahorse), so translated. */
  return g_strdup_printf (_("IOC An Giang API key for the “%s” feed"), feed);
}

/**
 * ioc_secrets_store_api_key_async:
 * @feed: feed name
 * @base_url: the feed's base URL
 * @api_key: the key; never logged
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Stores (or replaces) the API key of @feed at @base_url in the default
 * keyring (feeds.md, general rules).
 */
void
ioc_secrets_store_api_key_async (const char          *feed,
                                 const char          *base_url,
                                 const char          *api_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (feed != NULL && base_url != NULL && api_key != NULL);
  label = make_label (feed);
  secret_password_store (ioc_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, callback, user_data,
                         "feed", feed, "base-url", base_url, NULL);
}

/**
 * ioc_secrets_store_api_key_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if stored
 */
gboolean
ioc_secrets_store_api_key_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return secret_password_store_finish (result, error);
}

/**
 * ioc_secrets_store_api_key_sync:
 * @feed: feed name
 * @base_url: the feed's base URL
 * @api_key: the key
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Blocking ioc_secrets_store_api_key_async(), for the CLI.
 *
 * Returns: %TRUE if stored
 */
gboolean
ioc_secrets_store_api_key_sync (const char    *feed,
                                const char    *base_url,
                                const char    *api_key,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (feed != NULL && base_url != NULL && api_key != NULL, FALSE);
  label = make_label (feed);
  return secret_password_store_sync (ioc_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     api_key, cancellable, error,
                                     "feed", feed, "base-url", base_url, NULL);
}

/**
 * ioc_secrets_lookup_api_key_async:
 * @feed: feed name
 * @base_url: the feed's base URL
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Looks the API key of @feed at @base_url up.
 */
void
ioc_secrets_lookup_api_key_async (const char          *feed,
                                  const char          *base_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (feed != NULL && base_url != NULL);
  secret_password_lookup (ioc_secrets_get_schema (), cancellable, callback, user_data,
                          "feed", feed, "base-url", base_url, NULL);
}

/**
 * ioc_secrets_lookup_api_key_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   ioc_secrets_free_api_key(); %NULL without error when none is stored
 */
char *
ioc_secrets_lookup_api_key_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return secret_password_lookup_finish (result, error);
}

/**
 * ioc_secrets_lookup_api_key_sync:
 * @feed: feed name
 * @base_url: the feed's base URL
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Blocking ioc_secrets_lookup_api_key_async(), for the CLI.
 *
 * Returns: (transfer full) (nullable): the key (free with
 *   ioc_secrets_free_api_key()), %NULL without error when none is stored
 */
char *
ioc_secrets_lookup_api_key_sync (const char    *feed,
                                 const char    *base_url,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_return_val_if_fail (feed != NULL && base_url != NULL, NULL);
  return secret_password_lookup_sync (ioc_secrets_get_schema (), cancellable, error,
                                      "feed", feed, "base-url", base_url, NULL);
}

/**
 * ioc_secrets_clear_api_key_async:
 * @feed: feed name
 * @base_url: the feed's base URL
 * @cancellable: (nullable): a cancellable
 * @callback: completion callback
 * @user_data: data for @callback
 *
 * Removes the API key of @feed at @base_url.
 */
void
ioc_secrets_clear_api_key_async (const char          *feed,
                                 const char          *base_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (feed != NULL && base_url != NULL);
  secret_password_clear (ioc_secrets_get_schema (), cancellable, callback, user_data,
                         "feed", feed, "base-url", base_url, NULL);
}

/**
 * ioc_secrets_clear_api_key_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if a key was removed, %FALSE (no error) if there was none
 */
gboolean
ioc_secrets_clear_api_key_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return secret_password_clear_finish (result, error);
}

/**
 * ioc_secrets_clear_api_key_sync:
 * @feed: feed name
 * @base_url: the feed's base URL
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Blocking ioc_secrets_clear_api_key_async(), for the CLI.
 *
 * Returns: %TRUE if a key was removed
 */
gboolean
ioc_secrets_clear_api_key_sync (const char    *feed,
                                const char    *base_url,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (feed != NULL && base_url != NULL, FALSE);
  return secret_password_clear_sync (ioc_secrets_get_schema (), cancellable, error,
                                     "feed", feed, "base-url", base_url, NULL);
}

/**
 * ioc_secrets_free_api_key:
 * @api_key: (nullable): a key from a lookup
 *
 * Wipes and frees a key, so that it does not linger in freed memory.
 */
void
ioc_secrets_free_api_key (char *api_key)
{
  secret_password_free (api_key);
}
