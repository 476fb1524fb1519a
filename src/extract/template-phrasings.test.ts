// Reports written in GitHub's private vulnerability reporting template ("### Summary",
// "### Details", "### PoC", "### Impact"; the seventh corpus batch) that the extractor
// misread: a Summary that is a description taken for the title, links to the project's
// repository and its registry page taken for places, a product the Subject names in lower
// case, and a class the dictionary lacked. Each value is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

const fields = extractedFields;

describe('a report in the advisory template', () => {
  it('takes the Subject for the title when the Summary opens with a description; a short Summary line still titles it', () => {
    const text =
      '### Summary\nImproperly configuring static resource resolution in aiohttp when used as a web server can result in the unauthorized reading of arbitrary files on the system.\n\n### Details\nWith follow_symlinks=True there is no check.';
    expect(fields(text, 'aiohttp is vulnerable to directory traversal').title).toBe('aiohttp is vulnerable to directory traversal');
    expect(fields('Summary: LDAP injection in the user search of Wikimate.\n\nThe filter is concatenated.', 'LDAP injection').title).toBe(
      'LDAP injection in the user search of Wikimate.',
    );
  });

  it('takes the Subject for the title when the Summary says the flaw is there ("… exists in Qwik …", "… are vulnerable to XSS …")', () => {
    const qwik = '### Summary\nA potential mXSS vulnerability exists in Qwik for versions up to 1.6.0.\n\n### Details\nQwik does not escape attribute values.';
    expect(fields(qwik, 'Qwik has a potential mXSS vulnerability due to improper HTML escaping').title).toBe(
      'Qwik has a potential mXSS vulnerability due to improper HTML escaping',
    );
    const avo = '### Summary\nSome avo fields are vulnerable to XSS when rendering html based content.\n\n### Details\nThe trix field renders html.';
    expect(fields(avo, 'avo vulnerable to Stored XSS in html content based fields').title).toBe('avo vulnerable to Stored XSS in html content based fields');
    // A Subject that does not title the same flaw better leaves the Summary sentence.
    const blog = '### Summary\nA stored XSS vulnerability exists in the comment form of Acme Blog 2.3.\n\n### Details\nThe body is not escaped.';
    for (const subject of ['Security vulnerability found on your website', 'Report #4521', 'CVE-2024-12345', 'Acme Blog', 'Hi there, hope you are well'])
      expect(fields(blog, subject).title, subject).toBe('A stored XSS vulnerability exists in the comment form of Acme Blog 2.3.');
    // A Summary line that names the flaw as a title does stays.
    expect(fields('### Summary\nStored XSS in the avo trix field.\n\n### Details\nIt renders html.', 'avo: an issue').title).toBe(
      'Stored XSS in the avo trix field.',
    );
  });

  it('reads the fixed version given in code marks and where the patches are included; not a version something is fixed (pinned) to, nor an address a name resolves to', () => {
    expect(fields('### Patches\nThe vulnerability has been patched in Fides version `2.44.0`. Users are advised to upgrade.').fixedVersion).toBe('2.44.0');
    // "fixed to" is as often "pinned to"; patches in the reporter's notes or another package's are no release with the fix.
    expect(fields('The bundled lodash is fixed to 4.17.15 in package-lock.json, which is vulnerable.').fixedVersion).toBeUndefined();
    expect(fields('The listen address is fixed to 0.0.0.0 by default.').fixedVersion).toBeUndefined();
    expect(fields('Suggested patches are included in my notes for version 3.0.1, the release I tested.').fixedVersion).toBeUndefined();
    expect(fields('A patch is included in Debian 12.5 for the older package, but upstream 3.0.1 is still affected.').fixedVersion).toBeUndefined();
    expect(fields('### Patches\nThe patches are included in OpenSearch 2.14\n').fixedVersion).toBe('2.14');
    expect(fields('The host make-1.2.3.4-rebind resolved to 190.119.176.200 on the second query.').fixedVersion).toBeUndefined();
  });

  it('reads the impact a report gives as what the flaw can be exploited to do or what it leads to consuming', () => {
    const exploited = 'This can be exploited to disclose the contents of arbitrary and sensitive files via directory traversal attacks.';
    expect(fields(`Hello,\n\nA bug in Foo 1.2.\n\n${exploited}\n`).impact).toBe(exploited);
    const enumerate = 'This difference could be used to perform username enumeration.';
    expect(fields(`### Summary\nWeak passwords are told apart.\n\n${enumerate}\n`).impact).toBe(enumerate);
    const cpu = 'This might lead to consuming large amounts of CPU time for processing requests.';
    expect(fields(`### Summary\nThe multipart parser has no limit.\n\n${cpu}\n`).impact).toBe(cpu);
    // Used to do something harmless is no impact.
    expect(fields('Hello,\n\nA bug in Foo 1.2.\n\nThis option can be used to perform a backup.\n').impact).toBeUndefined();
  });

  it("takes the link a report labels as its exploit for the PoC, not an archive's page or a recording", () => {
    expect(fields('### Details\nPlease see [the PoC repo](https://github.com/tangent65536/Slivjacker).\n').poc).toBe(
      'https://github.com/tangent65536/Slivjacker',
    );
    expect(fields('Full description: http://blog.example.net/?p=1630\nExploit github repo: https://github.com/rwfpl/rewolf-msi-exploit\n').poc).toBe(
      'https://github.com/rwfpl/rewolf-msi-exploit',
    );
    // Not a link near the word: an author's profile, a product's repository after "PoC available on request", a source line, a picture.
    expect(fields('# Exploit Author: https://github.com/janedoe\n').poc).toBeUndefined();
    expect(fields('PoC available on request. Product repository:\n\nhttps://github.com/acme/portal\n').poc).toBeUndefined();
    expect(fields('- [Exploit, Third Party Advisory](https://www.openwall.com/lists/oss-security/2024/01/01/1)\n').poc).toBeUndefined();
    expect(fields('PoC screenshot: https://i.imgur.com/x.png\n').poc).toBeUndefined();
    expect(fields('The exploit is archived here: https://www.exploit-db.com/exploits/40426\n').poc).toBeUndefined();
    expect(fields('You can watch the exploit run in this video:\n\nhttps://youtu.be/abc\n').poc).toBeUndefined();
  });

  it("takes no mitigation from the writer's word to a reader who may skip a section, and no branch from 'a branch from the base repository'", () => {
    const text =
      'Before showing the vulnerable regex, it may help to show some examples. If you are familiar with this vulnerability and how to fix it, please skip this section.\n\nThe script checks out a branch from the base repository named as the branch from the PR.';
    expect(fields(text).mitigation).toBeUndefined();
    expect(fields(text).branch).toBeUndefined();
  });

  it("reads a workflow that runs a fork's untrusted code as code execution, not a report that only checks untrusted code out", () => {
    expect(fields('### Issue: Untrusted code is explicitly checked out and run on a Pull Request from a fork').vulnType).toBe('remote code execution');
    expect(fields('The action checks out untrusted code but never runs it; only a linter reads the files.').vulnType).toBeUndefined();
  });

  it('reads the steps of a list spaced by blank lines as one run, and stops at the paragraph after it', () => {
    const text =
      '### Poc\n\n- Go to this demo page I made.\n\n- Enter some (fake) email, and then copy-paste the below string as the Website.\n\n- Press Submit and watch the page hang.\n\nThis issue may lead to a denial of service.';
    expect(fields(text).steps).toBe(
      '- Go to this demo page I made.\n\n- Enter some (fake) email, and then copy-paste the below string as the Website.\n\n- Press Submit and watch the page hang.',
    );
  });

  it("names no place with a link to the project's repository or its registry page", () => {
    const text =
      'The flaw affects all versions published from the [Hyperledger Ursa](https://github.com/hyperledger-archives/ursa) repository to the [Ursa Rust Crate](https://crates.io/crates/ursa), see also https://pypi.org/project/ursa/ and https://www.npmjs.com/package/ursa.';
    expect(fields(text).locations).toBeUndefined();
  });

  it('takes the lower-case name a Subject puts the flaw in when the report links into that repository, and not the "in" of "built-in"', () => {
    const text =
      '`concat` can write over the bounds of the buffer that was allocated for it. The build_IR does not adhere to the API of copy functions: https://github.com/vyperlang/vyper/blob/3b310d5292c4d1448e673d7b3adb223f9353260e/vyper/builtins/functions.py#L534';
    expect(fields(text, 'concat built-in can corrupt memory in vyper').component).toBe('vyper');
    // Without the link, a lower-case word is not taken for a product.
    expect(fields('The buffer is too small.', 'concat built-in can corrupt memory in vyper').component).toBeUndefined();
  });

  it('types a formula in an exported spreadsheet as CSV injection, its cause, not the code execution it may lead to', () => {
    const f = fields("An attacker enters =cmd|' /C calc'!A0 in a field; a user who exports the CSV and opens it can get RCE.", 'C5 Firefly III CSV Injection.');
    expect(f.vulnType).toBe('csv injection');
    expect(fields('Formula injection in the report export.').vulnType).toBe('csv injection');
  });

  it('names the product an advisory Subject says is vulnerable, or whose page allows something, not "the server"', () => {
    expect(fields('See below.', 'Rack vulnerable to ReDoS in content type parsing (2nd degree polynomial)').component).toBe('Rack');
    expect(fields('See below.', 'Label Studio vulnerable to Cross-site Scripting if `<Choices>` are used').component).toBe('Label Studio');
    expect(fields('See below.', 'aiohttp is vulnerable to directory traversal').component).toBe('aiohttp');
    expect(fields('See below.', 'phpMyFAQ User Removal Page Allows Spoofing Of User Details').component).toBe('phpMyFAQ');
    expect(fields('See below.', 'The server is vulnerable to request smuggling').component).toBeUndefined();
    expect(fields('See below.', 'User Removal Page Allows Spoofing').component).toBeUndefined();
  });

  it('takes no title from a Summary that opens with code', () => {
    const text = '### Summary\n\n```ruby\nSPLIT_PATTERN = %r{\\s*[;,]\\s*}\n```\nThe above regexp is subject to ReDoS.';
    expect(fields(text, 'Rack vulnerable to ReDoS in content type parsing').title).toBe('Rack vulnerable to ReDoS in content type parsing');
  });

  it('reads an Impact section that names an outcome as the impact, leaving the type to the title', () => {
    const f = fields(
      '### Summary\nA potential heap overflow in the parser.\n\n### Impact\nArbitrary code execution.',
      'eza Potential Heap Overflow Vulnerability for AArch64',
    );
    expect(f.vulnType).toBe('buffer overflow');
    expect(f.impact).toBe('Arbitrary code execution.');
    expect(fields('### Impact\nXSS\n\n### Details\nThe name is echoed.').vulnType).toBe('cross-site scripting');
  });

  it("takes no PoC from a PoC section that only points to a blog post or a report elsewhere; an attached file's name stays", () => {
    expect(
      fields("### PoC\nFor more information check @CuB3y0nd's blogpost [blog](https://www.cubeyond.net/blog/eza-cve-report).\n\n### Impact\nCrash.").poc,
    ).toBeUndefined();
    expect(fields('### PoC\nSee the attached saml-xxe.xml.\n').poc).toBe('See the attached saml-xxe.xml.');
    expect(fields('The tab (https://labelstud.io/_astro/images-tab.64279c16_ZaBSvC.avif) shows the label config.').locations).toBeUndefined();
  });

  it('types what an outcome is reached through by its cause: the flaw, not what it gives', () => {
    expect(fields('See below.', 'Authentication bypass via Cross site request forgery').vulnType).toBe('cross-site request forgery');
    expect(fields('See below.', 'Information disclosure through path traversal in the export').vulnType).toBe('path traversal');
    expect(fields('See below.', 'Authentication bypass in the admin login').vulnType).toBe('authentication bypass');
    expect(fields('See https://argo-cd.readthedocs.io/en/stable/security_considerations for the rate limits.').locations).toBeUndefined();
  });
  it('reads the class a title gives as sensitive values written to a log, a fast hash for passwords or a cryptographic flaw, not a body that names them in passing', () => {
    expect(
      fields('The output values were shown at info level.', 'Sensitive Terraform Output Values Printed At Info Logging Level In Kitchen-Terraform').vulnType,
    ).toBe('information disclosure');
    expect(fields('The app uses sha-256 as the hash for passwords.', 'Dozzle uses unsafe hash for passwords').vulnType).toBe('cryptographic weakness');
    expect(fields('See the PoC repo.', 'Sliver vulnerable to MitM attack against implants due to a cryptography vulnerability').vulnType).toBe(
      'cryptographic weakness',
    );
    // In passing, beside the report's own class.
    expect(
      fields('Note: sensitive values in the output printed below have been redacted.\nThe image proxy fetches any URL: an SSRF into the internal network.')
        .vulnType,
    ).toBe('server-side request forgery');
    expect(fields('Besides using an unsafe hash for passwords (MD5), the login form is vulnerable to SQL injection.').vulnType).toBe('sql injection');
    expect(fields('The reset endpoint skips the token check.', 'This is not a cryptographic vulnerability: authentication bypass in reset').vulnType).toBe(
      'authentication bypass',
    );
  });
});

