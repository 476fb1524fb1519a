/**
 * Takes spool entries through open -> decide -> apply. The slow, async part
 * (decrypting, parsing, verifying a command's signature) runs first; then the decision
 * and everything it writes (case, message, attachments, events, reporter keys, outbox
 * rows and the spool entry's final state) happen in ONE transaction, so a crash leaves
 * either none of it or all of it, and the entry is simply processed again on restart.
 * Input: spool bytes (hostile). Nothing from the message reaches the logs but ids,
 * sizes and codes.
 */
import { pinnedFingerprint, pinnedKey } from '../cases/store/reporter-keys.js';
import { inboundMessageOfSpool } from '../cases/store/messages.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import { describeError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS } from '../limits.js';
import type { Logger } from '../log.js';
import { spillDirFor } from '../util/spill-file.js';
import type { TeamKeys } from '../open/team-keys.js';
import type { TeamMemberKey } from '../open/team-members.js';
import type { Policy } from '../policy/schema.js';
import { countFailedAttempt, finishSpool, nextIncoming, spoolState, type SpoolRow } from '../spool/spool.js';
import { verifyTeamMail } from '../team/verify-command.js';
import { apply, type CommandCheck } from './apply.js';
import type { RecordContext } from './context.js';
import { trackingIdOf } from '../cases/store/cases.js';
import { decide, type Decision } from './decide.js';
import { isCommandMail, messageFacts } from './facts.js';
import { storeLookups } from './lookups.js';
import type { Opener } from './open-pool.js';
import { openSpooled, type OpenOutcome, type PinnedSeen } from './open-stage.js';

export interface PipelineDeps {
  db: Db;
  config: Config;
  teamKeys: TeamKeys;
  policy: Policy;
  teamAddress: string;
  log: Logger;
  now: () => Date;
  stopping?: () => boolean;
  /** The team keyring (config team:), for signed emailed commands. */
  teamMembers?: TeamMemberKey[];
  /** Open workers: a backlog is opened on other cores, read ahead; without, in this thread. */
  opener?: Opener;
  /** Called after each message's transaction committed (its acknowledgement may be waiting in the outbox). */
  recorded?: () => void;
}

/**
 * Processes every incoming spool entry; returns how many it finished. With open workers,
 * the next entries are read ahead and opened in parallel, but each is still recorded by
 * this thread alone, one transaction each, in spool order: a crash at any point leaves
 * the unrecorded ones 'incoming', to be opened again on restart.
 */
export async function processSpool(deps: PipelineDeps): Promise<number> {
  let n = 0;
  let after = 0;
  const ahead: Array<{ row: SpoolRow; opening?: Promise<OpenOutcome | undefined> }> = [];
  for (;;) {
    if (deps.stopping?.()) break;
    // Not past a big one: each read ahead holds its bytes (issue 11: a 70 MiB PoC in 300 MiB).
    while (ahead.length < (deps.opener?.window ?? 1) && !ahead.some((a) => a.row.size > DEFAULTS.openInWorkerMaxBytes)) {
      const row = nextIncoming(deps.db, after);
      if (!row) break;
      after = row.id;
      ahead.push({ row });
    }
    // A lone message is opened here, at once (the pickup latency on IDLE); a backlog goes
    // to the workers. Big ones stay here too: a copy per worker would multiply their memory.
    // Until a worker has loaded (~0.5 s), this thread opens the backlog's head itself.
    if (deps.opener && ahead.length > 1) deps.opener.warm();
    if (deps.opener?.ready && ahead.length > 1) {
      for (const a of ahead) {
        if (a.opening || !a.row.raw || a.row.size > DEFAULTS.openInWorkerMaxBytes) continue;
        a.opening = deps.opener.open(a.row.raw);
        a.opening.catch(() => {}); // awaited in its turn; until then a rejection is not "unhandled"
      }
    }
    const next = ahead.shift();
    if (!next) break;
    const { row } = next;
    try {
      await processOne(deps, row, next.opening);
    } catch (e) {
      // A message that breaks processing (a bug, a full disk, a worker it killed) must not
      // block the ones behind it: count the attempt and hold it once it has failed repeatedly.
      const attempts = row.attempts + 1;
      const hold = attempts >= DEFAULTS.processMaxAttempts;
      countFailedAttempt(deps.db, row.id, attempts, hold ? `PROCESSING_FAILED: ${describeError(e)}` : null);
      deps.log.error({ spoolId: row.id, attempts, held: hold, err: describeError(e) }, 'processing failed');
    }
    deps.recorded?.();
    n++;
  }
  return n;
}

