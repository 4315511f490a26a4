/* test-rollup.c: the chart loader and the reading roll-ups behind it
 *
 * Every answer is checked against a recomputation from the raw
 * healthReadings rows, done here in plain C, with each way the loader can
 * read (ASCEND_ROLLUP_PLAN deep: every roll-up level; raw: none; unset: the
 * cheapest):
 *   - buckets (mean/min/max heart rate, mean hrv and stress, count) for
 *     random ranges and bucket counts, after random inserts, updates and
 *     deletes (single and batch), with NULL values, and after a profile is
 *     deleted;
 *   - alerts in the range and irregular-rhythm episodes;
 *   - the async loader gives the same answer as the sync one, can be
 *     cancelled, and reads while the main connection holds a write
 *     transaction.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-health-rollup.h"
#include "ascend-export.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)
/* 2026-01-05 00:00 UTC: a fixed start keeps failures reproducible. */
#define T_START   ((gint64) 1767571200000)

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
  gint64          other;
  GRand          *rand;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Rin");
  f->other = ascend_test_add_user (f->db, "Sora");
  f->rand = g_rand_new_with_seed (g_test_rand_int ());
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->rand, g_rand_free);
}

/* ------------------------------------------------------------------------ */
/* Random readings                                                          */

static void
randomize (GRand               *rand,
           AscendHealthReading *r,
           gint64               user,
           gint64               time)
{
  r->id = 0;
  r->user_id = user;
  r->heart_rate = g_rand_int_range (rand, 0, 8) == 0 ? ASCEND_NO_INT : g_rand_int_range (rand, 40, 181);
  r->hrv = g_rand_int_range (rand, 0, 8) == 0 ? NAN : g_rand_int_range (rand, 500, 12000) / 100.0;
  r->stress_level = g_rand_int_range (rand, 0, 5) == 0 ? ASCEND_NO_INT : g_rand_int_range (rand, 1, 11);
  r->arrhythmia_detected = g_rand_int_range (rand, 0, 6) == 0;
  g_free (r->reading_type);
  r->reading_type = g_strdup (g_rand_int_range (rand, 0, 10) == 0 ? "manual" : "automatic");
  r->created_at = time;
}

/* A time in [T_START, T_START + span): mostly on the minute as the monitor
 * writes, sometimes anywhere (manual readings), sometimes on the same ms as
 * another. */
static gint64
random_time (GRand  *rand,
             gint64  span)
{
  gint64 t = T_START + (gint64) (g_rand_double (rand) * span);

  if (g_rand_int_range (rand, 0, 3) != 0)
    t -= (t - T_START) % MINUTE_MS;
  return t;
}

static gint64
insert_random (Fixture *f,
               gint64   user,
               gint64   time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
  gint64 id;

  randomize (f->rand, r, user, time);
  id = ascend_health_reading_insert (f->db, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* ------------------------------------------------------------------------ */
/* The reference: everything recomputed from the raw rows                   */

static GPtrArray *
all_readings (AscendDatabase *db,
              gint64          user)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = ascend_health_reading_list (db, user, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static GArray *
reference_buckets (GPtrArray *rows,
                   gint64     from,
                   gint64     to,
                   guint      n_buckets)
{
  GArray *buckets = g_array_sized_new (FALSE, TRUE, sizeof (AscendReadingBucket), n_buckets);
  g_autofree double *hr_sum = g_new0 (double, n_buckets);
  g_autofree double *hrv_sum = g_new0 (double, n_buckets);
  g_autofree double *stress_sum = g_new0 (double, n_buckets);
  g_autofree guint *hr_n = g_new0 (guint, n_buckets);
  g_autofree guint *hrv_n = g_new0 (guint, n_buckets);
  g_autofree guint *stress_n = g_new0 (guint, n_buckets);
  double width = (double) (to - from) / n_buckets;

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
      gint64 index;
      AscendReadingBucket *b;

      if (r->created_at < from || r->created_at >= to)
        continue;
      index = (gint64) ((r->created_at - from) / width);
      index = MIN (index, (gint64) n_buckets - 1);
      b = &g_array_index (buckets, AscendReadingBucket, index);
      b->count++;
      if (r->heart_rate != ASCEND_NO_INT)
        {
          hr_sum[index] += r->heart_rate;
          if (hr_n[index]++ == 0 || r->heart_rate < b->heart_rate_min)
            b->heart_rate_min = r->heart_rate;
          if (hr_n[index] == 1 || r->heart_rate > b->heart_rate_max)
            b->heart_rate_max = r->heart_rate;
        }
      if (!isnan (r->hrv))
        {
          hrv_sum[index] += r->hrv;
          hrv_n[index]++;
        }
      if (r->stress_level != ASCEND_NO_INT)
        {
          stress_sum[index] += r->stress_level;
          stress_n[index]++;
        }
    }
  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      if (hr_n[i] > 0)
        b->heart_rate = hr_sum[i] / hr_n[i];
      if (hrv_n[i] > 0)
        b->hrv = hrv_sum[i] / hrv_n[i];
      if (stress_n[i] > 0)
        b->stress = stress_sum[i] / stress_n[i];
    }
  return buckets;
}

static gint
compare_readings (gconstpointer a,
                  gconstpointer b)
{
  const AscendHealthReading *x = *(AscendHealthReading **) a;
  const AscendHealthReading *y = *(AscendHealthReading **) b;

  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static GArray *
reference_spans (GPtrArray *rows,
                 gint64     from,
                 gint64     to)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (AscendChartSpan));
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (rows->len);
  gboolean open = FALSE;
  gint64 first = 0, last = 0;

  /* A copy without the free function: rows keeps the records. */
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (rows, i));

  g_ptr_array_sort (sorted, compare_readings);
  for (guint i = 0; i <= sorted->len; i++)
    {
      const AscendHealthReading *r = i < sorted->len ? g_ptr_array_index (sorted, i) : NULL;

      if (r != NULL && (r->created_at < from || r->created_at >= to))
        continue;
      if (open && (r == NULL || !r->arrhythmia_detected ||
                   r->created_at - last > ASCEND_CHART_SPAN_MAX_GAP_MS))
        {
          AscendChartSpan span = { first, MIN (last + MINUTE_MS, to) };
          g_array_append_val (spans, span);
          open = FALSE;
        }
      if (r != NULL && r->arrhythmia_detected)
        {
          if (!open)
            first = r->created_at;
          last = r->created_at;
          open = TRUE;
        }
    }
  return spans;
}

