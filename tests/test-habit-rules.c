/* test-habit-rules.c: habit days, periods, due quests, streaks and rates
 *
 * Table-driven over dates where habit trackers go wrong: DST spring-forward
 * and fall-back days in Europe/Berlin and America/New_York, a day that
 * starts at 04:00, a move between the two zones between two logs, and leap
 * days. Every zone is passed in explicitly: the process TZ is never read.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "ascend-test-util.h"
#include "ascend-habit-rules.h"

#define BERLIN "Europe/Berlin"
#define NEW_YORK "America/New_York"

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (tz);
  return tz;
}

static AscendDay
D (const char *text)
{
  AscendDay day = 0;

  if (!ascend_day_parse (text, &day))
    g_error ("bad date in test table: %s", text);
  return day;
}

/* An instant given as ISO 8601 with its offset, e.g. "2024-03-31T00:59:59Z". */
static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  if (dt == NULL)
    g_error ("bad instant in test table: %s", text);
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* "2024-03-01,2024-03-02" -> days; NULL or "" -> none. */
static GArray *
days_of (const char *list)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (AscendDay));
  g_auto(GStrv) parts = NULL;

  if (list == NULL || *list == '\0')
    return days;
  parts = g_strsplit (list, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      AscendDay d = D (parts[i]);
      g_array_append_val (days, d);
    }
  return days;
}

static AscendHabitHistory *
history_of (AscendHabitFrequency frequency,
            const char          *done,
            const char          *skipped)
{
  g_autoptr(GArray) d = days_of (done);
  g_autoptr(GArray) s = days_of (skipped);

  return ascend_habit_history_new (frequency, (AscendDay *) d->data, d->len, (AscendDay *) s->data, s->len);
}

static char *
day_string (AscendDay day)
{
  return ascend_day_to_string (day);
}

/* Calendar arithmetic */

