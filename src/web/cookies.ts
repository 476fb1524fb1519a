/**
 * The session cookie's name and flags: HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Path=/, and Secure unless the console is plain HTTP on a
 * loopback address (an SSH tunnel), where a browser would refuse to store a Secure cookie.
 * Pure.
 */
export const SESSION_COOKIE = 'sectriage_session';

/**
 * Over HTTPS the cookie is named __Host-…: a browser then takes it only with Secure,
 * Path=/ and no Domain, so a neighbouring subdomain (or a plain-HTTP page on the same
 * host) cannot plant a session cookie for the console (session fixation). Loopback HTTP
 * (an SSH tunnel) cannot use the prefix, which requires Secure.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** Whether a host (from web.listen) is a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Secure unless the console is reached over plain HTTP at a loopback address. */
export function cookieSecure(publicUrl: string): boolean {
  const u = new URL(publicUrl);
  return u.protocol === 'https:' || !isLoopbackHost(u.hostname);
}

export function sessionCookie(value: string, secure: boolean, maxAgeSeconds: number): string {
  return `${sessionCookieName(secure)}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeSeconds)}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
