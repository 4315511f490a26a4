/* ascend-business-store.h: token ledger, subscriptions, payments, support tickets */
#pragma once

#include "ascend-table.h"

G_BEGIN_DECLS

#define ASCEND_INITIAL_TOKENS 5

typedef struct {
  gint64  id;
  gint64  user_id;
  gint64  amount;       /* + or -, never 0 */
  char   *type;         /* purchase, usage, bonus, refund */
  char   *description;
  gint64  created_at;
} AscendTokenTransaction;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *stripe_subscription_id;
  char   *tier;         /* premium, pro */
  char   *status;       /* active, canceled, past_due */
  gint64  created_at;
} AscendSubscription;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *stripe_payment_intent_id;
  char   *amount;       /* decimal text, e.g. "4.99" */
  char   *currency;     /* ISO 4217, e.g. "eur" */
  char   *status;       /* succeeded, failed, pending */
  gint64  created_at;
} AscendPayment;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *subject;
  char   *description;
  char   *category;
  char   *status;       /* open, in_progress, resolved */
  gint64  created_at;
} AscendSupportTicket;

extern const AscendTable ascend_table_token_transactions;
extern const AscendTable ascend_table_subscriptions;
extern const AscendTable ascend_table_payments;
extern const AscendTable ascend_table_support_tickets;

ASCEND_DECLARE_RECORD_API (AscendSubscription, ascend_subscription)
ASCEND_DECLARE_RECORD_API (AscendPayment, ascend_payment)
ASCEND_DECLARE_RECORD_API (AscendSupportTicket, ascend_support_ticket)

/* The token ledger: the only way tokens move. Adds a transaction and updates
 * users.tokenBalance in one SQLite transaction; refuses (with
 * ASCEND_STORE_ERROR_INSUFFICIENT) an amount that would take the balance
 * below zero, leaving nothing changed. Returns the transaction id or 0. */
gint64     ascend_token_ledger_record  (AscendDatabase *db,
                                        gint64          user_id,
                                        gint64          amount,
                                        const char     *type,
                                        const char     *description,
                                        GError        **error);
gint64     ascend_token_ledger_balance (AscendDatabase *db,
                                        gint64          user_id,
                                        GError        **error);
GPtrArray *ascend_token_ledger_list    (AscendDatabase *db,
                                        gint64          user_id,
                                        gint64          from,
                                        gint64          to,
                                        GError        **error);
void       ascend_token_transaction_free (AscendTokenTransaction *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendTokenTransaction, ascend_token_transaction_free)

G_END_DECLS
