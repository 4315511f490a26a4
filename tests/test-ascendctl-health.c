/* test-ascendctl-health.c: the real ascendctl's health commands, as a script
 * or a person runs them: parse-hrm, analyze-rr, analyze-fall and monitor
 *
 * Every run has a time limit, so a command that never ends (a replay that
 * does not notice its end, say) fails the test instead of hanging it.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "ascend-test-util.h"

#define run(r, ...) ascend_test_run (r, NULL, __VA_ARGS__, NULL)

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static GStrv
lines_of (const char *text)
{
  g_auto(GStrv) all = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; all[i] != NULL; i++)
    if (all[i][0] != '\0')
      g_strv_builder_add (b, all[i]);
  return g_strv_builder_end (b);
}

/* The first number after key in text, or NAN. */
static double
number_after (const char *text,
              const char *key)
{
  const char *p = strstr (text, key);

  if (p == NULL)
    return NAN;
  return g_ascii_strtod (p + strlen (key), NULL);
}

/* ---------------------------------------------------------------- parse-hrm */

static void
test_parse_hrm_vectors (void)
{
  static const struct {
    const char *hex;
    const char *json;
  } vectors[] = {
    /* DESIGN.md section 6: HR 72, contact detected, RR 340 and 748 /1024 s */
    { "16 48 54 01 EC 02", "{\"heartRate\":72,\"contact\":\"detected\",\"energyExpended\":null,\"rr\":[340,748]}" },
    { "02 3C", "{\"heartRate\":60,\"contact\":\"unsupported\",\"energyExpended\":null,\"rr\":[]}" },
    /* 16-bit heart rate, little-endian 0x0101 */
    { "01 01 01", "{\"heartRate\":257,\"contact\":\"unsupported\",\"energyExpended\":null,\"rr\":[]}" },
    /* RR flag with one whole interval: well formed (0x0154 = 340) */
    { "10 48 54 01", "{\"heartRate\":72,\"contact\":\"unsupported\",\"energyExpended\":null,\"rr\":[340]}" },
    /* contact supported, not detected; energy expended 0x0200 = 512 kJ */
    { "0C 50 00 02", "{\"heartRate\":80,\"contact\":\"not-detected\",\"energyExpended\":512,\"rr\":[]}" },
    /* separators a person might paste */
    { "16:48:54:01:ec:02", "{\"heartRate\":72,\"contact\":\"detected\",\"energyExpended\":null,\"rr\":[340,748]}" },
    { "164854-01EC02", "{\"heartRate\":72,\"contact\":\"detected\",\"energyExpended\":null,\"rr\":[340,748]}" },
  };
  g_auto(AscendTestRun) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *expected = g_strconcat (vectors[i].json, "\n", NULL);
      g_test_message ("parse-hrm %s", vectors[i].hex);
      run (&r, "parse-hrm", vectors[i].hex);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, expected);
      g_assert_cmpstr (r.err, ==, "");
    }

  /* The bytes as separate arguments, as a shell splits them. */
  run (&r, "parse-hrm", "16", "48", "54", "01", "EC", "02");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "{\"heartRate\":72,\"contact\":\"detected\",\"energyExpended\":null,\"rr\":[340,748]}\n");
}

static void
test_parse_hrm_malformed (void)
{
  static const struct {
    const char *hex;
    const char *says;
  } packets[] = {
    { "", "empty" },
    { "11", "no heart rate" },                  /* flags only */
    { "01 48", "16-bit heart rate" },           /* uint16 heart rate cut short */
    { "08 48 01", "energy expended" },          /* energy cut short */
    { "10 48 54", "odd number of bytes" },      /* half an RR interval */
    { "10 48", "carries none" },                /* RR flag, no RR bytes */
    { "18 48 54 01", "carries none" },          /* energy takes the bytes, no RR left */
    { "16 48 54 01 EC", "odd number of bytes" },
    { "02 3C 00", "" },                         /* a byte nothing explains */
  };
  g_auto(AscendTestRun) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (packets); i++)
    {
      g_test_message ("parse-hrm \"%s\"", packets[i].hex);
      run (&r, "parse-hrm", packets[i].hex);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_true (g_str_has_prefix (r.err, "ascendctl: "));
      g_assert_nonnull (strstr (r.err, "heart rate packet"));
      g_assert_nonnull (strstr (r.err, packets[i].says));
      g_assert_true (g_str_has_suffix (r.err, "\n"));
    }
}

