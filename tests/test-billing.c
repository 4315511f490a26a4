/* test-billing.c: the billing store (schema 007) and the Stripe flows
 * against the fake Stripe server
 *
 * After every scenario the ledger invariant holds: users.tokenBalance =
 * 5 + SUM(tokenTransactions.amount), and the database check is clean.
 */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-billing.h"
#include "ascend-billing-store.h"
#include "ascend-user-store.h"
#include "fake-stripe.h"

#define KEY "sk_test_51AnimeAscendFakeKey0000"

/* users.tokenBalance = 5 + SUM(amount) for everyone, and the file's own check agrees. */
static void
assert_ledger (AscendDatabase *db)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM users u WHERE u.tokenBalance <> 5 + "
                                            "(SELECT coalesce (sum (amount), 0) FROM tokenTransactions t WHERE t.userId = u.id)"),
                   ==, 0);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM users WHERE tokenBalance < 0"), ==, 0);
  problems = ascend_database_check (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* ---- the store ---- */

static void
test_store_schema (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Aiko");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                                            "('stripeRequests', 'checkoutSessions', 'paymentRefunds')"), ==, 3);
  /* Two payments rows for one payment intent cannot exist. */
  sql = g_strdup_printf ("INSERT INTO payments (userId, stripePaymentIntentId, amount, currency, status, createdAt) "
                         "VALUES (%" G_GINT64_FORMAT ", 'pi_1', '4.99', 'eur', 'succeeded', 1)", user);
  g_assert_true (ascend_database_exec (db, sql, &error));
  g_assert_no_error (error);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Nor two subscriptions rows for one Stripe subscription. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO subscriptions (userId, stripeSubscriptionId, tier, status, createdAt) "
                         "VALUES (%" G_GINT64_FORMAT ", 'sub_1', 'pro', 'active', 1)", user);
  g_assert_true (ascend_database_exec (db, sql, NULL));
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* A session sells tokens or a tier, never neither. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO checkoutSessions (sessionId, userId, mode, createdAt) "
                         "VALUES ('cs_x', %" G_GINT64_FORMAT ", 'payment', 1)", user);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
}

static void
test_store_request_key (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  gint64 user = ascend_test_add_user (db, "Aiko");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *again = NULL, *other = NULL, *after_reopen = NULL, *fresh = NULL;

  first = ascend_billing_store_request_key (db, user, "customer", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "ascend-"));
  again = ascend_billing_store_request_key (db, user, "customer", &error);
  g_assert_cmpstr (again, ==, first);
  other = ascend_billing_store_request_key (db, user, "checkout:tokens:50", &error);
  g_assert_cmpstr (other, !=, first);

  /* The key is in the file before the request leaves: a restart reuses it. */
  g_clear_object (&db);
  db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  after_reopen = ascend_billing_store_request_key (db, user, "customer", &error);
  g_assert_cmpstr (after_reopen, ==, first);

  /* Answered: never reused. */
  g_assert_true (ascend_billing_store_request_done (db, first, "cus_1", &error));
  fresh = ascend_billing_store_request_key (db, user, "customer", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fresh, !=, first);

  /* An unfinished key older than Stripe keeps keys is not reused either. */
  g_assert_true (ascend_database_exec (db, "UPDATE stripeRequests SET createdAt = createdAt - 24 * 3600 * 1000 "
                                           "WHERE doneAt IS NULL AND purpose = 'checkout:tokens:50'", NULL));
  g_free (again);
  again = ascend_billing_store_request_key (db, user, "checkout:tokens:50", &error);
  g_assert_cmpstr (again, !=, other);
}

