/* ascend-chart-layer.c: drawing a chart with Cairo, one layer at a time
 *
 * Layers, back to front: level bands, grid and labels, irregular-rhythm
 * episodes, the series, alert markers, the cursor and its readout. Each
 * draws the plot's pixel columns (or, for bars wide enough to see, one
 * shape per point in range), so the work is bounded by the width.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ascend-chart-layer.h"

#define MARGIN_LEFT    40
#define MARGIN_RIGHT   12
#define MARGIN_TOP     14
#define MARGIN_BOTTOM  22
#define LABEL_SPACING  64

static void
color_init (AscendChartColor *c,
            guint32           rgb,
            double            alpha)
{
  c->red = ((rgb >> 16) & 0xff) / 255.0;
  c->green = ((rgb >> 8) & 0xff) / 255.0;
  c->blue = (rgb & 0xff) / 255.0;
  c->alpha = alpha;
}

void
ascend_chart_palette_init (AscendChartPalette *p,
                           gboolean            dark)
{
  /* DESIGN.md 4b: sakura, violet, sky, mint, sunset. Lines are a shade
   * deeper on light surfaces and lighter on dark ones, for contrast. */
  color_init (&p->text, dark ? 0xe8defa : 0x4a3f66, 0.85);
  color_init (&p->grid, dark ? 0xe8defa : 0x4a3f66, dark ? 0.14 : 0.12);
  color_init (&p->line, dark ? 0xff8cc0 : 0xe0468f, 1.0);
  color_init (&p->band, dark ? 0xff6fae : 0xff6fae, dark ? 0.30 : 0.28);
  color_init (&p->bar, dark ? 0x9d85ff : 0x7c5cff, 1.0);
  color_init (&p->stress[0], 0x3ddc97, 1.0);
  color_init (&p->stress[1], 0xffb347, 1.0);
  color_init (&p->stress[2], dark ? 0xff7a9c : 0xf2547d, 1.0);
  color_init (&p->mood[0], dark ? 0x9d85ff : 0x7c5cff, 1.0);
  color_init (&p->mood[1], 0x4cc9f0, 1.0);
  color_init (&p->mood[2], 0x3ddc97, 1.0);
  color_init (&p->mood[3], 0xff6fae, 1.0);
  color_init (&p->severity[0], 0x4cc9f0, 1.0);
  color_init (&p->severity[1], 0xffb347, 1.0);
  color_init (&p->severity[2], 0xff6f61, 1.0);
  color_init (&p->severity[3], dark ? 0xff4d7e : 0xd81b55, 1.0);
  color_init (&p->interval, dark ? 0x9d85ff : 0x7c5cff, dark ? 0.22 : 0.14);
  color_init (&p->cursor, dark ? 0xb9a6ff : 0x5a3bd9, 1.0);
  color_init (&p->bubble, dark ? 0x2f2650 : 0xffffff, 0.96);
  color_init (&p->bubble_text, dark ? 0xfbefff : 0x2a1f4a, 1.0);
}

void
ascend_chart_scene_init (AscendChartScene *scene)
{
  *scene = (AscendChartScene) {
    .kind = ASCEND_CHART_KIND_LINE,
    .levels = ASCEND_CHART_LEVELS_NONE,
    .period = ASCEND_CHART_PERIOD_DAY,
    .value_min = NAN,
    .value_max = NAN,
    .cursor = -1,
  };
}

guint
ascend_chart_level_of (AscendChartLevels levels,
                       double            value)
{
  switch (levels)
    {
    case ASCEND_CHART_LEVELS_STRESS:
      return value < 3.5 ? 0 : value < 6.5 ? 1 : 2;
    case ASCEND_CHART_LEVELS_MOOD:
      /* As ascend_mood_face() of the rounded score. */
      return value < 3.5 ? 0 : value < 5.5 ? 1 : value < 7.5 ? 2 : 3;
    case ASCEND_CHART_LEVELS_NONE:
    default:
      return 0;
    }
}

