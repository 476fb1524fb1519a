// Where a report says the bug is, as a triager writes it down: the product's files and
// endpoints, not the reporter's shell session, tools, traces' callers or reference links.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { offReportersSite } from './location-filters.js';
import { findLocations } from './locations.js';

const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('locations', () => {
  it('leaves out where the reporter upload landed when the upload endpoint is named, keeps it when it is all there is', () => {
    const both = 'POST /cf_scripts/filemanager/upload.cfm\nThen open http://coldfusion:port/cf_scripts/filemanager/uploadedFiles/shell_file';
    expect(places(both)).toEqual(['/cf_scripts/filemanager/upload.cfm']);
    expect(places('I could upload shell.php and run it at /wp-content/uploads/formbuilder/shell.php.')).toEqual(['/wp-content/uploads/formbuilder/shell.php']);
  });

  it('takes no path from two names joined by a slash after a call, nor a source browser host as a place', () => {
    expect(places('values passed to variant()/preview() methods')).toEqual([]);
    expect(places('See http://cvsweb.netbsd.org/bsdweb.cgi/src/lib/libc/gdtoa/gdtoaimp.h for the code.')).toEqual([]);
    expect(places('stored in plain text (/data/data/com.example.bank/shared_prefs/auth.xml).')).toEqual(['/data/data/com.example.bank/shared_prefs/auth.xml']);
  });

  it('takes a path traversal payload for what it reaches, not a place: the endpoint before it stays', () => {
    expect(places('GET /logs/download?file=../../../../etc/shadow returns the file.')).toEqual(['/logs/download']);
    expect(places('see subject. poc: curl -k https://vpn.example.com/dana-na/../../etc/passwd')).toEqual(['https://vpn.example.com/dana-na/']);
    expect(places('The war file is written to ../tomcat/webapps/warfile.war%00 by /servlet/MigrateLEEData')).toEqual(['/servlet/MigrateLEEData']);
    expect(places('Request http://siteproxy.your.domain.name/../../../etc/passwd to read it.')).toEqual([]);
    expect(places('GET /dana-na/../../etc/passwd, then GET /dana-na/../../etc/shadow')).toEqual(['/dana-na/']);
    expect(places('GET /files/..%2f..%2fetc/passwd and http://10.0.0.7/static\\..\\..\\windows\\win.ini')).toEqual(['/files/', 'http://10.0.0.7/static/']);
    // In the query the traversal leaves the path as it is.
    expect(places('http://10.0.0.32:19630/logs/downloadMainLog?fname=../../../etc/passwd')).toEqual([
      'http://10.0.0.32:19630/logs/downloadMainLog?fname=../../../etc/passwd',
    ]);
  });

  it('takes no place from the system file an attack reads to show it worked, nor from a personal home page', () => {
    expect(places('The following screenshots illustrate reading the contents of /etc/shadow:')).toEqual([]);
    expect(places('Then /download.cgi returns /etc/passwd, and on Windows C:\\Windows\\win.ini.')).toEqual(['/download.cgi']);
    expect(places('Blog: http://www.livejournal.com/~pavelmachek and http://atrey.example.cz/~pavel/picture/blog.html')).toEqual([]);
    // A script under a user's folder is still a page of the product; so is a file under /etc/ of its own.
    expect(places('The bug is in http://uni.example.edu/~bob/webmail/login.php?user=x')).toEqual(['http://uni.example.edu/~bob/webmail/login.php?user=x']);
    expect(places('It writes its secret to /etc/acme/acme.conf with mode 0644.')).toEqual(['/etc/acme/acme.conf']);
  });

  it('drops a URL on the credited reporter own site, not a host that only shares a short word', () => {
    const found = ['http://www.balupton.com/sandbox/logger.php?pass_code=k', '/webct/urw/lc5116011.tp0/cobaltMainFrame.dowebct'];
    expect(offReportersSite(found, 'Benjamin "balupton" Lupton')).toEqual(['/webct/urw/lc5116011.tp0/cobaltMainFrame.dowebct']);
    expect(offReportersSite(['https://mark.example.org/app/login'], 'Mark Li')).toEqual(['https://mark.example.org/app/login']);
  });

  it('takes a source file named alone, but not the reporter own PoC file nor a script run on a command line', () => {
    expect(places('Heap-buffer-overflow in catdoc version 0.95 (numutils.c)')).toEqual(['numutils.c']);
    expect(places('*   **Component:** `ip` command handler (`iproute2mac.py`)')).toEqual(['iproute2mac.py']);
    expect(places('Run the attached poc_crash.py against the server.')).toEqual([]);
    expect(places('python3 check.py --target 10.0.0.1')).toEqual([]);
  });

  it('takes a web script named with the line the bug is on, not a web page named alone', () => {
    expect(places('forum.php lines 59-62:\nfunctions.php lines 152-155:')).toEqual(['forum.php', 'functions.php']);
    expect(places('Upload shell.php as the avatar.')).toEqual([]);
  });

  it('leaves out the install folder on the test host that only encloses the place found', () => {
    expect(places('POST /app/service.php\nReferer: http://localhost:8070/app/?g=modules')).toEqual(['/app/service.php']);
    expect(places('GET /WorkArea/activateuser.aspx\nThe /WorkArea/ folder is served by IIS.')).toEqual(['/WorkArea/activateuser.aspx']);
  });

  it('keeps the top two frames of the product in a Valgrind trace, not its callers, the checker or the allocation site', () => {
    const trace = [
      '==27968== Invalid read of size 1',
      '==27968== at 0x412436: GetUINT16 (slp_message.c:63)',
      '==27968== by 0x4159C7: v2ParseSrvReg (slp_v2message.c:327)',
      '==27968== by 0x40BF4A: SLPDProcessMessage (slpd_process.c:1393)',
      '==27968== by 0x40256B: main (slpd_main.c:699)',
      "==27968== Address 0x5b5c3f1 is 0 bytes after a block of size 81 alloc'd",
      '==27968== at 0x4C28C20: malloc (vg_replace_malloc.c:296)',
      '==27968== by 0x40FC1C: SLPBufferAlloc (slp_buffer.c:67)',
    ].join('\n');
    expect(places(trace)).toEqual(['slp_message.c', 'slp_v2message.c']);
  });

  it("leaves out what a shell session types and lists: binaries, target files, the reporter's build", () => {
    const session = [
      'user@ubuntu:~/poc$ ls',
      'compile.sh  enjoy  enjoy.c  pwn  pwn.c  version.h',
      'user@ubuntu:~/poc$ ./pwn',
      '$ cp /bin/sh /tmp/test',
      '/bin/echo "r00t::0:0::/tmp:/bin/bash" >> /etc/passwd',
      'The desktop ships a world-writeable /etc/rc.d/rc.sysinit.',
    ].join('\n');
    expect(places(session)).toEqual(['/etc/rc.d/rc.sysinit']);
  });

  it('leaves out vulnerability databases, bug trackers and images of a write-up', () => {
    const refs = [
      'See https://www.cvedetails.com/cve/CVE-2016-1713/ and https://bugs.launchpad.net/ubuntu/+source/usb-creator/+bug/1447396',
      'and https://bugzilla.redhat.com/show_bug.cgi?id=1 and https://github.com/someone/Public/blob/master/exploits/shot.png',
      'The bug is in https://shop.example.com/cart/checkout.',
    ].join('\n');
    expect(places(refs)).toEqual(['https://shop.example.com/cart/checkout']);
  });

  it("leaves out a request's Referer and Origin, a numbered or marked-up References section and the device's mount points", () => {
    const text = [
      'GET /cgi-bin/admin/servetest?cmd=smtp HTTP/1.1',
      'Referer: http://192.168.1.100/progress.htm',
      'The file lands in /mnt/mtd.',
      '',
      '9. *References*',
      '[1] TP-Link TL-SC3171,',
      'http://www.tp-link.com/en/products/details/?model=TL-SC3171.',
      '',
      '[+] References',
      'SourceForge site: http://sourceforge.net/projects/pandora/',
    ].join('\n');
    expect(places(text)).toEqual(['/cgi-bin/admin/servetest']);
  });

  it('keeps product files whose names hold a PoC-like word, and reads no clock time as a file', () => {
    expect(places('The bug is in ResourceService.java and DataSource.java, called from source.c.')).toEqual([
      'ResourceService.java',
      'DataSource.java',
      'source.c',
    ]);
    expect(places('It crashed at 10 a.m. and again at 3 p.m. today.')).toEqual([]);
  });

  it('keeps a References list open across a description line without a colon', () => {
    expect(places('References\nVendor fix commit\nhttps://git.example.org/acme/commit/abc\n')).toEqual([]);
  });

  it('reads the path of a URL whose host is a placeholder ("http://<IP>:8080/…", "http://[site]/…")', () => {
    expect(places("curl -s http://<IP>:8080/main_internet.php? | egrep -i 'var pass'")).toEqual(['/main_internet.php']);
    expect(places('Exploit :\nhttp://[site]/[app]/cat.php?catid=-1%20union%20select%201\n')).toEqual(['/[app]/cat.php']);
  });

  it('takes no place from an "External Sources:" list or a vendor\'s product pages', () => {
    const text = [
      'External Sources:',
      'OSVDB - http://www.osvdb.org/show/osvdb/95519',
      'IBM xforce - http://xforce.iss.net/xforce/xfdb/85903',
      '',
      "Vendor's Network Router Product Pages:",
      'http://www.example.com/en/products/network/routers/',
      'http://support.example.com/download/notes/N900_FW_Release_Notes_1.07.16.pdf',
    ].join('\n');
    expect(places(text)).toEqual([]);
  });

  it('reads a roman-numbered References heading over its underline as one, and its links as references', () => {
    const text = 'VII. SOLUTION\n---\nDisable the plugin.\n\nVIII. REFERENCES\n-------------------------\nhttps://es.wordpress.org/plugins/some-player/\n';
    expect(places(text)).toEqual([]);
    // The underline belongs to the heading: a line of dashes further down still ends the list.
    expect(places('REFERENCES\n---\nhttps://vendor.org/a\n\nIX. POC\n---\nhttps://shop.com/cart.php?id=1\n')).toEqual(['https://shop.com/cart.php?id=1']);
  });

  it('leaves out a URL the report gives as its product page, also where the prose names it again', () => {
    const text =
      'Product URL: https://extensions.joomla.org/extension/dt-register\n\nThe DT Register extension\n(https://extensions.joomla.org/extension/dt-register) is vulnerable.\n';
    expect(places(text)).toEqual([]);
  });

  it('reads a Markdown link under words of its own as a citation, not one whose words are its address nor one into the code', () => {
    expect(
      places('rendered within a [`Choices`](https://labelstud.io/tags/choices) tag, see our [policy](https://securitylab.github.com/advisories#policy).'),
    ).toEqual([]);
    expect(places('1. Go to [https://demo.gleezcms.org/user/edit](https://demo.gleezcms.org/user/edit)')).toEqual(['https://demo.gleezcms.org/user/edit']);
    expect(
      places('because [`CheckBlob()` calls `checkCacheBlob()`](https://github.com/project-zot/zot/blob/v2.1.0/pkg/storage/imagestore/imagestore.go#L1158)'),
    ).toEqual(['pkg/storage/imagestore/imagestore.go']);
  });

  it('leaves out a URL a sentence offers to download or read from, not a test host it names so', () => {
    expect(places('The application can be downloaded from URL\nhttp://www.movabletype.com/download/.')).toEqual([]);
    expect(places('the code that can be found here: http://www.internals.com/utilities_main.htm')).toEqual([]);
    expect(places('The page can be found at http://192.168.0.1/admin/config.php')).toEqual(['http://192.168.0.1/admin/config.php']);
  });

  it("leaves out a footnote's URL unless it links into the product's code", () => {
    expect(places('as reported [1].\n\n[1] http://management.silicon.com/itpro/0,39024675,39157789,00.htm\n')).toEqual([]);
    expect(places('[1] https://android.googlesource.com/platform/system/nfc/+/a581069/src/nfc/tags/rw_t2t_ndef.cc#629\n')).toEqual([
      'src/nfc/tags/rw_t2t_ndef.cc',
    ]);
  });

  it('reads a screenshot page ending in a slash as a picture', () => {
    expect(places('Step 1: http://imageshack.us/f/837/etcshadowserversplunk0d.png/\n')).toEqual([]);
  });
});

