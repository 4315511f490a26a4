/* ascend-habit-store.c: log days, archive, skips, streak rewards, delete with undo */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ascend-habit-store.h"
#include "ascend-business-store.h"

/* Runs a prepared write to its end; sets error from the connection. */
static gboolean
run (AscendDatabase  *db,
     sqlite3_stmt    *stmt,
     GError         **error)
{
  int rc;

  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);
  return text ? g_strdup ((const char *) text) : NULL;
}

static gpointer
read_log_day (sqlite3_stmt *stmt)
{
  AscendHabitLogDay *log = g_new0 (AscendHabitLogDay, 1);

  log->id = sqlite3_column_int64 (stmt, 0);
  log->habit_id = sqlite3_column_int64 (stmt, 1);
  log->completed_at = sqlite3_column_int64 (stmt, 2);
  log->day = column_text (stmt, 3);
  log->notes = column_text (stmt, 4);
  return log;
}

static gpointer
read_skip (sqlite3_stmt *stmt)
{
  AscendHabitSkip *skip = g_new0 (AscendHabitSkip, 1);

  skip->id = sqlite3_column_int64 (stmt, 0);
  skip->habit_id = sqlite3_column_int64 (stmt, 1);
  skip->day = column_text (stmt, 2);
  skip->transaction_id = sqlite3_column_int64 (stmt, 3);
  return skip;
}

static gpointer
read_reward (sqlite3_stmt *stmt)
{
  AscendStreakReward *r = g_new0 (AscendStreakReward, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->habit_id = sqlite3_column_int64 (stmt, 1);
  r->milestone = sqlite3_column_int64 (stmt, 2);
  r->streak_start = column_text (stmt, 3);
  r->streak_end = column_text (stmt, 4);
  r->transaction_id = sqlite3_column_int64 (stmt, 5);
  return r;
}

static gint64
habit_owner (AscendDatabase  *db,
             gint64           habit_id,
             GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT userId FROM habits WHERE id = ?", error);
  gint64 owner = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    owner = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (owner == 0)
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                 _("Habit %" PRId64 " does not exist"), habit_id);
  return owner;
}

/* Log days */

void
ascend_habit_log_day_free (AscendHabitLogDay *log)
{
  if (log == NULL)
    return;
  g_free (log->day);
  g_free (log->notes);
  g_free (log);
}

