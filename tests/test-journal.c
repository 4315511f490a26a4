/* test-journal.c: journal search, drafts, autosave, tags and moods
 *
 * What a user would notice:
 *   - search finds entries by title, body and tags, any script, any case,
 *     best match first, with the matches marked; an edited entry is found
 *     by its new words only, a deleted one not at all;
 *   - filters by tag and mood;
 *   - a draft survives the app being SIGKILLed while typing (a child
 *     process types through the real autosave path and is killed);
 *   - a saved entry takes its draft's place in one transaction;
 *   - the JSON export and import carry journal entries, mood logs, goals
 *     and milestones whole, and search works on the imported file.
 */
#include "config.h"

#include <math.h>
#include <pango/pango.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "ascend-test-util.h"
#include "ascend-export.h"
#include "ascend-journal-autosave.h"
#include "ascend-journal-rules.h"
#include "ascend-journal-store.h"
#include "ascend-goal-store.h"
#include "ascend-user-store.h"
#include "journal-typist.h"

#define S ASCEND_JOURNAL_MARK_START
#define E ASCEND_JOURNAL_MARK_END

typedef struct {
  AscendDatabase *db;
  char           *path;
  gint64          user;
  gint64          other_user;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->db = ascend_test_open_fresh_db (&f->path);
  f->user = ascend_test_add_user (f->db, "Sakura");
  f->other_user = ascend_test_add_user (f->db, "Ren");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
}

