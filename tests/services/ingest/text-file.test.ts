import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/errors.js';
import { parseJsonArticles, parseJsonLine, parseTextArticle } from '../../../src/services/ingest/text-file.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('parseTextArticle', () => {
  const article = parseTextArticle(fixture('seed-format.txt'), 'seed-format.txt');

  it('reads title, byline with outlet, and date', () => {
    expect(article).toMatchObject({
      url: null,
      title: 'Town council votes to keep the old library open',
      authors: ['Greta Lindholm'],
      outlet: 'The Millbrook Gazette',
      publishedAt: '2025-03-04T12:00:00.000Z',
    });
  });

  it('makes each line a paragraph, starting with the standfirst', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toBe('Campaigners celebrate after a narrow vote');
    expect(paragraphs[3]).toBe(
      '"This building is the heart of the neighbourhood," said Ruth Adebayo, who organised the petition. "We were not going to let it go quietly."',
    );
  });

  it('works without byline and date lines', () => {
    const plain = parseTextArticle('Short headline\n\nFirst paragraph.\nSecond paragraph.\n', 'plain.txt');
    expect(plain).toMatchObject({ title: 'Short headline', authors: [], outlet: null, publishedAt: null, text: 'First paragraph.\n\nSecond paragraph.' });
  });

  it('reads several authors from a byline', () => {
    const two = parseTextArticle('Headline\nBy Ann Lee and Bo Park\nBody text.', 'two.txt');
    expect(two.authors).toEqual(['Ann Lee', 'Bo Park']);
    expect(two.outlet).toBeNull();
  });

  it('refuses a file with a title and no text', () => {
    expect(() => parseTextArticle('Only a title\n', 'title-only.txt')).toThrow(IngestError);
    expect(() => parseTextArticle('', 'empty.txt')).toThrow(/empty\.txt/);
  });
});

describe('parseJsonLine', () => {
  const results = fixture('articles.jsonl')
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => parseJsonLine(line, number));
  const parsed = {
    articles: results.flatMap((result) => (result.ok ? [result.article] : [])),
    problems: results.flatMap((result) => (result.ok ? [] : [result.problem])),
  };

  it('keeps good lines, accepting common key spellings', () => {
    expect(parsed.articles).toHaveLength(2);
    expect(parsed.articles[0]).toMatchObject({
      url: 'https://gazette.example/bus-routes',
      authors: ['Omar Haddad'],
      publishedAt: '2025-05-02T07:00:00.000Z',
      outlet: 'The Millbrook Gazette',
      section: 'Transport',
      text: 'The transport authority will merge routes 4 and 7.\n\nPassengers will need to change at the station.',
    });
    expect(parsed.articles[1]).toMatchObject({ authors: ['Ines Duarte', 'Sam Oyelaran'], publishedAt: '2025-05-03T12:00:00.000Z' });
  });

  it('reports each bad line with its line number', () => {
    expect(parsed.problems.map((problem) => problem.where)).toEqual(['line 2', 'line 3']);
    expect(parsed.problems[0]).toMatchObject({ title: 'Broken line without text', reason: expect.stringContaining('text') });
    expect(parsed.problems[1]?.reason).toMatch(/not valid JSON/);
  });
});

describe('parseJsonArticles', () => {
  it('reads an array, reporting the invalid element', () => {
    const parsed = parseJsonArticles(fixture('articles.json'), 'articles.json');
    expect(parsed.articles).toHaveLength(1);
    expect(parsed.articles[0]).toMatchObject({ authors: ['Lena Fischer', 'Tom Reid'], publishedAt: '2025-05-06T12:00:00.000Z' });
    expect(parsed.problems).toEqual([expect.objectContaining({ where: 'item 2', title: 'Wrong scheme', reason: expect.stringMatching(/^url:/) })]);
  });

  it('reads a single object', () => {
    const parsed = parseJsonArticles('{"title":"One","text":"Body."}', 'one.json');
    expect(parsed.articles.map((article) => article.title)).toEqual(['One']);
  });

  it('reports an unreadable date instead of dropping it', () => {
    const parsed = parseJsonArticles('{"title":"One","text":"Body.","published_at":"someday"}', 'one.json');
    expect(parsed.articles).toEqual([]);
    expect(parsed.problems[0]?.reason).toMatch(/^publishedAt:/);
  });

  it('throws malformed_file for broken JSON', () => {
    expect(() => parseJsonArticles('{"title":', 'broken.json')).toThrow(expect.objectContaining({ code: 'malformed_file' }));
  });
});
