/* test-import.c: Loop Habit Tracker CSV and RR-interval files, previewed then written */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-loop-import.h"
#include "ascend-rr-import.h"
#include "ascend-habit-store.h"
#include "ascend-health-store.h"
#include "ascend-rhythm.h"
#include "ascend-wellness-store.h"

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

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

static AscendLoopHabit *
habit_named (AscendLoopImport *import,
             const char       *name)
{
  for (guint i = 0; i < import->habits->len; i++)
    {
      AscendLoopHabit *h = g_ptr_array_index (import->habits, i);
      if (g_str_equal (h->name, name))
        return h;
    }
  g_error ("no habit %s", name);
  return NULL;
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *pattern)
{
  for (guint i = 0; i < warnings->len; i++)
    if (g_pattern_match_simple (pattern, g_ptr_array_index (warnings, i)))
      return TRUE;
  return FALSE;
}

static void
test_loop_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture ("loop-export");
  g_autofree char *habits_file = g_build_filename (dir, "Habits.csv", NULL);
  g_autoptr(AscendLoopImport) import = ascend_loop_import_load (dir, &error);
  g_autoptr(AscendLoopImport) same = NULL;
  g_autoptr(JsonNode) preview = NULL;
  JsonObject *o;
  AscendLoopHabit *h;

  g_assert_no_error (error);
  g_assert_nonnull (import);
  g_assert_cmpuint (import->habits->len, ==, 4);
  g_assert_cmpuint (import->n_checkins, ==, 11);
  g_assert_cmpint (import->first_day, ==, ascend_day_from_ymd (2026, 11, 1));
  g_assert_cmpint (import->last_day, ==, ascend_day_from_ymd (2026, 11, 5));

  h = habit_named (import, "Meditate");
  g_assert_cmpint (h->frequency, ==, ASCEND_HABIT_DAILY);
  g_assert_cmpuint (h->done_days->len, ==, 4);
  /* YES_AUTO (1) is Loop filling in a day the habit was not due: no check-in. */
  h = habit_named (import, "Gym");
  g_assert_cmpint (h->frequency, ==, ASCEND_HABIT_WEEKLY);
  g_assert_cmpuint (h->done_days->len, ==, 2);
  h = habit_named (import, "Read \"slowly\"");
  g_assert_cmpint (h->frequency, ==, ASCEND_HABIT_WEEKLY);
  g_assert_true (h->archived);
  g_assert_cmpuint (h->n_skipped, ==, 1);
  g_assert_cmpuint (h->done_days->len, ==, 2);
  h = habit_named (import, "Water");
  g_assert_true (h->numerical);
  g_assert_cmpuint (h->done_days->len, ==, 3);

  g_assert_true (has_warning (import->warnings, "“Gym” is 3 times every 7 days in Loop; it becomes a weekly habit here"));
  g_assert_true (has_warning (import->warnings, "“Read \"slowly\"” has 1 skipped day in Loop*"));

  preview = ascend_loop_import_preview (import, 3);
  o = json_node_get_object (preview);
  g_assert_cmpint (json_object_get_int_member (o, "checkins"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2026-11-01");
  g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "2026-11-05");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "firstRows")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "habits")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==,
                    import->warnings->len);

  /* The folder, its Habits.csv or its Checkmarks.csv: the same import. */
  same = ascend_loop_import_load (habits_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (same->n_checkins, ==, 11);
}

static void
test_loop_old_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture ("loop-export-v1");
  g_autoptr(AscendLoopImport) import = ascend_loop_import_load (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (import->habits->len, ==, 2);
  g_assert_cmpint (habit_named (import, "Stretch")->frequency, ==, ASCEND_HABIT_DAILY);
  g_assert_cmpuint (habit_named (import, "Stretch")->done_days->len, ==, 2);
  g_assert_cmpint (habit_named (import, "Call mum")->frequency, ==, ASCEND_HABIT_MONTHLY);
  g_assert_cmpuint (habit_named (import, "Call mum")->done_days->len, ==, 1);
  g_assert_cmpuint (import->warnings->len, ==, 0);
}

