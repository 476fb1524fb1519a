import { describe, expect, it } from 'vitest';
import { webSchema } from '../config/web-schema.js';
import { clientAddress } from './client-address.js';

describe('the client address behind a reverse proxy', () => {
  it('takes the address a trusted proxy forwarded, so one stranger does not use up the login limit of the whole team', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', ['127.0.0.1'])).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy (it would pick its own address)', () => {
    expect(clientAddress('198.51.100.9', '203.0.113.7', ['127.0.0.1'])).toBe('198.51.100.9');
  });

  it('reads from the right: an address the client prepended is not believed', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientAddress('127.0.0.1', '1.2.3.4, 203.0.113.7', ['127.0.0.1'])).toBe('203.0.113.7');
  });

  it('skips every trusted hop of a chain of proxies', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7, 10.0.0.2', ['127.0.0.1', '10.0.0.2'])).toBe('203.0.113.7');
  });

  it('keeps the proxy address when the forwarded hop is not an IP address', () => {
    expect(clientAddress('127.0.0.1', 'unknown', ['127.0.0.1'])).toBe('127.0.0.1');
  });

  it('reads an IPv4-mapped socket address as the IPv4 address a config names', () => {
    expect(clientAddress('::ffff:127.0.0.1', '2001:db8::5', ['127.0.0.1'])).toBe('2001:db8::5');
  });

  it('without trusted proxies is the socket address, as before', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', [])).toBe('127.0.0.1');
  });
});

describe('web.trustProxy in the config', () => {
  it('takes IP addresses and refuses anything else, so a typo does not silently trust nobody', () => {
    expect(webSchema.parse({ trustProxy: ['127.0.0.1', '::1'] }).trustProxy).toEqual(['127.0.0.1', '::1']);
    expect(webSchema.parse({}).trustProxy).toEqual([]);
    expect(() => webSchema.parse({ trustProxy: ['nginx.local'] })).toThrow(/an IP address/);
  });
});
