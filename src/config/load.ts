/**
 * Reads, validates and resolves the YAML config: relative paths become absolute
 * (against the config file's folder), secrets are read from inline values, files
 * or env vars and wrapped in Secret, and secret files readable by others are
 * refused. Errors name the file and the key, and say how to fix it.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { SectriageError } from '../errors.js';
import { LIMITS, type Limits } from '../limits.js';
import { configSchema, type RawConfig } from './schema.js';
import { Secret } from './secret.js';
import { isValidTimezone } from '../util/timezone.js';

export interface ImapConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: Secret;
  mailbox: string;
  processedMailbox: string | null;
  pollIntervalMs: number;
  tlsRejectUnauthorized: boolean;
}

export interface SmtpConfig {
  from: string;
  host?: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: Secret;
  pickupDir?: string;
  tlsRejectUnauthorized: boolean;
  /** Set: SMTP sessions a burst goes out over at once (else send/transport.ts decides). */
  sessions?: number;
}

export interface TeamMember {
  name: string;
  email: string;
  publicKey?: string;
}

export interface Config {
  file: string;
  imap?: ImapConfig;
  maildir?: { path: string };
  smtp: SmtpConfig;
  database: string;
  keys: { dir: string; teamPrivateKey: string; passphrase?: Secret; wkdUrl?: string };
  securityTxt: Omit<RawConfig['securityTxt'], 'file'> & { file?: string };
  /** The team; publicKey is resolved to an absolute path. */
  team: TeamMember[];
  /** Named escalation contacts (lowercased addresses). */
  contacts: Record<string, string>;
  digest: { schedule: string; timezone: string; enabled: boolean };
  trackingPrefix: string;
  timezone: string;
  policy: string;
  heldDir: string;
  limits: Limits;
  logLevel: string;
  /** Open workers; undefined: one per core beside the main thread's, up to DEFAULTS.openWorkersMax. */
  workers?: number;
  advisory: RawConfig['advisory'];
  /** The team console; certFile and keyFile resolved to absolute paths. */
  web: RawConfig['web'];
  metrics?: RawConfig['metrics'];
  /** CVE Services (sectriage cve); the API key read when first needed. */
  cve?: Omit<NonNullable<RawConfig['cve']>, 'apiKey' | 'apiKeyFile'> & { apiKey: Secret };
}

