-- 0003: the fields read out of each report (src/extract), what the report still lacks
-- under its policy, and possible duplicates among open cases.

-- One row per field per case. A follow-up from the reporter adds fields the case lacked;
-- it never overwrites what the first report said (message_id says which mail it came from).
CREATE TABLE case_fields (
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  field       TEXT NOT NULL,              -- a FieldName of src/extract/types.ts
  value       TEXT NOT NULL,              -- JSON, normalised (canonical type, ISO date, CVSS with score)
  sources     TEXT NOT NULL,              -- JSON: [{start,end} | {attachment} | {header}] in that message
  message_id  INTEGER NOT NULL REFERENCES messages(id),
  at          TEXT NOT NULL,
  PRIMARY KEY (case_id, field)
);

-- Report-level facts: several vulnerabilities in one mail, the spam signal, and what the
-- policy asks for that the report lacks (asked for once, in the acknowledgement).
CREATE TABLE case_report (
  case_id           INTEGER PRIMARY KEY REFERENCES cases(id),
  parts             TEXT,                 -- JSON [{title, source, vulnType}] when one mail reports several
  spam_likely       INTEGER NOT NULL,
  spam_score        INTEGER NOT NULL,
  spam_reasons      TEXT NOT NULL,        -- JSON list of our words, never report text
  missing_required  TEXT NOT NULL,        -- JSON list of policy entries ("steps|poc")
  missing_helpful   TEXT NOT NULL,
  asked             TEXT,                 -- JSON list of entries asked for in the acknowledgement; NULL: not asked
  updated_at        TEXT NOT NULL
);

-- Open cases that look like the same report: same component and type, similar words.
CREATE TABLE duplicate_candidates (
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  candidate_id  INTEGER NOT NULL REFERENCES cases(id),
  score         REAL NOT NULL,            -- 0..1
  reasons       TEXT NOT NULL,            -- JSON list: same_type, same_component, text:<similarity>
  at            TEXT NOT NULL,
  PRIMARY KEY (case_id, candidate_id)
);
CREATE INDEX duplicate_candidates_by_candidate ON duplicate_candidates(candidate_id);