static void
assert_same_double (double      got,
                    double      want,
                    const char *what,
                    guint       index)
{
  if (isnan (want) && isnan (got))
    return;
  if (isnan (want) || isnan (got) || fabs (got - want) > 1e-9 * MAX (1.0, fabs (want)))
    g_error ("bucket %u: %s is %.12g, recomputed from the raw readings %.12g", index, what, got, want);
}

static void
assert_same_buckets (GArray *got,
                     GArray *want)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      const AscendReadingBucket *g = &g_array_index (got, AscendReadingBucket, i);
      const AscendReadingBucket *w = &g_array_index (want, AscendReadingBucket, i);

      g_assert_cmpint (g->time, ==, w->time);
      if (g->count != w->count)
        g_error ("bucket %u: %u readings, recomputed from the raw readings %u", i, g->count, w->count);
      assert_same_double (g->heart_rate, w->heart_rate, "mean heart rate", i);
      /* Min and max are whole bpm: exactly equal or both missing. */
      assert_same_double (g->heart_rate_min, w->heart_rate_min, "lowest heart rate", i);
      assert_same_double (g->heart_rate_max, w->heart_rate_max, "highest heart rate", i);
      assert_same_double (g->hrv, w->hrv, "mean hrv", i);
      assert_same_double (g->stress, w->stress, "mean stress", i);
    }
}

static void
assert_same_spans (GArray *got,
                   GArray *want)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      g_assert_cmpint (g_array_index (got, AscendChartSpan, i).from, ==, g_array_index (want, AscendChartSpan, i).from);
      g_assert_cmpint (g_array_index (got, AscendChartSpan, i).to, ==, g_array_index (want, AscendChartSpan, i).to);
    }
}

static void
assert_same_beats (GArray *got,
                   GArray *want)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    {
      const AscendBeatRange *g = &g_array_index (got, AscendBeatRange, i);
      const AscendBeatRange *w = &g_array_index (want, AscendBeatRange, i);
      g_assert_cmpint (g->time, ==, w->time);
      g_assert_cmpuint (g->beats, ==, w->beats);
      assert_same_double (g->heart_rate_min, w->heart_rate_min, "beat heart rate low", i);
      assert_same_double (g->heart_rate_max, w->heart_rate_max, "beat heart rate high", i);
    }
}

static void
assert_same_data (AscendHealthChartData *got,
                  AscendHealthChartData *want)
{
  assert_same_buckets (got->buckets, want->buckets);
  assert_same_beats (got->beats, want->beats);
  assert_same_spans (got->irregular, want->irregular);
  g_assert_cmpuint (got->alerts->len, ==, want->alerts->len);
  for (guint i = 0; i < got->alerts->len; i++)
    {
      const AscendChartMarker *g = &g_array_index (got->alerts, AscendChartMarker, i);
      const AscendChartMarker *w = &g_array_index (want->alerts, AscendChartMarker, i);
      g_assert_cmpint (g->time, ==, w->time);
      g_assert_cmpstr (g->alert_type, ==, w->alert_type);
      g_assert_cmpstr (g->severity, ==, w->severity);
    }
}

/* A random range over [T_START - day, T_START + span + day) with a random
 * bucket count: sometimes aligned to minutes or hours, mostly not. */
static void
random_range (GRand  *rand,
              gint64  span,
              gint64 *from,
              gint64 *to,
              guint  *n_buckets)
{
  gint64 a = T_START - DAY_MS + (gint64) (g_rand_double (rand) * (span + 2 * DAY_MS));
  gint64 b = T_START - DAY_MS + (gint64) (g_rand_double (rand) * (span + 2 * DAY_MS));

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      a -= a % HOUR_MS;
      b -= b % HOUR_MS;
      break;
    case 1:
      a -= a % MINUTE_MS;
      b -= b % MINUTE_MS;
      break;
    default:
      break;
    }
  *from = MIN (a, b);
  *to = MAX (a, b);
  if (*to == *from)
    *to = *from + 1;
  *n_buckets = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 8) : g_rand_int_range (rand, 1, 1300);

  /* Sometimes buckets of whole minutes, ten minutes or hours, as a chart
   * that snaps its grid would ask: every roll-up row then fits a bucket. */
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      static const gint64 widths[] = { MINUTE_MS, 10 * MINUTE_MS, HOUR_MS, 3 * HOUR_MS };
      gint64 width = widths[g_rand_int_range (rand, 0, G_N_ELEMENTS (widths))];

      *from -= *from % HOUR_MS;
      *n_buckets = (guint) CLAMP ((*to - *from) / width, 1, 1300);
      *to = *from + *n_buckets * width;
    }
}