static void
test_calendar_round_trip (void)
{
  AscendDay first = ascend_day_from_ymd (1900, 1, 1);
  AscendDay last = ascend_day_from_ymd (2401, 1, 1);
  int py = 1899, pm = 12, pd = 31;

  g_assert_cmpint (ascend_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (ascend_day_from_ymd (1969, 12, 31), ==, -1);
  g_assert_cmpint (ascend_day_from_ymd (2000, 3, 1) - ascend_day_from_ymd (2000, 2, 28), ==, 2);
  g_assert_cmpint (ascend_day_from_ymd (2100, 3, 1) - ascend_day_from_ymd (2100, 2, 28), ==, 1);

  /* Every day follows the one before, as GDate says it should. */
  for (AscendDay day = first; day < last; day++)
    {
      GDate g;
      int y, m, d;

      ascend_day_to_ymd (day, &y, &m, &d);
      g_assert_cmpint (ascend_day_from_ymd (y, m, d), ==, day);
      g_date_clear (&g, 1);
      g_date_set_dmy (&g, pd, pm, py);
      g_date_add_days (&g, 1);
      g_assert_cmpint (g_date_get_year (&g), ==, y);
      g_assert_cmpint (g_date_get_month (&g), ==, m);
      g_assert_cmpint (g_date_get_day (&g), ==, d);
      g_assert_cmpint (ascend_day_weekday (day), ==, g_date_get_weekday (&g));
      py = y, pm = m, pd = d;
    }
}

static void
test_calendar_parse (void)
{
  static const struct { const char *text; gboolean valid; } cases[] = {
    { "2024-02-29", TRUE },
    { "2023-02-29", FALSE },
    { "2100-02-29", FALSE },
    { "2000-02-29", TRUE },
    { "2024-04-31", FALSE },
    { "2024-13-01", FALSE },
    { "2024-00-10", FALSE },
    { "2024-1-01", FALSE },
    { "2024-01-01 ", FALSE },
    { "", FALSE },
    { "abcd-ef-gh", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AscendDay day;
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ascend_day_parse (cases[i].text, &day), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_autofree char *back = day_string (day);
          g_assert_cmpstr (back, ==, cases[i].text);
        }
    }
  g_assert_false (ascend_day_parse (NULL, NULL));
}

/* The habit day of an instant */

typedef struct {
  const char *zone;
  const char *instant;     /* UTC */
  int         start_hour;
  const char *day;
  const char *why;
} LocalDayCase;

static const LocalDayCase local_day_cases[] = {
  /* Berlin, spring forward 2024-03-31: 02:00 CET becomes 03:00 CEST at 01:00Z. */
  { BERLIN, "2024-03-30T22:59:59Z", 0, "2024-03-30", "23:59:59 CET" },
  { BERLIN, "2024-03-30T23:00:00Z", 0, "2024-03-31", "midnight starts the short day" },
  { BERLIN, "2024-03-31T00:59:59Z", 0, "2024-03-31", "01:59:59 CET, just before the jump" },
  { BERLIN, "2024-03-31T01:00:00Z", 0, "2024-03-31", "03:00 CEST, just after" },
  { BERLIN, "2024-03-31T00:59:59Z", 4, "2024-03-30", "01:59:59 belongs to the day before at start 4" },
  { BERLIN, "2024-03-31T01:59:59Z", 4, "2024-03-30", "03:59:59 CEST still before 04:00" },
  { BERLIN, "2024-03-31T02:00:00Z", 4, "2024-03-31", "04:00 CEST starts the day" },
  { BERLIN, "2024-03-31T21:59:59Z", 0, "2024-03-31", "23:59:59 CEST" },
  { BERLIN, "2024-03-31T22:00:00Z", 0, "2024-04-01", "midnight CEST" },
  /* Berlin, fall back 2024-10-27: 03:00 CEST becomes 02:00 CET at 01:00Z. */
  { BERLIN, "2024-10-26T22:00:00Z", 0, "2024-10-27", "midnight CEST" },
  { BERLIN, "2024-10-27T00:30:00Z", 4, "2024-10-26", "the first 02:30 (CEST)" },
  { BERLIN, "2024-10-27T01:30:00Z", 4, "2024-10-26", "the second 02:30 (CET)" },
  { BERLIN, "2024-10-27T02:59:59Z", 4, "2024-10-26", "03:59:59 CET" },
  { BERLIN, "2024-10-27T03:00:00Z", 4, "2024-10-27", "04:00 CET" },
  { BERLIN, "2024-10-27T22:59:59Z", 0, "2024-10-27", "23:59:59 CET on the long day" },
  { BERLIN, "2024-10-27T23:00:00Z", 0, "2024-10-28", "midnight CET" },
  /* New York, spring forward 2024-03-10: 02:00 EST becomes 03:00 EDT at 07:00Z. */
  { NEW_YORK, "2024-03-10T04:59:59Z", 0, "2024-03-09", "23:59:59 EST" },
  { NEW_YORK, "2024-03-10T05:00:00Z", 0, "2024-03-10", "midnight EST" },
  { NEW_YORK, "2024-03-10T06:59:59Z", 4, "2024-03-09", "01:59:59 EST" },
  { NEW_YORK, "2024-03-10T07:00:00Z", 4, "2024-03-09", "03:00 EDT" },
  { NEW_YORK, "2024-03-10T07:59:59Z", 4, "2024-03-09", "03:59:59 EDT" },
  { NEW_YORK, "2024-03-10T08:00:00Z", 4, "2024-03-10", "04:00 EDT" },
  { NEW_YORK, "2024-03-11T03:59:59Z", 0, "2024-03-10", "23:59:59 EDT" },
  /* New York, fall back 2024-11-03: 02:00 EDT becomes 01:00 EST at 06:00Z. */
  { NEW_YORK, "2024-11-03T04:00:00Z", 0, "2024-11-03", "midnight EDT" },
  { NEW_YORK, "2024-11-03T05:30:00Z", 4, "2024-11-02", "the first 01:30 (EDT)" },
  { NEW_YORK, "2024-11-03T06:30:00Z", 4, "2024-11-02", "the second 01:30 (EST)" },
  { NEW_YORK, "2024-11-03T08:59:59Z", 4, "2024-11-02", "03:59:59 EST" },
  { NEW_YORK, "2024-11-03T09:00:00Z", 4, "2024-11-03", "04:00 EST" },
  { NEW_YORK, "2024-11-04T04:59:59Z", 0, "2024-11-03", "23:59:59 EST on the long day" },
  /* A day that starts at 04:00: 01:30 counts for the day before. */
  { BERLIN, "2024-06-15T23:30:00Z", 4, "2024-06-15", "01:30 CEST on the 16th" },
  { BERLIN, "2024-06-15T23:30:00Z", 0, "2024-06-16", "the same with midnight days" },
  { NEW_YORK, "2024-06-16T05:30:00Z", 4, "2024-06-15", "01:30 EDT on the 16th" },
  /* Leap days. */
  { BERLIN, "2024-02-29T12:00:00Z", 0, "2024-02-29", "a leap day" },
  { BERLIN, "2024-03-01T02:00:00Z", 4, "2024-02-29", "03:00 on March 1st of a leap year" },
  { BERLIN, "2023-03-01T02:00:00Z", 4, "2023-02-28", "03:00 on March 1st of a common year" },
  { NEW_YORK, "2100-03-01T08:00:00Z", 4, "2100-02-28", "2100 is not a leap year" },
  { NEW_YORK, "2000-03-01T08:00:00Z", 4, "2000-02-29", "2000 is" },
  /* Before 1970 (negative Unix time rounds down, not toward zero). */
  { "UTC", "1969-12-31T23:59:59.500Z", 0, "1969-12-31", "half a second before the epoch" },
  { "UTC", "1970-01-01T00:00:00Z", 0, "1970-01-01", "the epoch" },
};

static void
test_local_day (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (local_day_cases); i++)
    {
      const LocalDayCase *c = &local_day_cases[i];
      g_autoptr(GTimeZone) tz = zone (c->zone);
      g_autofree char *got = day_string (ascend_habit_local_day (T (c->instant), tz, c->start_hour));

      g_test_message ("%s %s start %d: %s", c->zone, c->instant, c->start_hour, c->why);
      g_assert_cmpstr (got, ==, c->day);
    }
}

