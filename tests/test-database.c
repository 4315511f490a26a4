/* test-database.c: opening, migrating, backing up and checking the file */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ascend-test-util.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"

static int
file_mode (const char *path)
{
  struct stat st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static char *
scalar_text (AscendDatabase *db,
             const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

static void
test_default_path_created_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (ascend_test_data_home (), "anime-ascend", "anime-ascend.db", NULL);
  g_autofree char *dir = g_path_get_dirname (expected);
  g_autoptr(AscendDatabase) db = ascend_database_open (NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ascend_database_get_path (db), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (file_mode (dir), ==, 0700);
  g_assert_cmpint (file_mode (expected), ==, 0600);
}

static void
test_migrate_from_nothing_and_reopen (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AscendDatabase *db = ascend_test_open_fresh_db (&path);
  g_autofree char *mode = scalar_text (db, "PRAGMA journal_mode");
  g_autofree char *fk = scalar_text (db, "PRAGMA foreign_keys");
  g_autofree char *tables = scalar_text (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'");
  gint64 user;

  g_assert_cmpint (ascend_database_get_schema_version (db), ==, ascend_database_get_latest_schema_version ());
  g_assert_cmpint (ascend_database_get_schema_version (db), >=, 1);
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpint (atoi (tables), >=, 15);
  {
    guint n;
    const AscendTable * const *all = ascend_tables_all (&n);
    g_assert_cmpuint (n, ==, 15);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                                                all[i]->name);
        g_autofree char *found = scalar_text (db, sql);
        g_assert_cmpstr (found, ==, "1");
      }
  }
  user = ascend_test_add_user (db, "Sakura");
  g_object_unref (db);

  /* Re-opening an up-to-date file migrates nothing and keeps the rows. */
  db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(AscendUser) u = ascend_user_get (db, user, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (u->name, ==, "Sakura");
    g_assert_cmpint (u->token_balance, ==, 5);
  }
  {
    g_autoptr(GPtrArray) backups = ascend_database_list_backups (db);
    g_assert_cmpuint (backups->len, ==, 0);
  }
  g_object_unref (db);
}

static void
test_backup_before_migration_keeps_three (void)
{
  g_autofree char *dir = g_build_filename (ascend_test_data_home (), "legacy", NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  for (int round = 0; round < 5; round++)
    {
      g_autofree char *name = g_strdup_printf ("legacy-%d.db", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      sqlite3 *raw = NULL;
      AscendDatabase *db;

      /* A file from "version 0" that already holds data of its own. */
      g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE legacy (x); INSERT INTO legacy VALUES (42);",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (raw);

      db = ascend_database_open (path, &error);
      g_assert_no_error (error);
      {
        g_autoptr(GPtrArray) backups = ascend_database_list_backups (db);
        g_assert_cmpuint (backups->len, ==, 1);
        g_assert_cmpint (file_mode (backups->pdata[0]), ==, 0600);
        /* The backup is a readable database with the old data in it. */
        g_assert_cmpint (sqlite3_open_v2 (backups->pdata[0], &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
        sqlite3_stmt *stmt = NULL;
        g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT x FROM legacy", -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 42);
        sqlite3_finalize (stmt);
        sqlite3_close (raw);
      }
      g_object_unref (db);
    }

  /* All five files share one backups/ folder but each keeps its own three at most;
   * migrate one file several times over to prove the limit. */
  {
    g_autofree char *path = g_build_filename (dir, "again.db", NULL);
    for (int i = 0; i < 5; i++)
      {
        AscendDatabase *db;
        sqlite3 *raw = NULL;
        g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
        /* Pretend the file is old so the next open migrates it again. */
        g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE IF EXISTS users; PRAGMA writable_schema = 0;"
                                       "CREATE TABLE IF NOT EXISTS keep (x); PRAGMA user_version = 0;",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
        for (const char *const *t = (const char *const[]) { "rrBlocks", "healthReadings", "healthAlerts", "contactPositions", "emergencyContacts",
                                                            "exerciseSessions", "habitLogDays", "habitArchive", "habitSkips", "streakRewards",
                                                            "habitLogs", "habits", "journalEntries",
                                                            "moodLogs", "milestones", "goals", "tokenTransactions",
                                                            "subscriptions", "payments", "supportTickets", NULL };
             *t; t++)
          {
            g_autofree char *sql = g_strdup_printf ("DROP TABLE IF EXISTS %s", *t);
            sqlite3_exec (raw, sql, NULL, NULL, NULL);
          }
        sqlite3_close (raw);
        g_usleep (2000);
        db = ascend_database_open (path, &error);
        g_assert_no_error (error);
        {
          g_autoptr(GPtrArray) backups = ascend_database_list_backups (db);
          g_assert_cmpuint (backups->len, ==, MIN (i + 1, ASCEND_DATABASE_KEEP_BACKUPS));
        }
        g_object_unref (db);
      }
  }
}

static void
test_refuses_newer_schema (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AscendDatabase *db = ascend_test_open_fresh_db (&path);
  AscendDatabase *again;

  ascend_database_exec (db, "PRAGMA user_version = 999", &error);
  g_assert_no_error (error);
  g_object_unref (db);

  again = ascend_database_open (path, &error);
  g_assert_null (again);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_not_a_database_is_refused_and_untouched (void)
{
  g_autofree char *path = g_build_filename (ascend_test_data_home (), "notes.db", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *junk = "this is a shopping list, not a database\n";
  AscendDatabase *db;

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  db = ascend_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_check_reports_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Rin");
  g_autoptr(GPtrArray) ok = ascend_database_check (db, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ok->len, ==, 0);

  /* Break the ledger behind the store's back: check must say so. */
  g_assert_true (ascend_database_exec (db, "DROP TRIGGER trg_tokenTransactions_insert", &error));
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO tokenTransactions (userId, amount, type, createdAt) "
                                            "VALUES (%" G_GINT64_FORMAT ", 7, 'bonus', 1)", user);
    g_assert_true (ascend_database_exec (db, sql, &error));
  }
  {
    g_autoptr(GPtrArray) bad = ascend_database_check (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bad->len, ==, 1);
    g_assert_nonnull (strstr (bad->pdata[0], "Token ledger"));
    g_assert_nonnull (strstr (bad->pdata[0], "adds up to 12"));
  }
  /* And a dangling foreign key. */
  g_assert_true (ascend_database_exec (db, "PRAGMA foreign_keys = OFF; "
                                           "INSERT INTO moodLogs (userId, moodScore, createdAt) VALUES (999, 5, 1); "
                                           "PRAGMA foreign_keys = ON;", &error));
  {
    g_autoptr(GPtrArray) bad = ascend_database_check (db, &error);
    g_assert_cmpuint (bad->len, ==, 2);
    g_assert_nonnull (strstr (bad->pdata[0], "moodLogs"));
  }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Migrations run in file-name order and version N is the N-th file, so the
 * number in each name must be its place: a gap or a duplicate (two branches
 * taking the same number) would skip or misnumber a migration. */
static void
test_migration_numbers_are_contiguous (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/animeascend/AnimeAscend/schema/", 0, NULL);
  g_autoptr(GPtrArray) sql = g_ptr_array_new ();

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sql, names[i]);
  g_ptr_array_sort (sql, compare_names);
  g_assert_cmpuint (sql->len, ==, (guint) ascend_database_get_latest_schema_version ());
  for (guint i = 0; i < sql->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03u-", i + 1);
      g_test_message ("migration %u: %s", i + 1, (const char *) g_ptr_array_index (sql, i));
      g_assert_true (g_str_has_prefix (g_ptr_array_index (sql, i), prefix));
    }
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/database/default-path-private", test_default_path_created_private);
  g_test_add_func ("/database/migrate-and-reopen", test_migrate_from_nothing_and_reopen);
  g_test_add_func ("/database/backup-before-migration", test_backup_before_migration_keeps_three);
  g_test_add_func ("/database/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/database/not-a-database", test_not_a_database_is_refused_and_untouched);
  g_test_add_func ("/database/check-reports-problems", test_check_reports_problems);
  g_test_add_func ("/database/migration-numbers", test_migration_numbers_are_contiguous);
  return g_test_run ();
}
