/* ascend-user-store.c: the users table */
#include "config.h"

#include <string.h>

#include "ascend-user-store.h"

#define T AscendUser
static const AscendColumn user_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN (T, open_id, "openId", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, name, "name", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, email, "email", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, login_method, "loginMethod", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_TEXT_DEFAULT (T, role, "role", "user"),
  ASCEND_COLUMN_TEXT_DEFAULT (T, subscription_tier, "subscriptionTier", "free"),
  ASCEND_COLUMN (T, stripe_customer_id, "stripeCustomerId", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, token_balance, "tokenBalance", ASCEND_COL_INT, ASCEND_COL_LEDGER),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
  ASCEND_COLUMN (T, updated_at, "updatedAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW | ASCEND_COL_TOUCH),
  ASCEND_COLUMN (T, last_signed_in, "lastSignedIn", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

const AscendTable ascend_table_users =
  ASCEND_TABLE (AscendUser, "users", user_columns, NULL, "createdAt", ascend_user_free);

ASCEND_DEFINE_RECORD_API (AscendUser, ascend_user, ascend_table_users)

AscendUser *
ascend_user_get_first (AscendDatabase  *db,
                       GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT min(id) FROM users", error);
  gint64 id;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ascend_user_get (db, id, error);
}

gboolean
ascend_user_touch_signed_in (AscendDatabase  *db,
                             gint64           user_id,
                             GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "UPDATE users SET lastSignedIn = ? WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ascend_now_ms ());
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

gboolean
ascend_user_count_activity (AscendDatabase        *db,
                            gint64                 user_id,
                            AscendActivityCounts  *out,
                            GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = ascend_database_prepare (db,
    "SELECT (SELECT count(*) FROM habitLogs WHERE userId = ?1),"
    " (SELECT count(*) FROM moodLogs WHERE userId = ?1),"
    " (SELECT count(*) FROM journalEntries WHERE userId = ?1),"
    " (SELECT count(*) FROM exerciseSessions WHERE userId = ?1 AND status = 'completed'),"
    " (SELECT count(*) FROM milestones m JOIN goals g ON g.id = m.goalId"
    "  WHERE g.userId = ?1 AND m.isCompleted = 1),"
    " (SELECT count(*) FROM goals WHERE userId = ?1 AND progress = 100)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->habit_logs = sqlite3_column_int64 (stmt, 0);
      out->mood_logs = sqlite3_column_int64 (stmt, 1);
      out->journal_entries = sqlite3_column_int64 (stmt, 2);
      out->completed_exercises = sqlite3_column_int64 (stmt, 3);
      out->completed_milestones = sqlite3_column_int64 (stmt, 4);
      out->completed_goals = sqlite3_column_int64 (stmt, 5);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}
