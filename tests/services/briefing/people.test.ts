import { describe, expect, it } from 'vitest';
import { isNameWord } from '../../../src/services/briefing/name-words.js';
import { findPeople } from '../../../src/services/briefing/people.js';
import { segmentArticle } from '../../../src/services/briefing/segment.js';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

describe('findPeople through extractQuotes', () => {
  it('does not take a reader instruction before a surname for a new full name', () => {
    const text = '"We sail at six," Jared Lind said.\n(See Lind\'s full timeline below.)\n"The boats fill up by noon," Lind said.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Jared Lind', 'Jared Lind']);
  });
  it('reads a full name before a modal verb as a person a later pronoun can mean', () => {
    const text = 'Ana Ruiz tweeted a photo.\nPiet Varga may have said it best when he wrote: "The harbour is as close to ruin as it gets."';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });
  it('keeps a surname after a title of the other gender apart from the family member named in full', () => {
    const text =
      'Tomas Lind, 11, cannot go out in the sun. His mother gave up her job to care for him.\n“He never complains about the hat,” Mrs Lind said.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Mrs Lind']);
    const people = findPeople(text, segmentArticle(text).sentences);
    expect(people.mentions.find((m) => m.person.name === 'Tomas Lind')?.person.gender).toBe('male');
  });
});

describe('single names', () => {
  it('reads a one-word name the article has speaking as a person from its first mention', () => {
    const text =
      'Ana Ruiz filmed the show. Kesi was furious with her rival. She said the date was “a total mess.” Later, Kesi told the cameras she was done.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Kesi']);
  });

  it('reads no word capitalised only at sentence starts as a person before it speaks', () => {
    const text = 'Ana Ruiz runs the harbour. Residents were angry. She said the pier was “falling apart.” Residents said it should close.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Ana Ruiz']);
  });

  it('credits a pronoun to a one-word name mentioned before it first speaks', () => {
    const text =
      'Maria Lund ran the base. Bob led the night shift for years. Nor, he said, did he give anything like “an order to wait.” In a long interview, Bob said the team left on time.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Bob']);
  });
});

describe('speaker names and roles', () => {
  it('reads a role word closing a name after a given name as the surname, and that surname alone as the person', () => {
    const text = 'Marta Jean King coached the club for a decade.\n“We trained at dawn,” said Marta Jean King.\nKing says the pier “saved the season.”';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Marta Jean King', 'Marta Jean King']);
  });

  it('reads a role word closing a name that follows a role as the surname, whatever the given name', () => {
    const text = 'Fuel duty rose again.\nAnd club president Edmund King said: “Drivers are paying far too much.”\nJudge Philip Head, sentencing, said: “You showed no remorse.”';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Edmund King', 'Philip Head']);
  });

  it('never reads a name inside a description, before the noun it modifies, as the speaker', () => {
    const text = 'Leon Brandt has scored twice since January.\nAnd the former Ajax man says he is finally adjusting to the “very physical” league.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).not.toContain('Ajax');
  });

  it('leaves a participle opening a sentence out of the full name after it', () => {
    const text = 'A fox bit the postman on Tuesday.\nShocked Terry Lindqvist, 79, was walking his dog at the time. He said: “It came out of nowhere.”';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Terry Lindqvist']);
  });

  it('reads the latter and the former as the second and first of two people named in the sentence before', () => {
    const pair = 'TV pundits Gary Lind and Tomas Berg were critical of the move.\n';
    const latter = `${pair}Of the decision, the latter said it was “a bit of a gamble” for the club.`;
    const former = `${pair}“It was a gamble for the club,” the former said.`;
    const three = 'Gary Lind, Tomas Berg and Ana Ruiz were critical of the move.\n“It was a gamble for the club,” the latter said.';
    expect([latter, former, three].map((text) => extractQuotes({ title: '', text })[0]?.speaker ?? null)).toEqual(['Tomas Berg', 'Gary Lind', null]);
  });

  it('resolves a role-word surname to the full name', () => {
    const text = 'Tom Judge runs the ferry line.\n“We sail at six,” Judge said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Tom Judge');
  });

  it('keeps a role word before a name a role', () => {
    const quote = extractQuotes({ title: '', text: '“The court will sit in May,” said Judge Ana Ruiz.' })[0];
    expect(quote).toMatchObject({ speaker: 'Ana Ruiz', speakerRole: 'Judge' });
  });

  it('keeps a two-word title whole in front of the name', () => {
    const quote = extractQuotes({ title: '', text: '“The pier must be rebuilt this year,” said State Assemblyman Paul Oberg.' })[0];
    expect(quote).toMatchObject({ speaker: 'Paul Oberg', speakerRole: 'State Assemblyman' });
  });

  it('shows the appositive role, not an honorific, beside the name', () => {
    const quote = extractQuotes({ title: '', text: '“The water is rising faster than we planned,” said Dr. Ana Ruiz, the harbour engineer.' })[0];
    expect(quote).toMatchObject({ speaker: 'Ana Ruiz', speakerRole: 'the harbour engineer' });
  });

  it('resolves a surname with its particle, in either case, to the full name', () => {
    const text = 'Pieter van Leeuwen chairs the board.\n“The board will vote in May,” Van Leeuwen said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Pieter van Leeuwen');
  });

  it('resolves a surname after a pronoun sentence to the full name', () => {
    const text = 'Maria Castellanos runs the ferry line. She has done so for a decade.\n“We will add a late boat,” Castellanos said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Maria Castellanos');
  });
});

