/**
 * The vendor's name before the product's, when an advisory gives them on lines of their own
 * ("Affected Vendor: Sophos", "Affected Product: UTM 9") and its own title writes them
 * together ("Sophos UTM 9 loginuser Privilege Escalation"): "Sophos UTM 9", as a triager
 * files it. Only a vendor written as a name (not "www.projectsend.org"), near the top. Pure;
 * the input is report text (untrusted), matched line by line.
 */

/** Characters: the header block of an advisory, where its Vendor line is. */
const HEAD = 4000;
const VENDOR_LINE = /^[ \t#*>-]*(?:affected )?vendor(?: name)?[ \t]*:[ \t]*(\p{Lu}[\p{L}\d&'-]{1,40}(?: \p{Lu}[\p{L}\d&'-]{1,40}){0,2})[ \t]*$/imu;

function escaped(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The product's name with its vendor's before it, or undefined when the report does not write them so. */
export function withVendor(component: string, text: string, titles: string): string | undefined {
  const vendor = VENDOR_LINE.exec(text.slice(0, HEAD))?.[1];
  const first = component.trim().split(/\s+/)[0];
  if (!vendor || !first || component.toLowerCase().includes(vendor.toLowerCase())) return undefined;
  return new RegExp(`(?<![\\p{L}\\d])${escaped(vendor)}\\s+${escaped(first)}(?![\\p{L}\\d])`, 'iu').test(titles) ? `${vendor} ${component.trim()}` : undefined;
}
