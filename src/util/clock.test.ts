import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockAt, recordingClockAt, TEST_CLOCK_ENV } from './clock.js';

describe('the clock of a command', () => {
  it('refuses --now on a command that records, so no event is backdated', () => {
    expect(() => recordingClockAt('2020-01-01T00:00:00Z', 'cases note', {})).toThrow(/--now is refused for a command that changes the record/);
  });

  it('runs a recording command on the real clock without --now', () => {
    const before = Date.now();
    const t = recordingClockAt(undefined, 'cases note', {})().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('fixes the clock of a recording command only under the explicit test switch', () => {
    expect(recordingClockAt('2020-01-01T00:00:00Z', 'cases note', { SECTRIAGE_TEST_CLOCK: '1' })().toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(() => recordingClockAt('2020-01-01T00:00:00Z', 'cases note', { SECTRIAGE_TEST_CLOCK: 'yes' })).toThrow(/refused/);
  });

  it('lets a command that only looks take any --now', () => {
    expect(clockAt('2020-01-01T00:00:00Z')().toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('says so when --now is not a time', () => {
    expect(() => clockAt('yesterday')).toThrow(/not an ISO-8601 time/);
  });
});

describe('the test clock switch', () => {
  it('is set by no systemd unit or deploy file, so the service always records the real time', () => {
    const dir = join(import.meta.dirname, '..', '..', 'deploy');
    const files = readdirSync(dir);
    expect(files.some((f) => f.endsWith('.service'))).toBe(true);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toContain(TEST_CLOCK_ENV);
  });
});
