/**
 * An OSV document (ossf.github.io/osv-schema) from a case's advisory input. Pure. The id
 * is the configured prefix and the tracking ID (x_SEC-2026-7K3QD: "x_" marks a local
 * database). Affected ranges become one range of events (introduced, then fixed or
 * last_affected); exact versions go in `versions`. SEMVER ranges when every version is
 * SemVer, ECOSYSTEM otherwise; `package` only when an ecosystem is configured.
 */
import { allVersions, isoSeconds, isSemver, upperBound, type AdvisoryInput } from './types.js';

type Json = Record<string, unknown>;

function affected(a: AdvisoryInput): Json[] {
  const events: Json[][] = a.affected
    .filter((r) => !r.exact)
    .map((r) => {
      const up = upperBound(r, a.fixed);
      return [{ introduced: r.introduced ?? '0' }, ...(up.fixed ? [{ fixed: up.fixed }] : up.lastAffected ? [{ last_affected: up.lastAffected }] : [])];
    });
  const versions = a.affected.flatMap((r) => (r.exact ? [r.exact] : []));
  const type = allVersions(a).every(isSemver) ? 'SEMVER' : 'ECOSYSTEM';
  return [
    {
      ...(a.osv.ecosystem ? { package: { ecosystem: a.osv.ecosystem, name: a.osv.package ?? a.product } } : {}),
      // One range per affected range: OSV reads the events of one range as a timeline.
      ...(events.length ? { ranges: events.map((ev) => ({ type, events: ev })) } : {}),
      ...(versions.length ? { versions } : {}),
      database_specific: { vendor: a.vendor, product: a.product },
    },
  ];
}

export function buildOsv(a: AdvisoryInput): Json {
  const severity = a.cvss && a.cvss.version !== '3.0' ? [{ type: a.cvss.version === '4.0' ? 'CVSS_V4' : 'CVSS_V3', score: a.cvss.vector }] : [];
  return {
    schema_version: '1.6.0',
    id: `${a.osv.idPrefix}${a.trackingId}`,
    modified: isoSeconds(a.dates.now),
    ...(a.dates.published ? { published: isoSeconds(a.dates.published) } : {}),
    ...(a.cve ? { aliases: [a.cve] } : {}),
    summary: a.summary,
    details: a.description,
    ...(severity.length ? { severity } : {}),
    affected: affected(a),
    ...(a.references.length ? { references: a.references.map((url) => ({ type: 'WEB', url })) } : {}),
    ...(a.credits.length ? { credits: a.credits.map((name) => ({ name, type: 'FINDER' })) } : {}),
    database_specific: { cwe_ids: a.cwe, tracking_id: a.trackingId },
  };
}
