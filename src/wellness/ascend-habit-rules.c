/* ascend-habit-rules.c: days, periods, due quests, streaks and rates of habits */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ascend-habit-rules.h"

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

gboolean
ascend_habit_frequency_parse (const char           *text,
                              AscendHabitFrequency *out)
{
  static const char * const names[] = { "daily", "weekly", "monthly" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        if (out != NULL)
          *out = (AscendHabitFrequency) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ascend_habit_frequency_to_string (AscendHabitFrequency frequency)
{
  switch (frequency)
    {
    case ASCEND_HABIT_WEEKLY:
      return "weekly";
    case ASCEND_HABIT_MONTHLY:
      return "monthly";
    case ASCEND_HABIT_DAILY:
    default:
      return "daily";
    }
}

/* Howard Hinnant's days_from_civil / civil_from_days: exact for any
 * proleptic Gregorian date, no tables, no loops. */
AscendDay
ascend_day_from_ymd (int year,
                     int month,
                     int mday)
{
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = floor_div (y, 400);
  gint64 yoe = y - era * 400;
  gint64 mp = (month + 9) % 12;
  gint64 doy = (153 * mp + 2) / 5 + mday - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (AscendDay) (era * 146097 + doe - 719468);
}

void
ascend_day_to_ymd (AscendDay  day,
                   int       *year,
                   int       *month,
                   int       *mday)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;
  gint64 y = yoe + era * 400 + (m <= 2);

  if (year != NULL)
    *year = (int) y;
  if (month != NULL)
    *month = (int) m;
  if (mday != NULL)
    *mday = (int) d;
}

int
ascend_day_weekday (AscendDay day)
{
  /* Day -3, Monday 1969-12-29, starts week 0. */
  gint64 since_monday = (gint64) day + 3;

  return (int) (since_monday - floor_div (since_monday, 7) * 7) + 1;
}

int
ascend_day_days_in_month (int year,
                          int month)
{
  int next_year = month == 12 ? year + 1 : year;
  int next_month = month == 12 ? 1 : month + 1;

  return ascend_day_from_ymd (next_year, next_month, 1) - ascend_day_from_ymd (year, month, 1);
}

char *
ascend_day_to_string (AscendDay day)
{
  int y, m, d;

  ascend_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

gboolean
ascend_day_parse (const char *text,
                  AscendDay  *out)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (m < 1 || m > 12 || d < 1 || d > ascend_day_days_in_month (y, m))
    return FALSE;
  if (out != NULL)
    *out = ascend_day_from_ymd (y, m, d);
  return TRUE;
}

AscendDay
ascend_habit_local_day (gint64     utc_ms,
                        GTimeZone *tz,
                        int        start_hour)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  AscendDay day;
  int y, m, d;

  g_return_val_if_fail (tz != NULL, 0);

  utc = g_date_time_new_from_unix_utc (floor_div (utc_ms, 1000));
  g_return_val_if_fail (utc != NULL, 0);
  local = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (local, &y, &m, &d);
  day = ascend_day_from_ymd (y, m, d);
  /* The wall clock decides, so a day that starts at 04:00 still starts at
   * 04:00 on the days the clocks jump. */
  if (g_date_time_get_hour (local) < CLAMP (start_hour, 0, ASCEND_HABIT_DAY_START_MAX))
    day--;
  return day;
}

static gint64
local_time_ms (AscendDay  day,
               GTimeZone *tz,
               int        hour)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  ascend_day_to_ymd (day, &y, &m, &d);
  /* In a DST gap GLib moves the time forward past the gap; an ambiguous
   * time (fall back) is read as the first of the two. */
  dt = g_date_time_new (tz, y, m, d, hour, 0, 0);
  g_return_val_if_fail (dt != NULL, 0);
  return g_date_time_to_unix (dt) * 1000;
}

gint64
ascend_habit_day_start (AscendDay  day,
                        GTimeZone *tz,
                        int        start_hour)
{
  gint64 start;
  gint64 before;
  gint64 earlier;

  g_return_val_if_fail (tz != NULL, 0);

  start_hour = CLAMP (start_hour, 0, ASCEND_HABIT_DAY_START_MAX);
  start = local_time_ms (day, tz, start_hour);
  /* When the clocks fall back over the start hour, that wall time happens
   * twice and GLib may give the second one; the day began at the first. */
  before = start - 1000;
  if (ascend_habit_local_day (before, tz, start_hour) == day)
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (before / 1000);
      g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc (start / 1000);
      g_autoptr(GDateTime) la = g_date_time_to_timezone (a, tz);
      g_autoptr(GDateTime) lb = g_date_time_to_timezone (b, tz);
      GTimeSpan shift = g_date_time_get_utc_offset (la) - g_date_time_get_utc_offset (lb);

      earlier = start - shift / G_TIME_SPAN_MILLISECOND;
      if (shift > 0 && ascend_habit_local_day (earlier, tz, start_hour) == day)
        start = earlier;
    }
  return start;
}

