-- Anime Ascend schema version 1: the 15 seed tables of shared/spec/schema.md.
-- Every CHECK constraint is named ck_<table>_<column>[_what] so that
-- src/store/ascend-store-errors.c can turn a violation into a sentence.
-- Times are Unix milliseconds UTC; DATE columns are 'YYYY-MM-DD'.

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  openId TEXT CONSTRAINT ck_users_openId_length CHECK (openId IS NULL OR length(openId) <= 64),
  name TEXT,
  email TEXT CONSTRAINT ck_users_email_length CHECK (email IS NULL OR length(email) <= 320),
  loginMethod TEXT CONSTRAINT ck_users_loginMethod_length CHECK (loginMethod IS NULL OR length(loginMethod) <= 64),
  role TEXT NOT NULL DEFAULT 'user' CONSTRAINT ck_users_role CHECK (role IN ('user', 'admin')),
  subscriptionTier TEXT NOT NULL DEFAULT 'free'
    CONSTRAINT ck_users_subscriptionTier CHECK (subscriptionTier IN ('free', 'premium', 'pro')),
  stripeCustomerId TEXT CONSTRAINT ck_users_stripeCustomerId_length
    CHECK (stripeCustomerId IS NULL OR length(stripeCustomerId) <= 255),
  tokenBalance INTEGER NOT NULL DEFAULT 5 CONSTRAINT ck_users_tokenBalance CHECK (tokenBalance >= 0),
  createdAt INTEGER NOT NULL,
  updatedAt INTEGER NOT NULL,
  lastSignedIn INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX idx_users_openId ON users (openId) WHERE openId IS NOT NULL;
CREATE INDEX idx_users_createdAt ON users (createdAt);

CREATE TABLE healthReadings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  heartRate INTEGER CONSTRAINT ck_healthReadings_heartRate CHECK (heartRate IS NULL OR heartRate BETWEEN 20 AND 300),
  hrv REAL CONSTRAINT ck_healthReadings_hrv CHECK (hrv IS NULL OR (hrv >= 0 AND hrv < 1000)),
  stressLevel INTEGER CONSTRAINT ck_healthReadings_stressLevel CHECK (stressLevel IS NULL OR stressLevel BETWEEN 1 AND 10),
  arrhythmiaDetected INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_healthReadings_arrhythmiaDetected CHECK (arrhythmiaDetected IN (0, 1)),
  readingType TEXT NOT NULL DEFAULT 'automatic'
    CONSTRAINT ck_healthReadings_readingType CHECK (readingType IN ('manual', 'automatic', 'emergency')),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_healthReadings_userId_createdAt ON healthReadings (userId, createdAt);

CREATE TABLE healthAlerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  alertType TEXT NOT NULL CONSTRAINT ck_healthAlerts_alertType
    CHECK (alertType IN ('fall_detected', 'arrhythmia', 'high_stress', 'low_heart_rate', 'high_heart_rate')),
  severity TEXT NOT NULL CONSTRAINT ck_healthAlerts_severity CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  message TEXT,
  heartRate INTEGER CONSTRAINT ck_healthAlerts_heartRate CHECK (heartRate IS NULL OR heartRate BETWEEN 20 AND 300),
  stressLevel INTEGER CONSTRAINT ck_healthAlerts_stressLevel CHECK (stressLevel IS NULL OR stressLevel BETWEEN 1 AND 10),
  acknowledged INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_healthAlerts_acknowledged CHECK (acknowledged IN (0, 1)),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_healthAlerts_userId_createdAt ON healthAlerts (userId, createdAt);

CREATE TABLE emergencyContacts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL CONSTRAINT ck_emergencyContacts_name CHECK (length(name) BETWEEN 1 AND 255),
  phone TEXT NOT NULL CONSTRAINT ck_emergencyContacts_phone CHECK (length(phone) BETWEEN 1 AND 20),
  relationship TEXT CONSTRAINT ck_emergencyContacts_relationship CHECK (relationship IS NULL OR length(relationship) <= 100),
  isPrimary INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_emergencyContacts_isPrimary CHECK (isPrimary IN (0, 1)),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_emergencyContacts_userId_createdAt ON emergencyContacts (userId, createdAt);

