/**
 * The address a request came from, for the per-IP limit on login links. Behind nginx or
 * Caddy every request comes from the proxy, so one stranger's requests used up the
 * limit for the whole team. The proxies listed in web.trustProxy are believed about
 * X-Forwarded-For; nobody else is (a client writes what it likes there). The header is
 * read from the right: each trusted proxy appended the address it saw, so the first
 * address from the right that is not a trusted proxy is the client. Input: the socket's
 * address (ours) and the header (the client's, up to the first trusted hop), checked.
 */
import { isIP } from 'node:net';

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address it maps. */
function normal(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? (mapped[1] as string) : a;
}

/**
 * The client's address: the socket's, unless it is a trusted proxy; then the rightmost
 * address of X-Forwarded-For that is not a trusted proxy. A header that is missing or
 * malformed where it matters leaves the proxy's own address (the safe side: shared, not forged).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: readonly string[]): string {
  const remote = socketAddress ? normal(socketAddress) : 'unknown';
  const proxies = new Set(trusted.map(normal));
  if (!proxies.has(remote) || !forwardedFor) return remote;
  const hops = forwardedFor.split(',').map(normal);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (proxies.has(hop)) continue;
    return isIP(hop) ? hop : remote;
  }
  return remote;
}
