/**
 * Wires the stages together from a loaded config: database, team keys, policy,
 * transport, logger and clock. Everything that needs I/O to start lives here, so
 * the stages themselves stay free of setup; close() releases in reverse order.
 */
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { checkSecrets, loadConfig, type Config } from '../config/load.js';
import { openDatabase, type Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { loadTeamKeys, type TeamKeys } from '../open/team-keys.js';
import { loadTeamMemberKeys, type TeamMemberKey } from '../open/team-members.js';
import { loadPolicy, policyResolver } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import type { RenderContext } from '../outbox/render.js';
import { renderContext } from '../send/render-context.js';
import { createTransport, type Transport } from '../send/transport.js';
import { dirname } from 'node:path';
import { clockAt, recordingClockAt } from '../util/clock.js';

export interface App {
  config: Config;
  db: Db;
  log: Logger;
  teamKeys: TeamKeys;
  /** The team keyring (config team:): verifies emailed commands; reminders, escalations and digests are encrypted to it. */
  teamMembers: TeamMemberKey[];
  policy: Policy;
  teamAddress: string;
  transport: Transport;
  render: RenderContext;
  /** The policy a case was opened under, by its name (falls back to the configured one). */
  policyFor(name: string): Policy;
  now: () => Date;
  close(): void;
}

export function teamAddressOf(from: string): string {
  const parsed = addressparser(from, { flatten: true }) as Array<{ address?: string }>;
  const address = parsed[0]?.address?.toLowerCase();
  if (!address || !address.includes('@')) throw new SectriageError('CONFIG_INVALID', `smtp.from: "${from}" has no email address`);
  return address;
}

/** The commands' clock (util/clock.ts), also here beside the app it is wired into. */
export { clockAt };

export async function openApp(configFile: string, opts: { now?: string; log?: Logger } = {}): Promise<App> {
  const config = loadConfig(configFile);
  checkSecrets(config);
  const log = opts.log ?? createLogger(process.env.SECTRIAGE_LOG_LEVEL ?? config.logLevel);
  const policy = loadPolicy(config.policy, dirname(config.file));
  const teamAddress = teamAddressOf(config.smtp.from);
  const teamKeys = await loadTeamKeys(config.keys.teamPrivateKey, config.keys.passphrase, log);
  const teamMembers = await loadTeamMemberKeys(config.team);
  const db = openDatabase(config.database);
  const transport = createTransport(config.smtp, teamAddress.split('@')[1] as string);
  const render = renderContext(config.smtp.from, teamAddress, teamKeys, teamMembers, db);
  // A case opened under a policy file that is gone keeps its deadlines under the current one.
  const policyFor = policyResolver(policy, dirname(config.file), (name, err) =>
    log.warn({ policy: name, err: err.message }, 'the policy a case was opened under cannot be loaded; using the configured policy'),
  );
  return {
    config,
    db,
    log,
    teamKeys,
    teamMembers,
    policy,
    teamAddress,
    transport,
    render,
    policyFor,
    // Everything the app does records (cases, events, mail): --now only under the test switch.
    now: recordingClockAt(opts.now, 'this command'),
    close() {
      transport.close();
      db.close();
    },
  };
}