describe('payload-shaped paths', () => {
  it('takes no path made only of escapes, nor the flags that end a regular expression', () => {
    expect(places('The check lets /%5C through, which the browser reads as //.')).toEqual([]);
    expect(places("html.replace(/<(?!area|br)(([\\w:-]+)[^>]*)\\/>/gi, '<$1></$2>') is the culprit in src/jqLite.js")).toEqual(['src/jqLite.js']);
  });
});

it('takes the workflow file a report names as the vulnerable GitHub workflow, not any YAML file it mentions', () => {
  expect(findLocations('When a user creates an issue it starts the Jira-issue.yaml GitHub workflow.').map((l) => l.value)).toEqual(['Jira-issue.yaml']);
  expect(findLocations('The ‘plugin-prechecks.yml’ GitHub workflow is vulnerable to code execution.').map((l) => l.value)).toEqual(['plugin-prechecks.yml']);
  expect(findLocations('Start it with docker-compose.yml and the default settings.').map((l) => l.value)).toEqual([]);
});

it("takes no package registry's or CDN's link (an import, a contact) nor a product's documentation page for the place", () => {
  const text = [
    "import { Hono } from 'https://deno.land/x/acme@v4.2.6/mod.ts'",
    'Report sent to the maintainers as per https://registry.npmjs.org/acme-zip/latest',
    'Set up as in https://acme.dev/getting-started/deno and https://help.acme.org/docs/config',
    'The traversal is in https://acme.example/static/files.php',
  ].join('\n');
  expect(places(text)).toEqual(['https://acme.example/static/files.php']);
});

