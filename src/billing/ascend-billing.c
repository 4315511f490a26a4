/* ascend-billing.c: token packs, tiers and the Stripe flows */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ascend-billing.h"
#include "ascend-billing-store.h"
#include "ascend-stripe-client.h"
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

struct _AscendBilling
{
  GObject             parent_instance;

  AscendDatabase     *db;
  AscendStripeClient *client;
  guint               poll_interval_ms;
};

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
static char *
format_amount (gint64      minor,
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

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED,
               /* Translators: %s is a Stripe object, e.g. checkout.session */
               _("Stripe answered with something that is not a valid %s"), what);
  return FALSE;
}

/* The answer is a Stripe object of this type with an id starting with prefix. */
static gboolean
check_object (JsonObject  *object,
              const char  *type,
              const char  *prefix,
              GError     **error)
{
  const char *id = ascend_stripe_get_string (object, "id");

  if (g_strcmp0 (ascend_stripe_get_string (object, "object"), type) != 0 ||
      id == NULL || !g_str_has_prefix (id, prefix))
    return malformed (error, type);
  return TRUE;
}

/* An expandable member: the id, whether it came as a string or an object. */
static const char *
expandable_id (JsonObject  *object,
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

static const char *
local_subscription_status (const char *stripe_status)
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

/* Which tier a Stripe subscription gives: its metadata, or its price. */
static const char *
subscription_tier (JsonObject *sub)
{
  const char *tier = ascend_stripe_get_string (ascend_stripe_get_object (sub, "metadata"), "tier");
  JsonObject *items = ascend_stripe_get_object (sub, "items");
  JsonNode *data = items ? json_object_get_member (items, "data") : NULL;

  if (find_plan (tier) != NULL)
    return find_plan (tier)->tier;
  if (data != NULL && JSON_NODE_HOLDS_ARRAY (data) && json_array_get_length (json_node_get_array (data)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (data), 0);
      JsonObject *price = JSON_NODE_HOLDS_OBJECT (first)
                          ? ascend_stripe_get_object (json_node_get_object (first), "price") : NULL;
      gint64 amount = ascend_stripe_get_int (price, "unit_amount");
      const char *currency = ascend_stripe_get_string (price, "currency");

      for (guint i = 0; i < G_N_ELEMENTS (tier_plans); i++)
        if (tier_plans[i].unit_amount == amount && g_strcmp0 (tier_plans[i].currency, currency) == 0)
          return tier_plans[i].tier;
    }
  return NULL;
}

static AscendBillingOutcome *
outcome_new (void)
{
  return g_new0 (AscendBillingOutcome, 1);
}

static void
outcome_set_tier (AscendBillingOutcome *outcome,
                  AscendDatabase       *db,
                  gint64                user_id)
{
  if (outcome->tier == NULL)
    outcome->tier = ascend_billing_store_get_tier (db, user_id, NULL);
}

/* What an operation carries between its requests. */
typedef struct {
  gint64                user_id;
  char                 *key;          /* the idempotency key of the POST in flight */
  char                 *session_id;
  char                 *customer_id;
  gint64                tokens;
  char                 *tier;
  gint64                payment_id;
  AscendBillingOutcome *outcome;
  GPtrArray            *pending;      /* sync: session ids still to look at */
  GSource              *timer;
  GSource              *timer_cancel;
  const AscendTokenPack *pack;        /* checkout: what is bought */
  const AscendTierPlan *plan;
  GError               *saved_error;  /* cancel: the DELETE's error, until the GET says more */
} Op;

static void
op_clear_timer (Op *op)
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
  op_clear_timer (op);
  g_free (op->key);
  g_free (op->session_id);
  g_free (op->customer_id);
  g_free (op->tier);
  g_clear_pointer (&op->outcome, ascend_billing_outcome_free);
  g_clear_pointer (&op->pending, g_ptr_array_unref);
  g_clear_error (&op->saved_error);
  g_free (op);
}

static GTask *
op_task_new (AscendBilling       *self,
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

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
return_outcome (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&op->outcome), (GDestroyNotify) ascend_billing_outcome_free);
  g_object_unref (task);
}

