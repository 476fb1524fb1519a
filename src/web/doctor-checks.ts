/**
 * What `sectriage doctor` says of the console's settings (web:): where it listens and
 * whether that is reachable beyond the host without TLS, whether login links in mail point
 * at an address members can open safely, whether the TLS files can be read, and which
 * members cannot log in (no publicKey: no link is mailed to them). Reads the config and
 * the TLS files only.
 */
import { accessSync, constants } from 'node:fs';
import type { Config } from '../config/load.js';
import { isLoopbackHost } from './cookies.js';
import { splitListen } from './listen.js';

type Ok = (name: string, detail: string) => void;
type Report = (name: string, detail: string, fix: string) => void;

export function checkWebSettings(config: Config, ok: Ok, warn: Report, fail: Report): void {
  const web = config.web;
  const { host } = splitListen(web.listen);
  const tls = Boolean(web.certFile && web.keyFile);
  const proxy = 'Listen on 127.0.0.1 behind nginx or Caddy with TLS (README: "Team console"), or set web.certFile and web.keyFile.';
  if (isLoopbackHost(host)) ok('web: listen', `${web.listen} (this host only: reach it by an SSH tunnel or a reverse proxy)`);
  else if (tls) ok('web: listen', `${web.listen} over TLS`);
  else warn('web: listen', `${web.listen} is reachable beyond this host over plain HTTP: sessions and reports would cross the network in clear`, proxy);

  if (!web.publicUrl) {
    if (isLoopbackHost(host)) ok('web: public URL', `not set: login links point at ${tls ? 'https' : 'http'}://${web.listen}/ (fine with an SSH tunnel)`);
    else warn('web: public URL', 'not set: login links point at the listen address', 'Set web.publicUrl to the https:// address members open.');
  } else {
    const u = new URL(web.publicUrl);
    if (u.protocol === 'https:' || isLoopbackHost(u.hostname)) ok('web: public URL', web.publicUrl);
    else
      warn(
        'web: public URL',
        `${web.publicUrl} is plain HTTP: a login link would open without TLS`,
        'Use an https:// public URL (TLS at the proxy or web.certFile).',
      );
  }

  for (const [key, file] of [
    ['certFile', web.certFile],
    ['keyFile', web.keyFile],
  ] as const) {
    if (!file) continue;
    try {
      accessSync(file, constants.R_OK);
      ok(`web: TLS ${key}`, `${file} is readable`);
    } catch {
      fail(`web: TLS ${key}`, `${file} cannot be read`, `Make web.${key} a PEM file the service user can read.`);
    }
  }

  if (!web.mailLinks)
    warn('web: login', 'web.mailLinks is off: only members who registered a passkey can log in', 'Set web.mailLinks: true until every member has a passkey.');
  const keyless = config.team.filter((m) => !m.publicKey).map((m) => m.name);
  if (!config.team.length)
    warn('web: members', 'the config lists no team members: nobody can log in', "Add the team under team: with each member's publicKey.");
  else if (keyless.length)
    warn('web: members', `${keyless.join(', ')} cannot log in: no publicKey, so no login link is mailed`, 'Give each member a publicKey (team: publicKey).');
  else ok('web: members', `all ${config.team.length} member(s) have a key for login links`);
}
