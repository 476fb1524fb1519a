// A PoC too large to hold in memory comfortably (issue 11) goes through the whole pipeline
// the same way a small report does: spooled in pieces, opened through spill files, its
// attachment stored in pieces and intact, a case and an acknowledgement, one commit. A
// tampered one stores nothing of what it decrypted. Memory itself is measured by
// `npm run bench -- big-message`, not here.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import { innerMime, pgpMimeEncrypted } from '../../test/helpers/mail.js';
import { fixtureTeamKeys, memoryPipeline, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { attachmentContent } from '../cases/store/messages.js';
import { DEFAULTS, MiB } from '../limits.js';
import { opened } from '../../test/helpers/opened-sql.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const openFds = (): number => readdirSync('/proc/self/fd').length;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function bigReport(attachment: Buffer): Promise<{ raw: Buffer; armored: string }> {
  const team = (await fixtureTeamKeys('team-gpg-cv25519.sec.asc')).current;
  const inner = innerMime({
    from: 'Rita <rita@example.net>',
    to: 'security@example.com',
    subject: 'RCE in the upload handler',
    body: 'Hello,\n\nThe upload handler at /api/upload runs what it is given. A video of the PoC is attached.\n',
    attachments: [{ filename: 'poc.webm', contentType: 'video/webm', content: attachment }],
  });
  const armored = (await openpgp.encrypt({ message: await openpgp.createMessage({ binary: inner }), encryptionKeys: team.toPublic() })) as string;
  const raw = pgpMimeEncrypted({ from: 'Rita <rita@example.net>', to: 'security@example.com', armoredCiphertext: armored });
  return { raw: Buffer.concat([Buffer.from('Return-Path: <rita@example.net>\r\n'), raw]), armored };
}

describe('a large report (over DEFAULTS.openSpillAboveBytes)', () => {
  const attachment = randomBytes(4 * MiB);

  it('makes a case and an acknowledgement, with the attachment stored in pieces and intact', async () => {
    p = await memoryPipeline();
    const { raw } = await bigReport(attachment);
    expect(raw.length).toBeGreaterThan(DEFAULTS.openSpillAboveBytes);
    const before = openFds();
    const id = await p.deliver(raw);
    const s = p.db.prepare('SELECT state, disposition, case_id AS caseId, raw FROM spool WHERE id = ?').get(id) as {
      state: string;
      disposition: string;
      caseId: number;
      raw: Buffer;
    };
    expect([s.state, s.disposition]).toEqual(['done', 'new_case']);
    expect(s.raw.length).toBe(0); // the message's bytes are in spool_chunks
    const a = p.db.prepare('SELECT a.id, a.filename, a.size, a.sha256, a.encrypted, length(a.content) AS inline FROM attachments a').all() as Array<{
      id: number;
      filename: string;
      size: number;
      sha256: string;
      encrypted: number;
      inline: number;
    }>;
    expect(a.map((x) => [x.filename, x.size, x.sha256, x.encrypted, x.inline])).toEqual([['poc.webm', attachment.length, sha256(attachment), 1, 0]]);
    expect(attachmentContent(p.db, a[0]!.id)?.equals(attachment)).toBe(true);
    const outbox = p.db.prepare('SELECT kind FROM outbox WHERE case_id = ?').all(s.caseId) as Array<{ kind: string }>;
    expect(outbox.map((o) => o.kind)).toEqual(['ack']);
    expect(openFds()).toBe(before); // every spill file closed, so gone
  });

  it('tampered on the way, it is undecryptable and nothing it decrypted to is stored', async () => {
    p = await memoryPipeline();
    const { armored } = await bigReport(attachment);
    const { data } = await openpgp.unarmor(armored);
    const bytes = Buffer.from(data as Uint8Array);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    const raw = pgpMimeEncrypted({
      from: 'Rita <rita@example.net>',
      to: 'security@example.com',
      armoredCiphertext: openpgp.armor(openpgp.enums.armor.message, bytes),
    });
    const before = openFds();
    await p.deliver(Buffer.concat([Buffer.from('Return-Path: <rita@example.net>\r\n'), raw]));
    const m = p.db.prepare(`SELECT encryption, ${opened('messages', 'body_text')} AS text FROM messages`).all() as Array<{
      encryption: string;
      text: string | null;
    }>;
    expect(m.map((x) => x.encryption)).toEqual(['undecryptable']);
    expect(m[0]!.text ?? '').not.toContain('upload handler');
    expect(p.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
    expect(p.db.prepare('SELECT count(*) AS n FROM attachment_chunks').get()).toEqual({ n: 0 });
    expect(openFds()).toBe(before);
  });
});
