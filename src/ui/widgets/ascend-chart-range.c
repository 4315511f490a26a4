/* ascend-chart-range.c: Day / Week / Month / Year, previous, next, today
 *
 * Emits "changed" whenever the period or the offset changes; the owner
 * asks for the bounds and reloads its charts. The offset never goes past
 * today: there is nothing to see in the future.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-chart-range.h"

struct _AscendChartRange
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkToggleButton   *period_buttons[ASCEND_CHART_N_PERIODS];
  GtkWidget         *previous_button;
  GtkWidget         *next_button;
  GtkWidget         *today_button;
  GtkLabel          *label;

  AscendChartPeriod  period;
  int                offset;
  gboolean           updating;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendChartRange, ascend_chart_range, GTK_TYPE_WIDGET)

static const char *
previous_label (AscendChartPeriod period)
{
  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY: return _("Previous day");
    case ASCEND_CHART_PERIOD_WEEK: return _("Previous week");
    case ASCEND_CHART_PERIOD_MONTH: return _("Previous month");
    case ASCEND_CHART_PERIOD_YEAR:
    default: return _("Previous year");
    }
}

static const char *
next_label (AscendChartPeriod period)
{
  switch (period)
    {
    case ASCEND_CHART_PERIOD_DAY: return _("Next day");
    case ASCEND_CHART_PERIOD_WEEK: return _("Next week");
    case ASCEND_CHART_PERIOD_MONTH: return _("Next month");
    case ASCEND_CHART_PERIOD_YEAR:
    default: return _("Next year");
    }
}

static void
update (AscendChartRange *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  gint64 now = g_get_real_time () / 1000, from, to;
  g_autofree char *phrase = NULL;
  g_autofree char *previous_tip = NULL;
  g_autofree char *next_tip = NULL;

  self->updating = TRUE;
  for (guint i = 0; i < ASCEND_CHART_N_PERIODS; i++)
    gtk_toggle_button_set_active (self->period_buttons[i], i == self->period);
  self->updating = FALSE;

  ascend_chart_range_get_bounds (self, tz, now, &from, &to);
  phrase = ascend_chart_period_phrase (self->period, tz, from, now);
  /* "this week" reads as a heading once capitalised; dates already are. */
  if (phrase[0] != '\0')
    {
      g_autofree char *rest = g_strdup (g_utf8_next_char (phrase));
      gunichar first = g_unichar_totitle (g_utf8_get_char (phrase));
      char buf[8] = { 0 };
      g_unichar_to_utf8 (first, buf);
      g_free (phrase);
      phrase = g_strconcat (buf, rest, NULL);
    }
  gtk_label_set_text (self->label, phrase);

  /* TRANSLATORS: tooltip of a button; the shortcut in brackets */
  previous_tip = g_strdup_printf (_("%s (Ctrl+Left)"), previous_label (self->period));
  next_tip = g_strdup_printf (_("%s (Ctrl+Right)"), next_label (self->period));
  gtk_widget_set_tooltip_text (self->previous_button, previous_tip);
  gtk_widget_set_tooltip_text (self->next_button, next_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, previous_label (self->period), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, next_label (self->period), -1);
  gtk_widget_set_sensitive (self->next_button, self->offset < 0);
  gtk_widget_set_sensitive (self->today_button, self->offset != 0);
}

