/* ascend-chart-layer.h: drawing a chart with Cairo, one layer at a time
 *
 * GTK-free: the widget (ascend-chart.c), the rendering tests and the
 * benchmark all draw through ascend_chart_render() onto any cairo_t, so
 * what the tests compare against reference images is what the user sees.
 * The layers draw decimated columns (ascend-chart-series.h), never the
 * raw points, so a frame costs the width of the chart.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "ascend-chart-axis.h"
#include "ascend-chart-series.h"

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} AscendChartColor;

typedef struct {
  AscendChartColor text;        /* axis labels, empty-state text */
  AscendChartColor grid;
  AscendChartColor line;        /* a line, points */
  AscendChartColor band;        /* the min/max band under a line */
  AscendChartColor bar;         /* bars without levels */
  AscendChartColor stress[3];   /* calm 1-3, moderate 4-6, high 7-10 */
  AscendChartColor mood[4];     /* worried, sleepy, calm, cheerful */
  AscendChartColor severity[4]; /* alert markers: low, medium, high, critical */
  AscendChartColor interval;    /* an irregular-rhythm episode */
  AscendChartColor cursor;      /* the readout's line and dot */
  AscendChartColor bubble;      /* the readout's background */
  AscendChartColor bubble_text;
} AscendChartPalette;

/* The built-in light or dark palette (the stylesheet may override it, see
 * ascend-chart.c). */
void ascend_chart_palette_init (AscendChartPalette *palette,
                                gboolean            dark);

typedef enum {
  ASCEND_CHART_KIND_LINE,    /* a line of means over a min/max band: heart rate */
  ASCEND_CHART_KIND_POINTS,  /* dots with min/max whiskers: HRV */
  ASCEND_CHART_KIND_BARS,    /* a bar per point from the bottom: mood per day */
  ASCEND_CHART_KIND_STRIP,   /* a strip coloured by level over level bands: stress */
} AscendChartKind;

typedef enum {
  ASCEND_CHART_LEVELS_NONE,
  ASCEND_CHART_LEVELS_STRESS,  /* 1-3, 4-6, 7-10 */
  ASCEND_CHART_LEVELS_MOOD,    /* 1-3, 4-5, 6-7, 8-10 as the companion's faces */
} AscendChartLevels;

typedef struct {
  AscendChartKind            kind;
  AscendChartLevels          levels;
  AscendChartPeriod          period;
  GTimeZone                 *tz;
  gint64                     from;       /* the time shown, [from, to) */
  gint64                     to;
  const AscendChartPoint    *points;     /* sorted by time */
  gsize                      n_points;
  gint64                     point_ms;   /* how long a point stands for (a bucket, a day); 0: an instant */
  gint64                     max_gap_ms; /* points further apart are not joined; 0: always joined */
  const AscendChartEvent    *events;     /* alert markers, sorted */
  gsize                      n_events;
  const AscendChartInterval *intervals;  /* shaded episodes */
  gsize                      n_intervals;
  double                     value_min;  /* a fixed value axis; NAN: from the data */
  double                     value_max;
  double                     value_step; /* with a fixed axis: the tick step; 0: nice ticks */
  gboolean                   compact;    /* a sparkline: no axes, no labels */
  const PangoFontDescription *font;      /* labels; NULL: Sans 9 */
  gssize                     cursor;     /* index into points of the readout, -1: none */
  const char                *readout;    /* the readout's text */
  const char                *empty_text; /* shown when nothing is in range */
} AscendChartScene;

/* A scene with no data, the whole-day period and no cursor. */
void ascend_chart_scene_init (AscendChartScene *scene);

/* Where the scene's plot lands in a width x height surface, and its value
 * range; columns get one per pixel of plot width. */
typedef struct {
  double x, y, width, height;
  gint64 from, to;
  double vmin, vmax, vstep;
  guint  n_columns;
} AscendChartScale;

/* Lays out the scene. columns, when not NULL, receive the decimation
 * (room for ceil(width) columns); the scale needs it for an automatic
 * value axis. */
void   ascend_chart_scene_layout (const AscendChartScene *scene,
                                  double                  width,
                                  double                  height,
                                  AscendChartScale       *scale,
                                  AscendChartColumn      *columns);

double ascend_chart_scale_x      (const AscendChartScale *scale,
                                  gint64                  t);
gint64 ascend_chart_scale_time   (const AscendChartScale *scale,
                                  double                  x);
double ascend_chart_scale_y      (const AscendChartScale *scale,
                                  double                  v);

/* Draws the whole scene (grid, episodes, series, markers, cursor, empty
 * text) into [0, width) x [0, height) of cr, without a background.
 * columns: a decimation from ascend_chart_scene_layout for the same scene
 * and size (the widget keeps it between frames), or NULL to decimate here. */
void   ascend_chart_render       (cairo_t                  *cr,
                                  const AscendChartScene   *scene,
                                  const AscendChartPalette *palette,
                                  double                    width,
                                  double                    height,
                                  const AscendChartColumn  *columns);

/* The level (index into the palette's stress or mood colours) of a value. */
guint  ascend_chart_level_of     (AscendChartLevels levels,
                                  double            value);

G_END_DECLS