/* Where a day starts, and how long it lasts */

typedef struct {
  const char *zone;
  const char *day;
  int         start_hour;
  const char *starts;   /* UTC */
  int         hours;    /* length of the habit day */
} DayStartCase;

static const DayStartCase day_start_cases[] = {
  { BERLIN, "2024-03-31", 0, "2024-03-30T23:00:00Z", 23 },
  { BERLIN, "2024-03-30", 4, "2024-03-30T03:00:00Z", 23 },
  { BERLIN, "2024-03-31", 4, "2024-03-31T02:00:00Z", 24 },
  /* 02:00 does not exist that night: the day starts when the clocks land. */
  { BERLIN, "2024-03-31", 2, "2024-03-31T01:00:00Z", 23 },
  { BERLIN, "2024-10-27", 0, "2024-10-26T22:00:00Z", 25 },
  { BERLIN, "2024-10-26", 4, "2024-10-26T02:00:00Z", 25 },
  /* 02:00 happens twice that night: the day starts at the first. */
  { BERLIN, "2024-10-27", 2, "2024-10-27T00:00:00Z", 25 },
  { BERLIN, "2024-06-15", 4, "2024-06-15T02:00:00Z", 24 },
  { NEW_YORK, "2024-03-10", 0, "2024-03-10T05:00:00Z", 23 },
  { NEW_YORK, "2024-03-09", 4, "2024-03-09T09:00:00Z", 23 },
  { NEW_YORK, "2024-03-10", 2, "2024-03-10T07:00:00Z", 23 },
  { NEW_YORK, "2024-11-03", 0, "2024-11-03T04:00:00Z", 25 },
  { NEW_YORK, "2024-11-02", 4, "2024-11-02T08:00:00Z", 25 },
  { NEW_YORK, "2024-11-03", 1, "2024-11-03T05:00:00Z", 25 },
  { NEW_YORK, "2024-02-29", 4, "2024-02-29T09:00:00Z", 24 },
};

static void
test_day_start (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (day_start_cases); i++)
    {
      const DayStartCase *c = &day_start_cases[i];
      g_autoptr(GTimeZone) tz = zone (c->zone);
      AscendDay day = D (c->day);
      gint64 start = ascend_habit_day_start (day, tz, c->start_hour);
      gint64 next = ascend_habit_day_start (day + 1, tz, c->start_hour);

      g_test_message ("%s %s start %d", c->zone, c->day, c->start_hour);
      g_assert_cmpint (start, ==, T (c->starts));
      g_assert_cmpint (next - start, ==, (gint64) c->hours * 3600 * 1000);
      g_assert_cmpint (ascend_habit_local_day (start, tz, c->start_hour), ==, day);
      g_assert_cmpint (ascend_habit_local_day (start - 1, tz, c->start_hour), ==, day - 1);
      g_assert_cmpint (ascend_habit_local_day (next - 1, tz, c->start_hour), ==, day);
      g_assert_cmpint (ascend_habit_local_day (ascend_habit_day_noon (day, tz), tz, c->start_hour), ==, day);
    }
}

/* Every start hour, every day of 2024, both zones: days tile time with no
 * gap and no overlap, and noon is inside its day. */
static void
test_day_start_tiles_year (void)
{
  const char *zones[] = { BERLIN, NEW_YORK, "Asia/Tokyo", "Australia/Lord_Howe" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = zone (zones[z]);

      for (int hour = 0; hour <= ASCEND_HABIT_DAY_START_MAX; hour++)
        for (AscendDay day = D ("2024-01-01"); day <= D ("2024-12-31"); day++)
          {
            gint64 start = ascend_habit_day_start (day, tz, hour);
            gint64 next = ascend_habit_day_start (day + 1, tz, hour);

            g_assert_cmpint (next - start, >=, 22 * 3600 * 1000);
            g_assert_cmpint (next - start, <=, 26 * 3600 * 1000);
            g_assert_cmpint (ascend_habit_local_day (start, tz, hour), ==, day);
            g_assert_cmpint (ascend_habit_local_day (start - 1, tz, hour), ==, day - 1);
            g_assert_cmpint (ascend_habit_local_day (ascend_habit_day_noon (day, tz), tz, hour), ==, day);
          }
    }
}

/* Periods */

