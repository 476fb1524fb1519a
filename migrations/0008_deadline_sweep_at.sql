-- 0008: the deadline sweep looks only at the cases it must (issue 11). A case's deadlines
-- change only when something happens to it (an event the engine reads, or a change of its
-- state, policy, hold flag or no-reply reason) or when a stored instant comes (a reminder,
-- a due time, an event dated later). cases.sweep_at holds the next such instant: ''
-- (before every time) when something happened and the deadlines must be computed again,
-- NULL when nothing can fall due until something happens. The sweep computes the cases
-- with sweep_at <= now and stores the new instant (src/deadlines/sweep.ts and wake.ts);
-- readers take the stored `deadlines` rows of the cases that are not due and compute the
-- others (src/deadlines/current.ts).

ALTER TABLE cases ADD COLUMN sweep_at TEXT DEFAULT '';
CREATE INDEX cases_by_sweep_at ON cases(sweep_at) WHERE sweep_at IS NOT NULL;

-- A case closed before the digest's longest SLA window (90 days, DEFAULTS.digestSlaWindowsDays)
-- is read by nothing that uses stored deadlines: it is not computed again after the upgrade
-- (its rows, last computed while it was open, stay as they were). Every other case is
-- computed once, at the first sweep. Readers trust no stored row as of an instant before
-- the upgrade (deadline_sweep_latest, src/deadlines/current.ts), so those old rows are
-- never taken for current: no window as of a later instant reaches back to those cases.
UPDATE cases SET sweep_at = NULL WHERE state = 'closed' AND created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-90 days');
INSERT INTO settings (key, value) SELECT 'deadline_sweep_latest', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM cases);

-- The kinds the engine reads (src/deadlines/engine.ts DEADLINE_EVENT_TYPES; a test holds
-- the two lists equal). Other kinds, such as the sweep's own *_queued events, change no
-- deadline and so do not send the case back to the sweep.
CREATE TRIGGER events_sweep_case AFTER INSERT ON events
WHEN NEW.type IN ('report_received', 'mail_sent', 'state_changed', 'flag_set')
BEGIN
  UPDATE cases SET sweep_at = '' WHERE id = NEW.case_id;
END;

-- The columns the sweep reads besides the events.
CREATE TRIGGER cases_sweep_case AFTER UPDATE OF state, policy, flag_on_hold, no_reply_reason ON cases
WHEN OLD.state IS NOT NEW.state OR OLD.policy IS NOT NEW.policy OR OLD.flag_on_hold IS NOT NEW.flag_on_hold OR OLD.no_reply_reason IS NOT NEW.no_reply_reason
BEGIN
  UPDATE cases SET sweep_at = '' WHERE id = NEW.id;
END;

-- The digest reads the cases received within its SLA windows and the open ones; `cases
-- show` reads a case's outgoing mail: each was a scan of its whole table. The SLA figures
-- choose their cases by policy and sweep_at too, from the index alone.
CREATE INDEX cases_by_created ON cases(created_at, policy, sweep_at);
CREATE INDEX cases_open ON cases(id) WHERE state != 'closed';
CREATE INDEX outbox_by_case ON outbox(case_id);
-- What readers take of the stored rows, in the index itself: a row's `steps` make it
-- large, and rows rewritten by the sweep lie anywhere in the table, so reading thousands
-- of cases' rows through the primary key cost a page each.
CREATE INDEX deadlines_view ON deadlines(case_id, milestone, state, due_at, met_at, late);
-- The running milestones (a few per open case) for the digest's lists and `cases list --overdue`.
CREATE INDEX deadlines_running ON deadlines(state, case_id, milestone, due_at) WHERE state IN ('due', 'overdue');
