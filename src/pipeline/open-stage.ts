/**
 * The open stage of one spool entry (decrypt, verify, parse), the same whether it runs
 * in the main thread or in an open worker: a message that cannot be opened becomes a
 * hold reason, never an exception. It also notes which pinned reporter key it verified
 * against, so the single writer can tell when a message committed meanwhile (in the same
 * backlog) pinned another key, and open it again before deciding (process.ts).
 * Input: spool bytes (hostile).
 */
import type * as openpgp from 'openpgp';
import { describeError, SectriageError } from '../errors.js';
import type { Limits } from '../limits.js';
import { openMessage, type OpenContext, type OpenedMessage } from '../open/open-message.js';
import { openedFromWire, openedToWire, type WireOpened } from '../open/opened-wire.js';
import type { TeamMemberKey } from '../open/team-members.js';
import type { ExtractResult } from '../extract/types.js';
import { newReportSketch, type NewReportSketch } from '../extract/report-sketch.js';
import { newReportFields } from '../extract/opened-report.js';
import type { AheadCandidates } from '../cases/store/duplicates.js';

export interface OpenStageDeps {
  teamKeys: openpgp.PrivateKey[];
  limits: Limits;
  members: TeamMemberKey[];
  /** Also read the message's fields as a new report (an open worker: it spares the single writer ~1.5 ms a message). */
  readFields?: boolean;
  /** The key pinned for a reporter's address, with its fingerprint as stored. */
  pinned(address: string): Promise<{ key: openpgp.PublicKey; fingerprint: string } | undefined>;
  /** Where a large PGP/MIME message is decrypted to (open/pgp-mime-large.ts); the main thread's opens only. */
  spill?: OpenContext['spill'];
  /** Its possible duplicates among the open cases so far (an open worker, on its read-only connection). */
  duplicatesAhead?(sketch: NewReportSketch): AheadCandidates;
}

/** address -> fingerprint of the pinned key the signatures were checked against (null: none was pinned). */
export type PinnedSeen = Record<string, string | null>;

/** `fields`, `sketch` and `ahead`: the message read as a new report, ahead of recording (work a worker does). */
interface ReadAhead {
  fields?: ExtractResult;
  sketch?: NewReportSketch;
  ahead?: AheadCandidates;
}
export type OpenOutcome = ({ kind: 'opened'; opened: OpenedMessage; pinnedSeen: PinnedSeen } & ReadAhead) | { kind: 'held'; reason: string };
export type WireOutcome = ({ kind: 'opened'; opened: WireOpened; pinnedSeen: PinnedSeen } & ReadAhead) | { kind: 'held'; reason: string };

export async function openSpooled(raw: Buffer, deps: OpenStageDeps): Promise<OpenOutcome> {
  const pinnedSeen: PinnedSeen = {};
  try {
    const opened = await openMessage(raw, {
      teamKeys: deps.teamKeys,
      limits: deps.limits,
      spill: deps.spill,
      knownKeys: async (address) => {
        // A team member's mail is verified against the whole team keyring, so a signature
        // by another member's key is recognised as such (and refused as a mismatch).
        if (deps.members.some((m) => m.email === address)) return deps.members.flatMap((m) => (m.key ? [m.key] : []));
        const k = await deps.pinned(address);
        pinnedSeen[address] = k?.fingerprint ?? null;
        return k ? [k.key] : [];
      },
    });
    if (!deps.readFields || opened.encryption === 'undecryptable') return { kind: 'opened', opened, pinnedSeen };
    const fields = newReportFields(opened);
    const sketch = newReportSketch(fields, opened.text);
    return { kind: 'opened', opened, pinnedSeen, fields, sketch, ...aheadOf(deps, sketch) };
  } catch (e) {
    return { kind: 'held', reason: e instanceof SectriageError ? describeError(e) : `MESSAGE_UNPARSEABLE: ${describeError(e)}` };
  }
}

/** The worker's look for duplicates; nothing when it fails (a busy or changed database): the writer then looks at all. */
function aheadOf(deps: OpenStageDeps, sketch: NewReportSketch): { ahead?: AheadCandidates } {
  try {
    return deps.duplicatesAhead ? { ahead: deps.duplicatesAhead(sketch) } : {};
  } catch {
    return {};
  }
}

export function outcomeToWire(o: OpenOutcome): WireOutcome {
  return o.kind === 'held' ? o : { ...o, opened: openedToWire(o.opened) };
}

export async function outcomeFromWire(w: WireOutcome): Promise<OpenOutcome> {
  return w.kind === 'held' ? w : { ...w, opened: await openedFromWire(w.opened) };
}
