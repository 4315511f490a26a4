/* ascend-goals-view.c: the Goals section: missions with milestones
 *
 * One card per goal, soonest target date first: its due state (overdue,
 * due ascend_goals_view_today, due soon), a progress bar, its milestones as check boxes (the
 * progress follows them) or, without milestones, a progress slider, a field
 * to add a milestone, Edit and Delete. Completing the last milestone (or
 * sliding to 100) completes the goal: a toast with the XP earned and a
 * "Mission complete" line on the card. Deleting a goal or a milestone
 * shows a toast with Undo.
 *
 * After a change made here the cards are rebuilt and keyboard focus and
 * scroll position are put back where they were, so a keyboard user can
 * tick milestone after milestone.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-goals-view-private.h"
#include "ascend-goal-rules.h"
#include "ascend-journal-rules.h"
#include "ascend-progress.h"
#include "ascend-view-util.h"

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendGoalsView, ascend_goals_view, ADW_TYPE_BIN)

static void rebuild        (AscendGoalsView *self);
static void remember_focus (AscendGoalsView *self);

static AscendDatabase *
database (AscendGoalsView *self)
{
  return ascend_application_get_database (self->app);
}

static gint64
user_id (AscendGoalsView *self)
{
  return ascend_application_get_user_id (self->app);
}

static gint64
xp_now (AscendGoalsView *self)
{
  AscendProgress progress;

  if (!ascend_progress_for_user (database (self), user_id (self), &progress, NULL))
    return 0;
  return progress.xp;
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  AscendGoalsView *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* After a change made here: the other views re-read (the dashboard's XP),
 * and this one rebuilds once the handler that made the change (a check
 * box's, whose card goes) has returned, keeping focus and scroll. */
static void
changed (AscendGoalsView *self)
{
  self->quiet = TRUE;
  ascend_application_data_changed (self->app);
  self->quiet = FALSE;
  if (self->focus_key == NULL)
    remember_focus (self);
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_idle_cb, g_object_ref (self), g_object_unref);
}

static void
celebrate (AscendGoalsView *self,
           gint64           goal_id,
           const char      *title,
           gint64           xp_before)
{
  g_autofree char *text = NULL;
  AdwToast *toast;
  gint64 earned = xp_now (self) - xp_before;

  self->just_completed = goal_id;
  /* TRANSLATORS: a goal's title and the XP its completion earned */
  text = g_strdup_printf (_("🎉 Mission complete: “%s”! +%" PRId64 " XP"), title, MAX (earned, 0));
  toast = adw_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  ascend_view_add_toast (GTK_WIDGET (self), toast);
}

/* ---------------------------------------------------------------- undo */

typedef struct {
  AscendApplication *app;
  GWeakRef           view;
  AscendGoalDetails *goal;       /* a deleted goal, or */
  AscendMilestone   *milestone;  /* a deleted milestone */
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_object_unref (undo->app);
  g_weak_ref_clear (&undo->view);
  g_clear_pointer (&undo->goal, ascend_goal_details_free);
  g_clear_pointer (&undo->milestone, ascend_milestone_free);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(AscendGoalsView) self = g_weak_ref_get (&undo->view);
  AscendDatabase *db = ascend_application_get_database (undo->app);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (undo->goal != NULL)
    ok = ascend_goal_store_restore (db, undo->goal, &error);
  else
    ok = ascend_milestone_insert (db, undo->milestone, &error) > 0 &&
         ascend_goal_store_sync_progress (db, undo->milestone->goal_id, &error) >= 0;
  if (!ok && self != NULL)
    ascend_view_show_message (GTK_WIDGET (self), error->message);
  ascend_application_data_changed (undo->app);
}

static void
undo_toast (AscendGoalsView   *self,
            const char        *title,
            AscendGoalDetails *goal,
            AscendMilestone   *milestone)
{
  AdwToast *toast = adw_toast_new (title);
  Undo *undo = g_new0 (Undo, 1);

  undo->app = g_object_ref (self->app);
  g_weak_ref_init (&undo->view, self);
  undo->goal = goal;
  undo->milestone = milestone;
  ascend_view_add_undo_toast (GTK_WIDGET (self), toast, G_CALLBACK (undo_clicked_cb), undo, undo_free);
}

/* ------------------------------------------------------------- actions */

void
ascend_goals_view_milestone_toggled (GtkCheckButton  *check,
                                     AscendGoalsView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 milestone = ascend_goals_view_get_id (check, "milestone-id");
  gint64 xp_before = xp_now (self);
  gboolean completed = FALSE;

  if (!ascend_goal_store_set_milestone_done (database (self), milestone, gtk_check_button_get_active (check),
                                             &completed, &error))
    ascend_view_show_message (GTK_WIDGET (self), error->message);
  else if (completed)
    celebrate (self, ascend_goals_view_get_id (check, "goal-id"), g_object_get_data (G_OBJECT (check), "goal-title"), xp_before);
  changed (self);
}

