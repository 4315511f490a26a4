-- Schema version 4: habits as daily quests.
--
-- habits.targetDays is the length of a commitment (21, 30, 66 days...),
-- not a day of the month: widen its CHECK from 1-31 to 1-1000. SQLite
-- cannot alter a constraint, and rebuilding the table would cascade-delete
-- every habit log (foreign keys are on inside a migration), so the CHECK
-- text is edited in place, the way the SQLite manual describes for
-- loosening a constraint ("Making Other Kinds Of Table Schema Changes");
-- every stored row already satisfies the wider range. RESET reloads the
-- schema on this connection; the CREATE TABLEs below bump the schema
-- cookie for any other.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace (sql, 'CHECK (targetDays BETWEEN 1 AND 31)', 'CHECK (targetDays BETWEEN 1 AND 1000)')
 WHERE type = 'table' AND name = 'habits';
PRAGMA writable_schema = RESET;

-- The habit day a log counts for, fixed when it is written: the local day
-- (with the day-start hour) in the zone in force then. A log keeps its day
-- when the user later moves to another zone or changes the start hour. A
-- log without a row here (imported, or written by another tool) counts for
-- its day in the zone in force now.
CREATE TABLE habitLogDays (
  logId INTEGER PRIMARY KEY REFERENCES habitLogs (id) ON DELETE CASCADE,
  day TEXT NOT NULL CONSTRAINT ck_habitLogDays_day CHECK (length(day) = 10 AND date(julianday(day)) IS day),
  timeZone TEXT CONSTRAINT ck_habitLogDays_timeZone CHECK (timeZone IS NULL OR length(timeZone) <= 64)
) STRICT;
CREATE INDEX idx_habitLogDays_day ON habitLogDays (day);

-- Archived habits leave today's quests but keep their history.
CREATE TABLE habitArchive (
  habitId INTEGER PRIMARY KEY REFERENCES habits (id) ON DELETE CASCADE,
  archivedAt INTEGER NOT NULL
) STRICT;

-- Forgiveness: a skipped day neither breaks nor extends a streak. A few are
-- free each month; more cost a token, and transactionId is the usage
-- transaction that paid for it (NULL for a free skip).
CREATE TABLE habitSkips (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  habitId INTEGER NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day TEXT NOT NULL CONSTRAINT ck_habitSkips_day CHECK (length(day) = 10 AND date(julianday(day)) IS day),
  transactionId INTEGER REFERENCES tokenTransactions (id) ON DELETE SET NULL,
  createdAt INTEGER NOT NULL,
  UNIQUE (habitId, day)
) STRICT;
CREATE INDEX idx_habitSkips_userId_createdAt ON habitSkips (userId, createdAt);

-- Streak bonuses already granted: one row per habit, milestone (7, 30, 100
-- periods) and streak, written in the same transaction as the bonus token
-- transaction, so a restart or an undone and redone log never pays twice.
-- A streak is known by its span: streakStart is the first day of its first
-- done period, streakEnd the last day of the period that reached the
-- milestone.
CREATE TABLE streakRewards (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  habitId INTEGER NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  milestone INTEGER NOT NULL CONSTRAINT ck_streakRewards_milestone CHECK (milestone > 0),
  streakStart TEXT NOT NULL CONSTRAINT ck_streakRewards_streakStart
    CHECK (length(streakStart) = 10 AND date(julianday(streakStart)) IS streakStart),
  streakEnd TEXT NOT NULL CONSTRAINT ck_streakRewards_streakEnd
    CHECK (length(streakEnd) = 10 AND date(julianday(streakEnd)) IS streakEnd AND streakEnd >= streakStart),
  transactionId INTEGER REFERENCES tokenTransactions (id) ON DELETE SET NULL,
  createdAt INTEGER NOT NULL,
  UNIQUE (habitId, milestone, streakStart)
) STRICT;
CREATE INDEX idx_streakRewards_userId_createdAt ON streakRewards (userId, createdAt);