typedef struct {
  AscendHabitFrequency frequency;
  const char *day;
  const char *key;
  const char *first;
  const char *last;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { ASCEND_HABIT_DAILY, "2024-02-29", "2024-02-29", "2024-02-29", "2024-02-29" },
  { ASCEND_HABIT_WEEKLY, "2024-02-29", "2024-W09", "2024-02-26", "2024-03-03" },
  { ASCEND_HABIT_WEEKLY, "2024-03-31", "2024-W13", "2024-03-25", "2024-03-31" },
  { ASCEND_HABIT_WEEKLY, "2024-04-01", "2024-W14", "2024-04-01", "2024-04-07" },
  { ASCEND_HABIT_WEEKLY, "2024-12-30", "2025-W01", "2024-12-30", "2025-01-05" },
  { ASCEND_HABIT_WEEKLY, "2021-01-03", "2020-W53", "2020-12-28", "2021-01-03" },
  { ASCEND_HABIT_WEEKLY, "2026-01-01", "2026-W01", "2025-12-29", "2026-01-04" },
  { ASCEND_HABIT_WEEKLY, "1970-01-01", "1970-W01", "1969-12-29", "1970-01-04" },
  { ASCEND_HABIT_WEEKLY, "1969-12-28", "1969-W52", "1969-12-22", "1969-12-28" },
  { ASCEND_HABIT_MONTHLY, "2024-02-29", "2024-02", "2024-02-01", "2024-02-29" },
  { ASCEND_HABIT_MONTHLY, "2023-02-15", "2023-02", "2023-02-01", "2023-02-28" },
  { ASCEND_HABIT_MONTHLY, "2100-02-01", "2100-02", "2100-02-01", "2100-02-28" },
  { ASCEND_HABIT_MONTHLY, "2000-02-01", "2000-02", "2000-02-01", "2000-02-29" },
  { ASCEND_HABIT_MONTHLY, "2024-12-31", "2024-12", "2024-12-01", "2024-12-31" },
  { ASCEND_HABIT_MONTHLY, "1969-12-31", "1969-12", "1969-12-01", "1969-12-31" },
};

static void
test_periods (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      const PeriodCase *c = &period_cases[i];
      AscendPeriod p = ascend_habit_period (c->frequency, D (c->day));
      g_autofree char *key = ascend_habit_period_key (c->frequency, p);
      g_autofree char *first = day_string (ascend_habit_period_first_day (c->frequency, p));
      g_autofree char *last = day_string (ascend_habit_period_last_day (c->frequency, p));

      g_test_message ("%s %s", ascend_habit_frequency_to_string (c->frequency), c->day);
      g_assert_cmpstr (key, ==, c->key);
      g_assert_cmpstr (first, ==, c->first);
      g_assert_cmpstr (last, ==, c->last);
    }

  /* Periods are numbered without holes: a streak is consecutive numbers. */
  for (AscendHabitFrequency f = ASCEND_HABIT_DAILY; f <= ASCEND_HABIT_MONTHLY; f++)
    for (AscendDay day = D ("1999-12-01"); day <= D ("2001-03-01"); day++)
      {
        AscendPeriod p = ascend_habit_period (f, day);
        AscendPeriod next = ascend_habit_period (f, day + 1);

        g_assert_true (next == p || next == p + 1);
        g_assert_cmpint (ascend_habit_period_first_day (f, p), <=, day);
        g_assert_cmpint (ascend_habit_period_last_day (f, p), >=, day);
        if (next == p + 1)
          g_assert_cmpint (ascend_habit_period_last_day (f, p), ==, day);
        if (f == ASCEND_HABIT_WEEKLY)
          g_assert_cmpint (ascend_day_weekday (ascend_habit_period_first_day (f, p)), ==, 1);
      }
}

static void
test_frequency_names (void)
{
  AscendHabitFrequency f;

  g_assert_true (ascend_habit_frequency_parse ("weekly", &f));
  g_assert_cmpint (f, ==, ASCEND_HABIT_WEEKLY);
  g_assert_cmpstr (ascend_habit_frequency_to_string (ASCEND_HABIT_MONTHLY), ==, "monthly");
  g_assert_false (ascend_habit_frequency_parse ("hourly", &f));
  g_assert_false (ascend_habit_frequency_parse (NULL, &f));
}

/* Due today */

typedef struct {
  AscendHabitFrequency frequency;
  const char *done;
  const char *skipped;
  const char *today;
  gboolean    due;
  const char *why;
} DueCase;

static const DueCase due_cases[] = {
  { ASCEND_HABIT_DAILY, "", "", "2024-03-31", TRUE, "never done" },
  { ASCEND_HABIT_DAILY, "2024-03-31", "", "2024-03-31", FALSE, "done today" },
  { ASCEND_HABIT_DAILY, "2024-03-30", "", "2024-03-31", TRUE, "done yesterday only" },
  { ASCEND_HABIT_DAILY, "", "2024-03-31", "2024-03-31", FALSE, "skipped today" },
  { ASCEND_HABIT_DAILY, "2024-04-01", "", "2024-03-31", TRUE, "a log dated tomorrow" },
  { ASCEND_HABIT_WEEKLY, "2024-03-25", "", "2024-03-31", FALSE, "done on Monday, today is Sunday" },
  { ASCEND_HABIT_WEEKLY, "2024-03-25", "", "2024-04-01", TRUE, "a new week began" },
  { ASCEND_HABIT_WEEKLY, "2024-03-31", "", "2024-04-01", TRUE, "done last Sunday" },
  { ASCEND_HABIT_WEEKLY, "2024-12-30", "", "2025-01-05", FALSE, "the week across New Year" },
  { ASCEND_HABIT_WEEKLY, "", "2024-03-27", "2024-03-29", FALSE, "week skipped" },
  { ASCEND_HABIT_MONTHLY, "2024-02-01", "", "2024-02-29", FALSE, "done on the 1st, today is the leap day" },
  { ASCEND_HABIT_MONTHLY, "2024-02-29", "", "2024-03-01", TRUE, "a new month began" },
  { ASCEND_HABIT_MONTHLY, "2023-03-31", "", "2024-03-01", TRUE, "same month, last year" },
};

