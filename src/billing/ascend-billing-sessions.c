/* ascend-billing-sessions.c: what a checkout session says, waiting for
 * one to be paid, and the sync at start */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ascend-billing-private.h"
#include "ascend-user-store.h"

/* Ends the task with error (short for ascend_billing_op_fail). */
static inline void
fail (GTask  *task,
      GError *error)
{
  ascend_billing_op_fail (task, error);
}

/* ---- what a checkout session says ---- */

typedef enum {
  SESSION_FAILED,  /* error set: expired, declined, malformed, store */
  SESSION_OPEN,    /* not paid yet: keep waiting */
  SESSION_DONE,    /* recorded (now or before) */
} SessionState;

/* Applies what Stripe says about a session to the database; every write
 * here is idempotent, so the same answer applied twice changes nothing. */
static SessionState
apply_session (AscendBilling             *self,
               AscendCheckoutSessionRow  *row,
               JsonObject                *session,
               AscendBillingOutcome      *outcome,
               GError                   **error)
{
  const char *status = ascend_stripe_get_string (session, "status");
  const char *payment_status = ascend_stripe_get_string (session, "payment_status");
  const char *mode = ascend_stripe_get_string (session, "mode");
  JsonObject *pi = NULL;
  JsonObject *sub = NULL;

  if (!ascend_billing_check_object (session, "checkout.session", "cs_", error))
    return SESSION_FAILED;
  if (g_strcmp0 (ascend_stripe_get_string (session, "id"), row->session_id) != 0 ||
      g_strcmp0 (mode, row->mode) != 0 || status == NULL || payment_status == NULL)
    return ascend_billing_malformed (error, "checkout.session"), SESSION_FAILED;

  if (g_str_equal (status, "expired"))
    {
      if (!ascend_billing_store_expire_session (self->db, row->session_id, error))
        return SESSION_FAILED;
      g_set_error_literal (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED,
                           _("The checkout expired before it was paid; nothing was charged"));
      return SESSION_FAILED;
    }

  if (g_str_equal (status, "open"))
    {
      const char *pi_id = ascend_billing_expandable_id (session, "payment_intent", &pi);
      JsonObject *last_error = ascend_stripe_get_object (pi, "last_payment_error");

      if (last_error != NULL && pi_id != NULL)
        {
          const char *message = ascend_stripe_get_string (last_error, "message");
          gint64 amount = ascend_stripe_get_int (pi, "amount");
          const char *currency = ascend_stripe_get_string (pi, "currency");
          g_autofree char *amount_text = ascend_billing_format_amount (MAX (amount, 0), currency);

          /* A failed attempt is kept; a later successful one turns it into the payment. */
          if (currency != NULL && strlen (currency) == 3 &&
              !ascend_billing_store_failed_payment (self->db, row->user_id, pi_id, amount_text, currency,
                                                    &outcome->payment_id, error))
            return SESSION_FAILED;
          g_set_error_literal (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_DECLINED,
                               message ? message : _("The payment was declined"));
          return SESSION_FAILED;
        }
      return SESSION_OPEN;
    }

  if (!g_str_equal (status, "complete"))
    return ascend_billing_malformed (error, "checkout.session"), SESSION_FAILED;
  if (!g_str_equal (payment_status, "paid"))
    return SESSION_OPEN;  /* e.g. a bank transfer still on its way */

  if (g_str_equal (mode, "payment"))
    {
      const char *pi_id = ascend_billing_expandable_id (session, "payment_intent", &pi);
      const char *currency = ascend_stripe_get_string (session, "currency");
      gint64 amount = ascend_stripe_get_int (session, "amount_total");
      const char *meta_tokens = ascend_stripe_get_string (ascend_stripe_get_object (session, "metadata"), "tokens");
      g_autofree char *amount_text = NULL;
      g_autofree char *description = NULL;
      gint64 credited = 0;

      if (pi_id == NULL || !g_str_has_prefix (pi_id, "pi_") || currency == NULL || strlen (currency) != 3 ||
          amount < 0 || (meta_tokens != NULL && g_ascii_strtoll (meta_tokens, NULL, 10) != row->tokens))
        return ascend_billing_malformed (error, "checkout.session"), SESSION_FAILED;
      amount_text = ascend_billing_format_amount (amount, currency);
      description = g_strdup_printf (_("Bought %" PRId64 " tokens"), row->tokens);
      if (!ascend_billing_store_credit_payment (self->db, row->user_id, row->session_id, pi_id,
                                                amount_text, currency, row->tokens, description,
                                                &outcome->payment_id, &credited, error))
        return SESSION_FAILED;
      outcome->tokens_credited += credited;
      return SESSION_DONE;
    }
  else
    {
      const char *sub_id = ascend_billing_expandable_id (session, "subscription", &sub);
      const char *stripe_status = sub ? ascend_stripe_get_string (sub, "status") : "active";
      const char *sub_status = ascend_billing_local_subscription_status (stripe_status);

      if (sub_id == NULL || !g_str_has_prefix (sub_id, "sub_"))
        return ascend_billing_malformed (error, "checkout.session"), SESSION_FAILED;
      if (sub_status == NULL)
        return SESSION_OPEN;  /* incomplete: the first invoice is not paid yet */
      g_clear_pointer (&outcome->tier, g_free);
      if (!ascend_billing_store_record_subscription (self->db, row->user_id, row->session_id, sub_id,
                                                     row->tier, sub_status, &outcome->subscription_id,
                                                     &outcome->tier, error))
        return SESSION_FAILED;
      return SESSION_DONE;
    }
}

