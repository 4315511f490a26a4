/* ascend-export-extra.h: the extra tables in exports (private to ascend-export.c)
 *
 * The seed tables have C records and descriptors (ascend-table.h); the
 * extra tables that migrations add (raw beats, contact order, habit days,
 * skips, streak bonuses...) are exported generically from the schema
 * itself: their columns come from PRAGMA table_info, INTEGER/REAL/TEXT map
 * to JSON numbers and strings and BLOB to base64 text. Adding a table to
 * exports is one line in extra_tables[] of ascend-export-extra.c.
 */
#pragma once

#include <json-glib/json-glib.h>
#include "ascend-database.h"

G_BEGIN_DECLS

/* The export format version written now. Version 1 (no "formatVersion"
 * member) held the seed tables only; version 2 adds "extraTables". */
#define ASCEND_EXPORT_FORMAT_VERSION 2

const char * const *ascend_export_extra_table_names (guint *n_tables);

/* One member per extra table, each an array of row objects. */
JsonObject *ascend_export_extra_json   (AscendDatabase  *db,
                                        gint64           user_id,
                                        GError         **error);
/* Streams the rows instead: table_func (may be NULL) at the start of each
 * table, row_func for each row (the object is only valid during the call). */
typedef gboolean (*AscendExtraTableFunc) (const char  *table,
                                          gpointer     user_data,
                                          GError     **error);
typedef gboolean (*AscendExtraRowFunc)   (const char  *table,
                                          guint        index,
                                          JsonObject  *row,
                                          gpointer     user_data,
                                          GError     **error);
gboolean    ascend_export_extra_foreach (AscendDatabase       *db,
                                         gint64                user_id,
                                         AscendExtraTableFunc  table_func,
                                         AscendExtraRowFunc    row_func,
                                         gpointer              user_data,
                                         GError              **error);
/* How many rows the extra tables hold (of user_id when > 0), or -1. */
gint64      ascend_export_extra_count   (AscendDatabase  *db,
                                         gint64           user_id,
                                         GError         **error);
/* One <table>.csv per extra table in dir. */
gboolean    ascend_export_extra_csv    (AscendDatabase  *db,
                                        gint64           user_id,
                                        const char      *dir,
                                        GError         **error);
/* Checks every row of extra against the schema without writing. */
gboolean    ascend_import_extra_check  (AscendDatabase  *db,
                                        JsonObject      *extra,
                                        GError         **error);
/* Inserts every row (inside the caller's transaction). */
gboolean    ascend_import_extra_insert (AscendDatabase  *db,
                                        JsonObject      *extra,
                                        GError         **error);

/* The CSV field writer shared with the seed tables (RFC 4180). */
void        ascend_export_csv_field    (GString         *csv,
                                        const char      *value);

G_END_DECLS
