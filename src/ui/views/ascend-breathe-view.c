/* ascend-breathe-view.c: the Breathe section: pick, prepare, breathe, reflect */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ascend-breathe-view.h"
#include "ascend-breathe-history.h"
#include "ascend-breathe-rows.h"
#include "ascend-breathe-session.h"
#include "ascend-breathing-orb.h"
#include "ascend-mascot.h"
#include "ascend-monitor.h"
#include "ascend-window.h"

#define HISTORY_MAX       20
#define TIMER_MS          200      /* words, checkpoints, completion */
#define CHECKPOINT_US     (5 * G_USEC_PER_SEC)
#define VITALS_START_MS   30000    /* a late first reading still counts as the start */

struct _AscendBreatheView
{
  AdwBin             parent_instance;

  AscendApplication *app;
  AscendMonitor     *monitor;   /* owned by the application */
  gulong             live_id;
  gulong             shutdown_id;

  /* picker */
  GtkStack          *page_stack;
  AscendMascot      *mascot;
  GtkFlowBox        *exercises_box;
  GtkLabel          *effects_hint;
  GtkListBox        *effects_list;
  GtkWidget         *history_empty;
  GtkListBox        *history_list;
  /* prepare */
  GtkWidget         *back_button;
  GtkLabel          *prepare_title;
  GtkLabel          *prepare_summary;
  GtkLabel          *prepare_meta;
  GtkWidget         *trigger_hint;
  GtkWidget         *pace_box;
  GtkBox            *pace_buttons;
  GtkFlowBox        *mood_before_box;
  GtkLabel          *mood_before_label;
  GtkWidget         *start_button;
  /* session */
  GtkLabel          *session_title;
  GtkLabel          *step_label;
  AscendBreathingOrb *orb;
  GtkLabel          *words_label;
  GtkLabel          *detail_label;
  GtkWidget         *vitals_box;
  GtkLabel          *live_hr_label;
  GtkLabel          *live_hrv_label;
  GtkWidget         *pause_button;
  AdwButtonContent  *pause_content;
  GtkWidget         *next_button;
  /* summary */
  AscendMascot      *summary_mascot;
  GtkLabel          *summary_title;
  GtkLabel          *summary_text;
  GtkListBox        *summary_vitals;
  GtkFlowBox        *mood_after_box;
  GtkLabel          *mood_after_label;
  GtkWidget         *save_button;

  /* the session on its way */
  const AscendExerciseScript *script;
  AscendBreatheSession *session;
  gint64             row_id;        /* its exerciseSessions row, 0 before it starts */
  gboolean           adopted;       /* the row came from app.breathe-now */
  gboolean           demo;          /* ASCEND_BREATHE_DEMO: nothing is written */
  gint64             mood_before;
  gint64             mood_after;
  double             speed;
  gint64             origin_us;
  guint              tick_id;
  guint              timer_id;
  gint64             checkpoint_us;
  char              *shown_words;
  guint              shown_step;
  int                shown_state;

  /* live heart: at the start, now */
  double             hr_start;
  double             hrv_start;
  double             hr_now;
  double             hrv_now;
};

enum { REFRESH, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Rows of this process's views: a row app.breathe-now made is offered by
 * one view only, even with two windows open. */
static GHashTable *claimed_rows;

G_DEFINE_FINAL_TYPE (AscendBreatheView, ascend_breathe_view, ADW_TYPE_BIN)

static void update  (AscendBreatheView          *self);
static void prepare (AscendBreatheView          *self,
                     const AscendExerciseScript *script,
                     gint64                      adopted_row);

/* ------------------------------------------------------------ helpers */

static void
toast (AscendBreatheView *self,
       const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ASCEND_IS_WINDOW (root))
    ascend_window_toast (ASCEND_WINDOW (root), message);
}

static AscendDatabase *
database (AscendBreatheView *self)
{
  return self->app != NULL ? ascend_application_get_database (self->app) : NULL;
}

static gint64
wall_ms (void)
{
  return g_get_real_time () / 1000;
}

/* The session clock: monotonic, scaled by ASCEND_BREATHE_SPEED. */
static gint64
now_ms (AscendBreatheView *self)
{
  return (gint64) ((g_get_monotonic_time () - self->origin_us) * self->speed / 1000.0);
}

