/* ascend-habit-rules.h: days, periods, due quests, streaks and rates of habits
 *
 * Pure functions: no database, no clock and no process time zone. Callers
 * pass the zone and the day-start hour, so tests replay any date anywhere.
 *
 * Days. A habit day is a local calendar day that starts at start_hour
 * o'clock (0-12) local time: with 4, a log at 01:30 counts for the day
 * before. The day of an instant is read from the wall clock of the zone in
 * force for it (GDateTime), so a DST change never moves a log to another
 * day, and a day simply is 23 or 25 hours long when the clocks change. Days
 * are numbered consecutively (AscendDay: days since 1970-01-01), so
 * "yesterday" is always day - 1.
 *
 * Periods. A habit is done once per period: a day (daily), an ISO week
 * starting on Monday (weekly) or a calendar month (monthly). Periods are
 * numbered consecutively too (AscendPeriod), so streaks of weekly and
 * monthly habits count weeks and months, not days.
 *
 * Skips. A skipped period (a "forgiveness" day) neither breaks a streak nor
 * adds to it, and is left out of completion rates. Missed is a period that
 * is over with neither a log nor a skip.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint32 AscendDay;
typedef gint32 AscendPeriod;

typedef enum {
  ASCEND_HABIT_DAILY,
  ASCEND_HABIT_WEEKLY,
  ASCEND_HABIT_MONTHLY,
} AscendHabitFrequency;

#define ASCEND_HABIT_DAY_START_MAX 12

gboolean      ascend_habit_frequency_parse      (const char            *text,
                                                 AscendHabitFrequency  *out);
const char   *ascend_habit_frequency_to_string  (AscendHabitFrequency   frequency);

/* Calendar days (proleptic Gregorian). */
AscendDay     ascend_day_from_ymd               (int        year,
                                                 int        month,
                                                 int        mday);
void          ascend_day_to_ymd                 (AscendDay  day,
                                                 int       *year,
                                                 int       *month,
                                                 int       *mday);
/* 1 = Monday ... 7 = Sunday (ISO 8601). */
int           ascend_day_weekday                (AscendDay  day);
int           ascend_day_days_in_month          (int        year,
                                                 int        month);
/* "YYYY-MM-DD", the DATE format of the store. */
char         *ascend_day_to_string              (AscendDay  day);
/* Strict "YYYY-MM-DD" of a real date. */
gboolean      ascend_day_parse                  (const char *text,
                                                 AscendDay  *out);

/* The habit day the instant utc_ms (Unix ms) falls in, in zone tz. */
AscendDay     ascend_habit_local_day            (gint64      utc_ms,
                                                 GTimeZone  *tz,
                                                 int         start_hour);
/* The first instant (Unix ms) of day: start_hour:00 local, or the first
 * instant after it when the clocks skip that hour. */
gint64        ascend_habit_day_start            (AscendDay   day,
                                                 GTimeZone  *tz,
                                                 int         start_hour);
/* Noon local of day: the time a log added afterwards, from the calendar,
 * is given. Always inside the habit day for any start hour 0-12. */
gint64        ascend_habit_day_noon             (AscendDay   day,
                                                 GTimeZone  *tz);

AscendPeriod  ascend_habit_period               (AscendHabitFrequency frequency,
                                                 AscendDay            day);
AscendDay     ascend_habit_period_first_day     (AscendHabitFrequency frequency,
                                                 AscendPeriod         period);
AscendDay     ascend_habit_period_last_day      (AscendHabitFrequency frequency,
                                                 AscendPeriod         period);
/* "2024-03-31" (daily), "2024-W13" (ISO week), "2024-03" (monthly). */
char         *ascend_habit_period_key           (AscendHabitFrequency frequency,
                                                 AscendPeriod         period);

/* What one habit has been done or skipped in, period by period. Built once
 * from the days of its logs and skips (any order, repeats allowed). */
typedef struct _AscendHabitHistory AscendHabitHistory;

AscendHabitHistory *ascend_habit_history_new    (AscendHabitFrequency frequency,
                                                 const AscendDay     *done_days,
                                                 gsize                n_done,
                                                 const AscendDay     *skipped_days,
                                                 gsize                n_skipped);
void          ascend_habit_history_free         (AscendHabitHistory  *history);
AscendHabitFrequency ascend_habit_history_get_frequency (const AscendHabitHistory *history);
gboolean      ascend_habit_history_is_done      (const AscendHabitHistory *history,
                                                 AscendPeriod              period);
/* Skipped and not done (a log wins over a skip). */
gboolean      ascend_habit_history_is_skipped   (const AscendHabitHistory *history,
                                                 AscendPeriod              period);
/* How many periods are done. */
guint         ascend_habit_history_n_done       (const AscendHabitHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendHabitHistory, ascend_habit_history_free)

/* A quest for today: the period that holds today is neither done nor
 * skipped. Daily habits every day; weekly ones until done this week;
 * monthly ones until done this month. */
gboolean      ascend_habit_is_due               (const AscendHabitHistory *history,
                                                 AscendDay                 today);

typedef struct {
  guint         current;       /* periods done in the run reaching today */
  guint         best;          /* the longest run ever, in periods done */
  AscendPeriod  current_start; /* first done period of the current run */
  AscendPeriod  current_end;   /* last done period of the current run */
} AscendStreak;

/* Runs of consecutive periods, each done or skipped. The current run is
 * the one that reaches today's period, or the period before while today's
 * is still open: a daily streak is not broken until a whole day is missed. */
void          ascend_habit_streak               (const AscendHabitHistory *history,
                                                 AscendDay                 today,
                                                 AscendStreak             *out);

typedef struct {
  guint  done;  /* periods done */
  guint  due;   /* periods that counted: done or missed */
  double rate;  /* done / due, 0 when nothing was due */
} AscendRate;

/* Completion over the last window_days days up to today, from the habit's
 * first day on. Every period touching that span counts, except skipped
 * ones and today's while it is still open. */
void          ascend_habit_completion_rate      (const AscendHabitHistory *history,
                                                 AscendDay                 first_day,
                                                 AscendDay                 today,
                                                 guint                     window_days,
                                                 AscendRate               *out);

/* Progress toward targetDays: the days covered by done periods (1 for a
 * day, 7 for a week, the month's length for a month), at most target_days. */
guint         ascend_habit_target_progress      (const AscendHabitHistory *history,
                                                 guint                     target_days);

typedef enum {
  ASCEND_DAY_NONE,     /* before the habit's first day, or after today */
  ASCEND_DAY_DONE,     /* logged on this very day */
  ASCEND_DAY_COVERED,  /* in a period done on another day (weekly, monthly) */
  ASCEND_DAY_SKIPPED,  /* in a skipped period */
  ASCEND_DAY_OPEN,     /* in today's period, not done yet */
  ASCEND_DAY_MISSED,   /* in a period that ended neither done nor skipped */
} AscendDayState;

/* For the calendar heat map. done_on_day says whether a log falls on day. */
AscendDayState ascend_habit_day_state           (const AscendHabitHistory *history,
                                                 AscendDay                 day,
                                                 gboolean                  done_on_day,
                                                 AscendDay                 first_day,
                                                 AscendDay                 today);

G_END_DECLS
