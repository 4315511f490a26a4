/* bench-monitor.c: a whole ~10-hour recording through the monitor
 *
 * Takes one record of <shared data>/afdb-rr (qrs04015 when it is there, else
 * the largest qrs file; stderr and every JSON line say which) and sends it
 * down the path a sensor's beats take in the app:
 *
 *   replay parser (ascend_replay_sensor_new_from_file, afdb format)
 *   -> one AscendMeasurement packet per recorded second (the replay sensor,
 *      played as fast as it goes)
 *   -> ascend_monitor_push_measurement (through the "measurement" signal,
 *      as in the app: rhythm decisions, live RMSSD, per-minute HRV, stress
 *      and rhythm, a healthReadings row and an rrBlocks row per minute in a
 *      real SQLite database, WAL, in a temporary folder)
 *   -> the flush when the recording finishes.
 *
 * The wall time runs from opening the file to the flush; creating the
 * database is left out. Two baselines in the same run: parsing only, and
 * parsing plus playing every packet to a handler that only counts them (the
 * part of the cost that is not the monitor's).
 *
 * stdout carries only JSON lines (DESIGN.md section 8); progress goes to
 * stderr. Exits 77 (skipped) without the data, 1 when the monitor did not
 * see every beat or the database does not hold what it reports writing.
 *
 *   bench-monitor [SHARED_DATA_DIR] [--runs N]      (or $ASCEND_SHARED_DATA)
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-util.h"
#include "ascend-database.h"
#include "ascend-monitor.h"
#include "ascend-replay-sensor.h"
#include "ascend-rhythm.h"
#include "ascend-user-store.h"

#ifndef SHARED_DATA_DIR
#define SHARED_DATA_DIR "../shared/data"
#endif

#define PREFERRED_RECORD "qrs04015.txt"
/* Seconds of recording per replay tick: the whole record in one tick. */
#define REPLAY_SPEED 1e8

static const char *record_id;

static void
emit (const char *figure,
      double      value,
      int         decimals,
      const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = decimals <= 0 ? "%.0f" : decimals == 1 ? "%.1f" : decimals == 2 ? "%.2f" : "%.4f";

  g_ascii_formatd (buf, sizeof buf, format, value);
  printf ("{\"bench\":\"monitor\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\",\"record\":\"%s\"}\n",
          figure, buf, unit, record_id);
  fflush (stdout);
}

/* PREFERRED_RECORD in dir, else the largest qrs*.txt; NULL when none. */
static char *
pick_record (const char *dir_path)
{
  g_autofree char *preferred = g_build_filename (dir_path, PREFERRED_RECORD, NULL);
  GDir *dir;
  const char *name;
  char *best = NULL;
  goffset best_size = -1;

  if (g_file_test (preferred, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&preferred);
  if ((dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, "qrs") || !g_str_has_suffix (name, ".txt"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      /* Ties go to the smaller name, so the choice does not depend on
       * the order the folder lists its files in. */
      if (g_stat (path, &st) == 0 &&
          (st.st_size > best_size || (st.st_size == best_size && strcmp (path, best) < 0)))
        {
          g_free (best);
          best = g_steal_pointer (&path);
          best_size = st.st_size;
        }
    }
  g_dir_close (dir);
  return best;
}

typedef struct {
  GMainLoop *loop;
  guint64    packets;
  guint64    beats;
  gboolean   finished;
  gboolean   write_failed;
} Play;

static void
count_packet_cb (AscendSensor            *sensor,
                 const AscendMeasurement *m,
                 Play                    *play)
{
  play->packets++;
  play->beats += m->n_rr;
}

static void
sensor_state_cb (GObject    *sensor,
                 GParamSpec *pspec,
                 Play       *play)
{
  AscendSensorState state = ascend_sensor_get_state (ASCEND_SENSOR (sensor));

  if (state == ASCEND_SENSOR_FINISHED || state == ASCEND_SENSOR_FAILED)
    {
      play->finished = state == ASCEND_SENSOR_FINISHED;
      g_main_loop_quit (play->loop);
    }
}

static void
write_failed_cb (AscendMonitor *monitor,
                 const GError  *error,
                 Play          *play)
{
  if (!play->write_failed)
    g_printerr ("bench-monitor: a minute was not written: %s\n", error->message);
  play->write_failed = TRUE;
}

static AscendReplaySensor *
parse (const char *path)
{
  g_autoptr(GError) error = NULL;
  AscendReplaySensor *sensor = ascend_replay_sensor_new_from_file (path, ASCEND_REPLAY_AFDB, REPLAY_SPEED, &error);

  if (sensor == NULL)
    {
      g_printerr ("bench-monitor: %s: %s\n", path, error->message);
      exit (1);
    }
  return sensor;
}

/* Parse only. Returns seconds. */
static double
run_parse (const char *path,
           gsize      *beats)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(AscendReplaySensor) sensor = parse (path);
  double s = (g_get_monotonic_time () - t0) / 1e6;

  *beats = ascend_replay_sensor_get_n_beats (sensor);
  return s;
}

/* Parse and play every packet to a counter. Returns seconds. */
static double
run_replay_only (const char *path,
                 Play       *play)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(AscendReplaySensor) sensor = parse (path);
  double s;

  play->loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (sensor, "measurement", G_CALLBACK (count_packet_cb), play);
  g_signal_connect (sensor, "notify::state", G_CALLBACK (sensor_state_cb), play);
  ascend_sensor_start (ASCEND_SENSOR (sensor));
  g_main_loop_run (play->loop);
  s = (g_get_monotonic_time () - t0) / 1e6;
  ascend_sensor_stop (ASCEND_SENSOR (sensor));
  g_main_loop_unref (play->loop);
  return s;
}

