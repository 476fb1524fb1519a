// Advisories through the built CLI: a report comes in by `ingest` (its reporter asks to be
// credited by name), the team sets the advisory fields with `cases set`, and `advisory`
// writes all three formats, each validated again here by `advisory check`; before the
// fields are set, it refuses with the fields to set and writes no file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAdvisory } from '../src/advisory/make.js';
import { runCli } from './helpers/intake-env.js';

let dir: string;
let config: string;
let id: string;
const cli = (...args: string[]) => runCli([...args, '--config', config]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-advisory-'));
  config = join(dir, 'sectriage.yaml');
  writeFileSync(join(dir, 'pass'), 'team passphrase\n', { mode: 0o600 });
  writeFileSync(
    config,
    `smtp: { from: "Example Security <security@example.com>", pickupDir: outbox }
database: state/sectriage.db
keys: { dir: keys, teamPrivateKey: team.asc, passphraseFile: pass }
policy: cgx
advisory:
  publisher: { name: Example Security Team, namespace: "https://example.com" }
  vendor: Example Corp
cve: { orgShortName: example, orgId: 6b1ea2d4-5f0a-4b43-9d7c-2a7a2c1f3e11, user: alice@example.com, apiKey: unused-here }
`,
  );
  expect((await cli('keys', 'generate')).code).toBe(0);
  const report = [
    'Return-Path: <rita@example.net>',
    'From: Rita <rita@example.net>',
    'To: security@example.com',
    'Subject: XSS in the file list',
    'Message-ID: <adv-1@example.net>',
    'Date: Mon, 2 Mar 2026 09:15:00 +0000',
    '',
    'The file list shows uploaded file names unescaped: <img src=x onerror=alert(1)>.',
    'Please credit me as "Rita Reporter".',
    '',
  ].join('\r\n');
  expect((await runCli(['ingest', '--config', config], undefined, Buffer.from(report))).code).toBe(0);
  id = (JSON.parse((await cli('cases', 'list', '--json')).stdout) as Array<{ trackingId: string }>)[0]!.trackingId;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sectriage advisory', () => {
  it('refuses a case without its advisory fields, naming each field and the command that sets it, and writes no file', async () => {
    const out = join(dir, 'early.json');
    const r = await cli('advisory', id, '--format', 'csaf', '--out', out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`summary: sectriage cases set ${id} --summary`);
    expect(r.stderr).toContain(`product: sectriage cases set ${id} --product NAME`);
    expect(r.stderr).not.toContain('vendor:'); // the config's default vendor stands in
    expect(existsSync(out)).toBe(false);
  });

  it('writes CSAF, OSV and CVE documents from the fields set with cases set, each valid, crediting the reporter as asked', async () => {
    writeFileSync(join(dir, 'desc.txt'), 'The admin console does not escape the names of uploaded files in the file list.\n');
    const set = await cli(
      'cases', 'set', id,
      '--product', 'Example Server',
      '--affected', '>=1.0.0 <1.2.3',
      '--fixed', '1.2.3',
      '--cwe', '79',
      '--summary', 'Stored XSS in the file list',
      '--description-file', join(dir, 'desc.txt'),
      '--reference', 'https://example.com/sa/1',
      '--cve', 'CVE-2026-12345',
      '--cvss', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
    ); // prettier-ignore
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    for (const format of ['csaf', 'osv', 'cve'] as const) {
      const file = join(dir, `${format}.json`);
      const r = await cli('advisory', id, '--format', format, '--out', file, '--now', '2026-04-14T08:00:00Z');
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      expect(await validateAdvisory(format, doc), format).toEqual({ valid: true, errors: [] });
      expect((await runCli(['advisory', 'check', file])).stdout).toBe(`${file}: valid ${format.toUpperCase()}\n`);
      const text = JSON.stringify(doc);
      expect(text).toContain('Rita Reporter');
      expect(text).not.toContain('onerror'); // the reporter's words are not in the advisory
    }
    const cve = JSON.parse(readFileSync(join(dir, 'cve.json'), 'utf8')) as {
      containers: { cna: { problemTypes: Array<{ descriptions: Array<{ cweId: string }> }> } };
    };
    expect(cve.containers.cna.problemTypes[0]?.descriptions[0]?.cweId).toBe('CWE-79');
  });

  it('advisory check exits non-zero on a public bad example', async () => {
    const r = await runCli([
      'advisory',
      'check',
      join(import.meta.dirname, 'fixtures', 'advisory-examples', 'cve', 'bad', 'CVE-2017-4024_published_fail.json'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/ADVISORY_INVALID/);
  });
});
