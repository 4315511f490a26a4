/* ascend-breathe-session.h: the guided exercises as data, and one session
 *
 * Pure: no widgets, no database, no clock of its own. An exercise is a
 * script, a list of phases (what to do, for how long, in which words) played
 * for a number of rounds. A session plays one script; every call takes the
 * time "now" in milliseconds from the caller, so the Breathe view drives it
 * with the frame clock (scaled by ASCEND_BREATHE_SPEED in tests) and the unit
 * tests drive it with numbers and run instantly.
 *
 *   READY --start--> RUNNING <--pause/resume--> PAUSED
 *   RUNNING --update (time is up)--> COMPLETED
 *   READY, RUNNING, PAUSED --abandon--> ABANDONED
 *
 * The position in the script is the time spent running (pauses do not
 * count) plus the steps skipped with Next; completion is that position over
 * the script's length.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* exerciseSessions.exerciseType values (spec/schema.md). */
#define ASCEND_EXERCISE_BOX_BREATHING          "box_breathing"
#define ASCEND_EXERCISE_DEEP_BREATHING         "deep_breathing"
#define ASCEND_EXERCISE_GROUNDING              "grounding"
#define ASCEND_EXERCISE_BODY_SCAN              "body_scan"
#define ASCEND_EXERCISE_PROGRESSIVE_RELAXATION "progressive_relaxation"
#define ASCEND_EXERCISE_GENTLE_MOVEMENT        "gentle_movement"

/* What the body does in a phase; the orb follows it. */
typedef enum {
  ASCEND_PHASE_INHALE,    /* orb grows */
  ASCEND_PHASE_HOLD_IN,   /* orb stays full */
  ASCEND_PHASE_EXHALE,    /* orb shrinks */
  ASCEND_PHASE_HOLD_OUT,  /* orb stays small */
  ASCEND_PHASE_NOTICE,    /* grounding, body scan: attention, orb rests */
  ASCEND_PHASE_TENSE,     /* progressive relaxation: orb draws in */
  ASCEND_PHASE_RELEASE,   /* orb opens out */
  ASCEND_PHASE_MOVE,      /* gentle movement: orb sways */
  ASCEND_N_PHASE_KINDS
} AscendPhaseKind;

typedef struct {
  AscendPhaseKind kind;
  guint           seconds;
  const char     *words;   /* untranslated (N_), short: "Breathe in" */
  const char     *detail;  /* untranslated guidance sentence, or NULL */
} AscendExercisePhase;

typedef struct {
  const char                *id;             /* unique: "box_breathing", "deep_breathing_478", ... */
  const char                *exercise_type;  /* exerciseSessions.exerciseType */
  const char                *title;          /* untranslated (N_) */
  const char                *pace;           /* untranslated name of the variant, or NULL */
  const char                *summary;        /* untranslated */
  const char                *icon_name;
  const AscendExercisePhase *phases;
  guint                      n_phases;
  guint                      rounds;         /* the phases play this many times */
  gboolean                   counted;        /* words carry a countdown: "Breathe in… 4" */
  gboolean                   steps;          /* self-paced steps: Next moves on early */
} AscendExerciseScript;

/* Every script, in the order the picker shows them (one per exercise type;
 * deep breathing has two paces: 4-7-8 and resonance). */
const AscendExerciseScript *ascend_exercise_scripts          (guint      *n_scripts);
const AscendExerciseScript *ascend_exercise_script_lookup    (const char *id);
/* The first script of an exerciseType, or NULL for an unknown type. */
const AscendExerciseScript *ascend_exercise_script_for_type  (const char *exercise_type);
/* The translated title of an exerciseType ("Box Breathing"); the type
 * itself when unknown. */
const char                 *ascend_exercise_type_title       (const char *exercise_type);
gint64                      ascend_exercise_script_total_ms  (const AscendExerciseScript *script);
guint                       ascend_exercise_script_n_steps   (const AscendExerciseScript *script);

/* Orb size from 0 (empty lungs) to 1 (full) during a phase at fraction
 * 0..1 of it, eased. Continuous from one breathing phase to the next. */
double                      ascend_breathe_phase_level       (AscendPhaseKind kind,
                                                              double          fraction);

/* ASCEND_BREATHE_SPEED: how many times faster than real time sessions run
 * (tests); 1 when unset or not a number, clamped to 0.1..1000. */
double                      ascend_breathe_speed_parse       (const char *text);

typedef enum {
  ASCEND_BREATHE_READY,
  ASCEND_BREATHE_RUNNING,
  ASCEND_BREATHE_PAUSED,
  ASCEND_BREATHE_COMPLETED,
  ASCEND_BREATHE_ABANDONED,
} AscendBreatheState;

/* Where a session is at a given time. */
typedef struct {
  AscendBreatheState         state;
  const AscendExercisePhase *phase;          /* NULL once ended */
  guint                      step;           /* 0 .. n_steps - 1 */
  guint                      n_steps;
  guint                      round;          /* 0-based */
  double                     phase_fraction; /* 0..1 */
  gint64                     phase_remaining_ms;
  guint                      count;          /* whole seconds left in the phase, rounded up */
  gint64                     position_ms;    /* in the script */
  gint64                     total_ms;
  double                     progress;       /* 0..1 */
  double                     level;          /* orb size 0..1 */
} AscendBreatheFrame;

typedef struct _AscendBreatheSession AscendBreatheSession;

AscendBreatheSession *ascend_breathe_session_new       (const AscendExerciseScript *script);
void                  ascend_breathe_session_free      (AscendBreatheSession *self);
const AscendExerciseScript *
                      ascend_breathe_session_get_script (AscendBreatheSession *self);
AscendBreatheState    ascend_breathe_session_get_state (AscendBreatheSession *self);

/* Each returns FALSE (and changes nothing) when the event does not apply in
 * the current state. Time never runs backwards: a now earlier than the last
 * one counts as the last one. */
gboolean ascend_breathe_session_start   (AscendBreatheSession *self,
                                         gint64                now_ms);
gboolean ascend_breathe_session_pause   (AscendBreatheSession *self,
                                         gint64                now_ms);
gboolean ascend_breathe_session_resume  (AscendBreatheSession *self,
                                         gint64                now_ms);
/* Moves to the start of the next step (the end of the last completes). */
gboolean ascend_breathe_session_next    (AscendBreatheSession *self,
                                         gint64                now_ms);
gboolean ascend_breathe_session_abandon (AscendBreatheSession *self,
                                         gint64                now_ms);

/* Advances to now (completing the session when the script has run out) and
 * describes it; returns the state. frame may be NULL. */
AscendBreatheState ascend_breathe_session_update (AscendBreatheSession *self,
                                                  gint64                now_ms,
                                                  AscendBreatheFrame   *frame);

/* 0-100, floor of the position over the length; 100 once completed. */
guint    ascend_breathe_session_completion_percentage (AscendBreatheSession *self);
/* Time spent running, pauses excluded, in whole seconds (rounded). */
guint    ascend_breathe_session_duration_seconds      (AscendBreatheSession *self);

/* "Breathe in… 4" for counted scripts, the words alone otherwise;
 * translated. NULL once the session has ended. */
char    *ascend_breathe_frame_words (const AscendBreatheFrame    *frame,
                                     const AscendExerciseScript *script);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendBreatheSession, ascend_breathe_session_free)

G_END_DECLS
