/**
 * The version a report writes right beside the product's name when no sentence says which versions are affected:
 * "a fastify@4.6.0 server", "hono@v4.2.6/mod.ts", "kredis 1.3.0 install", "Mozilla Firefox 63.0.1", "MetaMask Chrome
 * Extension (10.18.4)": the release the reporter ran. Not one a line names as the fix ("Formwork 1.13.1 has been
 * released with a patch", "fixed in Sourcegraph v3.14.4") or lists to update to. Pure; the input is report text
 * (untrusted) and a name the extractor found, matched by a bounded pattern built from the escaped name.
 */
import { type Builder, set, span } from './builder.js';

/** A line that gives the fix or the release to move to: its versions are not the affected ones. */
const FIX_LINE = /\b(?:fix(?:es|ed)?|patch(?:es|ed)?|released?|upgrad\w*|update (?:to|your)|solve[sd]?|resolved|remediat\w*|mitigat\w*)\b/i;

/** Characters of the text searched: the name and its version come near the top. */
const MAX_SEARCH_CHARS = 20_000;

/** The first version written beside `name` in `text` outside a fix's line, or undefined. */
export function versionBesideName(text: string, name: string): { value: string; index: number } | undefined {
  if (name.length < 2 || name.length > 60) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // "name@4.6.0", "name/6.3.3", "name-1.3.3", "name 1.3.0", "name v20.2.0", "name version 2.1", "name (10.18.4)";
  // at most three numbers (an address "root@10.0.0.1" has four) and not the start of a longer token.
  const re = new RegExp(
    String.raw`(?<![\w.-])${escaped}(?:[ \t]+version[ \t]+|[ \t]+\(v?|[@/ \t-]v?)(\d{1,5}\.\d{1,5}(?:\.\d{1,5})?(?:-[\w.]{1,20})?)(?![\w]|\.\d)`,
    'gi',
  );
  const hay = text.slice(0, MAX_SEARCH_CHARS);
  for (const m of hay.matchAll(re)) {
    const lineStart = hay.lastIndexOf('\n', m.index) + 1;
    const lineEnd = hay.indexOf('\n', m.index);
    // The line itself and a heading or lead-in just above it ("### Remediation" over "* protobuf-java (3.25.5, …)").
    const above = hay.slice(Math.max(0, hay.lastIndexOf('\n', Math.max(0, lineStart - 2)) + 1), lineStart);
    if (FIX_LINE.test(hay.slice(lineStart, lineEnd < 0 ? hay.length : lineEnd)) || FIX_LINE.test(above)) continue;
    return { value: m[1]!, index: m.index + m[0].length - m[1]!.length };
  }
  return undefined;
}

/** When no sentence gave the affected versions: the one written beside the product's name. */
export function affectedBesideName(b: Builder): void {
  const name = b.fields.component?.value;
  const found = !b.fields.affectedVersions && name ? versionBesideName(b.text, name) : undefined;
  if (found) set(b, 'affectedVersions', found.value, [span(found.index, found.index + found.value.length)]);
}