/* The loader against the raw recomputation for n random ranges. */
static void
check_random_ranges (Fixture *f,
                     gint64   user,
                     gint64   span,
                     guint    n)
{
  g_autoptr(GPtrArray) rows = all_readings (f->db, user);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AscendHealthChartData) data = NULL;
      g_autoptr(GArray) want = NULL;
      g_autoptr(GArray) want_spans = NULL;
      g_autoptr(GArray) plain = NULL;
      gint64 from, to;
      guint n_buckets;

      random_range (f->rand, span, &from, &to, &n_buckets);
      data = ascend_health_chart_data_load (f->db, user, from, to, n_buckets, &error);
      g_assert_no_error (error);
      want = reference_buckets (rows, from, to, n_buckets);
      assert_same_buckets (data->buckets, want);
      want_spans = reference_spans (rows, from, to);
      assert_same_spans (data->irregular, want_spans);

      plain = ascend_health_reading_buckets (f->db, user, from, to, n_buckets, &error);
      g_assert_no_error (error);
      assert_same_buckets (plain, want);
    }
}

/* ------------------------------------------------------------------------ */
/* Loader                                                                   */

static gint64 add_block (Fixture      *f,
                         gint64        user,
                         gint64        started_at,
                         const double *rr,
                         guint         n);
static void check_ranges_every_plan (Fixture *f,
                                     gint64   user,
                                     gint64   span,
                                     guint    n);

static void
test_loader_matches_raw (Fixture       *f,
                         gconstpointer  data)
{
  const gint64 span = 3 * DAY_MS;

  for (guint i = 0; i < 1500; i++)
    insert_random (f, f->user, random_time (f->rand, span));
  for (guint i = 0; i < 100; i++)
    insert_random (f, f->other, random_time (f->rand, span));
  check_ranges_every_plan (f, f->user, span, 40);
  check_ranges_every_plan (f, f->other, span, 10);
}

/* Several readings a minute (manual ones on top of the monitor's), so the
 * cheapest plan reads minute roll-ups too. */
static void
test_loader_dense_readings (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_health_reading_free);
  const gint64 span = 10 * HOUR_MS;

  for (gint64 t = T_START; t < T_START + span; t += 15 * 1000 + g_rand_int_range (f->rand, -3000, 3000))
    {
      AscendHealthReading *r = ascend_health_reading_new ();
      randomize (f->rand, r, f->user, t);
      g_ptr_array_add (batch, r);
    }
  g_assert_true (ascend_health_reading_insert_batch (f->db, (AscendHealthReading **) batch->pdata, batch->len, &error));
  g_assert_no_error (error);
  check_ranges_every_plan (f, f->user, span, 30);
}

static void
add_alert (Fixture    *f,
           gint64      user,
           gint64      time,
           const char *type,
           const char *severity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthAlert) alert = ascend_health_alert_new ();

  alert->user_id = user;
  alert->alert_type = g_strdup (type);
  alert->severity = g_strdup (severity);
  alert->message = g_strdup ("test");
  alert->created_at = time;
  g_assert_cmpint (ascend_health_alert_insert (f->db, alert, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_loader_alerts_and_spans (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthChartData) chart = NULL;
  /* Minutes 0-9 monitored, irregular at 2-4 and 7; then single irregular
   * readings at 20 and 30 with nothing between (sensor off): two episodes. */
  const int irregular[] = { 2, 3, 4, 7, 20, 30 };
  const AscendChartSpan want[] = {
    { T_START + 2 * MINUTE_MS, T_START + 5 * MINUTE_MS },
    { T_START + 7 * MINUTE_MS, T_START + 8 * MINUTE_MS },
    { T_START + 20 * MINUTE_MS, T_START + 21 * MINUTE_MS },
    { T_START + 30 * MINUTE_MS, T_START + 31 * MINUTE_MS },
  };
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();

  for (int m = 0; m <= 30; m++)
    {
      gboolean is_irregular = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (irregular); k++)
        is_irregular |= irregular[k] == m;
      if (m >= 10 && !is_irregular)
        continue;
      r->id = 0;
      r->user_id = f->user;
      r->heart_rate = 70 + m;
      r->arrhythmia_detected = is_irregular;
      r->created_at = T_START + m * MINUTE_MS;
      g_assert_cmpint (ascend_health_reading_insert (f->db, r, &error), >, 0);
      g_assert_no_error (error);
    }
  add_alert (f, f->user, T_START - 1, "high_stress", "low");          /* before the range */
  add_alert (f, f->user, T_START + 3 * MINUTE_MS, "arrhythmia", "high");
  add_alert (f, f->user, T_START + 20 * MINUTE_MS, "fall_detected", "critical");
  add_alert (f, f->other, T_START + 21 * MINUTE_MS, "high_heart_rate", "medium"); /* another profile */
  add_alert (f, f->user, T_START + HOUR_MS, "low_heart_rate", "medium"); /* at the end: outside */

  chart = ascend_health_chart_data_load (f->db, f->user, T_START, T_START + HOUR_MS, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chart->irregular->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_assert_cmpint (g_array_index (chart->irregular, AscendChartSpan, i).from, ==, want[i].from);
      g_assert_cmpint (g_array_index (chart->irregular, AscendChartSpan, i).to, ==, want[i].to);
    }
  g_assert_cmpuint (chart->alerts->len, ==, 2);
  g_assert_cmpint (g_array_index (chart->alerts, AscendChartMarker, 0).time, ==, T_START + 3 * MINUTE_MS);
  g_assert_cmpstr (g_array_index (chart->alerts, AscendChartMarker, 0).alert_type, ==, "arrhythmia");
  g_assert_cmpstr (g_array_index (chart->alerts, AscendChartMarker, 0).severity, ==, "high");
  g_assert_cmpstr (g_array_index (chart->alerts, AscendChartMarker, 1).alert_type, ==, "fall_detected");
  g_assert_cmpstr (g_array_index (chart->alerts, AscendChartMarker, 1).severity, ==, "critical");
  /* One bucket per minute: minute 3 holds heart rate 73. */
  g_assert_cmpuint (chart->buckets->len, ==, 60);
  g_assert_cmpfloat (g_array_index (chart->buckets, AscendReadingBucket, 3).heart_rate, ==, 73.0);
  g_assert_cmpuint (g_array_index (chart->buckets, AscendReadingBucket, 15).count, ==, 0);
  g_clear_pointer (&chart, ascend_health_chart_data_free);

  /* An episode cut by the range keeps only the part inside. */
  chart = ascend_health_chart_data_load (f->db, f->user, T_START + 3 * MINUTE_MS + 5,
                                         T_START + 4 * MINUTE_MS + 10, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chart->irregular->len, ==, 1);
  g_assert_cmpint (g_array_index (chart->irregular, AscendChartSpan, 0).from, ==, T_START + 4 * MINUTE_MS);
  g_assert_cmpint (g_array_index (chart->irregular, AscendChartSpan, 0).to, ==, T_START + 4 * MINUTE_MS + 10);
}

