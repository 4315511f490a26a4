/* ascend-database.c: opening, migrating and checking the SQLite file
 *
 * One connection per process (plus read-only ones for long reads). The file
 * lives in a 0700 folder and is itself 0600, because it holds health data.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ascend-database.h"
#include "ascend-store-errors.h"
#include "ascend-business-store.h"

#define SCHEMA_RESOURCE_DIR "/io/github/animeascend/AnimeAscend/schema/"

struct _AscendDatabase
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt* */
  guint       tx_depth;
  gboolean    tx_failed;
  gboolean    readonly;
};

G_DEFINE_TYPE (AscendDatabase, ascend_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (ascend-store-error-quark, ascend_store_error)

gint64
ascend_now_ms (void)
{
  return g_get_real_time () / 1000;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

static void
ascend_database_finalize (GObject *object)
{
  AscendDatabase *self = (AscendDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ascend_database_parent_class)->finalize (object);
}

static void
ascend_database_class_init (AscendDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ascend_database_finalize;
}

static void
ascend_database_init (AscendDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

char *
ascend_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "anime-ascend", "anime-ascend.db", NULL);
}

gboolean
ascend_database_set_error (AscendDatabase  *self,
                           int              rc,
                           GError         **error)
{
  int code = ASCEND_STORE_ERROR_FAILED;
  g_autofree char *message = NULL;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = ASCEND_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = ASCEND_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = ASCEND_STORE_ERROR_IO;
      break;
    default:
      break;
    }

  message = ascend_store_describe_error (self->db, rc, &code);
  g_set_error_literal (error, ASCEND_STORE_ERROR, code, message);
  return FALSE;
}

sqlite3_stmt *
ascend_database_prepare (AscendDatabase  *self,
                         const char      *sql,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ascend_database_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
ascend_database_collect (AscendDatabase  *self,
                         sqlite3_stmt    *stmt,
                         AscendRowReader  read_row,
                         GPtrArray       *into,
                         GError         **error)
{
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (stmt != NULL && read_row != NULL && into != NULL, FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (into, read_row (stmt));
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (self, rc, error);
  return TRUE;
}

gboolean
ascend_database_exec (AscendDatabase  *self,
                      const char      *sql,
                      GError         **error)
{
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (self, rc, error);
  return TRUE;
}

gboolean
ascend_database_begin (AscendDatabase  *self,
                       GError         **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (self), FALSE);

  if (self->tx_depth == 0)
    {
      /* IMMEDIATE takes the write lock now, so a busy reader cannot make a
       * read-then-write transaction fail half way. */
      if (!ascend_database_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->tx_failed = FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

gboolean
ascend_database_commit (AscendDatabase  *self,
                        GError         **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (self->tx_failed)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED,
                           _("The change was cancelled because part of it failed"));
      return FALSE;
    }
  if (!ascend_database_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
ascend_database_rollback (AscendDatabase *self)
{
  g_return_if_fail (ASCEND_IS_DATABASE (self));
  g_return_if_fail (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    {
      self->tx_failed = TRUE;
      return;
    }
  /* Reset cached statements first: a pending read would keep the
   * transaction open. */
  sqlite3_stmt *stmt = NULL;
  while ((stmt = sqlite3_next_stmt (self->db, stmt)) != NULL)
    sqlite3_reset (stmt);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

int
ascend_database_get_schema_version (AscendDatabase *self)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (self), -1);
  return query_int (self->db, "PRAGMA user_version");
}

const char *
ascend_database_get_path (AscendDatabase *self)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
ascend_database_get_handle (AscendDatabase *self)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (self), NULL);
  return self->db;
}

/* Migration scripts are NNN-name.sql in the GResource; NNN is the version
 * the file brings the database to. */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR, 0, NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (list, g_strdup (names[i]));
  g_ptr_array_sort (list, compare_strings);
  return list;
}

int
ascend_database_get_latest_schema_version (void)
{
  g_autoptr(GPtrArray) list = list_migrations ();
  return list->len;
}

static char *
backup_dir_for (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return g_build_filename (dir, "backups", NULL);
}

static gint
compare_strings_desc (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char **)a, *(const char **)b);
}

GPtrArray *
ascend_database_list_backups (AscendDatabase *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) d = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (ASCEND_IS_DATABASE (self), list);

  dir = backup_dir_for (self->path);
  base = g_path_get_basename (self->path);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, base) && g_str_has_suffix (name, ".bak"))
      g_ptr_array_add (list, g_build_filename (dir, name, NULL));
  /* Names embed a sortable timestamp: newest first. */
  g_ptr_array_sort (list, compare_strings_desc);
  return list;
}

