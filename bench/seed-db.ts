// A realistic sectriage database of N cases for the db-scale bench, built fast: the real
// migrations first, then rows written with direct SQL, one transaction per batch. This is
// the one place outside the domain core (src/cases/store, src/deadlines/store.ts) that
// writes the tables itself: going through the pipeline would take hours for 100,000
// cases. The rows follow what the pipeline and the team actions write (event bodies
// checked against their schemas, a valid event hash chain in time order, outbox rows
// with Message-IDs, credits, fields, attention), and the deadline rows come from the real
// sweep, run once as the daemon would have. Input: nothing but N (the data is synthetic
// and deterministic). The file is cached under the OS temp dir, keyed by the migrations'
// text and SEED_VERSION, so a rerun costs a copy, not a seed.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { eventHash, GENESIS_HASH } from '../src/cases/store/event-log.js';
import { parseEventBody } from '../src/cases/model/events.js';
import { readMigrations } from '../src/db/migrate.js';
import { reportText } from './corpus.js';
import { REPO } from './install.js';
import { generateCase, type SeedCase, type SeedEvent, type SeedIds } from './seed-cases.js';

/** Bump when the generator changes what it writes: the cached files are rebuilt. */
const SEED_VERSION = 4;
/** The instant the seeded history ends: a Monday morning, so the first response clock (business days) is in play. */
export const SEED_NOW = new Date('2026-03-02T09:30:00.000Z');
const BATCH = 5000;

export interface SeededDb {
  /** A private copy for this run (the bench's sweeps write to it). */
  path: string;
  cases: number;
  events: number;
  open: number;
  /** Seconds the seed took, or null when it came from the cache. */
  seedSeconds: number | null;
}

const migrationsDir = join(REPO, 'migrations');

function cacheFile(n: number): string {
  const h = createHash('sha256').update(`v${SEED_VERSION}:${n}:`);
  for (const m of readMigrations(migrationsDir)) h.update(m.sql);
  return join(tmpdir(), 'sectriage-bench', `db-${n}-${h.digest('hex').slice(0, 12)}.sqlite`);
}

/**
 * A copy of the seeded database of n cases in `workDir`. `finish` brings a fresh seed to
 * the state a running daemon leaves (the deadline sweep, through the real code); it runs
 * once per cached file.
 */
export function seededDb(n: number, workDir: string, finish: (path: string) => void): SeededDb {
  const cached = cacheFile(n);
  let seedSeconds: number | null = null;
  if (!existsSync(cached)) {
    const t0 = performance.now();
    mkdirSync(join(tmpdir(), 'sectriage-bench'), { recursive: true });
    const partial = `${cached}.partial`;
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    seed(partial, n);
    finish(partial);
    const db = new Database(partial);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('VACUUM');
    db.close();
    renameSync(partial, cached);
    seedSeconds = (performance.now() - t0) / 1000;
    writeFileSync(`${cached}.json`, JSON.stringify({ seedSeconds }));
  }
  const path = join(workDir, `sectriage-${n}.db`);
  copyFileSync(cached, path);
  // Its reports are sealed (finish opened it as the daemon does): the key goes with the copy.
  copyFileSync(join(dirname(cached), 'sealing.key'), join(workDir, 'sealing.key'));
  const db = new Database(path, { readonly: true });
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const out = {
    path,
    cases: count('SELECT count(*) AS n FROM cases'),
    events: count('SELECT count(*) AS n FROM events'),
    open: count("SELECT count(*) AS n FROM cases WHERE state != 'closed'"),
    seedSeconds: seedSeconds ?? (JSON.parse(readFileSync(`${cached}.json`, 'utf8')) as { seedSeconds: number }).seedSeconds,
  };
  db.close();
  return { ...out, seedSeconds: seedSeconds === null ? null : out.seedSeconds };
}

