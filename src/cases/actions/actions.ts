/**
 * What the team does to a case, as database writes: change its state (close, reopen),
 * acknowledge, assign, note, set severity / CVSS / CVE / flags / embargo, merge a
 * duplicate, reply to the reporter. Shared by the CLI and emailed commands. Every
 * function runs inside the caller's transaction and records its change as an event
 * (who: ctx.actor; from which mail: ctx.spoolId) in that same transaction; mail the
 * change causes (the reporter's status notice, a team reply) is queued there too.
 * Values arrive already checked for form by lifecycle.ts.
 */
import type { Db } from '../../db/open.js';
import { SectriageError } from '../../errors.js';
import { DEFAULTS } from '../../limits.js';
import { enqueueMail } from '../store/outbox.js';
import type { TeamMailParams } from '../../outbox/templates-team.js';
import { appendEvent } from '../store/event-log.js';
import { REOPEN_STATE, checkReopen, checkTransition, type Severity } from '../model/lifecycle.js';
import type { CaseFlag, CaseState, Resolution } from '../model/states.js';
import { getCase, type CaseRow } from '../store/cases.js';

export interface ActionContext {
  db: Db;
  now: Date;
  /** cli:<unix user> or key:<fingerprint>. */
  actor: string;
  /** The spool entry of the command mail, for emailed commands. */
  spoolId?: number | null;
  /** States the reporter is told about (policy reporterNotices). */
  reporterNotices: readonly string[];
  teamAddress: string;
  timezone: string;
}

export interface WorkflowCase extends CaseRow {
  assignee: string | null;
  severity: string | null;
  cvss_vector: string | null;
  cve: string | null;
  resolution: string | null;
  duplicate_of: number | null;
  acknowledged_at: string | null;
  closed_at: string | null;
  flag_exploited: number;
  flag_public: number;
  flag_on_hold: number;
  embargo_until: string | null;
}

export function loadCase(db: Db, trackingId: string): WorkflowCase {
  const c = getCase(db, trackingId.trim());
  if (!c) throw new SectriageError('CASE_NOT_FOUND', `no case ${trackingId}`);
  return c as WorkflowCase;
}

function event(ctx: ActionContext, caseId: number, type: string, data: Record<string, unknown>): void {
  appendEvent(ctx.db, { caseId, at: ctx.now.toISOString(), actor: ctx.actor, type, data, spoolId: ctx.spoolId ?? null });
}

function touch(ctx: ActionContext, caseId: number, set: string, ...values: unknown[]): void {
  ctx.db.prepare(`UPDATE cases SET ${set ? `${set}, ` : ''}updated_at = ? WHERE id = ?`).run(...values, ctx.now.toISOString(), caseId);
}

export interface StateRequest {
  /** A state, or 'reopen' (back to `reopenTo`, default triaged). */
  to: CaseState | 'reopen';
  reopenTo?: CaseState;
  resolution?: Resolution;
  duplicateOf?: string;
  note?: string;
  /** False when the change tells the reporter nothing new (their own answer resumed the case). */
  notify?: boolean;
}

export function changeState(ctx: ActionContext, c: WorkflowCase, r: StateRequest): { from: string; to: CaseState } {
  const from = c.state;
  let to: CaseState;
  let dup: WorkflowCase | undefined;
  if (r.to === 'reopen') {
    to = r.reopenTo ?? REOPEN_STATE;
    checkReopen(from, to);
    touch(ctx, c.id, 'state = ?, resolution = NULL, duplicate_of = NULL, closed_at = NULL', to);
  } else {
    to = r.to;
    checkTransition({ from, to, resolution: r.resolution, duplicateOf: r.duplicateOf });
    if (r.duplicateOf) {
      dup = loadCase(ctx.db, r.duplicateOf);
      if (dup.id === c.id) throw new SectriageError('USAGE', 'a case cannot be a duplicate of itself');
      if (dup.duplicate_of !== null) throw new SectriageError('USAGE', `${dup.tracking_id} is itself a duplicate; name the case it duplicates`);
    }
    if (to === 'closed') touch(ctx, c.id, 'state = ?, resolution = ?, duplicate_of = ?, closed_at = ?', to, r.resolution, dup?.id ?? null, ctx.now.toISOString());
    else touch(ctx, c.id, 'state = ?', to);
  }
  event(ctx, c.id, 'state_changed', {
    from,
    to,
    ...(r.resolution ? { resolution: r.resolution } : {}),
    ...(dup ? { duplicateOf: dup.tracking_id } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.to === 'reopen' ? { reopened: true } : {}),
  });
  // Spam gets no mail back: answering it confirms the address and feeds the sender.
  if (ctx.reporterNotices.includes(to) && r.to !== 'reopen' && r.resolution !== 'spam' && r.notify !== false) notifyReporter(ctx, c, to, r.resolution ?? null);
  return { from, to };
}

