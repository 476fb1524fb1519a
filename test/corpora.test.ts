// Third-party mail corpora (see ../shared/corpora/README.md) run through the real
// pipeline: openMessage, then route/record into an in-memory SQLite database, exactly
// as the daemon's processSpool does. Two properties:
//  1. hostile or broken MIME never hangs and never crashes processing: every spool
//     entry ends 'done' or 'held' (with a reason), none stays 'incoming';
//  2. for named Thunderbird messages, the outcome the corpus README expects (Efail:
//     no plaintext from unauthenticated or tampered ciphertext; partial encryption
//     kept apart; hidden recipients decrypt; nested/wrapped layers as described).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/load.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { SectriageError } from '../src/errors.js';
import { LIMITS } from '../src/limits.js';
import { silentLogger } from '../src/log.js';
import { openMessage } from '../src/open/open-message.js';
import type { TeamKeys } from '../src/open/team-keys.js';
import { processSpool, type PipelineDeps } from '../src/pipeline/process.js';
import { loadPolicy } from '../src/policy/load.js';
import { spoolMessage } from '../src/spool/spool.js';
import { EVENT_DATA, OUTBOX_PARAMS, opened } from './helpers/opened-sql.js';
import { attachmentContent, MESSAGE_TEXTS } from '../src/cases/store/messages.js';

const CORPORA = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpora');
const TB = join(CORPORA, 'thunderbird-openpgp');
const NOW = new Date('2026-06-03T10:00:00.000Z');

const ALICE_FPR = 'EB85BB5FA33A75E15E944E63F231550C4F47E38E';
const BOB_FPR = 'D1A66E1A23B182C9980F788CFBFCC82A015E7330';

function emlFiles(folder: string): string[] {
  const dir = join(CORPORA, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => join(dir, f));
}

async function secretKey(file: string): Promise<openpgp.PrivateKey> {
  return openpgp.readPrivateKey({ armoredKey: readFileSync(join(TB, 'keys', file), 'utf8') });
}

function teamKeysOf(key: openpgp.PrivateKey): TeamKeys {
  return { keys: [key], current: key, fingerprint: key.getFingerprint().toUpperCase(), publicArmored: key.toPublic().armor() };
}

function deps(db: Db, key: openpgp.PrivateKey): PipelineDeps {
  const config = resolveConfig(
    '/srv/sectriage/sectriage.yaml',
    { smtp: { from: 'Example Security <security@example.com>', pickupDir: 'outgoing' }, keys: { teamPrivateKey: 'team.asc' }, database: ':memory:' },
    {},
  );
  return {
    db,
    config,
    teamKeys: teamKeysOf(key),
    policy: loadPolicy('generic-template'),
    teamAddress: 'security@example.com',
    log: silentLogger,
    now: () => NOW,
  };
}

interface SpoolOutcome {
  id: number;
  source_ref: string;
  state: string;
  disposition: string | null;
  hold_reason: string | null;
  case_id: number | null;
}

/** Spools every file into a fresh database, runs processSpool, returns the spool rows. */
async function runPipeline(files: string[], key: openpgp.PrivateKey): Promise<{ db: Db; rows: SpoolOutcome[]; processed: number }> {
  const db = openDatabase(':memory:');
  for (const f of files) spoolMessage(db, { source: 'maildir', sourceRef: f, raw: readFileSync(f), receivedAt: NOW });
  const processed = await processSpool(deps(db, key));
  const rows = db.prepare('SELECT id, source_ref, state, disposition, hold_reason, case_id FROM spool ORDER BY id').all() as SpoolOutcome[];
  return { db, rows, processed };
}

function expectAllFinished(rows: SpoolOutcome[]): void {
  const unfinished = rows.filter((r) => r.state !== 'done' && r.state !== 'held').map((r) => `${r.source_ref}: ${r.state}`);
  expect(unfinished).toEqual([]);
  const heldWithoutReason = rows.filter((r) => r.state === 'held' && !r.hold_reason).map((r) => r.source_ref);
  expect(heldWithoutReason).toEqual([]);
}

