/**
 * `sectriage cases list` and `cases show`: read-only views of cases, with the deadline
 * engine's reading of each. Report text is printed through format.ts (escaped).
 */
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { CaseEvent } from '../cases/model/events.js';
import { getCase, type CaseRow } from '../cases/store/cases.js';
import { overdueMilestones } from '../deadlines/overdue.js';
import { caseEvents } from '../cases/store/event-log.js';
import { caseDetail, listCases } from '../cases/store/queries.js';
import { loadConfig } from '../config/load.js';
import { clockAt } from '../daemon/app.js';
import { computeDeadlines } from '../deadlines/engine.js';
import { SectriageError } from '../errors.js';
import { loadPolicy, policyResolver } from '../policy/load.js';
import { DEFAULT_CONFIG, out, withReadOnlyDb } from './common.js';
import { formatDeadlines } from './deadline-commands.js';
import { formatCase, formatList } from './format.js';

export function registerCaseViews(program: Command): void {
  const cases = program.command('cases').description('look at cases');
  cases
    .command('list')
    .description('list cases')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--state <state>', 'only cases in this state')
    .option('--assignee <name>', 'only cases assigned to this team member')
    .option('--overdue', 'only cases with a policy milestone past due and not met')
    .option('--now <iso>', 'with --overdue: the time to judge by (default now)')
    .option('--json', 'print JSON')
    .action((o: { config: string; state?: string; assignee?: string; overdue?: boolean; now?: string; json?: boolean }) => {
      const config = loadConfig(o.config);
      const policyFor = policyResolver(loadPolicy(config.policy, dirname(config.file)), dirname(config.file));
      const now = clockAt(o.now)();
      const overdue = o.overdue ? (c: CaseRow, events: CaseEvent[]) => overdueMilestones(policyFor(c.policy), events, now) : undefined;
      withReadOnlyDb(o.config, (db) => {
        const items = listCases(db, { state: o.state, assignee: o.assignee, overdue });
        out(o.json ? JSON.stringify(items, null, 2) + '\n' : formatList(items));
      });
    });
  cases
    .command('show')
    .description('show one case: report fields, deadlines, the thread, attachments and the event log')
    .argument('<id>', 'tracking ID')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'judge the deadlines as of this instant (default: now)')
    .option('--json', 'print JSON')
    .action((id: string, o: { config: string; now?: string; json?: boolean }) => {
      const config = loadConfig(o.config);
      const dir = dirname(config.file);
      const now = clockAt(o.now)();
      withReadOnlyDb(o.config, (db) => {
        const c = getCase(db, id);
        if (!c) throw new SectriageError('CASE_NOT_FOUND', `no case ${id}`);
        const d = caseDetail(db, c);
        const policy = policyResolver(loadPolicy(config.policy, dir), dir)(c.policy);
        const deadlines = computeDeadlines(caseEvents(db, c.id), policy, now);
        out(
          o.json
            ? JSON.stringify({ ...d, deadlines }, null, 2) + '\n'
            : `${formatCase(d)}\n${formatDeadlines(c.tracking_id, policy.title, deadlines, now, config.timezone)}`,
        );
      });
    });
}
