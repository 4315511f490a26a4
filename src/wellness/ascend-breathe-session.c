/* ascend-breathe-session.c: exercise scripts and the session state machine */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ascend-breathe-session.h"

/* ------------------------------------------------------------- scripts */

#define P(kind, seconds, words, detail) { ASCEND_PHASE_##kind, seconds, words, detail }

static const AscendExercisePhase box_phases[] = {
  P (INHALE, 4, N_("Breathe in"), N_("Slowly through your nose, filling your belly.")),
  P (HOLD_IN, 4, N_("Hold"), N_("Keep the air in, shoulders soft.")),
  P (EXHALE, 4, N_("Breathe out"), N_("Gently through your mouth, letting go.")),
  P (HOLD_OUT, 4, N_("Hold"), N_("Rest with empty lungs before the next breath.")),
};

static const AscendExercisePhase relax_478_phases[] = {
  P (INHALE, 4, N_("Breathe in"), N_("Quietly through your nose.")),
  P (HOLD_IN, 7, N_("Hold"), N_("Hold your breath gently, without strain.")),
  P (EXHALE, 8, N_("Breathe out"), N_("Whoosh out through your mouth, lips soft.")),
};

/* Six breaths a minute: the pace at which heart rate and breath swing
 * together most (resonance breathing). */
static const AscendExercisePhase resonance_phases[] = {
  P (INHALE, 5, N_("Breathe in"), N_("Low and slow, into your belly.")),
  P (EXHALE, 5, N_("Breathe out"), N_("Long and easy, all the way out.")),
};

static const AscendExercisePhase grounding_phases[] = {
  P (NOTICE, 8, N_("Settle in"), N_("Sit comfortably and let your breath slow down.")),
  P (NOTICE, 30, N_("5 things you can see"), N_("Look around and name them to yourself, one by one.")),
  P (NOTICE, 24, N_("4 things you can touch"), N_("Feel their texture: your clothes, the chair, the floor under your feet.")),
  P (NOTICE, 18, N_("3 things you can hear"), N_("Listen for sounds near and far.")),
  P (NOTICE, 12, N_("2 things you can smell"), N_("Or two smells you like, if nothing is around.")),
  P (NOTICE, 8, N_("1 thing you can taste"), N_("Notice the taste in your mouth right now.")),
  P (NOTICE, 8, N_("You are here"), N_("Take one slow breath and come back to the room.")),
};

static const AscendExercisePhase body_scan_phases[] = {
  P (NOTICE, 15, N_("Your feet"), N_("Notice warmth, pressure or tingling. Nothing to change.")),
  P (NOTICE, 15, N_("Your lower legs"), N_("Let your calves and shins grow heavy.")),
  P (NOTICE, 15, N_("Your knees and thighs"), N_("Notice where they touch the chair or the floor.")),
  P (NOTICE, 15, N_("Your hips"), N_("Let them sink a little.")),
  P (NOTICE, 15, N_("Your belly"), N_("Feel it rise and fall with each breath.")),
  P (NOTICE, 15, N_("Your chest"), N_("Notice your heartbeat, if you can feel it.")),
  P (NOTICE, 15, N_("Your back"), N_("Let it be supported.")),
  P (NOTICE, 15, N_("Your hands and arms"), N_("Let your fingers rest, loose and open.")),
  P (NOTICE, 15, N_("Your shoulders"), N_("Let them drop away from your ears.")),
  P (NOTICE, 15, N_("Your neck"), N_("Soften it; let your head be heavy.")),
  P (NOTICE, 15, N_("Your face and jaw"), N_("Unclench your jaw, soften your eyes and forehead.")),
  P (NOTICE, 15, N_("Your whole body"), N_("Notice it all at once, breathing on its own.")),
};

