// The pipeline with no servers: an in-memory SQLite database (migrated like a real
// one), the team key of a gpg-made fixture (test/fixtures/pgp/keys), the default
// policy, and a clock the test sets. Messages go into the spool as `ingest` puts them
// and run through processSpool; what a test reads back is the database itself.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as openpgp from 'openpgp';
import { resolveConfig, type Config } from '../../src/config/load.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { createLogger } from '../../src/log.js';
import type { TeamKeys } from '../../src/open/team-keys.js';
import type { TeamMemberKey } from '../../src/open/team-members.js';
import { processSpool, type PipelineDeps } from '../../src/pipeline/process.js';
import { loadPolicy } from '../../src/policy/load.js';
import { requeueHeld, spoolMessage } from '../../src/spool/spool.js';

export const PGP_FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'pgp');
export const TEAM_ADDRESS = 'security@example.com';
/** PGP material made once by scripts/make-pipeline-fixtures.mjs (see its README). */
export const PIPELINE_FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'pipeline');

export function fixtureMessage(name: string): Buffer {
  return readFileSync(join(PGP_FIXTURES, 'messages', name));
}

/** A message of test/fixtures/pipeline/messages. */
export function pipelineMessage(name: string): Buffer {
  return readFileSync(join(PIPELINE_FIXTURES, 'messages', name));
}

/** An armored ciphertext of test/fixtures/pipeline/ciphertexts. */
export function pipelineCiphertext(name: string): string {
  return readFileSync(join(PIPELINE_FIXTURES, 'ciphertexts', name), 'utf8');
}

/** A public key of test/fixtures/pipeline/keys ('rita-attached', 'rita-fake', 'mallory'): its armor and fingerprint. */
export async function pipelineKey(name: string): Promise<{ armored: string; fingerprint: string }> {
  const armored = readFileSync(join(PIPELINE_FIXTURES, 'keys', `${name}.pub.asc`), 'utf8');
  const key = await openpgp.readKey({ armoredKey: armored });
  return { armored, fingerprint: key.getFingerprint().toUpperCase() };
}

export async function fixtureTeamKeys(...files: string[]): Promise<TeamKeys> {
  const keys = await Promise.all(files.map(async (f) => openpgp.readPrivateKey({ armoredKey: readFileSync(join(PGP_FIXTURES, 'keys', f), 'utf8') })));
  const current = keys[0] as openpgp.PrivateKey;
  return { keys, current, fingerprint: current.getFingerprint().toUpperCase(), publicArmored: current.toPublic().armor() };
}

export interface MemoryPipeline {
  db: Db;
  config: Config;
  deps: PipelineDeps;
  /** Spools the bytes as `ingest` would and processes everything incoming; returns the spool id. */
  deliver(raw: Buffer | string): Promise<number>;
  /** `sectriage requeue` of every held entry, then processing. */
  requeue(teamKeys?: TeamKeys): Promise<number[]>;
  setNow(iso: string): void;
  close(): void;
}

/**
 * `pinReporter`: the fixtures' reporter (gpg key) is already known, as after an earlier report.
 * `teamKeyFiles`: several team keys, the current one first (as keys/team.asc holds them); overrides `teamKeyFile`.
 * `config`: more top-level config keys (e.g. `limits`), as in sectriage.yaml.
 */
export async function memoryPipeline(
  o: { teamKeyFile?: string; teamKeyFiles?: string[]; team?: Array<{ name: string; email: string }>; now?: string; pinReporter?: boolean; config?: Record<string, unknown> } = {},
): Promise<MemoryPipeline> {
  const db = openDatabase(':memory:');
  if (o.pinReporter) {
    const key = await openpgp.readKey({ armoredKey: readFileSync(join(PGP_FIXTURES, 'keys', 'reporter-gpg.pub.asc'), 'utf8') });
    db.prepare("INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', ?, ?, 'message', 'pinned', '2026-11-01T00:00:00Z')").run(key.getFingerprint().toUpperCase(), key.armor());
  }
  const config = resolveConfig('/nonexistent/sectriage.yaml', {
    smtp: { from: `Example Security <${TEAM_ADDRESS}>`, pickupDir: 'outbox' },
    keys: { teamPrivateKey: 'team.asc' },
    database: ':memory:',
    team: o.team ?? [],
    ...o.config,
  });
  let now = new Date(o.now ?? '2026-11-23T09:30:00Z');
  const teamMembers: TeamMemberKey[] = (o.team ?? []).map((m) => ({ name: m.name, email: m.email.toLowerCase() }));
  const deps: PipelineDeps = {
    db,
    config,
    teamKeys: await fixtureTeamKeys(...(o.teamKeyFiles ?? [o.teamKeyFile ?? 'team-gpg-cv25519.sec.asc'])),
    policy: loadPolicy(config.policy, '.'),
    teamAddress: TEAM_ADDRESS,
    log: createLogger('silent'),
    now: () => now,
    teamMembers,
  };
  return {
    db,
    config,
    deps,
    async deliver(raw) {
      const r = spoolMessage(db, { source: 'stdin', raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n')), receivedAt: now });
      await processSpool(deps);
      return r.id;
    },
    async requeue(teamKeys) {
      if (teamKeys) deps.teamKeys = teamKeys;
      const ids = requeueHeld(db, {});
      await processSpool(deps);
      return ids;
    },
    setNow(iso) {
      now = new Date(iso);
    },
    close: () => db.close(),
  };
}
