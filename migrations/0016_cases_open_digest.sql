-- 0016: the digest and the console's digest page read every open case (2,549 of 100,000
-- in the bench): its id, tracking ID, state, receipt, policy and sweep instant. Through
-- cases_open (id only) each was a lookup in the table, whose rows carry the sealed texts:
-- 12-37 ms of a digest whose goal is 100 ms (issue 11). This index holds those columns for
-- the open cases, so the read touches the index alone; the subjects of the few cases a
-- digest lists are read apart (deadlines/store.ts loadDigestSubjects). It serves every
-- query cases_open served (id first, the same WHERE), so that one goes.
CREATE INDEX cases_open_digest ON cases(id, tracking_id, state, created_at, policy, sweep_at) WHERE state != 'closed';
DROP INDEX cases_open;
