import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryPipeline, plainMail, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { markNow } from '../db/settings.js';
import { metricsRegistry } from './registry.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

describe('the metrics', () => {
  it('count queues, ages, hold codes and marks from the database at scrape time', async () => {
    p = await memoryPipeline();
    p.db
      .prepare("INSERT INTO spool (source, received_at, size, sha256, state, hold_reason) VALUES ('stdin', ?, 10, 'x', 'held', 'PGP_NO_KEY: no team key')")
      .run('2026-11-23T09:00:00.000Z');
    await p.deliver(plainMail({ from: 'rita@example.net', subject: 'XSS', body: 'in search' }));
    markNow(p.db, 'last_backup_ok', new Date('2026-11-23T08:00:00Z'));
    const expires = new Date('2027-01-01T00:00:00Z');
    const text = await metricsRegistry({ db: p.db, now: () => new Date('2026-11-23T10:00:00Z'), teamKeyExpires: async () => expires }).metrics();
    expect(text).toContain('sectriage_spool_entries{state="held"} 1');
    expect(text).toContain('sectriage_spool_oldest_age_seconds{state="held"} 3600');
    expect(text).toContain('sectriage_held_messages{code="PGP_NO_KEY"} 1');
    expect(text).toContain('sectriage_outbox_entries{state="queued"} 1');
    expect(text).toContain(`sectriage_last_backup_timestamp_seconds ${Date.parse('2026-11-23T08:00:00Z') / 1000}`);
    expect(text).toContain('sectriage_last_imap_pass_timestamp_seconds 0');
    expect(text).toMatch(/sectriage_team_key_expiry_days 38\.58/);
    // No report content in the figures.
    expect(text).not.toMatch(/XSS|in search|rita/);
  });

  it('the example alert rules name only metrics that exist', async () => {
    p = await memoryPipeline();
    const names = new Set((await metricsRegistry({ db: p.db, now: () => new Date(), teamKeyExpires: async () => null }).getMetricsAsJSON()).map((m) => m.name));
    const rules = (
      parse(readFileSync(join(import.meta.dirname, '..', '..', 'deploy', 'sectriage-alerts.yml'), 'utf8')) as {
        groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
      }
    ).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      const used = r.expr.match(/sectriage_[a-z_]+/g) ?? [];
      if (r.alert !== 'SectriageDown') expect(used.length, r.alert).toBeGreaterThan(0);
      for (const m of used) expect(names, `${r.alert}: ${m}`).toContain(m);
    }
  });
});
