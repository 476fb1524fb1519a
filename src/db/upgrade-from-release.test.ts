// An existing database upgrades in place with its event chain intact. The database is
// one the 0.1.0 release wrote (test/fixtures/db/release-0.1.0.sqlite, made by
// scripts/make-release-db.mjs with the release build; see test/fixtures/db/README.md):
// twelve cases through every path the release had. A copy is opened with the project's
// own open and migrate; what the release wrote is read first with plain SQL against the
// release's schema (`before`), the migrations after the release's run, and the same
// facts are then read through the project's read functions.
//
// Assertions specific to one migration go in the describe block at the end: `before`
// holds, per case, the release's free-text attention line and the per-table row counts.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseDetail, listCases } from '../cases/store/queries.js';
import { getCase } from '../cases/store/cases.js';
import { openAttention } from '../cases/store/attention.js';
import { chainHead, verifyEventChain } from '../cases/store/event-log.js';
import { migrate, readMigrations, schemaVersion } from './migrate.js';
import { openDatabase, openDatabaseReadOnly, type Db } from './open.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'db', 'release-0.1.0.sqlite');
/** The schema version the 0.1.0 release writes (migrations 0001..0005). */
const RELEASE_SCHEMA = 5;
/** Tables a later migration drops or renames on purpose (with where their rows went, in that migration's test). */
const TABLES_GONE_BY_DESIGN = new Set<string>([]);
/** Rows a later migration adds on purpose: 0008 records the instant of the upgrade (deadline_sweep_latest, see migrate-0008.test.ts). */
const ROWS_ADDED_BY_DESIGN: Record<string, number> = { settings: 1 };

interface CaseSnapshot {
  id: number;
  trackingId: string;
  state: string;
  reporterEmail: string;
  assignee: string | null;
  severity: string | null;
  cve: string | null;
  resolution: string | null;
  duplicateOf: string | null;
  relatedCase: string | null;
  /** The release's one free-text line (cases.attention), '' when none. */
  attention: string | null;
  messages: number;
  outbox: number;
  events: number;
}

interface Snapshot {
  userVersion: number;
  chain: { count: number; headId: number; headHash: string };
  tables: Record<string, number>;
  cases: CaseSnapshot[];
}

const count = (db: Db, sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;

function tableCounts(db: Db): Record<string, number> {
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>
  ).map((r) => r.name);
  return Object.fromEntries(names.map((n) => [n, count(db, `SELECT count(*) AS n FROM "${n}"`)]));
}