static const AscendChartColor *
level_color (const AscendChartScene   *scene,
             const AscendChartPalette *palette,
             double                    value)
{
  guint level = ascend_chart_level_of (scene->levels, value);

  switch (scene->levels)
    {
    case ASCEND_CHART_LEVELS_STRESS:
      return &palette->stress[level];
    case ASCEND_CHART_LEVELS_MOOD:
      return &palette->mood[level];
    case ASCEND_CHART_LEVELS_NONE:
    default:
      return scene->kind == ASCEND_CHART_KIND_BARS ? &palette->bar : &palette->line;
    }
}

static void
set_color (cairo_t                *cr,
           const AscendChartColor *c,
           double                  alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* ----------------------------------------------------------------- scale */

double
ascend_chart_scale_x (const AscendChartScale *scale,
                      gint64                  t)
{
  if (scale->to <= scale->from)
    return scale->x;
  return scale->x + (double) (t - scale->from) / (double) (scale->to - scale->from) * scale->width;
}

gint64
ascend_chart_scale_time (const AscendChartScale *scale,
                         double                  x)
{
  double f = scale->width > 0 ? (x - scale->x) / scale->width : 0;

  f = CLAMP (f, 0.0, 1.0);
  return scale->from + (gint64) llround (f * (double) (scale->to - scale->from));
}

double
ascend_chart_scale_y (const AscendChartScale *scale,
                      double                  v)
{
  double f = scale->vmax > scale->vmin ? (v - scale->vmin) / (scale->vmax - scale->vmin) : 0.5;

  return scale->y + scale->height - CLAMP (f, 0.0, 1.0) * scale->height;
}

static void
layout (const AscendChartScene  *scene,
        double                   width,
        double                   height,
        AscendChartScale        *scale,
        AscendChartColumn       *decimate_into,
        const AscendChartColumn *columns)
{
  if (scene->compact)
    {
      scale->x = 2;
      scale->y = 3;
      scale->width = MAX (1, width - 4);
      scale->height = MAX (1, height - 6);
    }
  else
    {
      scale->x = MARGIN_LEFT;
      scale->y = MARGIN_TOP;
      scale->width = MAX (1, width - MARGIN_LEFT - MARGIN_RIGHT);
      scale->height = MAX (1, height - MARGIN_TOP - MARGIN_BOTTOM);
    }
  scale->from = scene->from;
  scale->to = scene->to;
  scale->n_columns = (guint) ceil (scale->width);

  if (decimate_into != NULL)
    {
      ascend_chart_decimate (scene->points, scene->n_points, scene->from, scene->to,
                             scale->n_columns, decimate_into);
      columns = decimate_into;
    }

  if (!isnan (scene->value_min) && !isnan (scene->value_max))
    {
      scale->vmin = scene->value_min;
      scale->vmax = scene->value_max;
      if (scene->value_step > 0)
        scale->vstep = scene->value_step;
      else
        ascend_chart_nice_ticks (scene->value_min, scene->value_max, 4,
                                 &scale->vmin, &scale->vmax, &scale->vstep);
    }
  else
    {
      double lo = INFINITY, hi = -INFINITY;
      guint max_ticks = CLAMP ((guint) (scale->height / 30), 3, 6);

      if (columns != NULL)
        {
          for (guint i = 0; i < scale->n_columns; i++)
            if (columns[i].count > 0)
              {
                lo = MIN (lo, columns[i].min);
                hi = MAX (hi, columns[i].max);
              }
        }
      else
        {
          AscendChartStats stats;
          ascend_chart_points_stats (scene->points, scene->n_points, scene->from, scene->to, &stats);
          lo = stats.min;
          hi = stats.max;
        }
      if (scene->kind == ASCEND_CHART_KIND_BARS && isfinite (lo))
        lo = MIN (lo, 0);
      if (scene->compact && isfinite (lo))
        {
          /* A sparkline uses its whole height. */
          double pad = MAX (1.0, (hi - lo) * 0.08);
          scale->vmin = lo - pad;
          scale->vmax = hi + pad;
          scale->vstep = hi - lo + 2 * pad;
        }
      else
        ascend_chart_nice_ticks (isfinite (lo) ? lo : 0, isfinite (hi) ? hi : 1, max_ticks,
                                 &scale->vmin, &scale->vmax, &scale->vstep);
    }
}

void
ascend_chart_scene_layout (const AscendChartScene *scene,
                           double                  width,
                           double                  height,
                           AscendChartScale       *scale,
                           AscendChartColumn      *columns)
{
  layout (scene, width, height, scale, columns, NULL);
}

/* ---------------------------------------------------------------- labels */

static PangoLayout *
create_layout (cairo_t                *cr,
               const AscendChartScene *scene)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  if (scene->font != NULL)
    pango_layout_set_font_description (layout, scene->font);
  else
    {
      PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
    }
  return layout;
}

