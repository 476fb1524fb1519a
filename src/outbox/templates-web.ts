/**
 * The words of the team console's own mail: the login link a member asked for. Goes out
 * only encrypted to the member's key and signed by the team key (encryptTo is the member's
 * fingerprint, which renderMail never sends in plain). The row kept in the outbox carries no
 * link (url is absent): the link is only in the rendered, encrypted bytes. Pure.
 */
export interface LoginLinkParams {
  kind: 'login_link';
  to: string;
  toName?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  /** The member key's fingerprint: the mail is encrypted to it or not sent. */
  encryptTo: string;
  teamAddress: string;
  timezone: string;
  member: string;
  expiresAt: string;
  /** The link; absent in the stored row (see above). */
  url?: string;
  messageId?: string;
  date?: string;
}

export function renderLoginLink(p: LoginLinkParams): { subject: string; text: string } {
  const lines = [
    `Hello ${p.member},`,
    '',
    p.url
      ? 'Someone (we hope you) asked to log in to the security team console. Open this link to log in; it works once, until ' +
        `${p.expiresAt.replace('T', ' ').slice(0, 16)} UTC:`
      : 'This login link is no longer available; ask for a new one on the console login page.',
    '',
    ...(p.url ? [`  ${p.url}`, ''] : []),
    'If you did not ask for it, ignore this mail: nothing happens unless the link is opened.',
    '',
    '-- ',
    `Security team console <${p.teamAddress}>`,
  ];
  return { subject: 'Your login link for the security team console', text: lines.join('\n') + '\n' };
}
