/**
 * The shape of config/sectriage.yaml, with every default. This is the single source
 * for config keys: config/sectriage.example.yaml documents the same keys, and a test
 * checks that the example parses. Input is operator-written YAML: trusted for intent,
 * not for form, so every key is validated and unknown keys are errors (typos in a
 * security tool must not be silently ignored).
 */
import { createRequire } from 'node:module';
import type cron from 'node-cron';
import * as z from 'zod';
import { LIMITS, DEFAULTS, SECOND, DAY } from '../limits.js';
import { ADVISORY_DEFAULTS, advisorySchema, cveSchema } from './advisory-schema.js';
import { WEB_DEFAULTS, webSchema } from './web-schema.js';

/** node-cron is loaded only to check a schedule the config gives (its CommonJS build, synchronously):
 *  loading it costs every command ~7 ms of its start (CLI cold start, issue 11). */
function validCron(expression: string): boolean {
  return (createRequire(import.meta.url)('node-cron') as typeof cron).validate(expression);
}

const secretFields = {
  /** Inline secret; prefer passFile or the env var. */
  pass: z.string().min(1).optional(),
  /** File holding the secret (first line). `${CREDENTIALS_DIRECTORY}` is expanded for systemd LoadCredential. */
  passFile: z.string().min(1).optional(),
};

const port = z.number().int().min(1).max(65535);

export const imapSchema = z
  .object({
    host: z.string().min(1),
    port: port.default(993),
    secure: z.boolean().default(true),
    user: z.string().min(1),
    ...secretFields,
    mailbox: z.string().min(1).default('INBOX'),
    /** Where processed mail is moved; null or absent leaves it in place, flagged. */
    processedMailbox: z.string().min(1).nullable().default(null),
    pollIntervalSeconds: z
      .number()
      .positive()
      .default(DEFAULTS.imapPollInterval / SECOND),
    /** Verify the server's TLS certificate. Only a test server should turn this off. */
    tlsRejectUnauthorized: z.boolean().default(true),
  })
  .strict();

export const smtpSchema = z
  .object({
    /** The address replies come from, e.g. "Example Security <security@example.com>". */
    from: z.string().min(3),
    host: z.string().min(1).optional(),
    port: port.default(587),
    secure: z.boolean().default(false),
    user: z.string().min(1).optional(),
    ...secretFields,
    /** Write each outgoing mail as an .eml file here instead of sending it (demo, MTA pickup). */
    pickupDir: z.string().min(1).optional(),
    tlsRejectUnauthorized: z.boolean().default(true),
    /** SMTP sessions a burst is sent over at once; default DEFAULTS.smtpSessions to a loopback relay, 1 to a remote one (limits.ts says why). */
    sessions: z.number().int().min(1).max(20).optional(),
  })
  .strict()
  .refine((s) => Boolean(s.host) !== Boolean(s.pickupDir), {
    message: 'set exactly one of smtp.host (send over SMTP) or smtp.pickupDir (write files)',
  });

export const keysSchema = z
  .object({
    dir: z.string().min(1).default('keys'),
    /** Armored file with the team's secret key(s), current first; relative to keys.dir. */
    teamPrivateKey: z.string().min(1),
    passphrase: z.string().optional(),
    passphraseFile: z.string().min(1).optional(),
    /** Where the Web Key Directory is published, direct layout (https://example.com/): doctor fetches the team key from it. */
    wkdUrl: z.string().url().optional(),
  })
  .strict();

/** A member of the security team: gets reminders and digests; may act by signed mail. */
export const teamMemberSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .regex(/^[\w.-]+$/, 'a short handle such as "alice" (letters, digits, ".", "-", "_")'),
    email: z.string().email(),
    /** Armored public key file, relative to keys.dir: encrypts their mail, verifies their signed commands. */
    publicKey: z.string().min(1).optional(),
  })
  .strict();

