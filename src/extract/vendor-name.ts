/**
 * The vendor's name before the product's, when an advisory gives them on lines of their own
 * ("Affected Vendor: Sophos", "Affected Product: UTM 9") and its own title writes them
 * together ("Sophos UTM 9 loginuser Privilege Escalation"): "Sophos UTM 9", as a triager
 * files it. Only a vendor written as a name (not "www.projectsend.org"), near the top. Pure;
 * the input is report text (untrusted), matched line by line.
 */

/** Characters: the header block of an advisory, where its Vendor line is. */
const HEAD = 4000;
// One word: "Multiple Vendors", "Open Source" or a person's name are no vendor to file a product under.
const VENDOR_LINE = /^[ \t#*>-]*(?:affected )?vendor(?: name)?[ \t]*:[ \t]*(\p{Lu}[\p{L}\d&'-]{1,40})[ \t]*$/imu;
const NOT_A_VENDOR = /^(?:multiple|various|several|unknown|none|n\/a|independent|community|open|opensource)$/i;

function escaped(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The product's name with its vendor's before it, or undefined when the report does not write them so. */
export function withVendor(component: string, text: string, titles: string): string | undefined {
  const vendor = VENDOR_LINE.exec(text.slice(0, HEAD))?.[1];
  const product = component.trim().replace(/\s+/g, ' ');
  if (!vendor || NOT_A_VENDOR.test(vendor) || !product || product.toLowerCase().includes(vendor.toLowerCase())) return undefined;
  // The whole name after the vendor's, and not a plugin of the vendor's platform ("WordPress Contact Form 7 plugin").
  const written = new RegExp(
    `(?<![\\p{L}\\d])${escaped(vendor)}\\s+${escaped(product).replace(/ /g, '\\s+')}(?![\\p{L}\\d])(?!\\s+(?:plugin|theme|extension|module|add-?on|app)s?\\b)`,
    'iu',
  );
  return written.test(titles) ? `${vendor} ${product}` : undefined;
}
