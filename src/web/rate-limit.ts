/**
 * A rolling-window counter per key (client IP, asked-for address) for /login: each request
 * mails a member, so a stranger must not be able to flood them or probe at speed. In
 * memory: a restart forgets, which costs an attacker nothing they could not get by waiting
 * out the window. Pure apart from its own map; time is passed in.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a request for `key` at `now`; false when it is over the limit (and is not counted). */
  allow(key: string, now: number): boolean {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(since);
    return true;
  }

  private prune(since: number): void {
    for (const [k, v] of this.hits) if (!v.some((t) => t > since)) this.hits.delete(k);
  }
}