static void
changed (AscendChartRange *self)
{
  update (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
period_toggled_cb (GtkToggleButton  *button,
                   AscendChartRange *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < ASCEND_CHART_N_PERIODS; i++)
    if (self->period_buttons[i] == button)
      ascend_chart_range_set_period (self, (AscendChartPeriod) i);
}

static void
previous_cb (AscendChartRange *self)
{
  ascend_chart_range_step (self, -1);
}

static void
next_cb (AscendChartRange *self)
{
  ascend_chart_range_step (self, 1);
}

static void
ascend_chart_range_dispose (GObject *object)
{
  AscendChartRange *self = ASCEND_CHART_RANGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (ascend_chart_range_parent_class)->dispose (object);
}

static void
ascend_chart_range_class_init (AscendChartRangeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_chart_range_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartrange");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ascend_chart_range_init (AscendChartRange *self)
{
  static const char *labels[] = { N_("_Day"), N_("_Week"), N_("_Month"), N_("_Year") };
  GtkWidget *periods, *stepper, *prev_next;

  self->period = ASCEND_CHART_PERIOD_WEEK;

  /* Wraps to two rows on a phone: the periods, then the stepper. */
  self->box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->box), 2);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->box), 1);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->box), 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  periods = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (periods, "linked");
  gtk_widget_set_halign (periods, GTK_ALIGN_START);
  gtk_widget_set_valign (periods, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (periods), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart period"), -1);
  for (guint i = 0; i < ASCEND_CHART_N_PERIODS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_(labels[i]));

      self->period_buttons[i] = GTK_TOGGLE_BUTTON (button);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->period_buttons[0]);
      /* GTK 4.8 names a mnemonic button "_Day Day" for screen readers;
       * without the explicit label its label widget alone names it. */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_widget_add_css_class (button, "ascend-range-period");
      g_signal_connect (button, "toggled", G_CALLBACK (period_toggled_cb), self);
      gtk_box_append (GTK_BOX (periods), button);
    }

  stepper = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (stepper, GTK_ALIGN_END);
  prev_next = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (prev_next, "linked");
  self->previous_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  self->next_button = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (previous_cb), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_cb), self);
  gtk_box_append (GTK_BOX (prev_next), self->previous_button);
  gtk_box_append (GTK_BOX (prev_next), self->next_button);

  self->today_button = gtk_button_new_with_mnemonic (_("_Today"));
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->today_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_widget_set_tooltip_text (self->today_button, _("Back to today (Ctrl+Home)"));
  g_signal_connect_swapped (self->today_button, "clicked", G_CALLBACK (ascend_chart_range_today), self);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "ascend-range-label");
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_label_set_xalign (self->label, 1);

  gtk_box_append (GTK_BOX (stepper), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (stepper), prev_next);
  gtk_box_append (GTK_BOX (stepper), self->today_button);

  gtk_flow_box_append (GTK_FLOW_BOX (self->box), periods);
  gtk_flow_box_append (GTK_FLOW_BOX (self->box), stepper);
  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  update (self);
}

GtkWidget *
ascend_chart_range_new (void)
{
  return g_object_new (ASCEND_TYPE_CHART_RANGE, NULL);
}

AscendChartPeriod
ascend_chart_range_get_period (AscendChartRange *self)
{
  g_return_val_if_fail (ASCEND_IS_CHART_RANGE (self), ASCEND_CHART_PERIOD_WEEK);

  return self->period;
}

void
ascend_chart_range_set_period (AscendChartRange  *self,
                               AscendChartPeriod  period)
{
  g_return_if_fail (ASCEND_IS_CHART_RANGE (self));
  g_return_if_fail (period < ASCEND_CHART_N_PERIODS);

  if (period == self->period)
    {
      update (self);
      return;
    }
  self->period = period;
  /* A new period starts from today: "the week before" of a month ago
   * would surprise. */
  self->offset = 0;
  changed (self);
}

int
ascend_chart_range_get_offset (AscendChartRange *self)
{
  g_return_val_if_fail (ASCEND_IS_CHART_RANGE (self), 0);

  return self->offset;
}

void
ascend_chart_range_step (AscendChartRange *self,
                         int               delta)
{
  int offset;

  g_return_if_fail (ASCEND_IS_CHART_RANGE (self));

  offset = MIN (self->offset + delta, 0);
  if (offset == self->offset)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  self->offset = offset;
  changed (self);
}

void
ascend_chart_range_today (AscendChartRange *self)
{
  g_return_if_fail (ASCEND_IS_CHART_RANGE (self));

  if (self->offset == 0)
    return;
  self->offset = 0;
  changed (self);
}

void
ascend_chart_range_get_bounds (AscendChartRange *self,
                               GTimeZone        *tz,
                               gint64            now_ms,
                               gint64           *from,
                               gint64           *to)
{
  g_autoptr(GTimeZone) local = NULL;

  g_return_if_fail (ASCEND_IS_CHART_RANGE (self));

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  ascend_chart_period_bounds (self->period, tz, now_ms, self->offset, from, to);
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  AscendChartRange *self = ASCEND_CHART_RANGE (user_data);
  int delta = g_variant_get_int32 (args);

  if (delta == 0)
    ascend_chart_range_today (self);
  else
    ascend_chart_range_step (self, delta);
  return TRUE;
}

void
ascend_chart_range_add_shortcuts (AscendChartRange *self,
                                  GtkWidget        *page)
{
  static const struct { const char *trigger; int delta; } shortcuts[] = {
    { "<Control>Left", -1 }, { "<Control>Right", 1 }, { "<Control>Home", 0 },
  };
  GtkEventController *controller;

  g_return_if_fail (ASCEND_IS_CHART_RANGE (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_LOCAL);
  /* Before the focused widget and the scrolled window (which would take
   * Ctrl+Home to scroll to the top). */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (shortcuts[i].trigger);
      GtkShortcutAction *action = gtk_callback_action_new (shortcut_cb, self, NULL);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new_with_arguments (trigger, action, "i", shortcuts[i].delta));
    }
  gtk_widget_add_controller (page, controller);
}
