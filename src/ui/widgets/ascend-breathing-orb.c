/* ascend-breathing-orb.c: the breathing orb, its aura and a progress ring
 *
 * The soft parts, the aura and the orb's body, are small textures drawn
 * once per colour and scaled to size each frame: as radial gradient nodes
 * they cost the Cairo renderer (the software fallback, and Xvfb) two thirds
 * of a 1280x800 frame (bench/bench-breathe). The thin lines (rings,
 * sparkles) go through Cairo, in a node no larger than the orb's square.
 */
#include "config.h"

#include <math.h>

#include "ascend-breathing-orb.h"

#define TINT_FADE_US     (600 * 1000)
#define SPARKLES         7
#define AURA_SIZE        160
#define BODY_SIZE        320
#define AURA_SPREAD      1.5f   /* aura radius over orb radius */

struct _AscendBreathingOrb
{
  GtkWidget        parent_instance;

  AscendPhaseKind  kind;
  double           level;
  double           phase_fraction;
  double           progress;
  gint64           time_us;
  gboolean         force_still;

  GdkRGBA          tint_from;
  GdkRGBA          tint_to;
  gint64           tint_since_us;

  GdkTexture      *aura;
  GdkRGBA          aura_tint;
  GdkTexture      *body;
  GdkRGBA          body_tint;
};

G_DEFINE_FINAL_TYPE (AscendBreathingOrb, ascend_breathing_orb, GTK_TYPE_WIDGET)

/* The palette of DESIGN.md 4b, one colour per kind of phase. */
static const GdkRGBA kind_colors[ASCEND_N_PHASE_KINDS] = {
  [ASCEND_PHASE_INHALE]   = { 0.298f, 0.788f, 0.941f, 1 },  /* sky */
  [ASCEND_PHASE_HOLD_IN]  = { 0.486f, 0.361f, 1.000f, 1 },  /* violet */
  [ASCEND_PHASE_EXHALE]   = { 0.239f, 0.863f, 0.592f, 1 },  /* mint */
  [ASCEND_PHASE_HOLD_OUT] = { 0.620f, 0.520f, 1.000f, 1 },  /* lavender */
  [ASCEND_PHASE_NOTICE]   = { 1.000f, 0.435f, 0.682f, 1 },  /* sakura */
  [ASCEND_PHASE_TENSE]    = { 1.000f, 0.702f, 0.278f, 1 },  /* sunset */
  [ASCEND_PHASE_RELEASE]  = { 0.239f, 0.863f, 0.592f, 1 },  /* mint */
  [ASCEND_PHASE_MOVE]     = { 0.298f, 0.788f, 0.941f, 1 },  /* sky */
};

static const GdkRGBA sakura = { 1.000f, 0.435f, 0.682f, 1 };
static const GdkRGBA violet = { 0.486f, 0.361f, 1.000f, 1 };

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         t,
     float          alpha)
{
  return (GdkRGBA) {
    (float) (a->red + (b->red - a->red) * t),
    (float) (a->green + (b->green - a->green) * t),
    (float) (a->blue + (b->blue - a->blue) * t),
    alpha,
  };
}

static const GdkRGBA white = { 1, 1, 1, 1 };

gboolean
ascend_breathing_orb_get_reduced_motion (AscendBreathingOrb *self)
{
  gboolean enabled = TRUE;

  g_return_val_if_fail (ASCEND_IS_BREATHING_ORB (self), TRUE);

  if (self->force_still)
    return TRUE;
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return !enabled;
}

