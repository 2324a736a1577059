/**
 * Back-off shared by every provider. The SDKs' own retries are switched off so that one policy,
 * tested once, applies to both: retry rate limits, server errors, connection failures and timeouts;
 * wait what `retry-after` says when the server says it, exponential back-off otherwise; stop at once
 * when the caller aborts.
 */
import { AiError, type Tier } from '../provider.ts';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest `retry-after` we agree to honour; longer waits fail instead of hanging a job. */
  maxRetryAfterMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What every SDK-backed provider is created with. */
export interface ProviderOptions {
  apiKey: string;
  /** Unset: the provider itself. Set: any server that speaks its API (proxies, compatible servers). */
  baseURL?: string;
  models?: Partial<Record<Tier, string>>;
  timeoutMs?: number;
  maxOutputTokens?: number;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  sleep: abortableSleep,
};

/** A full rules answer can take minutes to generate; a shorter limit would cut off good answers. */
export const DEFAULT_TIMEOUT_MS = 300_000;

const RETRYABLE = new Set(['rate_limited', 'server_error', 'connection', 'timeout']);

export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  let timeouts = 0;
  for (let retry = 0; ; retry++) {
    if (signal?.aborted) throw new AiError('aborted', 'The AI call was cancelled.');
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof AiError) || !RETRYABLE.has(err.code) || retry >= policy.maxRetries) throw err;
      // A timed-out call may have been generating (and billing) the whole time: try it once more only.
      if (err.code === 'timeout' && ++timeouts > 1) throw err;
      if (err.retryAfterMs !== undefined && err.retryAfterMs > policy.maxRetryAfterMs) throw err;
      await policy.sleep(delayFor(err, retry, policy), signal);
    }
  }
}

function delayFor(err: AiError, retry: number, policy: RetryPolicy): number {
  if (err.retryAfterMs !== undefined && err.retryAfterMs >= 0) return err.retryAfterMs;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/** `retry-after-ms` (non-standard, used by both providers) wins; then `retry-after` seconds or date. */
export function parseRetryAfter(headers: Headers | undefined, now: () => number = Date.now): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now()) : undefined;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AiError('aborted', 'The AI call was cancelled.'));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new AiError('aborted', 'The AI call was cancelled.'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
