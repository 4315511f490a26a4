/* ascend-habit-detail.c: one habit: streaks, rates, commitment, its month */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-habit-detail.h"
#include "ascend-habits-view.h"
#include "ascend-habit-calendar.h"
#include "ascend-habits.h"

struct _AscendHabitDetail
{
  AdwBin               parent_instance;

  AscendApplication   *app;
  gint64               habit_id;
  AscendHabitStatus   *status;
  AscendDay            month_first;   /* first day of the month shown */

  GtkWidget           *back_button;
  GtkLabel            *emoji_label;
  GtkLabel            *name_label;
  GtkLabel            *subtitle_label;
  GtkFlowBox          *stats_box;
  GtkLabel            *target_label;
  GtkLevelBar         *target_bar;
  GtkLabel            *month_label;
  AscendHabitCalendar *calendar;
  GtkFlowBox          *legend_box;
  AdwPreferencesGroup *day_group;
  AdwActionRow        *state_row;
  AdwEntryRow         *note_row;
  GtkButton           *log_button;
  GtkButton           *skip_button;
  GtkLabel            *skips_label;
  GtkButton           *archive_button;
  GtkWidget           *edit_button;
  GtkWidget           *delete_button;
};

G_DEFINE_FINAL_TYPE (AscendHabitDetail, ascend_habit_detail, ADW_TYPE_BIN)

static char *
count_periods (AscendHabitFrequency f,
               guint                n)
{
  switch (f)
    {
    case ASCEND_HABIT_WEEKLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u week", "%u weeks", n), n);
    case ASCEND_HABIT_MONTHLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month", "%u months", n), n);
    case ASCEND_HABIT_DAILY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n), n);
    }
}

static void
add_stat (AscendHabitDetail *self,
          const char        *value,
          const char        *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *v = gtk_label_new (value);
  GtkWidget *c = gtk_label_new (caption);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "ascend-stat");
  gtk_widget_add_css_class (v, "ascend-stat-value");
  gtk_widget_add_css_class (c, "caption");
  gtk_widget_add_css_class (c, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (c), TRUE);
  gtk_label_set_justify (GTK_LABEL (c), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), v);
  gtk_box_append (GTK_BOX (box), c);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_flow_box_append (self->stats_box, box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
fill_stats (AscendHabitDetail *self)
{
  AscendHabitStatus *s = self->status;
  static const guint windows[] = { 30, 90, 365 };
  GtkWidget *child;
  g_autofree char *current = count_periods (s->frequency, s->streak.current);
  g_autofree char *best = count_periods (s->frequency, s->streak.best);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_box))) != NULL)
    gtk_flow_box_remove (self->stats_box, child);
  add_stat (self, current, _("Current streak"));
  add_stat (self, best, _("Best streak"));
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      AscendRate rate;
      g_autofree char *value = NULL;
      g_autofree char *caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u day", "Last %u days", windows[i]),
                                                  windows[i]);

      ascend_habit_status_rate (s, windows[i], &rate);
      /* TRANSLATORS: a completion rate, e.g. "80 %" */
      value = rate.due > 0 ? g_strdup_printf (_("%.0f %%"), rate.rate * 100) : g_strdup (_("—"));
      add_stat (self, value, caption);
    }
}