static gboolean
sensor_connected (AscendBreatheView *self)
{
  AscendSensor *sensor = self->monitor ? ascend_monitor_get_sensor (self->monitor) : NULL;
  return sensor != NULL && ascend_sensor_get_state (sensor) == ASCEND_SENSOR_CONNECTED;
}

static void
claim (gint64 id)
{
  if (claimed_rows == NULL)
    claimed_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (claimed_rows, g_memdup2 (&id, sizeof id));
}

static guint
about_minutes (const AscendExerciseScript *script)
{
  return (guint) MAX (1, (ascend_exercise_script_total_ms (script) + 30000) / 60000);
}

static char *
script_meta (const AscendExerciseScript *script)
{
  guint minutes = about_minutes (script);
  g_autofree char *length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);

  if (script->pace == NULL)
    return g_steal_pointer (&length);
  return g_strdup_printf ("%s · %s", _(script->pace), length);
}

/* What a card says when the type has several paces: "Two paces · 1–2 minutes". */
static char *
type_meta (const AscendExerciseScript *first)
{
  guint n = 0, paces = 0, shortest = G_MAXUINT, longest = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (scripts[i].exercise_type, first->exercise_type))
      {
        paces++;
        shortest = MIN (shortest, about_minutes (&scripts[i]));
        longest = MAX (longest, about_minutes (&scripts[i]));
      }
  if (paces < 2)
    return script_meta (first);
  if (shortest == longest)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u paces · %u minute", "%u paces · %u minutes", longest),
                            paces, longest);
  /* TRANSLATORS: an exercise with several paces and their lengths: "2 paces · 1–2 minutes" */
  return g_strdup_printf (_("%u paces · %u–%u minutes"), paces, shortest, longest);
}

/* --------------------------------------------------------- mood scales */

static gint64
mood_of (GtkWidget *button)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mood"));
}

static void
mood_toggled_cb (GtkToggleButton *button,
                 AscendBreatheView *self)
{
  gboolean before = gtk_widget_is_ancestor (GTK_WIDGET (button), GTK_WIDGET (self->mood_before_box));
  gint64 mood = mood_of (GTK_WIDGET (button));
  g_autofree char *text = NULL;

  if (!gtk_toggle_button_get_active (button))
    return;
  text = g_strdup_printf ("%" G_GINT64_FORMAT " · %s", mood, ascend_breathe_mood_word (mood));
  if (before)
    {
      self->mood_before = mood;
      gtk_label_set_text (self->mood_before_label, text);
      gtk_widget_set_sensitive (self->start_button, TRUE);
    }
  else
    {
      self->mood_after = mood;
      gtk_label_set_text (self->mood_after_label, text);
      gtk_widget_set_sensitive (self->save_button, TRUE);
    }
}

