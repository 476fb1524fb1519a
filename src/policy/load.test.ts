import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPresets, loadPolicy, milestoneLabel, promisedDates } from './load.js';
import { thrown } from '../../test/helpers/thrown.js';

const RECEIVED = new Date('2026-06-03T10:00:00.000Z'); // a Wednesday
const H = 3_600_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-policy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('presets', () => {
  it.each(listPresets())('preset %s loads, is named after its file and promises dated milestones', (name) => {
    const p = loadPolicy(name);
    expect(p.name).toBe(name);
    expect(p.title.length).toBeGreaterThan(0);
    const dates = promisedDates(p, RECEIVED);
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(d.due.getTime()).toBeGreaterThan(RECEIVED.getTime());
  });

  it('ships every preset the config may name: one per seed policy plus Project Zero and CERT/CC', () => {
    expect(listPresets()).toEqual(['c3-webex-cc', 'cert-cc', 'cgx', 'generic-template', 'google-project-zero', 'otrs-community-edition', 'sangoma']);
  });

  it('cgx at a fixed instant: acknowledge is +48 h exactly, first response 3 business days, 90 days to resolution and disclosure; statusUpdate (every) is not a date', () => {
    const dates = promisedDates(loadPolicy('cgx'), RECEIVED);
    expect(dates.map((d) => d.milestone)).toEqual(['acknowledge', 'firstResponse', 'resolution', 'disclosure']);
    const by = Object.fromEntries(dates.map((d) => [d.milestone, d]));
    expect(by.acknowledge!.due.getTime() - RECEIVED.getTime()).toBe(48 * H);
    expect(by.acknowledge!.text).toBe(milestoneLabel('acknowledge'));
    expect(by.firstResponse!.due.toISOString()).toBe('2026-06-08T10:00:00.000Z'); // Thu, Fri, (weekend), Mon
    expect(by.resolution!.due.toISOString()).toBe('2026-09-01T10:00:00.000Z');
    expect(by.disclosure!.due.toISOString()).toBe('2026-09-01T10:00:00.000Z');
  });

  it('sangoma counts 3 US business days in America/New_York', () => {
    const ack = promisedDates(loadPolicy('sangoma'), new Date('2026-11-24T14:00:00.000Z')).find((d) => d.milestone === 'acknowledge');
    expect(ack?.due.toISOString()).toBe('2026-11-30T14:00:00.000Z'); // Thanksgiving skipped
  });
});

describe('loadPolicy errors', () => {
  it('an unknown preset is CONFIG_INVALID and lists the presets there are', () => {
    const e = thrown(() => loadPolicy('no-such-policy'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('no-such-policy');
    for (const p of listPresets()) expect(e.message).toContain(p);
  });

  it('a policy path is read relative to the config folder', () => {
    writeFileSync(
      join(dir, 'mine.yaml'),
      'name: mine\ntitle: Mine\nmilestones:\n  acknowledge: { within: 1 business day, satisfiedBy: auto-acknowledgement }\n',
    );
    const p = loadPolicy('./mine.yaml', dir);
    expect(p.name).toBe('mine');
    expect(p.businessCalendar).toEqual({ timezone: 'UTC', holidays: 'none' });
    expect(promisedDates(p, RECEIVED)[0]?.due.toISOString()).toBe('2026-06-04T10:00:00.000Z');
  });

  it('a milestone with both "within" and "every" is refused, naming the milestone', () => {
    writeFileSync(join(dir, 'both.yaml'), 'name: both\ntitle: Both\nmilestones:\n  acknowledge: { within: 48h, every: 7d, satisfiedBy: x }\n');
    const e = thrown(() => loadPolicy(join(dir, 'both.yaml')));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('milestones.acknowledge');
    expect(e.message).toContain(join(dir, 'both.yaml'));
  });

  it('an unknown milestone and a bad duration are refused, naming the key', () => {
    writeFileSync(
      join(dir, 'typo.yaml'),
      'name: typo\ntitle: Typo\nmilestones:\n  acknowlege: { within: 48h, satisfiedBy: x }\n  disclosure: { within: 3 weeks, satisfiedBy: y }\n',
    );
    const e = thrown(() => loadPolicy(join(dir, 'typo.yaml')));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('acknowlege');
    expect(e.message).toContain('milestones.disclosure.within');
  });

  it('a policy whose business calendar names an unknown time zone is refused when it is loaded', () => {
    writeFileSync(
      join(dir, 'tz.yaml'),
      'name: tz\ntitle: TZ\nbusinessCalendar: { timezone: Mars/Olympus_Mons, holidays: none }\nmilestones:\n  acknowledge: { within: 2 business days, satisfiedBy: x }\n',
    );
    const e = thrown(() => loadPolicy(join(dir, 'tz.yaml')));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('businessCalendar.timezone');
  });

  it('a policy whose business calendar names an unknown holiday region is refused when it is loaded', () => {
    writeFileSync(
      join(dir, 'hol.yaml'),
      'name: hol\ntitle: Hol\nbusinessCalendar: { timezone: UTC, holidays: XX }\nmilestones:\n  acknowledge: { within: 2 business days, satisfiedBy: x }\n',
    );
    const e = thrown(() => loadPolicy(join(dir, 'hol.yaml')));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('businessCalendar.holidays');
  });
});
