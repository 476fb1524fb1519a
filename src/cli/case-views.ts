/**
 * `sectriage cases list` and `cases show`: read-only views of cases, with the deadline
 * engine's reading of each. Report text is printed through format.ts (escaped). main.ts
 * loads this module alone for these two commands, and it loads the deadline engine and
 * the policies only for `--overdue` and `show` (case-show.ts), so listing starts fast
 * (issue 11): no mail, PGP, pipeline or date code.
 */
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { ACTIVE_STATES, CASE_STATES } from '../cases/model/states.js';
import { countCasesIn, listCases } from '../cases/store/case-list.js';
import { loadConfig, type Config } from '../config/load.js';
import { openDatabaseReadOnly, type Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import type { OverdueMilestone } from '../deadlines/overdue.js';
import type { Policy } from '../policy/schema.js';
import { clockAt } from '../util/clock.js';
import { withThousands } from './table.js';
import { DEFAULT_CONFIG, out, withReadOnlyDb } from './common.js';
import { formatList } from './format-list.js';
import { parseFilterList } from './list-filters.js';

export interface ListOptions {
  state?: string | undefined;
  /** Every case, closed ones too (without it and without --state: the active ones). */
  all?: boolean | undefined;
  assignee?: string | undefined;
  json?: boolean | undefined;
}

/**
 * What `cases list` prints (the bench times this same function). `overdue`, when the
 * list is limited to overdue cases: the deadline engine's reading of them.
 */
export function caseListView(
  db: Db,
  o: ListOptions,
  overdue?: (db: Db) => ReadonlyMap<number, OverdueMilestone[]>,
  team: ReadonlyArray<{ name: string }> = [],
  timezone = 'UTC',
): string {
  if (o.all && o.state !== undefined) throw new SectriageError('USAGE', '--all and --state do not go together: --state names the states to list');
  const named = parseFilterList('--state', o.state, CASE_STATES);
  // Without --state or --all, the active cases: the closed ones are counted, not listed. The overdue ones are
  // active already (a closed case has no deadline left), and the state filter beside their id list made SQLite
  // take a slower plan (0.54 -> 0.67 s on 100k cases).
  const state = named ?? (o.all || overdue ? undefined : [...ACTIVE_STATES]);
  // Assignees are checked against the team when there is one (a typo then says so).
  const assignee = team.length ? parseFilterList('--assignee', o.assignee, [...team.map((m) => m.name), 'none']) : o.assignee?.split(',').map((a) => a.trim());
  const items = listCases(db, { state, assignee, overdue: overdue?.(db) });
  if (o.json) return JSON.stringify(items, null, 2) + '\n';
  const hidden =
    named || o.all || overdue
      ? 0
      : countCasesIn(
          db,
          CASE_STATES.filter((s) => !ACTIVE_STATES.includes(s)),
          assignee,
        );
  return (
    formatList(items, timezone) + (hidden ? `(${withThousands(hidden)} closed ${hidden === 1 ? 'case' : 'cases'} not listed: --all lists every case)\n` : '')
  );
}

/** The policies of the cases, by name, as the config names them (loaded on demand: policy code is not needed to list). */
async function policiesOf(config: Config): Promise<(name: string) => Policy> {
  const { loadPolicy, policyResolver } = await import('../policy/load.js');
  const dir = dirname(config.file);
  return policyResolver(loadPolicy(config.policy, dir), dir);
}

export function registerCaseViews(program: Command): void {
  const cases = program.command('cases').description('look at cases');
  cases
    .command('list')
    .description('list cases')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option(
      '--state <states>',
      'only cases in these states (comma-separated: received, needs_info, triaged, fixing, fix_released, disclosed, closed; default: all but closed)',
    )
    .option('--assignee <names>', 'only cases assigned to these team members (comma-separated; "none": unassigned)')
    .option('--all', 'every case, closed ones too (default: the cases not closed)')
    .option('--overdue', 'only cases with a policy milestone past due and not met')
    .option('--now <iso>', 'with --overdue: the time to judge by (default now)')
    .option('--json', 'print JSON')
    .action(async (o: { config: string; now?: string; overdue?: boolean } & ListOptions) => {
      const now = clockAt(o.now)();
      const config = loadConfig(o.config);
      let overdue: ((db: Db) => ReadonlyMap<number, OverdueMilestone[]>) | undefined;
      if (o.overdue) {
        const policyFor = await policiesOf(config);
        const { overdueCases } = await import('../deadlines/current.js');
        overdue = (db) => overdueCases({ db, policyFor, now });
      }
      const db = openDatabaseReadOnly(config.database);
      try {
        out(caseListView(db, o, overdue, config.team, config.timezone));
      } finally {
        db.close();
      }
    });
  cases
    .command('show')
    .description('show one case: report fields, deadlines, the thread, attachments and the event log')
    .argument('<id>', 'tracking ID')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'judge the deadlines as of this instant (default: now)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { config: string; now?: string; json?: boolean }) => {
      const config = loadConfig(o.config);
      const policyFor = await policiesOf(config);
      const now = clockAt(o.now)();
      const { caseShowView } = await import('./case-show.js');
      withReadOnlyDb(o.config, (db) => out(caseShowView(db, id, policyFor, now, config.timezone, o.json)));
    });
}
