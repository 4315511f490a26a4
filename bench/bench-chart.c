/* bench-chart.c: a week of 1 Hz heart rate drawn by the chart's layers
 *
 * 604,800 points (one per second for 7 days) rendered at 1280x400 onto an
 * offscreen cairo image surface, frame after frame, the way the widget
 * draws them: decimation to the pixel columns plus every layer (grid,
 * labels, band, line, markers, cursor and readout). The decimation is
 * redone every frame here, so the figure is the whole cost of a fresh
 * frame; the widget keeps its columns between frames and pays only the
 * drawing (the _cached figure). Beside it, in the same run, the naive
 * way: one polyline through every point, stroked. Prints ms per frame,
 * median and 99th bench_percentile_sorted, and naive / chart:
 *
 *   {"bench":"chart","figure":"render_week_1hz_median_ms","value":..,"unit":"ms"}
 *   render_week_1hz_p99_ms, render_week_1hz_cached_median_ms,
 *   naive_polyline_median_ms, naive_polyline_p99_ms, ratio (x)
 *
 * and render_week_1hz_cpu_median_ms, the thread's CPU time per chart frame:
 * on a busy machine (two cores shared by a team) the wall-clock figures
 * include time spent waiting for a core; this one does not.
 *
 *   build-release/bench/bench-chart [--frames N] [--naive-frames N]
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "ascend-chart-layer.h"

#define WIDTH   1280
#define HEIGHT  400
#define N_SECONDS (7 * 24 * 3600)

static int opt_frames = 200;
static int opt_naive_frames = 5;

static const GOptionEntry entries[] = {
  { "frames", 'n', 0, G_OPTION_ARG_INT, &opt_frames, "Chart frames timed (default 200)", "N" },
  { "naive-frames", 0, 0, G_OPTION_ARG_INT, &opt_naive_frames, "Naive polyline frames timed (default 5: one takes seconds; 0 skips the baseline)", "N" },
  { NULL }
};

static void
emit (const char *figure,
      double      value,
      const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  printf ("{\"bench\":\"chart\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

/* Nearest rank on sorted values. */
static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void
clear (cairo_t *cr)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the chart against a naive polyline");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree AscendChartPoint *points = g_new (AscendChartPoint, N_SECONDS);
  g_autofree AscendChartColumn *columns = g_new (AscendChartColumn, WIDTH);
  g_autofree double *chart_ms = NULL;
  g_autofree double *cached_ms = NULL;
  g_autofree double *cpu = NULL;
  g_autofree double *naive_ms = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  gint64 from = G_GINT64_CONSTANT (1795392000000);   /* Monday 23 Nov 2026 UTC */
  AscendChartEvent events[] = { { from + 86400000LL * 2 + 3600000LL * 15, 3 }, { from + 86400000LL * 5, 1 } };
  AscendChartInterval spans[] = { { from + 86400000LL * 3, from + 86400000LL * 3 + 1800000LL } };
  AscendChartPalette palette;
  AscendChartScene scene;
  AscendChartScale scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  double hr = 70, chart_median, naive_median;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  opt_frames = MAX (opt_frames, 1);
  opt_naive_frames = MAX (opt_naive_frames, 0);

  /* A random walk around a daily rhythm, with a few lost seconds. */
  for (int i = 0; i < N_SECONDS; i++)
    {
      double target = 64 + 14 * sin ((i % 86400) / 86400.0 * 2 * G_PI - G_PI / 2);
      hr += (target - hr) * 0.01 + g_rand_double_range (rand, -1.5, 1.5);
      points[i] = (AscendChartPoint) { from + i * (gint64) 1000, round (hr), NAN, NAN };
      if (g_rand_int_range (rand, 0, 5000) == 0)
        points[i].value = NAN;
    }
  g_rand_free (rand);

  ascend_chart_scene_init (&scene);
  scene.kind = ASCEND_CHART_KIND_LINE;
  scene.period = ASCEND_CHART_PERIOD_WEEK;
  scene.tz = utc;
  scene.from = from;
  scene.to = from + (gint64) N_SECONDS * 1000;
  scene.points = points;
  scene.n_points = N_SECONDS;
  scene.point_ms = 1000;
  scene.max_gap_ms = 5 * 60 * 1000;
  scene.events = events;
  scene.n_events = G_N_ELEMENTS (events);
  scene.intervals = spans;
  scene.n_intervals = G_N_ELEMENTS (spans);
  scene.cursor = N_SECONDS / 2;
  scene.readout = "Thu 12:00: 71 bpm";
  ascend_chart_palette_init (&palette, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);

  /* Warm up fonts and caches once, untimed. */
  clear (cr);
  ascend_chart_render (cr, &scene, &palette, WIDTH, HEIGHT, NULL);

  chart_ms = g_new (double, opt_frames);
  cached_ms = g_new (double, opt_frames);
  cpu = g_new (double, opt_frames);
  naive_ms = g_new (double, MAX (opt_naive_frames, 1));

  for (int f = 0; f < opt_frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_ms ();
      clear (cr);
      ascend_chart_render (cr, &scene, &palette, WIDTH, HEIGHT, NULL);
      cairo_surface_flush (surface);
      chart_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[f] = cpu_ms () - c0;
    }

  /* As the widget redraws (hover): columns kept from the last layout. */
  ascend_chart_scene_layout (&scene, WIDTH, HEIGHT, &scale, columns);
  for (int f = 0; f < opt_frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      clear (cr);
      ascend_chart_render (cr, &scene, &palette, WIDTH, HEIGHT, columns);
      cairo_surface_flush (surface);
      cached_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  /* The naive way: every point on one polyline, same scale, same pen. */
  for (int f = 0; f < opt_naive_frames; f++)
    {
      gint64 t0 = g_get_monotonic_time ();
      gboolean pen_down = FALSE;

      clear (cr);
      cairo_set_source_rgba (cr, palette.line.red, palette.line.green, palette.line.blue, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (int i = 0; i < N_SECONDS; i++)
        {
          if (isnan (points[i].value))
            {
              pen_down = FALSE;
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, ascend_chart_scale_x (&scale, points[i].time), ascend_chart_scale_y (&scale, points[i].value));
          else
            cairo_move_to (cr, ascend_chart_scale_x (&scale, points[i].time), ascend_chart_scale_y (&scale, points[i].value));
          pen_down = TRUE;
        }
      cairo_stroke (cr);
      cairo_surface_flush (surface);
      naive_ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  qsort (chart_ms, opt_frames, sizeof (double), bench_compare_doubles);
  qsort (cached_ms, opt_frames, sizeof (double), bench_compare_doubles);
  qsort (cpu, opt_frames, sizeof (double), bench_compare_doubles);
  chart_median = bench_median (chart_ms, opt_frames);
  emit ("render_week_1hz_median_ms", chart_median, "ms");
  emit ("render_week_1hz_p99_ms", bench_percentile_sorted (chart_ms, opt_frames, 99), "ms");
  emit ("render_week_1hz_cached_median_ms", bench_median (cached_ms, opt_frames), "ms");
  emit ("render_week_1hz_cpu_median_ms", bench_median (cpu, opt_frames), "ms");
  if (opt_naive_frames == 0)
    return 0;
  qsort (naive_ms, opt_naive_frames, sizeof (double), bench_compare_doubles);
  naive_median = bench_median (naive_ms, opt_naive_frames);
  emit ("naive_polyline_median_ms", naive_median, "ms");
  emit ("naive_polyline_p99_ms", bench_percentile_sorted (naive_ms, opt_naive_frames, 99), "ms");
  emit ("ratio", naive_median / chart_median, "x");
  return 0;
}
