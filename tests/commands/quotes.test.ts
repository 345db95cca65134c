import { describe, expect, it } from 'vitest';
import { quotes } from '../../src/commands/quotes.js';
import { NewArticle } from '../../src/data/schemas.js';
import type { Store } from '../../src/data/store.js';
import { messageEmbedsLength } from '../../src/render/embed.js';
import { EMBED_DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT, EMBEDS_PER_MESSAGE } from '../../src/render/limits.js';
import { replyMessages } from '../../src/render/reply.js';
import { markdownToText } from '../../src/render/text.js';
import { extractQuotes } from '../../src/services/briefing/index.js';
import { runAutocomplete, runCommand } from '../../src/platform/run-command.js';
import { HEARING_ARTICLE, useBotStore } from '../fixtures/bot-articles.js';
import { commandContext } from './command-context.js';

describe('/quotes', () => {
  let store: Store;
  let ids: string[];
  useBotStore((opened) => ({ store, ids } = opened));

  it('splits a long quote list over messages within every limit, each quote whole and verbatim', async () => {
    const reply = await runCommand(quotes, { article: 'dredging hearing' }, commandContext(store));
    const messages = replyMessages(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.embeds?.length).toBeLessThanOrEqual(EMBEDS_PER_MESSAGE);
      expect(messageEmbedsLength(message.embeds ?? [])).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
      for (const embed of message.embeds ?? []) expect(embed.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_LIMIT);
    }
    const shown = messages.flatMap((message) => message.embeds ?? []).map((embed) => markdownToText(embed.description ?? '')).join('\n\n');
    const expected = extractQuotes(NewArticle.parse(HEARING_ARTICLE));
    expect(expected).toHaveLength(48);
    for (const quote of expected) expect(shown).toContain(`“${quote.text}”`);
  });

  it("lists one speaker's quotes when given part of the name", async () => {
    const reply = await runCommand(quotes, { article: ids[3] ?? '', speaker: 'okonkwo' }, commandContext(store));
    const text = replyMessages(reply).flatMap((m) => m.embeds ?? []).map((e) => e.description ?? '').join('\n');
    expect(reply.embeds?.[0]?.title).toMatch(/^Quotes by Yusra Okonkwo: /);
    expect(text.match(/— \*\*Yusra Okonkwo, a trawler captain\*\*/g)).toHaveLength(12);
    expect(text).not.toContain('Halvard Penrose');
  });

  it('names the quoted speakers when the speaker is unknown', async () => {
    const reply = await runCommand(quotes, { article: ids[0] ?? '', speaker: 'Nobody Atall' }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('No quote in this article is attributed to "Nobody Atall". Speakers quoted: Odile Ferrant, Barnaby Quill.');
  });

  it('says so when the article has no direct quotes', async () => {
    const reply = await runCommand(quotes, { article: 'library saturday' }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('"Harbour library extends Saturday opening hours" has no direct quotes.');
  });

  it("autocompletes the speaker option from the chosen article's speakers", async () => {
    const suggest = (value: string) =>
      runAutocomplete(quotes, { name: 'speaker', value, options: { article: ids[3] ?? '' } }, commandContext(store));
    expect((await suggest('')).map((choice) => choice.value)).toEqual([
      'Halvard Penrose',
      'Yusra Okonkwo',
      'Delphine Arkwright',
      'Tobias Fenwick',
    ]);
    expect((await suggest('FEN')).map((choice) => choice.value)).toEqual(['Tobias Fenwick']);
    expect((await suggest('yusra oko')).map((choice) => choice.value)).toEqual(['Yusra Okonkwo']);
    // A name's words are matched from their start, so the middle of a name suggests nothing.
    expect(await suggest('konk')).toEqual([]);
  });

  it('answers with one page and page buttons instead of follow-ups where the platform has buttons', async () => {
    const paged = await runCommand(quotes, { article: ids[3] ?? '' }, commandContext(store, { supportsButtons: true }));
    expect(paged.followUps).toBeUndefined();
    expect(paged.components?.[0]?.components).toHaveLength(3);
    const all = await runCommand(quotes, { article: ids[3] ?? '' }, commandContext(store));
    expect(all.followUps?.length).toBeGreaterThan(0);
  });
});