static void
test_loader_refuses_bad_range (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AscendHealthChartData *chart;

  chart = ascend_health_chart_data_load (f->db, f->user, T_START, T_START, 10, &error);
  g_assert_null (chart);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  chart = ascend_health_chart_data_load (f->db, f->user, T_START, T_START + DAY_MS, 0, &error);
  g_assert_null (chart);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static AscendHealthChartData *
load_async_and_wait (AscendDatabase  *db,
                     gint64           user,
                     gint64           from,
                     gint64           to,
                     guint            n_buckets,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ascend_health_chart_data_load_async (db, user, from, to, n_buckets, cancellable, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ascend_health_chart_data_load_finish (result, error);
}

static void
test_async_equals_sync (Fixture       *f,
                        gconstpointer  data)
{
  const gint64 span = 2 * DAY_MS;

  for (guint i = 0; i < 2000; i++)
    insert_random (f, f->user, random_time (f->rand, span));
  add_alert (f, f->user, T_START + HOUR_MS, "high_heart_rate", "medium");
  add_alert (f, f->user, T_START + 2 * HOUR_MS, "arrhythmia", "high");
  for (guint m = 0; m < 120; m++)
    {
      const double rr[] = { 700 + m, 820, 905.5, 640 };
      add_block (f, f->user, T_START + m * 7 * MINUTE_MS, rr, G_N_ELEMENTS (rr));
    }

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AscendHealthChartData) sync = NULL;
      g_autoptr(AscendHealthChartData) async = NULL;
      gint64 from, to;
      guint n_buckets;

      random_range (f->rand, span, &from, &to, &n_buckets);
      if (i == 0)
        {
          from = T_START;
          to = T_START + span;
        }
      sync = ascend_health_chart_data_load (f->db, f->user, from, to, n_buckets, &error);
      g_assert_no_error (error);
      async = load_async_and_wait (f->db, f->user, from, to, n_buckets, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (async);
      assert_same_data (async, sync);
      if (i == 0)
        {
          g_assert_cmpuint (async->alerts->len, ==, 2);
          g_assert_cmpuint (async->beats->len, ==, 120);
        }
    }
}

static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AscendHealthChartData) chart = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  for (guint i = 0; i < 200; i++)
    insert_random (f, f->user, random_time (f->rand, DAY_MS));

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  chart = load_async_and_wait (f->db, f->user, T_START, T_START + DAY_MS, 100, cancellable, &error);
  g_assert_null (chart);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while it runs: the callback still comes, once, with CANCELLED. */
  g_cancellable_reset (cancellable);
  ascend_health_chart_data_load_async (f->db, f->user, T_START, T_START + DAY_MS, 100, cancellable,
                                       on_loaded, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  chart = ascend_health_chart_data_load_finish (result, &error);
  g_assert_null (chart);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A fresh cancellable that is never cancelled loads normally. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  chart = load_async_and_wait (f->db, f->user, T_START, T_START + DAY_MS, 100, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chart);
  g_assert_cmpuint (chart->buckets->len, ==, 100);
}

/* The main connection holds a write transaction (with a reading not yet
 * committed) while the loader reads: the loader neither waits for it nor
 * sees the uncommitted row. */
