// config/sectriage.example.yaml is the documentation of every key: it must parse, and
// it must mention every key the schema knows (so a new key cannot go undocumented).
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig } from '../src/config/load.js';
import { configSchema } from '../src/config/schema.js';
import { LIMITS } from '../src/limits.js';

const EXAMPLE = resolve(import.meta.dirname, '..', 'config', 'sectriage.example.yaml');

function schemaKeys(shape: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(shape)) {
    out.push(prefix + k);
    let inner = v as { def?: { innerType?: unknown; in?: unknown; type?: string }; shape?: Record<string, unknown> };
    for (let i = 0; i < 5 && inner && !inner.shape; i++) inner = (inner.def?.innerType ?? inner.def?.in) as typeof inner;
    if (inner?.shape) out.push(...schemaKeys(inner.shape, `${prefix}${k}.`));
  }
  return out;
}

describe('config/sectriage.example.yaml', () => {
  it('parses and validates with a credentials directory set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cred-'));
    for (const f of ['imap-pass', 'smtp-pass', 'key-passphrase']) writeFileSync(join(dir, f), 'x\n', { mode: 0o600 });
    const data = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
    const cfg = resolveConfig(EXAMPLE, data, { CREDENTIALS_DIRECTORY: dir });
    expect(cfg.imap?.pass.reveal()).toBe('x');
    expect(cfg.smtp.pass?.reveal()).toBe('x');
    expect(cfg.keys.passphrase?.reveal()).toBe('x');
    expect(cfg.limits).toEqual(LIMITS); // the documented numbers are the real defaults
  });

  it('documents every key of the schema', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const keys = schemaKeys(configSchema.shape as Record<string, unknown>);
    expect(keys.length).toBeGreaterThan(30);
    const missing = keys.filter((k) => !new RegExp(`^\\s*#?\\s*${k.split('.').pop()}:`, 'm').test(text));
    expect(missing).toEqual([]);
  });
});
