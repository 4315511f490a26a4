/* crash-writer.c: writes to the database until it is killed
 *
 * Used by test-crash.c. Opens the database given on the command line, says
 * "ready", then loops: a healthReading, every few turns a journalEntry and a
 * token ledger usage or bonus, each in its own committed transaction. After
 * each commit it prints "<table> <id>" and flushes, so every line the parent
 * reads names a row that SQLite has promised to keep.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "ascend-database.h"
#include "ascend-user-store.h"
#include "ascend-health-store.h"
#include "ascend-wellness-store.h"
#include "ascend-business-store.h"

static void
confirm (const char *table,
         gint64      id)
{
  printf ("%s %" G_GINT64_FORMAT "\n", table, id);
  fflush (stdout);
}

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "crash-writer: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static gint64
insert_reading (AscendDatabase *db,
                gint64          user,
                GRand          *rand,
                GError        **error)
{
  g_autoptr(AscendHealthReading) r = ascend_health_reading_new ();
  gint64 id;

  r->user_id = user;
  r->heart_rate = g_rand_int_range (rand, 45, 180);
  r->hrv = g_rand_double_range (rand, 5.0, 150.0);
  r->stress_level = g_rand_int_range (rand, 1, 11);
  r->arrhythmia_detected = g_rand_int_range (rand, 0, 50) == 0;

  if (!ascend_database_begin (db, error))
    return 0;
  id = ascend_health_reading_insert (db, r, error);
  if (id == 0)
    {
      ascend_database_rollback (db);
      return 0;
    }
  if (!ascend_database_commit (db, error))
    return 0;
  return id;
}

static gint64
insert_journal (AscendDatabase *db,
                gint64          user,
                GRand          *rand,
                guint64         turn,
                GError        **error)
{
  g_autoptr(AscendJournalEntry) e = ascend_journal_entry_new ();
  GString *content = g_string_new (NULL);
  /* Some entries overflow a page, so a kill can land in an overflow chain. */
  guint words = g_rand_int_range (rand, 1, 800);
  gint64 id;

  for (guint i = 0; i < words; i++)
    g_string_append (content, i % 7 ? "calm " : "桜の下で ");
  e->user_id = user;
  e->title = g_strdup_printf ("Entry %" G_GUINT64_FORMAT, turn);
  g_free (e->content);
  e->content = g_string_free (content, FALSE);
  e->mood_score = g_rand_int_range (rand, 1, 11);
  g_free (e->tags);
  e->tags = g_strdup ("[\"crash\",\"test\"]");

  if (!ascend_database_begin (db, error))
    return 0;
  id = ascend_journal_entry_insert (db, e, error);
  if (id == 0)
    {
      ascend_database_rollback (db);
      return 0;
    }
  if (!ascend_database_commit (db, error))
    return 0;
  return id;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GRand) rand = NULL;
  gint64 user_id;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  db = ascend_database_open (argv[1], &error);
  if (db == NULL)
    die ("open", error);

  user = ascend_user_get_first (db, &error);
  if (error != NULL)
    die ("first profile", error);
  if (user == NULL)
    {
      user = ascend_user_new ();
      user->name = g_strdup ("Crash");
      user->login_method = g_strdup ("local");
      if (ascend_user_insert (db, user, &error) == 0)
        die ("new profile", error);
    }
  user_id = user->id;
  rand = g_rand_new_with_seed ((guint32) getpid ());

  printf ("ready\n");
  fflush (stdout);

  for (guint64 turn = 0; ; turn++)
    {
      gint64 id = insert_reading (db, user_id, rand, &error);
      if (id == 0)
        die ("reading", error);
      confirm ("healthReadings", id);

      if (turn % 4 == 1)
        {
          id = insert_journal (db, user_id, rand, turn, &error);
          if (id == 0)
            die ("journal entry", error);
          confirm ("journalEntries", id);
        }

      if (turn % 3 == 2)
        {
          gint64 balance = ascend_token_ledger_balance (db, user_id, &error);
          gboolean use = balance > 0 && g_rand_boolean (rand);

          if (balance < 0)
            die ("balance", error);
          /* The ledger opens and commits its own transaction. */
          id = ascend_token_ledger_record (db, user_id, use ? -1 : g_rand_int_range (rand, 1, 4),
                                           use ? "usage" : "bonus", "crash test", &error);
          if (id == 0)
            die ("ledger", error);
          confirm ("tokenTransactions", id);
        }
    }

  return 0;
}
