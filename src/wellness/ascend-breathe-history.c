/* ascend-breathe-history.c: exercise sessions in the store, and what works */
#include "config.h"

#include <math.h>

#include "ascend-breathe-history.h"
#include "ascend-breathe-session.h"

#define MINUTE_MS (60 * 1000)
/* How far back before the start a minute still tells how things were. */
#define BEFORE_LOOKBACK_MS (5 * MINUTE_MS)

static AscendExerciseSession *
get_session (AscendDatabase  *db,
             gint64           session_id,
             GError         **error)
{
  return ascend_exercise_session_get (db, session_id, error);
}

gint64
ascend_breathe_history_begin (AscendDatabase  *db,
                              gint64           user_id,
                              const char      *exercise_type,
                              const char      *trigger_reason,
                              gint64           mood_before,
                              gint64           started_at,
                              GError         **error)
{
  g_autoptr(AscendExerciseSession) s = ascend_exercise_session_new ();

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (exercise_type != NULL, 0);

  s->user_id = user_id;
  s->exercise_type = g_strdup (exercise_type);
  s->trigger_reason = g_strdup (trigger_reason);
  s->mood_before = mood_before;
  s->started_at = started_at;
  return ascend_exercise_session_insert (db, s, error);
}

gboolean
ascend_breathe_history_restart (AscendDatabase  *db,
                                gint64           session_id,
                                const char      *exercise_type,
                                gint64           mood_before,
                                gint64           started_at,
                                GError         **error)
{
  g_autoptr(AscendExerciseSession) s = get_session (db, session_id, error);

  if (s == NULL)
    return FALSE;
  g_free (s->exercise_type);
  s->exercise_type = g_strdup (exercise_type);
  s->mood_before = mood_before;
  s->started_at = started_at;
  s->duration_seconds = 0;
  s->completion_percentage = 0;
  return ascend_exercise_session_update (db, s, error);
}

gboolean
ascend_breathe_history_checkpoint (AscendDatabase  *db,
                                   gint64           session_id,
                                   guint            duration_seconds,
                                   guint            completion_percentage,
                                   GError         **error)
{
  g_autoptr(AscendExerciseSession) s = get_session (db, session_id, error);

  if (s == NULL)
    return FALSE;
  s->duration_seconds = duration_seconds;
  s->completion_percentage = MIN (completion_percentage, 100);
  return ascend_exercise_session_update (db, s, error);
}

gboolean
ascend_breathe_history_end (AscendDatabase  *db,
                            gint64           session_id,
                            const char      *status,
                            guint            duration_seconds,
                            guint            completion_percentage,
                            gint64           completed_at,
                            GError         **error)
{
  g_autoptr(AscendExerciseSession) s = NULL;

  g_return_val_if_fail (g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "abandoned") == 0, FALSE);

  s = get_session (db, session_id, error);
  if (s == NULL)
    return FALSE;
  g_free (s->status);
  s->status = g_strdup (status);
  s->duration_seconds = duration_seconds;
  s->completion_percentage = MIN (completion_percentage, 100);
  s->completed_at = MAX (completed_at, s->started_at);
  return ascend_exercise_session_update (db, s, error);
}

gboolean
ascend_breathe_history_set_mood_after (AscendDatabase  *db,
                                       gint64           session_id,
                                       gint64           mood_after,
                                       GError         **error)
{
  g_autoptr(AscendExerciseSession) s = get_session (db, session_id, error);

  if (s == NULL)
    return FALSE;
  s->mood_after = mood_after;
  return ascend_exercise_session_update (db, s, error);
}

gint64
ascend_breathe_history_recover (AscendDatabase  *db,
                                gint64           user_id,
                                gint64           before_ms,
                                GError         **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 closed = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), -1);

  sessions = ascend_exercise_session_list (db, user_id, 0, 0, error);
  if (sessions == NULL)
    return -1;
  if (!ascend_database_begin (db, error))
    return -1;
  for (guint i = 0; i < sessions->len; i++)
    {
      AscendExerciseSession *s = sessions->pdata[i];

      if (g_strcmp0 (s->status, "in_progress") != 0 || s->started_at >= before_ms)
        continue;
      g_free (s->status);
      s->status = g_strdup ("abandoned");
      /* The last checkpoint is the last moment known to be in the session. */
      s->completed_at = s->started_at + s->duration_seconds * 1000;
      if (!ascend_exercise_session_update (db, s, error))
        {
          ascend_database_rollback (db);
          return -1;
        }
      closed++;
    }
  if (!ascend_database_commit (db, error))
    return -1;
  return closed;
}

