/**
 * A list of what a report was made with, one "Name: version" item each, as issue templates
 * ask for it ("## Version information" / "- Laravel: v5.7.*" / "- Voyager: v1.1" / "- PHP: 7.2"
 * / "- Database: MariaDB 10.1.37"): the product is the one item that names no runtime,
 * database, system or browser, and its value is the version affected. Pure; the input is
 * report text (untrusted), read line by line with anchored, bounded regexes.
 */
import { type Builder, set, span } from './builder.js';
import { RUNTIME } from './environment.js';
import type { FieldName } from './types.js';

/** "- Voyager: v1.1", "* **Icinga Web 2 version**: 2.11.2": a bulleted name, a colon, a bare version. */
const ITEM =
  /^[ \t]{0,8}[-*+][ \t]{1,4}(?:\*\*|__)?[ \t]{0,2}([A-Za-z][\w.+()-]{0,30}(?: [\w.+()-]{1,30}){0,4}?)(?:[ \t]{1,2}version)?(?:[ \t]{1,2}\([^)\n]{0,40}\))?(?:\*\*|__)?[ \t]{0,2}:(?:\*\*|__)?[ \t]{0,4}v?(\d{1,6}(?:\.[\w*-]{1,12}){0,4})[ \t]{0,4}$/i;
/** Longer lines are no "Name: version" item; the pattern is not run on them. */
const MAX_ITEM_LINE = 160;
const BULLETED = /^[ \t]{0,8}[-*+][ \t]{1,4}\S/;
/** What the product runs on, in, or is reached with: not the product. */
const PLATFORM = new RegExp(
  String.raw`^(?:${RUNTIME}|typescript|deno|bun|pnpm|gcc|clang|cmake|glibc|openssl|maven|gradle|composer|bundler|webpack|vite|database|db|os|operating[ \t]system|browsers?|web[ \t]browser|server(?:[ \t]os)?|web[ \t]server|platform|kernel|distro|distribution|device|firmware|chrome|firefox|safari|edge|windows|linux|ubuntu|debian|macos|android|ios)(?:[ \t]+(?:version|used|os|\([^)]{0,40}\)))*$`,
  'i',
);

export interface ProductVersion {
  name: string;
  version: string;
  /** The item's line, and where the list runs (the other items are set-up, not findings). */
  start: number;
  end: number;
  list: { start: number; end: number };
}

/** The product's own item of the first such list with two or more versioned items; none when it is not the only one. */
export function productInVersionList(text: string): ProductVersion | undefined {
  let offset = 0;
  let run: Array<{ start: number; end: number; name?: string; version?: string }> = [];
  const finish = (): ProductVersion | undefined => {
    const versioned = run.filter((r) => r.name !== undefined);
    const own = versioned.filter((r) => !PLATFORM.test(r.name!));
    const found =
      versioned.length >= 2 && own.length === 1
        ? { name: own[0]!.name!, version: own[0]!.version!, start: own[0]!.start, end: own[0]!.end, list: { start: run[0]!.start, end: run.at(-1)!.end } }
        : undefined;
    run = [];
    return found;
  };
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (!BULLETED.test(line)) {
      const found = run.length ? finish() : undefined;
      if (found) return found;
      continue;
    }
    const m = line.length <= MAX_ITEM_LINE ? ITEM.exec(line) : null;
    run.push({ start, end: start + line.length, ...(m ? { name: m[1]!.trim(), version: m[2]! } : {}) });
  }
  return run.length ? finish() : undefined;
}

/**
 * The product and version of such a list, over a component or version read from one of its other
 * items ("MariaDB" off "- Database: MariaDB 10.1.37", Laravel's "5.7.*") or none; a labelled value,
 * or one read elsewhere (the Subject, the prose), stays.
 */
export function productOverSetUpItems(b: Builder, labelled: ReadonlySet<string>): void {
  const own = productInVersionList(b.text);
  if (!own) return;
  const replaceable = (k: FieldName): boolean => {
    if (labelled.has(k)) return false;
    const from = b.fields[k]?.sources[0];
    return !b.fields[k] || (from !== undefined && 'start' in from && from.start >= own.list.start && from.start < own.list.end);
  };
  if (replaceable('component')) {
    delete b.fields.component;
    set(b, 'component', own.name, [span(own.start, own.end)]);
  }
  if (replaceable('affectedVersions')) {
    delete b.fields.affectedVersions;
    set(b, 'affectedVersions', own.version, [span(own.start, own.end)]);
  }
}
