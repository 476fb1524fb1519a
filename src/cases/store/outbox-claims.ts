/**
 * Who may still be sending an outbox row: the claim (host:pid, and when) a sender
 * writes before it connects. A claim is alive when it is recent, and its process is
 * this host's and still running, or another host's (not ours to judge).
 */
import { hostname } from 'node:os';
import { DEFAULTS } from '../../limits.js';

/** This process's claim name. */
export const ME = `${hostname()}:${process.pid}`;

/** Whether the process that claimed a row may still be sending it (same host, alive, not stale). */
export function claimerAlive(claimedBy: string | null, claimedAt: string | null, now: Date): boolean {
  if (!claimedBy || !claimedAt) return false;
  const [host, pidText] = [claimedBy.slice(0, claimedBy.lastIndexOf(':')), claimedBy.slice(claimedBy.lastIndexOf(':') + 1)];
  // A claim older than any SMTP session can last is dead whoever holds the pid now.
  if (now.getTime() - Date.parse(claimedAt) > DEFAULTS.sendClaimLifetime) return false;
  // Another host's claim is not ours to judge (one host per database is the supported setup).
  if (host !== hostname()) return true;
  // Our own pid on a row at start-up can only be a previous process that had the same pid.
  if (Number(pidText) === process.pid) return false;
  try {
    process.kill(Number(pidText), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
