import { describe, expect, it } from 'vitest';
import { jaccard, jaccardPrints, shinglePrints, shingles, similarity } from './similarity.js';

const a = 'Stored XSS in the comment field of Acme Portal 3.2.1: posting <script> in a comment runs it for every admin who views the thread.';
const b = 'Hi, the comment field of Acme Portal 3.2.1 has stored XSS: posting <script> in a comment runs it for the admin who opens the thread.';
const c = 'The export endpoint of Billing lets any user download invoices of other tenants by changing the id.';

describe('duplicate similarity', () => {
  it('scores two wordings of the same bug well above an unrelated report', () => {
    const same = similarity(
      { text: a, vulnType: 'cross-site scripting', component: 'Acme Portal' },
      { text: b, vulnType: 'cross-site scripting', component: 'Acme Portal comments' },
    );
    const other = similarity(
      { text: a, vulnType: 'cross-site scripting', component: 'Acme Portal' },
      { text: c, vulnType: 'insecure direct object reference', component: 'Billing' },
    );
    expect(same.score).toBeGreaterThan(0.6);
    expect(same.reasons).toEqual(expect.arrayContaining(['same_type', 'same_component']));
    expect(other.score).toBeLessThan(0.2);
  });
  it('is symmetric and 1 for identical text', () => {
    expect(jaccard(shingles(a), shingles(a))).toBe(1);
    expect(jaccard(shingles(a), shingles(b))).toBeCloseTo(jaccard(shingles(b), shingles(a)));
  });
  it('does not call two empty reports the same', () => {
    expect(similarity({ text: '' }, { text: '' }).score).toBe(0);
  });
});

describe('shingle fingerprints (the exact check on ~2 KiB a case)', () => {
  const texts = [
    'SQL injection in the export endpoint of Acme Billing: the sort parameter is concatenated into the ORDER BY clause.',
    'SQL injection in the export endpoint of Acme Billing: the order parameter is concatenated into the ORDER BY clause, too.',
    'Stored XSS in the comment form: a <script> tag in the body runs for every reader of the thread.',
    '',
    'one two',
  ];
  it('give the same Jaccard as the shingle sets themselves', () => {
    for (const a of texts)
      for (const b of texts) expect(jaccardPrints(shinglePrints(shingles(a)), shinglePrints(shingles(b)))).toBeCloseTo(jaccard(shingles(a), shingles(b)), 12);
  });

  it('are sorted and distinct, one per shingle', () => {
    const words = shingles(`${texts[0]} ${texts[0]}`);
    const p = shinglePrints(words);
    expect(p.length).toBe(words.size);
    for (let i = 1; i < p.length; i++) expect(p[i]! > p[i - 1]!).toBe(true);
  });
});
