/**
 * Random secrets for the console (login tokens, session ids, CSRF secrets) and the one
 * way they are stored: as SHA-256 hex, so the database never holds a working secret.
 * Comparison of secrets the client sends is constant-time. Pure apart from the CSPRNG.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, fit for a URL and a cookie. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The form a secret must have before it is looked up (anything else is refused unseen). */
export function looksLikeSecret(s: unknown): s is string {
  return typeof s === 'string' && /^[A-Za-z0-9_-]{43}$/.test(s);
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
