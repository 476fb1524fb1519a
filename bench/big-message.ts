// Peak memory for one big report: a PGP/MIME message of ~70 MiB (a 50 MiB binary PoC,
// encrypted by the gpg CLI to the team's Curve25519 key, compressed as gpg does by
// default), taken by `sectriage ingest` (the MTA pipe) and by `sectriage run --once`
// (Maildir), each measured with /usr/bin/time -v. Beside them, from the same run and the
// same ciphertext: `gpg --decrypt` (streams) and openpgp.js decrypting it alone in a child
// process (its default, buffered). Each run must also leave the attachment intact (sha256
// equal), a case, and an acknowledgement at the SMTP sink.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentContent } from '../src/cases/store/messages.js';
import { openFileReadOnly } from '../src/db/open.js';
import { keyFileFor } from '../src/seal/kek-file.js';
import { innerMime, pgpMimeEncrypted } from '../test/helpers/mail.js';
import { CLI, install, PASSPHRASE, REPO, TEAM, teamKey, type Install, type TeamKey } from './install.js';
import type { Section } from './report.js';

const MiB = 1024 * 1024;
const ATTACHMENT = Number(process.env.BENCH_BIG_ATTACHMENT_MIB ?? 50) * MiB;
const GOAL_MIB = 300;
const LIMITS = `limits:\n  maxMessageBytes: ${100 * MiB}\n  imapMaxLiteralBytes: ${110 * MiB}\n`;

interface Big {
  message: string;
  ciphertext: string;
  attachmentSha256: string;
}

/** The message and its ciphertext as files, made once per team key and size (gpg takes seconds to encrypt 70 MiB). */
async function makeBig(key: TeamKey): Promise<Big> {
  const dir = join(tmpdir(), 'sectriage-bench', `big-${key.fpr.slice(-8)}-${ATTACHMENT}`);
  const big = { message: join(dir, 'message.eml'), ciphertext: join(dir, 'ciphertext.asc'), attachmentSha256: '' };
  if (existsSync(join(dir, 'sha256'))) return { ...big, attachmentSha256: readFileSync(join(dir, 'sha256'), 'utf8') };
  mkdirSync(dir, { recursive: true });
  const attachment = randomBytes(ATTACHMENT);
  const inner = innerMime({
    from: 'Rita Reporter <rita@reporter.example>',
    to: TEAM,
    subject: 'Remote code execution in the upload handler',
    body: 'Hello,\n\nThe upload handler at /api/upload executes what it is given. A recording of the PoC is attached.\n\nRita\n',
    protectedHeaders: true,
    attachments: [{ filename: 'poc-recording.bin', contentType: 'application/octet-stream', content: attachment }],
  });
  const ciphertext = await key.gpg.encrypt(inner, [key.fpr]);
  writeFileSync(big.ciphertext, ciphertext);
  const mail = pgpMimeEncrypted({ from: 'Rita Reporter <rita@reporter.example>', to: TEAM, armoredCiphertext: ciphertext });
  writeFileSync(big.message, Buffer.concat([Buffer.from('Return-Path: <rita@reporter.example>\r\n'), mail]));
  const sha = createHash('sha256').update(attachment).digest('hex');
  writeFileSync(join(dir, 'sha256'), sha);
  return { ...big, attachmentSha256: sha };
}

/** Runs a command under /usr/bin/time -v (stdin from a file when given); its peak RSS in MiB and wall time in s. */
function timed(cmd: string, args: string[], o: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ mib: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], {
      stdio: [o.stdin ? openSync(o.stdin, 'r') : 'ignore', 'ignore', 'pipe'],
      env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn', ...o.env },
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
      const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
      if (code !== 0 || !kib || !wall) return reject(new Error(`${cmd} ${args[0] ?? ''} exited ${code}: ${err.slice(-1500)}`));
      resolve({ mib: Number(kib) / 1024, seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) });
    });
  });
}

