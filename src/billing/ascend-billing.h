/* ascend-billing.h: tokens, subscriptions and payments through Stripe.
 *
 * The contract between the billing layer (src/billing/, libsoup + json-glib +
 * the store, never GTK) and its users (the Shop view, ascendctl billing, the
 * application's start-up sync).  Every network operation is asynchronous,
 * cancellable, and runs its SQLite writes on the thread that owns the
 * database (the caller's thread-default main context).
 *
 * Money moves only through these functions: a paid token pack becomes one
 * payments row and one tokenTransactions 'purchase' row in one SQLite
 * transaction, exactly once per Stripe payment intent, however often the
 * poll, the sync or the app repeats.  Nothing about health data is sent.
 */
#pragma once

#include <gio/gio.h>

#include "ascend-database.h"
#include "ascend-stripe-client.h"

G_BEGIN_DECLS

#define ASCEND_BILLING_ERROR (ascend_billing_error_quark ())

typedef enum {
  ASCEND_BILLING_ERROR_NO_KEY,          /* no secret key configured */
  ASCEND_BILLING_ERROR_STRIPE,          /* Stripe error object; message is Stripe's */
  ASCEND_BILLING_ERROR_DECLINED,        /* card_error / payment failed */
  ASCEND_BILLING_ERROR_NETWORK,         /* gave up after the retries, or timed out */
  ASCEND_BILLING_ERROR_MALFORMED,       /* an answer that is not what Stripe sends */
  ASCEND_BILLING_ERROR_EXPIRED,         /* the checkout session expired unpaid */
  ASCEND_BILLING_ERROR_NOT_REFUNDABLE,  /* e.g. the purchased tokens were spent */
  ASCEND_BILLING_ERROR_NOT_FOUND,       /* no such payment / subscription */
  ASCEND_BILLING_ERROR_ALREADY_SUBSCRIBED, /* checkout_tier while a subscription is active */
} AscendBillingError;

GQuark ascend_billing_error_quark (void);

/* What can be bought.  Tables in ascend-billing.c; the Shop shows them. */
typedef struct {
  const char *id;           /* "pack-50" */
  gint64      tokens;       /* 50 */
  gint64      unit_amount;  /* minor units, 499 */
  const char *currency;     /* "eur" */
} AscendTokenPack;

typedef struct {
  const char *tier;         /* "premium", "pro" */
  gint64      unit_amount;  /* per month, minor units */
  const char *currency;
} AscendTierPlan;

const AscendTokenPack *ascend_billing_token_packs (guint *n_packs);
const AscendTokenPack *ascend_billing_find_pack   (gint64 tokens);   /* NULL if none */
const AscendTierPlan  *ascend_billing_tier_plans  (guint *n_plans);

/* A Checkout Session the user finishes in the browser. */
typedef struct {
  char   *session_id;       /* cs_... */
  char   *url;              /* https://checkout.stripe.com/... */
  char   *mode;             /* "payment" or "subscription" */
} AscendCheckout;

void ascend_checkout_free (AscendCheckout *checkout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendCheckout, ascend_checkout_free)

/* What a finished checkout, a sync, a cancel or a refund changed. */
typedef struct {
  gint64  payment_id;        /* payments.id written or touched, 0 if none */
  gint64  subscription_id;   /* subscriptions.id written or touched, 0 if none */
  gint64  tokens_credited;   /* tokens added by this call (0 if already credited) */
  gint64  tokens_removed;    /* by a refund */
  char   *tier;              /* users.subscriptionTier afterwards */
} AscendBillingOutcome;

void ascend_billing_outcome_free (AscendBillingOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendBillingOutcome, ascend_billing_outcome_free)

#define ASCEND_TYPE_BILLING (ascend_billing_get_type ())
G_DECLARE_FINAL_TYPE (AscendBilling, ascend_billing, ASCEND, BILLING, GObject)

/* api_base: "https://api.stripe.com" or a test server; secret_key may be NULL
 * (every call then fails with ASCEND_BILLING_ERROR_NO_KEY). */
AscendBilling *ascend_billing_new            (AscendDatabase *db,
                                              const char     *api_base,
                                              const char     *secret_key);
void           ascend_billing_set_secret_key (AscendBilling  *self,
                                              const char     *secret_key);
gboolean       ascend_billing_has_key        (AscendBilling  *self);
/* Per-request timeout (default 30 s) and poll interval (default 2 s). */
void           ascend_billing_set_timeouts   (AscendBilling  *self,
                                              guint           request_timeout_ms,
                                              guint           poll_interval_ms);

/* The client underneath, e.g. to set its retries (tests, ascendctl). */
AscendStripeClient *ascend_billing_get_client (AscendBilling *self);

/* Creates the Stripe customer once (users.stripeCustomerId); result: the id. */
void   ascend_billing_ensure_customer_async  (AscendBilling       *self,
                                              gint64               user_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char  *ascend_billing_ensure_customer_finish (AscendBilling  *self,
                                              GAsyncResult   *result,
                                              GError        **error);

/* A Checkout Session for a token pack (mode payment) or a tier (mode
 * subscription).  The session is remembered in the database before the
 * URL is returned, so a crash before it is paid is picked up by sync. */
void            ascend_billing_checkout_tokens_async (AscendBilling       *self,
                                                      gint64               user_id,
                                                      gint64               tokens,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void            ascend_billing_checkout_tier_async   (AscendBilling       *self,
                                                      gint64               user_id,
                                                      const char          *tier,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AscendCheckout *ascend_billing_checkout_finish       (AscendBilling       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Polls the session until it is complete and paid (records the payment and
 * credits the tokens, or records the subscription and sets the tier, once),
 * expired (ASCEND_BILLING_ERROR_EXPIRED) or declined; cancellable. */
void                  ascend_billing_wait_async  (AscendBilling       *self,
                                                  gint64               user_id,
                                                  const char          *session_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AscendBillingOutcome *ascend_billing_wait_finish (AscendBilling       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* At start: finishes sessions left open (crash recovery), brings
 * subscriptions (and the tier) and payments up to date. */
void                  ascend_billing_sync_async  (AscendBilling       *self,
                                                  gint64               user_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AscendBillingOutcome *ascend_billing_sync_finish (AscendBilling       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Cancels the active subscription (the tier drops to free). */
void                  ascend_billing_cancel_subscription_async  (AscendBilling       *self,
                                                                 gint64               user_id,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
AscendBillingOutcome *ascend_billing_cancel_subscription_finish (AscendBilling       *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);

/* Refunds a token purchase (payments.id): removes the purchased tokens with
 * a 'refund' transaction, or fails with NOT_REFUNDABLE saying why. */
void                  ascend_billing_refund_async  (AscendBilling       *self,
                                                    gint64               user_id,
                                                    gint64               payment_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
AscendBillingOutcome *ascend_billing_refund_finish (AscendBilling       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
