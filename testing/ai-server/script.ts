/** What the local provider server can be told to answer next (tests queue these per request). */

/** A parsed request, whichever API it came in through. */
export interface AiRequest {
  api: 'anthropic' | 'openai';
  model: string;
  system: string;
  user: string;
  /** Tool name (Anthropic) or json_schema name (OpenAI): which answer is asked for. */
  schemaName: string;
  schema: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The request body as sent. */
  body: Record<string, unknown>;
}

/** Builds a plausible answer from the request (the "smart" default). */
export type SmartHandler = (request: AiRequest) => unknown;

export type Scripted =
  /** The smart answer, optionally changed first (e.g. to name an event that does not exist). */
  | { kind: 'smart'; mutate?: (answer: unknown, request: AiRequest) => unknown }
  /** Exactly this structured answer. */
  | { kind: 'answer'; data: unknown }
  /** Text that is not JSON (OpenAI) / a text reply without the forced tool call (Anthropic). */
  | { kind: 'malformed' }
  /** Stops at the output limit: `stop_reason: max_tokens` / `finish_reason: length`. */
  | { kind: 'truncated' }
  /** The OpenAI answer as a tool call instead of message content. */
  | { kind: 'tool_call' }
  /** An HTTP error in the provider's error shape. */
  | { kind: 'error'; status: number; retryAfter?: string; message?: string }
  /** Waits, then answers as `then` (default smart); the client may give up first. */
  | { kind: 'delay'; ms: number; then?: Scripted };