static void
build_mood_scale (AscendBreatheView *self,
                  GtkFlowBox        *box)
{
  GtkToggleButton *first = NULL;

  for (int mood = 1; mood <= 10; mood++)
    {
      g_autofree char *number = g_strdup_printf ("%d", mood);
      /* TRANSLATORS: the accessible name of a mood button, e.g. "Mood 7 of 10: Good" */
      g_autofree char *name = g_strdup_printf (_("Mood %d of 10: %s"), mood, ascend_breathe_mood_word (mood));
      GtkWidget *button = gtk_toggle_button_new_with_label (number);

      g_object_set_data (G_OBJECT (button), "mood", GINT_TO_POINTER (mood));
      gtk_widget_add_css_class (button, "ascend-mood-button");
      gtk_widget_set_tooltip_text (button, ascend_breathe_mood_word (mood));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      g_signal_connect (button, "toggled", G_CALLBACK (mood_toggled_cb), self);
      gtk_flow_box_append (box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

static void
reset_mood_scale (GtkFlowBox *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
    }
}

/* ------------------------------------------------------------- picker */

void
ascend_breathe_view_refresh (AscendBreatheView *self)
{
  AscendDatabase *db = database (self);
  gint64 user = self->app ? ascend_application_get_user_id (self->app) : 0;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GArray) effects = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gboolean any_shown = FALSE;

  if (db == NULL || user <= 0)
    return;

  recent = ascend_breathe_history_recent (db, user, HISTORY_MAX, &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (recent != NULL)
    for (guint i = 0; i < recent->len; i++)
      gtk_list_box_append (self->history_list, ascend_breathe_history_row_new (recent->pdata[i], wall_ms ()));
  gtk_widget_set_visible (self->history_empty, recent == NULL || recent->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), recent != NULL && recent->len > 0);

  effects = ascend_breathe_history_effects (db, user, error ? NULL : &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->effects_list))) != NULL)
    gtk_list_box_remove (self->effects_list, child);
  for (guint i = 0; effects != NULL && i < effects->len; i++)
    {
      const AscendBreatheEffect *e = &g_array_index (effects, AscendBreatheEffect, i);
      any_shown |= !isnan (e->mood_change) || !isnan (e->hrv_change);
      gtk_list_box_append (self->effects_list, ascend_breathe_effect_row_new (e, ASCEND_BREATHE_EFFECT_MIN_SESSIONS));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->effects_list), effects != NULL && effects->len > 0);
  if (!any_shown)
    {
      g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Finish an exercise %u time, rating your mood before and after, to see how much it helps you.",
                                                            "Finish an exercise %u times, rating your mood before and after, to see how much it helps you.",
                                                            ASCEND_BREATHE_EFFECT_MIN_SESSIONS),
                                               ASCEND_BREATHE_EFFECT_MIN_SESSIONS);
      gtk_label_set_text (self->effects_hint, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->effects_hint), !any_shown);
  if (error != NULL)
    toast (self, error->message);

  /* A session app.breathe-now started (a stress alert's "Breathe Now"). */
  if (self->script == NULL && !self->demo)
    {
      g_autoptr(AscendExerciseSession) pending = ascend_breathe_history_pending (db, user, wall_ms (), claimed_rows, NULL);
      const AscendExerciseScript *script = pending ? ascend_exercise_script_for_type (pending->exercise_type) : NULL;

      if (script != NULL)
        {
          claim (pending->id);
          prepare (self, script, pending->id);
        }
    }
}

static void
card_clicked_cb (GtkButton         *button,
                 AscendBreatheView *self)
{
  const AscendExerciseScript *script = g_object_get_data (G_OBJECT (button), "script");
  prepare (self, script, 0);
}

static void
build_cards (AscendBreatheView *self)
{
  guint n = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);

  for (guint i = 0; i < n; i++)
    {
      const AscendExerciseScript *s = &scripts[i];
      GtkWidget *button, *box, *top, *icon, *title, *summary, *meta;
      g_autofree char *meta_text = NULL;
      g_autofree char *accessible = NULL;
      g_autofree char *css = NULL;

      /* One card per exercise type: deep breathing's paces are chosen next. */
      if (ascend_exercise_script_for_type (s->exercise_type) != s)
        continue;
      meta_text = type_meta (s);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      /* Decoration: the card's name says it all. */
      icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", s->icon_name,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      title = gtk_label_new (_(s->title));
      summary = gtk_label_new (_(s->summary));
      meta = gtk_label_new (meta_text);

      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_box_append (GTK_BOX (top), icon);
      gtk_box_append (GTK_BOX (top), title);
      gtk_label_set_xalign (GTK_LABEL (summary), 0);
      gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (summary), 30);
      gtk_label_set_width_chars (GTK_LABEL (summary), 20);
      gtk_widget_set_vexpand (summary, TRUE);
      gtk_label_set_yalign (GTK_LABEL (summary), 0);
      gtk_label_set_xalign (GTK_LABEL (meta), 0);
      gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
      gtk_widget_add_css_class (meta, "dim-label");
      gtk_widget_add_css_class (meta, "caption");
      gtk_box_append (GTK_BOX (box), top);
      gtk_box_append (GTK_BOX (box), summary);
      gtk_box_append (GTK_BOX (box), meta);

      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "card");
      gtk_widget_add_css_class (button, "ascend-card");
      css = g_strdup_printf ("ascend-card-%s", s->exercise_type);
      gtk_widget_add_css_class (button, css);
      gtk_widget_set_name (button, s->exercise_type);
      g_object_set_data (G_OBJECT (button), "script", (gpointer) s);
      accessible = g_strdup_printf ("%s. %s %s", _(s->title), _(s->summary), meta_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (card_clicked_cb), self);
      gtk_flow_box_append (self->exercises_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

/* ------------------------------------------------------------ prepare */

static void
show_script (AscendBreatheView          *self,
             const AscendExerciseScript *script)
{
  g_autofree char *meta = script_meta (script);

  self->script = script;
  gtk_label_set_text (self->prepare_title, _(script->title));
  gtk_label_set_text (self->prepare_summary, _(script->summary));
  gtk_label_set_text (self->prepare_meta, meta);
}

static void
pace_toggled_cb (GtkToggleButton   *button,
                 AscendBreatheView *self)
{
  if (gtk_toggle_button_get_active (button))
    show_script (self, g_object_get_data (G_OBJECT (button), "script"));
}

static void
build_pace_buttons (AscendBreatheView          *self,
                    const AscendExerciseScript *chosen)
{
  guint n = 0, count = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);
  GtkToggleButton *first = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pace_buttons))) != NULL)
    gtk_box_remove (self->pace_buttons, child);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button;

      if (!g_str_equal (scripts[i].exercise_type, chosen->exercise_type) || scripts[i].pace == NULL)
        continue;
      button = gtk_toggle_button_new_with_label (_(scripts[i].pace));
      g_object_set_data (G_OBJECT (button), "script", (gpointer) &scripts[i]);
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), &scripts[i] == chosen);
      g_signal_connect (button, "toggled", G_CALLBACK (pace_toggled_cb), self);
      gtk_box_append (self->pace_buttons, button);
      count++;
    }
  gtk_widget_set_visible (self->pace_box, count > 1);
}

