/**
 * A CSAF 2.0 document, profile csaf_security_advisory, from a case's advisory input.
 * Pure. The product tree is vendor → product → versions: each affected range is a
 * product_version_range in vers syntax (a range in product_version fails mandatory test
 * 6.1.31), each exact version and the fixed version a product_version. Known affected
 * products get a remediation (the fix, or none available), as the profile requires.
 */
import type { VersionRange } from '../cases/model/advisory.js';
import { cweName } from './cwe-names.js';
import { allVersions, isSemver, upperBound, type AdvisoryInput } from './types.js';

type Json = Record<string, unknown>;

/** A vers: URI (github.com/package-url/purl-spec, VERSION-RANGE-SPEC) for one range. */
export function versRange(r: VersionRange, fixed: string | null, scheme: string): string {
  const up = upperBound(r, fixed);
  const parts = [r.introduced ? `>=${r.introduced}` : '', up.fixed ? `<${up.fixed}` : '', up.lastAffected ? `<=${up.lastAffected}` : ''].filter(Boolean);
  return `vers:${scheme}/${parts.join('|')}`;
}

function productTree(a: AdvisoryInput): { tree: Json; affectedIds: string[]; fixedId: string | null } {
  const vendor = a.vendor as string;
  const product = a.product as string;
  const scheme = allVersions(a).every(isSemver) ? 'semver' : 'generic';
  const affectedIds: string[] = [];
  const branches: Json[] = a.affected.map((r, i) => {
    const id = `CSAFPID-${String(i + 1).padStart(4, '0')}`;
    affectedIds.push(id);
    if (r.exact) return { category: 'product_version', name: r.exact, product: { product_id: id, name: `${vendor} ${product} ${r.exact}` } };
    const vers = versRange(r, a.fixed, scheme);
    return {
      category: 'product_version_range',
      name: vers,
      product: { product_id: id, name: `${vendor} ${product} ${vers.slice(vers.indexOf('/') + 1).replace(/\|/g, ' ')}` },
    };
  });
  let fixedId: string | null = null;
  if (a.fixed) {
    fixedId = 'CSAFPID-FIXED';
    branches.push({ category: 'product_version', name: a.fixed, product: { product_id: fixedId, name: `${vendor} ${product} ${a.fixed}` } });
  }
  const tree = { branches: [{ category: 'vendor', name: vendor, branches: [{ category: 'product_name', name: product, branches }] }] };
  return { tree, affectedIds, fixedId };
}

function vulnerability(a: AdvisoryInput, affectedIds: string[], fixedId: string | null): Json {
  const cwe = a.cwe.find((id) => cweName(id));
  const v: Json = {
    ...(a.cve ? { cve: a.cve } : {}),
    ...(cwe ? { cwe: { id: cwe, name: cweName(cwe) } } : {}),
    ids: [{ system_name: a.publisher?.name ?? a.generator.name, text: a.trackingId }],
    discovery_date: a.dates.reported,
    ...(a.dates.published ? { release_date: a.dates.published } : {}),
    title: a.summary,
    notes: [{ category: 'description', title: 'Description', text: a.description }],
    product_status: { known_affected: affectedIds, ...(fixedId ? { fixed: [fixedId] } : {}) },
    remediations: [
      a.fixed
        ? {
            category: 'vendor_fix',
            details: `Update ${a.product} to version ${a.fixed} or later.`,
            product_ids: affectedIds,
            ...(a.dates.fixed ? { date: a.dates.fixed } : {}),
          }
        : { category: 'none_available', details: 'No fix is available yet.', product_ids: affectedIds },
    ],
  };
  if (a.cvss && a.cvss.version !== '4.0')
    v.scores = [
      {
        cvss_v3: { version: a.cvss.version, vectorString: a.cvss.vector, baseScore: a.cvss.score, baseSeverity: a.cvss.severity.toUpperCase() },
        products: affectedIds,
      },
    ];
  if (a.exploited) v.threats = [{ category: 'exploit_status', details: 'Exploited in the wild.', date: a.dates.now }];
  return v;
}

export function buildCsaf(a: AdvisoryInput): Json {
  const pub = a.publisher as NonNullable<AdvisoryInput['publisher']>;
  const { tree, affectedIds, fixedId } = productTree(a);
  const final = a.dates.published !== null;
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: a.summary,
      lang: 'en',
      publisher: { category: pub.category, name: pub.name, namespace: pub.namespace, ...(pub.contactDetails ? { contact_details: pub.contactDetails } : {}) },
      tracking: {
        id: a.trackingId,
        status: final ? 'final' : 'interim',
        version: '1',
        revision_history: [{ number: '1', date: a.dates.published ?? a.dates.now, summary: 'Initial version.' }],
        initial_release_date: a.dates.published ?? a.dates.now,
        current_release_date: a.dates.now,
        generator: { engine: { name: a.generator.name, version: a.generator.version }, date: a.dates.now },
      },
      notes: [{ category: 'summary', title: 'Summary', text: a.summary }],
      ...(a.references.length ? { references: a.references.map((url) => ({ category: 'external', summary: url, url })) } : {}),
      ...(a.credits.length ? { acknowledgments: [{ names: a.credits, summary: 'for reporting this vulnerability' }] } : {}),
    },
    product_tree: tree,
    vulnerabilities: [vulnerability(a, affectedIds, fixedId)],
  };
}
