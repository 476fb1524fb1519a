// Attacks on the intake: each test is one way a stranger might read or hijack a report
// through our automatic replies or our case threading, and shows that it fails.
import { afterEach, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { innerMime, pgpMimeEncrypted, plainMessage, reporterFlow } from './helpers/mail.js';

let env: IntakeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ATTACKER = 'mallory@evil.example';


function rows<T>(e: IntakeEnv, sql: string): T[] {
  const db = e.db();
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

it("a replayed ciphertext under another sender's name is kept apart, linked and flagged, and its reply reveals nothing (no decryption oracle)", async () => {
  env = await intakeEnv();
  // Mallory pins her own key first, with a harmless plain report.
  const { fingerprint: mfpr } = await env.gpg.genKey(`Mallory <${ATTACKER}>`, 'cv25519');
  const mkey = await env.gpg.exportPublic(mfpr);
  expect(await env.ingest(plainMessage({ from: ATTACKER, to: TEAM, subject: 'hi', body: `my key:\n${mkey}` }), ATTACKER)).toBe(0);
  // The victim's report, as mutt sends it: protected Subject, no inner From.
  const victim = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: '0day RCE in billing', body: 'the exploit' });
  expect(await env.ingest(victim.raw, REPORTER)).toBe(0);
  // Mallory re-sends the victim's ciphertext as her own message.
  const replay = pgpMimeEncrypted({ from: ATTACKER, to: TEAM, armoredCiphertext: victim.ciphertext });
  expect(await env.ingest(replay, ATTACKER)).toBe(0);

  const cases = rows<{ id: number; reporter_email: string; attention: string | null; related_case_id: number | null }>(env, "SELECT id, reporter_email, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention, related_case_id FROM cases ORDER BY id");
  expect(cases.map((c) => c.reporter_email)).toEqual([ATTACKER, REPORTER, ATTACKER]);
  expect(cases[2]!.related_case_id).toBe(cases[1]!.id);
  expect(cases[2]!.attention).toContain(`came first from ${REPORTER}`);
  expect(cases[1]!.attention).toContain(`${ATTACKER} sent the same ciphertext`);
  const mails = await env.sink.waitFor(3);
  const toMallory = mails.filter((m) => m.rcptTo.includes(ATTACKER));
  expect(toMallory).toHaveLength(2);
  // Her replies are encrypted to her pinned key: decrypt them as she would, and find nothing of the report.
  for (const m of toMallory) {
    const parsed = await simpleParser(m.raw);
    const cipher = parsed.attachments.find((a) => a.contentType === 'application/octet-stream');
    const text = cipher ? (await env.gpg.decrypt(cipher.content)).plaintext.toString() : m.raw.toString();
    expect(text).not.toContain('0day RCE');
    expect(text).not.toContain('the exploit');
  }
});

it('the real reporter whose ciphertext an attacker sent first still gets a case and a reply', async () => {
  env = await intakeEnv();
  const victim = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: 'Token leak', body: 'the details' });
  expect(await env.ingest(pgpMimeEncrypted({ from: ATTACKER, to: TEAM, armoredCiphertext: victim.ciphertext }), ATTACKER)).toBe(0);
  expect(await env.ingest(victim.raw, REPORTER)).toBe(0);
  const cases = rows<{ reporter_email: string; related_case_id: number | null }>(env, 'SELECT reporter_email, related_case_id FROM cases ORDER BY id');
  expect(cases.map((c) => c.reporter_email)).toEqual([ATTACKER, REPORTER]);
  expect(cases[1]!.related_case_id).not.toBeNull();
  const mails = await env.sink.waitFor(2);
  expect(mails.some((m) => m.rcptTo.includes(REPORTER))).toBe(true);
});

it('the acknowledgement repeats the report subject only to the key that signed the report', async () => {
  env = await intakeEnv();
  const { fingerprint: mfpr } = await env.gpg.genKey(`Mallory <${ATTACKER}>`, 'cv25519');
  const mkey = await env.gpg.exportPublic(mfpr);
  // Mallory attaches her key but does not sign: her ack is encrypted to her, and says nothing of the content.
  const unsigned = await reporterFlow(env.gpg, env.teamFpr, {
    from: ATTACKER,
    to: TEAM,
    subject: 'Secret-subject-unsigned',
    body: 'x',
    attachments: [{ filename: 'm.asc', contentType: 'application/pgp-keys', content: mkey }],
  });
  expect(await env.ingest(unsigned.raw, ATTACKER)).toBe(0);
  const [ack] = await env.sink.waitFor(1);
  const cipher = (await simpleParser(ack!.raw)).attachments.find((a) => a.contentType === 'application/octet-stream');
  const plain = (await env.gpg.decrypt(cipher!.content)).plaintext.toString();
  expect(plain).toContain('Your security report was received');
  expect(plain).not.toContain('Secret-subject-unsigned');
});

