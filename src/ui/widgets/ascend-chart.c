/* ascend-chart.c: the chart widget: snapshot, readout, keys, summary
 *
 * Data (ascend-chart-series), scaling (ascend-chart-axis) and drawing
 * (ascend-chart-layer) live apart, as in Sysprof's charts; this file only
 * ties them to GTK. The decimated columns are kept between frames, so
 * moving the readout redraws without visiting the points again.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ascend-chart.h"

#define HOUR_MS (3600 * (gint64) 1000)

struct _AscendChart
{
  GtkWidget          parent_instance;

  AscendChartKind    kind;
  AscendChartLevels  levels;
  char              *title;
  char              *unit;
  guint              decimals;
  double             value_min;
  double             value_max;
  double             value_step;
  gboolean           compact;

  AscendChartPeriod  period;
  gint64             from;
  gint64             to;
  GTimeZone         *tz;

  GArray            *points;     /* AscendChartPoint */
  gint64             point_ms;
  gint64             max_gap_ms;
  GArray            *events;     /* AscendChartEvent */
  GArray            *intervals;  /* AscendChartInterval */
  char              *empty_text;

  char              *summary_override;
  char              *summary;
  char              *readout;
  gssize             cursor;

  /* The last frame's layout and decimation, valid for cache_width x
   * cache_height until the data or range changes. */
  AscendChartColumn *columns;
  guint              n_columns;
  int                cache_width;
  int                cache_height;
  gboolean           cache_valid;
  AscendChartScale   scale;
};

G_DEFINE_FINAL_TYPE (AscendChart, ascend_chart, GTK_TYPE_WIDGET)

