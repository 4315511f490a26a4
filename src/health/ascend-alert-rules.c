/* ascend-alert-rules.c: when a reading becomes an alert, and how serious
 *
 * Severity table (T = the AscendAlertThresholds in force; "run" = consecutive
 * minutes of the episode in the named condition; every duration counts the
 * current minute, so one reading is "1 minute"):
 *
 *   high_heart_rate   out of range: hr > high_hr_rest_bpm (at rest) or
 *                     hr > high_hr_exercise_bpm (exercising: the session
 *                     explains a higher heart rate, so 150 bpm is nothing
 *                     during a session and 195 bpm is still high)
 *     medium    out of range for >= high_hr_minutes       (130 bpm, 2 min)
 *     high      hr >= very_high_hr_bpm, from its first minute   (180 bpm)
 *     critical  hr >= MAX (200, very_high_hr_bpm), from its first minute,
 *               or a run of >= 10 minutes at >= very_high_hr_bpm
 *
 *   low_heart_rate    out of range: hr < low_hr_bpm
 *     medium    out of range for >= low_hr_minutes         (38 bpm, 2 min)
 *     high      hr < very_low_hr_bpm, from its first minute
 *     critical  hr < MIN (25, very_low_hr_bpm), from its first minute,
 *               or a run of >= 10 minutes below very_low_hr_bpm
 *
 *   high_stress       out of range: stress >= high_stress_level
 *     low       out of range for >= high_stress_minutes
 *     medium    a run of >= MAX (20, high_stress_minutes) minutes at
 *               stress >= MAX (9, high_stress_level)
 *     (stress alone is never high or critical)
 *
 *   arrhythmia        out of range: the minute's rhythm is irregular
 *     medium    irregular for >= arrhythmia_minutes in a row
 *     high      irregular for >= MAX (5, arrhythmia_minutes) in a row
 *     critical  a run of >= 30 irregular minutes with hr > 130 (fast
 *               irregular rhythm sustained for half an hour)
 *
 *   fall_detected     always critical, never held back by a cool-down
 *
 * A severity that is not reached gives no event: 125 bpm for one minute at
 * rest is nothing yet.
 *
 * Episodes. An episode of a type is a series of minutes out of range for
 * it. It ends at a minute back in range, or when the next known minute of
 * that type comes more than 2 minutes after the episode's last out-of-range
 * minute (a gap in the data, or a timestamp that goes backwards). A minute
 * with an unknown value for the type (heart rate 0, stress 0, or a regular
 * rhythm flag with heart rate 0, i.e. no beats to judge) neither starts nor
 * ends an episode nor breaks a run; only the gap rule can end an episode
 * across unknown minutes. The episode's duration is the time from its first
 * to its current minute, inclusive.
 *
 * One event per episode. Each minute the episode's severity is worked out
 * from the table; an event is written when it is above what the episode
 * has already reported. The first event of an episode is a plain alert;
 * any later, higher one is an escalation (escalation = TRUE). A severity
 * that falls back within the episode gives nothing.
 *
 * Cool-down. The first event of an episode is held back while it is less
 * than cooldown_minutes after the last event of the same type and not more
 * severe than that event. The episode is then checked again each minute:
 * it is alerted once the cool-down has passed or once it becomes more
 * severe than that last event, so an episode still going on is not lost.
 * Escalations are never held back. Any event restarts the cool-down.
 *
 * When more events are due in one minute than fit in the caller's array,
 * the most severe are written first and the others stay due: they are
 * reconsidered at the next minute, as if not yet reached.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "ascend-alert-rules.h"

#define MINUTE_MS                    ((gint64) 60 * 1000)
#define EPISODE_GAP_MS               (2 * MINUTE_MS)
#define HR_CRITICAL_HIGH_BPM         200
#define HR_CRITICAL_LOW_BPM          25
#define HR_SUSTAINED_CRITICAL_MIN    10
#define STRESS_VERY_HIGH_LEVEL       9
#define STRESS_SUSTAINED_MIN         20
#define ARRHYTHMIA_HIGH_MIN          5
#define ARRHYTHMIA_CRITICAL_MIN      30
#define ARRHYTHMIA_FAST_BPM          130

#define NO_SEVERITY (-1)
#define N_MINUTE_TYPES 4

/* What one minute says about one type. */
typedef enum {
  READING_UNKNOWN,
  READING_IN_RANGE,
  READING_OUT,
} Reading;

