/* bench-queries.c: chart ranges over a year of per-minute readings
 *
 * Fills a fresh database (in a temporary folder, removed at the end) with
 * one profile's readings, one a minute for a year back from now (525,600
 * rows), with irregular-rhythm episodes, alerts and, for the last 8 days,
 * beat intervals (rrBlocks, for the day and week beat bands), then times each chart
 * range (day, week, month, year; 500 and 1280 points) through the loader
 * the charts use (ascend_health_chart_data_load_async: its own read-only
 * connection in a worker thread) and through the sync loader, and the grid
 * the Trends view asks for (trends_*: whole days in 5 min, 30 min, 1 h and
 * 12 h buckets), against the
 * old way (every raw reading of the range streamed in index order and
 * bucketed in C, episodes walked from the same rows, beat bands decoded
 * from every block) measured in the same
 * run. It also times what the roll-up triggers add to the write path: the
 * same year inserted into a second file without them, and the monitor's
 * way (one reading per transaction) in both.
 *
 * stdout carries only JSON lines, one per figure (DESIGN.md section 8);
 * progress goes to stderr. Exits non-zero when the loader's answer differs
 * from the raw computation, so a fast but wrong answer never reports.
 *
 *   bench-queries [--days N] [--runs N] [--raw-runs N] [--db PATH]
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ascend-database.h"
#include "bench-util.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-health-rollup.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)
#define BATCH     1000
#define SINGLE_INSERTS 2000

static int opt_days = 365;
static int opt_runs = 25;
static int opt_raw_runs = 7;
static char *opt_db = NULL;
static char *opt_only = NULL;

static const GOptionEntry entries[] = {
  { "days", 'd', 0, G_OPTION_ARG_INT, &opt_days, "Days of per-minute readings (default 365)", "N" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Timed runs of each loader per range (default 25)", "N" },
  { "raw-runs", 0, 0, G_OPTION_ARG_INT, &opt_raw_runs, "Timed runs of the raw baseline per range (default 7)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Keep the filled database at PATH and reuse it when it is there "
    "(no insert figures then)", "PATH" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Time only this range (day_500, ..., year_1280)", "NAME" },
  { NULL }
};

static void
emit (const char *figure,
      double      value,
      int         decimals,
      const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = decimals <= 0 ? "%.0f" : decimals == 1 ? "%.1f" : decimals == 2 ? "%.2f" : "%.3f";

  g_ascii_formatd (buf, sizeof buf, format, value);
  printf ("{\"bench\":\"queries\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

/* A figure named prefix + range name + suffix. */
static void
emit_named (const char *prefix,
            const char *name,
            const char *suffix,
            double      value,
            const char *unit)
{
  g_autofree char *figure = g_strconcat (prefix, name, suffix, NULL);
  emit (figure, value, g_str_equal (unit, "x") ? 1 : 3, unit);
}

/* CPU time of the whole process (all threads): on a shared, busy machine
 * it says what a load costs better than the wall clock, which also counts
 * the time other programs had the CPU. */
static double
cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- realistic readings (as bench-store, plus episodes) ------------------ */

typedef struct {
  GRand  *rand;
  double  drift;
  int     active_left;
  double  active_boost;
  int     episode_left;   /* minutes of irregular rhythm still to go */
} Generator;

static double
gaussian (GRand *rand)
{
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);
  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static void
