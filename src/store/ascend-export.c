/* ascend-export.c: the whole data model as JSON or CSV, and back
 *
 * Everything here is driven by the table descriptors of ascend-table.h: a
 * column or table added there is exported and imported without touching
 * this file.
 *
 * Import checks the whole file before it writes anything, then inserts in
 * one transaction, so a file with one bad row changes nothing. Rows in its
 * messages are counted from 1, as a person reading the file counts them.
 */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ascend-export.h"
#include "ascend-export-extra.h"
#include "ascend-table.h"

#define FIELD(record, col, type) (*(type *) ((guint8 *) (record) + (col)->offset))

static const AscendColumn *
id_column (const AscendTable *table)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].kind == ASCEND_COL_ID)
      return &table->columns[i];
  g_assert_not_reached ();
  return NULL;
}

static gint64
record_id (const AscendTable *table,
           gconstpointer      record)
{
  return FIELD (record, id_column (table), gint64);
}

static gint
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const AscendColumn *id = user_data;
  gint64 ia = FIELD (*(gpointer *) a, id, gint64);
  gint64 ib = FIELD (*(gpointer *) b, id, gint64);

  return ia < ib ? -1 : ia > ib;
}

/* Rows of one table, by id. With user_id > 0 only what that profile owns:
 * the profile row itself, rows whose owner column points at it, and rows
 * owned through a parent exported before (milestones through their goals).
 * exported_ids maps a table name to the GArray of ids written for it. */
static GPtrArray *
collect_rows (AscendDatabase     *db,
              const AscendTable  *table,
              gint64              user_id,
              GHashTable         *exported_ids,
              GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  const AscendColumn *id_col = id_column (table);
  GArray *ids;

  if (user_id <= 0)
    {
      rows = ascend_row_list (db, table, 0, 0, 0, error);
      if (rows == NULL)
        return NULL;
    }
  else if (table->owner_column == NULL)
    {
      gpointer record = ascend_record_new (table);
      g_autoptr(GError) local_error = NULL;

      rows = g_ptr_array_new_with_free_func (table->free_func);
      g_ptr_array_add (rows, record);
      if (!ascend_row_get (db, table, user_id, record, &local_error))
        {
          if (g_error_matches (local_error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND))
            g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                         _("There is no profile with id %" PRId64), user_id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  else
    {
      const AscendColumn *owner = ascend_table_column (table, table->owner_column);
      GArray *parents = NULL;

      g_assert (owner != NULL && owner->references != NULL);
      parents = g_hash_table_lookup (exported_ids, owner->references);
      rows = g_ptr_array_new_with_free_func (table->free_func);
      for (guint i = 0; parents != NULL && i < parents->len; i++)
        {
          GPtrArray *some = ascend_row_list (db, table, g_array_index (parents, gint64, i),
                                             0, 0, error);
          if (some == NULL)
            return NULL;
          g_ptr_array_extend_and_steal (rows, some);
        }
    }

  g_ptr_array_sort_with_data (rows, compare_by_id, (gpointer) id_col);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = FIELD (g_ptr_array_index (rows, i), id_col, gint64);
      g_array_append_val (ids, id);
    }
  g_hash_table_replace (exported_ids, (gpointer) table->name, ids);

  return g_steal_pointer (&rows);
}

static GHashTable *
exported_ids_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
}

/* JSON export */

