/* ascend-heartbeat.c: a heart that beats with the live heart rate
 *
 * Drawn with Cairo in snapshot. Each beat is a quick swell and a slower
 * settle, timed from the heart rate; with animations off (reduced motion)
 * the heart stays still.
 */
#include "config.h"

#include <math.h>

#include "ascend-heartbeat.h"

struct _AscendHeartbeat
{
  GtkWidget  parent_instance;
  guint      bpm;
  guint      tick_id;
  gint64     origin_us;
  double     scale;
};

G_DEFINE_FINAL_TYPE (AscendHeartbeat, ascend_heartbeat, GTK_TYPE_WIDGET)

static gboolean
animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;
  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  AscendHeartbeat *self = ASCEND_HEARTBEAT (widget);
  double period_us, phase;

  if (self->bpm == 0 || !animations_enabled (widget))
    {
      self->scale = 1.0;
      self->tick_id = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_REMOVE;
    }
  period_us = 60e6 / self->bpm;
  phase = fmod ((double) (gdk_frame_clock_get_frame_time (clock) - self->origin_us), period_us) / period_us;
  /* Swell over the first 15% of the beat, settle over the next 35%. */
  if (phase < 0.15)
    self->scale = 1.0 + 0.14 * sin (phase / 0.15 * G_PI_2);
  else if (phase < 0.5)
    self->scale = 1.0 + 0.14 * cos ((phase - 0.15) / 0.35 * G_PI_2);
  else
    self->scale = 1.0;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

void
ascend_heartbeat_set_rate (AscendHeartbeat *self,
                           guint            bpm)
{
  g_return_if_fail (ASCEND_IS_HEARTBEAT (self));

  self->bpm = bpm;
  if (bpm > 0 && self->tick_id == 0 && animations_enabled (GTK_WIDGET (self)))
    {
      self->origin_us = g_get_monotonic_time ();
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
heart_path (cairo_t *cr,
            double   cx,
            double   cy,
            double   size)
{
  double s = size / 2.0;
  cairo_move_to (cr, cx, cy + s * 0.85);
  cairo_curve_to (cr, cx - s * 1.25, cy + s * 0.05, cx - s * 0.85, cy - s * 0.95, cx, cy - s * 0.35);
  cairo_curve_to (cr, cx + s * 0.85, cy - s * 0.95, cx + s * 1.25, cy + s * 0.05, cx, cy + s * 0.85);
  cairo_close_path (cr);
}

static void
ascend_heartbeat_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AscendHeartbeat *self = ASCEND_HEARTBEAT (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  double size = MIN (w, h) * 0.78 * self->scale;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, h * 0.1, w, h * 0.9);

  if (self->bpm > 0)
    {
      cairo_pattern_add_color_stop_rgb (gradient, 0, 1.0, 0.435, 0.682);   /* sakura */
      cairo_pattern_add_color_stop_rgb (gradient, 1, 0.486, 0.361, 1.0);   /* violet */
    }
  else
    {
      cairo_pattern_add_color_stop_rgba (gradient, 0, 0.6, 0.55, 0.7, 0.45);
      cairo_pattern_add_color_stop_rgba (gradient, 1, 0.5, 0.45, 0.65, 0.45);
    }
  heart_path (cr, w / 2.0, h / 2.0 + size * 0.05, size);
  cairo_set_source (cr, gradient);
  cairo_fill_preserve (cr);
  /* A soft highlight, as in the rest of our art. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  cairo_set_line_width (cr, MAX (1.5, size * 0.04));
  cairo_stroke (cr);
  cairo_arc (cr, w / 2.0 - size * 0.22, h / 2.0 - size * 0.12, size * 0.09, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, self->bpm > 0 ? 0.6 : 0.3);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);
}

static void
ascend_heartbeat_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 48;
  *natural = 72;
}

static void
ascend_heartbeat_dispose (GObject *object)
{
  AscendHeartbeat *self = ASCEND_HEARTBEAT (object);

  if (self->tick_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  G_OBJECT_CLASS (ascend_heartbeat_parent_class)->dispose (object);
}

static void
ascend_heartbeat_class_init (AscendHeartbeatClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_heartbeat_dispose;
  widget_class->snapshot = ascend_heartbeat_snapshot;
  widget_class->measure = ascend_heartbeat_measure;
  gtk_widget_class_set_css_name (widget_class, "heartbeat");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ascend_heartbeat_init (AscendHeartbeat *self)
{
  self->scale = 1.0;
}

GtkWidget *
ascend_heartbeat_new (void)
{
  return g_object_new (ASCEND_TYPE_HEARTBEAT, NULL);
}