static void
fill_month (AscendHabitDetail *self)
{
  AscendDayState states[31];
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  int y, m;
  guint n;

  ascend_day_to_ymd (self->month_first, &y, &m, NULL);
  n = ascend_day_days_in_month (y, m);
  for (guint i = 0; i < n; i++)
    states[i] = ascend_habit_status_day_state (self->status, self->month_first + i);
  ascend_habit_calendar_set_month (self->calendar, self->month_first, states, n, self->status->today);

  dt = g_date_time_new_utc (y, m, 1, 12, 0, 0);
  /* TRANSLATORS: the calendar's month, e.g. "March 2024" (strftime) */
  title = g_date_time_format (dt, _("%B %Y"));
  gtk_label_set_text (self->month_label, title);
  {
    g_autofree char *label = g_strdup_printf (_("%s, %s"), self->status->habit->name, title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

static const char *
state_text (AscendHabitStatus *s,
            AscendDay          day,
            AscendDayState     state)
{
  switch (state)
    {
    case ASCEND_DAY_DONE:
      return _("Done");
    case ASCEND_DAY_COVERED:
      return s->frequency == ASCEND_HABIT_WEEKLY ? _("Done this week, on another day")
                                                 : _("Done this month, on another day");
    case ASCEND_DAY_SKIPPED:
      return _("Skipped: rested, the streak is safe");
    case ASCEND_DAY_MISSED:
      return _("Missed");
    case ASCEND_DAY_OPEN:
      return _("Not done yet");
    case ASCEND_DAY_NONE:
    default:
      return day > s->today ? _("Still to come") : _("Before this habit began");
    }
}

static void
fill_day (AscendHabitDetail *self)
{
  AscendHabitStatus *s = self->status;
  AscendDay day = ascend_habit_calendar_get_selected (self->calendar);
  AscendDayState state = ascend_habit_status_day_state (s, day);
  const AscendHabitEntry *log = ascend_habit_status_log_on (s, day);
  gboolean skipped = ascend_habit_status_skipped_on (s, day);
  gboolean period_done = ascend_habit_history_is_done (s->history, ascend_habit_period (s->frequency, day));
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *skips = NULL;
  g_autoptr(GError) error = NULL;
  int y, m, d;
  gint64 left;

  ascend_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* TRANSLATORS: the selected day, e.g. "Tuesday, 12 March" (strftime) */
  title = g_date_time_format (dt, _("%A, %e %B"));
  g_strstrip (title);
  adw_preferences_group_set_title (self->day_group, day == s->today ? _("Today") : title);
  adw_preferences_group_set_description (self->day_group, day == s->today ? title : NULL);
  adw_action_row_set_subtitle (self->state_row, state_text (s, day, state));

  gtk_editable_set_text (GTK_EDITABLE (self->note_row), log && log->notes ? log->notes : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), log != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->note_row), log ? NULL : _("Mark the day done to add a note"));

  gtk_button_set_use_underline (self->log_button, TRUE);
  gtk_button_set_label (self->log_button, log ? _("_Undo Done") : _("Mark _Done"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->log_button),
                            log != NULL || (day <= s->today && day >= s->first_day && !period_done));
  if (log == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->log_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->log_button), "suggested-action");

  gtk_button_set_use_underline (self->skip_button, TRUE);
  gtk_button_set_label (self->skip_button, skipped ? _("_Take Back Skip") : _("_Skip Day"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->skip_button),
                            skipped || (day >= s->first_day && day <= s->today + ASCEND_HABIT_SKIP_DAYS_AHEAD && !period_done));
  /* GTK 4.8 reads a mnemonic button as "_Skip Day Skip Day". */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->log_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->skip_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  left = ascend_habits_free_skips_left (ascend_application_get_database (self->app), self->habit_id, day, &error);
  if (left > 0)
    skips = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%" PRId64 " free skip left this month. A skipped day keeps the streak without counting.",
                                          "%" PRId64 " free skips left this month. A skipped day keeps the streak without counting.",
                                          left), left);
  else if (left == 0)
    skips = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "No free skips left this month: another costs %d token.",
                                          "No free skips left this month: another costs %d tokens.",
                                          ASCEND_HABIT_SKIP_TOKEN_COST), ASCEND_HABIT_SKIP_TOKEN_COST);
  gtk_label_set_text (self->skips_label, skips ? skips : "");
}

static void
show_month_of (AscendHabitDetail *self,
               AscendDay          day)
{
  int y, m;

  ascend_day_to_ymd (day, &y, &m, NULL);
  self->month_first = ascend_day_from_ymd (y, m, 1);
  fill_month (self);
}

gboolean
ascend_habit_detail_refresh (AscendHabitDetail *self)
{
  AscendHabitClock clock;
  AscendHabitStatus *s;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *target = NULL;
  static const char *const repeats[] = { N_("Every day"), N_("Every week"), N_("Every month") };

  g_return_val_if_fail (ASCEND_IS_HABIT_DETAIL (self), FALSE);

  if (self->app == NULL || self->habit_id <= 0)
    return FALSE;
  ascend_habits_view_make_clock (self->app, &clock);
  s = ascend_habit_status_load (ascend_application_get_database (self->app), self->habit_id, &clock, &error);
  ascend_habit_clock_clear (&clock);
  if (s == NULL)
    return FALSE;
  g_clear_pointer (&self->status, ascend_habit_status_free);
  self->status = s;

  gtk_label_set_text (self->emoji_label, s->habit->emoji && *s->habit->emoji ? s->habit->emoji : "✨");
  gtk_label_set_text (self->name_label, s->habit->name);
  subtitle = s->habit->category && *s->habit->category
    ? g_strdup_printf ("%s · %s", s->habit->category, _(repeats[s->frequency]))
    : g_strdup (_(repeats[s->frequency]));
  if (s->archived)
    {
      g_autofree char *with = g_strdup_printf (_("%s · Archived"), subtitle);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }
  gtk_label_set_text (self->subtitle_label, subtitle);

  fill_stats (self);
  if (s->target_progress >= (guint) s->habit->target_days)
    target = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Commitment kept: %u of %" PRId64 " day 🎉", "Commitment kept: %u of %" PRId64 " days 🎉", (gulong) s->habit->target_days),
                              s->target_progress, s->habit->target_days);
  else
    target = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Commitment: %u of %" PRId64 " day kept", "Commitment: %u of %" PRId64 " days kept", (gulong) s->habit->target_days),
                              s->target_progress, s->habit->target_days);
  gtk_label_set_text (self->target_label, target);
  gtk_level_bar_set_value (self->target_bar, (double) s->target_progress / (double) MAX (s->habit->target_days, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, target, -1);

  gtk_button_set_use_underline (self->archive_button, TRUE);
  gtk_button_set_label (self->archive_button, s->archived ? _("_Restore") : _("_Archive"));
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->archive_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (self->month_first == 0)
    {
      show_month_of (self, s->today);
      ascend_habit_calendar_select (self->calendar, s->today);
    }
  else
    fill_month (self);
  fill_day (self);
  return TRUE;
}

