/**
 * The Host header values the console answers to: the public URL's host, the listen address,
 * and for a loopback listen address its usual names. Anything else is refused before any
 * route runs, which stops DNS rebinding (a hostile page whose name suddenly resolves to
 * 127.0.0.1 reaching the console through the member's own browser). Pure.
 */
import { isLoopbackHost } from './cookies.js';
import { splitListen } from './listen.js';

export function allowedHosts(publicUrl: string, listen: string): string[] {
  const { host, port } = splitListen(listen);
  const bracket = (h: string): string => (h.includes(':') ? `[${h}]` : h);
  const out = new Set([new URL(publicUrl).host.toLowerCase(), `${bracket(host)}:${port}`.toLowerCase()]);
  if (isLoopbackHost(host)) for (const name of ['localhost', '127.0.0.1', '[::1]']) out.add(`${name}:${port}`);
  return [...out];
}

/** Whether a request's Host header may be answered; a request without one (not from a browser) may. */
export function hostAllowed(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  return hostHeader === undefined || allowed.includes(hostHeader.toLowerCase());
}