static void
send (GTask               *task,
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

static JsonObject *
receive (GAsyncResult  *result,
         GTask         *task,
         GError       **error)
{
  AscendBilling *self = g_task_get_source_object (task);

  return ascend_stripe_client_request_finish (self->client, result, error);
}

static gboolean
check_key (AscendBilling  *self,
           GError        **error)
{
  if (ascend_stripe_client_has_key (self->client))
    return TRUE;
  g_set_error_literal (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY,
                       _("No Stripe secret key: set STRIPE_API_KEY or enter it in Preferences → Billing"));
  return FALSE;
}

/* ---- the customer ---- */

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

  customer = receive (result, task, &error);
  if (customer == NULL || !check_object (customer, "customer", "cus_", &error))
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
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_ensure_customer_async);
  op = g_task_get_task_data (task);
  if (!check_key (self, &error) || (user = ascend_user_get (self->db, user_id, &error)) == NULL)
    return fail (task, error);
  if (user->stripe_customer_id != NULL && *user->stripe_customer_id != '\0')
    {
      g_task_return_pointer (task, g_strdup (user->stripe_customer_id), g_free);
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
  send (task, "POST", "/v1/customers", params, op->key, customer_created_cb);
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

  session = receive (result, task, &error);
  if (session == NULL || !check_object (session, "checkout.session", "cs_", &error))
    return fail (task, error);
  mode = ascend_stripe_get_string (session, "mode");
  if (ascend_stripe_get_string (session, "url") == NULL ||
      g_strcmp0 (mode, op->tokens > 0 ? "payment" : "subscription") != 0)
    return fail (task, (malformed (&error, "checkout.session"), error));

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
  send (task, "POST", "/v1/checkout/sessions", params, op->key, session_created_cb);
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

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_checkout_tokens_async);
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

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_checkout_tier_async);
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

  if (!check_object (session, "checkout.session", "cs_", error))
    return SESSION_FAILED;
  if (g_strcmp0 (ascend_stripe_get_string (session, "id"), row->session_id) != 0 ||
      g_strcmp0 (mode, row->mode) != 0 || status == NULL || payment_status == NULL)
    return malformed (error, "checkout.session"), SESSION_FAILED;

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
      const char *pi_id = expandable_id (session, "payment_intent", &pi);
      JsonObject *last_error = ascend_stripe_get_object (pi, "last_payment_error");

      if (last_error != NULL && pi_id != NULL)
        {
          const char *message = ascend_stripe_get_string (last_error, "message");
          gint64 amount = ascend_stripe_get_int (pi, "amount");
          const char *currency = ascend_stripe_get_string (pi, "currency");
          g_autofree char *amount_text = format_amount (MAX (amount, 0), currency);

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
    return malformed (error, "checkout.session"), SESSION_FAILED;
  if (!g_str_equal (payment_status, "paid"))
    return SESSION_OPEN;  /* e.g. a bank transfer still on its way */

  if (g_str_equal (mode, "payment"))
    {
      const char *pi_id = expandable_id (session, "payment_intent", &pi);
      const char *currency = ascend_stripe_get_string (session, "currency");
      gint64 amount = ascend_stripe_get_int (session, "amount_total");
      const char *meta_tokens = ascend_stripe_get_string (ascend_stripe_get_object (session, "metadata"), "tokens");
      g_autofree char *amount_text = NULL;
      g_autofree char *description = NULL;
      gint64 credited = 0;

      if (pi_id == NULL || !g_str_has_prefix (pi_id, "pi_") || currency == NULL || strlen (currency) != 3 ||
          amount < 0 || (meta_tokens != NULL && g_ascii_strtoll (meta_tokens, NULL, 10) != row->tokens))
        return malformed (error, "checkout.session"), SESSION_FAILED;
      amount_text = format_amount (amount, currency);
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
      const char *sub_id = expandable_id (session, "subscription", &sub);
      const char *sub_status = sub ? local_subscription_status (ascend_stripe_get_string (sub, "status")) : "active";

      if (sub_id == NULL || !g_str_has_prefix (sub_id, "sub_"))
        return malformed (error, "checkout.session"), SESSION_FAILED;
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

  send (task, "GET", path, params, NULL, callback);
}

/* ---- wait ---- */

static void poll_session (GTask *task);

static gboolean
poll_timer_cb (gpointer data)
{
  GTask *task = data;

  op_clear_timer (g_task_get_task_data (task));
  poll_session (task);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  GTask *task = data;

  op_clear_timer (g_task_get_task_data (task));
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

  session = receive (result, task, &error);
  if (session == NULL || (row = ascend_billing_store_get_session (self->db, op->session_id, &error)) == NULL)
    return fail (task, error);

  switch (apply_session (self, row, session, op->outcome, &error))
    {
    case SESSION_FAILED:
      return fail (task, error);
    case SESSION_DONE:
      outcome_set_tier (op->outcome, self->db, op->user_id);
      return return_outcome (task);
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
  GError *error = NULL;

  g_return_if_fail (ASCEND_IS_BILLING (self));

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_wait_async);
  op = g_task_get_task_data (task);
  if (!check_key (self, &error))
    return fail (task, error);
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

static void sync_next_session (GTask *task);

static JsonArray *
list_data (JsonObject  *list,
           GError     **error)
{
  JsonNode *data = list ? json_object_get_member (list, "data") : NULL;

  if (g_strcmp0 (ascend_stripe_get_string (list, "object"), "list") != 0 ||
      data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    {
      malformed (error, "list");
      return NULL;
    }
  return json_node_get_array (data);
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
  outcome_set_tier (op->outcome, self->db, op->user_id);
  return_outcome (task);
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

  list = receive (result, task, &error);
  if (list == NULL || (array = list_data (list, &error)) == NULL)
    return fail (task, error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *session = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
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

  list = receive (result, task, &error);
  if (list == NULL || (array = list_data (list, &error)) == NULL)
    return fail (task, error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *sub = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *status, *tier;

      if (sub == NULL || !check_object (sub, "subscription", "sub_", NULL) || !belongs_to (sub, op->user_id))
        continue;
      status = local_subscription_status (ascend_stripe_get_string (sub, "status"));
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
  send (task, "GET", "/v1/checkout/sessions", params, NULL, sync_paid_sessions_cb);
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
  send (task, "GET", "/v1/subscriptions", params, NULL, sync_subscriptions_cb);
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

  session = receive (result, task, &error);
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

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_sync_async);
  op = g_task_get_task_data (task);
  if (!check_key (self, &error) ||
      (user = ascend_user_get (self->db, user_id, &error)) == NULL ||
      (open = ascend_billing_store_open_sessions (self->db, user_id, &error)) == NULL)
    return fail (task, error);
  if (user->stripe_customer_id != NULL && *user->stripe_customer_id != '\0')
    op->customer_id = g_strdup (user->stripe_customer_id);
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

  if (!check_object (sub, "subscription", "sub_", &error))
    {
      g_clear_error (&if_not_canceled);
      return fail (task, error);
    }
  status = local_subscription_status (ascend_stripe_get_string (sub, "status"));
  if (g_strcmp0 (status, "canceled") != 0 && if_not_canceled != NULL)
    return fail (task, if_not_canceled);
  g_clear_error (&if_not_canceled);
  if (status == NULL)
    return fail (task, (malformed (&error, "subscription"), error));
  if (!ascend_billing_store_record_subscription (self->db, op->user_id, NULL, op->session_id, op->tier, status,
                                                 &op->outcome->subscription_id, &op->outcome->tier, &error))
    return fail (task, error);
  return_outcome (task);
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

  sub = receive (result, task, &error);
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

  sub = receive (result, task, &error);
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
    send (task, "GET", path, NULL, NULL, cancel_checked_cb);
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

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_cancel_subscription_async);
  op = g_task_get_task_data (task);
  if (!check_key (self, &error))
    return fail (task, error);
  active = ascend_billing_store_active_subscription (self->db, user_id, &error);
  if (active == NULL)
    return fail (task, error ? error : g_error_new_literal (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND,
                                                            _("There is no active subscription to cancel")));
  op->session_id = g_strdup (active->stripe_subscription_id);
  op->tier = g_strdup (active->tier);
  /* DELETE cancels at once; it is idempotent by nature, so no key is needed. */
  path = g_strconcat ("/v1/subscriptions/", op->session_id, NULL);
  send (task, "DELETE", path, NULL, NULL, cancel_cb);
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

  refund = receive (result, task, &error);
  if (refund == NULL || !check_object (refund, "refund", "re_", &error))
    return fail (task, error);
  status = ascend_stripe_get_string (refund, "status");
  if (g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "canceled") == 0)
    return fail (task, g_error_new (ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE,
                                    _("Stripe could not refund the payment (the refund is %s)"), status));
  if (status == NULL)
    return fail (task, (malformed (&error, "refund"), error));

  description = g_strdup_printf (_("Refund of %" PRId64 " tokens"), op->tokens);
  if (!ascend_billing_store_record_refund (self->db, op->user_id, op->payment_id,
                                           ascend_stripe_get_string (refund, "id"), op->tokens, description,
                                           &op->outcome->tokens_removed, &error) ||
      !ascend_billing_store_request_done (self->db, op->key, ascend_stripe_get_string (refund, "id"), &error))
    return fail (task, error);
  op->outcome->payment_id = op->payment_id;
  outcome_set_tier (op->outcome, self->db, op->user_id);
  return_outcome (task);
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

  task = op_task_new (self, user_id, cancellable, callback, user_data, ascend_billing_refund_async);
  op = g_task_get_task_data (task);
  if (!check_key (self, &error))
    return fail (task, error);
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
  send (task, "POST", "/v1/refunds", params, op->key, refunded_cb);
}

AscendBillingOutcome *
ascend_billing_refund_finish (AscendBilling  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
