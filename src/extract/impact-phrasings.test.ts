// Impact sentences as tracker issues write them, read off the tune part (2026-12-07): "hackers" as the actor,
// a part that "could be abused … to perform requests", a forged request that "could force them to" act. Each
// with the nearby sentence that must stay no impact: a reporter who calls himself an ethical hacker, a feature
// "used to perform queries", a rule the product forces on its users. Also a title that says any file can be
// uploaded (gh-mamute-158), typed as an unrestricted upload.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

const impactOf = (sentence: string): unknown =>
  extractedFields(`The download handler does not sanitise the path parameter.\n\n${sentence}\n`, 'Directory traversal in webserver').impact;

const typeOf = (subject: string): unknown => extractedFields('Details below.', subject).vulnType;

describe('impact sentences of tracker issues', () => {
  it('takes hackers as the actor, as attackers are', () => {
    const s = 'Hackers can gain access to a wealth of sensitive information including configuration files.';
    expect(impactOf(s)).toBe(s);
    expect(impactOf('The hacker could read any file on the server.')).toBe('The hacker could read any file on the server.');
  });

  it('does not read a reporter who calls himself a hacker, of any hat, as the attacker', () => {
    expect(impactOf('I am an ethical hacker and I can share the details with your team.')).toBeUndefined();
    expect(impactOf('As a white hat hacker I could send you the report by mail.')).toBeUndefined();
    // An independent review's cases (2026-12-07): other self-descriptions, and hackers who may only know of it.
    expect(impactOf('I am a bug bounty hacker and I may have found an issue in your password reset page.')).toBeUndefined();
    expect(impactOf("I'm a grey hat hacker and I could share more details over Signal.")).toBeUndefined();
    expect(impactOf('As a hacker myself I could not resist taking a look at it.')).toBeUndefined();
    expect(impactOf('Hackers may already know about this; I saw it discussed on a forum.')).toBeUndefined();
  });

  it('takes what a misused part can be made to do: perform requests, send calls', () => {
    const s = 'This module could be abused by attackers to perform requests to internal servers.';
    expect(impactOf(s)).toBe(s);
    expect(impactOf('The webhook can be exploited to send forged requests to the metadata service.')).toBe(
      'The webhook can be exploited to send forged requests to the metadata service.',
    );
  });

  it('does not take what a part is for ("can be used to perform queries")', () => {
    expect(impactOf('The search box can be used to perform queries on the catalogue.')).toBeUndefined();
  });

  it('takes what a forged request forces its victim to do', () => {
    const s = 'Any malicious site the user is browsing could force them to logout transparently.';
    expect(impactOf(s)).toBe(s);
    expect(impactOf('A crafted link could force the admin to delete the page.')).toBe('A crafted link could force the admin to delete the page.');
  });

  it('does not take a rule the product forces on its users', () => {
    expect(impactOf('The new policy will force users to change their password every 90 days.')).toBeUndefined();
  });
});

describe('a title that says any file can be uploaded', () => {
  it('types it an unrestricted file upload', () => {
    expect(typeOf('Security issue: User is able to upload any file as his avatar')).toBe('unrestricted file upload');
    expect(typeOf('Arbitrary files can be uploaded through the import form')).toBe('unrestricted file upload');
  });

  it('does not type an upload that is refused or limited, nor a button that uploads all files', () => {
    expect(typeOf('Upload fails for any file over 2 MB')).toBeUndefined();
    expect(typeOf('Upload all files button does not check folder permissions')).toBeUndefined();
  });
});

describe('a title that says a shell gets uploaded', () => {
  it('types it an unrestricted file upload (edb-48923, batch 82)', () => {
    expect(typeOf('GOautodial 4.0 - Authenticated Shell Upload')).toBe('unrestricted file upload');
    expect(typeOf('Uploading a webshell through the avatar form')).toBe('unrestricted file upload');
  });

  it('does not type a shell that is only run', () => {
    expect(typeOf('Reverse shell after login')).not.toBe('unrestricted file upload');
  });
});
