/**
 * The team's decision on a reporter's changed key (`keys pin`, and later the web
 * console): the offered key becomes the one replies are encrypted to, every open case
 * of that reporter records it, and their key_changed attention is cleared by kind.
 */
import { SectriageError } from '../../errors.js';
import { clearAttention } from '../store/attention.js';
import { openCasesOf } from '../store/cases.js';
import { pinCandidate } from '../store/reporter-keys.js';
import { event, type ActionContext } from './context.js';

export function pinReporterKey(
  ctx: ActionContext,
  emailIn: string,
  fingerprintIn: string,
): { email: string; fingerprint: string; replaced: string | null; cases: number } {
  const email = emailIn.trim().toLowerCase();
  const fingerprint = fingerprintIn.replace(/\s+/g, '').toUpperCase();
  const pinned = pinCandidate(ctx.db, email, fingerprint);
  if (!pinned) throw new SectriageError('CASE_NOT_FOUND', `no offered (candidate) key ${fingerprint} for ${email}: see sectriage keys list --reporters`);
  const cases = openCasesOf(ctx.db, email);
  for (const c of cases) {
    const id = event(ctx, c.id, 'reporter_key_pinned', { fingerprints: [fingerprint], replaced: pinned.replaced });
    clearAttention(ctx.db, c.id, 'key_changed', ctx.now, id);
  }
  return { email, fingerprint, replaced: pinned.replaced, cases: cases.length };
}