it('takes a script named "in the X.php file" for the place, and not the web root a PoC is set up in or the hosts file it edits', () => {
  expect(places('The vulnerability lies in the run function within the toJpg.php file.')).toEqual(['toJpg.php']);
  expect(places("On line 86 of the 'index.js' file, the algorithm is taken from the token.")).toEqual(['index.js']);
  expect(places('Setup the following code in /var/www/html and add the name to /etc/hosts.')).toEqual([]);
  expect(places('The upload lands in /var/www/html/uploads/shell.php.')).toEqual(['/var/www/html/uploads/shell.php']);
});

it('takes a source file with its Windows folders whole', () => {
  expect(places('There are numerous issues in Acme.\nCore\\Acme\\Web\\AuthController.cs\n')).toEqual(['Core\\Acme\\Web\\AuthController.cs']);
});

it("takes no shell a script runs under and no host a script's setting points at for a place", () => {
  const script =
    'The `/admin/object/grid-proxy` endpoint runs the filter.\n\n#!/bin/bash\nBASE_URL=http://localhost:8084 # REPLACE THIS!\ncurl "${BASE_URL}/admin/object/grid-proxy?classId=EV"\n';
  expect(places(script)).toEqual(['/admin/object/grid-proxy']);
});

it("takes no file attached to an issue (a repository's /assets/ link) for a place", () => {
  const text =
    'The comment author URL is not escaped in FrontController.java.\nhttps://github.com/acme/blog/assets/71647398/77918cd5-5ef4-479f-bf97-02409231fc65\n';
  expect(places(text)).toEqual(['FrontController.java']);
});