/* Before a session: the pace (deep breathing) and the mood. adopted_row is
 * the row app.breathe-now made, or 0. */
static void
prepare (AscendBreatheView          *self,
                             const AscendExerciseScript *script,
                             gint64                      adopted_row)
{
  show_script (self, script);
  self->row_id = adopted_row;
  self->adopted = adopted_row > 0;
  self->mood_before = ASCEND_NO_INT;
  reset_mood_scale (self->mood_before_box);
  gtk_label_set_text (self->mood_before_label, _("1 is awful, 10 is wonderful."));
  gtk_widget_set_sensitive (self->start_button, FALSE);
  gtk_widget_set_visible (self->trigger_hint, self->adopted);
  build_pace_buttons (self, script);
  gtk_stack_set_visible_child_name (self->page_stack, "prepare");
}

/* Leaves the flow; an offered row nobody started is recorded as declined. */
static void
back_clicked_cb (AscendBreatheView *self)
{
  AscendDatabase *db = database (self);

  if (self->adopted && self->row_id > 0 && self->session == NULL && db != NULL)
    ascend_breathe_history_end (db, self->row_id, "abandoned", 0, 0, wall_ms (), NULL);
  self->row_id = 0;
  self->adopted = FALSE;
  self->script = NULL;
  gtk_stack_set_visible_child_name (self->page_stack, "picker");
  ascend_breathe_view_refresh (self);
}

/* ------------------------------------------------------------ session */

static void
stop_timers (AscendBreatheView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->orb), self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  AscendBreatheView *self = data;

  update (self);
  if (self->session == NULL || ascend_breathe_session_get_state (self->session) != ASCEND_BREATHE_RUNNING ||
      ascend_breathing_orb_get_reduced_motion (self->orb))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
timer_cb (gpointer data)
{
  AscendBreatheView *self = data;

  update (self);
  /* Animations may have come back on: the orb moves again. */
  if (self->tick_id == 0 && self->session != NULL &&
      ascend_breathe_session_get_state (self->session) == ASCEND_BREATHE_RUNNING &&
      !ascend_breathing_orb_get_reduced_motion (self->orb))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->orb), tick_cb, self, NULL);
  return G_SOURCE_CONTINUE;
}

static void
start_timers (AscendBreatheView *self)
{
  if (self->timer_id == 0)
    self->timer_id = g_timeout_add (TIMER_MS, timer_cb, self);
  if (self->tick_id == 0 && !ascend_breathing_orb_get_reduced_motion (self->orb))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->orb), tick_cb, self, NULL);
}

