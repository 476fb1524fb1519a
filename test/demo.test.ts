// The README's first command must keep working: the demo runs the whole pipeline on
// embedded defaults (Maildir in, pickup folder out, SQLite) with no servers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the demo turns its sample reports into cases and writes one reply per answerable report', () => {
  const r = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'scripts', 'demo.js')], {
    env: { ...process.env, SECTRIAGE_DEMO_DIR: dir },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  // Four reports become cases (the out-of-office reply does not), listed with their state.
  const ids = r.stdout.match(/SEC-\d{4}-[0-9A-Z]{5}/g) ?? [];
  expect(new Set(ids).size).toBe(4);
  expect(r.stdout).toMatch(/undecryptable/);
  const replies = readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  expect(replies).toHaveLength(4);
  // Exactly one reply is encrypted: Alice's, who attached her key.
  const encrypted = replies.filter((f) => readFileSync(join(dir, 'outbox', f), 'utf8').includes('multipart/encrypted'));
  expect(encrypted).toHaveLength(1);
  // The Maildir was consumed: new/ is empty, cur/ holds the five messages marked seen.
  expect(readdirSync(join(dir, 'maildir', 'new'))).toEqual([]);
  expect(readdirSync(join(dir, 'maildir', 'cur')).filter((f) => f.endsWith(':2,S'))).toHaveLength(5);
});
