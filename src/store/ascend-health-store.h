/* ascend-health-store.h: readings, alerts, emergency contacts, exercise sessions */
#pragma once

#include "ascend-table.h"

G_BEGIN_DECLS

typedef struct {
  gint64    id;
  gint64    user_id;
  gint64    heart_rate;          /* bpm or ASCEND_NO_INT */
  double    hrv;                 /* RMSSD ms or NAN */
  gint64    stress_level;        /* 1-10 or ASCEND_NO_INT */
  gboolean  arrhythmia_detected;
  char     *reading_type;        /* manual, automatic, emergency */
  gint64    created_at;
} AscendHealthReading;

typedef struct {
  gint64    id;
  gint64    user_id;
  char     *alert_type;  /* fall_detected, arrhythmia, high_stress, low_heart_rate, high_heart_rate */
  char     *severity;    /* low, medium, high, critical */
  char     *message;
  gint64    heart_rate;  /* or ASCEND_NO_INT */
  gint64    stress_level;/* or ASCEND_NO_INT */
  gboolean  acknowledged;
  gint64    created_at;
} AscendHealthAlert;

typedef struct {
  gint64    id;
  gint64    user_id;
  char     *name;
  char     *phone;
  char     *relationship;
  gboolean  is_primary;
  gint64    created_at;
} AscendEmergencyContact;

typedef struct {
  gint64  id;
  gint64  user_id;
  char   *exercise_type;   /* box_breathing, deep_breathing, grounding, body_scan, progressive_relaxation, gentle_movement */
  char   *trigger_reason;
  gint64  duration_seconds;
  gint64  completion_percentage;
  gint64  mood_before;     /* 1-10 or ASCEND_NO_INT */
  gint64  mood_after;      /* 1-10 or ASCEND_NO_INT */
  char   *status;          /* in_progress, completed, abandoned */
  gint64  started_at;
  gint64  completed_at;    /* 0 while not ended */
} AscendExerciseSession;

extern const AscendTable ascend_table_health_readings;
extern const AscendTable ascend_table_health_alerts;
extern const AscendTable ascend_table_emergency_contacts;
extern const AscendTable ascend_table_exercise_sessions;

ASCEND_DECLARE_RECORD_API (AscendHealthReading, ascend_health_reading)
ASCEND_DECLARE_RECORD_API (AscendHealthAlert, ascend_health_alert)
ASCEND_DECLARE_RECORD_API (AscendEmergencyContact, ascend_emergency_contact)
ASCEND_DECLARE_RECORD_API (AscendExerciseSession, ascend_exercise_session)

/* Inserts many readings in one transaction (a sensor batch). Like every
 * insert it writes the new id into each record; a record whose id is
 * already set is inserted with that id, so set id = 0 to reuse one. */
gboolean ascend_health_reading_insert_batch (AscendDatabase       *db,
                                             AscendHealthReading **readings,
                                             guint                 n_readings,
                                             GError              **error);

typedef struct {
  gint64 time;        /* start of the bucket, Unix ms */
  double heart_rate;  /* mean bpm, NAN when the bucket is empty */
  double heart_rate_min;
  double heart_rate_max;
  double hrv;         /* mean, NAN when none */
  double stress;      /* mean, NAN when none */
  guint  count;
} AscendReadingBucket;

/* Readings of user in [from, to) averaged into n_buckets equal buckets. */
GArray *ascend_health_reading_buckets (AscendDatabase *db,
                                       gint64          user_id,
                                       gint64          from,
                                       gint64          to,
                                       guint           n_buckets,
                                       GError        **error);

/* The newest reading of user, or NULL (without error) when there is none. */
AscendHealthReading *ascend_health_reading_latest (AscendDatabase *db,
                                                   gint64          user_id,
                                                   GError        **error);

/* Beat intervals that stand for a heart rate (300-20 bpm); others are
 * artefacts and stay out of the beat range of a block. */
