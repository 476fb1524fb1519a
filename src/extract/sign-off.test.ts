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
