/* test-ledger.c: the token ledger invariant
 *
 * DESIGN.md 5: users.tokenBalance always equals 5 plus the sum of that
 * user's tokenTransactions.amount, never goes below zero, and the balance
 * and the transaction are written in one SQLite transaction.
 */
#include "config.h"

#include <string.h>

#include "ascend-test-util.h"
#include "ascend-user-store.h"
#include "ascend-business-store.h"

#define MSG_APPEND_ONLY "Token transactions cannot be changed once written; add a refund instead"
#define MSG_BALANCE_ONLY "The token balance only changes through token transactions"
#define MSG_ZERO "A token transaction cannot be for zero tokens"
#define MSG_BELOW_ZERO "Not enough tokens: the balance cannot go below zero"

#define N_USERS 3
#define N_STEPS 3000
#define SEED 20260220

static gint64
ledger_sum (AscendDatabase *db,
            gint64          user)
{
  return ascend_test_sql_int (db, "SELECT 5 + coalesce(sum(amount), 0) FROM tokenTransactions WHERE userId = %"
                              G_GINT64_FORMAT, user);
}

static gint64
tx_count (AscendDatabase *db,
          gint64          user)
{
  return ascend_test_sql_int (db, "SELECT count(*) FROM tokenTransactions WHERE userId = %" G_GINT64_FORMAT, user);
}

typedef struct {
  gint64 id;
  gint64 balance;  /* what the test expects */
  gint64 count;
} Account;

/* The invariant, read with raw SQL, against the model. */
static void
check_accounts (AscendDatabase *db,
                const Account  *accounts,
                guint           n,
                guint           step)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 balance = ascend_test_token_balance (db, accounts[i].id);
      gint64 sum = ledger_sum (db, accounts[i].id);
      gint64 count = tx_count (db, accounts[i].id);

      if (balance != sum || balance != accounts[i].balance || count != accounts[i].count || balance < 0)
        g_error ("step %u, user %" G_GINT64_FORMAT ": balance %" G_GINT64_FORMAT ", 5 + sum %" G_GINT64_FORMAT
                 ", expected %" G_GINT64_FORMAT "; %" G_GINT64_FORMAT " transactions, expected %" G_GINT64_FORMAT,
                 step, accounts[i].id, balance, sum, accounts[i].balance, count, accounts[i].count);
    }
  /* And for every profile at once, the way ascend_database_check asks. */
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM users u WHERE tokenBalance < 0 OR tokenBalance <> "
                                            "5 + coalesce((SELECT sum(amount) FROM tokenTransactions t WHERE t.userId = u.id), 0)"),
                   ==, 0);
}

static void
test_new_users_start_at_five (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);

  for (int i = 0; i < N_USERS; i++)
    {
      gint64 id = ascend_test_add_user (db, "New");
      g_autoptr(AscendUser) user = ascend_user_get (db, id, &error);
      g_autoptr(GPtrArray) txs = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (user->token_balance, ==, 5);
      g_assert_cmpint (ascend_token_ledger_balance (db, id, &error), ==, 5);
      g_assert_cmpint (ascend_test_token_balance (db, id), ==, 5);
      g_assert_cmpint (ASCEND_INITIAL_TOKENS, ==, 5);
      txs = ascend_token_ledger_list (db, id, 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (txs->len, ==, 0);
    }
}

typedef enum {
  OP_PURCHASE,
  OP_USAGE,
  OP_BONUS,
  OP_REFUND,
  OP_ZERO,
  OP_TAMPER_AMOUNT,
  OP_TAMPER_BALANCE,
  OP_DELETE,
  N_OPS
} Op;

static Op
pick_op (GRand *rand)
{
  gint32 r = g_rand_int_range (rand, 0, 100);

  if (r < 22) return OP_PURCHASE;
  if (r < 65) return OP_USAGE;
  if (r < 78) return OP_BONUS;
  if (r < 88) return OP_REFUND;
  if (r < 91) return OP_ZERO;
  if (r < 94) return OP_TAMPER_AMOUNT;
  if (r < 97) return OP_TAMPER_BALANCE;
  return OP_DELETE;
}