static void
test_async_reads_while_writing (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHealthChartData) before = NULL;
  g_autoptr(AscendHealthChartData) during = NULL;
  g_autoptr(AscendHealthChartData) after = NULL;
  guint total_before = 0, total_during = 0, total_after = 0;
  gint64 started;

  for (guint i = 0; i < 500; i++)
    insert_random (f, f->user, random_time (f->rand, DAY_MS));
  before = ascend_health_chart_data_load (f->db, f->user, T_START, T_START + DAY_MS, 24, &error);
  g_assert_no_error (error);

  g_assert_true (ascend_database_begin (f->db, &error));
  for (guint i = 0; i < 50; i++)
    insert_random (f, f->user, random_time (f->rand, DAY_MS));
  started = g_get_monotonic_time ();
  during = load_async_and_wait (f->db, f->user, T_START, T_START + DAY_MS, 24, NULL, &error);
  g_assert_no_error (error);
  /* Far below the 5 s busy timeout: it did not wait for the writer. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
  g_assert_true (ascend_database_commit (f->db, &error));
  g_assert_no_error (error);
  after = load_async_and_wait (f->db, f->user, T_START, T_START + DAY_MS, 24, NULL, &error);
  g_assert_no_error (error);

  assert_same_data (during, before);
  for (guint i = 0; i < 24; i++)
    {
      total_before += g_array_index (before->buckets, AscendReadingBucket, i).count;
      total_during += g_array_index (during->buckets, AscendReadingBucket, i).count;
      total_after += g_array_index (after->buckets, AscendReadingBucket, i).count;
    }
  g_assert_cmpuint (total_before, ==, 500);
  g_assert_cmpuint (total_during, ==, 500);
  g_assert_cmpuint (total_after, ==, 550);
}

/* ------------------------------------------------------------------------ */
/* Roll-up rows against the raw readings                                    */

typedef struct {
  gint64 count, hr_sum, hr_n, hr_min, hr_max, hrv_n, stress_sum, stress_n, irregular;
  double hrv_sum;
} Rollup;

static void
rollup_add (GHashTable                *table,
            gint64                     user,
            gint64                     start,
            const AscendHealthReading *r)
{
  char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, user, start);
  Rollup *x = g_hash_table_lookup (table, key);

  if (x == NULL)
    {
      x = g_new0 (Rollup, 1);
      g_hash_table_insert (table, key, x);
    }
  else
    g_free (key);
  x->count++;
  if (r->heart_rate != ASCEND_NO_INT)
    {
      if (x->hr_n == 0 || r->heart_rate < x->hr_min)
        x->hr_min = r->heart_rate;
      if (x->hr_n == 0 || r->heart_rate > x->hr_max)
        x->hr_max = r->heart_rate;
      x->hr_sum += r->heart_rate;
      x->hr_n++;
    }
  if (!isnan (r->hrv))
    {
      x->hrv_sum += r->hrv;
      x->hrv_n++;
    }
  if (r->stress_level != ASCEND_NO_INT)
    {
      x->stress_sum += r->stress_level;
      x->stress_n++;
    }
  x->irregular += r->arrhythmia_detected != 0;
}

static gint64
floor_ms (gint64 t,
          gint64 size)
{
  gint64 r = t % size;
  return r < 0 ? t - r - size : t - r;
}

/* Every row of table equals the sums recomputed from the raw readings of
 * users, and no roll-up is missing or left over. */
static void
assert_rollups_match (AscendDatabase *db,
                      const char     *table,
                      gint64          size,
                      const gint64   *users,
                      guint           n_users)
{
  g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, "
                                          "stressSum, stressCount, irregularCount FROM %s", table);
  sqlite3_stmt *stmt;
  guint rows = 0;

  for (guint u = 0; u < n_users; u++)
    {
      g_autoptr(GPtrArray) readings = all_readings (db, users[u]);
      for (guint i = 0; i < readings->len; i++)
        {
          const AscendHealthReading *r = g_ptr_array_index (readings, i);
          rollup_add (want, users[u], floor_ms (r->created_at, size), r);
        }
    }

  stmt = ascend_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                              (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1));
      Rollup *x = g_hash_table_lookup (want, key);

      if (x == NULL)
        g_error ("%s has a row for %s, where there are no readings", table, key);
      rows++;
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, x->count);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, x->hr_sum);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, x->hr_n);
      if (x->hr_n == 0)
        {
          g_assert_cmpint (sqlite3_column_type (stmt, 5), ==, SQLITE_NULL);
          g_assert_cmpint (sqlite3_column_type (stmt, 6), ==, SQLITE_NULL);
        }
      else
        {
          g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, x->hr_min);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 6), ==, x->hr_max);
        }
      g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 7), x->hrv_sum, 1e-9 * MAX (1.0, x->hrv_sum));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 8), ==, x->hrv_n);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 9), ==, x->stress_sum);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 10), ==, x->stress_n);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 11), ==, x->irregular);
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (rows, ==, g_hash_table_size (want));
}

static void
assert_all_rollups_match (Fixture *f,
                          gboolean other_exists)
{
  const gint64 users[] = { f->user, f->other };
  guint n = other_exists ? 2 : 1;

  assert_rollups_match (f->db, "readingRollupMinutes", MINUTE_MS, users, n);
  assert_rollups_match (f->db, "readingRollupTenMinutes", 10 * MINUTE_MS, users, n);
  assert_rollups_match (f->db, "readingRollupHours", HOUR_MS, users, n);
}

