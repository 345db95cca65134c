/**
 * `npx tsx eval/name-finders.ts`: compares newsbrief's name finder (`findPeople` in people.ts) with compromise's
 * `people()` and `organizations()` on the dev quote files, per fold: the share of annotated named speakers each finds
 * (a found name whose last word is a word of the gold speaker, as eval/metrics.ts judges speakers), how many names it
 * finds per article, and its time per article. newsbrief itself reads only compromise's lexicon (places.ts), never
 * its parser.
 */
import nlp from 'compromise';
import { performance } from 'node:perf_hooks';
import { findPeople } from '../src/services/briefing/people.js';
import { segmentArticle } from '../src/services/briefing/segment.js';
import { readJsonl, QuoteRecord } from './data.js';
import { foldOf, speakerMatches } from './metrics.js';

type Finder = { name: string; find: (text: string) => string[] };
const FINDERS: Finder[] = [
  { name: 'newsbrief findPeople', find: (text) => findPeople(text, segmentArticle(text).sentences).people.map((p) => p.name) },
  {
    name: 'compromise people+orgs',
    find: (text) => {
      // One parse for both: parsing per list would time compromise at twice its cost.
      const doc = nlp(text);
      return [...(doc.people().out('array') as string[]), ...(doc.organizations().out('array') as string[])];
    },
  },
  { name: 'compromise people', find: (text) => nlp(text).people().out('array') as string[] },
];

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
print('file          fold  finder                    speakers found   names/article   ms/article');
for (const file of ['quotes-dev.jsonl', 'quotes-dev-polnear.jsonl']) {
  const records = readJsonl(file, QuoteRecord) ?? [];
  for (const fold of [0, 1] as const) {
    const own = records.filter((r) => foldOf(r.id) === fold);
    for (const finder of FINDERS) {
      let gold = 0;
      let found = 0;
      let names = 0;
      let ms = 0;
      for (const record of own) {
        const started = performance.now();
        const people = finder.find(record.text).map((n) => n.replace(/['’]s?$|[.,;:]$/g, '').trim());
        ms += performance.now() - started;
        names += people.length;
        for (const q of record.quotes) {
          // Named speakers only: a description or pronoun is no name for a name finder to find.
          if (q.speaker === null || q.speaker_scorable === false || !/^\p{Lu}/u.test(q.speaker) || /^(?:The|A|An)\s/.test(q.speaker)) continue;
          gold += 1;
          if (people.some((p) => speakerMatches(p, q.speaker))) found += 1;
        }
      }
      print(
        `${file.slice(0, 12).padEnd(12)}  ${fold === 0 ? 'A' : 'B'}     ${finder.name.padEnd(24)}  ${(found / gold).toFixed(3)} (${found}/${gold})  ${(names / own.length).toFixed(1).padStart(8)}        ${(ms / own.length).toFixed(2).padStart(6)}`,
      );
    }
  }
}