CREATE TABLE exerciseSessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  exerciseType TEXT NOT NULL CONSTRAINT ck_exerciseSessions_exerciseType CHECK (exerciseType IN
    ('box_breathing', 'deep_breathing', 'grounding', 'body_scan', 'progressive_relaxation', 'gentle_movement')),
  triggerReason TEXT CONSTRAINT ck_exerciseSessions_triggerReason CHECK (triggerReason IS NULL OR length(triggerReason) <= 255),
  durationSeconds INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_exerciseSessions_durationSeconds CHECK (durationSeconds >= 0),
  completionPercentage INTEGER NOT NULL DEFAULT 0
    CONSTRAINT ck_exerciseSessions_completionPercentage CHECK (completionPercentage BETWEEN 0 AND 100),
  moodBefore INTEGER CONSTRAINT ck_exerciseSessions_moodBefore CHECK (moodBefore IS NULL OR moodBefore BETWEEN 1 AND 10),
  moodAfter INTEGER CONSTRAINT ck_exerciseSessions_moodAfter CHECK (moodAfter IS NULL OR moodAfter BETWEEN 1 AND 10),
  status TEXT NOT NULL DEFAULT 'in_progress'
    CONSTRAINT ck_exerciseSessions_status CHECK (status IN ('in_progress', 'completed', 'abandoned')),
  startedAt INTEGER NOT NULL,
  completedAt INTEGER CONSTRAINT ck_exerciseSessions_completedAt CHECK (completedAt IS NULL OR completedAt >= startedAt)
) STRICT;
CREATE INDEX idx_exerciseSessions_userId_startedAt ON exerciseSessions (userId, startedAt);

CREATE TABLE habits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL CONSTRAINT ck_habits_name CHECK (length(trim(name, ' ' || char(9, 10, 13))) > 0),
  category TEXT CONSTRAINT ck_habits_category CHECK (category IS NULL OR length(category) <= 64),
  emoji TEXT CONSTRAINT ck_habits_emoji CHECK (emoji IS NULL OR length(emoji) <= 10),
  frequency TEXT NOT NULL DEFAULT 'daily' CONSTRAINT ck_habits_frequency CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  targetDays INTEGER NOT NULL DEFAULT 1 CONSTRAINT ck_habits_targetDays CHECK (targetDays BETWEEN 1 AND 31),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_habits_userId_createdAt ON habits (userId, createdAt);

CREATE TABLE habitLogs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  habitId INTEGER NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  notes TEXT,
  completedAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_habitLogs_userId_completedAt ON habitLogs (userId, completedAt);
CREATE INDEX idx_habitLogs_habitId_completedAt ON habitLogs (habitId, completedAt);
-- A log belongs to the owner of its habit, or exports by profile would
-- carry logs whose habit is missing.
CREATE TRIGGER trg_habitLogs_owner_insert BEFORE INSERT ON habitLogs
WHEN NEW.userId IS NOT NULL AND EXISTS (SELECT 1 FROM users WHERE id = NEW.userId)
  AND NEW.userId IS NOT (SELECT userId FROM habits WHERE id = NEW.habitId)
  AND (SELECT userId FROM habits WHERE id = NEW.habitId) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'habit_log_owner');
END;
CREATE TRIGGER trg_habitLogs_owner_update BEFORE UPDATE OF userId, habitId ON habitLogs
WHEN NEW.userId IS NOT NULL AND EXISTS (SELECT 1 FROM users WHERE id = NEW.userId)
  AND NEW.userId IS NOT (SELECT userId FROM habits WHERE id = NEW.habitId)
  AND (SELECT userId FROM habits WHERE id = NEW.habitId) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'habit_log_owner');
END;

CREATE TABLE journalEntries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT,
  content TEXT NOT NULL DEFAULT '',
  mood TEXT CONSTRAINT ck_journalEntries_mood CHECK (mood IS NULL OR length(mood) <= 64),
  moodScore INTEGER CONSTRAINT ck_journalEntries_moodScore CHECK (moodScore IS NULL OR moodScore BETWEEN 1 AND 10),
  tags TEXT NOT NULL DEFAULT '[]' CONSTRAINT ck_journalEntries_tags CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_journalEntries_userId_createdAt ON journalEntries (userId, createdAt);

CREATE TABLE moodLogs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  mood TEXT CONSTRAINT ck_moodLogs_mood CHECK (mood IS NULL OR length(mood) <= 64),
  moodScore INTEGER NOT NULL CONSTRAINT ck_moodLogs_moodScore CHECK (moodScore BETWEEN 1 AND 10),
  notes TEXT,
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_moodLogs_userId_createdAt ON moodLogs (userId, createdAt);

CREATE TABLE goals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL CONSTRAINT ck_goals_title CHECK (length(trim(title, ' ' || char(9, 10, 13))) > 0),
  description TEXT,
  category TEXT CONSTRAINT ck_goals_category CHECK (category IS NULL OR length(category) <= 64),
  progress INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_goals_progress CHECK (progress BETWEEN 0 AND 100),
  targetDate TEXT CONSTRAINT ck_goals_targetDate
    CHECK (targetDate IS NULL OR (length(targetDate) = 10 AND date(julianday(targetDate)) IS targetDate)),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_goals_userId_createdAt ON goals (userId, createdAt);