static void
test_due (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (due_cases); i++)
    {
      const DueCase *c = &due_cases[i];
      g_autoptr(AscendHabitHistory) h = history_of (c->frequency, c->done, c->skipped);

      g_test_message ("%s", c->why);
      g_assert_cmpint (ascend_habit_is_due (h, D (c->today)), ==, c->due);
    }
}

/* Streaks */

typedef struct {
  AscendHabitFrequency frequency;
  const char *done;
  const char *skipped;
  const char *today;
  guint       current;
  guint       best;
  const char *why;
} StreakCase;

static const StreakCase streak_cases[] = {
  { ASCEND_HABIT_DAILY, "", "", "2024-03-31", 0, 0, "nothing yet" },
  { ASCEND_HABIT_DAILY, "2024-03-29,2024-03-30,2024-03-31", "", "2024-03-31", 3, 3, "three days up to today" },
  { ASCEND_HABIT_DAILY, "2024-03-29,2024-03-30", "", "2024-03-31", 2, 2, "today still open" },
  { ASCEND_HABIT_DAILY, "2024-03-28,2024-03-29", "", "2024-03-31", 0, 2, "a whole day missed" },
  { ASCEND_HABIT_DAILY, "2024-03-31,2024-03-30,2024-03-31,2024-03-29", "", "2024-03-31", 3, 3,
    "unsorted, two logs on one day" },
  { ASCEND_HABIT_DAILY, "2024-03-20,2024-03-21,2024-03-22,2024-03-23,2024-03-30,2024-03-31", "", "2024-03-31", 2, 4,
    "the best run was earlier" },
  { ASCEND_HABIT_DAILY, "2024-03-28,2024-03-29,2024-03-31", "2024-03-30", "2024-03-31", 3, 3,
    "a skip bridges the gap but does not count" },
  { ASCEND_HABIT_DAILY, "2024-03-29,2024-03-30", "2024-03-31", "2024-03-31", 2, 2, "skipped today" },
  { ASCEND_HABIT_DAILY, "2024-03-29", "2024-03-30,2024-03-31", "2024-04-01", 1, 1, "two skips, today open" },
  { ASCEND_HABIT_DAILY, "2024-03-29", "2024-03-30", "2024-04-01", 0, 1, "a skip, then a missed day" },
  { ASCEND_HABIT_DAILY, "", "2024-03-30,2024-03-31", "2024-03-31", 0, 0, "only skips" },
  { ASCEND_HABIT_DAILY, "2024-03-30,2024-03-31,2024-04-01", "", "2024-03-31", 2, 2,
    "a log dated after today does not count yet" },
  { ASCEND_HABIT_DAILY, "2024-02-28,2024-02-29,2024-03-01", "", "2024-03-01", 3, 3, "through a leap day" },
  { ASCEND_HABIT_DAILY, "2023-02-28,2023-03-01", "", "2023-03-01", 2, 2, "February 28th to March 1st, common year" },
  { ASCEND_HABIT_DAILY, "2024-02-28,2024-03-01", "", "2024-03-01", 1, 1, "the leap day missed" },
  { ASCEND_HABIT_DAILY, "2024-12-30,2024-12-31,2025-01-01", "", "2025-01-01", 3, 3, "over New Year" },
  { ASCEND_HABIT_WEEKLY, "2024-03-06,2024-03-12,2024-03-24", "", "2024-03-27", 3, 3, "three weeks up to this one" },
  { ASCEND_HABIT_WEEKLY, "2024-03-06,2024-03-12,2024-03-24", "", "2024-03-31", 3, 3, "this week still open on Sunday" },
  { ASCEND_HABIT_WEEKLY, "2024-03-06,2024-03-12,2024-03-24", "", "2024-04-01", 0, 3, "a whole week missed" },
  { ASCEND_HABIT_WEEKLY, "2024-03-06,2024-03-12,2024-03-24,2024-03-25", "", "2024-04-07", 4, 4,
    "last week done, this one open" },
  { ASCEND_HABIT_WEEKLY, "2024-03-31,2024-04-01", "", "2024-04-01", 2, 2, "Sunday then Monday: two weeks" },
  { ASCEND_HABIT_WEEKLY, "2024-03-25,2024-04-07", "", "2024-04-07", 2, 2, "Monday then Sunday 13 days later" },
  { ASCEND_HABIT_WEEKLY, "2024-03-25,2024-03-26,2024-03-31", "", "2024-03-31", 1, 1, "three logs in one week" },
  { ASCEND_HABIT_WEEKLY, "2024-03-04,2024-03-18", "2024-03-13", "2024-03-20", 2, 2, "a skipped week" },
  { ASCEND_HABIT_WEEKLY, "2024-12-23,2024-12-30,2025-01-06", "", "2025-01-06", 3, 3, "ISO weeks over New Year" },
  { ASCEND_HABIT_MONTHLY, "2024-01-31,2024-02-29,2024-03-01", "", "2024-03-15", 3, 3, "three months" },
  { ASCEND_HABIT_MONTHLY, "2024-01-31,2024-03-01", "", "2024-03-15", 1, 1, "February missed" },
  { ASCEND_HABIT_MONTHLY, "2024-01-31,2024-02-29", "", "2024-03-31", 2, 2, "this month still open" },
  { ASCEND_HABIT_MONTHLY, "2024-01-31,2024-02-29", "", "2024-04-01", 0, 2, "March missed" },
  { ASCEND_HABIT_MONTHLY, "2023-11-05,2023-12-05,2024-01-05", "", "2024-01-05", 3, 3, "over New Year" },
  { ASCEND_HABIT_MONTHLY, "2024-01-05,2024-03-05", "2024-02-10", "2024-03-05", 2, 2, "a skipped month" },
};

