/**
 * Anthropic Messages API. Structured output through one forced tool whose input schema is the
 * answer's schema: the model must "call" it, and the call's input is the answer.
 */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { DEFAULT_MODELS } from '../models.ts';
import { AiError, type AiProvider, type CompleteRequest, type CompleteResult } from '../provider.ts';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, withRetry, type ProviderOptions } from './retry.ts';
import { toAiError } from './sdk-errors.ts';

export type AnthropicOptions = ProviderOptions;

const SDK_ERRORS = { APIError, APIUserAbortError, APIConnectionTimeoutError, APIConnectionError };

export function createAnthropicProvider(options: AnthropicOptions): AiProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const models = { ...DEFAULT_MODELS.anthropic, ...options.models };
  const retry = { ...DEFAULT_RETRY, ...options.retry };

  async function once(req: CompleteRequest): Promise<CompleteResult> {
    const model = models[req.tier];
    const message = await client.messages
      .create(
        {
          model,
          max_tokens: req.maxOutputTokens ?? options.maxOutputTokens ?? 16_000,
          system: [{ type: 'text', text: req.system, cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: req.user }],
          // The tool schema and system prompt are the same on every attempt and every taxonomy:
          // marking them cacheable makes retries and re-analyses read them at a tenth of the price.
          tools: [
            {
              name: req.schemaName,
              description: 'Return the answer in this exact structure.',
              input_schema: req.schema as Anthropic.Tool.InputSchema,
              cache_control: { type: 'ephemeral' },
            },
          ],
          tool_choice: { type: 'tool', name: req.schemaName },
        },
        { signal: req.signal ?? null },
      )
      .catch((err: unknown) => {
        throw toAiError(err, SDK_ERRORS, 'Anthropic', req.signal);
      });
    const u = message.usage;
    // Cached prompt parts are reported apart from `input_tokens`; all of them were sent.
    const usage = {
      inputTokens: (u?.input_tokens ?? 0) + (u?.cache_creation_input_tokens ?? 0) + (u?.cache_read_input_tokens ?? 0),
      outputTokens: u?.output_tokens ?? 0,
      cacheReadTokens: u?.cache_read_input_tokens ?? 0,
      cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
    };
    if (message.stop_reason === 'max_tokens') {
      throw new AiError('truncated', 'The answer was cut off at the output token limit.', undefined, usage);
    }
    const call = message.content.find((b) => b.type === 'tool_use' && b.name === req.schemaName);
    if (!call || call.type !== 'tool_use' || !call.input || typeof call.input !== 'object') {
      throw new AiError('malformed', `The model did not return the structured answer (expected a call to ${req.schemaName}).`, undefined, usage);
    }
    return { data: call.input, usage, model: message.model || model };
  }

  return {
    kind: 'anthropic',
    model: (tier) => models[tier],
    complete: (req) => withRetry(() => once(req), retry, req.signal),
  };
}