/* Whether an out-of-range minute is also in the type's worse condition
 * (very high, very low, very stressed, fast irregular). */
typedef enum {
  WORSE_NO,
  WORSE_YES,
  WORSE_UNKNOWN,
} Worse;

typedef struct {
  gboolean       active;
  gint64         start_ms;
  gint64         last_ms;          /* the last out-of-range minute */
  gboolean       worse_active;
  gint64         worse_start_ms;
  int            reported;         /* highest severity written this episode */

  gboolean       have_event;
  gint64         last_event_ms;
  AscendSeverity last_event_severity;
} TypeState;

struct _AscendAlertEngine {
  AscendAlertThresholds t;
  TypeState             state[ASCEND_ALERT_N_TYPES];

  /* Context for a fall, which arrives between minutes. */
  gboolean              have_hr;
  gint64                hr_ms;
  int                   hr;
  gboolean              have_stress;
  gint64                stress_ms;
  int                   stress;
};

/* The minute inputs, shared by the per-type rules. */
typedef struct {
  gint64   ms;
  int      heart_rate;
  int      stress_level;
  gboolean arrhythmia;
  gboolean exercising;
} Minute;

typedef struct {
  AscendAlertType type;
  AscendSeverity  severity;
  gboolean        escalation;
  int             minutes;
} Candidate;

void
ascend_alert_thresholds_init_default (AscendAlertThresholds *t)
{
  g_return_if_fail (t != NULL);

  t->high_hr_rest_bpm = 120;
  t->high_hr_exercise_bpm = 185;
  t->high_hr_minutes = 2;
  t->very_high_hr_bpm = 180;
  t->low_hr_bpm = 40;
  t->very_low_hr_bpm = 30;
  t->low_hr_minutes = 2;
  t->high_stress_level = 8;
  t->high_stress_minutes = 10;
  t->arrhythmia_minutes = 2;
  t->cooldown_minutes = 30;
}

/* Preferences come from people and settings files: a duration below one
 * minute would alert before anything has lasted, a negative cool-down
 * means none. */
static void
sanitize (AscendAlertThresholds *t)
{
  t->high_hr_minutes = MAX (t->high_hr_minutes, 1);
  t->low_hr_minutes = MAX (t->low_hr_minutes, 1);
  t->high_stress_minutes = MAX (t->high_stress_minutes, 1);
  t->arrhythmia_minutes = MAX (t->arrhythmia_minutes, 1);
  t->cooldown_minutes = MAX (t->cooldown_minutes, 0);
}

AscendAlertEngine *
ascend_alert_engine_new (const AscendAlertThresholds *t)
{
  AscendAlertEngine *self = g_new0 (AscendAlertEngine, 1);

  if (t != NULL)
    ascend_alert_engine_set_thresholds (self, t);
  else
    {
      ascend_alert_thresholds_init_default (&self->t);
      sanitize (&self->t);
    }
  return self;
}

void
ascend_alert_engine_free (AscendAlertEngine *self)
{
  g_free (self);
}

/* Takes effect from the next minute, also for episodes under way: a value
 * now in range ends its episode, a higher severity escalates it. */
void
ascend_alert_engine_set_thresholds (AscendAlertEngine           *self,
                                    const AscendAlertThresholds *t)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (t != NULL);

  self->t = *t;
  sanitize (&self->t);
}

static int
span_minutes (gint64 from_ms,
              gint64 to_ms)
{
  gint64 m = (to_ms - from_ms) / MINUTE_MS + 1;

  return (int) CLAMP (m, 1, G_MAXINT);
}

