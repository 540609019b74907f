/* ioc-secrets.h — feed API keys in the Secret Service
 *
 * API keys live in the Secret Service (libsecret), never in GSettings, files
 * or logs (feeds.md, general rules). One secret per feed and base URL, so a
 * training server and the production server keep separate keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

#define IOC_SECRETS_SCHEMA_NAME "vn.gov.angiang.IocDashboard.ApiKey"

const SecretSchema *ioc_secrets_get_schema         (void);

void      ioc_secrets_store_api_key_async   (const char          *feed,
                                             const char          *base_url,
                                             const char          *api_key,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ioc_secrets_store_api_key_finish  (GAsyncResult        *result,
                                             GError             **error);
gboolean  ioc_secrets_store_api_key_sync    (const char          *feed,
                                             const char          *base_url,
                                             const char          *api_key,
                                             GCancellable        *cancellable,
                                             GError             **error);

void      ioc_secrets_lookup_api_key_async  (const char          *feed,
                                             const char          *base_url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char     *ioc_secrets_lookup_api_key_finish (GAsyncResult        *result,
                                             GError             **error);
char     *ioc_secrets_lookup_api_key_sync   (const char          *feed,
                                             const char          *base_url,
                                             GCancellable        *cancellable,
                                             GError             **error);

void      ioc_secrets_clear_api_key_async   (const char          *feed,
                                             const char          *base_url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ioc_secrets_clear_api_key_finish  (GAsyncResult        *result,
                                             GError             **error);
gboolean  ioc_secrets_clear_api_key_sync    (const char          *feed,
                                             const char          *base_url,
                                             GCancellable        *cancellable,
                                             GError             **error);

void      ioc_secrets_free_api_key          (char                *api_key);

G_END_DECLS
