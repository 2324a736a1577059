import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAiServer, type AiServer } from './server.ts';

let server: AiServer;
beforeAll(async () => {
  server = await startAiServer({ smart: { greeting: () => ({ hello: 'world' }) } });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

it('answers in each provider\'s error shape, including a missing key', async () => {
  const anthropic = await post('/v1/messages', { model: 'm', messages: [] });
  expect(anthropic.status).toBe(401);
  expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  const openai = await post('/v1/chat/completions', 'not json', { authorization: 'Bearer k' });
  expect(openai.status).toBe(400);
  expect(await openai.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'Body is not JSON.' } });
});

it('can be scripted and counted over HTTP by tests in another process', async () => {
  await post('/__admin/reset', {});
  expect((await post('/__admin/enqueue', [{ kind: 'nonsense' }])).status).toBe(400);
  expect(await (await post('/__admin/enqueue', [{ kind: 'error', status: 429, retryAfter: '1' }])).json()).toEqual({ queued: 1 });
  const body = { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_schema', json_schema: { name: 'greeting', schema: {} } } };
  const limited = await post('/v1/chat/completions', body, { authorization: 'Bearer k' });
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('1');
  const ok = await post('/v1/chat/completions', body, { authorization: 'Bearer k' });
  const completion = (await ok.json()) as { choices: { message: { content: string } }[]; usage: { prompt_tokens: number } };
  expect(JSON.parse(completion.choices[0]!.message.content)).toEqual({ hello: 'world' });
  expect(completion.usage.prompt_tokens).toBeGreaterThan(0);
  const seen = (await (await fetch(`${server.url}/__admin/requests`)).json()) as { count: number; requests: { schemaName: string }[] };
  expect(seen.count).toBe(2);
  expect(seen.requests[1]!.schemaName).toBe('greeting');
});
