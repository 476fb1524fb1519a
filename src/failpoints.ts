/**
 * Fault injection for crash tests: when SECTRIAGE_FAILPOINTS names a point
 * (comma-separated), the process kills itself with SIGKILL there, the way a power
 * cut or the OOM killer would. Inert unless that variable is set; operators never
 * set it. The points sit exactly in the windows the delivery guarantees are about.
 */

export type FailPoint = 'after-spool-commit' | 'after-case-commit' | 'after-smtp-354' | 'after-smtp-accept' | 'after-sealing-key-file' | 'after-sealing-rewrap';

export function failpoint(name: FailPoint): void {
  const set = process.env.SECTRIAGE_FAILPOINTS;
  if (set && set.split(',').includes(name)) process.kill(process.pid, 'SIGKILL');
}
