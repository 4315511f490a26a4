/* test-alert-rules.c: which minute series become which alerts
 *
 * Table-driven: each case is a synthetic series of minute readings (runs of
 * identical minutes, falls, threshold changes) and the exact list of events
 * it must produce, in order. The harness also checks, for every event, that
 * it carries the heart rate and stress of the minute that raised it.
 */
#include "config.h"

#include "ascend-test-util.h"
#include "ascend-alert-rules.h"

#define T0        ((gint64) 1767225600000) /* 2026-01-01 00:00 UTC */
#define MIN_MS    ((gint64) 60000)
#define AT(m)     (T0 + (gint64) (m) * MIN_MS)
#define MAX_STEPS 12
#define MAX_EVENTS 8

#define HIGH_HR   ASCEND_ALERT_HIGH_HEART_RATE
#define LOW_HR    ASCEND_ALERT_LOW_HEART_RATE
#define STRESS    ASCEND_ALERT_HIGH_STRESS
#define ARRHY     ASCEND_ALERT_ARRHYTHMIA
#define FALL_T    ASCEND_ALERT_FALL_DETECTED
#define LOW       ASCEND_SEVERITY_LOW
#define MEDIUM    ASCEND_SEVERITY_MEDIUM
#define HIGH      ASCEND_SEVERITY_HIGH
#define CRITICAL  ASCEND_SEVERITY_CRITICAL

typedef enum {
  STEP_END = 0,
  STEP_MINUTES,
  STEP_FALL,
  STEP_SET,
} StepKind;

typedef void (*SetThresholds) (AscendAlertThresholds *t);

typedef struct {
  StepKind      kind;
  int           at;      /* first minute (from T0) */
  int           count;   /* minutes at..at+count-1 with the same reading */
  int           hr;
  int           stress;
  gboolean      arrhythmia;
  gboolean      exercising;
  SetThresholds set;     /* STEP_SET: applied to the defaults */
} Step;

typedef struct {
  gboolean        used;
  int             at;
  AscendAlertType type;
  AscendSeverity  severity;
  gboolean        escalation;
  int             minutes;
  const char     *message; /* NULL: not checked */
} Expect;

typedef struct {
  const char    *name;
  SetThresholds  thresholds; /* NULL: the defaults */
  Step           steps[MAX_STEPS];
  Expect         events[MAX_EVENTS];
} Case;

/* Readings: hr, stress, irregular, exercising */
#define RUN(at_, n_, hr_, st_, ar_, ex_) { STEP_MINUTES, at_, n_, hr_, st_, ar_, ex_, NULL }
#define HR(at_, n_, hr_)                 RUN (at_, n_, hr_, 3, FALSE, FALSE)
#define HR_EX(at_, n_, hr_)              RUN (at_, n_, hr_, 3, FALSE, TRUE)
#define STRESS_RUN(at_, n_, st_)         RUN (at_, n_, 72, st_, FALSE, FALSE)
#define IRREG(at_, n_, hr_)              RUN (at_, n_, hr_, 0, TRUE, FALSE)
#define FALL(at_, hr_)                   { STEP_FALL, at_, 0, hr_, 0, FALSE, FALSE, NULL }
#define SET(at_, fn_)                    { STEP_SET, at_, 0, 0, 0, FALSE, FALSE, fn_ }
#define EV(at_, ty_, sev_, esc_, min_)   { TRUE, at_, ty_, sev_, esc_, min_, NULL }
#define EVM(at_, ty_, sev_, esc_, min_, msg_) { TRUE, at_, ty_, sev_, esc_, min_, msg_ }

static void
rest_threshold_100 (AscendAlertThresholds *t)
{
  t->high_hr_rest_bpm = 100;
}

static void
rest_threshold_140 (AscendAlertThresholds *t)
{
  t->high_hr_rest_bpm = 140;
}

static void
stress_12_minutes (AscendAlertThresholds *t)
{
  t->high_stress_minutes = 12;
}

static void
cooldown_5 (AscendAlertThresholds *t)
{
  t->cooldown_minutes = 5;
}

static void
arrhythmia_3_minutes (AscendAlertThresholds *t)
{
  t->arrhythmia_minutes = 3;
}

