import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBrief, DEFAULT_LENGTH } from '../../../src/services/briefing/brief.js';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

const fixture = readFileSync(new URL('../../fixtures/briefing-article.txt', import.meta.url), 'utf8');
const [title = '', ...rest] = fixture.split('\n');
const article = { title, text: rest.join('\n') };

describe('buildBrief', () => {
  it('gives at least three bullets by default, each a verbatim span of the article', () => {
    const brief = buildBrief(article);
    expect(brief.headline).toBe(title);
    expect(brief.bullets.length).toBeGreaterThanOrEqual(3);
    for (const bullet of brief.bullets) expect(article.text.slice(bullet.start, bullet.end)).toBe(bullet.text);
  });

  it('adds bullets past three by default only while the brief stays within its word budget', () => {
    const facts = [
      'The harbour fleet sailed at dawn',
      'Forty boats left the north quay',
      'Cod prices rose at the morning auction',
      'A storm warning was lifted overnight',
      'Two trawlers stayed in port for repairs',
      'The coastguard opened the outer channel',
      'Ice still covers the inner basin',
      'Buyers came from three mainland towns',
    ];
    const short = facts.map((f) => `${f}.`).join(' ');
    const long = facts.map((f) => `${f}, and the skippers spoke of a season that could make up for two lean winters in a row.`).join(' ');
    const words = (bullets: readonly { text: string }[]): number => bullets.reduce((n, b) => n + b.text.split(/\s+/).length, 0);
    const shortBrief = buildBrief({ title: 'Fleet sails at dawn', text: short });
    expect(shortBrief.bullets.length).toBeGreaterThan(3);
    expect(words(shortBrief.bullets)).toBeLessThanOrEqual(DEFAULT_LENGTH.words);
    expect(buildBrief({ title: 'Fleet sails at dawn', text: long }).bullets).toHaveLength(3);
  });

  it('gives exactly the bullets asked for when the option is set', () => {
    expect(buildBrief(article, { bullets: 4 }).bullets).toHaveLength(4);
    expect(buildBrief(article, { bullets: 3 }).bullets).toHaveLength(3);
  });

  it('returns bullets in article order with distinct sentences', () => {
    const { bullets } = buildBrief(article, { bullets: 6 });
    const indices = bullets.map((b) => b.sentenceIndex);
    expect(indices).toEqual([...new Set(indices)].sort((a, b) => a - b));
  });

  it('clamps the bullet count to 3-6', () => {
    expect(buildBrief(article, { bullets: 1 }).bullets).toHaveLength(3);
    expect(buildBrief(article, { bullets: 12 }).bullets.length).toBeLessThanOrEqual(6);
  });

  it('never makes a bullet of a byline, dateline, caption, promo or link line', () => {
    const { bullets } = buildBrief(article, { bullets: 6 });
    for (const bullet of bullets) {
      expect(bullet.text).not.toMatch(/^By |^Published|Harbour Archive|HARBOUR TOWNS|^Read more/);
    }
  });

  it('picks key quotes among the extracted quotes, with speakers', () => {
    const brief = buildBrief(article, { quotes: 2 });
    const all = extractQuotes(article).map((q) => q.text);
    expect(brief.keyQuotes).toHaveLength(2);
    for (const quote of brief.keyQuotes) {
      expect(all).toContain(quote.text);
      expect(quote.speaker).not.toBeNull();
    }
  });

  it('takes no key quote whose speaker is unclear', () => {
    const text =
      'The ferry will add two late crossings from December, the harbour board said.\n' +
      '“Nobody finishing a late shift should be stranded on the island side again,” said Odile Ferrant, the board chair.\n' +
      'The pier reopened on Monday.\n“We waited eleven long years for a crossing this late in the evening.”';
    const brief = buildBrief({ title: 'Ferry adds late crossings', text }, { quotes: 3 });
    expect(brief.keyQuotes.length).toBeGreaterThan(0);
    for (const quote of brief.keyQuotes) expect(quote.speaker).not.toBeNull();
  });

  it('is deterministic', () => {
    expect(buildBrief(article)).toEqual(buildBrief(article));
  });

  it('cuts a leading (CNN) dateline off the first bullet', () => {
    const text =
      '(CNN) -- The river burst its banks on Sunday, flooding two villages. Rescue teams reached the villages by boat. ' +
      'Nobody was hurt, officials said. The water is expected to fall by Wednesday.';
    const { bullets } = buildBrief({ title: 'River floods villages', text });
    expect(bullets[0]?.text.startsWith('The river burst')).toBe(true);
  });

  it('trims a chosen sentence at a clause boundary and keeps the span verbatim', () => {
    const text =
      'Flood water closed the coast road between Alderby and Westmoor on Sunday, the county council said. ' +
      'Rescue teams reached the cut-off farms by boat. Nobody was hurt in the two villages. ' +
      'The water is expected to fall by Wednesday.';
    const { bullets } = buildBrief({ title: 'Floods close coast road', text });
    expect(bullets[0]?.text).toBe('Flood water closed the coast road between Alderby and Westmoor on Sunday');
    for (const bullet of bullets) expect(text.slice(bullet.start, bullet.end)).toBe(bullet.text);
  });
});

