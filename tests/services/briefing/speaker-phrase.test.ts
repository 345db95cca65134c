import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

function speakersOf(text: string): Array<string | null> {
  return extractQuotes({ title: '', text }).map((q) => q.speaker);
}

describe('organisationSpeaking', () => {
  it('never takes an organisation named inside the quote for the `it` that says it', () => {
    const text =
      'The Harbour Trust wrote to the minister on Monday.\n“We urge the Coastal Ministry to reopen the north pier before the storms arrive,” it said.';
    expect(speakersOf(text)).toEqual(['Harbour Trust']);
  });

  it('never takes a link line for the organisation an `it` means', () => {
    const text =
      'The Harbour Trust wrote to the minister on Monday.\nREAD MORE: Storm closes the north pier\n“We want the north pier open before the storms arrive,” it said.';
    expect(speakersOf(text)).toEqual(['Harbour Trust']);
  });

  it('lets a later `it said` mean the organisation an earlier `it said` was credited to', () => {
    const filler = 'Crews worked through the night on the coast road, and the ferries stayed in port while the wind blew hard. '.repeat(5);
    const text = `NP Hydro said 600 homes lost power.\n“Crews will reach the valley by noon, and the town after that,” it said.\n${filler}\n“There are hundreds of outages left to repair,” it said.`;
    expect(speakersOf(text)).toEqual(['NP Hydro', 'NP Hydro']);
  });
});

describe('resolvePhrase', () => {
  it('resolves a capitalised description to the one person the article gave that role', () => {
    const text = 'Folk singer Ana Ruiz opened the festival on Friday.\nThe singer said: “I grew up three streets from this cinema.”';
    expect(speakersOf(text)).toEqual(['Ana Ruiz']);
  });

  it('keeps a capitalised description as written when two people hold the role', () => {
    const text = 'Folk singer Ana Ruiz and folk singer Tomas Lind opened the festival.\nThe singer said: “I grew up three streets from this cinema.”';
    expect(speakersOf(text)).toEqual(['The singer']);
  });
});
