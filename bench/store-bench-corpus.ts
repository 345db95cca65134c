/**
 * A deterministic synthetic newsroom for the store benchmark: a Zipf-distributed vocabulary of 6,000 words (real
 * English words for the most frequent ranks, made-up ones for the tail), plus per-article topic words (people,
 * places, subjects) repeated through the story as real reporting does.
 */
import type { NewArticle } from '../src/data/schemas.js';

const COMMON = (
  'said year people government new time city state report first last week police public council minister ' +
  'company market plan years million party country local told percent officials president health school ' +
  'month day support group service team national water work home law money price court today program ' +
  'including workers business family number security members director former children women power since ' +
  'system while news president office policy data change community energy building election forces ' +
  'region development news industry project budget care chief according decision rate high long recent ' +
  'growth cost vote issue leaders statement week early spokesman agency staff students center economy ' +
  'campaign military foreign funding safety measures research rules access reform crisis level deal ' +
  'tax trade travel weather transport housing rent jobs wages union strike hospital doctors patients ' +
  'climate emissions carbon flood storm fire drought harvest farmers food prices inflation bank interest ' +
  'loans investors shares profits losses sales exports imports tariffs border migrants refugees asylum ' +
  'court judge trial lawyer prosecutors charges verdict appeal sentence prison victims witnesses evidence ' +
  'parliament senate congress bill debate committee hearing inquiry scandal resignation coalition opposition ' +
  'mayor governor district county village neighborhood residents street bridge road railway station airport ' +
  'port ferry harbour river coast island mountain forest park museum library theatre festival concert film ' +
  'season match league coach players stadium goal victory defeat title championship tournament record'
).split(' ');

const TOPICS = (
  'Kallas Lindqvist Okafor Moreau Tanaka Haddad Novak Petrov Silva Mendez Nakamura Oyelaran Brennan Kowalski ' +
  'Fischer Rossi Dubois Jansen Andersen Murphy Castillo Ibrahim Chen Varga Horvat Nieminen Larsen Costa Ferreira ' +
  'Schneider Weber Becker Hoffmann Keller Laine Virtanen Koskinen Ortega Navarro Romero Alvarez Torres Ramos ' +
  'Quinn Gallagher Walsh Doyle Byrne Kavanagh Sato Suzuki Takahashi Watanabe Yamamoto Kimura Adeyemi Mensah ' +
  'Tallinn Helsinki Riga Vilnius Gdansk Rotterdam Antwerp Lyon Marseille Porto Seville Valencia Bologna Turin ' +
  'Leipzig Dresden Bremen Aarhus Malmo Bergen Tromso Cork Galway Leeds Bristol Glasgow Cardiff Belfast Nantes ' +
  'Lagos Accra Nairobi Dakar Osaka Kyoto Sapporo Busan Manila Jakarta Lima Quito Bogota Montevideo Halifax ' +
  'desalination broadband vaccination pension ombudsman tramway viaduct reservoir wildfire heatwave landslide ' +
  'earthquake blackout cyberattack ransomware semiconductor battery hydrogen turbine offshore pipeline refinery ' +
  'shipyard warehouse logistics automation robotics satellite telescope observatory vaccine antibiotic clinic ' +
  'midwives paramedics firefighters lifeguards fishermen vineyard orchard dairy bakery brewery distillery ' +
  'cathedral monastery archive manuscript excavation fossil glacier wetland estuary lagoon archipelago peninsula ' +
  'curfew referendum filibuster impeachment subpoena indictment extradition sanctions embargo ceasefire treaty ' +
  'summit delegation envoy ambassador consulate diplomat negotiator mediator regulator watchdog auditor ' +
  'scholarship curriculum kindergarten university graduates apprentices internship startup incubator venture ' +
  'merger acquisition bankruptcy insolvency dividend bond mortgage landlord tenant eviction zoning skyscraper ' +
  'marathon regatta velodrome derby playoff transfer goalkeeper striker midfielder referee umpire cyclist sprinter ' +
  'orchestra choir ballet opera exhibition sculpture mural gallery premiere novelist poet playwright composer'
).split(' ');

const OUTLETS = ['Harbour Post', 'City Wire', 'Northern Ledger', 'Valley Courier', 'Coastal Times', 'Metro Daily', 'The Lantern', 'Riverside Gazette'];
const SECTIONS = ['Politics', 'Business', 'Local', 'World', 'Sport', 'Culture', 'Science', 'Health', 'Climate', 'Opinion'];
const FILLERS = 'the of and to a in that for on with as at by from it was is be has have will but not after over about'.split(' ');

/** mulberry32: small, fast and good enough for test data; the same seed gives the same newsroom. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Cumulative Zipf weights (s = 1) over `size` ranks. */
function zipfTable(size: number): Float64Array {
  const table = new Float64Array(size);
  let sum = 0;
  for (let rank = 0; rank < size; rank += 1) {
    sum += 1 / (rank + 1);
    table[rank] = sum;
  }
  for (let rank = 0; rank < size; rank += 1) table[rank] = (table[rank] ?? 0) / sum;
  return table;
}

