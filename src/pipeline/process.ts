/**
 * Takes spool entries through open -> classify -> cases -> outbox. The slow, async
 * part (decrypting, parsing) runs first; then everything the message changes (its
 * case, message row, attachments, events, reporter keys, outbox rows and the spool
 * entry's final state) is written in ONE transaction, so a crash leaves either none
 * of it or all of it, and the entry is simply processed again on restart.
 * Input: spool bytes (hostile). Nothing from the message reaches the logs but ids,
 * sizes and codes.
 */
import type * as openpgp from 'openpgp';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import { describeError, SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS } from '../limits.js';
import type { Logger } from '../log.js';
import { openMessage, type OpenedMessage } from '../open/open-message.js';
import type { TeamKeys } from '../open/team-keys.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import type { Policy } from '../policy/schema.js';
import { finishSpool, nextIncoming, type SpoolRow } from '../spool/spool.js';
import { pinnedKey } from '../cases/store/reporter-keys.js';
import { route, type Route } from './route.js';
import { recordFollowUp, recordAutomatic, recordNewCase, recordDuplicate, recordTeamMail, type RecordContext } from './record.js';
import { recentAutoReplies } from '../cases/store/outbox.js';
import { recordRequeued } from './record-requeued.js';
import type { TeamMemberKey } from '../open/team-members.js';
import { hasCommands } from '../team/parse-commands.js';
import { recordTeamCommand } from '../team/record-command.js';
import { verifyTeamMail } from '../team/verify-command.js';

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
      deps.db
        .prepare("UPDATE spool SET attempts = ?, state = CASE WHEN ? THEN 'held' ELSE state END, hold_reason = CASE WHEN ? THEN ? ELSE hold_reason END WHERE id = ?")
        .run(attempts, hold ? 1 : 0, hold ? 1 : 0, `PROCESSING_FAILED: ${describeError(e)}`, row.id);
      deps.log.error({ spoolId: row.id, attempts, held: hold, err: describeError(e) }, 'processing failed');
    }
    n++;
  }
  return n;
}

export async function processOne(deps: PipelineDeps, row: SpoolRow): Promise<void> {
  const { db, log } = deps;
  const now = deps.now();
  const raw = row.raw;
  if (!raw) {
    db.transaction(() => finishSpool(db, row.id, { ...keepCase(row), state: 'held', holdReason: 'MESSAGE_UNPARSEABLE: spool entry has no bytes', at: now })).immediate();
    return;
  }
  const members = deps.teamMembers ?? [];
  let opened: OpenedMessage;
  try {
    opened = await openMessage(raw, {
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
    log.warn({ spoolId: row.id, reason }, 'message held: cannot be opened');
    return;
  }

  // Verifying a command's signature is async, so it happens before the transaction.
  const member = members.find((m) => m.email === opened.from?.address);
  const verdict =
    member && (hasCommands(`${opened.text}\n${opened.unencryptedText}`) || opened.encryption === 'undecryptable') ? await verifyTeamMail(raw, opened, member, members, deps.config.limits) : undefined;

  const ctx: RecordContext = { db, config: deps.config, policy: deps.policy, teamKeys: deps.teamKeys, teamAddress: deps.teamAddress, log, now, spool: row, opened, teamMembers: members };
  let caseId: number | null = null;
  let r: Route | undefined;
  let kind = 'taken-by-another-process';
  db.transaction(() => {
    // Another process (the daemon beside an `ingest`) may have finished it meanwhile.
    const still = db.prepare('SELECT state FROM spool WHERE id = ?').get(row.id) as { state: string } | undefined;
    if (still?.state !== 'incoming') return;
    // Routing reads what other messages made; inside the write transaction, two
    // processes cannot both decide that the same Message-ID is new.
    // A held message put back by `sectriage requeue` already has its case.
    if (row.case_id !== null && row.disposition) {
      caseId = recordRequeued(ctx, row.case_id, row.disposition);
      kind = 'requeued';
      return;
    }
    r = route(db, opened, {
      messageId: normaliseMessageId(opened.outer.messageId) ?? null,
      thread: threadIds(opened.outer),
      raw,
      ourAddresses: [deps.teamAddress],
      trackingPrefix: deps.config.trackingPrefix,
      teamAddresses: members.map((m) => m.email),
    });
    kind = r.kind;
    switch (r.kind) {
      case 'duplicate':
        caseId = recordDuplicate(ctx, r.caseId);
        break;
      case 'automatic':
        caseId = recordAutomatic(ctx, r);
        break;
      case 'unattributable':
        finishSpool(db, row.id, { state: 'held', disposition: 'held', holdReason: 'MESSAGE_UNPARSEABLE: no usable From address', at: now });
        break;
      case 'followup':
        caseId = recordFollowUp(ctx, r.caseId);
        break;
      case 'team_mail':
        caseId = recordTeamMail(ctx, r.caseId);
        break;
      case 'team_command':
        caseId = member && verdict ? recordTeamCommand(ctx, member, verdict) : null;
        break;
      case 'new':
        caseId = recordNewCase(ctx, r.relatedCaseId, autoReplyAllowed(ctx), r.replayOf);
        break;
    }
  }).immediate();
  log.info({ spoolId: row.id, route: kind, caseId, encryption: opened.encryption, signature: opened.signature.status }, 'message processed');
  failpoint('after-case-commit');
}

/**
 * A requeued entry that fails again keeps the case it made on arrival: without it, the
 * next requeue would route it afresh and its own Message-ID would make it a duplicate.
 */
function keepCase(row: SpoolRow): { disposition: string; caseId: number | null } {
  return row.case_id !== null && row.disposition ? { disposition: row.disposition, caseId: row.case_id } : { disposition: 'held', caseId: null };
}

/** RFC 3834's per-sender limit, counted over the outbox itself (so it survives restarts). */
function autoReplyAllowed(ctx: RecordContext): (to: string) => boolean {
  return (to) => recentAutoReplies(ctx.db, to, new Date(ctx.now.getTime() - DEFAULTS.autoReplyPerSenderWindow)) < DEFAULTS.autoReplyPerSenderLimit;
}
