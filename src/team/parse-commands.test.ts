import { describe, expect, it } from 'vitest';
import { hasCommands, parseCommands } from './parse-commands.js';

describe('emailed team commands', () => {
  it('reads commands at line starts and ignores greetings, quoted text and the signature', () => {
    const text = [
      'Hi all,',
      '',
      '/case sec-2026-abcde',
      '/state triaged',
      '/assign alice',
      '/severity CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      '> /state closed spam',
      'thanks',
      '-- ',
      '/state closed spam',
    ].join('\n');
    const r = parseCommands(text, 'SEC');
    expect(r.errors).toEqual([]);
    expect(r.commands).toEqual([
      { name: 'case', trackingId: 'SEC-2026-ABCDE' },
      { name: 'state', to: 'triaged' },
      { name: 'assign', member: 'alice' },
      { name: 'severity', cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    ]);
  });

  it('takes /reply text up to /end, keeping its lines as written', () => {
    const r = parseCommands('/reply\nThanks for the report.\n\nWe are on it.\n/end\n/flag exploited\n', 'SEC');
    expect(r.commands).toEqual([
      { name: 'reply', text: 'Thanks for the report.\n\nWe are on it.\n', plain: false },
      { name: 'flag', flag: 'exploited', value: true },
    ]);
  });

  it('closing needs a resolution, a duplicate needs the other case', () => {
    expect(parseCommands('/state closed', 'SEC').errors[0]).toMatch(/line 1: .*needs a resolution/);
    expect(parseCommands('/close duplicate', 'SEC').errors[0]).toMatch(/tracking ID of the case it duplicates/);
    expect(parseCommands('/state closed duplicate SEC-2026-AAAAA', 'SEC').commands).toEqual([
      { name: 'state', to: 'closed', resolution: 'duplicate', duplicateOf: 'SEC-2026-AAAAA' },
    ]);
  });

  it('names the bad line of an unknown or malformed command', () => {
    const r = parseCommands('hello\n/stat triaged\n/cve 2026-1\n', 'SEC');
    expect(r.errors).toEqual([expect.stringMatching(/^line 2: unknown command \/stat/), expect.stringMatching(/^line 3: "2026-1" is not a CVE id/)]);
  });

  it('does not mistake a path at the start of a line for a command', () => {
    expect(hasCommands('/etc/passwd is world readable\n/usr/bin/x')).toBe(false);
    expect(hasCommands('ok\n/state fixing')).toBe(true);
  });
});
