/* bench-store.c: the store under two years of per-minute heart readings
 *
 * Fills a fresh database (in a temporary folder, removed at the end) with one
 * user's readings, one a minute going back from now, then times the chart
 * query: a year bucketed to 500 points inside SQLite, against the naive way
 * of loading every row of the year into C and bucketing there.
 *
 * stdout carries only JSON lines, one per figure (DESIGN.md section 8);
 * progress and problems go to stderr. Exits non-zero when the bucketed
 * answer is wrong, so a fast but broken query never reports a figure.
 *
 *   bench-store [--rows N] [--batch N] [--runs N] [--naive-runs N]
 *   ASCEND_BENCH_ROWS=N bench-store     (same as --rows, for quick runs)
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ascend-database.h"
#include "bench-util.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS    (24 * 60 * MINUTE_MS)
#define YEAR_MS   (365 * DAY_MS)
#define N_BUCKETS 500u

#define HR_MIN 55
#define HR_MAX 110

static gint64 opt_rows = 1000000;
static int opt_batch = 1000;
static int opt_runs = 20;
static int opt_naive_runs = 5;

static const GOptionEntry entries[] = {
  { "rows", 'n', 0, G_OPTION_ARG_INT64, &opt_rows, "Readings to insert (default 1000000, or $ASCEND_BENCH_ROWS)", "N" },
  { "batch", 'b', 0, G_OPTION_ARG_INT, &opt_batch, "Readings per transaction (default 1000)", "N" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Timed runs of the bucketed query (default 20)", "N" },
  { "naive-runs", 0, 0, G_OPTION_ARG_INT, &opt_naive_runs, "Timed runs of the naive baseline (default 5)", "N" },
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

  /* g_ascii_formatd: a decimal point whatever the locale, as JSON needs. */
  g_ascii_formatd (buf, sizeof buf, format, value);
  printf ("{\"bench\":\"store\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

/* ---- realistic readings --------------------------------------------------- */

typedef struct {
  GRand  *rand;
  double  drift;          /* slow wandering of the resting rate, bpm */
  int     active_left;    /* minutes of exercise still to go */
  double  active_boost;   /* bpm added while active */
} Generator;

static double
gaussian (GRand *rand)
{
  /* Box-Muller; 1 - u keeps log() away from zero. */
  double u = 1.0 - g_rand_double (rand);
  double v = g_rand_double (rand);
  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

static void
generate (Generator           *gen,
          gint64               time_ms,
          AscendHealthReading *r)
{
  /* The day's rhythm in UTC is as good as local time for a benchmark. */
  double hour = (double) (time_ms % DAY_MS) / (60.0 * MINUTE_MS);
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
    hr = 58.0 + 2.0 * cos ((hour < 7.0 ? hour + 24.0 - 23.0 : hour - 23.0) / 8.0 * G_PI);
  else
    hr = 70.0 + 6.0 * sin ((hour - 7.0) / 16.0 * G_PI);
  hr += gen->drift + 1.5 * gaussian (gen->rand);
  if (gen->active_left > 0)
    hr += gen->active_boost;
  r->heart_rate = (gint64) CLAMP (lround (hr), HR_MIN, HR_MAX);

  /* HRV falls as the rate rises; two decimals as DECIMAL(5,2) stores. */
  hrv = 80.0 - (r->heart_rate - HR_MIN) * (60.0 / (HR_MAX - HR_MIN)) + 6.0 * gaussian (gen->rand);
  hrv = CLAMP (hrv, 20.0, 80.0);
  r->hrv = round (hrv * 100.0) / 100.0;

  /* No stress score while moving (not sinus-rest windows) or on poor contact. */
  if (gen->active_left > 0 || g_rand_int_range (gen->rand, 0, 12) == 0)
    r->stress_level = ASCEND_NO_INT;
  else
    {
      /* Not inside CLAMP: it would draw a new random number per use. */
      long stress = lround (1.0 + (80.0 - r->hrv) / 60.0 * 9.0 + gaussian (gen->rand));
      r->stress_level = CLAMP (stress, 1, 10);
    }

  r->arrhythmia_detected = g_rand_int_range (gen->rand, 0, 2000) == 0;
  r->created_at = time_ms;
}

/* ---- bucketing ------------------------------------------------------------ */

typedef struct {
  double hr_sum, hrv_sum, stress_sum;
  guint  hr_n, hrv_n, stress_n;
} Sums;

/* What a caller without ascend_health_reading_buckets would write: load the
 * year as records, then bucket in C. Same bucket arithmetic as the SQL. */
static GArray *
naive_buckets (AscendDatabase *db,
               gint64          user_id,
               gint64          from,
               gint64          to,
               guint           n_buckets,
               GError        **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree Sums *sums = NULL;
  GArray *buckets;
  double width = (double) (to - from) / n_buckets;

  rows = ascend_health_reading_list (db, user_id, from, to, error);
  if (rows == NULL)
    return NULL;

  sums = g_new0 (Sums, n_buckets);
  buckets = g_array_sized_new (FALSE, TRUE, sizeof (AscendReadingBucket), n_buckets);
  g_array_set_size (buckets, n_buckets);
  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      b->time = from + (gint64) (i * width);
      b->heart_rate = b->heart_rate_min = b->heart_rate_max = b->hrv = b->stress = NAN;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const AscendHealthReading *r = g_ptr_array_index (rows, i);
      gint64 index = (gint64) ((double) (r->created_at - from) / width);
      AscendReadingBucket *b;
      Sums *s;

      if (index < 0 || index >= (gint64) n_buckets)
        continue;
      b = &g_array_index (buckets, AscendReadingBucket, index);
      s = &sums[index];
      b->count++;
      if (r->heart_rate != ASCEND_NO_INT)
        {
          s->hr_sum += r->heart_rate;
          s->hr_n++;
          if (isnan (b->heart_rate_min) || r->heart_rate < b->heart_rate_min)
            b->heart_rate_min = r->heart_rate;
          if (isnan (b->heart_rate_max) || r->heart_rate > b->heart_rate_max)
            b->heart_rate_max = r->heart_rate;
        }
      if (!isnan (r->hrv))
        {
          s->hrv_sum += r->hrv;
          s->hrv_n++;
        }
      if (r->stress_level != ASCEND_NO_INT)
        {
          s->stress_sum += r->stress_level;
          s->stress_n++;
        }
    }

  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      if (sums[i].hr_n)
        b->heart_rate = sums[i].hr_sum / sums[i].hr_n;
      if (sums[i].hrv_n)
        b->hrv = sums[i].hrv_sum / sums[i].hrv_n;
      if (sums[i].stress_n)
        b->stress = sums[i].stress_sum / sums[i].stress_n;
    }
  return buckets;
}

