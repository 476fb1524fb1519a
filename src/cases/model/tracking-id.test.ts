import { describe, expect, it } from 'vitest';
import { findTrackingIds, newTrackingId } from './tracking-id.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('newTrackingId', () => {
  it('has the form PREFIX-YYYY-XXXXX with only Crockford base32 characters (no I, L, O, U)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newTrackingId('SEC', new Date('2026-06-01T12:00:00Z'), 'UTC', 5);
      expect(id).toMatch(/^SEC-2026-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}$/);
      seen.add(id);
    }
    const chars = new Set([...seen].flatMap((id) => [...id.slice(9)]));
    for (const c of chars) expect(CROCKFORD).toContain(c);
    for (const bad of ['I', 'L', 'O', 'U']) expect(chars.has(bad)).toBe(false);
    // random, not a counter: 2000 draws from 33.5 M give (almost surely) no or very few repeats
    expect(seen.size).toBeGreaterThan(1990);
    expect(chars.size).toBeGreaterThan(25);
  });

  it('honours the number of random characters and the prefix', () => {
    expect(newTrackingId('ACME1', new Date('2026-06-01T12:00:00Z'), 'UTC', 8)).toMatch(/^ACME1-2026-[0-9A-Z]{8}$/);
  });

  it('takes the year in the configured time zone: 2026-12-31T23:30Z is 2027 in Pacific/Auckland', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(newTrackingId('SEC', at, 'Pacific/Auckland', 5)).toMatch(/^SEC-2027-/);
    expect(newTrackingId('SEC', at, 'UTC', 5)).toMatch(/^SEC-2026-/);
  });

  it('takes the year in the configured time zone: 2027-01-01T05:00Z is still 2026 in America/Los_Angeles', () => {
    expect(newTrackingId('SEC', new Date('2027-01-01T05:00:00Z'), 'America/Los_Angeles', 5)).toMatch(/^SEC-2026-/);
  });
});

describe('findTrackingIds', () => {
  it('finds an ID in a reply subject', () => {
    expect(findTrackingIds('Re: [SEC-2026-7K3QD] foo', 'SEC')).toEqual(['SEC-2026-7K3QD']);
  });

  it('is case-insensitive and returns the ID upper-cased', () => {
    expect(findTrackingIds('re: [sec-2026-7k3qd] lower case client', 'SEC')).toEqual(['SEC-2026-7K3QD']);
  });

  it('ignores IDs of other prefixes and prefixes glued to a longer word', () => {
    expect(findTrackingIds('Re: [ACME-2026-7K3QD] foo', 'SEC')).toEqual([]);
    expect(findTrackingIds('Re: XSEC-2026-7K3QD', 'SEC')).toEqual([]);
    expect(findTrackingIds('Re: SEC-2026-7K3QDX9ZZZZZZZZ', 'SEC')).toEqual([]);
  });

  it('ignores IDs with characters outside the Crockford alphabet', () => {
    expect(findTrackingIds('Re: [SEC-2026-7KIQD]', 'SEC')).toEqual([]);
    expect(findTrackingIds('Re: [SEC-2026-7KUQD]', 'SEC')).toEqual([]);
  });

  it('returns every distinct ID once, in order of appearance', () => {
    expect(findTrackingIds('SEC-2026-AAAAA and sec-2026-aaaaa, also [SEC-2027-BBBBB]', 'SEC')).toEqual(['SEC-2026-AAAAA', 'SEC-2027-BBBBB']);
  });

  it('finds an ID that newTrackingId made', () => {
    const id = newTrackingId('SEC', new Date('2026-03-03T00:00:00Z'), 'UTC', 5);
    expect(findTrackingIds(`Fwd: Re: [${id}] Your security report was received`, 'SEC')).toEqual([id]);
  });
});
