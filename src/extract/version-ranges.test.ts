import { describe, expect, it } from 'vitest';
import { versionTokens } from './prose.js';
import { subjectVersions, versionRanges } from './version-ranges.js';

describe('affected versions as a triager writes them', () => {
  it('reads ranges, not sentences', () => {
    expect(versionRanges('All versions before 2.3.1 are affected.')).toEqual(['< 2.3.1']);
    expect(versionRanges('3.1.20 and earlier are vulnerable')).toEqual(['<= 3.1.20']);
    expect(versionRanges('from 4.0 up to 4.2.7')).toEqual(['4.0 - 4.2.7']);
    expect(versionRanges('2.x & 3.x & 4.x')).toEqual(['2.x', '3.x', '4.x']);
    expect(versionRanges('tested on version r1295')).toEqual(['r1295']);
  });

  it('never takes the fixed version as an affected one', () => {
    expect(versionRanges('The bug is fixed in 3.1.21 but 3.1.20 and earlier are affected.')).toEqual(['<= 3.1.20']);
    expect(versionRanges('upgrade to 5.0.1')).toEqual([]);
  });

  it('leaves a platform version out', () => {
    expect(versionRanges('Acme 1.4.2 on PHP 8.1, CVSS 3.1 score')).toEqual(['1.4.2']);
  });

  it('finds versions in a subject, through a product-version dash and a typo comma', () => {
    expect(subjectVersions('Stored XSS in acme-cms-2.5.10')).toEqual(['2.5.10']);
    expect(subjectVersions('Widget 3.5.3, 3,5.4 SQLi')).toEqual(['3.5.3', '3.5.4']);
  });

  it('reads a Debian or Ubuntu package version whole, not a unit after a number', () => {
    expect(versionTokens('<= usb-creator 0.2.62ubuntu0.2 (Patched in: 0.2.62ubuntu0.3)')).toEqual(['0.2.62ubuntu0.2', '0.2.62ubuntu0.3']);
    expect(versionTokens('1.12.2-1ubuntu1.1, 2.0.0beta1, 8.0B')).toEqual(['1.12.2-1ubuntu1.1', '2.0.0beta1', '8.0b']);
    expect(versionTokens('the request took 4.6.2ms')).toEqual([]);
  });

  it("reads a kernel's range as the product's, not a platform's, and a dated header as no version", () => {
    expect(versionRanges('# Version: Linux kernel <= 4.6.2')).toEqual(['<= 4.6.2']);
    expect(versionRanges('tested on Linux kernel 5.10')).toEqual([]);
    expect(versionRanges('# Date: 2016.10.8')).toEqual([]);
    // CalVer elsewhere stays a version.
    expect(versionRanges('certifi 2023.7.22 is affected')).toEqual(['2023.7.22']);
  });

  it("reads 'and probably below', 'prior and including' and OpenSSH's 'p2' as a triager writes them", () => {
    expect(versionRanges('vulnerable version: 15.1 (and probably below)')).toEqual(['<= 15.1']);
    expect(versionRanges('Versions prior and including 3.1 of Pandora FMS are affected')).toEqual(['<= 3.1']);
    expect(versionRanges('This issue was tested on : opensshd-7.2p2')).toEqual(['7.2p2']);
  });

  it("does not read a distribution's release in brackets after its code name as the product's version", () => {
    expect(versionRanges('Ubuntu Utopic  (14.10) <= usb-creator 0.2.62ubuntu0.2')).toEqual(['0.2.62ubuntu0.2']);
  });

  it('reads a range in words, versions in backticks, and not the version a patch was released in', () => {
    expect(versionRanges('Versions greater than or equal to `1.37.0` and less than `1.41.3` are affected.')).toEqual(['>= 1.37.0', '< 1.41.3']);
    expect(versionRanges('*   The patch was officially released in `v1.7.5`.')).toEqual([]);
    expect(versionRanges('Every release newer than 2.1 is affected.')).toEqual(['> 2.1']);
  });
});
