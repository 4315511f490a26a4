/* test-chart.c: the chart's data and scales, without a display
 *
 * What a user would notice:
 *   - a decimated chart never hides a spike or a dip: every pixel column
 *     reaches the true lowest and highest value of the points it stands
 *     for (a property test over random data and sizes, with gaps, NaN, one
 *     point, none);
 *   - LTTB keeps the ends and a lone spike;
 *   - hover and the arrow keys find the nearest point and step over gaps;
 *   - a day is midnight to midnight in local time, 23 or 25 hours across
 *     DST; weeks start on Monday; months and years land on the 1st;
 *   - time labels suit the range and fit the width; value ticks are round
 *     numbers that cover the data.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-chart-axis.h"
#include "ascend-chart-series.h"

/* ------------------------------------------------------------ decimation */

/* The column of t, found by bisection over the column starts (the sweep
 * under test walks them instead). */
static guint
reference_column (gint64 t,
                  gint64 from,
                  gint64 to,
                  guint  n_columns)
{
  guint lo = 0, hi = n_columns - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      gint64 start = from + (to - from) * (gint64) mid / (gint64) n_columns;
      if (start <= t)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

static void
check_decimation (const AscendChartPoint *points,
                  gsize                   n_points,
                  gint64                  from,
                  gint64                  to,
                  guint                   n_columns)
{
  g_autofree AscendChartColumn *columns = g_new (AscendChartColumn, n_columns + 1);
  g_autofree double *min = g_new (double, n_columns);
  g_autofree double *max = g_new (double, n_columns);
  g_autofree guint *count = g_new0 (guint, n_columns);
  double all_min = INFINITY, all_max = -INFINITY, col_min = INFINITY, col_max = -INFINITY;

  /* A guard after the last column: nothing may be written past it. */
  columns[n_columns].count = 0xdeadbeef;
  ascend_chart_decimate (points, n_points, from, to, n_columns, columns);
  g_assert_cmpuint (columns[n_columns].count, ==, 0xdeadbeef);

  for (gsize i = 0; i < n_points; i++)
    {
      const AscendChartPoint *p = &points[i];
      double lo, hi;
      guint c;

      if (p->time < from || p->time >= to || isnan (p->value))
        continue;
      lo = isnan (p->lo) ? p->value : MIN (p->lo, p->value);
      hi = isnan (p->hi) ? p->value : MAX (p->hi, p->value);
      c = reference_column (p->time, from, to, n_columns);
      if (count[c] == 0 || lo < min[c])
        min[c] = lo;
      if (count[c] == 0 || hi > max[c])
        max[c] = hi;
      count[c]++;
      all_min = MIN (all_min, lo);
      all_max = MAX (all_max, hi);
    }
  for (guint c = 0; c < n_columns; c++)
    {
      g_assert_cmpuint (columns[c].count, ==, count[c]);
      if (count[c] == 0)
        {
          g_assert_true (isnan (columns[c].min));
          g_assert_true (isnan (columns[c].max));
          g_assert_true (isnan (columns[c].mean));
          continue;
        }
      g_assert_cmpfloat (columns[c].min, ==, min[c]);
      g_assert_cmpfloat (columns[c].max, ==, max[c]);
      g_assert_cmpfloat (columns[c].mean, >=, min[c] - 1e-9);
      g_assert_cmpfloat (columns[c].mean, <=, max[c] + 1e-9);
      g_assert_cmpint (columns[c].first_time, <=, columns[c].last_time);
      col_min = MIN (col_min, columns[c].min);
      col_max = MAX (col_max, columns[c].max);
    }
  if (isfinite (all_min))
    {
      g_assert_cmpfloat (col_min, ==, all_min);
      g_assert_cmpfloat (col_max, ==, all_max);
    }
}

static AscendChartPoint
pt (gint64 time,
    double value)
{
  return (AscendChartPoint) { time, value, NAN, NAN };
}

static void
test_decimate_edge_cases (void)
{
  AscendChartPoint one[] = { pt (1000, 72) };
  AscendChartPoint nans[] = { pt (0, NAN), pt (10, NAN), pt (20, NAN) };
  AscendChartPoint ends[] = { pt (-5, 300), pt (0, 60), pt (99, 61), pt (100, 999) };
  AscendChartPoint gap[] = { pt (0, 60), pt (1, 70), pt (2, NAN), pt (900, 55), pt (901, 140) };
  AscendChartPoint band[] = { { 10, 70, 51, 90 }, { 20, 80, NAN, NAN }, { 30, 75, 74, 142 } };
  AscendChartColumn c[4];

  /* Empty: every column empty, no crash with NULL. */
  check_decimation (NULL, 0, 0, 100, 4);
  ascend_chart_decimate (NULL, 0, 0, 100, 4, c);
  g_assert_cmpuint (c[0].count, ==, 0);
  g_assert_true (isnan (c[3].max));

  /* One point: in the column it falls in, alone. */
  check_decimation (one, 1, 0, 4000, 4);
  ascend_chart_decimate (one, 1, 0, 4000, 4, c);
  g_assert_cmpuint (c[1].count, ==, 1);
  g_assert_cmpfloat (c[1].min, ==, 72);
  g_assert_cmpfloat (c[1].max, ==, 72);
  g_assert_cmpuint (c[0].count + c[2].count + c[3].count, ==, 0);

  /* All NaN: nothing. */
  ascend_chart_decimate (nans, 3, 0, 30, 3, c);
  for (int i = 0; i < 3; i++)
    g_assert_cmpuint (c[i].count, ==, 0);

  /* [from, to): the point at to and the one before from are left out. */
  check_decimation (ends, 4, 0, 100, 2);
  ascend_chart_decimate (ends, 4, 0, 100, 2, c);
  g_assert_cmpfloat (c[0].max, ==, 60);
  g_assert_cmpfloat (c[1].max, ==, 61);

  /* A gap leaves empty columns; NaN inside a column is skipped. */
  check_decimation (gap, 5, 0, 1000, 4);
  ascend_chart_decimate (gap, 5, 0, 1000, 4, c);
  g_assert_cmpuint (c[0].count, ==, 2);
  g_assert_cmpuint (c[1].count, ==, 0);
  g_assert_cmpuint (c[2].count, ==, 0);
  g_assert_cmpfloat (c[3].min, ==, 55);
  g_assert_cmpfloat (c[3].max, ==, 140);

  /* A bucket's own min and max count, not just its mean. */
  check_decimation (band, 3, 0, 40, 1);
  ascend_chart_decimate (band, 3, 0, 40, 1, c);
  g_assert_cmpfloat (c[0].min, ==, 51);
  g_assert_cmpfloat (c[0].max, ==, 142);
  g_assert_cmpfloat (c[0].mean, ==, 75);

  /* More columns than milliseconds: no column twice, none skipped. */
  check_decimation (gap, 5, 0, 3, 10);
  /* An empty or backwards range. */
  ascend_chart_decimate (gap, 5, 10, 10, 4, c);
  g_assert_cmpuint (c[0].count + c[1].count + c[2].count + c[3].count, ==, 0);
}

static void
test_decimate_random (void)
{
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());

  for (int trial = 0; trial < 300; trial++)
    {
      gsize n = (gsize) g_rand_int_range (rand, 0, trial < 10 ? 3 : 6000);
      g_autofree AscendChartPoint *points = g_new (AscendChartPoint, MAX (n, 1));
      gint64 t = g_rand_int_range (rand, -1000, 1000);
      gint64 from, to;
      guint n_columns = (guint) g_rand_int_range (rand, 1, 1500);

      for (gsize i = 0; i < n; i++)
        {
          /* Mostly steady ticks, sometimes a long gap or a repeat. */
          int r = g_rand_int_range (rand, 0, 100);
          t += r < 3 ? g_rand_int_range (rand, 1000, 100000) : r < 6 ? 0 : g_rand_int_range (rand, 1, 1000);
          points[i] = pt (t, g_rand_double_range (rand, 30, 220));
          if (g_rand_int_range (rand, 0, 20) == 0)
            points[i].value = NAN;
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              points[i].lo = points[i].value - g_rand_double_range (rand, 0, 20);
              points[i].hi = points[i].value + g_rand_double_range (rand, 0, 20);
            }
          if (g_rand_int_range (rand, 0, 500) == 0)
            points[i].value = g_rand_boolean (rand) ? 1e6 : -1e6; /* a wild spike */
        }
      from = n > 0 ? points[0].time + g_rand_int_range (rand, -500, 5000) : 0;
      to = n > 0 ? points[n - 1].time + g_rand_int_range (rand, -5000, 500) : 1000;
      if (to <= from)
        to = from + g_rand_int_range (rand, 1, 100000);
      check_decimation (points, n, from, to, n_columns);
    }
  g_rand_free (rand);
}