static void
test_loop_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture ("loop-export");
  g_autoptr(AscendLoopImport) import = ascend_loop_import_load (dir, &error);
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GPtrArray) habits = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  g_autoptr(GHashTable) archived = NULL;
  gint64 user = ascend_test_add_user (db, "Aiko");
  guint n_habits = 0, n_logs = 0;
  gint64 meditate = 0, read = 0;

  g_assert_nonnull (tz);
  g_assert_true (ascend_loop_import_write (import, db, user, tz, &n_habits, &n_logs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_habits, ==, 4);
  g_assert_cmpuint (n_logs, ==, 11);

  habits = ascend_habit_list (db, user, 0, 0, &error);
  g_assert_cmpuint (habits->len, ==, 4);
  for (guint i = 0; i < habits->len; i++)
    {
      AscendHabit *h = g_ptr_array_index (habits, i);
      if (g_str_equal (h->name, "Meditate"))
        {
          meditate = h->id;
          g_assert_cmpstr (h->frequency, ==, "daily");
        }
      if (g_str_equal (h->name, "Gym"))
        g_assert_cmpstr (h->frequency, ==, "weekly");
      if (g_str_equal (h->name, "Read \"slowly\""))
        read = h->id;
    }
  g_assert_cmpint (meditate, >, 0);

  /* Each check-in counts for its Loop day, fixed, at noon there. */
  logs = ascend_habit_store_list_logs (db, user, meditate, &error);
  g_assert_cmpuint (logs->len, ==, 4);
  g_assert_cmpstr (((AscendHabitLogDay *) g_ptr_array_index (logs, 0))->day, ==, "2026-11-01");
  g_assert_cmpint (((AscendHabitLogDay *) g_ptr_array_index (logs, 0))->completed_at, ==,
                   ascend_habit_day_noon (ascend_day_from_ymd (2026, 11, 1), tz));
  archived = ascend_habit_store_list_archived (db, user, &error);
  g_assert_true (g_hash_table_contains (archived, &read));

  /* Importing the same export again adds nothing twice. */
  g_assert_true (ascend_loop_import_write (import, db, user, tz, &n_habits, &n_logs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_habits, ==, 0);
  g_assert_cmpuint (n_logs, ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habitLogs"), ==, 11);
}

static void
test_loop_write_all_or_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture ("loop-export");
  g_autoptr(AscendLoopImport) import = ascend_loop_import_load (dir, &error);
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  ascend_test_add_user (db, "Aiko");
  /* The store fails on the logs of the last habit, after the others are
   * written: none of them may stay. */
  g_assert_true (ascend_database_exec (db,
                                       "CREATE TEMP TRIGGER fail_water BEFORE INSERT ON habitLogs "
                                       "WHEN (SELECT name FROM habits WHERE id = NEW.habitId) = 'Water' "
                                       "BEGIN SELECT RAISE (ABORT, 'the disk is full'); END", &error));
  g_assert_no_error (error);
  g_assert_false (ascend_loop_import_write (import, db, 1, tz, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habits"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM habitLogs"), ==, 0);
}

static void
assert_loop_fails (const char *habits,
                   gssize      habits_length,
                   const char *checks,
                   gssize      checks_length,
                   const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendLoopImport) import = NULL;

  import = ascend_loop_import_parse (habits, habits_length < 0 ? strlen (habits) : (gsize) habits_length,
                                     checks, checks_length < 0 ? strlen (checks) : (gsize) checks_length,
                                     &error);
  g_assert_null (import);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("message “%s” does not match “%s”", error->message, pattern);
}

#define HABITS_OK "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color\n" \
                  "001,Walk,YES_NO,,,1,1,#000000\n002,Yoga,YES_NO,,,1,1,#000000\n"
#define CHECKS_OK "Date,Walk,Yoga,\n2026-01-02,2,0,\n"

