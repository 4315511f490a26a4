/* ascend-secret.h: the Stripe secret key in the Secret Service (libsecret)
 *
 * The key is never written to SQLite or GSettings: only the user's keyring
 * holds it, under the schema io.github.animeascend.AnimeAscend.Stripe with
 * the attribute "service" = "stripe".
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      ascend_secret_store_key_async   (const char          *key,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  ascend_secret_store_key_finish  (GAsyncResult        *result,
                                           GError             **error);

/* The key, or NULL without an error when none is stored. */
void      ascend_secret_lookup_key_async  (GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *ascend_secret_lookup_key_finish (GAsyncResult        *result,
                                           GError             **error);
char     *ascend_secret_lookup_key_sync   (GCancellable        *cancellable,
                                           GError             **error);

/* TRUE also when there was nothing to remove. */
void      ascend_secret_clear_key_async   (GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  ascend_secret_clear_key_finish  (GAsyncResult        *result,
                                           GError             **error);

/* A Stripe secret key looks like sk_test_... / sk_live_... / rk_... */
gboolean  ascend_secret_key_looks_valid   (const char          *key);

/* The API base URL setting: an absolute http(s) URL with a host and no
 * query or fragment. On refusal *message says why (translated). */
gboolean  ascend_secret_api_base_valid    (const char          *url,
                                           char               **message);

G_END_DECLS
