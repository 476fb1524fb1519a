/**
 * Gathers one case's advisory input (types.ts) from the database and the config: the
 * team's advisory fields over the configured vendor/product defaults, the team's CVSS
 * vector and CVE id, the credits, the dates. Read-only. Credits are exactly what each
 * reporter asked for (their report's credit wish: a name or a handle; anonymous, or no
 * wish stated, credits nobody); the reporters of merged duplicates as the config says.
 */
import { advisoryFieldsOf, advisoryPublishedAt } from '../cases/store/advisory.js';
import { mergedCreditCases } from '../cases/store/credits.js';
import { parseVersionRange } from '../cases/model/advisory.js';
import type { CaseRow } from '../cases/store/cases.js';
import { caseEvents } from '../cases/store/event-log.js';
import { caseFields } from '../cases/store/fields.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import { scoreCvss } from '../extract/cvss.js';
import type { CreditValue } from '../extract/types.js';
import { packageVersion } from '../util/package-version.js';
import type { AdvisoryInput } from './types.js';

/** The credit a case's reporter asked for, if any. */
export function creditWish(db: Db, caseId: number): { asked: boolean; name: string | null } {
  const f = caseFields(db, caseId).find((x) => x.field === 'credit');
  if (!f) return { asked: false, name: null };
  const v = f.value as CreditValue;
  return { asked: true, name: v.kind === 'anonymous' ? null : (v.name ?? null) };
}

/** Whom the advisory credits, in order, once each; and the notes the team should read. */
export function creditsFor(db: Db, c: CaseRow, withDuplicates: boolean): { names: string[]; notes: string[] } {
  const names: string[] = [];
  const notes: string[] = [];
  const add = (caseId: number, trackingId: string) => {
    const w = creditWish(db, caseId);
    if (w.name && !names.includes(w.name)) names.push(w.name);
    if (!w.asked) notes.push(`${trackingId}: the reporter stated no credit wish, so nobody is credited for it`);
  };
  add(c.id, c.tracking_id);
  if (withDuplicates) {
    for (const v of mergedCreditCases(db, c.id)) add(v.id, v.tracking_id);
  }
  return { names, notes };
}

function dates(db: Db, c: CaseRow, now: Date): AdvisoryInput['dates'] {
  let fixed: string | null = null;
  let disclosed: string | null = null;
  for (const e of caseEvents(db, c.id)) {
    if (e.type !== 'state_changed') continue;
    if ((e.data.to === 'fix_released' || e.data.to === 'disclosed') && !fixed) fixed = e.at;
    if (e.data.to === 'disclosed' && !disclosed) disclosed = e.at;
  }
  return { reported: c.created_at, fixed, published: advisoryPublishedAt(db, c.id) ?? disclosed, now: now.toISOString() };
}

export function gatherAdvisory(db: Db, c: CaseRow, config: Pick<Config, 'advisory' | 'cve'>, now: Date): { input: AdvisoryInput; notes: string[] } {
  const f = advisoryFieldsOf(db, c.id);
  const scored = c.cvss_vector ? scoreCvss(c.cvss_vector) : null;
  const credits = creditsFor(db, c, config.advisory.creditDuplicates);
  const a = config.advisory;
  const input: AdvisoryInput = {
    trackingId: c.tracking_id,
    summary: f.summary,
    description: f.description,
    vendor: f.vendor ?? a.vendor ?? null,
    product: f.product ?? a.product ?? null,
    affected: f.affected.map(parseVersionRange),
    fixed: f.fixed,
    cwe: f.cwe,
    cvss:
      scored?.valid && scored.version !== '2.0'
        ? { vector: scored.vector, version: scored.version, score: scored.score as number, severity: scored.severity as string }
        : null,
    cve: c.cve,
    references: f.references,
    credits: credits.names,
    exploited: c.flag_exploited === 1,
    dates: dates(db, c, now),
    publisher: a.publisher
      ? {
          name: a.publisher.name,
          namespace: a.publisher.namespace,
          category: a.publisher.category,
          ...(a.publisher.contactDetails ? { contactDetails: a.publisher.contactDetails } : {}),
        }
      : null,
    osv: { idPrefix: a.osvIdPrefix, ...(a.osvEcosystem ? { ecosystem: a.osvEcosystem } : {}), ...(a.osvPackage ? { package: a.osvPackage } : {}) },
    cna: config.cve ? { orgId: config.cve.orgId, shortName: config.cve.orgShortName } : null,
    generator: { name: 'sectriage', version: packageVersion() },
  };
  return { input, notes: credits.notes };
}
