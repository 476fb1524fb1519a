/**
 * `sectriage doctor`: can this installation run? Checks, in order, the config, file
 * permissions, the team key (expiry, unlock, decrypt, sign), the team members' keys,
 * the policy, the database (schema, integrity, the event chain and its guards, the
 * digest's SLA sums), the
 * IMAP login and mailboxes, and the SMTP greeting and login. Each check passes,
 * warns or fails; a failure says the fix in one sentence. Read-only: it never creates,
 * migrates or changes anything (an empty mailbox stays empty). Secrets never print.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as openpgp from 'openpgp';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { inlineSecrets } from '../config/inline-secrets.js';
import { loadConfig, type Config } from '../config/load.js';
import { teamAddressOf } from '../daemon/app.js';
import { checkDatabase } from './doctor-database.js';
import { describeError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import { createLogger } from '../log.js';
import { loadTeamKeys, type TeamKeys } from '../open/team-keys.js';
import { readExpires } from '../keys/security-txt.js';
import { checkPublishedWkd } from '../keys/wkd-check.js';
import { loadTeamMemberKeys } from '../open/team-members.js';
import { loadPolicy } from '../policy/load.js';
import { smtpOptions, smtpStep } from '../send/transport.js';
import { newImapClient } from '../sources/imap-client.js';
import { checkWebSettings } from '../web/doctor-checks.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** For warn and fail: what to do, in one sentence. */
  fix?: string;
}

export async function runDoctor(configFile: string, now: Date): Promise<Check[]> {
  const checks: Check[] = [];
  const ok = (name: string, detail: string): void => void checks.push({ name, status: 'ok', detail });
  const warn = (name: string, detail: string, fix: string): void => void checks.push({ name, status: 'warn', detail, fix });
  const fail = (name: string, detail: string, fix: string): void => void checks.push({ name, status: 'fail', detail, fix });

  let config: Config;
  try {
    config = loadConfig(configFile);
    ok('config', `${config.file} is valid`);
  } catch (e) {
    fail('config', describeError(e), 'Fix the config file as the message says (config/sectriage.example.yaml documents every key).');
    return checks;
  }

  checkPermissions(config, ok, warn, fail);

  // Secrets present (files readable, not world-readable): reading them throws otherwise.
  for (const [name, secret, fix] of [
    ['secret: IMAP password', config.imap?.pass, 'Set imap.passFile (systemd: LoadCredential=imap-pass) or SECTRIAGE_IMAP_PASS.'],
    ['secret: SMTP password', config.smtp.pass, 'Set smtp.passFile (systemd: LoadCredential=smtp-pass) or SECTRIAGE_SMTP_PASS.'],
    ['secret: key passphrase', config.keys.passphrase, 'Set keys.passphraseFile (systemd: LoadCredential=key-passphrase) or SECTRIAGE_KEY_PASSPHRASE.'],
  ] as const) {
    if (!secret) continue;
    try {
      secret.reveal();
      ok(name, 'present');
    } catch (e) {
      fail(name, describeError(e), fix);
    }
  }

  const teamKeys = await checkTeamKey(config, now, ok, warn, fail);
  if (config.securityTxt.file) await checkSecurityTxt(config.securityTxt.file, teamKeys, now, ok, warn, fail);
  if (config.keys.wkdUrl && teamKeys) {
    const r = await checkPublishedWkd(config.keys.wkdUrl, teamAddressOf(config.smtp.from), teamKeys.fingerprint);
    if (r.ok) ok('WKD', `${r.url} serves the current team key`);
    else fail('WKD', `${r.url}: ${r.why}`, 'Publish the files of sectriage keys export --wkd DIR on that web server (or fix keys.wkdUrl).');
  }
  await checkMemberKeys(config, now, ok, warn, fail);

  try {
    const p = loadPolicy(config.policy, dirname(config.file));
    ok('policy', `${p.name} (${p.title})`);
  } catch (e) {
    fail('policy', describeError(e), 'Name a preset from config/policies/ or fix the policy file as the message says.');
  }

  checkDatabase(config, ok, warn, fail);
  checkWebSettings(config, ok, warn, fail);
  if (config.imap) await checkImap(config, ok, fail);
  if (config.maildir) {
    try {
      accessSync(config.maildir.path, constants.R_OK | constants.W_OK);
      ok('maildir', `${config.maildir.path} is readable and writable`);
    } catch (e) {
      fail('maildir', describeError(e), `Create ${config.maildir.path} (with cur/ new/ tmp/) owned by the service user.`);
    }
  }
  await checkSmtp(config, ok, fail);
  return checks;
}