/* Draws text with its anchor (xalign, yalign in 0..1) at x, y, kept
 * within [min_x, max_x]. */
static void
text_at (cairo_t     *cr,
         PangoLayout *layout,
         const char  *text,
         double       x,
         double       y,
         double       xalign,
         double       yalign,
         double       min_x,
         double       max_x)
{
  int w, h;
  double left;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  left = x - w * xalign;
  left = MIN (left, max_x - w);
  left = MAX (left, min_x);
  cairo_move_to (cr, round (left), round (y - h * yalign));
  pango_cairo_show_layout (cr, layout);
}

static char *
value_label (double v,
             double step)
{
  int decimals = step >= 1 || step <= 0 ? 0 : step >= 0.1 ? 1 : 2;

  if (fabs (v) < step * 1e-6)
    v = 0;   /* no "-0" */
  return g_strdup_printf ("%.*f", decimals, v);
}

/* --------------------------------------------------------------- layers */

static void
draw_level_bands (cairo_t                  *cr,
                  const AscendChartScene   *scene,
                  const AscendChartPalette *palette,
                  const AscendChartScale   *scale)
{
  static const double stress_edges[] = { 3.5, 6.5 };
  double lo = scale->vmin;

  if (scene->kind != ASCEND_CHART_KIND_STRIP || scene->levels != ASCEND_CHART_LEVELS_STRESS)
    return;
  for (guint i = 0; i <= G_N_ELEMENTS (stress_edges); i++)
    {
      double hi = i < G_N_ELEMENTS (stress_edges) ? stress_edges[i] : scale->vmax;
      double y0 = ascend_chart_scale_y (scale, hi);
      double y1 = ascend_chart_scale_y (scale, lo);

      set_color (cr, &palette->stress[i], 0.10);
      cairo_rectangle (cr, scale->x, y0, scale->width, y1 - y0);
      cairo_fill (cr);
      lo = hi;
    }
}

static void
draw_grid (cairo_t                  *cr,
           const AscendChartScene   *scene,
           const AscendChartPalette *palette,
           const AscendChartScale   *scale,
           PangoLayout              *layout,
           double                    width,
           gboolean                  any)
{
  g_autoptr(GArray) ticks = NULL;
  gboolean centred;

  if (scene->compact)
    return;

  cairo_set_line_width (cr, 1);
  /* An axis that follows the data has nothing to say without data. */
  if (scale->vstep > 0 && (any || !isnan (scene->value_min)))
    for (double v = scale->vmin; v <= scale->vmax + scale->vstep * 1e-6; v += scale->vstep)
      {
        double y = round (ascend_chart_scale_y (scale, v)) + 0.5;
        g_autofree char *label = value_label (v, scale->vstep);

        set_color (cr, &palette->grid, 1);
        cairo_move_to (cr, scale->x, y);
        cairo_line_to (cr, scale->x + scale->width, y);
        cairo_stroke (cr);
        set_color (cr, &palette->text, 1);
        text_at (cr, layout, label, scale->x - 6, y, 1, 0.5, 0, scale->x - 2);
      }

  if (scene->tz == NULL || scene->to <= scene->from)
    return;
  ticks = ascend_chart_time_ticks (scene->period, scene->tz, scene->from, scene->to,
                                   scale->width, LABEL_SPACING);
  /* A week's days and a year's months label the stretch they name. */
  centred = scene->period == ASCEND_CHART_PERIOD_WEEK || scene->period == ASCEND_CHART_PERIOD_YEAR;
  for (guint i = 0; i < ticks->len; i++)
    {
      AscendChartTick *tick = &g_array_index (ticks, AscendChartTick, i);
      double x = round (ascend_chart_scale_x (scale, tick->time)) + 0.5;
      double label_x = x;

      if (centred)
        {
          gint64 next = i + 1 < ticks->len ? g_array_index (ticks, AscendChartTick, i + 1).time : scene->to;
          label_x = (ascend_chart_scale_x (scale, tick->time) + ascend_chart_scale_x (scale, next)) / 2;
        }
      set_color (cr, &palette->grid, 0.6);
      cairo_move_to (cr, x, scale->y);
      cairo_line_to (cr, x, scale->y + scale->height + 3);
      cairo_stroke (cr);
      set_color (cr, &palette->text, 1);
      text_at (cr, layout, tick->label, label_x, scale->y + scale->height + 4, 0.5, 0,
               0, width);
    }
}

