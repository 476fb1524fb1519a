/**
 * Every kind of event a case's log holds, as one discriminated union: the writer
 * (appendEvent) is checked by the compiler against the kind's shape, and every reader
 * (the deadline engine, the views, the pipeline) narrows on `type` instead of probing
 * `data` with typeof. Each kind carries a version `v` (1 for all of them today; a row
 * written before versions existed reads as 1), so a kind whose shape changes gets
 * v: 2 and readers see both.
 *
 * Rows are our own writes, trusted for shape; still, each row is checked against its
 * kind's schema when read, so one odd row (hand-edited, from a newer release) becomes
 * an `unreadable` event that satisfies nothing instead of throwing in every reader.
 * Schemas are loose: fields a later version added pass through untouched.
 */
import * as z from 'zod';
import { SectriageError } from '../../errors.js';
import { ADVISORY_FIELDS } from './advisory.js';
import { CRA_NOTIFICATIONS } from './cra.js';
import { CASE_STATES, RESOLUTIONS } from './states.js';

const v1 = z.literal(1).default(1);
const state = z.enum(CASE_STATES);
const str = z.string();
const strOrNull = z.string().nullable();
const queued = { v: v1, outboxId: z.number(), messageId: str, encrypted: z.boolean() };
const storedAttachment = z.looseObject({ filename: strOrNull, size: z.number(), sha256: str, encrypted: z.boolean() });
/** What the log says of an inbound message (report, follow-up): how it opened, never its words. */
const inbound = {
  v: v1,
  spoolId: z.number(),
  encryption: str,
  failure: str.optional(),
  signature: str,
  signedPartly: z.boolean().optional(),
  signerKeyId: str.optional(),
  signerFingerprint: str.optional(),
  signerUidMatchesFrom: z.boolean().optional(),
  attachments: z.array(storedAttachment),
};

