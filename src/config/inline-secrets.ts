/**
 * Which secrets a config file holds inline (imap.pass rather than imap.passFile): doctor
 * fails such a file when others can read it. Reads the YAML only for the keys' presence;
 * never returns or logs a value. Input: the operator's config file.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** The secrets written in the config file itself (not in a file or the environment), by their keys. */
export function inlineSecrets(file: string): string[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const at = (o: unknown, k: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  return (
    [
      ['imap', 'pass'],
      ['smtp', 'pass'],
      ['keys', 'passphrase'],
      ['cve', 'apiKey'],
    ] as const
  )
    .filter(([section, key]) => typeof at(at(raw, section), key) === 'string')
    .map(([section, key]) => `${section}.${key}`);
}
