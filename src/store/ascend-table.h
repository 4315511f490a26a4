/* ascend-table.h: one descriptor per table drives the generic row API
 *
 * Each seed table has a C record struct (in the per-area store headers) and
 * an AscendTable that names its columns exactly as spec/schema.md does and
 * says where each lives in the struct. Insert, get, list, update, delete,
 * JSON export and import are written once, against the descriptor.
 *
 * NULL in a record: a text is NULL, an INT column holds ASCEND_NO_INT, a
 * DECIMAL holds NAN, an optional TIME holds 0.
 */
#pragma once

#include <math.h>
#include "ascend-database.h"

G_BEGIN_DECLS

#define ASCEND_NO_INT G_MININT64

typedef enum {
  ASCEND_COL_ID,       /* gint64, the primary key */
  ASCEND_COL_REF,      /* gint64, a foreign key */
  ASCEND_COL_INT,      /* gint64 */
  ASCEND_COL_BOOL,     /* gboolean, 0/1 */
  ASCEND_COL_DECIMAL,  /* double, stored rounded to 2 places */
  ASCEND_COL_TEXT,     /* char * */
  ASCEND_COL_JSON,     /* char *, JSON text */
  ASCEND_COL_DATE,     /* char *, YYYY-MM-DD */
  ASCEND_COL_TIME,     /* gint64, Unix ms UTC */
} AscendColumnKind;

typedef enum {
  ASCEND_COL_NULLABLE    = 1 << 0,
  ASCEND_COL_DEFAULT_NOW = 1 << 1, /* TIME: 0 means "now" on insert */
  ASCEND_COL_TOUCH       = 1 << 2, /* TIME: set to now on every update */
  ASCEND_COL_LEDGER      = 1 << 3, /* written by the token ledger only */
} AscendColumnFlags;

typedef struct {
  const char       *name;
  AscendColumnKind  kind;
  guint             flags;
  gsize             offset;
  const char       *references;   /* for ASCEND_COL_REF: the table */
  const char       *default_text; /* TEXT with a default */
  gint64            default_int;  /* INT default when not nullable */
} AscendColumn;

typedef struct {
  const char         *name;         /* e.g. "healthReadings" */
  gsize               record_size;
  const AscendColumn *columns;
  guint               n_columns;
  const char         *owner_column; /* "userId", "goalId" or NULL (users) */
  const char         *time_column;  /* what list() filters on, or NULL */
  GDestroyNotify      free_func;    /* frees one record */
} AscendTable;

/* Every seed table, in an order where each table comes after the tables it
 * references (the order import uses). */
const AscendTable * const *ascend_tables_all      (guint            *n_tables);
const AscendTable         *ascend_table_lookup    (const char       *name);
const AscendColumn        *ascend_table_column    (const AscendTable *table,
                                                   const char       *name);

gpointer  ascend_record_new     (const AscendTable *table);
void      ascend_record_init    (const AscendTable *table,
                                 gpointer           record);
void      ascend_record_clear   (const AscendTable *table,
                                 gpointer           record);
void      ascend_record_free    (const AscendTable *table,
                                 gpointer           record);

/* Inserts record; with record->id > 0 the row gets that id (import). Sets
 * record->id and any defaulted fields. Returns the new id or 0. */
gint64    ascend_row_insert     (AscendDatabase    *db,
                                 const AscendTable *table,
                                 gpointer           record,
                                 GError           **error);
gboolean  ascend_row_get        (AscendDatabase    *db,
                                 const AscendTable *table,
                                 gint64             id,
                                 gpointer           record,
                                 GError           **error);
/* Rows of owner (a user or a goal) with from <= time < to, oldest first;
 * owner 0 lists all rows, from = to = 0 ignores time. Array of records
 * freed with the table. */
GPtrArray *ascend_row_list      (AscendDatabase    *db,
                                 const AscendTable *table,
                                 gint64             owner,
                                 gint64             from,
                                 gint64             to,
                                 GError           **error);
gboolean  ascend_row_update     (AscendDatabase    *db,
                                 const AscendTable *table,
                                 gpointer           record,
                                 GError           **error);
gboolean  ascend_row_delete     (AscendDatabase    *db,
                                 const AscendTable *table,
                                 gint64             id,
                                 GError           **error);

/* Typed wrappers: ASCEND_DECLARE_RECORD_API (AscendHabit, ascend_habit)
 * declares ascend_habit_new/free/insert/get/list/update/delete and a
 * g_autoptr cleanup; ASCEND_DEFINE_RECORD_API defines them over a table. */
#define ASCEND_DECLARE_RECORD_API(Type, prefix)                                        \
  Type      *prefix##_new    (void);                                                   \
  void       prefix##_free   (Type *record);                                           \
  gint64     prefix##_insert (AscendDatabase *db, Type *record, GError **error);       \
  Type      *prefix##_get    (AscendDatabase *db, gint64 id, GError **error);          \
  GPtrArray *prefix##_list   (AscendDatabase *db, gint64 owner, gint64 from,           \
                              gint64 to, GError **error);                              \
  gboolean   prefix##_update (AscendDatabase *db, Type *record, GError **error);       \
  gboolean   prefix##_delete (AscendDatabase *db, gint64 id, GError **error);          \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (Type, prefix##_free)

#define ASCEND_DEFINE_RECORD_API(Type, prefix, table)                                  \
  Type *prefix##_new (void) { return ascend_record_new (&(table)); }                   \
  void prefix##_free (Type *record) { ascend_record_free (&(table), record); }         \
  gint64 prefix##_insert (AscendDatabase *db, Type *record, GError **error)            \
  { return ascend_row_insert (db, &(table), record, error); }                          \
  Type *prefix##_get (AscendDatabase *db, gint64 id, GError **error)                   \
  {                                                                                    \
    Type *record = prefix##_new ();                                                    \
    if (!ascend_row_get (db, &(table), id, record, error))                             \
      g_clear_pointer (&record, prefix##_free);                                        \
    return record;                                                                     \
  }                                                                                    \
  GPtrArray *prefix##_list (AscendDatabase *db, gint64 owner, gint64 from,             \
                            gint64 to, GError **error)                                 \
  { return ascend_row_list (db, &(table), owner, from, to, error); }                   \
  gboolean prefix##_update (AscendDatabase *db, Type *record, GError **error)          \
  { return ascend_row_update (db, &(table), record, error); }                          \
  gboolean prefix##_delete (AscendDatabase *db, gint64 id, GError **error)             \
  { return ascend_row_delete (db, &(table), id, error); }

#define ASCEND_TABLE(Type, tname, cols, owner, time, free) \
  { tname, sizeof (Type), cols, G_N_ELEMENTS (cols), owner, time, (GDestroyNotify) free }

#define ASCEND_COLUMN(Type, field, colname, kind, flags) \
  { colname, kind, flags, G_STRUCT_OFFSET (Type, field), NULL, NULL, 0 }
#define ASCEND_COLUMN_REF(Type, field, colname, table) \
  { colname, ASCEND_COL_REF, 0, G_STRUCT_OFFSET (Type, field), table, NULL, 0 }
#define ASCEND_COLUMN_TEXT_DEFAULT(Type, field, colname, def) \
  { colname, ASCEND_COL_TEXT, 0, G_STRUCT_OFFSET (Type, field), NULL, def, 0 }
#define ASCEND_COLUMN_INT_DEFAULT(Type, field, colname, def) \
  { colname, ASCEND_COL_INT, 0, G_STRUCT_OFFSET (Type, field), NULL, NULL, def }

G_END_DECLS
