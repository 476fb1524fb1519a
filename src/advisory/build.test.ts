// The three builders on one fully-set case with a fixed clock: each document validates
// with the official tool and equals its golden file (reviewed by hand); a case missing a
// required field gets an error naming it and the command that sets it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/helpers/thrown.js';
import { fullInput } from '../../test/helpers/advisory-input.js';
import { buildAdvisory, makeAdvisory, validateAdvisory } from './make.js';
import { missingFor, notesFor } from './missing.js';
import { FORMATS } from './types.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'advisories');
const golden = (f: string): unknown => JSON.parse(readFileSync(join(GOLDEN, `SEC-2026-7K3QD.${f}.json`), 'utf8'));

describe('advisories from a fully-set case', () => {
  it.each(FORMATS)('%s: validates and equals its golden file', async (format) => {
    const doc = await makeAdvisory(format, fullInput());
    if (process.env.UPDATE_GOLDEN) writeFileSync(join(GOLDEN, `SEC-2026-7K3QD.${format}.json`), `${JSON.stringify(doc, null, 2)}\n`);
    expect(doc).toEqual(golden(format));
  });

  it.each(FORMATS)('%s: the golden file itself passes the validator (it is what the CLI would write)', async (format) => {
    expect(await validateAdvisory(format, golden(format))).toEqual({ valid: true, errors: [] });
  });

  it('still validates in every format with a CVSS 4.0 vector, no fix, a last-affected bound, non-SemVer versions and an exploited flag', async () => {
    const a = fullInput({
      affected: [{ introduced: '2.0', lastAffected: '2.4.1' }, { fixed: '1.9-r3' }],
      fixed: null,
      cvss: { vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', version: '4.0', score: 9.3, severity: 'Critical' },
      exploited: true,
      credits: [],
      dates: { reported: '2026-03-02T09:15:00.000Z', fixed: null, published: null, now: '2026-04-14T08:00:00.000Z' },
    });
    for (const f of FORMATS) expect(await validateAdvisory(f, buildAdvisory(f, a)), f).toEqual({ valid: true, errors: [] });
    const cve = buildAdvisory('cve', a) as { containers: { cna: { metrics: unknown[]; affected: Array<{ versions: unknown[] }> } } };
    // The bundled CVE 5.1 schema admits no cvssV4_0 object (see cve-record.ts): left out, and said so.
    expect(cve.containers.cna.metrics).toBeUndefined();
    expect(notesFor('cve', a).join('\n')).toMatch(/cvssV4_0/);
    expect((buildAdvisory('osv', a) as { severity: unknown }).severity).toEqual([{ type: 'CVSS_V4', score: a.cvss?.vector }]);
    expect(cve.containers.cna.affected[0]?.versions[0]).toEqual({ version: '2.0', status: 'affected', lessThanOrEqual: '2.4.1', versionType: 'custom' });
  });

  it('writes the OSV id with the configured prefix, modified in UTC with Z, and the CVE id as an alias', () => {
    const osv = buildAdvisory('osv', fullInput()) as Record<string, unknown>;
    expect(osv.id).toBe('x_SEC-2026-7K3QD');
    expect(osv.modified).toBe('2026-04-14T08:00:00Z');
    expect(osv.aliases).toEqual(['CVE-2026-12345']);
  });

  it('credits exactly the names given, and nobody when the list is empty', () => {
    const csaf = buildAdvisory('csaf', fullInput()) as { document: { acknowledgments?: Array<{ names: string[] }> } };
    expect(csaf.document.acknowledgments?.[0]?.names).toEqual(['Rita Reporter']);
    for (const f of FORMATS) expect(JSON.stringify(buildAdvisory(f, fullInput({ credits: [] })))).not.toMatch(/Rita|acknowledgments|"credits"/);
  });
});

describe('a case missing what a format requires', () => {
  it('names each missing field and the command that sets it, and builds nothing', () => {
    const a = fullInput({ product: null, summary: null, cve: null });
    const e = thrown(() => buildAdvisory('cve', a));
    expect(e).toMatchObject({ code: 'ADVISORY_INCOMPLETE' });
    expect(e.message).toContain('product: sectriage cases set SEC-2026-7K3QD --product NAME');
    expect(e.message).toContain('summary: sectriage cases set SEC-2026-7K3QD --summary');
    expect(e.message).toContain('cve: sectriage cve reserve SEC-2026-7K3QD');
  });

  it('asks for the CSAF publisher only for CSAF, and a CVE id, references and the CNA only for CVE', () => {
    const a = fullInput({ publisher: null, cve: null, references: [], cna: null });
    expect(missingFor('osv', a)).toEqual([]);
    expect(missingFor('csaf', a).map((m) => m.field)).toEqual(['publisher']);
    expect(missingFor('cve', a).map((m) => m.field)).toEqual(['cve', 'references', 'cna']);
  });
});
