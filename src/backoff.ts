/** Exponential back-off with full jitter, so processes retrying the same resource do not retry in step. */
export type Backoff = {
  /** The first pause is at most this long. */
  baseMs: number;
  /** Each further pause may be twice as long as the one before, up to this. */
  maxMs: number;
};

/** The pause before retry number `retry` (1-based): uniform in [0, min(maxMs, baseMs * 2^(retry-1))]. */
export function backoffPauseMs(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}
