/* ascend-habit-calendar.c: a month of one habit as a heat map
 *
 * Drawn with Cairo in snapshot. Colours come from the palette defined in
 * data/ui/style.css (@ascend_mint, @ascend_sky, @ascend_sakura,
 * @ascend_violet), looked up through the style context so the light and
 * dark styles both apply. Skipped days are hatched, so they differ from
 * missed ones without relying on colour alone.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-habit-calendar.h"

#define MAX_CELL 44.0
#define MIN_CELL 30.0
#define GAP 4.0

struct _AscendHabitCalendar
{
  GtkWidget       parent_instance;

  AscendDay       first_day;      /* of the shown month */
  guint           n_days;
  AscendDayState  states[31];
  AscendDay       today;
  AscendDay       selected;
};

enum { SELECTED_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendHabitCalendar, ascend_habit_calendar, GTK_TYPE_WIDGET)

static GdkRGBA
palette (GtkWidget  *widget,
         const char *name,
         const char *fallback)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba))
    gdk_rgba_parse (&rgba, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return rgba;
}

static GdkRGBA
foreground (GtkWidget *widget)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return rgba;
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI_2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI_2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI_2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
}

static int
first_column (AscendHabitCalendar *self)
{
  return ascend_day_weekday (self->first_day) - 1;
}

static int
n_rows (AscendHabitCalendar *self)
{
  return (first_column (self) + (int) self->n_days + 6) / 7;
}

static double
cell_size (AscendHabitCalendar *self,
           int                  width)
{
  return CLAMP ((width - 6 * GAP) / 7.0, MIN_CELL, MAX_CELL);
}

static void
ascend_habit_calendar_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  AscendHabitCalendar *self = ASCEND_HABIT_CALENDAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (7 * MIN_CELL + 6 * GAP);
      *natural = (int) ceil (7 * MAX_CELL + 6 * GAP);
    }
  else
    {
      double cell = cell_size (self, for_size < 0 ? (int) (7 * MAX_CELL + 6 * GAP) : for_size);
      /* A row of weekday initials, then up to six weeks. */
      *minimum = *natural = (int) ceil (18 + GAP + 6 * (cell + GAP));
    }
}

static void
draw_label (GtkWidget  *widget,
            cairo_t    *cr,
            const char *text,
            double      cx,
            double      cy,
            gboolean    bold,
            double      scale)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  int w, h;

  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, cx - w / 2.0, cy - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
