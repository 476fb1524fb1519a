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
import { OUTBOX_PARAMS, opened } from './opened-sql.js';

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
  o: {
    teamKeyFile?: string;
    teamKeyFiles?: string[];
    team?: Array<{ name: string; email: string }>;
    now?: string;
    pinReporter?: boolean;
    config?: Record<string, unknown>;
    /** A database file instead of memory (for a second, read-only connection beside the pipeline's). */
    database?: string;
  } = {},
): Promise<MemoryPipeline> {
  const db = openDatabase(o.database ?? ':memory:');
  if (o.pinReporter) {
    const key = await openpgp.readKey({ armoredKey: readFileSync(join(PGP_FIXTURES, 'keys', 'reporter-gpg.pub.asc'), 'utf8') });
    db.prepare(
      "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', ?, ?, 'message', 'pinned', '2026-11-01T00:00:00Z')",
    ).run(key.getFingerprint().toUpperCase(), key.armor());
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

/**
 * The same bytes with some outer header lines replaced (or added after Return-Path when
 * missing): From, Return-Path, Message-ID, Subject, References... A PGP/MIME body is
 * untouched, so its ciphertext and signatures stay as the fixture has them.
 */
export function withHeaders(raw: Buffer, headers: Record<string, string>): Buffer {
  const s = raw.toString('latin1');
  const end = s.search(/\r?\n\r?\n/);
  let head = s.slice(0, end);
  const nl = head.includes('\r\n') ? '\r\n' : '\n';
  for (const [name, value] of Object.entries(headers)) {
    const re = new RegExp(`^${name}:.*(?:\\r?\\n[ \\t].*)*$`, 'im');
    head = re.test(head) ? head.replace(re, () => `${name}: ${value}`) : `${head}${nl}${name}: ${value}`;
  }
  return Buffer.from(head + s.slice(end), 'latin1');
}

/** A plain text mail as an MTA hands it over (with Return-Path), CRLF line ends. */
export function plainMail(o: {
  from: string;
  subject: string;
  body: string;
  messageId?: string;
  returnPath?: string;
  date?: string;
  headers?: Record<string, string>;
}): Buffer {
  const lines = [
    `Return-Path: <${o.returnPath ?? o.from}>`,
    `From: <${o.from}>`,
    `To: ${TEAM_ADDRESS}`,
    `Subject: ${o.subject}`,
    `Message-ID: <${o.messageId ?? `${Math.random().toString(36).slice(2)}@sender.example`}>`,
    `Date: ${o.date ?? 'Mon, 23 Nov 2026 09:00:00 +0000'}`,
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${o.body.replace(/\r?\n/g, '\r\n')}\r\n`, 'utf8');
}

export interface SpoolView {
  state: string;
  disposition: string | null;
  caseId: number | null;
  holdReason: string | null;
}
export interface OutboxView {
  id: number;
  caseId: number | null;
  kind: string;
  rcpt: string;
  messageId: string;
  params: Record<string, unknown>;
}
export interface CaseView {
  id: number;
  tracking_id: string;
  reporter_email: string;
  related_case_id: number | null;
  encryption: string;
  signature: string;
  signer_fingerprint: string | null;
  no_reply_reason: string | null;
  state: string;
  subject: string | null;
}

/** What the tests read back from the database. */
export function dbViews(db: Db) {
  return {
    spool: (id: number) => db.prepare('SELECT state, disposition, case_id AS caseId, hold_reason AS holdReason FROM spool WHERE id = ?').get(id) as SpoolView,
    outbox: () =>
      (
        db
          .prepare(`SELECT id, case_id AS caseId, kind, rcpt_to AS rcpt, message_id AS messageId, ${OUTBOX_PARAMS} AS params FROM outbox ORDER BY id`)
          .all() as Array<Omit<OutboxView, 'params'> & { params: string }>
      ).map((r) => ({
        ...r,
        params: JSON.parse(r.params) as Record<string, unknown>,
      })) as OutboxView[],
    cases: () => db.prepare(`SELECT *, ${opened('cases', 'subject', 'id')} AS subject FROM cases ORDER BY id`).all() as CaseView[],
    inbound: () =>
      db
        .prepare(
          `SELECT id, case_id AS caseId, from_addr AS fromAddr, ${opened('messages', 'body_text')} AS bodyText FROM messages WHERE direction = 'in' ORDER BY id`,
        )
        .all() as Array<{
        id: number;
        caseId: number;
        fromAddr: string;
        bodyText: string;
      }>,
    reporterKeys: () =>
      db.prepare('SELECT email, fingerprint, status FROM reporter_keys ORDER BY id').all() as Array<{ email: string; fingerprint: string; status: string }>,
  };
}