generate (Generator           *gen,
          gint64               time_ms,
          AscendHealthReading *r)
{
  double hour = (double) (time_ms % DAY_MS) / HOUR_MS;
  gboolean asleep = hour < 7.0 || hour >= 23.0;
  double hr, hrv;

  gen->drift = 0.97 * gen->drift + 0.8 * gaussian (gen->rand);
  if (gen->active_left > 0)
    gen->active_left--;
  else if (!asleep && g_rand_int_range (gen->rand, 0, 600) == 0)
    {
      gen->active_left = g_rand_int_range (gen->rand, 15, 60);
      gen->active_boost = g_rand_double_range (gen->rand, 20.0, 38.0);
    }
  if (asleep)
    hr = 58.0 + 2.0 * cos ((hour < 7.0 ? hour + 1.0 : hour - 23.0) / 8.0 * G_PI);
  else
    hr = 70.0 + 6.0 * sin ((hour - 7.0) / 16.0 * G_PI);
  hr += gen->drift + 1.5 * gaussian (gen->rand);
  if (gen->active_left > 0)
    hr += gen->active_boost;
  r->heart_rate = (gint64) CLAMP (lround (hr), 45, 180);

  hrv = 80.0 - (r->heart_rate - 55) + 6.0 * gaussian (gen->rand);
  r->hrv = round (CLAMP (hrv, 10.0, 120.0) * 100.0) / 100.0;
  if (gen->active_left > 0 || g_rand_int_range (gen->rand, 0, 12) == 0)
    r->stress_level = ASCEND_NO_INT;
  else
    {
      long stress = lround (1.0 + (80.0 - r->hrv) / 60.0 * 9.0 + gaussian (gen->rand));
      r->stress_level = CLAMP (stress, 1, 10);
    }

  /* A few episodes a week, 2-40 minutes long, and stray single flags. */
  if (gen->episode_left > 0)
    gen->episode_left--;
  else if (g_rand_int_range (gen->rand, 0, 3000) == 0)
    gen->episode_left = g_rand_int_range (gen->rand, 2, 40);
  r->arrhythmia_detected = gen->episode_left > 0 || g_rand_int_range (gen->rand, 0, 5000) == 0;
  r->created_at = time_ms;
}

/* ---- the old way: every raw reading of the range -------------------------- */

typedef struct {
  GArray *buckets;
  GArray *spans;
  guint   n_alerts;
  guint   n_beat_minutes;
  double  beat_low_sum;    /* checksums of the beat band */
  double  beat_high_sum;
} RawAnswer;

static void
raw_answer_clear (RawAnswer *answer)
{
  g_clear_pointer (&answer->buckets, g_array_unref);
  g_clear_pointer (&answer->spans, g_array_unref);
}

static void
close_span (GArray *spans,
            gint64  first,
            gint64  last,
            gint64  to)
{
  AscendChartSpan span = { first, MIN (last + MINUTE_MS, to) };
  g_array_append_val (spans, span);
}

/* What ascend_health_reading_buckets did before the roll-ups: stream the
 * range's rows in (userId, createdAt) index order and sum them in C; the
 * episodes walked from the same rows; the alerts as the loader reads them. */