static void
add_session (AscendDatabase *db,
             gint64          user,
             const char     *id,
             const char     *mode,
             gint64          tokens,
             const char     *tier)
{
  AscendCheckoutSessionRow row = { (char *) id, user, (char *) mode, tokens, (char *) tier, NULL, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (ascend_billing_store_add_session (db, &row, &error));
  g_assert_no_error (error);
}

static void
test_store_credit_once (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Aiko");
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckoutSessionRow) row = NULL;
  gint64 payment = 0, credited = -1, failed = 0;

  add_session (db, user, "cs_a", "payment", 50, NULL);
  add_session (db, user, "cs_a", "payment", 50, NULL);  /* again: no change */
  g_assert_true (ascend_billing_store_failed_payment (db, user, "pi_a", "4.99", "eur", &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 5);

  for (int i = 0; i < 3; i++)
    {
      g_assert_true (ascend_billing_store_credit_payment (db, user, "cs_a", "pi_a", "4.99", "eur", 50,
                                                          "50 tokens", &payment, &credited, &error));
      g_assert_no_error (error);
      g_assert_cmpint (payment, ==, failed);       /* the failed row became the payment */
      g_assert_cmpint (credited, ==, i == 0 ? 50 : 0);
    }
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 55);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM tokenTransactions WHERE type = 'purchase'"), ==, 1);
  row = ascend_billing_store_get_session (db, "cs_a", &error);
  g_assert_cmpstr (row->status, ==, "complete");
  g_assert_cmpint (row->payment_id, ==, payment);
  g_assert_cmpint (ascend_billing_store_payment_tokens (db, payment, NULL), ==, 50);

  /* Refund when 20 of the 50 were spent in the meantime: what is left goes. */
  g_assert_cmpint (ascend_token_ledger_record (db, user, -35, "usage", "spent", &error), >, 0);
  g_assert_true (ascend_billing_store_record_refund (db, user, payment, "re_a", 50, "refund", &credited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (credited, ==, 20);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 0);
  g_assert_true (ascend_billing_store_is_refunded (db, payment));
  g_assert_false (ascend_billing_store_record_refund (db, user, payment, "re_b", 50, "refund", NULL, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  assert_ledger (db);
}

static void
test_store_subscription_tier (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Aiko");
  g_autoptr(GError) error = NULL;
  g_autofree char *tier = NULL;
  g_autoptr(AscendSubscription) active = NULL;
  gint64 premium = 0, pro = 0, again = 0;

  add_session (db, user, "cs_p", "subscription", 0, "premium");
  g_assert_true (ascend_billing_store_record_subscription (db, user, "cs_p", "sub_p", "premium", "active",
                                                           &premium, &tier, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tier, ==, "premium");
  g_clear_pointer (&tier, g_free);
  g_assert_true (ascend_billing_store_record_subscription (db, user, NULL, "sub_q", "pro", "active",
                                                           &pro, &tier, &error));
  g_assert_cmpstr (tier, ==, "pro");
  g_clear_pointer (&tier, g_free);
  g_assert_true (ascend_billing_store_record_subscription (db, user, NULL, "sub_q", "pro", "canceled",
                                                           &again, &tier, &error));
  g_assert_cmpint (again, ==, pro);
  g_assert_cmpstr (tier, ==, "premium");
  g_clear_pointer (&tier, g_free);
  active = ascend_billing_store_active_subscription (db, user, &error);
  g_assert_cmpint (active->id, ==, premium);
  g_assert_true (ascend_billing_store_record_subscription (db, user, NULL, "sub_p", "premium", "canceled",
                                                           NULL, &tier, &error));
  g_assert_cmpstr (tier, ==, "free");
  g_clear_pointer (&tier, g_free);
  tier = ascend_billing_store_get_tier (db, user, &error);
  g_assert_cmpstr (tier, ==, "free");
  g_clear_pointer (&tier, g_free);
  tier = ascend_test_sql_text (db, "SELECT subscriptionTier FROM users WHERE id = %" G_GINT64_FORMAT, user);
  g_assert_cmpstr (tier, ==, "free");
  g_assert_null (ascend_billing_store_active_subscription (db, user, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM subscriptions"), ==, 2);
  assert_ledger (db);
}

/* ---- the flows against the fake Stripe server ---- */

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
  FakeStripe     *fake;
  AscendBilling  *billing;
} Fixture;

static AscendBilling *
new_billing (Fixture    *f,
             const char *key)
{
  AscendBilling *billing = ascend_billing_new (f->db, fake_stripe_get_url (f->fake), key);

  /* Fast: 20 ms between polls, 10 ms first backoff. */
  ascend_billing_set_timeouts (billing, 3000, 20);
  ascend_stripe_client_set_retry (ascend_billing_get_client (billing), 4, 10);
  return billing;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) user = NULL;

  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Aiko Tanaka");
  user = ascend_user_get (f->db, f->user, &error);
  g_free (user->email);
  user->email = g_strdup ("aiko@example.com");
  g_assert_true (ascend_user_update (f->db, user, &error));
  g_assert_no_error (error);
  /* Health data in the file: none of it may reach Stripe. */
  g_assert_true (ascend_database_exec (f->db, "INSERT INTO healthReadings (userId, heartRate, stressLevel, "
                                              "arrhythmiaDetected, readingType, createdAt) "
                                              "SELECT id, 77, 6, 0, 'manual', 1 FROM users", &error));
  g_assert_no_error (error);
  f->fake = fake_stripe_new (KEY, 0, &error);
  g_assert_no_error (error);
  f->billing = new_billing (f, KEY);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  assert_ledger (f->db);
  g_clear_object (&f->billing);
  g_clear_pointer (&f->fake, fake_stripe_free);
  g_clear_object (&f->db);
  g_free (f->path);
}

typedef struct {
  GAsyncResult *result;
} Call;

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Call *call = data;

  call->result = g_object_ref (result);
}

static GAsyncResult *
call_wait (Call *call)
{
  while (call->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return call->result;
}

static char *
ensure_customer (Fixture  *f,
                 GError  **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_ensure_customer_async (f->billing, f->user, NULL, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_ensure_customer_finish (f->billing, result, error);
}

static AscendCheckout *
checkout_tokens (Fixture  *f,
                 gint64    tokens,
                 GError  **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_checkout_tokens_async (f->billing, f->user, tokens, NULL, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_checkout_finish (f->billing, result, error);
}

static AscendCheckout *
checkout_tier (Fixture    *f,
               const char *tier,
               GError    **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_checkout_tier_async (f->billing, f->user, tier, NULL, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_checkout_finish (f->billing, result, error);
}

static AscendBillingOutcome *
wait_session (Fixture      *f,
              const char   *session_id,
              GCancellable *cancellable,
              GError      **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_wait_async (f->billing, f->user, session_id, cancellable, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_wait_finish (f->billing, result, error);
}

static AscendBillingOutcome *
sync_now (Fixture  *f,
          GError  **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_sync_async (f->billing, f->user, NULL, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_sync_finish (f->billing, result, error);
}

static AscendBillingOutcome *
cancel_subscription (Fixture  *f,
                     GError  **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_cancel_subscription_async (f->billing, f->user, NULL, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_cancel_subscription_finish (f->billing, result, error);
}

static AscendBillingOutcome *
refund (Fixture  *f,
        gint64    payment_id,
        GError  **error)
{
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  ascend_billing_refund_async (f->billing, f->user, payment_id, NULL, call_cb, &call);
  result = call_wait (&call);
  return ascend_billing_refund_finish (f->billing, result, error);
}

static void
pay (Fixture           *f,
     const char        *session_id,
     FakeStripeOutcome  outcome)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fake_stripe_complete_session (f->fake, session_id, outcome, &error));
  g_assert_no_error (error);
}

/* Buys a pack and returns the payments.id. */
static gint64
buy (Fixture *f,
     gint64   tokens)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tokens (f, tokens, &error);
  g_autoptr(AscendBillingOutcome) outcome = NULL;

  g_assert_no_error (error);
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->tokens_credited, ==, tokens);
  return outcome->payment_id;
}

static void
test_customer_once (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *again = NULL, *stored = NULL;
  const FakeStripeRequest *sent;

  first = ensure_customer (f, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "cus_"));
  again = ensure_customer (f, &error);
  g_assert_cmpstr (again, ==, first);
  stored = ascend_test_sql_text (f->db, "SELECT stripeCustomerId FROM users WHERE id = %" G_GINT64_FORMAT, f->user);
  g_assert_cmpstr (stored, ==, first);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, 1);

  /* The profile's name and email, its id in metadata, nothing else. */
  sent = g_ptr_array_index (fake_stripe_get_requests (f->fake), 0);
  g_assert_cmpstr (sent->body, ==, "name=Aiko%20Tanaka&email=aiko%40example.com&metadata[app_user_id]=1");
  g_assert_nonnull (sent->idempotency_key);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM stripeRequests WHERE purpose = 'customer' "
                                               "AND doneAt IS NOT NULL AND objectId = '%s'", first), ==, 1);
}

static void
test_customer_of_another_account (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FakeStripe) other = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  g_autofree char *first = ensure_customer (f, &error);
  g_autofree char *now = NULL;

  g_assert_no_error (error);
  /* The user switches from a test key to another account (another server
   * here): the stored customer means nothing there. */
  other = fake_stripe_new (KEY, 0, &error);
  g_assert_no_error (error);
  g_clear_object (&f->billing);
  f->billing = ascend_billing_new (f->db, fake_stripe_get_url (other), KEY);
  ascend_billing_set_timeouts (f->billing, 3000, 20);
  checkout = checkout_tokens (f, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checkout->session_id, ==, fake_stripe_last_id (other, "cs_"));
  now = ascend_test_sql_text (f->db, "SELECT stripeCustomerId FROM users WHERE id = %" G_GINT64_FORMAT, f->user);
  g_assert_cmpstr (now, ==, fake_stripe_last_id (other, "cus_"));
  g_assert_cmpstr (now, !=, first);
  g_assert_cmpuint (fake_stripe_count_requests (other, "POST", "/v1/checkout/sessions"), ==, 2);
  g_assert_cmpuint (fake_stripe_count_requests (other, "GET", "/v1/customers/"), ==, 1);
  g_assert_cmpuint (fake_stripe_count_objects (other, "cs_"), ==, 1);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM checkoutSessions"), ==, 1);
}

static void
test_purchase_once (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  g_autoptr(AscendBillingOutcome) first = NULL, second = NULL, synced = NULL;
  g_autofree char *pi = NULL, *amount = NULL, *currency = NULL, *status = NULL;

  checkout = checkout_tokens (f, 50, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (checkout->session_id, "cs_"));
  g_assert_cmpstr (checkout->mode, ==, "payment");
  g_assert_true (g_str_has_prefix (checkout->url, fake_stripe_get_url (f->fake)));
  /* Remembered before the URL was handed out */
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM checkoutSessions WHERE sessionId = '%s' "
                                               "AND status = 'open' AND tokens = 50", checkout->session_id), ==, 1);
  {
    JsonObject *session = fake_stripe_get_object (f->fake, checkout->session_id);
    JsonObject *metadata = json_object_get_object_member (session, "metadata");

    g_assert_cmpint (json_object_get_int_member (session, "amount_total"), ==, 499);
    g_assert_cmpstr (json_object_get_string_member (session, "currency"), ==, "eur");
    g_assert_cmpstr (json_object_get_string_member (metadata, "tokens"), ==, "50");
  }

  /* Paid after a few polls */
  fake_stripe_set_auto_complete (f->fake, FAKE_STRIPE_PAID, 3);
  first = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->tokens_credited, ==, 50);
  g_assert_cmpint (first->payment_id, >, 0);
  g_assert_cmpstr (first->tier, ==, "free");
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 55);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/"), ==, 3);

  /* The poll, the app and the sync repeat: nothing more. */
  second = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->tokens_credited, ==, 0);
  g_assert_cmpint (second->payment_id, ==, first->payment_id);
  synced = sync_now (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (synced->tokens_credited, ==, 0);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 55);

  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM tokenTransactions WHERE type = 'purchase' "
                                               "AND amount = 50"), ==, 1);
  pi = ascend_test_sql_text (f->db, "SELECT stripePaymentIntentId FROM payments");
  amount = ascend_test_sql_text (f->db, "SELECT amount FROM payments");
  currency = ascend_test_sql_text (f->db, "SELECT currency FROM payments");
  status = ascend_test_sql_text (f->db, "SELECT status FROM payments");
  g_assert_cmpstr (pi, ==, fake_stripe_last_id (f->fake, "pi_"));
  g_assert_cmpstr (amount, ==, "4.99");
  g_assert_cmpstr (currency, ==, "eur");
  g_assert_cmpstr (status, ==, "succeeded");
}

