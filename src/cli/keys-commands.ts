/**
 * `sectriage keys ...` and `sectriage security-txt`: the operator's key tooling.
 * generate, import, list, export (public only), pin (the team's decision on a
 * reporter's changed key), and the signed RFC 9116 file. Key files are written 0600
 * through a rename and never overwritten by accident; passphrases come from the
 * config's secret sources, never from the command line (it shows in `ps`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import * as openpgp from 'openpgp';
import { loadConfig, type Config } from '../config/load.js';
import { pinReporterKey } from '../cases/actions/index.js';
import { reporterKeyList } from '../cases/store/reporter-keys.js';
import { openDatabase, openDatabaseReadOnly } from '../db/open.js';
import { clockAt, teamAddressOf } from '../daemon/app.js';
import { recordingClockAt } from '../util/clock.js';
import { SectriageError } from '../errors.js';
import { describeKey, keyWarnings, type KeyInfo } from '../keys/describe.js';
import { generateTeamKey, type TeamKeyType } from '../keys/generate.js';
import { armoredBlocks, writeKeyFile } from '../keys/key-files.js';
import { ensurePassphraseCredential, groupId, handToService } from '../keys/service-files.js';
import { wkdFiles } from '../keys/wkd.js';
import { parseLifetime, storedTeamKeys } from '../keys/team-key-file.js';
import { registerKeysSealing } from './keys-sealing-command.js';
import { registerKeysExtend } from './keys-extend-command.js';
import { buildSecurityTxt, readExpires, signSecurityTxt } from '../keys/security-txt.js';
import { DAY, DEFAULTS } from '../limits.js';
import { createLogger } from '../log.js';
import { loadTeamKeys } from '../open/team-keys.js';
import { keyEmails, loadTeamMemberKeys } from '../open/team-members.js';
import { cliActor } from './actor.js';

const out = (s: string) => process.stdout.write(s);

function configPassphrase(config: Config): string | undefined {
  return config.keys.passphrase?.reveal();
}

function displayName(from: string): string {
  const m = /^\s*"?([^"<]+?)"?\s*</.exec(from);
  return m?.[1] ?? 'Security Team';
}

export function registerKeysCommands(program: Command, defaultConfig: string): void {
  const keys = program.command('keys').description("the team's keys, team members' keys and reporters' pinned keys");

  keys
    .command('generate')
    .description('make a new team key (Curve25519; --type rsa4096 on request), locked with the configured passphrase')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--type <type>', 'cv25519 or rsa4096', 'cv25519')
    .option('--name <name>', "the key's user ID name (default: the display name of smtp.from)")
    .option('--expires <lifetime>', 'e.g. 730d, 2y, or never', `${DEFAULTS.teamKeyLifetime / DAY}d`)
    .option('--rotate', 'put the new key in front of the existing ones (they keep opening old mail)')
    .option('--no-passphrase', 'leave the key unprotected (not recommended: the key file alone then decrypts every report)')
    .option(
      '--for-service [group]',
      'as root, for the systemd unit: the passphrase credential in --credentials-dir (made if missing), the key file 0640 root:GROUP (default sectriage)',
    )
    .option('--credentials-dir <dir>', 'with --for-service: where the unit loads its credentials from', '/etc/sectriage/credentials')
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): the creation time')
    .action((o) => keysGenerate(o));
  registerKeysExtend(keys, defaultConfig);
  registerKeysSealing(keys, defaultConfig);

  keys
    .command('import')
    .description("add an older team secret key (it keeps opening old mail), or a team member's public key")
    .argument('<file>', 'armored key file (gpg --export-secret-keys --armor, or gpg --export --armor)')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--current', 'put an imported secret key in front: it becomes the key that signs and is published')
    .option('--key-passphrase-file <file>', "file with the imported secret key's own passphrase, if it differs from the configured one")
    .option('--force', "replace a member's public key file that exists")
    .option('--no-passphrase', 'store an imported secret key unprotected when no passphrase is configured (not recommended)')
    .action((input, o) => keysImport(input, o));

  keys
    .command('list')
    .description("team keys (current first), team members' keys and, with --reporters, pinned reporter keys; with warnings")
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--reporters', "also list reporters' keys from the database")
    .option('--json', 'print JSON')
    .option('--now <iso>', 'judge expiry as of this instant')
    .action((o) => keysList(o));

  keys
    .command('export')
    .description('print the team public key (armored), to publish')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--public', 'export the public key (the only kind sectriage exports)')
    .option('--all', 'include the older team keys')
    .option('--wkd <dir>', 'instead, write the Web Key Directory tree (advanced and direct layouts, policy files) under this web root')
    .action((o) => keysExport(o));

  keys
    .command('pin')
    .description("make a reporter's newly offered key the one replies are encrypted to (the team's decision after a key change)")
    .argument('<email>', "the reporter's address")
    .argument('<fingerprint>', 'the offered key (see keys list --reporters, or the case)')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--as <member>', 'the team member acting (checked against config team:; default: the sudo user, else the Unix user)')
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .action((emailArg, fprArg, o) => keysPin(emailArg, fprArg, o));

  program
    .command('security-txt')
    .description('print (or --out FILE write) an RFC 9116 security.txt, clear-signed with the team key')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--out <file>', 'write it here instead of printing it')
    .option('--now <iso>', 'count Expires from this instant')
    .action((o) => securityTxt(o));
}

async function keysGenerate(o: {
  config: string;
  type: string;
  name?: string;
  expires: string;
  rotate?: boolean;
  passphrase: boolean;
  now?: string;
  forService?: string | boolean;
  credentialsDir: string;
}): Promise<void> {
  if (o.type !== 'cv25519' && o.type !== 'rsa4096') throw new SectriageError('USAGE', `--type: "${o.type}" is not cv25519 or rsa4096`);
  // For the unit: the config's ${CREDENTIALS_DIRECTORY} is the folder LoadCredential reads
  // from, and the passphrase must be there before the key is locked with it.
  const service = o.forService
    ? { gid: groupId(typeof o.forService === 'string' ? o.forService : 'sectriage'), ...ensurePassphraseCredential(o.credentialsDir) }
    : undefined;
  if (service) process.env.CREDENTIALS_DIRECTORY ??= o.credentialsDir;
  const config = loadConfig(o.config);
  const file = config.keys.teamPrivateKey;
  if (existsSync(file) && !o.rotate)
    throw new SectriageError('KEY_EXISTS', `${file} exists; refusing to overwrite it (use --rotate to add a new key in front of it)`);
  const passphrase = o.passphrase ? configPassphrase(config) : undefined;
  if (o.passphrase && !passphrase) {
    throw new SectriageError(
      'KEY_PASSPHRASE',
      'no passphrase configured: set keys.passphraseFile (or SECTRIAGE_KEY_PASSPHRASE) first, or pass --no-passphrase',
    );
  }
  const now = recordingClockAt(o.now, 'keys generate')();
  const email = teamAddressOf(config.smtp.from);
  const key = await generateTeamKey({
    name: o.name ?? displayName(config.smtp.from),
    email,
    type: o.type as TeamKeyType,
    ...(passphrase ? { passphrase } : {}),
    lifetimeSeconds: parseLifetime(o.expires),
    now,
  });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const previous = o.rotate && existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeKeyFile(file, `${key.privateArmored.trim()}\n${previous}`, { private: true, replace: Boolean(o.rotate) });
  if (service) handToService(file, service.gid, { private: true });
  const rev = join(dirname(file), `revocation-${key.fingerprint}.asc`);
  writeKeyFile(rev, key.revocationCertificate, { private: true });
  if (service?.made) out(`made the passphrase credential ${service.file} (0600, root): keep a copy offline with the revocation certificate\n`);
  if (service) out(`${file} is 0640 root:${typeof o.forService === 'string' ? o.forService : 'sectriage'}: the service reads it\n`);
  out(
    `new team key ${key.fingerprint} (${o.type}) for ${email}${o.rotate && previous ? ', in front of the older keys' : ''}\n` +
      `  secret key:  ${file}\n  revocation:  ${rev}  (keep a copy offline; it revokes the key without the passphrase)\n` +
      `publish the public key: sectriage keys export --public > security-key.asc, and refresh security.txt: sectriage security-txt\n`,
  );
}

async function keysImport(
  input: string,
  o: { config: string; current?: boolean; keyPassphraseFile?: string; force?: boolean; passphrase: boolean },
): Promise<void> {
  const config = loadConfig(o.config);
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (cause) {
    throw new SectriageError('KEY_UNREADABLE', `cannot read ${input}: ${(cause as Error).message}`, { cause });
  }
  const secretBlocks = armoredBlocks(text, 'PRIVATE KEY');
  if (secretBlocks.length > 0) {
    const target = config.keys.teamPrivateKey;
    const existing = existsSync(target) ? await storedTeamKeys(target) : [];
    const ownPass = o.keyPassphraseFile ? readFileSync(o.keyPassphraseFile, 'utf8').split(/\r?\n/)[0] : configPassphrase(config);
    const lockWith = configPassphrase(config);
    if (!lockWith && o.passphrase) {
      throw new SectriageError(
        'KEY_PASSPHRASE',
        'no passphrase configured to lock the imported key with: set keys.passphraseFile (or SECTRIAGE_KEY_PASSPHRASE) first, or pass --no-passphrase',
      );
    }
    const imported: string[] = [];
    for (const block of secretBlocks) {
      for (let key of await openpgp.readPrivateKeys({ armoredKeys: block })) {
        const fpr = key.getFingerprint().toUpperCase();
        if (existing.some((k) => k.getFingerprint().toUpperCase() === fpr)) throw new SectriageError('KEY_EXISTS', `team key ${fpr} is already in ${target}`);
        if (!key.isDecrypted()) {
          if (!ownPass) throw new SectriageError('KEY_PASSPHRASE', `${fpr} is passphrase-protected: give its passphrase with --key-passphrase-file`);
          try {
            key = await openpgp.decryptKey({ privateKey: key, passphrase: ownPass });
          } catch (cause) {
            throw new SectriageError('KEY_PASSPHRASE', `cannot unlock ${fpr}: wrong passphrase (${(cause as Error).message})`, { cause });
          }
        }
        // One passphrase unlocks the whole file at start: re-lock with the configured one.
        const stored = lockWith ? await openpgp.encryptKey({ privateKey: key, passphrase: lockWith }) : key;
        imported.push(stored.armor().trim());
      }
    }
    const previous = existsSync(target) ? readFileSync(target, 'utf8').trim() : '';
    const joined = o.current ? [...imported, previous] : [previous, ...imported];
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeKeyFile(target, `${joined.filter(Boolean).join('\n')}\n`, { private: true, replace: true });
    out(`imported ${imported.length} secret key(s) into ${target} ${o.current ? 'as the current key' : 'after the current key (they open old mail)'}\n`);
    return;
  }
  const pubBlocks = armoredBlocks(text, 'PUBLIC KEY');
  if (pubBlocks.length !== 1)
    throw new SectriageError('KEY_UNREADABLE', `${input} must hold one armored public key or secret key(s) (found ${pubBlocks.length} public key blocks)`);
  const key = await openpgp.readKey({ armoredKey: pubBlocks[0] as string });
  const email = keyEmails(key)[0];
  if (!email)
    throw new SectriageError(
      'KEY_MISMATCH',
      `${key.getFingerprint().toUpperCase()} has no user ID with an email address: a team member's key must name their address`,
    );
  // Named by fingerprint: a user ID is the key owner's text and no safe file name.
  const rel = `team/${key.getFingerprint().toUpperCase()}.asc`;
  const file = join(config.keys.dir, rel);
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  writeKeyFile(file, key.armor(), { private: false, replace: Boolean(o.force) });
  const member = config.team.find((m) => m.email === email);
  out(
    `saved ${key.getFingerprint().toUpperCase()} (${email}) as ${file}\n` +
      (member?.publicKey === file
        ? `team member ${member.name} uses it already\n`
        : `add to the config:\nteam:\n  - name: ${email.split('@')[0]?.replace(/[^\w.-]/g, '')}\n    email: ${email}\n    publicKey: ${rel}\n`),
  );
}

async function keysList(o: { config: string; reporters?: boolean; json?: boolean; now?: string }): Promise<void> {
  const config = loadConfig(o.config);
  const now = clockAt(o.now)();
  const lead = DEFAULTS.keyExpiryWarning / DAY;
  const team = await Promise.all((await storedTeamKeys(config.keys.teamPrivateKey)).map((k) => describeKey(k, now)));
  const members = await loadTeamMemberKeys(config.team);
  const memberInfo: Array<{ name: string; email: string; key: KeyInfo | null }> = [];
  for (const m of members) memberInfo.push({ name: m.name, email: m.email, key: m.key ? await describeKey(m.key, now) : null });
  const warnings = [
    ...team.flatMap((k, i) => keyWarnings(k, now, lead, i === 0 ? 'the current team key' : 'older team key')),
    ...memberInfo.flatMap((m) => (m.key ? keyWarnings(m.key, now, lead, `${m.name}'s key`) : [])),
  ].map((w) => w.message);
  if (team[0] && (!team[0].canSign || !team[0].canEncrypt))
    warnings.push(`the current team key ${team[0].fingerprint} cannot ${team[0].canSign ? 'receive encrypted mail' : 'sign'}; generate a new one`);
  let reporters: Array<Record<string, unknown>> = [];
  if (o.reporters) {
    const db = openDatabaseReadOnly(config.database);
    try {
      reporters = reporterKeyList(db).map(({ firstSeenAt, ...k }) => ({ ...k, firstSeen: firstSeenAt }));
    } finally {
      db.close();
    }
  }
  if (o.json) {
    out(
      `${JSON.stringify({ team: team.map((k, i) => ({ ...k, role: i === 0 ? 'current' : 'older' })), members: memberInfo, ...(o.reporters ? { reporters } : {}), warnings }, null, 2)}\n`,
    );
    return;
  }
  const when = (k: KeyInfo) => `created ${k.created.slice(0, 10)}, ${k.expires ? `expires ${k.expires.slice(0, 10)}` : 'never expires'}`;
  let s = 'team keys:\n';
  team.forEach((k, i) => {
    s += `  ${k.fingerprint}  ${k.algorithm}  ${when(k)}  ${i === 0 ? 'current: decrypts, signs replies, published' : 'older: decrypts old mail'}\n`;
  });
  s += 'team members:\n';
  for (const m of memberInfo)
    s += `  ${m.name} <${m.email}>  ${m.key ? `${m.key.fingerprint}  ${when(m.key)}: encrypts their mail, verifies their commands` : 'no key: their mail goes unencrypted, their commands are refused'}\n`;
  if (o.reporters) {
    s += 'reporter keys:\n';
    for (const r of reporters) s += `  ${String(r.email)}  ${String(r.fingerprint)}  ${String(r.status)}  since ${String(r.firstSeen).slice(0, 10)}\n`;
  }
  for (const w of warnings) s += `warning: ${w}\n`;
  out(s);
}

async function keysExport(o: { config: string; public?: boolean; all?: boolean; wkd?: string }): Promise<void> {
  if (o.wkd !== undefined) return exportWkd(o.config, o.wkd);
  if (!o.public) throw new SectriageError('USAGE', 'keys export: only public keys are exported (add --public); to move secret keys, copy the key file');
  const stored = await storedTeamKeys(loadConfig(o.config).keys.teamPrivateKey);
  for (const k of o.all ? stored : stored.slice(0, 1)) out(`${k.toPublic().armor().trim()}\n`);
}

/** Writes the WKD files of the current team key under `root` (files 0644, folders 0755: the web server reads them). */
async function exportWkd(configFile: string, root: string): Promise<void> {
  const config = loadConfig(configFile);
  const [key] = await storedTeamKeys(config.keys.teamPrivateKey);
  if (!key) throw new SectriageError('KEY_UNREADABLE', `${config.keys.teamPrivateKey} holds no team key`);
  const address = teamAddressOf(config.smtp.from);
  let files: Awaited<ReturnType<typeof wkdFiles>>;
  try {
    files = await wkdFiles(key, address);
  } catch (cause) {
    throw new SectriageError('KEY_MISMATCH', `keys export --wkd: ${(cause as Error).message}; make a key for it (keys generate --rotate)`, { cause });
  }
  for (const f of files) {
    const file = join(root, f.path);
    mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
    writeFileSync(file, f.content, { mode: 0o644 });
    out(`${file}\n`);
  }
  out(
    `publish ${root}/.well-known at https://openpgpkey.${address.split('@')[1]}/ (advanced) or https://${address.split('@')[1]}/ (direct); set keys.wkdUrl so doctor checks it\n`,
  );
}