static JsonNode *
column_to_json (const AscendTable   *table,
                const AscendColumn  *col,
                gconstpointer        record,
                GError             **error)
{
  JsonNode *node = json_node_alloc ();

  switch (col->kind)
    {
    case ASCEND_COL_ID:
    case ASCEND_COL_REF:
      return json_node_init_int (node, FIELD (record, col, gint64));

    case ASCEND_COL_INT:
      if (FIELD (record, col, gint64) == ASCEND_NO_INT)
        return json_node_init_null (node);
      return json_node_init_int (node, FIELD (record, col, gint64));

    case ASCEND_COL_TIME:
      /* The store keeps a missing optional time as 0. */
      if (FIELD (record, col, gint64) == 0 && (col->flags & ASCEND_COL_NULLABLE))
        return json_node_init_null (node);
      return json_node_init_int (node, FIELD (record, col, gint64));

    case ASCEND_COL_BOOL:
      return json_node_init_boolean (node, FIELD (record, col, gboolean) != 0);

    case ASCEND_COL_DECIMAL:
      if (isnan (FIELD (record, col, double)))
        return json_node_init_null (node);
      return json_node_init_double (node, FIELD (record, col, double));

    case ASCEND_COL_TEXT:
    case ASCEND_COL_DATE:
      if (FIELD (record, col, char *) == NULL)
        return json_node_init_null (node);
      return json_node_init_string (node, FIELD (record, col, char *));

    case ASCEND_COL_JSON:
      {
        const char *text = FIELD (record, col, char *);
        g_autoptr(GError) local_error = NULL;
        JsonNode *parsed;

        if (text == NULL)
          return json_node_init_null (node);
        json_node_free (node);
        parsed = json_from_string (text, &local_error);
        if (parsed == NULL)
          {
            g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CORRUPT,
                         _("%s %" PRId64 ": %s does not hold valid JSON: %s"),
                         table->name, record_id (table, record), col->name,
                         local_error ? local_error->message : _("it is empty"));
            return NULL;
          }
        return parsed;
      }

    default:
      g_assert_not_reached ();
    }
}

static JsonObject *
record_to_json (const AscendTable  *table,
                gconstpointer       record,
                GError            **error)
{
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; i < table->n_columns; i++)
    {
      JsonNode *node = column_to_json (table, &table->columns[i], record, error);

      if (node == NULL)
        return NULL;
      json_object_set_member (object, table->columns[i].name, node);
    }
  return g_steal_pointer (&object);
}

JsonNode *
ascend_export_json (AscendDatabase  *db,
                    gint64           user_id,
                    GError         **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(GHashTable) exported_ids = exported_ids_new ();
  const AscendTable * const *tables;
  JsonObject *extra;
  guint n_tables;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json_object_set_int_member (root, "formatVersion", ASCEND_EXPORT_FORMAT_VERSION);
  tables = ascend_tables_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GPtrArray) rows = collect_rows (db, tables[t], user_id, exported_ids, error);
      g_autoptr(JsonArray) array = NULL;

      if (rows == NULL)
        return NULL;
      array = json_array_sized_new (rows->len);
      for (guint i = 0; i < rows->len; i++)
        {
          JsonObject *object = record_to_json (tables[t], g_ptr_array_index (rows, i), error);

          if (object == NULL)
            return NULL;
          json_array_add_object_element (array, object);
        }
      json_object_set_array_member (root, tables[t]->name, g_steal_pointer (&array));
    }

  extra = ascend_export_extra_json (db, user_id, error);
  if (extra == NULL)
    return NULL;
  json_object_set_object_member (root, "extraTables", extra);

  return json_node_init_object (json_node_alloc (), root);
}

/* JSON export straight to a file
 *
 * The same document as ascend_export_json, one row per line, written as it
 * is made: a year of minute readings never sits in memory as a JSON tree.
 */

#define FLUSH_BYTES (256 * 1024)

typedef struct {
  GOutputStream        *out;
  GString              *buffer;
  GCancellable         *cancellable;
  AscendExportProgress  progress;
  gpointer              user_data;
  guint64               done;
  guint64               total;
  const char           *indent;   /* of a row */
} Stream;

static gboolean
stream_flush (Stream  *st,
              gboolean force,
              GError **error)
{
  if (st->buffer->len == 0 || (!force && st->buffer->len < FLUSH_BYTES))
    return TRUE;
  if (!g_output_stream_write_all (st->out, st->buffer->str, st->buffer->len, NULL, st->cancellable, error))
    return FALSE;
  g_string_truncate (st->buffer, 0);
  return TRUE;
}

static gboolean
stream_row (Stream      *st,
            guint        index,
            JsonObject  *row,
            GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), row);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append_printf (st->buffer, "%s\n%s%s", index > 0 ? "," : "", st->indent, text);
  st->done++;
  if (st->progress != NULL && (st->done % 2048 == 0 || st->done == st->total))
    st->progress (st->done, st->total, st->user_data);
  if (g_cancellable_set_error_if_cancelled (st->cancellable, error))
    return FALSE;
  return stream_flush (st, FALSE, error);
}

