import { describe, expect, it } from 'vitest';
import { providerConfigFromEnv, ProviderConfigError, createProvider } from './config.ts';
import { answerSchema, strictSchema } from './json-schema.ts';
import { estimateCost } from './models.ts';
import { parseRetryAfter } from './providers/retry.ts';
import { z } from 'zod';

describe('providerConfigFromEnv', () => {
  it('is offline with nothing configured', () => {
    expect(providerConfigFromEnv({})).toBeUndefined();
  });

  it('prefers Anthropic when both keys are set, unless told otherwise', () => {
    const env = { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o' };
    expect(providerConfigFromEnv(env)).toMatchObject({ provider: 'anthropic', apiKey: 'a' });
    expect(providerConfigFromEnv({ ...env, DEMO_DATA_AI_PROVIDER: 'OpenAI', DEMO_DATA_AI_MODEL: 'gpt-4.1' })).toMatchObject({ provider: 'openai', apiKey: 'o', model: 'gpt-4.1' });
  });

  it('accepts a compatible base URL without a key (local servers)', () => {
    const config = providerConfigFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', DEMO_DATA_AI_MODEL: 'gemini-2.5-flash' })!;
    expect(config).toMatchObject({ provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', model: 'gemini-2.5-flash' });
    expect(createProvider(config).model('smart')).toBe('gemini-2.5-flash');
    expect(createProvider(config).model('fast')).toBe('gpt-5-mini');
  });

  it('explains bad settings', () => {
    expect(() => providerConfigFromEnv({ DEMO_DATA_AI_PROVIDER: 'gemini' })).toThrow(/use 'anthropic' or 'openai'/);
    expect(() => providerConfigFromEnv({ DEMO_DATA_AI_PROVIDER: 'openai' })).toThrow(ProviderConfigError);
    expect(() => providerConfigFromEnv({ ANTHROPIC_BASE_URL: 'not a url' })).toThrow(/not a valid URL/);
  });
});

describe('answer schemas', () => {
  it('turns oneOf into anyOf and drops the 2^53 bounds providers reject', () => {
    const s = answerSchema(z.object({ n: z.number().int(), u: z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })]) }));
    expect(JSON.stringify(s)).not.toMatch(/oneOf|9007199254740991|\$schema/);
    expect((s.properties as Record<string, { anyOf?: unknown[] }>).u!.anyOf).toHaveLength(2);
  });

  it('is strict only when every property is required', () => {
    const closed = strictSchema(answerSchema(z.object({ a: z.string(), b: z.array(z.object({ c: z.number().nullable() })) })));
    expect(closed).toMatchObject({ additionalProperties: false, properties: { b: { items: { additionalProperties: false } } } });
    expect(strictSchema(answerSchema(z.object({ a: z.string(), b: z.string().optional() })))).toBeUndefined();
    expect(strictSchema(answerSchema(z.object({ m: z.record(z.string(), z.number()) })))).toBeUndefined();
  });
});

it('estimates cost from the price table by model family', () => {
  expect(estimateCost('claude-sonnet-5-5', { inputTokens: 1_000_000, outputTokens: 100_000 })).toEqual({ usd: 4.5, priced: true });
  expect(estimateCost('gpt-5-mini-2025-08-07', { inputTokens: 1_000_000, outputTokens: 0 })).toEqual({ usd: 0.25, priced: true });
  expect(estimateCost('claude-haiku-5-5', { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 500_000, cacheWriteTokens: 100_000 })).toEqual({ usd: 0.575, priced: true });
  expect(estimateCost('my-local-llama', { inputTokens: 5, outputTokens: 5 })).toEqual({ usd: 0, priced: false });
});

it('reads retry-after as seconds, an HTTP date, or retry-after-ms', () => {
  expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
  expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '3' }))).toBe(250);
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), () => now)).toBe(5000);
  expect(parseRetryAfter(new Headers({}))).toBeUndefined();
});
