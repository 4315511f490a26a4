/* ascend-billing-private.h: what the files of AscendBilling share
 *
 *   ascend-billing.c           the object, packs and plans, the customer, checkout, cancel, refund
 *   ascend-billing-sessions.c  what a checkout session says: wait and sync
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ascend-billing.h"
#include "ascend-billing-store.h"
#include "ascend-stripe-client.h"
#include "ascend-user-store.h"

G_BEGIN_DECLS

struct _AscendBilling
{
  GObject             parent_instance;

  AscendDatabase     *db;
  AscendStripeClient *client;
  guint               poll_interval_ms;
};

/* What an operation carries between its requests. */
typedef struct {
  gint64                  user_id;
  char                   *key;          /* the idempotency key of the POST in flight */
  char                   *session_id;
  char                   *customer_id;
  gint64                  tokens;
  char                   *tier;
  gint64                  payment_id;
  AscendBillingOutcome   *outcome;
  GPtrArray              *pending;      /* sync: session ids still to look at */
  GSource                *timer;
  GSource                *timer_cancel;
  const AscendTokenPack  *pack;        /* checkout: what is bought */
  const AscendTierPlan   *plan;
  GError                 *saved_error;  /* the first error, kept while a GET finds out more */
  gboolean                retried;      /* checkout: once with a new customer */
} Op;

GTask      *ascend_billing_op_new          (AscendBilling        *self,
                                            gint64                user_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data,
                                            gpointer              source_tag);
/* ascend_billing_op_new with the secret key checked: NULL, the task
 * ended with the error, when there is none. */
GTask      *ascend_billing_op_start        (AscendBilling        *self,
                                            gint64                user_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data,
                                            gpointer              source_tag);
void        ascend_billing_op_clear_timer  (Op                   *op);
/* Both end the task and drop the reference the operation held. */
void        ascend_billing_op_fail         (GTask                *task,
                                            GError               *error);
void        ascend_billing_op_return       (GTask                *task);
void        ascend_billing_op_send         (GTask                *task,
                                            const char           *method,
                                            const char           *path,
                                            GPtrArray            *params,
                                            const char           *key,
                                            GAsyncReadyCallback   callback);
JsonObject *ascend_billing_op_receive      (GAsyncResult         *result,
                                            GTask                *task,
                                            GError              **error);

gboolean    ascend_billing_check_key       (AscendBilling        *self,
                                            GError              **error);
char       *ascend_billing_format_amount   (gint64                minor,
                                            const char           *currency);
gboolean    ascend_billing_malformed       (GError              **error,
                                            const char           *what);
gboolean    ascend_billing_check_object    (JsonObject           *object,
                                            const char           *type,
                                            const char           *prefix,
                                            GError              **error);
const char *ascend_billing_expandable_id   (JsonObject           *object,
                                            const char           *member,
                                            JsonObject          **out_expanded);
const char *ascend_billing_local_subscription_status (const char *stripe_status);
/* The user's Stripe customer id, or NULL when it has none yet. */
const char *ascend_billing_customer_id     (AscendUser           *user);
void        ascend_billing_outcome_set_tier (AscendBillingOutcome *outcome,
                                             AscendDatabase       *db,
                                             gint64                user_id);

G_END_DECLS
