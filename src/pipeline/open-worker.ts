/**
 * An open worker (worker thread): loads the config, the team keys and the team keyring
 * once, opens the database read-only (pinned reporter keys), warms its extractor on a
 * sample (warm-up.ts), then opens each message the main thread sends, returning the outcome in wire form; and renders the outbox rows it
 * is given (the replies a backlog queues: signing and encrypting them is CPU the single
 * writer need not spend). It writes nothing and logs nothing: the main thread records,
 * sends and logs. Input: spool bytes (hostile); outbox parameters (ours).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { duplicatesAhead } from '../cases/store/duplicates.js';
import { pinnedFingerprint, pinnedKey } from '../cases/store/reporter-keys.js';
import { loadConfig } from '../config/load.js';
import { openDatabaseReadOnly } from '../db/open.js';
import { describeError } from '../errors.js';
import { silentLogger } from '../log.js';
import { loadTeamKeys } from '../open/team-keys.js';
import { loadTeamMemberKeys } from '../open/team-members.js';
import { renderMail } from '../outbox/render.js';
import type { NewReportSketch } from '../extract/report-sketch.js';
import type { MailParams } from '../outbox/templates.js';
import { renderContext } from '../send/render-context.js';
import { openSpooled, outcomeToWire } from './open-stage.js';
import { warmUp } from './warm-up.js';

export interface OpenJob {
  id: number;
  raw: Uint8Array;
}

export interface RenderJob {
  id: number;
  render: { params: MailParams & { messageId: string; date: string }; auto: boolean };
}

/** The first message to a prestarted worker (open-prestart.ts): what workerData gives any other. */
export interface Configure {
  configure: { configFile: string; teamAddress: string };
}

const port = parentPort;
if (!port) throw new Error('open-worker.js runs only as a worker thread');
// A prestarted worker has loaded its modules (the imports above) by now, while the main
// thread loaded its own; it learns its config when the pool adopts it.
// One listener from the start: jobs that come while the keys load wait in `early`.
const given = workerData as { configFile: string; teamAddress: string } | { prestarted: true };
const early: Array<OpenJob | RenderJob> = [];
let take: (job: OpenJob | RenderJob) => void = (job) => early.push(job);
let configured: (c: Configure['configure']) => void = () => {};
const configuration = new Promise<Configure['configure']>((resolve) => (configured = resolve));
port.on('message', (m: OpenJob | RenderJob | Configure) => ('configure' in m ? configured(m.configure) : take(m)));
const { configFile, teamAddress } = 'prestarted' in given ? await configuration : given;
const config = loadConfig(configFile);
const teamKeys = await loadTeamKeys(config.keys.teamPrivateKey, config.keys.passphrase, silentLogger);
const members = await loadTeamMemberKeys(config.team);
const db = openDatabaseReadOnly(config.database);
const deps = {
  teamKeys: teamKeys.keys,
  limits: config.limits,
  members,
  readFields: true,
  pinned: async (address: string) => {
    const fingerprint = pinnedFingerprint(db, address);
    const key = fingerprint ? await pinnedKey(db, address) : undefined;
    return key && fingerprint ? { key, fingerprint } : undefined;
  },
  duplicatesAhead: (sketch: NewReportSketch) => duplicatesAhead(db, sketch),
};
const render = renderContext(config.smtp.from, teamAddress, teamKeys, members, db);
// The port, narrowed by the check above (a function declared below would not see that check).
const reply = port;
function run(job: OpenJob | RenderJob): Promise<void> {
  if ('render' in job) {
    return (
      renderMail(job.render.params, job.render.auto, render)
        .then((bytes) => reply.postMessage({ id: job.id, rendered: bytes }))
        // The main thread renders it again and, if it fails there too, parks the row with the reason.
        .catch((e: unknown) => reply.postMessage({ id: job.id, error: describeError(e) }))
    );
  }
  const raw = Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength);
  return (
    openSpooled(raw, deps)
      .then((outcome) => reply.postMessage({ id: job.id, outcome: outcomeToWire(outcome) }))
      // Something that cannot cross (a value structured clone refuses) is our problem, not the
      // message's: the main thread then opens it itself.
      .catch((e: unknown) => reply.postMessage({ id: job.id, error: describeError(e) }))
  );
}

// One job at a time, in the order sent: the messages read ahead wait here as bytes, and only
// the one in hand is decrypted and parsed (each may grow to limits.maxDecryptedBytes), so the
// read-ahead bounds memory by its bytes, not by that many messages opened at once.
// First the warm-up (warm-up.ts), ahead of any job: it compiles what the first job would. Ready
// only once warm: the pool gives a ready worker with nothing in hand a lone reply to render at once.
const warm = warmUp(config.limits).then(
  () => {},
  () => {},
);
let queue = warm;
take = (job) => {
  queue = queue.then(() => run(job));
};
early.splice(0).forEach(take);
void warm.then(() => reply.postMessage({ ready: true }));