static gint64
query_int (AscendDatabase *db,
           const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  if (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

typedef struct {
  double  wall_s;
  guint   minutes;
  guint64 beats_seen;
  gint64  rows;
  gint64  blocks;
  gint64  block_beats;
  gint64  irregular_minutes;
} MonitorRun;

/* The whole pipeline into a fresh database. FALSE when something failed. */
static gboolean
run_monitor (const char *path,
             MonitorRun *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-monitor-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendUser) user = ascend_user_new ();
  g_autoptr(AscendReplaySensor) sensor = NULL;
  g_autoptr(AscendMonitor) monitor = NULL;
  Play play = { 0 };
  gint64 t0, uid;
  gboolean ok;

  if (dir == NULL)
    {
      g_printerr ("bench-monitor: %s\n", error->message);
      return FALSE;
    }
  db_path = g_build_filename (dir, "anime-ascend.db", NULL);
  db = ascend_database_open (db_path, &error);
  user->name = g_strdup ("Bench");
  user->login_method = g_strdup ("local");
  if (db == NULL || (uid = ascend_user_insert (db, user, &error)) <= 0)
    {
      g_printerr ("bench-monitor: %s\n", error ? error->message : "no database");
      bench_remove_tree (dir);
      return FALSE;
    }

  t0 = g_get_monotonic_time ();
  sensor = parse (path);
  monitor = ascend_monitor_new (db, uid);
  play.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (monitor, "write-failed", G_CALLBACK (write_failed_cb), &play);
  ascend_monitor_set_sensor (monitor, ASCEND_SENSOR (sensor));
  /* After the monitor's own state handler, which flushes on FINISHED. */
  g_signal_connect (sensor, "notify::state", G_CALLBACK (sensor_state_cb), &play);
  g_main_loop_run (play.loop);
  ascend_monitor_flush (monitor);
  out->wall_s = (g_get_monotonic_time () - t0) / 1e6;
  g_main_loop_unref (play.loop);

  out->minutes = ascend_monitor_get_minutes_written (monitor);
  out->beats_seen = ascend_monitor_get_beats_seen (monitor);
  ascend_monitor_set_sensor (monitor, NULL);
  out->rows = query_int (db, "SELECT count(*) FROM healthReadings WHERE readingType = 'automatic'");
  out->blocks = query_int (db, "SELECT count(*) FROM rrBlocks");
  out->block_beats = query_int (db, "SELECT sum(beatCount) FROM rrBlocks");
  out->irregular_minutes = query_int (db, "SELECT count(*) FROM healthReadings WHERE arrhythmiaDetected = 1");
  ok = play.finished && !play.write_failed;

  g_clear_object (&monitor);
  g_clear_object (&db);
  bench_remove_tree (dir);
  return ok;
}

static void
emit_speed (const char *prefix,
            double      wall_s,
            gsize       beats,
            double      recording_s)
{
  g_autofree char *wall = g_strconcat (prefix, "_wall_median_s", NULL);
  g_autofree char *rate = g_strconcat (prefix, "_beats_per_s", NULL);
  g_autofree char *factor = g_strconcat (prefix, "_realtime_factor", NULL);

  emit (wall, wall_s, 4, "s");
  emit (rate, beats / wall_s, 0, "beats/s");
  emit (factor, recording_s / wall_s, 0, "x");
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("ASCEND_SHARED_DATA");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AscendAfdbRecord record = { 0 };
  double recording_s = 0, *parse_s, *replay_s, *monitor_s;
  gsize beats = 0;
  int runs = 3;
  MonitorRun last = { 0 };

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        runs = atoi (argv[++i]);
      else
        root = argv[i];
    }
  if (runs < 1)
    {
      g_printerr ("bench-monitor: --runs must be positive\n");
      return 2;
    }
  if (root == NULL)
    root = SHARED_DATA_DIR;
  dir = g_build_filename (root, "afdb-rr", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_free (dir);
      dir = g_strdup (root);
    }
  path = pick_record (dir);
  if (path == NULL)
    {
      g_printerr ("bench-monitor: no afdb-rr qrs file in %s; skipping\n", dir);
      return 77;
    }
  base = g_path_get_basename (path);
  base[strcspn (base, ".")] = '\0';
  record_id = base;

  /* The recording's own length, from the same parser, outside the timing. */
  if (!g_file_get_contents (path, &text, NULL, &error) || !ascend_afdb_parse (text, NULL, &record, &error))
    {
      g_printerr ("bench-monitor: %s: %s\n", path, error->message);
      return 1;
    }
  for (gsize i = 0; i < record.n; i++)
    recording_s += record.rr_ms[i] / 1000.0;
  beats = record.n;
  ascend_afdb_clear (&record);
  g_printerr ("bench-monitor: record %s (%s): %" G_GSIZE_FORMAT " beats, %.2f h%s\n", record_id, path,
              beats, recording_s / 3600.0,
              g_str_has_suffix (path, PREFERRED_RECORD) ? "" : "; " PREFERRED_RECORD " is not in the data, "
              "so the largest record");

  parse_s = g_new (double, runs);
  replay_s = g_new (double, runs);
  monitor_s = g_new (double, runs);
  for (int r = 0; r < runs; r++)
    {
      gsize parsed = 0;
      Play play = { 0 };

      parse_s[r] = run_parse (path, &parsed);
      replay_s[r] = run_replay_only (path, &play);
      if (!run_monitor (path, &last))
        return 1;
      monitor_s[r] = last.wall_s;
      g_printerr ("bench-monitor: run %d/%d: parse %.3f s, parse+replay %.3f s (%" G_GUINT64_FORMAT
                  " packets), monitor %.3f s (%u minutes)\n", r + 1, runs, parse_s[r], replay_s[r],
                  play.packets, monitor_s[r], last.minutes);

      /* A fast wrong answer is not a figure. */
      if (parsed != beats || play.beats != beats || !play.finished)
        {
          g_printerr ("bench-monitor: the replay gave %" G_GSIZE_FORMAT " parsed / %" G_GUINT64_FORMAT
                      " played beats, the record has %" G_GSIZE_FORMAT "\n", parsed, play.beats, beats);
          return 1;
        }
      /* At most one packet per recorded second, or recorded time stretches. */
      if (play.packets > recording_s + 1)
        {
          g_printerr ("bench-monitor: the replay sent %" G_GUINT64_FORMAT " packets, one a second, for %.0f s "
                      "of recording: it plays %.2f h instead of %.2f h\n", play.packets, recording_s,
                      play.packets / 3600.0, recording_s / 3600.0);
          return 1;
        }
      if (last.beats_seen != beats)
        {
          g_printerr ("bench-monitor: the monitor saw %" G_GUINT64_FORMAT " of %" G_GSIZE_FORMAT " beats\n",
                      last.beats_seen, beats);
          return 1;
        }
      if (last.rows != last.minutes || last.blocks != last.minutes ||
          last.minutes < 0.5 * recording_s / 60.0 || last.minutes > recording_s / 60.0 + 2 ||
          last.block_beats > (gint64) beats || last.block_beats < (gint64) beats - 60)
        {
          g_printerr ("bench-monitor: %u minutes reported, %" G_GINT64_FORMAT " readings and %" G_GINT64_FORMAT
                      " rrBlocks (%" G_GINT64_FORMAT " beats) in the database, for %.0f minutes of recording\n",
                      last.minutes, last.rows, last.blocks, last.block_beats, recording_s / 60.0);
          return 1;
        }
    }

  emit ("beats", beats, 0, "beats");
  emit ("recording_hours", recording_s / 3600.0, 2, "h");
  emit ("minutes_written", last.minutes, 0, "minutes");
  emit ("irregular_minutes", last.irregular_minutes, 0, "minutes");
  emit ("runs", runs, 0, "runs");
  emit_speed ("monitor", bench_median (monitor_s, runs), beats, recording_s);
  emit_speed ("parse_only", bench_median (parse_s, runs), beats, recording_s);
  emit_speed ("parse_replay_no_monitor", bench_median (replay_s, runs), beats, recording_s);

  g_free (parse_s);
  g_free (replay_s);
  g_free (monitor_s);
  return 0;
}