static void
test_concurrent_wait_and_sync (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tokens (f, 120, &error);
  g_autoptr(AscendBillingOutcome) waited = NULL, synced = NULL;
  g_autoptr(GAsyncResult) wait_result = NULL, sync_result = NULL;
  Call wait_call = { 0 }, sync_call = { 0 };

  g_assert_no_error (error);
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  /* Both in flight at once, both see the session paid. */
  ascend_billing_wait_async (f->billing, f->user, checkout->session_id, NULL, call_cb, &wait_call);
  ascend_billing_sync_async (f->billing, f->user, NULL, call_cb, &sync_call);
  wait_result = call_wait (&wait_call);
  sync_result = call_wait (&sync_call);
  waited = ascend_billing_wait_finish (f->billing, wait_result, &error);
  g_assert_no_error (error);
  synced = ascend_billing_sync_finish (f->billing, sync_result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waited->tokens_credited + synced->tokens_credited, ==, 120);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 125);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/"), ==, 2);
}

static void
test_500_then_success (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  g_autofree char *key = NULL;

  /* The customer POST meets a 500 first, then goes through. */
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_500, 1, 0);
  checkout = checkout_tokens (f, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cs_"), ==, 1);
  key = ascend_test_sql_text (f->db, "SELECT idempotencyKey FROM stripeRequests WHERE purpose = 'customer'");
  g_assert_cmpuint (fake_stripe_count_key (f->fake, key), ==, 2);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "POST", "/v1/customers"), ==, 2);
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  {
    g_autoptr(AscendBillingOutcome) outcome = NULL;

    /* and the poll meets one too */
    fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_500, 1, 0);
    outcome = wait_session (f, checkout->session_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (outcome->tokens_credited, ==, 50);
  }
}

