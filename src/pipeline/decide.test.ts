import { describe, expect, it } from 'vitest';
import { decide, type Lookups, type MessageFacts } from './decide.js';

// An in-memory world for decide(): two cases, our outgoing ids and the reporters' own.
const REPORTER = 'rita@example.net';
const world = {
  cases: new Map([
    [1, { id: 1, tracking: 'SEC-2026-AAAAA', reporter: REPORTER }],
    [2, { id: 2, tracking: 'SEC-2026-BBBBB', reporter: 'bob@example.org' }],
  ]),
  inbound: new Map([['<first@reporter.example>', 1]]),
  ours: new Map([['<sectriage.7.abc@example.com>', 1]]),
  reporterThread: new Map([['<first@reporter.example>', 1]]),
  payloads: new Map([['p1', { caseId: 1, from: REPORTER, messageRowId: 10 }]]),
};
const q: Lookups = {
  caseForInboundMessageId: (id) => world.inbound.get(id),
  caseForOurMessageIds: (ids) => ids.map((i) => world.ours.get(i)).find((x) => x !== undefined),
  caseForReporterThread: (ids, from) => ids.map((i) => world.reporterThread.get(i)).find((c) => c !== undefined && world.cases.get(c)?.reporter === from),
  firstWithPayload: (hashes, except) => hashes.map((h) => world.payloads.get(h)).find((p) => p !== undefined && p.messageRowId !== except),
  reporterOf: (id) => world.cases.get(id)?.reporter,
  caseByTrackingId: (t) => [...world.cases.values()].map((c) => ({ id: c.id, tracking: c.tracking, reporter: c.reporter })).find((c) => c.tracking === t),
};
const facts = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  messageId: '<new@reporter.example>',
  thread: [],
  namedOurIds: [],
  automatic: null,
  from: REPORTER,
  payloadHashes: [],
  trackingIds: [],
  fromTeamMember: false,
  isCommand: false,
  undecryptable: false,
  ...over,
});

describe('decide: what an opened message is', () => {
  it('a Message-ID already recorded is a redelivery, whatever else the mail says', () => {
    expect(decide(facts({ messageId: '<first@reporter.example>', isCommand: true, automatic: 'bounce' }), q)).toEqual({ kind: 'duplicate', caseId: 1 });
  });

  it('automatic mail files under the case whose mail of ours it names (in References or in the bounced original), else under none', () => {
    expect(decide(facts({ automatic: 'bounce', namedOurIds: ['<sectriage.7.abc@example.com>'] }), q)).toEqual({
      kind: 'automatic',
      automatic: 'bounce',
      caseId: 1,
    });
    expect(decide(facts({ automatic: 'auto_reply', thread: ['<sectriage.7.abc@example.com>'] }), q)).toMatchObject({ caseId: 1 });
    expect(decide(facts({ automatic: 'auto_reply' }), q)).toEqual({ kind: 'automatic', automatic: 'auto_reply', caseId: null });
  });

  it('mail with no usable sender is unattributable', () => {
    expect(decide(facts({ from: null }), q).kind).toBe('unattributable');
    expect(decide(facts({ from: 'not-an-address' }), q).kind).toBe('unattributable');
  });

  it('a command mail goes to the command path even when it threads to a case or names one', () => {
    expect(
      decide(
        facts({ from: 'alice@example.com', fromTeamMember: true, isCommand: true, thread: ['<sectriage.7.abc@example.com>'], trackingIds: ['SEC-2026-AAAAA'] }),
        q,
      ),
    ).toEqual({ kind: 'team_command' });
  });

  it('the same ciphertext from its sender is a redelivery; from anyone else it is a new case linked to the first (a replay)', () => {
    expect(decide(facts({ payloadHashes: ['p1'] }), q)).toEqual({ kind: 'duplicate', caseId: 1 });
    expect(decide(facts({ from: 'mallory@evil.example', payloadHashes: ['zz', 'p1'] }), q)).toEqual({ kind: 'new', relatedCaseId: 1, replayOf: 1 });
  });

  it("joins a case by our Message-ID; a team member's answer to our mail is team mail, not the reporter writing back", () => {
    expect(decide(facts({ from: 'anyone@example.org', thread: ['<sectriage.7.abc@example.com>'] }), q)).toEqual({ kind: 'followup', caseId: 1 });
    expect(decide(facts({ from: 'alice@example.com', fromTeamMember: true, thread: ['<sectriage.7.abc@example.com>'] }), q)).toEqual({
      kind: 'team_mail',
      caseId: 1,
    });
  });

  it("joins by the reporter's own thread only when it is the reporter who writes", () => {
    expect(decide(facts({ thread: ['<first@reporter.example>'] }), q)).toEqual({ kind: 'followup', caseId: 1 });
    expect(decide(facts({ from: 'mallory@evil.example', thread: ['<first@reporter.example>'] }), q)).toEqual({ kind: 'new', relatedCaseId: null });
  });

  it('a named tracking ID joins only for its reporter; a member gets team mail; anyone else opens a linked case', () => {
    expect(decide(facts({ trackingIds: ['SEC-2026-AAAAA'] }), q)).toEqual({ kind: 'followup', caseId: 1 });
    expect(decide(facts({ from: 'alice@example.com', fromTeamMember: true, trackingIds: ['SEC-2026-AAAAA'] }), q)).toEqual({ kind: 'team_mail', caseId: 1 });
    expect(decide(facts({ from: 'mallory@evil.example', trackingIds: ['SEC-2026-ZZZZZ', 'SEC-2026-BBBBB'] }), q)).toEqual({ kind: 'new', relatedCaseId: 2 });
    expect(decide(facts({ trackingIds: ['SEC-2026-ZZZZZ'] }), q)).toEqual({ kind: 'new', relatedCaseId: null });
  });
});

describe('decide: a held message put back by requeue continues what it was', () => {
  const requeue = { caseId: 1, disposition: 'new_case', messageRowId: 10 };
  it('stays held while it still does not open', () => {
    expect(decide(facts({ requeue, undecryptable: true }), q)).toEqual({ kind: 'still_held', caseId: 1, disposition: 'new_case' });
  });

  it('a report continues on its own case, and its own earlier row is not a replay of itself', () => {
    expect(decide(facts({ requeue, payloadHashes: ['p1'] }), q)).toEqual({ kind: 'new', relatedCaseId: null, reopen: { caseId: 1, messageRowId: 10 } });
  });

  it('a report whose ciphertext someone else sent first is continued and linked as a replay', () => {
    const other = { caseId: 2, disposition: 'new_case', messageRowId: 20 };
    expect(decide(facts({ requeue: other, from: 'bob@example.org', payloadHashes: ['p1'] }), q)).toEqual({
      kind: 'new',
      relatedCaseId: 1,
      replayOf: 1,
      reopen: { caseId: 2, messageRowId: 20 },
    });
  });

  it('a follow-up continues as a follow-up, without routing afresh (its own Message-ID would make it a redelivery)', () => {
    expect(decide(facts({ requeue: { caseId: 1, disposition: 'followup', messageRowId: 11 }, messageId: '<first@reporter.example>' }), q)).toEqual({
      kind: 'followup',
      caseId: 1,
      reopen: { caseId: 1, messageRowId: 11 },
    });
  });
});
