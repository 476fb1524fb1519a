/**
 * HTML built from tagged templates that escape every interpolated value: a string is
 * text, never markup, whatever it holds (report subjects and bodies are hostile input).
 * Only a value that is already `Html` (made by this tag or by `raw` on our own constant
 * markup) is inserted as is. Text also passes through safeText: control characters and
 * bidirectional overrides become U+FFFD, so a report cannot reorder what a member reads.
 * Pure.
 */
import { safeText } from '../cli/safe-text.js';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text as HTML text or attribute value (always quoted by the templates). */
export function escapeText(s: string): string {
  return safeText(s).replace(/[&<>"'`]/g, (ch) => ENTITIES[ch] as string);
}

function piece(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeText(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] as string;
  values.forEach((v, i) => (out += piece(v) + (strings[i + 1] as string)));
  return new Html(out);
}

/** Our own constant markup (never anything derived from input). */
export function raw(markup: string): Html {
  return new Html(markup);
}
