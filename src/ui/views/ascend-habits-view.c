/* ascend-habits-view.c: the Habits section
 *
 * Today's quests (the habits due today, and those done today so they can be
 * undone) with a check button each: a click, Space or Enter checks a quest
 * off. Below, every habit and the archived ones; a habit opens its detail
 * (ascend-habit-detail). Every change goes through the "habits." actions
 * in this file, so toasts and undo live in one place: a check-off, an
 * archive and a delete each offer Undo. Rows are rebuilt after a change,
 * so the change itself runs first and the rebuild waits for an idle moment
 * (a widget destroyed inside its own event handler upsets GTK).
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "ascend-habits-view-private.h"
#include "ascend-habit-detail.h"
#include "ascend-habit-dialog.h"
#include "ascend-profile-card.h"
#include "ascend-progress.h"
#include "ascend-business-store.h"
#include "ascend-user-store.h"
#include "ascend-view-util.h"

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AscendHabitsView, ascend_habits_view, ADW_TYPE_BIN)

void
ascend_habits_view_set_habit_id (gpointer object,
                                 gint64   id)
{
  g_object_set_data (G_OBJECT (object), "habit-id", GSIZE_TO_POINTER ((gsize) id));
}

void
ascend_habits_view_make_clock (AscendApplication *app,
                               AscendHabitClock  *clock)
{
  GSettings *settings = ascend_application_get_settings (app);

  ascend_habit_clock_init (clock, NULL, settings ? g_settings_get_int (settings, "day-start-hour") : 0, 0);
}

static AscendDatabase *
database (AscendHabitsView *self)
{
  return ascend_application_get_database (self->app);
}

static gboolean
changed_idle_cb (gpointer data)
{
  AscendHabitsView *self = data;

  self->changed_id = 0;
  /* Every view re-reads: the dashboard's quests and XP too. */
  ascend_application_data_changed (self->app);
  return G_SOURCE_REMOVE;
}

static void
changed_later (AscendHabitsView *self,
               gint64            focus_habit)
{
  self->focus_habit = focus_habit;
  if (self->changed_id == 0)
    self->changed_id = g_idle_add_full (G_PRIORITY_DEFAULT, changed_idle_cb, g_object_ref (self), g_object_unref);
}

/* Undo for a toast: what to undo, kept while the view may be gone. */
typedef enum { UNDO_CHECK, UNDO_ARCHIVE, UNDO_DELETE } UndoKind;

typedef struct {
  GWeakRef             view;
  AscendApplication   *app;
  UndoKind             kind;
  gint64               habit_id;
  AscendDay            day;
  AscendHabitSnapshot *snapshot;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->view);
  g_object_unref (undo->app);
  g_clear_pointer (&undo->snapshot, ascend_habit_snapshot_free);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(AscendHabitsView) self = g_weak_ref_get (&undo->view);
  AscendDatabase *db = ascend_application_get_database (undo->app);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (undo->kind)
    {
    case UNDO_CHECK:
      {
        AscendHabitClock clock;
        ascend_habits_view_make_clock (undo->app, &clock);
        ok = ascend_habits_unlog_day (db, undo->habit_id, &clock, undo->day, &error);
        ascend_habit_clock_clear (&clock);
      }
      break;
    case UNDO_ARCHIVE:
      ok = ascend_habit_store_set_archived (db, undo->habit_id, FALSE, &error);
      break;
    case UNDO_DELETE:
      ok = ascend_habit_store_restore (db, undo->snapshot, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok && self != NULL)
    ascend_view_show_message (GTK_WIDGET (self), error->message);
  if (self != NULL)
    changed_later (self, undo->habit_id);
  else
    ascend_application_data_changed (undo->app);
}

static void
undo_toast (AscendHabitsView    *self,
            const char          *title,
            UndoKind             kind,
            gint64               habit_id,
            AscendDay            day,
            AscendHabitSnapshot *snapshot)
{
  AdwToast *toast = adw_toast_new (title);
  Undo *undo = g_new0 (Undo, 1);

  g_weak_ref_init (&undo->view, self);
  undo->app = g_object_ref (self->app);
  undo->kind = kind;
  undo->habit_id = habit_id;
  undo->day = day;
  undo->snapshot = snapshot;
  ascend_view_add_undo_toast (GTK_WIDGET (self), toast, G_CALLBACK (undo_clicked_cb), undo, undo_free);
}