void
ascend_habit_detail_show (AscendHabitDetail *self,
                          AscendApplication *app,
                          gint64             habit_id)
{
  g_return_if_fail (ASCEND_IS_HABIT_DETAIL (self));

  self->app = app;
  self->habit_id = habit_id;
  self->month_first = 0;
  ascend_habit_detail_refresh (self);
}

gint64
ascend_habit_detail_get_habit_id (AscendHabitDetail *self)
{
  g_return_val_if_fail (ASCEND_IS_HABIT_DETAIL (self), 0);
  return self->habit_id;
}

static void
selected_changed_cb (AscendHabitDetail *self)
{
  AscendDay day = ascend_habit_calendar_get_selected (self->calendar);
  int y1, m1, y2, m2;

  if (self->status == NULL)
    return;
  ascend_day_to_ymd (day, &y1, &m1, NULL);
  ascend_day_to_ymd (self->month_first, &y2, &m2, NULL);
  if (y1 != y2 || m1 != m2)
    show_month_of (self, day);
  fill_day (self);
}

static void
step_month (AscendHabitDetail *self,
            int                delta)
{
  int y, m, d, total;

  ascend_day_to_ymd (ascend_habit_calendar_get_selected (self->calendar), &y, &m, &d);
  total = y * 12 + (m - 1) + delta;
  y = total / 12;
  m = total % 12 + 1;
  ascend_habit_calendar_select (self->calendar, ascend_day_from_ymd (y, m, MIN (d, ascend_day_days_in_month (y, m))));
}

static void
prev_month_cb (AscendHabitDetail *self)
{
  step_month (self, -1);
}

static void
next_month_cb (AscendHabitDetail *self)
{
  step_month (self, 1);
}

static void
log_clicked_cb (AscendHabitDetail *self)
{
  AscendDay day = ascend_habit_calendar_get_selected (self->calendar);

  if (ascend_habit_status_log_on (self->status, day) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "habits.unlog-day", "(xi)", self->habit_id, (gint32) day);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "habits.log-day", "(xis)", self->habit_id, (gint32) day, "");
}

static void
skip_clicked_cb (AscendHabitDetail *self)
{
  AscendDay day = ascend_habit_calendar_get_selected (self->calendar);

  gtk_widget_activate_action (GTK_WIDGET (self),
                              ascend_habit_status_skipped_on (self->status, day) ? "habits.unskip-day" : "habits.skip-day",
                              "(xi)", self->habit_id, (gint32) day);
}

static void
note_apply_cb (AscendHabitDetail *self)
{
  const AscendHabitEntry *log = ascend_habit_status_log_on (self->status, ascend_habit_calendar_get_selected (self->calendar));

  if (log != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "habits.set-note", "(xs)", log->id,
                                gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
}

static void
edit_clicked_cb (AscendHabitDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "habits.edit", "x", self->habit_id);
}

static void
archive_clicked_cb (AscendHabitDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), self->status && self->status->archived ? "habits.unarchive" : "habits.archive",
                              "x", self->habit_id);
}

static void
delete_clicked_cb (AscendHabitDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "habits.delete", "x", self->habit_id);
}

static void
add_legend (AscendHabitDetail *self,
            const char        *style,
            const char        *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (swatch, "ascend-legend-swatch");
  gtk_widget_add_css_class (swatch, style);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_widget_add_css_class (box, "caption");
  gtk_flow_box_append (self->legend_box, box);
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
ascend_habit_detail_dispose (GObject *object)
{
  AscendHabitDetail *self = ASCEND_HABIT_DETAIL (object);

  g_clear_pointer (&self->status, ascend_habit_status_free);
  G_OBJECT_CLASS (ascend_habit_detail_parent_class)->dispose (object);
}

static void
ascend_habit_detail_class_init (AscendHabitDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_habit_detail_dispose;

  g_type_ensure (ASCEND_TYPE_HABIT_CALENDAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-habit-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, emoji_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, stats_box);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, target_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, target_bar);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, month_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, calendar);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, legend_box);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, day_group);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, state_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, note_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, log_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, skip_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, skips_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, archive_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDetail, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, prev_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, archive_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "habits.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "habits.back", NULL);
}

static void
ascend_habit_detail_init (AscendHabitDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 reads a mnemonic button as "_Delete Delete". */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  add_legend (self, "ascend-legend-done", _("Done"));
  add_legend (self, "ascend-legend-skipped", _("Skipped"));
  add_legend (self, "ascend-legend-missed", _("Missed"));
  add_legend (self, "ascend-legend-today", _("Today"));
}
