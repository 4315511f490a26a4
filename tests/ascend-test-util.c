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
