/* bench-startup.c: from exec to the window's first frame, and peak memory
 *
 * Starts the real anime-ascend program many times and times each start from
 * just before fork+exec to the first frame its window paints: the app, run
 * with ASCEND_BENCH_FIRST_FRAME set, prints g_get_monotonic_time() at that
 * frame and quits; both processes read the same CLOCK_MONOTONIC. Two
 * databases: an empty one (first start: the onboarding shows) and one
 * holding a year of data (a profile, a reading every minute for 365 days,
 * three daily habits with their logs, a mood a day, weekly journal entries,
 * a few alerts), generated through libascend at the start of the run in a
 * temporary folder and removed at the end. Peak RSS is each app process's
 * ru_maxrss, from wait4().
 *
 * It runs under Xvfb with GSK_RENDERER=cairo (software GL would add ~70 MB
 * and noise, DESIGN.md section 8) and a private D-Bus session: started
 * outside one, it re-runs itself through xvfb-run and dbus-run-session.
 *
 * stdout carries only JSON lines, one per figure; progress goes to stderr.
 *
 *   bench-startup [--runs N] [--days N]
 *   ANIME_ASCEND=path/to/anime-ascend   (default: the one in this build)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ascend-database.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define DAY_MS    (24 * 60 * MINUTE_MS)
#define SESSION_ENV "ASCEND_BENCH_STARTUP_SESSION"
#define FIRST_FRAME_PREFIX "first-frame-monotonic-us "
#define START_TIMEOUT_MS 60000

static int opt_runs = 10;
static int opt_days = 365;

static const GOptionEntry entries[] = {
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Timed starts per database, after one warm-up (default 10)", "N" },
  { "days", 'd', 0, G_OPTION_ARG_INT, &opt_days, "Days of data in the full database (default 365)", "N" },
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
  printf ("{\"bench\":\"startup\",\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n", figure, buf, unit);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Nearest rank; sorts values. */
static double
percentile (double *values,
            guint   n,
            double  p)
{
  guint rank = (guint) ceil (p / 100.0 * n);

  qsort (values, n, sizeof *values, compare_doubles);
  return values[CLAMP (rank, 1, n) - 1];
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else if (g_unlink (child) != 0)
            g_printerr ("bench-startup: could not remove %s: %s\n", child, g_strerror (errno));
        }
      g_dir_close (dir);
    }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    g_printerr ("bench-startup: could not remove %s: %s\n", path, g_strerror (errno));
}

/* ---- under Xvfb ----------------------------------------------------------- */

/* Re-runs this program inside its own X server and session bus. The display
 * search starts at a number drawn from the pid rather than at 99: build
 * containers that share /tmp but not a PID namespace otherwise fight over
 * :99 (see tests/ui/xvfb-session.sh). -noreset keeps the server up when a
 * client leaves before the next connects. */
