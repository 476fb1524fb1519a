// An issue template's fields for the project's own version and its system information, read off the tune part
// (gh-cyberpanel-1175, gh-markus-2774, 2026-12-07): "**CyberPanel version:**" names the product; "MarkUs version:
// 1.5.0.DEV" above "Ruby version:" and "Rails version:" names it and its version, the two lines below are the set-up,
// and the boxed block is no proof of concept. A platform's or runtime's version, a qualifier ("Affects versions",
// "Impact version") and a later product label are pinned against the rule.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { ownVersionLabel } from './own-version-label.js';

describe("a template's field for the project's own version", () => {
  it('names the product, and its version only when the value is one', () => {
    const f = extractedFields(
      '**Describe the bug**\nThe installer keeps the default login.\n\n**Operating system:**\nAll\n\n**CyberPanel version:**\nAll\n',
      'Default login',
    );
    expect(f.component).toBe('CyberPanel');
    expect(f.affectedVersions).toBeUndefined();
    const g = extractedFields('Found a stored XSS in the bio.\n\n**Acme Portal version:** 2.3.1\n**PHP version:** 8.1\n', 'Stored XSS in the bio');
    expect(g.component).toBe('Acme Portal');
    expect(g.affectedVersions).toBe('2.3.1');
  });

  it("is not a platform's, a runtime's or a generic version field", () => {
    for (const line of [
      'PHP version: 8.1',
      'WordPress version: 6.1',
      'Browser version: Firefox 72',
      'Docker Desktop version: 4.1',
      'Node.js version: 20.1',
      'Software version: v16',
      'Affected version: 1.2',
      '### Affects versions',
      '**Impact version**',
      'Tested version: 3.0',
    ])
      expect(ownVersionLabel(line), line).toBeUndefined();
    expect(ownVersionLabel('**MarkUs version:** 1.5.0.DEV')).toEqual({ name: 'MarkUs', value: '1.5.0.DEV' });
    expect(ownVersionLabel('- Gitea version: 1.21')).toEqual({ name: 'Gitea', value: '1.21' });
  });

  it('gives way to a product label, wherever it stands', () => {
    const f = extractedFields('**Acme version:** 2.3\n**Product:** Acme Portal Pro\n\nStored XSS in the bio.', 'Stored XSS');
    expect(f.component).toBe('Acme Portal Pro');
  });
});

describe("a template's boxed system information", () => {
  const markus =
    'Users with API keys can create administrators.\n\n**System information**\n\n```\nMarkUs version: 1.5.0.DEV\nRuby version: 2.2.5\nRails version: 4.2.4\n```\n';

  it('reads the product and its version off the line above the runtimes, and the runtimes as the set-up', () => {
    const f = extractedFields(markus, 'Privilege escalation from grader to administrator');
    expect(f.component).toBe('MarkUs');
    expect(String(f.affectedVersions).toUpperCase()).toBe('1.5.0.DEV');
    expect(f.configuration).toBe('Ruby version: 2.2.5\nRails version: 4.2.4');
  });

  it('is no proof of concept, but a block with a command still is', () => {
    expect(extractedFields(markus, 'Privilege escalation').poc).toBeUndefined();
    const f = extractedFields("The API trusts a header.\n\n```\ncurl -H 'X-Api-Version: 1' http://127.0.0.1/admin\n```\n", 'Auth bypass');
    expect(f.poc).toBe("curl -H 'X-Api-Version: 1' http://127.0.0.1/admin");
  });

  it('takes no product from a sentence that ends in "version:"', () => {
    const f = extractedFields('Users can create administrators.\n\nI tested it on the following version:\n2.0\n', 'Privilege escalation');
    expect(f.component).toBeUndefined();
  });
});

// An independent review (2026-12-07) of the rule as it first stood: any "X version:" field named the product,
// over the Subject's and over a second field.
describe("a version field's name is a fallback, not a product over the Subject's", () => {
  it('gives way to the product the Subject names', () => {
    const f = extractedFields(
      'Any logged-in viewer can call POST /api/users/{id}/role and make himself admin.\n\nInstalled version: 2.3.1\n',
      'Privilege escalation in Acme Console role API',
    );
    expect(f.component).toBe('Acme Console');
    const g = extractedFields('The share dialog renders the note title as HTML.\n\n**Brave version:** 1.60.114\n', 'Stored XSS in Acme Notes 4.2 share dialog');
    expect(g.component).toBe('Acme Notes');
    const h = extractedFields('Crash in png_read_row.\n\nAFL version: 2.57b\nOS: Ubuntu 22.04\nBrowser: none\n', 'libpng heap overflow in png_read_row');
    expect(h.component).not.toBe('AFL');
  });

  it('says nothing when two fields name two programs', () => {
    const f = extractedFields(
      'The gallery widget echoes the caption.\n\n**Frontend version:** 2.3.1\n**Backend version:** 1.9.0\n',
      'Stored XSS in the caption',
    );
    expect(f.component).toBeUndefined();
    const g = extractedFields('The sync echoes the name.\n\n**Acme Server version:** 8.2.1\n**Acme Client version:** 2.1.0\n', 'Stored XSS in the name');
    expect(g.component).toBeUndefined();
  });

  it("takes the plugin's field, not its host's, for the product and its version", () => {
    const f = extractedFields(
      'The gallery echoes the caption.\n\n**WooCommerce version:** 8.2.1\n**Fancy Gallery version:** 2.1.0\n',
      'Stored XSS in the caption',
    );
    expect(f.component).toBe('Fancy Gallery');
    expect(f.affectedVersions).toBe('2.1.0');
  });

  it("takes no protocol's, tool's or host's version field for the product", () => {
    for (const line of [
      'TLS version: 1.0',
      'AFL version: 2.57b',
      'LLVM version: 15',
      'jQuery version: 3.6',
      'VS Code version: 1.85',
      'WooCommerce version: 8.2.1',
    ])
      expect(ownVersionLabel(line), line).toBeUndefined();
  });
});