/**
 * A state change as the team asks for it: closing as a duplicate is a merge (the
 * reporter is credited on the other case), anything else a plain state change.
 */
export function requestState(ctx: ActionContext, c: WorkflowCase, r: StateRequest): { from: string; to: CaseState } {
  if (r.to === 'closed' && r.resolution === 'duplicate' && r.duplicateOf) {
    checkTransition({ from: c.state, to: 'closed', resolution: 'duplicate', duplicateOf: r.duplicateOf });
    mergeInto(ctx, c, loadCase(ctx.db, r.duplicateOf), r.note);
    return { from: c.state, to: 'closed' };
  }
  return changeState(ctx, c, r);
}

/**
 * The reporter answered while the case waited on them (needs_info): the case goes
 * back to the state it was in before, and the policy clock runs again. Returns the
 * state it resumed, or null when the case was not waiting.
 */
export function resumeAfterAnswer(ctx: ActionContext, c: WorkflowCase): CaseState | null {
  if (c.state !== 'needs_info') return null;
  const asked = ctx.db.prepare("SELECT data FROM events WHERE case_id = ? AND type = 'state_changed' AND json_extract(data, '$.to') = 'needs_info' ORDER BY id DESC LIMIT 1").get(c.id) as { data: string } | undefined;
  const before = asked ? (JSON.parse(asked.data) as { from?: string }).from : undefined;
  const to: CaseState = before && before !== 'needs_info' && before !== 'closed' ? (before as CaseState) : 'received';
  changeState(ctx, c, { to, note: 'the reporter answered', notify: false });
  return to;
}

/** Queues the status notice to the reporter, encrypted when we hold their pinned key. */
function notifyReporter(ctx: ActionContext, c: WorkflowCase, state: CaseState, resolution: string | null): void {
  if (c.no_reply_reason && c.no_reply_reason !== 'rate_limited') {
    // Mail we never answered (a bounce, a list, auto-submitted) gets no notices either.
    event(ctx, c.id, 'reporter_notice_skipped', { state, reason: c.no_reply_reason });
    return;
  }
  const params: TeamMailParams = { kind: 'status_notice', state, resolution, ...mailCommon(ctx, c) };
  const { id, messageId } = enqueueMail(ctx.db, { caseId: c.id, kind: 'status_notice', auto: false, to: c.reporter_email, envelopeFrom: ctx.teamAddress, params, at: ctx.now, domain: domainOf(ctx.teamAddress) });
  event(ctx, c.id, 'reporter_notice_queued', { outboxId: id, messageId, state, encrypted: Boolean(params.encryptTo) });
}

const domainOf = (address: string): string => address.split('@')[1] as string;

export function pinnedFingerprint(db: Db, email: string): string | null {
  return (db.prepare("SELECT fingerprint FROM reporter_keys WHERE email = ? AND status = 'pinned'").get(email.toLowerCase()) as { fingerprint: string } | undefined)?.fingerprint ?? null;
}

/**
 * Threading for mail to the reporter: In-Reply-To the case's latest message (theirs or
 * ours), References every Message-ID of the case in order (the first and the latest
 * ones when there are more than DEFAULTS.threadReferencesMax).
 */