CREATE TABLE milestones (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  goalId INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  title TEXT NOT NULL CONSTRAINT ck_milestones_title CHECK (length(trim(title, ' ' || char(9, 10, 13))) > 0),
  isCompleted INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_milestones_isCompleted CHECK (isCompleted IN (0, 1)),
  completedAt INTEGER CONSTRAINT ck_milestones_completedAt CHECK (completedAt IS NULL OR isCompleted = 1)
) STRICT;
CREATE INDEX idx_milestones_goalId ON milestones (goalId);

CREATE TABLE tokenTransactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  amount INTEGER NOT NULL CONSTRAINT ck_tokenTransactions_amount CHECK (amount <> 0),
  type TEXT NOT NULL CONSTRAINT ck_tokenTransactions_type CHECK (type IN ('purchase', 'usage', 'bonus', 'refund')),
  description TEXT,
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_tokenTransactions_userId_createdAt ON tokenTransactions (userId, createdAt);

-- The ledger invariant users.tokenBalance = 5 + SUM(amount) is kept by the
-- database itself, so no code path (import included) can break it; the
-- CHECK on users.tokenBalance refuses an overdraft and rolls the insert back.
CREATE TRIGGER trg_tokenTransactions_insert AFTER INSERT ON tokenTransactions
BEGIN
  UPDATE users SET tokenBalance = tokenBalance + NEW.amount WHERE id = NEW.userId;
END;
CREATE TRIGGER trg_tokenTransactions_update BEFORE UPDATE OF amount, userId ON tokenTransactions
BEGIN
  SELECT RAISE(ABORT, 'ledger_append_only');
END;
CREATE TRIGGER trg_tokenTransactions_delete AFTER DELETE ON tokenTransactions
BEGIN
  UPDATE users SET tokenBalance = tokenBalance - OLD.amount WHERE id = OLD.userId;
END;
-- Nothing but the ledger moves the balance: a profile starts with 5 tokens,
-- and a write to tokenBalance that does not match the ledger is refused
-- (the triggers above always write the matching value).
CREATE TRIGGER trg_users_tokenBalance_insert BEFORE INSERT ON users
WHEN NEW.tokenBalance <> 5
BEGIN
  SELECT RAISE(ABORT, 'ledger_balance_only');
END;
CREATE TRIGGER trg_users_tokenBalance_update BEFORE UPDATE OF tokenBalance ON users
WHEN NEW.tokenBalance <> 5 + (SELECT coalesce(sum(amount), 0) FROM tokenTransactions WHERE userId = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'ledger_balance_only');
END;

CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stripeSubscriptionId TEXT CONSTRAINT ck_subscriptions_stripeSubscriptionId
    CHECK (stripeSubscriptionId IS NULL OR length(stripeSubscriptionId) <= 255),
  tier TEXT NOT NULL CONSTRAINT ck_subscriptions_tier CHECK (tier IN ('premium', 'pro')),
  status TEXT NOT NULL CONSTRAINT ck_subscriptions_status CHECK (status IN ('active', 'canceled', 'past_due')),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_subscriptions_userId_createdAt ON subscriptions (userId, createdAt);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stripePaymentIntentId TEXT CONSTRAINT ck_payments_stripePaymentIntentId
    CHECK (stripePaymentIntentId IS NULL OR length(stripePaymentIntentId) <= 255),
  amount TEXT NOT NULL CONSTRAINT ck_payments_amount CHECK (length(amount) BETWEEN 1 AND 32),
  currency TEXT NOT NULL CONSTRAINT ck_payments_currency CHECK (length(currency) = 3),
  status TEXT NOT NULL CONSTRAINT ck_payments_status CHECK (status IN ('succeeded', 'failed', 'pending')),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_payments_userId_createdAt ON payments (userId, createdAt);

CREATE TABLE supportTickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  subject TEXT NOT NULL CONSTRAINT ck_supportTickets_subject CHECK (length(trim(subject, ' ' || char(9, 10, 13))) > 0),
  description TEXT,
  category TEXT CONSTRAINT ck_supportTickets_category CHECK (category IS NULL OR length(category) <= 64),
  status TEXT NOT NULL DEFAULT 'open' CONSTRAINT ck_supportTickets_status CHECK (status IN ('open', 'in_progress', 'resolved')),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX idx_supportTickets_userId_createdAt ON supportTickets (userId, createdAt);
