/**
 * Exponential back-off with jitter. The jitter comes from a small seeded generator, so a test (and a
 * rerun) waits exactly the same times.
 */
export interface RetryPolicy {
  /** Attempts per batch, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Seeds the jitter. */
  seed: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 250, maxMs: 15_000, seed: 1 };

/** mulberry32: a 32-bit generator, plenty for spreading retries. */
export function jitterSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Delay before retry number `retry` (1-based): full back-off scaled into [50 %, 100 %]. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}