/* The loader with each way of reading cut hours, against the raw rows. */
static void
check_ranges_every_plan (Fixture *f,
                         gint64   user,
                         gint64   span,
                         guint    n)
{
  const char *plans[] = { "deep", "raw", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      if (plans[i] != NULL)
        g_setenv ("ASCEND_ROLLUP_PLAN", plans[i], TRUE);
      else
        g_unsetenv ("ASCEND_ROLLUP_PLAN");
      check_random_ranges (f, user, span, n);
    }
  g_unsetenv ("ASCEND_ROLLUP_PLAN");
}

static GArray *
reading_ids (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = ascend_database_prepare (f->db, "SELECT id FROM healthReadings ORDER BY id", &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

static void
exec_sql (AscendDatabase *db,
          const char     *sql)
{
  g_autoptr(GError) error = NULL;

  ascend_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* One round of random writes of every kind the app and scripts make. */
static void
random_edits (Fixture *f,
              gint64   span)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint n_batch = g_rand_int_range (f->rand, 1, 200);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_health_reading_free);
  gint64 user;

  /* Single inserts, for both profiles. */
  for (guint i = 0; i < 150; i++)
    insert_random (f, g_rand_boolean (f->rand) ? f->user : f->other, random_time (f->rand, span));

  /* A sensor batch: a run of minutes in one transaction. */
  user = g_rand_boolean (f->rand) ? f->user : f->other;
  {
    gint64 start = random_time (f->rand, span);
    for (guint i = 0; i < n_batch; i++)
      {
        AscendHealthReading *r = ascend_health_reading_new ();
        randomize (f->rand, r, user, start + i * MINUTE_MS);
        g_ptr_array_add (batch, r);
      }
    g_assert_true (ascend_health_reading_insert_batch (f->db, (AscendHealthReading **) batch->pdata,
                                                       batch->len, &error));
    g_assert_no_error (error);
  }

  /* Updates through the store: any field, the time and even the owner. */
  ids = reading_ids (f);
  for (guint i = 0; i < 60 && ids->len > 0; i++)
    {
      gint64 id = g_array_index (ids, gint64, g_rand_int_range (f->rand, 0, ids->len));
      g_autoptr(AscendHealthReading) r = ascend_health_reading_get (f->db, id, &error);
      g_assert_no_error (error);
      switch (g_rand_int_range (f->rand, 0, 5))
        {
        case 0:
          r->created_at = random_time (f->rand, span);
          break;
        case 1:
          r->user_id = r->user_id == f->user ? f->other : f->user;
          break;
        case 2:
          r->heart_rate = g_rand_boolean (f->rand) ? ASCEND_NO_INT : g_rand_int_range (f->rand, 20, 301);
          break;
        default:
          randomize (f->rand, r, r->user_id, r->created_at);
          r->id = id;
          break;
        }
      g_assert_true (ascend_health_reading_update (f->db, r, &error));
      g_assert_no_error (error);
    }

  /* Deletes through the store. */
  for (guint i = 0; i < 80 && ids->len > 0; i++)
    {
      guint k = g_rand_int_range (f->rand, 0, ids->len);
      g_assert_true (ascend_health_reading_delete (f->db, g_array_index (ids, gint64, k), &error));
      g_assert_no_error (error);
      g_array_remove_index_fast (ids, k);
    }

  /* Writes of many rows in one statement, as a script would make. */
  {
    gint64 t = random_time (f->rand, span);
    g_autofree char *shift = g_strdup_printf ("UPDATE healthReadings SET createdAt = createdAt + 90000 "
                                              "WHERE createdAt BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                                              t, t + 20 * MINUTE_MS);
    g_autofree char *nulls = g_strdup_printf ("UPDATE healthReadings SET hrv = NULL, stressLevel = NULL "
                                              "WHERE createdAt BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                                              t + HOUR_MS, t + 2 * HOUR_MS);
    g_autofree char *erase = g_strdup_printf ("DELETE FROM healthReadings WHERE createdAt BETWEEN %" G_GINT64_FORMAT
                                              " AND %" G_GINT64_FORMAT, t + 3 * HOUR_MS, t + 3 * HOUR_MS + 30 * MINUTE_MS);
    exec_sql (f->db, shift);
    exec_sql (f->db, nulls);
    exec_sql (f->db, erase);
  }
}

static void
test_rollups_random_edits (Fixture       *f,
                           gconstpointer  data)
{
  const gint64 span = 2 * DAY_MS;

  for (guint round = 0; round < 6; round++)
    {
      random_edits (f, span);
      assert_all_rollups_match (f, TRUE);
      check_ranges_every_plan (f, f->user, span, 12);
      check_ranges_every_plan (f, f->other, span, 4);
    }
}

/* A failed batch leaves the roll-ups as they were: the triggers run in the
 * transaction that rolls back. */
static void
test_rollups_failed_batch (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_health_reading_free);

  for (guint i = 0; i < 300; i++)
    insert_random (f, f->user, random_time (f->rand, DAY_MS));
  for (guint i = 0; i < 20; i++)
    {
      AscendHealthReading *r = ascend_health_reading_new ();
      randomize (f->rand, r, f->user, T_START + i * MINUTE_MS);
      g_ptr_array_add (batch, r);
    }
  /* The last reading breaks a CHECK. */
  ((AscendHealthReading *) g_ptr_array_index (batch, 19))->stress_level = 11;
  g_assert_false (ascend_health_reading_insert_batch (f->db, (AscendHealthReading **) batch->pdata,
                                                      batch->len, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  assert_all_rollups_match (f, TRUE);
  check_random_ranges (f, f->user, DAY_MS, 10);
}

static gint64
count_rows (AscendDatabase *db,
            const char     *sql,
            gint64          user)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ascend_database_prepare (db, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, user);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_rollups_user_delete_cascades (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 400; i++)
    insert_random (f, i % 2 ? f->user : f->other, random_time (f->rand, DAY_MS));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM readingRollupHours WHERE userId = ?", f->other), >, 0);

  g_assert_true (ascend_user_delete (f->db, f->other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM readingRollupMinutes WHERE userId = ?", f->other), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM readingRollupTenMinutes WHERE userId = ?", f->other), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM readingRollupHours WHERE userId = ?", f->other), ==, 0);
  assert_all_rollups_match (f, FALSE);
  check_random_ranges (f, f->user, DAY_MS, 10);
}

/* A version-5 file with readings (no roll-ups then) upgrades with its
 * roll-ups filled. */
static void
test_migration_fills_rollups (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 600; i++)
    insert_random (f, i % 3 ? f->user : f->other, random_time (f->rand, 2 * DAY_MS));
  /* Back to what schema 005 had, then readings written by that version. */
  exec_sql (f->db,
            "DROP TRIGGER trg_readingRollups_insert; DROP TRIGGER trg_readingRollups_update;"
            "DROP TRIGGER trg_readingRollups_delete; DROP INDEX idx_healthReadings_irregular;"
            "DROP TABLE readingRollupMinutes; DROP TABLE readingRollupTenMinutes; DROP TABLE readingRollupHours;"
            "PRAGMA user_version = 5;");
  for (guint i = 0; i < 300; i++)
    insert_random (f, f->user, random_time (f->rand, 2 * DAY_MS));
  exec_sql (f->db, "DELETE FROM healthReadings WHERE id % 7 = 0");
  g_clear_object (&f->db);

  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_database_get_schema_version (f->db), ==, ascend_database_get_latest_schema_version ());
  g_assert_cmpint (ascend_database_get_schema_version (f->db), >=, 6);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM readingRollupMinutes WHERE userId = ?", f->user), >, 0);
  assert_all_rollups_match (f, TRUE);
  check_ranges_every_plan (f, f->user, 2 * DAY_MS, 10);

  /* And the triggers work after the upgrade. */
  random_edits (f, 2 * DAY_MS);
  assert_all_rollups_match (f, TRUE);
}

/* An import writes healthReadings row by row: the triggers rebuild the
 * roll-ups of the target, which then answers charts as the source does. */
static void
test_import_rebuilds_rollups (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *target_path = NULL;
  AscendDatabase *source = f->db;
  g_autoptr(AscendDatabase) target = NULL;

  for (guint i = 0; i < 800; i++)
    insert_random (f, i % 4 ? f->user : f->other, random_time (f->rand, 2 * DAY_MS));
  root = ascend_export_json (source, 0, &error);
  g_assert_no_error (error);

  target = ascend_test_open_fresh_db (&target_path);
  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (target, "SELECT count(*) FROM readingRollupHours WHERE userId = ?", f->user), ==,
                   count_rows (source, "SELECT count(*) FROM readingRollupHours WHERE userId = ?", f->user));

  f->db = target;
  assert_all_rollups_match (f, TRUE);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(AscendHealthChartData) want = NULL;
      g_autoptr(AscendHealthChartData) got = NULL;
      gint64 from, to;
      guint n_buckets;

      random_range (f->rand, 2 * DAY_MS, &from, &to, &n_buckets);
      want = ascend_health_chart_data_load (source, f->user, from, to, n_buckets, &error);
      g_assert_no_error (error);
      got = ascend_health_chart_data_load (target, f->user, from, to, n_buckets, &error);
      g_assert_no_error (error);
      assert_same_data (got, want);
    }
  f->db = source;
}