gint64
ascend_habit_store_add_log (AscendDatabase  *db,
                            gint64           habit_id,
                            gint64           completed_at,
                            const char      *day,
                            const char      *time_zone,
                            const char      *notes,
                            GError         **error)
{
  g_autoptr(AscendHabitLog) log = NULL;
  sqlite3_stmt *stmt;
  gint64 owner;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (day != NULL, 0);

  if (!ascend_database_begin (db, error))
    return 0;
  if ((owner = habit_owner (db, habit_id, error)) == 0)
    goto fail;

  log = ascend_habit_log_new ();
  log->habit_id = habit_id;
  log->user_id = owner;
  log->completed_at = completed_at;
  log->notes = notes && *notes ? g_strdup (notes) : NULL;
  if (ascend_habit_log_insert (db, log, error) == 0)
    goto fail;

  stmt = ascend_database_prepare (db, "INSERT INTO habitLogDays (logId, day, timeZone) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, log->id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  if (time_zone != NULL && *time_zone != '\0' && strlen (time_zone) <= 64)
    sqlite3_bind_text (stmt, 3, time_zone, -1, SQLITE_TRANSIENT);
  if (!run (db, stmt, error))
    goto fail;

  if (!ascend_database_commit (db, error))
    return 0;
  return log->id;

fail:
  ascend_database_rollback (db);
  return 0;
}

static gboolean
changed_log (AscendDatabase  *db,
             gint64           id,
             GError         **error)
{
  if (sqlite3_changes (ascend_database_get_handle (db)) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("Habit log %" PRId64 " does not exist"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_habit_store_set_log_notes (AscendDatabase  *db,
                                  gint64           log_id,
                                  const char      *notes,
                                  GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "UPDATE habitLogs SET notes = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (notes != NULL && *notes != '\0')
    sqlite3_bind_text (stmt, 1, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, log_id);
  return run (db, stmt, error) && changed_log (db, log_id, error);
}

gboolean
ascend_habit_store_delete_log (AscendDatabase  *db,
                               gint64           log_id,
                               GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "DELETE FROM habitLogs WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, log_id);
  return run (db, stmt, error) && changed_log (db, log_id, error);
}

GPtrArray *
ascend_habit_store_list_logs (AscendDatabase  *db,
                              gint64           user_id,
                              gint64           habit_id,
                              GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_habit_log_day_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db,
    "SELECT l.id, l.habitId, l.completedAt, d.day, l.notes"
    "  FROM habitLogs AS l LEFT JOIN habitLogDays AS d ON d.logId = l.id"
    " WHERE l.userId = ?1 AND (?2 = 0 OR l.habitId = ?2)"
    " ORDER BY l.habitId, l.completedAt, l.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, habit_id);
  if (!ascend_database_collect (db, stmt, read_log_day, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Archive */

gboolean
ascend_habit_store_set_archived (AscendDatabase  *db,
                                 gint64           habit_id,
                                 gboolean         archived,
                                 GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (habit_owner (db, habit_id, error) == 0)
    return FALSE;
  stmt = ascend_database_prepare (db, archived
                                  ? "INSERT OR IGNORE INTO habitArchive (habitId, archivedAt) VALUES (?, ?)"
                                  : "DELETE FROM habitArchive WHERE habitId = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  if (archived)
    sqlite3_bind_int64 (stmt, 2, ascend_now_ms ());
  return run (db, stmt, error);
}

GHashTable *
ascend_habit_store_list_archived (AscendDatabase  *db,
                                  gint64           user_id,
                                  GError         **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db,
    "SELECT a.habitId FROM habitArchive AS a JOIN habits AS h ON h.id = a.habitId WHERE h.userId = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (set, id);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    {
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

/* Skips */

void
ascend_habit_skip_free (AscendHabitSkip *skip)
{
  if (skip == NULL)
    return;
  g_free (skip->day);
  g_free (skip);
}

static gint64
find_skip (AscendDatabase  *db,
           gint64           habit_id,
           const char      *day,
           gint64          *transaction_id,
           GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
    "SELECT id, transactionId FROM habitSkips WHERE habitId = ? AND day = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (transaction_id != NULL)
        *transaction_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

gint64
ascend_habit_store_add_skip (AscendDatabase  *db,
                             gint64           habit_id,
                             const char      *day,
                             gint64           token_cost,
                             const char      *description,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 owner, tx = 0, id;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (day != NULL, 0);
  g_return_val_if_fail (token_cost >= 0, 0);

  if (!ascend_database_begin (db, error))
    return 0;
  if ((owner = habit_owner (db, habit_id, error)) == 0)
    goto fail;
  if ((id = find_skip (db, habit_id, day, NULL, error)) != 0)
    {
      if (id > 0)
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT,
                     _("%s is already skipped"), day);
      goto fail;
    }
  if (token_cost > 0 &&
      (tx = ascend_token_ledger_record (db, owner, -token_cost, "usage", description, error)) == 0)
    goto fail;

  stmt = ascend_database_prepare (db,
    "INSERT INTO habitSkips (habitId, userId, day, transactionId, createdAt) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  sqlite3_bind_int64 (stmt, 2, owner);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  if (tx > 0)
    sqlite3_bind_int64 (stmt, 4, tx);
  sqlite3_bind_int64 (stmt, 5, ascend_now_ms ());
  if (!run (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (ascend_database_get_handle (db));

  if (!ascend_database_commit (db, error))
    return 0;
  return id;

fail:
  ascend_database_rollback (db);
  return 0;
}

gboolean
ascend_habit_store_delete_skip (AscendDatabase  *db,
                                gint64           habit_id,
                                const char      *day,
                                const char      *refund_description,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id, tx = 0, owner;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if ((owner = habit_owner (db, habit_id, error)) == 0)
    goto fail;
  if ((id = find_skip (db, habit_id, day, &tx, error)) <= 0)
    {
      if (id == 0)
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                     _("%s was not skipped"), day);
      goto fail;
    }
  if (tx > 0)
    {
      sqlite3_stmt *amount = ascend_database_prepare (db, "SELECT amount FROM tokenTransactions WHERE id = ?", error);
      gint64 paid = 0;

      if (amount == NULL)
        goto fail;
      sqlite3_bind_int64 (amount, 1, tx);
      if (sqlite3_step (amount) == SQLITE_ROW)
        paid = -sqlite3_column_int64 (amount, 0);
      sqlite3_reset (amount);
      if (paid > 0 && ascend_token_ledger_record (db, owner, paid, "refund", refund_description, error) == 0)
        goto fail;
    }

  stmt = ascend_database_prepare (db, "DELETE FROM habitSkips WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!run (db, stmt, error))
    goto fail;
  return ascend_database_commit (db, error);

fail:
  ascend_database_rollback (db);
  return FALSE;
}

GPtrArray *
ascend_habit_store_list_skips (AscendDatabase  *db,
                               gint64           user_id,
                               gint64           habit_id,
                               GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_habit_skip_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db,
    "SELECT id, habitId, day, coalesce(transactionId, 0) FROM habitSkips"
    " WHERE userId = ?1 AND (?2 = 0 OR habitId = ?2) ORDER BY habitId, day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, habit_id);
  if (!ascend_database_collect (db, stmt, read_skip, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

gint64
ascend_habit_store_count_free_skips (AscendDatabase  *db,
                                     gint64           habit_id,
                                     const char      *month,
                                     GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
    "SELECT count(*) FROM habitSkips WHERE habitId = ? AND transactionId IS NULL AND substr(day, 1, 7) = ?", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_reset (stmt) != SQLITE_OK)
    ascend_database_set_error (db, sqlite3_errcode (ascend_database_get_handle (db)), error);
  return n;
}

/* Streak rewards */

void
ascend_streak_reward_free (AscendStreakReward *reward)
{
  if (reward == NULL)
    return;
  g_free (reward->streak_start);
  g_free (reward->streak_end);
  g_free (reward);
}

GPtrArray *
ascend_habit_store_list_rewards (AscendDatabase  *db,
                                 gint64           habit_id,
                                 GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_streak_reward_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db,
    "SELECT id, habitId, milestone, streakStart, streakEnd, coalesce(transactionId, 0)"
    "  FROM streakRewards WHERE habitId = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  if (!ascend_database_collect (db, stmt, read_reward, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

gint64
ascend_habit_store_grant_reward (AscendDatabase  *db,
                                 gint64           habit_id,
                                 gint64           milestone,
                                 const char      *streak_start,
                                 const char      *streak_end,
                                 gint64           tokens,
                                 const char      *description,
                                 GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 owner, tx = 0, id;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (streak_start != NULL && streak_end != NULL, 0);
  g_return_val_if_fail (tokens >= 0, 0);

  if (!ascend_database_begin (db, error))
    return 0;
  if ((owner = habit_owner (db, habit_id, error)) == 0)
    goto fail;
  if (tokens > 0 && (tx = ascend_token_ledger_record (db, owner, tokens, "bonus", description, error)) == 0)
    goto fail;

  stmt = ascend_database_prepare (db,
    "INSERT INTO streakRewards (habitId, userId, milestone, streakStart, streakEnd, transactionId, createdAt)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, habit_id);
  sqlite3_bind_int64 (stmt, 2, owner);
  sqlite3_bind_int64 (stmt, 3, milestone);
  sqlite3_bind_text (stmt, 4, streak_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, streak_end, -1, SQLITE_TRANSIENT);
  if (tx > 0)
    sqlite3_bind_int64 (stmt, 6, tx);
  sqlite3_bind_int64 (stmt, 7, ascend_now_ms ());
  if (!run (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (ascend_database_get_handle (db));

  if (!ascend_database_commit (db, error))
    return 0;
  return id;

fail:
  ascend_database_rollback (db);
  return 0;
}

/* Delete with undo. The snapshot copies the rows of every table that
 * belongs to the habit, value by value, so restoring needs no knowledge of
 * their columns; parents come before children. */

typedef struct {
  const char *table;
  const char *where;   /* ?1 is the habit id */
} Owned;

static const Owned owned_tables[] = {
  { "habits", "id = ?1" },
  { "habitArchive", "habitId = ?1" },
  { "habitLogs", "habitId = ?1" },
  { "habitLogDays", "logId IN (SELECT id FROM habitLogs WHERE habitId = ?1)" },
  { "habitSkips", "habitId = ?1" },
  { "streakRewards", "habitId = ?1" },
};

typedef struct {
  const char *table;
  char       *insert_sql;
  int         n_columns;
  GPtrArray  *values;   /* n_columns sqlite3_value * per row */
} TableRows;

struct _AscendHabitSnapshot {
  gint64     habit_id;
  TableRows  tables[G_N_ELEMENTS (owned_tables)];
};

void
ascend_habit_snapshot_free (AscendHabitSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (owned_tables); i++)
    {
      g_free (snapshot->tables[i].insert_sql);
      g_clear_pointer (&snapshot->tables[i].values, g_ptr_array_unref);
    }
  g_free (snapshot);
}

gint64
ascend_habit_snapshot_get_habit_id (AscendHabitSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->habit_id;
}

static gboolean
copy_rows (AscendDatabase  *db,
           const Owned     *owned,
           gint64           habit_id,
           TableRows       *out,
           GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s", owned->table, owned->where);
  g_autoptr(GString) insert = g_string_new (NULL);
  sqlite3_stmt *stmt = ascend_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  out->table = owned->table;
  out->n_columns = sqlite3_column_count (stmt);
  out->values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);

  g_string_append_printf (insert, "INSERT INTO %s (", owned->table);
  for (int c = 0; c < out->n_columns; c++)
    g_string_append_printf (insert, "%s\"%s\"", c ? ", " : "", sqlite3_column_name (stmt, c));
  g_string_append (insert, ") VALUES (");
  for (int c = 0; c < out->n_columns; c++)
    g_string_append (insert, c ? ", ?" : "?");
  g_string_append (insert, ")");
  out->insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);

  sqlite3_bind_int64 (stmt, 1, habit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < out->n_columns; c++)
      g_ptr_array_add (out->values, sqlite3_value_dup (sqlite3_column_value (stmt, c)));
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

AscendHabitSnapshot *
ascend_habit_store_delete (AscendDatabase  *db,
                           gint64           habit_id,
                           GError         **error)
{
  g_autoptr(AscendHabitSnapshot) snapshot = g_new0 (AscendHabitSnapshot, 1);

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  snapshot->habit_id = habit_id;
  if (!ascend_database_begin (db, error))
    return NULL;
  if (habit_owner (db, habit_id, error) == 0)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (owned_tables); i++)
    if (!copy_rows (db, &owned_tables[i], habit_id, &snapshot->tables[i], error))
      goto fail;
  /* ON DELETE CASCADE takes the rest. */
  if (!ascend_habit_delete (db, habit_id, error))
    goto fail;
  if (!ascend_database_commit (db, error))
    return NULL;
  return g_steal_pointer (&snapshot);

fail:
  ascend_database_rollback (db);
  return NULL;
}

gboolean
ascend_habit_store_restore (AscendDatabase       *db,
                            AscendHabitSnapshot  *snapshot,
                            GError              **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (owned_tables); i++)
    {
      TableRows *rows = &snapshot->tables[i];
      sqlite3_stmt *stmt;

      if (rows->values == NULL || rows->values->len == 0)
        continue;
      stmt = ascend_database_prepare (db, rows->insert_sql, error);
      if (stmt == NULL)
        goto fail;
      for (guint r = 0; r < rows->values->len; r += rows->n_columns)
        {
          for (int c = 0; c < rows->n_columns; c++)
            sqlite3_bind_value (stmt, c + 1, g_ptr_array_index (rows->values, r + c));
          if (!run (db, stmt, error))
            goto fail;
        }
    }
  return ascend_database_commit (db, error);

fail:
  ascend_database_rollback (db);
  return FALSE;
}
