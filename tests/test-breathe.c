/* test-breathe.c: guided exercises, the session state machine, its rows
 *
 * The session runs on times given by the test (an injected clock), so a
 * three-minute exercise takes microseconds. Each case checks something a
 * person would notice: the words and count on screen at a given second, a
 * pause that eats into the exercise, a session that ends early or late, a
 * percentage that lies after a stop or a crash, a "what works" figure drawn
 * from too few sessions.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-breathe-history.h"
#include "ascend-breathe-session.h"
#include "ascend-health-store.h"

#define T0 1700000000000  /* any start: the clock is ours */

/* ------------------------------------------------------------- helpers */

static AscendBreatheSession *
session_for (const char *id)
{
  const AscendExerciseScript *script = ascend_exercise_script_lookup (id);

  g_assert_nonnull (script);
  return ascend_breathe_session_new (script);
}

static char *
words_at (AscendBreatheSession *s,
          gint64                now)
{
  AscendBreatheFrame frame;

  ascend_breathe_session_update (s, now, &frame);
  return ascend_breathe_frame_words (&frame, ascend_breathe_session_get_script (s));
}

#define assert_words(s, now, expected)                   \
  G_STMT_START {                                         \
    g_autofree char *w_ = words_at ((s), (now));         \
    g_assert_cmpstr (w_, ==, (expected));                \
  } G_STMT_END

/* -------------------------------------------------------------- scripts */

static void
test_scripts_cover_every_type (void)
{
  const char *types[] = {
    ASCEND_EXERCISE_BOX_BREATHING, ASCEND_EXERCISE_DEEP_BREATHING, ASCEND_EXERCISE_GROUNDING,
    ASCEND_EXERCISE_BODY_SCAN, ASCEND_EXERCISE_PROGRESSIVE_RELAXATION, ASCEND_EXERCISE_GENTLE_MOVEMENT,
  };
  guint n = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const AscendExerciseScript *s = ascend_exercise_script_for_type (types[i]);
      g_assert_nonnull (s);
      g_assert_cmpstr (s->exercise_type, ==, types[i]);
      g_assert_cmpstr (ascend_exercise_type_title (types[i]), !=, types[i]);
    }
  g_assert_null (ascend_exercise_script_for_type ("yoga"));
  g_assert_cmpstr (ascend_exercise_type_title ("yoga"), ==, "yoga");

  for (guint i = 0; i < n; i++)
    {
      const AscendExerciseScript *s = &scripts[i];
      gint64 total = ascend_exercise_script_total_ms (s);

      g_assert_true (ascend_exercise_script_lookup (s->id) == s);
      g_assert_nonnull (s->title);
      g_assert_nonnull (s->summary);
      g_assert_cmpuint (s->rounds, >, 0);
      /* Each is a few minutes: long enough to help, short enough to finish. */
      g_assert_cmpint (total, >=, 60 * 1000);
      g_assert_cmpint (total, <=, 5 * 60 * 1000);
      for (guint p = 0; p < s->n_phases; p++)
        {
          g_assert_cmpuint (s->phases[p].seconds, >, 0);
          g_assert_nonnull (s->phases[p].words);
          g_assert_nonnull (s->phases[p].detail);
        }
    }
}

