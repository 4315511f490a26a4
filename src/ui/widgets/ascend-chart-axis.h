/* ascend-chart-axis.h: a chart's scales: the time range it shows (day,
 * week, month, year in local time), time ticks and nice value ticks
 *
 * GTK-free, so it is unit tested without a display. Times are Unix ms UTC;
 * local time (a GTimeZone) matters only for boundaries and labels, so a day
 * across a DST change is 23 or 25 hours long.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ASCEND_CHART_PERIOD_DAY,
  ASCEND_CHART_PERIOD_WEEK,   /* Monday to Sunday */
  ASCEND_CHART_PERIOD_MONTH,
  ASCEND_CHART_PERIOD_YEAR,
} AscendChartPeriod;

#define ASCEND_CHART_N_PERIODS 4

/* The period of the given kind that holds at_ms in tz, moved by offset
 * periods (-1: the one before), as [from, to) in Unix ms. */
void   ascend_chart_period_bounds (AscendChartPeriod period,
                                   GTimeZone        *tz,
                                   gint64            at_ms,
                                   int               offset,
                                   gint64           *from,
                                   gint64           *to);

/* How the period [from, to) reads in a sentence, relative to now_ms:
 * "today", "this week", "last month", or its dates ("3–9 Nov 2026"). */
char  *ascend_chart_period_phrase (AscendChartPeriod period,
                                   GTimeZone        *tz,
                                   gint64            from,
                                   gint64            now_ms);

/* A time as a readout shows it for this period ("14:05", "Tue 14:05",
 * "3 Nov 14:05", "3 Nov 2026"), in tz. */
char  *ascend_chart_format_time   (AscendChartPeriod period,
                                   GTimeZone        *tz,
                                   gint64            t);

typedef struct {
  gint64  time;
  char   *label;
} AscendChartTick;

/* Labelled ticks in [from, to) at local boundaries that suit the period
 * (hours, days, weeks, months), as many as fit in width_px with labels
 * about min_spacing_px apart. Free with g_array_unref. */
GArray *ascend_chart_time_ticks   (AscendChartPeriod period,
                                   GTimeZone        *tz,
                                   gint64            from,
                                   gint64            to,
                                   double            width_px,
                                   double            min_spacing_px);

/* Nice ticks (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]:
 * at most max_ticks + 1 of them (max_ticks at least 2) from *nice_lo to *nice_hi by *step.
 * Returns how many. lo == hi or NANs give a range around the value. */
guint  ascend_chart_nice_ticks    (double  lo,
                                   double  hi,
                                   guint   max_ticks,
                                   double *nice_lo,
                                   double *nice_hi,
                                   double *step);

G_END_DECLS