static void
test_streaks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (streak_cases); i++)
    {
      const StreakCase *c = &streak_cases[i];
      g_autoptr(AscendHabitHistory) h = history_of (c->frequency, c->done, c->skipped);
      AscendStreak s;

      g_test_message ("%s", c->why);
      ascend_habit_streak (h, D (c->today), &s);
      g_assert_cmpuint (s.current, ==, c->current);
      g_assert_cmpuint (s.best, ==, c->best);
      if (s.current > 0)
        {
          g_assert_cmpint (s.current_end, <=, ascend_habit_period (c->frequency, D (c->today)));
          g_assert_cmpint (s.current_end - s.current_start + 1, >=, (int) s.current);
        }
    }
}

/* Logs as instants in real zones, through the day rules, into streaks. */

typedef struct {
  const char *zone;
  const char *instant;
} Log;

typedef struct {
  const char *why;
  int         start_hour;
  Log         logs[5];
  Log         now;
  guint       current;
  const char *days;     /* what the logs count for */
} TimedStreakCase;

static const TimedStreakCase timed_cases[] = {
  { "Berlin spring forward: late logs on the 23-hour day", 0,
    { { BERLIN, "2024-03-30T22:30:00Z" }, { BERLIN, "2024-03-31T21:30:00Z" }, { BERLIN, "2024-04-01T21:30:00Z" } },
    { BERLIN, "2024-04-01T21:45:00Z" }, 3, "2024-03-30,2024-03-31,2024-04-01" },
  { "Berlin spring forward: a 00:30 and a 03:30 log, day starting at 04:00", 4,
    { { BERLIN, "2024-03-29T23:30:00Z" }, { BERLIN, "2024-03-31T01:30:00Z" }, { BERLIN, "2024-03-31T20:00:00Z" } },
    { BERLIN, "2024-03-31T20:00:00Z" }, 3, "2024-03-29,2024-03-30,2024-03-31" },
  { "Berlin fall back: both 02:30s count for the same day", 4,
    { { BERLIN, "2024-10-26T10:00:00Z" }, { BERLIN, "2024-10-27T00:30:00Z" }, { BERLIN, "2024-10-27T01:30:00Z" },
      { BERLIN, "2024-10-27T12:00:00Z" } },
    { BERLIN, "2024-10-27T12:00:00Z" }, 2, "2024-10-26,2024-10-26,2024-10-26,2024-10-27" },
  { "New York spring forward with the day starting at 04:00", 4,
    { { NEW_YORK, "2024-03-09T15:00:00Z" }, { NEW_YORK, "2024-03-10T07:30:00Z" }, { NEW_YORK, "2024-03-10T08:30:00Z" },
      { NEW_YORK, "2024-03-12T03:00:00Z" } },
    { NEW_YORK, "2024-03-12T03:30:00Z" }, 3, "2024-03-09,2024-03-09,2024-03-10,2024-03-11" },
  { "New York fall back: the 25-hour day", 0,
    { { NEW_YORK, "2024-11-02T16:00:00Z" }, { NEW_YORK, "2024-11-03T04:30:00Z" }, { NEW_YORK, "2024-11-04T04:30:00Z" } },
    { NEW_YORK, "2024-11-04T04:45:00Z" }, 2, "2024-11-02,2024-11-03,2024-11-03" },
  /* Moving between zones: each log counts for the day it was where it was
   * made. Read in Berlin, the New York log of Monday night would land on
   * Tuesday and the streak would show one day, not two. */
  { "New York then Berlin: Monday 22:30 EDT, Tuesday 21:00 CEST", 0,
    { { NEW_YORK, "2024-05-07T02:30:00Z" }, { BERLIN, "2024-05-07T19:00:00Z" } },
    { BERLIN, "2024-05-07T19:05:00Z" }, 2, "2024-05-06,2024-05-07" },
  { "Berlin then New York: Monday 23:00 CEST, Tuesday 23:00 EDT", 0,
    { { BERLIN, "2024-05-06T21:00:00Z" }, { NEW_YORK, "2024-05-08T03:00:00Z" } },
    { NEW_YORK, "2024-05-08T03:05:00Z" }, 2, "2024-05-06,2024-05-07" },
  { "Berlin then New York, day starting at 04:00: Tuesday 02:00 CEST is still Monday", 4,
    { { BERLIN, "2024-05-07T00:00:00Z" }, { NEW_YORK, "2024-05-07T22:00:00Z" } },
    { NEW_YORK, "2024-05-07T22:05:00Z" }, 2, "2024-05-06,2024-05-07" },
  { "Leap day in New York, at 04:00 starts", 4,
    { { NEW_YORK, "2024-02-29T06:00:00Z" }, { NEW_YORK, "2024-02-29T20:00:00Z" }, { NEW_YORK, "2024-03-01T08:30:00Z" } },
    { NEW_YORK, "2024-03-01T09:30:00Z" }, 2, "2024-02-28,2024-02-29,2024-02-29" },
};

