/**
 * The words of every mail sectriage sends. Pure functions from parameters to a
 * subject and plain text. Plain (unencrypted) mail never carries the report's
 * words: only the tracking ID, dates, our key's fingerprint and instructions.
 */
import { isTeamMail, renderTeamMail, type TeamMailParams } from './templates-team.js';
import { renderDeadlineMail, type DeadlineMailParams } from './templates-deadlines.js';
import { formatWhen } from './format-when.js';
import { renderLoginLink, type LoginLinkParams } from './templates-web.js';

export { formatWhen };

export interface PromisedDate {
  text: string;
  due: string; // ISO
}

interface Common {
  trackingId: string;
  to: string;
  toName?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  teamFingerprint: string;
  teamAddress: string;
  timezone: string;
  /** Set by enqueueMail. */
  messageId?: string;
  date?: string;
  /** Fingerprint of the pinned reporter key to encrypt to; absent sends plain text. */
  encryptTo?: string | null;
}

export interface AckParams extends Common {
  kind: 'ack';
  promises: PromisedDate[];
  policyTitle: string;
  /** The report's subject; used only inside an encrypted reply. */
  reportSubject?: string | null;
  /** Parts of the report that were not encrypted (Efail), named so the reporter knows. */
  partial?: boolean;
  /** What the policy asks for that the report lacks: our labels (FIELD_LABELS), never report text. */
  missing?: string[];
}

export interface ReencryptParams extends Common {
  kind: 'reencrypt_request';
  reasonCode: string;
}

export type MailParams = AckParams | ReencryptParams | TeamMailParams | DeadlineMailParams | LoginLinkParams;

function groupFingerprint(fpr: string): string {
  return fpr.replace(/(.{4})/g, '$1 ').trim();
}

export function render(p: MailParams, encrypted: boolean): { subject: string; text: string; html?: string } {
  if (isTeamMail(p)) return renderTeamMail(p, encrypted);
  if (p.kind === 'login_link') return renderLoginLink(p);
  if (p.kind !== 'ack' && p.kind !== 'reencrypt_request') return renderDeadlineMail(p, encrypted);
  return p.kind === 'ack' ? renderAck(p, encrypted) : renderReencrypt(p);
}

function followUp(p: Common): string[] {
  return [
    'To add information, reply to this message and keep',
    `[${p.trackingId}] in the subject.`,
    '',
    'Please encrypt everything you send us to our OpenPGP key:',
    `  ${groupFingerprint(p.teamFingerprint)}`,
    'It is attached to this message (security-team-key.asc). Check the',
    'fingerprint against the one we publish (security.txt or SECURITY.md).',
  ];
}

function renderAck(p: AckParams, encrypted: boolean): { subject: string; text: string } {
  const lines = [
    `Hello${p.toName ? ` ${p.toName}` : ''},`,
    '',
    'Thank you for your report. It has reached the security team and is',
    `tracked as ${p.trackingId}.`,
    '',
  ];
  if (encrypted && p.reportSubject) lines.push(`Your report: ${p.reportSubject}`, '');
  if (p.partial) {
    lines.push(
      'Note: part of your message was NOT encrypted. We keep the unencrypted',
      'part apart and treat it as unverified. Please send everything encrypted.',
      '',
    );
  }
  if (p.missing?.length) {
    lines.push('To assess your report quickly, we would also need:');
    for (const m of p.missing) lines.push(`  - ${m}`);
    lines.push('If you can, please send them in a reply (encrypted).', '');
  }
  if (p.promises.length) {
    lines.push(`What our policy (${p.policyTitle}) promises you:`);
    for (const pr of p.promises) lines.push(`  - ${pr.text}: by ${formatWhen(pr.due, p.timezone)}`);
    lines.push('');
  }
  lines.push(...followUp(p), '', '-- ', "This is an automatic reply from the security team's intake system.");
  return { subject: `[${p.trackingId}] Your security report was received`, text: lines.join('\n') + '\n' };
}

const REASONS: Record<string, string> = {
  PGP_NO_KEY: 'it was encrypted to a key we do not hold (perhaps an old or wrong key of ours)',
  PGP_CORRUPT: 'the encrypted data was damaged on the way',
  PGP_INTEGRITY: 'the encryption had no integrity protection or was modified (we refuse such messages: Efail)',
  PGP_UNSUPPORTED: 'it uses an OpenPGP algorithm or format we cannot read',
  PGP_LIMIT: 'it is larger, or names more recipients, than we accept',
};

function renderReencrypt(p: ReencryptParams): { subject: string; text: string } {
  const lines = [
    'Hello,',
    '',
    `We received your encrypted message (tracked as ${p.trackingId}) but could not`,
    `decrypt it: ${REASONS[p.reasonCode] ?? 'it could not be decrypted'}.`,
    '',
    'Please encrypt it again to our current key and send it once more,',
    `keeping [${p.trackingId}] in the subject.`,
    '',
    ...followUp(p),
    '',
    '-- ',
    "This is an automatic reply from the security team's intake system.",
  ];
  return { subject: `[${p.trackingId}] We could not decrypt your message`, text: lines.join('\n') + '\n' };
}
