/**
 * What the advisory builders read: one case's advisory as plain data, gathered from the
 * database and the config by gather.ts. The builders (csaf.ts, osv.ts, cve-record.ts)
 * are pure functions of it, so a fixed input gives the same document byte for byte.
 */
import type { VersionRange } from '../cases/model/advisory.js';

export const FORMATS = ['csaf', 'osv', 'cve'] as const;
export type AdvisoryFormat = (typeof FORMATS)[number];

export interface AdvisoryInput {
  trackingId: string;
  /** The team's one-line summary (the title) and description; null when not set. */
  summary: string | null;
  description: string | null;
  vendor: string | null;
  product: string | null;
  affected: VersionRange[];
  fixed: string | null;
  cwe: string[];
  cvss: { vector: string; version: '3.0' | '3.1' | '4.0'; score: number; severity: string } | null;
  cve: string | null;
  references: string[];
  /** Whom to credit, each as they asked (a name or a handle); anonymous reporters are left out. */
  credits: string[];
  exploited: boolean;
  dates: {
    /** When the report came in. */
    reported: string;
    /** When the fix was released (state fix_released), if it was. */
    fixed: string | null;
    /** When the advisory was published (marked published, or state disclosed), if it was. */
    published: string | null;
    /** The instant the document is made (its modified/current release date). */
    now: string;
  };
  publisher: { name: string; namespace: string; category: string; contactDetails?: string } | null;
  osv: { idPrefix: string; ecosystem?: string; package?: string };
  /** The CNA (config cve:), for the CVE record's assigner and provider. */
  cna: { orgId: string; shortName: string } | null;
  generator: { name: string; version: string };
}

/** ISO instants without milliseconds (OSV and CVE take either; people read these). */
export const isoSeconds = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Versions the SemVer 2.0 grammar reads (OSV's SEMVER ranges, CVE's versionType semver). */
export const isSemver = (v: string): boolean =>
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.test(v);

/** Every version the input names (ranges' bounds, exact versions, the fix). */
export function allVersions(a: AdvisoryInput): string[] {
  const out: string[] = [];
  for (const r of a.affected) for (const v of [r.introduced, r.fixed, r.lastAffected, r.exact]) if (v) out.push(v);
  if (a.fixed) out.push(a.fixed);
  return out;
}

/** A range's upper bound, the case's fixed version standing in for a range left open above. */
export function upperBound(r: VersionRange, fixed: string | null): { fixed?: string; lastAffected?: string } {
  if (r.fixed) return { fixed: r.fixed };
  if (r.lastAffected) return { lastAffected: r.lastAffected };
  return fixed ? { fixed } : {};
}
