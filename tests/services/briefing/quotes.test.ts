import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { creditedQuotes, extractQuotes } from '../../../src/services/briefing/quotes.js';
import { segmentArticle } from '../../../src/services/briefing/segment.js';

const fixture = readFileSync(new URL('../../fixtures/briefing-article.txt', import.meta.url), 'utf8');
const [title = '', ...rest] = fixture.split('\n');
const article = { title, text: rest.join('\n') };

function quotesOf(text: string, title = '') {
  return extractQuotes({ title, text });
}

describe('extractQuotes', () => {
  it('returns every quote part as a verbatim span of the article', () => {
    const quotes = extractQuotes(article);
    expect(quotes.length).toBeGreaterThan(3);
    for (const quote of quotes) {
      for (const part of quote.parts) expect(article.text.slice(part.start, part.end).length).toBeGreaterThan(0);
      // `text` is the verbatim parts in order, joined by a space or an elision mark and nothing else.
      let rest = quote.text;
      for (const [i, part] of quote.parts.entries()) {
        if (i > 0) rest = rest.replace(/^( … | )/, '');
        const words = article.text.slice(part.start, part.end);
        expect(rest.startsWith(words)).toBe(true);
        rest = rest.slice(words.length);
      }
      expect(rest).toBe('');
    }
  });

  it('gives the article read last its quotes again without attributing them again, in an array of its own', () => {
    const first = extractQuotes(article);
    const again = extractQuotes(article);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // The same quote objects: the attribution was not run a second time.
    expect(again[0]).toBe(first[0]);
    first.length = 0;
    expect(extractQuotes(article)).toEqual(again);
    // Another segmentation of the same text is attributed afresh.
    const other = extractQuotes(article, { ...segmentArticle(article.text, article.title) });
    expect(other).toEqual(again);
    expect(other[0]).not.toBe(again[0]);
  });

  it('keeps a quote broken by its attribution as one quote with one speaker', () => {
    const quotes = quotesOf('“We were not asked,” said Piet Varga. “Now we are told to drive around the bay.”');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.parts).toHaveLength(2);
    expect(quotes[0]?.text).toBe('We were not asked … Now we are told to drive around the bay.');
    expect(quotes[0]?.speaker).toBe('Piet Varga');
  });

  it('reads straight and curly quote marks alike', () => {
    const straight = quotesOf('"The bridge is safe," Anna Berg said.');
    const curly = quotesOf('“The bridge is safe,” Anna Berg said.');
    expect(straight[0]?.text).toBe('The bridge is safe');
    expect(curly[0]?.text).toBe('The bridge is safe');
    expect(straight[0]?.speaker).toBe('Anna Berg');
  });

  it('keeps a quote of the other style nested in a quote inside it, and the outer quote whole', () => {
    const curlyInStraight = quotesOf('"He told me “we are done” and walked out of the hall," Ana Ruiz said.');
    expect(curlyInStraight).toHaveLength(1);
    expect(curlyInStraight[0]).toMatchObject({ text: 'He told me “we are done” and walked out of the hall', speaker: 'Ana Ruiz' });
    const straightInCurly = quotesOf('“He told me "we are done" and walked out of the hall,” Ana Ruiz said.');
    expect(straightInCurly).toHaveLength(1);
    expect(straightInCurly[0]).toMatchObject({ text: 'He told me "we are done" and walked out of the hall', speaker: 'Ana Ruiz' });
    const singleInStraight = quotesOf('"He told me ‘we are done’ and walked out of Ruiz’s ’90s dogs’ hall," Ana Ruiz said.');
    expect(singleInStraight[0]?.text).toBe('He told me ‘we are done’ and walked out of Ruiz’s ’90s dogs’ hall');
  });

  it('finds a partial quote inside a reporter sentence and gives it the subject as speaker', () => {
    const quotes = quotesOf('Mayor Ingrid Solberg said the pier had become "a danger we can no longer patch" and would close.');
    expect(quotes[0]).toMatchObject({ text: 'a danger we can no longer patch', kind: 'partial', speaker: 'Ingrid Solberg' });
    expect(quotes[0]?.speakerRole).toBe('Mayor');
  });

  it('attributes "said X" and "X told" in both orders', () => {
    expect(quotesOf('“It is done,” said Piet Varga.')[0]?.speaker).toBe('Piet Varga');
    expect(quotesOf('Piet Varga told the meeting: “It is done.”')[0]?.speaker).toBe('Piet Varga');
  });

  it('attributes "according to X"', () => {
    expect(quotesOf('The supports “fail without warning,” according to engineer Lena Hoff.')[0]?.speaker).toBe('Lena Hoff');
  });

  it('attributes an "According to X," that opens the sentence, a surname resolved to the full name', () => {
    const text = 'Ana Ruiz runs the pier.\nAccording to Ruiz, the night crews are “worn out beyond anything we planned for.”';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
    const next = 'Ana Ruiz runs the pier.\nAccording to Ruiz, the night crews are worn out.\n“We need twice as many of them by spring.”';
    expect(quotesOf(next)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('credits the speaker of a verb of saying after an opening "According to X,", not X', () => {
    const text = 'According to the Harbour Courier, Ana Ruiz said the crews were “worn out beyond anything we planned for.”';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('credits a quote told to an outlet named by its domain to the subject before it', () => {
    expect(quotesOf('Ana Ruiz told Harbourwatch.com, “We are done with the old pier and all of its ramps.”')[0]?.speaker).toBe('Ana Ruiz');
  });

  it('resolves a pronoun to the last-mentioned person of that gender', () => {
    const text =
      'Harbour chief Ingrid Solberg met Piet Varga on Monday. Solberg is the first woman to lead the harbour, and her term ends in May.\n' +
      '“Nobody will lose their berth,” she said.';
    expect(quotesOf(text).at(-1)?.speaker).toBe('Ingrid Solberg');
  });

  it('resolves a surname to the full name given earlier', () => {
    const text = 'Piet Varga leads the fishermen.\n“We will appeal,” Varga said.';
    expect(quotesOf(text)[0]?.speaker).toBe('Piet Varga');
  });

  it('keeps the title or role apart from the name', () => {
    const quotes = quotesOf('“We acted on the engineers’ advice,” harbour council chair Ingrid Solberg told reporters.');
    expect(quotes[0]?.speaker).toBe('Ingrid Solberg');
    expect(quotes[0]?.speakerRole).toBe('harbour council chair');
  });

  it('leaves the speaker unknown when the article does not say', () => {
    expect(quotesOf('A sign on the gate read: “Closed until further notice.”\n\n“Closed for good,” a voice called from the crowd.')[0]?.speaker).toBeNull();
  });

  it('continues a quote that spans paragraphs', () => {
    const quotes = quotesOf('"We will take this as far as we must.\n"The pier belongs to the town," Piet Varga added.');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.parts).toHaveLength(2);
    expect(quotes[0]?.speaker).toBe('Piet Varga');
  });

  it('ignores quotes in headlines, promo lines and captions', () => {
    const quotes = extractQuotes(article);
    const texts = quotes.map((q) => q.text);
    expect(texts.some((t) => t.includes('WE CANNOT KEEP UP'))).toBe(false);
    expect(quotes.every((q) => q.start > article.text.indexOf('The old ferry pier'))).toBe(true);
  });

  it('attributes every quote of the fixture to the right person', () => {
    const bySpeaker = extractQuotes(article).map((q) => [q.text.slice(0, 20), q.speaker]);
    expect(bySpeaker).toEqual([
      ['a danger we can no l', 'Ingrid Solberg'],
      ['We were not asked, a', 'Piet Varga'],
      ['The council has set ', 'Ingrid Solberg'],
      // A report is a document, not who speaks; the article names no one who issued it.
      ['Pier supports of thi', null],
      ['We will take this as', 'Piet Varga'],
    ]);
  });

  it('reads a speaker phrase up to its adjunct and keeps the role', () => {
    const quotes = quotesOf('“The pier is finished,” said harbour engineer Lena Hoff in a report on Monday.');
    expect(quotes[0]?.speaker).toBe('Lena Hoff');
    expect(quotes[0]?.speakerRole).toBe('harbour engineer');
  });

  it('keeps two people who share a surname apart', () => {
    const text =
      'Tomas Berg runs the ferry. His sister Anna Berg runs the café.\n' +
      '“We will miss the pier,” she said.\n' +
      'Tomas Berg disagreed.\n“It was falling apart,” he said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Anna Berg', 'Tomas Berg']);
  });

  it('gives an unattributed quote to the speaker of the reported speech just before it', () => {
    const text = 'Piet Varga said the crews would keep fishing.\n"We have no other choice."';
    expect(quotesOf(text)[0]?.speaker).toBe('Piet Varga');
  });

  it('resolves a pronoun to the subject of the previous sentence rather than a name mentioned later in it', () => {
    const text = 'Mary Holm, who chairs the board, agreed with Anna Lind on the plan.\n“It is the right call,” she said.';
    expect(quotesOf(text)[0]?.speaker).toBe('Mary Holm');
  });

  it('resolves a pronoun past a sentence whose subject is already that pronoun', () => {
    const text =
      'Judge Tomas Adeyemi heard the case on Monday.\nStill, he denied Mr. Varga\'s request for the ferry logs. "This has become a bitter fight," he wrote.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Tomas Adeyemi']);
  });
  it('never resolves a pronoun to a name inside a quote', () => {
    const text = 'Piet Varga spoke first.\n“Tomas Berg told us nothing,” he said.';
    expect(quotesOf(text)[0]?.speaker).toBe('Piet Varga');
  });

  it('does not take a show or book title in quote marks for a quote', () => {
    const quotes = quotesOf('Mayor Ingrid Solberg told “Good Morning Harbour” the pier was “a danger to everyone.”');
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([['a danger to everyone.', 'Ingrid Solberg']]);
  });

  it('does not take a show named after `on` or `told X\'s`, or a headline credited `by` its author, for a quote', () => {
    const text =
      'Asked about the ramps during an appearance on "Harbour Morning Live," Ingrid Solberg said the work would start in May.\n' +
      'Piet Varga told Nordvik Radio\'s "Evening Report" that crews were "ready and waiting for the word."\n' +
      'READ THIS: "Harbour board names a new chief engineer," by Tomas Berg, in the Nordvik Post.';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['ready and waiting for the word.', 'Piet Varga']]);
  });
  it('drops a short unattributed phrase in quote marks as a term, not a quote', () => {
    expect(quotesOf('Ferry crews met on the quay, where the vote was a "done deal" by noon.')).toHaveLength(0);
  });
  it('drops a nickname between a first name and a surname', () => {
    const text = 'Harbour champion Ana Ruiz beat Lena "Anchor" Holt in the final rowing race on Saturday.';
    expect(quotesOf(text)).toHaveLength(0);
  });
  it('drops a list of short quoted words as terms, not a quote', () => {
    const text = 'Readers sent in the harbour words they never want to hear again: "low tide," "slipway," "swell season" and "ferry fatigue." The board will pick one in June.';
    expect(quotesOf(text)).toHaveLength(0);
  });
  it('keeps a list of short quoted words that someone is said to have used', () => {
    const text = 'Mayor Ingrid Solberg spoke of "open ramps," "safer piers" and "fair fares" at the meeting.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ingrid Solberg']);
  });

  it('reads speakers whose names or roles have digits or accents', () => {
    const quotes = quotesOf('“It was a big order,” said K9 president Oren Halvik, who gave no price. Crews are “ready for winter,” union chief Lucía García said. “We always are.”');
    expect(quotes.map((q) => q.speaker)).toEqual(['Oren Halvik', 'Lucía García']);
  });
  it('keeps a quote broken by a long attribution as one quote', () => {
    const text =
      'Ferries ran late all week.\n"The pier is old," said Marta Lindqvist, a harbour engineer who has inspected the pier and the two ferry ramps beside it every spring for nine years. "We cannot patch it again."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['The pier is old … We cannot patch it again.', 'Marta Lindqvist']]);
  });
  it('keeps the partial quotes of one sentence as one quote, leaving out a title', () => {
    const text = 'Mayor Ingrid Solberg told "Harbour Today" the new ramp was "unsafe for trucks" and "far too costly to keep."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['unsafe for trucks … far too costly to keep.', 'Ingrid Solberg']]);
  });
  it('credits a quote to the person named right before it after a verb or before a colon, never to a listener', () => {
    const text =
      'Crews worked all night on the ramps, explained Piet Varga, "We had no other choice."\n' +
      'The closure does not surprise harbour engineer Lena Hoff: "The ramps were rotten."\n' +
      'Ingrid Solberg left a note for Tomas Berg: "Call me back."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga', 'Lena Hoff', 'Ingrid Solberg']);
  });
  it('gives a participle\'s quote to the main clause\'s subject, past an introductory phrase', () => {
    const text =
      'Marta Lindqvist backed Piet Varga on Monday, saying the pier needs "a new deck and new piles."\n' +
      'Here in Nordvik, Tomas Berg toured the yard, telling reporters, "We start in May."\n' +
      'In a letter to Ingrid Solberg, the port\'s director, Lena Hoff, said: "The ramps stay shut."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Marta Lindqvist', 'Tomas Berg', 'Lena Hoff']);
  });
  it('reads a subject past a leading `Then`, a speaker past `could only`, and `quipped`', () => {
    const text =
      'Piet Varga spoke first.\nThen he turned to the mayor, calling her plan "a waste of good money."\n' +
      'A harbour spokesman could only say: "The ferry is late again."\n"Not again," Ana Ruiz quipped.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga', 'A harbour spokesman', 'Ana Ruiz']);
  });
  it('gives a partial quote to its sentence\'s subject past an introductory phrase', () => {
    const text = 'In court on Monday, Piet Varga made it clear that the ramps were "beyond repair."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['beyond repair.', 'Piet Varga']]);
  });
  it('keeps a part with an attribution of its own as a quote of its own', () => {
    const text = '"The pier is old," Anna Berg said. "It will fall," she said.';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([
      ['The pier is old', 'Anna Berg'],
      ['It will fall', 'Anna Berg'],
    ]);
  });
  it('starts a second quote at a second verb of saying in the sentence', () => {
    const text = 'Piet Varga spoke first. Then he turned on the mayor, calling her "a ferry wrecker" and accusing her of "selling the harbour."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([
      ['a ferry wrecker', 'Piet Varga'],
      ['selling the harbour.', 'Piet Varga'],
    ]);
  });
  it('gives a paragraph\'s unattributed quote to the speaker of the quote before it in that paragraph', () => {
    const text = 'Ferries ran late all week.\n"The pier is old," said Marta Lindqvist, a harbour engineer. Rain fell. "We cannot patch it again."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Marta Lindqvist', 'Marta Lindqvist']);
  });
  it('does not credit a partial quote that ends its sentence to the subject of the next sentence', () => {
    const text = 'Mayor Ingrid Solberg called the old pier "a hazard to every ferry." Piet Varga said repairs would start in May.';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['a hazard to every ferry.', 'Ingrid Solberg']]);
  });
  it('reads a speaker past a bracketed party label', () => {
    const text =
      '"We will fund the pier," Sen. Ana Ruiz (D-Harbour), a member of the transport panel, said on Monday.\n"It is overdue," Rep. Tomas Berg (R-Ohio) said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ana Ruiz', 'Tomas Berg']);
  });
  it('gives `it said` and `the company said` to the organisation named last, and nobody when none is named', () => {
    const text =
      'Mayor Ingrid Solberg spoke first. BC Ferries cancelled ten sailings on Friday.\n"Crews are checking every ramp," it said.\n' +
      'Nordvik Shipping Company cut two routes.\n"We had no choice," the company said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['BC Ferries', 'Nordvik Shipping Company']);
    expect(quotesOf('The storm closed the pier.\n"Crews are checking every ramp," it said.').map((q) => q.speaker)).toEqual([null]);
  });
  it('reads `X of the Y said` as the person X, and `X responded by saying` as X', () => {
    const text =
      '"It was the least bad outcome," Peter Morgan of the Harbour Trust said.\nA port official responded by saying the ramps were "very old and unsafe."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Peter Morgan', 'A port official']);
  });
  it('keeps the appositive after a named speaker as the role', () => {
    const quotes = quotesOf(
      '"The ramps are old," said Tomas Adeyemi, the port\'s operations director.\n"We have the money," Ana Ruiz, a councillor with St. Olav Harbour Trust, said.\n"Not yet," said Piet Varga, who runs the yard.',
    );
    expect(quotes.map((q) => [q.speaker, q.speakerRole])).toEqual([
      ['Tomas Adeyemi', "the port's operations director"],
      ['Ana Ruiz', 'a councillor with St. Olav Harbour Trust'],
      ['Piet Varga', null],
    ]);
  });
  it('keeps a described speaker the article does not name as written', () => {
    const text = '"We will see," the Harbour senator told reporters.\n"It is overdue," said the former top aide to the mayor.\n"Fine," The ferry captain said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['the Harbour senator', 'the former top aide', 'The ferry captain']);
  });
  it('reads a speaker named after a comma or at the end of the reporter\'s sentence', () => {
    const text =
      'The yard opened in May.\n"We were ready by December," the port\'s operations director, Tomas Adeyemi, said in an interview.\n' +
      '"It seems very unlikely" that the ramps reopen this year, said Ana Ruiz, a councillor.';
    expect(quotesOf(text).map((q) => [q.speaker, q.speakerRole])).toEqual([
      ['Tomas Adeyemi', "port's operations director"],
      ['Ana Ruiz', 'a councillor'],
    ]);
  });
  it('does not join a partial quote that finishes the reporter\'s clause to the quote before it', () => {
    const text =
      '"The ramps must close," Mayor Ingrid Solberg said in a statement, adding that repairs were handed out "like sweets to friends."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([
      ['The ramps must close', 'Ingrid Solberg'],
      ['like sweets to friends.', 'Ingrid Solberg'],
    ]);
  });

  it('does not credit a partial quote in mid-clause to a name later in the sentence', () => {
    const text = 'While some critics say the port should not pay a "middle man for every repair" to run the yard, Tomas Adeyemi says the fee is fair.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['some critics']);
  });
  it('reads an `according to` name in full however far it is from the quote, and never from the next sentence', () => {
    const far =
      'The port is paying "dozens" of workers fifteen dollars an hour to go from door to door, mostly in the harbour district, the old town near the ferry terminal and the streets by the bus station, according to port director Tomas Adeyemi.';
    expect(quotesOf(far).map((q) => [q.speaker, q.speakerRole])).toEqual([['Tomas Adeyemi', 'port director']]);
    const next = 'Anna Berg spoke first. She said the pier was "an old and tired wreck." The ramps stay shut, according to Piet Varga.';
    expect(quotesOf(next).map((q) => q.speaker)).toEqual(['Anna Berg']);
  });
  it('gives a partial quote to the speaker its sentence names at the end rather than to a name before it', () => {
    const text = 'Anna Berg spoke first.\nThe old mayors, Piet Varga and Ingrid Solberg, "were stiff and never smiled" in comparison to Berg, Tomas Adeyemi said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Tomas Adeyemi']);
  });
  it('credits a statement to whoever issued it', () => {
    const text =
      'After a meeting, the Harbour Council issued a statement calling the closure "a clear breach of the lease."\n"We will appeal," the Nordvik Ferry Company statement said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Harbour Council', 'Nordvik Ferry Company']);
  });
  it('keeps a hyphenated surname whole when a pronoun refers back to it', () => {
    const text = '"The minister will not comment," said Ana Ruiz-Varga.\nLater, Ruiz-Varga left the hall. "Not today," she said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ana Ruiz-Varga', 'Ana Ruiz-Varga']);
  });

  it('does not take a name after the clause\'s own verb for the subject of a partial quote', () => {
    const text = 'Lobbying records show Tomas Adeyemi has met officials on the topic of "harbour safety" and "ferry law" every month.';
    expect(quotesOf(text)).toEqual([]);
  });

  it('reads a dash credit after a quote up to the end of its sentence', () => {
    const text = '“The pier is our pride.” ― Lena Hoff. Photo: Harbour Archive. “We will rebuild it.” ― Piet J. Varga. Photo: Town Hall.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Lena Hoff', 'Piet J. Varga']);
  });

  it('reads a verb of saying after a possessive or a determiner as a noun, not as the attribution', () => {
    const text = 'Mayor Ingrid Solberg told the council on Monday that Berg’s remarks were “reckless and plainly wrong.”';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ingrid Solberg']);
  });

  it('does not take the clause a quote runs on into for its speaker', () => {
    const text = 'Councillors doubt it. "It can be done, but it looks unlikely" that Anna Berg can beat Ingrid Solberg, said Piet Varga, a councillor.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });

  it('reads a name with a generational suffix', () => {
    const text = '“We stand with the port,” Tomas Marsh III, a harbour pilot, told reporters.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Tomas Marsh']);
  });

  it('never takes a party word for a name, but keeps a described party member as written', () => {
    const text = 'Former Democratic candidate Piet Varga spoke at the rally.\nHe said the plan was "a gift to the rich and nobody else."\n"We will win the county," said an Iowa Democrat.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga', 'an Iowa Democrat']);
  });
  it('skips a sentence adverb before the subject of a partial quote', () => {
    const text = 'The group Harbour First, led by Anna Berg, met on Monday.\nFirst, Berg saw the pier as "a wreck we must pull down."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Anna Berg']);
  });

  it('reads a description before a name as its role when the quote follows a colon', () => {
    const text = 'Longtime civic activist Piet Varga laid out his plan to the Nordvik Gazette: “We will rebuild the pier first.”';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });

  it('does not credit the paper a speaker talks to with the quote after a colon', () => {
    const text = 'Piet Varga gave his answer to the Nordvik Gazette: “We will rebuild the pier first.”';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });

  it('credits a newspaper named after a description, or by one word after `the`', () => {
    const text = 'At the time, Berg\'s hometown Nordvik Free Press wrote: “The pier will close in spring.”\n“Nobody asked the ferry crews,” the Herald wrote.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Nordvik Free Press', 'Herald']);
  });

  it('keeps an office or a lawyer speaking for someone as written, not as that person', () => {
    const text = 'Minister Ana Ruiz left the hall without a word.\n“The minister will not comment today,” her office told reporters.\n“She did nothing wrong,” his lawyer said of Piet Varga.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['her office', 'his lawyer']);
  });

  it('credits a partial quote to the deputy named through a possessive, not to the possessor', () => {
    const text = "Mayor Ann Holt opened the bridge.\nHolt's deputy called it “a triumph of engineering” in a statement.\nHolt's critics were unmoved.";
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['a triumph of engineering', "Holt's deputy"]]);
  });

  it('keeps the possessor as the speaker of their own accusation', () => {
    const text = "Mayor Ann Holt opened the bridge.\nAnn Holt's accusation that the council had “sat on its hands for a decade” drew jeers.";
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ann Holt']);
  });

  it('credits an `it said` that ends the quote\'s sentence to the organisation named last', () => {
    const text = 'The storm cut 400 lines, NVK Power reported.\n"Crews cannot yet reach the worst-hit streets" along the shore, it said.\n"Some homes will wait for days."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['NVK Power', 'NVK Power']);
  });

  it('credits `the company said` to a one-word company seen speaking before', () => {
    const text = 'Ferrolux said on Monday that its ticket app was down for the day.\nBut the firm seemed calm. "We are fixing it and expect it back soon," the company said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ferrolux']);
  });

  it('continues a speaker that the sentence before the quote refers to by pronoun', () => {
    const text = 'Anna Berg runs the ferry. "We sail at six every day," she said.\nThe crossing takes an hour.\nHer advice is simple: book early.\n"The boats fill up by noon in summer."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Anna Berg', 'Anna Berg']);
  });

  it('credits a passive verb of saying to its agent', () => {
    const text = 'Anna Berg was asked by host Piet Varga, who chairs the board, “Will the pier reopen this year or not?”';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });

  it('reads a quote left unclosed after the attribution that broke it to the end of its paragraph', () => {
    const text = 'The yard closed early.\n"The ramps are old," said Piet Varga. "We will shut them in May and rebuild.\nThe council meets on Friday.';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['The ramps are old … We will shut them in May and rebuild.', 'Piet Varga']]);
  });

  it('keeps a quote broken by an attribution that names a show as one quote', () => {
    const text = 'The yard closed early.\n"The ramps are old," Ana Ruiz said on KTV\'s "Harbour Hour." "We will rebuild them in May."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['The ramps are old … We will rebuild them in May.', 'Ana Ruiz']]);
  });

  it('keeps a lead-in quote that its attribution breaks at a comma and the sentence after it as one quote', () => {
    const text = 'Mayor Ingrid Solberg read the deal.\nThe plan "puts the lenders first," Solberg wrote. "That is not acceptable."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['puts the lenders first … That is not acceptable.', 'Ingrid Solberg']]);
  });

  it('starts a second quote at a participle of saying, or at a verb of saying after `and he`, in the sentence', () => {
    const text =
      'Piet Varga called the plan "reckless," telling reporters on Monday that it was "a gift to lenders."\n' +
      'Ana Ruiz found the pier "unsafe" and she quietly told the board it needed "a full rebuild."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([
      ['reckless', 'Piet Varga'],
      ['a gift to lenders.', 'Piet Varga'],
      ['unsafe', 'Ana Ruiz'],
      ['a full rebuild.', 'Ana Ruiz'],
    ]);
  });

  it('reads the subject of a sentence that names someone by an abbreviated title', () => {
    const text = 'The vote is on Friday.\nAna Ruiz threw her support behind Sen. Piet Varga on Wednesday, saying the port needs a "real harbour hand in the office."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ana Ruiz']);
  });

  it('reads the name in the appositive of a described subject as the speaker of a partial quote', () => {
    const text = 'The plan passed.\nAnother critic, Tomas Lind, likened the plan to "selling the harbour."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['selling the harbour.', 'Tomas Lind']]);
  });

  it('continues a quoted speaker that the sentence before refers to by pronoun, even when it quotes a phrase', () => {
    const text =
      'Piet Varga, a shipwright, runs the yard. "We fix boats," he said.\n' +
      'But early on, he lost two ships and became "very careful" about storms. "You remember every single one of them."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga', 'Piet Varga']);
  });

  it('credits the name in the appositive of a described speaker before the verb', () => {
    const text = 'The yard opened in May.\nOne harbour veteran, Piet Varga, said on Monday that the pier "is falling apart and nobody cares."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });

  it('keeps a quote broken by an `according to` attribution as one quote', () => {
    const text = 'The yard closed early.\n"The ramps are old," according to Piet Varga, who runs the yard. "We will rebuild them in May."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['The ramps are old … We will rebuild them in May.', 'Piet Varga']]);
  });

  it('keeps a quote broken by an attribution with an abbreviated month as one quote', () => {
    const text = 'The yard closed early.\n"The ramps are old," a harbour official said at the Dec. 12 briefing. "We will rebuild them in May."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['The ramps are old … We will rebuild them in May.', 'a harbour official']]);
  });

  it('credits `what it called` and `that it said` before a quote to the organisation named last', () => {
    const text = 'Nordvik Shipping Company cut two routes on Monday.\nIt told crews to skip the ports that it said "may not be safe" this winter.';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['may not be safe', 'Nordvik Shipping Company']]);
  });

  it('does not run a quote resumed after its attribution on into a next paragraph attributed by itself', () => {
    const text = 'The yard opened in May.\n"We sail at six," Piet Varga said. "The boats fill up by noon.\n"In winter we stay home," he said.';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([
      ['We sail at six … The boats fill up by noon.', 'Piet Varga'],
      ['In winter we stay home', 'Piet Varga'],
    ]);
  });
});