static void
draw_intervals (cairo_t                  *cr,
                const AscendChartScene   *scene,
                const AscendChartPalette *palette,
                const AscendChartScale   *scale)
{
  set_color (cr, &palette->interval, 1);
  for (gsize i = 0; i < scene->n_intervals; i++)
    {
      const AscendChartInterval *span = &scene->intervals[i];
      double x0, x1;

      if (span->to <= scene->from || span->from >= scene->to)
        continue;
      x0 = ascend_chart_scale_x (scale, MAX (span->from, scene->from));
      x1 = ascend_chart_scale_x (scale, MIN (span->to, scene->to));
      if (x1 - x0 < 2)
        {
          /* Seconds in a year still show. */
          double mid = (x0 + x1) / 2;
          x0 = mid - 1;
          x1 = mid + 1;
        }
      cairo_rectangle (cr, x0, scale->y, x1 - x0, scale->height);
    }
  cairo_fill (cr);
}

static double
column_x (const AscendChartScale *scale,
          guint                   i)
{
  return scale->x + i + 0.5;
}

/* A dense segment (a column of points in nearly every pixel) is drawn as
 * pixel-column boxes: the band from min to max, the line from the last
 * column's mean to this one's. Cairo fills boxes on the pixel grid far
 * faster than it tessellates a polygon of a thousand jagged edges, and at
 * one column per pixel the two look the same. A sparse one is a path. */
