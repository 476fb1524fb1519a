// The life of one synthetic case for the seeded bench database (seed-db.ts): when it came
// in, how far the team took it by SEED_NOW, and the events, outbox rows and facts that
// leave behind, in the shapes the pipeline and the team actions write. Pure and
// deterministic: case `id` of `n` always comes out the same.
//
// The spread follows a working programme over five years: ~14% spam closed within days,
// ~48% closed early (informative, duplicate, won't fix) after a team reply, ~38% taken
// through fix, release and disclosure. A few per cent stay open for good (waiting to be
// closed after disclosure, a fix that never shipped); recent cases are open because their
// next step lies after SEED_NOW. About 8% of first team replies come late, and some open
// cases went without a status update for more than a week: those are the overdue ones.

import { FLAWS, PRODUCTS } from './corpus.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SPAN = 5 * 365 * DAY;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TYPES = FLAWS.map(([type]) => type);
const EARLY_CLOSES = ['informative', 'not_applicable', 'wont_fix', 'duplicate'] as const;
const TEAM = ['alice', 'bob', 'carol'];

/** Row ids handed out while generating, so events can name the outbox rows and spool entries they speak of. */
export interface SeedIds {
  spool: number;
  message: number;
  outbox: number;
}

export interface SeedEvent {
  at: number;
  actor: string;
  type: string;
  data: string;
  spoolId: number | null;
}

export interface SeedOutbox {
  id: number;
  kind: string;
  auto: boolean;
  messageId: string;
  params: string;
  state: 'sent' | 'queued';
  at: number;
  /** A team reply's own words (kept as an outgoing message row), else null. */
  replyText: string | null;
  messageRowId: number;
}

export interface SeedCase {
  id: number;
  trackingId: string;
  state: string;
  reporterName: string;
  reporterEmail: string;
  policy: string;
  createdAt: number;
  updatedAt: number;
  encryption: 'encrypted' | 'none';
  assignee: string | null;
  severity: string | null;
  cve: string | null;
  resolution: string | null;
  acknowledgedAt: number | null;
  closedAt: number | null;
  spoolId: number;
  messageId: number;
  outbox: SeedOutbox[];
  events: SeedEvent[];
  fields: Array<[string, unknown]>;
  spam: boolean;
  missing: string;
  keyFingerprint: string | null;
  attention: { kind: string; text: string; clearedAt: number | null } | null;
  duplicateOf: number | null;
}

/** mulberry32: a small deterministic generator, seeded per case. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A tracking ID unique per id (an odd multiplier modulo 32^5 is a bijection), looking random as real ones do. */
function trackingId(id: number, created: number): string {
  let x = (id * 7_368_787) % 32 ** 5;
  let tail = '';
  for (let i = 0; i < 5; i++, x = Math.floor(x / 32)) tail = ALPHABET[x % 32] + tail;
  return `SEC-${new Date(created).getUTCFullYear()}-${tail}`;
}

/** Walks a case's steps in time order; a step after `now` and everything after it did not happen (yet). */
class Life {
  events: SeedEvent[] = [];
  outbox: SeedOutbox[] = [];
  state = 'received';
  stopped = false;
  last: number;
  constructor(
    readonly c: { id: number; created: number; now: number; email: string; spoolId: number; encrypted: boolean },
    readonly ids: SeedIds,
  ) {
    this.last = c.created;
  }
  /** Runs `fn` at `at` (kept after the previous step) unless that is past now; returns whether it happened. */
  step(at: number, fn: (t: number) => void): boolean {
    const t = Math.max(Math.round(at), this.last + 1000);
    if (this.stopped || t > this.c.now) return !(this.stopped = true);
    this.last = t;
    fn(t);
    return true;
  }
  event(at: number, actor: string, type: string, data: Record<string, unknown>, spoolId: number | null = null): void {
    this.events.push({ at, actor, type, data: JSON.stringify({ v: 1, ...data }), spoolId });
  }
  to(at: number, state: string, extra: Record<string, unknown> = {}): void {
    this.event(at, 'cli:alice', 'state_changed', { from: this.state, to: state, ...extra });
    this.state = state;
  }
  /** An outbox row, its *_queued event and (when sent by now) its mail_sent event. */
  mail(at: number, kind: string, queuedType: string | null, replyText: string | null): void {
    const id = ++this.ids.outbox;
    const messageId = `<sectriage.${id}.${(id * 2_654_435_761).toString(16).slice(-12)}@example.com>`;
    const auto = kind !== 'team_reply';
    const sentAt = at + 40_000;
    const sent = sentAt <= this.c.now;
    const params = JSON.stringify({ kind, to: this.c.email, messageId, date: new Date(at).toISOString(), encryptTo: this.c.encrypted ? 'FPR' : null });
    this.outbox.push({ id, kind, auto, messageId, params, state: sent ? 'sent' : 'queued', at, replyText, messageRowId: replyText ? ++this.ids.message : 0 });
    if (queuedType === 'status_update_queued') this.event(at, 'system', queuedType, { due: new Date(at).toISOString(), outboxIds: [id] });
    else if (queuedType) this.event(at, kind === 'team_reply' ? 'cli:alice' : 'system', queuedType, { outboxId: id, messageId, encrypted: this.c.encrypted });
    if (sent) {
      this.event(sentAt, 'system', 'mail_sent', { outboxId: id, kind, messageId });
      this.last = sentAt;
    }
  }
}

