/**
 * The one error type of sectriage. Every failure carries a stable code, whether
 * it is temporary (retry later: Postfix's 4xx) or permanent (hold: 5xx), and the
 * underlying cause. Messages are for operators: they say what to do, and never
 * contain secrets or decrypted text.
 */

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'SECRET_MISSING'
  | 'FILE_PERMISSIONS'
  | 'DB_TOO_NEW'
  | 'DB_MIGRATION_FAILED'
  | 'KEY_UNREADABLE'
  | 'KEY_MISMATCH'
  | 'KEY_EXISTS'
  | 'KEY_PASSPHRASE'
  | 'SPOOL_UNAVAILABLE'
  | 'MESSAGE_TOO_LARGE'
  | 'MESSAGE_UNPARSEABLE'
  | 'PGP_NO_KEY'
  | 'PGP_CORRUPT'
  | 'PGP_UNSUPPORTED'
  | 'PGP_LIMIT'
  | 'PGP_INTEGRITY'
  | 'IMAP'
  | 'SMTP_TEMPORARY'
  | 'SMTP_PERMANENT'
  | 'CASE_NOT_FOUND'
  | 'AUDIT_FAILED'
  | 'DOCTOR_FAILED'
  | 'BACKUP_FAILED'
  | 'DEADLINE_SWEEP'
  | 'EVENT_INVALID'
  | 'ADVISORY_INCOMPLETE'
  | 'ADVISORY_INVALID'
  | 'CVE_SERVICES'
  | 'CVE_SERVICES_TEMPORARY'
  | 'SEAL_KEY_MISSING'
  | 'SEAL_INVALID'
  | 'USAGE';

/** Codes that mean "try again later"; everything else is permanent. */
const TEMPORARY: ReadonlySet<ErrorCode> = new Set(['IMAP', 'SMTP_TEMPORARY', 'SPOOL_UNAVAILABLE', 'CVE_SERVICES_TEMPORARY']);

export class SectriageError extends Error {
  readonly code: ErrorCode;
  readonly temporary: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; temporary?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SectriageError';
    this.code = code;
    this.temporary = options.temporary ?? TEMPORARY.has(code);
  }
}

/** Normalises whatever a catch receives into an Error (graphile-worker's coerceError). */
export function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A one-line description safe for logs and the database: code and message, no stack, no payload. */
export function describeError(value: unknown): string {
  const err = asError(value);
  return err instanceof SectriageError ? `${err.code}: ${err.message}` : err.message;
}
