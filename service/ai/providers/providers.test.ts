import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAiServer, type AiServer } from '../../../testing/ai-server/server.ts';
import { AiError, type AiProvider, type CompleteRequest } from '../provider.ts';
import { createAnthropicProvider } from './anthropic.ts';
import { createOpenAiProvider } from './openai.ts';

let server: AiServer;
beforeAll(async () => {
  server = await startAiServer({ smart: { answer: () => ({ verdict: 'ok', score: 3 }) } });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const schema = {
  type: 'object',
  properties: { verdict: { type: 'string' }, score: { type: 'number' } },
  required: ['verdict', 'score'],
};
const request: CompleteRequest = { system: 'You judge.', user: 'Judge this.', schema, schemaName: 'answer', tier: 'smart' };

interface Harness {
  sleeps: number[];
  provider: AiProvider;
}

const makers: Record<'anthropic' | 'openai', (timeoutMs?: number, maxRetries?: number) => Harness> = {
  anthropic: (timeoutMs, maxRetries = 3) => {
    const sleeps: number[] = [];
    const provider = createAnthropicProvider({
      apiKey: 'test-key',
      baseURL: server.anthropicBaseURL,
      timeoutMs: timeoutMs ?? 10_000,
      retry: { maxRetries, sleep: async (ms) => void sleeps.push(ms) },
    });
    return { sleeps, provider };
  },
  openai: (timeoutMs, maxRetries = 3) => {
    const sleeps: number[] = [];
    const provider = createOpenAiProvider({
      apiKey: 'test-key',
      baseURL: server.openaiBaseURL,
      timeoutMs: timeoutMs ?? 10_000,
      models: { smart: 'gemini-2.5-pro', fast: 'gemini-2.5-flash' },
      retry: { maxRetries, sleep: async (ms) => void sleeps.push(ms) },
    });
    return { sleeps, provider };
  },
};

async function failure(p: Promise<unknown>): Promise<AiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AiError);
  return err as AiError;
}

describe.each(['anthropic', 'openai'] as const)('%s provider against the local server', (kind) => {
  it('returns the structured answer, the model and the usage', async () => {
    const { provider } = makers[kind]();
    const result = await provider.complete(request);
    expect(result.data).toEqual({ verdict: 'ok', score: 3 });
    expect(result.model).toBe(provider.model('smart'));
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
  });

  it('asks for structured output with the schema (forced tool / json_schema)', async () => {
    const { provider } = makers[kind]();
    await provider.complete({ ...request, tier: 'fast' });
    const seen = server.requests[0]!;
    expect(seen.schemaName).toBe('answer');
    expect(seen.system).toBe('You judge.');
    expect(seen.user).toBe('Judge this.');
    expect(seen.model).toBe(provider.model('fast'));
    if (kind === 'anthropic') {
      expect(seen.schema).toEqual(schema);
      expect(seen.body.tool_choice).toEqual({ type: 'tool', name: 'answer' });
      // The unchanging prefix (tool schema, system prompt) is marked for prompt caching.
      expect((seen.body.tools as { cache_control?: unknown }[])[0]!.cache_control).toEqual({ type: 'ephemeral' });
    } else {
      expect(seen.schema).toEqual({ ...schema, additionalProperties: false });
      expect(seen.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
      expect(seen.body.max_tokens).toBeGreaterThan(0);
    }
  });

  it('reports a malformed answer as malformed, with its usage', async () => {
    const { provider } = makers[kind]();
    server.enqueue({ kind: 'malformed' });
    const err = await failure(provider.complete(request));
    expect(err.code).toBe('malformed');
    expect(err.usage?.inputTokens).toBeGreaterThan(0);
  });

  it('reports an answer cut off at the token limit as truncated', async () => {
    const { provider } = makers[kind]();
    server.enqueue({ kind: 'truncated' });
    expect((await failure(provider.complete(request))).code).toBe('truncated');
  });

  it('waits what retry-after says on 429, then succeeds', async () => {
    const h = makers[kind]();
    server.enqueue({ kind: 'error', status: 429, retryAfter: '1.5' });
    const result = await h.provider.complete(request);
    expect(result.data).toEqual({ verdict: 'ok', score: 3 });
    expect(h.sleeps).toEqual([1500]);
    expect(server.requests).toHaveLength(2);
  });

  it('backs off exponentially on 500 and gives up after the retries', async () => {
    const h = makers[kind](undefined, 2);
    server.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 503 }, { kind: 'error', status: 500 });
    const err = await failure(h.provider.complete(request));
    expect(err.code).toBe('server_error');
    expect(err.status).toBe(500);
    expect(h.sleeps).toEqual([500, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it('refuses a retry-after longer than it is willing to wait', async () => {
    const h = makers[kind]();
    server.enqueue({ kind: 'error', status: 429, retryAfter: '3600' });
    const err = await failure(h.provider.complete(request));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(/Wait and try again/);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a bad request', async () => {
    const h = makers[kind]();
    server.enqueue({ kind: 'error', status: 400, message: 'bad schema' });
    const err = await failure(h.provider.complete(request));
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain('bad schema');
    expect(server.requests).toHaveLength(1);
  });

  it('times out when the server answers too late, retrying a timeout only once', async () => {
    const h = makers[kind](150, 3);
    server.enqueue({ kind: 'delay', ms: 5_000 }, { kind: 'delay', ms: 5_000 }, { kind: 'delay', ms: 5_000 });
    const err = await failure(h.provider.complete(request));
    expect(err.code).toBe('timeout');
    expect(server.requests).toHaveLength(2);
    expect(h.sleeps).toHaveLength(1);
  });

  it('stops when the caller aborts', async () => {
    const h = makers[kind]();
    server.enqueue({ kind: 'delay', ms: 5_000 });
    const controller = new AbortController();
    const pending = h.provider.complete({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('aborted');
  });
});

it('accepts an OpenAI-compatible answer given as a tool call', async () => {
  const { provider } = makers.openai();
  server.enqueue({ kind: 'tool_call' });
  expect((await provider.complete(request)).data).toEqual({ verdict: 'ok', score: 3 });
});