void
ascend_breathing_orb_set_force_reduced_motion (AscendBreathingOrb *self,
                                               gboolean            force)
{
  g_return_if_fail (ASCEND_IS_BREATHING_ORB (self));
  self->force_still = force;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkRGBA
current_tint (AscendBreathingOrb *self)
{
  double t;

  if (ascend_breathing_orb_get_reduced_motion (self) || self->time_us <= self->tint_since_us)
    return ascend_breathing_orb_get_reduced_motion (self) ? self->tint_to : self->tint_from;
  t = MIN (1.0, (double) (self->time_us - self->tint_since_us) / TINT_FADE_US);
  t = (1.0 - cos (G_PI * t)) / 2.0;
  return mix (&self->tint_from, &self->tint_to, t, 1);
}

void
ascend_breathing_orb_set_frame (AscendBreathingOrb *self,
                                AscendPhaseKind     kind,
                                double              level,
                                double              phase_fraction,
                                double              progress,
                                gint64              time_us)
{
  g_return_if_fail (ASCEND_IS_BREATHING_ORB (self));
  g_return_if_fail (kind < ASCEND_N_PHASE_KINDS);

  if (kind != self->kind)
    {
      /* Fade from wherever the colour is now, even mid-fade. */
      self->tint_from = current_tint (self);
      self->tint_to = kind_colors[kind];
      self->tint_since_us = time_us;
      self->kind = kind;
    }
  self->level = CLAMP (level, 0.0, 1.0);
  self->phase_fraction = CLAMP (phase_fraction, 0.0, 1.0);
  self->progress = CLAMP (progress, 0.0, 1.0);
  self->time_us = time_us;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int size = cairo_image_surface_get_width (surface);

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * size);
  return gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
}

/* The orb's body for tint: lit from the upper left, deepening to violet at
 * the rim, with a soft highlight. */
static GdkTexture *
body_texture (AscendBreathingOrb *self,
              const GdkRGBA      *tint)
{
  cairo_surface_t *surface;
  cairo_pattern_t *gradient;
  cairo_t *cr;
  double c = BODY_SIZE / 2.0, r = c - 1;
  GdkRGBA light = mix (tint, &white, 0.70, 1), mid = mix (tint, &white, 0.10, 1), deep = mix (tint, &violet, 0.45, 1);

  if (self->body != NULL && gdk_rgba_equal (&self->body_tint, tint))
    return self->body;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, BODY_SIZE, BODY_SIZE);
  cr = cairo_create (surface);
  cairo_arc (cr, c, c, r, 0, 2 * G_PI);
  cairo_clip (cr);
  gradient = cairo_pattern_create_radial (c - 0.3 * r, c - 0.35 * r, 0, c - 0.3 * r, c - 0.35 * r, 1.45 * r);
  cairo_pattern_add_color_stop_rgb (gradient, 0, light.red, light.green, light.blue);
  cairo_pattern_add_color_stop_rgb (gradient, 0.45, mid.red, mid.green, mid.blue);
  cairo_pattern_add_color_stop_rgb (gradient, 1, deep.red, deep.green, deep.blue);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
  /* The highlight, an ellipse: a circle squashed by the matrix. */
  cairo_save (cr);
  cairo_translate (cr, c - 0.35 * r, c - 0.45 * r);
  cairo_scale (cr, 1.0, 0.2 / 0.32);
  gradient = cairo_pattern_create_radial (0, 0, 0, 0, 0, 0.32 * r);
  cairo_pattern_add_color_stop_rgba (gradient, 0, 1, 1, 1, 0.75);
  cairo_pattern_add_color_stop_rgba (gradient, 1, 1, 1, 1, 0);
  cairo_set_source (cr, gradient);
  cairo_arc (cr, 0, 0, 0.32 * r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  cairo_restore (cr);
  cairo_destroy (cr);

  g_clear_object (&self->body);
  self->body = texture_from_surface (surface);
  self->body_tint = *tint;
  cairo_surface_destroy (surface);
  return self->body;
}

