import { expect, it } from 'vitest';
import { DEFAULTS } from '../limits.js';
import { createTransport, isLoopback, smtpError } from './transport.js';

it('treats only loopback relays as safe for plain SMTP (everything else must use TLS)', () => {
  for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(h)).toBe(true);
  for (const h of ['smtp.example.com', '10.0.0.1', '192.168.1.1', '127.example.com', 'localhost.example.com', '::2']) expect(isLoopback(h)).toBe(false);
});

it('classifies 4xx and network errors as temporary and 5xx as permanent (RFC 5321 §4.2.1)', () => {
  expect(smtpError({ responseCode: 451, message: 'try later' }).temporary).toBe(true);
  expect(smtpError({ code: 'ECONNREFUSED', message: 'refused' }).temporary).toBe(true);
  const perm = smtpError({ responseCode: 550, message: 'no such user' });
  expect(perm.temporary).toBe(false);
  expect(perm.code).toBe('SMTP_PERMANENT');
});

it('sends a burst over several sessions only to a loopback relay, unless the config says how many', () => {
  const smtp = { from: 's@example.com', port: 25, secure: false, tlsRejectUnauthorized: true };
  expect(createTransport({ ...smtp, host: '127.0.0.1' }, 'example.com').sessions).toBe(DEFAULTS.smtpSessions);
  // A remote relay may allow one connection per client: a refused second one would defer its mail.
  expect(createTransport({ ...smtp, host: 'smtp.example.com' }, 'example.com').sessions).toBe(1);
  expect(createTransport({ ...smtp, host: 'smtp.example.com', sessions: 3 }, 'example.com').sessions).toBe(3);
  expect(createTransport({ ...smtp, pickupDir: '/tmp/nowhere' }, 'example.com').sessions).toBe(1);
});