describe('numbered steps with screenshots and files between them', () => {
  it('reads the steps past the pictures and the file between two items, but only their own lines', () => {
    const text = [
      '### PoC',
      '',
      '1. Create a project.',
      '![Create a project](https://github.com/acme/app/assets/1/9b15.png)',
      '',
      '2. Upload a file containing the payload using the "Upload Files" function.',
      '![2 upload](https://github.com/acme/app/assets/1/26bb.png)',
      '',
      'The following are the contents of the file used in the PoC',
      '```',
      '{"html": "<img src=x onload=alert(document.cookie)>"}',
      '```',
      '',
      '3. Select a task',
      '4. Check that the script is running',
    ].join('\n');
    expect(fields(text, 'XSS in the Choices tag').steps).toBe(
      '1. Create a project.\n2. Upload a file containing the payload using the "Upload Files" function.\n3. Select a task\n4. Check that the script is running',
    );
  });

  it('does not join the numbered headings of an advisory across their bodies', () => {
    const text = '1. Introduction\n\nThe client fetches images.\n\n2. Vulnerability details\n\nIt follows redirects.\n\n3. Credits\n\nFound by A. Person.';
    expect(fields(text, 'SSRF in the desktop client').steps).toBeUndefined();
  });

  it('titles a report by its Subject when the Summary opens with a sentence, but keeps a Summary that is a noun phrase', () => {
    const subject = 'Acme vulnerable to directory traversal in serveStatic';
    expect(fields('### Summary\n\nWhen using serveStatic with deno, it is possible to read main.ts.\n', subject).title).toBe(subject);
    expect(fields('### Summary\nThis is basically the earlier advisory but for enabling authentication.\n', subject).title).toBe(subject);
    expect(fields('Summary: LDAP injection in the user search of Wikimate when LDAP login is enabled.\n', 'Report').title).toBe(
      'LDAP injection in the user search of Wikimate when LDAP login is enabled.',
    );
  });

  it("names the product as the report spells a repository's name in prose, not as its slug", () => {
    const link = 'See [the earlier advisory](https://github.com/acme/status-board/security/advisories/GHSA-aaaa-bbbb-cccc).';
    expect(fields(`${link}\n\n- Open Status Board with authentication disabled\n`, 'Sessions survive').component).toBe('Status Board');
    expect(fields(`${link}\n\nSessions survive a password change.\n`, 'Sessions survive').component).toBe('status-board');
  });

  it("takes a package's name without its vendor from a Subject that says it is vulnerable, over a part named in prose", () => {
    const text = '### Details\nThe vulnerability lies in the run function within the toJpg.php file.\n';
    expect(fields(text, 'acme/imagekit vulnerable to Deserialization of Untrusted Data').component).toBe('imagekit');
  });

  it("takes the name before a Subject's colon as the product, but not a label or an identifier there", () => {
    const text = '### Summary\nThe absence of restrictions on the endpoint allows an attacker to change the files.\n';
    expect(fields(text, 'AcmeTransfer: File integrity violation').component).toBe('AcmeTransfer');
    expect(fields(text, 'Security: file integrity violation').component).not.toBe('Security');
    expect(fields(text, 'GHSL-2020-198: Path manipulation in acme-zip').component).not.toMatch(/GHSL/);
  });

  it('reads a sentence that opens with the set-up it holds for as the configuration', () => {
    expect(fields('### Summary\n\nWhen using serveStatic with deno, it is possible to read files above the root.\n').configuration).toBe(
      'When using serveStatic with deno, it is possible to read files above the root.',
    );
    expect(fields('When we tried it, the server crashed.').configuration).toBeUndefined();
  });

  it('reads "Enable …" as a step of a run of them', () => {
    const text =
      '### PoC\n- Open Acme with authentication disabled\n- Enable authentication using another window\n- Access the platform using the old window\n- Note that access remains\n';
    expect(fields(text, 'Sessions survive').steps).toBe(
      '- Open Acme with authentication disabled\n- Enable authentication using another window\n- Access the platform using the old window',
    );
  });

  it('titles by the Subject a Summary that says what can happen, but keeps "Title: what happens"', () => {
    const subject = 'acme/social may expose access_token in error message';
    expect(fields('### Summary\naccess_token can be exposed in error message on fail in HTTP request.\n', subject).title).toBe(subject);
    expect(fields('## Summary\nMissing authorization on the invoice export of Acme: any user can export invoices.\n', 'Acme export').title).toMatch(
      /^Missing authorization on the invoice export of Acme/,
    );
  });

  it('takes a PoC section that only offers its content for no PoC and no step', () => {
    const f = fields(
      '### Details\nThe token leaks into error messages.\n\n### PoC\nRequest me this section if you need complete instruction.\n\n### Impact\nTokens end up in logs.\n',
    );
    expect([f.poc, f.steps]).toEqual([undefined, undefined]);
    expect(fields('### PoC\nAvailable on request.\n').poc).toBeUndefined();
    expect(fields('### PoC\ncurl "http://localhost/?id=1 OR 1=1"\n').poc).toBe('curl "http://localhost/?id=1 OR 1=1"');
  });

  it("takes no token's value in a PoC script for the commit", () => {
    const script = '```bash\nBASE_URL=http://localhost:8084\nCSRF_TOKEN="bd89fd7ceb3b541dd63c200fd4fc8c8ea3cc1a05" # REPLACE THIS!\n```\n';
    expect(fields(script).commit).toBeUndefined();
    expect(fields('Tested on 0d4e8e0c1f2a3b4c5d6e7f8091a2b3c4d5e6f708 of main.').commit).toBe('0d4e8e0c1f2a3b4c5d6e7f8091a2b3c4d5e6f708');
  });

  it('reads "Acme 1.13.1 has been released with a patch" as the fixed version, not an affected one', () => {
    const f = fields(
      '### Patches\n- [**Acme 1.13.1**](https://github.com/acme/acme/releases/tag/1.13.1) has been released with a patch that solves this vulnerability.\n',
    );
    expect([f.fixedVersion, f.affectedVersions]).toEqual(['1.13.1', undefined]);
  });

  it('reads "Able to CSRF a user to log them out." as the impact', () => {
    expect(fields('Logout uses a GET request.\n\nAble to CSRF a user to log them out.\n').impact).toBe('Able to CSRF a user to log them out.');
  });

  it("takes a package's identifier that opens the Subject, then a verb, for the product", () => {
    const text = 'The argument is based on the assumption that this package can function as a service.';
    expect(fields(text, '@acme/url-to-png enables capture screenshot of localhost web services').component).toBe('@acme/url-to-png');
    expect(fields(text, 'github.com/acme/social may expose access_token in error message').component).toBe('github.com/acme/social');
    expect(fields(text, 'Sessions are not invalidated').component).not.toBe('assumption that this package');
  });

  it("names no class from a link's words: stackoverflow.com is no stack overflow", () => {
    const text = [
      '### Details',
      'SHA-256 is a message digest hash, and not classified as secure for password hashing. Refer to the links below:',
      '- https://stackoverflow.com/questions/11624372/best-practice-for-hashing-passwords-sha256-or-sha512',
      '- www.example.org/blog/sql-injection-primer',
    ].join('\n');
    expect(fields(text).vulnType).toBeUndefined();
    // The words beside the link still count.
    expect(fields(`${text}\nA stack overflow in the parser crashes it.`).vulnType).toBe('buffer overflow');
  });

  it('files a short "all versions" as written, but no sentence as the affected versions', () => {
    expect(fields('Affected versions: All versions\n').affectedVersions).toBe('All versions');
    const sentence = 'Affected versions: This issue affects all versions of both the Java full and lite Protobuf runtimes.\n';
    expect(fields(sentence).affectedVersions).toBeUndefined();
  });

  it('takes the Subject over a Summary line that opens in lower case and says what can happen', () => {
    const text = "### Summary\ntoo high p2c parameter in JWE's alg PBES2-* could lead to a DOS attack\n\n### Details\nThe p2c count is not bounded.";
    expect(fields(text, "lestrrat-go/jwx's malicious parameters in JWE can cause a DOS").title).toBe(
      "lestrrat-go/jwx's malicious parameters in JWE can cause a DOS",
    );
    // A capitalised title line without a full stop still titles.
    expect(fields('### Summary\nSSRF in the image proxy of Acme\n', 'Acme advisory').title).toBe('SSRF in the image proxy of Acme');
  });

  it("takes no place from a PoC's Composer autoloader or a file attached to the issue", () => {
    const text =
      "```php\nrequire 'vendor/autoload.php';\n```\nThe sample: https://github.com/PHPOffice/PhpSpreadsheet/files/15213296/book.xlsx\nThe flaw is in src/Reader/Xlsx.php.";
    expect(fields(text).locations).toEqual(['src/Reader/Xlsx.php']);
  });
});