static gint64
sql_int (AscendDatabase *db,
         const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ascend_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
add_entry (Fixture    *f,
           gint64      user,
           const char *title,
           const char *content,
           const char *tags_typed,
           const char *mood,
           gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_new ();
  gint64 score = ASCEND_NO_INT;

  for (gint64 s = 1; s <= 10 && mood != NULL; s++)
    if (g_str_equal (ascend_mood_label (s), mood))
      score = s;
  entry->user_id = user;
  entry->title = g_strdup (title);
  g_free (entry->content);
  entry->content = g_strdup (content);
  g_free (entry->tags);
  entry->tags = ascend_journal_tags_to_json (tags_typed);
  entry->mood = g_strdup (mood);
  entry->mood_score = score;
  entry->created_at = created_at;
  g_assert_true (ascend_journal_save_entry (f->db, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry->id, >, 0);
  return entry->id;
}

static GPtrArray *
search_full (Fixture    *f,
             const char *text,
             const char *tag,
             const char *mood)
{
  g_autoptr(GError) error = NULL;
  AscendJournalQuery query = { text, tag, mood, 0 };
  GPtrArray *hits = ascend_journal_search (f->db, f->user, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static GPtrArray *
search (Fixture    *f,
        const char *text)
{
  return search_full (f, text, NULL, NULL);
}

static gint64
hit_id (GPtrArray *hits,
        guint      i)
{
  g_assert_cmpuint (i, <, hits->len);
  return ((AscendJournalHit *) g_ptr_array_index (hits, i))->entry->id;
}

static AscendJournalHit *
hit (GPtrArray *hits,
     guint      i)
{
  g_assert_cmpuint (i, <, hits->len);
  return g_ptr_array_index (hits, i);
}

/* ------------------------------------------------------------------ */

static void
test_schema_indexes_old_entries (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AscendDatabase *db = ascend_test_open_fresh_db (&path);
  gint64 user = ascend_test_add_user (db, "Old");
  sqlite3 *raw = NULL;
  Fixture f = { 0 };

  g_object_unref (db);
  /* A version-4 file: no index, no drafts, and entries written then. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
    "DROP TABLE journalSearch; DROP TABLE journalDrafts; DROP TRIGGER trg_journalSearch_insert;"
    "DROP TRIGGER trg_journalSearch_update; DROP TRIGGER trg_journalSearch_delete; PRAGMA user_version = 4;"
    "INSERT INTO journalEntries (userId, title, content, tags, createdAt)"
    " VALUES (1, 'Before search existed', 'The lighthouse at dawn', '[\"sea\",\"早朝\"]', 5);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  f.db = ascend_database_open (path, &error);
  g_assert_no_error (error);
  f.user = user;
  g_assert_cmpint (ascend_database_get_schema_version (f.db), ==, ascend_database_get_latest_schema_version ());
  {
    g_autoptr(GPtrArray) hits = search (&f, "lighthouse");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (hit (hits, 0)->tags, ==, "sea\n早朝");
  }
  {
    g_autoptr(GPtrArray) hits = search (&f, "早朝");
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_assert_cmpint (sql_int (f.db, "SELECT count(*) FROM journalDrafts"), ==, 0);
  g_object_unref (f.db);
}

static void
test_search_ranking (Fixture       *f,
                     gconstpointer  data)
{
  gint64 in_title = add_entry (f, f->user, "Garden day", "Planted tomatoes.", "", NULL, 1000);
  gint64 many = add_entry (f, f->user, "Saturday",
                           "The garden, the garden gate and the garden shed all need paint.", "", NULL, 2000);
  gint64 once = add_entry (f, f->user, "Errands",
                           "Bought bread, stamps and a long list of things, one of them seeds for the "
                           "garden, and then went home by the slow road past the station.", "", NULL, 3000);
  gint64 in_tags = add_entry (f, f->user, "Notes", "Nothing much.", "garden", NULL, 4000);
  add_entry (f, f->user, "Work", "Meetings all day.", "", NULL, 5000);
  add_entry (f, f->other_user, "Garden too", "Someone else's garden.", "garden", NULL, 6000);
  g_autoptr(GPtrArray) hits = search (f, "garden");

  /* Only this profile's four entries that say garden: the title match
   * first, then the tag, then the body that says it three times, then the
   * long one that says it once. */
  g_assert_cmpuint (hits->len, ==, 4);
  g_assert_cmpint (hit_id (hits, 0), ==, in_title);
  g_assert_cmpint (hit_id (hits, 1), ==, in_tags);
  g_assert_cmpint (hit_id (hits, 2), ==, many);
  g_assert_cmpint (hit_id (hits, 3), ==, once);
  for (guint i = 1; i < hits->len; i++)
    g_assert_cmpfloat (hit (hits, i - 1)->score, <=, hit (hits, i)->score);

  /* Every term must be there; a quoted phrase must be there as written. */
  {
    g_autoptr(GPtrArray) both = search (f, "garden paint");
    g_assert_cmpuint (both->len, ==, 1);
    g_assert_cmpint (hit_id (both, 0), ==, many);
  }
  {
    g_autoptr(GPtrArray) phrase = search (f, "\"garden shed\"");
    g_autoptr(GPtrArray) reversed = search (f, "\"shed garden\"");
    g_assert_cmpuint (phrase->len, ==, 1);
    g_assert_cmpuint (reversed->len, ==, 0);
  }
  /* No text: every entry, newest first. */
  {
    g_autoptr(GPtrArray) all = search (f, "  ");
    g_assert_cmpuint (all->len, ==, 5);
    for (guint i = 1; i < all->len; i++)
      g_assert_cmpint (hit (all, i - 1)->entry->created_at, >, hit (all, i)->entry->created_at);
  }
  /* A limit keeps the best. */
  {
    AscendJournalQuery query = { "garden", NULL, NULL, 2 };
    g_autoptr(GPtrArray) two = ascend_journal_search (f->db, f->user, &query, NULL);
    g_assert_cmpuint (two->len, ==, 2);
    g_assert_cmpint (hit_id (two, 0), ==, in_title);
  }
}

static void
test_search_highlights (Fixture       *f,
                        gconstpointer  data)
{
  add_entry (f, f->user, "Rain & <thunder>", "Rain all afternoon. I liked the RAIN.", "rainy days, home", NULL, 1000);
  g_autoptr(GPtrArray) hits = search (f, "rain");
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (hit (hits, 0)->title, ==, S "Rain" E " & <thunder>");
  g_assert_cmpstr (hit (hits, 0)->snippet, ==, S "Rain" E " all afternoon. I liked the " S "RAIN" E ".");
  g_assert_cmpstr (hit (hits, 0)->tags, ==, S "rain" E "y days\nhome");

  /* Marked text as Pango markup: the user's text escaped, matches in a span. */
  markup = ascend_journal_marked_to_markup (hit (hits, 0)->title, "weight=\"bold\"");
  g_assert_cmpstr (markup, ==, "<span weight=\"bold\">Rain</span> &amp; &lt;thunder&gt;");
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
  plain = ascend_journal_marked_to_plain (hit (hits, 0)->snippet);
  g_assert_cmpstr (plain, ==, "Rain all afternoon. I liked the RAIN.");
}

static void
test_search_tags_and_filters (Fixture       *f,
                              gconstpointer  data)
{
  gint64 walk = add_entry (f, f->user, "Morning", "Out early.", "morning walk, nature", "Happy", 1000);
  gint64 park = add_entry (f, f->user, "Park", "Ducks and a morning coffee.", "nature", "Fine", 2000);
  gint64 desk = add_entry (f, f->user, "Desk", "Morning emails.", "work", "Tired", 3000);
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) moods = NULL;

  /* A tag's words are searched like the rest... */
  {
    g_autoptr(GPtrArray) hits = search (f, "nature");
    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpstr (hit (hits, 0)->tags, ==, hit_id (hits, 0) == walk ? "morning walk\n" S "nature" E : S "nature" E);
  }
  /* ...and a tag filter takes whole tags only. */
  {
    g_autoptr(GPtrArray) hits = search_full (f, NULL, "nature", NULL);
    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (hit_id (hits, 0), ==, park);
    g_assert_cmpint (hit_id (hits, 1), ==, walk);
  }
  {
    g_autoptr(GPtrArray) hits = search_full (f, NULL, "walk", NULL);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search_full (f, "morning", "nature", NULL);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) hits = search_full (f, "morning", NULL, "Tired");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, desk);
  }
  {
    g_autoptr(GPtrArray) hits = search_full (f, "morning", "work", "Happy");
    g_assert_cmpuint (hits->len, ==, 0);
  }

  tags = ascend_journal_list_tags (f->db, f->user, NULL);
  g_assert_cmpstrv (tags, ((const char *[]) { "morning walk", "nature", "work", NULL }));
  /* Moods from the lowest score to the highest. */
  moods = ascend_journal_list_moods (f->db, f->user, NULL);
  g_assert_cmpstrv (moods, ((const char *[]) { "Tired", "Fine", "Happy", NULL }));
}

static void
test_search_unicode (Fixture       *f,
                     gconstpointer  data)
{
  gint64 ja = add_entry (f, f->user, "京都の一日", "今日は京都で散歩しました。とても楽しかった🌸", "旅行, 日本", "Great", 1000);
  gint64 he = add_entry (f, f->user, "שלום עולם", "היום הלכתי לפארק עם הכלב", "עברית", NULL, 2000);
  gint64 ar = add_entry (f, f->user, "يوم جميل", "ذهبت إلى الحديقة اليوم", "عربي", NULL, 3000);
  gint64 fr = add_entry (f, f->user, "Café crème", "Un CAFÉ au soleil, Ærøskøbing.", "", NULL, 4000);
  gint64 emoji = add_entry (f, f->user, "Party 🎉", "Cake 🍰 and friends 👩‍👩‍👧", "🎉", NULL, 5000);

  /* Three characters and more go through FTS5... */
  {
    g_autoptr(GPtrArray) hits = search (f, "散歩しました");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, ja);
    g_assert_nonnull (strstr (hit (hits, 0)->snippet, S "散歩しました" E));
  }
  /* ...two-character words (most Japanese words) and single emoji too. */
  {
    g_autoptr(GPtrArray) hits = search (f, "京都");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (hit (hits, 0)->title, ==, S "京都" E "の一日");
    g_assert_nonnull (strstr (hit (hits, 0)->snippet, "今日は" S "京都" E "で"));
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "日本");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (hit (hits, 0)->tags, ==, "旅行\n" S "日本" E);
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "🌸");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, ja);
    g_assert_nonnull (strstr (hit (hits, 0)->snippet, S "🌸" E));
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "🎉");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, emoji);
    g_assert_cmpstr (hit (hits, 0)->title, ==, "Party " S "🎉" E);
  }
  {
    /* A family emoji is one character of several code points. */
    g_autoptr(GPtrArray) hits = search (f, "👩‍👩‍👧");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, emoji);
  }
  /* Right-to-left scripts. */
  {
    g_autoptr(GPtrArray) hits = search (f, "לפארק");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, he);
    g_assert_nonnull (strstr (hit (hits, 0)->snippet, S "לפארק" E));
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "الحديقة");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, ar);
  }
  /* Case does not matter, beyond ASCII too. */
  {
    g_autoptr(GPtrArray) hits = search (f, "café");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (hit_id (hits, 0), ==, fr);
    g_assert_cmpstr (hit (hits, 0)->title, ==, S "Café" E " crème");
    g_assert_nonnull (strstr (hit (hits, 0)->snippet, S "CAFÉ" E));
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "ÆRØSKØBING");
    g_assert_cmpuint (hits->len, ==, 1);
  }
  /* A long term and a short one together. */
  {
    g_autoptr(GPtrArray) hits = search (f, "散歩 京都の");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (hit (hits, 0)->title, ==, S "京都の" E "一日");
  }
}

