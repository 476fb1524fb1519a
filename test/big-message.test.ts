// A big PoC through the built CLI, as an MTA pipes it: a gpg-encrypted PGP/MIME report
// over DEFAULTS.openSpillAboveBytes with a binary attachment over several blob pieces, so
// it takes every large-message path of issue 11 (stdin through a spill file, the spool
// and the attachment in pieces, streamed decryption after its integrity check, the parse
// from a spill file). The attachment must come out byte for byte, with a case and an
// acknowledgement. The same at 70 MiB with a 50 MiB attachment, and its peak memory, is
// `npm run bench -- big-message` (about 10 s: too slow for a test).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileReadOnly } from '../src/db/open.js';
import { keyFileFor } from '../src/seal/kek-file.js';
import { attachmentContent } from '../src/cases/store/messages.js';
import { afterAll, expect, it } from 'vitest';
import { newGpgHome } from './helpers/gpg.js';
import { runCli } from './helpers/intake-env.js';
import { maildirInstall } from './helpers/maildir-install.js';
import { innerMime, pgpMimeEncrypted } from './helpers/mail.js';
import { startSmtpSink } from './helpers/smtp-sink.js';

const MiB = 1024 * 1024;
const TEAM = 'security@example.com';
const dir = mkdtempSync(join(tmpdir(), 'sectriage-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a 12 MiB encrypted report with an 8 MiB attachment: the attachment intact, a case and an acknowledgement', async () => {
  const gpg = await newGpgHome();
  const sink = await startSmtpSink();
  try {
    const team = await gpg.genKey(`Security Team <${TEAM}>`, 'cv25519', 'pw');
    const config = maildirInstall({
      dir,
      teamArmored: await gpg.exportSecret(team.fingerprint, 'pw'),
      passphrase: 'pw',
      smtpPort: sink.port,
      config: 'policy: cgx\ntimezone: UTC\n',
    });
    const attachment = randomBytes(8 * MiB);
    const inner = innerMime({
      from: 'Rita <rita@reporter.example>',
      to: TEAM,
      subject: 'Heap overflow in the image decoder',
      body: 'Hello,\n\nThe image decoder overflows its heap buffer on a crafted PNG. The crash dump is attached.\n',
      protectedHeaders: true,
      attachments: [{ filename: 'crash.dmp', contentType: 'application/octet-stream', content: attachment }],
    });
    // -z 0: gpg's default zlib would shrink the base64 back to the size of the dump.
    const r = await gpg.run(['--encrypt', '--armor', '-z', '0', '--trust-model', 'always', '--recipient', team.fingerprint], inner);
    const raw = Buffer.concat([
      Buffer.from('Return-Path: <rita@reporter.example>\r\n'),
      pgpMimeEncrypted({ from: 'Rita <rita@reporter.example>', to: TEAM, armoredCiphertext: r.stdout }),
    ]);
    expect(raw.length).toBeGreaterThan(12 * MiB);
    const ingest = await runCli(['ingest', '--config', config], { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn' }, raw);
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);

    const db = openFileReadOnly(join(dir, 'state.db'), keyFileFor(join(dir, 'state.db')));
    try {
      const a = db.prepare('SELECT id, filename, size, sha256, encrypted FROM attachments').all() as Array<{
        id: number;
        filename: string;
        size: number;
        sha256: string;
        encrypted: number;
      }>;
      expect(a.map((x) => [x.filename, x.size, x.encrypted])).toEqual([['crash.dmp', attachment.length, 1]]);
      // Its pieces are sealed one by one; read back whole, they are the bytes sent.
      const stored = createHash('sha256').update(attachmentContent(db, a[0]!.id)!);
      const want = createHash('sha256').update(attachment).digest('hex');
      expect([stored.digest('hex'), a[0]!.sha256]).toEqual([want, want]);
      const c = db.prepare('SELECT encryption, reporter_email AS reporter FROM cases').all();
      expect(c).toEqual([{ encryption: 'encrypted', reporter: 'rita@reporter.example' }]);
      expect(db.prepare("SELECT kind, state FROM outbox WHERE kind = 'ack'").all()).toEqual([{ kind: 'ack', state: 'sent' }]);
    } finally {
      db.close();
    }
    expect(sink.messages.length).toBe(1);
  } finally {
    await Promise.allSettled([sink.stop(), gpg.cleanup()]);
  }
});
