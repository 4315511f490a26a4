/* test-monitor.c: beats in, minute readings and RR blocks out */
#include "config.h"

#include <math.h>

#include "ascend-test-util.h"
#include "ascend-monitor.h"
#include "ascend-simulated-sensor.h"
#include "ascend-replay-sensor.h"

static gint64
count (AscendDatabase *db,
       const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;
  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
run_simulated (AscendMonitor  *monitor,
               AscendScenario  scenario,
               guint           seconds)
{
  g_autoptr(AscendSimulatedSensor) sim = ascend_simulated_sensor_new (scenario, 1.0, 42);

  for (guint i = 0; i < seconds; i++)
    {
      AscendMeasurement m;
      ascend_simulated_sensor_next (sim, &m);
      ascend_monitor_push_measurement (monitor, &m);
    }
  ascend_monitor_flush (monitor);
}

static void
test_rest_minutes (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Mio");
  g_autoptr(AscendMonitor) monitor = ascend_monitor_new (db, user);
  g_autoptr(GPtrArray) readings = NULL;
  g_autoptr(GError) error = NULL;
  guint with_stress = 0, without_hrv = 0;

  run_simulated (monitor, ASCEND_SCENARIO_REST, 10 * 60);

  readings = ascend_health_reading_list (db, user, 0, 0, &error);
  g_assert_no_error (error);
  /* Ten simulated minutes that need not start on a minute boundary: 10 or 11 rows. */
  g_assert_cmpuint (readings->len, >=, 10);
  g_assert_cmpuint (readings->len, <=, 11);
  g_assert_cmpuint (readings->len, ==, ascend_monitor_get_minutes_written (monitor));
  for (guint i = 0; i < readings->len; i++)
    {
      AscendHealthReading *r = readings->pdata[i];
      g_assert_cmpstr (r->reading_type, ==, "automatic");
      g_assert_cmpint (r->created_at % 60000, ==, 0);
      /* The rest scenario beats at 880 ms on average: 68 bpm. */
      g_assert_cmpint (r->heart_rate, >=, 62);
      g_assert_cmpint (r->heart_rate, <=, 75);
      g_assert_false (r->arrhythmia_detected);
      /* HRV needs 30 s of beats: only a partial first or last minute may lack it. */
      if (isnan (r->hrv))
        {
          g_assert_true (i == 0 || i == readings->len - 1);
          without_hrv++;
        }
      else
        g_assert_cmpfloat (r->hrv, >, 10.0);
      if (r->stress_level != ASCEND_NO_INT)
        {
          g_assert_cmpint (r->stress_level, <=, 5);
          with_stress++;
        }
    }
  /* Stress needs 30 clean beats: every full minute has them. */
  g_assert_cmpuint (with_stress, >=, readings->len - 1);

  /* Every reading has its block of raw beats, and they add up. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks WHERE readingId IS NOT NULL"), ==, readings->len);
  g_assert_cmpint (count (db, "SELECT sum(beatCount) FROM rrBlocks"), >, 600);
  g_assert_cmpint (count (db, "SELECT sum(beatCount) FROM rrBlocks"), <=, (gint64) ascend_monitor_get_beats_seen (monitor));
  {
    g_autoptr(GArray) rr = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) irr = g_array_new (FALSE, FALSE, sizeof (gboolean));
    g_assert_true (ascend_rr_block_load (db, user, 0, G_MAXINT64, rr, irr, &error));
    g_assert_cmpuint (rr->len, ==, count (db, "SELECT sum(beatCount) FROM rrBlocks"));
    g_assert_cmpuint (irr->len, ==, rr->len);
    for (guint i = 0; i < rr->len; i++)
      g_assert_cmpfloat (g_array_index (rr, double, i), >=, 300.0);
  }
  g_assert_true (ascend_database_check (db, NULL)->len == 0);
}

static void
test_irregular_episode_flagged (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Mio");
  g_autoptr(AscendMonitor) monitor = ascend_monitor_new (db, user);
  g_autoptr(GPtrArray) readings = NULL;
  guint flagged = 0, flagged_outside = 0, with_stress_inside = 0;
  gint64 first;

  /* Minutes 2 to 8 of the scenario are irregular. */
  run_simulated (monitor, ASCEND_SCENARIO_IRREGULAR, 10 * 60);
  readings = ascend_health_reading_list (db, user, 0, 0, NULL);
  g_assert_cmpuint (readings->len, >=, 10);
  first = ((AscendHealthReading *) readings->pdata[0])->created_at;
  for (guint i = 0; i < readings->len; i++)
    {
      AscendHealthReading *r = readings->pdata[i];
      double minute = (r->created_at - first) / 60000.0;
      gboolean inside = minute >= 2.5 && minute <= 7.5;
      gboolean outside = minute <= 0.5 || minute >= 9.5;

      if (r->arrhythmia_detected && inside)
        flagged++;
      if (r->arrhythmia_detected && outside)
        flagged_outside++;
      if (inside && r->stress_level != ASCEND_NO_INT)
        with_stress_inside++;
    }
  g_assert_cmpuint (flagged, >=, 4);
  g_assert_cmpuint (flagged_outside, ==, 0);
  /* No stress estimate during an irregular rhythm. */
  g_assert_cmpuint (with_stress_inside, ==, 0);
}

static void
test_heart_rate_only_sensor (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Mio");
  g_autoptr(AscendMonitor) monitor = ascend_monitor_new (db, user);
  g_autoptr(GPtrArray) readings = NULL;
  gint64 t0 = 1764000000000;  /* a minute boundary */

  /* Some watches send heart rate without RR intervals. */
  for (int i = 1; i <= 150; i++)
    {
      AscendMeasurement m = { 0 };
      m.time_ms = t0 + i * 1000;
      m.heart_rate = 70 + (i % 3);
      m.contact = ASCEND_CONTACT_DETECTED;
      ascend_monitor_push_measurement (monitor, &m);
    }
  ascend_monitor_flush (monitor);
  readings = ascend_health_reading_list (db, user, 0, 0, NULL);
  g_assert_cmpuint (readings->len, >=, 2);
  {
    AscendHealthReading *r = readings->pdata[0];
    g_assert_cmpint (r->heart_rate, >=, 70);
    g_assert_cmpint (r->heart_rate, <=, 72);
    g_assert_true (isnan (r->hrv));
    g_assert_cmpint (r->stress_level, ==, ASCEND_NO_INT);
  }
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks"), ==, 0);
}

static void
write_failed_cb (AscendMonitor *monitor,
                 const GError  *error,
                 guint         *failures)
{
  (*failures)++;
}

static void
test_write_failure_is_reported (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Mio");
  g_autoptr(AscendMonitor) monitor = ascend_monitor_new (db, user + 100);  /* no such profile */
  guint failures = 0;

  g_signal_connect (monitor, "write-failed", G_CALLBACK (write_failed_cb), &failures);
  run_simulated (monitor, ASCEND_SCENARIO_REST, 150);
  /* Every minute that could not be saved is reported. */
  g_assert_cmpuint (failures, >=, 2);
  g_assert_cmpint (count (db, "SELECT count(*) FROM healthReadings"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rrBlocks"), ==, 0);
}

static void
test_replay_afdb_record (void)
{
  g_autofree char *path = ascend_test_shared_data ("afdb-rr/qrs08434.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendReplaySensor) replay = NULL;

  if (path == NULL)
    {
      g_test_skip ("../shared/data is not there");
      return;
    }
  replay = ascend_replay_sensor_new_from_file (path, ASCEND_REPLAY_AUTO, 1000.0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ascend_replay_sensor_get_n_beats (replay), >, 10000);
}

static void
test_replay_refuses_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  AscendReplaySensor *r;

  r = ascend_replay_sensor_new_from_text ("x", "800\n810\nbanana\n", ASCEND_REPLAY_RR_MS, 1.0, &error);
  g_assert_null (r);
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_clear_error (&error);

  r = ascend_replay_sensor_new_from_text ("x", "800\n12\n", ASCEND_REPLAY_RR_MS, 1.0, &error);
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "plausible"));
  g_clear_error (&error);

  r = ascend_replay_sensor_new_from_text ("x", "\n\n", ASCEND_REPLAY_RR_MS, 1.0, &error);
  g_assert_null (r);
  g_assert_error (error, ASCEND_HEALTH_ERROR, ASCEND_HEALTH_ERROR_TOO_SHORT);
  g_clear_error (&error);

  /* A header line is fine. */
  r = ascend_replay_sensor_new_from_text ("x", "RR (ms)\n800\n810\n", ASCEND_REPLAY_AUTO, 1.0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ascend_replay_sensor_get_n_beats (r), ==, 2);
  g_object_unref (r);
}

static void
test_sensor_spec (void)
{
  g_autoptr(GError) error = NULL;
  AscendSensor *s;

  s = ascend_sensor_new_from_spec ("simulated:stress", 1.0, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_sensor_is_simulated (s));
  g_object_unref (s);

  g_assert_null (ascend_sensor_new_from_spec ("simulated:panic", 1.0, &error));
  g_assert_nonnull (strstr (error->message, "Unknown scenario"));
  g_clear_error (&error);
  g_assert_null (ascend_sensor_new_from_spec ("telepathy", 1.0, &error));
  g_assert_nonnull (strstr (error->message, "Unknown sensor"));
  g_clear_error (&error);
  g_assert_null (ascend_sensor_new_from_spec ("replay:", 1.0, &error));
  g_clear_error (&error);
  g_assert_null (ascend_sensor_new_from_spec ("replay:/nonexistent/file", 1.0, &error));
  g_clear_error (&error);
  g_assert_null (ascend_sensor_new_from_spec ("simulated", -1.0, &error));
  g_clear_error (&error);
}

typedef struct {
  GMainLoop *loop;
  guint      minutes;
} LoopData;

static void
minute_cb (AscendMonitor       *monitor,
           AscendHealthReading *reading,
           LoopData            *data)
{
  if (++data->minutes >= 3)
    g_main_loop_quit (data->loop);
}

static void
test_live_sensor_through_main_loop (void)
{
  g_autoptr(AscendDatabase) db = ascend_test_open_fresh_db (NULL);
  gint64 user = ascend_test_add_user (db, "Mio");
  g_autoptr(AscendMonitor) monitor = ascend_monitor_new (db, user);
  g_autoptr(AscendSensor) sensor = ASCEND_SENSOR (ascend_simulated_sensor_new (ASCEND_SCENARIO_REST, 3000.0, 7));
  LoopData data = { g_main_loop_new (NULL, FALSE), 0 };

  g_signal_connect (monitor, "minute", G_CALLBACK (minute_cb), &data);
  ascend_monitor_set_sensor (monitor, sensor);
  g_assert_cmpint (ascend_sensor_get_state (sensor), ==, ASCEND_SENSOR_CONNECTED);
  g_main_loop_run (data.loop);
  ascend_monitor_set_sensor (monitor, NULL);
  g_assert_cmpint (ascend_sensor_get_state (sensor), ==, ASCEND_SENSOR_DISCONNECTED);
  g_assert_cmpuint (data.minutes, >=, 3);
  g_assert_cmpint (count (db, "SELECT count(*) FROM healthReadings"), >=, 3);
  g_main_loop_unref (data.loop);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/monitor/rest-minutes", test_rest_minutes);
  g_test_add_func ("/monitor/irregular-episode", test_irregular_episode_flagged);
  g_test_add_func ("/monitor/heart-rate-only", test_heart_rate_only_sensor);
  g_test_add_func ("/monitor/write-failure", test_write_failure_is_reported);
  g_test_add_func ("/monitor/replay-afdb", test_replay_afdb_record);
  g_test_add_func ("/monitor/replay-bad-files", test_replay_refuses_bad_files);
  g_test_add_func ("/monitor/sensor-spec", test_sensor_spec);
  g_test_add_func ("/monitor/live-main-loop", test_live_sensor_through_main_loop);
  return g_test_run ();
}