it('takes no RFC and no file attached to an issue (user-attachments/files) for a place', () => {
  const text =
    'See https://tools.ietf.org/html/rfc7518#section-3.6 and https://github.com/user-attachments/files/15516798/poc.pdf; the bug is in the verify.js file.';
  expect(places(text)).toEqual(['verify.js']);
});

it('takes a route with placeholder segments whole ("/v2/<name>/blobs/<digest>"), but no closing HTML tag', () => {
  expect(places('A GET on /v2/<name>/blobs/<digest> reads any blob.')).toEqual(['/v2/<name>/blobs/<digest>']);
  expect(places('The payload <b>bold</b> closes its tag.')).toEqual([]);
});

it("takes no URL shortener's link (a PoC's redirect target) for a place", () => {
  expect(places('getFromWeb fetches https://tinyurl.com/y9waetyo&filename=x.pdf, which redirects to the internal page.')).toEqual([]);
});

it('lists a file named bare and with its folders once, with its folders', () => {
  const text = 'The overflow is in ssh.c: in src/lib/protocols/ssh.c the length is read from the packet.';
  expect(places(text)).toEqual(['src/lib/protocols/ssh.c']);
  expect(places('The defaults in config/default.json ship in QuoteGeneration/pccs/config/default.json.')).toEqual(['QuoteGeneration/pccs/config/default.json']);
});

it('leaves out a C header named beside the source file that goes wrong, and keeps a header named alone', () => {
  const text = 'The write in src/nfc/tags/rw_t2t_ndef.cc overruns the buffer declared in src/nfc/include/rw_int.h.';
  expect(places(text)).toEqual(['src/nfc/tags/rw_t2t_ndef.cc']);
  expect(places('The macro in include/buf.h does not check the length.')).toEqual(['include/buf.h']);
});

it("takes no GitHub discussion, CI run or a site's advisories index for a place", () => {
  const text =
    'As discussed in https://github.com/node-saml/xml-crypto/discussions/399 and seen in https://github.com/acme/app/actions/runs/1008/job/2787 (see https://securitylab.github.com/advisories), lib/signed-xml.js trusts the KeyInfo.';
  expect(places(text)).toEqual(['lib/signed-xml.js']);
});

it("takes no path from the words between SQL's inline comments, and keeps a glob's path, one set in bold and one before a payload", () => {
  // The script asked with its query is the place (requested-places.ts); no word between the comments is.
  expect(places('Exploit: category.php?cid=-12/**/union/**/select/**/1,concat(users_name,0x3a,users_password),3/**/from/**/users/*')).toEqual(['category.php']);
  expect(places('The upload handler at **/api/upload** stores any file.')).toEqual(['/api/upload']);
  expect(places('Vulnerable endpoint: /**/wp-admin/admin-ajax.php')).toEqual(['/wp-admin/admin-ajax.php']);
  expect(places('GET /search=<script>alert(1)</script>')).toEqual(['/search']);
});

