/* ascend-goal-editor.c: the form that adds or edits a goal
 *
 * The target date is typed (YYYY-MM-DD) or picked from a GtkCalendar in a
 * popover; progress is set with the slider or typed. A field that is wrong
 * says so under itself and keeps what the user typed; Save writes nothing
 * until every field is right. A goal with milestones takes its progress
 * from them, so the slider is off then.
 *
 * Signals:
 *   saved (gint64 goal_id, gboolean is_new, gboolean completed_now)
 *   closed
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ascend-goal-editor.h"
#include "ascend-goal-rules.h"
#include "ascend-goal-store.h"
#include "ascend-journal-rules.h"

struct _AscendGoalEditor
{
  GtkBox             parent_instance;

  AscendApplication *app;
  gint64             goal_id;      /* -1 closed, 0 new */
  gboolean           has_milestones;
  gboolean           syncing;      /* scale and entry updating each other */

  GtkLabel          *heading_label;
  GtkEntry          *title_entry;
  GtkLabel          *title_error;
  GtkEntry          *description_entry;
  GtkEntry          *category_entry;
  GtkLabel          *category_error;
  GtkEntry          *date_entry;
  GtkPopover        *date_popover;
  GtkCalendar       *calendar;
  GtkLabel          *date_error;
  GtkWidget         *progress_box;
  GtkScale          *progress_scale;
  GtkEntry          *progress_entry;
  GtkLabel          *progress_note;
  GtkLabel          *progress_error;
  GtkLabel          *save_error;
};

enum { SAVED, CLOSED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendGoalEditor, ascend_goal_editor, GTK_TYPE_BOX)

static const char *
text_of (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
show_problem (GtkLabel   *label,
              const char *problem)
{
  gtk_label_set_text (label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

/* Errors are cleared as soon as the field is right again, but only shown
 * on Save: a half-typed date is not a mistake yet. */
static void
recheck (GtkLabel   *label,
         const char *problem)
{
  if (gtk_widget_get_visible (GTK_WIDGET (label)) && problem == NULL)
    show_problem (label, NULL);
}

static void
title_changed_cb (AscendGoalEditor *self)
{
  recheck (self->title_error, ascend_goal_check_title (text_of (self->title_entry)));
}

static void
category_changed_cb (AscendGoalEditor *self)
{
  show_problem (self->category_error, ascend_goal_check_category (text_of (self->category_entry)));
}

static void
date_changed_cb (AscendGoalEditor *self)
{
  recheck (self->date_error, ascend_goal_check_date (text_of (self->date_entry), NULL));
}

static void
scale_changed_cb (AscendGoalEditor *self)
{
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  text = g_strdup_printf ("%.0f", gtk_range_get_value (GTK_RANGE (self->progress_scale)));
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->progress_entry), text);
  self->syncing = FALSE;
  show_problem (self->progress_error, NULL);
}

static void
progress_changed_cb (AscendGoalEditor *self)
{
  gint64 value = 0;
  const char *problem;

  if (self->syncing)
    return;
  /* Typed: the slider follows a valid number; a wrong one is said at once
   * (a number either is in 0-100 or is not) and stays as typed. */
  problem = ascend_goal_check_progress (text_of (self->progress_entry), &value);
  show_problem (self->progress_error, problem);
  if (problem == NULL)
    {
      self->syncing = TRUE;
      gtk_range_set_value (GTK_RANGE (self->progress_scale), (double) value);
      self->syncing = FALSE;
    }
}

static void
date_popover_show_cb (AscendGoalEditor *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (text_of (self->date_entry)));
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  /* The calendar opens on the date typed, or on today. */
  g_date_clear (&date, 1);
  if (ascend_goal_parse_date (typed, &date))
    day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  else
    day = g_date_time_new_now_local ();
  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->syncing = FALSE;
  /* The days, not the month arrows, take the keys: arrows pick a day. */
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
day_selected_cb (AscendGoalEditor *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  day = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  /* The entry follows the calendar; the popover stays open, since arrow
   * keys select days too: Escape or a click outside closes it. */
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  show_problem (self->date_error, NULL);
}

static void
set_progress (AscendGoalEditor *self,
              gint64            progress)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, progress);

  self->syncing = TRUE;
  gtk_range_set_value (GTK_RANGE (self->progress_scale), (double) progress);
  gtk_editable_set_text (GTK_EDITABLE (self->progress_entry), text);
  self->syncing = FALSE;
}

