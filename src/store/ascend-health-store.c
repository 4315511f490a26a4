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
/* Contacts keep new, free, get and list from the table; insert, update and
 * delete also look after the primary flag and the order (below). */
AscendEmergencyContact *
ascend_emergency_contact_new (void)
{
  return ascend_record_new (&ascend_table_emergency_contacts);
}

void
ascend_emergency_contact_free (AscendEmergencyContact *record)
{
  ascend_record_free (&ascend_table_emergency_contacts, record);
}

AscendEmergencyContact *
ascend_emergency_contact_get (AscendDatabase  *db,
                              gint64           id,
                              GError         **error)
{
  AscendEmergencyContact *record = ascend_emergency_contact_new ();

  if (!ascend_row_get (db, &ascend_table_emergency_contacts, id, record, error))
    g_clear_pointer (&record, ascend_emergency_contact_free);
  return record;
}

GPtrArray *
ascend_emergency_contact_list (AscendDatabase  *db,
                               gint64           owner,
                               gint64           from,
                               gint64           to,
                               GError         **error)
{
  return ascend_row_list (db, &ascend_table_emergency_contacts, owner, from, to, error);
}
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

/* ascend_health_reading_buckets() is in ascend-health-rollup.c, beside the
 * roll-ups it reads. */

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

gint64
ascend_rr_block_insert (AscendDatabase  *db,
                        gint64           user_id,
                        gint64           reading_id,
                        gint64           started_at,
                        const double    *rr_ms,
                        const gboolean  *irregular,
                        guint            n_beats,
                        GError         **error)
{
  g_autofree guint8 *rr = g_malloc0 (2 * n_beats + 1);
  g_autofree guint8 *bits = g_malloc0 ((n_beats + 7) / 8 + 1);
  guint rr_min = 0, rr_max = 0;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);

  for (guint i = 0; i < n_beats; i++)
    {
      guint v = (guint) CLAMP (lround (rr_ms[i]), 0, G_MAXUINT16);
      rr[2 * i] = v & 0xff;
      rr[2 * i + 1] = v >> 8;
      if (irregular != NULL && irregular[i])
        bits[i / 8] |= 1 << (i % 8);
      if (ASCEND_RR_PLAUSIBLE (v))
        {
          if (rr_min == 0 || v < rr_min)
            rr_min = v;
          if (v > rr_max)
            rr_max = v;
        }
    }
  /* The block and its beat range (schema 006) go in together. */
  if (!ascend_database_begin (db, error))
    return 0;
  stmt = ascend_database_prepare (db,
                                  "INSERT INTO rrBlocks (userId, readingId, startedAt, beatCount, rr, irregular, createdAt) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    {
      ascend_database_rollback (db);
      return 0;
    }
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (reading_id > 0)
    sqlite3_bind_int64 (stmt, 2, reading_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, started_at);
  sqlite3_bind_int (stmt, 4, n_beats);
  sqlite3_bind_blob (stmt, 5, rr, 2 * n_beats, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, bits, (n_beats + 7) / 8, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, ascend_now_ms ());
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    goto failed;
  id = sqlite3_last_insert_rowid (ascend_database_get_handle (db));

  stmt = ascend_database_prepare (db, "INSERT INTO rrBlockRanges (blockId, beatCount, rrMin, rrMax) VALUES (?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    {
      ascend_database_rollback (db);
      return 0;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, n_beats);
  if (rr_min > 0)
    {
      sqlite3_bind_int (stmt, 3, rr_min);
      sqlite3_bind_int (stmt, 4, rr_max);
    }
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    goto failed;
  return ascend_database_commit (db, error) ? id : 0;

failed:
  ascend_database_set_error (db, rc, error);
  ascend_database_rollback (db);
  return 0;
}