static void
add_milestone (AscendGoalsView *self,
               GtkWidget       *source)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (source), "milestone-entry");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (source), "milestone-error");
  g_autoptr(GError) error = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (entry));
  gint64 goal = ascend_goals_view_get_id (source, "goal-id");
  g_autofree char *trimmed = NULL;

  if (ascend_text_is_blank (title))
    {
      gtk_label_set_text (error_label, _("A milestone needs a title"));
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return;
    }
  trimmed = g_strstrip (g_strdup (title));
  if (ascend_goal_store_add_milestone (database (self), goal, trimmed, &error) == 0)
    {
      /* What was typed stays in the field. */
      gtk_label_set_text (error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
      return;
    }
  g_free (self->focus_key);
  self->focus_key = g_strdup_printf ("add:%" PRId64, goal);
  changed (self);
}

void
ascend_goals_view_add_clicked (GtkButton       *button,
                               AscendGoalsView *self)
{
  add_milestone (self, GTK_WIDGET (button));
}

void
ascend_goals_view_add_activate (GtkEntry        *entry,
                                AscendGoalsView *self)
{
  add_milestone (self, GTK_WIDGET (entry));
}

void
ascend_goals_view_delete_milestone (GtkButton       *button,
                                    AscendGoalsView *self)
{
  g_autoptr(GError) error = NULL;
  AscendMilestone *milestone = ascend_milestone_get (database (self), ascend_goals_view_get_id (button, "milestone-id"), &error);
  g_autofree char *text = NULL;

  if (milestone == NULL || !ascend_goal_store_delete_milestone (database (self), milestone->id, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      g_clear_pointer (&milestone, ascend_milestone_free);
      return;
    }
  text = g_strdup_printf (_("Milestone “%s” deleted"), milestone->title);
  undo_toast (self, text, NULL, milestone);
  changed (self);
}

void
ascend_goals_view_progress_changed (GtkRange        *scale,
                                    AscendGoalsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendGoal) goal = ascend_goal_get (database (self), ascend_goals_view_get_id (scale, "goal-id"), &error);
  gint64 progress = (gint64) gtk_range_get_value (scale);
  gint64 xp_before;

  if (goal == NULL || goal->progress == progress)
    return;
  xp_before = xp_now (self);
  if (!ascend_goal_store_set_progress (database (self), goal->id, progress, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  /* Updated in place: rebuilding would take the slider from under the
   * pointer mid-drag. */
  ascend_goals_view_update_progress (GTK_WIDGET (scale), progress, goal->target_date);
  if (goal->progress < ASCEND_GOAL_PROGRESS_DONE && progress >= ASCEND_GOAL_PROGRESS_DONE)
    celebrate (self, goal->id, goal->title, xp_before);
  self->quiet = TRUE;
  ascend_application_data_changed (self->app);
  self->quiet = FALSE;
}

/* Once the editor has its place (a frame or two later), brings it into view. */
static gboolean
scroll_to_editor_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  AscendGoalsView *self = ASCEND_GOALS_VIEW (widget);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  guint *frames = data;
  graphene_point_t top;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (GTK_WIDGET (self->editor)) == 0 && ++*frames < 10)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_compute_point (GTK_WIDGET (self->editor), content, &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), MAX (0, top.y - 12));
  return G_SOURCE_REMOVE;
}

