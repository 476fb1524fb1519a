/**
 * The clock the commands run on: the real one, or fixed at --now (tests and previews
 * never wait on real time). Its own module so the look-only commands get it without
 * loading the daemon's wiring. Input: the operator's --now text, checked.
 */
import { SectriageError } from '../errors.js';

export function clockAt(nowIso?: string): () => Date {
  if (!nowIso) return () => new Date();
  const t = Date.parse(nowIso);
  if (Number.isNaN(t)) throw new SectriageError('USAGE', `--now: "${nowIso}" is not an ISO-8601 time`);
  return () => new Date(t);
}
