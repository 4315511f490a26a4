/* test-crash.c: a process killed in the middle of writing loses nothing
 * it was told was saved, and leaves a database that checks clean.
 *
 * Spawns crash-writer (path in $ASCEND_CRASH_WRITER) on one database file,
 * reads the "<table> <id>" lines it prints after each commit, kills it with
 * SIGKILL a random 5-80 ms later, and then opens the file the way the app
 * does: ascend_database_check must find nothing, and every id confirmed in
 * this or any earlier round must be in its table.
 */
#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "ascend-test-util.h"

#define ROUNDS 25
/* Every fifth round the clock starts at spawn rather than at "ready", so
 * some kills land while the writer opens (or creates) the file. */
#define FROM_SPAWN_EVERY 5

static const char * const tables[] = { "healthReadings", "journalEntries", "tokenTransactions" };
#define N_TABLES G_N_ELEMENTS (tables)

/* Reads what is there until deadline (monotonic µs), or until EOF when
 * deadline is 0. Returns FALSE at EOF. */
static gboolean
pump (int      fd,
      GString *out,
      gint64   deadline)
{
  for (;;)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      int timeout = -1;
      char buf[65536];
      ssize_t n;
      int rc;

      if (deadline > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();
          if (left <= 0)
            return TRUE;
          timeout = (int) ((left + 999) / 1000);
        }
      rc = poll (&p, 1, timeout);
      if (rc < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (rc, >=, 0);
      if (rc == 0)
        continue;
      n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return FALSE;
      g_string_append_len (out, buf, n);
    }
}

static gboolean
wait_for_ready (int      fd,
                GString *out,
                gint64   deadline)
{
  while (strstr (out->str, "ready\n") == NULL)
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      if (!pump (fd, out, MIN (deadline, g_get_monotonic_time () + 10000)))
        return strstr (out->str, "ready\n") != NULL;
    }
  return TRUE;
}

/* Adds each complete "<table> <id>" line of text to confirmed; a line cut
 * by the kill (no newline yet) confirms nothing. Returns how many. */
static guint
parse_lines (const char *text,
             GArray    **confirmed)
{
  const char *end = strrchr (text, '\n');
  g_autofree char *complete = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (end == NULL)
    return 0;
  complete = g_strndup (text, end - text);
  lines = g_strsplit (complete, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint t;
      gint64 id;

      if (g_str_equal (lines[i], "ready"))
        continue;
      parts = g_strsplit (lines[i], " ", 2);
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      for (t = 0; t < N_TABLES; t++)
        if (g_str_equal (parts[0], tables[t]))
          break;
      if (t == N_TABLES)
        g_error ("unexpected line from the writer: %s", lines[i]);
      id = g_ascii_strtoll (parts[1], NULL, 10);
      g_assert_cmpint (id, >, 0);
      g_array_append_val (confirmed[t], id);
      n++;
    }
  return n;
}

static void
verify (const char *path,
        GArray    **confirmed,
        guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = ascend_database_open (path, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  problems = ascend_database_check (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("round %u: %s", round, (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  for (guint t = 0; t < N_TABLES; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      for (guint i = 0; i < confirmed[t]->len; i++)
        {
          gint64 id = g_array_index (confirmed[t], gint64, i);
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, id);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            g_error ("round %u: %s %" G_GINT64_FORMAT " was confirmed but is gone", round, tables[t], id);
        }
      sqlite3_finalize (stmt);
    }
}

static void
test_kill_while_writing (void)
{
  const char *writer = g_getenv ("ASCEND_CRASH_WRITER");
  g_autofree char *dir = g_build_filename (ascend_test_data_home (), "crash", NULL);
  g_autofree char *path = g_build_filename (dir, "anime-ascend.db", NULL);
  GArray *confirmed[N_TABLES];
  guint kills = 0, rounds_with_rows = 0, total = 0;
  gint64 started = g_get_monotonic_time ();

  g_assert_nonnull (writer);
  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));
  for (guint t = 0; t < N_TABLES; t++)
    confirmed[t] = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      gboolean from_spawn = round % FROM_SPAWN_EVERY == 0;
      int delay_ms = g_test_rand_int_range (5, 81);
      gint64 clock_start;
      guint lines;
      int fd;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, path, NULL);
      g_assert_no_error (error);
      fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (proc)));
      clock_start = g_get_monotonic_time ();
      if (!from_spawn)
        {
          if (!wait_for_ready (fd, out, clock_start + 30 * G_USEC_PER_SEC))
            g_error ("round %u: the writer never became ready", round);
          clock_start = g_get_monotonic_time ();
        }
      if (!pump (fd, out, clock_start + delay_ms * 1000))
        g_error ("round %u: the writer stopped by itself: %s", round, out->str);

      g_subprocess_send_signal (proc, SIGKILL);
      /* Whatever it printed before dying is still in the pipe. */
      while (pump (fd, out, 0))
        ;
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (proc));
      g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
      kills++;

      lines = parse_lines (out->str, confirmed);
      total += lines;
      if (lines > 0)
        rounds_with_rows++;
      g_test_message ("round %u: killed %d ms after %s, %u rows confirmed",
                      round, delay_ms, from_spawn ? "spawn" : "ready", lines);

      verify (path, confirmed, round);
    }

  g_test_message ("%u kills; %u rows confirmed and found (%u healthReadings, %u journalEntries, "
                  "%u tokenTransactions) in %.1f s; %u rounds confirmed at least one row",
                  kills, total, confirmed[0]->len, confirmed[1]->len, confirmed[2]->len,
                  (g_get_monotonic_time () - started) / 1e6, rounds_with_rows);
  g_assert_cmpuint (kills, >=, 20);
  /* The rounds timed from "ready" land inside the write loop. */
  g_assert_cmpuint (rounds_with_rows, >=, (ROUNDS - ROUNDS / FROM_SPAWN_EVERY) / 2);
  for (guint t = 0; t < N_TABLES; t++)
    {
      g_assert_cmpuint (confirmed[t]->len, >, 0);
      g_array_unref (confirmed[t]);
    }
}

int
main (int argc, char **argv)
{
  ascend_test_init (&argc, &argv);
  g_test_add_func ("/crash/kill-while-writing", test_kill_while_writing);
  return g_test_run ();
}