static const AscendExercisePhase progressive_phases[] = {
  P (TENSE, 5, N_("Squeeze your hands"), N_("Make fists, firmly but without pain.")),
  P (RELEASE, 10, N_("Let go"), N_("Open your hands and feel the difference.")),
  P (TENSE, 5, N_("Tense your arms"), N_("Bend your elbows and tighten your upper arms.")),
  P (RELEASE, 10, N_("Let go"), N_("Let your arms drop, heavy and loose.")),
  P (TENSE, 5, N_("Lift your shoulders"), N_("Pull them up towards your ears.")),
  P (RELEASE, 10, N_("Let go"), N_("Let them fall and stay low.")),
  P (TENSE, 5, N_("Scrunch your face"), N_("Squeeze your eyes, nose and mouth together.")),
  P (RELEASE, 10, N_("Let go"), N_("Let your face go smooth.")),
  P (TENSE, 5, N_("Tighten your belly"), N_("Pull it in and hold.")),
  P (RELEASE, 10, N_("Let go"), N_("Let it go soft and breathe into it.")),
  P (TENSE, 5, N_("Tense your legs"), N_("Press your knees together, thighs firm.")),
  P (RELEASE, 10, N_("Let go"), N_("Let your legs rest, heavy.")),
  P (TENSE, 5, N_("Curl your toes"), N_("Curl them down and hold.")),
  P (RELEASE, 10, N_("Let go"), N_("Let your feet relax completely.")),
};

static const AscendExercisePhase movement_phases[] = {
  P (MOVE, 20, N_("Neck rolls"), N_("Slowly roll your head in a half circle, from side to side.")),
  P (MOVE, 20, N_("Shoulder rolls"), N_("Roll your shoulders back, big and slow circles.")),
  P (MOVE, 15, N_("Reach up"), N_("Stretch both arms above your head and breathe in.")),
  P (MOVE, 15, N_("Lean left"), N_("Reach over to the left and feel your right side open.")),
  P (MOVE, 15, N_("Lean right"), N_("Reach over to the right and feel your left side open.")),
  P (MOVE, 20, N_("Forward fold"), N_("Bend forward from the hips, knees soft, arms hanging.")),
  P (MOVE, 15, N_("Wrist circles"), N_("Circle your wrists one way, then the other.")),
  P (MOVE, 10, N_("Stand tall"), N_("Feet flat, shoulders down, three easy breaths.")),
};

#undef P

static const AscendExerciseScript scripts[] = {
  { "box_breathing", ASCEND_EXERCISE_BOX_BREATHING, N_("Box Breathing"), N_("4-4-4-4"),
    N_("Breathe in, hold, out and hold for four counts each. Steadies you before something hard."),
    "media-playlist-repeat-symbolic", box_phases, G_N_ELEMENTS (box_phases), 6, TRUE, FALSE },
  { "deep_breathing_478", ASCEND_EXERCISE_DEEP_BREATHING, N_("Deep Breathing"), N_("4-7-8"),
    N_("In for four, hold for seven, out for eight. A long breath out calms the heart."),
    "weather-windy-symbolic", relax_478_phases, G_N_ELEMENTS (relax_478_phases), 4, TRUE, FALSE },
  { "deep_breathing_resonance", ASCEND_EXERCISE_DEEP_BREATHING, N_("Deep Breathing"), N_("6 breaths a minute"),
    N_("Slow, even breaths at six a minute, the pace where heart and breath move together."),
    "weather-windy-symbolic", resonance_phases, G_N_ELEMENTS (resonance_phases), 12, TRUE, FALSE },
  { "grounding", ASCEND_EXERCISE_GROUNDING, N_("Grounding"), N_("5-4-3-2-1"),
    N_("Come back to the here and now through your five senses, one step at a time."),
    "find-location-symbolic", grounding_phases, G_N_ELEMENTS (grounding_phases), 1, FALSE, TRUE },
  { "body_scan", ASCEND_EXERCISE_BODY_SCAN, N_("Body Scan"), NULL,
    N_("Move your attention slowly from your feet to your head and let each part rest."),
    "avatar-default-symbolic", body_scan_phases, G_N_ELEMENTS (body_scan_phases), 1, FALSE, TRUE },
  { "progressive_relaxation", ASCEND_EXERCISE_PROGRESSIVE_RELAXATION, N_("Progressive Relaxation"), NULL,
    N_("Tense one muscle group, then let it go, from your hands down to your toes."),
    "view-restore-symbolic", progressive_phases, G_N_ELEMENTS (progressive_phases), 1, TRUE, TRUE },
  { "gentle_movement", ASCEND_EXERCISE_GENTLE_MOVEMENT, N_("Gentle Movement"), NULL,
    N_("A short sequence of easy stretches for a stiff neck, shoulders and back."),
    "object-flip-horizontal-symbolic", movement_phases, G_N_ELEMENTS (movement_phases), 1, TRUE, TRUE },
};

