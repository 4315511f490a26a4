/* ascend-journal-store.h: journal search and drafts
 *
 * The extra tables of schema 005 (data/schema/005-journal.sql): the FTS5
 * index journalSearch, kept in step with journalEntries by triggers, and
 * journalDrafts, what the editor has not saved yet. Entries themselves are
 * rows of the seed table, written through ascend-wellness-store.h.
 */
#pragma once

#include "ascend-wellness-store.h"

G_BEGIN_DECLS

/* Search results mark the matched text between these two characters,
 * which no one types; ascend_journal_marked_to_markup() turns them into
 * Pango markup. */
#define ASCEND_JOURNAL_MARK_START "\x02"
#define ASCEND_JOURNAL_MARK_END   "\x03"

typedef struct {
  const char *text;   /* what the user typed, or NULL/"" for every entry */
  const char *tag;    /* only entries with this tag, or NULL */
  const char *mood;   /* only entries with this mood label, or NULL */
  guint       limit;  /* at most this many results; 0 for all */
} AscendJournalQuery;

typedef struct {
  AscendJournalEntry *entry;
  double              score;    /* lower is better (FTS5 bm25); 0 without text */
  char               *title;    /* the title, matches marked */
  char               *snippet;  /* a short part of the content, matches marked */
  char               *tags;     /* the tags one per line, matches marked */
} AscendJournalHit;

void       ascend_journal_hit_free   (AscendJournalHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendJournalHit, ascend_journal_hit_free)

/* The user's entries that match: with text, best match first (FTS5 bm25,
 * a title match weighing most, then tags, then content), and among equals
 * the newest first; without text, newest first. Every term of the text must
 * appear (in any order) in the title, the content or the tags, ignoring
 * case; "quoted words" must appear together. Array of AscendJournalHit. */
GPtrArray *ascend_journal_search     (AscendDatabase            *db,
                                      gint64                     user_id,
                                      const AscendJournalQuery  *query,
                                      GError                   **error);
/* The tags and mood labels the user's entries use, sorted, each once. */
GStrv      ascend_journal_list_tags  (AscendDatabase  *db,
                                      gint64           user_id,
                                      GError         **error);
GStrv      ascend_journal_list_moods (AscendDatabase  *db,
                                      gint64           user_id,
                                      GError         **error);

/* Marked text (from a hit) as Pango markup: the rest escaped, matches in
 * a span with the given attributes (e.g. "weight=\"bold\""). */
char      *ascend_journal_marked_to_markup (const char *marked,
                                            const char *span_attributes);
/* Marked text without its marks. */
char      *ascend_journal_marked_to_plain  (const char *marked);

/* Drafts */

typedef struct {
  gint64  user_id;
  gint64  entry_id;   /* the entry being edited, or 0 for a new one */
  char   *title;
  char   *content;
  char   *mood;
  gint64  mood_score; /* 1-10 or ASCEND_NO_INT */
  char   *tags;       /* as typed in the tags field */
  gint64  saved_at;   /* set by save */
} AscendJournalDraft;

AscendJournalDraft *ascend_journal_draft_new   (void);
AscendJournalDraft *ascend_journal_draft_copy  (const AscendJournalDraft *draft);
void                ascend_journal_draft_free  (AscendJournalDraft *draft);
gboolean            ascend_journal_draft_equal (const AscendJournalDraft *a,
                                                const AscendJournalDraft *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AscendJournalDraft, ascend_journal_draft_free)

/* Writes the draft of (user, entry), replacing the one before, and makes it
 * durable before it returns (synchronous=FULL for this commit), so a power
 * cut after it keeps it. */
gboolean            ascend_journal_draft_save  (AscendDatabase     *db,
                                                AscendJournalDraft *draft,
                                                GError            **error);
/* The draft of (user, entry_id), or with entry_id < 0 the user's newest
 * draft of any entry; NULL without error when there is none. */
AscendJournalDraft *ascend_journal_draft_load  (AscendDatabase  *db,
                                                gint64           user_id,
                                                gint64           entry_id,
                                                GError         **error);
gboolean            ascend_journal_draft_clear (AscendDatabase  *db,
                                                gint64           user_id,
                                                gint64           entry_id,
                                                GError         **error);

/* Inserts the entry (id 0) or updates it, and clears the draft it was
 * written from (a new entry's draft, or the entry's), in one transaction:
 * the text is always in one place or the other. On failure a new entry's
 * id stays 0. */
gboolean            ascend_journal_save_entry  (AscendDatabase     *db,
                                                AscendJournalEntry *entry,
                                                GError            **error);

G_END_DECLS
