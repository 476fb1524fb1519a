// The team console end to end, in headless Chromium (Debian's chromium package, driven by
// playwright-core; fails, never skips, without it): a real Dovecot, SMTP sink and gpg. An
// encrypted report comes in; Alice asks for a login link, the test reads it at the sink and
// decrypts it with Alice's own gpg home (which holds no other secret key), checking the team
// key signed it; she logs in, finds the case by a word that exists only inside the encrypted
// report, assigns it to herself, replies (the reporter's mail arrives encrypted) and closes it.
// Every change is recorded as web:alice, and so is her view of the case. Screenshots of the
// list and the case page go to docs/. Then she registers a passkey with Chromium's virtual
// authenticator, logs out, and logs in with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newGpgHome, type GpgHome } from './helpers/gpg.js';
import { CLI, intakeEnv, REPO, REPORTER, TEAM, until, type IntakeEnv } from './helpers/intake-env.js';
import { reporterFlow } from './helpers/mail.js';
import { freePort, waitForPort } from './helpers/proc.js';
import type { SinkMessage } from './helpers/smtp-sink.js';

const CHROMIUM = '/usr/bin/chromium';
const ALICE = 'alice@example.com';
const SECRET_WORD = 'quokkaflux';
let env: IntakeEnv;
let aliceGpg: GpgHome;
let web: ChildProcess & { output: () => string };
let browser: Browser;
let base: string;
let trackingId: string;

/** The first mail for `to` the sink got after its first `after` messages. */
async function mailTo(to: string, after: number, what: string): Promise<SinkMessage> {
  const m = await until(what, () => env.sink.messages.slice(after).find((x) => x.rcptTo.includes(to)));
  if (!m) throw new Error(`no ${what}`);
  return m;
}

function contentType(headers: Map<string, unknown>): string {
  return (headers.get('content-type') as { value: string }).value;
}

function armoredIn(raw: Buffer): string {
  return raw.toString('latin1').match(/-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/)![0];
}