static void
low_hr_45_for_3 (AscendAlertThresholds *t)
{
  t->low_hr_bpm = 45;
  t->low_hr_minutes = 3;
}

static const Case cases[] = {
  /* The examples of the issue, exactly. */
  { "example-130-at-rest-2-minutes-is-medium", NULL,
    { HR (0, 2, 130) },
    { EVM (1, HIGH_HR, MEDIUM, FALSE, 2, "Heart rate 130 bpm for 2 minutes") } },
  { "example-180-is-high", NULL,
    { HR (0, 1, 180) },
    { EVM (0, HIGH_HR, HIGH, FALSE, 1, "Heart rate 180 bpm for 1 minute") } },
  { "example-fall-is-critical", NULL,
    { FALL (0, 96) },
    { EVM (0, FALL_T, CRITICAL, FALSE, 0, "A fall was detected") } },
  { "example-5-irregular-minutes-high-after-medium", NULL,
    { IRREG (0, 5, 88) },
    { EVM (1, ARRHY, MEDIUM, FALSE, 2, "Irregular heart rhythm for 2 minutes"),
      EVM (4, ARRHY, HIGH, TRUE, 5, "Irregular heart rhythm for 5 minutes") } },

  /* High heart rate, every severity and its edges. */
  { "hr-130-one-minute-is-nothing-yet", NULL,
    { HR (0, 1, 130) },
    { { 0 } } },
  { "hr-120-is-in-range-121-is-not", NULL,
    { HR (0, 5, 120), HR (5, 2, 121) },
    { EV (6, HIGH_HR, MEDIUM, FALSE, 2) } },
  { "hr-179-one-minute-is-nothing-yet", NULL,
    { HR (0, 1, 179) },
    { { 0 } } },
  { "hr-200-is-critical-at-once", NULL,
    { HR (0, 1, 200) },
    { EVM (0, HIGH_HR, CRITICAL, FALSE, 1, "Heart rate 200 bpm for 1 minute") } },
  { "hr-escalates-medium-high-critical", NULL,
    { HR (0, 1, 125), HR (1, 1, 130), HR (2, 10, 182) },
    { EVM (1, HIGH_HR, MEDIUM, FALSE, 2, "Heart rate 130 bpm for 2 minutes"),
      EVM (2, HIGH_HR, HIGH, TRUE, 3, "Heart rate 182 bpm for 3 minutes"),
      EVM (11, HIGH_HR, CRITICAL, TRUE, 12, "Heart rate 182 bpm for 12 minutes") } },
  { "hr-very-high-must-be-unbroken-for-critical", NULL,
    /* 9 minutes very high, one at 150 (still out of range), 9 more. */
    { HR (0, 9, 185), HR (9, 1, 150), HR (10, 9, 185) },
    { EV (0, HIGH_HR, HIGH, FALSE, 1) } },
  { "hr-falling-back-within-the-episode-says-nothing", NULL,
    { HR (0, 1, 190), HR (1, 10, 130) },
    { EV (0, HIGH_HR, HIGH, FALSE, 1) } },

  /* Exercise: the session explains a high heart rate, up to a point. */
  { "exercise-suppresses-150", NULL,
    { HR_EX (0, 20, 150) },
    { { 0 } } },
  { "exercise-does-not-suppress-195", NULL,
    { HR_EX (0, 1, 195) },
    { EVM (0, HIGH_HR, HIGH, FALSE, 1, "Heart rate 195 bpm for 1 minute") } },
  { "exercise-ended-150-at-rest-alerts", NULL,
    { HR_EX (0, 5, 150), HR (5, 2, 150) },
    { EV (6, HIGH_HR, MEDIUM, FALSE, 2) } },

  /* Low heart rate. */
  { "low-hr-38-for-2-minutes-is-medium", NULL,
    { HR (0, 2, 38) },
    { EVM (1, LOW_HR, MEDIUM, FALSE, 2, "Heart rate 38 bpm for 2 minutes") } },
  { "low-hr-40-is-in-range", NULL,
    { HR (0, 10, 40) },
    { { 0 } } },
  { "low-hr-28-is-high-at-once", NULL,
    { HR (0, 1, 28) },
    { EV (0, LOW_HR, HIGH, FALSE, 1) } },
  { "low-hr-24-is-critical-at-once", NULL,
    { HR (0, 1, 24) },
    { EVM (0, LOW_HR, CRITICAL, FALSE, 1, "Heart rate 24 bpm for 1 minute") } },
  { "low-hr-below-30-for-10-minutes-is-critical", NULL,
    { HR (0, 2, 35), HR (2, 10, 29) },
    { EV (1, LOW_HR, MEDIUM, FALSE, 2),
      EV (2, LOW_HR, HIGH, TRUE, 3),
      EV (11, LOW_HR, CRITICAL, TRUE, 12) } },

  /* Stress: low, then medium; never more. */
  { "stress-8-for-10-minutes-is-low", NULL,
    { STRESS_RUN (0, 10, 8) },
    { EVM (9, STRESS, LOW, FALSE, 10, "Stress 8 of 10 for 10 minutes") } },
  { "stress-8-for-9-minutes-is-nothing", NULL,
    { STRESS_RUN (0, 9, 8), STRESS_RUN (9, 1, 7) },
    { { 0 } } },
  { "stress-9-for-20-minutes-is-medium", NULL,
    { STRESS_RUN (0, 20, 9) },
    { EV (9, STRESS, LOW, FALSE, 10),
      EVM (19, STRESS, MEDIUM, TRUE, 20, "Stress 9 of 10 for 20 minutes") } },
  { "stress-is-never-high-or-critical", NULL,
    { STRESS_RUN (0, 180, 10) },
    { EV (9, STRESS, LOW, FALSE, 10),
      EV (19, STRESS, MEDIUM, TRUE, 20) } },
  { "stress-8-for-an-hour-stays-low", NULL,
    { STRESS_RUN (0, 60, 8) },
    { EV (9, STRESS, LOW, FALSE, 10) } },

  /* Irregular rhythm. */
  { "arrhythmia-one-minute-is-nothing", NULL,
    { IRREG (0, 1, 90), HR (1, 5, 70) },
    { { 0 } } },
  { "arrhythmia-slow-stays-high", NULL,
    { IRREG (0, 60, 95) },
    { EV (1, ARRHY, MEDIUM, FALSE, 2),
      EV (4, ARRHY, HIGH, TRUE, 5) } },
  { "arrhythmia-fast-for-30-minutes-is-critical", NULL,
    /* Exercising, so that 142 bpm is not also a high heart rate. */
    { RUN (0, 30, 142, 0, TRUE, TRUE) },
    { EV (1, ARRHY, MEDIUM, FALSE, 2),
      EV (4, ARRHY, HIGH, TRUE, 5),
      EVM (29, ARRHY, CRITICAL, TRUE, 30, "Irregular heart rhythm for 30 minutes") } },
  { "arrhythmia-a-regular-minute-ends-it", NULL,
    { IRREG (0, 1, 90), HR (1, 1, 70), IRREG (2, 1, 90), HR (3, 1, 70) },
    { { 0 } } },

  /* Falls: always critical, no cool-down. */
  { "falls-are-never-cooled-down", NULL,
    { HR (0, 1, 80), FALL (1, 0), FALL (2, 110) },
    { EV (1, FALL_T, CRITICAL, FALSE, 0),
      EV (2, FALL_T, CRITICAL, FALSE, 0) } },

  /* One alert per episode. */
  { "one-alert-for-30-minutes-at-130", NULL,
    { HR (0, 30, 130) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2) } },
  { "a-minute-in-range-ends-the-episode", NULL,
    { HR (0, 1, 130), HR (1, 1, 80), HR (2, 1, 130), HR (3, 1, 80) },
    { { 0 } } },
  { "a-missing-minute-does-not-end-it", NULL,
    { HR (0, 1, 130), HR (2, 1, 130) },
    { EV (2, HIGH_HR, MEDIUM, FALSE, 3) } },
  { "a-gap-over-2-minutes-ends-it", NULL,
    { HR (0, 1, 130), HR (3, 1, 130) },
    { { 0 } } },
  { "a-timestamp-going-back-ends-it", NULL,
    { HR (10, 1, 130), HR (5, 1, 130) },
    { { 0 } } },

  /* Cool-down per type. */
  { "cooldown-episodes-10-minutes-apart-one-event", NULL,
    { HR (0, 2, 130), HR (2, 10, 80), HR (12, 2, 130), HR (14, 2, 80) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2) } },
  { "cooldown-episodes-40-minutes-apart-two-events", NULL,
    { HR (0, 2, 130), HR (2, 40, 80), HR (42, 2, 130) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EV (43, HIGH_HR, MEDIUM, FALSE, 2) } },
  { "cooldown-higher-severity-gets-through", NULL,
    { HR (0, 2, 130), HR (2, 10, 80), HR (12, 1, 185) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EV (12, HIGH_HR, HIGH, FALSE, 1) } },
  { "cooldown-same-severity-held-back-even-if-high", NULL,
    { HR (0, 1, 185), HR (1, 5, 80), HR (6, 1, 181) },
    { EV (0, HIGH_HR, HIGH, FALSE, 1) } },
  { "cooldown-is-per-type", NULL,
    { HR (0, 2, 130), HR (2, 3, 80), HR (5, 2, 38) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EV (6, LOW_HR, MEDIUM, FALSE, 2) } },
  { "cooldown-ends-during-a-held-back-episode", NULL,
    /* Held back from minute 13; alerted 30 minutes after minute 1. */
    { HR (0, 2, 130), HR (2, 10, 80), HR (12, 30, 130) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EVM (31, HIGH_HR, MEDIUM, FALSE, 20, "Heart rate 130 bpm for 20 minutes") } },
  { "cooldown-escalations-are-never-held-back", NULL,
    { HR (0, 2, 130), HR (2, 1, 181), HR (3, 1, 201) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EV (2, HIGH_HR, HIGH, TRUE, 3),
      EV (3, HIGH_HR, CRITICAL, TRUE, 4) } },
  { "cooldown-after-an-escalation-counts-from-it", NULL,
    /* Last event: high at minute 2; a new medium episode at 20 is held. */
    { HR (0, 2, 130), HR (2, 1, 181), HR (3, 17, 80), HR (20, 3, 130) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EV (2, HIGH_HR, HIGH, TRUE, 3) } },

  /* Unknown values (0) neither start nor end an episode. */
  { "unknown-values-start-nothing", NULL,
    { RUN (0, 60, 0, 0, FALSE, FALSE) },
    { { 0 } } },
  { "unknown-minute-does-not-end-an-episode", NULL,
    { HR (0, 1, 130), RUN (1, 1, 0, 0, FALSE, FALSE), HR (2, 1, 130) },
    { EV (2, HIGH_HR, MEDIUM, FALSE, 3) } },
  { "unknown-stress-does-not-end-stress", NULL,
    { STRESS_RUN (0, 5, 8), RUN (5, 1, 70, 0, FALSE, FALSE), STRESS_RUN (6, 4, 8) },
    { EV (9, STRESS, LOW, FALSE, 10) } },
  { "regular-flag-without-heart-rate-is-unknown", NULL,
    { IRREG (0, 1, 90), RUN (1, 1, 0, 0, FALSE, FALSE), IRREG (2, 1, 90) },
    { EV (2, ARRHY, MEDIUM, FALSE, 3) } },
  { "irregular-without-heart-rate-still-counts", NULL,
    { IRREG (0, 2, 0) },
    { EVM (1, ARRHY, MEDIUM, FALSE, 2, "Irregular heart rhythm for 2 minutes") } },
  { "unknown-minutes-past-the-gap-end-it", NULL,
    { HR (0, 1, 130), RUN (1, 3, 0, 0, FALSE, FALSE), HR (4, 1, 130) },
    { { 0 } } },

  /* Thresholds are preferences and may change at any time. */
  { "thresholds-custom-stress-minutes", stress_12_minutes,
    { STRESS_RUN (0, 12, 9) },
    { EVM (11, STRESS, LOW, FALSE, 12, "Stress 9 of 10 for 12 minutes") } },
  { "thresholds-custom-low-hr", low_hr_45_for_3,
    { HR (0, 3, 43) },
    { EVM (2, LOW_HR, MEDIUM, FALSE, 3, "Heart rate 43 bpm for 3 minutes") } },
  { "thresholds-custom-arrhythmia-minutes", arrhythmia_3_minutes,
    { IRREG (0, 5, 90) },
    { EV (2, ARRHY, MEDIUM, FALSE, 3),
      EV (4, ARRHY, HIGH, TRUE, 5) } },
  { "thresholds-lowered-at-run-time", NULL,
    { HR (0, 5, 110), SET (5, rest_threshold_100), HR (5, 2, 110) },
    { EVM (6, HIGH_HR, MEDIUM, FALSE, 2, "Heart rate 110 bpm for 2 minutes") } },
  { "thresholds-raised-mid-episode-ends-it", NULL,
    { HR (0, 1, 130), SET (1, rest_threshold_140), HR (1, 10, 130) },
    { { 0 } } },
  { "thresholds-shorter-cooldown-at-run-time", NULL,
    { HR (0, 2, 130), HR (2, 5, 80), SET (7, cooldown_5), HR (7, 2, 130) },
    { EV (1, HIGH_HR, MEDIUM, FALSE, 2),
      EV (8, HIGH_HR, MEDIUM, FALSE, 2) } },

  /* Several types in one minute: the most severe first. */
  { "same-minute-most-severe-first", NULL,
    { RUN (0, 8, 72, 8, FALSE, FALSE), RUN (8, 2, 130, 8, FALSE, FALSE) },
    { EV (9, HIGH_HR, MEDIUM, FALSE, 2),
      EV (9, STRESS, LOW, FALSE, 10) } },
  { "same-minute-fast-irregular", NULL,
    { IRREG (0, 2, 200) },
    { EV (0, HIGH_HR, CRITICAL, FALSE, 1),
      EV (1, ARRHY, MEDIUM, FALSE, 2) } },
};