static void
test_timeout_same_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  g_autofree char *customer = ensure_customer (f, &error);
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  /* Stripe creates the session but its answer is later than the timeout:
   * the retry carries the same key and gets the same session. */
  ascend_billing_set_timeouts (f->billing, 300, 0);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_DELAY, 1, 1200);
  checkout = checkout_tokens (f, 300, &error);
  g_assert_no_error (error);
  key = ascend_test_sql_text (f->db, "SELECT idempotencyKey FROM stripeRequests WHERE purpose = 'checkout:tokens:300'");
  g_assert_cmpuint (fake_stripe_count_key (f->fake, key), ==, 2);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cs_"), ==, 1);
  g_assert_cmpstr (checkout->session_id, ==, fake_stripe_last_id (f->fake, "cs_"));
  {
    JsonObject *session = fake_stripe_get_object (f->fake, checkout->session_id);
    g_assert_cmpint (json_object_get_int_member (session, "amount_total"), ==, 1999);
  }
}

static void
test_crash_recovery (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) lost = NULL, again = NULL, second = NULL;
  g_autoptr(AscendBillingOutcome) synced = NULL;
  g_autofree char *key = NULL;
  g_autofree char *customer = ensure_customer (f, &error);

  g_assert_no_error (error);
  g_assert_nonnull (customer);

  /* 1. The app dies while its POST is on the way: Stripe made the session,
   * the app never heard. (One attempt, an answer that comes too late.) */
  ascend_billing_set_timeouts (f->billing, 200, 0);
  ascend_stripe_client_set_retry (ascend_billing_get_client (f->billing), 1, 10);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_DELAY, 1, 800);
  lost = checkout_tokens (f, 50, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NETWORK);
  g_assert_null (lost);
  g_clear_error (&error);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cs_"), ==, 1);
  key = ascend_test_sql_text (f->db, "SELECT idempotencyKey FROM stripeRequests WHERE purpose = 'checkout:tokens:50' "
                                     "AND doneAt IS NULL");
  g_assert_nonnull (key);

  /* A new process (fresh database connection and billing) asks again:
   * same key, so the same session and no second one at Stripe. */
  g_clear_object (&f->billing);
  g_clear_object (&f->db);
  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
  f->billing = new_billing (f, KEY);
  again = checkout_tokens (f, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cs_"), ==, 1);
  g_assert_cmpuint (fake_stripe_count_key (f->fake, key), ==, 2);
  g_assert_cmpstr (again->session_id, ==, fake_stripe_last_id (f->fake, "cs_"));

  /* 2. The app dies after showing the URL; the user pays in the browser
   * while it is closed. The next start's sync credits it, once. */
  g_clear_object (&f->billing);
  g_clear_object (&f->db);
  pay (f, again->session_id, FAKE_STRIPE_PAID);
  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
  f->billing = new_billing (f, KEY);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 5);
  synced = sync_now (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (synced->tokens_credited, ==, 50);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 55);
  g_clear_pointer (&synced, ascend_billing_outcome_free);
  synced = sync_now (f, &error);
  g_assert_cmpint (synced->tokens_credited, ==, 0);

  /* 3. The local session row is lost too (a restored backup): sync finds
   * the paid session through Stripe's list and still credits it once. */
  second = checkout_tokens (f, 120, &error);
  g_assert_no_error (error);
  pay (f, second->session_id, FAKE_STRIPE_PAID);
  g_assert_true (ascend_database_exec (f->db, "DELETE FROM checkoutSessions WHERE tokens = 120", NULL));
  g_clear_pointer (&synced, ascend_billing_outcome_free);
  synced = sync_now (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (synced->tokens_credited, ==, 120);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 175);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments WHERE status = 'succeeded'"), ==, 2);
}

