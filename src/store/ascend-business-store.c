/* ascend-business-store.c: tokenTransactions (the ledger), subscriptions, payments, supportTickets */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ascend-business-store.h"

#define T AscendTokenTransaction
static const AscendColumn token_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, amount, "amount", ASCEND_COL_INT, 0),
  ASCEND_COLUMN (T, type, "type", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, description, "description", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendSubscription
static const AscendColumn subscription_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, stripe_subscription_id, "stripeSubscriptionId", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, tier, "tier", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, status, "status", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendPayment
static const AscendColumn payment_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, stripe_payment_intent_id, "stripePaymentIntentId", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, amount, "amount", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, currency, "currency", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, status, "status", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendSupportTicket
static const AscendColumn ticket_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, subject, "subject", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, description, "description", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, category, "category", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_TEXT_DEFAULT (T, status, "status", "open"),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

const AscendTable ascend_table_token_transactions =
  ASCEND_TABLE (AscendTokenTransaction, "tokenTransactions", token_columns, "userId", "createdAt",
                ascend_token_transaction_free);
const AscendTable ascend_table_subscriptions =
  ASCEND_TABLE (AscendSubscription, "subscriptions", subscription_columns, "userId", "createdAt",
                ascend_subscription_free);
const AscendTable ascend_table_payments =
  ASCEND_TABLE (AscendPayment, "payments", payment_columns, "userId", "createdAt", ascend_payment_free);
const AscendTable ascend_table_support_tickets =
  ASCEND_TABLE (AscendSupportTicket, "supportTickets", ticket_columns, "userId", "createdAt",
                ascend_support_ticket_free);

ASCEND_DEFINE_RECORD_API (AscendSubscription, ascend_subscription, ascend_table_subscriptions)
ASCEND_DEFINE_RECORD_API (AscendPayment, ascend_payment, ascend_table_payments)
ASCEND_DEFINE_RECORD_API (AscendSupportTicket, ascend_support_ticket, ascend_table_support_tickets)

void
ascend_token_transaction_free (AscendTokenTransaction *record)
{
  ascend_record_free (&ascend_table_token_transactions, record);
}

gint64
ascend_token_ledger_balance (AscendDatabase  *db,
                             gint64           user_id,
                             GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT tokenBalance FROM users WHERE id = ?", error);
  gint64 balance = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    balance = sqlite3_column_int64 (stmt, 0);
  else
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                 _("Profile %" PRId64 " does not exist"), user_id);
  sqlite3_reset (stmt);
  return balance;
}

gint64
ascend_token_ledger_record (AscendDatabase  *db,
                            gint64           user_id,
                            gint64           amount,
                            const char      *type,
                            const char      *description,
                            GError         **error)
{
  g_autoptr(AscendTokenTransaction) tx = ascend_record_new (&ascend_table_token_transactions);
  g_autoptr(GError) local_error = NULL;
  gint64 balance;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);

  if (!ascend_database_begin (db, error))
    return 0;

  balance = ascend_token_ledger_balance (db, user_id, error);
  if (balance < 0)
    goto fail;
  if (balance + amount < 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Not enough tokens: this needs %" PRId64 " and the balance is %" PRId64 " token",
                                "Not enough tokens: this needs %" PRId64 " and the balance is %" PRId64 " tokens",
                                balance),
                   -amount, balance);
      goto fail;
    }

  tx->user_id = user_id;
  tx->amount = amount;
  tx->type = g_strdup (type);
  tx->description = g_strdup (description);
  /* The AFTER INSERT trigger moves users.tokenBalance in this same
   * transaction; the CHECK on tokenBalance is the last line of defence. */
  if (ascend_row_insert (db, &ascend_table_token_transactions, tx, error) == 0)
    goto fail;

  stmt = ascend_database_prepare (db, "UPDATE users SET updatedAt = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tx->created_at);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_step (stmt);
  if (sqlite3_reset (stmt) != SQLITE_OK)
    {
      ascend_database_set_error (db, sqlite3_errcode (ascend_database_get_handle (db)), error);
      goto fail;
    }

  if (!ascend_database_commit (db, error))
    return 0;
  return tx->id;

fail:
  ascend_database_rollback (db);
  return 0;
}

GPtrArray *
ascend_token_ledger_list (AscendDatabase  *db,
                          gint64           user_id,
                          gint64           from,
                          gint64           to,
                          GError         **error)
{
  return ascend_row_list (db, &ascend_table_token_transactions, user_id, from, to, error);
}
