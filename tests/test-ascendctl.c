/* test-ascendctl.c: the real ascendctl binary, as a script or a person runs it */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "ascend-test-util.h"
#include "ascend-table.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-business-store.h"

#define run(r, ...) ascend_test_run (r, NULL, __VA_ARGS__, NULL)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* A database with a profile, a reading, a journal entry with tags, a goal
 * with a milestone and two token transactions; closed when this returns. */
static char *
make_database (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ascend_test_new_dir (name);
  char *path = g_build_filename (dir, "anime-ascend.db", NULL);
  g_autoptr(AscendDatabase) db = ascend_database_open (path, &error);
  g_autoptr(AscendHealthReading) reading = ascend_health_reading_new ();
  g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_new ();
  g_autoptr(AscendGoal) goal = ascend_goal_new ();
  g_autoptr(AscendMilestone) milestone = ascend_milestone_new ();
  gint64 user;

  g_assert_no_error (error);
  user = ascend_test_add_user (db, "Aiko 愛子");
  reading->user_id = user;
  reading->heart_rate = 64;
  reading->hrv = 52.5;
  reading->created_at = 1700000000000;
  g_assert_cmpint (ascend_health_reading_insert (db, reading, &error), >, 0);
  entry->user_id = user;
  entry->title = g_strdup ("First day");
  g_free (entry->tags);
  entry->tags = g_strdup ("[\"start\", \"はじめ\"]");
  g_assert_cmpint (ascend_journal_entry_insert (db, entry, &error), >, 0);
  goal->user_id = user;
  goal->title = g_strdup ("Meditate daily");
  g_assert_cmpint (ascend_goal_insert (db, goal, &error), >, 0);
  milestone->goal_id = goal->id;
  milestone->title = g_strdup ("One week");
  g_assert_cmpint (ascend_milestone_insert (db, milestone, &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user, 10, "purchase", "Pack", &error), >, 0);
  g_assert_cmpint (ascend_token_ledger_record (db, user, -4, "usage", NULL, &error), >, 0);
  g_assert_no_error (error);
  return path;
}

static void
test_init (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *default_path = NULL;
  int version = ascend_database_get_latest_schema_version ();

  if (!ascend_test_have_ascendctl ())
    return;

  dir = ascend_test_new_dir ("init");
  path = g_build_filename (dir, "new", "anime-ascend.db", NULL);
  run (&r, "--database", path, "init");
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  expected = g_strdup_printf ("%s\nschema version %d\n", path, version);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Again: an existing database is opened, not replaced. */
  run (&r, "--database", path, "init");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);

  /* --database after the command name works too. */
  other = g_build_filename (dir, "other.db", NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s\nschema version %d\n", other, version);
  run (&r, "init", "--database", other);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);

  /* Without --database: the app's own file under XDG_DATA_HOME. */
  default_path = g_build_filename (ascend_test_data_home (), "anime-ascend", "anime-ascend.db", NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s\nschema version %d\n", default_path, version);
  run (&r, "init");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_export_import (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *file_line = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *bad = NULL;
  GStatBuf st;

  if (!ascend_test_have_ascendctl ())
    return;

  source = make_database ("source");
  out_dir = ascend_test_new_dir ("out");
  file = g_build_filename (out_dir, "backup", "anime-ascend-export.json", NULL);
  g_clear_pointer (&out_dir, g_free);
  out_dir = g_path_get_dirname (file);

  run (&r, "--database", source, "export", "--output", out_dir);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  file_line = g_strconcat (file, "\n", NULL);
  g_assert_cmpstr (r.out, ==, file_line);
  g_assert_true (g_file_get_contents (file, &contents, NULL, &error));
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (out_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_nonnull (strstr (contents, "\"name\" : \"Aiko 愛子\""));
  g_assert_nonnull (strstr (contents, "\"milestones\" : ["));

  /* Standard output carries the same text. */
  run (&r, "--database", source, "export", "--format", "json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, contents);

  /* Import into a new file, export again: the same bytes. */
  target = g_build_filename (out_dir, "restored.db", NULL);
  run (&r, "--database", target, "import", file);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  run (&r, "--database", target, "export");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, contents);
  run (&r, "--database", target, "check");
  g_assert_cmpint (r.status, ==, 0);

  /* A second import would duplicate every row: refused, nothing written. */
  run (&r, "--database", target, "import", file);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, "ascendctl: users row 1: A row with this id already exists in users\n");
  run (&r, "--database", target, "export");
  g_assert_cmpstr (r.out, ==, contents);

  /* A file that is not JSON: a store error, status 1. */
  bad = g_build_filename (out_dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad, "{\"users\": [", -1, NULL));
  run (&r, "--database", target, "import", bad);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "is not valid JSON"));

  /* One profile, and one that does not exist. */
  run (&r, "--database", source, "export", "--user", "1");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, contents);
  run (&r, "--database", source, "export", "--user", "999");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, "ascendctl: There is no profile with id 999\n");
}

