import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from './migrate.js';

describe('migration 0006: attention becomes rows', () => {
  it('gives each line the old column held its kind, keeps its text and time, and drops the column', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = readMigrations();
    migrate(db, all.slice(0, 5));
    const lines: Array<[string | null, string | null]> = [
      ["the same ciphertext came first from rita@example.net (SEC-2026-AAAAA): one of the two senders is replaying the other's report", 'replay'],
      ["mallory@evil.example sent the same ciphertext (SEC-2026-CCCCC): one of the two senders is replaying the other's report", 'replayed_by_other'],
      ['could not decrypt: PGP_NO_KEY; the message is held (sectriage spool list --state held) and the sender was asked to re-encrypt', 'undecryptable'],
      ['part of the message was not encrypted; the unencrypted text is kept apart', 'partial'],
      ['the encrypted part says it is from rita@example.net, the envelope From is eve@example.org; replies go to the envelope From', 'protected_from'],
      ['the reporter sent a different public key than the one pinned; replies still go to the pinned key', 'key_changed'],
      ['mallory@evil.example, who is not the reporter, wrote naming this case: it became SEC-2026-DDDDD', 'tracking_id_claimed'],
      ['something an operator typed by hand', 'other'],
      [null, null],
      ['', null],
    ];
    const insert = db.prepare(
      "INSERT INTO cases (tracking_id, reporter_email, policy, created_at, updated_at, encryption, signature, attention) VALUES (?, 'r@example.org', 'p', '2026-06-01T00:00:00Z', ?, 'none', 'none', ?)",
    );
    lines.forEach(([text], i) => insert.run(`SEC-2026-${String(i).padStart(5, 'A')}`, `2026-06-0${(i % 9) + 1}T00:00:00Z`, text));
    migrate(db, all);
    const rows = db
      .prepare('SELECT case_id AS caseId, kind, text, raised_at AS raisedAt, cleared_at AS clearedAt FROM attention ORDER BY case_id')
      .all() as Array<{ caseId: number; kind: string; text: string; raisedAt: string; clearedAt: string | null }>;
    expect(rows.map((r) => r.kind)).toEqual(lines.filter(([t]) => t).map(([, k]) => k));
    expect(rows.map((r) => r.text)).toEqual(lines.filter(([t]) => t).map(([t]) => t));
    expect(rows[0]).toMatchObject({ caseId: 1, raisedAt: '2026-06-01T00:00:00Z', clearedAt: null });
    const columns = (db.prepare('PRAGMA table_info(cases)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).not.toContain('attention');
    db.close();
  });

  it('allows one open item per case and kind, and any number once cleared', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(
      "INSERT INTO cases (tracking_id, reporter_email, policy, created_at, updated_at, encryption, signature) VALUES ('SEC-2026-AAAAA', 'r@example.org', 'p', 't', 't', 'none', 'none')",
    ).run();
    const raise = db.prepare("INSERT INTO attention (case_id, kind, text, raised_at) VALUES (1, 'key_changed', 'x', 't')");
    raise.run();
    expect(() => raise.run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE attention SET cleared_at = 't2'").run();
    expect(() => raise.run()).not.toThrow();
    db.close();
  });
});