function pickZipf(table: Float64Array, random: () => number): number {
  const target = random();
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((table[mid] ?? 1) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export type CorpusArticle = NewArticle & { topicWords: readonly string[] };

/** Generates article `index` of the corpus (about `words` words), the same every time for the same seed. */
export function makeCorpusArticle(index: number, words = 600, seed = 20_261_125): CorpusArticle {
  const random = createRandom(seed ^ Math.imul(index + 1, 0x9e3779b1));
  const common = COMMON_TABLE;
  const topics = Array.from({ length: 6 }, () => pick(TOPICS, random));
  const theme = Array.from({ length: 3 }, () => VOCABULARY[pickZipf(common, random) + 20] ?? 'report');
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let s = 0; s < 3 && count < words; s += 1) {
      const length = 12 + Math.floor(random() * 14);
      const parts: string[] = [];
      for (let w = 0; w < length; w += 1) {
        const roll = random();
        if (roll < 0.38) parts.push(pick(FILLERS, random));
        else if (roll < 0.46) parts.push(pick(topics, random));
        else if (roll < 0.52) parts.push(pick(theme, random));
        else parts.push(VOCABULARY[pickZipf(common, random)] ?? 'said');
      }
      count += length;
      const sentence = parts.join(' ');
      sentences.push(`${capitalize(sentence)}${random() < 0.15 ? `, ${pick(topics, random)} said` : ''}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  const title = [capitalize(topics[0] ?? 'City'), theme[0], topics[1], 'as', theme[1], COMMON[Math.floor(random() * 60)]].join(' ');
  const day = Math.floor(random() * 3 * 365);
  const published = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + Math.floor(random() * 86_400_000));
  const offsetHours = [0, 1, 2, -5, 9][index % 5] ?? 0;
  return {
    url: `https://news${index % 8}.example.com/${published.toISOString().slice(0, 10)}/story-${index}`,
    title,
    authors: [`${pick(TOPICS.slice(0, 56), random)} ${pick(TOPICS.slice(0, 56), random)}`],
    outlet: OUTLETS[index % OUTLETS.length] ?? null,
    publishedAt: toOffsetIso(published, offsetHours),
    section: pick(SECTIONS, random),
    tags: [theme[0] ?? 'news'],
    language: 'en',
    text: paragraphs.join('\n\n'),
    topicWords: [...topics, ...theme],
  };
}

/**
 * The vocabulary's long tail: the real words above are its most frequent 330 ranks, and these made-up but
 * pronounceable words ("tavoren", "keslimar") fill ranks up to VOCABULARY_SIZE. With 330 words alone every word
 * of the list appeared in most of the 100,000 articles, so nearly any search matched nearly everything; with a
 * Zipf tail of a few thousand words, word frequencies look like news text (a few words everywhere, most rare).
 */
const VOCABULARY_SIZE = 6_000;
const ONSETS = ['b', 'br', 'd', 'f', 'g', 'gr', 'h', 'k', 'kl', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'st', 't', 'tr', 'v', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'm', 'nd', 'st'];

function makeVocabulary(size: number): string[] {
  const random = createRandom(424_242);
  const words = [...new Set(COMMON)];
  const seen = new Set(words);
  while (words.length < size) {
    const syllables = 2 + Math.floor(random() * 2);
    let word = '';
    for (let i = 0; i < syllables; i += 1) word += pick(ONSETS, random) + pick(VOWELS, random);
    word += pick(CODAS, random);
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}

const VOCABULARY = makeVocabulary(VOCABULARY_SIZE);
const COMMON_TABLE = zipfTable(VOCABULARY.length - 20);

/** `date` written in local time at a fixed offset, e.g. `2025-03-01T09:00:00+09:00`, as feeds publish them. */
function toOffsetIso(date: Date, offsetHours: number): string {
  const local = new Date(date.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 19);
  if (offsetHours === 0) return `${local}Z`;
  const sign = offsetHours > 0 ? '+' : '-';
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
}

/** Search queries of 1-3 words, the way readers look for a story they half remember. */
export function makeQueries(count: number, articles: number, seed = 7): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const article = makeCorpusArticle(Math.floor(random() * articles));
    const size = 1 + Math.floor(random() * 3);
    const words = [...article.topicWords].sort(() => random() - 0.5).slice(0, size);
    return words.join(' ');
  });
}

/** What people type into an autocomplete box: the start of a stored title, cut mid-word. */
export function makeTypedPrefixes(count: number, articles: number, seed = 11): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const title = makeCorpusArticle(Math.floor(random() * articles)).title;
    const words = title.split(' ');
    const keep = 1 + Math.floor(random() * Math.min(3, words.length));
    const last = words[keep - 1] ?? '';
    const cut = 1 + Math.floor(random() * last.length);
    return [...words.slice(0, keep - 1), last.slice(0, cut)].join(' ');
  });
}

/**
 * What people type when the headline does not hold the word they remember: the start (4 letters or more, cut
 * mid-word) of a word of a stored article's text that is not in its title, so autocomplete falls back to the text.
 */
export function makeTextPrefixes(count: number, articles: number, seed = 13): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const article = makeCorpusArticle(Math.floor(random() * articles));
    const inTitle = new Set(article.title.toLowerCase().split(' '));
    const words = article.text.split(/[^a-z]+/i).filter((word) => word.length >= 6 && !inTitle.has(word.toLowerCase()));
    const word = words[Math.floor(random() * words.length)] ?? 'harbour';
    return word.slice(0, 4 + Math.floor(random() * (word.length - 4)));
  });
}