static gsize
count_expected (const Case *c)
{
  gsize n = 0;

  while (n < MAX_EVENTS && c->events[n].used)
    n++;
  return n;
}

static void
check_event (const Case             *c,
             gsize                   i,
             const AscendAlertEvent *got,
             int                     hr,
             int                     stress)
{
  const Expect *want = &c->events[i];

  g_test_message ("%s: event %zu: %s %s%s at minute %d, %d min: %s", c->name, i,
                  ascend_alert_type_to_string (got->type),
                  ascend_severity_to_string (got->severity),
                  got->escalation ? " (escalation)" : "",
                  (int) ((got->time_ms - T0) / MIN_MS), got->minutes, got->message);
  g_assert_cmpint (got->time_ms, ==, AT (want->at));
  g_assert_cmpstr (ascend_alert_type_to_string (got->type), ==,
                   ascend_alert_type_to_string (want->type));
  g_assert_cmpstr (ascend_severity_to_string (got->severity), ==,
                   ascend_severity_to_string (want->severity));
  g_assert_cmpint (got->escalation, ==, want->escalation);
  g_assert_cmpint (got->minutes, ==, want->minutes);
  g_assert_cmpint (got->heart_rate, ==, hr);
  g_assert_cmpint (got->stress_level, ==, stress);
  g_assert_cmpuint (strlen (got->message), >, 0);
  if (want->message != NULL)
    g_assert_cmpstr (got->message, ==, want->message);
}

