import type { TermVector } from './text-features.js';

/**
 * Document frequencies learned from the stream itself, so nothing is fitted in advance and a newsroom's own vocabulary
 * sets the weights. Documents are added and removed again when their story is forgotten, which keeps it bounded.
 */
export class OnlineIdf {
  #documents = 0;
  readonly #frequency = new Map<string, number>();

  get documents(): number {
    return this.#documents;
  }

  /** Number of distinct terms counted. */
  get terms(): number {
    return this.#frequency.size;
  }

  /** Number of documents holding `term`. */
  frequency(term: string): number {
    return this.#frequency.get(term) ?? 0;
  }

  /** Smoothed inverse document frequency; a term never seen gets the highest weight. */
  idf(term: string): number {
    return Math.log((this.#documents + 1) / ((this.#frequency.get(term) ?? 0) + 1)) + 1;
  }

  add(terms: Iterable<string>, documents = 1): void {
    this.#documents += documents;
    for (const term of terms) this.#frequency.set(term, (this.#frequency.get(term) ?? 0) + 1);
  }

  /** Takes back what `add` counted: `counts` maps each term to the number of documents that held it. */
  remove(counts: ReadonlyMap<string, number>, documents: number): void {
    this.#documents = Math.max(0, this.#documents - documents);
    counts.forEach((count, term) => {
      const left = (this.#frequency.get(term) ?? 0) - count;
      if (left > 0) this.#frequency.set(term, left);
      else this.#frequency.delete(term);
    });
  }
}

export function norm(vector: TermVector): number {
  let sum = 0;
  vector.forEach((weight) => {
    sum += weight * weight;
  });
  return Math.sqrt(sum);
}