/** What the release wrote, read with plain SQL against its schema (the project's read functions follow the latest one). */
function releaseSnapshot(db: Db): Snapshot {
  const head = db.prepare('SELECT id, hash FROM events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
  const cases = db
    .prepare(
      `SELECT c.id, c.tracking_id AS trackingId, c.state, c.reporter_email AS reporterEmail, c.assignee, c.severity, c.cve, c.resolution,
                d.tracking_id AS duplicateOf, r.tracking_id AS relatedCase, c.attention,
                (SELECT count(*) FROM messages m WHERE m.case_id = c.id) AS messages,
                (SELECT count(*) FROM outbox o WHERE o.case_id = c.id) AS outbox,
                (SELECT count(*) FROM events e WHERE e.case_id = c.id) AS events
         FROM cases c LEFT JOIN cases d ON d.id = c.duplicate_of LEFT JOIN cases r ON r.id = c.related_case_id
         ORDER BY c.id`,
    )
    .all() as CaseSnapshot[];
  return {
    userVersion: schemaVersion(db),
    chain: { count: count(db, 'SELECT count(*) AS n FROM events'), headId: head.id, headHash: head.hash },
    tables: tableCounts(db),
    cases,
  };
}

let dir: string;
let path: string;
let db: Db;
let before: Snapshot;
let chainBefore: ReturnType<typeof verifyEventChain>;
let applied: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-upgrade-'));
  path = join(dir, 'sectriage.db');
  copyFileSync(FIXTURE, path);
  db = openDatabase(path, { migrate: false });
  before = releaseSnapshot(db);
  chainBefore = verifyEventChain(db);
  applied = migrate(db);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database written by release 0.1.0', () => {
  it('is what the release wrote: schema 5, an intact chain, every case path the release had', () => {
    expect(before.userVersion).toBe(RELEASE_SCHEMA);
    expect(chainBefore).toEqual({ ok: true, count: before.chain.count });
    expect(before.chain.count).toBeGreaterThan(100);
    expect(before.cases).toHaveLength(12);
    // Every attention sentence the release wrote is in it, once each (README.md lists them).
    const lines = before.cases.map((c) => c.attention).filter((a): a is string => Boolean(a));
    const patterns = [
      /^the same ciphertext came first from rita@example\.net \(SEC-\d{4}-\w{5}\): one of the two senders is replaying the other's report$/,
      /^mallory@evil\.example sent the same ciphertext \(SEC-\d{4}-\w{5}\): one of the two senders is replaying the other's report$/,
      /^could not decrypt: PGP_NO_KEY; the message is held/,
      /^part of the message was not encrypted; the unencrypted text is kept apart$/,
      /^the encrypted part says it is from quinn@other\.example, the envelope From is quinn@example\.net/,
      /^the reporter sent a different public key than the one pinned; replies still go to the pinned key$/,
      /^trent@evil\.example, who is not the reporter, wrote naming this case: it became SEC-\d{4}-\w{5}$/,
    ];
    expect(lines).toHaveLength(patterns.length);
    for (const p of patterns)
      expect(
        lines.filter((l) => p.test(l)),
        String(p),
      ).toHaveLength(1);
    // Every table holds rows except the two a Maildir-only install without a pre-0.1 upgrade leaves empty.
    const empty = Object.entries(before.tables)
      .filter(([, n]) => n === 0)
      .map(([t]) => t)
      .sort();
    expect(empty).toEqual(['imap_cursor', 'settings']);
  });

  it('upgrades in place to the latest schema, applying exactly the migrations after the release', () => {
    const all = readMigrations();
    expect(applied).toEqual(all.slice(RELEASE_SCHEMA).map((m) => m.name));
    expect(schemaVersion(db)).toBe(all.length);
  });

  it('keeps its event chain: it verifies, with the same count and the same head', () => {
    expect(verifyEventChain(db)).toEqual({ ok: true, count: before.chain.count });
    expect(chainHead(db)).toEqual({ id: before.chain.headId, hash: before.chain.headHash });
  });

  it('passes foreign_key_check and integrity_check', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it("keeps every table's rows (a table a migration removes must be listed, with a test of where its rows went)", () => {
    const after = tableCounts(db);
    for (const [table, n] of Object.entries(before.tables)) {
      if (TABLES_GONE_BY_DESIGN.has(table)) continue;
      expect({ table, rows: after[table] }).toEqual({ table, rows: n + (ROWS_ADDED_BY_DESIGN[table] ?? 0) });
    }
  });

  it("reads every case through the project's read functions with the same facts", () => {
    const list = listCases(db);
    expect(list.map((c) => c.trackingId).sort()).toEqual(before.cases.map((c) => c.trackingId).sort());
    for (const b of before.cases) {
      const item = list.find((c) => c.trackingId === b.trackingId)!;
      expect({
        trackingId: item.trackingId,
        state: item.state,
        assignee: item.assignee ?? null,
        severity: item.severity ?? null,
        messages: item.messages,
      }).toEqual({
        trackingId: b.trackingId,
        state: b.state,
        assignee: b.assignee,
        severity: b.severity,
        messages: b.messages,
      });
      const row = getCase(db, b.trackingId)!;
      expect(row).toBeDefined();
      expect(getCase(db, b.id)?.tracking_id).toBe(b.trackingId);
      expect([row.id, row.state, row.reporter_email, row.assignee, row.severity, row.cve, row.resolution]).toEqual([
        b.id,
        b.state,
        b.reporterEmail,
        b.assignee,
        b.severity,
        b.cve,
        b.resolution,
      ]);
      const d = caseDetail(db, row);
      expect({
        trackingId: d.trackingId,
        state: d.state,
        assignee: d.workflow.assignee,
        severity: d.workflow.severity,
        cve: d.workflow.cve,
        resolution: d.workflow.resolution,
        duplicateOf: d.workflow.duplicateOf,
        relatedCase: d.relatedCase,
        messages: d.messages.length,
        outbox: d.outbox.length,
        events: d.events.length,
      }).toEqual({
        trackingId: b.trackingId,
        state: b.state,
        assignee: b.assignee,
        severity: b.severity,
        cve: b.cve,
        resolution: b.resolution,
        duplicateOf: b.duplicateOf,
        relatedCase: b.relatedCase,
        messages: b.messages,
        outbox: b.outbox,
        events: b.events,
      });
    }
  });

  it('opening it again is a no-op: nothing to migrate, the same schema and chain, and read-only opening accepts it', () => {
    db.close();
    const again = openDatabase(path, { migrate: false });
    expect(migrate(again)).toEqual([]);
    again.close();
    db = openDatabase(path); // as the daemon opens it: migrates, finds nothing to do
    expect(schemaVersion(db)).toBe(readMigrations().length);
    expect(chainHead(db)).toEqual({ id: before.chain.headId, hash: before.chain.headHash });
    expect(verifyEventChain(db)).toEqual({ ok: true, count: before.chain.count });
    const ro = openDatabaseReadOnly(path); // what `cases list` and `audit verify` use
    expect(listCases(ro)).toHaveLength(before.cases.length);
    ro.close();
  });
});

// Checks of what one migration (0006+) did to the release's data go below, one
// describe block each, reading `before` (e.g. each case's `attention` line against the
// rows the migration made of it) and the upgraded `db`.

describe('migration 0006 on the release database: attention becomes rows', () => {
  it("turns each case's line into one open row of the right kind, with the same text, shown the same by cases list and show", () => {
    const kinds = new Map<RegExp, string>([
      [/^the same ciphertext came first from /, 'replay'],
      [/ sent the same ciphertext \(/, 'replayed_by_other'],
      [/^could not decrypt: /, 'undecryptable'],
      [/^part of the message was not encrypted/, 'partial'],
      [/^the encrypted part says it is from /, 'protected_from'],
      [/^the reporter sent a different public key/, 'key_changed'],
      [/, who is not the reporter, wrote naming this case/, 'tracking_id_claimed'],
    ]);
    const seen = new Set<string>();
    for (const b of before.cases) {
      const rows = openAttention(db, b.id);
      if (!b.attention) {
        expect({ case: b.trackingId, rows }).toEqual({ case: b.trackingId, rows: [] });
        continue;
      }
      const kind = [...kinds].find(([re]) => re.test(b.attention as string))?.[1];
      expect({ case: b.trackingId, rows: rows.map((r) => [r.kind, r.text]) }).toEqual({ case: b.trackingId, rows: [[kind, b.attention]] });
      seen.add(kind as string);
      expect(listCases(db).find((c) => c.trackingId === b.trackingId)?.attention).toBe(b.attention);
      expect(caseDetail(db, getCase(db, b.id)!).attention).toBe(b.attention);
    }
    // The fixture holds every sentence the release wrote: none fell through to 'other'.
    expect([...seen].sort()).toEqual([...kinds.values()].sort());
  });
});
