/* test-habits.c: habits as quests through the store: logs keep their day,
 * one log per period, undo, skips and what they cost, archive, delete with
 * undo, streak bonuses paid exactly once, and the XP curve.
 *
 * Each case fails if something a user would notice breaks: a bonus paid
 * twice (after an undo and redo, or a restart), a quest checked off twice
 * for double XP, a log that moves to another day after a flight, a free
 * skip that costs a token or a paid one that is not refunded, a deleted
 * habit that comes back without its history.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "ascend-test-util.h"
#include "ascend-habits.h"
#include "ascend-progress.h"
#include "ascend-business-store.h"
#include "ascend-user-store.h"

#define BERLIN "Europe/Berlin"
#define NEW_YORK "America/New_York"
#define DAY_MS (G_GINT64_CONSTANT (86400000))

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Sakura");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  /* Whatever a case did, the file is sound and the ledger adds up. */
  if (f->db != NULL)
    {
      problems = ascend_database_check (f->db, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < problems->len; i++)
        g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
      g_assert_cmpuint (problems->len, ==, 0);
    }
  g_clear_object (&f->db);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->db);
  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
}

static AscendDay
D (const char *text)
{
  AscendDay day = 0;
  g_assert_true (ascend_day_parse (text, &day));
  return day;
}

static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000;
}

/* A clock in zone at instant (UTC ISO 8601), days starting at 04:00. */
static AscendHabitClock
clock_at (const char *zone,
          const char *instant)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  AscendHabitClock clock;

  g_assert_nonnull (tz);
  ascend_habit_clock_init (&clock, tz, 4, T (instant));
  return clock;
}

/* Noon in Berlin of day, as a clock. */
static AscendHabitClock
noon (const char *day)
{
  g_autofree char *instant = g_strdup_printf ("%sT10:00:00Z", day);
  return clock_at (BERLIN, instant);
}

static gint64
add_habit (Fixture    *f,
           const char *name,
           const char *frequency,
           const char *created)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHabit) habit = ascend_habit_new ();

  habit->user_id = f->user;
  habit->name = g_strdup (name);
  habit->emoji = g_strdup ("💧");
  g_free (habit->frequency);
  habit->frequency = g_strdup (frequency);
  habit->target_days = 66;
  habit->created_at = T (created);
  g_assert_cmpint (ascend_habit_insert (f->db, habit, &error), >, 0);
  g_assert_no_error (error);
  return habit->id;
}