static void
test_scripts_paces (void)
{
  const AscendExerciseScript *box = ascend_exercise_script_lookup ("box_breathing");
  const AscendExerciseScript *relax = ascend_exercise_script_lookup ("deep_breathing_478");
  const AscendExerciseScript *resonance = ascend_exercise_script_lookup ("deep_breathing_resonance");
  const AscendExerciseScript *grounding = ascend_exercise_script_lookup ("grounding");
  const AscendExerciseScript *pmr = ascend_exercise_script_lookup ("progressive_relaxation");
  gint64 cycle = 0;
  const char *senses[] = { "5 things you can see", "4 things you can touch", "3 things you can hear",
                           "2 things you can smell", "1 thing you can taste" };
  guint found = 0;

  /* Box: in, hold, out, hold, four seconds each. */
  g_assert_cmpuint (box->n_phases, ==, 4);
  g_assert_cmpint (box->phases[0].kind, ==, ASCEND_PHASE_INHALE);
  g_assert_cmpint (box->phases[1].kind, ==, ASCEND_PHASE_HOLD_IN);
  g_assert_cmpint (box->phases[2].kind, ==, ASCEND_PHASE_EXHALE);
  g_assert_cmpint (box->phases[3].kind, ==, ASCEND_PHASE_HOLD_OUT);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (box->phases[i].seconds, ==, 4);

  /* 4-7-8 */
  g_assert_cmpuint (relax->n_phases, ==, 3);
  g_assert_cmpuint (relax->phases[0].seconds, ==, 4);
  g_assert_cmpuint (relax->phases[1].seconds, ==, 7);
  g_assert_cmpuint (relax->phases[2].seconds, ==, 8);
  g_assert_cmpint (relax->phases[2].kind, ==, ASCEND_PHASE_EXHALE);

  /* Resonance: six breaths a minute. */
  for (guint i = 0; i < resonance->n_phases; i++)
    cycle += resonance->phases[i].seconds * 1000;
  g_assert_cmpint (cycle, ==, 10 * 1000);
  g_assert_cmpstr (resonance->exercise_type, ==, relax->exercise_type);

  /* Grounding walks the senses 5-4-3-2-1, in order, one step at a time. */
  g_assert_true (grounding->steps);
  for (guint i = 0; i < grounding->n_phases && found < G_N_ELEMENTS (senses); i++)
    if (g_strcmp0 (grounding->phases[i].words, senses[found]) == 0)
      found++;
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (senses));

  /* Progressive relaxation: each tense is followed by its release. */
  g_assert_cmpuint (pmr->n_phases % 2, ==, 0);
  for (guint i = 0; i < pmr->n_phases; i += 2)
    {
      g_assert_cmpint (pmr->phases[i].kind, ==, ASCEND_PHASE_TENSE);
      g_assert_cmpint (pmr->phases[i + 1].kind, ==, ASCEND_PHASE_RELEASE);
      g_assert_cmpuint (pmr->phases[i + 1].seconds, >, pmr->phases[i].seconds);
    }
}

/* The orb never jumps: where a step ends the next begins, in every script
 * and across rounds. */
static void
test_level_is_continuous (void)
{
  guint n = 0;
  const AscendExerciseScript *scripts = ascend_exercise_scripts (&n);

  for (guint i = 0; i < n; i++)
    {
      const AscendExerciseScript *s = &scripts[i];
      guint steps = ascend_exercise_script_n_steps (s);

      for (guint step = 0; step + 1 < steps; step++)
        {
          AscendPhaseKind a = s->phases[step % s->n_phases].kind;
          AscendPhaseKind b = s->phases[(step + 1) % s->n_phases].kind;
          double end = ascend_breathe_phase_level (a, 1.0);
          double start = ascend_breathe_phase_level (b, 0.0);
          if (fabs (end - start) > 1e-9)
            g_error ("%s: the orb jumps from %.3f to %.3f after step %u", s->id, end, start, step);
        }
      for (double f = 0; f <= 1.0; f += 0.01)
        for (int k = 0; k < ASCEND_N_PHASE_KINDS; k++)
          {
            double level = ascend_breathe_phase_level (k, f);
            g_assert_cmpfloat (level, >=, 0.0);
            g_assert_cmpfloat (level, <=, 1.0);
          }
    }
  /* Breathing in fills the orb steadily, breathing out empties it. */
  for (double f = 0.05; f <= 1.0; f += 0.05)
    {
      g_assert_cmpfloat (ascend_breathe_phase_level (ASCEND_PHASE_INHALE, f), >,
                         ascend_breathe_phase_level (ASCEND_PHASE_INHALE, f - 0.05));
      g_assert_cmpfloat (ascend_breathe_phase_level (ASCEND_PHASE_EXHALE, f), <,
                         ascend_breathe_phase_level (ASCEND_PHASE_EXHALE, f - 0.05));
    }
  g_assert_cmpfloat_with_epsilon (ascend_breathe_phase_level (ASCEND_PHASE_INHALE, 0.5), 0.5, 1e-9);
  g_assert_cmpfloat (ascend_breathe_phase_level (ASCEND_PHASE_TENSE, 0.5), <,
                     ascend_breathe_phase_level (ASCEND_PHASE_NOTICE, 0.5));
}