static void
stream_key (Stream     *st,
            gboolean    first,
            const char *indent,
            const char *key)
{
  g_autofree char *escaped = g_strescape (key, NULL);

  g_string_append_printf (st->buffer, "%s\n%s\"%s\" : ", first ? "" : ",", indent, escaped);
}

static gboolean
extra_table_cb (const char  *table,
                gpointer     user_data,
                GError     **error)
{
  Stream *st = user_data;

  /* Close the previous table's array (the first opens the object). */
  if (st->indent[0] == '\0')
    {
      st->indent = "      ";
      stream_key (st, TRUE, "    ", table);
    }
  else
    {
      g_string_append (st->buffer, "\n    ]");
      stream_key (st, FALSE, "    ", table);
    }
  g_string_append_c (st->buffer, '[');
  return TRUE;
}

static gboolean
extra_row_cb (const char  *table,
              guint        index,
              JsonObject  *row,
              gpointer     user_data,
              GError     **error)
{
  return stream_row (user_data, index, row, error);
}

gboolean
ascend_export_json_to_file (AscendDatabase        *db,
                            gint64                 user_id,
                            const char            *path,
                            AscendExportProgress   progress,
                            gpointer               user_data,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autoptr(GHashTable) exported_ids = exported_ids_new ();
  g_autoptr(GPtrArray) all_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GFile) part = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *part_path = NULL;
  g_autofree char *display = NULL;
  const AscendTable * const *tables;
  Stream st = { 0 };
  gint64 extra_rows;
  guint n_tables;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every seed row first (records are small), so the total is known. */
  tables = ascend_tables_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      GPtrArray *rows = collect_rows (db, tables[t], user_id, exported_ids, error);

      if (rows == NULL)
        return FALSE;
      g_ptr_array_add (all_rows, rows);
      st.total += rows->len;
    }
  extra_rows = ascend_export_extra_count (db, user_id, error);
  if (extra_rows < 0)
    return FALSE;
  st.total += extra_rows;

  display = g_filename_display_name (path);
  part_path = g_strconcat (path, ".part", NULL);
  part = g_file_new_for_path (part_path);
  /* Health data: readable by its owner only. */
  out = g_file_replace (part, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, &local_error);
  if (out == NULL)
    goto io_error;

  st.out = G_OUTPUT_STREAM (out);
  st.buffer = buffer;
  st.cancellable = cancellable;
  st.progress = progress;
  st.user_data = user_data;
  st.indent = "    ";
  if (progress != NULL)
    progress (0, st.total, user_data);

  g_string_append_printf (buffer, "{\n  \"formatVersion\" : %d", ASCEND_EXPORT_FORMAT_VERSION);
  for (guint t = 0; t < n_tables; t++)
    {
      GPtrArray *rows = g_ptr_array_index (all_rows, t);

      stream_key (&st, FALSE, "  ", tables[t]->name);
      g_string_append_c (buffer, '[');
      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr(JsonObject) object = record_to_json (tables[t], g_ptr_array_index (rows, i), error);

          if (object == NULL)
            goto fail;
          if (!stream_row (&st, i, object, &local_error))
            goto io_error;
        }
      g_string_append (buffer, rows->len > 0 ? "\n  ]" : "]");
      /* What is written is no longer needed. */
      g_ptr_array_set_size (rows, 0);
    }

  stream_key (&st, FALSE, "  ", "extraTables");
  g_string_append_c (buffer, '{');
  st.indent = "";
  if (!ascend_export_extra_foreach (db, user_id, extra_table_cb, extra_row_cb, &st, &local_error))
    {
      if (local_error->domain == ASCEND_STORE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      goto io_error;
    }
  g_string_append (buffer, st.indent[0] != '\0' ? "\n    ]\n  }\n}\n" : "}\n}\n");

  if (!stream_flush (&st, TRUE, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error))
    goto io_error;
  if (g_rename (part_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not write %s: %s"), display, g_strerror (saved));
      goto fail;
    }
  if (progress != NULL && st.done != st.total)
    progress (st.total, st.total, user_data);
  return TRUE;

io_error:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                 _("Could not write %s: %s"), display, local_error->message);
fail:
  if (out != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (out)))
    g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
  g_unlink (part_path);
  return FALSE;
}

