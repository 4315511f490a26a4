-- Schema version 5: journal search and drafts.
--
-- journalSearch is a full-text index (FTS5) of each entry's title, content
-- and tags, with rowid = journalEntries.id. The triggers below keep it in
-- step whoever writes the entries (the app, an import, ascendctl, a
-- script), so it never needs rebuilding by hand.
--
-- The trigram tokenizer matches any run of three or more characters, in any
-- script, without case: Japanese and Chinese put no spaces between words,
-- so a word tokenizer would index a whole sentence as one word and never
-- find the words inside it. Shorter search terms (a two-character Japanese
-- word, an emoji) are matched by the store with LIKE on this same table.
--
-- tags holds the JSON array's elements one per line, so a search finds a
-- tag by its words and never by the array's punctuation.
--
-- Everything here may run again on a file that already has it (IF NOT
-- EXISTS, and the index is refilled from scratch): a file whose
-- user_version was set back, as the upgrade tests do, still upgrades.
CREATE VIRTUAL TABLE IF NOT EXISTS journalSearch USING fts5 (title, content, tags, tokenize = 'trigram');

CREATE TRIGGER IF NOT EXISTS trg_journalSearch_insert AFTER INSERT ON journalEntries
BEGIN
  INSERT INTO journalSearch (rowid, title, content, tags)
  VALUES (NEW.id, coalesce (NEW.title, ''), NEW.content,
          coalesce ((SELECT group_concat (value, char (10)) FROM json_each (NEW.tags)), ''));
END;

CREATE TRIGGER IF NOT EXISTS trg_journalSearch_update AFTER UPDATE ON journalEntries
BEGIN
  DELETE FROM journalSearch WHERE rowid = OLD.id;
  INSERT INTO journalSearch (rowid, title, content, tags)
  VALUES (NEW.id, coalesce (NEW.title, ''), NEW.content,
          coalesce ((SELECT group_concat (value, char (10)) FROM json_each (NEW.tags)), ''));
END;

CREATE TRIGGER IF NOT EXISTS trg_journalSearch_delete AFTER DELETE ON journalEntries
BEGIN
  DELETE FROM journalSearch WHERE rowid = OLD.id;
END;

DELETE FROM journalSearch;
INSERT INTO journalSearch (rowid, title, content, tags)
  SELECT id, coalesce (title, ''), content,
         coalesce ((SELECT group_concat (value, char (10)) FROM json_each (journalEntries.tags)), '')
    FROM journalEntries;

-- What the journal editor holds but has not saved yet, written a second or
-- two after the last keystroke: after a crash or a power cut the editor
-- offers it back. One draft per profile and entry (entryId NULL: a new
-- entry). Drafts keep exactly what was typed, tags as the text in the tags
-- field, so they check nothing an unfinished entry may lack (a title).
CREATE TABLE IF NOT EXISTS journalDrafts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  entryId INTEGER REFERENCES journalEntries (id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  mood TEXT,
  moodScore INTEGER CONSTRAINT ck_journalDrafts_moodScore CHECK (moodScore IS NULL OR moodScore BETWEEN 1 AND 10),
  tags TEXT NOT NULL DEFAULT '',
  savedAt INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS idx_journalDrafts_slot ON journalDrafts (userId, ifnull (entryId, 0));
CREATE INDEX IF NOT EXISTS idx_journalDrafts_entryId ON journalDrafts (entryId);