static gboolean
close_enough (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) <= 1e-6 * MAX (1.0, fabs (b));
}

/* The bucketed answer must have the right shape, plausible values, and
 * agree bucket by bucket with the naive computation. */
static gboolean
check_buckets (GArray *buckets,
               GArray *expected,
               guint64 expected_rows,
               guint   expected_non_empty)
{
  guint64 total = 0;
  guint non_empty = 0;
  gboolean ok = TRUE;

  if (buckets->len != N_BUCKETS)
    {
      g_printerr ("bench-store: %u buckets, expected %u\n", buckets->len, N_BUCKETS);
      return FALSE;
    }

  for (guint i = 0; i < buckets->len; i++)
    {
      const AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      const AscendReadingBucket *e = &g_array_index (expected, AscendReadingBucket, i);

      total += b->count;
      if (b->count == 0)
        continue;
      non_empty++;
      if (!(b->heart_rate >= HR_MIN && b->heart_rate <= HR_MAX &&
            b->heart_rate_min >= HR_MIN && b->heart_rate_max <= HR_MAX &&
            b->heart_rate_min <= b->heart_rate && b->heart_rate <= b->heart_rate_max))
        {
          g_printerr ("bench-store: bucket %u: heart rate mean %g (min %g, max %g) out of %d-%d\n",
                      i, b->heart_rate, b->heart_rate_min, b->heart_rate_max, HR_MIN, HR_MAX);
          ok = FALSE;
        }
      /* A bucket may hold no stress score (all of it exercise), never a wrong one. */
      if (!(b->hrv >= 20.0 && b->hrv <= 80.0) ||
          (!isnan (b->stress) && !(b->stress >= 1.0 && b->stress <= 10.0)))
        {
          g_printerr ("bench-store: bucket %u: hrv %g or stress %g out of range\n", i, b->hrv, b->stress);
          ok = FALSE;
        }
      if (b->time != e->time || b->count != e->count ||
          !close_enough (b->heart_rate, e->heart_rate) ||
          !close_enough (b->heart_rate_min, e->heart_rate_min) ||
          !close_enough (b->heart_rate_max, e->heart_rate_max) ||
          !close_enough (b->hrv, e->hrv) || !close_enough (b->stress, e->stress))
        {
          g_printerr ("bench-store: bucket %u differs from the naive computation: "
                      "count %u vs %u, heart rate %g vs %g, hrv %g vs %g, stress %g vs %g\n",
                      i, b->count, e->count, b->heart_rate, e->heart_rate,
                      b->hrv, e->hrv, b->stress, e->stress);
          ok = FALSE;
        }
    }

  if (total != expected_rows)
    {
      g_printerr ("bench-store: buckets hold %" G_GUINT64_FORMAT " readings, expected %" G_GUINT64_FORMAT "\n",
                  total, expected_rows);
      ok = FALSE;
    }
  /* A year of minutes fills every bucket; allow a few gaps, never many. */
  if (non_empty < expected_non_empty - expected_non_empty / 20)
    {
      g_printerr ("bench-store: only %u of %u buckets hold readings\n", non_empty, expected_non_empty);
      ok = FALSE;
    }
  return ok;
}

