// The warm-up must run the whole open stage on its sample, extractor included: a sample that
// stopped parsing, or stopped reaching the extractor, would warm nothing and say nothing.
import { expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { warmUp } from './warm-up.js';

it('opens its sample as a report with fields and a sketch, so the extractor has run', async () => {
  expect(await warmUp({ ...LIMITS })).toBe(true);
});