static gint64
sql_int (AscendDatabase *db,
         const char     *sql,
         gint64          arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (strchr (sql, '?') != NULL)
    sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
balance (Fixture *f)
{
  return ascend_token_ledger_balance (f->db, f->user, NULL);
}

static gint64
bonus_count (Fixture *f)
{
  return sql_int (f->db, "SELECT count(*) FROM tokenTransactions WHERE type = 'bonus' AND userId = ?", f->user);
}

static AscendHabitStatus *
status (Fixture                *f,
        gint64                  habit,
        const AscendHabitClock *clock)
{
  g_autoptr(GError) error = NULL;
  AscendHabitStatus *s = ascend_habit_status_load (f->db, habit, clock, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static gint64
xp (Fixture *f)
{
  AscendProgress p;
  g_autoptr(GError) error = NULL;

  g_assert_true (ascend_progress_for_user (f->db, f->user, &p, &error));
  g_assert_no_error (error);
  return p.xp;
}

/* Checks the habit off on each day of "first..last" (inclusive), at noon. */
static guint
check_off_days (Fixture    *f,
                gint64      habit,
                const char *first,
                const char *last)
{
  guint tokens = 0;

  for (AscendDay day = D (first); day <= D (last); day++)
    {
      g_autofree char *text = ascend_day_to_string (day);
      AscendHabitClock clock = noon (text);
      g_autoptr(GError) error = NULL;
      AscendCheckOff result;

      g_assert_cmpint (ascend_habits_check_off (f->db, habit, &clock, NULL, &result, &error), >, 0);
      g_assert_no_error (error);
      tokens += result.bonus_tokens;
      ascend_habit_clock_clear (&clock);
    }
  return tokens;
}

/* Schema 004 */

static void
test_target_days_range (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendHabit) habit = ascend_habit_new ();

  /* A 66-day commitment was refused by schema 1 (1-31). */
  habit->user_id = f->user;
  habit->name = g_strdup ("Meditate");
  habit->target_days = 66;
  g_assert_cmpint (ascend_habit_insert (f->db, habit, &error), >, 0);
  g_assert_no_error (error);

  habit->target_days = 1001;
  g_assert_false (ascend_habit_update (f->db, habit, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Target days must be between 1 and 1000");
  g_assert_cmpint (ascend_database_get_schema_version (f->db), >=, 4);
}

/* A version-3 file with habits and logs upgrades without losing a log (a
 * table rebuild would cascade-delete them) and takes 66-day targets. */
static void
test_upgrade_keeps_logs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AscendDatabase *db = ascend_test_open_fresh_db (&path);
  gint64 user = ascend_test_add_user (db, "Old");
  g_autoptr(AscendHabit) habit = NULL;
  sqlite3 *raw = NULL;

  g_object_unref (db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
    "DROP TABLE habitLogDays; DROP TABLE habitArchive; DROP TABLE habitSkips; DROP TABLE streakRewards;"
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace (sql, 'BETWEEN 1 AND 1000', 'BETWEEN 1 AND 31') WHERE name = 'habits';"
    "PRAGMA writable_schema = RESET;"
    "PRAGMA user_version = 3;"
    "INSERT INTO habits (id, userId, name, frequency, targetDays, createdAt) VALUES (7, 1, 'Old habit', 'daily', 21, 1);"
    "INSERT INTO habitLogs (habitId, userId, completedAt) VALUES (7, 1, 1000), (7, 1, 2000);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  /* The old range is really in force before the upgrade. */
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE habits SET targetDays = 66", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (raw);

  db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_database_get_schema_version (db), ==, ascend_database_get_latest_schema_version ());
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM habitLogs WHERE habitId = 7", 0), ==, 2);
  habit = ascend_habit_get (db, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (habit->user_id, ==, user);
  habit->target_days = 66;
  g_assert_true (ascend_habit_update (db, habit, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) problems = ascend_database_check (db, &error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_object_unref (db);
}

/* Logs keep their day */

static void
test_log_keeps_its_day (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Stretch", "daily", "2024-05-01T08:00:00Z");
  /* Monday 22:30 in New York is Tuesday 04:30 in Berlin. */
  AscendHabitClock ny = clock_at (NEW_YORK, "2024-05-07T02:30:00Z");
  AscendHabitClock berlin = clock_at (BERLIN, "2024-05-07T19:00:00Z");
  g_autoptr(AscendHabitStatus) s = NULL;
  g_autoptr(GPtrArray) logs = NULL;

  g_assert_cmpint (ascend_habits_check_off (f->db, habit, &ny, "in New York", NULL, &error), >, 0);
  g_assert_no_error (error);
  logs = ascend_habit_store_list_logs (f->db, f->user, habit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (logs->len, ==, 1);
  g_assert_cmpstr (((AscendHabitLogDay *) logs->pdata[0])->day, ==, "2024-05-06");
  g_assert_cmpstr (((AscendHabitLogDay *) logs->pdata[0])->notes, ==, "in New York");
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM habitLogDays WHERE timeZone = 'America/New_York'", 0), ==, 1);

  /* After the flight, Tuesday in Berlin is a new day, not a repeat: the
   * quest is open and the streak grows to two. */
  s = status (f, habit, &berlin);
  g_assert_cmpint (s->today, ==, D ("2024-05-07"));
  g_assert_true (s->due);
  g_assert_cmpuint (s->streak.current, ==, 1);
  g_clear_pointer (&s, ascend_habit_status_free);
  g_assert_cmpint (ascend_habits_check_off (f->db, habit, &berlin, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  s = status (f, habit, &berlin);
  g_assert_cmpuint (s->streak.current, ==, 2);
  g_assert_true (s->done_today);
  g_assert_false (s->due);

  /* A log written by another tool, without a day row, counts in the zone
   * in force now: 2024-05-05T03:00Z is Sunday 05:00 in Berlin but still
   * Saturday 23:00 in New York. */
  g_assert_cmpint (sql_int (f->db, "INSERT INTO habitLogs (habitId, userId, completedAt) VALUES (?, 1, "
                                   "1714878000000) RETURNING id", habit), >, 0);
  g_clear_pointer (&s, ascend_habit_status_free);
  s = status (f, habit, &berlin);
  g_assert_nonnull (ascend_habit_status_log_on (s, D ("2024-05-05")));
  g_assert_cmpuint (s->streak.current, ==, 3);
  g_clear_pointer (&s, ascend_habit_status_free);
  s = status (f, habit, &ny);
  g_assert_nonnull (ascend_habit_status_log_on (s, D ("2024-05-04")));
  g_assert_null (ascend_habit_status_log_on (s, D ("2024-05-05")));
  /* Today (Monday in New York) is done; Sunday is not. */
  g_assert_cmpuint (s->streak.current, ==, 1);

  ascend_habit_clock_clear (&ny);
  ascend_habit_clock_clear (&berlin);
}

/* One log per period; undo */

static void
test_one_log_per_period (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 daily = add_habit (f, "Water", "daily", "2024-03-01T08:00:00Z");
  gint64 weekly = add_habit (f, "Long run", "weekly", "2024-03-01T08:00:00Z");
  gint64 monthly = add_habit (f, "Call grandma", "monthly", "2024-02-01T08:00:00Z");
  AscendHabitClock mon = noon ("2024-03-25");
  AscendHabitClock thu = noon ("2024-03-28");
  AscendHabitClock next_mon = noon ("2024-04-01");

  g_assert_cmpint (ascend_habits_check_off (f->db, daily, &mon, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (xp (f), ==, ASCEND_XP_HABIT_LOG);
  g_assert_cmpint (ascend_habits_check_off (f->db, daily, &mon, NULL, NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Already done on that day");
  g_clear_error (&error);
  g_assert_cmpint (xp (f), ==, ASCEND_XP_HABIT_LOG);

  g_assert_cmpint (ascend_habits_check_off (f->db, weekly, &mon, NULL, NULL, &error), >, 0);
  g_assert_cmpint (ascend_habits_check_off (f->db, weekly, &thu, NULL, NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Already done that week");
  g_clear_error (&error);
  g_assert_cmpint (ascend_habits_check_off (f->db, weekly, &next_mon, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (ascend_habits_check_off (f->db, monthly, &mon, NULL, NULL, &error), >, 0);
  g_assert_cmpint (ascend_habits_check_off (f->db, monthly, &thu, NULL, NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Already done that month");
  g_clear_error (&error);

  /* The weekly quest is gone from Thursday's list; the monthly too. */
  {
    g_autoptr(GPtrArray) all = ascend_habits_load_all (f->db, f->user, &thu, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 3);
    for (guint i = 0; i < all->len; i++)
      {
        AscendHabitStatus *s = g_ptr_array_index (all, i);
        g_assert_cmpint (ascend_habit_status_is_quest (s), ==, s->habit->id == daily);
      }
  }

  /* Undo the same day: the log, its XP and the streak go. */
  {
    g_autoptr(AscendHabitStatus) before = status (f, daily, &mon);
    g_autoptr(AscendHabitStatus) after = NULL;

    g_assert_cmpuint (before->streak.current, ==, 1);
    g_assert_true (ascend_habits_unlog_day (f->db, daily, &mon, before->today, &error));
    g_assert_no_error (error);
    after = status (f, daily, &mon);
    g_assert_cmpuint (after->streak.current, ==, 0);
    g_assert_true (after->due);
    g_assert_false (ascend_habits_unlog_day (f->db, daily, &mon, before->today, &error));
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM habitLogDays", 0), ==, 3);
  }

  ascend_habit_clock_clear (&mon);
  ascend_habit_clock_clear (&thu);
  ascend_habit_clock_clear (&next_mon);
}

static void
test_past_days (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Journal", "daily", "2024-03-10T08:00:00Z");
  AscendHabitClock now = noon ("2024-03-20");
  g_autoptr(AscendHabitStatus) s = NULL;
  const AscendHabitEntry *e;

  g_assert_cmpint (ascend_habits_log_day (f->db, habit, &now, D ("2024-03-18"), "late entry", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_habits_log_day (f->db, habit, &now, D ("2024-03-19"), NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ascend_habits_log_day (f->db, habit, &now, D ("2024-03-21"), NULL, NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ascend_habits_log_day (f->db, habit, &now, D ("2024-03-09"), NULL, NULL, &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  s = status (f, habit, &now);
  g_assert_cmpuint (s->streak.current, ==, 2);
  e = ascend_habit_status_log_on (s, D ("2024-03-18"));
  g_assert_nonnull (e);
  g_assert_cmpstr (e->notes, ==, "late entry");
  /* A past day's log sits at noon local that day. */
  g_assert_cmpint (e->completed_at, ==, T ("2024-03-18T11:00:00Z"));

  g_assert_true (ascend_habit_store_set_log_notes (f->db, e->id, "edited", &error));
  g_assert_no_error (error);
  g_assert_true (ascend_habits_unlog_day (f->db, habit, &now, D ("2024-03-19"), &error));
  g_assert_no_error (error);
  g_clear_pointer (&s, ascend_habit_status_free);
  s = status (f, habit, &now);
  g_assert_cmpstr (ascend_habit_status_log_on (s, D ("2024-03-18"))->notes, ==, "edited");
  g_assert_cmpuint (s->streak.current, ==, 0);
  g_assert_cmpuint (s->streak.best, ==, 1);
  g_assert_cmpint (ascend_habit_status_day_state (s, D ("2024-03-19")), ==, ASCEND_DAY_MISSED);
  g_assert_cmpint (ascend_habit_status_day_state (s, D ("2024-03-18")), ==, ASCEND_DAY_DONE);
  g_assert_cmpint (ascend_habit_status_day_state (s, D ("2024-03-20")), ==, ASCEND_DAY_OPEN);
  ascend_habit_clock_clear (&now);
}

/* Skips */

static void
test_skips (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Yoga", "daily", "2024-03-01T08:00:00Z");
  AscendHabitClock now = noon ("2024-03-19");
  gboolean paid = TRUE;

  check_off_days (f, habit, "2024-03-15", "2024-03-16");
  /* Two free skips in March bridge the streak without adding to it. */
  g_assert_cmpint (ascend_habits_free_skips_left (f->db, habit, D ("2024-03-17"), NULL), ==, 2);
  g_assert_true (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-17"), FALSE, &paid, &error));
  g_assert_no_error (error);
  g_assert_false (paid);
  g_assert_true (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-18"), FALSE, &paid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ascend_habits_free_skips_left (f->db, habit, D ("2024-03-01"), NULL), ==, 0);
  g_assert_cmpint (ascend_habits_free_skips_left (f->db, habit, D ("2024-04-01"), NULL), ==, 2);
  g_assert_cmpint (balance (f), ==, 5);
  {
    g_autoptr(AscendHabitStatus) s = status (f, habit, &now);
    g_assert_cmpuint (s->streak.current, ==, 2);
    g_assert_cmpint (ascend_habit_status_day_state (s, D ("2024-03-17")), ==, ASCEND_DAY_SKIPPED);
  }

  /* The third costs a token, and only when the user agrees. */
  g_assert_false (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-19"), FALSE, &paid, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_assert_cmpstr (error->message, ==, "No free skip left this month: a skip costs 1 token");
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM habitSkips", 0), ==, 2);
  g_assert_true (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-19"), TRUE, &paid, &error));
  g_assert_no_error (error);
  g_assert_true (paid);
  g_assert_cmpint (balance (f), ==, 4);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM tokenTransactions WHERE type = 'usage' AND amount = -1", 0), ==, 1);
  {
    g_autoptr(AscendHabitStatus) s = status (f, habit, &now);
    g_assert_cmpuint (s->streak.current, ==, 2);
  }

  /* The same day twice, a done day, a day far ahead: refused. */
  g_assert_false (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-19"), TRUE, &paid, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-16"), TRUE, &paid, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-28"), TRUE, &paid, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (balance (f), ==, 4);

  /* Taking the paid skip back refunds it; logging a skipped day replaces
   * the skip (a free one, so no refund). */
  g_assert_true (ascend_habits_unskip_day (f->db, habit, D ("2024-03-19"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f), ==, 5);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM tokenTransactions WHERE type = 'refund' AND amount = 1", 0), ==, 1);
  g_assert_false (ascend_habits_unskip_day (f->db, habit, D ("2024-03-19"), &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ascend_habits_log_day (f->db, habit, &now, D ("2024-03-18"), NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM habitSkips", 0), ==, 1);
  g_assert_cmpint (balance (f), ==, 5);
  {
    g_autoptr(AscendHabitStatus) s = status (f, habit, &now);
    /* 15, 16, (17 skipped), 18, and today still open. */
    g_assert_cmpuint (s->streak.current, ==, 3);
    g_assert_cmpuint (s->streak.best, ==, 3);
  }

  /* The replaced skip was free, so a free skip is back for March; with it
   * used and no tokens left, a paid skip fails and leaves nothing behind. */
  g_assert_cmpint (ascend_token_ledger_record (f->db, f->user, -5, "usage", "spend all", &error), >, 0);
  g_assert_cmpint (ascend_habits_free_skips_left (f->db, habit, D ("2024-03-19"), NULL), ==, 1);
  g_assert_true (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-19"), TRUE, &paid, &error));
  g_assert_no_error (error);
  g_assert_false (paid);
  g_assert_false (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-20"), TRUE, &paid, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_INSUFFICIENT);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM habitSkips", 0), ==, 2);
  g_assert_cmpint (balance (f), ==, 0);
  ascend_habit_clock_clear (&now);
}

/* Streak bonuses */

static void
test_bonus_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Water", "daily", "2024-03-01T08:00:00Z");
  AscendHabitClock day7 = noon ("2024-03-07");
  AscendCheckOff result;

  g_assert_cmpuint (check_off_days (f, habit, "2024-03-01", "2024-03-06"), ==, 0);
  g_assert_cmpint (bonus_count (f), ==, 0);

  /* The seventh day pays one token, as a bonus transaction. */
  g_assert_cmpint (ascend_habits_check_off (f->db, habit, &day7, NULL, &result, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (result.bonus_tokens, ==, 1);
  g_assert_cmpuint (result.milestone, ==, 7);
  g_assert_cmpint (bonus_count (f), ==, 1);
  g_assert_cmpint (balance (f), ==, 6);

  /* Undo, log again: not paid twice. */
  g_assert_true (ascend_habits_unlog_day (f->db, habit, &day7, D ("2024-03-07"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f), ==, 6);
  g_assert_cmpint (ascend_habits_check_off (f->db, habit, &day7, NULL, &result, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (result.bonus_tokens, ==, 0);
  g_assert_cmpint (bonus_count (f), ==, 1);

  /* Restart between the undo and the redo: still once. */
  g_assert_true (ascend_habits_unlog_day (f->db, habit, &day7, D ("2024-03-07"), &error));
  reopen (f);
  g_assert_cmpint (bonus_count (f), ==, 1);
  g_assert_cmpint (ascend_habits_check_off (f->db, habit, &day7, NULL, &result, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (result.bonus_tokens, ==, 0);
  reopen (f);
  g_assert_cmpuint (ascend_habits_grant_bonuses (f->db, habit, &day7, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (bonus_count (f), ==, 1);
  g_assert_cmpint (balance (f), ==, 6);

  /* Taking the streak's first day away and adding an eighth makes a run of
   * seven from the 2nd: the same streak, already paid. */
  g_assert_true (ascend_habits_unlog_day (f->db, habit, &day7, D ("2024-03-01"), &error));
  g_assert_cmpuint (check_off_days (f, habit, "2024-03-08", "2024-03-08"), ==, 0);
  g_assert_cmpint (bonus_count (f), ==, 1);

  /* A missed day ends the streak; the next seven in a row earn again. */
  g_assert_cmpuint (check_off_days (f, habit, "2024-03-10", "2024-03-16"), ==, 1);
  g_assert_cmpint (bonus_count (f), ==, 2);
  g_assert_cmpint (balance (f), ==, 7);
  {
    g_autoptr(GPtrArray) rewards = ascend_habit_store_list_rewards (f->db, habit, &error);
    AscendStreakReward *r;

    g_assert_no_error (error);
    g_assert_cmpuint (rewards->len, ==, 2);
    r = g_ptr_array_index (rewards, 1);
    g_assert_cmpint (r->milestone, ==, 7);
    g_assert_cmpstr (r->streak_start, ==, "2024-03-10");
    g_assert_cmpstr (r->streak_end, ==, "2024-03-16");
    g_assert_cmpint (r->transaction_id, >, 0);
  }

  /* Thirty days in a row pay 3 more; the 7 of this streak was paid. */
  g_assert_cmpuint (check_off_days (f, habit, "2024-03-17", "2024-04-08"), ==, 3);
  g_assert_cmpint (bonus_count (f), ==, 3);
  g_assert_cmpint (balance (f), ==, 10);
  g_assert_cmpint (sql_int (f->db, "SELECT sum(amount) FROM tokenTransactions WHERE type = 'bonus'", 0), ==, 5);
  ascend_habit_clock_clear (&day7);
}

static void
test_bonus_weekly_counts_weeks (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Long run", "weekly", "2024-01-01T08:00:00Z");
  guint tokens = 0;

  /* Seven Mondays: seven weeks, one bonus, on the seventh. */
  for (AscendDay day = D ("2024-01-01"); day <= D ("2024-02-12"); day += 7)
    {
      g_autofree char *text = ascend_day_to_string (day);
      AscendHabitClock clock = noon (text);
      AscendCheckOff result;

      g_assert_cmpint (bonus_count (f), ==, 0);
      g_assert_cmpint (ascend_habits_check_off (f->db, habit, &clock, NULL, &result, &error), >, 0);
      g_assert_no_error (error);
      tokens += result.bonus_tokens;
      ascend_habit_clock_clear (&clock);
    }
  g_assert_cmpuint (tokens, ==, 1);
  g_assert_cmpint (bonus_count (f), ==, 1);
  {
    g_autoptr(GPtrArray) rewards = ascend_habit_store_list_rewards (f->db, habit, &error);
    AscendStreakReward *r = g_ptr_array_index (rewards, 0);
    g_assert_cmpstr (r->streak_start, ==, "2024-01-01");
    g_assert_cmpstr (r->streak_end, ==, "2024-02-18");
  }
}

/* A bonus and its record are one transaction. */
static void
test_bonus_atomic (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Water", "daily", "2024-03-01T08:00:00Z");

  /* A reward row that breaks a CHECK: the bonus transaction goes too. */
  g_assert_cmpint (ascend_habit_store_grant_reward (f->db, habit, 7, "2024-03-10", "2024-03-01", 1, "bad", &error), ==, 0);
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (bonus_count (f), ==, 0);
  g_assert_cmpint (balance (f), ==, 5);
}

/* Archive, delete with undo */

static void
test_archive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Piano", "daily", "2024-03-01T08:00:00Z");
  AscendHabitClock now = noon ("2024-03-05");

  check_off_days (f, habit, "2024-03-03", "2024-03-04");
  g_assert_true (ascend_habit_store_set_archived (f->db, habit, TRUE, &error));
  g_assert_true (ascend_habit_store_set_archived (f->db, habit, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AscendHabitStatus) s = status (f, habit, &now);
    g_assert_true (s->archived);
    g_assert_false (ascend_habit_status_is_quest (s));
    g_assert_cmpuint (s->streak.current, ==, 2);
  }
  g_assert_true (ascend_habit_store_set_archived (f->db, habit, FALSE, &error));
  {
    g_autoptr(AscendHabitStatus) s = status (f, habit, &now);
    g_assert_false (s->archived);
    g_assert_true (ascend_habit_status_is_quest (s));
  }
  g_assert_false (ascend_habit_store_set_archived (f->db, 999, TRUE, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  ascend_habit_clock_clear (&now);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Water", "daily", "2024-03-01T08:00:00Z");
  gint64 other = add_habit (f, "Tea", "daily", "2024-03-01T08:00:00Z");
  AscendHabitClock now = noon ("2024-03-09");
  g_autoptr(AscendHabitSnapshot) snapshot = NULL;
  gboolean paid;
  const char *counts =
    "SELECT (SELECT count(*) FROM habits) * 100000 + (SELECT count(*) FROM habitLogs) * 1000"
    " + (SELECT count(*) FROM habitLogDays) * 100 + (SELECT count(*) FROM habitSkips) * 10"
    " + (SELECT count(*) FROM streakRewards) + (SELECT count(*) FROM habitArchive) * 1000000";
  gint64 before, xp_before;

  check_off_days (f, habit, "2024-03-01", "2024-03-07");
  check_off_days (f, other, "2024-03-01", "2024-03-01");
  g_assert_true (ascend_habits_skip_day (f->db, habit, &now, D ("2024-03-08"), FALSE, &paid, &error));
  g_assert_true (ascend_habit_store_set_archived (f->db, habit, TRUE, &error));
  g_assert_no_error (error);
  before = sql_int (f->db, counts, 0);
  g_assert_cmpint (before, ==, 1 * 1000000 + 2 * 100000 + 8 * 1000 + 8 * 100 + 1 * 10 + 1);
  xp_before = xp (f);

  snapshot = ascend_habit_store_delete (f->db, habit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (sql_int (f->db, counts, 0), ==, 1 * 100000 + 1 * 1000 + 1 * 100);
  g_assert_cmpint (xp (f), ==, ASCEND_XP_HABIT_LOG);
  /* The bonus was paid and stays paid: the ledger is append-only. */
  g_assert_cmpint (balance (f), ==, 6);

  /* Undo after a restart of the connection, too. */
  reopen (f);
  g_assert_true (ascend_habit_store_restore (f->db, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->db, counts, 0), ==, before);
  g_assert_cmpint (xp (f), ==, xp_before);
  {
    g_autoptr(AscendHabitStatus) s = status (f, habit, &now);
    g_assert_cmpint (s->habit->id, ==, habit);
    g_assert_cmpstr (s->habit->name, ==, "Water");
    g_assert_true (s->archived);
    g_assert_cmpuint (s->streak.current, ==, 7);
    g_assert_true (ascend_habit_status_skipped_on (s, D ("2024-03-08")));
  }
  /* The reward came back with it: day 9 pays nothing new. */
  g_assert_cmpuint (check_off_days (f, habit, "2024-03-09", "2024-03-09"), ==, 0);
  g_assert_cmpint (bonus_count (f), ==, 1);

  /* A second restore of the same snapshot collides and changes nothing. */
  g_assert_false (ascend_habit_store_restore (f->db, snapshot, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (ascend_habit_store_delete (f->db, 4242, &error));
  g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_NOT_FOUND);
  ascend_habit_clock_clear (&now);
}

/* XP curve */

static void
test_xp_curve (void)
{
  static const struct { gint64 xp; int level; const char *rank; } cases[] = {
    { 0, 1, "E" }, { 99, 1, "E" }, { 100, 2, "E" }, { 299, 2, "E" }, { 300, 3, "E" },
    { 999, 4, "E" }, { 1000, 5, "D" }, { 4499, 9, "D" }, { 4500, 10, "C" },
    { 10500, 15, "B" }, { 19000, 20, "A" }, { 43499, 29, "A" }, { 43500, 30, "S" },
    { 1000000, 141, "S" }, { -5, 1, "E" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AscendProgress p;

      ascend_progress_from_xp (cases[i].xp, &p);
      g_test_message ("%" G_GINT64_FORMAT " XP", cases[i].xp);
      g_assert_cmpint (p.level, ==, cases[i].level);
      g_assert_cmpstr (p.rank, ==, cases[i].rank);
      g_assert_cmpint (p.level_floor, <=, MAX (p.xp, 0));
      g_assert_cmpint (p.level_next, >, p.xp);
      g_assert_cmpfloat (ascend_progress_fraction (&p), >=, 0.0);
      g_assert_cmpfloat (ascend_progress_fraction (&p), <, 1.0);
      if (p.rank_next >= 0)
        {
          g_assert_cmpint (p.rank_next, >, p.xp);
          g_assert_cmpint (p.rank_floor, <=, p.xp);
        }
    }

  /* Each level costs more than the one before; no level is skipped. */
  for (int level = 1; level < 500; level++)
    {
      gint64 at = ascend_progress_xp_for_level (level);
      g_assert_cmpint (ascend_progress_level_for_xp (at), ==, level);
      g_assert_cmpint (ascend_progress_level_for_xp (at - 1), ==, MAX (level - 1, 1));
      g_assert_cmpint (ascend_progress_xp_for_level (level + 1) - at, ==, 100 * level);
    }
}

static void
test_xp_sources (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 habit = add_habit (f, "Water", "daily", "2024-03-01T08:00:00Z");
  g_autoptr(AscendMoodLog) mood = ascend_mood_log_new ();
  g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_new ();
  g_autoptr(AscendGoal) goal = ascend_goal_new ();
  g_autoptr(AscendGoal) open_goal = ascend_goal_new ();
  g_autoptr(AscendMilestone) milestone = ascend_milestone_new ();
  AscendProgress p;

  check_off_days (f, habit, "2024-03-01", "2024-03-02");
  mood->user_id = f->user;
  mood->mood_score = 7;
  g_assert_cmpint (ascend_mood_log_insert (f->db, mood, &error), >, 0);
  entry->user_id = f->user;
  g_free (entry->content);
  entry->content = g_strdup ("Dear diary");
  g_assert_cmpint (ascend_journal_entry_insert (f->db, entry, &error), >, 0);
  goal->user_id = f->user;
  goal->title = g_strdup ("Run 5 km");
  goal->progress = 100;
  g_assert_cmpint (ascend_goal_insert (f->db, goal, &error), >, 0);
  open_goal->user_id = f->user;
  open_goal->title = g_strdup ("Learn Japanese");
  open_goal->progress = 40;
  g_assert_cmpint (ascend_goal_insert (f->db, open_goal, &error), >, 0);
  milestone->goal_id = goal->id;
  milestone->title = g_strdup ("3 km");
  milestone->is_completed = TRUE;
  milestone->completed_at = ascend_now_ms ();
  g_assert_cmpint (ascend_milestone_insert (f->db, milestone, &error), >, 0);
  g_assert_cmpint (sql_int (f->db, "INSERT INTO exerciseSessions (userId, exerciseType, status, startedAt, completedAt)"
                                   " VALUES (?, 'box_breathing', 'completed', 1, 2) RETURNING id", f->user), >, 0);
  g_assert_cmpint (sql_int (f->db, "INSERT INTO exerciseSessions (userId, exerciseType, status, startedAt)"
                                   " VALUES (?, 'grounding', 'abandoned', 1) RETURNING id", f->user), >, 0);
  g_assert_no_error (error);

  g_assert_true (ascend_progress_for_user (f->db, f->user, &p, &error));
  g_assert_cmpint (p.xp, ==, 2 * ASCEND_XP_HABIT_LOG + ASCEND_XP_MOOD_LOG + ASCEND_XP_JOURNAL_ENTRY
                   + ASCEND_XP_EXERCISE + ASCEND_XP_MILESTONE + ASCEND_XP_GOAL);
  g_assert_cmpint (p.xp, ==, 135);
  g_assert_cmpint (p.level, ==, 2);
}

/* Forms */

static void
test_validation (void)
{
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *long_name = g_strnfill (81, 'a');

  g_assert_true (ascend_habit_validate_name ("Drink water", NULL));
  g_assert_false (ascend_habit_validate_name ("   ", &m1));
  g_assert_cmpstr (m1, ==, "Please give the habit a name");
  g_assert_false (ascend_habit_validate_name (long_name, &m2));
  g_assert_cmpstr (m2, ==, "The name can be at most 80 characters");
  g_assert_true (ascend_habit_validate_emoji ("🧘‍♀️", NULL));
  g_assert_true (ascend_habit_validate_emoji ("", NULL));
  g_assert_false (ascend_habit_validate_emoji ("🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥", &m3));
  g_assert_true (ascend_habit_validate_target_days (66, NULL));
  g_assert_false (ascend_habit_validate_target_days (0, &m4));
  g_assert_cmpstr (m4, ==, "The target must be between 1 and 1000 days");
  g_assert_false (ascend_habit_validate_target_days (1001, NULL));
  g_assert_true (ascend_habit_validate_category ("health", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Pacific/Chatham", TRUE);
  tzset ();
  ascend_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/habits/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("schema/target-days", test_target_days_range);
  ADD ("log/keeps-its-day", test_log_keeps_its_day);
  ADD ("log/one-per-period", test_one_log_per_period);
  ADD ("log/past-days", test_past_days);
  ADD ("skips", test_skips);
  ADD ("bonus/once", test_bonus_once);
  ADD ("bonus/weekly", test_bonus_weekly_counts_weeks);
  ADD ("bonus/atomic", test_bonus_atomic);
  ADD ("archive", test_archive);
  ADD ("delete-undo", test_delete_undo);
  ADD ("xp/sources", test_xp_sources);
#undef ADD
  g_test_add_func ("/habits/schema/upgrade-keeps-logs", test_upgrade_keeps_logs);
  g_test_add_func ("/habits/xp/curve", test_xp_curve);
  g_test_add_func ("/habits/validation", test_validation);

  return g_test_run ();
}
