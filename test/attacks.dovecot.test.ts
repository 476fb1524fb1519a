// Attacks on the intake, end to end: a replayed ciphertext, with the replies the SMTP
// sink really receives decrypted by the attacker's own gpg. The attacks themselves (each
// one way a stranger might read or hijack a report through our automatic replies or our
// case threading) are shown in memory: src/pipeline/replay.test.ts (replays) and
// src/pipeline/reporter-keys.test.ts (key pinning, key changes, protected From, the
// report subject only to the signing key).
import { afterEach, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { pgpMimeEncrypted, plainMessage, reporterFlow } from './helpers/mail.js';

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

  const cases = rows<{ id: number; reporter_email: string; attention: string | null; related_case_id: number | null }>(
    env,
    "SELECT id, reporter_email, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention, related_case_id FROM cases ORDER BY id",
  );
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
