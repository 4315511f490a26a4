-- Schema version 2: raw RR intervals kept in compact per-minute blocks
-- (an extra table DESIGN.md section 5 allows), so HRV can be recomputed and
-- charts can show beats without one row per beat.
CREATE TABLE rrBlocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  readingId INTEGER REFERENCES healthReadings (id) ON DELETE SET NULL,
  startedAt INTEGER NOT NULL,                -- Unix ms of the start of the minute the beats belong to
  beatCount INTEGER NOT NULL CONSTRAINT ck_rrBlocks_beatCount CHECK (beatCount BETWEEN 0 AND 1000),
  rr BLOB NOT NULL CONSTRAINT ck_rrBlocks_rr CHECK (length (rr) = 2 * beatCount),   -- uint16 LE, ms
  irregular BLOB NOT NULL CONSTRAINT ck_rrBlocks_irregular CHECK (length (irregular) = (beatCount + 7) / 8), -- bit per beat
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_rrBlocks_userId_startedAt ON rrBlocks (userId, startedAt);
CREATE INDEX idx_rrBlocks_readingId ON rrBlocks (readingId);