describe('extractQuotes speakers', () => {
  it('credits a description to the one person the article gave that role', () => {
    const text = 'Mayor Ana Ruiz opened the new slipway on Friday.\n“It took eleven years to get here,” the mayor said.';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('resolves a description with modifiers to the one person the article described so', () => {
    const texts = [
      'Former mayor Tomas Lind toured the pier with Ana Ruiz.\n“The pier will not last the winter,” the former mayor said.',
      'Tomas Lind, 54, a harbour engineer, toured the pier with Ana Ruiz.\n“The pier will not last the winter,” the engineer said.',
    ];
    for (const text of texts) expect(quotesOf(text)[0]?.speaker, text).toBe('Tomas Lind');
  });

  it('does not give `the former mayor` to the sitting mayor', () => {
    const text = 'Mayor Ana Ruiz opened the pier on Monday.\n“It should never have been built here,” the former mayor said.';
    expect(quotesOf(text)[0]?.speaker).not.toBe('Ana Ruiz');
  });

  it('keeps a description as written when two people hold that role', () => {
    const text = 'Senator Ana Ruiz and Senator Piet Varga toured the docks.\n“The pier will not last the winter,” the senator said.';
    expect(quotesOf(text)[0]?.speaker).toBe('the senator');
  });

  it('never credits a quote to a document, an adverb or a clause fragment', () => {
    const texts = [
      '“Repairs will take two years,” the report said.',
      '“The ferry will run all winter,” a statement said.',
      '“We will rebuild the ramps,” Somehow said the chair.',
    ];
    for (const text of texts) {
      const speaker = quotesOf(text)[0]?.speaker ?? null;
      expect(speaker === null || !/report|statement|Somehow/.test(speaker), text).toBe(true);
    }
  });

  it('credits no appositive after a subjectless predicate with a participle quote', () => {
    // The sentence may be split after `Ore.`, leaving `went on ...` with its subject out of view.
    const text = 'Mayor Tomas Lind (D-Ore.) went on the radio to talk about his old rival, Ana Ruiz, saying she would be “a far better mayor” than the rest.';
    expect(quotesOf(text)[0]?.speaker ?? null).not.toBe('Ana Ruiz');
  });

  it('does not carry a speaker on past someone else brought in between two quotes of a paragraph', () => {
    const text = '“The pier will outlast all of us,” said Piet Varga. Mrs. Ana Ruiz, the harbour engineer, was not convinced. “It needs new piles within five years.”';
    const quotes = quotesOf(text);
    expect(quotes[0]?.speaker).toBe('Piet Varga');
    expect(quotes[1]?.speaker ?? null).not.toBe('Piet Varga');
  });

  it('keeps a possessive role after the quote as written, never as the person it speaks for', () => {
    const text = 'Mr. Tomas Lind was charged on Monday.\n“He will plead not guilty,” Lind’s lawyer said.';
    expect(quotesOf(text)[0]?.speaker).toBe('Lind’s lawyer');
  });

  it('credits a described speaker to the person its appositive names, with the description as role', () => {
    const quote = quotesOf('Mr. Tomas Lind was charged on Monday.\n“He will plead not guilty,” said Lind’s lawyer, Ana Ruiz.')[0];
    expect(quote?.speaker).toBe('Ana Ruiz');
    expect(quote?.speakerRole).toBe('Lind’s lawyer');
  });

  it('credits a quote after `X, who says` to X, not to the subject of the main clause', () => {
    const text = 'Ana Ruiz disagrees with Tomas Lind, who says the pier “will not last the winter.”';
    expect(quotesOf(text)[0]?.speaker).toBe('Tomas Lind');
    expect(quotesOf('Ana Ruiz, who disagrees with Tomas Lind, says the pier “will last the winter.”')[0]?.speaker).toBe('Ana Ruiz');
  });

  it('never credits a quote to the capitalised title of a document', () => {
    const texts = [
      '“The seawall is no longer fit for the storms we see now,” the Coastal White Paper says.',
      '“We will rebuild the pier next spring,” Harbour Strategy Report said.',
    ];
    for (const text of texts) expect(quotesOf(text)[0]?.speaker ?? null, text).toBeNull();
  });

  it('keeps an outlet named in capitals as a speaker', () => {
    expect(quotesOf('“The ferry will run all winter,” the Harbour Evening Post reported.')[0]?.speaker).toMatch(/Harbour Evening Post/);
  });

  it('gives the issuing organisation of a statement as its speaker', () => {
    expect(quotesOf('“The ferry will run all winter,” said a statement from the Harbour Board.')[0]?.speaker).toBe('Harbour Board');
  });

  it('ends a quote before the comma that hands over to its attribution', () => {
    const quote = quotesOf('“It is a great day for the island,” said Piet Varga.')[0];
    expect(quote?.text).toBe('It is a great day for the island');
    expect(quote?.parts.map((p) => p.text)).toEqual(['It is a great day for the island']);
  });

  it('gives each quote a confidence and a canonical speaker key', () => {
    const quote = quotesOf('“The pier is safe again,” said Dr. Ana Ruiz, the harbour engineer.')[0];
    expect(quote?.canonical).toBe('ana ruiz');
    expect(quote?.confidence).toBeGreaterThan(0.5);
    const unclear = quotesOf('The pier reopened. “We waited eleven long years for it.”')[0];
    expect(unclear?.speaker).toBeNull();
    expect(unclear?.canonical).toBeNull();
  });

  it('keeps two people of one surname apart', () => {
    const text =
      'Ana Berg runs the ferry. Her brother Tomas Berg sits on the council.\n“The timetable stays,” Ana Berg said.\n“The council will pay for it,” Tomas Berg said.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ana Berg', 'Tomas Berg']);
  });

  it('keeps a possessive role as the role of the person it belongs to', () => {
    const text = 'Ana Holt leads the port authority.\nHolt’s spokesman called the plan “a serious mistake that will cost the town dearly.”';
    expect(quotesOf(text)[0]?.speaker).toBe('Holt’s spokesman');
  });
});