static void
test_parse_hrm_not_hex (void)
{
  static const char *texts[] = { "zz", "0x16 48", "16 4G", "1", "16 48 5", "１６ ４８" };
  g_auto(AscendTestRun) r = { 0 };

  if (!ascend_test_have_ascendctl ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("parse-hrm \"%s\"", texts[i]);
      run (&r, "parse-hrm", texts[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_nonnull (strstr (r.err, "is not hexadecimal bytes"));
    }

  run (&r, "parse-hrm");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "parse-hrm needs the packet"));
}

/* --------------------------------------------------------------- analyze-rr */

/* n beats of sinus rhythm: 800 ms with breathing and a little wobble. */
static char *
sinus_rr_text (guint    n,
               double **rr_out)
{
  GString *s = g_string_new ("RR (ms)\n");  /* a header line is skipped */
  double *rr = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      rr[i] = round (800.0 + 35.0 * sin (i * 0.45) + 8.0 * sin (i * 1.7));
      g_string_append_printf (s, "%.0f\n", rr[i]);
    }
  *rr_out = rr;
  return g_string_free (s, FALSE);
}

/* n beats with no order, as atrial fibrillation gives: a fixed LCG. */
static char *
irregular_rr_text (guint n)
{
  GString *s = g_string_new (NULL);
  guint32 x = 12345;

  for (guint i = 0; i < n; i++)
    {
      x = x * 1103515245u + 12345u;
      g_string_append_printf (s, "%u\n", 420 + (x >> 16) % 700);
    }
  return g_string_free (s, FALSE);
}

/* Checks the per-beat lines against rr (when given) and returns how many
 * were flagged irregular. */
static guint
check_beat_lines (const char   *out,
                  guint         n,
                  const double *rr)
{
  g_auto(GStrv) lines = lines_of (out);
  double t = 0;
  guint irregular = 0;

  g_assert_cmpuint (g_strv_length (lines), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      double t_ms, rr_ms;

      g_assert_cmpuint (g_strv_length (f), ==, 3);
      t_ms = g_ascii_strtod (f[0], NULL);
      rr_ms = g_ascii_strtod (f[1], NULL);
      t += rr_ms;
      g_assert_cmpfloat_with_epsilon (t_ms, t, 1.0);
      if (rr != NULL)
        g_assert_cmpfloat_with_epsilon (rr_ms, rr[i], 0.05);
      g_assert_true (g_str_equal (f[2], "0") || g_str_equal (f[2], "1"));
      irregular += f[2][0] == '1';
    }
  return irregular;
}

static void
check_summary (const char *err,
               guint       n)
{
  g_autofree char *irregular_of = g_strdup_printf (" of %u\n", n);

  g_assert_nonnull (strstr (err, "RMSSD "));
  g_assert_nonnull (strstr (err, "SDNN "));
  g_assert_nonnull (strstr (err, "pNN50 "));
  g_assert_nonnull (strstr (err, "mean HR "));
  g_assert_nonnull (strstr (err, "Stress"));
  g_assert_nonnull (strstr (err, "Irregular beats: "));
  g_assert_nonnull (strstr (err, irregular_of));
}

static void
test_analyze_rr_ms (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *sinus = NULL;
  g_autofree char *irregular = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree double *rr = NULL;
  double mean = 0, rmssd = 0, hr, level;
  const guint n = 150;

  if (!ascend_test_have_ascendctl ())
    return;

  dir = ascend_test_new_dir ("analyze-rr");
  text = sinus_rr_text (n, &rr);
  sinus = write_file (dir, "sinus.txt", text);
  run (&r, "analyze-rr", sinus);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (check_beat_lines (r.out, n, rr), ==, 0);
  check_summary (r.err, n);

  /* The figures are the ones the intervals give. */
  for (guint i = 0; i < n; i++)
    mean += rr[i] / n;
  for (guint i = 1; i < n; i++)
    rmssd += (rr[i] - rr[i - 1]) * (rr[i] - rr[i - 1]) / (n - 1);
  rmssd = sqrt (rmssd);
  hr = number_after (r.err, "mean HR ");
  g_assert_cmpfloat_with_epsilon (hr, 60000.0 / mean, 0.5);
  g_assert_cmpfloat_with_epsilon (number_after (r.err, "RMSSD "), rmssd, 0.05 * rmssd);
  level = number_after (r.err, "Stress ");
  g_assert_true (level >= 1 && level <= 10);
  g_assert_nonnull (strstr (r.err, "Irregular beats: 0 of 150\n"));

  /* --format ms is the default spelled out. */
  run (&r, "analyze-rr", "--format", "ms", sinus);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (check_beat_lines (r.out, n, rr), ==, 0);

  /* No order at all: most beats irregular, and no stress figure for them. */
  text2 = irregular_rr_text (n);
  irregular = write_file (dir, "irregular.txt", text2);
  run (&r, "analyze-rr", irregular);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (check_beat_lines (r.out, n, NULL), >, n / 2);
  check_summary (r.err, n);
  g_assert_nonnull (strstr (r.err, "Stress is not estimated while the heart rhythm is irregular"));
}

