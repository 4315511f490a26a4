/* ascend-chart-series.c: chart data and its decimation to pixel columns
 *
 * Min/max per column is what keeps a decimated heart rate honest: a spike
 * of one second in a week still reaches the top of its column, where an
 * average or a sample would hide it. LTTB is there for lines whose shape
 * matters more than their extremes (a sparkline).
 */
#include "config.h"

#include <math.h>

#include "ascend-chart-series.h"

static inline double
point_lo (const AscendChartPoint *p)
{
  return isnan (p->lo) ? p->value : MIN (p->lo, p->value);
}

static inline double
point_hi (const AscendChartPoint *p)
{
  return isnan (p->hi) ? p->value : MAX (p->hi, p->value);
}

gsize
ascend_chart_points_lower_bound (const AscendChartPoint *points,
                                 gsize                   n_points,
                                 gint64                  t)
{
  gsize lo = 0, hi = n_points;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (points[mid].time < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline gint64
column_start (gint64 from,
              gint64 span,
              guint  n_columns,
              guint  i)
{
  /* span * i stays far below 2^63 for any range a chart shows (a year in
   * ms times a few thousand columns is ~1e14). */
  return from + span * (gint64) i / (gint64) n_columns;
}

void
ascend_chart_decimate (const AscendChartPoint *points,
                       gsize                   n_points,
                       gint64                  from,
                       gint64                  to,
                       guint                   n_columns,
                       AscendChartColumn      *columns)
{
  gint64 span = to - from;
  gsize i;
  guint col;

  g_return_if_fail (n_columns == 0 || columns != NULL);

  for (guint c = 0; c < n_columns; c++)
    {
      columns[c].count = 0;
      columns[c].min = columns[c].max = columns[c].mean = NAN;
      columns[c].first = columns[c].last = NAN;
      columns[c].first_time = columns[c].last_time = 0;
    }
  if (n_columns == 0 || span <= 0 || points == NULL)
    return;

  i = ascend_chart_points_lower_bound (points, n_points, from);
  for (col = 0; col < n_columns && i < n_points && points[i].time < to; col++)
    {
      AscendChartColumn *c = &columns[col];
      gint64 col_end = col + 1 == n_columns ? to : column_start (from, span, n_columns, col + 1);
      double min = INFINITY, max = -INFINITY, sum = 0;
      guint count = 0;
      gsize first = 0, last = 0;

      if (points[i].time >= col_end)
        continue;
      /* The tight loop: one column's points, no column bookkeeping. */
      for (; i < n_points && points[i].time < col_end; i++)
        {
          const AscendChartPoint *p = &points[i];
          double v = p->value;

          if (isnan (v))
            continue;
          if (count == 0)
            first = i;
          last = i;
          count++;
          sum += v;
          min = MIN (min, point_lo (p));
          max = MAX (max, point_hi (p));
        }
      if (count == 0)
        continue;
      c->count = count;
      c->min = min;
      c->max = max;
      c->mean = sum;
      c->first = points[first].value;
      c->first_time = points[first].time;
      c->last = points[last].value;
      c->last_time = points[last].time;
    }
  for (guint c = 0; c < n_columns; c++)
    if (columns[c].count > 1)
      columns[c].mean /= columns[c].count;
}

gsize
ascend_chart_lttb (const AscendChartPoint *points,
                   gsize                   n_points,
                   gsize                   threshold,
                   AscendChartPoint       *out)
{
  g_autofree gsize *valid = NULL;
  gsize n = 0, n_out = 0, a;
  double bucket;

  g_return_val_if_fail (threshold == 0 || out != NULL, 0);

  if (threshold == 0 || n_points == 0)
    return 0;

  valid = g_new (gsize, n_points);
  for (gsize i = 0; i < n_points; i++)
    if (!isnan (points[i].value))
      valid[n++] = i;

  if (n <= threshold)
    {
      for (gsize k = 0; k < n; k++)
        out[k] = points[valid[k]];
      return n;
    }
  if (threshold < 3)
    {
      /* Too few to keep both ends and a middle: the ends. */
      out[n_out++] = points[valid[0]];
      if (threshold == 2)
        out[n_out++] = points[valid[n - 1]];
      return n_out;
    }

  bucket = (double) (n - 2) / (double) (threshold - 2);
  a = 0;
  out[n_out++] = points[valid[0]];
  for (gsize b = 0; b < threshold - 2; b++)
    {
      gsize start = (gsize) floor (b * bucket) + 1;
      gsize end = (gsize) floor ((b + 1) * bucket) + 1;
      gsize next_start = end;
      gsize next_end = MIN ((gsize) floor ((b + 2) * bucket) + 1, n);
      double avg_t = 0, avg_v = 0;
      double at, av, best_area = -1;
      gsize best = start;

      if (next_start >= n - 1)
        {
          /* The last bucket's "next" is the last point. */
          next_start = n - 1;
          next_end = n;
        }
      for (gsize k = next_start; k < next_end; k++)
        {
          avg_t += (double) points[valid[k]].time;
          avg_v += points[valid[k]].value;
        }
      avg_t /= (double) (next_end - next_start);
      avg_v /= (double) (next_end - next_start);

      at = (double) points[valid[a]].time;
      av = points[valid[a]].value;
      for (gsize k = start; k < end && k < n - 1; k++)
        {
          double t = (double) points[valid[k]].time;
          double v = points[valid[k]].value;
          double area = fabs ((at - avg_t) * (v - av) - (at - t) * (avg_v - av));
          if (area > best_area)
            {
              best_area = area;
              best = k;
            }
        }
      out[n_out++] = points[valid[best]];
      a = best;
    }
  out[n_out++] = points[valid[n - 1]];
  return n_out;
}

gssize
ascend_chart_points_nearest (const AscendChartPoint *points,
                             gsize                   n_points,
                             gint64                  from,
                             gint64                  to,
                             gint64                  t)
{
  gsize at = ascend_chart_points_lower_bound (points, n_points, t);
  gssize before = -1, after = -1;

  for (gssize i = (gssize) at - 1; i >= 0 && points[i].time >= from; i--)
    if (!isnan (points[i].value))
      {
        before = i;
        break;
      }
  for (gsize i = at; i < n_points && points[i].time < to; i++)
    if (!isnan (points[i].value) && points[i].time >= from)
      {
        after = (gssize) i;
        break;
      }
  if (before < 0)
    return after;
  if (after < 0)
    return before;
  return t - points[before].time <= points[after].time - t ? before : after;
}

gssize
ascend_chart_points_step (const AscendChartPoint *points,
                          gsize                   n_points,
                          gint64                  from,
                          gint64                  to,
                          gssize                  index,
                          int                     direction)
{
  gssize i;

  if (direction >= 0)
    i = index < 0 ? (gssize) ascend_chart_points_lower_bound (points, n_points, from) : index + 1;
  else
    i = index < 0 ? (gssize) ascend_chart_points_lower_bound (points, n_points, to) - 1 : index - 1;

  for (; i >= 0 && (gsize) i < n_points; i += direction >= 0 ? 1 : -1)
    {
      if (points[i].time < from || points[i].time >= to)
        {
          if ((direction >= 0) == (points[i].time >= to))
            break;
          continue;
        }
      if (!isnan (points[i].value))
        return i;
    }
  return index;
}

void
ascend_chart_points_stats (const AscendChartPoint *points,
                           gsize                   n_points,
                           gint64                  from,
                           gint64                  to,
                           AscendChartStats       *stats)
{
  double sum = 0;

  stats->count = 0;
  stats->mean = stats->min = stats->max = NAN;
  for (gsize i = ascend_chart_points_lower_bound (points, n_points, from);
       i < n_points && points[i].time < to; i++)
    {
      const AscendChartPoint *p = &points[i];
      if (isnan (p->value))
        continue;
      if (stats->count == 0 || point_lo (p) < stats->min)
        stats->min = point_lo (p);
      if (stats->count == 0 || point_hi (p) > stats->max)
        stats->max = point_hi (p);
      sum += p->value;
      stats->count++;
    }
  if (stats->count > 0)
    stats->mean = sum / stats->count;
}