export async function processOne(deps: PipelineDeps, row: SpoolRow, opening?: Promise<OpenOutcome | undefined>): Promise<void> {
  const { db, log } = deps;
  const now = deps.now();
  if (!row.raw) {
    db.transaction(() =>
      finishSpool(db, row.id, { ...keepCase(row), state: 'held', holdReason: 'MESSAGE_UNPARSEABLE: spool entry has no bytes', at: now }),
    ).immediate();
    return;
  }
  const members = deps.teamMembers ?? [];
  let outcome = (await opening) ?? (await openHere(deps, row.raw, members));
  // Opened ahead, before an earlier message of the backlog pinned this sender a new key:
  // open it again, so its signature is judged as it would have been one at a time.
  if (outcome.kind === 'opened' && pinnedChanged(db, outcome.pinnedSeen)) outcome = await openHere(deps, row.raw, members);
  if (outcome.kind === 'held') {
    const reason = outcome.reason;
    db.transaction(() => finishSpool(db, row.id, { ...keepCase(row), state: 'held', holdReason: reason, at: now })).immediate();
    log.warn({ spoolId: row.id, reason }, 'message held: cannot be opened');
    return;
  }
  const { opened, fields, sketch, ahead } = outcome;
  // Verifying a command's signature is async, so it happens before the transaction.
  const member = members.find((m) => m.email === opened.from?.address);
  const isCommand = isCommandMail(opened, member !== undefined);
  const command: CommandCheck | undefined =
    member && isCommand ? { member, verdict: await verifyTeamMail(row.raw, opened, member, members, deps.config.limits) } : undefined;
  const ctx: RecordContext = {
    db,
    config: deps.config,
    policy: deps.policy,
    teamKeys: deps.teamKeys,
    teamAddress: deps.teamAddress,
    log,
    now,
    spool: row,
    opened,
    teamMembers: members,
    ...(fields ? { newReportFields: fields } : {}),
    ...(fields && sketch ? { newReportSketch: sketch } : {}),
    ...(fields && sketch && ahead ? { aheadDuplicates: ahead } : {}),
  };
  let decision: Decision | undefined;
  let caseId: number | null = null;
  db.transaction(() => {
    // Another process (the daemon beside an `ingest`) may have finished it meanwhile.
    if (spoolState(db, row.id) !== 'incoming') return;
    // Deciding reads what other messages made; inside the write transaction, two
    // processes cannot both decide that the same Message-ID is new.
    // A held message put back by `sectriage requeue` already has its case.
    const requeue =
      row.case_id !== null && row.disposition
        ? { caseId: row.case_id, disposition: row.disposition, messageRowId: inboundMessageOfSpool(db, row.id) }
        : undefined;
    const facts = messageFacts(opened, row.raw as Buffer, {
      ourAddresses: [deps.teamAddress],
      trackingPrefix: deps.config.trackingPrefix,
      teamAddresses: members.map((m) => m.email),
      isCommand,
      requeue,
    });
    decision = decide(facts, storeLookups(db));
    caseId = apply(ctx, decision, command);
  }).immediate();
  // Operators search the journal by the tracking ID the reporter quotes, not by our row ids.
  const trackingId = caseId === null ? null : (trackingIdOf(db, caseId) ?? null);
  log.info(
    { spoolId: row.id, route: decision?.kind ?? 'taken-by-another-process', trackingId, encryption: opened.encryption, signature: opened.signature.status },
    'message processed',
  );
  failpoint('after-case-commit');
}

/** Opens (decrypts, verifies, parses) the entry in this thread. */
function openHere(deps: PipelineDeps, raw: Buffer, members: TeamMemberKey[]): Promise<OpenOutcome> {
  const { db } = deps;
  return openSpooled(raw, {
    teamKeys: deps.teamKeys.keys,
    limits: deps.config.limits,
    members,
    spill: { dir: spillDirFor(deps.config.database), aboveBytes: DEFAULTS.openSpillAboveBytes },
    pinned: async (address) => {
      const fingerprint = pinnedFingerprint(db, address);
      const key = fingerprint ? await pinnedKey(db, address) : undefined;
      return key && fingerprint ? { key, fingerprint } : undefined;
    },
  });
}

function pinnedChanged(db: Db, seen: PinnedSeen): boolean {
  return Object.entries(seen).some(([address, fingerprint]) => pinnedFingerprint(db, address) !== fingerprint);
}

/**
 * A requeued entry that fails again keeps the case it made on arrival: without it, the
 * next requeue would route it afresh and its own Message-ID would make it a duplicate.
 */
function keepCase(row: SpoolRow): { disposition: string; caseId: number | null } {
  return row.case_id !== null && row.disposition ? { disposition: row.disposition, caseId: row.case_id } : { disposition: 'held', caseId: null };
}