static void
test_analyze_rr_afdb (void)
{
  static const char *records[] = { "qrs07910.txt", "qrs05091.txt", "qrs04908.txt" };
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) file_lines = NULL;
  g_autoptr(GError) error = NULL;
  guint beats;

  if (!ascend_test_have_ascendctl ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (records) && path == NULL; i++)
    {
      g_autofree char *rel = g_build_filename ("afdb-rr", records[i], NULL);
      path = ascend_test_shared_data (rel);
    }
  if (path == NULL)
    {
      g_test_skip ("no afdb-rr record in the shared data");
      return;
    }

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  file_lines = lines_of (text);
  /* The first line runs from the start of the record, not from a beat. */
  beats = g_strv_length (file_lines) - 1;

  run (&r, "analyze-rr", "--format", "afdb", path);
  g_assert_cmpint (r.status, ==, 0);
  check_beat_lines (r.out, beats, NULL);
  check_summary (r.err, beats);
  g_assert_cmpfloat (number_after (r.err, "mean HR "), >, 30);
  g_assert_cmpfloat (number_after (r.err, "mean HR "), <, 200);

  /* Read as one-value-per-line it is refused: the format matters. */
  run (&r, "analyze-rr", path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Line 1"));
}

static void
test_analyze_rr_errors (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *implausible = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *missing = NULL;

  if (!ascend_test_have_ascendctl ())
    return;

  dir = ascend_test_new_dir ("analyze-rr-errors");
  bad = write_file (dir, "bad.txt", "800\n810\n\n805\n8l0\n790\n");
  run (&r, "analyze-rr", bad);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "Line 5"));
  g_assert_nonnull (strstr (r.err, "8l0"));

  implausible = write_file (dir, "implausible.txt", "800\n810\n45000\n");
  run (&r, "analyze-rr", implausible);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "Line 3"));

  empty = write_file (dir, "empty.txt", "\n\n");
  run (&r, "analyze-rr", empty);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "no RR intervals"));

  missing = g_build_filename (dir, "missing.txt", NULL);
  run (&r, "analyze-rr", missing);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "missing.txt"));

  run (&r, "analyze-rr", "--format", "csv", bad);
  g_assert_cmpint (r.status, ==, 2);
  run (&r, "analyze-rr");
  g_assert_cmpint (r.status, ==, 2);
}

/* ------------------------------------------------------------- analyze-fall */

static char *
sisfall (const char *name)
{
  g_autofree char *subject = g_strndup (name + 4, 4);
  g_autofree char *rel = g_build_filename ("sisfall-subset", subject, name, NULL);

  return ascend_test_shared_data (rel);
}

static void
test_analyze_fall (void)
{
  static const char *falls[] = { "F01_SA01_R01.txt", "F06_SA02_R01.txt", "F12_SA12_R01.txt" };
  /* Daily activities, among them the usual false alarms: stumble (D18),
   * jump (D19), collapse into a chair (D11). */
  static const char *activities[] = { "D05_SA01_R01.txt", "D18_SA01_R01.txt", "D19_SA02_R01.txt",
                                      "D11_SA12_R01.txt" };
  g_auto(AscendTestRun) r = { 0 };
  guint tried = 0;

  if (!ascend_test_have_ascendctl ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (falls); i++)
    {
      g_autofree char *path = sisfall (falls[i]);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      double duration_ms;

      if (path == NULL)
        continue;
      tried++;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_clear_pointer (&lines, g_strfreev);
      lines = lines_of (text);
      duration_ms = g_strv_length (lines) * 1000.0 / 200.0;  /* 200 Hz */

      g_test_message ("analyze-fall %s", falls[i]);
      run (&r, "analyze-fall", path);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      g_clear_pointer (&lines, g_strfreev);
      lines = lines_of (r.out);
      g_assert_cmpuint (g_strv_length (lines), >=, 1);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          char *end = NULL;
          double t;

          g_assert_true (g_str_has_prefix (lines[j], "fall\t"));
          t = g_ascii_strtod (lines[j] + 5, &end);
          g_assert_true (end != lines[j] + 5 && *end == '\0');
          g_assert_cmpfloat (t, >, 0);
          g_assert_cmpfloat (t, <=, duration_ms);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    {
      g_autofree char *path = sisfall (activities[i]);

      if (path == NULL)
        continue;
      tried++;
      g_test_message ("analyze-fall %s", activities[i]);
      run (&r, "analyze-fall", path);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpstr (r.err, ==, "");
    }
  if (tried == 0)
    g_test_skip ("no SisFall files in the shared data");
}

static void
test_analyze_fall_errors (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *junk = NULL;
  g_autofree char *short_row = NULL;

  if (!ascend_test_have_ascendctl ())
    return;

  dir = ascend_test_new_dir ("analyze-fall");
  junk = write_file (dir, "junk.txt", "hello\nworld\n");
  run (&r, "analyze-fall", junk);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "Line 1"));

  short_row = write_file (dir, "short.txt", "  17,-179,-99,-18,-504,-352,76,-697,-279;\r\n  15,-174,-90;\r\n");
  run (&r, "analyze-fall", short_row);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "Line 2"));

  run (&r, "analyze-fall");
  g_assert_cmpint (r.status, ==, 2);
}

