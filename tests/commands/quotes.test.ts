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
import { storeArticles } from '../../src/services/ingest/ingest.js';
import { FERRY_FOLLOW_UP, HEARING_ARTICLE, useBotStore } from '../fixtures/bot-articles.js';
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

  it("keeps only the article's quotes that say the typed words", async () => {
    const reply = await runCommand(quotes, { article: ids[0] ?? '', text: 'DOUBLE shift' }, commandContext(store));
    const text = replyMessages(reply).flatMap((m) => m.embeds ?? []).map((e) => e.description ?? '').join('\n');
    expect(text).toContain('nobody is asked to work a double shift');
    expect(text).not.toContain('People finishing at the hospital');
    const paged = await runCommand(quotes, { article: ids[0] ?? '', text: 'DOUBLE shift' }, commandContext(store, { supportsButtons: true }));
    // Page buttons would turn to the unfiltered list (and, with a speaker, to another speaker's index).
    expect(paged.components).toBeUndefined();
    expect(paged.embeds?.[0]?.description).toContain('nobody is asked to work a double shift');
    const none = await runCommand(quotes, { article: ids[0] ?? '', text: 'submarine' }, commandContext(store));
    expect(none.content).toMatch(/^No quote in "Tidewater ferry adds late crossings for the winter timetable" says "submarine"\.$/);
  });

  describe('across the store', () => {
    const addFollowUp = () => storeArticles(store, [NewArticle.parse(FERRY_FOLLOW_UP)], () => new Date('2026-11-25T12:00:00Z'));
    const shown = (reply: Awaited<ReturnType<typeof runCommand>>) =>
      replyMessages(reply).flatMap((m) => m.embeds ?? []).map((e) => e.description ?? '').join('\n');

    it("lists what one person said in every article, newest first, each linked to its article", async () => {
      await addFollowUp();
      const reply = await runCommand(quotes, { speaker: 'Ferrant' }, commandContext(store));
      expect(reply.embeds?.[0]?.title).toBe('Quotes by Odile Ferrant');
      const text = shown(reply);
      const newer = text.indexOf('The first week will tell us');
      const older = text.indexOf('People finishing at the hospital');
      expect(newer).toBeGreaterThanOrEqual(0);
      expect(older).toBeGreaterThan(newer);
      expect(text).toContain(`(${FERRY_FOLLOW_UP.url})`);
      expect(text).toContain(`(${'https://tidewater.example/news/2026/11/24/ferry-timetable-winter'})`);
      expect(text).toContain('Island Wire · 24 Nov 2026');
      expect(reply.embeds?.[0]?.footer?.text).toBe('2 quotes from 2 articles · newest first');
      expect(reply.allowed_mentions).toEqual({ parse: [] });
    });

    it('finds a speaker however the name is written, accents and titles aside', async () => {
      const reply = await runCommand(quotes, { speaker: 'Mr. BARNABY quill' }, commandContext(store));
      expect(reply.embeds?.[0]?.title).toBe('Quotes by Barnaby Quill');
    });

    it('searches the quotes themselves, alone or for one speaker', async () => {
      await addFollowUp();
      const byWords = shown(await runCommand(quotes, { text: 'late shift' }, commandContext(store)));
      expect(byWords).toContain('For the first time in years I can take the ferry home after a late shift');
      expect(byWords).not.toContain('Odile Ferrant');
      const bySpeaker = await runCommand(quotes, { speaker: 'Odile Ferrant', text: 'passenger numbers' }, commandContext(store));
      expect(shown(bySpeaker)).toContain('we will publish the passenger numbers');
      expect(shown(bySpeaker)).not.toContain('People finishing');
      const none = await runCommand(quotes, { text: 'submarine' }, commandContext(store));
      expect(none.content).toBe('No stored quote says "submarine".');
    });

    it('says who it could mean when a speaker is unknown, and what to give when nothing is', async () => {
      const unknown = await runCommand(quotes, { speaker: 'Nobody Atall' }, commandContext(store));
      expect(unknown.content).toBe('No stored quote is attributed to "Nobody Atall".');
      const nothing = await runCommand(quotes, {}, commandContext(store));
      expect(nothing.ephemeral).toBe(true);
      expect(nothing.content).toBe('Give an article, a speaker or some words the quote says.');
    });

    it('autocompletes speakers across the store from the start of any of their names, accents folded', async () => {
      await addFollowUp();
      const suggest = (value: string) => runAutocomplete(quotes, { name: 'speaker', value, options: {} }, commandContext(store));
      expect((await suggest('ferr')).map((choice) => choice.value)).toEqual(['Odile Ferrant']);
      expect((await suggest('ÓDI')).map((choice) => choice.value)).toEqual(['Odile Ferrant']);
      expect((await suggest('wren cal')).map((choice) => choice.value)).toEqual(['Wren Calloway']);
      expect(await suggest('zzz')).toEqual([]);
      expect((await suggest('')).length).toBeGreaterThan(3);
    });
  });
});