AscendExerciseSession *
ascend_breathe_history_pending (AscendDatabase  *db,
                                gint64           user_id,
                                gint64           now_ms,
                                GHashTable      *claimed,
                                GError         **error)
{
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  sessions = ascend_exercise_session_list (db, user_id, now_ms - ASCEND_BREATHE_PENDING_MAX_AGE_MS, now_ms + 1, error);
  if (sessions == NULL)
    return NULL;
  for (guint i = sessions->len; i > 0; i--)
    {
      AscendExerciseSession *s = sessions->pdata[i - 1];

      if (g_strcmp0 (s->status, "in_progress") != 0 ||
          ascend_exercise_script_for_type (s->exercise_type) == NULL ||
          (claimed != NULL && g_hash_table_contains (claimed, &s->id)))
        continue;
      return g_ptr_array_steal_index (sessions, i - 1);
    }
  return NULL;
}

GPtrArray *
ascend_breathe_history_recent (AscendDatabase  *db,
                               gint64           user_id,
                               guint            limit,
                               GError         **error)
{
  GPtrArray *sessions;
  GPtrArray *recent;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  /* Oldest first from the store; a person's sessions number in the
   * hundreds, so reversing in memory is cheap. */
  sessions = ascend_exercise_session_list (db, user_id, 0, 0, error);
  if (sessions == NULL)
    return NULL;
  recent = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_exercise_session_free);
  for (guint i = sessions->len; i > 0 && (limit == 0 || recent->len < limit); i--)
    g_ptr_array_add (recent, g_ptr_array_steal_index (sessions, i - 1));
  g_ptr_array_unref (sessions);
  return recent;
}

/* Keeps in *best the newest of the readings that have a value. */
static void
take_newest (const AscendHealthReading **best_hr,
             const AscendHealthReading **best_hrv,
             const AscendHealthReading  *r)
{
  if (r->heart_rate != ASCEND_NO_INT && (*best_hr == NULL || r->created_at > (*best_hr)->created_at))
    *best_hr = r;
  if (!isnan (r->hrv) && (*best_hrv == NULL || r->created_at > (*best_hrv)->created_at))
    *best_hrv = r;
}

void
ascend_breathe_vitals_from_readings (AscendHealthReading * const *readings,
                                     guint                        n_readings,
                                     gint64                       started_at,
                                     gint64                       completed_at,
                                     AscendBreatheVitals         *out)
{
  const AscendHealthReading *hr_before = NULL, *hrv_before = NULL, *hr_after = NULL, *hrv_after = NULL;

  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_readings; i++)
    {
      const AscendHealthReading *r = readings[i];
      gint64 minute_end = r->created_at + MINUTE_MS;
      gint64 middle = r->created_at + MINUTE_MS / 2;

      if (middle < started_at && minute_end >= started_at - BEFORE_LOOKBACK_MS)
        take_newest (&hr_before, &hrv_before, r);
      else if (middle >= started_at && middle <= completed_at)
        take_newest (&hr_after, &hrv_after, r);
    }
  out->heart_rate_before = hr_before ? (double) hr_before->heart_rate : NAN;
  out->heart_rate_after = hr_after ? (double) hr_after->heart_rate : NAN;
  out->hrv_before = hrv_before ? hrv_before->hrv : NAN;
  out->hrv_after = hrv_after ? hrv_after->hrv : NAN;
}

typedef struct {
  AscendBreatheEffect effect;
  double mood_sum;
  double hrv_sum;
  double hr_sum;
  guint  n_hr;
} Acc;

static int
compare_effects (gconstpointer a,
                 gconstpointer b)
{
  const AscendBreatheEffect *x = a, *y = b;
  gboolean xs = !isnan (x->mood_change), ys = !isnan (y->mood_change);

  if (xs != ys)
    return xs ? -1 : 1;
  if (xs && x->mood_change != y->mood_change)
    return x->mood_change > y->mood_change ? -1 : 1;
  if (x->n_completed != y->n_completed)
    return x->n_completed > y->n_completed ? -1 : 1;
  return g_strcmp0 (x->exercise_type, y->exercise_type);
}