/* ------------------------------------------------------------------ monitor */

static gint64
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* A database made by ascendctl init, with one profile when with_profile. */
static char *
monitor_database (const char *name,
                  gboolean    with_profile)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *dir = ascend_test_new_dir (name);
  char *path = g_build_filename (dir, "anime-ascend.db", NULL);

  run (&r, "--database", path, "init");
  g_assert_cmpint (r.status, ==, 0);
  if (with_profile)
    {
      g_autofree char *json = write_file (dir, "profile.json",
        "{\"users\":[{\"id\":1,\"name\":\"Aiko\",\"loginMethod\":\"local\",\"role\":\"admin\","
        "\"createdAt\":1700000000000,\"updatedAt\":1700000000000,\"lastSignedIn\":1700000000000}]}\n");
      run (&r, "--database", path, "import", json);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM users"), ==, 1);
    }
  return path;
}

static void
test_monitor_simulated (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *db = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 readings, blocks;

  if (!ascend_test_have_ascendctl ())
    return;

  db = monitor_database ("monitor-simulated", TRUE);
  /* 300 s of simulated time, 600 times faster than real time. */
  run (&r, "--database", db, "monitor", "--sensor", "simulated", "--speed", "600", "--duration", "300");
  g_assert_false (r.timed_out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "SIMULATED"));

  /* One row a minute; the first and last minutes of the run are partial. */
  readings = query_int (db, "SELECT count(*) FROM healthReadings");
  g_assert_cmpint (readings, >=, 4);
  g_assert_cmpint (readings, <=, 6);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings WHERE readingType <> 'automatic'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings WHERE userId <> 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings WHERE heartRate NOT BETWEEN 50 AND 90"), ==, 0);
  /* Minutes: distinct, on the minute. */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT createdAt) FROM healthReadings"), ==, readings);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings WHERE createdAt % 60000 <> 0"), ==, 0);
  /* Each minute's beats kept beside its reading. */
  blocks = query_int (db, "SELECT count(*) FROM rrBlocks");
  g_assert_cmpint (blocks, ==, readings);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM rrBlocks b JOIN healthReadings h ON h.id = b.readingId"),
                   ==, blocks);
  g_assert_cmpint (query_int (db, "SELECT sum(beatCount) FROM rrBlocks"), >, 200);
  g_assert_cmpint (query_int (db, "SELECT max(beatCount) FROM rrBlocks"), <=, 90);

  /* stdout: one line per minute written, and the count on stderr. */
  lines = lines_of (r.out);
  g_assert_cmpint (g_strv_length (lines), ==, readings);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_nonnull (strstr (lines[i], " bpm\thrv "));
  {
    g_autofree char *written = g_strdup_printf ("%" G_GINT64_FORMAT " minutes written", readings);
    g_assert_nonnull (strstr (r.err, written));
  }
}