static void
test_declined (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tokens (f, 50, &error);
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  gint64 failed_id;

  g_assert_no_error (error);
  pay (f, checkout->session_id, FAKE_STRIPE_DECLINED);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_null (outcome);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_DECLINED);
  g_assert_cmpstr (error->message, ==, "Your card was declined.");
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 5);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM tokenTransactions"), ==, 0);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments WHERE status = 'failed'"), ==, 1);
  failed_id = ascend_test_sql_int (f->db, "SELECT id FROM payments");

  /* Another card on the same page goes through: the same payment intent,
   * now succeeded, credited once. */
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->tokens_credited, ==, 50);
  g_assert_cmpint (outcome->payment_id, ==, failed_id);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments WHERE status = 'succeeded'"), ==, 1);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments"), ==, 1);
}

static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tokens (f, 120, &error);
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  guint polls;

  g_assert_no_error (error);
  fake_stripe_set_auto_complete (f->fake, FAKE_STRIPE_EXPIRED, 2);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_null (outcome);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM checkoutSessions WHERE status = 'expired'"), ==, 1);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 5);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments"), ==, 0);

  /* Known expired: no need to ask Stripe again; sync leaves it be. */
  polls = fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/");
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_EXPIRED);
  g_clear_error (&error);
  outcome = sync_now (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->tokens_credited, ==, 0);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/"), ==, polls);
}

