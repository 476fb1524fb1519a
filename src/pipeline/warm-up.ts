/**
 * Opens a built-in sample report once, so that a thread's first real message does not pay
 * for compiling the extractor. The extractor runs several hundred regular expressions, and
 * V8 compiles each on its first use: a thread's first report took 230 ms to read and its
 * second 33 ms, against 2-4 ms for the rest (issue 11). An open worker warms while it waits
 * for the Maildir pass to spool the backlog; the daemon warms once it has started, before
 * the first mail announced on IDLE. Warming costs the compiling the first message would
 * have paid anyway, so it delays nothing that was not already going to wait.
 * The sample is ours (plain text, no keys, nothing read from the database).
 */
import type { Limits } from '../limits.js';
import { openSpooled } from './open-stage.js';

const SAMPLE = [
  'From: Warm Up <warm-up@sectriage.invalid>',
  'To: security@sectriage.invalid',
  'Subject: Stored XSS in Example Wiki 2.4.1 comment form',
  'Message-ID: <warm-up@sectriage.invalid>',
  'Date: Mon, 07 Dec 2026 00:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hello security team,',
  '',
  '## Summary',
  'A stored cross-site scripting (CWE-79) in the comment form of Example Wiki lets any',
  'logged-in user run script in the browser of an administrator.',
  '',
  'Affected versions: 2.4.1 and earlier (fixed in 2.4.2?). Component: comments/render.php',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
  '',
  '## Steps to reproduce',
  '1. Log in as a normal user at https://wiki.example/login',
  '2. Post the comment <script>alert(document.cookie)</script>',
  '3. Open the page as an administrator: the alert shows.',
  '',
  '```',
  'curl -X POST https://wiki.example/comments -d "body=<script>alert(1)</script>"',
  '```',
  '',
  '## Impact',
  'Session theft and account takeover of administrators.',
  '',
  '## Mitigation',
  'Escape the comment body before rendering it.',
  '',
  'I plan to publish on 2027-03-01. Please credit me as Warm Up (@warmup).',
  '',
].join('\r\n');

/** True when the sample opened as a report with fields, i.e. the extractor ran end to end. */
export async function warmUp(limits: Limits): Promise<boolean> {
  const outcome = await openSpooled(Buffer.from(SAMPLE, 'utf8'), { teamKeys: [], limits, members: [], readFields: true, pinned: async () => undefined });
  return outcome.kind === 'opened' && outcome.fields !== undefined && outcome.sketch !== undefined;
}
