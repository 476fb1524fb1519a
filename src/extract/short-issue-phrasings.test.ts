// Phrasings of short vulnerability reports filed as GitHub issues (corpus batches 55-59, tune halves) that the
// extractor misread: a title that names the flaw as "Unauthorized Access", an issue template's bare headings, steps
// told in one sentence, a code report's shell call, an impact told as what the page runs or what a forged request
// changes. Each value is pinned as a triager would write it, with a near miss beside it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { extractReport } from './extract.js';

const fields = extractedFields;

describe('a short tracker issue', () => {
  it('types a title that names the flaw as "Unauthorized Access", and does not ask its reporter for the type', () => {
    const text = 'simple-cms has Unauthorized Access\n\nBut I can access addpage.php without logging admin. And I can also add page.\n';
    expect(fields(text).vulnType).toBe('missing authorization');
    // In prose the words are what any flaw gives: no type from them.
    expect(fields('Notes\n\nThe XSS lets an attacker gain unauthorized access to the session.').vulnType).toBe('cross-site scripting');
    const missing = missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'The admin pages allow unauthorized access.').map((m) => m.entry)).toEqual([]);
  });

  it('reads what an injection puts in, and that the page runs the script, as the impact', () => {
    expect(fields('XSS in username\n\nEnter a name with a script tag: it is possible to inject custom javascript code.').impact).toMatch(
      /possible to inject custom javascript code/,
    );
    expect(fields('Stored XSS\n\nIn the markdown, users can add a script tag and the page will execute the script').impact).toMatch(
      /the page will execute the script/,
    );
    // Naming the class is no outcome: nothing is injected yet.
    expect(fields('Possible to inject?\n\nI wonder whether the form escapes its input.').impact).toBeUndefined();
  });
});

describe("a tracker issue's template headings", () => {
  it('titles the issue by its Subject, not by a "## Bug" or "Title" heading of the template', () => {
    const text =
      '## Bug\n\nA reflected XSS is present in the generic error handler.\n\n## Steps to reproduce:\n\n1. go to /generic-error?error=<script>alert(1)</script>\n';
    expect(extractReport({ text, subject: 'Reflected XSS in Twitter Generic Error' }).fields.title?.value).toBe('Reflected XSS in Twitter Generic Error');
    // A heading with words of its own still titles the report.
    expect(extractReport({ text: text.replace('## Bug', '## Bug in the error page'), subject: 'Bug' }).fields.title?.value).toBe('Bug in the error page');
  });
});

describe('steps a tracker issue tells in one sentence', () => {
  it('reads "While creating a new user, give …" and "one can enter … in the search box" as the steps', () => {
    const made = fields('Stored XSS\n\nWhile creating a new user, give a valid email, provide the name as **x"><svg onload=alert(2)>** and save the user.\n');
    expect(made.steps).toMatch(/^While creating a new user, give a valid email/);
    const told = fields('Reflected XSS\n\nThe search field is not sanitized. Thus one can enter some malicious javascript in the search box and get a URL.\n');
    expect(told.steps).toMatch(/one can enter some malicious javascript in the search box/);
  });

  it('takes no outcome an attacker can reach for a step, nor advice to give', () => {
    expect(fields('Notes\n\nThus an attacker can execute arbitrary code on the server.\n').steps).toBeUndefined();
    expect(fields('Notes\n\nOne could add a check to the upload handler.\n').steps).toBeUndefined();
  });
});

describe('a code report filed as an issue', () => {
  it('types a shell call fed user input, reads what the call can be hijacked to do, and titles by the Subject over "Where the Issue Occured"', () => {
    const text =
      'The CImpinjRFID::startDriver() function calls ```system``` with an argument constructed from user-supplied strings (coming from an ini file).  This functionality can be hijacked to force mrpt to run arbitrary commands.\n';
    const f = extractReport({ text, subject: 'Calling ::system with user-supplied strings' }).fields;
    expect(f.vulnType?.value).toBe('command injection');
    expect(f.impact?.value).toMatch(/can be hijacked to force mrpt to run arbitrary commands/);
    const xxe = extractReport({
      text: '# The Issue\nAn XML External Entity attack is a type of attack.\n\n# Where the Issue Occured\nThe parser parses mind map files.\n',
      subject: 'XXE in file import',
    }).fields;
    expect(xxe.title?.value).toBe('XXE in file import');
    // A call named with no user input in it is no class.
    expect(extractReport({ text: 'The tool calls system() to restart the daemon.', subject: 'Question' }).fields.vulnType).toBeUndefined();
  });
});

describe('a download of any file and an account changed by a forged request', () => {
  it('types "Arbitrary file download" as a traversal, and reads "the user email will be changed to" as the impact', () => {
    const dl = extractReport({
      text: 'Changing the "path" parameter downloads any file.',
      subject: 'There is a Arbitrary file download attack at "File Management"',
    });
    expect(dl.fields.vulnType?.value).toBe('path traversal');
    const csrf = fields('CSRF in settings\n\nWhen the user visits that page, the user email adresse will be changed to attackers-mail@gmail.com.');
    expect(csrf.impact).toMatch(/will be changed to attackers-mail@gmail\.com/);
    // A setting the user changes themselves is no impact.
    expect(fields('Settings\n\nThe language can be set in the profile page.').impact).toBeUndefined();
  });
});

describe('an unsafe loader', () => {
  it('types "uses unsafe yaml loader" as insecure deserialization, and not a safe one', () => {
    expect(extractReport({ text: 'Details below.', subject: 'yconf uses unsafe yaml loader' }).fields.vulnType?.value).toBe('insecure deserialization');
    expect(extractReport({ text: 'Details below.', subject: 'yconf now uses the safe yaml loader' }).fields.vulnType).toBeUndefined();
  });
});

describe("GitHub's bug template", () => {
  it('reads "Steps to reproduce the behavior:" as the steps heading, and a translated label after its colon as no value', () => {
    const faveo = fields('**Steps to reproduce the behavior:**\nStep 1:- Login as an attacker\nStep 2:- Modify the invoiceid parameter\n');
    expect(faveo.steps).toMatch(/Modify the invoiceid parameter/);
    const bilingual = fields(
      'Steps to reproduce the behavior: | Étapes pour reproduire le bug :\n\n1. Go to Membres -> Edit any\n\n2. Set the user name to <script>alert(1)</script>\n',
    );
    expect(bilingual.steps).toMatch(/^1\. Go to Membres/);
    // A value of its own after the colon stays the value.
    expect(fields('Steps to reproduce: open /admin and save the form.\n').steps).toMatch(/open \/admin/);
  });
});

describe('a title that names code execution by its language (gh-chevereto-free-46, tune)', () => {
  it('types "PHP Code Execution Vulnerability" as code execution and so reads the product before the version', () => {
    const got = fields('Hi, I found a php code execution vulnerability at Chevereto-1.1.4', 'Chevereto-1.1.4 PHP Code Execution Vulnerability');
    expect([got.vulnType, got.component, got.affectedVersions]).toEqual(['remote code execution', 'Chevereto', '1.1.4']);
    expect(fields('Notes\n\nA code execution vulnerability in the template engine.').vulnType).toBe('remote code execution');
    // Code execution as an outcome in prose, with its cause named, stays the cause.
    expect(fields('SQL injection in login\n\nThe SQL injection can end in code execution on the host.').vulnType).toBe('sql injection');
  });
});