static void
test_series (gconstpointer data)
{
  const Case *c = data;
  AscendAlertThresholds t;
  g_autoptr(AscendAlertEngine) engine = NULL;
  gsize n_expected = count_expected (c);
  gsize n_got = 0;
  int last_hr = 0;
  gint64 last_hr_ms = 0;
  int last_stress = 0;
  gint64 last_stress_ms = 0;

  ascend_alert_thresholds_init_default (&t);
  if (c->thresholds != NULL)
    c->thresholds (&t);
  engine = ascend_alert_engine_new (&t);

  for (gsize s = 0; s < MAX_STEPS && c->steps[s].kind != STEP_END; s++)
    {
      const Step *step = &c->steps[s];

      switch (step->kind)
        {
        case STEP_MINUTES:
          for (int m = step->at; m < step->at + step->count; m++)
            {
              AscendAlertEvent out[ASCEND_ALERT_N_TYPES];
              guint n = ascend_alert_engine_feed_minute (engine, AT (m), step->hr, step->stress,
                                                         step->arrhythmia, step->exercising,
                                                         out, G_N_ELEMENTS (out));
              for (guint i = 0; i < n; i++, n_got++)
                {
                  if (n_got >= n_expected)
                    g_error ("%s: unexpected event at minute %d: %s %s: %s", c->name, m,
                             ascend_alert_type_to_string (out[i].type),
                             ascend_severity_to_string (out[i].severity), out[i].message);
                  check_event (c, n_got, &out[i], step->hr, step->stress);
                }
              if (step->hr > 0)
                {
                  last_hr = step->hr;
                  last_hr_ms = AT (m);
                }
              if (step->stress > 0)
                {
                  last_stress = step->stress;
                  last_stress_ms = AT (m);
                }
            }
          break;

        case STEP_FALL:
          {
            AscendAlertEvent fall;
            /* Without a heart rate of its own, a fall takes the last minute's
             * when it is at most 2 minutes old; the same for stress. */
            int hr = step->hr > 0 ? step->hr
                     : (AT (step->at) - last_hr_ms <= 2 * MIN_MS ? last_hr : 0);
            int stress = AT (step->at) - last_stress_ms <= 2 * MIN_MS ? last_stress : 0;

            g_assert_true (ascend_alert_engine_feed_fall (engine, AT (step->at), step->hr,
                                                          &fall));
            g_assert_cmpuint (n_got, <, n_expected);
            check_event (c, n_got++, &fall, hr, stress);
          }
          break;

        case STEP_SET:
          ascend_alert_thresholds_init_default (&t);
          step->set (&t);
          ascend_alert_engine_set_thresholds (engine, &t);
          break;

        case STEP_END:
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_got, ==, n_expected);
}

/* Random series: whatever comes in, no storm comes out. Per type, an
 * escalation is more severe than the event before it, and a plain alert
 * within the cool-down of the last one is more severe than it. At most one
 * event per type per minute. */
static void
test_no_storm_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  AscendAlertThresholds t;
  guint total = 0;

  ascend_alert_thresholds_init_default (&t);
  for (int series = 0; series < 200; series++)
    {
      g_autoptr(AscendAlertEngine) engine = ascend_alert_engine_new (&t);
      gboolean have[ASCEND_ALERT_N_TYPES] = { FALSE, };
      AscendAlertEvent last[ASCEND_ALERT_N_TYPES];
      int hr = 70;
      int stress = 4;
      gint64 ms = T0;

      for (int m = 0; m < 600; m++)
        {
          AscendAlertEvent out[ASCEND_ALERT_N_TYPES];
          guint seen = 0;
          guint n;

          /* A random walk with jumps, unknowns and gaps. */
          hr = CLAMP (hr + g_rand_int_range (rand, -15, 16), 20, 220);
          if (g_rand_int_range (rand, 0, 40) == 0)
            hr = g_rand_int_range (rand, 20, 221);
          stress = CLAMP (stress + g_rand_int_range (rand, -1, 2), 1, 10);
          ms += MIN_MS * (g_rand_int_range (rand, 0, 30) == 0 ? g_rand_int_range (rand, 2, 5) : 1);
          n = ascend_alert_engine_feed_minute (engine, ms,
                                               g_rand_int_range (rand, 0, 10) == 0 ? 0 : hr,
                                               g_rand_int_range (rand, 0, 10) == 0 ? 0 : stress,
                                               g_rand_int_range (rand, 0, 4) == 0,
                                               g_rand_int_range (rand, 0, 3) == 0,
                                               out, G_N_ELEMENTS (out));
          g_assert_cmpuint (n, <=, 4);
          for (guint i = 0; i < n; i++)
            {
              const AscendAlertEvent *e = &out[i];

              g_assert_cmpint (e->type, !=, ASCEND_ALERT_FALL_DETECTED);
              g_assert_false (seen & (1u << e->type));
              seen |= 1u << e->type;
              g_assert_cmpint (e->time_ms, ==, ms);
              if (i > 0)
                g_assert_cmpint (e->severity, <=, out[i - 1].severity);
              if (e->type == ASCEND_ALERT_HIGH_STRESS)
                g_assert_cmpint (e->severity, <=, ASCEND_SEVERITY_MEDIUM);
              if (have[e->type])
                {
                  const AscendAlertEvent *p = &last[e->type];

                  if (e->escalation)
                    g_assert_cmpint (e->severity, >, p->severity);
                  else if (e->time_ms - p->time_ms < t.cooldown_minutes * MIN_MS)
                    g_assert_cmpint (e->severity, >, p->severity);
                }
              else
                g_assert_false (e->escalation);
              last[e->type] = *e;
              have[e->type] = TRUE;
              total++;
            }
        }
    }
  g_test_message ("%u events over 200 random series of 600 minutes", total);
  g_assert_cmpuint (total, >, 200);
}