static Reading
classify (const AscendAlertThresholds *t,
          AscendAlertType              type,
          const Minute                *m,
          Worse                       *worse)
{
  *worse = WORSE_NO;
  switch (type)
    {
    case ASCEND_ALERT_HIGH_HEART_RATE:
      {
        int limit = m->exercising ? t->high_hr_exercise_bpm : t->high_hr_rest_bpm;

        if (m->heart_rate <= 0)
          return READING_UNKNOWN;
        if (m->heart_rate <= limit)
          return READING_IN_RANGE;
        *worse = m->heart_rate >= t->very_high_hr_bpm ? WORSE_YES : WORSE_NO;
        return READING_OUT;
      }

    case ASCEND_ALERT_LOW_HEART_RATE:
      if (m->heart_rate <= 0)
        return READING_UNKNOWN;
      if (m->heart_rate >= t->low_hr_bpm)
        return READING_IN_RANGE;
      *worse = m->heart_rate < t->very_low_hr_bpm ? WORSE_YES : WORSE_NO;
      return READING_OUT;

    case ASCEND_ALERT_HIGH_STRESS:
      if (m->stress_level <= 0)
        return READING_UNKNOWN;
      if (m->stress_level < t->high_stress_level)
        return READING_IN_RANGE;
      *worse = m->stress_level >= MAX (STRESS_VERY_HIGH_LEVEL, t->high_stress_level)
               ? WORSE_YES : WORSE_NO;
      return READING_OUT;

    case ASCEND_ALERT_ARRHYTHMIA:
      /* "Regular" without a heart rate means no beats were judged. */
      if (!m->arrhythmia)
        return m->heart_rate > 0 ? READING_IN_RANGE : READING_UNKNOWN;
      if (m->heart_rate <= 0)
        *worse = WORSE_UNKNOWN;
      else
        *worse = m->heart_rate > ARRHYTHMIA_FAST_BPM ? WORSE_YES : WORSE_NO;
      return READING_OUT;

    case ASCEND_ALERT_FALL_DETECTED:
    case ASCEND_ALERT_N_TYPES:
    default:
      g_return_val_if_reached (READING_UNKNOWN);
    }
}

/* The table at the top of the file. minutes: the episode so far; worse_minutes:
 * the current run in the worse condition (0 when not in it). */
static int
severity_for (const AscendAlertThresholds *t,
              AscendAlertType              type,
              const Minute                *m,
              int                          minutes,
              int                          worse_minutes)
{
  switch (type)
    {
    case ASCEND_ALERT_HIGH_HEART_RATE:
      if (m->heart_rate >= MAX (HR_CRITICAL_HIGH_BPM, t->very_high_hr_bpm)
          || worse_minutes >= HR_SUSTAINED_CRITICAL_MIN)
        return ASCEND_SEVERITY_CRITICAL;
      if (worse_minutes >= 1)
        return ASCEND_SEVERITY_HIGH;
      if (minutes >= t->high_hr_minutes)
        return ASCEND_SEVERITY_MEDIUM;
      return NO_SEVERITY;

    case ASCEND_ALERT_LOW_HEART_RATE:
      if (m->heart_rate < MIN (HR_CRITICAL_LOW_BPM, t->very_low_hr_bpm)
          || worse_minutes >= HR_SUSTAINED_CRITICAL_MIN)
        return ASCEND_SEVERITY_CRITICAL;
      if (worse_minutes >= 1)
        return ASCEND_SEVERITY_HIGH;
      if (minutes >= t->low_hr_minutes)
        return ASCEND_SEVERITY_MEDIUM;
      return NO_SEVERITY;

    case ASCEND_ALERT_HIGH_STRESS:
      if (worse_minutes >= MAX (STRESS_SUSTAINED_MIN, t->high_stress_minutes))
        return ASCEND_SEVERITY_MEDIUM;
      if (minutes >= t->high_stress_minutes)
        return ASCEND_SEVERITY_LOW;
      return NO_SEVERITY;

    case ASCEND_ALERT_ARRHYTHMIA:
      if (worse_minutes >= ARRHYTHMIA_CRITICAL_MIN)
        return ASCEND_SEVERITY_CRITICAL;
      if (minutes >= MAX (ARRHYTHMIA_HIGH_MIN, t->arrhythmia_minutes))
        return ASCEND_SEVERITY_HIGH;
      if (minutes >= t->arrhythmia_minutes)
        return ASCEND_SEVERITY_MEDIUM;
      return NO_SEVERITY;

    case ASCEND_ALERT_FALL_DETECTED:
    case ASCEND_ALERT_N_TYPES:
    default:
      g_return_val_if_reached (NO_SEVERITY);
    }
}

static gboolean
in_cooldown (const AscendAlertEngine *self,
             const TypeState         *s,
             gint64                   now_ms,
             AscendSeverity           severity)
{
  gint64 since;

  if (!s->have_event || severity > s->last_event_severity)
    return FALSE;
  since = now_ms - s->last_event_ms;
  /* A clock that went back does not silence alerts. */
  return since >= 0 && since < self->t.cooldown_minutes * MINUTE_MS;
}

/* Advances the episode of one type by one minute and says whether an event
 * is due (without recording it: see commit ()). */
