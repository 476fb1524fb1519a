import { describe, expect, it } from 'vitest';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';

describe('asking the reporter for missing fields', () => {
  it('does not ask for versions when the report names one the extractor could not place', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'impact']).required;
    expect(missing.map((m) => m.entry)).toEqual(['affectedVersions']);
    expect(fieldsToAsk(missing, 'Seen on our build 2024-11 of the app, version unknown to me.')).toEqual([]);
  });

  it('asks only when no sentence speaks to the field', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps']).required;
    expect(fieldsToAsk(missing, 'A problem in the search form: type <svg onload=alert(1)> and press enter.').map((m) => m.entry)).toEqual([
      'affectedVersions',
      'impact',
    ]);
  });

  it('does not ask for the impact of a class of flaw whose gain goes without saying, nor the version of a report that names the commit it tested', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps']).required;
    expect(fieldsToAsk(missing, "Compro IP Camera - 'killps.cgi' Denial-of-Service (DoS)\nGET /cgi-bin/killps.cgi").map((m) => m.entry)).toEqual([
      'affectedVersions',
    ]);
    expect(fieldsToAsk(missing, 'A heap overflow crashes the parser. Tested on commit 765fbb8.').map((m) => m.entry)).toEqual([]);
  });

  it('does not ask for the impact of a report that says what an attacker gains', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'An attacker can read any invoice.')).toEqual([]);
  });

  it('does not ask for the impact of an injection whose exploit says what it gives up, but asks one that only selects', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'Exploit For Get Admin Username And Password Hash:\ncategory.php?cid=-12/**/union/**/select/**/1,2,3')).toEqual([]);
    expect(fieldsToAsk(missing, 'category.php?cid=-12/**/union/**/select/**/1,2,3').map((m) => m.entry)).toEqual(['impact']);
  });

  it('does not ask for the impact of a report that says any file can be read, or that the payload fires', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, "There is no check in index.js, so it's possible to read any file by path traversal.")).toEqual([]);
    expect(fieldsToAsk(missing, 'Visit the dashboard and the payload will fire, even when logged out.')).toEqual([]);
    expect(fieldsToAsk(missing, 'Visit the dashboard and look at the page title.').map((m) => m.entry)).toEqual(['impact']);
    // Steps that only sound like it still leave the gain unsaid.
    expect(fieldsToAsk(missing, '2. Go to Settings and view all users.').map((m) => m.entry)).toEqual(['impact']);
    expect(fieldsToAsk(missing, 'The setup script runs and creates the table.').map((m) => m.entry)).toEqual(['impact']);
  });

  it('does not ask a fuzzing report for the impact of memory corruption, nor for the version of the tree it built', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps']).required;
    const asan = '==4172==ERROR: AddressSanitizer: heap-buffer-overflow on address 0xb5f01618\nREAD of size 1 at 0xb5f01618 thread T0';
    expect(fieldsToAsk(missing, `${asan}\nBuilt from git HEAD with -fsanitize=address.`).map((m) => m.entry)).toEqual([]);
    expect(
      fieldsToAsk(missing, 'A use-after-free in the tag parser. Tested on upstream 2f1e3c2d4b5a69788a9b0c1d2e3f405162738495.').map((m) => m.entry),
    ).toEqual([]);
  });

  it('asks a local-root report neither its type nor its gain when it shows a root shell or says what the flaw is abused to do', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'affectedVersions']).required;
    const shell = '$ dbus-send --system --dest=com.example.Helper string:/tmp/x.so\n$ /tmp/test\n# id\neuid=0(root) groups=0(root)';
    expect(fieldsToAsk(missing, shell).map((m) => m.entry)).toEqual([]);
    expect(fieldsToAsk(missing, 'The desktop ships a world-writeable /etc/rc.d/rc.sysinit which can be abused to execute commands on boot.')).toEqual([]);
    // Without any of it, both are still asked.
    expect(fieldsToAsk(missing, 'See the attached file.').map((m) => m.entry)).toEqual(['vulnType', 'impact']);
  });

  it('does not ask for the version of a report that names one in a form the range reader cannot place', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'impact']).required;
    for (const text of [
      'Crash reproduced with the tarball ytool-1.9.2 from the download page.',
      'Found in the 4.5 build we run.',
      'It still happens on v2.0 here.',
    ]) {
      expect(fieldsToAsk(missing, text).map((m) => m.entry)).toEqual([]);
    }
    // Addresses, dates and scores are not versions: the version is still asked.
    for (const text of ['The server at 10.0.0.12 answers on 2024-03-05.', 'CVSS 7.5, seen 12/03/2024.']) {
      expect(fieldsToAsk(missing, text).map((m) => m.entry)).toEqual(['affectedVersions']);
    }
  });

  it('does not ask the type or the gain of a report that names a class of flaw the dictionary knows, or a root it gains', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'A TOCTOU in the spool helper lets a local user gain root.').map((m) => m.entry)).toEqual([]);
    expect(fieldsToAsk(missing, 'The updater runs setuid and loads a library from a symlink in /tmp, giving a root shell.').map((m) => m.entry)).toEqual([]);
    expect(fieldsToAsk(missing, 'Acme Backup Agent root exploit: see attached.').map((m) => m.entry)).toEqual(['impact']);
    expect(fieldsToAsk(missing, 'Session fixation on the login form.').map((m) => m.entry)).toEqual(['impact']);
  });

  it('does not ask for the PoC or steps of a report that gives a request URL with its parameters, nor the gain of one that shows a password', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'affectedVersions']).required;
    const text = 'We can use a null byte to deceive parse_url.\n\nhttp://host/app/util/go.php?untrusted=1&url=test.php%00http://other/\n';
    expect(fieldsToAsk(missing, text).map((m) => m.entry)).toEqual(['impact']);
    expect(fieldsToAsk(missing, `${text}The search shows the MySQL password for any person to be visible.`).map((m) => m.entry)).toEqual([]);
  });

  it('still asks for the version when the only dotted numbers are a CVSS version, a duration or a share, and a GitHub link is no version', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'impact']).required;
    for (const text of ['The CVSS v3.1 score is high.', 'The request took 2.5 seconds and 99.9% of CPU.', 'See https://github.com/acme/tool for the code.'])
      expect(
        fieldsToAsk(missing, text).map((m) => m.entry),
        text,
      ).toEqual(['affectedVersions']);
  });

  it('does not ask for the kind of flaw of a report that says memory runs out, nor the version of one that names the hash it tested as of', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'impact']).required;
    expect(missing.map((m) => m.entry)).toEqual(['vulnType', 'affectedVersions']);
    expect(fieldsToAsk(missing, 'The parser can OOM: it buffers every header without limits. Crashes as of 3fa91c2.')).toEqual([]);
    expect(fieldsToAsk(missing, 'Queue grows unbounded until the process runs out of memory, since a1b2c3d4e.')).toEqual([]);
    // A word that is only hex, or a plain number, is no hash; and nothing here names a kind of flaw.
    expect(fieldsToAsk(missing, 'The parser reads the facade as of 1234567 bytes.').map((m) => m.entry)).toEqual(['vulnType', 'affectedVersions']);
  });

  it('does not ask for the impact of an open redirect that says where the user lands', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'Set next=https://evil.example and after login the user will be redirected to that site.')).toEqual([]);
    expect(fieldsToAsk(missing, 'Set next=https://evil.example and log in.').map((m) => m.entry)).toEqual(['impact']);
  });

  it('does not ask for steps or a PoC when the report quotes a payload in a sentence', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'When downloading, if you put in something like "../../../../ the app reads from another folder.')).toEqual([]);
    expect(fieldsToAsk(missing, 'The download folder can be changed.').map((m) => m.entry)).toEqual(['steps|poc']);
  });

  it('does not take the tail of a four-part build number for a date, and asks no version of a report that gives one', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'steps']).required;
    expect(fieldsToAsk(missing, '**Environment:**\n\n - 2.7.1.3940\n')).toEqual([]);
    // A date alone is still no version.
    expect(fieldsToAsk(missing, 'Seen on 12.05.2020 and again on 2020-06-01.').map((m) => m.entry)).toEqual(['affectedVersions']);
  });

  it('does not ask for steps of a report that gives an encoded traversal or says which URL to access', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'In this case we can go up from the folder with http://localhost:8080/static/..%252fio/App.class')).toEqual([]);
    expect(fieldsToAsk(missing, 'An attacker can access a URL such as http://server/static/WEB-INF/web.xml.')).toEqual([]);
  });

  it('does not ask for steps of a report that says what to try, nor the impact of one that says where users are redirected', () => {
    const steps = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(steps, "Try putting single quote in search box ' and you will get an error.")).toEqual([]);
    const impact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(impact, "Notice that you're being redirected to the other site.")).toEqual([]);
  });

  it('does not ask for steps or a PoC of a report that shows a session at an interpreter or names the crafted input that triggers it', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    const irb = "The regex backtracks. For example:\n\nirb(main):009:0> text = '<pre>    </pre'\nprocessing time: 0.000026s\n";
    expect(fieldsToAsk(missing, irb)).toEqual([]);
    expect(fieldsToAsk(missing, 'A user can post a message with a specifically crafted string that will trigger it.')).toEqual([]);
    // A quote of a quote in a reply ("> > > ", ">>> ") is no session, and a bare opinion still gives no way in.
    expect(fieldsToAsk(missing, '>>> I think the parser is wrong.\nThe parser is wrong.').map((m) => m.entry)).toEqual(['steps|poc']);
  });

  it('does not ask for a PoC of a report that gives the request as a host and path without its scheme', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'Example: acme.example/api/user/changepassword?user=user1&password=x')).toEqual([]);
  });

  it('does not ask for the component of a report that names it in bold or calls it an implementation or a class', () => {
    const missing = missingFields(undefined, ['vulnType', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'The **prime-jwt** decoder accepts tokens that are not signed.')).toEqual([]);
    expect(fieldsToAsk(missing, 'Its JWTDecoder class accepts tokens that are not signed.')).toEqual([]);
    expect(fieldsToAsk(missing, 'Tokens that are not signed are accepted.').map((m) => m.entry)).toEqual(['component']);
  });

  it("does not ask for a PoC or steps of a report that shows code, even code the PoC reader took for the product's", () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    const diff = 'Demonstration source code\n\n    if (attack_num == 3) {\n      frag = misc_ipfilter(pkt, len);\n    }\n';
    expect(fieldsToAsk(missing, diff)).toEqual([]);
    expect(fieldsToAsk(missing, 'The firewall lets fragments through.').map((m) => m.entry)).not.toEqual([]);
  });

  it('does not ask for steps of a report that tells the attack as it was done or says which parts of the request are changed', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'In this case, the attacker created a playlist, added a song and put the admin as its owner.')).toEqual([]);
    expect(fieldsToAsk(missing, 'The attacker is able to change the parameter values in the body and impersonate another user.')).toEqual([]);
    expect(fieldsToAsk(missing, 'Playlists of other users can be taken over.').map((m) => m.entry)).toEqual(['steps|poc']);
  });

  it('does not ask an XSS report for its impact: its name or the page executing the script says it', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, "In the markdown, users can add script tag, e.g. <script>alert('xss');</script> and the page will execute the script")).toEqual(
      [],
    );
    // An XSS says what it gains by its name: script run as whoever views the page (a reporter who
    // wrote its impact in words no sign knows was asked for it, batch 41). A plain bug is asked.
    expect(fieldsToAsk(missing, 'Stored XSS in the markdown editor.')).toEqual([]);
    expect(fieldsToAsk(missing, 'The markdown editor drops the last line.').map((m) => m.entry)).toEqual(['impact']);
  });

  it('does not ask for the type of a report that says sensitive data or a password is exposed or printed', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'Sensitive data is exposed in logs.\n\ngovernance.go:57 Prints password data directly.')).toEqual([]);
    expect(fieldsToAsk(missing, 'The service writes a line per request.').map((m) => m.entry)).toEqual(['vulnType']);
  });

  it('does not ask for the type of a report about an exposed key or an unsigned token accepted as valid', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'Hey, is your Firebase API key, exposed in your source code, meant to be public?')).toEqual([]);
    expect(fieldsToAsk(missing, 'verify() returns the payload of a token that is not integrity protected ("none").')).toEqual([]);
    expect(fieldsToAsk(missing, 'The sign-up page shows a blank screen.').map((m) => m.entry)).toEqual(['vulnType']);
  });

  it('does not ask an XSS run in the browser for its impact, nor a CSRF token check that fails for its type or impact', () => {
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(noImpact, 'This code is then interpreted and run in the browser of anyone who views the profile.')).toEqual([]);
    const noTypeNoImpact = missingFields(undefined, ['component', 'steps', 'affectedVersions']).required;
    expect(
      fieldsToAsk(noTypeNoImpact, 'The csrftoken parameter is not validated at the server. This void the usage of csrftoken throughout the application.'),
    ).toEqual([]);
  });

  it('does not ask for the type of an underscored "Open Redirect_" or of a tenant reading another\'s data, nor for the impact a "will cause" names', () => {
    const noType = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(noType, 'Open Redirect_\n\nhttp://example.org/register/?next=http://evil.com')).toEqual([]);
    expect(fieldsToAsk(noType, 'The RBAC roles let one API server read, write and delete the data of other control planes.')).toEqual([]);
    expect(fieldsToAsk(noType, 'The export writes one file per day.').map((m) => m.entry)).toEqual(['vulnType']);
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(noImpact, 'The markdown preview will cause a stored XSS attack, which needs no user interaction.')).toEqual([]);
  });

  it('does not ask the type of classes named in their own words (tabnabbing, CORS, mass assignment, a hardcoded key, no rate limit, MD5 passwords, alg none)', () => {
    const noType = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    for (const text of [
      'The links open with target=_blank, a tabnabbing risk.',
      'The API answers any Origin with Access-Control-Allow-Origin: *, a CORS misconfiguration.',
      'Mass assignment: the role field of the profile form is saved as sent.',
      'The signing key is hardcoded in the app.',
      'There is no rate limiting on the login form.',
      'Passwords are stored as unsalted MD5.',
      'The verifier accepts tokens with alg none.',
    ])
      expect(fieldsToAsk(noType, text), text).toEqual([]);
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(noImpact, 'Victims end up on a phishing page.')).toEqual([]);
  });

  it('does not ask for the type of a report that says its connection is not encrypted', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'The connection is not using TLS for communication, so all traffic is unencrypted.')).toEqual([]);
    expect(fieldsToAsk(missing, 'The connection to the chat server is slow.').map((m) => m.entry)).toEqual(['vulnType']);
  });

  it('does not ask for the type or the impact of a report that says sensitive values are printed or logged', () => {
    const text = 'A regression caused all output values, including sensitive values, to be printed at the info logging level.';
    expect(fieldsToAsk(missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required, text)).toEqual([]);
    expect(fieldsToAsk(missingFields(undefined, ['component', 'steps', 'vulnType', 'affectedVersions']).required, text)).toEqual([]);
    // Values printed with nothing sensitive about them speak to neither.
    expect(
      fieldsToAsk(missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required, 'The values are printed at the info level.').map(
        (m) => m.entry,
      ),
    ).toEqual(['vulnType']);
    // Sensitive values named in passing, nothing printed or logged: still asked.
    const noImpact = missingFields(undefined, ['component', 'steps', 'vulnType', 'affectedVersions']).required;
    expect(fieldsToAsk(noImpact, 'Request below (I removed sensitive tokens):').map((m) => m.entry)).toEqual(['impact']);
    const noType = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(noType, 'Sensitive values shown in the screenshot are blurred.').map((m) => m.entry)).toEqual(['vulnType']);
  });

  it('takes the input an injection goes through for steps given, and does not ask for steps or a PoC', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(missing, text).map((m) => m.entry);
    expect(asked('Any SQL can be injected via the `name` parameter of the /api/users endpoint.')).not.toContain('steps|poc');
    expect(asked('The search is vulnerable: inject through the q field.')).not.toContain('steps|poc');
    // A parameter named without saying where anything goes in is no step.
    expect(asked('The parameters are not documented and the app is vulnerable.')).toContain('steps|poc');
  });

  it('takes what the reader can do to the input for steps, and what a flaw causes users to do for impact', () => {
    const noSteps = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    const asked = (missing: typeof noSteps, text: string): string[] => fieldsToAsk(missing, text).map((m) => m.entry);
    expect(asked(noSteps, 'You could rename any file with an allowed extension to pass the upload check.')).not.toContain('steps|poc');
    expect(asked(noSteps, 'You could ask the vendor about it.')).toContain('steps|poc');
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(asked(noImpact, 'The form has no token, which causes ordinary members to change their password unknowingly.')).not.toContain('impact');
    expect(asked(noImpact, 'A CSRF vulnerability that can Change the member password.')).not.toContain('impact');
    expect(asked(noImpact, 'The form has no token.')).toContain('impact');
  });

  it("takes where an archive's file lands for an impact given (a zip slip told by its result)", () => {
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noImpact, text).map((m) => m.entry);
    expect(asked('After extractAll the file is not unarchived at the destination location but at the root location.')).not.toContain('impact');
    expect(asked('Entries are written outside the destination directory.')).not.toContain('impact');
    expect(asked('After extractAll the file is unarchived at the destination location.')).toContain('impact');
  });

  it('takes "remote shell execution" and other "… execution" outcomes for a type given', () => {
    const noType = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noType, text).map((m) => m.entry);
    expect(asked('remote shell execution in v1.12.2')).not.toContain('vulnType');
    expect(asked('The backup job leads to command execution as root.')).not.toContain('vulnType');
    expect(asked('The job runs every night.')).toContain('vulnType');
  });

  it('takes "include any other file", "password extraction proven" for an impact, and "reveal backend details" for a type', () => {
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    const asked = (missing: typeof noImpact, text: string): string[] => fieldsToAsk(missing, text).map((m) => m.entry);
    expect(asked(noImpact, 'It can be extended with nullbytes to contain any other file that is not XML too.')).not.toContain('impact');
    expect(asked(noImpact, 'HIGH | MySQL | API key + password extraction proven')).not.toContain('impact');
    // An extraction that failed or is a tool's step, a file the user may open, a negation: no impact given.
    expect(asked(noImpact, 'Password hash extraction with the john plugin fails on bcrypt hashes.')).toContain('impact');
    expect(asked(noImpact, 'The uploaded archive does not contain any other file, yet the server returns 500.')).toContain('impact');
    expect(asked(noImpact, 'The file list shows every file of the folder.')).toContain('impact');
    const noType = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(asked(noType, 'Error messages reveal backend details.')).not.toContain('vulnType');
    expect(asked(noType, 'Clicking the icon reveals a menu.')).toContain('vulnType');
    expect(asked(noType, 'I would rather not reveal details by mail until I have your PGP key.')).toContain('vulnType');
  });

  it('takes an input told as a condition, or a tool run on the sample, for steps given', () => {
    const noSteps = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noSteps, text).map((m) => m.entry);
    expect(asked('If I enter an unknown address I am told no account has it; a known one gets a reset link.')).not.toContain('steps|poc');
    expect(asked('When using the bundled tool unpk to unpack this archive, a file lands outside the target folder.')).not.toContain('steps|poc');
    // A condition of the product's, not of an input: the steps are still asked.
    expect(asked('If the cache is cold the page loads slowly.')).toContain('steps|poc');
  });

  it('takes a secret written to the logs, or "bad from a security point of view", for an impact given', () => {
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noImpact, text).map((m) => m.entry);
    expect(asked("At login the account's password ends up logged in the debug file.")).not.toContain('impact');
    expect(asked('Storing it this way is bad from a security point of view.')).not.toContain('impact');
    expect(asked('The login form posts the user name and the password.')).toContain('impact');
  });

  it('takes "possible to retrieve … files" for an impact given', () => {
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noImpact, text).map((m) => m.entry);
    expect(asked('Through the `lang` parameter it is possible to read configuration files of the host.')).not.toContain('impact');
    expect(asked('The lang parameter selects the page language.')).toContain('impact');
  });

  it('takes an endpoint reached without logging in for a type given', () => {
    const noType = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noType, text).map((m) => m.entry);
    expect(asked('The export URLs are un authenticated: anyone gets the file.')).not.toContain('vulnType');
    expect(asked('I can fetch every record without logging in.')).not.toContain('vulnType');
    expect(asked('I can fetch every record after logging in.')).toContain('vulnType');
  });

  // An independent review (2026-12-07) of the signs read off batches 62-71: texts that give no steps, impact or type.
  it('still asks what a question, a set-up, a feature or a precondition does not give', () => {
    const none = missingFields(undefined, ['component', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(none, text).map((m) => m.entry);
    expect(asked('I have found a critical security issue on your website. Please tell me if you use a bug bounty platform.')).toContain('steps|poc');
    expect(asked('If we use the default settings, is the cookie secure?')).toContain('steps|poc');
    expect(asked('When using libfoo to parse untrusted XML documents, memory use grows without limit.')).toContain('steps|poc');
    expect(asked('I am not sure whether this is bad from a security point of view.')).toContain('impact');
    expect(asked('Is storing the session id in localStorage dangerous from a security perspective?')).toContain('impact');
    expect(asked('Expected: it is not possible to download files of a private project.')).toContain('impact');
    expect(asked('The file manager makes it possible to download files as a ZIP.')).toContain('impact');
    expect(asked('The API token is encrypted before it is written to the logs.')).toContain('impact');
    expect(asked('1. Open the shop without logging in. 2. Add an item with quantity -1.')).toContain('vulnType');
  });

  it('takes what an injection dumps ("we will get the name of all the databases") for an impact given', () => {
    const noImpact = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    const asked = (text: string): string[] => fieldsToAsk(noImpact, text).map((m) => m.entry);
    expect(asked('3) With that sqlmap run you will get the names of every database on the server.')).not.toContain('impact');
    expect(asked('3) The tables are created on first start.')).toContain('impact');
  });
});
