import { describe, expect, it } from 'vitest';
import { trimClauses, trimSentence } from '../../../src/services/briefing/clauses.js';
import { segmentArticle } from '../../../src/services/briefing/segment.js';

const trimmed = (text: string): string => {
  const { start, end } = trimClauses(text);
  return text.slice(start, end);
};

describe('trimClauses', () => {
  it.each([
    ['a trailing attribution', 'The ferry service will stop running at the end of March, the harbour authority said.', 'The ferry service will stop running at the end of March'],
    ['"according to"', 'Rents in the old town rose by a fifth last year, according to figures from the land registry.', 'Rents in the old town rose by a fifth last year'],
    ['a trailing participial clause', 'A storm flooded the lower streets of the port overnight, leaving dozens of boats stranded.', 'A storm flooded the lower streets of the port overnight'],
    ['a trailing relative clause', 'The council sold the pier to a private trust in 2019, which has since let it decay.', 'The council sold the pier to a private trust in 2019'],
    ['a trailing concession', 'The mayor promised a new landing at the north quay, but gave no date for the work.', 'The mayor promised a new landing at the north quay'],
    ['a second coordinate clause', 'Crews cleared the fallen trees from the coast road by noon, and the buses ran again.', 'Crews cleared the fallen trees from the coast road by noon'],
    ['a leading connective', 'But Harbourmaster Lena Ostrova insisted the pier was safe for foot traffic.', 'Harbourmaster Lena Ostrova insisted the pier was safe for foot traffic.'],
    ['a leading adverbial', 'On Tuesday, Mayor Ingrid Solberg signed the order closing the old pier.', 'Mayor Ingrid Solberg signed the order closing the old pier.'],
  ])('drops %s', (_, text, expected) => {
    expect(trimmed(text)).toBe(expected);
  });

  it('reads past a list at the end of the clause it drops', () => {
    const text = 'The port authority warned that storms are not the only risk to the harbour, pointing to silt, rust, and rising rents.';
    expect(trimmed(text)).toBe('The port authority warned that storms are not the only risk to the harbour');
  });

  it('drops several tails in turn', () => {
    const text = 'Fire swept through the timber yard on the quay, destroying three sheds, fire crews said.';
    expect(trimmed(text)).toBe('Fire swept through the timber yard on the quay');
  });

  it.each([
    ['a cut that would leave a stub', 'The pier closed, officials said.'],
    ['a remainder that would open in lower case', 'However, the council said the repairs would cost too much to justify.'],
    ['the last item of a list', 'The storm closed schools in Alderby, Westmoor, and the two villages beyond the bay.'],
    ['a list after a leading place', 'In Alderby, Westmoor and Kettleness, residents were told to stay indoors until the evening.'],
    ['a comma inside a single-quoted quotation', "The harbourmaster told the inquiry: 'The sea wall failed, and nobody had checked it for years.'"],
    ['a comma inside a quotation', '“The pier is finished, and we all know it,” the engineer wrote in his report to the council.'],
    ['an attribution with no subject of its own', 'The engineer who inspected the supports last winter, said the report.'],
    ['a clause of time, which carries the news', 'The mayor resigned from the harbour council on Friday, after the vote went against her.'],
  ])('keeps %s', (_, text) => {
    expect(trimmed(text)).toBe(text);
  });
});

describe('trimSentence', () => {
  it('returns a verbatim span of the article with the tokens inside it', () => {
    const text = 'The old ferry pier will close at the end of the month, the harbour council said. Repairs stop today.';
    const [first] = segmentArticle(text).sentences;
    if (first === undefined) throw new Error('no sentence');
    const cut = trimSentence(first);
    expect(cut.text).toBe('The old ferry pier will close at the end of the month');
    expect(text.slice(cut.start, cut.end)).toBe(cut.text);
    expect(cut.index).toBe(first.index);
    expect(cut.tokens.map((t) => t.value).at(-1)).toBe('month');
  });
});
