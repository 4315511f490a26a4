/* ascend-table.c: generic row operations over table descriptors */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ascend-table.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-business-store.h"

#define FIELD(record, col, type) (*(type *) ((guint8 *) (record) + (col)->offset))

static const AscendTable * const all_tables[] = {
  &ascend_table_users,
  &ascend_table_health_readings,
  &ascend_table_health_alerts,
  &ascend_table_emergency_contacts,
  &ascend_table_exercise_sessions,
  &ascend_table_habits,
  &ascend_table_habit_logs,
  &ascend_table_journal_entries,
  &ascend_table_mood_logs,
  &ascend_table_goals,
  &ascend_table_milestones,
  &ascend_table_token_transactions,
  &ascend_table_subscriptions,
  &ascend_table_payments,
  &ascend_table_support_tickets,
};

const AscendTable * const *
ascend_tables_all (guint *n_tables)
{
  if (n_tables)
    *n_tables = G_N_ELEMENTS (all_tables);
  return all_tables;
}

const AscendTable *
ascend_table_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    if (g_strcmp0 (all_tables[i]->name, name) == 0)
      return all_tables[i];
  return NULL;
}

const AscendColumn *
ascend_table_column (const AscendTable *table,
                     const char        *name)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (g_str_equal (table->columns[i].name, name))
      return &table->columns[i];
  return NULL;
}

static gboolean
is_text_kind (AscendColumnKind kind)
{
  return kind == ASCEND_COL_TEXT || kind == ASCEND_COL_JSON || kind == ASCEND_COL_DATE;
}

void
ascend_record_init (const AscendTable *table,
                    gpointer           record)
{
  memset (record, 0, table->record_size);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];
      if (col->kind == ASCEND_COL_INT)
        FIELD (record, col, gint64) = (col->flags & ASCEND_COL_NULLABLE) ? ASCEND_NO_INT : col->default_int;
      else if (col->kind == ASCEND_COL_DECIMAL)
        FIELD (record, col, double) = NAN;
      else if (col->kind == ASCEND_COL_JSON && col->default_text)
        FIELD (record, col, char *) = g_strdup (col->default_text);
      else if (col->kind == ASCEND_COL_TEXT && col->default_text)
        FIELD (record, col, char *) = g_strdup (col->default_text);
    }
}

gpointer
ascend_record_new (const AscendTable *table)
{
  gpointer record = g_malloc (table->record_size);
  ascend_record_init (table, record);
  return record;
}

void
ascend_record_clear (const AscendTable *table,
                     gpointer           record)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (is_text_kind (table->columns[i].kind))
      g_clear_pointer (&FIELD (record, &table->columns[i], char *), g_free);
}

void
ascend_record_free (const AscendTable *table,
                    gpointer           record)
{
  if (record == NULL)
    return;
  ascend_record_clear (table, record);
  g_free (record);
}

static gint64 *
record_id (gpointer record)
{
  /* Every record struct starts with its gint64 id. */
  return (gint64 *) record;
}

static void
bind_column (sqlite3_stmt       *stmt,
             int                 index,
             const AscendColumn *col,
             gpointer            record)
{
  switch (col->kind)
    {
    case ASCEND_COL_ID:
    case ASCEND_COL_REF:
      sqlite3_bind_int64 (stmt, index, FIELD (record, col, gint64));
      break;
    case ASCEND_COL_INT:
      if (FIELD (record, col, gint64) == ASCEND_NO_INT)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, FIELD (record, col, gint64));
      break;
    case ASCEND_COL_TIME:
      if (FIELD (record, col, gint64) == 0 && (col->flags & ASCEND_COL_NULLABLE))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, FIELD (record, col, gint64));
      break;
    case ASCEND_COL_BOOL:
      sqlite3_bind_int (stmt, index, FIELD (record, col, gboolean) ? 1 : 0);
      break;
    case ASCEND_COL_DECIMAL:
      if (isnan (FIELD (record, col, double)))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_double (stmt, index, FIELD (record, col, double));
      break;
    case ASCEND_COL_TEXT:
    case ASCEND_COL_JSON:
    case ASCEND_COL_DATE:
      if (FIELD (record, col, char *) == NULL)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, FIELD (record, col, char *), -1, SQLITE_TRANSIENT);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