static void
test_speed_parse (void)
{
  const struct { const char *text; double speed; } cases[] = {
    { NULL, 1 }, { "", 1 }, { "20", 20 }, { "2.5", 2.5 }, { "abc", 1 }, { "20x", 1 },
    { "0", 1 }, { "-3", 1 }, { "nan", 1 }, { "inf", 1 }, { "1e9", 1000 }, { "0.01", 0.1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (ascend_breathe_speed_parse (cases[i].text), cases[i].speed, 1e-9);
}

/* ------------------------------------------------------- state machine */

static void
test_session_completes (void)
{
  g_autoptr(AscendBreatheSession) s = session_for ("box_breathing");
  gint64 total = ascend_exercise_script_total_ms (ascend_breathe_session_get_script (s));
  AscendBreatheFrame frame;

  g_assert_cmpint (total, ==, 6 * 16 * 1000);
  g_assert_cmpint (ascend_breathe_session_get_state (s), ==, ASCEND_BREATHE_READY);
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (s), ==, 0);
  g_assert_true (ascend_breathe_session_start (s, T0));
  g_assert_false (ascend_breathe_session_start (s, T0 + 1));

  /* What the screen says, second by second. */
  assert_words (s, T0, "Breathe in… 4");
  assert_words (s, T0 + 999, "Breathe in… 4");
  assert_words (s, T0 + 1000, "Breathe in… 3");
  assert_words (s, T0 + 3999, "Breathe in… 1");
  assert_words (s, T0 + 4000, "Hold… 4");
  assert_words (s, T0 + 8000, "Breathe out… 4");
  assert_words (s, T0 + 12500, "Hold… 4");
  assert_words (s, T0 + 16000, "Breathe in… 4");

  ascend_breathe_session_update (s, T0 + 16000 + 2000, &frame);
  g_assert_cmpuint (frame.round, ==, 1);
  g_assert_cmpuint (frame.step, ==, 4);
  g_assert_cmpuint (frame.n_steps, ==, 24);
  g_assert_cmpfloat_with_epsilon (frame.phase_fraction, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.level, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.progress, 18000.0 / total, 1e-9);
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (s), ==, 18);

  g_assert_cmpint (ascend_breathe_session_update (s, T0 + total - 1, &frame), ==, ASCEND_BREATHE_RUNNING);
  assert_words (s, T0 + total - 1, "Hold… 1");
  /* Told late (a stalled frame clock): it still ended when time ran out. */
  g_assert_cmpint (ascend_breathe_session_update (s, T0 + total + 5000, &frame), ==, ASCEND_BREATHE_COMPLETED);
  g_assert_null (frame.phase);
  g_assert_cmpfloat (frame.progress, ==, 1.0);
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (s), ==, 100);
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (s), ==, 96);
  g_assert_null (ascend_breathe_frame_words (&frame, ascend_breathe_session_get_script (s)));
  /* Nothing moves a finished session. */
  g_assert_false (ascend_breathe_session_pause (s, T0 + total + 6000));
  g_assert_false (ascend_breathe_session_abandon (s, T0 + total + 6000));
  g_assert_false (ascend_breathe_session_next (s, T0 + total + 6000));
  g_assert_cmpint (ascend_breathe_session_get_state (s), ==, ASCEND_BREATHE_COMPLETED);
}

static void
test_session_pause_resume (void)
{
  g_autoptr(AscendBreatheSession) s = session_for ("deep_breathing_478");
  gint64 total = ascend_exercise_script_total_ms (ascend_breathe_session_get_script (s));
  AscendBreatheFrame frame;

  g_assert_false (ascend_breathe_session_pause (s, T0));
  g_assert_false (ascend_breathe_session_resume (s, T0));
  ascend_breathe_session_start (s, T0);
  g_assert_false (ascend_breathe_session_resume (s, T0 + 10));

  /* Paused 1.5 s into the hold: the count stays while the person rests. */
  g_assert_true (ascend_breathe_session_pause (s, T0 + 5500));
  g_assert_false (ascend_breathe_session_pause (s, T0 + 5600));
  assert_words (s, T0 + 5500, "Hold… 6");
  assert_words (s, T0 + 65500, "Hold… 6");
  ascend_breathe_session_update (s, T0 + 65500, &frame);
  g_assert_cmpint (frame.state, ==, ASCEND_BREATHE_PAUSED);
  g_assert_cmpint (frame.position_ms, ==, 5500);
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (s), ==, 6);

  g_assert_true (ascend_breathe_session_resume (s, T0 + 65500));
  assert_words (s, T0 + 66500, "Hold… 5");
  /* A minute of pause pushes the end back by a minute, to the millisecond. */
  g_assert_cmpint (ascend_breathe_session_update (s, T0 + 60000 + total - 1, NULL), ==, ASCEND_BREATHE_RUNNING);
  g_assert_cmpint (ascend_breathe_session_update (s, T0 + 60000 + total, NULL), ==, ASCEND_BREATHE_COMPLETED);
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (s), ==, total / 1000);

  /* Pausing after time ran out completes instead. */
  {
    g_autoptr(AscendBreatheSession) late = session_for ("deep_breathing_478");
    ascend_breathe_session_start (late, T0);
    g_assert_false (ascend_breathe_session_pause (late, T0 + total + 1));
    g_assert_cmpint (ascend_breathe_session_get_state (late), ==, ASCEND_BREATHE_COMPLETED);
  }
}