static void
test_loop_malformed (void)
{
  g_autofree char *huge = NULL;
  g_autofree char *huge_checks = NULL;
  guint8 junk[512];
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendLoopImport) ok = NULL;
  g_autofree char *missing = fixture ("no-such-export");

  ok = ascend_loop_import_parse (HABITS_OK, strlen (HABITS_OK), CHECKS_OK, strlen (CHECKS_OK), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ok->n_checkins, ==, 1);

  assert_loop_fails ("", 0, CHECKS_OK, -1, "Habits.csv is empty");
  assert_loop_fails (HABITS_OK, -1, "", 0, "Checkmarks.csv is empty");
  assert_loop_fails ("Position,Title,Colour\n001,Walk,#fff\n", -1, CHECKS_OK, -1,
                     "Habits.csv line 1 is not the header of a Loop Habit Tracker export*missing: Name");
  assert_loop_fails ("Position,Name,Color\n001,Walk,#fff\n", -1, CHECKS_OK, -1,
                     "*missing: FrequencyNumerator");
  assert_loop_fails ("Position,Name,NumRepetitions,Interval\n001,Walk,once,1\n", -1, CHECKS_OK, -1,
                     "Habits.csv line 2: the frequency of “Walk” must be two whole numbers*“once”*");
  assert_loop_fails ("Position,Name,NumRepetitions,Interval\n", -1, CHECKS_OK, -1,
                     "Habits.csv lists no habits");
  assert_loop_fails (HABITS_OK, -1, "Date,Walk,Yoga,\n2026-01-02,2,0,\n2026-13-01,2,0,\n", -1,
                     "Checkmarks.csv line 3: “2026-13-01” is not a date written YYYY-MM-DD");
  assert_loop_fails (HABITS_OK, -1, "Date,Walk,Yoga,\n02/01/2026,2,0,\n", -1,
                     "Checkmarks.csv line 2: “02/01/2026” is not a date*");
  assert_loop_fails (HABITS_OK, -1, "Date,Walk,Yoga,\n2026-01-02,done,0,\n", -1,
                     "Checkmarks.csv line 2: “done” is not a check-in value of “Walk”*");
  assert_loop_fails (HABITS_OK, -1, "Day,Walk,Yoga,\n2026-01-02,2,0,\n", -1,
                     "Checkmarks.csv line 1 must start with a Date column");
  assert_loop_fails (HABITS_OK, -1, "Date,Walk,Yoga,Run,\n", -1,
                     "Checkmarks.csv has 3 habit columns but Habits.csv lists 2 habits*");
  assert_loop_fails (HABITS_OK, -1, "Date,Walk,Yoga,\n2026-01-02,2,0,2,2\n", -1,
                     "Checkmarks.csv line 2 has more columns than the header");
  assert_loop_fails (HABITS_OK, -1, "Date,Walk,Yoga,\n\"2026-01-02,2,0,\n", -1,
                     "Checkmarks.csv line 2: a quoted field is not closed");

  huge = g_strnfill (100000, 'x');
  huge_checks = g_strconcat ("Date,Walk,Yoga,\n2026-01-02,", huge, ",0,\n", NULL);
  assert_loop_fails (HABITS_OK, -1, huge_checks, -1, "Checkmarks.csv line 2 is too long*");

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) (i * 37 + 11);
  assert_loop_fails ((const char *) junk, sizeof junk, CHECKS_OK, -1, "Habits.csv is not a text CSV file");
  assert_loop_fails ("PK\003\004rest", 8, CHECKS_OK, -1, "Habits.csv is a zip archive: unzip it first");

  g_clear_error (&error);
  g_assert_null (ascend_loop_import_load (missing, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
}

static AscendRrFile *
load_rr (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture (name);
  gint64 mtime = 0;
  AscendRrFile *file = ascend_rr_file_load (path, &mtime, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mtime, >, 0);
  return file;
}

#define START G_GINT64_CONSTANT (1795680000000) /* 2026-11-26T08:00:00Z */

static void
test_rr_preview_then_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendRrFile) file = load_rr ("rr-polar.txt");
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  g_autoptr(GPtrArray) readings = NULL;
  g_autoptr(JsonNode) preview = NULL;
  AscendRrImportResult dry = { 0 }, wet = { 0 };
  gint64 user = ascend_test_add_user (db, "Aiko");
  JsonObject *o;

  g_assert_true (file->had_header);
  g_assert_cmpuint (file->rr_ms->len, ==, 451);
  g_assert_cmpuint (file->n_filtered, ==, 1);
  g_assert_cmpuint (file->n_kept, ==, 450);
  g_assert_true (has_warning (file->warnings, "1 interval outside 200-3000 ms is left out*"));

  /* The preview writes nothing. */
  g_assert_true (ascend_rr_import_run (db, user, file, START, FALSE, 3, &dry, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dry.n_readings, >=, 5);
  g_assert_cmpuint (dry.first->len, ==, 3);
  g_assert_cmpint (count (db, "SELECT count(*) FROM healthReadings"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks"), ==, 0);
  preview = ascend_rr_import_preview (file, START, &dry);
  o = json_node_get_object (preview);
  g_assert_cmpint (json_object_get_int_member (o, "readings"), ==, dry.n_readings);
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-11-26T08:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "firstRows")), ==, 3);

  /* Then the same, written: minute readings with their beats. */
  g_assert_true (ascend_rr_import_run (db, user, file, START, TRUE, 3, &wet, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wet.n_readings, ==, dry.n_readings);
  g_assert_cmpint (count (db, "SELECT count(*) FROM healthReadings"), ==, wet.n_readings);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks"), ==, wet.n_readings);
  g_assert_cmpint (count (db, "SELECT min(createdAt) FROM healthReadings"), ==, START);

  readings = ascend_health_reading_list (db, user, 0, 0, &error);
  for (guint i = 0; i < readings->len; i++)
    {
      AscendHealthReading *r = g_ptr_array_index (readings, i);

      /* Beats of 790 and 810 ms: 75 bpm, successive differences of 20 ms. */
      g_assert_cmpint (r->heart_rate, >=, 74);
      g_assert_cmpint (r->heart_rate, <=, 76);
      g_assert_cmpstr (r->reading_type, ==, "automatic");
      g_assert_false (r->arrhythmia_detected);
      if (!isnan (r->hrv))
        g_assert_cmpfloat_with_epsilon (r->hrv, 20.0, 3.0);
    }

  /* A second preview of the same span says it overlaps. */
  ascend_rr_import_result_clear (&dry);
  g_assert_true (ascend_rr_import_run (db, user, file, START, FALSE, 3, &dry, &error));
  g_assert_cmpuint (dry.n_existing, ==, wet.n_readings);
  ascend_rr_import_result_clear (&dry);
  ascend_rr_import_result_clear (&wet);
}