type Path = 'spam' | 'early' | 'full';

export function generateCase(id: number, n: number, now: number, ids: SeedIds): SeedCase {
  const r = rng(id * 2_654_435_761);
  const created = now - Math.round(((n - id + 0.5) / n) * SPAN) + Math.round(r() * (SPAN / n) * 0.4);
  const reporter = Math.floor(r() * Math.max(1, n * 0.3));
  const encrypted = r() < 0.7;
  const email = `reporter${reporter}@example.net`;
  const spoolId = ++ids.spool;
  const messageId = ++ids.message;
  const life = new Life({ id, created, now, email, spoolId, encrypted }, ids);
  const roll = r();
  const path: Path = roll < 0.14 ? 'spam' : roll < 0.62 ? 'early' : 'full';
  // Cases that stay open for good: where the team left them.
  const stallRoll = r();
  const stall = stallRoll < 0.012 ? 'disclosed' : stallRoll < 0.018 ? 'fix_released' : stallRoll < 0.021 ? 'fixing' : stallRoll < 0.024 ? 'triaged' : null;
  const policy = created < now - 3 * 365 * DAY && r() < 0.5 ? 'sangoma' : 'cgx';
  const tid = trackingId(id, created);
  const facts = { assignee: null as string | null, severity: null as string | null, resolution: null as string | null, closedAt: null as number | null };

  life.event(
    created,
    `reporter:${email}`,
    'report_received',
    {
      spoolId,
      encryption: encrypted ? 'encrypted' : 'none',
      signature: encrypted ? 'valid' : 'none',
      attachments: [],
      trackingId: tid,
      policy,
    },
    spoolId,
  );
  life.event(created + 2000, 'system', 'fields_extracted', { fields: ['title', 'vulnType', 'component', 'affectedVersions'], missing: ['steps|poc'] });
  life.last = created + 2000;
  life.step(created + 3000, (t) => life.mail(t, 'ack', 'acknowledgement_queued', null));
  if (path === 'spam') {
    life.step(created + (1 + r() * 47) * HOUR, (t) => {
      life.to(t, 'closed', { resolution: 'spam' });
      facts.resolution = 'spam';
      facts.closedAt = t;
    });
    if (r() < 0.5) life.step(life.last + MIN, (t) => life.event(t, 'cli:bob', 'note_added', { note: 'marketing mail, not a report' }));
  } else {
    teamWork(life, r, path, stall, facts, id);
  }
  recentUpdate(life, r, now);
  const kind = TYPES[id % TYPES.length]!;
  const duplicateOf = id > 60 && r() < 0.03 ? id - 1 - Math.floor(r() * 50) : null;
  const attentionRoll = r();
  return {
    id,
    trackingId: tid,
    state: life.state,
    reporterName: `Reporter ${reporter}`,
    reporterEmail: email,
    policy,
    createdAt: created,
    updatedAt: life.last,
    encryption: encrypted ? 'encrypted' : 'none',
    assignee: facts.assignee,
    severity: facts.severity,
    cve: facts.severity && r() < 0.3 ? `CVE-${new Date(created).getUTCFullYear()}-${10000 + id}` : null,
    resolution: facts.resolution,
    acknowledgedAt: null,
    closedAt: facts.closedAt,
    spoolId,
    messageId,
    outbox: life.outbox,
    events: life.events,
    fields: [
      ['title', `${kind} in ${PRODUCTS[id % PRODUCTS.length]} (${id})`],
      ['vulnType', kind],
      ['component', PRODUCTS[id % PRODUCTS.length]],
      ['affectedVersions', `${2 + (id % 5)}.${id % 10}.${id % 7}`],
    ],
    spam: path === 'spam',
    missing: r() < 0.4 ? '["steps|poc"]' : '[]',
    keyFingerprint: encrypted ? (reporter * 2_654_435_761).toString(16).toUpperCase().padStart(40, 'A').slice(-40) : null,
    attention:
      attentionRoll < 0.02
        ? {
            kind: attentionRoll < 0.01 ? 'partial' : 'key_changed',
            text:
              attentionRoll < 0.01 ? 'part of the message was not encrypted; the unencrypted text is kept apart' : 'the reporter sent a different public key',
            clearedAt: facts.closedAt,
          }
        : null,
    duplicateOf,
  };
}