/** Env vars that may carry secrets (systemd Environment=, or a container). */
export const SECRET_ENV = {
  imapPass: 'SECTRIAGE_IMAP_PASS',
  smtpPass: 'SECTRIAGE_SMTP_PASS',
  keyPassphrase: 'SECTRIAGE_KEY_PASSPHRASE',
  cveApiKey: 'SECTRIAGE_CVE_API_KEY',
} as const;

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SectriageError('CONFIG_UNREADABLE', `cannot read config file ${path}: ${(cause as Error).message}`, { cause });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? ` line ${cause.linePos[0].line}` : '';
    throw new SectriageError('CONFIG_INVALID', `${path}${where}: not valid YAML: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  return resolveConfig(path, data ?? {}, env);
}

export function resolveConfig(path: string, data: unknown, env: NodeJS.ProcessEnv = process.env): Config {
  // Parsed once per process: zod's compiled fast path (generated with new Function on first
  // use) costs more to build than it saves on one parse, ~5 ms of every command's start.
  const parsed = configSchema.safeParse(data, { jitless: true });
  if (!parsed.success) throw new SectriageError('CONFIG_INVALID', formatIssues(path, parsed.error.issues));
  const raw: RawConfig = parsed.data;
  const base = dirname(path);
  const at = (p: string, key?: string): string => resolvePath(base, p, env, path, key);
  // The order of the steps is the order in which a config's errors are found.
  checkNames(path, raw);
  const config = resolvePlain(path, raw, at);
  addSources(config, path, raw, env, at);
  addSecrets(config, path, raw, env, at);
  if (config.limits.imapMaxLiteralBytes <= config.limits.maxMessageBytes) {
    throw new SectriageError('CONFIG_INVALID', `${path}: limits.imapMaxLiteralBytes must be larger than limits.maxMessageBytes`);
  }
  return config;
}

/** Names the schema cannot check alone: time zones, and contacts that would shadow a member or "team". */
function checkNames(path: string, raw: RawConfig): void {
  if (!isValidTimezone(raw.timezone)) {
    throw new SectriageError('CONFIG_INVALID', `${path}: timezone: unknown time zone "${raw.timezone}" (use an IANA name such as Europe/Berlin)`);
  }

  if (raw.digest.timezone !== undefined && !isValidTimezone(raw.digest.timezone)) {
    throw new SectriageError('CONFIG_INVALID', `${path}: digest.timezone: unknown time zone "${raw.digest.timezone}" (use an IANA name such as Europe/Berlin)`);
  }
  const memberNames = new Set(raw.team.map((m) => m.name));
  for (const name of Object.keys(raw.contacts)) {
    if (name === 'team' || memberNames.has(name))
      throw new SectriageError(
        'CONFIG_INVALID',
        `${path}: contacts.${name}: the name is already used by ${name === 'team' ? 'the whole team' : 'a team member'}; pick another`,
      );
  }
}

/** Everything but the mail sources and the secrets: paths made absolute, addresses lowercased, limits over the defaults. */
function resolvePlain(path: string, raw: RawConfig, at: (p: string, key?: string) => string): Config {
  const keysDir = at(raw.keys.dir);
  return {
    file: path,
    smtp: {
      from: raw.smtp.from,
      port: raw.smtp.port,
      secure: raw.smtp.secure,
      tlsRejectUnauthorized: raw.smtp.tlsRejectUnauthorized,
      ...(raw.smtp.host ? { host: raw.smtp.host } : {}),
      ...(raw.smtp.user ? { user: raw.smtp.user } : {}),
      ...(raw.smtp.pickupDir ? { pickupDir: at(raw.smtp.pickupDir) } : {}),
      ...(raw.smtp.sessions !== undefined ? { sessions: raw.smtp.sessions } : {}),
    },
    database: raw.database === ':memory:' ? raw.database : at(raw.database),
    keys: {
      dir: keysDir,
      teamPrivateKey: isAbsolute(raw.keys.teamPrivateKey) ? raw.keys.teamPrivateKey : resolve(keysDir, raw.keys.teamPrivateKey),
      ...(raw.keys.wkdUrl ? { wkdUrl: raw.keys.wkdUrl } : {}),
    },
    team: raw.team.map((m) => ({
      name: m.name,
      email: m.email.toLowerCase(),
      ...(m.publicKey ? { publicKey: isAbsolute(m.publicKey) ? m.publicKey : resolve(keysDir, m.publicKey) } : {}),
    })),
    securityTxt: { ...stripUndefined(raw.securityTxt), ...(raw.securityTxt.file ? { file: at(raw.securityTxt.file) } : {}) } as Config['securityTxt'],
    contacts: Object.fromEntries(Object.entries(raw.contacts).map(([k, v]) => [k, v.toLowerCase()])),
    digest: { schedule: raw.digest.schedule, timezone: raw.digest.timezone ?? raw.timezone, enabled: raw.digest.enabled },
    trackingPrefix: raw.trackingPrefix,
    timezone: raw.timezone,
    policy: raw.policy,
    heldDir: at(raw.heldDir),
    limits: { ...LIMITS, ...stripUndefined(raw.limits) },
    logLevel: raw.log.level,
    ...(raw.workers !== undefined ? { workers: raw.workers } : {}),
    advisory: raw.advisory,
    web: { ...raw.web, ...(raw.web.certFile ? { certFile: at(raw.web.certFile) } : {}), ...(raw.web.keyFile ? { keyFile: at(raw.web.keyFile) } : {}) },
    ...(raw.metrics ? { metrics: raw.metrics } : {}),
  };
}

/** Where mail comes from: the IMAP account (with its password) and the Maildir. */
function addSources(config: Config, path: string, raw: RawConfig, env: NodeJS.ProcessEnv, at: (p: string, key?: string) => string): void {
  if (raw.imap) {
    // A missing password is found when it is needed (the daemon checks at start): an
    // MTA pipe running `ingest` without the service's environment must still spool.
    const pass =
      readSecret(path, 'imap', raw.imap, SECRET_ENV.imapPass, env, at) ??
      new Secret(() => {
        throw missingSecret(path, 'imap.pass', 'imap.passFile', SECRET_ENV.imapPass);
      });
    config.imap = {
      host: raw.imap.host,
      port: raw.imap.port,
      secure: raw.imap.secure,
      user: raw.imap.user,
      pass,
      mailbox: raw.imap.mailbox,
      processedMailbox: raw.imap.processedMailbox,
      pollIntervalMs: raw.imap.pollIntervalSeconds * 1000,
      tlsRejectUnauthorized: raw.imap.tlsRejectUnauthorized,
    };
  }
  if (raw.maildir) config.maildir = { path: at(raw.maildir.path) };
}

/** The SMTP password and the team key's passphrase. */
function addSecrets(config: Config, path: string, raw: RawConfig, env: NodeJS.ProcessEnv, at: (p: string, key?: string) => string): void {
  if (raw.smtp.host) {
    const pass = readSecret(path, 'smtp', raw.smtp, SECRET_ENV.smtpPass, env, at);
    if (pass) config.smtp.pass = pass;
    else if (raw.smtp.user) {
      config.smtp.pass = new Secret(() => {
        throw missingSecret(path, 'smtp.pass', 'smtp.passFile', SECRET_ENV.smtpPass);
      });
    }
  }
  const passphrase = readSecret(path, 'keys', { pass: raw.keys.passphrase, passFile: raw.keys.passphraseFile }, SECRET_ENV.keyPassphrase, env, at, [
    'passphrase',
    'passphraseFile',
  ]);
  if (passphrase) config.keys.passphrase = passphrase;
  if (raw.cve) {
    const { apiKey: _k, apiKeyFile: _f, ...cve } = raw.cve;
    const key = readSecret(path, 'cve', { pass: raw.cve.apiKey, passFile: raw.cve.apiKeyFile }, SECRET_ENV.cveApiKey, env, at, ['apiKey', 'apiKeyFile']);
    config.cve = {
      ...cve,
      apiKey:
        key ??
        new Secret(() => {
          throw missingSecret(path, 'cve.apiKey', 'cve.apiKeyFile', SECRET_ENV.cveApiKey);
        }),
    };
  }
}

/** Reads every secret now, so the daemon fails at start, not at its first IMAP login. */
export function checkSecrets(config: Config): void {
  config.imap?.pass.reveal();
  config.smtp.pass?.reveal();
  config.keys.passphrase?.reveal();
}

function formatIssues(path: string, issues: z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => {
    const key = i.path.length ? i.path.join('.') : '(top level)';
    if (i.code === 'unrecognized_keys') return `${key === '(top level)' ? '' : key + ': '}unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    return `${key}: ${i.message}`;
  });
  return `invalid config ${path}:\n  ${lines.join('\n  ')}`;
}