/* The transaction of user at position offset (modulo how many there are),
 * newest first; 0 when the user has none. */
static gint64
pick_tx (AscendDatabase *db,
         gint64          user,
         guint32         offset,
         gint64         *amount)
{
  gint64 n = tx_count (db, user);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (n == 0)
    return 0;
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db),
                                       "SELECT id, amount FROM tokenTransactions WHERE userId = ? "
                                       "ORDER BY id DESC LIMIT 1 OFFSET ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, user);
  sqlite3_bind_int64 (stmt, 2, offset % n);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *amount = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return id;
}

/* Moves tokens with the ledger; returns TRUE when the model should follow. */
static gboolean
record (AscendDatabase *db,
        Account        *account,
        gint64          amount,
        const char     *type,
        guint          *refused)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ascend_token_ledger_record (db, account->id, amount, type, "sequence", &error);

  if (account->balance + amount < 0)
    {
      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
      g_assert_nonnull (strstr (error->message, "Not enough tokens"));
      (*refused)++;
      return FALSE;
    }
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  account->balance += amount;
  account->count++;
  return TRUE;
}

static void
test_random_sequence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  Account accounts[N_USERS];
  guint done[N_OPS] = { 0 };
  guint overdrafts = 0, deletes_refused = 0, times_at_zero = 0;
  gint64 highest = 0;

  for (guint i = 0; i < N_USERS; i++)
    {
      accounts[i].id = ascend_test_add_user (db, "Ledger");
      accounts[i].balance = 5;
      accounts[i].count = 0;
    }
  check_accounts (db, accounts, N_USERS, 0);

  for (guint step = 1; step <= N_STEPS; step++)
    {
      Account *account = &accounts[g_rand_int_range (rand, 0, N_USERS)];
      Op op = pick_op (rand);

      switch (op)
        {
        case OP_PURCHASE:
          record (db, account, g_rand_int_range (rand, 5, 51), "purchase", &overdrafts);
          break;
        case OP_USAGE:
          record (db, account, -g_rand_int_range (rand, 1, 61), "usage", &overdrafts);
          break;
        case OP_BONUS:
          record (db, account, g_rand_int_range (rand, 1, 6), "bonus", &overdrafts);
          break;
        case OP_REFUND:
          /* A refunded purchase takes tokens back; a refunded usage gives
           * them back. */
          record (db, account, (g_rand_boolean (rand) ? 1 : -1) * g_rand_int_range (rand, 1, 21),
                  "refund", &overdrafts);
          break;
        case OP_ZERO:
          {
            static const char * const types[] = { "purchase", "usage", "bonus", "refund" };
            gint64 id = ascend_token_ledger_record (db, account->id, 0, types[g_rand_int_range (rand, 0, 4)],
                                                    NULL, &error);
            g_assert_cmpint (id, ==, 0);
            g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
            g_assert_cmpstr (error->message, ==, MSG_ZERO);
            g_clear_error (&error);
          }
          break;
        case OP_TAMPER_AMOUNT:
          {
            gint64 amount = 0;
            gint64 id = pick_tx (db, account->id, g_rand_int (rand), &amount);
            g_autofree char *sql = g_strdup_printf ("UPDATE tokenTransactions SET amount = %" G_GINT64_FORMAT
                                                    " WHERE id = %" G_GINT64_FORMAT,
                                                    amount + g_rand_int_range (rand, 1, 100), id);
            if (id == 0)
              break;
            g_assert_false (ascend_database_exec (db, sql, &error));
            g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
            g_assert_cmpstr (error->message, ==, MSG_APPEND_ONLY);
            g_clear_error (&error);
            /* Through the row API as well. */
            {
              g_autoptr(AscendTokenTransaction) tx = ascend_record_new (&ascend_table_token_transactions);
              g_assert_true (ascend_row_get (db, &ascend_table_token_transactions, id, tx, &error));
              tx->amount = -tx->amount;
              g_assert_false (ascend_row_update (db, &ascend_table_token_transactions, tx, &error));
              g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
              g_assert_cmpstr (error->message, ==, MSG_APPEND_ONLY);
              g_clear_error (&error);
            }
          }
          break;
        case OP_TAMPER_BALANCE:
          {
            g_autofree char *sql = g_strdup_printf ("UPDATE users SET tokenBalance = tokenBalance + %d WHERE id = %"
                                                    G_GINT64_FORMAT, g_rand_int_range (rand, 1, 1000), account->id);
            g_assert_false (ascend_database_exec (db, sql, &error));
            g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
            g_assert_cmpstr (error->message, ==, MSG_BALANCE_ONLY);
            g_clear_error (&error);
          }
          break;
        case OP_DELETE:
          {
            gint64 amount = 0;
            gint64 id = pick_tx (db, account->id, g_rand_int (rand), &amount);
            if (id == 0)
              break;
            if (ascend_row_delete (db, &ascend_table_token_transactions, id, &error))
              {
                g_assert_no_error (error);
                g_assert_cmpint (account->balance - amount, >=, 0);
                account->balance -= amount;
                account->count--;
              }
            else
              {
                /* Taking back a purchase that was already spent. */
                g_assert_cmpint (account->balance - amount, <, 0);
                g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
                g_assert_cmpstr (error->message, ==, MSG_BELOW_ZERO);
                g_clear_error (&error);
                deletes_refused++;
              }
          }
          break;
        case N_OPS:
        default:
          g_assert_not_reached ();
        }
      done[op]++;
      check_accounts (db, accounts, N_USERS, step);
      for (guint i = 0; i < N_USERS; i++)
        {
          if (accounts[i].balance == 0)
            times_at_zero++;
          highest = MAX (highest, accounts[i].balance);
        }
    }

  g_test_message ("seed %u, %u steps: %u purchases, %u usages, %u bonuses, %u refunds, %u zero amounts, "
                  "%u amount edits, %u balance edits, %u deletes tried; %u overdrafts and %u deletes refused; "
                  "a balance was at 0 %u times, highest %" G_GINT64_FORMAT,
                  SEED, N_STEPS, done[OP_PURCHASE], done[OP_USAGE], done[OP_BONUS], done[OP_REFUND],
                  done[OP_ZERO], done[OP_TAMPER_AMOUNT], done[OP_TAMPER_BALANCE], done[OP_DELETE],
                  overdrafts, deletes_refused, times_at_zero, highest);

  /* The sequence must have exercised the edges, or it proves little. */
  for (guint op = 0; op < N_OPS; op++)
    g_assert_cmpuint (done[op], >, 10);
  g_assert_cmpuint (overdrafts, >, 50);
  g_assert_cmpuint (times_at_zero, >, 0);
  g_assert_cmpuint (deletes_refused, >, 0);

  {
    g_autoptr(GPtrArray) problems = ascend_database_check (db, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("problem: %s", (char *) problems->pdata[i]);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* The typed API agrees with the raw balance. */
  for (guint i = 0; i < N_USERS; i++)
    {
      g_autoptr(AscendUser) user = ascend_user_get (db, accounts[i].id, &error);
      g_autoptr(GPtrArray) txs = ascend_token_ledger_list (db, accounts[i].id, 0, 0, &error);
      gint64 sum = 5;

      g_assert_no_error (error);
      g_assert_cmpint (user->token_balance, ==, accounts[i].balance);
      g_assert_cmpint (ascend_token_ledger_balance (db, accounts[i].id, &error), ==, accounts[i].balance);
      g_assert_cmpuint (txs->len, ==, accounts[i].count);
      for (guint k = 0; k < txs->len; k++)
        sum += ((AscendTokenTransaction *) txs->pdata[k])->amount;
      g_assert_cmpint (sum, ==, accounts[i].balance);
    }
}

static void
test_overdraft_changes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Ren");
  gint64 other = ascend_test_add_user (db, "Sora");
  gint64 updated_before;

  g_assert_cmpint (ascend_token_ledger_record (db, other, 20, "purchase", NULL, &error), >, 0);
  updated_before = ascend_test_sql_int (db, "SELECT updatedAt FROM users WHERE id = %" G_GINT64_FORMAT, user);

  g_assert_cmpint (ascend_token_ledger_record (db, user, -6, "usage", "Long chat", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Not enough tokens: this needs 6 and the balance is 5 tokens");
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 5);
  g_assert_cmpint (tx_count (db, user), ==, 0);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT updatedAt FROM users WHERE id = %" G_GINT64_FORMAT, user), ==, updated_before);

  /* Exactly the balance is fine and leaves zero; then one more is refused. */
  g_assert_cmpint (ascend_token_ledger_record (db, user, -4, "usage", NULL, &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -2, "usage", NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "Not enough tokens: this needs 2 and the balance is 1 token");
  g_clear_error (&error);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -1, "usage", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -1, "usage", NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_nonnull (strstr (error->message, "Not enough tokens"));
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 0);
  g_assert_cmpint (tx_count (db, user), ==, 2);

  /* A refused overdraft inside a caller's transaction spoils that
   * transaction: nothing of it is kept. */
  g_assert_true (ascend_database_begin (db, &error));
  g_assert_cmpint (ascend_token_ledger_record (db, user, 10, "bonus", NULL, &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -11, "usage", NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_clear_error (&error);
  g_assert_false (ascend_database_commit (db, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 0);
  g_assert_cmpint (tx_count (db, user), ==, 2);

  /* The other profile was never touched. */
  g_assert_cmpint (ascend_test_token_balance (db, other), ==, 25);
  g_assert_cmpint (tx_count (db, other), ==, 1);
}

static void
test_zero_and_bad_type_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Kai");

  g_assert_cmpint (ascend_token_ledger_record (db, user, 0, "bonus", NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_ZERO);
  g_clear_error (&error);

  g_assert_cmpint (ascend_token_ledger_record (db, user, 3, "gift", NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Transaction type must be one of: purchase, usage, bonus, refund");
  g_clear_error (&error);

  g_assert_cmpint (ascend_token_ledger_record (db, 999, 3, "bonus", NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Profile 999 does not exist");
  g_clear_error (&error);

  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 5);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM tokenTransactions"), ==, 0);
}

static void
test_transactions_are_append_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Yui");
  gint64 other = ascend_test_add_user (db, "Mio");
  gint64 id = ascend_token_ledger_record (db, user, 30, "purchase", "Pack of 30", &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 35);

  sql = g_strdup_printf ("UPDATE tokenTransactions SET amount = 3000 WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_APPEND_ONLY);
  g_clear_error (&error);
  g_free (sql);

  /* Moving a transaction to another profile is an edit too. */
  sql = g_strdup_printf ("UPDATE tokenTransactions SET userId = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         other, id);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_APPEND_ONLY);
  g_clear_error (&error);

  {
    g_autoptr(AscendTokenTransaction) tx = ascend_record_new (&ascend_table_token_transactions);
    g_assert_true (ascend_row_get (db, &ascend_table_token_transactions, id, tx, &error));
    tx->amount = 1;
    g_assert_false (ascend_row_update (db, &ascend_table_token_transactions, tx, &error));
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
    g_assert_cmpstr (error->message, ==, MSG_APPEND_ONLY);
    g_clear_error (&error);
  }

  g_assert_cmpint (ascend_test_sql_int (db, "SELECT amount FROM tokenTransactions WHERE id = %" G_GINT64_FORMAT, id), ==, 30);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 35);
  g_assert_cmpint (ascend_test_token_balance (db, other), ==, 5);
}

/* Nothing but the ledger writes users.tokenBalance. */
static void
test_balance_written_by_ledger_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Nao");
  g_autofree char *sql = NULL;

  g_assert_cmpint (ascend_token_ledger_record (db, user, 7, "bonus", NULL, &error), >, 0);

  sql = g_strdup_printf ("UPDATE users SET tokenBalance = 1000 WHERE id = %" G_GINT64_FORMAT, user);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_BALANCE_ONLY);
  g_clear_error (&error);
  g_free (sql);

  sql = g_strdup_printf ("UPDATE users SET tokenBalance = 0 WHERE id = %" G_GINT64_FORMAT, user);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_cmpstr (error->message, ==, MSG_BALANCE_ONLY);
  g_clear_error (&error);

  g_assert_false (ascend_database_exec (db, "INSERT INTO users (name, tokenBalance, createdAt, updatedAt, lastSignedIn) "
                                            "VALUES ('Rich', 500, 1, 1, 1)", &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, MSG_BALANCE_ONLY);
  g_clear_error (&error);

  /* The typed update does not write the balance at all. */
  {
    g_autoptr(AscendUser) u = ascend_user_get (db, user, &error);
    u->token_balance = 999;
    g_assert_true (ascend_user_update (db, u, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 12);
  g_assert_cmpint (ascend_test_sql_int (db, "SELECT count(*) FROM users"), ==, 1);
}

/* The transaction row and the balance go together or not at all. */
static void
test_row_and_balance_in_one_transaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Hana");
  g_autofree char *sql = NULL;

  /* A caller's transaction rolled back takes both with it. */
  g_assert_true (ascend_database_begin (db, &error));
  g_assert_cmpint (ascend_token_ledger_record (db, user, 40, "purchase", NULL, &error), >, 0);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 45);
  ascend_database_rollback (db);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 5);
  g_assert_cmpint (tx_count (db, user), ==, 0);

  /* An overdraft that skips the store's own test is stopped by the CHECK
   * on the balance, and the transaction row is not kept either. */
  sql = g_strdup_printf ("INSERT INTO tokenTransactions (userId, amount, type, createdAt) VALUES (%" G_GINT64_FORMAT
                         ", -9, 'usage', 1)", user);
  g_assert_false (ascend_database_exec (db, sql, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, MSG_BELOW_ZERO);
  g_clear_error (&error);
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 5);
  g_assert_cmpint (tx_count (db, user), ==, 0);

  /* A raw insert that is allowed moves the balance by itself. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO tokenTransactions (userId, amount, type, createdAt) VALUES (%" G_GINT64_FORMAT
                         ", -5, 'usage', 1)", user);
  g_assert_true (ascend_database_exec (db, sql, &error));
  g_assert_cmpint (ascend_test_token_balance (db, user), ==, 0);
  g_assert_cmpint (ledger_sum (db, user), ==, 0);
}

/* A profile with a ledger can be deleted whatever order the cascade takes
 * its transactions in. */
static void
test_profile_with_ledger_deletes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Emi");
  gint64 other = ascend_test_add_user (db, "Jun");

  g_assert_cmpint (ascend_token_ledger_record (db, user, 100, "purchase", NULL, &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -104, "usage", NULL, &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, other, 3, "bonus", NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (ascend_user_delete (db, user, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_count (db, user), ==, 0);
  g_assert_cmpint (ascend_test_token_balance (db, other), ==, 8);
  {
    g_autoptr(GPtrArray) problems = ascend_database_check (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/ledger/new-users-start-at-five", test_new_users_start_at_five);
  g_test_add_func ("/ledger/random-sequence", test_random_sequence);
  g_test_add_func ("/ledger/overdraft-changes-nothing", test_overdraft_changes_nothing);
  g_test_add_func ("/ledger/zero-and-bad-type-refused", test_zero_and_bad_type_refused);
  g_test_add_func ("/ledger/append-only", test_transactions_are_append_only);
  g_test_add_func ("/ledger/balance-written-by-ledger-only", test_balance_written_by_ledger_only);
  g_test_add_func ("/ledger/row-and-balance-together", test_row_and_balance_in_one_transaction);
  g_test_add_func ("/ledger/profile-with-ledger-deletes", test_profile_with_ledger_deletes);
  return g_test_run ();
}