/* CSV export (RFC 4180) */

/* The text of one field, or NULL for SQL NULL. */
static char *
column_to_text (const AscendColumn *col,
                gconstpointer       record)
{
  switch (col->kind)
    {
    case ASCEND_COL_ID:
    case ASCEND_COL_REF:
      return g_strdup_printf ("%" PRId64, FIELD (record, col, gint64));

    case ASCEND_COL_INT:
      if (FIELD (record, col, gint64) == ASCEND_NO_INT)
        return NULL;
      return g_strdup_printf ("%" PRId64, FIELD (record, col, gint64));

    case ASCEND_COL_TIME:
      if (FIELD (record, col, gint64) == 0 && (col->flags & ASCEND_COL_NULLABLE))
        return NULL;
      return g_strdup_printf ("%" PRId64, FIELD (record, col, gint64));

    case ASCEND_COL_BOOL:
      return g_strdup (FIELD (record, col, gboolean) ? "true" : "false");

    case ASCEND_COL_DECIMAL:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (isnan (FIELD (record, col, double)))
          return NULL;
        /* DECIMAL(5,2): the store rounds to two places. */
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", FIELD (record, col, double)));
      }

    case ASCEND_COL_TEXT:
    case ASCEND_COL_DATE:
    case ASCEND_COL_JSON:
      return g_strdup (FIELD (record, col, char *));

    default:
      g_assert_not_reached ();
    }
}

static char *
rows_to_csv (const AscendTable *table,
             GPtrArray         *rows,
             gsize             *length)
{
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < table->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      ascend_export_csv_field (csv, table->columns[i].name);
    }
  g_string_append (csv, "\r\n");

  for (guint r = 0; r < rows->len; r++)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_autofree char *value = column_to_text (&table->columns[i], g_ptr_array_index (rows, r));

          if (i > 0)
            g_string_append_c (csv, ',');
          ascend_export_csv_field (csv, value);
        }
      g_string_append (csv, "\r\n");
    }

  *length = csv->len;
  return g_string_free (csv, FALSE);
}

gboolean
ascend_export_csv (AscendDatabase  *db,
                   gint64           user_id,
                   const char      *dir,
                   GError         **error)
{
  g_autoptr(GHashTable) exported_ids = exported_ids_new ();
  const AscendTable * const *tables;
  guint n_tables;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }

  tables = ascend_tables_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GPtrArray) rows = collect_rows (db, tables[t], user_id, exported_ids, error);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *csv = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      if (rows == NULL)
        return FALSE;
      csv = rows_to_csv (tables[t], rows, &length);
      name = g_strconcat (tables[t]->name, ".csv", NULL);
      path = g_build_filename (dir, name, NULL);
      /* Health data: readable by its owner only. */
      if (!g_file_set_contents_full (path, csv, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, &local_error))
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                       _("Could not write %s: %s"), name, local_error->message);
          return FALSE;
        }
    }
  return ascend_export_extra_csv (db, user_id, dir, error);
}

/* Import */

typedef struct {
  const AscendTable *table;
  GPtrArray         *records;
} TableRows;

static void
table_rows_free (gpointer data)
{
  TableRows *rows = data;

  g_ptr_array_unref (rows->records);
  g_free (rows);
}

/* A value the token ledger writes: compared, never inserted. */
typedef struct {
  const AscendTable  *table;
  const AscendColumn *column;
  guint               row;
  gint64              id;
  gint64              expected;
} LedgerCheck;

static gboolean row_error (GError     **error,
                           const char  *table,
                           guint        row,
                           const char  *format,
                           ...) G_GNUC_PRINTF (4, 5);

static gboolean
row_error (GError     **error,
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
  /* Translators: e.g. “healthReadings row 3: stressLevel must be a number” */
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
               _("%s row %u: %s"), table, row, detail);
  return FALSE;
}

typedef enum {
  WHOLE_OK,
  WHOLE_NOT_A_NUMBER,
  WHOLE_FRACTION,
} WholeResult;

