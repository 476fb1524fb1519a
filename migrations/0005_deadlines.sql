-- 0005: deadlines, stored per case and milestone, and the actions taken on them.
-- Jobs are driven by these rows, not by timers: a sweep computes what is due as of
-- its `now`, and an action row (UNIQUE on what it was for) is inserted in the same
-- transaction as its outbox mail, so after a crash or a restart nothing fires twice.

-- The latest computed due time of each milestone of each case (recomputed by every
-- sweep and by `deadlines explain`; the engine in src/deadlines/ is the truth).
CREATE TABLE deadlines (
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  milestone    TEXT NOT NULL,              -- acknowledge | firstResponse | statusUpdate | resolution | disclosure
  due_at       TEXT,                       -- NULL when the clock never started
  remind_at    TEXT,
  state        TEXT NOT NULL CHECK (state IN ('met', 'due', 'overdue', 'paused', 'not_applicable')),
  met_at       TEXT,
  late         INTEGER NOT NULL DEFAULT 0, -- 1 when met after due_at
  steps        TEXT NOT NULL,              -- JSON array: how due_at was computed
  computed_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, milestone)
);
CREATE INDEX deadlines_by_due ON deadlines(state, due_at);

-- Every reminder, escalation, reporter status update and digest sent, keyed by the
-- due instant it was for. scope is 'case:<id>' or 'digest' (a NULL case_id would make
-- every row distinct under UNIQUE).
CREATE TABLE deadline_actions (
  id          INTEGER PRIMARY KEY,
  scope       TEXT NOT NULL,
  case_id     INTEGER REFERENCES cases(id),
  milestone   TEXT NOT NULL,               -- '' for the digest
  kind        TEXT NOT NULL CHECK (kind IN ('reminder', 'escalation', 'reporter_update', 'digest')),
  due_at      TEXT NOT NULL,               -- the deadline (or digest schedule slot) this was for
  done_at     TEXT NOT NULL,
  outbox_ids  TEXT NOT NULL,               -- JSON array of the outbox rows it queued
  UNIQUE (scope, milestone, kind, due_at)
);
CREATE INDEX deadline_actions_by_kind ON deadline_actions(kind, done_at);

-- A database that already holds cases when deadlines arrive (an upgrade) has no record
-- of the team replies made before: every old deadline would look missed at the first
-- sweep and mail a burst of reminders, escalations and status updates. Deadlines that
-- fell due before this instant are recorded as handled without mail; the digest and
-- `deadlines explain` still show them.
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
INSERT INTO settings (key, value) SELECT 'deadline_mail_since', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM cases);