static gboolean
step (AscendAlertEngine *self,
      AscendAlertType    type,
      const Minute      *m,
      Candidate         *out)
{
  TypeState *s = &self->state[type];
  Worse worse;
  Reading r = classify (&self->t, type, m, &worse);
  int severity;
  int minutes;
  int worse_minutes;

  if (r == READING_UNKNOWN)
    return FALSE;

  if (s->active && (m->ms < s->last_ms || m->ms - s->last_ms > EPISODE_GAP_MS))
    s->active = FALSE;

  if (r == READING_IN_RANGE)
    {
      s->active = FALSE;
      return FALSE;
    }

  if (!s->active)
    {
      s->active = TRUE;
      s->start_ms = m->ms;
      s->worse_active = FALSE;
      s->reported = NO_SEVERITY;
    }
  s->last_ms = m->ms;

  if (worse == WORSE_YES && !s->worse_active)
    {
      s->worse_active = TRUE;
      s->worse_start_ms = m->ms;
    }
  else if (worse == WORSE_NO)
    s->worse_active = FALSE;

  minutes = span_minutes (s->start_ms, m->ms);
  worse_minutes = s->worse_active ? span_minutes (s->worse_start_ms, m->ms) : 0;
  severity = severity_for (&self->t, type, m, minutes, worse_minutes);

  if (severity == NO_SEVERITY || severity <= s->reported)
    return FALSE;
  if (s->reported == NO_SEVERITY && in_cooldown (self, s, m->ms, severity))
    return FALSE;

  out->type = type;
  out->severity = severity;
  out->escalation = s->reported != NO_SEVERITY;
  out->minutes = minutes;
  return TRUE;
}

static void
commit (AscendAlertEngine *self,
        const Candidate   *c,
        gint64             time_ms)
{
  TypeState *s = &self->state[c->type];

  s->reported = c->severity;
  s->have_event = TRUE;
  s->last_event_ms = time_ms;
  s->last_event_severity = c->severity;
}

static void
format_message (AscendAlertEvent *e)
{
  switch (e->type)
    {
    case ASCEND_ALERT_HIGH_HEART_RATE:
    case ASCEND_ALERT_LOW_HEART_RATE:
      g_snprintf (e->message, sizeof e->message,
                  g_dngettext (GETTEXT_PACKAGE,
                               "Heart rate %d bpm for %d minute",
                               "Heart rate %d bpm for %d minutes",
                               (gulong) e->minutes),
                  e->heart_rate, e->minutes);
      break;

    case ASCEND_ALERT_HIGH_STRESS:
      g_snprintf (e->message, sizeof e->message,
                  g_dngettext (GETTEXT_PACKAGE,
                               "Stress %d of 10 for %d minute",
                               "Stress %d of 10 for %d minutes",
                               (gulong) e->minutes),
                  e->stress_level, e->minutes);
      break;

    case ASCEND_ALERT_ARRHYTHMIA:
      g_snprintf (e->message, sizeof e->message,
                  g_dngettext (GETTEXT_PACKAGE,
                               "Irregular heart rhythm for %d minute",
                               "Irregular heart rhythm for %d minutes",
                               (gulong) e->minutes),
                  e->minutes);
      break;

    case ASCEND_ALERT_FALL_DETECTED:
      g_snprintf (e->message, sizeof e->message, "%s", _("A fall was detected"));
      break;

    case ASCEND_ALERT_N_TYPES:
    default:
      g_return_if_reached ();
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->severity != cb->severity)
    return ca->severity > cb->severity ? -1 : 1;
  return (int) ca->type - (int) cb->type;
}

