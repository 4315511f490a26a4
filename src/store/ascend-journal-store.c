/* ascend-journal-store.c: journal search (FTS5) and drafts
 *
 * Search terms of three characters or more go to FTS5 (MATCH, ranked with
 * bm25, marked with highlight() and snippet()). The trigram index cannot
 * match fewer than three characters, which is a whole word in Japanese or
 * one emoji, so shorter terms are matched with LIKE on the same table and
 * marked here, on the text FTS5 returned.
 */
#include "config.h"

#include <string.h>

#include "ascend-journal-store.h"

#define MARK_START_CHAR 0x02
#define MARK_END_CHAR   0x03
/* snippet() counts trigram tokens, about one per character. */
#define SNIPPET_TOKENS  64
#define SNIPPET_CHARS   140
#define SNIPPET_BEFORE  30
/* A title match weighs most, then a tag, then the body. */
#define BM25_WEIGHTS    "10.0, 1.0, 4.0"

void
ascend_journal_hit_free (AscendJournalHit *hit)
{
  if (hit == NULL)
    return;
  g_clear_pointer (&hit->entry, ascend_journal_entry_free);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit->tags);
  g_free (hit);
}

/* Query terms */

typedef struct {
  GPtrArray *long_terms;   /* char*, 3+ characters: FTS5 phrases */
  GPtrArray *short_terms;  /* char*, 1-2 characters: LIKE */
} Terms;

static void
terms_clear (Terms *terms)
{
  g_clear_pointer (&terms->long_terms, g_ptr_array_unref);
  g_clear_pointer (&terms->short_terms, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Terms, terms_clear)

static void
add_term (Terms      *terms,
          const char *start,
          gsize       len)
{
  g_autofree char *raw = g_strndup (start, len);
  char *term = g_utf8_normalize (g_strstrip (raw), -1, G_NORMALIZE_NFC);

  if (term == NULL || *term == '\0')
    {
      g_free (term);
      return;
    }
  g_ptr_array_add (g_utf8_strlen (term, -1) >= 3 ? terms->long_terms : terms->short_terms, term);
}

/* Splits on white space; "quoted words" stay one term. */
static void
parse_terms (const char *text,
             Terms      *terms)
{
  const char *p = text ? text : "";

  terms->long_terms = g_ptr_array_new_with_free_func (g_free);
  terms->short_terms = g_ptr_array_new_with_free_func (g_free);

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const char *start;

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (c == '"')
        {
          start = ++p;
          while (*p && *p != '"')
            p++;
          add_term (terms, start, p - start);
          if (*p)
            p++;
          continue;
        }
      start = p;
      while (*p && !g_unichar_isspace (g_utf8_get_char (p)) && *p != '"')
        p = g_utf8_next_char (p);
      add_term (terms, start, p - start);
    }
}

/* "a", "b" as the FTS5 expression "a" AND "b", every term a quoted
 * phrase so nothing the user types is FTS5 syntax. */
