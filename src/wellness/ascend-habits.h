/* ascend-habits.h: habits as daily quests: status, check-off, skips, bonuses
 *
 * Joins the store (src/store/ascend-habit-store.h) and the rules
 * (ascend-habit-rules.h). Every call takes an AscendHabitClock, the zone in
 * force, the day-start hour and the time now, so tests and benches replay
 * any moment; the app makes one from GSettings and the system zone.
 *
 * Rules a user sees:
 * - One log per period: a habit done today (or this week, this month) can
 *   not be checked off again until the next period, so XP is not farmed.
 * - A log fixes its day when written (habitLogDays): moving to another zone
 *   or changing the start hour later never moves old logs.
 * - Past days are edited from the calendar, from the habit's first day up
 *   to today; a log for a skipped day replaces the skip (refunding it).
 * - Skips: ASCEND_HABIT_FREE_SKIPS_PER_MONTH free per habit and calendar
 *   month; after that a skip costs ASCEND_HABIT_SKIP_TOKEN_COST token
 *   (a usage transaction), refunded when the skip is taken back. Days from
 *   the first day up to a week ahead can be skipped; a done period cannot.
 * - Streak bonuses: when the current streak reaches 7, 30 or 100 periods
 *   (days, weeks or months, as the habit counts), 1, 3 or 10 tokens as a
 *   bonus transaction, once per streak: a streak already paid for a
 *   milestone (a reward row whose span overlaps it) is never paid again,
 *   whatever is undone, redone or restarted.
 */
#pragma once

#include "ascend-habit-rules.h"
#include "ascend-habit-store.h"

G_BEGIN_DECLS

#define ASCEND_HABIT_FREE_SKIPS_PER_MONTH 2
#define ASCEND_HABIT_SKIP_TOKEN_COST      1
#define ASCEND_HABIT_SKIP_DAYS_AHEAD      7
#define ASCEND_HABIT_TARGET_DAYS_MAX   1000

typedef struct {
  GTimeZone *tz;
  int        start_hour;
  gint64     now;          /* Unix ms */
} AscendHabitClock;

/* tz NULL: the system zone, read afresh (it may have changed since the
 * last call); now 0: the current time. */
void      ascend_habit_clock_init   (AscendHabitClock       *clock,
                                     GTimeZone              *tz,
                                     int                     start_hour,
                                     gint64                  now);
void      ascend_habit_clock_clear  (AscendHabitClock       *clock);
AscendDay ascend_habit_clock_today  (const AscendHabitClock *clock);

typedef struct {
  guint milestone;  /* streak length, in periods */
  guint tokens;
} AscendStreakBonus;

const AscendStreakBonus *ascend_streak_bonuses (guint *n_bonuses);

typedef struct {
  gint64     id;
  AscendDay  day;
  gint64     completed_at;
  char      *notes;
} AscendHabitEntry;

typedef struct {
  AscendHabit          *habit;
  AscendHabitFrequency  frequency;
  gboolean              archived;
  AscendDay             first_day;   /* created, or the first log or skip if earlier */
  AscendDay             today;
  GArray               *logs;        /* AscendHabitEntry, by day then time */
  GArray               *skips;       /* AscendDay, ascending */
  AscendHabitHistory   *history;
  AscendStreak          streak;
  gboolean              due;         /* today's period is neither done nor skipped */
  gboolean              done_today;  /* logged on today */
  guint                 target_progress;
} AscendHabitStatus;

void               ascend_habit_status_free      (AscendHabitStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendHabitStatus, ascend_habit_status_free)

AscendHabitStatus *ascend_habit_status_load      (AscendDatabase          *db,
                                                  gint64                   habit_id,
                                                  const AscendHabitClock  *clock,
                                                  GError                 **error);
/* Every habit of the user, archived ones too, oldest first. */
GPtrArray         *ascend_habits_load_all        (AscendDatabase          *db,
                                                  gint64                   user_id,
                                                  const AscendHabitClock  *clock,
                                                  GError                 **error);
/* In today's quests: not archived, and due or done today. */
gboolean           ascend_habit_status_is_quest  (const AscendHabitStatus *status);
void               ascend_habit_status_rate      (const AscendHabitStatus *status,
                                                  guint                    window_days,
                                                  AscendRate              *out);
/* The last log on day, or NULL. */
const AscendHabitEntry *ascend_habit_status_log_on (const AscendHabitStatus *status,
                                                    AscendDay                day);
gboolean           ascend_habit_status_skipped_on (const AscendHabitStatus *status,
                                                   AscendDay                day);
AscendDayState     ascend_habit_status_day_state (const AscendHabitStatus *status,
                                                  AscendDay                day);

typedef struct {
  gint64 log_id;
  guint  bonus_tokens;  /* streak bonus paid because of this log */
  guint  milestone;     /* the highest milestone paid, or 0 */
} AscendCheckOff;

/* Logs the habit now, for today. out may be NULL. Returns the log id. */
gint64   ascend_habits_check_off     (AscendDatabase          *db,
                                      gint64                   habit_id,
                                      const AscendHabitClock  *clock,
                                      const char              *notes,
                                      AscendCheckOff          *out,
                                      GError                 **error);
/* Logs a past day (or today) from the calendar, at noon local. */
gint64   ascend_habits_log_day       (AscendDatabase          *db,
                                      gint64                   habit_id,
                                      const AscendHabitClock  *clock,
                                      AscendDay                day,
                                      const char              *notes,
                                      AscendCheckOff          *out,
                                      GError                 **error);
/* Removes the logs of day (today: the undo of a check-off). Bonuses
 * already paid stay paid. */
gboolean ascend_habits_unlog_day     (AscendDatabase          *db,
                                      gint64                   habit_id,
                                      const AscendHabitClock  *clock,
                                      AscendDay                day,
                                      GError                 **error);
/* Free skips left in the month of day. */
gint64   ascend_habits_free_skips_left (AscendDatabase        *db,
                                        gint64                 habit_id,
                                        AscendDay              day,
                                        GError               **error);
/* Skips day. When no free skip is left it costs a token, and only with
 * allow_paid (else ASCEND_STORE_ERROR_INSUFFICIENT, nothing written).
 * *paid says whether a token was spent. */
gboolean ascend_habits_skip_day      (AscendDatabase          *db,
                                      gint64                   habit_id,
                                      const AscendHabitClock  *clock,
                                      AscendDay                day,
                                      gboolean                 allow_paid,
                                      gboolean                *paid,
                                      GError                 **error);
gboolean ascend_habits_unskip_day    (AscendDatabase          *db,
                                      gint64                   habit_id,
                                      AscendDay                day,
                                      GError                 **error);
/* Pays the bonuses the current streak has earned and not been paid. Run
 * after every log; safe to run any time. Returns tokens paid. */
guint    ascend_habits_grant_bonuses (AscendDatabase          *db,
                                      gint64                   habit_id,
                                      const AscendHabitClock  *clock,
                                      guint                   *milestone,
                                      GError                 **error);

/* What a habit form may hold: a sentence for an inline error otherwise. */
gboolean ascend_habit_validate_name        (const char  *name,
                                            char       **message);
gboolean ascend_habit_validate_category    (const char  *category,
                                            char       **message);
gboolean ascend_habit_validate_emoji       (const char  *emoji,
                                            char       **message);
gboolean ascend_habit_validate_target_days (gint64       target_days,
                                            char       **message);

G_END_DECLS
