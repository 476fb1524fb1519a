// Steps numbered the ways exploit write-ups number them: "1-Go to …" / "2- Click …" with a hyphen, and lettered "a. …"
// items; a lettered list of findings ("a) The first issue permits …") is no list of steps.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { numberedRun } from './blocks.js';

describe('items marked with a hyphen or a letter', () => {
  it('reads "1-Go to …" / "2- Click …" as steps', () => {
    const text = '# Proof of Concept :\n\n1-Go to http://target.com/cman/admin\n2-Write the following payload to username and click login.\n';
    expect(extractedFields(text, 'SQLi').steps).toBe('1-Go to http://target.com/cman/admin\n2-Write the following payload to username and click login.');
    const spaced = '1- Login to Student Management System\n2- Click on Live Chat button\n3- Inject this payload and send\n';
    expect(numberedRun(spaced, 0, spaced.length)?.items).toHaveLength(3);
  });

  it('reads lettered actions as steps, in their order', () => {
    const text = [
      '# 2. Proof of Concept (PoC):',
      '  a. Install and activate version 1.0 of the plugin.',
      '  b. Go to the plugin options panel.',
      '  c. Insert the following payload in any of the visible fields:',
    ].join('\n');
    expect(numberedRun(text, 0, text.length)?.items).toHaveLength(3);
  });

  it('reads no steps from lettered findings, a date or a range', () => {
    const findings =
      'a) The first issue permits to bypass authentication on the AdminDir forms.\nb) The second weakness is that SQL queries are not sanitized.\n';
    expect(numberedRun(findings, 0, findings.length)).toBeUndefined();
    const notItems = '2021-03-04 was the day.\n1-2 days later the vendor answered.\n';
    expect(numberedRun(notItems, 0, notItems.length)).toBeUndefined();
  });
});

describe('a lettered sub-step', () => {
  it('folds "a. …" into the numbered step above it, but not an "e.g." remark read as a letter', () => {
    const text = '1. Log in as an editor.\na. Click "New page".\n2. Paste the payload and save.\n3. Open the page.\n';
    expect(numberedRun(text, 0, text.length)?.items).toHaveLength(3);
    const eg = '1. Log in as an editor.\ne.g. with the demo account\n2. Paste the payload and save.\n';
    expect(numberedRun(eg, 0, eg.length)?.items[0]).toEqual({ start: 0, end: '1. Log in as an editor.'.length });
  });
});
