/**
 * Every limit and default of sectriage, in one place, with its unit and the reason
 * for its value (imapflow's limits file and graphile-worker's config are the models).
 * Config may override the `limits` group; nothing else in src/ hard-codes a number
 * that an operator could want to change.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const KiB = 1024;
export const MiB = 1024 * KiB;

export const LIMITS = {
  /** Largest raw message accepted into the spool. Larger mail is held, never half-parsed.
   *  50 MB matches common MTA defaults (Postfix message_size_limit is 10 MB; Gmail 25 MB
   *  plus encoding overhead), leaving room for PoC archives and videos. */
  maxMessageBytes: 50 * MiB,
  /** Most attachments kept from one message (after decryption). A report with more is
   *  held: it is almost certainly not a hand-written report, and each one is a row. */
  maxAttachments: 100,
  /** Largest plaintext that decryption may produce, compressed or not. openpgp.js's
   *  default is unlimited; 64 KB of zlib can expand to gigabytes. 4x the message limit
   *  still fits every honest compressed PoC. */
  maxDecryptedBytes: 200 * MiB,
  /** PGP armored blocks looked at in one message; more is an attack or a mistake. */
  maxPgpBlocks: 20,
  /** Encrypted session keys (recipients) in one OpenPGP message. Each costs a private-key
   *  operation per team key (RSA-3072 constant-time: ~70 ms), so 200 of them cost 15 s;
   *  real mail to security@ has a handful (us, the reporter, a CC). */
  maxPgpRecipients: 32,
  /** Hidden recipients (key ID 0): every team key must be tried on each one. */
  maxPgpHiddenRecipients: 4,
  /** mailparser: HTML longer than this is not turned into text (it is kept as a file). */
  maxHtmlBytesToParse: 2 * MiB,
  /** IMAP literals larger than this are refused by the client; must exceed maxMessageBytes. */
  imapMaxLiteralBytes: 64 * MiB,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

