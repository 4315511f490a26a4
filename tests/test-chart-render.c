/* test-chart-render.c: the chart's layers against reference images
 *
 * Each case draws a fixed scene (fixed data, UTC, "Sans 9") with
 * ascend_chart_render() onto a cairo image surface at two sizes and in
 * both colour schemes, and compares it with tests/reference/chart-*.png:
 * a pixel differs when a channel is off by more than CHANNEL_TOLERANCE,
 * and the image fails when more than PIXEL_TOLERANCE of its pixels differ
 * (room for anti-aliasing, none for a changed colour or shape: a changed
 * line colour alone alters several percent of a chart's pixels). On a
 * failure the actual image and a diff land in $TMPDIR/ascend-chart-render/.
 *
 * After a deliberate change to the drawing, regenerate the references
 * and look at every one of them before committing:
 *
 *   build/tests/test-chart-render --regenerate
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-chart-layer.h"

#define CHANNEL_TOLERANCE 8
#define PIXEL_TOLERANCE   0.002

#define MINUTE_MS (60 * (gint64) 1000)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)

static gboolean regenerate;

typedef struct {
  const char *name;
  void      (*build) (AscendChartScene *scene, GTimeZone *tz, GArray *points);
} RenderCase;

typedef struct {
  const char *name;
  int         width;
  int         height;
} RenderSize;

/* Tuesday 24 November 2026, 00:00 UTC */
static gint64
day0 (void)
{
  return G_GINT64_CONSTANT (1795478400000);
}

static const AscendChartEvent heart_events[] = {
  { G_GINT64_CONSTANT (1795478400000) + 8 * HOUR_MS + 30 * MINUTE_MS, 2 },
  { G_GINT64_CONSTANT (1795478400000) + 14 * HOUR_MS + 10 * MINUTE_MS, 3 },
  { G_GINT64_CONSTANT (1795478400000) + 20 * HOUR_MS, 0 },
};

static const AscendChartInterval heart_intervals[] = {
  { G_GINT64_CONSTANT (1795478400000) + 11 * HOUR_MS, G_GINT64_CONSTANT (1795478400000) + 11 * HOUR_MS + 40 * MINUTE_MS },
};

/* A day of per-minute heart rate with a band, a gap from 03:00 to 05:00,
 * three alerts, an irregular-rhythm episode and the cursor at 16:00. */
static void
build_heart_day (AscendChartScene *scene,
                 GTimeZone        *tz,
                 GArray           *points)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (int m = 0; m < 24 * 60; m++)
    {
      double base = 62 + 18 * sin (m / 1440.0 * 2 * G_PI - G_PI / 2) + 12 * (m > 17 * 60 && m < 18 * 60);
      AscendChartPoint p = { day0 () + m * MINUTE_MS, 0, 0, 0 };

      if (m >= 3 * 60 && m < 5 * 60)
        continue;
      p.value = round (base + g_rand_double_range (rand, -3, 3));
      p.lo = p.value - g_rand_int_range (rand, 2, 9);
      p.hi = p.value + g_rand_int_range (rand, 2, 9);
      g_array_append_val (points, p);
    }
  g_rand_free (rand);

  scene->kind = ASCEND_CHART_KIND_LINE;
  scene->period = ASCEND_CHART_PERIOD_DAY;
  scene->from = day0 ();
  scene->to = day0 () + DAY_MS;
  scene->point_ms = MINUTE_MS;
  scene->max_gap_ms = 10 * MINUTE_MS;
  scene->events = heart_events;
  scene->n_events = G_N_ELEMENTS (heart_events);
  scene->intervals = heart_intervals;
  scene->n_intervals = G_N_ELEMENTS (heart_intervals);
  scene->cursor = (16 - 2) * 60;   /* two hours of the gap before it */
  scene->readout = "16:00: 71 bpm (64–79)";
}

/* A week (Monday 23 Nov) of hourly stress on the banded strip. */
static void
build_stress_week (AscendChartScene *scene,
                   GTimeZone        *tz,
                   GArray           *points)
{
  gint64 monday = day0 () - DAY_MS;

  for (int h = 0; h < 7 * 24; h++)
    {
      AscendChartPoint p = { monday + h * HOUR_MS, NAN, NAN, NAN };
      int hour = h % 24;

      if (hour < 7)
        continue;   /* asleep: no sensor */
      p.value = 1 + fmod (h * 7.3, 9.0) * (hour > 12 && hour < 18 ? 1.0 : 0.5);
      g_array_append_val (points, p);
    }
  scene->kind = ASCEND_CHART_KIND_STRIP;
  scene->levels = ASCEND_CHART_LEVELS_STRESS;
  scene->period = ASCEND_CHART_PERIOD_WEEK;
  scene->from = monday;
  scene->to = monday + 7 * DAY_MS;
  scene->point_ms = HOUR_MS;
  scene->value_min = 1;
  scene->value_max = 10;
  scene->value_step = 3;
}