static WholeResult
node_get_whole (JsonNode *node,
                gint64   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return WHOLE_NOT_A_NUMBER;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return WHOLE_OK;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 72.0 is a whole number; 2^63 and beyond are not representable. */
      if (isfinite (d) && d == floor (d) && d >= -9223372036854775807.0 && d < 9223372036854775807.0)
        {
          *out = (gint64) d;
          return WHOLE_OK;
        }
      return WHOLE_FRACTION;
    }
  return WHOLE_NOT_A_NUMBER;
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Sets one field of record from node, after checking its JSON type. A
 * ledger column is not stored in the record but returned in *ledger. */
static gboolean
json_to_column (const AscendTable   *table,
                const AscendColumn  *col,
                JsonNode            *node,
                guint                row,
                gpointer             record,
                gboolean            *has_ledger,
                gint64              *ledger,
                GError             **error)
{
  const char *tname = table->name;
  gint64 whole = 0;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (col->kind == ASCEND_COL_ID || col->kind == ASCEND_COL_REF ||
          (col->flags & ASCEND_COL_NULLABLE) == 0)
        return row_error (error, tname, row, _("%s cannot be null"), col->name);

      switch (col->kind)
        {
        case ASCEND_COL_INT:
          FIELD (record, col, gint64) = ASCEND_NO_INT;
          break;
        case ASCEND_COL_TIME:
          FIELD (record, col, gint64) = 0;
          break;
        case ASCEND_COL_DECIMAL:
          FIELD (record, col, double) = NAN;
          break;
        case ASCEND_COL_TEXT:
        case ASCEND_COL_DATE:
        case ASCEND_COL_JSON:
          g_clear_pointer (&FIELD (record, col, char *), g_free);
          break;
        case ASCEND_COL_BOOL:
          FIELD (record, col, gboolean) = FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
      return TRUE;
    }

  switch (col->kind)
    {
    case ASCEND_COL_ID:
    case ASCEND_COL_REF:
      if (node_get_whole (node, &whole) != WHOLE_OK || whole <= 0)
        return row_error (error, tname, row, _("%s must be a positive whole number"), col->name);
      FIELD (record, col, gint64) = whole;
      return TRUE;

    case ASCEND_COL_INT:
    case ASCEND_COL_TIME:
      switch (node_get_whole (node, &whole))
        {
        case WHOLE_NOT_A_NUMBER:
          return row_error (error, tname, row, _("%s must be a number"), col->name);
        case WHOLE_FRACTION:
          return row_error (error, tname, row, _("%s must be a whole number"), col->name);
        case WHOLE_OK:
        default:
          break;
        }
      /* The store reads this value as NULL. */
      if (whole == ASCEND_NO_INT)
        return row_error (error, tname, row, _("%s is out of range"), col->name);
      if (col->flags & ASCEND_COL_LEDGER)
        {
          *has_ledger = TRUE;
          *ledger = whole;
        }
      else
        FIELD (record, col, gint64) = whole;
      return TRUE;

    case ASCEND_COL_BOOL:
      if (!node_holds (node, G_TYPE_BOOLEAN))
        return row_error (error, tname, row, _("%s must be true or false"), col->name);
      FIELD (record, col, gboolean) = json_node_get_boolean (node);
      return TRUE;

    case ASCEND_COL_DECIMAL:
      if (!node_holds (node, G_TYPE_INT64) && !node_holds (node, G_TYPE_DOUBLE))
        return row_error (error, tname, row, _("%s must be a number"), col->name);
      if (!isfinite (json_node_get_double (node)))
        return row_error (error, tname, row, _("%s is out of range"), col->name);
      FIELD (record, col, double) = json_node_get_double (node);
      return TRUE;

    case ASCEND_COL_TEXT:
    case ASCEND_COL_DATE:
      if (!node_holds (node, G_TYPE_STRING))
        return row_error (error, tname, row,
                          col->kind == ASCEND_COL_DATE ? _("%s must be a date written YYYY-MM-DD")
                                                       : _("%s must be a string"),
                          col->name);
      g_free (FIELD (record, col, char *));
      FIELD (record, col, char *) = json_node_dup_string (node);
      return TRUE;

    case ASCEND_COL_JSON:
      if (!JSON_NODE_HOLDS_ARRAY (node) && !JSON_NODE_HOLDS_OBJECT (node))
        return row_error (error, tname, row, _("%s must be a JSON array or object"), col->name);
      g_free (FIELD (record, col, char *));
      FIELD (record, col, char *) = json_to_string (node, FALSE);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gpointer
json_to_record (const AscendTable  *table,
                JsonNode           *node,
                guint               row,
                GArray             *ledger_checks,
                GError            **error)
{
  g_autoptr(GList) members = NULL;
  guint first_check = ledger_checks->len;
  JsonObject *object;
  gpointer record;
  gint64 id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s row %u is not an object"), table->name, row);
      return NULL;
    }

  object = json_node_get_object (node);
  record = ascend_record_new (table);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const AscendColumn *col = ascend_table_column (table, name);
      gboolean has_ledger = FALSE;
      gint64 ledger = 0;

      if (col == NULL)
        {
          row_error (error, table->name, row, _("unknown column “%s”"), name);
          goto fail;
        }
      if (!json_to_column (table, col, json_object_get_member (object, name), row, record,
                           &has_ledger, &ledger, error))
        goto fail;
      if (has_ledger)
        {
          LedgerCheck check = { table, col, row, 0, ledger };
          g_array_append_val (ledger_checks, check);
        }
    }

  id = record_id (table, record);
  if (id <= 0)
    {
      row_error (error, table->name, row, _("%s is missing"), id_column (table)->name);
      goto fail;
    }
  for (guint i = first_check; i < ledger_checks->len; i++)
    g_array_index (ledger_checks, LedgerCheck, i).id = id;
  return record;

fail:
  g_array_set_size (ledger_checks, first_check);
  ascend_record_free (table, record);
  return NULL;
}

