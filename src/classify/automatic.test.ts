import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { parseMail } from '../parse/parse.js';
import { automaticKind, noReplyReason } from './automatic.js';

const OURS = ['security@example.com'];

/** A plain RFC 5322 message with CRLF line endings; headers are given in order. */
function mail(headers: Array<[string, string]>, body = 'Hello,\r\nI found a bug.\r\n'): Buffer {
  const head = headers.map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${body}`, 'utf8');
}

const REPORT: Array<[string, string]> = [
  ['Return-Path', '<reporter@example.org>'],
  ['From', 'Rita Reporter <reporter@example.org>'],
  ['To', 'security@example.com'],
  ['Subject', 'XSS in the login form'],
  ['Message-ID', '<r1@example.org>'],
  ['Date', 'Mon, 01 Jun 2026 10:00:00 +0000'],
  ['MIME-Version', '1.0'],
  ['Content-Type', 'text/plain; charset=utf-8'],
];

function withHeaders(extra: Array<[string, string]>, drop: string[] = []): Array<[string, string]> {
  return [...REPORT.filter(([k]) => !drop.includes(k)), ...extra];
}

async function parse(raw: Buffer) {
  return parseMail(raw, { ...LIMITS });
}

describe('automaticKind', () => {
  it('a multipart/report delivery-status message is a bounce', async () => {
    const raw = Buffer.from(
      [
        'Return-Path: <>',
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
        'To: security@example.com',
        'Subject: Undelivered Mail Returned to Sender',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        '',
        '--B',
        'Content-Type: text/plain',
        '',
        'The mail system could not deliver your message.',
        '--B',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        'Final-Recipient: rfc822; nobody@example.org',
        'Action: failed',
        'Status: 5.1.1',
        '--B--',
        '',
      ].join('\r\n'),
    );
    const m = await parse(raw);
    expect(automaticKind(m, OURS)).toBe('bounce');
    expect(noReplyReason(m, OURS)).toBe('bounce');
  });

  it('a bounce is recognised even when From is an ordinary address (report-type decides)', async () => {
    const raw = Buffer.from(
      'From: someone@example.org\r\nReturn-Path: <someone@example.org>\r\nContent-Type: multipart/report; report-type="delivery-status"; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--X--\r\n',
    );
    expect(automaticKind(await parse(raw), OURS)).toBe('bounce');
  });

  it('MAILER-DAEMON with a null Return-Path <> is a bounce, even as text/plain', async () => {
    const m = await parse(
      mail([
        ['Return-Path', '<>'],
        ['From', 'MAILER-DAEMON@mx.example.org'],
        ['Subject', 'failure notice'],
      ]),
    );
    expect(automaticKind(m, OURS)).toBe('bounce');
  });

  it('postmaster with a null Return-Path is a bounce', async () => {
    const m = await parse(
      mail([
        ['Return-Path', '<>'],
        ['From', 'Postmaster <postmaster@mx.example.org>'],
        ['Subject', 'failure notice'],
      ]),
    );
    expect(automaticKind(m, OURS)).toBe('bounce');
  });

  it('MAILER-DAEMON with a real Return-Path is not taken for a bounce', async () => {
    const m = await parse(
      mail([
        ['Return-Path', '<someone@example.org>'],
        ['From', 'MAILER-DAEMON@mx.example.org'],
        ['Subject', 'hello'],
      ]),
    );
    expect(automaticKind(m, OURS)).toBeUndefined();
  });

  it('Auto-Submitted: auto-replied is an auto-reply', async () => {
    const m = await parse(mail(withHeaders([['Auto-Submitted', 'auto-replied']])));
    expect(automaticKind(m, OURS)).toBe('auto_reply');
    expect(noReplyReason(m, OURS)).toBe('auto_reply');
  });

  it('Auto-Submitted: auto-generated is automatic too', async () => {
    expect(automaticKind(await parse(mail(withHeaders([['Auto-Submitted', 'auto-generated']]))), OURS)).toBe('auto_reply');
  });

  it('Auto-Submitted: no (with or without a comment) is NOT automatic', async () => {
    for (const v of ['no', 'No', 'no (this was typed by a human)']) {
      const m = await parse(mail(withHeaders([['Auto-Submitted', v]])));
      expect(automaticKind(m, OURS)).toBeUndefined();
      expect(noReplyReason(m, OURS)).toBeUndefined();
    }
  });

  it('X-Autoreply and X-Autorespond mark an auto-reply', async () => {
    expect(automaticKind(await parse(mail(withHeaders([['X-Autoreply', 'yes']]))), OURS)).toBe('auto_reply');
    expect(automaticKind(await parse(mail(withHeaders([['X-Autorespond', 'Out of office']]))), OURS)).toBe('auto_reply');
  });

  it('Precedence: auto_reply marks an auto-reply', async () => {
    expect(automaticKind(await parse(mail(withHeaders([['Precedence', 'auto_reply']]))), OURS)).toBe('auto_reply');
  });

  it('mail from our own address is own_address (a loop), case-insensitively', async () => {
    const m = await parse(mail(withHeaders([['From', 'Security Team <Security@Example.COM>']], ['From'])));
    expect(automaticKind(m, OURS)).toBe('own_address');
    expect(noReplyReason(m, OURS)).toBe('own_address');
  });

  it('a normal report is not automatic', async () => {
    expect(automaticKind(await parse(mail(REPORT)), OURS)).toBeUndefined();
  });
});

describe('noReplyReason', () => {
  it('a normal report with a Return-Path may get a reply', async () => {
    expect(noReplyReason(await parse(mail(REPORT)), OURS)).toBeUndefined();
  });

  it('List-Id (or List-Post, List-Unsubscribe) means mailing_list, which is not automatic', async () => {
    for (const h of ['List-Id', 'List-Post', 'List-Unsubscribe', 'List-Help']) {
      const m = await parse(mail(withHeaders([[h, '<dev.lists.example.org>']])));
      expect(noReplyReason(m, OURS)).toBe('mailing_list');
      expect(automaticKind(m, OURS)).toBeUndefined();
    }
  });

  it('Precedence: list means mailing_list', async () => {
    expect(noReplyReason(await parse(mail(withHeaders([['Precedence', 'list']]))), OURS)).toBe('mailing_list');
  });

  it('Precedence: bulk (or junk) means bulk', async () => {
    expect(noReplyReason(await parse(mail(withHeaders([['Precedence', 'bulk']]))), OURS)).toBe('bulk');
    expect(noReplyReason(await parse(mail(withHeaders([['Precedence', 'junk']]))), OURS)).toBe('bulk');
  });

  it('a message without Return-Path gets no reply: missing_return_path', async () => {
    expect(noReplyReason(await parse(mail(withHeaders([], ['Return-Path']))), OURS)).toBe('missing_return_path');
  });

  it('a message with the null Return-Path <> gets no reply: null_return_path', async () => {
    const m = await parse(mail(withHeaders([['Return-Path', '<>']], ['Return-Path'])));
    expect(noReplyReason(m, OURS)).toBe('null_return_path');
    expect(automaticKind(m, OURS)).toBeUndefined();
  });

  it('an automatic kind wins over a list header', async () => {
    expect(
      noReplyReason(
        await parse(
          mail(
            withHeaders([
              ['List-Id', '<x>'],
              ['Auto-Submitted', 'auto-replied'],
            ]),
          ),
        ),
        OURS,
      ),
    ).toBe('auto_reply');
  });
});