/* November 2026 of daily mood averages, some days not logged. */
static void
build_mood_month (AscendChartScene *scene,
                  GTimeZone        *tz,
                  GArray           *points)
{
  gint64 first = G_GINT64_CONSTANT (1793491200000);   /* 1 Nov 2026 UTC */

  for (int d = 0; d < 30; d++)
    {
      AscendChartPoint p = { first + d * DAY_MS, NAN, NAN, NAN };

      if (d % 4 == 3)
        continue;
      p.value = 1 + (d * 37 % 90) / 10.0;
      g_array_append_val (points, p);
    }
  scene->kind = ASCEND_CHART_KIND_BARS;
  scene->levels = ASCEND_CHART_LEVELS_MOOD;
  scene->period = ASCEND_CHART_PERIOD_MONTH;
  scene->from = first;
  scene->to = first + 30 * DAY_MS;
  scene->point_ms = DAY_MS;
  scene->value_min = 1;
  scene->value_max = 10;
  scene->value_step = 3;
}

/* A year of HRV, one bucket a day, as points with whiskers. */
static void
build_hrv_year (AscendChartScene *scene,
                GTimeZone        *tz,
                GArray           *points)
{
  gint64 jan1 = G_GINT64_CONSTANT (1767225600000);   /* 1 Jan 2026 UTC */

  for (int d = 0; d < 330; d += 3)
    {
      AscendChartPoint p = { jan1 + d * DAY_MS, 0, 0, 0 };
      p.value = 42 + 10 * sin (d / 30.0);
      p.lo = p.value - 6 - d % 5;
      p.hi = p.value + 5 + d % 7;
      g_array_append_val (points, p);
    }
  scene->kind = ASCEND_CHART_KIND_POINTS;
  scene->period = ASCEND_CHART_PERIOD_YEAR;
  scene->from = jan1;
  scene->to = jan1 + 365 * DAY_MS;
  scene->point_ms = DAY_MS;
}

/* An empty week: the empty state's words. */
static void
build_empty_week (AscendChartScene *scene,
                  GTimeZone        *tz,
                  GArray           *points)
{
  scene->kind = ASCEND_CHART_KIND_LINE;
  scene->period = ASCEND_CHART_PERIOD_WEEK;
  scene->from = day0 () - DAY_MS;
  scene->to = day0 () + 6 * DAY_MS;
  scene->events = heart_events;
  scene->n_events = 1;
  scene->empty_text = "No readings this week. Connect a sensor or add a reading.";
}

static const RenderCase cases[] = {
  { "heart-day", build_heart_day },
  { "stress-week", build_stress_week },
  { "mood-month", build_mood_month },
  { "hrv-year", build_hrv_year },
  { "empty-week", build_empty_week },
};

static const RenderSize sizes[] = {
  { "wide", 640, 240 },
  { "narrow", 340, 180 },
};

typedef struct {
  const RenderCase *render_case;
  const RenderSize *size;
  gboolean          dark;
} RenderTest;

static cairo_surface_t *
render (const RenderTest *test)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (AscendChartPoint));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, test->size->width, test->size->height);
  cairo_t *cr = cairo_create (surface);
  cairo_font_options_t *options = cairo_font_options_create ();
  AscendChartPalette palette;
  AscendChartScene scene;

  /* Grey anti-aliasing without hinting: the same pixels on any screen setup. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  ascend_chart_scene_init (&scene);
  scene.tz = utc;
  test->render_case->build (&scene, utc, points);
  scene.points = (const AscendChartPoint *) points->data;
  scene.n_points = points->len;

  /* The card the chart sits on (style.css / style-dark.css). */
  if (test->dark)
    cairo_set_source_rgb (cr, 0x25 / 255.0, 0x1d / 255.0, 0x40 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  ascend_chart_palette_init (&palette, test->dark);
  ascend_chart_render (cr, &scene, &palette, test->size->width, test->size->height, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static char *
reference_path (const RenderTest *test)
{
  g_autofree char *file = g_strdup_printf ("chart-%s-%s-%s.png", test->render_case->name,
                                           test->size->name, test->dark ? "dark" : "light");
  return g_build_filename (REFERENCE_DIR, file, NULL);
}

/* How many pixels differ by more than the channel tolerance; fills diff
 * (same size) red where they do. */
static guint
compare (cairo_surface_t *a,
         cairo_surface_t *b,
         cairo_surface_t *diff)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  const guchar *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guchar *pd = cairo_image_surface_get_data (diff);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  int sd = cairo_image_surface_get_stride (diff);
  guint differing = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *ca = pa + y * sa + x * 4, *cb = pb + y * sb + x * 4;
        guchar *cd = pd + y * sd + x * 4;
        int worst = 0;

        for (int k = 0; k < 4; k++)
          worst = MAX (worst, abs ((int) ca[k] - (int) cb[k]));
        if (worst > CHANNEL_TOLERANCE)
          {
            differing++;
            cd[0] = 0; cd[1] = 0; cd[2] = 255; cd[3] = 255;   /* red, BGRA */
          }
        else
          {
            guchar grey = (guchar) ((ca[0] + ca[1] + ca[2]) / 12 + 160);
            cd[0] = cd[1] = cd[2] = grey;
            cd[3] = 255;
          }
      }
  cairo_surface_mark_dirty (diff);
  return differing;
}