static gboolean
raw_load (AscendDatabase  *db,
          gint64           user_id,
          gint64           from,
          gint64           to,
          guint            n_buckets,
          RawAnswer       *answer,
          GError         **error)
{
  g_autofree double *hr_sum = g_new0 (double, n_buckets);
  g_autofree double *hrv_sum = g_new0 (double, n_buckets);
  g_autofree double *stress_sum = g_new0 (double, n_buckets);
  g_autofree guint *hr_n = g_new0 (guint, n_buckets);
  g_autofree guint *hrv_n = g_new0 (guint, n_buckets);
  g_autofree guint *stress_n = g_new0 (guint, n_buckets);
  double width = (double) (to - from) / n_buckets;
  gboolean open = FALSE;
  gint64 first = 0, last = 0;
  sqlite3_stmt *stmt;
  int rc;

  answer->buckets = g_array_sized_new (FALSE, TRUE, sizeof (AscendReadingBucket), n_buckets);
  answer->spans = g_array_new (FALSE, FALSE, sizeof (AscendChartSpan));
  g_array_set_size (answer->buckets, n_buckets);
  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (answer->buckets, AscendReadingBucket, i);
      b->time = from + (gint64) (i * width);
      b->heart_rate = b->heart_rate_min = b->heart_rate_max = b->hrv = b->stress = NAN;
    }

  stmt = ascend_database_prepare (db,
                                  "SELECT createdAt, heartRate, hrv, stressLevel, arrhythmiaDetected FROM healthReadings "
                                  "WHERE userId = ?1 AND createdAt >= ?2 AND createdAt < ?3 ORDER BY createdAt, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 time = sqlite3_column_int64 (stmt, 0);
      gint64 index = MIN ((gint64) ((time - from) / width), (gint64) n_buckets - 1);
      AscendReadingBucket *b = &g_array_index (answer->buckets, AscendReadingBucket, index);
      gboolean irregular = sqlite3_column_int (stmt, 4) != 0;

      b->count++;
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          double hr = sqlite3_column_int (stmt, 1);
          hr_sum[index] += hr;
          if (hr_n[index]++ == 0 || hr < b->heart_rate_min)
            b->heart_rate_min = hr;
          if (hr_n[index] == 1 || hr > b->heart_rate_max)
            b->heart_rate_max = hr;
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          hrv_sum[index] += sqlite3_column_double (stmt, 2);
          hrv_n[index]++;
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          stress_sum[index] += sqlite3_column_int (stmt, 3);
          stress_n[index]++;
        }
      if (open && (!irregular || time - last > ASCEND_CHART_SPAN_MAX_GAP_MS))
        {
          close_span (answer->spans, first, last, to);
          open = FALSE;
        }
      if (irregular)
        {
          if (!open)
            first = time;
          last = time;
          open = TRUE;
        }
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  if (open)
    close_span (answer->spans, first, last, to);
  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (answer->buckets, AscendReadingBucket, i);
      if (hr_n[i] > 0)
        b->heart_rate = hr_sum[i] / hr_n[i];
      if (hrv_n[i] > 0)
        b->hrv = hrv_sum[i] / hrv_n[i];
      if (stress_n[i] > 0)
        b->stress = stress_sum[i] / stress_n[i];
    }

  /* The beat band: every beat of every block decoded. */
  answer->n_beat_minutes = 0;
  answer->beat_low_sum = answer->beat_high_sum = 0;
  if (to - from <= ASCEND_CHART_BEATS_MAX_RANGE_MS)
    {
      stmt = ascend_database_prepare (db,
                                      "SELECT startedAt, beatCount, rr FROM rrBlocks "
                                      "WHERE userId = ?1 AND startedAt >= ?2 AND startedAt < ?3 ORDER BY startedAt, id",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, to);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const guint8 *rr = sqlite3_column_blob (stmt, 2);
          guint n = MIN ((guint) sqlite3_column_int (stmt, 1), (guint) sqlite3_column_bytes (stmt, 2) / 2);
          guint lo = 0, hi = 0;

          for (guint i = 0; i < n; i++)
            {
              guint v = rr[2 * i] | (rr[2 * i + 1] << 8);
              if (!ASCEND_RR_PLAUSIBLE (v))
                continue;
              if (lo == 0 || v < lo)
                lo = v;
              hi = MAX (hi, v);
            }
          answer->n_beat_minutes++;
          if (lo > 0)
            {
              answer->beat_low_sum += 60000.0 / hi;
              answer->beat_high_sum += 60000.0 / lo;
            }
        }
      rc = sqlite3_reset (stmt);
      if (rc != SQLITE_OK)
        return ascend_database_set_error (db, rc, error);
    }

  stmt = ascend_database_prepare (db,
                                  "SELECT createdAt, alertType, severity FROM healthAlerts "
                                  "WHERE userId = ?1 AND createdAt >= ?2 AND createdAt < ?3 ORDER BY createdAt, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  answer->n_alerts = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* Copy what the loader copies. */
      g_autofree char *type = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *severity = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      answer->n_alerts++;
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
same (double a,
      double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) <= 1e-9 * MAX (1.0, fabs (b));
}

static gboolean
check_answer (const char            *name,
              AscendHealthChartData *got,
              RawAnswer             *want)
{
  if (got->buckets->len != want->buckets->len || got->irregular->len != want->spans->len ||
      got->alerts->len != want->n_alerts)
    {
      g_printerr ("bench-queries: %s: %u buckets, %u episodes, %u alerts; raw: %u, %u, %u\n", name,
                  got->buckets->len, got->irregular->len, got->alerts->len,
                  want->buckets->len, want->spans->len, want->n_alerts);
      return FALSE;
    }
  for (guint i = 0; i < got->buckets->len; i++)
    {
      const AscendReadingBucket *g = &g_array_index (got->buckets, AscendReadingBucket, i);
      const AscendReadingBucket *w = &g_array_index (want->buckets, AscendReadingBucket, i);
      if (g->time != w->time || g->count != w->count || !same (g->heart_rate, w->heart_rate) ||
          !same (g->heart_rate_min, w->heart_rate_min) || !same (g->heart_rate_max, w->heart_rate_max) ||
          !same (g->hrv, w->hrv) || !same (g->stress, w->stress))
        {
          g_printerr ("bench-queries: %s: bucket %u differs from the raw computation\n", name, i);
          return FALSE;
        }
    }
  {
    double low = 0, high = 0;
    for (guint i = 0; i < got->beats->len; i++)
      {
        const AscendBeatRange *b = &g_array_index (got->beats, AscendBeatRange, i);
        if (!isnan (b->heart_rate_min))
          {
            low += b->heart_rate_min;
            high += b->heart_rate_max;
          }
      }
    /* One block a minute here, so one range per block. */
    if (got->beats->len != want->n_beat_minutes || !same (low, want->beat_low_sum) || !same (high, want->beat_high_sum))
      {
        g_printerr ("bench-queries: %s: beat band differs from decoding the blocks\n", name);
        return FALSE;
      }
  }
  for (guint i = 0; i < got->irregular->len; i++)
    if (g_array_index (got->irregular, AscendChartSpan, i).from != g_array_index (want->spans, AscendChartSpan, i).from ||
        g_array_index (got->irregular, AscendChartSpan, i).to != g_array_index (want->spans, AscendChartSpan, i).to)
      {
        g_printerr ("bench-queries: %s: episode %u differs from the raw computation\n", name, i);
        return FALSE;
      }
  return TRUE;
}

