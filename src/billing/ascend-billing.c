/* ascend-billing.c: token packs, tiers, the customer, checkout, cancel and refund
 *
 * Waiting for a checkout and sync are in ascend-billing-sessions.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ascend-billing-private.h"
#include "ascend-user-store.h"

G_DEFINE_QUARK (ascend-billing-error-quark, ascend_billing_error)

static const AscendTokenPack token_packs[] = {
  { "pack-50", 50, 499, "eur" },
  { "pack-120", 120, 999, "eur" },
  { "pack-300", 300, 1999, "eur" },
};

static const AscendTierPlan tier_plans[] = {
  { "premium", 499, "eur" },
  { "pro", 999, "eur" },
};

const AscendTokenPack *
ascend_billing_token_packs (guint *n_packs)
{
  if (n_packs != NULL)
    *n_packs = G_N_ELEMENTS (token_packs);
  return token_packs;
}

const AscendTokenPack *
ascend_billing_find_pack (gint64 tokens)
{
  for (guint i = 0; i < G_N_ELEMENTS (token_packs); i++)
    if (token_packs[i].tokens == tokens)
      return &token_packs[i];
  return NULL;
}

const AscendTierPlan *
ascend_billing_tier_plans (guint *n_plans)
{
  if (n_plans != NULL)
    *n_plans = G_N_ELEMENTS (tier_plans);
  return tier_plans;
}


static const AscendTierPlan *
find_plan (const char *tier)
{
  for (guint i = 0; tier != NULL && i < G_N_ELEMENTS (tier_plans); i++)
    if (g_str_equal (tier_plans[i].tier, tier))
      return &tier_plans[i];
  return NULL;
}

void
ascend_checkout_free (AscendCheckout *checkout)
{
  if (checkout == NULL)
    return;
  g_free (checkout->session_id);
  g_free (checkout->url);
  g_free (checkout->mode);
  g_free (checkout);
}

void
ascend_billing_outcome_free (AscendBillingOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->tier);
  g_free (outcome);
}

/* ---- the object ---- */

/* Where the browser goes after paying or giving up: the app polls Stripe
 * itself, so these only need to be pages the user can close. */
#define SUCCESS_URL "https://github.com/animeascend/AnimeAscend#checkout-complete"
#define CANCEL_URL  "https://github.com/animeascend/AnimeAscend#checkout-cancelled"

#define DEFAULT_POLL_MS 2000


G_DEFINE_FINAL_TYPE (AscendBilling, ascend_billing, G_TYPE_OBJECT)

static void
ascend_billing_finalize (GObject *object)
{
  AscendBilling *self = ASCEND_BILLING (object);

  g_clear_object (&self->db);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (ascend_billing_parent_class)->finalize (object);
}

static void
ascend_billing_class_init (AscendBillingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ascend_billing_finalize;
}

static void
ascend_billing_init (AscendBilling *self)
{
  self->poll_interval_ms = DEFAULT_POLL_MS;
}

AscendBilling *
ascend_billing_new (AscendDatabase *db,
                    const char     *api_base,
                    const char     *secret_key)
{
  AscendBilling *self;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (api_base != NULL, NULL);

  self = g_object_new (ASCEND_TYPE_BILLING, NULL);
  self->db = g_object_ref (db);
  self->client = ascend_stripe_client_new (api_base, secret_key);
  return self;
}

void
ascend_billing_set_secret_key (AscendBilling *self,
                               const char    *secret_key)
{
  g_return_if_fail (ASCEND_IS_BILLING (self));
  ascend_stripe_client_set_secret_key (self->client, secret_key);
}

gboolean
ascend_billing_has_key (AscendBilling *self)
{
  g_return_val_if_fail (ASCEND_IS_BILLING (self), FALSE);
  return ascend_stripe_client_has_key (self->client);
}

void
ascend_billing_set_timeouts (AscendBilling *self,
                             guint          request_timeout_ms,
                             guint          poll_interval_ms)
{
  g_return_if_fail (ASCEND_IS_BILLING (self));
  ascend_stripe_client_set_timeout (self->client, request_timeout_ms);
  if (poll_interval_ms > 0)
    self->poll_interval_ms = poll_interval_ms;
}

AscendStripeClient *
ascend_billing_get_client (AscendBilling *self)
{
  g_return_val_if_fail (ASCEND_IS_BILLING (self), NULL);
  return self->client;
}

/* ---- helpers ---- */