static void
test_search_long_entry (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendJournalEntry) back = NULL;
  gint64 id;

  /* 100,000 characters, multi-byte ones among them, and one word that
   * appears only near the end. */
  while (g_utf8_strlen (text->str, -1) < 99000)
    g_string_append (text, "Lorem ipsum dolor sit amet, 日本語の文章も少し。 ");
  g_string_append (text, "xylophone ");
  while (g_utf8_strlen (text->str, -1) < 100000)
    g_string_append_c (text, 'z');
  g_assert_cmpint (g_utf8_strlen (text->str, -1), ==, 100000);

  id = add_entry (f, f->user, "A very long day", text->str, "long", NULL, 1000);
  back = ascend_journal_entry_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->content, ==, text->str);

  {
    g_autoptr(GPtrArray) hits = search (f, "xylophone");
    g_autofree char *plain = NULL;
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_nonnull (strstr (hit (hits, 0)->snippet, S "xylophone" E));
    /* A snippet, not the whole entry. */
    plain = ascend_journal_marked_to_plain (hit (hits, 0)->snippet);
    g_assert_cmpint (g_utf8_strlen (plain, -1), <, 200);
    g_assert_true (g_utf8_validate (hit (hits, 0)->snippet, -1, NULL));
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "日本");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (g_utf8_strlen (hit (hits, 0)->snippet, -1), <, 200);
    g_assert_true (g_utf8_validate (hit (hits, 0)->snippet, -1, NULL));
  }
}