type Report = (name: string, detail: string, fix: string) => void;
type Ok = (name: string, detail: string) => void;

function expiryCheck(name: string, expires: Date | number | null, now: Date, ok: Ok, warn: Report, fail: Report, fix: string): void {
  if (expires === null || expires === Infinity) return ok(name, 'does not expire');
  const t = new Date(expires).getTime();
  if (t <= now.getTime()) return fail(name, `expired on ${new Date(t).toISOString()}`, fix);
  if (t - now.getTime() < DEFAULTS.keyExpiryWarning) return warn(name, `expires on ${new Date(t).toISOString()}`, fix);
  ok(name, `valid until ${new Date(t).toISOString()}`);
}

async function checkTeamKey(config: Config, now: Date, ok: Ok, warn: Report, fail: Report): Promise<TeamKeys | undefined> {
  let keys;
  try {
    keys = await loadTeamKeys(config.keys.teamPrivateKey, config.keys.passphrase, createLogger('silent'));
    ok('team key: unlock', `${keys.fingerprint} (${keys.keys.length} key(s) in the file)`);
  } catch (e) {
    fail('team key: unlock', describeError(e), 'Fix keys.teamPrivateKey or the passphrase (keys.passphraseFile) as the message says.');
    return undefined;
  }
  const extend = `Extend the key's expiry (gpg --quick-set-expire ${keys.fingerprint} 2y '*'), re-export it and republish the public key.`;
  expiryCheck('team key: expiry', await keys.current.getExpirationTime(), now, ok, warn, fail, extend);
  // Can decrypt: a message encrypted to the public key opens with the secret key.
  try {
    const probe = `sectriage doctor ${now.toISOString()}`;
    const enc = await openpgp.encrypt({ message: await openpgp.createMessage({ text: probe }), encryptionKeys: keys.current.toPublic(), date: now });
    const dec = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: enc as string }), decryptionKeys: keys.keys, date: now });
    if (dec.data !== probe) throw new Error('decrypted text differs');
    ok('team key: decrypt', 'a test message encrypted to the key decrypts');
  } catch (e) {
    fail('team key: decrypt', describeError(e), 'Give the key a valid encryption subkey (gpg --quick-add-key FPR cv25519 encr) and re-export it.');
  }
  try {
    const signed = await openpgp.sign({ message: await openpgp.createMessage({ text: 'probe' }), signingKeys: keys.current, date: now });
    const v = await openpgp.verify({
      message: await openpgp.readMessage({ armoredMessage: signed as string }),
      verificationKeys: keys.current.toPublic(),
      date: now,
    });
    await v.signatures[0]?.verified;
    ok('team key: sign', 'a test signature verifies');
  } catch (e) {
    fail('team key: sign', describeError(e), 'Give the key a valid signing (sub)key and re-export it.');
  }
  return keys;
}

/** The published security.txt (RFC 9116): not expired or about to, and signed by the current team key. */
async function checkSecurityTxt(file: string, keys: TeamKeys | undefined, now: Date, ok: Ok, warn: Report, fail: Report): Promise<void> {
  const refresh = 'Run sectriage security-txt --out FILE and publish the new file.';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail('security.txt', describeError(e), `Publish one (sectriage security-txt --out ${file}) or remove securityTxt.file from the config.`);
  }
  const expires = readExpires(text);
  if (!expires) return fail('security.txt: Expires', `${file} has no valid Expires field (RFC 9116 §2.5.5 requires one)`, refresh);
  expiryCheck('security.txt: Expires', expires, now, ok, warn, fail, refresh);
  if (!keys) return;
  try {
    const res = await openpgp.verify({
      message: await openpgp.readCleartextMessage({ cleartextMessage: text }),
      verificationKeys: keys.current.toPublic(),
      date: now,
    });
    await res.signatures[0]?.verified;
    ok('security.txt: signature', `signed by the current team key ${keys.fingerprint}`);
  } catch (e) {
    warn('security.txt: signature', `not signed by the current team key ${keys.fingerprint}: ${describeError(e)}`, refresh);
  }
}