const AscendExerciseScript *
ascend_exercise_scripts (guint *n_scripts)
{
  g_return_val_if_fail (n_scripts != NULL, NULL);
  *n_scripts = G_N_ELEMENTS (scripts);
  return scripts;
}

const AscendExerciseScript *
ascend_exercise_script_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    if (g_strcmp0 (scripts[i].id, id) == 0)
      return &scripts[i];
  return NULL;
}

const AscendExerciseScript *
ascend_exercise_script_for_type (const char *exercise_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    if (g_strcmp0 (scripts[i].exercise_type, exercise_type) == 0)
      return &scripts[i];
  return NULL;
}

const char *
ascend_exercise_type_title (const char *exercise_type)
{
  const AscendExerciseScript *script = ascend_exercise_script_for_type (exercise_type);

  return script != NULL ? _(script->title) : exercise_type;
}

gint64
ascend_exercise_script_total_ms (const AscendExerciseScript *script)
{
  gint64 total = 0;

  g_return_val_if_fail (script != NULL, 0);
  for (guint i = 0; i < script->n_phases; i++)
    total += (gint64) script->phases[i].seconds * 1000;
  return total * script->rounds;
}

guint
ascend_exercise_script_n_steps (const AscendExerciseScript *script)
{
  g_return_val_if_fail (script != NULL, 0);
  return script->n_phases * script->rounds;
}

/* ---------------------------------------------------------------- level */

static double
ease (double f)
{
  f = CLAMP (f, 0.0, 1.0);
  return (1.0 - cos (G_PI * f)) / 2.0;
}

#define LEVEL_REST  0.5
#define LEVEL_TENSE 0.2

double
ascend_breathe_phase_level (AscendPhaseKind kind,
                            double          fraction)
{
  switch (kind)
    {
    case ASCEND_PHASE_INHALE:
      return ease (fraction);
    case ASCEND_PHASE_HOLD_IN:
      return 1.0;
    case ASCEND_PHASE_EXHALE:
      return 1.0 - ease (fraction);
    case ASCEND_PHASE_HOLD_OUT:
      return 0.0;
    case ASCEND_PHASE_TENSE:
      /* Draws in during the first 40% and holds tight. */
      return LEVEL_REST - (LEVEL_REST - LEVEL_TENSE) * ease (fraction / 0.4);
    case ASCEND_PHASE_RELEASE:
      return LEVEL_TENSE + (LEVEL_REST - LEVEL_TENSE) * ease (fraction / 0.6);
    case ASCEND_PHASE_NOTICE:
    case ASCEND_PHASE_MOVE:
    case ASCEND_N_PHASE_KINDS:
    default:
      return LEVEL_REST;
    }
}

double
ascend_breathe_speed_parse (const char *text)
{
  char *end = NULL;
  double speed;

  if (text == NULL || *text == '\0')
    return 1.0;
  speed = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (speed) || speed <= 0)
    return 1.0;
  return CLAMP (speed, 0.1, 1000.0);
}

/* -------------------------------------------------------------- session */

struct _AscendBreatheSession
{
  const AscendExerciseScript *script;
  AscendBreatheState          state;
  gint64                      total_ms;
  gint64                      last_now;
  gint64                      run_from;    /* now when the current run began */
  gint64                      active_ms;   /* running time before run_from */
  gint64                      skipped_ms;  /* jumped over with Next */
};