static void
show_vitals (AscendBreatheView *self)
{
  gboolean connected = sensor_connected (self);

  gtk_widget_set_visible (self->vitals_box, connected && self->session != NULL);
  if (!connected)
    return;
  {
    g_autofree char *hr = NULL;
    g_autofree char *hrv = NULL;

    if (!isnan (self->hr_now) && !isnan (self->hr_start))
      {
        g_autofree char *change = ascend_breathe_format_signed (self->hr_now - self->hr_start, 0);
        /* TRANSLATORS: live heart rate and its change since the start */
        hr = g_strdup_printf (_("♥ %.0f bpm (%s)"), self->hr_now, change);
      }
    else if (!isnan (self->hr_now))
      hr = g_strdup_printf (_("♥ %.0f bpm"), self->hr_now);
    else
      hr = g_strdup (_("♥ – bpm"));
    if (!isnan (self->hrv_now) && !isnan (self->hrv_start))
      {
        g_autofree char *change = ascend_breathe_format_signed (self->hrv_now - self->hrv_start, 0);
        /* TRANSLATORS: live HRV (RMSSD) and its change since the start */
        hrv = g_strdup_printf (_("HRV %.0f ms (%s)"), self->hrv_now, change);
      }
    else if (!isnan (self->hrv_now))
      hrv = g_strdup_printf (_("HRV %.0f ms"), self->hrv_now);
    else
      hrv = g_strdup (_("HRV – ms"));
    gtk_label_set_text (self->live_hr_label, hr);
    gtk_label_set_text (self->live_hrv_label, hrv);
  }
}

static void
live_cb (AscendMonitor         *monitor,
         const AscendLiveState *live,
         AscendBreatheView     *self)
{
  gboolean early;

  if (self->session == NULL || ascend_breathe_session_get_state (self->session) > ASCEND_BREATHE_PAUSED)
    return;
  self->hr_now = live->heart_rate > 0 ? live->heart_rate : NAN;
  self->hrv_now = live->rmssd_60s;
  early = ascend_breathe_session_duration_seconds (self->session) * 1000 < VITALS_START_MS;
  /* What was measured when the session began, or soon after. */
  if (isnan (self->hr_start) && early)
    self->hr_start = self->hr_now;
  if (isnan (self->hrv_start) && early)
    self->hrv_start = self->hrv_now;
  show_vitals (self);
}

static void
take_vitals_now (AscendBreatheView *self,
                 double            *hr,
                 double            *hrv)
{
  const AscendLiveState *live = self->monitor ? ascend_monitor_get_live (self->monitor) : NULL;

  *hr = *hrv = NAN;
  if (live == NULL || !sensor_connected (self))
    return;
  if (live->heart_rate > 0)
    *hr = live->heart_rate;
  *hrv = live->rmssd_60s;
}

static void
checkpoint (AscendBreatheView *self)
{
  AscendDatabase *db = database (self);

  self->checkpoint_us = g_get_monotonic_time ();
  if (self->demo || self->row_id <= 0 || db == NULL)
    return;
  ascend_breathe_history_checkpoint (db, self->row_id, ascend_breathe_session_duration_seconds (self->session),
                                     ascend_breathe_session_completion_percentage (self->session), NULL);
}

static void finish (AscendBreatheView *self);

static void
update (AscendBreatheView *self)
{
  AscendBreatheFrame frame;
  AscendBreatheState state;
  g_autofree char *words = NULL;

  if (self->session == NULL)
    return;
  state = ascend_breathe_session_update (self->session, now_ms (self), &frame);
  if (state == ASCEND_BREATHE_COMPLETED)
    {
      finish (self);
      return;
    }
  if (frame.phase == NULL)
    return;
  ascend_breathing_orb_set_frame (self->orb, frame.phase->kind, frame.level, frame.phase_fraction,
                                  frame.progress, g_get_monotonic_time ());

  words = ascend_breathe_frame_words (&frame, self->script);
  if (g_strcmp0 (words, self->shown_words) != 0)
    {
      g_autofree char *description = g_strdup_printf (_("%s. %.0f%% done."), words, floor (frame.progress * 100));
      gtk_label_set_text (self->words_label, words);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->orb), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      g_free (self->shown_words);
      self->shown_words = g_steal_pointer (&words);
    }
  if (frame.step != self->shown_step || (int) state != self->shown_state)
    {
      g_autofree char *step = NULL;

      gtk_label_set_text (self->detail_label, frame.phase->detail ? _(frame.phase->detail) : "");
      if (self->script->rounds > 1)
        /* TRANSLATORS: progress through a breathing exercise */
        step = g_strdup_printf (_("Round %u of %u"), frame.round + 1, self->script->rounds);
      else
        step = g_strdup_printf (_("Step %u of %u"), frame.step + 1, frame.n_steps);
      if (state == ASCEND_BREATHE_PAUSED)
        {
          g_autofree char *paused = g_strdup_printf (_("%s · Paused"), step);
          gtk_label_set_text (self->step_label, paused);
        }
      else
        gtk_label_set_text (self->step_label, step);
      self->shown_step = frame.step;
      self->shown_state = state;
    }
  if (g_get_monotonic_time () - self->checkpoint_us >= CHECKPOINT_US)
    checkpoint (self);
}

