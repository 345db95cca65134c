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

  it('resolves a description with capitalised words before its role to the one person the article tied it to', () => {
    const host = 'Harbour Watch host Ana Ruiz filmed the pier on Friday.\nThe Harbour Watch host said: “We will keep filming it every single night.”';
    expect(speakersOf(host)).toEqual(['Ana Ruiz']);
    const striker = 'Tomas Lind, the Oslo-born striker, scored twice.\n“We were the better side all game long,” the Oslo-born striker said.';
    expect(speakersOf(striker)).toEqual(['Tomas Lind']);
    const chef = 'Ana Ruiz, the Lisbon-trained chef, opened the pier cafe.\nThe Lisbon-trained chef said: “We will serve the crews all through the winter.”';
    expect(speakersOf(chef)).toEqual(['Ana Ruiz']);
  });

  it('keeps a description with capitalised words as a role phrase when the article tied no one to the whole of it', () => {
    const text = 'Senator Ana Ruiz spoke first.\nThe Coastal senator said: “We will keep the pier open through the whole winter.”';
    expect(speakersOf(text)).toEqual(['The Coastal senator']);
    const show = 'The Harbour News host said: “We will keep filming the pier every single night.”';
    expect(speakersOf(show)).toEqual(['The Harbour News host']);
  });
});
