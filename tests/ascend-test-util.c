#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "ascend-test-util.h"
#include "ascend-user-store.h"

static char *data_home;

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  return g_rmdir (path) == 0;
}

static void
cleanup (void)
{
  if (data_home != NULL && g_getenv ("ASCEND_TEST_KEEP") == NULL)
    remove_tree (data_home);
}

void
ascend_test_init (int    *argc,
                  char ***argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (argc, argv, NULL);
  data_home = g_dir_make_tmp ("ascend-test-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  atexit (cleanup);
}

const char *
ascend_test_data_home (void)
{
  return data_home;
}

char *
ascend_test_new_dir (const char *name)
{
  g_autofree char *pattern = g_strconcat (name, "-XXXXXX", NULL);
  char *dir = g_build_filename (data_home, pattern, NULL);

  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

AscendDatabase *
ascend_test_open_fresh_db (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (data_home, "db-XXXXXX", NULL);
  g_autofree char *path = NULL;
  AscendDatabase *db;

  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, "anime-ascend.db", NULL);
  db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (out_path)
    *out_path = g_steal_pointer (&path);
  return db;
}

gint64
ascend_test_add_user (AscendDatabase *db,
                      const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendUser) user = ascend_user_new ();
  gint64 id;

  user->name = g_strdup (name);
  user->login_method = g_strdup ("local");
  id = ascend_user_insert (db, user, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

char *
ascend_test_shared_data (const char *relative)
{
  const char *root = g_getenv ("ASCEND_SHARED_DATA");
  g_autofree char *path = g_build_filename (root ? root : SHARED_DATA_DIR, relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_steal_pointer (&path);
}

gint64
ascend_test_sql_int (AscendDatabase *db,
                     const char     *format,
                     ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
ascend_test_sql_text (AscendDatabase *db,
                      const char     *format,
                      ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gint64
ascend_test_count_rows (const char *db_path,
                        const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_database_open (db_path, &error);

  g_assert_no_error (error);
  return ascend_test_sql_int (db, "%s", sql);
}

gint64
ascend_test_token_balance (AscendDatabase *db,
                           gint64          user)
{
  return ascend_test_sql_int (db, "SELECT tokenBalance FROM users WHERE id = %" G_GINT64_FORMAT, user);
}

void
ascend_test_run_clear (AscendTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

const char *
ascend_test_ascendctl (void)
{
  return g_getenv ("ASCENDCTL");
}

gboolean
ascend_test_have_ascendctl (void)
{
  const char *path = ascend_test_ascendctl ();

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ASCENDCTL does not name the built ascendctl");
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gboolean done;
  char    *out;
  char    *err;
  GError  *error;
} Pending;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *p = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &p->out, &p->err, &p->error);
  p->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ascend_test_run_ascendctl (AscendTestRun     *run,
                           const char        *cwd,
                           const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Pending p = { 0 };
  gboolean expired = FALSE;
  guint timer;

  g_ptr_array_add (argv, (gpointer) ascend_test_ascendctl ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  ascend_test_run_clear (run);
  run->timed_out = FALSE;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, communicate_cb, &p);
  timer = g_timeout_add_seconds (ASCEND_TEST_RUN_TIMEOUT_S, timeout_cb, &expired);
  while (!p.done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!p.done)
    {
      run->timed_out = TRUE;
      g_subprocess_force_exit (proc);
      while (!p.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timer);
  g_assert_no_error (p.error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);

  run->out = p.out ? p.out : g_strdup ("");
  run->err = p.err ? p.err : g_strdup ("");
  if (g_subprocess_get_if_exited (proc))
    run->status = g_subprocess_get_exit_status (proc);
  else
    run->status = 128 + g_subprocess_get_term_sig (proc);

  if (g_test_verbose () || run->status != 0 || run->timed_out)
    g_test_message ("exit %d%s\nstdout: %s\nstderr: %s", run->status, run->timed_out ? " (timed out)" : "",
                    run->out, run->err);
}

void
ascend_test_run (AscendTestRun *run,
                 const char    *cwd,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, cwd);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  ascend_test_run_ascendctl (run, cwd, (const char *const *) args->pdata);
}