async function checkMemberKeys(config: Config, now: Date, ok: Ok, warn: Report, fail: Report): Promise<void> {
  if (config.team.length === 0) return;
  try {
    const members = await loadTeamMemberKeys(config.team);
    for (const m of members) {
      if (!m.key) {
        warn(
          `member key: ${m.name}`,
          'no publicKey configured: their mail goes unencrypted and their emailed commands are refused',
          `Add team: publicKey for ${m.name} (gpg --export --armor ${m.email}).`,
        );
        continue;
      }
      // A key with no usable encryption subkey (signing-only, or its subkey expired or revoked)
      // made the digest and reminders to that member fail silently.
      try {
        await m.key.getEncryptionKey(undefined, now);
      } catch (e) {
        fail(
          `member key: ${m.name}`,
          `${m.key.getFingerprint().toUpperCase()} cannot encrypt (${describeError(e)}): ${m.name} gets no digest or reminder`,
          `Ask ${m.name} for a key with a valid encryption subkey and replace ${config.team.find((t) => t.name === m.name)?.publicKey}.`,
        );
        continue;
      }
      expiryCheck(
        `member key: ${m.name}`,
        await m.key.getExpirationTime(),
        now,
        ok,
        warn,
        fail,
        `Ask ${m.name} to extend their key and replace ${config.team.find((t) => t.name === m.name)?.publicKey}.`,
      );
    }
  } catch (e) {
    fail('member keys', describeError(e), 'Fix the team: publicKey files as the message says.');
  }
}

/** File permissions: secrets and reports must not be readable by other users. */
function checkPermissions(config: Config, ok: Ok, warn: Report, fail: Report): void {
  const mode = (p: string): number | undefined => (existsSync(p) ? statSync(p).mode & 0o777 : undefined);
  const cfgMode = mode(config.file);
  const inline = inlineSecrets(config.file);
  if (cfgMode !== undefined && cfgMode & 0o002) fail('permissions: config', `${config.file} is writable by every user`, `chmod o-w ${config.file}`);
  else if (cfgMode !== undefined && cfgMode & 0o044 && inline.length)
    fail(
      'permissions: config',
      `${config.file} holds ${inline.join(', ')} inline and is readable by ${cfgMode & 0o004 ? 'every user' : 'its group'} (mode ${cfgMode.toString(8)})`,
      `Move ${inline.join(', ')} to a file (…File:, or a systemd credential), or chmod 600 ${config.file}.`,
    );
  else ok('permissions: config', `${config.file} mode ${cfgMode?.toString(8)}${inline.length ? `, holding ${inline.join(', ')} inline` : ''}`);
  const keyMode = mode(config.keys.teamPrivateKey);
  if (keyMode === undefined)
    fail(
      'permissions: team key',
      `${config.keys.teamPrivateKey} does not exist`,
      'Put the team secret key there (gpg --export-secret-keys --armor) or fix keys.teamPrivateKey.',
    );
  else if (keyMode & 0o004)
    fail(
      'permissions: team key',
      `${config.keys.teamPrivateKey} is readable by every user (mode ${keyMode.toString(8)})`,
      `chmod 600 ${config.keys.teamPrivateKey}`,
    );
  else ok('permissions: team key', `mode ${keyMode.toString(8)}`);
  if (config.database !== ':memory:') {
    const dir = dirname(config.database);
    const dirMode = mode(dir);
    if (dirMode !== undefined && dirMode & 0o005)
      warn('permissions: database folder', `${dir} can be listed or entered by every user (mode ${dirMode.toString(8)})`, `chmod 700 ${dir}`);
    else if (dirMode !== undefined) ok('permissions: database folder', `${dir} mode ${dirMode.toString(8)}`);
    const dbMode = mode(config.database);
    if (dbMode !== undefined && dbMode & 0o004)
      fail(
        'permissions: database',
        `${config.database} is readable by every user (mode ${dbMode.toString(8)}); it holds decrypted reports`,
        `chmod 600 ${config.database}`,
      );
    else if (dbMode !== undefined && dbMode & 0o040)
      warn(
        'permissions: database',
        `${config.database} is readable by its group (mode ${dbMode.toString(8)}); it holds decrypted reports`,
        `chmod 600 ${config.database}`,
      );
    else if (dbMode !== undefined) ok('permissions: database', `mode ${dbMode.toString(8)}`);
  }
}

