/**
 * pino JSON logs to stderr (stdout belongs to CLI output; the journal takes both).
 * Components log through child loggers ({component}). Log calls pass ids, codes and
 * sizes only: never message text, subjects of encrypted mail, or secrets. The redact
 * list is a second line of defence for fields that must never appear.
 */
import pino from 'pino';

export type Logger = pino.Logger;

export const REDACT_PATHS = ['pass', 'passphrase', '*.pass', '*.passphrase', 'auth.pass', '*.auth.pass', 'body', '*.body', 'text', '*.text', 'raw', '*.raw'];

export function createLogger(level = process.env.SECTRIAGE_LOG_LEVEL ?? 'info', destination: number | string = 2): Logger {
  return pino(
    {
      level,
      base: { name: 'sectriage' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: destination, sync: true }),
  );
}

/** A logger that drops everything, for pure-logic tests and CLI commands that print. */
export const silentLogger: Logger = pino({ level: 'silent' });
