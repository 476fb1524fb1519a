import { describe, expect, it } from 'vitest';
import { queryWords, scoreCase } from './search.js';

const texts = (subject: string, fields = '', messages = '') => ({ subject, fields, messages });

describe('case search ranking', () => {
  it('needs every word of the query, anywhere in the case', () => {
    const w = queryWords('sql injection export');
    expect(scoreCase(w, texts('SQL injection', '', 'in the export endpoint'))).toBeDefined();
    expect(scoreCase(w, texts('SQL injection', '', 'in the search box'))).toBeUndefined();
  });

  it('ranks a word in the subject above the same word in the message text', () => {
    const w = queryWords('invoice');
    const inSubject = scoreCase(w, texts('IDOR on invoice download'))!;
    const inBody = scoreCase(w, texts('IDOR', '', 'any invoice can be read'))!;
    expect(inSubject.score).toBeGreaterThan(inBody.score);
    expect(inSubject.where).toEqual(['subject']);
  });

  it('matches word prefixes and ignores case and accents, but not inside words', () => {
    expect(scoreCase(queryWords('inject'), texts('', '', 'SQL Injection'))).toBeDefined();
    expect(scoreCase(queryWords('resume'), texts('Résumé upload'))).toBeDefined();
    expect(scoreCase(queryWords('xss'), texts('exss'))).toBeUndefined();
  });

  it('treats regular-expression characters in a query as text', () => {
    expect(scoreCase(queryWords('a.b(c'), texts('call a.b(c) now'))).toBeDefined();
    expect(scoreCase(queryWords('cross-site'), texts('a cross-site request'))).toBeDefined();
    expect(scoreCase(queryWords('nothing-like-this'), texts('cross-site'))).toBeUndefined();
  });

  it('drops one-character words and matches nothing on an empty query', () => {
    expect(queryWords('a b')).toEqual([]);
    expect(scoreCase([], texts('anything'))).toBeUndefined();
  });
});