/* ---- loading ------------------------------------------------------------- */

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static AscendHealthChartData *
load_async (AscendDatabase  *db,
            gint64           user_id,
            gint64           from,
            gint64           to,
            guint            n_buckets,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ascend_health_chart_data_load_async (db, user_id, from, to, n_buckets, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ascend_health_chart_data_load_finish (result, error);
}

/* ---- inserting ----------------------------------------------------------- */

static AscendDatabase *
open_with_user (const char  *path,
                gint64      *user_id,
                GError     **error)
{
  g_autoptr(AscendDatabase) db = ascend_database_open (path, error);
  g_autoptr(AscendUser) user = NULL;

  if (db == NULL)
    return NULL;
  user = ascend_user_new ();
  user->name = g_strdup ("Bench");
  user->login_method = g_strdup ("local");
  *user_id = ascend_user_insert (db, user, error);
  if (*user_id == 0)
    return NULL;
  return g_steal_pointer (&db);
}

/* rows readings, one a minute from start, in batches of BATCH; returns the
 * seconds it took, or a negative number on error. */
static double
insert_year (AscendDatabase  *db,
             gint64           user_id,
             gint64           start,
             gint64           rows,
             GError         **error)
{
  AscendHealthReading *batch[BATCH];
  Generator gen = { .rand = g_rand_new_with_seed (20261125) };
  double total_ms = 0;
  gint64 inserted = 0;

  for (int i = 0; i < BATCH; i++)
    batch[i] = ascend_health_reading_new ();
  while (inserted < rows)
    {
      guint n = (guint) MIN ((gint64) BATCH, rows - inserted);
      gint64 t0;

      for (guint i = 0; i < n; i++)
        {
          batch[i]->id = 0;
          batch[i]->user_id = user_id;
          generate (&gen, start + (inserted + i) * MINUTE_MS, batch[i]);
        }
      t0 = g_get_monotonic_time ();
      if (!ascend_health_reading_insert_batch (db, batch, n, error))
        {
          total_ms = -1;
          break;
        }
      total_ms += bench_elapsed_ms (t0);
      inserted += n;
      if ((inserted / BATCH) % 50 == 0)
        g_printerr ("\rbench-queries: %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, inserted, rows);
    }
  g_printerr ("\n");
  for (int i = 0; i < BATCH; i++)
    ascend_health_reading_free (batch[i]);
  g_rand_free (gen.rand);
  return total_ms < 0 ? -1 : total_ms / 1000.0;
}

/* Beat intervals, a block a minute, for the last days (what a day or week
 * chart draws as its beat-to-beat band): about 70 beats a minute. */
static gboolean
insert_beats (AscendDatabase  *db,
              gint64           user_id,
              gint64           from,
              gint64           to,
              GError         **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  double rr[200];
  gboolean irregular[200] = { 0 };

  if (!ascend_database_begin (db, error))
    return FALSE;
  for (gint64 t = from; t < to; t += MINUTE_MS)
    {
      double sum = 0;
      guint n = 0;

      while (sum < MINUTE_MS && n < G_N_ELEMENTS (rr))
        {
          rr[n] = 860 + 60 * sin (t / 3.6e6) + g_rand_double_range (rand, -40, 40);
          sum += rr[n++];
        }
      if (ascend_rr_block_insert (db, user_id, 0, t, rr, irregular, n, error) == 0)
        {
          ascend_database_rollback (db);
          return FALSE;
        }
    }
  return ascend_database_commit (db, error);
}

/* The monitor's way: one reading, one transaction, once a minute. Returns
 * the median ms per insert, or a negative number on error. */
static double
insert_singles (AscendDatabase  *db,
                gint64           user_id,
                gint64           start,
                GError         **error)
{
  g_autofree double *ms = g_new0 (double, SINGLE_INSERTS);
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
  Generator gen = { .rand = g_rand_new_with_seed (7) };
  double result = -1;

  for (int i = 0; i < SINGLE_INSERTS; i++)
    {
      gint64 t0;

      r->id = 0;
      r->user_id = user_id;
      generate (&gen, start + i * MINUTE_MS, r);
      t0 = g_get_monotonic_time ();
      if (ascend_health_reading_insert (db, r, error) == 0)
        goto out;
      ms[i] = bench_elapsed_ms (t0);
    }
  result = bench_median (ms, SINGLE_INSERTS);
out:
  g_rand_free (gen.rand);
  return result;
}

static gboolean
add_alerts (AscendDatabase  *db,
            gint64           user_id,
            gint64           start,
            int              days,
            GError         **error)
{
  static const char *types[] = { "high_heart_rate", "high_stress", "arrhythmia", "low_heart_rate", "fall_detected" };
  static const char *severities[] = { "low", "medium", "high", "critical" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  g_autoptr(AscendHealthAlert) alert = ascend_health_alert_new ();

  if (!ascend_database_begin (db, error))
    return FALSE;
  /* About two a day. */
  for (int i = 0; i < 2 * days; i++)
    {
      alert->id = 0;
      alert->user_id = user_id;
      g_free (alert->alert_type);
      alert->alert_type = g_strdup (types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))]);
      g_free (alert->severity);
      alert->severity = g_strdup (severities[g_rand_int_range (rand, 0, G_N_ELEMENTS (severities))]);
      alert->created_at = start + (gint64) (g_rand_double (rand) * days * DAY_MS);
      if (ascend_health_alert_insert (db, alert, error) == 0)
        {
          ascend_database_rollback (db);
          return FALSE;
        }
    }
  return ascend_database_commit (db, error);
}

