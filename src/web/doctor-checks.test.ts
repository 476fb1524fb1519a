import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/load.js';
import { checkWebSettings } from './doctor-checks.js';

function checks(
  web: Record<string, unknown>,
  team = [
    { name: 'alice', email: 'alice@example.com', publicKey: 'a.asc' },
    { name: 'bob', email: 'bob@example.com' },
  ],
) {
  const config = resolveConfig('/etc/sectriage/sectriage.yaml', {
    smtp: { from: 'security@example.com', pickupDir: 'out' },
    keys: { teamPrivateKey: 'team.asc' },
    team,
    web,
  });
  const out: Array<{ name: string; status: string; detail: string }> = [];
  checkWebSettings(
    config,
    (name, detail) => out.push({ name, status: 'ok', detail }),
    (name, detail) => out.push({ name, status: 'warn', detail }),
    (name, detail) => out.push({ name, status: 'fail', detail }),
  );
  return Object.fromEntries(out.map((c) => [c.name, c]));
}

describe('doctor: web settings', () => {
  it('is content with the loopback default, and names members who cannot log in', () => {
    const c = checks({});
    expect(c['web: listen']!.status).toBe('ok');
    expect(c['web: public URL']!.status).toBe('ok');
    expect(c['web: members']).toMatchObject({ status: 'warn' });
    expect(c['web: members']!.detail).toContain('bob');
  });
  it('warns of plain HTTP beyond the host, a plain-HTTP public URL, and fails on unreadable TLS files', () => {
    expect(checks({ listen: '0.0.0.0:8420' })['web: listen']!.status).toBe('warn');
    expect(checks({ publicUrl: 'http://console.example.com/' })['web: public URL']!.status).toBe('warn');
    expect(checks({ publicUrl: 'https://console.example.com/' })['web: public URL']!.status).toBe('ok');
    const tls = checks({ listen: '0.0.0.0:8443', certFile: '/nonexistent/c.pem', keyFile: '/nonexistent/k.pem' });
    expect(tls['web: listen']!.status).toBe('ok');
    expect(tls['web: TLS certFile']!.status).toBe('fail');
  });
});