static GPtrArray *
expand_params (void)
{
  GPtrArray *params = ascend_stripe_params_new ();

  ascend_stripe_params_add (params, "expand[]", "payment_intent");
  ascend_stripe_params_add (params, "expand[]", "subscription");
  return params;
}

static void
retrieve_session (GTask               *task,
                  const char          *session_id,
                  GAsyncReadyCallback  callback)
{
  g_autofree char *path = g_strconcat ("/v1/checkout/sessions/", session_id, NULL);
  g_autoptr(GPtrArray) params = expand_params ();

  ascend_billing_op_send (task, "GET", path, params, NULL, callback);
}

/* ---- wait ---- */

static void poll_session (GTask *task);

static gboolean
poll_timer_cb (gpointer data)
{
  GTask *task = data;

  ascend_billing_op_clear_timer (g_task_get_task_data (task));
  poll_session (task);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  GTask *task = data;

  ascend_billing_op_clear_timer (g_task_get_task_data (task));
  fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")));
  return G_SOURCE_REMOVE;
}

static void
polled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(AscendCheckoutSessionRow) row = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  session = ascend_billing_op_receive (result, task, &error);
  if (session == NULL || (row = ascend_billing_store_get_session (self->db, op->session_id, &error)) == NULL)
    return fail (task, error);

  switch (apply_session (self, row, session, op->outcome, &error))
    {
    case SESSION_FAILED:
      return fail (task, error);
    case SESSION_DONE:
      ascend_billing_outcome_set_tier (op->outcome, self->db, op->user_id);
      return ascend_billing_op_return (task);
    case SESSION_OPEN:
    default:
      break;
    }

  op->timer = g_timeout_source_new (self->poll_interval_ms);
  g_source_set_callback (op->timer, poll_timer_cb, task, NULL);
  g_source_attach (op->timer, g_main_context_get_thread_default ());
  if (cancellable != NULL)
    {
      op->timer_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->timer_cancel, (GSourceFunc) (void (*)(void)) poll_cancelled_cb, task, NULL);
      g_source_attach (op->timer_cancel, g_main_context_get_thread_default ());
    }
}

static void
poll_session (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  retrieve_session (task, op->session_id, polled_cb);
}

void
ascend_billing_wait_async (AscendBilling       *self,
                           gint64               user_id,
                           const char          *session_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autoptr(AscendCheckoutSessionRow) row = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_start (self, user_id, cancellable, callback, user_data, ascend_billing_wait_async);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  row = ascend_billing_store_get_session (self->db, session_id, NULL);
  if (row == NULL || row->user_id != user_id)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND,
                                    _("There is no checkout %s for this profile"),
                                    session_id ? session_id : ""));
  if (g_str_equal (row->status, "expired"))
    return fail (task, g_error_new_literal (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED,
                                            _("The checkout expired before it was paid; nothing was charged")));
  op->session_id = g_strdup (session_id);
  poll_session (task);
}