static void
test_session_abandon (void)
{
  g_autoptr(AscendBreatheSession) s = session_for ("box_breathing");
  g_autoptr(AscendBreatheSession) ready = session_for ("box_breathing");
  g_autoptr(AscendBreatheSession) paused = session_for ("body_scan");
  AscendBreatheFrame frame;

  ascend_breathe_session_start (s, T0);
  ascend_breathe_session_update (s, T0 + 40000, NULL);
  g_assert_true (ascend_breathe_session_abandon (s, T0 + 40000));
  g_assert_false (ascend_breathe_session_abandon (s, T0 + 41000));
  g_assert_cmpint (ascend_breathe_session_update (s, T0 + 90000, &frame), ==, ASCEND_BREATHE_ABANDONED);
  g_assert_null (frame.phase);
  /* 40 of 96 seconds: the real share, rounded down, and the time given. */
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (s), ==, 41);
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (s), ==, 40);
  g_assert_false (ascend_breathe_session_resume (s, T0 + 91000));
  g_assert_false (ascend_breathe_session_start (s, T0 + 91000));

  /* Closed before it began. */
  g_assert_true (ascend_breathe_session_abandon (ready, T0));
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (ready), ==, 0);
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (ready), ==, 0);

  /* Closed while paused: the pause is not counted. */
  ascend_breathe_session_start (paused, T0);
  ascend_breathe_session_pause (paused, T0 + 18000);
  g_assert_true (ascend_breathe_session_abandon (paused, T0 + 600000));
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (paused), ==, 18);
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (paused), ==, 18000 * 100 / (12 * 15000));
}

static void
test_session_next_steps (void)
{
  g_autoptr(AscendBreatheSession) s = session_for ("grounding");
  const AscendExerciseScript *script = ascend_breathe_session_get_script (s);
  gint64 total = ascend_exercise_script_total_ms (script);
  AscendBreatheFrame frame;
  gint64 now = T0;

  g_assert_false (ascend_breathe_session_next (s, now));
  ascend_breathe_session_start (s, now);
  assert_words (s, now, "Settle in");
  now += 1000;
  g_assert_true (ascend_breathe_session_next (s, now));
  ascend_breathe_session_update (s, now, &frame);
  g_assert_cmpuint (frame.step, ==, 1);
  g_assert_cmpstr (frame.phase->words, ==, "5 things you can see");
  g_assert_cmpint (frame.phase_remaining_ms, ==, 30000);
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (s), ==, 8000 * 100 / total);
  /* Next on a paused step moves on and stays paused. */
  ascend_breathe_session_pause (s, now + 2000);
  g_assert_true (ascend_breathe_session_next (s, now + 5000));
  ascend_breathe_session_update (s, now + 9000, &frame);
  g_assert_cmpint (frame.state, ==, ASCEND_BREATHE_PAUSED);
  g_assert_cmpstr (frame.phase->words, ==, "4 things you can touch");
  g_assert_cmpint (frame.phase_remaining_ms, ==, 24000);
  ascend_breathe_session_resume (s, now + 9000);
  now += 9000;
  while (ascend_breathe_session_get_state (s) == ASCEND_BREATHE_RUNNING)
    {
      now += 1000;
      g_assert_true (ascend_breathe_session_next (s, now));
    }
  g_assert_cmpint (ascend_breathe_session_get_state (s), ==, ASCEND_BREATHE_COMPLETED);
  g_assert_cmpuint (ascend_breathe_session_completion_percentage (s), ==, 100);
  /* Only the time actually spent counts as duration: 1 + 2 + 5 s. */
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (s), ==, 8);
  /* Not counted exercises show their words without a number. */
  g_assert_false (script->counted);
}

static void
test_session_clock_backwards (void)
{
  g_autoptr(AscendBreatheSession) s = session_for ("box_breathing");
  AscendBreatheFrame frame;

  ascend_breathe_session_start (s, T0);
  ascend_breathe_session_update (s, T0 + 6000, &frame);
  ascend_breathe_session_update (s, T0 + 2000, &frame);
  g_assert_cmpint (frame.position_ms, ==, 6000);
  g_assert_true (ascend_breathe_session_pause (s, T0 + 1000));
  g_assert_cmpuint (ascend_breathe_session_duration_seconds (s), ==, 6);
}

/* --------------------------------------------------------------- store */

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
  gint64          other;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Sakura");
  f->other = ascend_test_add_user (f->db, "Aiko");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
}

