/* ascend-chart-series.h: chart data and its decimation to pixel columns
 *
 * GTK-free, so it is unit tested without a display. A chart's data is a
 * time-sorted array of points; drawing never walks the points themselves
 * but the columns they are decimated into, so the cost of a frame depends
 * on the width of the chart, not on how many points it shows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 time;   /* Unix ms UTC */
  double value;  /* NAN: no value (a gap) */
  double lo;     /* the lowest value the point stands for (a bucket's min); NAN: value */
  double hi;     /* the highest; NAN: value */
} AscendChartPoint;

/* An instant worth a marker: an alert. level 0-3 (low .. critical). */
typedef struct {
  gint64 time;
  int    level;
} AscendChartEvent;

/* A stretch of time worth shading: an irregular-rhythm episode, [from, to). */
typedef struct {
  gint64 from;
  gint64 to;
} AscendChartInterval;

/* One pixel column of decimated data. */
typedef struct {
  guint  count;       /* points with a value in the column; 0: all below is NAN */
  double min;         /* the true minimum of the column (of lo where set) */
  double max;         /* the true maximum (of hi where set) */
  double mean;        /* mean of the values */
  double first;       /* value of the first and the last point, for a line */
  double last;
  gint64 first_time;
  gint64 last_time;
} AscendChartColumn;

/* Decimates points (sorted by time) whose time is in [from, to) into
 * n_columns columns of equal duration: column i holds the times
 * [from + i * (to - from) / n_columns, from + (i + 1) * (to - from) / n_columns).
 * Points with a NAN value count nowhere; points outside the range are
 * skipped by a binary search, so only the points in range are visited. */
void   ascend_chart_decimate        (const AscendChartPoint *points,
                                     gsize                   n_points,
                                     gint64                  from,
                                     gint64                  to,
                                     guint                   n_columns,
                                     AscendChartColumn      *columns);

/* Largest-Triangle-Three-Buckets (Steinarsson 2013) down to at most
 * threshold points, keeping the first and the last. NAN points are left
 * out. Writes into out (room for threshold points), returns how many. */
gsize  ascend_chart_lttb            (const AscendChartPoint *points,
                                     gsize                   n_points,
                                     gsize                   threshold,
                                     AscendChartPoint       *out);

/* Index of the first point with time >= t (n_points when none). */
gsize  ascend_chart_points_lower_bound (const AscendChartPoint *points,
                                        gsize                   n_points,
                                        gint64                  t);

/* Index of the point with a value in [from, to) nearest to time t, or -1. */
gssize ascend_chart_points_nearest  (const AscendChartPoint *points,
                                     gsize                   n_points,
                                     gint64                  from,
                                     gint64                  to,
                                     gint64                  t);

/* Index of the next (direction +1) or previous (-1) point with a value in
 * [from, to) after index, or index itself when there is none. index -1
 * starts from the end the direction points away from. */
gssize ascend_chart_points_step     (const AscendChartPoint *points,
                                     gsize                   n_points,
                                     gint64                  from,
                                     gint64                  to,
                                     gssize                  index,
                                     int                     direction);

typedef struct {
  guint  count;   /* points with a value */
  double mean;    /* of the values */
  double min;     /* of lo where set, else of values */
  double max;
} AscendChartStats;

/* Summary of the points in [from, to); count 0 and NANs when empty. */
void   ascend_chart_points_stats    (const AscendChartPoint *points,
                                     gsize                   n_points,
                                     gint64                  from,
                                     gint64                  to,
                                     AscendChartStats       *stats);

G_END_DECLS
