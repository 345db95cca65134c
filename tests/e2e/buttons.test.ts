import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewArticle } from '../../src/data/schemas.js';
import { BUTTON_LABEL_LIMIT, BUTTONS_PER_ROW, CUSTOM_ID_LIMIT } from '../../src/render/limits.js';
import { FERRY_ARTICLE } from '../fixtures/bot-articles.js';
import type { InteractionOutcome, SentBody, SentButton } from '../support/fake-discord.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';

const EPHEMERAL = 1 << 6;

/** The buttons under the message the bot sent first, in order. */
function buttonsOf(body: SentBody | undefined): SentButton[] {
  return body?.components?.flatMap((row) => row.components) ?? [];
}

function button(outcome: InteractionOutcome, label: string): SentButton {
  const found = buttonsOf(outcome.messages[0]?.body).find((candidate) => candidate.label === label);
  if (found === undefined) throw new Error(`no ${label} button`);
  return found;
}

describe('buttons through a fake Discord', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('puts All quotes and an Open article link under a brief, within the component limits', async () => {
    const outcome = await harness.discord.slashCommand('brief', { article: harness.ids[0] ?? '' });
    const rows = outcome.messages[0]?.body.components ?? [];
    expect(rows).toHaveLength(1);
    for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(BUTTONS_PER_ROW);
    expect(buttonsOf(outcome.messages[0]?.body)).toEqual([
      { type: 2, style: 2, label: 'All quotes', custom_id: `quotes:${harness.ids[0]}` },
      { type: 2, style: 5, label: 'Open article', url: FERRY_ARTICLE.url },
    ]);
    for (const sent of buttonsOf(outcome.messages[0]?.body)) {
      expect(sent.label?.length).toBeLessThanOrEqual(BUTTON_LABEL_LIMIT);
      expect(sent.custom_id?.length ?? 0).toBeLessThanOrEqual(CUSTOM_ID_LIMIT);
    }
  });

  it('answers All quotes with the article quotes, privately', async () => {
    const brief = await harness.discord.slashCommand('brief', { article: harness.ids[0] ?? '' });
    const outcome = await harness.discord.pressButton(button(brief, 'All quotes').custom_id ?? '', brief.messages[0]?.body);
    expect(outcome.callback?.type).toBe(4);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    const embed = outcome.messages[0]?.body.embeds?.[0];
    expect(embed?.title).toBe(`Quotes: ${FERRY_ARTICLE.title}`);
    expect(embed?.description).toContain('— **Barnaby Quill, the operations manager**');
    expect(outcome.messages[0]?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('turns the pages of a long quote list in place, Previous disabled on the first page', async () => {
    const first = await harness.discord.slashCommand('quotes', { article: harness.ids[3] ?? '' });
    expect(button(first, 'Previous').disabled).toBe(true);
    const pageCount = Number(/page 1 of (\d+)$/.exec(first.messages[0]?.body.embeds?.[0]?.footer?.text ?? '')?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const second = await harness.discord.pressButton(button(first, 'Next').custom_id ?? '', first.messages[0]?.body);
    expect(second.callback?.type).toBe(7);
    expect(second.messages).toHaveLength(1);
    expect(second.messages[0]?.via).toBe('update');
    expect(second.messages[0]?.body.embeds?.[0]?.footer?.text).toMatch(new RegExp(`page 2 of ${pageCount}$`));
    expect(button(second, 'Previous').disabled).toBeUndefined();
    const back = await harness.discord.pressButton(button(second, 'Previous').custom_id ?? '', second.messages[0]?.body);
    expect(back.messages[0]?.body.embeds?.[0]).toEqual(first.messages[0]?.body.embeds?.[0]);
  });

  it('keeps the speaker filter across pages', async () => {
    const first = await harness.discord.slashCommand('quotes', { article: harness.ids[3] ?? '', speaker: 'Okonkwo' });
    const custom = button(first, 'Next').custom_id ?? '';
    const next = await harness.discord.pressButton(custom, first.messages[0]?.body);
    const embed = next.messages[0]?.body.embeds?.[0];
    expect(embed?.title).toMatch(/^Quotes by Yusra Okonkwo \(continued\): /);
    expect(embed?.description).not.toContain('Halvard Penrose');
  });

  it.each([
    ['a page that no longer exists', () => `quotes-page:${harness.ids[3]}:99:all`, 'This page has expired; run /quotes again.'],
    ['a speaker that no longer exists', () => `quotes-page:${harness.ids[3]}:0:40`, 'This page has expired; run /quotes again.'],
    ['an article that is no longer stored', () => 'quotes:0123456789ab', 'This article is no longer stored; run /brief again.'],
    ['a search page past the end', () => 'search-page:4:all:ferry', 'This page has expired; run /search again.'],
    ['an id newsbrief did not make', () => 'quotes:../../etc', 'This button has expired; run the command again.'],
    ['an id with extra fields', () => `quotes:${harness.ids[0]}:1:2:3`, 'This button has expired; run the command again.'],
  ])('answers %s plainly and privately', async (_case, customId, text) => {
    const outcome = await harness.discord.pressButton(customId());
    expect(outcome.callback?.type).toBe(4);
    expect(((outcome.callback?.data?.flags ?? 0) & EPHEMERAL) !== 0).toBe(true);
    expect(outcome.messages[0]?.body.content).toBe(text);
  });

  it('pages search results with Next instead of a longer list', async () => {
    await harness.store.articles.upsert(
      Array.from({ length: 14 }, (_, i) =>
        NewArticle.parse({
          url: `https://tidewater.example/news/lighthouse-${i}`,
          title: `Lighthouse keepers log ${i}`,
          publishedAt: `2026-10-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
          text: `The lighthouse keepers wrote entry ${i} about the fog.`,
        }),
      ),
    );
    const first = await harness.discord.slashCommand('search', { query: 'lighthouse keepers' });
    expect(first.messages[0]?.body.embeds?.[0]?.fields).toHaveLength(10);
    expect(first.messages[0]?.body.embeds?.[0]?.description).toMatch(/^Matches 1 to 10, best first\./);
    expect(button(first, 'Next').custom_id).toBe('search-page:1:all:lighthouse keepers');
    const second = await harness.discord.pressButton(button(first, 'Next').custom_id ?? '', first.messages[0]?.body);
    expect(second.messages[0]?.via).toBe('update');
    expect(second.messages[0]?.body.embeds?.[0]?.fields).toHaveLength(4);
    expect(second.messages[0]?.body.embeds?.[0]?.description).toMatch(/^Matches 11 to 14, best first\./);
    expect(button(second, 'Next').disabled).toBe(true);
  });
});

describe('buttons deferred when slow', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ deferAfterMs: 0 });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('defers a page turn as an update, then edits the pressed message', async () => {
    const outcome = await harness.discord.pressButton(`quotes-page:${harness.ids[3]}:1:all`);
    expect(outcome.callback?.type).toBe(6);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.via).toBe('edit');
    expect(outcome.messages[0]?.body.embeds?.[0]?.footer?.text).toMatch(/page 2 of \d+$/);
    expect(outcome.messages[0]?.body.components?.[0]?.components.map((sent) => sent.label)).toEqual(['Previous', 'Next', 'Open article']);
  });

  it('defers All quotes privately, then edits in the quotes', async () => {
    const outcome = await harness.discord.pressButton(`quotes:${harness.ids[0]}`);
    expect(outcome.callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(outcome.messages[0]?.via).toBe('edit');
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    expect(outcome.messages[0]?.body.embeds?.[0]?.title).toBe(`Quotes: ${FERRY_ARTICLE.title}`);
  });

  it('answers an expired page turn with a private follow-up, leaving the pressed message alone', async () => {
    const outcome = await harness.discord.pressButton(`quotes-page:${harness.ids[3]}:99:all`);
    expect(outcome.callback?.type).toBe(6);
    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.via).toBe('follow-up');
    expect(outcome.messages[0]?.isEphemeral).toBe(true);
    expect(outcome.messages[0]?.body.content).toBe('This page has expired; run /quotes again.');
  });
});