static void
draw_segment (cairo_t                  *cr,
              const AscendChartScene   *scene,
              const AscendChartPalette *palette,
              const AscendChartScale   *scale,
              const AscendChartColumn  *columns,
              const guint              *idx,
              guint                     n)
{
  double half = scene->compact ? 0.75 : 1.0;
  gboolean dense = n > 1 && (idx[n - 1] - idx[0] + 1) <= n + n / 8;

  set_color (cr, &palette->band, 1);
  if (n == 1)
    {
      double y0 = ascend_chart_scale_y (scale, columns[idx[0]].max);
      double y1 = ascend_chart_scale_y (scale, columns[idx[0]].min);
      cairo_rectangle (cr, column_x (scale, idx[0]) - 1.5, y0 - 1, 3, y1 - y0 + 2);
      cairo_fill (cr);
      set_color (cr, &palette->line, 1);
      cairo_arc (cr, column_x (scale, idx[0]), ascend_chart_scale_y (scale, columns[idx[0]].mean),
                 scene->compact ? 1.5 : 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }

  if (dense)
    {
      double prev;

      for (guint k = 0; k < n; k++)
        {
          double x = floor (column_x (scale, idx[k]));
          double y0 = round (ascend_chart_scale_y (scale, columns[idx[k]].max));
          double y1 = round (ascend_chart_scale_y (scale, columns[idx[k]].min));
          /* Through the gap to the previous column, if any. */
          double w = k > 0 ? idx[k] - idx[k - 1] : 1;
          /* Whole pixels: pixel-aligned boxes take cairo's fastest path. */
          cairo_rectangle (cr, x - w + 1, y0, w, MAX (y1 - y0, 1));
        }
      cairo_fill (cr);

      set_color (cr, &palette->line, 1);
      prev = ascend_chart_scale_y (scale, columns[idx[0]].mean);
      for (guint k = 0; k < n; k++)
        {
          double x = floor (column_x (scale, idx[k]));
          double y = ascend_chart_scale_y (scale, columns[idx[k]].mean);
          double w = k > 0 ? idx[k] - idx[k - 1] : 1;
          double top = round (MIN (prev, y) - half), bottom = round (MAX (prev, y) + half);
          cairo_rectangle (cr, x - w + 1, top, w, MAX (bottom - top, 1));
          prev = y;
        }
      cairo_fill (cr);
      return;
    }

  /* The band: along the maxima, back along the minima. */
  for (guint k = 0; k < n; k++)
    cairo_line_to (cr, column_x (scale, idx[k]), ascend_chart_scale_y (scale, columns[idx[k]].max));
  for (guint k = n; k-- > 0;)
    cairo_line_to (cr, column_x (scale, idx[k]), ascend_chart_scale_y (scale, columns[idx[k]].min));
  cairo_close_path (cr);
  cairo_fill (cr);

  set_color (cr, &palette->line, 1);
  for (guint k = 0; k < n; k++)
    cairo_line_to (cr, column_x (scale, idx[k]), ascend_chart_scale_y (scale, columns[idx[k]].mean));
  cairo_stroke (cr);
}

static void
draw_line (cairo_t                  *cr,
           const AscendChartScene   *scene,
           const AscendChartPalette *palette,
           const AscendChartScale   *scale,
           const AscendChartColumn  *columns)
{
  g_autofree guint *idx = g_new (guint, MAX (scale->n_columns, 1));
  guint n = 0;

  cairo_set_line_width (cr, scene->compact ? 1.5 : 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < scale->n_columns; i++)
    {
      if (columns[i].count == 0)
        continue;
      if (n > 0 && scene->max_gap_ms > 0 &&
          columns[i].first_time - columns[idx[n - 1]].last_time > scene->max_gap_ms)
        {
          draw_segment (cr, scene, palette, scale, columns, idx, n);
          n = 0;
        }
      idx[n++] = i;
    }
  if (n > 0)
    draw_segment (cr, scene, palette, scale, columns, idx, n);
}

static void
draw_points (cairo_t                  *cr,
             const AscendChartScene   *scene,
             const AscendChartPalette *palette,
             const AscendChartScale   *scale,
             const AscendChartColumn  *columns)
{
  double radius = scene->compact ? 1.5 : 3;

  cairo_set_line_width (cr, 1.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_color (cr, &palette->line, 0.45);
  for (guint i = 0; i < scale->n_columns; i++)
    if (columns[i].count > 0 && columns[i].max > columns[i].min)
      {
        cairo_move_to (cr, column_x (scale, i), ascend_chart_scale_y (scale, columns[i].max));
        cairo_line_to (cr, column_x (scale, i), ascend_chart_scale_y (scale, columns[i].min));
      }
  cairo_stroke (cr);
  set_color (cr, &palette->line, 1);
  for (guint i = 0; i < scale->n_columns; i++)
    if (columns[i].count > 0)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, column_x (scale, i), ascend_chart_scale_y (scale, columns[i].mean), radius, 0, 2 * G_PI);
      }
  cairo_fill (cr);
}

static void
rounded_top_rect (cairo_t *cr,
                  double   x,
                  double   y,
                  double   w,
                  double   h,
                  double   r)
{
  r = MIN (r, MIN (w / 2, h));
  if (r < 0.5)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + r, y + r, r, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x + w - r, y + r, r, 1.5 * G_PI, 2 * G_PI);
  cairo_line_to (cr, x + w, y + h);
  cairo_line_to (cr, x, y + h);
  cairo_close_path (cr);
}

/* Bars and the strip: a shape per point when a point is wide enough to
 * see, else one per pixel column. */