/* ------------------------------------------------------------------------ */
/* Beat ranges                                                              */

static gint64
add_block (Fixture      *f,
           gint64        user,
           gint64        started_at,
           const double *rr,
           guint         n)
{
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *irregular = g_new0 (gboolean, n + 1);
  gint64 id;

  for (guint i = 0; i < n; i++)
    irregular[i] = i % 3 == 0;
  id = ascend_rr_block_insert (f->db, user, 0, started_at, rr, irregular, n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_beats_known_minutes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (AscendBeatRange));
  g_autoptr(GArray) decoded = g_array_new (FALSE, FALSE, sizeof (AscendBeatRange));
  g_autoptr(AscendHealthChartData) day = NULL;
  g_autoptr(AscendHealthChartData) month = NULL;
  /* Artefacts (150 ms, 4000 ms) count as beats but not in the band. */
  const double m0[] = { 800, 750, 1000, 150, 4000 };
  const double m1a[] = { 600, 610 };
  const double m1b[] = { 1200, 590.4 };
  const double m2[] = { 100, 3500 };
  const double m5[] = { 857 };
  const AscendBeatRange want[] = {
    { T_START, 60.0, 80.0, 5 },
    { T_START + MINUTE_MS, 50.0, 60000.0 / 590, 4 },
    { T_START + 2 * MINUTE_MS, NAN, NAN, 2 },
    { T_START + 5 * MINUTE_MS, 60000.0 / 857, 60000.0 / 857, 1 },
  };

  add_block (f, f->user, T_START, m0, G_N_ELEMENTS (m0));
  add_block (f, f->user, T_START + MINUTE_MS, m1a, G_N_ELEMENTS (m1a));
  add_block (f, f->user, T_START + MINUTE_MS + 30000, m1b, G_N_ELEMENTS (m1b));
  add_block (f, f->user, T_START + 2 * MINUTE_MS, m2, G_N_ELEMENTS (m2));
  add_block (f, f->user, T_START + 5 * MINUTE_MS, m5, G_N_ELEMENTS (m5));
  add_block (f, f->other, T_START + 3 * MINUTE_MS, m5, G_N_ELEMENTS (m5));  /* another profile */
  add_block (f, f->user, T_START + 10 * MINUTE_MS, m5, G_N_ELEMENTS (m5)); /* at the end: outside */

  g_assert_true (ascend_beat_ranges_load (f->db, f->user, T_START, T_START + 10 * MINUTE_MS, ranges, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ranges->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const AscendBeatRange *g = &g_array_index (ranges, AscendBeatRange, i);
      g_assert_cmpint (g->time, ==, want[i].time);
      g_assert_cmpuint (g->beats, ==, want[i].beats);
      assert_same_double (g->heart_rate_min, want[i].heart_rate_min, "beat heart rate low", i);
      assert_same_double (g->heart_rate_max, want[i].heart_rate_max, "beat heart rate high", i);
    }

  /* The chart data of a day carries them; of a month, not. */
  day = ascend_health_chart_data_load (f->db, f->user, T_START, T_START + 10 * MINUTE_MS, 10, &error);
  g_assert_no_error (error);
  assert_same_beats (day->beats, ranges);
  month = ascend_health_chart_data_load (f->db, f->user, T_START, T_START + 30 * DAY_MS, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (month->beats->len, ==, 0);

  /* Blocks from before schema 006 (no precomputed range) read the same. */
  exec_sql (f->db, "DELETE FROM rrBlockRanges");
  g_assert_true (ascend_beat_ranges_load (f->db, f->user, T_START, T_START + 10 * MINUTE_MS, decoded, &error));
  g_assert_no_error (error);
  assert_same_beats (decoded, ranges);
}

static void
test_beats_random_blocks (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (AscendBeatRange));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (AscendBeatRange));
  g_autoptr(GArray) decoded = g_array_new (FALSE, FALSE, sizeof (AscendBeatRange));

  for (guint m = 0; m < 300; m++)
    {
      guint n = g_rand_int_range (f->rand, 0, 150);
      g_autofree double *rr = g_new0 (double, n + 1);
      guint rr_min = 0, rr_max = 0;

      if (g_rand_int_range (f->rand, 0, 4) == 0)
        continue;
      for (guint i = 0; i < n; i++)
        {
          guint v;
          rr[i] = g_rand_int_range (f->rand, 0, 8) == 0 ? g_rand_double_range (f->rand, 0, 5000)
                                                        : g_rand_double_range (f->rand, 300, 1500);
          v = (guint) lround (rr[i]);
          if (ASCEND_RR_PLAUSIBLE (v))
            {
              if (rr_min == 0 || v < rr_min)
                rr_min = v;
              rr_max = MAX (rr_max, v);
            }
        }
      add_block (f, f->user, T_START + m * MINUTE_MS, rr, n);
      {
        AscendBeatRange r = { T_START + m * MINUTE_MS, rr_max ? 60000.0 / rr_max : NAN,
                              rr_min ? 60000.0 / rr_min : NAN, n };
        g_array_append_val (want, r);
      }
    }
  g_assert_true (ascend_beat_ranges_load (f->db, f->user, T_START, T_START + DAY_MS, got, &error));
  g_assert_no_error (error);
  assert_same_beats (got, want);
  exec_sql (f->db, "DELETE FROM rrBlockRanges WHERE blockId % 2 = 0");
  g_assert_true (ascend_beat_ranges_load (f->db, f->user, T_START, T_START + DAY_MS, decoded, &error));
  g_assert_no_error (error);
  assert_same_beats (decoded, want);

  /* A profile's blocks and their ranges go with it. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM rrBlockRanges WHERE ?1 > 0", f->user), >, 0);
  g_assert_true (ascend_user_delete (f->db, f->user, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM rrBlockRanges WHERE ?1 > 0", f->user), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/rollup/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("loader/matches-raw", test_loader_matches_raw);
  ADD ("loader/dense-readings", test_loader_dense_readings);
  ADD ("loader/alerts-and-spans", test_loader_alerts_and_spans);
  ADD ("loader/refuses-bad-range", test_loader_refuses_bad_range);
  ADD ("rollups/random-edits", test_rollups_random_edits);
  ADD ("rollups/failed-batch", test_rollups_failed_batch);
  ADD ("rollups/user-delete-cascades", test_rollups_user_delete_cascades);
  ADD ("rollups/migration-fills", test_migration_fills_rollups);
  ADD ("rollups/import-rebuilds", test_import_rebuilds_rollups);
  ADD ("beats/known-minutes", test_beats_known_minutes);
  ADD ("beats/random-blocks", test_beats_random_blocks);
  ADD ("async/equals-sync", test_async_equals_sync);
  ADD ("async/cancel", test_async_cancel);
  ADD ("async/reads-while-writing", test_async_reads_while_writing);
#undef ADD

  return g_test_run ();
}
