-- 0012: report content sealed at rest (src/seal/). One random data key per scope (a case,
-- a spool entry, an outbox mail without a case), wrapped by the key-encryption key in the
-- sealing key file; kek_id names which key wrapped it, so a rotation can rewrap row by row.
-- The sealing of content already stored is done by src/seal/seal-existing.ts when the
-- database is next opened with its key (it needs the key, which SQL does not have), and
-- marked done by the setting 'content_sealed_at'.
CREATE TABLE data_keys (
  scope    TEXT PRIMARY KEY,               -- case:<id> | spool:<sha256> | outbox:<message-id>
  kek_id   TEXT NOT NULL,                  -- the key file line that wraps it
  wrapped  BLOB NOT NULL                   -- AES-256-GCM(KEK, data key), bound to scope
);
CREATE INDEX data_keys_by_kek ON data_keys(kek_id);