/* With room for one event, the most severe is written and the other stays
 * due for the next minute. */
static void
test_max_events (void)
{
  g_autoptr(AscendAlertEngine) engine = ascend_alert_engine_new (NULL);
  AscendAlertEvent e;

  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (0), 130, 3, TRUE, FALSE,
                                                     NULL, 0), ==, 0);
  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (1), 185, 3, TRUE, FALSE,
                                                     &e, 1), ==, 1);
  g_assert_cmpint (e.type, ==, ASCEND_ALERT_HIGH_HEART_RATE);
  g_assert_cmpint (e.severity, ==, ASCEND_SEVERITY_HIGH);
  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (2), 185, 3, TRUE, FALSE,
                                                     &e, 1), ==, 1);
  g_assert_cmpint (e.type, ==, ASCEND_ALERT_ARRHYTHMIA);
  g_assert_cmpint (e.severity, ==, ASCEND_SEVERITY_MEDIUM);
  g_assert_cmpint (e.minutes, ==, 3);
  g_assert_false (e.escalation);
  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (3), 185, 3, TRUE, FALSE,
                                                     &e, 1), ==, 0);
}

/* A fall between minutes reports the heart rate and stress of the moment. */
static void
test_fall_context (void)
{
  g_autoptr(AscendAlertEngine) engine = ascend_alert_engine_new (NULL);
  AscendAlertEvent e;

  ascend_alert_engine_feed_minute (engine, AT (0), 88, 6, FALSE, FALSE, NULL, 0);
  g_assert_true (ascend_alert_engine_feed_fall (engine, AT (0) + 30000, 0, &e));
  g_assert_cmpint (e.heart_rate, ==, 88);
  g_assert_cmpint (e.stress_level, ==, 6);
  g_assert_cmpstr (e.message, ==, "A fall was detected");
  g_assert_true (ascend_alert_engine_feed_fall (engine, AT (1), 121, &e));
  g_assert_cmpint (e.heart_rate, ==, 121);
  /* Ten minutes later the last reading says nothing about the moment. */
  g_assert_true (ascend_alert_engine_feed_fall (engine, AT (10), 0, &e));
  g_assert_cmpint (e.heart_rate, ==, 0);
  g_assert_cmpint (e.stress_level, ==, 0);
  g_assert_cmpint (e.severity, ==, ASCEND_SEVERITY_CRITICAL);
}