static void
set_pause_button (AscendBreatheView *self,
                  gboolean           paused)
{
  adw_button_content_set_icon_name (self->pause_content, paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
  /* The content's label names the button for screen readers too. */
  adw_button_content_set_label (self->pause_content, paused ? _("Resume") : _("Pause"));
}

static void
begin_session (AscendBreatheView *self,
               gint64             mood)
{
  AscendDatabase *db = database (self);
  gint64 user = ascend_application_get_user_id (self->app);
  g_autoptr(GError) error = NULL;
  gint64 now = wall_ms ();

  if (!self->demo)
    {
      gboolean ok;

      if (db == NULL || user <= 0)
        return;
      if (self->row_id > 0)
        ok = ascend_breathe_history_restart (db, self->row_id, self->script->exercise_type, mood, now, &error);
      else
        {
          self->row_id = ascend_breathe_history_begin (db, user, self->script->exercise_type, "manual", mood, now, &error);
          ok = self->row_id > 0;
          if (ok)
            claim (self->row_id);
        }
      if (!ok)
        {
          toast (self, error->message);
          return;
        }
    }
  self->mood_before = mood;
  self->session = ascend_breathe_session_new (self->script);
  self->origin_us = g_get_monotonic_time ();
  ascend_breathe_session_start (self->session, now_ms (self));
  self->checkpoint_us = g_get_monotonic_time ();
  take_vitals_now (self, &self->hr_start, &self->hrv_start);
  self->hr_now = self->hr_start;
  self->hrv_now = self->hrv_start;
  g_clear_pointer (&self->shown_words, g_free);
  self->shown_step = G_MAXUINT;
  self->shown_state = -1;

  gtk_label_set_text (self->session_title, _(self->script->title));
  gtk_widget_set_visible (self->next_button, self->script->steps);
  set_pause_button (self, FALSE);
  show_vitals (self);
  update (self);
  gtk_stack_set_visible_child_name (self->page_stack, "session");
  start_timers (self);
  if (!self->demo)
    ascend_application_data_changed (self->app);
  /* After the refresh, which rebuilds other views: keyboard users land on
   * Pause (Space pauses). */
  gtk_widget_grab_focus (self->pause_button);
}

static void
start_cb (AscendBreatheView *self)
{
  begin_session (self, self->mood_before);
}

static void
skip_before_cb (AscendBreatheView *self)
{
  begin_session (self, ASCEND_NO_INT);
}

static void
pause_cb (AscendBreatheView *self)
{
  if (self->session == NULL)
    return;
  if (ascend_breathe_session_pause (self->session, now_ms (self)))
    {
      set_pause_button (self, TRUE);
      checkpoint (self);
    }
  else if (ascend_breathe_session_resume (self->session, now_ms (self)))
    {
      set_pause_button (self, FALSE);
      start_timers (self);
    }
  update (self);
}

static void
next_cb (AscendBreatheView *self)
{
  if (self->session != NULL && ascend_breathe_session_next (self->session, now_ms (self)))
    update (self);
}

static void
add_vital_row (AscendBreatheView *self,
               const char        *title,
               double             start,
               double             end,
               const char        *unit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *change = ascend_breathe_format_signed (end - start, 0);
  g_autofree char *subtitle = g_strdup_printf ("%.0f → %.0f %s (%s)", start, end, unit, change);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->summary_vitals, row);
}

/* The session ended (completed, or stopped with Stop): record it and ask
 * for the mood. */
