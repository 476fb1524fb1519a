import { describe, expect, it } from 'vitest';
import { escapeText, html, raw } from './html.js';

describe('html', () => {
  it('escapes a script tag in an interpolated string into inert text', () => {
    expect(html`<p>${'<script>alert(1)</script>'}</p>`.value).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
  it('escapes quotes so a value cannot leave its attribute', () => {
    expect(html`<a title="${'" onmouseover="x'}"></a>`.value).toBe('<a title="&quot; onmouseover=&quot;x">');
    expect(escapeText("'`")).toBe('&#39;&#96;');
  });
  it('neutralises bidi overrides and control characters', () => {
    expect(escapeText('evil\u202Egnp.exe\u0007')).toBe('evil\uFFFDgnp.exe\uFFFD');
  });
  it('inserts nested Html and arrays as markup, null and false as nothing', () => {
    expect(
      html`<ul>
        ${['a', 'b'].map((x) => html`<li>${x}</li>`)}${null}${false}
      </ul>`.value,
    ).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(html`${raw('<br>')}${'<br>'}`.value).toBe('<br>&lt;br&gt;');
  });
});