static void
test_streaks_in_zones (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (timed_cases); i++)
    {
      const TimedStreakCase *c = &timed_cases[i];
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (AscendDay));
      g_autoptr(GTimeZone) now_tz = zone (c->now.zone);
      g_autoptr(AscendHabitHistory) h = NULL;
      g_autoptr(GString) got = g_string_new (NULL);
      AscendStreak s;

      g_test_message ("%s", c->why);
      for (guint j = 0; j < G_N_ELEMENTS (c->logs) && c->logs[j].zone != NULL; j++)
        {
          g_autoptr(GTimeZone) tz = zone (c->logs[j].zone);
          AscendDay d = ascend_habit_local_day (T (c->logs[j].instant), tz, c->start_hour);
          g_autofree char *text = day_string (d);

          g_array_append_val (days, d);
          g_string_append_printf (got, "%s%s", j ? "," : "", text);
        }
      g_assert_cmpstr (got->str, ==, c->days);
      h = ascend_habit_history_new (ASCEND_HABIT_DAILY, (AscendDay *) days->data, days->len, NULL, 0);
      ascend_habit_streak (h, ascend_habit_local_day (T (c->now.instant), now_tz, c->start_hour), &s);
      g_assert_cmpuint (s.current, ==, c->current);
    }
}

/* Completion rates */

typedef struct {
  AscendHabitFrequency frequency;
  const char *done;
  const char *skipped;
  const char *first;
  const char *today;
  guint       window;
  guint       n_done;
  guint       n_due;
  const char *why;
} RateCase;

static const RateCase rate_cases[] = {
  { ASCEND_HABIT_DAILY, "", "", "2024-03-01", "2024-03-01", 30, 0, 0, "created today, nothing due yet" },
  { ASCEND_HABIT_DAILY, "2024-03-01", "", "2024-03-01", "2024-03-01", 30, 1, 1, "done on the first day" },
  { ASCEND_HABIT_DAILY, "2024-03-01,2024-03-03", "", "2024-03-01", "2024-03-05", 30, 2, 4,
    "two of four closed days; today open" },
  { ASCEND_HABIT_DAILY, "2024-03-01,2024-03-03,2024-03-05", "", "2024-03-01", "2024-03-05", 30, 3, 5, "today done" },
  { ASCEND_HABIT_DAILY, "2024-03-01,2024-03-03", "2024-03-02", "2024-03-01", "2024-03-05", 30, 2, 3,
    "a skipped day is left out" },
  { ASCEND_HABIT_DAILY, "2024-01-15", "", "2024-01-01", "2024-03-31", 30, 0, 29,
    "only the last 30 days count" },
  { ASCEND_HABIT_DAILY, "2024-01-15", "", "2024-01-01", "2024-03-31", 90, 1, 89, "90 days" },
  { ASCEND_HABIT_DAILY, "2024-02-29", "", "2023-01-01", "2024-12-30", 365, 1, 364,
    "365 days of a leap year" },
  { ASCEND_HABIT_WEEKLY, "2024-03-04,2024-03-13,2024-03-27", "", "2024-01-01", "2024-03-31", 30, 3, 5,
    "weeks touching the last 30 days; this week done" },
  { ASCEND_HABIT_WEEKLY, "2024-03-04,2024-03-13", "", "2024-01-01", "2024-03-31", 30, 2, 4,
    "this week open: left out" },
  { ASCEND_HABIT_MONTHLY, "2024-01-10,2024-03-10", "", "2023-12-01", "2024-03-31", 90, 2, 3,
    "January, February, March" },
  { ASCEND_HABIT_MONTHLY, "2024-01-10", "2024-02-10", "2023-12-01", "2024-03-31", 90, 1, 1,
    "February skipped, March open" },
};