gboolean
ascend_rr_block_load (AscendDatabase  *db,
                      gint64           user_id,
                      gint64           from,
                      gint64           to,
                      GArray          *rr_ms,
                      GArray          *irregular,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  stmt = ascend_database_prepare (db,
                                  "SELECT beatCount, rr, irregular FROM rrBlocks "
                                  "WHERE userId = ? AND startedAt >= ? AND startedAt < ? ORDER BY startedAt, id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 0);
      const guint8 *rr = sqlite3_column_blob (stmt, 1);
      int rr_len = sqlite3_column_bytes (stmt, 1);
      const guint8 *bits = sqlite3_column_blob (stmt, 2);
      int bits_len = sqlite3_column_bytes (stmt, 2);

      /* The CHECK constraints guarantee the sizes; never trust them blindly. */
      if (rr_len < 2 * n || bits_len < (n + 7) / 8)
        continue;
      for (int i = 0; i < n; i++)
        {
          double v = rr[2 * i] | (rr[2 * i + 1] << 8);
          gboolean irr = (bits[i / 8] >> (i % 8)) & 1;
          g_array_append_val (rr_ms, v);
          if (irregular)
            g_array_append_val (irregular, irr);
        }
    }
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      return ascend_database_set_error (db, rc, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ascend_exercise_session_active (AscendDatabase  *db,
                                gint64           user_id,
                                gint64           at_ms,
                                GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                "SELECT 1 FROM exerciseSessions WHERE userId = ? AND status = 'in_progress' "
                                                "AND startedAt <= ? AND startedAt >= ? LIMIT 1",
                                                error);
  gboolean active;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, at_ms);
  sqlite3_bind_int64 (stmt, 3, at_ms - 3 * 3600 * 1000);
  active = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return active;
}

gint64
ascend_health_alert_acknowledge (AscendDatabase  *db,
                                 gint64           user_id,
                                 gint64           alert_id,
                                 GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db,
                                                "UPDATE healthAlerts SET acknowledged = 1 "
                                                "WHERE userId = ?1 AND acknowledged = 0 AND (?2 = 0 OR id = ?2)",
                                                error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, alert_id);
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    {
      ascend_database_set_error (db, rc, error);
      return -1;
    }
  return sqlite3_changes (ascend_database_get_handle (db));
}

/* A write with one or two integer parameters. */
static gboolean
run_write (AscendDatabase  *db,
           const char      *sql,
           gint64           a,
           gint64           b,
           GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

/* The owner and primary flag of contact id; NOT_FOUND when it is gone. */
static gboolean
contact_state (AscendDatabase  *db,
               gint64           id,
               gint64          *user_id,
               gboolean        *is_primary,
               GError         **error)
{
  sqlite3_stmt *stmt = ascend_database_prepare (db, "SELECT userId, isPrimary FROM emergencyContacts WHERE id = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *user_id = sqlite3_column_int64 (stmt, 0);
      *is_primary = sqlite3_column_int (stmt, 1) != 0;
      sqlite3_reset (stmt);
      return TRUE;
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                       _("This emergency contact no longer exists"));
  return FALSE;
}

/* The contact ids of user in list order (primary, position, creation). */
static GArray *
ordered_contact_ids (AscendDatabase  *db,
                     gint64           user_id,
                     gboolean        *first_is_primary,
                     GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = ascend_database_prepare (db,
                                  "SELECT c.id, c.isPrimary FROM emergencyContacts AS c "
                                  "LEFT JOIN contactPositions AS p ON p.contactId = c.id WHERE c.userId = ? "
                                  "ORDER BY c.isPrimary DESC, p.position IS NULL, p.position, c.createdAt, c.id",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (first_is_primary != NULL)
    *first_is_primary = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (ids->len == 0 && first_is_primary != NULL)
        *first_is_primary = sqlite3_column_int (stmt, 1) != 0;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

/* Gives the primary flag to the first contact of user in list order other
 * than except_id; *promoted (may be NULL) gets its id or 0 when there is
 * none. */
static gboolean
promote_next (AscendDatabase  *db,
              gint64           user_id,
              gint64           except_id,
              gint64          *promoted,
              GError         **error)
{
  g_autoptr(GArray) ids = ordered_contact_ids (db, user_id, NULL, error);
  gint64 next = 0;

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len && next == 0; i++)
    if (g_array_index (ids, gint64, i) != except_id)
      next = g_array_index (ids, gint64, i);
  if (promoted != NULL)
    *promoted = next;
  if (next == 0)
    return TRUE;
  return run_write (db, "UPDATE emergencyContacts SET isPrimary = 1 WHERE id = ?", next, 0, error);
}

static gboolean
clear_primary (AscendDatabase  *db,
               gint64           user_id,
               gint64           except_id,
               GError         **error)
{
  return run_write (db, "UPDATE emergencyContacts SET isPrimary = 0 WHERE userId = ?1 AND isPrimary = 1 AND id <> ?2",
                    user_id, except_id, error);
}

static gboolean
fail (AscendDatabase *db)
{
  ascend_database_rollback (db);
  return FALSE;
}

gint64
ascend_emergency_contact_insert (AscendDatabase          *db,
                                 AscendEmergencyContact  *record,
                                 GError                 **error)
{
  gboolean asked_primary;
  gint64 primaries;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), 0);
  g_return_val_if_fail (record != NULL, 0);

  asked_primary = record->is_primary;
  if (!ascend_database_begin (db, error))
    return 0;

  stmt = ascend_database_prepare (db, "SELECT count(*) FROM emergencyContacts WHERE userId = ? AND isPrimary = 1", error);
  if (stmt == NULL)
    return fail (db);
  sqlite3_bind_int64 (stmt, 1, record->user_id);
  primaries = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (primaries == 0)
    record->is_primary = TRUE;
  else if (record->is_primary && !clear_primary (db, record->user_id, 0, error))
    return fail (db);

  if (ascend_row_insert (db, &ascend_table_emergency_contacts, record, error) == 0 ||
      !run_write (db,
                  "INSERT INTO contactPositions (contactId, position) "
                  "SELECT ?1, coalesce (max (p.position) + 1, 0) FROM contactPositions AS p "
                  "JOIN emergencyContacts AS c ON c.id = p.contactId WHERE c.userId = ?2",
                  record->id, record->user_id, error))
    goto failed;
  if (!ascend_database_commit (db, error))
    goto failed_committed;
  return record->id;

failed:
  ascend_database_rollback (db);
failed_committed:
  record->is_primary = asked_primary;
  return 0;
}

