-- A MinHash sketch of each case's report text (title and first inbound message), made
-- once when the case opens: duplicate detection compares a new report with the open
-- cases' sketches instead of re-reading and re-shingling their texts (issue 11).
-- Cases from before this migration are sketched on first use (see store/duplicates.ts).
CREATE TABLE case_sketches (
  case_id   INTEGER PRIMARY KEY REFERENCES cases(id),
  minhash   BLOB NOT NULL,                -- 128 x uint32, little-endian (src/extract/minhash.ts)
  vuln_type TEXT,                         -- the case's vulnType and component fields, kept here
  component TEXT,                         -- so that the scan reads no case_fields rows
  made_at   TEXT NOT NULL
);