async function checkImap(config: Config, ok: Ok, fail: Report): Promise<void> {
  const imap = config.imap!;
  try {
    imap.pass.reveal();
  } catch {
    return; // reported above as a missing secret
  }
  const client = newImapClient(imap, config.limits, createLogger('silent'));
  client.on('error', () => {});
  try {
    await client.connect();
    ok('IMAP: login', `${imap.user}@${imap.host}:${imap.port}`);
  } catch (e) {
    const authFailed = (e as { authenticationFailed?: boolean }).authenticationFailed;
    fail(
      'IMAP: login',
      `${imap.host}:${imap.port}: ${imapMessage(e)}`,
      authFailed
        ? `Fix the password for ${imap.user} (imap.passFile) or the user name.`
        : `Check imap.host, imap.port and imap.secure, and that ${imap.host} accepts connections from this host.`,
    );
    return;
  }
  try {
    for (const [key, box] of [
      ['mailbox', imap.mailbox],
      ['processedMailbox', imap.processedMailbox],
    ] as const) {
      if (!box) continue;
      try {
        const st = await client.status(box, { messages: true });
        if (!st) throw new Error('STATUS failed');
        ok(`IMAP: ${key}`, `${box} exists (${st.messages ?? 0} messages)`);
      } catch (e) {
        // The daemon creates the processed mailbox at start (imap-source.ts): its absence is no fault.
        if (key === 'processedMailbox') ok(`IMAP: ${key}`, `${box} does not exist yet: the daemon creates it when it starts`);
        else fail(`IMAP: ${key}`, `${box}: ${imapMessage(e)}`, `Create the mailbox ${box} on the server, or fix imap.${key}.`);
      }
    }
  } finally {
    await client.logout().catch(() => {});
  }
}

function imapMessage(e: unknown): string {
  const x = e as { responseText?: string; message?: string };
  return x.responseText ? `${x.message ?? 'failed'} (${x.responseText})` : describeError(e);
}

async function checkSmtp(config: Config, ok: Ok, fail: Report): Promise<void> {
  const smtp = config.smtp;
  if (smtp.pickupDir) {
    try {
      accessSync(smtp.pickupDir, constants.W_OK);
      ok('SMTP: pickup folder', `${smtp.pickupDir} is writable`);
    } catch (e) {
      fail('SMTP: pickup folder', describeError(e), `Create ${smtp.pickupDir} writable by the service user, or fix smtp.pickupDir.`);
    }
    return;
  }
  const host = smtp.host as string;
  let ehlo: string;
  try {
    ehlo = teamAddressOf(smtp.from).split('@')[1] as string;
  } catch (e) {
    return fail('SMTP: greeting', describeError(e), 'Give smtp.from an address, e.g. "Security <security@example.com>".');
  }
  const conn = new SMTPConnection(smtpOptions(smtp, ehlo, DEFAULTS.smtpConnectionTimeout));
  const step = (fn: (cb: (err?: Error | null) => void) => void): Promise<void> => smtpStep<void>(conn, fn);
  conn.on('error', () => {});
  try {
    await step((cb) => conn.connect((e) => cb(e)));
    ok('SMTP: greeting', `${host}:${smtp.port}${conn.secure ? ' (TLS)' : ''}`);
  } catch (e) {
    conn.close();
    return fail(
      'SMTP: greeting',
      `${host}:${smtp.port}: ${describeError(e)}`,
      'Check smtp.host, smtp.port and smtp.secure (465 is TLS from the start, 587 uses STARTTLS), and that the relay accepts this host.',
    );
  }
  try {
    if (smtp.user && smtp.pass) {
      await step((cb) => conn.login({ user: smtp.user as string, pass: smtp.pass!.reveal() }, (e) => cb(e)));
      ok('SMTP: login', `as ${smtp.user}`);
    } else {
      ok('SMTP: login', 'no smtp.user: the relay accepts us without login');
    }
  } catch (e) {
    fail('SMTP: login', describeError(e), `Fix the password for ${smtp.user} (smtp.passFile) or the user name.`);
  } finally {
    conn.quit();
  }
}

export function formatChecks(checks: Check[]): string {
  const mark = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;
  const lines = checks.map((c) => `${mark[c.status]}  ${c.name}: ${c.detail}${c.fix ? `\n      fix: ${c.fix}` : ''}`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  lines.push('', failed ? `${failed} check(s) failed, ${warned} warning(s).` : `All checks passed${warned ? `, ${warned} warning(s)` : ''}.`);
  return lines.join('\n') + '\n';
}