static void
test_search_follows_edit_and_delete (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_entry (f, f->user, "Lunch", "Ramen with a friend.", "food", NULL, 1000);
  g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_get (f->db, id, NULL);

  {
    g_autoptr(GPtrArray) hits = search (f, "ramen");
    g_assert_cmpuint (hits->len, ==, 1);
  }

  g_free (entry->content);
  entry->content = g_strdup ("Soba with a friend.");
  g_free (entry->tags);
  entry->tags = ascend_journal_tags_to_json ("noodles");
  g_assert_true (ascend_journal_save_entry (f->db, entry, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) old_word = search (f, "ramen");
    g_autoptr(GPtrArray) old_tag = search (f, "food");
    g_autoptr(GPtrArray) new_word = search (f, "soba");
    g_autoptr(GPtrArray) new_tag = search_full (f, NULL, "noodles", NULL);
    g_assert_cmpuint (old_word->len, ==, 0);
    g_assert_cmpuint (old_tag->len, ==, 0);
    g_assert_cmpuint (new_word->len, ==, 1);
    g_assert_cmpuint (new_tag->len, ==, 1);
  }

  g_assert_true (ascend_journal_entry_delete (f->db, id, &error));
  {
    g_autoptr(GPtrArray) gone = search (f, "soba");
    g_autoptr(GPtrArray) all = search (f, NULL);
    g_assert_cmpuint (gone->len, ==, 0);
    g_assert_cmpuint (all->len, ==, 0);
  }
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM journalSearch"), ==, 0);

  /* Undo puts it back under the same id, and search finds it again. */
  entry->id = id;
  g_assert_cmpint (ascend_journal_entry_insert (f->db, entry, &error), ==, id);
  {
    g_autoptr(GPtrArray) back = search (f, "soba");
    g_assert_cmpuint (back->len, ==, 1);
    g_assert_cmpint (hit_id (back, 0), ==, id);
  }

  /* Deleting the profile takes its entries out of the index too. */
  g_assert_true (ascend_user_delete (f->db, f->user, &error));
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM journalSearch"), ==, 0);
}

static void
test_search_takes_any_text (Fixture       *f,
                            gconstpointer  data)
{
  const char *queries[] = {
    "\"", "\"\"", "\"unclosed", "a\"b", "*", "foo*", "AND", "OR NOT", "NEAR(a b)", "-x",
    "title:foo", "^start", "%", "_", "\\", "100%", "a_b", "(", ")", "{col}", "''", ";DROP TABLE journalEntries;",
  };

  add_entry (f, f->user, "100% sure", "Under_score and back\\slash, (parens) and \"quotes\".", "", NULL, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      AscendJournalQuery query = { queries[i], NULL, NULL, 0 };
      g_autoptr(GPtrArray) hits = ascend_journal_search (f->db, f->user, &query, &error);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }
  /* LIKE's wild cards are plain characters here. */
  {
    g_autoptr(GPtrArray) hits = search (f, "%");
    g_autoptr(GPtrArray) none = search (f, "r%e");
    g_autoptr(GPtrArray) under = search (f, "r_s");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (under->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "\"quotes\"");
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM journalEntries"), ==, 1);
}

/* ------------------------------------------------------------------ */

static AscendJournalDraft *
make_draft (gint64      user,
            gint64      entry,
            const char *content)
{
  AscendJournalDraft *draft = ascend_journal_draft_new ();
  draft->user_id = user;
  draft->entry_id = entry;
  draft->title = g_strdup ("Draft title");
  draft->content = g_strdup (content);
  draft->tags = g_strdup ("a, b, 日本");
  draft->mood_score = 7;
  draft->mood = g_strdup ("Good");
  return draft;
}

static void
test_drafts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AscendJournalDraft) fresh = make_draft (f->user, 0, "first words");
  g_autoptr(AscendJournalDraft) loaded = NULL;
  gint64 id = add_entry (f, f->user, "Saved", "Saved body.", "", NULL, 1000);
  g_autoptr(AscendJournalDraft) edit = make_draft (f->user, id, "an edit of it");

  g_assert_null (ascend_journal_draft_load (f->db, f->user, 0, &error));
  g_assert_no_error (error);

  g_assert_true (ascend_journal_draft_save (f->db, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fresh->saved_at, >, 0);
  g_free (fresh->content);
  fresh->content = g_strdup ("first words, then more");
  fresh->mood_score = ASCEND_NO_INT;
  g_clear_pointer (&fresh->mood, g_free);
  g_assert_true (ascend_journal_draft_save (f->db, fresh, &error));
  /* One draft per entry: the second write replaced the first. */
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM journalDrafts"), ==, 1);
  loaded = ascend_journal_draft_load (f->db, f->user, 0, &error);
  g_assert_no_error (error);
  g_assert_true (ascend_journal_draft_equal (loaded, fresh));
  g_assert_cmpint (loaded->mood_score, ==, ASCEND_NO_INT);
  g_assert_null (loaded->mood);
  g_clear_pointer (&loaded, ascend_journal_draft_free);

  g_usleep (2000);
  g_assert_true (ascend_journal_draft_save (f->db, edit, &error));
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM journalDrafts"), ==, 2);
  /* The newest draft of any entry is what reopening offers. */
  loaded = ascend_journal_draft_load (f->db, f->user, -1, &error);
  g_assert_true (ascend_journal_draft_equal (loaded, edit));
  g_clear_pointer (&loaded, ascend_journal_draft_free);
  g_assert_null (ascend_journal_draft_load (f->db, f->other_user, -1, &error));

  /* A draft survives closing and reopening the file. */
  g_clear_object (&f->db);
  f->db = ascend_database_open (f->path, &error);
  g_assert_no_error (error);
  loaded = ascend_journal_draft_load (f->db, f->user, id, &error);
  g_assert_true (ascend_journal_draft_equal (loaded, edit));
  g_clear_pointer (&loaded, ascend_journal_draft_free);

  /* Saving the new entry clears its draft and only its draft. */
  {
    g_autoptr(AscendJournalEntry) entry = ascend_journal_entry_new ();
    entry->user_id = f->user;
    entry->title = g_strdup (fresh->title);
    g_free (entry->content);
    entry->content = g_strdup (fresh->content);
    g_assert_true (ascend_journal_save_entry (f->db, entry, &error));
    g_assert_null (ascend_journal_draft_load (f->db, f->user, 0, &error));
    g_assert_nonnull ((loaded = ascend_journal_draft_load (f->db, f->user, id, &error)));
    g_clear_pointer (&loaded, ascend_journal_draft_free);
  }

  /* An entry that cannot be saved keeps its draft. */
  g_assert_true (ascend_journal_draft_save (f->db, fresh, &error));
  {
    g_autoptr(AscendJournalEntry) bad = ascend_journal_entry_new ();
    bad->user_id = f->user;
    bad->title = g_strdup ("Bad");
    bad->mood_score = 11;
    g_assert_false (ascend_journal_save_entry (f->db, bad, &error));
    g_assert_error (error, ASCEND_STORE_ERROR, ASCEND_STORE_ERROR_CONSTRAINT);
    g_assert_cmpstr (error->message, ==, "Mood score must be between 1 and 10");
    g_clear_error (&error);
    g_assert_cmpint (bad->id, ==, 0);
    g_assert_nonnull ((loaded = ascend_journal_draft_load (f->db, f->user, 0, &error)));
    g_clear_pointer (&loaded, ascend_journal_draft_free);
  }

  /* Deleting the entry takes its draft with it; clear removes one slot. */
  g_assert_true (ascend_journal_entry_delete (f->db, id, &error));
  g_assert_null (ascend_journal_draft_load (f->db, f->user, id, &error));
  g_assert_true (ascend_journal_draft_clear (f->db, f->user, 0, &error));
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM journalDrafts"), ==, 0);
}

