-- 0009: large blobs in pieces (issue 11). SQLite and better-sqlite3 copy a blob whole: twice
-- on a write (the bound value, then the record) and once on a read, so a 70 MiB message in
-- one row cost 210 MiB of memory to store and 140 MiB to read back. A spool entry or an
-- attachment larger than DEFAULTS.blobChunkBytes keeps an empty blob (X'') in its own row
-- and its bytes here, in order, written in the same transaction as the row (src/db/chunks.ts).
-- Its bytes are always: the row's blob, then its pieces by seq; the row's size checks them.

CREATE TABLE spool_chunks (
  id        INTEGER PRIMARY KEY,
  spool_id  INTEGER NOT NULL REFERENCES spool(id),
  seq       INTEGER NOT NULL,
  data      BLOB NOT NULL
);
CREATE UNIQUE INDEX spool_chunks_by_entry ON spool_chunks(spool_id, seq);

CREATE TABLE attachment_chunks (
  id             INTEGER PRIMARY KEY,
  attachment_id  INTEGER NOT NULL REFERENCES attachments(id),
  seq            INTEGER NOT NULL,
  data           BLOB NOT NULL
);
CREATE UNIQUE INDEX attachment_chunks_by_attachment ON attachment_chunks(attachment_id, seq);
