// SQL that reads a sealed column as its plain text (src/seal/): tests look at what was
// stored through the same functions the store uses, on a connection opened with its key.
export const opened = (table: string, column: string, caseId = 'case_id', alias = ''): string =>
  `case_text(${alias}${column}, ${caseId}, '${table}.${column}')`;

export const OUTBOX_PARAMS = "unseal_text(params, CASE WHEN case_id IS NOT NULL THEN 'case:' || case_id ELSE 'outbox:' || message_id END, 'outbox.params')";
export const EVENT_DATA = opened('events', 'data');
