/**
 * The rules of a case's life, as pure functions: which state may follow which, what a
 * closing needs (a resolution; a duplicate names the case it duplicates), and the
 * forms of the values the team sets (severity, CVSS vector, CVE id, flags, embargo
 * date, assignee). Input comes from the team (CLI arguments, signed mail commands):
 * trusted for intent, checked for form, with errors that say what is allowed.
 */
import { SectriageError } from '../../errors.js';
import { scoreCvss } from '../../extract/cvss.js';
import { CASE_FLAGS, CASE_STATES, RESOLUTIONS, isCaseState, type CaseFlag, type CaseState, type Resolution } from './states.js';

/**
 * Allowed moves between open states. Any open state may also close; a closed case
 * only reopens (reopenCase). Going back is allowed where real work goes back: a
 * fix that turns out incomplete returns to fixing, a question returns to needs_info.
 */
const NEXT: Record<Exclude<CaseState, 'closed'>, readonly CaseState[]> = {
  received: ['needs_info', 'triaged', 'fixing'],
  needs_info: ['received', 'triaged', 'fixing'],
  triaged: ['needs_info', 'fixing', 'fix_released'],
  fixing: ['needs_info', 'triaged', 'fix_released'],
  fix_released: ['fixing', 'disclosed'],
  disclosed: ['fixing'],
};

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function parseState(s: string): CaseState {
  const v = s.trim().toLowerCase().replace(/-/g, '_');
  if (!isCaseState(v)) throw new SectriageError('USAGE', `unknown state "${s}": use one of ${CASE_STATES.join(', ')}`);
  return v;
}

export function parseResolution(s: string): Resolution {
  const v = s
    .trim()
    .toLowerCase()
    .replace(/[-\s']/g, (c) => (c === "'" ? '' : '_'))
    .replace(/^won_?t_fix$|^wontfix$/, 'wont_fix');
  if (!(RESOLUTIONS as readonly string[]).includes(v)) throw new SectriageError('USAGE', `unknown resolution "${s}": use one of ${RESOLUTIONS.join(', ')}`);
  return v as Resolution;
}

export interface TransitionRequest {
  from: string;
  to: CaseState;
  resolution?: Resolution | undefined;
  /** Tracking ID of the case this one duplicates (resolution duplicate). */
  duplicateOf?: string | undefined;
}

/** Throws a USAGE error saying what is allowed when the move is not. */
export function checkTransition(r: TransitionRequest): void {
  if (r.from === r.to) throw new SectriageError('USAGE', `the case is already ${r.to}`);
  if (r.from === 'closed') throw new SectriageError('USAGE', 'the case is closed: reopen it first (state reopen, or "cases state ID reopen")');
  if (r.to === 'closed') {
    if (!r.resolution) throw new SectriageError('USAGE', `closing needs a resolution: one of ${RESOLUTIONS.join(', ')}`);
    if (r.resolution === 'duplicate' && !r.duplicateOf)
      throw new SectriageError('USAGE', 'a duplicate names the case it duplicates (--duplicate-of ID, or "cases merge ID --into ID")');
    if (r.resolution !== 'duplicate' && r.duplicateOf) throw new SectriageError('USAGE', '--duplicate-of goes only with the resolution duplicate');
    return;
  }
  if (r.resolution || r.duplicateOf) throw new SectriageError('USAGE', 'a resolution is given only when closing');
  const allowed = NEXT[r.from as Exclude<CaseState, 'closed'>];
  if (!allowed) throw new SectriageError('USAGE', `the case is in an unknown state "${r.from}"`);
  if (!allowed.includes(r.to))
    throw new SectriageError('USAGE', `a case cannot go from ${r.from} to ${r.to}; from ${r.from} it may go to ${[...allowed, 'closed'].join(', ')}`);
}

/** The state a reopened case returns to unless one is named. */
export const REOPEN_STATE: CaseState = 'triaged';

export function checkReopen(from: string, to: CaseState): void {
  if (from !== 'closed') throw new SectriageError('USAGE', `only a closed case can be reopened; this one is ${from}`);
  if (to === 'closed') throw new SectriageError('USAGE', 'a case reopens into an open state');
}

export function parseSeverity(s: string): Severity {
  const v = s.trim().toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(v))
    throw new SectriageError('USAGE', `unknown severity "${s}": use one of ${SEVERITIES.join(', ')}, or give a CVSS vector with --cvss`);
  return v as Severity;
}

/**
 * A CVSS v3.x or v4.0 vector: every base metric present once with a legal value
 * (src/extract/cvss.ts, the same check reporters' vectors get), stored as given.
 */
export function parseCvssVector(s: string): string {
  const v = s.trim();
  const scored = scoreCvss(v);
  // Reports still carry v2 vectors (the extractor reads them), but advisories are written in 3.x or 4.0.
  if (scored.version === '2.0')
    throw new SectriageError('USAGE', `"${s}" is a CVSS v2 vector: give a CVSS 3.1 or 4.0 vector for the case (v2 is retired; NVD stopped scoring it in 2022)`);
  if (!scored.valid)
    throw new SectriageError(
      'USAGE',
      `"${s}" is not a complete CVSS vector (${scored.error ?? 'unreadable'}), e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`,
    );
  return v;
}

/** The severity a valid vector scores to (FIRST's rating scale), for a case whose severity the team did not set by hand. */
export function severityFromCvss(vector: string): Severity {
  return (scoreCvss(vector).severity ?? 'None').toLowerCase() as Severity;
}

/** CVE-YYYY-NNNN with four or more digits (the CVE ID syntax since 2014). */
export function parseCve(s: string): string {
  const v = s.trim().toUpperCase();
  if (!/^CVE-(199\d|2\d{3})-(\d{4,19})$/.test(v)) throw new SectriageError('USAGE', `"${s}" is not a CVE id (CVE-YYYY-NNNN, four or more digits)`);
  return v;
}

/** Flag names as people type them: exploited, public, on_hold / on-hold / hold. */
export function parseFlag(s: string): Exclude<CaseFlag, 'embargo'> {
  const v = s.trim().toLowerCase().replace(/-/g, '_');
  const name = v === 'hold' ? 'on_hold' : v;
  if (name === 'embargo') throw new SectriageError('USAGE', 'the embargo is a date: use --embargo YYYY-MM-DD (or none)');
  if (!(CASE_FLAGS as readonly string[]).includes(name)) throw new SectriageError('USAGE', `unknown flag "${s}": use one of exploited, public, on_hold`);
  return name as Exclude<CaseFlag, 'embargo'>;
}

/** An embargo end date (YYYY-MM-DD, a real calendar day), or null for "none". */
export function parseEmbargo(s: string): string | null {
  const v = s.trim().toLowerCase();
  if (v === 'none' || v === 'off' || v === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(`${v}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw new SectriageError('USAGE', `"${s}" is not a date: use YYYY-MM-DD, or none`);
  return v;
}

/** A team member's name, as the config's team: list spells it (case-insensitive). */
export function resolveAssignee(name: string, team: Array<{ name: string }>): string | null {
  const v = name.trim();
  if (v.toLowerCase() === 'none' || v === '-') return null;
  const m = team.find((t) => t.name.toLowerCase() === v.toLowerCase());
  if (!m)
    throw new SectriageError(
      'USAGE',
      team.length
        ? `"${name}" is not on the team: use one of ${team.map((t) => t.name).join(', ')} (or none)`
        : `"${name}" is not on the team: the config lists no team members (team:)`,
    );
  return m.name;
}