/** Event rows of all cases, kept apart from the case rows: they go in last, in time order, to build one chain. */
interface EventBuffer {
  at: number[];
  caseId: number[];
  ev: SeedEvent[];
}

function seed(path: string, n: number): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  for (const m of readMigrations(migrationsDir)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  const events: EventBuffer = { at: [], caseId: [], ev: [] };
  const write = rowWriters(db);
  for (let from = 1; from <= n; from += BATCH) {
    db.transaction(() => {
      for (let id = from; id < Math.min(from + BATCH, n + 1); id++) {
        const c = generateCase(id, n, SEED_NOW.getTime(), write.ids);
        write.caseRows(c);
        for (const e of c.events) {
          events.at.push(e.at);
          events.caseId.push(id);
          events.ev.push(e);
        }
      }
    })();
  }
  writeEvents(db, events);
  db.close();
}

/** Inserts the events in the order they happened, each hashed over the one before (src/cases/store/event-log.ts). */
function writeEvents(db: Database.Database, events: EventBuffer): void {
  const order = Array.from(events.at.keys()).sort((a, b) => events.at[a]! - events.at[b]! || a - b);
  const insert = db.prepare('INSERT INTO events (id, case_id, at, actor, type, data, spool_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const checked = new Set<string>();
  let prev = GENESIS_HASH;
  for (let from = 0; from < order.length; from += BATCH * 10) {
    db.transaction(() => {
      for (let k = from; k < Math.min(from + BATCH * 10, order.length); k++) {
        const i = order[k]!;
        const e = events.ev[i]!;
        const caseId = events.caseId[i]!;
        if (!checked.has(e.type)) {
          // Each kind once through the reader's schema: a seeded row must not read as `unreadable`.
          const body = parseEventBody(e.type, e.data);
          if (body.type === 'unreadable') throw new Error(`seed: ${e.type} does not match its schema: ${JSON.stringify(body.data)}`);
          checked.add(e.type);
        }
        const at = new Date(e.at).toISOString();
        const hash = eventHash(prev, { caseId, at, actor: e.actor, type: e.type, data: e.data, spoolId: e.spoolId });
        insert.run(k + 1, caseId, at, e.actor, e.type, e.data, e.spoolId, prev, hash);
        prev = hash;
      }
    })();
  }
}

function rowWriters(db: Database.Database) {
  const ids: SeedIds = { spool: 0, message: 0, outbox: 0 };
  const st = {
    spool: db.prepare(
      "INSERT INTO spool (id, source, source_ref, received_at, size, sha256, message_id, raw, state, disposition, case_id, processed_at) VALUES (?, 'imap', ?, ?, ?, ?, ?, ?, 'done', 'new_case', ?, ?)",
    ),
    kase: db.prepare(
      `INSERT INTO cases (id, tracking_id, state, reporter_name, reporter_email, subject, policy, created_at, updated_at, encryption, signature, signer_fingerprint,
         assignee, severity, cve, resolution, acknowledged_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    message: db.prepare(
      `INSERT INTO messages (id, case_id, spool_id, outbox_id, direction, message_id, from_addr, from_name, subject, body_text, encryption, signature, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?)`,
    ),
    outbox: db.prepare(
      `INSERT INTO outbox (id, case_id, kind, auto, message_id, envelope_from, rcpt_to, params, raw, state, attempts, next_attempt_at, created_at, sent_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    field: db.prepare("INSERT INTO case_fields (case_id, field, value, sources, message_id, at) VALUES (?, ?, ?, '[]', ?, ?)"),
    report: db.prepare(
      "INSERT INTO case_report (case_id, parts, spam_likely, spam_score, spam_reasons, missing_required, missing_helpful, asked, updated_at) VALUES (?, NULL, ?, ?, '[]', ?, '[]', ?, ?)",
    ),
    credit: db.prepare('INSERT INTO case_credits (case_id, email, name, via_case_id, added_at) VALUES (?, ?, ?, NULL, ?)'),
    key: db.prepare(
      "INSERT OR IGNORE INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at, spool_id) VALUES (?, ?, ?, 'attachment', 'pinned', ?, ?)",
    ),
    attention: db.prepare('INSERT INTO attention (case_id, kind, text, raised_at, cleared_at) VALUES (?, ?, ?, ?, ?)'),
    duplicate: db.prepare('INSERT OR IGNORE INTO duplicate_candidates (case_id, candidate_id, score, reasons, at) VALUES (?, ?, ?, ?, ?)'),
  };
  // Stand-ins for the stored bytes: the rendered mail of an outbox row, a reporter's public key.
  const rendered = Buffer.alloc(1536, 'x');
  const armored = `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${'A'.repeat(1200)}\n-----END PGP PUBLIC KEY BLOCK-----\n`;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const caseRows = (c: SeedCase): void => {
    const text = reportText(c.id);
    const raw = Buffer.from(`From: ${c.reporterEmail}\r\nSubject: ${text.subject}\r\n\r\n${text.body}`);
    st.kase.run(
      c.id,
      c.trackingId,
      c.state,
      c.reporterName,
      c.reporterEmail,
      text.subject,
      c.policy,
      iso(c.createdAt),
      iso(c.updatedAt),
      c.encryption,
      c.encryption === 'encrypted' ? 'valid' : 'none',
      null,
      c.assignee,
      c.severity,
      c.cve,
      c.resolution,
      c.acknowledgedAt === null ? null : iso(c.acknowledgedAt),
      c.closedAt === null ? null : iso(c.closedAt),
    );
    st.spool.run(c.spoolId, `INBOX/1/${c.spoolId}`, iso(c.createdAt), raw.length, sha(raw), `<r${c.id}@reporter.example>`, raw, c.id, iso(c.createdAt));
    st.message.run(
      c.messageId,
      c.id,
      c.spoolId,
      null,
      'in',
      `<r${c.id}@reporter.example>`,
      c.reporterEmail,
      c.reporterName,
      text.subject,
      text.body,
      c.encryption,
      iso(c.createdAt),
    );
    for (const o of c.outbox) {
      st.outbox.run(
        o.id,
        c.id,
        o.kind,
        o.auto ? 1 : 0,
        o.messageId,
        o.auto ? '' : 'security@example.com',
        c.reporterEmail,
        o.params,
        rendered,
        o.state,
        o.state === 'sent' ? 1 : 0,
        iso(o.at),
        iso(o.at),
        o.state === 'sent' ? iso(o.at + 30_000) : null,
      );
      if (o.replyText !== null)
        st.message.run(
          o.messageRowId,
          c.id,
          null,
          o.id,
          'out',
          o.messageId,
          'security@example.com',
          null,
          `Re: ${text.subject}`,
          o.replyText,
          c.encryption,
          iso(o.at),
        );
    }
    const msg = c.messageId;
    for (const [field, value] of c.fields) st.field.run(c.id, field, JSON.stringify(value), msg, iso(c.createdAt + 2000));
    st.report.run(c.id, c.spam ? 1 : 0, c.spam ? 6 : 1, c.missing, c.missing === '[]' ? null : c.missing, iso(c.createdAt + 2000));
    st.credit.run(c.id, c.reporterEmail, c.reporterName, iso(c.createdAt));
    if (c.keyFingerprint) st.key.run(c.reporterEmail, c.keyFingerprint, armored, iso(c.createdAt), c.spoolId);
    if (c.attention)
      st.attention.run(c.id, c.attention.kind, c.attention.text, iso(c.createdAt), c.attention.clearedAt === null ? null : iso(c.attention.clearedAt));
    if (c.duplicateOf) st.duplicate.run(c.id, c.duplicateOf, 0.82, '["same_type","same_component","text:0.71"]', iso(c.createdAt + 2000));
  };
  return { ids, caseRows };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