describe('buildBrief bullets as story text', () => {
  const quoted =
    'The harbour council voted on Tuesday to close the old ferry pier. ' +
    '“We have spent eleven years talking about the seawall. Now they take the slipway too. Nobody asked the crews,” said Piet Varga, who chairs the fishing association. ' +
    'Repairs would have cost four million crowns, the council said. ' +
    '“It is a sad day,” said one skipper. ' +
    'The pier opened in 1911 and once carried the island mail. ' +
    'A new landing at the north quay will open within two years. ' +
    'Fishing crews plan to ask the regional court to review the vote. ' +
    'The council meets again in May.';

  it('never makes a bullet of a piece of a quotation, even at six bullets', () => {
    const { bullets } = buildBrief({ title: 'Council votes to close the ferry pier', text: quoted }, { bullets: 6 });
    expect(bullets).toHaveLength(6);
    for (const bullet of bullets) {
      expect(bullet.text).not.toMatch(/seawall|slipway|Nobody asked|sad day/);
      expect(bullet.text.split('“').length).toBe(bullet.text.split('”').length);
    }
  });

  it('opens with the sentence that names the subject, not one that leans on an unseen sentence', () => {
    const text =
      'She has run the island ferry for thirty years. ' +
      'Captain Mira Holm will retire in June, the ferry company said on Monday. ' +
      'The company has not named her successor. ' +
      'Crossings will run as usual over the summer.';
    const { bullets } = buildBrief({ title: 'Island ferry captain to retire', text }, { bullets: 3 });
    expect(bullets[0]?.text.startsWith('Captain Mira Holm')).toBe(true);
  });
});

// The seed article is shared data and stays outside the repository; the test runs when it is present.
const seedPath = new URL('../../../../shared/data/seed-article.txt', import.meta.url);
describe.skipIf(!existsSync(seedPath))('seed article', () => {
  const [seedTitle = '', ...seedRest] = existsSync(seedPath) ? readFileSync(seedPath, 'utf8').split('\n') : [''];
  const seed = { title: seedTitle, text: seedRest.join('\n') };

  it('finds the six quote passages of the body, all verbatim, none from headings or promo lines', () => {
    const quotes = extractQuotes(seed);
    expect(quotes).toHaveLength(6);
    for (const quote of quotes) for (const part of quote.parts) expect(seed.text.slice(part.start, part.end)).toBeTruthy();
    expect(quotes.filter((q) => q.kind === 'partial')).toHaveLength(2);
  });

  it('attributes the Kallas quotes, including those given by "she" and "Kallas", to Kaja Kallas', () => {
    const speakers = extractQuotes(seed).map((q) => q.speaker);
    expect(speakers.filter((s) => s === 'Kaja Kallas')).toHaveLength(5);
    expect(speakers.filter((s) => s === 'Donald Trump')).toHaveLength(1);
  });
});
