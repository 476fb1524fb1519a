// Windows absolute paths as insecure-permissions and unquoted-service-path advisories name them, read off the tune
// part (batches 76-81: edb-48283, edb-48448, edb-48789, edb-49371, edb-50903): the install folder and the binary,
// quoted or not, folders with blanks. Not a prompt typed without its ">", a name cut at a blank, the system's folders,
// nor the account names of an ACL listing ("C:\bd BUILTIN\Administrators:(F)").
import { describe, expect, it } from 'vitest';
import { findLocations } from './locations.js';
import { windowsPaths } from './windows-paths.js';

const paths = (text: string): string[] => windowsPaths(text).map((p) => p.value);

describe('a Windows absolute path', () => {
  it('is the place, quoted or not, with blanks in its folders', () => {
    expect(paths('C:\\>icacls "C:\\Program Files (x86)\\Microvirt\\MEmu"')).toEqual(['C:\\Program Files (x86)\\Microvirt\\MEmu']);
    expect(paths('BINARY_PATH_NAME   : C:\\Program Files (x86)\\IObit\\IObit Uninstaller\\IUService.exe')).toEqual([
      'C:\\Program Files (x86)\\IObit\\IObit Uninstaller\\IUService.exe',
    ]);
    expect(paths('PS C:\\ProgramData\\SolarWinds MSP\\SolarWinds.MSP.CacheService\\config> dir')).toEqual([
      'C:\\ProgramData\\SolarWinds MSP\\SolarWinds.MSP.CacheService\\config',
    ]);
  });

  it('is not an ACL listing, a prompt, a cut name or a system folder', () => {
    expect(paths('C:\\bd BUILTIN\\Administrators:(OI)(CI)(F)')).toEqual([]);
    expect(paths('C:\\>cacls C:\\bd\\bd.exe\nC:\\bd\\bd.exe BUILTIN\\Administrators:(F)')).toEqual(['C:\\bd\\bd.exe', 'C:\\bd\\bd.exe']);
    expect(paths('D:\\icacls "Guild Wars 2"\nC:\\net user lowpriv Password123! /add')).toEqual([]);
    expect(paths('cd D:\\Guild Wars 2 and run it')).toEqual([]);
    expect(paths('C:\\Windows\\System32\\cmd.exe and C:\\Users\\bob\\Desktop\\poc.exe and C:\\>')).toEqual([]);
  });

  it('is found once among the places, and fast on a long run of folders', () => {
    expect(findLocations('Replace "C:\\Program Files\\Acme\\acme.exe" and restart C:\\Program Files\\Acme\\acme.exe.').map((l) => l.value)).toEqual([
      'C:\\Program Files\\Acme\\acme.exe',
    ]);
    const hostile = `C:\\${'a b\\'.repeat(30000)}`;
    const t = Date.now();
    windowsPaths(hostile);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
