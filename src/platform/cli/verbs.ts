import type { RegisterVerbs } from './cli-app.js';

/**
 * A verb module: the verbs it registers and how to load it. Modules load lazily, so `newsbrief search` never pays
 * for jsdom, discord.js or the NLP model; `--help` and unknown verbs load them all.
 */
export type VerbModule = { verbs: readonly string[]; load: () => Promise<RegisterVerbs> };

/** Every CLI verb module, listed explicitly (no filesystem scanning); `--help` shows them in this order. */
export const VERB_MODULES: readonly VerbModule[] = [
  { verbs: ['ingest', 'feeds'], load: async () => (await import('./ingest-verbs.js')).registerIngestVerbs },
  { verbs: ['search', 'show', 'list', 'delete'], load: async () => (await import('./search-verbs.js')).registerSearchVerbs },
  { verbs: ['migrate', 'export', 'import'], load: async () => (await import('./store-verbs.js')).registerStoreVerbs },
  { verbs: ['start', 'deploy-commands'], load: async () => (await import('./start-verbs.js')).registerStartVerbs },
  { verbs: ['brief', 'quotes'], load: async () => (await import('./brief-verbs.js')).registerBriefVerbs },
  { verbs: ['digest'], load: async () => (await import('./digest-verbs.js')).registerDigestVerbs },
  { verbs: ['stories'], load: async () => (await import('./story-verbs.js')).registerStoryVerbs },
  { verbs: ['cluster'], load: async () => (await import('./cluster-verbs.js')).registerClusterVerbs },
];

/** The modules needed to run `argv` (arguments after the program name): the verb's own module, else all of them. */
export async function loadVerbs(argv: readonly string[]): Promise<RegisterVerbs[]> {
  const verb = argv.find((arg) => !arg.startsWith('-'));
  const own = VERB_MODULES.filter((module) => verb !== undefined && module.verbs.includes(verb));
  return Promise.all((own.length > 0 ? own : VERB_MODULES).map((module) => module.load()));
}
