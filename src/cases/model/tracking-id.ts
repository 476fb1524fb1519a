/**
 * Tracking IDs: PREFIX-YEAR-XXXXX with a random Crockford base32 part, so IDs do not
 * reveal how many reports we get or let a reporter guess another case's ID. The
 * year is the report's year in the configured time zone.
 */
import { randomInt } from 'node:crypto';
import { zonedFormatter } from '../../util/zoned-format.js';

/** Crockford base32: no I, L, O, U, so IDs survive being read aloud or retyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTrackingId(prefix: string, now: Date, timezone: string, randomChars: number): string {
  const year = zonedFormatter('en-US', { timeZone: timezone, year: 'numeric' }).format(now);
  let tail = '';
  for (let i = 0; i < randomChars; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${year}-${tail}`;
}

/** Every tracking ID of this prefix named in a text (a subject), upper-cased. */
export function findTrackingIds(text: string, prefix: string): string[] {
  const re = new RegExp(`\\b${prefix}-(\\d{4})-([${ALPHABET}]{4,12})\\b`, 'gi');
  return [...new Set([...text.matchAll(re)].map((m) => m[0].toUpperCase()))];
}
