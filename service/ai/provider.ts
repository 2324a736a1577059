/**
 * One small interface over every model provider, so drafting and analysis never know which SDK
 * answered. A provider returns parsed JSON that *claims* to match the schema it was given; callers
 * still validate it, because a model's structured output is a promise, not a guarantee.
 */

/** `smart` for drafting and analysis; `fast` for cheap validation-style calls. */
export type Tier = 'smart' | 'fast';

export type ProviderKind = 'anthropic' | 'openai';

export interface TokenUsage {
  /** Every input token sent, cached or not. */
  inputTokens: number;
  outputTokens: number;
  /** Part of `inputTokens` read from the provider's prompt cache (billed at a fraction). */
  cacheReadTokens?: number;
  /** Part of `inputTokens` written to the provider's prompt cache (billed at a premium). */
  cacheWriteTokens?: number;
}

export interface CompleteRequest {
  system: string;
  user: string;
  /** JSON Schema (draft 2020-12 subset) of the expected answer; must describe an object. */
  schema: Record<string, unknown>;
  /** Short identifier for the answer (tool name / schema name): letters, digits, `_`. */
  schemaName: string;
  tier: Tier;
  signal?: AbortSignal;
  maxOutputTokens?: number;
}

export interface CompleteResult {
  data: unknown;
  usage: TokenUsage;
  model: string;
}

export interface AiProvider {
  readonly kind: ProviderKind;
  /** Model answering each tier; part of the cache key. */
  model(tier: Tier): string;
  complete(request: CompleteRequest): Promise<CompleteResult>;
}

/**
 * Why a call failed, in terms the caller can act on. `retryable` failures were already retried by
 * the provider's back-off before surfacing here.
 */
export type AiErrorCode =
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'aborted'
  | 'auth'
  | 'bad_request'
  | 'connection'
  /** The model stopped at its output limit: the answer is cut off. */
  | 'truncated'
  /** The answer was not JSON or had no structured part. */
  | 'malformed';

export class AiError extends Error {
  constructor(
    readonly code: AiErrorCode,
    message: string,
    readonly status?: number,
    /** Usage of a call that did reach the model (truncated or malformed answers still cost). */
    readonly usage?: TokenUsage,
    /** What the server asked us to wait before trying again (`retry-after`), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AiError';
  }
}

/** Failures worth asking the model again with feedback (as opposed to transport failures). */
export function isAnswerError(err: unknown): err is AiError {
  return err instanceof AiError && (err.code === 'truncated' || err.code === 'malformed');
}
