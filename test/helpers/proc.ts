// Process and port utilities shared by the test harness helpers: free-port picking,
// TCP readiness polling, pid liveness checks (zombie-aware) and a detached "reaper"
// watchdog that cleans up daemons (Dovecot, gpg-agent) if the test worker dies
// without calling stop()/cleanup().
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Picks a currently free TCP port on 127.0.0.1 by binding port 0 and closing again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('freePort: unexpected server address'));
        return;
      }
      const { port } = addr;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves once a TCP connection to host:port succeeds; rejects after timeoutMs. */
export async function waitForPort(host: string, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      await new Promise<void>((resolve, reject) => {
        const sock = net.connect({ host, port });
        sock.setTimeout(1000);
        sock.once('connect', () => {
          sock.destroy();
          resolve();
        });
        sock.once('timeout', () => {
          sock.destroy();
          reject(new Error('connect timeout'));
        });
        sock.once('error', (e) => {
          sock.destroy();
          reject(e);
        });
      });
      return;
    } catch (e) {
      lastErr = e;
      await sleep(50);
    }
  }
  throw new Error(`port ${host}:${port} did not accept connections within ${timeoutMs}ms: ${String(lastErr)}`);
}

/** True if pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(25);
  }
  return !isAlive(pid);
}

/** Children (by ppid) of pid, with their /proc comm name. */
export function childProcesses(ppid: number): Array<{ pid: number; comm: string }> {
  const out: Array<{ pid: number; comm: string }> = [];
  let entries: string[] = [];
  try {
    entries = readdirNumeric('/proc');
  } catch {
    return out;
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (Number(fields[1]) === ppid && fields[0] !== 'Z') out.push({ pid: Number(name), comm });
    } catch {
      // process went away
    }
  }
  return out;
}

function readdirNumeric(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^\d+$/.test(n));
}

/** Looks a binary up on PATH plus the sbin directories (root's PATH may lack them). */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const d of dirs) {
    const p = path.join(d, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Spawns a detached `sh` watchdog that waits for this Node process to exit and then runs
 * `cleanupScript` (shell). Call disarm() after a normal cleanup so it goes away.
 */
export function spawnReaper(cleanupScript: string): { disarm(): void } {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${cleanupScript}`;
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  let armed = true;
  return {
    disarm() {
      if (!armed) return;
      armed = false;
      if (child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Single-quotes a string for /bin/sh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
