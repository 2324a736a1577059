/**
 * OpenAI Chat Completions, and any server that speaks it (Gemini's compatible endpoint, local model
 * servers). Structured output through `response_format: json_schema`, strict when the schema allows;
 * an answer given as a tool call instead of content is accepted too.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { strictSchema } from '../json-schema.ts';
import { DEFAULT_MODELS } from '../models.ts';
import { AiError, type AiProvider, type CompleteRequest, type CompleteResult } from '../provider.ts';
import { parseJsonAnswer } from './answer-text.ts';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, withRetry, type ProviderOptions } from './retry.ts';
import { toAiError } from './sdk-errors.ts';

export type OpenAiOptions = ProviderOptions;

const SDK_ERRORS = { APIError, APIUserAbortError, APIConnectionTimeoutError, APIConnectionError };

export function createOpenAiProvider(options: OpenAiOptions): AiProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const models = { ...DEFAULT_MODELS.openai, ...options.models };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  // Compatible servers know the classic `max_tokens`; OpenAI's reasoning models only the new name.
  const compatible = options.baseURL !== undefined && !/^https:\/\/api\.openai\.com\b/.test(options.baseURL);

  async function once(req: CompleteRequest): Promise<CompleteResult> {
    const model = models[req.tier];
    const strict = strictSchema(req.schema);
    const limit = req.maxOutputTokens ?? options.maxOutputTokens ?? 16_000;
    const completion = await client.chat.completions
      .create(
        {
          model,
          messages: [
            { role: 'system', content: req.system },
            { role: 'user', content: req.user },
          ],
          response_format: {
            type: 'json_schema',
            json_schema: { name: req.schemaName, schema: strict ?? req.schema, strict: strict !== undefined },
          },
          ...(compatible ? { max_tokens: limit } : { max_completion_tokens: limit }),
        },
        { signal: req.signal ?? null },
      )
      .catch((err: unknown) => {
        throw toAiError(err, SDK_ERRORS, 'The OpenAI-compatible provider', req.signal);
      });
    const usage = {
      inputTokens: completion.usage?.prompt_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? 0,
      // OpenAI caches long prompt prefixes on its own and reports the hits here.
      cacheReadTokens: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
    };
    const choice = completion.choices?.[0];
    if (!choice) throw new AiError('malformed', 'The provider returned no answer (empty choices).', undefined, usage);
    if (choice.finish_reason === 'length') {
      throw new AiError('truncated', 'The answer was cut off at the output token limit.', undefined, usage);
    }
    const message = choice.message;
    if (message.refusal) throw new AiError('malformed', `The model refused: ${message.refusal}`, undefined, usage);
    const toolCall = message.tool_calls?.find((c) => c.type === 'function');
    const text = message.content ?? (toolCall?.type === 'function' ? toolCall.function.arguments : null);
    if (text === null || text === undefined || text.trim() === '') {
      throw new AiError('malformed', 'The model returned an empty answer.', undefined, usage);
    }
    return { data: parseJsonAnswer(text, usage), usage, model: completion.model || model };
  }

  return {
    kind: 'openai',
    model: (tier) => models[tier],
    complete: (req) => withRetry(() => once(req), retry, req.signal),
  };
}