gboolean
ascend_emergency_contact_update (AscendDatabase          *db,
                                 AscendEmergencyContact  *record,
                                 GError                 **error)
{
  gboolean asked_primary, was_primary = FALSE;
  gint64 owner = 0, next = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  asked_primary = record->is_primary;
  if (!ascend_database_begin (db, error))
    return FALSE;
  /* A contact that is gone is left to the generic update to report. */
  if (contact_state (db, record->id, &owner, &was_primary, NULL))
    {
      if (record->is_primary && !was_primary && !clear_primary (db, record->user_id, record->id, error))
        return fail (db);
      if (!record->is_primary && was_primary)
        {
          g_autoptr(GArray) ids = ordered_contact_ids (db, owner, NULL, error);
          if (ids == NULL)
            return fail (db);
          for (guint i = 0; i < ids->len && next == 0; i++)
            if (g_array_index (ids, gint64, i) != record->id)
              next = g_array_index (ids, gint64, i);
          /* The only contact stays primary. */
          if (next == 0)
            record->is_primary = TRUE;
        }
    }
  if (!ascend_row_update (db, &ascend_table_emergency_contacts, record, error) ||
      (next != 0 && !run_write (db, "UPDATE emergencyContacts SET isPrimary = 1 WHERE id = ?", next, 0, error)))
    {
      ascend_database_rollback (db);
      record->is_primary = asked_primary;
      return FALSE;
    }
  if (!ascend_database_commit (db, error))
    {
      record->is_primary = asked_primary;
      return FALSE;
    }
  return TRUE;
}

gboolean
ascend_emergency_contact_delete (AscendDatabase  *db,
                                 gint64           id,
                                 GError         **error)
{
  gboolean was_primary = FALSE;
  gint64 owner = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if (!contact_state (db, id, &owner, &was_primary, NULL))
    was_primary = FALSE;
  if (!ascend_row_delete (db, &ascend_table_emergency_contacts, id, error) ||
      (was_primary && !promote_next (db, owner, id, NULL, error)))
    return fail (db);
  return ascend_database_commit (db, error);
}

gboolean
ascend_emergency_contact_set_primary (AscendDatabase  *db,
                                      gint64           user_id,
                                      gint64           contact_id,
                                      GError         **error)
{
  gboolean was_primary = FALSE;
  gint64 owner = 0;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if (!contact_state (db, contact_id, &owner, &was_primary, error))
    return fail (db);
  if (owner != user_id)
    {
      g_set_error_literal (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND,
                           _("This emergency contact no longer exists"));
      return fail (db);
    }
  if (!was_primary &&
      (!clear_primary (db, user_id, contact_id, error) ||
       !run_write (db, "UPDATE emergencyContacts SET isPrimary = 1 WHERE id = ?", contact_id, 0, error)))
    return fail (db);
  return ascend_database_commit (db, error);
}