/* Stripe amounts are in the currency's smallest unit; these have no decimals. */
char *
ascend_billing_format_amount (gint64      minor,
               const char *currency)
{
  static const char * const zero_decimal[] = {
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf",
    "ugx", "vnd", "vuv", "xaf", "xof", "xpf", NULL
  };

  if (currency != NULL && g_strv_contains (zero_decimal, currency))
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", minor / 100, (int) (minor % 100));
}

gboolean
ascend_billing_malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED,
               /* Translators: %s is a Stripe object, e.g. checkout.session */
               _("Stripe answered with something that is not a valid %s"), what);
  return FALSE;
}

/* The answer is a Stripe object of this type with an id starting with prefix. */
gboolean
ascend_billing_check_object (JsonObject  *object,
              const char  *type,
              const char  *prefix,
              GError     **error)
{
  const char *id = ascend_stripe_get_string (object, "id");

  if (g_strcmp0 (ascend_stripe_get_string (object, "object"), type) != 0 ||
      id == NULL || !g_str_has_prefix (id, prefix))
    return ascend_billing_malformed (error, type);
  return TRUE;
}

/* An expandable member: the id, whether it came as a string or an object. */
const char *
ascend_billing_expandable_id (JsonObject  *object,
               const char  *member,
               JsonObject **out_expanded)
{
  JsonObject *expanded = ascend_stripe_get_object (object, member);

  if (out_expanded)
    *out_expanded = expanded;
  if (expanded != NULL)
    return ascend_stripe_get_string (expanded, "id");
  return ascend_stripe_get_string (object, member);
}

const char *
ascend_billing_local_subscription_status (const char *stripe_status)
{
  if (g_strcmp0 (stripe_status, "active") == 0 || g_strcmp0 (stripe_status, "trialing") == 0)
    return "active";
  if (g_strcmp0 (stripe_status, "past_due") == 0 || g_strcmp0 (stripe_status, "unpaid") == 0)
    return "past_due";
  if (g_strcmp0 (stripe_status, "canceled") == 0 || g_strcmp0 (stripe_status, "incomplete_expired") == 0 ||
      g_strcmp0 (stripe_status, "paused") == 0)
    return "canceled";
  return NULL;  /* incomplete: not a subscription yet */
}


static AscendBillingOutcome *
outcome_new (void)
{
  return g_new0 (AscendBillingOutcome, 1);
}

void
ascend_billing_outcome_set_tier (AscendBillingOutcome *outcome,
                  AscendDatabase       *db,
                  gint64                user_id)
{
  if (outcome->tier == NULL)
    outcome->tier = ascend_billing_store_get_tier (db, user_id, NULL);
}


void
ascend_billing_op_clear_timer (Op *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_clear_pointer (&op->timer, g_source_unref);
    }
  if (op->timer_cancel != NULL)
    {
      g_source_destroy (op->timer_cancel);
      g_clear_pointer (&op->timer_cancel, g_source_unref);
    }
}

static void
op_free (Op *op)
{
  ascend_billing_op_clear_timer (op);
  g_free (op->key);
  g_free (op->session_id);
  g_free (op->customer_id);
  g_free (op->tier);
  g_clear_pointer (&op->outcome, ascend_billing_outcome_free);
  g_clear_pointer (&op->pending, g_ptr_array_unref);
  g_clear_error (&op->saved_error);
  g_free (op);
}

GTask *
ascend_billing_op_new (AscendBilling       *self,
             gint64               user_id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->user_id = user_id;
  op->outcome = outcome_new ();
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

void
ascend_billing_op_fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

void
ascend_billing_op_return (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&op->outcome), (GDestroyNotify) ascend_billing_outcome_free);
  g_object_unref (task);
}

void
ascend_billing_op_send (GTask               *task,
      const char          *method,
      const char          *path,
      GPtrArray           *params,
      const char          *key,
      GAsyncReadyCallback  callback)
{
  AscendBilling *self = g_task_get_source_object (task);

  ascend_stripe_client_request_async (self->client, method, path, params, key,
                                      g_task_get_cancellable (task), callback, task);
}

JsonObject *
ascend_billing_op_receive (GAsyncResult  *result,
         GTask         *task,
         GError       **error)
{
  AscendBilling *self = g_task_get_source_object (task);

  return ascend_stripe_client_request_finish (self->client, result, error);
}

