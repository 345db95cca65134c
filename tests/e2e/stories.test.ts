import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewArticle } from '../../src/data/schemas.js';
import { messageEmbedsLength } from '../../src/render/embed.js';
import { EMBED_TOTAL_LIMIT } from '../../src/render/limits.js';
import { storeArticles } from '../../src/services/ingest/ingest.js';
import { FERRY_ARTICLE, FERRY_FOLLOW_UP } from '../fixtures/bot-articles.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';

describe('stories and the quote bank through a fake Discord', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
    // A second outlet covers the ferry story, quoting the same chair.
    await storeArticles(harness.store, [NewArticle.parse(FERRY_FOLLOW_UP)], () => new Date('2026-11-25T12:00:00Z'));
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('answers /brief on an article of a two-outlet story with the story brief', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: 'ferry late crossings' });
    const [message] = outcome.messages;
    const embed = message?.body.embeds?.[0];
    expect(embed?.title).toBe(FERRY_FOLLOW_UP.title);
    expect(embed?.author?.name).toBe('Story · 2 articles · Island Wire and Tidewater Gazette');
    expect(embed?.description).toContain('([Tidewater Gazette](');
    expect(embed?.fields?.find((field) => field.name === 'Sources')?.value).toContain(`[Tidewater Gazette](${FERRY_ARTICLE.url})`);
    expect(embed?.footer?.text).toBe(`Story ${harness.ids[0]}`);
    expect(messageEmbedsLength(message?.body.embeds ?? [])).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("answers /quotes speaker: without an article with that person's quotes from both articles, newest first", async () => {
    const outcome = await harness.discord.slashCommand('quotes', { speaker: 'Odile Ferrant' });
    const embed = outcome.messages[0]?.body.embeds?.[0];
    expect(embed?.title).toBe('Quotes by Odile Ferrant');
    const text = embed?.description ?? '';
    expect(text.indexOf('The first week will tell us')).toBeLessThan(text.indexOf('People finishing at the hospital'));
    expect(text).toContain(`(${FERRY_FOLLOW_UP.url})`);
    expect(text).toContain(`(${FERRY_ARTICLE.url})`);
    expect(embed?.footer?.text).toBe('2 quotes from 2 articles · newest first');
  });

  it('autocompletes /quotes speaker across the store', async () => {
    const outcome = await harness.discord.autocomplete('quotes', { speaker: 'wren' }, 'speaker');
    expect(outcome.callback?.data?.choices).toEqual([{ name: 'Wren Calloway', value: 'Wren Calloway' }]);
  });
});
