/* ascendctl-data.c: backups and imports from other apps
 *
 *   ascendctl backup list | now | restore FILE
 *   ascendctl import-loop DIR|FILE [--user ID] [--yes]
 *   ascendctl import-rr FILE [--start ISO8601] [--user ID] [--yes]
 *
 * The imports print their preview as JSON on standard output and write
 * only with --yes (then they print what they added on standard error).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-backup.h"
#include "ascend-loop-import.h"
#include "ascend-rr-import.h"
#include "ascend-user-store.h"
#include "ascendctl-private.h"

#define PREVIEW_ROWS 10

static gint64   opt_data_user;
static gboolean opt_yes;
static char    *opt_start;

const GOptionEntry ascendctl_import_loop_entries[] = {
  { "user", 'u', 0, G_OPTION_ARG_INT64, &opt_data_user,
    N_("The profile to import into (default: the first)"), N_("ID") },
  { "yes", 'y', 0, G_OPTION_ARG_NONE, &opt_yes,
    N_("Write after the preview (without it nothing is written)"), NULL },
  G_OPTION_ENTRY_NULL
};

const GOptionEntry ascendctl_import_rr_entries[] = {
  { "start", 's', 0, G_OPTION_ARG_STRING, &opt_start,
    N_("When the recording started, ISO 8601 (default: the file’s modification time)"), N_("TIME") },
  { "user", 'u', 0, G_OPTION_ARG_INT64, &opt_data_user,
    N_("The profile to import into (default: the first)"), N_("ID") },
  { "yes", 'y', 0, G_OPTION_ARG_NONE, &opt_yes,
    N_("Write after the preview (without it nothing is written)"), NULL },
  G_OPTION_ENTRY_NULL
};

static gint64
profile_id (AscendDatabase  *db,
            GError         **error)
{
  g_autoptr(AscendUser) user = ascendctl_get_profile (db, opt_data_user, error);

  return user != NULL ? user->id : 0;
}

static JsonNode *
backup_to_json (AscendBackupInfo *info)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) modified = g_date_time_new_from_unix_utc (info->modified_ms / 1000);
  g_autofree char *when = modified ? g_date_time_format_iso8601 (modified) : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, info->name);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, info->path);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, info->kind == ASCEND_BACKUP_DAILY ? "daily" : "before-restore");
  json_builder_set_member_name (b, "day");
  if (info->day)
    json_builder_add_string_value (b, info->day);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "modified");
  json_builder_add_string_value (b, when ? when : "");
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, info->size);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, info->ok);
  json_builder_set_member_name (b, "schemaVersion");
  json_builder_add_int_value (b, info->schema_version);
  json_builder_set_member_name (b, "problem");
  if (info->problem)
    json_builder_add_string_value (b, info->problem);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
ascendctl_run_backup (int    argc,
                      char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *what = argc > 1 ? argv[1] : NULL;

  if (what == NULL)
    return ascendctl_usage_error (_("“backup” needs list, now or restore FILE"));
  if (g_str_equal (what, "restore") ? argc < 3 : FALSE)
    return ascendctl_usage_error (_("“backup restore” needs the backup file"));
  if (ascendctl_unexpected_argument (argc, argv, g_str_equal (what, "restore") ? 2 : 1) != EXIT_OK)
    return EXIT_USAGE;
  if (!g_str_equal (what, "list") && !g_str_equal (what, "now") && !g_str_equal (what, "restore"))
    return ascendctl_usage_error (_("Unknown backup action “%s”: list, now or restore FILE"), what);

  db = ascendctl_open_database (TRUE, &error);
  if (db == NULL)
    return ascendctl_store_error (error);

  if (g_str_equal (what, "list"))
    {
      g_autoptr(GPtrArray) list = ascend_backup_list (ascend_database_get_path (db), TRUE);
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, backup_to_json (g_ptr_array_index (list, i)));
      json_node_set_array (root, array);
      ascendctl_print_json (root, TRUE);
      return EXIT_OK;
    }
  if (g_str_equal (what, "now"))
    {
      g_autofree char *path = ascend_backup_make (ascend_database_get_path (db), NULL, &error);

      if (path == NULL)
        return ascendctl_store_error (error);
      g_print ("%s\n", path);
      return EXIT_OK;
    }

  {
    g_autofree char *safety = NULL;

    if (!ascend_backup_restore (db, argv[2], &safety, &error))
      return ascendctl_store_error (error);
    /* Translators: the path of the copy made before restoring */
    g_printerr (_("Restored. What was there before is kept in %s\n"), safety);
    return EXIT_OK;
  }
}

int
ascendctl_run_import_loop (int    argc,
                           char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendLoopImport) import = NULL;
  g_autoptr(JsonNode) preview = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  guint habits = 0, logs = 0;
  gint64 user;

  if (argc < 2)
    return ascendctl_usage_error (_("“import-loop” needs the unzipped Loop export folder or its Habits.csv"));
  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;

  import = ascend_loop_import_load (argv[1], &error);
  if (import == NULL)
    return ascendctl_store_error (error);
  preview = ascend_loop_import_preview (import, PREVIEW_ROWS);
  ascendctl_print_json (preview, TRUE);
  if (!opt_yes)
    {
      g_printerr ("%s\n", _("Nothing was written: add --yes to import"));
      return EXIT_OK;
    }

  db = ascendctl_open_database (TRUE, &error);
  if (db == NULL || (user = profile_id (db, &error)) == 0)
    return ascendctl_store_error (error);
  if (!ascend_loop_import_write (import, db, user, tz, &habits, &logs, &error))
    return ascendctl_store_error (error);
  /* Translators: counts of habits and check-ins added */
  g_printerr (_("Added %u habits and %u check-ins\n"), habits, logs);
  return EXIT_OK;
}

int
ascendctl_run_import_rr (int    argc,
                         char **argv)
{
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendRrFile) file = NULL;
  g_autoptr(JsonNode) preview = NULL;
  AscendRrImportResult result = { 0 };
  gint64 modified = 0, start = 0, user;
  gboolean ok;

  if (argc < 2)
    return ascendctl_usage_error (_("“import-rr” needs the RR-interval file"));
  if (ascendctl_unexpected_argument (argc, argv, 1) != EXIT_OK)
    return EXIT_USAGE;

  if (opt_start != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (opt_start, local);

      if (dt == NULL)
        return ascendctl_usage_error (_("“%s” is not a time written ISO 8601, e.g. 2026-11-24T07:30:00+09:00"),
                                      opt_start);
      start = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
    }

  file = ascend_rr_file_load (argv[1], &modified, &error);
  if (file == NULL)
    return ascendctl_store_error (error);
  if (opt_start == NULL)
    /* The file is saved when the recording ends. */
    start = modified - (gint64) file->duration_ms;

  db = ascendctl_open_database (TRUE, &error);
  if (db == NULL || (user = profile_id (db, &error)) == 0)
    return ascendctl_store_error (error);

  ok = ascend_rr_import_run (db, user, file, start, opt_yes, PREVIEW_ROWS, &result, &error);
  if (!ok)
    {
      ascend_rr_import_result_clear (&result);
      return ascendctl_store_error (error);
    }
  preview = ascend_rr_import_preview (file, start, &result);
  ascendctl_print_json (preview, TRUE);
  if (opt_yes)
    /* Translators: a count of minute readings */
    g_printerr (_("Added %u readings\n"), result.n_readings);
  else
    g_printerr ("%s\n", _("Nothing was written: add --yes to import"));
  ascend_rr_import_result_clear (&result);
  return EXIT_OK;
}
