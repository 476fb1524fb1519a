/**
 * Which stored columns hold report content, and so are sealed, with the scope whose data
 * key seals each row. One list, read by the sealing of existing rows (seal-existing.ts)
 * and by the canary test; the writers in src/cases/store, src/spool and src/db/chunks.ts
 * seal the same columns with the same labels.
 *
 * Left clear on purpose (the deadline engine, lists and metrics must not decrypt):
 * ids, tracking ids, states, dates and due times, CWE and vulnerability class
 * (case_sketches.vuln_type), sizes and hashes, addresses and names of reporters
 * (routing needs them), hold reasons and event kinds (our own words).
 */

export interface SealedColumn {
  table: string;
  column: string;
  /** text: a TEXT column; blob: bytes (an empty blob means "in chunks"); chunk: one numbered piece. */
  kind: 'text' | 'blob' | 'chunk';
  /** SQL over the row giving its scope (src/seal/sealer.ts). Qualify the row's columns in a
   *  subquery: `messages` has a message_id column of its own. */
  scope: string;
  /** SQL limiting which rows hold content (events: only the kinds that carry words). */
  where?: string;
}

/** Event kinds whose data carries people's words (notes, advisory text, a search query): sealed. */
export const SEALED_EVENT_TYPES = ['note_added', 'state_changed', 'attention_cleared', 'advisory_set', 'case_viewed', 'linked_to_case'] as const;

const caseOf = "'case:' || case_id";
const outboxScopeSql = "CASE WHEN case_id IS NOT NULL THEN 'case:' || case_id ELSE 'outbox:' || message_id END";

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'cases', column: 'subject', kind: 'text', scope: "'case:' || id" },
  { table: 'messages', column: 'subject', kind: 'text', scope: caseOf },
  { table: 'messages', column: 'body_text', kind: 'text', scope: caseOf },
  { table: 'messages', column: 'unencrypted_text', kind: 'text', scope: caseOf },
  { table: 'case_fields', column: 'value', kind: 'text', scope: caseOf },
  { table: 'case_report', column: 'parts', kind: 'text', scope: caseOf },
  { table: 'case_sketches', column: 'component', kind: 'text', scope: caseOf },
  { table: 'events', column: 'data', kind: 'text', scope: caseOf, where: `type IN (${SEALED_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})` },
  { table: 'attachments', column: 'content', kind: 'blob', scope: "'case:' || (SELECT m.case_id FROM messages m WHERE m.id = attachments.message_id)" },
  {
    table: 'attachment_chunks',
    column: 'data',
    kind: 'chunk',
    scope: "'case:' || (SELECT m.case_id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = attachment_chunks.attachment_id)",
  },
  { table: 'spool', column: 'raw', kind: 'blob', scope: "'spool:' || sha256" },
  { table: 'spool_chunks', column: 'data', kind: 'chunk', scope: "'spool:' || (SELECT s.sha256 FROM spool s WHERE s.id = spool_chunks.spool_id)" },
  { table: 'outbox', column: 'params', kind: 'text', scope: outboxScopeSql },
  { table: 'outbox', column: 'raw', kind: 'blob', scope: outboxScopeSql },
];

/** The label a value is sealed under (bound into it): its column, and a piece's place. */
export function sealLabel(table: string, column: string, seq?: number): string {
  return seq === undefined ? `${table}.${column}` : `${table}.${column}#${seq}`;
}
