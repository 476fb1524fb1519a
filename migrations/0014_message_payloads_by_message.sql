-- 0014: a message's payload rows are found by the message (setPayloads replaces them when a
-- held message is opened again, and a merge or requeue reads them). Without this index each
-- of those scanned every payload row ever recorded, so the cost per report grew with the
-- database (issue 11: 0.23 ms a report at 3,000 cases, 15x what it was on an empty one).
CREATE INDEX message_payloads_by_message ON message_payloads(message_id);