function keysPin(emailArg: string, fprArg: string, o: { config: string; now?: string; as?: string }): void {
  const config = loadConfig(o.config);
  const db = openDatabase(config.database);
  let r: ReturnType<typeof pinReporterKey>;
  try {
    const ctx = {
      db,
      now: recordingClockAt(o.now, 'keys pin')(),
      actor: cliActor(config.team, o.as),
      reporterNotices: [],
      teamAddress: teamAddressOf(config.smtp.from),
      timezone: config.timezone,
    };
    r = db.transaction(() => pinReporterKey(ctx, emailArg, fprArg)).immediate();
  } finally {
    db.close();
  }
  out(`replies to ${r.email} are now encrypted to ${r.fingerprint}\n`);
}

async function securityTxt(o: { config: string; out?: string; now?: string }): Promise<void> {
  const config = loadConfig(o.config);
  const now = clockAt(o.now)();
  const team = await loadTeamKeys(config.keys.teamPrivateKey, config.keys.passphrase, createLogger('warn'));
  const st = config.securityTxt;
  const text = buildSecurityTxt({
    contact: st.contact.length ? st.contact : [`mailto:${teamAddressOf(config.smtp.from)}`],
    expires: new Date(now.getTime() + st.expiresInDays * DAY),
    encryption: st.encryption.length ? st.encryption : [`openpgp4fpr:${team.fingerprint.toLowerCase()}`],
    canonical: st.canonical,
    ...(st.policy ? { policy: st.policy } : {}),
    ...(st.preferredLanguages ? { preferredLanguages: st.preferredLanguages } : {}),
    ...(st.acknowledgments ? { acknowledgments: st.acknowledgments } : {}),
    ...(st.hiring ? { hiring: st.hiring } : {}),
  });
  const signed = await signSecurityTxt(text, team.current, now);
  const keyExpiry = await team.current.getExpirationTime();
  const expires = readExpires(signed) as Date;
  if (keyExpiry instanceof Date && keyExpiry < expires) {
    process.stderr.write(
      `warning: the team key expires ${keyExpiry.toISOString().slice(0, 10)}, before this file (${expires.toISOString().slice(0, 10)}): reporters would find an expired key; rotate or extend it first\n`,
    );
  }
  if (st.canonical.length === 0)
    process.stderr.write('warning: no securityTxt.canonical: RFC 9116 §2.5.2 asks signed files to name where they are published\n');
  if (o.out) {
    writeFileSync(o.out, signed, { mode: 0o644 });
    out(`wrote ${o.out}; it expires ${readExpires(signed)?.toISOString()}\n`);
  } else out(signed);
}
