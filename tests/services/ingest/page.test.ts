import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../../src/errors.js';
import { htmlToText, parsePage } from '../../../src/services/ingest/page.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('parsePage', () => {
  const article = parsePage(fixture('article-page.html'), 'https://ledger.example/news/harbour-bridge-reopens');

  it('reads the metadata of the page', () => {
    expect(article).toMatchObject({
      url: 'https://ledger.example/news/harbour-bridge-reopens?utm_source=rss',
      title: 'Harbour bridge reopens after six weeks of repairs',
      authors: ['Maria Okafor'],
      outlet: 'The Riverside Ledger',
      publishedAt: '2025-06-10T06:30:00.000Z',
      section: 'Local',
      tags: ['transport'],
      language: 'en-GB',
    });
  });

  it('keeps paragraphs apart and drops figure captions, navigation and scripts', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(5);
    expect(paragraphs).toContain(
      'The Harbour bridge reopened to traffic on Tuesday morning after six weeks of repairs to its steel deck, the city council said.',
    );
    expect(article.text).toContain('"We found more rust than the survey had suggested," said Tomas Lindqvist');
    expect(article.text).not.toContain('The bridge at dawn');
    expect(article.text).not.toContain('__executed');
    expect(article.text).not.toContain('Home');
  });

  it('reads JSON-LD when meta tags are missing', () => {
    const html = `<html><head><title>x</title><script type="application/ld+json">
      {"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves budget",
       "datePublished":"2025-03-01T10:00:00Z","author":[{"@type":"Person","name":"Lee Chen"}],
       "publisher":{"@type":"Organization","name":"Metro Daily"},"articleSection":"Politics"}</script></head>
      <body><article><p>${'The council approved the budget after a long debate. '.repeat(12)}</p>
      <p>${'Members argued about the library fund. '.repeat(12)}</p></article></body></html>`;
    const parsed = parsePage(html, 'https://metro.example/a/1');
    expect(parsed).toMatchObject({
      title: 'Council approves budget',
      authors: ['Lee Chen'],
      outlet: 'Metro Daily',
      section: 'Politics',
      publishedAt: '2025-03-01T10:00:00.000Z',
      url: 'https://metro.example/a/1',
    });
    expect(parsed.text.split('\n\n')).toHaveLength(2);
  });

  it('does not run the page scripts', () => {
    const html = `<html><head><title>t</title><script>document.title = 'changed by script'</script></head>
      <body><article><p>${'Plain reporting with enough words to count as an article. '.repeat(10)}</p></article></body></html>`;
    expect(parsePage(html, 'https://x.example/s').title).toBe('t');
  });

  it('refuses a page with no readable text', () => {
    expect(() => parsePage(fixture('empty-page.html'), 'https://app.example/')).toThrow(IngestError);
    try {
      parsePage(fixture('empty-page.html'), 'https://app.example/');
    } catch (error) {
      expect((error as IngestError).code).toBe('empty_article');
      expect((error as IngestError).message).toContain('https://app.example/');
    }
  });
});

describe('htmlToText', () => {
  it('turns block elements into paragraphs', () => {
    expect(htmlToText('<p>One <b>bold</b>\n word.</p><div>Two</div><ul><li>Three</li><li>Four</li></ul>')).toBe(
      'One bold word.\n\nTwo\n\nThree\n\nFour',
    );
  });

  it('decodes entities and keeps plain-text paragraphs', () => {
    expect(htmlToText('Fish &amp; chips.\n\nSecond  paragraph.')).toBe('Fish & chips.\n\nSecond paragraph.');
  });

  it('drops figure captions and scripts', () => {
    expect(htmlToText('<figure><img src="x"><figcaption>Caption</figcaption></figure><p>Body</p><script>x()</script>')).toBe('Body');
  });
});
