// How GitHub's reviewed advisories read, found on a scratch set of 30 of them never labelled nor added to the
// corpus (2026-12-07): a Subject that opens with the product ("Camaleon CMS allows …"), a fix sentence that lists
// several releases, thanks in the attribution, the closing "For more information" notice, a PoC section that
// points elsewhere, and an Impact section that shows code.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { sentences } from './prose.js';

describe('the fix and the affected versions', () => {
  it('reads every release a fix sentence lists as fixed, none as affected', () => {
    const f = extractedFields('### Patches\nThis vulnerability has been patched in XWiki 14.10.20, 15.5.4 and 15.10RC1.\n', 'XWiki RCE');
    expect(f.fixedVersion).toBe('14.10.20');
    expect(f.affectedVersions).toBeUndefined();
  });

  it('reads "solved in", "the patch is provided in" and "patch releases for version" as the fix', () => {
    const solved = extractedFields('### Resolution\n\nThis issue is solved in Swift 5.6.2 for Linux and Windows.\n', 'Denial of service in JSONDecoder');
    expect(solved.fixedVersion).toBe('5.6.2');
    expect(solved.affectedVersions).toBeUndefined();
    const provided = extractedFields('The patch is provided in Change Request 1.10, administrators should upgrade.', 'Password hash leak');
    expect(provided.fixedVersion).toBe('1.10');
    expect(provided.affectedVersions).toBeUndefined();
    expect(extractedFields('- 2020-04-28: Patch releases for version 3.14.4 and 3.15.1.', 'Open redirect').fixedVersion).toBe('3.14.4');
  });

  it("takes no severity's score for a version", () => {
    expect(extractedFields('The severity is the same as for CVE-2022-31813, i.e. 9.8 Critical.', 'Header removal').affectedVersions).toBeUndefined();
  });
});

describe("an advisory's Subject and attribution", () => {
  it('takes the product that opens the Subject before what it allows or has, not a description of the flaw', () => {
    expect(
      extractedFields('The media controller of Camaleon CMS builds paths from input.', 'Camaleon CMS allows remote code execution through code injection')
        .component,
    ).toBe('Camaleon CMS');
    expect(extractedFields('The files are readable.', 'containerd allows RAPL to be accessible to a container').component).toBe('containerd');
    expect(extractedFields('Several queries of Navidrome are built from input.', 'Navidrome has Multiple SQL Injections and ORM Leak').component).toBe(
      'Navidrome',
    );
    for (const subject of [
      'Improper validation allows bypassing the check',
      'Enabling Authentication does not invalidate sessions',
      'OpaMiddleware does not filter HTTP OPTIONS requests',
      'You can login with any password',
    ])
      expect(extractedFields('The check is missing.', subject).component, subject).toBeUndefined();
  });

  it('credits the one thanked for the report, not a greeting', () => {
    expect(extractedFields('### Attribution\n\nThanks Michael Hamann for the report.\n', 'Leak').credit).toEqual({ kind: 'name', name: 'Michael Hamann' });
    expect(extractedFields('Thanks Team,\nthe login page is open to SQL injection.', 'SQLi').credit).toBeUndefined();
  });

  it('reads the closing "For more information" notice as no steps', () => {
    const f = extractedFields(
      'The API server does not enforce it.\n\n### For more information\nIf you have any questions or comments about this advisory:\n\n* Open an issue in [the tracker](https://example.org/issues)\n* Email us at [security](mailto:s@example.org)\n',
      "Argo CD's API server does not enforce project sourceNamespaces",
    );
    expect(f.steps).toBeUndefined();
  });

  it('titles the report by its Subject over a heading below a note that says something else', () => {
    const f = extractedFields(
      'This advisory is for a historical issue. The text below is copied from the original issue.\n\n# You can login to the server with any password if someone else is logged in\n\nDetails follow.',
      'tgstation-server cached user logins in legacy server',
    );
    expect(f.title).toBe('tgstation-server cached user logins in legacy server');
  });
});

