-- Each OpenPGP payload of a message (a mail may carry several blocks or encrypted
-- files) is recorded on its own, so a captured ciphertext is recognised as a replay
-- even when someone adds other encrypted data beside it.
CREATE TABLE message_payloads (
  message_id  INTEGER NOT NULL REFERENCES messages(id),
  sha256      TEXT NOT NULL
);
CREATE INDEX message_payloads_by_hash ON message_payloads(sha256);
INSERT INTO message_payloads (message_id, sha256) SELECT id, payload_sha256 FROM messages WHERE payload_sha256 IS NOT NULL;

-- A reporter key the team replaced (sectriage keys pin) is kept as 'retired', so the
-- signatures it made can still be checked; SQLite cannot alter a CHECK, hence the copy.
CREATE TABLE reporter_keys_new (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  armored       TEXT NOT NULL,
  source        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pinned', 'candidate', 'retired')),
  first_seen_at TEXT NOT NULL,
  spool_id      INTEGER REFERENCES spool(id),
  UNIQUE (email, fingerprint)
);
INSERT INTO reporter_keys_new SELECT * FROM reporter_keys;
DROP TABLE reporter_keys;
ALTER TABLE reporter_keys_new RENAME TO reporter_keys;