static void
invalidate (AscendChart *self)
{
  self->cache_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ----------------------------------------------------------------- words */

static char *
format_value (AscendChart *self,
              double       v)
{
  return g_strdup_printf ("%.*f", (int) self->decimals, v);
}

static void
update_accessible (AscendChart *self)
{
  const char *summary = self->summary_override != NULL ? self->summary_override : self->summary;
  g_autofree char *label = NULL;

  if (self->readout != NULL && self->title != NULL)
    /* TRANSLATORS: a chart's accessible name while a point is selected:
     * the chart's title, then the readout ("Tue 14:05: 72 bpm") */
    label = g_strdup_printf (_("%s, %s"), self->title, self->readout);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : summary,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
update_summary (AscendChart *self)
{
  g_autofree char *phrase = NULL;
  AscendChartStats stats;
  const AscendChartPoint *points = (const AscendChartPoint *) self->points->data;

  g_clear_pointer (&self->summary, g_free);
  if (self->title == NULL || self->to <= self->from)
    {
      self->summary = g_strdup (self->title != NULL ? self->title : "");
      update_accessible (self);
      return;
    }

  phrase = ascend_chart_period_phrase (self->period, self->tz, self->from, g_get_real_time () / 1000);
  ascend_chart_points_stats (points, self->points->len, self->from, self->to, &stats);
  if (stats.count == 0)
    /* TRANSLATORS: a chart's summary when its range is empty: "Heart rate
     * this week: nothing recorded" */
    self->summary = g_strdup_printf (_("%s %s: nothing recorded"), self->title, phrase);
  else
    {
      g_autofree char *mean = format_value (self, stats.mean);
      g_autofree char *min = format_value (self, stats.min);
      g_autofree char *max = format_value (self, stats.max);

      /* TRANSLATORS: a chart's summary: "Heart rate this week: average
       * 68, lowest 51, highest 142" */
      self->summary = g_strdup_printf (_("%s %s: average %s, lowest %s, highest %s"),
                                       self->title, phrase, mean, min, max);
    }
  update_accessible (self);
}

static void
update_readout (AscendChart *self)
{
  const AscendChartPoint *p;
  g_autofree char *when = NULL;
  g_autofree char *value = NULL;
  double lo, hi;

  g_clear_pointer (&self->readout, g_free);
  if (self->cursor >= 0 && (guint) self->cursor < self->points->len)
    {
      p = &g_array_index (self->points, AscendChartPoint, self->cursor);
      /* A point that stands for a day or more reads as a date. */
      when = ascend_chart_format_time (self->point_ms >= 24 * HOUR_MS ? ASCEND_CHART_PERIOD_YEAR : self->period,
                                       self->tz, p->time);
      value = format_value (self, p->value);
      lo = isnan (p->lo) ? p->value : p->lo;
      hi = isnan (p->hi) ? p->value : p->hi;
      if (hi - lo >= pow (10, -(double) self->decimals))
        {
          g_autofree char *lo_s = format_value (self, lo);
          g_autofree char *hi_s = format_value (self, hi);
          /* TRANSLATORS: a chart readout of a bucket: time, mean, unit,
           * lowest, highest: "Tue 14:00: 72 bpm (61–90)" */
          self->readout = g_strdup_printf (_("%s: %s %s (%s–%s)"), when, value,
                                           self->unit != NULL ? self->unit : "", lo_s, hi_s);
        }
      else
        /* TRANSLATORS: a chart readout: time, value, unit: "Tue 14:05: 72 bpm" */
        self->readout = g_strdup_printf (_("%s: %s %s"), when, value,
                                         self->unit != NULL ? self->unit : "");
      g_strchomp (self->readout);
    }
  update_accessible (self);
}

/* -------------------------------------------------------------- drawing */

static void
read_palette (AscendChart        *self,
              AscendChartPalette *palette)
{
  static const struct { const char *name; gsize offset; } named[] = {
    { "ascend_chart_line", G_STRUCT_OFFSET (AscendChartPalette, line) },
    { "ascend_chart_band", G_STRUCT_OFFSET (AscendChartPalette, band) },
    { "ascend_chart_bar", G_STRUCT_OFFSET (AscendChartPalette, bar) },
    { "ascend_chart_interval", G_STRUCT_OFFSET (AscendChartPalette, interval) },
    { "ascend_chart_cursor", G_STRUCT_OFFSET (AscendChartPalette, cursor) },
    { "ascend_chart_bubble", G_STRUCT_OFFSET (AscendChartPalette, bubble) },
    { "ascend_chart_bubble_fg", G_STRUCT_OFFSET (AscendChartPalette, bubble_text) },
  };
  GtkStyleContext *context;
  GdkRGBA fg;

  ascend_chart_palette_init (palette, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* GTK 4.8 has no gtk_widget_get_color(); the style context is how a
   * widget reads its colours there. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  palette->text = (AscendChartColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.75 };
  palette->grid = (AscendChartColor) { fg.red, fg.green, fg.blue, fg.alpha * 0.12 };
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GdkRGBA c;
      if (gtk_style_context_lookup_color (context, named[i].name, &c))
        *(AscendChartColor *) G_STRUCT_MEMBER_P (palette, named[i].offset) =
          (AscendChartColor) { c.red, c.green, c.blue, c.alpha };
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
fill_scene (AscendChart      *self,
            AscendChartScene *scene)
{
  ascend_chart_scene_init (scene);
  scene->kind = self->kind;
  scene->levels = self->levels;
  scene->period = self->period;
  scene->tz = self->tz;
  scene->from = self->from;
  scene->to = self->to;
  scene->points = (const AscendChartPoint *) self->points->data;
  scene->n_points = self->points->len;
  scene->point_ms = self->point_ms;
  scene->max_gap_ms = self->max_gap_ms;
  scene->events = (const AscendChartEvent *) self->events->data;
  scene->n_events = self->events->len;
  scene->intervals = (const AscendChartInterval *) self->intervals->data;
  scene->n_intervals = self->intervals->len;
  scene->value_min = self->value_min;
  scene->value_max = self->value_max;
  scene->value_step = self->value_step;
  scene->compact = self->compact;
  scene->cursor = self->cursor;
  scene->readout = self->readout;
  scene->empty_text = self->empty_text;
}

static void
ascend_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  AscendChart *self = ASCEND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoFontDescription *font;
  AscendChartPalette palette;
  AscendChartScene scene;
  cairo_t *cr;

  if (width < 4 || height < 4 || self->to <= self->from)
    return;

  read_palette (self, &palette);
  fill_scene (self, &scene);
  font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  /* Axis labels a step smaller than the body text. */
  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * 0.85));
  scene.font = font;

  if (!self->cache_valid || width != self->cache_width || height != self->cache_height)
    {
      guint n = (guint) ceil (MAX (width, 1));
      if (n > self->n_columns)
        {
          g_free (self->columns);
          self->columns = g_new (AscendChartColumn, n);
          self->n_columns = n;
        }
      ascend_chart_scene_layout (&scene, width, height, &self->scale, self->columns);
      self->cache_width = width;
      self->cache_height = height;
      self->cache_valid = TRUE;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ascend_chart_render (cr, &scene, &palette, width, height, self->columns);
  cairo_destroy (cr);
  pango_font_description_free (font);
}

static void
ascend_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  AscendChart *self = ASCEND_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->compact ? 60 : 160;
      *natural = self->compact ? 240 : 520;
    }
  else
    {
      *minimum = self->compact ? 40 : 150;
      *natural = self->compact ? 56 : 200;
    }
}