/* ---- main ----------------------------------------------------------------- */

typedef struct {
  const char *name;
  int         days;
  guint       trends_buckets;
} Span;

int
main (int    argc,
      char **argv)
{
  /* trends: the grid the Health Trends view asks for (5 min, 30 min, 1 h,
   * 12 h buckets over whole days), where every roll-up row fits a bucket. */
  static const Span spans[] = { { "day", 1, 288 }, { "week", 7, 336 }, { "month", 30, 720 }, { "year", 365, 730 } };
  static const guint bucket_counts[] = { 500, 1280, 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendDatabase) plain = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree double *ms = NULL;
  g_autofree double *sync_ms = NULL;
  g_autofree double *raw_ms = NULL;
  g_autofree double *cpu = NULL;
  g_autofree double *raw_cpu = NULL;
  g_autofree double *buckets_ms = NULL;
  gint64 user_id, plain_user, end, start, rows;
  double with_s, without_s, single_with, single_without;
  int status = EXIT_SUCCESS;

  context = g_option_context_new ("- time the health chart ranges");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-queries: %s\n", error->message);
      return 2;
    }
  if (opt_days < 1 || opt_runs < 1 || opt_raw_runs < 1)
    {
      g_printerr ("bench-queries: --days, --runs and --raw-runs must be positive\n");
      return 2;
    }

  tmpdir = g_dir_make_tmp ("bench-queries-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-queries: %s\n", error->message);
      return 1;
    }
  path = g_build_filename (tmpdir, "anime-ascend.db", NULL);
  plain_path = g_build_filename (tmpdir, "no-rollups.db", NULL);

  end = ascend_now_ms () / MINUTE_MS * MINUTE_MS;
  rows = (gint64) opt_days * 24 * 60;
  start = end - rows * MINUTE_MS;

  if (opt_db != NULL && g_file_test (opt_db, G_FILE_TEST_EXISTS))
    {
      /* A file filled by an earlier run: the ranges end where its data does. */
      sqlite3_stmt *stmt;

      db = ascend_database_open (opt_db, &error);
      if (db == NULL)
        goto fail;
      stmt = ascend_database_prepare (db, "SELECT userId, max (createdAt) FROM healthReadings "
                                          "WHERE readingType = 'automatic' GROUP BY userId LIMIT 1", &error);
      if (stmt == NULL)
        goto fail;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_printerr ("bench-queries: %s holds no readings\n", opt_db);
          status = EXIT_FAILURE;
          goto out;
        }
      user_id = sqlite3_column_int64 (stmt, 0);
      end = (sqlite3_column_int64 (stmt, 1) - SINGLE_INSERTS * MINUTE_MS - 10 * DAY_MS) + MINUTE_MS;
      sqlite3_reset (stmt);
      g_printerr ("bench-queries: reusing %s\n", opt_db);
      goto ranges;
    }

  /* ---- the write path: with the roll-up triggers, and without ---- */
  db = open_with_user (opt_db ? opt_db : path, &user_id, &error);
  if (db == NULL)
    goto fail;
  g_printerr ("bench-queries: %" G_GINT64_FORMAT " readings with roll-ups into %s\n", rows, opt_db ? opt_db : path);
  with_s = insert_year (db, user_id, start, rows, &error);
  if (with_s < 0 || !add_alerts (db, user_id, start, opt_days, &error) ||
      !insert_beats (db, user_id, MAX (start, end - 8 * DAY_MS), end, &error))
    goto fail;

  plain = open_with_user (plain_path, &plain_user, &error);
  if (plain == NULL ||
      !ascend_database_exec (plain, "DROP TRIGGER trg_readingRollups_insert; DROP TRIGGER trg_readingRollups_update;"
                                    "DROP TRIGGER trg_readingRollups_delete;", &error))
    goto fail;
  g_printerr ("bench-queries: the same readings without roll-ups into %s\n", plain_path);
  without_s = insert_year (plain, plain_user, start, rows, &error);
  if (without_s < 0)
    goto fail;
  single_without = insert_singles (plain, plain_user, end, &error);
  if (single_without < 0)
    goto fail;
  g_clear_object (&plain);
  g_unlink (plain_path);
  single_with = insert_singles (db, user_id, end + 10 * DAY_MS, &error);
  if (single_with < 0)
    goto fail;
  if (!ascend_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
    goto fail;

  emit ("rows", (double) rows, 0, "rows");
  emit ("insert_with_rollups_rows_per_s", rows / with_s, 0, "rows/s");
  emit ("insert_without_rollups_rows_per_s", rows / without_s, 0, "rows/s");
  emit ("insert_rollup_cost_ratio", with_s / without_s, 2, "x");
  emit ("insert_single_with_rollups_median_ms", single_with, 3, "ms");
  emit ("insert_single_without_rollups_median_ms", single_without, 3, "ms");
  {
    /* What the roll-ups cost on disk, beside the readings they sum. */
    sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                  "SELECT coalesce (sum (CASE WHEN name LIKE 'readingRollup%' THEN pgsize END), 0), "
                                                  "coalesce (sum (CASE WHEN name LIKE '%healthReadings%' THEN pgsize END), 0) "
                                                  "FROM dbstat", NULL);
    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      {
        emit ("rollup_tables_mb", sqlite3_column_int64 (stmt, 0) / 1e6, 1, "MB");
        emit ("readings_with_indexes_mb", sqlite3_column_int64 (stmt, 1) / 1e6, 1, "MB");
      }
    else
      g_printerr ("bench-queries: no dbstat in this SQLite, no size figures\n");
    if (stmt != NULL)
      sqlite3_reset (stmt);
  }