ascend_habit_calendar_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  AscendHabitCalendar *self = ASCEND_HABIT_CALENDAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double cell = cell_size (self, width);
  double left = MAX (0, (width - (7 * cell + 6 * GAP)) / 2.0);
  double top = 18 + GAP;
  GdkRGBA fg = foreground (widget);
  GdkRGBA mint = palette (widget, "ascend_mint", "#3ddc97");
  GdkRGBA sky = palette (widget, "ascend_sky", "#4cc9f0");
  GdkRGBA sakura = palette (widget, "ascend_sakura", "#ff6fae");
  GdkRGBA violet = palette (widget, "ascend_violet", "#7c5cff");
  GdkRGBA on_mint = { 0.106, 0.082, 0.188, 1.0 };  /* #1b1530: 4.5:1 and more on mint */
  gboolean focused = gtk_widget_has_visible_focus (widget);
  cairo_t *cr;

  if (self->n_days == 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Weekday initials, Monday first, in the user's language. */
  for (int c = 0; c < 7; c++)
    {
      g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1 + c, 12, 0, 0);
      g_autofree char *name = g_date_time_format (monday, "%a");
      g_autofree char *initial = g_utf8_substring (name, 0, 1);

      set_source (cr, &fg, 0.6);
      draw_label (widget, cr, initial, left + c * (cell + GAP) + cell / 2, 9, TRUE, 0.8);
    }

  for (guint i = 0; i < self->n_days; i++)
    {
      AscendDay day = self->first_day + (AscendDay) i;
      int slot = first_column (self) + (int) i;
      double x = left + (slot % 7) * (cell + GAP);
      double y = top + (slot / 7) * (cell + GAP);
      char number[4];
      const GdkRGBA *text = &fg;
      double text_alpha = 1.0;

      rounded_rect (cr, x, y, cell, cell, cell * 0.28);
      switch (self->states[i])
        {
        case ASCEND_DAY_DONE:
          set_source (cr, &mint, 1.0);
          cairo_fill (cr);
          text = &on_mint;
          break;
        case ASCEND_DAY_COVERED:
          set_source (cr, &mint, 0.35);
          cairo_fill (cr);
          break;
        case ASCEND_DAY_SKIPPED:
          set_source (cr, &sky, 0.35);
          cairo_fill_preserve (cr);
          /* Hatching: skipped reads as "rested", not as "failed". */
          cairo_save (cr);
          cairo_clip (cr);
          set_source (cr, &sky, 0.9);
          cairo_set_line_width (cr, 2);
          for (double d = -cell; d < cell; d += 7)
            {
              cairo_move_to (cr, x + d, y + cell);
              cairo_line_to (cr, x + d + cell, y);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
          cairo_new_path (cr);
          break;
        case ASCEND_DAY_MISSED:
          set_source (cr, &sakura, 0.22);
          cairo_fill (cr);
          break;
        case ASCEND_DAY_OPEN:
          set_source (cr, &violet, 0.12);
          cairo_fill (cr);
          break;
        case ASCEND_DAY_NONE:
        default:
          set_source (cr, &fg, 0.05);
          cairo_fill (cr);
          text_alpha = 0.5;
          break;
        }

      if (day == self->today)
        {
          rounded_rect (cr, x + 1, y + 1, cell - 2, cell - 2, cell * 0.28);
          set_source (cr, &violet, 1.0);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      if (day == self->selected)
        {
          rounded_rect (cr, x - 2.5, y - 2.5, cell + 5, cell + 5, cell * 0.32);
          set_source (cr, &fg, focused ? 0.9 : 0.45);
          cairo_set_line_width (cr, focused ? 2.5 : 1.5);
          cairo_stroke (cr);
        }

      g_snprintf (number, sizeof number, "%u", i + 1);
      set_source (cr, text, text_alpha);
      draw_label (widget, cr, number, x + cell / 2, y + cell / 2, day == self->today, 0.9);
    }
  cairo_destroy (cr);
}

static void
update_accessible (AscendHabitCalendar *self)
{
  g_autofree char *text = ascend_day_to_string (self->selected);

  /* The owner describes the day in words next to the map; here the day
   * itself, so a screen reader hears where the selection went. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
ascend_habit_calendar_select (AscendHabitCalendar *self,
                              AscendDay            day)
{
  g_return_if_fail (ASCEND_IS_HABIT_CALENDAR (self));

  if (self->selected == day)
    return;
  self->selected = day;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTED_CHANGED], 0);
}

AscendDay
ascend_habit_calendar_get_selected (AscendHabitCalendar *self)
{
  g_return_val_if_fail (ASCEND_IS_HABIT_CALENDAR (self), 0);
  return self->selected;
}

void
ascend_habit_calendar_set_month (AscendHabitCalendar  *self,
                                 AscendDay             first_day,
                                 const AscendDayState *states,
                                 guint                 n_states,
                                 AscendDay             today)
{
  g_return_if_fail (ASCEND_IS_HABIT_CALENDAR (self));
  g_return_if_fail (n_states <= G_N_ELEMENTS (self->states));

  self->first_day = first_day;
  self->n_days = n_states;
  memcpy (self->states, states, n_states * sizeof *states);
  self->today = today;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static AscendDay
day_at (AscendHabitCalendar *self,
        double               px,
        double               py)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double cell = cell_size (self, width);
  double left = MAX (0, (width - (7 * cell + 6 * GAP)) / 2.0);
  int col = (int) floor ((px - left) / (cell + GAP));
  int row = (int) floor ((py - 18 - GAP) / (cell + GAP));
  int index;

  if (col < 0 || col > 6 || row < 0 || row >= n_rows (self))
    return 0;
  index = row * 7 + col - first_column (self);
  if (index < 0 || index >= (int) self->n_days)
    return 0;
  return self->first_day + index;
}

static void
pressed_cb (GtkGestureClick     *gesture,
            int                  n_press,
            double               x,
            double               y,
            AscendHabitCalendar *self)
{
  AscendDay day = day_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (day != 0)
    ascend_habit_calendar_select (self, day);
}

static AscendDay
add_months (AscendDay day,
            int       months)
{
  int y, m, d, total;

  ascend_day_to_ymd (day, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  return ascend_day_from_ymd (y, m, MIN (d, ascend_day_days_in_month (y, m)));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AscendHabitCalendar   *self)
{
  AscendDay day = self->selected;
  int y, m;

  ascend_day_to_ymd (day, &y, &m, NULL);
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      day -= gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      day += gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      day -= 7;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      day += 7;
      break;
    case GDK_KEY_Home:
      day = ascend_day_from_ymd (y, m, 1);
      break;
    case GDK_KEY_End:
      day = ascend_day_from_ymd (y, m, ascend_day_days_in_month (y, m));
      break;
    case GDK_KEY_Page_Up:
      day = add_months (day, -1);
      break;
    case GDK_KEY_Page_Down:
      day = add_months (day, 1);
      break;
    default:
      return FALSE;
    }
  ascend_habit_calendar_select (self, day);
  return TRUE;
}

static void
focus_changed_cb (AscendHabitCalendar *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ascend_habit_calendar_class_init (AscendHabitCalendarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = ascend_habit_calendar_measure;
  widget_class->snapshot = ascend_habit_calendar_snapshot;

  signals[SELECTED_CHANGED] = g_signal_new ("selected-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "ascend-habit-calendar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
ascend_habit_calendar_init (AscendHabitCalendar *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
ascend_habit_calendar_new (void)
{
  return g_object_new (ASCEND_TYPE_HABIT_CALENDAR, NULL);
}
