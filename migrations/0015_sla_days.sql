-- 0015: the digest's SLA figures, added up per day of receipt (issue 11).
--
-- The digest counts, over the cases received in the last 30 and 90 days, each SLA
-- milestone met in time, missed and waived, and the times to acknowledgement and first
-- response (deadlines/digest.ts). Added up from the `deadlines` rows of ~5,000 cases at a
-- time, that took 40-60 ms of a digest whose goal is 100 ms (100,000 cases). sla_days holds
-- the same sums per UTC day of receipt (date(cases.created_at)), policy and milestone, kept by
-- triggers on every write to `deadlines`, so no writer can forget them; the digest reads the
-- whole days of its windows from here and only the days a window starts or ends in row by
-- row (deadlines/sla-days.ts). Milestone '' counts the cases received that day.
-- A case's created_at and policy never change after insert (nothing updates them); if
-- something ever does, it must move the case's sums too. A created_at that is no instant
-- (never written by sectriage) goes under day '', which no window reads, as no window
-- reads its rows.
CREATE TABLE sla_days (
  day        TEXT NOT NULL,               -- date(cases.created_at): the UTC day of receipt
  policy     TEXT NOT NULL,
  milestone  TEXT NOT NULL,               -- acknowledge | firstResponse | resolution | disclosure, or '' (cases)
  n          INTEGER NOT NULL DEFAULT 0,  -- deadlines rows of the milestone, in any state ('' rows: cases received)
  met        INTEGER NOT NULL DEFAULT 0,  -- met in time
  missed     INTEGER NOT NULL DEFAULT 0,  -- met late, or overdue
  waived     INTEGER NOT NULL DEFAULT 0,
  took       TEXT NOT NULL DEFAULT '[]',  -- JSON array: ms from receipt to met, acknowledge and firstResponse only
  PRIMARY KEY (day, policy, milestone)
) WITHOUT ROWID;

-- What is there already.
INSERT INTO sla_days (day, policy, milestone, n)
  SELECT coalesce(date(created_at), ''), policy, '', count(*) FROM cases GROUP BY 1, 2;
INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived, took)
  SELECT coalesce(date(c.created_at), ''), c.policy, d.milestone, count(*),
         sum(d.state = 'met' AND d.late = 0), sum((d.state = 'met' AND d.late = 1) OR d.state = 'overdue'), sum(d.state = 'waived'),
         json_group_array(CAST(round((unixepoch(d.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER))
           FILTER (WHERE d.state = 'met' AND d.met_at IS NOT NULL AND d.milestone IN ('acknowledge', 'firstResponse'))
  FROM deadlines d JOIN cases c ON c.id = d.case_id
  WHERE d.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
  GROUP BY 1, 2, 3;

CREATE TRIGGER cases_sla_days AFTER INSERT ON cases
BEGIN
  INSERT INTO sla_days (day, policy, milestone, n) VALUES (coalesce(date(NEW.created_at), ''), NEW.policy, '', 1)
    ON CONFLICT (day, policy, milestone) DO UPDATE SET n = n + 1;
END;

-- Every row of a scored milestone counts (the digest names a milestone some case has, even
-- if none was met or missed yet); a time is kept when it was met with an instant, for
-- acknowledge and firstResponse.
CREATE TRIGGER deadlines_sla_in AFTER INSERT ON deadlines
WHEN NEW.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
BEGIN
  INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived, took)
    SELECT coalesce(date(c.created_at), ''), c.policy, NEW.milestone, 1,
           NEW.state = 'met' AND NEW.late = 0, (NEW.state = 'met' AND NEW.late = 1) OR NEW.state = 'overdue', NEW.state = 'waived',
           CASE WHEN NEW.state = 'met' AND NEW.met_at IS NOT NULL AND NEW.milestone IN ('acknowledge', 'firstResponse')
             THEN json_array(CAST(round((unixepoch(NEW.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER)) ELSE '[]' END
    FROM cases c WHERE c.id = NEW.case_id
    ON CONFLICT (day, policy, milestone) DO UPDATE SET
      n = n + 1, met = met + excluded.met, missed = missed + excluded.missed, waived = waived + excluded.waived,
      took = CASE WHEN excluded.took = '[]' THEN took ELSE json_insert(took, '$[#]', json_extract(excluded.took, '$[0]')) END;
END;

CREATE TRIGGER deadlines_sla_out AFTER DELETE ON deadlines
WHEN OLD.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
BEGIN
  UPDATE sla_days SET
    n = n - 1,
    met = met - (OLD.state = 'met' AND OLD.late = 0),
    missed = missed - ((OLD.state = 'met' AND OLD.late = 1) OR OLD.state = 'overdue'),
    waived = waived - (OLD.state = 'waived'),
    -- One copy of the row's time leaves the array (the same time may be there for another case).
    took = coalesce(json_remove(took, '$[' || (
      SELECT j.key FROM json_each(sla_days.took) j
      WHERE OLD.state = 'met' AND OLD.met_at IS NOT NULL AND OLD.milestone IN ('acknowledge', 'firstResponse')
        AND j.value = (SELECT CAST(round((unixepoch(OLD.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER) FROM cases c WHERE c.id = OLD.case_id)
      LIMIT 1) || ']'), took)
  WHERE (day, policy, milestone) = (SELECT coalesce(date(c.created_at), ''), c.policy, OLD.milestone FROM cases c WHERE c.id = OLD.case_id);
END;

-- Nothing updates deadlines rows in place today (deadlines/store.ts saveDeadlines replaces
-- them); should something, its old row leaves the sums and its new one joins them.
CREATE TRIGGER deadlines_sla_update AFTER UPDATE ON deadlines
BEGIN
  UPDATE sla_days SET
    n = n - 1,
    met = met - (OLD.state = 'met' AND OLD.late = 0),
    missed = missed - ((OLD.state = 'met' AND OLD.late = 1) OR OLD.state = 'overdue'),
    waived = waived - (OLD.state = 'waived'),
    took = coalesce(json_remove(took, '$[' || (
      SELECT j.key FROM json_each(sla_days.took) j
      WHERE OLD.state = 'met' AND OLD.met_at IS NOT NULL AND OLD.milestone IN ('acknowledge', 'firstResponse')
        AND j.value = (SELECT CAST(round((unixepoch(OLD.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER) FROM cases c WHERE c.id = OLD.case_id)
      LIMIT 1) || ']'), took)
  WHERE OLD.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
    AND (day, policy, milestone) = (SELECT coalesce(date(c.created_at), ''), c.policy, OLD.milestone FROM cases c WHERE c.id = OLD.case_id);
  INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived, took)
    SELECT coalesce(date(c.created_at), ''), c.policy, NEW.milestone, 1,
           NEW.state = 'met' AND NEW.late = 0, (NEW.state = 'met' AND NEW.late = 1) OR NEW.state = 'overdue', NEW.state = 'waived',
           CASE WHEN NEW.state = 'met' AND NEW.met_at IS NOT NULL AND NEW.milestone IN ('acknowledge', 'firstResponse')
             THEN json_array(CAST(round((unixepoch(NEW.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER)) ELSE '[]' END
    FROM cases c WHERE c.id = NEW.case_id
      AND NEW.milestone IN ('acknowledge', 'firstResponse', 'resolution', 'disclosure')
    ON CONFLICT (day, policy, milestone) DO UPDATE SET
      n = n + 1, met = met + excluded.met, missed = missed + excluded.missed, waived = waived + excluded.waived,
      took = CASE WHEN excluded.took = '[]' THEN took ELSE json_insert(took, '$[#]', json_extract(excluded.took, '$[0]')) END;
END;
