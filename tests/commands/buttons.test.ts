import { describe, expect, it } from 'vitest';
import { pressButton } from '../../src/commands/buttons.js';
import { UserError } from '../../src/errors.js';
import type { Store } from '../../src/data/store.js';
import { useBotStore } from '../fixtures/bot-articles.js';
import { commandContext } from './command-context.js';

describe('pressButton', () => {
  let store: Store;
  let ids: string[];
  useBotStore((opened) => ({ store, ids } = opened));

  it('answers All quotes with a new private message holding the first page', async () => {
    const answer = await pressButton(`quotes:${ids[0]}`, commandContext(store));
    expect(answer.isUpdate).toBe(false);
    expect(answer.reply.ephemeral).toBe(true);
    expect(answer.reply.embeds?.[0]?.description).toContain('Odile Ferrant');
  });

  it('redraws a page in place for Next', async () => {
    const answer = await pressButton(`quotes-page:${ids[3]}:1:all`, commandContext(store));
    expect(answer.isUpdate).toBe(true);
    expect(answer.reply.embeds?.[0]?.footer?.text).toMatch(/page 2 of \d+$/);
  });

  it('re-checks the article against the store: a deleted article has expired', async () => {
    await store.articles.delete(ids[0] ?? '');
    await expect(pressButton(`quotes:${ids[0]}`, commandContext(store))).rejects.toEqual(
      new UserError('page_expired', 'This article is no longer stored; run /brief again.'),
    );
  });
});