static void
finish (AscendBreatheView *self)
{
  AscendDatabase *db = database (self);
  AscendBreatheState state = ascend_breathe_session_get_state (self->session);
  gboolean completed = state == ASCEND_BREATHE_COMPLETED;
  guint percent = ascend_breathe_session_completion_percentage (self->session);
  guint seconds = ascend_breathe_session_duration_seconds (self->session);
  g_autofree char *duration = ascend_breathe_format_duration (seconds);
  g_autofree char *text = NULL;
  double hr_end, hrv_end;
  GtkWidget *child;
  gboolean any_vitals = FALSE;

  stop_timers (self);
  if (!self->demo && self->row_id > 0 && db != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!ascend_breathe_history_end (db, self->row_id, completed ? "completed" : "abandoned", seconds, percent,
                                       wall_ms (), &error))
        toast (self, error->message);
    }

  take_vitals_now (self, &hr_end, &hrv_end);
  if (isnan (hr_end))
    hr_end = self->hr_now;
  if (isnan (hrv_end))
    hrv_end = self->hrv_now;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_vitals))) != NULL)
    gtk_list_box_remove (self->summary_vitals, child);
  if (!isnan (self->hr_start) && !isnan (hr_end))
    {
      add_vital_row (self, _("Heart rate"), self->hr_start, hr_end, _("bpm"));
      any_vitals = TRUE;
    }
  if (!isnan (self->hrv_start) && !isnan (hrv_end))
    {
      add_vital_row (self, _("Heart-rate variability (RMSSD)"), self->hrv_start, hrv_end, _("ms"));
      any_vitals = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_vitals), any_vitals);

  gtk_label_set_text (self->summary_title, completed ? _("Well Done") : _("Stopped Early"));
  /* TRANSLATORS: exercise · time spent · share done, e.g. "Box Breathing · 1 min 36 s · 100% done" */
  text = g_strdup_printf (_("%s · %s · %u%% done"), _(self->script->title), duration, percent);
  gtk_label_set_text (self->summary_text, text);
  ascend_mascot_set (self->summary_mascot, completed ? ASCEND_MASCOT_CHEERFUL : ASCEND_MASCOT_CALM,
                     completed ? _("You did it! Notice how your body feels now.")
                               : _("Every breath counts. Come back whenever you like."));
  self->mood_after = ASCEND_NO_INT;
  reset_mood_scale (self->mood_after_box);
  gtk_label_set_text (self->mood_after_label, _("1 is awful, 10 is wonderful."));
  gtk_widget_set_sensitive (self->save_button, FALSE);
  gtk_stack_set_visible_child_name (self->page_stack, "summary");
  g_clear_pointer (&self->session, ascend_breathe_session_free);
  gtk_widget_set_visible (self->vitals_box, FALSE);
  if (!self->demo)
    ascend_application_data_changed (self->app);
}

static void
stop_cb (AscendBreatheView *self)
{
  if (self->session == NULL)
    return;
  ascend_breathe_session_abandon (self->session, now_ms (self));
  finish (self);
}

static void
done (AscendBreatheView *self)
{
  self->row_id = 0;
  self->adopted = FALSE;
  self->script = NULL;
  gtk_stack_set_visible_child_name (self->page_stack, "picker");
  if (self->demo)
    return;
  ascend_application_data_changed (self->app);
}

static void
save_cb (AscendBreatheView *self)
{
  AscendDatabase *db = database (self);
  g_autoptr(GError) error = NULL;

  if (!self->demo && self->row_id > 0 && db != NULL && self->mood_after != ASCEND_NO_INT &&
      !ascend_breathe_history_set_mood_after (db, self->row_id, self->mood_after, &error))
    {
      toast (self, error->message);
      return;
    }
  done (self);
  toast (self, _("Session saved"));
}

static void
skip_after_cb (AscendBreatheView *self)
{
  done (self);
}

/* The window closes or the app quits mid-session: abandoned, with the
 * share really done. */
static void
abandon_current (AscendBreatheView *self)
{
  AscendDatabase *db = database (self);

  stop_timers (self);
  if (self->demo || db == NULL || self->row_id <= 0)
    return;
  if (self->session != NULL)
    {
      if (ascend_breathe_session_abandon (self->session, now_ms (self)) ||
          ascend_breathe_session_get_state (self->session) == ASCEND_BREATHE_COMPLETED)
        ascend_breathe_history_end (db, self->row_id,
                                    ascend_breathe_session_get_state (self->session) == ASCEND_BREATHE_COMPLETED
                                      ? "completed" : "abandoned",
                                    ascend_breathe_session_duration_seconds (self->session),
                                    ascend_breathe_session_completion_percentage (self->session), wall_ms (), NULL);
      g_clear_pointer (&self->session, ascend_breathe_session_free);
    }
  else if (self->adopted && gtk_stack_get_visible_child_name (self->page_stack) != NULL &&
           g_str_equal (gtk_stack_get_visible_child_name (self->page_stack), "prepare"))
    ascend_breathe_history_end (db, self->row_id, "abandoned", 0, 0, wall_ms (), NULL);
  self->row_id = 0;
}

