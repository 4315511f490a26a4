/* ascend-breathe-view-session.c: the Breathe view during and after a
 * session: the clock, the orb and its words, the live heart, checkpoints,
 * the end (completed or stopped) and the mood after */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ascend-breathe-view-private.h"
#include "ascend-breathe-history.h"
#include "ascend-breathe-rows.h"

#define TIMER_MS          200      /* words, checkpoints, completion */
#define CHECKPOINT_US     (5 * G_USEC_PER_SEC)
#define VITALS_START_MS   30000    /* a late first reading still counts as the start */

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

  _ascend_breathe_view_update (self);
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

  _ascend_breathe_view_update (self);
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

void
_ascend_breathe_view_live_cb (AscendMonitor         *monitor,
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
  AscendDatabase *db = _ascend_breathe_view_database (self);

  self->checkpoint_us = g_get_monotonic_time ();
  if (self->demo || self->row_id <= 0 || db == NULL)
    return;
  ascend_breathe_history_checkpoint (db, self->row_id, ascend_breathe_session_duration_seconds (self->session),
                                     ascend_breathe_session_completion_percentage (self->session), NULL);
}

static void finish (AscendBreatheView *self);

void
_ascend_breathe_view_update (AscendBreatheView *self)
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

void
_ascend_breathe_view_begin_session (AscendBreatheView *self,
                                    gint64             mood)
{
  AscendDatabase *db = _ascend_breathe_view_database (self);
  gint64 user = ascend_application_get_user_id (self->app);
  g_autoptr(GError) error = NULL;
  gint64 now = _ascend_breathe_wall_ms ();

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
            _ascend_breathe_view_claim (self->row_id);
        }
      if (!ok)
        {
          _ascend_breathe_view_toast (self, error->message);
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
  _ascend_breathe_view_update (self);
  gtk_stack_set_visible_child_name (self->page_stack, "session");
  start_timers (self);
  if (!self->demo)
    ascend_application_data_changed (self->app);
  /* After the refresh, which rebuilds other views: keyboard users land on
   * Pause (Space pauses). */
  gtk_widget_grab_focus (self->pause_button);
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
  _ascend_breathe_view_update (self);
}

static void
next_cb (AscendBreatheView *self)
{
  if (self->session != NULL && ascend_breathe_session_next (self->session, now_ms (self)))
    _ascend_breathe_view_update (self);
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
  AscendDatabase *db = _ascend_breathe_view_database (self);
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
                                       _ascend_breathe_wall_ms (), &error))
        _ascend_breathe_view_toast (self, error->message);
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
  _ascend_breathe_view_reset_mood_scale (self->mood_after_box);
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
  AscendDatabase *db = _ascend_breathe_view_database (self);
  g_autoptr(GError) error = NULL;

  if (!self->demo && self->row_id > 0 && db != NULL && self->mood_after != ASCEND_NO_INT &&
      !ascend_breathe_history_set_mood_after (db, self->row_id, self->mood_after, &error))
    {
      _ascend_breathe_view_toast (self, error->message);
      return;
    }
  done (self);
  _ascend_breathe_view_toast (self, _("Session saved"));
}

static void
skip_after_cb (AscendBreatheView *self)
{
  done (self);
}

/* The window closes or the app quits mid-session: abandoned, with the
 * share really done. */
void
_ascend_breathe_view_abandon (AscendBreatheView *self)
{
  AscendDatabase *db = _ascend_breathe_view_database (self);

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
                                    ascend_breathe_session_completion_percentage (self->session), _ascend_breathe_wall_ms (), NULL);
      g_clear_pointer (&self->session, ascend_breathe_session_free);
    }
  else if (self->adopted && gtk_stack_get_visible_child_name (self->page_stack) != NULL &&
           g_str_equal (gtk_stack_get_visible_child_name (self->page_stack), "prepare"))
    ascend_breathe_history_end (db, self->row_id, "abandoned", 0, 0, _ascend_breathe_wall_ms (), NULL);
  self->row_id = 0;
}

void
_ascend_breathe_view_stop (AscendBreatheView *self)
{
  stop_cb (self);
}

void
_ascend_breathe_view_bind_session (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, pause_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_after_cb);
}