static char *
habit_name (AscendHabitsView *self,
            gint64            habit_id)
{
  g_autoptr(AscendHabit) habit = ascend_habit_get (database (self), habit_id, NULL);
  return g_strdup (habit ? habit->name : "");
}

/* ----------------------------------------------------------------- changes */

static void
logged (AscendHabitsView     *self,
        gint64                habit_id,
        AscendDay             day,
        const AscendCheckOff *result)
{
  g_autofree char *name = habit_name (self, habit_id);
  g_autofree char *title = NULL;

  /* TRANSLATORS: a toast after checking a quest off: the habit and the XP it earned */
  title = g_strdup_printf (_("“%s” done · +%d XP"), name, ASCEND_XP_HABIT_LOG);
  undo_toast (self, title, UNDO_CHECK, habit_id, day, NULL);
  if (result->bonus_tokens > 0)
    {
      g_autofree char *bonus = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "🔥 %u in a row! Streak bonus: +%u token",
                                                             "🔥 %u in a row! Streak bonus: +%u tokens",
                                                             result->bonus_tokens),
                                                result->milestone, result->bonus_tokens);
      ascend_view_show_message (GTK_WIDGET (self), bonus);
    }
  changed_later (self, habit_id);
}

static void
log_day (AscendHabitsView *self,
         gint64            habit_id,
         AscendDay         day,
         const char       *notes)
{
  g_autoptr(GError) error = NULL;
  AscendHabitClock clock;
  AscendCheckOff result;

  ascend_habits_view_make_clock (self->app, &clock);
  if (ascend_habits_log_day (database (self), habit_id, &clock, day, notes, &result, &error) > 0)
    logged (self, habit_id, day, &result);
  else
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      changed_later (self, habit_id);
    }
  ascend_habit_clock_clear (&clock);
}

static void
unlog_day (AscendHabitsView *self,
           gint64            habit_id,
           AscendDay         day)
{
  g_autoptr(GError) error = NULL;
  AscendHabitClock clock;

  ascend_habits_view_make_clock (self->app, &clock);
  if (!ascend_habits_unlog_day (database (self), habit_id, &clock, day, &error))
    ascend_view_show_message (GTK_WIDGET (self), error->message);
  ascend_habit_clock_clear (&clock);
  changed_later (self, habit_id);
}

AscendDay
ascend_habits_view_today (AscendHabitsView *self)
{
  AscendHabitClock clock;
  AscendDay day;

  ascend_habits_view_make_clock (self->app, &clock);
  day = ascend_habit_clock_today (&clock);
  ascend_habit_clock_clear (&clock);
  return day;
}

static void skip_day (AscendHabitsView *self,
                      gint64            habit_id,
                      AscendDay         day,
                      gboolean          allow_paid);

static void
paid_skip_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AscendHabitsView *self)
{
  if (g_strcmp0 (response, "skip") == 0)
    skip_day (self, HABIT_ID (dialog), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "day")), TRUE);
}

static void
ask_paid_skip (AscendHabitsView *self,
               gint64            habit_id,
               AscendDay         day)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint64 balance = ascend_token_ledger_balance (database (self), ascend_application_get_user_id (self->app), NULL);
  g_autofree char *cost = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "No free skips are left this month. Skipping this day costs %d token.",
                                                        "No free skips are left this month. Skipping this day costs %d tokens.",
                                                        ASCEND_HABIT_SKIP_TOKEN_COST), ASCEND_HABIT_SKIP_TOKEN_COST);
  g_autofree char *have = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "You have %" PRId64 " token.",
                                                        "You have %" PRId64 " tokens.",
                                                        (gulong) MAX (balance, 0)), balance);
  /* TRANSLATORS: two sentences of a dialog: what a skip costs, what the user has */
  g_autofree char *body = g_strdup_printf (C_("two sentences", "%s %s"), cost, have);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         _("Use a Token to Skip?"), body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "skip", _("_Use a Token"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "skip", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "skip", balance >= ASCEND_HABIT_SKIP_TOKEN_COST);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  ascend_habits_view_set_habit_id (dialog, habit_id);
  g_object_set_data (G_OBJECT (dialog), "day", GINT_TO_POINTER (day));
  g_signal_connect_object (dialog, "response", G_CALLBACK (paid_skip_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
skip_day (AscendHabitsView *self,
          gint64            habit_id,
          AscendDay         day,
          gboolean          allow_paid)
{
  g_autoptr(GError) error = NULL;
  AscendHabitClock clock;
  gboolean paid = FALSE;

  ascend_habits_view_make_clock (self->app, &clock);
  if (ascend_habits_skip_day (database (self), habit_id, &clock, day, allow_paid, &paid, &error))
    {
      g_autofree char *paid_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "Day skipped for %d token. The streak is safe.",
                                                                 "Day skipped for %d tokens. The streak is safe.",
                                                                 ASCEND_HABIT_SKIP_TOKEN_COST), ASCEND_HABIT_SKIP_TOKEN_COST);
      ascend_view_show_message (GTK_WIDGET (self), paid ? paid_text : _("Day skipped. The streak is safe."));
    }
  else if (!allow_paid && g_error_matches (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT))
    ask_paid_skip (self, habit_id, day);
  else
    ascend_view_show_message (GTK_WIDGET (self), error->message);
  ascend_habit_clock_clear (&clock);
  changed_later (self, habit_id);
}

