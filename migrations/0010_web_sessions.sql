-- 0010: the team console's logins (issue 12, src/web/). Neither table holds a secret that
-- works: a login token and a session id are kept only as their SHA-256, so a copy of the
-- database (a backup) lets no one log in. A login token is single-use: used_at is set by the
-- one UPDATE that accepts it. A session ends at ended_at (logout), or when idle or too old
-- by the config's limits, judged on each request from created_at and last_seen_at.

CREATE TABLE web_login_tokens (
  token_sha256  TEXT PRIMARY KEY,
  member        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  used_at       TEXT
);
CREATE INDEX web_login_tokens_by_expiry ON web_login_tokens(expires_at);

CREATE TABLE web_sessions (
  id_sha256     TEXT PRIMARY KEY,
  member        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  -- The per-session secret every state-changing form carries back (src/web/csrf.ts).
  csrf_secret   TEXT NOT NULL,
  ended_at      TEXT
);
CREATE INDEX web_sessions_by_member ON web_sessions(member);

-- Passkeys (WebAuthn) a member registered after logging in: the credential's id and public
-- key (not secrets: they verify, they cannot sign), and its signature counter.
CREATE TABLE web_passkeys (
  credential_id  TEXT PRIMARY KEY,
  member         TEXT NOT NULL,
  public_key     BLOB NOT NULL,
  counter        INTEGER NOT NULL,
  transports     TEXT NOT NULL DEFAULT '[]',
  created_at     TEXT NOT NULL,
  last_used_at   TEXT
);
CREATE INDEX web_passkeys_by_member ON web_passkeys(member);