/** openMessage either resolves or rejects with a SectriageError; returns a label per file. */
async function openOutcome(file: string, key: openpgp.PrivateKey): Promise<string> {
  try {
    const o = await openMessage(readFileSync(file), { teamKeys: [key], limits: { ...LIMITS }, knownKeys: async () => [] });
    return o.encryption;
  } catch (e) {
    return e instanceof SectriageError ? `rejected:${e.code}` : `THREW NON-SECTRIAGE ERROR: ${(e as Error)?.message}`;
  }
}

let alice: openpgp.PrivateKey;
let bob: openpgp.PrivateKey;
let carolRevoked: openpgp.PrivateKey;
let stranger: openpgp.PrivateKey;

beforeAll(async () => {
  expect(existsSync(CORPORA), `corpora not found at ${CORPORA}`).toBe(true);
  alice = await secretKey('alice@openpgp.example-0xf231550c4f47e38e-secret.asc');
  bob = await secretKey('bob@openpgp.example-0xfbfcc82a015e7330-secret.asc');
  carolRevoked = await secretKey('carol@pgp.icu-0xEF2FD01608AFD744-revoked-secret.asc');
  stranger = (await openpgp.generateKey({ type: 'ecc', userIDs: [{ email: 'security@example.com' }], format: 'object' })).privateKey;
  expect(alice.getFingerprint().toUpperCase()).toBe(ALICE_FPR);
  expect(bob.getFingerprint().toUpperCase()).toBe(BOB_FPR);
});

describe.each([
  ['mail-parser-malformed', 23],
  ['mikel-mail-error-emails', 28],
])('malformed corpus %s', (folder, count) => {
  it('every message is finished by processSpool: done or held with a reason, none left incoming', async () => {
    const files = emlFiles(folder);
    expect(files).toHaveLength(count);
    const { rows, processed } = await runPipeline(files, stranger);
    expect(rows.length).toBeGreaterThan(0);
    expect(processed).toBe(rows.length);
    expectAllFinished(rows);
  }, 20_000);

  it('openMessage settles for every message: it resolves, or rejects with a SectriageError', async () => {
    const outcomes: Record<string, string> = {};
    for (const f of emlFiles(folder)) outcomes[f.split('/').pop()!] = await openOutcome(f, stranger);
    const bad = Object.entries(outcomes).filter(([, o]) => o.startsWith('THREW'));
    expect(bad).toEqual([]);
  }, 20_000);
});

describe("mikel-mail-error-emails: the README's specific checks", () => {
  it('cant_parse_from.eml becomes a case for News@InsideApple.Apple.com', async () => {
    const { db, rows } = await runPipeline([join(CORPORA, 'mikel-mail-error-emails', 'cant_parse_from.eml')], stranger);
    expect(rows[0]!.state).toBe('done');
    const c = db.prepare('SELECT reporter_email FROM cases WHERE id = ?').get(rows[0]!.case_id) as { reporter_email: string };
    expect(c.reporter_email).toBe('news@insideapple.apple.com');
  });

  it('empty_in_reply_to.eml is processed, with no In-Reply-To recorded', async () => {
    const { db, rows } = await runPipeline([join(CORPORA, 'mikel-mail-error-emails', 'empty_in_reply_to.eml')], stranger);
    expect(rows[0]!.state).toBe('done');
    const m = db.prepare('SELECT in_reply_to FROM messages WHERE spool_id = ?').get(rows[0]!.id) as { in_reply_to: string | null };
    expect(m.in_reply_to).toBeNull();
  });
});

describe("thunderbird-openpgp corpus with Alice's key as the team key", () => {
  it('every message is finished by processSpool: done or held with a reason, none left incoming', async () => {
    const files = emlFiles('thunderbird-openpgp/eml');
    expect(files.length).toBe(60);
    const { rows } = await runPipeline(files, alice);
    expect(rows.length).toBeGreaterThan(50);
    expectAllFinished(rows);
  }, 20_000);
});

