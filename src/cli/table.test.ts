import { describe, expect, it } from 'vitest';
import { cut, tableTime } from './table.js';

describe('table cells', () => {
  it('cuts a long subject with an ellipsis to the width, and leaves a short one alone', () => {
    expect(cut('a'.repeat(300), 50)).toHaveLength(50);
    expect(cut('a'.repeat(300), 50).endsWith('…')).toBe(true);
    expect(cut('short', 50)).toBe('short');
  });

  it('counts characters, not UTF-16 units, so an emoji is not split in half', () => {
    expect(cut('😀😀😀', 2)).toBe('😀…');
  });

  it('shows an instant in the configured zone, across DST', () => {
    expect(tableTime('2026-11-23T10:07:00Z', 'Europe/Berlin')).toBe('2026-11-23 11:07');
    expect(tableTime('2026-07-01T10:07:00Z', 'Europe/Berlin')).toBe('2026-07-01 12:07');
    expect(tableTime('2026-11-23T10:07:00Z', 'UTC')).toBe('2026-11-23 10:07');
    expect(tableTime(null, 'UTC')).toBe('');
  });
});
