import { describe, expect, it } from 'vitest';
import { formatList, safeText } from './format.js';
import { formatRows } from './ops.js';

describe('safeText', () => {
  it('strips ESC, so a report cannot send terminal escape sequences', () => {
    const out = safeText('\u001b[2J\u001b[31mred\u001b]0;pwned\u0007');
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('red');
  });

  it('strips the 8-bit CSI (U+009B) and other C1 controls', () => {
    const out = safeText('a\u009b31mb\u0085c');
    expect(out).not.toMatch(/[\u0080-\u009f]/);
  });

  it('strips bidi overrides and isolates (Trojan Source)', () => {
    const hostile = 'access\u202e\u2066 // admin\u2069\u2066 check\u2069\u202c level\u202a\u202b\u202d\u2067\u2068';
    const out = safeText(hostile);
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('access');
    expect(out).toContain('level');
  });

  it('keeps newlines, tabs and ordinary non-ASCII text', () => {
    expect(safeText('line 1\n\tline 2 — blå ✓ 漢字')).toBe('line 1\n\tline 2 — blå ✓ 漢字');
  });

  it('replaces each control character instead of silently joining the text around it', () => {
    expect(safeText('a\u0000b')).toBe('a\ufffdb');
    expect(safeText('\r')).toBe('\ufffd');
  });
});

describe('formatList', () => {
  it('passes reporter and subject through safeText', () => {
    const out = formatList([
      {
        trackingId: 'SEC-2026-AAAAA',
        state: 'received',
        reporter: 'Eve \u001b[31m<eve@example.org>',
        subject: 'x\u202egnp.exe',
        createdAt: '2026-06-03T10:00:00.000Z',
        encryption: 'none',
        signature: 'none',
        attention: null,
        messages: 1,
      },
    ]);
    expect(out).toContain('SEC-2026-AAAAA');
    expect(out).not.toMatch(/[\u001b\u202e]/);
  });
});

describe('formatList with the team columns', () => {
  it('shows the assignee, and which milestones are overdue only when listing overdue cases', () => {
    const item = {
      trackingId: 'SEC-2026-AAAAA',
      state: 'triaged',
      reporter: 'r@example.org',
      subject: 's',
      createdAt: '2026-06-03T10:00:00.000Z',
      encryption: 'encrypted',
      signature: 'valid',
      attention: null,
      messages: 1,
      assignee: 'alice',
    };
    const plain = formatList([item]);
    expect(plain.split('\n')[0]).toMatch(/^ID\s+STATE\s+RECEIVED \(UTC\)\s+ENCRYPTION\s+ASSIGNEE\s+REPORTER\s+SUBJECT$/);
    expect(plain).toMatch(/triaged .* alice /);
    const overdue = formatList([
      {
        ...item,
        overdue: [
          { milestone: 'firstResponse', due: '2026-06-05T10:00:00.000Z' },
          { milestone: 'resolution', due: '2026-07-01T00:00:00.000Z' },
        ],
      },
    ]);
    expect(overdue.split('\n')[0]).toMatch(/ASSIGNEE\s+OVERDUE\s+REPORTER/);
    expect(overdue).toMatch(/alice\s+firstResponse,resolution\s+r@example\.org/);
  });
});

describe('table widths and zones', () => {
  const item = {
    trackingId: 'SEC-2026-AAAAA',
    state: 'received',
    reporter: `${'r'.repeat(80)}@example.org`,
    subject: 'S'.repeat(300),
    createdAt: '2026-11-23T10:07:00.000Z',
    encryption: 'none',
    signature: 'none',
    attention: null,
    messages: 1,
  };

  it('cuts a long subject and reporter with an ellipsis, so a row stays one line', () => {
    const row = formatList([item]).split('\n')[1]!;
    expect(row).toContain(`${'S'.repeat(49)}…`);
    expect(row).not.toContain('S'.repeat(51));
    expect(row).toContain(`${'r'.repeat(31)}…`);
  });

  it('shows the received time in the configured zone, named in the header', () => {
    const out = formatList([item], 'Europe/Berlin');
    expect(out.split('\n')[0]).toContain('RECEIVED (Europe/Berlin)');
    expect(out).toContain('2026-11-23 11:07');
  });

  it('shows outbox times in the zone and cuts long errors', () => {
    const out = formatRows([{ id: 1, queuedAt: '2026-11-23T10:07:00Z', sentAt: null, lastError: 'e'.repeat(200) }], ['id', 'queuedAt', 'sentAt', 'lastError'], {
      times: ['queuedAt', 'sentAt'],
      timezone: 'America/New_York',
      widths: { lastError: 60 },
    });
    expect(out.split('\n')[0]).toMatch(/QUEUEDAT \(America\/New_York\)/);
    expect(out).toContain('2026-11-23 05:07');
    expect(out).toContain(`${'e'.repeat(59)}…`);
  });
});
