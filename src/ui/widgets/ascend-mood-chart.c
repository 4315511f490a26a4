/* ascend-mood-chart.c: a week or a month of moods, one bar a day
 *
 * The data (daily averages) comes from ascend_mood_daily_averages(); here
 * they are scaled (score 1-10 to height, day to column) and drawn with
 * Cairo. Each bar takes the colour of the companion's face for that score,
 * so the chart reads like the check-in. The accessible label says in words
 * what the bars show.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-mood-chart.h"
#include "ascend-journal-rules.h"

#define CHART_HEIGHT 170
#define AXIS_WIDTH    22
#define LABEL_HEIGHT  20
#define TOP_PAD        8

struct _AscendMoodChart
{
  GtkWidget  parent_instance;
  double    *averages;
  guint      n_days;
  GDateTime *last_day;
};

G_DEFINE_FINAL_TYPE (AscendMoodChart, ascend_mood_chart, GTK_TYPE_WIDGET)

static void
face_color (gint64   score,
            GdkRGBA *color)
{
  /* violet (worried), sky (sleepy), mint (calm), sakura (cheerful) */
  static const char *colors[] = { "#7c5cff", "#4cc9f0", "#3ddc97", "#ff6fae" };
  gdk_rgba_parse (color, colors[ascend_mood_face (score)]);
}

static void
text_at (cairo_t     *cr,
         PangoLayout *layout,
         const char  *text,
         double       x,
         double       y,
         double       xalign)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
ascend_mood_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AscendMoodChart *self = ASCEND_MOOD_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_w = width - AXIS_WIDTH;
  double plot_h = height - LABEL_HEIGHT - TOP_PAD;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  GdkRGBA fg;
  cairo_t *cr;
  double column;
  gboolean any = FALSE;

  if (self->n_days == 0 || plot_w <= 0 || plot_h <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  column = plot_w / self->n_days;

  /* Grid at 1, 5 and 10, labelled on the left. */
  for (int score = 1; score <= 10; score += score == 1 ? 4 : 5)
    {
      double y = TOP_PAD + plot_h - (score - 1) / 9.0 * plot_h;
      g_autofree char *label = g_strdup_printf ("%d", score);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, AXIS_WIDTH, round (y) + 0.5);
      cairo_line_to (cr, width, round (y) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      text_at (cr, layout, label, AXIS_WIDTH - 6, y, 1.0);
    }

  for (guint i = 0; i < self->n_days; i++)
    {
      double value = self->averages[i];
      double x = AXIS_WIDTH + i * column;
      g_autoptr(GDateTime) day = g_date_time_add_days (self->last_day, (int) i - (int) self->n_days + 1);
      gboolean label_it = self->n_days <= 7 || (self->n_days - 1 - i) % 7 == 0;

      if (!isnan (value))
        {
          double bar_w = MAX (2.0, MIN (column * 0.6, 36.0));
          /* Even a 1 shows as a stub, so a logged day never looks empty. */
          double bar_h = MAX (4.0, (value - 1) / 9.0 * plot_h);
          double bx = x + (column - bar_w) / 2;
          double by = TOP_PAD + plot_h - bar_h;
          double r = MIN (bar_w / 2, 6.0);
          GdkRGBA color;

          face_color ((gint64) lround (value), &color);
          cairo_new_sub_path (cr);
          cairo_arc (cr, bx + r, by + r, r, G_PI, 1.5 * G_PI);
          cairo_arc (cr, bx + bar_w - r, by + r, r, 1.5 * G_PI, 2 * G_PI);
          cairo_line_to (cr, bx + bar_w, by + bar_h);
          cairo_line_to (cr, bx, by + bar_h);
          cairo_close_path (cr);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_fill (cr);
          any = TRUE;
        }
      if (label_it)
        {
          /* TRANSLATORS: a day under a bar of the week's mood chart: the
           * weekday's short name; for the month chart, the day of month. */
          g_autofree char *label = g_date_time_format (day, self->n_days <= 7 ? _("%a") : _("%e %b"));
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          text_at (cr, layout, g_strstrip (label), x + column / 2, height - LABEL_HEIGHT / 2.0,
                   self->n_days <= 7 ? 0.5 : (i == self->n_days - 1 ? 1.0 : 0.5));
        }
    }

  if (!any)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      pango_layout_set_attributes (layout, NULL);
      text_at (cr, layout, self->n_days <= 7 ? _("No moods logged this week yet")
                                             : _("No moods logged this month yet"),
               AXIS_WIDTH + plot_w / 2, TOP_PAD + plot_h / 2, 0.5);
    }
  cairo_destroy (cr);
}

static void
ascend_mood_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    *minimum = *natural = CHART_HEIGHT;
}

static void
update_accessible (AscendMoodChart *self)
{
  double sum = 0;
  guint days = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->n_days; i++)
    if (!isnan (self->averages[i]))
      {
        sum += self->averages[i];
        days++;
      }
  if (days == 0)
    text = g_strdup (self->n_days <= 7 ? _("Mood this week: nothing logged yet")
                                       : _("Mood this month: nothing logged yet"));
  else if (self->n_days <= 7)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Mood this week: %.1f of 10 on average, %u day logged",
                                         "Mood this week: %.1f of 10 on average, %u days logged", days),
                            sum / days, days);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Mood this month: %.1f of 10 on average, %u day logged",
                                         "Mood this month: %.1f of 10 on average, %u days logged", days),
                            sum / days, days);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
}

void
ascend_mood_chart_set_days (AscendMoodChart *self,
                            const double    *averages,
                            guint            n_days,
                            GDateTime       *last_day)
{
  g_return_if_fail (ASCEND_IS_MOOD_CHART (self));
  g_return_if_fail (last_day != NULL);

  g_free (self->averages);
  self->averages = g_memdup2 (averages, n_days * sizeof (double));
  self->n_days = n_days;
  g_clear_pointer (&self->last_day, g_date_time_unref);
  self->last_day = g_date_time_ref (last_day);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ascend_mood_chart_finalize (GObject *object)
{
  AscendMoodChart *self = ASCEND_MOOD_CHART (object);

  g_free (self->averages);
  g_clear_pointer (&self->last_day, g_date_time_unref);
  G_OBJECT_CLASS (ascend_mood_chart_parent_class)->finalize (object);
}

static void
ascend_mood_chart_class_init (AscendMoodChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_mood_chart_finalize;
  widget_class->snapshot = ascend_mood_chart_snapshot;
  widget_class->measure = ascend_mood_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "moodchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ascend_mood_chart_init (AscendMoodChart *self)
{
}

GtkWidget *
ascend_mood_chart_new (void)
{
  return g_object_new (ASCEND_TYPE_MOOD_CHART, NULL);
}
