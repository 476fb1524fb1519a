// The console serving TLS itself (web.certFile/keyFile): `sectriage web` answers over HTTPS
// with the certificate it was given (the client trusts only that one), sends the security
// headers, and does not answer plain HTTP on that port. The certificate is made by the
// openssl CLI for the test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, intakeEnv, type IntakeEnv } from './helpers/intake-env.js';
import { freePort, waitForPort } from './helpers/proc.js';

let env: IntakeEnv;
let web: ChildProcess;
let port: number;
let cert: Buffer;

function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca: cert, servername: 'localhost', headers: { Host: `localhost:${port}` } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  port = await freePort();
  env = await intakeEnv({
    extraConfig: `web:\n  listen: 127.0.0.1:${port}\n  publicUrl: https://localhost:${port}/\n  certFile: console.crt\n  keyFile: console.key\n`,
  });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(env.dir, 'console.key'),
      '-out',
      join(env.dir, 'console.crt'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(env.dir, 'console.crt'));
  web = spawn(process.execPath, [CLI, 'web', '--config', env.configPath], { env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  await waitForPort('127.0.0.1', port, 20_000);
}, 60_000);

afterAll(async () => {
  if (web && web.exitCode === null) {
    web.kill('SIGTERM');
    await new Promise((r) => web.once('exit', r));
  }
  await env?.close();
});

describe('web console over its own TLS', () => {
  it('answers over HTTPS with the configured certificate and the security headers', async () => {
    const r = await get('/login');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Mail me a login link');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    const home = await get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/login');
  });

  it('does not answer plain HTTP on the same port', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/login`)).rejects.toThrow();
  });
});
