// A component's name as a triager writes it, whichever reader found it.
import { describe, expect, it } from 'vitest';
import { tidyName } from './component-name.js';
import { extractReport } from './extract.js';

describe('a component name tidied', () => {
  it('drops a version written on to a package, a name said twice, a lower-case generic word after it and a joiner left by a version', () => {
    expect(tidyName('shellwords@1.1.1')).toBe('shellwords');
    expect(tidyName('@scope/pkg@v2.0.0-rc.1')).toBe('@scope/pkg');
    expect(tidyName('SugarCRM SugarCRM')).toBe('SugarCRM');
    expect(tidyName('Seagate Media Server application')).toBe('Seagate Media Server');
    expect(tidyName('libvorbis package')).toBe('libvorbis');
    expect(tidyName('phpMyAdmin 3.5.8 and')).toBe('phpMyAdmin');
    expect(tidyName('lodash.set@')).toBe('lodash.set');
    expect(tidyName('notable desktop application')).toBe('notable');
    expect(tidyName('the Nix\ndaemon')).toBe('the Nix daemon');
  });

  it('keeps names whose words only look generic or repeated: a capitalised "Application", "Tiny Tiny RSS", "Talk Talk"', () => {
    expect(tidyName('Oracle Application')).toBe('Oracle Application');
    expect(tidyName('Mobile Software')).toBe('Mobile Software');
    expect(tidyName('Tiny Tiny RSS')).toBe('Tiny Tiny RSS');
    expect(tidyName('Talk Talk')).toBe('Talk Talk');
    expect(tidyName('Acme Mobile App')).toBe('Acme Mobile App');
  });

  it('reads the product of a report whose prose calls it "the libvorbis package" as libvorbis', () => {
    const text = 'A heap buffer overflow was found in the libvorbis package 1.3.5 when decoding a crafted file.';
    expect(extractReport({ text, subject: null }).fields.component?.value).toBe('libvorbis');
  });
});