it('a protected From that differs from the envelope From does not make the sender someone else', async () => {
  env = await intakeEnv();
  expect(await env.ingest(plainMessage({ from: REPORTER, to: TEAM, subject: 'CSRF', body: 'token missing' }), REPORTER)).toBe(0);
  const id = rows<{ tracking_id: string }>(env, 'SELECT tracking_id FROM cases')[0]!.tracking_id;
  // Mallory puts Rita's address in the protected headers and names Rita's case, signing with a key she made for Rita's address.
  const { fingerprint: fake } = await env.gpg.genKey(`Rita (fake) <${REPORTER}>`, "cv25519");
  const inner = innerMime({ from: REPORTER, to: TEAM, subject: `Re: [${id}] updated PoC`, body: 'send the fix to me', protectedHeaders: true });
  const ciphertext = (await env.gpg.encrypt(inner, [env.teamFpr], { signWith: fake })).toString();
  expect(await env.ingest(pgpMimeEncrypted({ from: ATTACKER, to: TEAM, subject: '...', armoredCiphertext: ciphertext }), ATTACKER)).toBe(0);

  const cases = rows<{ id: number; reporter_email: string; related_case_id: number | null; attention: string | null; signature: string }>(
    env,
    "SELECT id, reporter_email, related_case_id, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention, signature FROM cases ORDER BY id",
  );
  expect(cases).toHaveLength(2);
  expect(cases[1]!.reporter_email).toBe(ATTACKER); // not Rita: a new case, linked to hers
  expect(cases[1]!.related_case_id).toBe(cases[0]!.id);
  expect(cases[1]!.attention).toContain(`says it is from ${REPORTER}`);
  expect(cases[1]!.signature).toBe('unknown_key');
  const msgs = rows<{ case_id: number }>(env, "SELECT case_id FROM messages WHERE direction = 'in'");
  expect(msgs.filter((m) => m.case_id === cases[0]!.id)).toHaveLength(1); // nothing joined Rita's case
});

it("once a reporter's key is pinned, a signature by another key with their address is not 'valid'", async () => {
  env = await intakeEnv();
  const pub = await env.gpg.exportPublic(env.reporterFpr);
  const first = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: 'first', body: 'a', signWith: env.reporterFpr, attachments: [{ filename: 'k.asc', contentType: 'application/pgp-keys', content: pub }] });
  expect(await env.ingest(first.raw, REPORTER)).toBe(0);
  const { fingerprint: fake } = await env.gpg.genKey(`Rita (fake) <${REPORTER}>`, "cv25519");
  const fakePub = await env.gpg.exportPublic(fake);
  const second = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: 'second', body: 'b', signWith: fake, attachments: [{ filename: 'k.asc', contentType: 'application/pgp-keys', content: fakePub }] });
  expect(await env.ingest(second.raw, REPORTER)).toBe(0);
  const cases = rows<{ signature: string; signer_fingerprint: string | null; attention: string | null }>(env, "SELECT signature, signer_fingerprint, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention FROM cases ORDER BY id");
  expect(cases[0]).toMatchObject({ signature: 'valid', signer_fingerprint: env.reporterFpr });
  expect(cases[1]!.signature).toBe('unknown_key');
  expect(cases[1]!.attention).toContain('different public key');
  const keys = rows<{ fingerprint: string; status: string }>(env, 'SELECT fingerprint, status FROM reporter_keys ORDER BY id');
  expect(keys).toEqual([
    { fingerprint: env.reporterFpr, status: 'pinned' },
    { fingerprint: fake, status: 'candidate' },
  ]);
});

it('a replayed ciphertext is recognised even with other encrypted data of the attacker beside it', async () => {
  env = await intakeEnv();
  const victim = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: 'SSRF in the importer', body: 'the importer fetches any URL' });
  expect(await env.ingest(victim.raw, REPORTER)).toBe(0);
  // Mallory pastes the victim's armored ciphertext and adds a block of her own, so the
  // message as a whole is new, and attaches a third as a file.
  const own = (await env.gpg.encrypt('please look at this too\n', [env.teamFpr])).toString();
  const file = (await env.gpg.encrypt('more\n', [env.teamFpr])).toString();
  const raw = Buffer.from(
    `From: ${ATTACKER}\r\nTo: ${TEAM}\r\nSubject: two findings\r\nMessage-ID: <m2@evil.example>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n${own.replace(/\n/g, '\r\n')}\r\n${victim.ciphertext.toString().replace(/\r?\n/g, '\r\n')}\r\n--b\r\nContent-Type: application/octet-stream; name="notes.txt.asc"\r\nContent-Disposition: attachment; filename="notes.txt.asc"\r\n\r\n${file.replace(/\n/g, '\r\n')}\r\n--b--\r\n`,
  );
  expect(await env.ingest(raw, ATTACKER)).toBe(0);
  const cases = rows<{ id: number; reporter_email: string; attention: string | null; related_case_id: number | null }>(env, "SELECT id, reporter_email, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention, related_case_id FROM cases ORDER BY id");
  expect(cases.map((c) => c.reporter_email)).toEqual([REPORTER, ATTACKER]);
  expect(cases[1]!.related_case_id).toBe(cases[0]!.id);
  expect(cases[1]!.attention).toContain(`came first from ${REPORTER}`);
  // Her encrypted file opened too, beside the inline blocks.
  const att = rows<{ filename: string; encrypted: number }>(env, `SELECT a.filename, a.encrypted FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.case_id = ${cases[1]!.id}`);
  expect(att).toEqual([{ filename: 'notes.txt', encrypted: 1 }]);
});