static void
test_defaults (void)
{
  AscendAlertThresholds t;

  memset (&t, 0xff, sizeof t);
  ascend_alert_thresholds_init_default (&t);
  g_assert_cmpint (t.high_hr_rest_bpm, ==, 120);
  g_assert_cmpint (t.high_hr_exercise_bpm, ==, 185);
  g_assert_cmpint (t.high_hr_minutes, ==, 2);
  g_assert_cmpint (t.very_high_hr_bpm, ==, 180);
  g_assert_cmpint (t.low_hr_bpm, ==, 40);
  g_assert_cmpint (t.very_low_hr_bpm, ==, 30);
  g_assert_cmpint (t.low_hr_minutes, ==, 2);
  g_assert_cmpint (t.high_stress_level, ==, 8);
  g_assert_cmpint (t.high_stress_minutes, ==, 10);
  g_assert_cmpint (t.arrhythmia_minutes, ==, 2);
  g_assert_cmpint (t.cooldown_minutes, ==, 30);
}

/* A duration of 0 or less from a settings file behaves as one minute. */
static void
test_nonsense_thresholds (void)
{
  AscendAlertThresholds t;
  g_autoptr(AscendAlertEngine) engine = NULL;
  AscendAlertEvent out[4];

  ascend_alert_thresholds_init_default (&t);
  t.high_hr_minutes = 0;
  t.cooldown_minutes = -5;
  engine = ascend_alert_engine_new (&t);
  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (0), 130, 0, FALSE, FALSE,
                                                     out, 4), ==, 1);
  g_assert_cmpint (out[0].minutes, ==, 1);
  g_assert_cmpstr (out[0].message, ==, "Heart rate 130 bpm for 1 minute");
  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (1), 80, 0, FALSE, FALSE,
                                                     out, 4), ==, 0);
  /* No cool-down at all: the next episode alerts again. */
  g_assert_cmpuint (ascend_alert_engine_feed_minute (engine, AT (2), 130, 0, FALSE, FALSE,
                                                     out, 4), ==, 1);
}

