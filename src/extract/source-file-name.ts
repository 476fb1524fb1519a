/**
 * Whether a name is a file of the product's code named bare ("password-controller.js",
 * "login.php", "ssh.c"): a place (locations.ts), not the product's name, wherever a product
 * name is read (prose.ts, product.ts). A JavaScript library named after its file ("Node.js",
 * "Chart.js") is still a name: a .js or .ts stem counts as a file only with a hyphen, an
 * underscore or a word of code layout in it. Pure; the input is a candidate name cut from
 * report text (untrusted), matched by anchored, bounded regexes.
 */
export function isSourceFileName(v: string): boolean {
  const m = /^([\w.-]{1,80})\.(\w{1,5})$/.exec(v.trim());
  if (!m) return false;
  const [, stem, ext] = m as unknown as [string, string, string];
  if (/^(?:php|aspx?|jsp|cgi|pl|py|rb|go|java|c|h|cc|cpp|cxx|hpp|cs|kt|rs|swift|scala|ya?ml)$/i.test(ext)) return true;
  return (
    /^(?:m?js|cjs|ts|tsx|jsx)$/i.test(ext) &&
    (/[-_]/.test(stem) || /(?:controller|service|handler|router|route|model|view|util|helper|config|index|server|middleware)/i.test(stem))
  );
}
