-- Schema version 3: emergency contacts get exactly one primary per user and
-- an order the user chooses.
--
-- Files written before this version may hold several primaries, or none:
-- keep the oldest primary of each user, and make the oldest contact primary
-- where a user has contacts but no primary, before the index forbids more.
UPDATE emergencyContacts SET isPrimary = 0
 WHERE isPrimary = 1
   AND id <> (SELECT p.id FROM emergencyContacts AS p
               WHERE p.userId = emergencyContacts.userId AND p.isPrimary = 1
               ORDER BY p.createdAt, p.id LIMIT 1);
UPDATE emergencyContacts SET isPrimary = 1
 WHERE id IN (SELECT (SELECT c.id FROM emergencyContacts AS c
                       WHERE c.userId = u.userId ORDER BY c.createdAt, c.id LIMIT 1)
                FROM (SELECT DISTINCT userId FROM emergencyContacts) AS u
               WHERE NOT EXISTS (SELECT 1 FROM emergencyContacts AS p
                                  WHERE p.userId = u.userId AND p.isPrimary = 1));

-- At most one primary per user, whoever writes: the store keeps it at
-- exactly one (the first contact becomes primary, deleting the primary
-- promotes the next).
CREATE UNIQUE INDEX idx_emergencyContacts_one_primary ON emergencyContacts (userId) WHERE isPrimary = 1;

-- The order of a user's contacts (an extra table DESIGN.md section 5 allows:
-- the seed table has no column for it). The primary is listed first
-- whatever its position; a contact without a row here comes after those
-- with one, oldest first.
CREATE TABLE contactPositions (
  contactId INTEGER PRIMARY KEY REFERENCES emergencyContacts (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CONSTRAINT ck_contactPositions_position CHECK (position >= 0)
) STRICT;

INSERT INTO contactPositions (contactId, position)
  SELECT id, row_number () OVER (PARTITION BY userId ORDER BY isPrimary DESC, createdAt, id) - 1
    FROM emergencyContacts;
