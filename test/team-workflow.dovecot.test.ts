// The team's workflow end to end, through a real Dovecot, the built CLI and gpg:
// a report comes in → a case; a team member's signed mail command changes its state
// → the reporter gets an encrypted, threaded notice and the member's reply; an
// unsigned command, one signed by another member's key and one signed by a stranger's
// key with the member's address are refused, answered, and change nothing; the same
// signed command sent again does not act twice; a stranger naming the tracking ID
// gets a new, linked case and the team is told.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { crlf, formatDate, inlineArmored, newMessageId, pgpMimeEncrypted, plainMessage, reporterFlow } from './helpers/mail.js';
import { opened } from './helpers/opened-sql.js';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
let env: IntakeEnv;
let aliceFpr: string;
let bobFpr: string;
let strangerFpr: string;
let id: string;

/** An RFC 3156 multipart/signed text mail, signed by `signer` (gpg), headers outside the signature. */
async function signedMail(o: { from: string; signer: string; body: string; subject?: string; messageId?: string }): Promise<Buffer> {
  const part = Buffer.from(crlf(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n${o.body}`));
  const { signature, micalg } = await env.gpg.signDetached(part, o.signer);
  const head = crlf(
    `From: ${o.from}\nTo: ${TEAM}\nSubject: ${o.subject ?? 'Re: reminder'}\nDate: ${formatDate()}\nMessage-ID: ${o.messageId ?? newMessageId('example.com')}\nMIME-Version: 1.0\n` +
      `Content-Type: multipart/signed; micalg=${micalg}; protocol="application/pgp-signature"; boundary="sig"\n\n--sig\n`,
  );
  return Buffer.concat([
    Buffer.from(head),
    part,
    Buffer.from(crlf(`\n--sig\nContent-Type: application/pgp-signature; name="signature.asc"\n\n`)),
    signature,
    Buffer.from(crlf('\n--sig--\n')),
  ]);
}

async function runOnce(): Promise<void> {
  const r = await env.cli(['run', '--once', '--config', env.configPath]);
  expect(r.code, r.stderr).toBe(0);
}

function caseState(tid: string) {
  const db = env.db();
  const c = db.prepare('SELECT state, assignee FROM cases WHERE tracking_id = ?').get(tid) as { state: string; assignee: string | null };
  const events = db
    .prepare(
      `SELECT e.type, e.actor, e.spool_id AS spoolId, ${opened('events', 'data', 'e.case_id', 'e.')} AS data FROM events e JOIN cases c ON c.id = e.case_id WHERE c.tracking_id = ? ORDER BY e.id`,
    )
    .all(tid) as Array<{ type: string; actor: string; spoolId: number | null; data: string }>;
  const commands = db.prepare('SELECT outcome, reason, member, signer_fingerprint AS signer FROM team_commands ORDER BY id').all() as Array<{
    outcome: string;
    reason: string | null;
    member: string;
    signer: string | null;
  }>;
  db.close();
  return { ...c, events, commands };
}

/** The mails the sink got for `to`, parsed; encrypted ones decrypted with the gpg home (which holds every test key). */
async function mailsTo(to: string) {
  const out = [];
  for (const m of env.sink.messages.filter((x) => x.rcptTo.includes(to))) {
    const outer = await simpleParser(m.raw);
    const encrypted = /multipart\/encrypted/i.test(String(outer.headers.get('content-type') && (outer.headers.get('content-type') as { value: string }).value));
    let text = outer.text ?? '';
    if (encrypted) {
      const armored = m.raw.toString('latin1').match(/-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/)![0];
      const inner = await simpleParser((await env.gpg.decrypt(armored)).plaintext);
      text = inner.text ?? '';
    }
    out.push({ subject: outer.subject ?? '', inReplyTo: outer.inReplyTo ?? null, references: outer.references, encrypted, text });
  }
  return out;
}

beforeAll(async () => {
  env = await intakeEnv({
    extraConfig: `team:\n  - name: alice\n    email: ${ALICE}\n    publicKey: alice.asc\n  - name: bob\n    email: ${BOB}\n    publicKey: bob.asc\n`,
  });
  aliceFpr = (await env.gpg.genKey(`Alice <${ALICE}>`, 'cv25519')).fingerprint;
  bobFpr = (await env.gpg.genKey(`Bob <${BOB}>`, 'cv25519')).fingerprint;
  // Someone made a key with Alice's address on it; it is not the one in the team keyring.
  strangerFpr = (await env.gpg.genKey(`Alice (not really) <${ALICE}>`, 'cv25519')).fingerprint;
  writeFileSync(join(env.dir, 'keys', 'alice.asc'), await env.gpg.exportPublic(aliceFpr));
  writeFileSync(join(env.dir, 'keys', 'bob.asc'), await env.gpg.exportPublic(bobFpr));

  const key = await env.gpg.exportPublic(env.reporterFpr);
  const report = await reporterFlow(env.gpg, env.teamFpr, {
    from: REPORTER,
    to: TEAM,
    subject: 'Account takeover via password reset',
    body: 'The reset token is the user id in base64.',
    signWith: env.reporterFpr,
    attachments: [{ filename: 'rita.asc', contentType: 'application/pgp-keys', content: key }],
  });
  await env.deliver(report.raw);
  await runOnce();
  const db = env.db();
  id = (db.prepare('SELECT tracking_id FROM cases').get() as { tracking_id: string }).tracking_id;
  db.close();
}, 120_000);
afterAll(async () => env?.close());

describe('team workflow by signed mail', () => {
  let accepted: Buffer;

  it('a signed command from a team member changes the case; the reporter gets the encrypted, threaded update', async () => {
    accepted = await signedMail({
      from: `Alice <${ALICE}>`,
      signer: aliceFpr,
      body: `Looked at ${id}, it is real.\n\n/state triaged\n/assign alice\n/note token is predictable\n`,
    });
    await env.deliver(accepted, ALICE);
    // Encrypted to the team key and signed by Alice (RFC 3156 §6.2): a reply for the reporter.
    const inner = crlf(`Content-Type: text/plain; charset=utf-8\n\n/case ${id}\n/reply\nThank you, we confirmed the problem and are fixing it.\n/end\n`);
    const ct = (await env.gpg.encrypt(inner, [env.teamFpr], { signWith: aliceFpr })).toString();
    await env.deliver(pgpMimeEncrypted({ from: `Alice <${ALICE}>`, to: TEAM, subject: '...', armoredCiphertext: ct }), ALICE);
    await runOnce();

    const s = caseState(id);
    expect([s.state, s.assignee]).toEqual(['triaged', 'alice']);
    const change = s.events.find((e) => e.type === 'state_changed')!;
    expect(change.actor).toBe(`key:${aliceFpr}`);
    expect(change.spoolId).toBeGreaterThan(1);
    expect(JSON.parse(change.data)).toEqual({ v: 1, from: 'received', to: 'triaged' });
    expect(s.commands.map((c) => c.outcome)).toEqual(['accepted', 'accepted']);

    const toReporter = await mailsTo(REPORTER);
    const ack = toReporter[0]!;
    const notice = toReporter.find((m) => /Status of your security report/.test(m.subject))!;
    expect(notice.encrypted).toBe(true);
    expect(notice.text).toMatch(new RegExp(`Your report ${id} is now triaged`));
    // Threaded: it answers the case's latest message, and References carry the whole thread.
    expect(notice.inReplyTo).toBeTruthy();
    expect([notice.references].flat()).toContain(notice.inReplyTo);
    expect([notice.references].flat().length).toBeGreaterThanOrEqual(2);
    const reply = toReporter.find((m) => /Re: your security report/.test(m.subject))!;
    expect(reply.encrypted).toBe(true);
    expect(reply.text).toMatch(/we confirmed the problem and are fixing it/);
    expect([reply.references].flat()).toContain(notice.inReplyTo);
    expect(ack.encrypted).toBe(true);
    // Alice is told what was done.
    const done = (await mailsTo(ALICE)).filter((m) => /Done: your commands/.test(m.subject));
    expect(done).toHaveLength(2);
    // The same words `cases state` prints: one command runner behind every front door.
    expect(done[0]!.text).toMatch(/received -> triaged \(the reporter is told, encrypted\)/);
  });

  it('refuses an unsigned command, one signed with another member key, and one signed with a stranger key: nothing changes', async () => {
    const before = caseState(id);
    await env.deliver(plainMessage({ from: `Alice <${ALICE}>`, to: TEAM, subject: `Re: [${id}]`, body: `/case ${id}\n/state closed spam\n` }), ALICE);
    await env.deliver(await signedMail({ from: `Alice <${ALICE}>`, signer: bobFpr, body: `/case ${id}\n/state closed spam\n` }), ALICE);
    await env.deliver(await signedMail({ from: `Alice <${ALICE}>`, signer: strangerFpr, body: `/case ${id}\n/state closed spam\n` }), ALICE);
    await runOnce();
    const after = caseState(id);
    expect(after.state).toBe('triaged');
    expect(after.events).toEqual(before.events);
    expect(after.commands.slice(2).map((c) => [c.outcome, c.reason])).toEqual([
      ['rejected', 'not_signed'],
      ['rejected', 'signer_mismatch'],
      ['rejected', 'unknown_key'],
    ]);
    const refusals = (await mailsTo(ALICE)).filter((m) => /Refused/.test(m.subject));
    expect(refusals.map((m) => m.subject)).toEqual([
      expect.stringMatching(/\(not_signed\)/),
      expect.stringMatching(/\(signer_mismatch\)/),
      expect.stringMatching(/\(unknown_key\)/),
    ]);
    expect(refusals[0]!.text).toMatch(/it was not signed/);
    // No command text travels back in the refusal.
    expect(refusals.every((m) => !/closed spam/.test(m.text))).toBe(true);
  });

  it('a replayed command mail does not act twice: same bytes (spool) or same signature under a new Message-ID', async () => {
    const before = caseState(id);
    await env.deliver(accepted, ALICE);
    const resent = Buffer.from(accepted.toString('latin1').replace(/^Message-ID: .*$/m, `Message-ID: ${newMessageId('example.com')}`), 'latin1');
    await env.deliver(resent, ALICE);
    await runOnce();
    const after = caseState(id);
    expect(after.events).toEqual(before.events);
    expect(after.commands.at(-1)).toMatchObject({ outcome: 'rejected', reason: 'replayed' });
    // Nor with other bytes around the same signature: a comment in the armor, or the
    // signed entity wrapped in encryption to the team key (which anyone can do).
    const rearmored = Buffer.from(
      resent
        .toString('latin1')
        .replace('-----BEGIN PGP SIGNATURE-----\r\n', '-----BEGIN PGP SIGNATURE-----\r\nComment: replayed\r\n')
        .replace(/^Message-ID: .*$/m, `Message-ID: ${newMessageId('example.com')}`),
      'latin1',
    );
    const entity = accepted.subarray(accepted.indexOf('Content-Type: multipart/signed'));
    const wrapped = pgpMimeEncrypted({ from: ALICE, to: TEAM, armoredCiphertext: (await env.gpg.encrypt(entity, [env.teamFpr])).toString() });
    await env.deliver(rearmored, ALICE);
    await env.deliver(wrapped, ALICE);
    await runOnce();
    const later = caseState(id);
    expect(later.events).toEqual(before.events);
    expect(later.commands.slice(-2).map((c) => c.reason)).toEqual(['replayed', 'replayed']);
    const db = env.db();
    const dispositions = db.prepare('SELECT disposition FROM spool ORDER BY id DESC LIMIT 1').all();
    db.close();
    expect(dispositions).toEqual([{ disposition: 'team_command_refused' }]);
  });

  it('a command encrypted to a team key we lack is held as a command, not filed as a report, and runs once requeued', async () => {
    const { fingerprint: old } = await env.gpg.genKey(`Security Team 2025 <${TEAM}>`, 'cv25519', 'team passphrase');
    const inner = crlf(`Content-Type: text/plain; charset=utf-8\n\n/case ${id}\n/note from the old key\n`);
    const ct = (await env.gpg.encrypt(inner, [old], { signWith: aliceFpr })).toString();
    await env.deliver(pgpMimeEncrypted({ from: ALICE, to: TEAM, armoredCiphertext: ct }), ALICE);
    const before = caseState(id);
    const casesBefore = (() => {
      const db = env.db();
      const n = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
      db.close();
      return n;
    })();
    await runOnce();
    const db = env.db();
    const held = db.prepare('SELECT id, state, disposition, case_id FROM spool ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      state: string;
      disposition: string;
      case_id: number | null;
    };
    const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    db.close();
    expect(held).toMatchObject({ state: 'held', disposition: 'team_command', case_id: null });
    expect(cases).toBe(casesBefore);
    expect(caseState(id).events).toEqual(before.events);

    const keyFile = join(env.dir, 'keys', 'team.asc');
    writeFileSync(keyFile, readFileSync(keyFile, 'utf8') + (await env.gpg.exportSecret(old, 'team passphrase')), { mode: 0o600 });
    const r = await env.cli(['requeue', String(held.id), '--config', env.configPath]);
    expect(r.stdout).toBe(`${held.id}\topened\n`);
    const notes = caseState(id).events.filter((e) => e.type === 'note_added');
    expect(notes.at(-1)?.actor).toBe(`key:${aliceFpr}`);
  });

  it("a member's plain answer to our mail about a case is noted, never taken as the reporter writing back", async () => {
    const db = env.db();
    const ours = (
      db
        .prepare(
          'SELECT o.message_id AS id FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.tracking_id = ? AND o.rcpt_to = ? ORDER BY o.id DESC LIMIT 1',
        )
        .get(id, ALICE) as { id: string }
    ).id;
    db.close();
    const before = caseState(id);
    await env.deliver(
      plainMessage({ from: ALICE, to: TEAM, subject: `Re: ${id}`, body: 'On it, will look tomorrow.', inReplyTo: ours, references: ours }),
      ALICE,
    );
    await runOnce();
    const after = caseState(id);
    expect(after.state).toBe(before.state);
    const added = after.events.slice(before.events.length);
    expect(added.map((e) => [e.type, e.actor])).toEqual([['team_mail_received', `team:${ALICE}`]]);
  });

  it('refuses a signed block smuggled beside an unsigned one (anyone can encrypt to the team key)', async () => {
    const signed = (await env.gpg.encrypt(`/case ${id}\n/note fine\n`, [env.teamFpr], { signWith: aliceFpr })).toString();
    const forged = (await env.gpg.encrypt(`/state closed spam\n`, [env.teamFpr])).toString();
    await env.deliver(inlineArmored({ from: ALICE, to: TEAM, subject: 'x', armoredCiphertext: `${signed}\n${forged}` }), ALICE);
    await runOnce();
    const s = caseState(id);
    expect(s.state).toBe('triaged');
    expect(s.commands.at(-1)).toMatchObject({ outcome: 'rejected', reason: 'several_blocks' });
  });

  it('refuses a signed command that names its case only in the unsigned Subject', async () => {
    await env.deliver(await signedMail({ from: ALICE, signer: aliceFpr, subject: `Re: [${id}] reminder`, body: '/state fixing\n' }), ALICE);
    await runOnce();
    expect(caseState(id).state).toBe('triaged');
    expect(caseState(id).commands.at(-1)).toMatchObject({ outcome: 'rejected', reason: 'unknown_case' });
    expect((await mailsTo(ALICE)).at(-1)!.text).toMatch(/Put the tracking ID in the signed text/);
  });

  it('a bad command line refuses the whole mail, naming the line', async () => {
    await env.deliver(await signedMail({ from: ALICE, signer: aliceFpr, body: `/case ${id}\n/state fixing\n/assign mallory\n` }), ALICE);
    await runOnce();
    expect(caseState(id).state).toBe('triaged');
    const last = (await mailsTo(ALICE)).at(-1)!;
    expect(last.subject).toMatch(/Refused.*bad_command/);
    expect(last.text).toMatch(/"mallory" is not on the team/);
  });

  it('accepts an inline clear-signed command, and refuses one encrypted to the team key but unsigned', async () => {
    const clear = await env.gpg.run(['--clearsign', '--local-user', aliceFpr], `/case ${id}\n/flag exploited\n`, '');
    expect(clear.code).toBe(0);
    await env.deliver(plainMessage({ from: ALICE, to: TEAM, subject: 'flag', body: clear.stdout.toString() }), ALICE);
    const ct = (await env.gpg.encrypt(crlf(`Content-Type: text/plain\n\n/case ${id}\n/flag public\n`), [env.teamFpr])).toString();
    await env.deliver(pgpMimeEncrypted({ from: ALICE, to: TEAM, armoredCiphertext: ct }), ALICE);
    await runOnce();
    const s = caseState(id);
    const flags = s.events.filter((e) => e.type === 'flag_set');
    expect(flags.map((e) => [e.actor, JSON.parse(e.data)])).toEqual([[`key:${aliceFpr}`, { v: 1, flag: 'exploited', value: true }]]);
    expect(s.commands.slice(-2).map((c) => [c.outcome, c.reason])).toEqual([
      ['accepted', null],
      ['rejected', 'not_signed'],
    ]);
    // The refusal is among Alice's mail (the exploited flag also brings the disclosure reminder forward).
    expect((await mailsTo(ALICE)).map((m) => m.subject)).toContainEqual(expect.stringMatching(/Refused.*not_signed/));
  });

  it('a spoofed follow-up naming the tracking ID becomes a new, linked case, and the team is told', async () => {
    await env.deliver(
      plainMessage({ from: 'mallory@evil.example', to: TEAM, subject: `Re: [${id}] please resend the PoC`, body: 'I am the reporter, my other address.' }),
      'mallory@evil.example',
    );
    await runOnce();
    const db = env.db();
    const rows = db
      .prepare(
        "SELECT id, tracking_id, reporter_email, related_case_id, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention FROM cases ORDER BY id",
      )
      .all() as Array<{ id: number; tracking_id: string; reporter_email: string; related_case_id: number | null; attention: string | null }>;
    db.close();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ reporter_email: 'mallory@evil.example', related_case_id: rows[0]!.id });
    expect(rows[0]!.attention).toMatch(/mallory@evil\.example, who is not the reporter/);
    for (const member of [ALICE, BOB]) {
      const notice = (await mailsTo(member)).find((m) => /Someone else wrote about this case/.test(m.subject));
      expect(notice?.encrypted).toBe(true);
      expect(notice?.text).toMatch(new RegExp(`it became a new case, ${rows[1]!.tracking_id}`));
    }
    // The reporter's case is unchanged and Mallory got only their own tracking ID.
    expect(caseState(id).state).toBe('triaged');
    expect((await mailsTo('mallory@evil.example')).every((m) => !m.text.includes(id))).toBe(true);
  });

  it('the event log is intact and audit verify says so', async () => {
    const r = await env.cli(['audit', 'verify', '--config', env.configPath]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/intact/);
  });
});
