// Reports sealed at rest, through the CLI as an operator runs it: a plain report's canary
// is in neither the database, its WAL nor a backup while `cases show` and `cases search`
// read it; a rotation of the sealing key killed half-way (SIGKILL) loses nothing and a
// second run finishes it; a backup from before the rotation opens only with the old key
// (kept apart, as the README says); without its key file nothing opens and nothing is made.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from './helpers/intake-env.js';
import { plainMessage } from './helpers/mail.js';

const CANARY = 'canary-b7d2e0-rce-in-acme-importer';
let dir: string;
let configPath: string;
let trackingId: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--config', configPath], {
    encoding: 'utf8',
    env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn', ...env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
const bytes = (f: string): Buffer => (existsSync(f) ? readFileSync(f) : Buffer.alloc(0));
const keyLines = (): string[] => readFileSync(join(dir, 'sealing.key'), 'utf8').trim().split('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-sealing-'));
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, 'maildir', d), { recursive: true });
  configPath = join(dir, 'sectriage.yaml');
  writeFileSync(
    configPath,
    `maildir: { path: maildir }
smtp: { from: "Example Security <security@example.com>", pickupDir: outbox }
database: sectriage.db
keys: { dir: keys, teamPrivateKey: team.asc }
`,
  );
  expect(cli(['keys', 'generate', '--no-passphrase']).code).toBe(0);
  writeFileSync(
    join(dir, 'maildir', 'new', '1.eml'),
    plainMessage({
      from: 'rita@reporter.example',
      to: 'security@example.com',
      subject: `RCE ${CANARY}`,
      body: `The importer runs shell commands from the CSV.\nSteps: upload x.csv with $(id)\nMarker: ${CANARY}\n`,
      headers: { 'Return-Path': '<rita@reporter.example>' },
    }),
  );
  const run = cli(['run', '--once']);
  expect(run.code, run.stderr).toBe(0);
  trackingId = (JSON.parse(cli(['cases', 'list', '--json']).stdout) as Array<{ trackingId: string }>)[0]!.trackingId;
  // A note is sealed too, and its event is in the chain: checking the chain needs the key.
  const note = cli(['cases', 'note', trackingId, `reproduced ${CANARY}`]);
  expect(note.code, note.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reports sealed at rest, from the command line', () => {
  it('the canary of a plain report is not in the database, its WAL or a backup; show and search read it', () => {
    const db = join(dir, 'sectriage.db');
    expect(bytes(db).length).toBeGreaterThan(0);
    expect([bytes(db).includes(CANARY), bytes(`${db}-wal`).includes(CANARY)]).toEqual([false, false]);
    const backup = cli(['backup', '--to', join(dir, 'before-rotation.db')]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(bytes(join(dir, 'before-rotation.db')).includes(CANARY)).toBe(false);
    expect(cli(['cases', 'show', trackingId]).stdout).toContain(CANARY);
    expect(cli(['cases', 'search', 'b7d2e0']).stdout).toContain(trackingId);
    expect(cli(['audit', 'verify', '--database', join(dir, 'before-rotation.db')]).stdout).toMatch(/event log intact/);
  });

  it('a rotation killed after the rewrap loses nothing; run again, it leaves one new key and every report opens', () => {
    copyFileSync(join(dir, 'sealing.key'), join(dir, 'old-sealing.key'));
    const [oldLine] = keyLines();
    const killed = cli(['keys', 'rotate-sealing'], { SECTRIAGE_FAILPOINTS: 'after-sealing-rewrap' });
    expect(killed.signal).toBe('SIGKILL');
    expect(keyLines()).toHaveLength(2);
    expect(keyLines()[1]).toBe(oldLine);
    expect(cli(['cases', 'show', trackingId]).stdout).toContain(CANARY);
    const done = cli(['keys', 'rotate-sealing']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/sealing key [0-9a-f]{16} is now the only key in .*sealing\.key .* data keys rewrapped, no report rewritten/);
    expect(keyLines()).toHaveLength(1);
    expect(keyLines()[0]).not.toBe(oldLine);
    expect(cli(['cases', 'show', trackingId]).stdout).toContain(CANARY);
  });

  it('a backup from before the rotation opens only with the old key', () => {
    const backup = join(dir, 'before-rotation.db');
    const without = cli(['audit', 'verify', '--database', backup]);
    expect(without.code).toBe(78);
    expect(without.stderr).toMatch(/SEAL_KEY_MISSING: the data key of case:\d+ is wrapped by key [0-9a-f]{16}, which .* does not hold/);
    expect(cli(['audit', 'verify', '--database', backup, '--sealing-key', join(dir, 'old-sealing.key')]).stdout).toMatch(/event log intact/);
  });

  it('without its key file nothing opens (exit 78, the reason said) and no new key is made in its place', () => {
    renameSync(join(dir, 'sealing.key'), join(dir, 'sealing.key.away'));
    const r = cli(['cases', 'list']);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/SEAL_KEY_MISSING: the database holds sealed reports but its sealing key .*sealing\.key is missing: restore the key file/);
    const run = cli(['run', '--once']);
    expect(run.code).toBe(78);
    expect(existsSync(join(dir, 'sealing.key'))).toBe(false);
    renameSync(join(dir, 'sealing.key.away'), join(dir, 'sealing.key'));
    expect(cli(['cases', 'show', trackingId]).stdout).toContain(CANARY);
  });
});