/* ------------------------------------------------------------------ */

typedef struct {
  guint   saved;
  gint64  last_saved_at;
} SaveCount;

static void
count_saved_cb (AscendJournalAutosave *autosave,
                gint64                 saved_at,
                SaveCount             *count)
{
  count->saved++;
  count->last_saved_at = saved_at;
}

static void
run_loop_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static char *
stored_content (Fixture *f)
{
  g_autoptr(AscendJournalDraft) draft = ascend_journal_draft_load (f->db, f->user, 0, NULL);
  return draft ? g_strdup (draft->content) : NULL;
}

static void
test_autosave_debounce (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AscendJournalAutosave) autosave = ascend_journal_autosave_new (f->db, 100, 400);
  g_autoptr(AscendJournalDraft) draft = make_draft (f->user, 0, "h");
  SaveCount count = { 0 };
  g_autoptr(GError) error = NULL;

  g_signal_connect (autosave, "saved", G_CALLBACK (count_saved_cb), &count);

  /* Nothing is written while the pause is shorter than the delay... */
  ascend_journal_autosave_update (autosave, draft);
  g_assert_true (ascend_journal_autosave_has_pending (autosave));
  run_loop_ms (30);
  g_assert_cmpuint (count.saved, ==, 0);
  g_assert_null (stored_content (f));
  /* ...and it is, once typing pauses. */
  run_loop_ms (150);
  g_assert_cmpuint (count.saved, ==, 1);
  g_assert_false (ascend_journal_autosave_has_pending (autosave));
  {
    g_autofree char *content = stored_content (f);
    g_assert_cmpstr (content, ==, "h");
  }

  /* The same text again writes nothing. */
  ascend_journal_autosave_update (autosave, draft);
  g_assert_false (ascend_journal_autosave_has_pending (autosave));

  /* Steady typing (a key every 20 ms, never a 100 ms pause) is still
   * written, at the latest every 400 ms. */
  count.saved = 0;
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *more = g_strdup_printf ("%s%c", draft->content, 'a' + i % 26);
      g_free (draft->content);
      draft->content = g_steal_pointer (&more);
      ascend_journal_autosave_update (autosave, draft);
      run_loop_ms (20);
    }
  g_assert_cmpuint (count.saved, >=, 2);
  {
    g_autofree char *content = stored_content (f);
    g_assert_true (g_str_has_prefix (draft->content, content));
    g_assert_cmpint (strlen (content), >=, strlen (draft->content) - 400 / 20 - 5);
  }

  /* Flush writes now. */
  {
    g_autoptr(AscendJournalDraft) other = make_draft (f->user, 0, "flushed");
    ascend_journal_autosave_update (autosave, other);
  }
  g_assert_true (ascend_journal_autosave_flush (autosave, &error));
  g_assert_no_error (error);
  {
    g_autofree char *content = stored_content (f);
    g_assert_cmpstr (content, ==, "flushed");
  }

  /* Forget drops what is pending; the database keeps what it has. */
  ascend_journal_autosave_update (autosave, draft);
  ascend_journal_autosave_forget (autosave);
  run_loop_ms (500);
  {
    g_autofree char *content = stored_content (f);
    g_assert_cmpstr (content, ==, "flushed");
  }

  /* Dropping the autosave (the editor closing) writes what is pending. */
  ascend_journal_autosave_update (autosave, draft);
  g_clear_object (&autosave);
  {
    g_autofree char *content = stored_content (f);
    g_assert_cmpstr (content, ==, draft->content);
  }
}