beforeAll(async () => {
  // Fail, never skip: CI installs Debian's chromium (.ci/run).
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const port = await freePort();
  // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party.
  base = `http://localhost:${port}`;
  env = await intakeEnv({
    extraConfig: `team:\n  - name: alice\n    email: ${ALICE}\n    publicKey: alice.asc\nweb:\n  listen: 127.0.0.1:${port}\n  publicUrl: http://localhost:${port}/\n`,
  });
  // Alice's secret key lives only in her own gpg home; the console gets her public key.
  aliceGpg = await newGpgHome();
  const aliceFpr = (await aliceGpg.genKey(`Alice <${ALICE}>`, 'cv25519')).fingerprint;
  writeFileSync(join(env.dir, 'keys', 'alice.asc'), await aliceGpg.exportPublic(aliceFpr));
  await aliceGpg.importKey(await env.gpg.exportPublic(env.teamFpr));

  // An encrypted, signed report with the reporter's key attached: replies go out encrypted.
  const report = await reporterFlow(env.gpg, env.teamFpr, {
    from: REPORTER,
    to: TEAM,
    subject: 'Stored XSS in the admin panel',
    body: `The ${SECRET_WORD} parameter of /admin/search is echoed unescaped.\nSteps: open /admin/search?${SECRET_WORD}=<svg onload=alert(1)>`,
    signWith: env.reporterFpr,
    attachments: [{ filename: 'rita.asc', contentType: 'application/pgp-keys', content: await env.gpg.exportPublic(env.reporterFpr) }],
  });
  // A second case that must not match the search.
  const other = await reporterFlow(env.gpg, env.teamFpr, {
    from: 'other@example.org',
    to: TEAM,
    subject: 'Open redirect',
    body: 'The next= parameter redirects anywhere.',
  });
  await env.deliver(report.raw);
  await env.deliver(other.raw, 'other@example.org');
  const once = await env.cli(['run', '--once', '--config', env.configPath]);
  expect(once.code, once.stderr).toBe(0);
  const db = env.db();
  trackingId = db.prepare('SELECT tracking_id FROM cases WHERE reporter_email = ?').pluck().get(REPORTER) as string;
  db.close();
  expect(trackingId).toMatch(/^SEC-/);

  const child = spawn(process.execPath, [CLI, 'web', '--config', env.configPath], {
    env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  web = Object.assign(child, { output: () => output });
  await waitForPort('127.0.0.1', port, 20_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (web && web.exitCode === null) {
    web.kill('SIGTERM');
    await new Promise((r) => web.once('exit', r));
  }
  await aliceGpg?.cleanup();
  await env?.close();
});

describe('web console in Chromium', () => {
  it('logs in by the mailed link, finds the case by a word of its encrypted report, assigns, replies encrypted and closes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Without a session: the login page, nothing of any case.
    await page.goto(`${base}/cases/${trackingId}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.content()).not.toContain(trackingId);

    const before = env.sink.messages.length;
    await page.fill('input[name=email]', ALICE);
    await page.click('button:has-text("Mail me a login link")');
    await page.waitForSelector('text=a login link is on its way');
    const mail = await mailTo(ALICE, before, 'login link at the sink');
    const outer = await simpleParser(mail.raw);
    expect(contentType(outer.headers)).toBe('multipart/encrypted');
    expect(mail.raw.toString('latin1')).not.toContain('login/link?token=');
    const { plaintext, status } = await aliceGpg.decrypt(armoredIn(mail.raw));
    expect(status).toContain(`VALIDSIG ${env.teamFpr}`);
    const link = /https?:\/\/\S+\/login\/link\?token=[\w-]+/.exec((await simpleParser(plaintext)).text ?? '')![0];
    expect(link.startsWith(base)).toBe(true);
    // The database holds no working link: the outbox row's params leave it out, its bytes are encrypted, the token table keeps a hash.
    const token = new URL(link).searchParams.get('token')!;
    const store = env.db();
    const rows = store.prepare("SELECT params, raw FROM outbox WHERE kind = 'login_link'").all() as Array<{ params: string; raw: Buffer }>;
    const tokens = JSON.stringify(store.prepare('SELECT * FROM web_login_tokens').all());
    store.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params).not.toContain(token);
    expect(rows[0]!.raw.toString('latin1')).not.toContain(token);
    expect(tokens).not.toContain(token);

    await page.goto(link);
    await page.click('button:has-text("Log in")');
    await page.waitForSelector('h1:has-text("Cases")');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'sectriage_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');

    // The link works once.
    const again = await browser.newPage();
    await again.goto(link);
    expect(await again.content()).toContain('This link does not work');
    await again.close();

    // Find the case by a word that is only in the encrypted report.
    await page.fill('input[name=q]', SECRET_WORD);
    await page.click('button:has-text("Filter")');
    await page.waitForSelector(`a:has-text("${trackingId}")`);
    expect(await page.locator('table.cases tbody tr').count()).toBe(1);
    await page.screenshot({ path: join(REPO, 'docs', 'console-list.png'), fullPage: true });

    await page.click(`a:has-text("${trackingId}")`);
    await page.waitForSelector(`h1:has-text("${trackingId}")`);
    expect(await page.locator('pre.body').first().textContent()).toContain(`${SECRET_WORD}=<svg onload=alert(1)>`);
    expect(await page.locator('svg[onload]').count()).toBe(0);

    // Assign to herself.
    await page.selectOption('select[name=member]', 'alice');
    await page.click('button:has-text("Assign")');
    await page.waitForSelector('text=Assignment changed.');
    expect(await page.locator('dl.facts').textContent()).toContain('alice');

    // Reply: the reporter's mail arrives encrypted.
    const sent = env.sink.messages.length;
    await page.fill('textarea[name=text]', 'Thanks, we reproduced it and are fixing it.');
    await page.click('button:has-text("Send reply")');
    await page.waitForSelector('text=Reply queued');
    const reply = await mailTo(REPORTER, sent, 'reply at the sink');
    expect(contentType((await simpleParser(reply.raw)).headers)).toBe('multipart/encrypted');
    expect(reply.raw.toString('latin1')).not.toContain('reproduced');
    const replyText = (await simpleParser((await env.gpg.decrypt(armoredIn(reply.raw))).plaintext)).text ?? '';
    expect(replyText).toContain('Thanks, we reproduced it and are fixing it.');
    await page.screenshot({ path: join(REPO, 'docs', 'console-case.png'), fullPage: false });
    // Usable on a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(REPO, 'docs', 'console-phone.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Close it as resolved.
    await page.selectOption('select[name=state]', 'closed');
    await page.selectOption('select[name=resolution]', 'resolved');
    await page.click('button:has-text("Change state")');
    await page.waitForSelector('text=State changed.');
    expect(await page.locator('dl.facts').textContent()).toContain('closed');

    const db = env.db();
    const events = db
      .prepare('SELECT e.type, e.actor FROM events e JOIN cases c ON c.id = e.case_id WHERE c.tracking_id = ? ORDER BY e.id')
      .all(trackingId) as Array<{ type: string; actor: string }>;
    db.close();
    const byAlice = events.filter((e) => e.actor === 'web:alice').map((e) => e.type);
    expect(byAlice).toEqual(expect.arrayContaining(['case_viewed', 'assigned', 'team_reply_queued', 'state_changed']));
    expect(web.output()).not.toContain(SECRET_WORD);
    expect(web.output()).not.toContain('token=');
    await page.close();
  });

  it('registers a passkey with the virtual authenticator, and logs in with it after logging out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Log in by a fresh mailed link first (a passkey is registered by a logged-in member).
    const before = env.sink.messages.length;
    await page.goto(`${base}/login`);
    await page.fill('input[name=email]', ALICE);
    await page.click('button:has-text("Mail me a login link")');
    const mail = await mailTo(ALICE, before, 'second login link');
    const text = (await simpleParser((await aliceGpg.decrypt(armoredIn(mail.raw))).plaintext)).text ?? '';
    await page.goto(/https?:\/\/\S+\/login\/link\?token=[\w-]+/.exec(text)![0]);
    await page.click('button:has-text("Log in")');
    await page.waitForSelector('h1:has-text("Cases")');

    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await page.goto(`${base}/passkeys`);
    await page.click('#passkey-register');
    await page.waitForSelector('ul.passkeys li');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    await page.click('button:has-text("Log out")');
    await page.waitForSelector('#passkey-login');
    expect((await context.cookies()).find((c) => c.name === 'sectriage_session')).toBeUndefined();
    await page.click('#passkey-login');
    await page.waitForSelector('h1:has-text("Cases")');
    expect(await page.locator('nav .who').textContent()).toBe('alice');
    const db = env.db();
    const row = db.prepare('SELECT member, last_used_at FROM web_passkeys').get() as { member: string; last_used_at: string | null };
    db.close();
    expect(row.member).toBe('alice');
    expect(row.last_used_at).not.toBeNull();
    await context.close();
  });
});