export const DEFAULTS = {
  /** Console: WebAuthn challenges waiting at most (each a few dozen bytes; anyone may ask for
   *  a login one, so a flood drops the oldest instead of growing memory and time). */
  webChallengesMax: 10_000,
  /** Console: keys the /login rate limiter keeps at most (client IPs, asked-for addresses). */
  webRateLimitKeysMax: 50_000,
  /** How often the IMAP source re-checks the mailbox even when IDLE reported nothing:
   *  IDLE `exists` events can silently stop (imapflow #14, #98). */
  imapPollInterval: 60 * SECOND,
  /** imapflow re-issues IDLE after this long; servers drop IDLE after ~30 min (RFC 9051). */
  imapMaxIdleTime: 10 * MINUTE,
  /** How soon after a pass the connection goes back into IDLE. imapflow's own default is 15 s,
   *  and mail that arrives in that gap waits for it (pickup measured at p50 8.2 s / p95 15 s,
   *  issue 11). A pass holds the mailbox lock for its whole sequence, and imapflow never starts
   *  IDLE while a lock is held, so a short delay cannot cut into one. */
  imapAutoIdleDelay: 100,
  /** Reconnect backoff after a dropped IMAP connection: doubles from min to max. */
  reconnectMinDelay: 1 * SECOND,
  reconnectMaxDelay: 5 * MINUTE,
  /** Outbox retry backoff for temporary SMTP failures: doubles from min to max... */
  sendRetryMinDelay: 1 * MINUTE,
  sendRetryMaxDelay: 4 * HOUR,
  /** ...and after this long a temporary failure becomes permanent (Postfix maximal_queue_lifetime is 5 d). */
  sendMaxQueueLifetime: 5 * DAY,
  /** Automatic replies to one sender address in a rolling window (RFC 3834 §2: "should not
   *  send more than one reply per sender per period"); a mail loop stops here at worst. */
  autoReplyPerSenderLimit: 5,
  autoReplyPerSenderWindow: 1 * DAY,
  /** Past autoReplyPerSenderLimit, the first acknowledgement of a distinct new report from a
   *  sender that is not a machine still goes out (a researcher's sixth report of the day)...
   *  up to this many automatic replies in the window: a loop of ever-different mail from a
   *  misconfigured responder that looks human still stops here. */
  autoReplyPerSenderHardLimit: 20,
  /** Refusals of emailed commands answered per team member in autoReplyPerSenderWindow.
   *  Higher than the per-sender limit for strangers (a member may get several commands
   *  wrong in a day); still a bound if a broken autoresponder answers our answers. */
  commandRefusalReplyLimit: 20,
  /** Times a spool entry may fail processing (an unexpected error, not a bad message:
   *  those are held at once) before it is held for an operator. */
  processMaxAttempts: 3,
  /** How long SIGTERM waits for the message in hand before giving up. */
  shutdownGrace: 30 * SECOND,
  /** A row claimed for sending longer ago than this is treated as abandoned even if its
   *  claimer's pid is alive (pid reuse): longer than any SMTP session can take. */
  sendClaimLifetime: 30 * MINUTE,
  /** SMTP socket timeouts (nodemailer defaults are 2 min / 10 min; a stuck relay should fail sooner). */
  smtpConnectionTimeout: 30 * SECOND,
  smtpSocketTimeout: 2 * MINUTE,
  /** An SMTP session stays open this long after its last message, for the next one of a
   *  burst: a new session per message cost ~100 ms on loopback (connect, greeting, EHLO,
   *  QUIT) and made the drain wait on the relay (issue 11). Short, because a relay gives
   *  an idle client only minutes (Postfix smtpd_timeout 300 s) and slots are shared. */
  smtpIdleKeep: 2 * SECOND,
  /** Outbox rows rendered ahead in the open workers while earlier ones are sent: enough to
   *  keep two workers busy; each holds one rendered mail (an ack is ~10 KiB). */
  sendRenderAhead: 4,
  /** SMTP sessions a burst of mail is sent over at once (src/send/sender.ts lanes) to a
   *  loopback relay (a local MTA takes many): one session waits on the relay's reply to
   *  each step (4 per message), and in a backlog this thread reads them only between
   *  recordings, so 700 of 1,000 acks were left for after the backlog (issue 11). A remote
   *  relay gets 1 unless config smtp.sessions says more: some allow one connection per
   *  client, and a refused second session would defer the mail it was opened for. */
  smtpSessions: 4,
  /** Messages sent over one SMTP session before it is closed and a new one opened (nodemailer's pool uses 100). */
  smtpMessagesPerSession: 100,
  /** How long SQLite waits on a lock held by another process (the CLI next to the daemon). */
  sqliteBusyTimeout: 5 * SECOND,
  /** Compiled SQL statements kept per connection: src/ has about 300 distinct queries. */
  sqliteStatementCache: 1000,
  /** `doctor` and `keys list` warn when a team or member key, or the published
   *  security.txt, expires within this long: time to extend or rotate the key and
   *  republish before mail to it (or the file) starts failing. */
  keyExpiryWarning: 30 * DAY,
  /** Message-IDs kept in the References of mail to the reporter: the first and the latest
   *  ones (RFC 5322 §3.6.4 allows trimming; some servers refuse very long headers). */
  threadReferencesMax: 20,
  /** Length of the random part of a tracking ID: 5 Crockford base32 chars = 33.5 M per prefix-year. */
  trackingIdRandomChars: 5,
  /** Lifetime of a new team key. Two years, renewed by rotation: an expiry date bounds the
   *  damage of a lost key and of a forgotten installation (never-expiring keys outlive both). */
  teamKeyLifetime: 2 * 365 * DAY,
  /** security.txt Expires: RFC 9116 §2.5.5 recommends less than a year; a half year forces a
   *  regular review of the contact data without being a chore. */
  securityTxtLifetime: 180 * DAY,
  /** Open workers by default: one per core beside the main thread's, up to this. The main
   *  thread records and sends, and needs its core: on 2 cores, 2 workers drained 300 reports
   *  at 60/s and 1000 at 86/s, 1 worker at 67/s and 91/s (issue 11). Past 4, the single
   *  writer (recording, about 5 ms a message) is the bottleneck, and each worker holds the
   *  team keys and ~50 MiB. */
  openWorkersMax: 4,
  /** Messages read ahead per open worker: enough to keep each busy while the writer records
   *  and sends. With 2 a worker often waited for its next message and the writer for the
   *  worker: 300 reports drained at 58/s, with 8 at 62/s (7 rounds each, 2 cores, issue 11).
   *  Each waits as bytes (at most openInWorkerMaxBytes, and a copy in its worker) until
   *  recorded; a worker opens one at a time (open-worker.ts), so at most one per worker grows
   *  to limits.maxDecryptedBytes. */
  openAheadPerWorker: 8,
  /** Larger messages are opened in the main thread, one at a time: a copy per worker and
   *  several read ahead would multiply the memory a big PoC takes (issue 11: 300 MiB for 70 MiB). */
  openInWorkerMaxBytes: 4 * MiB,
  /** Larger PGP/MIME messages are decrypted as a stream into a spill file (0600, unlinked at
   *  once) and parsed from there, instead of holding the ciphertext, the plaintext and their
   *  copies in memory: 937 MiB peak for a 70 MiB message before (issue 11). The same as
   *  openInWorkerMaxBytes, so a message opened in a worker never needs the spill folder. */
  openSpillAboveBytes: 4 * MiB,
  /** Wrapped data keys read in one query when a case's key is first needed (src/seal/sealer.ts):
   *  the next cases by id come with it, since lists and digests open subjects in id order.
   *  256 rows are ~25 KiB and one query (~0.3 ms); one query per case cost ~14 us each. */
  sealingKeysFetched: 256,
  /** Wrapped keys read ahead and kept until used (then unwrapped and kept as data keys); a database
   *  with at most this many cases has all their keys read in one query, once (~2 MiB). */
  sealingKeysFetchedKept: 20_000,
  /** Blobs (a spool entry's bytes, an attachment) larger than this are stored in pieces of
   *  this size: SQLite and better-sqlite3 copy a blob whole, twice on a write and once on a
   *  read, so a 70 MiB message in one row cost 140 MiB more than its size (issue 11). */
  blobChunkBytes: 1 * MiB,
  /** A case counts as a possible duplicate of an open case from this similarity (0..1; see
   *  src/extract/similarity.ts): same type and component alone reach 0.5, so 0.45 also takes
   *  one of the two plus clearly shared wording (Jaccard >= 0.2 on 3-word shingles). */
  duplicateMinScore: 0.45,
  /** Duplicate candidates kept per case: more is noise for the reader of the digest. */
  duplicateMaxCandidates: 5,
  /** Open cases a new case is compared with (the newest first): bounds the work per report. */
  duplicateCasesScanned: 500,
  /** Cases whose sketch-estimated score falls short of duplicateMinScore by less than this are
   *  still scored on their texts: 0.15 is over 4 standard errors of the text part's estimate. */
  duplicateEstimateMargin: 0.15,
  /** Most cases scored on their texts per new report, the best estimates first: a few more than
   *  duplicateMaxCandidates, as an estimate may misplace a case by a rank or two. Each costs
   *  re-reading and shingling one text (~0.3 ms); 20 of them were most of a report's recording
   *  time when many open cases share type and component. */
  duplicateExactChecks: 8,
  /** Cases whose shingle fingerprints are kept for those checks (duplicates.ts), as many as
   *  the sketches: ~2 KiB each (300 shingles of 8 bytes), ~4 MiB in all. With 64 sets of
   *  strings (10-100 KiB each), a backlog of look-alike reports read and shingled its
   *  candidates' texts again for every report (issue 11: ~0.7 ms a report). */
  duplicateShinglesKept: 2000,
  /** Sketches of open cases kept in memory per database (512 bytes each: 1 MiB); more than
   *  duplicateCasesScanned, so the cases one scan reads stay known for the next. */
  duplicateSketchesKept: 2000,
  /** Rows one batch transaction writes at most (a Maildir pass spooling its files, a sweep
   *  computing its cases' deadlines), and how long it may hold the write lock. A commit costs
   *  ~0.5 ms on a backlog (its WAL pages), so one per file and one per case were a fifth of
   *  the single writer's time around a 300-report drain (issue 11); 50 ms is what another
   *  process (a CLI command, an `ingest`) may wait for the lock, well inside sqliteBusyTimeout. */
  writeBatchMaxRows: 64,
  writeBatchMaxMs: 50,
  /** ...and bytes of files read inside one batch: reading and hashing a message happens under the lock,
   *  so a big one (up to maxMessageBytes) is spooled in a transaction of its own. */
  writeBatchMaxBytes: 4 * MiB,
  /** `deadlines rebuild-sla` rebuilds the SLA sums this many days of receipt per transaction,
   *  so the daemon beside it never waits long for the write lock: all 100,000 cases of the
   *  bench in one took 5.5 s, more than sqliteBusyTimeout (issue 11). */
  slaRebuildDaysPerTransaction: 7,
  /** The deadline sweep's cron expression: every minute, the finest node-cron 5-field step;
   *  due times are minute-exact in every preset, so a finer sweep would only cost queries. */
  deadlineSweepSchedule: '* * * * *',
  /** How far back the digest looks for its latest schedule slot: a monthly schedule
   *  ("0 8 1 * *") still finds last month's slot after a long downtime. */
  digestSlotLookBack: 32 * DAY,
  /** The digest lists disclosure dates this far ahead (the "next 14 days")... */
  digestDisclosureHorizon: 14 * DAY,
  /** ...and status updates falling due this far ahead (two days: enough to write one). */
  digestStatusUpdateHorizon: 2 * DAY,
  /** The digest's SLA windows (median times and share met), in days. */
  digestSlaWindowsDays: [30, 90] as readonly number[],
  /** Advisory texts, in characters: a CVE record's title holds 256 and a description 4096
   *  (CVE JSON 5.1), the tightest of the three formats, so one text fits all three. */
  advisorySummaryMaxChars: 256,
  advisoryDescriptionMaxChars: 4096,
  /** A CVE Services request (reserve, publish) gives up after this long; the team runs it again. */
  cveServicesTimeout: 30 * SECOND,
  /** The team console (src/web/): where it listens by default. Loopback: reach it through an
   *  SSH tunnel or a reverse proxy; listening wider is the operator's explicit choice. */
  webListen: '127.0.0.1:8420',
  /** The metrics endpoint's default address: loopback (Prometheus on this host, or a tunnel); 9464 is prom-client's customary port. */
  metricsListen: '127.0.0.1:9464',
  /** A console session ends after this long without a request (a left-open laptop)... */
  webSessionIdle: 30 * MINUTE,
  /** ...and this long after login whatever happens (a stolen cookie is worth a working day at most). */
  webSessionLifetime: 12 * HOUR,
  /** Ended or lapsed console sessions are deleted this long after (web/sessions.ts): long
   *  enough to tell from the table who was logged in last month, short enough to stay small. */
  webSessionsKept: 90 * DAY,
  /** A mailed login link works once, within this long (the 10 minutes): long enough
   *  for mail to arrive and be decrypted, short enough that an old mail is worthless. */
  webLoginLinkLifetime: 10 * MINUTE,
  /** Login-link requests counted per client IP and per address in this rolling window... */
  webLoginRateWindow: 15 * MINUTE,
  /** ...at most this many per IP (a team behind one NAT asks a few times each)... */
  webLoginPerIp: 10,
  /** ...and this many per address: each one mails the member, so a stranger must not flood them. */
  webLoginPerAddress: 3,
  /** Largest form body the console reads: a reply or note is text; 256 KiB is pages of it. */
  webMaxFormBytes: 256 * KiB,
  /** Cases shown on one list page: more is a filter's job, and each row costs a deadline reading. */
  webListMaxCases: 500,
  /** Cases `cases search` prints at most (best first): each one found gets a case_viewed
   *  event, so a broad query does not write thousands. --limit changes it. */
  caseSearchMaxHits: 50,
  /** Held messages without a case the digest lists (oldest first); spool list has them all. */
  digestHeldListed: 50,
  /** Deadline items each list of the digest shows, most urgent first; its title gives the
   *  whole count, and `cases list --overdue` (or the console's list) shows them all. A mail
   *  of a thousand overdue lines is read by no one, and each line opens a sealed subject. */
  digestItemsListed: 50,
  /** doctor's fetch of the published WKD key: a slow web server fails the check, not doctor. */
  wkdFetchTimeout: 10 * SECOND,
  /** A WKD answer larger than this is no team key (keys are a few KiB). */
  wkdMaxBytes: 1 * MiB,
  /** Widest cells of the CLI's tables, in characters, cut with an ellipsis past it: a
   *  subject, a reporter or recipient, an error text (one row per line on an 160-column terminal). */
  cliSubjectWidth: 50,
  cliNameWidth: 32,
  cliTextWidth: 60,
  /** A hold reason says where the message waits ("left in INBOX as UID 12, from ..."): wider. */
  cliReasonWidth: 120,
} as const;
