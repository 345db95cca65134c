import type { RegisterVerbs } from './cli-app.js';
import { registerStoreVerbs } from './store-verbs.js';

/** Every CLI verb module, listed explicitly (no filesystem scanning); `--help` shows them in this order. */
export const VERBS: readonly RegisterVerbs[] = [registerStoreVerbs];
