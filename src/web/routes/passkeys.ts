/**
 * Passkeys (WebAuthn, @simplewebauthn/server): a logged-in member registers one on
 * /passkeys (options and answer both carry the CSRF token), and logs in with it next time
 * from /login. The relying party is the public URL's host and origin; a credential counts
 * only while its member is on the team. Browser answers are untrusted JSON: parsed, then
 * verified by the library against the challenge we issued (once, for 5 minutes).
 */
import { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { MINUTE } from '../../limits.js';
import { crossSiteRefusal, requireCsrf, requireMember } from '../auth.js';
import { Challenges } from '../challenges.js';
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from '../context.js';
import { sessionCookie, sessionCookieName } from '../cookies.js';
import { SCRIPT_HEADERS } from '../layout.js';
import { deletePasskey, passkeyById, passkeysOf, passkeyUsed, savePasskey } from '../passkey-store.js';
import { createSession } from '../sessions.js';
import { passkeysPage } from '../views/passkeys.js';

const CHALLENGE_COOKIE = 'sectriage_webauthn';

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string' || v.length > 64 * 1024) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

export function passkeyRoutes(app: ConsoleApp, deps: ConsoleDeps): void {
  const rp = new URL(deps.publicUrl);
  const rpID = rp.hostname;
  const origin = rp.origin;
  const registering = new Challenges(5 * MINUTE);
  const auth = requireMember(deps);
  const csrf = requireCsrf(deps);

  app.get('/passkeys', auth, (c) => {
    const m = c.get('member');
    return c.html(passkeysPage({ name: m.name, csrf: c.get('session').csrfSecret }, passkeysOf(deps.db, m.name)), 200, SCRIPT_HEADERS);
  });

  // A lost authenticator, or one someone added from a session left open: the member removes it.
  app.post('/passkeys/delete', auth, csrf, async (c) => {
    const m = c.get('member');
    const body = await c.req.parseBody();
    const removed = deletePasskey(deps.db, m.name, body.id);
    deps.log.info({ member: m.name, removed }, 'console: passkey removal');
    return c.redirect('/passkeys', 303);
  });

  app.post('/passkeys/register/options', auth, csrf, async (c) => {
    const m = c.get('member');
    const options = await generateRegistrationOptions({
      rpName: 'security team console',
      rpID,
      userName: m.email,
      userDisplayName: m.name,
      userID: new TextEncoder().encode(m.name),
      attestationType: 'none',
      excludeCredentials: passkeysOf(deps.db, m.name).map((p) => ({ id: p.id, transports: p.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    registering.put(options.challenge, deps.now().getTime(), c.get('session').idHash);
    return c.json(options);
  });

  app.post('/passkeys/register/verify', auth, csrf, async (c) => {
    const body = await c.req.parseBody();
    const expectedChallenge = registering.take(c.get('session').idHash, deps.now().getTime());
    const response = parseJson(body.response);
    if (!expectedChallenge || !response) return c.text('No registration is waiting; try again.', 400);
    try {
      const r = await verifyRegistrationResponse({ response: response as never, expectedChallenge, expectedOrigin: origin, expectedRPID: rpID });
      if (!r.verified) return c.text('The passkey could not be verified.', 400);
      const cred = r.registrationInfo.credential;
      savePasskey(
        deps.db,
        { id: cred.id, member: c.get('member').name, publicKey: cred.publicKey, counter: cred.counter, transports: cred.transports ?? [] },
        deps.now(),
      );
    } catch (e) {
      deps.log.warn({ member: c.get('member').name, err: (e as Error).message }, 'console: passkey registration refused');
      return c.text('The passkey could not be verified.', 400);
    }
    deps.log.info({ member: c.get('member').name }, 'console: passkey registered');
    return c.json({ ok: true });
  });
  passkeyLoginRoutes(app, deps, rpID, origin);
}

/** Logging in with a registered passkey, from /login. */
function passkeyLoginRoutes(app: ConsoleApp, deps: ConsoleDeps, rpID: string, origin: string): void {
  const loggingIn = new Challenges(5 * MINUTE);
  /** Login is a state change too: refuse what another site's page sends (there is no session, so no token). */
  const sameSite = (c: Context<ConsoleEnv>): string | null => crossSiteRefusal(deps, c);

  app.post('/login/passkey/options', async (c) => {
    if (sameSite(c)) return c.text('Refused.', 403);
    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    const key = loggingIn.put(options.challenge, deps.now().getTime());
    c.header('Set-Cookie', `${CHALLENGE_COOKIE}=${key}; Path=/login/passkey; HttpOnly; SameSite=Strict; Max-Age=300${deps.secureCookie ? '; Secure' : ''}`);
    return c.json(options);
  });

  app.post('/login/passkey/verify', async (c) => {
    if (sameSite(c)) return c.text('Refused.', 403);
    const now = deps.now();
    const expectedChallenge = loggingIn.take(getCookie(c, CHALLENGE_COOKIE), now.getTime());
    const response = parseJson((await c.req.parseBody()).response) as { id?: unknown } | undefined;
    const stored = passkeyById(deps.db, response?.id);
    const member = stored && deps.team().find((m) => m.name === stored.member);
    if (!expectedChallenge || !response || !stored || !member) return c.text('This passkey does not log anyone in.', 403);
    try {
      const r = await verifyAuthenticationResponse({
        response: response as never,
        expectedChallenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        credential: { id: stored.id, publicKey: stored.publicKey as Uint8Array<ArrayBuffer>, counter: stored.counter, transports: stored.transports as never },
      });
      if (!r.verified) return c.text('This passkey does not log anyone in.', 403);
      passkeyUsed(deps.db, stored.id, r.authenticationInfo.newCounter, now);
    } catch (e) {
      deps.log.warn({ err: (e as Error).message }, 'console: passkey login refused');
      return c.text('This passkey does not log anyone in.', 403);
    }
    const { id } = createSession(deps.db, member.name, now, getCookie(c, sessionCookieName(deps.secureCookie)));
    deps.log.info({ member: member.name }, 'console: logged in with a passkey');
    c.header('Set-Cookie', sessionCookie(id, deps.secureCookie, deps.sessionLimits.lifetimeMs / 1000));
    return c.json({ next: '/' });
  });
}