/* ---- main ----------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GArray) bucketed = NULL;
  g_autoptr(GArray) naive = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree AscendHealthReading **batch = NULL;
  g_autofree double *batch_ms = NULL;
  g_autofree double *query_ms = NULL;
  g_autofree double *naive_ms = NULL;
  const char *env_rows = g_getenv ("ASCEND_BENCH_ROWS");
  Generator gen = { 0 };
  GStatBuf st;
  gint64 end, start, from, to, user_id;
  gint64 inserted = 0;
  guint n_batches = 0;
  guint64 year_rows;
  guint year_non_empty;
  double insert_ms = 0, query_median, naive_median;
  int status = EXIT_SUCCESS;

  if (env_rows != NULL && *env_rows != '\0')
    opt_rows = g_ascii_strtoll (env_rows, NULL, 10);

  context = g_option_context_new ("- time the health readings store");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 2;
    }
  if (opt_rows < 1 || opt_batch < 1 || opt_runs < 1 || opt_naive_runs < 1)
    {
      g_printerr ("bench-store: --rows, --batch, --runs and --naive-runs must be positive\n");
      return 2;
    }

  tmpdir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }
  path = g_build_filename (tmpdir, "anime-ascend.db", NULL);

  db = ascend_database_open (path, &error);
  if (db == NULL)
    goto fail;

  user = ascend_user_new ();
  user->name = g_strdup ("Bench");
  user->login_method = g_strdup ("local");
  user_id = ascend_user_insert (db, user, &error);
  if (user_id == 0)
    goto fail;

  /* ---- insert: oldest first, as a sensor appends ---- */
  end = ascend_now_ms () / MINUTE_MS * MINUTE_MS;
  start = end - opt_rows * MINUTE_MS;
  gen.rand = g_rand_new_with_seed (20240601);

  batch = g_new0 (AscendHealthReading *, opt_batch);
  for (int i = 0; i < opt_batch; i++)
    batch[i] = ascend_health_reading_new ();
  batch_ms = g_new0 (double, (opt_rows + opt_batch - 1) / opt_batch);

  g_printerr ("bench-store: inserting %" G_GINT64_FORMAT " readings in batches of %d into %s\n",
              opt_rows, opt_batch, path);
  while (inserted < opt_rows)
    {
      guint n = (guint) MIN ((gint64) opt_batch, opt_rows - inserted);
      gint64 t0;

      for (guint i = 0; i < n; i++)
        {
          /* insert writes the new id back, and a record with an id is
           * inserted with that id: clear it so the row gets a fresh one. */
          batch[i]->id = 0;
          batch[i]->user_id = user_id;
          generate (&gen, start + (inserted + i) * MINUTE_MS, batch[i]);
        }

      t0 = g_get_monotonic_time ();
      if (!ascend_health_reading_insert_batch (db, batch, n, &error))
        goto fail;
      batch_ms[n_batches] = bench_elapsed_ms (t0);
      insert_ms += batch_ms[n_batches];
      n_batches++;
      inserted += n;

      if (n_batches % 100 == 0)
        g_printerr ("\rbench-store: %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, inserted, opt_rows);
    }
  g_printerr ("\rbench-store: %" G_GINT64_FORMAT " readings in %.1f s\n", inserted, insert_ms / 1000.0);

  /* Fold the WAL into the file so its size is what stays on disk. */
  if (!ascend_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
    goto fail;
  if (g_stat (path, &st) != 0)
    {
      g_printerr ("bench-store: could not stat %s: %s\n", path, g_strerror (errno));
      status = EXIT_FAILURE;
      goto out;
    }

  emit ("rows", (double) inserted, 0, "rows");
  emit ("insert_batch_size", opt_batch, 0, "rows");
  emit ("insert_rows_per_s", inserted / (insert_ms / 1000.0), 0, "rows/s");
  emit ("insert_total_s", insert_ms / 1000.0, 2, "s");
  emit ("insert_batch_median_ms", bench_median (batch_ms, n_batches), 3, "ms");
  /* median() sorted batch_ms: the last one is the slowest transaction. */
  emit ("insert_batch_max_ms", batch_ms[n_batches - 1], 3, "ms");
  emit ("db_size_mb", st.st_size / 1e6, 1, "MB");
  emit ("db_bytes_per_row", (double) st.st_size / inserted, 1, "B");

  /* ---- the chart query: the last year into 500 points ---- */
  to = end;
  from = end - YEAR_MS;
  {
    gint64 first = MAX (start, from);
    double width = (double) (to - from) / N_BUCKETS;
    guint first_bucket = (guint) ((double) (first - from) / width);

    year_rows = (guint64) ((to - first) / MINUTE_MS);
    year_non_empty = N_BUCKETS - first_bucket;
  }

  g_printerr ("bench-store: naive baseline, %" G_GUINT64_FORMAT " rows, %d runs\n", year_rows, opt_naive_runs);
  /* The first naive run is both its warm-up and the reference answer. */
  naive = naive_buckets (db, user_id, from, to, N_BUCKETS, &error);
  if (naive == NULL)
    goto fail;
  naive_ms = g_new0 (double, opt_naive_runs);
  for (int i = 0; i < opt_naive_runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      GArray *b = naive_buckets (db, user_id, from, to, N_BUCKETS, &error);
      if (b == NULL)
        goto fail;
      g_array_unref (b);
      naive_ms[i] = bench_elapsed_ms (t0);
    }
  naive_median = bench_median (naive_ms, opt_naive_runs);

  g_printerr ("bench-store: bucketed query, 1 warm-up + %d runs\n", opt_runs);
  bucketed = ascend_health_reading_buckets (db, user_id, from, to, N_BUCKETS, &error);
  if (bucketed == NULL)
    goto fail;
  if (!check_buckets (bucketed, naive, year_rows, year_non_empty))
    {
      g_printerr ("bench-store: ascend_health_reading_buckets gave a wrong answer\n");
      status = EXIT_FAILURE;
      goto out;
    }
  query_ms = g_new0 (double, opt_runs);
  for (int i = 0; i < opt_runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      GArray *b = ascend_health_reading_buckets (db, user_id, from, to, N_BUCKETS, &error);
      if (b == NULL)
        goto fail;
      g_array_unref (b);
      query_ms[i] = bench_elapsed_ms (t0);
    }
  query_median = bench_median (query_ms, opt_runs);

  emit ("query_year_rows", (double) year_rows, 0, "rows");
  emit ("query_year_500_median_ms", query_median, 3, "ms");
  emit ("query_year_500_p95_ms", bench_percentile_sorted (query_ms, opt_runs, 95), 3, "ms");
  emit ("naive_list_year_500_median_ms", naive_median, 3, "ms");
  emit ("naive_over_bucketed_ratio", naive_median / query_median, 2, "x");
  goto out;

fail:
  g_printerr ("bench-store: %s\n", error ? error->message : "failed");
  status = EXIT_FAILURE;

out:
  if (batch != NULL)
    for (int i = 0; i < opt_batch; i++)
      ascend_health_reading_free (batch[i]);
  g_clear_pointer (&gen.rand, g_rand_free);
  g_clear_object (&db);
  bench_remove_tree (tmpdir);
  return status;
}
