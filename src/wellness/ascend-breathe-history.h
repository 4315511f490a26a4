/* ascend-breathe-history.h: exercise sessions in the store, and what works
 *
 * The rows of exerciseSessions a guided session writes, through the typed
 * store API:
 *   begin       a row in_progress when the exercise starts (moodBefore may
 *               be ASCEND_NO_INT: skipped)
 *   checkpoint  every few seconds, durationSeconds and completionPercentage,
 *               so a crash leaves the real progress behind
 *   end         completed or abandoned, with completedAt
 *   recover     on the next start, rows a crash left in_progress become
 *               abandoned (completedAt = startedAt + the checkpointed
 *               duration: the last moment known to be in the session)
 *
 * "What works for you" compares, per exercise type, the mood before and
 * after and the heart-rate variability before and after completed sessions.
 * The HRV values come from the per-minute healthReadings the heart monitor
 * writes (RMSSD over the minute; a reading's createdAt is the start of its
 * minute): "before" is the newest minute mostly before the start (its middle
 * before startedAt) that ended at most 5 minutes before it, "after" the
 * newest minute mostly inside the session (its middle in [startedAt,
 * completedAt]).
 */
#pragma once

#include "ascend-health-store.h"

G_BEGIN_DECLS

/* Sessions of one type needed before its mean changes are shown. */
#define ASCEND_BREATHE_EFFECT_MIN_SESSIONS 3
/* How long a row started by app.breathe-now waits to be picked up. */
#define ASCEND_BREATHE_PENDING_MAX_AGE_MS (15 * 60 * 1000)

gint64   ascend_breathe_history_begin      (AscendDatabase *db,
                                            gint64          user_id,
                                            const char     *exercise_type,
                                            const char     *trigger_reason,
                                            gint64          mood_before,
                                            gint64          started_at,
                                            GError        **error);
/* Takes over a row in_progress (one app.breathe-now made): it starts now,
 * as exercise_type, with mood_before. */
gboolean ascend_breathe_history_restart    (AscendDatabase *db,
                                            gint64          session_id,
                                            const char     *exercise_type,
                                            gint64          mood_before,
                                            gint64          started_at,
                                            GError        **error);
gboolean ascend_breathe_history_checkpoint (AscendDatabase *db,
                                            gint64          session_id,
                                            guint           duration_seconds,
                                            guint           completion_percentage,
                                            GError        **error);
/* status "completed" or "abandoned"; completed_at is clamped to startedAt
 * or later. */
gboolean ascend_breathe_history_end        (AscendDatabase *db,
                                            gint64          session_id,
                                            const char     *status,
                                            guint           duration_seconds,
                                            guint           completion_percentage,
                                            gint64          completed_at,
                                            GError        **error);
gboolean ascend_breathe_history_set_mood_after (AscendDatabase *db,
                                                gint64          session_id,
                                                gint64          mood_after,
                                                GError        **error);
/* Closes the user's rows in_progress that started before before_ms as
 * abandoned; returns how many, -1 on error. */
gint64   ascend_breathe_history_recover    (AscendDatabase *db,
                                            gint64          user_id,
                                            gint64          before_ms,
                                            GError        **error);
/* The newest row in_progress that started in [now_ms - max_age, now_ms]
 * and whose id is not in claimed (may be NULL; a set of gint64 pointers),
 * or NULL. */
AscendExerciseSession *ascend_breathe_history_pending (AscendDatabase *db,
                                                       gint64          user_id,
                                                       gint64          now_ms,
                                                       GHashTable     *claimed,
                                                       GError        **error);
/* The user's sessions, newest first, at most limit (0: all). */
GPtrArray *ascend_breathe_history_recent   (AscendDatabase *db,
                                            gint64          user_id,
                                            guint           limit,
                                            GError        **error);

typedef struct {
  double heart_rate_before;  /* bpm, NAN when not measured */
  double heart_rate_after;
  double hrv_before;         /* RMSSD ms, NAN when not measured */
  double hrv_after;
} AscendBreatheVitals;

/* Pure: the vitals of a session from the minute readings around it (any
 * order; readings of other times are ignored). */
void     ascend_breathe_vitals_from_readings (AscendHealthReading * const *readings,
                                              guint                        n_readings,
                                              gint64                       started_at,
                                              gint64                       completed_at,
                                              AscendBreatheVitals         *out);

typedef struct {
  const char *exercise_type;  /* static string */
  guint       n_completed;
  guint       n_mood;         /* completed with a mood before and after */
  double      mood_change;    /* mean after - before; NAN below the minimum */
  guint       n_hrv;          /* completed with HRV before and after */
  double      hrv_change;     /* mean ms; NAN below the minimum */
  double      heart_rate_change; /* mean bpm over the same sessions; NAN below */
} AscendBreatheEffect;

/* Pure: one entry per exercise type with a completed session, best mood
 * change first (types below the minimum last, by sessions done). vitals
 * holds one entry per session, or is NULL. */
GArray  *ascend_breathe_effects_compute    (AscendExerciseSession * const *sessions,
                                            const AscendBreatheVitals     *vitals,
                                            guint                          n_sessions,
                                            guint                          min_sessions);
/* The same from the store: the user's sessions and readings. */
GArray  *ascend_breathe_history_effects    (AscendDatabase *db,
                                            gint64          user_id,
                                            GError        **error);

G_END_DECLS
