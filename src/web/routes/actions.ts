/**
 * The team's actions from the case page: each form becomes a CaseCommand (checked for form
 * by the same lifecycle.ts parsers the CLI uses) and runs through runCaseCommand, or
 * pinReporterKey or dismissAttention, in one write transaction with the member as actor (web:<name>). No other
 * write path. A refused action re-renders the case with the reason; a done one redirects
 * back (POST-redirect-GET) and wakes the sender for any mail it queued.
 */
import type { Context } from 'hono';
import { dismissAttention, loadCase, pinReporterKey, runCaseCommand } from '../../cases/actions/index.js';
import { advisoryCommands } from '../../cases/model/advisory-commands.js';
import type { CaseCommand } from '../../cases/model/commands.js';
import { parseCve, parseCvssVector, parseEmbargo, parseResolution, parseSeverity, parseState } from '../../cases/model/lifecycle.js';
import { caseFacts } from '../../cases/store/console.js';
import { SectriageError } from '../../errors.js';
import { requireCsrf, requireMember } from '../auth.js';
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from '../context.js';
import { actionContext, renderCase, TRACKING_ID } from './cases.js';

type Form = Record<string, string | File | (string | File)[]>;
const text = (f: Form, k: string): string => (typeof f[k] === 'string' ? f[k].trim() : '');
const ticked = (f: Form, k: string): boolean => f[k] === '1';

/** The commands one form asks for. Throws SectriageError('USAGE') with what is allowed. */
export function commandsOf(action: string, f: Form): CaseCommand[] {
  switch (action) {
    case 'acknowledge':
      return [{ name: 'ack' }];
    case 'assign':
      return [{ name: 'assign', member: text(f, 'member') || 'none' }];
    case 'state': {
      const to = text(f, 'state') === 'reopen' ? 'reopen' : parseState(text(f, 'state'));
      const resolution = text(f, 'resolution') ? parseResolution(text(f, 'resolution')) : undefined;
      const dup = text(f, 'duplicateOf').toUpperCase();
      return [
        {
          name: 'state',
          to,
          ...(resolution ? { resolution } : {}),
          ...(dup ? { duplicateOf: dup } : {}),
          ...(text(f, 'note') ? { note: text(f, 'note') } : {}),
        },
      ];
    }
    case 'severity': {
      const cvss = text(f, 'cvss') ? parseCvssVector(text(f, 'cvss')) : undefined;
      const severity = text(f, 'severity') ? parseSeverity(text(f, 'severity')) : undefined;
      if (!cvss && !severity) throw new SectriageError('USAGE', 'give a CVSS vector or a severity');
      return [{ name: 'severity', ...(cvss ? { cvss } : {}), ...(severity ? { severity } : {}) }];
    }
    case 'cve': {
      const v = text(f, 'cve');
      return [{ name: 'cve', cve: !v || v.toLowerCase() === 'none' ? null : parseCve(v) }];
    }
    case 'flags':
      return (['exploited', 'public', 'on_hold'] as const).map((flag) => ({ name: 'flag', flag, value: ticked(f, flag) }));
    case 'embargo':
      return [{ name: 'embargo', date: parseEmbargo(text(f, 'embargo')) }];
    case 'note':
      return [{ name: 'note', text: typeof f.note === 'string' ? f.note : '' }];
    case 'reply':
      return [{ name: 'reply', text: typeof f.text === 'string' ? f.text : '', plain: ticked(f, 'allowPlain') }];
    case 'merge':
      return [{ name: 'merge', into: text(f, 'into').toUpperCase() }];
    case 'advisory': {
      // The form holds every field as stored: an emptied one is cleared, an unchanged one is no event.
      const lines = (k: string): string[] =>
        text(f, k)
          .split(/\r?\n|,/)
          .map((l) => l.trim())
          .filter((l) => l !== '');
      const orNone = (k: string): string => text(f, k) || 'none';
      const listOrNone = (k: string): string[] => (lines(k).length ? lines(k) : ['none']);
      return advisoryCommands({
        vendor: orNone('vendor'),
        product: orNone('product'),
        affected: listOrNone('affected'),
        fixed: orNone('fixed'),
        cwe: listOrNone('cwe'),
        summary: orNone('summary'),
        description: typeof f.description === 'string' && f.description.trim() ? f.description : 'none',
        references: listOrNone('references'),
        ...(ticked(f, 'published') ? { published: text(f, 'publishedUrl') || true } : {}),
        ...(text(f, 'craNotified') ? { craNotified: [text(f, 'craNotified')] } : {}),
      });
    }
    default:
      throw new SectriageError('USAGE', `no action "${action}"`);
  }
}

const ACTIONS = ['acknowledge', 'assign', 'state', 'severity', 'cve', 'flags', 'embargo', 'note', 'reply', 'merge', 'advisory', 'pin-key', 'dismiss'];

export function actionRoutes(app: ConsoleApp, deps: ConsoleDeps): void {
  app.post('/cases/:id/:action', requireMember(deps), requireCsrf(deps), async (c: Context<ConsoleEnv>) => {
    const id = c.req.param('id') as string;
    const action = c.req.param('action') as string;
    if (!TRACKING_ID.test(id) || !caseFacts(deps.db).has(id) || !ACTIONS.includes(action)) return c.text('No such case or action.', 404);
    const form = (await c.req.parseBody()) as Form;
    const member = c.get('member').name;
    let lines: string[];
    try {
      lines = deps.db
        .transaction(() => {
          const ctx = actionContext(deps, member, deps.now());
          if (action === 'pin-key') {
            const r = pinReporterKey(ctx, loadCase(deps.db, id).reporter_email, text(form, 'fingerprint'));
            return [`pinned ${r.fingerprint} for ${r.email}`];
          }
          if (action === 'dismiss') {
            dismissAttention(ctx, loadCase(deps.db, id), text(form, 'kind'));
            return ['attention cleared'];
          }
          return commandsOf(action, form).map((cmd) => runCaseCommand(ctx, id, cmd, { team: deps.team() }));
        })
        .immediate();
    } catch (e) {
      if (!(e instanceof SectriageError) || (e.code !== 'USAGE' && e.code !== 'CASE_NOT_FOUND')) throw e;
      // The domain's words name the CLI's flag; here the flag is a box on the form.
      const text =
        action === 'reply' && e.message.includes('would go unencrypted')
          ? 'We hold no key for the reporter, so the reply would go unencrypted: tick "Send it unencrypted" to send it anyway, or ask the reporter for their key.'
          : e.message;
      return renderCase(deps, c, id, { ok: false, text }, 400);
    }
    deps.log.info({ member, trackingId: id, action, changes: lines.length }, 'console: action');
    deps.kickOutbox();
    return c.redirect(`/cases/${id}?done=${action}`, 303);
  });
}