AscendBillingOutcome *
ascend_billing_wait_finish (AscendBilling  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- sync ---- */

/* Which tier a Stripe subscription gives: its metadata, or its price. */
static const char *
subscription_tier (JsonObject *sub)
{
  const char *tier = ascend_stripe_get_string (ascend_stripe_get_object (sub, "metadata"), "tier");
  JsonObject *items = ascend_stripe_get_object (sub, "items");
  JsonNode *data = items ? json_object_get_member (items, "data") : NULL;
  guint n_plans;
  const AscendTierPlan *plans = ascend_billing_tier_plans (&n_plans);

  for (guint i = 0; i < n_plans; i++)
    if (g_strcmp0 (plans[i].tier, tier) == 0)
      return plans[i].tier;
  if (data != NULL && JSON_NODE_HOLDS_ARRAY (data) && json_array_get_length (json_node_get_array (data)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (data), 0);
      JsonObject *price = JSON_NODE_HOLDS_OBJECT (first)
                          ? ascend_stripe_get_object (json_node_get_object (first), "price") : NULL;
      gint64 amount = ascend_stripe_get_int (price, "unit_amount");
      const char *currency = ascend_stripe_get_string (price, "currency");

      for (guint i = 0; i < n_plans; i++)
        if (plans[i].unit_amount == amount && g_strcmp0 (plans[i].currency, currency) == 0)
          return plans[i].tier;
    }
  return NULL;
}


static void sync_next_session (GTask *task);

static JsonArray *
list_data (JsonObject  *list,
           GError     **error)
{
  JsonNode *data = list ? json_object_get_member (list, "data") : NULL;

  if (g_strcmp0 (ascend_stripe_get_string (list, "object"), "list") != 0 ||
      data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    {
      ascend_billing_malformed (error, "list");
      return NULL;
    }
  return json_node_get_array (data);
}

/* The answer to a list request: its data (owned by *out_list, which the
 * caller frees), or NULL with error. */
static JsonArray *
receive_list (GAsyncResult  *result,
              GTask         *task,
              JsonObject   **out_list,
              GError       **error)
{
  *out_list = ascend_billing_op_receive (result, task, error);
  if (*out_list == NULL)
    return NULL;
  return list_data (*out_list, error);
}

/* The i-th element of a list's data if it is an object, else NULL. */
static JsonObject *
list_object (JsonArray *array,
             guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
belongs_to (JsonObject *object,
            gint64      user_id)
{
  const char *owner = ascend_stripe_get_string (ascend_stripe_get_object (object, "metadata"), "app_user_id");

  return owner == NULL || g_ascii_strtoll (owner, NULL, 10) == user_id;
}

static void
sync_finish (GTask *task)
{
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_clear_pointer (&op->outcome->tier, g_free);
  ascend_billing_outcome_set_tier (op->outcome, self->db, op->user_id);
  ascend_billing_op_return (task);
}

/* Paid sessions of the customer this app does not know of (the database
 * was restored from before the purchase, or the row was lost). */
static void
sync_paid_sessions_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) list = NULL;
  JsonArray *array;
  GError *error = NULL;

  array = receive_list (result, task, &list, &error);
  if (array == NULL)
    return fail (task, error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *session = list_object (array, i);
      const char *id = ascend_stripe_get_string (session, "id");
      const char *tokens_text = ascend_stripe_get_string (ascend_stripe_get_object (session, "metadata"), "tokens");
      gint64 tokens = tokens_text ? g_ascii_strtoll (tokens_text, NULL, 10) : 0;
      g_autoptr(AscendCheckoutSessionRow) row = NULL;
      g_autoptr(GError) local_error = NULL;

      if (id == NULL || g_strcmp0 (ascend_stripe_get_string (session, "mode"), "payment") != 0 ||
          g_strcmp0 (ascend_stripe_get_string (session, "status"), "complete") != 0 ||
          g_strcmp0 (ascend_stripe_get_string (session, "payment_status"), "paid") != 0 ||
          !belongs_to (session, op->user_id) || tokens <= 0)
        continue;
      row = ascend_billing_store_get_session (self->db, id, NULL);
      if (row != NULL && (row->payment_id > 0 || row->user_id != op->user_id))
        continue;
      if (row == NULL)
        {
          AscendCheckoutSessionRow fresh = { (char *) id, op->user_id, (char *) "payment", tokens };

          if (!ascend_billing_store_add_session (self->db, &fresh, &error) ||
              (row = ascend_billing_store_get_session (self->db, id, &error)) == NULL)
            return fail (task, error);
        }
      if (apply_session (self, row, session, op->outcome, &local_error) == SESSION_FAILED)
        {
          if (!g_error_matches (local_error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED))
            return fail (task, g_steal_pointer (&local_error));
          g_debug ("billing: sync skips session %s: %s", id, local_error->message);
        }
    }
  sync_finish (task);
}

static void
sync_subscriptions_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(GPtrArray) params = NULL;
  JsonArray *array;
  GError *error = NULL;

  array = receive_list (result, task, &list, &error);
  if (array == NULL)
    return fail (task, error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *sub = list_object (array, i);
      const char *status, *tier;

      if (sub == NULL || !ascend_billing_check_object (sub, "subscription", "sub_", NULL) ||
          !belongs_to (sub, op->user_id))
        continue;
      status = ascend_billing_local_subscription_status (ascend_stripe_get_string (sub, "status"));
      tier = subscription_tier (sub);
      if (status == NULL || tier == NULL)
        continue;
      g_clear_pointer (&op->outcome->tier, g_free);
      if (!ascend_billing_store_record_subscription (self->db, op->user_id, NULL,
                                                     ascend_stripe_get_string (sub, "id"), tier, status,
                                                     &op->outcome->subscription_id, &op->outcome->tier,
                                                     &error))
        return fail (task, error);
    }

  params = ascend_stripe_params_new ();
  ascend_stripe_params_add (params, "customer", op->customer_id);
  ascend_stripe_params_add (params, "status", "complete");
  ascend_stripe_params_add_int (params, "limit", 100);
  ascend_billing_op_send (task, "GET", "/v1/checkout/sessions", params, NULL, sync_paid_sessions_cb);
}