static void
test_enum_strings (void)
{
  static const struct {
    AscendAlertType type;
    const char *s;
  } types[] = {
    { ASCEND_ALERT_FALL_DETECTED, "fall_detected" },
    { ASCEND_ALERT_ARRHYTHMIA, "arrhythmia" },
    { ASCEND_ALERT_HIGH_STRESS, "high_stress" },
    { ASCEND_ALERT_LOW_HEART_RATE, "low_heart_rate" },
    { ASCEND_ALERT_HIGH_HEART_RATE, "high_heart_rate" },
  };
  static const struct {
    AscendSeverity severity;
    const char *s;
  } severities[] = {
    { ASCEND_SEVERITY_LOW, "low" },
    { ASCEND_SEVERITY_MEDIUM, "medium" },
    { ASCEND_SEVERITY_HIGH, "high" },
    { ASCEND_SEVERITY_CRITICAL, "critical" },
  };
  static const char *bad[] = { "", "High", "HIGH_HEART_RATE", "fall", "critical ", "severe" };
  AscendAlertType type;
  AscendSeverity severity;

  G_STATIC_ASSERT (G_N_ELEMENTS (types) == ASCEND_ALERT_N_TYPES);
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_cmpstr (ascend_alert_type_to_string (types[i].type), ==, types[i].s);
      g_assert_true (ascend_alert_type_from_string (types[i].s, &type));
      g_assert_cmpint (type, ==, types[i].type);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      g_assert_cmpstr (ascend_severity_to_string (severities[i].severity), ==, severities[i].s);
      g_assert_true (ascend_severity_from_string (severities[i].s, &severity));
      g_assert_cmpint (severity, ==, severities[i].severity);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (ascend_alert_type_from_string (bad[i], &type));
      g_assert_false (ascend_severity_from_string (bad[i], &severity));
    }
  g_assert_false (ascend_alert_type_from_string (NULL, &type));
  g_assert_false (ascend_severity_from_string (NULL, &severity));
}

