/**
 * A rolling-window counter per key (client IP, asked-for address) for /login: each request
 * mails a member, so a stranger must not be able to flood them or probe at speed. In
 * memory: a restart forgets, which costs an attacker nothing they could not get by waiting
 * out the window. Pure apart from its own map; time is passed in.
 */
import { createHash } from 'node:crypto';
import { DEFAULTS } from '../limits.js';
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private prunedAt = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Keys kept at most: past it the oldest go (review: rotating IPv6 sources grew the map without end). */
    private readonly maxKeys: number = DEFAULTS.webRateLimitKeysMax,
  ) {}

  /** Counts a request for `key` at `now`; false when it is over the limit (and is not counted). */
  allow(rawKey: string, now: number): boolean {
    // A key is the client's input (an address field): long ones are kept by their hash.
    const key = rawKey.length > 256 ? createHash('sha256').update(rawKey).digest('hex') : rawKey;
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Expired keys go at most once a second (a walk of the map), the oldest past the cap at once.
    if (this.hits.size > this.maxKeys / 2 && now - this.prunedAt >= 1000) this.prune(since, now);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
    return true;
  }

  get size(): number {
    return this.hits.size;
  }

  private prune(since: number, now: number): void {
    this.prunedAt = now;
    for (const [k, v] of this.hits) if (!v.some((t) => t > since)) this.hits.delete(k);
  }
}
