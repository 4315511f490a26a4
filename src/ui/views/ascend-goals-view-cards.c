/* ascend-goals-view-cards.c: one goal's card in the Goals section
 *
 * Title and due badge, category, target date and description, progress (a
 * bar that follows the milestones, or a slider without them), the
 * milestones as check boxes, a field to add one, Edit and Delete. The
 * widgets carry the ids they act on; the actions are in
 * ascend-goals-view.c.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-goals-view-private.h"
#include "ascend-goal-rules.h"
#include "ascend-journal-rules.h"

void
ascend_goals_view_set_id (gpointer    object,
                          const char *key,
                          gint64      id)
{
  g_object_set_data_full (G_OBJECT (object), key, g_memdup2 (&id, sizeof id), g_free);
}

gint64
ascend_goals_view_get_id (gpointer    object,
                          const char *key)
{
  gint64 *id = g_object_get_data (G_OBJECT (object), key);
  return id ? *id : 0;
}

void
ascend_goals_view_set_focus_key (GtkWidget  *widget,
                                 const char *kind,
                                 gint64      id)
{
  g_object_set_data_full (G_OBJECT (widget), "focus-key",
                          g_strdup_printf ("%s:%" PRId64, kind, id), g_free);
}

static void
milestone_entry_changed_cb (GtkEntry *entry,
                            GtkLabel *error_label)
{
  if (!ascend_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (entry))))
    gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
}

static const char *
due_class (AscendGoalDue due)
{
  switch (due)
    {
    case ASCEND_GOAL_OVERDUE:
      return "overdue";
    case ASCEND_GOAL_DUE_TODAY:
    case ASCEND_GOAL_DUE_SOON:
      return "due-soon";
    case ASCEND_GOAL_COMPLETED:
      return "done";
    case ASCEND_GOAL_NO_DATE:
    case ASCEND_GOAL_ON_TRACK:
    default:
      return "on-track";
    }
}

void
ascend_goals_view_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
}

static void
set_badge (GtkWidget  *badge,
           gint64      progress,
           const char *target_date)
{
  static const char *classes[] = { "overdue", "due-soon", "done", "on-track" };
  GDate day;
  AscendGoalDue due;
  g_autofree char *text = NULL;

  ascend_goals_view_today (&day);
  due = ascend_goal_due (target_date, progress, &day);
  text = ascend_goal_due_text (target_date, progress, &day);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (badge, classes[i]);
  gtk_widget_add_css_class (badge, due_class (due));
  gtk_label_set_text (GTK_LABEL (badge), text ? text : "");
  gtk_widget_set_visible (badge, text != NULL);
}

void
ascend_goals_view_update_progress (GtkWidget  *holder,
                                   gint64      progress,
                                   const char *target_date)
{
  GtkWidget *bar = g_object_get_data (G_OBJECT (holder), "progress-bar");
  GtkWidget *percent = g_object_get_data (G_OBJECT (holder), "percent-label");
  GtkWidget *badge = g_object_get_data (G_OBJECT (holder), "badge");
  g_autofree char *text = g_strdup_printf (_("%" PRId64 "%%"), progress);

  if (bar != NULL)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), progress / 100.0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
    }
  gtk_label_set_text (GTK_LABEL (percent), text);
  set_badge (badge, progress, target_date);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
format_date (const char *target_date)
{
  GDate date;
  char buffer[64] = "";

  g_date_clear (&date, 1);
  if (!ascend_goal_parse_date (target_date, &date))
    return NULL;
  /* TRANSLATORS: a goal's target date, e.g. "Sun 1 Jun 2025" (strftime) */
  g_date_strftime (buffer, sizeof buffer, _("%a %e %b %Y"), &date);
  return g_strdup (g_strstrip (buffer));
}

static GtkWidget *
milestone_row (AscendGoalsView   *self,
               AscendGoalDetails *details,
               AscendMilestone   *milestone)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new_with_label (milestone->title);
  GtkWidget *delete = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *label = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  g_autofree char *delete_label = g_strdup_printf (_("Delete milestone “%s”"), milestone->title);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), milestone->is_completed);
  gtk_widget_set_hexpand (check, TRUE);
  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (milestone->is_completed)
    gtk_widget_add_css_class (check, "ascend-milestone-done");
  ascend_goals_view_set_id (check, "milestone-id", milestone->id);
  ascend_goals_view_set_id (check, "goal-id", details->goal->id);
  g_object_set_data_full (G_OBJECT (check), "goal-title", g_strdup (details->goal->title), g_free);
  ascend_goals_view_set_focus_key (check, "milestone", milestone->id);
  g_signal_connect (check, "toggled", G_CALLBACK (ascend_goals_view_milestone_toggled), self);

  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_add_css_class (delete, "circular");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, delete_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  ascend_goals_view_set_id (delete, "milestone-id", milestone->id);
  ascend_goals_view_set_focus_key (delete, "milestone-delete", milestone->id);
  g_signal_connect (delete, "clicked", G_CALLBACK (ascend_goals_view_delete_milestone), self);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), delete);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

