// The set-up list an issue template asks for, taken whole as the configuration; a template
// left unfilled, or a long run of "Label: value" lines, is not one.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { environmentList } from './environment.js';
import { extractReport } from './extract.js';

describe('environment list', () => {
  it("takes the bug template's Desktop list whole, its items without colons too", () => {
    const text =
      'No alert is prompted\n\n**Desktop (please complete the following information):**\n - OS: Windows\n - Browser Edge\n - Version Latest\n\n**Additional context**\nNone';
    expect(environmentList(text)?.text).toBe('- OS: Windows\n - Browser Edge\n - Version Latest');
    expect(extractReport({ text, subject: 'Stored XSS' }).fields.configuration?.value).toContain('OS: Windows');
  });

  it('takes a bold-labelled list with the install method, and skips a line left as the template gave it', () => {
    const text =
      '## Environment\n\n- **QwenPaw version:** [v1.1.7]\n- **OS:** [Linux]\n- **Install method:** [Docker ]\n- **Python version (if applicable):** [e.g. 3.10]\n';
    expect(environmentList(text)?.text).toContain('Install method:** [Docker ]');
    expect(environmentList('**Desktop:**\n - OS: [e.g. iOS]\n - Browser [e.g. chrome, safari]\n')).toBeUndefined();
  });

  it("takes no HTTP response's Server header and no list longer than a set-up list", () => {
    expect(environmentList('HTTP/1.1 200 OK\nServer: TornadoServer/6.3.3\nContent-Length: 5\n')).toBeUndefined();
    const long = Array.from({ length: 14 }, (_, i) => `- key${i}: value`).join('\n');
    expect(environmentList(`${long}\n- OS: Linux`)).toBeUndefined();
  });

  it('takes bare set-up lines a blank line apart as one list, and reads no product or version off them', () => {
    const text = 'XSS through article titles.\n\nBrowser version: Firefox Nightly, 72.0a1\n\nOS:  Linux 5.3.8-arch1-1 x86_64 GNU/Linux\n\nMore text.';
    expect(environmentList(text)?.text).toBe('Browser version: Firefox Nightly, 72.0a1\n\nOS:  Linux 5.3.8-arch1-1 x86_64 GNU/Linux');
    const f = extractedFields(`Reproduce: Make an article with a <script> title.\n\n${text}`);
    expect(f.component).toBeUndefined();
    expect(f.affectedVersions).toBeUndefined();
    // Two blank lines apart, or a line of prose between, they are no list.
    expect(environmentList('Browser version: Firefox 72\n\n\nOS: Linux')).toBeUndefined();
  });
});