static void
draw_bars (cairo_t                  *cr,
           const AscendChartScene   *scene,
           const AscendChartPalette *palette,
           const AscendChartScale   *scale,
           const AscendChartColumn  *columns)
{
  gboolean strip = scene->kind == ASCEND_CHART_KIND_STRIP;
  double base = ascend_chart_scale_y (scale, scale->vmin);
  double point_px = scene->point_ms > 0 && scene->to > scene->from
                    ? scene->point_ms * scale->width / (double) (scene->to - scene->from) : 0;

  if (point_px >= 1)
    {
      for (gsize i = ascend_chart_points_lower_bound (scene->points, scene->n_points, scene->from);
           i < scene->n_points && scene->points[i].time < scene->to; i++)
        {
          const AscendChartPoint *p = &scene->points[i];
          double x0, x1, w, top, h;

          if (isnan (p->value))
            continue;
          x0 = ascend_chart_scale_x (scale, p->time);
          x1 = MIN (ascend_chart_scale_x (scale, p->time + scene->point_ms), scale->x + scale->width);
          w = strip ? MAX (1, x1 - x0 - (x1 - x0 > 6 ? 1 : 0)) : MAX (2, MIN ((x1 - x0) * 0.62, 36));
          top = ascend_chart_scale_y (scale, p->value);
          /* Even the lowest score shows as a stub: a logged day never looks empty. */
          h = MAX (strip ? 2 : 4, base - top);
          set_color (cr, level_color (scene, palette, p->value), strip ? 0.9 : 1);
          if (strip)
            cairo_rectangle (cr, x0, base - h, w, h);
          else
            rounded_top_rect (cr, (x0 + x1 - w) / 2, base - h, w, h, scene->compact ? 2 : 6);
          cairo_fill (cr);
        }
      return;
    }

  for (guint i = 0; i < scale->n_columns; i++)
    {
      double top, v;

      if (columns[i].count == 0)
        continue;
      /* Bars stand for the column's peak; the strip for its mean. */
      v = strip ? columns[i].mean : columns[i].max;
      top = ascend_chart_scale_y (scale, v);
      set_color (cr, level_color (scene, palette, v), strip ? 0.9 : 1);
      cairo_rectangle (cr, scale->x + i, top, 1, MAX (2, base - top));
      cairo_fill (cr);
    }
}

