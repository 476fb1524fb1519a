-- 0006: why a person must look at a case, as rows instead of one free-text column
-- that the last writer overwrote. Each row has a kind (src/cases/model/attention.ts),
-- the text shown to the team, and the events that raised and cleared it; a kind is
-- cleared by its kind (a pinned key clears key_changed), never by matching wording.
-- At most one open row per case and kind: raising it again updates the text.
CREATE TABLE attention (
  id                INTEGER PRIMARY KEY,
  case_id           INTEGER NOT NULL REFERENCES cases(id),
  kind              TEXT NOT NULL,
  text              TEXT NOT NULL,          -- our words (addresses, tracking IDs, codes), never report text
  raised_at         TEXT NOT NULL,
  raised_by_event   INTEGER REFERENCES events(id),
  cleared_at        TEXT,
  cleared_by_event  INTEGER REFERENCES events(id)
);
CREATE UNIQUE INDEX attention_open_kind ON attention(case_id, kind) WHERE cleared_at IS NULL;
CREATE INDEX attention_by_case ON attention(case_id, id);

-- The old column's one line becomes one row. Its wording is read this once, here, to
-- give it a kind (the sentences are the ones releases up to 0.1.0 wrote); a line none
-- of them matches is kept as kind 'other', which only a person clears.
INSERT INTO attention (case_id, kind, text, raised_at)
SELECT id,
  CASE
    WHEN attention LIKE 'the same ciphertext came first from %' THEN 'replay'
    WHEN attention LIKE '% sent the same ciphertext (%' THEN 'replayed_by_other'
    WHEN attention LIKE 'could not decrypt: %' THEN 'undecryptable'
    WHEN attention LIKE 'part of the message was not encrypted%' THEN 'partial'
    WHEN attention LIKE 'the encrypted part says it is from %' THEN 'protected_from'
    WHEN attention LIKE 'the reporter sent a different public key%' THEN 'key_changed'
    WHEN attention LIKE '%, who is not the reporter, wrote naming this case%' THEN 'tracking_id_claimed'
    ELSE 'other'
  END,
  attention, updated_at
FROM cases WHERE attention IS NOT NULL AND attention != '';

ALTER TABLE cases DROP COLUMN attention;