/** openpgp.js decrypting the ciphertext alone, in a child process, as sectriage used it before issue 11 (buffered, the default). */
function openpgpAlone(key: TeamKey, big: Big): Promise<{ mib: number; seconds: number }> {
  const script = join(tmpdir(), 'sectriage-bench', 'openpgp-decrypt-alone.mjs');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import * as openpgp from ${JSON.stringify(join(REPO, 'node_modules', 'openpgp', 'dist', 'node', 'openpgp.mjs'))};
const [keyFile, passphrase, ciphertext] = process.argv.slice(2);
const privateKey = await openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: readFileSync(keyFile, 'utf8') }), passphrase });
const message = await openpgp.readMessage({ armoredMessage: readFileSync(ciphertext, 'latin1') });
const { data } = await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' });
if (data.length === 0) process.exit(1);
`,
  );
  const keyFile = join(tmpdir(), 'sectriage-bench', 'openpgp-decrypt-alone.key.asc');
  writeFileSync(keyFile, key.armoredSecret, { mode: 0o600 });
  return timed(process.execPath, [script, keyFile, PASSPHRASE, big.ciphertext]);
}

function gpgDecrypt(key: TeamKey, big: Big): Promise<{ mib: number; seconds: number }> {
  const args = ['--homedir', key.gpg.home, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', PASSPHRASE];
  return timed('gpg', [...args, '--output', '/dev/null', '--decrypt', big.ciphertext], { env: { GNUPGHOME: key.gpg.home } });
}

/** What the run left: the attachment's sha256 read back from the database, cases, acknowledgements sent. */
function outcome(inst: Install): { sha256: string | undefined; cases: number; acks: number } {
  // Through the store, as the team reads it: the attachment is sealed at rest (src/seal/).
  const path = join(inst.dir, 'state', 'sectriage.db');
  const db = openFileReadOnly(path, keyFileFor(path));
  try {
    const a = db.prepare('SELECT id FROM attachments ORDER BY size DESC LIMIT 1').get() as { id: number } | undefined;
    const content = a && attachmentContent(db, a.id);
    const sha256 = content && createHash('sha256').update(content).digest('hex');
    const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const acks = (db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'ack' AND state = 'sent'").get() as { n: number }).n;
    return { sha256, cases, acks };
  } finally {
    db.close();
  }
}

export const bigMessage: Section = {
  name: 'big-message',
  title: `peak RSS (/usr/bin/time -v) for one ~70 MiB PGP/MIME report with a ${ATTACHMENT / MiB} MiB attachment, against gpg and openpgp.js decrypting it alone`,
  async run(report) {
    const key = await teamKey('cv25519');
    try {
      const big = await makeBig(key);
      const size = readFileSync(big.message).length / MiB;
      const gpg = await gpgDecrypt(key, big);
      const js = await openpgpAlone(key, big);
      const baseline = `gpg --decrypt ${gpg.mib.toFixed(0)} MiB; openpgp.js decrypt alone ${js.mib.toFixed(0)} MiB`;
      for (const how of ['ingest', 'run --once'] as const) {
        const inst = await install(key, LIMITS);
        try {
          let run: { mib: number; seconds: number };
          if (how === 'ingest') run = await timed(process.execPath, [CLI, 'ingest', '--config', inst.configPath], { stdin: big.message });
          else {
            copyFileSync(big.message, join(inst.maildir, 'new', 'big.eml'));
            run = await timed(process.execPath, [CLI, 'run', '--once', '--config', inst.configPath]);
          }
          const got = outcome(inst);
          report.figure(`peak RSS, ${size.toFixed(0)} MiB message, ${how}`, run.mib, ' MiB', { atMost: GOAL_MIB, baseline });
          report.figure(
            `${how}: attachment intact (sha256 equal), case, ack`,
            got.sha256 === big.attachmentSha256 && got.cases === 1 && got.acks === 1 ? 1 : 0,
            '',
            {
              atLeast: 1,
            },
          );
          report.note(`${how}: ${run.seconds.toFixed(1)} s wall; ${got.cases} case, ${got.acks} ack sent, ${inst.sink.messages.length} mail at the sink`);
        } finally {
          await inst.close();
        }
      }
      report.note(`message ${size.toFixed(1)} MiB; gpg ${gpg.seconds.toFixed(1)} s, openpgp.js alone ${js.seconds.toFixed(1)} s`);
      report.note('sectriage took 937 MiB for this message before issue 11 (whole message, ciphertext and plaintext in memory, each copied)');
    } finally {
      await key.gpg.cleanup();
    }
  },
};
