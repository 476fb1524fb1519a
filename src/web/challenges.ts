/**
 * WebAuthn challenges waiting for their answer, in memory, each usable once and for a few
 * minutes: a registration's by the session it belongs to, a login's by a random id in a
 * short-lived cookie. A restart forgets them (the member clicks again). Time is passed in.
 */
import { DEFAULTS } from '../limits.js';
import { newSecret } from './tokens.js';

export class Challenges {
  // In time order (a key put again moves to the end), all with one lifetime: the expired
  // ones are at the front, so a put drops them without walking the rest.
  private readonly waiting = new Map<string, { challenge: string; expires: number }>();

  constructor(
    private readonly lifetimeMs: number,
    /** Past this many, the oldest is dropped: anyone may ask for a login challenge, and a
     *  flood must cost bounded memory and time (review: 60k puts took 18 s of CPU). */
    private readonly max: number = DEFAULTS.webChallengesMax,
  ) {}

  /** Keeps `challenge` under `key` (a new random key when none is given); returns the key. */
  put(challenge: string, now: number, key = newSecret()): string {
    for (const [k, v] of this.waiting) {
      if (v.expires > now) break;
      this.waiting.delete(k);
    }
    this.waiting.delete(key);
    if (this.waiting.size >= this.max) this.waiting.delete(this.waiting.keys().next().value as string);
    this.waiting.set(key, { challenge, expires: now + this.lifetimeMs });
    return key;
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The challenge under `key`, removed: a second answer to it finds nothing. */
  take(key: unknown, now: number): string | undefined {
    if (typeof key !== 'string') return undefined;
    const v = this.waiting.get(key);
    this.waiting.delete(key);
    return v && v.expires > now ? v.challenge : undefined;
  }
}
