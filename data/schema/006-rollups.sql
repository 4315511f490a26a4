-- Schema version 6: roll-ups of healthReadings per minute, per ten minutes
-- and per hour, so a chart over any range (a year of per-minute readings
-- included) reads a few thousand pre-summed rows instead of every reading
-- (extra tables DESIGN.md section 5 allows: "hourly roll-ups for charts").
-- The ten-minute level keeps the rows read where a chart bucket boundary
-- cuts an hour small: six ten-minute rows and one block of minutes instead
-- of sixty minute rows.
--
-- The triggers below keep the roll-ups in step with healthReadings whoever
-- writes it (the store, an import, ascendctl, a script), inside the same
-- transaction, so a crash can never leave them out of step. An insert adds
-- to its minute, ten minutes and hour; an update or delete recomputes the
-- minute it touches from the raw readings (a minute holds one or a few),
-- then the ten minutes from their minutes and the hour from its ten-minute
-- rows, because a lowest or highest value that goes away cannot be
-- subtracted. Deleting a profile cascades to its readings, whose delete
-- trigger then does nothing (the profile row is already gone) while the
-- roll-ups cascade away with the profile.
--
-- Bucket starts are floor(createdAt / size) * size, right for times before
-- 1970 too (SQLite's % keeps the sign of the dividend). hrvSum is REAL: hrv
-- is DECIMAL(5,2), and sums of it keep means far within 1e-9.
--
-- Everything here may run again on a file that already has it: a file whose
-- user_version was set back still upgrades, and the roll-ups are refilled
-- from scratch.
CREATE TABLE IF NOT EXISTS readingRollupMinutes (
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  bucketStart INTEGER NOT NULL,              -- Unix ms, a multiple of 60000
  count INTEGER NOT NULL,                    -- readings in the bucket
  hrSum INTEGER NOT NULL,                    -- over the readings with a heart rate
  hrCount INTEGER NOT NULL,
  hrMin INTEGER,                             -- NULL when hrCount = 0
  hrMax INTEGER,
  hrvSum REAL NOT NULL,
  hrvCount INTEGER NOT NULL,
  stressSum INTEGER NOT NULL,
  stressCount INTEGER NOT NULL,
  irregularCount INTEGER NOT NULL,           -- readings with arrhythmiaDetected
  PRIMARY KEY (userId, bucketStart)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS readingRollupTenMinutes (
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  bucketStart INTEGER NOT NULL,              -- Unix ms, a multiple of 600000
  count INTEGER NOT NULL,                    -- readings in the bucket
  hrSum INTEGER NOT NULL,                    -- over the readings with a heart rate
  hrCount INTEGER NOT NULL,
  hrMin INTEGER,                             -- NULL when hrCount = 0
  hrMax INTEGER,
  hrvSum REAL NOT NULL,
  hrvCount INTEGER NOT NULL,
  stressSum INTEGER NOT NULL,
  stressCount INTEGER NOT NULL,
  irregularCount INTEGER NOT NULL,           -- readings with arrhythmiaDetected
  PRIMARY KEY (userId, bucketStart)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS readingRollupHours (
  userId INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  bucketStart INTEGER NOT NULL,              -- Unix ms, a multiple of 3600000
  count INTEGER NOT NULL,                    -- readings in the bucket
  hrSum INTEGER NOT NULL,                    -- over the readings with a heart rate
  hrCount INTEGER NOT NULL,
  hrMin INTEGER,                             -- NULL when hrCount = 0
  hrMax INTEGER,
  hrvSum REAL NOT NULL,
  hrvCount INTEGER NOT NULL,
  stressSum INTEGER NOT NULL,
  stressCount INTEGER NOT NULL,
  irregularCount INTEGER NOT NULL,           -- readings with arrhythmiaDetected
  PRIMARY KEY (userId, bucketStart)
) STRICT, WITHOUT ROWID;

-- The beat-to-beat heart-rate band of a chart (day and week ranges): the
-- shortest and longest plausible interval (200-3000 ms, 300-20 bpm) of each
-- rrBlocks row, written with the block by ascend_rr_block_insert(), so a
-- week reads 10,080 small rows instead of decoding every beat. Blocks from
-- before this table have no row here and are decoded when read.
CREATE TABLE IF NOT EXISTS rrBlockRanges (
  blockId INTEGER PRIMARY KEY REFERENCES rrBlocks (id) ON DELETE CASCADE,
  beatCount INTEGER NOT NULL,
  rrMin INTEGER,                             -- ms; NULL when no plausible beat
  rrMax INTEGER
) STRICT;

-- Irregular-rhythm episodes of a chart read only the few flagged readings.
CREATE INDEX IF NOT EXISTS idx_healthReadings_irregular ON healthReadings (userId, createdAt)
  WHERE arrhythmiaDetected = 1;

DROP TRIGGER IF EXISTS trg_readingRollups_insert;
CREATE TRIGGER trg_readingRollups_insert AFTER INSERT ON healthReadings
BEGIN
  INSERT INTO readingRollupMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  VALUES (NEW.userId, (NEW.createdAt - ((NEW.createdAt % 60000) + 60000) % 60000), 1, coalesce (NEW.heartRate, 0), NEW.heartRate IS NOT NULL,
          NEW.heartRate, NEW.heartRate, coalesce (NEW.hrv, 0.0), NEW.hrv IS NOT NULL,
          coalesce (NEW.stressLevel, 0), NEW.stressLevel IS NOT NULL, NEW.arrhythmiaDetected)
  ON CONFLICT (userId, bucketStart) DO UPDATE SET
    count = count + 1,
    hrSum = hrSum + excluded.hrSum,
    hrCount = hrCount + excluded.hrCount,
    hrMin = CASE WHEN hrMin IS NULL OR excluded.hrMin < hrMin THEN excluded.hrMin ELSE hrMin END,
    hrMax = CASE WHEN hrMax IS NULL OR excluded.hrMax > hrMax THEN excluded.hrMax ELSE hrMax END,
    hrvSum = hrvSum + excluded.hrvSum,
    hrvCount = hrvCount + excluded.hrvCount,
    stressSum = stressSum + excluded.stressSum,
    stressCount = stressCount + excluded.stressCount,
    irregularCount = irregularCount + excluded.irregularCount;
  INSERT INTO readingRollupTenMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  VALUES (NEW.userId, (NEW.createdAt - ((NEW.createdAt % 600000) + 600000) % 600000), 1, coalesce (NEW.heartRate, 0), NEW.heartRate IS NOT NULL,
          NEW.heartRate, NEW.heartRate, coalesce (NEW.hrv, 0.0), NEW.hrv IS NOT NULL,
          coalesce (NEW.stressLevel, 0), NEW.stressLevel IS NOT NULL, NEW.arrhythmiaDetected)
  ON CONFLICT (userId, bucketStart) DO UPDATE SET
    count = count + 1,
    hrSum = hrSum + excluded.hrSum,
    hrCount = hrCount + excluded.hrCount,
    hrMin = CASE WHEN hrMin IS NULL OR excluded.hrMin < hrMin THEN excluded.hrMin ELSE hrMin END,
    hrMax = CASE WHEN hrMax IS NULL OR excluded.hrMax > hrMax THEN excluded.hrMax ELSE hrMax END,
    hrvSum = hrvSum + excluded.hrvSum,
    hrvCount = hrvCount + excluded.hrvCount,
    stressSum = stressSum + excluded.stressSum,
    stressCount = stressCount + excluded.stressCount,
    irregularCount = irregularCount + excluded.irregularCount;
  INSERT INTO readingRollupHours (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  VALUES (NEW.userId, (NEW.createdAt - ((NEW.createdAt % 3600000) + 3600000) % 3600000), 1, coalesce (NEW.heartRate, 0), NEW.heartRate IS NOT NULL,
          NEW.heartRate, NEW.heartRate, coalesce (NEW.hrv, 0.0), NEW.hrv IS NOT NULL,
          coalesce (NEW.stressLevel, 0), NEW.stressLevel IS NOT NULL, NEW.arrhythmiaDetected)
  ON CONFLICT (userId, bucketStart) DO UPDATE SET
    count = count + 1,
    hrSum = hrSum + excluded.hrSum,
    hrCount = hrCount + excluded.hrCount,
    hrMin = CASE WHEN hrMin IS NULL OR excluded.hrMin < hrMin THEN excluded.hrMin ELSE hrMin END,
    hrMax = CASE WHEN hrMax IS NULL OR excluded.hrMax > hrMax THEN excluded.hrMax ELSE hrMax END,
    hrvSum = hrvSum + excluded.hrvSum,
    hrvCount = hrvCount + excluded.hrvCount,
    stressSum = stressSum + excluded.stressSum,
    stressCount = stressCount + excluded.stressCount,
    irregularCount = irregularCount + excluded.irregularCount;
END;

DROP TRIGGER IF EXISTS trg_readingRollups_delete;
CREATE TRIGGER trg_readingRollups_delete AFTER DELETE ON healthReadings
WHEN EXISTS (SELECT 1 FROM users WHERE id = OLD.userId)
BEGIN
  DELETE FROM readingRollupMinutes WHERE userId = OLD.userId AND bucketStart = (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000);
  INSERT INTO readingRollupMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT OLD.userId, (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000), count(*), coalesce (sum (heartRate), 0), count (heartRate), min (heartRate), max (heartRate),
         coalesce (sum (hrv), 0.0), count (hrv), coalesce (sum (stressLevel), 0), count (stressLevel),
         sum (arrhythmiaDetected)
  FROM healthReadings WHERE userId = OLD.userId AND createdAt >= (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000) AND createdAt < (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000) + 60000
  HAVING count(*) > 0;
  DELETE FROM readingRollupTenMinutes WHERE userId = OLD.userId AND bucketStart = (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000);
  INSERT INTO readingRollupTenMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT OLD.userId, (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000), sum (count), sum (hrSum), sum (hrCount), min (hrMin), max (hrMax),
         sum (hrvSum), sum (hrvCount), sum (stressSum), sum (stressCount), sum (irregularCount)
  FROM readingRollupMinutes WHERE userId = OLD.userId AND bucketStart >= (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000) AND bucketStart < (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000) + 600000
  HAVING sum (count) > 0;
  DELETE FROM readingRollupHours WHERE userId = OLD.userId AND bucketStart = (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000);
  INSERT INTO readingRollupHours (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT OLD.userId, (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000), sum (count), sum (hrSum), sum (hrCount), min (hrMin), max (hrMax),
         sum (hrvSum), sum (hrvCount), sum (stressSum), sum (stressCount), sum (irregularCount)
  FROM readingRollupTenMinutes WHERE userId = OLD.userId AND bucketStart >= (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000) AND bucketStart < (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000) + 3600000
  HAVING sum (count) > 0;
END;

DROP TRIGGER IF EXISTS trg_readingRollups_update;
CREATE TRIGGER trg_readingRollups_update
AFTER UPDATE OF userId, heartRate, hrv, stressLevel, arrhythmiaDetected, createdAt ON healthReadings
BEGIN
  DELETE FROM readingRollupMinutes WHERE userId = OLD.userId AND bucketStart = (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000);
  INSERT INTO readingRollupMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT OLD.userId, (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000), count(*), coalesce (sum (heartRate), 0), count (heartRate), min (heartRate), max (heartRate),
         coalesce (sum (hrv), 0.0), count (hrv), coalesce (sum (stressLevel), 0), count (stressLevel),
         sum (arrhythmiaDetected)
  FROM healthReadings WHERE userId = OLD.userId AND createdAt >= (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000) AND createdAt < (OLD.createdAt - ((OLD.createdAt % 60000) + 60000) % 60000) + 60000
  HAVING count(*) > 0;
  DELETE FROM readingRollupTenMinutes WHERE userId = OLD.userId AND bucketStart = (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000);
  INSERT INTO readingRollupTenMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT OLD.userId, (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000), sum (count), sum (hrSum), sum (hrCount), min (hrMin), max (hrMax),
         sum (hrvSum), sum (hrvCount), sum (stressSum), sum (stressCount), sum (irregularCount)
  FROM readingRollupMinutes WHERE userId = OLD.userId AND bucketStart >= (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000) AND bucketStart < (OLD.createdAt - ((OLD.createdAt % 600000) + 600000) % 600000) + 600000
  HAVING sum (count) > 0;
  DELETE FROM readingRollupHours WHERE userId = OLD.userId AND bucketStart = (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000);
  INSERT INTO readingRollupHours (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT OLD.userId, (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000), sum (count), sum (hrSum), sum (hrCount), min (hrMin), max (hrMax),
         sum (hrvSum), sum (hrvCount), sum (stressSum), sum (stressCount), sum (irregularCount)
  FROM readingRollupTenMinutes WHERE userId = OLD.userId AND bucketStart >= (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000) AND bucketStart < (OLD.createdAt - ((OLD.createdAt % 3600000) + 3600000) % 3600000) + 3600000
  HAVING sum (count) > 0;
  DELETE FROM readingRollupMinutes WHERE userId = NEW.userId AND bucketStart = (NEW.createdAt - ((NEW.createdAt % 60000) + 60000) % 60000);
  INSERT INTO readingRollupMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT NEW.userId, (NEW.createdAt - ((NEW.createdAt % 60000) + 60000) % 60000), count(*), coalesce (sum (heartRate), 0), count (heartRate), min (heartRate), max (heartRate),
         coalesce (sum (hrv), 0.0), count (hrv), coalesce (sum (stressLevel), 0), count (stressLevel),
         sum (arrhythmiaDetected)
  FROM healthReadings WHERE userId = NEW.userId AND createdAt >= (NEW.createdAt - ((NEW.createdAt % 60000) + 60000) % 60000) AND createdAt < (NEW.createdAt - ((NEW.createdAt % 60000) + 60000) % 60000) + 60000
  HAVING count(*) > 0;
  DELETE FROM readingRollupTenMinutes WHERE userId = NEW.userId AND bucketStart = (NEW.createdAt - ((NEW.createdAt % 600000) + 600000) % 600000);
  INSERT INTO readingRollupTenMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT NEW.userId, (NEW.createdAt - ((NEW.createdAt % 600000) + 600000) % 600000), sum (count), sum (hrSum), sum (hrCount), min (hrMin), max (hrMax),
         sum (hrvSum), sum (hrvCount), sum (stressSum), sum (stressCount), sum (irregularCount)
  FROM readingRollupMinutes WHERE userId = NEW.userId AND bucketStart >= (NEW.createdAt - ((NEW.createdAt % 600000) + 600000) % 600000) AND bucketStart < (NEW.createdAt - ((NEW.createdAt % 600000) + 600000) % 600000) + 600000
  HAVING sum (count) > 0;
  DELETE FROM readingRollupHours WHERE userId = NEW.userId AND bucketStart = (NEW.createdAt - ((NEW.createdAt % 3600000) + 3600000) % 3600000);
  INSERT INTO readingRollupHours (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
  SELECT NEW.userId, (NEW.createdAt - ((NEW.createdAt % 3600000) + 3600000) % 3600000), sum (count), sum (hrSum), sum (hrCount), min (hrMin), max (hrMax),
         sum (hrvSum), sum (hrvCount), sum (stressSum), sum (stressCount), sum (irregularCount)
  FROM readingRollupTenMinutes WHERE userId = NEW.userId AND bucketStart >= (NEW.createdAt - ((NEW.createdAt % 3600000) + 3600000) % 3600000) AND bucketStart < (NEW.createdAt - ((NEW.createdAt % 3600000) + 3600000) % 3600000) + 3600000
  HAVING sum (count) > 0;
END;

DELETE FROM readingRollupMinutes;
DELETE FROM readingRollupTenMinutes;
DELETE FROM readingRollupHours;
INSERT INTO readingRollupMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
SELECT userId, (createdAt - ((createdAt % 60000) + 60000) % 60000) AS minute, count(*),
       coalesce (sum (heartRate), 0), count (heartRate), min (heartRate), max (heartRate),
       coalesce (sum (hrv), 0.0), count (hrv), coalesce (sum (stressLevel), 0), count (stressLevel),
       sum (arrhythmiaDetected)
FROM healthReadings GROUP BY userId, minute;
INSERT INTO readingRollupTenMinutes (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
SELECT userId, (bucketStart - ((bucketStart % 600000) + 600000) % 600000) AS block, sum (count),
       sum (hrSum), sum (hrCount), min (hrMin), max (hrMax), sum (hrvSum), sum (hrvCount),
       sum (stressSum), sum (stressCount), sum (irregularCount)
FROM readingRollupMinutes GROUP BY userId, block;
INSERT INTO readingRollupHours (userId, bucketStart, count, hrSum, hrCount, hrMin, hrMax, hrvSum, hrvCount, stressSum, stressCount, irregularCount)
SELECT userId, (bucketStart - ((bucketStart % 3600000) + 3600000) % 3600000) AS block, sum (count),
       sum (hrSum), sum (hrCount), min (hrMin), max (hrMax), sum (hrvSum), sum (hrvCount),
       sum (stressSum), sum (stressCount), sum (irregularCount)
FROM readingRollupTenMinutes GROUP BY userId, block;
