/**
 * The clock the commands run on: the real one, or fixed at --now. A command that only
 * looks (lists, explain, previews) may take any --now. A command that records events
 * may not: the record must carry the real time, or `cases note --now 2020-...` writes a
 * 2020 event that `audit verify` calls intact. Tests (and the throwaway demo) fix the
 * clock of recording commands through an explicit switch, SECTRIAGE_TEST_CLOCK=1,
 * which the daemon, the systemd unit and the README never set. Its own module so the
 * look-only commands get it without loading the daemon's wiring. Input: the
 * operator's --now text, checked.
 */
import { SectriageError } from '../errors.js';

/** The environment switch that lets a recording command run on a fixed clock: tests only. */
export const TEST_CLOCK_ENV = 'SECTRIAGE_TEST_CLOCK';

/** A clock for a command that only looks: fixed at --now when given. */
export function clockAt(nowIso?: string): () => Date {
  if (!nowIso) return () => new Date();
  const t = Date.parse(nowIso);
  if (Number.isNaN(t)) throw new SectriageError('USAGE', `--now: "${nowIso}" is not an ISO-8601 time`);
  return () => new Date(t);
}

/** Whether this process may record events at a time that is not now (the test switch is on). */
export function testClockAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TEST_CLOCK_ENV] === '1';
}

/**
 * A clock for a command that records: the real one. --now is refused (events would be
 * backdated) unless the test switch is on; `what` names the command in the error.
 */
export function recordingClockAt(nowIso: string | undefined, what: string, env: NodeJS.ProcessEnv = process.env): () => Date {
  if (nowIso && !testClockAllowed(env)) {
    throw new SectriageError(
      'USAGE',
      `${what}: --now is refused for a command that changes the record (its events would carry a time that is not now); ` +
        `--now is for previews and commands that only look (${TEST_CLOCK_ENV}=1 allows it in tests)`,
    );
  }
  return clockAt(nowIso);
}
