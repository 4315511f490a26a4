/* test-backup.c: daily backups, their rotation, restore, and deleting a profile */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "ascend-test-util.h"
#include "ascend-backup.h"
#include "ascend-business-store.h"
#include "ascend-habit-store.h"
#include "ascend-health-store.h"
#include "ascend-user-store.h"
#include "ascend-wellness-store.h"

static gint64
count (AscendDatabase *db,
       const char     *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ascend_database_prepare (db, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
add_mood (AscendDatabase *db,
          gint64          user_id,
          const char     *mood)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendMoodLog) log = ascend_mood_log_new ();

  log->user_id = user_id;
  log->mood = g_strdup (mood);
  log->mood_score = 7;
  g_assert_cmpint (ascend_mood_log_insert (db, log, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_rotation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *dir = ascend_backup_dir (path);
  GStatBuf st;

  ascend_test_add_user (db, "Aiko");
  for (int d = 1; d <= 9; d++)
    {
      g_autofree char *day = g_strdup_printf ("2026-11-%02d", d);
      g_autofree char *made = ascend_backup_make (path, day, &error);

      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_assert_cmpint (g_stat (made, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }

  list = ascend_backup_list (path, TRUE);
  g_assert_cmpuint (list->len, ==, ASCEND_BACKUP_KEEP_DAILY);
  for (guint i = 0; i < list->len; i++)
    {
      AscendBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *expected = g_strdup_printf ("2026-11-%02d", 9 - i);

      /* Same second: newest first by name. */
      g_assert_cmpstr (info->day, ==, expected);
      g_assert_true (info->ok);
      g_assert_null (info->problem);
      g_assert_cmpint (info->schema_version, ==, ascend_database_get_latest_schema_version ());
      g_assert_cmpint (info->size, >, 0);
    }
  /* The two oldest are gone, and no -wal, -shm or .part file was left. */
  {
    g_autofree char *oldest = g_build_filename (dir, "anime-ascend-2026-11-02.db", NULL);
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint files = 0;

    g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "anime-ascend-2026"))
        {
          g_assert_true (g_str_has_suffix (name, ".db"));
          files++;
        }
    g_assert_cmpuint (files, ==, 7);
  }
}

static void
test_ensure_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *today = ascend_backup_today ();
  gboolean made = FALSE;

  g_assert_true (ascend_backup_ensure_today (path, &made, &error));
  g_assert_no_error (error);
  g_assert_true (made);
  g_assert_true (ascend_backup_ensure_today (path, &made, &error));
  g_assert_false (made);
  list = ascend_backup_list (path, FALSE);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((AscendBackupInfo *) g_ptr_array_index (list, 0))->day, ==, today);
}

static void
test_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  g_autoptr(AscendDatabase) reopened = NULL;
  g_autoptr(AscendDatabase) safety_db = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *safety = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 aiko, ren;

  aiko = ascend_test_add_user (db, "Aiko");
  add_mood (db, aiko, "calm");
  add_mood (db, aiko, "happy");
  backup = ascend_backup_make (path, "2026-11-20", &error);
  g_assert_no_error (error);

  /* After the backup: one profile deleted, another added. */
  g_assert_true (ascend_profile_delete_everything (db, aiko, &error));
  g_assert_no_error (error);
  ren = ascend_test_add_user (db, "Ren");
  add_mood (db, ren, "tired");
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs"), ==, 1);

  g_assert_true (ascend_backup_restore (db, backup, &safety, &error));
  g_assert_no_error (error);
  g_assert_nonnull (safety);

  /* The same connection sees the backup's rows, and can write on. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM users WHERE name = 'Aiko'"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM users WHERE name = 'Ren'"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs"), ==, 2);
  g_assert_cmpstr (sqlite3_db_filename (ascend_database_get_handle (db), "main"), ==, path);
  add_mood (db, aiko, "proud");
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs"), ==, 3);
  g_assert_cmpint (ascend_database_get_schema_version (db), ==,
                   ascend_database_get_latest_schema_version ());
  problems = ascend_database_check (db, &error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* And so does a new process opening the file. */
  reopened = ascend_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (reopened, "SELECT count(*) FROM moodLogs"), ==, 3);

  /* The safety copy holds what was there before the restore. */
  safety_db = ascend_database_open_readonly (safety, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (safety_db, "SELECT count(*) FROM users WHERE name = 'Ren'"), ==, 1);
  list = ascend_backup_list (path, TRUE);
  g_assert_cmpuint (list->len, ==, 2);
  {
    gboolean saw_safety = FALSE;
    for (guint i = 0; i < list->len; i++)
      if (((AscendBackupInfo *) g_ptr_array_index (list, i))->kind == ASCEND_BACKUP_BEFORE_RESTORE)
        saw_safety = TRUE;
    g_assert_true (saw_safety);
  }
}

