import { describe, expect, it } from 'vitest';
import { concurrentSender } from './concurrent-sender.js';

/** A drain over a list of "queued rows": each pass sends what was queued when it started, after a tick. */
function fakeOutbox(deferAt?: number) {
  const queued: number[] = [];
  const sent: number[] = [];
  let passes = 0;
  const drain = async () => {
    passes++;
    const take = queued.splice(0);
    await new Promise((r) => setImmediate(r));
    let n = 0;
    for (const id of take) {
      if (id === deferAt) return { sent: n, deferred: 1, failed: 0 };
      sent.push(id);
      n++;
    }
    return { sent: n, deferred: 0, failed: 0 };
  };
  return { queued, sent, drain, passes: () => passes };
}

describe('sending while a backlog is recorded', () => {
  it('a row queued during a running drain is sent by one more pass, not lost and not sent twice', async () => {
    const box = fakeOutbox();
    const s = concurrentSender(box.drain);
    box.queued.push(1);
    s.kick();
    // Recorded while the first pass runs: the kicks collapse into one more pass.
    box.queued.push(2);
    s.kick();
    box.queued.push(3);
    s.kick();
    const totals = await s.finish();
    expect(box.sent).toEqual([1, 2, 3]);
    expect(totals.sent).toBe(3);
    expect(box.passes()).toBeLessThanOrEqual(3);
  });

  it('finish sends what was queued after the last kick', async () => {
    const box = fakeOutbox();
    const s = concurrentSender(box.drain);
    s.kick();
    await new Promise((r) => setTimeout(r, 5));
    box.queued.push(7);
    expect((await s.finish()).sent).toBe(1);
    expect(box.sent).toEqual([7]);
  });

  it('a relay that defers a row stops the sending for the rest of the round', async () => {
    const box = fakeOutbox(2);
    const s = concurrentSender(box.drain);
    box.queued.push(1, 2);
    s.kick();
    await new Promise((r) => setTimeout(r, 5));
    box.queued.push(3);
    s.kick();
    const totals = await s.finish();
    expect(totals.deferred).toBe(1);
    expect(box.sent).toEqual([1]);
    expect(box.queued).toEqual([3]); // left for the next round
  });

  it('a drain that throws fails the round at finish, not as an unhandled rejection meanwhile', async () => {
    let calls = 0;
    const s = concurrentSender(async () => {
      calls++;
      throw new Error('database is locked');
    });
    s.kick();
    await new Promise((r) => setTimeout(r, 5));
    s.kick(); // after a failure no more passes run
    await expect(s.finish()).rejects.toThrow('database is locked');
    expect(calls).toBe(1);
  });
});