static void
draw_events (cairo_t                  *cr,
             const AscendChartScene   *scene,
             const AscendChartPalette *palette,
             const AscendChartScale   *scale)
{
  double last_x = -1;
  int last_level = -1;
  double size = scene->compact ? 3 : 5;

  cairo_set_line_width (cr, 1);
  for (gsize i = 0; i < scene->n_events; i++)
    {
      const AscendChartEvent *e = &scene->events[i];
      int level = CLAMP (e->level, 0, 3);
      double x;

      if (e->time < scene->from || e->time >= scene->to)
        continue;
      x = round (ascend_chart_scale_x (scale, e->time)) + 0.5;
      /* Many alerts in one pixel: draw the most severe once. */
      if (x == last_x && level <= last_level)
        continue;
      last_x = x;
      last_level = level;

      set_color (cr, &palette->severity[level], 0.55);
      cairo_move_to (cr, x, scale->y);
      cairo_line_to (cr, x, scale->y + scale->height);
      cairo_stroke (cr);

      /* A small heart-shaped drop: a triangle under a round top. */
      set_color (cr, &palette->severity[level], 1);
      cairo_move_to (cr, x - size, scale->y - size * 0.6);
      cairo_line_to (cr, x + size, scale->y - size * 0.6);
      cairo_line_to (cr, x, scale->y + size * 0.8);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_arc (cr, x, scale->y - size * 0.6, size * 0.7, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_cursor (cairo_t                  *cr,
             const AscendChartScene   *scene,
             const AscendChartPalette *palette,
             const AscendChartScale   *scale,
             PangoLayout              *layout,
             double                    width)
{
  const AscendChartPoint *p;
  double x, y;

  if (scene->cursor < 0 || (gsize) scene->cursor >= scene->n_points)
    return;
  p = &scene->points[scene->cursor];
  if (isnan (p->value) || p->time < scene->from || p->time >= scene->to)
    return;

  x = ascend_chart_scale_x (scale, p->time + scene->point_ms / 2);
  y = ascend_chart_scale_y (scale, p->value);
  set_color (cr, &palette->cursor, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, scale->y);
  cairo_line_to (cr, round (x) + 0.5, scale->y + scale->height);
  cairo_stroke (cr);
  set_color (cr, &palette->bubble, 1);
  cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
  cairo_fill (cr);
  set_color (cr, &palette->cursor, 1);
  cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
  cairo_fill (cr);

  if (scene->readout != NULL && !scene->compact)
    {
      int w, h;
      double bx, by, bw, bh, r = 8;

      pango_layout_set_text (layout, scene->readout, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      bw = w + 16;
      bh = h + 8;
      bx = CLAMP (x - bw / 2, 1, MAX (1, width - bw - 1));
      /* Above the dot when there is room, else below it. */
      by = y - bh - 12 >= 0 ? y - bh - 12 : y + 12;
      cairo_new_sub_path (cr);
      cairo_arc (cr, bx + bw - r, by + r, r, -G_PI / 2, 0);
      cairo_arc (cr, bx + bw - r, by + bh - r, r, 0, G_PI / 2);
      cairo_arc (cr, bx + r, by + bh - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, bx + r, by + r, r, G_PI, 1.5 * G_PI);
      cairo_close_path (cr);
      set_color (cr, &palette->bubble, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &palette->cursor, 0.5);
      cairo_stroke (cr);
      set_color (cr, &palette->bubble_text, 1);
      cairo_move_to (cr, round (bx + 8), round (by + 4));
      pango_cairo_show_layout (cr, layout);
    }
}

void
ascend_chart_render (cairo_t                  *cr,
                     const AscendChartScene   *scene,
                     const AscendChartPalette *palette,
                     double                    width,
                     double                    height,
                     const AscendChartColumn  *columns)
{
  g_autofree AscendChartColumn *own = NULL;
  g_autoptr(PangoLayout) text = NULL;
  AscendChartScale scale;
  gboolean any = FALSE;

  g_return_if_fail (cr != NULL && scene != NULL && palette != NULL);
  if (width < 4 || height < 4)
    return;

  if (columns == NULL)
    {
      own = g_new (AscendChartColumn, (gsize) ceil (MAX (width, 1)));
      layout (scene, width, height, &scale, own, NULL);
      columns = own;
    }
  else
    /* The value axis from the kept columns: no pass over the points. */
    layout (scene, width, height, &scale, NULL, columns);

  for (guint i = 0; i < scale.n_columns && !any; i++)
    any = columns[i].count > 0;

  cairo_save (cr);
  text = create_layout (cr, scene);

  draw_level_bands (cr, scene, palette, &scale);
  draw_grid (cr, scene, palette, &scale, text, width, any);
  draw_intervals (cr, scene, palette, &scale);

  cairo_save (cr);
  /* The band and bars stay inside the plot; dots may overhang a little. */
  cairo_rectangle (cr, scale.x - 4, scale.y - 4, scale.width + 8, scale.height + 8);
  cairo_clip (cr);
  if (any)
    switch (scene->kind)
      {
      case ASCEND_CHART_KIND_LINE:
        draw_line (cr, scene, palette, &scale, columns);
        break;
      case ASCEND_CHART_KIND_POINTS:
        draw_points (cr, scene, palette, &scale, columns);
        break;
      case ASCEND_CHART_KIND_BARS:
      case ASCEND_CHART_KIND_STRIP:
      default:
        draw_bars (cr, scene, palette, &scale, columns);
        break;
      }
  cairo_restore (cr);

  draw_events (cr, scene, palette, &scale);
  if (any)
    draw_cursor (cr, scene, palette, &scale, text, width);
  else if (scene->empty_text != NULL && !scene->compact)
    {
      PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (text));

      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description (text, font);
      pango_font_description_free (font);
      pango_layout_set_width (text, (int) (scale.width - 16) * PANGO_SCALE);
      pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (text, PANGO_WRAP_WORD);
      set_color (cr, &palette->text, 1);
      text_at (cr, text, scene->empty_text, scale.x + 8, scale.y + scale.height / 2, 0, 0.5,
               scale.x + 8, width);
    }
  cairo_restore (cr);
}
