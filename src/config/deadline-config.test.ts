import { describe, expect, it } from 'vitest';
import { resolveConfig } from './load.js';

const base = { smtp: { from: 'Security <security@example.com>', pickupDir: 'out' }, keys: { teamPrivateKey: 'team.asc' }, timezone: 'America/New_York' };
const load = (extra: Record<string, unknown>) => resolveConfig('/etc/sectriage/sectriage.yaml', { ...base, ...extra }, {});

describe('digest and contacts config', () => {
  it('defaults: digest at 08:00 on weekdays in the config time zone, no contacts', () => {
    const c = load({});
    expect(c.digest).toEqual({ schedule: '0 8 * * 1-5', timezone: 'America/New_York', enabled: true });
    expect(c.contacts).toEqual({});
  });

  it('refuses a schedule node-cron cannot run, naming the key', () => {
    expect(() => load({ digest: { schedule: '0 25 * * *' } })).toThrow(/digest\.schedule: not a valid cron expression/);
    expect(() => load({ digest: { schedule: 'every morning' } })).toThrow(/digest\.schedule/);
  });

  it('refuses an unknown digest time zone', () => {
    expect(() => load({ digest: { schedule: '0 8 * * *', timezone: 'Mars/Olympus' } })).toThrow(/digest\.timezone: unknown time zone "Mars\/Olympus"/);
  });

  it('contacts: lowercased addresses; a name may not shadow "team" or a member', () => {
    expect(load({ contacts: { backup: 'ANelson@cgx.sh' } }).contacts).toEqual({ backup: 'anelson@cgx.sh' });
    expect(() => load({ contacts: { team: 'x@y.org' } })).toThrow(/contacts\.team: the name is already used/);
    expect(() => load({ team: [{ name: 'alice', email: 'alice@example.com' }], contacts: { alice: 'x@y.org' } })).toThrow(/contacts\.alice/);
    expect(() => load({ contacts: { backup: 'not an address' } })).toThrow(/contacts\.backup/);
  });
});