gboolean
ascend_billing_check_key (AscendBilling  *self,
           GError        **error)
{
  if (ascend_stripe_client_has_key (self->client))
    return TRUE;
  g_set_error_literal (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY,
                       _("No Stripe secret key: set STRIPE_API_KEY or enter it in Preferences → Billing"));
  return FALSE;
}

GTask *
ascend_billing_op_start (AscendBilling       *self,
                         gint64               user_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data,
                         gpointer             source_tag)
{
  GTask *task = ascend_billing_op_new (self, user_id, cancellable, callback, user_data, source_tag);
  GError *error = NULL;

  if (!ascend_billing_check_key (self, &error))
    {
      ascend_billing_op_fail (task, error);
      return NULL;
    }
  return task;
}

const char *
ascend_billing_customer_id (AscendUser *user)
{
  if (user->stripe_customer_id == NULL || *user->stripe_customer_id == '\0')
    return NULL;
  return user->stripe_customer_id;
}

/* ---- the customer ---- */

/* Ends the task with error (short for ascend_billing_op_fail). */
static inline void
fail (GTask  *task,
      GError *error)
{
  ascend_billing_op_fail (task, error);
}


static void
customer_created_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) customer = NULL;
  GError *error = NULL;
  const char *id;

  customer = ascend_billing_op_receive (result, task, &error);
  if (customer == NULL || !ascend_billing_check_object (customer, "customer", "cus_", &error))
    return fail (task, error);
  id = ascend_stripe_get_string (customer, "id");
  if (!ascend_billing_store_set_customer (self->db, op->user_id, id, &error) ||
      !ascend_billing_store_request_done (self->db, op->key, id, &error))
    return fail (task, error);
  g_task_return_pointer (task, g_strdup (id), g_free);
  g_object_unref (task);
}

void
ascend_billing_ensure_customer_async (AscendBilling       *self,
                                      gint64               user_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GPtrArray) params = NULL;
  const char *customer_id;
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_start (self, user_id, cancellable, callback, user_data,
                                  ascend_billing_ensure_customer_async);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  if ((user = ascend_user_get (self->db, user_id, &error)) == NULL)
    return fail (task, error);
  customer_id = ascend_billing_customer_id (user);
  if (customer_id != NULL)
    {
      g_task_return_pointer (task, g_strdup (customer_id), g_free);
      g_object_unref (task);
      return;
    }

  op->key = ascend_billing_store_request_key (self->db, user_id, "customer", &error);
  if (op->key == NULL)
    return fail (task, error);
  /* The profile's name and email, and nothing else about the person. */
  params = ascend_stripe_params_new ();
  if (user->name != NULL && *user->name != '\0')
    ascend_stripe_params_add (params, "name", user->name);
  if (user->email != NULL && *user->email != '\0')
    ascend_stripe_params_add (params, "email", user->email);
  ascend_stripe_params_add_int (params, "metadata[app_user_id]", user_id);
  ascend_billing_op_send (task, "POST", "/v1/customers", params, op->key, customer_created_cb);
}

char *
ascend_billing_ensure_customer_finish (AscendBilling  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- checkout ---- */

static void checkout_customer_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      data);

static void
customer_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GError) error = NULL;
  GError *store_error = NULL;
  JsonNode *deleted;

  customer = ascend_billing_op_receive (result, task, &error);
  deleted = customer ? json_object_get_member (customer, "deleted") : NULL;
  if (!(customer == NULL && g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND)) &&
      !(deleted != NULL && JSON_NODE_HOLDS_VALUE (deleted) && json_node_get_boolean (deleted)))
    return fail (task, g_steal_pointer (&op->saved_error));

  /* Forget it, and the request that named it: a new customer, a new key. */
  g_clear_error (&op->saved_error);
  if (!ascend_billing_store_set_customer (self->db, op->user_id, NULL, &store_error) ||
      !ascend_billing_store_request_done (self->db, op->key, NULL, &store_error))
    return fail (task, store_error);
  op->retried = TRUE;
  g_clear_pointer (&op->customer_id, g_free);
  g_clear_pointer (&op->key, g_free);
  ascend_billing_ensure_customer_async (self, op->user_id, g_task_get_cancellable (task), checkout_customer_cb, task);
}