/* The aura for tint: bright inside the orb, fading out past its rim. */
static GdkTexture *
aura_texture (AscendBreathingOrb *self,
              const GdkRGBA      *tint)
{
  cairo_surface_t *surface;
  cairo_pattern_t *gradient;
  cairo_t *cr;
  GdkRGBA edge, out;
  double c = AURA_SIZE / 2.0;

  if (self->aura != NULL && gdk_rgba_equal (&self->aura_tint, tint))
    return self->aura;

  edge = mix (tint, &sakura, 0.25, 0.30f);
  out = mix (tint, &sakura, 0.5, 0.0f);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, AURA_SIZE, AURA_SIZE);
  cr = cairo_create (surface);
  gradient = cairo_pattern_create_radial (c, c, 0, c, c, c);
  cairo_pattern_add_color_stop_rgba (gradient, 0, tint->red, tint->green, tint->blue, 0.5);
  cairo_pattern_add_color_stop_rgba (gradient, 1 / AURA_SPREAD, edge.red, edge.green, edge.blue, edge.alpha);
  cairo_pattern_add_color_stop_rgba (gradient, 1, out.red, out.green, out.blue, 0);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);
  cairo_destroy (cr);

  g_clear_object (&self->aura);
  self->aura = texture_from_surface (surface);
  self->aura_tint = *tint;
  cairo_surface_destroy (surface);
  return self->aura;
}

static void
sparkle (cairo_t *cr,
         double   x,
         double   y,
         double   size)
{
  cairo_move_to (cr, x, y - size);
  cairo_curve_to (cr, x + size * 0.15, y - size * 0.15, x + size * 0.15, y - size * 0.15, x + size, y);
  cairo_curve_to (cr, x + size * 0.15, y + size * 0.15, x + size * 0.15, y + size * 0.15, x, y + size);
  cairo_curve_to (cr, x - size * 0.15, y + size * 0.15, x - size * 0.15, y + size * 0.15, x - size, y);
  cairo_curve_to (cr, x - size * 0.15, y - size * 0.15, x - size * 0.15, y - size * 0.15, x, y - size);
  cairo_close_path (cr);
}

static void
ascend_breathing_orb_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AscendBreathingOrb *self = ASCEND_BREATHING_ORB (widget);
  gboolean still = ascend_breathing_orb_get_reduced_motion (self);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  float R = MIN (w, h) / 2.0f;
  float cx = w / 2.0f, cy = h / 2.0f;
  float ring_w = CLAMP (R * 0.04f, 4.0f, 10.0f);
  float ring_r = R - ring_w / 2.0f - 2.0f;
  double t = self->time_us / 1e6;
  float ox = cx, r;
  GdkRGBA tint = current_tint (self);
  GdkRGBA fg;
  cairo_t *cr;

  if (R < 8)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  if (still)
    r = R * 0.52f;
  else
    {
      r = R * (0.36f + 0.34f * (float) self->level);
      /* A resting orb still breathes a little; a moving one sways. */
      if (self->kind == ASCEND_PHASE_NOTICE || self->kind == ASCEND_PHASE_MOVE)
        r *= 1.0f + 0.03f * (float) sin (2 * G_PI * t / 6.0);
      if (self->kind == ASCEND_PHASE_MOVE)
        ox += R * 0.05f * (float) sin (2 * G_PI * t / 5.0);
    }

  /* Aura */
  {
    float aura_r = r * AURA_SPREAD;

    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
    gtk_snapshot_append_texture (snapshot, aura_texture (self, &tint),
                                 &GRAPHENE_RECT_INIT (ox - aura_r, cy - aura_r, 2 * aura_r, 2 * aura_r));
    gtk_snapshot_pop (snapshot);
  }

  /* Body, and a thin rim that keeps its edge crisp at any size. */
  {
    GskRoundedRect circle;
    float border[4] = { 2, 2, 2, 2 };
    GdkRGBA rim = { 1, 1, 1, 0.55f };
    GdkRGBA rims[4] = { rim, rim, rim, rim };

    gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (ox - r, cy - r, 2 * r, 2 * r), r);
    gtk_snapshot_append_texture (snapshot, body_texture (self, &tint), &circle.bounds);
    gtk_snapshot_append_border (snapshot, &circle, border, rims);
  }

  /* Lines: the rings and the sparkles. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (cx - R, cy - R, 2 * R, 2 * R));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, ring_w);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_arc (cr, cx, cy, ring_r, 0, 2 * G_PI);
  cairo_stroke (cr);
  if (self->progress > 0)
    {
      double end = -G_PI_2 + 2 * G_PI * self->progress;
      cairo_pattern_t *gradient = cairo_pattern_create_linear (cx - R, cy - R, cx + R, cy + R);

      cairo_pattern_add_color_stop_rgb (gradient, 0, sakura.red, sakura.green, sakura.blue);
      cairo_pattern_add_color_stop_rgb (gradient, 1, violet.red, violet.green, violet.blue);
      cairo_arc (cr, cx, cy, ring_r, -G_PI_2, end);
      cairo_set_source (cr, gradient);
      cairo_stroke (cr);
      cairo_pattern_destroy (gradient);
      /* The head of the ring, where the exercise is now. */
      cairo_arc (cr, cx + ring_r * cos (end), cy + ring_r * sin (end), ring_w * 0.9, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, ring_w * 0.35);
      cairo_set_source_rgb (cr, violet.red, violet.green, violet.blue);
      cairo_stroke (cr);
    }
  if (still)
    {
      /* The phase passing, as a thin inner ring in the phase's colour. */
      float inner = ring_r - ring_w * 2.2f;
      cairo_set_line_width (cr, ring_w * 0.5);
      cairo_set_source_rgba (cr, tint.red, tint.green, tint.blue, 0.25);
      cairo_arc (cr, cx, cy, inner, 0, 2 * G_PI);
      cairo_stroke (cr);
      if (self->phase_fraction > 0)
        {
          cairo_set_source_rgba (cr, tint.red, tint.green, tint.blue, 0.95);
          cairo_arc (cr, cx, cy, inner, -G_PI_2, -G_PI_2 + 2 * G_PI * self->phase_fraction);
          cairo_stroke (cr);
        }
    }
  else
    {
      GdkRGBA glint = mix (&tint, &white, 0.3, 1);

      for (int i = 0; i < SPARKLES; i++)
        {
          double angle = i * 2 * G_PI / SPARKLES + t * 0.12;
          double dist = r * 1.2 + R * 0.03 * sin (t * 0.9 + i * 1.7);
          double alpha = 0.35 + 0.3 * sin (t * 1.3 + i * 2.1);

          sparkle (cr, ox + dist * cos (angle), cy + dist * sin (angle), R * (0.022 + 0.01 * (i % 3)));
          /* Tinted, so they show on the light background as on the dark. */
          cairo_set_source_rgba (cr, glint.red, glint.green, glint.blue, alpha + 0.2);
          cairo_fill (cr);
        }
    }
  cairo_destroy (cr);
}

