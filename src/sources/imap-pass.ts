/**
 * One pass over the IMAP mailbox: every message we have not taken yet is downloaded,
 * committed to the spool, and only then flagged $SecTriaged and/or moved to the
 * processed mailbox. A crash between the commit and the flag leaves the message
 * unflagged; the next pass finds it already spooled (same source ref or same bytes)
 * and just flags it. UIDs are only meaningful with UIDVALIDITY, so the cursor stores
 * both; a changed UIDVALIDITY resets the cursor and the spool's hash dedupes.
 * The server is trusted to be our mailbox, not trusted for sizes: literals are bounded.
 */
import type { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config/load.js';
import type { Db } from '../db/open.js';
import { describeError, SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import type { Limits } from '../limits.js';
import type { Logger } from '../log.js';
import { spoolMessage, spoolTooLarge, isSpooledRef } from '../spool/spool.js';
import { imapCursor, saveImapCursor } from '../spool/imap-cursor.js';
import { markNow } from '../db/settings.js';

export const TRIAGED_FLAG = '$SecTriaged';
/** Set beside TRIAGED_FLAG on mail held without being downloaded (too large): it stays in the mailbox. */
export const HELD_FLAG = '$SecHeld';

export interface PassResult {
  spooled: number;
  duplicates: number;
  tooLarge: number;
}

export async function imapPass(client: ImapFlow, imap: ImapConfig, deps: { db: Db; limits: Limits; log: Logger; now: () => Date }): Promise<PassResult> {
  const { db, log } = deps;
  const result: PassResult = { spooled: 0, duplicates: 0, tooLarge: 0 };
  const lock = await client.getMailboxLock(imap.mailbox);
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new SectriageError('IMAP', `cannot open mailbox ${imap.mailbox}`);
    const key = `${imap.user}@${imap.host}/${imap.mailbox}`;
    const uidValidity = String(mailbox.uidValidity);
    const cursor = imapCursor(db, key);
    let lastUid = cursor?.lastUid ?? 0;
    if (cursor && cursor.uidValidity !== uidValidity) {
      log.warn(
        { mailbox: imap.mailbox, old: cursor.uidValidity, new: uidValidity },
        'UIDVALIDITY changed: rescanning the mailbox (the spool dedupes by content)',
      );
      lastUid = 0;
    }
    const canFlag = mailbox.permanentFlags?.has('\\*') ?? false;
    const found = canFlag ? await client.search({ unKeyword: TRIAGED_FLAG }, { uid: true }) : await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    // "n:*" always matches the highest UID, even when it is below n: filter it out.
    const uids = (found || []).filter((u) => canFlag || u > lastUid).sort((a, b) => a - b);
    if (uids.length === 0) {
      if (imap.processedMailbox && canFlag) await moveProcessed(client, imap.processedMailbox, [], (uid) => isSpooled(db, `${key}/${uidValidity}/${uid}`));
      markNow(db, 'last_imap_pass_ok', deps.now());
      return result;
    }

    // Sizes first (one command), so an oversized message is never downloaded at all.
    const sizes = new Map<number, number>();
    for (const m of await client.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);

    const taken: number[] = [];
    for (const uid of uids) {
      if (!client.usable) break;
      try {
        if (await takeOne(client, uid, sizes.get(uid), { ...deps, key, uidValidity, canFlag }, result)) taken.push(uid);
      } catch (e) {
        log.warn({ uid, err: describeError(e) }, 'cannot take this IMAP message; will retry on the next pass');
        // With keywords, the flag marks what was taken, so the messages after it can go on.
        // Without them only the cursor does: it must not move past a message not taken.
        if (canFlag) continue;
        break;
      }
      lastUid = Math.max(lastUid, uid);
      saveImapCursor(db, key, uidValidity, lastUid, deps.now());
    }
    if (taken.length && canFlag) await client.messageFlagsAdd(taken.join(','), [TRIAGED_FLAG], { uid: true });
    if (imap.processedMailbox)
      await moveProcessed(client, imap.processedMailbox, taken, canFlag ? (uid) => isSpooled(db, `${key}/${uidValidity}/${uid}`) : null);
    markNow(db, 'last_imap_pass_ok', deps.now());
    return result;
  } finally {
    lock.release();
  }
}

/** Downloads one message into the spool (or holds it when too large); true when it is ours now. */
async function takeOne(
  client: ImapFlow,
  uid: number,
  size: number | undefined,
  deps: { db: Db; limits: Limits; log: Logger; now: () => Date; key: string; uidValidity: string; canFlag: boolean },
  result: PassResult,
): Promise<boolean> {
  if (size === undefined) return false; // expunged meanwhile
  const { db, log } = deps;
  const sourceRef = `${deps.key}/${deps.uidValidity}/${uid}`;
  if (isSpooled(db, sourceRef)) return true;
  if (size > deps.limits.maxMessageBytes) {
    // Only the envelope (never the body): who sent it and where it stays, so spool list
    // and the digest can say which message waits on the server.
    const env = await client.fetchOne(String(uid), { uid: true, envelope: true }, { uid: true }).catch(() => undefined);
    const from = env && env.envelope?.from?.[0]?.address;
    const where = `left in ${client.mailbox ? client.mailbox.path : 'the mailbox'} as UID ${uid}${from ? `, from ${from.slice(0, 200)}` : ''}`;
    // Never downloaded, so no content hash: the source ref stands in for it (it is unique too).
    spoolTooLarge(db, { source: 'imap', sourceRef, size, receivedAt: deps.now(), sha256: `imap:${sourceRef}`, limit: deps.limits.maxMessageBytes, where });
    log.warn({ uid, size, limit: deps.limits.maxMessageBytes }, 'message too large: held, left on the server unmoved');
    result.tooLarge++;
    if (deps.canFlag) await client.messageFlagsAdd(String(uid), [TRIAGED_FLAG, HELD_FLAG], { uid: true });
    return false;
  }
  const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  if (!msg || !msg.source) return false;
  if (msg.source.length !== size) log.warn({ uid, size, got: msg.source.length }, 'RFC822.SIZE and downloaded size differ');
  const r = spoolMessage(db, { source: 'imap', sourceRef, raw: msg.source, receivedAt: deps.now() });
  if (r.duplicate) result.duplicates++;
  else result.spooled++;
  failpoint('after-spool-commit');
  return true;
}

function isSpooled(db: Db, sourceRef: string): boolean {
  return isSpooledRef(db, 'imap', sourceRef);
}

/**
 * Moves taken mail out of the mailbox: what this pass took, and, with keywords, what
 * an earlier pass flagged but did not get to move (a crash, a failed MOVE). Only mail
 * this database spooled is moved: a restored backup or a second instance on the same
 * mailbox must never carry off messages it has not taken.
 */
async function moveProcessed(client: ImapFlow, target: string, taken: number[], isOurs: ((uid: number) => boolean) | null): Promise<void> {
  const leftover = isOurs ? ((await client.search({ keyword: TRIAGED_FLAG, unKeyword: HELD_FLAG }, { uid: true })) || []).filter(isOurs) : [];
  const list = [...new Set([...taken, ...leftover])].sort((a, b) => a - b);
  if (list.length === 0) return;
  const moved = await client.messageMove(list.join(','), target, { uid: true });
  if (!moved) throw new SectriageError('IMAP', `cannot move processed mail to "${target}": does imap.processedMailbox exist?`);
}