static void
test_monitor_replay (void)
{
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *text = NULL;
  g_autofree double *rr = NULL;
  g_auto(GStrv) lines = NULL;
  const guint n = 200;  /* about 160 s */
  gint64 readings, beats, full_minute;

  if (!ascend_test_have_ascendctl ())
    return;

  db = monitor_database ("monitor-replay", TRUE);
  dir = g_path_get_dirname (db);
  text = sinus_rr_text (n, &rr);
  file = write_file (dir, "recording.txt", text);
  spec = g_strconcat ("replay:", file, NULL);

  /* No --duration: it must stop when the recording ends. */
  run (&r, "--database", db, "monitor", "--sensor", spec, "--speed", "2000");
  g_assert_false (r.timed_out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "SIMULATED"));
  g_assert_nonnull (strstr (r.err, "Recording finished"));

  /* 160 s touch three or four clock minutes. */
  readings = query_int (db, "SELECT count(*) FROM healthReadings");
  g_assert_cmpint (readings, >=, 3);
  g_assert_cmpint (readings, <=, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings WHERE readingType <> 'automatic'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM rrBlocks"), ==, readings);
  /* Every beat is kept, but a last part shorter than 20 s (25 beats). */
  beats = query_int (db, "SELECT sum(beatCount) FROM rrBlocks");
  g_assert_cmpint (beats, <=, n);
  g_assert_cmpint (beats, >=, n - 25);
  lines = lines_of (r.out);
  g_assert_cmpint (g_strv_length (lines), ==, readings);

  /* Recorded time is kept: 160 s hold at least one whole clock minute, and
   * a whole minute of 800 ms beats holds 75 of them. */
  full_minute = query_int (db, "SELECT max(beatCount) FROM rrBlocks");
  g_assert_cmpint (full_minute, >=, 74);
  g_assert_cmpint (full_minute, <=, 76);
}

static void
test_monitor_errors (void)
{
  static const char *bad_specs[] = { "bogus", "simulated:sprint", "bluetooth", "replay:", "" };
  g_auto(AscendTestRun) r = { 0 };
  g_autofree char *db = NULL;
  g_autofree char *empty_db = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *replay_missing = NULL;

  if (!ascend_test_have_ascendctl ())
    return;

  db = monitor_database ("monitor-errors", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (bad_specs); i++)
    {
      g_test_message ("monitor --sensor \"%s\"", bad_specs[i]);
      run (&r, "--database", db, "monitor", "--sensor", bad_specs[i], "--duration", "5");
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_true (g_str_has_prefix (r.err, "ascendctl: "));
    }
  run (&r, "--database", db, "monitor");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--sensor"));
  run (&r, "--database", db, "monitor", "--sensor", "simulated", "--duration", "-1");
  g_assert_cmpint (r.status, ==, 2);

  /* A recording that is not there: a clear error, not a hang. */
  missing = g_build_filename (ascend_test_data_home (), "no-such-recording.txt", NULL);
  replay_missing = g_strconcat ("replay:", missing, NULL);
  run (&r, "--database", db, "monitor", "--sensor", replay_missing);
  g_assert_false (r.timed_out);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no-such-recording.txt"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings"), ==, 0);

  /* No profile to record for. */
  empty_db = monitor_database ("monitor-no-profile", FALSE);
  run (&r, "--database", empty_db, "monitor", "--sensor", "simulated", "--speed", "600", "--duration", "120");
  g_assert_false (r.timed_out);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "There is no profile yet"));
  g_assert_cmpint (query_int (empty_db, "SELECT count(*) FROM healthReadings"), ==, 0);

  /* A profile id that does not exist. */
  run (&r, "--database", db, "monitor", "--sensor", "simulated", "--user", "42", "--duration", "5");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM healthReadings"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/ascendctl-health/parse-hrm/vectors", test_parse_hrm_vectors);
  g_test_add_func ("/ascendctl-health/parse-hrm/malformed", test_parse_hrm_malformed);
  g_test_add_func ("/ascendctl-health/parse-hrm/not-hex", test_parse_hrm_not_hex);
  g_test_add_func ("/ascendctl-health/analyze-rr/ms", test_analyze_rr_ms);
  g_test_add_func ("/ascendctl-health/analyze-rr/afdb", test_analyze_rr_afdb);
  g_test_add_func ("/ascendctl-health/analyze-rr/errors", test_analyze_rr_errors);
  g_test_add_func ("/ascendctl-health/analyze-fall/recordings", test_analyze_fall);
  g_test_add_func ("/ascendctl-health/analyze-fall/errors", test_analyze_fall_errors);
  g_test_add_func ("/ascendctl-health/monitor/simulated", test_monitor_simulated);
  g_test_add_func ("/ascendctl-health/monitor/replay", test_monitor_replay);
  g_test_add_func ("/ascendctl-health/monitor/errors", test_monitor_errors);

  return g_test_run ();
}