/* The app is killed (SIGKILL: no handler, no flush) while the user types:
 * the draft on disk is what was typed up to the last autosave, never less
 * than the last write the typist was told about, and reopening finds it. */
static void
test_draft_survives_sigkill (void)
{
  const char *typist = g_getenv ("ASCEND_JOURNAL_TYPIST");
  g_autofree char *path = NULL;
  AscendDatabase *db;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  if (typist == NULL)
    {
      g_test_skip ("ASCEND_JOURNAL_TYPIST is not set");
      return;
    }
  db = ascend_test_open_fresh_db (&path);
  g_object_unref (db);

  for (int round = 0; round < 6; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(AscendJournalDraft) draft = NULL;
      g_autoptr(AscendUser) user = NULL;
      guint saves_wanted = g_rand_int_range (rand, 1, 4);
      guint saves = 0;
      glong confirmed = 0;
      char *line;

      /* Typing a key every 5 ms never pauses for the 100 ms delay: every
       * write comes from the 300 ms longest wait. */
      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, typist, path, "100", "300", NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_cmpstr (line, ==, "ready");
      g_free (line);
      while (saves < saves_wanted &&
             (line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
        {
          g_assert_true (g_str_has_prefix (line, "saved "));
          confirmed = strtol (line + strlen ("saved "), NULL, 10);
          saves++;
          g_free (line);
        }
      g_assert_cmpuint (saves, ==, saves_wanted);
      /* Somewhere in the middle of the next wait, or of a write. */
      g_usleep (g_rand_int_range (rand, 0, 300000));
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_subprocess_get_if_exited (proc));
      g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);

      db = ascend_database_open (path, &error);
      g_assert_no_error (error);
      {
        g_autoptr(GPtrArray) problems = ascend_database_check (db, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (problems->len, ==, 0);
      }
      user = ascend_user_get_first (db, &error);
      g_assert_nonnull (user);
      draft = ascend_journal_draft_load (db, user->id, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (draft);
      g_assert_cmpstr (draft->title, ==, journal_typist_title);
      g_assert_true (g_utf8_validate (draft->content, -1, NULL));
      g_assert_true (g_str_has_prefix (journal_typist_text, draft->content));
      g_assert_cmpint (g_utf8_strlen (draft->content, -1), >=, confirmed);
      /* Start the next round from nothing. */
      g_assert_true (ascend_journal_draft_clear (db, user->id, 0, &error));
      g_object_unref (db);
    }
}

/* ------------------------------------------------------------------ */

static void
test_tags (void)
{
  struct { const char *typed; const char *json; const char *text; } cases[] = {
    { "", "[]", "" },
    { NULL, "[]", "" },
    { " , ,, ", "[]", "" },
    { "walk", "[\"walk\"]", "walk" },
    { "walk, nature,  calm ", "[\"walk\",\"nature\",\"calm\"]", "walk, nature, calm" },
    { "#walk, ##nature", "[\"walk\",\"nature\"]", "walk, nature" },
    { "Walk, walk, WALK, run", "[\"Walk\",\"run\"]", "Walk, run" },
    { "morning walk\nnature", "[\"morning walk\",\"nature\"]", "morning walk, nature" },
    { "旅行、日本，京都", "[\"旅行\",\"日本\",\"京都\"]", "旅行, 日本, 京都" },
    { "🌸, \"quoted\", back\\slash", "[\"🌸\",\"\\\"quoted\\\"\",\"back\\\\slash\"]", "🌸, \"quoted\", back\\slash" },
    { "עברית, عربي", "[\"עברית\",\"عربي\"]", "עברית, عربي" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = ascend_journal_tags_to_json (cases[i].typed);
      g_autofree char *text = ascend_journal_tags_to_text (json);
      g_assert_cmpstr (json, ==, cases[i].json);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_auto(GStrv) odd = ascend_journal_tags_parse ("[\"a\", 3, null, {\"k\": 1}]");
    g_auto(GStrv) none = ascend_journal_tags_parse ("not json");
    g_auto(GStrv) object = ascend_journal_tags_parse ("{\"a\": 1}");
    g_assert_cmpstrv (odd, ((const char *[]) { "a", "3", "null", "{\"k\":1}", NULL }));
    g_assert_cmpuint (g_strv_length (none), ==, 0);
    g_assert_cmpuint (g_strv_length (object), ==, 0);
  }
}

static void
test_mood_scale_and_checks (void)
{
  g_assert_null (ascend_mood_label (0));
  g_assert_null (ascend_mood_label (11));
  g_assert_cmpstr (ascend_mood_label (1), ==, "Awful");
  g_assert_cmpstr (ascend_mood_label (10), ==, "Amazing");
  for (gint64 s = 1; s <= 10; s++)
    {
      g_autofree char *path = ascend_mood_face_resource (s);
      g_autoptr(GBytes) art = g_resources_lookup_data (path, 0, NULL);
      g_assert_nonnull (ascend_mood_label (s));
      /* Every face is the companion's real art. */
      g_assert_nonnull (art);
      if (s > 1)
        g_assert_cmpint (ascend_mood_face (s), >=, ascend_mood_face (s - 1));
    }
  g_assert_cmpint (ascend_mood_face (1), ==, ASCEND_MOOD_FACE_WORRIED);
  g_assert_cmpint (ascend_mood_face (10), ==, ASCEND_MOOD_FACE_CHEERFUL);

  g_assert_nonnull (ascend_journal_check_title (NULL));
  g_assert_nonnull (ascend_journal_check_title (""));
  g_assert_nonnull (ascend_journal_check_title (" \t\n\u3000"));
  g_assert_null (ascend_journal_check_title ("日記"));
  g_assert_null (ascend_journal_check_mood_score (ASCEND_NO_INT, FALSE));
  g_assert_nonnull (ascend_journal_check_mood_score (ASCEND_NO_INT, TRUE));
  g_assert_nonnull (ascend_journal_check_mood_score (0, FALSE));
  g_assert_nonnull (ascend_journal_check_mood_score (11, TRUE));
  g_assert_null (ascend_journal_check_mood_score (1, TRUE));
  g_assert_null (ascend_journal_check_mood_score (10, TRUE));
}

static gint64
local_ms (GTimeZone *tz,
          int        year,
          int        month,
          int        day,
          int        hour,
          int        minute)
{
  g_autoptr(GDateTime) t = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (t) * 1000;
}

static void
add_mood_log (GPtrArray *logs,
              gint64     at,
              gint64     score)
{
  AscendMoodLog *log = ascend_mood_log_new ();
  log->created_at = at;
  log->mood_score = score;
  g_ptr_array_add (logs, log);
}

/* The week chart counts local days, and a day with a DST change is still
 * one day (Berlin moved its clocks on 30 March 2025). */
static void
test_mood_daily_averages (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) logs = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_mood_log_free);
  gint64 now, from, to;
  double week[7], month[30];

  g_assert_nonnull (tz);
  now = local_ms (tz, 2025, 3, 31, 12, 0);
  ascend_mood_history_range (tz, now, 7, &from, &to);
  g_assert_cmpint (from, ==, local_ms (tz, 2025, 3, 25, 0, 0));
  g_assert_cmpint (to, ==, local_ms (tz, 2025, 4, 1, 0, 0));
  /* 23 + 6 * 24 hours: the week lost an hour. */
  g_assert_cmpint (to - from, ==, (gint64) (7 * 24 - 1) * 3600 * 1000);

  add_mood_log (logs, local_ms (tz, 2025, 3, 24, 23, 59), 1);  /* the day before the week */
  add_mood_log (logs, local_ms (tz, 2025, 3, 25, 0, 0), 10);
  add_mood_log (logs, local_ms (tz, 2025, 3, 30, 0, 30), 4);
  add_mood_log (logs, local_ms (tz, 2025, 3, 30, 23, 30), 8);
  add_mood_log (logs, local_ms (tz, 2025, 3, 31, 11, 0), 7);
  add_mood_log (logs, local_ms (tz, 2025, 4, 1, 0, 0), 2);     /* tomorrow */
  ascend_mood_daily_averages (logs, tz, now, 7, week);
  g_assert_cmpfloat (week[0], ==, 10.0);
  for (int i = 1; i <= 4; i++)
    g_assert_true (isnan (week[i]));
  g_assert_cmpfloat (week[5], ==, 6.0);
  g_assert_cmpfloat (week[6], ==, 7.0);

  ascend_mood_daily_averages (logs, tz, now, 30, month);
  g_assert_cmpfloat (month[29], ==, 7.0);
  g_assert_cmpfloat (month[22], ==, 1.0);
  g_assert_cmpfloat (month[23], ==, 10.0);
}

/* ------------------------------------------------------------------ */

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(AscendDatabase) target = NULL;
  g_autoptr(AscendGoal) goal = ascend_goal_new ();
  const char *tables[] = { "journalEntries", "moodLogs", "goals", "milestones" };
  gint64 m1, m2;
  gboolean completed = FALSE;

  while (g_utf8_strlen (long_text->str, -1) < 100000)
    g_string_append (long_text, "長い日記 🌙 long diary לילה ");
  add_entry (f, f->user, "京都の一日 🌸", "今日は京都で散歩しました。\n\"Quoted\" and \\slashed", "旅行, 日本, 🌸", "Great", 1000);
  add_entry (f, f->user, "Long", long_text->str, "", NULL, 2000);
  add_entry (f, f->user, "No mood, no tags", "", "", NULL, 3000);
  for (gint64 s = 1; s <= 10; s += 3)
    {
      g_autoptr(AscendMoodLog) mood = ascend_mood_log_new ();
      mood->user_id = f->user;
      mood->mood_score = s;
      mood->mood = g_strdup (ascend_mood_label (s));
      mood->notes = s == 4 ? g_strdup ("眠い… 😴") : NULL;
      mood->created_at = 4000 + s;
      g_assert_cmpint (ascend_mood_log_insert (f->db, mood, &error), >, 0);
    }
  goal->user_id = f->user;
  goal->title = g_strdup ("Run 10 km 🏃");
  goal->description = g_strdup ("Before summer");
  goal->category = g_strdup ("Fitness");
  goal->target_date = g_strdup ("2030-06-01");
  g_assert_cmpint (ascend_goal_insert (f->db, goal, &error), >, 0);
  m1 = ascend_goal_store_add_milestone (f->db, goal->id, "5 km", &error);
  m2 = ascend_goal_store_add_milestone (f->db, goal->id, "10 km", &error);
  g_assert_true (ascend_goal_store_set_milestone_done (f->db, m1, TRUE, &completed, &error));
  g_assert_cmpint (m2, >, 0);
  /* A draft stays on this machine: not part of the data model. */
  {
    g_autoptr(AscendJournalDraft) draft = make_draft (f->user, 0, "unsaved");
    g_assert_true (ascend_journal_draft_save (f->db, draft, &error));
  }

  root = ascend_export_json (f->db, f->user, &error);
  g_assert_no_error (error);
  target = ascend_test_open_fresh_db (&target_path);
  g_assert_true (ascend_import_json (target, root, &error));
  g_assert_no_error (error);

  /* Every row of the four tables, every column, as it was. */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[t]);
      g_autoptr(JsonNode) again = NULL;
      JsonArray *a, *b;

      g_assert_cmpint (sql_int (target, sql), ==, sql_int (f->db, sql));
      again = ascend_export_json (target, f->user, &error);
      a = json_object_get_array_member (json_node_get_object (root), tables[t]);
      b = json_object_get_array_member (json_node_get_object (again), tables[t]);
      g_assert_cmpuint (json_array_get_length (a), >, 0);
      {
        g_autoptr(JsonNode) na = json_node_init_array (json_node_alloc (), a);
        g_autoptr(JsonNode) nb = json_node_init_array (json_node_alloc (), b);
        g_assert_true (json_node_equal (na, nb));
      }
    }
  {
    g_autoptr(GPtrArray) entries = ascend_journal_entry_list (target, f->user, 0, 0, &error);
    g_assert_cmpuint (entries->len, ==, 3);
    g_assert_cmpstr (((AscendJournalEntry *) entries->pdata[1])->content, ==, long_text->str);
    g_assert_cmpstr (((AscendJournalEntry *) entries->pdata[0])->tags, ==, "[\"旅行\",\"日本\",\"🌸\"]");
  }
  {
    g_autoptr(AscendGoalDetails) details = ascend_goal_store_get (target, goal->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (details->goal->progress, ==, 50);
    g_assert_cmpuint (details->milestones->len, ==, 2);
    g_assert_cmpuint (details->completed, ==, 1);
  }
  /* The imported entries are searchable (the triggers indexed them). */
  {
    Fixture imported = { target, NULL, f->user, 0 };
    g_autoptr(GPtrArray) ja = search (&imported, "京都");
    g_autoptr(GPtrArray) moon = search (&imported, "🌙");
    g_autoptr(GPtrArray) tag = search_full (&imported, NULL, "🌸", NULL);
    g_assert_cmpuint (ja->len, ==, 1);
    g_assert_cmpuint (moon->len, ==, 1);
    g_assert_cmpuint (tag->len, ==, 1);
  }
  g_assert_cmpint (sql_int (target, "SELECT count(*) FROM journalDrafts"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  ascend_test_init (&argc, &argv);

  g_test_add_func ("/journal/schema/indexes-old-entries", test_schema_indexes_old_entries);
#define ADD(path, func) g_test_add ("/journal/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("search/ranking", test_search_ranking);
  ADD ("search/highlights", test_search_highlights);
  ADD ("search/tags-and-filters", test_search_tags_and_filters);
  ADD ("search/unicode", test_search_unicode);
  ADD ("search/long-entry", test_search_long_entry);
  ADD ("search/follows-edit-and-delete", test_search_follows_edit_and_delete);
  ADD ("search/takes-any-text", test_search_takes_any_text);
  ADD ("drafts/save-load-clear", test_drafts);
  ADD ("drafts/autosave-debounce", test_autosave_debounce);
  ADD ("export/round-trip", test_export_round_trip);
#undef ADD
  g_test_add_func ("/journal/drafts/survive-sigkill", test_draft_survives_sigkill);
  g_test_add_func ("/journal/tags", test_tags);
  g_test_add_func ("/journal/mood-scale-and-checks", test_mood_scale_and_checks);
  g_test_add_func ("/journal/mood-daily-averages", test_mood_daily_averages);

  return g_test_run ();
}