static void
test_rr_all_or_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendRrFile) file = load_rr ("rr-polar.txt");
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  AscendRrImportResult result = { 0 };

  /* No such profile: the first reading fails, so none is kept. */
  g_assert_false (ascend_rr_import_run (db, 42, file, START, TRUE, 3, &result, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was imported"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM healthReadings"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks"), ==, 0);
  ascend_rr_import_result_clear (&result);
}

/* Beats of a real recording (MIT-BIH AF database, shared/data), written
 * one interval per line as an Elite HRV export is: the minutes of atrial
 * fibrillation come out irregular and the sinus ones do not. */
static guint
import_segment (AscendDatabase   *db,
                gint64            user,
                AscendAfdbRecord *record,
                char              label,
                gint64            start_ms,
                guint            *n_irregular)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("RR\n");
  g_autoptr(AscendRrFile) file = NULL;
  AscendRrImportResult result = { 0 };
  gsize first = 0;
  guint n = 0, readings;

  while (first < record->n && record->label[first] != label)
    first++;
  for (gsize i = first; i < record->n && n < 600 && record->label[i] == label; i++, n++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (text, "%s\n", g_ascii_formatd (buf, sizeof buf, "%.1f", record->rr_ms[i]));
    }
  g_assert_cmpuint (n, >=, 300);
  file = ascend_rr_file_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_rr_import_run (db, user, file, start_ms, TRUE, 100, &result, &error));
  g_assert_no_error (error);
  *n_irregular = 0;
  for (guint i = 0; i < result.first->len; i++)
    if (g_array_index (result.first, AscendRrMinute, i).arrhythmia)
      (*n_irregular)++;
  readings = result.n_readings;
  ascend_rr_import_result_clear (&result);
  return readings;
}