describe('extractQuotes described organisations', () => {
  it('credits `the ferry company` to the railway or company the article named', () => {
    const text = 'Nordvik Coastal Railway runs the island line.\n"Ice is the enemy of every track," said the railway company.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Nordvik Coastal Railway']);
  });
});

describe('extractQuotes next quote', () => {
  it('does not credit a finished quote to the clause that opens the next one', () => {
    const text = 'At the pier, Ana Ruiz said, “Maybe you are the one who should ride the ferry. We would all like to see it.” Tomas Lind laughed and replied, “I ride it every day.”';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Ana Ruiz', 'Tomas Lind']);
  });
});

describe('extractQuotes organisations', () => {
  it('reads an acronym and a word before a verb of saying as one organisation', () => {
    expect(quotesOf('“We apologize to everyone who was waiting,” BC Ferries said in a statement.')[0]).toMatchObject({ speaker: 'BC Ferries', speakerRole: null });
  });
});

describe('extractQuotes spokespeople', () => {
  it('credits a spokesperson for an organisation, not the organisation', () => {
    expect(quotesOf('“We have no plans to close the plant,” a spokesperson for Nordvik Steel said in an email.')[0]?.speaker).toBe('a spokesperson for Nordvik Steel');
  });
});

describe('extractQuotes issuers and pronouns', () => {
  it('gives a statement from a city to the city', () => {
    expect(quotesOf('A statement from the city said “crews are working around the clock to clear the roads.”')[0]?.speaker).toBe('the city');
  });

  it('resolves `she` to the woman of the sentence before, not the man named first', () => {
    const text = 'Piet Varga spoke with Ana Ruiz on Monday.\n“The money is there,” she told him.';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
  });
});