static void
test_refund (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  gint64 payment = buy (f, 50);
  JsonObject *re;

  outcome = refund (f, payment, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->tokens_removed, ==, 50);
  g_assert_cmpint (outcome->payment_id, ==, payment);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 5);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM tokenTransactions WHERE type = 'refund' AND amount = -50"),
                   ==, 1);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM paymentRefunds WHERE paymentId = %" G_GINT64_FORMAT
                                               " AND tokensRemoved = 50", payment), ==, 1);
  re = fake_stripe_get_object (f->fake, fake_stripe_last_id (f->fake, "re_"));
  g_assert_cmpint (json_object_get_int_member (re, "amount"), ==, 499);
  g_assert_cmpstr (json_object_get_string_member (re, "payment_intent"), ==, fake_stripe_last_id (f->fake, "pi_"));

  /* Twice: refused here, nothing sent. */
  g_clear_pointer (&outcome, ascend_billing_outcome_free);
  outcome = refund (f, payment, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_REFUNDABLE);
  g_assert_cmpstr (error->message, ==, "This payment has already been refunded");
  g_clear_error (&error);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "re_"), ==, 1);

  /* Someone else's or no payment */
  outcome = refund (f, payment + 100, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND);
}

static void
test_refund_spent (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  gint64 payment = buy (f, 50);

  g_assert_cmpint (ascend_token_ledger_record (f->db, f->user, -11, "usage", "Chat", &error), >, 0);
  outcome = refund (f, payment, &error);
  g_assert_null (outcome);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_REFUNDABLE);
  g_assert_cmpstr (error->message, ==, "The 50 tokens of this purchase have been spent (the balance is 44): "
                                       "only unspent tokens can be refunded");
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 44);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "POST", "/v1/refunds"), ==, 0);
}

static void
test_refund_stripe_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  g_autoptr(AscendStripeClient) dashboard = ascend_stripe_client_new (fake_stripe_get_url (f->fake), KEY);
  g_autoptr(GPtrArray) params = ascend_stripe_params_new ();
  g_autofree char *expected = NULL;
  gint64 payment = buy (f, 120);
  Call call = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) done = NULL;

  /* Refunded in the Stripe dashboard already: Stripe's words, verbatim. */
  ascend_stripe_params_add (params, "payment_intent", fake_stripe_last_id (f->fake, "pi_"));
  ascend_stripe_client_request_async (dashboard, "POST", "/v1/refunds", params, "dashboard-1", NULL, call_cb, &call);
  result = call_wait (&call);
  done = ascend_stripe_client_request_finish (dashboard, result, &error);
  g_assert_no_error (error);

  outcome = refund (f, payment, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE);
  expected = g_strdup_printf ("Charge %s has already been refunded.",
                              json_object_get_string_member (fake_stripe_get_object (f->fake,
                                                                                     fake_stripe_last_id (f->fake, "pi_")),
                                                             "latest_charge"));
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 125);
}

