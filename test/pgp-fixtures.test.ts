// Every message shape × tool × team key type in test/fixtures/pgp/ (made by gpg, sq and,
// for AEAD/v6 only, openpgp.js: scripts/make-pgp-fixtures.mjs) must open as its
// manifest says: the right encryption class, the report's text, the signature and its
// signer, and unencrypted parts kept out of the report text (Efail).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/limits.js';
import { openMessage } from '../src/open/open-message.js';

const DIR = path.join(import.meta.dirname, 'fixtures', 'pgp');

interface Fixture {
  file: string;
  tool: string;
  keyType: string | null;
  shape: string;
  teamKey: string | null;
  reporterKey: string;
  expect: {
    encryption: string;
    signature: string;
    signer?: string;
    signedPartly?: boolean;
    subject?: string;
    textIncludes: string[];
    unencryptedIncludes?: string[];
    attachment?: string;
    attachmentIncludes?: string;
  };
}

const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { fixtures: Fixture[] };
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');

describe('PGP fixtures made by independent implementations', () => {
  it('cover every shape with gpg and sq and three team key types each', () => {
    const byTool = (t: string) => new Set(manifest.fixtures.filter((f) => f.tool === t).map((f) => f.keyType));
    expect(manifest.fixtures.length).toBeGreaterThanOrEqual(90);
    expect(byTool('gpg')).toEqual(new Set([null, 'cv25519', 'rsa2048', 'rsa4096']));
    expect(byTool('sq')).toEqual(new Set([null, 'cv25519', 'rsa3k', 'rsa4k']));
  });

  it('are all listed in the table in docs/pgp-shapes.md, made from the same manifest', () => {
    const doc = readFileSync(path.join(import.meta.dirname, '..', 'docs', 'pgp-shapes.md'), 'utf8');
    // The fixture table: from its header to the first line that is not a row.
    const lines = doc.split('\n');
    const head = lines.indexOf('| Shape | gpg | sq | openpgp.js |');
    expect(head).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > head && !l.startsWith('|'));
    const rows = lines.slice(head + 2, end < 0 ? undefined : end);
    const shapes = [...new Set(manifest.fixtures.map((f) => f.shape))];
    expect(rows.length).toBe(shapes.length);
    // Each row lists, per tool column, exactly the key types of that shape's fixtures.
    shapes.forEach((shape, i) => {
      const cells = rows[i]!.split(' | ')
        .slice(1)
        .map((c) => c.replace(/ \|$/, ''));
      ['gpg', 'sq', 'openpgp.js'].forEach((tool, t) => {
        const types = manifest.fixtures.filter((f) => f.shape === shape && f.tool === tool).map((f) => f.keyType ?? 'no team key');
        if (types.length) expect(cells[t], `${shape} × ${tool}`).toBe(types.join(', '));
      });
    });
  });

  // First contact, nothing pinned and no key in the message: a signature can be
  // checked against nothing, so it must never come out "valid".
  it.each(manifest.fixtures.filter((f) => f.expect.signature !== 'none').map((f) => [f.file, f] as const))(
    '%s: with no key for the sender, no signature is "valid"',
    async (_name, f) => {
      const teamKeys = f.teamKey ? await openpgp.readPrivateKeys({ armoredKeys: read(f.teamKey) }) : [];
      const opened = await openMessage(readFileSync(path.join(DIR, f.file)), { teamKeys, limits: LIMITS, knownKeys: async () => [] });
      expect(opened.encryption).toBe(f.expect.encryption);
      expect(opened.signature.status).not.toBe('valid');
      expect(opened.signedPartly).toBe(false);
    },
  );

  it.each(manifest.fixtures.map((f) => [f.file, f] as const))('%s opens as its manifest says', async (_name, f) => {
    const teamKeys = f.teamKey ? await openpgp.readPrivateKeys({ armoredKeys: read(f.teamKey) }) : [];
    const reporter = await openpgp.readKey({ armoredKey: read(f.reporterKey) });
    const reporterEmail = reporter.users[0]!.userID!.email;
    const opened = await openMessage(readFileSync(path.join(DIR, f.file)), {
      teamKeys,
      limits: LIMITS,
      knownKeys: async (addr) => (addr === reporterEmail ? [reporter] : []),
    });
    expect(opened.failure?.message).toBeUndefined();
    expect(opened.encryption).toBe(f.expect.encryption);
    for (const t of f.expect.textIncludes) expect(opened.text).toContain(t);
    expect(opened.signature.status).toBe(f.expect.signature);
    expect(opened.signedPartly).toBe(f.expect.signedPartly ?? false);
    if (f.expect.signer) expect(opened.signatures.find((s) => s.status === 'valid')?.fingerprint).toBe(f.expect.signer);
    if (f.expect.subject) expect(opened.subject).toBe(f.expect.subject);
    for (const t of f.expect.unencryptedIncludes ?? []) {
      expect(opened.unencryptedText).toContain(t);
      expect(opened.text).not.toContain(t);
    }
    if (!f.expect.unencryptedIncludes) expect(opened.unencryptedText).toBe('');
    if (f.expect.attachment) {
      const a = opened.attachments.find((x) => x.filename === f.expect.attachment);
      expect(a?.encrypted).toBe(true);
      if (f.expect.attachmentIncludes) expect(a!.content.toString('utf8')).toContain(f.expect.attachmentIncludes);
      // The ciphertext itself is not kept as a second, undecrypted attachment.
      expect(opened.attachments.filter((x) => !x.encrypted)).toEqual([]);
    }
  });
});
