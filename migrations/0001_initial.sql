-- 0001: the spool, cases, messages, attachments, the event log, reporter keys, the
-- outbox and the IMAP cursor. Times are ISO-8601 UTC strings (they sort and compare
-- as text); hashes are lowercase hex.

-- Every message taken in, as raw bytes, before anything else happens to it.
CREATE TABLE spool (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,            -- imap | maildir | stdin
  source_ref    TEXT,                     -- imap: mailbox/uidvalidity/uid; maildir: file name
  received_at   TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL UNIQUE,     -- the same bytes twice are one spool entry
  message_id    TEXT,                     -- outer Message-ID, normalised, if any
  raw           BLOB,                     -- NULL only when raw_path holds an oversized message
  raw_path      TEXT,
  state         TEXT NOT NULL DEFAULT 'incoming' CHECK (state IN ('incoming', 'done', 'held')),
  disposition   TEXT,                     -- what processing made of it (new_case, followup, duplicate, ...)
  hold_reason   TEXT,                     -- code and one line, never message content
  case_id       INTEGER REFERENCES cases(id),
  attempts      INTEGER NOT NULL DEFAULT 0,
  processed_at  TEXT
);
CREATE INDEX spool_by_state ON spool(state, id);
CREATE UNIQUE INDEX spool_by_source_ref ON spool(source, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE imap_cursor (
  mailbox       TEXT PRIMARY KEY,         -- user@host/mailbox
  uid_validity  TEXT NOT NULL,            -- a 32-bit unsigned value, kept as text (imapflow gives a bigint)
  last_uid      INTEGER NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE cases (
  id                 INTEGER PRIMARY KEY,
  tracking_id        TEXT NOT NULL UNIQUE,
  state              TEXT NOT NULL DEFAULT 'received',
  reporter_name      TEXT,
  reporter_email     TEXT NOT NULL,
  subject            TEXT,
  policy             TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  encryption         TEXT NOT NULL,       -- encrypted | partial | none | undecryptable
  signature          TEXT NOT NULL,       -- valid | invalid | unknown_key | none
  signer_fingerprint TEXT,
  attention          TEXT,                -- why a human must look (undecryptable, key changed, ...)
  related_case_id    INTEGER REFERENCES cases(id),
  no_reply_reason    TEXT                 -- why no automatic reply was sent, if none was
);
CREATE INDEX cases_by_reporter ON cases(reporter_email);

-- Mail in both directions that belongs to a case.
CREATE TABLE messages (
  id                  INTEGER PRIMARY KEY,
  case_id             INTEGER NOT NULL REFERENCES cases(id),
  spool_id            INTEGER REFERENCES spool(id),
  outbox_id           INTEGER REFERENCES outbox(id),
  direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  message_id          TEXT,
  in_reply_to         TEXT,
  refs                TEXT,               -- References, space separated
  from_addr           TEXT,
  from_name           TEXT,
  subject             TEXT,
  body_text           TEXT,               -- decrypted (or plain) text of the report
  unencrypted_text    TEXT,               -- text that was NOT inside the encryption, kept apart (Efail)
  encryption          TEXT NOT NULL,
  signature           TEXT NOT NULL,
  signer_fingerprint  TEXT,
  signer_key_id       TEXT,
  signer_uid_matches  INTEGER,            -- 1 when a UID of the signing key has the From address
  protected_from      TEXT,               -- the inner (RFC 9788) From, when it differs from the outer From
  payload_sha256      TEXT,               -- sha256 of the OpenPGP packets: a replayed ciphertext is recognised
  at                  TEXT NOT NULL
);
CREATE INDEX messages_by_case ON messages(case_id);
CREATE INDEX messages_by_message_id ON messages(message_id);
CREATE INDEX messages_by_payload ON messages(payload_sha256) WHERE payload_sha256 IS NOT NULL;

CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER NOT NULL REFERENCES messages(id),
  filename      TEXT,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  encrypted     INTEGER NOT NULL,         -- 1 when it came out of the decryption
  content       BLOB NOT NULL
);
CREATE INDEX attachments_by_message ON attachments(message_id);

-- Append-only, hash-chained: each row's hash covers the previous row's hash.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,              -- system, cli:<user>, key:<fingerprint>, reporter:<address>
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,              -- JSON
  spool_id    INTEGER REFERENCES spool(id),
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX events_by_case ON events(case_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE reporter_keys (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  armored       TEXT NOT NULL,
  source        TEXT NOT NULL,            -- attachment | body | autocrypt
  status        TEXT NOT NULL CHECK (status IN ('pinned', 'candidate')),
  first_seen_at TEXT NOT NULL,
  spool_id      INTEGER REFERENCES spool(id),
  UNIQUE (email, fingerprint)
);

-- Every outgoing mail, written in the same transaction as the change that causes it.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  case_id          INTEGER REFERENCES cases(id),
  kind             TEXT NOT NULL,         -- ack | reencrypt_request | ...
  auto             INTEGER NOT NULL,      -- 1 for automatic replies (rate limited, RFC 3834)
  message_id       TEXT NOT NULL UNIQUE,
  envelope_from    TEXT NOT NULL,         -- '' is the null sender
  rcpt_to          TEXT NOT NULL,
  params           TEXT NOT NULL,         -- JSON: what to render
  raw              BLOB,                  -- rendered once, before the first attempt; every retry sends these bytes
  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'uncertain')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  data_ended_at    TEXT,                  -- set just before the final "." of DATA: past it, a crash leaves delivery uncertain
  claimed_by       TEXT,                  -- host:pid of the process sending it (state 'sending')
  claimed_at       TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_by_rcpt ON outbox(rcpt_to, created_at);