read_column (sqlite3_stmt       *stmt,
             int                 index,
             const AscendColumn *col,
             gpointer            record)
{
  gboolean is_null = sqlite3_column_type (stmt, index) == SQLITE_NULL;

  switch (col->kind)
    {
    case ASCEND_COL_ID:
    case ASCEND_COL_REF:
    case ASCEND_COL_TIME:
      FIELD (record, col, gint64) = sqlite3_column_int64 (stmt, index);
      break;
    case ASCEND_COL_INT:
      FIELD (record, col, gint64) = is_null ? ASCEND_NO_INT : sqlite3_column_int64 (stmt, index);
      break;
    case ASCEND_COL_BOOL:
      FIELD (record, col, gboolean) = sqlite3_column_int (stmt, index) != 0;
      break;
    case ASCEND_COL_DECIMAL:
      FIELD (record, col, double) = is_null ? NAN : sqlite3_column_double (stmt, index);
      break;
    case ASCEND_COL_TEXT:
    case ASCEND_COL_JSON:
    case ASCEND_COL_DATE:
      g_free (FIELD (record, col, char *));
      FIELD (record, col, char *) = is_null ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, index));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* SQL text per table and operation is built once and kept for the process. */
static GHashTable *sql_cache;
G_LOCK_DEFINE_STATIC (sql_cache);

static const char *
cached_sql (const AscendTable *table,
            const char        *op,
            char            *(*build) (const AscendTable *table))
{
  g_autofree char *key = g_strconcat (table->name, ":", op, NULL);
  const char *sql;

  G_LOCK (sql_cache);
  if (sql_cache == NULL)
    sql_cache = g_hash_table_new (g_str_hash, g_str_equal);
  sql = g_hash_table_lookup (sql_cache, key);
  if (sql == NULL)
    {
      sql = build (table);
      g_hash_table_insert (sql_cache, g_steal_pointer (&key), (gpointer) sql);
    }
  G_UNLOCK (sql_cache);
  return sql;
}

static gboolean
is_inserted (const AscendColumn *col,
             gboolean            with_id)
{
  if (col->kind == ASCEND_COL_ID)
    return with_id;
  return (col->flags & ASCEND_COL_LEDGER) == 0;
}

static char *
build_insert (const AscendTable *table,
              gboolean           with_id)
{
  GString *sql = g_string_new (NULL);
  GString *values = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];
      if (!is_inserted (col, with_id))
        continue;
      if (values->len > 0)
        {
          g_string_append (sql, ", ");
          g_string_append (values, ", ");
        }
      g_string_append (sql, col->name);
      g_string_append (values, col->kind == ASCEND_COL_DECIMAL ? "round(?, 2)" : "?");
    }
  g_string_append_printf (sql, ") VALUES (%s)", values->str);
  g_string_free (values, TRUE);
  return g_string_free (sql, FALSE);
}

static char *build_insert_auto (const AscendTable *t) { return build_insert (t, FALSE); }
static char *build_insert_id (const AscendTable *t) { return build_insert (t, TRUE); }

static char *
build_select (const AscendTable *table)
{
  GString *sql = g_string_new ("SELECT ");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", table->columns[i].name);
  g_string_append_printf (sql, " FROM %s", table->name);
  return g_string_free (sql, FALSE);
}

static char *
build_get (const AscendTable *table)
{
  g_autofree char *select = build_select (table);
  return g_strdup_printf ("%s WHERE id = ?", select);
}