/* ----------------------------------------------------------------- LTTB */

static void
test_lttb (void)
{
  g_autofree AscendChartPoint *points = g_new (AscendChartPoint, 1000);
  AscendChartPoint out[100];
  gsize n;

  for (int i = 0; i < 1000; i++)
    points[i] = pt (i * 1000, 60 + (i % 7));
  points[500].value = 190;   /* a spike in a flat line */
  points[700].value = NAN;   /* a gap */

  n = ascend_chart_lttb (points, 1000, 100, out);
  g_assert_cmpuint (n, ==, 100);
  g_assert_cmpint (out[0].time, ==, 0);
  g_assert_cmpint (out[99].time, ==, 999000);
  for (gsize i = 1; i < n; i++)
    {
      g_assert_cmpint (out[i].time, >, out[i - 1].time);
      g_assert_false (isnan (out[i].value));
      /* Every output point is an input point. */
      g_assert_cmpfloat (out[i].value, ==, points[out[i].time / 1000].value);
    }
  {
    gboolean spike = FALSE;
    for (gsize i = 0; i < n; i++)
      spike |= out[i].value == 190;
    g_assert_true (spike);
  }

  /* Fewer points than the threshold: all of them, NaN left out. */
  n = ascend_chart_lttb (points + 695, 10, 100, out);
  g_assert_cmpuint (n, ==, 9);
  /* Tiny thresholds keep the ends. */
  g_assert_cmpuint (ascend_chart_lttb (points, 1000, 2, out), ==, 2);
  g_assert_cmpint (out[1].time, ==, 999000);
  g_assert_cmpuint (ascend_chart_lttb (points, 1000, 1, out), ==, 1);
  g_assert_cmpuint (ascend_chart_lttb (points, 0, 10, out), ==, 0);
  g_assert_cmpuint (ascend_chart_lttb (points, 1000, 0, NULL), ==, 0);
}