/** One Thunderbird message through the pipeline into a fresh database. */
async function one(file: string, key: openpgp.PrivateKey) {
  const { db, rows } = await runPipeline([join(TB, 'eml', file)], key);
  const spool = rows[0]!;
  const message = db.prepare(`SELECT *, ${MESSAGE_TEXTS} FROM messages WHERE spool_id = ? AND direction = 'in'`).get(spool.id) as
    | {
        encryption: string;
        body_text: string | null;
        unencrypted_text: string | null;
        subject: string | null;
        signature: string;
        signer_fingerprint: string | null;
      }
    | undefined;
  const kase =
    spool.case_id === null
      ? undefined
      : (db
          .prepare(
            `SELECT *, ${opened('cases', 'subject', 'id')} AS subject, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention FROM cases WHERE id = ?`,
          )
          .get(spool.case_id) as { encryption: string; attention: string | null; subject: string | null });
  /** Every text column where decrypted content could have ended up. */
  const everything = (): string =>
    [
      ...db
        .prepare(`SELECT ${MESSAGE_TEXTS} FROM messages`)
        .all()
        .flatMap((r) => Object.values(r as object)),
      ...db
        .prepare('SELECT id FROM attachments')
        .all()
        .map((r) => (attachmentContent(db, (r as { id: number }).id) ?? Buffer.alloc(0)).toString('latin1')),
      ...db
        .prepare(`SELECT ${EVENT_DATA} AS data FROM events`)
        .all()
        .map((r) => (r as { data: string }).data),
      ...db
        .prepare(`SELECT ${OUTBOX_PARAMS} AS params FROM outbox`)
        .all()
        .map((r) => (r as { params: string }).params),
      ...db
        .prepare(`SELECT ${opened('cases', 'subject', 'id')} AS subject FROM cases`)
        .all()
        .flatMap((r) => Object.values(r as object)),
      ...db
        .prepare('SELECT text FROM attention')
        .all()
        .flatMap((r) => Object.values(r as object)),
    ].join('\n');
  return { db, spool, message, kase, everything };
}