static void
session_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) session = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  AscendCheckoutSessionRow row = { 0 };
  GError *error = NULL;
  const char *mode;

  session = ascend_billing_op_receive (result, task, &error);
  if (session == NULL && g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND) &&
      !op->retried)
    {
      g_autofree char *path = g_strconcat ("/v1/customers/", op->customer_id, NULL);

      /* Is it the customer Stripe does not know (deleted, or made with
       * another account's key)? */
      op->saved_error = error;
      return ascend_billing_op_send (task, "GET", path, NULL, NULL, customer_checked_cb);
    }
  if (session == NULL || !ascend_billing_check_object (session, "checkout.session", "cs_", &error))
    return fail (task, error);
  mode = ascend_stripe_get_string (session, "mode");
  if (ascend_stripe_get_string (session, "url") == NULL ||
      g_strcmp0 (mode, op->tokens > 0 ? "payment" : "subscription") != 0)
    return fail (task, (ascend_billing_malformed (&error, "checkout.session"), error));

  checkout = g_new0 (AscendCheckout, 1);
  checkout->session_id = g_strdup (ascend_stripe_get_string (session, "id"));
  checkout->url = g_strdup (ascend_stripe_get_string (session, "url"));
  checkout->mode = g_strdup (mode);

  /* Remembered before anyone sees the URL: sync finds it after a crash. */
  row.session_id = checkout->session_id;
  row.user_id = op->user_id;
  row.mode = checkout->mode;
  row.tokens = op->tokens;
  row.tier = op->tier;
  row.url = checkout->url;
  if (!ascend_billing_store_add_session (self->db, &row, &error) ||
      !ascend_billing_store_request_done (self->db, op->key, checkout->session_id, &error))
    return fail (task, error);
  g_task_return_pointer (task, g_steal_pointer (&checkout), (GDestroyNotify) ascend_checkout_free);
  g_object_unref (task);
}

static void
checkout_customer_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) params = ascend_stripe_params_new ();
  g_autofree char *purpose = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  op->customer_id = ascend_billing_ensure_customer_finish (self, result, &error);
  if (op->customer_id == NULL)
    return fail (task, error);

  ascend_stripe_params_add (params, "customer", op->customer_id);
  ascend_stripe_params_add_int (params, "client_reference_id", op->user_id);
  ascend_stripe_params_add (params, "success_url", SUCCESS_URL);
  ascend_stripe_params_add (params, "cancel_url", CANCEL_URL);
  ascend_stripe_params_add_int (params, "metadata[app_user_id]", op->user_id);
  if (op->pack != NULL)
    {
      const AscendTokenPack *pack = op->pack;

      purpose = g_strdup_printf ("checkout:tokens:%" G_GINT64_FORMAT, op->tokens);
      name = g_strdup_printf ("Anime Ascend: %" G_GINT64_FORMAT " tokens", op->tokens);
      ascend_stripe_params_add (params, "mode", "payment");
      ascend_stripe_params_add (params, "line_items[0][price_data][currency]", pack->currency);
      ascend_stripe_params_add_int (params, "line_items[0][price_data][unit_amount]", pack->unit_amount);
      ascend_stripe_params_add (params, "line_items[0][price_data][product_data][name]", name);
      ascend_stripe_params_add_int (params, "line_items[0][quantity]", 1);
      ascend_stripe_params_add_int (params, "metadata[tokens]", op->tokens);
      ascend_stripe_params_add (params, "metadata[pack]", pack->id);
      ascend_stripe_params_add_int (params, "payment_intent_data[metadata][app_user_id]", op->user_id);
      ascend_stripe_params_add_int (params, "payment_intent_data[metadata][tokens]", op->tokens);
    }
  else
    {
      const AscendTierPlan *plan = op->plan;

      purpose = g_strdup_printf ("checkout:tier:%s", plan->tier);
      name = g_strdup_printf ("Anime Ascend %s", g_str_equal (plan->tier, "pro") ? "Pro" : "Premium");
      ascend_stripe_params_add (params, "mode", "subscription");
      ascend_stripe_params_add (params, "line_items[0][price_data][currency]", plan->currency);
      ascend_stripe_params_add_int (params, "line_items[0][price_data][unit_amount]", plan->unit_amount);
      ascend_stripe_params_add (params, "line_items[0][price_data][product_data][name]", name);
      ascend_stripe_params_add (params, "line_items[0][price_data][recurring][interval]", "month");
      ascend_stripe_params_add_int (params, "line_items[0][quantity]", 1);
      ascend_stripe_params_add (params, "metadata[tier]", plan->tier);
      ascend_stripe_params_add (params, "subscription_data[metadata][tier]", plan->tier);
      ascend_stripe_params_add_int (params, "subscription_data[metadata][app_user_id]", op->user_id);
    }

  op->key = ascend_billing_store_request_key (self->db, op->user_id, purpose, &error);
  if (op->key == NULL)
    return fail (task, error);
  ascend_billing_op_send (task, "POST", "/v1/checkout/sessions", params, op->key, session_created_cb);
}

