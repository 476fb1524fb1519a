-- 0004: what the team records while working a case (issue 6): who owns it, how bad it
-- is, its CVE, its flags and embargo, how it was closed, when it was acknowledged by a
-- human; reporters credited on a case (merged duplicates keep their credit); and every
-- emailed team command, accepted or not.

ALTER TABLE cases ADD COLUMN assignee TEXT;              -- a team member's name (config team:)
ALTER TABLE cases ADD COLUMN severity TEXT;              -- critical | high | medium | low | none
ALTER TABLE cases ADD COLUMN cvss_vector TEXT;           -- as given by the team, if any
ALTER TABLE cases ADD COLUMN cve TEXT;                   -- CVE-YYYY-NNNN+
ALTER TABLE cases ADD COLUMN resolution TEXT;            -- set when closed (states.ts RESOLUTIONS)
ALTER TABLE cases ADD COLUMN duplicate_of INTEGER REFERENCES cases(id);
ALTER TABLE cases ADD COLUMN acknowledged_at TEXT;       -- a human looked at it (cases ack)
ALTER TABLE cases ADD COLUMN closed_at TEXT;
ALTER TABLE cases ADD COLUMN flag_exploited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN flag_public INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN flag_on_hold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN embargo_until TEXT;         -- ISO date (YYYY-MM-DD), or NULL
CREATE INDEX cases_by_state ON cases(state);
CREATE INDEX cases_by_assignee ON cases(assignee);

-- People credited on a case: its reporter, and the reporters of duplicates merged into it.
CREATE TABLE case_credits (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  email         TEXT NOT NULL,
  name          TEXT,
  via_case_id   INTEGER REFERENCES cases(id),  -- the duplicate that brought them, NULL for the case's own reporter
  added_at      TEXT NOT NULL,
  UNIQUE (case_id, email)
);

-- Every mail that looked like a team command, with what became of it. Rejections
-- change no case, so they are logged here (and answered), not in the event log.
CREATE TABLE team_commands (
  id            INTEGER PRIMARY KEY,
  spool_id      INTEGER NOT NULL REFERENCES spool(id),
  at            TEXT NOT NULL,
  from_addr     TEXT NOT NULL,
  member        TEXT,                         -- team member name the From belongs to
  signer_fingerprint TEXT,
  case_id       INTEGER REFERENCES cases(id),
  outcome       TEXT NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
  reason        TEXT,                         -- code: why it was rejected
  commands      TEXT NOT NULL,                -- JSON: the command names (never the reply text)
  signed_sha256 TEXT                          -- hash of the signature / ciphertext: the same signed command never runs twice
);
CREATE INDEX team_commands_by_spool ON team_commands(spool_id);
CREATE UNIQUE INDEX team_commands_once ON team_commands(signed_sha256) WHERE outcome = 'accepted';
