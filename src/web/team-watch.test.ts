// The team the console checks every request against is the config FILE as it is now: an
// edit that removes a member shows on the next call, and a config that no longer loads lets
// nobody in (fail closed) until it is fixed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { liveTeam } from './team-watch.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-team-'));
const file = join(dir, 'sectriage.yaml');
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(team: string[], extra = ''): void {
  const members = team.map((n) => `  - name: ${n}\n    email: ${n}@example.com\n`).join('');
  writeFileSync(file, `smtp:\n  from: security@example.com\n  pickupDir: out\nkeys:\n  teamPrivateKey: team.asc\nteam:\n${members}${extra}`);
}

describe('live team', () => {
  it('follows the config file: a removed member is gone on the next call; a broken file keeps everyone out', () => {
    writeConfig(['alice', 'bob']);
    const team = liveTeam(file, createLogger('silent'));
    expect(team().map((m) => m.name)).toEqual(['alice', 'bob']);
    writeConfig(['alice']);
    expect(team().map((m) => m.name)).toEqual(['alice']);
    writeConfig(['alice'], 'unknownKey: 1\n');
    expect(team()).toEqual([]);
    rmSync(file);
    expect(team()).toEqual([]);
    writeConfig(['carol']);
    expect(team().map((m) => m.name)).toEqual(['carol']);
  });
});
