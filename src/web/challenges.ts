/**
 * WebAuthn challenges waiting for their answer, in memory, each usable once and for a few
 * minutes: a registration's by the session it belongs to, a login's by a random id in a
 * short-lived cookie. A restart forgets them (the member clicks again). Time is passed in.
 */
import { newSecret } from './tokens.js';

export class Challenges {
  private readonly waiting = new Map<string, { challenge: string; expires: number }>();

  constructor(private readonly lifetimeMs: number) {}

  /** Keeps `challenge` under `key` (a new random key when none is given); returns the key. */
  put(challenge: string, now: number, key = newSecret()): string {
    for (const [k, v] of this.waiting) if (v.expires <= now) this.waiting.delete(k);
    this.waiting.set(key, { challenge, expires: now + this.lifetimeMs });
    return key;
  }

  /** The challenge under `key`, removed: a second answer to it finds nothing. */
  take(key: unknown, now: number): string | undefined {
    if (typeof key !== 'string') return undefined;
    const v = this.waiting.get(key);
    this.waiting.delete(key);
    return v && v.expires > now ? v.challenge : undefined;
  }
}
