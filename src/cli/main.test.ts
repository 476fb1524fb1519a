import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES } from './main.js';

const tree = (p: Command): Record<string, string[]> => Object.fromEntries(p.commands.map((c) => [c.name(), c.commands.map((s) => s.name()).sort()]));

describe('the command table of the CLI', () => {
  it('loads, for each command, the modules that register all of it, so a command started alone is the command help shows', async () => {
    const all = tree(await buildProgram());
    for (const [name, subs] of Object.entries(all)) {
      const alone = tree(await buildProgram(['node', 'sectriage', name]));
      expect(alone[name], name).toEqual(subs);
      for (const sub of subs) expect(tree(await buildProgram(['node', 'sectriage', name, sub]))[name], `${name} ${sub}`).toContain(sub);
    }
  });

  it('names no command that does not exist', async () => {
    const all = tree(await buildProgram());
    for (const name of COMMAND_MODULES.flatMap((m) => m.commands)) {
      const [command, sub] = name.split(' ') as [string, string | undefined];
      expect(all[command], name).toBeDefined();
      if (sub) expect(all[command], name).toContain(sub);
    }
  });
});