void
ascend_billing_checkout_tokens_async (AscendBilling       *self,
                                      gint64               user_id,
                                      gint64               tokens,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_new (self, user_id, cancellable, callback, user_data, ascend_billing_checkout_tokens_async);
  op = g_task_get_task_data (task);
  op->pack = ascend_billing_find_pack (tokens);
  if (op->pack == NULL)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND,
                                    _("There is no pack of %" PRId64 " tokens: choose 50, 120 or 300"),
                                    tokens));
  op->tokens = tokens;
  ascend_billing_ensure_customer_async (self, user_id, cancellable, checkout_customer_cb, task);
}

void
ascend_billing_checkout_tier_async (AscendBilling       *self,
                                    gint64               user_id,
                                    const char          *tier,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autoptr(AscendSubscription) active = NULL;
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_new (self, user_id, cancellable, callback, user_data, ascend_billing_checkout_tier_async);
  op = g_task_get_task_data (task);
  op->plan = find_plan (tier);
  if (op->plan == NULL)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND,
                                    _("There is no “%s” plan: choose premium or pro"), tier ? tier : ""));
  active = ascend_billing_store_active_subscription (self->db, user_id, &error);
  if (error != NULL)
    return fail (task, error);
  if (active != NULL)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_ALREADY_SUBSCRIBED,
                                    _("You already subscribe to %s: cancel it first to change plans"),
                                    active->tier));
  op->tier = g_strdup (op->plan->tier);
  ascend_billing_ensure_customer_async (self, user_id, cancellable, checkout_customer_cb, task);
}

AscendCheckout *
ascend_billing_checkout_finish (AscendBilling  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- cancel ---- */

static void
record_canceled (GTask      *task,
                 JsonObject *sub,
                 GError     *if_not_canceled)
{
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  const char *status;
  GError *error = NULL;

  if (!ascend_billing_check_object (sub, "subscription", "sub_", &error))
    {
      g_clear_error (&if_not_canceled);
      return fail (task, error);
    }
  status = ascend_billing_local_subscription_status (ascend_stripe_get_string (sub, "status"));
  if (g_strcmp0 (status, "canceled") != 0 && if_not_canceled != NULL)
    return fail (task, if_not_canceled);
  g_clear_error (&if_not_canceled);
  if (status == NULL)
    return fail (task, (ascend_billing_malformed (&error, "subscription"), error));
  if (!ascend_billing_store_record_subscription (self->db, op->user_id, NULL, op->session_id, op->tier, status,
                                                 &op->outcome->subscription_id, &op->outcome->tier, &error))
    return fail (task, error);
  ascend_billing_op_return (task);
}

static void
cancel_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  GTask *task = data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) sub = NULL;
  GError *original = g_steal_pointer (&op->saved_error);
  g_autoptr(GError) error = NULL;

  sub = ascend_billing_op_receive (result, task, &error);
  if (sub == NULL)
    return fail (task, original);
  record_canceled (task, sub, original);
}

static void
cancel_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GTask *task = data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) sub = NULL;
  GError *error = NULL;

  sub = ascend_billing_op_receive (result, task, &error);
  if (sub != NULL)
    return record_canceled (task, sub, NULL);
  if (!g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE) &&
      !g_error_matches (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND))
    return fail (task, error);
  /* Already canceled at Stripe (the dashboard, another device)? Then
   * that is what the profile should show. */
  {
    g_autofree char *path = g_strconcat ("/v1/subscriptions/", op->session_id, NULL);

    op->saved_error = error;
    ascend_billing_op_send (task, "GET", path, NULL, NULL, cancel_checked_cb);
  }
}

