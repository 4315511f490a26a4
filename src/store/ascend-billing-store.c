/* ascend-billing-store.c: idempotency keys, checkout sessions, and the
 * payment, subscription and refund steps, each one SQLite transaction */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ascend-billing-store.h"

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Binds a positive number, or NULL for 0 (no row, no tokens). */
static void
bind_positive_or_null (sqlite3_stmt *stmt,
                       int           index,
                       gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps a query for one number: the first column of its first row, or 0
 * when there is no row. */
static gint64
step_int64 (sqlite3_stmt *stmt)
{
  gint64 value = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Runs a write to the end; FALSE with error on failure. */
static gboolean
finish_write (AscendDatabase  *db,
              sqlite3_stmt    *stmt,
              GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
changes (AscendDatabase *db)
{
  return sqlite3_changes64 (ascend_database_get_handle (db));
}

void
ascend_checkout_session_row_free (AscendCheckoutSessionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->session_id);
  g_free (row->mode);
  g_free (row->tier);
  g_free (row->url);
  g_free (row->status);
  g_free (row);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return g_strdup (text);
}

char *
ascend_billing_store_request_key (AscendDatabase  *db,
                                  gint64           user_id,
                                  const char      *purpose,
                                  GError         **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *key = NULL;
  gint64 now = ascend_now_ms ();

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (purpose != NULL, NULL);

  stmt = ascend_database_prepare (db,
                                  "SELECT idempotencyKey FROM stripeRequests "
                                  "WHERE userId = ? AND purpose = ? AND doneAt IS NULL AND createdAt > ? "
                                  "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, purpose);
  sqlite3_bind_int64 (stmt, 3, now - ASCEND_STRIPE_KEY_REUSE_MS);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    key = column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (key != NULL)
    return g_steal_pointer (&key);

  {
    g_autofree char *uuid = g_uuid_string_random ();
    key = g_strconcat ("ascend-", uuid, NULL);
  }
  /* Committed before the request leaves: a crash after sending it finds
   * the key here and sends it again. */
  if (!ascend_database_begin (db, error))
    return NULL;
  stmt = ascend_database_prepare (db,
                                  "INSERT INTO stripeRequests (userId, purpose, idempotencyKey, createdAt) "
                                  "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, purpose);
  bind_text (stmt, 3, key);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!finish_write (db, stmt, error))
    goto fail;
  if (!ascend_database_commit (db, error))
    return NULL;
  return g_steal_pointer (&key);

fail:
  ascend_database_rollback (db);
  return NULL;
}

gboolean
ascend_billing_store_request_done (AscendDatabase  *db,
                                   const char      *idempotency_key,
                                   const char      *object_id,
                                   GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  stmt = ascend_database_prepare (db,
                                  "UPDATE stripeRequests SET doneAt = ?, objectId = ? "
                                  "WHERE idempotencyKey = ? AND doneAt IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ascend_now_ms ());
  bind_text (stmt, 2, object_id);
  bind_text (stmt, 3, idempotency_key);
  return finish_write (db, stmt, error);
}

gboolean
ascend_billing_store_set_customer (AscendDatabase  *db,
                                   gint64           user_id,
                                   const char      *customer_id,
                                   GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  stmt = ascend_database_prepare (db, "UPDATE users SET stripeCustomerId = ?, updatedAt = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, ascend_now_ms ());
  sqlite3_bind_int64 (stmt, 3, user_id);
  if (!finish_write (db, stmt, error))
    return FALSE;
  if (changes (db) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("Profile %" PRId64 " does not exist"), user_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_billing_store_add_session (AscendDatabase                  *db,
                                  const AscendCheckoutSessionRow  *row,
                                  GError                         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (row != NULL && row->session_id != NULL && row->mode != NULL, FALSE);

  stmt = ascend_database_prepare (db,
                                  "INSERT INTO checkoutSessions (sessionId, userId, mode, tokens, tier, url, "
                                  "status, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                  "ON CONFLICT (sessionId) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, row->session_id);
  sqlite3_bind_int64 (stmt, 2, row->user_id);
  bind_text (stmt, 3, row->mode);
  bind_positive_or_null (stmt, 4, row->tokens);
  bind_text (stmt, 5, row->tier);
  bind_text (stmt, 6, row->url);
  bind_text (stmt, 7, row->status ? row->status : "open");
  sqlite3_bind_int64 (stmt, 8, row->created_at > 0 ? row->created_at : ascend_now_ms ());
  return finish_write (db, stmt, error);
}

#define SESSION_COLUMNS "sessionId, userId, mode, coalesce (tokens, 0), tier, url, status, " \
                        "coalesce (paymentId, 0), coalesce (subscriptionId, 0), createdAt, coalesce (completedAt, 0)"

static AscendCheckoutSessionRow *
read_session (sqlite3_stmt *stmt)
{
  AscendCheckoutSessionRow *row = g_new0 (AscendCheckoutSessionRow, 1);

  row->session_id = column_text (stmt, 0);
  row->user_id = sqlite3_column_int64 (stmt, 1);
  row->mode = column_text (stmt, 2);
  row->tokens = sqlite3_column_int64 (stmt, 3);
  row->tier = column_text (stmt, 4);
  row->url = column_text (stmt, 5);
  row->status = column_text (stmt, 6);
  row->payment_id = sqlite3_column_int64 (stmt, 7);
  row->subscription_id = sqlite3_column_int64 (stmt, 8);
  row->created_at = sqlite3_column_int64 (stmt, 9);
  row->completed_at = sqlite3_column_int64 (stmt, 10);
  return row;
}

AscendCheckoutSessionRow *
ascend_billing_store_get_session (AscendDatabase  *db,
                                  const char      *session_id,
                                  GError         **error)
{
  sqlite3_stmt *stmt;
  AscendCheckoutSessionRow *row = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db, "SELECT " SESSION_COLUMNS " FROM checkoutSessions WHERE sessionId = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, session_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = read_session (stmt);
  else
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                 _("This app did not open the checkout session %s"), session_id ? session_id : "");
  sqlite3_reset (stmt);
  return row;
}

GPtrArray *
ascend_billing_store_open_sessions (AscendDatabase  *db,
                                    gint64           user_id,
                                    GError         **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *rows;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db,
                                  "SELECT " SESSION_COLUMNS " FROM checkoutSessions "
                                  "WHERE userId = ? AND status = 'open' ORDER BY createdAt, sessionId", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_checkout_session_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_session (stmt));
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      g_ptr_array_unref (rows);
      return NULL;
    }
  sqlite3_reset (stmt);
  return rows;
}

gboolean
ascend_billing_store_expire_session (AscendDatabase  *db,
                                     const char      *session_id,
                                     GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = ascend_database_prepare (db,
                                  "UPDATE checkoutSessions SET status = 'expired', completedAt = ? "
                                  "WHERE sessionId = ? AND status = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ascend_now_ms ());
  bind_text (stmt, 2, session_id);
  return finish_write (db, stmt, error);
}

/* Finds the user's payments row of a payment intent: its id (0 if none) and status. */
static gboolean
find_payment (AscendDatabase  *db,
              gint64           user_id,
              const char      *payment_intent_id,
              gint64          *out_id,
              char           **out_status,
              GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                "SELECT id, status FROM payments "
                                                "WHERE userId = ? AND stripePaymentIntentId = ?", error);
  int rc;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, payment_intent_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      *out_status = column_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Adds the user's payments row of a payment intent; its id, or 0 with error.
 * The unique index on stripePaymentIntentId refuses a second row. */
static gint64
insert_payment (AscendDatabase  *db,
                gint64           user_id,
                const char      *payment_intent_id,
                const char      *amount,
                const char      *currency,
                const char      *status,
                GError         **error)
{
  g_autoptr(AscendPayment) payment = ascend_payment_new ();

  payment->user_id = user_id;
  payment->stripe_payment_intent_id = g_strdup (payment_intent_id);
  payment->amount = g_strdup (amount);
  payment->currency = g_strdup (currency);
  payment->status = g_strdup (status);
  return ascend_payment_insert (db, payment, error);
}

static gboolean
complete_session (AscendDatabase  *db,
                  const char      *session_id,
                  gint64           payment_id,
                  gint64           subscription_id,
                  GError         **error)
{
  sqlite3_stmt *stmt;

  if (session_id == NULL)
    return TRUE;
  stmt = ascend_database_prepare (db,
                                  "UPDATE checkoutSessions SET status = 'complete', "
                                  "paymentId = coalesce (paymentId, ?), subscriptionId = coalesce (subscriptionId, ?), "
                                  "completedAt = coalesce (completedAt, ?) WHERE sessionId = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_positive_or_null (stmt, 1, payment_id);
  bind_positive_or_null (stmt, 2, subscription_id);
  sqlite3_bind_int64 (stmt, 3, ascend_now_ms ());
  bind_text (stmt, 4, session_id);
  return finish_write (db, stmt, error);
}

gboolean
ascend_billing_store_credit_payment (AscendDatabase  *db,
                                     gint64           user_id,
                                     const char      *session_id,
                                     const char      *payment_intent_id,
                                     const char      *amount,
                                     const char      *currency,
                                     gint64           tokens,
                                     const char      *description,
                                     gint64          *out_payment_id,
                                     gint64          *out_credited,
                                     GError         **error)
{
  g_autofree char *status = NULL;
  gint64 payment_id = 0, credited = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (payment_intent_id != NULL && tokens > 0, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if (!find_payment (db, user_id, payment_intent_id, &payment_id, &status, error))
    goto fail;

  if (payment_id > 0 && g_strcmp0 (status, "succeeded") == 0)
    credited = 0;  /* already credited: this is a repeat */
  else
    {
      if (payment_id > 0)
        {
          stmt = ascend_database_prepare (db, "UPDATE payments SET status = 'succeeded', amount = ?, "
                                              "currency = ? WHERE id = ?", error);
          if (stmt == NULL)
            goto fail;
          bind_text (stmt, 1, amount);
          bind_text (stmt, 2, currency);
          sqlite3_bind_int64 (stmt, 3, payment_id);
          if (!finish_write (db, stmt, error))
            goto fail;
        }
      else
        {
          payment_id = insert_payment (db, user_id, payment_intent_id, amount, currency, "succeeded", error);
          if (payment_id == 0)
            goto fail;
        }
      /* Joins this transaction (transactions nest). */
      if (ascend_token_ledger_record (db, user_id, tokens, "purchase", description, error) == 0)
        goto fail;
      credited = tokens;
    }

  if (!complete_session (db, session_id, payment_id, 0, error))
    goto fail;
  if (!ascend_database_commit (db, error))
    return FALSE;
  if (out_payment_id)
    *out_payment_id = payment_id;
  if (out_credited)
    *out_credited = credited;
  return TRUE;

fail:
  ascend_database_rollback (db);
  return FALSE;
}

gboolean
ascend_billing_store_failed_payment (AscendDatabase  *db,
                                     gint64           user_id,
                                     const char      *payment_intent_id,
                                     const char      *amount,
                                     const char      *currency,
                                     gint64          *out_payment_id,
                                     GError         **error)
{
  g_autofree char *status = NULL;
  gint64 payment_id = 0;

  if (!find_payment (db, user_id, payment_intent_id, &payment_id, &status, error))
    return FALSE;
  if (payment_id == 0)
    {
      payment_id = insert_payment (db, user_id, payment_intent_id, amount, currency, "failed", error);
      if (payment_id == 0)
        return FALSE;
    }
  if (out_payment_id)
    *out_payment_id = payment_id;
  return TRUE;
}

static gboolean
update_user_tier (AscendDatabase  *db,
                  gint64           user_id,
                  char           **out_tier,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *tier = NULL;

  /* past_due keeps the tier while Stripe retries the card; canceled ends it. */
  stmt = ascend_database_prepare (db,
                                  "SELECT CASE "
                                  "WHEN EXISTS (SELECT 1 FROM subscriptions WHERE userId = ?1 AND tier = 'pro' "
                                  "             AND status IN ('active', 'past_due')) THEN 'pro' "
                                  "WHEN EXISTS (SELECT 1 FROM subscriptions WHERE userId = ?1 AND tier = 'premium' "
                                  "             AND status IN ('active', 'past_due')) THEN 'premium' "
                                  "ELSE 'free' END", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tier = column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (tier == NULL)
    return ascend_database_set_error (db, sqlite3_errcode (ascend_database_get_handle (db)), error), FALSE;

  stmt = ascend_database_prepare (db, "UPDATE users SET subscriptionTier = ?1, updatedAt = ?2 "
                                      "WHERE id = ?3 AND subscriptionTier IS NOT ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, tier);
  sqlite3_bind_int64 (stmt, 2, ascend_now_ms ());
  sqlite3_bind_int64 (stmt, 3, user_id);
  if (!finish_write (db, stmt, error))
    return FALSE;
  if (out_tier)
    *out_tier = g_steal_pointer (&tier);
  return TRUE;
}

gboolean
ascend_billing_store_record_subscription (AscendDatabase  *db,
                                          gint64           user_id,
                                          const char      *session_id,
                                          const char      *stripe_subscription_id,
                                          const char      *tier,
                                          const char      *status,
                                          gint64          *out_subscription_id,
                                          char           **out_user_tier,
                                          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (stripe_subscription_id != NULL && tier != NULL && status != NULL, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  stmt = ascend_database_prepare (db, "SELECT id FROM subscriptions WHERE userId = ? AND stripeSubscriptionId = ?",
                                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  bind_text (stmt, 2, stripe_subscription_id);
  id = step_int64 (stmt);

  if (id > 0)
    {
      stmt = ascend_database_prepare (db, "UPDATE subscriptions SET tier = ?, status = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, tier);
      bind_text (stmt, 2, status);
      sqlite3_bind_int64 (stmt, 3, id);
      if (!finish_write (db, stmt, error))
        goto fail;
    }
  else
    {
      g_autoptr(AscendSubscription) subscription = ascend_subscription_new ();

      subscription->user_id = user_id;
      subscription->stripe_subscription_id = g_strdup (stripe_subscription_id);
      subscription->tier = g_strdup (tier);
      subscription->status = g_strdup (status);
      id = ascend_subscription_insert (db, subscription, error);
      if (id == 0)
        goto fail;
    }

  if (!complete_session (db, session_id, 0, id, error) ||
      !update_user_tier (db, user_id, out_user_tier, error))
    goto fail;
  if (!ascend_database_commit (db, error))
    {
      if (out_user_tier)
        g_clear_pointer (out_user_tier, g_free);
      return FALSE;
    }
  if (out_subscription_id)
    *out_subscription_id = id;
  return TRUE;

fail:
  ascend_database_rollback (db);
  if (out_user_tier)
    g_clear_pointer (out_user_tier, g_free);
  return FALSE;
}

AscendSubscription *
ascend_billing_store_active_subscription (AscendDatabase  *db,
                                          gint64           user_id,
                                          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = ascend_database_prepare (db,
                                  "SELECT id FROM subscriptions WHERE userId = ? AND status IN ('active', 'past_due') "
                                  "AND stripeSubscriptionId IS NOT NULL ORDER BY createdAt DESC, id DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  id = step_int64 (stmt);
  if (id == 0)
    return NULL;
  return ascend_subscription_get (db, id, error);
}

char *
ascend_billing_store_get_tier (AscendDatabase  *db,
                               gint64           user_id,
                               GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT subscriptionTier FROM users WHERE id = ?", error);
  char *tier = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tier = column_text (stmt, 0);
  else
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                 _("Profile %" PRId64 " does not exist"), user_id);
  sqlite3_reset (stmt);
  return tier;
}

gint64
ascend_billing_store_payment_tokens (AscendDatabase  *db,
                                     gint64           payment_id,
                                     GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT coalesce (tokens, 0) FROM checkoutSessions "
                                                    "WHERE paymentId = ?", error);
  gint64 tokens = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  tokens = step_int64 (stmt);
  return tokens;
}

gboolean
ascend_billing_store_is_refunded (AscendDatabase *db,
                                  gint64          payment_id)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT 1 FROM paymentRefunds WHERE paymentId = ?", NULL);
  gboolean refunded;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  refunded = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return refunded;
}

gboolean
ascend_billing_store_record_refund (AscendDatabase  *db,
                                    gint64           user_id,
                                    gint64           payment_id,
                                    const char      *stripe_refund_id,
                                    gint64           tokens,
                                    const char      *description,
                                    gint64          *out_removed,
                                    GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 balance, removed;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  balance = ascend_token_ledger_balance (db, user_id, error);
  if (balance < 0)
    goto fail;
  removed = MIN (tokens, balance);

  stmt = ascend_database_prepare (db, "INSERT INTO paymentRefunds (userId, paymentId, stripeRefundId, "
                                      "tokensRemoved, createdAt) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, payment_id);
  bind_text (stmt, 3, stripe_refund_id);
  sqlite3_bind_int64 (stmt, 4, removed);
  sqlite3_bind_int64 (stmt, 5, ascend_now_ms ());
  if (!finish_write (db, stmt, error))
    goto fail;
  if (removed > 0 &&
      ascend_token_ledger_record (db, user_id, -removed, "refund", description, error) == 0)
    goto fail;
  if (!ascend_database_commit (db, error))
    return FALSE;
  if (out_removed)
    *out_removed = removed;
  return TRUE;

fail:
  ascend_database_rollback (db);
  return FALSE;
}
