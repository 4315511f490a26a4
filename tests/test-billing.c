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

static gint64
sql_int (AscendDatabase *db,
         const char     *format,
         ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_int (AscendDatabase *db,
         const char     *format,
         ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
sql_text (AscendDatabase *db,
          const char     *format,
          ...) G_GNUC_PRINTF (2, 3);

static char *
sql_text (AscendDatabase *db,
          const char     *format,
          ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
balance (AscendDatabase *db,
         gint64          user)
{
  return sql_int (db, "SELECT tokenBalance FROM users WHERE id = %" G_GINT64_FORMAT, user);
}

/* users.tokenBalance = 5 + SUM(amount) for everyone, and the file's own check agrees. */
static void
assert_ledger (AscendDatabase *db)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM users u WHERE u.tokenBalance <> 5 + "
                                "(SELECT coalesce (sum (amount), 0) FROM tokenTransactions t WHERE t.userId = u.id)"),
                   ==, 0);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM users WHERE tokenBalance < 0"), ==, 0);
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

  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
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
  g_assert_cmpint (balance (db, user), ==, 5);

  for (int i = 0; i < 3; i++)
    {
      g_assert_true (ascend_billing_store_credit_payment (db, user, "cs_a", "pi_a", "4.99", "eur", 50,
                                                          "50 tokens", &payment, &credited, &error));
      g_assert_no_error (error);
      g_assert_cmpint (payment, ==, failed);       /* the failed row became the payment */
      g_assert_cmpint (credited, ==, i == 0 ? 50 : 0);
    }
  g_assert_cmpint (balance (db, user), ==, 55);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM tokenTransactions WHERE type = 'purchase'"), ==, 1);
  row = ascend_billing_store_get_session (db, "cs_a", &error);
  g_assert_cmpstr (row->status, ==, "complete");
  g_assert_cmpint (row->payment_id, ==, payment);
  g_assert_cmpint (ascend_billing_store_payment_tokens (db, payment, NULL), ==, 50);

  /* Refund when 20 of the 50 were spent in the meantime: what is left goes. */
  g_assert_cmpint (ascend_token_ledger_record (db, user, -35, "usage", "spent", &error), >, 0);
  g_assert_true (ascend_billing_store_record_refund (db, user, payment, "re_a", 50, "refund", &credited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (credited, ==, 20);
  g_assert_cmpint (balance (db, user), ==, 0);
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
  tier = sql_text (db, "SELECT subscriptionTier FROM users WHERE id = %" G_GINT64_FORMAT, user);
  g_assert_cmpstr (tier, ==, "free");
  g_assert_null (ascend_billing_store_active_subscription (db, user, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM subscriptions"), ==, 2);
  assert_ledger (db);
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
  return g_test_run ();
}