static void
sync_subscriptions (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) params = NULL;

  if (op->customer_id == NULL)
    return sync_finish (task);  /* never bought anything */
  params = ascend_stripe_params_new ();
  ascend_stripe_params_add (params, "customer", op->customer_id);
  ascend_stripe_params_add (params, "status", "all");
  ascend_stripe_params_add_int (params, "limit", 100);
  ascend_billing_op_send (task, "GET", "/v1/subscriptions", params, NULL, sync_subscriptions_cb);
}

static void
sync_session_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(AscendCheckoutSessionRow) row = NULL;
  g_autoptr(GError) error = NULL;

  session = ascend_billing_op_receive (result, task, &error);
  if (session == NULL)
    {
      /* Unknown to this Stripe account (e.g. another key): leave it be. */
      if (!g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND))
        return fail (task, g_steal_pointer (&error));
      g_debug ("billing: sync: %s", error->message);
      return sync_next_session (task);
    }
  row = ascend_billing_store_get_session (self->db, op->session_id, &error);
  if (row == NULL)
    return fail (task, g_steal_pointer (&error));
  if (apply_session (self, row, session, op->outcome, &error) == SESSION_FAILED &&
      !g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED) &&
      !g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_DECLINED))
    return fail (task, g_steal_pointer (&error));
  sync_next_session (task);
}

static void
sync_next_session (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->pending == NULL || op->pending->len == 0)
    return sync_subscriptions (task);
  g_free (op->session_id);
  op->session_id = g_ptr_array_steal_index (op->pending, 0);
  retrieve_session (task, op->session_id, sync_session_cb);
}

void
ascend_billing_sync_async (AscendBilling       *self,
                           gint64               user_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GPtrArray) open = NULL;
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_start (self, user_id, cancellable, callback, user_data, ascend_billing_sync_async);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  if ((user = ascend_user_get (self->db, user_id, &error)) == NULL ||
      (open = ascend_billing_store_open_sessions (self->db, user_id, &error)) == NULL)
    return fail (task, error);
  op->customer_id = g_strdup (ascend_billing_customer_id (user));
  op->pending = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < open->len; i++)
    g_ptr_array_add (op->pending,
                     g_strdup (((AscendCheckoutSessionRow *) g_ptr_array_index (open, i))->session_id));
  sync_next_session (task);
}

AscendBillingOutcome *
ascend_billing_sync_finish (AscendBilling  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