static AscendExerciseSession *
row (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  AscendExerciseSession *s = ascend_exercise_session_get (f->db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* The rows a session writes as the view drives it, start to finish. */
static void
test_rows_complete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBreatheSession) s = session_for ("box_breathing");
  g_autoptr(AscendExerciseSession) r = NULL;
  gint64 id;

  id = ascend_breathe_history_begin (f->db, f->user, "box_breathing", "manual", 4, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  ascend_breathe_session_start (s, T0);
  r = row (f, id);
  g_assert_cmpstr (r->status, ==, "in_progress");
  g_assert_cmpstr (r->trigger_reason, ==, "manual");
  g_assert_cmpint (r->mood_before, ==, 4);
  g_assert_cmpint (r->mood_after, ==, ASCEND_NO_INT);
  g_assert_cmpint (r->started_at, ==, T0);
  g_assert_cmpint (r->completed_at, ==, 0);
  g_clear_pointer (&r, ascend_exercise_session_free);

  ascend_breathe_session_update (s, T0 + 96000, NULL);
  g_assert_true (ascend_breathe_history_end (f->db, id, "completed", ascend_breathe_session_duration_seconds (s),
                                             ascend_breathe_session_completion_percentage (s), T0 + 96000, &error));
  g_assert_no_error (error);
  g_assert_true (ascend_breathe_history_set_mood_after (f->db, id, 7, &error));
  r = row (f, id);
  g_assert_cmpstr (r->status, ==, "completed");
  g_assert_cmpint (r->duration_seconds, ==, 96);
  g_assert_cmpint (r->completion_percentage, ==, 100);
  g_assert_cmpint (r->completed_at, ==, T0 + 96000);
  g_assert_cmpint (r->mood_after, ==, 7);
  g_clear_pointer (&r, ascend_exercise_session_free);

  /* Mood skipped; an end reported before the start (a clock change) is
   * kept at the start, as the schema requires. */
  id = ascend_breathe_history_begin (f->db, f->user, "grounding", "manual", ASCEND_NO_INT, T0 + 200000, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_breathe_history_end (f->db, id, "abandoned", 0, 0, T0, &error));
  g_assert_no_error (error);
  r = row (f, id);
  g_assert_cmpint (r->mood_before, ==, ASCEND_NO_INT);
  g_assert_cmpint (r->completed_at, ==, T0 + 200000);
  g_clear_pointer (&r, ascend_exercise_session_free);

  /* The schema refuses what the scale does not have. */
  g_assert_false (ascend_breathe_history_set_mood_after (f->db, id, 11, &error));
  g_assert_nonnull (error);
}

/* Window closed mid-session: abandoned with the real percentage. */
static void
test_rows_abandon (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBreatheSession) s = session_for ("gentle_movement");
  g_autoptr(AscendExerciseSession) r = NULL;
  gint64 total = ascend_exercise_script_total_ms (ascend_breathe_session_get_script (s));
  gint64 id = ascend_breathe_history_begin (f->db, f->user, "gentle_movement", "manual", 6, T0, &error);

  ascend_breathe_session_start (s, T0);
  ascend_breathe_session_pause (s, T0 + 30000);
  ascend_breathe_session_resume (s, T0 + 50000);
  ascend_breathe_session_abandon (s, T0 + 65000);
  g_assert_true (ascend_breathe_history_end (f->db, id, "abandoned", ascend_breathe_session_duration_seconds (s),
                                             ascend_breathe_session_completion_percentage (s), T0 + 65000, &error));
  g_assert_no_error (error);
  r = row (f, id);
  g_assert_cmpstr (r->status, ==, "abandoned");
  g_assert_cmpint (r->duration_seconds, ==, 45);
  g_assert_cmpint (r->completion_percentage, ==, 45000 * 100 / total);
  g_assert_cmpint (r->completed_at, ==, T0 + 65000);
}

/* A crash leaves a row in_progress with the last checkpoint; the next
 * start closes it as abandoned with that progress, and only it. */
