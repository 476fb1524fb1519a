import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/helpers/thrown.js';
import { parseEventBody, serialiseEventBody, type EventBodyIn } from './events.js';

describe('typed events', () => {
  it('stores a body with its kind version and reads it back narrowed to its kind', () => {
    const json = serialiseEventBody({ type: 'state_changed', data: { from: 'received', to: 'triaged', note: 'n' } });
    expect(JSON.parse(json)).toEqual({ v: 1, from: 'received', to: 'triaged', note: 'n' });
    const e = parseEventBody('state_changed', json);
    expect(e.type === 'state_changed' && e.data.to).toBe('triaged');
  });

  it('reads a row written before versions existed as version 1, keeping fields a later release added', () => {
    const e = parseEventBody('mail_sent', '{"outboxId":3,"kind":"ack","messageId":"<m@x>","extra":true}');
    expect(e).toEqual({ type: 'mail_sent', data: { v: 1, outboxId: 3, kind: 'ack', messageId: '<m@x>', extra: true } });
  });

  it('an unknown kind, bad JSON or a wrong shape reads as unreadable (satisfies nothing) instead of throwing', () => {
    expect(parseEventBody('from_the_future', '{}')).toMatchObject({ type: 'unreadable', data: { storedType: 'from_the_future', error: 'unknown event kind' } });
    expect(parseEventBody('mail_sent', '{not json')).toMatchObject({ type: 'unreadable', data: { error: 'data is not JSON' } });
    expect(parseEventBody('state_changed', '{"from":"received","to":"somewhere"}')).toMatchObject({
      type: 'unreadable',
      data: { storedType: 'state_changed' },
    });
  });

  it('refuses to write a body that does not fit its kind (the bug fails its transaction, not a later reader)', () => {
    const bad = { type: 'flag_set', data: { flag: 'exploited', value: 'yes' } } as unknown as EventBodyIn;
    expect(thrown(() => serialiseEventBody(bad))).toMatchObject({ code: 'EVENT_INVALID' });
    expect(thrown(() => serialiseEventBody({ type: 'nope', data: {} } as unknown as EventBodyIn)).message).toMatch(/no event kind/);
  });
});