/* A backup from an older version of the app is brought up to date. */
static void
test_restore_older_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  g_autofree char *backup = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;
  gint64 aiko = ascend_test_add_user (db, "Aiko");

  add_mood (db, aiko, "calm");
  backup = ascend_backup_make (path, "2026-11-10", &error);
  g_assert_no_error (error);
  /* Migration 005 is written to run again on a file set back to 4. */
  g_assert_cmpint (sqlite3_open (backup, &raw), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA user_version = %d", ascend_database_get_latest_schema_version () - 1);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  add_mood (db, aiko, "tired");

  g_assert_true (ascend_backup_restore (db, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_database_get_schema_version (db), ==, ascend_database_get_latest_schema_version ());
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs"), ==, 1);
  add_mood (db, aiko, "happy");
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs"), ==, 2);
}

/* A file that is not a backup we can use: refused with a clear message,
 * the current database untouched and no safety copy made. */
static void
assert_refused (const char *bad,
                int         code,
                const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *safety = NULL;
  gint64 aiko = ascend_test_add_user (db, "Aiko");

  add_mood (db, aiko, "calm");
  g_assert_false (ascend_backup_restore (db, bad, &safety, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, code);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("message “%s” does not match “%s”", error->message, pattern);
  g_assert_null (safety);
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM users WHERE name = 'Aiko'"), ==, 1);
  list = ascend_backup_list (path, FALSE);
  g_assert_cmpuint (list->len, ==, 0);
}

static char *
temp_file (const char *name)
{
  return g_build_filename (ascend_test_data_home (), name, NULL);
}

static void
test_refuse_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = temp_file ("junk.db");
  g_autofree char *empty = temp_file ("empty.db");
  g_autofree char *foreign = temp_file ("foreign.db");
  g_autofree char *newer = temp_file ("newer.db");
  g_autofree char *truncated = temp_file ("truncated.db");
  g_autofree char *missing = temp_file ("missing.db");
  g_autofree char *good_path = NULL;
  g_autofree char *good = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(AscendDatabase) source = ascend_test_open_fresh_db (&good_path);
  guint8 bytes[4096];
  gsize length;
  sqlite3 *raw = NULL;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (junk, (const char *) bytes, sizeof bytes, &error));
  assert_refused (junk, ASCEND_STORE_ERROR_CORRUPT, "*junk.db is not an Anime Ascend database or is damaged*");

  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  assert_refused (empty, ASCEND_STORE_ERROR_INVALID, "*empty.db is an SQLite database, but not one of Anime Ascend");

  g_assert_cmpint (sqlite3_open (foreign, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                                 "INSERT INTO notes (body) VALUES ('hello')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  assert_refused (foreign, ASCEND_STORE_ERROR_INVALID, "*foreign.db is an SQLite database, but not one of Anime Ascend");

  assert_refused (missing, ASCEND_STORE_ERROR_NOT_FOUND, "There is no backup file *missing.db");

  /* A backup from a newer app. */
  ascend_test_add_user (source, "Ren");
  good = ascend_backup_make (good_path, "2026-11-21", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (good, &contents, &length, &error));
  g_assert_true (g_file_set_contents (newer, contents, length, &error));
  g_assert_cmpint (sqlite3_open (newer, &raw), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA user_version = %d", ascend_database_get_latest_schema_version () + 1);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  assert_refused (newer, ASCEND_STORE_ERROR_TOO_NEW, "*newer.db was written by a newer version of Anime Ascend*");

  /* Half a backup: the quick check finds pages missing. */
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, &error));
  assert_refused (truncated, ASCEND_STORE_ERROR_CORRUPT, "*truncated.db*");

  /* The list marks bad files instead of hiding them. */
  {
    g_autofree char *dir = ascend_backup_dir (good_path);
    g_autofree char *bad_daily = g_build_filename (dir, "anime-ascend-2026-11-20.db", NULL);
    g_autoptr(GPtrArray) list = NULL;
    guint bad = 0;

    g_assert_true (g_file_set_contents (bad_daily, (const char *) bytes, sizeof bytes, &error));
    list = ascend_backup_list (good_path, TRUE);
    g_assert_cmpuint (list->len, ==, 2);
    for (guint i = 0; i < list->len; i++)
      {
        AscendBackupInfo *info = g_ptr_array_index (list, i);
        if (!info->ok)
          {
            bad++;
            g_assert_cmpstr (info->day, ==, "2026-11-20");
            g_assert_nonnull (info->problem);
          }
      }
    g_assert_cmpuint (bad, ==, 1);
  }
}

typedef struct {
  char          *path;
  gint64         user_id;
  gint           stop;
  guint          written;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_database_open (w->path, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&w->stop))
    {
      /* Each one moves the balance and adds a transaction in one SQLite
       * transaction: a torn snapshot would break the ledger. */
      if (ascend_token_ledger_record (db, w->user_id, 1, "bonus", "busy", &error) > 0)
        w->written++;
      g_clear_error (&error);
    }
  return NULL;
}

