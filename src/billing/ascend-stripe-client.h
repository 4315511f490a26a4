/* ascend-stripe-client.h: Stripe's REST API over libsoup 3
 *
 * Form-encoded requests, JSON answers (json-glib), Stripe error objects
 * turned into ASCEND_BILLING_ERROR with Stripe's own message, an
 * Idempotency-Key on every POST (given by the caller, who stores it before
 * calling), retries with exponential backoff and jitter on network errors,
 * timeouts, 429 (honouring Retry-After) and 5xx, never on another 4xx.
 * Cancelling the GCancellable ends the request (and any wait between
 * attempts) with G_IO_ERROR_CANCELLED.
 *
 * Use it from one thread (the one whose thread-default main context was
 * current when it was created).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Form fields in order: alternating key and value strings. Nested Stripe
 * parameters are spelled out in the key: "metadata[tokens]",
 * "line_items[0][price_data][currency]". */
GPtrArray *ascend_stripe_params_new    (void);
void       ascend_stripe_params_add    (GPtrArray  *params,
                                        const char *key,
                                        const char *value);
void       ascend_stripe_params_add_int (GPtrArray  *params,
                                         const char *key,
                                         gint64      value);
/* application/x-www-form-urlencoded text of params ("" for NULL or empty). */
char      *ascend_stripe_params_encode (GPtrArray  *params);

#define ASCEND_TYPE_STRIPE_CLIENT (ascend_stripe_client_get_type ())
G_DECLARE_FINAL_TYPE (AscendStripeClient, ascend_stripe_client, ASCEND, STRIPE_CLIENT, GObject)

#define ASCEND_STRIPE_DEFAULT_TIMEOUT_MS     30000
#define ASCEND_STRIPE_DEFAULT_ATTEMPTS       4
#define ASCEND_STRIPE_DEFAULT_BACKOFF_MS     500
#define ASCEND_STRIPE_MAX_BACKOFF_MS         20000

/* api_base: e.g. "https://api.stripe.com" (a trailing slash is fine). */
AscendStripeClient *ascend_stripe_client_new            (const char *api_base,
                                                         const char *secret_key);
const char         *ascend_stripe_client_get_api_base   (AscendStripeClient *self);
void                ascend_stripe_client_set_secret_key (AscendStripeClient *self,
                                                         const char         *secret_key);
gboolean            ascend_stripe_client_has_key        (AscendStripeClient *self);
/* Per attempt; 0 keeps the current value. */
void                ascend_stripe_client_set_timeout    (AscendStripeClient *self,
                                                         guint               timeout_ms);
/* attempts: how many times a request is sent at most (>= 1); base_delay_ms:
 * the first wait, doubled after each failure (with +-25% jitter). */
void                ascend_stripe_client_set_retry      (AscendStripeClient *self,
                                                         guint               attempts,
                                                         guint               base_delay_ms);

/* method: "GET", "POST" or "DELETE"; path: "/v1/customers". params go in
 * the query for GET and DELETE, in the body for POST. idempotency_key is
 * required for POST and sent unchanged on every retry. */
void        ascend_stripe_client_request_async  (AscendStripeClient  *self,
                                                 const char          *method,
                                                 const char          *path,
                                                 GPtrArray           *params,
                                                 const char          *idempotency_key,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The answer's JSON object (a new reference), or NULL with error. */
JsonObject *ascend_stripe_client_request_finish (AscendStripeClient  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Helpers for reading Stripe objects: NULL / -1 when absent or of another type. */
const char *ascend_stripe_get_string (JsonObject *object,
                                      const char *member);
gint64      ascend_stripe_get_int    (JsonObject *object,
                                      const char *member);
JsonObject *ascend_stripe_get_object (JsonObject *object,
                                      const char *member);

G_END_DECLS