/* ------------------------------------------------------- nearest, step */

static void
test_nearest_and_step (void)
{
  AscendChartPoint p[] = { pt (0, 60), pt (100, NAN), pt (200, 70), pt (1000, 80), pt (5000, 90) };
  AscendChartStats stats;

  g_assert_cmpint (ascend_chart_points_nearest (p, 5, 0, 5000, 90), ==, 0);
  g_assert_cmpint (ascend_chart_points_nearest (p, 5, 0, 5000, 120), ==, 2);  /* NaN skipped */
  g_assert_cmpint (ascend_chart_points_nearest (p, 5, 0, 5000, 4999), ==, 3); /* 5000 is outside */
  g_assert_cmpint (ascend_chart_points_nearest (p, 5, 300, 900, 500), ==, -1);
  g_assert_cmpint (ascend_chart_points_nearest (p, 0, 0, 10, 5), ==, -1);

  g_assert_cmpint (ascend_chart_points_step (p, 5, 0, 5000, -1, 1), ==, 0);
  g_assert_cmpint (ascend_chart_points_step (p, 5, 0, 5000, 0, 1), ==, 2);
  g_assert_cmpint (ascend_chart_points_step (p, 5, 0, 5000, 2, 1), ==, 3);
  g_assert_cmpint (ascend_chart_points_step (p, 5, 0, 5000, 3, 1), ==, 3);   /* the end: stays */
  g_assert_cmpint (ascend_chart_points_step (p, 5, 0, 5000, -1, -1), ==, 3);
  g_assert_cmpint (ascend_chart_points_step (p, 5, 0, 5000, 2, -1), ==, 0);
  g_assert_cmpint (ascend_chart_points_step (p, 5, 150, 5000, 2, -1), ==, 2);

  ascend_chart_points_stats (p, 5, 0, 5000, &stats);
  g_assert_cmpuint (stats.count, ==, 3);
  g_assert_cmpfloat (stats.min, ==, 60);
  g_assert_cmpfloat (stats.max, ==, 80);
  g_assert_cmpfloat (stats.mean, ==, 70);
  ascend_chart_points_stats (p, 5, 6000, 7000, &stats);
  g_assert_cmpuint (stats.count, ==, 0);
  g_assert_true (isnan (stats.mean));
}

