import { spelledOut } from './component-name.js';
import { describe, expect, it } from 'vitest';
import {
  boldProduct,
  isBoilerplate,
  isModelList,
  productFromAdvisoryTitle,
  productFromBranchLinks,
  productFromSubject,
  productFromTitle,
  withoutVersionTail,
} from './product.js';
import { componentName, extractReport } from './extract.js';

describe('the product a report is about', () => {
  it('takes the product a Subject names, without its version', () => {
    expect(productFromSubject('Stored XSS in acme-cms-2.5.10')).toBe('acme-cms');
    expect(productFromSubject('SQLi in Acme Forum 3.2 login')).toBe('Acme Forum');
    expect(productFromSubject('CVE-2024-1234: RCE in FooBar')).toBe('FooBar');
  });

  it("takes a repository's name without its owner, and no message kind for the product", () => {
    expect(productFromSubject('CVE Request: OS Command Injection in brona/iproute2mac (Fixed in v1.7.5)')).toBe('iproute2mac');
    // A protocol pair is no owner and repository.
    expect(productFromSubject('Spoofing in TCP/IP stack of Acme')).not.toBe('IP');
    expect(productFromAdvisoryTitle('CVE Request: OS Command Injection in brona/iproute2mac')).toBeUndefined();
    expect(productFromAdvisoryTitle('Security Advisory: Acme Portal 2.1 path traversal')).toBe('Acme Portal');
    // A hyphenated word's "on" or "in" is no preposition: "Add-on", "Plug-in" are part of the name.
    expect(productFromAdvisoryTitle('Acme Add-on SQL Injection')).toBe('Acme Add-on');
    expect(productFromAdvisoryTitle('Login to Acme SQL Injection')).toBeUndefined();
  });

  it('takes nothing from a Subject that names no product', () => {
    expect(productFromSubject('Security issue')).toBeUndefined();
    expect(productFromSubject('XSS in the target server')).toBeUndefined();
    expect(productFromSubject('Bug in version 2.1')).toBeUndefined();
  });

  it('knows boilerplate from a name', () => {
    expect(isBoilerplate('target server')).toBe(true);
    expect(isBoilerplate('2 page')).toBe(true);
    expect(isBoilerplate('the application')).toBe(true);
    // A feature any product has, named as a Subject names a place ("XSS in Fileupload via filename").
    expect(isBoilerplate('Fileupload')).toBe(true);
    expect(isBoilerplate('Login')).toBe(true);
    expect(isBoilerplate('FileZilla')).toBe(false);
    expect(isBoilerplate('Acme Forum')).toBe(false);
  });

  it('reads a bold name in the first paragraph, not a bold label or warning', () => {
    expect(boldProduct('I found a flaw in **Acme Billing 4.2** that lets anyone read invoices.')?.name).toBe('Acme Billing');
    expect(boldProduct('**Important**: read this')).toBeUndefined();
  });

  it("reads the product of an Exploit-DB title ('Product 1.2 - Vulnerability') and of 'Multiple vulnerabilities in X'", () => {
    expect(productFromTitle('Auerswald COMpact 8.0B - Multiple Backdoors')).toBe('Auerswald COMpact');
    expect(productFromTitle('Wordpress Plugin Zephyr Project Manager 3.2.42 - Multiple SQLi')).toBe('Wordpress Plugin Zephyr Project Manager');
    expect(productFromTitle('[CONVISO-17-001] - Multiple vulnerabilities in Cisco DDR2200 Series')).toBe('Cisco DDR2200 Series');
    expect(productFromTitle('SQL Injection - login form')).toBeUndefined();
  });

  it("reads an advisory title's product: the first of 'Multiple vulnerabilities in X, Y and Z', and the name before a version and what is wrong", () => {
    expect(productFromAdvisoryTitle('Multiple vulnerabilities in Acme OpsCenter, Acme Social Desk and Acme360')).toBe('Acme OpsCenter');
    expect(productFromAdvisoryTitle('Two issues in Nimbus')).toBe('Nimbus');
    expect(productFromAdvisoryTitle('Re: [oss-security] Several security issues in libfoo-1.4.2')).toBe('libfoo');
    expect(productFromAdvisoryTitle('Pandora Console 3.1 path traversal and file inclusion')).toBe('Pandora Console');
    expect(productFromAdvisoryTitle('Zed Router v2.0.4: unauthenticated config download')).toBe('Zed Router');
    // Not a product: a type, a feature, a sentence without a version.
    expect(productFromAdvisoryTitle('Multiple vulnerabilities in the admin panel')).toBeUndefined();
    expect(productFromAdvisoryTitle('Stored XSS in the comment form')).toBeUndefined();
    expect(productFromAdvisoryTitle('Found 2 bugs')).toBeUndefined();
    // A capitalised name before the class of flaw; not an adjective, a feature, or a flaw in a product named after it.
    expect(productFromAdvisoryTitle('Acme HTTP Server XSS Header Injection')).toBe('Acme HTTP Server');
    expect(productFromAdvisoryTitle('AcmePublish 2.0 (catid) Remote SQL Injection Vulnerability')).toBe('AcmePublish');
    expect(productFromAdvisoryTitle('Blind SQL injection in orders API')).toBeUndefined();
    expect(productFromAdvisoryTitle('Cross-tenant data leak in SensorHub MQTT bridge')).toBeUndefined();
    expect(productFromAdvisoryTitle('Account deletion CSRF')).toBeUndefined();
  });

  it('files a report under the product of "Multiple vulnerabilities in X" over a name found in prose, unless prose names the same product more fully', () => {
    const text = 'Steps:\n1. Start the Telnet service on the camera.\n';
    expect(extractReport({ text, subject: 'Multiple Vulnerabilities in Acme AC-3171 IP Cameras' }).fields.component?.value).toBe('Acme AC-3171 IP Cameras');
    const fuller = 'The Nimbus file sharing app lets anyone read shared folders.\n';
    expect(extractReport({ text: fuller, subject: 'Two issues in Nimbus' }).fields.component?.value).toBe('Nimbus file sharing app');
  });

  it('tells a list of models or a firmware build string from a product name, and a long descriptive name from either', () => {
    expect(isModelList('COMpact 3000 ISDN, COMpact 3000 analog, COMpact 4000, COMmander 6000(R)(RX)')).toBe(true);
    expect(isModelList('DDR2201v1-NA-AnnexA-FCC-V00.00.03.28.3 deployed on device Cisco DDR2201v1')).toBe(true);
    expect(isModelList('ws_frame_free() in the websocket module of EmberHTTP')).toBe(false);
    expect(isModelList('Acme Billing')).toBe(false);
  });

  it('files a report listing models under the product its title names, when they share a name, and keeps the list otherwise', () => {
    const text = '# Exploit Title: Auerswald COMpact 8.0B - Multiple Backdoors\n\nProduct: COMpact 3000 ISDN, COMpact 3000 analog, COMpact 4000\n';
    expect(extractReport({ text, subject: null }).fields.component?.value).toBe('Auerswald COMpact');
    const other = '# Exploit Title: Router admin 2.0 - Backdoor\n\nProduct: COMpact 3000 ISDN, COMpact 3000 analog, COMpact 4000\n';
    expect(extractReport({ text: other, subject: null }).fields.component?.value).toMatch(/^COMpact 3000 ISDN/);
  });

  it("files a report under its Exploit-DB title's product before a name found in prose, and keeps a labelled one", () => {
    const text =
      '# Exploit Title: Linux kernel <= 4.6.2 - Local Privileges Escalation via IP6T_SO_SET_REPLACE\n\nThe IPv6 netfilter subsystem in the Linux kernel does not validate offsets.\n';
    expect(extractReport({ text, subject: null }).fields.component?.value).toBe('Linux kernel');
    const labelled = '# Exploit Title: Acme Router 2.1 - Backdoor\n\nProduct: Acme Router firmware\n';
    expect(extractReport({ text: labelled, subject: null }).fields.component?.value).toBe('Acme Router firmware');
    // A Subject's "in X" is not read this way: "Stored XSS in the comment form" names no product.
    expect(
      extractReport({ text: 'The comment form of Acme Forum 3.2 does not escape names.', subject: 'Stored XSS in the comment form' }).fields.component?.value,
    ).not.toBe('the comment form');
  });

  it('takes generic words around a generic noun for boilerplate, not a product', () => {
    expect(isBoilerplate('context of the application')).toBe(true);
    expect(isBoilerplate('bug the application')).toBe(true);
    expect(isBoilerplate('Acme application')).toBe(false);
  });

  it('strips a version with regex characters in it from a component line ("Omnia MPX 1.5.0+r1")', () => {
    expect(componentName('Omnia MPX 1.5.0+r1')).toBe('Omnia MPX');
  });
  it("takes a linked repository's name when the report also calls the code by it, not a repository only linked", () => {
    const text = 'Look at https://github.com/lukeed/dset/blob/master/src/merge.js#L9: the dset function checks the key, merge does not.';
    expect(productFromBranchLinks(text)).toEqual({ name: 'dset', index: text.indexOf('dset function') });
    expect(productFromBranchLinks('The payload from https://github.com/swisskyrepo/PayloadsAllTheThings/blob/master/XSS/README.md fires.')).toBeUndefined();
  });

  it('takes the name before a bounded version in a title ("net2ftp <= 0.97 Cross-Site Scripting"), lower case only when it is a package\'s', () => {
    expect(productFromAdvisoryTitle('net2ftp <= 0.97 Cross-Site Scripting/Request Forgery')).toBe('net2ftp');
    expect(productFromAdvisoryTitle('Acme Portal < 2.1 path traversal')).toBe('Acme Portal');
    // A lower-case word of a sentence is no name.
    expect(productFromAdvisoryTitle('crash with <= 2 items in the queue')).toBeUndefined();
    // Words that say which versions, not whose.
    for (const title of [
      'Versions <= 2.3.1 allow stored XSS',
      'Upgrade to >= 2.3.1 to fix XSS',
      'Fixed in >= 1.2.3: SQL injection',
      'All versions <= 2.0.1 affected by SQLi',
    ])
      expect(productFromAdvisoryTitle(title), title).toBeUndefined();
  });

  it("takes whose part a title says is at fault when it reads as a package's name, not a person's, a vendor's or a word's", () => {
    expect(productFromAdvisoryTitle("lestrrat-go/jwx's malicious parameters in JWE can cause a DOS")).toBe('lestrrat-go/jwx');
    expect(productFromAdvisoryTitle("twitch-tui's connection is not encrypted")).toBe('twitch-tui');
    for (const title of [
      "Attacker's cookie is reused after logout",
      "Customer's address is visible to other customers",
      "Google's OAuth flow allows account takeover",
      "Where's the CSRF token?",
      "index.php's id parameter is injectable",
      "X-Forwarded-For's value trusted for rate limiting",
      "e-mail's verification link never expires",
      "OAuth2's state parameter not validated",
    ])
      expect(productFromAdvisoryTitle(title), title).toBeUndefined();
    // Nor over the product the report names: "Nextcloud Server" stays.
    expect(
      extractReport({ text: 'I found a vulnerability in Nextcloud Server 27.0.1.', subject: "Customer's address is visible to other customers" }).fields
        .component?.value,
    ).toBe('Nextcloud Server');
  });

  it('keeps the words of a name before "vulnerable to" whole, lower case too ("Apache struts"), and drops the words that bound a version', () => {
    expect(productFromAdvisoryTitle('Apache struts vulnerable to path traversal')).toBe('Apache struts');
    expect(productFromAdvisoryTitle('Label Studio vulnerable to Cross-site Scripting')).toBe('Label Studio');
    expect(productFromAdvisoryTitle('acme-portal before 2.3.1 allows stored XSS')).toBe('acme-portal');
    expect(productFromAdvisoryTitle('Acme Portal versions <= 2.3.1 allow stored XSS')).toBe('Acme Portal');
    for (const title of ['Vulnerable versions <= 2.3.1, stored XSS in comments', 'Fix >= 2.3.1 incomplete, stored XSS remains'])
      expect(productFromAdvisoryTitle(title), title).toBeUndefined();
  });

  it('reads the product a Subject places the flaw in, not the platform it runs on, and files no feature a Subject names in lower case', () => {
    expect(productFromSubject('Path traversal of Jetty on Windows')).toBe('Jetty');
    expect(productFromSubject('Authentication bypass for Grafana in Kubernetes')).toBe('Grafana');
    const text = 'Type <svg onload=alert(1)> into the Search box, then log in as Admin and open the Search page.';
    expect(extractReport({ text, subject: 'Stored XSS in search' }).fields.component).toBeUndefined();
    expect(
      extractReport({ text: 'I found that the Session token is not invalidated.', subject: 'Session token is not invalidated after logout' }).fields.component,
    ).toBeUndefined();
  });

  it('takes a name without its versions, token by token (its time on a Subject of version pieces is a bench guard)', () => {
    expect(withoutVersionTail('Acme CMS 2.5.10')).toBe('Acme CMS');
    expect(withoutVersionTail('acme-cms-2.5.10')).toBe('acme-cms');
    expect(withoutVersionTail('Foo 1.0 2.0')).toBe('Foo');
    expect(withoutVersionTail('Baz 3.0.1-beta2')).toBe('Baz');
    expect(productFromSubject('Stored XSS in acme-cms-2.5.10')).toBe('acme-cms');
  });

  it('reads past a Subject\'s "in"/"of" that names nothing to the one that does ("Denial of Service in Acme Portal")', () => {
    expect(productFromSubject('Denial of service in Acme Portal')).toBe('Acme Portal');
    expect(productFromSubject('Use of hard-coded credentials in Acme Router')).toBe('Acme Router');
    expect(productFromSubject('Exposure of sensitive information in Acme Portal')).toBe('Acme Portal');
  });
});

describe('a product named run together', () => {
  it('is written as the text spells it, "Gleez CMS" for "gleezcms", and kept when the text never spells it', () => {
    expect(spelledOut('gleezcms', 'Go to https://demo.gleezcms.org/user/edit in Gleez CMS 1.2.')).toBe('Gleez CMS');
    expect(spelledOut('invoiceninja', 'The InvoiceNinja app; Invoice Ninja 5 fetches geoplugin.net.')).toBe('Invoice Ninja');
    expect(spelledOut('gleezcms', 'Go to https://demo.gleezcms.org/user/edit.')).toBeUndefined();
    // A name with capitals or spaces is already as written.
    expect(spelledOut('Gleez', 'Gleez CMS')).toBeUndefined();
  });
});
