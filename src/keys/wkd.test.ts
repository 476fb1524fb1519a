import { describe, expect, it } from 'vitest';
import { wkdDirectUrl, wkdHash, zbase32 } from './wkd.js';

describe('Web Key Directory names', () => {
  it('hashes the lower-cased local part (the value gpg-wks-client --print-wkd-hash prints)', () => {
    expect(wkdHash('security')).toBe('t5s8ztdbon8yzntexy6oz5y48etqsnbb');
    expect(wkdHash('Security')).toBe(wkdHash('security'));
  });

  it('encodes z-base-32 as RFC 6189 does', () => {
    expect(zbase32(new Uint8Array([0xf0, 0xbf, 0xc7]))).toBe('6n9hq');
    expect(zbase32(new Uint8Array([]))).toBe('');
  });

  it('builds the direct-layout URL a client asks', () => {
    expect(wkdDirectUrl('https://example.com', 'security@example.com')).toBe(
      'https://example.com/.well-known/openpgpkey/hu/t5s8ztdbon8yzntexy6oz5y48etqsnbb?l=security',
    );
  });
});
