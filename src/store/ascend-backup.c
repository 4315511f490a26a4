/* ascend-backup.c: daily backups, restore, and deleting a profile */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ascend-backup.h"

#define DAILY_PREFIX  "anime-ascend-"
#define SAFETY_PREFIX "anime-ascend-before-restore-"
#define SUFFIX        ".db"

void
ascend_backup_info_free (AscendBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->name);
  g_free (info->day);
  g_free (info->problem);
  g_free (info);
}

char *
ascend_backup_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "backups", NULL);
}

char *
ascend_backup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* "YYYY-MM-DD" of a daily backup's file name, or NULL. */
static char *
daily_day (const char *name)
{
  const char *day;
  GDate date;
  int y, m, d;

  if (!g_str_has_prefix (name, DAILY_PREFIX) || !g_str_has_suffix (name, SUFFIX))
    return NULL;
  day = name + strlen (DAILY_PREFIX);
  if (strlen (day) != 10 + strlen (SUFFIX) ||
      sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3 || day[4] != '-' || day[7] != '-' ||
      !g_date_valid_dmy (d, m, y))
    return NULL;
  g_date_clear (&date, 1);
  return g_strndup (day, 10);
}

static gboolean
is_safety (const char *name)
{
  return g_str_has_prefix (name, SAFETY_PREFIX) && g_str_has_suffix (name, SUFFIX);
}

static gint
compare_names_desc (gconstpointer a,
                    gconstpointer b)
{
  return -g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* File names of one kind in dir, newest first (the names sort by date). */
static GPtrArray *
names_of_kind (const char       *dir,
               AscendBackupKind  kind)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *day = daily_day (name);

      if ((kind == ASCEND_BACKUP_DAILY && day != NULL) ||
          (kind == ASCEND_BACKUP_BEFORE_RESTORE && is_safety (name)))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names_desc);
  return names;
}

static void
rotate (const char       *dir,
        AscendBackupKind  kind,
        guint             keep)
{
  g_autoptr(GPtrArray) names = names_of_kind (dir, kind);

  for (guint i = keep; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_unlink (path);
    }
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_IO,
                   _("Could not create the backup folder %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

char *
ascend_backup_make (const char  *db_path,
                    const char  *day,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *today = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *check = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  if (day == NULL)
    day = today = ascend_backup_today ();
  name = g_strconcat (DAILY_PREFIX, day, SUFFIX, NULL);
  check = daily_day (name);
  g_return_val_if_fail (check != NULL, NULL);

  dir = ascend_backup_dir (db_path);
  if (!make_dir (dir, error))
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!ascend_database_copy_file (db_path, path, error))
    return NULL;
  rotate (dir, ASCEND_BACKUP_DAILY, ASCEND_BACKUP_KEEP_DAILY);
  return g_steal_pointer (&path);
}

gboolean
ascend_backup_ensure_today (const char  *db_path,
                            gboolean    *made,
                            GError     **error)
{
  g_autofree char *dir = ascend_backup_dir (db_path);
  g_autofree char *today = ascend_backup_today ();
  g_autofree char *name = g_strconcat (DAILY_PREFIX, today, SUFFIX, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *made_path = NULL;

  if (made)
    *made = FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  made_path = ascend_backup_make (db_path, today, error);
  if (made_path == NULL)
    return FALSE;
  if (made)
    *made = TRUE;
  return TRUE;
}

static AscendBackupInfo *
info_new (const char       *dir,
          const char       *name,
          AscendBackupKind  kind,
          gboolean          check)
{
  AscendBackupInfo *info = g_new0 (AscendBackupInfo, 1);
  GStatBuf st;

  info->name = g_strdup (name);
  info->path = g_build_filename (dir, name, NULL);
  info->kind = kind;
  info->day = kind == ASCEND_BACKUP_DAILY ? daily_day (name) : NULL;
  if (g_stat (info->path, &st) == 0)
    {
      info->size = st.st_size;
      info->modified_ms = (gint64) st.st_mtime * 1000;
    }
  if (check)
    {
      g_autoptr(GError) error = NULL;

      info->ok = ascend_database_inspect_file (info->path, &info->schema_version, &error);
      if (!info->ok)
        info->problem = g_strdup (error->message);
    }
  else
    info->ok = TRUE;
  return info;
}

static gint
compare_info_desc (gconstpointer a,
                   gconstpointer b)
{
  const AscendBackupInfo *ia = *(AscendBackupInfo **) a;
  const AscendBackupInfo *ib = *(AscendBackupInfo **) b;

  if (ia->modified_ms != ib->modified_ms)
    return ia->modified_ms < ib->modified_ms ? 1 : -1;
  return -g_strcmp0 (ia->name, ib->name);
}

GPtrArray *
ascend_backup_list (const char *db_path,
                    gboolean    check)
{
  g_autofree char *dir = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_backup_info_free);
  const AscendBackupKind kinds[] = { ASCEND_BACKUP_DAILY, ASCEND_BACKUP_BEFORE_RESTORE };

  g_return_val_if_fail (db_path != NULL, list);

  dir = ascend_backup_dir (db_path);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) names = names_of_kind (dir, kinds[k]);

      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (list, info_new (dir, g_ptr_array_index (names, i), kinds[k], check));
    }
  g_ptr_array_sort (list, compare_info_desc);
  return list;
}

gboolean
ascend_backup_restore (AscendDatabase  *db,
                       const char      *backup_path,
                       char           **safety_path,
                       GError         **error)
{
  const char *db_path;
  g_autofree char *dir = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *safety = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  /* Refuse a file we cannot use before touching anything. */
  if (!ascend_database_inspect_file (backup_path, NULL, error))
    return FALSE;

  db_path = ascend_database_get_path (db);
  dir = ascend_backup_dir (db_path);
  if (!make_dir (dir, error))
    return FALSE;
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  name = g_strconcat (SAFETY_PREFIX, stamp, SUFFIX, NULL);
  safety = g_build_filename (dir, name, NULL);
  if (!ascend_database_copy_file (db_path, safety, error))
    {
      g_prefix_error (error, _("Nothing was restored: the current data could not be saved first. "));
      return FALSE;
    }
  rotate (dir, ASCEND_BACKUP_BEFORE_RESTORE, ASCEND_BACKUP_KEEP_SAFETY);

  if (!ascend_database_restore_from (db, backup_path, error))
    return FALSE;
  if (safety_path)
    *safety_path = g_steal_pointer (&safety);
  return TRUE;
}

gboolean
ascend_profile_delete_everything (AscendDatabase  *db,
                                  gint64           user_id,
                                  GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (user_id > 0, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  stmt = ascend_database_prepare (db, "DELETE FROM users WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ascend_database_set_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_changes (ascend_database_get_handle (db)) == 0)
    {
      g_set_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                   _("There is no profile with id %" PRId64), user_id);
      goto fail;
    }
  return ascend_database_commit (db, error);

fail:
  ascend_database_rollback (db);
  return FALSE;
}

void
ascend_backup_remove_all (const char *db_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_return_if_fail (db_path != NULL);

  dir = ascend_backup_dir (db_path);
  base = g_path_get_basename (db_path);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *day = daily_day (name);

      /* Daily, before-restore and migration backups: every copy there is. */
      if (day != NULL || is_safety (name) ||
          (g_str_has_prefix (name, base) && g_str_has_suffix (name, ".bak")))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
    }
}