static void
test_rows_crash_recovery (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendBreatheSession) s = session_for ("box_breathing");
  g_autoptr(AscendExerciseSession) r = NULL;
  gint64 crashed, finished, others, current;
  gint64 restart = T0 + 3600 * 1000;

  crashed = ascend_breathe_history_begin (f->db, f->user, "box_breathing", "high_stress alert 3", ASCEND_NO_INT, T0, &error);
  ascend_breathe_session_start (s, T0);
  for (gint64 t = 5000; t <= 40000; t += 5000)
    {
      ascend_breathe_session_update (s, T0 + t, NULL);
      g_assert_true (ascend_breathe_history_checkpoint (f->db, crashed, ascend_breathe_session_duration_seconds (s),
                                                        ascend_breathe_session_completion_percentage (s), &error));
    }
  /* ... and the process dies here. */
  finished = ascend_breathe_history_begin (f->db, f->user, "grounding", "manual", 5, T0 - 600000, &error);
  ascend_breathe_history_end (f->db, finished, "completed", 108, 100, T0 - 490000, &error);
  others = ascend_breathe_history_begin (f->db, f->other, "body_scan", "manual", 5, T0, &error);
  current = ascend_breathe_history_begin (f->db, f->user, "box_breathing", "high_stress alert 4", ASCEND_NO_INT,
                                          restart + 10, &error);
  g_assert_no_error (error);

  /* Reopened, as the next start does. */
  g_clear_object (&f->db);
  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_breathe_history_recover (f->db, f->user, restart, &error), ==, 1);
  g_assert_no_error (error);

  r = row (f, crashed);
  g_assert_cmpstr (r->status, ==, "abandoned");
  g_assert_cmpint (r->completion_percentage, ==, 41);
  g_assert_cmpint (r->duration_seconds, ==, 40);
  g_assert_cmpint (r->completed_at, ==, T0 + 40000);
  g_assert_cmpstr (r->trigger_reason, ==, "high_stress alert 3");
  g_clear_pointer (&r, ascend_exercise_session_free);
  r = row (f, finished);
  g_assert_cmpstr (r->status, ==, "completed");
  g_clear_pointer (&r, ascend_exercise_session_free);
  r = row (f, others);
  g_assert_cmpstr (r->status, ==, "in_progress");
  g_clear_pointer (&r, ascend_exercise_session_free);
  /* Started after the restart (app.breathe-now): left for the view. */
  r = row (f, current);
  g_assert_cmpstr (r->status, ==, "in_progress");
  g_clear_pointer (&r, ascend_exercise_session_free);

  g_assert_cmpint (ascend_breathe_history_recover (f->db, f->user, restart, &error), ==, 0);
}

/* A row app.breathe-now made is found once, then belongs to its view. */
static void
test_rows_pending (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(AscendExerciseSession) p = NULL;
  g_autoptr(AscendExerciseSession) r = NULL;
  gint64 now = T0 + 3600 * 1000;
  gint64 stale, alert, done;

  stale = ascend_breathe_history_begin (f->db, f->user, "box_breathing", "high_stress alert 1", ASCEND_NO_INT,
                                        now - ASCEND_BREATHE_PENDING_MAX_AGE_MS - 1, &error);
  done = ascend_breathe_history_begin (f->db, f->user, "box_breathing", "manual", ASCEND_NO_INT, now - 2000, &error);
  ascend_breathe_history_end (f->db, done, "completed", 96, 100, now - 1000, &error);
  alert = ascend_breathe_history_begin (f->db, f->user, "box_breathing", "high_stress alert 2", ASCEND_NO_INT,
                                        now - 60000, &error);
  ascend_breathe_history_begin (f->db, f->other, "box_breathing", "high_stress alert 9", ASCEND_NO_INT, now, &error);
  g_assert_no_error (error);

  p = ascend_breathe_history_pending (f->db, f->user, now, claimed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpint (p->id, ==, alert);
  g_assert_cmpstr (p->trigger_reason, ==, "high_stress alert 2");
  g_hash_table_add (claimed, g_memdup2 (&p->id, sizeof p->id));
  g_assert_null (ascend_breathe_history_pending (f->db, f->user, now, claimed, &error));
  g_assert_no_error (error);
  (void) stale;

  /* Taken over: it starts when the person starts, as what they chose. */
  g_assert_true (ascend_breathe_history_restart (f->db, alert, "deep_breathing", 3, now + 5000, &error));
  r = row (f, alert);
  g_assert_cmpstr (r->exercise_type, ==, "deep_breathing");
  g_assert_cmpint (r->mood_before, ==, 3);
  g_assert_cmpint (r->started_at, ==, now + 5000);
  g_assert_cmpstr (r->status, ==, "in_progress");
  g_assert_cmpstr (r->trigger_reason, ==, "high_stress alert 2");
}

static void
test_rows_recent (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) all = NULL;

  for (int i = 0; i < 5; i++)
    ascend_breathe_history_begin (f->db, f->user, "body_scan", "manual", ASCEND_NO_INT, T0 + i * 1000, &error);
  ascend_breathe_history_begin (f->db, f->other, "body_scan", "manual", ASCEND_NO_INT, T0 + 9000, &error);
  recent = ascend_breathe_history_recent (f->db, f->user, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 3);
  g_assert_cmpint (((AscendExerciseSession *) recent->pdata[0])->started_at, ==, T0 + 4000);
  g_assert_cmpint (((AscendExerciseSession *) recent->pdata[2])->started_at, ==, T0 + 2000);
  all = ascend_breathe_history_recent (f->db, f->user, 0, &error);
  g_assert_cmpuint (all->len, ==, 5);
}

/* --------------------------------------------------------- what works */

static AscendHealthReading *
reading_at (gint64 minute_start,
            gint64 hr,
            double hrv)
{
  AscendHealthReading *r = ascend_health_reading_new ();

  r->created_at = minute_start;
  r->heart_rate = hr;
  r->hrv = hrv;
  return r;
}

