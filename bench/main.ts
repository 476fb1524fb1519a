#!/usr/bin/env node
// `npm run bench [section...]`: every speed and memory goal of the project, each printed
// beside a baseline measured in the same run on this machine (gpg one process per
// message, openpgp.js in-process, Dovecot's bare IDLE announcement, /usr/bin/time -v).
// Exits 1 when a goal is missed. Needs gpg and dovecot (as the integration tests do).
import { bigMessage } from './big-message.js';
import { dbScale } from './db-scale.js';
import { drainSection } from './drain.js';
import { guards } from './guards.js';
import { pickup } from './pickup.js';
import { consoleReport, type Outcome, type Section } from './report.js';

const SECTIONS: Section[] = [guards, pickup, drainSection, dbScale, bigMessage];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const outcomes: Outcome[] = [];
  const report = consoleReport(outcomes);
  for (const s of SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    console.log(`\n== ${s.name}: ${s.title}`);
    await s.run(report);
  }
  const missed = outcomes.filter((o) => o.met === false);
  console.log(
    `\n${outcomes.filter((o) => o.met).length} goals met, ${missed.length} missed${missed.length ? `: ${missed.map((m) => m.name).join('; ')}` : ''}`,
  );
  if (missed.length > 0) process.exitCode = 1;
}

await main();
