// Report content sealed at rest, on a database file: a canary from a plain report is in
// neither the file, its WAL nor a backup, while every reader sees it; the file alone
// (without its key) opens nothing; and the cases where a data key is not at hand.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getCase, insertCase } from '../cases/store/cases.js';
import { insertAttachments, insertMessage, attachmentContent } from '../cases/store/messages.js';
import { appendEvent, caseEvents, verifyEventChain } from '../cases/store/event-log.js';
import { searchCaseTexts } from '../cases/store/search.js';
import { openDatabase, openDatabaseReadOnly, type Db } from '../db/open.js';
import { backupDatabase } from '../ops/backup.js';
import { spoolMessage, nextIncoming } from '../spool/spool.js';

const root = mkdtempSync(join(tmpdir(), 'sectriage-seal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CANARY = 'canary-5e1f9a-stored-xss-in-acme-forum';

function fileDb(name: string): { db: Db; path: string } {
  const path = join(root, name, 'sectriage.db');
  return { db: openDatabase(path), path };
}

function recordPlainReport(db: Db, n: number): number {
  return db
    .transaction(() => {
      const at = new Date('2026-12-01T10:00:00Z');
      const caseId = insertCase(db, {
        trackingId: `SEC-2026-CAN${n}X`,
        reporterName: null,
        reporterEmail: 'rita@example.net',
        subject: `Subject ${CANARY}`,
        policy: 'default',
        at,
        encryption: 'none',
        signature: 'none',
        signerFingerprint: null,
        relatedCaseId: null,
        noReplyReason: null,
      });
      const m = insertMessage(db, {
        caseId,
        spoolId: null,
        direction: 'in',
        messageId: `<m${n}@example.net>`,
        inReplyTo: null,
        refs: [],
        fromAddr: 'rita@example.net',
        fromName: null,
        subject: `Subject ${CANARY}`,
        bodyText: `Body ${CANARY}\nsteps: open /forum and post <script>`,
        unencryptedText: null,
        encryption: 'none',
        signatures: [],
        at,
      });
      insertAttachments(db, m, [{ filename: 'poc.html', contentType: 'text/html', content: Buffer.from(`<p>${CANARY}</p>`), encrypted: false }]);
      appendEvent(db, { caseId, at: at.toISOString(), actor: 'cli:alice', type: 'note_added', data: { note: `note ${CANARY}` } });
      return caseId;
    })
    .immediate();
}

const bytesOf = (f: string): Buffer => (existsSync(f) ? readFileSync(f) : Buffer.alloc(0));

describe('report content sealed at rest', () => {
  it('a canary from a plain report is not in the database file, its WAL or a backup; every reader still sees it', async () => {
    const { db, path } = fileDb('canary');
    spoolMessage(db, { source: 'stdin', raw: Buffer.from(`From: rita@example.net\r\nSubject: x\r\n\r\n${CANARY}\r\n`), receivedAt: new Date() });
    const caseId = recordPlainReport(db, 1);
    // The WAL is where a fresh write sits first: look before and after the checkpoint.
    expect(bytesOf(`${path}-wal`).length).toBeGreaterThan(0);
    expect(bytesOf(`${path}-wal`).includes(CANARY)).toBe(false);
    expect(bytesOf(path).includes(CANARY)).toBe(false);
    const backup = join(root, 'canary', 'backup.db');
    await backupDatabase(db, backup);
    expect(bytesOf(backup).includes(CANARY)).toBe(false);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(bytesOf(path).includes(CANARY)).toBe(false);

    expect(getCase(db, caseId)?.subject).toBe(`Subject ${CANARY}`);
    expect(caseEvents(db, caseId).find((e) => e.type === 'note_added')?.data).toMatchObject({ note: `note ${CANARY}` });
    const att = db.prepare('SELECT id FROM attachments').pluck().get() as number;
    expect(attachmentContent(db, att)?.toString()).toBe(`<p>${CANARY}</p>`);
    expect(nextIncoming(db)?.raw?.toString()).toContain(CANARY);
    expect(searchCaseTexts(db, 'canary-5e1f9a', 5).map((h) => h.caseId)).toEqual([caseId]);
    expect(verifyEventChain(db)).toEqual({ ok: true, count: 1 });
    db.close();

    // Another process (a read-only CLI) reads it through its own connection and the key file.
    const ro = openDatabaseReadOnly(path);
    expect(getCase(ro, caseId)?.subject).toBe(`Subject ${CANARY}`);
    ro.close();
  });

  it('without its key file the database opens nothing, and no new key is made in its place', () => {
    const { db, path } = fileDb('lost-key');
    recordPlainReport(db, 2);
    db.close();
    rmSync(join(root, 'lost-key', 'sealing.key'));
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ code: 'SEAL_KEY_MISSING', message: expect.stringMatching(/sealing key .* is missing/) }),
    );
    expect(() => openDatabaseReadOnly(path)).toThrow(expect.objectContaining({ code: 'SEAL_KEY_MISSING' }));
    expect(existsSync(join(root, 'lost-key', 'sealing.key'))).toBe(false);
  });

  it("a sealed value copied into another case's row does not open there", () => {
    const { db } = fileDb('moved');
    const a = recordPlainReport(db, 3);
    const b = recordPlainReport(db, 4);
    db.prepare('UPDATE cases SET subject = (SELECT subject FROM cases WHERE id = ?) WHERE id = ?').run(a, b);
    expect(getCase(db, a)?.subject).toContain(CANARY);
    expect(() => getCase(db, b)).toThrow(/does not open/);
    db.close();
  });

  it('a case written by another process is read with a key this one never made (through a second, read-only connection)', () => {
    const { db, path } = fileDb('two');
    const other = openDatabase(path);
    const id = recordPlainReport(other, 5);
    other.close();
    expect(getCase(db, id)?.subject).toContain(CANARY);
    db.close();
  });

  it('a case whose transaction rolled back leaves no key behind: the next case with its id gets a key of its own that every process reads', () => {
    const { db, path } = fileDb('rollback');
    expect(() =>
      db
        .transaction(() => {
          recordPlainReport(db, 6);
          throw new Error('crash before commit');
        })
        .immediate(),
    ).toThrow(/crash before commit/);
    const id = recordPlainReport(db, 7);
    expect(getCase(db, id)?.subject).toContain(CANARY);
    const ro = openDatabaseReadOnly(path);
    expect(getCase(ro, id)?.subject).toContain(CANARY);
    ro.close();
    db.close();
  });
});
