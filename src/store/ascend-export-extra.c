/* ascend-export-extra.c: the extra tables in exports and imports
 *
 * A table is described by its name, the column its rows are ordered by and
 * the condition that picks one profile's rows (?1 is the profile id). The
 * columns are read from the schema, so a column added by a later migration
 * is exported with no change here. Tables are listed parents first: rows
 * are inserted in this order, after every seed table.
 *
 * Tables filled by triggers (journalSearch, the health roll-ups) are not
 * listed: importing the rows they are made from fills them again. Journal
 * drafts (journalDrafts) stay on the machine that typed them, by design
 * of the journal (tests/test-journal.c checks an import brings none).
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ascend-export-extra.h"

typedef struct {
  const char *name;
  const char *order_by;
  const char *owner_where;
} ExtraTable;

static const ExtraTable extra_tables[] = {
  { "rrBlocks",         "id",        "userId = ?1" },
  { "contactPositions", "contactId", "contactId IN (SELECT id FROM emergencyContacts WHERE userId = ?1)" },
  { "habitLogDays",     "logId",     "logId IN (SELECT id FROM habitLogs WHERE userId = ?1)" },
  { "habitArchive",     "habitId",   "habitId IN (SELECT id FROM habits WHERE userId = ?1)" },
  { "habitSkips",       "id",        "userId = ?1" },
  { "streakRewards",    "id",        "userId = ?1" },
  { "paymentRefunds",   "id",        "userId = ?1" },
  { "shopUnlocks",      "id",        "userId = ?1" },
  { "shopPreferences",  "userId",    "userId = ?1" },
};

typedef enum {
  TYPE_INTEGER,
  TYPE_REAL,
  TYPE_TEXT,
  TYPE_BLOB,
} ColumnType;

typedef struct {
  char       *name;
  ColumnType  type;
} Column;

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->name);
}

const char * const *
ascend_export_extra_table_names (guint *n_tables)
{
  static const char *names[G_N_ELEMENTS (extra_tables) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (extra_tables); i++)
    names[i] = extra_tables[i].name;
  if (n_tables)
    *n_tables = G_N_ELEMENTS (extra_tables);
  return names;
}

static const ExtraTable *
lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (extra_tables); i++)
    if (g_str_equal (extra_tables[i].name, name))
      return &extra_tables[i];
  return NULL;
}

/* The table's columns in schema order (STRICT tables: declared types are
 * exactly INTEGER, REAL, TEXT, BLOB or ANY). */
static GArray *
table_columns (AscendDatabase  *db,
               const char      *table,
               GError         **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (\"%s\")", table);
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (columns, column_clear);
  stmt = ascend_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 2);
      Column column;

      column.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (type != NULL && g_ascii_strcasecmp (type, "INTEGER") == 0)
        column.type = TYPE_INTEGER;
      else if (type != NULL && g_ascii_strcasecmp (type, "REAL") == 0)
        column.type = TYPE_REAL;
      else if (type != NULL && g_ascii_strcasecmp (type, "BLOB") == 0)
        column.type = TYPE_BLOB;
      else
        column.type = TYPE_TEXT;
      g_array_append_val (columns, column);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  if (columns->len == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CORRUPT,
                   _("The database has no table %s"), table);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

static const Column *
find_column (GArray     *columns,
             const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_array_index (columns, Column, i).name, name))
      return &g_array_index (columns, Column, i);
  return NULL;
}

static sqlite3_stmt *
select_rows (AscendDatabase    *db,
             const ExtraTable  *table,
             GArray            *columns,
             gint64             user_id,
             GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "",
                            g_array_index (columns, Column, i).name);
  g_string_append_printf (sql, " FROM \"%s\"", table->name);
  if (user_id > 0)
    g_string_append_printf (sql, " WHERE %s", table->owner_where);
  g_string_append_printf (sql, " ORDER BY \"%s\"", table->order_by);

  stmt = ascend_database_prepare (db, sql->str, error);
  if (stmt != NULL && user_id > 0)
    sqlite3_bind_int64 (stmt, 1, user_id);
  return stmt;
}

