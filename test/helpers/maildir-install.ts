// A sectriage installation without servers on the intake side: a Maildir source, the
// team key (passphrase-locked) in keys/, a config sending over SMTP to a loopback sink.
// The deadline and scenario tests start from it and add their own config lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEAM = 'security@example.com';

export function maildirInstall(o: {
  dir: string;
  teamArmored: string;
  passphrase: string;
  smtpPort: number;
  /** Config lines after the common ones (policy, team, digest, ...). */
  config: string;
  /** Extra files in keys/ (members' public keys), by name. */
  keyFiles?: Record<string, string>;
}): string {
  for (const d of ['keys', 'maildir/new', 'maildir/cur', 'maildir/tmp']) mkdirSync(join(o.dir, d), { recursive: true, mode: 0o700 });
  writeFileSync(join(o.dir, 'keys', 'team.asc'), o.teamArmored, { mode: 0o600 });
  writeFileSync(join(o.dir, 'keys', 'passphrase'), `${o.passphrase}\n`, { mode: 0o600 });
  for (const [name, text] of Object.entries(o.keyFiles ?? {})) writeFileSync(join(o.dir, 'keys', name), text);
  const config = join(o.dir, 'sectriage.yaml');
  writeFileSync(
    config,
    `maildir: { path: maildir }
smtp: { from: "Example Security <${TEAM}>", host: 127.0.0.1, port: ${o.smtpPort}, secure: false }
database: state.db
keys: { dir: keys, teamPrivateKey: team.asc, passphraseFile: keys/passphrase }
${o.config}`,
  );
  return config;
}