static TableRows *
json_to_table_rows (const AscendTable  *table,
                    JsonNode           *node,
                    GArray             *ledger_checks,
                    GError            **error)
{
  g_autoptr(GHashTable) rows_by_id = NULL;
  TableRows *rows;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("%s must be an array of rows"), table->name);
      return NULL;
    }

  array = json_node_get_array (node);
  rows_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  rows = g_new0 (TableRows, 1);
  rows->table = table;
  rows->records = g_ptr_array_new_full (json_array_get_length (array), table->free_func);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer record = json_to_record (table, json_array_get_element (array, i), i + 1,
                                        ledger_checks, error);
      gint64 *id;
      gpointer other;

      if (record == NULL)
        goto fail;
      g_ptr_array_add (rows->records, record);

      /* The key points into the record, which outlives the hash table. */
      id = &FIELD (record, id_column (table), gint64);
      if (g_hash_table_lookup_extended (rows_by_id, id, NULL, &other))
        {
          row_error (error, table->name, i + 1, _("id %" PRId64 " is already used by row %u"),
                     *id, GPOINTER_TO_UINT (other));
          goto fail;
        }
      g_hash_table_insert (rows_by_id, id, GUINT_TO_POINTER (i + 1));
    }
  return rows;

fail:
  g_clear_pointer (&rows_by_id, g_hash_table_unref);
  table_rows_free (rows);
  return NULL;
}

/* Reads and checks the whole file into records, without touching db. */
static GPtrArray *
json_to_all_rows (JsonNode  *root,
                  GArray    *ledger_checks,
                  GError   **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (table_rows_free);
  g_autoptr(GList) members = NULL;
  const AscendTable * const *tables;
  JsonObject *object;
  guint n_tables;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("An Anime Ascend export is a JSON object with one array of rows per table"));
      return NULL;
    }
  object = json_node_get_object (root);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    if (ascend_table_lookup (l->data) == NULL &&
        !g_str_equal (l->data, "formatVersion") && !g_str_equal (l->data, "extraTables"))
      {
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                     _("Unknown table “%s”"), (const char *) l->data);
        return NULL;
      }

  /* Parents before children, so inserting in this order keeps every
   * foreign key satisfied. */
  tables = ascend_tables_all (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      JsonNode *node = json_object_get_member (object, tables[t]->name);
      TableRows *rows;

      if (node == NULL)
        continue;
      rows = json_to_table_rows (tables[t], node, ledger_checks, error);
      if (rows == NULL)
        return NULL;
      g_ptr_array_add (all, rows);
    }
  return g_steal_pointer (&all);
}

