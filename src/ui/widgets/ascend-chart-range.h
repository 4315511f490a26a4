/* ascend-chart-range.h: the shared range control of the health charts:
 * Day / Week / Month / Year, previous, next and today
 *
 * Keyboard: Alt+D, Alt+W, Alt+M, Alt+Y pick the period (mnemonics),
 * Ctrl+Left and Ctrl+Right step back and forth, Ctrl+Home comes back to
 * today, wherever the focus is inside the page given to
 * ascend_chart_range_add_shortcuts (Alt+Left is the window's "back").
 */
#pragma once

#include <gtk/gtk.h>

#include "ascend-chart-axis.h"

G_BEGIN_DECLS

#define ASCEND_TYPE_CHART_RANGE (ascend_chart_range_get_type ())
G_DECLARE_FINAL_TYPE (AscendChartRange, ascend_chart_range, ASCEND, CHART_RANGE, GtkWidget)

GtkWidget         *ascend_chart_range_new        (void);
AscendChartPeriod  ascend_chart_range_get_period (AscendChartRange *self);
void               ascend_chart_range_set_period (AscendChartRange  *self,
                                                  AscendChartPeriod  period);
/* 0 for the period holding today, -1 for the one before, ... */
int                ascend_chart_range_get_offset (AscendChartRange *self);
void               ascend_chart_range_step       (AscendChartRange *self,
                                                  int               delta);
void               ascend_chart_range_today      (AscendChartRange *self);
/* The range shown, [from, to), in tz (NULL: local) as of now_ms. */
void               ascend_chart_range_get_bounds (AscendChartRange *self,
                                                  GTimeZone        *tz,
                                                  gint64            now_ms,
                                                  gint64           *from,
                                                  gint64           *to);
/* Ctrl+Left, Ctrl+Right, Ctrl+Home for this control, active while the focus
 * is anywhere inside page. */
void               ascend_chart_range_add_shortcuts (AscendChartRange *self,
                                                     GtkWidget        *page);

G_END_DECLS
