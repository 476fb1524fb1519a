// How many open workers a run starts: the config's number when it gives one (0 included),
// else one per core the main thread leaves (it records and sends on its own core), capped.
import { expect, it } from 'vitest';
import { DEFAULTS } from '../limits.js';
import { workerCount } from './open-prestart.js';

it('leaves the main thread a core: none on one core, one on two, capped on many', () => {
  expect(workerCount(undefined, 1)).toBe(0);
  expect(workerCount(undefined, 2)).toBe(1);
  expect(workerCount(undefined, 4)).toBe(3);
  expect(workerCount(undefined, 64)).toBe(DEFAULTS.openWorkersMax);
});

it("takes the config's number as given, 0 meaning the main thread opens everything", () => {
  expect(workerCount(0, 8)).toBe(0);
  expect(workerCount(3, 2)).toBe(3);
});
