/* ascend-habit-dialog.c: add or edit one habit
 *
 * Every field is checked (ascend_habit_validate_*) before anything is
 * written; a field at fault is marked, described to screen readers and
 * explained under the form, and the dialog stays open.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-habit-dialog.h"
#include "ascend-habits.h"

enum { FIELD_NAME, FIELD_EMOJI, FIELD_CATEGORY, FIELD_TARGET, N_FIELDS };

struct _AscendHabitDialog
{
  AdwWindow          parent_instance;

  AscendApplication *app;
  gint64             habit_id;   /* 0 while adding */

  AdwWindowTitle    *window_title;
  GtkWidget         *cancel_button;
  GtkWidget         *save_button;
  AdwEntryRow       *name_row;
  AdwActionRow      *emoji_row;
  GtkMenuButton     *emoji_button;
  AdwEntryRow       *category_row;
  AdwComboRow       *frequency_row;
  AdwActionRow      *target_row;
  GtkSpinButton     *target_spin;
  GtkLabel          *error_label;

  char              *emoji;
  char              *messages[N_FIELDS];
};

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendHabitDialog, ascend_habit_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
field_row (AscendHabitDialog *self,
           int                field)
{
  switch (field)
    {
    case FIELD_NAME:
      return GTK_WIDGET (self->name_row);
    case FIELD_EMOJI:
      return GTK_WIDGET (self->emoji_row);
    case FIELD_CATEGORY:
      return GTK_WIDGET (self->category_row);
    case FIELD_TARGET:
    default:
      return GTK_WIDGET (self->target_row);
    }
}

static void
show_errors (AscendHabitDialog *self,
             const char        *extra)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int f = 0; f < N_FIELDS; f++)
    {
      GtkWidget *row = field_row (self, f);
      if (self->messages[f] != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->messages[f], -1);
          g_string_append_printf (text, "%s%s", text->len ? "\n" : "", self->messages[f]);
        }
      else
        {
          gtk_widget_remove_css_class (row, "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
  if (extra != NULL)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", extra);
  gtk_label_set_text (self->error_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text->len > 0);
}

static void
field_changed_cb (AscendHabitDialog *self,
                  GtkWidget         *widget)
{
  /* Typing in a field takes its own error away, and only its own. */
  for (int f = 0; f < N_FIELDS; f++)
    if (field_row (self, f) == widget || gtk_widget_is_ancestor (widget, field_row (self, f)))
      g_clear_pointer (&self->messages[f], g_free);
  show_errors (self, NULL);
}

static void
set_emoji (AscendHabitDialog *self,
           const char        *emoji)
{
  g_autofree char *accessible = NULL;

  g_free (self->emoji);
  self->emoji = emoji && *emoji ? g_strdup (emoji) : NULL;
  gtk_menu_button_set_label (self->emoji_button, self->emoji ? self->emoji : "✨");
  /* The row names the button ("Emoji"); the description says which one. */
  accessible = self->emoji ? g_strdup_printf (_("%s. Pick another"), self->emoji) : g_strdup (_("None yet. Pick one"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->emoji_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
}

static void
emoji_picked_cb (AscendHabitDialog *self,
                 const char        *text)
{
  set_emoji (self, text);
  g_clear_pointer (&self->messages[FIELD_EMOJI], g_free);
  show_errors (self, NULL);
}

static const char *
frequency_at (guint position)
{
  return ascend_habit_frequency_to_string ((AscendHabitFrequency) MIN (position, ASCEND_HABIT_MONTHLY));
}

static void
save_cb (AscendHabitDialog *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *category = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category_row))));
  gint64 target = gtk_spin_button_get_value_as_int (self->target_spin);
  g_autoptr(AscendHabit) habit = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first_bad = NULL;
  gboolean ok;

  /* A number typed but not yet confirmed counts. */
  gtk_spin_button_update (self->target_spin);
  target = gtk_spin_button_get_value_as_int (self->target_spin);

  for (int f = 0; f < N_FIELDS; f++)
    g_clear_pointer (&self->messages[f], g_free);
  ascend_habit_validate_name (name, &self->messages[FIELD_NAME]);
  ascend_habit_validate_emoji (self->emoji, &self->messages[FIELD_EMOJI]);
  ascend_habit_validate_category (category, &self->messages[FIELD_CATEGORY]);
  ascend_habit_validate_target_days (target, &self->messages[FIELD_TARGET]);
  for (int f = N_FIELDS - 1; f >= 0; f--)
    if (self->messages[f] != NULL)
      first_bad = field_row (self, f);
  if (first_bad != NULL)
    {
      show_errors (self, NULL);
      gtk_widget_grab_focus (first_bad);
      return;
    }

  if (self->habit_id > 0)
    {
      habit = ascend_habit_get (db, self->habit_id, &error);
      if (habit == NULL)
        {
          show_errors (self, _("This habit was deleted in the meantime. Close this window and add it again."));
          return;
        }
    }
  else
    {
      habit = ascend_habit_new ();
      habit->user_id = ascend_application_get_user_id (self->app);
    }
  g_free (habit->name);
  habit->name = g_steal_pointer (&name);
  g_free (habit->category);
  habit->category = *category ? g_steal_pointer (&category) : NULL;
  g_free (habit->emoji);
  habit->emoji = g_strdup (self->emoji);
  g_free (habit->frequency);
  habit->frequency = g_strdup (frequency_at (adw_combo_row_get_selected (self->frequency_row)));
  habit->target_days = target;

  if (self->habit_id > 0)
    ok = ascend_habit_update (db, habit, &error);
  else
    ok = ascend_habit_insert (db, habit, &error) > 0;
  if (!ok)
    {
      show_errors (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, habit->id, self->habit_id == 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ascend_habit_dialog_finalize (GObject *object)
{
  AscendHabitDialog *self = ASCEND_HABIT_DIALOG (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->messages); i++)
    g_free (self->messages[i]);
  g_free (self->emoji);
  G_OBJECT_CLASS (ascend_habit_dialog_parent_class)->finalize (object);
}

static void
ascend_habit_dialog_class_init (AscendHabitDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_habit_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-habit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, emoji_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, emoji_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, frequency_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, emoji_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ascend_habit_dialog_init (AscendHabitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  /* GTK 4.8 names a mnemonic button "_Save Save" for screen readers. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

AscendHabitDialog *
ascend_habit_dialog_new (AscendApplication *app,
                         GtkWindow         *parent,
                         gint64             habit_id)
{
  AscendHabitDialog *self = g_object_new (ASCEND_TYPE_HABIT_DIALOG, "transient-for", parent, NULL);
  AscendDatabase *db = ascend_application_get_database (app);
  g_autoptr(AscendHabit) habit = habit_id > 0 ? ascend_habit_get (db, habit_id, NULL) : NULL;
  const char *title;

  self->app = app;
  if (habit != NULL)
    {
      AscendHabitFrequency f = ASCEND_HABIT_DAILY;

      self->habit_id = habit->id;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), habit->name);
      gtk_editable_set_text (GTK_EDITABLE (self->category_row), habit->category ? habit->category : "");
      ascend_habit_frequency_parse (habit->frequency, &f);
      adw_combo_row_set_selected (self->frequency_row, f);
      gtk_spin_button_set_value (self->target_spin, habit->target_days);
      set_emoji (self, habit->emoji);
      title = _("Edit Habit");
    }
  else
    {
      set_emoji (self, NULL);
      title = _("New Habit");
    }
  show_errors (self, NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}