/** Assignment, the first reply, and for the full path fix, release, disclosure and close. */
function teamWork(
  life: Life,
  r: () => number,
  path: Path,
  stall: string | null,
  facts: { assignee: string | null; severity: string | null; resolution: string | null; closedAt: number | null },
  id: number,
): void {
  const created = life.c.created;
  const member = TEAM[Math.floor(r() * TEAM.length)]!;
  life.step(created + (1 + r() * 7) * HOUR, (t) => {
    life.event(t, `cli:${member}`, 'assigned', { from: null, to: member });
    facts.assignee = member;
  });
  const late = r() < 0.08;
  const replyAt = created + (late ? 4 + r() * 4 : 0.1 + r() * 2.4) * DAY;
  life.step(replyAt, (t) => {
    life.to(t, 'triaged');
    life.mail(
      t + 1000,
      'team_reply',
      'team_reply_queued',
      'Thank you for the report. We reproduced the issue and are working on a fix; we will keep you posted.',
    );
  });
  if (r() < 0.1) {
    life.step(life.last + (1 + r() * 20) * HOUR, (t) => life.to(t, 'needs_info'));
    life.step(life.last + (1 + r() * 4) * DAY, (t) => life.to(t, 'triaged'));
  }
  if (stall === 'triaged') return;
  if (path === 'early') {
    const resolution = EARLY_CLOSES[Math.floor(r() * EARLY_CLOSES.length)]!;
    const dup = resolution === 'duplicate' && id > 60 ? { duplicateOf: trackingId(id - 1 - Math.floor(r() * 50), created - DAY) } : {};
    life.step(life.last + (0.5 + r() * 9.5) * DAY, (t) => {
      life.to(t, 'closed', { resolution, ...dup });
      facts.resolution = resolution;
      facts.closedAt = t;
    });
    return;
  }
  life.step(life.last + (1 + r() * 23) * HOUR, (t) => {
    facts.severity = ['critical', 'high', 'medium', 'low'][Math.floor(r() * 4)]!;
    life.event(t, `cli:${member}`, 'severity_set', { from: null, to: facts.severity });
  });
  life.step(life.last + (1 + r() * 9) * DAY, (t) => life.to(t, 'fixing'));
  if (stall === 'fixing') return;
  const fixTook = (5 + r() * 60) * DAY;
  if (fixTook > 7 * DAY) life.step(life.last + 6.5 * DAY, (t) => life.mail(t, 'status_update', 'status_update_queued', null));
  life.step(life.c.created + Math.max(fixTook, 0) + 12 * DAY, (t) => life.to(t, 'fix_released'));
  if (stall === 'fix_released') return;
  life.step(life.last + (1 + r() * 9) * DAY, (t) => life.to(t, 'disclosed'));
  if (stall === 'disclosed') return;
  life.step(life.last + r() * 20 * DAY, (t) => {
    life.to(t, 'closed', { resolution: 'resolved' });
    facts.resolution = 'resolved';
    facts.closedAt = t;
  });
}

/** Most open cases still being worked had a status update within the week; a fifth did not (overdue). */
function recentUpdate(life: Life, r: () => number, now: number): void {
  if (life.state !== 'triaged' && life.state !== 'fixing') return;
  if (now - life.last < 7 * DAY || r() < 0.2) return;
  life.stopped = false;
  life.step(now - r() * 6.5 * DAY, (t) => life.mail(t, 'status_update', 'status_update_queued', null));
}