static char *
build_list (const AscendTable *table,
            gboolean           by_owner,
            gboolean           by_time)
{
  g_autofree char *select = build_select (table);
  GString *sql = g_string_new (select);
  const char *glue = " WHERE ";

  if (by_owner && table->owner_column)
    {
      g_string_append_printf (sql, "%s%s = ?", glue, table->owner_column);
      glue = " AND ";
    }
  if (by_time && table->time_column)
    g_string_append_printf (sql, "%s%s >= ? AND %s < ?", glue, table->time_column, table->time_column);
  if (table->time_column)
    g_string_append_printf (sql, " ORDER BY %s, id", table->time_column);
  else
    g_string_append (sql, " ORDER BY id");
  return g_string_free (sql, FALSE);
}

static char *build_list_all (const AscendTable *t) { return build_list (t, FALSE, FALSE); }
static char *build_list_owner (const AscendTable *t) { return build_list (t, TRUE, FALSE); }
static char *build_list_time (const AscendTable *t) { return build_list (t, FALSE, TRUE); }
static char *build_list_owner_time (const AscendTable *t) { return build_list (t, TRUE, TRUE); }

static char *
build_update (const AscendTable *table)
{
  GString *sql = g_string_new (NULL);
  gboolean first = TRUE;

  g_string_append_printf (sql, "UPDATE %s SET ", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];
      if (col->kind == ASCEND_COL_ID || (col->flags & ASCEND_COL_LEDGER))
        continue;
      g_string_append_printf (sql, "%s%s = %s", first ? "" : ", ", col->name,
                              col->kind == ASCEND_COL_DECIMAL ? "round(?, 2)" : "?");
      first = FALSE;
    }
  g_string_append (sql, " WHERE id = ?");
  return g_string_free (sql, FALSE);
}

static char *
build_delete (const AscendTable *table)
{
  return g_strdup_printf ("DELETE FROM %s WHERE id = ?", table->name);
}

static const char *
table_label (const AscendTable *table)
{
  if (g_str_equal (table->name, "users"))
    return _("Profile");
  if (g_str_equal (table->name, "habits"))
    return _("Habit");
  if (g_str_equal (table->name, "goals"))
    return _("Goal");
  return table->name;
}

/* A foreign key failure names no column: find the missing parent so the
 * message can say which. */
static void
explain_foreign_key (AscendDatabase    *db,
                     const AscendTable *table,
                     gpointer           record,
                     GError           **error)
{
  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      gboolean found;

      if (col->kind != ASCEND_COL_REF)
        continue;
      sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", col->references);
      if (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;
      sqlite3_bind_int64 (stmt, 1, FIELD (record, col, gint64));
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
      if (!found)
        {
          g_clear_error (error);
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT,
                       _("%s %" PRId64 " does not exist"),
                       table_label (ascend_table_lookup (col->references)),
                       FIELD (record, col, gint64));
          return;
        }
    }
}

static gboolean
step_done (AscendDatabase    *db,
           const AscendTable *table,
           sqlite3_stmt      *stmt,
           gpointer           record,
           GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  rc = sqlite3_reset (stmt);
  ascend_database_set_error (db, rc, error);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY && record != NULL)
    explain_foreign_key (db, table, record, error);
  return FALSE;
}

gint64
ascend_row_insert (AscendDatabase    *db,
                   const AscendTable *table,
                   gpointer           record,
                   GError           **error)
{
  gboolean with_id;
  sqlite3_stmt *stmt;
  gint64 now = ascend_now_ms ();
  int index = 1;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (table != NULL && record != NULL, 0);

  with_id = *record_id (record) > 0;
  stmt = ascend_database_prepare (db, cached_sql (table, with_id ? "insert-id" : "insert",
                                                  with_id ? build_insert_id : build_insert_auto),
                                  error);
  if (stmt == NULL)
    return 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];
      if (!is_inserted (col, with_id))
        continue;
      if (col->kind == ASCEND_COL_TIME && (col->flags & ASCEND_COL_DEFAULT_NOW) &&
          FIELD (record, col, gint64) == 0)
        FIELD (record, col, gint64) = now;
      if (is_text_kind (col->kind) && col->default_text && FIELD (record, col, char *) == NULL)
        FIELD (record, col, char *) = g_strdup (col->default_text);
      bind_column (stmt, index++, col, record);
    }

  if (!step_done (db, table, stmt, record, error))
    return 0;

  *record_id (record) = sqlite3_last_insert_rowid (ascend_database_get_handle (db));
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].flags & ASCEND_COL_LEDGER)
      FIELD (record, &table->columns[i], gint64) = ASCEND_INITIAL_TOKENS;
  /* DECIMAL values are stored rounded: give the caller what was stored. */
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].kind == ASCEND_COL_DECIMAL && !isnan (FIELD (record, &table->columns[i], double)))
      FIELD (record, &table->columns[i], double) = round (FIELD (record, &table->columns[i], double) * 100.0) / 100.0;
  return *record_id (record);
}