guint
ascend_alert_engine_feed_minute (AscendAlertEngine *self,
                                 gint64             minute_ms,
                                 int                heart_rate,
                                 int                stress_level,
                                 gboolean           arrhythmia,
                                 gboolean           exercising,
                                 AscendAlertEvent  *out,
                                 guint              max)
{
  static const AscendAlertType minute_types[N_MINUTE_TYPES] = {
    ASCEND_ALERT_ARRHYTHMIA,
    ASCEND_ALERT_HIGH_STRESS,
    ASCEND_ALERT_LOW_HEART_RATE,
    ASCEND_ALERT_HIGH_HEART_RATE,
  };
  Candidate due[N_MINUTE_TYPES];
  Minute m = {
    .ms = minute_ms,
    .heart_rate = MAX (heart_rate, 0),
    .stress_level = MAX (stress_level, 0),
    .arrhythmia = !!arrhythmia,
    .exercising = !!exercising,
  };
  guint n_due = 0;
  guint n_out;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (out != NULL || max == 0, 0);

  if (m.heart_rate > 0)
    {
      self->have_hr = TRUE;
      self->hr_ms = minute_ms;
      self->hr = m.heart_rate;
    }
  if (m.stress_level > 0)
    {
      self->have_stress = TRUE;
      self->stress_ms = minute_ms;
      self->stress = m.stress_level;
    }

  for (guint i = 0; i < N_MINUTE_TYPES; i++)
    if (step (self, minute_types[i], &m, &due[n_due]))
      n_due++;

  qsort (due, n_due, sizeof due[0], compare_candidates);
  n_out = MIN (n_due, max);
  for (guint i = 0; i < n_out; i++)
    {
      AscendAlertEvent *e = &out[i];

      commit (self, &due[i], minute_ms);
      memset (e, 0, sizeof *e);
      e->type = due[i].type;
      e->severity = due[i].severity;
      e->time_ms = minute_ms;
      e->heart_rate = m.heart_rate;
      e->stress_level = m.stress_level;
      e->minutes = due[i].minutes;
      e->escalation = due[i].escalation;
      format_message (e);
    }
  return n_out;
}

/* The last minute's reading, when it is recent enough to describe the
 * moment of the fall. */
static int
recent (gboolean have,
        gint64   at_ms,
        int      value,
        gint64   now_ms)
{
  if (!have || ABS (now_ms - at_ms) > EPISODE_GAP_MS)
    return 0;
  return value;
}

gboolean
ascend_alert_engine_feed_fall (AscendAlertEngine *self,
                               gint64             time_ms,
                               int                heart_rate,
                               AscendAlertEvent  *out)
{
  TypeState *s;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  s = &self->state[ASCEND_ALERT_FALL_DETECTED];
  memset (out, 0, sizeof *out);
  out->type = ASCEND_ALERT_FALL_DETECTED;
  out->severity = ASCEND_SEVERITY_CRITICAL;
  out->time_ms = time_ms;
  out->heart_rate = heart_rate > 0 ? heart_rate
                                   : recent (self->have_hr, self->hr_ms, self->hr, time_ms);
  out->stress_level = recent (self->have_stress, self->stress_ms, self->stress, time_ms);
  out->minutes = 0;
  out->escalation = FALSE;
  format_message (out);

  s->have_event = TRUE;
  s->last_event_ms = time_ms;
  s->last_event_severity = ASCEND_SEVERITY_CRITICAL;
  return TRUE;
}

const char *
ascend_alert_type_to_string (AscendAlertType type)
{
  switch (type)
    {
    case ASCEND_ALERT_FALL_DETECTED:
      return "fall_detected";
    case ASCEND_ALERT_ARRHYTHMIA:
      return "arrhythmia";
    case ASCEND_ALERT_HIGH_STRESS:
      return "high_stress";
    case ASCEND_ALERT_LOW_HEART_RATE:
      return "low_heart_rate";
    case ASCEND_ALERT_HIGH_HEART_RATE:
      return "high_heart_rate";
    case ASCEND_ALERT_N_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ascend_severity_to_string (AscendSeverity severity)
{
  switch (severity)
    {
    case ASCEND_SEVERITY_LOW:
      return "low";
    case ASCEND_SEVERITY_MEDIUM:
      return "medium";
    case ASCEND_SEVERITY_HIGH:
      return "high";
    case ASCEND_SEVERITY_CRITICAL:
      return "critical";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ascend_alert_type_from_string (const char      *s,
                               AscendAlertType *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (s == NULL)
    return FALSE;
  for (int i = 0; i < ASCEND_ALERT_N_TYPES; i++)
    if (g_strcmp0 (s, ascend_alert_type_to_string ((AscendAlertType) i)) == 0)
      {
        *out = (AscendAlertType) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ascend_severity_from_string (const char     *s,
                             AscendSeverity *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (s == NULL)
    return FALSE;
  for (int i = ASCEND_SEVERITY_LOW; i <= ASCEND_SEVERITY_CRITICAL; i++)
    if (g_strcmp0 (s, ascend_severity_to_string ((AscendSeverity) i)) == 0)
      {
        *out = (AscendSeverity) i;
        return TRUE;
      }
  return FALSE;
}
