/**
 * The Prometheus metrics (prom-client): every gauge is computed when scraped, from the
 * database (cases/store/queue-figures.ts) and the team key, so the numbers are true for every process
 * that writes the database (the daemon, `ingest` from the MTA, the CLI), not only for
 * the one serving them. Names follow Prometheus conventions (base units: seconds).
 */
import { Gauge, Registry } from 'prom-client';
import type { Db } from '../db/open.js';
import { markedAt } from '../db/settings.js';
import { queueFigures, type QueueFigures } from '../cases/store/queue-figures.js';

export interface MetricsSources {
  db: Db;
  now: () => Date;
  /** When the current team key expires (null: never). */
  teamKeyExpires: () => Promise<Date | null>;
}

const SPOOL_STATES = ['incoming', 'held'] as const;
const OUTBOX_STATES = ['queued', 'sending', 'uncertain', 'failed'] as const;

const age = (now: Date, iso: string | null | undefined): number => (iso ? Math.max(0, (now.getTime() - Date.parse(iso)) / 1000) : 0);

export function metricsRegistry(src: MetricsSources): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[], collect: (this: Gauge) => void | Promise<void>): Gauge =>
    new Gauge({ name, help, labelNames, registers: [registry], collect });
  // One read of the queues per scrape (the first gauge collected reads, the others share it).
  let figures: QueueFigures | undefined;
  const read = (): QueueFigures => (figures ??= queueFigures(src.db));
  gauge('sectriage_spool_entries', 'Spool entries waiting to be processed (incoming) or held with a reason (held).', ['state'], function () {
    figures = undefined;
    const f = read();
    for (const state of SPOOL_STATES) this.set({ state }, f.spool.find((s) => s.state === state)?.count ?? 0);
  });
  gauge('sectriage_spool_oldest_age_seconds', 'Age of the oldest spool entry in each state (0: none).', ['state'], function () {
    const f = read();
    for (const state of SPOOL_STATES) this.set({ state }, age(src.now(), f.spool.find((s) => s.state === state)?.oldest));
  });
  gauge('sectriage_outbox_entries', 'Outgoing mail by delivery state.', ['state'], function () {
    const f = read();
    for (const state of OUTBOX_STATES) this.set({ state }, f.outbox.find((s) => s.state === state)?.count ?? 0);
  });
  gauge('sectriage_outbox_oldest_age_seconds', 'Age of the oldest outgoing mail in each state (0: none).', ['state'], function () {
    const f = read();
    for (const state of OUTBOX_STATES) this.set({ state }, age(src.now(), f.outbox.find((s) => s.state === state)?.oldest));
  });
  gauge('sectriage_held_messages', 'Messages held, by the code of their reason (PGP_NO_KEY, PGP_CORRUPT, MESSAGE_TOO_LARGE...).', ['code'], function () {
    this.reset();
    for (const h of read().heldByCode) this.set({ code: h.code }, h.count);
  });
  gauge('sectriage_overdue_milestones', 'Open cases with a milestone past due and not met, by milestone.', ['milestone'], function () {
    this.reset();
    for (const o of read().overdue) this.set({ milestone: o.milestone }, o.count);
  });
  gauge('sectriage_last_imap_pass_timestamp_seconds', 'When the last IMAP pass succeeded (0: never).', [], function () {
    this.set((markedAt(src.db, 'last_imap_pass_ok')?.getTime() ?? 0) / 1000);
  });
  gauge('sectriage_last_backup_timestamp_seconds', 'When the last backup (sectriage backup) succeeded (0: never).', [], function () {
    this.set((markedAt(src.db, 'last_backup_ok')?.getTime() ?? 0) / 1000);
  });
  gauge('sectriage_team_key_expiry_days', 'Days until the current team key expires (+Inf: never).', [], async function () {
    const at = await src.teamKeyExpires();
    this.set(at ? (at.getTime() - src.now().getTime()) / 86_400_000 : Infinity);
  });
  return registry;
}