#define ASCEND_RR_PLAUSIBLE(ms) ((ms) >= 200 && (ms) <= 3000)

/* Raw beats of one minute (the rrBlocks table): RR in ms (stored rounded to
 * whole ms), one irregular flag per beat; with the block's shortest and
 * longest plausible interval (rrBlockRanges) in the same transaction.
 * Returns the block id or 0. */
gint64   ascend_rr_block_insert (AscendDatabase *db,
                                 gint64          user_id,
                                 gint64          reading_id,
                                 gint64          started_at,
                                 const double   *rr_ms,
                                 const gboolean *irregular,
                                 guint           n_beats,
                                 GError        **error);
/* All beats of user in [from, to), oldest first, into rr_ms (double) and
 * irregular (gboolean) arrays; times are each block's startedAt plus the
 * running sum of its intervals. */
gboolean ascend_rr_block_load   (AscendDatabase *db,
                                 gint64          user_id,
                                 gint64          from,
                                 gint64          to,
                                 GArray         *rr_ms,
                                 GArray         *irregular,
                                 GError        **error);

/* TRUE when user has an exercise session in progress that started within
 * the last 3 hours before at_ms (an exercise explains a high heart rate). */
gboolean ascend_exercise_session_active (AscendDatabase *db,
                                         gint64          user_id,
                                         gint64          at_ms,
                                         GError        **error);
/* Marks one alert (id > 0) or every alert of user (id 0) acknowledged;
 * returns how many changed, -1 on error. */
gint64   ascend_health_alert_acknowledge (AscendDatabase *db,
                                          gint64          user_id,
                                          gint64          alert_id,
                                          GError        **error);

/* Emergency contacts: a user with contacts has exactly one primary. The
 * schema refuses a second (a partial unique index); insert, update and
 * delete keep there from being none: the first contact of a user becomes
 * primary, a new or updated contact with is_primary set takes over from the
 * old primary, and taking the flag from the primary (update or delete)
 * passes it to the next contact in the user's order. The only contact stays
 * primary. Each runs in one transaction. */

/* Emergency contacts of user: the primary first, then in the user's order
 * (contactPositions), then by creation. */
GPtrArray *ascend_emergency_contact_list_ordered (AscendDatabase *db,
                                                  gint64          user_id,
                                                  GError        **error);
/* Makes contact id (of user_id) the primary one, clearing the old. */
gboolean   ascend_emergency_contact_set_primary  (AscendDatabase *db,
                                                  gint64          user_id,
                                                  gint64          contact_id,
                                                  GError        **error);
/* Moves contact id to new_index of the list_ordered() order, clamped to the
 * list; the primary stays first (a move to 0 of another contact lands at 1
 * and moving the primary changes nothing). */
gboolean   ascend_emergency_contact_move         (AscendDatabase *db,
                                                  gint64          contact_id,
                                                  guint           new_index,
                                                  GError        **error);
/* Puts back a deleted contact (undo): with its id, its primary flag and at
 * index of the list_ordered() order. */
gboolean   ascend_emergency_contact_restore      (AscendDatabase         *db,
                                                  AscendEmergencyContact *contact,
                                                  guint                   index,
                                                  GError                **error);

/* Alerts of user, newest first, at most limit (0: no limit). alert_type
 * and severity NULL match any; acknowledged -1 matches any, 0 or 1 only
 * those. n_matching (may be NULL) gets how many match in all. */
GPtrArray *ascend_health_alert_list_recent       (AscendDatabase *db,
                                                  gint64          user_id,
                                                  const char     *alert_type,
                                                  const char     *severity,
                                                  int             acknowledged,
                                                  guint           limit,
                                                  guint          *n_matching,
                                                  GError        **error);

gint64 ascend_health_alert_count_unacknowledged (AscendDatabase *db,
                                                 gint64          user_id,
                                                 GError        **error);

G_END_DECLS
