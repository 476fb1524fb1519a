/**
 * The words of the mail the team's work causes: a team member's reply to the
 * reporter, the notice that a case changed state, the answer to an emailed command
 * (done, or refused and why), and notices to the team. Pure functions from
 * parameters to subject and text. Plain (unencrypted) mail carries only tracking IDs,
 * states and instructions: never the report's words, never a command's reply text.
 * A team reply is the team's own text and goes out only encrypted unless the team
 * chose to send it plain (cases reply --allow-plain, /reply-plain).
 */

interface TeamMailCommon {
  trackingId: string;
  to: string;
  toName?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  teamAddress: string;
  timezone: string;
  teamFingerprint?: string;
  messageId?: string;
  date?: string;
  encryptTo?: string | null;
}

export interface TeamReplyParams extends TeamMailCommon {
  kind: 'team_reply';
  /** The team's text, as written. */
  text: string;
}

/** Tells the reporter their case moved to a state that matters to them. */
export interface StatusNoticeParams extends TeamMailCommon {
  kind: 'status_notice';
  state: string;
  resolution?: string | null;
}

/** The answer to an emailed command: what was done, or why nothing was. */
export interface CommandResultParams extends TeamMailCommon {
  kind: 'command_result';
  accepted: boolean;
  /** A reason code (COMMAND_REJECTIONS) when refused. */
  reason?: string;
  /** One line per command done, or the offending line number and what is wrong. */
  lines: string[];
}

/** Tells the team something it must look at (e.g. a stranger claimed a tracking ID). */
export interface TeamNoticeParams extends TeamMailCommon {
  kind: 'team_notice';
  notice: 'tracking_id_claimed';
  /** The case that was named, and the new case that the claim became. */
  newTrackingId: string;
  claimant: string;
}

export type TeamMailParams = TeamReplyParams | StatusNoticeParams | CommandResultParams | TeamNoticeParams;
export const TEAM_MAIL_KINDS: ReadonlyArray<TeamMailParams['kind']> = ['team_reply', 'status_notice', 'command_result', 'team_notice'];

export function isTeamMail(p: { kind: string }): p is TeamMailParams {
  return (TEAM_MAIL_KINDS as readonly string[]).includes(p.kind);
}

/** Why an emailed command was refused, in words for the member who sent it. */
export const COMMAND_REJECTIONS: Record<string, string> = {
  not_signed: 'it was not signed. Commands are accepted only when PGP-signed with your key from the team keyring.',
  bad_signature: 'its signature does not verify (the mail was changed on the way, or signed wrongly).',
  weak_signature:
    'it was signed with an algorithm we no longer accept (a SHA-1 digest or a DSA key). Sign with SHA-256 or better (gpg --digest-algo SHA256) and a current key.',
  old_signature: 'it carries a version 3 signature (GnuPG 1.x or 2.0), which we cannot check. Sign with GnuPG 2.1 or newer.',
  unknown_key: 'it was signed with a key that is not yours in the team keyring. Sign with the key configured for you (team: publicKey).',
  signer_mismatch: "it was signed with another team member's key. The signing key must be the one of the From address.",
  no_member_key: 'the team keyring holds no key for your address. Ask the operator to add your public key (team: publicKey).',
  undecryptable: 'it could not be decrypted. Encrypt commands to the team key, or send them signed only.',
  partly_encrypted: 'part of it was not encrypted. Send commands wholly encrypted and signed (PGP/MIME), or signed only.',
  several_blocks: 'it holds more than one encrypted block. Send one signed message (PGP/MIME), not pieces.',
  unknown_case: 'it names no case we know. Put the tracking ID in the signed text (for example a line "/case SEC-2026-ABCDE").',
  ambiguous_case: 'it names more than one case. Add a line "/case ID" to say which one.',
  bad_command: 'a command line is wrong (see below). Nothing was changed.',
  replayed: 'the same signed command was already carried out once; it is not done twice.',
};

const STATE_WORDS: Record<string, string> = {
  received: 'received, waiting for the team to look at it',
  needs_info: 'waiting for more information from you',
  triaged: 'triaged: the team has confirmed it and is assessing it',
  fixing: 'being fixed',
  fix_released: 'fixed: a fix has been released',
  disclosed: 'publicly disclosed',
  closed: 'closed',
};

const RESOLUTION_WORDS: Record<string, string> = {
  resolved: 'resolved',
  duplicate: 'a duplicate of a report we had already received',
  informative: 'informative: useful, but no change is needed',
  not_applicable: 'not applicable to our products',
  spam: 'not a security report',
  wont_fix: 'a risk we accept and will not change',
  no_response: 'closed for lack of response',
};

const signature = (p: TeamMailCommon): string[] => ['-- ', `Security team <${p.teamAddress}>`];

export function renderTeamMail(p: TeamMailParams, encrypted: boolean): { subject: string; text: string } {
  switch (p.kind) {
    case 'team_reply':
      return { subject: `[${p.trackingId}] Re: your security report`, text: `${p.text.replace(/\r\n/g, '\n').trimEnd()}\n\n${signature(p).join('\n')}\n` };
    case 'status_notice': {
      const lines = [`Hello${p.toName ? ` ${p.toName}` : ''},`, '', `Your report ${p.trackingId} is now ${STATE_WORDS[p.state] ?? p.state}.`];
      if (p.state === 'closed' && p.resolution) lines.push(`We closed it as ${RESOLUTION_WORDS[p.resolution] ?? p.resolution}.`);
      if (p.state === 'closed') lines.push('', 'If you think this is wrong, reply and keep the tracking ID in the subject.');
      else lines.push('', `To add information, reply to this message and keep [${p.trackingId}] in the subject.`);
      if (!encrypted) lines.push('Please encrypt what you send us to our OpenPGP key (attached).');
      lines.push('', ...signature(p));
      return { subject: `[${p.trackingId}] Status of your security report: ${p.state.replace('_', ' ')}`, text: lines.join('\n') + '\n' };
    }
    case 'command_result': {
      const head = p.accepted
        ? [`Your commands for ${p.trackingId} were carried out:`]
        : [
            `Your command mail${p.trackingId ? ` (${p.trackingId})` : ''} was refused and changed nothing:`,
            `${COMMAND_REJECTIONS[p.reason ?? ''] ?? p.reason ?? 'refused.'}`,
          ];
      const lines = [...head, '', ...p.lines.map((l) => `  ${l}`), '', ...signature(p)];
      const subject = p.accepted
        ? `[${p.trackingId}] Done: your commands`
        : `${p.trackingId ? `[${p.trackingId}] ` : ''}Refused: your command mail (${p.reason ?? 'refused'})`;
      return { subject, text: lines.join('\n') + '\n' };
    }
    case 'team_notice':
      return {
        subject: `[${p.trackingId}] Someone else wrote about this case: now ${p.newTrackingId}`,
        text:
          [
            `${p.claimant} wrote to us naming ${p.trackingId}, but is not its reporter.`,
            `The mail did not join ${p.trackingId}: it became a new case, ${p.newTrackingId},`,
            'linked to it. It may be a co-worker of the reporter, or someone trying to',
            'get at the report. Nothing about the report was sent to them.',
            '',
            `  sectriage cases show ${p.newTrackingId}`,
            '',
            ...signature(p),
          ].join('\n') + '\n',
      };
  }
}