static void
test_export_csv (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cwd = NULL;
  g_autofree char *users = NULL;
  g_autofree char *text = NULL;
  const AscendTable * const *tables;
  guint n_tables;

  if (!ascend_test_have_ascendctl ())
    return;

  source = make_database ("csv-source");
  dir = ascend_test_new_dir ("csv");
  tables = ascend_tables_all (&n_tables);

  run (&r, "--database", source, "export", "--format", "csv", "--output", dir);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (count_lines (r.out), ==, n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *name = g_strconcat (tables[i]->name, ".csv", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *line = g_strconcat (path, "\n", NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (strstr (r.out, line));
    }
  users = g_build_filename (dir, "users.csv", NULL);
  g_assert_true (g_file_get_contents (users, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "id,openId,name,email,loginMethod,role,subscriptionTier,"
                                         "stripeCustomerId,tokenBalance,createdAt,updatedAt,lastSignedIn\r\n"
                                         "1,,Aiko 愛子,,local,user,free,,11,"));

  /* Without --output: the current folder. */
  cwd = ascend_test_new_dir ("csv-cwd");
  ascend_test_run (&r, cwd, "--database", source, "export", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *name = g_strconcat (tables[i]->name, ".csv", NULL);
      g_autofree char *path = g_build_filename (cwd, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_check (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;

  if (!ascend_test_have_ascendctl ())
    return;

  path = make_database ("check");
  run (&r, "--database", path, "check");
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpstr (r.out, ==, "ok\n");
  g_assert_cmpint (r.status, ==, 0);

  /* Break the ledger behind the store's back: a transaction the balance
   * never saw. */
  {
    g_autoptr(AscendDatabase) db = ascend_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (ascend_database_exec (db,
                                         "DROP TRIGGER trg_tokenTransactions_insert;"
                                         "INSERT INTO tokenTransactions (userId, amount, type, createdAt)"
                                         " VALUES (1, 7, 'bonus', 1700000000000);",
                                         &error));
    g_assert_no_error (error);
  }
  run (&r, "--database", path, "check");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "Token ledger: user 1 has a balance of 11 but the ledger adds up to 18\n");

  /* check never creates a database. */
  missing = g_build_filename (ascend_test_data_home (), "nowhere", "none.db", NULL);
  run (&r, "--database", missing, "check");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "There is no database at"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
assert_usage_error (const char *const *args,
                    const char        *message)
{
  g_auto(AscendTestRun) r = { 0 };

  ascend_test_run_ascendctl (&r, NULL, args);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_true (g_str_has_suffix (r.err, "\n"));
  if (strstr (r.err, message) == NULL)
    g_error ("“%s” does not say “%s”", r.err, message);
}

static void
test_usage_errors (void)
{
  static const char *const bad_option[] = { "--frobnicate", "init", NULL };
  static const char *const unknown_command[] = { "frobnicate", NULL };
  static const char *const no_command[] = { NULL };
  static const char *const missing_value[] = { "--database", NULL };
  static const char *const bad_format[] = { "export", "--format", "xml", NULL };
  static const char *const bad_user[] = { "export", "--user", "aiko", NULL };
  static const char *const negative_user[] = { "export", "--user", "-2", NULL };
  static const char *const command_option[] = { "check", "--user", "1", NULL };
  static const char *const import_nothing[] = { "import", NULL };
  static const char *const import_two[] = { "import", "a.json", "b.json", NULL };
  static const char *const init_extra[] = { "init", "now", NULL };

  if (!ascend_test_have_ascendctl ())
    return;

  assert_usage_error (bad_option, "ascendctl: Unknown option --frobnicate");
  assert_usage_error (unknown_command, "ascendctl: Unknown command “frobnicate”");
  assert_usage_error (no_command, "ascendctl: No command given");
  assert_usage_error (missing_value, "--database");
  assert_usage_error (bad_format, "Unknown format “xml”");
  assert_usage_error (bad_user, "--user");
  assert_usage_error (negative_user, "--user must be a profile id");
  assert_usage_error (command_option, "Unknown option --user");
  assert_usage_error (import_nothing, "“import” needs the file to import");
  assert_usage_error (import_two, "Unexpected argument “b.json”");
  assert_usage_error (init_extra, "Unexpected argument “now”");
}

static void
test_help (void)
{
  static const char *const commands[] = { "init", "export", "import", "check" };
  g_auto(AscendTestRun) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;

  run (&r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Usage:"));
  g_assert_nonnull (strstr (r.out, "--database"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);
      g_assert_nonnull (strstr (r.out, line));
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("ascendctl [OPTION…] %s", commands[i]);

      run (&r, commands[i], "--help");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_nonnull (strstr (r.out, usage));
      g_assert_nonnull (strstr (r.out, "--database"));
    }

  run (&r, "export", "--help");
  g_assert_nonnull (strstr (r.out, "--user"));
  g_assert_nonnull (strstr (r.out, "--format"));
  g_assert_nonnull (strstr (r.out, "--output"));
  run (&r, "import", "-h");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "import FILE.json"));
}

static JsonNode *
parse_output (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_backup (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *made = NULL;
  g_autofree char *junk = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *first;

  if (!ascend_test_have_ascendctl ())
    return;

  path = make_database ("backup");
  run (&r, "--database", path, "backup", "now");
  g_assert_cmpint (r.status, ==, 0);
  made = g_strstrip (g_strdup (r.out));
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));

  run (&r, "--database", path, "backup", "list");
  g_assert_cmpint (r.status, ==, 0);
  list = parse_output (r.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  first = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_true (json_object_get_boolean_member (first, "ok"));
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "daily");
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, made);

  /* A change after the backup is gone once it is restored. */
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM goals"), ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AscendDatabase) db = ascend_database_open (path, &error);
    g_assert_true (ascend_database_exec (db, "DELETE FROM goals", &error));
    g_assert_no_error (error);
  }
  run (&r, "--database", path, "backup", "restore", made);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "Restored."));
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM goals"), ==, 1);

  /* Not a backup: one line saying so, nothing changed. */
  junk = g_build_filename (ascend_test_data_home (), "junk.db", NULL);
  g_assert_true (g_file_set_contents (junk, "hello, not a database at all................................"
                                            "................................................................", -1, NULL));
  run (&r, "--database", path, "backup", "restore", junk);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "is not an Anime Ascend database or is damaged"));
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM goals"), ==, 1);

  run (&r, "--database", path, "backup");
  g_assert_cmpint (r.status, ==, 2);
  run (&r, "--database", path, "backup", "later");
  g_assert_cmpint (r.status, ==, 2);
}