gboolean
ascend_goal_editor_open (AscendGoalEditor  *self,
                         gint64             goal_id,
                         GError           **error)
{
  g_autoptr(AscendGoalDetails) details = NULL;

  g_return_val_if_fail (ASCEND_IS_GOAL_EDITOR (self), FALSE);

  if (goal_id > 0)
    {
      details = ascend_goal_store_get (ascend_application_get_database (self->app), goal_id, error);
      if (details == NULL)
        return FALSE;
    }
  self->goal_id = MAX (goal_id, 0);
  self->has_milestones = details != NULL && details->milestones->len > 0;
  gtk_label_set_text (self->heading_label, goal_id > 0 ? _("Edit Goal") : _("New Goal"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), details ? details->goal->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry),
                         details && details->goal->description ? details->goal->description : "");
  gtk_editable_set_text (GTK_EDITABLE (self->category_entry),
                         details && details->goal->category ? details->goal->category : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry),
                         details && details->goal->target_date ? details->goal->target_date : "");
  set_progress (self, details ? details->goal->progress : 0);
  gtk_widget_set_sensitive (self->progress_box, !self->has_milestones);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_note), self->has_milestones);
  show_problem (self->title_error, NULL);
  show_problem (self->category_error, NULL);
  show_problem (self->date_error, NULL);
  show_problem (self->progress_error, NULL);
  show_problem (self->save_error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  return TRUE;
}

void
ascend_goal_editor_close (AscendGoalEditor *self)
{
  g_return_if_fail (ASCEND_IS_GOAL_EDITOR (self));

  self->goal_id = -1;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[CLOSED], 0);
}

gint64
ascend_goal_editor_get_goal_id (AscendGoalEditor *self)
{
  g_return_val_if_fail (ASCEND_IS_GOAL_EDITOR (self), -1);
  return self->goal_id;
}

static char *
optional_text (GtkEntry *entry)
{
  const char *text = text_of (entry);
  return ascend_text_is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

gboolean
ascend_goal_editor_save (AscendGoalEditor *self)
{
  AscendDatabase *db = ascend_application_get_database (self->app);
  g_autoptr(AscendGoal) goal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  const char *problem;
  GtkWidget *first_wrong = NULL;
  gint64 progress = 0, before = 0;
  gboolean is_new, ok;

  g_return_val_if_fail (ASCEND_IS_GOAL_EDITOR (self), FALSE);

  if (self->goal_id < 0)
    return FALSE;

  problem = ascend_goal_check_title (text_of (self->title_entry));
  show_problem (self->title_error, problem);
  if (problem && !first_wrong)
    first_wrong = GTK_WIDGET (self->title_entry);
  problem = ascend_goal_check_category (text_of (self->category_entry));
  show_problem (self->category_error, problem);
  if (problem && !first_wrong)
    first_wrong = GTK_WIDGET (self->category_entry);
  problem = ascend_goal_check_date (text_of (self->date_entry), &date);
  show_problem (self->date_error, problem);
  if (problem && !first_wrong)
    first_wrong = GTK_WIDGET (self->date_entry);
  problem = self->has_milestones ? NULL : ascend_goal_check_progress (text_of (self->progress_entry), &progress);
  show_problem (self->progress_error, problem);
  if (problem && !first_wrong)
    first_wrong = GTK_WIDGET (self->progress_entry);
  if (first_wrong != NULL)
    {
      gtk_widget_grab_focus (first_wrong);
      return FALSE;
    }

  is_new = self->goal_id == 0;
  if (is_new)
    goal = ascend_goal_new ();
  else if ((goal = ascend_goal_get (db, self->goal_id, &error)) == NULL)
    {
      show_problem (self->save_error, error->message);
      return FALSE;
    }
  before = is_new ? 0 : goal->progress;
  goal->user_id = ascend_application_get_user_id (self->app);
  g_free (goal->title);
  goal->title = g_strstrip (g_strdup (text_of (self->title_entry)));
  g_free (goal->description);
  goal->description = optional_text (self->description_entry);
  g_free (goal->category);
  goal->category = optional_text (self->category_entry);
  g_free (goal->target_date);
  goal->target_date = *date ? g_steal_pointer (&date) : NULL;
  if (!self->has_milestones)
    goal->progress = progress;

  ok = is_new ? ascend_goal_insert (db, goal, &error) > 0 : ascend_goal_update (db, goal, &error);
  if (!ok)
    {
      /* The form keeps everything: the user fixes and saves again. */
      show_problem (self->save_error, error->message);
      return FALSE;
    }
  self->goal_id = -1;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SAVED], 0, goal->id, is_new,
                 before < ASCEND_GOAL_PROGRESS_DONE && goal->progress >= ASCEND_GOAL_PROGRESS_DONE);
  return TRUE;
}

static void
save_clicked_cb (AscendGoalEditor *self)
{
  ascend_goal_editor_save (self);
}

static void
cancel_clicked_cb (AscendGoalEditor *self)
{
  ascend_goal_editor_close (self);
}

void
ascend_goal_editor_set_app (AscendGoalEditor  *self,
                            AscendApplication *app)
{
  g_return_if_fail (ASCEND_IS_GOAL_EDITOR (self));
  self->app = app;
}

static void
ascend_goal_editor_class_init (AscendGoalEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-goal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, description_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, category_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, category_error);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, date_popover);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, progress_scale);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, progress_entry);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, progress_note);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, progress_error);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalEditor, save_error);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
ascend_goal_editor_init (AscendGoalEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->goal_id = -1;

}