static char *
match_expression (GPtrArray *long_terms)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < long_terms->len; i++)
    {
      const char *term = g_ptr_array_index (long_terms, i);
      if (i > 0)
        g_string_append (out, " AND ");
      g_string_append_c (out, '"');
      for (const char *p = term; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  return g_string_free (out, FALSE);
}

static char *
like_pattern (const char *term)
{
  GString *out = g_string_new ("%");

  for (const char *p = term; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* Marking short terms */

typedef struct {
  gunichar *chars;    /* lower case */
  glong    *offsets;  /* byte offset of each char, and of the end */
  glong     n;
} Folded;

static void
folded_init (Folded     *f,
             const char *text)
{
  glong i = 0;

  f->n = g_utf8_strlen (text, -1);
  f->chars = g_new (gunichar, f->n + 1);
  f->offsets = g_new (glong, f->n + 1);
  for (const char *p = text; *p; p = g_utf8_next_char (p), i++)
    {
      f->chars[i] = g_unichar_tolower (g_utf8_get_char (p));
      f->offsets[i] = p - text;
    }
  f->offsets[f->n] = strlen (text);
}

static void
folded_clear (Folded *f)
{
  g_clear_pointer (&f->chars, g_free);
  g_clear_pointer (&f->offsets, g_free);
}

static glong
match_length_at (const Folded *text,
                 glong         at,
                 GPtrArray    *folded_terms)
{
  for (guint t = 0; t < folded_terms->len; t++)
    {
      const Folded *term = g_ptr_array_index (folded_terms, t);
      glong k = 0;

      if (term->n == 0 || at + term->n > text->n)
        continue;
      while (k < term->n && text->chars[at + k] == term->chars[k])
        k++;
      if (k == term->n)
        return term->n;
    }
  return 0;
}

static void
folded_free (gpointer data)
{
  folded_clear (data);
  g_free (data);
}

static GPtrArray *
fold_terms (GPtrArray *terms)
{
  GPtrArray *folded = g_ptr_array_new_with_free_func (folded_free);

  for (guint i = 0; i < terms->len; i++)
    {
      Folded *f = g_new0 (Folded, 1);
      folded_init (f, g_ptr_array_index (terms, i));
      g_ptr_array_add (folded, f);
    }
  return folded;
}

/* Marks every occurrence of the terms in text outside the marks already
 * there. */
static char *
mark_terms (const char *text,
            GPtrArray  *folded_terms)
{
  Folded f;
  GString *out = g_string_sized_new (strlen (text) + 16);
  gboolean inside = FALSE;
  glong i = 0;

  folded_init (&f, text);
  while (i < f.n)
    {
      glong len = 0;

      if (f.chars[i] == MARK_START_CHAR)
        inside = TRUE;
      else if (f.chars[i] == MARK_END_CHAR)
        inside = FALSE;
      else if (!inside)
        len = match_length_at (&f, i, folded_terms);

      if (len > 0)
        {
          g_string_append (out, ASCEND_JOURNAL_MARK_START);
          g_string_append_len (out, text + f.offsets[i], f.offsets[i + len] - f.offsets[i]);
          g_string_append (out, ASCEND_JOURNAL_MARK_END);
          i += len;
        }
      else
        {
          g_string_append_len (out, text + f.offsets[i], f.offsets[i + 1] - f.offsets[i]);
          i++;
        }
    }
  folded_clear (&f);
  return g_string_free (out, FALSE);
}

/* Up to SNIPPET_CHARS characters of text, starting a little before the
 * first match of the terms (or at the start), with "…" where cut. */
static char *
plain_snippet (const char *text,
               GPtrArray  *folded_terms)
{
  Folded f;
  glong first = -1, start, end;
  GString *out = g_string_new (NULL);

  folded_init (&f, text ? text : "");
  for (glong i = 0; folded_terms != NULL && i < f.n && first < 0; i++)
    if (match_length_at (&f, i, folded_terms) > 0)
      first = i;
  start = first > SNIPPET_BEFORE ? first - SNIPPET_BEFORE : 0;
  end = MIN (f.n, start + SNIPPET_CHARS);
  if (start > 0)
    g_string_append (out, "…");
  g_string_append_len (out, text + f.offsets[start], f.offsets[end] - f.offsets[start]);
  if (end < f.n)
    g_string_append (out, "…");
  folded_clear (&f);
  return g_string_free (out, FALSE);
}

char *
ascend_journal_marked_to_markup (const char *marked,
                                 const char *span_attributes)
{
  GString *out = g_string_new (NULL);
  const char *p = marked ? marked : "";

  while (*p)
    {
      gsize run = strcspn (p, ASCEND_JOURNAL_MARK_START ASCEND_JOURNAL_MARK_END);
      g_autofree char *escaped = g_markup_escape_text (p, run);

      g_string_append (out, escaped);
      p += run;
      if (*p == MARK_START_CHAR)
        g_string_append_printf (out, "<span %s>", span_attributes ? span_attributes : "weight=\"bold\"");
      else if (*p == MARK_END_CHAR)
        g_string_append (out, "</span>");
      if (*p)
        p++;
    }
  return g_string_free (out, FALSE);
}

char *
ascend_journal_marked_to_plain (const char *marked)
{
  GString *out = g_string_new (NULL);

  for (const char *p = marked ? marked : ""; *p; p++)
    if (*p != MARK_START_CHAR && *p != MARK_END_CHAR)
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Search */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text ? text : "";
}

static void
read_entry (sqlite3_stmt       *stmt,
            AscendJournalEntry *entry)
{
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->user_id = sqlite3_column_int64 (stmt, 1);
  g_free (entry->title);
  entry->title = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL : g_strdup (column_text (stmt, 2));
  g_free (entry->content);
  entry->content = g_strdup (column_text (stmt, 3));
  g_free (entry->mood);
  entry->mood = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL : g_strdup (column_text (stmt, 4));
  entry->mood_score = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? ASCEND_NO_INT : sqlite3_column_int64 (stmt, 5);
  g_free (entry->tags);
  entry->tags = g_strdup (column_text (stmt, 6));
  entry->created_at = sqlite3_column_int64 (stmt, 7);
}

GPtrArray *
ascend_journal_search (AscendDatabase            *db,
                       gint64                     user_id,
                       const AscendJournalQuery  *query,
                       GError                   **error)
{
  g_auto(Terms) terms = { NULL, NULL };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) ascend_journal_hit_free);
  g_autoptr(GPtrArray) folded_short = NULL;
  g_autoptr(GPtrArray) likes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc, index = 1;
  gboolean has_match;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  parse_terms (query->text, &terms);
  has_match = terms.long_terms->len > 0;
  folded_short = fold_terms (terms.short_terms);

  g_string_append (sql, "SELECT j.id, j.userId, j.title, j.content, j.mood, j.moodScore, j.tags, j.createdAt, ");
  if (has_match)
    g_string_append_printf (sql,
                            "bm25 (journalSearch, " BM25_WEIGHTS "), "
                            "highlight (journalSearch, 0, char (2), char (3)), "
                            "snippet (journalSearch, 1, char (2), char (3), '…', %d), "
                            "highlight (journalSearch, 2, char (2), char (3)) ",
                            SNIPPET_TOKENS);
  else
    g_string_append (sql, "0.0, journalSearch.title, NULL, journalSearch.tags ");
  g_string_append (sql, "FROM journalSearch JOIN journalEntries j ON j.id = journalSearch.rowid "
                        "WHERE j.userId = ?");
  if (has_match)
    g_string_append (sql, " AND journalSearch MATCH ?");
  for (guint i = 0; i < terms.short_terms->len; i++)
    g_string_append (sql, " AND (journalSearch.title LIKE ? ESCAPE '\\' OR journalSearch.content LIKE ? ESCAPE '\\'"
                          " OR journalSearch.tags LIKE ? ESCAPE '\\')");
  if (query->mood != NULL)
    g_string_append (sql, " AND j.mood = ?");
  if (query->tag != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM json_each (j.tags) WHERE json_each.value = ?)");
  g_string_append (sql, has_match ? " ORDER BY 9, j.createdAt DESC, j.id DESC" : " ORDER BY j.createdAt DESC, j.id DESC");
  if (query->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", query->limit);

  /* The SQL varies with the number of short terms: not one for the
   * statement cache. */
  rc = sqlite3_prepare_v2 (ascend_database_get_handle (db), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return (ascend_database_set_error (db, rc, error), NULL);

  sqlite3_bind_int64 (stmt, index++, user_id);
  if (has_match)
    {
      match = match_expression (terms.long_terms);
      sqlite3_bind_text (stmt, index++, match, -1, SQLITE_STATIC);
    }
  for (guint i = 0; i < terms.short_terms->len; i++)
    {
      char *pattern = like_pattern (g_ptr_array_index (terms.short_terms, i));
      g_ptr_array_add (likes, pattern);
      for (int k = 0; k < 3; k++)
        sqlite3_bind_text (stmt, index++, pattern, -1, SQLITE_STATIC);
    }
  if (query->mood != NULL)
    sqlite3_bind_text (stmt, index++, query->mood, -1, SQLITE_STATIC);
  if (query->tag != NULL)
    sqlite3_bind_text (stmt, index++, query->tag, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AscendJournalHit *hit = g_new0 (AscendJournalHit, 1);
      const char *title = column_text (stmt, 9);
      const char *tags = column_text (stmt, 11);

      hit->entry = ascend_journal_entry_new ();
      read_entry (stmt, hit->entry);
      hit->score = sqlite3_column_double (stmt, 8);
      if (has_match)
        {
          /* snippet() starts at the content's first match, or at its
           * start when only the title or tags matched. */
          hit->snippet = g_strdup (column_text (stmt, 10));
        }
      else
        hit->snippet = plain_snippet (hit->entry->content, folded_short);

      if (folded_short->len > 0)
        {
          g_autofree char *snippet = g_steal_pointer (&hit->snippet);
          hit->title = mark_terms (title, folded_short);
          hit->snippet = mark_terms (snippet, folded_short);
          hit->tags = mark_terms (tags, folded_short);
        }
      else
        {
          hit->title = g_strdup (title);
          hit->tags = g_strdup (tags);
        }
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      ascend_database_set_error (db, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&hits);
}

static GStrv
list_strings (AscendDatabase  *db,
              const char      *sql,
              gint64           user_id,
              GError         **error)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  sqlite3_stmt *stmt = ascend_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (out, column_text (stmt, 0));
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return (ascend_database_set_error (db, rc, error), NULL);
  return g_strv_builder_end (out);
}

GStrv
ascend_journal_list_tags (AscendDatabase  *db,
                          gint64           user_id,
                          GError         **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  return list_strings (db,
                       "SELECT DISTINCT t.value FROM journalEntries j, json_each (j.tags) t "
                       "WHERE j.userId = ? AND t.type = 'text' AND t.value <> '' ORDER BY t.value COLLATE NOCASE",
                       user_id, error);
}

GStrv
ascend_journal_list_moods (AscendDatabase  *db,
                           gint64           user_id,
                           GError         **error)
{
  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);
  return list_strings (db,
                       "SELECT mood FROM journalEntries WHERE userId = ? AND mood IS NOT NULL AND mood <> '' "
                       "GROUP BY mood ORDER BY avg (moodScore), mood",
                       user_id, error);
}

/* Drafts */

AscendJournalDraft *
ascend_journal_draft_new (void)
{
  AscendJournalDraft *draft = g_new0 (AscendJournalDraft, 1);
  draft->mood_score = ASCEND_NO_INT;
  return draft;
}

AscendJournalDraft *
ascend_journal_draft_copy (const AscendJournalDraft *draft)
{
  AscendJournalDraft *copy;

  g_return_val_if_fail (draft != NULL, NULL);
  copy = g_memdup2 (draft, sizeof *draft);
  copy->title = g_strdup (draft->title);
  copy->content = g_strdup (draft->content);
  copy->mood = g_strdup (draft->mood);
  copy->tags = g_strdup (draft->tags);
  return copy;
}

void
ascend_journal_draft_free (AscendJournalDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->title);
  g_free (draft->content);
  g_free (draft->mood);
  g_free (draft->tags);
  g_free (draft);
}

static const char *
or_empty (const char *text)
{
  return text ? text : "";
}

gboolean
ascend_journal_draft_equal (const AscendJournalDraft *a,
                            const AscendJournalDraft *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->user_id == b->user_id && a->entry_id == b->entry_id &&
         a->mood_score == b->mood_score &&
         g_str_equal (or_empty (a->title), or_empty (b->title)) &&
         g_str_equal (or_empty (a->content), or_empty (b->content)) &&
         g_strcmp0 (a->mood, b->mood) == 0 &&
         g_str_equal (or_empty (a->tags), or_empty (b->tags));
}

static void
bind_optional_id (sqlite3_stmt *stmt,
                  int           index,
                  gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
ascend_journal_draft_save (AscendDatabase      *db,
                           AscendJournalDraft  *draft,
                           GError             **error)
{
  sqlite3 *handle;
  sqlite3_stmt *stmt;
  gboolean outermost;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  handle = ascend_database_get_handle (db);
  /* WAL with synchronous=NORMAL may lose the last commits to a power cut;
   * a draft exists to survive one, so its commit waits for the disk. */
  outermost = sqlite3_get_autocommit (handle);
  if (outermost && !ascend_database_exec (db, "PRAGMA synchronous = FULL", error))
    return FALSE;

  stmt = ascend_database_prepare (db,
    "INSERT INTO journalDrafts (userId, entryId, title, content, mood, moodScore, tags, savedAt) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (userId, ifnull (entryId, 0)) DO UPDATE SET "
    "title = excluded.title, content = excluded.content, mood = excluded.mood, "
    "moodScore = excluded.moodScore, tags = excluded.tags, savedAt = excluded.savedAt",
    error);
  if (stmt != NULL)
    {
      draft->saved_at = ascend_now_ms ();
      sqlite3_bind_int64 (stmt, 1, draft->user_id);
      bind_optional_id (stmt, 2, draft->entry_id);
      sqlite3_bind_text (stmt, 3, or_empty (draft->title), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, or_empty (draft->content), -1, SQLITE_STATIC);
      if (draft->mood != NULL)
        sqlite3_bind_text (stmt, 5, draft->mood, -1, SQLITE_STATIC);
      if (draft->mood_score != ASCEND_NO_INT)
        sqlite3_bind_int64 (stmt, 6, draft->mood_score);
      sqlite3_bind_text (stmt, 7, or_empty (draft->tags), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, draft->saved_at);
      sqlite3_step (stmt);
      rc = sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_OK)
        {
          ascend_database_set_error (db, rc, error);
          stmt = NULL;
        }
    }
  if (outermost)
    ascend_database_exec (db, "PRAGMA synchronous = NORMAL", NULL);
  return stmt != NULL;
}

AscendJournalDraft *
ascend_journal_draft_load (AscendDatabase  *db,
                           gint64           user_id,
                           gint64           entry_id,
                           GError         **error)
{
  g_autoptr(AscendJournalDraft) draft = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), NULL);

  if (entry_id < 0)
    stmt = ascend_database_prepare (db,
      "SELECT userId, entryId, title, content, mood, moodScore, tags, savedAt FROM journalDrafts "
      "WHERE userId = ? ORDER BY savedAt DESC, id DESC LIMIT 1", error);
  else
    stmt = ascend_database_prepare (db,
      "SELECT userId, entryId, title, content, mood, moodScore, tags, savedAt FROM journalDrafts "
      "WHERE userId = ? AND ifnull (entryId, 0) = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (entry_id >= 0)
    sqlite3_bind_int64 (stmt, 2, entry_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      draft = ascend_journal_draft_new ();
      draft->user_id = sqlite3_column_int64 (stmt, 0);
      draft->entry_id = sqlite3_column_int64 (stmt, 1);
      draft->title = g_strdup (column_text (stmt, 2));
      draft->content = g_strdup (column_text (stmt, 3));
      draft->mood = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL : g_strdup (column_text (stmt, 4));
      draft->mood_score = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? ASCEND_NO_INT : sqlite3_column_int64 (stmt, 5);
      draft->tags = g_strdup (column_text (stmt, 6));
      draft->saved_at = sqlite3_column_int64 (stmt, 7);
    }
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return (ascend_database_set_error (db, rc, error), NULL);
  return g_steal_pointer (&draft);
}

