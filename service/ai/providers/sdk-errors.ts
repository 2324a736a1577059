/**
 * Both official SDKs share one error family (generated from the same template); this maps either
 * onto `AiError` with a message that says what to do next.
 */
import { AiError } from '../provider.ts';
import { parseRetryAfter } from './retry.ts';

/** The classes each SDK exports under these names. */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => Error & { status?: number | undefined; headers?: Headers | undefined };
  APIUserAbortError: abstract new (...args: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIConnectionError: abstract new (...args: never[]) => Error;
}

export function toAiError(err: unknown, sdk: SdkErrorClasses, provider: string, signal?: AbortSignal): unknown {
  if (err instanceof AiError) return err;
  if (err instanceof sdk.APIUserAbortError || signal?.aborted) return new AiError('aborted', 'The AI call was cancelled.');
  if (err instanceof sdk.APIConnectionTimeoutError) {
    return new AiError('timeout', `${provider} did not answer in time. Try again, or raise the timeout.`);
  }
  if (err instanceof sdk.APIConnectionError) {
    return new AiError('connection', `Could not reach ${provider}: ${err.message}. Check the base URL and the network.`);
  }
  if (err instanceof sdk.APIError) {
    const status = err.status ?? 0;
    const detail = err.message;
    const retryAfter = parseRetryAfter(err.headers);
    if (status === 429) {
      return new AiError('rate_limited', `${provider} is rate limiting this key (${detail}). Wait and try again.`, status, undefined, retryAfter);
    }
    if (status === 401 || status === 403) {
      return new AiError('auth', `${provider} refused the API key (${detail}). Check the key in your settings or environment.`, status);
    }
    if (status === 408 || status === 409 || status >= 500) {
      return new AiError('server_error', `${provider} failed (${detail}). Try again later.`, status, undefined, retryAfter);
    }
    return new AiError('bad_request', `${provider} rejected the request (${detail}).`, status);
  }
  return err;
}
