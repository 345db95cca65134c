import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { loadVerbs, VERB_MODULES } from '../../../src/platform/cli/verbs.js';

const unusedApp = () => {
  throw new Error('registering verbs must not read the configuration');
};

describe('CLI verb modules', () => {
  it('list exactly the verbs each module registers', async () => {
    for (const module of VERB_MODULES) {
      const program = new Command();
      (await module.load())(program, unusedApp);
      expect(program.commands.map((command) => command.name()).sort()).toEqual([...module.verbs].sort());
    }
  });

  it('loads only the module of the verb being run', async () => {
    expect(await loadVerbs(['search', 'budget', '--json'])).toHaveLength(1);
    expect(await loadVerbs(['--help'])).toHaveLength(VERB_MODULES.length);
    expect(await loadVerbs(['no-such-verb'])).toHaveLength(VERB_MODULES.length);
  });
});