static void
test_subscription (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL, twice = NULL;
  g_autoptr(AscendBillingOutcome) outcome = NULL, cancelled = NULL;
  g_autofree char *tier = NULL, *sub_status = NULL;
  JsonObject *sub;

  checkout = checkout_tier (f, "pro", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checkout->mode, ==, "subscription");
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outcome->tier, ==, "pro");
  g_assert_cmpint (outcome->subscription_id, >, 0);
  g_assert_cmpint (outcome->tokens_credited, ==, 0);
  tier = ascend_test_sql_text (f->db, "SELECT subscriptionTier FROM users WHERE id = %" G_GINT64_FORMAT, f->user);
  g_assert_cmpstr (tier, ==, "pro");
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM subscriptions WHERE tier = 'pro' AND status = 'active' "
                                               "AND stripeSubscriptionId = '%s'", fake_stripe_last_id (f->fake, "sub_")), ==, 1);
  sub = fake_stripe_get_object (f->fake, fake_stripe_last_id (f->fake, "sub_"));
  {
    JsonArray *items = json_object_get_array_member (json_object_get_object_member (sub, "items"), "data");
    JsonObject *price = json_object_get_object_member (json_array_get_object_element (items, 0), "price");

    g_assert_cmpint (json_object_get_int_member (price, "unit_amount"), ==, 999);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (price, "recurring"), "interval"),
                     ==, "month");
  }

  /* One plan at a time */
  twice = checkout_tier (f, "premium", &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_ALREADY_SUBSCRIBED);
  g_clear_error (&error);

  cancelled = cancel_subscription (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cancelled->tier, ==, "free");
  g_assert_cmpint (cancelled->subscription_id, ==, outcome->subscription_id);
  g_assert_cmpstr (json_object_get_string_member (sub, "status"), ==, "canceled");
  g_free (tier);
  tier = ascend_test_sql_text (f->db, "SELECT subscriptionTier FROM users WHERE id = %" G_GINT64_FORMAT, f->user);
  g_assert_cmpstr (tier, ==, "free");
  sub_status = ascend_test_sql_text (f->db, "SELECT status FROM subscriptions");
  g_assert_cmpstr (sub_status, ==, "canceled");

  /* Nothing left to cancel */
  g_clear_pointer (&cancelled, ascend_billing_outcome_free);
  cancelled = cancel_subscription (f, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND);
}

static void
test_sync_cancelled_at_stripe (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tier (f, "premium", &error);
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  g_autofree char *tier = NULL;

  g_assert_no_error (error);
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  /* The app was closed while the user subscribed: sync picks it up. */
  outcome = sync_now (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outcome->tier, ==, "premium");

  /* Cancelled in the Stripe dashboard: the next sync drops the tier. */
  g_assert_true (fake_stripe_cancel_subscription (f->fake, fake_stripe_last_id (f->fake, "sub_")));
  g_clear_pointer (&outcome, ascend_billing_outcome_free);
  outcome = sync_now (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outcome->tier, ==, "free");
  tier = ascend_test_sql_text (f->db, "SELECT subscriptionTier FROM users WHERE id = %" G_GINT64_FORMAT, f->user);
  g_assert_cmpstr (tier, ==, "free");
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM subscriptions WHERE status = 'canceled'"), ==, 1);
}

static void
test_cancel_already_cancelled_at_stripe (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tier (f, "pro", &error);
  g_autoptr(AscendBillingOutcome) outcome = NULL, cancelled = NULL;

  g_assert_no_error (error);
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fake_stripe_cancel_subscription (f->fake, fake_stripe_last_id (f->fake, "sub_")));
  /* Stripe refuses to cancel it again; the app learns it is cancelled. */
  cancelled = cancel_subscription (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cancelled->tier, ==, "free");
}