gboolean
ascend_journal_draft_clear (AscendDatabase  *db,
                            gint64           user_id,
                            gint64           entry_id,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);

  stmt = ascend_database_prepare (db, "DELETE FROM journalDrafts WHERE userId = ? AND ifnull (entryId, 0) = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, MAX (entry_id, 0));
  sqlite3_step (stmt);
  rc = sqlite3_reset (stmt);
  if (rc != SQLITE_OK)
    return ascend_database_set_error (db, rc, error);
  return TRUE;
}

gboolean
ascend_journal_save_entry (AscendDatabase      *db,
                           AscendJournalEntry  *entry,
                           GError             **error)
{
  gint64 draft_slot;

  g_return_val_if_fail (ASCEND_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  draft_slot = entry->id;
  if (!ascend_database_begin (db, error))
    return FALSE;
  if ((entry->id > 0 ? !ascend_journal_entry_update (db, entry, error)
                     : ascend_journal_entry_insert (db, entry, error) == 0) ||
      !ascend_journal_draft_clear (db, entry->user_id, draft_slot, error))
    {
      ascend_database_rollback (db);
      if (draft_slot == 0)
        entry->id = 0;
      return FALSE;
    }
  if (!ascend_database_commit (db, error))
    {
      if (draft_slot == 0)
        entry->id = 0;
      return FALSE;
    }
  return TRUE;
}