AscendBreatheSession *
ascend_breathe_session_new (const AscendExerciseScript *script)
{
  AscendBreatheSession *self;

  g_return_val_if_fail (script != NULL && script->n_phases > 0 && script->rounds > 0, NULL);

  self = g_new0 (AscendBreatheSession, 1);
  self->script = script;
  self->state = ASCEND_BREATHE_READY;
  self->total_ms = ascend_exercise_script_total_ms (script);
  return self;
}

void
ascend_breathe_session_free (AscendBreatheSession *self)
{
  g_free (self);
}

const AscendExerciseScript *
ascend_breathe_session_get_script (AscendBreatheSession *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->script;
}

AscendBreatheState
ascend_breathe_session_get_state (AscendBreatheSession *self)
{
  g_return_val_if_fail (self != NULL, ASCEND_BREATHE_ABANDONED);
  return self->state;
}

static gint64
clamp_now (AscendBreatheSession *self,
           gint64                now_ms)
{
  if (self->state != ASCEND_BREATHE_READY && now_ms < self->last_now)
    now_ms = self->last_now;
  self->last_now = now_ms;
  return now_ms;
}

static gint64
running_ms (AscendBreatheSession *self,
            gint64                now)
{
  return self->active_ms + (self->state == ASCEND_BREATHE_RUNNING ? now - self->run_from : 0);
}

static gint64
position_ms (AscendBreatheSession *self,
             gint64                now)
{
  return MIN (self->total_ms, running_ms (self, now) + self->skipped_ms);
}

/* Completes the session when its time has run out; TRUE when it ended. */
static gboolean
advance (AscendBreatheSession *self,
         gint64                now)
{
  if (self->state != ASCEND_BREATHE_RUNNING || running_ms (self, now) + self->skipped_ms < self->total_ms)
    return FALSE;
  /* Ended exactly when the script ran out, however late we are told. */
  self->active_ms = self->total_ms - self->skipped_ms;
  self->state = ASCEND_BREATHE_COMPLETED;
  return TRUE;
}

gboolean
ascend_breathe_session_start (AscendBreatheSession *self,
                              gint64                now_ms)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->state != ASCEND_BREATHE_READY)
    return FALSE;
  now_ms = clamp_now (self, now_ms);
  self->state = ASCEND_BREATHE_RUNNING;
  self->run_from = now_ms;
  return TRUE;
}

gboolean
ascend_breathe_session_pause (AscendBreatheSession *self,
                              gint64                now_ms)
{
  g_return_val_if_fail (self != NULL, FALSE);

  now_ms = clamp_now (self, now_ms);
  if (self->state != ASCEND_BREATHE_RUNNING || advance (self, now_ms))
    return FALSE;
  self->active_ms = running_ms (self, now_ms);
  self->state = ASCEND_BREATHE_PAUSED;
  return TRUE;
}

gboolean
ascend_breathe_session_resume (AscendBreatheSession *self,
                               gint64                now_ms)
{
  g_return_val_if_fail (self != NULL, FALSE);

  now_ms = clamp_now (self, now_ms);
  if (self->state != ASCEND_BREATHE_PAUSED)
    return FALSE;
  self->run_from = now_ms;
  self->state = ASCEND_BREATHE_RUNNING;
  return TRUE;
}

gboolean
ascend_breathe_session_abandon (AscendBreatheSession *self,
                                gint64                now_ms)
{
  g_return_val_if_fail (self != NULL, FALSE);

  now_ms = clamp_now (self, now_ms);
  if (advance (self, now_ms) || self->state == ASCEND_BREATHE_COMPLETED || self->state == ASCEND_BREATHE_ABANDONED)
    return FALSE;
  self->active_ms = running_ms (self, now_ms);
  self->state = ASCEND_BREATHE_ABANDONED;
  return TRUE;
}

/* The step holding position, its start and its length. */
static guint
locate (AscendBreatheSession *self,
        gint64                position,
        gint64               *step_start,
        gint64               *step_len)
{
  const AscendExerciseScript *s = self->script;
  guint n_steps = ascend_exercise_script_n_steps (s);
  gint64 start = 0;

  for (guint step = 0; step < n_steps; step++)
    {
      gint64 len = (gint64) s->phases[step % s->n_phases].seconds * 1000;
      if (position < start + len || step == n_steps - 1)
        {
          *step_start = start;
          *step_len = len;
          return step;
        }
      start += len;
    }
  g_assert_not_reached ();
}

