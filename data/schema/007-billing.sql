-- Schema version 7: what the Stripe layer (src/billing/) keeps so that money
-- moves exactly once, whatever crashes or repeats.
--
-- stripeRequests: the Idempotency-Key of every POST to Stripe, committed
-- before the request is sent. A request that never got its answer (a crash,
-- a lost connection) is sent again with the same key, and Stripe answers it
-- with what it did the first time instead of doing it twice.
--
-- checkoutSessions: every Checkout Session the app opened, with what it
-- sells, remembered before its URL is shown, so a session paid while the
-- app was closed (or crashed) is finished by the next sync. paymentId links
-- a token purchase to its payments row (what a refund takes back).
--
-- paymentRefunds: a refunded token purchase (payments.status keeps the
-- schema's succeeded/failed/pending) and the tokens it removed.
--
-- The unique indexes on the Stripe ids make "credited exactly once" a
-- property of the file: a profile cannot have a second payments row for
-- the same payment intent. (Per profile: Stripe's ids are unique anyway,
-- and exports made before this version may repeat an id across profiles.)
--
-- Everything here may run again on a file that already has it.
CREATE TABLE IF NOT EXISTS stripeRequests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CONSTRAINT ck_stripeRequests_purpose CHECK (length(purpose) BETWEEN 1 AND 255),
  idempotencyKey TEXT NOT NULL UNIQUE CONSTRAINT ck_stripeRequests_key CHECK (length(idempotencyKey) BETWEEN 1 AND 255),
  objectId TEXT,
  createdAt INTEGER NOT NULL,
  doneAt INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS idx_stripeRequests_userId_createdAt ON stripeRequests (userId, createdAt);
CREATE INDEX IF NOT EXISTS idx_stripeRequests_pending ON stripeRequests (userId, purpose) WHERE doneAt IS NULL;

CREATE TABLE IF NOT EXISTS checkoutSessions (
  sessionId TEXT PRIMARY KEY CONSTRAINT ck_checkoutSessions_sessionId CHECK (length(sessionId) BETWEEN 1 AND 255),
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  mode TEXT NOT NULL CONSTRAINT ck_checkoutSessions_mode CHECK (mode IN ('payment', 'subscription')),
  tokens INTEGER CONSTRAINT ck_checkoutSessions_tokens CHECK (tokens IS NULL OR tokens > 0),
  tier TEXT CONSTRAINT ck_checkoutSessions_tier CHECK (tier IS NULL OR tier IN ('premium', 'pro')),
  url TEXT,
  status TEXT NOT NULL DEFAULT 'open' CONSTRAINT ck_checkoutSessions_status CHECK (status IN ('open', 'complete', 'expired')),
  paymentId INTEGER REFERENCES payments (id) ON DELETE SET NULL,
  subscriptionId INTEGER REFERENCES subscriptions (id) ON DELETE SET NULL,
  createdAt INTEGER NOT NULL,
  completedAt INTEGER,
  CONSTRAINT ck_checkoutSessions_what CHECK ((mode = 'payment' AND tokens IS NOT NULL AND tier IS NULL) OR
                                             (mode = 'subscription' AND tier IS NOT NULL AND tokens IS NULL))
) STRICT;
CREATE INDEX IF NOT EXISTS idx_checkoutSessions_userId_createdAt ON checkoutSessions (userId, createdAt);
CREATE UNIQUE INDEX IF NOT EXISTS idx_checkoutSessions_paymentId ON checkoutSessions (paymentId) WHERE paymentId IS NOT NULL;

CREATE TABLE IF NOT EXISTS paymentRefunds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paymentId INTEGER NOT NULL UNIQUE REFERENCES payments (id) ON DELETE CASCADE,
  stripeRefundId TEXT NOT NULL UNIQUE,
  tokensRemoved INTEGER NOT NULL CONSTRAINT ck_paymentRefunds_tokens CHECK (tokensRemoved >= 0),
  createdAt INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS idx_paymentRefunds_userId_createdAt ON paymentRefunds (userId, createdAt);

CREATE UNIQUE INDEX IF NOT EXISTS idx_payments_userId_stripePaymentIntentId
  ON payments (userId, stripePaymentIntentId) WHERE stripePaymentIntentId IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS idx_subscriptions_userId_stripeSubscriptionId
  ON subscriptions (userId, stripeSubscriptionId) WHERE stripeSubscriptionId IS NOT NULL;
