/**
 * An issue template's field for the project's own version, which names the product in its label
 * ("**CyberPanel version:** All", "MarkUs version: 1.5.0.DEV" above "Ruby version: 2.2.5"): the
 * project asks for its version by its name, so the name is the component when nothing else names one:
 * section-fields.ts notes the fields per report (a WeakMap keyed by the extraction's builder, so nothing
 * outlives it) and extract.ts takes the one the text names most at the end. Not a platform's, runtime's,
 * tool's or host's line ("PHP version", "Browser version", "WordPress version" under a plugin's report),
 * nor a generic word ("Affected version", "Installed version"). Pure otherwise; the input is one heading
 * or line of report text (untrusted), matched by an anchored, bounded regex.
 */
import { type Builder, set, span } from './builder.js';
import { MAX_NAME_LINE } from './component-name.js';
import { versionRanges } from './version-ranges.js';

/** A name of one or two words, then "version", then the colon of a label (markup around it). */
const OWN_VERSION_LINE =
  /^[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*([A-Za-z][\w.+-]{1,40}(?:[ \t][A-Za-z][\w.+-]{1,40})?)[ \t]+version(?!\w)(?:\*\*|__)?[ \t]*:?(?:\*\*|__)?[ \t]*(.{0,80})$/i;

/**
 * Words that are no product of the report's own: what a version label qualifies ("Affected version"), a kind
 * of software, and the platforms, runtimes, servers and hosts a product runs on or in.
 */
const NOT_OWN =
  /^(?:affects?|affected|impacts?|impacted|vulnerable|vulnerability|vuln|bug|issue|exploited|exploitable|target|targeted|working|known|safe|secure|unaffected|supported|stable|beta|dev|nightly|tested|fixed|patched|current|latest|minimum|min|max|maximum|required|last|first|new|old|older|newer|your|the|this|my|our|which|what|any|all|app|application|software|product|component|module|plugin|plug-in|add-on|addon|extension|theme|package|library|lib|framework|platform|firmware|hardware|device|model|build|release|system|server|client|database|db|api|cms|sdk|os|operating system|browser|kernel|engine|docker|docker compose|kubernetes|npm|yarn|pnpm|pip|composer|maven|gradle|php|python|python3|node|nodejs|node\.js|java|jdk|jre|ruby|rails|ruby on rails|go|golang|rust|rustc|perl|kotlin|swift|dotnet|\.net|net|gcc|clang|compiler|django|flask|laravel|symfony|spring|spring boot|express|react|vue|angular|mysql|mariadb|postgres|postgresql|sqlite|mongodb|redis|elasticsearch|apache|nginx|iis|tomcat|chrome|chromium|firefox|safari|edge|opera|windows|linux|macos|mac os|osx|android|ios|ubuntu|debian|centos|fedora|alpine|wordpress|wp|joomla|drupal|magento|prestashop|moodle|jenkins|git|installed|used|using|running|deployed|previous|prior|frontend|front-end|backend|back-end|pro|cloud|agent|image|chart|helm|protocol|template|self-hosted|selfhosted|hosted|desktop|mobile|web|cli|ui|core|base|package manager|afl|afl\+\+|libfuzzer|honggfuzz|llvm|cpython|pypy|openjdk|jvm|tls|ssl|openssl|libressl|brave|vs code|vscode|visual studio|jquery|bootstrap|woocommerce|elementor|minecraft|spigot|paper|bukkit|obsidian|electron|chromium|webkit|gecko|kernel|glibc|musl|bash|zsh|powershell|curl|wget|git|github|gitlab|burp|burp suite|sqlmap|nmap|xcode|android studio|gradle|cmake|make)$/i;

export interface OwnVersion {
  /** The product as the label writes it. */
  name: string;
  /** What follows the label on its line (may be empty: the value is below). */
  value: string;
}

/** The product a version label names, with the value on its line, or undefined. */
export function ownVersionLabel(line: string): OwnVersion | undefined {
  const m = OWN_VERSION_LINE.exec(line);
  if (!m) return undefined;
  const name = m[1]!;
  // Any word of a platform's or a generic one: "Docker Desktop version", "Chrome browser version", "Tested PHP version".
  if (NOT_OWN.test(name) || name.split(/[ \t]/).some((w) => NOT_OWN.test(w))) return undefined;
  // The label's value, without the markup that closed the label ("**MarkUs version:** 1.5").
  return { name, value: m[2]!.replace(/^(?:\*\*|__)[ \t]*/, '').trim() };
}

/** A version field's label and its value, kept until the end of extraction (ownVersionFallback). */
export interface OwnVersionField extends OwnVersion {
  start: number;
  end: number;
}

const fields = new WeakMap<object, OwnVersionField[]>();

/** Keeps a section's version field (its label names the product) for the fallback at the end of extraction. */
export function noteOwnVersionField(b: Builder, field: OwnVersionField): void {
  const list = fields.get(b) ?? [];
  list.push(field);
  fields.set(b, list);
}

/**
 * The product a version field names, when nothing else named one ("**CyberPanel version:** All"): a fallback, since
 * a template's field may as well name a host, a tool or a dependency ("**WooCommerce version:**" under a plugin's
 * report, "Installed version:"). Its value is the affected version when the
 * product is the one named (a component found by other means that shares the name). Of several fields, the one the
 * text names most.
 */
export function ownVersionFallback(b: Builder): void {
  const list = fields.get(b) ?? [];
  const field = mostNamed(list, b.text);
  if (!field) return;
  if (!b.fields.component) set(b, 'component', field.name, [span(field.start, field.end)]);
  const component = b.fields.component!.value.toLowerCase();
  if (!(component.includes(field.name.toLowerCase()) || field.name.toLowerCase().includes(component))) return;
  const ranges = versionRanges(field.value.split('\n')[0]!.slice(0, MAX_NAME_LINE));
  if (!ranges.length) return;
  // Versions read off the lines the field stands among ("Acme Portal version: 2.3.1" over "PHP version: 8.1" read
  // as one sentence) give way to the field's own; versions read elsewhere (an "Affected versions:" section) stay.
  const from = b.fields.affectedVersions?.sources[0];
  if (from && !('start' in from && from.start < field.end + 200 && from.end > field.start - 200)) return;
  delete b.fields.affectedVersions;
  set(b, 'affectedVersions', ranges.join(', '), [span(field.start, field.end)]);
}

/**
 * The one field whose name the text uses most outside the fields ("**Element version:**" over "**Olm version:**" in a
 * report on Element); none when two are named as often ("Acme Server version", "Acme Client version").
 */
function mostNamed(list: OwnVersionField[], text: string): OwnVersionField | undefined {
  const byName = new Map<string, OwnVersionField>();
  for (const f of list) if (!byName.has(f.name.toLowerCase())) byName.set(f.name.toLowerCase(), f);
  if (byName.size <= 1) return list[0];
  const lower = text.toLowerCase();
  const counted = [...byName.entries()].map(([name, f]) => ({ f, n: lower.split(name).length - 1 })).sort((a, b) => b.n - a.n);
  return counted[0]!.n > counted[1]!.n ? counted[0]!.f : undefined;
}
