import { describe, expect, it } from 'vitest';
import { render } from './templates.js';
import type { TeamMailParams } from './templates-team.js';

const base = { trackingId: 'SEC-2026-7K3QD', to: 'rita@example.net', toName: 'Rita', teamAddress: 'security@example.com', timezone: 'UTC' };

describe('team mail templates', () => {
  it('a status notice names the tracking ID and the state, and asks for encryption only when plain', () => {
    const p: TeamMailParams = { ...base, kind: 'status_notice', state: 'fix_released' };
    const plain = render(p, false);
    expect(plain.subject).toBe('[SEC-2026-7K3QD] Status of your security report: fix released');
    expect(plain.text).toMatch(/Your report SEC-2026-7K3QD is now fixed: a fix has been released\./);
    expect(plain.text).toMatch(/Please encrypt/);
    expect(render(p, true).text).not.toMatch(/Please encrypt/);
  });

  it('a closing notice says the resolution in words', () => {
    const r = render({ ...base, kind: 'status_notice', state: 'closed', resolution: 'duplicate' }, true);
    expect(r.text).toMatch(/We closed it as a duplicate of a report we had already received\./);
  });

  it('a refusal says why and never carries the command text', () => {
    const r = render({ ...base, to: 'alice@example.com', kind: 'command_result', accepted: false, reason: 'signer_mismatch', lines: [] }, false);
    expect(r.subject).toBe('[SEC-2026-7K3QD] Refused: your command mail (signer_mismatch)');
    expect(r.text).toMatch(/signed with another team member's key/);
  });

  it('a team reply is the team text, in the thread of the case', () => {
    const r = render({ ...base, kind: 'team_reply', text: 'We fixed it in 2.4.1.\r\n' }, true);
    expect(r.subject).toBe('[SEC-2026-7K3QD] Re: your security report');
    expect(r.text).toBe('We fixed it in 2.4.1.\n\n-- \nSecurity team <security@example.com>\n');
  });
});
