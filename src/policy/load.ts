/**
 * Loads a policy by preset name (config/policies/NAME.yaml) or by path, and
 * computes the dates it promises for a report received at a given instant.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { SectriageError } from '../errors.js';
import { addDuration, parseDuration } from './duration.js';
import { MILESTONES, policySchema, type DeadlineName, type MilestoneName, type Policy } from './schema.js';

export const PRESETS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'policies');

export function loadPolicy(nameOrPath: string, configDir = process.cwd()): Policy {
  const isPreset = /^[a-z0-9][a-z0-9-]*$/.test(nameOrPath);
  const file = isPreset ? join(PRESETS_DIR, `${nameOrPath}.yaml`) : isAbsolute(nameOrPath) ? nameOrPath : resolve(configDir, nameOrPath);
  if (!existsSync(file)) {
    throw new SectriageError('CONFIG_INVALID', `policy "${nameOrPath}": no such ${isPreset ? `preset (have: ${listPresets().join(', ')})` : 'file'}`);
  }
  // Once per policy file: zod's compiled fast path would cost more to build than it saves (config/load.ts).
  const parsed = policySchema.safeParse(parseYaml(readFileSync(file, 'utf8')), { jitless: true });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new SectriageError('CONFIG_INVALID', `invalid policy ${file}:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** The preset names: the policy files shipped in config/policies/. */
export function listPresets(): string[] {
  return readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A date a policy promises a reporter, for the acknowledgement. */
export interface PromisedDate {
  milestone: MilestoneName;
  due: Date;
  text: string;
}

const LABELS: Record<DeadlineName, string> = {
  acknowledge: 'Acknowledgement',
  firstResponse: 'First response from the team',
  statusUpdate: 'Status updates',
  resolution: 'Resolution target',
  disclosure: 'Public disclosure (at the latest)',
  cra_early_warning: 'CRA early warning (24 h)',
  cra_notification: 'CRA vulnerability notification (72 h)',
  cra_final_report: 'CRA final report (14 days after the fix)',
};

/** The dated promises of a policy for a report received at `receivedAt`, for the acknowledgement. */
export function promisedDates(policy: Policy, receivedAt: Date): PromisedDate[] {
  const out: PromisedDate[] = [];
  for (const name of MILESTONES) {
    const m = policy.milestones[name];
    if (!m?.within) continue;
    out.push({ milestone: name, due: addDuration(receivedAt, parseDuration(m.within), policy.businessCalendar), text: LABELS[name] });
  }
  return out;
}

export function milestoneLabel(name: DeadlineName): string {
  return LABELS[name];
}

/**
 * The policy a case was opened under, by its recorded name, cached: cases keep their
 * policy when the config changes. A name that no longer loads (a custom file moved)
 * falls back to the configured policy, reported once through `onFallback`.
 */
export function policyResolver(configured: Policy, configDir: string, onFallback: (name: string, err: Error) => void = () => {}): (name: string) => Policy {
  const cache = new Map<string, Policy>([[configured.name, configured]]);
  return (name) => {
    let p = cache.get(name);
    if (!p) {
      try {
        p = loadPolicy(name, configDir);
      } catch (e) {
        onFallback(name, e as Error);
        p = configured;
      }
      cache.set(name, p);
    }
    return p;
  };
}
