/* ascend-habits-view-rows.c: the rows of the Habits section
 *
 * A quest row: its check button (the row's activatable widget, so a click
 * anywhere on the row or Space checks the quest off), the emoji, the name,
 * when it is due and the streak, a note button and a way to the habit's
 * page. A habit row: how often, the streak and the commitment kept, and
 * the way to its page. Delete on a focused row deletes the habit (with
 * Undo). Every change goes through the view's "habits." actions.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-habits-view-private.h"

static char *
streak_text (const AscendHabitStatus *s)
{
  guint n = s->streak.current;

  if (n == 0)
    return g_strdup (s->due ? _("Start a streak today") : _("Streak starts"));
  switch (s->frequency)
    {
    case ASCEND_HABIT_WEEKLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "🔥 %u-week streak", "🔥 %u-week streak", n), n);
    case ASCEND_HABIT_MONTHLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "🔥 %u-month streak", "🔥 %u-month streak", n), n);
    case ASCEND_HABIT_DAILY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "🔥 %u-day streak", "🔥 %u-day streak", n), n);
    }
}

static void
check_toggled_cb (GtkCheckButton   *check,
                  AscendHabitsView *self)
{
  gint64 id = HABIT_ID (check);

  if (self->building)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), gtk_check_button_get_active (check) ? "habits.check" : "habits.uncheck",
                              "x", id);
}

static void
note_save_cb (GtkWidget        *widget,
              AscendHabitsView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "entry");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gint64 id = HABIT_ID (popover);
  gint64 log_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "log-id"));

  gtk_popover_popdown (GTK_POPOVER (popover));
  if (log_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "habits.set-note", "(xs)", log_id, text);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "habits.log-day", "(xis)", id, (gint32) ascend_habits_view_today (self), text);
}

static GtkWidget *
note_button (AscendHabitsView        *self,
             const AscendHabitStatus *s)
{
  const AscendHabitEntry *log = ascend_habit_status_log_on (s, s->today);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (log ? _("Note for today") : _("Done, with a note"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (log ? _("_Save Note") : _("_Check Off With Note"));
  g_autofree char *accessible = g_strdup_printf (_("Note for %s"), s->habit->name);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), log && log->notes ? log->notes : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("How did it go?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_size_request (entry, 220, -1);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_signal_connect (save, "clicked", G_CALLBACK (note_save_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (note_save_cb), self);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), save);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_object_set_data (G_OBJECT (popover), "log-id", GSIZE_TO_POINTER ((gsize) (log ? log->id : 0)));
  ascend_habits_view_set_habit_id (popover, s->habit->id);

  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (button, log && log->notes ? log->notes : _("Add a note"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
details_button (const AscendHabitStatus *s)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_autofree char *accessible = g_strdup_printf (_("Details of %s"), s->habit->name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "habits.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", s->habit->id);
  gtk_widget_set_tooltip_text (button, _("Streaks, calendar and notes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static gboolean
delete_shortcut_cb (GtkWidget *row,
                    GVariant  *args,
                    gpointer   user_data)
{
  gtk_widget_activate_action (row, "habits.delete", "x", HABIT_ID (row));
  return TRUE;
}

static void
add_delete_shortcut (GtkWidget *row)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_callback_action_new (delete_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (row, shortcuts);
}

static GtkWidget *
emoji_prefix (const AscendHabitStatus *s)
{
  GtkWidget *emoji = gtk_label_new (s->habit->emoji && *s->habit->emoji ? s->habit->emoji : "✨");

  /* Decoration: the name says what the habit is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (emoji), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_add_css_class (emoji, "ascend-habit-emoji");
  gtk_widget_set_valign (emoji, GTK_ALIGN_CENTER);
  return emoji;
}

GtkWidget *
ascend_habits_view_quest_row (AscendHabitsView        *self,
                              const AscendHabitStatus *s)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *streak = streak_text (s);
  g_autofree char *subtitle = NULL;
  static const char *const due[] = { N_("Today"), N_("This week"), N_("This month") };

  ascend_habits_view_set_habit_id (row, s->habit->id);
  ascend_habits_view_set_habit_id (check, s->habit->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->habit->name);
  subtitle = g_strdup_printf ("%s · %s", _(due[s->frequency]), streak);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* The row names the check button (it is the row's activatable widget). */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), s->done_today);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (check, "selection-mode");
  gtk_widget_set_tooltip_text (check, s->done_today ? _("Done today: click to undo") : _("Check off"));
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  /* Prefixes are packed from the edge inwards: the check comes first. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), emoji_prefix (s));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  /* The whole row checks the quest off: one click anywhere on it. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (s->done_today)
    gtk_widget_add_css_class (row, "ascend-quest-done");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), note_button (self, s));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), details_button (s));
  g_object_set_data (G_OBJECT (row), "focus-target", check);
  add_delete_shortcut (row);
  return row;
}

static void
habit_row_activated_cb (AdwActionRow     *row,
                        AscendHabitsView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "habits.open", "x", HABIT_ID (row));
}

GtkWidget *
ascend_habits_view_habit_row (AscendHabitsView        *self,
                              const AscendHabitStatus *s)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *streak = streak_text (s);
  g_autofree char *subtitle = NULL;
  static const char *const repeats[] = { N_("Every day"), N_("Every week"), N_("Every month") };

  ascend_habits_view_set_habit_id (row, s->habit->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->habit->name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), emoji_prefix (s));
  /* TRANSLATORS: a habit row: how often, the streak, the commitment kept so far */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %u of %" PRId64 " day", "%s · %s · %u of %" PRId64 " days", (gulong) s->habit->target_days), _(repeats[s->frequency]), streak,
                              s->target_progress, s->habit->target_days);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Streaks, calendar and notes"));
  g_signal_connect (row, "activated", G_CALLBACK (habit_row_activated_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data (G_OBJECT (row), "focus-target", row);
  add_delete_shortcut (row);
  return row;
}