GtkWidget *
ascend_goals_view_card (AscendGoalsView   *self,
                        AscendGoalDetails *details)
{
  AscendGoal *goal = details->goal;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = label_new (goal->title, "heading");
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *bar = NULL;
  GtkWidget *percent = gtk_label_new (NULL);
  GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_entry = gtk_entry_new ();
  GtkWidget *add_button = gtk_button_new_with_label (_("Add"));
  GtkWidget *add_error = label_new (NULL, "error");
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *edit = gtk_button_new_with_label (_("Edit"));
  GtkWidget *delete = gtk_button_new_with_label (_("Delete"));
  GtkWidget *scale = NULL;
  g_autofree char *date = format_date (goal->target_date);
  g_autofree char *add_label = g_strdup_printf (_("New milestone for “%s”"), goal->title);
  g_autofree char *add_button_label = g_strdup_printf (_("Add milestone to “%s”"), goal->title);
  g_autofree char *edit_label = g_strdup_printf (_("Edit “%s”"), goal->title);
  g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), goal->title);
  g_autofree char *bar_label = g_strdup_printf (_("Progress of “%s”"), goal->title);
  GString *meta = g_string_new (NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "ascend-goal-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, goal->title, -1);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (badge, "ascend-goal-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (card), top);

  if (goal->category != NULL)
    g_string_append (meta, goal->category);
  if (date != NULL)
    /* TRANSLATORS: a goal's target date, after its category */
    g_string_append_printf (meta, meta->len ? _(" · Target %s") : _("Target %s"), date);
  if (meta->len > 0)
    gtk_box_append (GTK_BOX (card), label_new (meta->str, "caption"));
  g_string_free (meta, TRUE);
  if (goal->description != NULL)
    gtk_box_append (GTK_BOX (card), label_new (goal->description, "dim-label"));

  gtk_widget_add_css_class (percent, "numeric");
  gtk_widget_add_css_class (percent, "heading");
  gtk_box_append (GTK_BOX (card), progress_box);

  if (goal->progress >= ASCEND_GOAL_PROGRESS_DONE)
    {
      GtkWidget *done = label_new (_("🎉 Mission complete!"), "ascend-goal-complete");
      if (self->just_completed == goal->id)
        gtk_widget_add_css_class (done, "ascend-goal-just-complete");
      gtk_box_append (GTK_BOX (card), done);
    }

  if (details->milestones->len > 0)
    {
      GtkWidget *list = gtk_list_box_new ();
      g_autofree char *list_label = g_strdup_printf (_("Milestones of “%s”"), goal->title);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, list_label, -1);
      for (guint i = 0; i < details->milestones->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), milestone_row (self, details, details->milestones->pdata[i]));
      bar = gtk_progress_bar_new ();
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (bar, "ascend-goal-progress");
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_label, -1);
      gtk_box_append (GTK_BOX (progress_box), bar);
      gtk_box_append (GTK_BOX (card), list);
    }
  else
    {
      /* No milestones: the progress is the user's to set, on the slider
       * that stands where the bar would. */
      scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 1);
      gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
      gtk_range_set_round_digits (GTK_RANGE (scale), 0);
      gtk_range_set_value (GTK_RANGE (scale), (double) goal->progress);
      gtk_widget_set_hexpand (scale, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_label, -1);
      ascend_goals_view_set_id (scale, "goal-id", goal->id);
      ascend_goals_view_set_focus_key (scale, "scale", goal->id);
      gtk_box_append (GTK_BOX (progress_box), scale);
    }
  gtk_box_append (GTK_BOX (progress_box), percent);
  /* The slider and the in-place updates find the card's parts here. */
  {
    GtkWidget *holder = scale ? scale : card;
    g_object_set_data (G_OBJECT (holder), "progress-bar", bar);
    g_object_set_data (G_OBJECT (holder), "percent-label", percent);
    g_object_set_data (G_OBJECT (holder), "badge", badge);
    ascend_goals_view_update_progress (holder, goal->progress, goal->target_date);
    if (scale != NULL)
      g_signal_connect (scale, "value-changed", G_CALLBACK (ascend_goals_view_progress_changed), self);
  }

  gtk_entry_set_placeholder_text (GTK_ENTRY (add_entry), _("Add a milestone"));
  gtk_widget_set_hexpand (add_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_button_label, -1);
  gtk_widget_set_visible (add_error, FALSE);
  gtk_widget_add_css_class (add_error, "caption");
  for (GtkWidget *w = add_entry; w != NULL; w = w == add_entry ? add_button : NULL)
    {
      ascend_goals_view_set_id (w, "goal-id", goal->id);
      g_object_set_data (G_OBJECT (w), "milestone-entry", add_entry);
      g_object_set_data (G_OBJECT (w), "milestone-error", add_error);
    }
  ascend_goals_view_set_focus_key (add_entry, "add", goal->id);
  g_signal_connect (add_entry, "activate", G_CALLBACK (ascend_goals_view_add_activate), self);
  g_signal_connect (add_entry, "changed", G_CALLBACK (milestone_entry_changed_cb), add_error);
  g_signal_connect (add_button, "clicked", G_CALLBACK (ascend_goals_view_add_clicked), self);
  gtk_box_append (GTK_BOX (add_box), add_entry);
  gtk_box_append (GTK_BOX (add_box), add_button);
  gtk_box_append (GTK_BOX (card), add_box);
  gtk_box_append (GTK_BOX (card), add_error);

  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_add_css_class (delete, "ascend-goal-delete");
  ascend_goals_view_set_id (edit, "goal-id", goal->id);
  ascend_goals_view_set_id (delete, "goal-id", goal->id);
  ascend_goals_view_set_focus_key (edit, "edit", goal->id);
  g_signal_connect (edit, "clicked", G_CALLBACK (ascend_goals_view_edit_clicked), self);
  g_signal_connect (delete, "clicked", G_CALLBACK (ascend_goals_view_delete_goal), self);
  gtk_box_append (GTK_BOX (actions), edit);
  gtk_box_append (GTK_BOX (actions), delete);
  gtk_box_append (GTK_BOX (card), actions);

  {
    GDate day;
    ascend_goals_view_today (&day);
    gtk_widget_add_css_class (card, due_class (ascend_goal_due (goal->target_date, goal->progress, &day)));
  }
  return card;
}