/* Every type and every severity is produced by at least one case above, so
 * the table cannot silently lose coverage. */
static void
test_table_covers_everything (void)
{
  gboolean type_seen[ASCEND_ALERT_N_TYPES] = { FALSE, };
  gboolean severity_seen[ASCEND_SEVERITY_CRITICAL + 1] = { FALSE, };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize e = 0; e < count_expected (&cases[i]); e++)
      {
        type_seen[cases[i].events[e].type] = TRUE;
        severity_seen[cases[i].events[e].severity] = TRUE;
      }
  for (int i = 0; i < ASCEND_ALERT_N_TYPES; i++)
    g_assert_true (type_seen[i]);
  for (int i = 0; i <= ASCEND_SEVERITY_CRITICAL; i++)
    g_assert_true (severity_seen[i]);
}

int
main (int    argc,
      char **argv)
{
  ascend_test_init (&argc, &argv);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/alert-rules/series/", cases[i].name, NULL);
      g_test_add_data_func (path, &cases[i], test_series);
    }
  g_test_add_func ("/alert-rules/table-covers-every-type-and-severity",
                   test_table_covers_everything);
  g_test_add_func ("/alert-rules/no-storm-random", test_no_storm_random);
  g_test_add_func ("/alert-rules/max-events", test_max_events);
  g_test_add_func ("/alert-rules/fall-context", test_fall_context);
  g_test_add_func ("/alert-rules/defaults", test_defaults);
  g_test_add_func ("/alert-rules/nonsense-thresholds", test_nonsense_thresholds);
  g_test_add_func ("/alert-rules/enum-strings", test_enum_strings);
  return g_test_run ();
}
