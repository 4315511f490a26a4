/* ascend-health-store.c: healthReadings, healthAlerts, emergencyContacts, exerciseSessions */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ascend-health-store.h"

#define T AscendHealthReading
static const AscendColumn reading_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, heart_rate, "heartRate", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, hrv, "hrv", ASCEND_COL_DECIMAL, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, stress_level, "stressLevel", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, arrhythmia_detected, "arrhythmiaDetected", ASCEND_COL_BOOL, 0),
  ASCEND_COLUMN_TEXT_DEFAULT (T, reading_type, "readingType", "automatic"),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendHealthAlert
static const AscendColumn alert_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, alert_type, "alertType", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, severity, "severity", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, message, "message", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, heart_rate, "heartRate", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, stress_level, "stressLevel", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, acknowledged, "acknowledged", ASCEND_COL_BOOL, 0),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendEmergencyContact
static const AscendColumn contact_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, name, "name", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, phone, "phone", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, relationship, "relationship", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, is_primary, "isPrimary", ASCEND_COL_BOOL, 0),
  ASCEND_COLUMN (T, created_at, "createdAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
};
#undef T

#define T AscendExerciseSession
static const AscendColumn session_columns[] = {
  ASCEND_COLUMN (T, id, "id", ASCEND_COL_ID, 0),
  ASCEND_COLUMN_REF (T, user_id, "userId", "users"),
  ASCEND_COLUMN (T, exercise_type, "exerciseType", ASCEND_COL_TEXT, 0),
  ASCEND_COLUMN (T, trigger_reason, "triggerReason", ASCEND_COL_TEXT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_INT_DEFAULT (T, duration_seconds, "durationSeconds", 0),
  ASCEND_COLUMN_INT_DEFAULT (T, completion_percentage, "completionPercentage", 0),
  ASCEND_COLUMN (T, mood_before, "moodBefore", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN (T, mood_after, "moodAfter", ASCEND_COL_INT, ASCEND_COL_NULLABLE),
  ASCEND_COLUMN_TEXT_DEFAULT (T, status, "status", "in_progress"),
  ASCEND_COLUMN (T, started_at, "startedAt", ASCEND_COL_TIME, ASCEND_COL_DEFAULT_NOW),
  ASCEND_COLUMN (T, completed_at, "completedAt", ASCEND_COL_TIME, ASCEND_COL_NULLABLE),
};
#undef T

const AscendTable ascend_table_health_readings =
  ASCEND_TABLE (AscendHealthReading, "healthReadings", reading_columns, "userId", "createdAt",
                ascend_health_reading_free);
const AscendTable ascend_table_health_alerts =
  ASCEND_TABLE (AscendHealthAlert, "healthAlerts", alert_columns, "userId", "createdAt",
                ascend_health_alert_free);
const AscendTable ascend_table_emergency_contacts =
  ASCEND_TABLE (AscendEmergencyContact, "emergencyContacts", contact_columns, "userId", "createdAt",
                ascend_emergency_contact_free);
const AscendTable ascend_table_exercise_sessions =
  ASCEND_TABLE (AscendExerciseSession, "exerciseSessions", session_columns, "userId", "startedAt",
                ascend_exercise_session_free);

ASCEND_DEFINE_RECORD_API (AscendHealthReading, ascend_health_reading, ascend_table_health_readings)
ASCEND_DEFINE_RECORD_API (AscendHealthAlert, ascend_health_alert, ascend_table_health_alerts)
ASCEND_DEFINE_RECORD_API (AscendEmergencyContact, ascend_emergency_contact, ascend_table_emergency_contacts)
ASCEND_DEFINE_RECORD_API (AscendExerciseSession, ascend_exercise_session, ascend_table_exercise_sessions)

gboolean
ascend_health_reading_insert_batch (AscendDatabase       *db,
                                    AscendHealthReading **readings,
                                    guint                 n_readings,
                                    GError              **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < n_readings; i++)
    if (ascend_health_reading_insert (db, readings[i], error) == 0)
      {
        ascend_database_rollback (db);
        return FALSE;
      }
  return ascend_database_commit (db, error);
}

GArray *
ascend_health_reading_buckets (AscendDatabase  *db,
                               gint64           user_id,
                               gint64           from,
                               gint64           to,
                               guint            n_buckets,
                               GError         **error)
{
  g_autoptr(GArray) buckets = NULL;
  sqlite3_stmt *stmt;
  double width;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_buckets > 0 && to > from, NULL);

  width = (double) (to - from) / n_buckets;
  buckets = g_array_sized_new (FALSE, TRUE, sizeof (AscendReadingBucket), n_buckets);
  g_array_set_size (buckets, n_buckets);
  for (guint i = 0; i < n_buckets; i++)
    {
      AscendReadingBucket *b = &g_array_index (buckets, AscendReadingBucket, i);
      b->time = from + (gint64) (i * width);
      b->heart_rate = b->heart_rate_min = b->heart_rate_max = b->hrv = b->stress = NAN;
    }

  /* The grouping runs inside SQLite over the (userId, createdAt) index, so
   * a year of per-minute rows never crosses into C one by one. */
  stmt = ascend_database_prepare (db,
                                  "SELECT CAST((createdAt - ?2) / ?4 AS INTEGER) AS b, "
                                  "avg(heartRate), min(heartRate), max(heartRate), avg(hrv), avg(stressLevel), count(*) "
                                  "FROM healthReadings WHERE userId = ?1 AND createdAt >= ?2 AND createdAt < ?3 "
                                  "GROUP BY b ORDER BY b",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_double (stmt, 4, width);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 index = sqlite3_column_int64 (stmt, 0);
      AscendReadingBucket *b;

      if (index < 0 || index >= n_buckets)
        continue;
      b = &g_array_index (buckets, AscendReadingBucket, index);
#define COL_OR_NAN(i) (sqlite3_column_type (stmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, i))
      b->heart_rate = COL_OR_NAN (1);
      b->heart_rate_min = COL_OR_NAN (2);
      b->heart_rate_max = COL_OR_NAN (3);
      b->hrv = COL_OR_NAN (4);
      b->stress = COL_OR_NAN (5);
#undef COL_OR_NAN
      b->count = sqlite3_column_int (stmt, 6);
    }
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&buckets);
}

gint64
ascend_health_alert_count_unacknowledged (AscendDatabase  *db,
                                          gint64           user_id,
                                          GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                "SELECT count(*) FROM healthAlerts WHERE userId = ? AND acknowledged = 0",
                                                error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

AscendHealthReading *
ascend_health_reading_latest (AscendDatabase  *db,
                              gint64           user_id,
                              GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                "SELECT id FROM healthReadings WHERE userId = ? "
                                                "ORDER BY createdAt DESC, id DESC LIMIT 1",
                                                error);
  gint64 id = 0;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id > 0 ? ascend_health_reading_get (db, id, error) : NULL;
}