gint64
ascend_habit_day_noon (AscendDay  day,
                       GTimeZone *tz)
{
  g_return_val_if_fail (tz != NULL, 0);
  return local_time_ms (day, tz, 12);
}

AscendPeriod
ascend_habit_period (AscendHabitFrequency frequency,
                     AscendDay            day)
{
  int y, m;

  switch (frequency)
    {
    case ASCEND_HABIT_WEEKLY:
      /* Week 0 starts on Monday 1969-12-29, three days before day 0. */
      return (AscendPeriod) floor_div ((gint64) day + 3, 7);
    case ASCEND_HABIT_MONTHLY:
      ascend_day_to_ymd (day, &y, &m, NULL);
      return (AscendPeriod) ((gint64) y * 12 + (m - 1));
    case ASCEND_HABIT_DAILY:
    default:
      return day;
    }
}

AscendDay
ascend_habit_period_first_day (AscendHabitFrequency frequency,
                               AscendPeriod         period)
{
  switch (frequency)
    {
    case ASCEND_HABIT_WEEKLY:
      return (AscendDay) ((gint64) period * 7 - 3);
    case ASCEND_HABIT_MONTHLY:
      return ascend_day_from_ymd ((int) floor_div (period, 12), (int) (period - floor_div (period, 12) * 12) + 1, 1);
    case ASCEND_HABIT_DAILY:
    default:
      return period;
    }
}

AscendDay
ascend_habit_period_last_day (AscendHabitFrequency frequency,
                              AscendPeriod         period)
{
  return ascend_habit_period_first_day (frequency, period + 1) - 1;
}

char *
ascend_habit_period_key (AscendHabitFrequency frequency,
                         AscendPeriod         period)
{
  AscendDay first = ascend_habit_period_first_day (frequency, period);
  int y, m;

  switch (frequency)
    {
    case ASCEND_HABIT_WEEKLY:
      {
        /* The ISO week belongs to the year of its Thursday. */
        AscendDay thursday = first + 3;
        ascend_day_to_ymd (thursday, &y, NULL, NULL);
        return g_strdup_printf ("%04d-W%02d", y, (thursday - ascend_day_from_ymd (y, 1, 1)) / 7 + 1);
      }
    case ASCEND_HABIT_MONTHLY:
      ascend_day_to_ymd (first, &y, &m, NULL);
      return g_strdup_printf ("%04d-%02d", y, m);
    case ASCEND_HABIT_DAILY:
    default:
      return ascend_day_to_string (first);
    }
}

/* History: periods sorted ascending, each once, with what happened in it. */
enum { MARK_DONE = 1, MARK_SKIPPED = 2 };

typedef struct {
  AscendPeriod period;
  guint8       mark;
} Mark;

struct _AscendHabitHistory {
  AscendHabitFrequency frequency;
  Mark                *marks;
  gsize                n_marks;
  guint                n_done;
};

static int
compare_marks (const void *a,
               const void *b)
{
  const Mark *x = a, *y = b;

  if (x->period != y->period)
    return x->period < y->period ? -1 : 1;
  return (int) x->mark - (int) y->mark;
}

AscendHabitHistory *
ascend_habit_history_new (AscendHabitFrequency frequency,
                          const AscendDay     *done_days,
                          gsize                n_done,
                          const AscendDay     *skipped_days,
                          gsize                n_skipped)
{
  AscendHabitHistory *self = g_new0 (AscendHabitHistory, 1);
  gsize n = 0;

  g_return_val_if_fail (n_done == 0 || done_days != NULL, self);
  g_return_val_if_fail (n_skipped == 0 || skipped_days != NULL, self);

  self->frequency = frequency;
  self->marks = g_new (Mark, n_done + n_skipped + 1);
  for (gsize i = 0; i < n_done; i++)
    self->marks[n++] = (Mark) { ascend_habit_period (frequency, done_days[i]), MARK_DONE };
  for (gsize i = 0; i < n_skipped; i++)
    self->marks[n++] = (Mark) { ascend_habit_period (frequency, skipped_days[i]), MARK_SKIPPED };
  qsort (self->marks, n, sizeof (Mark), compare_marks);

  /* One mark per period; done (1) sorts before skipped (2) and wins. */
  for (gsize i = 0; i < n; i++)
    if (self->n_marks == 0 || self->marks[self->n_marks - 1].period != self->marks[i].period)
      {
        self->marks[self->n_marks++] = self->marks[i];
        if (self->marks[i].mark == MARK_DONE)
          self->n_done++;
      }
  return self;
}

void
ascend_habit_history_free (AscendHabitHistory *history)
{
  if (history == NULL)
    return;
  g_free (history->marks);
  g_free (history);
}

