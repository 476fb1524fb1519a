/**
 * The team as the config file says now. The console checks every request against it, and
 * re-reads the file when its modification time or size changes, so a member removed from
 * the config loses access at their next request without a restart. A file that no longer
 * parses keeps nobody in (fail closed) until it is fixed, and the error is logged once.
 */
import { statSync } from 'node:fs';
import { loadConfig, type TeamMember } from '../config/load.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';

export function liveTeam(configFile: string, log: Logger): () => TeamMember[] {
  let stamp = '';
  let team: TeamMember[] = [];
  return () => {
    let now: string;
    try {
      const s = statSync(configFile);
      now = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch (e) {
      if (stamp !== 'gone') log.error({ err: describeError(e) }, 'console: the config file cannot be read: nobody may log in until it is back');
      stamp = 'gone';
      return [];
    }
    if (now !== stamp) {
      stamp = now;
      try {
        team = loadConfig(configFile).team;
      } catch (e) {
        log.error({ err: describeError(e) }, 'console: the config file no longer loads: nobody may log in until it is fixed');
        team = [];
      }
    }
    return team;
  };
}