static void
archive (AscendHabitsView *self,
         gint64            habit_id,
         gboolean          archived)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = habit_name (self, habit_id);

  if (!ascend_habit_store_set_archived (database (self), habit_id, archived, &error))
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  if (archived)
    {
      g_autofree char *title = g_strdup_printf (_("“%s” archived"), name);
      undo_toast (self, title, UNDO_ARCHIVE, habit_id, 0, NULL);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("“%s” is back in your quests"), name);
      ascend_view_show_message (GTK_WIDGET (self), title);
    }
  changed_later (self, habit_id);
}

static void
delete_habit (AscendHabitsView *self,
              gint64            habit_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = habit_name (self, habit_id);
  g_autofree char *title = NULL;
  AscendHabitSnapshot *snapshot;

  snapshot = ascend_habit_store_delete (database (self), habit_id, &error);
  if (snapshot == NULL)
    {
      ascend_view_show_message (GTK_WIDGET (self), error->message);
      return;
    }
  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->detail) &&
      ascend_habit_detail_get_habit_id (self->detail) == habit_id)
    gtk_stack_set_visible_child_name (self->stack, "list");
  title = g_strdup_printf (_("“%s” deleted"), name);
  undo_toast (self, title, UNDO_DELETE, habit_id, 0, snapshot);
  changed_later (self, 0);
}

/* ----------------------------------------------------------------- actions */

static void
dialog_saved_cb (AscendHabitDialog *dialog,
                 gint64             id,
                 gboolean           added,
                 AscendHabitsView  *self)
{
  ascend_view_show_message (GTK_WIDGET (self), added ? _("Habit added to your quests") : _("Habit saved"));
  changed_later (self, id);
}

static void
open_dialog (AscendHabitsView *self,
             gint64            habit_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AscendHabitDialog *dialog = ascend_habit_dialog_new (self->app, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, habit_id);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_detail (AscendHabitsView *self,
             gint64            habit_id)
{
  ascend_habit_detail_show (self->detail, self->app, habit_id);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->detail));
  gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static void