/** RFC 9116 fields for `sectriage security-txt`. */
export const securityTxtSchema = z
  .object({
    /** Contact URIs (mailto:, https:, tel:); default: mailto: the smtp.from address. */
    contact: z.array(z.string().min(1)).default([]),
    /** Encryption URIs; default: openpgp4fpr: the team key's fingerprint. */
    encryption: z.array(z.string().min(1)).default([]),
    policy: z.string().min(1).optional(),
    preferredLanguages: z.string().min(1).optional(),
    canonical: z.array(z.string().min(1)).default([]),
    acknowledgments: z.string().min(1).optional(),
    hiring: z.string().min(1).optional(),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(DEFAULTS.securityTxtLifetime / DAY),
    /** The published file (or a copy of it): `doctor` warns before its Expires passes. */
    file: z.string().min(1).optional(),
  })
  .strict();

const limitsSchema = z
  .object(
    Object.fromEntries(Object.keys(LIMITS).map((k) => [k, z.number().int().positive().optional()])) as Record<keyof typeof LIMITS, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

export const configSchema = z
  .object({
    imap: imapSchema.optional(),
    /** A local Maildir read as a source (the demo's default; also useful behind an MDA). */
    maildir: z
      .object({ path: z.string().min(1) })
      .strict()
      .optional(),
    smtp: smtpSchema,
    database: z.string().min(1).default('sectriage.db'),
    /** Worker threads that decrypt and parse a backlog in parallel; the main thread still
     *  records every message, in spool order. 0 opens in the main thread. Default: one per
     *  core, at most 4 (see DEFAULTS.openWorkersMax). */
    workers: z.number().int().min(0).max(64).optional(),
    keys: keysSchema,
    /** The security team. Names are unique; an address belongs to one member. */
    team: z
      .array(teamMemberSchema)
      .default([])
      .refine((t) => new Set(t.map((m) => m.name)).size === t.length, 'team member names must be unique')
      .refine((t) => new Set(t.map((m) => m.email.toLowerCase())).size === t.length, 'team member addresses must be unique'),
    securityTxt: securityTxtSchema.default({ contact: [], encryption: [], canonical: [], expiresInDays: DEFAULTS.securityTxtLifetime / DAY }),
    /**
     * Named outside contacts a policy's escalateTo may use besides `team` and member
     * names, e.g. `backup: anelson@cgx.sh` for cgx's backup contact.
     */
    contacts: z.record(z.string().regex(/^[\w.-]+$/, 'a short name such as "backup"'), z.string().email()).default({}),
    /** The team digest: a cron expression (5 fields, or 6 with seconds) in a time zone. */
    digest: z
      .object({
        schedule: z
          .string()
          .refine((s) => validCron(s), 'not a valid cron expression (e.g. "0 8 * * 1-5" for 08:00 on weekdays)')
          .default('0 8 * * 1-5'),
        /** Defaults to the config's `timezone`. */
        timezone: z.string().optional(),
        enabled: z.boolean().default(true),
      })
      .strict()
      .default({ schedule: '0 8 * * 1-5', enabled: true }),
    trackingPrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'use 2-10 capital letters or digits, starting with a letter')
      .default('SEC'),
    timezone: z.string().default('UTC'),
    /** A preset name (see config/policies/) or a path to a policy YAML file. */
    policy: z.string().min(1).default('generic-template'),
    /** Where mail that cannot be taken into the spool (too large) is kept as files. */
    heldDir: z.string().min(1).default('held'),
    limits: limitsSchema.default({}),
    /** Advisories (sectriage advisory) and CVE IDs (sectriage cve): see advisory-schema.ts. */
    advisory: advisorySchema.default(ADVISORY_DEFAULTS),
    cve: cveSchema.optional(),
    /** The team console (sectriage web): see web-schema.ts. */
    web: webSchema.default(WEB_DEFAULTS),
    /** The Prometheus endpoint the daemon serves (off unless set): GET /metrics on listen. */
    metrics: z
      .object({
        listen: z
          .string()
          .regex(/^(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$/, 'host:port, e.g. 127.0.0.1:9464')
          .default(DEFAULTS.metricsListen),
      })
      .strict()
      .optional(),
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info') })
      .strict()
      .default({ level: 'info' }),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