ranges:
  /* ---- the chart ranges, ending now ---- */
  ms = g_new0 (double, opt_runs);
  sync_ms = g_new0 (double, opt_runs);
  raw_ms = g_new0 (double, opt_raw_runs);
  cpu = g_new0 (double, opt_runs);
  raw_cpu = g_new0 (double, opt_raw_runs);
  buckets_ms = g_new0 (double, opt_runs);
  for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
    for (guint k = 0; k < G_N_ELEMENTS (bucket_counts); k++)
      {
        gint64 to = bucket_counts[k] > 0 ? end : end - end % DAY_MS;
        gint64 from = to - spans[s].days * DAY_MS;
        guint n = bucket_counts[k] > 0 ? bucket_counts[k] : spans[s].trends_buckets;
        g_autofree char *name = g_strdup_printf ("%s%s_%u", bucket_counts[k] > 0 ? "" : "trends_", spans[s].name, n);
        RawAnswer want = { 0 };
        double med, raw_med, cpu_med, raw_cpu_med;

        if (spans[s].days > opt_days || (opt_only != NULL && !g_str_equal (opt_only, name)))
          continue;
        g_printerr ("bench-queries: %s\n", name);
        /* The first raw run is the warm-up and the reference answer. */
        if (!raw_load (db, user_id, from, to, n, &want, &error))
          goto fail;
        for (int i = 0; i < opt_raw_runs; i++)
          {
            RawAnswer again = { 0 };
            gint64 t0 = g_get_monotonic_time ();
            double c0 = cpu_ms ();
            gboolean ok = raw_load (db, user_id, from, to, n, &again, &error);
            raw_ms[i] = bench_elapsed_ms (t0);
            raw_cpu[i] = cpu_ms () - c0;
            raw_answer_clear (&again);
            if (!ok)
              goto fail;
          }

        /* Run -1 is the warm-up and checks both answers. */
        for (int i = -1; i < opt_runs; i++)
          {
            g_autoptr(AscendHealthChartData) a = NULL;
            g_autoptr(AscendHealthChartData) b = NULL;
            g_autoptr(GArray) only = NULL;
            gint64 t0 = g_get_monotonic_time ();
            double c0 = cpu_ms ();

            a = load_async (db, user_id, from, to, n, &error);
            if (i >= 0)
              {
                ms[i] = bench_elapsed_ms (t0);
                cpu[i] = cpu_ms () - c0;
              }
            if (a == NULL)
              goto fail;
            t0 = g_get_monotonic_time ();
            b = ascend_health_chart_data_load (db, user_id, from, to, n, &error);
            if (i >= 0)
              sync_ms[i] = bench_elapsed_ms (t0);
            if (b == NULL)
              goto fail;
            /* The buckets alone, to tell them from alerts and episodes. */
            t0 = g_get_monotonic_time ();
            only = ascend_health_reading_buckets (db, user_id, from, to, n, &error);
            if (i >= 0)
              buckets_ms[i] = bench_elapsed_ms (t0);
            if (only == NULL)
              goto fail;
            if (i < 0 && (!check_answer (name, a, &want) || !check_answer (name, b, &want)))
              {
                raw_answer_clear (&want);
                status = EXIT_FAILURE;
                goto out;
              }
          }
        raw_answer_clear (&want);

        med = bench_median (ms, opt_runs);
        raw_med = bench_median (raw_ms, opt_raw_runs);
        cpu_med = bench_median (cpu, opt_runs);
        raw_cpu_med = bench_median (raw_cpu, opt_raw_runs);
        emit_named ("", name, "_median_ms", med, "ms");
        emit_named ("", name, "_p95_ms", bench_percentile_sorted (ms, opt_runs, 95), "ms");
        emit_named ("", name, "_cpu_median_ms", cpu_med, "ms");
        emit_named ("", name, "_sync_median_ms", bench_median (sync_ms, opt_runs), "ms");
        emit_named ("", name, "_sync_p95_ms", bench_percentile_sorted (sync_ms, opt_runs, 95), "ms");
        emit_named ("", name, "_buckets_only_median_ms", bench_median (buckets_ms, opt_runs), "ms");
        emit_named ("raw_", name, "_median_ms", raw_med, "ms");
        emit_named ("raw_", name, "_cpu_median_ms", raw_cpu_med, "ms");
        emit_named ("raw_over_rollup_", name, "_ratio", raw_med / med, "x");
        emit_named ("raw_over_rollup_", name, "_cpu_ratio", raw_cpu_med / cpu_med, "x");
      }
  goto out;

fail:
  g_printerr ("bench-queries: %s\n", error ? error->message : "failed");
  status = EXIT_FAILURE;

out:
  g_clear_object (&plain);
  g_clear_object (&db);
  bench_remove_tree (tmpdir);
  return status;
}
