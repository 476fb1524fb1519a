/**
 * Takes spool entries through open -> decide -> apply. The slow, async part
 * (decrypting, parsing, verifying a command's signature) runs first; then the decision
 * and everything it writes (case, message, attachments, events, reporter keys, outbox
 * rows and the spool entry's final state) happen in ONE transaction, so a crash leaves
 * either none of it or all of it, and the entry is simply processed again on restart.
 * Input: spool bytes (hostile). Nothing from the message reaches the logs but ids,
 * sizes and codes.
 */
import type * as openpgp from 'openpgp';
import { pinnedKey } from '../cases/store/reporter-keys.js';
import { inboundMessageOfSpool } from '../cases/store/messages.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import { describeError, SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS } from '../limits.js';
import type { Logger } from '../log.js';
import { openMessage, type OpenedMessage } from '../open/open-message.js';
import type { TeamKeys } from '../open/team-keys.js';
import type { TeamMemberKey } from '../open/team-members.js';
import type { Policy } from '../policy/schema.js';
import { countFailedAttempt, finishSpool, nextIncoming, spoolState, type SpoolRow } from '../spool/spool.js';
import { verifyTeamMail } from '../team/verify-command.js';
import { apply, type CommandCheck } from './apply.js';
import type { RecordContext } from './context.js';
import { decide, type Decision } from './decide.js';
import { isCommandMail, messageFacts } from './facts.js';
import { storeLookups } from './lookups.js';

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
}

/** Processes every incoming spool entry; returns how many it finished. */
export async function processSpool(deps: PipelineDeps): Promise<number> {
  let n = 0;
  let after = 0;
  for (;;) {
    if (deps.stopping?.()) break;
    const row = nextIncoming(deps.db, after);
    if (!row) break;
    after = row.id;
    try {
      await processOne(deps, row);
    } catch (e) {
      // A message that breaks processing (a bug, a full disk) must not block the ones
      // behind it: count the attempt and hold it once it has failed repeatedly.
      const attempts = row.attempts + 1;
      const hold = attempts >= DEFAULTS.processMaxAttempts;
      countFailedAttempt(deps.db, row.id, attempts, hold ? `PROCESSING_FAILED: ${describeError(e)}` : null);
      deps.log.error({ spoolId: row.id, attempts, held: hold, err: describeError(e) }, 'processing failed');
    }
    n++;
  }
  return n;
}

export async function processOne(deps: PipelineDeps, row: SpoolRow): Promise<void> {
  const { db, log } = deps;
  const now = deps.now();
  if (!row.raw) {
    db.transaction(() =>
      finishSpool(db, row.id, { ...keepCase(row), state: 'held', holdReason: 'MESSAGE_UNPARSEABLE: spool entry has no bytes', at: now }),
    ).immediate();
    return;
  }
  const members = deps.teamMembers ?? [];
  const opened = await open(deps, row, members, now);
  if (!opened) return;
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
  log.info(
    { spoolId: row.id, route: decision?.kind ?? 'taken-by-another-process', caseId, encryption: opened.encryption, signature: opened.signature.status },
    'message processed',
  );
  failpoint('after-case-commit');
}

/** Opens (decrypts, verifies, parses) the entry; one that cannot be opened is held with its reason. */
async function open(deps: PipelineDeps, row: SpoolRow, members: TeamMemberKey[], now: Date): Promise<OpenedMessage | undefined> {
  const { db } = deps;
  try {
    return await openMessage(row.raw as Buffer, {
      teamKeys: deps.teamKeys.keys,
      limits: deps.config.limits,
      knownKeys: async (address) => {
        // A team member's mail is verified against the whole team keyring, so a signature
        // by another member's key is recognised as such (and refused as a mismatch).
        if (members.some((m) => m.email === address)) return members.flatMap((m) => (m.key ? [m.key] : []));
        const k = await pinnedKey(db, address);
        return k ? [k as openpgp.PublicKey] : [];
      },
    });
  } catch (e) {
    const reason = e instanceof SectriageError ? describeError(e) : `MESSAGE_UNPARSEABLE: ${describeError(e)}`;
    db.transaction(() => finishSpool(db, row.id, { ...keepCase(row), state: 'held', holdReason: reason, at: now })).immediate();
    deps.log.warn({ spoolId: row.id, reason }, 'message held: cannot be opened');
    return undefined;
  }
}

/**
 * A requeued entry that fails again keeps the case it made on arrival: without it, the
 * next requeue would route it afresh and its own Message-ID would make it a duplicate.
 */
function keepCase(row: SpoolRow): { disposition: string; caseId: number | null } {
  return row.case_id !== null && row.disposition ? { disposition: row.disposition, caseId: row.case_id } : { disposition: 'held', caseId: null };
}
