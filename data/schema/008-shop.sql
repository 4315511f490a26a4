-- Schema version 8: what tokens buy.
--
-- shopUnlocks: one row per item a profile bought with tokens (a premium
-- breathing exercise, a companion theme), written in the same SQLite
-- transaction as the 'usage' token transaction that paid for it, so an
-- unlock never exists without its payment nor a payment without its
-- unlock. UNIQUE (userId, itemId) makes a second purchase of the same item
-- impossible whoever writes.
--
-- shopPreferences: the companion theme a profile wears (Hoshi's colours and
-- the accent palette); 'sakura' is the free default.
CREATE TABLE IF NOT EXISTS shopUnlocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  itemId TEXT NOT NULL CONSTRAINT ck_shopUnlocks_itemId CHECK (length(itemId) BETWEEN 1 AND 64),
  tokenTransactionId INTEGER REFERENCES tokenTransactions (id) ON DELETE SET NULL,
  createdAt INTEGER NOT NULL,
  UNIQUE (userId, itemId)
) STRICT;
CREATE INDEX IF NOT EXISTS idx_shopUnlocks_userId_createdAt ON shopUnlocks (userId, createdAt);

CREATE TABLE IF NOT EXISTS shopPreferences (
  userId INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  companionTheme TEXT NOT NULL DEFAULT 'sakura'
    CONSTRAINT ck_shopPreferences_companionTheme CHECK (length(companionTheme) BETWEEN 1 AND 32),
  updatedAt INTEGER NOT NULL
) STRICT;
