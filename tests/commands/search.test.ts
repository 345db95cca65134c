import { describe, expect, it } from 'vitest';
import { search } from '../../src/commands/search.js';
import type { Store } from '../../src/data/store.js';
import { runCommand } from '../../src/platform/run-command.js';
import { useBotStore } from '../fixtures/bot-articles.js';
import { commandContext } from './command-context.js';

describe('/search', () => {
  let store: Store;
  let ids: string[];
  useBotStore((opened) => ({ store, ids } = opened));

  it('lists matches with their ids and dates', async () => {
    const reply = await runCommand(search, { query: 'harbour' }, commandContext(store));
    const fields = reply.embeds?.[0]?.fields ?? [];
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) expect(field.value).toMatch(/id `[0-9a-f]{12}`/);
    expect(fields.map((field) => /id `([0-9a-f]{12})`/.exec(field.value)?.[1])).toContain(ids[3]);
  });

  it('keeps to the last N days when asked', async () => {
    const reply = await runCommand(search, { query: 'harbour', days: 2 }, commandContext(store));
    const found = (reply.embeds?.[0]?.fields ?? []).map((field) => /id `([0-9a-f]{12})`/.exec(field.value)?.[1]);
    expect(found).not.toContain(ids[3]);
    expect(reply.embeds?.[0]?.title).toBe('Search: harbour (last 2 days)');
  });

  it('says plainly when nothing matches', async () => {
    const reply = await runCommand(search, { query: 'zeppelin' }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('No stored article matches "zeppelin".');
  });
});
