/* ascend-alert-rules.h: when a reading becomes an alert, and how serious
 *
 * Pure: minute readings (and falls) in, alert events out. One alert per
 * episode, a cool-down per type, and an escalation (a new event of higher
 * severity) when an episode worsens. The parameters are preferences.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ASCEND_ALERT_FALL_DETECTED,
  ASCEND_ALERT_ARRHYTHMIA,
  ASCEND_ALERT_HIGH_STRESS,
  ASCEND_ALERT_LOW_HEART_RATE,
  ASCEND_ALERT_HIGH_HEART_RATE,
  ASCEND_ALERT_N_TYPES
} AscendAlertType;

typedef enum {
  ASCEND_SEVERITY_LOW,
  ASCEND_SEVERITY_MEDIUM,
  ASCEND_SEVERITY_HIGH,
  ASCEND_SEVERITY_CRITICAL,
} AscendSeverity;

typedef struct {
  int high_hr_rest_bpm;       /* at rest: above this for high_hr_minutes -> alert (default 120) */
  int high_hr_exercise_bpm;   /* during an exercise session (default 185) */
  int high_hr_minutes;        /* default 2 */
  int very_high_hr_bpm;       /* at or above: high severity at once (default 180 at rest) */
  int low_hr_bpm;             /* below this for low_hr_minutes (default 40) */
  int very_low_hr_bpm;        /* below: high severity (default 30) */
  int low_hr_minutes;         /* default 2 */
  int high_stress_level;      /* at or above for high_stress_minutes (default 8) */
  int high_stress_minutes;    /* default 10 */
  int arrhythmia_minutes;     /* irregular minutes in a row before an alert (default 2; 5 = high) */
  int cooldown_minutes;       /* no new alert of a type within this after its last (default 30) */
} AscendAlertThresholds;

typedef struct {
  AscendAlertType type;
  AscendSeverity  severity;
  gint64          time_ms;
  int             heart_rate;   /* 0 unknown */
  int             stress_level; /* 0 unknown */
  int             minutes;      /* how long the episode has lasted */
  gboolean        escalation;   /* a worsening of an episode already alerted */
  char            message[200]; /* "Heart rate 182 bpm for 3 minutes" (translated) */
} AscendAlertEvent;

typedef struct _AscendAlertEngine AscendAlertEngine;

void               ascend_alert_thresholds_init_default (AscendAlertThresholds       *t);
AscendAlertEngine *ascend_alert_engine_new              (const AscendAlertThresholds *t);
void               ascend_alert_engine_free             (AscendAlertEngine           *self);
void               ascend_alert_engine_set_thresholds   (AscendAlertEngine           *self,
                                                         const AscendAlertThresholds *t);
/* One minute reading. heart_rate 0 / stress 0 mean unknown. exercising is
 * TRUE while an exercise session explains a high heart rate. Writes up to
 * max events and returns how many. */
guint              ascend_alert_engine_feed_minute      (AscendAlertEngine           *self,
                                                         gint64                       minute_ms,
                                                         int                          heart_rate,
                                                         int                          stress_level,
                                                         gboolean                     arrhythmia,
                                                         gboolean                     exercising,
                                                         AscendAlertEvent            *out,
                                                         guint                        max);
/* A detected fall: always critical (no cool-down for falls). */
gboolean           ascend_alert_engine_feed_fall        (AscendAlertEngine           *self,
                                                         gint64                       time_ms,
                                                         int                          heart_rate,
                                                         AscendAlertEvent            *out);

const char        *ascend_alert_type_to_string          (AscendAlertType  type);     /* the ENUM value */
const char        *ascend_severity_to_string            (AscendSeverity   severity); /* the ENUM value */
gboolean           ascend_alert_type_from_string        (const char      *s,
                                                         AscendAlertType *out);
gboolean           ascend_severity_from_string          (const char      *s,
                                                         AscendSeverity  *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendAlertEngine, ascend_alert_engine_free)

G_END_DECLS
