import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

function speakersOf(text: string): Array<string | null> {
  return extractQuotes({ title: '', text }).map((q) => q.speaker);
}

describe('attribute dash credits', () => {
  it('gives a paragraph cut by stray marks the dash credit that closes it, not the one before', () => {
    const text =
      '“The pier needs a roof before the winter storms come back.” ― Tomas Lind.\n' +
      '“The ferry is late every single day of the week. As my aunt says ‘Time is money.” And she is right about “the cost of all that waiting’.” ― Ana Ruiz.';
    expect(speakersOf(text)).toEqual(['Tomas Lind', 'Ana Ruiz', 'Ana Ruiz']);
  });

  it('gives a quote cut short by a quote inside it the dash credit that closes its paragraph', () => {
    const text =
      '“The pier needs a roof before the winter storms come back.” ― Tomas Lind.\n' +
      '“As a parent of two....I’d rather wait for what he calls “progress” than lose the ferry for good.” ― Ana Ruiz';
    expect(speakersOf(text)[1]).toBe('Ana Ruiz');
  });
});

describe('attribute verbs before a quote', () => {
  it('reads no verb of saying inside another quote’s marks before the quote', () => {
    const text = 'Tomas Lind runs the harbour board.\n“Lind accused of hiding pier costs,” by Herald reporter Ana Ruiz: “The board paid twice for the same repairs last year.”';
    expect(speakersOf(text).at(-1)).toBe('Ana Ruiz');
  });
});

describe('attribute credits after a quote', () => {
  it('reads the credit after a quote no further than the end of its sentence', () => {
    const text =
      'Ana Ruiz spoke to the harbour board on Monday. “We cannot wait another year for the seawall,” she said. Engineer Tomas Lind said the work would start in May.';
    expect(speakersOf(text)).toEqual(['Ana Ruiz']);
  });
});

describe('attribute credits in the sentence after a quote', () => {
  it('does not credit a quote that ends its sentence to the next sentence reporting someone else', () => {
    const text =
      'Ana Ruiz spoke to the harbour board on Monday. She added: “We cannot wait another year for the seawall.” Engineer Tomas Lind said the work would start in May.';
    expect(speakersOf(text)).toEqual(['Ana Ruiz']);
  });

  it('credits a quote that ends its sentence to a name and verb of saying that close the next one', () => {
    const texts = [
      'The harbour board met on Monday. “We cannot wait another year for the seawall.” Tomas Lind said.',
      'The harbour board met on Monday. “We cannot wait another year for the seawall.” Tomas Lind told reporters on Monday.',
      'The harbour board met on Monday. “Why wait another year for the seawall?” Tomas Lind asked, looking at the pier.',
    ];
    for (const text of texts) expect(speakersOf(text), text).toEqual(['Tomas Lind']);
  });
});

describe('attribute verbs of thinking in what was said', () => {
  it('credits words after `said that X felt` to the one who said it', () => {
    const text = 'The harbour board met on Monday. Ana Ruiz, for the ferry crews, said that Tomas Lind felt “nothing but regret” about the delay.';
    expect(speakersOf(text)).toEqual(['Ana Ruiz']);
  });

  it('still credits a verb of thinking that is the sentence’s own', () => {
    const text = 'The harbour board met on Monday. Tomas Lind believes the pier is “beyond any repair” after the storms.';
    expect(speakersOf(text)).toEqual(['Tomas Lind']);
  });
});

describe('attribute colons', () => {
  it('gives a quote after a colon to the subject, not to a name in a phrase before it', () => {
    const text =
      "During Mayor Ann Roe's visit to the harbour on Friday, Harbour Crew hacked the council website, placing a message which read: \"Roe has sold the port.\"";
    expect(speakersOf(text)).toEqual(['Harbour Crew']);
  });
});