static JsonNode *
value_to_json (sqlite3_stmt *stmt,
               int           index)
{
  JsonNode *node = json_node_alloc ();

  switch (sqlite3_column_type (stmt, index))
    {
    case SQLITE_NULL:
      return json_node_init_null (node);
    case SQLITE_INTEGER:
      return json_node_init_int (node, sqlite3_column_int64 (stmt, index));
    case SQLITE_FLOAT:
      return json_node_init_double (node, sqlite3_column_double (stmt, index));
    case SQLITE_BLOB:
      {
        g_autofree char *text = g_base64_encode (sqlite3_column_blob (stmt, index),
                                                 sqlite3_column_bytes (stmt, index));
        return json_node_init_string (node, text);
      }
    case SQLITE_TEXT:
    default:
      return json_node_init_string (node, (const char *) sqlite3_column_text (stmt, index));
    }
}

gboolean
ascend_export_extra_foreach (AscendDatabase          *db,
                             gint64                   user_id,
                             AscendExtraTableFunc     table_func,
                             AscendExtraRowFunc       row_func,
                             gpointer                 user_data,
                             GError                 **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (extra_tables); t++)
    {
      g_autoptr(GArray) columns = table_columns (db, extra_tables[t].name, error);
      sqlite3_stmt *stmt;
      guint index = 0;
      int rc;

      if (columns == NULL)
        return FALSE;
      if (table_func != NULL && !table_func (extra_tables[t].name, user_data, error))
        return FALSE;
      stmt = select_rows (db, &extra_tables[t], columns, user_id, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(JsonObject) row = json_object_new ();

          for (guint i = 0; i < columns->len; i++)
            json_object_set_member (row, g_array_index (columns, Column, i).name,
                                    value_to_json (stmt, i));
          if (!row_func (extra_tables[t].name, index++, row, user_data, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return ascend_database_set_error (db, rc, error);
    }
  return TRUE;
}

gint64
ascend_export_extra_count (AscendDatabase  *db,
                           gint64           user_id,
                           GError         **error)
{
  gint64 total = 0;

  for (guint t = 0; t < G_N_ELEMENTS (extra_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"%s%s", extra_tables[t].name,
                                              user_id > 0 ? " WHERE " : "",
                                              user_id > 0 ? extra_tables[t].owner_where : "");
      sqlite3_stmt *stmt = ascend_database_prepare (db, sql, error);
      int rc;

      if (stmt == NULL)
        return -1;
      if (user_id > 0)
        sqlite3_bind_int64 (stmt, 1, user_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        total += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          ascend_database_set_error (db, rc, error);
          return -1;
        }
    }
  return total;
}

static gboolean
add_table (const char  *table,
           gpointer     user_data,
           GError     **error)
{
  json_object_set_array_member (user_data, table, json_array_new ());
  return TRUE;
}

static gboolean
add_row (const char  *table,
         guint        index,
         JsonObject  *row,
         gpointer     user_data,
         GError     **error)
{
  json_array_add_object_element (json_object_get_array_member (user_data, table), json_object_ref (row));
  return TRUE;
}

JsonObject *
ascend_export_extra_json (AscendDatabase  *db,
                          gint64           user_id,
                          GError         **error)
{
  g_autoptr(JsonObject) result = json_object_new ();

  if (!ascend_export_extra_foreach (db, user_id, add_table, add_row, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

void
ascend_export_csv_field (GString    *csv,
                         const char *value)
{
  /* NULL is an empty field; an empty text is "" so the two stay apart. */
  if (value == NULL)
    return;
  if (*value != '\0' && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv, value);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static char *
value_to_text (sqlite3_stmt *stmt,
               int           index)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (sqlite3_column_type (stmt, index))
    {
    case SQLITE_NULL:
      return NULL;
    case SQLITE_INTEGER:
      return g_strdup_printf ("%" PRId64, (gint64) sqlite3_column_int64 (stmt, index));
    case SQLITE_FLOAT:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, sqlite3_column_double (stmt, index)));
    case SQLITE_BLOB:
      return g_base64_encode (sqlite3_column_blob (stmt, index), sqlite3_column_bytes (stmt, index));
    case SQLITE_TEXT:
    default:
      return g_strdup ((const char *) sqlite3_column_text (stmt, index));
    }
}

gboolean
ascend_export_extra_csv (AscendDatabase  *db,
                         gint64           user_id,
                         const char      *dir,
                         GError         **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (extra_tables); t++)
    {
      g_autoptr(GArray) columns = table_columns (db, extra_tables[t].name, error);
      g_autoptr(GString) csv = g_string_new (NULL);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) local_error = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (columns == NULL)
        return FALSE;
      for (guint i = 0; i < columns->len; i++)
        {
          if (i > 0)
            g_string_append_c (csv, ',');
          ascend_export_csv_field (csv, g_array_index (columns, Column, i).name);
        }
      g_string_append (csv, "\r\n");

      stmt = select_rows (db, &extra_tables[t], columns, user_id, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (guint i = 0; i < columns->len; i++)
            {
              g_autofree char *value = value_to_text (stmt, i);

              if (i > 0)
                g_string_append_c (csv, ',');
              ascend_export_csv_field (csv, value);
            }
          g_string_append (csv, "\r\n");
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return ascend_database_set_error (db, rc, error);

      name = g_strconcat (extra_tables[t].name, ".csv", NULL);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents_full (path, csv->str, csv->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, &local_error))
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                       _("Could not write %s: %s"), name, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Import */

static gboolean extra_row_error (GError     **error,
                                 const char  *table,
                                 guint        row,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (4, 5);

static gboolean
extra_row_error (GError     **error,
                 const char  *table,
                 guint        row,
                 const char  *format,
                 ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
               _("%s row %u: %s"), table, row, detail);
  return FALSE;
}

static gboolean
is_base64 (const char *text)
{
  gsize n = strlen (text);

  if (n % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];

      if (g_ascii_isalnum (c) || c == '+' || c == '/')
        continue;
      /* Padding only at the end, at most two. */
      if (c == '=' && i >= n - 2 && (i == n - 1 || text[n - 1] == '='))
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_value (const char   *table,
             guint         row,
             const Column *column,
             JsonNode     *node,
             GError      **error)
{
  GType type;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return extra_row_error (error, table, row, _("%s must be a plain value"), column->name);
  type = json_node_get_value_type (node);

  switch (column->type)
    {
    case TYPE_INTEGER:
      if (type == G_TYPE_INT64)
        return TRUE;
      if (type == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);
          if (isfinite (d) && d == floor (d) && fabs (d) < 9007199254740992.0)
            return TRUE;
          return extra_row_error (error, table, row, _("%s must be a whole number"), column->name);
        }
      return extra_row_error (error, table, row, _("%s must be a number"), column->name);
    case TYPE_REAL:
      if (type == G_TYPE_INT64 || (type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node))))
        return TRUE;
      return extra_row_error (error, table, row, _("%s must be a number"), column->name);
    case TYPE_BLOB:
      if (type == G_TYPE_STRING && is_base64 (json_node_get_string (node)))
        return TRUE;
      return extra_row_error (error, table, row, _("%s must be base64 text"), column->name);
    case TYPE_TEXT:
    default:
      if (type == G_TYPE_STRING)
        return TRUE;
      return extra_row_error (error, table, row, _("%s must be a string"), column->name);
    }
}

static gboolean
check_or_insert (AscendDatabase  *db,
                 JsonObject      *extra,
                 gboolean         insert,
                 GError         **error)
{
  g_autoptr(GList) members = json_object_get_members (extra);

  for (const GList *l = members; l != NULL; l = l->next)
    if (lookup (l->data) == NULL)
      {
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                     _("Unknown table “%s”"), (const char *) l->data);
        return FALSE;
      }

  for (guint t = 0; t < G_N_ELEMENTS (extra_tables); t++)
    {
      const char *tname = extra_tables[t].name;
      JsonNode *node = json_object_get_member (extra, tname);
      g_autoptr(GArray) columns = NULL;
      JsonArray *array;

      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                       _("%s must be an array of rows"), tname);
          return FALSE;
        }
      columns = table_columns (db, tname, error);
      if (columns == NULL)
        return FALSE;
      array = json_node_get_array (node);

      for (guint r = 0; r < json_array_get_length (array); r++)
        {
          JsonNode *row_node = json_array_get_element (array, r);
          g_autoptr(GList) names = NULL;
          g_autoptr(GString) sql = NULL;
          g_autoptr(GString) values = NULL;
          g_autoptr(GPtrArray) blobs = NULL;
          JsonObject *row;
          sqlite3_stmt *stmt;
          int index = 1;
          int rc;

          if (!JSON_NODE_HOLDS_OBJECT (row_node))
            {
              g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("%s row %u is not an object"), tname, r + 1);
              return FALSE;
            }
          row = json_node_get_object (row_node);
          names = json_object_get_members (row);
          if (names == NULL)
            return extra_row_error (error, tname, r + 1, _("the row is empty"));

          for (const GList *n = names; n != NULL; n = n->next)
            {
              const Column *column = find_column (columns, n->data);

              if (column == NULL)
                return extra_row_error (error, tname, r + 1, _("unknown column “%s”"),
                                        (const char *) n->data);
              if (!check_value (tname, r + 1, column, json_object_get_member (row, n->data), error))
                return FALSE;
            }
          if (!insert)
            continue;

          sql = g_string_new (NULL);
          values = g_string_new (NULL);
          g_string_printf (sql, "INSERT INTO \"%s\" (", tname);
          for (const GList *n = names; n != NULL; n = n->next)
            {
              g_string_append_printf (sql, "%s\"%s\"", n == names ? "" : ", ", (const char *) n->data);
              g_string_append (values, n == names ? "?" : ", ?");
            }
          g_string_append_printf (sql, ") VALUES (%s)", values->str);
          stmt = ascend_database_prepare (db, sql->str, error);
          if (stmt == NULL)
            return FALSE;

          blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          for (const GList *n = names; n != NULL; n = n->next, index++)
            {
              const Column *column = find_column (columns, n->data);
              JsonNode *value = json_object_get_member (row, n->data);

              if (JSON_NODE_HOLDS_NULL (value))
                sqlite3_bind_null (stmt, index);
              else if (column->type == TYPE_INTEGER)
                sqlite3_bind_int64 (stmt, index,
                                    json_node_get_value_type (value) == G_TYPE_INT64
                                      ? json_node_get_int (value)
                                      : (gint64) json_node_get_double (value));
              else if (column->type == TYPE_REAL)
                sqlite3_bind_double (stmt, index, json_node_get_double (value));
              else if (column->type == TYPE_BLOB)
                {
                  gsize len = 0;
                  guchar *data = g_base64_decode (json_node_get_string (value), &len);
                  GBytes *bytes = g_bytes_new_take (data, len);

                  g_ptr_array_add (blobs, bytes);
                  sqlite3_bind_blob (stmt, index, g_bytes_get_data (bytes, NULL), (int) len,
                                     SQLITE_STATIC);
                }
              else
                sqlite3_bind_text (stmt, index, json_node_get_string (value), -1, SQLITE_TRANSIENT);
            }
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_DONE)
            {
              g_autoptr(GError) local_error = NULL;

              ascend_database_set_error (db, rc, &local_error);
              sqlite3_reset (stmt);
              sqlite3_clear_bindings (stmt);
              g_set_error (error, ASCEND_STORE_ERROR, local_error->code,
                           _("%s row %u: %s"), tname, r + 1, local_error->message);
              return FALSE;
            }
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
        }
    }
  return TRUE;
}

gboolean
ascend_import_extra_check (AscendDatabase  *db,
                           JsonObject      *extra,
                           GError         **error)
{
  return check_or_insert (db, extra, FALSE, error);
}

gboolean
ascend_import_extra_insert (AscendDatabase  *db,
                            JsonObject      *extra,
                            GError         **error)
{
  return check_or_insert (db, extra, TRUE, error);
}