describe('thunderbird-openpgp: what the corpus README expects', () => {
  it("unsigned-encrypted-to-0xf231550c4f47e38e-from-0xfbfcc82a015e7330: decrypts with Alice's key, no signature", async () => {
    const r = await one('unsigned-encrypted-to-0xf231550c4f47e38e-from-0xfbfcc82a015e7330.eml', alice);
    expect(r.spool.state).toBe('done');
    expect(r.spool.disposition).toBe('new_case');
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('Sundays are nothing without callaloo.');
    expect(r.message?.signature).toBe('none');
  });

  it('encrypted-to-alice-as-hidden-recipient: an all-zero recipient key ID still decrypts', async () => {
    const r = await one('encrypted-to-alice-as-hidden-recipient.eml', alice);
    expect(r.spool.state).toBe('done');
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('hidden recipient encryption');
  });

  it('enc-to-carol@pgp.icu-revoked: a message to a revoked key still decrypts with that secret key', async () => {
    const r = await one('enc-to-carol@pgp.icu-revoked.eml', carolRevoked);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('billie-jean');
  });

  it('partial-encrypt-for-alice-plaintext: flagged partial, the outside text kept apart from the decrypted text', async () => {
    const r = await one('partial-encrypt-for-alice-plaintext.eml', alice);
    expect(r.spool.state).toBe('done');
    expect(r.message?.encryption).toBe('partial');
    expect(r.kase?.encryption).toBe('partial');
    expect(r.kase?.attention).toMatch(/not encrypted/);
    expect(r.message?.body_text).toContain('Insert a coin');
    expect(r.message?.body_text).not.toMatch(/prefix|suffix/);
    expect(r.message?.unencrypted_text).toContain('prefix');
    expect(r.message?.unencrypted_text).toContain('suffix');
  });

  it('partial-encrypt-for-carol-plaintext: the block for a key we lack is undecryptable (PGP_NO_KEY) and held', async () => {
    const r = await one('partial-encrypt-for-carol-plaintext.eml', alice);
    expect(r.spool.state).toBe('held');
    expect(r.spool.hold_reason).toMatch(/^PGP_NO_KEY: /);
    expect(r.message?.encryption).toBe('undecryptable');
  });

  it('bob-enc-inline-nbsp-qp: inline PGP in quoted-printable with an NBSP separator decrypts', async () => {
    const r = await one('bob-enc-inline-nbsp-qp.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('My real name is not Bob.');
  });

  it('bob-enc-html-nbsp: the same inline message inside an HTML body decrypts', async () => {
    const r = await one('bob-enc-html-nbsp.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('My real name is not Bob.');
  });

  it('encrypted-and-signed-alice-to-bob-nonascii: the protected subject "Re: kod blå" and body come through without mojibake', async () => {
    const r = await one('encrypted-and-signed-alice-to-bob-nonascii.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('Detta är krypterat!');
    expect(r.message?.subject).toBe('Re: kod blå');
  });

  it("encrypted-and-signed-alice-to-bob-nonascii: Alice's signature (key attached inside, UID = From) is good", async () => {
    const r = await one('encrypted-and-signed-alice-to-bob-nonascii.eml', alice);
    expect(r.message?.signature).toBe('valid');
    expect(r.message?.signer_fingerprint).toBe(ALICE_FPR);
  });

  it("signed-by-0xfbfcc82a015e7330-encrypted-to-0xf231550c4f47e38e-with-key: decrypts, Bob's signature is good", async () => {
    const r = await one('signed-by-0xfbfcc82a015e7330-encrypted-to-0xf231550c4f47e38e-with-key.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('Sundays are nothing without callaloo.');
    expect(r.message?.signature).toBe('valid');
    expect(r.message?.signer_fingerprint).toBe(BOB_FPR);
  });

  it('outer-pgp-sig-inner-pgp-enc: the encrypted child of a PGP signature layer is decrypted', async () => {
    const r = await one('outer-pgp-sig-inner-pgp-enc.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('Sundays are nothing without callaloo.');
  });

  it('outer-smime-bad-sig-inner-pgp-enc: the encrypted child of an S/MIME signature layer is decrypted', async () => {
    const r = await one('outer-smime-bad-sig-inner-pgp-enc.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain('Sundays are nothing without callaloo.');
    expect(r.message?.signature).not.toBe('valid');
  });

  it('outer-pgp-sig-inner-pgp-enc-with-mixed: an encrypted part at MIME depth 3 is not auto-decrypted nor shown as encrypted', async () => {
    const r = await one('outer-pgp-sig-inner-pgp-enc-with-mixed.eml', alice);
    expect(['encrypted', 'partial']).not.toContain(r.message?.encryption);
    expect(r.everything()).not.toContain('Sundays are nothing without callaloo.');
  });

  it('alice-broken-exchange: PGP/MIME mangled by MS Exchange is recognised and decrypted', async () => {
    const r = await one('alice-broken-exchange.eml', alice);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text?.trim().length).toBeGreaterThan(0);
  });

  it('sigspoof-git-commit: multipart/encrypted headers around a signed git commit are never shown as encrypted', async () => {
    const r = await one('sigspoof-git-commit.eml', alice);
    expectAllFinished([r.spool]);
    expect(['encrypted', 'partial']).not.toContain(r.message?.encryption);
  });

  it('fwd-unsigned-encrypted: a plain wrapper around an attached encrypted .eml is not encrypted', async () => {
    const r = await one('fwd-unsigned-encrypted.eml', alice);
    expect(r.message?.encryption).toBe('none');
    expect(r.message?.body_text).toContain('wrapper message with plain text');
  });

  it('unsigned-unencrypted-key-0x1f10171bfb881b1c-attached: the attached key is collected (pinned) for jdoe@invalid', async () => {
    const r = await one('unsigned-unencrypted-key-0x1f10171bfb881b1c-attached.eml', alice);
    const keys = r.db.prepare('SELECT email, fingerprint, status FROM reporter_keys').all() as Array<{ email: string; fingerprint: string; status: string }>;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ email: 'jdoe@invalid', status: 'pinned' });
    expect(keys[0]!.fingerprint.endsWith('1F10171BFB881B1C')).toBe(true);
  });

  it("unrelated-and-fake-keys-attached: only Bob's own key is collected", async () => {
    const r = await one('unrelated-and-fake-keys-attached.eml', alice);
    const keys = r.db.prepare('SELECT email, fingerprint FROM reporter_keys').all() as Array<{ email: string; fingerprint: string }>;
    expect(keys).toEqual([{ email: 'bob@openpgp.example', fingerprint: BOB_FPR }]);
  });

  it('eve-duplicate: duplicate or conflicting keys for the sender are not collected', async () => {
    const r = await one('eve-duplicate.eml', alice);
    expect(r.db.prepare('SELECT count(*) AS n FROM reporter_keys').get()).toEqual({ n: 0 });
  });
});

describe("thunderbird-openpgp rc-openpgp-* (Efail) with Bob's key as the team key", () => {
  const SECRET = 'Integrity-protected secret body';

  it('rc-openpgp-mdc: SEIPD with MDC decrypts', async () => {
    const r = await one('rc-openpgp-mdc.eml', bob);
    expect(r.spool.state).toBe('done');
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain(SECRET);
  });

  it('rc-openpgp-aead: LibrePGP OCB (packet 20) decrypts', async () => {
    const r = await one('rc-openpgp-aead.eml', bob);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain(SECRET);
  });

  it('rc-openpgp-nomdc: ciphertext without MDC is refused with PGP_INTEGRITY and no plaintext is stored anywhere', async () => {
    const r = await one('rc-openpgp-nomdc.eml', bob);
    expect(r.spool.state).toBe('held');
    expect(r.spool.hold_reason).toMatch(/^PGP_INTEGRITY: /);
    expect(r.message?.encryption).toBe('undecryptable');
    expect(r.message?.body_text ?? '').toBe('');
    expect(r.everything()).not.toContain('secret body');
  });

  it('rc-openpgp-mdc-tampered: modified ciphertext fails (PGP_INTEGRITY or PGP_CORRUPT) and no plaintext is stored anywhere', async () => {
    const r = await one('rc-openpgp-mdc-tampered.eml', bob);
    expect(r.spool.state).toBe('held');
    expect(r.spool.hold_reason).toMatch(/^PGP_(INTEGRITY|CORRUPT): /);
    expect(r.message?.encryption).toBe('undecryptable');
    expect(r.everything()).not.toContain('secret body');
  });

  it('rc-openpgp-mixed-subpart: an encrypted sibling of an attacker HTML part is not decrypted into the message', async () => {
    const r = await one('rc-openpgp-mixed-subpart.eml', bob);
    expectAllFinished([r.spool]);
    expect(r.message?.encryption).not.toBe('encrypted');
    expect(r.everything()).not.toContain(SECRET);
  });

  it('rc-openpgp-sigwrap-mdc: a multipart/signed wrapper around the MDC part decrypts like the MDC message', async () => {
    const r = await one('rc-openpgp-sigwrap-mdc.eml', bob);
    expect(r.message?.encryption).toBe('encrypted');
    expect(r.message?.body_text).toContain(SECRET);
  });

  it('rc-openpgp-sigwrap-nomdc: a multipart/signed wrapper around the no-MDC part is rejected as no-MDC (PGP_INTEGRITY), without plaintext', async () => {
    const r = await one('rc-openpgp-sigwrap-nomdc.eml', bob);
    expect(r.everything()).not.toContain('secret body');
    expect(r.message?.encryption).toBe('undecryptable');
    expect(r.spool.state).toBe('held');
    expect(r.spool.hold_reason).toMatch(/^PGP_INTEGRITY: /);
  });
});