static void
test_import_loop_and_rr (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *loop = g_build_filename (TEST_DATA_DIR, "loop-export", NULL);
  g_autofree char *rr = g_build_filename (TEST_DATA_DIR, "rr-polar.txt", NULL);
  g_autoptr(JsonNode) preview = NULL;
  g_autoptr(JsonNode) rr_preview = NULL;

  if (!ascend_test_have_ascendctl ())
    return;

  path = make_database ("imports");
  /* Without --yes: the preview only. */
  run (&r, "--database", path, "import-loop", loop);
  g_assert_cmpint (r.status, ==, 0);
  preview = parse_output (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (preview), "checkins"), ==, 11);
  g_assert_nonnull (strstr (r.err, "add --yes"));
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM habits"), ==, 0);

  run (&r, "--database", path, "import-loop", loop, "--yes");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "Added 4 habits and 11 check-ins\n");
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM habitLogs"), ==, 11);

  run (&r, "--database", path, "import-rr", rr, "--start", "2026-11-20T07:00:00+09:00");
  g_assert_cmpint (r.status, ==, 0);
  rr_preview = parse_output (r.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (rr_preview), "readings"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (rr_preview), "start"), ==,
                   "2026-11-19T22:00:00Z");
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM healthReadings"), ==, 1);
  run (&r, "--database", path, "import-rr", rr, "--start", "2026-11-20T07:00:00+09:00", "--yes");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM healthReadings"), ==, 7);
  g_assert_cmpint (ascend_test_count_rows (path, "SELECT count(*) FROM rrBlocks"), ==, 6);

  run (&r, "--database", path, "import-rr", rr, "--start", "yesterday");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "is not a time written ISO 8601"));
  run (&r, "--database", path, "import-loop", rr);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/ascendctl/init", test_init);
  g_test_add_func ("/ascendctl/export-import", test_export_import);
  g_test_add_func ("/ascendctl/export-csv", test_export_csv);
  g_test_add_func ("/ascendctl/check", test_check);
  g_test_add_func ("/ascendctl/usage-errors", test_usage_errors);
  g_test_add_func ("/ascendctl/help", test_help);
  g_test_add_func ("/ascendctl/backup", test_backup);
  g_test_add_func ("/ascendctl/import-loop-and-rr", test_import_loop_and_rr);
  return g_test_run ();
}