export function caseThread(db: Db, caseId: number): { inReplyTo: string | null; references: string[] } {
  const ids = (
    db
      .prepare(
        `SELECT message_id AS id, at FROM messages WHERE case_id = ? AND message_id IS NOT NULL
         UNION SELECT message_id AS id, created_at AS at FROM outbox WHERE case_id = ? AND kind IN ('ack', 'reencrypt_request', 'status_notice', 'team_reply')
         ORDER BY at, id`,
      )
      .all(caseId, caseId) as Array<{ id: string }>
  ).map((r) => r.id);
  const unique = [...new Set(ids)];
  const max = DEFAULTS.threadReferencesMax;
  const refs = unique.length > max ? [unique[0] as string, ...unique.slice(-(max - 1))] : unique;
  return { inReplyTo: unique.at(-1) ?? null, references: refs };
}

function mailCommon(ctx: ActionContext, c: WorkflowCase) {
  const thread = caseThread(ctx.db, c.id);
  return {
    trackingId: c.tracking_id,
    to: c.reporter_email,
    toName: c.reporter_name,
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    teamAddress: ctx.teamAddress,
    timezone: ctx.timezone,
    encryptTo: pinnedFingerprint(ctx.db, c.reporter_email),
  };
}

/** A team member's reply to the reporter. Refuses plain mail unless allowed: the text may quote the report. */
export function replyToReporter(ctx: ActionContext, c: WorkflowCase, text: string, opts: { allowPlain: boolean }): { outboxId: number; messageId: string; encrypted: boolean } {
  if (!text.trim()) throw new SectriageError('USAGE', 'the reply is empty');
  const common = mailCommon(ctx, c);
  if (!common.encryptTo && !opts.allowPlain) {
    throw new SectriageError('USAGE', `we hold no key for ${c.reporter_email}, so the reply would go unencrypted: send it anyway with --allow-plain (by mail: /reply-plain), or ask the reporter for their key`);
  }
  const params: TeamMailParams = { kind: 'team_reply', text, ...common };
  const { id, messageId } = enqueueMail(ctx.db, { caseId: c.id, kind: 'team_reply', auto: false, to: c.reporter_email, envelopeFrom: ctx.teamAddress, params, at: ctx.now, domain: domainOf(ctx.teamAddress) });
  ctx.db
    .prepare(
      `INSERT INTO messages (case_id, spool_id, outbox_id, direction, message_id, in_reply_to, refs, from_addr, subject, body_text, encryption, signature, at)
       VALUES (?, ?, ?, 'out', ?, ?, ?, ?, NULL, ?, ?, 'none', ?)`,
    )
    .run(c.id, ctx.spoolId ?? null, id, messageId, common.inReplyTo, common.references.join(' '), ctx.teamAddress, text, common.encryptTo ? 'encrypted' : 'none', ctx.now.toISOString());
  event(ctx, c.id, 'team_reply_queued', { outboxId: id, messageId, encrypted: Boolean(common.encryptTo) });
  touch(ctx, c.id, '');
  return { outboxId: id, messageId, encrypted: Boolean(common.encryptTo) };
}

export function acknowledge(ctx: ActionContext, c: WorkflowCase): boolean {
  if (c.acknowledged_at) return false;
  touch(ctx, c.id, 'acknowledged_at = ?', ctx.now.toISOString());
  event(ctx, c.id, 'acknowledged', {});
  return true;
}

export function assign(ctx: ActionContext, c: WorkflowCase, member: string | null): void {
  if (c.assignee === member) throw new SectriageError('USAGE', member ? `${c.tracking_id} is already assigned to ${member}` : `${c.tracking_id} is not assigned`);
  touch(ctx, c.id, 'assignee = ?', member);
  event(ctx, c.id, 'assigned', { from: c.assignee, to: member });
}

export function addNote(ctx: ActionContext, c: WorkflowCase, note: string): void {
  if (!note.trim()) throw new SectriageError('USAGE', 'the note is empty');
  event(ctx, c.id, 'note_added', { note });
  touch(ctx, c.id, '');
}

