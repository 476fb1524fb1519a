import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../test/helpers/thrown.js';
import { buildSecurityTxt, readExpires, signSecurityTxt } from './security-txt.js';

const base = {
  contact: ['mailto:security@example.com'],
  expires: new Date('2027-05-22T10:00:00.123Z'),
  encryption: ['openpgp4fpr:abcdef'],
  canonical: ['https://example.com/.well-known/security.txt'],
};

describe('security.txt (RFC 9116)', () => {
  it('writes every field in the RFC form, Expires in UTC without fractions', () => {
    const text = buildSecurityTxt({ ...base, policy: 'https://example.com/security', preferredLanguages: 'en, de' });
    expect(text).toBe(
      'Contact: mailto:security@example.com\nExpires: 2027-05-22T10:00:00Z\nEncryption: openpgp4fpr:abcdef\nPreferred-Languages: en, de\nCanonical: https://example.com/.well-known/security.txt\nPolicy: https://example.com/security\n',
    );
  });

  it('refuses plain-http web URIs and a file without Contact', () => {
    expect(thrown(() => buildSecurityTxt({ ...base, policy: 'http://example.com/security' }))?.message).toMatch(/policy: .* must use https:/);
    expect(thrown(() => buildSecurityTxt({ ...base, canonical: ['http://example.com/x'] }))?.message).toMatch(/canonical/);
    expect(thrown(() => buildSecurityTxt({ ...base, contact: [] }))?.message).toMatch(/Contact is required/);
    expect(thrown(() => buildSecurityTxt({ ...base, contact: ['security@example.com'] }))?.message).toMatch(/not a URI|must use/);
  });

  it('refuses a value that would inject a field of its own (a newline in a URI or the languages)', () => {
    expect(thrown(() => buildSecurityTxt({ ...base, policy: 'https://example.com/\nContact: mailto:evil@example.org' }))?.message).toMatch(
      /control characters/,
    );
    expect(thrown(() => buildSecurityTxt({ ...base, preferredLanguages: 'en\nContact: mailto:evil@example.org' }))?.message).toMatch(/language tags/);
  });

  it('signs as a cleartext message that verifies with the team public key, and reads Expires back', async () => {
    const { privateKey } = await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', userIDs: [{ email: 'security@example.com' }], format: 'object' });
    const signed = await signSecurityTxt(buildSecurityTxt(base), privateKey, new Date());
    expect(signed).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA\d+\n\nContact: mailto:/);
    const res = await openpgp.verify({ message: await openpgp.readCleartextMessage({ cleartextMessage: signed }), verificationKeys: privateKey.toPublic() });
    await expect(res.signatures[0]!.verified).resolves.toBe(true);
    expect(readExpires(signed)?.toISOString()).toBe('2027-05-22T10:00:00.000Z');
    expect(readExpires('Contact: mailto:x@example.com\n')).toBeUndefined();
  });
});