static gboolean
verify_ledger (AscendDatabase  *db,
               GArray          *ledger_checks,
               GError         **error)
{
  for (guint i = 0; i < ledger_checks->len; i++)
    {
      const LedgerCheck *check = &g_array_index (ledger_checks, LedgerCheck, i);
      gpointer record = ascend_record_new (check->table);
      gint64 actual;

      if (!ascend_row_get (db, check->table, check->id, record, error))
        {
          ascend_record_free (check->table, record);
          return FALSE;
        }
      actual = FIELD (record, check->column, gint64);
      ascend_record_free (check->table, record);

      if (actual != check->expected)
        return row_error (error, check->table->name, check->row,
                          _("%s is %" PRId64 " in the file, but the token ledger "
                            "adds up to %" PRId64),
                          check->column->name, check->expected, actual);
    }
  return TRUE;
}

/* Version 1 files (no formatVersion) hold the seed tables only; version 2
 * adds extraTables. A newer file may hold what this version cannot keep. */
static gboolean
export_format_version (JsonObject  *object,
                       JsonObject **extra,
                       GError     **error)
{
  JsonNode *version = json_object_get_member (object, "formatVersion");
  JsonNode *tables = json_object_get_member (object, "extraTables");
  gint64 number = 1;

  *extra = NULL;
  if (version != NULL)
    {
      if (node_get_whole (version, &number) != WHOLE_OK || number < 1)
        {
          g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                               _("formatVersion must be a whole number from 1"));
          return FALSE;
        }
      if (number > ASCEND_EXPORT_FORMAT_VERSION)
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_TOO_NEW,
                       _("This export was written by a newer version of Anime Ascend "
                         "(format %" PRId64 "; this version reads up to %d). Please update the app."),
                       number, ASCEND_EXPORT_FORMAT_VERSION);
          return FALSE;
        }
    }
  if (tables == NULL)
    return TRUE;
  if (number < 2)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("extraTables needs formatVersion 2"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (tables))
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                           _("extraTables must be an object with one array of rows per table"));
      return FALSE;
    }
  *extra = json_node_get_object (tables);
  return TRUE;
}

gboolean
ascend_import_json (AscendDatabase  *db,
                    JsonNode        *root,
                    GError         **error)
{
  g_autoptr(GArray) ledger_checks = g_array_new (FALSE, FALSE, sizeof (LedgerCheck));
  g_autoptr(GPtrArray) all = NULL;
  JsonObject *extra = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  all = json_to_all_rows (root, ledger_checks, error);
  if (all == NULL)
    return FALSE;
  if (!export_format_version (json_node_get_object (root), &extra, error))
    return FALSE;
  if (extra != NULL && !ascend_import_extra_check (db, extra, error))
    return FALSE;

  if (!ascend_database_begin (db, error))
    return FALSE;

  for (guint t = 0; t < all->len; t++)
    {
      TableRows *rows = g_ptr_array_index (all, t);

      for (guint i = 0; i < rows->records->len; i++)
        {
          g_autoptr(GError) local_error = NULL;

          /* Ids are kept, and a users row starts at the initial balance:
           * the ledger triggers replay the token transactions. */
          if (ascend_row_insert (db, rows->table, g_ptr_array_index (rows->records, i),
                                 &local_error) == 0)
            {
              ascend_database_rollback (db);
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                          _("%s row %u: "), rows->table->name, i + 1);
              return FALSE;
            }
        }
    }

  if (extra != NULL && !ascend_import_extra_insert (db, extra, error))
    {
      ascend_database_rollback (db);
      return FALSE;
    }

  if (!verify_ledger (db, ledger_checks, error))
    {
      ascend_database_rollback (db);
      return FALSE;
    }

  return ascend_database_commit (db, error);
}

gboolean
ascend_import_file (AscendDatabase  *db,
                    const char      *path,
                    GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      display = g_filename_display_name (path);
      if (local_error->domain == G_FILE_ERROR)
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                     _("Could not read %s: %s"), display, local_error->message);
      else
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                     _("%s is not valid JSON: %s"), display, local_error->message);
      return FALSE;
    }

  return ascend_import_json (db, json_parser_get_root (parser), error);
}