export function setSeverity(ctx: ActionContext, c: WorkflowCase, severity: Severity | null, cvssVector?: string): void {
  touch(ctx, c.id, 'severity = ?, cvss_vector = ?', severity, cvssVector ?? (severity === c.severity ? c.cvss_vector : null));
  event(ctx, c.id, 'severity_set', { from: c.severity, to: severity, ...(cvssVector ? { cvssVector } : {}) });
}

export function setCve(ctx: ActionContext, c: WorkflowCase, cve: string | null): void {
  if (cve) {
    const other = ctx.db.prepare('SELECT tracking_id FROM cases WHERE cve = ? AND id != ?').get(cve, c.id) as { tracking_id: string } | undefined;
    if (other) throw new SectriageError('USAGE', `${cve} is already on ${other.tracking_id}`);
  }
  touch(ctx, c.id, 'cve = ?', cve);
  event(ctx, c.id, 'cve_set', { from: c.cve, to: cve });
}

const FLAG_COLUMNS: Record<Exclude<CaseFlag, 'embargo'>, string> = { exploited: 'flag_exploited', public: 'flag_public', on_hold: 'flag_on_hold' };

export function setFlag(ctx: ActionContext, c: WorkflowCase, flag: Exclude<CaseFlag, 'embargo'>, value: boolean): boolean {
  const column = FLAG_COLUMNS[flag];
  if (((c as unknown as Record<string, number>)[column] === 1) === value) return false;
  touch(ctx, c.id, `${column} = ?`, value ? 1 : 0);
  event(ctx, c.id, 'flag_set', { flag, value });
  return true;
}

export function setEmbargo(ctx: ActionContext, c: WorkflowCase, date: string | null): boolean {
  if (c.embargo_until === date) return false;
  touch(ctx, c.id, 'embargo_until = ?', date);
  event(ctx, c.id, 'flag_set', { flag: 'embargo', value: date });
  return true;
}

/**
 * Closes `source` as a duplicate of `target` and credits its reporter (and anyone
 * credited on it) on the target, so the first finder and the later ones all appear
 * when the advisory is written.
 */
export function mergeInto(ctx: ActionContext, source: WorkflowCase, target: WorkflowCase, note?: string): void {
  if (source.id === target.id) throw new SectriageError('USAGE', 'a case cannot be merged into itself');
  if (target.state === 'closed' && target.resolution === 'duplicate') throw new SectriageError('USAGE', `${target.tracking_id} is itself a duplicate; merge into the case it duplicates`);
  changeState(ctx, source, { to: 'closed', resolution: 'duplicate', duplicateOf: target.tracking_id, ...(note ? { note } : {}) });
  const at = ctx.now.toISOString();
  const credit = ctx.db.prepare('INSERT OR IGNORE INTO case_credits (case_id, email, name, via_case_id, added_at) VALUES (?, ?, ?, ?, ?)');
  credit.run(target.id, target.reporter_email, target.reporter_name, null, at);
  credit.run(source.id, source.reporter_email, source.reporter_name, null, at);
  const moved = ctx.db.prepare('SELECT email, name FROM case_credits WHERE case_id = ?').all(source.id) as Array<{ email: string; name: string | null }>;
  const added: string[] = [];
  for (const m of moved) if (credit.run(target.id, m.email, m.name, source.id, at).changes > 0) added.push(m.email);
  // Later duplicates of the source now point at the target.
  ctx.db.prepare('UPDATE cases SET duplicate_of = ? WHERE duplicate_of = ?').run(target.id, source.id);
  event(ctx, target.id, 'duplicate_merged', { from: source.tracking_id, credited: added });
  touch(ctx, target.id, '');
}

export function credits(db: Db, caseId: number): Array<{ email: string; name: string | null; via: string | null }> {
  return db
    .prepare('SELECT cc.email, cc.name, v.tracking_id AS via FROM case_credits cc LEFT JOIN cases v ON v.id = cc.via_case_id WHERE cc.case_id = ? ORDER BY cc.id')
    .all(caseId) as Array<{ email: string; name: string | null; via: string | null }>;
}