static void
test_backup_while_writing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (&path);
  Writer w = { 0 };
  GThread *thread;
  gint64 last = -1;

  w.path = path;
  w.user_id = ascend_test_add_user (db, "Aiko");
  thread = g_thread_new ("writer", writer_thread, &w);
  while (g_atomic_int_get (&w.written) < 20)
    g_usleep (1000);

  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-10-%02d", i);
      g_autofree char *made = ascend_backup_make (path, day, &error);
      g_autoptr(AscendDatabase) copy = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      gint64 n;

      g_assert_no_error (error);
      copy = ascend_database_open_readonly (made, &error);
      g_assert_no_error (error);
      problems = ascend_database_check (copy, &error);
      g_assert_no_error (error);
      for (guint p = 0; p < problems->len; p++)
        g_printerr ("%s\n", (char *) g_ptr_array_index (problems, p));
      g_assert_cmpuint (problems->len, ==, 0);
      n = count (copy, "SELECT count(*) FROM tokenTransactions");
      g_assert_cmpint (n, >=, last);
      last = n;
      g_usleep (5000);
    }
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  g_assert_cmpint (last, >, 0);
}

static void
test_delete_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  g_autoptr(AscendHabit) habit = ascend_habit_new ();
  g_autoptr(AscendGoal) goal = ascend_goal_new ();
  g_autoptr(AscendMilestone) milestone = ascend_milestone_new ();
  g_autoptr(GPtrArray) problems = NULL;
  const double rr[] = { 800, 810 };
  const gboolean irregular[] = { FALSE, FALSE };
  gint64 aiko = ascend_test_add_user (db, "Aiko");
  gint64 ren = ascend_test_add_user (db, "Ren");

  habit->user_id = aiko;
  habit->name = g_strdup ("Stretch");
  habit->target_days = 30;
  g_assert_cmpint (ascend_habit_insert (db, habit, &error), >, 0);
  g_assert_cmpint (ascend_habit_store_add_log (db, habit->id, ascend_now_ms (), "2026-11-20", NULL, NULL, &error), >, 0);
  g_assert_cmpint (ascend_habit_store_add_skip (db, habit->id, "2026-11-19", 1, "Paid", &error), >, 0);
  goal->user_id = aiko;
  goal->title = g_strdup ("Run");
  g_assert_cmpint (ascend_goal_insert (db, goal, &error), >, 0);
  milestone->goal_id = goal->id;
  milestone->title = g_strdup ("1k");
  g_assert_cmpint (ascend_milestone_insert (db, milestone, &error), >, 0);
  g_assert_cmpint (ascend_rr_block_insert (db, aiko, 0, 60000, rr, irregular, 2, &error), >, 0);
  add_mood (db, aiko, "calm");
  add_mood (db, ren, "happy");
  g_assert_no_error (error);

  g_assert_true (ascend_profile_delete_everything (db, aiko, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (db, "SELECT count(*) FROM users"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habits"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habitLogs"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habitLogDays"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habitSkips"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM goals"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM milestones"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM tokenTransactions"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM moodLogs WHERE userId = 2"), ==, 1);
  problems = ascend_database_check (db, &error);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_false (ascend_profile_delete_everything (db, aiko, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/ensure-today", test_ensure_today);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-older-version", test_restore_older_version);
  g_test_add_func ("/backup/refuse-bad-files", test_refuse_bad_files);
  g_test_add_func ("/backup/while-writing", test_backup_while_writing);
  g_test_add_func ("/backup/delete-profile", test_delete_profile);
  return g_test_run ();
}
