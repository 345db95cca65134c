import type { RegisterVerbs } from './cli-app.js';
import { registerStoreVerbs } from './store-verbs.js';
import { registerIngestVerbs } from './ingest-verbs.js';
import { registerSearchVerbs } from './search-verbs.js';
import { registerStartVerbs } from './start-verbs.js';
import { registerBriefVerbs } from './brief-verbs.js';
import { registerDigestVerbs } from './digest-verbs.js';

/** Every CLI verb module, listed explicitly (no filesystem scanning); `--help` shows them in this order. */
export const VERBS: readonly RegisterVerbs[] = [registerIngestVerbs, registerSearchVerbs, registerStoreVerbs, registerStartVerbs, registerBriefVerbs, registerDigestVerbs];