gboolean
ascend_emergency_contact_move (AscendDatabase  *db,
                               gint64           contact_id,
                               guint            new_index,
                               GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean is_primary = FALSE, first_is_primary = FALSE;
  gint64 owner = 0;
  guint current = 0, target, lowest;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if (!contact_state (db, contact_id, &owner, &is_primary, error) ||
      (ids = ordered_contact_ids (db, owner, &first_is_primary, error)) == NULL)
    return fail (db);

  while (current < ids->len && g_array_index (ids, gint64, current) != contact_id)
    current++;
  lowest = first_is_primary && !is_primary ? 1 : 0;
  target = is_primary ? current : CLAMP (new_index, lowest, ids->len - 1);
  if (target == current)
    return ascend_database_commit (db, error);

  g_array_remove_index (ids, current);
  g_array_insert_val (ids, target, contact_id);
  for (guint i = 0; i < ids->len; i++)
    if (!run_write (db,
                    "INSERT INTO contactPositions (contactId, position) VALUES (?1, ?2) "
                    "ON CONFLICT (contactId) DO UPDATE SET position = excluded.position",
                    g_array_index (ids, gint64, i), i, error))
      return fail (db);
  return ascend_database_commit (db, error);
}

gboolean
ascend_emergency_contact_restore (AscendDatabase          *db,
                                  AscendEmergencyContact  *contact,
                                  guint                    index,
                                  GError                 **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!ascend_database_begin (db, error))
    return FALSE;
  if (ascend_emergency_contact_insert (db, contact, error) == 0 ||
      !ascend_emergency_contact_move (db, contact->id, index, error))
    return fail (db);
  return ascend_database_commit (db, error);
}

static gint
compare_by_rank (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const AscendEmergencyContact *x = *(AscendEmergencyContact **) a;
  const AscendEmergencyContact *y = *(AscendEmergencyContact **) b;
  guint rx = GPOINTER_TO_UINT (g_hash_table_lookup (data, &x->id));
  guint ry = GPOINTER_TO_UINT (g_hash_table_lookup (data, &y->id));

  return rx < ry ? -1 : rx > ry ? 1 : 0;
}

GPtrArray *
ascend_emergency_contact_list_ordered (AscendDatabase  *db,
                                       gint64           user_id,
                                       GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) rank = NULL;
  GPtrArray *contacts;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  ids = ordered_contact_ids (db, user_id, NULL, error);
  if (ids == NULL)
    return NULL;
  contacts = ascend_emergency_contact_list (db, user_id, 0, 0, error);
  if (contacts == NULL)
    return NULL;
  /* SQL says the order, the table's list reads the rows. */
  rank = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (rank, &g_array_index (ids, gint64, i), GUINT_TO_POINTER (i + 1));
  g_ptr_array_sort_with_data (contacts, compare_by_rank, rank);
  return contacts;
}

static void
bind_alert_filter (sqlite3_stmt *stmt,
                   gint64        user_id,
                   const char   *alert_type,
                   const char   *severity,
                   int           acknowledged)
{
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (alert_type != NULL)
    sqlite3_bind_text (stmt, 2, alert_type, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  if (severity != NULL)
    sqlite3_bind_text (stmt, 3, severity, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, acknowledged < 0 ? -1 : acknowledged != 0);
}

#define ALERT_FILTER "userId = ?1 AND (?2 IS NULL OR alertType = ?2) AND (?3 IS NULL OR severity = ?3) " \
                     "AND (?4 < 0 OR acknowledged = ?4)"

GPtrArray *
ascend_health_alert_list_recent (AscendDatabase  *db,
                                 gint64           user_id,
                                 const char      *alert_type,
                                 const char      *severity,
                                 int              acknowledged,
                                 guint            limit,
                                 guint           *n_matching,
                                 GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) alerts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  if (n_matching != NULL)
    {
      stmt = ascend_database_prepare (db, "SELECT count(*) FROM healthAlerts WHERE " ALERT_FILTER, error);
      if (stmt == NULL)
        return NULL;
      bind_alert_filter (stmt, user_id, alert_type, severity, acknowledged);
      *n_matching = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
      rc = sqlite3_reset (stmt);
      if (rc != SQLITE_OK)
        {
          ascend_database_set_error (db, rc, error);
          return NULL;
        }
    }

  stmt = ascend_database_prepare (db,
                                  "SELECT id FROM healthAlerts WHERE " ALERT_FILTER
                                  " ORDER BY createdAt DESC, id DESC LIMIT ?5",
                                  error);
  if (stmt == NULL)
    return NULL;
  bind_alert_filter (stmt, user_id, alert_type, severity, acknowledged);
  sqlite3_bind_int64 (stmt, 5, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_reset (stmt);
      ascend_database_set_error (db, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  alerts = g_ptr_array_new_full (ids->len, (GDestroyNotify) ascend_health_alert_free);
  for (guint i = 0; i < ids->len; i++)
    {
      AscendHealthAlert *alert = ascend_health_alert_get (db, g_array_index (ids, gint64, i), error);
      if (alert == NULL)
        return NULL;
      g_ptr_array_add (alerts, alert);
    }
  return g_steal_pointer (&alerts);
}
