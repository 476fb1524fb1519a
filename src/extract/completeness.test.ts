import { describe, expect, it } from 'vitest';
import { listPresets, loadPolicy } from '../policy/load.js';
import { DEFAULT_REPORT_FIELDS, missingFields } from './completeness.js';

describe('missingFields', () => {
  it("lists the required fields a report lacks, in the policy's order, with our labels", () => {
    const m = missingFields({ required: ['vulnType', 'affectedVersions', 'steps', 'impact'], helpful: ['poc'] }, ['vulnType', 'steps']);
    expect(m.required.map((x) => x.entry)).toEqual(['affectedVersions', 'impact']);
    expect(m.required[0]?.label).toMatch(/affected version/);
    expect(m.helpful.map((x) => x.entry)).toEqual(['poc']);
  });
  it('counts an alternative as present when either field is there', () => {
    expect(missingFields({ required: ['steps|poc'], helpful: [] }, ['poc']).required).toEqual([]);
    expect(missingFields({ required: ['steps|poc'], helpful: [] }, []).required[0]?.label).toMatch(/reproduce.*, or proof-of-concept/);
  });
  it('falls back to the default list for a policy without a report key', () => {
    expect(missingFields(undefined, []).required.map((x) => x.entry)).toEqual(DEFAULT_REPORT_FIELDS.required);
  });
  it('every preset names its report fields, and only fields the extractor knows', () => {
    for (const name of listPresets()) {
      const p = loadPolicy(name);
      expect(p.report?.required.length, name).toBeGreaterThan(0);
    }
    expect(loadPolicy('cgx').report?.required).toEqual(['vulnType', 'affectedVersions', 'component', 'steps', 'impact']);
    expect(loadPolicy('otrs-community-edition').report?.required).toContain('credit');
  });
});

describe('policy report key', () => {
  it('rejects a field name the extractor does not know, naming the key', async () => {
    const { policySchema } = await import('../policy/schema.js');
    const r = policySchema.safeParse({ name: 'x', title: 'X', milestones: {}, report: { required: ['stepz'] } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['report', 'required', 0]);
  });
});
