/* ascend-database.h: the one SQLite connection of a process */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define ASCEND_STORE_ERROR (ascend_store_error_quark ())

typedef enum {
  ASCEND_STORE_ERROR_FAILED,
  ASCEND_STORE_ERROR_CONSTRAINT,   /* a value the data model refuses */
  ASCEND_STORE_ERROR_NOT_FOUND,
  ASCEND_STORE_ERROR_INSUFFICIENT, /* a token balance that would go below zero */
  ASCEND_STORE_ERROR_IO,
  ASCEND_STORE_ERROR_CORRUPT,
  ASCEND_STORE_ERROR_TOO_NEW,      /* a file written by a newer version of the app */
  ASCEND_STORE_ERROR_INVALID,      /* malformed input, e.g. an import file */
} AscendStoreError;

GQuark ascend_store_error_quark (void);

#define ASCEND_TYPE_DATABASE (ascend_database_get_type ())
G_DECLARE_FINAL_TYPE (AscendDatabase, ascend_database, ASCEND, DATABASE, GObject)

/* How many on-disk copies of the file are kept from before migrations. */
#define ASCEND_DATABASE_KEEP_BACKUPS 3

char           *ascend_database_default_path     (void);
AscendDatabase *ascend_database_open             (const char      *path,
                                                  GError         **error);
AscendDatabase *ascend_database_open_readonly    (const char      *path,
                                                  GError         **error);
const char     *ascend_database_get_path         (AscendDatabase  *self);
int             ascend_database_get_schema_version (AscendDatabase *self);
int             ascend_database_get_latest_schema_version (void);
sqlite3        *ascend_database_get_handle       (AscendDatabase  *self);

/* A cached prepared statement, reset and with bindings cleared. Owned by the
 * database: do not finalize it. */
sqlite3_stmt   *ascend_database_prepare          (AscendDatabase  *self,
                                                  const char      *sql,
                                                  GError         **error);
gboolean        ascend_database_exec             (AscendDatabase  *self,
                                                  const char      *sql,
                                                  GError         **error);

/* Reads one row of a stepped statement into a new record. */
typedef gpointer (*AscendRowReader) (sqlite3_stmt *stmt);

/* Steps stmt to its end, adding read_row (stmt) of each row to into, then
 * resets it. FALSE with error when SQLite fails (into keeps what was read). */
gboolean        ascend_database_collect          (AscendDatabase  *self,
                                                  sqlite3_stmt    *stmt,
                                                  AscendRowReader  read_row,
                                                  GPtrArray       *into,
                                                  GError         **error);

/* Transactions nest: only the outermost begin/commit touches SQLite; a
 * rollback at any depth makes the outermost commit fail. */
gboolean        ascend_database_begin            (AscendDatabase  *self,
                                                  GError         **error);
gboolean        ascend_database_commit           (AscendDatabase  *self,
                                                  GError         **error);
void            ascend_database_rollback         (AscendDatabase  *self);

/* Sets error from the connection's last failure, with a sentence a person can read. */
gboolean        ascend_database_set_error        (AscendDatabase  *self,
                                                  int              rc,
                                                  GError         **error);

/* Runs PRAGMA integrity_check, foreign_key_check and the token ledger
 * invariant. Returns a list of problems (empty when all hold). */
GPtrArray      *ascend_database_check            (AscendDatabase  *self,
                                                  GError         **error);

GPtrArray      *ascend_database_list_backups     (AscendDatabase  *self);

/* Whole files. copy_file writes a consistent snapshot of the database at
 * source_path to target_path (0600, rollback journal, written beside it and
 * renamed into place) through its own connections: callable from a worker
 * thread. inspect_file checks that path is an Anime Ascend database this
 * version can open (tables, schema version, PRAGMA quick_check) and gives
 * its schema version. restore_from replaces the contents of the open
 * database with those of source_path in one transaction, then migrates;
 * the file is checked first and nothing changes when it is refused. */
gboolean        ascend_database_copy_file        (const char      *source_path,
                                                  const char      *target_path,
                                                  GError         **error);
gboolean        ascend_database_inspect_file     (const char      *path,
                                                  int             *schema_version,
                                                  GError         **error);
gboolean        ascend_database_restore_from     (AscendDatabase  *self,
                                                  const char      *source_path,
                                                  GError         **error);

gint64          ascend_now_ms                    (void);

G_END_DECLS