static void
test_render (gconstpointer data)
{
  const RenderTest *test = data;
  g_autofree char *path = reference_path (test);
  cairo_surface_t *actual = render (test);
  cairo_surface_t *reference, *diff;
  guint differing, total;

  if (regenerate)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      cairo_surface_destroy (actual);
      return;
    }

  reference = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (reference) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read %s (%s): run test-chart-render --regenerate",
             path, cairo_status_to_string (cairo_surface_status (reference)));
  g_assert_cmpint (cairo_image_surface_get_width (reference), ==, test->size->width);
  g_assert_cmpint (cairo_image_surface_get_height (reference), ==, test->size->height);

  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, test->size->width, test->size->height);
  differing = compare (actual, reference, diff);
  total = (guint) (test->size->width * test->size->height);
  g_test_message ("%s: %u of %u pixels differ", path, differing, total);
  if (differing > total * PIXEL_TOLERANCE)
    {
      g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "ascend-chart-render", NULL);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *actual_path = NULL;
      g_autofree char *diff_path = NULL;

      g_mkdir_with_parents (dir, 0700);
      actual_path = g_build_filename (dir, base, NULL);
      diff_path = g_strconcat (actual_path, ".diff.png", NULL);
      cairo_surface_write_to_png (actual, actual_path);
      cairo_surface_write_to_png (diff, diff_path);
      g_test_message ("the drawing changed: actual %s, diff %s", actual_path, diff_path);
      g_test_fail_printf ("%s: %u of %u pixels differ from the reference (at most %.0f allowed)",
                          base, differing, total, total * PIXEL_TOLERANCE);
    }
  cairo_surface_destroy (diff);
  cairo_surface_destroy (reference);
  cairo_surface_destroy (actual);
}

/* The comparison itself must see a change: a one-colour change of the
 * line in the heart-rate chart is far over the tolerance. */
static void
test_comparison_sees_a_colour_change (void)
{
  RenderTest test = { &cases[0], &sizes[0], FALSE };
  cairo_surface_t *a = render (&test);
  cairo_surface_t *b, *diff;
  guint differing;
  int w = sizes[0].width, h = sizes[0].height;

  /* Draw the same scene with the line in violet instead of sakura. */
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (AscendChartPoint));
    AscendChartPalette palette;
    AscendChartScene scene;
    cairo_t *cr;

    b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
    cr = cairo_create (b);
    ascend_chart_scene_init (&scene);
    scene.tz = utc;
    build_heart_day (&scene, utc, points);
    scene.points = (const AscendChartPoint *) points->data;
    scene.n_points = points->len;
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    ascend_chart_palette_init (&palette, FALSE);
    palette.line = (AscendChartColor) { 0x7c / 255.0, 0x5c / 255.0, 0xff / 255.0, 1 };
    ascend_chart_render (cr, &scene, &palette, w, h, NULL);
    cairo_destroy (cr);
  }
  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  differing = compare (a, b, diff);
  g_test_message ("a line colour change alters %u pixels", differing);
  g_assert_cmpuint (differing, >, (guint) (w * h * PIXEL_TOLERANCE * 5));
  cairo_surface_destroy (diff);
  cairo_surface_destroy (b);
  cairo_surface_destroy (a);
}

int
main (int argc, char **argv)
{
  GPtrArray *tests = g_ptr_array_new_with_free_func (g_free);
  int status;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--regenerate") == 0)
      {
        regenerate = TRUE;
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }

  ascend_test_init (&argc, &argv);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (int dark = 0; dark <= 1; dark++)
        {
          RenderTest *test = g_new (RenderTest, 1);
          g_autofree char *path = NULL;

          *test = (RenderTest) { &cases[c], &sizes[s], dark };
          g_ptr_array_add (tests, test);
          path = g_strdup_printf ("/chart-render/%s/%s/%s", cases[c].name, sizes[s].name,
                                  dark ? "dark" : "light");
          g_test_add_data_func (path, test, test_render);
        }
  g_test_add_func ("/chart-render/comparison-sees-a-colour-change", test_comparison_sees_a_colour_change);

  status = g_test_run ();
  g_ptr_array_unref (tests);
  return status;
}