static void
ascend_breathing_orb_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = 120;
  *natural = 280;
}

static void
settings_changed_cb (AscendBreathingOrb *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Reduced motion can be switched on while an exercise runs. */
static void
ascend_breathing_orb_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ascend_breathing_orb_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-enable-animations",
                           G_CALLBACK (settings_changed_cb), widget, G_CONNECT_SWAPPED);
}

static void
ascend_breathing_orb_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_settings (widget), settings_changed_cb, widget);
  GTK_WIDGET_CLASS (ascend_breathing_orb_parent_class)->unroot (widget);
}

static void
ascend_breathing_orb_finalize (GObject *object)
{
  AscendBreathingOrb *self = ASCEND_BREATHING_ORB (object);

  g_clear_object (&self->aura);
  g_clear_object (&self->body);
  G_OBJECT_CLASS (ascend_breathing_orb_parent_class)->finalize (object);
}

static void
ascend_breathing_orb_class_init (AscendBreathingOrbClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_breathing_orb_finalize;
  widget_class->snapshot = ascend_breathing_orb_snapshot;
  widget_class->measure = ascend_breathing_orb_measure;
  widget_class->root = ascend_breathing_orb_root;
  widget_class->unroot = ascend_breathing_orb_unroot;
  gtk_widget_class_set_css_name (widget_class, "breathingorb");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ascend_breathing_orb_init (AscendBreathingOrb *self)
{
  self->kind = ASCEND_PHASE_NOTICE;
  self->level = 0.5;
  self->tint_from = self->tint_to = kind_colors[self->kind];
}

GtkWidget *
ascend_breathing_orb_new (void)
{
  return g_object_new (ASCEND_TYPE_BREATHING_ORB, NULL);
}
