import { describe, expect, it } from 'vitest';
import { brief } from '../../src/commands/brief.js';
import { NewArticle } from '../../src/data/schemas.js';
import type { Store } from '../../src/data/store.js';
import { AUTOCOMPLETE_CHOICES_LIMIT, AUTOCOMPLETE_NAME_LIMIT } from '../../src/render/limits.js';
import { runAutocomplete, runCommand } from '../../src/platform/run-command.js';
import { storeArticles } from '../../src/services/ingest/ingest.js';
import { FERRY_ARTICLE, FERRY_FOLLOW_UP, useBotStore } from '../fixtures/bot-articles.js';
import { commandContext } from './command-context.js';

describe('/brief', () => {
  let store: Store;
  let ids: string[];
  useBotStore((opened) => ({ store, ids } = opened));

  it('answers with the headline linked to the article, its bullets and an id footer', async () => {
    const reply = await runCommand(brief, { article: 'ferry late crossings', bullets: 3 }, commandContext(store));
    const embed = reply.embeds?.[0];
    expect(reply.ephemeral).toBe(false);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect(embed?.title).toBe(FERRY_ARTICLE.title);
    expect(embed?.url).toBe(FERRY_ARTICLE.url);
    expect(embed?.author?.name).toBe('Tidewater Gazette');
    expect(embed?.description).toContain('By Ines Marlowe · 24 Nov 2026 · Transport');
    expect(embed?.description?.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(3);
    expect(embed?.fields?.map((field) => field.name)).toContain('Odile Ferrant, the chair of the harbour board');
    expect(embed?.footer?.text).toBe(`Article ${ids[0]}`);
  });

  it('leaves the bullet count to the briefing engine when none is asked for', () => {
    expect(brief.args.parse({ article: 'ferry' }).bullets).toBeUndefined();
    expect(brief.args.parse({ article: 'ferry', bullets: 5 }).bullets).toBe(5);
  });

  it('finds the article by id prefix and answers privately when asked', async () => {
    const reply = await runCommand(brief, { article: (ids[0] ?? '').slice(0, 6), private: true }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds?.[0]?.title).toBe(FERRY_ARTICLE.title);
  });

  it('answers an unknown article with a short private message', async () => {
    const reply = await runCommand(brief, { article: 'zeppelin marmalade' }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds).toBeUndefined();
    expect(reply.content).toBe('No stored article matches "zeppelin marmalade". Try /search with other words, an article id or its URL.');
  });

  it('fetches a link that is not stored rather than briefing a search match for its words', async () => {
    const reply = await runCommand(brief, { article: 'http://127.0.0.2/ferry-late-crossings' }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'Could not brief http://127.0.0.2/ferry-late-crossings: newsbrief only fetches public web addresses. Nothing was stored.',
    );
  });

  it('repeats typed text back with its markdown made inert', async () => {
    const reply = await runCommand(brief, { article: '**zeppelin** [x](https://evil.example)' }, commandContext(store));
    expect(reply.content).toContain('"\\*\\*zeppelin\\*\\* \\[x](https://evil.example)"');
  });

  it('names the option when bullets is out of range', async () => {
    const reply = await runCommand(brief, { article: 'ferry', bullets: 9 }, commandContext(store));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('Option "bullets": must be 3 to 6');
  });

  it('suggests the newest articles first when nothing is typed, within the autocomplete limits', async () => {
    const choices = await runAutocomplete(brief, { name: 'article', value: '', options: {} }, commandContext(store));
    expect(choices.length).toBeLessThanOrEqual(AUTOCOMPLETE_CHOICES_LIMIT);
    expect(choices.map((choice) => choice.value)).toEqual(ids.slice(0, 4));
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(AUTOCOMPLETE_NAME_LIMIT);
  });

  it('offers at most 25 choices, cutting long headlines to 100 characters', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      NewArticle.parse({
        url: `https://tidewater.example/news/council-minutes-${i}`,
        title: `Council minutes ${i}: ${'a very long agenda item about harbour dues and mooring fees '.repeat(3)}`,
        publishedAt: `2026-10-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
        text: `Minutes of meeting ${i}.`,
      }),
    );
    await store.articles.upsert(many);
    const choices = await runAutocomplete(brief, { name: 'article', value: 'council minutes', options: {} }, commandContext(store));
    expect(choices).toHaveLength(AUTOCOMPLETE_CHOICES_LIMIT);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(AUTOCOMPLETE_NAME_LIMIT);
      expect(choice.name).toMatch(/… · \d+ Oct 2026$/);
    }
    expect(choices[0]?.name).toMatch(/^Council minutes 29: /);
  });

  it('suggests an article whose text holds a name still being typed', async () => {
    const choices = await runAutocomplete(brief, { name: 'article', value: 'Ferra', options: {} }, commandContext(store));
    expect(choices.map((choice) => choice.value)).toEqual([ids[0]]);
  });

  it('suggests matching titles for typed words', async () => {
    const choices = await runAutocomplete(brief, { name: 'article', value: 'harbour lib', options: {} }, commandContext(store));
    expect(choices[0]?.value).toBe(ids[2]);
  });

  describe('on a story', () => {
    const addFollowUp = () => storeArticles(store, [NewArticle.parse(FERRY_FOLLOW_UP)], () => new Date('2026-11-25T12:00:00Z'));

    it('briefs the story by default when the best match has company: freshest headline, sourced bullets, sources', async () => {
      await addFollowUp();
      const reply = await runCommand(brief, { article: 'ferry late crossings' }, commandContext(store));
      const embed = reply.embeds?.[0];
      expect(embed?.title).toBe(FERRY_FOLLOW_UP.title);
      expect(embed?.url).toBe(FERRY_FOLLOW_UP.url);
      expect(embed?.author?.name).toBe('Story · 2 articles · Island Wire and Tidewater Gazette');
      const bullets = embed?.description?.split('\n').filter((line) => line.startsWith('- ')) ?? [];
      expect(bullets.length).toBeGreaterThanOrEqual(3);
      for (const bullet of bullets) expect(bullet).toMatch(/\(\[(Island Wire|Tidewater Gazette)\]\(https:\/\/[^)]+\)\)$/);
      expect(embed?.description).toContain("**What's new:**");
      const sources = embed?.fields?.find((field) => field.name === 'Sources')?.value ?? '';
      expect(sources).toContain(`[Island Wire](${FERRY_FOLLOW_UP.url})`);
      expect(sources).toContain(`[Tidewater Gazette](${FERRY_ARTICLE.url})`);
      expect(sources).toContain('24 Nov 2026 09:30');
      const speakers = embed?.fields?.filter((field) => field.name !== 'Sources').map((field) => field.name.split(',')[0]) ?? [];
      expect(new Set(speakers).size).toBe(speakers.length);
      expect(embed?.footer?.text).toBe(`Story ${ids[0]}`);
      expect(reply.allowed_mentions).toEqual({ parse: [] });
    });

    it('briefs the article alone when asked, and a one-article story as before', async () => {
      await addFollowUp();
      const alone = await runCommand(brief, { article: ids[0] ?? '', article_only: true }, commandContext(store));
      expect(alone.embeds?.[0]?.footer?.text).toBe(`Article ${ids[0]}`);
      const single = await runCommand(brief, { article: 'harbour dredging hearing' }, commandContext(store));
      expect(single.embeds?.[0]?.footer?.text).toBe(`Article ${ids[3]}`);
    });

    it('finds a story by id or by words, and says so when none matches', async () => {
      await addFollowUp();
      const byId = await runCommand(brief, { story: ids[0] ?? '' }, commandContext(store));
      expect(byId.embeds?.[0]?.author?.name).toMatch(/^Story · 2 articles/);
      const byWords = await runCommand(brief, { story: 'shift workers backing' }, commandContext(store));
      expect(byWords.embeds?.[0]?.footer?.text).toBe(`Story ${ids[0]}`);
      const none = await runCommand(brief, { story: 'zeppelin marmalade' }, commandContext(store));
      expect(none.ephemeral).toBe(true);
      expect(none.content).toMatch(/^No story matches "zeppelin marmalade"/);
      const neither = await runCommand(brief, {}, commandContext(store));
      expect(neither.content).toBe('Give an article (search text, id or URL) or a story.');
    });

    it('autocompletes stories with a headline each, valued by story id', async () => {
      await addFollowUp();
      const choices = await runAutocomplete(brief, { name: 'story', value: 'tidewater ferry', options: {} }, commandContext(store));
      expect(choices).toEqual([{ name: FERRY_FOLLOW_UP.title, value: ids[0] }]);
    });
  });
});
