/* ascend-chart.h: a health chart: heart rate, HRV, stress, mood over a
 * day, a week, a month or a year
 *
 * Give it points (ascend-chart-series.h), the range it shows and what the
 * values are; it decimates them to its width, draws them with
 * ascend_chart_render() in the stylesheet's colours, shows a readout of
 * the point nearest the pointer or the keyboard cursor (Left/Right,
 * Home/End) and describes the range to assistive technologies
 * ("Heart rate this week: average 68, lowest 51, highest 142").
 */
#pragma once

#include <gtk/gtk.h>

#include "ascend-chart-axis.h"
#include "ascend-chart-layer.h"
#include "ascend-chart-series.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_CHART (ascend_chart_get_type ())
G_DECLARE_FINAL_TYPE (AscendChart, ascend_chart, ASCEND, CHART, GtkWidget)

GtkWidget  *ascend_chart_new              (AscendChartKind kind);
/* For a chart from a .ui file (which starts as a line). */
void        ascend_chart_set_kind         (AscendChart     *self,
                                           AscendChartKind  kind);

/* What the values are, for the readout and the summary: title "Heart
 * rate", unit "bpm" (may be NULL), decimals shown. */
void        ascend_chart_set_title        (AscendChart *self,
                                           const char  *title,
                                           const char  *unit,
                                           guint        decimals);
void        ascend_chart_set_levels       (AscendChart       *self,
                                           AscendChartLevels  levels);
/* A fixed value axis from min to max with ticks every step (0: nice
 * ticks); NAN, NAN for an axis that follows the data. */
void        ascend_chart_set_value_range  (AscendChart *self,
                                           double       min,
                                           double       max,
                                           double       step);
/* A sparkline: no axes, no labels, no readout bubble. */
void        ascend_chart_set_compact      (AscendChart *self,
                                           gboolean     compact);
/* The time shown, [from, to), labelled as a period in tz (NULL: local). */
void        ascend_chart_set_range        (AscendChart       *self,
                                           AscendChartPeriod  period,
                                           gint64             from,
                                           gint64             to,
                                           GTimeZone         *tz);
/* The data, sorted by time, copied. point_ms: how long each point stands
 * for (a bucket), 0 for instants; max_gap_ms: points further apart are not
 * joined by a line (0: always). Resets the cursor. */
void        ascend_chart_set_points       (AscendChart            *self,
                                           const AscendChartPoint *points,
                                           gsize                   n_points,
                                           gint64                  point_ms,
                                           gint64                  max_gap_ms);
void        ascend_chart_set_events       (AscendChart            *self,
                                           const AscendChartEvent *events,
                                           gsize                   n_events);
void        ascend_chart_set_intervals    (AscendChart               *self,
                                           const AscendChartInterval *intervals,
                                           gsize                      n_intervals);
/* Shown in the plot when the range holds no data. */
void        ascend_chart_set_empty_text   (AscendChart *self,
                                           const char  *text);
/* Replaces the generated summary (NULL: back to it). */
void        ascend_chart_set_summary      (AscendChart *self,
                                           const char  *summary);
/* The summary as assistive technologies get it (the accessible
 * description): "Heart rate this week: average 68, lowest 51, highest 142"
 * or "Heart rate this week: no readings". */
const char *ascend_chart_get_summary      (AscendChart *self);
/* The readout of the cursor ("Tue 14:05: 72 bpm") or NULL. */
const char *ascend_chart_get_readout      (AscendChart *self);
/* Index into the points of the cursor, -1 for none. */
gssize      ascend_chart_get_cursor       (AscendChart *self);
void        ascend_chart_set_cursor       (AscendChart *self,
                                           gssize       index);

G_END_DECLS
