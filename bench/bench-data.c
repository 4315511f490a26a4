/* bench-data.c: exporting, importing and backing up a year of readings
 *
 * A profile with one minute reading a day long for a year (525,600 rows by
 * default, --rows N to change) is exported three ways and read back:
 *
 *   export_tree_ms / export_tree_peak_kb      ascend_export_json + generator
 *                                             (the baseline: the tree in memory)
 *   export_stream_ms / export_stream_peak_kb  ascend_export_json_to_file
 *                                             (what the app's Export uses)
 *   import_ms                                 ascend_import_file of that export
 *   backup_ms                                 a daily backup (online backup API)
 *   backup_check_ms                           listing it with its quick check
 *
 * Peak memory is the growth of the process's high-water mark (VmHWM) during
 * each step, so the stream runs first. stdout carries only JSON lines.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "ascend-backup.h"
#include "ascend-export.h"
#include "ascend-health-store.h"
#include "ascend-user-store.h"

static gint64
peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + 6, NULL, 10) : 0;
}

static void
figure (const char *name,
        double      value,
        const char *unit)
{
  g_print ("{\"bench\":\"data\",\"figure\":\"%s\",\"value\":%.1f,\"unit\":\"%s\"}\n", name, value, unit);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-data-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "anime-ascend.db", NULL);
  g_autofree char *target_path = g_build_filename (dir, "target.db", NULL);
  g_autofree char *export_path = g_build_filename (dir, "export.json", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendDatabase) target = NULL;
  g_autoptr(AscendUser) user = ascend_user_new ();
  g_autoptr(GPtrArray) list = NULL;
  gint64 rows = 525600, t0, before;

  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--rows"))
      rows = g_ascii_strtoll (argv[i + 1], NULL, 10);
  if (g_getenv ("ASCEND_BENCH_ROWS"))
    rows = g_ascii_strtoll (g_getenv ("ASCEND_BENCH_ROWS"), NULL, 10);

  db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  user->name = g_strdup ("Bench");
  g_assert_cmpint (ascend_user_insert (db, user, &error), >, 0);

  g_printerr ("writing %" G_GINT64_FORMAT " readings…\n", rows);
  g_assert_true (ascend_database_begin (db, &error));
  for (gint64 i = 0; i < rows; i++)
    {
      g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();

      r->user_id = user->id;
      r->heart_rate = 60 + i % 40;
      r->hrv = 20 + (i % 600) / 10.0;
      r->stress_level = 1 + i % 10;
      g_free (r->reading_type);
      r->reading_type = g_strdup ("automatic");
      r->created_at = G_GINT64_CONSTANT (1735689600000) + i * 60000;
      g_assert_cmpint (ascend_health_reading_insert (db, r, &error), >, 0);
    }
  g_assert_true (ascend_database_commit (db, &error));

  before = peak_kb ();
  t0 = g_get_monotonic_time ();
  g_assert_true (ascend_export_json_to_file (db, 0, export_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  figure ("export_stream_ms", (g_get_monotonic_time () - t0) / 1000.0, "ms");
  figure ("export_stream_peak_kb", peak_kb () - before, "KB");

  before = peak_kb ();
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(JsonNode) root = ascend_export_json (db, 0, &error);
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    json_generator_set_pretty (generator, TRUE);
    json_generator_set_root (generator, root);
    text = json_generator_to_data (generator, NULL);
    g_assert_nonnull (text);
  }
  figure ("export_tree_ms", (g_get_monotonic_time () - t0) / 1000.0, "ms");
  figure ("export_tree_peak_kb", peak_kb () - before, "KB");

  target = ascend_database_open (target_path, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  g_assert_true (ascend_import_file (target, export_path, &error));
  g_assert_no_error (error);
  figure ("import_ms", (g_get_monotonic_time () - t0) / 1000.0, "ms");

  t0 = g_get_monotonic_time ();
  backup = ascend_backup_make (path, "2026-01-01", &error);
  g_assert_no_error (error);
  figure ("backup_ms", (g_get_monotonic_time () - t0) / 1000.0, "ms");
  t0 = g_get_monotonic_time ();
  list = ascend_backup_list (path, TRUE);
  g_assert_true (list->len == 1 && ((AscendBackupInfo *) list->pdata[0])->ok);
  figure ("backup_check_ms", (g_get_monotonic_time () - t0) / 1000.0, "ms");

  g_clear_object (&db);
  g_clear_object (&target);
  {
    g_autofree char *backups = ascend_backup_dir (path);
    g_unlink (backup);
    g_rmdir (backups);
    g_unlink (export_path);
    g_unlink (path);
    g_unlink (target_path);
    for (const char *const *s = (const char *const[]) { "-wal", "-shm", NULL }; *s; s++)
      {
        g_autofree char *a = g_strconcat (path, *s, NULL);
        g_autofree char *b = g_strconcat (target_path, *s, NULL);
        g_unlink (a);
        g_unlink (b);
      }
    g_rmdir (dir);
  }
  return 0;
}
