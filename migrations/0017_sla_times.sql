-- 0017: the SLA times leave the per-day sums (issue 11, found by a review of 0015).
--
-- 0015 kept the times to acknowledgement and first response as a JSON array in each day's
-- sla_days row, so every write of a met row scanned and rewrote that day's array: a write
-- cost grew with the cases received that day, and a flood of reports (or a full re-sweep
-- of such a day after a policy edit) went quadratic (20,000 cases in one day: 2.3 s of
-- rewrites became 111 s). A time is now a row of its own in sla_times, keyed as its
-- deadlines row is, so a write costs the same however busy the day; the sums per day keep
-- only counts. The digest reads a window's times through sla_times_by_day.
-- created_at as SQLite reads it: sectriage writes toISOString() text only. A text date()
-- reads as an instant that is no ISO 8601 instant (a Julian day number, 31 February,
-- 24:00) may be filed under another day than the row-by-row reading uses; none is written.
DROP TRIGGER deadlines_sla_in;
DROP TRIGGER deadlines_sla_out;
DROP TRIGGER deadlines_sla_update;
ALTER TABLE sla_days DROP COLUMN took;

CREATE TABLE sla_times (
  case_id    INTEGER NOT NULL,
  milestone  TEXT NOT NULL,   -- acknowledge | firstResponse
  day        TEXT NOT NULL,   -- as sla_days.day: the UTC day the case was received
  policy     TEXT NOT NULL,
  took       INTEGER NOT NULL, -- ms from receipt to met
  PRIMARY KEY (case_id, milestone)
) WITHOUT ROWID;
CREATE INDEX sla_times_by_day ON sla_times(day, milestone, policy, took);

INSERT INTO sla_times (case_id, milestone, day, policy, took)
  SELECT d.case_id, d.milestone, coalesce(date(c.created_at), ''), c.policy,
         CAST(round((unixepoch(d.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER)
  FROM deadlines d JOIN cases c ON c.id = d.case_id
  WHERE d.state = 'met' AND d.met_at IS NOT NULL AND d.milestone IN ('acknowledge', 'firstResponse')
    AND unixepoch(d.met_at, 'subsec') IS NOT NULL AND unixepoch(c.created_at, 'subsec') IS NOT NULL;

-- Every row of a scored milestone counts in its day's sums (the digest names a milestone
-- some case has, even if none was met or missed yet); a met acknowledge or firstResponse
-- with an instant also leaves its time.
CREATE TRIGGER deadlines_sla_in AFTER INSERT ON deadlines
WHEN NEW.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
BEGIN
  INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived)
    SELECT coalesce(date(c.created_at), ''), c.policy, NEW.milestone, 1,
           NEW.state = 'met' AND NEW.late = 0, (NEW.state = 'met' AND NEW.late = 1) OR NEW.state = 'overdue', NEW.state = 'waived'
    FROM cases c WHERE c.id = NEW.case_id
    ON CONFLICT (day, policy, milestone) DO UPDATE SET
      n = n + 1, met = met + excluded.met, missed = missed + excluded.missed, waived = waived + excluded.waived;
  INSERT INTO sla_times (case_id, milestone, day, policy, took)
    SELECT NEW.case_id, NEW.milestone, coalesce(date(c.created_at), ''), c.policy,
           CAST(round((unixepoch(NEW.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER)
    FROM cases c WHERE c.id = NEW.case_id
      AND NEW.state = 'met' AND NEW.met_at IS NOT NULL AND NEW.milestone IN ('acknowledge', 'firstResponse')
      AND unixepoch(NEW.met_at, 'subsec') IS NOT NULL AND unixepoch(c.created_at, 'subsec') IS NOT NULL;
END;

CREATE TRIGGER deadlines_sla_out AFTER DELETE ON deadlines
WHEN OLD.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
BEGIN
  UPDATE sla_days SET
    n = n - 1,
    met = met - (OLD.state = 'met' AND OLD.late = 0),
    missed = missed - ((OLD.state = 'met' AND OLD.late = 1) OR OLD.state = 'overdue'),
    waived = waived - (OLD.state = 'waived')
  WHERE (day, policy, milestone) = (SELECT coalesce(date(c.created_at), ''), c.policy, OLD.milestone FROM cases c WHERE c.id = OLD.case_id);
  DELETE FROM sla_times WHERE case_id = OLD.case_id AND milestone = OLD.milestone;
END;

-- Nothing updates deadlines rows in place today (deadlines/store.ts saveDeadlines replaces
-- them); should something, its old row leaves the sums and its new one joins them.
CREATE TRIGGER deadlines_sla_update AFTER UPDATE ON deadlines
BEGIN
  UPDATE sla_days SET
    n = n - 1,
    met = met - (OLD.state = 'met' AND OLD.late = 0),
    missed = missed - ((OLD.state = 'met' AND OLD.late = 1) OR OLD.state = 'overdue'),
    waived = waived - (OLD.state = 'waived')
  WHERE OLD.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
    AND (day, policy, milestone) = (SELECT coalesce(date(c.created_at), ''), c.policy, OLD.milestone FROM cases c WHERE c.id = OLD.case_id);
  DELETE FROM sla_times WHERE case_id = OLD.case_id AND milestone = OLD.milestone;
  INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived)
    SELECT coalesce(date(c.created_at), ''), c.policy, NEW.milestone, 1,
           NEW.state = 'met' AND NEW.late = 0, (NEW.state = 'met' AND NEW.late = 1) OR NEW.state = 'overdue', NEW.state = 'waived'
    FROM cases c WHERE c.id = NEW.case_id AND NEW.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
    ON CONFLICT (day, policy, milestone) DO UPDATE SET
      n = n + 1, met = met + excluded.met, missed = missed + excluded.missed, waived = waived + excluded.waived;
  INSERT INTO sla_times (case_id, milestone, day, policy, took)
    SELECT NEW.case_id, NEW.milestone, coalesce(date(c.created_at), ''), c.policy,
           CAST(round((unixepoch(NEW.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER)
    FROM cases c WHERE c.id = NEW.case_id
      AND NEW.state = 'met' AND NEW.met_at IS NOT NULL AND NEW.milestone IN ('acknowledge', 'firstResponse')
      AND unixepoch(NEW.met_at, 'subsec') IS NOT NULL AND unixepoch(c.created_at, 'subsec') IS NOT NULL;
END;