AscendHabitFrequency
ascend_habit_history_get_frequency (const AscendHabitHistory *history)
{
  return history->frequency;
}

static guint8
mark_of (const AscendHabitHistory *h,
         AscendPeriod              period)
{
  gsize lo = 0, hi = h->n_marks;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (h->marks[mid].period < period)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < h->n_marks && h->marks[lo].period == period ? h->marks[lo].mark : 0;
}

gboolean
ascend_habit_history_is_done (const AscendHabitHistory *history,
                              AscendPeriod              period)
{
  g_return_val_if_fail (history != NULL, FALSE);
  return mark_of (history, period) == MARK_DONE;
}

gboolean
ascend_habit_history_is_skipped (const AscendHabitHistory *history,
                                 AscendPeriod              period)
{
  g_return_val_if_fail (history != NULL, FALSE);
  return mark_of (history, period) == MARK_SKIPPED;
}

guint
ascend_habit_history_n_done (const AscendHabitHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);
  return history->n_done;
}

gboolean
ascend_habit_is_due (const AscendHabitHistory *history,
                     AscendDay                 today)
{
  g_return_val_if_fail (history != NULL, FALSE);
  return mark_of (history, ascend_habit_period (history->frequency, today)) == 0;
}

void
ascend_habit_streak (const AscendHabitHistory *history,
                     AscendDay                 today,
                     AscendStreak             *out)
{
  AscendPeriod now;
  AscendPeriod prev = 0;
  AscendPeriod run_start = 0, run_end = 0;
  guint run = 0;
  gboolean in_run = FALSE;

  g_return_if_fail (history != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  now = ascend_habit_period (history->frequency, today);

  for (gsize i = 0; i < history->n_marks; i++)
    {
      const Mark *mark = &history->marks[i];

      /* Logs dated after today (a clock set back) do not count yet. */
      if (mark->period > now)
        break;
      if (in_run && mark->period != prev + 1)
        {
          run = 0;
          in_run = FALSE;
        }
      in_run = TRUE;
      prev = mark->period;
      if (mark->mark == MARK_DONE)
        {
          if (run == 0)
            run_start = mark->period;
          run_end = mark->period;
          run++;
          out->best = MAX (out->best, run);
        }
    }

  /* The last run still counts while it reaches yesterday's period: today's
   * is open until it ends. */
  if (in_run && run > 0 && prev >= now - 1)
    {
      out->current = run;
      out->current_start = run_start;
      out->current_end = run_end;
    }
}

void
ascend_habit_completion_rate (const AscendHabitHistory *history,
                              AscendDay                 first_day,
                              AscendDay                 today,
                              guint                     window_days,
                              AscendRate               *out)
{
  AscendHabitFrequency f;
  AscendDay from;
  AscendPeriod now;

  g_return_if_fail (history != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  if (window_days == 0 || first_day > today)
    return;

  f = history->frequency;
  from = MAX (first_day, today - (AscendDay) window_days + 1);
  now = ascend_habit_period (f, today);
  for (AscendPeriod p = ascend_habit_period (f, from); p <= now; p++)
    {
      guint8 mark = mark_of (history, p);

      if (mark == MARK_DONE)
        {
          out->done++;
          out->due++;
        }
      else if (mark == 0 && p != now)
        out->due++;
    }
  out->rate = out->due > 0 ? (double) out->done / (double) out->due : 0.0;
}

guint
ascend_habit_target_progress (const AscendHabitHistory *history,
                              guint                     target_days)
{
  guint64 days = 0;

  g_return_val_if_fail (history != NULL, 0);

  for (gsize i = 0; i < history->n_marks && days < target_days; i++)
    if (history->marks[i].mark == MARK_DONE)
      days += ascend_habit_period_last_day (history->frequency, history->marks[i].period)
              - ascend_habit_period_first_day (history->frequency, history->marks[i].period) + 1;
  return (guint) MIN (days, (guint64) target_days);
}

AscendDayState
ascend_habit_day_state (const AscendHabitHistory *history,
                        AscendDay                 day,
                        gboolean                  done_on_day,
                        AscendDay                 first_day,
                        AscendDay                 today)
{
  AscendPeriod period;
  guint8 mark;

  g_return_val_if_fail (history != NULL, ASCEND_DAY_NONE);

  if (day > today)
    return ASCEND_DAY_NONE;
  if (done_on_day)
    return ASCEND_DAY_DONE;
  if (day < first_day)
    return ASCEND_DAY_NONE;
  period = ascend_habit_period (history->frequency, day);
  mark = mark_of (history, period);
  if (mark == MARK_DONE)
    return ASCEND_DAY_COVERED;
  if (mark == MARK_SKIPPED)
    return ASCEND_DAY_SKIPPED;
  if (period == ascend_habit_period (history->frequency, today))
    return ASCEND_DAY_OPEN;
  return ASCEND_DAY_MISSED;
}
