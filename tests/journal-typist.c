/* journal-typist.c: types into a journal draft until it is killed
 *
 * Used by test-journal.c (the SIGKILL test). Opens the database given on
 * the command line, makes a profile if there is none, says "ready", then
 * "types" journal_typist_text one character every TYPIST_KEY_MS through the
 * editor's autosave (ascend-journal-autosave.h, short delays so a test
 * round is quick). After each draft write it prints "saved <characters>"
 * and flushes: every such line names a draft SQLite has promised to keep.
 *
 * Usage: journal-typist DB DELAY_MS MAX_DELAY_MS
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ascend-journal-autosave.h"
#include "ascend-user-store.h"
#include "journal-typist.h"

typedef struct {
  AscendJournalAutosave *autosave;
  AscendJournalDraft    *draft;
  const char            *next;     /* the next character to type */
} Typist;

static void
saved_cb (AscendJournalAutosave *autosave,
          gint64                 saved_at,
          Typist                *typist)
{
  printf ("saved %ld\n", g_utf8_strlen (typist->draft->content, -1));
  fflush (stdout);
}

static void
failed_cb (AscendJournalAutosave *autosave,
           const char            *message,
           Typist                *typist)
{
  fprintf (stderr, "journal-typist: %s\n", message);
  exit (1);
}

static gboolean
key_cb (gpointer data)
{
  Typist *typist = data;
  const char *after;
  char *content;

  /* The whole text typed: the typist rests until it is killed. */
  if (*typist->next == '\0')
    return G_SOURCE_REMOVE;
  after = g_utf8_next_char (typist->next);
  content = g_strndup (journal_typist_text, after - journal_typist_text);
  g_free (typist->draft->content);
  typist->draft->content = content;
  typist->next = after;
  ascend_journal_autosave_update (typist->autosave, typist->draft);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendDatabase) db = NULL;
  g_autoptr(AscendUser) user = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Typist typist = { 0 };

  if (argc != 4)
    {
      fprintf (stderr, "usage: journal-typist DB DELAY_MS MAX_DELAY_MS\n");
      return 2;
    }
  db = ascend_database_open (argv[1], &error);
  if (db == NULL)
    {
      fprintf (stderr, "journal-typist: %s\n", error->message);
      return 1;
    }
  user = ascend_user_get_first (db, &error);
  if (user == NULL)
    {
      user = ascend_user_new ();
      user->name = g_strdup ("Typist");
      user->login_method = g_strdup ("local");
      if (ascend_user_insert (db, user, &error) == 0)
        {
          fprintf (stderr, "journal-typist: %s\n", error->message);
          return 1;
        }
    }

  typist.autosave = ascend_journal_autosave_new (db, atoi (argv[2]), atoi (argv[3]));
  typist.draft = ascend_journal_draft_new ();
  typist.draft->user_id = user->id;
  typist.draft->title = g_strdup (journal_typist_title);
  typist.next = journal_typist_text;
  g_signal_connect (typist.autosave, "saved", G_CALLBACK (saved_cb), &typist);
  g_signal_connect (typist.autosave, "failed", G_CALLBACK (failed_cb), &typist);
  g_timeout_add (TYPIST_KEY_MS, key_cb, &typist);

  printf ("ready\n");
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}
