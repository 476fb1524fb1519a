import { describe, expect, it } from 'vitest';
import { escapeText, html, raw } from './html.js';

// Called through an alias: prettier reformats templates tagged `html`, which would change the markup under test.
const t = html;

describe('html', () => {
  it('escapes a script tag in an interpolated string into inert text', () => {
    expect(t`<p>${'<script>alert(1)</script>'}</p>`.value).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
  it('escapes quotes so a value cannot leave its attribute', () => {
    expect(t`<a title="${'" onmouseover="x'}">`.value).toBe('<a title="&quot; onmouseover=&quot;x">');
    expect(escapeText("'`")).toBe('&#39;&#96;');
  });
  it('neutralises bidi overrides and control characters', () => {
    expect(escapeText('evil\u202Egnp.exe\u0007')).toBe('evil\uFFFDgnp.exe\uFFFD');
  });
  it('inserts nested Html and arrays as markup, null and false as nothing', () => {
    expect(t`<ul>${['a', 'b'].map((x) => t`<li>${x}</li>`)}${null}${false}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(t`${raw('<br>')}${'<br>'}`.value).toBe('<br>&lt;br&gt;');
  });
});
