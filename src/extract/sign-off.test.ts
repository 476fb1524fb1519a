import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { signOffCredit } from './sign-off.js';

const credit = (text: string, subject = 'Stored XSS in Acme Wiki') => extractReport({ text, subject }).fields.credit?.value;
const body = 'Hi team,\n\nThe page title of Acme Wiki 2.1 is shown unescaped: a title of <script>alert(1)</script> runs in every reader.\n\n';

describe("the writer under a mail's sign-off is credited when the text names no finder", () => {
  it('credits a name or a first name under "Thanks," or "Kind regards,", and a handle under "Best Regards."', () => {
    expect(credit(`${body}Thanks,\nSimon\n`)).toEqual({ kind: 'name', name: 'Simon' });
    expect(credit(`${body}Kind regards,\n\nPiyush Patil\n`)).toEqual({ kind: 'name', name: 'Piyush Patil' });
    expect(credit(`${body}Best Regards.\n@doosec101\n`)).toEqual({ kind: 'handle', name: 'doosec101' });
    expect(credit(`${body}Cheers,\nx0rz_42\n`)).toEqual({ kind: 'handle', name: 'x0rz_42' });
  });

  it('reads the name past its address or handle, and past the title lines under it', () => {
    expect(credit(`${body}Regards,\nJohn Smith <john@acme-research.org>\nSenior Researcher\nAcme Research\n`)).toEqual({ kind: 'name', name: 'John Smith' });
    expect(credit(`${body}Thanks,\nJane Roe (@jroe)\n`)).toEqual({ kind: 'name', name: 'Jane Roe' });
  });

  it('credits no team, role or link under a sign-off, and no name far above the end', () => {
    expect(credit(`${body}Thanks,\nThe Acme Security Team\n`)).toBeUndefined();
    expect(credit(`${body}Regards,\nSecurity Researcher\n`)).toBeUndefined();
    expect(credit(`${body}Thanks,\nhttps://acme.example/blog\n`)).toBeUndefined();
    expect(signOffCredit(`Thanks,\nSimon\n${'More text about the bug.\n'.repeat(20)}`)).toBeUndefined();
  });

  it('lets a stated wish win over the sign-off', () => {
    expect(credit(`${body}Please credit me as Jane Doe in the advisory.\n\nThanks,\nJ.D.\n`)).toEqual({ kind: 'name', name: 'Jane Doe' });
  });

  it('does not take the recipient of a greeting for the writer', () => {
    expect(credit('Hi Simon,\n\nThe page title of Acme Wiki 2.1 is shown unescaped.\n')).toBeUndefined();
  });
});

describe('an exploit header\'s "Discovery by:" line', () => {
  it('credits the finder it names', () => {
    expect(credit('# Exploit Title: Memu Play 7.1.3 - Insecure Folder Permissions\n# Discovery by: chuyreds\n# Discovery Date: 2020-03-08\n')).toEqual({
      kind: 'handle',
      name: 'chuyreds',
    });
  });
});

describe('what is no sign-off name (an independent review of the rule)', () => {
  it('takes no signature separator, reply separator or footer line for a handle', () => {
    expect(credit(`${body}Thanks,\n\n-- \nYou received this message because you are subscribed to the Google Groups "acme-security" group.\n`)).toBeUndefined();
    expect(credit(`${body}Thanks!\n\n---\n*Filed via the issue template*\n`)).toBeUndefined();
    expect(credit(`${body}Thanks,\n\n________________________________\nFrom: Acme Security <security@acme.example>\n`)).toBeUndefined();
    expect(credit(`${body}Regards,\n01.03.2021\n`)).toBeUndefined();
  });

  it('reads a name past a full stop, a dash or a certification', () => {
    expect(credit(`${body}Thanks,\nSimon.\n`)).toEqual({ kind: 'name', name: 'Simon' });
    expect(credit(`${body}Thanks!\n-Simon\n`)).toEqual({ kind: 'name', name: 'Simon' });
    expect(credit(`${body}Regards,\nJohn Smith OSCP\n`)).toEqual({ kind: 'name', name: 'John Smith' });
    expect(credit(`${body}Regards,\nMcGregor\n`)).toEqual({ kind: 'name', name: 'McGregor' });
    expect(credit(`${body}Thanks,\n张伟\n`)).toEqual({ kind: 'name', name: '张伟' });
  });

  it("credits the writer, not the vendor quoted under or above the writer's own sign-off", () => {
    const topPosted =
      'Any update?\n\nThanks,\nSimon\n\nOn Mon, Mar 1, 2021 Maria Lopez <maria@acme.example> wrote:\n> Hi Simon,\n> We have reproduced the issue.\n> Best regards,\n> Maria Lopez\n> Acme Product Security\n';
    expect(credit(topPosted)).toEqual({ kind: 'name', name: 'Simon' });
    const bottomPosted =
      'Maria Lopez wrote:\n> Which version did you test?\n>\n> Regards,\n> Maria Lopez\n\nAcme Wiki 2.1; the page title is not escaped.\n\nThanks,\nSimon\n';
    expect(credit(bottomPosted)).toEqual({ kind: 'name', name: 'Simon' });
  });

  it('credits no sign-off inside a payload, no closing phrase, role or organisation, and no opening "Greetings,"', () => {
    const payload =
      '## Steps To Reproduce\n1. Set your display name to `<a href=//evil.example>Click here</a>`\n2. Invite the victim. The victim receives:\n\n```\nHi there,\nClick here invited you to join Acme.\nThanks,\nAcme\n```\n\n## Impact\nPhishing from a trusted sender.\n';
    expect(credit(payload, 'HTML injection in invitation email')).toBeUndefined();
    for (const signer of ['Happy Hacking', 'Stay Safe', 'Penetration Tester', 'Acme PSIRT', 'Apache Foundation', 'CTO', 'Administrator'])
      expect(credit(`${body}Thanks again,\n${signer}\n`), signer).toBeUndefined();
    expect(
      credit('Greetings,\n\nSummary\nStored XSS in Acme Wiki 2.1 page titles.\n\nSteps\n1. Create a page titled <script>alert(1)</script>\n'),
    ).toBeUndefined();
  });
});