/* ------------------------------------------------------------ the type */

static void
ascend_breathe_view_dispose (GObject *object)
{
  AscendBreatheView *self = ASCEND_BREATHE_VIEW (object);

  abandon_current (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->live_id, self->monitor);
  self->monitor = NULL;
  if (self->app != NULL)
    g_clear_signal_handler (&self->shutdown_id, self->app);
  self->app = NULL;
  g_clear_pointer (&self->shown_words, g_free);
  G_OBJECT_CLASS (ascend_breathe_view_parent_class)->dispose (object);
}

static void
ascend_breathe_view_class_init (AscendBreatheViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ascend_breathe_view_dispose;

  signals[REFRESH] = g_signal_new_class_handler ("refresh", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                 G_CALLBACK (ascend_breathe_view_refresh),
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ASCEND_TYPE_BREATHING_ORB);
  g_type_ensure (ASCEND_TYPE_MASCOT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/animeascend/AnimeAscend/ui/ascend-breathe-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mascot);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, exercises_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, effects_hint);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, effects_list);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, history_empty);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, history_list);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, back_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, prepare_title);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, prepare_summary);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, prepare_meta);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, trigger_hint);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pace_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pace_buttons);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_before_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_before_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, start_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, session_title);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, step_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, orb);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, words_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, vitals_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, live_hr_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, live_hrv_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, pause_content);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, next_button);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_mascot);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_title);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_text);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, summary_vitals);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_after_box);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, mood_after_label);
  gtk_widget_class_bind_template_child (widget_class, AscendBreatheView, save_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_before_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_after_cb);
}

static void
ascend_breathe_view_init (AscendBreatheView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->speed = ascend_breathe_speed_parse (g_getenv ("ASCEND_BREATHE_SPEED"));
  self->mood_before = self->mood_after = ASCEND_NO_INT;
  self->hr_start = self->hrv_start = self->hr_now = self->hrv_now = NAN;
  ascend_mascot_set (self->mascot, ASCEND_MASCOT_CALM,
                     _("Let’s slow down together. Pick an exercise; you can pause or stop at any time."));
  build_cards (self);
  build_mood_scale (self, self->mood_before_box);
  build_mood_scale (self, self->mood_after_box);
}

/* ASCEND_BREATHE_DEMO=SCRIPT[:SECONDS[:PAGE]]: that exercise, SECONDS in;
 * PAGE "prepare" shows the page before it, "summary" the page after it
 * (stopped there). Nothing is written. */
static void
start_demo (AscendBreatheView *self,
            const char        *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);
  const AscendExerciseScript *script = ascend_exercise_script_lookup (parts[0]);
  double offset = parts[1] ? g_ascii_strtod (parts[1], NULL) : 0;
  const char *page = parts[1] ? parts[2] : NULL;

  if (script == NULL)
    return;
  self->demo = TRUE;
  if (g_strcmp0 (page, "prepare") == 0)
    {
      prepare (self, script, 0);
      return;
    }
  show_script (self, script);
  begin_session (self, ASCEND_NO_INT);
  self->origin_us -= (gint64) (MAX (offset, 0) * G_USEC_PER_SEC / self->speed);
  update (self);
  if (g_strcmp0 (page, "summary") == 0 && self->session != NULL)
    stop_cb (self);
}

AscendBreatheView *
ascend_breathe_view_new (AscendApplication *app)
{
  AscendBreatheView *self = g_object_new (ASCEND_TYPE_BREATHE_VIEW, NULL);

  self->app = app;
  self->shutdown_id = g_signal_connect_swapped (app, "shutdown", G_CALLBACK (abandon_current), self);
  self->monitor = ascend_application_get_monitor (app);
  if (self->monitor != NULL)
    self->live_id = g_signal_connect (self->monitor, "live", G_CALLBACK (live_cb), self);
  if (g_getenv ("ASCEND_BREATHE_DEMO") != NULL)
    start_demo (self, g_getenv ("ASCEND_BREATHE_DEMO"));
  else
    ascend_breathe_view_refresh (self);
  return self;
}