static void
open_editor (AscendGoalsView *self,
             gint64           goal_id)
{
  g_autoptr(GError) error = NULL;

  if (!ascend_goal_editor_open (self->editor, goal_id, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_editor_cb, g_new0 (guint, 1), g_free);
}

static void
new_clicked_cb (AscendGoalsView *self)
{
  open_editor (self, 0);
}

void
ascend_goals_view_edit_clicked (GtkButton       *button,
                                AscendGoalsView *self)
{
  open_editor (self, ascend_goals_view_get_id (button, "goal-id"));
}

void
ascend_goals_view_delete_goal (GtkButton       *button,
                               AscendGoalsView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 goal_id = ascend_goals_view_get_id (button, "goal-id");
  AscendGoalDetails *deleted;
  g_autofree char *text = NULL;

  if (ascend_goal_editor_get_goal_id (self->editor) == goal_id)
    ascend_goal_editor_close (self->editor);
  deleted = ascend_goal_store_delete (database (self), goal_id, &error);
  if (deleted == NULL)
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  text = g_strdup_printf (_("“%s” deleted"), deleted->goal->title);
  undo_toast (self, text, deleted, NULL);
  changed (self);
}

static void
editor_saved_cb (AscendGoalsView *self,
                 gint64           goal_id,
                 gboolean         is_new,
                 gboolean         completed_now)
{
  g_autoptr(AscendGoal) goal = ascend_goal_get (database (self), goal_id, NULL);

  if (completed_now && goal != NULL)
    /* The goal's XP is in already: what it earned is the goal's share. */
    celebrate (self, goal_id, goal->title, xp_now (self) - ASCEND_XP_GOAL);
  else
    ascend_view_show_message (GTK_WIDGET (self), is_new ? _("Goal added. Break it into milestones to track it.") : _("Goal saved"));
  g_free (self->focus_key);
  self->focus_key = g_strdup_printf ("add:%" PRId64, goal_id);
  changed (self);
}

/* -------------------------------------------------------------- rebuild */

static GtkWidget *
find_focus_key (GtkWidget  *root,
                const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "focus-key"), key) == 0)
        return child;
      if ((found = find_focus_key (child, key)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  AscendGoalsView *self = ASCEND_GOALS_VIEW (widget);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), self->scroll);
  return G_SOURCE_REMOVE;
}

static void
remember_focus (AscendGoalsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    if (g_object_get_data (G_OBJECT (focus), "focus-key") != NULL)
      {
        g_free (self->focus_key);
        self->focus_key = g_strdup (g_object_get_data (G_OBJECT (focus), "focus-key"));
        return;
      }
}

static void
rebuild (AscendGoalsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint overdue = 0, soon = 0, done = 0;
  GDate day;

  if (user_id (self) <= 0)
    return;
  if (self->focus_key == NULL)
    remember_focus (self);
  self->scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));

  goals = ascend_goal_store_list (database (self), user_id (self), &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->goals_box))) != NULL)
    gtk_box_remove (self->goals_box, child);
  if (goals == NULL)
    {
      gtk_label_set_text (self->empty_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      return;
    }

  ascend_goals_view_today (&day);
  for (guint i = 0; i < goals->len; i++)
    {
      AscendGoalDetails *details = g_ptr_array_index (goals, i);
      AscendGoalDue due = ascend_goal_due (details->goal->target_date, details->goal->progress, &day);

      overdue += due == ASCEND_GOAL_OVERDUE;
      soon += due == ASCEND_GOAL_DUE_SOON || due == ASCEND_GOAL_DUE_TODAY;
      done += due == ASCEND_GOAL_COMPLETED;
      gtk_box_append (self->goals_box, ascend_goals_view_card (self, details));
    }
  self->just_completed = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), goals->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->goals_box), goals->len > 0);

  /* TRANSLATORS: the goals summary: "3 goals · 1 done · 1 overdue · 1 due soon" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u goal · %u done · %u overdue · %u due soon",
                                          "%u goals · %u done · %u overdue · %u due soon", goals->len),
                             goals->len, done, overdue, soon);
  gtk_label_set_text (self->summary_label, goals->len > 0 ? summary : "");

  if (self->focus_key != NULL)
    {
      GtkWidget *focus = find_focus_key (GTK_WIDGET (self->goals_box), self->focus_key);
      if (focus != NULL)
        gtk_widget_grab_focus (focus);
      g_clear_pointer (&self->focus_key, g_free);
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_scroll_cb, NULL, NULL);
}

void
ascend_goals_view_refresh (AscendGoalsView *self)
{
  g_return_if_fail (ASCEND_IS_GOALS_VIEW (self));

  if (!self->quiet)
    rebuild (self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  new_clicked_cb (ASCEND_GOALS_VIEW (widget));
}

static void
ascend_goals_view_finalize (GObject *object)
{
  AscendGoalsView *self = ASCEND_GOALS_VIEW (object);

  g_assert (self->rebuild_id == 0);
  g_free (self->focus_key);
  G_OBJECT_CLASS (ascend_goals_view_parent_class)->finalize (object);
}

static void
ascend_goals_view_class_init (AscendGoalsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ascend_goals_view_finalize;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_goals_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_GOAL_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-goals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendGoalsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalsView, new_button);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalsView, editor);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalsView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AscendGoalsView, goals_box);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);

  gtk_widget_class_install_action (widget_class, "goals.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "goals.new", NULL);
}

static void
ascend_goals_view_init (AscendGoalsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->editor, "saved", G_CALLBACK (editor_saved_cb), self);
}

AscendGoalsView *
ascend_goals_view_new (AscendApplication *app)
{
  AscendGoalsView *self = g_object_new (ASCEND_TYPE_GOALS_VIEW, NULL);

  self->app = app;
  ascend_goal_editor_set_app (self->editor, app);
  return self;
}