gboolean
ascend_breathe_session_next (AscendBreatheSession *self,
                             gint64                now_ms)
{
  gint64 position, start, len;

  g_return_val_if_fail (self != NULL, FALSE);

  now_ms = clamp_now (self, now_ms);
  if (advance (self, now_ms) || (self->state != ASCEND_BREATHE_RUNNING && self->state != ASCEND_BREATHE_PAUSED))
    return FALSE;
  position = position_ms (self, now_ms);
  locate (self, position, &start, &len);
  self->skipped_ms += start + len - position;
  advance (self, now_ms);
  /* Next while paused on the last step still finishes the exercise. */
  if (self->state == ASCEND_BREATHE_PAUSED && position_ms (self, now_ms) >= self->total_ms)
    {
      self->active_ms = self->total_ms - self->skipped_ms;
      self->state = ASCEND_BREATHE_COMPLETED;
    }
  return TRUE;
}

AscendBreatheState
ascend_breathe_session_update (AscendBreatheSession *self,
                               gint64                now_ms,
                               AscendBreatheFrame   *frame)
{
  const AscendExerciseScript *s;
  gint64 position, start = 0, len = 1;

  g_return_val_if_fail (self != NULL, ASCEND_BREATHE_ABANDONED);

  now_ms = clamp_now (self, now_ms);
  advance (self, now_ms);
  if (frame == NULL)
    return self->state;

  s = self->script;
  position = position_ms (self, now_ms);
  *frame = (AscendBreatheFrame) {
    .state = self->state,
    .n_steps = ascend_exercise_script_n_steps (s),
    .position_ms = position,
    .total_ms = self->total_ms,
    .progress = self->total_ms > 0 ? (double) position / self->total_ms : 1.0,
  };
  if (self->state == ASCEND_BREATHE_COMPLETED)
    {
      frame->step = frame->n_steps;
      frame->round = s->rounds;
      frame->progress = 1.0;
      frame->phase_fraction = 1.0;
      frame->level = ascend_breathe_phase_level (s->phases[s->n_phases - 1].kind, 1.0);
      return self->state;
    }
  frame->step = locate (self, position, &start, &len);
  frame->round = frame->step / s->n_phases;
  frame->phase = &s->phases[frame->step % s->n_phases];
  frame->phase_fraction = len > 0 ? CLAMP ((double) (position - start) / len, 0.0, 1.0) : 1.0;
  frame->phase_remaining_ms = MAX (0, start + len - position);
  frame->count = (guint) ((frame->phase_remaining_ms + 999) / 1000);
  frame->level = ascend_breathe_phase_level (frame->phase->kind, frame->phase_fraction);
  if (self->state == ASCEND_BREATHE_ABANDONED)
    frame->phase = NULL;
  return self->state;
}

guint
ascend_breathe_session_completion_percentage (AscendBreatheSession *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->state == ASCEND_BREATHE_COMPLETED)
    return 100;
  if (self->total_ms <= 0)
    return 0;
  return (guint) CLAMP (position_ms (self, self->last_now) * 100 / self->total_ms, 0, 100);
}

guint
ascend_breathe_session_duration_seconds (AscendBreatheSession *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->state == ASCEND_BREATHE_READY)
    return 0;
  return (guint) ((running_ms (self, self->last_now) + 500) / 1000);
}

char *
ascend_breathe_frame_words (const AscendBreatheFrame    *frame,
                            const AscendExerciseScript *script)
{
  g_return_val_if_fail (frame != NULL && script != NULL, NULL);

  if (frame->phase == NULL)
    return NULL;
  if (script->counted)
    /* TRANSLATORS: what to do now and the seconds left: "Breathe in… 4" */
    return g_strdup_printf (_("%s… %u"), _(frame->phase->words), frame->count);
  return g_strdup (_(frame->phase->words));
}