GArray *
ascend_breathe_effects_compute (AscendExerciseSession * const *sessions,
                                const AscendBreatheVitals     *vitals,
                                guint                          n_sessions,
                                guint                          min_sessions)
{
  g_autoptr(GArray) acc = g_array_new (FALSE, TRUE, sizeof (Acc));
  GArray *effects = g_array_new (FALSE, TRUE, sizeof (AscendBreatheEffect));

  min_sessions = MAX (min_sessions, 1);
  for (guint i = 0; i < n_sessions; i++)
    {
      const AscendExerciseSession *s = sessions[i];
      const AscendExerciseScript *script = ascend_exercise_script_for_type (s->exercise_type);
      Acc *a = NULL;

      if (script == NULL || g_strcmp0 (s->status, "completed") != 0)
        continue;
      for (guint j = 0; j < acc->len && a == NULL; j++)
        if (g_str_equal (g_array_index (acc, Acc, j).effect.exercise_type, script->exercise_type))
          a = &g_array_index (acc, Acc, j);
      if (a == NULL)
        {
          g_array_set_size (acc, acc->len + 1);
          a = &g_array_index (acc, Acc, acc->len - 1);
          a->effect.exercise_type = script->exercise_type;
        }
      a->effect.n_completed++;
      if (s->mood_before != ASCEND_NO_INT && s->mood_after != ASCEND_NO_INT)
        {
          a->effect.n_mood++;
          a->mood_sum += (double) (s->mood_after - s->mood_before);
        }
      if (vitals != NULL && !isnan (vitals[i].hrv_before) && !isnan (vitals[i].hrv_after))
        {
          a->effect.n_hrv++;
          a->hrv_sum += vitals[i].hrv_after - vitals[i].hrv_before;
          if (!isnan (vitals[i].heart_rate_before) && !isnan (vitals[i].heart_rate_after))
            {
              a->n_hr++;
              a->hr_sum += vitals[i].heart_rate_after - vitals[i].heart_rate_before;
            }
        }
    }
  for (guint j = 0; j < acc->len; j++)
    {
      Acc *a = &g_array_index (acc, Acc, j);
      AscendBreatheEffect e = a->effect;

      e.mood_change = e.n_mood >= min_sessions ? a->mood_sum / e.n_mood : NAN;
      e.hrv_change = e.n_hrv >= min_sessions ? a->hrv_sum / e.n_hrv : NAN;
      e.heart_rate_change = e.n_hrv >= min_sessions && a->n_hr > 0 ? a->hr_sum / a->n_hr : NAN;
      g_array_append_val (effects, e);
    }
  g_array_sort (effects, compare_effects);
  return effects;
}

GArray *
ascend_breathe_history_effects (AscendDatabase  *db,
                                gint64           user_id,
                                GError         **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GArray) vitals = NULL;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  sessions = ascend_exercise_session_list (db, user_id, 0, 0, error);
  if (sessions == NULL)
    return NULL;
  vitals = g_array_sized_new (FALSE, TRUE, sizeof (AscendBreatheVitals), sessions->len);
  g_array_set_size (vitals, sessions->len);
  for (guint i = 0; i < sessions->len; i++)
    {
      AscendExerciseSession *s = sessions->pdata[i];
      AscendBreatheVitals *v = &g_array_index (vitals, AscendBreatheVitals, i);
      g_autoptr(GPtrArray) readings = NULL;

      *v = (AscendBreatheVitals) { NAN, NAN, NAN, NAN };
      if (g_strcmp0 (s->status, "completed") != 0 || s->completed_at <= 0)
        continue;
      readings = ascend_health_reading_list (db, user_id, s->started_at - BEFORE_LOOKBACK_MS - MINUTE_MS,
                                             s->completed_at + 1, error);
      if (readings == NULL)
        return NULL;
      ascend_breathe_vitals_from_readings ((AscendHealthReading * const *) readings->pdata, readings->len,
                                           s->started_at, s->completed_at, v);
    }
  return ascend_breathe_effects_compute ((AscendExerciseSession * const *) sessions->pdata,
                                         (AscendBreatheVitals *) vitals->data, sessions->len,
                                         ASCEND_BREATHE_EFFECT_MIN_SESSIONS);
}
