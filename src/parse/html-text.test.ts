import { expect, it } from 'vitest';
import { htmlToPlainText } from './html-text.js';

it('drops scripts, styles and tags and never keeps markup that a terminal or browser would act on', () => {
  const t = htmlToPlainText('<style>p{}</style><script>alert(1)</script><p>Hello <b>team</b></p><img src="https://track.example/x.png">');
  expect(t).toBe('Hello team\n');
});

it('turns webmail armor (divs, <br>, &nbsp;, &#43;) back into lines of text', () => {
  const t = htmlToPlainText('<div>-----BEGIN PGP MESSAGE-----</div><br><div>&nbsp;</div><div>ab&#43;cd</div><div>=x</div>');
  expect(t.split('\n')).toEqual(['-----BEGIN PGP MESSAGE-----', '', '', 'ab+cd', '=x', '']);
});

it('ignores numeric entities outside Unicode instead of throwing', () => {
  expect(htmlToPlainText('a&#99999999;b&#x110000;c')).toBe('abc');
});

it('keeps a lone "<" that does not start a tag, as a browser would', () => {
  expect(htmlToPlainText('if a < b then <b>x</b>')).toBe('if a < b then x');
});

it('cuts hostile input at the length limit and stays linear on unclosed markup', () => {
  const t = htmlToPlainText('<!--'.repeat(50_000) + 'x', 1000);
  expect(t).toBe('');
  expect(htmlToPlainText('ok ' + '<'.repeat(100_000))).toBe('ok ' + '<'.repeat(100_000));
});

it('keeps the body of valid HTML whose <head> is never closed', () => {
  expect(htmlToPlainText('<html><head><meta charset="utf-8"><body><div>hello</div>')).toBe('hello\n');
});

it('does not end a tag at a ">" inside a quoted attribute, and reads "</ " as text', () => {
  expect(htmlToPlainText('<div title="a>b">text</div>')).toBe('text\n');
  expect(htmlToPlainText('a </ b')).toBe('a </ b');
});