habits_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  AscendHabitsView *self = ASCEND_HABITS_VIEW (widget);
  gint64 id = 0;
  gint32 day = 0;
  const char *text = NULL;

  if (ascend_application_get_user_id (self->app) <= 0)
    return;
  if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE_INT64))
    id = g_variant_get_int64 (param);
  else if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE ("(xi)")))
    g_variant_get (param, "(xi)", &id, &day);
  else if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE ("(xis)")))
    g_variant_get (param, "(xi&s)", &id, &day, &text);
  else if (param != NULL && g_variant_is_of_type (param, G_VARIANT_TYPE ("(xs)")))
    g_variant_get (param, "(x&s)", &id, &text);

  if (g_str_equal (name, "habits.new"))
    open_dialog (self, 0);
  else if (g_str_equal (name, "habits.edit"))
    open_dialog (self, id);
  else if (g_str_equal (name, "habits.open"))
    show_detail (self, id);
  else if (g_str_equal (name, "habits.back"))
    {
      gint64 shown = ascend_habit_detail_get_habit_id (self->detail);
      gtk_stack_set_visible_child_name (self->stack, "list");
      self->focus_habit = shown;
      ascend_habits_view_refresh (self);
    }
  else if (g_str_equal (name, "habits.check"))
    log_day (self, id, ascend_habits_view_today (self), NULL);
  else if (g_str_equal (name, "habits.uncheck"))
    unlog_day (self, id, ascend_habits_view_today (self));
  else if (g_str_equal (name, "habits.log-day"))
    log_day (self, id, day, text);
  else if (g_str_equal (name, "habits.unlog-day"))
    unlog_day (self, id, day);
  else if (g_str_equal (name, "habits.skip-day"))
    skip_day (self, id, day, FALSE);
  else if (g_str_equal (name, "habits.unskip-day"))
    {
      g_autoptr(GError) error = NULL;
      if (!ascend_habits_unskip_day (database (self), id, day, &error))
        ascend_view_show_message (GTK_WIDGET (self), error->message);
      changed_later (self, id);
    }
  else if (g_str_equal (name, "habits.set-note"))
    {
      g_autoptr(GError) error = NULL;
      if (ascend_habit_store_set_log_notes (database (self), id, text, &error))
        ascend_view_show_message (GTK_WIDGET (self), _("Note saved"));
      else
        ascend_view_show_message (GTK_WIDGET (self), error->message);
      changed_later (self, 0);
    }
  else if (g_str_equal (name, "habits.archive"))
    archive (self, id, TRUE);
  else if (g_str_equal (name, "habits.unarchive"))
    archive (self, id, FALSE);
  else if (g_str_equal (name, "habits.delete"))
    delete_habit (self, id);
}

/* ------------------------------------------------------------------ refresh */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
rollover_cb (gpointer data)
{
  AscendHabitsView *self = data;

  self->rollover_id = 0;
  ascend_habits_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* A new habit day brings new quests without anything else changing. */
static void
schedule_rollover (AscendHabitsView       *self,
                   const AscendHabitClock *clock)
{
  gint64 next = ascend_habit_day_start (ascend_habit_clock_today (clock) + 1, clock->tz, clock->start_hour);
  gint64 seconds = (next - clock->now) / 1000 + 1;

  g_clear_handle_id (&self->rollover_id, g_source_remove);
  self->rollover_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) CLAMP (seconds, 1, 86400 * 2),
                                                  rollover_cb, self, NULL);
}

static GtkWidget *
find_row (GtkListBox *list,
          gint64      habit_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (HABIT_ID (row) == habit_id)
      return g_object_get_data (G_OBJECT (row), "focus-target");
  return NULL;
}