static void
test_vitals_from_readings (void)
{
  /* A session 12:00:20 - 12:03:40 (times in ms from 12:00:00). */
  const gint64 start = T0 + 20000, end = T0 + 220000;
  g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_health_reading_free);
  AscendBreatheVitals v;

  ascend_breathe_vitals_from_readings (NULL, 0, start, end, &v);
  g_assert_true (isnan (v.hrv_before) && isnan (v.hrv_after));
  g_assert_true (isnan (v.heart_rate_before) && isnan (v.heart_rate_after));

  g_ptr_array_add (readings, reading_at (T0 - 7 * 60000, 95, 10));   /* too long before */
  g_ptr_array_add (readings, reading_at (T0 - 60000, 88, 22));       /* 11:59: before */
  g_ptr_array_add (readings, reading_at (T0, 86, 24));               /* 12:00: its middle (:30) is inside */
  g_ptr_array_add (readings, reading_at (T0 + 120000, 74, 38));      /* 12:02: inside */
  g_ptr_array_add (readings, reading_at (T0 + 180000, 72, NAN));     /* 12:03: middle inside, no HRV */
  g_ptr_array_add (readings, reading_at (T0 + 240000, 70, 50));      /* after the end */
  ascend_breathe_vitals_from_readings ((AscendHealthReading * const *) readings->pdata, readings->len, start, end, &v);
  g_assert_cmpfloat (v.heart_rate_before, ==, 88);
  g_assert_cmpfloat (v.hrv_before, ==, 22);
  /* The newest minute that measured each. */
  g_assert_cmpfloat (v.heart_rate_after, ==, 72);
  g_assert_cmpfloat (v.hrv_after, ==, 38);

  /* Any order. */
  g_ptr_array_remove_index (readings, 4);
  g_ptr_array_add (readings, reading_at (T0 + 60000, 80, 30));
  ascend_breathe_vitals_from_readings ((AscendHealthReading * const *) readings->pdata, readings->len, start, end, &v);
  g_assert_cmpfloat (v.hrv_after, ==, 38);
  g_assert_cmpfloat (v.heart_rate_after, ==, 74);
}

static AscendExerciseSession *
done_session (const char *type,
              const char *status,
              gint64      before,
              gint64      after)
{
  AscendExerciseSession *s = ascend_exercise_session_new ();

  s->exercise_type = g_strdup (type);
  g_free (s->status);
  s->status = g_strdup (status);
  s->mood_before = before;
  s->mood_after = after;
  return s;
}

static void
test_effects (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_exercise_session_free);
  g_autoptr(GArray) vitals = g_array_new (FALSE, TRUE, sizeof (AscendBreatheVitals));
  g_autoptr(GArray) effects = NULL;
  const AscendBreatheEffect *e;
#define ADD(type, status, b, a, hrv_b, hrv_a)                                    \
  G_STMT_START {                                                                 \
    AscendBreatheVitals v_ = { 80, 75, hrv_b, hrv_a };                           \
    g_ptr_array_add (sessions, done_session (type, status, b, a));               \
    g_array_append_val (vitals, v_);                                             \
  } G_STMT_END

  /* Box: three with moods (+2, +3, +1), one without: mean +2. */
  ADD ("box_breathing", "completed", 4, 6, 20, 30);
  ADD ("box_breathing", "completed", 3, 6, 25, 31);
  ADD ("box_breathing", "completed", 5, 6, NAN, NAN);
  ADD ("box_breathing", "completed", ASCEND_NO_INT, 8, 30, 42);
  /* Abandoned sessions say nothing about what works. */
  ADD ("box_breathing", "abandoned", 8, 1, 50, 10);
  ADD ("box_breathing", "in_progress", 8, 1, 50, 10);
  /* Grounding: three, +4 each, better than box. */
  ADD ("grounding", "completed", 2, 6, NAN, NAN);
  ADD ("grounding", "completed", 3, 7, NAN, NAN);
  ADD ("grounding", "completed", 4, 8, NAN, NAN);
  /* Body scan: only two: not enough to say. */
  ADD ("body_scan", "completed", 2, 9, 10, 40);
  ADD ("body_scan", "completed", 2, 9, 10, 40);
  /* Unknown types are skipped. */
  ADD ("yoga", "completed", 1, 10, 1, 100);