/* ----------------------------------------------------------------- axis */

static gint64
local_ms (GTimeZone *tz, int y, int m, int d, int h, int min)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, d, h, min, 0);
  return g_date_time_to_unix (dt) * 1000;
}

#define HOUR_MS (3600 * (gint64) 1000)

static void
test_period_bounds_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 from, to;

  if (berlin == NULL)
    {
      g_test_skip ("no tzdata for Europe/Berlin");
      return;
    }

  /* Spring forward, 29 March 2026: 23 hours. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_DAY, berlin, local_ms (berlin, 2026, 3, 29, 15, 0), 0, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 3, 29, 0, 0));
  g_assert_cmpint (to - from, ==, 23 * HOUR_MS);
  /* Fall back, 25 October 2026: 25 hours, reached by stepping from the day before. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_DAY, berlin, local_ms (berlin, 2026, 10, 24, 23, 59), 1, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 10, 25, 0, 0));
  g_assert_cmpint (to - from, ==, 25 * HOUR_MS);

  /* The week of the fall-back Sunday: Monday 19 to Monday 26, 7 days + 1 hour. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_WEEK, berlin, local_ms (berlin, 2026, 10, 25, 12, 0), 0, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 10, 19, 0, 0));
  g_assert_cmpint (to, ==, local_ms (berlin, 2026, 10, 26, 0, 0));
  g_assert_cmpint (to - from, ==, 7 * 24 * HOUR_MS + HOUR_MS);
  /* Sunday belongs to the week that began on Monday. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_WEEK, berlin, local_ms (berlin, 2026, 11, 29, 23, 30), 0, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 11, 23, 0, 0));
  /* Previous week across the year boundary. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_WEEK, berlin, local_ms (berlin, 2027, 1, 2, 9, 0), -1, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 12, 21, 0, 0));

  /* Months: February of a leap year; the month before January. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_MONTH, berlin, local_ms (berlin, 2028, 2, 29, 23, 0), 0, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2028, 2, 1, 0, 0));
  g_assert_cmpint (to, ==, local_ms (berlin, 2028, 3, 1, 0, 0));
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_MONTH, berlin, local_ms (berlin, 2027, 1, 15, 0, 0), -1, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 12, 1, 0, 0));
  g_assert_cmpint (to, ==, local_ms (berlin, 2027, 1, 1, 0, 0));

  /* A year holds both DST changes: 365 days exactly in local midnights. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_YEAR, berlin, local_ms (berlin, 2026, 6, 1, 0, 0), 0, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 1, 1, 0, 0));
  g_assert_cmpint (to - from, ==, 365 * 24 * HOUR_MS);

  /* Just after local midnight in Berlin is still the previous day in UTC:
   * the day is the local one. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_DAY, berlin, local_ms (berlin, 2026, 7, 1, 0, 30), 0, &from, &to);
  g_assert_cmpint (from, ==, local_ms (berlin, 2026, 7, 1, 0, 0));
}

static void
test_period_phrase (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 now = local_ms (utc, 2026, 11, 25, 15, 0);
  gint64 from, to;
  struct { AscendChartPeriod period; int offset; const char *phrase; } cases[] = {
    { ASCEND_CHART_PERIOD_DAY, 0, "today" },
    { ASCEND_CHART_PERIOD_DAY, -1, "yesterday" },
    { ASCEND_CHART_PERIOD_DAY, -2, "on Mon 23 Nov 2026" },
    { ASCEND_CHART_PERIOD_WEEK, 0, "this week" },
    { ASCEND_CHART_PERIOD_WEEK, -1, "last week" },
    { ASCEND_CHART_PERIOD_WEEK, -2, "in the week 9 Nov to 15 Nov 2026" },
    { ASCEND_CHART_PERIOD_MONTH, 0, "this month" },
    { ASCEND_CHART_PERIOD_MONTH, -1, "last month" },
    { ASCEND_CHART_PERIOD_MONTH, -3, "in August 2026" },
    { ASCEND_CHART_PERIOD_YEAR, 0, "this year" },
    { ASCEND_CHART_PERIOD_YEAR, -1, "last year" },
    { ASCEND_CHART_PERIOD_YEAR, -2, "in 2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *phrase = NULL;

      ascend_chart_period_bounds (cases[i].period, utc, now, cases[i].offset, &from, &to);
      phrase = ascend_chart_period_phrase (cases[i].period, utc, from, now);
      g_assert_cmpstr (phrase, ==, cases[i].phrase);
    }
}

static void
test_time_ticks (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 now = local_ms (utc, 2026, 11, 25, 15, 0);
  gint64 from, to;
  GArray *ticks;

  /* A day, wide: every two hours; narrow: every six. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_DAY, utc, now, 0, &from, &to);
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_DAY, utc, from, to, 1200, 56);
  g_assert_cmpuint (ticks->len, ==, 12);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 0).label, ==, "00:00");
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 1).label, ==, "02:00");
  g_array_unref (ticks);
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_DAY, utc, from, to, 300, 56);
  g_assert_cmpuint (ticks->len, ==, 4);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 3).label, ==, "18:00");
  g_array_unref (ticks);

  /* A week: seven days from Monday, with dates when there is room. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_WEEK, utc, now, 0, &from, &to);
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_WEEK, utc, from, to, 1200, 56);
  g_assert_cmpuint (ticks->len, ==, 7);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 0).label, ==, "Mon 23");
  g_assert_cmpint (g_array_index (ticks, AscendChartTick, 0).time, ==, from);
  g_array_unref (ticks);
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_WEEK, utc, from, to, 320, 56);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 6).label, ==, "Sun");
  g_array_unref (ticks);

  /* A rolling week (the last seven days, from a Thursday) labels its own days. */
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_WEEK, utc, from + 3 * 24 * HOUR_MS, to + 3 * 24 * HOUR_MS, 320, 56);
  g_assert_cmpuint (ticks->len, ==, 7);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 0).label, ==, "Thu");
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 6).label, ==, "Wed");
  g_array_unref (ticks);

  /* A month and a year never crowd their labels. */
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_MONTH, utc, now, 0, &from, &to);
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_MONTH, utc, from, to, 330, 56);
  g_assert_cmpuint (ticks->len, <=, 330 / 56);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 0).label, ==, "1 Nov");
  g_array_unref (ticks);
  ascend_chart_period_bounds (ASCEND_CHART_PERIOD_YEAR, utc, now, 0, &from, &to);
  ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_YEAR, utc, from, to, 1200, 56);
  g_assert_cmpuint (ticks->len, ==, 12);
  g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 11).label, ==, "Dec");
  g_array_unref (ticks);

  /* The spring-forward day in Berlin: hourly ticks skip 02:00, none twice. */
  if (berlin != NULL)
    {
      ascend_chart_period_bounds (ASCEND_CHART_PERIOD_DAY, berlin, local_ms (berlin, 2026, 3, 29, 12, 0), 0, &from, &to);
      ticks = ascend_chart_time_ticks (ASCEND_CHART_PERIOD_DAY, berlin, from, to, 5000, 56);
      g_assert_cmpuint (ticks->len, ==, 23);
      for (guint i = 1; i < ticks->len; i++)
        {
          g_assert_cmpint (g_array_index (ticks, AscendChartTick, i).time, >, g_array_index (ticks, AscendChartTick, i - 1).time);
          g_assert_cmpint (g_array_index (ticks, AscendChartTick, i).time, <, to);
        }
      g_assert_cmpstr (g_array_index (ticks, AscendChartTick, 2).label, ==, "03:00");
      g_array_unref (ticks);
    }
}