void
ascend_billing_cancel_subscription_async (AscendBilling       *self,
                                          gint64               user_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autoptr(AscendSubscription) active = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_start (self, user_id, cancellable, callback, user_data,
                                  ascend_billing_cancel_subscription_async);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  active = ascend_billing_store_active_subscription (self->db, user_id, &error);
  if (active == NULL)
    return fail (task, error ? error : g_error_new_literal (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND,
                                                            _("There is no active subscription to cancel")));
  op->session_id = g_strdup (active->stripe_subscription_id);
  op->tier = g_strdup (active->tier);
  /* DELETE cancels at once; it is idempotent by nature, so no key is needed. */
  path = g_strconcat ("/v1/subscriptions/", op->session_id, NULL);
  ascend_billing_op_send (task, "DELETE", path, NULL, NULL, cancel_cb);
}

AscendBillingOutcome *
ascend_billing_cancel_subscription_finish (AscendBilling  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- refund ---- */

static void
refunded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  AscendBilling *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) refund = NULL;
  g_autofree char *description = NULL;
  const char *status;
  GError *error = NULL;

  refund = ascend_billing_op_receive (result, task, &error);
  if (refund == NULL || !ascend_billing_check_object (refund, "refund", "re_", &error))
    return fail (task, error);
  status = ascend_stripe_get_string (refund, "status");
  if (g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "canceled") == 0)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE,
                                    _("Stripe could not refund the payment (the refund is %s)"), status));
  if (status == NULL)
    return fail (task, (ascend_billing_malformed (&error, "refund"), error));

  description = g_strdup_printf (_("Refund of %" PRId64 " tokens"), op->tokens);
  if (!ascend_billing_store_record_refund (self->db, op->user_id, op->payment_id,
                                           ascend_stripe_get_string (refund, "id"), op->tokens, description,
                                           &op->outcome->tokens_removed, &error) ||
      !ascend_billing_store_request_done (self->db, op->key, ascend_stripe_get_string (refund, "id"), &error))
    return fail (task, error);
  op->outcome->payment_id = op->payment_id;
  ascend_billing_outcome_set_tier (op->outcome, self->db, op->user_id);
  ascend_billing_op_return (task);
}

void
ascend_billing_refund_async (AscendBilling       *self,
                             gint64               user_id,
                             gint64               payment_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autoptr(AscendPayment) payment = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *purpose = NULL;
  gint64 balance;
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = ascend_billing_op_start (self, user_id, cancellable, callback, user_data, ascend_billing_refund_async);
  if (task == NULL)
    return;
  op = g_task_get_task_data (task);
  payment = payment_id > 0 ? ascend_payment_get (self->db, payment_id, NULL) : NULL;
  if (payment == NULL || payment->user_id != user_id)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND,
                                    _("There is no payment %" PRId64 " for this profile"), payment_id));
  if (g_strcmp0 (payment->status, "succeeded") != 0 || payment->stripe_payment_intent_id == NULL)
    return fail (task, g_error_new_literal (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_REFUNDABLE,
                                            _("This payment did not go through, so there is nothing to refund")));
  if (ascend_billing_store_is_refunded (self->db, payment_id))
    return fail (task, g_error_new_literal (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_REFUNDABLE,
                                            _("This payment has already been refunded")));
  op->tokens = ascend_billing_store_payment_tokens (self->db, payment_id, &error);
  if (op->tokens < 0)
    return fail (task, error);
  if (op->tokens == 0)
    return fail (task, g_error_new_literal (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_REFUNDABLE,
                                            _("This payment did not buy tokens; only token packs are refunded here")));
  balance = ascend_token_ledger_balance (self->db, user_id, &error);
  if (balance < 0)
    return fail (task, error);
  if (balance < op->tokens)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_REFUNDABLE,
                                    _("The %" PRId64 " tokens of this purchase have been spent (the "
                                      "balance is %" PRId64 "): only unspent tokens can be refunded"),
                                    op->tokens, balance));

  op->payment_id = payment_id;
  purpose = g_strdup_printf ("refund:%" G_GINT64_FORMAT, payment_id);
  op->key = ascend_billing_store_request_key (self->db, user_id, purpose, &error);
  if (op->key == NULL)
    return fail (task, error);
  params = ascend_stripe_params_new ();
  ascend_stripe_params_add (params, "payment_intent", payment->stripe_payment_intent_id);
  ascend_stripe_params_add (params, "reason", "requested_by_customer");
  ascend_stripe_params_add_int (params, "metadata[app_user_id]", user_id);
  ascend_stripe_params_add_int (params, "metadata[tokens]", op->tokens);
  ascend_billing_op_send (task, "POST", "/v1/refunds", params, op->key, refunded_cb);
}

AscendBillingOutcome *
ascend_billing_refund_finish (AscendBilling  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