#undef ADD

  effects = ascend_breathe_effects_compute ((AscendExerciseSession * const *) sessions->pdata,
                                            (AscendBreatheVitals *) vitals->data, sessions->len, 3);
  g_assert_cmpuint (effects->len, ==, 3);

  e = &g_array_index (effects, AscendBreatheEffect, 0);
  g_assert_cmpstr (e->exercise_type, ==, "grounding");
  g_assert_cmpuint (e->n_completed, ==, 3);
  g_assert_cmpfloat_with_epsilon (e->mood_change, 4.0, 1e-9);
  g_assert_cmpuint (e->n_hrv, ==, 0);
  g_assert_true (isnan (e->hrv_change));

  e = &g_array_index (effects, AscendBreatheEffect, 1);
  g_assert_cmpstr (e->exercise_type, ==, "box_breathing");
  g_assert_cmpuint (e->n_completed, ==, 4);
  g_assert_cmpuint (e->n_mood, ==, 3);
  g_assert_cmpfloat_with_epsilon (e->mood_change, 2.0, 1e-9);
  g_assert_cmpuint (e->n_hrv, ==, 3);
  g_assert_cmpfloat_with_epsilon (e->hrv_change, (10.0 + 6.0 + 12.0) / 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->heart_rate_change, -5.0, 1e-9);

  e = &g_array_index (effects, AscendBreatheEffect, 2);
  g_assert_cmpstr (e->exercise_type, ==, "body_scan");
  g_assert_cmpuint (e->n_mood, ==, 2);
  g_assert_true (isnan (e->mood_change));
  g_assert_true (isnan (e->hrv_change));

  g_clear_pointer (&effects, g_array_unref);
  effects = ascend_breathe_effects_compute (NULL, NULL, 0, 3);
  g_assert_cmpuint (effects->len, ==, 0);
}

/* From the store: sessions and the heart monitor's minute rows. */
static void
test_effects_from_store (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) effects = NULL;
  const AscendBreatheEffect *e;

  for (int i = 0; i < 3; i++)
    {
      gint64 start = T0 + i * 86400000 + 20000;
      gint64 id = ascend_breathe_history_begin (f->db, f->user, "deep_breathing", "manual", 3, start, &error);
      g_autoptr(AscendHealthReading) before = reading_at (T0 + i * 86400000 - 60000, 90, 20 + i);
      g_autoptr(AscendHealthReading) after = reading_at (T0 + i * 86400000 + 60000, 80, 30 + 2 * i);

      before->user_id = after->user_id = f->user;
      ascend_health_reading_insert (f->db, before, &error);
      ascend_health_reading_insert (f->db, after, &error);
      ascend_breathe_history_end (f->db, id, "completed", 76, 100, start + 110000, &error);
      ascend_breathe_history_set_mood_after (f->db, id, 5 + i, &error);
      g_assert_no_error (error);
    }
  effects = ascend_breathe_history_effects (f->db, f->user, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (effects->len, ==, 1);
  e = &g_array_index (effects, AscendBreatheEffect, 0);
  g_assert_cmpstr (e->exercise_type, ==, "deep_breathing");
  g_assert_cmpfloat_with_epsilon (e->mood_change, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->hrv_change, 11.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (e->heart_rate_change, -10.0, 1e-9);

  g_clear_pointer (&effects, g_array_unref);
  effects = ascend_breathe_history_effects (f->db, f->other, &error);
  g_assert_cmpuint (effects->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/breathe/scripts/every-type", test_scripts_cover_every_type);
  g_test_add_func ("/breathe/scripts/paces", test_scripts_paces);
  g_test_add_func ("/breathe/scripts/level-continuous", test_level_is_continuous);
  g_test_add_func ("/breathe/speed", test_speed_parse);
  g_test_add_func ("/breathe/session/complete", test_session_completes);
  g_test_add_func ("/breathe/session/pause-resume", test_session_pause_resume);
  g_test_add_func ("/breathe/session/abandon", test_session_abandon);
  g_test_add_func ("/breathe/session/next", test_session_next_steps);
  g_test_add_func ("/breathe/session/clock-backwards", test_session_clock_backwards);
  g_test_add ("/breathe/rows/complete", Fixture, NULL, setup, test_rows_complete, teardown);
  g_test_add ("/breathe/rows/abandon", Fixture, NULL, setup, test_rows_abandon, teardown);
  g_test_add ("/breathe/rows/crash-recovery", Fixture, NULL, setup, test_rows_crash_recovery, teardown);
  g_test_add ("/breathe/rows/pending", Fixture, NULL, setup, test_rows_pending, teardown);
  g_test_add ("/breathe/rows/recent", Fixture, NULL, setup, test_rows_recent, teardown);
  g_test_add_func ("/breathe/effects/vitals", test_vitals_from_readings);
  g_test_add_func ("/breathe/effects/compute", test_effects);
  g_test_add ("/breathe/effects/store", Fixture, NULL, setup, test_effects_from_store, teardown);

  return g_test_run ();
}