static void
test_nice_ticks (void)
{
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  double lo, hi, step;
  guint n;

  n = ascend_chart_nice_ticks (51, 142, 5, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 50);
  g_assert_cmpfloat (hi, ==, 150);
  g_assert_cmpfloat (step, ==, 25);
  g_assert_cmpuint (n, ==, 5);

  n = ascend_chart_nice_ticks (1, 10, 4, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 10);
  g_assert_cmpfloat (step, ==, 2.5);

  /* One value, NaN: a range around it, never a zero step. */
  n = ascend_chart_nice_ticks (72, 72, 4, &lo, &hi, &step);
  g_assert_cmpfloat (lo, <, 72);
  g_assert_cmpfloat (hi, >, 72);
  g_assert_cmpfloat (step, >, 0);
  n = ascend_chart_nice_ticks (NAN, NAN, 4, &lo, &hi, &step);
  g_assert_cmpuint (n, >=, 2);

  for (int i = 0; i < 2000; i++)
    {
      double a = g_rand_double_range (rand, -1000, 1000) * pow (10, g_rand_int_range (rand, -3, 4));
      double b = a + g_rand_double_range (rand, 0, 1000) * pow (10, g_rand_int_range (rand, -3, 4));
      guint max = (guint) g_rand_int_range (rand, 2, 10);
      double m;

      n = ascend_chart_nice_ticks (a, b, max, &lo, &hi, &step);
      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, max + 1);
      g_assert_cmpfloat (lo, <=, a + fabs (a) * 1e-9);
      g_assert_cmpfloat (hi, >=, b - fabs (b) * 1e-9);
      m = step / pow (10, floor (log10 (step) + 1e-12));
      g_assert_true (fabs (m - 1) < 1e-6 || fabs (m - 2) < 1e-6 || fabs (m - 2.5) < 1e-6 || fabs (m - 5) < 1e-6);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/chart/decimate/edge-cases", test_decimate_edge_cases);
  g_test_add_func ("/chart/decimate/random-min-max", test_decimate_random);
  g_test_add_func ("/chart/lttb", test_lttb);
  g_test_add_func ("/chart/nearest-and-step", test_nearest_and_step);
  g_test_add_func ("/chart/axis/period-bounds-dst", test_period_bounds_dst);
  g_test_add_func ("/chart/axis/period-phrase", test_period_phrase);
  g_test_add_func ("/chart/axis/time-ticks", test_time_ticks);
  g_test_add_func ("/chart/axis/nice-ticks", test_nice_ticks);

  return g_test_run ();
}