static int
reexec_in_session (char **argv)
{
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  g_autofree char *dbus_run_session = g_find_program_in_path ("dbus-run-session");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *first = g_strdup_printf ("%d", 200 + (int) ((getpid () * 7919L) % 30000));
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (xvfb_run == NULL || dbus_run_session == NULL || self == NULL)
    {
      g_printerr ("bench-startup: needs xvfb-run and dbus-run-session (Debian: xvfb, dbus)\n");
      return 77;
    }
  g_ptr_array_add (args, xvfb_run);
  g_ptr_array_add (args, (char *) "-a");
  g_ptr_array_add (args, (char *) "-n");
  g_ptr_array_add (args, first);
  g_ptr_array_add (args, (char *) "-s");
  g_ptr_array_add (args, (char *) "-screen 0 1920x1200x24 -nolisten tcp -noreset");
  g_ptr_array_add (args, dbus_run_session);
  g_ptr_array_add (args, (char *) "--");
  g_ptr_array_add (args, self);
  for (int i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  g_setenv (SESSION_ENV, "1", TRUE);
  execv (xvfb_run, (char **) args->pdata);
  g_printerr ("bench-startup: could not run %s: %s\n", xvfb_run, g_strerror (errno));
  return EXIT_FAILURE;
}

/* ---- one year of data ----------------------------------------------------- */

static void
fill_reading (AscendHealthReading *r,
              GRand               *rand,
              gint64               time)
{
  /* A resting rate that dips at night and rises by day, with noise; stress
   * loosely follows the rate, HRV runs against it. */
  double hour = (double) ((time / MINUTE_MS) % (24 * 60)) / 60.0;
  double day_curve = sin ((hour - 9.0) / 24.0 * 2.0 * G_PI);
  double hr = 66.0 + 9.0 * day_curve + g_rand_double_range (rand, -6.0, 6.0);
  /* CLAMP evaluates its argument more than once: no g_rand inside it. */
  double hrv = 62.0 - 0.6 * (hr - 60.0) + g_rand_double_range (rand, -8.0, 8.0);
  double stress = 1.0 + (hr - 54.0) / 6.0 + g_rand_double_range (rand, -1.0, 1.0);

  r->id = 0;
  r->heart_rate = (gint64) CLAMP (hr, 40.0, 180.0);
  r->hrv = round (CLAMP (hrv, 5.0, 200.0) * 100.0) / 100.0;
  r->stress_level = (gint64) CLAMP (stress, 1.0, 10.0);
  r->arrhythmia_detected = FALSE;
  r->created_at = time;
}

static gboolean
make_year_database (const char  *path,
                    int          days,
                    gint64      *n_readings,
                    GError     **error)
{
  g_autoptr(AscendDatabase) db = ascend_database_open (path, error);
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (365);
  const char *habit_names[] = { "Drink water", "Morning stretch", "Read 10 pages" };
  const char *moods[] = { "Calm", "Happy", "Tired", "Hopeful", "Content", "Anxious" };
  gint64 habit_ids[G_N_ELEMENTS (habit_names)];
  gint64 end = ascend_now_ms () / MINUTE_MS * MINUTE_MS;
  gint64 start = end - (gint64) days * DAY_MS;
  const guint batch_size = 1440;  /* a day of readings per transaction */
  AscendHealthReading **batch;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;

  user = ascend_user_new ();
  user->name = g_strdup ("Sakura");
  user->email = g_strdup ("sakura@example.com");
  user->login_method = g_strdup ("local");
  g_free (user->role);
  user->role = g_strdup ("admin");
  user->created_at = start;
  if (ascend_user_insert (db, user, error) == 0)
    return FALSE;

  batch = g_new0 (AscendHealthReading *, batch_size);
  for (guint i = 0; i < batch_size; i++)
    {
      batch[i] = ascend_health_reading_new ();
      batch[i]->user_id = user->id;
    }
  *n_readings = 0;
  for (gint64 t = start; t < end; )
    {
      guint n = 0;

      for (; n < batch_size && t < end; n++, t += MINUTE_MS)
        fill_reading (batch[n], rand, t);
      if (!ascend_health_reading_insert_batch (db, batch, n, error))
        goto out;
      *n_readings += n;
    }

  if (!ascend_database_begin (db, error))
    goto out;
  for (guint h = 0; h < G_N_ELEMENTS (habit_names); h++)
    {
      g_autoptr(AscendHabit) habit = ascend_habit_new ();
      habit->user_id = user->id;
      habit->name = g_strdup (habit_names[h]);
      habit->created_at = start;
      if ((habit_ids[h] = ascend_habit_insert (db, habit, error)) == 0)
        goto rollback;
    }
  for (int day = 0; day < days; day++)
    {
      gint64 morning = start + (gint64) day * DAY_MS + 8 * 60 * MINUTE_MS;
      g_autoptr(AscendMoodLog) mood = ascend_mood_log_new ();

      for (guint h = 0; h < G_N_ELEMENTS (habit_ids); h++)
        {
          g_autoptr(AscendHabitLog) log = NULL;

          /* Most quests done most days. */
          if (g_rand_int_range (rand, 0, 10) < 2)
            continue;
          log = ascend_habit_log_new ();
          log->habit_id = habit_ids[h];
          log->user_id = user->id;
          log->completed_at = morning + h * 3 * 60 * MINUTE_MS;
          if (ascend_habit_log_insert (db, log, error) == 0)
            goto rollback;
        }

      mood->user_id = user->id;
      mood->mood = g_strdup (moods[g_rand_int_range (rand, 0, G_N_ELEMENTS (moods))]);
      mood->mood_score = g_rand_int_range (rand, 3, 10);
      mood->created_at = morning + 12 * 60 * MINUTE_MS;
      if (ascend_mood_log_insert (db, mood, error) == 0)
        goto rollback;

      if (day % 7 == 3)
        {
          g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_new ();
          entry->user_id = user->id;
          entry->title = g_strdup_printf ("Week %d", day / 7 + 1);
          g_free (entry->content);
          entry->content = g_strdup ("A quiet week. Walked by the river twice, read most evenings, "
                                     "slept better after the breathing exercises.");
          entry->mood = g_strdup ("Calm");
          entry->mood_score = 7;
          g_free (entry->tags);
          entry->tags = g_strdup ("[\"weekly\",\"reflection\"]");
          entry->created_at = morning + 13 * 60 * MINUTE_MS;
          if (ascend_journal_entry_insert (db, entry, error) == 0)
            goto rollback;
        }

      if (day % 45 == 20)
        {
          g_autoptr(AscendHealthAlert) alert = ascend_health_alert_new ();
          alert->user_id = user->id;
          alert->alert_type = g_strdup ("high_heart_rate");
          alert->severity = g_strdup ("medium");
          alert->message = g_strdup ("Heart rate above 120 bpm at rest");
          alert->heart_rate = 124;
          alert->acknowledged = TRUE;
          alert->created_at = morning + 5 * 60 * MINUTE_MS;
          if (ascend_health_alert_insert (db, alert, error) == 0)
            goto rollback;
        }
    }
  if (!ascend_database_commit (db, error))
    goto out;
  /* Fold the WAL into the file: the app opens what a long-used install has. */
  if (!ascend_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    goto out;
  g_printerr ("bench-startup: %" G_GINT64_FORMAT " readings, %d days of quests, moods and journal in %.1f s\n",
              *n_readings, days, (g_get_monotonic_time () - t0) / 1e6);
  ok = TRUE;
  goto out;

rollback:
  ascend_database_rollback (db);
out:
  for (guint i = 0; i < batch_size; i++)
    ascend_health_reading_free (batch[i]);
  g_free (batch);
  return ok;
}

/* ---- one start ------------------------------------------------------------ */

typedef struct {
  const char *app;
  char      **envp;   /* without XDG_DATA_HOME */
  const char *log;    /* the app's stderr, appended */
} Launcher;

/* Starts the app with data_home, waits for its first frame and its exit.
 * Returns FALSE (and says why on stderr) if it does not get there. */
static gboolean
start_once (Launcher   *launcher,
            const char *data_home,
            double     *first_frame_ms,
            double     *peak_rss_mb)
{
  g_auto(GStrv) envp = g_environ_setenv (g_strdupv (launcher->envp), "XDG_DATA_HOME", data_home, TRUE);
  char *argv[] = { (char *) launcher->app, NULL };
  char buf[256];
  gsize len = 0;
  gint64 start, frame_us = -1;
  struct rusage usage;
  int fds[2], status = 0;
  pid_t pid;

  if (pipe (fds) != 0)
    {
      g_printerr ("bench-startup: pipe: %s\n", g_strerror (errno));
      return FALSE;
    }

  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    {
      g_printerr ("bench-startup: fork: %s\n", g_strerror (errno));
      return FALSE;
    }
  if (pid == 0)
    {
      int err = open (launcher->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2 (fds[1], STDOUT_FILENO);
      if (err >= 0)
        dup2 (err, STDERR_FILENO);
      close (fds[0]);
      close (fds[1]);
      execve (launcher->app, argv, envp);
      _exit (127);
    }
  close (fds[1]);

  /* Read the first-frame line, at most START_TIMEOUT_MS. */
  while (len < sizeof buf - 1)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      int left = START_TIMEOUT_MS - (int) ((g_get_monotonic_time () - start) / 1000);
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, left) <= 0)
        break;
      n = read (fds[0], buf + len, sizeof buf - 1 - len);
      if (n <= 0)
        break;
      len += (gsize) n;
      buf[len] = '\0';
      if (strchr (buf, '\n') != NULL)
        break;
    }
  buf[len] = '\0';
  close (fds[0]);
  if (g_str_has_prefix (buf, FIRST_FRAME_PREFIX))
    frame_us = g_ascii_strtoll (buf + strlen (FIRST_FRAME_PREFIX), NULL, 10);
  else
    kill (pid, SIGKILL);

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      {
        g_printerr ("bench-startup: wait4: %s\n", g_strerror (errno));
        return FALSE;
      }

  if (frame_us < 0)
    {
      g_printerr ("bench-startup: %s painted no first frame within %d s (see %s)\n",
                  launcher->app, START_TIMEOUT_MS / 1000, launcher->log);
      return FALSE;
    }
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-startup: %s ended badly (status %d, see %s)\n", launcher->app, status, launcher->log);
      return FALSE;
    }
  *first_frame_ms = (frame_us - start) / 1000.0;
  *peak_rss_mb = usage.ru_maxrss / 1024.0;  /* ru_maxrss is in KiB on Linux */
  return TRUE;
}

