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
    expect(tidyName('the Nix\ndaemon')).toBe('the Nix daemon');
  });

  it('keeps names whose words only look generic or repeated: a capitalised "Application", an "@" inside a name, "Tiny Tiny RSS"', () => {
    expect(tidyName('Oracle Application')).toBe('Oracle Application');
    expect(tidyName('Mobile Software')).toBe('Mobile Software');
    expect(tidyName('user@example')).toBe('user@example');
    expect(tidyName('Duran Duran Fan Club')).toBe('Duran Duran Fan Club');
    expect(tidyName('Tiny Tiny RSS')).toBe('Tiny Tiny RSS');
  });

  it('reads the product of a report whose prose calls it "the libvorbis package" as libvorbis', () => {
    const text = 'A heap buffer overflow was found in the libvorbis package 1.3.5 when decoding a crafted file.';
    expect(extractReport({ text, subject: null }).fields.component?.value).toBe('libvorbis');
  });
});