static gboolean
backup_before_migration (AscendDatabase  *self,
                         int              from_version,
                         GError         **error)
{
  g_autofree char *dir = backup_dir_for (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GPtrArray) old = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not create the backup folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  name = g_strdup_printf ("%s.%s.%06d.v%d.bak", base, stamp,
                          (int)(g_get_real_time () % 1000000), from_version);
  target = g_build_filename (dir, name, NULL);

  rc = sqlite3_open_v2 (target, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      g_chmod (target, 0600);
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not back up the database before upgrading it: %s"),
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      g_unlink (target);
      return FALSE;
    }
  sqlite3_close_v2 (dest);

  old = ascend_database_list_backups (self);
  for (guint i = ASCEND_DATABASE_KEEP_BACKUPS; i < old->len; i++)
    g_unlink (g_ptr_array_index (old, i));
  return TRUE;
}

static gboolean
migrate (AscendDatabase  *self,
         GError         **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  int version = ascend_database_get_schema_version (self);
  int tables;

  if (version > (int) migrations->len)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Anime Ascend "
                     "(schema version %d; this version knows %u). Please update the app."),
                   version, migrations->len);
      return FALSE;
    }
  if (version == (int) migrations->len)
    return TRUE;

  tables = query_int (self->db, "SELECT count(*) FROM sqlite_schema");
  if (tables > 0 && !backup_before_migration (self, version, error))
    return FALSE;

  for (guint i = version; i < migrations->len; i++)
    {
      g_autofree char *res = g_strconcat (SCHEMA_RESOURCE_DIR,
                                          (char *) g_ptr_array_index (migrations, i), NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, error);
      g_autofree char *sql = NULL;
      g_autofree char *set_version = NULL;

      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      set_version = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!ascend_database_begin (self, error))
        return FALSE;
      if (!ascend_database_exec (self, sql, error) ||
          !ascend_database_exec (self, set_version, error))
        {
          g_prefix_error (error, _("Upgrading the database to version %u failed: "), i + 1);
          ascend_database_rollback (self);
          return FALSE;
        }
      if (!ascend_database_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

static AscendDatabase *
open_common (const char  *path,
             gboolean     readonly,
             GError     **error)
{
  g_autoptr(AscendDatabase) self = g_object_new (ASCEND_TYPE_DATABASE, NULL);
  g_autofree char *dir = NULL;
  int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc;

  self->path = path ? g_strdup (path) : ascend_database_default_path ();
  self->readonly = readonly;
  dir = g_path_get_dirname (self->path);

  if (!readonly && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not create the data folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not open the database %s: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  if (!readonly)
    g_chmod (self->path, 0600);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* A file that is not a database fails on its first read: say so plainly. */
  if (query_int (self->db, "SELECT count(*) FROM sqlite_schema") < 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CORRUPT,
                   _("%s is not an Anime Ascend database or is damaged: %s"),
                   self->path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (!ascend_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  if (!readonly)
    {
      /* WAL with synchronous=NORMAL keeps every committed transaction
       * through a process crash; FULL adds power-loss durability for the
       * last transactions at a large write cost. */
      if (!ascend_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
          !ascend_database_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
      if (!migrate (self, error))
        return NULL;
      /* Sidecar files inherit nothing from the umask we want. */
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
      g_chmod (wal, 0600);
      g_chmod (shm, 0600);
    }
  else if (ascend_database_get_schema_version (self) != ascend_database_get_latest_schema_version ())
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                   _("The database %s has schema version %d; this app needs %d"),
                   self->path, ascend_database_get_schema_version (self),
                   ascend_database_get_latest_schema_version ());
      return NULL;
    }

  return g_steal_pointer (&self);
}

AscendDatabase *
ascend_database_open (const char  *path,
                      GError     **error)
{
  return open_common (path, FALSE, error);
}

AscendDatabase *
ascend_database_open_readonly (const char  *path,
                               GError     **error)
{
  return open_common (path, TRUE, error);
}

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;
  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

GPtrArray *
ascend_database_check (AscendDatabase  *self,
                       GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ascend_database_set_error (self, rc, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        add_problem (problems, _("Integrity: %s"), line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    add_problem (problems, _("Integrity check could not finish: %s"), sqlite3_errstr (rc));

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        add_problem (problems, _("Foreign key: row %lld of %s refers to a missing row in %s"),
                     (long long) sqlite3_column_int64 (stmt, 1),
                     (const char *) sqlite3_column_text (stmt, 0),
                     (const char *) sqlite3_column_text (stmt, 2));
      sqlite3_finalize (stmt);
    }
  else
    add_problem (problems, _("Foreign key check could not run: %s"), sqlite3_errmsg (self->db));

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT u.id, u.tokenBalance, " G_STRINGIFY (ASCEND_INITIAL_TOKENS) " + coalesce(sum(t.amount), 0) "
                           "FROM users u LEFT JOIN tokenTransactions t ON t.userId = u.id "
                           "GROUP BY u.id "
                           "HAVING u.tokenBalance <> " G_STRINGIFY (ASCEND_INITIAL_TOKENS) " + coalesce(sum(t.amount), 0) "
                           "OR u.tokenBalance < 0",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        add_problem (problems, _("Token ledger: user %lld has a balance of %lld but the ledger adds up to %lld"),
                     (long long) sqlite3_column_int64 (stmt, 0),
                     (long long) sqlite3_column_int64 (stmt, 1),
                     (long long) sqlite3_column_int64 (stmt, 2));
      sqlite3_finalize (stmt);
    }
  else
    add_problem (problems, _("Token ledger check could not run: %s"), sqlite3_errmsg (self->db));

  return g_steal_pointer (&problems);
}

/* Backups and restores of whole files
 *
 * These open their own connections (this file is the only one that opens
 * SQLite files), so copy_file and inspect_file can run in a worker thread.
 */

gboolean
ascend_database_copy_file (const char  *source_path,
                           const char  *target_path,
                           GError     **error)
{
  g_autofree char *part = NULL;
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (source_path != NULL && target_path != NULL, FALSE);

  part = g_strconcat (target_path, ".part", NULL);
  g_unlink (part);

  rc = sqlite3_open_v2 (source_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (source, 5000);
      rc = sqlite3_open_v2 (part, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    }
  if (rc == SQLITE_OK)
    {
      g_chmod (part, 0600);
      /* One step copies every page inside one read transaction of the
       * source: a consistent snapshot however busy the writers are. */
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  /* A backup is a plain rollback-journal file, readable on its own without
   * -wal and -shm files beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (target_path);

      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not write the backup %s: %s"), display,
                   dest ? sqlite3_errmsg (dest) : source ? sqlite3_errmsg (source) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      sqlite3_close_v2 (source);
      g_unlink (part);
      return FALSE;
    }
  sqlite3_close_v2 (dest);
  sqlite3_close_v2 (source);

  if (g_rename (part, target_path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (target_path);

      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not write the backup %s: %s"), display, g_strerror (saved));
      g_unlink (part);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_table (sqlite3    *db,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

gboolean
ascend_database_inspect_file (const char  *path,
                              int         *schema_version,
                              GError     **error)
{
  static const char * const required[] = { "users", "healthReadings", "habits", "habitLogs",
                                           "journalEntries", "tokenTransactions" };
  g_autofree char *display = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("There is no backup file %s"), display);
      return FALSE;
    }

  /* immutable=1: read the file as it is, creating no -wal or -shm beside
   * it, so checking a backup never changes the backups folder. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    goto not_ours;

  version = query_int (db, "PRAGMA user_version");
  if (query_int (db, "SELECT count(*) FROM sqlite_schema") < 0)
    goto not_ours;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!has_table (db, required[i]))
      {
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                     _("%s is an SQLite database, but not one of Anime Ascend"), display);
        sqlite3_close_v2 (db);
        return FALSE;
      }
  if (version < 1 || version > ascend_database_get_latest_schema_version ())
    {
      if (version > 1)
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_TOO_NEW,
                     _("%s was written by a newer version of Anime Ascend (schema version %d; "
                       "this version knows %d)"), display, version,
                     ascend_database_get_latest_schema_version ());
      else
        g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID,
                     _("%s has no schema version: it is not an Anime Ascend database"), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        {
          g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CORRUPT,
                       _("%s is damaged: %s"), display, sqlite3_column_text (stmt, 0));
          sqlite3_finalize (stmt);
          sqlite3_close_v2 (db);
          return FALSE;
        }
      sqlite3_finalize (stmt);
    }
  if (rc != SQLITE_ROW)
    goto not_ours;

  sqlite3_close_v2 (db);
  if (schema_version)
    *schema_version = version;
  return TRUE;

not_ours:
  g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CORRUPT,
               _("%s is not an Anime Ascend database or is damaged: %s"), display,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  return FALSE;
}

gboolean
ascend_database_restore_from (AscendDatabase  *self,
                              const char      *source_path,
                              GError         **error)
{
  sqlite3 *source = NULL;
  sqlite3_backup *backup;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (!self->readonly, FALSE);

  if (self->tx_depth > 0)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_FAILED,
                           _("Cannot restore while a change is being saved; try again"));
      return FALSE;
    }
  if (!ascend_database_inspect_file (source_path, NULL, error))
    return FALSE;

  /* No statement of this connection may hold a read open. */
  while ((stmt = sqlite3_next_stmt (self->db, stmt)) != NULL)
    sqlite3_reset (stmt);

  rc = sqlite3_open_v2 (source_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      /* The copy replaces every page of the live file in one write
       * transaction: readers see the old file or the restored one. */
      backup = sqlite3_backup_init (self->db, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (self->db);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not restore the backup: %s"),
                   source ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (source);
      return FALSE;
    }
  sqlite3_close_v2 (source);

  /* The backup's header says rollback journal: keep the live file in WAL,
   * and bring an older backup up to this version's schema. */
  if (!ascend_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !ascend_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  return migrate (self, error);
}