static void
update_profile (AscendHabitsView *self,
                gint64            user_id)
{
  g_autoptr(AscendUser) user = ascend_user_get (database (self), user_id, NULL);
  AscendProgress progress;
  gboolean up;

  if (user == NULL || !ascend_progress_for_user (database (self), user_id, &progress, NULL))
    return;
  up = ascend_profile_card_update (self->profile_card, user->name, &progress, user->token_balance);
  ascend_profile_card_update (self->empty_profile_card, user->name, &progress, user->token_balance);
  if (up && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_autofree char *text = g_strdup_printf (_("Level up! You reached level %d"), progress.level);
      AdwToast *toast = adw_toast_new (text);

      /* Said at once, in words (for screen readers, and when animations
       * are off); the quest's own toast with its Undo comes back after. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      ascend_view_add_toast (GTK_WIDGET (self), toast);
    }
}

void
ascend_habits_view_refresh (AscendHabitsView *self)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  AscendHabitClock clock;
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *target = NULL;
  gboolean had_focus;
  guint n_quests = 0, n_done = 0, n_active = 0, n_archived = 0;
  gint64 user;

  g_return_if_fail (ASCEND_IS_HABITS_VIEW (self));

  if (self->app == NULL || (user = ascend_application_get_user_id (self->app)) <= 0)
    return;

  ascend_habits_view_make_clock (self->app, &clock);
  statuses = ascend_habits_load_all (database (self), user, &clock, &error);
  if (statuses == NULL)
    {
      g_warning ("Could not read the habits: %s", error->message);
      ascend_habit_clock_clear (&clock);
      return;
    }
  update_profile (self, user);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  if (had_focus && self->focus_habit == 0)
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL)
        self->focus_habit = HABIT_ID (row);
    }

  self->building = TRUE;
  clear_list (self->quest_list);
  clear_list (self->habit_list);
  clear_list (self->archived_list);
  for (guint i = 0; i < statuses->len; i++)
    {
      AscendHabitStatus *s = g_ptr_array_index (statuses, i);

      if (ascend_habit_status_is_quest (s))
        {
          gtk_list_box_append (self->quest_list, ascend_habits_view_quest_row (self, s));
          n_quests++;
          n_done += s->done_today;
        }
      if (s->archived)
        {
          gtk_list_box_append (self->archived_list, ascend_habits_view_habit_row (self, s));
          n_archived++;
        }
      else
        {
          gtk_list_box_append (self->habit_list, ascend_habits_view_habit_row (self, s));
          n_active++;
        }
    }
  self->building = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->quest_list), n_quests > 0);
  if (n_quests == 0)
    gtk_label_set_text (self->quests_done_label, _("No quest due today. Rest well, or add a habit."));
  else if (n_done == n_quests)
    gtk_label_set_text (self->quests_done_label, _("Every quest done today! You're amazing! 🎉"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("%u of %u done today"), n_done, n_quests);
      gtk_label_set_text (self->quests_done_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->habits_group), n_active > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_group), n_archived > 0);

  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->detail))
    {
      if (!ascend_habit_detail_refresh (self->detail))
        gtk_stack_set_visible_child_name (self->stack, statuses->len > 0 ? "list" : "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, statuses->len > 0 ? "list" : "empty");

  if ((had_focus || self->focus_habit != 0) && gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->detail))
    {
      if (self->focus_habit != 0)
        target = find_row (self->quest_list, self->focus_habit);
      if (target == NULL && self->focus_habit != 0)
        target = find_row (self->habit_list, self->focus_habit);
      if (target == NULL && self->focus_habit != 0)
        target = find_row (self->archived_list, self->focus_habit);
      if (target == NULL)
        target = statuses->len > 0 ? self->add_button : self->empty_add_button;
      if (had_focus || gtk_widget_get_mapped (target))
        gtk_widget_grab_focus (target);
    }
  self->focus_habit = 0;

  schedule_rollover (self, &clock);
  ascend_habit_clock_clear (&clock);
}

/* ------------------------------------------------------------------- class */

static void
ascend_habits_view_dispose (GObject *object)
{
  AscendHabitsView *self = ASCEND_HABITS_VIEW (object);

  g_clear_handle_id (&self->rollover_id, g_source_remove);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  G_OBJECT_CLASS (ascend_habits_view_parent_class)->dispose (object);
}

static void
ascend_habits_view_class_init (AscendHabitsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ascend_habits_view_dispose;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_habits_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_PROFILE_CARD);
  g_type_ensure (ASCEND_TYPE_HABIT_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-habits-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, stack);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, profile_card);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, empty_profile_card);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, quest_list);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, quests_done_label);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, habits_group);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, habit_list);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, archived_group);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, archived_list);
  gtk_widget_class_bind_template_child (widget_class, AscendHabitsView, detail);

  gtk_widget_class_install_action (widget_class, "habits.new", NULL, habits_action);
  gtk_widget_class_install_action (widget_class, "habits.back", NULL, habits_action);
  gtk_widget_class_install_action (widget_class, "habits.edit", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.open", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.check", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.uncheck", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.archive", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.unarchive", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.delete", "x", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.log-day", "(xis)", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.unlog-day", "(xi)", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.skip-day", "(xi)", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.unskip-day", "(xi)", habits_action);
  gtk_widget_class_install_action (widget_class, "habits.set-note", "(xs)", habits_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "habits.new", NULL);
}

static void
ascend_habits_view_init (AscendHabitsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 reads a mnemonic button as "_New Habit New Habit". */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->empty_add_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
day_start_changed_cb (AscendHabitsView *self)
{
  /* Today's quests may change: every view re-reads. */
  changed_later (self, 0);
}

AscendHabitsView *
ascend_habits_view_new (AscendApplication *app)
{
  AscendHabitsView *self = g_object_new (ASCEND_TYPE_HABITS_VIEW, NULL);
  GSettings *settings = ascend_application_get_settings (app);

  self->app = app;
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::day-start-hour", G_CALLBACK (day_start_changed_cb), self,
                             G_CONNECT_SWAPPED);
  return self;
}
