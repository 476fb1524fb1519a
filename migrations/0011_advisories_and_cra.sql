-- 0011: advisories and the EU CRA clocks (issue 13).
--
-- A deadline can be 'waived': the disclosure milestone of a case closed without being
-- disclosed (or an advisory marked published) is neither met nor missed. SQLite cannot
-- change a CHECK constraint, so the table is rebuilt with the same columns and indexes.
-- Until this migration a waived milestone was stored as not_applicable with met_at set
-- (only a waived row had both): those rows become 'waived', without a met_at.
CREATE TABLE deadlines_0011 (
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  milestone    TEXT NOT NULL,              -- a policy milestone, or cra_early_warning | cra_notification | cra_final_report
  due_at       TEXT,                       -- NULL when the clock never started
  remind_at    TEXT,
  state        TEXT NOT NULL CHECK (state IN ('met', 'due', 'overdue', 'paused', 'not_applicable', 'waived')),
  met_at       TEXT,
  late         INTEGER NOT NULL DEFAULT 0, -- 1 when met after due_at
  steps        TEXT NOT NULL,              -- JSON array: how due_at was computed (for 'waived': when and why)
  computed_at  TEXT NOT NULL,
  PRIMARY KEY (case_id, milestone)
);
INSERT INTO deadlines_0011 (case_id, milestone, due_at, remind_at, state, met_at, late, steps, computed_at)
  SELECT case_id, milestone, due_at, remind_at,
         CASE WHEN state = 'not_applicable' AND met_at IS NOT NULL THEN 'waived' ELSE state END,
         CASE WHEN state = 'not_applicable' THEN NULL ELSE met_at END,
         late, steps, computed_at
  FROM deadlines;
DROP TABLE deadlines;
ALTER TABLE deadlines_0011 RENAME TO deadlines;
CREATE INDEX deadlines_by_due ON deadlines(state, due_at);
CREATE INDEX deadlines_view ON deadlines(case_id, milestone, state, due_at, met_at, late);
CREATE INDEX deadlines_running ON deadlines(state, case_id, milestone, due_at) WHERE state IN ('due', 'overdue');

-- The engine reads two more event kinds (src/deadlines/engine.ts DEADLINE_EVENT_TYPES):
-- an advisory marked published meets the disclosure, a CRA notification recorded meets its
-- milestone. Each sends its case back to the sweep, as 0008's kinds do.
DROP TRIGGER events_sweep_case;
CREATE TRIGGER events_sweep_case AFTER INSERT ON events
WHEN NEW.type IN ('report_received', 'mail_sent', 'state_changed', 'flag_set', 'advisory_published', 'cra_notified')
BEGIN
  UPDATE cases SET sweep_at = '' WHERE id = NEW.case_id;
END;