it("takes no place from a regex playground or a demo sandbox, nor from a regular expression's flags and method", () => {
  expect(places('See this debugging session: https://regex101.com/r/XvYgkN/1/debugger and my demo https://codepen.io/webbiesdk/pen/xxOBLGj')).toEqual([]);
  expect(places('  return /^(?:https?:)?\\/\\/[a-z]+$/i.test(value);')).toEqual([]);
  // A path before a bracket is still one ("/odata/Products(1)").
  expect(places('GET /odata/Products(1) returns every row.')).toEqual(['/odata/Products']);
});

it('takes a route with its parameters whole, and no request that only fills in a route the report names', () => {
  // Express's ":param", an optional one with "?", a wildcard with "*".
  expect(places('#### `/zjol/paper/:id?`\n\n- https://rsshub.app/zjol/paper/evil.requestrepo.com%23\n')).toEqual(['/zjol/paper/:id']);
  expect(places('The route `/m4/:id?/:category*` fetches whatever it is given: https://rsshub.app/m4/a.example.org%23')).toEqual(['/m4/:id?/:category*']);
  // A request that leaves out the route's last parameters, and the route written without its braces.
  expect(
    places(
      '### Issue 2: file read in /Images/Ratings/theme/name\n\nThe /Images/Ratings/{theme}/{name} route reads any file:\n\nGET /Images/Ratings/c HTTP/1.1',
    ),
  ).toEqual(['/Images/Ratings/{theme}/{name}']);
  // A request to another route stays; so does a real path beside a square-bracket placeholder.
  expect(places('The /api/users/{id} route leaks; so does GET /api/orders/7 here.')).toEqual(['/api/users/{id}', '/api/orders/7']);
  expect(places('Vulnerable: http://[host]/[path]/index.php?x=1, e.g. http://10.0.0.5/app/index.php?x=1')).toEqual([
    '/[path]/index.php',
    'http://10.0.0.5/app/index.php?x=1',
  ]);
  // A regular expression's end and its method ("/.+_t$/.test(x)") are no path.
  expect(places('if (/.+_t$/.test(identifier)) return;')).toEqual([]);
});

it("takes no place from a dev server's bare origin, a release archive or a labelled link to the write-up", () => {
  expect(places('app.listen(port, () => console.log(`Listening at http://localhost:${port}`))')).toEqual([]);
  expect(places('curl "http://localhost:3000/?message=%3Cscript%3E"; server running at http://127.0.0.1:5000/')).toEqual([]);
  // A test host's root on a port of its own is an exposed service, and a page under the dev server is a place.
  expect(places('The admin interface at https://keymaster.example.com:6920/ needs no login.')).toEqual(['https://keymaster.example.com:6920/']);
  expect(places('Open http://localhost:8888/search?keyword=x')).toEqual(['http://localhost:8888/search?keyword=x']);
  expect(places('Get it from http://joomlacode.org/gf/download/frsrelease/6756/38088/com_gallery_1.14.3.zip; the bug is in /admin/upload.php')).toEqual([
    '/admin/upload.php',
  ]);
  expect(places('Advisory : http://marcell.example.de/index/adv_safari.php\nLive Demo : http://marcell.example.de/index/demo.html\n')).toEqual([]);
  expect(places('#Publication:\nhttps://gitbook.example.pt/cves/chamilo-lms-xss\n\nThe bug is in /main/inc/ajax/x.php')).toEqual(['/main/inc/ajax/x.php']);
  expect(places('Solution\nNew version of Pluck CMS 4.6 can be download here:\n\n\nhttp://www.pluck-cms.org/downloads/click.php?id=8\n')).toEqual([]);
});

it('takes nothing from a bare "URLs:" list of the vendor\'s site and downloads, and keeps the lines a vulnerable-URL label gives', () => {
  const urls =
    'Product: RSGallery2\n\nURLs:\nhttp://rsgallery2.net/\nhttp://joomlacode.org/gf/download/frsrelease/6756/38088/com_rsgallery2_1.14.3.zip\n\nThe backdoor is in ./language/english-utf8.php.\n';
  expect(extractedFields(urls).locations).toEqual(['./language/english-utf8.php']);
  expect(extractedFields('Vulnerable URL: https://www.acme.com/\n\nAnyone can read the admin page.\n').locations).toEqual(['https://www.acme.com/']);
});
