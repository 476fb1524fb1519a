import { expect, it } from 'vitest';
import { DEFAULTS } from '../limits.js';
import { openDatabase } from './open.js';

it('compiles each SQL text once per connection, and the cached statement still sees later writes', () => {
  const db = openDatabase(':memory:');
  const count = () => db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'k'").get() as { n: number };
  expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'k'")).toBe(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'k'"));
  expect(count()).toEqual({ n: 0 });
  db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
  expect(count()).toEqual({ n: 1 });
  db.close();
});

it('keeps the cache bounded when SQL is built from a list length', () => {
  const db = openDatabase(':memory:');
  const first = db.prepare('SELECT 0');
  for (let i = 1; i <= DEFAULTS.sqliteStatementCache; i++) db.prepare(`SELECT ${i}`);
  expect(db.prepare('SELECT 0')).not.toBe(first); // the full cache was dropped and refilled
  db.close();
});
