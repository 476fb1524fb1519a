// Advisory fields by signed mail: the same commands as cases set's options, one per line;
// the /affected (/cwe, /reference) lines of one mail make the whole list, /description
// takes the lines up to /end, and a bad value refuses the mail with its line.
import { describe, expect, it } from 'vitest';
import { hasCommands, parseCommands } from './parse-commands.js';

describe('advisory commands in a signed team mail', () => {
  it('reads each field, merging the lines of a list field into one list', () => {
    const r = parseCommands(
      [
        '/case SEC-2026-ABCDE',
        '/product Example Server',
        '/affected >=1.0.0 <1.2.3',
        '/cwe 79',
        '/affected 0.9.9',
        '/fixed 1.2.3',
        '/summary Stored XSS in the file list',
        '/reference https://example.com/sa/1',
        '/description',
        'The file list does not escape names.',
        '',
        'Upload a file named <svg onload=...>.',
        '/end',
        '/published',
        '/cra-notified early-warning',
      ].join('\n'),
      'SEC',
    );
    expect(r.errors).toEqual([]);
    expect(r.commands).toEqual([
      { name: 'case', trackingId: 'SEC-2026-ABCDE' },
      { name: 'advisory', field: 'product', value: 'Example Server' },
      { name: 'advisory', field: 'affected', value: ['>=1.0.0 <1.2.3', '0.9.9'] },
      { name: 'advisory', field: 'cwe', value: ['CWE-79'] },
      { name: 'advisory', field: 'fixed', value: '1.2.3' },
      { name: 'advisory', field: 'summary', value: 'Stored XSS in the file list' },
      { name: 'advisory', field: 'references', value: ['https://example.com/sa/1'] },
      { name: 'advisory', field: 'description', value: 'The file list does not escape names.\n\nUpload a file named <svg onload=...>.' },
      { name: 'advisory-published' },
      { name: 'cra-notified', notification: 'early_warning' },
    ]);
  });

  it('clears a field with none, and counts the new lines as commands', () => {
    expect(parseCommands('/vendor none\n/cwe none', 'SEC').commands).toEqual([
      { name: 'advisory', field: 'vendor', value: null },
      { name: 'advisory', field: 'cwe', value: null },
    ]);
    expect(hasCommands('thanks\n/affected <2.0\n')).toBe(true);
  });

  it('refuses a bad value with its line: a range it cannot read, a CWE that is not one, an empty description', () => {
    const r = parseCommands('/affected >1.0\n/cwe XSS\n/description\n/end\n/cra-notified soon', 'SEC');
    expect(r.errors).toEqual([
      expect.stringMatching(/^line 1: ">1.0" is not a version range/),
      expect.stringMatching(/^line 2: "XSS" is not a CWE id/),
      'line 3: /description has no text (write it on the lines after /description, end with /end)',
      expect.stringMatching(/^line 5: unknown CRA notification "soon"/),
    ]);
  });
});
