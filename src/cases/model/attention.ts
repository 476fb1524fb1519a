/**
 * Why a person must look at a case: the kinds, and the sentence each shows the team.
 * Kinds are what code raises and clears (a pinned key clears key_changed; a requeued
 * message that opens clears undecryptable); the text is only for people. Texts carry
 * our own words, addresses, tracking IDs and error codes: never the report's text.
 * Pure: no I/O.
 */
export const ATTENTION_KINDS = [
  'replay', // this case's ciphertext came first from another sender
  'replayed_by_other', // someone else sent this case's ciphertext again
  'undecryptable', // held: no team key opens it (cleared when a requeue opens it)
  'partial', // part of the message was outside the encryption
  'pgp_left_out', // OpenPGP content came with it and was not taken as the sender's, on purpose (Efail)
  'protected_from', // the encrypted From differs from the envelope From
  'key_changed', // the reporter offered a key other than the pinned one (cleared by keys pin)
  'tracking_id_claimed', // someone who is not the reporter wrote naming this case
  'reply_cap', // the per-sender cap on automatic replies kept this report's acknowledgement back
  'other', // a line carried over from the free-text column of releases up to 0.1.0
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionItem {
  kind: AttentionKind;
  text: string;
}

export function isAttentionKind(s: string): s is AttentionKind {
  return (ATTENTION_KINDS as readonly string[]).includes(s);
}

/** The sentences, one per kind, with the facts they name. */
export const attentionText = {
  replay: (firstFrom: string, firstTrackingId: string) =>
    `the same ciphertext came first from ${firstFrom} (${firstTrackingId}): one of the two senders is replaying the other's report`,
  replayedByOther: (sender: string, trackingId: string) =>
    `${sender} sent the same ciphertext (${trackingId}): one of the two senders is replaying the other's report`,
  undecryptable: (code: string) => `could not decrypt: ${code}; the message is held (sectriage spool list --state held) and the sender was asked to re-encrypt`,
  partial: () => 'part of the message was not encrypted; the unencrypted text is kept apart',
  pgpLeftOut: (why: string) =>
    `OpenPGP content came with this message and was not taken as the sender's: ${why}; if it matters, ask the sender to send it to us themselves`,
  protectedFrom: (protectedFrom: string, from: string) =>
    `the encrypted part says it is from ${protectedFrom}, the envelope From is ${from}; replies go to the envelope From`,
  keyChanged: () => 'the reporter sent a different public key than the one pinned; replies still go to the pinned key (sectriage keys pin EMAIL FPR to switch)',
  replyCap: (sender: string, reason: string) =>
    reason === 'rate_limited_repeat'
      ? `no acknowledgement went to ${sender}: past the per-sender cap, and the same text as an earlier report of theirs today; acknowledge by hand if it is new`
      : `no acknowledgement went to ${sender}: the per-sender cap on automatic replies (loop protection) was reached; acknowledge by hand (sectriage cases reply)`,
  trackingIdClaimed: (claimant: string, newTrackingId: string) => `${claimant}, who is not the reporter, wrote naming this case: it became ${newTrackingId}`,
};

/**
 * Why a person must look at a newly opened report, most serious first. Input: how the
 * message opened, and the case whose ciphertext it repeats (from another sender), if any.
 */
export function newReportAttention(
  o: { encryption: string; failureCode?: string | undefined; protectedFrom?: string | undefined; leftOut?: string | undefined },
  from: string,
  replayed: { reporter_email: string; tracking_id: string } | undefined,
): AttentionItem[] {
  const out: AttentionItem[] = [];
  if (replayed) out.push({ kind: 'replay', text: attentionText.replay(replayed.reporter_email, replayed.tracking_id) });
  if (o.encryption === 'undecryptable') out.push({ kind: 'undecryptable', text: attentionText.undecryptable(o.failureCode ?? 'unknown') });
  if (o.encryption === 'partial') out.push({ kind: 'partial', text: attentionText.partial() });
  if (o.leftOut) out.push({ kind: 'pgp_left_out', text: attentionText.pgpLeftOut(o.leftOut) });
  if (o.protectedFrom) out.push({ kind: 'protected_from', text: attentionText.protectedFrom(o.protectedFrom, from) });
  return out;
}

/** The one line `cases list` shows: the open items' texts, most serious first. */
export function attentionLine(items: ReadonlyArray<{ kind: string; text: string }>): string | null {
  if (items.length === 0) return null;
  const rank = (k: string): number => (isAttentionKind(k) ? ATTENTION_KINDS.indexOf(k) : ATTENTION_KINDS.length);
  return [...items]
    .sort((a, b) => rank(a.kind) - rank(b.kind))
    .map((i) => i.text)
    .join('; ');
}