static void
test_rates (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rate_cases); i++)
    {
      const RateCase *c = &rate_cases[i];
      g_autoptr(AscendHabitHistory) h = history_of (c->frequency, c->done, c->skipped);
      AscendRate r;

      g_test_message ("%s", c->why);
      ascend_habit_completion_rate (h, D (c->first), D (c->today), c->window, &r);
      g_assert_cmpuint (r.done, ==, c->n_done);
      g_assert_cmpuint (r.due, ==, c->n_due);
      if (c->n_due > 0)
        g_assert_cmpfloat_with_epsilon (r.rate, (double) c->n_done / c->n_due, 1e-9);
      else
        g_assert_cmpfloat (r.rate, ==, 0.0);
    }
}

static void
test_target_progress (void)
{
  g_autoptr(AscendHabitHistory) daily = history_of (ASCEND_HABIT_DAILY, "2024-03-01,2024-03-02,2024-03-02,2024-03-09",
                                                    "2024-03-03");
  g_autoptr(AscendHabitHistory) weekly = history_of (ASCEND_HABIT_WEEKLY, "2024-03-04,2024-03-11,2024-03-25,2024-04-01",
                                                     NULL);
  g_autoptr(AscendHabitHistory) monthly = history_of (ASCEND_HABIT_MONTHLY, "2024-02-10", NULL);

  /* Three distinct days; the skip is not a kept day. */
  g_assert_cmpuint (ascend_habit_target_progress (daily, 21), ==, 3);
  g_assert_cmpuint (ascend_habit_target_progress (daily, 2), ==, 2);
  g_assert_cmpuint (ascend_habit_target_progress (weekly, 66), ==, 28);
  g_assert_cmpuint (ascend_habit_target_progress (weekly, 21), ==, 21);
  g_assert_cmpuint (ascend_habit_target_progress (monthly, 66), ==, 29);
}

typedef struct {
  AscendHabitFrequency frequency;
  const char *day;
  gboolean    logged;
  AscendDayState state;
} DayStateCase;

static void
test_day_states (void)
{
  /* Habit from 2024-03-01; logs on the 4th (and Monday the 4th for the
   * weekly one), skip on the 6th; today is Sunday the 10th. */
  static const DayStateCase cases[] = {
    { ASCEND_HABIT_DAILY, "2024-02-29", FALSE, ASCEND_DAY_NONE },
    { ASCEND_HABIT_DAILY, "2024-03-04", TRUE, ASCEND_DAY_DONE },
    { ASCEND_HABIT_DAILY, "2024-03-05", FALSE, ASCEND_DAY_MISSED },
    { ASCEND_HABIT_DAILY, "2024-03-06", FALSE, ASCEND_DAY_SKIPPED },
    { ASCEND_HABIT_DAILY, "2024-03-10", FALSE, ASCEND_DAY_OPEN },
    { ASCEND_HABIT_DAILY, "2024-03-11", FALSE, ASCEND_DAY_NONE },
    { ASCEND_HABIT_WEEKLY, "2024-03-04", TRUE, ASCEND_DAY_DONE },
    { ASCEND_HABIT_WEEKLY, "2024-03-07", FALSE, ASCEND_DAY_COVERED },
    { ASCEND_HABIT_WEEKLY, "2024-03-01", FALSE, ASCEND_DAY_MISSED },
    { ASCEND_HABIT_WEEKLY, "2024-02-28", FALSE, ASCEND_DAY_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AscendHabitHistory) h = history_of (cases[i].frequency, "2024-03-04", "2024-03-06");

      g_test_message ("%s %s", ascend_habit_frequency_to_string (cases[i].frequency), cases[i].day);
      if (cases[i].frequency == ASCEND_HABIT_WEEKLY && cases[i].state == ASCEND_DAY_COVERED)
        g_assert_false (ascend_habit_history_is_skipped (h, ascend_habit_period (ASCEND_HABIT_WEEKLY, D ("2024-03-06"))));
      g_assert_cmpint (ascend_habit_day_state (h, D (cases[i].day), cases[i].logged, D ("2024-03-01"), D ("2024-03-10")),
                       ==, cases[i].state);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* A zone none of the cases uses: the rules must not read the process one. */
  g_setenv ("TZ", "Pacific/Chatham", TRUE);
  tzset ();
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/habit-rules/calendar/round-trip", test_calendar_round_trip);
  g_test_add_func ("/habit-rules/calendar/parse", test_calendar_parse);
  g_test_add_func ("/habit-rules/day/local", test_local_day);
  g_test_add_func ("/habit-rules/day/start", test_day_start);
  g_test_add_func ("/habit-rules/day/tiles-year", test_day_start_tiles_year);
  g_test_add_func ("/habit-rules/period/keys", test_periods);
  g_test_add_func ("/habit-rules/period/frequency-names", test_frequency_names);
  g_test_add_func ("/habit-rules/due", test_due);
  g_test_add_func ("/habit-rules/streak/periods", test_streaks);
  g_test_add_func ("/habit-rules/streak/zones", test_streaks_in_zones);
  g_test_add_func ("/habit-rules/rate", test_rates);
  g_test_add_func ("/habit-rules/target", test_target_progress);
  g_test_add_func ("/habit-rules/day-state", test_day_states);

  return g_test_run ();
}