static void
test_rr_shared_recording (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qrs_path = ascend_test_shared_data ("afdb-rr/qrs00735.txt");
  g_autofree char *atr_path = ascend_test_shared_data ("afdb-rr/atr00735.txt");
  g_autofree char *qrs = NULL;
  g_autofree char *atr = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  AscendAfdbRecord record = { 0 };
  guint sinus, af, sinus_irregular, af_irregular;
  gint64 user;

  if (qrs_path == NULL || atr_path == NULL)
    {
      g_test_skip ("shared/data/afdb-rr is not there");
      return;
    }
  g_assert_true (g_file_get_contents (qrs_path, &qrs, NULL, &error));
  g_assert_true (g_file_get_contents (atr_path, &atr, NULL, &error));
  g_assert_true (ascend_afdb_parse (qrs, atr, &record, &error));
  g_assert_no_error (error);

  db = ascend_test_open_fresh_db (NULL);
  user = ascend_test_add_user (db, "Aiko");
  sinus = import_segment (db, user, &record, 'N', START, &sinus_irregular);
  af = import_segment (db, user, &record, 'A', START + 86400000, &af_irregular);
  g_assert_cmpuint (sinus, >=, 4);
  g_assert_cmpuint (af, >=, 4);
  g_assert_cmpuint (sinus_irregular * 4, <=, sinus);
  g_assert_cmpuint (af_irregular * 2, >=, af);
  ascend_afdb_clear (&record);
}

static void
assert_rr_fails (const char *text,
                 gssize      length,
                 const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendRrFile) file = ascend_rr_file_parse (text, length < 0 ? strlen (text) : (gsize) length, &error);

  g_assert_null (file);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("message “%s” does not match “%s”", error->message, pattern);
}

static void
test_rr_malformed (void)
{
  g_autofree char *huge = g_strnfill (5000, '8');
  guint8 junk[256];

  assert_rr_fails ("", 0, "The file is empty*");
  assert_rr_fails ("RR\n\n\n", -1, "The file holds no RR intervals");
  assert_rr_fails ("800\n810\nabc\n", -1, "Line 3 is not an RR interval in milliseconds: “abc”");
  assert_rr_fails ("800\nRR\n", -1, "Line 2 is not an RR interval*");
  assert_rr_fails ("800\n810 ms\n", -1, "Line 2 is not an RR interval*");
  assert_rr_fails ("800\n-5\n", -1, "Line 2: -5 ms cannot be the time between two heartbeats");
  assert_rr_fails ("50\n100000\n", -1, "Line 2: 100000 ms cannot be*");
  assert_rr_fails ("50\n120\n4000\n", -1, "The file holds no plausible RR intervals (200 to 3000 ms)");
  assert_rr_fails (huge, -1, "Line 1 is too long to hold one RR interval");
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) (255 - i);
  assert_rr_fails ((const char *) junk, sizeof junk, "This is not a text file of RR intervals*");

  /* What is fine: CRLF, blank lines, decimals, a header. */
  {
    g_autoptr(GError) error = NULL;
    const char *text = "Elite HRV RR\r\n\r\n812.5\r\n 790 \r\n";
    g_autoptr(AscendRrFile) file = ascend_rr_file_parse (text, strlen (text), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (file->n_kept, ==, 2);
    g_assert_cmpfloat (g_array_index (file->rr_ms, double, 0), ==, 812.5);
    g_assert_true (has_warning (file->warnings, "The recording is shorter than a minute*"));
  }
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/import/loop/preview", test_loop_preview);
  g_test_add_func ("/import/loop/old-format", test_loop_old_format);
  g_test_add_func ("/import/loop/write", test_loop_write);
  g_test_add_func ("/import/loop/all-or-nothing", test_loop_write_all_or_nothing);
  g_test_add_func ("/import/loop/malformed", test_loop_malformed);
  g_test_add_func ("/import/rr/preview-then-write", test_rr_preview_then_write);
  g_test_add_func ("/import/rr/all-or-nothing", test_rr_all_or_nothing);
  g_test_add_func ("/import/rr/shared-recording", test_rr_shared_recording);
  g_test_add_func ("/import/rr/malformed", test_rr_malformed);
  return g_test_run ();
}
