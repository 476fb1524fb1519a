/**
 * `sectriage audit verify` (the hash-chained event log is whole, and extends a head kept
 * elsewhere) and `audit head` (that head, optionally as a checkpoint signed by the team
 * key). Each exits 0 only when all is well; a failure says what to do. Input: the
 * operator's --head text, parsed in cases/store/audit-head.ts.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { auditHead, checkExtendsHead, formatAuditHead, parseAuditHead, type AuditHead } from '../cases/store/audit-head.js';
import { eventSummary, verifyEventChain } from '../cases/store/event-log.js';
import { loadConfig } from '../config/load.js';
import { openDatabaseReadOnly, openFileReadOnly } from '../db/open.js';
import { keyFileFor } from '../seal/kek-file.js';
import { SectriageError } from '../errors.js';
import { createLogger } from '../log.js';
import { loadTeamKeys } from '../open/team-keys.js';
import { signedCheckpoint } from '../ops/checkpoint.js';
import { DEFAULT_CONFIG, out } from './common.js';

/**
 * The sealing key of a database file named by --database: a key file beside it (a copy
 * restored with its key), else the configured database's (a backup of this host).
 */
function backupKeyFile(file: string, config: string): string {
  const beside = keyFileFor(file);
  if (existsSync(beside)) return beside;
  try {
    return keyFileFor(loadConfig(config).database);
  } catch {
    return beside;
  }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('check the event log, and the head that proves it was not rewritten');
  // A backup is sealed with the live database's key (backups never carry it): --sealing-key names another.
  const auditDb = (o: { config: string; database?: string; sealingKey?: string }) =>
    o.database ? openFileReadOnly(o.database, o.sealingKey ?? backupKeyFile(o.database, o.config)) : openDatabaseReadOnly(loadConfig(o.config).database);
  audit
    .command('head')
    .description('print the head of the event log (COUNT:HASH): keep it somewhere else; `audit verify --head` proves the log still extends it')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--database <file>', 'read this database file (a backup) instead of the configured one')
    .option('--sealing-key <file>', "the sealing key of --database (default: sealing.key beside it, else the configured database's)")
    .option('--json', 'print JSON')
    .option('--sign', 'print it as a checkpoint clear-signed by the team key (needs the key passphrase): anyone with the public key can check it')
    .action(async (o: { config: string; database?: string; sealingKey?: string; json?: boolean; sign?: boolean }) => {
      const db = auditDb(o);
      let head: AuditHead;
      try {
        head = auditHead(db);
      } finally {
        db.close();
      }
      if (o.sign) {
        const config = loadConfig(o.config);
        const keys = await loadTeamKeys(config.keys.teamPrivateKey, config.keys.passphrase, createLogger('silent'));
        out(await signedCheckpoint(head, keys.current, new Date()));
        return;
      }
      out(o.json ? JSON.stringify({ ...head, head: formatAuditHead(head) }) + '\n' : `${formatAuditHead(head)}\n`);
    });
  audit
    .command('verify')
    .description('walk the hash chain of the event log; exit 1 and name the first broken event if it was changed')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--database <file>', 'check this database file (a backup) instead of the configured one')
    .option('--sealing-key <file>', "the sealing key of --database (default: sealing.key beside it, else the configured database's)")
    .option('--head <COUNT:HASH>', 'also prove the log extends this head (from a digest or `audit head`): not rewritten, not cut short')
    .action((o: { config: string; database?: string; sealingKey?: string; head?: string }) => {
      const wanted = o.head === undefined ? undefined : parseAuditHead(o.head);
      const db = auditDb(o);
      try {
        const r = verifyEventChain(db);
        if (!r.ok) {
          const e = eventSummary(db, r.brokenAt);
          out(
            `event log BROKEN at event ${r.brokenAt}${e ? ` (${e.trackingId ?? '?'} ${e.at} ${e.actor} ${e.type})` : ''}: it, or the one before it, was changed or removed\n`,
          );
          throw new SectriageError('AUDIT_FAILED', `the event log was tampered with at event ${r.brokenAt}; restore a backup that verifies and compare`);
        }
        const head = auditHead(db);
        out(`event log intact: ${r.count} events, head ${formatAuditHead(head)}\n`);
        if (!wanted) return;
        // The chain alone cannot show a rewrite: whoever can write the file can recompute it. A head kept elsewhere can.
        const check = checkExtendsHead(db, wanted);
        if (check.ok) {
          out(`extends head ${formatAuditHead(wanted)}: the ${wanted.count} events it pins are unchanged, ${check.since} added since\n`);
          return;
        }
        const why =
          check.reason === 'shorter'
            ? `the log holds ${check.count} events, fewer than the ${wanted.count} the head counts: events were cut off`
            : check.reason === 'diverged'
              ? `event number ${wanted.count} now has hash ${check.found}: the log up to it was rewritten (and its chain recomputed)`
              : `the chain is broken at event ${check.brokenAt}`;
        out(`does NOT extend head ${formatAuditHead(wanted)}: ${why}\n`);
        throw new SectriageError('AUDIT_FAILED', `the event log does not extend the head ${formatAuditHead(wanted)}; restore a backup that does and compare`);
      } finally {
        db.close();
      }
    });
}