export const EVENT_SCHEMAS = {
  // Intake (pipeline/): what arrived and how it opened.
  report_received: z.looseObject({ ...inbound, trackingId: str, policy: str }),
  followup_received: z.looseObject(inbound),
  message_opened_on_requeue: z.looseObject({
    v: v1,
    spoolId: z.number(),
    encryption: str,
    signature: str,
    signerFingerprint: str.optional(),
    attachments: z.array(storedAttachment),
  }),
  requeue_still_held: z.looseObject({ v: v1, spoolId: z.number(), failure: strOrNull }),
  duplicate_delivery: z.looseObject({ v: v1, spoolId: z.number() }),
  team_mail_received: z.looseObject({ v: v1, spoolId: z.number() }),
  bounce_received: z.looseObject({ v: v1, kind: str, spoolId: z.number() }),
  automatic_mail_received: z.looseObject({ v: v1, kind: str, spoolId: z.number() }),
  protected_from_differs: z.looseObject({ v: v1, outerFrom: str.optional(), protectedFrom: str }),
  reporter_key_pinned: z.looseObject({ v: v1, fingerprints: z.array(str), replaced: strOrNull.optional() }),
  reporter_key_changed: z.looseObject({ v: v1, offered: z.array(str) }),
  fields_extracted: z.looseObject({
    v: v1,
    fields: z.array(str),
    missing: z.array(str),
    parts: z.number().optional(),
    spamLikely: z.boolean().optional(),
    duplicateCandidates: z.number().optional(),
  }),
  fields_updated: z.looseObject({ v: v1, fields: z.array(str), spoolId: z.number() }),
  linked_to_case: z.looseObject({ v: v1, relatedTrackingId: str.optional(), why: str }),
  linked_case_opened: z.looseObject({ v: v1, trackingId: str.optional(), from: str.optional() }),
  team_notified: z.looseObject({ v: v1, about: str, newTrackingId: str, members: z.array(str) }),
  no_auto_reply: z.looseObject({ v: v1, reason: str }),
  acknowledgement_queued: z.looseObject(queued),
  reencrypt_request_queued: z.looseObject(queued),
  // Attention: an item is raised by the event that caused it (attention.raised_by_event); a person dismisses one by kind.
  attention_cleared: z.looseObject({ v: v1, kind: str, note: str.optional() }),
  // The outbox (send/): what became of mail.
  mail_sent: z.looseObject({ v: v1, outboxId: z.number(), kind: str, messageId: str }),
  mail_failed: z.looseObject({ v: v1, outboxId: z.number(), kind: str, error: str }),
  mail_retry_requested: z.looseObject({ v: v1, outboxId: z.number(), was: str }),
  // The team's actions (actions/).
  state_changed: z.looseObject({
    v: v1,
    from: state,
    to: state,
    resolution: z.enum(RESOLUTIONS).optional(),
    duplicateOf: str.optional(),
    note: str.optional(),
    reopened: z.boolean().optional(),
  }),
  reporter_notice_queued: z.looseObject({ ...queued, state }),
  reporter_notice_skipped: z.looseObject({ v: v1, state, reason: str }),
  team_reply_queued: z.looseObject(queued),
  acknowledged: z.looseObject({ v: v1 }),
  assigned: z.looseObject({ v: v1, from: strOrNull, to: strOrNull }),
  note_added: z.looseObject({ v: v1, note: str }),
  severity_set: z.looseObject({ v: v1, from: strOrNull, to: strOrNull, cvssVector: str.optional() }),
  cve_set: z.looseObject({ v: v1, from: strOrNull, to: strOrNull }),
  flag_set: z.discriminatedUnion('flag', [
    z.looseObject({ v: v1, flag: z.enum(['exploited', 'public', 'on_hold']), value: z.boolean() }),
    z.looseObject({ v: v1, flag: z.literal('embargo'), value: strOrNull }),
  ]),
  duplicate_merged: z.looseObject({ v: v1, from: str, credited: z.array(str) }),
  // Advisories (actions/advisory.ts, issue 13): a field the team set (null clears it), a
  // document marked published (it meets the disclosure milestone), a CRA notification made.
  advisory_set: z.looseObject({ v: v1, field: z.enum(ADVISORY_FIELDS), value: z.union([str, z.array(str), z.null()]) }),
  advisory_published: z.looseObject({ v: v1, url: str.optional() }),
  cra_notified: z.looseObject({ v: v1, notification: z.enum(CRA_NOTIFICATIONS) }),
  // Reads (issue 12): a team member saw the case's decrypted content in the web console
  // (the case page, or one attachment downloaded), so the team can answer "who saw this report".
  case_viewed: z.looseObject({ v: v1, part: z.enum(['case', 'attachment', 'search']), attachmentId: z.number().optional(), query: str.optional() }),
  // Deadlines (deadlines/sweep.ts).
  status_update_queued: z.looseObject({ v: v1, due: str, outboxIds: z.array(z.number()) }),
  deadline_reminder_queued: z.looseObject({ v: v1, milestone: str, due: str, outboxIds: z.array(z.number()) }),
  deadline_escalation_queued: z.looseObject({ v: v1, milestone: str, due: str, to: z.array(str), outboxIds: z.array(z.number()) }),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

/** What a writer gives: `v` may be left out (it is the kind's current version). */
export type EventBodyIn = { [K in EventType]: { type: K; data: z.input<(typeof EVENT_SCHEMAS)[K]> } }[EventType];
/** What a reader gets: one member per kind, narrowed by `type`. */
export type EventBody = { [K in EventType]: { type: K; data: z.output<(typeof EVENT_SCHEMAS)[K]> } }[EventType];
export type EventOf<K extends EventType> = Extract<EventBody, { type: K }>;
/** The data a writer gives for one kind. */
export type EventDataIn<K extends EventType> = Extract<EventBodyIn, { type: K }>['data'];

/**
 * Who made a change: the pipeline (`system`), a reporter's mail, a team member by CLI
 * (Unix user), by signed mail (key fingerprint), in the web console, or a team
 * member's unsigned mail that changed nothing but is noted.
 */
export type Actor = 'system' | `reporter:${string}` | `cli:${string}` | `key:${string}` | `web:${string}` | `team:${string}`;

/** An event as read back: its place in the log, who, when, and its typed body. */
export type CaseEvent = { id: number; caseId: number; at: string; actor: string; spoolId: number | null } & (
  EventBody | { type: 'unreadable'; data: { storedType: string; error: string } }
);

/** Checks a stored row against its kind's schema; an unknown kind or a bad shape reads as `unreadable`. */
export function parseEventBody(type: string, json: string): EventBody | { type: 'unreadable'; data: { storedType: string; error: string } } {
  const schema = (EVENT_SCHEMAS as Record<string, z.ZodType>)[type];
  if (!schema) return { type: 'unreadable', data: { storedType: type, error: 'unknown event kind' } };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { type: 'unreadable', data: { storedType: type, error: 'data is not JSON' } };
  }
  const r = schema.safeParse(raw);
  if (!r.success) return { type: 'unreadable', data: { storedType: type, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  return { type, data: r.data } as EventBody;
}

/** The data a writer's body is stored as: checked now (a bug fails its transaction, not a later reader) and versioned. */
export function serialiseEventBody(body: EventBodyIn): string {
  const schema = EVENT_SCHEMAS[body.type] as z.ZodType | undefined;
  if (!schema) throw new SectriageError('EVENT_INVALID', `no event kind "${String(body.type)}"`);
  const r = schema.safeParse(body.data);
  // A bug in the writer, caught before it is in the chain for good: the change it records is rolled back with it.
  if (!r.success)
    throw new SectriageError('EVENT_INVALID', `${body.type}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { cause: r.error });
  return JSON.stringify(r.data);
}
