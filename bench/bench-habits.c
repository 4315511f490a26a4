/* bench-habits.c: today's quests and every streak over a year of logs
 *
 * Fills a fresh database (in a temporary folder, removed at the end) with
 * one user's 50 habits (40 daily, 6 weekly, 4 monthly) and a year of logs
 * (daily habits done on about 85 % of days, weekly ones once a week,
 * monthly ones once a month; a few skips), then times what the Habits
 * section does on every refresh: load every habit with its logs and skips,
 * and compute due-today, current and best streaks, and target progress
 * (ascend_habits_load_all); and, apart, the pure streak rules alone, the
 * 30/90/365-day completion rates, and converting every log's time to its
 * local day with GDateTime (what loading would cost if days were not kept
 * in habitLogDays).
 *
 * stdout carries only JSON lines, one per figure (DESIGN.md section 8);
 * progress goes to stderr. Exits non-zero when a streak comes out wrong.
 *
 *   bench-habits [--habits N] [--days N] [--runs N]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "ascend-database.h"
#include "ascend-habits.h"
#include "ascend-user-store.h"

#define DAY_MS (G_GINT64_CONSTANT (86400000))

static int opt_habits = 50;
static int opt_days = 365;
static int opt_runs = 20;

static const GOptionEntry entries[] = {
  { "habits", 'n', 0, G_OPTION_ARG_INT, &opt_habits, "Habits (default 50)", "N" },
  { "days", 'd', 0, G_OPTION_ARG_INT, &opt_days, "Days of history (default 365)", "N" },
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Timed runs of each figure (default 20)", "N" },
  { NULL }
};

static void
emit (const char *figure,
      double      value,
      int         decimals,
      const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = decimals <= 0 ? "%.0f" : decimals == 1 ? "%.1f" : decimals == 2 ? "%.2f" : "%.3f";

  g_ascii_formatd (buf, sizeof buf, format, value);
  printf ("{\"bench\":\"habits\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

static const char *
frequency_of (int i)
{
  return i < 40 * opt_habits / 50 ? "daily" : i < 46 * opt_habits / 50 ? "weekly" : "monthly";
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-habits: %s: %s\n", what, error ? error->message : "wrong answer");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time today's quests and streaks");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GArray) habit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260220);
  g_autoptr(GPtrArray) statuses = NULL;
  AscendHabitClock clock;
  AscendDay today;
  gint64 now, t0;
  double *times;
  guint n_logs = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    fail ("options", error);
  opt_habits = MAX (opt_habits, 1);
  opt_days = MAX (opt_days, 7);
  opt_runs = MAX (opt_runs, 1);
  times = g_new (double, opt_runs);

  dir = g_dir_make_tmp ("bench-habits-XXXXXX", &error);
  if (dir == NULL)
    fail ("temporary folder", error);
  path = g_build_filename (dir, "anime-ascend.db", NULL);
  if ((db = ascend_database_open (path, &error)) == NULL)
    fail ("open", error);

  /* Europe/Berlin, so the year crosses both DST changes; noon today. */
  tz = g_time_zone_new_identifier ("Europe/Berlin");
  now = ascend_now_ms ();
  ascend_habit_clock_init (&clock, tz, 4, now);
  today = ascend_habit_clock_today (&clock);
  clock.now = ascend_habit_day_noon (today, tz);

  user = ascend_user_new ();
  user->name = g_strdup ("Bench");
  if (ascend_user_insert (db, user, &error) == 0)
    fail ("user", error);

  g_printerr ("bench-habits: %d habits, %d days of logs...\n", opt_habits, opt_days);
  t0 = g_get_monotonic_time ();
  if (!ascend_database_begin (db, &error))
    fail ("begin", error);
  for (int h = 0; h < opt_habits; h++)
    {
      g_autoptr(AscendHabit) habit = ascend_habit_new ();
      const char *frequency = frequency_of (h);
      AscendHabitFrequency f;

      habit->user_id = user->id;
      habit->name = g_strdup_printf ("Habit %d", h + 1);
      g_free (habit->frequency);
      habit->frequency = g_strdup (frequency);
      habit->target_days = 66;
      habit->created_at = ascend_habit_day_noon (today - opt_days, tz);
      if (ascend_habit_insert (db, habit, &error) == 0)
        fail ("habit", error);
      g_array_append_val (habit_ids, habit->id);
      ascend_habit_frequency_parse (frequency, &f);

      for (AscendDay day = today - opt_days; day <= today; day++)
        {
          g_autofree char *text = NULL;
          gboolean done;

          /* Habit 1 is never missed: its streak checks the answer. */
          if (f == ASCEND_HABIT_DAILY)
            done = h == 0 || g_rand_double (rand) < 0.85;
          else
            done = day == ascend_habit_period_first_day (f, ascend_habit_period (f, day)) + (h % 5);
          text = ascend_day_to_string (day);
          if (done)
            {
              gint64 at = ascend_habit_day_noon (day, tz) + g_rand_int_range (rand, -4, 9) * 3600 * 1000;
              if (ascend_habit_store_add_log (db, habit->id, at, text, "Europe/Berlin", NULL, &error) == 0)
                fail ("log", error);
              n_logs++;
            }
          else if (f == ASCEND_HABIT_DAILY && g_rand_double (rand) < 0.1 && day < today)
            {
              if (ascend_habit_store_add_skip (db, habit->id, text, 0, NULL, &error) == 0)
                fail ("skip", error);
            }
        }
    }
  if (!ascend_database_commit (db, &error))
    fail ("commit", error);
  emit ("logs", n_logs, 0, "rows");
  emit ("fill_s", (g_get_monotonic_time () - t0) / 1e6, 2, "s");

  /* Today's quests and every streak, as the Habits section refreshes. */
  for (int r = 0; r < opt_runs; r++)
    {
      guint quests = 0;

      t0 = g_get_monotonic_time ();
      g_clear_pointer (&statuses, g_ptr_array_unref);
      if ((statuses = ascend_habits_load_all (db, user->id, &clock, &error)) == NULL)
        fail ("load", error);
      for (guint i = 0; i < statuses->len; i++)
        quests += ascend_habit_status_is_quest (g_ptr_array_index (statuses, i));
      times[r] = (g_get_monotonic_time () - t0) / 1e3;
      if (quests == 0 || quests > (guint) opt_habits)
        fail ("quests", NULL);
    }
  emit ("quests_and_streaks_median_ms", bench_median (times, opt_runs), 2, "ms");

  {
    AscendHabitStatus *first;

    if (statuses == NULL || statuses->len == 0)
      fail ("load", NULL);
    first = g_ptr_array_index (statuses, 0);
    if (first->streak.current != (guint) opt_days + 1 || first->streak.best != first->streak.current)
      {
        g_printerr ("bench-habits: habit 1 streak %u (best %u), expected %d\n",
                    first->streak.current, first->streak.best, opt_days + 1);
        fail ("streak", NULL);
      }
  }

  /* The rules alone, over histories already in memory. */
  for (int r = 0; r < opt_runs; r++)
    {
      guint total = 0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < statuses->len; i++)
        {
          AscendHabitStatus *s = g_ptr_array_index (statuses, i);
          g_autoptr(GArray) days = g_array_sized_new (FALSE, FALSE, sizeof (AscendDay), s->logs->len);
          g_autoptr(AscendHabitHistory) h = NULL;
          AscendStreak streak;

          for (guint l = 0; l < s->logs->len; l++)
            g_array_append_val (days, g_array_index (s->logs, AscendHabitEntry, l).day);
          h = ascend_habit_history_new (s->frequency, (AscendDay *) days->data, days->len,
                                        (AscendDay *) s->skips->data, s->skips->len);
          ascend_habit_streak (h, today, &streak);
          total += streak.current + ascend_habit_is_due (h, today);
        }
      times[r] = (g_get_monotonic_time () - t0) / 1e3;
      if (total == 0)
        fail ("rules", NULL);
    }
  emit ("streak_rules_only_median_ms", bench_median (times, opt_runs), 3, "ms");

  for (int r = 0; r < opt_runs; r++)
    {
      double sum = 0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < statuses->len; i++)
        {
          static const guint windows[] = { 30, 90, 365 };
          for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
            {
              AscendRate rate;
              ascend_habit_status_rate (g_ptr_array_index (statuses, i), windows[w], &rate);
              sum += rate.rate;
            }
        }
      times[r] = (g_get_monotonic_time () - t0) / 1e3;
      if (sum <= 0)
        fail ("rates", NULL);
    }
  emit ("rates_30_90_365_median_ms", bench_median (times, opt_runs), 3, "ms");

  /* Baseline: every log's day from its time, as loading would have to do
   * without habitLogDays. */
  for (int r = 0; r < opt_runs; r++)
    {
      gint64 check = 0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < statuses->len; i++)
        {
          AscendHabitStatus *s = g_ptr_array_index (statuses, i);
          for (guint l = 0; l < s->logs->len; l++)
            check += ascend_habit_local_day (g_array_index (s->logs, AscendHabitEntry, l).completed_at, tz, 4);
        }
      times[r] = (g_get_monotonic_time () - t0) / 1e3;
      if (check == 0)
        fail ("local days", NULL);
    }
  emit ("local_day_of_every_log_median_ms", bench_median (times, opt_runs), 2, "ms");

  ascend_habit_clock_clear (&clock);
  g_clear_object (&db);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (times);
  return 0;
}
