// `cases list` shows the cases the team still works unless told otherwise: the closed ones
// are counted in a last line, --all lists them, --state names its own states.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open.js';
import { addPlainCase } from '../../test/helpers/plain-case.js';
import { thrown } from '../../test/helpers/thrown.js';
import { caseListView } from './case-views.js';

let db: Db;

function newCase(trackingId: string, state: string, assignee: string | null = null): void {
  const id = addPlainCase(db, trackingId, `report ${trackingId.slice(-1)}`);
  // The view is under test, not the workflow: the state is set as the store would leave it.
  db.prepare('UPDATE cases SET state = ?, assignee = ? WHERE id = ?').run(state, assignee, id);
}

beforeEach(() => {
  db = openDatabase(':memory:');
  newCase('SEC-2026-AAAAA', 'received', 'alice');
  newCase('SEC-2026-BBBBB', 'closed', 'alice');
  newCase('SEC-2026-CCCCC', 'closed', null);
  newCase('SEC-2026-DDDDD', 'disclosed', null);
});
afterEach(() => db.close());

const listed = (text: string): string[] => text.match(/SEC-\d{4}-[A-Z0-9]{5}/g) ?? [];

describe('cases list', () => {
  it('lists the cases not closed by default and says how many closed ones it left out', () => {
    const text = caseListView(db, {});
    expect(listed(text)).toEqual(['SEC-2026-AAAAA', 'SEC-2026-DDDDD']);
    expect(text.trimEnd().split('\n').at(-1)).toBe('(2 closed cases not listed: --all lists every case)');
  });

  it('counts only the closed cases the other filters would have shown', () => {
    const text = caseListView(db, { assignee: 'alice' }, undefined, [{ name: 'alice' }]);
    expect(listed(text)).toEqual(['SEC-2026-AAAAA']);
    expect(text).toMatch(/\(1 closed case not listed/);
  });

  it('lists every case with --all, and closed ones with --state closed, without the count line', () => {
    expect(listed(caseListView(db, { all: true }))).toEqual(['SEC-2026-AAAAA', 'SEC-2026-BBBBB', 'SEC-2026-CCCCC', 'SEC-2026-DDDDD']);
    const closed = caseListView(db, { state: 'closed' });
    expect(listed(closed)).toEqual(['SEC-2026-BBBBB', 'SEC-2026-CCCCC']);
    expect(closed).not.toMatch(/not listed/);
  });

  it('gives JSON the same cases and no count line', () => {
    const items = JSON.parse(caseListView(db, { json: true })) as Array<{ trackingId: string }>;
    expect(items.map((i) => i.trackingId)).toEqual(['SEC-2026-AAAAA', 'SEC-2026-DDDDD']);
  });

  it('refuses --all with --state, which would each say what to list', () => {
    expect(thrown(() => caseListView(db, { all: true, state: 'closed' }))).toMatchObject({ code: 'USAGE' });
  });

  it('says there are none to list when every case is closed, and how many are', () => {
    db.prepare("UPDATE cases SET state = 'closed'").run();
    expect(caseListView(db, {})).toBe('No cases.\n(4 closed cases not listed: --all lists every case)\n');
  });
});
