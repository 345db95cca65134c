/** Whether a capitalised name is a place (a country, region, province, state or city), from compromise's lexicon. */
import { createRequire } from 'node:module';

/** compromise's lexicon as far as it is read here: each word or phrase with one tag or several. */
type Lexicon = Record<string, unknown>;

function hasLexicon(value: unknown): value is { model: () => { one: { lexicon: Lexicon } } } {
  // compromise exports its parser, a function that carries `model()`.
  if (typeof value !== 'function' || !('model' in value) || typeof value.model !== 'function') return false;
  const model: unknown = value.model();
  if (typeof model !== 'object' || model === null || !('one' in model)) return false;
  return typeof model.one === 'object' && model.one !== null && 'lexicon' in model.one;
}

// Names that are places and also given names or surnames (`Victoria`, `Hamilton`) are tagged as people, not here.
const PLACE_TAGS = new Set(['Country', 'Region', 'City', 'Place']);

/**
 * The 1,300 places of compromise's 25,000 lexicon entries, in a set (a lookup in the whole lexicon costs several times
 * more). The bundled CommonJS build loads in half the time of the ES modules (about 0.2 s); nothing else is read from
 * it, and no text is ever parsed with it, which would cost more than all the rest of quote attribution.
 */
function loadPlaces(): Set<string> {
  const require = createRequire(import.meta.url);
  const compromise: unknown = require('compromise/two');
  if (!hasLexicon(compromise)) throw new TypeError('compromise: the model has no lexicon');
  const places = new Set<string>();
  for (const [entry, tags] of Object.entries(compromise.model().one.lexicon)) {
    if ([tags].flat().some((tag) => PLACE_TAGS.has(String(tag)))) places.add(entry);
  }
  // Out of the module cache, the parser and the rest of its model can be collected.
  delete require.cache[require.resolve('compromise/two')];
  return places;
}

let places: Set<string> | undefined;

/**
 * Whether `name` (`Ohio`, `Nova Scotia`, `Oslo`) is only a place, never a person's name. The lexicon is read on the
 * first call, so a process that never attributes a quote (most CLI verbs) never pays for it.
 */
export function isPlaceName(name: string): boolean {
  places ??= loadPlaces();
  return places.has(name.toLowerCase());
}
