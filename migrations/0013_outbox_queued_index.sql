-- 0013: the sender's "next queued row after id N" (cases/store/outbox.ts nextDue and
-- dueUnrendered) walks this partial index in id order and stops at the first row due.
-- Through outbox_due (state, next_attempt_at) it gathered every queued row and sorted them
-- for each mail sent, so a burst of N acknowledgements cost O(N^2) (issue 11: 0.4 ms a
-- mail at a 1,000-report backlog). Only queued rows are in it, so it stays small.
CREATE INDEX outbox_queued ON outbox(id) WHERE state = 'queued';
