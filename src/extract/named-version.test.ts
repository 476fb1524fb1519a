// The version a report writes beside the product's name, when no sentence says which versions are affected; not the
// version a line gives as the fix or the release to update to, nor an address.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { versionBesideName } from './named-version.js';

describe('the version beside the name', () => {
  it('reads "name@4.6.0", "name 1.3.0", "name v20.2.0", "name (10.18.4)" and "name version 2.1"', () => {
    expect(versionBesideName('I found a way to crash a fastify@4.6.0 server.', 'fastify')?.value).toBe('4.6.0');
    expect(versionBesideName("import { Hono } from 'https://deno.land/x/hono@v4.2.6/mod.ts'", 'Hono')?.value).toBe('4.2.6');
    expect(versionBesideName('# kredis 1.3.0 install', 'kredis')?.value).toBe('1.3.0');
    expect(versionBesideName('Install the latest MetaMask Chrome Extension (10.18.4).', 'MetaMask Chrome Extension')?.value).toBe('10.18.4');
    expect(versionBesideName('Tested with Acme version 2.1 on Linux.', 'Acme')?.value).toBe('2.1');
  });

  it('skips a fix, a release to update to and an address, and takes the next mention', () => {
    expect(versionBesideName('- **Formwork 1.13.1** has been released with a patch that solves this.', 'Formwork')).toBeUndefined();
    expect(versionBesideName('### Remediation\n* protobuf-java (3.25.5, 4.27.5)\n', 'protobuf-java')).toBeUndefined();
    expect(versionBesideName('The vulnerability has been fixed in Sourcegraph v3.14.4.\n\nSourcegraph 3.14.2 runs here.', 'Sourcegraph')?.value).toBe('3.14.2');
    expect(versionBesideName('ssh acme@10.0.0.1', 'acme')).toBeUndefined();
    expect(versionBesideName('acmetool 2.0 is unrelated', 'acme')).toBeUndefined();
  });

  it('gives the affected version when no sentence names one', () => {
    const f = extractedFields('I found a way to crash a fastify@4.6.0 server with a single query.', 'Denial of service in Fastify');
    expect(f.affectedVersions).toBe('4.6.0');
  });
});