describe('extractQuotes documents', () => {
  it('credits a titled document to the owner of the website it is on, and the quote paragraph after it too', () => {
    const text =
      'The board published new rules for the port this week.\n"Storms are a fact of life on this coast," says a document titled Winter Work: A Primer on the Harbour Board\'s website.\n"Every crew must be ready by November."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(['Harbour Board', 'Harbour Board']);
  });

  it('credits `the white paper said` to the issuer of the document named before', () => {
    const text =
      '"Storms are a fact of life on this coast," says a document titled Winter Work on the Harbour Board\'s website.\nThe white paper said cold makes mooring ropes brittle.\n"This is a serious risk."';
    expect(quotesOf(text).at(-1)?.speaker).toBe('Harbour Board');
  });

  it('credits `the report said` to the issuer of the last report, not of a later email', () => {
    const text =
      'The Harbour Board published a report on Monday. Tomas Lind said in an email that he had not read it.\n"Repairs to the pier will take two years," the report said.';
    expect(quotesOf(text)[0]?.speaker).toBe('Harbour Board');
  });

  it('credits a document after `said` to the issuer it names with `of`', () => {
    const text = 'Ropes are checked twice a day in deep winter, said the annual safety report of Nordvik Ferries.\n"That slows every departure."';
    expect(quotesOf(text)[0]?.speaker).toBe('Nordvik Ferries');
  });

  it('credits an email sent out by someone to its sender', () => {
    const text =
      'Ana Ruiz won the vote.\nIn addition, a fundraising email sent out by Ruiz on Tuesday night warned of the hard race ahead: "There are nine debates over the next month, and we need every volunteer we can find."';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('credits a described letter to the body it is from', () => {
    const text = 'Late on Friday, a two-page letter from the Harbour Board urged calm: "The ferries will keep running through the storm season."';
    expect(quotesOf(text)[0]?.speaker).toBe('Harbour Board');
  });

  it('leaves a document whose issuer the article does not name without a speaker', () => {
    const text = 'A report published in a science journal found the pier was sinking.\n"Repairs to the pier will take two years," the report said.';
    expect(quotesOf(text)[0]?.speaker ?? null).toBeNull();
  });

  it('credits an outlet named with what it is', () => {
    expect(quotesOf('"The fleet is older than most of its crews," wrote Harbour magazine.')[0]?.speaker).toBe('Harbour magazine');
  });
});

describe('extractQuotes colon cues', () => {
  it('credits a quote after `could only quip:` to the described speaker, kept whole', () => {
    const text = 'The vote was set for the night before the holiday. A spokesman for the harbour board could only quip: "I guess the ferry was booked."';
    expect(quotesOf(text)[0]?.speaker).toBe('A spokesman for the harbour board');
  });

  it('credits a quote after a colon to a described subject with no verb of saying', () => {
    expect(quotesOf('A spokesman for the harbour board was blunt: "We will not pay for the new pier."')[0]?.speaker).toBe('A spokesman for the harbour board');
    expect(quotesOf('In a letter on Monday, one resident was more direct: "We will not pay for the new pier."')[0]?.speaker).toBe('one resident');
  });

  it('does not credit a quote after a colon to a subject that is no one', () => {
    expect(quotesOf('The answer from the ministry was short: "We will not pay for the new pier."')[0]?.speaker ?? null).toBeNull();
  });

  it('reads a bare `joke` after a modal as a verb of saying', () => {
    const text = 'Asked about the delay, Tomas Lind would only joke: "The pier is older than I am."';
    expect(quotesOf(text)[0]?.speaker).toBe('Tomas Lind');
  });
});

describe('extractQuotes continuations', () => {
  it('runs a quote left open at the end of its paragraph on into the next paragraph that opens with a quote mark', () => {
    const text = 'Tomas Lind, who runs the yard, told the Harbour Courier that the old slipway was not "built for boats of this size.\n"It has now been moved to another yard."';
    expect(quotesOf(text).map((q) => [q.text, q.speaker])).toEqual([['built for boats of this size. It has now been moved to another yard.', 'Tomas Lind']]);
  });

  it('does not run a stray open mark on into a next paragraph quote that has an attribution of its own', () => {
    const text = 'Tomas Lind said the slipway was "too small.\n"The yard will close in May," Ana Ruiz said.';
    expect(quotesOf(text).at(-1)).toMatchObject({ text: 'The yard will close in May', speaker: 'Ana Ruiz' });
  });

  it('hands a sentence that ends with the attribution of a broken quote on to the quote paragraph after it', () => {
    const text =
      'Tomas Lind, a harbour engineer, wrote to his staff about the ramps.\n"Nobody may use the east ramps until the repairs are done\nand the inspectors have signed them off," said Lind in a May 3 email.\n"[The board] may reopen the west ramps sooner if the weather holds."';
    expect(quotesOf(text).at(-1)?.speaker).toBe('Tomas Lind');
  });

  it('hands an attribution after a quote that opened with the wrong mark on to the quote after it', () => {
    const text = 'The ferries were cancelled again.\n” … the ferries will not sail this week,” wrote Harbour magazine. “The crews have not been paid since March.”';
    expect(quotesOf(text).at(-1)?.speaker).toBe('Harbour magazine');
  });
});

describe('extractQuotes reported paragraphs', () => {
  it('credits a quote paragraph to the one the paragraph before reports speaking, a sentence back', () => {
    const text = 'Tomas Lind said he suspects a cracked pile under the east ramp. That could explain the sway the crews felt.\n"It only takes one weak pile."';
    expect(quotesOf(text)[0]?.speaker).toBe('Tomas Lind');
  });

  it('does not carry the reported speaker past someone else named after them', () => {
    const text = 'Tomas Lind said he suspects a cracked pile under the east ramp. Ana Ruiz doubts that.\n"It only takes one weak pile."';
    expect(quotesOf(text)[0]?.speaker ?? null).not.toBe('Tomas Lind');
  });

  it('does not credit the paragraph to a name that is not the subject of its verb of saying', () => {
    const text =
      'Tomas Lind’s push for a new pier helped win over council members who thought the old one was safe. In the end, Lind voted for the repairs.\n"It only takes one weak pile."';
    expect(quotesOf(text)[0]?.speaker ?? null).toBeNull();
  });
});

describe('extractQuotes sentence subjects', () => {
  it('credits a partial quote to the subject after a fronted prepositional phrase', () => {
    const text = 'Within the stack of letters sent to the board, Ana Ruiz weighed whether the plan would “justify the cost of a second ferry to the island.”';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('credits a partial quote that a relative clause’s verb of saying introduces to whom the `who` refers, not the subject', () => {
    const buyer = 'Ana Ruiz turned down several offers, including one buyer who promised to put her “on the map.”';
    expect(quotesOf(buyer)[0]?.speaker).toBe('one buyer');
    const critics = 'Ana Ruiz rebuked critics who say she should call the pier “a lost cause.”';
    expect(quotesOf(critics)[0]?.speaker).toBe('critics');
    const named = 'Tomas Lind spoke.\nThe plan gave fodder to rivals such as Sen. Ana Ruiz of Maine, who mused that Lind was “unfit to run the harbour board.”';
    expect(quotesOf(named)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('still credits the subject of the sentence when the relative clause has no verb of saying of its own', () => {
    const text = 'Ana Ruiz casts Tomas Lind as a rival who would “unravel” the plan for the harbour.';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
  });

  it('credits a partial quote to a group of people that is the subject of its sentence', () => {
    const text = 'Across the dozens of pages of minutes, councillors debated which arguments would “justify the cost of a second ferry to the island.”';
    expect(quotesOf(text)[0]?.speaker).toBe('councillors');
    const term = 'Officials in the port have even issued a “red flag warning” for the ferry.';
    expect(quotesOf(term)).toEqual([]);
  });

  it('reads an age or a description ending in -ee before the name as part of the subject', () => {
    const aged = '68-year-old Piet Varga, founder of the Harbour Trust, endorsed Ruiz on Monday, saying she “has always put the port first.”';
    expect(quotesOf(aged)[0]?.speaker).toBe('Piet Varga');
    const retiree = 'Halifax retiree Piet Varga, who walked 300 km that summer, credits the club for “keeping me young and keeping me honest.”';
    expect(quotesOf(retiree)[0]?.speaker).toBe('Piet Varga');
  });

  it('credits a partial quote after a unit abbreviation to the subject before it', () => {
    const text = 'The club has 40 members. Halifax teacher Piet Varga, who lost 16 lbs. “and a lot of worry” between May and June, says the walks changed his life.';
    expect(quotesOf(text)[0]?.speaker).toBe('Piet Varga');
  });

  it('credits an inverted credit before the quote to the speaker named after the verb', () => {
    const text = 'Rather than the old layout, in which the two crews sit facing each other, asks harbour editor Ana Ruiz, “has anyone ever tried a round table instead?”';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
    expect(quotesOf('In the end, said the mayor, “we will rebuild the whole pier.”')[0]?.speaker).toBe('the mayor');
  });

  it('keeps the listener after a participle or `asked` out of an inverted credit', () => {
    expect(quotesOf('Ana Ruiz met the crew, telling Piet Varga, “you will sail at dawn and come back by noon.”')[0]?.speaker).toBe('Ana Ruiz');
  });

  it('credits a quote in an opening participle of saying to the subject of the main clause after it', () => {
    const text = 'Ana Ruiz spoke on Monday. Acknowledging that Lind “has a fair point about the ferry,” though, Ruiz did suggest that the money was not there.';
    expect(quotesOf(text)[0]?.speaker).toBe('Ana Ruiz');
    const later = 'Noting that the pier was “older than anyone in the room” in her speech, Ana Ruiz called for a vote on the repairs.';
    expect(quotesOf(later)[0]?.speaker).toBe('Ana Ruiz');
    const cited = 'The pier opened in 1950. Citing a report that called the pier “unsafe for anyone to walk on,” the mayor closed it on Monday.';
    expect(creditedQuotes(cited, segmentArticle(cited))[0]?.quote.speaker).toBeNull();
  });

  it('credits the subject of a clause, not the name in it, when a verb of saying follows the clause', () => {
    const text =
      '“I will not leave the island,” Ana Ruiz said. Still, she stayed calm by finding Piet Varga in the kitchen where he had gone to sulk and, without meaning it, told Varga he was “the best cook I have ever worked with.”';
    expect(quotesOf(text)[1]?.speaker).toBe('Ana Ruiz');
  });

  it('continues the speaker of the sentence before through a sentence with no subject of its own', () => {
    const that = '“The ferry is late again,” Ana Ruiz said on Monday. That makes the crossing “a gamble for anyone with a job on the mainland.”';
    expect(quotesOf(that)[1]?.speaker).toBe('Ana Ruiz');
    const adding = 'Ana Ruiz said the report was “not good at all.” Adding, “now we will see what the council does about the harbour.”';
    expect(quotesOf(adding)[1]?.speaker).toBe('Ana Ruiz');
  });

  it('never credits a fronted comparison (`Like Berg,`) as the subject', () => {
    const text = '“We waited all winter,” Ana Ruiz said. Like Berg, Piet Varga also rejected the plan on Monday, arguing that there is “room for the ferry and the bridge both.”';
    expect(quotesOf(text)[1]?.speaker).toBe('Piet Varga');
  });

  it('never credits the object of a participle after the quote', () => {
    const text =
      'Ana Ruiz spoke first. Piet Varga welcomed the news that Ruiz would quit, saying the harbour chief was “doing the right thing,” suggesting he might hire Ruiz as his deputy.';
    expect(quotesOf(text)[0]?.speaker).toBe('Piet Varga');
  });

  it('credits a quote to a person named with a role at the end of its sentence', () => {
    const text = '“If the board finds more records, it intends to search them for letters” that would answer requests from the Harbour Trust, Harbour Board senior counsel Ana Ruiz wrote in a court filing.';
    expect(quotesOf(text)[0]).toMatchObject({ speaker: 'Ana Ruiz', speakerRole: 'Harbour Board senior counsel' });
  });

  it('never credits the words of a passive verb of saying to the one they describe, even below the threshold', () => {
    const text = 'Piet Varga was sentenced on Monday. He was also described as “lacking any remorse.”';
    expect(creditedQuotes(text, segmentArticle(text)).map(({ quote }) => [quote.text, quote.speaker])).toEqual([['lacking any remorse.', null]]);
  });

  it('credits a partial quote to a definite role that is the subject of its sentence', () => {
    const text = 'Piet Varga was sentenced on Monday. The judge ruled he was likely to pose a risk that would “end in harm to someone on the island.”';
    expect(quotesOf(text)[0]?.speaker).toBe('The judge');
    const noun = 'The pier opened in 1950. The star quarterback threw for a “career-best day on the water.”';
    expect(creditedQuotes(noun, segmentArticle(noun))[0]?.quote.speaker).toBeNull();
  });

  it('never credits the clause after a main verb of saying as an inverted speaker', () => {
    const text = 'Halifax teacher Piet Varga, who walked for months and lost “a lot of worry” between May and June, says the department changed his life.';
    expect(quotesOf(text)[0]?.speaker).toBe('Piet Varga');
  });

  it('credits a passive verb of saying to its agent, never to its subject', () => {
    const agent = 'The pier opened in 1950. Piet Varga was accused by Ana Ruiz of “lying to the whole town for years.”';
    expect(quotesOf(agent)[0]?.speaker).toBe('Ana Ruiz');
    const none = 'The pier opened in 1950. Piet Varga was accused of “lying to the whole town for years.”';
    expect(creditedQuotes(none, segmentArticle(none))[0]?.quote.speaker).toBeNull();
  });
});

describe('extractQuotes single quote marks', () => {
  it('reads an article quoting in single marks, with a few double marks nested inside', () => {
    const text =
      "Ana Ruiz said the storm had been a 'wake-up call' for the harbour.\n" +
      "'We thought the wall would hold,' Ruiz said. 'Then my neighbour shouted, \"The pier is going.\" We ran.'\n" +
      "'We need a new plan by the spring,' said Tomas Lind, the harbour master.\n" +
      "'The board has the money,' Lind added.";
    const quotes = quotesOf(text);
    expect(quotes.map((q) => q.speaker)).toEqual(['Ana Ruiz', 'Ana Ruiz', 'Tomas Lind', 'Tomas Lind']);
    expect(quotes[1]?.text).toContain('The pier is going.');
  });

  it('reads a plural possessive inside a single-marked quote as an apostrophe', () => {
    const text =
      "Ana Ruiz spoke at the harbour on Monday.\n'The wall is built with the fishers’ money and the sailors’ time,' Ruiz said.\n" +
      "She called the plan 'a gift to the owners' and left.\n'We will not wait,' said Tomas Lind.";
    const quotes = quotesOf(text);
    expect(quotes[0]).toMatchObject({ text: 'The wall is built with the fishers’ money and the sailors’ time', speaker: 'Ana Ruiz' });
    expect(quotes.map((q) => q.text)).toContain('a gift to the owners');
  });
});

describe('extractQuotes after a quote', () => {
  it('never reads a clause a conjunction joins on as the credit of the quote before it', () => {
    const quotes = quotesOf('The council met on Monday.\nSources said the pier would “have to close,” and the board agreed.');
    expect(quotes.map((q) => q.speaker)).toEqual(['Sources']);
  });
});
