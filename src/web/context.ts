/**
 * What the console's routes are given (the wiring in server.ts builds it; tests build their
 * own around a real database): the database, the clock, the team as the config says NOW,
 * the public URL, session limits, how a login link is mailed, and how queued mail is sent.
 * Plus the Hono environment: the member and session a request was authenticated as.
 */
import type { Hono } from 'hono';
import type { TeamMember } from '../config/load.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Policy } from '../policy/schema.js';
import type { Session, SessionLimits } from './sessions.js';

export interface ConsoleDeps {
  db: Db;
  now(): Date;
  /** The team as the config file says now: a member removed there is refused on their next request. */
  team(): TeamMember[];
  /** e.g. https://security-console.example.com/ (always ending in /). */
  publicUrl: string;
  /** Host header values answered (hosts.ts): the rest is refused (DNS rebinding). */
  hosts: readonly string[];
  secureCookie: boolean;
  sessionLimits: SessionLimits;
  loginLinkLifetimeMs: number;
  mailLinks: boolean;
  /** Reverse proxies whose X-Forwarded-For names the client (web.trustProxy; client-address.ts). */
  trustProxy: readonly string[];
  /** Mails `url` to the member, signed and encrypted to their key; rejects when they have none. */
  sendLoginLink(member: TeamMember, url: string, expiresAt: Date): Promise<void>;
  /** Sends what the last action queued (a reply, a status notice), without waiting for it. */
  kickOutbox(): void;
  policy: Policy;
  policyFor(name: string): Policy;
  teamAddress: string;
  timezone: string;
  log: Logger;
}

export interface ConsoleEnv {
  Variables: { member: TeamMember; session: Session };
}

export type ConsoleApp = Hono<ConsoleEnv>;
