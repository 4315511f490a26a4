/* ascend-shop-store.c: shopUnlocks and shopPreferences */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ascend-shop-store.h"
#include "ascend-business-store.h"

static gboolean
step_done (AscendDatabase  *db,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ascend_database_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

int
ascend_shop_store_is_unlocked (AscendDatabase  *db,
                               gint64           user_id,
                               const char      *item_id,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), -1);
  g_return_val_if_fail (item_id != NULL, -1);

  stmt = ascend_database_prepare (db, "SELECT 1 FROM shopUnlocks WHERE userId = ? AND itemId = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  ascend_database_set_error (db, rc, error);
  return -1;
}

gint64
ascend_shop_store_unlock (AscendDatabase  *db,
                          gint64           user_id,
                          const char      *item_id,
                          gint64           price,
                          const char      *description,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 balance, tx = 0, id;
  int owned;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (item_id != NULL && *item_id != '\0', 0);
  g_return_val_if_fail (price >= 0, 0);

  if (!ascend_database_begin (db, error))
    return 0;
  if ((owned = ascend_shop_store_is_unlocked (db, user_id, item_id, error)) != 0)
    {
      if (owned > 0)
        g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT,
                             _("You already own this"));
      goto fail;
    }
  if ((balance = ascend_token_ledger_balance (db, user_id, error)) < 0)
    goto fail;
  if (balance < price)
    {
      gint64 missing = price - balance;
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT,
                   g_dngettext (GETTEXT_PACKAGE, "You need %" PRId64 " more token",
                                "You need %" PRId64 " more tokens", missing),
                   missing);
      goto fail;
    }
  if (price > 0 &&
      (tx = ascend_token_ledger_record (db, user_id, -price, "usage", description, error)) == 0)
    goto fail;

  stmt = ascend_database_prepare (db,
    "INSERT INTO shopUnlocks (userId, itemId, tokenTransactionId, createdAt) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
  if (tx > 0)
    sqlite3_bind_int64 (stmt, 3, tx);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, ascend_now_ms ());
  if (!step_done (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (ascend_database_get_handle (db));

  if (!ascend_database_commit (db, error))
    return 0;
  return id;

fail:
  ascend_database_rollback (db);
  return 0;
}

GStrv
ascend_shop_store_list_unlocks (AscendDatabase  *db,
                                gint64           user_id,
                                GError         **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db, "SELECT itemId FROM shopUnlocks WHERE userId = ? ORDER BY createdAt, id", error);
  if (stmt == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

char *
ascend_shop_store_get_theme (AscendDatabase  *db,
                             gint64           user_id,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  char *theme = NULL;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  stmt = ascend_database_prepare (db, "SELECT companionTheme FROM shopPreferences WHERE userId = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    theme = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return g_strdup ("sakura");
  if (theme == NULL)
    ascend_database_set_error (db, rc, error);
  return theme;
}

gboolean
ascend_shop_store_set_theme (AscendDatabase  *db,
                             gint64           user_id,
                             const char      *theme_id,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (theme_id != NULL, FALSE);

  stmt = ascend_database_prepare (db,
    "INSERT INTO shopPreferences (userId, companionTheme, updatedAt) VALUES (?, ?, ?)"
    " ON CONFLICT (userId) DO UPDATE SET companionTheme = excluded.companionTheme, updatedAt = excluded.updatedAt",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, theme_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ascend_now_ms ());
  return step_done (db, stmt, error);
}
