/* ascend-billing-store.h: what the Stripe layer keeps in SQLite (schema 007)
 *
 * Idempotency keys (stripeRequests), the checkout sessions the app opened
 * (checkoutSessions), refunds (paymentRefunds), and the steps that must be
 * one SQLite transaction each: a paid session becoming a payments row plus
 * a 'purchase' in the token ledger, exactly once per payment intent; a
 * subscription and the tier it gives; a refund and the tokens it removes.
 */
#pragma once

#include "ascend-business-store.h"

G_BEGIN_DECLS

/* An unfinished request is retried with its key for this long; Stripe
 * keeps keys for at least 24 hours. */
#define ASCEND_STRIPE_KEY_REUSE_MS (23 * 3600 * G_GINT64_CONSTANT (1000))

typedef struct {
  char   *session_id;
  gint64  user_id;
  char   *mode;             /* payment, subscription */
  gint64  tokens;           /* payment: the pack; else 0 */
  char   *tier;             /* subscription: premium, pro; else NULL */
  char   *url;
  char   *status;           /* open, complete, expired */
  gint64  payment_id;       /* 0 until credited */
  gint64  subscription_id;  /* 0 until recorded */
  gint64  created_at;
  gint64  completed_at;     /* 0 while open */
} AscendCheckoutSessionRow;

void ascend_checkout_session_row_free (AscendCheckoutSessionRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendCheckoutSessionRow, ascend_checkout_session_row_free)

/* The key for purpose (e.g. "customer", "checkout:tokens:50"): the one of
 * an unfinished request younger than ASCEND_STRIPE_KEY_REUSE_MS, or a new
 * one, committed before this returns. NULL on error. */
char      *ascend_billing_store_request_key    (AscendDatabase  *db,
                                                gint64           user_id,
                                                const char      *purpose,
                                                GError         **error);
/* Marks the request answered (its key is never reused). */
gboolean   ascend_billing_store_request_done   (AscendDatabase  *db,
                                                const char      *idempotency_key,
                                                const char      *object_id,
                                                GError         **error);

gboolean   ascend_billing_store_set_customer   (AscendDatabase  *db,
                                                gint64           user_id,
                                                const char      *customer_id,
                                                GError         **error);

/* Remembers a session (again: no change). */
gboolean   ascend_billing_store_add_session    (AscendDatabase  *db,
                                                const AscendCheckoutSessionRow *row,
                                                GError         **error);
/* NULL with ASCEND_STORE_ERROR_NOT_FOUND when unknown. */
AscendCheckoutSessionRow *ascend_billing_store_get_session (AscendDatabase *db,
                                                            const char     *session_id,
                                                            GError        **error);
/* The user's sessions with status 'open', oldest first. */
GPtrArray *ascend_billing_store_open_sessions  (AscendDatabase  *db,
                                                gint64           user_id,
                                                GError         **error);
gboolean   ascend_billing_store_expire_session (AscendDatabase  *db,
                                                const char      *session_id,
                                                GError         **error);

/* The exactly-once step: in one transaction, the payment intent's payments
 * row becomes 'succeeded' (inserted or updated from failed/pending) and
 * tokens are credited with a 'purchase', and the session is linked and
 * complete. A payment intent already succeeded credits nothing
 * (*out_credited = 0). */
gboolean   ascend_billing_store_credit_payment (AscendDatabase  *db,
                                                gint64           user_id,
                                                const char      *session_id,
                                                const char      *payment_intent_id,
                                                const char      *amount,
                                                const char      *currency,
                                                gint64           tokens,
                                                const char      *description,
                                                gint64          *out_payment_id,
                                                gint64          *out_credited,
                                                GError         **error);
/* A declined attempt: a 'failed' payments row unless one exists. */
gboolean   ascend_billing_store_failed_payment (AscendDatabase  *db,
                                                gint64           user_id,
                                                const char      *payment_intent_id,
                                                const char      *amount,
                                                const char      *currency,
                                                gint64          *out_payment_id,
                                                GError         **error);

/* Inserts or updates the subscriptions row of stripe_subscription_id
 * (status: active, canceled, past_due), links session_id (may be NULL) and
 * sets users.subscriptionTier from the active subscriptions, in one
 * transaction. */
gboolean   ascend_billing_store_record_subscription (AscendDatabase  *db,
                                                     gint64           user_id,
                                                     const char      *session_id,
                                                     const char      *stripe_subscription_id,
                                                     const char      *tier,
                                                     const char      *status,
                                                     gint64          *out_subscription_id,
                                                     char           **out_user_tier,
                                                     GError         **error);
/* The newest active subscription, or NULL without error when there is none. */
AscendSubscription *ascend_billing_store_active_subscription (AscendDatabase  *db,
                                                              gint64           user_id,
                                                              GError         **error);
/* users.subscriptionTier (newly allocated) or NULL on error. */
char      *ascend_billing_store_get_tier       (AscendDatabase  *db,
                                                gint64           user_id,
                                                GError         **error);

/* Tokens a payment bought (0 when it bought none), and whether it was refunded. */
gint64     ascend_billing_store_payment_tokens (AscendDatabase  *db,
                                                gint64           payment_id,
                                                GError         **error);
gboolean   ascend_billing_store_is_refunded    (AscendDatabase  *db,
                                                gint64           payment_id);
/* In one transaction: the paymentRefunds row and a 'refund' of the tokens
 * (all of them, or what is left of the balance if the user spent some
 * while Stripe was refunding). */
gboolean   ascend_billing_store_record_refund  (AscendDatabase  *db,
                                                gint64           user_id,
                                                gint64           payment_id,
                                                const char      *stripe_refund_id,
                                                gint64           tokens,
                                                const char      *description,
                                                gint64          *out_removed,
                                                GError         **error);

G_END_DECLS