static void
ascend_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ascend_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

/* ------------------------------------------------------------- pointing */

static gssize
nearest_to_x (AscendChart *self,
              double       x)
{
  gint64 t;

  if (!self->cache_valid)
    return -1;
  t = ascend_chart_scale_time (&self->scale, x) - self->point_ms / 2;
  return ascend_chart_points_nearest ((const AscendChartPoint *) self->points->data, self->points->len,
                                      self->from, self->to, t);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           AscendChart              *self)
{
  gssize i = nearest_to_x (self, x);

  if (i != self->cursor)
    ascend_chart_set_cursor (self, i);
}

/* A click pins the readout and brings the keyboard here, so the arrow
 * keys go on from the point clicked. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            AscendChart     *self)
{
  gssize i = nearest_to_x (self, x);

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (i >= 0)
    ascend_chart_set_cursor (self, i);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          AscendChart              *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    ascend_chart_set_cursor (self, -1);
}

static void
focus_enter_cb (GtkEventControllerFocus *focus,
                AscendChart             *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Only when the keyboard brought the focus here (not a click, not the
   * window's first focus): then the newest point first, usually what the
   * user wants to hear. */
  if (GTK_IS_WINDOW (root) && !gtk_window_get_focus_visible (GTK_WINDOW (root)))
    return;
  if (self->cursor < 0)
    ascend_chart_set_cursor (self, ascend_chart_points_step ((const AscendChartPoint *) self->points->data,
                                                             self->points->len, self->from, self->to, -1, -1));
}

static void
focus_leave_cb (GtkEventControllerFocus *focus,
                AscendChart             *self)
{
  ascend_chart_set_cursor (self, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AscendChart           *self)
{
  const AscendChartPoint *points = (const AscendChartPoint *) self->points->data;
  gsize n = self->points->len;
  gssize to;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      to = ascend_chart_points_step (points, n, self->from, self->to, self->cursor, -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      to = ascend_chart_points_step (points, n, self->from, self->to, self->cursor, 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      to = ascend_chart_points_step (points, n, self->from, self->to, -1, 1);
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      to = ascend_chart_points_step (points, n, self->from, self->to, -1, -1);
      break;
    default:
      return FALSE;
    }
  if (to >= 0)
    ascend_chart_set_cursor (self, to);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

/* ---------------------------------------------------------------- setup */

static void
ascend_chart_finalize (GObject *object)
{
  AscendChart *self = ASCEND_CHART (object);

  g_free (self->title);
  g_free (self->unit);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_array_unref (self->points);
  g_array_unref (self->events);
  g_array_unref (self->intervals);
  g_free (self->empty_text);
  g_free (self->summary_override);
  g_free (self->summary);
  g_free (self->readout);
  g_free (self->columns);
  G_OBJECT_CLASS (ascend_chart_parent_class)->finalize (object);
}

static void
ascend_chart_class_init (AscendChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_chart_finalize;
  widget_class->snapshot = ascend_chart_snapshot;
  widget_class->measure = ascend_chart_measure;
  widget_class->css_changed = ascend_chart_css_changed;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ascend_chart_init (AscendChart *self)
{
  GtkEventController *controller;

  self->points = g_array_new (FALSE, FALSE, sizeof (AscendChartPoint));
  self->events = g_array_new (FALSE, FALSE, sizeof (AscendChartEvent));
  self->intervals = g_array_new (FALSE, FALSE, sizeof (AscendChartInterval));
  self->tz = g_time_zone_new_local ();
  self->value_min = self->value_max = NAN;
  self->cursor = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
ascend_chart_new (AscendChartKind kind)
{
  AscendChart *self = g_object_new (ASCEND_TYPE_CHART, NULL);

  ascend_chart_set_kind (self, kind);
  return GTK_WIDGET (self);
}

void
ascend_chart_set_kind (AscendChart     *self,
                       AscendChartKind  kind)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  self->kind = kind;
  invalidate (self);
}

/* ------------------------------------------------------------ accessors */

void
ascend_chart_set_title (AscendChart *self,
                        const char  *title,
                        const char  *unit,
                        guint        decimals)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->unit);
  self->unit = g_strdup (unit);
  self->decimals = MIN (decimals, 3);
  update_summary (self);
  update_readout (self);
}

void
ascend_chart_set_levels (AscendChart       *self,
                         AscendChartLevels  levels)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  self->levels = levels;
  invalidate (self);
}

void
ascend_chart_set_value_range (AscendChart *self,
                              double       min,
                              double       max,
                              double       step)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  self->value_min = min;
  self->value_max = max;
  self->value_step = step;
  invalidate (self);
}