static void
test_stripe_error_verbatim (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;

  g_clear_object (&f->billing);
  f->billing = new_billing (f, "sk_test_typo0000000000000WXYZ");
  checkout = checkout_tokens (f, 50, &error);
  g_assert_null (checkout);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_STRIPE);
  g_assert_cmpstr (error->message, ==, "Invalid API Key provided: sk_test_****WXYZ");
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM checkoutSessions"), ==, 0);

  /* No such pack, no such plan */
  checkout = checkout_tokens (f, 7, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND);
  g_clear_error (&error);
  checkout = checkout_tier (f, "ultra", &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NOT_FOUND);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tokens (f, 50, &error);
  g_autoptr(AscendCheckout) broken = NULL;
  g_autoptr(AscendBillingOutcome) outcome = NULL;

  g_assert_no_error (error);
  pay (f, checkout->session_id, FAKE_STRIPE_PAID);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_MALFORMED, 1, 0);
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED);
  g_clear_error (&error);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_WRONG_SHAPE, 1, 0);
  outcome = sync_now (f, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED);
  g_clear_error (&error);
  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_WRONG_SHAPE, 1, 0);
  broken = checkout_tokens (f, 120, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_token_balance (f->db, f->user), ==, 5);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM payments"), ==, 0);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM checkoutSessions"), ==, 1);

  /* The real answer still works afterwards. */
  outcome = wait_session (f, checkout->session_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->tokens_credited, ==, 50);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_wait (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = checkout_tokens (f, 50, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  guint polls;

  g_assert_no_error (error);
  g_timeout_add (150, cancel_cb, cancellable);
  outcome = wait_session (f, checkout->session_id, cancellable, &error);
  g_assert_null (outcome);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  polls = fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/");
  g_assert_cmpuint (polls, >=, 2);
  /* No poll after the cancel */
  {
    gint64 until = g_get_monotonic_time () + 100 * 1000;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "GET", "/v1/checkout/sessions/"), ==, polls);
  g_assert_cmpint (ascend_test_sql_int (f->db, "SELECT count(*) FROM checkoutSessions WHERE status = 'open'"), ==, 1);
}

static void
test_429_backoff (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  gint64 start = g_get_monotonic_time ();

  fake_stripe_fail_next (f->fake, FAKE_STRIPE_FAULT_429, 3, 0);
  checkout = checkout_tokens (f, 50, &error);
  g_assert_no_error (error);
  /* 10 + 20 + 40 ms, each at least 75% */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (7 + 15 + 30) * 1000);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, "POST", "/v1/customers"), ==, 4);
  g_assert_cmpuint (fake_stripe_count_objects (f->fake, "cus_"), ==, 1);
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendCheckout) checkout = NULL;
  g_autoptr(AscendBillingOutcome) outcome = NULL;
  g_autofree char *customer = NULL;

  g_clear_object (&f->billing);
  f->billing = new_billing (f, NULL);
  g_assert_false (ascend_billing_has_key (f->billing));
  customer = ensure_customer (f, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY);
  g_clear_error (&error);
  checkout = checkout_tokens (f, 50, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY);
  g_clear_error (&error);
  outcome = sync_now (f, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY);
  g_clear_error (&error);
  outcome = cancel_subscription (f, &error);
  g_assert_error (error, ASCEND_BILLING_ERROR, ASCEND_BILLING_ERROR_NO_KEY);
  g_clear_error (&error);
  g_assert_cmpuint (fake_stripe_count_requests (f->fake, NULL, NULL), ==, 0);

  ascend_billing_set_secret_key (f->billing, KEY);
  g_assert_true (ascend_billing_has_key (f->billing));
  checkout = checkout_tokens (f, 50, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/billing-store/schema", test_store_schema);
  g_test_add_func ("/billing-store/request-key", test_store_request_key);
  g_test_add_func ("/billing-store/credit-once", test_store_credit_once);
  g_test_add_func ("/billing-store/subscription-tier", test_store_subscription_tier);
#define FLOW(name, func) g_test_add ("/billing/" name, Fixture, NULL, setup, func, teardown)
  FLOW ("customer-once", test_customer_once);
  FLOW ("customer-of-another-account", test_customer_of_another_account);
  FLOW ("purchase-once", test_purchase_once);
  FLOW ("concurrent-wait-and-sync", test_concurrent_wait_and_sync);
  FLOW ("500-then-success", test_500_then_success);
  FLOW ("timeout-same-key", test_timeout_same_key);
  FLOW ("crash-recovery", test_crash_recovery);
  FLOW ("declined", test_declined);
  FLOW ("expired", test_expired);
  FLOW ("refund", test_refund);
  FLOW ("refund-spent", test_refund_spent);
  FLOW ("refund-stripe-error", test_refund_stripe_error);
  FLOW ("subscription", test_subscription);
  FLOW ("sync-cancelled-at-stripe", test_sync_cancelled_at_stripe);
  FLOW ("cancel-already-cancelled-at-stripe", test_cancel_already_cancelled_at_stripe);
  FLOW ("stripe-error-verbatim", test_stripe_error_verbatim);
  FLOW ("malformed", test_malformed);
  FLOW ("cancel-wait", test_cancel_wait);
  FLOW ("429-backoff", test_429_backoff);
  FLOW ("no-key", test_no_key);
#undef FLOW
  return g_test_run ();
}