gboolean
ascend_row_get (AscendDatabase    *db,
                const AscendTable *table,
                gint64             id,
                gpointer           record,
                GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  stmt = ascend_database_prepare (db, cached_sql (table, "get", build_get), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      for (guint i = 0; i < table->n_columns; i++)
        read_column (stmt, i, &table->columns[i], record);
      sqlite3_reset (stmt);
      return TRUE;
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
               _("No row %" PRId64 " in %s"), id, table->name);
  return FALSE;
}

GPtrArray *
ascend_row_list (AscendDatabase    *db,
                 const AscendTable *table,
                 gint64             owner,
                 gint64             from,
                 gint64             to,
                 GError           **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean by_owner = owner > 0 && table->owner_column != NULL;
  gboolean by_time = (from != 0 || to != 0) && table->time_column != NULL;
  sqlite3_stmt *stmt;
  int index = 1;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  if (by_owner && by_time)
    stmt = ascend_database_prepare (db, cached_sql (table, "list-owner-time", build_list_owner_time), error);
  else if (by_owner)
    stmt = ascend_database_prepare (db, cached_sql (table, "list-owner", build_list_owner), error);
  else if (by_time)
    stmt = ascend_database_prepare (db, cached_sql (table, "list-time", build_list_time), error);
  else
    stmt = ascend_database_prepare (db, cached_sql (table, "list", build_list_all), error);
  if (stmt == NULL)
    return NULL;

  if (by_owner)
    sqlite3_bind_int64 (stmt, index++, owner);
  if (by_time)
    {
      sqlite3_bind_int64 (stmt, index++, from);
      sqlite3_bind_int64 (stmt, index++, to > 0 ? to : G_MAXINT64);
    }

  rows = g_ptr_array_new_with_free_func (table->free_func);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer record = ascend_record_new (table);
      for (guint i = 0; i < table->n_columns; i++)
        read_column (stmt, i, &table->columns[i], record);
      g_ptr_array_add (rows, record);
    }
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

gboolean
ascend_row_update (AscendDatabase    *db,
                   const AscendTable *table,
                   gpointer           record,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 now = ascend_now_ms ();
  int index = 1;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  stmt = ascend_database_prepare (db, cached_sql (table, "update", build_update), error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const AscendColumn *col = &table->columns[i];
      if (col->kind == ASCEND_COL_ID || (col->flags & ASCEND_COL_LEDGER))
        continue;
      if (col->flags & ASCEND_COL_TOUCH)
        FIELD (record, col, gint64) = now;
      bind_column (stmt, index++, col, record);
    }
  sqlite3_bind_int64 (stmt, index, *record_id (record));
  if (!step_done (db, table, stmt, record, error))
    return FALSE;
  if (sqlite3_changes (ascend_database_get_handle (db)) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("No row %" PRId64 " in %s"), *record_id (record), table->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_row_delete (AscendDatabase    *db,
                   const AscendTable *table,
                   gint64             id,
                   GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  stmt = ascend_database_prepare (db, cached_sql (table, "delete", build_delete), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (db, table, stmt, NULL, error))
    return FALSE;
  if (sqlite3_changes (ascend_database_get_handle (db)) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("No row %" PRId64 " in %s"), id, table->name);
      return FALSE;
    }
  return TRUE;
}