describe('speaker roles of police and public officers', () => {
  it('keeps an abbreviated police rank as the role', () => {
    const quote = extractQuotes({ title: '', text: '“Anyone with information should call us,” said Const. Jane Doucette of the Harbour Police.' })[0];
    expect(quote).toMatchObject({ speaker: 'Jane Doucette', speakerRole: 'Const.' });
  });

  it('takes an appositive led by a possessive place name as the role', () => {
    const quote = extractQuotes({ title: '', text: '“This is a public health emergency,” said Dr. Ana Ruiz, B.C.’s provincial health officer.' })[0];
    expect(quote).toMatchObject({ speaker: 'Ana Ruiz', speakerRole: 'B.C.’s provincial health officer' });
  });
});

describe('resolvePronoun through extractQuotes', () => {
  it('passes over someone speaking inside what a sentence’s own `he` reports', () => {
    const text =
      'Professor Tomas Lind examined the pier for the board. He also said the cracks that engineers found Piet Varga reported were old.\n“I believe the pier was already failing,” he said.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Tomas Lind']);
  });
  it('passes over an owner named in the possessive to the last man speaking', () => {
    const text = '“The pier is unsafe,” Mr. Tomas Lind said. Mr. Piet Varga’s company built it in 1990.\n“It was never meant to carry lorries,” he said.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Tomas Lind', 'Tomas Lind']);
  });
  it('still resolves to an owner in the possessive when no one else fits', () => {
    const text = 'Mr. Piet Varga’s company built the pier in 1990.\n“It was never meant to carry lorries,” he said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Piet Varga');
  });
});

describe('findPeople headings and openers', () => {
  const namesIn = (text: string) => findPeople(text, segmentArticle(text).sentences).people.map((p) => p.name);

  it('reads no sentence-opening preposition or determiner as part of a name', () => {
    for (const word of ['Like', 'Unlike', 'Another', 'Every']) expect(isNameWord(word), word).toBe(false);
    const text = 'Tomas Lind chairs the board.\nLike Lind, Ana Ruiz voted against the plan.\n“The pier can wait until spring,” Lind said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Tomas Lind');
  });

  it('keeps a role between an owner and a name out of the name', () => {
    const quote = extractQuotes({ title: '', text: '“The pier opens in May,” said Ruiz Senior Adviser Tomas Lind.' })[0];
    expect(quote?.speaker).toBe('Tomas Lind');
  });

  it('takes five capitalised words in a row for a title, not a name', () => {
    expect(namesIn('Harbour Vote Splits Old Friends: ending the ferry service is the plan of the board.')).toEqual([]);
  });

  it('finds no name in a heading in Title Case, where capitals do not mark where a name ends', () => {
    expect(namesIn('Ana Ruiz Recalls Why She Left The Board.\nAna Ruiz now runs the ferry.')).toEqual(['Ana Ruiz']);
  });

  it('still finds names in a caption of names and an organisation', () => {
    expect(namesIn('Photo / The Harbour Press Ana Ruiz and Tomas Lind at the pier.')).toContain('Tomas Lind');
  });
});

describe('findPeople places', () => {
  const namesIn = (text: string) => findPeople(text, segmentArticle(text).sentences).people.map((p) => p.name);

  it('takes no place for a person, after a preposition or before a verb of saying', () => {
    expect(namesIn('Speaking in Truro, Nova Scotia, Ana Ruiz said the pier would open. The senator from Ohio said no.')).toEqual(['Ana Ruiz']);
    const text = 'The senator from Ohio said the vote was close.\n“We will not give up on the ferry,” he said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBeNull();
  });

  it('keeps a surname that is also a place for the person named in full', () => {
    const text = 'Tomas Bristol chairs the board.\n“The pier can wait until the spring,” Bristol said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Tomas Bristol');
  });

  it('lets a place speak as a government', () => {
    expect(extractQuotes({ title: '', text: '“We will not sign the fishing treaty this year,” Norway said.' })[0]?.speaker).toBe('Norway');
  });
});

describe('findPeople roles and inverted attributions', () => {
  const namesIn = (text: string) => findPeople(text, segmentArticle(text).sentences).people.map((p) => p.name);

  it('keeps a capitalised job title out of the name after it', () => {
    expect(namesIn('The port hired Media Coordinator Tomas Lind and Journalist Ana Ruiz.')).toEqual(['Tomas Lind', 'Ana Ruiz']);
  });

  it('keeps a plural title or party before names out of the first name', () => {
    expect(namesIn('Senators Ana Ruiz and Tomas Lind backed the bill.')).toEqual(['Ana Ruiz', 'Tomas Lind']);
    expect(namesIn('Democrats Ana Ruiz and Tomas Lind backed the bill.')).toEqual(['Ana Ruiz', 'Tomas Lind']);
  });

  it('reads a word before a full name the article already gave as no part of it', () => {
    const text = 'Ana Ruiz chairs the board.\nHer rivals call her “Lucky Ana Ruiz” online.\n“The pier can wait until the spring,” Ruiz said.';
    expect(namesIn(text)).toEqual(['Ana Ruiz']);
    expect(extractQuotes({ title: '', text }).at(-1)?.speaker).toBe('Ana Ruiz');
  });

  it('reads a verb of saying that opens the sentence as no part of the name after it', () => {
    const text = 'Tomas Lind runs the ferry.\nSaid Lind: “The boats will run all winter long.”\nContinued Lind: “We have the crews for it.”';
    expect(namesIn(text)).toEqual(['Tomas Lind']);
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Tomas Lind', 'Tomas Lind']);
  });
});