/* One warm-up start (the accessibility bus and font caches come up), then
 * opt_runs timed ones. fresh: each start gets a new, empty data folder. */
static gboolean
measure (Launcher   *launcher,
         const char *tmpdir,
         const char *label,
         const char *data_home,
         double     *frame_ms,
         double     *rss_mb)
{
  for (int i = -1; i < opt_runs; i++)
    {
      g_autofree char *fresh = NULL;
      double ms, mb;
      gboolean ok;

      if (data_home == NULL)
        fresh = g_strdup_printf ("%s/empty-%d", tmpdir, i + 1);
      ok = start_once (launcher, data_home ? data_home : fresh, &ms, &mb);
      if (fresh != NULL)
        remove_tree (fresh);
      if (!ok)
        return FALSE;
      g_printerr ("bench-startup: %s %s: first frame %.1f ms, peak RSS %.1f MiB\n",
                  label, i < 0 ? "warm-up" : "run", ms, mb);
      if (i >= 0)
        {
          frame_ms[i] = ms;
          rss_mb[i] = mb;
        }
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time anime-ascend from exec to first frame");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *year_home = NULL;
  g_autofree char *year_db = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree double *frame_ms = NULL;
  g_autofree double *rss_mb = NULL;
  g_autofree double *year_frame_ms = NULL;
  g_autofree double *year_rss_mb = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) original_argv = g_strdupv (argv);
  Launcher launcher = { 0 };
  gint64 n_readings = 0;
  GStatBuf st;
  int status = EXIT_FAILURE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  if (opt_runs < 1 || opt_days < 1)
    {
      g_printerr ("bench-startup: --runs and --days must be positive\n");
      return 2;
    }
  if (g_getenv (SESSION_ENV) == NULL)
    return reexec_in_session (original_argv);

  launcher.app = g_getenv ("ANIME_ASCEND") ? g_getenv ("ANIME_ASCEND") : ASCEND_APP_PATH;
  if (!g_file_test (launcher.app, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-startup: %s is not built yet (ninja -C <build> first)\n", launcher.app);
      return EXIT_FAILURE;
    }
  schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR") ? g_getenv ("GSETTINGS_SCHEMA_DIR") : ASCEND_SCHEMA_DIR);

  tmpdir = g_dir_make_tmp ("ascend-bench-startup-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return EXIT_FAILURE;
    }
  log = g_build_filename (tmpdir, "app-stderr.log", NULL);

  launcher.envp = g_get_environ ();
  launcher.envp = g_environ_setenv (launcher.envp, "GSK_RENDERER", "cairo", TRUE);
  launcher.envp = g_environ_setenv (launcher.envp, "GSETTINGS_BACKEND", "memory", TRUE);
  launcher.envp = g_environ_setenv (launcher.envp, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  launcher.envp = g_environ_setenv (launcher.envp, "ASCEND_BENCH_FIRST_FRAME", "1", TRUE);
  launcher.envp = g_environ_unsetenv (launcher.envp, SESSION_ENV);
  launcher.log = log;

  year_home = g_build_filename (tmpdir, "year", NULL);
  year_db = g_build_filename (year_home, "anime-ascend", "anime-ascend.db", NULL);
  g_printerr ("bench-startup: writing %d days of data into %s\n", opt_days, year_db);
  if (!make_year_database (year_db, opt_days, &n_readings, &error))
    {
      g_printerr ("\nbench-startup: %s\n", error->message);
      goto out;
    }
  if (g_stat (year_db, &st) != 0)
    {
      g_printerr ("bench-startup: could not stat %s: %s\n", year_db, g_strerror (errno));
      goto out;
    }

  frame_ms = g_new0 (double, opt_runs);
  rss_mb = g_new0 (double, opt_runs);
  year_frame_ms = g_new0 (double, opt_runs);
  year_rss_mb = g_new0 (double, opt_runs);

  if (!measure (&launcher, tmpdir, "empty database", NULL, frame_ms, rss_mb) ||
      !measure (&launcher, tmpdir, "year database", year_home, year_frame_ms, year_rss_mb))
    goto out;

  emit ("runs", opt_runs, 0, "runs");
  emit ("year_db_readings", (double) n_readings, 0, "rows");
  emit ("year_db_file_mb", st.st_size / (1024.0 * 1024.0), 1, "MiB");
  emit ("first_frame_empty_db_median_ms", median (frame_ms, opt_runs), 1, "ms");
  emit ("first_frame_empty_db_p95_ms", percentile (frame_ms, opt_runs, 95), 1, "ms");
  emit ("first_frame_year_db_median_ms", median (year_frame_ms, opt_runs), 1, "ms");
  emit ("first_frame_year_db_p95_ms", percentile (year_frame_ms, opt_runs, 95), 1, "ms");
  /* Each start's own high-water mark; the median start. */
  emit ("peak_rss_empty_db_mb", median (rss_mb, opt_runs), 1, "MiB");
  emit ("peak_rss_year_db_mb", median (year_rss_mb, opt_runs), 1, "MiB");
  status = EXIT_SUCCESS;

out:
  g_strfreev (launcher.envp);
  remove_tree (tmpdir);
  return status;
}
