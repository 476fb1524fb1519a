import { describe, expect, it } from 'vitest';
import { labelAsResult, scoreAgreement } from './agreement.js';
import { type Expected, scoreCorpus } from './evaluate.js';

const label = (fields: Expected['fields'], extra: Partial<Expected> = {}): Expected => ({ subject: 'x', fields, spam: false, ...extra });

describe('two labellings scored by the extractor scorer', () => {
  it('a labelling agrees fully with itself, ranges and lists included', () => {
    const a = label(
      {
        title: 'Stored XSS in the bio field',
        vulnType: 'xss',
        component: 'Acme Portal',
        affectedVersions: ['< 2.3.1', '2.x'],
        fixedVersion: '2.3.1',
        locations: ['/profile/edit', 'app/views/bio.php'],
        cvss: { vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', valid: true, score: 5.4 },
        credit: { kind: 'handle', name: '@jdoe' },
        public: false,
      },
      { multiple: ['Stored XSS in bio', 'CSRF on profile save'] },
    );
    const s = scoreCorpus(scoreAgreement(new Map([['r1', a]]), new Map([['r1', a]])));
    expect(s.overall.fp).toBe(0);
    expect(s.overall.fn).toBe(0);
    // 9 fields (2 locations) and the multiple split.
    expect(s.overall.tp).toBe(11);
  });

  it('a location only the second labeller listed counts against it, one only the first listed is missed', () => {
    const ref = label({ locations: ['/admin/users/edit'] });
    const second = label({ locations: ['/admin/users/edit', '/login'] });
    const third = label({});
    const s = scoreCorpus(scoreAgreement(new Map([['r1', ref]]), new Map([['r1', second]])));
    expect(s.perField.locations).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    const t = scoreCorpus(scoreAgreement(new Map([['r1', ref]]), new Map([['r1', third]])));
    expect(t.perField.locations).toMatchObject({ tp: 0, fp: 0, fn: 1 });
  });

  it('a sentence around the version is wrong for the second labeller as it is for the extractor', () => {
    const ref = label({ affectedVersions: ['2.5.10'] });
    const second = label({ affectedVersions: ['tested on 2.5.10 in production'] });
    const s = scoreCorpus(scoreAgreement(new Map([['r1', ref]]), new Map([['r1', second]])));
    expect(s.perField.affectedVersions).toMatchObject({ tp: 0, fp: 1, fn: 1 });
  });

  it('only the reports both labelled are scored', () => {
    const a = label({ vulnType: 'sql injection' });
    const s = scoreAgreement(
      new Map([
        ['r1', a],
        ['r2', a],
      ]),
      new Map([
        ['r2', a],
        ['r3', a],
      ]),
    );
    expect(s.map((r) => r.name)).toEqual(['r2']);
  });

  it('spam and an unset field carry over as the extractor would give them', () => {
    const r = labelAsResult(label({ public: true, commit: null }, { spam: true }));
    expect(r.spam.likely).toBe(true);
    expect(r.fields.public?.value).toBe(true);
    expect(r.fields.commit).toBeUndefined();
    expect(r.multiple).toBeUndefined();
  });
});