void
ascend_chart_set_compact (AscendChart *self,
                          gboolean     compact)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  self->compact = !!compact;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  invalidate (self);
}

void
ascend_chart_set_range (AscendChart       *self,
                        AscendChartPeriod  period,
                        gint64             from,
                        gint64             to,
                        GTimeZone         *tz)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  self->period = period;
  self->from = from;
  self->to = to;
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  self->cursor = -1;
  update_summary (self);
  update_readout (self);
  invalidate (self);
}

void
ascend_chart_set_points (AscendChart            *self,
                         const AscendChartPoint *points,
                         gsize                   n_points,
                         gint64                  point_ms,
                         gint64                  max_gap_ms)
{
  g_return_if_fail (ASCEND_IS_CHART (self));
  g_return_if_fail (n_points == 0 || points != NULL);

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, points, n_points);
  self->point_ms = MAX (point_ms, 0);
  self->max_gap_ms = MAX (max_gap_ms, 0);
  self->cursor = -1;
  update_summary (self);
  update_readout (self);
  invalidate (self);
}

void
ascend_chart_set_events (AscendChart            *self,
                         const AscendChartEvent *events,
                         gsize                   n_events)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  g_array_set_size (self->events, 0);
  g_array_append_vals (self->events, events, n_events);
  invalidate (self);
}

void
ascend_chart_set_intervals (AscendChart               *self,
                            const AscendChartInterval *intervals,
                            gsize                      n_intervals)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  g_array_set_size (self->intervals, 0);
  g_array_append_vals (self->intervals, intervals, n_intervals);
  invalidate (self);
}

void
ascend_chart_set_empty_text (AscendChart *self,
                             const char  *text)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ascend_chart_set_summary (AscendChart *self,
                          const char  *summary)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  g_free (self->summary_override);
  self->summary_override = g_strdup (summary);
  update_accessible (self);
}

const char *
ascend_chart_get_summary (AscendChart *self)
{
  g_return_val_if_fail (ASCEND_IS_CHART (self), NULL);

  return self->summary_override != NULL ? self->summary_override : self->summary;
}

const char *
ascend_chart_get_readout (AscendChart *self)
{
  g_return_val_if_fail (ASCEND_IS_CHART (self), NULL);

  return self->readout;
}

gssize
ascend_chart_get_cursor (AscendChart *self)
{
  g_return_val_if_fail (ASCEND_IS_CHART (self), -1);

  return self->cursor;
}

void
ascend_chart_set_cursor (AscendChart *self,
                         gssize       index)
{
  g_return_if_fail (ASCEND_IS_CHART (self));

  if (index >= (gssize) self->points->len)
    index = -1;
  if (index == self->cursor)
    return;
  self->cursor = index;
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