function readSecret(
  path: string,
  group: string,
  fields: { pass?: string | undefined; passFile?: string | undefined },
  envName: string,
  env: NodeJS.ProcessEnv,
  at: (p: string, key?: string) => string,
  names: [string, string] = ['pass', 'passFile'],
): Secret | undefined {
  if (fields.pass !== undefined && fields.passFile !== undefined) {
    throw new SectriageError('CONFIG_INVALID', `${path}: ${group}: set ${group}.${names[0]} or ${group}.${names[1]}, not both`);
  }
  if (fields.pass !== undefined) return new Secret(fields.pass);
  if (fields.passFile !== undefined) {
    const key = `${group}.${names[1]}`;
    const passFile = fields.passFile;
    // Read when first needed: `cases list` on a host where only the service has
    // ${CREDENTIALS_DIRECTORY} must not fail on a password it does not use.
    return new Secret(() => {
      const file = at(passFile, key);
      assertPrivateFile(file, key);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (cause) {
        throw new SectriageError('SECRET_MISSING', `${path}: ${key}: cannot read ${file}: ${(cause as Error).message}`, { cause });
      }
      return text.split(/\r?\n/)[0] ?? '';
    });
  }
  const fromEnv = env[envName];
  return fromEnv !== undefined && fromEnv !== '' ? new Secret(fromEnv) : undefined;
}

function missingSecret(path: string, inline: string, file: string, envName: string): SectriageError {
  return new SectriageError('SECRET_MISSING', `${path}: no ${inline}: set ${file} (preferred), ${inline}, or the env var ${envName}`);
}

/**
 * Refuses a secret file (password, private key) that other users can read. Group
 * read is allowed: systemd credentials and a dedicated group are common setups.
 */
export function assertPrivateFile(file: string, what: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return; // a missing file is reported by whoever reads it, with its own message
  }
  if (mode & 0o004) {
    throw new SectriageError('FILE_PERMISSIONS', `${what}: ${file} is readable by every user on this host; fix it with: chmod o-rwx ${file}`);
  }
}

function resolvePath(base: string, p: string, env: NodeJS.ProcessEnv, configFile: string, key = 'a path'): string {
  const expanded = p.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b) as string;
    const value = env[name];
    if (value === undefined) {
      const hint =
        name === 'CREDENTIALS_DIRECTORY'
          ? ' (systemd sets it only inside the service: run this command through the service, e.g. `systemd-run -p LoadCredential=...`, or give the file path or the env var secret directly)'
          : '';
      throw new SectriageError('CONFIG_INVALID', `${configFile}: ${key}: "${p}" uses the env var ${name}, which is not set${hint}`);
    }
    return value;
  });
  return isAbsolute(expanded) ? expanded : resolve(base, expanded);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
