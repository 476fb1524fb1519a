import { describe, expect, it } from 'vitest';
import { ordinal } from './ordinal.js';

describe('ordinal order', () => {
  it('sorts ISO instants and tracking IDs as they mean, and a \\uffff placeholder last', () => {
    expect(['2026-03-02T10:00:00.000Z', '2026-03-01T23:59:59.999Z', '\uffff', 'SEC-2026-AAAAA'].sort(ordinal)).toEqual([
      '2026-03-01T23:59:59.999Z',
      '2026-03-02T10:00:00.000Z',
      'SEC-2026-AAAAA',
      '\uffff',
    ]);
    expect(ordinal('SEC-2026-B', 'SEC-2026-B')).toBe(0);
  });
});