describe("an advisory's sections", () => {
  it('leaves the code an Impact section shows out of the impact', () => {
    const f = extractedFields(
      '### Impact\nOn CRI-O, an arbitrary systemd property can be injected via a Pod annotation:\n```\napiVersion: v1\nkind: Pod\n```\n\nAny user who can create a pod may act on the host.\n',
      'CRI-O vulnerable to an arbitrary systemd property injection',
    );
    expect(f.impact).toContain('can be injected via a Pod annotation');
    expect(f.impact).toContain('Any user who can create a pod');
    expect(f.impact).not.toContain('apiVersion');
  });

  it('takes a PoC section that points elsewhere ("See above.") for no PoC', () => {
    expect(extractedFields('## Details\nThe sort parameter is injected.\n\n## PoC\nSee above.\n', 'SQL injection in Navidrome').poc).toBeUndefined();
  });

  it('reads a product in code marks without them, and "the Fides web application" as Fides, but keeps "Emby Server"', () => {
    expect(extractedFields('A secret leaks.\n\nAffected products: `go-vela/worker`\n', 'Insecure variable substitution').component).toBe('go-vela/worker');
    expect(extractedFields('An attacker can inject HTML into the Fides web application.', 'HTML injection').component).toBe('Fides');
    expect(extractedFields('The flaw lets anyone read files of the Emby Server 4.6.', 'File read').component).toBe('Emby Server');
    expect(extractedFields('Depending on how the receiving application handles it, headers are lost.', 'Header removal').component).toBeUndefined();
  });

  it('reads a server crash or a CPU held at 100% as a denial of service when nothing names a class', () => {
    expect(extractedFields('A client sends a key on the wrong curve.', 'PocketMine-MP server crash due to incorrect EC curve').vulnType).toBe(
      'denial of service',
    );
    expect(extractedFields('It loops on the request.', 'Traefik docker container using 100% CPU').vulnType).toBe('denial of service');
  });

  it('ends no sentence at the dots of ".."', () => {
    expect(sentences('Do not allow sequences such as .. in untrusted input. Check paths.').map((p) => p.text)).toEqual([
      'Do not allow sequences such as .. in untrusted input.',
      'Check paths.',
    ]);
  });
});

describe('a Subject that opens with its product and what it does wrong', () => {
  it('names the product before "incorrectly parses", "mishandles", "trusts" when the text writes it so', () => {
    const body = 'It is possible to construct a tarball that is safe when installed via npm but malicious when installed via pnpm.';
    expect(extractedFields(body, 'pnpm incorrectly parses tar archives relative to specification').component).toBe('pnpm');
    expect(extractedFields('Requests are forwarded by Gateway Pro to any host.', 'Gateway Pro trusts the X-Forwarded-Host header').component).toBe(
      'Gateway Pro',
    );
  });

  it('names nothing from a flaw described the same way ("Improper validation parses …", "Parser incorrectly handles …")', () => {
    expect(extractedFields('The parser reads past the end.', 'Improper validation parses headers twice').component).toBeUndefined();
    expect(extractedFields('The parser reads past the end of the input.', 'Parser incorrectly handles empty input').component).toBeUndefined();
  });
});

describe('a Summary under a Subject that titles the report', () => {
  it("titles by the Subject, not by the Summary's first sentence about the report", () => {
    const cases: Array<[string, string]> = [
      [
        'Heap based buffer overflow in wolfSSL',
        '## Summary:\nwolfSSL is an C-language-based SSL/TLS library targeted at IoT, embedded,\nand RTOS environments.',
      ],
      ['Woocommerce SQL Injection in WC_Report_Coupon_Usage', '## Summary:\nA SQL injection vulnerability is found with required privilege is view report.'],
      [
        'Brave Android: Incorrect URL Eliding in Brave Shields Pop Up',
        '## Summary:\nReference: https://chromium.googlesource.com/chromium/src/+/HEAD/docs/security/url_display_guidelines',
      ],
    ];
    for (const [subject, text] of cases) expect(extractedFields(text, subject).title).toBe(subject);
  });

  it('keeps a Summary that is a title itself: the class of flaw, then where it is', () => {
    const text = 'VULNERABILITY REPORT\n\n1. Summary\nXML external entity injection in the SAML assertion parser of AuthGate.\n';
    expect(extractedFields(text, 'AuthGate SAML XXE').title).toMatch(/^XML external entity injection in the SAML assertion parser/);
  });
});
